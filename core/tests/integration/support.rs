//! The safety response: it answers each trigger once a day with the person's own
//! plan, names a crisis line only when the plan names no professional help, and stays
//! quiet on ordinary bad days.

use crate::common::*;
use respite_core::{
    crisis_lines, CheckInData, Contact, EmergencyPlan, JournalKind, Plan, SafetyReason, Settings,
    StressZone, TransitionAnswers,
};

fn checkin(at: &str) -> CheckInData {
    CheckInData::new(moment(at))
}

#[test]
fn each_trigger_answers_and_ordinary_bad_days_do_not() {
    let triggers: Vec<(CheckInData, SafetyReason)> = vec![
        (
            CheckInData {
                stress_zone: Some(StressZone::Ill),
                ..checkin("2026-05-01T20:00:00+01:00")
            },
            SafetyReason::StressZoneIll,
        ),
        (
            CheckInData {
                burnout: Some(5),
                ..checkin("2026-05-02T20:00:00+01:00")
            },
            SafetyReason::BurnoutAtTop,
        ),
        (
            CheckInData {
                pleasantness: Some(-0.9),
                energy: Some(0.1),
                ..checkin("2026-05-03T20:00:00+01:00")
            },
            SafetyReason::VeryLowAndDrained,
        ),
        (
            CheckInData {
                note: Some("honestly I can't do this anymore".into()),
                ..checkin("2026-05-04T20:00:00+01:00")
            },
            SafetyReason::OwnWords,
        ),
    ];
    let ordinary = vec![
        CheckInData {
            stress_zone: Some(StressZone::Injured),
            burnout: Some(4),
            pleasantness: Some(-0.6),
            energy: Some(0.2),
            note: Some("exhausted, the rota is killing me".into()),
            ..checkin("2026-05-05T20:00:00+01:00")
        },
        CheckInData {
            pleasantness: Some(-0.9),
            energy: Some(0.7),
            note: Some("client said she doesn't want to be here anymore; safety plan done".into()),
            ..checkin("2026-05-06T20:00:00+01:00")
        },
    ];
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    for (data, reason) in triggers {
        let saved = vault.checkins().add(data).unwrap();
        let response = vault
            .support()
            .after_checkin(saved)
            .unwrap()
            .expect("a response");
        assert_eq!(response.reasons, vec![reason]);
        assert!(!response.opening.text.is_empty() && !response.urgent.text.is_empty());
    }
    for data in ordinary {
        let saved = vault.checkins().add(data).unwrap();
        assert_eq!(vault.support().after_checkin(saved).unwrap(), None);
    }
}

#[test]
fn it_answers_at_most_once_a_day_and_again_the_next_day() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let ill = |at: &str| CheckInData {
        stress_zone: Some(StressZone::Ill),
        ..checkin(at)
    };
    let first = vault
        .checkins()
        .add(ill("2026-05-01T09:00:00+01:00"))
        .unwrap();
    assert!(vault.support().after_checkin(first).unwrap().is_some());
    let second = vault
        .checkins()
        .add(ill("2026-05-01T21:00:00+01:00"))
        .unwrap();
    assert_eq!(vault.support().after_checkin(second).unwrap(), None);
    let entry = vault
        .journal()
        .add(draft(
            "I don't want to be here.",
            "2026-05-01T22:00:00+01:00",
        ))
        .unwrap();
    assert_eq!(
        vault.support().after_entry(entry).unwrap(),
        None,
        "once a day, whatever the trigger"
    );
    // Decided from the day's own records, so a restart does not repeat it, and nothing
    // in the file counts the days it was shown: no settings row appears for it.
    let settings_rows: i64 = raw(&path)
        .query_row("SELECT count(*) FROM settings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(settings_rows, 0, "showing the response writes nothing");
    drop(vault);
    let vault = respite_core::Vault::open(path_str(&path)).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    let again = vault
        .checkins()
        .add(ill("2026-05-01T23:00:00+01:00"))
        .unwrap();
    assert_eq!(vault.support().after_checkin(again).unwrap(), None);
    let next_day = vault
        .checkins()
        .add(ill("2026-05-02T09:00:00+01:00"))
        .unwrap();
    assert!(vault.support().after_checkin(next_day).unwrap().is_some());
    // On request it always answers.
    assert!(vault.support().on_request().unwrap().reasons.is_empty());
}

#[test]
fn the_response_is_the_persons_own_plan_and_a_line_only_without_professional_help() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    vault
        .update_settings(Settings {
            day_start_hour: 0,
            crisis_line_region: Some("GB".into()),
            ..Settings::default()
        })
        .unwrap();
    let response = vault.support().on_request().unwrap();
    let line = response
        .crisis_line
        .expect("no professional help in the plan: a line");
    assert_eq!(line.region, "GB");
    assert!(response.urgent.text.contains("999"));

    let plan = Plan {
        people: vec!["My sister".into()],
        emergency: EmergencyPlan {
            kind_words: vec!["This will pass.".into()],
            contacts: vec![Contact {
                name: "Sam".into(),
                how: "text first".into(),
            }],
            professional_help: vec!["My own therapist, Tuesdays".into()],
            ..EmergencyPlan::default()
        },
        ..Plan::default()
    };
    vault.plan().save(plan).unwrap();
    let entry = vault
        .journal()
        .add(draft(
            "sometimes I think everyone would be better off without me",
            "2026-05-01T22:00:00+01:00",
        ))
        .unwrap();
    let response = vault
        .support()
        .after_entry(entry)
        .unwrap()
        .expect("own words");
    assert_eq!(response.reasons, vec![SafetyReason::OwnWords]);
    assert_eq!(response.people, vec!["My sister".to_owned()]);
    assert_eq!(response.card.kind_words, vec!["This will pass.".to_owned()]);
    assert_eq!(response.card.contacts[0].name, "Sam");
    assert_eq!(
        response.card.professional_help,
        vec!["My own therapist, Tuesdays".to_owned()]
    );
    assert_eq!(
        response.crisis_line, None,
        "the plan names professional help"
    );
}

#[test]
fn a_transitions_own_words_count() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let answers = TransitionAnswers {
        set_down: Some("I can't see a way out of this".into()),
        ..TransitionAnswers::default()
    };
    let entry = vault
        .prompts()
        .save_transition(moment("2026-05-01T18:00:00+01:00"), answers)
        .unwrap();
    assert_eq!(entry.kind, JournalKind::Transition);
    let response = vault
        .support()
        .after_entry(entry)
        .unwrap()
        .expect("a response");
    assert_eq!(response.reasons, vec![SafetyReason::OwnWords]);
}

#[test]
fn an_unknown_region_gets_the_directory_and_a_bad_one_is_refused() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let response = vault.support().on_request().unwrap();
    assert_eq!(
        response.crisis_line.unwrap().region,
        "",
        "the international directory"
    );
    let refused = vault.update_settings(Settings {
        day_start_hour: 0,
        crisis_line_region: Some("gbr".into()),
        ..Settings::default()
    });
    assert!(
        matches!(refused, Err(respite_core::RespiteError::InvalidInput { field, .. }) if field == "crisis_line_region")
    );
    assert!(crisis_lines()
        .iter()
        .all(|l| l.source.starts_with("https://")));
}
