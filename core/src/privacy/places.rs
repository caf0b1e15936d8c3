//! Places that locate a client: named institutions, wards, beds and rooms with a
//! person, where someone lives or works, streets and postcodes.

use super::lexicon::{lexicon, Cue};
use super::tokens::{pieces, Fact, Text};
use super::{FindingKind, Span};

/// Finds places and addresses in `t`.
pub(super) fn places(t: &Text, out: &mut Vec<Span>) {
    institutions(t, out);
    located(t, out);
    rooms(t, out);
    residence(t, out);
    streets(t, out);
    postcodes(t, out);
}

fn push(t: &Text, out: &mut Vec<Span>, kind: FindingKind, first: usize, last: usize) {
    out.push(Span {
        kind,
        start: t.tokens[first].start,
        end: t.tokens[last].end,
    });
}

/// Whether a capitalised word can be part of a place's name.
fn place_word(t: &Text, i: usize) -> bool {
    t.is_cap(i) && !t.cue(i, Cue::FirstPerson) && !matches!(t.lower(i), "the" | "a" | "an")
        || matches!(t.lower(i), "of" | "&" | "and" | "on" | "st" | "'s")
}

/// The first token of a run of capitalised words ending at `end` (inclusive), at most
/// `max` words; `None` when `end` itself is not such a word.
fn run_back(t: &Text, end: usize, max: usize) -> Option<usize> {
    let mut first = None;
    let mut k = end;
    let mut n = 0;
    loop {
        if !place_word(t, k) || n >= max {
            break;
        }
        if t.is_cap(k) {
            first = Some(k);
        }
        n += 1;
        if k == 0 || !(t.adjacent(k - 1, k) || t.is(k, ".") && t.glued(k)) {
            break;
        }
        // Do not run back over a sentence start, unless a capital continues the name.
        if t.starts_sentence(k) {
            break;
        }
        k -= 1;
        if t.is(k, ".") && k > 0 && t.lower(k - 1) == "st" {
            // "St. Mary's": keep the abbreviation.
            continue;
        }
    }
    first
}

/// Whether `first..last` is somewhere the clinician works or trained, said so nearby.
fn own_place(t: &Text, first: usize) -> bool {
    let from = t.sentence_of(first).max(first.saturating_sub(5));
    (from..first).any(|k| {
        matches!(t.lower(k), "my" | "our")
            || (matches!(t.lower(k), "i" | "we")
                && matches!(
                    t.lower(k + 1),
                    "work"
                        | "worked"
                        | "working"
                        | "trained"
                        | "studied"
                        | "qualified"
                        | "started"
                        | "went"
                        | "am"
                        | "was"
                        | "'m"
                ))
    })
}

fn institutions(t: &Text, out: &mut Vec<Span>) {
    for j in 0..t.len() {
        if !t.cue(j, Cue::Institutions) || j == 0 {
            continue;
        }
        // Extend over a second institution word: "Care Home", "Primary School".
        let mut end = j;
        while t.cue(end + 1, Cue::Institutions) && t.is_cap(end + 1) && t.adjacent(end, end + 1) {
            end += 1;
        }
        if !(t.is_cap(j) || t.is_cap(j - 1)) || !t.adjacent(j - 1, j) {
            continue;
        }
        let Some(first) = run_back(t, j - 1, 5) else {
            continue;
        };
        let workplace = matches!(
            t.lower(j),
            "plant"
                | "factory"
                | "warehouse"
                | "depot"
                | "site"
                | "store"
                | "shop"
                | "works"
                | "mine"
                | "farm"
        );
        // A word that makes the place specific: not an ordinary word that is only
        // capitalised because it starts a sentence ("Walk home"), and, before a
        // suffix in lower case ("St Brigid's primary"), not an ordinary word at all.
        let specific = (first..j).any(|k| {
            let ordinary = lexicon().is_common(t.bare_lower(k));
            (t.is_cap(k) || t.is_number(k))
                && !t.cue(k, Cue::GenericPlaces)
                && !t.cue(k, Cue::Institutions)
                && !t.cue(k, Cue::Orgs)
                && !t.cue(k, Cue::FirstPerson)
                && !(ordinary && (t.starts_sentence(k) || !t.is_cap(j) && !workplace))
        });
        let holiday = (first..j)
            .all(|k| super::dates::calendar_word(t.bare_lower(k)) || t.cue(k, Cue::Holidays));
        // A landmark locates someone only in a sentence about them.
        let landmark = matches!(
            t.lower(j),
            "bridge"
                | "tower"
                | "pier"
                | "beach"
                | "park"
                | "reserve"
                | "station"
                | "stadium"
                | "mall"
                | "plaza"
                | "gardens"
                | "pool"
                | "pub"
                | "bar"
                | "tavern"
                | "motorway"
        );
        let staff = super::people::staff_world(t, j);
        if specific
            && !holiday
            && !own_place(t, first)
            && !staff
            && (!landmark || person_in_sentence(t, j))
        {
            push(t, out, FindingKind::Place, first, end);
        }
    }
}

