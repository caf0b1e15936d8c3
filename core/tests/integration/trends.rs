//! Trends through the real vault: series against a naive reference, the dashboard,
//! early warnings, the weekly review and "on this day".

use crate::common::*;
use chrono::{Duration, NaiveDate};
use respite_core::{
    CheckIn, CheckInData, InsightKind, JournalDraft, JournalEntry, JournalKind, Metric, Plan,
    SessionReflection, Settings, SignArea, StressZone, SyntheticOptions, TransitionAnswers, Vault,
    WarningSign,
};
use std::collections::BTreeMap;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn all_checkins(vault: &Vault) -> Vec<CheckIn> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let page = vault.checkins().list(None, None, offset, 1000).unwrap();
        offset += page.checkins.len() as u32;
        out.extend(page.checkins);
        if !page.has_more {
            return out;
        }
    }
}

fn all_entries(vault: &Vault) -> Vec<JournalEntry> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let page = vault.journal().list(offset, 1000).unwrap();
        offset += page.entries.len() as u32;
        out.extend(page.entries);
        if !page.has_more {
            return out;
        }
    }
}

/// The plainest possible computation of a metric's daily values.
fn naive_daily(
    metric: Metric,
    checkins: &[CheckIn],
    entries: &[JournalEntry],
) -> BTreeMap<String, f64> {
    let mut samples: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut any: BTreeMap<String, bool> = BTreeMap::new();
    let mut practices: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    let mut counts: BTreeMap<String, f64> = BTreeMap::new();
    let mut transitions: BTreeMap<String, bool> = BTreeMap::new();
    for c in checkins {
        any.insert(c.local_day.clone(), true);
        practices
            .entry(c.local_day.clone())
            .or_default()
            .extend(c.data.practices.iter().cloned());
        let v = match metric {
            Metric::Pleasantness => c.data.pleasantness,
            Metric::Energy => c.data.energy,
            Metric::Burnout => c.data.burnout.map(f64::from),
            Metric::Detachment => c.data.detachment.map(f64::from),
            _ => None,
        };
        if let Some(v) = v {
            samples.entry(c.local_day.clone()).or_default().push(v);
        }
    }
    for e in entries {
        any.insert(e.local_day.clone(), true);
        *counts.entry(e.local_day.clone()).or_default() += 1.0;
        let set = practices.entry(e.local_day.clone()).or_default();
        set.extend(e.practice_ids.iter().cloned());
        if let Some(r) = &e.reflection {
            set.extend(r.practice.iter().cloned());
            if metric == Metric::SessionIntensity {
                if let Some(i) = r.intensity {
                    samples
                        .entry(e.local_day.clone())
                        .or_default()
                        .push(f64::from(i));
                }
            }
        }
        if e.kind == JournalKind::Transition {
            transitions.insert(e.local_day.clone(), true);
        }
        if let Some(t) = &e.transition {
            set.extend(t.practice.iter().cloned());
            let v = match metric {
                Metric::Pleasantness => t.pleasantness,
                Metric::Energy => t.energy,
                _ => None,
            };
            if let Some(v) = v {
                samples.entry(e.local_day.clone()).or_default().push(v);
            }
        }
    }
    match metric {
        Metric::PracticesDone => any
            .keys()
            .map(|d| (d.clone(), practices.get(d).map_or(0, |s| s.len()) as f64))
            .collect(),
        Metric::JournalEntries => any
            .keys()
            .map(|d| (d.clone(), *counts.get(d).unwrap_or(&0.0)))
            .collect(),
        Metric::TransitionDone => any
            .keys()
            .map(|d| {
                (
                    d.clone(),
                    if transitions.contains_key(d) {
                        1.0
                    } else {
                        0.0
                    },
                )
            })
            .collect(),
        _ => samples
            .into_iter()
            .map(|(d, v)| (d, v.iter().sum::<f64>() / v.len() as f64))
            .collect(),
    }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn series_match_a_naive_reference() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let today = day("2026-05-04");
    vault
        .fill_synthetic(&SyntheticOptions::demo(1, 3, today))
        .unwrap();
    let (checkins, entries) = (all_checkins(&vault), all_entries(&vault));
    let (from, to) = (day("2026-02-20"), day("2026-05-03"));
    let series = vault
        .trends()
        .series(from.to_string(), to.to_string())
        .unwrap();
    for metric in [
        Metric::Pleasantness,
        Metric::Energy,
        Metric::Burnout,
        Metric::Detachment,
        Metric::SessionIntensity,
        Metric::PracticesDone,
        Metric::JournalEntries,
        Metric::TransitionDone,
    ] {
        let s = series.iter().find(|s| s.metric == metric).unwrap();
        let daily = naive_daily(metric, &checkins, &entries);
        let value = |d: NaiveDate| daily.get(&d.to_string()).copied();
        assert_eq!(s.days.len() as i64, (to - from).num_days() + 1);
        for point in &s.days {
            let d = day(&point.day);
            assert!(
                close(point.value, value(d)),
                "{metric:?} {d}: {:?} vs {:?}",
                point.value,
                value(d)
            );
            let window: Vec<f64> = (0..7)
                .filter_map(|k| value(d - Duration::days(k)))
                .collect();
            let rolling =
                (!window.is_empty()).then(|| window.iter().sum::<f64>() / window.len() as f64);
            assert!(close(point.rolling_7, rolling), "{metric:?} {d} rolling 7");
            let window: Vec<f64> = (0..28)
                .filter_map(|k| value(d - Duration::days(k)))
                .collect();
            let rolling =
                (!window.is_empty()).then(|| window.iter().sum::<f64>() / window.len() as f64);
            assert!(
                close(point.rolling_28, rolling),
                "{metric:?} {d} rolling 28"
            );
        }
        for w in &s.weeks {
            let start = day(&w.week_start);
            let values: Vec<f64> = (0..7)
                .filter_map(|k| value(start + Duration::days(k)))
                .collect();
            let mean =
                (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64);
            assert!(close(w.mean, mean), "{metric:?} week {start}");
            assert_eq!(w.days as usize, values.len());
        }
        let baseline = s.baseline.as_ref().unwrap();
        let end = to - Duration::days(7);
        let mut values: Vec<f64> = (0..56)
            .filter_map(|k| value(end - Duration::days(k)))
            .collect();
        values.sort_by(f64::total_cmp);
        let q = |p: f64| {
            let pos = p * (values.len() - 1) as f64;
            values[pos.floor() as usize]
                + (values[pos.ceil() as usize] - values[pos.floor() as usize]) * (pos - pos.floor())
        };
        assert!(
            (baseline.median - q(0.5)).abs() < 1e-9,
            "{metric:?} baseline median"
        );
        assert!(
            (baseline.spread - (q(0.75) - q(0.25))).abs() < 1e-9,
            "{metric:?} baseline spread"
        );
    }
}

