//! Imports: Respite's own JSON export, and other apps' exports — Daylio's CSV and
//! Day One's JSON (the `.json` file or the `.zip`). Each importer turns its file into
//! [`Incoming`] records; this module stores them in one transaction, with ids derived
//! from the source's own keys so that importing the same file again changes nothing.
//! The mapping of each format is in `docs/import-mapping.md`.

use rusqlite::{Connection, TransactionBehavior};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::path::Path;
use zeroize::Zeroizing;

use crate::checkins::{self, CheckInData};
use crate::crypto::keys::VaultKeys;
use crate::error::internal::{Error, Result};
use crate::error::RespiteError;
use crate::exchange::backup::{self, Item, Kind, Manifest, MergeReport};
use crate::exchange::export::{JSON_FORMAT, JSON_VERSION};
use crate::exchange::{daylio, dayone};
use crate::journal::{self, JournalDraft, JournalKind, Payload};
use crate::plan::revisions;
use crate::store::sealed::{self, Placement, StoredRow};
use crate::store::settings;
use crate::store::Store;
use crate::time::LocalMoment;

/// Largest file an import reads.
const MAX_FILE: u64 = 512 * 1024 * 1024;

/// Where the records come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ImportFormat {
    /// A Respite JSON export (`ExportFormat::Json`).
    Respite,
    /// Daylio's "CSV export".
    Daylio,
    /// Day One's JSON export: the `.json` file, or the `.zip` holding it.
    DayOne,
}

/// Most notes an import report lists: a hostile file cannot grow the report without
/// bound.
const MAX_NOTES: usize = 1_000;

/// Why part of a file was not imported, without quoting any of its content.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ImportNote {
    /// Where in the file: "line 14", "entry 3", or "file".
    pub place: String,
    /// What happened, in fixed wording.
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct ImportReport {
    /// Records that were new, added.
    pub imported: u64,
    /// Records imported before whose content changed in the source, updated (a journal
    /// entry keeps the earlier version in its history).
    pub merged: u64,
    /// Records imported before and unchanged.
    pub unchanged: u64,
    /// Records not imported; `notes` says why.
    pub skipped: u64,
    /// Why records were skipped, and what the formats cannot carry over.
    pub notes: Vec<ImportNote>,
}

impl ImportReport {
    /// Notes a record that was skipped.
    pub(crate) fn skip(&mut self, place: impl Into<String>, reason: impl Into<String>) {
        self.skipped += 1;
        self.note(place, reason);
    }

    /// Notes something about the file (nothing was skipped for it). At most
    /// [`MAX_NOTES`] are listed, then one note says that more were left out.
    pub(crate) fn note(&mut self, place: impl Into<String>, reason: impl Into<String>) {
        let (place, reason) = match self.notes.len() {
            n if n < MAX_NOTES => (place.into(), reason.into()),
            n if n == MAX_NOTES => (
                "file".to_owned(),
                "more notes than can be listed: the counts are complete".to_owned(),
            ),
            _ => return,
        };
        self.notes.push(ImportNote { place, reason });
    }
}

/// A record from another app, keyed by what identifies it there.
pub(crate) struct Incoming {
    /// Where it is in the file, for notes.
    pub(crate) place: String,
    /// What identifies it in the source (a uuid, or date and time): the same key gives
    /// the same record id, so a second import finds it.
    pub(crate) key: String,
    pub(crate) record: IncomingRecord,
}

impl Incoming {
    /// A free journal entry from another app.
    pub(crate) fn free_entry(
        place: String,
        key: String,
        moment: LocalMoment,
        title: Option<String>,
        body: String,
        tags: Vec<String>,
    ) -> Self {
        Incoming {
            place,
            key,
            record: IncomingRecord::Journal(JournalDraft {
                kind: JournalKind::Free,
                moment,
                title,
                body,
                tags,
                practice_ids: vec![],
                reflection: None,
            }),
        }
    }
}

