//! Journal entries: sealed, revisioned, listed newest first.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::db;
use crate::error::{RespiteError, Result};
use crate::records::{self, DamagedRecord, RowRef};
use crate::time::{self, LocalMoment, Timestamp};
use crate::vault::{Keys, VaultState};

const TABLE: &str = "journal_entries";

/// Longest body accepted, in characters.
pub const MAX_BODY_CHARS: usize = 100_000;
/// Longest title accepted, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Most tags on one entry.
pub const MAX_TAGS: usize = 30;
/// Longest tag accepted, in characters.
pub const MAX_TAG_CHARS: usize = 50;
/// Most entries returned by one page of [`Journal::list`].
pub const MAX_PAGE: u32 = 1_000;

/// What kind of writing an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case")]
pub enum JournalKind {
    /// A reflection after a difficult session.
    AfterSession,
    /// Written during the transition from work to home.
    Transition,
    /// An evening reflection.
    Evening,
    /// Anything else.
    Free,
}

impl JournalKind {
    /// The stable name of this kind, as used by the CLI and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            JournalKind::AfterSession => "after-session",
            JournalKind::Transition => "transition",
            JournalKind::Evening => "evening",
            JournalKind::Free => "free",
        }
    }
}

/// A new entry, as written by the user.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JournalDraft {
    /// What kind of writing this is.
    pub kind: JournalKind,
    /// An optional short title.
    pub title: Option<String>,
    /// The text.
    pub body: String,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// When it was written, with the local UTC offset at that moment.
    pub moment: LocalMoment,
}

/// A change to an entry: fields left `None` stay as they are. An empty title
/// removes the title.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct JournalUpdate {
    /// A new kind.
    pub kind: Option<JournalKind>,
    /// A new title; `Some("")` removes it.
    pub title: Option<String>,
    /// A new body.
    pub body: Option<String>,
    /// New tags, replacing the old ones.
    pub tags: Option<Vec<String>>,
}

/// A journal entry at one revision.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JournalEntry {
    /// Random identifier.
    pub id: String,
    /// What kind of writing this is.
    pub kind: JournalKind,
    /// Optional title.
    pub title: Option<String>,
    /// The text.
    pub body: String,
    /// Tags.
    pub tags: Vec<String>,
    /// When it was written, with the local UTC offset then.
    pub moment: LocalMoment,
    /// The local day it belongs to, `YYYY-MM-DD`.
    pub local_day: String,
    /// Revision number, starting at 1 and raised by every edit.
    pub revision: u32,
    /// When this revision was saved.
    pub updated_at: Timestamp,
}

/// One page of the journal, newest first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JournalPage {
    /// The entries that opened.
    pub entries: Vec<JournalEntry>,
    /// Entries on this page that could not be opened; the rest are unaffected.
    pub damaged: Vec<DamagedRecord>,
    /// Whether there are entries after this page.
    pub has_more: bool,
}

/// The sealed part of an entry.
#[derive(Serialize, Deserialize)]
struct Payload {
    kind: JournalKind,
    title: Option<String>,
    body: String,
    tags: Vec<String>,
    at_ms: i64,
    utc_offset_minutes: i32,
}

/// A stored row before it is opened.
struct Row {
    id: String,
    day: String,
    updated_at: i64,
    revision: u32,
    sealed: Vec<u8>,
}

impl Row {
    const COLUMNS: &'static str = "id, day, updated_at, revision, sealed";

    /// Reads a row. Only the id must be intact: a row whose other columns were
    /// damaged still reads, and then fails to open, so it is reported by id.
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
        use rusqlite::types::ValueRef;
        Ok(Row {
            id: r.get(0)?,
            day: r.get(1).unwrap_or_default(),
            updated_at: r.get(2).unwrap_or_default(),
            revision: r.get(3).unwrap_or_default(),
            sealed: match r.get_ref(4)? {
                ValueRef::Blob(bytes) | ValueRef::Text(bytes) => bytes.to_vec(),
                _ => Vec::new(),
            },
        })
    }

    fn open(&self, keys: &Keys) -> Result<JournalEntry> {
        let payload = RowRef {
            table: TABLE,
            id: &self.id,
            revision: self.revision,
        }
        .open(&keys.records, &self.sealed)?;
        self.entry(payload)
    }

    /// The entry this row holds, given its opened payload.
    fn entry(&self, p: Payload) -> Result<JournalEntry> {
        Ok(JournalEntry {
            id: self.id.clone(),
            kind: p.kind,
            title: p.title,
            body: p.body,
            tags: p.tags,
            moment: LocalMoment {
                at: time::from_millis(p.at_ms)?,
                utc_offset_minutes: p.utc_offset_minutes,
            },
            local_day: self.day.clone(),
            revision: self.revision,
            updated_at: time::from_millis(self.updated_at)?,
        })
    }
}

