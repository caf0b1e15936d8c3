//! IANA time zones, by their current rules.
//!
//! Prompts are computed for today and the weeks ahead, so each zone is described by
//! the POSIX TZ rule that its tz database file gives for the present and future (the
//! TZif footer, RFC 8536): a standard offset and, where clocks change, a daylight
//! offset with the rules for when it starts and ends. `time_zones.txt` holds the rule
//! of every zone name, followed, for the few zones whose changes no rule describes
//! (Morocco around Ramadan), by the offset changes listed from 2025 on;
//! `scripts/gen-time-zones.py` regenerates it from tzdata. This is about 20 KB, where
//! the full history of every zone would be megabytes. Dates before 2025 are not
//! supported.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};

const TABLE: &str = include_str!("time_zones.txt");

/// A time zone: its standard offset and, where clocks change, daylight time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Zone {
    /// Seconds east of UTC in standard time.
    std: i32,
    dst: Option<Daylight>,
    /// Listed offset changes (seconds since the epoch, seconds east of UTC), in time
    /// order; the rule applies from the last one on.
    changes: Vec<(i64, i32)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Daylight {
    /// Seconds east of UTC in daylight time.
    offset: i32,
    start: Rule,
    end: Rule,
}

/// A day of the year and a time on it (local time, may be negative or past 24 h).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rule {
    day: RuleDay,
    seconds: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleDay {
    /// `Mm.w.d`: day `d` (0 = Sunday) of week `w` (5 = last) of month `m`.
    MonthWeekDay(u32, u32, u32),
    /// `Jn`: day 1–365, February 29 never counted.
    Julian1(u32),
    /// `n`: day 0–365, February 29 counted.
    Julian0(u32),
}

impl Zone {
    /// The zone with this IANA name (exact, or ignoring case).
    pub(crate) fn named(name: &str) -> Option<Zone> {
        let name = name.trim();
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(' '))
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|(_, rest)| {
                let mut parts = rest.split(' ');
                let mut zone = parse(parts.next()?)?;
                for change in parts {
                    let (at, offset) = change.split_once(':')?;
                    zone.changes.push((at.parse().ok()?, offset.parse().ok()?));
                }
                Some(zone)
            })
    }

    /// Seconds east of UTC at `at`.
    pub(crate) fn offset_at(&self, at: DateTime<Utc>) -> i32 {
        let t = at.timestamp();
        if self.changes.last().is_some_and(|(last, _)| t < *last) {
            if let Some((_, offset)) = self.changes.iter().rev().find(|(from, _)| *from <= t) {
                return *offset;
            }
        }
        let Some(d) = self.dst else { return self.std };
        let year = (at + Duration::seconds(i64::from(self.std))).year();
        let start = d.start.instant(year, self.std);
        let end = d.end.instant(year, d.offset);
        let daylight = if start <= end {
            start <= at && at < end
        } else {
            at < end || start <= at
        };
        if daylight {
            d.offset
        } else {
            self.std
        }
    }

    /// Wall-clock time at `at`.
    pub(crate) fn local(&self, at: DateTime<Utc>) -> NaiveDateTime {
        at.naive_utc() + Duration::seconds(i64::from(self.offset_at(at)))
    }

    /// Every instant at which the wall clock shows `local`: one, two in a fold
    /// (earlier first), none in a gap.
    pub(crate) fn instants(&self, local: NaiveDateTime) -> Vec<DateTime<Utc>> {
        let mut offsets = vec![self.std];
        offsets.extend(self.dst.map(|d| d.offset));
        offsets.extend(self.changes.iter().map(|(_, o)| *o));
        offsets.sort_unstable();
        offsets.dedup();
        let mut found: Vec<DateTime<Utc>> = offsets
            .into_iter()
            .map(|offset| (local - Duration::seconds(i64::from(offset))).and_utc())
            .filter(|at| self.local(*at) == local)
            .collect();
        found.sort();
        found.dedup();
        found
    }
}

impl Rule {
    /// The instant the rule names in `year`, for a clock running at `offset`.
    fn instant(&self, year: i32, offset: i32) -> DateTime<Utc> {
        let date = self.date(year);
        let local = date.and_hms_opt(0, 0, 0).unwrap_or_default()
            + Duration::seconds(i64::from(self.seconds));
        (local - Duration::seconds(i64::from(offset))).and_utc()
    }

