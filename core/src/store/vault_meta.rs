//! The `vault_meta` table: the vault's id, its key-check value, its sealed id key and
//! its sealed state manifest.

use rusqlite::{params, Connection, OptionalExtension};

use crate::crypto::keys::{KeyCheck, VaultKeys, VAULT_ID_LEN};
use crate::error::internal::Result;

/// The vault's id and key-check value, once written (vaults made before format 4 get
/// them at their first unlock).
pub(crate) struct Identity {
    pub(crate) id: Vec<u8>,
    pub(crate) key_check: Vec<u8>,
}

/// One value of the table, if stored.
pub(crate) fn value(conn: &Connection, name: &str) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT value FROM vault_meta WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

/// Stores one value, replacing any earlier one.
pub(crate) fn set_value(conn: &Connection, name: &str, value: &[u8]) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO vault_meta (name, value) VALUES (?1, ?2)")?
        .execute(params![name, value])?;
    Ok(())
}

/// Whether the table holds anything (vaults from before format 4 have nothing here).
pub(crate) fn any(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM vault_meta)", [], |r| r.get(0))?)
}

/// The stored identity, if any.
pub(crate) fn identity(conn: &Connection) -> Result<Option<Identity>> {
    Ok(match (value(conn, "id")?, value(conn, "key-check")?) {
        (Some(id), Some(key_check)) => Some(Identity { id, key_check }),
        _ => None,
    })
}

/// A new random vault id.
pub(crate) fn new_id() -> Result<[u8; VAULT_ID_LEN]> {
    crate::crypto::random_array::<VAULT_ID_LEN>()
}

/// Stores the identity of `keys` (bound to their vault id): the id, the current
/// key-check value and the sealed id key.
pub(crate) fn set_identity(conn: &Connection, id: &[u8], keys: &VaultKeys) -> Result<()> {
    set_value(conn, "id", id)?;
    set_value(conn, "key-check", &keys.key_check(KeyCheck::Current, id))?;
    set_value(conn, "id-key", &keys.sealed_id_key()?)
}
