//! The free-text fields of each kind of record, named the same way for every caller,
//! so that the CLI and both shells check exactly the same text before a save.

use super::DraftField;
use crate::checkins::CheckInData;
use crate::journal::JournalDraft;
use crate::plan::Plan;
use crate::transition::{EveningAnswers, TransitionAnswers};

fn push(out: &mut Vec<DraftField>, field: String, text: &str) {
    if !text.trim().is_empty() {
        out.push(DraftField {
            field,
            text: text.to_owned(),
        });
    }
}

fn list(out: &mut Vec<DraftField>, name: &str, items: &[String]) {
    for (i, item) in items.iter().enumerate() {
        push(out, format!("{name} {}", i + 1), item);
    }
}

/// A journal entry's title, text and tags (a reflection's note is its text).
pub(crate) fn journal(draft: &JournalDraft) -> Vec<DraftField> {
    let mut out = Vec::new();
    push(
        &mut out,
        "title".into(),
        draft.title.as_deref().unwrap_or(""),
    );
    push(&mut out, "body".into(), &draft.body);
    list(&mut out, "tag", &draft.tags);
    out
}

/// A check-in's note.
pub(crate) fn checkin(data: &CheckInData) -> Vec<DraftField> {
    let mut out = Vec::new();
    push(&mut out, "note".into(), data.note.as_deref().unwrap_or(""));
    out
}

/// Every answer of the transition, each parked item's parts included.
pub(crate) fn transition(answers: &TransitionAnswers) -> Vec<DraftField> {
    let mut out = Vec::new();
    for (i, item) in answers.parked.iter().enumerate() {
        let n = i + 1;
        push(&mut out, format!("parked {n}"), &item.what);
        push(
            &mut out,
            format!("parked {n} when"),
            item.when.as_deref().unwrap_or(""),
        );
        push(
            &mut out,
            format!("parked {n} where"),
            item.place.as_deref().unwrap_or(""),
        );
    }
    push(
        &mut out,
        "set down".into(),
        answers.set_down.as_deref().unwrap_or(""),
    );
    list(&mut out, "went well", &answers.went_well);
    push(
        &mut out,
        "who at home".into(),
        answers.who_at_home.as_deref().unwrap_or(""),
    );
    push(
        &mut out,
        "first thing".into(),
        answers.first_thing.as_deref().unwrap_or(""),
    );
    push(
        &mut out,
        "signal".into(),
        answers.end_of_day_signal.as_deref().unwrap_or(""),
    );
    out
}

/// The evening check's note.
pub(crate) fn evening(answers: &EveningAnswers) -> Vec<DraftField> {
    let mut out = Vec::new();
    push(
        &mut out,
        "note".into(),
        answers.note.as_deref().unwrap_or(""),
    );
    out
}

/// The plan's text, except the person's own people (contacts and supporters), who
/// are named there on purpose.
pub(crate) fn plan(plan: &Plan) -> Vec<DraftField> {
    let mut out = Vec::new();
    list(&mut out, "value", &plan.values);
    list(&mut out, "role", &plan.roles);
    list(&mut out, "demand", &plan.demands);
    list(&mut out, "stressor", &plan.stressors);
    list(&mut out, "support in place", &plan.supports_in_place);
    list(&mut out, "support to request", &plan.supports_to_request);
    list(&mut out, "boundary", &plan.boundaries);
    for (i, sign) in plan.warning_signs.iter().enumerate() {
        push(&mut out, format!("warning sign {}", i + 1), &sign.text);
    }
    list(&mut out, "trigger", &plan.triggers);
    list(&mut out, "depletes", &plan.depletes);
    list(&mut out, "restores", &plan.restores);
    list(&mut out, "helps me settle", &plan.emergency.helps_me_settle);
    list(&mut out, "kind words", &plan.emergency.kind_words);
    list(&mut out, "avoid", &plan.emergency.avoid);
    list(
        &mut out,
        "professional help",
        &plan.emergency.professional_help,
    );
    for (i, p) in plan.practices.iter().enumerate() {
        let n = i + 1;
        push(&mut out, format!("practice {n}"), &p.name);
        push(
            &mut out,
            format!("practice {n} barrier"),
            p.barrier.as_deref().unwrap_or(""),
        );
        push(
            &mut out,
            format!("practice {n} workaround"),
            p.workaround.as_deref().unwrap_or(""),
        );
    }
    push(
        &mut out,
        "review note".into(),
        plan.review_note.as_deref().unwrap_or(""),
    );
    out
}
