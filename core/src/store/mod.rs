//! The store: the SQLite connection and its schema, sealed rows, settings and the
//! key slots' rows. [`Store`] owns the connection and the keys of the unlocked vault;
//! the areas above take it and read or write through [`sealed`].

pub(crate) mod connection;
pub(crate) mod key_slots;
pub(crate) mod sealed;
pub(crate) mod settings;
pub(crate) mod state;
pub(crate) mod vault_meta;

use rusqlite::Connection;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use zeroize::Zeroizing;

use crate::crypto::keys::{KeyCheck, VaultKeys};
use crate::crypto::slots::{KeySlotKind, StoredSlot};
use crate::error::internal::Result;
use crate::error::RespiteError;
use sealed::{RowRef, StoredRow};
use state::StateCheck;

const KEY_CHECK_REPLACED: &str =
    "the vault's key-check value was removed or replaced with an older one";

/// One open vault file and, while it is unlocked, its keys.
pub(crate) struct Store {
    conn: Mutex<Connection>,
    keys: RwLock<Option<Arc<VaultKeys>>>,
    /// What the check of the vault's state found at the last unlock.
    checked: Mutex<Option<StateCheck>>,
}

impl Store {
    fn new(conn: Connection) -> Self {
        Store {
            conn: Mutex::new(conn),
            keys: RwLock::new(None),
            checked: Mutex::new(None),
        }
    }

    /// Creates a vault file at `path` with a new vault key behind a passphrase slot,
    /// and returns it unlocked. Refuses to overwrite; leaves nothing on failure.
    pub(crate) fn create(
        path: &Path,
        passphrase: &str,
        kdf_iterations: Option<u32>,
    ) -> Result<Self> {
        let id = vault_meta::new_id()?;
        let keys = VaultKeys::generate(id)?;
        let slot = keys.passphrase_slot(passphrase, kdf_iterations)?;
        let conn = connection::create(path)?;
        let written = key_slots::insert(&conn, &slot)
            .and_then(|()| vault_meta::set_identity(&conn, &id, &keys))
            .and_then(|()| state::rebuild(&conn, &keys));
        if let Err(err) = written {
            drop(conn);
            connection::remove_vault_files(path);
            return Err(err);
        }
        let check = state::check(&conn, &keys)?;
        let store = Store::new(conn);
        *store.last_check_slot() = Some(check);
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

    /// Unlocks with the first slot of `kind` that `open` opens to this vault's key,
    /// and returns that slot. The key must match the vault's key-check value, so a slot
    /// copied in from another vault never unlocks it: [`RespiteError::WrongSecret`]
    /// when no slot opens, [`RespiteError::Integrity`] when one opens only to a foreign
    /// key. Then the vault's state is checked: on any problem the vault stays readable
    /// but refuses writes (see [`Store::last_check`]). A vault from before format 5 is
    /// brought up to date here, in one transaction.
    pub(crate) fn unlock(
        &self,
        kind: KeySlotKind,
        open: impl Fn(&StoredSlot) -> Result<Option<VaultKeys>>,
    ) -> Result<StoredSlot> {
        let (slots, identity) = {
            let conn = self.conn();
            (
                key_slots::of_kind(&conn, kind)?,
                vault_meta::identity(&conn)?,
            )
        };
        let mut foreign = false;
        for slot in slots {
            let Some(keys) = open(&slot)? else { continue };
            let keys = match &identity {
                Some(ident) if keys.checks(KeyCheck::Current, &ident.id, &ident.key_check) => {
                    let id_key = vault_meta::value(&self.conn(), "id-key")?;
                    self.checked(keys.bind(&ident.id, id_key.as_deref())?)?
                }
                // A slot bound to the vault was made in format 5: the vault's own
                // key-check value was replaced or removed since.
                Some(_) | None if !slot.is_outdated() => {
                    return Err(RespiteError::integrity(KEY_CHECK_REPLACED).into())
                }
                Some(ident) if keys.checks(KeyCheck::Legacy, &ident.id, &ident.key_check) => {
                    self.upgrade(keys.bind(&ident.id, None)?, &ident.id)?
                }
                Some(_) => {
                    foreign = true;
                    continue;
                }
                None => {
                    // Vaults from before format 4 have no identity at all.
                    if vault_meta::any(&self.conn())? {
                        return Err(RespiteError::integrity(KEY_CHECK_REPLACED).into());
                    }
                    let id = vault_meta::new_id()?;
                    self.upgrade(keys.bind(&id, None)?, &id)?
                }
            };
            self.set_keys(Some(keys));
            return Ok(slot);
        }
        if foreign {
            return Err(RespiteError::integrity(
                "a key slot opens to a key that is not this vault's: it was copied from another vault",
            )
            .into());
        }
        Err(RespiteError::WrongSecret.into())
    }

    /// Succeeds when `open` opens a slot of `kind` to this vault's key: a secret asked
    /// for again before the ways to unlock change. The vault must be unlocked.
    pub(crate) fn confirm(
        &self,
        kind: KeySlotKind,
        open: impl Fn(&StoredSlot) -> Result<Option<VaultKeys>>,
    ) -> Result<()> {
        self.keys()?;
        let (slots, identity) = {
            let conn = self.conn();
            (
                key_slots::of_kind(&conn, kind)?,
                vault_meta::identity(&conn)?,
            )
        };
        let identity =
            identity.ok_or_else(|| RespiteError::integrity("the vault id is missing"))?;
        for slot in &slots {
            if let Some(keys) = open(slot)? {
                if keys.checks(KeyCheck::Current, &identity.id, &identity.key_check) {
                    return Ok(());
                }
            }
        }
        Err(RespiteError::WrongSecret.into())
    }

    /// Checks the vault's state with `keys`, which come back read-only if it fails.
    fn checked(&self, keys: VaultKeys) -> Result<VaultKeys> {
        let check = state::check(&self.conn(), &keys)?;
        let intact = check.intact;
        *self.last_check_slot() = Some(check);
        Ok(if intact { keys } else { keys.into_read_only() })
    }

    /// Brings a vault from before format 5 up to date with its (bound) keys: every
    /// record re-sealed with the vault id, the id key stored, the current key-check
    /// value and the state written, all in one transaction.
    fn upgrade(&self, keys: VaultKeys, id: &[u8]) -> Result<VaultKeys> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        reseal_all(
            &tx,
            &keys,
            |place, sealed| place.open_legacy_bytes(&keys, sealed),
            |place, sealed| {
                // A record that opens as a current one means the vault's state was
                // removed: refuse rather than accept whatever rows are left.
                if place.open_bytes(&keys, sealed).is_ok() {
                    return Err(RespiteError::integrity(
                        "the record of what this vault holds is missing",
                    )
                    .into());
                }
                Ok(())
            },
        )?;
        vault_meta::set_identity(&tx, id, &keys)?;
        state::rebuild(&tx, &keys)?;
        let check = state::check(&tx, &keys)?;
        tx.commit()?;
        connection::checkpoint_truncate(&conn)?;
        *self.last_check_slot() = Some(check);
        Ok(keys)
    }

