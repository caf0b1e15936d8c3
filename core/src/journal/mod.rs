//! Journal entries: after-session reflections, transition and evening writing, free
//! entries. Sealed, revisioned, listed newest first, searchable in memory.

pub(crate) mod transition;

pub use transition::{ParkedItem, TransitionRecord};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::content::catalogue::{self, LabelKind};
use crate::content::wording::{self, WordedLine};
use crate::crypto::keys::VaultKeys;
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::store::sealed::{
    self, DamagedRecord, DayRange, Opened, Placement, StoredRow, HISTORY_TABLE,
};
use crate::store::{state, Store};
use crate::time::{self, LocalMoment, Timestamp};
use crate::validate::{self, MAX_LINE_CHARS};

pub(crate) const TABLE: &str = "journal_entries";

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

/// The structured part of an after-session reflection. Every field is optional: the
/// quick path is one value and a tap.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(default)]
pub struct SessionReflection {
    /// How intense the session was, 0–10.
    #[uniffi(default)]
    pub intensity: Option<u8>,
    /// How activated I feel now, 0–10.
    #[uniffi(default)]
    pub activation_before: Option<u8>,
    /// How activated I feel after a regulation practice, 0–10.
    #[uniffi(default)]
    pub activation_after: Option<u8>,
    /// Feeling labels (emotion ids from the catalogue).
    #[uniffi(default)]
    pub feelings: Vec<String>,
    /// Body sensations (ids from the catalogue).
    #[uniffi(default)]
    pub body_sensations: Vec<String>,
    /// What I need now (ids from the catalogue).
    #[uniffi(default)]
    pub needs: Vec<String>,
    /// The regulation practice used (a practice id).
    #[uniffi(default)]
    pub practice: Option<String>,
}

impl SessionReflection {
    fn is_empty(&self) -> bool {
        self == &SessionReflection::default()
    }

    fn validated(self) -> Result<Self> {
        validate::scale("intensity", self.intensity, 0, 10)?;
        validate::scale("activation_before", self.activation_before, 0, 10)?;
        validate::scale("activation_after", self.activation_after, 0, 10)?;
        if let Some(practice) = &self.practice {
            validate::practice_ids("practice", vec![practice.clone()])?;
        }
        Ok(SessionReflection {
            feelings: catalogue::label_ids("feelings", self.feelings, LabelKind::Emotion)?,
            body_sensations: catalogue::label_ids(
                "body_sensations",
                self.body_sensations,
                LabelKind::BodySensation,
            )?,
            needs: catalogue::label_ids("needs", self.needs, LabelKind::Need)?,
            ..self
        })
    }
}

/// A new entry, as written by the user.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JournalDraft {
    /// What kind of writing this is.
    pub kind: JournalKind,
    /// When it was written, with the local UTC offset at that moment.
    pub moment: LocalMoment,
    /// An optional short title.
    #[uniffi(default)]
    pub title: Option<String>,
    /// The text (for a reflection: the short note).
    #[uniffi(default)]
    pub body: String,
    /// Free-form tags.
    #[uniffi(default)]
    pub tags: Vec<String>,
    /// Practices from the plan this entry is about.
    #[uniffi(default)]
    pub practice_ids: Vec<String>,
    /// For after-session entries: the structured reflection.
    #[uniffi(default)]
    pub reflection: Option<SessionReflection>,
}

/// A change to an entry: fields left `None` stay as they are. An empty title removes
/// the title; an empty reflection removes the reflection.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct JournalUpdate {
    /// A new kind.
    #[uniffi(default)]
    pub kind: Option<JournalKind>,
    /// A new title; `Some("")` removes it.
    #[uniffi(default)]
    pub title: Option<String>,
    /// A new body.
    #[uniffi(default)]
    pub body: Option<String>,
    /// New tags, replacing the old ones.
    #[uniffi(default)]
    pub tags: Option<Vec<String>>,
    /// New practice links, replacing the old ones.
    #[uniffi(default)]
    pub practice_ids: Option<Vec<String>>,
    /// A new reflection, replacing the old one.
    #[uniffi(default)]
    pub reflection: Option<SessionReflection>,
}

