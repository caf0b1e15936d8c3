//! People: names (with titles, relations, possessives, family surnames, lower case),
//! initials and short forms, and ages or sex attached to a person.

use super::lexicon::{lexicon, Cue};
use super::tokens::{Fact, Text};
use super::{FindingKind, Span};

/// Name particles that may stand in lower case between two parts of a name.
const PARTICLES: &[&str] = &[
    "van", "der", "den", "de", "da", "di", "del", "della", "la", "le", "von", "bin", "binti", "al",
    "el", "ter", "ten", "du", "des", "dos", "das", "mac", "nic", "ní", "ó", "ua",
];
/// Name prefixes that make a capitalised word look like a name: "MacKenzie", "DeShawn".
const NAME_PREFIXES: &[&str] = &[
    "Mc", "Mac", "O'", "O’", "D'", "D’", "De", "Di", "La", "Le", "Fitz",
];
/// Tokens that may stand between a clinical word and the name it introduces.
const BRIDGES: &[&str] = &[
    ",", ":", "(", "-", "–", "—", "named", "called", "new", "young", "little",
];
/// Dotted abbreviations that are not initials.
const DOTTED: &[&str] = &[
    "us", "uk", "am", "pm", "nb", "ps", "rip", "dob", "eg", "ie", "usa", "aka",
];

/// Finds names, initials and ages in `t`.
pub(super) fn people(t: &Text, out: &mut Vec<Span>) {
    let mut names: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match name_at(t, i) {
            Some(Name::Found { first, last, start }) => {
                out.push(Span {
                    kind: FindingKind::PersonName,
                    start: t.tokens[start].start,
                    end: t.bare_end(last),
                });
                names.push((first, last));
                i = last + 1;
            }
            Some(Name::Rejected { last }) => i = last + 1,
            None => i += 1,
        }
    }
    initials(t, &names, out);
    ages(t, &names, out);
}

/// Whether token `i` looks like a name by its shape alone: "MacKenzie", "D'Souza".
fn name_shaped(t: &Text, i: usize) -> bool {
    let w = t.word(i);
    let lex = lexicon();
    if !t.is_word(i) || lex.is_not_name(t.bare_lower(i)) {
        return false;
    }
    NAME_PREFIXES.iter().any(|p| {
        w.strip_prefix(p).is_some_and(|rest| {
            let mut c = rest.chars();
            c.next().is_some_and(char::is_uppercase)
                && c.clone().next().is_some()
                && c.all(|c| c.is_lowercase() || c == '\'' || c == '’' || c == '-')
        })
    })
}

/// Words that cannot be names by their shape: contractions ("I'm"), plural
/// abbreviations and brands with inner capitals ("GPs", "YouTube"), hyphenated
/// ordinary words ("Greek-speaking"), relations ("Nana"), days and months.
fn not_a_name_shape(t: &Text, i: usize) -> bool {
    let lex = lexicon();
    let lower = t.bare_lower(i);
    let contraction = lower
        .rsplit_once(['\'', '’'])
        .is_some_and(|(_, tail)| matches!(tail, "m" | "ll" | "ve" | "d" | "re" | "t" | "s"));
    // Capitals inside a word, except after a hyphen or apostrophe ("Brennan-Ly").
    let mut prev = ' ';
    let mut capitals = 0;
    for c in t.word(i).chars() {
        if c.is_uppercase() && !matches!(prev, '-' | '\'' | '’') {
            capitals += 1;
        }
        prev = c;
    }
    let inner_capitals = capitals >= 2 && !name_shaped(t, i);
    let hyphenated = lower.contains('-')
        && lower
            .split('-')
            .all(|p| lex.is_common(p) || lex.is_not_name(p));
    contraction
        || inner_capitals
        || hyphenated
        || lex.cue(Cue::Relations, lower)
        || t.cue(i, Cue::FirstPerson)
        || t.cue(i, Cue::PlacePrepositions)
        || lex.cue(Cue::Clinical, lower)
        || super::dates::calendar_word(lower)
}

