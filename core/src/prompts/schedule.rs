//! The work schedule: weekly shifts, exceptions, time zone, commute, quiet hours and
//! which prompts a person wants. Sealed in the settings table; a new vault starts
//! with a sensible default so prompts work from day one.

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::store::sealed;
use crate::time::zones::Zone;

/// Most weekly shifts and exceptions.
const MAX_SHIFTS: usize = 50;
const MAX_EXCEPTIONS: usize = 200;
const MAX_REMINDERS: usize = 6;

/// A time of day on the wall clock.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, uniffi::Record,
)]
pub struct ClockTime {
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
}

impl ClockTime {
    /// A time of day (not checked).
    pub const fn new(hour: u8, minute: u8) -> Self {
        ClockTime { hour, minute }
    }

    pub(crate) fn naive(self) -> NaiveTime {
        NaiveTime::from_hms_opt(u32::from(self.hour), u32::from(self.minute), 0)
            .unwrap_or(NaiveTime::MIN)
    }

    fn validate(self, field: &str) -> Result<()> {
        if self.hour > 23 || self.minute > 59 {
            return Err(RespiteError::invalid(field, "a time of day is 00:00 to 23:59").into());
        }
        Ok(())
    }

    /// Minutes since midnight.
    pub(crate) fn minutes(self) -> u32 {
        u32::from(self.hour) * 60 + u32::from(self.minute)
    }

    fn text(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    fn parse(text: &str) -> Option<ClockTime> {
        let (h, m) = text.trim().split_once(':')?;
        let t = ClockTime::new(h.trim().parse().ok()?, m.trim().parse().ok()?);
        (t.hour <= 23 && t.minute <= 59 && m.trim().len() == 2).then_some(t)
    }
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case")]
pub enum DayOfWeek {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

const DAYS: [(DayOfWeek, &str); 7] = [
    (DayOfWeek::Monday, "monday"),
    (DayOfWeek::Tuesday, "tuesday"),
    (DayOfWeek::Wednesday, "wednesday"),
    (DayOfWeek::Thursday, "thursday"),
    (DayOfWeek::Friday, "friday"),
    (DayOfWeek::Saturday, "saturday"),
    (DayOfWeek::Sunday, "sunday"),
];

impl DayOfWeek {
    pub(crate) fn of(weekday: Weekday) -> DayOfWeek {
        DAYS[weekday.num_days_from_monday() as usize].0
    }

    fn name(self) -> &'static str {
        DAYS.iter()
            .find(|(d, _)| *d == self)
            .map(|(_, n)| *n)
            .unwrap_or("monday")
    }

    fn parse(text: &str) -> Option<DayOfWeek> {
        let t = text.trim().to_lowercase();
        DAYS.iter()
            .find(|(_, n)| *n == t || (t.len() == 3 && n.starts_with(&t)))
            .map(|(d, _)| *d)
    }
}

/// Start and end of a shift; an end at or before the start is on the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct ShiftTimes {
    /// When it starts.
    pub start: ClockTime,
    /// When it ends (the next day when not after `start`).
    pub end: ClockTime,
}

impl ShiftTimes {
    /// Whether the shift ends on the next day.
    pub fn overnight(&self) -> bool {
        self.end <= self.start
    }

    fn text(&self) -> String {
        format!("{}-{}", self.start.text(), self.end.text())
    }

    fn parse(text: &str) -> Option<ShiftTimes> {
        let (start, end) = text.trim().split_once('-')?;
        Some(ShiftTimes {
            start: ClockTime::parse(start)?,
            end: ClockTime::parse(end)?,
        })
    }
}

/// One shift of the weekly pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct WeeklyShift {
    /// The day it starts on.
    pub day: DayOfWeek,
    /// Its times.
    pub times: ShiftTimes,
}

/// What an exception to the weekly pattern is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case")]
pub enum ExceptionKind {
    /// A day off.
    DayOff,
    /// Vacation.
    Vacation,
    /// Off sick.
    Sick,
    /// An extra shift on top of the pattern.
    ExtraShift,
}

const EXCEPTION_NAMES: [(ExceptionKind, &str); 4] = [
    (ExceptionKind::DayOff, "day off"),
    (ExceptionKind::Vacation, "vacation"),
    (ExceptionKind::Sick, "sick"),
    (ExceptionKind::ExtraShift, "extra shift"),
];

