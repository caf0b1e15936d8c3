//! When prompts fire. The core computes a deterministic list of prompt occurrences
//! from the work schedule; the shells only schedule local notifications from it.
//!
//! Rules: nothing in quiet hours except what is anchored to a shift (its start and
//! its end-of-shift transition come at the shift's own times, which for night work
//! fall in the night); on days off only check-in reminders and the plan
//! review, and only when asked; never two prompts closer than the minimum gap; at most
//! the daily limit per local day; skipped occurrences are gone and snoozed ones move.
//! Local times are turned into instants with the IANA time zone rules, so DST changes
//! neither lose nor double an occurrence, and a device that travels takes its prompts
//! along when the schedule follows the device.

pub(crate) mod schedule;
pub(crate) mod transition;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::content::wording;
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::prompts::schedule::{ClockTime, WorkSchedule};
use crate::time::zones::Zone;
use crate::time::{LocalMoment, Timestamp};

/// The longest window `upcoming` covers.
pub const MAX_UPCOMING_DAYS: i64 = 62;
/// The evening check comes at least this long after getting home.
const AFTER_ARRIVAL: i64 = 60;
/// When the plan review prompt comes.
const PLAN_REVIEW_TIME: ClockTime = ClockTime::new(10, 0);
/// Days judged before the window starts, so its edge does not change what is kept.
const WARM_UP_DAYS: i64 = 3;
/// Remembered snoozes and skips are forgotten after this many days.
const REMEMBER_DAYS: i64 = 60;

/// What a prompt is for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, uniffi::Enum,
)]
pub enum PromptKind {
    /// The end-of-shift transition.
    Transition,
    /// The evening check: how much did work follow me home?
    EveningCheck,
    /// Start of shift: pick up what I parked.
    StartOfShift,
    /// A check-in reminder.
    CheckInReminder,
    /// The plan's review date has come.
    PlanReview,
}

impl PromptKind {
    /// Whether it comes at a shift's own times (its start, its end-of-shift
    /// transition), and so is not held back by quiet hours.
    pub(crate) fn anchored_to_shift(self) -> bool {
        matches!(self, PromptKind::StartOfShift | PromptKind::Transition)
    }

    /// The stable name, used in occurrence ids.
    pub fn as_str(self) -> &'static str {
        match self {
            PromptKind::Transition => "transition",
            PromptKind::EveningCheck => "evening",
            PromptKind::StartOfShift => "start-of-shift",
            PromptKind::CheckInReminder => "checkin",
            PromptKind::PlanReview => "plan-review",
        }
    }

    /// Which prompt wins a clash: lower first.
    fn priority(self) -> u8 {
        match self {
            PromptKind::Transition => 0,
            PromptKind::EveningCheck => 1,
            PromptKind::StartOfShift => 2,
            PromptKind::PlanReview => 3,
            PromptKind::CheckInReminder => 4,
        }
    }
}

/// One prompt to schedule as a local notification.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PromptOccurrence {
    /// Stable id (`kind:YYYY-MM-DD[:n]`), for snoozing, skipping and de-duplicating.
    pub id: String,
    /// What it is for.
    pub kind: PromptKind,
    /// When to fire.
    pub at: Timestamp,
    /// The local day it belongs to.
    pub local_day: String,
    /// The UTC offset of the schedule's zone at `at`, in minutes, for showing the time.
    pub utc_offset_minutes: i32,
    /// Notification title (generic, no user content).
    pub title: String,
    /// Notification body (generic, no user content).
    pub body: String,
    /// The wording key: `{key}.title` and `{key}.body` are the two texts.
    pub wording_key: String,
    /// Whether it was snoozed to this time.
    pub snoozed: bool,
}

/// Snoozes and skips the person chose, remembered across restarts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct PromptState {
    pub(crate) skipped: BTreeSet<String>,
    /// Occurrence id → new instant (ms since the epoch).
    pub(crate) snoozed: BTreeMap<String, i64>,
}

impl PromptState {
    /// Forgets choices about occurrences more than [`REMEMBER_DAYS`] older than the
    /// newest one remembered.
    pub(crate) fn prune(&mut self) {
        let ids = self.skipped.iter().chain(self.snoozed.keys());
        let Some(newest) = ids.filter_map(|id| day_of_id(id)).max() else {
            return;
        };
        let keep =
            |id: &String| day_of_id(id).is_none_or(|d| (newest - d).num_days() <= REMEMBER_DAYS);
        self.skipped.retain(keep);
        self.snoozed.retain(|id, _| keep(id));
    }
}

