//! The keys of an unlocked vault, behind a type that seals, opens and derives ids but
//! never hands out key bytes.

use super::platform::PlatformKeyStore;
use super::recovery_code::RecoveryCode;
use super::slots::StoredSlot;
use super::{to_hex, Aad, SealingKey, SecretKey};
use crate::error::internal::Result;
use crate::error::RespiteError;
use zeroize::Zeroizing;

/// Length of a vault id: 16 random bytes.
pub(crate) const VAULT_ID_LEN: usize = 16;

/// Which rule made a vault's key-check value: vaults whose records carry the vault id
/// and whose state is authenticated (format 5) use [`KeyCheck::Current`]; an older
/// value says the vault still has to be brought up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyCheck {
    /// Formats 4 and earlier.
    Legacy,
    /// Format 5 and later.
    Current,
}

impl KeyCheck {
    fn purpose(self) -> &'static [u8] {
        match self {
            KeyCheck::Legacy => b"respite/v1/key-check",
            KeyCheck::Current => b"respite/v2/key-check",
        }
    }
}

/// The keys of an unlocked vault. Dropping them (on lock) wipes the vault key.
pub(crate) struct VaultKeys {
    vault_key: SecretKey,
    /// Seals and opens every record; derived from the vault key.
    records: SealingKey,
    /// The vault's id, bound into every record's and slot's associated data once known.
    vault_id: Option<[u8; VAULT_ID_LEN]>,
    /// The key of derived record ids: random per vault and kept across key rotation,
    /// so a re-import finds the records it made before.
    id_key: SecretKey,
    /// The key of the vault's state MACs, derived once.
    state_key: ring::hmac::Key,
    /// Set when the vault's integrity check failed: the keys then only open.
    read_only: bool,
}

impl VaultKeys {
    fn new(vault_key: SecretKey) -> Self {
        let records = SealingKey(vault_key.derive(b"respite/v1/records").aead_key());
        // Until the vault's own id key is read, the one earlier versions derived.
        let id_key = vault_key.derive(b"respite/v1/derived-ids");
        let state_key = hmac_key(&vault_key, b"respite/v1/state");
        VaultKeys {
            vault_key,
            records,
            vault_id: None,
            id_key,
            state_key,
            read_only: false,
        }
    }

    /// A new random vault key for the vault `vault_id`.
    pub(crate) fn generate(vault_id: [u8; VAULT_ID_LEN]) -> Result<Self> {
        let mut keys = VaultKeys::new(SecretKey::generate()?);
        keys.vault_id = Some(vault_id);
        Ok(keys)
    }

    /// New keys for the same vault: a fresh vault key, the same vault id and id key
    /// (key rotation).
    pub(crate) fn rotated(&self) -> Result<Self> {
        let mut keys = VaultKeys::new(SecretKey::generate()?);
        keys.vault_id = self.vault_id;
        keys.id_key = self.id_key.clone();
        Ok(keys)
    }

    /// Binds these keys to the vault `vault_id`, reading its id key from
    /// `sealed_id_key` when the vault has one (sealed by [`VaultKeys::sealed_id_key`]).
    pub(crate) fn bind(mut self, vault_id: &[u8], sealed_id_key: Option<&[u8]>) -> Result<Self> {
        let id: [u8; VAULT_ID_LEN] = vault_id
            .try_into()
            .map_err(|_| RespiteError::integrity("the vault id is damaged"))?;
        self.vault_id = Some(id);
        if let Some(sealed) = sealed_id_key {
            let bytes = self
                .records
                .open(&self.id_key_aad(), sealed)
                .and_then(|bytes| SecretKey::from_slice(&bytes))
                .ok_or_else(|| RespiteError::integrity("the vault's id key does not open"))?;
            self.id_key = bytes;
        }
        Ok(self)
    }

    /// The vault's id key sealed under this vault key, for storing.
    pub(crate) fn sealed_id_key(&self) -> Result<Vec<u8>> {
        self.records.seal(&self.id_key_aad(), self.id_key.expose())
    }

    fn id_key_aad(&self) -> Aad {
        self.bound(Aad::new("respite/id-key"))
    }

    /// These keys, refusing from now on to seal anything: for a vault whose integrity
    /// check failed, whose intact records stay readable.
    pub(crate) fn into_read_only(mut self) -> Self {
        self.read_only = true;
        self
    }

    /// Whether these keys refuse to seal (see [`VaultKeys::into_read_only`]).
    pub(crate) fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// [`RespiteError::Integrity`] when these keys are read-only.
    pub(crate) fn check_writable(&self) -> Result<()> {
        if self.read_only {
            return Err(RespiteError::integrity(
                "the vault opened read-only because its integrity check found problems; \
                 back it up and restore the backup into a new vault to write again",
            )
            .into());
        }
        Ok(())
    }

    /// `aad` with the vault id appended, once it is known.
    fn bound(&self, aad: Aad) -> Aad {
        match &self.vault_id {
            Some(id) => aad.field(id),
            None => aad,
        }
    }

    /// Seals a value's plaintext, bound to `aad` and this vault's id.
    pub(crate) fn seal(&self, aad: Aad, plaintext: &[u8]) -> Result<Vec<u8>> {
        self.check_writable()?;
        self.records.seal(&self.bound(aad), plaintext)
    }