    fn date(&self, year: i32) -> NaiveDate {
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        match self.day {
            RuleDay::Julian0(n) => jan1 + Duration::days(i64::from(n)),
            RuleDay::Julian1(n) => {
                let leap = NaiveDate::from_ymd_opt(year, 2, 29).is_some();
                let n = if leap && n >= 60 { n } else { n - 1 };
                jan1 + Duration::days(i64::from(n))
            }
            RuleDay::MonthWeekDay(m, w, d) => {
                let first = NaiveDate::from_ymd_opt(year, m, 1).unwrap_or(jan1);
                let first_weekday = first.weekday().num_days_from_sunday();
                let mut day = 1 + (7 + d - first_weekday) % 7 + 7 * (w - 1);
                let days_in_month =
                    (NaiveDate::from_ymd_opt(year + i32::from(m == 12), m % 12 + 1, 1)
                        .unwrap_or(first)
                        - first)
                        .num_days() as u32;
                while day > days_in_month {
                    day -= 7;
                }
                NaiveDate::from_ymd_opt(year, m, day).unwrap_or(first)
            }
        }
    }
}

/// Parses a POSIX TZ rule such as `CET-1CEST,M3.5.0,M10.5.0/3` or `<+0530>-5:30`.
fn parse(rule: &str) -> Option<Zone> {
    let mut rest = rule;
    rest = skip_name(rest)?;
    let (std_west, after) = parse_offset(rest)?;
    rest = after;
    if rest.is_empty() {
        return Some(Zone {
            std: -std_west,
            dst: None,
            changes: Vec::new(),
        });
    }
    rest = skip_name(rest)?;
    let mut dst_west = std_west - 3600;
    if !rest.starts_with(',') && !rest.is_empty() {
        let (offset, after) = parse_offset(rest)?;
        dst_west = offset;
        rest = after;
    }
    let rules = rest.strip_prefix(',').unwrap_or("M3.2.0,M11.1.0");
    let (start, end) = rules.split_once(',')?;
    Some(Zone {
        std: -std_west,
        dst: Some(Daylight {
            offset: -dst_west,
            start: parse_rule(start)?,
            end: parse_rule(end)?,
        }),
        changes: Vec::new(),
    })
}

/// Skips a zone abbreviation: letters, or anything in `<…>`.
fn skip_name(s: &str) -> Option<&str> {
    if let Some(inner) = s.strip_prefix('<') {
        return inner.split_once('>').map(|(_, rest)| rest);
    }
    let n = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    (n >= 3).then(|| &s[n..])
}

/// `[+-]hh[:mm[:ss]]` in seconds, and what follows.
fn parse_offset(s: &str) -> Option<(i32, &str)> {
    let (sign, s) = match s.as_bytes().first()? {
        b'-' => (-1, &s[1..]),
        b'+' => (1, &s[1..]),
        _ => (1, s),
    };
    let end = s
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b':')
        .count();
    let mut seconds = 0;
    for (i, part) in s[..end].split(':').enumerate() {
        let v: i32 = part.parse().ok()?;
        seconds += v * [3600, 60, 1].get(i)?;
    }
    Some((sign * seconds, &s[end..]))
}