/// Whether the sentence holding token `i` speaks of a person other than the writer.
fn person_in_sentence(t: &Text, i: usize) -> bool {
    t.fact(Fact::Person, i, |a, b| person_between(t, a, b))
}

fn person_between(t: &Text, a: usize, b: usize) -> bool {
    let lex = lexicon();
    (a..b).any(|k| {
        t.cue(k, Cue::ThirdPerson)
            || t.cue(k, Cue::Clinical)
            || t.cue(k, Cue::Families)
            || (t.cue(k, Cue::Titles) && t.is_cap(k))
            || (t.all_caps(k) && (2..=3).contains(&t.word(k).len()) && !lex.is_acronym(t.lower(k)))
            || (t.is_letter(k) && t.is(k + 1, ".") && t.is_letter(k + 2))
            || (t.is(k, "(") || t.is(k, ","))
                && t.is_number(k + 1)
                && t.word(k + 1).len() <= 3
                && (t.is(k + 2, ")") || t.is(k + 2, ","))
            || t.is_number(k) && matches!(t.lower(k + 1), "yo" | "y" | "yrs") && t.glued(k + 1)
            || (t.is_cap(k) && !t.starts_sentence(k) || lex.is_given(t.bare_lower(k)))
                && !lex.is_common(t.bare_lower(k))
                && t.cue(k + 1, Cue::PersonVerbs)
    })
}

/// A capitalised place after "in", "at", "outside" in a sentence about someone else:
/// "a registrar at Monash", "the house in Tuam", "stationed at Fort Bragg".
fn located(t: &Text, out: &mut Vec<Span>) {
    let lex = lexicon();
    for p in 0..t.len() {
        if !matches!(
            t.lower(p),
            "in" | "at" | "outside" | "near" | "from" | "around" | "of" | "behind" | "opposite"
        ) {
            continue;
        }
        let mut k = p + 1;
        if t.lower(k) == "the" {
            k += 1;
        }
        let Some(end) = place_run(t, k) else {
            continue;
        };
        let words: Vec<usize> = (k..=end).collect();
        let known = words.iter().all(|&w| {
            let l = t.bare_lower(w);
            lex.is_not_name(l) && !(t.cue(w, Cue::Shops) && t.lower(p) != "on")
                || t.cue(w, Cue::Orgs)
                || t.cue(w, Cue::Titles)
                || t.all_caps(w) && lex.is_acronym(l)
        }) || (k == end && lex.is_common(t.bare_lower(k)));
        let org = words.iter().any(|&w| t.cue(w, Cue::Orgs));
        let of = t.lower(p) == "of" && !(t.lower(k.saturating_sub(1)) == "the" || end > k);
        if known
            || org
            || of
            || t.cue(k, Cue::Titles)
            || !person_in_sentence(t, p)
            || first_person_near(t, p)
            || super::people::staff_world(t, p)
        {
            continue;
        }
        push(t, out, FindingKind::Place, k, end);
    }
}

