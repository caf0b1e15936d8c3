//! Frozen vault fixtures: every released vault format must keep opening, forever.
//!
//! `tests/fixtures/vault-vN.db` was written by format N and is never regenerated;
//! `vault-vN.json` says how to unlock it and what it holds. When a new format is
//! released, run `cargo test -p respite-core --test fixtures -- --ignored` once to add
//! its fixture, and commit both files.

mod common;

use common::*;
use respite_core::{
    JournalDraft, JournalKind, JournalUpdate, KeySlotKind, Vault, FORMAT_VERSION,
    MIN_KDF_ITERATIONS,
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

fn check_contents(vault: &Vault, description: &Value) {
    let journal = vault.journal();
    let expected = description["entries"].as_array().unwrap();
    let page = journal.list(0, 1000).unwrap();
    assert!(page.damaged.is_empty());
    assert_eq!(page.entries.len(), expected.len());
    for (entry, want) in page.entries.iter().zip(expected) {
        assert_eq!(entry.id, want["id"].as_str().unwrap());
        assert_eq!(entry.kind.as_str(), want["kind"].as_str().unwrap());
        assert_eq!(entry.title.as_deref(), want["title"].as_str());
        assert_eq!(entry.body, want["body"].as_str().unwrap());
        let tags: Vec<&str> = want["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(entry.tags, tags);
        assert_eq!(entry.local_day, want["local_day"].as_str().unwrap());
        assert_eq!(entry.moment.at.to_rfc3339(), want["at"].as_str().unwrap());
        assert_eq!(
            i64::from(entry.moment.utc_offset_minutes),
            want["utc_offset_minutes"].as_i64().unwrap()
        );
        assert_eq!(
            i64::from(entry.revision),
            want["revision"].as_i64().unwrap()
        );
        let history: Vec<String> = journal
            .history(entry.id.clone())
            .unwrap()
            .into_iter()
            .map(|e| e.body)
            .collect();
        let want_history: Vec<&str> = want["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_str().unwrap())
            .collect();
        assert_eq!(history, want_history);
    }
}

#[test]
fn every_frozen_fixture_opens_with_each_of_its_key_slots() {
    let all = fixtures();
    assert!(
        all.iter().any(|f| f.0 == 1),
        "the format 1 fixture must exist"
    );
    assert!(all.iter().all(|f| f.0 <= FORMAT_VERSION));
    for (version, fixture, description) in &all {
        type Unlock<'a> = Box<dyn Fn(&Vault) + 'a>;
        let unlockers: [(&str, Unlock); 3] = [
            (
                "passphrase",
                Box::new(|v: &Vault| {
                    v.unlock_with_passphrase(description["passphrase"].as_str().unwrap().into())
                        .unwrap()
                }),
            ),
            (
                "recovery code",
                Box::new(|v: &Vault| {
                    v.unlock_with_recovery_code(
                        description["recovery_code"].as_str().unwrap().into(),
                    )
                    .unwrap()
                }),
            ),
            (
                "device",
                Box::new(|v: &Vault| {
                    v.unlock_with_device(TestDeviceStore::new(hex32(
                        description["device_key_hex"].as_str().unwrap(),
                    )))
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
            drop(vault);
            let vault = Vault::open(path_str(&path)).unwrap();
            unlock(&vault);
            assert_eq!(
                vault.journal().get(added.id).unwrap().body,
                "written after the upgrade",
                "v{version} via {how}"
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

#[test]
#[ignore = "writes a new frozen fixture; run by hand once per released format"]
fn write_fixture_for_the_current_format() {
    let path = fixtures_dir().join(format!("vault-v{FORMAT_VERSION}.db"));
    assert!(
        !path.exists(),
        "fixtures are frozen: {} already exists",
        path.display()
    );
    let passphrase = "fixture passphrase: still here next year";
    let device_key_hex = "52657370697465207465737420646576696365206b657920666f722076312e30";
    let vault =
        Vault::create(path_str(&path), passphrase.into(), Some(MIN_KDF_ITERATIONS)).unwrap();
    let recovery_code = vault.create_recovery_code().unwrap();
    vault
        .add_device_slot(TestDeviceStore::new(hex32(device_key_hex)))
        .unwrap();
    assert_eq!(vault.key_slots().unwrap().len(), 3);
    assert!(vault
        .key_slots()
        .unwrap()
        .iter()
        .any(|s| s.kind == KeySlotKind::Device));

    let journal = vault.journal();
    let drafts = [
        (
            JournalKind::AfterSession,
            Some("After the 2 pm session"),
            "Intensity 8. Felt it in my chest.\nBox breathing for two minutes helped a little.",
            vec!["heavy", "breathing"],
            "2026-03-03T14:55:00+01:00",
        ),
        (
            JournalKind::Transition,
            None,
            "Parked: the report for Thursday. Pick it up at 9 at my desk.",
            vec![],
            "2026-03-03T17:40:00+01:00",
        ),
        (
            JournalKind::Evening,
            Some("Evening"),
            "Work followed me home a bit. Walked the long way — ça va mieux. 🌙",
            vec!["walk"],
            "2026-03-03T21:10:00+01:00",
        ),
        (
            JournalKind::Free,
            None,
            "Night shift: the ward was calm after 2 am.",
            vec!["night-shift"],
            "2026-03-29T03:30:00+02:00",
        ),
        (
            JournalKind::Free,
            Some("Travel"),
            "Written on the way to the conference.",
            vec![],
            "2026-04-12T08:00:00-04:00",
        ),
    ];
    for (kind, title, body, tags, at) in drafts {
        journal
            .add(JournalDraft {
                kind,
                title: title.map(str::to_owned),
                body: body.to_owned(),
                tags: tags.into_iter().map(str::to_owned).collect(),
                moment: moment(at),
                practice_ids: vec![],
                reflection: None,
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
                body: Some("Intensity 8, then 5 after breathing. Felt it in my chest.".into()),
                ..Default::default()
            },
        )
        .unwrap();

    let mut entries = Vec::new();
    for e in journal.list(0, 10).unwrap().entries {
        let history: Vec<String> = journal
            .history(e.id.clone())
            .unwrap()
            .into_iter()
            .map(|h| h.body)
            .collect();
        entries.push(json!({
            "id": e.id, "kind": e.kind.as_str(), "title": e.title, "body": e.body, "tags": e.tags,
            "local_day": e.local_day, "at": e.moment.at.to_rfc3339(),
            "utc_offset_minutes": e.moment.utc_offset_minutes, "revision": e.revision, "history": history,
        }));
    }
    drop(journal);
    drop(vault);
    let description = json!({
        "format_version": FORMAT_VERSION,
        "passphrase": passphrase,
        "recovery_code": recovery_code,
        "device_key_hex": device_key_hex,
        "device_store": "AES-256-GCM under device_key_hex, sealed = nonce(12) || ciphertext || tag(16)",
        "entries": entries,
    });
    std::fs::write(
        path.with_extension("json"),
        serde_json::to_string_pretty(&description).unwrap() + "\n",
    )
    .unwrap();
}
