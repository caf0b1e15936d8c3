//! Private full-text search. The index lives only in memory: it is built from
//! decrypted journal entries and check-in notes on the first search after unlock,
//! kept up to date by writes, and dropped when the vault locks. Ranking is BM25.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Mutex, MutexGuard};

use crate::checkins::{self, CheckIn};
use crate::content::catalogue;
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::journal::{self, JournalEntry, JournalKind};
use crate::store::sealed::{DamagedRecord, DayRange};
use crate::store::Store;
use crate::text;
use crate::validate;

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Characters of context in a snippet.
const SNIPPET_CHARS: usize = 160;
/// Most hits returned by one search.
pub const MAX_HITS: u32 = 200;

/// What to search for. Text is matched word by word (case, accents and simple
/// English word endings ignored); an empty text lists whatever the filters allow.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SearchQuery {
    /// The words to look for.
    pub text: String,
    /// Earliest local day, `YYYY-MM-DD`.
    #[uniffi(default)]
    pub from_day: Option<String>,
    /// Latest local day, `YYYY-MM-DD`.
    #[uniffi(default)]
    pub to_day: Option<String>,
    /// Only journal entries of this kind (check-ins are left out).
    #[uniffi(default)]
    pub kind: Option<JournalKind>,
    /// Only journal entries with this tag (case and accents ignored).
    #[uniffi(default)]
    pub tag: Option<String>,
    /// Most hits to return, 1–200.
    #[uniffi(default = 20)]
    pub limit: u32,
}

/// Where a hit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SearchSource {
    /// A journal entry.
    JournalEntry,
    /// A check-in's note.
    CheckIn,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SearchHit {
    /// Whether this is a journal entry or a check-in.
    pub source: SearchSource,
    /// The record's id.
    pub id: String,
    /// Its local day.
    pub local_day: String,
    /// The journal kind (none for check-ins).
    pub kind: Option<JournalKind>,
    /// The entry's title, if any.
    pub title: Option<String>,
    /// A short excerpt around the first match.
    pub snippet: String,
    /// BM25 relevance; higher is better (0 when there were no search words).
    pub score: f64,
}

/// Results of a search.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SearchResults {
    /// The best hits, best first (newest first when there were no search words).
    pub hits: Vec<SearchHit>,
    /// How many records matched in all.
    pub total_matches: u32,
    /// Records that could not be opened and so were not searched.
    pub damaged: Vec<DamagedRecord>,
}

/// A fast, non-cryptographic hash for the index's private maps (the keys are the
/// user's own words, hashed in memory only).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A searchable record.
struct Doc {
    id: String,
    source: SearchSource,
    day: String,
    /// For ordering hits without search words: newest first.
    occurred_at: i64,
    kind: Option<JournalKind>,
    tags: Vec<String>,
    title: Option<String>,
    /// The text snippets are cut from.
    text: String,
    /// Distinct term ids and their frequencies.
    terms: Vec<(u32, u32)>,
    len: u32,
}

/// Term ids: every distinct search term gets one. Words are folded and stemmed once
/// each; a cache maps the raw word to its id.
#[derive(Default)]
struct Terms {
    ids: FastMap<String, u32>,
    by_word: FastMap<String, u32>,
}

impl Terms {
    fn id_of_word(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.by_word.get(word) {
            return id;
        }
        let term = text::term(word);
        let next = self.ids.len() as u32;
        let id = *self.ids.entry(term).or_insert(next);
        self.by_word.insert(word.to_owned(), id);
        id
    }

    /// Term ids and frequencies of several pieces of text, and the number of words.
    fn count<'a>(&mut self, parts: impl Iterator<Item = &'a str>) -> (Vec<(u32, u32)>, u32) {
        let mut ids = Vec::new();
        for part in parts {
            for (_, word) in text::words(part) {
                ids.push(self.id_of_word(word));
            }
        }
        let len = ids.len() as u32;
        ids.sort_unstable();
        let mut counted: Vec<(u32, u32)> = Vec::new();
        for id in ids {
            match counted.last_mut() {
                Some((last, n)) if *last == id => *n += 1,
                _ => counted.push((id, 1)),
            }
        }
        (counted, len)
    }
}

/// The in-memory inverted index.
#[derive(Default)]
pub(crate) struct Index {
    /// Documents by number; `None` once removed.
    docs: Vec<Option<Doc>>,
    by_id: FastMap<String, u32>,
    terms: Terms,
    /// Per term id: (document number, term frequency).
    postings: Vec<Vec<(u32, u32)>>,
    live: u32,
    total_len: u64,
    damaged: Vec<DamagedRecord>,
}

