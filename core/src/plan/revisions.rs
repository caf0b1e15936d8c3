//! The plan as the rest of the product uses it: sealed revisions, comparison,
//! practices that fit a moment, the emergency card, and weekly adherence.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeSet, HashMap, HashSet};

use crate::checkins;
use crate::crypto::keys::VaultKeys;
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::journal::{self, JournalKind, TransitionRecord};
use crate::plan::stored::StoredPlan;
use crate::plan::suggestions::{self, PlanMoment, PlanSection};
use crate::plan::{
    Contact, Frequency, Plan, PlanChange, Practice, PracticeContext, PracticeDomain,
    PracticeStatus, WarningSign,
};
use crate::store::sealed::{self, DayRange, RowRef, StoredRow};
use crate::store::state;
use crate::store::Store;
use crate::time::{self, Timestamp};

pub(crate) const TABLE: &str = "plan";
const ID: &str = "plan";
/// The table that holds the plan's revisions.
const STORED_IN: &str = "plan_revisions";
/// Reflections at or above this intensity count as hard sessions.
const HARD_SESSION: u8 = 7;
/// How many practices a moment suggests at most, and at least (filled from starters).
const MOST_SUGGESTED: usize = 5;
const LEAST_SUGGESTED: usize = 3;

/// A saved version of the plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlanRevision {
    /// 1 for the first save, raised by every save; 0 for the empty plan before any.
    pub revision: u32,
    /// When it was saved (none for revision 0).
    pub saved_at: Option<Timestamp>,
    /// The plan.
    pub plan: Plan,
}

/// A practice offered for a moment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SuggestedPractice {
    /// The practice.
    pub practice: Practice,
    /// From the person's own plan (else a starter suggestion).
    pub from_plan: bool,
}

/// The emergency plan as one quick card for a bad day.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EmergencyCard {
    /// What helps me settle.
    pub helps_me_settle: Vec<String>,
    /// Kind things to tell myself.
    pub kind_words: Vec<String>,
    /// What to avoid.
    pub avoid: Vec<String>,
    /// People to contact.
    pub contacts: Vec<Contact>,
    /// Professional help.
    pub professional_help: Vec<String>,
    /// My early warning signs.
    pub warning_signs: Vec<WarningSign>,
    /// Supports my workplace offers: burnout is not only personal.
    pub workplace_supports: Vec<String>,
    /// Whether empty parts were filled with starter suggestions.
    pub uses_suggestions: bool,
}

/// One week of one practice.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WeekAdherence {
    /// The Monday the week starts on, `YYYY-MM-DD`.
    pub week_start: String,
    /// Days of the week counted so far (7, or fewer for the current week).
    pub days_counted: u8,
    /// Times done: days for daily and weekly targets, records otherwise.
    pub done: u32,
    /// The target for the days counted (none for "as needed").
    pub target: Option<u32>,
}

/// How a practice went, week by week.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PracticeAdherence {
    /// The practice id.
    pub practice_id: String,
    /// Its name in the plan.
    pub name: String,
    /// Its status in the plan.
    pub status: PracticeStatus,
    /// Its target frequency.
    pub frequency: Frequency,
    /// Oldest week first.
    pub weeks: Vec<WeekAdherence>,
}

/// Where plan revision `revision` is sealed.
pub(crate) fn place(revision: u32) -> RowRef<'static> {
    RowRef {
        table: TABLE,
        id: ID,
        revision,
    }
}

/// A stored plan revision: its number, when it was saved (ms) and its sealed bytes.
pub(crate) type RevisionRow = (u32, i64, Vec<u8>);

/// Every stored revision, oldest first. All SQL of `plan_revisions` is in this module.
pub(crate) fn revision_rows(conn: &Connection) -> Result<Vec<RevisionRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT revision, saved_at, sealed FROM plan_revisions ORDER BY revision",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Calls `f` with every stored revision as a row (id `plan`), oldest first.
pub(crate) fn each_row(
    conn: &Connection,
    f: &mut dyn FnMut(StoredRow) -> Result<()>,
) -> Result<()> {
    for (revision, saved_at, sealed) in revision_rows(conn)? {
        f(StoredRow {
            id: ID.to_owned(),
            day: String::new(),
            occurred_at: 0,
            updated_at: saved_at,
            revision,
            sealed,
        })?;
    }
    Ok(())
}