/// A journal entry at one revision.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
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
    /// Linked practices.
    pub practice_ids: Vec<String>,
    /// The structured reflection of an after-session entry.
    pub reflection: Option<SessionReflection>,
    /// The answers of a transition entry (written by the transition flow).
    pub transition: Option<TransitionRecord>,
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
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct JournalPage {
    /// The entries that opened.
    pub entries: Vec<JournalEntry>,
    /// Entries on this page that could not be opened; the rest are unaffected.
    pub damaged: Vec<DamagedRecord>,
    /// Whether there are entries after this page.
    pub has_more: bool,
}

/// The sealed part of an entry. Fields added after format 1 default when absent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Payload {
    pub(crate) kind: JournalKind,
    pub(crate) title: Option<String>,
    pub(crate) body: String,
    pub(crate) tags: Vec<String>,
    at_ms: i64,
    utc_offset_minutes: i32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    practice_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reflection: Option<SessionReflection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    transition: Option<TransitionRecord>,
}

impl Payload {
    /// Validates a draft into the stored form.
    pub(crate) fn of_draft(
        draft: JournalDraft,
        transition: Option<TransitionRecord>,
    ) -> Result<Payload> {
        draft.moment.validate("moment")?;
        let payload = Payload {
            kind: draft.kind,
            title: validate::optional_line("title", draft.title, MAX_LINE_CHARS)?,
            body: validate::long_text("body", draft.body)?,
            tags: validate::tags("tags", draft.tags)?,
            at_ms: time::to_millis(draft.moment.at),
            utc_offset_minutes: draft.moment.utc_offset_minutes,
            practice_ids: validate::practice_ids("practice_ids", draft.practice_ids)?,
            reflection: reflection(draft.reflection)?,
            transition,
        };
        payload.check()?;
        Ok(payload)
    }

    fn check(&self) -> Result<()> {
        if self.reflection.is_some() && self.kind != JournalKind::AfterSession {
            return Err(RespiteError::invalid(
                "reflection",
                "only after-session entries carry a reflection",
            )
            .into());
        }
        if self.transition.is_some() && self.kind != JournalKind::Transition {
            return Err(RespiteError::invalid(
                "kind",
                "an entry with transition answers stays a transition entry",
            )
            .into());
        }
        let nothing = self.title.is_none()
            && self.body.trim().is_empty()
            && self.tags.is_empty()
            && self.practice_ids.is_empty()
            && self.reflection.is_none()
            && self.transition.is_none();
        if nothing {
            return Err(RespiteError::invalid(
                "body",
                "an entry needs some text, a title, a tag or a reflection value",
            )
            .into());
        }
        Ok(())
    }
}

/// Calls `f` with every earlier revision of every entry, by entry and revision; the
/// rows carry no day or time of their own.
pub(crate) fn each_history_row(
    conn: &Connection,
    f: &mut dyn FnMut(StoredRow) -> Result<()>,
) -> Result<()> {
    sealed::each_selected(
        conn,
        "SELECT entry_id, '', 0, updated_at, revision, sealed FROM journal_revisions
         ORDER BY entry_id, revision",
        [],
        f,
    )
}

/// The sealed bytes of revision `revision` in the history of entry `id`, if kept.
pub(crate) fn history_sealed(
    conn: &Connection,
    id: &str,
    revision: u32,
) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached(
            "SELECT sealed FROM journal_revisions WHERE entry_id = ?1 AND revision = ?2",
        )?
        .query_row(params![id, revision], |r| r.get(0))
        .optional()?)
}

