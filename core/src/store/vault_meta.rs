//! The `vault_meta` table: the vault's id and its key-check value.

use rusqlite::{params, Connection, OptionalExtension};

use crate::crypto::keys::VaultKeys;
use crate::error::internal::Result;

/// The vault's id and key-check value, once written (vaults made before format 4 get
/// them at their first unlock).
pub(crate) struct Identity {
    pub(crate) id: Vec<u8>,
    pub(crate) key_check: Vec<u8>,
}

/// The stored identity, if any.
pub(crate) fn identity(conn: &Connection) -> Result<Option<Identity>> {
    let value = |name: &str| -> Result<Option<Vec<u8>>> {
        Ok(conn
            .prepare_cached("SELECT value FROM vault_meta WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?)
    };
    Ok(match (value("id")?, value("key-check")?) {
        (Some(id), Some(key_check)) => Some(Identity { id, key_check }),
        _ => None,
    })
}

/// Gives the vault a new random id and the key-check value of `keys` for it.
pub(crate) fn set_new_identity(conn: &Connection, keys: &VaultKeys) -> Result<()> {
    let id = crate::crypto::random_array::<16>()?.to_vec();
    let key_check = keys.key_check(&id);
    set_identity(conn, &Identity { id, key_check })
}

/// Stores the identity, replacing any earlier one.
fn set_identity(conn: &Connection, identity: &Identity) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT OR REPLACE INTO vault_meta (name, value) VALUES (?1, ?2)")?;
    stmt.execute(params!["id", identity.id])?;
    stmt.execute(params!["key-check", identity.key_check])?;
    Ok(())
}