/// The day in an occurrence id.
fn day_of_id(id: &str) -> Option<NaiveDate> {
    let day = id.split(':').nth(1)?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Checks that `id` has the form of an occurrence id.
pub(crate) fn check_occurrence_id(id: &str) -> Result<()> {
    let kind_ok = [
        PromptKind::Transition,
        PromptKind::EveningCheck,
        PromptKind::StartOfShift,
        PromptKind::CheckInReminder,
        PromptKind::PlanReview,
    ]
    .iter()
    .any(|k| id.split(':').next() == Some(k.as_str()));
    if kind_ok && day_of_id(id).is_some() && id.split(':').count() <= 3 && id.len() <= 40 {
        Ok(())
    } else {
        Err(RespiteError::invalid("id", "not a prompt occurrence id").into())
    }
}

/// Everything the computation needs besides the window.
pub(crate) struct Inputs<'a> {
    pub(crate) schedule: &'a WorkSchedule,
    pub(crate) tz: Zone,
    pub(crate) day_start_hour: u8,
    pub(crate) review_date: Option<NaiveDate>,
    pub(crate) state: &'a PromptState,
    /// Local days on which the transition, or the evening check, was already done.
    pub(crate) transitions_done: &'a HashSet<String>,
    pub(crate) evenings_done: &'a HashSet<String>,
    /// Whether something parked is waiting (the start-of-shift wording says so only then).
    pub(crate) has_parked: bool,
}

/// A prompt before the gap and cap rules.
#[derive(Debug, Clone)]
struct Candidate {
    id: String,
    kind: PromptKind,
    at: DateTime<Utc>,
    local_day: String,
    snoozed: bool,
}

/// The instant of a wall-clock time in `tz`: the earlier of two in a fold, and the
/// first valid minute after a gap (so nothing is lost or doubled across DST).
pub(crate) fn instant(tz: &Zone, local: NaiveDateTime) -> DateTime<Utc> {
    (0..=180)
        .find_map(|m| tz.instants(local + Duration::minutes(m)).first().copied())
        .unwrap_or_else(|| local.and_utc())
}

