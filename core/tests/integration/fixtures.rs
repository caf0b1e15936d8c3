//! Frozen vault fixtures: every released vault format must keep opening, forever.
//!
//! `tests/fixtures/vault-vN.db` was written by format N and is never regenerated;
//! `vault-vN.json` says how to unlock it and what it holds. When a new format is
//! released, run `cargo test -p respite-core --test integration fixtures:: -- --ignored`
//! once to add its fixture, and commit both files.

use crate::common::*;
use respite_core::{
    plan_to_text, schedule_to_text, CheckIn, CheckInData, ClockTime, Contact, CurrentSecret,
    DayOfWeek, EmergencyPlan, EveningAnswers, ExceptionKind, Frequency, Journal, JournalDraft,
    JournalEntry, JournalKind, JournalUpdate, KeySlotKind, ParkedItemDraft, Plan, Practice,
    PracticeContext, PracticeDomain, PracticeStatus, ScheduleException, SessionReflection,
    Settings, ShiftTimes, SignArea, TransitionAnswers, Vault, WarningSign, WeeklyShift,
    WorkSchedule, FORMAT_VERSION, MIN_KDF_ITERATIONS,
};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// Every fixture, as (format version, vault file, description).
fn fixtures() -> Vec<(u32, PathBuf, Value)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(fixtures_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if let Some(v) = name
            .strip_prefix("vault-v")
            .and_then(|r| r.strip_suffix(".db"))
        {
            let description = std::fs::read_to_string(path.with_extension("json")).unwrap();
            found.push((
                v.parse().unwrap(),
                path,
                serde_json::from_str(&description).unwrap(),
            ));
        }
    }
    found.sort_by_key(|f| f.0);
    found
}

/// A private copy, so that opening (and migrating) never touches the frozen file.
fn copy_of(fixture: &Path) -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = vault_path();
    std::fs::copy(fixture, &path).unwrap();
    (dir, path)
}

fn hex32(text: &str) -> [u8; 32] {
    let bytes: Vec<u8> = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect();
    bytes.try_into().unwrap()
}

/// An entry as the fixture descriptions record it.
fn describe_entry(journal: &Journal, e: &JournalEntry) -> Value {
    let history: Vec<String> = journal
        .history(e.id.clone())
        .unwrap()
        .into_iter()
        .map(|h| h.body)
        .collect();
    json!({
        "id": e.id, "kind": e.kind.as_str(), "title": e.title, "body": e.body, "tags": e.tags,
        "local_day": e.local_day, "at": e.moment.at.to_rfc3339(),
        "utc_offset_minutes": e.moment.utc_offset_minutes, "revision": e.revision, "history": history,
        "practice_ids": e.practice_ids,
        "transition": e.transition.as_ref().map(|t| json!({
            "parked": t.parked.iter().map(|p| json!({ "id": p.id, "what": p.what, "when": p.when, "place": p.place, "done": p.done })).collect::<Vec<_>>(),
            "pleasantness": t.pleasantness, "energy": t.energy, "feelings": t.feelings, "set_down": t.set_down,
            "went_well": t.went_well, "who_at_home": t.who_at_home, "first_thing": t.first_thing,
            "end_of_day_signal": t.end_of_day_signal, "practice": t.practice,
        })),
        "reflection": e.reflection.as_ref().map(|r| json!({
            "intensity": r.intensity, "activation_before": r.activation_before,
            "activation_after": r.activation_after, "feelings": r.feelings,
            "body_sensations": r.body_sensations, "needs": r.needs, "practice": r.practice,
        })),
    })
}

/// A check-in as the fixture descriptions record it.
fn describe_checkin(c: &CheckIn) -> Value {
    let d = &c.data;
    json!({
        "id": c.id, "local_day": c.local_day, "revision": c.revision,
        "at": d.moment.at.to_rfc3339(), "utc_offset_minutes": d.moment.utc_offset_minutes,
        "pleasantness": d.pleasantness, "energy": d.energy, "emotions": d.emotions,
        "stress_zone": d.stress_zone.map(|z| z.as_str()), "burnout": d.burnout,
        "sleep_hours": d.sleep_hours, "sleep_quality": d.sleep_quality,
        "detachment": d.detachment, "relaxation": d.relaxation, "mastery": d.mastery,
        "control": d.control, "work_intrusion": d.work_intrusion, "practices": d.practices,
        "context": d.context.map(|c| c.as_str()), "note": d.note,
        "evening_check": d.evening_check.then_some(true), "linked_transition": d.linked_transition,
    })
}

