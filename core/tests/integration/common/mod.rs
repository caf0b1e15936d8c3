//! Helpers shared by the integration tests.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use respite_core::{
    CheckInContext, CheckInData, DeviceKeyStore, JournalDraft, JournalKind, LocalMoment,
    RespiteError, StressZone, Vault, MIN_KDF_ITERATIONS,
};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use ring::rand::{SecureRandom, SystemRandom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The passphrase of test vaults.
pub const PASSPHRASE: &str = "a quiet harbour at dusk";

/// The vault's passphrase, asked for again before its key slots change.
pub fn current() -> respite_core::CurrentSecret {
    respite_core::CurrentSecret::Passphrase {
        passphrase: PASSPHRASE.into(),
    }
}

/// A fresh directory and a vault path inside it.
pub fn vault_path() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.db");
    (dir, path)
}

/// Creates an unlocked vault at the KDF floor, to keep tests quick.
pub fn new_vault(path: &Path) -> Arc<Vault> {
    Vault::create(path_str(path), PASSPHRASE.into(), Some(MIN_KDF_ITERATIONS)).unwrap()
}

pub fn path_str(path: &Path) -> String {
    path.to_str().unwrap().to_owned()
}

/// A local moment from RFC 3339 text, keeping its offset.
pub fn moment(rfc3339: &str) -> LocalMoment {
    let t = DateTime::parse_from_rfc3339(rfc3339).unwrap();
    LocalMoment {
        at: t.with_timezone(&Utc),
        utc_offset_minutes: t.offset().local_minus_utc() / 60,
    }
}

pub fn draft(body: &str, at: &str) -> JournalDraft {
    JournalDraft {
        kind: JournalKind::Free,
        title: None,
        body: body.into(),
        tags: vec![],
        moment: moment(at),
        practice_ids: vec![],
        reflection: None,
    }
}

/// A check-in with every field given.
pub fn full_checkin(at: &str) -> CheckInData {
    CheckInData {
        pleasantness: Some(-0.4),
        energy: Some(0.25),
        emotions: vec!["drained".into(), "on-edge".into()],
        stress_zone: Some(StressZone::Reacting),
        burnout: Some(3),
        sleep_hours: Some(6.5),
        sleep_quality: Some(2),
        detachment: Some(2),
        relaxation: Some(3),
        mastery: Some(1),
        control: Some(4),
        work_intrusion: Some(3),
        practices: vec!["evening-walk".into()],
        context: Some(CheckInContext::Home),
        note: Some("Long day. The walk helped a little.".into()),
        ..CheckInData::new(moment(at))
    }
}

/// Stands in for a platform key store: AES-256-GCM under a key held in memory,
/// output `nonce ‖ ciphertext ‖ tag` (what javax.crypto and CryptoKit produce too).
pub struct TestDeviceStore {
    key: LessSafeKey,
}

impl TestDeviceStore {
    pub fn new(key: [u8; 32]) -> Arc<Self> {
        Arc::new(TestDeviceStore {
            key: LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &key).unwrap()),
        })
    }

    pub fn random() -> Arc<Self> {
        let mut key = [0u8; 32];
        SystemRandom::new().fill(&mut key).unwrap();
        Self::new(key)
    }
}

impl DeviceKeyStore for TestDeviceStore {
    fn seal(&self, plaintext: Vec<u8>) -> Result<Vec<u8>, RespiteError> {
        let mut nonce = [0u8; 12];
        SystemRandom::new().fill(&mut nonce).unwrap();
        let mut buf = plaintext;
        self.key
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut buf)
            .unwrap();
        Ok([nonce.to_vec(), buf].concat())
    }

    fn open(&self, sealed: Vec<u8>) -> Result<Vec<u8>, RespiteError> {
        let fail = || RespiteError::DeviceKey {
            reason: "key store could not open the secret".into(),
        };
        if sealed.len() < 12 {
            return Err(fail());
        }
        let nonce = Nonce::try_assume_unique_for_key(&sealed[..12]).map_err(|_| fail())?;
        let mut buf = sealed[12..].to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::empty(), &mut buf)
            .map_err(|_| fail())?;
        Ok(plain.to_vec())
    }
}

/// Every file that belongs to the vault at `path` and exists now.
pub fn vault_files(path: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|s| {
            let mut p = path.as_os_str().to_owned();
            p.push(s);
            PathBuf::from(p)
        })
        .filter(|p| p.exists())
        .collect()
}

/// Whether `needle` occurs in any of the vault's files.
pub fn found_in_vault_files(path: &Path, needle: &[u8]) -> bool {
    vault_files(path).iter().any(|f| {
        let bytes = std::fs::read(f).unwrap();
        bytes.windows(needle.len()).any(|w| w == needle)
    })
}

/// A direct connection to the vault file, for tampering.
pub fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

pub fn sealed_of(path: &Path, id: &str) -> Vec<u8> {
    raw(path)
        .query_row(
            "SELECT sealed FROM journal_entries WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

pub fn set_sealed(path: &Path, id: &str, sealed: &[u8]) {
    raw(path)
        .execute(
            "UPDATE journal_entries SET sealed = ?2 WHERE id = ?1",
            rusqlite::params![id, sealed],
        )
        .unwrap();
}
