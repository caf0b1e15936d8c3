//! The vault's authenticated state: what the vault last wrote, so that a row deleted,
//! put back to an earlier revision, re-dated or copied in outside Respite is noticed.
//!
//! Every sealed row has an element: the MAC (under a key derived from the vault key)
//! of its table, id, revision, plaintext columns and its envelope's nonce and tag
//! (which authenticate the envelope's bytes). A sealed manifest in `vault_meta` holds,
//! per table, the number of rows and the sum of their elements modulo 2²⁵⁶, and a
//! counter of changes. Every write updates it in the same transaction, and the unlock
//! checks it. The table `state_rows` keeps each row's element next to its place, so a
//! mismatch can be named row by row while those lines still add up to the manifest.
//!
//! Rolling back the whole file (rows and manifest together) is not detected: only a
//! counter kept outside the file could, and [`StateCheck::changes`] is the number to
//! keep.

use rusqlite::{params, Connection};
use std::collections::BTreeMap;

use super::sealed::{self, StoredRow};
use super::vault_meta;
use crate::crypto::keys::{StateMac, VaultKeys};
use crate::crypto::{Aad, ENVELOPE_OVERHEAD};
use crate::error::internal::Result;
use crate::error::RespiteError;

/// A table of sealed rows, as the state sees it.
pub(crate) struct SealedTable {
    /// The table's name.
    pub(crate) name: &'static str,
    /// The table name its rows are sealed under (history rows are sealed as entries).
    pub(crate) sealed_as: &'static str,
    /// What one row is, in words.
    what: &'static str,
    /// Selects every row as `id, day, occurred_at, updated_at, revision, sealed`.
    select: &'static str,
    /// Replaces the sealed bytes (?3) of the row with id ?1 and revision ?2.
    update_sealed: &'static str,
}

/// Every table of sealed rows.
pub(crate) const TABLES: [SealedTable; 5] = [
    SealedTable {
        name: "journal_entries",
        sealed_as: "journal_entries",
        what: "journal entry",
        select: "SELECT id, day, occurred_at, updated_at, revision, sealed FROM journal_entries",
        update_sealed: "UPDATE journal_entries SET sealed = ?3 WHERE id = ?1 AND revision = ?2",
    },
    SealedTable {
        name: "journal_revisions",
        sealed_as: "journal_entries",
        what: "earlier revision of a journal entry",
        select: "SELECT entry_id, '', 0, updated_at, revision, sealed FROM journal_revisions",
        update_sealed:
            "UPDATE journal_revisions SET sealed = ?3 WHERE entry_id = ?1 AND revision = ?2",
    },
    SealedTable {
        name: "checkins",
        sealed_as: "checkins",
        what: "check-in",
        select: "SELECT id, day, occurred_at, updated_at, revision, sealed FROM checkins",
        update_sealed: "UPDATE checkins SET sealed = ?3 WHERE id = ?1 AND revision = ?2",
    },
    SealedTable {
        name: "settings",
        sealed_as: "settings",
        what: "settings group",
        select: "SELECT id, '', 0, 0, revision, sealed FROM settings",
        update_sealed: "UPDATE settings SET sealed = ?3 WHERE id = ?1 AND revision = ?2",
    },
    SealedTable {
        name: "plan_revisions",
        sealed_as: "plan",
        what: "plan revision",
        select: "SELECT 'plan', '', 0, saved_at, revision, sealed FROM plan_revisions",
        update_sealed: "UPDATE plan_revisions SET sealed = ?3 WHERE ?1 = 'plan' AND revision = ?2",
    },
];

/// Calls `f` with every stored row of `table`, unopened.
pub(crate) fn each_stored(
    conn: &Connection,
    table: &SealedTable,
    f: &mut dyn FnMut(StoredRow) -> Result<()>,
) -> Result<()> {
    sealed::each_selected(conn, table.select, [], f)
}

/// Replaces the sealed bytes of `row` in `table` (for re-sealing every record).
pub(crate) fn update_sealed(
    conn: &Connection,
    table: &SealedTable,
    row: &StoredRow,
    sealed: &[u8],
) -> Result<()> {
    conn.prepare_cached(table.update_sealed)?
        .execute(params![row.id, row.revision, sealed])?;
    Ok(())
}

