//! Sealed rows: record ids, the associated data that pins a ciphertext to its row, the
//! SQL shared by every table of sealed records, and the report of records that failed
//! to open.
//!
//! A table of sealed records has the columns `id, day, occurred_at, updated_at,
//! revision, sealed` and an index on `(day, occurred_at)`; see `schema/`.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{de::DeserializeOwned, Serialize};

use super::state;
use crate::crypto::keys::VaultKeys;
use crate::crypto::{self, Aad};
use crate::error::internal::{Error, Result};
use crate::error::RespiteError;
use crate::time;

/// The version of the sealed-record format (envelope, associated data, JSON payload),
/// bound into every record's associated data. Format 2 adds the vault id (appended by
/// [`VaultKeys::seal`]); format 1 records are re-sealed at a vault's first unlock in
/// format 5 of the schema.
const RECORD_FORMAT: u32 = 2;
/// The record format before the vault id was bound in.
const LEGACY_RECORD_FORMAT: u32 = 1;

/// Length of a record id: 16 random bytes as lowercase hex.
const ID_LEN: usize = 32;

/// A record that is stored but could not be opened (tampered, moved, or damaged).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DamagedRecord {
    /// The record's id.
    pub id: String,
    /// What is wrong, in fixed wording that carries no content.
    pub reason: String,
}

/// The place a sealed value belongs to: table, record id and revision.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowRef<'a> {
    pub(crate) table: &'static str,
    pub(crate) id: &'a str,
    pub(crate) revision: u32,
}

impl RowRef<'_> {
    fn aad(&self, format: u32) -> Aad {
        Aad::new("respite/record")
            .field(&format.to_be_bytes())
            .field(self.table.as_bytes())
            .field(self.id.as_bytes())
            .field(&u64::from(self.revision).to_be_bytes())
    }

    /// Serialises `payload` and seals it for this row.
    pub(crate) fn seal<T: Serialize>(&self, keys: &VaultKeys, payload: &T) -> Result<Vec<u8>> {
        self.seal_bytes(keys, &encode(payload)?)
    }

    /// Seals an already serialised payload for this row, padded (see [`padded_len`]).
    pub(crate) fn seal_bytes(&self, keys: &VaultKeys, plain: &[u8]) -> Result<Vec<u8>> {
        let mut padded = zeroize::Zeroizing::new(Vec::with_capacity(padded_len(plain.len())));
        padded.extend_from_slice(plain);
        padded.resize(padded_len(plain.len()), PAD);
        keys.seal(self.aad(RECORD_FORMAT), &padded)
    }

    /// Opens a value sealed for this row; any failure is reported as damage.
    pub(crate) fn open<T: DeserializeOwned>(&self, keys: &VaultKeys, sealed: &[u8]) -> Result<T> {
        serde_json::from_slice(&self.open_bytes(keys, sealed)?).map_err(|_| self.damaged().into())
    }

    /// Opens a payload sealed for this row without decoding it.
    pub(crate) fn open_bytes(
        &self,
        keys: &VaultKeys,
        sealed: &[u8],
    ) -> Result<zeroize::Zeroizing<Vec<u8>>> {
        let plain = keys
            .open(self.aad(RECORD_FORMAT), sealed)
            .ok_or_else(|| self.damaged())?;
        Ok(unpad(plain))
    }

    /// Opens a payload sealed in the record format before vault ids (for the upgrade).
    pub(crate) fn open_legacy_bytes(
        &self,
        keys: &VaultKeys,
        sealed: &[u8],
    ) -> Option<zeroize::Zeroizing<Vec<u8>>> {
        keys.open_unbound(&self.aad(LEGACY_RECORD_FORMAT), sealed)
            .map(unpad)
    }

    fn damaged(&self) -> RespiteError {
        RespiteError::integrity(format!("record {} could not be opened", self.id))
    }
}

/// A payload without the padding added by [`RowRef::seal_bytes`].
fn unpad(mut plain: zeroize::Zeroizing<Vec<u8>>) -> zeroize::Zeroizing<Vec<u8>> {
    {
        let len = plain
            .iter()
            .rposition(|&b| b != PAD)
            .map_or(0, |last| last + 1);
        plain.truncate(len);
    }
    plain
}

/// The byte sealed payloads are padded with: JSON ignores trailing spaces, and no
/// payload's JSON ends with one, so opening strips them again.
const PAD: u8 = b' ';
/// The smallest sealed payload: every short record looks the same.
const MIN_PADDED: usize = 512;

