//! Cryptographic primitives: secret keys, the sealed envelope, and key derivation.
//!
//! Everything goes through `ring`. A sealed value is an *envelope*:
//! `algorithm id (1 byte) ‖ nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)`.
//! The algorithm id is bound into the associated data, so an envelope cannot be
//! reinterpreted under another algorithm. Callers pass a context (see [`Aad`]) that
//! names what the value is and where it belongs.

pub(crate) mod keys;
pub(crate) mod platform;
pub(crate) mod recovery_code;
pub(crate) mod secret;
pub(crate) mod slots;

use ring::aead::{self, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::rand::{SecureRandom, SystemRandom};
use ring::{hkdf, pbkdf2};
use std::num::NonZeroU32;
use zeroize::{Zeroize, Zeroizing};

use crate::error::internal::Result;
use crate::error::RespiteError;

/// Length in bytes of every symmetric key in Respite.
pub(crate) const KEY_LEN: usize = 32;

/// Algorithm id for AES-256-GCM envelopes. New algorithms get new ids.
const ALG_AES_256_GCM: u8 = 1;

/// Bytes an envelope adds to its plaintext.
pub(crate) const ENVELOPE_OVERHEAD: usize = 1 + NONCE_LEN + 16;

/// A 256-bit secret that is wiped from memory when dropped.
#[derive(Clone, PartialEq, Eq)]
pub(in crate::crypto) struct SecretKey(Zeroizing<[u8; KEY_LEN]>);

impl SecretKey {
    /// A fresh key from the system's secure random generator.
    pub(in crate::crypto) fn generate() -> Result<Self> {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        fill_random(key.as_mut())?;
        Ok(SecretKey(key))
    }

    /// Takes ownership of key bytes; the caller's copy should be wiped.
    pub(in crate::crypto) fn from_slice(bytes: &[u8]) -> Option<Self> {
        let array: [u8; KEY_LEN] = bytes.try_into().ok()?;
        Some(SecretKey(Zeroizing::new(array)))
    }

    /// The raw key bytes.
    pub(in crate::crypto) fn expose(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// An AEAD key for sealing and opening envelopes.
    pub(in crate::crypto) fn aead_key(&self) -> LessSafeKey {
        let unbound =
            UnboundKey::new(&AES_256_GCM, self.0.as_ref()).expect("AES-256 key is 32 bytes");
        LessSafeKey::new(unbound)
    }

    /// Derives an independent subkey for `purpose` (HKDF-SHA256, no salt).
    pub(in crate::crypto) fn derive(&self, purpose: &[u8]) -> SecretKey {
        hkdf_sha256(&[], self.0.as_ref(), purpose)
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

/// A key that seals and opens envelopes; its bytes never leave this module.
pub(crate) struct SealingKey(LessSafeKey);

impl SealingKey {
    /// The key a passphrase gives for `purpose`: `stretch` with `salt`, then HKDF to
    /// the purpose.
    pub(crate) fn from_passphrase(
        passphrase: &str,
        salt: &[u8],
        stretch: slots::Stretch,
        purpose: &[u8],
    ) -> Result<Self> {
        Ok(SealingKey(
            stretch.derive(passphrase, salt)?.derive(purpose).aead_key(),
        ))
    }

    /// Seals `plaintext` with a fresh random nonce, bound to `aad`.
    pub(crate) fn seal(&self, aad: &Aad, plaintext: &[u8]) -> Result<Vec<u8>> {
        seal(&self.0, aad, plaintext)
    }

    /// Opens an envelope sealed with this key and `aad`; `None` when it does not
    /// authenticate or is malformed.
    pub(crate) fn open(&self, aad: &Aad, envelope: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        open(&self.0, aad, envelope)
    }
}

impl std::fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealingKey(..)")
    }
}

/// Fills `buf` from the system's secure random generator.
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<()> {
    SystemRandom::new()
        .fill(buf)
        .map_err(|_| RespiteError::internal("the system random generator failed").into())
}

/// `N` random bytes.
pub(crate) fn random_array<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    fill_random(&mut out)?;
    Ok(out)
}

/// Associated data: an unambiguous, length-prefixed list of fields.
///
/// The first field is always a namespace (`respite/record`, `respite/slot`, ...), so a
/// value sealed for one purpose never opens as another.
pub(crate) struct Aad(Vec<u8>);

impl Aad {
    /// Starts associated data in `namespace`.
    pub(crate) fn new(namespace: &str) -> Self {
        Aad(Vec::with_capacity(96)).field(namespace.as_bytes())
    }

    /// Appends one field.
    pub(crate) fn field(mut self, bytes: &[u8]) -> Self {
        self.0
            .extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        self.0.extend_from_slice(bytes);
        self
    }
}

/// Seals `plaintext` under `key` with a fresh random nonce.
pub(in crate::crypto) fn seal(key: &LessSafeKey, aad: &Aad, plaintext: &[u8]) -> Result<Vec<u8>> {
    let nonce_bytes = random_array::<NONCE_LEN>()?;
    let mut out = Vec::with_capacity(plaintext.len() + ENVELOPE_OVERHEAD);
    out.push(ALG_AES_256_GCM);
    out.extend_from_slice(&nonce_bytes);
    out.extend_from_slice(plaintext);
    let bound_aad = aead::Aad::from(aad_with_alg(aad, ALG_AES_256_GCM));
    let tag = key
        .seal_in_place_separate_tag(
            Nonce::assume_unique_for_key(nonce_bytes),
            bound_aad,
            &mut out[1 + NONCE_LEN..],
        )
        .map_err(|_| RespiteError::internal("sealing failed"))?;
    out.extend_from_slice(tag.as_ref());
    Ok(out)
}

/// Opens an envelope made by [`seal`] with the same key and associated data.
///
/// Returns `None` when the envelope is malformed, uses an unknown algorithm, or does
/// not authenticate (wrong key, tampered bytes, or sealed for another place).
pub(in crate::crypto) fn open(
    key: &LessSafeKey,
    aad: &Aad,
    envelope: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    if envelope.len() < ENVELOPE_OVERHEAD || envelope[0] != ALG_AES_256_GCM {
        return None;
    }
    let nonce = Nonce::try_assume_unique_for_key(&envelope[1..1 + NONCE_LEN]).ok()?;
    let mut buf = Zeroizing::new(envelope[1 + NONCE_LEN..].to_vec());
    let bound_aad = aead::Aad::from(aad_with_alg(aad, ALG_AES_256_GCM));
    let len = key.open_in_place(nonce, bound_aad, &mut buf).ok()?.len();
    buf.truncate(len);
    Some(buf)
}

fn aad_with_alg(aad: &Aad, alg: u8) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(aad.0.len() + 5);
    bytes.extend_from_slice(&1u32.to_be_bytes());
    bytes.push(alg);
    bytes.extend_from_slice(&aad.0);
    bytes
}