#[test]
fn gaps_are_gaps_not_zeros() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    vault
        .checkins()
        .add(CheckInData {
            pleasantness: Some(0.4),
            ..CheckInData::new(moment("2026-05-01T12:00:00+02:00"))
        })
        .unwrap();
    vault
        .checkins()
        .add(CheckInData {
            pleasantness: Some(-0.2),
            ..CheckInData::new(moment("2026-05-03T12:00:00+02:00"))
        })
        .unwrap();
    let series = vault
        .trends()
        .series("2026-05-01".into(), "2026-05-03".into())
        .unwrap();
    let p = series
        .iter()
        .find(|s| s.metric == Metric::Pleasantness)
        .unwrap();
    assert_eq!(
        p.days.iter().map(|d| d.value).collect::<Vec<_>>(),
        vec![Some(0.4), None, Some(-0.2)]
    );
    let entries = series
        .iter()
        .find(|s| s.metric == Metric::JournalEntries)
        .unwrap();
    assert_eq!(
        entries.days[1].value, None,
        "a day with nothing recorded is a gap, not zero entries"
    );
    assert!(vault
        .trends()
        .series("2026-05-03".into(), "2026-05-01".into())
        .is_err());
}

#[test]
fn the_dashboard_shows_everything_and_claims_only_what_holds() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    vault
        .fill_synthetic(&SyntheticOptions::demo(1, 11, day("2026-05-04")))
        .unwrap();
    let d = vault.trends().dashboard("2026-05-04".into()).unwrap();
    assert_eq!(d.last_90_days.len(), Metric::charted().count());
    assert_eq!(d.last_year.len(), Metric::charted().count());
    assert_eq!(d.last_90_days[0].days.len(), 90);
    assert_eq!(d.last_year[0].days.len(), 365);
    assert!(!d.stress_zones.is_empty());
    // The stress zone in words and shares, never as a mean of 0–3.
    assert!(d.last_year.iter().all(|s| s.metric != Metric::StressLevel));
    let z = &d.zone_summary;
    assert_eq!(z.ready + z.reacting + z.injured + z.ill, z.days);
    assert!(
        z.text.text.starts_with(&format!(
            "Of {} days with a stress zone: ready on {}",
            z.days, z.ready
        )),
        "{}",
        z.text.text
    );
    // Every chart says its scale and which way is better.
    for s in &d.last_year {
        assert!(!s.scale.is_empty() && !s.unit.is_empty(), "{:?}", s.metric);
    }
    let pleasant = &d.last_year[0];
    assert!(
        pleasant.scale.contains("higher is better"),
        "{}",
        pleasant.scale
    );
    assert_eq!(pleasant.better, respite_core::Better::Higher);
    let walk = d
        .insights
        .iter()
        .find(|i| i.kind == InsightKind::GoesWithBetterDays && i.text.contains("evening walk"))
        .expect("the planted effect");
    // Units on the difference, and the comparison says what it compared.
    assert!(
        walk.text.contains("on the −1 to 1 scale on average"),
        "{}",
        walk.text
    );
    assert!(
        walk.text.contains("compared with") || walk.text.contains("together"),
        "{}",
        walk.text
    );
    let e = walk.evidence.as_ref().unwrap();
    assert!(
        e.days_with >= 5
            && e.days_without >= 5
            && e.interval_low > 0.0
            && e.interval_low <= e.difference
            && e.difference <= e.interval_high
    );
    assert!(e.confidence >= 0.95);
    assert!(
        e.summary
            .starts_with(&format!("{} days with ({:.2})", e.days_with, e.mean_with))
            && e.summary
                .contains(&format!("difference {:+.2}", e.difference)),
        "{}",
        e.summary
    );
    for s in &d.last_90_days {
        assert!(s.low < s.high && !s.label.is_empty(), "{:?}", s.metric);
        let max = s
            .days
            .iter()
            .filter_map(|p| p.value)
            .fold(f64::MIN, f64::max);
        assert!(
            s.days
                .iter()
                .filter_map(|p| p.value)
                .all(|v| v >= s.low && v <= s.high),
            "{:?} drawn within its range",
            s.metric
        );
        if matches!(s.metric, Metric::JournalEntries | Metric::PracticesDone) {
            assert_eq!(
                s.high,
                max.max(1.0),
                "a count's range ends at its largest value"
            );
        }
    }
    for i in &d.insights {
        let text = i.text.to_lowercase();
        assert!(
            !text.contains("causes") || text.contains("not proof"),
            "{text}"
        );
        for word in [
            "diagnos",
            "disorder",
            "depress",
            "syndrome",
            "you have burnout",
        ] {
            assert!(!text.contains(word), "{text}");
        }
        assert!(!i.wording_key.is_empty() && !i.params.is_empty());
    }
    assert!(!d.weekly_review.text.is_empty());
    assert_eq!(d.damaged, 0);
}

