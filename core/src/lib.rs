//! Respite's core: an encrypted, offline vault for a clinician's self-care.
//!
//! Everything is reached through [`Vault`]: open or create one, unlock it with a key
//! slot (passphrase, device key store, recovery code), then use its areas
//! ([`Journal`], ...). The same API is exported to Kotlin and Swift through UniFFI.
//! See `SECURITY.md` for the threat model and what is stored in plaintext.

uniffi::setup_scaffolding!();

mod crypto;
mod db;
mod device_key;
mod error;
mod journal;
mod key_slots;
mod records;
mod recovery_code;
mod time;
mod vault;

pub use db::FORMAT_VERSION;
pub use device_key::DeviceKeyStore;
pub use error::{RespiteError, Result};
pub use journal::{
    Journal, JournalDraft, JournalEntry, JournalKind, JournalPage, JournalUpdate, MAX_BODY_CHARS,
    MAX_PAGE, MAX_TAGS, MAX_TAG_CHARS, MAX_TITLE_CHARS,
};
pub use key_slots::{
    KeySlot, KeySlotKind, DEFAULT_KDF_ITERATIONS, MAX_KDF_ITERATIONS, MIN_KDF_ITERATIONS,
    MIN_PASSPHRASE_CHARS,
};
pub use records::DamagedRecord;
pub use time::{LocalMoment, Timestamp};
pub use vault::Vault;
