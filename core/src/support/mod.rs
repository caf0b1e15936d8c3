//! The safety response: when a check-in or an entry suggests the person is in a very
//! bad place, a gentle answer once a day — their own emergency card, their people,
//! the professional help their plan names, and a crisis line for their region when it
//! names none. No diagnosis, no alarm; the decision is here so every shell makes the
//! same one (ADR 0016).

pub(crate) mod crisis_lines;
pub(crate) mod phrases;

pub use crisis_lines::CrisisLine;

use serde::{Deserialize, Serialize};

use crate::checkins::CheckIn;
use crate::content::catalogue::StressZone;
use crate::content::wording::{self, WordedLine};
use crate::error::internal::Result;
use crate::journal::JournalEntry;
use crate::plan::revisions::{self, EmergencyCard};
use crate::store::{settings, Store};

/// Pleasantness at or below which, with low energy, a check-in counts as a very
/// bad place.
const VERY_UNPLEASANT: f64 = -0.75;
/// Energy at or below which, with very low pleasantness, a check-in counts.
const VERY_LOW_ENERGY: f64 = 0.25;
/// The top level of self-rated burnout.
const TOP_BURNOUT: u8 = 5;

/// What made the safety response answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SafetyReason {
    /// The stress zone "ill".
    StressZoneIll,
    /// Burnout at its top level.
    BurnoutAtTop,
    /// Very low pleasantness with low energy.
    VeryLowAndDrained,
    /// The person's own words suggest hopelessness or self-harm.
    OwnWords,
}

/// The gentle answer to a very bad moment. Show it in the app only: never in a
/// notification or on the lock screen.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SafetyResponse {
    /// What it answers.
    pub reasons: Vec<SafetyReason>,
    /// The opening line.
    pub opening: WordedLine,
    /// The person's emergency card (starter suggestions fill empty parts).
    pub card: EmergencyCard,
    /// The people the plan names.
    pub people: Vec<String>,
    /// A crisis line for the region, when the plan names no professional help.
    pub crisis_line: Option<CrisisLine>,
    /// What to do when safety is at stake right now.
    pub urgent: WordedLine,
}

/// When the response was last shown, so it answers at most once a day.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct SupportState {
    last_shown_day: Option<String>,
}

/// Why a check-in calls for the response (empty: it does not).
pub(crate) fn reasons_in_checkin(checkin: &CheckIn) -> Vec<SafetyReason> {
    let d = &checkin.data;
    let mut out = Vec::new();
    if d.stress_zone == Some(StressZone::Ill) {
        out.push(SafetyReason::StressZoneIll);
    }
    if d.burnout == Some(TOP_BURNOUT) {
        out.push(SafetyReason::BurnoutAtTop);
    }
    if d.pleasantness.is_some_and(|p| p <= VERY_UNPLEASANT)
        && d.energy.is_some_and(|e| e <= VERY_LOW_ENERGY)
    {
        out.push(SafetyReason::VeryLowAndDrained);
    }
    if d.note.as_deref().is_some_and(phrases::suggests_crisis) {
        out.push(SafetyReason::OwnWords);
    }
    out
}

/// Why an entry calls for the response: its own words (title, text, a transition's
/// answers), or a transition's very low pleasantness with low energy.
pub(crate) fn reasons_in_entry(entry: &JournalEntry) -> Vec<SafetyReason> {
    let mut out = Vec::new();
    if let Some(t) = &entry.transition {
        if t.pleasantness.is_some_and(|p| p <= VERY_UNPLEASANT)
            && t.energy.is_some_and(|e| e <= VERY_LOW_ENERGY)
        {
            out.push(SafetyReason::VeryLowAndDrained);
        }
    }
    let mut texts: Vec<&str> = vec![&entry.body];
    texts.extend(entry.title.as_deref());
    if let Some(t) = &entry.transition {
        texts.extend(t.texts());
    }
    if texts.into_iter().any(phrases::suggests_crisis) {
        out.push(SafetyReason::OwnWords);
    }
    out
}

/// The response for `reasons` on `day`, unless there are none or it was already
/// shown that day; showing it is remembered.
pub(crate) fn respond(
    store: &Store,
    reasons: Vec<SafetyReason>,
    day: &str,
) -> Result<Option<SafetyResponse>> {
    if reasons.is_empty() {
        return Ok(None);
    }
    let keys = store.keys()?;
    let state: SupportState = {
        let conn = store.conn();
        settings::load_group(&conn, &keys, settings::SUPPORT_STATE)?.unwrap_or_default()
    };
    if state.last_shown_day.as_deref() == Some(day) {
        return Ok(None);
    }
    let response = response(store, reasons)?;
    if !keys.is_read_only() {
        let conn = store.conn();
        let shown = SupportState {
            last_shown_day: Some(day.to_owned()),
        };
        settings::save_group(&conn, &keys, settings::SUPPORT_STATE, &shown)?;
    }
    Ok(Some(response))
}

/// The response for `reasons`, whenever the person asks for it.
pub(crate) fn response(store: &Store, reasons: Vec<SafetyReason>) -> Result<SafetyResponse> {
    let plan = revisions::current(store)?.plan;
    let region = {
        let keys = store.keys()?;
        settings::load(&store.conn(), &keys)?.crisis_line_region
    };
    let crisis_line = plan
        .emergency
        .professional_help
        .is_empty()
        .then(|| crisis_lines::for_region(region.as_deref()));
    let opening = if reasons.contains(&SafetyReason::OwnWords) {
        "support.opening.own-words"
    } else {
        "support.opening.checkin"
    };
    let emergency = crisis_line.as_ref().map_or_else(
        || crisis_lines::for_region(region.as_deref()).emergency,
        |l| l.emergency.clone(),
    );
    Ok(SafetyResponse {
        reasons,
        opening: wording::line(opening, Vec::new()),
        card: revisions::emergency_card(store)?,
        people: plan.people,
        crisis_line,
        urgent: wording::line(
            "support.urgent",
            vec![wording::param("emergency", emergency)],
        ),
    })
}
