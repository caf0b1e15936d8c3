//! The prompt schedule: properties over random schedules, overnight shifts, travel,
//! DST, snoozes and skips; the transition flow, parked items and the evening check.

#![allow(clippy::field_reassign_with_default)] // schedules are built up step by step

use crate::common::*;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use respite_core::{
    schedule_from_text, schedule_to_text, ClockTime, DayOfWeek, EveningAnswers, ExceptionKind,
    JournalKind, ParkedItemDraft, Plan, PromptKind, PromptOccurrence, QuietHours, RespiteError,
    ScheduleException, ShiftTimes, TransitionAnswers, TransitionStep, Vault, WeeklyShift,
    WorkSchedule,
};
use std::collections::HashSet;

/// A small deterministic generator (SplitMix64), so failures can be replayed by seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn time(&mut self) -> ClockTime {
        ClockTime::new(
            self.below(24) as u8,
            [0, 15, 30, 45][self.below(4) as usize],
        )
    }
}

const ZONES: &[&str] = &[
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Pacific/Auckland",
    "UTC",
    "America/Los_Angeles",
];
const DAYS: [DayOfWeek; 7] = [
    DayOfWeek::Monday,
    DayOfWeek::Tuesday,
    DayOfWeek::Wednesday,
    DayOfWeek::Thursday,
    DayOfWeek::Friday,
    DayOfWeek::Saturday,
    DayOfWeek::Sunday,
];

fn random_schedule(rng: &mut Rng, start: NaiveDate) -> WorkSchedule {
    let mut s = WorkSchedule::default();
    s.shifts.clear();
    for day in DAYS {
        for _ in 0..rng.below(3) {
            let start_time = rng.time();
            let mut end = rng.time();
            if end == start_time {
                end = ClockTime::new((start_time.hour + 8) % 24, start_time.minute);
            }
            s.shifts.push(WeeklyShift {
                day,
                times: ShiftTimes {
                    start: start_time,
                    end,
                },
            });
        }
    }
    for _ in 0..rng.below(4) {
        let from = start + Duration::days(rng.below(20) as i64);
        let to = from + Duration::days(rng.below(4) as i64);
        let kind = [
            ExceptionKind::DayOff,
            ExceptionKind::Vacation,
            ExceptionKind::Sick,
            ExceptionKind::ExtraShift,
        ][rng.below(4) as usize];
        let shift = (kind == ExceptionKind::ExtraShift).then(|| ShiftTimes {
            start: ClockTime::new(10, 0),
            end: ClockTime::new(14, 30),
        });
        s.exceptions.push(ScheduleException {
            from_day: from.to_string(),
            to_day: to.to_string(),
            kind,
            shift,
        });
    }
    s.quiet_hours = rng.chance(70).then(|| {
        let start = rng.time();
        let mut end = rng.time();
        if end == start {
            end = ClockTime::new((start.hour + 1) % 24, start.minute);
        }
        QuietHours { start, end }
    });
    s.commute_minutes = rng.below(90) as u16;
    let p = &mut s.prompts;
    p.transition = rng.chance(80);
    p.transition_delay_minutes = rng.below(60) as u16;
    p.evening_check = rng.chance(80);
    p.evening_time = rng.time();
    p.start_of_shift = rng.chance(50);
    p.checkin_reminders = (0..rng.below(4)).map(|_| rng.time()).collect();
    p.on_days_off = rng.chance(50);
    p.min_gap_minutes = rng.below(180) as u16;
    p.daily_cap = 1 + rng.below(6) as u8;
    s
}

/// Whether the schedule has a shift starting on `day` (after exceptions).
fn works_on(s: &WorkSchedule, day: NaiveDate) -> bool {
    let text = day.to_string();
    let covering: Vec<&ScheduleException> = s
        .exceptions
        .iter()
        .filter(|e| e.from_day <= text && text <= e.to_day)
        .collect();
    let off = covering.iter().any(|e| e.kind != ExceptionKind::ExtraShift);
    let weekday = DAYS[day.weekday().num_days_from_monday() as usize];
    (!off && s.shifts.iter().any(|sh| sh.day == weekday))
        || covering.iter().any(|e| e.kind == ExceptionKind::ExtraShift)
}

