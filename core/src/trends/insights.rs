//! Honest insights: only what the data can support, with effect sizes and
//! uncertainty, "goes together with" and never "causes", and no diagnosis.
//!
//! - What goes with better days: for each practice (and for doing the transition),
//!   the difference in the same day's outcome between days with and without it. Shown
//!   only with at least 5 days on each side and a moving-block bootstrap interval that
//!   excludes zero at a family-wise 95 % level (Bonferroni over everything tested).
//! - Early warning: 7 of the last 10 days beyond the personal baseline (8 weeks
//!   before) plus a margin, pointing to the person's own plan. Until the stress zone
//!   has a baseline, 3 or more days in the injured or ill zone within the last 7 give
//!   the same gentle note, so it works from the first week.

use chrono::{Duration, NaiveDate};
use std::collections::BTreeSet;

use crate::content::catalogue::StressZone;
use crate::content::wording::{self, param, InsightParam};
use crate::plan::Plan;
use crate::rng::Rng;
use crate::trends::{mean, quantile, History, Metric, BASELINE_DAYS};

/// Days needed on each side of a comparison.
pub const MIN_DAYS_EACH_SIDE: u32 = 5;
/// Family-wise error rate of the "goes with better days" claims.
const FAMILY_ALPHA: f64 = 0.05;
const BOOTSTRAP_RESAMPLES: usize = 1000;
const BLOCK_DAYS: usize = 7;
/// Days of the early-warning window, and how many of them must be beyond baseline.
const WARNING_WINDOW: i64 = 10;
const WARNING_DAYS: usize = 7;
/// Days of the zone warning's window, and how many injured or ill days it takes.
const ZONE_WINDOW: i64 = 7;
const ZONE_WARNING_DAYS: usize = 3;

/// What an insight is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum InsightKind {
    /// A practice (or the transition) goes together with better days.
    GoesWithBetterDays,
    /// A sustained drift away from the personal baseline.
    EarlyWarning,
}

/// The numbers behind a "goes with better days" insight.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Evidence {
    /// The outcome compared.
    pub outcome: Metric,
    /// Days with the practice (and an outcome).
    pub days_with: u32,
    /// Days without it (and an outcome).
    pub days_without: u32,
    /// Mean outcome on days with it.
    pub mean_with: f64,
    /// Mean outcome on days without it.
    pub mean_without: f64,
    /// `mean_with − mean_without`.
    pub difference: f64,
    /// Lower end of the interval.
    pub interval_low: f64,
    /// Upper end of the interval.
    pub interval_high: f64,
    /// The interval's confidence level (e.g. 0.99 when 5 things were tested).
    pub confidence: f64,
    /// All of the above in one line, as every shell shows it (English).
    pub summary: String,
}

/// Where an early warning points: the person's own plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlanPointers {
    /// My early warning signs.
    pub warning_signs: Vec<String>,
    /// Supports my workplace offers.
    pub workplace_supports: Vec<String>,
    /// Supports I want to ask for.
    pub supports_to_request: Vec<String>,
    /// Whether my emergency plan has anything in it (the card is always available).
    pub has_emergency_plan: bool,
}

/// One insight: a wording key with parameters (for translation), the English text,
/// and the evidence behind it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Insight {
    /// What it is about.
    pub kind: InsightKind,
    /// The wording template's key.
    pub wording_key: String,
    /// The template's parameters.
    pub params: Vec<InsightParam>,
    /// The English text.
    pub text: String,
    /// The numbers (for "goes with better days").
    pub evidence: Option<Evidence>,
    /// The metric concerned.
    pub metric: Metric,
    /// Where to look next (for early warnings).
    pub pointers: Option<PlanPointers>,
}

