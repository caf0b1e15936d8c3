//! The identifier check as the vault's `Privacy` area: every check leaves out the
//! person's allow-list, and the allow-list is edited here.

use std::sync::Arc;

use super::allow_list::AllowList;
use super::fields::{self, Record};
use super::{check, check_fields, DraftField, FieldReport, PrivacyReport};
use crate::api::vault::VaultState;
use crate::checkins::CheckInData;
use crate::error::Result;
use crate::journal::{JournalDraft, JournalUpdate};
use crate::plan::Plan;
use crate::prompts::transition::{EveningAnswers, TransitionAnswers};

/// The identifier check with this vault's allow-list, and the allow-list itself.
#[derive(uniffi::Object)]
pub struct Privacy {
    state: Arc<VaultState>,
}

impl Privacy {
    pub(crate) fn new(state: Arc<VaultState>) -> Self {
        Privacy { state }
    }

    fn load(&self) -> Result<AllowList> {
        let keys = self.state.keys()?;
        AllowList::load(&self.state.conn(), &keys)
    }

    fn check_record<R: Record>(&self, record: &R) -> Result<Vec<FieldReport>> {
        Ok(check_fields(fields::texts(record), &self.load()?))
    }

    fn redact_record<R: Record>(&self, mut record: R, chosen: &[String]) -> Result<R> {
        let reports = check_fields(fields::texts(&record), &self.load()?);
        fields::apply(&mut record, &reports, chosen);
        Ok(record)
    }

    fn change(&self, f: impl FnOnce(&mut AllowList) -> Result<bool>) -> Result<bool> {
        let keys = self.state.keys()?;
        let mut conn = self.state.conn();
        let tx = conn.transaction()?;
        let mut list = AllowList::load(&tx, &keys)?;
        let changed = f(&mut list)?;
        if changed {
            list.save(&tx, &keys)?;
        }
        tx.commit()?;
        Ok(changed)
    }
}

#[uniffi::export]
impl Privacy {
    /// Checks `text`, leaving out what the allow-list holds.
    pub fn check(&self, text: String) -> Result<PrivacyReport> {
        Ok(check(&text, &self.load()?))
    }

    /// Checks every free-text field of a draft at once, leaving out what the
    /// allow-list holds: one report per field, in the order given.
    pub fn check_draft(&self, fields: Vec<DraftField>) -> Result<Vec<FieldReport>> {
        Ok(check_fields(fields, &self.load()?))
    }

    /// The allowed words and phrases, sorted, in lower case.
    pub fn allowed(&self) -> Result<Vec<String>> {
        Ok(self.load()?.words)
    }

    /// Checks a journal entry's title, text and tags before it is saved.
    pub fn check_journal(&self, draft: JournalDraft) -> Result<Vec<FieldReport>> {
        self.check_record(&draft)
    }

    /// Checks what an edit of a journal entry changes (fields named as for a new entry).
    pub fn check_journal_update(&self, update: JournalUpdate) -> Result<Vec<FieldReport>> {
        self.check_record(&update)
    }

    /// Checks a check-in's note before it is saved.
    pub fn check_checkin(&self, data: CheckInData) -> Result<Vec<FieldReport>> {
        self.check_record(&data)
    }

    /// Checks every answer of a transition, each parked item included.
    pub fn check_transition(&self, answers: TransitionAnswers) -> Result<Vec<FieldReport>> {
        self.check_record(&answers)
    }

    /// Checks the evening check's note.
    pub fn check_evening(&self, answers: EveningAnswers) -> Result<Vec<FieldReport>> {
        self.check_record(&answers)
    }

    /// Checks the plan's text; the person's own contacts and people are left out.
    pub fn check_plan(&self, plan: Plan) -> Result<Vec<FieldReport>> {
        self.check_record(&plan)
    }

    /// The entry with the redacted text in each field named in `fields` (every field
    /// when empty) in which the check, run again now, finds something.
    pub fn redact_journal(&self, draft: JournalDraft, fields: Vec<String>) -> Result<JournalDraft> {
        self.redact_record(draft, &fields)
    }

    /// The edit with the chosen fields redacted, as [`Privacy::redact_journal`].
    pub fn redact_journal_update(
        &self,
        update: JournalUpdate,
        fields: Vec<String>,
    ) -> Result<JournalUpdate> {
        self.redact_record(update, &fields)
    }

    /// The check-in with its note redacted when `fields` is empty or names it.
    pub fn redact_checkin(&self, data: CheckInData, fields: Vec<String>) -> Result<CheckInData> {
        self.redact_record(data, &fields)
    }

    /// The transition with the chosen answers redacted, as [`Privacy::redact_journal`].
    pub fn redact_transition(
        &self,
        answers: TransitionAnswers,
        fields: Vec<String>,
    ) -> Result<TransitionAnswers> {
        self.redact_record(answers, &fields)
    }

    /// The evening check with its note redacted when `fields` is empty or names it.
    pub fn redact_evening(
        &self,
        answers: EveningAnswers,
        fields: Vec<String>,
    ) -> Result<EveningAnswers> {
        self.redact_record(answers, &fields)
    }

    /// The plan with the chosen fields redacted, as [`Privacy::redact_journal`].
    pub fn redact_plan(&self, plan: Plan, fields: Vec<String>) -> Result<Plan> {
        self.redact_record(plan, &fields)
    }

    /// Marks a word or phrase as not a client detail ("Priya", "St Vincent's").
    /// Returns whether it was new.
    pub fn allow(&self, word: String) -> Result<bool> {
        self.change(|list| list.insert(&word))
    }

    /// Takes a word or phrase off the allow-list. Returns whether it was there.
    pub fn remove_allowed(&self, word: String) -> Result<bool> {
        self.change(|list| list.remove(&word))
    }
}
