//! Unlocking through every kind of key slot, and managing slots.

use crate::common::*;
use respite_core::{CurrentSecret, KeySlotKind, RespiteError, Vault, MIN_KDF_ITERATIONS};

#[test]
fn a_new_vault_is_unlocked_and_reopens_locked() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    assert!(!vault.is_locked());
    let id = vault
        .journal()
        .add(draft("first", "2026-05-04T08:00:00+02:00"))
        .unwrap()
        .id;
    drop(vault);

    let vault = Vault::open(path_str(&path)).unwrap();
    assert!(vault.is_locked());
    assert_eq!(
        vault.journal().get(id.clone()).err(),
        Some(RespiteError::Locked)
    );
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    assert_eq!(vault.journal().get(id).unwrap().body, "first");
}

#[test]
fn a_wrong_passphrase_is_refused_and_leaves_the_vault_locked() {
    let (_dir, path) = vault_path();
    drop(new_vault(&path));
    let vault = Vault::open(path_str(&path)).unwrap();
    assert_eq!(
        vault.unlock_with_passphrase("a quiet harbour at dawn".into()),
        Err(RespiteError::WrongSecret)
    );
    assert!(vault.is_locked());
}

#[test]
fn the_kdf_floor_is_enforced() {
    let (_dir, path) = vault_path();
    let err = Vault::create(
        path_str(&path),
        PASSPHRASE.into(),
        Some(MIN_KDF_ITERATIONS - 1),
    )
    .err()
    .unwrap();
    assert!(
        matches!(err, RespiteError::InvalidInput { ref field, .. } if field == "kdf_iterations")
    );
    assert!(!path.exists(), "a refused vault leaves no file behind");
}

#[test]
fn too_short_a_passphrase_is_refused() {
    let (_dir, path) = vault_path();
    let err = Vault::create(path_str(&path), "short".into(), None)
        .err()
        .unwrap();
    assert!(matches!(err, RespiteError::InvalidInput { ref field, .. } if field == "passphrase"));
}

#[test]
fn lock_drops_the_keys_and_every_area_call_says_locked() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    let id = journal
        .add(draft("x", "2026-05-04T08:00:00+02:00"))
        .unwrap()
        .id;
    vault.lock();
    assert!(vault.is_locked());
    assert_eq!(journal.get(id.clone()).err(), Some(RespiteError::Locked));
    assert_eq!(journal.list(0, 10).err(), Some(RespiteError::Locked));
    assert_eq!(
        journal.add(draft("y", "2026-05-04T08:00:00+02:00")).err(),
        Some(RespiteError::Locked)
    );
    assert_eq!(journal.delete(id.clone()).err(), Some(RespiteError::Locked));
    assert_eq!(
        vault.create_recovery_code(current()).err(),
        Some(RespiteError::Locked)
    );
    assert_eq!(
        vault
            .change_passphrase(current(), "another long one".into())
            .err(),
        Some(RespiteError::Locked)
    );
    // Slot metadata stays readable while locked.
    assert_eq!(vault.key_slots().unwrap().len(), 1);
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    assert!(journal.get(id).is_ok());
}

#[test]
fn the_device_slot_unlocks_with_its_store_only() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let store = TestDeviceStore::random();
    let slot = vault.add_device_slot(current(), store.clone()).unwrap();
    assert_eq!(slot.kind, KeySlotKind::Device);
    vault.lock();
    vault.unlock_with_device(store).unwrap();
    assert!(!vault.is_locked());

    vault.lock();
    // Another device's store cannot open the sealed secret: the platform error comes back.
    assert!(matches!(
        vault.unlock_with_device(TestDeviceStore::random()),
        Err(RespiteError::DeviceKey { .. })
    ));
    assert!(vault.is_locked());
}

#[test]
fn the_recovery_code_unlocks_in_any_typed_form_and_is_replaced_by_a_new_one() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let code = vault.create_recovery_code(current()).unwrap();
    assert_eq!(code.split('-').count(), 7);
    for typed in [code.clone(), code.to_lowercase(), code.replace('-', "")] {
        vault.lock();
        vault.unlock_with_recovery_code(typed).unwrap();
    }
    let newer = vault.create_recovery_code(current()).unwrap();
    assert_ne!(newer, code);
    vault.lock();
    assert_eq!(
        vault.unlock_with_recovery_code(code),
        Err(RespiteError::WrongSecret)
    );
    vault.unlock_with_recovery_code(newer).unwrap();
    let kinds: Vec<_> = vault.key_slots().unwrap().iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        vec![KeySlotKind::Passphrase, KeySlotKind::RecoveryCode]
    );
}

#[test]
fn a_malformed_recovery_code_is_called_a_typo() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    vault.create_recovery_code(current()).unwrap();
    vault.lock();
    assert!(matches!(
        vault.unlock_with_recovery_code("not-a-code".into()),
        Err(RespiteError::InvalidInput { ref field, .. }) if field == "recovery_code"
    ));
}

