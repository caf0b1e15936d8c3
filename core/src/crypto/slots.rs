//! Key slots: the ways a vault can be unlocked, LUKS-style.
//!
//! The vault key is random and never derived from a secret. Each slot holds the vault
//! key wrapped (AES-256-GCM envelope) under a key-encryption key (KEK) that the slot
//! knows how to rebuild:
//!
//! | kind          | KEK                                                        |
//! |---------------|------------------------------------------------------------|
//! | passphrase    | Argon2id(passphrase, 16-byte salt, memory, passes, lanes)  |
//! |               | or PBKDF2-HMAC-SHA256(passphrase, salt, iterations)        |
//! | recovery code | HKDF-SHA256(salt, the code's 130 random bits)              |
//! | device        | a random secret sealed by the platform key store           |
//!
//! The slot's parameters are stored in plaintext next to the wrapped key and are bound
//! into its associated data together with the slot id and kind, and (from format 5)
//! the vault's id, so a slot cannot be edited, moved or copied into another vault
//! without failing to open.

use serde::{Deserialize, Serialize};
use std::num::NonZeroU32;
use zeroize::Zeroizing;

use crate::crypto::platform::PlatformKeyStore;
use crate::crypto::recovery_code::RecoveryCode;
use crate::crypto::{self, Aad, SecretKey};
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::time::{self, Timestamp};

/// PBKDF2 iterations for passphrase slots that ask for PBKDF2 without a count (OWASP
/// 2023 for HMAC-SHA256).
pub const DEFAULT_KDF_ITERATIONS: u32 = 600_000;
/// The fewest PBKDF2 iterations a passphrase slot may use, on creation and on unlock.
pub const MIN_KDF_ITERATIONS: u32 = 100_000;
/// The most PBKDF2 iterations accepted, so a damaged slot cannot stall an unlock.
pub const MAX_KDF_ITERATIONS: u32 = 10_000_000;
/// The shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Argon2id cost of new passphrase slots and backups (see ADR 0015): 64 MiB, three
/// passes, one lane.
pub(crate) const ARGON2: Argon2Cost = Argon2Cost {
    memory_kib: 64 * 1024,
    passes: 3,
    lanes: 1,
};
/// The cheapest Argon2id cost accepted on unlock (OWASP's minimum: 19 MiB, 2 passes).
const ARGON2_FLOOR: Argon2Cost = Argon2Cost {
    memory_kib: 19 * 1024,
    passes: 2,
    lanes: 1,
};
/// The dearest Argon2id cost accepted (four times the default's memory), so a damaged
/// or hostile slot or backup header cannot exhaust memory or time.
const ARGON2_CEILING: Argon2Cost = Argon2Cost {
    memory_kib: 256 * 1024,
    passes: 16,
    lanes: 8,
};

/// The cost of one Argon2id derivation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Argon2Cost {
    /// Memory, in KiB.
    pub(crate) memory_kib: u32,
    /// Passes over the memory.
    pub(crate) passes: u32,
    /// Lanes (parallelism).
    pub(crate) lanes: u32,
}

impl Argon2Cost {
    /// Whether this cost is within the floor and the ceiling.
    pub(crate) fn acceptable(&self) -> bool {
        (ARGON2_FLOOR.memory_kib..=ARGON2_CEILING.memory_kib).contains(&self.memory_kib)
            && (ARGON2_FLOOR.passes..=ARGON2_CEILING.passes).contains(&self.passes)
            && (ARGON2_FLOOR.lanes..=ARGON2_CEILING.lanes).contains(&self.lanes)
    }

    /// The 32-byte key Argon2id derives from `secret` and `salt` at this cost.
    pub(in crate::crypto) fn derive(&self, secret: &[u8], salt: &[u8]) -> Result<SecretKey> {
        let params = argon2::Params::new(
            self.memory_kib,
            self.passes,
            self.lanes,
            Some(crypto::KEY_LEN),
        )
        .map_err(|_| RespiteError::integrity("the key-derivation parameters are invalid"))?;
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; crypto::KEY_LEN]);
        argon
            .hash_password_into(secret, salt, out.as_mut())
            .map_err(|_| RespiteError::integrity("the key-derivation parameters are invalid"))?;
        SecretKey::from_slice(out.as_ref())
            .ok_or_else(|| RespiteError::internal("Argon2id gave a key of the wrong length").into())
    }
}

