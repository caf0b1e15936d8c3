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
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::sealed::StoredRow;
use super::vault_meta;
use crate::crypto::keys::VaultKeys;
use crate::crypto::{self, Aad, ENVELOPE_OVERHEAD};
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
    let mut stmt = conn.prepare_cached(table.select)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        f(StoredRow::read(r)?)?;
    }
    Ok(())
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

    fn to_hex(self) -> String {
        let bytes: Vec<u8> = self.0.iter().flat_map(|l| l.to_le_bytes()).collect();
        crypto::to_hex(&bytes)
    }

    fn from_hex(text: &str) -> Option<Self> {
        let bytes: [u8; 32] = crypto::from_hex(text)?.try_into().ok()?;
        Some(Digest(Self::limbs(&bytes)))
    }
}

/// The sealed manifest: a counter of changes and, per table, its rows and digest.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    changes: u64,
    tables: BTreeMap<String, TableState>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct TableState {
    rows: u64,
    digest: String,
}

impl TableState {
    fn digest(&self) -> Result<Digest> {
        if self.digest.is_empty() {
            return Ok(Digest::default());
        }
        Digest::from_hex(&self.digest)
            .ok_or_else(|| RespiteError::integrity("the vault's state manifest is damaged").into())
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
    serde_json::from_slice(&plain)
        .map(Some)
        .map_err(|_| RespiteError::integrity("the vault's state manifest is damaged").into())
}

fn save(conn: &Connection, keys: &VaultKeys, manifest: &Manifest) -> Result<()> {
    let json = serde_json::to_vec(manifest)
        .map_err(|_| RespiteError::internal("could not encode the state manifest"))?;
    vault_meta::set_value(conn, MANIFEST, &keys.seal(manifest_aad(), &json)?)
}

/// The element of `row` in `table`.
fn element(keys: &VaultKeys, table: &str, row: &StoredRow) -> [u8; 32] {
    let sealed = &row.sealed;
    // An envelope is its algorithm byte and nonce, the ciphertext, then the tag.
    let (head, tag): (&[u8], &[u8]) = if sealed.len() >= ENVELOPE_OVERHEAD {
        (
            &sealed[..ENVELOPE_OVERHEAD - 16],
            &sealed[sealed.len() - 16..],
        )
    } else {
        (sealed, &[])
    };
    keys.state_mac(&[
        table.as_bytes(),
        row.id.as_bytes(),
        &u64::from(row.revision).to_be_bytes(),
        row.day.as_bytes(),
        &row.occurred_at.to_be_bytes(),
        &row.updated_at.to_be_bytes(),
        &(sealed.len() as u64).to_be_bytes(),
        head,
        tag,
    ])
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
    keys.check_writable()?;
    let mut manifest = load(conn, keys)?
        .ok_or_else(|| RespiteError::integrity("the vault's state manifest is missing"))?;
    let state = manifest.tables.entry(table.to_owned()).or_default();
    let mut digest = state.digest()?;
    let mut remove =
        conn.prepare_cached("DELETE FROM state_rows WHERE tbl = ?1 AND id = ?2 AND revision = ?3")?;
    for row in removed {
        digest.sub(&element(keys, table, row));
        state.rows = state.rows.saturating_sub(1);
        remove.execute(params![table, row.id, row.revision])?;
    }
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO state_rows (tbl, id, revision, mac) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for row in added {
        let mac = element(keys, table, row);
        digest.add(&mac);
        state.rows += 1;
        insert.execute(params![table, row.id, row.revision, &mac[..]])?;
    }
    state.digest = digest.to_hex();
    manifest.changes += 1;
    save(conn, keys, &manifest)
}

/// Computes the state afresh from the rows as they are: for a vault whose rows were
/// all just written or re-sealed by this code (creation, upgrade, key rotation).
pub(crate) fn rebuild(conn: &Connection, keys: &VaultKeys) -> Result<()> {
    let changes = load(conn, keys).ok().flatten().map_or(0, |m| m.changes);
    conn.execute("DELETE FROM state_rows", [])?;
    let mut manifest = Manifest {
        changes: changes + 1,
        tables: BTreeMap::new(),
    };
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO state_rows (tbl, id, revision, mac) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for table in &TABLES {
        let mut digest = Digest::default();
        let mut rows = 0;
        each_stored(conn, table, &mut |row| {
            let mac = element(keys, table.name, &row);
            digest.add(&mac);
            rows += 1;
            insert.execute(params![table.name, row.id, row.revision, &mac[..]])?;
            Ok(())
        })?;
        manifest.tables.insert(
            table.name.to_owned(),
            TableState {
                rows,
                digest: digest.to_hex(),
            },
        );
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
    let mut problems = Vec::new();
    for table in &TABLES {
        let expected = manifest.tables.get(table.name).cloned().unwrap_or_default();
        let expected_digest = expected.digest()?;
        let mut digest = Digest::default();
        let mut rows = 0u64;
        each_stored(conn, table, &mut |row| {
            digest.add(&element(keys, table.name, &row));
            rows += 1;
            Ok(())
        })?;
        if digest == expected_digest && rows == expected.rows {
            continue;
        }
        name_differences(
            conn,
            keys,
            table,
            &expected,
            expected_digest,
            rows,
            &mut problems,
        )?;
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
    expected: &TableState,
    expected_digest: Digest,
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
    if index_digest != expected_digest || written.len() as u64 != expected.rows {
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
    each_stored(conn, table, &mut |row| {
        let mac = element(keys, table.name, &row);
        found.insert((row.id, row.revision), mac);
        Ok(())
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
        assert_eq!(Digest::from_hex(&d.to_hex()), Some(d));
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
