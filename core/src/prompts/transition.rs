//! The transition from work to home, the evening check, and the prompts object that
//! shells use to schedule notifications.
//!
//! The flow: park it → name it → set one hard thing down → what went well → switch
//! roles → an optional end-of-day signal. Every step is skippable and the whole flow
//! fits in 60–90 seconds. Wording is original, with several variants per step that
//! rotate by date so it does not go stale.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};

use crate::checkins::{self, CheckIn, CheckInData};
use crate::content::catalogue::{self, CheckInContext, LabelKind};
use crate::content::wording;
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::journal::{self, JournalDraft, JournalEntry, JournalKind, ParkedItem, TransitionRecord};
use crate::plan::revisions::{self, SuggestedPractice};
use crate::plan::suggestions::PlanMoment;
use crate::prompts::schedule::{self, WorkSchedule};
use crate::prompts::{self, Inputs, PromptOccurrence, PromptState};
use crate::store::sealed::{self, DayRange};
use crate::store::settings;
use crate::store::Store;
use crate::time::{LocalMoment, Timestamp};
use crate::validate::{self, MAX_LINE_CHARS};

/// Parked items older than this no longer come back at the start of a shift.
const PARKED_DAYS: i64 = 30;
/// Most items parked in one transition, and most "went well" items.
const MAX_PARKED: usize = 10;
const MAX_WENT_WELL: usize = 3;
/// A snooze may move an occurrence at most this far.
const MAX_SNOOZE_HOURS: i64 = 12;

/// A step of the transition flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum TransitionStep {
    /// What is unfinished, and when and where I will pick it up.
    ParkIt,
    /// How I am: one tap on pleasantness × energy, and labels.
    NameIt,
    /// One hard thing I set down.
    SetDown,
    /// One to three things that went well.
    WentWell,
    /// Who I want to be at home, and what I will do first.
    SwitchRoles,
    /// An optional signal that the workday is over.
    EndOfDay,
}

/// One step as shown: the prompt and a hint.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FlowStep {
    /// Which step.
    pub step: TransitionStep,
    /// The question.
    pub prompt: String,
    /// A short hint or example.
    pub hint: String,
    /// The wording key: `{key}.prompt` and `{key}.hint` are the two texts.
    pub wording_key: String,
}

/// The transition flow for one moment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TransitionScript {
    /// The steps, in order; every one may be skipped.
    pub steps: Vec<FlowStep>,
    /// Practices from the plan for when a session is staying with me.
    pub practices: Vec<SuggestedPractice>,
    /// Said when a session is staying with me, before the practices.
    pub practice_prompt: String,
    /// The wording key of `practice_prompt` (its text is `{key}.text`).
    pub practice_prompt_key: String,
}

/// Something unfinished, parked for later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct ParkedItemDraft {
    /// What is unfinished.
    pub what: String,
    /// When I will pick it up.
    #[uniffi(default)]
    #[serde(default)]
    pub when: Option<String>,
    /// Where I will pick it up.
    #[uniffi(default)]
    #[serde(default)]
    pub place: Option<String>,
}

/// The answers to the transition flow; every field may be left empty.
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct TransitionAnswers {
    /// Park it.
    #[uniffi(default)]
    pub parked: Vec<ParkedItemDraft>,
    /// Name it: pleasantness, −1…1.
    #[uniffi(default)]
    pub pleasantness: Option<f64>,
    /// Name it: energy, 0…1.
    #[uniffi(default)]
    pub energy: Option<f64>,
    /// Name it: emotion ids from the catalogue.
    #[uniffi(default)]
    pub feelings: Vec<String>,
    /// One hard thing I set down.
    #[uniffi(default)]
    pub set_down: Option<String>,
    /// What went well (up to three).
    #[uniffi(default)]
    pub went_well: Vec<String>,
    /// Who I want to be when I get home.
    #[uniffi(default)]
    pub who_at_home: Option<String>,
    /// What I will do first.
    #[uniffi(default)]
    pub first_thing: Option<String>,
    /// My end-of-day signal.
    #[uniffi(default)]
    pub end_of_day_signal: Option<String>,
    /// A practice from the plan I chose for a session that is staying with me.
    #[uniffi(default)]
    pub practice: Option<String>,
}

