//! Key slots: the ways a vault can be unlocked, LUKS-style.
//!
//! The vault key is random and never derived from a secret. Each slot holds the vault
//! key wrapped (AES-256-GCM envelope) under a key-encryption key (KEK) that the slot
//! knows how to rebuild:
//!
//! | kind          | KEK                                                        |
//! |---------------|------------------------------------------------------------|
//! | passphrase    | PBKDF2-HMAC-SHA256(passphrase, 16-byte salt, iterations)   |
//! | recovery code | HKDF-SHA256(salt, the code's 130 random bits)              |
//! | device        | a random secret sealed by the platform key store           |
//!
//! The slot's parameters are stored in plaintext next to the wrapped key and are bound
//! into its associated data together with the slot id and kind, so a slot cannot be
//! edited or moved without failing to open.

use serde::{Deserialize, Serialize};
use std::num::NonZeroU32;
use zeroize::Zeroizing;

use crate::crypto::platform::PlatformKeyStore;
use crate::crypto::recovery_code::RecoveryCode;
use crate::crypto::{self, Aad, SecretKey};
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::time::{self, Timestamp};

/// Default PBKDF2 iterations for new passphrase slots (OWASP 2023 for HMAC-SHA256).
pub const DEFAULT_KDF_ITERATIONS: u32 = 600_000;
/// The fewest PBKDF2 iterations a passphrase slot may use, on creation and on unlock.
pub const MIN_KDF_ITERATIONS: u32 = 100_000;
/// The most PBKDF2 iterations accepted, so a damaged slot cannot stall an unlock.
pub const MAX_KDF_ITERATIONS: u32 = 10_000_000;
/// The shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

const SALT_LEN: usize = 16;
const RECOVERY_INFO: &[u8] = b"respite/v1/recovery-slot";

/// How a key slot unlocks the vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum KeySlotKind {
    /// A passphrase the user knows.
    Passphrase,
    /// A key held by this device's platform key store.
    Device,
    /// A recovery code shown once when it was created.
    RecoveryCode,
}

impl KeySlotKind {
    /// The stable name of this kind, as stored and shown by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            KeySlotKind::Passphrase => "passphrase",
            KeySlotKind::Device => "device",
            KeySlotKind::RecoveryCode => "recovery-code",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        match text {
            "passphrase" => Ok(KeySlotKind::Passphrase),
            "device" => Ok(KeySlotKind::Device),
            "recovery-code" => Ok(KeySlotKind::RecoveryCode),
            _ => Err(RespiteError::integrity("a key slot has an unknown kind").into()),
        }
    }
}

/// What a shell may know about a key slot without unlocking.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct KeySlot {
    /// Random identifier, used to remove the slot.
    pub id: String,
    /// How this slot unlocks the vault.
    pub kind: KeySlotKind,
    /// When the slot was added.
    pub created_at: Timestamp,
}

/// Plaintext parameters of a slot, stored as JSON.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "kdf", deny_unknown_fields)]
enum SlotParams {
    #[serde(rename = "pbkdf2-hmac-sha256")]
    Pbkdf2 { iterations: u32, salt: String },
    #[serde(rename = "hkdf-sha256")]
    Hkdf { salt: String },
    #[serde(rename = "platform")]
    Platform { sealed_secret: String },
}

/// A key slot as stored in the `key_slots` table.
#[derive(Debug, Clone)]
pub(crate) struct StoredSlot {
    pub(crate) id: String,
    pub(crate) kind: KeySlotKind,
    pub(crate) created_at_ms: i64,
    pub(crate) params: Vec<u8>,
    pub(crate) wrapped_key: Vec<u8>,
}

impl StoredSlot {
    /// A passphrase slot wrapping `vault_key`.
    pub(super) fn passphrase(
        vault_key: &SecretKey,
        passphrase: &str,
        iterations: u32,
    ) -> Result<Self> {
        check_new_passphrase(passphrase)?;
        if !(MIN_KDF_ITERATIONS..=MAX_KDF_ITERATIONS).contains(&iterations) {
            return Err(RespiteError::invalid(
                "kdf_iterations",
                format!("must be between {MIN_KDF_ITERATIONS} and {MAX_KDF_ITERATIONS}"),
            )
            .into());
        }
        let salt = crypto::random_array::<SALT_LEN>()?;
        let kek = passphrase_kek(passphrase, &salt, iterations);
        let params = SlotParams::Pbkdf2 {
            iterations,
            salt: crypto::to_hex(&salt),
        };
        Self::wrap(KeySlotKind::Passphrase, &params, &kek, vault_key)
    }