/// Mean difference between days with and without, and its moving-block bootstrap
/// percentile interval at `confidence`. `days` are (outcome, with?) in day order.
pub(crate) fn compare(days: &[(f64, bool)], confidence: f64, seed: u64) -> Option<Evidence> {
    let (with, without): (Vec<f64>, Vec<f64>) = {
        let with: Vec<f64> = days.iter().filter(|d| d.1).map(|d| d.0).collect();
        let without: Vec<f64> = days.iter().filter(|d| !d.1).map(|d| d.0).collect();
        (with, without)
    };
    if with.len() < MIN_DAYS_EACH_SIDE as usize || without.len() < MIN_DAYS_EACH_SIDE as usize {
        return None;
    }
    // Sums and counts of each side over every block of consecutive days, so a
    // resample costs one step per block rather than per day.
    let n = days.len();
    let block = BLOCK_DAYS.min(n);
    let mut prefix = vec![(0.0, 0u32, 0.0, 0u32); n + 1];
    for (i, &(value, is_with)) in days.iter().enumerate() {
        let (sw, nw, so, no) = prefix[i];
        prefix[i + 1] = if is_with {
            (sw + value, nw + 1, so, no)
        } else {
            (sw, nw, so + value, no + 1)
        };
    }
    let window = |start: usize, len: usize| {
        let (a, b) = (prefix[start], prefix[start + len]);
        (b.0 - a.0, b.1 - a.1, b.2 - a.2, b.3 - a.3)
    };
    let starts = n - block + 1;
    let mut rng = Rng::new(seed);
    let mut diffs = Vec::with_capacity(BOOTSTRAP_RESAMPLES);
    while diffs.len() < BOOTSTRAP_RESAMPLES {
        let (mut sum_with, mut n_with, mut sum_without, mut n_without) = (0.0, 0u32, 0.0, 0u32);
        let mut taken = 0;
        while taken < n {
            let start = rng.below(starts);
            let (sw, nw, so, no) = window(start, block.min(n - taken));
            sum_with += sw;
            n_with += nw;
            sum_without += so;
            n_without += no;
            taken += block;
        }
        if n_with > 0 && n_without > 0 {
            diffs.push(sum_with / f64::from(n_with) - sum_without / f64::from(n_without));
        }
    }
    diffs.sort_by(f64::total_cmp);
    let tail = (1.0 - confidence) / 2.0;
    let (mean_with, mean_without) = (mean(&with), mean(&without));
    let (days_with, days_without) = (with.len() as u32, without.len() as u32);
    let difference = mean_with - mean_without;
    let (interval_low, interval_high) = (quantile(&diffs, tail), quantile(&diffs, 1.0 - tail));
    Some(Evidence {
        outcome: Metric::Pleasantness,
        days_with,
        days_without,
        mean_with,
        mean_without,
        difference,
        interval_low,
        interval_high,
        confidence,
        summary: format!(
            "{days_with} days with ({mean_with:.2}), {days_without} without ({mean_without:.2}); difference {difference:+.2}, {:.0}% interval {interval_low:+.2} to {interval_high:+.2}",
            confidence * 100.0
        ),
    })
}