/// Runs `f` so that all or none of its writes land: a savepoint, which nests inside
/// the caller's transaction or, outside one, is a transaction of its own (committed
/// when `f` succeeds, rolled back in full when `f` or the commit fails).
pub(crate) fn atomically<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let nested = !conn.is_autocommit();
    conn.execute_batch("SAVEPOINT respite_write")?;
    let undo = || {
        let sql = if nested {
            "ROLLBACK TO respite_write; RELEASE respite_write"
        } else {
            "ROLLBACK"
        };
        // Fails only when SQLite already rolled back (a full disk, say).
        let _ = conn.execute_batch(sql);
    };
    match f() {
        Ok(value) => match conn.execute_batch("RELEASE respite_write") {
            Ok(()) => Ok(value),
            Err(err) => {
                undo();
                Err(err.into())
            }
        },
        Err(err) => {
            undo();
            Err(err)
        }
    }
}

/// A sum of elements modulo 2²⁵⁶ (four little-endian 64-bit limbs). A sum rather than
/// an exclusive or, so that a row stored twice does not cancel out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Digest([u64; 4]);

impl Digest {
    fn limbs(mac: &[u8; 32]) -> [u64; 4] {
        let mut limbs = [0u64; 4];
        for (limb, chunk) in limbs.iter_mut().zip(mac.chunks_exact(8)) {
            *limb = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        }
        limbs
    }

    fn add(&mut self, mac: &[u8; 32]) {
        let mut carry = false;
        for (limb, other) in self.0.iter_mut().zip(Self::limbs(mac)) {
            let (sum, c1) = limb.overflowing_add(other);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            *limb = sum;
            carry = c1 || c2;
        }
    }

    fn sub(&mut self, mac: &[u8; 32]) {
        let mut borrow = false;
        for (limb, other) in self.0.iter_mut().zip(Self::limbs(mac)) {
            let (diff, b1) = limb.overflowing_sub(other);
            let (diff, b2) = diff.overflowing_sub(u64::from(borrow));
            *limb = diff;
            borrow = b1 || b2;
        }
    }

    fn to_bytes(self) -> [u8; 32] {
        let mut bytes = [0u8; 32];
        for (chunk, limb) in bytes.chunks_exact_mut(8).zip(self.0) {
            chunk.copy_from_slice(&limb.to_le_bytes());
        }
        bytes
    }
}

/// The sealed manifest: a counter of changes and, per table of [`TABLES`] in their
/// order, its number of rows and their digest. Encoded as `changes u64 ‖ (rows u64 ‖
/// digest [32]) × 5`, little-endian: it is read and written with every change.
#[derive(Debug, Clone, Default)]
struct Manifest {
    changes: u64,
    tables: [TableState; TABLES.len()],
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct TableState {
    rows: u64,
    digest: Digest,
}

const MANIFEST_LEN: usize = 8 + TABLES.len() * 40;

impl Manifest {
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(MANIFEST_LEN);
        out.extend_from_slice(&self.changes.to_le_bytes());
        for table in &self.tables {
            out.extend_from_slice(&table.rows.to_le_bytes());
            out.extend_from_slice(&table.digest.to_bytes());
        }
        out
    }

    fn decode(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != MANIFEST_LEN {
            return None;
        }
        let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8"));
        let mut manifest = Manifest {
            changes: u64_at(0),
            ..Manifest::default()
        };
        for (n, table) in manifest.tables.iter_mut().enumerate() {
            let at = 8 + n * 40;
            table.rows = u64_at(at);
            table.digest = Digest(Digest::limbs(
                bytes[at + 8..at + 40].try_into().expect("32"),
            ));
        }
        Some(manifest)
    }

    /// The state of the table called `name`.
    fn table(&mut self, name: &str) -> Result<&mut TableState> {
        let at = TABLES
            .iter()
            .position(|t| t.name == name)
            .ok_or_else(|| RespiteError::internal("a write to a table the state does not know"))?;
        Ok(&mut self.tables[at])
    }
}

const MANIFEST: &str = "state";

fn manifest_aad() -> Aad {
    Aad::new("respite/state")
}

/// The stored manifest: `None` when there is none, an error when it does not open.
fn load(conn: &Connection, keys: &VaultKeys) -> Result<Option<Manifest>> {
    let Some(sealed) = vault_meta::value(conn, MANIFEST)? else {
        return Ok(None);
    };
    let plain = keys
        .open(manifest_aad(), &sealed)
        .ok_or_else(|| RespiteError::integrity("the vault's state manifest does not open"))?;
    Manifest::decode(&plain)
        .map(Some)
        .ok_or_else(|| RespiteError::integrity("the vault's state manifest is damaged").into())
}

