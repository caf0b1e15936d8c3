//! The vault's authenticated state, attacked as someone with the file in hand: rows
//! deleted, put back to earlier revisions, resurrected, re-dated; the state itself
//! removed; and the vault key replaced.

use crate::common::*;
use respite_core::{
    CurrentSecret, JournalUpdate, Plan, RespiteError, Settings, StateProblemKind, Vault,
};
use std::path::Path;

/// A vault with two entries (one edited once), two check-ins, a plan saved twice and
/// settings saved twice; returns the ids of the entries and check-ins.
fn populated(path: &Path) -> (Vec<String>, Vec<String>) {
    let vault = new_vault(path);
    let journal = vault.journal();
    let entries: Vec<String> = (0..2)
        .map(|i| {
            journal
                .add(draft(&format!("entry {i}"), "2026-05-04T18:00:00+02:00"))
                .unwrap()
                .id
        })
        .collect();
    journal
        .edit(
            entries[0].clone(),
            JournalUpdate {
                body: Some("entry 0, edited".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let checkins: Vec<String> = (0..2)
        .map(|_| {
            vault
                .checkins()
                .add(full_checkin("2026-05-04T20:00:00+02:00"))
                .unwrap()
                .id
        })
        .collect();
    for value in ["Rest is part of the work", "Steady company"] {
        vault
            .plan()
            .save(Plan {
                values: vec![value.into()],
                ..Default::default()
            })
            .unwrap();
    }
    for hour in [3, 5] {
        vault
            .update_settings(Settings {
                day_start_hour: hour,
                ..Settings::default()
            })
            .unwrap();
    }
    (entries, checkins)
}

fn unlocked(path: &Path) -> std::sync::Arc<Vault> {
    let vault = Vault::open(path_str(path)).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    vault
}

/// The problems found at unlock, as (kind, id).
fn problems(vault: &Vault) -> Vec<(StateProblemKind, Option<String>)> {
    let check = vault.integrity().unwrap();
    assert_eq!(check.intact, check.problems.is_empty());
    check.problems.into_iter().map(|p| (p.kind, p.id)).collect()
}

/// Writes are refused, every intact record still reads, and verify agrees.
fn assert_read_only(vault: &Vault) {
    assert!(matches!(
        vault
            .journal()
            .add(draft("new", "2026-05-05T08:00:00+02:00")),
        Err(RespiteError::Integrity { .. })
    ));
    assert!(vault.journal().list(0, 50).is_ok());
    let check = vault.verify().unwrap();
    assert!(!check.state.intact);
}

#[test]
fn an_untouched_vault_checks_intact_and_counts_its_changes() {
    let (_new_dir, new_path) = vault_path();
    assert!(
        new_vault(&new_path).integrity().unwrap().intact,
        "a new vault too"
    );
    let (_dir, path) = vault_path();
    populated(&path);
    let vault = unlocked(&path);
    let check = vault.integrity().unwrap();
    assert!(check.intact, "{:?}", check.problems);
    assert!(check.changes >= 9, "{}", check.changes);
    assert!(vault.verify().unwrap().state.intact);
    vault
        .journal()
        .add(draft("more", "2026-05-05T08:00:00+02:00"))
        .unwrap();
    drop(vault);
    assert!(unlocked(&path).integrity().unwrap().intact);
}

#[test]
fn a_deleted_entry_or_checkin_is_named_and_the_rest_stays_readable() {
    let (_dir, path) = vault_path();
    let (entries, checkins) = populated(&path);
    let conn = raw(&path);
    conn.execute("DELETE FROM journal_entries WHERE id = ?1", [&entries[1]])
        .unwrap();
    conn.execute("DELETE FROM checkins WHERE id = ?1", [&checkins[0]])
        .unwrap();
    drop(conn);
    let vault = unlocked(&path);
    let found = problems(&vault);
    assert!(found.contains(&(StateProblemKind::Missing, Some(entries[1].clone()))));
    assert!(found.contains(&(StateProblemKind::Missing, Some(checkins[0].clone()))));
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        vault.journal().get(entries[0].clone()).unwrap().body,
        "entry 0, edited"
    );
    assert_read_only(&vault);
}

#[test]
fn an_entry_put_back_to_an_earlier_revision_is_named_as_rolled_back() {
    let (_dir, path) = vault_path();
    let (entries, _) = populated(&path);
    let conn = raw(&path);
    // Revision 1 comes back from the history, which loses it.
    conn.execute(
        "UPDATE journal_entries SET revision = 1,
             sealed = (SELECT sealed FROM journal_revisions WHERE entry_id = ?1 AND revision = 1),
             updated_at = (SELECT updated_at FROM journal_revisions WHERE entry_id = ?1 AND revision = 1)
         WHERE id = ?1",
        [&entries[0]],
    )
    .unwrap();
    conn.execute(
        "DELETE FROM journal_revisions WHERE entry_id = ?1",
        [&entries[0]],
    )
    .unwrap();
    drop(conn);
    let vault = unlocked(&path);
    let check = vault.integrity().unwrap();
    let rolled_back = check
        .problems
        .iter()
        .find(|p| p.kind == StateProblemKind::RolledBack)
        .expect("named as rolled back");
    assert_eq!(rolled_back.id.as_deref(), Some(entries[0].as_str()));
    assert!(rolled_back.detail.contains("from revision 2 to revision 1"));
    assert!(check
        .problems
        .iter()
        .any(|p| p.kind == StateProblemKind::Missing && p.record.contains("earlier revision")));
    // The old text still opens (it is genuine), but nothing can be written over it.
    assert_eq!(
        vault.journal().get(entries[0].clone()).unwrap().body,
        "entry 0"
    );
    assert_read_only(&vault);
}

#[test]
fn the_newest_plan_revision_deleted_or_older_settings_put_back_are_named() {
    let (_dir, path) = vault_path();
    populated(&path);
    // Keep the first settings row, then let the vault write a second.
    let older_settings: (i64, Vec<u8>) = {
        let vault = unlocked(&path);
        let old = raw(&path)
            .query_row("SELECT revision, sealed FROM settings", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        vault
            .update_settings(Settings {
                day_start_hour: 6,
                ..Settings::default()
            })
            .unwrap();
        old
    };
    let conn = raw(&path);
    conn.execute(
        "DELETE FROM plan_revisions WHERE revision = (SELECT max(revision) FROM plan_revisions)",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE settings SET revision = ?1, sealed = ?2",
        rusqlite::params![older_settings.0, older_settings.1],
    )
    .unwrap();
    drop(conn);
    let vault = unlocked(&path);
    let check = vault.integrity().unwrap();
    let kinds: Vec<(StateProblemKind, &str)> = check
        .problems
        .iter()
        .map(|p| (p.kind, p.record.as_str()))
        .collect();
    assert!(
        kinds.contains(&(StateProblemKind::Missing, "plan revision")),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(StateProblemKind::RolledBack, "settings group")),
        "{kinds:?}"
    );
    assert_read_only(&vault);
}

#[test]
fn a_deleted_entry_put_back_is_named_as_unexpected() {
    let (_dir, path) = vault_path();
    let (entries, _) = populated(&path);
    let saved: Vec<(String, String, i64, i64, i64, Vec<u8>)> = raw(&path)
        .prepare("SELECT id, day, occurred_at, updated_at, revision, sealed FROM journal_entries WHERE id = ?1")
        .unwrap()
        .query_map([&entries[1]], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    {
        let vault = unlocked(&path);
        vault.journal().delete(entries[1].clone()).unwrap();
    }
    let conn = raw(&path);
    for (id, day, at, updated, revision, sealed) in saved {
        conn.execute(
            "INSERT INTO journal_entries (id, day, occurred_at, updated_at, revision, sealed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![id, day, at, updated, revision, sealed],
        )
        .unwrap();
    }
    drop(conn);
    let vault = unlocked(&path);
    assert_eq!(
        problems(&vault),
        vec![(StateProblemKind::Unexpected, Some(entries[1].clone()))]
    );
    assert_read_only(&vault);
}

#[test]
fn a_re_dated_entry_or_checkin_is_named_as_changed() {
    let (_dir, path) = vault_path();
    let (entries, checkins) = populated(&path);
    let conn = raw(&path);
    conn.execute(
        "UPDATE journal_entries SET day = '2025-01-01' WHERE id = ?1",
        [&entries[1]],
    )
    .unwrap();
    conn.execute(
        "UPDATE checkins SET occurred_at = occurred_at - 86400000 WHERE id = ?1",
        [&checkins[1]],
    )
    .unwrap();
    drop(conn);
    let vault = unlocked(&path);
    let found = problems(&vault);
    assert!(found.contains(&(StateProblemKind::Changed, Some(entries[1].clone()))));
    assert!(found.contains(&(StateProblemKind::Changed, Some(checkins[1].clone()))));
    assert_read_only(&vault);
}

#[test]
fn deleting_a_row_and_its_line_in_the_state_is_still_counted() {
    let (_dir, path) = vault_path();
    let (entries, _) = populated(&path);
    let conn = raw(&path);
    conn.execute("DELETE FROM journal_entries WHERE id = ?1", [&entries[1]])
        .unwrap();
    conn.execute("DELETE FROM state_rows WHERE id = ?1", [&entries[1]])
        .unwrap();
    drop(conn);
    let vault = unlocked(&path);
    let check = vault.integrity().unwrap();
    assert_eq!(check.problems.len(), 1, "{:?}", check.problems);
    let problem = &check.problems[0];
    assert_eq!(problem.kind, StateProblemKind::Unaccounted);
    assert!(
        problem.detail.contains("1 stored where the vault wrote 2"),
        "{}",
        problem.detail
    );
    assert_read_only(&vault);
}

#[test]
fn a_removed_or_replaced_state_manifest_is_a_problem_not_a_fresh_start() {
    for tamper in [
        "DELETE FROM vault_meta WHERE name = 'state'",
        "UPDATE vault_meta SET value = x'00' WHERE name = 'state'",
        // An older copy of the key-check value would ask for an upgrade instead.
        "DELETE FROM vault_meta WHERE name = 'key-check'",
    ] {
        let (_dir, path) = vault_path();
        populated(&path);
        raw(&path).execute(tamper, []).unwrap();
        let vault = Vault::open(path_str(&path)).unwrap();
        match vault.unlock_with_passphrase(PASSPHRASE.into()) {
            Ok(()) => {
                let check = vault.integrity().unwrap();
                assert!(!check.intact, "{tamper}");
                assert_read_only(&vault);
            }
            Err(err) => assert!(
                matches!(err, RespiteError::Integrity { .. }),
                "{tamper}: {err:?}"
            ),
        }
    }
}

#[test]
fn rotating_the_key_reseals_everything_and_old_slots_no_longer_open_it() {
    let (_dir, path) = vault_path();
    let (entries, _) = populated(&path);
    let vault = unlocked(&path);
    let code = vault.create_recovery_code(current()).unwrap();
    let sealed_before = sealed_of(&path, &entries[0]);
    let old_copy = path.with_extension("old");
    std::fs::copy(&path, &old_copy).unwrap();
    let rotation = vault.rotate_key(current(), None).unwrap();
    // Two entries, one earlier revision, two check-ins, two plan revisions, settings.
    assert_eq!(rotation.records_resealed, 8, "{rotation:?}");
    let new_code = rotation.recovery_code.expect("a new recovery code");
    assert_ne!(new_code, code);
    assert_ne!(sealed_of(&path, &entries[0]), sealed_before);
    vault
        .journal()
        .add(draft("after the rotation", "2026-05-06T08:00:00+02:00"))
        .unwrap();
    assert!(vault.integrity().unwrap().intact);
    drop(vault);

    // The new key opens everything with the same passphrase and the new code only.
    let vault = unlocked(&path);
    assert!(vault.integrity().unwrap().intact);
    assert_eq!(vault.journal().count().unwrap(), 3);
    assert_eq!(
        vault.journal().get(entries[0].clone()).unwrap().body,
        "entry 0, edited"
    );
    vault.lock();
    assert_eq!(
        vault.unlock_with_recovery_code(code.clone()),
        Err(RespiteError::WrongSecret)
    );
    vault.unlock_with_recovery_code(new_code).unwrap();
    drop(vault);

    // The old file's slots, planted into the new file, open only the old key.
    crate::key_slots::plant_slots(&old_copy, &path, true);
    let vault = Vault::open(path_str(&path)).unwrap();
    assert!(matches!(
        vault.unlock_with_passphrase(PASSPHRASE.into()),
        Err(RespiteError::Integrity { .. })
    ));
    assert!(matches!(
        vault.unlock_with_recovery_code(code),
        Err(RespiteError::Integrity { .. })
    ));
}

#[test]
fn rotation_can_set_a_new_passphrase_and_needs_the_current_secret() {
    let (_dir, path) = vault_path();
    populated(&path);
    let vault = unlocked(&path);
    let wrong = CurrentSecret::Passphrase {
        passphrase: "not the passphrase at all".into(),
    };
    assert_eq!(
        vault.rotate_key(wrong, None).err(),
        Some(RespiteError::WrongSecret)
    );
    let rotation = vault
        .rotate_key(current(), Some("an entirely new passphrase".into()))
        .unwrap();
    assert_eq!(
        rotation.recovery_code, None,
        "the vault had no recovery code"
    );
    vault.lock();
    assert_eq!(
        vault.unlock_with_passphrase(PASSPHRASE.into()),
        Err(RespiteError::WrongSecret)
    );
    vault
        .unlock_with_passphrase("an entirely new passphrase".into())
        .unwrap();
    assert_eq!(vault.journal().count().unwrap(), 2);
}
