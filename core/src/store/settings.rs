//! The vault's settings, sealed like every record.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::crypto::keys::VaultKeys;
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::store::sealed::{self, RowRef, StoredRow};
use crate::store::state;

pub(crate) const TABLE: &str = "settings";
/// The row of [`Settings`].
pub(crate) const VAULT: &str = "vault";
/// The row of the work schedule.
pub(crate) const SCHEDULE: &str = "schedule";
/// The row of remembered snoozes and skips.
pub(crate) const PROMPT_STATE: &str = "prompt-state";
/// The row of the identifier check's allow-list.
pub(crate) const ALLOW_LIST: &str = "privacy-allow-list";
/// The row of a plan text kept while it has a problem to fix.
pub(crate) const PLAN_DRAFT: &str = "plan-draft";
/// Every group of settings.
pub(crate) const GROUPS: [&str; 5] = [VAULT, SCHEDULE, PROMPT_STATE, ALLOW_LIST, PLAN_DRAFT];

/// Preferences that shape how records are kept.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct Settings {
    /// The hour (0–12) at which a new day starts, for people who work late or at
    /// night: with 4, a check-in at 03:30 belongs to the previous day. Applies to
    /// records written after it is changed; earlier records keep their day.
    pub day_start_hour: u8,
    /// The region (ISO 3166-1 alpha-2, such as `GB`) whose crisis line the safety
    /// response names when the plan names no professional help. Shells set it from
    /// the device's region; the person can change it. `None`: an international
    /// directory of lines.
    #[uniffi(default)]
    pub crisis_line_region: Option<String>,
    /// Whether the trends show "on this day": entries from the same date in earlier
    /// months and years. Off until the person turns it on.
    #[uniffi(default)]
    pub on_this_day: bool,
}

/// Settings as they are sealed, apart from the exported [`Settings`] so that its shape
/// can change without changing the format (pinned by `tests/fixtures/sealed-json/`).
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct StoredSettings {
    day_start_hour: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    crisis_line_region: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    on_this_day: bool,
}

impl From<&Settings> for StoredSettings {
    fn from(s: &Settings) -> Self {
        StoredSettings {
            day_start_hour: s.day_start_hour,
            crisis_line_region: s.crisis_line_region.clone(),
            on_this_day: s.on_this_day,
        }
    }
}

impl From<StoredSettings> for Settings {
    fn from(s: StoredSettings) -> Self {
        Settings {
            day_start_hour: s.day_start_hour,
            crisis_line_region: s.crisis_line_region,
            on_this_day: s.on_this_day,
        }
    }
}

impl Settings {
    fn validate(&self) -> Result<()> {
        if self.day_start_hour > 12 {
            return Err(RespiteError::invalid("day_start_hour", "must be between 0 and 12").into());
        }
        if let Some(region) = &self.crisis_line_region {
            if region.len() != 2 || !region.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(RespiteError::invalid(
                    "crisis_line_region",
                    "must be two capital letters, such as GB (ISO 3166-1 alpha-2)",
                )
                .into());
            }
        }
        Ok(())
    }
}

/// The stored settings, or the defaults when none were saved.
pub(crate) fn load(conn: &Connection, keys: &VaultKeys) -> Result<Settings> {
    let stored: Option<StoredSettings> = load_group(conn, keys, VAULT)?;
    Ok(stored.unwrap_or_default().into())
}

/// Validates and stores `settings`.
pub(crate) fn save(conn: &Connection, keys: &VaultKeys, settings: &Settings) -> Result<()> {
    settings.validate()?;
    save_group(conn, keys, VAULT, &StoredSettings::from(settings))
}

/// One sealed group of settings, if it was ever saved.
pub(crate) fn load_group<T: DeserializeOwned>(
    conn: &Connection,
    keys: &VaultKeys,
    id: &'static str,
) -> Result<Option<T>> {
    select_row(conn, id)?
        .map(|(revision, sealed)| place(id, revision).open(keys, &sealed))
        .transpose()
}

/// Seals and stores one group of settings, raising its revision.
pub(crate) fn save_group<T: Serialize>(
    conn: &Connection,
    keys: &VaultKeys,
    id: &'static str,
    value: &T,
) -> Result<()> {
    let current = select_row(conn, id)?;
    let revision = sealed::next_revision(current.as_ref().map_or(0, |(revision, _)| *revision))?;
    let sealed = place(id, revision).seal(keys, value)?;
    put_row(conn, keys, id, revision, sealed)
}

/// Stores one sealed settings row, replacing the one with the same id, and records
/// the change in the vault's state.
pub(crate) fn put_row(
    conn: &Connection,
    keys: &VaultKeys,
    id: &str,
    revision: u32,
    sealed: Vec<u8>,
) -> Result<()> {
    let row = |revision: u32, sealed: Vec<u8>| StoredRow {
        id: id.to_owned(),
        day: String::new(),
        occurred_at: 0,
        updated_at: 0,
        revision,
        sealed,
    };
    let replaced = select_row(conn, id)?.map(|(revision, sealed)| row(revision, sealed));
    let new = row(revision, sealed);
    let removed: Vec<&StoredRow> = replaced.iter().collect();
    state::atomically(conn, || {
        upsert_row(conn, id, revision, &new.sealed)?;
        state::record(conn, keys, TABLE, &removed, &[&new])
    })
}

/// Calls `f` with every settings row as a sealed row (no day or times).
pub(crate) fn each_row(
    conn: &Connection,
    f: &mut dyn FnMut(StoredRow) -> Result<()>,
) -> Result<()> {
    sealed::each_selected(
        conn,
        "SELECT id, '', 0, 0, revision, sealed FROM settings",
        [],
        f,
    )
}

/// The revision and sealed bytes of one settings row, if it exists.
pub(crate) fn select_row(conn: &Connection, id: &str) -> Result<Option<(u32, Vec<u8>)>> {
    Ok(conn
        .prepare_cached("SELECT revision, sealed FROM settings WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Writes one settings row, replacing the one with the same id.
fn upsert_row(conn: &Connection, id: &str, revision: u32, sealed: &[u8]) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (id, revision, sealed) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, sealed = excluded.sealed",
    )?
    .execute(params![id, revision, sealed])?;
    Ok(())
}

fn place(id: &'static str, revision: u32) -> RowRef<'static> {
    RowRef {
        table: TABLE,
        id,
        revision,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_seal_as_frozen() {
        let settings = Settings {
            day_start_hour: 4,
            crisis_line_region: None,
            on_this_day: false,
        };
        sealed::assert_frozen("settings", &StoredSettings::from(&settings));
    }
}
