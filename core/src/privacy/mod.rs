//! The identifier check: finds details that could identify a client in text a
//! clinician is about to save, so they can redact them or keep the text knowingly.
//!
//! It is offline and deterministic: hand-written detectors for the way clinicians
//! write (titles, initials, ages, wards and beds, schools and care homes, streets and
//! postcodes, dates in a client's life, phone, record and insurance numbers), helped
//! by word lists in `words/`. It errs on the side of asking: a finding is a question,
//! never a block, and it can miss things. Words the person marks as theirs (their
//! supervisor, their family) are never reported; see [`allow_list`].

mod allow_list;
pub(crate) mod checker;
mod dates;
mod fields;
mod lexicon;
mod numbers;
mod people;
mod places;
mod tokens;

use chrono::Datelike;

use crate::error::internal::Result;
use crate::error::RespiteError;

pub(crate) use allow_list::AllowList;

/// What kind of identifying detail a finding looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum FindingKind {
    /// A person's name.
    PersonName,
    /// Initials or a short form standing for a person ("R.T.", "Maya K.").
    Initials,
    /// An age or sex attached to a person ("29yo", "(41, M)").
    Age,
    /// A place that locates a person: a school, care home, ward, bed, workplace, town.
    Place,
    /// A street, with or without a house number, or a postcode.
    StreetAddress,
    /// A date in a client's life: a birth date, the day of a loss or an admission.
    Date,
    /// A phone number.
    PhoneNumber,
    /// An e-mail address.
    Email,
    /// A record, case, health-service or insurance number.
    IdNumber,
}

impl FindingKind {
    /// The stable name of this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::PersonName => "name",
            FindingKind::Initials => "initials",
            FindingKind::Age => "age",
            FindingKind::Place => "place",
            FindingKind::StreetAddress => "address",
            FindingKind::Date => "date",
            FindingKind::PhoneNumber => "phone",
            FindingKind::Email => "email",
            FindingKind::IdNumber => "id-number",
        }
    }

    fn placeholder(self) -> &'static str {
        match self {
            FindingKind::PersonName => "[name]",
            FindingKind::Initials => "[initials]",
            FindingKind::Age => "[age]",
            FindingKind::Place => "[place]",
            FindingKind::StreetAddress => "[address]",
            FindingKind::Date => "[date]",
            FindingKind::PhoneNumber => "[phone number]",
            FindingKind::Email => "[email]",
            FindingKind::IdNumber => "[number]",
        }
    }

    /// When two findings overlap, the one with the higher rank is kept.
    fn rank(self) -> u8 {
        match self {
            FindingKind::Email => 9,
            FindingKind::StreetAddress => 8,
            FindingKind::Date => 7,
            FindingKind::IdNumber => 6,
            FindingKind::PhoneNumber => 5,
            FindingKind::Place => 4,
            FindingKind::Age => 3,
            FindingKind::Initials => 2,
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

/// The result of checking one text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PrivacyReport {
    /// Findings in text order, not overlapping.
    pub findings: Vec<PrivacyFinding>,
    /// The text with every finding replaced by a placeholder such as "[name]".
    pub redacted: String,
}

/// One free-text field of a draft, named by the caller ("title", "body", "parked 1").
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DraftField {
    /// The field's name, returned with its report.
    pub field: String,
    /// What the person typed.
    pub text: String,
}

/// The check of one field of a draft.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FieldReport {
    /// The field's name, as given.
    pub field: String,
    /// Findings in this field, offsets in UTF-16 code units of its text.
    pub findings: Vec<PrivacyFinding>,
    /// The field's text with every finding replaced.
    pub redacted: String,
}

/// A finding in byte offsets, before conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    kind: FindingKind,
    start: usize,
    end: usize,
}

/// Checks `text` for details that could identify a client. An empty report means
/// nothing was spotted, not that nothing is there: the check can miss things.
pub(crate) fn privacy_check(text: String) -> PrivacyReport {
    check(&text, &AllowList::default())
}