/// Days that differ from the weekly pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct ScheduleException {
    /// First day, `YYYY-MM-DD`.
    pub from_day: String,
    /// Last day, `YYYY-MM-DD` (the same as `from_day` for one day).
    pub to_day: String,
    /// What it is.
    pub kind: ExceptionKind,
    /// For an extra shift: its times (on each day of the range).
    #[serde(default)]
    #[uniffi(default)]
    pub shift: Option<ShiftTimes>,
}

/// Hours with no prompts at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct QuietHours {
    /// When quiet begins.
    pub start: ClockTime,
    /// When it ends (the next day when not after `start`).
    pub end: ClockTime,
}

impl QuietHours {
    /// Whether `t` falls in the quiet hours (start included, end excluded).
    pub(crate) fn contains(&self, t: ClockTime) -> bool {
        let (s, e, m) = (self.start.minutes(), self.end.minutes(), t.minutes());
        if s <= e {
            s <= m && m < e
        } else {
            m >= s || m < e
        }
    }
}

/// Which prompts a person wants, and the rules they follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct PromptSettings {
    /// The end-of-shift transition prompt.
    pub transition: bool,
    /// Minutes after the end of a shift for the transition prompt (0–180).
    pub transition_delay_minutes: u16,
    /// The evening check: how much did work follow me home?
    pub evening_check: bool,
    /// When the evening check comes (at least an hour after getting home).
    pub evening_time: ClockTime,
    /// "Pick up what you parked" at the start of a shift.
    pub start_of_shift: bool,
    /// Check-in reminders, at these times each workday.
    pub checkin_reminders: Vec<ClockTime>,
    /// A prompt on the plan's review date.
    pub plan_review: bool,
    /// Whether check-in reminders and the plan review may come on days off.
    pub on_days_off: bool,
    /// The least time between two prompts, in minutes (0–240).
    pub min_gap_minutes: u16,
    /// The most prompts in one day (1–10).
    pub daily_cap: u8,
}

/// The work schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct WorkSchedule {
    /// The weekly pattern; several shifts a day are allowed.
    pub shifts: Vec<WeeklyShift>,
    /// Days off, vacation, sick days and extra shifts.
    pub exceptions: Vec<ScheduleException>,
    /// An IANA time zone ("Europe/Berlin"), or none to follow the device as it travels.
    pub time_zone: Option<String>,
    /// The usual commute, in minutes (0–300).
    pub commute_minutes: u16,
    /// No prompts at all in these hours.
    pub quiet_hours: Option<QuietHours>,
    /// Which prompts, and their rules.
    pub prompts: PromptSettings,
}

impl Default for WorkSchedule {
    /// Monday to Friday 9:00–17:00, a transition prompt at shift end, an evening check
    /// at 20:00, quiet from 22:00 to 07:00.
    fn default() -> Self {
        let nine_to_five = ShiftTimes {
            start: ClockTime::new(9, 0),
            end: ClockTime::new(17, 0),
        };
        WorkSchedule {
            shifts: DAYS[..5]
                .iter()
                .map(|(day, _)| WeeklyShift {
                    day: *day,
                    times: nine_to_five,
                })
                .collect(),
            exceptions: Vec::new(),
            time_zone: None,
            commute_minutes: 30,
            quiet_hours: Some(QuietHours {
                start: ClockTime::new(22, 0),
                end: ClockTime::new(7, 0),
            }),
            prompts: PromptSettings {
                transition: true,
                transition_delay_minutes: 0,
                evening_check: true,
                evening_time: ClockTime::new(20, 0),
                start_of_shift: true,
                checkin_reminders: Vec::new(),
                plan_review: true,
                on_days_off: false,
                min_gap_minutes: 45,
                daily_cap: 4,
            },
        }
    }
}

/// A time zone from its IANA name.
pub(crate) fn time_zone(field: &str, name: &str) -> Result<Zone> {
    Zone::named(name)
        .ok_or_else(|| {
            RespiteError::invalid(field, "not a known IANA time zone (like Europe/Berlin)")
        })
        .map_err(Into::into)
}