/// Whether token `i` can be part of a name: a capitalised word that is not a day,
/// month, tool or abbreviation. `lenient` accepts ordinary words too ("Will", "Rose").
fn name_word(t: &Text, i: usize, lenient: bool) -> bool {
    if !t.is_cap(i) {
        return false;
    }
    let lex = lexicon();
    let lower = t.bare_lower(i);
    let w = t.word(i);
    if lex.is_not_name(lower) || (t.all_caps(i) && w.chars().count() > 1) || not_a_name_shape(t, i)
    {
        return false;
    }
    if t.cue(i, Cue::Orgs) || t.cue(i, Cue::Institutions) || t.cue(i, Cue::Streets) {
        return lenient && lex.is_given(lower);
    }
    lenient || !lex.is_common(lower) || lex.is_given(lower) || name_shaped(t, i)
}

/// The last token of a name run starting at `k`.
fn run(t: &Text, k: usize, lenient: bool) -> Option<usize> {
    if !name_word(t, k, lenient) || t.is_letter(k) && !lenient {
        return None;
    }
    let mut last = k;
    let mut words = 1;
    while words < 4 && !t.possessive(last) {
        let j = last + 1;
        if j >= t.len() || !t.adjacent(last, j) {
            break;
        }
        if PARTICLES.contains(&t.lower(j)) && t.adjacent(j, j + 1) && name_word(t, j + 1, true) {
            last = j + 1;
        } else if t.is_letter(j) && t.lower(j) != "i" {
            // A middle initial: "John D. Smith", "John D."
            last = if t.is(j + 1, ".") && t.glued(j + 1) {
                j + 1
            } else {
                j
            };
            if !(t.adjacent(last, last + 1) && name_word(t, last + 1, true)) {
                break;
            }
            last += 1;
        } else if name_word(t, j, true) && !t.cue(j, Cue::PersonVerbs) {
            last = j;
        } else {
            break;
        }
        words += 1;
    }
    // "Maya K." is a short form, found by `initials`.
    Some(last)
}

/// The meaningful token before `i`, skipping bridges like "," and "named".
fn before(t: &Text, i: usize) -> Option<usize> {
    let mut k = i;
    while k > 0 {
        k -= 1;
        if !BRIDGES.contains(&t.lower(k)) {
            return Some(k);
        }
    }
    None
}

/// Whether token `j` names a client: "client", "patient", "service user".
fn clinical(t: &Text, j: usize) -> bool {
    t.cue(j, Cue::Clinical) || (t.lower(j) == "user" && j > 0 && t.lower(j - 1) == "service")
}

/// Why a name at tokens `first..=last` is a client's, if the context says so.
fn strong_context(t: &Text, first: usize, last: usize) -> bool {
    if let Some(p) = before(t, first) {
        if clinical(t, p) {
            return true;
        }
        if t.lower(p) == "with" && p > 0 && (t.cue(p - 1, Cue::Session) || clinical(t, p - 1)) {
            return true;
        }
        if t.cue(p, Cue::Session) && matches!(t.lower(p), "saw" | "seeing" | "see" | "met") {
            return true;
        }
        if t.cue(p, Cue::Relations) && p > 0 {
            let owner = t.lower(p - 1);
            if matches!(owner, "his" | "her" | "their")
                || (t.possessive(p - 1) && !matches!(owner, "my" | "our"))
            {
                return true;
            }
        }
    }
    let n = last + 1;
    if t.cue(n, Cue::Families) && !t.possessive(last) {
        return true;
    }
    if t.possessive(last) && (t.cue(n, Cue::Relations) || t.cue(n, Cue::Session) || clinical(t, n))
    {
        return true;
    }
    // "Maya, 15," / "Leo (6)"
    if (t.is(n, ",") || t.is(n, "(")) && age_value(t, n + 1).is_some() {
        return true;
    }
    // "Sarah Miller, my client", "Tom (client)", "Sarah, a new client"
    let mut k = n;
    let mut steps = 0;
    while k < t.len()
        && steps < 4
        && matches!(
            t.lower(k),
            "," | "(" | "-" | "—" | "my" | "our" | "a" | "the" | "new" | "is" | "was"
        )
    {
        k += 1;
        steps += 1;
    }
    steps > 0 && clinical(t, k)
}