/// The journal: reflections and free writing, sealed at rest.
#[derive(uniffi::Object)]
pub struct Journal {
    state: Arc<VaultState>,
}

impl Journal {
    pub(crate) fn new(state: Arc<VaultState>) -> Self {
        Journal { state }
    }
}

#[uniffi::export]
impl Journal {
    /// Writes a new entry and returns it.
    pub fn add(&self, draft: JournalDraft) -> Result<JournalEntry> {
        draft.moment.validate("moment")?;
        let payload = Payload {
            kind: draft.kind,
            title: clean_title(draft.title)?,
            body: clean_body(draft.body)?,
            tags: clean_tags(draft.tags)?,
            at_ms: time::to_millis(draft.moment.at),
            utc_offset_minutes: draft.moment.utc_offset_minutes,
        };
        check_not_empty(&payload)?;
        let keys = self.state.keys()?;
        let id = records::new_id()?;
        let now = time::to_millis(time::now());
        let day = draft.moment.local_day(0).to_string();
        let sealed = RowRef {
            table: TABLE,
            id: &id,
            revision: 1,
        }
        .seal(&keys.records, &payload)?;
        self.state.conn().execute(
            "INSERT INTO journal_entries (id, day, occurred_at, updated_at, revision, sealed)
             VALUES (?1, ?2, ?3, ?4, 1, ?5)",
            params![id, day, payload.at_ms, now, sealed],
        )?;
        Row {
            id,
            day,
            updated_at: now,
            revision: 1,
            sealed,
        }
        .entry(payload)
    }

    /// The current revision of an entry.
    pub fn get(&self, id: String) -> Result<JournalEntry> {
        records::check_id(&id)?;
        let keys = self.state.keys()?;
        let row = select_current(&self.state.conn(), &id)?;
        row.open(&keys)
    }