/// Keeps `row` (a revision of an entry) in the entry's history, recording it in the
/// vault's state.
pub(crate) fn keep_in_history(
    conn: &rusqlite::Connection,
    keys: &VaultKeys,
    row: &StoredRow,
) -> Result<()> {
    state::atomically(conn, || {
        conn.prepare_cached(
            "INSERT INTO journal_revisions (entry_id, revision, updated_at, sealed)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![row.id, row.revision, row.updated_at, row.sealed])?;
        let kept = StoredRow {
            day: String::new(),
            occurred_at: 0,
            ..row.clone()
        };
        state::record(conn, keys, HISTORY_TABLE, &[], &[&kept])
    })
}

/// Every entry on `days`, oldest first, and the entries that did not open.
pub(crate) fn all_in(
    conn: &Connection,
    keys: &VaultKeys,
    days: &DayRange,
) -> Result<Opened<JournalEntry>> {
    sealed::open_all(conn, TABLE, days, |row| Ok(open_row(row, keys)?.1))
}

/// Calls `each` with every entry on `days`, oldest first, one at a time; returns the
/// entries that did not open.
pub(crate) fn each_in(
    conn: &Connection,
    keys: &VaultKeys,
    days: &DayRange,
    each: &mut dyn FnMut(JournalEntry) -> Result<()>,
) -> Result<Vec<DamagedRecord>> {
    sealed::open_each(conn, TABLE, days, |row| Ok(open_row(row, keys)?.1), each)
}

/// Opens a stored entry row: its payload and the entry it makes.
pub(crate) fn open_row(row: &StoredRow, keys: &VaultKeys) -> Result<(Payload, JournalEntry)> {
    let payload: Payload = row.place(TABLE).open(keys, &row.sealed)?;
    let entry = entry_of(row, payload.clone())?;
    Ok((payload, entry))
}

fn entry_of(row: &StoredRow, p: Payload) -> Result<JournalEntry> {
    Ok(JournalEntry {
        id: row.id.clone(),
        kind: p.kind,
        title: p.title,
        body: p.body,
        tags: p.tags,
        practice_ids: p.practice_ids,
        reflection: p.reflection,
        transition: p.transition,
        moment: LocalMoment {
            at: time::from_millis(p.at_ms)?,
            utc_offset_minutes: p.utc_offset_minutes,
        },
        local_day: row.day.clone(),
        revision: row.revision,
        updated_at: time::from_millis(row.updated_at)?,
    })
}

/// Writes a new entry, with transition answers when the transition flow saves one.
pub(crate) fn add_with(
    store: &Store,
    draft: JournalDraft,
    transition: Option<TransitionRecord>,
) -> Result<JournalEntry> {
    let moment = draft.moment;
    let payload = Payload::of_draft(draft, transition)?;
    let keys = store.keys()?;
    let conn = store.conn();
    let day_start = crate::store::settings::load(&conn, &keys)?.day_start_hour;
    let at = Placement::of(&moment, day_start);
    let plain = sealed::encode(&payload)?;
    let row = sealed::write_new(&conn, &keys, TABLE, sealed::new_id()?, at, &plain)?;
    entry_of(&row, payload)
}

/// Writes a transition entry (from the transition flow).
pub(crate) fn add_transition(
    store: &Store,
    draft: JournalDraft,
    record: TransitionRecord,
) -> Result<JournalEntry> {
    add_with(store, draft, Some(record))
}

/// Changes the transition answers of a transition entry with `change`, reading and
/// writing in one transaction so that no concurrent change is lost; a new revision
/// only when `change` says it changed something.
pub(crate) fn edit_transition(
    store: &Store,
    id: String,
    change: impl FnOnce(&mut TransitionRecord) -> Result<bool>,
) -> Result<JournalEntry> {
    edit_payload_if(store, id, |payload| {
        let record = payload
            .transition
            .as_mut()
            .ok_or_else(|| RespiteError::invalid("entry_id", "not a transition entry"))?;
        change(record)
    })
}

/// Changes an entry's payload with `change`, keeping the previous revision.
fn edit_payload(
    store: &Store,
    id: String,
    change: impl FnOnce(&mut Payload) -> Result<()>,
) -> Result<JournalEntry> {
    edit_payload_if(store, id, |payload| change(payload).map(|()| true))
}

/// Like [`edit_payload`], writing nothing when `change` returns false.
fn edit_payload_if(
    store: &Store,
    id: String,
    change: impl FnOnce(&mut Payload) -> Result<bool>,
) -> Result<JournalEntry> {
    sealed::check_id(&id)?;
    let keys = store.keys()?;
    let mut conn = store.conn();
    let tx = conn.transaction()?;
    let current = sealed::select(&tx, TABLE, &id)?.ok_or_else(not_found)?;
    let (mut payload, unchanged) = open_row(&current, &keys)?;
    if !change(&mut payload)? {
        return Ok(unchanged);
    }
    payload.check()?;
    keep_in_history(&tx, &keys, &current)?;
    let plain = sealed::encode(&payload)?;
    let row = sealed::write_next(&tx, &keys, TABLE, &current, current.placement(), &plain)?;
    tx.commit()?;
    entry_of(&row, payload)
}

/// The intensity from which a session counts as heavy and is acknowledged.
pub(crate) const HEAVY_SESSION: u8 = 8;

/// A short, warm acknowledgement for an after-session entry whose intensity was
/// [`HEAVY_SESSION`] or more; `None` otherwise. The variant follows the entry's id, so
/// the same entry always reads the same.
pub(crate) fn acknowledgement(entry: &JournalEntry) -> Option<WordedLine> {
    let intensity = entry.reflection.as_ref()?.intensity?;
    if intensity < HEAVY_SESSION {
        return None;
    }
    let n = entry
        .id
        .get(..2)
        .and_then(|hex| usize::from_str_radix(hex, 16).ok())
        .unwrap_or(0);
    Some(wording::line(
        &format!(
            "{}.text",
            wording::variant("after-session.heavy", "text", n)
        ),
        Vec::new(),
    ))
}

/// Writes a new entry and returns it. The local day follows the vault's
/// `day_start_hour` setting.
pub(crate) fn add(store: &Store, draft: JournalDraft) -> Result<JournalEntry> {
    add_with(store, draft, None)
}

/// The current revision of an entry.
pub(crate) fn get(store: &Store, id: String) -> Result<JournalEntry> {
    sealed::check_id(&id)?;
    let keys = store.keys()?;
    let row = sealed::select(&store.conn(), TABLE, &id)?.ok_or_else(not_found)?;
    Ok(open_row(&row, &keys)?.1)
}

/// A page of entries, newest first (by local day, then time written).
/// `limit` is between 1 and 1,000. Damaged entries are named, not fatal.
pub(crate) fn list(store: &Store, offset: u32, limit: u32) -> Result<JournalPage> {
    list_days(store, None, None, offset, limit)
}

/// Like [`list`], limited to local days `from_day..=to_day`
/// (`YYYY-MM-DD`, each optional).
pub(crate) fn list_days(
    store: &Store,
    from_day: Option<String>,
    to_day: Option<String>,
    offset: u32,
    limit: u32,
) -> Result<JournalPage> {
    sealed::check_limit(limit)?;
    let days = DayRange::new(from_day.as_deref(), to_day.as_deref())?;
    let keys = store.keys()?;
    let rows = sealed::list(&store.conn(), TABLE, &days, offset, limit + 1)?;
    let page = sealed::open_page(rows, limit, |row| Ok(open_row(row, &keys)?.1));
    Ok(JournalPage {
        entries: page.items,
        damaged: page.damaged,
        has_more: page.has_more,
    })
}

/// How many entries the journal holds.
pub(crate) fn count(store: &Store) -> Result<u64> {
    store.keys()?;
    sealed::count(&store.conn(), TABLE)
}

/// Changes an entry, keeping the previous revision in its history.
pub(crate) fn edit(store: &Store, id: String, update: JournalUpdate) -> Result<JournalEntry> {
    sealed::check_id(&id)?;
    if update == JournalUpdate::default() {
        return Err(RespiteError::invalid("update", "nothing to change").into());
    }
    let title = update
        .title
        .map(|t| validate::optional_line("title", Some(t), MAX_LINE_CHARS))
        .transpose()?;
    let body = update
        .body
        .map(|b| validate::long_text("body", b))
        .transpose()?;
    let tags = update.tags.map(|t| validate::tags("tags", t)).transpose()?;
    let practice_ids = update
        .practice_ids
        .map(|p| validate::practice_ids("practice_ids", p))
        .transpose()?;
    let new_reflection = update.reflection.map(|r| reflection(Some(r))).transpose()?;
    edit_payload(store, id, |payload| {
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
        if let Some(practice_ids) = practice_ids {
            payload.practice_ids = practice_ids;
        }
        if let Some(reflection) = new_reflection {
            payload.reflection = reflection;
        }
        Ok(())
    })
}

/// Earlier revisions of an entry, newest first (the current one excluded).
pub(crate) fn history(store: &Store, id: String) -> Result<Vec<JournalEntry>> {
    sealed::check_id(&id)?;
    let keys = store.keys()?;
    let (current, older) = {
        let conn = store.conn();
        let current = sealed::select(&conn, TABLE, &id)?.ok_or_else(not_found)?;
        let mut stmt = conn.prepare_cached(
            "SELECT revision, updated_at, sealed FROM journal_revisions
             WHERE entry_id = ?1 ORDER BY revision DESC",
        )?;
        let older = stmt
            .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<(u32, i64, Vec<u8>)>>>()?;
        (current, older)
    };
    older
        .into_iter()
        .map(|(revision, updated_at, sealed)| {
            let row = StoredRow {
                revision,
                updated_at,
                sealed,
                ..current.clone()
            };
            Ok(open_row(&row, &keys)?.1)
        })
        .collect()
}

/// Deletes an entry and all its revisions. The ciphertext is overwritten in the
/// vault file and the write-ahead log is truncated, so no copy remains.
pub(crate) fn delete(store: &Store, id: &str) -> Result<()> {
    sealed::check_id(id)?;
    if !store.delete_record(TABLE, id)? {
        return Err(not_found().into());
    }
    Ok(())
}

fn reflection(reflection: Option<SessionReflection>) -> Result<Option<SessionReflection>> {
    match reflection {
        Some(r) if r.is_empty() => Ok(None),
        Some(r) => Ok(Some(r.validated()?)),
        None => Ok(None),
    }
}

fn not_found() -> RespiteError {
    RespiteError::NotFound {
        what: "no journal entry with that id".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::transition::ParkedItem;

    fn draft(kind: JournalKind) -> JournalDraft {
        JournalDraft {
            kind,
            moment: LocalMoment {
                at: time::from_millis(1_777_910_400_000).unwrap(),
                utc_offset_minutes: 120,
            },
            title: Some("After the 3 o'clock".to_owned()),
            body: "Heavy, and I stayed steady.".to_owned(),
            tags: vec!["supervision".to_owned()],
            practice_ids: vec!["slow-breathing".to_owned()],
            reflection: None,
        }
    }

    #[test]
    fn a_reflection_seals_as_frozen() {
        let reflection = SessionReflection {
            intensity: Some(8),
            activation_before: Some(4),
            activation_after: Some(6),
            feelings: vec!["drained".to_owned()],
            body_sensations: vec!["tight-chest".to_owned()],
            needs: vec!["quiet".to_owned()],
            practice: Some("slow-breathing".to_owned()),
        };
        let draft = JournalDraft {
            reflection: Some(reflection),
            ..draft(JournalKind::AfterSession)
        };
        sealed::assert_frozen(
            "journal-reflection",
            &Payload::of_draft(draft, None).unwrap(),
        );
    }

    #[test]
    fn a_transition_seals_as_frozen() {
        let record = TransitionRecord {
            parked: vec![ParkedItem {
                id: "p1".to_owned(),
                what: "Letter to the GP".to_owned(),
                when: Some("Tuesday".to_owned()),
                place: Some("office".to_owned()),
                done: false,
            }],
            pleasantness: Some(-0.25),
            energy: Some(0.5),
            feelings: vec!["tired".to_owned()],
            set_down: Some("The last session".to_owned()),
            went_well: vec!["Team lunch".to_owned()],
            who_at_home: Some("A present parent".to_owned()),
            first_thing: Some("Play outside".to_owned()),
            end_of_day_signal: Some("Change clothes".to_owned()),
            practice: Some("slow-breathing".to_owned()),
        };
        let payload = Payload::of_draft(draft(JournalKind::Transition), Some(record)).unwrap();
        sealed::assert_frozen("journal-transition", &payload);
    }
}