fn save(conn: &Connection, keys: &VaultKeys, manifest: &Manifest) -> Result<()> {
    vault_meta::set_value(
        conn,
        MANIFEST,
        &keys.seal(manifest_aad(), &manifest.encode())?,
    )
}

/// The fields of a sealed row that its element covers, borrowed from a stored row or
/// straight from SQLite (the unlock check reads every row without copying it).
#[derive(Clone, Copy)]
struct RowView<'a> {
    id: &'a [u8],
    revision: i64,
    day: &'a [u8],
    occurred_at: i64,
    updated_at: i64,
    sealed: &'a [u8],
}

impl<'a> RowView<'a> {
    fn of(row: &'a StoredRow) -> Self {
        RowView {
            id: row.id.as_bytes(),
            revision: i64::from(row.revision),
            day: row.day.as_bytes(),
            occurred_at: row.occurred_at,
            updated_at: row.updated_at,
            sealed: &row.sealed,
        }
    }

    /// A row selected as `id, day, occurred_at, updated_at, revision, sealed`; a
    /// damaged column reads as empty or zero, so the row's element differs.
    fn read(r: &'a rusqlite::Row<'a>) -> Self {
        use rusqlite::types::ValueRef;
        let bytes = |i: usize| match r.get_ref(i) {
            Ok(ValueRef::Text(b) | ValueRef::Blob(b)) => b,
            _ => &[],
        };
        let int = |i: usize| match r.get_ref(i) {
            Ok(ValueRef::Integer(n)) => n,
            _ => 0,
        };
        RowView {
            id: bytes(0),
            day: bytes(1),
            occurred_at: int(2),
            updated_at: int(3),
            revision: int(4),
            sealed: bytes(5),
        }
    }

    /// Appends the row's encoding to `buffer`: unambiguous, with variable fields
    /// length-prefixed and numbers fixed-width. Its element is the table's MAC of it.
    fn encode(&self, buffer: &mut Vec<u8>) {
        // An envelope is its algorithm byte and nonce, the ciphertext, then the tag.
        let (head, tag): (&[u8], &[u8]) = if self.sealed.len() >= ENVELOPE_OVERHEAD {
            (
                &self.sealed[..ENVELOPE_OVERHEAD - 16],
                &self.sealed[self.sealed.len() - 16..],
            )
        } else {
            (self.sealed, &[])
        };
        for bytes in [self.id, self.day, head, tag] {
            buffer.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
            buffer.extend_from_slice(bytes);
        }
        for n in [
            self.revision,
            self.occurred_at,
            self.updated_at,
            self.sealed.len() as i64,
        ] {
            buffer.extend_from_slice(&n.to_be_bytes());
        }
    }
}

/// The elements of rows of one table, with a reused buffer.
struct Elements {
    mac: StateMac,
    buffer: Vec<u8>,
}

impl Elements {
    fn new(keys: &VaultKeys, table: &SealedTable) -> Self {
        Elements {
            mac: keys.state_mac(table.name),
            buffer: Vec::with_capacity(128),
        }
    }

    fn of(&mut self, row: RowView<'_>) -> [u8; 32] {
        self.buffer.clear();
        row.encode(&mut self.buffer);
        self.mac.of(&self.buffer)
    }
}

/// What [`each_element`] calls with each row's element, id and revision.
type ElementSink<'a> = dyn FnMut([u8; 32], &[u8], i64) + 'a;

/// Calls `f` with the element, id and revision of every row of `table`, read in
/// place.
fn each_element(
    conn: &Connection,
    keys: &VaultKeys,
    table: &SealedTable,
    f: &mut ElementSink<'_>,
) -> Result<()> {
    let mut elements = Elements::new(keys, table);
    let mut stmt = conn.prepare_cached(table.select)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let view = RowView::read(r);
        f(elements.of(view), view.id, view.revision);
    }
    Ok(())
}

/// One row's line in `state_rows`: its place and element.
pub(crate) struct StateLine {
    id: String,
    revision: u32,
    mac: [u8; 32],
}

/// The element of `row` in `table`, for a writer that computes it ahead (on another
/// thread) and records it with [`record_deferred`].
pub(crate) fn element(keys: &VaultKeys, table: &'static str, row: &StoredRow) -> Result<[u8; 32]> {
    Ok(Elements::new(keys, sealed_table(table)?).of(RowView::of(row)))
}