/// `Mm.w.d[/time]`, `Jn[/time]` or `n[/time]`; the time defaults to 02:00.
fn parse_rule(s: &str) -> Option<Rule> {
    let (day, time) = s.split_once('/').map_or((s, None), |(d, t)| (d, Some(t)));
    let seconds = match time {
        Some(t) => parse_offset(t).filter(|(_, rest)| rest.is_empty())?.0,
        None => 7200,
    };
    let day = if let Some(mwd) = day.strip_prefix('M') {
        let mut parts = mwd.split('.').map(|p| p.parse::<u32>().ok());
        let (m, w, d) = (parts.next()??, parts.next()??, parts.next()??);
        if !(1..=12).contains(&m) || !(1..=5).contains(&w) || d > 6 {
            return None;
        }
        RuleDay::MonthWeekDay(m, w, d)
    } else if let Some(n) = day.strip_prefix('J') {
        RuleDay::Julian1(n.parse().ok().filter(|n| (1..=365).contains(n))?)
    } else {
        RuleDay::Julian0(day.parse().ok().filter(|n| *n <= 365)?)
    };
    Some(Rule { day, seconds })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn every_zone_in_the_table_parses() {
        let mut n = 0;
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let (name, _) = line.split_once(' ').unwrap();
            assert!(Zone::named(name).is_some(), "{line}");
            n += 1;
        }
        assert!(n > 500);
    }

    #[test]
    fn offsets_change_on_the_right_instants() {
        let berlin = Zone::named("Europe/Berlin").unwrap();
        assert_eq!(berlin.offset_at(utc("2026-03-29T00:59:59Z")), 3600);
        assert_eq!(berlin.offset_at(utc("2026-03-29T01:00:00Z")), 7200);
        assert_eq!(berlin.offset_at(utc("2026-10-25T00:59:59Z")), 7200);
        assert_eq!(berlin.offset_at(utc("2026-10-25T01:00:00Z")), 3600);
        let sydney = Zone::named("australia/sydney").unwrap();
        assert_eq!(sydney.offset_at(utc("2026-01-15T00:00:00Z")), 11 * 3600);
        assert_eq!(sydney.offset_at(utc("2026-06-15T00:00:00Z")), 10 * 3600);
        assert_eq!(
            Zone::named("Asia/Kolkata")
                .unwrap()
                .offset_at(utc("2026-06-15T00:00:00Z")),
            5 * 3600 + 1800
        );
        assert!(Zone::named("Mars/Olympus").is_none());
    }

    #[test]
    fn gaps_have_no_instant_and_folds_have_two() {
        let ny = Zone::named("America/New_York").unwrap();
        let local = |t: &str| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M").unwrap();
        assert!(ny.instants(local("2026-03-08 02:30")).is_empty());
        assert_eq!(
            ny.instants(local("2026-11-01 01:30")),
            vec![utc("2026-11-01T05:30:00Z"), utc("2026-11-01T06:30:00Z")]
        );
        assert_eq!(
            ny.instants(local("2026-07-04 12:00")),
            vec![utc("2026-07-04T16:00:00Z")]
        );
    }

    #[test]
    fn agrees_with_the_full_tz_database_on_every_zone_for_the_coming_years() {
        let mut checked = 0;
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let (name, _) = line.split_once(' ').unwrap();
            let zone = Zone::named(name).unwrap();
            let Ok(reference) = name.parse::<chrono_tz::Tz>() else {
                continue;
            };
            // Every six hours from 2026 to 2029, and around each hour of DST weekends.
            let mut at = utc("2026-01-01T00:00:00Z");
            while at < utc("2030-01-01T00:00:00Z") {
                use chrono::Offset;
                let want = reference
                    .offset_from_utc_datetime(&at.naive_utc())
                    .fix()
                    .local_minus_utc();
                assert_eq!(zone.offset_at(at), want, "{name} at {at}");
                at += Duration::minutes(6 * 60 + 7);
                checked += 1;
            }
        }
        assert!(checked > 1_000_000, "{checked}");
    }

    #[test]
    fn agrees_with_the_full_tz_database_around_every_change() {
        use chrono::Offset;
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let (name, _) = line.split_once(' ').unwrap();
            let zone = Zone::named(name).unwrap();
            let Ok(reference) = name.parse::<chrono_tz::Tz>() else {
                continue;
            };
            let mut moments: Vec<DateTime<Utc>> = zone
                .changes
                .iter()
                .filter_map(|(t, _)| DateTime::from_timestamp(*t, 0))
                .collect();
            if let Some(d) = zone.dst {
                for year in 2026..=2029 {
                    moments.push(d.start.instant(year, zone.std));
                    moments.push(d.end.instant(year, d.offset));
                }
            }
            for moment in moments
                .into_iter()
                .filter(|m| m.year() >= 2026 && m.year() < 2030)
            {
                for step in -12..=12 {
                    let at = moment + Duration::minutes(15 * step);
                    let want = reference
                        .offset_from_utc_datetime(&at.naive_utc())
                        .fix()
                        .local_minus_utc();
                    assert_eq!(zone.offset_at(at), want, "{name} at {at}");
                }
            }
        }
    }
}