impl WorkSchedule {
    /// Checks every rule; returns the schedule with exceptions in date order.
    pub(crate) fn validated(mut self) -> Result<WorkSchedule> {
        if self.shifts.len() > MAX_SHIFTS {
            return Err(
                RespiteError::invalid("shifts", format!("more than {MAX_SHIFTS} shifts")).into(),
            );
        }
        for s in &self.shifts {
            s.times.start.validate("shifts")?;
            s.times.end.validate("shifts")?;
            if s.times.start == s.times.end {
                return Err(RespiteError::invalid(
                    "shifts",
                    "a shift cannot start and end at the same time",
                )
                .into());
            }
        }
        if self.exceptions.len() > MAX_EXCEPTIONS {
            return Err(RespiteError::invalid(
                "exceptions",
                format!("more than {MAX_EXCEPTIONS} exceptions"),
            )
            .into());
        }
        for e in &mut self.exceptions {
            let from = sealed::parse_day("exceptions", &e.from_day)?;
            let to = sealed::parse_day("exceptions", &e.to_day)?;
            if to < from {
                return Err(RespiteError::invalid(
                    "exceptions",
                    "an exception ends before it starts",
                )
                .into());
            }
            if (to - from).num_days() > 366 {
                return Err(RespiteError::invalid(
                    "exceptions",
                    "an exception is longer than a year",
                )
                .into());
            }
            match (e.kind, e.shift) {
                (ExceptionKind::ExtraShift, None) => {
                    return Err(RespiteError::invalid(
                        "exceptions",
                        "an extra shift needs its times",
                    )
                    .into())
                }
                (ExceptionKind::ExtraShift, Some(t)) => {
                    t.start.validate("exceptions")?;
                    t.end.validate("exceptions")?;
                }
                (_, Some(_)) => {
                    return Err(RespiteError::invalid(
                        "exceptions",
                        "only an extra shift has times",
                    )
                    .into())
                }
                (_, None) => {}
            }
            e.from_day = from.to_string();
            e.to_day = to.to_string();
        }
        self.exceptions
            .sort_by(|a, b| (&a.from_day, &a.to_day).cmp(&(&b.from_day, &b.to_day)));
        if let Some(tz) = &self.time_zone {
            time_zone("time_zone", tz)?;
            self.time_zone = Some(tz.trim().to_owned());
        }
        if self.commute_minutes > 300 {
            return Err(
                RespiteError::invalid("commute_minutes", "must be between 0 and 300").into(),
            );
        }
        if let Some(q) = self.quiet_hours {
            q.start.validate("quiet_hours")?;
            q.end.validate("quiet_hours")?;
            if q.start == q.end {
                return Err(
                    RespiteError::invalid("quiet_hours", "start and end are the same").into(),
                );
            }
        }
        let p = &mut self.prompts;
        if p.transition_delay_minutes > 180 {
            return Err(RespiteError::invalid(
                "transition_delay_minutes",
                "must be between 0 and 180",
            )
            .into());
        }
        p.evening_time.validate("evening_time")?;
        for t in &p.checkin_reminders {
            t.validate("checkin_reminders")?;
        }
        p.checkin_reminders.sort();
        p.checkin_reminders.dedup();
        if p.checkin_reminders.len() > MAX_REMINDERS {
            return Err(RespiteError::invalid(
                "checkin_reminders",
                format!("more than {MAX_REMINDERS} reminders"),
            )
            .into());
        }
        if p.min_gap_minutes > 240 {
            return Err(
                RespiteError::invalid("min_gap_minutes", "must be between 0 and 240").into(),
            );
        }
        if !(1..=10).contains(&p.daily_cap) {
            return Err(RespiteError::invalid("daily_cap", "must be between 1 and 10").into());
        }
        Ok(self)
    }

    /// The shifts that start on `day`, after exceptions, in start order.
    pub(crate) fn shifts_on(&self, day: NaiveDate) -> Vec<ShiftTimes> {
        let text = day.to_string();
        let covering = |e: &&ScheduleException| e.from_day <= text && text <= e.to_day;
        let off = self
            .exceptions
            .iter()
            .filter(covering)
            .any(|e| e.kind != ExceptionKind::ExtraShift);
        let weekday = DayOfWeek::of(chrono::Datelike::weekday(&day));
        let mut shifts: Vec<ShiftTimes> = if off {
            Vec::new()
        } else {
            self.shifts
                .iter()
                .filter(|s| s.day == weekday)
                .map(|s| s.times)
                .collect()
        };
        shifts.extend(
            self.exceptions
                .iter()
                .filter(covering)
                .filter_map(|e| e.shift),
        );
        shifts.sort_by_key(|s| s.start);
        shifts.dedup();
        shifts
    }
}

