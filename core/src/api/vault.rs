//! The vault: one encrypted SQLite file, its key slots, and the unlocked session.

use ring::aead::LessSafeKey;
use rusqlite::{params, Connection};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use crate::checkins::{CheckIn, CheckIns};
use crate::crypto::device_key::DeviceKeyStore;
use crate::crypto::recovery_code::RecoveryCode;
use crate::crypto::slots::{KeySlot, KeySlotKind, StoredSlot, DEFAULT_KDF_ITERATIONS};
use crate::crypto::SecretKey;
use crate::demo::SyntheticOptions;
use crate::error::{RespiteError, Result};
use crate::exchange::backup::{self, BackupSummary, MergeReport};
use crate::exchange::export::{self, ExportFormat, ExportSummary};
use crate::exchange::import::{self, ImportFormat, ImportReport};
use crate::journal::{Journal, JournalEntry};
use crate::plan::revisions::CarePlan;
use crate::privacy::Privacy;
use crate::prompts::transition::Prompts;
use crate::search::Index;
use crate::store::connection;
use crate::store::sealed;
use crate::store::settings::{self, Settings};
use crate::trends::dashboard::{self, DemoSummary, Trends};

/// The keys of an unlocked vault. Dropping them (on lock) wipes the vault key.
pub(crate) struct Keys {
    vault_key: SecretKey,
    /// Seals and opens every record; derived from the vault key.
    pub(crate) records: LessSafeKey,
}

impl Keys {
    fn new(vault_key: SecretKey) -> Self {
        let records = vault_key.derive(b"respite/v1/records").aead_key();
        Keys { vault_key, records }
    }

    /// A record id derived from `parts` with a key of this vault (HMAC-SHA256), so the
    /// same inputs give the same id here and the id reveals nothing about them.
    pub(crate) fn derived_id(&self, parts: &[&[u8]]) -> String {
        let key = self.vault_key.derive(b"respite/v1/derived-ids");
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key.expose());
        let mut ctx = ring::hmac::Context::with_key(&key);
        for part in parts {
            ctx.update(&(part.len() as u64).to_be_bytes());
            ctx.update(part);
        }
        crate::crypto::to_hex(&ctx.sign().as_ref()[..16])
    }
}

/// State shared by the vault and its area objects.
pub(crate) struct VaultState {
    conn: Mutex<Connection>,
    keys: RwLock<Option<Arc<Keys>>>,
    /// The in-memory search index: built on first search, dropped on lock.
    search: Mutex<Option<Index>>,
}

impl VaultState {
    /// The keys, or [`RespiteError::Locked`].
    pub(crate) fn keys(&self) -> Result<Arc<Keys>> {
        self.keys
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
            .ok_or(RespiteError::Locked)
    }

    /// The one connection. A panic while it was held leaves nothing half-written
    /// (SQLite rolls back an unfinished transaction), so poisoning is ignored.
    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn set_keys(&self, keys: Option<Keys>) {
        *self.search_index() = None;
        *self
            .keys
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = keys.map(Arc::new);
    }

    fn search_index(&self) -> MutexGuard<'_, Option<Index>> {
        self.search
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on the search index, building it with `build` first if needed.
    pub(crate) fn with_index<T>(
        &self,
        build: impl FnOnce(&VaultState) -> Result<Index>,
        f: impl FnOnce(&Index) -> T,
    ) -> Result<T> {
        let mut index = self.search_index();
        if index.is_none() {
            *index = Some(build(self)?);
        }
        // A lock between building and now would have emptied the slot: check again.
        self.keys()?;
        Ok(f(index.as_ref().expect("index was just built")))
    }

    /// Keeps a built search index up to date with a written journal entry.
    pub(crate) fn index_entry(&self, entry: &JournalEntry) {
        if let Some(index) = self.search_index().as_mut() {
            index.put_entry(entry);
        }
    }

    /// Keeps a built search index up to date with a written check-in.
    pub(crate) fn index_checkin(&self, checkin: &CheckIn) {
        if let Some(index) = self.search_index().as_mut() {
            index.put_checkin(checkin);
        }
    }