impl Inputs<'_> {
    fn local_day(&self, at: DateTime<Utc>) -> String {
        LocalMoment {
            at,
            utc_offset_minutes: self.tz.offset_at(at) / 60,
        }
        .local_day(self.day_start_hour)
        .to_string()
    }

    fn local_time(&self, at: DateTime<Utc>) -> ClockTime {
        use chrono::Timelike;
        let local = self.tz.local(at);
        ClockTime::new(local.hour() as u8, local.minute() as u8)
    }

    fn workday(&self, day: NaiveDate) -> bool {
        !self.schedule.shifts_on(day).is_empty()
    }

    fn candidate(&self, kind: PromptKind, id: String, local: NaiveDateTime) -> Candidate {
        let at = instant(&self.tz, local);
        Candidate {
            local_day: self.local_day(at),
            id,
            kind,
            at,
            snoozed: false,
        }
    }

    /// Every prompt anchored on `day`, before any rule is applied.
    fn candidates_on(&self, day: NaiveDate) -> Vec<Candidate> {
        let p = &self.schedule.prompts;
        let mut out = Vec::new();
        let shifts = self.schedule.shifts_on(day);
        for (i, shift) in shifts.iter().enumerate() {
            let start = day.and_time(shift.start.naive());
            let end_day = if shift.overnight() {
                day + Duration::days(1)
            } else {
                day
            };
            let end = end_day.and_time(shift.end.naive());
            if p.start_of_shift {
                out.push(self.candidate(
                    PromptKind::StartOfShift,
                    format!("start-of-shift:{day}:{i}"),
                    start,
                ));
            }
            if p.transition {
                let at = end + Duration::minutes(i64::from(p.transition_delay_minutes));
                out.push(self.candidate(
                    PromptKind::Transition,
                    format!("transition:{day}:{i}"),
                    at,
                ));
            }
        }
        if p.evening_check {
            if let Some(last) = shifts.iter().max_by_key(|s| (s.overnight(), s.end)) {
                let end_day = if last.overnight() {
                    day + Duration::days(1)
                } else {
                    day
                };
                let arrival = end_day.and_time(last.end.naive())
                    + Duration::minutes(i64::from(self.schedule.commute_minutes) + AFTER_ARRIVAL);
                let evening = end_day.and_time(p.evening_time.naive()).max(arrival);
                out.push(self.candidate(
                    PromptKind::EveningCheck,
                    format!("evening:{day}"),
                    evening,
                ));
            }
        }
        let allowed = !shifts.is_empty() || p.on_days_off;
        if allowed {
            for (j, t) in p.checkin_reminders.iter().enumerate() {
                out.push(self.candidate(
                    PromptKind::CheckInReminder,
                    format!("checkin:{day}:{j}"),
                    day.and_time(t.naive()),
                ));
            }
        }
        if let Some(review) = self.review_date.filter(|_| p.plan_review) {
            // On the review date, or the first day after it that prompts are allowed on.
            let first_allowed = (0..14)
                .map(|n| review + Duration::days(n))
                .find(|d| p.on_days_off || self.workday(*d));
            if first_allowed == Some(day) {
                out.push(self.candidate(
                    PromptKind::PlanReview,
                    format!("plan-review:{review}"),
                    day.and_time(PLAN_REVIEW_TIME.naive()),
                ));
            }
        }
        out
    }

    /// Applies quiet hours, skips, snoozes and "already done" to one anchor day.
    fn filtered_on(&self, day: NaiveDate) -> Vec<Candidate> {
        self.candidates_on(day)
            .into_iter()
            .filter(|c| !self.state.skipped.contains(&c.id))
            .filter(|c| match c.kind {
                PromptKind::Transition => !self.transitions_done.contains(&c.local_day),
                PromptKind::EveningCheck => !self.evenings_done.contains(&c.local_day),
                _ => true,
            })
            .filter_map(|mut c| {
                match self
                    .state
                    .snoozed
                    .get(&c.id)
                    .and_then(|ms| DateTime::from_timestamp_millis(*ms))
                {
                    Some(at) => {
                        c.local_day = self.local_day(at);
                        c.at = at;
                        c.snoozed = true;
                        Some(c)
                    }
                    None => {
                        let quiet = !c.kind.anchored_to_shift()
                            && self
                                .schedule
                                .quiet_hours
                                .is_some_and(|q| q.contains(self.local_time(c.at)));
                        (!quiet).then_some(c)
                    }
                }
            })
            .collect()
    }

    /// The prompts of one local day after the gap and cap rules. `earlier` are the
    /// prompts kept the day before, which a prompt soon after midnight must keep its
    /// distance from.
    fn accept(&self, mut day: Vec<Candidate>, earlier: &[Candidate]) -> Vec<Candidate> {
        let p = &self.schedule.prompts;
        let gap = Duration::minutes(i64::from(p.min_gap_minutes));
        day.sort_by(|a, b| {
            (!a.snoozed, a.kind.priority(), a.at, &a.id).cmp(&(
                !b.snoozed,
                b.kind.priority(),
                b.at,
                &b.id,
            ))
        });
        let mut kept: Vec<Candidate> = Vec::new();
        for c in day {
            let clashes = kept
                .iter()
                .chain(earlier)
                .any(|k| (k.at - c.at).abs() < gap);
            if kept.len() < usize::from(p.daily_cap) && (c.snoozed || !clashes) {
                kept.push(c);
            }
        }
        kept
    }

    /// Candidates whose local day is `day`, from the anchor days around it.
    fn day_candidates(&self, day: NaiveDate) -> Vec<Candidate> {
        let text = day.to_string();
        (-2..=1)
            .flat_map(|d| self.filtered_on(day + Duration::days(d)))
            .filter(|c| c.local_day == text)
            .collect()
    }
}