/// A seed from the text of a factor, so results are the same every time.
fn seed_of(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Something that may go with better days: a practice, or doing the transition.
struct Factor {
    id: String,
    name: String,
    outcome: Metric,
    /// (outcome, whether the factor was present) for each day with an outcome.
    days: Vec<(f64, bool)>,
    /// For each of those days, whether it was a workday.
    workdays: Vec<bool>,
}

/// The days a comparison uses, and the wording key saying which kind they are.
type Compared = (Vec<(f64, bool)>, &'static str);

/// The share of a factor's days that must fall on one kind of day (workdays or days
/// off) for the comparison to keep to that kind.
const ONE_KIND: f64 = 0.8;

impl Factor {
    /// The days to compare, like with like: when nearly all days with the factor are
    /// workdays (or days off) and there are enough of that kind without it, only that
    /// kind; else all days. With the words saying which.
    fn like_with_like(&self) -> Compared {
        let with: Vec<bool> = self
            .days
            .iter()
            .zip(&self.workdays)
            .filter(|((_, present), _)| *present)
            .map(|(_, workday)| *workday)
            .collect();
        let on_workdays = with.iter().filter(|w| **w).count() as f64 / with.len().max(1) as f64;
        let keep = if on_workdays >= ONE_KIND {
            Some(true)
        } else if on_workdays <= 1.0 - ONE_KIND {
            Some(false)
        } else {
            None
        };
        if let Some(kind) = keep {
            let days: Vec<(f64, bool)> = self
                .days
                .iter()
                .zip(&self.workdays)
                .filter(|(_, workday)| **workday == kind)
                .map(|(d, _)| *d)
                .collect();
            let without = days.iter().filter(|d| !d.1).count();
            if without >= MIN_DAYS_EACH_SIDE as usize {
                let words = if kind {
                    "compared.workdays"
                } else {
                    "compared.days-off"
                };
                return (days, words);
            }
        }
        (self.days.clone(), "compared.all")
    }
}

/// The factors to compare over `from..=to`, each with its days. A day is a workday
/// when it is one of `shift_days` (the schedule's), or without a schedule, when it
/// has a reflection or a transition.
fn factors(
    history: &History,
    plan: &Plan,
    from: NaiveDate,
    to: NaiveDate,
    shift_days: Option<&BTreeSet<NaiveDate>>,
) -> Vec<Factor> {
    let workday = |date: &NaiveDate, day: &crate::trends::Day| {
        shift_days.map_or(day.transition || day.reflections > 0, |s| s.contains(date))
    };
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for (_, day) in history.days.range(from..=to) {
        ids.extend(day.practices.iter().cloned());
    }
    let mut named: Vec<(String, String, Metric)> = ids
        .into_iter()
        .map(|id| {
            let name = plan
                .practice(&id)
                .map_or_else(|| id.clone(), |p| p.name.clone());
            (id, name, Metric::Pleasantness)
        })
        .collect();
    named.push((
        "transition".to_owned(),
        "the transition home".to_owned(),
        Metric::Detachment,
    ));
    named
        .into_iter()
        .map(|(id, name, outcome)| {
            let (days, workdays) = history
                .days
                .range(from..=to)
                .filter_map(|(date, day)| {
                    let present = if id == "transition" {
                        day.transition
                    } else {
                        day.practices.contains(&id)
                    };
                    Some(((day.value(outcome)?, present), workday(date, day)))
                })
                .unzip();
            Factor {
                id,
                name,
                outcome,
                days,
                workdays,
            }
        })
        .collect()
}

/// "Goes together with better days" insights over `from..=to`.
pub(crate) fn better_days(
    history: &History,
    plan: &Plan,
    from: NaiveDate,
    to: NaiveDate,
    shift_days: Option<&BTreeSet<NaiveDate>>,
) -> Vec<Insight> {
    let enough = |days: &[(f64, bool)]| {
        let with = days.iter().filter(|d| d.1).count();
        with >= MIN_DAYS_EACH_SIDE as usize && days.len() - with >= MIN_DAYS_EACH_SIDE as usize
    };
    let candidates: Vec<(Factor, Compared)> = factors(history, plan, from, to, shift_days)
        .into_iter()
        .map(|f| {
            let compared = f.like_with_like();
            (f, compared)
        })
        .filter(|(_, (days, _))| enough(days))
        .collect();
    let tested = candidates.len().max(1) as f64;
    let confidence = 1.0 - FAMILY_ALPHA / tested;
    let mut out = Vec::new();
    for (
        Factor {
            id, name, outcome, ..
        },
        (days, compared),
    ) in candidates
    {
        let Some(mut evidence) = compare(&days, confidence, seed_of(&id)) else {
            continue;
        };
        evidence.outcome = outcome;
        let better = evidence.interval_low > 0.0;
        if !better {
            continue;
        }
        let params = vec![
            param("practice", mid_sentence(&name)),
            param("outcome", outcome_words(outcome)),
            param("difference", format!("{:+.2}", evidence.difference)),
            param("unit", outcome.unit()),
            param("compared", wording::text(compared)),
            param("low", format!("{:+.2}", evidence.interval_low)),
            param("high", format!("{:+.2}", evidence.interval_high)),
            param("confidence", format!("{:.0}", evidence.confidence * 100.0)),
            param("days_with", evidence.days_with),
            param("days_without", evidence.days_without),
        ];
        let key = "insight.better-days";
        out.push(Insight {
            kind: InsightKind::GoesWithBetterDays,
            wording_key: key.to_owned(),
            text: wording::fill(key, &params),
            params,
            evidence: Some(evidence),
            metric: outcome,
            pointers: None,
        });
    }
    out.sort_by(|a, b| {
        let da = a.evidence.as_ref().map_or(0.0, |e| e.difference);
        let db = b.evidence.as_ref().map_or(0.0, |e| e.difference);
        db.total_cmp(&da)
    });
    out
}

/// A name as it reads inside a sentence: "Evening walk" → "evening walk", while
/// "EMDR practice" and "Yoga With Adriene" keep their capitals.
fn mid_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second))
            if first.is_uppercase()
                && second.is_lowercase()
                && !name
                    .split(' ')
                    .skip(1)
                    .any(|w| w.starts_with(char::is_uppercase)) =>
        {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_owned(),
    }
}

/// How an outcome reads in "… go together with higher {outcome}".
fn outcome_words(outcome: Metric) -> &'static str {
    wording::text(match outcome {
        Metric::Detachment => "outcome.detachment",
        Metric::Energy => "outcome.energy",
        _ => "outcome.pleasantness",
    })
}

/// Metrics watched for a sustained drift: (metric, worse when higher, least margin).
const WATCHED: [(Metric, bool, f64); 5] = [
    (Metric::Burnout, true, 0.5),
    (Metric::StressLevel, true, 0.5),
    (Metric::WorkIntrusion, true, 0.5),
    (Metric::Detachment, false, 0.5),
    (Metric::Pleasantness, false, 0.15),
];

