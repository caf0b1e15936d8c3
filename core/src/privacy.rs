//! The privacy check: finds details that could identify a client before a journal
//! entry is saved, so the clinician can redact them or keep the text knowingly.
//!
//! It is offline and deterministic: hand-written detectors for e-mail addresses,
//! phone numbers, dates that look like birth dates, long digit runs (record,
//! insurance or social-security-like numbers), street addresses, and person names
//! next to clinical words ("my client Sarah Miller"). It errs on the side of asking:
//! a finding is a question to the user, never a block.

use chrono::Datelike;

use crate::error::{RespiteError, Result};

/// What kind of identifying detail a finding looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum FindingKind {
    /// A phone number.
    PhoneNumber,
    /// An e-mail address.
    Email,
    /// A full date far enough in the past, or any date next to "born", "DOB"….
    BirthDate,
    /// A long run of digits: a record, insurance or social-security-like number.
    IdNumber,
    /// A street address.
    StreetAddress,
    /// A person's name next to a clinical word.
    PersonName,
}

impl FindingKind {
    /// The stable name of this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::PhoneNumber => "phone-number",
            FindingKind::Email => "email",
            FindingKind::BirthDate => "birth-date",
            FindingKind::IdNumber => "id-number",
            FindingKind::StreetAddress => "street-address",
            FindingKind::PersonName => "person-name",
        }
    }

    fn placeholder(self) -> &'static str {
        match self {
            FindingKind::PhoneNumber => "[phone number]",
            FindingKind::Email => "[email]",
            FindingKind::BirthDate => "[date]",
            FindingKind::IdNumber => "[number]",
            FindingKind::StreetAddress => "[address]",
            FindingKind::PersonName => "[name]",
        }
    }

    /// When two findings overlap, the one with the higher rank is kept.
    fn rank(self) -> u8 {
        match self {
            FindingKind::Email => 6,
            FindingKind::StreetAddress => 5,
            FindingKind::BirthDate => 4,
            FindingKind::PhoneNumber => 3,
            FindingKind::IdNumber => 2,
            FindingKind::PersonName => 1,
        }
    }
}

/// One possible identifier in the text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PrivacyFinding {
    /// What it looks like.
    pub kind: FindingKind,
    /// Start, in UTF-16 code units (the unit of Kotlin and Swift string indices).
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
    /// The text found.
    pub text: String,
}

/// The result of a privacy check.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PrivacyReport {
    /// Findings in text order, not overlapping.
    pub findings: Vec<PrivacyFinding>,
    /// The text with every finding replaced by a placeholder such as "[name]".
    pub redacted: String,
}

/// A finding in byte offsets, before conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    kind: FindingKind,
    start: usize,
    end: usize,
}

/// Checks `text` for details that could identify a client.
#[uniffi::export]
pub fn privacy_check(text: String) -> PrivacyReport {
    let spans = find(&text, chrono::Utc::now().year());
    let redacted = redact_spans(&text, &spans);
    let findings = spans
        .iter()
        .map(|s| PrivacyFinding {
            kind: s.kind,
            start: utf16_len(&text[..s.start]),
            end: utf16_len(&text[..s.end]),
            text: text[s.start..s.end].to_owned(),
        })
        .collect();
    PrivacyReport { findings, redacted }
}

/// Replaces the chosen findings (from [`privacy_check`] on the same text) with
/// placeholders, leaving the rest of the text as it is.
#[uniffi::export]
pub fn privacy_redact(text: String, findings: Vec<PrivacyFinding>) -> Result<String> {
    let starts = utf16_starts(&text);
    let to_byte = |unit: u32| -> Result<usize> {
        starts
            .binary_search_by_key(&unit, |&(u, _)| u)
            .map(|i| starts[i].1)
            .map_err(|_| RespiteError::invalid("findings", "a finding does not fit this text"))
    };
    let mut spans = Vec::with_capacity(findings.len());
    for f in findings {
        let (start, end) = (to_byte(f.start)?, to_byte(f.end)?);
        if start >= end || text[start..end] != f.text {
            return Err(RespiteError::invalid(
                "findings",
                "a finding does not fit this text",
            ));
        }
        spans.push(Span {
            kind: f.kind,
            start,
            end,
        });
    }
    spans.sort_by_key(|s| s.start);
    if spans.windows(2).any(|w| w[0].end > w[1].start) {
        return Err(RespiteError::invalid("findings", "findings overlap"));
    }
    Ok(redact_spans(&text, &spans))
}

