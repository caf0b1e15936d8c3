//! The safety response: when a check-in or an entry suggests the person is in a very
//! bad place, a gentle answer once a day — their own emergency card, their people,
//! the professional help their plan names, and a crisis line for their region when it
//! names none. No diagnosis, no alarm; the decision is here so every shell makes the
//! same one (ADR 0016).

pub(crate) mod crisis_lines;
pub(crate) mod phrases;

pub use crisis_lines::CrisisLine;

use crate::checkins::{self, CheckIn};
use crate::content::catalogue::StressZone;
use crate::content::wording::{self, WordedLine};
use crate::error::internal::Result;
use crate::journal::{self, JournalEntry};
use crate::plan::revisions::{self, EmergencyCard};
use crate::store::sealed::DayRange;
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

/// The response for `reasons` given by the record `id` of local day `day`, unless
/// there are none or another record of that day already called for it: at most once a
/// day. Decided from the day's own records, so nothing is stored about it — no row or
/// revision in the file counts the days it was shown.
pub(crate) fn respond(
    store: &Store,
    reasons: Vec<SafetyReason>,
    id: &str,
    day: &str,
) -> Result<Option<SafetyResponse>> {
    if reasons.is_empty() || answered_earlier(store, id, day)? {
        return Ok(None);
    }
    Ok(Some(response(store, reasons)?))
}

/// Whether a record of `day` other than `id` calls for the response.
fn answered_earlier(store: &Store, id: &str, day: &str) -> Result<bool> {
    let keys = store.keys()?;
    let range = DayRange::new(Some(day), Some(day))?;
    let conn = store.conn();
    let checkins = checkins::all_in(&conn, &keys, &range)?.items;
    let entries = journal::all_in(&conn, &keys, &range)?.items;
    Ok(checkins
        .iter()
        .any(|c| c.id != id && !reasons_in_checkin(c).is_empty())
        || entries
            .iter()
            .any(|e| e.id != id && !reasons_in_entry(e).is_empty()))
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
