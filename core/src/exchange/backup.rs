//! Encrypted backups of a whole vault: create, verify, restore into a new vault, and
//! merge into an existing one. The container (header, sealed chunks) is in
//! `backup_file`; this module decides what goes in and how it comes back.
//!
//! A backup holds every record's payload in plaintext *inside* the sealed chunks, so it
//! opens with the backup passphrase alone, on any device; key slots are not in it.
//! Records are streamed: memory stays bounded by one chunk and one record.

use rusqlite::{Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

use crate::checkins::{self, StoredCheckIn};
use crate::crypto;
use crate::crypto::keys::VaultKeys;
use crate::crypto::secret;
use crate::crypto::slots::Stretch;
use crate::error::internal::{Error, Result};
use crate::error::RespiteError;
use crate::exchange::backup_file::{BackupReader, BackupWriter};
use crate::journal;
use crate::plan::revisions;
use crate::plan::stored::StoredPlan;
use crate::store::connection;
use crate::store::sealed::{self, DamagedRecord, DayRange, RowBatch, RowRef, StoredRow};
use crate::store::settings;
use crate::store::state::{self, StateCheck};
use crate::store::Store;
use crate::time::{self, Timestamp};

/// Where a backup's content is read from: the decrypted chunks of a backup file, or
/// plain bytes (for fuzzing the record parser behind the authentication).
pub(crate) trait Content {
    /// Whether all content was read.
    fn at_end(&mut self) -> Result<bool>;
    /// Fills `buf` exactly.
    fn read_content(&mut self, buf: &mut [u8]) -> Result<()>;
}

impl<R: Read> Content for BackupReader<R> {
    fn at_end(&mut self) -> Result<bool> {
        BackupReader::at_end(self)
    }

    fn read_content(&mut self, buf: &mut [u8]) -> Result<()> {
        BackupReader::read_content(self, buf)
    }
}

impl Content for &[u8] {
    fn at_end(&mut self) -> Result<bool> {
        Ok(self.is_empty())
    }

    fn read_content(&mut self, buf: &mut [u8]) -> Result<()> {
        if self.len() < buf.len() {
            return Err(unreadable("a record cut short").into());
        }
        let (head, rest) = self.split_at(buf.len());
        buf.copy_from_slice(head);
        *self = rest;
        Ok(())
    }
}

/// Longest id a backup record may carry.
const MAX_ID: usize = 64;
/// Largest payload a backup record may carry (far above any valid record).
const MAX_PAYLOAD: u32 = 16 * 1024 * 1024;

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BackupSummary {
    /// When the backup was made.
    pub created_at: Timestamp,
    /// Journal entries (their current revisions).
    pub journal_entries: u64,
    /// Earlier revisions of journal entries.
    pub journal_revisions: u64,
    /// Check-ins.
    pub checkins: u64,
    /// Groups of settings (preferences, schedule, prompt state).
    pub settings: u64,
    /// Saved revisions of the plan.
    pub plan_revisions: u64,
    /// Records of the vault that could not be opened and so are not in the backup
    /// (only when creating; they stay in the vault, named by `journal list`).
    pub damaged_skipped: u64,
}

/// What a restore or a merge did with each record of a backup. Nothing is dropped
/// without being counted here.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct MergeReport {
    /// Records the vault did not have, added.
    pub added: u64,
    /// Records the vault had in an older revision, replaced by the backup's (a journal
    /// entry keeps the older revision in its history).
    pub updated: u64,
    /// Records the vault already had, identical.
    pub unchanged: u64,
    /// Earlier journal revisions added to an entry's history.
    pub history_added: u64,
    /// Records of which the vault has a newer revision: the vault's is kept (check-ins
    /// and settings keep no history, so the backup's older revision is not stored).
    pub older_skipped: u64,
    /// Records changed differently in the vault and the backup at the same revision:
    /// the vault's stays and the backup's is added as a separate copy.
    pub conflicts_copied: u64,
}

/// The last record of a backup (and of a JSON export): what it holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Manifest {
    created_at_ms: i64,
    vault_format: u32,
    journal_entries: u64,
    journal_revisions: u64,
    checkins: u64,
    settings: u64,
    plan_revisions: u64,
}

impl Manifest {
    /// A manifest of records counted per [`slot_of`].
    pub(crate) fn new(created_at: Timestamp, counts: [u64; 5]) -> Manifest {
        Manifest {
            created_at_ms: time::to_millis(created_at),
            vault_format: connection::FORMAT_VERSION,
            journal_entries: counts[0],
            journal_revisions: counts[1],
            checkins: counts[2],
            settings: counts[3],
            plan_revisions: counts[4],
        }
    }
}