fn in_quiet(q: &QuietHours, hour: u32, minute: u32) -> bool {
    let (s, e, m) = (
        u32::from(q.start.hour) * 60 + u32::from(q.start.minute),
        u32::from(q.end.hour) * 60 + u32::from(q.end.minute),
        hour * 60 + minute,
    );
    if s <= e {
        s <= m && m < e
    } else {
        m >= s || m < e
    }
}

fn utc(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn random_schedules_keep_every_rule() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let prompts = vault.prompts();
    let mut checked = 0;
    for seed in 0..150u64 {
        let mut rng = Rng(seed);
        // Windows around the 2026 DST changes of both hemispheres, and ordinary weeks.
        let starts = [
            "2026-03-20",
            "2026-03-26",
            "2026-04-01",
            "2026-09-24",
            "2026-10-20",
            "2026-10-30",
            "2026-06-15",
        ];
        let start =
            NaiveDate::parse_from_str(starts[rng.below(starts.len() as u64) as usize], "%Y-%m-%d")
                .unwrap();
        let zone = ZONES[rng.below(ZONES.len() as u64) as usize];
        let tz: Tz = zone.parse().unwrap();
        let schedule = prompts
            .set_schedule(random_schedule(&mut rng, start))
            .unwrap();
        let from = tz
            .from_local_datetime(&start.and_hms_opt(0, 0, 0).unwrap())
            .earliest()
            .unwrap()
            .with_timezone(&Utc);
        let until = from + Duration::days(14);
        let got = prompts.upcoming(from, until, zone.into()).unwrap();
        assert_eq!(
            got,
            prompts.upcoming(from, until, zone.into()).unwrap(),
            "seed {seed}: deterministic"
        );
        let shorter = prompts
            .upcoming(from, until - Duration::days(5), zone.into())
            .unwrap();
        let prefix: Vec<PromptOccurrence> = got
            .iter()
            .filter(|o| o.at < until - Duration::days(5))
            .cloned()
            .collect();
        assert_eq!(shorter, prefix, "seed {seed}: a shorter window is a prefix");
        let mut ids = HashSet::new();
        for (i, o) in got.iter().enumerate() {
            assert!(from <= o.at && o.at < until);
            assert!(ids.insert(o.id.clone()), "seed {seed}: {} twice", o.id);
            if i > 0 {
                assert!(
                    (got[i - 1].at, &got[i - 1].id) <= (o.at, &o.id),
                    "seed {seed}: sorted"
                );
                assert!(
                    o.at - got[i - 1].at
                        >= Duration::minutes(i64::from(schedule.prompts.min_gap_minutes)),
                    "seed {seed}: gap"
                );
            }
            let local = o.at.with_timezone(&tz);
            // Quiet hours hold everything but what is anchored to a shift.
            let of_the_shift = matches!(o.kind, PromptKind::StartOfShift | PromptKind::Transition);
            if let Some(q) = schedule.quiet_hours.as_ref().filter(|_| !of_the_shift) {
                assert!(
                    !in_quiet(q, local.hour(), local.minute()),
                    "seed {seed}: {} in quiet hours",
                    o.id
                );
            }
            if o.kind == PromptKind::CheckInReminder && !schedule.prompts.on_days_off {
                assert!(
                    works_on(&schedule, local.date_naive()),
                    "seed {seed}: reminder on a day off"
                );
            }
            if matches!(
                o.kind,
                PromptKind::StartOfShift | PromptKind::Transition | PromptKind::EveningCheck
            ) {
                let anchor =
                    NaiveDate::parse_from_str(o.id.split(':').nth(1).unwrap(), "%Y-%m-%d").unwrap();
                assert!(
                    works_on(&schedule, anchor),
                    "seed {seed}: {} without a shift",
                    o.id
                );
            }
            for text in [&o.title, &o.body] {
                assert!(!text.is_empty() && text.len() < 80);
            }
        }
        let mut per_day = std::collections::HashMap::new();
        for o in &got {
            *per_day.entry(o.local_day.clone()).or_insert(0u8) += 1;
        }
        assert!(
            per_day.values().all(|n| *n <= schedule.prompts.daily_cap),
            "seed {seed}: daily cap"
        );
        checked += got.len();
    }
    assert!(
        checked > 500,
        "the generator produced too few occurrences to mean anything ({checked})"
    );
}