fn redact_spans(text: &str, spans: &[Span]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in spans {
        out.push_str(&text[at..s.start]);
        out.push_str(s.kind.placeholder());
        at = s.end;
    }
    out.push_str(&text[at..]);
    out
}

fn utf16_len(s: &str) -> u32 {
    s.chars().map(char::len_utf16).sum::<usize>() as u32
}

/// (UTF-16 offset, byte offset) of every character boundary, the end included.
fn utf16_starts(text: &str) -> Vec<(u32, usize)> {
    let mut out = Vec::with_capacity(text.len() + 1);
    let mut unit = 0u32;
    for (byte, c) in text.char_indices() {
        out.push((unit, byte));
        unit += c.len_utf16() as u32;
    }
    out.push((unit, text.len()));
    out
}

/// All findings in `text`, without overlaps, in order. `this_year` dates the check.
fn find(text: &str, this_year: i32) -> Vec<Span> {
    let tokens = tokenize(text);
    let mut spans = Vec::new();
    emails(text, &mut spans);
    addresses(text, &tokens, &mut spans);
    dates(text, &tokens, this_year, &mut spans);
    numbers(text, &tokens, &mut spans);
    names(text, &tokens, &mut spans);
    resolve(spans)
}

/// Keeps the strongest of overlapping spans (by kind, then length).
fn resolve(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by(|a, b| {
        b.kind
            .rank()
            .cmp(&a.kind.rank())
            .then((b.end - b.start).cmp(&(a.end - a.start)))
    });
    let mut kept: Vec<Span> = Vec::new();
    for s in spans {
        if !kept.iter().any(|k| s.start < k.end && k.start < s.end) {
            kept.push(s);
        }
    }
    kept.sort_by_key(|s| s.start);
    kept
}

// ---------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: TokenKind,
    start: usize,
    end: usize,
}

/// Words (letters, inner apostrophes and hyphens), numbers (digit runs) and single
/// punctuation characters; white space separates tokens and is not a token.
fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let kind = if c.is_whitespace() {
            i += 1;
            continue;
        } else if c.is_ascii_digit() {
            TokenKind::Number
        } else if c.is_alphabetic() {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        i += 1;
        if kind != TokenKind::Punct {
            while i < chars.len() {
                let c = chars[i].1;
                let joins = matches!(c, '\'' | '’' | '-')
                    && kind == TokenKind::Word
                    && chars.get(i + 1).is_some_and(|n| n.1.is_alphabetic());
                let same = match kind {
                    TokenKind::Number => c.is_ascii_digit(),
                    _ => c.is_alphabetic(),
                };
                if same || joins {
                    i += 1;
                } else {
                    break;
                }
            }
        }
        let end = chars.get(i).map_or(text.len(), |c| c.0);
        out.push(Token { kind, start, end });
    }
    out
}

fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    &text[t.start..t.end]
}

/// Whether only spaces separate two tokens.
fn adjacent(text: &str, a: &Token, b: &Token) -> bool {
    text[a.end..b.start]
        .chars()
        .all(|c| c == ' ' || c == '\u{a0}')
}

// ---------------------------------------------------------------------------------
// E-mail addresses

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

// ---------------------------------------------------------------------------------
// Street addresses

const STREET_SUFFIXES: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "av",
    "road",
    "rd",
    "lane",
    "ln",
    "drive",
    "dr",
    "boulevard",
    "blvd",
    "court",
    "ct",
    "place",
    "pl",
    "way",
    "terrace",
    "close",
    "crescent",
    "parkway",
    "pkwy",
    "square",
    "sq",
    "highway",
    "hwy",
    "circle",
    "cir",
    "trail",
    "row",
    "gardens",
    "grove",
    "strasse",
];

