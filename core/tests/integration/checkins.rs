//! Check-ins and reflections: every field, validation, day boundaries and settings.

use crate::common::*;
use respite_core::{
    catalogue, CheckInContext, CheckInData, JournalDraft, JournalKind, JournalUpdate, RespiteError,
    SessionReflection, Settings, Vault,
};

fn empty(at: &str) -> CheckInData {
    CheckInData::new(moment(at))
}

fn full(at: &str) -> CheckInData {
    full_checkin(at)
}

fn invalid_field<T: std::fmt::Debug>(r: Result<T, RespiteError>) -> String {
    match r {
        Err(RespiteError::InvalidInput { field, .. }) => field,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn a_full_checkin_round_trips_and_reopens() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let added = vault
        .checkins()
        .add(full("2026-05-04T21:00:00+02:00"))
        .unwrap();
    assert_eq!(added.local_day, "2026-05-04");
    assert_eq!(added.revision, 1);
    drop(vault);
    let vault = Vault::open(path_str(&path)).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    assert_eq!(vault.checkins().get(added.id.clone()).unwrap(), added);
    let page = vault.checkins().list(None, None, 0, 10).unwrap();
    assert_eq!(page.checkins, vec![added]);
}

#[test]
fn the_quick_path_is_one_value() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let quick = CheckInData {
        pleasantness: Some(0.5),
        ..empty("2026-05-04T12:00:00+02:00")
    };
    assert!(vault.checkins().add(quick).is_ok());
    assert_eq!(
        invalid_field(vault.checkins().add(empty("2026-05-04T12:00:00+02:00"))),
        "check_in"
    );
    let only_context = CheckInData {
        context: Some(CheckInContext::Workday),
        ..empty("2026-05-04T12:00:00+02:00")
    };
    assert_eq!(
        invalid_field(vault.checkins().add(only_context)),
        "check_in"
    );
}

#[test]
fn out_of_range_nan_and_unknown_values_are_refused_and_nothing_is_written() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let c = vault.checkins();
    let at = "2026-05-04T12:00:00+02:00";
    let cases: Vec<(CheckInData, &str)> = vec![
        (
            CheckInData {
                pleasantness: Some(1.5),
                ..full(at)
            },
            "pleasantness",
        ),
        (
            CheckInData {
                pleasantness: Some(f64::NAN),
                ..full(at)
            },
            "pleasantness",
        ),
        (
            CheckInData {
                energy: Some(-0.1),
                ..full(at)
            },
            "energy",
        ),
        (
            CheckInData {
                energy: Some(f64::INFINITY),
                ..full(at)
            },
            "energy",
        ),
        (
            CheckInData {
                sleep_hours: Some(25.0),
                ..full(at)
            },
            "sleep_hours",
        ),
        (
            CheckInData {
                burnout: Some(0),
                ..full(at)
            },
            "burnout",
        ),
        (
            CheckInData {
                burnout: Some(6),
                ..full(at)
            },
            "burnout",
        ),
        (
            CheckInData {
                sleep_quality: Some(6),
                ..full(at)
            },
            "sleep_quality",
        ),
        (
            CheckInData {
                detachment: Some(0),
                ..full(at)
            },
            "detachment",
        ),
        (
            CheckInData {
                control: Some(9),
                ..full(at)
            },
            "control",
        ),
        (
            CheckInData {
                work_intrusion: Some(5),
                ..full(at)
            },
            "work_intrusion",
        ),
        (
            CheckInData {
                emotions: vec!["elated-ish".into()],
                ..full(at)
            },
            "emotions",
        ),
        (
            CheckInData {
                practices: vec!["Not An Id".into()],
                ..full(at)
            },
            "practices",
        ),
        (
            CheckInData {
                note: Some("x".repeat(100_001)),
                ..full(at)
            },
            "note",
        ),
    ];
    for (data, field) in cases {
        assert_eq!(invalid_field(c.add(data)), field);
    }
    assert_eq!(c.count().unwrap(), 0);
}