// ---------------------------------------------------------------------------------
// Text form

const TITLE: &str = "# Work schedule";

fn on_off(b: bool) -> &'static str {
    if b {
        "on"
    } else {
        "off"
    }
}

/// The schedule in its text form (what `respite schedule show` prints).
pub(crate) fn schedule_to_text(schedule: WorkSchedule) -> String {
    let s = &schedule;
    let p = &s.prompts;
    let mut out = format!("{TITLE}\n\n");
    out.push_str(&format!(
        "time zone: {}\n",
        s.time_zone.as_deref().unwrap_or("device")
    ));
    out.push_str(&format!("commute: {} minutes\n", s.commute_minutes));
    let quiet = s.quiet_hours.map_or("none".to_owned(), |q| {
        format!("{}-{}", q.start.text(), q.end.text())
    });
    out.push_str(&format!("quiet hours: {quiet}\n"));
    out.push_str("\n## Shifts\n");
    for shift in &s.shifts {
        out.push_str(&format!("{} {}\n", shift.day.name(), shift.times.text()));
    }
    out.push_str("\n## Exceptions\n");
    for e in &s.exceptions {
        let days = if e.from_day == e.to_day {
            e.from_day.clone()
        } else {
            format!("{}..{}", e.from_day, e.to_day)
        };
        let kind = EXCEPTION_NAMES
            .iter()
            .find(|(k, _)| *k == e.kind)
            .map(|(_, n)| *n)
            .unwrap_or("day off");
        let times = e
            .shift
            .map(|t| format!(" {}", t.text()))
            .unwrap_or_default();
        out.push_str(&format!("{days} {kind}{times}\n"));
    }
    out.push_str("\n## Prompts\n");
    out.push_str(&format!(
        "transition: {}, {} minutes after shift end\n",
        on_off(p.transition),
        p.transition_delay_minutes
    ));
    out.push_str(&format!(
        "evening check: {}, {}\n",
        on_off(p.evening_check),
        p.evening_time.text()
    ));
    out.push_str(&format!("start of shift: {}\n", on_off(p.start_of_shift)));
    let reminders: Vec<String> = p.checkin_reminders.iter().map(|t| t.text()).collect();
    let reminders = if reminders.is_empty() {
        "none".to_owned()
    } else {
        reminders.join(", ")
    };
    out.push_str(&format!("check-in reminders: {reminders}\n"));
    out.push_str(&format!("plan review: {}\n", on_off(p.plan_review)));
    out.push_str(&format!("on days off: {}\n", on_off(p.on_days_off)));
    out.push_str(&format!("minimum gap: {} minutes\n", p.min_gap_minutes));
    out.push_str(&format!("daily limit: {}\n", p.daily_cap));
    out
}