/// The length a payload of `len` bytes is padded to before sealing: at least 512
/// bytes, then Padmé (Nikitin et al., 2019), which rounds to a length whose low bits
/// are zero and costs at most 12 % — so a record's size reveals neither its kind nor
/// its exact length.
pub(crate) fn padded_len(len: usize) -> usize {
    if len <= MIN_PADDED {
        return MIN_PADDED;
    }
    let exponent = usize::BITS - 1 - len.leading_zeros();
    let size_bits = u32::BITS - exponent.leading_zeros();
    let low_bits = exponent - size_bits;
    let mask = (1usize << low_bits) - 1;
    (len + mask) & !mask
}

/// A stored row of a sealed-record table, before it is opened.
#[derive(Debug, Clone)]
pub(crate) struct StoredRow {
    pub(crate) id: String,
    pub(crate) day: String,
    pub(crate) occurred_at: i64,
    pub(crate) updated_at: i64,
    pub(crate) revision: u32,
    pub(crate) sealed: Vec<u8>,
}

const COLUMNS: &str = "id, day, occurred_at, updated_at, revision, sealed";
const NEWEST_FIRST: &str = "ORDER BY day DESC, occurred_at DESC, rowid DESC";

impl StoredRow {
    /// Reads a row. Only the id must be intact: a row whose other columns were
    /// damaged still reads, and then fails to open, so it is reported by id.
    pub(crate) fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredRow> {
        use rusqlite::types::ValueRef;
        Ok(StoredRow {
            id: r.get(0)?,
            day: r.get(1).unwrap_or_default(),
            occurred_at: r.get(2).unwrap_or_default(),
            updated_at: r.get(3).unwrap_or_default(),
            revision: r.get(4).unwrap_or_default(),
            sealed: match r.get_ref(5)? {
                ValueRef::Blob(bytes) | ValueRef::Text(bytes) => bytes.to_vec(),
                _ => Vec::new(),
            },
        })
    }

    /// Where this row's ciphertext belongs.
    pub(crate) fn place(&self, table: &'static str) -> RowRef<'_> {
        RowRef {
            table,
            id: &self.id,
            revision: self.revision,
        }
    }

    /// Where this row is: its day and time.
    pub(crate) fn placement(&self) -> Placement {
        Placement {
            day: self.day.clone(),
            occurred_at: self.occurred_at,
        }
    }

    /// Inserts this row into `table`, recording it in the vault's state.
    pub(crate) fn insert(
        &self,
        conn: &Connection,
        keys: &VaultKeys,
        table: &'static str,
    ) -> Result<()> {
        insert_rows(conn, keys, table, std::slice::from_ref(self))
    }

    /// Replaces `current`, the stored row with the same id in `table`, recording the
    /// change in the vault's state.
    pub(crate) fn update(
        &self,
        conn: &Connection,
        keys: &VaultKeys,
        table: &'static str,
        current: &StoredRow,
    ) -> Result<()> {
        state::atomically(conn, || {
            conn.prepare_cached(&format!(
                "UPDATE {table} SET day = ?2, occurred_at = ?3, updated_at = ?4, revision = ?5,
                 sealed = ?6 WHERE id = ?1"
            ))?
            .execute(params![
                self.id,
                self.day,
                self.occurred_at,
                self.updated_at,
                self.revision,
                self.sealed
            ])?;
            state::record(conn, keys, table, &[current], &[self])
        })
    }
}

/// Where and when a record belongs: the plaintext columns of its row.
#[derive(Debug, Clone)]
pub(crate) struct Placement {
    /// The local day, `YYYY-MM-DD`.
    pub(crate) day: String,
    /// When it happened, Unix milliseconds.
    pub(crate) occurred_at: i64,
}

impl Placement {
    /// The place of a record written at `moment`: its local day follows the vault's
    /// `day_start_hour`.
    pub(crate) fn of(moment: &time::LocalMoment, day_start: u8) -> Self {
        Placement {
            day: moment.local_day(day_start).to_string(),
            occurred_at: time::to_millis(moment.at),
        }
    }
}

/// The one write path for a new sealed record: `plain` sealed as revision 1 of `id`
/// in `table`, written now. Returns the row as stored.
pub(crate) fn write_new(
    conn: &Connection,
    keys: &VaultKeys,
    table: &'static str,
    id: String,
    at: Placement,
    plain: &[u8],
) -> Result<StoredRow> {
    let mut row = StoredRow {
        id,
        day: at.day,
        occurred_at: at.occurred_at,
        updated_at: time::to_millis(time::now()),
        revision: 1,
        sealed: Vec::new(),
    };
    row.sealed = row.place(table).seal_bytes(keys, plain)?;
    row.insert(conn, keys, table)?;
    Ok(row)
}

/// The one write path for a changed sealed record: `plain` sealed as the revision
/// after `current`, replacing it (callers that keep history store `current` first).
/// The change time never goes back, even if the clock did.
pub(crate) fn write_next(
    conn: &Connection,
    keys: &VaultKeys,
    table: &'static str,
    current: &StoredRow,
    at: Placement,
    plain: &[u8],
) -> Result<StoredRow> {
    let mut row = StoredRow {
        id: current.id.clone(),
        day: at.day,
        occurred_at: at.occurred_at,
        updated_at: time::to_millis(time::now()).max(current.updated_at),
        revision: next_revision(current.revision)?,
        sealed: Vec::new(),
    };
    row.sealed = row.place(table).seal_bytes(keys, plain)?;
    row.update(conn, keys, table, current)?;
    Ok(row)
}

/// The revision after `revision`, refusing to wrap.
pub(crate) fn next_revision(revision: u32) -> Result<u32> {
    revision
        .checked_add(1)
        .ok_or_else(|| RespiteError::invalid("revision", "too many revisions").into())
}

/// A payload as the JSON bytes that are sealed, wiped when dropped.
pub(crate) fn encode<T: Serialize>(payload: &T) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    serde_json::to_vec(payload)
        .map(zeroize::Zeroizing::new)
        .map_err(|_| RespiteError::internal("could not encode a record").into())
}