#[test]
fn a_sustained_drift_gives_a_gentle_warning_pointing_to_the_plan() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    vault
        .plan()
        .save(Plan {
            warning_signs: vec![WarningSign {
                area: SignArea::Relational,
                text: "Snapping at home".into(),
            }],
            supports_in_place: vec!["Reflective supervision".into()],
            ..Plan::default()
        })
        .unwrap();
    let today = day("2026-05-04");
    for k in 1..=70 {
        let d = today - Duration::days(70 - k);
        let burnout = if k > 60 { 4 } else { 2 + u8::from(k % 9 == 0) };
        vault
            .checkins()
            .add(CheckInData {
                burnout: Some(burnout),
                ..CheckInData::new(moment(&format!("{d}T09:00:00+02:00")))
            })
            .unwrap();
    }
    let insights = vault.trends().insights(today.to_string()).unwrap();
    let warning = insights
        .iter()
        .find(|i| i.kind == InsightKind::EarlyWarning)
        .expect("a warning");
    assert_eq!(warning.metric, Metric::Burnout);
    assert!(
        warning.text.contains("higher than usual") && warning.text.contains("not only personal")
    );
    let pointers = warning.pointers.as_ref().unwrap();
    assert_eq!(pointers.warning_signs, vec!["Snapping at home"]);
    assert_eq!(pointers.workplace_supports, vec!["Reflective supervision"]);
    // With too little history there is no claim at all.
    let (_dir2, path2) = vault_path();
    let fresh = new_vault(&path2);
    for k in 0..12 {
        let d = today - Duration::days(k);
        fresh
            .checkins()
            .add(CheckInData {
                burnout: Some(5),
                ..CheckInData::new(moment(&format!("{d}T09:00:00+02:00")))
            })
            .unwrap();
    }
    assert!(fresh
        .trends()
        .insights(today.to_string())
        .unwrap()
        .is_empty());
}

