//! The today screen: the quick actions in the order the moment calls for, the next
//! prompt, and what is parked.

use chrono::Duration;

use crate::checkins;
use crate::content::wording;
use crate::error::internal::Result;
use crate::journal::{self, JournalKind};
use crate::prompts::transition::{self, OpenParkedItem};
use crate::prompts::{PromptKind, PromptOccurrence};
use crate::store::sealed::DayRange;
use crate::store::settings;
use crate::store::Store;
use crate::time::LocalMoment;

/// The transition leads from this long before its prompt …
const TRANSITION_LEADS_BEFORE: Duration = Duration::minutes(60);
/// … until this long after it, unless a transition was saved that day.
const TRANSITION_LEADS_AFTER: Duration = Duration::hours(3);
/// The evening check leads from this long before its prompt …
const EVENING_LEADS_BEFORE: Duration = Duration::minutes(30);
/// … until this long after it, unless an evening check was saved that day.
const EVENING_LEADS_AFTER: Duration = Duration::hours(4);
/// How far ahead the next prompt is looked for.
const NEXT_WITHIN: Duration = Duration::hours(24);

/// A quick action on the today screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum QuickAction {
    /// The after-session capture.
    AfterSession,
    /// A check-in.
    CheckIn,
    /// Leaving work at work.
    Transition,
    /// The evening check.
    EveningCheck,
    /// The person's emergency card (always there, always last).
    EmergencyCard,
}

impl QuickAction {
    fn wording_key(self) -> &'static str {
        match self {
            QuickAction::AfterSession => "today.after-session",
            QuickAction::CheckIn => "today.check-in",
            QuickAction::Transition => "today.transition",
            QuickAction::EveningCheck => "today.evening",
            QuickAction::EmergencyCard => "today.emergency-card",
        }
    }
}

/// One quick action as shown.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TodayAction {
    /// Which action.
    pub action: QuickAction,
    /// Its button text.
    pub label: String,
    /// A line under it.
    pub hint: String,
    /// The wording key: `{key}.label` and `{key}.hint` are the two texts.
    pub wording_key: String,
    /// Whether the moment calls for it (near the end of a shift, in the evening): it
    /// comes first, and a shell may give it more weight.
    pub leading: bool,
}

/// What the today screen shows.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TodayScreen {
    /// The local day it is (the vault's day start applied), `YYYY-MM-DD`.
    pub local_day: String,
    /// Every quick action, in order: the one the moment calls for first, the
    /// emergency card last. None is ever left out.
    pub actions: Vec<TodayAction>,
    /// The next prompt within a day, if any.
    pub next: Option<PromptOccurrence>,
    /// Parked items still open (shown only inside the unlocked app).
    pub parked: Vec<OpenParkedItem>,
}

/// The today screen at `moment`; `device_time_zone` is the device's IANA zone.
pub(crate) fn today(
    store: &Store,
    moment: LocalMoment,
    device_time_zone: String,
) -> Result<TodayScreen> {
    moment.validate("moment")?;
    let now = moment.at;
    let day = {
        let keys = store.keys()?;
        let day_start = settings::load(&store.conn(), &keys)?.day_start_hour;
        moment.local_day(day_start).to_string()
    };
    let window_start = now - EVENING_LEADS_AFTER.max(TRANSITION_LEADS_AFTER);
    let prompts = transition::upcoming(store, window_start, now + NEXT_WITHIN, device_time_zone)?;
    let near = |kind: PromptKind, before: Duration, after: Duration| {
        prompts
            .iter()
            .any(|p| p.kind == kind && p.at >= now - after && p.at <= now + before)
    };
    let (transition_done, evening_done) = done_on(store, &day)?;
    let leading = if !transition_done
        && near(
            PromptKind::Transition,
            TRANSITION_LEADS_BEFORE,
            TRANSITION_LEADS_AFTER,
        ) {
        Some(QuickAction::Transition)
    } else if !evening_done
        && near(
            PromptKind::EveningCheck,
            EVENING_LEADS_BEFORE,
            EVENING_LEADS_AFTER,
        )
    {
        Some(QuickAction::EveningCheck)
    } else {
        None
    };
    let mut order = vec![
        QuickAction::AfterSession,
        QuickAction::CheckIn,
        QuickAction::Transition,
        QuickAction::EveningCheck,
    ];
    if let Some(lead) = leading {
        order.retain(|a| *a != lead);
        order.insert(0, lead);
    }
    order.push(QuickAction::EmergencyCard);
    let actions = order
        .into_iter()
        .map(|action| {
            let key = action.wording_key();
            TodayAction {
                action,
                label: wording::text(&format!("{key}.label")).to_owned(),
                hint: wording::text(&format!("{key}.hint")).to_owned(),
                wording_key: key.to_owned(),
                leading: leading == Some(action),
            }
        })
        .collect();
    Ok(TodayScreen {
        next: prompts.into_iter().find(|p| p.at >= now),
        parked: transition::open_parked_items(store, day.clone())?,
        local_day: day,
        actions,
    })
}

/// Whether a transition, and an evening check, were saved on `day`.
fn done_on(store: &Store, day: &str) -> Result<(bool, bool)> {
    let keys = store.keys()?;
    let conn = store.conn();
    let days = DayRange::new(Some(day), Some(day))?;
    let transition = journal::all_in(&conn, &keys, &days)?
        .items
        .iter()
        .any(|e| e.kind == JournalKind::Transition);
    let evening = checkins::all_in(&conn, &keys, &days)?
        .items
        .iter()
        .any(|c| c.data.evening_check);
    Ok((transition, evening))
}
