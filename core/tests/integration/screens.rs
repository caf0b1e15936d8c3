//! The shared screens through a real vault: today's quick actions at the moments of
//! a working day, the transition flow from first step to saved entry, and what the
//! plan editor says before a save.

use crate::common::*;
use respite_core::{
    plan_suggestions, plan_with_suggestion, EveningAnswers, JournalKind, QuickAction, RespiteError,
    TodayScreen, TransitionStep, Vault,
};
use std::sync::Arc;

const ZONE: &str = "Europe/Berlin";

fn today(vault: &Arc<Vault>, at: &str) -> TodayScreen {
    vault.screens().today(moment(at), ZONE.into()).unwrap()
}

fn order(screen: &TodayScreen) -> Vec<QuickAction> {
    screen.actions.iter().map(|a| a.action).collect()
}

#[test]
fn the_moment_of_the_day_decides_what_comes_first() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    use QuickAction::*;

    // Monday morning, default schedule (9:00–17:00, evening check at 20:00).
    let morning = today(&vault, "2026-05-04T10:00:00+02:00");
    assert_eq!(
        order(&morning),
        [
            AfterSession,
            CheckIn,
            Transition,
            EveningCheck,
            EmergencyCard
        ]
    );
    assert!(morning
        .actions
        .iter()
        .all(|a| !a.leading && !a.label.is_empty()));
    assert_eq!(morning.local_day, "2026-05-04");
    assert!(morning.next.as_ref().unwrap().at >= moment("2026-05-04T10:00:00+02:00").at);

    // Near the end of the shift, and just after it, the transition leads.
    for at in ["2026-05-04T16:15:00+02:00", "2026-05-04T18:30:00+02:00"] {
        let s = today(&vault, at);
        assert_eq!(order(&s)[0], Transition, "{at}");
        assert!(s.actions[0].leading);
        assert_eq!(*order(&s).last().unwrap(), EmergencyCard);
        assert_eq!(s.actions.len(), 5);
    }

    // Once it is done that day, it steps back.
    let flow = vault
        .screens()
        .transition_flow(moment("2026-05-04T17:10:00+02:00"))
        .unwrap();
    assert!(flow.park("Call the lab back".into(), Some("Tuesday".into()), None));
    flow.save().unwrap();
    assert_eq!(
        order(&today(&vault, "2026-05-04T17:30:00+02:00"))[0],
        AfterSession
    );

    // The evening check leads in the evening, until it is done.
    let evening = today(&vault, "2026-05-04T20:40:00+02:00");
    assert_eq!(order(&evening)[0], EveningCheck);
    vault
        .prompts()
        .save_evening_check(
            moment("2026-05-04T20:45:00+02:00"),
            EveningAnswers {
                work_intrusion: Some(1),
                ..EveningAnswers::default()
            },
        )
        .unwrap();
    let later = today(&vault, "2026-05-04T21:00:00+02:00");
    assert!(later.actions.iter().all(|a| !a.leading));

    // What was parked is on the screen, inside the app.
    assert_eq!(later.parked.len(), 1);
    assert_eq!(later.parked[0].item.what, "Call the lab back");

    // A Saturday has no shift, so nothing leads at five.
    let saturday = today(&vault, "2026-05-09T16:30:00+02:00");
    assert!(saturday.actions.iter().all(|a| !a.leading));
}

#[test]
fn the_day_start_hour_decides_which_day_it_is() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    assert_eq!(
        today(&vault, "2026-05-05T02:00:00+02:00").local_day,
        "2026-05-05"
    );
    // With the day starting at 04:00, 02:00 still belongs to the day before.
    let settings = vault.settings().unwrap();
    vault
        .update_settings(respite_core::Settings {
            day_start_hour: 4,
            ..settings
        })
        .unwrap();
    assert_eq!(
        today(&vault, "2026-05-05T02:00:00+02:00").local_day,
        "2026-05-04"
    );
    let bad = vault.screens().today(
        respite_core::LocalMoment {
            utc_offset_minutes: 5000,
            ..moment("2026-05-05T02:00:00+02:00")
        },
        ZONE.into(),
    );
    assert!(matches!(bad, Err(RespiteError::InvalidInput { .. })));
    assert!(matches!(
        vault
            .screens()
            .today(moment("2026-05-05T02:00:00+02:00"), "Mars/Olympus".into()),
        Err(RespiteError::InvalidInput { .. })
    ));
}

#[test]
fn the_transition_flow_walks_every_step_and_saves_one_entry() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let flow = vault
        .screens()
        .transition_flow(moment("2026-05-04T17:05:00+02:00"))
        .unwrap();
    let start = flow.position();
    assert_eq!(start.step.as_ref().unwrap().step, TransitionStep::ParkIt);
    assert_eq!(
        (start.number, start.count, start.forward_label.as_str()),
        (1, 6, "Skip")
    );

    assert!(flow.park("Write up the intake".into(), None, Some(" ".into())));
    assert_eq!(flow.position().forward_label, "Next");
    let second = flow.next();
    assert_eq!(second.step.unwrap().step, TransitionStep::NameIt);
    assert!(second.progress > 0.0 && second.can_go_back);
    flow.set_mood(0.2, 0.1).unwrap();
    assert!(matches!(
        flow.set_mood(f64::NAN, 0.1),
        Err(RespiteError::InvalidInput { .. })
    ));
    flow.toggle_feeling("tired".into());
    flow.next();
    flow.next();
    flow.set_went_well(1, "A good laugh with the team".into());
    let mut progress = flow.position().progress;
    while flow.position().step.is_some() {
        let p = flow.next();
        assert!(p.progress > progress);
        progress = p.progress;
    }
    assert_eq!(flow.position().label, "Ready to save");
    let entry = flow.save().unwrap();
    assert_eq!(entry.kind, JournalKind::Transition);
    let t = entry.transition.unwrap();
    assert_eq!(t.parked[0].what, "Write up the intake");
    assert_eq!(t.parked[0].place, None);
    assert_eq!(t.went_well, ["A good laugh with the team"]);
    assert_eq!(t.feelings, ["tired"]);

    // A flow with nothing answered is not saved, and says so.
    let empty = vault
        .screens()
        .transition_flow(moment("2026-05-04T17:20:00+02:00"))
        .unwrap();
    assert!(
        matches!(empty.save(), Err(RespiteError::InvalidInput { field, .. }) if field == "answers")
    );
}

#[test]
fn the_plan_editor_says_what_a_save_would_change() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let plan = vault.plan();
    let current = plan.current().unwrap().plan;
    let unchanged = vault.screens().plan_save(current.clone()).unwrap();
    assert!(!unchanged.can_save && unchanged.changes.is_empty());
    assert_eq!(unchanged.summary, "No changes to save.");

    let suggestions = plan_suggestions();
    let one = plan_with_suggestion(current.clone(), suggestions[0].clone());
    let pending = vault.screens().plan_save(one.clone()).unwrap();
    assert!(pending.can_save);
    assert_eq!(pending.summary, "1 change to save.");
    let two = plan_with_suggestion(one.clone(), suggestions[1].clone());
    assert_eq!(
        vault.screens().plan_save(two).unwrap().summary,
        "2 changes to save."
    );

    plan.save(one.clone()).unwrap();
    assert!(!vault.screens().plan_save(one).unwrap().can_save);
    // A draft the core would refuse is refused here too, before any save.
    let mut bad = current;
    bad.review_date = Some("not a date".into());
    assert!(matches!(
        vault.screens().plan_save(bad),
        Err(RespiteError::InvalidInput { .. })
    ));
}