/// The prompt occurrences in `[from, until)`, sorted by time, then id.
pub(crate) fn upcoming(
    inputs: &Inputs,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<PromptOccurrence>> {
    if until <= from {
        return Err(RespiteError::invalid("until", "must be after from").into());
    }
    if until - from > Duration::days(MAX_UPCOMING_DAYS) {
        return Err(RespiteError::invalid(
            "until",
            format!("at most {MAX_UPCOMING_DAYS} days after from"),
        )
        .into());
    }
    // Days are judged in order, each against the prompts kept the day before, starting
    // a few days early so the window's edge does not decide what is kept.
    let first = inputs.tz.local(from).date() - Duration::days(WARM_UP_DAYS);
    let last = inputs.tz.local(until).date() + Duration::days(1);
    let mut out = Vec::new();
    let mut earlier: Vec<Candidate> = Vec::new();
    let mut day = first;
    while day <= last {
        let kept = inputs.accept(inputs.day_candidates(day), &earlier);
        for c in &kept {
            if from <= c.at && c.at < until {
                // Generic wording only, rotating by day: lock screens are public.
                let n = (inputs.tz.local(c.at).date() - NaiveDate::MIN).num_days() as usize;
                let prefix = match c.kind {
                    PromptKind::StartOfShift if !inputs.has_parked => {
                        "notification.start-of-shift.nothing-parked".to_owned()
                    }
                    kind => format!("notification.{}", kind.as_str()),
                };
                let key = wording::variant(&prefix, "title", n);
                out.push(PromptOccurrence {
                    id: c.id.clone(),
                    kind: c.kind,
                    at: c.at,
                    local_day: c.local_day.clone(),
                    utc_offset_minutes: inputs.tz.offset_at(c.at) / 60,
                    title: wording::text(&format!("{key}.title")).to_owned(),
                    body: wording::text(&format!("{key}.body")).to_owned(),
                    wording_key: key,
                    snoozed: c.snoozed,
                });
            }
        }
        earlier = kept;
        day += Duration::days(1);
    }
    out.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    out.dedup_by(|a, b| a.id == b.id);
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::field_reassign_with_default)] // schedules are built up step by step
mod tests {
    use super::*;
    use crate::prompts::schedule::{DayOfWeek, QuietHours, ShiftTimes, WeeklyShift};

    #[test]
    fn prompt_state_seals_as_frozen() {
        let state = PromptState {
            skipped: ["evening:2026-05-04".to_owned()].into(),
            snoozed: [("transition:2026-05-05".to_owned(), 1_777_996_800_000)].into(),
        };
        crate::store::sealed::assert_frozen("prompt-state", &state);
    }

    #[test]
    fn every_kind_of_prompt_has_generic_wording() {
        for kind in [
            PromptKind::Transition,
            PromptKind::EveningCheck,
            PromptKind::StartOfShift,
            PromptKind::CheckInReminder,
            PromptKind::PlanReview,
        ] {
            let prefix = format!("notification.{}", kind.as_str());
            assert!(wording::variants(&prefix, "title") >= 2, "{prefix}");
            assert_eq!(
                wording::variants(&prefix, "title"),
                wording::variants(&prefix, "body")
            );
        }
    }

