//! The privacy check's questions as both apps put them: a question per field with
//! findings, in plain words, and the fixed texts around it (the answers, the
//! all-clear, the allow-list in settings).

use crate::content::wording::{self, param};
use crate::privacy::PrivacyFinding;

/// The words of one question about one field.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PrivacyQuestionText {
    /// The question: "In the note, “Mr Okafor” looks like a name. Could it identify a client?"
    pub question: String,
    /// The redacted version, as shown under it: "Redacted: …".
    pub redacted: String,
    /// The "this is mine" answer for each finding, in the findings' order.
    pub mine: Vec<String>,
}

/// The question about `field` (the core's name, such as "parked 2 when") with its
/// `findings` and the field's `redacted` text.
pub(crate) fn question(
    field: &str,
    findings: &[PrivacyFinding],
    redacted: &str,
) -> PrivacyQuestionText {
    let parts: Vec<String> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let key = if i == 0 {
                "privacy.finding.first"
            } else {
                "privacy.finding.more"
            };
            let kind = wording::text(&format!("privacy.kind.{}", f.kind.as_str()));
            wording::fill(key, &[param("text", &f.text), param("kind", kind)])
        })
        .collect();
    let listed = match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{}{}{last}", rest.join(", "), wording::text("privacy.and"))
        }
        _ => parts.concat(),
    };
    let key = if findings.len() > 1 {
        "privacy.question.many"
    } else {
        "privacy.question.one"
    };
    PrivacyQuestionText {
        question: wording::fill(
            key,
            &[param("field", field_name(field)), param("findings", listed)],
        ),
        redacted: wording::fill("privacy.redacted", &[param("redacted", redacted)]),
        mine: findings
            .iter()
            .map(|f| wording::fill("privacy.mine", &[param("text", &f.text)]))
            .collect(),
    }
}

/// A field named by the core ("body", "parked 2 when", "went well 1") as a person
/// would say it.
fn field_name(field: &str) -> String {
    if let Some(rest) = field.strip_prefix("parked ") {
        let (n, part) = rest.split_once(' ').unwrap_or((rest, ""));
        let key = match part {
            "" => Some("privacy.field.parked"),
            "when" => Some("privacy.field.parked-when"),
            "where" => Some("privacy.field.parked-where"),
            _ => None,
        };
        if let Some(key) = key.filter(|_| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
            return wording::fill(key, &[param("n", n)]);
        }
    }
    match field {
        "title" | "body" | "note" => wording::text(&format!("privacy.field.{field}")).to_owned(),
        _ => wording::fill("privacy.field.other", &[param("field", field)]),
    }
}

/// The fixed texts of the privacy questions and of the allow-list in settings.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PrivacyWording {
    /// After a check that spotted nothing.
    pub all_clear: String,
    /// When the check could not run (saving is never held up by it).
    pub check_failed: String,
    /// Above the questions.
    pub heading: String,
    /// Under the heading.
    pub intro: String,
    /// Answer: keep the field as written.
    pub keep: String,
    /// Answer: use the redacted version.
    pub redact: String,
    /// Answer to every open question at once.
    pub keep_all: String,
    /// Back from the questions to the form.
    pub back: String,
    /// The allow-list's heading in settings.
    pub allow_list_heading: String,
    /// What the allow-list is.
    pub allow_list_explained: String,
    /// The field to add a word.
    pub allow_list_field: String,
    /// Adds the word.
    pub allow_list_add: String,
    /// Takes a word off.
    pub allow_list_remove: String,
    /// When the list is empty.
    pub allow_list_empty: String,
}

/// The fixed texts.
pub(crate) fn privacy_wording() -> PrivacyWording {
    let t = |key: &str| wording::text(key).to_owned();
    PrivacyWording {
        all_clear: t("privacy.all-clear"),
        check_failed: t("privacy.check-failed"),
        heading: t("privacy.heading"),
        intro: t("privacy.intro"),
        keep: t("privacy.keep"),
        redact: t("privacy.redact"),
        keep_all: t("privacy.keep-all"),
        back: t("privacy.back"),
        allow_list_heading: t("allow-list.heading"),
        allow_list_explained: t("allow-list.explained"),
        allow_list_field: t("allow-list.field"),
        allow_list_add: t("allow-list.add"),
        allow_list_remove: t("allow-list.remove"),
        allow_list_empty: t("allow-list.empty"),
    }
}

/// What adding a word to the allow-list, or taking one off, came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AllowListOutcome {
    /// The word was added.
    Added,
    /// The word was on the list already.
    AlreadyThere,
    /// The word was taken off.
    Removed,
    /// The word to take off was not on the list.
    NotThere,
}

/// The line to show after an allow-list change of `word`.
pub(crate) fn allow_list_message(outcome: AllowListOutcome, word: &str) -> String {
    let key = match outcome {
        AllowListOutcome::Added => "allow-list.added",
        AllowListOutcome::AlreadyThere => "allow-list.already",
        AllowListOutcome::Removed => "allow-list.removed",
        AllowListOutcome::NotThere => "allow-list.missing",
    };
    wording::fill(key, &[param("word", word.trim())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::privacy::FindingKind;

    fn finding(kind: FindingKind, text: &str) -> PrivacyFinding {
        PrivacyFinding {
            kind,
            start: 0,
            end: 0,
            text: text.to_owned(),
        }
    }

    #[test]
    fn one_finding_is_asked_about_as_it() {
        let q = question(
            "note",
            &[finding(FindingKind::PersonName, "Mr Okafor")],
            "[name] rang.",
        );
        assert_eq!(
            q.question,
            "In the note, “Mr Okafor” looks like a name. Could it identify a client?"
        );
        assert_eq!(q.redacted, "Redacted: [name] rang.");
        assert_eq!(q.mine, vec!["“Mr Okafor” is mine, not a client's"]);
    }

    #[test]
    fn several_findings_are_listed_and_asked_about_as_they() {
        let findings = [
            finding(FindingKind::PersonName, "Priya Shah"),
            finding(FindingKind::PhoneNumber, "555-201-3344"),
            finding(FindingKind::Age, "14"),
        ];
        let q = question("parked 2 when", &findings, "");
        assert_eq!(
            q.question,
            "In when you'll pick up parked item 2, “Priya Shah” looks like a name, “555-201-3344” like a phone number and “14” like an age. Could they identify a client?"
        );
        assert_eq!(q.mine.len(), 3);
    }

    #[test]
    fn fields_are_named_as_a_person_would_say_them() {
        assert_eq!(field_name("body"), "the text");
        assert_eq!(field_name("parked 1"), "parked item 1");
        assert_eq!(
            field_name("parked 3 where"),
            "where you'll pick up parked item 3"
        );
        assert_eq!(field_name("went well 2"), "“went well 2”");
        assert_eq!(field_name("parked x"), "“parked x”");
        assert_eq!(field_name("parked 1 later"), "“parked 1 later”");
    }

    #[test]
    fn every_kind_has_a_name_and_every_text_is_there() {
        use FindingKind::*;
        for kind in [
            PersonName,
            Initials,
            Age,
            Place,
            StreetAddress,
            Date,
            PhoneNumber,
            Email,
            IdNumber,
        ] {
            assert!(
                wording::has(&format!("privacy.kind.{}", kind.as_str())),
                "{kind:?}"
            );
        }
        let w = privacy_wording();
        assert!(w.all_clear.contains("can miss some"));
        assert!(!w.allow_list_empty.is_empty());
        assert_eq!(
            allow_list_message(AllowListOutcome::Removed, " priya "),
            "“priya” is off your list; the check will ask about it again."
        );
    }
}