/// Whether the name at `first..=last` is one of the clinician's own people.
fn own(t: &Text, first: usize, last: usize) -> bool {
    let from = t.sentence_of(first).max(first.saturating_sub(5));
    for k in from..first {
        if t.cue(k, Cue::OwnContexts) {
            return true;
        }
        if matches!(t.lower(k), "my" | "our")
            && (k + 1..first.min(k + 5))
                .any(|j| t.cue(j, Cue::OwnRoles) || t.cue(j, Cue::Relations))
        {
            return true;
        }
    }
    let mut k = last + 1;
    while matches!(t.lower(k), "," | "(" | "-" | "—" | "–") {
        k += 1;
    }
    if k > last + 1 && t.cue(k, Cue::OwnRoles) {
        return true;
    }
    if matches!(t.lower(k), "my" | "our")
        && (k + 1..k + 3).any(|j| t.cue(j, Cue::OwnRoles) || t.cue(j, Cue::Relations))
    {
        return true;
    }
    if t.cue(k, Cue::AfterOwn) {
        if matches!(
            t.lower(k),
            "covered" | "supervises" | "supervised" | "helped"
        ) {
            return true;
        }
        let team = |j: usize| {
            matches!(
                t.lower(j),
                "team"
                    | "work"
                    | "ward"
                    | "office"
                    | "hr"
                    | "oh"
                    | "admin"
                    | "unit"
                    | "service"
                    | "practice"
                    | "clinic"
                    | "staff"
                    | "rota"
            )
        };
        if team(k + 1) || (matches!(t.lower(k + 1), "my" | "our" | "the") && team(k + 2)) {
            return true;
        }
    }
    false
}

/// Whether the name at `first..=last` is an author or public figure.
fn public(t: &Text, first: usize, last: usize) -> bool {
    let lex = lexicon();
    let full: Vec<&str> = (first..=last).map(|k| t.bare_lower(k)).collect();
    if lex.is_public(&full.join(" ")) {
        return true;
    }
    let from = t.sentence_of(first).max(first.saturating_sub(4));
    if (from..first).any(|k| t.cue(k, Cue::Public)) {
        return true;
    }
    if t.fact(Fact::Media, first, |a, b| {
        (a..b).any(|k| t.cue(k, Cue::Media))
    }) {
        return true;
    }
    t.possessive(last)
        && matches!(
            t.lower(last + 1),
            "book"
                | "books"
                | "work"
                | "model"
                | "theory"
                | "framework"
                | "podcast"
                | "quote"
                | "research"
        )
}

/// What starts at a token that could begin a name.
enum Name {
    /// A name: its first and last token, and the first token of its span (a title).
    Found {
        first: usize,
        last: usize,
        start: usize,
    },
    /// A run of capitalised words that is not a client's name (an author, a
    /// colleague), skipped whole so that its later words are not taken alone.
    Rejected { last: usize },
}