    fn at(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn run(schedule: &WorkSchedule, tz: &str, from: &str, until: &str) -> Vec<PromptOccurrence> {
        let state = PromptState::default();
        let none = HashSet::new();
        let inputs = Inputs {
            schedule,
            tz: Zone::named(tz).unwrap(),
            day_start_hour: 0,
            review_date: None,
            state: &state,
            transitions_done: &none,
            evenings_done: &none,
            has_parked: true,
        };
        upcoming(&inputs, at(from), at(until)).unwrap()
    }

    #[test]
    fn quiet_hours_hold_back_everything_but_the_shifts_own_prompts() {
        // A night nurse: shifts 22:00–06:30, quiet 23:00–08:00 for sleep after nights.
        let mut s = WorkSchedule::default();
        s.shifts = vec![WeeklyShift {
            day: DayOfWeek::Monday,
            times: ShiftTimes {
                start: ClockTime::new(22, 0),
                end: ClockTime::new(6, 30),
            },
        }];
        s.prompts.start_of_shift = true;
        s.prompts.checkin_reminders = vec![ClockTime::new(7, 0)];
        s.quiet_hours = Some(QuietHours {
            start: ClockTime::new(23, 0),
            end: ClockTime::new(8, 0),
        });
        let got = run(
            &s,
            "Europe/London",
            "2026-05-04T00:00:00+01:00",
            "2026-05-06T00:00:00+01:00",
        );
        let kinds: Vec<PromptKind> = got.iter().map(|o| o.kind).collect();
        assert!(kinds.contains(&PromptKind::StartOfShift), "{kinds:?}");
        let transition = got.iter().find(|o| o.kind == PromptKind::Transition);
        assert!(
            transition.is_some(),
            "the end-of-shift transition at 06:30 stays: {kinds:?}"
        );
        assert!(
            !got.iter().any(|o| o.kind == PromptKind::CheckInReminder),
            "a reminder at 07:00 is held back: {kinds:?}"
        );
    }

    #[test]
    fn the_start_of_shift_speaks_of_parked_items_only_when_there_are_some() {
        let mut s = WorkSchedule::default();
        s.prompts.start_of_shift = true;
        let state = PromptState::default();
        let none = HashSet::new();
        for has_parked in [true, false] {
            let inputs = Inputs {
                schedule: &s,
                tz: Zone::named("Europe/Berlin").unwrap(),
                day_start_hour: 0,
                review_date: None,
                state: &state,
                transitions_done: &none,
                evenings_done: &none,
                has_parked,
            };
            let got = upcoming(
                &inputs,
                at("2026-05-04T00:00:00+02:00"),
                at("2026-05-09T00:00:00+02:00"),
            )
            .unwrap();
            let starts: Vec<&PromptOccurrence> = got
                .iter()
                .filter(|o| o.kind == PromptKind::StartOfShift)
                .collect();
            assert!(!starts.is_empty());
            for o in starts {
                let about_parked = o.body.contains("parked")
                    || o.body.contains("set aside")
                    || o.body.contains("left off");
                assert_eq!(about_parked, has_parked, "{}", o.body);
                assert_eq!(o.wording_key.contains("nothing-parked"), !has_parked);
            }
        }
    }

    #[test]
    fn the_default_schedule_gives_a_transition_and_an_evening_check_on_workdays() {
        let s = WorkSchedule::default();
        // Monday 2026-05-04 to Sunday 2026-05-10 in Berlin (+02:00).
        let got = run(
            &s,
            "Europe/Berlin",
            "2026-05-04T00:00:00+02:00",
            "2026-05-11T00:00:00+02:00",
        );
        let kinds: Vec<PromptKind> = got.iter().map(|o| o.kind).collect();
        assert_eq!(
            kinds
                .iter()
                .filter(|k| **k == PromptKind::Transition)
                .count(),
            5
        );
        assert_eq!(
            kinds
                .iter()
                .filter(|k| **k == PromptKind::EveningCheck)
                .count(),
            5
        );
        assert_eq!(
            kinds
                .iter()
                .filter(|k| **k == PromptKind::StartOfShift)
                .count(),
            5
        );
        let monday: Vec<_> = got.iter().filter(|o| o.local_day == "2026-05-04").collect();
        assert_eq!(monday[0].at, at("2026-05-04T09:00:00+02:00"));
        assert_eq!(monday[1].at, at("2026-05-04T17:00:00+02:00"));
        assert_eq!(monday[2].at, at("2026-05-04T20:00:00+02:00"));
        assert!(
            got.iter()
                .all(|o| o.local_day != "2026-05-09" && o.local_day != "2026-05-10"),
            "weekends are off"
        );
    }

    #[test]
    fn an_overnight_shift_ends_the_next_morning() {
        let mut s = WorkSchedule::default();
        s.shifts = vec![WeeklyShift {
            day: DayOfWeek::Friday,
            times: ShiftTimes {
                start: ClockTime::new(21, 0),
                end: ClockTime::new(7, 30),
            },
        }];
        s.quiet_hours = Some(QuietHours {
            start: ClockTime::new(12, 0),
            end: ClockTime::new(16, 0),
        });
        let got = run(
            &s,
            "America/New_York",
            "2026-05-08T00:00:00-04:00",
            "2026-05-10T00:00:00-04:00",
        );
        let transition = got
            .iter()
            .find(|o| o.kind == PromptKind::Transition)
            .unwrap();
        assert_eq!(transition.at, at("2026-05-09T07:30:00-04:00"));
        assert_eq!(transition.local_day, "2026-05-09");
        assert_eq!(transition.id, "transition:2026-05-08:0");
        let evening = got
            .iter()
            .find(|o| o.kind == PromptKind::EveningCheck)
            .unwrap();
        assert_eq!(evening.at, at("2026-05-09T20:00:00-04:00"));
    }
}