/// Inserts `rows` into `table` with one statement, recording them in the vault's
/// state in the same transaction.
fn insert_rows(
    conn: &Connection,
    keys: &VaultKeys,
    table: &'static str,
    rows: &[StoredRow],
) -> Result<()> {
    state::atomically(conn, || {
        insert_unrecorded(conn, table, rows)?;
        let added: Vec<&StoredRow> = rows.iter().collect();
        state::record(conn, keys, table, &[], &added)
    })
}

/// Inserts `rows` into `table` with one statement; the caller records them.
fn insert_unrecorded(conn: &Connection, table: &'static str, rows: &[StoredRow]) -> Result<()> {
    let groups = vec!["(?, ?, ?, ?, ?, ?)"; rows.len()].join(", ");
    let mut stmt =
        conn.prepare_cached(&format!("INSERT INTO {table} ({COLUMNS}) VALUES {groups}"))?;
    for (n, row) in rows.iter().enumerate() {
        let first = n * 6 + 1;
        stmt.raw_bind_parameter(first, &row.id)?;
        stmt.raw_bind_parameter(first + 1, &row.day)?;
        stmt.raw_bind_parameter(first + 2, row.occurred_at)?;
        stmt.raw_bind_parameter(first + 3, row.updated_at)?;
        stmt.raw_bind_parameter(first + 4, row.revision)?;
        stmt.raw_bind_parameter(first + 5, &row.sealed)?;
    }
    stmt.raw_execute()?;
    Ok(())
}

/// New rows for one table, inserted in groups with one statement each: for filling
/// an empty vault inside one transaction, where the per-statement work would
/// otherwise dominate. A row is in the table once its group is full or
/// [`RowBatch::flush`] is called; the vault's state counts it at once, and its line
/// in `state_rows` is written, in key order, by [`RowBatch::finish`].
pub(crate) struct RowBatch {
    table: &'static str,
    /// Rows not yet inserted, each with its element of the vault's state.
    rows: Vec<(StoredRow, [u8; 32])>,
    lines: Vec<state::StateLine>,
}

impl RowBatch {
    const GROUP: usize = 64;

    /// An empty batch for `table`.
    pub(crate) fn new(table: &'static str) -> Self {
        RowBatch {
            table,
            rows: Vec::with_capacity(Self::GROUP),
            lines: Vec::new(),
        }
    }

    /// Adds `row` with its element (from `state::element`, which a writer can compute
    /// on another thread), inserting the group once it is full.
    pub(crate) fn push(
        &mut self,
        conn: &Connection,
        keys: &VaultKeys,
        row: StoredRow,
        element: [u8; 32],
    ) -> Result<()> {
        self.rows.push((row, element));
        if self.rows.len() == Self::GROUP {
            self.flush(conn, keys)?;
        }
        Ok(())
    }