#[test]
fn dst_changes_neither_lose_nor_double_an_occurrence() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let prompts = vault.prompts();
    // Every day, with times inside the spring gap (02:30) and the autumn fold (02:30 twice in Berlin).
    let mut s = WorkSchedule::default();
    s.shifts = DAYS
        .iter()
        .map(|d| WeeklyShift {
            day: *d,
            times: ShiftTimes {
                start: ClockTime::new(8, 0),
                end: ClockTime::new(2, 30),
            },
        })
        .collect();
    s.quiet_hours = None;
    s.prompts.checkin_reminders = vec![ClockTime::new(2, 30), ClockTime::new(12, 0)];
    s.prompts.min_gap_minutes = 0;
    s.prompts.daily_cap = 10;
    s.prompts.evening_check = false;
    prompts.set_schedule(s).unwrap();
    for (zone, from, until) in [
        (
            "Europe/Berlin",
            "2026-03-27T00:00:00+01:00",
            "2026-04-01T00:00:00+02:00",
        ),
        (
            "Europe/Berlin",
            "2026-10-23T00:00:00+02:00",
            "2026-10-28T00:00:00+01:00",
        ),
        (
            "America/New_York",
            "2026-03-06T00:00:00-05:00",
            "2026-03-11T00:00:00-04:00",
        ),
        (
            "America/New_York",
            "2026-10-30T00:00:00-04:00",
            "2026-11-04T00:00:00-05:00",
        ),
    ] {
        // One day more, for the last overnight shift's end.
        let got = prompts
            .upcoming(utc(from), utc(until) + Duration::days(1), zone.into())
            .unwrap();
        let days: Vec<NaiveDate> = (0..5)
            .map(|d| {
                utc(from)
                    .with_timezone(&zone.parse::<Tz>().unwrap())
                    .date_naive()
                    + Duration::days(d)
            })
            .collect();
        for day in days {
            for (kind, expected) in [
                (PromptKind::StartOfShift, 1),
                (PromptKind::Transition, 1),
                (PromptKind::CheckInReminder, 2),
            ] {
                let n = got
                    .iter()
                    .filter(|o| o.kind == kind && o.id.split(':').nth(1) == Some(&day.to_string()))
                    .count();
                assert_eq!(n, expected, "{zone} {day} {kind:?}");
            }
        }
        let ids: HashSet<&str> = got.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids.len(), got.len());
    }
    // The 02:30 reminder on the Berlin spring-forward day moves to the first valid minute, 03:00.
    let spring = prompts
        .upcoming(
            utc("2026-03-29T00:00:00+01:00"),
            utc("2026-03-29T12:00:00+02:00"),
            "Europe/Berlin".into(),
        )
        .unwrap();
    let reminder = spring
        .iter()
        .find(|o| o.id == "checkin:2026-03-29:0")
        .unwrap();
    assert_eq!(reminder.at, utc("2026-03-29T03:00:00+02:00"));
}

#[test]
fn the_default_schedule_works_from_day_one_and_skips_days_off() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let prompts = vault.prompts();
    assert_eq!(prompts.schedule().unwrap(), WorkSchedule::default());
    // Monday 2026-05-04 .. Sunday 2026-05-10, Berlin.
    let week = prompts
        .upcoming(
            utc("2026-05-04T00:00:00+02:00"),
            utc("2026-05-11T00:00:00+02:00"),
            "Europe/Berlin".into(),
        )
        .unwrap();
    assert_eq!(
        week.iter()
            .filter(|o| o.kind == PromptKind::Transition)
            .count(),
        5
    );
    assert_eq!(
        week.iter()
            .filter(|o| o.kind == PromptKind::EveningCheck)
            .count(),
        5
    );
    assert!(week.iter().all(|o| o
        .at
        .with_timezone(&"Europe/Berlin".parse::<Tz>().unwrap())
        .weekday()
        .num_days_from_monday()
        < 5));
    let monday_transition = week
        .iter()
        .find(|o| o.id == "transition:2026-05-04:0")
        .unwrap();
    assert_eq!(monday_transition.at, utc("2026-05-04T17:00:00+02:00"));
    // A vacation removes the week's work prompts.
    let mut s = WorkSchedule::default();
    s.exceptions.push(ScheduleException {
        from_day: "2026-05-04".into(),
        to_day: "2026-05-08".into(),
        kind: ExceptionKind::Vacation,
        shift: None,
    });
    prompts.set_schedule(s).unwrap();
    let vacation = prompts
        .upcoming(
            utc("2026-05-04T00:00:00+02:00"),
            utc("2026-05-11T00:00:00+02:00"),
            "Europe/Berlin".into(),
        )
        .unwrap();
    assert!(vacation.is_empty(), "{vacation:?}");
}

