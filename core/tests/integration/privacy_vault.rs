//! The identifier check through a vault: the allow-list is sealed, survives locking,
//! travels in backups and JSON exports, and every typed check names its fields.

use crate::common::*;
use respite_core::{
    restore_backup, CheckInData, DraftField, EveningAnswers, ExportFormat, FindingKind,
    ParkedItemDraft, Plan, RespiteError, TransitionAnswers, MIN_KDF_ITERATIONS,
};

const NOTE: &str = "supervision with client Priya Shah, then Mrs Adeyemi (72) cried";

#[test]
fn the_allow_list_silences_a_word_until_it_is_removed() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let privacy = vault.privacy();
    let names = |text: &str| -> Vec<String> {
        privacy
            .check(text.into())
            .unwrap()
            .findings
            .into_iter()
            .map(|f| f.text)
            .collect()
    };
    assert!(
        names(NOTE).contains(&"Priya Shah".to_owned()),
        "{:?}",
        names(NOTE)
    );
    assert!(privacy.allow("  Priya ".into()).unwrap());
    assert!(
        !privacy.allow("priya".into()).unwrap(),
        "the same word twice"
    );
    assert_eq!(privacy.allowed().unwrap(), vec!["priya".to_owned()]);
    assert!(
        !names(NOTE).iter().any(|n| n.contains("Priya")),
        "{:?}",
        names(NOTE)
    );
    assert!(names(NOTE).contains(&"Mrs Adeyemi".to_owned()));
    // Sealed: the word is nowhere in the files.
    assert!(!found_in_vault_files(&path, b"priya"));
    // It survives locking and unlocking, and a locked vault refuses to check.
    vault.lock();
    assert!(matches!(
        privacy.check(NOTE.into()),
        Err(RespiteError::Locked)
    ));
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    assert_eq!(privacy.allowed().unwrap(), vec!["priya".to_owned()]);
    assert!(privacy.remove_allowed("PRIYA".into()).unwrap());
    assert!(!privacy.remove_allowed("priya".into()).unwrap());
    assert!(names(NOTE).contains(&"Priya Shah".to_owned()));
    assert!(matches!(
        privacy.allow("   ".into()),
        Err(RespiteError::InvalidInput { .. })
    ));
}

#[test]
fn the_allow_list_travels_in_backups_and_exports() {
    let (dir, path) = vault_path();
    let vault = new_vault(&path);
    vault.privacy().allow("St Vincent's".into()).unwrap();
    let backup = dir.path().join("backup.respite");
    vault
        .create_backup(
            path_str(&backup),
            PASSPHRASE.into(),
            Some(MIN_KDF_ITERATIONS),
        )
        .unwrap();
    let restored = dir.path().join("restored.db");
    restore_backup(
        path_str(&backup),
        PASSPHRASE.into(),
        path_str(&restored),
        PASSPHRASE.into(),
        Some(MIN_KDF_ITERATIONS),
    )
    .unwrap();
    let again = respite_core::Vault::open(path_str(&restored)).unwrap();
    again.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    assert_eq!(
        again.privacy().allowed().unwrap(),
        vec!["st vincent's".to_owned()]
    );
    let export = dir.path().join("export.json");
    vault.export(ExportFormat::Json, path_str(&export)).unwrap();
    assert!(std::fs::read_to_string(export)
        .unwrap()
        .contains("st vincent's"));
}

