//! Journal entries end to end: writing, listing, editing, deleting, and what happens
//! when stored bytes are tampered with.

use crate::common::*;
use respite_core::{JournalDraft, JournalKind, JournalUpdate, RespiteError, Vault, MAX_TEXT_CHARS};
use std::sync::Arc;

#[test]
fn an_entry_round_trips_with_every_field() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let draft = JournalDraft {
        kind: JournalKind::AfterSession,
        title: Some("  After the 3pm session ".into()),
        body: "Heavy. Breathed for two minutes before the next one.\nStill a bit shaky.".into(),
        tags: vec!["grief".into(), " breathing ".into(), "grief".into()],
        moment: moment("2026-05-04T15:50:00+02:00"),
        practice_ids: vec![],
        reflection: None,
    };
    let added = vault.journal().add(draft.clone()).unwrap();
    assert_eq!(added.id.len(), 32);
    assert_eq!(added.title.as_deref(), Some("After the 3pm session"));
    assert_eq!(added.tags, vec!["grief", "breathing"]);
    assert_eq!(added.local_day, "2026-05-04");
    assert_eq!(added.revision, 1);
    assert_eq!(added.moment, draft.moment);
    drop(vault);

    let vault = Vault::open(path_str(&path)).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    assert_eq!(vault.journal().get(added.id.clone()).unwrap(), added);
}

#[test]
fn the_local_day_follows_the_writers_offset() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    // 23:30 in Los Angeles is the next morning in UTC: the entry belongs to the evening.
    let e = vault
        .journal()
        .add(draft("late", "2026-05-04T23:30:00-07:00"))
        .unwrap();
    assert_eq!(e.local_day, "2026-05-04");
}

#[test]
fn listing_is_newest_first_and_pages_through_everything() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    let mut ids = Vec::new();
    for day in 1..=9 {
        for hour in [9, 17] {
            let at = format!("2026-05-{day:02}T{hour:02}:00:00+00:00");
            ids.push(
                journal
                    .add(draft(&format!("d{day} h{hour}"), &at))
                    .unwrap()
                    .id,
            );
        }
    }
    ids.reverse();
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = journal.list(offset, 5).unwrap();
        assert!(page.damaged.is_empty());
        seen.extend(page.entries.iter().map(|e| e.id.clone()));
        offset += page.entries.len() as u32;
        if !page.has_more {
            break;
        }
    }
    assert_eq!(seen, ids);
    assert_eq!(journal.count().unwrap(), 18);
    assert!(journal.list(100, 5).unwrap().entries.is_empty());
}

