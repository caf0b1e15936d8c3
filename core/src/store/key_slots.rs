//! The `key_slots` table: every read and write of a vault's key slots.

use rusqlite::{params, Connection};

use super::{connection, vault_meta};
use crate::crypto::slots::{KeySlotKind, StoredSlot};
use crate::error::internal::Result;
use crate::error::RespiteError;

/// Every slot, oldest first. Slots bound to the vault carry its id from `vault_meta`.
pub(crate) fn all(conn: &Connection) -> Result<Vec<StoredSlot>> {
    let vault_id = vault_meta::value(conn, "id")?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, created_at, params, wrapped_key, bound FROM key_slots
         ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get::<_, String>(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get::<_, i64>(5)?,
        ))
    })?;
    let mut slots = Vec::new();
    for row in rows {
        let (id, kind, created, params, wrapped, bound) = row?;
        // A bound slot in a vault without an id stays unbound, and will not open.
        let vault_id = if bound == 1 { vault_id.clone() } else { None };
        slots.push(StoredSlot::from_row(
            id, &kind, created, params, wrapped, vault_id,
        )?);
    }
    Ok(slots)
}

/// The slots of `kind`; [`RespiteError::NotFound`] when there is none.
pub(crate) fn of_kind(conn: &Connection, kind: KeySlotKind) -> Result<Vec<StoredSlot>> {
    let slots: Vec<_> = all(conn)?.into_iter().filter(|s| s.kind == kind).collect();
    if slots.is_empty() {
        return Err(RespiteError::NotFound {
            what: format!("no {} key slot in this vault", kind.as_str()),
        }
        .into());
    }
    Ok(slots)
}

/// Stores a new slot.
pub(crate) fn insert(conn: &Connection, slot: &StoredSlot) -> Result<()> {
    conn.execute(
        "INSERT INTO key_slots (id, kind, created_at, params, wrapped_key, bound)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            slot.id,
            slot.kind.as_str(),
            slot.created_at_ms,
            slot.params,
            slot.wrapped_key,
            i64::from(slot.vault_id.is_some()),
        ],
    )?;
    Ok(())
}

/// Stores `slot`, replacing every other slot of its kind, in one transaction; the WAL
/// is truncated so the replaced slots leave no copy.
pub(crate) fn replace_kind(conn: &mut Connection, slot: &StoredSlot) -> Result<()> {
    let tx = conn.transaction()?;
    tx.execute(
        "DELETE FROM key_slots WHERE kind = ?1",
        [slot.kind.as_str()],
    )?;
    insert(&tx, slot)?;
    tx.commit()?;
    connection::checkpoint_truncate(conn)
}

/// Removes the slot `id`, refusing to remove the last one.
pub(crate) fn remove(conn: &mut Connection, id: &str) -> Result<()> {
    let tx = conn.transaction()?;
    let count: i64 = tx.query_row("SELECT count(*) FROM key_slots", [], |r| r.get(0))?;
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM key_slots WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(RespiteError::NotFound {
            what: "no key slot with that id".to_owned(),
        }
        .into());
    }
    if count <= 1 {
        return Err(RespiteError::LastKeySlot.into());
    }
    tx.execute("DELETE FROM key_slots WHERE id = ?1", [id])?;
    tx.commit()?;
    connection::checkpoint_truncate(conn)
}