const UNIT_WORDS: &[&str] = &["apt", "apartment", "unit", "suite", "flat", "floor"];

fn addresses(text: &str, tokens: &[Token], out: &mut Vec<Span>) {
    for (i, t) in tokens.iter().enumerate() {
        // "PO Box 1234"
        if t.kind == TokenKind::Word && word(text, t).eq_ignore_ascii_case("po") {
            if let (Some(b), Some(n)) = (tokens.get(i + 1), tokens.get(i + 2)) {
                if word(text, b).eq_ignore_ascii_case("box") && n.kind == TokenKind::Number {
                    out.push(Span {
                        kind: FindingKind::StreetAddress,
                        start: t.start,
                        end: n.end,
                    });
                }
            }
        }
        if t.kind != TokenKind::Number || t.end - t.start > 5 {
            continue;
        }
        // A house number may carry a letter: "221B".
        let mut j = i + 1;
        if let Some(n) = tokens.get(j) {
            if n.kind == TokenKind::Word && n.start == t.end && n.end - n.start == 1 {
                j += 1;
            }
        }
        // One to four capitalised words (or ordinals like "5th"), then a suffix.
        let mut names = 0;
        while let Some(w) = tokens.get(j) {
            let is_suffix = w.kind == TokenKind::Word
                && STREET_SUFFIXES.contains(&word(text, w).to_ascii_lowercase().as_str());
            if is_suffix && names > 0 && adjacent(text, &tokens[j - 1], w) {
                let mut end = w.end;
                let mut k = j + 1;
                if tokens
                    .get(k)
                    .is_some_and(|p| word(text, p) == "." && p.start == w.end)
                {
                    end = tokens[k].end;
                    k += 1;
                }
                end = unit_after(text, tokens, k).unwrap_or(end);
                out.push(Span {
                    kind: FindingKind::StreetAddress,
                    start: t.start,
                    end,
                });
                break;
            }
            let capitalised = w.kind == TokenKind::Word
                && word(text, w).chars().next().is_some_and(char::is_uppercase);
            let ordinal = w.kind == TokenKind::Number
                && tokens.get(j + 1).is_some_and(|s| {
                    s.start == w.end && ["st", "nd", "rd", "th"].contains(&word(text, s))
                });
            if names < 4 && capitalised && adjacent(text, &tokens[j - 1], w) {
                names += 1;
                j += 1;
            } else if names < 4 && ordinal && adjacent(text, &tokens[j - 1], w) {
                names += 1;
                j += 2;
            } else {
                break;
            }
        }
    }
}

/// The end of an apartment or unit part (", Apt 4B", " #3") starting at token `k`.
fn unit_after(text: &str, tokens: &[Token], mut k: usize) -> Option<usize> {
    if tokens.get(k).is_some_and(|t| word(text, t) == ",") {
        k += 1;
    }
    let w = tokens.get(k)?;
    let is_unit = (w.kind == TokenKind::Word
        && UNIT_WORDS.contains(&word(text, w).to_ascii_lowercase().as_str()))
        || word(text, w) == "#";
    let n = tokens.get(k + 1)?;
    if !is_unit || n.kind != TokenKind::Number {
        return None;
    }
    let letter = tokens
        .get(k + 2)
        .filter(|l| l.kind == TokenKind::Word && l.start == n.end && l.end - l.start == 1);
    Some(letter.map_or(n.end, |l| l.end))
}

// ---------------------------------------------------------------------------------
// Dates

const MONTHS: &[&str] = &[
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

fn month_number(w: &str) -> Option<u32> {
    let w = w.to_ascii_lowercase();
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w) && w != "may"))
        .or_else(|| (w == "may").then_some(4))
        .map(|i| i as u32 + 1)
}