const SALT_LEN: usize = 16;
const RECOVERY_INFO: &[u8] = b"respite/v1/recovery-slot";

/// How a passphrase is stretched into a key: Argon2id (the default for new slots and
/// backups) or PBKDF2-HMAC-SHA256 (older slots and backups, and when asked for by an
/// iteration count, for quick unlocks in tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stretch {
    /// PBKDF2-HMAC-SHA256 with this many iterations.
    Pbkdf2(u32),
    /// Argon2id at this cost.
    Argon2id(Argon2Cost),
}

impl Stretch {
    /// The stretch for a new slot or backup: Argon2id at [`ARGON2`], or PBKDF2 with
    /// `pbkdf2_iterations` (checked against the floor and the ceiling).
    pub(crate) fn for_new(pbkdf2_iterations: Option<u32>) -> Result<Self> {
        match pbkdf2_iterations {
            None => Ok(Stretch::Argon2id(ARGON2)),
            Some(n) if (MIN_KDF_ITERATIONS..=MAX_KDF_ITERATIONS).contains(&n) => {
                Ok(Stretch::Pbkdf2(n))
            }
            Some(_) => Err(RespiteError::invalid(
                "kdf_iterations",
                format!("must be between {MIN_KDF_ITERATIONS} and {MAX_KDF_ITERATIONS}"),
            )
            .into()),
        }
    }

    /// Whether a stored stretch is within the floor and the ceiling (checked before
    /// any derivation, so a damaged slot or header can neither weaken nor stall it).
    pub(crate) fn acceptable(&self) -> bool {
        match self {
            Stretch::Pbkdf2(n) => (MIN_KDF_ITERATIONS..=MAX_KDF_ITERATIONS).contains(n),
            Stretch::Argon2id(cost) => cost.acceptable(),
        }
    }

    /// The 32-byte key `passphrase` and `salt` give.
    pub(in crate::crypto) fn derive(&self, passphrase: &str, salt: &[u8]) -> Result<SecretKey> {
        match self {
            Stretch::Pbkdf2(iterations) => Ok(passphrase_kek(passphrase, salt, *iterations)),
            Stretch::Argon2id(cost) => cost.derive(passphrase.as_bytes(), salt),
        }
    }

    fn params(&self, salt: &[u8]) -> SlotParams {
        let salt = crypto::to_hex(salt);
        match *self {
            Stretch::Pbkdf2(iterations) => SlotParams::Pbkdf2 { iterations, salt },
            Stretch::Argon2id(cost) => SlotParams::Argon2id {
                memory_kib: cost.memory_kib,
                passes: cost.passes,
                lanes: cost.lanes,
                salt,
            },
        }
    }
}

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
    #[serde(rename = "argon2id")]
    Argon2id {
        memory_kib: u32,
        passes: u32,
        lanes: u32,
        salt: String,
    },
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
    /// The vault id bound into the slot's associated data; `None` for slots made
    /// before format 5, whose associated data has none.
    pub(crate) vault_id: Option<Vec<u8>>,
}

impl StoredSlot {
    /// A passphrase slot wrapping `vault_key` for the vault `vault_id`: Argon2id at
    /// [`ARGON2`], or PBKDF2 with `pbkdf2_iterations` when given.
    pub(super) fn passphrase(
        vault_key: &SecretKey,
        vault_id: &[u8],
        passphrase: &str,
        pbkdf2_iterations: Option<u32>,
    ) -> Result<Self> {
        check_new_passphrase(passphrase)?;
        let stretch = Stretch::for_new(pbkdf2_iterations)?;
        let salt = crypto::random_array::<SALT_LEN>()?;
        let kek = stretch.derive(passphrase, &salt)?;
        let params = stretch.params(&salt);
        Self::wrap(KeySlotKind::Passphrase, &params, &kek, vault_key, vault_id)
    }

    /// A recovery-code slot wrapping `vault_key`, and the code (to be shown once).
    pub(super) fn recovery_code(
        vault_key: &SecretKey,
        vault_id: &[u8],
    ) -> Result<(Self, RecoveryCode)> {
        let code = RecoveryCode::generate()?;
        let slot = Self::recovery_code_with(vault_key, vault_id, &code)?;
        Ok((slot, code))
    }

