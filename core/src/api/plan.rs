//! The plan's facade: its revisions, practices, emergency card and adherence.

use chrono::Duration;
use std::sync::Arc;

use super::session::Session;
use crate::error::Result;
use crate::plan::draft;
use crate::plan::revisions::{
    self, EmergencyCard, PlanRevision, PracticeAdherence, SuggestedPractice,
};
use crate::plan::suggestions::PlanMoment;
use crate::plan::{Plan, PlanChange};
use crate::prompts::transition;

/// The self-care plan of a vault.
#[derive(uniffi::Object)]
pub struct CarePlan {
    session: Arc<Session>,
}

impl CarePlan {
    pub(crate) fn new(session: Arc<Session>) -> Self {
        CarePlan { session }
    }
}

#[uniffi::export]
impl CarePlan {
    /// The current plan (an empty plan at revision 0 until the first save).
    pub fn current(&self) -> Result<PlanRevision> {
        Ok(revisions::current(&self.session.store)?)
    }

    /// Saves a new revision. Refuses an unchanged plan, and the removal of a practice
    /// that past records refer to (retire it instead, so its history stays readable).
    pub fn save(&self, plan: Plan) -> Result<PlanRevision> {
        Ok(revisions::save(&self.session.store, plan)?)
    }

    /// A plan text kept with [`CarePlan::keep_draft`], to start editing from.
    pub fn draft(&self) -> Result<Option<String>> {
        Ok(draft::get(&self.session.store)?)
    }

    /// Keeps a plan text that could not be saved yet, sealed in the vault (never in a
    /// plaintext file); an empty text forgets it.
    pub fn keep_draft(&self, text: String) -> Result<()> {
        Ok(draft::keep(&self.session.store, text)?)
    }

    /// Every saved revision, newest first.
    pub fn revisions(&self) -> Result<Vec<PlanRevision>> {
        Ok(revisions::revisions(&self.session.store)?)
    }

    /// One saved revision (0 is the empty plan).
    pub fn revision(&self, revision: u32) -> Result<PlanRevision> {
        Ok(revisions::revision(&self.session.store, revision)?)
    }

    /// What changed from revision `from` to revision `to`: added, removed and changed
    /// items, section by section.
    pub fn diff(&self, from: u32, to: u32) -> Result<Vec<PlanChange>> {
        Ok(revisions::changes(&self.session.store, from, to)?)
    }

    /// Practices that fit `moment`: from the plan first (current, then want-to-start;
    /// never retired), filled up with starter suggestions when the plan has few.
    pub fn practices_for(&self, moment: PlanMoment) -> Result<Vec<SuggestedPractice>> {
        Ok(revisions::practices_for(&self.session.store, moment)?)
    }

    /// The emergency plan as one card. Empty parts are filled with starter
    /// suggestions (and `uses_suggestions` says so) so the card is never blank.
    pub fn emergency_card(&self) -> Result<EmergencyCard> {
        Ok(revisions::emergency_card(&self.session.store)?)
    }

    /// Practices done against their targets for the `weeks` weeks (1–52) ending with
    /// the week of `today` (`YYYY-MM-DD`, the shell's local date). Done counts come from
    /// check-ins, reflections and linked journal entries.
    pub fn adherence(&self, today: String, weeks: u32) -> Result<Vec<PracticeAdherence>> {
        let store = &self.session.store;
        let day = crate::store::sealed::parse_day("today", &today)?;
        let shift_days = transition::shift_days(store, day - Duration::weeks(53), day)?;
        Ok(revisions::adherence(
            store,
            today,
            weeks,
            shift_days.as_ref(),
        )?)
    }
}