const BIRTH_WORDS: &[&str] = &[
    "born",
    "dob",
    "d.o.b",
    "birthday",
    "birth",
    "birthdate",
    "b",
];

/// Whether a birth word stands within the four tokens before token `i`.
fn birth_context(text: &str, tokens: &[Token], i: usize) -> bool {
    let from = i.saturating_sub(5);
    tokens[from..i].iter().any(|t| {
        let w = word(text, t).to_ascii_lowercase();
        // A lone "b" counts only as the abbreviation "b.".
        BIRTH_WORDS.contains(&w.as_str()) && (w != "b" || text[t.end..].starts_with('.'))
    })
}

fn number_value(text: &str, t: &Token) -> Option<u32> {
    (t.kind == TokenKind::Number)
        .then(|| word(text, t).parse().ok())
        .flatten()
}

fn full_year(y: u32, digits: usize, this_year: i32) -> Option<i32> {
    match digits {
        4 if (1900..=2100).contains(&y) => Some(y as i32),
        2 => {
            let century = if (2000 + y as i32) <= this_year {
                2000
            } else {
                1900
            };
            Some(century + y as i32)
        }
        _ => None,
    }
}

fn dates(text: &str, tokens: &[Token], this_year: i32, out: &mut Vec<Span>) {
    let old_enough = |year: i32| year <= this_year - 16;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let context = birth_context(text, tokens, i);
        let found = numeric_date(text, tokens, i, this_year)
            .or_else(|| textual_date(text, tokens, i, this_year));
        match found {
            Some((end_token, year)) => {
                if context || year.is_some_and(old_enough) {
                    out.push(Span {
                        kind: FindingKind::BirthDate,
                        start: t.start,
                        end: tokens[end_token].end,
                    });
                }
                i = end_token + 1;
            }
            None => {
                // "born in 1985"
                if context && t.kind == TokenKind::Number && t.end - t.start == 4 {
                    if let Some(year) =
                        number_value(text, t).and_then(|y| full_year(y, 4, this_year))
                    {
                        if year <= this_year {
                            out.push(Span {
                                kind: FindingKind::BirthDate,
                                start: t.start,
                                end: t.end,
                            });
                        }
                    }
                }
                i += 1;
            }
        }
    }
}

/// A numeric date starting at token `i`: D/M/Y, M/D/Y, Y-M-D, D.M.Y, or D/M alone.
/// Returns its last token and its year, if it has one.
fn numeric_date(
    text: &str,
    tokens: &[Token],
    i: usize,
    this_year: i32,
) -> Option<(usize, Option<i32>)> {
    let get = |k: usize| {
        tokens
            .get(k)
            .filter(|t| k == i || t.start == tokens[k - 1].end)
    };
    let a = get(i).filter(|t| t.kind == TokenKind::Number)?;
    let sep = get(i + 1)
        .map(|t| word(text, t))
        .filter(|s| ["/", "-", "."].contains(s))?;
    let b = get(i + 2).filter(|t| t.kind == TokenKind::Number)?;
    let third = get(i + 3)
        .filter(|t| word(text, t) == sep)
        .and_then(|_| get(i + 4))
        .filter(|t| t.kind == TokenKind::Number);
    let (av, bv) = (number_value(text, a)?, number_value(text, b)?);
    let day_month_ok = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
    match third {
        Some(c) => {
            let cv = number_value(text, c)?;
            let (alen, clen) = (a.end - a.start, c.end - c.start);
            if alen == 4 && sep == "-" {
                let year = full_year(av, 4, this_year)?;
                return day_month_ok(cv, bv).then_some((i + 4, Some(year)));
            }
            let year = full_year(cv, clen, this_year)?;
            (alen <= 2 && (day_month_ok(av, bv) || day_month_ok(bv, av)))
                .then_some((i + 4, Some(year)))
        }
        // "3/14" without a year: only a date next to a birth word, and never a ratio
        // like "120/80" or a score like "7/10" (day and month must both fit).
        None if sep == "/"
            && (day_month_ok(av, bv) || day_month_ok(bv, av))
            && bv <= 31
            && av <= 31 =>
        {
            Some((i + 2, None)).filter(|_| birth_context(text, tokens, i))
        }
        None => None,
    }
}

