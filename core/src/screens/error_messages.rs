//! The sentences both apps show for the core's errors: kind and plain, never
//! quoting what the person wrote (errors carry none of it).

use crate::content::wording::{self, param};
use crate::error::RespiteError;

/// The form a failed save came from: "nothing to save" is said in its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SaveForm {
    /// A check-in.
    CheckIn,
    /// The end-of-shift transition.
    Transition,
    /// The evening check.
    Evening,
    /// The plan editor.
    Plan,
}

/// The sentence for `error` (none: an error that did not come from the core), from
/// the form `form` when it was a save.
pub(crate) fn error_message(error: Option<&RespiteError>, form: Option<SaveForm>) -> String {
    let Some(error) = error else {
        return wording::text("error.other").to_owned();
    };
    if let (Some(form), true) = (form, nothing_to_save(error)) {
        let key = match form {
            SaveForm::CheckIn => "capture.empty.check-in",
            SaveForm::Transition => "error.nothing-to-save.transition",
            SaveForm::Evening => "error.nothing-to-save.evening",
            SaveForm::Plan => "plan.no-changes",
        };
        return wording::text(key).to_owned();
    }
    match error {
        RespiteError::WrongSecret => wording::text("error.wrong-secret").to_owned(),
        RespiteError::Locked => wording::text("error.locked").to_owned(),
        RespiteError::InvalidInput { field, reason } => invalid(field, reason),
        RespiteError::DeviceKey { .. } => wording::text("error.device-key").to_owned(),
        RespiteError::Integrity { .. } => wording::text("error.integrity").to_owned(),
        RespiteError::NotAVault => wording::text("error.not-a-vault").to_owned(),
        RespiteError::UnsupportedFormat { .. } => {
            wording::text("error.unsupported-format").to_owned()
        }
        RespiteError::NotFound { .. } => wording::text("error.not-found").to_owned(),
        RespiteError::AlreadyExists => wording::text("error.already-exists").to_owned(),
        RespiteError::LastKeySlot => wording::text("error.last-key-slot").to_owned(),
        RespiteError::Storage { detail } => {
            wording::fill("error.storage", &[param("detail", detail)])
        }
        RespiteError::Internal { .. } => wording::text("error.internal").to_owned(),
    }
}

/// Whether `error` is a save's "nothing to save": every answer skipped, an empty
/// check-in, or a plan that did not change.
fn nothing_to_save(error: &RespiteError) -> bool {
    matches!(error, RespiteError::InvalidInput { field, reason }
        if field == "answers"
            || field == "check_in"
            || (field == "plan" && reason == "nothing changed"))
}

/// A refused value, by the field it was for.
fn invalid(field: &str, reason: &str) -> String {
    match field {
        "recovery_code" => wording::text("error.recovery-code").to_owned(),
        "passphrase" | "new_passphrase" | "vault_passphrase" => {
            if reason.starts_with("must be at least") {
                wording::text("error.passphrase-short").to_owned()
            } else {
                let advice = reason.split_once(". ").map_or("", |(_, rest)| rest);
                wording::fill("error.passphrase-guessable", &[param("advice", advice)])
                    .trim_end()
                    .to_owned()
            }
        }
        "word" if reason == "is empty" => wording::text("error.word-empty").to_owned(),
        "word" => wording::fill("error.word", &[param("reason", reason)]),
        _ => wording::fill(
            "error.invalid",
            &[
                param("field", field.replace('_', " ")),
                param("reason", reason),
            ],
        ),
    }
}

/// Why the vault opened read-only, after its integrity check found `problems`.
pub(crate) fn read_only_message(problems: u32) -> String {
    wording::fill("error.read-only", &[param("problems", problems)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_error_has_its_own_kind_sentence() {
        let errors = [
            RespiteError::WrongSecret,
            RespiteError::Locked,
            RespiteError::Integrity {
                detail: "page 3".into(),
            },
            RespiteError::NotFound {
                what: "entry".into(),
            },
            RespiteError::invalid("sleep_hours", "must be at most 24"),
            RespiteError::NotAVault,
            RespiteError::UnsupportedFormat {
                found: 9,
                supported: 5,
            },
            RespiteError::AlreadyExists,
            RespiteError::LastKeySlot,
            RespiteError::DeviceKey {
                reason: "cancelled".into(),
            },
            RespiteError::Storage {
                detail: "disk full".into(),
            },
            RespiteError::Internal {
                detail: "rng".into(),
            },
        ];
        let sentences: Vec<String> = errors
            .iter()
            .map(|e| error_message(Some(e), None))
            .collect();
        for (e, s) in errors.iter().zip(&sentences) {
            assert!(s.ends_with('.'), "{e:?}: {s}");
            assert!(
                !s.contains("page 3") && !s.contains("rng"),
                "no internals: {s}"
            );
        }
        let distinct: std::collections::HashSet<_> = sentences.iter().collect();
        assert_eq!(distinct.len(), errors.len());
        assert_eq!(
            sentences[4],
            "Please check sleep hours: must be at most 24."
        );
        assert_eq!(
            sentences[10],
            "Your device couldn't save just now (disk full). Nothing was lost."
        );
        assert_eq!(
            error_message(None, None),
            "Something went wrong. Nothing was lost."
        );
    }

    #[test]
    fn nothing_to_save_is_said_in_the_forms_own_words() {
        let skipped = RespiteError::invalid("answers", "every step was skipped: nothing to save");
        assert_eq!(
            error_message(Some(&skipped), Some(SaveForm::Transition)),
            "Nothing to save, and that's fine. Go gently."
        );
        assert_eq!(
            error_message(Some(&skipped), Some(SaveForm::Evening)),
            "Nothing to save tonight, and that's fine."
        );
        let unchanged = RespiteError::invalid("plan", "nothing changed");
        assert_eq!(
            error_message(Some(&unchanged), Some(SaveForm::Plan)),
            "No changes to save."
        );
        let empty = RespiteError::invalid("check_in", "a check-in needs at least one value");
        assert_eq!(
            error_message(Some(&empty), Some(SaveForm::CheckIn)),
            "One tap on the pad is enough to save."
        );
        let other = RespiteError::invalid("plan", "line 3: unknown section");
        assert!(error_message(Some(&other), Some(SaveForm::Plan)).starts_with("Please check plan:"));
    }

    #[test]
    fn passphrases_and_words_are_answered_with_advice() {
        let short = RespiteError::invalid("new_passphrase", "must be at least 8 characters");
        assert_eq!(
            error_message(Some(&short), None),
            "Please choose a passphrase of at least 8 characters."
        );
        let weak = RespiteError::invalid(
            "passphrase",
            "is too easy to guess. Add another word or two.",
        );
        assert_eq!(
            error_message(Some(&weak), None),
            "That passphrase would be easy to guess. Add another word or two."
        );
        let bare = RespiteError::invalid("passphrase", "is too easy to guess");
        assert_eq!(
            error_message(Some(&bare), None),
            "That passphrase would be easy to guess."
        );
        assert_eq!(
            error_message(Some(&RespiteError::invalid("word", "is empty")), None),
            "Type a word or name first."
        );
        assert_eq!(
            error_message(
                Some(&RespiteError::invalid("recovery_code", "checksum")),
                None
            ),
            "That recovery code has a typo somewhere. Check each group of four."
        );
        assert!(read_only_message(3).starts_with("Your vault opened read-only: 3 of its records"));
    }
}
