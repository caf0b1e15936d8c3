//! The trends: series, insights, the weekly review, "on this day", and the
//! full dashboard, all computed in memory from decrypted records.

use chrono::{Datelike, Duration, Months, NaiveDate};

use crate::content::wording::{self, param, WordedLine};
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::journal::HEAVY_SESSION;
use crate::journal::{self, JournalKind};
use crate::plan::revisions::{self, PracticeAdherence};
use crate::prompts::transition;
use crate::store::sealed::{self, DayRange};
use crate::store::{settings, Store};
use crate::support;
use crate::trends::insights::{self, Insight};
use crate::trends::{
    self, monday, History, Metric, MetricSeries, ZoneSummary, ZoneWeek, BASELINE_DAYS,
};

/// A change from one week to the next worth mentioning.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NotableChange {
    /// What changed.
    pub metric: Metric,
    /// This week's mean.
    pub this_week: f64,
    /// Last week's mean.
    pub last_week: f64,
}

/// A short, structured summary of one week, with text built from templates.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct WeeklyReview {
    /// The Monday the week starts on.
    pub week_start: String,
    /// Days with anything logged.
    pub days_logged: u32,
    /// Check-ins.
    pub checkins: u32,
    /// After-session reflections.
    pub reflections: u32,
    /// Transitions done.
    pub transitions: u32,
    /// Changes from the week before that are large enough to mention.
    pub notable_changes: Vec<NotableChange>,
    /// Practices done against their targets this week.
    pub practices: Vec<PracticeAdherence>,
    /// One thing that went well, from the week's transitions.
    pub went_well: Option<String>,
    /// The summary as English sentences.
    pub text: Vec<String>,
    /// The same sentences with their wording keys and parameters, for translation.
    pub lines: Vec<WordedLine>,
}

/// An entry from the same date in an earlier month or year.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OnThisDay {
    /// The entry's id.
    pub entry_id: String,
    /// Its local day.
    pub local_day: String,
    /// How many months ago.
    pub months_ago: u32,
    /// Its kind.
    pub kind: JournalKind,
    /// Its title, if any.
    pub title: Option<String>,
    /// The start of its text, or for a transition what went well.
    pub excerpt: String,
    /// Whether the excerpt is something that went well.
    pub went_well: bool,
}

/// Activation before and after a regulation practice, from the person's own ratings.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ActivationChange {
    /// Reflections that rated activation before and after a practice.
    pub reflections: u32,
    /// Their mean activation before, 0–10.
    pub mean_before: f64,
    /// Their mean activation after, 0–10.
    pub mean_after: f64,
    /// The change in words, with its scale.
    pub text: WordedLine,
}

/// Everything the trends screen shows, in one call.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Dashboard {
    /// The day it was computed for.
    pub today: String,
    /// Every metric over the last 90 days.
    pub last_90_days: Vec<MetricSeries>,
    /// Every metric over the last year.
    pub last_year: Vec<MetricSeries>,
    /// Stress zones week by week, last 90 days.
    pub stress_zones: Vec<ZoneWeek>,
    /// The share of days in each zone over the last 90 days, in words.
    pub zone_summary: ZoneSummary,
    /// Activation before and after a practice over the last 90 days, when there are
    /// at least three reflections to tell.
    pub activation: Option<ActivationChange>,
    /// Current insights.
    pub insights: Vec<Insight>,
    /// This week so far (or last week, when nothing is logged this week yet).
    pub weekly_review: WeeklyReview,
    /// Entries from this date in earlier months and years.
    pub on_this_day: Vec<OnThisDay>,
    /// Records that could not be opened and were left out.
    pub damaged: u32,
}

/// How large a week-to-week change must be to be mentioned.
fn notable_threshold(metric: Metric) -> Option<f64> {
    match metric {
        Metric::Pleasantness => Some(0.15),
        Metric::Energy => Some(0.1),
        Metric::Burnout | Metric::Detachment | Metric::WorkIntrusion | Metric::Worthwhile => {
            Some(0.5)
        }
        // The zone is told in words and shares, never as a mean.
        Metric::StressLevel => None,
        Metric::SleepHours => Some(0.75),
        Metric::SessionIntensity => Some(1.0),
        Metric::PracticesDone | Metric::JournalEntries | Metric::TransitionDone => None,
    }
}