fn rooms(t: &Text, out: &mut Vec<Span>) {
    for i in 0..t.len() {
        if !t.cue(i, Cue::Rooms) {
            continue;
        }
        let mut k = i + 1;
        if t.lower(i) == "side" && t.lower(k) == "room" {
            k += 1;
        }
        // "Ward 7B", "bed 12", "Bay C", "room 4a"
        let code = (t.is_number(k) && t.word(k).len() <= 4)
            || (t.is_letter(k) && t.lower(k) != "i" && !t.is_word(k + 1));
        if !code || !t.adjacent(k - 1, k) {
            continue;
        }
        let mut end = k;
        if t.is_word(end + 1) && t.glued(end + 1) && t.word(end + 1).chars().count() <= 2 {
            end += 1;
        }
        if t.cue(end + 1, Cue::Units) {
            continue;
        }
        if person_in_sentence(t, i) || t.cue(end + 1, Cue::PersonVerbs) {
            push(t, out, FindingKind::Place, i, end);
        }
    }
}

fn residence(t: &Text, out: &mut Vec<Span>) {
    for v in 0..t.len() {
        if !t.cue(v, Cue::Residence) {
            continue;
        }
        // "lives", "works" speak of someone else; "moved", "stayed" need a person nearby.
        let third = t.lower(v).ends_with('s') && !matches!(t.lower(v), "was");
        if !third && !person_in_sentence(t, v) {
            continue;
        }
        // Not the writer: "I live in", "we moved to".
        if v > 0
            && (t.cue(v - 1, Cue::FirstPerson)
                || v > 1 && t.cue(v - 2, Cue::FirstPerson) && !t.cue(v - 1, Cue::ThirdPerson))
        {
            continue;
        }
        let mut k = v + 1;
        if matches!(
            t.lower(k),
            "up" | "back" | "out" | "over" | "round" | "locally"
        ) {
            k += 1;
        }
        if !t.cue(k, Cue::PlacePrepositions) {
            continue;
        }
        k += 1;
        if t.lower(k) == "the" {
            k += 1;
        }
        let Some(mut end) = place_run(t, k) else {
            continue;
        };
        let lex = lexicon();
        let known = (k..=end)
            .all(|w| t.cue(w, Cue::Holidays) || t.all_caps(w) && lex.is_acronym(t.lower(w)));
        if known || super::people::staff_world(t, v) {
            continue;
        }
        // "Boots in Meadowhall", "the Travelodge on the Naas Road"
        if matches!(t.lower(end + 1), "in" | "on" | "at" | "near") {
            let mut n = end + 2;
            if t.lower(n) == "the" {
                n += 1;
            }
            if let Some(e) = place_run(t, n) {
                end = e;
            }
        }
        push(t, out, FindingKind::Place, k, end);
    }
}

/// A run of capitalised words from `k` that can name a place: not a day, a month, a
/// pronoun or an abbreviation of time.
fn place_run(t: &Text, k: usize) -> Option<usize> {
    let ok = |i: usize| {
        t.is_cap(i)
            && !t.is_letter(i)
            && !t.cue(i, Cue::FirstPerson)
            && !super::dates::calendar_word(t.bare_lower(i))
            && !matches!(t.lower(i), "i" | "am" | "pm")
    };
    if !ok(k) {
        return None;
    }
    let mut end = k;
    while end + 1 < t.len() && t.adjacent(end, end + 1) && ok(end + 1) && end - k < 4 {
        end += 1;
    }
    Some(end)
}