    /// A recovery-code slot wrapping `vault_key` for an existing `code` (to bind a slot
    /// made before format 5 to the vault when its code is used).
    pub(super) fn recovery_code_with(
        vault_key: &SecretKey,
        vault_id: &[u8],
        code: &RecoveryCode,
    ) -> Result<Self> {
        let salt = crypto::random_array::<SALT_LEN>()?;
        let kek = crypto::hkdf_sha256(&salt, code.secret(), RECOVERY_INFO);
        let params = SlotParams::Hkdf {
            salt: crypto::to_hex(&salt),
        };
        Self::wrap(
            KeySlotKind::RecoveryCode,
            &params,
            &kek,
            vault_key,
            vault_id,
        )
    }

    /// A device slot: a random secret, sealed by the platform, wraps `vault_key`.
    pub(super) fn device(
        vault_key: &SecretKey,
        vault_id: &[u8],
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
        Self::wrap(KeySlotKind::Device, &params, &kek, vault_key, vault_id)
    }

    fn wrap(
        kind: KeySlotKind,
        params: &SlotParams,
        kek: &SecretKey,
        vault_key: &SecretKey,
        vault_id: &[u8],
    ) -> Result<Self> {
        let id = crypto::to_hex(&crypto::random_array::<16>()?);
        let params = serde_json::to_vec(params)
            .map_err(|_| RespiteError::internal("could not encode a key slot"))?;
        let mut slot = StoredSlot {
            id,
            kind,
            created_at_ms: time::to_millis(time::now()),
            params,
            wrapped_key: Vec::new(),
            vault_id: Some(vault_id.to_vec()),
        };
        slot.wrapped_key = crypto::seal(&kek.aead_key(), &slot.aad(), vault_key.expose())?;
        Ok(slot)
    }

    /// Rebuilds a slot read from storage, checking its kind.
    pub(crate) fn from_row(
        id: String,
        kind: &str,
        created_at_ms: i64,
        params: Vec<u8>,
        wrapped_key: Vec<u8>,
        vault_id: Option<Vec<u8>>,
    ) -> Result<Self> {
        Ok(StoredSlot {
            id,
            kind: KeySlotKind::parse(kind)?,
            created_at_ms,
            params,
            wrapped_key,
            vault_id,
        })
    }

    /// Whether this slot should be rewrapped at the next unlock with its secret: it
    /// was made before format 5 (no vault id in its associated data).
    pub(crate) fn is_outdated(&self) -> bool {
        self.vault_id.is_none()
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
        let (stretch, salt) = match self.params()? {
            SlotParams::Argon2id {
                memory_kib,
                passes,
                lanes,
                salt,
            } => (
                Stretch::Argon2id(Argon2Cost {
                    memory_kib,
                    passes,
                    lanes,
                }),
                salt,
            ),
            SlotParams::Pbkdf2 { iterations, salt } => (Stretch::Pbkdf2(iterations), salt),
            _ => return Err(self.params_mismatch().into()),
        };
        if !stretch.acceptable() {
            return Err(RespiteError::integrity(
                "a passphrase slot has key-derivation parameters outside the allowed range",
            )
            .into());
        }
        let kek = stretch.derive(passphrase, &decode_salt(&salt)?)?;
        self.unwrap(&kek)
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
        Ok(
            crypto::open(&kek.aead_key(), &self.aad(), &self.wrapped_key)
                .and_then(|bytes| SecretKey::from_slice(&bytes)),
        )
    }

    /// The associated data of the wrapped key: the slot's id, kind and parameters,
    /// and the vault id for slots made from format 5 on.
    fn aad(&self) -> Aad {
        let aad = Aad::new("respite/slot");
        let aad = match &self.vault_id {
            Some(vault_id) => aad.field(vault_id),
            None => aad,
        };
        aad.field(self.id.as_bytes())
            .field(self.kind.as_str().as_bytes())
            .field(&self.params)
    }

