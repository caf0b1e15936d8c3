//! Contact details and numbers: e-mail addresses, phone numbers, and record, case and
//! insurance numbers (NHS numbers with their mod-11 check, SSNs, Medicare, MRNs).

use super::lexicon::Cue;
use super::tokens::{pieces, Kind, Text};
use super::{FindingKind, Span};

/// Finds e-mail addresses, phone numbers and identifying numbers in `t`.
pub(super) fn numbers(t: &Text, out: &mut Vec<Span>) {
    emails(t.text, out);
    national_insurance(t.text, out);
    digit_runs(t, out);
    mixed(t, out);
}

fn emails(text: &str, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('@') {
        let local_ok = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
        let domain_ok = |b: u8| b.is_ascii_alphanumeric() || b".-".contains(&b);
        let mut start = at;
        while start > 0 && local_ok(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && domain_ok(bytes[end]) {
            end += 1;
        }
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &text[at + 1..end];
        let tld_ok = domain.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty() && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())
        });
        if start < at && tld_ok {
            out.push(Span {
                kind: FindingKind::Email,
                start,
                end,
            });
        }
    }
}

/// Whether ten digits pass the NHS number's modulus-11 check.
pub(super) fn nhs_valid(d: &[u8]) -> bool {
    if d.len() != 10 {
        return false;
    }
    let sum: u32 = d[..9]
        .iter()
        .enumerate()
        .map(|(i, &c)| u32::from(c - b'0') * (10 - i as u32))
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    u32::from(d[9] - b'0') == check
}

fn context(t: &Text, i: usize, cue: Cue) -> bool {
    let from = i.saturating_sub(4);
    (from..i).any(|k| t.cue(k, cue))
}

fn digit_runs(t: &Text, out: &mut Vec<Span>) {
    let mut i = 0;
    while i < t.len() {
        let opens = match t.lower(i) {
            "+" | "(" => t.is_number(i + 1) && t.glued(i + 1),
            _ => t.is_number(i),
        };
        // A number glued to a word ("PHQ-9", "B12") is left to `mixed`.
        let glued = i > 0 && t.glued(i) && t.is_word(i - 1);
        if !opens || glued {
            i += 1;
            continue;
        }
        let mut groups: Vec<usize> = Vec::new();
        let mut seps: Vec<&str> = Vec::new();
        let (mut plus, mut paren) = (false, false);
        let mut k = i;
        let mut last = i;
        while k < t.len() {
            let gap_ok = k == i || {
                let gap = &t.text[t.tokens[k - 1].end..t.tokens[k].start];
                gap.len() <= 1 && gap.chars().all(|c| c == ' ')
            };
            if !gap_ok {
                break;
            }
            let w = t.word(k);
            match t.tokens[k].kind {
                Kind::Number => {
                    if !groups.is_empty() && seps.len() < groups.len() {
                        seps.push(" ");
                    }
                    groups.push(k);
                    last = k;
                }
                Kind::Punct if w == "+" && k == i => plus = true,
                Kind::Punct if w == "(" || w == ")" => paren = true,
                Kind::Punct
                    if ["-", ".", "/"].contains(&w)
                        && !groups.is_empty()
                        && seps.len() < groups.len() =>
                {
                    seps.push(w)
                }
                _ => break,
            }
            k += 1;
        }
        let lens: Vec<usize> = groups.iter().map(|&g| t.word(g).len()).collect();
        let digits: String = groups.iter().map(|&g| t.word(g)).collect();
        let n = digits.len();
        let (start, end) = (t.tokens[i].start, t.tokens[last].end);
        let unit = t.cue(last + 1, Cue::Units) || t.is(last + 1, "%");
        let time = seps.contains(&":") || t.is(last + 1, ":");
        let slash = seps.contains(&"/");
        let decimal = seps == ["."] && n < 7;
        let date_like = lens.len() == 3
            && seps.iter().all(|s| *s == seps[0])
            && seps[0] != " "
            && (lens == [4, 2, 2]
                || lens == [4, 1, 1]
                || (lens[0] <= 2 && lens[1] <= 2 && (lens[2] == 4 || lens[2] == 2)));
        let ssn_like = lens == [3, 2, 4] && seps.iter().all(|s| *s == "-" || *s == " ");
        let year_like = n == 4
            && digits
                .parse::<u32>()
                .is_ok_and(|y| (1900..=2040).contains(&y));
        let id_context = if year_like {
            i > 0
                && matches!(
                    t.lower(i - 1),
                    "#" | "no" | "number" | "mrn" | "ref" | "id" | "case" | "file"
                )
        } else {
            context(t, i, Cue::IdContext) || (i > 0 && t.is(i - 1, "#"))
        };
        let phone_context = context(t, i, Cue::PhoneContext);
        // NHS numbers are written 3-3-4 with spaces (or none); "555-201-3344" is a phone.
        let nhs = n == 10
            && (lens == [3, 3, 4] && seps.iter().all(|s| *s == " ") || lens == [10])
            && nhs_valid(digits.as_bytes());
        let kind = if slash || decimal || date_like || unit || time {
            None
        } else if ssn_like
            || (nhs && (id_context || !phone_context))
            || (id_context && n >= 4 && !phone_context)
        {
            Some(FindingKind::IdNumber)
        } else if (7..=15).contains(&n)
            && (plus || paren || groups.len() >= 2 || phone_context || digits.starts_with('0'))
        {
            Some(FindingKind::PhoneNumber)
        } else if lens.iter().any(|&l| l >= 6) || n >= 8 {
            Some(FindingKind::IdNumber)
        } else {
            None
        };
        if let Some(kind) = kind {
            // An ID glued to letters after it: "1234567T" (a PPS number).
            let mut end = end;
            if t.is_word(last + 1)
                && t.glued(last + 1)
                && t.all_caps(last + 1)
                && t.word(last + 1).len() <= 2
            {
                end = t.tokens[last + 1].end;
            }
            out.push(Span { kind, start, end });
        } else if n == 7
            && t.is_word(last + 1)
            && t.glued(last + 1)
            && t.all_caps(last + 1)
            && t.word(last + 1).len() <= 2
        {
            // An Irish PPS number: seven digits and one or two letters.
            out.push(Span {
                kind: FindingKind::IdNumber,
                start,
                end: t.tokens[last + 1].end,
            });
        }
        i = last + 1;
    }
}

