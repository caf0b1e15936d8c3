//! Checks shared by every area: text limits, numeric ranges, label and practice ids.
//! Each failure is an `InvalidInput` naming the field; nothing is written after one.

use crate::error::internal::Result;
use crate::error::RespiteError;

/// Longest free text (a body or a note) accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Longest single-line text (a title, a tag, a name) accepted, in characters.
pub const MAX_LINE_CHARS: usize = 200;
/// Longest tag accepted, in characters.
pub const MAX_TAG_CHARS: usize = 50;
/// Most items in one list of labels, tags or practices.
pub const MAX_LIST_ITEMS: usize = 30;
/// Longest practice id accepted.
const MAX_PRACTICE_ID: usize = 64;

/// Refuses text over `max_chars` characters, or with control characters (newlines and
/// tabs are allowed in `multiline` text).
pub(crate) fn check_text(field: &str, text: &str, max_chars: usize, multiline: bool) -> Result<()> {
    if text.chars().count() > max_chars {
        return Err(
            RespiteError::invalid(field, format!("longer than {max_chars} characters")).into(),
        );
    }
    let bad_control = text
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')));
    if bad_control {
        return Err(RespiteError::invalid(field, "contains control characters").into());
    }
    Ok(())
}

/// A trimmed single line of at most `max_chars`; empty becomes `None`.
pub(crate) fn optional_line(
    field: &str,
    text: Option<String>,
    max_chars: usize,
) -> Result<Option<String>> {
    let Some(text) = text else { return Ok(None) };
    let text = text.trim();
    check_text(field, text, max_chars, false)?;
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

/// Multi-line text of at most [`MAX_TEXT_CHARS`], trailing white space removed.
pub(crate) fn long_text(field: &str, text: String) -> Result<String> {
    check_text(field, &text, MAX_TEXT_CHARS, true)?;
    Ok(text.trim_end().to_owned())
}

/// Trimmed, de-duplicated free-form tags.
pub(crate) fn tags(field: &str, items: Vec<String>) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let item = item.trim();
        if item.is_empty() {
            return Err(RespiteError::invalid(field, "an item is empty").into());
        }
        check_text(field, item, MAX_TAG_CHARS, false)?;
        if !out.iter().any(|t| t == item) {
            out.push(item.to_owned());
        }
    }
    check_count(field, out.len())?;
    Ok(out)
}

/// De-duplicated ids, each of which `known` must accept.
pub(crate) fn known_ids(
    field: &str,
    ids: Vec<String>,
    known: impl Fn(&str) -> bool,
) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids {
        if !known(&id) {
            return Err(RespiteError::invalid(
                field,
                "contains an id that is not in the catalogue",
            )
            .into());
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    check_count(field, out.len())?;
    Ok(out)
}

/// De-duplicated practice ids of a valid form (`a-z`, `0-9`, `-`, `_`, `.`).
pub(crate) fn practice_ids(field: &str, ids: Vec<String>) -> Result<Vec<String>> {
    known_ids(field, ids, is_practice_id)
        .map_err(|_| {
            RespiteError::invalid(
                field,
                "practice ids are 1 to 64 characters of a-z, 0-9, '-', '_' or '.'",
            )
        })
        .map_err(Into::into)
}

/// Whether `id` has the form of a practice id.
pub(crate) fn is_practice_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_PRACTICE_ID
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

/// Refuses lists of more than [`MAX_LIST_ITEMS`] items.
pub(crate) fn check_count(field: &str, n: usize) -> Result<()> {
    if n > MAX_LIST_ITEMS {
        return Err(
            RespiteError::invalid(field, format!("more than {MAX_LIST_ITEMS} items")).into(),
        );
    }
    Ok(())
}

/// An optional whole number within `min..=max`.
pub(crate) fn scale(field: &str, value: Option<u8>, min: u8, max: u8) -> Result<()> {
    match value {
        Some(v) if !(min..=max).contains(&v) => {
            Err(RespiteError::invalid(field, format!("must be between {min} and {max}")).into())
        }
        _ => Ok(()),
    }
}

/// An optional finite number within `min..=max`.
pub(crate) fn number(field: &str, value: Option<f64>, min: f64, max: f64) -> Result<()> {
    match value {
        Some(v) if !v.is_finite() => {
            Err(RespiteError::invalid(field, "must be a finite number").into())
        }
        Some(v) if !(min..=max).contains(&v) => {
            Err(RespiteError::invalid(field, format!("must be between {min} and {max}")).into())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_refuse_nan_infinity_and_out_of_range() {
        assert!(number("x", Some(0.5), 0.0, 1.0).is_ok());
        assert!(number("x", None, 0.0, 1.0).is_ok());
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1.01, -0.01] {
            assert!(number("x", Some(bad), 0.0, 1.0).is_err(), "{bad}");
        }
    }

    #[test]
    fn scales_are_inclusive() {
        assert!(scale("x", Some(0), 0, 10).is_ok());
        assert!(scale("x", Some(10), 0, 10).is_ok());
        assert!(scale("x", Some(11), 0, 10).is_err());
        assert!(scale("x", Some(0), 1, 5).is_err());
    }

    #[test]
    fn ids_must_be_known_and_are_deduplicated() {
        let known = |id: &str| id == "a" || id == "b";
        assert_eq!(
            known_ids("f", vec!["a".into(), "b".into(), "a".into()], known).unwrap(),
            vec!["a", "b"]
        );
        assert!(known_ids("f", vec!["c".into()], known).is_err());
        assert!(practice_ids("p", vec!["box-breathing".into()]).is_ok());
        assert!(practice_ids("p", vec!["Box Breathing".into()]).is_err());
        assert!(practice_ids("p", vec!["".into()]).is_err());
    }

    #[test]
    fn text_limits_and_control_characters() {
        assert!(check_text("t", "line\nline", 20, true).is_ok());
        assert!(check_text("t", "line\nline", 20, false).is_err());
        assert!(check_text("t", "\u{0}", 20, true).is_err());
        assert!(check_text("t", &"é".repeat(21), 20, true).is_err());
        assert_eq!(optional_line("t", Some("  ".into()), 10).unwrap(), None);
        assert_eq!(long_text("t", "text \n\n".into()).unwrap(), "text");
        assert_eq!(
            tags("t", vec![" a ".into(), "a".into()]).unwrap(),
            vec!["a"]
        );
        assert!(tags("t", vec!["".into()]).is_err());
        assert!(tags("t", (0..31).map(|i| i.to_string()).collect()).is_err());
    }
}
