//! Personal trends: daily and weekly series computed in memory from decrypted records,
//! exported as plain data for native charts. Gaps are gaps, not zeros.

pub(crate) mod dashboard;
pub(crate) mod insights;

use chrono::{Datelike, Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

use crate::checkins::{self, CheckIn};
use crate::content::catalogue::StressZone;
use crate::content::wording::{self, WordedLine};
use crate::crypto::keys::VaultKeys;
use crate::error::internal::Result;
use crate::journal::{self, JournalEntry, JournalKind};
use crate::store::sealed::DayRange;
use crate::store::Store;

/// Days of history behind a personal baseline.
pub(crate) const BASELINE_DAYS: i64 = 56;

/// Something measured day by day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, uniffi::Enum)]
pub enum Metric {
    /// Mean pleasantness of the day's check-ins, −1…1.
    Pleasantness,
    /// Mean energy, 0…1.
    Energy,
    /// Mean self-rated burnout, 1–5.
    Burnout,
    /// Hours slept.
    SleepHours,
    /// Mean detachment from work, 1–5.
    Detachment,
    /// Mean work-thought intrusion, 0–4.
    WorkIntrusion,
    /// Mean compassion satisfaction (how worthwhile the work felt), 1–5.
    Worthwhile,
    /// Mean after-session intensity, 0–10.
    SessionIntensity,
    /// Stress zone as a number: ready 0, reacting 1, injured 2, ill 3.
    StressLevel,
    /// Distinct practices done.
    PracticesDone,
    /// Journal entries written.
    JournalEntries,
    /// Whether the transition was done (1) or not (0).
    TransitionDone,
}

/// Which way a metric is better, as a chart says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Better {
    /// Higher is better (pleasantness, leaving work behind).
    Higher,
    /// Lower is better (burnout, work thoughts at home).
    Lower,
    /// Neither: a count or a measure of the work itself, not of the person.
    Neither,
}

impl Metric {
    /// The metrics drawn as charts, in display order: every metric but the stress
    /// zone, which is shown in words and as a share of days ([`ZoneSummary`]), never
    /// as a mean.
    pub fn charted() -> impl Iterator<Item = Metric> {
        Metric::ALL
            .into_iter()
            .filter(|m| *m != Metric::StressLevel)
    }

    /// Which way is better.
    pub(crate) fn better(self) -> Better {
        match self {
            Metric::Pleasantness | Metric::Energy | Metric::Detachment | Metric::Worthwhile => {
                Better::Higher
            }
            Metric::Burnout | Metric::WorkIntrusion | Metric::StressLevel => Better::Lower,
            Metric::SleepHours
            | Metric::SessionIntensity
            | Metric::PracticesDone
            | Metric::JournalEntries
            | Metric::TransitionDone => Better::Neither,
        }
    }

    /// The unit a difference in it is given in ("points on 1–5", "hours").
    pub(crate) fn unit(self) -> &'static str {
        wording::text(&format!("unit.{}", self.as_str()))
    }

    /// Every metric, in display order.
    pub const ALL: [Metric; 12] = [
        Metric::Pleasantness,
        Metric::Energy,
        Metric::Burnout,
        Metric::SleepHours,
        Metric::Detachment,
        Metric::WorkIntrusion,
        Metric::Worthwhile,
        Metric::SessionIntensity,
        Metric::StressLevel,
        Metric::PracticesDone,
        Metric::JournalEntries,
        Metric::TransitionDone,
    ];

    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Pleasantness => "pleasantness",
            Metric::Energy => "energy",
            Metric::Burnout => "burnout",
            Metric::SleepHours => "sleep-hours",
            Metric::Detachment => "detachment",
            Metric::WorkIntrusion => "work-intrusion",
            Metric::Worthwhile => "worthwhile",
            Metric::SessionIntensity => "session-intensity",
            Metric::StressLevel => "stress-level",
            Metric::PracticesDone => "practices-done",
            Metric::JournalEntries => "journal-entries",
            Metric::TransitionDone => "transition-done",
        }
    }

    /// English label for charts.
    pub(crate) fn label(self) -> &'static str {
        wording::text(&self.wording_key())
    }

    /// The key of its display name (`metric.…`).
    pub(crate) fn wording_key(self) -> String {
        format!("metric.{}", self.as_str())
    }
}

