//! The store: the SQLite connection and its schema, sealed rows, settings and the
//! key slots' rows. [`Store`] owns the connection and the keys of the unlocked vault;
//! the areas above take it and read or write through [`sealed`].

pub(crate) mod connection;
pub(crate) mod key_slots;
pub(crate) mod sealed;
pub(crate) mod settings;
pub(crate) mod vault_meta;

use rusqlite::Connection;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use crate::crypto::keys::VaultKeys;
use crate::crypto::slots::{KeySlotKind, StoredSlot};
use crate::error::internal::Result;
use crate::error::RespiteError;

/// One open vault file and, while it is unlocked, its keys.
pub(crate) struct Store {
    conn: Mutex<Connection>,
    keys: RwLock<Option<Arc<VaultKeys>>>,
}

impl Store {
    fn new(conn: Connection) -> Self {
        Store {
            conn: Mutex::new(conn),
            keys: RwLock::new(None),
        }
    }

    /// Creates a vault file at `path` with a new vault key behind a passphrase slot,
    /// and returns it unlocked. Refuses to overwrite; leaves nothing on failure.
    pub(crate) fn create(
        path: &Path,
        passphrase: &str,
        kdf_iterations: Option<u32>,
    ) -> Result<Self> {
        let (keys, slot) = VaultKeys::generate(passphrase, kdf_iterations)?;
        let conn = connection::create(path)?;
        let written = key_slots::insert(&conn, &slot)
            .and_then(|()| vault_meta::set_new_identity(&conn, &keys));
        if let Err(err) = written {
            drop(conn);
            connection::remove_vault_files(path);
            return Err(err);
        }
        let store = Store::new(conn);
        store.set_keys(Some(keys));
        Ok(store)
    }

    /// Opens the vault file at `path`, locked, refusing one without key slots.
    pub(crate) fn open(path: &Path) -> Result<Self> {
        let store = Store::new(connection::open(path)?);
        // A vault without readable slots cannot be unlocked: say so now.
        if key_slots::all(&store.conn())?.is_empty() {
            return Err(RespiteError::integrity("the vault has no key slots").into());
        }
        Ok(store)
    }

    /// Unlocks with the first slot of `kind` that `open` opens to this vault's key:
    /// the key must match the vault's key-check value, so a slot copied in from another
    /// vault never unlocks it. [`RespiteError::WrongSecret`] when no slot opens;
    /// [`RespiteError::Integrity`] when one opens only to a foreign key. A vault made
    /// before format 4 gets its id and key-check value at its first unlock.
    pub(crate) fn unlock(
        &self,
        kind: KeySlotKind,
        open: impl Fn(&StoredSlot) -> Result<Option<VaultKeys>>,
    ) -> Result<()> {
        let (slots, identity) = {
            let conn = self.conn();
            (
                key_slots::of_kind(&conn, kind)?,
                vault_meta::identity(&conn)?,
            )
        };
        let mut foreign = false;
        for slot in &slots {
            let Some(keys) = open(slot)? else { continue };
            match &identity {
                Some(identity) if !keys.checks(&identity.id, &identity.key_check) => {
                    foreign = true;
                    continue;
                }
                Some(_) => {}
                None => vault_meta::set_new_identity(&self.conn(), &keys)?,
            }
            self.set_keys(Some(keys));
            return Ok(());
        }
        if foreign {
            return Err(RespiteError::integrity(
                "a key slot opens to a key that is not this vault's: it was copied from another vault",
            )
            .into());
        }
        Err(RespiteError::WrongSecret.into())
    }

    /// Stores `slot`, replacing the slots of its kind; the vault must be unlocked.
    pub(crate) fn replace_slot(&self, slot: &StoredSlot) -> Result<()> {
        self.keys()?;
        key_slots::replace_kind(&mut self.conn(), slot)
    }

    /// Removes the slot `id`; the vault must be unlocked and its last slot stays.
    pub(crate) fn remove_slot(&self, id: &str) -> Result<()> {
        self.keys()?;
        key_slots::remove(&mut self.conn(), id)
    }

    /// The keys, or [`RespiteError::Locked`].
    pub(crate) fn keys(&self) -> Result<Arc<VaultKeys>> {
        self.keys
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
            .ok_or(RespiteError::Locked.into())
    }

    /// Unlocks with `keys`, or locks with `None` (the keys are wiped once unused).
    pub(crate) fn set_keys(&self, keys: Option<VaultKeys>) {
        *self
            .keys
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = keys.map(Arc::new);
    }

    /// The one connection. A panic while it was held leaves nothing half-written
    /// (SQLite rolls back an unfinished transaction), so poisoning is ignored.
    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Deletes a record for good: the row goes and the WAL is truncated so no copy of
    /// its ciphertext stays. Whether it existed.
    pub(crate) fn delete_record(&self, table: &'static str, id: &str) -> Result<bool> {
        self.keys()?;
        let conn = self.conn();
        if !sealed::delete(&conn, table, id)? {
            return Ok(false);
        }
        connection::checkpoint_truncate(&conn)?;
        Ok(true)
    }
}