/// Early-warning signals for the 10 days ending `today`.
pub(crate) fn early_warnings(history: &History, plan: &Plan, today: NaiveDate) -> Vec<Insight> {
    let window_start = today - Duration::days(WARNING_WINDOW - 1);
    let baseline_end = window_start - Duration::days(1);
    let baseline_start = baseline_end - Duration::days(BASELINE_DAYS - 1);
    let mut out = Vec::new();
    for (metric, higher_is_worse, least_margin) in WATCHED {
        let Some(baseline) = history.baseline(metric, baseline_start, baseline_end, 20) else {
            continue;
        };
        let recent: Vec<f64> = history
            .daily(metric, window_start, today)
            .into_iter()
            .filter_map(|(_, v)| v)
            .collect();
        if recent.len() < WARNING_DAYS {
            continue;
        }
        let margin = baseline.spread.max(least_margin);
        let beyond = recent
            .iter()
            .filter(|v| {
                if higher_is_worse {
                    **v > baseline.median + margin
                } else {
                    **v < baseline.median - margin
                }
            })
            .count();
        if beyond < WARNING_DAYS {
            continue;
        }
        let mut sorted = recent.clone();
        sorted.sort_by(f64::total_cmp);
        let direction = if higher_is_worse { "higher" } else { "lower" };
        // The zone is named, never given as a number from 0 to 3.
        let told = |v: f64| match metric {
            Metric::StressLevel => zone_name(v),
            _ => format!("{v:.2}"),
        };
        let params = vec![
            param("metric", metric.label().to_lowercase()),
            param("direction", direction),
            param("days", beyond),
            param("window", WARNING_WINDOW),
            param("recent", told(quantile(&sorted, 0.5))),
            param("usual", told(baseline.median)),
        ];
        out.push(warning("insight.early-warning", params, metric, plan));
    }
    let hard_days = history
        .days
        .range(today - Duration::days(ZONE_WINDOW - 1)..=today)
        .filter(|(_, day)| {
            day.zones
                .iter()
                .any(|z| matches!(z, StressZone::Injured | StressZone::Ill))
        })
        .count();
    let has_baseline = history
        .baseline(Metric::StressLevel, baseline_start, baseline_end, 20)
        .is_some();
    if hard_days >= ZONE_WARNING_DAYS && !has_baseline {
        let params = vec![param("days", hard_days), param("window", ZONE_WINDOW)];
        out.push(warning(
            "insight.early-warning.zone",
            params,
            Metric::StressLevel,
            plan,
        ));
    }
    out
}

/// The zone a stress level (ready 0 … ill 3) rounds to, by name.
fn zone_name(level: f64) -> String {
    let zone = match level.round() as i64 {
        i64::MIN..=0 => StressZone::Ready,
        1 => StressZone::Reacting,
        2 => StressZone::Injured,
        _ => StressZone::Ill,
    };
    zone.as_str().to_owned()
}

/// An early warning worded by `key`, pointing to the plan.
fn warning(key: &str, params: Vec<InsightParam>, metric: Metric, plan: &Plan) -> Insight {
    Insight {
        kind: InsightKind::EarlyWarning,
        wording_key: key.to_owned(),
        text: wording::fill(key, &params),
        params,
        evidence: None,
        metric,
        pointers: Some(PlanPointers {
            warning_signs: plan.warning_signs.iter().map(|s| s.text.clone()).collect(),
            workplace_supports: plan.supports_in_place.clone(),
            supports_to_request: plan.supports_to_request.clone(),
            has_emergency_plan: plan.emergency != Default::default(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_claim_without_five_days_on_each_side() {
        let days: Vec<(f64, bool)> = (0..30).map(|i| (f64::from(i), i < 4)).collect();
        assert!(compare(&days, 0.95, 1).is_none());
    }

    #[test]
    fn a_clear_difference_has_an_interval_that_excludes_zero() {
        let days: Vec<(f64, bool)> = (0..60)
            .map(|i| {
                (
                    if i % 2 == 0 { 1.0 } else { 0.0 } + f64::from(i % 5) * 0.01,
                    i % 2 == 0,
                )
            })
            .collect();
        let e = compare(&days, 0.95, 7).unwrap();
        assert!(e.difference > 0.9 && e.interval_low > 0.8, "{e:?}");
        assert_eq!(compare(&days, 0.95, 7), Some(e), "deterministic");
    }

    #[test]
    fn names_read_well_mid_sentence() {
        assert_eq!(mid_sentence("Evening walk"), "evening walk");
        assert_eq!(mid_sentence("EMDR practice"), "EMDR practice");
        assert_eq!(mid_sentence("Yoga With Adriene"), "Yoga With Adriene");
        assert_eq!(mid_sentence("the transition home"), "the transition home");
    }

    #[test]
    fn templates_fill_their_placeholders() {
        assert_eq!(
            wording::render("a {x} b {y}", &[param("x", 1), param("y", "two")]),
            "a 1 b two"
        );
    }
}