/// One day's value of a metric.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DayPoint {
    /// The local day.
    pub day: String,
    /// The value; none on a day with nothing recorded for it.
    pub value: Option<f64>,
    /// Mean of the 7 days ending here (days with a value only).
    pub rolling_7: Option<f64>,
    /// Mean of the 28 days ending here.
    pub rolling_28: Option<f64>,
}

/// One week of a metric.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct WeekPoint {
    /// The Monday the week starts on.
    pub week_start: String,
    /// Mean over the days with a value.
    pub mean: Option<f64>,
    /// Days with a value.
    pub days: u32,
    /// Change from the week before (both need a value).
    pub change: Option<f64>,
}

/// Where someone usually is on a metric.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Baseline {
    /// Median of the daily values.
    pub median: f64,
    /// Spread: the interquartile range.
    pub spread: f64,
    /// Days with a value.
    pub days: u32,
    /// First and last day the baseline covers.
    pub from_day: String,
    /// Last day covered.
    pub to_day: String,
}

/// A metric over a range of days.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct MetricSeries {
    /// What is measured.
    pub metric: Metric,
    /// Every day of the range, gaps included.
    pub days: Vec<DayPoint>,
    /// Every week touching the range.
    pub weeks: Vec<WeekPoint>,
    /// The personal baseline: the 8 weeks before the range's last 7 days.
    pub baseline: Option<Baseline>,
    /// The metric's label for charts (English).
    pub label: String,
    /// The bottom of the range to draw on: the scale's minimum.
    pub low: f64,
    /// The top of the range to draw on: the scale's maximum; for counts, the largest
    /// value in the series (at least 1).
    pub high: f64,
    /// The scale in words, with which way is better ("−1 very unpleasant to 1 very
    /// pleasant; higher is better"), for the chart's caption.
    pub scale: String,
    /// Which way is better.
    pub better: Better,
    /// The unit of a difference ("points on 1–5", "hours").
    pub unit: String,
}

impl MetricSeries {
    fn new(
        metric: Metric,
        days: Vec<DayPoint>,
        weeks: Vec<WeekPoint>,
        baseline: Option<Baseline>,
    ) -> Self {
        let (low, high) = match metric {
            Metric::Pleasantness => (-1.0, 1.0),
            Metric::Energy | Metric::TransitionDone => (0.0, 1.0),
            Metric::Burnout | Metric::Detachment | Metric::Worthwhile => (1.0, 5.0),
            Metric::SleepHours => (0.0, 12.0),
            Metric::WorkIntrusion => (0.0, 4.0),
            Metric::SessionIntensity => (0.0, 10.0),
            Metric::StressLevel => (0.0, 3.0),
            Metric::PracticesDone | Metric::JournalEntries => {
                (0.0, days.iter().filter_map(|d| d.value).fold(1.0, f64::max))
            }
        };
        MetricSeries {
            metric,
            days,
            weeks,
            baseline,
            label: metric.label().to_owned(),
            low,
            high,
            scale: wording::text(&format!("scale.{}", metric.as_str())).to_owned(),
            better: metric.better(),
            unit: metric.unit().to_owned(),
        }
    }
}

/// How days spread over the stress continuum: each day with a zone counted once, in
/// the hardest zone given that day. The words say it as shares, never as a mean.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ZoneSummary {
    /// Days with a zone.
    pub days: u32,
    /// Days whose hardest zone was "ready".
    pub ready: u32,
    /// … "reacting".
    pub reacting: u32,
    /// … "injured".
    pub injured: u32,
    /// … "ill".
    pub ill: u32,
    /// The summary in words ("Of 12 days with a zone: ready on 5 (42 %), …").
    pub text: WordedLine,
}

/// How a week's check-ins spread over the stress continuum.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ZoneWeek {
    /// The Monday the week starts on.
    pub week_start: String,
    /// Check-ins in each zone.
    pub ready: u32,
    /// Reacting.
    pub reacting: u32,
    /// Injured.
    pub injured: u32,
    /// Ill.
    pub ill: u32,
}

