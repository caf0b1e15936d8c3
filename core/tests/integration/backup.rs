//! Encrypted backups: round trip into a new vault, merge, and refusal of wrong,
//! truncated and tampered backups without touching the target.

use crate::common::*;
use respite_core::{
    plan_suggestions, plan_with_suggestion, restore_backup, verify_backup, JournalUpdate,
    MergeReport, Plan, RespiteError, Settings, Vault, MIN_KDF_ITERATIONS,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const BACKUP_PASSPHRASE: &str = "a different passphrase for backups";

/// Everything a person would miss, in a comparable form.
fn snapshot(vault: &Vault) -> String {
    let journal = vault.journal();
    let mut entries = journal.list(0, 1000).unwrap().entries;
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    let histories: Vec<_> = entries
        .iter()
        .map(|e| journal.history(e.id.clone()).unwrap())
        .collect();
    let mut checkins = vault.checkins().list(None, None, 0, 1000).unwrap().checkins;
    checkins.sort_by(|a, b| a.id.cmp(&b.id));
    let plans: Vec<_> = vault
        .plan()
        .revisions()
        .unwrap()
        .into_iter()
        .map(|r| (r.revision, r.plan))
        .collect();
    format!(
        "{entries:?}\n{histories:?}\n{checkins:?}\n{plans:?}\n{:?}\n{:?}",
        vault.settings().unwrap(),
        vault.prompts().schedule().unwrap()
    )
}

/// A vault with a bit of everything: edited entries, check-ins, settings, schedule
/// and two plan revisions.
fn filled_vault(path: &Path) -> Arc<Vault> {
    let vault = new_vault(path);
    let journal = vault.journal();
    let first = journal
        .add(draft(
            "A hard afternoon; the walk helped.",
            "2026-05-04T18:00:00+02:00",
        ))
        .unwrap();
    journal
        .edit(
            first.id.clone(),
            JournalUpdate {
                body: Some("A hard afternoon; the walk helped a lot.".into()),
                ..JournalUpdate::default()
            },
        )
        .unwrap();
    journal
        .add(draft("Quiet morning.", "2026-05-05T08:10:00+02:00"))
        .unwrap();
    vault
        .checkins()
        .add(full_checkin("2026-05-04T21:00:00+02:00"))
        .unwrap();
    vault
        .update_settings(Settings {
            day_start_hour: 4,
            ..Settings::default()
        })
        .unwrap();
    let mut schedule = vault.prompts().schedule().unwrap();
    schedule.commute_minutes = 35;
    vault.prompts().set_schedule(schedule).unwrap();
    let suggestions = plan_suggestions();
    let plan = plan_with_suggestion(Plan::default(), suggestions[0].clone());
    vault.plan().save(plan.clone()).unwrap();
    vault
        .plan()
        .save(plan_with_suggestion(plan, suggestions[1].clone()))
        .unwrap();
    vault
}

fn backup_of(vault: &Vault, dir: &Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    vault
        .create_backup(
            path_str(&path),
            BACKUP_PASSPHRASE.into(),
            Some(MIN_KDF_ITERATIONS),
        )
        .unwrap();
    path
}

/// A [`filled_vault`] in a temporary directory and a backup of it.
fn filled_and_backed_up() -> (tempfile::TempDir, PathBuf, Arc<Vault>, PathBuf) {
    let (dir, path) = vault_path();
    let vault = filled_vault(&path);
    let backup = backup_of(&vault, dir.path(), "backup.respite");
    (dir, path, vault, backup)
}

fn merge_into(vault: &Vault, backup: &Path) -> MergeReport {
    vault
        .merge_backup(path_str(backup), BACKUP_PASSPHRASE.into())
        .unwrap()
}

fn open_unlocked(path: &Path) -> Arc<Vault> {
    let vault = Vault::open(path_str(path)).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    vault
}

#[test]
fn a_backup_restores_everything_into_a_new_vault() {
    let (dir, _path, vault, backup) = filled_and_backed_up();
    let summary = verify_backup(path_str(&backup), BACKUP_PASSPHRASE.into()).unwrap();
    assert_eq!(
        (
            summary.journal_entries,
            summary.journal_revisions,
            summary.checkins,
            summary.settings,
            summary.plan_revisions,
            summary.damaged_skipped
        ),
        (2, 1, 1, 2, 2, 0)
    );
    let restored_path = dir.path().join("restored.db");
    let report = restore_backup(
        path_str(&backup),
        BACKUP_PASSPHRASE.into(),
        path_str(&restored_path),
        PASSPHRASE.into(),
        Some(MIN_KDF_ITERATIONS),
    )
    .unwrap();
    assert_eq!(
        report,
        MergeReport {
            added: 2 + 1 + 2 + 2,
            history_added: 1,
            ..MergeReport::default()
        }
    );
    let restored = open_unlocked(&restored_path);
    assert_eq!(snapshot(&restored), snapshot(&vault));
    // Search works on restored records.
    let hits = restored
        .journal()
        .search(respite_core::SearchQuery {
            text: "walk".into(),
            from_day: None,
            to_day: None,
            kind: None,
            tag: None,
            limit: 20,
        })
        .unwrap()
        .hits;
    assert_eq!(hits.len(), 2, "the entry and the check-in note");
    // No partial files are left next to the results.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_backup_is_sealed_and_names_no_content() {
    let (_dir, _path, _vault, backup) = filled_and_backed_up();
    let bytes = std::fs::read(&backup).unwrap();
    for needle in ["walk", "afternoon", "Quiet", "evening", "drained"] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{needle} in plaintext"
        );
    }
    assert_eq!(&bytes[..8], b"RSPTBKUP");
}