/// A name starting at token `i`.
fn name_at(t: &Text, i: usize) -> Option<Name> {
    let lex = lexicon();
    // A title: "Mrs Adeyemi", "Mr. Farouk Haddad", "Dr Moreau".
    let title_dot = t.is(i + 1, ".")
        && t.glued(i + 1)
        && matches!(t.lower(i), "mr" | "mrs" | "ms" | "mx" | "dr");
    let lower_title = matches!(t.lower(i), "mr" | "mrs" | "ms" | "mx");
    if t.cue(i, Cue::Titles)
        && t.is_word(i)
        && (t.is_cap(i) || title_dot || lower_title || i > 0 && clinical(t, i - 1))
    {
        let mut k = i + 1;
        if t.is(k, ".") && t.glued(k) {
            k += 1;
        }
        // "mrs. lee" in lower case, after a title with its full stop
        let function_word = t.cue(k, Cue::FirstPerson)
            || t.cue(k, Cue::ThirdPerson)
            || t.cue(k, Cue::PlacePrepositions);
        let plain_title = lower_title && t.adjacent(i, k);
        if t.is_lower(i)
            && (k == i + 2 || plain_title)
            && t.is_lower(k)
            && !function_word
            && !lex.is_common(t.bare_lower(k))
            || t.is_lower(i) && title_dot && t.is_lower(k) && !function_word
        {
            let last = if t.word(k).chars().count() == 1 && t.is(k + 1, ".") {
                k + 1
            } else {
                k
            };
            return Some(Name::Found {
                first: k,
                last,
                start: i,
            });
        }
        if t.is_lower(i)
            && (k == i + 2 || plain_title)
            && t.is_word(k)
            && t.word(k).chars().count() == 1
            && t.is_lower(k)
        {
            let last = if t.is(k + 1, ".") { k + 1 } else { k };
            return Some(Name::Found {
                first: k,
                last,
                start: i,
            });
        }
        if k < t.len() && t.adjacent(k - 1, k) {
            if let Some(last) = run(t, k, true) {
                let staff_title = matches!(t.lower(i), "dr" | "prof" | "officer" | "sgt");
                if own(t, k, last) && !clinical_before(t, i) || staff_title && staff_world(t, i) {
                    return Some(Name::Rejected { last });
                }
                return Some(Name::Found {
                    first: k,
                    last,
                    start: i,
                });
            }
        }
    }
    // A client's name in lower case: "pt tomasz", "saw jamal".
    if t.is_lower(i) && t.word(i).chars().count() >= 3 {
        let lower = t.bare_lower(i);
        let plain = !lex.is_common(lower)
            && !lex.is_not_name(lower)
            && !lex.is_acronym(lower)
            && !t.cue(i, Cue::Titles)
            && !lex.cue(Cue::Relations, lower);
        let after_clinical =
            before(t, i).is_some_and(|p| clinical(t, p)) && plain && t.adjacent(i - 1, i);
        let relative = t.possessive(i) && lex.cue(Cue::Relations, t.lower(i + 1)) && plain;
        if relative {
            return Some(Name::Found {
                first: i,
                last: i,
                start: i,
            });
        }
        let weak = plain
            && lex.is_given(lower)
            && !t.cue(i, Cue::Units)
            && !own(t, i, i)
            && !public(t, i, i)
            && !staff_world(t, i);
        if after_clinical || weak {
            return Some(Name::Found {
                first: i,
                last: i,
                start: i,
            });
        }
        return None;
    }
    if !t.is_cap(i) {
        return None;
    }
    // A family: "the Kaminskis".
    if i > 0 && t.lower(i - 1) == "the" && !t.cue(i + 1, Cue::Orgs) {
        let lower = t.bare_lower(i);
        if let Some(stem) = lower.strip_suffix('s') {
            if !lex.is_common(stem)
                && !lex.is_common(lower)
                && !lex.is_not_name(lower)
                && !t.all_caps(i)
            {
                return Some(Name::Found {
                    first: i,
                    last: i,
                    start: i,
                });
            }
        }
    }
    // "Mere's koro", "Will's mum": a possessive before a relation names a person.
    let relative_next =
        t.cue(i + 1, Cue::Relations) || !t.starts_sentence(i) && t.cue(i + 1, Cue::Session);
    if t.possessive(i)
        && relative_next
        && name_word(t, i, true)
        && !own(t, i, i)
        && !public(t, i, i)
    {
        return Some(Name::Found {
            first: i,
            last: i,
            start: i,
        });
    }
    let last = run(t, i, false)?;
    let strong = strong_context(t, i, last);
    if strong {
        let by_relation_or_clinic =
            before(t, i).is_some_and(|p| clinical(t, p) || t.cue(p, Cue::Relations));
        if !by_relation_or_clinic && own(t, i, last) {
            return Some(Name::Rejected { last });
        }
        return Some(Name::Found {
            first: i,
            last,
            start: i,
        });
    }
    // Without a context, the word itself must look like a name.
    let lower = t.bare_lower(i);
    let common = lex.is_common(lower);
    let given = lex.is_given(lower);
    let next = last + 1;
    let verb_next = t.cue(next, Cue::PersonVerbs) || t.cue(next, Cue::Linking);
    // A field of a word or two (a tag, a title) has no sentence to start.
    let short_field = t.len() <= 3;
    let saint = i > 0 && matches!(t.lower(i - 1), "st" | "saint")
        || i > 1 && t.is(i - 1, ".") && t.lower(i - 2) == "st";
    if saint {
        return Some(Name::Rejected { last });
    }
    let evidence = if short_field {
        !common || name_shaped(t, i)
    } else if t.starts_sentence(i) {
        name_shaped(t, i)
            || (given && !common)
            || (!common && (verb_next || last > i || t.possessive(last)))
            || (given && t.cue(next, Cue::PersonVerbs))
    } else {
        !common || given || name_shaped(t, i)
    };
    let street = t.cue(next, Cue::Streets) && t.is_cap(next) && t.adjacent(last, next);
    if !evidence
        || street
        || t.cue(next, Cue::Orgs)
        || located(t, i)
        || own(t, i, last)
        || public(t, i, last)
        || staff_world(t, i)
    {
        return Some(Name::Rejected { last });
    }
    Some(Name::Found {
        first: i,
        last,
        start: i,
    })
}