impl Index {
    fn insert(&mut self, mut doc: Doc, parts: &[&str]) {
        self.remove(&doc.id);
        let (terms, len) = self.terms.count(parts.iter().copied());
        doc.terms = terms;
        doc.len = len;
        let number = self.docs.len() as u32;
        if self.postings.len() < self.terms.ids.len() {
            self.postings.resize_with(self.terms.ids.len(), Vec::new);
        }
        for &(term, tf) in &doc.terms {
            self.postings[term as usize].push((number, tf));
        }
        self.total_len += u64::from(doc.len);
        self.live += 1;
        self.by_id.insert(doc.id.clone(), number);
        self.docs.push(Some(doc));
    }

    /// Forgets a record (after it was deleted).
    pub(crate) fn remove(&mut self, id: &str) {
        if let Some(number) = self.by_id.remove(id) {
            if let Some(doc) = self.docs[number as usize].take() {
                for (term, _) in &doc.terms {
                    self.postings[*term as usize].retain(|(d, _)| *d != number);
                }
                self.total_len -= u64::from(doc.len);
                self.live -= 1;
            }
        }
        self.damaged.retain(|d| d.id != id);
    }

    /// Adds or replaces a journal entry.
    pub(crate) fn put_entry(&mut self, e: &JournalEntry) {
        let labels = e
            .reflection
            .iter()
            .flat_map(|r| r.feelings.iter().chain(&r.body_sensations).chain(&r.needs))
            .filter_map(|id| catalogue::text_of(id));
        let parts: Vec<&str> = [e.title.as_deref().unwrap_or(""), e.body.as_str()]
            .into_iter()
            .chain(e.tags.iter().map(String::as_str))
            .chain(labels)
            .chain(e.transition.iter().flat_map(|t| t.texts()))
            .collect();
        let doc = Doc {
            id: e.id.clone(),
            source: SearchSource::JournalEntry,
            day: e.local_day.clone(),
            occurred_at: e.moment.at.timestamp_millis(),
            kind: Some(e.kind),
            tags: e.tags.iter().map(|t| text::fold(t)).collect(),
            title: e.title.clone(),
            // Snippets come from the text, or for a transition from its answers.
            text: match &e.transition {
                Some(t) if e.body.trim().is_empty() => t.texts().join(" · "),
                _ => e.body.clone(),
            },
            terms: Vec::new(),
            len: 0,
        };
        self.insert(doc, &parts);
    }

    /// Adds or replaces a check-in.
    pub(crate) fn put_checkin(&mut self, c: &CheckIn) {
        let note = c.data.note.clone().unwrap_or_default();
        let labels = c
            .data
            .emotions
            .iter()
            .filter_map(|id| catalogue::text_of(id));
        let parts: Vec<&str> = std::iter::once(note.as_str()).chain(labels).collect();
        let doc = Doc {
            id: c.id.clone(),
            source: SearchSource::CheckIn,
            day: c.local_day.clone(),
            occurred_at: c.data.moment.at.timestamp_millis(),
            kind: None,
            tags: Vec::new(),
            title: None,
            text: note.clone(),
            terms: Vec::new(),
            len: 0,
        };
        self.insert(doc, &parts);
    }

    fn search(&self, query: &Filter, terms: &[String], limit: usize) -> (Vec<SearchHit>, u32) {
        let n = f64::from(self.live);
        let avg_len = if self.live == 0 {
            1.0
        } else {
            (self.total_len as f64 / n).max(1.0)
        };
        let live = self
            .docs
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.as_ref().map(|d| (i, d)));
        let mut scored: Vec<(f64, &Doc)> = if terms.is_empty() {
            live.filter(|(_, d)| query.accepts(d))
                .map(|(_, d)| (0.0, d))
                .collect()
        } else {
            let mut scores = vec![0.0f64; self.docs.len()];
            for term in terms {
                let Some(&id) = self.terms.ids.get(term) else {
                    continue;
                };
                let list = &self.postings[id as usize];
                let df = list.len() as f64;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                for &(number, tf) in list {
                    let len = self.docs[number as usize].as_ref().map_or(0, |d| d.len);
                    let tf = f64::from(tf);
                    let norm = K1 * (1.0 - B + B * f64::from(len) / avg_len);
                    scores[number as usize] += idf * tf * (K1 + 1.0) / (tf + norm);
                }
            }
            live.filter(|(i, d)| scores[*i] > 0.0 && query.accepts(d))
                .map(|(i, d)| (scores[i], d))
                .collect()
        };
        let total = scored.len() as u32;
        scored.sort_by(|(sa, a), (sb, b)| {
            sb.total_cmp(sa)
                .then_with(|| b.day.cmp(&a.day))
                .then_with(|| b.occurred_at.cmp(&a.occurred_at))
                .then_with(|| a.id.cmp(&b.id))
        });
        let wanted: HashSet<&str> = terms.iter().map(String::as_str).collect();
        let hits = scored
            .into_iter()
            .take(limit)
            .map(|(score, d)| SearchHit {
                source: d.source,
                id: d.id.clone(),
                local_day: d.day.clone(),
                kind: d.kind,
                title: d.title.clone(),
                snippet: snippet(&d.text, &wanted),
                score,
            })
            .collect();
        (hits, total)
    }
}