fn sealed_table(name: &str) -> Result<&'static SealedTable> {
    TABLES
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| RespiteError::internal("a write to a table the state does not know").into())
}

/// Records, in the caller's transaction, that `removed` rows left `table` and `added`
/// rows entered it. Refused while the keys are read-only.
pub(crate) fn record(
    conn: &Connection,
    keys: &VaultKeys,
    table: &'static str,
    removed: &[&StoredRow],
    added: &[&StoredRow],
) -> Result<()> {
    let mut elements = Elements::new(keys, sealed_table(table)?);
    let added: Vec<(&StoredRow, [u8; 32])> = added
        .iter()
        .map(|row| (*row, elements.of(RowView::of(row))))
        .collect();
    let mut lines = Vec::with_capacity(added.len());
    record_deferred(conn, keys, table, removed, &added, &mut lines)?;
    let mut remove =
        conn.prepare_cached("DELETE FROM state_rows WHERE tbl = ?1 AND id = ?2 AND revision = ?3")?;
    for row in removed {
        remove.execute(params![table, row.id, row.revision])?;
    }
    insert_lines(conn, table, lines)
}

/// Like [`record`], with the added rows' elements given (see [`element`]) and their
/// `state_rows` lines appended to `lines` for [`insert_lines`] to write later in one
/// sorted pass (for filling an empty vault, whose lines would otherwise go into the
/// index in random order). The manifest is up to date at once.
pub(crate) fn record_deferred(
    conn: &Connection,
    keys: &VaultKeys,
    table: &'static str,
    removed: &[&StoredRow],
    added: &[(&StoredRow, [u8; 32])],
    lines: &mut Vec<StateLine>,
) -> Result<()> {
    keys.check_writable()?;
    let mut elements = Elements::new(keys, sealed_table(table)?);
    let mut manifest = load(conn, keys)?
        .ok_or_else(|| RespiteError::integrity("the vault's state manifest is missing"))?;
    let state = manifest.table(table)?;
    for row in removed {
        state.digest.sub(&elements.of(RowView::of(row)));
        state.rows = state.rows.wrapping_sub(1);
    }
    for (row, mac) in added {
        state.digest.add(mac);
        state.rows = state.rows.wrapping_add(1);
        lines.push(StateLine {
            id: row.id.clone(),
            revision: row.revision,
            mac: *mac,
        });
    }
    manifest.changes += 1;
    save(conn, keys, &manifest)
}

/// Writes `lines` of `table` into `state_rows`, in key order, 64 to a statement.
pub(crate) fn insert_lines(
    conn: &Connection,
    table: &'static str,
    mut lines: Vec<StateLine>,
) -> Result<()> {
    lines.sort_unstable_by(|a, b| (&a.id, a.revision).cmp(&(&b.id, b.revision)));
    for group in lines.chunks(64) {
        let values = vec!["(?, ?, ?, ?)"; group.len()].join(", ");
        let mut insert = conn.prepare_cached(&format!(
            "INSERT OR REPLACE INTO state_rows (tbl, id, revision, mac) VALUES {values}"
        ))?;
        for (n, line) in group.iter().enumerate() {
            insert.raw_bind_parameter(n * 4 + 1, table)?;
            insert.raw_bind_parameter(n * 4 + 2, &line.id)?;
            insert.raw_bind_parameter(n * 4 + 3, line.revision)?;
            insert.raw_bind_parameter(n * 4 + 4, &line.mac[..])?;
        }
        insert.raw_execute()?;
    }
    Ok(())
}

/// Computes the state afresh from the rows as they are: for a vault whose rows were
/// all just written or re-sealed by this code (creation, upgrade, key rotation).
pub(crate) fn rebuild(conn: &Connection, keys: &VaultKeys) -> Result<()> {
    let changes = load(conn, keys).ok().flatten().map_or(0, |m| m.changes);
    conn.execute("DELETE FROM state_rows", [])?;
    let mut manifest = Manifest {
        changes: changes + 1,
        ..Manifest::default()
    };
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO state_rows (tbl, id, revision, mac) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (table, state) in TABLES.iter().zip(manifest.tables.iter_mut()) {
        let mut digest = Digest::default();
        let mut rows = 0;
        let mut lines = Vec::new();
        each_element(conn, keys, table, &mut |mac, id, revision| {
            digest.add(&mac);
            rows += 1;
            lines.push((String::from_utf8_lossy(id).into_owned(), revision, mac));
        })?;
        for (id, revision, mac) in lines {
            insert.execute(params![table.name, id, revision, &mac[..]])?;
        }
        *state = TableState { rows, digest };
    }
    save(conn, keys, &manifest)
}

