//! The vault: one encrypted SQLite file, its key slots, and the unlocked session.

use std::path::Path;
use std::sync::Arc;
use zeroize::Zeroizing;

use super::checkins::CheckIns;
use super::device_key::DeviceKeyStore;
use super::journal::Journal;
use super::plan::CarePlan;
use super::privacy::Privacy;
use super::prompts::Prompts;
use super::screens::Screens;
use super::session::Session;
use super::support::Support;
use super::trends::Trends;
use crate::crypto::keys::VaultKeys;
use crate::crypto::recovery_code::RecoveryCode;
use crate::crypto::secret;
use crate::crypto::slots::{KeySlot, KeySlotKind, StoredSlot};
#[cfg(feature = "demo-data")]
use crate::demo::{self, DemoSummary, SyntheticOptions};
use crate::error::RespiteError;
use crate::error::Result;
use crate::exchange::backup::{self, BackupSummary, MergeReport, VaultCheck};
use crate::exchange::export::{self, ExportFormat, ExportSummary};
use crate::exchange::import::{self, ImportFormat, ImportReport};
#[cfg(feature = "demo-data")]
use crate::store::sealed;
use crate::store::settings::{self, Settings};
use crate::store::state::StateCheck;
use crate::store::{key_slots, Store};

/// A secret asked for again, on top of the unlock, before the ways to unlock the
/// vault change: so that a phone left unlocked cannot have its passphrase changed.
#[derive(Debug, Clone, uniffi::Enum)]
pub enum CurrentSecret {
    /// The vault's passphrase.
    Passphrase {
        /// The passphrase as typed.
        passphrase: String,
    },
    /// A recovery code (for someone who forgot the passphrase).
    RecoveryCode {
        /// The code as typed.
        code: String,
    },
}

/// What replacing the vault key did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct KeyRotation {
    /// Records re-sealed under the new key.
    pub records_resealed: u64,
    /// The new recovery code, shown once, when the vault had one (the old one no
    /// longer works).
    pub recovery_code: Option<String>,
    /// Device slots removed: device unlock has to be turned on again.
    pub device_slots_removed: u32,
}

/// An encrypted Respite vault: the entry point of the API.
///
/// A vault is opened locked; unlock it with any of its key slots. All methods are
/// synchronous and thread-safe: call them off the UI thread.
#[derive(uniffi::Object)]
pub struct Vault {
    session: Arc<Session>,
}

#[uniffi::export]
impl Vault {
    /// Creates a new vault file at `path`, protected by `passphrase`, and returns it
    /// unlocked. The passphrase is stretched with Argon2id (64 MiB); `kdf_iterations`
    /// asks for PBKDF2 with that many iterations instead (100,000 to 10,000,000), for
    /// quick unlocks in tests. A guessable passphrase is refused with advice (see
    /// [`crate::passphrase_strength`]).
    /// Refuses to overwrite an existing file.
    #[uniffi::constructor]
    pub fn create(
        path: String,
        passphrase: String,
        kdf_iterations: Option<u32>,
    ) -> Result<Arc<Self>> {
        let passphrase = secret::normalised(passphrase);
        secret::check_strength(&passphrase, "passphrase")?;
        let store = Store::create(Path::new(&path), &passphrase, kdf_iterations)?;
        Ok(Vault::over(store))
    }

    /// Opens the vault at `path`, locked. Refuses files that are not vaults, are from
    /// a newer format, or are damaged, without modifying them.
    #[uniffi::constructor]
    pub fn open(path: String) -> Result<Arc<Self>> {
        Ok(Vault::over(Store::open(Path::new(&path))?))
    }