/// What a backup record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Manifest = 0,
    JournalEntry = 1,
    JournalRevision = 2,
    CheckIn = 3,
    Setting = 4,
    PlanRevision = 5,
}

impl Kind {
    /// Every kind of record, in the order they are written.
    pub(crate) const RECORDS: [Kind; 5] = [
        Kind::JournalEntry,
        Kind::JournalRevision,
        Kind::CheckIn,
        Kind::Setting,
        Kind::PlanRevision,
    ];

    /// The name of the kind in a JSON export.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Manifest => "manifest",
            Kind::JournalEntry => "journal_entry",
            Kind::JournalRevision => "journal_revision",
            Kind::CheckIn => "checkin",
            Kind::Setting => "settings",
            Kind::PlanRevision => "plan_revision",
        }
    }

    fn from_byte(b: u8) -> Result<Kind> {
        Ok(match b {
            0 => Kind::Manifest,
            1 => Kind::JournalEntry,
            2 => Kind::JournalRevision,
            3 => Kind::CheckIn,
            4 => Kind::Setting,
            5 => Kind::PlanRevision,
            _ => return Err(unreadable("a record of an unknown kind").into()),
        })
    }
}

fn unreadable(what: &str) -> RespiteError {
    RespiteError::integrity(format!("the backup holds {what}"))
}

/// One record as it travels in a backup or a JSON export: its plaintext columns and
/// its payload (the JSON sealed in the vault).
pub(crate) struct Item {
    pub(crate) kind: Kind,
    pub(crate) id: String,
    pub(crate) day: String,
    pub(crate) occurred_at: i64,
    pub(crate) updated_at: i64,
    pub(crate) revision: u32,
    pub(crate) payload: Zeroizing<Vec<u8>>,
}

impl Item {
    fn of_row(kind: Kind, row: &StoredRow, payload: Zeroizing<Vec<u8>>) -> Item {
        Item {
            kind,
            id: row.id.clone(),
            day: row.day.clone(),
            occurred_at: row.occurred_at,
            updated_at: row.updated_at,
            revision: row.revision,
            payload,
        }
    }

    fn row(&self) -> StoredRow {
        StoredRow {
            id: self.id.clone(),
            day: self.day.clone(),
            occurred_at: self.occurred_at,
            updated_at: self.updated_at,
            revision: self.revision,
            sealed: Vec::new(),
        }
    }

    fn write(&self, out: &mut impl Write) -> Result<()> {
        out.write_all(&[self.kind as u8])?;
        out.write_all(&(self.id.len() as u16).to_be_bytes())?;
        out.write_all(self.id.as_bytes())?;
        out.write_all(&[self.day.len() as u8])?;
        out.write_all(self.day.as_bytes())?;
        out.write_all(&self.occurred_at.to_be_bytes())?;
        out.write_all(&self.updated_at.to_be_bytes())?;
        out.write_all(&self.revision.to_be_bytes())?;
        out.write_all(&(self.payload.len() as u32).to_be_bytes())?;
        out.write_all(&self.payload)?;
        Ok(())
    }

    /// Reads the next record, or `None` after the last one.
    fn read(input: &mut impl Content) -> Result<Option<Item>> {
        if input.at_end()? {
            return Ok(None);
        }
        let mut kind = [0u8; 1];
        input.read_content(&mut kind)?;
        let kind = Kind::from_byte(kind[0])?;
        let id_len = u16_len(input)?;
        let id = read_text(input, id_len, MAX_ID)?;
        let mut day_len = [0u8; 1];
        input.read_content(&mut day_len)?;
        let day = read_text(input, usize::from(day_len[0]), 10)?;
        let mut fixed = [0u8; 20];
        input.read_content(&mut fixed)?;
        let occurred_at = i64::from_be_bytes(fixed[..8].try_into().expect("8"));
        let updated_at = i64::from_be_bytes(fixed[8..16].try_into().expect("8"));
        let revision = u32::from_be_bytes(fixed[16..].try_into().expect("4"));
        let mut len = [0u8; 4];
        input.read_content(&mut len)?;
        let len = u32::from_be_bytes(len);
        if len > MAX_PAYLOAD {
            return Err(unreadable("a record larger than any Respite record").into());
        }
        let mut payload = Zeroizing::new(vec![0u8; len as usize]);
        input.read_content(&mut payload)?;
        let item = Item {
            kind,
            id,
            day,
            occurred_at,
            updated_at,
            revision,
            payload,
        };
        item.check()?;
        Ok(Some(item))
    }