    /// Deletes a record for good: the row goes, the WAL is truncated so no copy of
    /// its ciphertext stays, and the search index forgets it. Whether it existed.
    pub(crate) fn delete_record(&self, table: &'static str, id: &str) -> Result<bool> {
        self.keys()?;
        let conn = self.conn();
        if !sealed::delete(&conn, table, id)? {
            return Ok(false);
        }
        connection::checkpoint_truncate(&conn)?;
        drop(conn);
        if let Some(index) = self.search_index().as_mut() {
            index.remove(id);
        }
        Ok(true)
    }

    /// Drops the search index (after records changed in bulk); it is rebuilt on the
    /// next search.
    pub(crate) fn forget_search_index(&self) {
        *self.search_index() = None;
    }

    fn slots(&self) -> Result<Vec<StoredSlot>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT id, kind, created_at, params, wrapped_key FROM key_slots ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
            ))
        })?;
        let mut slots = Vec::new();
        for row in rows {
            let (id, kind, created, params, wrapped) = row?;
            slots.push(StoredSlot::from_row(id, &kind, created, params, wrapped)?);
        }
        Ok(slots)
    }

    fn slots_of(&self, kind: KeySlotKind) -> Result<Vec<StoredSlot>> {
        let slots: Vec<_> = self
            .slots()?
            .into_iter()
            .filter(|s| s.kind == kind)
            .collect();
        if slots.is_empty() {
            return Err(RespiteError::NotFound {
                what: format!("no {} key slot in this vault", kind.as_str()),
            });
        }
        Ok(slots)
    }

    /// Stores `slot`, replacing every other slot of its kind, in one transaction.
    fn replace_slots_of_kind(&self, slot: &StoredSlot) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM key_slots WHERE kind = ?1",
            [slot.kind.as_str()],
        )?;
        insert_slot(&tx, slot)?;
        tx.commit()?;
        connection::checkpoint_truncate(&conn)?;
        Ok(())
    }
}

fn insert_slot(conn: &Connection, slot: &StoredSlot) -> Result<()> {
    conn.execute(
        "INSERT INTO key_slots (id, kind, created_at, params, wrapped_key) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            slot.id,
            slot.kind.as_str(),
            slot.created_at_ms,
            slot.params,
            slot.wrapped_key
        ],
    )?;
    Ok(())
}

/// An encrypted Respite vault: the entry point of the API.
///
/// A vault is opened locked; unlock it with any of its key slots. All methods are
/// synchronous and thread-safe: call them off the UI thread.
#[derive(uniffi::Object)]
pub struct Vault {
    state: Arc<VaultState>,
}

#[uniffi::export]
impl Vault {
    /// Creates a new vault file at `path`, protected by `passphrase`, and returns it
    /// unlocked. `kdf_iterations` defaults to 600,000 and may not be below 100,000.
    /// Refuses to overwrite an existing file.
    #[uniffi::constructor]
    pub fn create(
        path: String,
        passphrase: String,
        kdf_iterations: Option<u32>,
    ) -> Result<Arc<Self>> {
        let vault_key = SecretKey::generate()?;
        let slot = StoredSlot::passphrase(
            &vault_key,
            &passphrase,
            kdf_iterations.unwrap_or(DEFAULT_KDF_ITERATIONS),
        )?;
        let path = Path::new(&path);
        let conn = connection::create(path)?;
        if let Err(err) = insert_slot(&conn, &slot) {
            drop(conn);
            connection::remove_vault_files(path);
            return Err(err);
        }
        let vault = Vault::from_connection(conn);
        vault.state.set_keys(Some(Keys::new(vault_key)));
        Ok(Arc::new(vault))
    }

    /// Opens the vault at `path`, locked. Refuses files that are not vaults, are from
    /// a newer format, or are damaged, without modifying them.
    #[uniffi::constructor]
    pub fn open(path: String) -> Result<Arc<Self>> {
        let conn = connection::open(Path::new(&path))?;
        let vault = Vault::from_connection(conn);
        // A vault without readable slots cannot be unlocked: say so now.
        if vault.state.slots()?.is_empty() {
            return Err(RespiteError::integrity("the vault has no key slots"));
        }
        Ok(Arc::new(vault))
    }