impl TransitionAnswers {
    fn into_record(self) -> Result<TransitionRecord> {
        let line = |field: &str, text: Option<String>| {
            validate::optional_line(field, text, MAX_LINE_CHARS)
        };
        if self.parked.len() > MAX_PARKED {
            return Err(
                RespiteError::invalid("parked", format!("more than {MAX_PARKED} items")).into(),
            );
        }
        let mut parked = Vec::new();
        for (i, p) in self.parked.into_iter().enumerate() {
            let what = line("parked", Some(p.what))?;
            let Some(what) = what else { continue };
            parked.push(ParkedItem {
                id: format!("p{}", i + 1),
                what,
                when: line("parked", p.when)?,
                place: line("parked", p.place)?,
                done: false,
            });
        }
        validate::number("pleasantness", self.pleasantness, -1.0, 1.0)?;
        validate::number("energy", self.energy, 0.0, 1.0)?;
        let mut went_well = Vec::new();
        for w in self.went_well {
            if let Some(w) = line("went_well", Some(w))? {
                went_well.push(w);
            }
        }
        if went_well.len() > MAX_WENT_WELL {
            return Err(RespiteError::invalid(
                "went_well",
                format!("at most {MAX_WENT_WELL} things"),
            )
            .into());
        }
        if let Some(p) = &self.practice {
            validate::practice_ids("practice", vec![p.clone()])?;
        }
        let record = TransitionRecord {
            parked,
            pleasantness: self.pleasantness,
            energy: self.energy,
            feelings: catalogue::label_ids("feelings", self.feelings, LabelKind::Emotion)?,
            set_down: line("set_down", self.set_down)?,
            went_well,
            who_at_home: line("who_at_home", self.who_at_home)?,
            first_thing: line("first_thing", self.first_thing)?,
            end_of_day_signal: line("end_of_day_signal", self.end_of_day_signal)?,
            practice: self.practice,
        };
        if record == TransitionRecord::default() {
            return Err(RespiteError::invalid(
                "answers",
                "every step was skipped: nothing to save",
            )
            .into());
        }
        Ok(record)
    }
}

/// The evening check's answers.
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct EveningAnswers {
    /// How far my mind could leave work behind, 1–5.
    #[uniffi(default)]
    pub detachment: Option<u8>,
    /// How much work thoughts intruded, 0–4.
    #[uniffi(default)]
    pub work_intrusion: Option<u8>,
    /// How pleasant the evening feels, −1…1.
    #[uniffi(default)]
    pub pleasantness: Option<f64>,
    /// A note.
    #[uniffi(default)]
    pub note: Option<String>,
    /// The other three recovery experiences, each 1–5 and optional (the quick path
    /// is detachment and work thoughts): time that felt unhurried and restful,
    #[uniffi(default)]
    pub relaxation: Option<u8>,
    /// something outside work that felt like growth or a good challenge,
    #[uniffi(default)]
    pub mastery: Option<u8>,
    /// and choosing for myself how to spend the evening.
    #[uniffi(default)]
    pub control: Option<u8>,
}

impl EveningAnswers {
    /// The check-in these answers make at `moment`: at home, an evening check, linked
    /// to that day's transition when there was one.
    pub(crate) fn into_checkin(self, moment: LocalMoment, linked: Option<String>) -> CheckInData {
        CheckInData {
            detachment: self.detachment,
            relaxation: self.relaxation,
            mastery: self.mastery,
            control: self.control,
            work_intrusion: self.work_intrusion,
            pleasantness: self.pleasantness,
            note: self.note,
            context: Some(CheckInContext::Home),
            evening_check: true,
            linked_transition: linked,
            ..CheckInData::new(moment)
        }
    }
}

/// A parked item still open, with the transition it came from.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OpenParkedItem {
    /// The transition entry.
    pub entry_id: String,
    /// The day it was parked.
    pub parked_on: String,
    /// The item.
    pub item: ParkedItem,
}

/// The steps of the flow, in order.
const STEPS: [TransitionStep; 6] = [
    TransitionStep::ParkIt,
    TransitionStep::NameIt,
    TransitionStep::SetDown,
    TransitionStep::WentWell,
    TransitionStep::SwitchRoles,
    TransitionStep::EndOfDay,
];

impl TransitionStep {
    /// The stable name of the step, in its wording keys (`transition.{name}.{n}`).
    fn name(self) -> &'static str {
        match self {
            TransitionStep::ParkIt => "park-it",
            TransitionStep::NameIt => "name-it",
            TransitionStep::SetDown => "set-down",
            TransitionStep::WentWell => "went-well",
            TransitionStep::SwitchRoles => "switch-roles",
            TransitionStep::EndOfDay => "end-of-day",
        }
    }
}

/// Days since a fixed date, for rotating wording deterministically.
fn rotation(day: NaiveDate) -> usize {
    (day - NaiveDate::MIN).num_days() as usize
}

fn prompt_state(store: &Store) -> Result<PromptState> {
    let keys = store.keys()?;
    Ok(settings::load_group(&store.conn(), &keys, settings::PROMPT_STATE)?.unwrap_or_default())
}