/// "14 March 1985", "14th of March, 1985", "March 14, 1985", "March 1985".
fn textual_date(
    text: &str,
    tokens: &[Token],
    i: usize,
    this_year: i32,
) -> Option<(usize, Option<i32>)> {
    let is_month = |k: usize| {
        tokens
            .get(k)
            .filter(|t| t.kind == TokenKind::Word)
            .and_then(|t| month_number(word(text, t)))
    };
    let is_day = |k: usize| {
        tokens
            .get(k)
            .and_then(|t| number_value(text, t))
            .filter(|d| (1..=31).contains(d) && tokens[k].end - tokens[k].start <= 2)
    };
    let skip = |mut k: usize, words: &[&str]| {
        while tokens
            .get(k)
            .is_some_and(|t| words.contains(&word(text, t).to_ascii_lowercase().as_str()))
        {
            k += 1;
        }
        k
    };
    let year_at = |k: usize| {
        tokens
            .get(k)
            .filter(|t| t.end - t.start == 4)
            .and_then(|t| number_value(text, t))
            .and_then(|y| full_year(y, 4, this_year))
    };
    // Month names that are also ordinary words ("may", "march") count only with a day.
    if is_day(i).is_some() {
        let k = skip(i + 1, &["st", "nd", "rd", "th", "of"]);
        is_month(k)?;
        let y = skip(k + 1, &[",", "."]);
        return Some(match year_at(y) {
            Some(year) => (y, Some(year)),
            None => (k, None),
        });
    }
    is_month(i)?;
    let capitalised = word(text, &tokens[i])
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    if !capitalised {
        return None;
    }
    if is_day(i + 1).is_some() {
        let k = skip(i + 2, &["st", "nd", "rd", "th"]);
        let y = skip(k, &[","]);
        return Some(match year_at(y) {
            Some(year) => (y, Some(year)),
            None => (k - 1, None),
        });
    }
    let y = year_at(i + 1)?;
    Some((i + 1, Some(y)))
}

// ---------------------------------------------------------------------------------
// Phone numbers and long digit runs

const PHONE_WORDS: &[&str] = &[
    "call", "called", "phone", "tel", "cell", "mobile", "text", "texted", "ring", "whatsapp",
];
const UNITS: &[&str] = &[
    "mg", "mcg", "ml", "g", "kg", "steps", "am", "pm", "min", "mins", "minutes", "hours", "hrs",
    "km", "miles", "units",
];