    /// Unlocks with the passphrase.
    pub fn unlock_with_passphrase(&self, passphrase: String) -> Result<()> {
        for slot in self.state.slots_of(KeySlotKind::Passphrase)? {
            if let Some(key) = slot.open_with_passphrase(&passphrase)? {
                self.state.set_keys(Some(Keys::new(key)));
                return Ok(());
            }
        }
        Err(RespiteError::WrongSecret)
    }

    /// Unlocks with a recovery code, typed in any case, with or without separators.
    pub fn unlock_with_recovery_code(&self, code: String) -> Result<()> {
        let code = RecoveryCode::parse(&code)?;
        for slot in self.state.slots_of(KeySlotKind::RecoveryCode)? {
            if let Some(key) = slot.open_with_recovery_code(&code)? {
                self.state.set_keys(Some(Keys::new(key)));
                return Ok(());
            }
        }
        Err(RespiteError::WrongSecret)
    }

    /// Unlocks with this device's platform key store.
    pub fn unlock_with_device(&self, store: Arc<dyn DeviceKeyStore>) -> Result<()> {
        for slot in self.state.slots_of(KeySlotKind::Device)? {
            if let Some(key) = slot.open_with_device(store.as_ref())? {
                self.state.set_keys(Some(Keys::new(key)));
                return Ok(());
            }
        }
        Err(RespiteError::WrongSecret)
    }

    /// Locks the vault: the keys are wiped and every later call returns `Locked`
    /// until the vault is unlocked again.
    pub fn lock(&self) {
        self.state.set_keys(None);
    }

    /// Whether the vault is locked.
    pub fn is_locked(&self) -> bool {
        self.state.keys().is_err()
    }

    /// The vault's key slots. Available while locked, so a shell can offer the
    /// matching ways to unlock.
    pub fn key_slots(&self) -> Result<Vec<KeySlot>> {
        self.state.slots()?.iter().map(StoredSlot::info).collect()
    }

    /// Sets a new passphrase, replacing the passphrase slot (or adding one). Only the
    /// vault key is rewrapped: no record is re-encrypted.
    pub fn change_passphrase(&self, new_passphrase: String) -> Result<KeySlot> {
        let keys = self.state.keys()?;
        let slot =
            StoredSlot::passphrase(&keys.vault_key, &new_passphrase, DEFAULT_KDF_ITERATIONS)?;
        self.state.replace_slots_of_kind(&slot)?;
        slot.info()
    }

    /// Creates a new recovery code, replacing any earlier one, and returns it for the
    /// user to write down. It is shown this once: only its wrapped key is stored.
    pub fn create_recovery_code(&self) -> Result<String> {
        let keys = self.state.keys()?;
        let (slot, code) = StoredSlot::recovery_code(&keys.vault_key)?;
        self.state.replace_slots_of_kind(&slot)?;
        Ok(code.display())
    }

    /// Lets this device's platform key store unlock the vault, replacing an earlier
    /// device slot.
    pub fn add_device_slot(&self, store: Arc<dyn DeviceKeyStore>) -> Result<KeySlot> {
        let keys = self.state.keys()?;
        let slot = StoredSlot::device(&keys.vault_key, store.as_ref())?;
        self.state.replace_slots_of_kind(&slot)?;
        slot.info()
    }

