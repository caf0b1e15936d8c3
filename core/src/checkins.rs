//! Mood and recovery check-ins: quick, any time of day, every field optional.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::content::catalogue::{self, CheckInContext, LabelKind, StressZone};
use crate::crypto::keys::VaultKeys;
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::store::sealed::{self, DamagedRecord, DayRange, Opened, Placement, StoredRow};
use crate::store::settings;
use crate::store::Store;
use crate::time::{self, LocalMoment, Timestamp};
use crate::validate;

pub(crate) const TABLE: &str = "checkins";

/// The most sleep hours accepted.
const MAX_SLEEP_HOURS: f64 = 24.0;

/// What a check-in records. Only the moment is required; at least one other field
/// must be given.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CheckInData {
    /// When, with the local UTC offset then.
    pub moment: LocalMoment,
    /// How pleasant, from -1 (very unpleasant) to 1 (very pleasant).
    #[uniffi(default)]
    pub pleasantness: Option<f64>,
    /// How much energy, from 0 (depleted) to 1 (highly energised).
    #[uniffi(default)]
    pub energy: Option<f64>,
    /// Emotion ids from the catalogue.
    #[uniffi(default)]
    pub emotions: Vec<String>,
    /// Where on the stress continuum.
    #[uniffi(default)]
    pub stress_zone: Option<StressZone>,
    /// Self-rated burnout, 1–5 (wording in the catalogue).
    #[uniffi(default)]
    pub burnout: Option<u8>,
    /// Hours slept last night, 0–24.
    #[uniffi(default)]
    pub sleep_hours: Option<f64>,
    /// Sleep quality, 1–5.
    #[uniffi(default)]
    pub sleep_quality: Option<u8>,
    /// Recovery: mentally leaving work behind, 1–5.
    #[uniffi(default)]
    pub detachment: Option<u8>,
    /// Recovery: unhurried, restful time, 1–5.
    #[uniffi(default)]
    pub relaxation: Option<u8>,
    /// Recovery: growth or a good challenge outside work, 1–5.
    #[uniffi(default)]
    pub mastery: Option<u8>,
    /// Recovery: free time shaped on one's own terms, 1–5.
    #[uniffi(default)]
    pub control: Option<u8>,
    /// How much work thoughts intruded, 0–4.
    #[uniffi(default)]
    pub work_intrusion: Option<u8>,
    /// Compassion satisfaction: how worthwhile the work felt today, 1–5 (the
    /// statement in the catalogue, answered on the recovery scale).
    #[uniffi(default)]
    pub worthwhile: Option<u8>,
    /// Practices done (practice ids).
    #[uniffi(default)]
    pub practices: Vec<String>,
    /// Workday, transition or home.
    #[uniffi(default)]
    pub context: Option<CheckInContext>,
    /// A short note.
    #[uniffi(default)]
    pub note: Option<String>,
    /// Whether this is the evening check (how much work followed me home).
    #[uniffi(default)]
    pub evening_check: bool,
    /// The transition entry of the same day, for an evening check.
    #[uniffi(default)]
    pub linked_transition: Option<String>,
}

/// A check-in as it is sealed: the fields of [`CheckInData`] under their stored names,
/// a type of its own so the exported shape can change without changing the format
/// (pinned by `tests/fixtures/sealed-json/checkin.json`).
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredCheckIn {
    moment: LocalMoment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pleasantness: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    energy: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    emotions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stress_zone: Option<StressZone>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    burnout: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sleep_hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sleep_quality: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    detachment: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    relaxation: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mastery: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    control: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    work_intrusion: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    worthwhile: Option<u8>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    practices: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    context: Option<CheckInContext>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    evening_check: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    linked_transition: Option<String>,
}

impl From<CheckInData> for StoredCheckIn {
    fn from(d: CheckInData) -> Self {
        StoredCheckIn {
            moment: d.moment,
            pleasantness: d.pleasantness,
            energy: d.energy,
            emotions: d.emotions,
            stress_zone: d.stress_zone,
            burnout: d.burnout,
            sleep_hours: d.sleep_hours,
            sleep_quality: d.sleep_quality,
            detachment: d.detachment,
            relaxation: d.relaxation,
            mastery: d.mastery,
            control: d.control,
            work_intrusion: d.work_intrusion,
            worthwhile: d.worthwhile,
            practices: d.practices,
            context: d.context,
            note: d.note,
            evening_check: d.evening_check,
            linked_transition: d.linked_transition,
        }
    }
}

impl From<StoredCheckIn> for CheckInData {
    fn from(s: StoredCheckIn) -> Self {
        CheckInData {
            moment: s.moment,
            pleasantness: s.pleasantness,
            energy: s.energy,
            emotions: s.emotions,
            stress_zone: s.stress_zone,
            burnout: s.burnout,
            sleep_hours: s.sleep_hours,
            sleep_quality: s.sleep_quality,
            detachment: s.detachment,
            relaxation: s.relaxation,
            mastery: s.mastery,
            control: s.control,
            work_intrusion: s.work_intrusion,
            worthwhile: s.worthwhile,
            practices: s.practices,
            context: s.context,
            note: s.note,
            evening_check: s.evening_check,
            linked_transition: s.linked_transition,
        }
    }
}

