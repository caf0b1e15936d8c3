//! Sealed rows: record ids, the associated data that pins a ciphertext to its row, and
//! the report of records that failed to open.

use ring::aead::LessSafeKey;
use serde::{de::DeserializeOwned, Serialize};

use crate::crypto::{self, Aad};
use crate::db::FORMAT_VERSION;
use crate::error::{RespiteError, Result};

/// Length of a record id: 16 random bytes as lowercase hex.
const ID_LEN: usize = 32;

/// A record that is stored but could not be opened (tampered, moved, or damaged).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DamagedRecord {
    /// The record's id.
    pub id: String,
    /// What is wrong, in fixed wording that carries no content.
    pub reason: String,
}

/// The place a sealed value belongs to: table, record id and revision.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowRef<'a> {
    pub(crate) table: &'static str,
    pub(crate) id: &'a str,
    pub(crate) revision: u32,
}

impl RowRef<'_> {
    fn aad(&self) -> Aad {
        Aad::new("respite/record")
            .field(&FORMAT_VERSION.to_be_bytes())
            .field(self.table.as_bytes())
            .field(self.id.as_bytes())
            .field(&u64::from(self.revision).to_be_bytes())
    }

    /// Serialises `payload` and seals it for this row.
    pub(crate) fn seal<T: Serialize>(&self, key: &LessSafeKey, payload: &T) -> Result<Vec<u8>> {
        let mut plain = serde_json::to_vec(payload).map_err(|_| RespiteError::Storage {
            detail: "could not encode a record".to_owned(),
        })?;
        let sealed = crypto::seal(key, &self.aad(), &plain);
        crypto::wipe(&mut plain);
        sealed
    }

    /// Opens a value sealed for this row; any failure is reported as damage.
    pub(crate) fn open<T: DeserializeOwned>(&self, key: &LessSafeKey, sealed: &[u8]) -> Result<T> {
        let plain = crypto::open(key, &self.aad(), sealed).ok_or_else(|| self.damaged())?;
        serde_json::from_slice(&plain).map_err(|_| self.damaged())
    }

    fn damaged(&self) -> RespiteError {
        RespiteError::integrity(format!("record {} could not be opened", self.id))
    }
}

/// A new random record id.
pub(crate) fn new_id() -> Result<String> {
    Ok(crypto::to_hex(&crypto::random_array::<16>()?))
}

/// Checks that `id` has the form of a record id before it is used in a query.
pub(crate) fn check_id(id: &str) -> Result<()> {
    let well_formed = id.len() == ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if well_formed {
        Ok(())
    } else {
        Err(RespiteError::invalid(
            "id",
            "not a record id (32 lowercase hexadecimal characters)",
        ))
    }
}

/// The entry of the damaged list for a record that failed with `err`.
pub(crate) fn damaged(id: String, err: &RespiteError) -> DamagedRecord {
    let reason = match err {
        RespiteError::Integrity { .. } => "its sealed data does not authenticate".to_owned(),
        other => other.to_string(),
    };
    DamagedRecord { id, reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::SecretKey;

    #[test]
    fn a_sealed_row_opens_only_in_its_place() {
        let key = SecretKey::generate().unwrap().aead_key();
        let id = new_id().unwrap();
        let here = RowRef {
            table: "t",
            id: &id,
            revision: 2,
        };
        let sealed = here.seal(&key, &"payload").unwrap();
        assert_eq!(here.open::<String>(&key, &sealed).unwrap(), "payload");
        let other_id = new_id().unwrap();
        for elsewhere in [
            RowRef {
                revision: 1,
                ..here
            },
            RowRef { table: "u", ..here },
            RowRef {
                id: &other_id,
                ..here
            },
        ] {
            assert!(matches!(
                elsewhere.open::<String>(&key, &sealed),
                Err(RespiteError::Integrity { .. })
            ));
        }
    }

    #[test]
    fn ids_are_checked_before_use() {
        assert!(check_id(&new_id().unwrap()).is_ok());
        assert!(check_id("").is_err());
        assert!(check_id(&"A".repeat(32)).is_err());
        assert!(check_id("1 OR 1=1").is_err());
    }
}
