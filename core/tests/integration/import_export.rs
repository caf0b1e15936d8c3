//! Exports (JSON, CSV, Markdown) and imports (Respite JSON, Daylio CSV, Day One JSON
//! and zip): round trips, the mapping of other apps' fields, idempotence, and refusal
//! of malformed files without a change.

use crate::common::*;
use respite_core::{
    plan_suggestions, plan_with_suggestion, ExportFormat, ImportFormat, ImportReport,
    JournalUpdate, Plan, RespiteError, SessionReflection, Vault,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/import")
        .join(name)
}

/// Every entry (with history) and check-in, by content rather than id.
fn contents(vault: &Vault) -> (Vec<String>, Vec<String>) {
    let journal = vault.journal();
    let mut entries: Vec<String> = journal
        .list(0, 1000)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| {
            let history = journal.history(e.id.clone()).unwrap().len();
            format!(
                "{} {:?} {:?} {:?} {:?} {:?} {:?} {history}",
                e.local_day, e.kind, e.title, e.body, e.tags, e.reflection, e.moment
            )
        })
        .collect();
    entries.sort();
    let mut checkins: Vec<String> = vault
        .checkins()
        .list(None, None, 0, 1000)
        .unwrap()
        .checkins
        .into_iter()
        .map(|c| format!("{} {:?}", c.local_day, c.data))
        .collect();
    checkins.sort();
    (entries, checkins)
}

/// Wall-clock hours and minutes of a moment.
fn local_hm(m: &respite_core::LocalMoment) -> String {
    (m.at + chrono::Duration::minutes(i64::from(m.utc_offset_minutes)))
        .format("%H:%M")
        .to_string()
}

fn sample_vault(path: &Path) -> Arc<Vault> {
    let vault = new_vault(path);
    let entry = vault
        .journal()
        .add(respite_core::JournalDraft {
            kind: respite_core::JournalKind::AfterSession,
            title: Some("Intake | *hard*".into()),
            reflection: Some(SessionReflection {
                intensity: Some(8),
                feelings: vec!["drained".into()],
                ..SessionReflection::default()
            }),
            ..draft(
                "Heavy story, \"stayed\" with me.\nWalked it off.",
                "2026-05-04T18:00:00+02:00",
            )
        })
        .unwrap();
    vault
        .journal()
        .edit(
            entry.id,
            JournalUpdate {
                tags: Some(vec!["supervision".into()]),
                ..JournalUpdate::default()
            },
        )
        .unwrap();
    vault
        .checkins()
        .add(full_checkin("2026-05-04T21:00:00+02:00"))
        .unwrap();
    let walk = plan_suggestions()
        .into_iter()
        .find(|s| s.id == "evening-walk")
        .unwrap();
    vault
        .plan()
        .save(plan_with_suggestion(Plan::default(), walk))
        .unwrap();
    vault
}

#[test]
fn the_json_export_imports_back_losslessly_and_idempotently() {
    let (dir, path) = vault_path();
    let vault = sample_vault(&path);
    let out = dir.path().join("export.json");
    let summary = vault.export(ExportFormat::Json, path_str(&out)).unwrap();
    assert_eq!(
        summary.records,
        1 + 1 + 1 + 1,
        "entry, its revision, check-in, plan"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["format"], "respite-export");
    assert_eq!(json["version"], 1);
    assert_eq!(json["records"][0]["type"], "journal_entry");
    assert_eq!(json["records"][0]["payload"]["kind"], "after-session");

    let (_dir2, other_path) = vault_path();
    let other = new_vault(&other_path);
    let report = other
        .import_file(ImportFormat::Respite, path_str(&out), "UTC".into())
        .unwrap();
    assert_eq!(report.imported, 3, "{report:?}");
    assert_eq!(contents(&other), contents(&vault));
    assert_eq!(
        other.plan().current().unwrap().plan,
        vault.plan().current().unwrap().plan
    );
    let again = other
        .import_file(ImportFormat::Respite, path_str(&out), "UTC".into())
        .unwrap();
    assert_eq!((again.imported, again.merged), (0, 0), "{again:?}");
    assert_eq!(contents(&other), contents(&vault));
    // Refuses to overwrite.
    assert_eq!(
        vault.export(ExportFormat::Json, path_str(&out)),
        Err(RespiteError::AlreadyExists)
    );
}