/// The filters of a query, checked.
struct Filter {
    days: DayRange,
    kind: Option<JournalKind>,
    tag: Option<String>,
}

impl Filter {
    fn accepts(&self, d: &Doc) -> bool {
        if !self.days.contains(&d.day) {
            return false;
        }
        if self.kind.is_some() && d.kind != self.kind {
            return false;
        }
        match &self.tag {
            Some(tag) => d.tags.iter().any(|t| t == tag),
            None => true,
        }
    }
}

/// A window of `text` around the first word whose term is wanted (the start of the
/// text when none is), on word boundaries, with ellipses where it was cut.
fn snippet(text: &str, wanted: &HashSet<&str>) -> String {
    let first = text::words(text)
        .find(|(_, w)| wanted.contains(text::term(w).as_str()))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = chars.partition_point(|(i, _)| *i < first);
    let mut start = at.saturating_sub(SNIPPET_CHARS / 3);
    while start > 0 && !chars[start - 1].1.is_whitespace() {
        start -= 1;
    }
    let mut end = (start + SNIPPET_CHARS).min(chars.len());
    while end < chars.len() && !chars[end].1.is_whitespace() {
        end += 1;
    }
    let body: String = chars[start..end]
        .iter()
        .map(|(_, c)| if c.is_whitespace() { ' ' } else { *c })
        .collect();
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(body.trim());
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// Builds the index from every journal entry and check-in.
fn build(store: &Store) -> Result<Index> {
    let keys = store.keys()?;
    let conn = store.conn();
    let all = DayRange::all();
    let mut index = Index::default();
    let mut damaged = journal::each_in(&conn, &keys, &all, &mut |entry| {
        index.put_entry(&entry);
        Ok(())
    })?;
    damaged.extend(checkins::each_in(&conn, &keys, &all, &mut |checkin| {
        index.put_checkin(&checkin);
        Ok(())
    })?);
    index.damaged = damaged;
    Ok(index)
}

/// The search index of an unlocked vault: built from decrypted records on the first
/// search, kept up to date by writes, and dropped on lock.
#[derive(Default)]
pub(crate) struct SearchIndex(Mutex<Option<Index>>);

impl SearchIndex {
    fn slot(&self) -> MutexGuard<'_, Option<Index>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keeps a built index up to date with a written journal entry.
    pub(crate) fn put_entry(&self, entry: &JournalEntry) {
        if let Some(index) = self.slot().as_mut() {
            index.put_entry(entry);
        }
    }

    /// Keeps a built index up to date with a written check-in.
    pub(crate) fn put_checkin(&self, checkin: &CheckIn) {
        if let Some(index) = self.slot().as_mut() {
            index.put_checkin(checkin);
        }
    }

    /// Forgets a deleted record.
    pub(crate) fn remove(&self, id: &str) {
        if let Some(index) = self.slot().as_mut() {
            index.remove(id);
        }
    }

    /// Drops the index (on lock, or after records changed in bulk); the next search
    /// builds it again.
    pub(crate) fn clear(&self) {
        *self.slot() = None;
    }

    /// Runs `query`, building the index first if this is the first search since
    /// unlock or since the index was dropped.
    pub(crate) fn search(&self, store: &Store, query: SearchQuery) -> Result<SearchResults> {
        validate::check_text("text", &query.text, validate::MAX_LINE_CHARS, false)?;
        if !(1..=MAX_HITS).contains(&query.limit) {
            return Err(RespiteError::invalid(
                "limit",
                format!("must be between 1 and {MAX_HITS}"),
            )
            .into());
        }
        let filter = Filter {
            days: DayRange::new(query.from_day.as_deref(), query.to_day.as_deref())?,
            kind: query.kind,
            tag: query
                .tag
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(text::fold),
        };
        let mut terms: Vec<String> = text::terms(&query.text).collect();
        terms.sort();
        terms.dedup();
        let mut slot = self.slot();
        let index = match slot.take() {
            Some(index) => index,
            None => build(store)?,
        };
        // A lock while the index was built leaves it unused.
        store.keys()?;
        let (hits, total_matches) = index.search(&filter, &terms, query.limit as usize);
        let results = SearchResults {
            hits,
            total_matches,
            damaged: index.damaged.clone(),
        };
        *slot = Some(index);
        Ok(results)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_centre_on_the_first_match_and_mark_cuts() {
        let text = format!(
            "{} the breathing exercise helped {}",
            "word ".repeat(60),
            "more ".repeat(60)
        );
        let wanted: HashSet<&str> = ["breath"].into_iter().collect();
        let s = snippet(&text, &wanted);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("breathing exercise"));
        assert!(s.chars().count() <= SNIPPET_CHARS + 20);
        assert_eq!(snippet("short text", &wanted), "short text");
    }
}