/// What an incoming record becomes.
pub(crate) enum IncomingRecord {
    Journal(JournalDraft),
    CheckIn(CheckInData),
}

/// Imports `path` into the unlocked vault, all or nothing. `time_zone` (IANA) places
/// the local times of formats that have no offset (Daylio).
pub(crate) fn import(
    state: &Store,
    format: ImportFormat,
    path: &Path,
    time_zone: &str,
) -> Result<ImportReport> {
    let keys = state.keys()?;
    let bytes = read_file(path)?;
    if format == ImportFormat::Respite {
        return import_respite(state, &bytes);
    }
    let mut report = ImportReport::default();
    let practices: Vec<(String, String)> = revisions::current_plan(&state.conn(), &keys)?
        .plan
        .practices
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let (source, incoming) = match format {
        ImportFormat::Daylio => (
            "daylio",
            daylio::parse(&bytes, time_zone, &practices, &mut report)?,
        ),
        ImportFormat::DayOne => ("dayone", dayone::parse(&bytes, &mut report)?),
        ImportFormat::Respite => unreachable!("handled above"),
    };
    {
        let mut conn = state.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let day_start = settings::load(&tx, &keys)?.day_start_hour;
        for item in incoming {
            let id = keys.derived_id(&[b"import", source.as_bytes(), item.key.as_bytes()]);
            let stored = match item.record {
                IncomingRecord::Journal(draft) => store_journal(&tx, &keys, id, draft, day_start),
                IncomingRecord::CheckIn(data) => store_checkin(&tx, &keys, id, data, day_start),
            };
            match stored {
                Ok(Stored::New) => report.imported += 1,
                Ok(Stored::Updated) => report.merged += 1,
                Ok(Stored::Same) => report.unchanged += 1,
                Ok(Stored::KeptYours) => report.skip(
                    item.place,
                    "changed in Respite since it was imported; your version was kept",
                ),
                Err(Error::Public(RespiteError::InvalidInput { field, reason })) => {
                    report.skip(item.place, format!("{}: {reason}", field.replace('_', " ")))
                }
                Err(other) => return Err(other),
            }
        }
        tx.commit()?;
    }
    Ok(report)
}

fn read_file(path: &Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_FILE {
        return Err(RespiteError::invalid("file", "larger than 512 MiB").into());
    }
    Ok(std::fs::read(path)?)
}

/// What storing an incoming record did.
enum Stored {
    New,
    Updated,
    Same,
    KeptYours,
}

/// Whether the stored row opens to exactly `plain`.
fn holds(row: &StoredRow, table: &'static str, keys: &VaultKeys, plain: &[u8]) -> bool {
    row.place(table)
        .open_bytes(keys, &row.sealed)
        .is_ok_and(|p| p.as_slice() == plain)
}

fn store_journal(
    conn: &Connection,
    keys: &VaultKeys,
    id: String,
    draft: JournalDraft,
    day_start: u8,
) -> Result<Stored> {
    let table = journal::TABLE;
    let at = Placement::of(&draft.moment, day_start);
    let plain = sealed::encode(&Payload::of_draft(draft, None)?)?;
    let Some(current) = sealed::select(conn, table, &id)? else {
        sealed::write_new(conn, keys, table, id, at, &plain)?;
        return Ok(Stored::New);
    };
    if holds(&current, table, keys, &plain) {
        return Ok(Stored::Same);
    }
    // The earlier version, imported or edited here, stays in the entry's history.
    journal::keep_in_history(conn, keys, &current)?;
    sealed::write_next(conn, keys, table, &current, at, &plain)?;
    Ok(Stored::Updated)
}