/// Compares what a record looks like now with its frozen description. Fields that
/// a format added after the fixture was written must hold their empty defaults.
fn assert_matches(actual: &Value, frozen: &Value) {
    for (key, value) in actual.as_object().unwrap() {
        match frozen.get(key) {
            Some(want) => assert_eq!(value, want, "field {key} of {}", actual["id"]),
            None => assert!(
                value.is_null() || value.as_array().is_some_and(Vec::is_empty),
                "field {key} added later should be empty, is {value}"
            ),
        }
    }
}

fn check_contents(vault: &Vault, description: &Value) {
    let journal = vault.journal();
    let expected = description["entries"].as_array().unwrap();
    let page = journal.list(0, 1000).unwrap();
    assert!(page.damaged.is_empty());
    assert_eq!(page.entries.len(), expected.len());
    for (entry, want) in page.entries.iter().zip(expected) {
        assert_matches(&describe_entry(&journal, entry), want);
    }
    let expected = description
        .get("checkins")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let page = vault.checkins().list(None, None, 0, 1000).unwrap();
    assert!(page.damaged.is_empty());
    assert_eq!(page.checkins.len(), expected.len());
    for (checkin, want) in page.checkins.iter().zip(&expected) {
        assert_matches(&describe_checkin(checkin), want);
    }
    let day_start = description
        .pointer("/settings/day_start_hour")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    assert_eq!(
        u64::from(vault.settings().unwrap().day_start_hour),
        day_start
    );
}

#[test]
fn every_frozen_fixture_opens_with_each_of_its_key_slots() {
    let all = fixtures();
    for v in 1..=FORMAT_VERSION {
        assert!(
            all.iter().any(|f| f.0 == v),
            "the format {v} fixture must exist"
        );
    }
    assert!(all.iter().all(|f| f.0 <= FORMAT_VERSION));
    for (version, fixture, description) in &all {
        type Unlock<'a> = Box<dyn Fn(&Vault) + 'a>;
        let text = |key: &str| description[key].as_str().unwrap().to_owned();
        let unlockers: [(&str, Unlock); 3] = [
            (
                "passphrase",
                Box::new(|v: &Vault| v.unlock_with_passphrase(text("passphrase")).unwrap()),
            ),
            (
                "recovery code",
                Box::new(|v: &Vault| v.unlock_with_recovery_code(text("recovery_code")).unwrap()),
            ),
            (
                "device",
                Box::new(|v: &Vault| {
                    v.unlock_with_device(TestDeviceStore::new(hex32(&text("device_key_hex"))))
                        .unwrap()
                }),
            ),
        ];
        for (how, unlock) in unlockers {
            let (_dir, path) = copy_of(fixture);
            let vault = Vault::open(path_str(&path)).unwrap_or_else(|e| panic!("v{version}: {e}"));
            unlock(&vault);
            check_contents(&vault, description);
            // Still writable after opening (and migrating), and still readable after.
            let added = vault
                .journal()
                .add(draft(
                    "written after the upgrade",
                    "2026-11-26T10:00:00+01:00",
                ))
                .unwrap();
            let checkin = vault
                .checkins()
                .add(CheckInData {
                    energy: Some(0.5),
                    ..checkin_at("2026-11-26T10:00:00+01:00")
                })
                .unwrap();
            drop(vault);
            let vault = Vault::open(path_str(&path)).unwrap();
            unlock(&vault);
            assert_eq!(
                vault.journal().get(added.id).unwrap().body,
                "written after the upgrade",
                "v{version} via {how}"
            );
            assert_eq!(
                vault.checkins().get(checkin.id).unwrap().data.energy,
                Some(0.5)
            );
        }
    }
}

#[test]
fn fixtures_are_read_without_being_modified() {
    for (_, fixture, _) in fixtures() {
        let before = std::fs::read(&fixture).unwrap();
        let (_dir, path) = copy_of(&fixture);
        drop(Vault::open(path_str(&path)).unwrap());
        assert_eq!(std::fs::read(&fixture).unwrap(), before);
    }
}

fn checkin_at(at: &str) -> CheckInData {
    CheckInData::new(moment(at))
}