fn streets(t: &Text, out: &mut Vec<Span>) {
    for j in 1..t.len() {
        if !t.cue(j, Cue::Streets) || !t.is_cap(j) && !t.all_caps(j) {
            continue;
        }
        let lower = t.lower(j);
        // "St Mary's" and "Dr Smith" are a saint and a doctor, not a street and a drive.
        if matches!(lower, "st" | "dr") && (t.is_cap(j + 1) || t.is(j + 1, ".") && t.is_cap(j + 2))
        {
            continue;
        }
        let mut first = j;
        let mut n = 0;
        while first > 0
            && n < 3
            && t.adjacent(first - 1, first)
            && t.is_cap(first - 1)
            && !t.starts_sentence(first)
            && !t.cue(first - 1, Cue::Streets)
        {
            first -= 1;
            n += 1;
        }
        if t.starts_sentence(first)
            && first < j
            && n > 0
            && t.is_cap(first)
            && lexicon().is_common(t.lower(first))
            && first + 1 < j
        {
            first += 1;
            n -= 1;
        }
        if n == 0 || t.cue(first, Cue::Titles) || t.cue(first, Cue::FirstPerson) {
            continue;
        }
        // A house number, with a letter: "221B", "14".
        let mut start = first;
        let mut numbered = false;
        if start > 0
            && t.is_word(start - 1)
            && t.glued(start - 1)
            && t.word(start - 1).chars().count() == 1
            && start >= 2
            && t.is_number(start - 2)
        {
            start -= 2;
            numbered = true;
        } else if start > 0 && t.is_number(start - 1) && t.word(start - 1).len() <= 5 {
            start -= 1;
            numbered = true;
        }
        // "Flat 3, 22 Queen's Road"
        if numbered
            && start >= 3
            && t.is(start - 1, ",")
            && t.is_number(start - 2)
            && t.cue(start - 3, Cue::Rooms)
        {
            start -= 3;
        }
        let prep = start > 0
            && (t.cue(start - 1, Cue::PlacePrepositions)
                || t.cue(start - 1, Cue::Residence)
                || matches!(t.lower(start - 1), "down" | "along" | "up"));
        if t.cue(j, Cue::StreetsAmbiguous) && !numbered && !prep {
            continue;
        }
        if !numbered
            && (first_person_near(t, first)
                || !prep && !person_in_sentence(t, j)
                || super::people::staff_world(t, j))
        {
            continue;
        }
        // The full stop of an abbreviation ("Birch Rd."), not one that ends a sentence.
        let mut end = j;
        let abbreviation = matches!(
            lower,
            "st" | "rd"
                | "ln"
                | "ave"
                | "av"
                | "dr"
                | "pl"
                | "ct"
                | "cres"
                | "tce"
                | "sq"
                | "blvd"
                | "hwy"
                | "pkwy"
                | "cir"
                | "gdns"
                | "pde"
        );
        if abbreviation && t.is(j + 1, ".") && t.glued(j + 1) && !t.is_cap(j + 2) && j + 2 < t.len()
        {
            end = j + 1;
        }
        push(t, out, FindingKind::StreetAddress, start, end);
    }
    // "PO Box 1234"
    for i in 0..t.len().saturating_sub(2) {
        if t.lower(i) == "po" && t.lower(i + 1) == "box" && t.is_number(i + 2) {
            push(t, out, FindingKind::StreetAddress, i, i + 2);
        }
    }
}

/// Whether the writer speaks of themselves just before token `i`.
fn first_person_near(t: &Text, i: usize) -> bool {
    let from = t.sentence_of(i).max(i.saturating_sub(6));
    let mut own = false;
    for k in from..i {
        if t.cue(k, Cue::FirstPerson) {
            own = true;
        } else if t.cue(k, Cue::ThirdPerson) || t.cue(k, Cue::Clinical) {
            own = false;
        }
    }
    own
}

/// A white-space-separated piece of the text without surrounding punctuation.
struct Chunk<'a> {
    s: &'a str,
    start: usize,
    end: usize,
}

fn chunks(text: &str) -> Vec<Chunk<'_>> {
    const TRIM: &[char] = &[',', '.', ';', ':', '(', ')', '"', '\'', '!', '?', '[', ']'];
    pieces(text, TRIM)
        .into_iter()
        .map(|(start, end)| Chunk {
            s: &text[start..end],
            start,
            end,
        })
        .collect()
}