#[test]
fn the_weekly_review_summarises_without_guilt() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let quiet = vault
        .trends()
        .weekly_review("2026-05-04".into(), "2026-05-10".into())
        .unwrap();
    assert_eq!(quiet.days_logged, 0);
    assert!(quiet.text[0].contains("Whenever you're ready"));
    assert!(
        vault
            .trends()
            .weekly_review("2026-05-05".into(), "2026-05-10".into())
            .is_err(),
        "weeks start on Monday"
    );
    vault
        .checkins()
        .add(CheckInData {
            pleasantness: Some(0.3),
            ..CheckInData::new(moment("2026-05-05T09:00:00+02:00"))
        })
        .unwrap();
    vault
        .prompts()
        .save_transition(
            moment("2026-05-05T17:10:00+02:00"),
            TransitionAnswers {
                went_well: vec!["Lunch outside with the team".into()],
                ..TransitionAnswers::default()
            },
        )
        .unwrap();
    let review = vault
        .trends()
        .weekly_review("2026-05-04".into(), "2026-05-10".into())
        .unwrap();
    assert_eq!(
        (review.days_logged, review.checkins, review.transitions),
        (1, 1, 1)
    );
    assert_eq!(
        review.went_well.as_deref(),
        Some("Lunch outside with the team")
    );
    assert!(review.text.iter().any(|t| t.contains("1 check-in,")));
}

#[test]
fn on_this_day_finds_the_same_date_in_earlier_months_and_years() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let add = |at: &str, body: &str| vault.journal().add(draft(body, at)).unwrap().id;
    let month = add("2026-04-04T20:00:00+02:00", "A month ago today");
    let year = add("2025-05-04T20:00:00+02:00", "A year ago today");
    add("2026-05-03T20:00:00+02:00", "Yesterday");
    add("2026-05-04T08:00:00+02:00", "Today itself");
    let found = vault.trends().on_this_day("2026-05-04".into()).unwrap();
    let ids: Vec<(&str, u32)> = found
        .iter()
        .map(|f| (f.entry_id.as_str(), f.months_ago))
        .collect();
    assert_eq!(ids, vec![(month.as_str(), 1), (year.as_str(), 12)]);
    assert_eq!(found[1].excerpt, "A year ago today");
}

#[test]
fn on_this_day_is_opt_in_favours_what_went_well_and_leaves_heavy_notes_out() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let plain = vault
        .journal()
        .add(draft("An ordinary afternoon", "2026-04-04T20:00:00+02:00"))
        .unwrap()
        .id;
    vault
        .prompts()
        .save_transition(
            moment("2025-05-04T18:00:00+02:00"),
            TransitionAnswers {
                went_well: vec!["The group laughed".into()],
                ..TransitionAnswers::default()
            },
        )
        .unwrap();
    vault
        .journal()
        .add(JournalDraft {
            kind: JournalKind::AfterSession,
            reflection: Some(SessionReflection {
                intensity: Some(9),
                ..SessionReflection::default()
            }),
            ..draft("The hardest session this year", "2026-03-04T15:00:00+02:00")
        })
        .unwrap();
    vault
        .journal()
        .add(draft(
            "I can't do this anymore",
            "2026-02-04T22:00:00+02:00",
        ))
        .unwrap();
    // Off until turned on: the dashboard shows none.
    assert!(vault
        .trends()
        .dashboard("2026-05-04".into())
        .unwrap()
        .on_this_day
        .is_empty());
    vault
        .update_settings(Settings {
            on_this_day: true,
            ..vault.settings().unwrap()
        })
        .unwrap();
    let shown = vault
        .trends()
        .dashboard("2026-05-04".into())
        .unwrap()
        .on_this_day;
    let excerpts: Vec<&str> = shown.iter().map(|o| o.excerpt.as_str()).collect();
    assert_eq!(
        excerpts,
        ["The group laughed", "An ordinary afternoon"],
        "went well first, heavy ones left out"
    );
    assert!(shown[0].went_well && !shown[1].went_well);
    assert_eq!(shown[1].entry_id, plain);
}

#[test]
fn demo_data_fills_a_vault_with_a_plan() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let summary = vault
        .fill_with_demo_data(1, 5, "2026-05-04".into())
        .unwrap();
    assert!(summary.plan_saved && summary.checkins > 600 && summary.entries > 300);
    assert_eq!(
        vault.checkins().count().unwrap(),
        u64::from(summary.checkins)
    );
    assert!(
        !vault
            .fill_with_demo_data(1, 6, "2026-05-04".into())
            .unwrap()
            .plan_saved,
        "an existing plan is kept"
    );
    assert!(vault
        .fill_with_demo_data(0, 1, "2026-05-04".into())
        .is_err());
}