    /// Checks the columns and that the payload has the shape of its kind.
    pub(crate) fn check(&self) -> Result<()> {
        let shape_ok = match self.kind {
            Kind::Manifest => serde_json::from_slice::<Manifest>(&self.payload).is_ok(),
            Kind::JournalEntry | Kind::JournalRevision => {
                sealed::check_id(&self.id).is_ok()
                    && serde_json::from_slice::<journal::Payload>(&self.payload).is_ok()
            }
            Kind::CheckIn => {
                sealed::check_id(&self.id).is_ok()
                    && serde_json::from_slice::<StoredCheckIn>(&self.payload).is_ok()
            }
            Kind::Setting => match self.id.as_str() {
                settings::VAULT => {
                    serde_json::from_slice::<settings::StoredSettings>(&self.payload).is_ok()
                }
                id if settings::GROUPS.contains(&id) => {
                    serde_json::from_slice::<serde_json::Value>(&self.payload)
                        .is_ok_and(|v| v.is_object())
                }
                _ => false,
            },
            Kind::PlanRevision => serde_json::from_slice::<StoredPlan>(&self.payload).is_ok(),
        };
        let day_ok = match self.kind {
            Kind::JournalEntry | Kind::CheckIn => sealed::parse_day("day", &self.day).is_ok(),
            _ => true,
        };
        let revision_ok = self.kind == Kind::Manifest || self.revision >= 1;
        if shape_ok && day_ok && revision_ok {
            Ok(())
        } else {
            Err(unreadable("a record Respite cannot read").into())
        }
    }
}

fn u16_len(input: &mut impl Content) -> Result<usize> {
    let mut len = [0u8; 2];
    input.read_content(&mut len)?;
    Ok(usize::from(u16::from_be_bytes(len)))
}

fn read_text(input: &mut impl Content, len: usize, max: usize) -> Result<String> {
    if len > max {
        return Err(unreadable("a record with a damaged id or day").into());
    }
    let mut bytes = vec![0u8; len];
    input.read_content(&mut bytes)?;
    String::from_utf8(bytes).map_err(|_| unreadable("a record with a damaged id or day").into())
}

/// A sibling of `path` to write first and rename into place, so `path` only ever
/// appears complete.
pub(crate) fn partial_path(path: &Path) -> Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| RespiteError::invalid("path", "names no file"))?;
    let mut partial = std::ffi::OsString::from(".");
    partial.push(name);
    partial.push(format!(
        ".partial-{}",
        crypto::to_hex(&crypto::random_array::<6>()?)
    ));
    Ok(path.with_file_name(partial))
}

/// A new file readable and writable by its owner only.
pub(crate) fn private_file(path: &Path) -> Result<File> {
    let mut options = File::options();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    Ok(options.open(path)?)
}