/// Everything recorded on one day, aggregated.
#[derive(Debug, Clone, Default)]
pub(crate) struct Day {
    pub(crate) samples: BTreeMap<Metric, Vec<f64>>,
    pub(crate) zones: Vec<StressZone>,
    pub(crate) practices: BTreeSet<String>,
    pub(crate) entries: u32,
    pub(crate) transition: bool,
    pub(crate) went_well: Vec<String>,
    pub(crate) checkins: u32,
    pub(crate) reflections: u32,
    pub(crate) evening_checks: u32,
}

impl Day {
    fn add(&mut self, metric: Metric, value: Option<f64>) {
        if let Some(v) = value {
            self.samples.entry(metric).or_default().push(v);
        }
    }

    /// The day's value of `metric`, or none when nothing was recorded for it.
    pub(crate) fn value(&self, metric: Metric) -> Option<f64> {
        match metric {
            Metric::PracticesDone => Some(self.practices.len() as f64),
            Metric::JournalEntries => Some(f64::from(self.entries)),
            Metric::TransitionDone => Some(if self.transition { 1.0 } else { 0.0 }),
            _ => self
                .samples
                .get(&metric)
                .filter(|v| !v.is_empty())
                .map(|v| mean(v)),
        }
    }
}

/// The decrypted days of a range, and the records that could not be opened.
pub(crate) struct History {
    pub(crate) days: BTreeMap<NaiveDate, Day>,
    pub(crate) damaged: u32,
}

fn zone_level(z: StressZone) -> f64 {
    match z {
        StressZone::Ready => 0.0,
        StressZone::Reacting => 1.0,
        StressZone::Injured => 2.0,
        StressZone::Ill => 3.0,
    }
}

/// Decrypts every journal entry and check-in in `range` into per-day aggregates.
pub(crate) fn load(state: &Store, keys: &VaultKeys, range: &DayRange) -> Result<History> {
    let (entries, checkins) = {
        let conn = state.conn();
        (
            journal::all_in(&conn, keys, range)?,
            checkins::all_in(&conn, keys, range)?,
        )
    };
    let mut history = History::from_records(&checkins.items, &entries.items);
    history.damaged = (entries.damaged.len() + checkins.damaged.len()) as u32;
    Ok(history)
}

impl History {
    /// Aggregates records per local day.
    pub(crate) fn from_records(checkins: &[CheckIn], entries: &[JournalEntry]) -> History {
        let mut days: BTreeMap<NaiveDate, Day> = BTreeMap::new();
        let day_of = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        for c in checkins {
            let Some(date) = day_of(&c.local_day) else {
                continue;
            };
            let d = &c.data;
            let day = days.entry(date).or_default();
            day.checkins += 1;
            day.evening_checks += u32::from(d.evening_check);
            day.add(Metric::Pleasantness, d.pleasantness);
            day.add(Metric::Energy, d.energy);
            day.add(Metric::Burnout, d.burnout.map(f64::from));
            day.add(Metric::SleepHours, d.sleep_hours);
            day.add(Metric::Detachment, d.detachment.map(f64::from));
            day.add(Metric::WorkIntrusion, d.work_intrusion.map(f64::from));
            day.add(Metric::Worthwhile, d.worthwhile.map(f64::from));
            day.add(Metric::StressLevel, d.stress_zone.map(zone_level));
            day.zones.extend(d.stress_zone);
            day.practices.extend(d.practices.iter().cloned());
        }
        for e in entries {
            let Some(date) = day_of(&e.local_day) else {
                continue;
            };
            let day = days.entry(date).or_default();
            day.entries += 1;
            day.practices.extend(e.practice_ids.iter().cloned());
            if let Some(r) = &e.reflection {
                day.reflections += 1;
                day.add(Metric::SessionIntensity, r.intensity.map(f64::from));
                day.practices.extend(r.practice.iter().cloned());
            }
            if e.kind == JournalKind::Transition {
                day.transition = true;
            }
            if let Some(t) = &e.transition {
                day.add(Metric::Pleasantness, t.pleasantness);
                day.add(Metric::Energy, t.energy);
                day.practices.extend(t.practice.iter().cloned());
                day.went_well.extend(t.went_well.iter().cloned());
            }
        }
        History { days, damaged: 0 }
    }
}