#[test]
fn a_schedule_that_follows_the_device_travels_with_it() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let prompts = vault.prompts();
    let day = |zone: &str| {
        prompts
            .upcoming(
                utc("2026-05-04T00:00:00Z") - Duration::hours(14),
                utc("2026-05-05T12:00:00Z"),
                zone.into(),
            )
            .unwrap()
            .into_iter()
            .find(|o| o.id == "transition:2026-05-04:0")
            .unwrap()
            .at
    };
    assert_eq!(day("Europe/Berlin"), utc("2026-05-04T17:00:00+02:00"));
    assert_eq!(day("America/New_York"), utc("2026-05-04T17:00:00-04:00"));
    assert_eq!(day("Asia/Tokyo"), utc("2026-05-04T17:00:00+09:00"));
    // A fixed zone stays put wherever the device is.
    let mut s = WorkSchedule::default();
    s.time_zone = Some("Europe/Berlin".into());
    prompts.set_schedule(s).unwrap();
    assert_eq!(day("Asia/Tokyo"), utc("2026-05-04T17:00:00+02:00"));
    assert!(
        prompts
            .upcoming(
                utc("2026-05-04T00:00:00Z"),
                utc("2026-05-05T00:00:00Z"),
                "Nowhere/Else".into()
            )
            .is_ok(),
        "the schedule's zone wins"
    );
    prompts.set_schedule(WorkSchedule::default()).unwrap();
    assert!(matches!(
        prompts.upcoming(
            utc("2026-05-04T00:00:00Z"),
            utc("2026-05-05T00:00:00Z"),
            "Nowhere/Else".into()
        ),
        Err(RespiteError::InvalidInput { .. })
    ));
}

#[test]
fn snoozes_and_skips_are_remembered() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let prompts = vault.prompts();
    let window = || {
        prompts
            .upcoming(
                utc("2026-05-04T00:00:00+02:00"),
                utc("2026-05-05T00:00:00+02:00"),
                "Europe/Berlin".into(),
            )
            .unwrap()
    };
    let before = window();
    let transition = before
        .iter()
        .find(|o| o.kind == PromptKind::Transition)
        .unwrap()
        .clone();
    let evening = before
        .iter()
        .find(|o| o.kind == PromptKind::EveningCheck)
        .unwrap()
        .clone();
    prompts
        .snooze(
            transition.id.clone(),
            transition.at,
            transition.at + Duration::minutes(20),
        )
        .unwrap();
    prompts.skip(evening.id.clone()).unwrap();
    drop(prompts);
    drop(vault);
    let vault = Vault::open(path_str(&path)).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    let prompts = vault.prompts();
    let after = prompts
        .upcoming(
            utc("2026-05-04T00:00:00+02:00"),
            utc("2026-05-05T00:00:00+02:00"),
            "Europe/Berlin".into(),
        )
        .unwrap();
    let moved = after.iter().find(|o| o.id == transition.id).unwrap();
    assert!(moved.snoozed);
    assert_eq!(moved.at, transition.at + Duration::minutes(20));
    assert!(after.iter().all(|o| o.id != evening.id));
    let field = |r: Result<(), RespiteError>| match r {
        Err(RespiteError::InvalidInput { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(field(prompts.skip("nonsense".into())), "id");
    assert_eq!(
        field(prompts.snooze(
            transition.id.clone(),
            transition.at,
            transition.at + Duration::hours(13)
        )),
        "until"
    );
    assert_eq!(
        field(prompts.snooze(
            transition.id.clone(),
            transition.at,
            transition.at - Duration::minutes(1)
        )),
        "until"
    );
}

#[test]
fn the_gap_and_the_daily_cap_keep_the_most_important_prompts() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let prompts = vault.prompts();
    let mut s = WorkSchedule::default();
    s.prompts.checkin_reminders = vec![
        ClockTime::new(16, 45),
        ClockTime::new(12, 0),
        ClockTime::new(14, 0),
    ];
    s.prompts.min_gap_minutes = 30;
    s.prompts.daily_cap = 3;
    prompts.set_schedule(s).unwrap();
    let day = prompts
        .upcoming(
            utc("2026-05-04T00:00:00+02:00"),
            utc("2026-05-05T00:00:00+02:00"),
            "Europe/Berlin".into(),
        )
        .unwrap();
    let kinds: Vec<PromptKind> = day.iter().map(|o| o.kind).collect();
    // The 16:45 reminder is too close to the 17:00 transition; the cap of three keeps
    // transition, evening and start of shift over the remaining reminders.
    assert_eq!(
        kinds,
        vec![
            PromptKind::StartOfShift,
            PromptKind::Transition,
            PromptKind::EveningCheck
        ]
    );
}

#[test]
fn the_plan_review_comes_on_its_date_or_the_next_workday() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    vault
        .plan()
        .save(Plan {
            values: vec!["care".into()],
            review_date: Some("2026-05-09".into()),
            ..Plan::default()
        })
        .unwrap();
    let got = vault
        .prompts()
        .upcoming(
            utc("2026-05-08T00:00:00+02:00"),
            utc("2026-05-13T00:00:00+02:00"),
            "Europe/Berlin".into(),
        )
        .unwrap();
    let review: Vec<&PromptOccurrence> = got
        .iter()
        .filter(|o| o.kind == PromptKind::PlanReview)
        .collect();
    assert_eq!(review.len(), 1);
    // 2026-05-09 is a Saturday: the review waits for Monday at 10:00.
    assert_eq!(review[0].at, utc("2026-05-11T10:00:00+02:00"));
}