fn store_checkin(
    conn: &Connection,
    keys: &VaultKeys,
    id: String,
    data: CheckInData,
    day_start: u8,
) -> Result<Stored> {
    let table = checkins::TABLE;
    let data = data.validated()?;
    let at = Placement::of(&data.moment, day_start);
    let plain = checkins::encode(&data)?;
    let Some(current) = sealed::select(conn, table, &id)? else {
        sealed::write_new(conn, keys, table, id, at, &plain)?;
        return Ok(Stored::New);
    };
    if holds(&current, table, keys, &plain) {
        return Ok(Stored::Same);
    }
    // Check-ins keep no history: one corrected in Respite is not overwritten.
    if current.revision > 1 {
        return Ok(Stored::KeptYours);
    }
    sealed::write_next(conn, keys, table, &current, at, &plain)?;
    Ok(Stored::Updated)
}

/// A Respite JSON export.
#[derive(Deserialize)]
struct ExportFile<'a> {
    format: String,
    version: u32,
    #[serde(borrow)]
    records: Vec<ExportRecord<'a>>,
    manifest: Manifest,
}

#[derive(Deserialize)]
struct ExportRecord<'a> {
    #[serde(rename = "type")]
    kind: String,
    id: String,
    day: String,
    occurred_at_ms: i64,
    updated_at_ms: i64,
    revision: u32,
    #[serde(borrow)]
    payload: &'a RawValue,
}

/// Imports a Respite JSON export: merged like a backup (newest revision wins, records
/// changed on both sides are kept as copies).
fn import_respite(state: &Store, bytes: &[u8]) -> Result<ImportReport> {
    let (items, manifest) = respite_items(bytes)?;
    let mut items = Some(items);
    let merged = backup::merge_records(state, &mut |f| {
        for item in items.take().unwrap_or_default() {
            f(item)?;
        }
        Ok(manifest.clone())
    })?;
    Ok(report_of(merged))
}

/// The records of a Respite JSON export, each checked, and its manifest.
pub(crate) fn respite_items(bytes: &[u8]) -> Result<(Vec<Item>, Manifest)> {
    let file: ExportFile = serde_json::from_slice(bytes).map_err(|e| {
        RespiteError::invalid(
            "file",
            format!(
                "not a Respite JSON export (line {}, column {})",
                e.line(),
                e.column()
            ),
        )
    })?;
    if file.format != JSON_FORMAT {
        return Err(RespiteError::invalid("file", "not a Respite JSON export").into());
    }
    if file.version > JSON_VERSION {
        return Err(RespiteError::UnsupportedFormat {
            found: file.version,
            supported: JSON_VERSION,
        }
        .into());
    }
    let mut items = Vec::with_capacity(file.records.len());
    for (n, r) in file.records.into_iter().enumerate() {
        let unreadable =
            || RespiteError::invalid("file", format!("record {} cannot be read", n + 1));
        let kind = Kind::RECORDS
            .into_iter()
            .find(|k| k.name() == r.kind)
            .ok_or_else(unreadable)?;
        let item = Item {
            kind,
            id: r.id,
            day: r.day,
            occurred_at: r.occurred_at_ms,
            updated_at: r.updated_at_ms,
            revision: r.revision,
            payload: Zeroizing::new(r.payload.get().as_bytes().to_vec()),
        };
        item.check().map_err(|_| unreadable())?;
        items.push(item);
    }
    Ok((items, file.manifest))
}

fn report_of(m: MergeReport) -> ImportReport {
    let mut report = ImportReport {
        imported: m.added,
        merged: m.updated + m.history_added + m.conflicts_copied,
        unchanged: m.unchanged,
        skipped: m.older_skipped,
        notes: Vec::new(),
    };
    if m.conflicts_copied > 0 {
        report.note(
            "file",
            format!(
                "{} records changed on both sides were kept as separate copies",
                m.conflicts_copied
            ),
        );
    }
    if m.older_skipped > 0 {
        report.note(
            "file",
            format!(
                "{} records are newer in this vault; they were kept",
                m.older_skipped
            ),
        );
    }
    report
}