    /// A recovery-code slot wrapping `vault_key`, and the code (to be shown once).
    pub(super) fn recovery_code(vault_key: &SecretKey) -> Result<(Self, RecoveryCode)> {
        let code = RecoveryCode::generate()?;
        let salt = crypto::random_array::<SALT_LEN>()?;
        let kek = crypto::hkdf_sha256(&salt, code.secret(), RECOVERY_INFO);
        let params = SlotParams::Hkdf {
            salt: crypto::to_hex(&salt),
        };
        let slot = Self::wrap(KeySlotKind::RecoveryCode, &params, &kek, vault_key)?;
        Ok((slot, code))
    }

    /// A device slot: a random secret, sealed by the platform, wraps `vault_key`.
    pub(super) fn device(
        vault_key: &SecretKey,
        store: &(impl PlatformKeyStore + ?Sized),
    ) -> Result<Self> {
        let kek = SecretKey::generate()?;
        let sealed = store.seal(kek.expose().to_vec())?;
        if sealed.is_empty() {
            return Err(RespiteError::DeviceKey {
                reason: "the platform key store returned nothing".to_owned(),
            }
            .into());
        }
        let params = SlotParams::Platform {
            sealed_secret: crypto::to_hex(&sealed),
        };
        Self::wrap(KeySlotKind::Device, &params, &kek, vault_key)
    }

    fn wrap(
        kind: KeySlotKind,
        params: &SlotParams,
        kek: &SecretKey,
        vault_key: &SecretKey,
    ) -> Result<Self> {
        let id = crypto::to_hex(&crypto::random_array::<16>()?);
        let params = serde_json::to_vec(params)
            .map_err(|_| RespiteError::internal("could not encode a key slot"))?;
        let aad = slot_aad(&id, kind, &params);
        let wrapped_key = crypto::seal(&kek.aead_key(), &aad, vault_key.expose())?;
        Ok(StoredSlot {
            id,
            kind,
            created_at_ms: time::to_millis(time::now()),
            params,
            wrapped_key,
        })
    }

    /// Rebuilds a slot read from storage, checking its kind.
    pub(crate) fn from_row(
        id: String,
        kind: &str,
        created_at_ms: i64,
        params: Vec<u8>,
        wrapped_key: Vec<u8>,
    ) -> Result<Self> {
        Ok(StoredSlot {
            id,
            kind: KeySlotKind::parse(kind)?,
            created_at_ms,
            params,
            wrapped_key,
        })
    }

    /// The public description of this slot.
    pub(crate) fn info(&self) -> Result<KeySlot> {
        Ok(KeySlot {
            id: self.id.clone(),
            kind: self.kind,
            created_at: time::from_millis(self.created_at_ms)?,
        })
    }

    /// The vault key, if `passphrase` opens this passphrase slot.
    pub(super) fn open_with_passphrase(&self, passphrase: &str) -> Result<Option<SecretKey>> {
        match self.params()? {
            SlotParams::Pbkdf2 { iterations, salt } => {
                if !(MIN_KDF_ITERATIONS..=MAX_KDF_ITERATIONS).contains(&iterations) {
                    return Err(RespiteError::integrity(
                        "a passphrase slot has key-derivation parameters outside the allowed range",
                    )
                    .into());
                }
                let kek = passphrase_kek(passphrase, &decode_salt(&salt)?, iterations);
                self.unwrap(&kek)
            }
            _ => Err(self.params_mismatch().into()),
        }
    }

    /// The vault key, if `code` opens this recovery-code slot.
    pub(super) fn open_with_recovery_code(&self, code: &RecoveryCode) -> Result<Option<SecretKey>> {
        match self.params()? {
            SlotParams::Hkdf { salt } => {
                let kek = crypto::hkdf_sha256(&decode_salt(&salt)?, code.secret(), RECOVERY_INFO);
                self.unwrap(&kek)
            }
            _ => Err(self.params_mismatch().into()),
        }
    }

    /// The vault key, if the platform can open this device slot's secret.
    ///
    /// `Ok(None)` when the platform opened something that does not unwrap the key
    /// (a blob from another device); platform failures are returned as errors.
    pub(super) fn open_with_device(
        &self,
        store: &(impl PlatformKeyStore + ?Sized),
    ) -> Result<Option<SecretKey>> {
        match self.params()? {
            SlotParams::Platform { sealed_secret } => {
                let sealed = crypto::from_hex(&sealed_secret).ok_or_else(|| self.damaged())?;
                let mut secret = Zeroizing::new(store.open(sealed)?);
                let kek = SecretKey::from_slice(&secret);
                crypto::wipe(&mut secret);
                match kek {
                    Some(kek) => self.unwrap(&kek),
                    None => Ok(None),
                }
            }
            _ => Err(self.params_mismatch().into()),
        }
    }

    fn unwrap(&self, kek: &SecretKey) -> Result<Option<SecretKey>> {
        let aad = slot_aad(&self.id, self.kind, &self.params);
        Ok(crypto::open(&kek.aead_key(), &aad, &self.wrapped_key)
            .and_then(|bytes| SecretKey::from_slice(&bytes)))
    }