/// Reads the text form back; errors name the line.
pub(crate) fn schedule_from_text(text: String) -> Result<WorkSchedule> {
    let mut s = WorkSchedule {
        shifts: Vec::new(),
        ..WorkSchedule::default()
    };
    let mut section = "";
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        let bad = |reason: &str| RespiteError::invalid("schedule", format!("line {n}: {reason}"));
        if line.is_empty() || line == TITLE {
            continue;
        }
        if let Some(heading) = line.strip_prefix("## ") {
            section = match heading.trim().to_lowercase().as_str() {
                "shifts" => "shifts",
                "exceptions" => "exceptions",
                "prompts" => "prompts",
                _ => return Err(bad("unknown heading (Shifts, Exceptions or Prompts)").into()),
            };
            continue;
        }
        match section {
            "shifts" => {
                let (day, times) = line
                    .split_once(' ')
                    .ok_or_else(|| bad("expected \"monday 09:00-17:00\""))?;
                s.shifts.push(WeeklyShift {
                    day: DayOfWeek::parse(day).ok_or_else(|| bad("unknown day of the week"))?,
                    times: ShiftTimes::parse(times)
                        .ok_or_else(|| bad("expected times like 09:00-17:00"))?,
                });
            }
            "exceptions" => {
                let (days, rest) = line
                    .split_once(' ')
                    .ok_or_else(|| bad("expected \"2026-12-24 day off\""))?;
                let (from_day, to_day) = days.split_once("..").unwrap_or((days, days));
                let rest = rest.trim();
                let (kind, times) = EXCEPTION_NAMES
                    .iter()
                    .find_map(|(k, name)| rest.strip_prefix(name).map(|t| (*k, t.trim())))
                    .ok_or_else(|| bad("expected day off, vacation, sick or extra shift"))?;
                let shift = if times.is_empty() {
                    None
                } else {
                    Some(
                        ShiftTimes::parse(times)
                            .ok_or_else(|| bad("expected times like 10:00-16:00"))?,
                    )
                };
                s.exceptions.push(ScheduleException {
                    from_day: from_day.to_owned(),
                    to_day: to_day.to_owned(),
                    kind,
                    shift,
                });
            }
            _ => {
                let (key, value) = line
                    .split_once(':')
                    .ok_or_else(|| bad("expected \"setting: value\""))?;
                let value = value.trim();
                let switch = |v: &str| match v.split(',').next().unwrap_or("").trim() {
                    "on" => Ok(true),
                    "off" => Ok(false),
                    _ => Err(bad("expected on or off")),
                };
                let minutes = |v: &str| -> Result<u16> {
                    v.trim()
                        .trim_end_matches("minutes")
                        .trim()
                        .split(' ')
                        .next()
                        .unwrap_or("")
                        .parse()
                        .map_err(|_| bad("expected a number of minutes").into())
                };
                let after_comma = |v: &str| {
                    v.split_once(',')
                        .map(|(_, rest)| rest.trim().to_owned())
                        .unwrap_or_default()
                };
                let p = &mut s.prompts;
                match (section, key.trim()) {
                    ("", "time zone") => {
                        s.time_zone = (value != "device").then(|| value.to_owned())
                    }
                    ("", "commute") => s.commute_minutes = minutes(value)?,
                    ("", "quiet hours") => {
                        s.quiet_hours = match value {
                            "none" => None,
                            v => {
                                let t = ShiftTimes::parse(v)
                                    .ok_or_else(|| bad("expected 22:00-07:00 or none"))?;
                                Some(QuietHours {
                                    start: t.start,
                                    end: t.end,
                                })
                            }
                        }
                    }
                    ("prompts", "transition") => {
                        p.transition = switch(value)?;
                        p.transition_delay_minutes = minutes(&after_comma(value))?;
                    }
                    ("prompts", "evening check") => {
                        p.evening_check = switch(value)?;
                        p.evening_time = ClockTime::parse(&after_comma(value))
                            .ok_or_else(|| bad("expected \"on, 20:00\""))?;
                    }
                    ("prompts", "start of shift") => p.start_of_shift = switch(value)?,
                    ("prompts", "check-in reminders") => {
                        p.checkin_reminders = if value == "none" {
                            Vec::new()
                        } else {
                            value
                                .split(',')
                                .map(|t| {
                                    ClockTime::parse(t)
                                        .ok_or_else(|| bad("expected times like 12:30, 16:00"))
                                })
                                .collect::<Result<_, RespiteError>>()?
                        }
                    }
                    ("prompts", "plan review") => p.plan_review = switch(value)?,
                    ("prompts", "on days off") => p.on_days_off = switch(value)?,
                    ("prompts", "minimum gap") => p.min_gap_minutes = minutes(value)?,
                    ("prompts", "daily limit") => {
                        p.daily_cap = value.parse().map_err(|_| bad("expected a number"))?
                    }
                    _ => return Err(bad(&format!("unknown setting \"{}\"", key.trim())).into()),
                }
            }
        }
    }
    s.validated()
}

#[cfg(test)]
#[allow(clippy::field_reassign_with_default)] // schedules are built up step by step
mod tests {
    use super::*;

    #[test]
    fn the_default_schedule_seals_as_frozen() {
        crate::store::sealed::assert_frozen("schedule", &WorkSchedule::default());
    }