fn uk_outward(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    (1..=2).contains(&letters)
        && b.len() > letters
        && b.len() <= letters + 2
        && b[letters].is_ascii_digit()
        && b[letters + 1..]
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

fn uk_inward(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3 && b[0].is_ascii_digit() && b[1].is_ascii_uppercase() && b[2].is_ascii_uppercase()
}

fn eircode_routing(s: &str) -> bool {
    let b = s.as_bytes();
    s == "D6W"
        || b.len() == 3
            && b"ACDEFHKNPRTVWXY".contains(&b[0])
            && b[1].is_ascii_digit()
            && b[2].is_ascii_digit()
}

fn eircode_unique(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 4
        && b.iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && b.iter().any(|c| c.is_ascii_uppercase())
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

fn postcodes(t: &Text, out: &mut Vec<Span>) {
    let cs = chunks(t.text);
    let lex = lexicon();
    let push_chunks = |out: &mut Vec<Span>, a: &Chunk, b: &Chunk| {
        out.push(Span {
            kind: FindingKind::StreetAddress,
            start: a.start,
            end: b.end,
        })
    };
    for (i, c) in cs.iter().enumerate() {
        let next = cs.get(i + 1);
        let prev = i.checked_sub(1).map(|p| &cs[p]);
        // UK "LS6 2AB", Irish "D02 X285" or "D02X285"
        if let Some(n) = next {
            if (uk_outward(c.s) && uk_inward(n.s)) || (eircode_routing(c.s) && eircode_unique(n.s))
            {
                push_chunks(out, c, n);
                continue;
            }
        }
        if c.s.len() == 7
            && c.s.is_ascii()
            && eircode_routing(&c.s[..3])
            && eircode_unique(&c.s[3..])
        {
            push_chunks(out, c, c);
            continue;
        }
        // "Dublin 8", "Dublin 6W"
        if c.s == "Dublin" {
            if let Some(n) = next {
                let num: String = n.s.chars().take_while(char::is_ascii_digit).collect();
                if !num.is_empty()
                    && num.len() <= 2
                    && n.s.len() <= 3
                    && num.parse::<u32>().is_ok_and(|v| (1..=24).contains(&v))
                    && !t.text[c.end..n.start].contains(',')
                {
                    push_chunks(out, c, n);
                    continue;
                }
            }
        }
        // ZIP and postcodes after a state: "IL 60622", "NSW 2016", "zip 78741"
        let zip = digits(c.s, 5)
            || (c.s.len() == 10
                && c.s.is_ascii()
                && digits(&c.s[..5], 5)
                && &c.s[5..6] == "-"
                && digits(&c.s[6..], 4));
        if let Some(p) = prev {
            let state = p.s.len() <= 3
                && p.s.chars().all(|c| c.is_ascii_uppercase())
                && lex.cue(Cue::States, &p.s.to_lowercase());
            let zip_word = matches!(
                p.s.to_lowercase().as_str(),
                "zip" | "zipcode" | "postcode" | "post-code" | "code"
            );
            if (zip || digits(c.s, 4)) && (state || zip_word) {
                let first = if state
                    && i >= 2
                    && cs[i - 2].s.chars().next().is_some_and(char::is_uppercase)
                    && !t.text[cs[i - 2].end..p.start].contains('.')
                {
                    &cs[i - 2]
                } else {
                    p
                };
                push_chunks(out, first, c);
                continue;
            }
            // A ZIP code after a street: "2210 Cedar Crest Dr, 30318"
            let after_street = p.s.split_whitespace().last().is_some_and(|w| {
                lex.cue(Cue::Streets, &w.trim_end_matches(['.', ',']).to_lowercase())
            });
            if zip && after_street && t.text[p.end..c.start].contains(',') {
                push_chunks(out, c, c);
                continue;
            }
            // A 4-digit postcode after a suburb or city: "Otara, Auckland 2023", "Fitzroy 3065".
            let year_like = c.s.parse::<u32>().is_ok_and(|y| (1900..=2040).contains(&y));
            let pw = p.s.to_lowercase();
            let place_before = p.s.chars().next().is_some_and(char::is_uppercase)
                && p.s.chars().all(char::is_alphabetic)
                && !super::dates::calendar_word(&pw)
                && (lex.cue(Cue::Cities, &pw) || (!lex.is_common(&pw) && !lex.is_not_name(&pw)));
            if digits(c.s, 4)
                && place_before
                && (!year_like || lex.cue(Cue::Cities, &pw))
                && !t.text[p.end..c.start].contains('.')
            {
                push_chunks(out, p, c);
            }
        }
    }
}