/// What the check of the vault's authenticated state found.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StateCheck {
    /// Whether every stored row is the one the vault last wrote: nothing missing,
    /// rolled back, changed or added outside Respite.
    pub intact: bool,
    /// How many changes the vault has recorded. Keeping this number outside the file
    /// is the only way to notice the whole file being put back to an older copy.
    pub changes: u64,
    /// What differs, by record id and revision (never content).
    pub problems: Vec<StateProblem>,
}

/// One difference between the stored rows and what the vault last wrote.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StateProblem {
    /// What kind of difference.
    pub kind: StateProblemKind,
    /// What kind of record, in words ("journal entry", "check-in", ...).
    pub record: String,
    /// The record's id, when it can be named.
    pub id: Option<String>,
    /// In fixed wording: revisions or counts, never content.
    pub detail: String,
}

/// The kinds of [`StateProblem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum StateProblemKind {
    /// A row the vault wrote is gone.
    Missing,
    /// A row is back at an earlier revision.
    RolledBack,
    /// A row's day, time or sealed data changed outside Respite.
    Changed,
    /// A row the vault did not write (or deleted) is there.
    Unexpected,
    /// Rows are missing or added, but which ones cannot be told.
    Unaccounted,
}

/// The rows and digest of every table as stored. The rows are read on this thread and
/// their elements computed on a second one, so the check costs little more than
/// reading the rows.
fn stored_states(conn: &Connection, keys: &VaultKeys) -> Result<[TableState; TABLES.len()]> {
    /// Rows handed over at a time: their encodings and where each ends.
    const BATCH: usize = 512;
    type Batch = (usize, Vec<u8>, Vec<usize>);
    let (send, receive) = std::sync::mpsc::sync_channel::<Batch>(4);
    std::thread::scope(|s| {
        let worker = s.spawn(move || {
            let macs: Vec<StateMac> = TABLES.iter().map(|t| keys.state_mac(t.name)).collect();
            let mut states = [TableState::default(); TABLES.len()];
            for (table, bytes, ends) in receive {
                let mut start = 0;
                for end in ends {
                    states[table]
                        .digest
                        .add(&macs[table].of(&bytes[start..end]));
                    states[table].rows += 1;
                    start = end;
                }
            }
            states
        });
        let read = (|| -> Result<()> {
            for (n, table) in TABLES.iter().enumerate() {
                let mut stmt = conn.prepare_cached(table.select)?;
                let mut rows = stmt.query([])?;
                let (mut bytes, mut ends) = (Vec::new(), Vec::with_capacity(BATCH));
                while let Some(r) = rows.next()? {
                    RowView::read(r).encode(&mut bytes);
                    ends.push(bytes.len());
                    if ends.len() == BATCH {
                        let full = (n, std::mem::take(&mut bytes), std::mem::take(&mut ends));
                        send.send(full)
                            .map_err(|_| RespiteError::internal("the state check stopped"))?;
                    }
                }
                if !ends.is_empty() {
                    send.send((n, bytes, ends))
                        .map_err(|_| RespiteError::internal("the state check stopped"))?;
                }
            }
            Ok(())
        })();
        drop(send);
        let states = worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        read.map(|()| states)
    })
}

/// Checks the stored rows against the sealed manifest; nothing is written.
pub(crate) fn check(conn: &Connection, keys: &VaultKeys) -> Result<StateCheck> {
    let manifest = match load(conn, keys) {
        Ok(Some(manifest)) => manifest,
        Ok(None) | Err(_) => {
            return Ok(StateCheck {
                intact: false,
                changes: 0,
                problems: vec![StateProblem {
                    kind: StateProblemKind::Missing,
                    record: "state manifest".to_owned(),
                    id: None,
                    detail: "the record of what this vault holds is missing or does not open"
                        .to_owned(),
                }],
            })
        }
    };
    let unreadable = || StateCheck {
        intact: false,
        changes: manifest.changes,
        problems: vec![StateProblem {
            kind: StateProblemKind::Unaccounted,
            record: "vault file".to_owned(),
            id: None,
            detail: "some rows could not be read: the file is damaged".to_owned(),
        }],
    };
    let mut problems = Vec::new();
    // A damaged page is a problem to report, not a reason to refuse the unlock: the
    // rows that can be read stay readable.
    let Ok(stored) = stored_states(conn, keys) else {
        return Ok(unreadable());
    };
    for ((table, expected), found) in TABLES.iter().zip(manifest.tables).zip(stored) {
        if found == expected {
            continue;
        }
        let rows = found.rows;
        if name_differences(conn, keys, table, expected, rows, &mut problems).is_err() {
            return Ok(unreadable());
        }
    }
    Ok(StateCheck {
        intact: problems.is_empty(),
        changes: manifest.changes,
        problems,
    })
}