/// Changes the remembered snoozes and skips in one transaction, so that changes
/// made at once from several threads are all kept.
fn change_prompt_state(store: &Store, change: impl FnOnce(&mut PromptState)) -> Result<()> {
    let keys = store.keys()?;
    let mut conn = store.conn();
    let tx = conn.transaction()?;
    let mut state: PromptState =
        settings::load_group(&tx, &keys, settings::PROMPT_STATE)?.unwrap_or_default();
    change(&mut state);
    state.prune();
    settings::save_group(&tx, &keys, settings::PROMPT_STATE, &state)?;
    tx.commit()?;
    Ok(())
}

/// Local days with a transition entry, and with an evening check, within `days`.
fn done_days(store: &Store, days: &DayRange) -> Result<(HashSet<String>, HashSet<String>)> {
    let keys = store.keys()?;
    let (entries, checkins) = {
        let conn = store.conn();
        (
            journal::all_in(&conn, &keys, days)?,
            checkins::all_in(&conn, &keys, days)?,
        )
    };
    let transitions = entries
        .items
        .into_iter()
        .filter(|e| e.kind == JournalKind::Transition)
        .map(|e| e.local_day)
        .collect();
    let evenings = checkins
        .items
        .into_iter()
        .filter(|c| c.data.evening_check)
        .map(|c| c.local_day)
        .collect();
    Ok((transitions, evenings))
}

/// The work schedule (the default until changed).
pub(crate) fn schedule(store: &Store) -> Result<WorkSchedule> {
    let keys = store.keys()?;
    Ok(settings::load_group(&store.conn(), &keys, settings::SCHEDULE)?.unwrap_or_default())
}

/// The days in `from..=to` on which a shift starts, or `None` when the schedule has
/// no shifts at all (then every day counts as a workday).
pub(crate) fn shift_days(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Option<BTreeSet<NaiveDate>>> {
    let schedule = schedule(store)?;
    let days: BTreeSet<NaiveDate> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| !schedule.shifts_on(*d).is_empty())
        .collect();
    Ok((!schedule.shifts.is_empty() || !days.is_empty()).then_some(days))
}

/// Replaces the work schedule and returns it as stored.
pub(crate) fn set_schedule(store: &Store, schedule: WorkSchedule) -> Result<WorkSchedule> {
    let schedule = schedule.validated()?;
    let keys = store.keys()?;
    settings::save_group(&store.conn(), &keys, settings::SCHEDULE, &schedule)?;
    Ok(schedule)
}

/// The prompts to notify in `[from, until)` (at most 62 days), sorted by time.
/// `device_time_zone` is the device's IANA zone now; it is used when the schedule
/// follows the device. Deterministic: the same inputs give the same list.
pub(crate) fn upcoming(
    store: &Store,
    from: Timestamp,
    until: Timestamp,
    device_time_zone: String,
) -> Result<Vec<PromptOccurrence>> {
    let schedule = schedule(store)?;
    let tz = schedule::time_zone(
        "device_time_zone",
        schedule.time_zone.as_deref().unwrap_or(&device_time_zone),
    )?;
    let keys = store.keys()?;
    let (day_start_hour, review_date) = {
        let conn = store.conn();
        let plan = revisions::current_plan(&conn, &keys)?.plan;
        (
            settings::load(&conn, &keys)?.day_start_hour,
            plan.review_date
                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        )
    };
    let window = DayRange::new(
        Some(&(from.date_naive() - Duration::days(3)).to_string()),
        Some(&(until.date_naive() + Duration::days(3)).to_string()),
    )?;
    let (transitions_done, evenings_done) = done_days(store, &window)?;
    let state = prompt_state(store)?;
    let has_parked = !open_parked_items(store, from.date_naive().to_string())?.is_empty();
    let inputs = Inputs {
        schedule: &schedule,
        tz,
        day_start_hour,
        review_date,
        state: &state,
        transitions_done: &transitions_done,
        evenings_done: &evenings_done,
        has_parked,
    };
    prompts::upcoming(&inputs, from, until)
}

/// Moves an occurrence to `until` (at most 12 hours after it was due). Remembered.
pub(crate) fn snooze(store: &Store, id: String, due: Timestamp, until: Timestamp) -> Result<()> {
    prompts::check_occurrence_id(&id)?;
    if until <= due || until - due > Duration::hours(MAX_SNOOZE_HOURS) {
        return Err(RespiteError::invalid(
            "until",
            format!("must be within {MAX_SNOOZE_HOURS} hours after the prompt was due"),
        )
        .into());
    }
    change_prompt_state(store, |state| {
        state.skipped.remove(&id);
        state.snoozed.insert(id, until.timestamp_millis());
    })
}

/// Skips an occurrence: it will not be notified. Remembered.
pub(crate) fn skip(store: &Store, id: String) -> Result<()> {
    prompts::check_occurrence_id(&id)?;
    change_prompt_state(store, |state| {
        state.snoozed.remove(&id);
        state.skipped.insert(id);
    })
}