    /// Unlocks with the passphrase. A passphrase slot made before format 5 is
    /// rewrapped with Argon2id and bound to the vault on the way.
    pub fn unlock_with_passphrase(&self, passphrase: String) -> Result<()> {
        let typed = Zeroizing::new(passphrase);
        let passphrase = secret::normalised(typed.to_string());
        let unlock = |text: &str| {
            self.store().unlock(KeySlotKind::Passphrase, |slot| {
                VaultKeys::with_passphrase(slot, text)
            })
        };
        let (slot, typed_as_is) = match unlock(&passphrase) {
            // A passphrase set before the core normalised them (by the CLI) opens as
            // typed, and is rewrapped in its normal form below.
            Err(err)
                if *typed != *passphrase
                    && matches!(err.public(), Some(RespiteError::WrongSecret)) =>
            {
                (unlock(&typed)?, true)
            }
            other => (other?, false),
        };
        let keys = self.store().keys()?;
        if (slot.is_outdated() || typed_as_is) && !keys.is_read_only() {
            self.store()
                .replace_slot(&keys.passphrase_slot(&passphrase, None)?)?;
        }
        Ok(())
    }

    /// Unlocks with a recovery code, typed in any case, with or without separators. A
    /// recovery-code slot made before format 5 is rewrapped, bound to the vault.
    pub fn unlock_with_recovery_code(&self, code: String) -> Result<()> {
        let code = Zeroizing::new(code);
        let code = RecoveryCode::parse(&code)?;
        let slot = self.store().unlock(KeySlotKind::RecoveryCode, |slot| {
            VaultKeys::with_recovery_code(slot, &code)
        })?;
        // A slot made before format 5 is bound to the vault now that its code is here.
        let keys = self.store().keys()?;
        if slot.is_outdated() && !keys.is_read_only() {
            self.store().replace_slot(&keys.recovery_slot_for(&code)?)?;
        }
        Ok(())
    }

    /// Unlocks with this device's platform key store.
    pub fn unlock_with_device(&self, store: Arc<dyn DeviceKeyStore>) -> Result<()> {
        self.store().unlock(KeySlotKind::Device, |slot| {
            VaultKeys::with_device(slot, store.as_ref())
        })?;
        Ok(())
    }

    /// What the check of the vault's authenticated state found at unlock. When it is
    /// not intact the vault is read-only: every intact record reads, nothing is
    /// written.
    pub fn integrity(&self) -> Result<StateCheck> {
        self.store().keys()?;
        self.store().last_check().ok_or(RespiteError::Locked)
    }

    /// Locks the vault: the keys are wiped and every later call returns `Locked`
    /// until the vault is unlocked again.
    pub fn lock(&self) {
        self.session.lock();
    }

    /// Whether the vault is locked.
    pub fn is_locked(&self) -> bool {
        self.store().keys().is_err()
    }