#[test]
#[ignore = "writes a new frozen fixture; run by hand once per released format"]
fn write_fixture_for_the_current_format() {
    let path = fixtures_dir().join(format!("vault-v{FORMAT_VERSION}.db"));
    assert!(
        !path.exists(),
        "fixtures are frozen: {} already exists",
        path.display()
    );
    let passphrase = format!("fixture passphrase v{FORMAT_VERSION}: still here next year");
    let device_key_hex = "52657370697465207465737420646576696365206b657920666f722076312e30";
    let vault = Vault::create(
        path_str(&path),
        passphrase.clone(),
        Some(MIN_KDF_ITERATIONS),
    )
    .unwrap();
    let current = || CurrentSecret::Passphrase {
        passphrase: passphrase.clone(),
    };
    let recovery_code = vault.create_recovery_code(current()).unwrap();
    vault
        .add_device_slot(current(), TestDeviceStore::new(hex32(device_key_hex)))
        .unwrap();
    assert_eq!(vault.key_slots().unwrap().len(), 3);
    assert!(vault
        .key_slots()
        .unwrap()
        .iter()
        .any(|s| s.kind == KeySlotKind::Device));
    let settings = Settings {
        day_start_hour: 4,
        ..Settings::default()
    };
    vault.update_settings(settings.clone()).unwrap();

    let journal = vault.journal();
    let reflection = SessionReflection {
        intensity: Some(8),
        activation_before: Some(7),
        activation_after: Some(4),
        feelings: vec!["heavy".into(), "shaken".into()],
        body_sensations: vec!["tight-chest".into()],
        needs: vec!["pause".into()],
        practice: Some("box-breathing".into()),
    };
    let drafts = [
        (
            JournalKind::AfterSession,
            Some("After the 2 pm session"),
            "Felt it in my chest.\nBox breathing for two minutes helped a little.",
            vec!["heavy"],
            vec!["box-breathing"],
            Some(reflection),
            "2026-03-03T14:55:00+01:00",
        ),
        (
            JournalKind::AfterSession,
            None,
            "",
            vec![],
            vec![],
            Some(SessionReflection {
                intensity: Some(4),
                ..Default::default()
            }),
            "2026-03-03T16:10:00+01:00",
        ),
        (
            JournalKind::Transition,
            None,
            "Parked: the report for Thursday. Pick it up at 9 at my desk.",
            vec![],
            vec![],
            None,
            "2026-03-03T17:40:00+01:00",
        ),
        (
            JournalKind::Evening,
            Some("Evening"),
            "Work followed me home a bit. Walked the long way — ça va mieux. 🌙",
            vec!["walk"],
            vec!["evening-walk"],
            None,
            "2026-03-03T21:10:00+01:00",
        ),
        (
            JournalKind::Free,
            None,
            "Night shift: the ward was calm after 2 am.",
            vec!["night-shift"],
            vec![],
            None,
            "2026-03-29T03:30:00+02:00",
        ),
        (
            JournalKind::Free,
            Some("Travel"),
            "Written on the way to the conference.",
            vec![],
            vec![],
            None,
            "2026-04-12T08:00:00-04:00",
        ),
    ];
    for (kind, title, body, tags, practices, reflection, at) in drafts {
        journal
            .add(JournalDraft {
                kind,
                moment: moment(at),
                title: title.map(str::to_owned),
                body: body.to_owned(),
                tags: tags.into_iter().map(str::to_owned).collect(),
                practice_ids: practices.into_iter().map(str::to_owned).collect(),
                reflection,
            })
            .unwrap();
    }
    let edited = journal
        .list(0, 10)
        .unwrap()
        .entries
        .last()
        .unwrap()
        .id
        .clone();
    journal
        .edit(
            edited,
            JournalUpdate {
                body: Some("Felt it in my chest, then less after breathing.".into()),
                ..Default::default()
            },
        )
        .unwrap();

    let checkins = vault.checkins();
    checkins
        .add(full_checkin("2026-03-03T21:30:00+01:00"))
        .unwrap();
    checkins
        .add(CheckInData {
            pleasantness: Some(0.6),
            ..checkin_at("2026-03-29T02:45:00+02:00")
        })
        .unwrap();

    let plan = vault.plan();
    let first_plan = Plan {
        values: vec!["Steady company on hard days".into()],
        supports_in_place: vec!["Reflective supervision every other week".into()],
        boundaries: vec!["No notes after 7 pm".into()],
        warning_signs: vec![WarningSign {
            area: SignArea::Physical,
            text: "Jaw clenched by noon".into(),
        }],
        emergency: EmergencyPlan {
            helps_me_settle: vec!["Cold water on my wrists".into()],
            kind_words: vec!["I did enough today.".into()],
            avoid: vec![],
            contacts: vec![Contact {
                name: "Sam".into(),
                how: "text first".into(),
            }],
            professional_help: vec!["EAP line".into()],
        },
        practices: vec![
            Practice {
                id: "box-breathing".into(),
                name: "Box breathing".into(),
                domain: PracticeDomain::Emotional,
                context: PracticeContext::Workday,
                status: PracticeStatus::Current,
                frequency: Frequency::AfterHardSessions,
                barrier: Some("Back-to-back sessions".into()),
                workaround: Some("Two breaths at the door".into()),
            },
            Practice {
                id: "evening-walk".into(),
                name: "Evening walk".into(),
                domain: PracticeDomain::Physical,
                context: PracticeContext::PersonalLife,
                status: PracticeStatus::WantToStart,
                frequency: Frequency::TimesPerWeek { times: 3 },
                barrier: None,
                workaround: None,
            },
        ],
        review_date: Some("2026-06-01".into()),
        review_note: None,
        ..Plan::default()
    };
    plan.save(first_plan.clone()).unwrap();
    let mut second_plan = first_plan.clone();
    second_plan.practices[1].status = PracticeStatus::Current;
    second_plan.review_note = Some("Walking helps more than I expected.\nSupervision too.".into());
    plan.save(second_plan.clone()).unwrap();
    let prompts = vault.prompts();
    let mut schedule = WorkSchedule::default();
    schedule.shifts.push(WeeklyShift {
        day: DayOfWeek::Saturday,
        times: ShiftTimes {
            start: ClockTime::new(22, 0),
            end: ClockTime::new(7, 0),
        },
    });
    schedule.exceptions.push(ScheduleException {
        from_day: "2026-12-24".into(),
        to_day: "2026-12-26".into(),
        kind: ExceptionKind::Vacation,
        shift: None,
    });
    schedule.time_zone = Some("Europe/Berlin".into());
    schedule.prompts.checkin_reminders = vec![ClockTime::new(12, 30)];
    let schedule = prompts.set_schedule(schedule).unwrap();
    prompts.skip("evening:2026-03-02".into()).unwrap();
    let transition = prompts
        .save_transition(
            moment("2026-03-02T17:20:00+01:00"),
            TransitionAnswers {
                parked: vec![
                    ParkedItemDraft {
                        what: "Referral letter".into(),
                        when: Some("Tuesday 9:00".into()),
                        place: Some("desk".into()),
                    },
                    ParkedItemDraft {
                        what: "Return the crisis call".into(),
                        when: None,
                        place: None,
                    },
                ],
                pleasantness: Some(-0.3),
                energy: Some(0.25),
                feelings: vec!["drained".into()],
                set_down: Some("The argument in the corridor".into()),
                went_well: vec!["Lunch outside".into(), "A client's small win".into()],
                who_at_home: Some("A patient parent".into()),
                first_thing: Some("Tea".into()),
                end_of_day_signal: Some("Changed clothes".into()),
                practice: Some("box-breathing".into()),
            },
        )
        .unwrap();
    prompts
        .mark_parked_done(transition.id.clone(), "p1".into())
        .unwrap();
    prompts
        .save_evening_check(
            moment("2026-03-02T20:30:00+01:00"),
            EveningAnswers {
                detachment: Some(2),
                work_intrusion: Some(3),
                pleasantness: Some(0.1),
                note: None,
                ..EveningAnswers::default()
            },
        )
        .unwrap();
    let entries: Vec<Value> = journal
        .list(0, 100)
        .unwrap()
        .entries
        .iter()
        .map(|e| describe_entry(&journal, e))
        .collect();
    let checkin_values: Vec<Value> = checkins
        .list(None, None, 0, 100)
        .unwrap()
        .checkins
        .iter()
        .map(describe_checkin)
        .collect();
    drop((journal, checkins, plan, prompts, vault));
    let description = json!({
        "format_version": FORMAT_VERSION,
        "passphrase": passphrase,
        "recovery_code": recovery_code,
        "device_key_hex": device_key_hex,
        "device_store": "AES-256-GCM under device_key_hex, sealed = nonce(12) || ciphertext || tag(16)",
        "settings": { "day_start_hour": settings.day_start_hour },
        "entries": entries,
        "checkins": checkin_values,
        "schedule_text": schedule_to_text(schedule),
        "plan": {
            "revisions": 2,
            "first_text": plan_to_text(first_plan),
            "current_text": plan_to_text(second_plan),
        },
    });
    std::fs::write(
        path.with_extension("json"),
        serde_json::to_string_pretty(&description).unwrap() + "\n",
    )
    .unwrap();
}