/// The flow's steps with their wording for `moment` (rotating by its date).
pub(crate) fn steps(moment: LocalMoment) -> Vec<FlowStep> {
    let n = rotation(moment.local_day(0));
    STEPS
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let key = wording::variant(&format!("transition.{}", step.name()), "prompt", n + i);
            FlowStep {
                step: *step,
                prompt: wording::text(&format!("{key}.prompt")).to_owned(),
                hint: wording::text(&format!("{key}.hint")).to_owned(),
                wording_key: key,
            }
        })
        .collect()
}

/// The transition flow for `moment`: wording for each step (rotating by date) and
/// practices from the plan for a session that is staying with me.
pub(crate) fn transition_script(store: &Store, moment: LocalMoment) -> Result<TransitionScript> {
    moment.validate("moment")?;
    let n = rotation(moment.local_day(0));
    let steps = steps(moment);
    let practice_key = wording::variant("transition.practice-prompt", "text", n);
    let practices = revisions::practices_for(store, PlanMoment::Transition)?;
    Ok(TransitionScript {
        steps,
        practices,
        practice_prompt: wording::text(&format!("{practice_key}.text")).to_owned(),
        practice_prompt_key: practice_key,
    })
}

/// Saves the answers as one sealed transition entry.
pub(crate) fn save_transition(
    store: &Store,
    moment: LocalMoment,
    answers: TransitionAnswers,
) -> Result<JournalEntry> {
    let record = answers.into_record()?;
    journal::add_transition(
        store,
        JournalDraft {
            kind: JournalKind::Transition,
            moment,
            title: None,
            body: String::new(),
            tags: Vec::new(),
            practice_ids: record.practice.iter().cloned().collect(),
            reflection: None,
        },
        record,
    )
}

/// Parked items not yet done from the last 30 days of transitions, oldest first:
/// what the start-of-shift flow shows. They never appear in notifications.
pub(crate) fn open_parked_items(store: &Store, today: String) -> Result<Vec<OpenParkedItem>> {
    let today = sealed::parse_day("today", &today)?;
    let keys = store.keys()?;
    let days = DayRange::new(
        Some(&(today - Duration::days(PARKED_DAYS)).to_string()),
        Some(&today.to_string()),
    )?;
    let entries = journal::all_in(&store.conn(), &keys, &days)?;
    let open: Vec<OpenParkedItem> = entries
        .items
        .into_iter()
        .filter_map(|e| e.transition.map(|t| (e.id, e.local_day, t)))
        .flat_map(|(id, day, t)| {
            t.parked
                .into_iter()
                .filter(|p| !p.done)
                .map(move |item| OpenParkedItem {
                    entry_id: id.clone(),
                    parked_on: day.clone(),
                    item,
                })
        })
        .collect();
    Ok(open)
}

/// Marks a parked item done (a new revision of its transition entry, read and
/// written in one transaction); the entry as it is now.
pub(crate) fn mark_parked_done(
    store: &Store,
    entry_id: String,
    item_id: String,
) -> Result<JournalEntry> {
    journal::edit_transition(store, entry_id, |record| {
        let item = record
            .parked
            .iter_mut()
            .find(|p| p.id == item_id)
            .ok_or_else(|| RespiteError::NotFound {
                what: "no parked item with that id".to_owned(),
            })?;
        Ok(!std::mem::replace(&mut item.done, true))
    })
}

/// Saves the evening check as a check-in at home, linked to that day's transition.
pub(crate) fn save_evening_check(
    store: &Store,
    moment: LocalMoment,
    answers: EveningAnswers,
) -> Result<CheckIn> {
    moment.validate("moment")?;
    let day = {
        let keys = store.keys()?;
        let day_start = settings::load(&store.conn(), &keys)?.day_start_hour;
        moment.local_day(day_start).to_string()
    };
    let days = DayRange::new(Some(&day), Some(&day))?;
    let linked = {
        let keys = store.keys()?;
        let entries = journal::all_in(&store.conn(), &keys, &days)?;
        entries
            .items
            .into_iter()
            .rev()
            .find(|e| e.kind == JournalKind::Transition)
            .map(|e| e.id)
    };
    if answers == EveningAnswers::default() {
        return Err(RespiteError::invalid(
            "answers",
            "every question was skipped: nothing to save",
        )
        .into());
    }
    checkins::add(store, answers.into_checkin(moment, linked))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_and_the_practice_prompt_have_wording() {
        for step in STEPS {
            let prefix = format!("transition.{}", step.name());
            assert!(wording::variants(&prefix, "prompt") >= 2, "{prefix}");
            assert_eq!(
                wording::variants(&prefix, "prompt"),
                wording::variants(&prefix, "hint"),
                "{prefix}"
            );
        }
        assert!(wording::variants("transition.practice-prompt", "text") >= 2);
    }
}