#[test]
fn updates_raise_the_revision_and_refuse_no_change() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let c = vault.checkins();
    let first = c.add(full("2026-05-04T21:00:00+02:00")).unwrap();
    assert_eq!(
        invalid_field(c.update(first.id.clone(), first.data.clone())),
        "update"
    );
    let changed = c
        .update(
            first.id.clone(),
            CheckInData {
                burnout: Some(4),
                ..first.data.clone()
            },
        )
        .unwrap();
    assert_eq!(changed.revision, 2);
    assert_eq!(c.get(first.id.clone()).unwrap().data.burnout, Some(4));
    c.delete(first.id.clone()).unwrap();
    assert!(matches!(
        c.get(first.id),
        Err(RespiteError::NotFound { .. })
    ));
}

#[test]
fn listing_filters_by_day_range() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let c = vault.checkins();
    for day in 1..=9 {
        c.add(CheckInData {
            energy: Some(0.5),
            ..empty(&format!("2026-05-0{day}T12:00:00+00:00"))
        })
        .unwrap();
    }
    let page = c
        .list(Some("2026-05-03".into()), Some("2026-05-05".into()), 0, 100)
        .unwrap();
    let days: Vec<&str> = page.checkins.iter().map(|c| c.local_day.as_str()).collect();
    assert_eq!(days, vec!["2026-05-05", "2026-05-04", "2026-05-03"]);
    assert_eq!(
        invalid_field(c.list(Some("05/03/2026".into()), None, 0, 10)),
        "from_day"
    );
    assert_eq!(
        invalid_field(c.list(Some("2026-05-05".into()), Some("2026-05-01".into()), 0, 10)),
        "to_day"
    );
}

#[test]
fn a_reflection_takes_one_value_and_a_tap() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let j = vault.journal();
    let quick = j
        .add(JournalDraft {
            kind: JournalKind::AfterSession,
            moment: moment("2026-05-04T15:50:00+02:00"),
            title: None,
            body: String::new(),
            tags: vec![],
            practice_ids: vec![],
            reflection: Some(SessionReflection {
                intensity: Some(8),
                ..Default::default()
            }),
        })
        .unwrap();
    assert_eq!(quick.reflection.as_ref().unwrap().intensity, Some(8));
    let fuller = j
        .edit(
            quick.id.clone(),
            JournalUpdate {
                reflection: Some(SessionReflection {
                    intensity: Some(8),
                    activation_before: Some(7),
                    activation_after: Some(4),
                    feelings: vec!["heavy".into(), "tender".into()],
                    body_sensations: vec!["tight-chest".into()],
                    needs: vec!["pause".into(), "water-food".into()],
                    practice: Some("box-breathing".into()),
                }),
                body: Some("Loss story echoed my own.".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        fuller.reflection.as_ref().unwrap().activation_after,
        Some(4)
    );
    assert_eq!(j.get(quick.id.clone()).unwrap(), fuller);
}

#[test]
fn reflections_are_validated() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let j = vault.journal();
    let with = |kind, r: SessionReflection| JournalDraft {
        kind,
        moment: moment("2026-05-04T15:50:00+02:00"),
        title: None,
        body: "note".into(),
        tags: vec![],
        practice_ids: vec![],
        reflection: Some(r),
    };
    let r = SessionReflection::default;
    assert_eq!(
        invalid_field(j.add(with(
            JournalKind::AfterSession,
            SessionReflection {
                intensity: Some(11),
                ..r()
            }
        ))),
        "intensity"
    );
    assert_eq!(
        invalid_field(j.add(with(
            JournalKind::AfterSession,
            SessionReflection {
                activation_after: Some(99),
                ..r()
            }
        ))),
        "activation_after"
    );
    assert_eq!(
        invalid_field(j.add(with(
            JournalKind::AfterSession,
            SessionReflection {
                feelings: vec!["zzz".into()],
                ..r()
            }
        ))),
        "feelings"
    );
    assert_eq!(
        invalid_field(j.add(with(
            JournalKind::AfterSession,
            SessionReflection {
                body_sensations: vec!["calm".into()],
                ..r()
            }
        ))),
        "body_sensations"
    );
    assert_eq!(
        invalid_field(j.add(with(
            JournalKind::AfterSession,
            SessionReflection {
                needs: vec!["calm".into()],
                ..r()
            }
        ))),
        "needs"
    );
    assert_eq!(
        invalid_field(j.add(with(
            JournalKind::Evening,
            SessionReflection {
                intensity: Some(3),
                ..r()
            }
        ))),
        "reflection"
    );
    assert_eq!(j.count().unwrap(), 0);
}