    /// The vault's key slots. Available while locked, so a shell can offer the
    /// matching ways to unlock.
    pub fn key_slots(&self) -> Result<Vec<KeySlot>> {
        Ok(key_slots::all(&self.store().conn())?
            .iter()
            .map(StoredSlot::info)
            .collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Sets a new passphrase, replacing the passphrase slot (or adding one), after
    /// confirming `current`. Only the vault key is rewrapped: records stay as they are
    /// (see [`Vault::rotate_key`] to replace the key itself).
    pub fn change_passphrase(
        &self,
        current: CurrentSecret,
        new_passphrase: String,
    ) -> Result<KeySlot> {
        self.confirm(current)?;
        let new_passphrase = secret::normalised(new_passphrase);
        secret::check_strength(&new_passphrase, "new_passphrase")?;
        let slot = self
            .store()
            .keys()?
            .passphrase_slot(&new_passphrase, None)?;
        self.store().replace_slot(&slot)?;
        Ok(slot.info()?)
    }

    /// Creates a new recovery code, replacing any earlier one, after confirming
    /// `current`, and returns it for the user to write down. It is shown this once:
    /// only its wrapped key is stored.
    pub fn create_recovery_code(&self, current: CurrentSecret) -> Result<String> {
        self.confirm(current)?;
        let (slot, code) = self.store().keys()?.recovery_slot()?;
        self.store().replace_slot(&slot)?;
        Ok(code.display())
    }

    /// Lets this device's platform key store unlock the vault, replacing an earlier
    /// device slot, after confirming `current`.
    pub fn add_device_slot(
        &self,
        current: CurrentSecret,
        store: Arc<dyn DeviceKeyStore>,
    ) -> Result<KeySlot> {
        self.confirm(current)?;
        let slot = self.store().keys()?.device_slot(store.as_ref())?;
        self.store().replace_slot(&slot)?;
        Ok(slot.info()?)
    }

    /// Removes a key slot after confirming `current`. The vault must be unlocked, and
    /// its last slot stays.
    pub fn remove_key_slot(&self, current: CurrentSecret, id: String) -> Result<()> {
        self.confirm(current)?;
        Ok(self.store().remove_slot(&id)?)
    }

    /// Replaces the vault key, after confirming `current`: every record is re-sealed
    /// under a new key, all or nothing, so an old passphrase or recovery code with an
    /// older copy of the file cannot read what is written from now on. The passphrase
    /// slot is made anew with `new_passphrase` (or the confirmed passphrase); a vault
    /// with a recovery code gets a new one, shown once; device slots are removed (turn
    /// device unlock on again).
    pub fn rotate_key(
        &self,
        current: CurrentSecret,
        new_passphrase: Option<String>,
    ) -> Result<KeyRotation> {
        let confirmed = self.confirm(current)?;
        let passphrase = match (new_passphrase, confirmed) {
            (Some(new), _) => {
                let new = secret::normalised(new);
                secret::check_strength(&new, "new_passphrase")?;
                new
            }
            (None, Some(passphrase)) => passphrase,
            (None, None) => {
                return Err(RespiteError::invalid(
                    "new_passphrase",
                    "is needed when the key is replaced with a recovery code",
                ))
            }
        };
        let (had_recovery, devices) = {
            let slots = key_slots::all(&self.store().conn())?;
            let count = |kind| slots.iter().filter(|s| s.kind == kind).count();
            (
                count(KeySlotKind::RecoveryCode) > 0,
                count(KeySlotKind::Device) as u32,
            )
        };
        let mut code = None;
        let records = self.store().rotate(|keys| {
            let mut slots = vec![keys.passphrase_slot(&passphrase, None)?];
            if had_recovery {
                let (slot, new_code) = keys.recovery_slot()?;
                slots.push(slot);
                code = Some(new_code.display());
            }
            Ok(slots)
        })?;
        self.session.search.clear();
        Ok(KeyRotation {
            records_resealed: records,
            recovery_code: code,
            device_slots_removed: devices,
        })
    }

    /// The journal of this vault.
    pub fn journal(&self) -> Arc<Journal> {
        Arc::new(Journal::new(Arc::clone(&self.session)))
    }

    /// The mood and recovery check-ins of this vault.
    pub fn checkins(&self) -> Arc<CheckIns> {
        Arc::new(CheckIns::new(Arc::clone(&self.session)))
    }

    /// The self-care plan of this vault.
    pub fn plan(&self) -> Arc<CarePlan> {
        Arc::new(CarePlan::new(Arc::clone(&self.session)))
    }

    /// The work schedule, prompt occurrences, the transition flow and the evening check.
    pub fn prompts(&self) -> Arc<Prompts> {
        Arc::new(Prompts::new(Arc::clone(&self.session)))
    }

    /// The screens both apps share: today, the transition flow, the plan's save.
    pub fn screens(&self) -> Arc<Screens> {
        Arc::new(Screens::new(Arc::clone(&self.session)))
    }

    /// The identifier check with this vault's allow-list.
    pub fn privacy(&self) -> Arc<Privacy> {
        Arc::new(Privacy::new(Arc::clone(&self.session)))
    }

    /// Personal trends, insights, the weekly review and "on this day".
    pub fn trends(&self) -> Arc<Trends> {
        Arc::new(Trends::new(Arc::clone(&self.session)))
    }

    /// The safety response: what to show when things are very bad.
    pub fn support(&self) -> Arc<Support> {
        Arc::new(Support::new(Arc::clone(&self.session)))
    }

    /// Writes an encrypted backup of the whole vault to `path`, which must not exist.
    /// It is protected by its own `passphrase` (at least 8 characters; it may differ
    /// from the vault's, and just as hard to guess); it is stretched with Argon2id, or
    /// PBKDF2 with `kdf_iterations` when given. Records that cannot
    /// be opened are left out and counted.
    pub fn create_backup(
        &self,
        path: String,
        passphrase: String,
        kdf_iterations: Option<u32>,
    ) -> Result<BackupSummary> {
        let passphrase = secret::normalised(passphrase);
        Ok(backup::create(
            self.store(),
            Path::new(&path),
            &passphrase,
            kdf_iterations,
        )?)
    }

    /// Merges a backup into this vault: new records are added, newer revisions win,
    /// identical ones are skipped, and conflicting ones are kept as copies. All or
    /// nothing: on any error the vault is exactly as it was.
    pub fn merge_backup(&self, path: String, passphrase: String) -> Result<MergeReport> {
        let passphrase = Zeroizing::new(passphrase);
        let report = backup::merge(self.store(), Path::new(&path), &passphrase);
        self.session.search.clear();
        Ok(report?)
    }

    /// Writes a plaintext export to `path`, which must not exist: the complete vault as
    /// JSON, check-ins as CSV, or the journal and plan as Markdown. The file is not
    /// encrypted: say so to the person before calling this.
    pub fn export(&self, format: ExportFormat, path: String) -> Result<ExportSummary> {
        Ok(export::export(self.store(), format, Path::new(&path))?)
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
        let report = import::import(self.store(), format, Path::new(&path), &time_zone);
        self.session.search.clear();
        Ok(report?)
    }

    /// Checks the whole vault: opens every record and runs SQLite's structural check.
    /// Nothing is written. Records that do not open are named, never fatal.
    pub fn verify(&self) -> Result<VaultCheck> {
        Ok(backup::check_vault(self.store())?)
    }

    /// The vault's settings (defaults until changed).
    pub fn settings(&self) -> Result<Settings> {
        let keys = self.store().keys()?;
        Ok(settings::load(&self.store().conn(), &keys)?)
    }

    /// Changes the vault's settings and returns them.
    pub fn update_settings(&self, settings: Settings) -> Result<Settings> {
        let keys = self.store().keys()?;
        settings::save(&self.store().conn(), &keys, &settings)?;
        Ok(settings)
    }
}

impl Vault {
    /// Confirms that `current` opens one of this vault's slots to its key; returns
    /// the passphrase when that is what confirmed it.
    fn confirm(&self, current: CurrentSecret) -> Result<Option<Zeroizing<String>>> {
        match current {
            CurrentSecret::Passphrase { passphrase } => {
                let passphrase = secret::normalised(passphrase);
                self.store().confirm(KeySlotKind::Passphrase, |slot| {
                    VaultKeys::with_passphrase(slot, &passphrase)
                })?;
                Ok(Some(passphrase))
            }
            CurrentSecret::RecoveryCode { code } => {
                let code = Zeroizing::new(code);
                let code = RecoveryCode::parse(&code)?;
                self.store().confirm(KeySlotKind::RecoveryCode, |slot| {
                    VaultKeys::with_recovery_code(slot, &code)
                })?;
                Ok(None)
            }
        }
    }

    fn over(store: Store) -> Arc<Self> {
        Arc::new(Vault {
            session: Arc::new(Session::new(store)),
        })
    }

    fn store(&self) -> &Store {
        &self.session.store
    }
}

/// The synthetic history generator, for demos, tests and benchmarks only: built with
/// the `demo-data` feature (the CLI and the test builds turn it on; the mobile
/// library is built without it).
#[cfg(feature = "demo-data")]
#[uniffi::export]
impl Vault {
    /// Fills the vault with `years` of synthetic history ending the day before
    /// `today` (`YYYY-MM-DD`), for demos: realistic days where some practices help.
    /// The plan is written too when the vault has none. Never use on a real vault.
    pub fn fill_with_demo_data(&self, years: u32, seed: u64, today: String) -> Result<DemoSummary> {
        let today = sealed::parse_day("today", &today)?;
        self.fill_synthetic(&SyntheticOptions::demo(years, seed, today))
    }
}

#[cfg(feature = "demo-data")]
impl Vault {
    /// Fills the vault with synthetic history described by `options` (Rust only: tests
    /// and benchmarks choose densities and planted effects).
    pub fn fill_synthetic(&self, options: &SyntheticOptions) -> Result<DemoSummary> {
        let summary = demo::fill(self.store(), options);
        self.session.search.clear();
        Ok(summary?)
    }
}