#[test]
fn the_transition_flow_saves_one_sealed_entry_and_parked_items_come_back() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let prompts = vault.prompts();
    let script = prompts
        .transition_script(moment("2026-05-04T17:05:00+02:00"))
        .unwrap();
    let steps: Vec<TransitionStep> = script.steps.iter().map(|s| s.step).collect();
    assert_eq!(
        steps,
        vec![
            TransitionStep::ParkIt,
            TransitionStep::NameIt,
            TransitionStep::SetDown,
            TransitionStep::WentWell,
            TransitionStep::SwitchRoles,
            TransitionStep::EndOfDay
        ]
    );
    assert!(
        script.practices.len() >= 3,
        "practices for a session that stays with me"
    );
    let tomorrow = prompts
        .transition_script(moment("2026-05-05T17:05:00+02:00"))
        .unwrap();
    assert_ne!(
        script.steps[0].prompt, tomorrow.steps[0].prompt,
        "wording rotates by day"
    );
    assert_eq!(
        script,
        prompts
            .transition_script(moment("2026-05-04T18:00:00+02:00"))
            .unwrap(),
        "and is stable within a day"
    );

    let answers = TransitionAnswers {
        parked: vec![
            ParkedItemDraft {
                what: "Discharge summary for bed 4".into(),
                when: Some("tomorrow 9:00".into()),
                place: Some("my desk".into()),
            },
            ParkedItemDraft {
                what: "Call back the family".into(),
                when: None,
                place: None,
            },
        ],
        pleasantness: Some(-0.2),
        energy: Some(0.3),
        feelings: vec!["drained".into()],
        set_down: Some("The argument in the corridor".into()),
        went_well: vec!["The group laughed".into()],
        who_at_home: Some("A patient partner".into()),
        first_thing: Some("Tea on the balcony".into()),
        end_of_day_signal: Some("Changed clothes".into()),
        practice: Some("slow-breathing".into()),
    };
    let entry = prompts
        .save_transition(moment("2026-05-04T17:10:00+02:00"), answers)
        .unwrap();
    assert_eq!(entry.kind, JournalKind::Transition);
    assert_eq!(entry.transition.as_ref().unwrap().parked.len(), 2);
    for secret in ["Discharge summary", "corridor", "balcony"] {
        assert!(!found_in_vault_files(&path, secret.as_bytes()));
    }
    // Search finds transition answers.
    let hits = vault
        .journal()
        .search(respite_core::SearchQuery {
            text: "balcony".into(),
            from_day: None,
            to_day: None,
            kind: None,
            tag: None,
            limit: 5,
        })
        .unwrap();
    assert_eq!(hits.hits[0].id, entry.id);
    // The prompt for that day is done.
    let today = prompts
        .upcoming(
            utc("2026-05-04T00:00:00+02:00"),
            utc("2026-05-05T00:00:00+02:00"),
            "Europe/Berlin".into(),
        )
        .unwrap();
    assert!(today.iter().all(|o| o.kind != PromptKind::Transition));

    let open = prompts.open_parked_items("2026-05-05".into()).unwrap();
    assert_eq!(open.len(), 2);
    assert_eq!(open[0].item.what, "Discharge summary for bed 4");
    prompts
        .mark_parked_done(open[0].entry_id.clone(), open[0].item.id.clone())
        .unwrap();
    let open = prompts.open_parked_items("2026-05-05".into()).unwrap();
    assert_eq!(
        open.iter()
            .map(|o| o.item.what.as_str())
            .collect::<Vec<_>>(),
        vec!["Call back the family"]
    );
    assert!(
        prompts
            .open_parked_items("2026-07-01".into())
            .unwrap()
            .is_empty(),
        "a month later they rest"
    );
    assert!(matches!(
        prompts.mark_parked_done(entry.id.clone(), "p9".into()),
        Err(RespiteError::NotFound { .. })
    ));
    assert_eq!(
        vault.journal().history(entry.id).unwrap().len(),
        1,
        "marking done made a revision"
    );
}

