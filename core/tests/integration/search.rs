//! Private search: ranking, folding, stemming, filters, index upkeep, and that the
//! index never reaches the disk.

use crate::common::*;
use respite_core::{
    CheckInData, JournalDraft, JournalKind, JournalUpdate, RespiteError, SearchQuery, SearchSource,
    Vault,
};
use std::sync::Arc;

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        from_day: None,
        to_day: None,
        kind: None,
        tag: None,
        limit: 20,
    }
}

fn entry(vault: &Vault, kind: JournalKind, body: &str, tags: &[&str], at: &str) -> String {
    vault
        .journal()
        .add(JournalDraft {
            kind,
            moment: moment(at),
            title: None,
            body: body.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            practice_ids: vec![],
            reflection: None,
        })
        .unwrap()
        .id
}

fn ids(vault: &Vault, q: SearchQuery) -> Vec<String> {
    vault
        .journal()
        .search(q)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

fn seeded() -> (tempfile::TempDir, Arc<Vault>, Vec<String>) {
    let (dir, path) = vault_path();
    let vault = new_vault(&path);
    let a = entry(
        &vault,
        JournalKind::AfterSession,
        "Breathing helped after the session about grief and grief again.",
        &["grief"],
        "2026-05-01T15:00:00+02:00",
    );
    let b = entry(
        &vault,
        JournalKind::Evening,
        "Dinner at the Café du Nord; I breathed out for the first time today.",
        &["rest"],
        "2026-05-02T20:00:00+02:00",
    );
    let c = entry(
        &vault,
        JournalKind::Transition,
        "Parked the report. Set down the grief I carried from the ward.",
        &[],
        "2026-05-03T17:30:00+02:00",
    );
    let d = entry(
        &vault,
        JournalKind::Free,
        "Nothing to do with work at all: a long swim.",
        &["Rest"],
        "2026-05-04T09:00:00+02:00",
    );
    (dir, vault, vec![a, b, c, d])
}

#[test]
fn results_are_ranked_by_relevance() {
    let (_dir, vault, ids_) = seeded();
    let hits = vault.journal().search(query("grief")).unwrap();
    assert_eq!(hits.total_matches, 2);
    // Two mentions (and the tag) rank above one.
    assert_eq!(hits.hits[0].id, ids_[0]);
    assert_eq!(hits.hits[1].id, ids_[2]);
    assert!(hits.hits[0].score > hits.hits[1].score && hits.hits[1].score > 0.0);
    assert!(hits.hits[0].snippet.contains("grief"));
}

#[test]
fn case_diacritics_and_word_endings_are_folded() {
    let (_dir, vault, e) = seeded();
    assert_eq!(ids(&vault, query("CAFE")), vec![e[1].clone()]);
    assert_eq!(ids(&vault, query("café")), vec![e[1].clone()]);
    let breath = ids(&vault, query("breathe"));
    assert_eq!(breath.len(), 2);
    assert!(breath.contains(&e[0]) && breath.contains(&e[1]));
    assert_eq!(ids(&vault, query("reports")), vec![e[2].clone()]);
    assert!(ids(&vault, query("xylophone")).is_empty());
}

#[test]
fn filters_by_day_kind_and_tag() {
    let (_dir, vault, e) = seeded();
    let q =
        |from: Option<&str>, to: Option<&str>, kind, tag: Option<&str>, text: &str| SearchQuery {
            from_day: from.map(Into::into),
            to_day: to.map(Into::into),
            kind,
            tag: tag.map(Into::into),
            ..query(text)
        };
    assert_eq!(
        ids(&vault, q(Some("2026-05-02"), None, None, None, "grief")),
        vec![e[2].clone()]
    );
    assert_eq!(
        ids(&vault, q(None, Some("2026-05-01"), None, None, "grief")),
        vec![e[0].clone()]
    );
    assert_eq!(
        ids(
            &vault,
            q(None, None, Some(JournalKind::Transition), None, "grief")
        ),
        vec![e[2].clone()]
    );
    // With no words, the filters alone list newest first; tags ignore case.
    assert_eq!(
        ids(&vault, q(None, None, None, Some("REST"), "")),
        vec![e[3].clone(), e[1].clone()]
    );
    let field = |r: Result<_, RespiteError>| match r {
        Err(RespiteError::InvalidInput { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        field(vault.journal().search(SearchQuery {
            limit: 0,
            ..query("x")
        })),
        "limit"
    );
    assert_eq!(
        field(vault.journal().search(SearchQuery {
            limit: 201,
            ..query("x")
        })),
        "limit"
    );
    assert_eq!(
        field(
            vault
                .journal()
                .search(q(Some("yesterday"), None, None, None, "x"))
        ),
        "from_day"
    );
}

#[test]
fn checkin_notes_are_searched_but_not_under_a_journal_filter() {
    let (_dir, vault, _) = seeded();
    let c = vault
        .checkins()
        .add(CheckInData {
            pleasantness: Some(0.2),
            emotions: vec!["anxious".into()],
            note: Some("Swimming again tomorrow morning.".into()),
            ..CheckInData::new(moment("2026-05-05T21:00:00+02:00"))
        })
        .unwrap();
    let hits = vault.journal().search(query("swim")).unwrap().hits;
    assert_eq!(hits.len(), 2);
    assert_eq!(
        hits.iter()
            .filter(|h| h.source == SearchSource::CheckIn)
            .count(),
        1
    );
    // Emotion labels are searchable by their display text.
    assert_eq!(ids(&vault, query("anxious")), vec![c.id.clone()]);
    assert!(ids(
        &vault,
        SearchQuery {
            kind: Some(JournalKind::Free),
            ..query("swimming")
        }
    )
    .iter()
    .all(|id| *id != c.id));
}

#[test]
fn writes_after_the_first_search_keep_the_index_current() {
    let (_dir, vault, e) = seeded();
    let j = vault.journal();
    assert_eq!(ids(&vault, query("lighthouse")), Vec::<String>::new());
    let new = entry(
        &vault,
        JournalKind::Free,
        "Walked to the lighthouse.",
        &[],
        "2026-05-06T10:00:00+02:00",
    );
    assert_eq!(ids(&vault, query("lighthouse")), vec![new.clone()]);
    j.edit(
        e[3].clone(),
        JournalUpdate {
            body: Some("A long swim to the lighthouse.".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(ids(&vault, query("lighthouse")).len(), 2);
    assert!(
        ids(&vault, query("nothing")).is_empty(),
        "the old wording is gone from the index"
    );
    j.delete(new).unwrap();
    assert_eq!(ids(&vault, query("lighthouse")), vec![e[3].clone()]);
}

#[test]
fn locking_drops_the_index_and_unlocking_rebuilds_it() {
    let (_dir, vault, e) = seeded();
    assert_eq!(ids(&vault, query("swim")), vec![e[3].clone()]);
    vault.lock();
    assert_eq!(
        vault.journal().search(query("swim")).err(),
        Some(RespiteError::Locked)
    );
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    assert_eq!(ids(&vault, query("swim")), vec![e[3].clone()]);
}

#[test]
fn damaged_records_are_named_not_fatal() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let good = entry(
        &vault,
        JournalKind::Free,
        "harbour lights",
        &[],
        "2026-05-01T10:00:00+02:00",
    );
    let bad = entry(
        &vault,
        JournalKind::Free,
        "harbour fog",
        &[],
        "2026-05-02T10:00:00+02:00",
    );
    let mut sealed = sealed_of(&path, &bad);
    sealed[20] ^= 1;
    set_sealed(&path, &bad, &sealed);
    let results = vault.journal().search(query("harbour")).unwrap();
    assert_eq!(
        results
            .hits
            .iter()
            .map(|h| h.id.clone())
            .collect::<Vec<_>>(),
        vec![good]
    );
    assert_eq!(results.damaged.len(), 1);
    assert_eq!(results.damaged[0].id, bad);
}

#[test]
fn neither_searched_text_nor_the_index_reaches_the_vault_files() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let secret = "Supervision about the overdose case left me shaking";
    entry(
        &vault,
        JournalKind::AfterSession,
        secret,
        &["overdose-case"],
        "2026-05-01T10:00:00+02:00",
    );
    let hits = vault.journal().search(query("overdose shaking")).unwrap();
    assert_eq!(hits.hits.len(), 1);
    // Whole text, words, folded and stemmed terms: none is in any file, open or closed.
    let needles = [
        secret,
        "overdose",
        "Supervision",
        "supervision",
        "shaking",
        "shak",
        "overdose-case",
    ];
    for n in needles {
        assert!(
            !found_in_vault_files(&path, n.as_bytes()),
            "{n} found while open"
        );
    }
    drop(vault);
    for n in needles {
        assert!(
            !found_in_vault_files(&path, n.as_bytes()),
            "{n} found after close"
        );
    }
}
