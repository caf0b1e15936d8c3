//! Instants, local moments and the day a record belongs to.
//!
//! Instants cross the FFI as [`Timestamp`] (`java.time.Instant` in Kotlin, `Date` in
//! Swift). Shells know the device's time zone, so every record is written with a
//! [`LocalMoment`]: the instant plus the UTC offset in force at that instant. The
//! core derives the local day from it and stores both.

pub(crate) mod zones;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use std::time::SystemTime;

use crate::error::internal::Result;
use crate::error::RespiteError;

/// An instant in UTC.
pub type Timestamp = DateTime<Utc>;

uniffi::custom_type!(Timestamp, SystemTime, {
    remote,
    lower: |instant| SystemTime::from(instant),
    // Lifted as the public error, so a bad instant is InvalidInput on the foreign side.
    try_lift: |system_time| Ok(timestamp_from_system_time(system_time).map_err(RespiteError::from)?),
});

/// Converts an instant from a shell, refusing ones beyond chrono's range
/// (about ±262,000 years) instead of panicking.
fn timestamp_from_system_time(system_time: SystemTime) -> Result<Timestamp> {
    let (secs, nanos) = match system_time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => (i64::try_from(after.as_secs()).ok(), after.subsec_nanos()),
        Err(before) => {
            let before = before.duration();
            let secs = i64::try_from(before.as_secs()).ok().map(|s| -s);
            match before.subsec_nanos() {
                0 => (secs, 0),
                n => (secs.and_then(|s| s.checked_sub(1)), 1_000_000_000 - n),
            }
        }
    };
    secs.and_then(|s| DateTime::from_timestamp(s, nanos))
        .ok_or_else(|| RespiteError::invalid("timestamp", "instant is out of range").into())
}

/// The largest UTC offset accepted, in minutes (ISO 8601 allows ±18:00).
const MAX_OFFSET_MINUTES: i32 = 18 * 60;

/// An instant together with the UTC offset of the device's clock at that instant.
/// Stored (sealed) as `{"at": milliseconds since the epoch, "utc_offset_minutes": n}`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, uniffi::Record,
)]
pub struct LocalMoment {
    /// When it happened.
    #[serde(with = "millis")]
    pub at: Timestamp,
    /// The local UTC offset at `at`, in minutes (e.g. 60 for UTC+01:00).
    pub utc_offset_minutes: i32,
}

impl LocalMoment {
    /// Checks the offset is a real one and the instant is within years 1900–9999.
    pub(crate) fn validate(&self, field: &str) -> Result<()> {
        if self.utc_offset_minutes.abs() > MAX_OFFSET_MINUTES {
            return Err(RespiteError::invalid(
                field,
                "UTC offset must be between -18:00 and +18:00",
            )
            .into());
        }
        if !(1900..=9999).contains(&self.local().year()) {
            return Err(RespiteError::invalid(
                field,
                "date must be between the years 1900 and 9999",
            )
            .into());
        }
        Ok(())
    }

    /// The instant as wall-clock time at its offset.
    pub(crate) fn local(&self) -> DateTime<FixedOffset> {
        let offset = FixedOffset::east_opt(self.utc_offset_minutes * 60)
            .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
        offset.from_utc_datetime(&self.at.naive_utc())
    }

    /// The local day this moment belongs to when a new day starts at `day_start_hour`
    /// (0 = midnight; 4 means 03:59 still counts as the previous day).
    pub(crate) fn local_day(&self, day_start_hour: u8) -> NaiveDate {
        (self.local() - Duration::hours(i64::from(day_start_hour))).date_naive()
    }
}

/// Serde for instants as whole milliseconds since the epoch.
mod millis {
    use super::{from_millis, to_millis, Timestamp};
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(to_millis(*t))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        from_millis(i64::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// Milliseconds since the Unix epoch, as stored in plaintext metadata columns.
pub(crate) fn to_millis(instant: Timestamp) -> i64 {
    instant.timestamp_millis()
}

/// The instant for stored milliseconds; out-of-range values count as damage.
pub(crate) fn from_millis(millis: i64) -> Result<Timestamp> {
    DateTime::from_timestamp_millis(millis)
        .ok_or_else(|| RespiteError::integrity("a stored time is out of range").into())
}

/// Now, truncated to whole milliseconds so it survives a store-and-load round trip.
pub(crate) fn now() -> Timestamp {
    from_millis(to_millis(Utc::now())).unwrap_or_else(|_| Utc::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moment(rfc3339: &str) -> LocalMoment {
        let local = DateTime::parse_from_rfc3339(rfc3339).unwrap();
        LocalMoment {
            at: local.with_timezone(&Utc),
            utc_offset_minutes: local.offset().local_minus_utc() / 60,
        }
    }

    #[test]
    fn local_day_uses_the_offset_not_utc() {
        // 23:30 in New York is already the next day in UTC.
        let m = moment("2026-03-07T23:30:00-05:00");
        assert_eq!(m.local_day(0).to_string(), "2026-03-07");
        // 00:30 in Berlin is still the previous day in UTC.
        let m = moment("2026-03-08T00:30:00+01:00");
        assert_eq!(m.local_day(0).to_string(), "2026-03-08");
    }

    #[test]
    fn day_start_hour_keeps_a_late_night_on_the_previous_day() {
        let m = moment("2026-03-08T03:59:00+01:00");
        assert_eq!(m.local_day(4).to_string(), "2026-03-07");
        let m = moment("2026-03-08T04:00:00+01:00");
        assert_eq!(m.local_day(4).to_string(), "2026-03-08");
    }

    #[test]
    fn validation_refuses_impossible_offsets_and_years() {
        let mut m = moment("2026-03-08T10:00:00+01:00");
        assert!(m.validate("at").is_ok());
        m.utc_offset_minutes = 19 * 60;
        assert!(matches!(
            m.validate("at"),
            Err(crate::error::internal::Error::Public(
                RespiteError::InvalidInput { .. }
            ))
        ));
        let m = moment("1800-01-01T10:00:00+00:00");
        assert!(m.validate("at").is_err());
    }

    #[test]
    fn instants_from_shells_convert_exactly_or_are_refused() {
        use std::time::Duration;
        let epoch = SystemTime::UNIX_EPOCH;
        for st in [
            epoch,
            epoch + Duration::new(1_700_000_000, 123_456_789),
            epoch - Duration::new(86_400, 1),
        ] {
            assert_eq!(
                SystemTime::from(timestamp_from_system_time(st).unwrap()),
                st
            );
        }
        let far = Duration::from_secs(400_000 * 366 * 86_400);
        assert!(timestamp_from_system_time(epoch + far).is_err());
        assert!(timestamp_from_system_time(epoch - far).is_err());
    }

    #[test]
    fn millis_round_trip() {
        let t = now();
        assert_eq!(from_millis(to_millis(t)).unwrap(), t);
        assert!(from_millis(i64::MAX).is_err());
    }
}