/// A UK National Insurance number: "QQ 12 34 56 C" or "QQ123456C".
fn national_insurance(text: &str, out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i + 9 <= b.len() {
        let boundary = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let mut ok = boundary && b[i].is_ascii_uppercase() && b[i + 1].is_ascii_uppercase();
        let mut k = i + 2;
        for _ in 0..3 {
            if b.get(k) == Some(&b' ') {
                k += 1;
            }
            ok = ok && digit(k) && digit(k + 1);
            k += 2;
        }
        if b.get(k) == Some(&b' ') {
            k += 1;
        }
        ok = ok
            && b.get(k).is_some_and(|c| (b'A'..=b'D').contains(c))
            && !b.get(k + 1).is_some_and(u8::is_ascii_alphanumeric);
        if ok {
            out.push(Span {
                kind: FindingKind::IdNumber,
                start: i,
                end: k + 1,
            });
            i = k + 1;
        } else {
            i += 1;
        }
    }
}

/// Letters and digits in one chunk: "MRN4471923", "ZAA0024", "1EG4-TE5-MK73".
fn mixed(t: &Text, out: &mut Vec<Span>) {
    for i in 0..t.len() {
        if t.is_word(i)
            && t.all_caps(i)
            && t.word(i).len() <= 4
            && t.is_number(i + 1)
            && t.glued(i + 1)
            && t.word(i + 1).len() >= 4
        {
            let mut end = i + 1;
            if t.is_word(end + 1)
                && t.glued(end + 1)
                && t.all_caps(end + 1)
                && t.word(end + 1).len() <= 2
            {
                end += 1;
            }
            out.push(Span {
                kind: FindingKind::IdNumber,
                start: t.tokens[i].start,
                end: t.tokens[end].end,
            });
        }
    }
    let all = pieces(t.text, &[',', '.', ';', ':', ')', '(', '!', '?', '#']);
    for (n, &piece) in all.iter().enumerate() {
        let s = &t.text[piece.0..piece.1];
        let d = s.bytes().filter(u8::is_ascii_digit).count();
        let l = s.bytes().filter(u8::is_ascii_alphabetic).count();
        let shape = s
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase() || b == b'-');
        let after_id_word = n
            .checked_sub(1)
            .map(|p| &t.text[all[p].0..all[p].1])
            .is_some_and(|w| {
                super::lexicon::lexicon().cue(
                    Cue::IdContext,
                    &w.trim_end_matches([':', '#']).to_lowercase(),
                )
            });
        let shape = shape
            || after_id_word
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-/".contains(&b));
        if shape
            && (s.len() >= 8 && d >= 3 && l >= 3 || after_id_word && d >= 4 && l >= 1)
            && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        {
            out.push(Span {
                kind: FindingKind::IdNumber,
                start: piece.0,
                end: piece.1,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::nhs_valid;

    #[test]
    fn nhs_numbers_pass_the_modulus_11_check() {
        assert!(nhs_valid(b"9434765919"));
        assert!(!nhs_valid(b"9434765918"));
        assert!(!nhs_valid(b"123"));
    }
}