/// One stored revision, if it exists.
pub(crate) fn revision_row(conn: &Connection, revision: u32) -> Result<Option<RevisionRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT revision, saved_at, sealed FROM plan_revisions WHERE revision = ?1",
        )?
        .query_row([revision], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// The newest stored revision, if any.
fn latest_row(conn: &Connection) -> Result<Option<RevisionRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT revision, saved_at, sealed FROM plan_revisions ORDER BY revision DESC LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Stores a sealed revision, recording it in the vault's state.
pub(crate) fn insert_revision(
    conn: &Connection,
    keys: &VaultKeys,
    revision: u32,
    saved_at_ms: i64,
    sealed: &[u8],
) -> Result<()> {
    state::atomically(conn, || {
        conn.prepare_cached(
            "INSERT INTO plan_revisions (revision, saved_at, sealed) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![revision, saved_at_ms, sealed])?;
        let row = StoredRow {
            id: ID.to_owned(),
            day: String::new(),
            occurred_at: 0,
            updated_at: saved_at_ms,
            revision,
            sealed: sealed.to_vec(),
        };
        state::record(conn, keys, STORED_IN, &[], &[&row])
    })
}

/// The newest saved revision, if any.
fn load_latest(conn: &Connection, keys: &VaultKeys) -> Result<Option<PlanRevision>> {
    latest_row(conn)?
        .map(|(revision, saved_at, sealed)| open(revision, saved_at, &sealed, keys))
        .transpose()
}

fn open(revision: u32, saved_at: i64, sealed: &[u8], keys: &VaultKeys) -> Result<PlanRevision> {
    Ok(PlanRevision {
        revision,
        saved_at: Some(time::from_millis(saved_at)?),
        plan: place(revision).open::<StoredPlan>(keys, sealed)?.into(),
    })
}

/// The current plan, or the empty plan at revision 0.
pub(crate) fn current_plan(conn: &Connection, keys: &VaultKeys) -> Result<PlanRevision> {
    Ok(load_latest(conn, keys)?.unwrap_or(PlanRevision {
        revision: 0,
        saved_at: None,
        plan: Plan::default(),
    }))
}

/// Practice ids that some journal entry or check-in refers to.
fn referenced_practices(conn: &Connection, keys: &VaultKeys) -> Result<HashSet<String>> {
    let mut found = HashSet::new();
    for (_, practices) in practice_records(conn, keys, &DayRange::all())? {
        found.extend(practices.ids);
    }
    Ok(found)
}

/// Practices a record refers to, and whether it was a hard session.
struct Done {
    ids: Vec<String>,
    hard_session: bool,
}

/// Whether a transition carried out a practice.
type DoneBy = fn(&TransitionRecord) -> bool;

/// The starter practices a transition's own steps carry out: parking unfinished work,
/// the end-of-day signal (a decompression ritual), naming who I am at home.
const TRANSITION_STEPS: &[(&str, DoneBy)] = &[
    ("park-it", |t| !t.parked.is_empty()),
    ("commute-ritual", |t| t.end_of_day_signal.is_some()),
    ("role-switch", |t| t.who_at_home.is_some()),
];

/// Every journal entry and check-in in `days` that refers to practices or is a hard
/// session, with its local day. Records that fail to open are left out.
fn practice_records(
    conn: &Connection,
    keys: &VaultKeys,
    days: &DayRange,
) -> Result<Vec<(String, Done)>> {
    let mut out = Vec::new();
    for e in journal::all_in(conn, keys, days)?.items {
        let mut ids = e.practice_ids.clone();
        let reflection = e.reflection.as_ref();
        let mut add = |id: String| {
            if !ids.contains(&id) {
                ids.push(id);
            }
        };
        if let Some(p) = reflection.and_then(|r| r.practice.clone()) {
            add(p);
        }
        if let Some(t) = &e.transition {
            if let Some(p) = t.practice.clone() {
                add(p);
            }
            for (id, done_by) in TRANSITION_STEPS {
                if done_by(t) {
                    add((*id).to_owned());
                }
            }
        }
        let hard_session = e.kind == JournalKind::AfterSession
            && reflection
                .and_then(|r| r.intensity)
                .is_some_and(|i| i >= HARD_SESSION);
        out.push((e.local_day, Done { ids, hard_session }));
    }
    for c in checkins::all_in(conn, keys, days)?.items {
        let done = Done {
            ids: c.data.practices,
            hard_session: false,
        };
        out.push((c.local_day, done));
    }
    Ok(out)
}

/// Whether a practice from the plan fits a moment.
fn fits(p: &Practice, moment: PlanMoment) -> bool {
    match moment {
        PlanMoment::AfterSession => {
            p.context == PracticeContext::Workday || p.frequency == Frequency::AfterHardSessions
        }
        PlanMoment::Transition => p.context == PracticeContext::Transition,
        PlanMoment::Evening => p.context == PracticeContext::PersonalLife,
        PlanMoment::BadDay => {
            p.frequency == Frequency::AsNeeded
                || matches!(
                    p.domain,
                    PracticeDomain::Emotional | PracticeDomain::Relational
                )
        }
    }
}

fn at(store: &Store, revision: u32, keys: &VaultKeys) -> Result<PlanRevision> {
    if revision == 0 {
        return Ok(PlanRevision {
            revision: 0,
            saved_at: None,
            plan: Plan::default(),
        });
    }
    let row = revision_row(&store.conn(), revision)?;
    let (_, saved_at, sealed) = row.ok_or_else(|| RespiteError::NotFound {
        what: format!("no plan revision {revision}"),
    })?;
    open(revision, saved_at, &sealed, keys)
}

/// The current plan (an empty plan at revision 0 until the first save).
pub(crate) fn current(store: &Store) -> Result<PlanRevision> {
    let keys = store.keys()?;
    current_plan(&store.conn(), &keys)
}

/// What saving `plan` would change from the current revision, section by section:
/// shown before a save, and empty when there is nothing to save.
pub(crate) fn pending_changes(store: &Store, plan: Plan) -> Result<Vec<PlanChange>> {
    let plan = plan.validated()?;
    Ok(super::diff(&current(store)?.plan, &plan))
}

/// Saves a new revision. Refuses an unchanged plan, and the removal of a practice
/// that past records refer to (retire it instead, so its history stays readable).
pub(crate) fn save(store: &Store, plan: Plan) -> Result<PlanRevision> {
    let plan = plan.validated()?;
    let keys = store.keys()?;
    // Read, check and write in one transaction: a save made at the same time from
    // another thread is either seen here or comes after this one.
    let mut conn = store.conn();
    let tx = conn.transaction()?;
    let current = current_plan(&tx, &keys)?;
    if current.plan == plan {
        return Err(RespiteError::invalid("plan", "nothing changed").into());
    }
    let removed: Vec<&Practice> = current
        .plan
        .practices
        .iter()
        .filter(|p| plan.practice(&p.id).is_none())
        .collect();
    if !removed.is_empty() {
        let referenced = referenced_practices(&tx, &keys)?;
        if let Some(p) = removed.iter().find(|p| referenced.contains(&p.id)) {
            return Err(RespiteError::invalid(
                "practices",
                format!(
                    "\"{}\" appears in past check-ins or reflections: set its status to retired instead of removing it",
                    p.id
                ),
            ).into());
        }
    }
    let revision = sealed::next_revision(latest_row(&tx)?.map_or(0, |(revision, _, _)| revision))?;
    let saved_at = time::now();
    let sealed = place(revision).seal(&keys, &StoredPlan::from(plan.clone()))?;
    insert_revision(&tx, &keys, revision, time::to_millis(saved_at), &sealed)?;
    tx.commit()?;
    Ok(PlanRevision {
        revision,
        saved_at: Some(saved_at),
        plan,
    })
}

/// Every saved revision, newest first.
pub(crate) fn revisions(store: &Store) -> Result<Vec<PlanRevision>> {
    let keys = store.keys()?;
    let rows = revision_rows(&store.conn())?;
    rows.iter()
        .rev()
        .map(|(rev, at, sealed)| open(*rev, *at, sealed, &keys))
        .collect()
}

/// One saved revision (0 is the empty plan).
pub(crate) fn revision(store: &Store, revision: u32) -> Result<PlanRevision> {
    let keys = store.keys()?;
    at(store, revision, &keys)
}

/// What changed from revision `from` to revision `to`: added, removed and changed
/// items, section by section.
pub(crate) fn changes(store: &Store, from: u32, to: u32) -> Result<Vec<PlanChange>> {
    let keys = store.keys()?;
    Ok(crate::plan::diff(
        &at(store, from, &keys)?.plan,
        &at(store, to, &keys)?.plan,
    ))
}

/// Practices that fit `moment`: from the plan first (current, then want-to-start;
/// never retired), filled up with starter suggestions when the plan has few.
pub(crate) fn practices_for(store: &Store, moment: PlanMoment) -> Result<Vec<SuggestedPractice>> {
    let plan = current(store)?.plan;
    let mut out: Vec<SuggestedPractice> = [PracticeStatus::Current, PracticeStatus::WantToStart]
        .iter()
        .flat_map(|status| plan.practices.iter().filter(move |p| p.status == *status))
        .filter(|p| fits(p, moment))
        .take(MOST_SUGGESTED)
        .map(|p| SuggestedPractice {
            practice: p.clone(),
            from_plan: true,
        })
        .collect();
    for starter in suggestions::practices_for(moment) {
        if out.len() >= LEAST_SUGGESTED {
            break;
        }
        if plan.practice(&starter.id).is_none() {
            out.push(SuggestedPractice {
                practice: starter,
                from_plan: false,
            });
        }
    }
    Ok(out)
}

/// The emergency plan as one card. Empty parts are filled with starter
/// suggestions (and `uses_suggestions` says so) so the card is never blank.
pub(crate) fn emergency_card(store: &Store) -> Result<EmergencyCard> {
    let plan = current(store)?.plan;
    let mut uses_suggestions = false;
    let mut or_starter = |mine: Vec<String>, section: PlanSection| {
        if mine.is_empty() {
            uses_suggestions = true;
            suggestions::texts(section)
        } else {
            mine
        }
    };
    let e = plan.emergency;
    Ok(EmergencyCard {
        helps_me_settle: or_starter(e.helps_me_settle, PlanSection::HelpsMeSettle),
        kind_words: or_starter(e.kind_words, PlanSection::KindWords),
        professional_help: or_starter(e.professional_help, PlanSection::ProfessionalHelp),
        avoid: e.avoid,
        contacts: e.contacts,
        warning_signs: plan.warning_signs,
        workplace_supports: plan.supports_in_place,
        uses_suggestions,
    })
}

/// Practices done against their targets for the `weeks` weeks (1–52) ending with
/// the week of `today` (`YYYY-MM-DD`, the shell's local date). Done counts come from
/// check-ins, reflections, linked journal entries and the transition's own steps
/// ([`TRANSITION_STEPS`]). With `shift_days` (the schedule's, when it has shifts), a
/// daily workday or transition practice is aimed at shift days only.
pub(crate) fn adherence(
    store: &Store,
    today: String,
    weeks: u32,
    shift_days: Option<&BTreeSet<NaiveDate>>,
) -> Result<Vec<PracticeAdherence>> {
    let today = sealed::parse_day("today", &today)?;
    if !(1..=52).contains(&weeks) {
        return Err(RespiteError::invalid("weeks", "must be between 1 and 52").into());
    }
    let keys = store.keys()?;
    let plan = current(store)?.plan;
    let this_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let first_monday = this_monday - Duration::weeks(i64::from(weeks) - 1);
    let days = DayRange::new(Some(&first_monday.to_string()), Some(&today.to_string()))?;
    let done = practice_records(&store.conn(), &keys, &days)?;
    let week_of = |day: &str| -> Option<usize> {
        let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
        usize::try_from((day - first_monday).num_days() / 7).ok()
    };
    let weeks = weeks as usize;
    // Per week: hard sessions; per practice and week: records and distinct days.
    let mut hard = vec![0u32; weeks];
    let mut records_by: HashMap<&str, Vec<u32>> = HashMap::new();
    let mut days_by: HashMap<&str, Vec<HashSet<&str>>> = HashMap::new();
    for (day, d) in &done {
        let Some(w) = week_of(day).filter(|w| *w < weeks) else {
            continue;
        };
        hard[w] += u32::from(d.hard_session);
        for id in &d.ids {
            records_by.entry(id).or_insert_with(|| vec![0; weeks])[w] += 1;
            days_by
                .entry(id)
                .or_insert_with(|| vec![HashSet::new(); weeks])[w]
                .insert(day);
        }
    }
    Ok(plan
        .practices
        .iter()
        .map(|p| {
            let weeks = (0..weeks)
                .map(|w| {
                    let start = first_monday + Duration::weeks(w as i64);
                    let days_counted = ((today - start).num_days() + 1).clamp(1, 7) as u32;
                    let on_shifts = matches!(
                        p.context,
                        PracticeContext::Workday | PracticeContext::Transition
                    );
                    let aimed_days = match shift_days.filter(|_| on_shifts) {
                        Some(shifts) => (0..i64::from(days_counted))
                            .filter(|d| shifts.contains(&(start + Duration::days(*d))))
                            .count() as u32,
                        None => days_counted,
                    };
                    let count = records_by.get(p.id.as_str()).map_or(0, |c| c[w]);
                    let distinct = days_by.get(p.id.as_str()).map_or(0, |d| d[w].len() as u32);
                    let (done, target) = match p.frequency {
                        Frequency::Daily => (distinct, Some(aimed_days)),
                        Frequency::TimesPerDay { times } => {
                            (count, Some(u32::from(times) * days_counted))
                        }
                        Frequency::TimesPerWeek { times } => (distinct, Some(u32::from(times))),
                        Frequency::AfterHardSessions => (count, Some(hard[w])),
                        Frequency::AsNeeded => (count, None),
                    };
                    WeekAdherence {
                        week_start: start.to_string(),
                        days_counted: days_counted as u8,
                        done,
                        target,
                    }
                })
                .collect();
            PracticeAdherence {
                practice_id: p.id.clone(),
                name: p.name.clone(),
                status: p.status,
                frequency: p.frequency,
                weeks,
            }
        })
        .collect())
}
