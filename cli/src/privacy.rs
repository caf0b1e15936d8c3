//! Keeping client details out: the check every saving command runs on its free text
//! ([`screen`]), `respite privacy-check`, and the allow-list (`respite privacy allow …`).
//!
//! What goes to stderr names fields and kinds of detail, never the text itself:
//! stderr may be logged.

use clap::Subcommand;
use respite_core::{
    privacy_check, CheckInData, EveningAnswers, FieldReport, JournalDraft, JournalUpdate, Plan,
    Privacy, PrivacyFinding, PrivacyReport, RespiteError, TransitionAnswers, Vault,
};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;

use crate::commands::{path_text, read_stdin};
use crate::error::CliError;
use crate::format::{finding_json, Output};
use crate::secrets;

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// Words and phrases that are yours, which the privacy check leaves alone.
    #[command(subcommand)]
    Allow(AllowCommand),
}

#[derive(Debug, Subcommand)]
pub enum AllowCommand {
    /// Add a word or phrase (quote a phrase: "St Vincent's"); kept in lower case.
    Add { word: String },
    /// The allowed words and phrases, one a line.
    List,
    /// Take a word or phrase off the list; exit code 1 when it is not there.
    Remove { word: String },
}

/// How to tell Respite that a word is the person's own, not a client's.
pub const ALLOW_COMMAND: &str = "respite privacy allow add WORD";

/// Something about to be saved whose free text the check reads first; the core
/// names its fields and writes redactions back.
pub trait Draft: Clone {
    /// The vault's check of its free-text fields: one report per non-empty field.
    fn check(&self, privacy: &Privacy) -> Result<Vec<FieldReport>, RespiteError>;
    /// The same record with every field the check finds something in redacted.
    fn redacted(self, privacy: &Privacy) -> Result<Self, RespiteError>;
}

macro_rules! draft {
    ($record:ty, $check:ident, $redact:ident) => {
        impl Draft for $record {
            fn check(&self, privacy: &Privacy) -> Result<Vec<FieldReport>, RespiteError> {
                privacy.$check(self.clone())
            }

            fn redacted(self, privacy: &Privacy) -> Result<Self, RespiteError> {
                privacy.$redact(self, vec![])
            }
        }
    };
}

draft!(JournalDraft, check_journal, redact_journal);
draft!(JournalUpdate, check_journal_update, redact_journal_update);
draft!(CheckInData, check_checkin, redact_checkin);
draft!(EveningAnswers, check_evening, redact_evening);
draft!(TransitionAnswers, check_transition, redact_transition);
draft!(Plan, check_plan, redact_plan);

/// What [`screen`] has to say, said once the text is saved (a failed save says nothing).
#[derive(Debug, Default)]
#[must_use = "say it once the text is saved"]
pub struct Screened(Option<String>);

impl Screened {
    /// Says on stderr what was found or replaced: fields and kinds, never the text.
    pub fn say(self) {
        if let Some(note) = self.0 {
            eprintln!("respite: {note}");
        }
    }
}

/// The check before a save, with the vault's allow-list: every free-text field of
/// `draft` is checked; with `redact`, what was found is replaced by placeholders in
/// `draft`, otherwise it stays as written. Returns the note to say after saving.
pub fn screen<D: Draft>(vault: &Vault, draft: &mut D, redact: bool) -> Result<Screened, CliError> {
    let privacy = vault.privacy();
    let found: Vec<FieldReport> = draft
        .check(&privacy)?
        .into_iter()
        .filter(|r| !r.findings.is_empty())
        .collect();
    if found.is_empty() {
        return Ok(Screened(None));
    }
    let names: Vec<String> = found.iter().map(|r| format!("\"{}\"", r.field)).collect();
    let names = and_list(&names);
    if !redact {
        let findings: Vec<PrivacyFinding> = found.iter().flat_map(|r| r.findings.clone()).collect();
        return Ok(Screened(Some(format!(
            "{names} may identify someone ({}). Saved as written — --redact replaces such details; \"{ALLOW_COMMAND}\" teaches Respite a word that is yours.",
            kinds(&findings)
        ))));
    }
    *draft = draft.clone().redacted(&privacy)?;
    let n: usize = found.iter().map(|r| r.findings.len()).sum();
    let details = if n == 1 { "detail" } else { "details" };
    Ok(Screened(Some(format!(
        "replaced {n} {details} that could identify someone in {names}."
    ))))
}