    /// Inserts the rows not yet inserted.
    pub(crate) fn flush(&mut self, conn: &Connection, keys: &VaultKeys) -> Result<()> {
        if !self.rows.is_empty() {
            let (rows, elements): (Vec<StoredRow>, Vec<[u8; 32]>) =
                std::mem::take(&mut self.rows).into_iter().unzip();
            let added: Vec<(&StoredRow, [u8; 32])> = rows.iter().zip(elements).collect();
            state::atomically(conn, || {
                insert_unrecorded(conn, self.table, &rows)?;
                state::record_deferred(conn, keys, self.table, &[], &added, &mut self.lines)
            })?;
        }
        Ok(())
    }

    /// Inserts the rows not yet inserted and writes every row's line of the state.
    pub(crate) fn finish(mut self, conn: &Connection, keys: &VaultKeys) -> Result<()> {
        self.flush(conn, keys)?;
        state::insert_lines(conn, self.table, self.lines)
    }
}

/// The row with `id` in `table`, if any.
pub(crate) fn select(
    conn: &Connection,
    table: &'static str,
    id: &str,
) -> Result<Option<StoredRow>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM {table} WHERE id = ?1"))?
        .query_row([id], StoredRow::read)
        .optional()?)
}

/// Rows of `table` whose day is within `days`, newest first.
pub(crate) fn list(
    conn: &Connection,
    table: &'static str,
    days: &DayRange,
    offset: u32,
    limit: u32,
) -> Result<Vec<StoredRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM {table} WHERE day >= ?1 AND day <= ?2 {NEWEST_FIRST}
         LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt
        .query_map(
            params![days.from, days.to, i64::from(limit), i64::from(offset)],
            StoredRow::read,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Most records returned by one page of a listing.
pub const MAX_PAGE: u32 = 1_000;

/// Refuses page sizes outside 1..=[`MAX_PAGE`].
pub(crate) fn check_limit(limit: u32) -> Result<()> {
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(
            RespiteError::invalid("limit", format!("must be between 1 and {MAX_PAGE}")).into(),
        );
    }
    Ok(())
}

/// Records of one page: those that opened, those that did not, and whether more follow.
pub(crate) struct Page<T> {
    pub(crate) items: Vec<T>,
    pub(crate) damaged: Vec<DamagedRecord>,
    pub(crate) has_more: bool,
}

/// Opens up to `limit` of `rows` (fetched with `limit + 1` to learn whether more follow).
pub(crate) fn open_page<T>(
    mut rows: Vec<StoredRow>,
    limit: u32,
    open: impl Fn(&StoredRow) -> Result<T>,
) -> Page<T> {
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let mut items = Vec::with_capacity(rows.len());
    let mut damaged = Vec::new();
    for row in rows {
        // Pushing an item cannot fail.
        let _ = open_into(
            row,
            &open,
            &mut |item| {
                items.push(item);
                Ok(())
            },
            &mut damaged,
        );
    }
    Page {
        items,
        damaged,
        has_more,
    }
}

/// Records that opened, in time order, and those that did not, named.
pub(crate) struct Opened<T> {
    pub(crate) items: Vec<T>,
    pub(crate) damaged: Vec<DamagedRecord>,
}

/// Every record of `table` on `days`, oldest first, opened with `open`.
pub(crate) fn open_all<T>(
    conn: &Connection,
    table: &'static str,
    days: &DayRange,
    open: impl Fn(&StoredRow) -> Result<T>,
) -> Result<Opened<T>> {
    let mut items = Vec::new();
    let damaged = open_each(conn, table, days, open, &mut |item| {
        items.push(item);
        Ok(())
    })?;
    Ok(Opened { items, damaged })
}

/// The one read path for many sealed records: every row of `table` on `days`, oldest
/// first, read one at a time and opened with `open`. Intact records go to `each`;
/// the damaged ones are returned, named (the one damage policy: a record that does
/// not open never hides the others, and is never silently dropped).
pub(crate) fn open_each<T>(
    conn: &Connection,
    table: &'static str,
    days: &DayRange,
    open: impl Fn(&StoredRow) -> Result<T>,
    each: &mut dyn FnMut(T) -> Result<()>,
) -> Result<Vec<DamagedRecord>> {
    let mut damaged = Vec::new();
    each_row(conn, table, days, &mut |row| {
        open_into(row, &open, each, &mut damaged)
    })?;
    Ok(damaged)
}