/// Renames `from` to `to` unless `to` exists, and makes the rename durable.
pub(crate) fn rename_into_place(from: &Path, to: &Path) -> Result<()> {
    if to.exists() {
        return Err(RespiteError::AlreadyExists.into());
    }
    std::fs::rename(from, to)?;
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Best effort: some platforms cannot open a directory for syncing.
        if let Ok(dir) = File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

/// Writes a backup of the unlocked vault to `path` (which must not exist).
pub(crate) fn create(
    state: &Store,
    path: &Path,
    passphrase: &str,
    pbkdf2_iterations: Option<u32>,
) -> Result<BackupSummary> {
    secret::check_strength(passphrase, "passphrase")?;
    let stretch = Stretch::for_new(pbkdf2_iterations)?;
    let keys = state.keys()?;
    if path.exists() {
        return Err(RespiteError::AlreadyExists.into());
    }
    let partial = partial_path(path)?;
    let result = (|| {
        let file = private_file(&partial)?;
        let mut out = BackupWriter::new(BufWriter::new(file), passphrase, stretch)?;
        let summary = {
            let conn = state.conn();
            // One read transaction: the backup is a consistent snapshot.
            let tx = conn.unchecked_transaction()?;
            write_records(&tx, &keys, &mut out)?
        };
        let file = out.finish()?.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        Ok(summary)
    })();
    match result {
        Ok(summary) => {
            if let Err(err) = rename_into_place(&partial, path) {
                let _ = std::fs::remove_file(&partial);
                return Err(err);
            }
            Ok(summary)
        }
        Err(err) => {
            let _ = std::fs::remove_file(&partial);
            Err(err)
        }
    }
}

fn write_records(
    conn: &Connection,
    keys: &VaultKeys,
    out: &mut BackupWriter<impl Write>,
) -> Result<BackupSummary> {
    let created_at = time::now();
    let (counts, damaged) = each_opened_record(conn, keys, &mut |item| item.write(out))?;
    let damaged = damaged.len() as u64;
    let manifest = Manifest::new(created_at, counts);
    // The manifest comes last: it counts what the backup holds, in one pass.
    Item {
        kind: Kind::Manifest,
        id: String::new(),
        day: String::new(),
        occurred_at: 0,
        updated_at: 0,
        revision: 0,
        payload: Zeroizing::new(serde_json::to_vec(&manifest).expect("a manifest encodes")),
    }
    .write(out)?;
    Ok(summary_of(&manifest, damaged))
}

pub(crate) fn summary_of(m: &Manifest, damaged_skipped: u64) -> BackupSummary {
    BackupSummary {
        created_at: time::from_millis(m.created_at_ms).unwrap_or_default(),
        journal_entries: m.journal_entries,
        journal_revisions: m.journal_revisions,
        checkins: m.checkins,
        settings: m.settings,
        plan_revisions: m.plan_revisions,
        damaged_skipped,
    }
}

/// Calls `f` with every record of the vault that opens, in an order a restore can
/// insert them in. Returns the records passed per [`slot_of`], and those that did
/// not open (they stay in the vault, named, and are left out).
pub(crate) fn each_opened_record(
    conn: &Connection,
    keys: &VaultKeys,
    f: &mut dyn FnMut(&Item) -> Result<()>,
) -> Result<([u64; 5], Vec<DamagedRecord>)> {
    let mut counts = [0u64; 5];
    let mut damaged = Vec::new();
    for_each_record(conn, keys, &mut |item, slot| match item {
        Ok(item) => {
            f(&item)?;
            counts[slot] += 1;
            Ok(())
        }
        Err(record) => {
            damaged.push(record);
            Ok(())
        }
    })?;
    Ok((counts, damaged))
}

/// What checking a whole vault found: the records that open, by kind, those that do
/// not, and whether SQLite finds the file itself sound.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VaultCheck {
    /// Journal entries that open.
    pub journal_entries: u64,
    /// Earlier revisions of entries that open.
    pub journal_revisions: u64,
    /// Check-ins that open.
    pub checkins: u64,
    /// Settings groups that open.
    pub settings: u64,
    /// Plan revisions that open.
    pub plan_revisions: u64,
    /// Records that do not open (tampered, moved or damaged), by id.
    pub damaged: Vec<DamagedRecord>,
    /// Whether SQLite's own check of the file's structure passed.
    pub file_sound: bool,
    /// The check of the vault's authenticated state: rows missing, rolled back,
    /// changed or added outside Respite.
    pub state: StateCheck,
}

/// Opens every record of the unlocked vault, in one read transaction, checks its
/// authenticated state and runs SQLite's structural check. Nothing is written.
pub(crate) fn check_vault(store: &Store) -> Result<VaultCheck> {
    let keys = store.keys()?;
    let conn = store.conn();
    let tx = conn.unchecked_transaction()?;
    let (counts, damaged) = each_opened_record(&tx, &keys, &mut |_| Ok(()))?;
    let verdict: String = tx.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    let state = state::check(&tx, &keys)?;
    Ok(VaultCheck {
        state,
        journal_entries: counts[0],
        journal_revisions: counts[1],
        checkins: counts[2],
        settings: counts[3],
        plan_revisions: counts[4],
        damaged,
        file_sound: verdict == "ok",
    })
}

/// Calls `f` with every record of the vault, opened (or named as damaged), and the
/// index of its counter (see [`slot_of`]), in an order a restore can insert them in.
fn for_each_record(
    conn: &Connection,
    keys: &VaultKeys,
    f: &mut dyn FnMut(std::result::Result<Item, DamagedRecord>, usize) -> Result<()>,
) -> Result<()> {
    let open = |kind: Kind, table: &'static str, row: &StoredRow| match row
        .place(table)
        .open_bytes(keys, &row.sealed)
    {
        Ok(payload) => Ok(Item::of_row(kind, row, payload)),
        Err(err) => Err(sealed::damaged(row.id.clone(), &err)),
    };
    let all = DayRange::all();
    sealed::each_row(conn, journal::TABLE, &all, &mut |row| {
        f(open(Kind::JournalEntry, journal::TABLE, &row), 0)
    })?;
    journal::each_history_row(conn, &mut |row| {
        f(open(Kind::JournalRevision, journal::TABLE, &row), 1)
    })?;
    sealed::each_row(conn, checkins::TABLE, &all, &mut |row| {
        f(open(Kind::CheckIn, checkins::TABLE, &row), 2)
    })?;
    settings::each_row(conn, &mut |row| {
        f(open(Kind::Setting, settings::TABLE, &row), 3)
    })?;
    revisions::each_row(conn, &mut |row| {
        f(open(Kind::PlanRevision, revisions::TABLE, &row), 4)
    })
}