#[test]
fn an_edit_makes_a_new_revision_and_keeps_the_old_one() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    let first = journal
        .add(draft("first words", "2026-05-04T08:00:00+02:00"))
        .unwrap();
    let second = journal
        .edit(
            first.id.clone(),
            JournalUpdate {
                body: Some("second thoughts".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let third = journal
        .edit(
            first.id.clone(),
            JournalUpdate {
                title: Some("Titled".into()),
                kind: Some(JournalKind::Evening),
                tags: Some(vec!["rest".into()]),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((second.revision, third.revision), (2, 3));
    assert_eq!(third.body, "second thoughts");
    assert_eq!(third.kind, JournalKind::Evening);
    assert_eq!(
        third.moment, first.moment,
        "an edit keeps when the entry was written"
    );
    assert_eq!(journal.get(first.id.clone()).unwrap(), third);
    let history = journal.history(first.id.clone()).unwrap();
    assert_eq!(history, vec![second, first.clone()]);
    // An empty title removes the title.
    let untitled = journal
        .edit(
            first.id.clone(),
            JournalUpdate {
                title: Some(String::new()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(untitled.title, None);
}

#[test]
fn invalid_input_is_refused_and_nothing_is_written() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    fn field_of<T: std::fmt::Debug>(r: Result<T, RespiteError>) -> String {
        match r {
            Err(RespiteError::InvalidInput { field, .. }) => field,
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    assert_eq!(
        field_of(journal.add(draft(&long, "2026-05-04T08:00:00+02:00"))),
        "body"
    );
    assert_eq!(
        field_of(journal.add(draft("  \n ", "2026-05-04T08:00:00+02:00"))),
        "body"
    );
    assert_eq!(
        field_of(journal.add(draft("bell\u{7}", "2026-05-04T08:00:00+02:00"))),
        "body"
    );
    let mut d = draft("ok", "2026-05-04T08:00:00+02:00");
    d.moment.utc_offset_minutes = 24 * 60;
    assert_eq!(field_of(journal.add(d)), "moment");
    let mut d = draft("ok", "2026-05-04T08:00:00+02:00");
    d.tags = vec!["".into()];
    assert_eq!(field_of(journal.add(d)), "tags");
    let mut d = draft("ok", "2026-05-04T08:00:00+02:00");
    d.title = Some("two\nlines".into());
    assert_eq!(field_of(journal.add(d)), "title");
    assert_eq!(field_of(journal.list(0, 0)), "limit");
    assert_eq!(field_of(journal.get("../../etc".into())), "id");
    assert_eq!(journal.count().unwrap(), 0);

    let e = journal
        .add(draft("kept", "2026-05-04T08:00:00+02:00"))
        .unwrap();
    assert_eq!(
        field_of(journal.edit(e.id.clone(), JournalUpdate::default())),
        "update"
    );
    assert_eq!(
        field_of(journal.edit(
            e.id.clone(),
            JournalUpdate {
                body: Some(long),
                ..Default::default()
            }
        )),
        "body"
    );
    assert_eq!(journal.get(e.id.clone()).unwrap(), e);
    assert!(journal.history(e.id).unwrap().is_empty());
}

#[test]
fn missing_entries_are_not_found() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    let ghost = "0123456789abcdef0123456789abcdef".to_string();
    for result in [
        journal.get(ghost.clone()).map(|_| ()),
        journal.delete(ghost.clone()),
        journal
            .edit(
                ghost.clone(),
                JournalUpdate {
                    body: Some("x".into()),
                    ..Default::default()
                },
            )
            .map(|_| ()),
        journal.history(ghost).map(|_| ()),
    ] {
        assert!(
            matches!(result, Err(RespiteError::NotFound { .. })),
            "{result:?}"
        );
    }
}

#[test]
fn flipping_any_byte_of_a_record_is_an_integrity_error_for_that_record_only() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    let victim = journal
        .add(draft("the one we tamper with", "2026-05-04T08:00:00+02:00"))
        .unwrap();
    let bystander = journal
        .add(draft("left alone", "2026-05-03T08:00:00+02:00"))
        .unwrap();
    let original = sealed_of(&path, &victim.id);
    for i in 0..original.len() {
        let mut bad = original.clone();
        bad[i] ^= 0x01;
        set_sealed(&path, &victim.id, &bad);
        assert!(
            matches!(
                journal.get(victim.id.clone()),
                Err(RespiteError::Integrity { .. })
            ),
            "byte {i}"
        );
        let page = journal.list(0, 10).unwrap();
        assert_eq!(page.entries, vec![bystander.clone()], "byte {i}");
        assert_eq!(page.damaged.len(), 1);
        assert_eq!(page.damaged[0].id, victim.id);
    }
    // Truncated and empty ciphertexts are damage too, never a panic.
    for bad in [&original[..original.len() / 2], &[][..]] {
        set_sealed(&path, &victim.id, bad);
        assert!(matches!(
            journal.get(victim.id.clone()),
            Err(RespiteError::Integrity { .. })
        ));
    }
    set_sealed(&path, &victim.id, &original);
    assert_eq!(journal.get(victim.id.clone()).unwrap(), victim);
}

#[test]
fn swapped_ciphertexts_fail_to_open() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    let a = journal
        .add(draft("entry a", "2026-05-04T08:00:00+02:00"))
        .unwrap();
    let b = journal
        .add(draft("entry b", "2026-05-04T09:00:00+02:00"))
        .unwrap();
    let (sa, sb) = (sealed_of(&path, &a.id), sealed_of(&path, &b.id));
    set_sealed(&path, &a.id, &sb);
    set_sealed(&path, &b.id, &sa);
    let page = journal.list(0, 10).unwrap();
    assert!(page.entries.is_empty());
    let mut damaged: Vec<_> = page.damaged.iter().map(|d| d.id.clone()).collect();
    damaged.sort();
    let mut expected = vec![a.id, b.id];
    expected.sort();
    assert_eq!(damaged, expected);
}

#[test]
fn an_older_revision_put_back_fails_to_open() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    let e = journal
        .add(draft("what I first wrote", "2026-05-04T08:00:00+02:00"))
        .unwrap();
    let old = sealed_of(&path, &e.id);
    journal
        .edit(
            e.id.clone(),
            JournalUpdate {
                body: Some("what I meant".into()),
                ..Default::default()
            },
        )
        .unwrap();
    set_sealed(&path, &e.id, &old);
    assert!(matches!(
        journal.get(e.id),
        Err(RespiteError::Integrity { .. })
    ));
}

#[test]
fn no_sample_text_is_ever_in_the_vault_files() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    let secret = "The session about the car accident stayed with me all afternoon";
    let e = journal
        .add(JournalDraft {
            kind: JournalKind::AfterSession,
            title: Some("Tuesday, heavy".into()),
            body: secret.into(),
            tags: vec!["secondary-trauma".into()],
            moment: moment("2026-05-04T15:00:00+02:00"),
            practice_ids: vec![],
            reflection: None,
        })
        .unwrap();
    journal
        .edit(
            e.id.clone(),
            JournalUpdate {
                body: Some(format!("{secret}, and into the evening")),
                ..Default::default()
            },
        )
        .unwrap();
    for needle in [
        secret,
        "Tuesday, heavy",
        "secondary-trauma",
        "after-session",
        PASSPHRASE,
    ] {
        assert!(
            !found_in_vault_files(&path, needle.as_bytes()),
            "{needle:?} found while open"
        );
    }
    drop(journal);
    drop(vault);
    for needle in [secret, "Tuesday, heavy", "secondary-trauma", PASSPHRASE] {
        assert!(
            !found_in_vault_files(&path, needle.as_bytes()),
            "{needle:?} found after close"
        );
    }
}

#[test]
fn a_deleted_entry_leaves_no_ciphertext_behind() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    let keep = journal
        .add(draft("keep me", "2026-05-04T08:00:00+02:00"))
        .unwrap();
    let gone = journal
        .add(draft(
            &"a long reflection ".repeat(400),
            "2026-05-04T09:00:00+02:00",
        ))
        .unwrap();
    journal
        .edit(
            gone.id.clone(),
            JournalUpdate {
                body: Some("revised".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let revisions: Vec<Vec<u8>> = {
        let conn = raw(&path);
        let mut all = vec![sealed_of(&path, &gone.id)];
        all.push(
            conn.query_row(
                "SELECT sealed FROM journal_revisions WHERE entry_id = ?1",
                [&gone.id],
                |r| r.get(0),
            )
            .unwrap(),
        );
        all
    };
    journal.delete(gone.id.clone()).unwrap();
    assert!(matches!(
        journal.get(gone.id.clone()),
        Err(RespiteError::NotFound { .. })
    ));
    assert_eq!(journal.get(keep.id.clone()).unwrap(), keep);
    // While open, after the checkpoint, and after close: no 32-byte run of either
    // ciphertext is left in any vault file.
    let check = |when: &str| {
        for sealed in &revisions {
            for chunk in sealed.chunks(32).filter(|c| c.len() == 32) {
                assert!(
                    !found_in_vault_files(&path, chunk),
                    "ciphertext found {when}"
                );
            }
        }
    };
    check("while open");
    drop(journal);
    drop(vault);
    check("after close");
    let vault = Vault::open(path_str(&path)).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    assert_eq!(vault.journal().count().unwrap(), 1);
}

#[test]
fn threads_write_and_read_concurrently() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let vault = Arc::clone(&vault);
            std::thread::spawn(move || {
                let journal = vault.journal();
                for i in 0..25 {
                    let e = journal
                        .add(draft(
                            &format!("thread {t} entry {i}"),
                            "2026-05-04T08:00:00+02:00",
                        ))
                        .unwrap();
                    assert_eq!(
                        journal.get(e.id).unwrap().body,
                        format!("thread {t} entry {i}")
                    );
                    journal.list(0, 20).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(vault.journal().count().unwrap(), 100);
}

#[test]
fn a_delete_blocked_by_another_reader_says_a_copy_remains() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    let gone = journal
        .add(draft("to be deleted", "2026-05-04T18:00:00+02:00"))
        .unwrap();
    // Another program holds a read snapshot of the vault.
    let reader = raw(&path);
    reader.execute_batch("BEGIN").unwrap();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM journal_entries", [], |r| r.get(0))
        .unwrap();
    match journal.delete(gone.id.clone()) {
        Err(RespiteError::Storage { detail }) => {
            assert!(detail.contains("write-ahead log"), "{detail}")
        }
        other => panic!("{other:?}"),
    }
    // The entry is gone all the same; once the reader ends, the next write cleans up.
    assert!(matches!(
        journal.get(gone.id.clone()),
        Err(RespiteError::NotFound { .. })
    ));
    reader.execute_batch("COMMIT").unwrap();
    drop(reader);
    let other = journal
        .add(draft("another", "2026-05-04T19:00:00+02:00"))
        .unwrap();
    journal.delete(other.id).unwrap();
}

#[test]
fn reflection_words_are_taken_by_their_english_text_and_an_unknown_one_is_named_by_place() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    let reflection = |feelings: Vec<&str>| respite_core::SessionReflection {
        feelings: feelings.into_iter().map(String::from).collect(),
        body_sensations: vec!["Tight chest".into()],
        needs: vec!["to slow my breathing".into()],
        ..Default::default()
    };
    let saved = journal
        .add(JournalDraft {
            kind: JournalKind::AfterSession,
            reflection: Some(reflection(vec!["Hopeful", "proud", "PROUD"])),
            ..draft("", "2026-05-04T18:00:00+02:00")
        })
        .unwrap();
    let stored = saved.reflection.unwrap();
    assert_eq!(stored.feelings, vec!["hopeful", "proud"]);
    assert_eq!(stored.body_sensations, vec!["tight-chest"]);
    assert_eq!(stored.needs, vec!["breathe"]);
    match journal.add(JournalDraft {
        kind: JournalKind::AfterSession,
        reflection: Some(reflection(vec!["proud", "hopefull"])),
        ..draft("", "2026-05-04T19:00:00+02:00")
    }) {
        Err(RespiteError::InvalidInput { field, reason }) => {
            assert_eq!(field, "feelings");
            assert!(
                reason.contains("item 2") && reason.contains("Hopeful"),
                "{reason}"
            );
            assert!(!reason.contains("hopefull"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_heavy_session_gets_a_warm_word_and_an_ordinary_one_does_not() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let journal = vault.journal();
    let session = |intensity| {
        journal
            .add(JournalDraft {
                kind: JournalKind::AfterSession,
                reflection: Some(respite_core::SessionReflection {
                    intensity: Some(intensity),
                    ..Default::default()
                }),
                ..draft("", "2026-05-04T18:00:00+02:00")
            })
            .unwrap()
    };
    for intensity in [8, 9, 10] {
        let entry = session(intensity);
        let line = respite_core::after_session_acknowledgement(entry.clone()).expect("a warm word");
        assert!(line.key.starts_with("after-session.heavy."), "{}", line.key);
        assert!(!line.text.is_empty());
        assert_eq!(
            respite_core::after_session_acknowledgement(entry),
            Some(line),
            "stable"
        );
    }
    for intensity in [1, 5, 7] {
        assert_eq!(
            respite_core::after_session_acknowledgement(session(intensity)),
            None
        );
    }
    let free = journal
        .add(draft("just a note", "2026-05-04T19:00:00+02:00"))
        .unwrap();
    assert_eq!(respite_core::after_session_acknowledgement(free), None);
}