#[test]
fn unlocking_with_a_kind_the_vault_lacks_says_so() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    vault.lock();
    assert!(matches!(
        vault.unlock_with_device(TestDeviceStore::random()),
        Err(RespiteError::NotFound { .. })
    ));
}

#[test]
fn slots_can_be_removed_but_never_the_last() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let store = TestDeviceStore::random();
    vault.add_device_slot(current(), store.clone()).unwrap();
    let code = vault.create_recovery_code(current()).unwrap();
    let with_code = || CurrentSecret::RecoveryCode { code: code.clone() };
    let slots = vault.key_slots().unwrap();
    assert_eq!(slots.len(), 3);
    let id_of = |kind| slots.iter().find(|s| s.kind == kind).unwrap().id.clone();

    vault
        .remove_key_slot(current(), id_of(KeySlotKind::Passphrase))
        .unwrap();
    vault.lock();
    assert!(matches!(
        vault.unlock_with_passphrase(PASSPHRASE.into()),
        Err(RespiteError::NotFound { .. })
    ));
    vault.unlock_with_device(store).unwrap();
    vault
        .remove_key_slot(with_code(), id_of(KeySlotKind::Device))
        .unwrap();
    assert_eq!(
        vault.remove_key_slot(with_code(), id_of(KeySlotKind::RecoveryCode)),
        Err(RespiteError::LastKeySlot)
    );
    assert!(matches!(
        vault.remove_key_slot(with_code(), "0".repeat(32)),
        Err(RespiteError::NotFound { .. })
    ));
    vault.lock();
    assert_eq!(
        vault.remove_key_slot(with_code(), id_of(KeySlotKind::RecoveryCode)),
        Err(RespiteError::Locked)
    );
}