#[test]
fn every_step_is_skippable_but_all_skipped_saves_nothing() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let prompts = vault.prompts();
    assert!(matches!(
        prompts.save_transition(
            moment("2026-05-04T17:10:00+02:00"),
            TransitionAnswers::default()
        ),
        Err(RespiteError::InvalidInput { .. })
    ));
    let one = TransitionAnswers {
        went_well: vec!["Lunch outside".into()],
        ..TransitionAnswers::default()
    };
    assert!(prompts
        .save_transition(moment("2026-05-04T17:10:00+02:00"), one)
        .is_ok());
    let too_many = TransitionAnswers {
        went_well: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        ..TransitionAnswers::default()
    };
    assert!(
        matches!(prompts.save_transition(moment("2026-05-04T17:10:00+02:00"), too_many), Err(RespiteError::InvalidInput { field, .. }) if field == "went_well")
    );
    let bad_label = TransitionAnswers {
        feelings: vec!["zzz".into()],
        ..TransitionAnswers::default()
    };
    assert!(
        matches!(prompts.save_transition(moment("2026-05-04T17:10:00+02:00"), bad_label), Err(RespiteError::InvalidInput { field, .. }) if field == "feelings")
    );
    assert_eq!(vault.journal().count().unwrap(), 1);
}

#[test]
fn the_evening_check_is_linked_to_the_days_transition() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let prompts = vault.prompts();
    let transition = prompts
        .save_transition(
            moment("2026-05-04T17:10:00+02:00"),
            TransitionAnswers {
                set_down: Some("A hard call".into()),
                ..TransitionAnswers::default()
            },
        )
        .unwrap();
    let evening = prompts
        .save_evening_check(
            moment("2026-05-04T20:15:00+02:00"),
            EveningAnswers {
                detachment: Some(2),
                work_intrusion: Some(3),
                relaxation: Some(4),
                mastery: Some(1),
                control: Some(5),
                ..EveningAnswers::default()
            },
        )
        .unwrap();
    assert!(evening.data.evening_check);
    // All four recovery experiences, the quick two and the other three.
    assert_eq!(
        (
            evening.data.relaxation,
            evening.data.mastery,
            evening.data.control
        ),
        (Some(4), Some(1), Some(5))
    );
    assert_eq!(
        evening.data.linked_transition.as_deref(),
        Some(transition.id.as_str())
    );
    assert_eq!(
        (evening.data.detachment, evening.data.work_intrusion),
        (Some(2), Some(3))
    );
    // The evening prompt is done for that day; on a day without a transition, no link.
    let day = prompts
        .upcoming(
            utc("2026-05-04T00:00:00+02:00"),
            utc("2026-05-05T00:00:00+02:00"),
            "Europe/Berlin".into(),
        )
        .unwrap();
    assert!(day.iter().all(|o| o.kind != PromptKind::EveningCheck));
    let alone = prompts
        .save_evening_check(
            moment("2026-05-05T20:15:00+02:00"),
            EveningAnswers {
                work_intrusion: Some(0),
                ..EveningAnswers::default()
            },
        )
        .unwrap();
    assert_eq!(alone.data.linked_transition, None);
    assert!(
        matches!(prompts.save_evening_check(moment("2026-05-05T20:15:00+02:00"), EveningAnswers { detachment: Some(9), ..EveningAnswers::default() }), Err(RespiteError::InvalidInput { field, .. }) if field == "detachment")
    );
    assert!(matches!(
        prompts.save_evening_check(
            moment("2026-05-05T20:15:00+02:00"),
            EveningAnswers::default()
        ),
        Err(RespiteError::InvalidInput { .. })
    ));
}