/// The frozen backup and export fixtures: made from the newest vault fixture, with the
/// passphrase in `backup-vN.json`. A new backup or export format adds its own files.
const BACKUP_FIXTURES: [(&str, &str); 2] = [
    ("backup-v1.respite", "backup-v1.json"),
    ("backup-v2.respite", "backup-v2.json"),
];
/// Each frozen export and the vault fixture it was made from.
const EXPORT_FIXTURES: [(&str, &str); 1] = [("export-v1.json", "vault-v3.db")];

fn newest_vault_fixture() -> (PathBuf, Value) {
    let (_, path, description) = fixtures().pop().unwrap();
    (path, description)
}

#[test]
fn every_frozen_backup_restores_the_vault_it_was_made_from() {
    for (backup, about) in BACKUP_FIXTURES {
        let about: Value =
            serde_json::from_str(&std::fs::read_to_string(fixtures_dir().join(about)).unwrap())
                .unwrap();
        let source = fixtures_dir().join(about["vault"].as_str().unwrap());
        let description: Value =
            serde_json::from_str(&std::fs::read_to_string(source.with_extension("json")).unwrap())
                .unwrap();
        let passphrase = about["passphrase"].as_str().unwrap().to_owned();
        let backup = path_str(&fixtures_dir().join(backup));
        let summary = respite_core::verify_backup(backup.clone(), passphrase.clone()).unwrap();
        assert_eq!(
            summary.journal_entries as usize,
            description["entries"].as_array().unwrap().len()
        );
        let (_dir, path) = vault_path();
        respite_core::restore_backup(
            backup,
            passphrase,
            path_str(&path),
            PASSPHRASE.into(),
            Some(MIN_KDF_ITERATIONS),
        )
        .unwrap();
        let vault = Vault::open(path_str(&path)).unwrap();
        vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
        check_contents(&vault, &description);
    }
}

