//! The platform key store, implemented by the shells.
//!
//! Android implements it with an Android Keystore AES-GCM key (StrongBox when
//! available, behind BiometricPrompt); iOS with a Keychain / Secure Enclave key. The
//! platform key never leaves secure hardware: Respite hands the platform a random
//! 32-byte slot secret to seal, stores the opaque result in the device key slot, and
//! later asks the platform to open it. The slot secret then unwraps the vault key.

use crate::crypto::platform::PlatformKeyStore;
use crate::error::internal::Result as CoreResult;
use crate::error::{RespiteError, Result};

/// Seals and opens small secrets with a key that lives in the platform's key store.
///
/// Both methods receive and return bytes by value. Implementations must not log or
/// persist the plaintext they are given. A user who cancels an authentication prompt
/// should be reported as `RespiteError::DeviceKey`.
#[uniffi::export(foreign)]
pub trait DeviceKeyStore: Send + Sync {
    /// Encrypts `plaintext` with the platform key; returns an opaque blob.
    fn seal(&self, plaintext: Vec<u8>) -> Result<Vec<u8>, RespiteError>;
    /// Decrypts a blob made by [`DeviceKeyStore::seal`] on this device.
    fn open(&self, sealed: Vec<u8>) -> Result<Vec<u8>, RespiteError>;
}

/// The key slots reach the platform's key store through this.
impl<T: DeviceKeyStore + ?Sized> PlatformKeyStore for T {
    fn seal(&self, plaintext: Vec<u8>) -> CoreResult<Vec<u8>> {
        Ok(DeviceKeyStore::seal(self, plaintext)?)
    }

    fn open(&self, sealed: Vec<u8>) -> CoreResult<Vec<u8>> {
        Ok(DeviceKeyStore::open(self, sealed)?)
    }
}