fn numbers(text: &str, tokens: &[Token], out: &mut Vec<Span>) {
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let opens = match word(text, t) {
            "+" | "(" => tokens
                .get(i + 1)
                .is_some_and(|n| n.kind == TokenKind::Number && n.start == t.end),
            _ => t.kind == TokenKind::Number,
        };
        // A number glued to a word ("PHQ-9", "B12") is not a run of its own.
        let glued = i > 0 && tokens[i - 1].end == t.start && tokens[i - 1].kind == TokenKind::Word;
        if !opens || glued {
            i += 1;
            continue;
        }
        // Extend over digit groups joined by single separators.
        let mut groups: Vec<&Token> = Vec::new();
        let mut seps: Vec<&str> = Vec::new();
        let (mut plus, mut paren) = (false, false);
        let mut k = i;
        let mut last = i;
        while let Some(tok) = tokens.get(k) {
            let w = word(text, tok);
            let gap = k == i
                || text[tokens[k - 1].end..tok.start].chars().all(|c| c == ' ')
                    && tok.start - tokens[k - 1].end <= 1;
            if !gap {
                break;
            }
            match tok.kind {
                TokenKind::Number => {
                    if !groups.is_empty() && seps.len() < groups.len() {
                        seps.push(" ");
                    }
                    groups.push(tok);
                    last = k;
                }
                TokenKind::Punct if w == "+" && k == i => plus = true,
                TokenKind::Punct if w == "(" || w == ")" => paren = true,
                TokenKind::Punct
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
        let end_token = last;
        let digits: usize = groups.iter().map(|g| g.end - g.start).sum();
        let start = t.start;
        let end = tokens[end_token].end;
        let lens: Vec<usize> = groups.iter().map(|g| g.end - g.start).collect();
        let slash = seps.contains(&"/");
        let next_word = tokens
            .get(end_token + 1)
            .map(|n| word(text, n).to_ascii_lowercase());
        let unit = next_word.as_deref().is_some_and(|w| UNITS.contains(&w));
        let decimal = seps == ["."] && digits < 7;
        let date_like = lens.len() == 3
            && seps.iter().all(|s| *s == seps[0])
            && (lens == [4, 2, 2]
                || lens == [4, 1, 1]
                || (lens[0] <= 2 && lens[1] <= 2 && (lens[2] == 4 || lens[2] == 2)));
        let ssn_like = lens == [3, 2, 4] && seps.iter().all(|s| *s == "-" || *s == " ");
        let context = tokens[i.saturating_sub(4)..i]
            .iter()
            .any(|p| PHONE_WORDS.contains(&word(text, p).to_ascii_lowercase().as_str()));
        let kind = if slash || decimal || date_like || unit {
            None
        } else if ssn_like {
            Some(FindingKind::IdNumber)
        } else if (7..=15).contains(&digits) && (plus || paren || groups.len() >= 2 || context) {
            Some(FindingKind::PhoneNumber)
        } else if groups.iter().any(|g| g.end - g.start >= 6) || digits >= 8 {
            Some(FindingKind::IdNumber)
        } else {
            None
        };
        if let Some(kind) = kind {
            out.push(Span { kind, start, end });
        }
        i = end_token + 1;
    }
    // Letters and digits mixed in one token sequence: "XJ123456789", "MRN4471923".
    for (i, t) in tokens.iter().enumerate() {
        if t.kind == TokenKind::Word {
            if let Some(n) = tokens
                .get(i + 1)
                .filter(|n| n.kind == TokenKind::Number && n.start == t.end)
            {
                if n.end - n.start >= 5 {
                    out.push(Span {
                        kind: FindingKind::IdNumber,
                        start: t.start,
                        end: n.end,
                    });
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// Person names next to clinical words

const CLINICAL_WORDS: &[&str] = &[
    "client",
    "clients",
    "patient",
    "patients",
    "pt",
    "counselee",
    "consumer",
    "resident",
    "residents",
    "service-user",
    "supervisee",
    "caller",
    "referral",
    "kiddo",
    "teen",
];
const SESSION_WORDS: &[&str] = &[
    "session",
    "sessions",
    "appointment",
    "intake",
    "assessment",
    "therapy",
    "visit",
];
const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "mx"];
/// Capitalised words that are not names (month names are not either).
const NOT_NAMES: &[&str] = &[
    "i",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "the",
    "a",
    "an",
    "my",
    "our",
    "his",
    "her",
    "their",
    "this",
    "that",
    "today",
    "tonight",
    "tomorrow",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "he",
    "she",
    "they",
    "we",
    "you",
    "it",
    "and",
    "but",
    "so",
    "then",
    "after",
    "before",
    "when",
    "while",
    "who",
    "again",
    "also",
    "still",
    "just",
    "said",
    "told",
    "asked",
    "is",
    "was",
    "had",
    "has",
    "did",
    "felt",
    "cried",
    "came",
    "left",
    "said",
    "with",
    "about",
    "in",
    "on",
    "at",
    "for",
    "from",
    "to",
    "of",
    "english",
    "spanish",
    "covid",
    "ptsd",
    "adhd",
    "ocd",
    "cbt",
    "dbt",
    "emdr",
    "act",
    "er",
    "icu",
    "god",
    "christmas",
    "easter",
    "ramadan",
    "dr",
    "doctor",
    "nurse",
    "group",
    "room",
    "ward",
    "bed",
    "no",
    "yes",
    "not",
    "new",
    "old",
    "one",
    "two",
    "three",
    "first",
    "last",
    "next",
    "every",
];

fn is_name_word(text: &str, t: &Token) -> bool {
    let w = word(text, t);
    let mut chars = w.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let rest_ok = chars
        .clone()
        .all(|c| c.is_lowercase() || matches!(c, '\'' | '’' | '-'))
        && chars.clone().any(char::is_lowercase);
    t.kind == TokenKind::Word
        && first_upper
        && (rest_ok || w.chars().count() == 1)
        && !NOT_NAMES.contains(&w.to_lowercase().as_str())
        && !MONTHS.contains(&w.to_lowercase().as_str())
}

/// The name that starts at token `i` (title, given names, initials, surname): its
/// first and last token.
fn name_at(text: &str, tokens: &[Token], i: usize) -> Option<(usize, usize)> {
    let mut k = i;
    let t = tokens.get(k)?;
    if TITLES.contains(&word(text, t).to_ascii_lowercase().as_str()) {
        k += 1;
        if tokens
            .get(k)
            .is_some_and(|d| word(text, d) == "." && d.start == t.end)
        {
            k += 1;
        }
    }
    let first = k;
    let mut last = None;
    while let Some(w) = tokens.get(k) {
        if k > first && !adjacent(text, &tokens[k - 1], w) {
            break;
        }
        if !is_name_word(text, w) || k - first >= 3 {
            break;
        }
        let initial = w.end - w.start == 1;
        last = Some(k);
        k += 1;
        if initial {
            // "John D." keeps its full stop.
            if tokens
                .get(k)
                .is_some_and(|d| word(text, d) == "." && d.start == w.end)
            {
                last = Some(k);
                k += 1;
            } else if k - first == 1 {
                return None; // a single capital letter alone is not a name
            }
        }
    }
    Some((i, last?))
}

/// The name that ends at token `end` (going backwards): its first token.
fn name_before(text: &str, tokens: &[Token], end: usize) -> Option<usize> {
    let mut k = end;
    let mut first = None;
    loop {
        let t = &tokens[k];
        if !is_name_word(text, t) || end - k >= 3 {
            break;
        }
        first = Some(k);
        if k == 0 || !adjacent(text, &tokens[k - 1], t) {
            break;
        }
        k -= 1;
    }
    let mut first = first?;
    // Include a title: "Mrs. Patel", "Mr Jones".
    let before = |n: usize| {
        first
            .checked_sub(n)
            .map(|j| word(text, &tokens[j]).to_ascii_lowercase())
    };
    if before(1).as_deref() == Some(".") && before(2).is_some_and(|w| TITLES.contains(&w.as_str()))
    {
        first -= 2;
    } else if before(1).is_some_and(|w| TITLES.contains(&w.as_str())) {
        first -= 1;
    }
    // A sentence-initial capitalised word is only a name when it is not a plain word.
    Some(first)
}

fn lower(text: &str, t: &Token) -> String {
    word(text, t).to_lowercase()
}

fn names(text: &str, tokens: &[Token], out: &mut Vec<Span>) {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let w = lower(text, t);
        let clinical = CLINICAL_WORDS.contains(&w.as_str());
        let session = SESSION_WORDS.contains(&w.as_str());
        if clinical {
            // "my client Sarah Miller", "client: Sarah", "patient named John D."
            let mut k = i + 1;
            while tokens.get(k).is_some_and(|n| {
                [",", ":", "(", "—", "-", "named", "called"].contains(&lower(text, n).as_str())
            }) {
                k += 1;
            }
            if let Some((a, b)) = name_at(text, tokens, k) {
                found.push((tokens[a].start, tokens[b].end));
            }
            // "Sarah Miller, my client", "Tom (client)", "Sarah, a new client"
            let mut k = i;
            while k > 0
                && [
                    "my", "our", "a", "the", "new", "young", "former", "current", ",", "(", "—",
                    "-", "is", "was",
                ]
                .contains(&lower(text, &tokens[k - 1]).as_str())
            {
                k -= 1;
            }
            if k > 0 && k < i {
                if let Some(a) = name_before(text, tokens, k - 1) {
                    found.push((tokens[a].start, tokens[k - 1].end));
                }
            }
        }
        if session {
            // "session with Maria", "Maria's session"
            if tokens.get(i + 1).is_some_and(|n| lower(text, n) == "with") {
                if let Some((a, b)) = name_at(text, tokens, i + 2) {
                    found.push((tokens[a].start, tokens[b].end));
                }
            }
            if i > 0 {
                let prev = &tokens[i - 1];
                let possessive = word(text, prev);
                if possessive.ends_with("'s") || possessive.ends_with("’s") {
                    let bare = Token {
                        end: prev.end - if possessive.ends_with("'s") { 2 } else { 4 },
                        ..*prev
                    };
                    if is_name_word(text, &bare) {
                        let mut a = i - 1;
                        if a > 0
                            && adjacent(text, &tokens[a - 1], prev)
                            && is_name_word(text, &tokens[a - 1])
                        {
                            a -= 1;
                        }
                        found.push((tokens[a].start, bare.end));
                    }
                }
            }
        }
    }
    out.extend(found.into_iter().map(|(start, end)| Span {
        kind: FindingKind::PersonName,
        start,
        end,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(FindingKind, String)> {
        find(text, 2026)
            .into_iter()
            .map(|s| (s.kind, text[s.start..s.end].to_owned()))
            .collect()
    }

    #[test]
    fn finds_each_kind() {
        use FindingKind::*;
        for (text, kind, found) in [
            (
                "write to j.doe+work@example.org.",
                Email,
                "j.doe+work@example.org",
            ),
            (
                "call her at (555) 123-4567 later",
                PhoneNumber,
                "(555) 123-4567",
            ),
            ("SSN 123-45-6789", IdNumber, "123-45-6789"),
            (
                "lives at 221B Baker Street, Apt 4",
                StreetAddress,
                "221B Baker Street, Apt 4",
            ),
            ("DOB 03/14/1985", BirthDate, "03/14/1985"),
            ("my client Sarah Miller cried", PersonName, "Sarah Miller"),
        ] {
            assert_eq!(kinds(text), vec![(kind, found.to_owned())], "{text}");
        }
    }

    #[test]
    fn leaves_ordinary_clinical_notes_alone() {
        for text in [
            "I felt Monday was heavy.",
            "Dr. Seuss would have had a rhyme for today.",
            "Sertraline 50 mg, then 0.5 mg lorazepam as needed.",
            "BP 120/80, PHQ-9 score of 14, 7/10 pain.",
            "Back to back sessions from 9:30 to 12:00.",
            "Walked 10,000 steps after work.",
            "May was a hard month; March will be better.",
            "The client-centred approach helped today.",
        ] {
            assert_eq!(kinds(text), vec![], "{text}");
        }
    }

    #[test]
    fn offsets_are_utf16_and_redaction_round_trips() {
        let text = "😊 my client Ana Lima, tel 555 123 4567".to_owned();
        let report = privacy_check(text.clone());
        assert_eq!(report.findings.len(), 2);
        let units: Vec<u16> = text.encode_utf16().collect();
        for f in &report.findings {
            let slice = String::from_utf16(&units[f.start as usize..f.end as usize]).unwrap();
            assert_eq!(slice, f.text);
        }
        assert_eq!(report.redacted, "😊 my client [name], tel [phone number]");
        let only_phone = privacy_redact(text.clone(), vec![report.findings[1].clone()]).unwrap();
        assert_eq!(only_phone, "😊 my client Ana Lima, tel [phone number]");
        let mut moved = report.findings[0].clone();
        moved.start += 1;
        assert!(privacy_redact(text, vec![moved]).is_err());
    }
}