    /// A page of entries, newest first (by local day, then time written).
    /// `limit` is between 1 and 1,000. Damaged entries are named, not fatal.
    pub fn list(&self, offset: u32, limit: u32) -> Result<JournalPage> {
        if !(1..=MAX_PAGE).contains(&limit) {
            return Err(RespiteError::invalid(
                "limit",
                format!("must be between 1 and {MAX_PAGE}"),
            ));
        }
        let keys = self.state.keys()?;
        let mut rows = {
            let conn = self.state.conn();
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {} FROM journal_entries
                 ORDER BY day DESC, occurred_at DESC, rowid DESC LIMIT ?1 OFFSET ?2",
                Row::COLUMNS
            ))?;
            let rows = stmt
                .query_map(params![i64::from(limit) + 1, i64::from(offset)], Row::read)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        let has_more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let mut page = JournalPage {
            entries: Vec::with_capacity(rows.len()),
            damaged: Vec::new(),
            has_more,
        };
        for row in rows {
            match row.open(&keys) {
                Ok(entry) => page.entries.push(entry),
                Err(err) => page.damaged.push(records::damaged(row.id, &err)),
            }
        }
        Ok(page)
    }

    /// How many entries the journal holds.
    pub fn count(&self) -> Result<u64> {
        self.state.keys()?;
        let n: i64 =
            self.state
                .conn()
                .query_row("SELECT count(*) FROM journal_entries", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Changes an entry, keeping the previous revision in its history.
    pub fn edit(&self, id: String, update: JournalUpdate) -> Result<JournalEntry> {
        records::check_id(&id)?;
        if update == JournalUpdate::default() {
            return Err(RespiteError::invalid("update", "nothing to change"));
        }
        let title = update.title.map(|t| clean_title(Some(t))).transpose()?;
        let body = update.body.map(clean_body).transpose()?;
        let tags = update.tags.map(clean_tags).transpose()?;
        let keys = self.state.keys()?;
        let mut conn = self.state.conn();
        let tx = conn.transaction()?;
        let current = select_current(&tx, &id)?;
        let mut payload: Payload = RowRef {
            table: TABLE,
            id: &id,
            revision: current.revision,
        }
        .open(&keys.records, &current.sealed)?;
        if let Some(kind) = update.kind {
            payload.kind = kind;
        }
        if let Some(title) = title {
            payload.title = title;
        }
        if let Some(body) = body {
            payload.body = body;
        }
        if let Some(tags) = tags {
            payload.tags = tags;
        }
        check_not_empty(&payload)?;
        let revision = current
            .revision
            .checked_add(1)
            .ok_or_else(|| RespiteError::invalid("update", "too many revisions"))?;
        let now = time::to_millis(time::now()).max(current.updated_at);
        let sealed = RowRef {
            table: TABLE,
            id: &id,
            revision,
        }
        .seal(&keys.records, &payload)?;
        tx.execute(
            "INSERT INTO journal_revisions (entry_id, revision, updated_at, sealed)
             VALUES (?1, ?2, ?3, ?4)",
            params![id, current.revision, current.updated_at, current.sealed],
        )?;
        tx.execute(
            "UPDATE journal_entries SET revision = ?2, updated_at = ?3, sealed = ?4 WHERE id = ?1",
            params![id, revision, now, sealed],
        )?;
        tx.commit()?;
        Row {
            id,
            day: current.day,
            updated_at: now,
            revision,
            sealed,
        }
        .entry(payload)
    }

    /// Earlier revisions of an entry, newest first (the current one excluded).
    pub fn history(&self, id: String) -> Result<Vec<JournalEntry>> {
        records::check_id(&id)?;
        let keys = self.state.keys()?;
        let older = {
            let conn = self.state.conn();
            let day = select_current(&conn, &id)?.day;
            // Older revisions share the entry's day; select it alongside to reuse `Row`.
            let mut stmt = conn.prepare_cached(
                "SELECT entry_id, ?2, updated_at, revision, sealed FROM journal_revisions
                 WHERE entry_id = ?1 ORDER BY revision DESC",
            )?;
            let rows = stmt
                .query_map(params![id, day], Row::read)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        older.iter().map(|row| row.open(&keys)).collect()
    }

    /// Deletes an entry and all its revisions. The ciphertext is overwritten in the
    /// vault file and the write-ahead log is truncated, so no copy remains.
    pub fn delete(&self, id: String) -> Result<()> {
        records::check_id(&id)?;
        self.state.keys()?;
        let conn = self.state.conn();
        let deleted = conn.execute("DELETE FROM journal_entries WHERE id = ?1", [&id])?;
        if deleted == 0 {
            return Err(not_found());
        }
        db::checkpoint_truncate(&conn)?;
        Ok(())
    }
}

fn select_current(conn: &rusqlite::Connection, id: &str) -> Result<Row> {
    conn.prepare_cached(&format!(
        "SELECT {} FROM journal_entries WHERE id = ?1",
        Row::COLUMNS
    ))?
    .query_row([id], Row::read)
    .optional()?
    .ok_or_else(not_found)
}

fn not_found() -> RespiteError {
    RespiteError::NotFound {
        what: "no journal entry with that id".to_owned(),
    }
}

fn check_text(field: &str, text: &str, max_chars: usize, multiline: bool) -> Result<()> {
    if text.chars().count() > max_chars {
        return Err(RespiteError::invalid(
            field,
            format!("longer than {max_chars} characters"),
        ));
    }
    let bad_control = text
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')));
    if bad_control {
        return Err(RespiteError::invalid(field, "contains control characters"));
    }
    Ok(())
}

fn clean_title(title: Option<String>) -> Result<Option<String>> {
    let Some(title) = title else { return Ok(None) };
    let title = title.trim();
    check_text("title", title, MAX_TITLE_CHARS, false)?;
    Ok((!title.is_empty()).then(|| title.to_owned()))
}

fn clean_body(body: String) -> Result<String> {
    check_text("body", &body, MAX_BODY_CHARS, true)?;
    Ok(body)
}

fn clean_tags(tags: Vec<String>) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = tag.trim();
        if tag.is_empty() {
            return Err(RespiteError::invalid("tags", "a tag is empty"));
        }
        check_text("tags", tag, MAX_TAG_CHARS, false)?;
        if !out.iter().any(|t| t == tag) {
            out.push(tag.to_owned());
        }
    }
    if out.len() > MAX_TAGS {
        return Err(RespiteError::invalid(
            "tags",
            format!("more than {MAX_TAGS} tags"),
        ));
    }
    Ok(out)
}

fn check_not_empty(p: &Payload) -> Result<()> {
    if p.title.is_none() && p.body.trim().is_empty() && p.tags.is_empty() {
        return Err(RespiteError::invalid(
            "body",
            "an entry needs some text, a title or a tag",
        ));
    }
    Ok(())
}