#[test]
fn every_frozen_export_imports_the_vault_it_was_made_from() {
    for (export, source) in EXPORT_FIXTURES {
        let description: Value = serde_json::from_str(
            &std::fs::read_to_string(fixtures_dir().join(source).with_extension("json")).unwrap(),
        )
        .unwrap();
        let (_dir, path) = vault_path();
        let vault = new_vault(&path);
        let report = vault
            .import_file(
                respite_core::ImportFormat::Respite,
                path_str(&fixtures_dir().join(export)),
                "UTC".into(),
            )
            .unwrap();
        assert_eq!(report.skipped, 0);
        check_contents(&vault, &description);
    }
}

#[test]
#[ignore = "writes the frozen backup and export fixtures; run by hand once per released format"]
fn write_backup_and_export_fixtures() {
    let (fixture, description) = newest_vault_fixture();
    let (_dir, path) = copy_of(&fixture);
    let vault = Vault::open(path_str(&path)).unwrap();
    vault
        .unlock_with_passphrase(description["passphrase"].as_str().unwrap().into())
        .unwrap();
    // The newest backup format, at the default key derivation (Argon2id from format 2).
    let passphrase = "fixture backup passphrase v2: kept for years";
    let (backup, about) = BACKUP_FIXTURES[BACKUP_FIXTURES.len() - 1];
    let backup = fixtures_dir().join(backup);
    assert!(!backup.exists(), "frozen fixtures are never regenerated");
    vault
        .create_backup(path_str(&backup), passphrase.into(), None)
        .unwrap();
    let about_json = json!({
        "passphrase": passphrase,
        "vault": fixture.file_name().unwrap().to_str().unwrap(),
    });
    std::fs::write(
        fixtures_dir().join(about),
        serde_json::to_string_pretty(&about_json).unwrap() + "\n",
    )
    .unwrap();
    let export = fixtures_dir().join(EXPORT_FIXTURES[EXPORT_FIXTURES.len() - 1].0);
    if !export.exists() {
        vault
            .export(respite_core::ExportFormat::Json, path_str(&export))
            .unwrap();
    }
}