    fn params(&self) -> Result<SlotParams> {
        let params: SlotParams =
            serde_json::from_slice(&self.params).map_err(|_| self.damaged())?;
        let kind_matches = matches!(
            (&params, self.kind),
            (SlotParams::Pbkdf2 { .. }, KeySlotKind::Passphrase)
                | (SlotParams::Hkdf { .. }, KeySlotKind::RecoveryCode)
                | (SlotParams::Platform { .. }, KeySlotKind::Device)
        );
        if kind_matches {
            Ok(params)
        } else {
            Err(self.params_mismatch().into())
        }
    }

    fn damaged(&self) -> RespiteError {
        RespiteError::integrity(format!("key slot {} is damaged", self.id))
    }

    fn params_mismatch(&self) -> RespiteError {
        RespiteError::integrity(format!("key slot {} does not match its kind", self.id))
    }
}

/// Refuses passphrases that are too short to protect a vault.
pub(crate) fn check_new_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(RespiteError::invalid(
            "passphrase",
            format!("must be at least {MIN_PASSPHRASE_CHARS} characters"),
        )
        .into());
    }
    Ok(())
}

fn passphrase_kek(passphrase: &str, salt: &[u8], iterations: u32) -> SecretKey {
    let iterations = NonZeroU32::new(iterations).unwrap_or(NonZeroU32::MIN);
    crypto::pbkdf2_sha256(passphrase.as_bytes(), salt, iterations)
}

fn decode_salt(hex: &str) -> Result<Vec<u8>> {
    crypto::from_hex(hex)
        .filter(|salt| salt.len() == SALT_LEN)
        .ok_or_else(|| RespiteError::integrity("a key slot's salt is damaged").into())
}

fn slot_aad(id: &str, kind: KeySlotKind, params: &[u8]) -> Aad {
    Aad::new("respite/slot")
        .field(id.as_bytes())
        .field(kind.as_str().as_bytes())
        .field(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITER: u32 = MIN_KDF_ITERATIONS;

    #[test]
    fn passphrase_slot_opens_with_the_right_passphrase_only() {
        let vk = SecretKey::generate().unwrap();
        let slot = StoredSlot::passphrase(&vk, "correct horse", ITER).unwrap();
        assert_eq!(
            slot.open_with_passphrase("correct horse").unwrap(),
            Some(vk)
        );
        assert_eq!(slot.open_with_passphrase("correct hors").unwrap(), None);
    }

    #[test]
    fn recovery_slot_opens_with_its_code_only() {
        let vk = SecretKey::generate().unwrap();
        let (slot, code) = StoredSlot::recovery_code(&vk).unwrap();
        assert_eq!(slot.open_with_recovery_code(&code).unwrap(), Some(vk));
        let other = RecoveryCode::generate().unwrap();
        assert_eq!(slot.open_with_recovery_code(&other).unwrap(), None);
    }

    #[test]
    fn kdf_floor_and_ceiling_are_enforced_on_creation() {
        let vk = SecretKey::generate().unwrap();
        for n in [0, 1, MIN_KDF_ITERATIONS - 1, MAX_KDF_ITERATIONS + 1] {
            assert!(matches!(
                StoredSlot::passphrase(&vk, "correct horse", n),
                Err(crate::error::internal::Error::Public(
                    RespiteError::InvalidInput { .. }
                ))
            ));
        }
    }

    #[test]
    fn a_slot_rewritten_below_the_floor_is_refused_on_unlock() {
        let vk = SecretKey::generate().unwrap();
        let mut slot = StoredSlot::passphrase(&vk, "correct horse", ITER).unwrap();
        let text = String::from_utf8(slot.params.clone()).unwrap();
        slot.params = text.replace("100000", "1000").into_bytes();
        assert!(matches!(
            slot.open_with_passphrase("correct horse"),
            Err(crate::error::internal::Error::Public(
                RespiteError::Integrity { .. }
            ))
        ));
    }

    #[test]
    fn editing_params_or_id_breaks_the_binding() {
        let vk = SecretKey::generate().unwrap();
        let slot = StoredSlot::passphrase(&vk, "correct horse", ITER).unwrap();
        let mut moved = slot.clone();
        moved.id = "0".repeat(32);
        assert_eq!(moved.open_with_passphrase("correct horse").unwrap(), None);
        let mut kind_swapped = slot.clone();
        kind_swapped.kind = KeySlotKind::RecoveryCode;
        assert!(kind_swapped.open_with_passphrase("correct horse").is_err());
    }

    #[test]
    fn short_passphrases_are_refused() {
        let vk = SecretKey::generate().unwrap();
        assert!(matches!(
            StoredSlot::passphrase(&vk, "short", ITER),
            Err(crate::error::internal::Error::Public(RespiteError::InvalidInput { field, .. })) if field == "passphrase"
        ));
    }
}
