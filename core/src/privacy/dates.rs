//! Dates tied to a client: birth dates in any common format, and dates of deaths,
//! admissions and other events in their life. The clinician's own dates stay quiet.

use super::lexicon::Cue;
use super::tokens::Text;
use super::{FindingKind, Span};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether `lower` names a month or a day of the week.
pub(super) fn calendar_word(lower: &str) -> bool {
    month_number(lower).is_some()
        || DAYS
            .iter()
            .any(|d| lower == *d || lower.strip_suffix('s') == Some(d))
}

fn month_number(w: &str) -> Option<u32> {
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(w)))
        .map(|i| i as u32 + 1)
}

/// Whether a word that ties a date to a client's life stands near token `i`, and the
/// writer is not speaking of their own life ("my dad's anniversary").
fn client_context(t: &Text, i: usize) -> bool {
    let from = t.sentence_of(i).max(i.saturating_sub(8));
    let to = (i + 3).min(t.sentence_end(i));
    let birth = (from..to).any(|k| t.cue(k, Cue::Birth) || t.lower(k) == "b" && t.is(k + 1, "."));
    birth && !own(t, i)
}

/// Whether the writer speaks of themselves before token `i` in its sentence, with no
/// other person in between.
fn own(t: &Text, i: usize) -> bool {
    let mut own = false;
    for k in t.sentence_of(i).max(i.saturating_sub(12))..i {
        if t.cue(k, Cue::FirstPerson) {
            own = true;
        } else if t.cue(k, Cue::ThirdPerson)
            || t.cue(k, Cue::Clinical)
            || (t.is_cap(k) && !t.starts_sentence(k) && !calendar_word(t.lower(k)))
        {
            own = false;
        }
    }
    own
}

fn number(t: &Text, i: usize) -> Option<u32> {
    t.is_number(i).then(|| t.word(i).parse().ok()).flatten()
}

fn full_year(y: u32, digits: usize, this_year: i32) -> Option<i32> {
    match digits {
        4 if (1900..=2100).contains(&y) => Some(y as i32),
        2 => Some(
            if 2000 + y as i32 <= this_year {
                2000
            } else {
                1900
            } + y as i32,
        ),
        _ => None,
    }
}

/// Finds dates tied to a client in `t`; `this_year` dates the check.
pub(super) fn dates(t: &Text, this_year: i32, out: &mut Vec<Span>) {
    let mut i = 0;
    while i < t.len() {
        let context = client_context(t, i);
        let found = numeric(t, i, this_year, context).or_else(|| textual(t, i, this_year, context));
        match found {
            Some((end, full)) => {
                if context || (full && !own(t, i)) {
                    out.push(Span {
                        kind: FindingKind::Date,
                        start: t.tokens[i].start,
                        end: t.tokens[end].end,
                    });
                }
                i = end + 1;
            }
            None => {
                // "born in 1985"
                if context
                    && t.word(i).len() == 4
                    && number(t, i)
                        .and_then(|y| full_year(y, 4, this_year))
                        .is_some_and(|y| y <= this_year)
                    && matches!(t.lower(i.wrapping_sub(1)), "in" | "born")
                {
                    out.push(Span {
                        kind: FindingKind::Date,
                        start: t.tokens[i].start,
                        end: t.tokens[i].end,
                    });
                }
                i += 1;
            }
        }
    }
}

/// A numeric date at token `i`: D/M/Y, M/D/Y, Y-M-D, D.M.Y, or D/M alone next to a
/// client word. Returns its last token and whether it has a year.
fn numeric(t: &Text, i: usize, this_year: i32, context: bool) -> Option<(usize, bool)> {
    let get = |k: usize| (k < t.len() && (k == i || t.glued(k))).then_some(k);
    let a = get(i).filter(|&k| t.is_number(k))?;
    let sep = get(i + 1)
        .map(|k| t.word(k))
        .filter(|s| ["/", "-", "."].contains(s))?;
    let b = get(i + 2).filter(|&k| t.is_number(k))?;
    let c = get(i + 3)
        .filter(|&k| t.word(k) == sep)
        .and_then(|_| get(i + 4))
        .filter(|&k| t.is_number(k));
    let (av, bv) = (number(t, a)?, number(t, b)?);
    let fits = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
    match c {
        Some(c) => {
            let cv = number(t, c)?;
            let (alen, clen) = (t.word(a).len(), t.word(c).len());
            if alen == 4 && sep == "-" {
                full_year(av, 4, this_year)?;
                return fits(cv, bv).then_some((i + 4, true));
            }
            full_year(cv, clen, this_year)?;
            (alen <= 2 && t.word(b).len() <= 2 && (fits(av, bv) || fits(bv, av)))
                .then_some((i + 4, true))
        }
        // "3/9" without a year: only next to a client word, never a ratio or a score.
        None if sep == "/" && context && (fits(av, bv) || fits(bv, av)) && !t.is(i + 3, "/") => {
            Some((i + 2, false))
        }
        None => None,
    }
}

/// "14 March 1985", "14th of March, 1985", "March 14, 1985", "3 Mar 87", "March 1985".
fn textual(t: &Text, i: usize, this_year: i32, context: bool) -> Option<(usize, bool)> {
    let month = |k: usize| (t.is_word(k)).then(|| month_number(t.lower(k))).flatten();
    let day = |k: usize| number(t, k).filter(|d| (1..=31).contains(d) && t.word(k).len() <= 2);
    let skip = |mut k: usize, words: &[&str]| {
        while k < t.len() && words.contains(&t.lower(k)) {
            k += 1;
        }
        k
    };
    let year = |k: usize| {
        let len = t.word(k).len();
        number(t, k)
            .filter(|_| len == 4 || len == 2 && context)
            .and_then(|y| full_year(y, len, this_year))
    };
    if day(i).is_some() {
        let k = skip(i + 1, &["st", "nd", "rd", "th", "of"]);
        month(k)?;
        let y = skip(k + 1, &[",", "."]);
        return Some(if k + 1 < t.len() && year(y).is_some() {
            (y, true)
        } else {
            (k, false)
        });
    }
    month(i)?;
    // Month names that are ordinary words ("may", "march") count only capitalised.
    if !t.is_cap(i) {
        return None;
    }
    if day(i + 1).is_some() {
        let k = skip(i + 2, &["st", "nd", "rd", "th"]);
        let y = skip(k, &[","]);
        return Some(if year(y).is_some() {
            (y, true)
        } else {
            (k - 1, false)
        });
    }
    // "March 1985": a month and a year only next to a client word.
    let y = i + 1;
    (year(y).is_some() && context).then_some((y, false))
}