fn history(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<History> {
    let keys = store.keys()?;
    trends::load(
        store,
        &keys,
        &DayRange::new(Some(&from.to_string()), Some(&to.to_string()))?,
    )
}

fn plan(store: &Store) -> Result<crate::plan::Plan> {
    let keys = store.keys()?;
    Ok(revisions::current_plan(&store.conn(), &keys)?.plan)
}

fn review(
    store: &Store,
    history: &History,
    week: NaiveDate,
    today: NaiveDate,
) -> Result<WeeklyReview> {
    let end = (week + Duration::days(6)).min(today);
    let days: Vec<_> = history.days.range(week..=end).map(|(_, d)| d).collect();
    let count = |f: &dyn Fn(&trends::Day) -> u32| days.iter().map(|d| f(d)).sum::<u32>();
    let (checkins, reflections) = (count(&|d| d.checkins), count(&|d| d.reflections));
    let transitions = count(&|d| u32::from(d.transition));
    let mut notable_changes = Vec::new();
    for metric in Metric::ALL {
        let Some(threshold) = notable_threshold(metric) else {
            continue;
        };
        let week_mean = |from: NaiveDate, to: NaiveDate| {
            let v: Vec<f64> = history
                .daily(metric, from, to)
                .into_iter()
                .filter_map(|(_, v)| v)
                .collect();
            (v.len() >= 3).then(|| trends::mean(&v))
        };
        let (Some(this), Some(last)) = (
            week_mean(week, end),
            week_mean(week - Duration::weeks(1), week - Duration::days(1)),
        ) else {
            continue;
        };
        if (this - last).abs() >= threshold {
            notable_changes.push(NotableChange {
                metric,
                this_week: this,
                last_week: last,
            });
        }
    }
    let shift_days = transition::shift_days(store, end - Duration::days(7), end)?;
    let practices = revisions::adherence(store, end.to_string(), 1, shift_days.as_ref())?;
    let went_well = days
        .iter()
        .rev()
        .flat_map(|d| d.went_well.iter())
        .next()
        .cloned();
    let mut lines = Vec::new();
    let days_logged = days.len() as u32;
    let count = |name: &str, n: u32| [param(name, n), param(&format!("{name}_s"), plural(n))];
    if days_logged == 0 {
        lines.push(wording::line("weekly.quiet", Vec::new()));
    } else {
        let params = [
            count("checkins", checkins),
            count("reflections", reflections),
            count("transitions", transitions),
            count("days", days_logged),
        ];
        lines.push(wording::line("weekly.logged", params.concat()));
    }
    for c in &notable_changes {
        let key = if c.this_week > c.last_week {
            "weekly.changed.higher"
        } else {
            "weekly.changed.lower"
        };
        let params = vec![
            param("metric", c.metric.label()),
            param("this_week", format!("{:.1}", c.this_week)),
            param("last_week", format!("{:.1}", c.last_week)),
        ];
        lines.push(wording::line(key, params));
    }
    let kept: Vec<String> = practices
        .iter()
        .filter_map(|p| p.weeks.last().filter(|w| w.done > 0).map(|w| (p, w)))
        .map(|(p, w)| {
            let mut params = vec![param("practice", p.name.to_lowercase())];
            params.extend(count("done", w.done));
            match w.target {
                // "2 of 1" reads as a score: past the aim, or with none, just the count.
                Some(t) if w.done <= t && t > 0 => {
                    params.push(param("target", t));
                    wording::fill("weekly.practice.target", &params)
                }
                _ => wording::fill("weekly.practice.times", &params),
            }
        })
        .collect();
    if !kept.is_empty() {
        lines.push(wording::line(
            "weekly.practices",
            vec![param("list", kept.join("; "))],
        ));
    }
    if let Some(w) = &went_well {
        lines.push(wording::line("weekly.went-well", vec![param("text", w)]));
    }
    let text = lines.iter().map(|l| l.text.clone()).collect();
    Ok(WeeklyReview {
        week_start: week.to_string(),
        days_logged,
        checkins,
        reflections,
        transitions,
        notable_changes,
        practices,
        went_well,
        text,
        lines,
    })
}

/// This week's review, or last week's when nothing has been logged this week yet.
fn latest_review(store: &Store, history: &History, today: NaiveDate) -> Result<WeeklyReview> {
    let this_week = review(store, history, monday(today), today)?;
    if this_week.days_logged > 0 {
        return Ok(this_week);
    }
    review(store, history, monday(today) - Duration::weeks(1), today)
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn parse_today(today: &str) -> Result<NaiveDate> {
    sealed::parse_day("today", today)
}

/// Every metric day by day and week by week over `from_day..=to_day` (at most
/// about two years), with rolling means and the personal baseline.
pub(crate) fn series(store: &Store, from_day: String, to_day: String) -> Result<Vec<MetricSeries>> {
    let from = sealed::parse_day("from_day", &from_day)?;
    let to = sealed::parse_day("to_day", &to_day)?;
    if to < from || (to - from).num_days() > 800 {
        return Err(RespiteError::invalid(
            "to_day",
            "must be on or after from_day, at most 800 days later",
        )
        .into());
    }
    let history = history(store, from - Duration::days(BASELINE_DAYS + 35), to)?;
    let from = fitted(&history, from, to);
    Ok(Metric::charted()
        .map(|m| history.series(m, from, to))
        .collect())
}

/// The shortest chart window that shows every record of `from..=to` (at least a week),
/// so that two weeks of data are not squeezed into a quarter of a year.
fn fitted(history: &History, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let week = to - Duration::days(6);
    history
        .first_recorded(from, to)
        .map_or(from.max(week), |first| first.min(week).max(from))
}

/// How days spread over the stress zones in `from_day..=to_day`, in words.
pub(crate) fn zone_summary(store: &Store, from_day: String, to_day: String) -> Result<ZoneSummary> {
    let from = sealed::parse_day("from_day", &from_day)?;
    let to = sealed::parse_day("to_day", &to_day)?;
    if to < from {
        return Err(RespiteError::invalid("to_day", "must be on or after from_day").into());
    }
    Ok(history(store, from, to)?.zone_summary(from, to))
}

/// The least reflections with activation before and after a practice before the
/// change is shown.
const MIN_ACTIVATION_PAIRS: u32 = 3;

/// Activation before and after a regulation practice, from reflections that give
/// both, in `from_day..=to_day`; `None` with fewer than three.
pub(crate) fn activation_change(
    store: &Store,
    from_day: String,
    to_day: String,
) -> Result<Option<ActivationChange>> {
    let from = sealed::parse_day("from_day", &from_day)?;
    let to = sealed::parse_day("to_day", &to_day)?;
    let keys = store.keys()?;
    let range = DayRange::new(Some(&from.to_string()), Some(&to.to_string()))?;
    let pairs: Vec<(f64, f64)> = journal::all_in(&store.conn(), &keys, &range)?
        .items
        .iter()
        .filter_map(|e| e.reflection.as_ref())
        .filter(|r| r.practice.is_some())
        .filter_map(|r| {
            Some((
                f64::from(r.activation_before?),
                f64::from(r.activation_after?),
            ))
        })
        .collect();
    let n = pairs.len() as u32;
    if n < MIN_ACTIVATION_PAIRS {
        return Ok(None);
    }
    let before = pairs.iter().map(|p| p.0).sum::<f64>() / f64::from(n);
    let after = pairs.iter().map(|p| p.1).sum::<f64>() / f64::from(n);
    let params = vec![
        param("before", format!("{before:.1}")),
        param("after", format!("{after:.1}")),
        param("reflections", n),
    ];
    Ok(Some(ActivationChange {
        reflections: n,
        mean_before: before,
        mean_after: after,
        text: wording::line("activation.change", params),
    }))
}

/// The insights the last year of records supports on `today` (`YYYY-MM-DD`).
pub(crate) fn insights(store: &Store, today: String) -> Result<Vec<Insight>> {
    let today = parse_today(&today)?;
    let history = history(
        store,
        today - Duration::days(366 + BASELINE_DAYS + 10),
        today,
    )?;
    all_insights(store, &history, today - Duration::days(365), today)
}

/// Early warnings on `to`, and what went with better days over `from..=to`.
fn all_insights(
    store: &Store,
    history: &History,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Insight>> {
    let plan = plan(store)?;
    let shift_days = transition::shift_days(store, from, to)?;
    let mut out = insights::early_warnings(history, &plan, to);
    out.extend(insights::better_days(
        history,
        &plan,
        from,
        to,
        shift_days.as_ref(),
    ));
    Ok(out)
}

/// The review of the week starting on Monday `week_start`, counted up to `today`
/// when the week is still going.
pub(crate) fn weekly_review(
    store: &Store,
    week_start: String,
    today: String,
) -> Result<WeeklyReview> {
    let week = sealed::parse_day("week_start", &week_start)?;
    if week != monday(week) {
        return Err(RespiteError::invalid("week_start", "must be a Monday").into());
    }
    let today = parse_today(&today)?;
    let history = history(store, week - Duration::weeks(1), week + Duration::days(6))?;
    review(store, &history, week, today.max(week))
}

/// Journal entries from the same date in the 11 months and 10 years before `today`,
/// what went well first. Heavy ones are left out — a reflection after an intense
/// session, or words that suggest a very bad place — so that they never come back
/// unasked; they stay in the journal.
pub(crate) fn on_this_day(store: &Store, today: String) -> Result<Vec<OnThisDay>> {
    let today = parse_today(&today)?;
    let keys = store.keys()?;
    let mut out = Vec::new();
    let earlier = (1..12u32).chain((1..=10).map(|y| y * 12));
    for months in earlier {
        let Some(day) = today
            .checked_sub_months(Months::new(months))
            .filter(|d| d.day() == today.day())
        else {
            continue;
        };
        let range = DayRange::new(Some(&day.to_string()), Some(&day.to_string()))?;
        let entries = journal::all_in(&store.conn(), &keys, &range)?;
        for e in entries.items.into_iter().rev().take(20) {
            let heavy = e
                .reflection
                .as_ref()
                .and_then(|r| r.intensity)
                .is_some_and(|i| i >= HEAVY_SESSION)
                || !support::reasons_in_entry(&e).is_empty();
            if heavy {
                continue;
            }
            let went_well = e.transition.as_ref().and_then(|t| t.went_well.first());
            let text = went_well
                .map(String::as_str)
                .or_else(|| e.body.lines().find(|l| !l.trim().is_empty()))
                .unwrap_or("");
            out.push(OnThisDay {
                entry_id: e.id,
                local_day: e.local_day,
                months_ago: months,
                kind: e.kind,
                title: e.title,
                excerpt: text.chars().take(120).collect(),
                went_well: went_well.is_some(),
            });
        }
    }
    // What went well first, the rest in their order.
    out.sort_by_key(|o| !o.went_well);
    Ok(out)
}

/// Whether the person turned "on this day" on.
fn on_this_day_wanted(store: &Store) -> Result<bool> {
    let keys = store.keys()?;
    Ok(settings::load(&store.conn(), &keys)?.on_this_day)
}

/// The whole trends screen for `today`: every series for the last 90 days and the
/// last year, stress zones, insights, this week's review and "on this day".
pub(crate) fn dashboard(store: &Store, today: String) -> Result<Dashboard> {
    let day = parse_today(&today)?;
    let year_start = day - Duration::days(364);
    let history = history(store, year_start - Duration::days(BASELINE_DAYS + 35), day)?;
    let quarter_start = day - Duration::days(89);
    let insights = all_insights(store, &history, year_start, day)?;
    let last_year: Vec<MetricSeries> = Metric::charted()
        .map(|m| history.series(m, fitted(&history, year_start, day), day))
        .collect();
    Ok(Dashboard {
        today: day.to_string(),
        last_90_days: last_year
            .iter()
            .map(|s| History::tail(s, quarter_start))
            .collect(),
        last_year,
        stress_zones: history.zone_weeks(quarter_start, day),
        zone_summary: history.zone_summary(quarter_start, day),
        activation: activation_change(store, quarter_start.to_string(), day.to_string())?,
        insights,
        weekly_review: latest_review(store, &history, day)?,
        on_this_day: if on_this_day_wanted(store)? {
            on_this_day(store, today)?
        } else {
            Vec::new()
        },
        damaged: history.damaged,
    })
}