/// Reads a whole backup, checking every record, and says what it holds. Nothing is
/// written anywhere.
pub(crate) fn verify(path: &Path, passphrase: &str) -> Result<BackupSummary> {
    let mut reader = BackupReader::new(BufReader::new(File::open(path)?), passphrase)?;
    let mut counts = [0u64; 5];
    let manifest = read_records(&mut reader, &mut |item| {
        counts[slot_of(item.kind)] += 1;
        Ok(())
    })?;
    check_counts(&manifest, &counts)?;
    Ok(summary_of(&manifest, 0))
}

pub(crate) fn slot_of(kind: Kind) -> usize {
    match kind {
        Kind::JournalEntry => 0,
        Kind::JournalRevision => 1,
        Kind::CheckIn => 2,
        Kind::Setting => 3,
        Kind::PlanRevision | Kind::Manifest => 4,
    }
}

pub(crate) fn check_counts(m: &Manifest, counts: &[u64; 5]) -> Result<()> {
    let expected = [
        m.journal_entries,
        m.journal_revisions,
        m.checkins,
        m.settings,
        m.plan_revisions,
    ];
    if &expected == counts {
        Ok(())
    } else {
        Err(unreadable("fewer or more records than its manifest lists").into())
    }
}

/// Calls `f` with every record up to the manifest, which must come last, and returns
/// the manifest.
pub(crate) fn read_records(
    reader: &mut impl Content,
    f: &mut dyn FnMut(Item) -> Result<()>,
) -> Result<Manifest> {
    while let Some(item) = Item::read(reader)? {
        if item.kind == Kind::Manifest {
            if Item::read(reader)?.is_some() {
                return Err(unreadable("records after its manifest").into());
            }
            return serde_json::from_slice(&item.payload)
                .map_err(|_| unreadable("a damaged manifest").into());
        }
        f(item)?;
    }
    Err(unreadable("no manifest: it was cut short").into())
}

/// Restores a backup into a new vault at `vault_path`, all or nothing.
pub(crate) fn restore_new(
    backup_path: &Path,
    backup_passphrase: &str,
    vault_path: &Path,
    vault_passphrase: &str,
    kdf_iterations: Option<u32>,
) -> Result<MergeReport> {
    if vault_path.exists() {
        return Err(RespiteError::AlreadyExists.into());
    }
    let backup = File::open(backup_path)?;
    let partial = partial_path(vault_path)?;
    let result = (|| {
        // Both keys are derived at once, each on its own core; a wrong backup
        // passphrase leaves nothing behind (the partial vault is removed below).
        let (reader, vault) = std::thread::scope(|s| {
            let reader = s.spawn(|| BackupReader::new(BufReader::new(backup), backup_passphrase));
            let vault = Store::create(&partial, vault_passphrase, kdf_iterations);
            (joined(reader), vault)
        });
        let (reader, vault) = (reader?, vault?);
        connection::begin_bulk(&vault.conn())?;
        let report = merge_from(&vault, reader)?;
        connection::end_bulk(&vault.conn())?;
        drop(vault);
        File::open(&partial)?.sync_all()?;
        Ok(report)
    })();
    match result.and_then(|report| rename_into_place(&partial, vault_path).map(|()| report)) {
        Ok(report) => {
            // The vault was checkpointed and closed: its companions are empty, if left.
            connection::remove_vault_files(&partial);
            Ok(report)
        }
        Err(err) => {
            connection::remove_vault_files(&partial);
            Err(err)
        }
    }
}

/// The result of a scoped thread; its panic, if it panicked, continues on this thread.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Merges a backup into the unlocked vault, in one transaction: on any error the vault
/// is exactly as it was.
pub(crate) fn merge(state: &Store, path: &Path, passphrase: &str) -> Result<MergeReport> {
    state.keys()?;
    let reader = BackupReader::new(BufReader::new(File::open(path)?), passphrase)?;
    merge_from(state, reader)
}

fn merge_from(state: &Store, mut reader: BackupReader<impl Read + Send>) -> Result<MergeReport> {
    merge_records(state, &mut |f| read_records(&mut reader, f))
}

/// Something that passes each record to its argument and then returns the manifest.
pub(crate) type RecordSource<'a> =
    dyn FnMut(&mut dyn FnMut(Item) -> Result<()>) -> Result<Manifest> + Send + 'a;