    /// Removes a key slot. The vault must be unlocked, and its last slot stays.
    pub fn remove_key_slot(&self, id: String) -> Result<()> {
        self.state.keys()?;
        let mut conn = self.state.conn();
        let tx = conn.transaction()?;
        let count: i64 = tx.query_row("SELECT count(*) FROM key_slots", [], |r| r.get(0))?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM key_slots WHERE id = ?1)",
            [&id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(RespiteError::NotFound {
                what: "no key slot with that id".to_owned(),
            });
        }
        if count <= 1 {
            return Err(RespiteError::LastKeySlot);
        }
        tx.execute("DELETE FROM key_slots WHERE id = ?1", [&id])?;
        tx.commit()?;
        connection::checkpoint_truncate(&conn)?;
        Ok(())
    }

    /// The journal of this vault.
    pub fn journal(&self) -> Arc<Journal> {
        Arc::new(Journal::new(Arc::clone(&self.state)))
    }

    /// The mood and recovery check-ins of this vault.
    pub fn checkins(&self) -> Arc<CheckIns> {
        Arc::new(CheckIns::new(Arc::clone(&self.state)))
    }

    /// The self-care plan of this vault.
    pub fn plan(&self) -> Arc<CarePlan> {
        Arc::new(CarePlan::new(Arc::clone(&self.state)))
    }

    /// The work schedule, prompt occurrences, the transition flow and the evening check.
    pub fn prompts(&self) -> Arc<Prompts> {
        Arc::new(Prompts::new(Arc::clone(&self.state)))
    }

    /// The identifier check with this vault's allow-list.
    pub fn privacy(&self) -> Arc<Privacy> {
        Arc::new(Privacy::new(Arc::clone(&self.state)))
    }

    /// Personal trends, insights, the weekly review and "on this day".
    pub fn trends(&self) -> Arc<Trends> {
        Arc::new(Trends::new(Arc::clone(&self.state)))
    }

    /// Fills the vault with `years` of synthetic history ending the day before
    /// `today` (`YYYY-MM-DD`), for demos: realistic days where some practices help.
    /// The plan is written too when the vault has none. Never use on a real vault.
    pub fn fill_with_demo_data(&self, years: u32, seed: u64, today: String) -> Result<DemoSummary> {
        let today = sealed::parse_day("today", &today)?;
        dashboard::fill(&self.state, &SyntheticOptions::demo(years, seed, today))
    }

    /// Writes an encrypted backup of the whole vault to `path`, which must not exist.
    /// It is protected by its own `passphrase` (at least 8 characters; it may differ
    /// from the vault's); `kdf_iterations` defaults to 600,000. Records that cannot
    /// be opened are left out and counted.
    pub fn create_backup(
        &self,
        path: String,
        passphrase: String,
        kdf_iterations: Option<u32>,
    ) -> Result<BackupSummary> {
        backup::create(
            &self.state,
            Path::new(&path),
            &passphrase,
            kdf_iterations.unwrap_or(DEFAULT_KDF_ITERATIONS),
        )
    }

    /// Merges a backup into this vault: new records are added, newer revisions win,
    /// identical ones are skipped, and conflicting ones are kept as copies. All or
    /// nothing: on any error the vault is exactly as it was.
    pub fn merge_backup(&self, path: String, passphrase: String) -> Result<MergeReport> {
        backup::merge(&self.state, Path::new(&path), &passphrase)
    }

    /// Writes a plaintext export to `path`, which must not exist: the complete vault as
    /// JSON, check-ins as CSV, or the journal and plan as Markdown. The file is not
    /// encrypted: say so to the person before calling this.
    pub fn export(&self, format: ExportFormat, path: String) -> Result<ExportSummary> {
        export::export(&self.state, format, Path::new(&path))
    }

    /// Imports a file from Respite (JSON export), Daylio (CSV export) or Day One (JSON
    /// export, or its zip), all or nothing. Importing the same file again changes
    /// nothing. `time_zone` (IANA, e.g. "Europe/Berlin") places times that carry no
    /// offset (Daylio's). The report says what was added, updated and skipped, and why.
    pub fn import_file(
        &self,
        format: ImportFormat,
        path: String,
        time_zone: String,
    ) -> Result<ImportReport> {
        import::import(&self.state, format, Path::new(&path), &time_zone)
    }

    /// The vault's settings (defaults until changed).
    pub fn settings(&self) -> Result<Settings> {
        let keys = self.state.keys()?;
        settings::load(&self.state.conn(), &keys)
    }

    /// Changes the vault's settings and returns them.
    pub fn update_settings(&self, settings: Settings) -> Result<Settings> {
        let keys = self.state.keys()?;
        settings::save(&self.state.conn(), &keys, &settings)?;
        Ok(settings)
    }
}

impl Vault {
    /// Fills the vault with synthetic history described by `options` (Rust only: tests
    /// and benchmarks choose densities and planted effects).
    pub fn fill_synthetic(&self, options: &SyntheticOptions) -> Result<DemoSummary> {
        dashboard::fill(&self.state, options)
    }

    /// The state shared with the area objects.
    pub(crate) fn state(&self) -> &VaultState {
        &self.state
    }

    fn from_connection(conn: Connection) -> Self {
        Vault {
            state: Arc::new(VaultState {
                conn: Mutex::new(conn),
                keys: RwLock::new(None),
                search: Mutex::new(None),
            }),
        }
    }
}