#[test]
fn several_hard_days_in_the_first_week_give_the_warning_before_any_baseline() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let today = day("2026-05-07");
    let zones = [
        StressZone::Reacting,
        StressZone::Injured,
        StressZone::Reacting,
        StressZone::Ill,
        StressZone::Ready,
        StressZone::Injured,
    ];
    for (k, zone) in zones.iter().enumerate() {
        let d = today - Duration::days(5 - k as i64);
        vault
            .checkins()
            .add(CheckInData {
                stress_zone: Some(*zone),
                ..CheckInData::new(moment(&format!("{d}T20:00:00+02:00")))
            })
            .unwrap();
    }
    let insights = vault.trends().insights(today.to_string()).unwrap();
    let warning = insights
        .iter()
        .find(|i| i.kind == InsightKind::EarlyWarning)
        .expect("three injured or ill days in a week");
    assert_eq!(warning.wording_key, "insight.early-warning.zone");
    assert!(
        warning.text.contains("On 3 of the last 7 days"),
        "{}",
        warning.text
    );
    assert!(warning.pointers.is_some());
    // Two such days are an ordinary hard stretch: no note.
    let (_dir2, path2) = vault_path();
    let fresh = new_vault(&path2);
    for (k, zone) in [StressZone::Injured, StressZone::Reacting, StressZone::Ill]
        .iter()
        .enumerate()
    {
        let d = today - Duration::days(k as i64);
        fresh
            .checkins()
            .add(CheckInData {
                stress_zone: Some(*zone),
                ..CheckInData::new(moment(&format!("{d}T20:00:00+02:00")))
            })
            .unwrap();
    }
    assert!(fresh
        .trends()
        .insights(today.to_string())
        .unwrap()
        .is_empty());
}

#[test]
fn compassion_satisfaction_is_an_optional_item_with_its_own_trend() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let today = day("2026-05-07");
    for k in 0..4 {
        let d = today - Duration::days(k);
        vault
            .checkins()
            .add(CheckInData {
                worthwhile: Some(2 + k as u8),
                ..CheckInData::new(moment(&format!("{d}T20:00:00+02:00")))
            })
            .unwrap();
    }
    assert!(vault
        .checkins()
        .add(CheckInData {
            worthwhile: Some(6),
            ..CheckInData::new(moment("2026-05-07T21:00:00+02:00"))
        })
        .is_err());
    let series = vault
        .trends()
        .series("2026-05-01".into(), today.to_string())
        .unwrap();
    let worthwhile = series
        .iter()
        .find(|s| s.metric == Metric::Worthwhile)
        .expect("a series of its own");
    assert_eq!(worthwhile.label, "Work felt worthwhile");
    assert_eq!((worthwhile.low, worthwhile.high), (1.0, 5.0));
    let values: Vec<f64> = worthwhile.days.iter().filter_map(|d| d.value).collect();
    assert_eq!(values, vec![5.0, 4.0, 3.0, 2.0]);
    assert!(!respite_core::catalogue().worthwhile_item.is_empty());
}

#[test]
fn a_short_history_gets_a_window_that_fits_and_activation_before_and_after() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let today = day("2026-05-14");
    for k in 0..10 {
        let d = today - Duration::days(k);
        vault
            .checkins()
            .add(CheckInData {
                pleasantness: Some(0.1),
                ..CheckInData::new(moment(&format!("{d}T20:00:00+02:00")))
            })
            .unwrap();
    }
    let series = vault
        .trends()
        .series((today - Duration::days(89)).to_string(), today.to_string())
        .unwrap();
    assert_eq!(
        series[0].days.len(),
        10,
        "two weeks are not squeezed into 90 days"
    );
    assert!(vault
        .trends()
        .activation_change("2026-05-01".into(), today.to_string())
        .unwrap()
        .is_none());
    for (k, (before, after)) in [(8, 5), (7, 4), (6, 4)].into_iter().enumerate() {
        vault
            .journal()
            .add(JournalDraft {
                reflection: Some(SessionReflection {
                    activation_before: Some(before),
                    activation_after: Some(after),
                    practice: Some("slow-breathing".into()),
                    ..SessionReflection::default()
                }),
                kind: JournalKind::AfterSession,
                ..draft("", &format!("2026-05-1{k}T11:00:00+02:00"))
            })
            .unwrap();
    }
    let change = vault
        .trends()
        .activation_change("2026-05-01".into(), today.to_string())
        .unwrap()
        .expect("three reflections with both values");
    assert_eq!(change.reflections, 3);
    assert_eq!((change.mean_before, change.mean_after), (7.0, 13.0 / 3.0));
    assert!(
        change.text.text.contains("from 7.0 to 4.3"),
        "{}",
        change.text.text
    );
}