/// Replaces the chosen findings (from a check of the same text) with placeholders,
/// leaving the rest of the text as it is.
pub(crate) fn privacy_redact(text: String, findings: Vec<PrivacyFinding>) -> Result<String> {
    let starts = utf16_starts(&text);
    let to_byte = |unit: u32| -> Result<usize> {
        starts
            .binary_search_by_key(&unit, |&(u, _)| u)
            .map(|i| starts[i].1)
            .map_err(|_| {
                RespiteError::invalid("findings", "a finding does not fit this text").into()
            })
    };
    let mut spans = Vec::with_capacity(findings.len());
    for f in findings {
        let (start, end) = (to_byte(f.start)?, to_byte(f.end)?);
        if start >= end || text[start..end] != f.text {
            return Err(
                RespiteError::invalid("findings", "a finding does not fit this text").into(),
            );
        }
        spans.push(Span {
            kind: f.kind,
            start,
            end,
        });
    }
    spans.sort_by_key(|s| s.start);
    if spans.windows(2).any(|w| w[0].end > w[1].start) {
        return Err(RespiteError::invalid("findings", "findings overlap").into());
    }
    Ok(redact_spans(&text, &spans))
}

/// Checks `text`, leaving out what `allowed` holds.
pub(crate) fn check(text: &str, allowed: &AllowList) -> PrivacyReport {
    let spans = find(text, chrono::Utc::now().year(), allowed);
    let redacted = redact_spans(text, &spans);
    // Spans are in order: count UTF-16 units once along the text.
    let (mut byte, mut unit) = (0, 0);
    let mut units_at = |to: usize| {
        unit += utf16_len(&text[byte..to]);
        byte = to;
        unit
    };
    let findings = spans
        .iter()
        .map(|s| PrivacyFinding {
            kind: s.kind,
            start: units_at(s.start),
            end: units_at(s.end),
            text: text[s.start..s.end].to_owned(),
        })
        .collect();
    PrivacyReport { findings, redacted }
}

/// Checks each field, leaving out what `allowed` holds.
pub(crate) fn check_fields(fields: Vec<DraftField>, allowed: &AllowList) -> Vec<FieldReport> {
    fields
        .into_iter()
        .map(|f| {
            let report = check(&f.text, allowed);
            FieldReport {
                field: f.field,
                findings: report.findings,
                redacted: report.redacted,
            }
        })
        .collect()
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
fn find(text: &str, this_year: i32, allowed: &AllowList) -> Vec<Span> {
    // Invisible characters pasted from other systems ("A\u{200b}deyemi") are looked
    // through: the detectors read the text without them, and spans are mapped back.
    let (visible, origin) = without_invisibles(text);
    let t = tokens::Text::new(&visible);
    let mut spans = Vec::new();
    numbers::numbers(&t, &mut spans);
    places::places(&t, &mut spans);
    dates::dates(&t, this_year, &mut spans);
    people::people(&t, &mut spans);
    let own = allowed.occurrences(&visible);
    spans.retain(|s| {
        s.start < s.end
            && !allowed.covers(&visible[s.start..s.end])
            && !own.iter().any(|&(a, b)| s.start < b && a < s.end)
    });
    let mut spans = resolve(spans);
    if let Some(origin) = origin {
        for s in &mut spans {
            s.start = origin[s.start];
            s.end = origin[s.end];
        }
    }
    spans
}

/// Characters that take no space on screen and may sit inside a word.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
    )
}

/// `text` without invisible characters, and (when any was removed) the byte offset in
/// `text` of every byte offset of the result, its end included.
fn without_invisibles(text: &str) -> (std::borrow::Cow<'_, str>, Option<Vec<usize>>) {
    if !text.chars().any(invisible) {
        return (std::borrow::Cow::Borrowed(text), None);
    }
    let mut visible = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut last_end = 0;
    for (at, c) in text.char_indices() {
        if invisible(c) {
            continue;
        }
        for k in 0..c.len_utf8() {
            origin.push(at + k);
        }
        visible.push(c);
        last_end = at + c.len_utf8();
    }
    origin.push(last_end);
    (std::borrow::Cow::Owned(visible), Some(origin))
}

/// Keeps the strongest of overlapping spans (by kind, then length).
fn resolve(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by(|a, b| {
        b.kind
            .rank()
            .cmp(&a.kind.rank())
            .then((b.end - b.start).cmp(&(a.end - a.start)))
    });
    // Kept spans by start; they never overlap, so one neighbour on each side decides.
    let mut kept: std::collections::BTreeMap<usize, Span> = std::collections::BTreeMap::new();
    for s in spans {
        let before = kept
            .range(..s.end)
            .next_back()
            .is_some_and(|(_, k)| k.end > s.start);
        if !before {
            kept.insert(s.start, s);
        }
    }
    kept.into_values().collect()
}

#[cfg(test)]
mod tests;