/// Merges the records `source` passes to its argument into the unlocked vault, in one
/// transaction; `source` returns the manifest, whose counts must match. On any error
/// the vault is exactly as it was.
pub(crate) fn merge_records(state: &Store, source: &mut RecordSource) -> Result<MergeReport> {
    let keys = state.keys()?;
    let mut report = MergeReport::default();
    {
        let mut conn = state.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut plan = PlanMerge::load(&tx, &keys)?;
        // Into an empty vault every entry and check-in is new: none is looked up, and
        // they are inserted in groups, flushed before any other record is merged (so
        // an entry's history finds its entry).
        let empty =
            sealed::count(&tx, journal::TABLE)? == 0 && sealed::count(&tx, checkins::TABLE)? == 0;
        let mut fresh = empty.then(|| {
            [
                RowBatch::new(journal::TABLE),
                RowBatch::new(checkins::TABLE),
            ]
        });
        let mut counts = [0u64; 5];
        let manifest = prepared_alongside(&keys, source, &mut |prepared| {
            counts[slot_of(prepared.item().kind)] += 1;
            match (prepared, &mut fresh) {
                (Prepared::Journal(item, row, element), Some([entries, _]))
                    if item.kind == Kind::JournalEntry =>
                {
                    report.added += 1;
                    return entries.push(&tx, &keys, row.clone(), *element);
                }
                (Prepared::CheckIn(_, row, element), Some([_, checkins])) => {
                    report.added += 1;
                    return checkins.push(&tx, &keys, row.clone(), *element);
                }
                (_, Some(batches)) => batches.iter_mut().try_for_each(|b| b.flush(&tx, &keys))?,
                (_, None) => {}
            }
            match prepared {
                Prepared::Journal(item, row, _) => {
                    merge_journal(&tx, &keys, item, row, empty, &mut report)
                }
                Prepared::CheckIn(item, row, _) => {
                    merge_checkin(&tx, &keys, item, row, &mut report)
                }
                Prepared::Other(item) => match item.kind {
                    Kind::Setting => merge_setting(&tx, &keys, item, &mut report),
                    Kind::PlanRevision => plan.merge(&tx, &keys, item, &mut report),
                    _ => Ok(()),
                },
            }
        })?;
        if let Some(batches) = fresh {
            batches.into_iter().try_for_each(|b| b.finish(&tx, &keys))?;
        }
        check_counts(&manifest, &counts)?;
        plan.finish(&tx, &keys)?;
        tx.commit()?;
        connection::checkpoint_truncate(&conn)?;
    }
    Ok(report)
}

/// A record with the row it becomes in its own table, payload sealed: the work done
/// on the thread alongside the writer.
enum Prepared {
    /// A journal entry or an earlier revision of one, its row in the journal and the
    /// row's element of the vault's state.
    Journal(Item, StoredRow, [u8; 32]),
    /// A check-in, its row and the row's element.
    CheckIn(Item, StoredRow, [u8; 32]),
    /// A setting or plan revision (sealed as it merges), or the manifest.
    Other(Item),
}

impl Prepared {
    fn new(item: Item, keys: &VaultKeys) -> Result<Prepared> {
        let sealed_row = |table: &'static str| -> Result<(StoredRow, [u8; 32])> {
            let mut row = item.row();
            row.sealed = row.place(table).seal_bytes(keys, &item.payload)?;
            let element = state::element(keys, table, &row)?;
            Ok((row, element))
        };
        Ok(match item.kind {
            Kind::JournalEntry | Kind::JournalRevision => {
                let (row, element) = sealed_row(journal::TABLE)?;
                Prepared::Journal(item, row, element)
            }
            Kind::CheckIn => {
                let (row, element) = sealed_row(checkins::TABLE)?;
                Prepared::CheckIn(item, row, element)
            }
            Kind::Setting | Kind::PlanRevision | Kind::Manifest => Prepared::Other(item),
        })
    }

    fn item(&self) -> &Item {
        match self {
            Prepared::Journal(item, ..) | Prepared::CheckIn(item, ..) | Prepared::Other(item) => {
                item
            }
        }
    }
}