/// Whether the sentence holding token `i` is about the clinician's own world (their
/// team, training, shifts, family and friends) and names nothing of a client's.
pub(super) fn staff_world(t: &Text, i: usize) -> bool {
    t.fact(Fact::StaffWorld, i, |a, b| staff_sentence(t, a, b))
}

fn staff_sentence(t: &Text, a: usize, b: usize) -> bool {
    let lex = lexicon();
    let own = (a..b).any(|k| {
        t.cue(k, Cue::OwnWorld)
            || t.cue(k, Cue::OwnContexts)
            || lex.cue(Cue::Relations, t.bare_lower(k))
                && k > 0
                && matches!(t.lower(k - 1), "my" | "our")
    });
    // Plurals ("patients waiting") speak of the work, not of one client.
    let client = (a..b).any(|k| {
        clinical(t, k)
            && !matches!(
                t.lower(k),
                "patients" | "clients" | "pts" | "residents" | "referrals"
            )
            || t.cue(k, Cue::ClientWorld)
            || (t.cue(k, Cue::Titles)
                && t.is_cap(k)
                && !matches!(t.lower(k), "dr" | "prof" | "officer" | "sgt"))
            || (lex.cue(Cue::Relations, t.bare_lower(k))
                && k > 0
                && (matches!(t.lower(k - 1), "his" | "her" | "their") || t.possessive(k - 1)))
            || (t.cue(k, Cue::Rooms) && t.is_number(k + 1))
            || (t.is(k, "(") && t.is_number(k + 1))
    });
    own && !client
}

/// Whether a capitalised word at `i` reads as a place: "in Geelong", "at Raglan",
/// "the drive to Athlone", "Lake Tahoe".
fn located(t: &Text, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let mut p = t.lower(i - 1);
    let mut i = i;
    if p == "the" && i >= 2 {
        p = t.lower(i - 2);
        i -= 1;
    }
    let motion = |k: usize| {
        matches!(
            t.lower(k),
            "drive"
                | "drove"
                | "went"
                | "go"
                | "going"
                | "walked"
                | "walk"
                | "trip"
                | "back"
                | "way"
                | "came"
                | "train"
                | "bus"
                | "flight"
                | "flew"
                | "road"
                | "commute"
                | "moved"
                | "move"
                | "home"
                | "down"
                | "up"
                | "out"
        )
    };
    matches!(
        p,
        "in" | "at"
            | "near"
            | "around"
            | "towards"
            | "via"
            | "into"
            | "outside"
            | "across"
            | "through"
    ) || (matches!(p, "to" | "from") && i >= 2 && motion(i - 2))
        || matches!(
            p,
            "lake"
                | "mount"
                | "mt"
                | "cape"
                | "port"
                | "glen"
                | "lough"
                | "loch"
                | "fort"
                | "isle"
                | "river"
        )
}