/// The kinds of the findings, each once, in order: "name, age".
pub fn kinds(findings: &[PrivacyFinding]) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for f in findings {
        if !kinds.contains(&f.kind.as_str()) {
            kinds.push(f.kind.as_str());
        }
    }
    kinds.join(", ")
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Runs a `privacy` subcommand.
pub fn run(out: &Output, vault: &Vault, command: PrivacyCommand) -> Result<(), CliError> {
    let privacy = vault.privacy();
    match command {
        PrivacyCommand::Allow(AllowCommand::Add { word }) => {
            let added = privacy.allow(word.clone())?;
            let text = if added {
                format!(
                    "Added \"{word}\" to your allow-list: the privacy check will leave it alone."
                )
            } else {
                format!("\"{word}\" was already on your allow-list.")
            };
            out.print(&text, json!({ "word": word, "added": added }));
        }
        PrivacyCommand::Allow(AllowCommand::List) => {
            let words = privacy.allowed()?;
            out.print(&words.join("\n"), json!({ "allowed": words }));
        }
        PrivacyCommand::Allow(AllowCommand::Remove { word }) => {
            if !privacy.remove_allowed(word.clone())? {
                // The word is not repeated: errors never quote what was typed.
                return Err(CliError::Other(
                    "that is not on your allow-list (see `respite privacy allow list`)".into(),
                ));
            }
            out.print(
                &format!("Removed \"{word}\" from your allow-list."),
                json!({ "removed": word }),
            );
        }
    }
    Ok(())
}

/// `privacy-check`: checks standard input and prints what was found; exit code 5 when
/// anything was. The vault's allow-list applies when the vault at `path` exists and
/// RESPITE_PASSPHRASE or RESPITE_RECOVERY_CODE opens it; otherwise the plain check
/// runs (and says so on stderr when there is a vault).
pub fn check_command(out: &Output, path: &Path) -> Result<(), CliError> {
    let text = read_stdin()?;
    let vault = vault_from_env(path);
    let report: PrivacyReport = match &vault {
        Some(vault) => vault.privacy().check(text)?,
        None => privacy_check(text),
    };
    if out.json {
        let findings: Vec<Value> = report.findings.iter().map(finding_json).collect();
        out.print(
            "",
            json!({ "findings": findings, "redacted": report.redacted }),
        );
    } else {
        let mut text = if report.findings.is_empty() {
            "Respite did not spot anything that looks like a client detail. It can miss some, \
             so read it over before you save it."
                .to_owned()
        } else {
            let mut text = String::from("Could these identify someone?\n");
            for f in &report.findings {
                text.push_str(&format!("  {:<10} {}\n", f.kind.as_str(), f.text));
            }
            text.push_str(&format!(
                "\nWith placeholders instead:\n{}\n\nIf one of them is yours, not a client's (a colleague, \
                 your family, your workplace), \"{ALLOW_COMMAND}\" stops Respite asking about it. \
                 The check can miss some details, so read it over too.",
                report.redacted
            ));
            text
        };
        let has_allowed = vault
            .as_ref()
            .is_some_and(|v| v.privacy().allowed().is_ok_and(|a| !a.is_empty()));
        if has_allowed {
            text.push_str("\n(Words on your allow-list were left out.)");
        }
        println!("{}", crate::format::printable(&text));
    }
    if report.findings.is_empty() {
        Ok(())
    } else {
        Err(CliError::Findings)
    }
}

