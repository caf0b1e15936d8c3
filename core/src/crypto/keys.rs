//! The keys of an unlocked vault, behind a type that seals, opens and derives ids but
//! never hands out key bytes.

use super::platform::PlatformKeyStore;
use super::recovery_code::RecoveryCode;
use super::slots::{StoredSlot, DEFAULT_KDF_ITERATIONS};
use super::{to_hex, Aad, SealingKey, SecretKey};
use crate::error::internal::Result;
use zeroize::Zeroizing;

/// The purpose the key-check value's key is derived for.
const KEY_CHECK: &[u8] = b"respite/v1/key-check";

/// The keys of an unlocked vault. Dropping them (on lock) wipes the vault key.
pub(crate) struct VaultKeys {
    vault_key: SecretKey,
    /// Seals and opens every record; derived from the vault key.
    records: SealingKey,
}

impl VaultKeys {
    fn new(vault_key: SecretKey) -> Self {
        let records = SealingKey(vault_key.derive(b"respite/v1/records").aead_key());
        VaultKeys { vault_key, records }
    }

    /// A new random vault key and its passphrase slot (`kdf_iterations` defaults to
    /// [`DEFAULT_KDF_ITERATIONS`]).
    pub(crate) fn generate(
        passphrase: &str,
        kdf_iterations: Option<u32>,
    ) -> Result<(Self, StoredSlot)> {
        let keys = VaultKeys::new(SecretKey::generate()?);
        let slot = keys.passphrase_slot(passphrase, kdf_iterations)?;
        Ok((keys, slot))
    }

    /// Seals a record's plaintext, bound to `aad`.
    pub(crate) fn seal(&self, aad: &Aad, plaintext: &[u8]) -> Result<Vec<u8>> {
        self.records.seal(aad, plaintext)
    }

    /// Opens a record sealed with [`VaultKeys::seal`] and the same `aad`.
    pub(crate) fn open(&self, aad: &Aad, envelope: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        self.records.open(aad, envelope)
    }

    /// A record id derived from `parts` with a key of this vault (HMAC-SHA256), so the
    /// same inputs give the same id here and the id reveals nothing about them.
    pub(crate) fn derived_id(&self, parts: &[&[u8]]) -> String {
        let mut ctx = ring::hmac::Context::with_key(&self.hmac_key(b"respite/v1/derived-ids"));
        for part in parts {
            ctx.update(&(part.len() as u64).to_be_bytes());
            ctx.update(part);
        }
        to_hex(&ctx.sign().as_ref()[..16])
    }

    /// The key-check value of this vault key for the vault `id`: an HMAC of the id
    /// under a key derived for that purpose, so it reveals nothing about the key.
    pub(crate) fn key_check(&self, id: &[u8]) -> Vec<u8> {
        ring::hmac::sign(&self.hmac_key(KEY_CHECK), id)
            .as_ref()
            .to_vec()
    }

    /// Whether `key_check` is this vault key's value for `id` (compared in constant
    /// time).
    pub(crate) fn checks(&self, id: &[u8], key_check: &[u8]) -> bool {
        ring::hmac::verify(&self.hmac_key(KEY_CHECK), id, key_check).is_ok()
    }

    /// An HMAC-SHA256 key derived from the vault key for `purpose`.
    fn hmac_key(&self, purpose: &[u8]) -> ring::hmac::Key {
        let key = self.vault_key.derive(purpose);
        ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key.expose())
    }

    /// A passphrase slot for this vault key.
    pub(crate) fn passphrase_slot(
        &self,
        passphrase: &str,
        kdf_iterations: Option<u32>,
    ) -> Result<StoredSlot> {
        StoredSlot::passphrase(
            &self.vault_key,
            passphrase,
            kdf_iterations.unwrap_or(DEFAULT_KDF_ITERATIONS),
        )
    }

    /// A recovery-code slot for this vault key, and the code to show once.
    pub(crate) fn recovery_slot(&self) -> Result<(StoredSlot, RecoveryCode)> {
        StoredSlot::recovery_code(&self.vault_key)
    }

    /// A device slot for this vault key, sealed by the platform's key store.
    pub(crate) fn device_slot(
        &self,
        store: &(impl PlatformKeyStore + ?Sized),
    ) -> Result<StoredSlot> {
        StoredSlot::device(&self.vault_key, store)
    }

    /// The keys, if `passphrase` opens `slot`.
    pub(crate) fn with_passphrase(slot: &StoredSlot, passphrase: &str) -> Result<Option<Self>> {
        Ok(slot.open_with_passphrase(passphrase)?.map(VaultKeys::new))
    }

    /// The keys, if `code` opens `slot`.
    pub(crate) fn with_recovery_code(
        slot: &StoredSlot,
        code: &RecoveryCode,
    ) -> Result<Option<Self>> {
        Ok(slot.open_with_recovery_code(code)?.map(VaultKeys::new))
    }

    /// The keys, if the platform opens `slot`.
    pub(crate) fn with_device(
        slot: &StoredSlot,
        store: &(impl PlatformKeyStore + ?Sized),
    ) -> Result<Option<Self>> {
        Ok(slot.open_with_device(store)?.map(VaultKeys::new))
    }
}