#[test]
fn wrong_short_or_existing_are_refused_clearly() {
    let (dir, path, vault, backup) = filled_and_backed_up();
    assert_eq!(
        verify_backup(path_str(&backup), "not the passphrase".into()),
        Err(RespiteError::WrongSecret)
    );
    let target = dir.path().join("never.db");
    assert_eq!(
        restore_backup(
            path_str(&backup),
            "not the passphrase".into(),
            path_str(&target),
            PASSPHRASE.into(),
            Some(MIN_KDF_ITERATIONS)
        ),
        Err(RespiteError::WrongSecret)
    );
    assert!(!target.exists());
    assert_eq!(
        restore_backup(
            path_str(&backup),
            BACKUP_PASSPHRASE.into(),
            path_str(&path),
            PASSPHRASE.into(),
            Some(MIN_KDF_ITERATIONS)
        ),
        Err(RespiteError::AlreadyExists)
    );
    assert_eq!(
        vault.create_backup(path_str(&backup), BACKUP_PASSPHRASE.into(), None),
        Err(RespiteError::AlreadyExists)
    );
    assert!(matches!(
        vault.create_backup(path_str(&dir.path().join("b2")), "short".into(), None),
        Err(RespiteError::InvalidInput { field, .. }) if field == "passphrase"
    ));
    assert!(matches!(
        verify_backup(path_str(&path), BACKUP_PASSPHRASE.into()),
        Err(RespiteError::Integrity { detail }) if detail.contains("not a Respite backup")
    ));
    vault.lock();
    assert_eq!(
        vault.create_backup(
            path_str(&dir.path().join("b3")),
            BACKUP_PASSPHRASE.into(),
            None
        ),
        Err(RespiteError::Locked)
    );
}