pub(crate) fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// The value at quantile `q` (0…1) of sorted values, interpolated.
pub(crate) fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// The Monday of `day`'s week.
pub(crate) fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

impl History {
    /// Daily values of `metric` from `from` to `to`, gaps as none.
    pub(crate) fn daily(
        &self,
        metric: Metric,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<(NaiveDate, Option<f64>)> {
        from.iter_days()
            .take_while(|d| *d <= to)
            .map(|d| (d, self.days.get(&d).and_then(|day| day.value(metric))))
            .collect()
    }

    /// Median and interquartile range of `metric` over `from..=to`, when at least
    /// `min_days` have a value.
    pub(crate) fn baseline(
        &self,
        metric: Metric,
        from: NaiveDate,
        to: NaiveDate,
        min_days: usize,
    ) -> Option<Baseline> {
        let mut values: Vec<f64> = self
            .daily(metric, from, to)
            .into_iter()
            .filter_map(|(_, v)| v)
            .collect();
        if values.len() < min_days.max(1) {
            return None;
        }
        values.sort_by(f64::total_cmp);
        Some(Baseline {
            median: quantile(&values, 0.5),
            spread: quantile(&values, 0.75) - quantile(&values, 0.25),
            days: values.len() as u32,
            from_day: from.to_string(),
            to_day: to.to_string(),
        })
    }

    /// The series of `metric` over `from..=to`.
    pub(crate) fn series(&self, metric: Metric, from: NaiveDate, to: NaiveDate) -> MetricSeries {
        // Daily values from 27 days before (for the first day's 28-day mean) and from
        // the week before the first week, with running sums for O(1) windows.
        let start = from.min(monday(from) - Duration::weeks(1)) - Duration::days(27);
        let values = self.daily(metric, start, to);
        let mut sums = vec![(0.0, 0u32); values.len() + 1];
        for (i, (_, v)) in values.iter().enumerate() {
            let (s, n) = sums[i];
            sums[i + 1] = match v {
                Some(v) => (s + v, n + 1),
                None => (s, n),
            };
        }
        let mean_of = |first: usize, end: usize| {
            let (s, n) = (sums[end].0 - sums[first].0, sums[end].1 - sums[first].1);
            (n > 0).then(|| s / f64::from(n))
        };
        let index = |day: NaiveDate| (day - start).num_days() as usize;
        let days: Vec<DayPoint> = (index(from)..values.len())
            .map(|i| DayPoint {
                day: values[i].0.to_string(),
                value: values[i].1,
                rolling_7: mean_of(i + 1 - 7, i + 1),
                rolling_28: mean_of(i + 1 - 28, i + 1),
            })
            .collect();
        let mut weeks: Vec<WeekPoint> = Vec::new();
        let mut week = monday(from);
        while week <= to {
            let (first, end) = (index(week), (index(week) + 7).min(values.len()));
            let previous = mean_of(first - 7, first);
            let mean = mean_of(first, end);
            weeks.push(WeekPoint {
                week_start: week.to_string(),
                mean,
                days: sums[end].1 - sums[first].1,
                change: mean.zip(previous).map(|(now, before)| now - before),
            });
            week += Duration::weeks(1);
        }
        let baseline_end = to - Duration::days(7);
        let baseline = self.baseline(
            metric,
            baseline_end - Duration::days(BASELINE_DAYS - 1),
            baseline_end,
            14,
        );
        MetricSeries::new(metric, days, weeks, baseline)
    }

    /// The part of a series from `from` on (days, and weeks starting from `from`'s week).
    pub(crate) fn tail(series: &MetricSeries, from: NaiveDate) -> MetricSeries {
        let (from_day, from_week) = (from.to_string(), monday(from).to_string());
        MetricSeries::new(
            series.metric,
            series
                .days
                .iter()
                .filter(|d| d.day >= from_day)
                .cloned()
                .collect(),
            series
                .weeks
                .iter()
                .filter(|w| w.week_start >= from_week)
                .cloned()
                .collect(),
            series.baseline.clone(),
        )
    }

    /// The share of days in each zone over `from..=to`.
    pub(crate) fn zone_summary(&self, from: NaiveDate, to: NaiveDate) -> ZoneSummary {
        let mut counts = [0u32; 4];
        for (_, day) in self.days.range(from..=to) {
            if let Some(hardest) = day.zones.iter().map(|z| zone_level(*z) as usize).max() {
                counts[hardest] += 1;
            }
        }
        let days: u32 = counts.iter().sum();
        let share = |n: u32| {
            if days == 0 {
                0
            } else {
                (f64::from(n) * 100.0 / f64::from(days)).round() as u32
            }
        };
        let [ready, reacting, injured, ill] = counts;
        let text = if days == 0 {
            wording::line("zones.none", Vec::new())
        } else {
            let mut params = vec![wording::param("days", days)];
            for (name, n) in [
                ("ready", ready),
                ("reacting", reacting),
                ("injured", injured),
                ("ill", ill),
            ] {
                params.push(wording::param(name, n));
                params.push(wording::param(&format!("{name}_share"), share(n)));
            }
            wording::line("zones.summary", params)
        };
        ZoneSummary {
            days,
            ready,
            reacting,
            injured,
            ill,
            text,
        }
    }

    /// The first day in `from..=to` with anything recorded.
    pub(crate) fn first_recorded(&self, from: NaiveDate, to: NaiveDate) -> Option<NaiveDate> {
        self.days.range(from..=to).next().map(|(day, _)| *day)
    }

    /// Weekly stress-zone counts over `from..=to`.
    pub(crate) fn zone_weeks(&self, from: NaiveDate, to: NaiveDate) -> Vec<ZoneWeek> {
        let mut out = Vec::new();
        let mut week = monday(from);
        while week <= to {
            let mut zw = ZoneWeek {
                week_start: week.to_string(),
                ready: 0,
                reacting: 0,
                injured: 0,
                ill: 0,
            };
            for (_, day) in self.days.range(week..=week + Duration::days(6)) {
                for z in &day.zones {
                    match z {
                        StressZone::Ready => zw.ready += 1,
                        StressZone::Reacting => zw.reacting += 1,
                        StressZone::Injured => zw.injured += 1,
                        StressZone::Ill => zw.ill += 1,
                    }
                }
            }
            out.push(zw);
            week += Duration::weeks(1);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_and_every_trends_sentence_has_wording() {
        for metric in Metric::ALL {
            assert!(wording::has(&metric.wording_key()), "{metric:?}");
        }
        for key in [
            "weekly.quiet",
            "weekly.logged",
            "weekly.changed.higher",
            "weekly.changed.lower",
            "weekly.practice.target",
            "weekly.practice.times",
            "weekly.practices",
            "weekly.went-well",
            "insight.better-days",
            "insight.early-warning",
            "outcome.pleasantness",
            "outcome.energy",
            "outcome.detachment",
        ] {
            assert!(wording::has(key), "{key}");
        }
    }

    fn history(values: &[(i64, f64)]) -> History {
        let start = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
        let mut days = BTreeMap::new();
        for (offset, v) in values {
            let mut day = Day::default();
            day.add(Metric::Pleasantness, Some(*v));
            days.insert(start + Duration::days(*offset), day);
        }
        History { days, damaged: 0 }
    }

    #[test]
    fn gaps_stay_gaps_and_rolling_means_skip_them() {
        let h = history(&[(0, 0.5), (2, -0.5), (3, 0.0)]);
        let from = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
        let s = h.series(Metric::Pleasantness, from, from + Duration::days(3));
        let values: Vec<Option<f64>> = s.days.iter().map(|d| d.value).collect();
        assert_eq!(values, vec![Some(0.5), None, Some(-0.5), Some(0.0)]);
        assert_eq!(s.days[1].rolling_7, Some(0.5));
        assert_eq!(s.days[3].rolling_7, Some(0.0));
        assert_eq!(s.weeks.len(), 1);
        assert_eq!(s.weeks[0].days, 3);
    }

    #[test]
    fn quantiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.5), 2.5);
        assert_eq!(quantile(&v, 0.0), 1.0);
        assert_eq!(quantile(&v, 1.0), 4.0);
    }
}