    fn params(&self) -> Result<SlotParams> {
        let params: SlotParams =
            serde_json::from_slice(&self.params).map_err(|_| self.damaged())?;
        let kind_matches = matches!(
            (&params, self.kind),
            (
                SlotParams::Argon2id { .. } | SlotParams::Pbkdf2 { .. },
                KeySlotKind::Passphrase
            ) | (SlotParams::Hkdf { .. }, KeySlotKind::RecoveryCode)
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

#[cfg(test)]
mod tests {
    use super::*;

    const ITER: Option<u32> = Some(MIN_KDF_ITERATIONS);
    const VAULT: &[u8] = &[7; 16];

    #[test]
    fn passphrase_slot_opens_with_the_right_passphrase_only() {
        let vk = SecretKey::generate().unwrap();
        let slot = StoredSlot::passphrase(&vk, VAULT, "correct horse", ITER).unwrap();
        assert_eq!(
            slot.open_with_passphrase("correct horse").unwrap(),
            Some(vk)
        );
        assert_eq!(slot.open_with_passphrase("correct hors").unwrap(), None);
    }

    #[test]
    fn recovery_slot_opens_with_its_code_only() {
        let vk = SecretKey::generate().unwrap();
        let (slot, code) = StoredSlot::recovery_code(&vk, VAULT).unwrap();
        assert_eq!(slot.open_with_recovery_code(&code).unwrap(), Some(vk));
        let other = RecoveryCode::generate().unwrap();
        assert_eq!(slot.open_with_recovery_code(&other).unwrap(), None);
    }

    #[test]
    fn kdf_floor_and_ceiling_are_enforced_on_creation() {
        let vk = SecretKey::generate().unwrap();
        for n in [0, 1, MIN_KDF_ITERATIONS - 1, MAX_KDF_ITERATIONS + 1] {
            assert!(matches!(
                StoredSlot::passphrase(&vk, VAULT, "correct horse", Some(n)),
                Err(crate::error::internal::Error::Public(
                    RespiteError::InvalidInput { .. }
                ))
            ));
        }
    }

    #[test]
    fn a_slot_rewritten_below_the_floor_is_refused_on_unlock() {
        let vk = SecretKey::generate().unwrap();
        let mut slot = StoredSlot::passphrase(&vk, VAULT, "correct horse", ITER).unwrap();
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
        let slot = StoredSlot::passphrase(&vk, VAULT, "correct horse", ITER).unwrap();
        let mut moved = slot.clone();
        moved.id = "0".repeat(32);
        assert_eq!(moved.open_with_passphrase("correct horse").unwrap(), None);
        let mut kind_swapped = slot.clone();
        kind_swapped.kind = KeySlotKind::RecoveryCode;
        assert!(kind_swapped.open_with_passphrase("correct horse").is_err());
    }

    #[test]
    fn argon2id_slots_open_with_their_passphrase_and_refuse_a_cost_below_the_floor() {
        let vk = SecretKey::generate().unwrap();
        let slot = StoredSlot::passphrase(&vk, VAULT, "correct horse", None).unwrap();
        assert!(String::from_utf8_lossy(&slot.params).contains("argon2id"));
        assert_eq!(
            slot.open_with_passphrase("correct horse").unwrap(),
            Some(vk)
        );
        assert_eq!(slot.open_with_passphrase("correct hors").unwrap(), None);
        let mut cheap = slot.clone();
        let text = String::from_utf8(cheap.params.clone()).unwrap();
        cheap.params = text.replace("65536", "1024").into_bytes();
        assert!(matches!(
            cheap.open_with_passphrase("correct horse"),
            Err(crate::error::internal::Error::Public(
                RespiteError::Integrity { .. }
            ))
        ));
    }

    #[test]
    fn a_slot_bound_to_another_vault_does_not_open() {
        let vk = SecretKey::generate().unwrap();
        let slot = StoredSlot::passphrase(&vk, VAULT, "correct horse", ITER).unwrap();
        let mut elsewhere = slot.clone();
        elsewhere.vault_id = Some(vec![8; 16]);
        assert_eq!(
            elsewhere.open_with_passphrase("correct horse").unwrap(),
            None
        );
        let mut unbound = slot;
        unbound.vault_id = None;
        assert_eq!(unbound.open_with_passphrase("correct horse").unwrap(), None);
    }

    #[test]
    fn short_passphrases_are_refused() {
        let vk = SecretKey::generate().unwrap();
        assert!(matches!(
            StoredSlot::passphrase(&vk, VAULT, "short", ITER),
            Err(crate::error::internal::Error::Public(RespiteError::InvalidInput { field, .. })) if field == "passphrase"
        ));
    }
}