#[test]
fn changing_how_the_vault_unlocks_needs_the_current_secret_again() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let wrong = || CurrentSecret::Passphrase {
        passphrase: "not the passphrase at all".into(),
    };
    assert_eq!(
        vault.change_passphrase(wrong(), "an entirely new passphrase".into()),
        Err(RespiteError::WrongSecret)
    );
    assert_eq!(
        vault.create_recovery_code(wrong()),
        Err(RespiteError::WrongSecret)
    );
    assert!(vault
        .add_device_slot(wrong(), TestDeviceStore::random())
        .is_err());
    let only = vault.key_slots().unwrap()[0].id.clone();
    assert_eq!(
        vault.remove_key_slot(wrong(), only),
        Err(RespiteError::WrongSecret)
    );
    assert_eq!(vault.key_slots().unwrap().len(), 1, "nothing changed");
    // A weak new passphrase is refused with advice.
    match vault.change_passphrase(current(), "12345678".into()) {
        Err(RespiteError::InvalidInput { field, reason }) => {
            assert_eq!(field, "new_passphrase");
            assert!(reason.contains("guess"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn changing_the_passphrase_rewraps_the_key_and_leaves_every_record_untouched() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    for i in 0..5 {
        journal
            .add(draft(&format!("entry {i}"), "2026-05-04T08:00:00+02:00"))
            .unwrap();
    }
    let snapshot = || -> Vec<(String, i64, Vec<u8>)> {
        let conn = raw(&path);
        let mut stmt = conn
            .prepare("SELECT id, revision, sealed FROM journal_entries ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let before = snapshot();
    let old_slot = vault.key_slots().unwrap()[0].clone();
    let new_slot = vault
        .change_passphrase(current(), "a brand new passphrase".into())
        .unwrap();
    assert_ne!(old_slot.id, new_slot.id);
    assert_eq!(
        snapshot(),
        before,
        "record ciphertexts must be byte-for-byte unchanged"
    );

    drop(journal);
    drop(vault);
    let vault = Vault::open(path_str(&path)).unwrap();
    assert_eq!(
        vault.unlock_with_passphrase(PASSPHRASE.into()),
        Err(RespiteError::WrongSecret)
    );
    vault
        .unlock_with_passphrase("a brand new passphrase".into())
        .unwrap();
    assert_eq!(vault.journal().count().unwrap(), 5);
    assert_eq!(vault.key_slots().unwrap().len(), 1);
}

#[test]
fn a_forgotten_passphrase_can_be_reset_through_the_recovery_code() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let code = vault.create_recovery_code(current()).unwrap();
    drop(vault);
    let vault = Vault::open(path_str(&path)).unwrap();
    vault.unlock_with_recovery_code(code.clone()).unwrap();
    vault
        .change_passphrase(
            CurrentSecret::RecoveryCode { code },
            "remembered this time".into(),
        )
        .unwrap();
    vault.lock();
    vault
        .unlock_with_passphrase("remembered this time".into())
        .unwrap();
}

#[test]
fn a_tampered_slot_does_not_unlock() {
    let (_dir, path) = vault_path();
    drop(new_vault(&path));
    let conn = raw(&path);
    let wrapped: Vec<u8> = conn
        .query_row("SELECT wrapped_key FROM key_slots", [], |r| r.get(0))
        .unwrap();
    for i in 0..wrapped.len() {
        let mut bad = wrapped.clone();
        bad[i] ^= 0x80;
        conn.execute("UPDATE key_slots SET wrapped_key = ?1", [&bad])
            .unwrap();
        let vault = Vault::open(path_str(&path)).unwrap();
        assert_eq!(
            vault.unlock_with_passphrase(PASSPHRASE.into()),
            Err(RespiteError::WrongSecret)
        );
    }
}

/// Copies every key slot of the vault at `from` into the vault at `to`, and removes the
/// slots `to` had when `replace` is set: what an attacker with both files can do.
pub(crate) fn plant_slots(from: &std::path::Path, to: &std::path::Path, replace: bool) {
    let source = raw(from);
    type Row = (String, String, i64, Vec<u8>, Vec<u8>, i64);
    let slots: Vec<Row> = source
        .prepare("SELECT id, kind, created_at, params, wrapped_key, bound FROM key_slots")
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let target = raw(to);
    if replace {
        target.execute("DELETE FROM key_slots", []).unwrap();
    }
    for (id, kind, created, params, wrapped, bound) in slots {
        target
            .execute(
                "INSERT INTO key_slots (id, kind, created_at, params, wrapped_key, bound)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![id, kind, created, params, wrapped, bound],
            )
            .unwrap();
    }
}

#[test]
fn key_slots_from_another_vault_never_unlock_this_one() {
    let (_a_dir, a) = vault_path();
    let (_b_dir, b) = vault_path();
    let vault = new_vault(&a);
    let entry = vault
        .journal()
        .add(draft("mine", "2026-05-04T18:00:00+02:00"))
        .unwrap();
    drop(vault);
    // Another vault with the same passphrase: its slot opens, to the wrong key.
    drop(new_vault(&b));

    // Beside this vault's own slot, the planted one changes nothing.
    plant_slots(&b, &a, false);
    let vault = Vault::open(path_str(&a)).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    assert_eq!(vault.journal().get(entry.id.clone()).unwrap().body, "mine");
    drop(vault);

    // In place of it, the planted slot does not even open: its associated data names
    // the other vault's id.
    plant_slots(&b, &a, true);
    let vault = Vault::open(path_str(&a)).unwrap();
    assert_eq!(
        vault.unlock_with_passphrase(PASSPHRASE.into()),
        Err(RespiteError::WrongSecret)
    );
    assert!(vault.is_locked());
    assert!(matches!(
        vault
            .journal()
            .add(draft("theirs", "2026-05-04T19:00:00+02:00")),
        Err(RespiteError::Locked)
    ));
}

#[test]
fn a_vault_from_before_the_key_check_gets_one_at_its_first_unlock() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let (_dir, path) = vault_path();
    std::fs::copy(fixtures.join("vault-v3.db"), &path).unwrap();
    let count = |path: &std::path::Path| -> i64 {
        raw(path)
            .query_row("SELECT count(*) FROM vault_meta", [], |r| r.get(0))
            .unwrap()
    };
    let vault = Vault::open(path_str(&path)).unwrap();
    assert_eq!(count(&path), 0, "opening migrates the schema only");
    vault
        .unlock_with_passphrase("fixture passphrase v3: still here next year".into())
        .unwrap();
    assert_eq!(
        count(&path),
        4,
        "the id, the key-check value, the id key and the state manifest"
    );
    drop(vault);
    // From then on, a slot of another vault from before format 5 (its associated
    // data names no vault) opens to a foreign key, and is refused.
    let (_other_dir, other) = vault_path();
    std::fs::copy(fixtures.join("vault-v2.db"), &other).unwrap();
    drop(Vault::open(path_str(&other)).unwrap());
    plant_slots(&other, &path, true);
    let vault = Vault::open(path_str(&path)).unwrap();
    match vault.unlock_with_passphrase("fixture passphrase v2: still here next year".into()) {
        Err(RespiteError::Integrity { detail }) => {
            assert!(detail.contains("another vault"), "{detail}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn slots_from_before_format_5_are_bound_to_the_vault_when_their_secret_is_used() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let (_dir, path) = vault_path();
    std::fs::copy(fixtures.join("vault-v4.db"), &path).unwrap();
    let about: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures.join("vault-v4.json")).unwrap())
            .unwrap();
    let bound = |kind: &str| -> i64 {
        raw(&path)
            .query_row("SELECT bound FROM key_slots WHERE kind = ?1", [kind], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let vault = Vault::open(path_str(&path)).unwrap();
    assert_eq!((bound("passphrase"), bound("recovery-code")), (0, 0));
    let code = about["recovery_code"].as_str().unwrap().to_owned();
    vault.unlock_with_recovery_code(code.clone()).unwrap();
    assert_eq!(bound("recovery-code"), 1, "rewrapped with the vault id");
    vault.lock();
    vault
        .unlock_with_passphrase(about["passphrase"].as_str().unwrap().into())
        .unwrap();
    assert_eq!(bound("passphrase"), 1);
    assert!(vault.integrity().unwrap().intact);
    vault.lock();
    vault.unlock_with_recovery_code(code).unwrap();
}