#[test]
fn csv_and_markdown_exports_read_well() {
    let (dir, path) = vault_path();
    let vault = sample_vault(&path);
    let csv = dir.path().join("checkins.csv");
    assert_eq!(
        vault
            .export(ExportFormat::Csv, path_str(&csv))
            .unwrap()
            .records,
        1
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("id,local_day,local_time,utc_offset_minutes,pleasantness"));
    let row = lines.next().unwrap();
    assert!(row.contains(",2026-05-04,2026-05-04T21:00:00+02:00,120,-0.4,0.25,drained;on-edge,reacting,3,6.5,2,2,3,1,4,3,,evening-walk,home,false,"), "{row}");
    assert!(
        row.ends_with("\"Long day. The walk helped a little.\"")
            || row.ends_with("Long day. The walk helped a little.")
    );

    let md = dir.path().join("journal.md");
    vault.export(ExportFormat::Markdown, path_str(&md)).unwrap();
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# My Respite journal"));
    assert!(text.contains("## 2026-05-04"));
    assert!(
        text.contains("### 18:00 · after session · Intake \\| \\*hard\\*"),
        "{text}"
    );
    assert!(text.contains("- Intensity: 8 of 10"));
    assert!(text.contains("- Feelings: "));
    assert!(text.contains("Walked it off."));
    assert!(text.contains("# My self-care plan"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&md).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

fn import(vault: &Vault, format: ImportFormat, file: &Path) -> ImportReport {
    vault
        .import_file(format, path_str(file), "Europe/Berlin".into())
        .unwrap()
}

fn no_content_in_notes(report: &ImportReport, words: &[&str]) {
    for note in &report.notes {
        for w in words {
            assert!(!note.reason.contains(w), "{note:?}");
        }
    }
}

#[test]
fn a_daylio_export_becomes_check_ins_and_entries_once() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    // The plan names a practice like a Daylio activity.
    let walk = plan_suggestions()
        .into_iter()
        .find(|s| s.id == "evening-walk")
        .unwrap();
    vault
        .plan()
        .save(plan_with_suggestion(Plan::default(), walk))
        .unwrap();
    let report = import(&vault, ImportFormat::Daylio, &fixture("daylio_export.csv"));
    // 6 readable rows: 6 check-ins; 4 of them have notes or activities.
    assert_eq!(report.imported, 6 + 4, "{report:?}");
    assert_eq!(report.skipped, 2, "{report:?}");
    assert!(report
        .notes
        .iter()
        .any(|n| n.place == "row 7" && n.reason.contains("YYYY-MM-DD")));
    assert!(report.notes.iter().any(|n| n.reason.contains("mood name")));
    no_content_in_notes(&report, &["kids", "session", "worn", "clinic"]);

    let checkins = vault.checkins().list(None, None, 0, 100).unwrap().checkins;
    let on = |day: &str| checkins.iter().find(|c| c.local_day == day).unwrap();
    assert_eq!(on("2026-04-28").data.pleasantness, Some(1.0));
    assert_eq!(on("2026-04-29").data.pleasantness, Some(-1.0));
    let evening = checkins
        .iter()
        .find(|c| c.data.practices == vec!["evening-walk".to_owned()])
        .expect("the activity named like the plan's practice");
    assert_eq!(evening.data.pleasantness, Some(0.5));
    assert_eq!(evening.data.moment.utc_offset_minutes, 120);
    let custom = on("2026-04-27");
    assert_eq!(custom.data.pleasantness, None);
    assert_eq!(custom.data.note.as_deref(), Some("Daylio mood: worn out"));

    let entries = vault.journal().list(0, 100).unwrap().entries;
    let hard = entries
        .iter()
        .find(|e| e.title.as_deref() == Some("Hard day"))
        .unwrap();
    assert_eq!(
        hard.body,
        "A session stayed with me all evening.\nI said \"enough\" at 10 and went to bed."
    );
    assert_eq!(hard.tags, vec!["work", "bad sleep"]);
    assert_eq!(local_hm(&hard.moment), "20:40");
    let clinic = entries
        .iter()
        .find(|e| e.title.as_deref() == Some("Long clinic"))
        .unwrap();
    assert_eq!(clinic.body, "Back-to-back sessions.\nSkipped lunch again.");

    // Again: nothing new, nothing changed.
    let before = contents(&vault);
    let again = import(&vault, ImportFormat::Daylio, &fixture("daylio_export.csv"));
    assert_eq!(
        (again.imported, again.merged, again.unchanged),
        (0, 0, 10),
        "{again:?}"
    );
    assert_eq!(contents(&vault), before);

    // The note changed in Daylio: the entry is updated, the earlier text kept in history.
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("edited.csv");
    let text = std::fs::read_to_string(fixture("daylio_export.csv"))
        .unwrap()
        .replace("Skipped lunch again.", "Skipped lunch again. Ate at four.");
    std::fs::write(&edited, text).unwrap();
    let third = import(&vault, ImportFormat::Daylio, &edited);
    assert_eq!((third.imported, third.merged), (0, 1), "{third:?}");
    let clinic = vault.journal().get(clinic.id.clone()).unwrap();
    assert!(clinic.body.ends_with("Ate at four."));
    assert_eq!(vault.journal().history(clinic.id).unwrap().len(), 1);
}

#[test]
fn a_day_one_export_imports_from_json_or_zip_as_the_same_entries() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let report = import(
        &vault,
        ImportFormat::DayOne,
        &fixture("dayone_export/Journal.json"),
    );
    assert_eq!((report.imported, report.skipped), (2, 1), "{report:?}");
    assert!(report.notes.iter().any(|n| n.reason.contains("photos")));
    assert!(report
        .notes
        .iter()
        .any(|n| n.reason.contains("where you were")));
    no_content_in_notes(&report, &["Berlin", "Hauptbahnhof", "shift", "train"]);
    let entries = vault.journal().list(0, 10).unwrap().entries;
    let shift = entries
        .iter()
        .find(|e| e.title.as_deref() == Some("After a long shift"))
        .unwrap();
    assert_eq!(
        shift.body,
        "I kept thinking about the last session on the train. Breathing helped (a bit).\n\n\nTomorrow: supervision at 9."
    );
    assert_eq!(shift.tags, vec!["work", "commute"]);
    assert_eq!(
        shift.moment.utc_offset_minutes, 120,
        "Berlin in summer time"
    );
    assert_eq!(shift.local_day, "2026-04-29");
    let pages = entries
        .iter()
        .find(|e| e.body.starts_with("Morning pages"))
        .unwrap();
    assert_eq!(
        pages.moment.utc_offset_minutes, -240,
        "New York in summer time"
    );
    assert!(pages.body.contains("Slept better — seven hours."));

    // The zip holds the same entries: nothing new.
    let from_zip = import(&vault, ImportFormat::DayOne, &fixture("dayone_export.zip"));
    assert_eq!(
        (from_zip.imported, from_zip.merged, from_zip.unchanged),
        (0, 0, 2),
        "{from_zip:?}"
    );
    // And into a fresh vault, the zip alone gives the same.
    let (_dir2, path2) = vault_path();
    let fresh = new_vault(&path2);
    import(&fresh, ImportFormat::DayOne, &fixture("dayone_export.zip"));
    assert_eq!(contents(&fresh), contents(&vault));
}