/// Calls `f` with every stored row of `table` on `days`, oldest first (the order of
/// the time index, so a restore appends to it), one at a time and unopened.
pub(crate) fn each_row(
    conn: &Connection,
    table: &'static str,
    days: &DayRange,
    f: &mut dyn FnMut(StoredRow) -> Result<()>,
) -> Result<()> {
    each_selected(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM {table} WHERE day >= ?1 AND day <= ?2
             ORDER BY day, occurred_at, rowid"
        ),
        params![days.from, days.to],
        f,
    )
}

/// Calls `f` with every row `sql` selects (as `id, day, occurred_at, updated_at,
/// revision, sealed`), one at a time.
pub(crate) fn each_selected(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    f: &mut dyn FnMut(StoredRow) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        f(StoredRow::read(r)?)?;
    }
    Ok(())
}

/// Opens one row with the damage policy of [`open_each`].
fn open_into<T>(
    row: StoredRow,
    open: &impl Fn(&StoredRow) -> Result<T>,
    each: &mut dyn FnMut(T) -> Result<()>,
    damaged: &mut Vec<DamagedRecord>,
) -> Result<()> {
    match open(&row) {
        Ok(item) => each(item),
        Err(err) => {
            damaged.push(self::damaged(row.id, &err));
            Ok(())
        }
    }
}

/// Deletes the row with `id` from `table`, and the earlier revisions kept with it,
/// recording both in the vault's state; whether there was one.
pub(crate) fn delete(
    conn: &Connection,
    keys: &VaultKeys,
    table: &'static str,
    id: &str,
) -> Result<bool> {
    let Some(row) = select(conn, table, id)? else {
        return Ok(false);
    };
    let history = history_rows(conn, table, id)?;
    state::atomically(conn, || {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
            .execute([id])?;
        state::record(conn, keys, table, &[&row], &[])?;
        if !history.is_empty() {
            let removed: Vec<&StoredRow> = history.iter().collect();
            state::record(conn, keys, HISTORY_TABLE, &removed, &[])?;
        }
        Ok(true)
    })
}

/// The table that keeps earlier revisions of journal entries, deleted with them.
pub(crate) const HISTORY_TABLE: &str = "journal_revisions";

/// The earlier revisions kept for the row `id` of `table` (journal entries only).
fn history_rows(conn: &Connection, table: &str, id: &str) -> Result<Vec<StoredRow>> {
    if table != "journal_entries" {
        return Ok(Vec::new());
    }
    let mut rows = Vec::new();
    each_selected(
        conn,
        "SELECT entry_id, '', 0, updated_at, revision, sealed FROM journal_revisions
         WHERE entry_id = ?1",
        [id],
        &mut |row| {
            rows.push(row);
            Ok(())
        },
    )?;
    Ok(rows)
}

/// How many rows `table` holds.
pub(crate) fn count(conn: &Connection, table: &'static str) -> Result<u64> {
    let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
    Ok(n as u64)
}

/// An inclusive range of local days, `YYYY-MM-DD`, compared as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DayRange {
    pub(crate) from: String,
    pub(crate) to: String,
}

impl DayRange {
    /// Every day.
    pub(crate) fn all() -> Self {
        DayRange {
            from: "0000-00-00".to_owned(),
            to: "9999-99-99".to_owned(),
        }
    }

    /// The days from `from` to `to`, each optional and checked to be a real date.
    pub(crate) fn new(from: Option<&str>, to: Option<&str>) -> Result<Self> {
        let all = DayRange::all();
        let from = match from {
            Some(day) => parse_day("from_day", day)?.to_string(),
            None => all.from,
        };
        let to = match to {
            Some(day) => parse_day("to_day", day)?.to_string(),
            None => all.to,
        };
        if from > to {
            return Err(RespiteError::invalid("to_day", "is before from_day").into());
        }
        Ok(DayRange { from, to })
    }

    /// Whether `day` is within the range.
    pub(crate) fn contains(&self, day: &str) -> bool {
        self.from.as_str() <= day && day <= self.to.as_str()
    }
}

/// A local day from `YYYY-MM-DD` text.
pub(crate) fn parse_day(field: &str, text: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
        .ok_or_else(|| RespiteError::invalid(field, "not a date in the form YYYY-MM-DD").into())
}

