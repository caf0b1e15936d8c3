//! Keeping the platform's scheduled reminders in line with the core's upcoming
//! prompts: each occurrence is one platform request named by its stable id, so it is a
//! set difference, worked out once for both apps.

use std::collections::BTreeSet;

use crate::error::internal::Result;
use crate::prompts::transition;
use crate::prompts::PromptOccurrence;
use crate::store::Store;
use crate::time::Timestamp;

/// How many days ahead the apps schedule reminders.
const DAYS_AHEAD: i64 = 7;

/// What to change in the platform's scheduled reminders.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReminderChanges {
    /// Occurrences to schedule (not scheduled yet), by time; their title and body are
    /// the core's generic wording, never anything the person wrote.
    pub schedule: Vec<PromptOccurrence>,
    /// Ids of scheduled reminders to cancel (no longer wanted), sorted.
    pub cancel: Vec<String>,
}

/// The changes from the reminders scheduled now (`scheduled`, by occurrence id) to
/// the next seven days of prompts from `now`.
pub(crate) fn reminder_changes(
    store: &Store,
    now: Timestamp,
    device_time_zone: String,
    scheduled: Vec<String>,
) -> Result<ReminderChanges> {
    let until = now + chrono::Duration::days(DAYS_AHEAD);
    let wanted = transition::upcoming(store, now, until, device_time_zone)?;
    Ok(changes(wanted, scheduled))
}

/// The set difference between `wanted` and `scheduled`.
fn changes(wanted: Vec<PromptOccurrence>, scheduled: Vec<String>) -> ReminderChanges {
    let scheduled: BTreeSet<String> = scheduled.into_iter().collect();
    let wanted_ids: BTreeSet<&str> = wanted.iter().map(|o| o.id.as_str()).collect();
    let cancel = scheduled
        .iter()
        .filter(|id| !wanted_ids.contains(id.as_str()))
        .cloned()
        .collect();
    let schedule = wanted
        .into_iter()
        .filter(|o| !scheduled.contains(&o.id))
        .collect();
    ReminderChanges { schedule, cancel }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompts::PromptKind;

    fn occurrence(id: &str) -> PromptOccurrence {
        PromptOccurrence {
            id: id.to_owned(),
            kind: PromptKind::Transition,
            at: chrono::DateTime::UNIX_EPOCH,
            local_day: "1970-01-01".to_owned(),
            utc_offset_minutes: 0,
            title: String::new(),
            body: String::new(),
            wording_key: String::new(),
            snoozed: false,
        }
    }

    #[test]
    fn schedules_what_is_missing_and_cancels_what_is_no_longer_wanted() {
        let wanted = vec![occurrence("a"), occurrence("b"), occurrence("c")];
        let scheduled = vec!["z".to_owned(), "b".to_owned(), "y".to_owned()];
        let diff = changes(wanted, scheduled);
        let ids: Vec<&str> = diff.schedule.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"], "in the order of time");
        assert_eq!(diff.cancel, ["y", "z"]);
        let again = changes(vec![occurrence("a")], vec!["a".to_owned()]);
        assert!(
            again.schedule.is_empty() && again.cancel.is_empty(),
            "in line: nothing to do"
        );
    }
}