fn clinical_before(t: &Text, i: usize) -> bool {
    before(t, i).is_some_and(|p| clinical(t, p))
}

/// Whether the token before `i` marks a time slot: "10am -", "3pm:", "9:30".
fn slot_before(t: &Text, i: usize) -> bool {
    let mut k = i;
    while k > 0 && matches!(t.lower(k - 1), "-" | "–" | "—" | ":" | ",") {
        k -= 1;
    }
    if k == 0 || k == i && !t.adjacent(k - 1, k) {
        return false;
    }
    let p = k - 1;
    matches!(t.lower(p), "am" | "pm") || (t.is_number(p) && p >= 2 && t.is(p - 1, ":"))
}

fn initials(t: &Text, names: &[(usize, usize)], out: &mut Vec<Span>) {
    let lex = lexicon();
    let mut i = 0;
    while i < t.len() {
        // "R.T.", "R. T.", "J.M"
        if t.is_letter(i) && t.is(i + 1, ".") && t.glued(i + 1) {
            let mut letters = vec![t.lower(i).to_owned()];
            let mut end = i + 1;
            while t.is_letter(end + 1) && (t.glued(end + 1) || t.adjacent(end, end + 1)) {
                letters.push(t.lower(end + 1).to_owned());
                if t.is(end + 2, ".") && t.glued(end + 2) {
                    end += 2;
                } else {
                    end += 1;
                    break;
                }
            }
            let joined = letters.concat();
            // "A.M." is a time after a number, a client after "saw" or before "said".
            let person = t.cue(end + 1, Cue::Birth)
                || t.cue(end + 1, Cue::PersonVerbs)
                || before(t, i).is_some_and(|p| {
                    clinical(t, p)
                        || matches!(t.lower(p), "with" | "saw" | "see" | "seeing" | "for")
                });
            let time = i > 0 && t.is_number(i - 1);
            if letters.len() >= 2 && (!DOTTED.contains(&joined.as_str()) || person && !time) {
                push(t, out, FindingKind::Initials, i, end);
                i = end + 1;
                continue;
            }
            // "10am - P.", "client P.", "P. cancelled again"
            let context = slot_before(t, i)
                || before(t, i).is_some_and(|p| {
                    clinical(t, p)
                        || matches!(t.lower(p), "with" | "saw" | "see" | "seeing" | "for")
                })
                || (t.is_lower(i + 2) && t.cue(i + 2, Cue::PersonVerbs))
                || (t.is(i + 2, "(") && (age_value(t, i + 3).is_some() || sex(t, i + 3)));
            let after_name = i > 0 && t.is_cap(i - 1) && t.adjacent(i - 1, i);
            if letters.len() == 1
                && t.lower(i) != "i"
                && context
                && !after_name
                && !t.cue(i.wrapping_sub(1), Cue::Titles)
            {
                push(t, out, FindingKind::Initials, i, i + 1);
                i += 2;
                continue;
            }
        }
        // "Maya K." / "Liam B"
        if t.is_cap(i)
            && t.is_letter(i + 1)
            && t.lower(i + 1) != "i"
            && t.adjacent(i, i + 1)
            && !t.is_letter(i)
        {
            let lower = t.bare_lower(i);
            let namey = (lex.is_given(lower) || !lex.is_common(lower))
                && !lex.is_not_name(lower)
                && !t.all_caps(i)
                && !t.cue(i, Cue::Titles);
            let mut end = i + 1;
            if t.is(end + 1, ".") && t.glued(end + 1) {
                end += 1;
            }
            let full_name = t.adjacent(end, end + 1) && t.is_cap(end + 1);
            if namey && !full_name && (!t.starts_sentence(i) || lex.is_given(lower)) {
                push(t, out, FindingKind::Initials, i, end);
                i = end + 1;
                continue;
            }
        }
        // "rachel t." in lower case
        if t.is_lower(i)
            && lex.is_given(t.lower(i))
            && !lex.is_common(t.lower(i))
            && t.is_word(i + 1)
            && t.word(i + 1).chars().count() == 1
            && t.adjacent(i, i + 1)
            && t.is(i + 2, ".")
            && t.glued(i + 2)
        {
            push(t, out, FindingKind::Initials, i, i + 2);
            i += 3;
            continue;
        }
        // "RT (29, M)", "client JM", "KL said"
        if t.all_caps(i)
            && (2..=3).contains(&t.word(i).chars().count())
            && !lex.is_acronym(t.bare_lower(i))
            && !lex.is_not_name(t.bare_lower(i))
        {
            let context = before(t, i).is_some_and(|p| {
                clinical(t, p)
                    || t.cue(p, Cue::Titles)
                    || matches!(t.lower(p), "with" | "saw" | "seeing")
            }) || slot_before(t, i)
                || t.possessive(i)
                || (t.is(i + 1, "(")
                    && (age_value(t, i + 2).is_some()
                        || sex(t, i + 2) && age_value(t, i + 3).is_some()))
                || (t.is(i + 1, ",") && age_value(t, i + 2).is_some())
                || t.cue(i + 1, Cue::PersonVerbs);
            if context {
                out.push(Span {
                    kind: FindingKind::Initials,
                    start: t.tokens[i].start,
                    end: t.bare_end(i),
                });
            }
        }
        // A single capital after a clinical word: "client J said".
        if t.is_letter(i)
            && t.lower(i) != "i"
            && !t.is(i + 1, ".")
            && before(t, i).is_some_and(|p| clinical(t, p))
            && !names.iter().any(|&(a, b)| a <= i && i <= b)
        {
            push(t, out, FindingKind::Initials, i, i);
        }
        i += 1;
    }
}