#[test]
fn the_schedule_text_form_round_trips_through_the_vault() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let prompts = vault.prompts();
    let mut rng = Rng(7);
    for _ in 0..30 {
        let stored = prompts
            .set_schedule(random_schedule(
                &mut rng,
                NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
            ))
            .unwrap();
        assert_eq!(
            schedule_from_text(schedule_to_text(stored.clone())).unwrap(),
            stored
        );
    }
    assert_eq!(
        prompts.schedule().unwrap(),
        schedule_from_text(schedule_to_text(prompts.schedule().unwrap())).unwrap()
    );
    assert!(
        !found_in_vault_files(&path, b"quiet"),
        "the schedule is sealed"
    );
}

/// The read-modify-write paths run from several threads at once lose nothing: every
/// parked item marked done stays done, every snooze and skip is remembered, and every
/// plan save becomes its own revision.
#[test]
fn changes_made_at_once_from_several_threads_are_all_kept() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let prompts = vault.prompts();
    let parked = (0..8)
        .map(|i| ParkedItemDraft {
            what: format!("item {i}"),
            when: None,
            place: None,
        })
        .collect();
    let answers = TransitionAnswers {
        parked,
        ..Default::default()
    };
    let entry = prompts
        .save_transition(moment("2026-05-04T17:10:00+02:00"), answers)
        .unwrap();
    let ids: Vec<String> = entry
        .transition
        .unwrap()
        .parked
        .into_iter()
        .map(|p| p.id)
        .collect();
    let week = prompts
        .upcoming(
            utc("2026-05-05T00:00:00+02:00"),
            utc("2026-05-12T00:00:00+02:00"),
            "Europe/Berlin".into(),
        )
        .unwrap();
    assert!(week.len() >= 8, "{}", week.len());
    std::thread::scope(|s| {
        for (i, item) in ids.iter().enumerate() {
            let (prompts, plan, entry_id) = (vault.prompts(), vault.plan(), entry.id.clone());
            let occurrence = week[i].clone();
            s.spawn(move || {
                prompts.mark_parked_done(entry_id, item.clone()).unwrap();
                if i % 2 == 0 {
                    prompts.skip(occurrence.id).unwrap();
                } else {
                    let until = occurrence.at + Duration::minutes(10);
                    prompts.snooze(occurrence.id, occurrence.at, until).unwrap();
                }
                let mut mine = plan.current().unwrap().plan;
                mine.values = vec![format!("value from thread {i}")];
                plan.save(mine).unwrap();
            });
        }
    });
    assert!(prompts
        .open_parked_items("2026-05-05".into())
        .unwrap()
        .is_empty());
    let after = prompts
        .upcoming(
            utc("2026-05-05T00:00:00+02:00"),
            utc("2026-05-12T00:00:00+02:00"),
            "Europe/Berlin".into(),
        )
        .unwrap();
    for (i, o) in week.iter().take(8).enumerate() {
        let now = after.iter().find(|a| a.id == o.id);
        if i % 2 == 0 {
            assert!(now.is_none(), "skip {i} was lost");
        } else {
            assert!(now.is_some_and(|a| a.snoozed), "snooze {i} was lost");
        }
    }
    let revisions = vault.plan().revisions().unwrap();
    let numbers: Vec<u32> = revisions.iter().map(|r| r.revision).collect();
    assert_eq!(numbers, (1..=8).rev().collect::<Vec<u32>>());
}