    #[test]
    fn the_default_is_valid_and_round_trips_through_text() {
        let default = WorkSchedule::default().validated().unwrap();
        assert_eq!(
            schedule_from_text(schedule_to_text(default.clone())).unwrap(),
            default
        );
        let mut busy = default.clone();
        busy.shifts.push(WeeklyShift {
            day: DayOfWeek::Saturday,
            times: ShiftTimes {
                start: ClockTime::new(22, 0),
                end: ClockTime::new(7, 0),
            },
        });
        busy.exceptions = vec![
            ScheduleException {
                from_day: "2026-12-24".into(),
                to_day: "2026-12-24".into(),
                kind: ExceptionKind::DayOff,
                shift: None,
            },
            ScheduleException {
                from_day: "2026-12-27".into(),
                to_day: "2027-01-02".into(),
                kind: ExceptionKind::Vacation,
                shift: None,
            },
            ScheduleException {
                from_day: "2027-01-09".into(),
                to_day: "2027-01-09".into(),
                kind: ExceptionKind::ExtraShift,
                shift: Some(ShiftTimes {
                    start: ClockTime::new(10, 0),
                    end: ClockTime::new(16, 0),
                }),
            },
        ];
        busy.time_zone = Some("Europe/Berlin".into());
        busy.quiet_hours = None;
        busy.prompts.checkin_reminders = vec![ClockTime::new(12, 30), ClockTime::new(16, 0)];
        busy.prompts.transition_delay_minutes = 15;
        let busy = busy.validated().unwrap();
        let text = schedule_to_text(busy.clone());
        assert_eq!(schedule_from_text(text.clone()).unwrap(), busy, "{text}");
    }

    #[test]
    fn quiet_hours_wrap_midnight() {
        let q = QuietHours {
            start: ClockTime::new(22, 0),
            end: ClockTime::new(7, 0),
        };
        assert!(
            q.contains(ClockTime::new(23, 0))
                && q.contains(ClockTime::new(3, 0))
                && q.contains(ClockTime::new(22, 0))
        );
        assert!(!q.contains(ClockTime::new(7, 0)) && !q.contains(ClockTime::new(12, 0)));
        let day = QuietHours {
            start: ClockTime::new(12, 0),
            end: ClockTime::new(13, 0),
        };
        assert!(day.contains(ClockTime::new(12, 30)) && !day.contains(ClockTime::new(13, 0)));
    }

    #[test]
    fn invalid_schedules_are_refused() {
        let field = |f: &dyn Fn(&mut WorkSchedule)| {
            let mut s = WorkSchedule::default();
            f(&mut s);
            match s.validated().map_err(RespiteError::from) {
                Err(RespiteError::InvalidInput { field, .. }) => field,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(
            field(&|s| s.shifts[0].times.end = ClockTime::new(9, 0)),
            "shifts"
        );
        assert_eq!(
            field(&|s| s.shifts[0].times.start = ClockTime::new(24, 0)),
            "shifts"
        );
        assert_eq!(
            field(&|s| s.time_zone = Some("Mars/Olympus".into())),
            "time_zone"
        );
        assert_eq!(field(&|s| s.prompts.daily_cap = 0), "daily_cap");
        assert_eq!(field(&|s| s.commute_minutes = 600), "commute_minutes");
        assert_eq!(
            field(&|s| s.exceptions.push(ScheduleException {
                from_day: "2026-05-05".into(),
                to_day: "2026-05-01".into(),
                kind: ExceptionKind::Sick,
                shift: None
            })),
            "exceptions"
        );
        assert_eq!(
            field(&|s| s.exceptions.push(ScheduleException {
                from_day: "2026-05-05".into(),
                to_day: "2026-05-05".into(),
                kind: ExceptionKind::ExtraShift,
                shift: None
            })),
            "exceptions"
        );
        assert!(
            matches!(schedule_from_text("## Shifts\nfunday 09:00-17:00\n".into()).map_err(RespiteError::from), Err(RespiteError::InvalidInput { reason, .. }) if reason.starts_with("line 2"))
        );
    }

    #[test]
    fn exceptions_replace_or_add_shifts() {
        let mut s = WorkSchedule::default();
        s.exceptions = vec![
            ScheduleException {
                from_day: "2026-05-04".into(),
                to_day: "2026-05-05".into(),
                kind: ExceptionKind::Vacation,
                shift: None,
            },
            ScheduleException {
                from_day: "2026-05-09".into(),
                to_day: "2026-05-09".into(),
                kind: ExceptionKind::ExtraShift,
                shift: Some(ShiftTimes {
                    start: ClockTime::new(8, 0),
                    end: ClockTime::new(12, 0),
                }),
            },
        ];
        let day = |d: &str| {
            s.shifts_on(NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())
                .len()
        };
        assert_eq!(
            (day("2026-05-04"), day("2026-05-05"), day("2026-05-06")),
            (0, 0, 1)
        );
        assert_eq!((day("2026-05-09"), day("2026-05-10")), (1, 0));
    }
}