fn push(t: &Text, out: &mut Vec<Span>, kind: FindingKind, first: usize, last: usize) {
    out.push(Span {
        kind,
        start: t.tokens[first].start,
        end: t.tokens[last].end,
    });
}

/// The value of token `i` when it can be a person's age (0–115, at most three digits).
fn age_value(t: &Text, i: usize) -> Option<u32> {
    (t.is_number(i) && t.word(i).len() <= 3)
        .then(|| t.word(i).parse().ok())
        .flatten()
        .filter(|v| *v <= 115)
}

fn sex(t: &Text, i: usize) -> bool {
    matches!(t.word(i), "M" | "F" | "m" | "f" | "NB" | "nb")
        || matches!(t.lower(i), "male" | "female" | "non-binary")
}

fn ages(t: &Text, names: &[(usize, usize)], out: &mut Vec<Span>) {
    let lex = lexicon();
    let namey = |k: usize| {
        names.iter().any(|&(_, b)| b == k)
            || (t.is_cap(k)
                && !lex.is_not_name(t.bare_lower(k))
                && (!lex.is_common(t.bare_lower(k)) || lex.is_given(t.bare_lower(k))))
            || (t.all_caps(k) && !lex.is_acronym(t.lower(k)) && t.word(k).len() <= 3)
            || t.is(k, ".") && k > 0 && t.is_letter(k - 1)
    };
    for i in 0..t.len() {
        if age_value(t, i).is_some() {
            let n = i + 1;
            // "29yo", "61 y/o", "17-year-old", "72 yrs old", "34F"
            let glued_word = t.glued(n) && t.is_word(n);
            let yo = matches!(
                t.lower(n),
                "yo" | "yrs" | "yr" | "y" | "yoa" | "yro" | "yof" | "yom"
            );
            let end = if yo && t.lower(n) == "y" && t.is(n + 1, "/") && t.lower(n + 2) == "o" {
                Some(n + 2)
            } else if yo && t.lower(n) == "y" && t.is(n + 1, ".") && t.lower(n + 2) == "o" {
                Some(if t.is(n + 3, ".") { n + 3 } else { n + 2 })
            } else if yo && t.lower(n) == "y" {
                None
            } else if yo && t.lower(n + 1) == "old" {
                Some(n + 1)
            } else if yo && (glued_word || matches!(t.lower(n), "yo" | "yoa" | "yro"))
                || matches!(
                    t.lower(n),
                    "year-old" | "yr-old" | "years-old" | "month-old"
                )
            {
                Some(n)
            } else if t.is(n, "-")
                && matches!(
                    t.lower(n + 1),
                    "year-old" | "yr-old" | "yo" | "years-old" | "month-old"
                )
                || matches!(t.lower(n), "year" | "years" | "yr" | "yrs")
                    && matches!(t.lower(n + 1), "old" | "-old")
            {
                Some(n + 1)
            } else if glued_word && matches!(t.word(n), "M" | "F") {
                Some(n)
            } else {
                None
            };
            if let Some(end) = end {
                push(t, out, FindingKind::Age, i, end);
                continue;
            }
            // "(41, M)", "(F, 34)", "(6)" after a name
            if i > 0 && t.is(i - 1, "(") {
                let close_after = |k: usize| t.is(k, ")");
                if t.is(i + 1, ",") && sex(t, i + 2) && close_after(i + 3)
                    || sex(t, i + 1) && close_after(i + 2)
                {
                    let last = if t.is(i + 1, ",") { i + 2 } else { i + 1 };
                    push(t, out, FindingKind::Age, i, last);
                    continue;
                }
                if close_after(i + 1) && i >= 2 && namey(i - 2) {
                    push(t, out, FindingKind::Age, i, i);
                    continue;
                }
            }
            // "(both 9)", "(veteran, 68)": a number closing a bracket after a person
            if t.is(i + 1, ")") {
                let open = (i.saturating_sub(4)..i).rev().find(|&k| t.is(k, "("));
                if let Some(o) = open {
                    if o > 0
                        && (namey(o - 1) || t.cue(o - 1, Cue::Families))
                        && (o + 1..i).all(|k| t.is_word(k) || t.is(k, ","))
                    {
                        push(t, out, FindingKind::Age, i, i);
                        continue;
                    }
                }
            }
            if i >= 2
                && t.is(i - 1, ",")
                && sex(t, i - 2)
                && t.is_word(i - 2)
                && t.word(i - 2).len() <= 2
            {
                push(t, out, FindingKind::Age, i - 2, i);
                continue;
            }
            // "29, M"
            if t.is(i + 1, ",") && matches!(t.word(i + 2), "M" | "F") && !t.is_word(i + 3) {
                push(t, out, FindingKind::Age, i, i + 2);
                continue;
            }
            // "Maya, 15," / "RT, 29"
            if i >= 2 && t.is(i - 1, ",") && namey(i - 2) {
                let after = t.lower(n);
                if matches!(after, "," | "." | ")" | ";" | "" | "and" | "-" | "—")
                    && !t.cue(n + 1, Cue::Units)
                {
                    push(t, out, FindingKind::Age, i, i);
                    continue;
                }
            }
        }
        // "aged 80", "age: 15"
        if matches!(t.lower(i), "aged" | "age") {
            let mut k = i + 1;
            if t.is(k, ":") || t.lower(k) == "of" {
                k += 1;
            }
            if age_value(t, k).is_some() {
                push(t, out, FindingKind::Age, i, k);
            }
        }
        // "M 45", "F34"
        if matches!(t.word(i), "M" | "F")
            && t.adjacent(i, i + 1)
            && age_value(t, i + 1).is_some()
            && !t.glued(i + 1)
            && !t.is_word(i + 2)
        {
            push(t, out, FindingKind::Age, i, i + 1);
        }
    }
}