    /// Opens a value sealed with [`VaultKeys::seal`] and the same `aad`.
    pub(crate) fn open(&self, aad: Aad, envelope: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        self.records.open(&self.bound(aad), envelope)
    }

    /// Opens a record sealed before format 5, whose associated data has no vault id.
    pub(crate) fn open_unbound(&self, aad: &Aad, envelope: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        self.records.open(aad, envelope)
    }

    /// A record id derived from `parts` with this vault's id key (HMAC-SHA256), so the
    /// same inputs give the same id here and the id reveals nothing about them.
    pub(crate) fn derived_id(&self, parts: &[&[u8]]) -> String {
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, self.id_key.expose());
        to_hex(&mac(&key, parts)[..16])
    }

    /// The key-check value of this vault key for the vault `id` under `rule`: an HMAC
    /// of the id under a key derived for that purpose, so it reveals nothing about the
    /// key.
    pub(crate) fn key_check(&self, rule: KeyCheck, id: &[u8]) -> Vec<u8> {
        ring::hmac::sign(&self.hmac_key(rule.purpose()), id)
            .as_ref()
            .to_vec()
    }

    /// Whether `key_check` is this vault key's value for `id` under `rule` (compared
    /// in constant time).
    pub(crate) fn checks(&self, rule: KeyCheck, id: &[u8], key_check: &[u8]) -> bool {
        ring::hmac::verify(&self.hmac_key(rule.purpose()), id, key_check).is_ok()
    }

    /// The MAC of the elements of one table of the vault's authenticated state (see
    /// `store::state`), keyed and given the table's name once.
    pub(crate) fn state_mac(&self, table: &str) -> StateMac {
        let mut ctx = ring::hmac::Context::with_key(&self.state_key);
        ctx.update(&(table.len() as u32).to_be_bytes());
        ctx.update(table.as_bytes());
        StateMac(ctx)
    }

    /// An HMAC-SHA256 key derived from the vault key for `purpose`.
    fn hmac_key(&self, purpose: &[u8]) -> ring::hmac::Key {
        hmac_key(&self.vault_key, purpose)
    }

    fn vault_id(&self) -> Result<&[u8]> {
        self.vault_id
            .as_ref()
            .map(|id| id.as_slice())
            .ok_or_else(|| RespiteError::internal("the vault keys are not bound to a vault").into())
    }

    /// A passphrase slot for this vault key: Argon2id by default, or PBKDF2 with
    /// `kdf_iterations` when given (cheaper unlocks for tests and scripts).
    pub(crate) fn passphrase_slot(
        &self,
        passphrase: &str,
        kdf_iterations: Option<u32>,
    ) -> Result<StoredSlot> {
        StoredSlot::passphrase(
            &self.vault_key,
            self.vault_id()?,
            passphrase,
            kdf_iterations,
        )
    }

    /// A recovery-code slot for this vault key, and the code to show once.
    pub(crate) fn recovery_slot(&self) -> Result<(StoredSlot, RecoveryCode)> {
        StoredSlot::recovery_code(&self.vault_key, self.vault_id()?)
    }

    /// A recovery-code slot for this vault key and an existing `code`.
    pub(crate) fn recovery_slot_for(&self, code: &RecoveryCode) -> Result<StoredSlot> {
        StoredSlot::recovery_code_with(&self.vault_key, self.vault_id()?, code)
    }

    /// A device slot for this vault key, sealed by the platform's key store.
    pub(crate) fn device_slot(
        &self,
        store: &(impl PlatformKeyStore + ?Sized),
    ) -> Result<StoredSlot> {
        StoredSlot::device(&self.vault_key, self.vault_id()?, store)
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

/// The MAC of the state elements of one table (from [`VaultKeys::state_mac`]).
pub(crate) struct StateMac(ring::hmac::Context);

impl StateMac {
    /// HMAC-SHA256 of the table's name and then `encoding`.
    pub(crate) fn of(&self, encoding: &[u8]) -> [u8; 32] {
        let mut ctx = self.0.clone();
        ctx.update(encoding);
        let mut out = [0u8; 32];
        out.copy_from_slice(ctx.sign().as_ref());
        out
    }
}

/// An HMAC-SHA256 key derived from `vault_key` for `purpose`.
fn hmac_key(vault_key: &SecretKey, purpose: &[u8]) -> ring::hmac::Key {
    let key = vault_key.derive(purpose);
    ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key.expose())
}

/// HMAC-SHA256 under `key` of length-prefixed `parts`.
fn mac(key: &ring::hmac::Key, parts: &[&[u8]]) -> [u8; 32] {
    let mut ctx = ring::hmac::Context::with_key(key);
    for part in parts {
        ctx.update(&(part.len() as u64).to_be_bytes());
        ctx.update(part);
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(ctx.sign().as_ref());
    out
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// Keys of a fresh random vault, for unit tests of the layers above.
    pub(crate) fn keys() -> VaultKeys {
        VaultKeys::generate([7; VAULT_ID_LEN]).expect("random keys")
    }
}
