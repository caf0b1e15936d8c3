//! The prompts' facade: the schedule, occurrences, the transition and evening check.

use std::sync::Arc;

use super::session::Session;
use crate::checkins::CheckIn;
use crate::error::Result;
use crate::journal::JournalEntry;
use crate::prompts::schedule::WorkSchedule;
use crate::prompts::transition::{
    self, EveningAnswers, OpenParkedItem, TransitionAnswers, TransitionScript,
};
use crate::prompts::PromptOccurrence;
use crate::time::{LocalMoment, Timestamp};

/// The prompts of a vault: the work schedule, the occurrences to notify, snoozes and
/// skips, the transition flow and the evening check.
#[derive(uniffi::Object)]
pub struct Prompts {
    session: Arc<Session>,
}

impl Prompts {
    pub(crate) fn new(session: Arc<Session>) -> Self {
        Prompts { session }
    }
}

#[uniffi::export]
impl Prompts {
    /// The work schedule (the default until changed).
    pub fn schedule(&self) -> Result<WorkSchedule> {
        Ok(transition::schedule(&self.session.store)?)
    }

    /// Replaces the work schedule and returns it as stored.
    pub fn set_schedule(&self, schedule: WorkSchedule) -> Result<WorkSchedule> {
        Ok(transition::set_schedule(&self.session.store, schedule)?)
    }

    /// The prompts to notify in `[from, until)` (at most 62 days), sorted by time.
    /// `device_time_zone` is the device's IANA zone now; it is used when the schedule
    /// follows the device. Deterministic: the same inputs give the same list.
    pub fn upcoming(
        &self,
        from: Timestamp,
        until: Timestamp,
        device_time_zone: String,
    ) -> Result<Vec<PromptOccurrence>> {
        Ok(transition::upcoming(
            &self.session.store,
            from,
            until,
            device_time_zone,
        )?)
    }

    /// Moves an occurrence to `until` (at most 12 hours after it was due). Remembered.
    pub fn snooze(&self, id: String, due: Timestamp, until: Timestamp) -> Result<()> {
        Ok(transition::snooze(&self.session.store, id, due, until)?)
    }

    /// Skips an occurrence: it will not be notified. Remembered.
    pub fn skip(&self, id: String) -> Result<()> {
        Ok(transition::skip(&self.session.store, id)?)
    }

    /// The transition flow for `moment`: wording for each step (rotating by date) and
    /// practices from the plan for a session that is staying with me.
    pub fn transition_script(&self, moment: LocalMoment) -> Result<TransitionScript> {
        Ok(transition::transition_script(&self.session.store, moment)?)
    }

    /// Saves the answers as one sealed transition entry.
    pub fn save_transition(
        &self,
        moment: LocalMoment,
        answers: TransitionAnswers,
    ) -> Result<JournalEntry> {
        let entry = transition::save_transition(&self.session.store, moment, answers)?;
        self.session.search.put_entry(&entry);
        Ok(entry)
    }

    /// Parked items not yet done from the last 30 days of transitions, oldest first:
    /// what the start-of-shift flow shows. They never appear in notifications.
    pub fn open_parked_items(&self, today: String) -> Result<Vec<OpenParkedItem>> {
        Ok(transition::open_parked_items(&self.session.store, today)?)
    }

    /// Marks a parked item done (a new revision of its transition entry, read and
    /// written in one transaction).
    pub fn mark_parked_done(&self, entry_id: String, item_id: String) -> Result<()> {
        let entry = transition::mark_parked_done(&self.session.store, entry_id, item_id)?;
        self.session.search.put_entry(&entry);
        Ok(())
    }

    /// Saves the evening check as a check-in at home, linked to that day's transition.
    pub fn save_evening_check(
        &self,
        moment: LocalMoment,
        answers: EveningAnswers,
    ) -> Result<CheckIn> {
        let checkin = transition::save_evening_check(&self.session.store, moment, answers)?;
        self.session.search.put_checkin(&checkin);
        Ok(checkin)
    }
}
