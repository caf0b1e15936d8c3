//! Opening files that are missing, foreign, truncated or damaged: always a clear error,
//! never a panic, and the file is never modified.

use crate::common::*;
use respite_core::{RespiteError, Vault};
use std::path::Path;

fn open_err(path: &Path) -> RespiteError {
    Vault::open(path_str(path)).err().expect("open should fail")
}

fn vault_with_entries(path: &Path, n: usize) {
    let vault = new_vault(path);
    let journal = vault.journal();
    for i in 0..n {
        journal
            .add(draft(
                &format!("entry {i} {}", "words ".repeat(150)),
                "2026-05-04T08:00:00+02:00",
            ))
            .unwrap();
    }
}

#[test]
fn a_missing_file_is_not_found_and_not_created() {
    let (_dir, path) = vault_path();
    assert!(matches!(open_err(&path), RespiteError::NotFound { .. }));
    assert!(!path.exists());
}

#[test]
fn foreign_files_are_not_vaults_and_stay_byte_for_byte_the_same() {
    let (dir, _) = vault_path();
    let samples: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("text", b"Dear diary, this is not a database.\n".to_vec()),
        (
            "noise",
            (0..10_000u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
        ),
        ("sqlite-magic-only", b"SQLite format 3\0".to_vec()),
    ];
    for (name, bytes) in samples {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(open_err(&path), RespiteError::NotAVault, "{name}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was modified");
        assert_eq!(
            vault_files(&path).len(),
            1,
            "{name}: no companion files are left"
        );
    }
}

#[test]
fn create_never_overwrites() {
    let (_dir, path) = vault_path();
    vault_with_entries(&path, 1);
    let before = std::fs::read(&path).unwrap();
    assert_eq!(
        Vault::create(path_str(&path), PASSPHRASE.into(), None).err(),
        Some(RespiteError::AlreadyExists)
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_truncated_vault_is_reported_and_left_as_it_is() {
    let (dir, path) = vault_path();
    vault_with_entries(&path, 30);
    let whole = std::fs::read(&path).unwrap();
    assert!(whole.len() > 4 * 4096);
    for cut in [whole.len() - 1, whole.len() / 2, 4096 + 10, 100] {
        let copy = dir.path().join(format!("cut-{cut}.db"));
        std::fs::write(&copy, &whole[..cut]).unwrap();
        assert!(
            matches!(open_err(&copy), RespiteError::Integrity { .. }),
            "cut at {cut}"
        );
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            &whole[..cut],
            "cut at {cut} was modified"
        );
    }
}

#[test]
fn damaged_pages_give_typed_errors_never_panics() {
    let (dir, path) = vault_path();
    vault_with_entries(&path, 30);
    let whole = std::fs::read(&path).unwrap();
    let pages = whole.len() / 4096;
    for page in 1..pages {
        let mut bytes = whole.clone();
        for b in &mut bytes[page * 4096 + 8..page * 4096 + 200] {
            *b = !*b;
        }
        let copy = dir.path().join(format!("page-{page}.db"));
        std::fs::write(&copy, &bytes).unwrap();
        let outcome = Vault::open(path_str(&copy)).and_then(|vault| {
            vault.unlock_with_passphrase(PASSPHRASE.into())?;
            vault.journal().list(0, 100)
        });
        match outcome {
            Ok(page_of_entries) => assert!(
                page_of_entries.entries.len() + page_of_entries.damaged.len() <= 30,
                "page {page}"
            ),
            Err(RespiteError::Integrity { .. }) | Err(RespiteError::WrongSecret) => {}
            Err(other) => panic!("page {page}: unexpected {other:?}"),
        }
    }
}

#[test]
fn verify_counts_what_opens_and_names_what_does_not() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    let kept = journal
        .add(draft("kept", "2026-05-04T18:00:00+02:00"))
        .unwrap();
    let hurt = journal
        .add(draft("hurt", "2026-05-04T19:00:00+02:00"))
        .unwrap();
    journal
        .edit(
            kept.id.clone(),
            respite_core::JournalUpdate {
                body: Some("kept, edited".into()),
                ..Default::default()
            },
        )
        .unwrap();
    vault
        .checkins()
        .add(full_checkin("2026-05-04T20:00:00+02:00"))
        .unwrap();
    let check = vault.verify().unwrap();
    assert_eq!(
        (
            check.journal_entries,
            check.journal_revisions,
            check.checkins
        ),
        (2, 1, 1)
    );
    assert!(check.damaged.is_empty() && check.file_sound);

    let mut sealed = sealed_of(&path, &hurt.id);
    let last = sealed.len() - 1;
    sealed[last] ^= 1;
    set_sealed(&path, &hurt.id, &sealed);
    let check = vault.verify().unwrap();
    assert_eq!(check.journal_entries, 1);
    assert_eq!(check.damaged.len(), 1);
    assert_eq!(check.damaged[0].id, hurt.id);
    assert!(!check.damaged[0].reason.contains("hurt"));
}