    /// Replaces the vault key: every record re-sealed under a new key and the slots
    /// that `slots` makes for it replacing all others, in one transaction (all or
    /// nothing). Refused while the vault is read-only. Returns the records re-sealed.
    pub(crate) fn rotate(
        &self,
        slots: impl FnOnce(&VaultKeys) -> Result<Vec<StoredSlot>>,
    ) -> Result<u64> {
        let old = self.keys()?;
        old.check_writable()?;
        let new = old.rotated()?;
        let new_slots = slots(&new)?;
        let mut conn = self.conn();
        let id = vault_meta::value(&conn, "id")?
            .ok_or_else(|| RespiteError::integrity("the vault id is missing"))?;
        let tx = conn.transaction()?;
        let resealed = reseal_all(
            &tx,
            &new,
            |place, sealed| place.open_bytes(&old, sealed).ok(),
            |_, _| Ok(()),
        )?;
        tx.execute("DELETE FROM key_slots", [])?;
        for slot in &new_slots {
            key_slots::insert(&tx, slot)?;
        }
        vault_meta::set_identity(&tx, &id, &new)?;
        state::rebuild(&tx, &new)?;
        tx.commit()?;
        self.set_keys(Some(new));
        connection::checkpoint_truncate(&conn)?;
        Ok(resealed)
    }

    /// What the check of the vault's state found at the last unlock, if unlocked.
    pub(crate) fn last_check(&self) -> Option<StateCheck> {
        self.last_check_slot().clone()
    }

    fn last_check_slot(&self) -> MutexGuard<'_, Option<StateCheck>> {
        self.checked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Stores `slot`, replacing the slots of its kind; the vault must be unlocked and
    /// writable.
    pub(crate) fn replace_slot(&self, slot: &StoredSlot) -> Result<()> {
        self.keys()?.check_writable()?;
        key_slots::replace_kind(&mut self.conn(), slot)
    }

    /// Removes the slot `id`; the vault must be unlocked and writable, and its last
    /// slot stays.
    pub(crate) fn remove_slot(&self, id: &str) -> Result<()> {
        self.keys()?.check_writable()?;
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
        let keys = self.keys()?;
        keys.check_writable()?;
        let conn = self.conn();
        if !sealed::delete(&conn, &keys, table, id)? {
            return Ok(false);
        }
        connection::checkpoint_truncate(&conn)?;
        Ok(true)
    }
}

/// Re-seals every sealed row with `to`: `open` reads a row's payload (with the keys
/// and record format it was sealed in); a row it cannot open is passed to `unopened`
/// and kept as it is (it stays damaged). Returns the rows re-sealed.
fn reseal_all(
    conn: &Connection,
    to: &VaultKeys,
    open: impl Fn(&RowRef<'_>, &[u8]) -> Option<Zeroizing<Vec<u8>>>,
    unopened: impl Fn(&RowRef<'_>, &[u8]) -> Result<()>,
) -> Result<u64> {
    let mut resealed = 0;
    for table in &state::TABLES {
        let mut rows: Vec<StoredRow> = Vec::new();
        state::each_stored(conn, table, &mut |row| {
            rows.push(row);
            Ok(())
        })?;
        for row in rows {
            let place = row.place(table.sealed_as);
            match open(&place, &row.sealed) {
                Some(plain) => {
                    let sealed = place.seal_bytes(to, &plain)?;
                    state::update_sealed(conn, table, &row, &sealed)?;
                    resealed += 1;
                }
                None => unopened(&place, &row.sealed)?,
            }
        }
    }
    Ok(resealed)
}
