//! The identifier check's facade, with this vault's allow-list.

use std::sync::Arc;

use super::session::Session;
use crate::checkins::CheckInData;
use crate::error::Result;
use crate::journal::{JournalDraft, JournalUpdate};
use crate::plan::Plan;
use crate::privacy::checker;
use crate::privacy::{DraftField, FieldReport, PrivacyReport};
use crate::prompts::transition::{EveningAnswers, TransitionAnswers};

/// The identifier check with this vault's allow-list, and the allow-list itself.
#[derive(uniffi::Object)]
pub struct Privacy {
    session: Arc<Session>,
}

impl Privacy {
    pub(crate) fn new(session: Arc<Session>) -> Self {
        Privacy { session }
    }
}

#[uniffi::export]
impl Privacy {
    /// Checks `text`, leaving out what the allow-list holds.
    pub fn check(&self, text: String) -> Result<PrivacyReport> {
        Ok(checker::check(&self.session.store, text)?)
    }

    /// Checks every free-text field of a draft at once, leaving out what the
    /// allow-list holds: one report per field, in the order given.
    pub fn check_draft(&self, fields: Vec<DraftField>) -> Result<Vec<FieldReport>> {
        Ok(checker::check_draft(&self.session.store, fields)?)
    }

    /// The allowed words and phrases, sorted, in lower case.
    pub fn allowed(&self) -> Result<Vec<String>> {
        Ok(checker::allowed(&self.session.store)?)
    }

    /// Checks a journal entry's title, text and tags before it is saved.
    pub fn check_journal(&self, draft: JournalDraft) -> Result<Vec<FieldReport>> {
        Ok(checker::check_journal(&self.session.store, draft)?)
    }

    /// Checks what an edit of a journal entry changes (fields named as for a new entry).
    pub fn check_journal_update(&self, update: JournalUpdate) -> Result<Vec<FieldReport>> {
        Ok(checker::check_journal_update(&self.session.store, update)?)
    }

    /// Checks a check-in's note before it is saved.
    pub fn check_checkin(&self, data: CheckInData) -> Result<Vec<FieldReport>> {
        Ok(checker::check_checkin(&self.session.store, data)?)
    }

    /// Checks every answer of a transition, each parked item included.
    pub fn check_transition(&self, answers: TransitionAnswers) -> Result<Vec<FieldReport>> {
        Ok(checker::check_transition(&self.session.store, answers)?)
    }

    /// Checks the evening check's note.
    pub fn check_evening(&self, answers: EveningAnswers) -> Result<Vec<FieldReport>> {
        Ok(checker::check_evening(&self.session.store, answers)?)
    }

    /// Checks the plan's text; the person's own contacts and people are left out.
    pub fn check_plan(&self, plan: Plan) -> Result<Vec<FieldReport>> {
        Ok(checker::check_plan(&self.session.store, plan)?)
    }

    /// The entry with the redacted text in each field named in `fields` (every field
    /// when empty) in which the check, run again now, finds something.
    pub fn redact_journal(&self, draft: JournalDraft, fields: Vec<String>) -> Result<JournalDraft> {
        Ok(checker::redact_journal(&self.session.store, draft, fields)?)
    }

    /// The edit with the chosen fields redacted, as [`Privacy::redact_journal`].
    pub fn redact_journal_update(
        &self,
        update: JournalUpdate,
        fields: Vec<String>,
    ) -> Result<JournalUpdate> {
        Ok(checker::redact_journal_update(
            &self.session.store,
            update,
            fields,
        )?)
    }

    /// The check-in with its note redacted when `fields` is empty or names it.
    pub fn redact_checkin(&self, data: CheckInData, fields: Vec<String>) -> Result<CheckInData> {
        Ok(checker::redact_checkin(&self.session.store, data, fields)?)
    }

    /// The transition with the chosen answers redacted, as [`Privacy::redact_journal`].
    pub fn redact_transition(
        &self,
        answers: TransitionAnswers,
        fields: Vec<String>,
    ) -> Result<TransitionAnswers> {
        Ok(checker::redact_transition(
            &self.session.store,
            answers,
            fields,
        )?)
    }

    /// The evening check with its note redacted when `fields` is empty or names it.
    pub fn redact_evening(
        &self,
        answers: EveningAnswers,
        fields: Vec<String>,
    ) -> Result<EveningAnswers> {
        Ok(checker::redact_evening(
            &self.session.store,
            answers,
            fields,
        )?)
    }

    /// The plan with the chosen fields redacted, as [`Privacy::redact_journal`].
    pub fn redact_plan(&self, plan: Plan, fields: Vec<String>) -> Result<Plan> {
        Ok(checker::redact_plan(&self.session.store, plan, fields)?)
    }

    /// Marks a word or phrase as not a client detail ("Priya", "St Vincent's").
    /// Returns whether it was new.
    pub fn allow(&self, word: String) -> Result<bool> {
        Ok(checker::allow(&self.session.store, word)?)
    }

    /// Takes a word or phrase off the allow-list. Returns whether it was there.
    pub fn remove_allowed(&self, word: String) -> Result<bool> {
        Ok(checker::remove_allowed(&self.session.store, word)?)
    }
}