impl CheckInData {
    /// Every value out of its range, each an `InvalidInput` naming its field, in the
    /// order of the form: what saving would refuse, and what a capture screen hints at.
    pub(crate) fn problems(&self) -> Vec<crate::error::internal::Error> {
        let mut checks = vec![
            validate::number("pleasantness", self.pleasantness, -1.0, 1.0),
            validate::number("energy", self.energy, 0.0, 1.0),
            validate::number("sleep_hours", self.sleep_hours, 0.0, MAX_SLEEP_HOURS),
            validate::scale("burnout", self.burnout, 1, 5),
            validate::scale("sleep_quality", self.sleep_quality, 1, 5),
        ];
        for (field, value) in [
            ("detachment", self.detachment),
            ("relaxation", self.relaxation),
            ("mastery", self.mastery),
            ("control", self.control),
            ("worthwhile", self.worthwhile),
        ] {
            checks.push(validate::scale(field, value, 1, 5));
        }
        checks.push(validate::scale("work_intrusion", self.work_intrusion, 0, 4));
        if let Some(note) = &self.note {
            checks.push(validate::check_text(
                "note",
                note,
                validate::MAX_TEXT_CHARS,
                true,
            ));
        }
        checks.into_iter().filter_map(|c| c.err()).collect()
    }

    /// Whether it holds any value at all (its moment, context and links aside).
    pub(crate) fn has_values(&self) -> bool {
        let values = CheckInData {
            context: None,
            evening_check: false,
            linked_transition: None,
            note: self.note.clone().filter(|n| !n.trim().is_empty()),
            ..self.clone()
        };
        values != CheckInData::new(self.moment)
    }

    /// Checks every field and returns the data in stored form.
    pub(crate) fn validated(self) -> Result<Self> {
        self.moment.validate("moment")?;
        if let Some(problem) = self.problems().into_iter().next() {
            return Err(problem);
        }
        let note = match self.note {
            Some(note) => Some(validate::long_text("note", note)?).filter(|n| !n.trim().is_empty()),
            None => None,
        };
        let data = CheckInData {
            moment: LocalMoment {
                at: time::from_millis(time::to_millis(self.moment.at))?,
                ..self.moment
            },
            emotions: catalogue::label_ids("emotions", self.emotions, LabelKind::Emotion)?,
            practices: validate::practice_ids("practices", self.practices)?,
            note,
            ..self
        };
        if let Some(id) = &data.linked_transition {
            sealed::check_id(id)?;
        }
        if !data.has_values() {
            return Err(
                RespiteError::invalid("check_in", "a check-in needs at least one value").into(),
            );
        }
        Ok(data)
    }

    /// A check-in with nothing but its moment, to fill in with struct update syntax:
    /// `CheckInData { energy: Some(0.4), ..CheckInData::new(moment) }`.
    pub fn new(moment: LocalMoment) -> Self {
        CheckInData {
            moment,
            pleasantness: None,
            energy: None,
            emotions: Vec::new(),
            stress_zone: None,
            burnout: None,
            sleep_hours: None,
            sleep_quality: None,
            detachment: None,
            relaxation: None,
            mastery: None,
            control: None,
            work_intrusion: None,
            worthwhile: None,
            practices: Vec::new(),
            context: None,
            note: None,
            evening_check: false,
            linked_transition: None,
        }
    }
}

/// A stored check-in.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CheckIn {
    /// Random identifier.
    pub id: String,
    /// The local day it belongs to, `YYYY-MM-DD`.
    pub local_day: String,
    /// Revision number, raised by every update.
    pub revision: u32,
    /// When this revision was saved.
    pub updated_at: Timestamp,
    /// What was recorded.
    pub data: CheckInData,
}

/// One page of check-ins, newest first.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CheckInPage {
    /// The check-ins that opened.
    pub checkins: Vec<CheckIn>,
    /// Check-ins on this page that could not be opened.
    pub damaged: Vec<DamagedRecord>,
    /// Whether there are check-ins after this page.
    pub has_more: bool,
}

/// The sealed bytes of `data`.
pub(crate) fn encode(data: &CheckInData) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    sealed::encode(&StoredCheckIn::from(data.clone()))
}

/// Every check-in on `days`, oldest first, and those that did not open.
pub(crate) fn all_in(
    conn: &Connection,
    keys: &VaultKeys,
    days: &DayRange,
) -> Result<Opened<CheckIn>> {
    sealed::open_all(conn, TABLE, days, |row| open_row(row, keys))
}