#[test]
fn truncated_or_tampered_backups_change_nothing() {
    let (dir, _path, vault, backup) = filled_and_backed_up();
    let bytes = std::fs::read(&backup).unwrap();
    let before = snapshot(&vault);
    let bad = dir.path().join("bad.respite");
    let target = dir.path().join("target.db");
    let mut cases: Vec<Vec<u8>> = (0..bytes.len())
        .step_by(bytes.len() / 20 + 1)
        .map(|len| bytes[..len].to_vec())
        .collect();
    for at in (0..bytes.len()).step_by(bytes.len() / 20 + 1) {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x01;
        cases.push(flipped);
    }
    for case in cases {
        std::fs::write(&bad, &case).unwrap();
        let err = verify_backup(path_str(&bad), BACKUP_PASSPHRASE.into()).unwrap_err();
        assert!(
            matches!(
                err,
                RespiteError::Integrity { .. }
                    | RespiteError::WrongSecret
                    | RespiteError::UnsupportedFormat { .. }
            ),
            "{err:?}"
        );
        assert!(restore_backup(
            path_str(&bad),
            BACKUP_PASSPHRASE.into(),
            path_str(&target),
            PASSPHRASE.into(),
            Some(MIN_KDF_ITERATIONS)
        )
        .is_err());
        assert!(!target.exists(), "a failed restore leaves no vault");
        assert!(vault
            .merge_backup(path_str(&bad), BACKUP_PASSPHRASE.into())
            .is_err());
        assert_eq!(snapshot(&vault), before, "a failed merge changes nothing");
    }
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("partial")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn merging_keeps_the_newest_and_both_sides_of_a_conflict() {
    let (dir, path) = vault_path();
    let phone = filled_vault(&path);
    let backup = backup_of(&phone, dir.path(), "backup.respite");
    // A laptop restored from that backup, then both change.
    let laptop_path = dir.path().join("laptop.db");
    restore_backup(
        path_str(&backup),
        BACKUP_PASSPHRASE.into(),
        path_str(&laptop_path),
        PASSPHRASE.into(),
        Some(MIN_KDF_ITERATIONS),
    )
    .unwrap();
    let laptop = open_unlocked(&laptop_path);
    let entries = phone.journal().list(0, 10).unwrap().entries;
    let edited = entries.iter().find(|e| e.body.contains("walk")).unwrap();
    let quiet = entries.iter().find(|e| e.body.contains("Quiet")).unwrap();
    let edit = |vault: &Vault, id: &str, body: &str| {
        vault
            .journal()
            .edit(
                id.to_owned(),
                JournalUpdate {
                    body: Some(body.into()),
                    ..JournalUpdate::default()
                },
            )
            .unwrap()
    };
    // The same entry edited differently on both: a conflict.
    edit(&phone, &edited.id, "Phone's version.");
    edit(&laptop, &edited.id, "Laptop's version.");
    // Another entry edited only on the laptop: newer there.
    edit(&laptop, &quiet.id, "Quiet morning, then rain.");
    let new_on_laptop = laptop
        .journal()
        .add(draft("Written on the laptop.", "2026-05-06T20:00:00+02:00"))
        .unwrap();
    let laptop_backup = backup_of(&laptop, dir.path(), "laptop.respite");
    let report = phone
        .merge_backup(path_str(&laptop_backup), BACKUP_PASSPHRASE.into())
        .unwrap();
    assert_eq!(report.added, 1, "{report:?}");
    assert_eq!(report.updated, 1, "{report:?}");
    assert_eq!(report.conflicts_copied, 1, "{report:?}");
    let journal = phone.journal();
    assert_eq!(
        journal.get(quiet.id.clone()).unwrap().body,
        "Quiet morning, then rain."
    );
    assert_eq!(journal.history(quiet.id.clone()).unwrap().len(), 1);
    assert_eq!(
        journal.get(edited.id.clone()).unwrap().body,
        "Phone's version."
    );
    assert!(journal.get(new_on_laptop.id.clone()).is_ok());
    let bodies: Vec<_> = journal
        .list(0, 100)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.body)
        .collect();
    assert!(
        bodies.contains(&"Laptop's version.".to_owned()),
        "{bodies:?}"
    );
    // Merging the same backup again changes nothing.
    let before = snapshot(&phone);
    let again = phone
        .merge_backup(path_str(&laptop_backup), BACKUP_PASSPHRASE.into())
        .unwrap();
    assert_eq!(
        again.added + again.updated + again.conflicts_copied + again.history_added,
        0,
        "{again:?}"
    );
    assert_eq!(snapshot(&phone), before);
}

#[test]
fn merging_a_backup_into_its_own_vault_changes_nothing() {
    let (_dir, _path, vault, backup) = filled_and_backed_up();
    let before = snapshot(&vault);
    let report = merge_into(&vault, &backup);
    assert_eq!(
        report,
        MergeReport {
            unchanged: 2 + 1 + 1 + 2 + 2,
            ..MergeReport::default()
        }
    );
    assert_eq!(snapshot(&vault), before);
}

#[test]
fn merging_replaces_records_the_vault_can_no_longer_open() {
    let (_dir, path, vault, backup) = filled_and_backed_up();
    let before = snapshot(&vault);
    let quiet = vault
        .journal()
        .list(0, 10)
        .unwrap()
        .entries
        .into_iter()
        .find(|e| e.body.contains("Quiet"))
        .unwrap();
    let checkin = vault.checkins().list(None, None, 0, 10).unwrap().checkins[0].clone();
    // Flip a byte of the entry's and the check-in's ciphertext in the file.
    let mut sealed = sealed_of(&path, &quiet.id);
    sealed[20] ^= 1;
    set_sealed(&path, &quiet.id, &sealed);
    let raw = raw(&path);
    let mut sealed: Vec<u8> = raw
        .query_row(
            "SELECT sealed FROM checkins WHERE id = ?1",
            [&checkin.id],
            |r| r.get(0),
        )
        .unwrap();
    sealed[20] ^= 1;
    raw.execute(
        "UPDATE checkins SET sealed = ?2 WHERE id = ?1",
        rusqlite::params![checkin.id, sealed],
    )
    .unwrap();
    assert!(vault.journal().get(quiet.id.clone()).is_err());

    let report = merge_into(&vault, &backup);
    assert_eq!(
        report,
        MergeReport {
            updated: 2,
            unchanged: 2 + 1 + 2 + 2 - 1,
            ..MergeReport::default()
        }
    );
    assert_eq!(
        vault.journal().get(quiet.id).unwrap().body,
        "Quiet morning."
    );
    assert_eq!(snapshot(&vault), before);
}