/// Names the rows of `table` that differ from the manifest, through `state_rows` when
/// its lines still add up to the manifest, or by counts alone.
fn name_differences(
    conn: &Connection,
    keys: &VaultKeys,
    table: &SealedTable,
    expected: TableState,
    found_rows: u64,
    problems: &mut Vec<StateProblem>,
) -> Result<()> {
    let mut written: BTreeMap<(String, u32), [u8; 32]> = BTreeMap::new();
    let mut index_digest = Digest::default();
    {
        let mut stmt =
            conn.prepare_cached("SELECT id, revision, mac FROM state_rows WHERE tbl = ?1")?;
        let mut rows = stmt.query([table.name])?;
        while let Some(r) = rows.next()? {
            let mac: Vec<u8> = r.get(2)?;
            let mac: [u8; 32] = mac.try_into().unwrap_or([0; 32]);
            index_digest.add(&mac);
            written.insert((r.get(0)?, r.get(1)?), mac);
        }
    }
    let problem = |kind, id: Option<String>, detail: String| StateProblem {
        kind,
        record: table.what.to_owned(),
        id,
        detail,
    };
    if index_digest != expected.digest || written.len() as u64 != expected.rows {
        problems.push(problem(
            StateProblemKind::Unaccounted,
            None,
            format!(
                "{found_rows} stored where the vault wrote {}, or some were replaced; \
                 which ones cannot be told",
                expected.rows
            ),
        ));
        return Ok(());
    }
    let mut found: BTreeMap<(String, u32), [u8; 32]> = BTreeMap::new();
    each_element(conn, keys, table, &mut |mac, id, revision| {
        let revision = u32::try_from(revision).unwrap_or(0);
        found.insert((String::from_utf8_lossy(id).into_owned(), revision), mac);
    })?;
    let mut missing: BTreeMap<String, u32> = BTreeMap::new();
    for (key, mac) in &written {
        match found.remove(key) {
            Some(stored) if &stored == mac => {}
            Some(_) => problems.push(problem(
                StateProblemKind::Changed,
                Some(key.0.clone()),
                format!("revision {} changed outside Respite", key.1),
            )),
            None => {
                missing.insert(key.0.clone(), key.1);
            }
        }
    }
    for ((id, revision), _) in found {
        match missing.remove(&id) {
            Some(written) if revision < written => problems.push(problem(
                StateProblemKind::RolledBack,
                Some(id),
                format!("rolled back from revision {written} to revision {revision}"),
            )),
            Some(written) => problems.push(problem(
                StateProblemKind::Changed,
                Some(id),
                format!("revision {revision} found where the vault wrote revision {written}"),
            )),
            None => problems.push(problem(
                StateProblemKind::Unexpected,
                Some(id),
                format!("revision {revision} was not written by this vault, or was deleted"),
            )),
        }
    }
    for (id, revision) in missing {
        problems.push(problem(
            StateProblemKind::Missing,
            Some(id),
            format!("revision {revision} is missing"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_add_and_subtract_with_carries() {
        let mut d = Digest::default();
        let all_ones = [0xff; 32];
        let one = {
            let mut b = [0u8; 32];
            b[0] = 1;
            b
        };
        d.add(&all_ones);
        d.add(&one);
        assert_eq!(d, Digest::default(), "wraps modulo 2^256");
        d.add(&one);
        d.add(&one);
        d.sub(&one);
        assert_eq!(d, Digest(Digest::limbs(&one)));
        assert_eq!(Digest(Digest::limbs(&d.to_bytes())), d);
        let mut twice = Digest::default();
        twice.add(&one);
        twice.add(&one);
        assert_ne!(
            twice,
            Digest::default(),
            "a row stored twice does not cancel"
        );
    }
}
