//! The identifier check as the vault's `Privacy` area: every check leaves out the
//! person's allow-list, and the allow-list is edited here.

use std::sync::Arc;

use super::allow_list::AllowList;
use super::{check, check_fields, fields, DraftField, FieldReport, PrivacyReport};
use crate::checkins::CheckInData;
use crate::error::Result;
use crate::journal::JournalDraft;
use crate::plan::Plan;
use crate::transition::{EveningAnswers, TransitionAnswers};
use crate::vault::VaultState;

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
        self.check_draft(fields::journal(&draft))
    }

    /// Checks a check-in's note before it is saved.
    pub fn check_checkin(&self, data: CheckInData) -> Result<Vec<FieldReport>> {
        self.check_draft(fields::checkin(&data))
    }

    /// Checks every answer of a transition, each parked item included.
    pub fn check_transition(&self, answers: TransitionAnswers) -> Result<Vec<FieldReport>> {
        self.check_draft(fields::transition(&answers))
    }

    /// Checks the evening check's note.
    pub fn check_evening(&self, answers: EveningAnswers) -> Result<Vec<FieldReport>> {
        self.check_draft(fields::evening(&answers))
    }

    /// Checks the plan's text; the person's own contacts and people are left out.
    pub fn check_plan(&self, plan: Plan) -> Result<Vec<FieldReport>> {
        self.check_draft(fields::plan(&plan))
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