/// PBKDF2-HMAC-SHA256 of `passphrase` into a key-encryption key.
pub(in crate::crypto) fn pbkdf2_sha256(
    passphrase: &[u8],
    salt: &[u8],
    iterations: NonZeroU32,
) -> SecretKey {
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    pbkdf2::derive(
        pbkdf2::PBKDF2_HMAC_SHA256,
        iterations,
        salt,
        passphrase,
        out.as_mut(),
    );
    SecretKey(out)
}

/// HKDF-SHA256 (extract and expand) of high-entropy `ikm` into a key.
pub(in crate::crypto) fn hkdf_sha256(salt: &[u8], ikm: &[u8], info: &[u8]) -> SecretKey {
    struct Len;
    impl hkdf::KeyType for Len {
        fn len(&self) -> usize {
            KEY_LEN
        }
    }
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(ikm);
    let info = [info];
    let okm = prk
        .expand(&info, Len)
        .expect("HKDF output of 32 bytes is always valid");
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    okm.fill(out.as_mut())
        .expect("HKDF output of 32 bytes is always valid");
    SecretKey(out)
}

/// Lowercase hex of `bytes`.
pub(crate) fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 0xf) as usize] as char);
    }
    out
}

/// Bytes from hex (either case); `None` when malformed.
pub(crate) fn from_hex(text: &str) -> Option<Vec<u8>> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    if bytes.len() % 2 != 0 {
        return None;
    }
    bytes
        .chunks(2)
        .map(|pair| Some(nibble(pair[0])? << 4 | nibble(pair[1])?))
        .collect()
}

/// Wipes a byte buffer that held secret material.
pub(crate) fn wipe(buf: &mut Vec<u8>) {
    buf.zeroize();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> LessSafeKey {
        SecretKey::generate().unwrap().aead_key()
    }

    #[test]
    fn seal_then_open_round_trips() {
        let k = key();
        let aad = Aad::new("test").field(b"a");
        let env = seal(&k, &aad, b"hello").unwrap();
        assert_eq!(env.len(), 5 + ENVELOPE_OVERHEAD);
        assert_eq!(&open(&k, &aad, &env).unwrap()[..], b"hello");
    }

    #[test]
    fn each_seal_uses_a_fresh_nonce() {
        let k = key();
        let aad = Aad::new("test");
        assert_ne!(seal(&k, &aad, b"x").unwrap(), seal(&k, &aad, b"x").unwrap());
    }

    #[test]
    fn open_refuses_other_context_key_or_any_flipped_byte() {
        let k = key();
        let aad = Aad::new("test").field(b"a");
        let env = seal(&k, &aad, b"hello").unwrap();
        assert!(open(&k, &Aad::new("test").field(b"b"), &env).is_none());
        assert!(open(&k, &Aad::new("other").field(b"a"), &env).is_none());
        assert!(open(&key(), &aad, &env).is_none());
        for i in 0..env.len() {
            let mut bad = env.clone();
            bad[i] ^= 0x01;
            assert!(open(&k, &aad, &bad).is_none(), "byte {i}");
        }
        assert!(open(&k, &aad, &env[..env.len() - 1]).is_none());
        assert!(open(&k, &aad, &[]).is_none());
    }

    #[test]
    fn aad_fields_are_unambiguous() {
        let a = Aad::new("n").field(b"ab").field(b"c");
        let b = Aad::new("n").field(b"a").field(b"bc");
        assert_ne!(a.0, b.0);
    }

    #[test]
    fn kdfs_match_published_vectors() {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256("passwd", "salt", c=1, dkLen=64).
        let k = pbkdf2_sha256(b"passwd", b"salt", NonZeroU32::new(1).unwrap());
        assert_eq!(
            to_hex(k.expose()),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        );
        // RFC 5869 test case 1 (first 32 bytes of OKM).
        let ikm = [0x0bu8; 22];
        let salt = from_hex("000102030405060708090a0b0c").unwrap();
        let info = from_hex("f0f1f2f3f4f5f6f7f8f9").unwrap();
        let k = hkdf_sha256(&salt, &ikm, &info);
        assert_eq!(
            to_hex(k.expose()),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
        );
    }

    #[test]
    fn hex_round_trips_and_rejects_garbage() {
        assert_eq!(
            from_hex(&to_hex(&[0, 1, 254, 255])).unwrap(),
            vec![0, 1, 254, 255]
        );
        assert!(from_hex("abc").is_none());
        assert!(from_hex("zz").is_none());
    }
}
