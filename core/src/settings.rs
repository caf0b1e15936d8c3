//! The vault's settings, sealed like every record.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{RespiteError, Result};
use crate::records::RowRef;
use crate::vault::Keys;

const TABLE: &str = "settings";
const ID: &str = "vault";

/// Preferences that shape how records are kept.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, uniffi::Record)]
#[serde(default)]
pub struct Settings {
    /// The hour (0–12) at which a new day starts, for people who work late or at
    /// night: with 4, a check-in at 03:30 belongs to the previous day. Applies to
    /// records written after it is changed; earlier records keep their day.
    pub day_start_hour: u8,
}

impl Settings {
    fn validate(&self) -> Result<()> {
        if self.day_start_hour > 12 {
            return Err(RespiteError::invalid(
                "day_start_hour",
                "must be between 0 and 12",
            ));
        }
        Ok(())
    }
}

/// The stored settings, or the defaults when none were saved.
pub(crate) fn load(conn: &Connection, keys: &Keys) -> Result<Settings> {
    let row: Option<(u32, Vec<u8>)> = conn
        .prepare_cached("SELECT revision, sealed FROM settings WHERE id = ?1")?
        .query_row([ID], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match row {
        None => Ok(Settings::default()),
        Some((revision, sealed)) => place(revision).open(&keys.records, &sealed),
    }
}

/// Validates and stores `settings`.
pub(crate) fn save(conn: &Connection, keys: &Keys, settings: &Settings) -> Result<()> {
    settings.validate()?;
    let revision: u32 = conn
        .query_row("SELECT revision FROM settings WHERE id = ?1", [ID], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or(0)
        + 1;
    let sealed = place(revision).seal(&keys.records, settings)?;
    conn.execute(
        "INSERT INTO settings (id, revision, sealed) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, sealed = excluded.sealed",
        params![ID, revision, sealed],
    )?;
    Ok(())
}

fn place(revision: u32) -> RowRef<'static> {
    RowRef {
        table: TABLE,
        id: ID,
        revision,
    }
}