/// A new random record id.
pub(crate) fn new_id() -> Result<String> {
    Ok(crypto::to_hex(&crypto::random_array::<16>()?))
}

/// Checks that `id` has the form of a record id before it is used in a query.
pub(crate) fn check_id(id: &str) -> Result<()> {
    let well_formed = id.len() == ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if well_formed {
        Ok(())
    } else {
        Err(RespiteError::invalid(
            "id",
            "not a record id (32 lowercase hexadecimal characters)",
        )
        .into())
    }
}

/// The entry of the damaged list for a record that failed with `err`.
pub(crate) fn damaged(id: String, err: &Error) -> DamagedRecord {
    let reason = match err.public() {
        Some(RespiteError::Integrity { .. }) => "its sealed data does not authenticate".to_owned(),
        Some(other) => other.to_string(),
        None => "it could not be read".to_owned(),
    };
    DamagedRecord { id, reason }
}

/// Asserts that `value` seals as the frozen JSON in `tests/fixtures/sealed-json/{name}.json`
/// and that the frozen JSON reads back to the same: a refactor can never change the
/// sealed format silently. `RESPITE_UPDATE_GOLDEN=1` rewrites the file, for a format
/// change made on purpose (with a new format version and a migration).
#[cfg(test)]
pub(crate) fn assert_frozen<T: Serialize + DeserializeOwned>(name: &str, value: &T) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/sealed-json")
        .join(format!("{name}.json"));
    let json = serde_json::to_string_pretty(value).expect("encodes") + "\n";
    if std::env::var_os("RESPITE_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &json).expect("writable fixtures");
    }
    let frozen = std::fs::read_to_string(&path).expect("a frozen sealed JSON file");
    assert!(
        json == frozen,
        "the sealed JSON of {name} changed (see {}): a format change needs a new format version",
        path.display()
    );
    let back: T = serde_json::from_str(&frozen).expect("the frozen JSON reads back");
    assert_eq!(
        serde_json::to_string_pretty(&back).expect("encodes") + "\n",
        frozen
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_row_opens_only_in_its_place() {
        let key = crate::crypto::keys::testing::keys();
        let id = new_id().unwrap();
        let here = RowRef {
            table: "t",
            id: &id,
            revision: 2,
        };
        let sealed = here.seal(&key, &"payload").unwrap();
        assert_eq!(here.open::<String>(&key, &sealed).unwrap(), "payload");
        let other_id = new_id().unwrap();
        for elsewhere in [
            RowRef {
                revision: 1,
                ..here
            },
            RowRef { table: "u", ..here },
            RowRef {
                id: &other_id,
                ..here
            },
        ] {
            assert!(matches!(
                elsewhere.open::<String>(&key, &sealed),
                Err(crate::error::internal::Error::Public(
                    RespiteError::Integrity { .. }
                ))
            ));
        }
    }

    #[test]
    fn payloads_are_padded_to_few_lengths_and_open_to_what_was_sealed() {
        assert_eq!(padded_len(0), 512);
        assert_eq!(padded_len(512), 512);
        for len in [513, 1_000, 4_097, 100_000, 1_234_567] {
            let padded = padded_len(len);
            assert!(
                padded >= len && padded - len <= len / 8 + 1,
                "{len} → {padded}"
            );
        }
        // Lengths in a range share few padded sizes.
        let sizes: std::collections::BTreeSet<_> = (513..=1_024).map(padded_len).collect();
        assert!(sizes.len() <= 16, "{sizes:?}");
        let key = crate::crypto::keys::testing::keys();
        let id = new_id().unwrap();
        let here = RowRef {
            table: "t",
            id: &id,
            revision: 1,
        };
        let short = here.seal(&key, &"a").unwrap();
        let longer = here.seal(&key, &"a much longer note, still short").unwrap();
        assert_eq!(short.len(), longer.len(), "short records all look alike");
        assert_eq!(here.open::<String>(&key, &short).unwrap(), "a");
        assert_eq!(
            &here.open_bytes(&key, &longer).unwrap()[..],
            br#""a much longer note, still short""#
        );
    }

    #[test]
    fn ids_are_checked_before_use() {
        assert!(check_id(&new_id().unwrap()).is_ok());
        assert!(check_id("").is_err());
        assert!(check_id(&"A".repeat(32)).is_err());
        assert!(check_id("1 OR 1=1").is_err());
    }
}