#[test]
fn every_catalogue_id_is_accepted() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let cat = catalogue();
    let emotions: Vec<String> = cat.emotions.iter().map(|e| e.id.clone()).take(30).collect();
    vault
        .checkins()
        .add(CheckInData {
            emotions,
            ..empty("2026-05-04T12:00:00+02:00")
        })
        .unwrap();
    let reflection = SessionReflection {
        feelings: cat.emotions.iter().map(|e| e.id.clone()).skip(20).collect(),
        body_sensations: cat.body_sensations.iter().map(|l| l.id.clone()).collect(),
        needs: cat.needs.iter().map(|l| l.id.clone()).collect(),
        ..Default::default()
    };
    let mut d = draft("", "2026-05-04T12:00:00+02:00");
    d.kind = JournalKind::AfterSession;
    d.reflection = Some(reflection);
    vault.journal().add(d).unwrap();
}

#[test]
fn the_day_start_hour_keeps_a_night_shift_on_one_day() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    assert_eq!(vault.settings().unwrap(), Settings::default());
    assert_eq!(
        invalid_field(vault.update_settings(Settings {
            day_start_hour: 13,
            ..Settings::default()
        })),
        "day_start_hour"
    );
    vault
        .update_settings(Settings {
            day_start_hour: 5,
            ..Settings::default()
        })
        .unwrap();
    let c = vault.checkins();
    // A night shift from 22:00 to 06:00: everything before 05:00 belongs to the evening it began.
    let start = c
        .add(CheckInData {
            energy: Some(0.7),
            ..empty("2026-05-04T22:00:00+02:00")
        })
        .unwrap();
    let middle = c
        .add(CheckInData {
            energy: Some(0.3),
            ..empty("2026-05-05T02:30:00+02:00")
        })
        .unwrap();
    let end = c
        .add(CheckInData {
            energy: Some(0.1),
            ..empty("2026-05-05T05:30:00+02:00")
        })
        .unwrap();
    assert_eq!(
        (start.local_day.as_str(), middle.local_day.as_str()),
        ("2026-05-04", "2026-05-04")
    );
    assert_eq!(end.local_day, "2026-05-05");
    // The setting survives reopening, and applies to the journal too.
    drop(c);
    drop(vault);
    let vault = Vault::open(path_str(&path)).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    assert_eq!(vault.settings().unwrap().day_start_hour, 5);
    let e = vault
        .journal()
        .add(draft("3 am charting", "2026-05-05T03:00:00+02:00"))
        .unwrap();
    assert_eq!(e.local_day, "2026-05-04");
}

#[test]
fn days_follow_the_local_offset_across_dst_and_travel() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let c = vault.checkins();
    let add = |at: &str| {
        c.add(CheckInData {
            energy: Some(0.5),
            ..empty(at)
        })
        .unwrap()
    };
    // Europe/Berlin springs forward on 2026-03-29 at 02:00 (+01:00 → +02:00).
    let before = add("2026-03-29T01:30:00+01:00");
    let after = add("2026-03-29T03:30:00+02:00");
    assert_eq!(
        (before.local_day.as_str(), after.local_day.as_str()),
        ("2026-03-29", "2026-03-29")
    );
    // And falls back on 2026-10-25: 02:30 happens twice, both on the 25th.
    assert_eq!(add("2026-10-25T02:30:00+02:00").local_day, "2026-10-25");
    assert_eq!(add("2026-10-25T02:30:00+01:00").local_day, "2026-10-25");
    // Flying Berlin → New York: the same instant is a different local day.
    let berlin = add("2026-06-10T01:00:00+02:00");
    let new_york = add("2026-06-09T19:00:00-04:00");
    assert_eq!(berlin.data.moment.at, new_york.data.moment.at);
    assert_eq!(
        (berlin.local_day.as_str(), new_york.local_day.as_str()),
        ("2026-06-10", "2026-06-09")
    );
    // A half-hour offset (India) and the date line (Kiribati, +14:00).
    assert_eq!(add("2026-06-09T23:45:00+05:30").local_day, "2026-06-09");
    assert_eq!(add("2026-06-10T00:30:00+14:00").local_day, "2026-06-10");
}