#[test]
fn typed_checks_name_every_free_text_field() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let privacy = vault.privacy();
    let fields = |reports: Vec<respite_core::FieldReport>| -> Vec<String> {
        reports
            .into_iter()
            .filter(|r| !r.findings.is_empty())
            .map(|r| r.field)
            .collect()
    };
    let transition = TransitionAnswers {
        parked: vec![ParkedItemDraft {
            what: "ring Mrs Adeyemi's daughter".into(),
            when: Some("Monday 9am".into()),
            place: Some("Oakwood Care Home".into()),
        }],
        set_down: Some("what pt marek said".into()),
        went_well: vec![
            "a good laugh with the team".into(),
            "DOB 14/03/1997 sorted".into(),
        ],
        ..Default::default()
    };
    assert_eq!(
        fields(privacy.check_transition(transition).unwrap()),
        ["parked 1", "parked 1 where", "set down", "went well 2"]
    );
    let mut checkin: CheckInData = full_checkin("2026-11-30T18:00:00+00:00");
    checkin.note = Some("thinking of Owen's dad".into());
    assert_eq!(fields(privacy.check_checkin(checkin).unwrap()), ["note"]);
    let evening = EveningAnswers {
        note: Some("call 07700 900123 tomorrow".into()),
        ..Default::default()
    };
    assert_eq!(fields(privacy.check_evening(evening).unwrap()), ["note"]);
    let mut entry = draft(
        "my client Jamal (15) was brave",
        "2026-11-30T18:00:00+00:00",
    );
    entry.title = Some("Session with Jamal".into());
    entry.tags = vec!["hard day".into(), "Jamal".into()];
    assert_eq!(
        fields(privacy.check_journal(entry).unwrap()),
        ["title", "body", "tag 2"]
    );
    let mut plan = Plan::default();
    plan.emergency.contacts = vec![respite_core::Contact {
        name: "Dr Ruth Okafor".into(),
        how: "07700 900456".into(),
    }];
    plan.people = vec!["Mrs Kaur next door".into()];
    plan.triggers = vec!["clients like Mr Haddad who shout".into()];
    assert_eq!(fields(privacy.check_plan(plan).unwrap()), ["trigger 1"]);
    // The generic call reports each field in the order given, with UTF-16 offsets.
    let reports = privacy
        .check_draft(vec![
            DraftField {
                field: "a".into(),
                text: "nothing here".into(),
            },
            DraftField {
                field: "b".into(),
                text: "😊 Mrs Adeyemi".into(),
            },
        ])
        .unwrap();
    assert_eq!(reports.len(), 2);
    assert!(reports[0].findings.is_empty());
    let f = &reports[1].findings[0];
    assert_eq!((f.kind, f.start, f.end), (FindingKind::PersonName, 3, 14));
    assert_eq!(reports[1].redacted, "😊 [name]");
}

#[test]
fn redactions_are_written_back_by_field_name() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let privacy = vault.privacy();
    let answers = TransitionAnswers {
        parked: vec![ParkedItemDraft {
            what: "ring Mrs Adeyemi's daughter".into(),
            when: Some("Monday".into()),
            place: Some("Oakwood Care Home".into()),
        }],
        set_down: Some("what pt marek said".into()),
        ..Default::default()
    };
    let one = privacy
        .redact_transition(answers.clone(), vec!["parked 1 where".into()])
        .unwrap();
    assert_eq!(one.parked[0].place.as_deref(), Some("[place]"));
    assert_eq!(one.parked[0].what, "ring Mrs Adeyemi's daughter");
    assert_eq!(one.set_down, answers.set_down);
    let all = privacy.redact_transition(answers, vec![]).unwrap();
    assert_eq!(all.parked[0].what, "ring [name]'s daughter");
    assert_eq!(all.set_down.as_deref(), Some("what pt [name] said"));
    assert_eq!(all.parked[0].when.as_deref(), Some("Monday"));
    // An allowed word is left as it is.
    privacy.allow("Adeyemi".into()).unwrap();
    let plan = Plan {
        triggers: vec!["Mrs Adeyemi shouting".into(), "Mr Haddad shouting".into()],
        ..Plan::default()
    };
    let plan = privacy.redact_plan(plan, vec![]).unwrap();
    assert_eq!(plan.triggers, ["Mrs Adeyemi shouting", "[name] shouting"]);
}

/// Respite's own starter content never looks like a client detail.
#[test]
fn the_starter_plan_content_is_not_flagged() {
    for s in respite_core::plan_suggestions() {
        let mut texts = vec![s.text.clone()];
        if let Some(p) = &s.practice {
            texts.push(p.name.clone());
            texts.extend(p.barrier.clone());
            texts.extend(p.workaround.clone());
        }
        for text in texts {
            let found = respite_core::privacy_check(text.clone()).findings;
            assert!(found.is_empty(), "{text:?}: {found:?}");
        }
    }
}