/// The vault at `path`, unlocked by a secret in the environment; `None` (with a note
/// on stderr when a vault is there) when there is none or it does not open.
fn vault_from_env(path: &Path) -> Option<Arc<Vault>> {
    if !path.exists() {
        return None;
    }
    let opened = path_text(path).and_then(|p| {
        let vault = Vault::open(p)?;
        Ok(secrets::unlock_from_env(&vault)?.then_some(vault))
    });
    match opened {
        Ok(Some(vault)) => Some(vault),
        Ok(None) => {
            eprintln!(
                "respite: checked without your allow-list (RESPITE_PASSPHRASE or RESPITE_RECOVERY_CODE opens the vault for it)."
            );
            None
        }
        Err(err) => {
            eprintln!(
                "respite: checked without your allow-list: the vault did not open ({}).",
                err.message()
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use respite_core::{
        Contact, EmergencyPlan, Frequency, JournalKind, ParkedItemDraft, Practice, PracticeContext,
        PracticeDomain, PracticeStatus, SignArea, WarningSign,
    };

    const DETAIL: &str = "my client Mrs Adeyemi (72) was tearful";

    fn detail() -> String {
        DETAIL.to_owned()
    }

    /// Every field the core checks can be written back: after `screen` with redact,
    /// the same check finds nothing left, and nothing else was touched.
    fn redacts_every_field<D: Draft>(vault: &Vault, mut draft: D, fields: usize) {
        let found = draft.check(&vault.privacy()).unwrap();
        assert_eq!(
            found.len(),
            fields,
            "{:?}",
            found.iter().map(|r| &r.field).collect::<Vec<_>>()
        );
        assert!(found.iter().all(|r| !r.findings.is_empty()));
        screen(vault, &mut draft, true).unwrap().0.unwrap();
        let left = draft.check(&vault.privacy()).unwrap();
        assert!(left.iter().all(|r| r.findings.is_empty()), "{left:?}");
    }

    #[test]
    fn every_field_the_core_checks_is_redacted_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.db").to_str().unwrap().to_owned();
        let vault =
            Vault::create(path, "steady hands, steady heart".into(), Some(100_000)).unwrap();
        let moment = crate::commands::now();
        let three = || vec![detail(), detail(), detail()];

        let journal = JournalDraft {
            kind: JournalKind::Free,
            moment,
            title: Some(detail()),
            body: detail(),
            tags: three(),
            practice_ids: vec![],
            reflection: None,
        };
        redacts_every_field(&vault, journal, 5);
        let update = JournalUpdate {
            title: Some(detail()),
            body: Some(detail()),
            tags: Some(three()),
            ..Default::default()
        };
        redacts_every_field(&vault, update, 5);
        let checkin = CheckInData {
            note: Some(detail()),
            ..CheckInData::new(moment)
        };
        redacts_every_field(&vault, checkin, 1);
        let evening = EveningAnswers {
            note: Some(detail()),
            ..Default::default()
        };
        redacts_every_field(&vault, evening, 1);
        let parked = || ParkedItemDraft {
            what: detail(),
            when: Some(detail()),
            place: Some(detail()),
        };
        let transition = TransitionAnswers {
            parked: vec![parked(), parked()],
            set_down: Some(detail()),
            went_well: three(),
            who_at_home: Some(detail()),
            first_thing: Some(detail()),
            end_of_day_signal: Some(detail()),
            ..Default::default()
        };
        redacts_every_field(&vault, transition, 6 + 1 + 3 + 3);
        let practice = |id: &str| Practice {
            id: id.into(),
            name: detail(),
            domain: PracticeDomain::Emotional,
            context: PracticeContext::Workday,
            status: PracticeStatus::Current,
            frequency: Frequency::Daily,
            barrier: Some(detail()),
            workaround: Some(detail()),
        };
        let plan = Plan {
            values: three(),
            roles: three(),
            demands: three(),
            stressors: three(),
            supports_in_place: three(),
            supports_to_request: three(),
            boundaries: three(),
            warning_signs: vec![
                WarningSign {
                    area: SignArea::Physical,
                    text: detail(),
                };
                3
            ],
            triggers: three(),
            depletes: three(),
            restores: three(),
            people: three(),
            emergency: EmergencyPlan {
                helps_me_settle: three(),
                kind_words: three(),
                avoid: three(),
                contacts: vec![Contact {
                    name: "Mrs Adeyemi".into(),
                    how: "555-201-3344".into(),
                }],
                professional_help: three(),
            },
            practices: vec![practice("a"), practice("b")],
            review_date: None,
            review_note: Some(detail()),
        };
        // 15 lists of three, two practices of three fields, the review note; the
        // person's own people and contacts are not checked.
        redacts_every_field(&vault, plan.clone(), 15 * 3 + 2 * 3 + 1);
        let mut redacted = plan;
        screen(&vault, &mut redacted, true).unwrap().say();
        assert_eq!(redacted.people, three());
        assert_eq!(redacted.emergency.contacts[0].name, "Mrs Adeyemi");
    }
}
