//! The exported functions that need no vault, each delegating to its area.

use std::path::Path;

use crate::content::catalogue::{Catalogue, LabelKind, LabelMatch};
use crate::content::wording::WordedLine;
use crate::crypto::secret::{self, PassphraseStrength};
use crate::error::Result;
use crate::exchange::backup::{self, BackupSummary, MergeReport};
use crate::journal::{self, JournalEntry};
use crate::plan::breathing::{BreathMoment, BreathingPractice};
use crate::plan::suggestions::PlanSuggestion;
use crate::plan::Plan;
use crate::privacy::{PrivacyFinding, PrivacyReport};
use crate::prompts::schedule::WorkSchedule;
use crate::support::CrisisLine;

/// How hard `passphrase` is to guess, and what would make it harder: the rule every
/// new vault, passphrase and backup passphrase must pass (show the feedback as the
/// person types).
#[uniffi::export]
pub fn passphrase_strength(passphrase: String) -> PassphraseStrength {
    let passphrase = zeroize::Zeroizing::new(passphrase);
    secret::strength(&passphrase)
}

/// A short, warm acknowledgement to show after saving `entry`, when it is an
/// after-session reflection of intensity 8 or more; `None` otherwise.
#[uniffi::export]
pub fn after_session_acknowledgement(entry: JournalEntry) -> Option<WordedLine> {
    journal::acknowledgement(&entry)
}

/// Every crisis line the safety response knows, by region, each with its source
/// (for the region picker in settings).
#[uniffi::export]
pub fn crisis_lines() -> Vec<CrisisLine> {
    crate::support::crisis_lines::all().to_vec()
}

/// How a typed word matches the catalogue words of `kind`: its id, or close words to
/// offer and the id that keeps it as the person's own word. Call it as each word is
/// typed, so nothing is refused at saving.
#[uniffi::export]
pub fn match_label(kind: LabelKind, word: String) -> LabelMatch {
    crate::content::catalogue::match_label(kind, &word)
}

/// The paced-breathing practice for about `seconds` (10–600; `None`: a minute): in
/// for four, out for six, as steps with their offsets and cues, to animate.
#[uniffi::export]
pub fn paced_breathing(seconds: Option<u32>) -> Result<BreathingPractice> {
    Ok(crate::plan::breathing::paced_breathing(seconds)?)
}

/// Where `practice` is `elapsed_ms` after it started, for drawing it (the cue and how
/// full the circle is); none once it is over.
#[uniffi::export]
pub fn breathing_moment(practice: BreathingPractice, elapsed_ms: u64) -> Option<BreathMoment> {
    crate::plan::breathing::moment_at(&practice, elapsed_ms)
}

/// The whole catalogue.
#[uniffi::export]
pub fn catalogue() -> Catalogue {
    crate::content::catalogue::catalogue()
}

/// Every starter suggestion, section by section.
#[uniffi::export]
pub fn plan_suggestions() -> Vec<PlanSuggestion> {
    crate::plan::suggestions::plan_suggestions()
}

/// The plan with a suggestion added to its section (once: a line or practice already
/// there is not added again). The shells call this when a suggestion is picked.
#[uniffi::export]
pub fn plan_with_suggestion(plan: Plan, suggestion: PlanSuggestion) -> Plan {
    crate::plan::suggestions::plan_with_suggestion(plan, suggestion)
}

/// The plan in its text form.
#[uniffi::export]
pub fn plan_to_text(plan: Plan) -> String {
    crate::plan::text::plan_to_text(plan)
}

/// Reads the text form back. Errors name the line and what is wrong; nothing in
/// the text is lost, since the caller still holds it.
#[uniffi::export]
pub fn plan_from_text(text: String) -> Result<Plan> {
    Ok(crate::plan::text::plan_from_text(text)?)
}

/// The plan as printable Markdown.
#[uniffi::export]
pub fn plan_to_markdown(plan: Plan) -> String {
    crate::plan::text::plan_to_markdown(plan)
}

/// The schedule in its text form (what `respite schedule show` prints).
#[uniffi::export]
pub fn schedule_to_text(schedule: WorkSchedule) -> String {
    crate::prompts::schedule::schedule_to_text(schedule)
}

/// Reads the text form back; errors name the line.
#[uniffi::export]
pub fn schedule_from_text(text: String) -> Result<WorkSchedule> {
    Ok(crate::prompts::schedule::schedule_from_text(text)?)
}

/// Checks `text` for details that could identify a client. An empty report means
/// nothing was spotted, not that nothing is there: the check can miss things.
#[uniffi::export]
pub fn privacy_check(text: String) -> PrivacyReport {
    crate::privacy::privacy_check(text)
}

/// Replaces the chosen findings (from a check of the same text) with placeholders,
/// leaving the rest of the text as it is.
#[uniffi::export]
pub fn privacy_redact(text: String, findings: Vec<PrivacyFinding>) -> Result<String> {
    Ok(crate::privacy::privacy_redact(text, findings)?)
}

/// Reads a whole backup, checking every record, and says what it holds. Nothing is
/// written anywhere.
#[uniffi::export]
pub fn verify_backup(path: String, passphrase: String) -> Result<BackupSummary> {
    let passphrase = zeroize::Zeroizing::new(passphrase);
    Ok(backup::verify(Path::new(&path), &passphrase)?)
}

/// Restores a backup into a new vault at `vault_path` (which must not exist),
/// protected by `vault_passphrase` (`kdf_iterations` as for [`Vault::create`]). The
/// vault file appears only once the whole backup was read and checked; on any error
/// nothing is left behind. Open the vault afterwards as usual.
#[uniffi::export]
pub fn restore_backup(
    backup_path: String,
    backup_passphrase: String,
    vault_path: String,
    vault_passphrase: String,
    kdf_iterations: Option<u32>,
) -> Result<MergeReport> {
    let (backup_passphrase, vault_passphrase) = (
        zeroize::Zeroizing::new(backup_passphrase),
        secret::normalised(vault_passphrase),
    );
    secret::check_strength(&vault_passphrase, "vault_passphrase")?;
    Ok(backup::restore_new(
        Path::new(&backup_path),
        &backup_passphrase,
        Path::new(&vault_path),
        &vault_passphrase,
        kdf_iterations,
    )?)
}