/// Calls `each` with every check-in on `days`, oldest first, one at a time; returns
/// those that did not open.
pub(crate) fn each_in(
    conn: &Connection,
    keys: &VaultKeys,
    days: &DayRange,
    each: &mut dyn FnMut(CheckIn) -> Result<()>,
) -> Result<Vec<DamagedRecord>> {
    sealed::open_each(conn, TABLE, days, |row| open_row(row, keys), each)
}

/// Opens a stored check-in row.
pub(crate) fn open_row(row: &StoredRow, keys: &VaultKeys) -> Result<CheckIn> {
    let stored: StoredCheckIn = row.place(TABLE).open(keys, &row.sealed)?;
    checkin_of(row, stored.into())
}

/// The check-in that `row` holds with `data`.
fn checkin_of(row: &StoredRow, data: CheckInData) -> Result<CheckIn> {
    Ok(CheckIn {
        id: row.id.clone(),
        local_day: row.day.clone(),
        revision: row.revision,
        updated_at: time::from_millis(row.updated_at)?,
        data,
    })
}

/// Records a check-in and returns it.
pub(crate) fn add(store: &Store, data: CheckInData) -> Result<CheckIn> {
    let data = data.validated()?;
    let keys = store.keys()?;
    let conn = store.conn();
    let at = Placement::of(&data.moment, settings::load(&conn, &keys)?.day_start_hour);
    let plain = encode(&data)?;
    let row = sealed::write_new(&conn, &keys, TABLE, sealed::new_id()?, at, &plain)?;
    checkin_of(&row, data)
}

/// A check-in by id.
pub(crate) fn get(store: &Store, id: String) -> Result<CheckIn> {
    sealed::check_id(&id)?;
    let keys = store.keys()?;
    let row = sealed::select(&store.conn(), TABLE, &id)?.ok_or_else(not_found)?;
    open_row(&row, &keys)
}

/// Check-ins on local days `from_day..=to_day` (`YYYY-MM-DD`, each optional),
/// newest first. `limit` is between 1 and 1,000.
pub(crate) fn list(
    store: &Store,
    from_day: Option<String>,
    to_day: Option<String>,
    offset: u32,
    limit: u32,
) -> Result<CheckInPage> {
    sealed::check_limit(limit)?;
    let days = DayRange::new(from_day.as_deref(), to_day.as_deref())?;
    let keys = store.keys()?;
    let rows = sealed::list(&store.conn(), TABLE, &days, offset, limit + 1)?;
    let page = sealed::open_page(rows, limit, |row| open_row(row, &keys));
    Ok(CheckInPage {
        checkins: page.items,
        damaged: page.damaged,
        has_more: page.has_more,
    })
}

/// How many check-ins there are.
pub(crate) fn count(store: &Store) -> Result<u64> {
    store.keys()?;
    sealed::count(&store.conn(), TABLE)
}

/// Replaces a check-in's data (a correction), raising its revision.
pub(crate) fn update(store: &Store, id: String, data: CheckInData) -> Result<CheckIn> {
    sealed::check_id(&id)?;
    let data = data.validated()?;
    let keys = store.keys()?;
    let mut conn = store.conn();
    let tx = conn.transaction()?;
    let current = sealed::select(&tx, TABLE, &id)?.ok_or_else(not_found)?;
    if open_row(&current, &keys)?.data == data {
        return Err(RespiteError::invalid("update", "nothing to change").into());
    }
    let at = Placement::of(&data.moment, settings::load(&tx, &keys)?.day_start_hour);
    let plain = encode(&data)?;
    let row = sealed::write_next(&tx, &keys, TABLE, &current, at, &plain)?;
    tx.commit()?;
    checkin_of(&row, data)
}

/// Deletes a check-in for good.
pub(crate) fn delete(store: &Store, id: &str) -> Result<()> {
    sealed::check_id(id)?;
    if !store.delete_record(TABLE, id)? {
        return Err(not_found().into());
    }
    Ok(())
}

fn not_found() -> RespiteError {
    RespiteError::NotFound {
        what: "no check-in with that id".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkin_seals_as_frozen() {
        let data = CheckInData {
            moment: LocalMoment {
                at: time::from_millis(1_777_910_400_000).unwrap(),
                utc_offset_minutes: 120,
            },
            pleasantness: Some(0.25),
            energy: Some(0.75),
            emotions: vec!["calm".to_owned()],
            stress_zone: Some(StressZone::Reacting),
            burnout: Some(2),
            sleep_hours: Some(7.5),
            sleep_quality: Some(4),
            detachment: Some(3),
            relaxation: Some(4),
            mastery: Some(2),
            control: Some(5),
            work_intrusion: Some(1),
            worthwhile: None,
            practices: vec!["evening-walk".to_owned()],
            context: Some(CheckInContext::Home),
            note: Some("A slow evening".to_owned()),
            evening_check: true,
            linked_transition: Some("0123456789abcdef0123456789abcdef".to_owned()),
        };
        sealed::assert_frozen("checkin", &StoredCheckIn::from(data.validated().unwrap()));
    }
}