/// Runs `source` on a second thread, which also prepares each record (reads, checks
/// and seals it), and passes the prepared records to `f` on this thread, in order, so
/// the two overlap. Batches go back to the second thread to be dropped (and their
/// plaintext wiped) there, away from the writer. Stops at the first error of either
/// side and returns it.
fn prepared_alongside(
    keys: &VaultKeys,
    source: &mut RecordSource,
    f: &mut dyn FnMut(&Prepared) -> Result<()>,
) -> Result<Manifest> {
    /// Records handed over at a time, and batches in flight: memory stays bounded.
    const BATCH: usize = 256;
    const IN_FLIGHT: usize = 4;
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(IN_FLIGHT);
    let (give_back, given_back) = std::sync::mpsc::channel::<Vec<Prepared>>();
    std::thread::scope(|s| {
        let producer = s.spawn(move || {
            let stopped = || RespiteError::internal("the merge stopped");
            let mut batch = Vec::with_capacity(BATCH);
            let manifest = source(&mut |item| {
                batch.push(Prepared::new(item, keys)?);
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    send.send(full).map_err(|_| stopped())?;
                    given_back.try_iter().for_each(drop);
                }
                Ok(())
            })?;
            send.send(batch).map_err(|_| stopped())?;
            Ok(manifest)
        });
        // Ends when the producer is done and its sender dropped, or at an error here.
        let written = receive.iter().try_for_each(|batch| {
            let result = batch.iter().try_for_each(&mut *f);
            // Once the producer has finished, this batch is dropped here instead.
            let _ = give_back.send(batch);
            result
        });
        drop(receive);
        let produced = joined(producer);
        written.and(produced)
    })
}

/// Stores a copy of `item`, which conflicts with the vault's record of the same id,
/// under an id derived from the item: merging the same backup again finds the copy
/// instead of making another. `row` carries the copy's plaintext columns.
fn store_copy(
    conn: &Connection,
    keys: &VaultKeys,
    table: &'static str,
    item: &Item,
    row: StoredRow,
    report: &mut MergeReport,
) -> Result<()> {
    let id = keys.derived_id(&[
        b"conflict copy",
        table.as_bytes(),
        item.id.as_bytes(),
        &item.revision.to_be_bytes(),
        &item.payload,
    ]);
    if sealed::select(conn, table, &id)?.is_some() {
        report.unchanged += 1;
        return Ok(());
    }
    sealed::write_new(conn, keys, table, id, row.placement(), &item.payload)?;
    report.conflicts_copied += 1;
    Ok(())
}

/// Merges a journal entry or revision; `row` is its row, sealed ([`Prepared`]).
/// `empty`: the vault had no entries when the merge began.
fn merge_journal(
    conn: &Connection,
    keys: &VaultKeys,
    item: &Item,
    row: &StoredRow,
    empty: bool,
    report: &mut MergeReport,
) -> Result<()> {
    let table = journal::TABLE;
    if empty && item.kind == Kind::JournalRevision {
        // The entry came first; the foreign key refuses a history without it.
        journal::keep_in_history(conn, keys, row)
            .map_err(|_| unreadable("an entry's history without the entry"))?;
        report.history_added += 1;
        return Ok(());
    }
    let Some(current) = sealed::select(conn, table, &item.id)? else {
        if item.kind == Kind::JournalRevision {
            return Err(unreadable("an entry's history without the entry").into());
        }
        row.insert(conn, keys, table)?;
        report.added += 1;
        return Ok(());
    };
    // The vault's version at the item's revision, if it has one.
    let same_revision: Option<Vec<u8>> = if current.revision == item.revision {
        Some(current.sealed.clone())
    } else {
        journal::history_sealed(conn, &item.id, item.revision)?
    };
    if let Some(stored) = same_revision {
        match row.place(table).open_bytes(keys, &stored) {
            Ok(plain) if plain == item.payload => report.unchanged += 1,
            // A version the vault cannot open is replaced by the backup's good one.
            Err(Error::Public(RespiteError::Integrity { .. }))
                if current.revision == item.revision =>
            {
                let row = StoredRow {
                    day: current.day.clone(),
                    occurred_at: current.occurred_at,
                    ..row.clone()
                };
                row.update(conn, keys, table, &current)?;
                report.updated += 1;
            }
            _ => {
                let mut row = item.row();
                if item.kind == Kind::JournalRevision {
                    row.day = current.day.clone();
                    row.occurred_at = current.occurred_at;
                }
                store_copy(conn, keys, table, item, row, report)?;
            }
        }
        return Ok(());
    }
    if item.kind == Kind::JournalEntry && item.revision > current.revision {
        journal::keep_in_history(conn, keys, &current)?;
        row.update(conn, keys, table, &current)?;
        report.updated += 1;
    } else {
        // An older version the vault does not have: into the entry's history.
        journal::keep_in_history(conn, keys, row)?;
        report.history_added += 1;
    }
    Ok(())
}

