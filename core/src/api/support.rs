//! The safety response's facade.

use std::sync::Arc;

use super::session::Session;
use crate::checkins::CheckIn;
use crate::error::Result;
use crate::journal::JournalEntry;
use crate::support::{self, SafetyResponse};

/// The gentle answer to a very bad moment: the person's own emergency card, their
/// people, professional help and, when the plan names none, a crisis line.
#[derive(uniffi::Object)]
pub struct Support {
    session: Arc<Session>,
}

impl Support {
    pub(crate) fn new(session: Arc<Session>) -> Self {
        Support { session }
    }
}

#[uniffi::export]
impl Support {
    /// Call after saving `checkin`: the response when it suggests a very bad place
    /// (stress zone "ill", burnout at its top level, very low pleasantness with low
    /// energy, or the note's words), at most once per local day; `None` otherwise.
    /// Show it in the app, never in a notification.
    pub fn after_checkin(&self, checkin: CheckIn) -> Result<Option<SafetyResponse>> {
        let reasons = support::reasons_in_checkin(&checkin);
        Ok(support::respond(
            &self.session.store,
            reasons,
            &checkin.id,
            &checkin.local_day,
        )?)
    }

    /// Call after saving `entry` (a reflection, a transition, any writing): the
    /// response when its words suggest hopelessness or self-harm, or a transition was
    /// very low and drained, at most once per local day; `None` otherwise.
    pub fn after_entry(&self, entry: JournalEntry) -> Result<Option<SafetyResponse>> {
        let reasons = support::reasons_in_entry(&entry);
        Ok(support::respond(
            &self.session.store,
            reasons,
            &entry.id,
            &entry.local_day,
        )?)
    }

    /// The response whenever the person asks for it (a "hard day" button), with no
    /// reasons and no limit.
    pub fn on_request(&self) -> Result<SafetyResponse> {
        Ok(support::response(&self.session.store, Vec::new())?)
    }
}
