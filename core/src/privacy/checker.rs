//! The identifier check over a vault: every check leaves out the person's
//! allow-list, and the allow-list is edited here.

use super::allow_list::AllowList;
use super::fields::{self, Record};
use super::{check_fields, DraftField, FieldReport, PrivacyReport};
use crate::checkins::CheckInData;
use crate::error::internal::Result;
use crate::journal::{JournalDraft, JournalUpdate};
use crate::plan::Plan;
use crate::prompts::transition::{EveningAnswers, TransitionAnswers};
use crate::store::Store;

fn load(store: &Store) -> Result<AllowList> {
    let keys = store.keys()?;
    AllowList::load(&store.conn(), &keys)
}

fn check_record<R: Record>(store: &Store, record: &R) -> Result<Vec<FieldReport>> {
    Ok(check_fields(fields::texts(record), &load(store)?))
}

fn redact_record<R: Record>(store: &Store, mut record: R, chosen: &[String]) -> Result<R> {
    let reports = check_fields(fields::texts(&record), &load(store)?);
    fields::apply(&mut record, &reports, chosen);
    Ok(record)
}

fn change(store: &Store, f: impl FnOnce(&mut AllowList) -> Result<bool>) -> Result<bool> {
    let keys = store.keys()?;
    let mut conn = store.conn();
    let tx = conn.transaction()?;
    let mut list = AllowList::load(&tx, &keys)?;
    let changed = f(&mut list)?;
    if changed {
        list.save(&tx, &keys)?;
    }
    tx.commit()?;
    Ok(changed)
}

/// Checks `text`, leaving out what the allow-list holds.
pub(crate) fn check(store: &Store, text: String) -> Result<PrivacyReport> {
    Ok(super::check(&text, &load(store)?))
}

/// Checks every free-text field of a draft at once, leaving out what the
/// allow-list holds: one report per field, in the order given.
pub(crate) fn check_draft(store: &Store, fields: Vec<DraftField>) -> Result<Vec<FieldReport>> {
    Ok(check_fields(fields, &load(store)?))
}

/// The allowed words and phrases, sorted, in lower case.
pub(crate) fn allowed(store: &Store) -> Result<Vec<String>> {
    Ok(load(store)?.words)
}

/// Checks a journal entry's title, text and tags before it is saved.
pub(crate) fn check_journal(store: &Store, draft: JournalDraft) -> Result<Vec<FieldReport>> {
    check_record(store, &draft)
}

/// Checks what an edit of a journal entry changes (fields named as for a new entry).
pub(crate) fn check_journal_update(
    store: &Store,
    update: JournalUpdate,
) -> Result<Vec<FieldReport>> {
    check_record(store, &update)
}

/// Checks a check-in's note before it is saved.
pub(crate) fn check_checkin(store: &Store, data: CheckInData) -> Result<Vec<FieldReport>> {
    check_record(store, &data)
}

/// Checks every answer of a transition, each parked item included.
pub(crate) fn check_transition(
    store: &Store,
    answers: TransitionAnswers,
) -> Result<Vec<FieldReport>> {
    check_record(store, &answers)
}

/// Checks the evening check's note.
pub(crate) fn check_evening(store: &Store, answers: EveningAnswers) -> Result<Vec<FieldReport>> {
    check_record(store, &answers)
}

/// Checks the plan's text; the person's own contacts and people are left out.
pub(crate) fn check_plan(store: &Store, plan: Plan) -> Result<Vec<FieldReport>> {
    check_record(store, &plan)
}

/// The entry with the redacted text in each field named in `fields` (every field
/// when empty) in which the check, run again now, finds something.
pub(crate) fn redact_journal(
    store: &Store,
    draft: JournalDraft,
    fields: Vec<String>,
) -> Result<JournalDraft> {
    redact_record(store, draft, &fields)
}

/// The edit with the chosen fields redacted, as [`redact_journal`].
pub(crate) fn redact_journal_update(
    store: &Store,
    update: JournalUpdate,
    fields: Vec<String>,
) -> Result<JournalUpdate> {
    redact_record(store, update, &fields)
}

/// The check-in with its note redacted when `fields` is empty or names it.
pub(crate) fn redact_checkin(
    store: &Store,
    data: CheckInData,
    fields: Vec<String>,
) -> Result<CheckInData> {
    redact_record(store, data, &fields)
}

/// The transition with the chosen answers redacted, as [`redact_journal`].
pub(crate) fn redact_transition(
    store: &Store,
    answers: TransitionAnswers,
    fields: Vec<String>,
) -> Result<TransitionAnswers> {
    redact_record(store, answers, &fields)
}

/// The evening check with its note redacted when `fields` is empty or names it.
pub(crate) fn redact_evening(
    store: &Store,
    answers: EveningAnswers,
    fields: Vec<String>,
) -> Result<EveningAnswers> {
    redact_record(store, answers, &fields)
}

/// The plan with the chosen fields redacted, as [`redact_journal`].
pub(crate) fn redact_plan(store: &Store, plan: Plan, fields: Vec<String>) -> Result<Plan> {
    redact_record(store, plan, &fields)
}

/// Marks a word or phrase as not a client detail ("Priya", "St Vincent's").
/// Returns whether it was new.
pub(crate) fn allow(store: &Store, word: String) -> Result<bool> {
    change(store, |list| list.insert(&word))
}

/// Takes a word or phrase off the allow-list. Returns whether it was there.
pub(crate) fn remove_allowed(store: &Store, word: String) -> Result<bool> {
    change(store, |list| list.remove(&word))
}