/// Merges a check-in; `row` is its row, sealed ([`Prepared`]).
fn merge_checkin(
    conn: &Connection,
    keys: &VaultKeys,
    item: &Item,
    row: &StoredRow,
    report: &mut MergeReport,
) -> Result<()> {
    let table = checkins::TABLE;
    let Some(current) = sealed::select(conn, table, &item.id)? else {
        row.insert(conn, keys, table)?;
        report.added += 1;
        return Ok(());
    };
    if item.revision > current.revision {
        row.update(conn, keys, table, &current)?;
        report.updated += 1;
    } else if item.revision < current.revision {
        report.older_skipped += 1;
    } else {
        match current.place(table).open_bytes(keys, &current.sealed) {
            Ok(plain) if plain == item.payload => report.unchanged += 1,
            Err(Error::Public(RespiteError::Integrity { .. })) => {
                row.update(conn, keys, table, &current)?;
                report.updated += 1;
            }
            _ => store_copy(conn, keys, table, item, item.row(), report)?,
        }
    }
    Ok(())
}

fn merge_setting(
    conn: &Connection,
    keys: &VaultKeys,
    item: &Item,
    report: &mut MergeReport,
) -> Result<()> {
    let current = settings::select_row(conn, &item.id)?;
    let place = RowRef {
        table: settings::TABLE,
        id: &item.id,
        revision: item.revision,
    };
    match &current {
        Some((revision, sealed))
            if *revision == item.revision
                && place
                    .open_bytes(keys, sealed)
                    .is_ok_and(|p| p == item.payload) =>
        {
            report.unchanged += 1;
        }
        Some((revision, _)) if *revision >= item.revision => {
            // Settings keep no history: the vault's own, newer or changed here, stays.
            report.older_skipped += 1;
        }
        _ => {
            let sealed = place.seal_bytes(keys, &item.payload)?;
            settings::put_row(conn, keys, &item.id, item.revision, sealed)?;
            if current.is_some() {
                report.updated += 1;
            } else {
                report.added += 1;
            }
        }
    }
    Ok(())
}

/// Merging plan revisions: a revision whose plan the vault already has (at any
/// number) is unchanged; any other is appended after the vault's revisions. If that
/// would make an older plan current, the plan saved last is appended once more, so
/// the newest plan by time stays the current one.
struct PlanMerge {
    /// SHA-256 of every plan the vault holds.
    known: HashSet<Vec<u8>>,
    next: u32,
    /// The vault's current plan: its revision and when it was saved.
    latest: Option<(u32, i64)>,
    /// When the newest appended revision was saved.
    appended_latest: Option<i64>,
}

impl PlanMerge {
    fn load(conn: &Connection, keys: &VaultKeys) -> Result<PlanMerge> {
        let mut known = HashSet::new();
        let mut latest = None;
        for (revision, saved_at, sealed) in revisions::revision_rows(conn)? {
            let place = revisions::place(revision);
            if let Ok(plain) = place.open_bytes(keys, &sealed) {
                known.insert(digest(&plain));
            }
            latest = Some((revision, saved_at));
        }
        Ok(PlanMerge {
            known,
            next: latest.map_or(1, |(r, _)| r + 1),
            latest,
            appended_latest: None,
        })
    }

    fn merge(
        &mut self,
        conn: &Connection,
        keys: &VaultKeys,
        item: &Item,
        report: &mut MergeReport,
    ) -> Result<()> {
        if !self.known.insert(digest(&item.payload)) {
            report.unchanged += 1;
            return Ok(());
        }
        let sealed = revisions::place(self.next).seal_bytes(keys, &item.payload)?;
        revisions::insert_revision(conn, keys, self.next, item.updated_at, &sealed)?;
        self.next += 1;
        self.appended_latest = Some(
            self.appended_latest
                .unwrap_or(i64::MIN)
                .max(item.updated_at),
        );
        report.added += 1;
        Ok(())
    }

    fn finish(self, conn: &Connection, keys: &VaultKeys) -> Result<()> {
        let (Some((revision, saved_at)), Some(appended)) = (self.latest, self.appended_latest)
        else {
            return Ok(());
        };
        if appended <= saved_at {
            let (_, _, sealed) = revisions::revision_row(conn, revision)?.ok_or_else(|| {
                RespiteError::Integrity {
                    detail: "the newest plan revision is missing".into(),
                }
            })?;
            let plain = revisions::place(revision).open_bytes(keys, &sealed)?;
            let resealed = revisions::place(self.next).seal_bytes(keys, &plain)?;
            revisions::insert_revision(conn, keys, self.next, saved_at, &resealed)?;
        }
        Ok(())
    }
}

fn digest(bytes: &[u8]) -> Vec<u8> {
    ring::digest::digest(&ring::digest::SHA256, bytes)
        .as_ref()
        .to_vec()
}