#[test]
fn malformed_files_are_refused_and_change_nothing() {
    let (dir, path) = vault_path();
    let vault = sample_vault(&path);
    let before = contents(&vault);
    let file = dir.path().join("input");
    let zip = std::fs::read(fixture("dayone_export.zip")).unwrap();
    let json = std::fs::read(fixture("dayone_export/Journal.json")).unwrap();
    let cases: Vec<(ImportFormat, Vec<u8>)> = vec![
        (ImportFormat::Daylio, b"not,a,daylio\nfile,at,all\n".to_vec()),
        (ImportFormat::Daylio, b"\xff\xfe binary".to_vec()),
        (ImportFormat::Daylio, b"full_date,time,mood,note\n2026-04-01,10:00,good,\"open".to_vec()),
        (ImportFormat::DayOne, json[..json.len() / 2].to_vec()),
        (ImportFormat::DayOne, zip[..zip.len() - 30].to_vec()),
        (ImportFormat::DayOne, b"{\"entries\": 3}".to_vec()),
        (ImportFormat::Respite, json.clone()),
        (ImportFormat::Respite, b"{\"format\":\"respite-export\",\"version\":99,\"records\":[],\"manifest\":{\"created_at_ms\":0,\"vault_format\":3,\"journal_entries\":0,\"journal_revisions\":0,\"checkins\":0,\"settings\":0,\"plan_revisions\":0}}".to_vec()),
    ];
    for (format, bytes) in cases {
        std::fs::write(&file, &bytes).unwrap();
        let err = vault
            .import_file(format, path_str(&file), "Europe/Berlin".into())
            .unwrap_err();
        assert!(
            matches!(
                err,
                RespiteError::InvalidInput { .. } | RespiteError::UnsupportedFormat { .. }
            ),
            "{format:?}: {err:?}"
        );
        assert_eq!(contents(&vault), before);
    }
    assert!(matches!(
        vault.import_file(ImportFormat::Daylio, path_str(&fixture("daylio_export.csv")), "Mars/Olympus".into()),
        Err(RespiteError::InvalidInput { field, .. }) if field == "time_zone"
    ));
    // An entry's earlier revision without the entry, into an empty vault: refused.
    let out_history = dir.path().join("history.json");
    vault
        .export(ExportFormat::Json, path_str(&out_history))
        .unwrap();
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_history).unwrap()).unwrap();
    let records = json["records"].as_array_mut().unwrap();
    records.retain(|r| r["type"] != "journal_entry");
    json["manifest"]["journal_entries"] = 0.into();
    std::fs::write(&file, json.to_string()).unwrap();
    let (_dir3, empty_path) = vault_path();
    let empty = new_vault(&empty_path);
    assert!(matches!(
        empty.import_file(ImportFormat::Respite, path_str(&file), "UTC".into()),
        Err(RespiteError::Integrity { .. })
    ));
    assert_eq!(contents(&empty), (vec![], vec![]));
    // A Respite export with a record count that does not match its manifest.
    let out = dir.path().join("export.json");
    vault.export(ExportFormat::Json, path_str(&out)).unwrap();
    let text = std::fs::read_to_string(&out)
        .unwrap()
        .replace("\"checkins\":1", "\"checkins\":2");
    std::fs::write(&file, text).unwrap();
    assert!(vault
        .import_file(ImportFormat::Respite, path_str(&file), "UTC".into())
        .is_err());
    assert_eq!(contents(&vault), before);
}
