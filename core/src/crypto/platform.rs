//! The platform key store as the key slots see it: the shells implement it through
//! the API's `DeviceKeyStore`.

use crate::error::internal::Result;

/// Seals and opens small secrets with a key held in the platform's secure hardware.
pub(crate) trait PlatformKeyStore {
    /// Encrypts `plaintext` with the platform key; returns an opaque blob.
    fn seal(&self, plaintext: Vec<u8>) -> Result<Vec<u8>>;
    /// Decrypts a blob made by [`PlatformKeyStore::seal`] on this device.
    fn open(&self, sealed: Vec<u8>) -> Result<Vec<u8>>;
}
