//! The trends: series, insights, the weekly review, "on this day", and the
//! full dashboard, all computed in memory from decrypted records.

use chrono::{Datelike, Duration, Months, NaiveDate};

use crate::content::wording::{self, param, WordedLine};
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::journal::{self, JournalKind};
use crate::plan::revisions::{self, PracticeAdherence};
use crate::prompts::transition;
use crate::store::sealed::{self, DayRange};
use crate::store::Store;
use crate::trends::insights::{self, Insight};
use crate::trends::{self, monday, History, Metric, MetricSeries, ZoneWeek, BASELINE_DAYS};

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
    /// The start of its text.
    pub excerpt: String,
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
        Metric::Burnout
        | Metric::Detachment
        | Metric::WorkIntrusion
        | Metric::Worthwhile
        | Metric::StressLevel => Some(0.5),
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
    Ok(Metric::ALL
        .iter()
        .map(|m| history.series(*m, from, to))
        .collect())
}

/// The insights the last year of records supports on `today` (`YYYY-MM-DD`).
pub(crate) fn insights(store: &Store, today: String) -> Result<Vec<Insight>> {
    let today = parse_today(&today)?;
    let history = history(
        store,
        today - Duration::days(366 + BASELINE_DAYS + 10),
        today,
    )?;
    let plan = plan(store)?;
    let mut out = insights::early_warnings(&history, &plan, today);
    out.extend(insights::better_days(
        &history,
        &plan,
        today - Duration::days(365),
        today,
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

/// Journal entries from the same date in the 11 months and 10 years before `today`.
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
            let text = e.body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            out.push(OnThisDay {
                entry_id: e.id,
                local_day: e.local_day,
                months_ago: months,
                kind: e.kind,
                title: e.title,
                excerpt: text.chars().take(120).collect(),
            });
        }
    }
    Ok(out)
}

/// The whole trends screen for `today`: every series for the last 90 days and the
/// last year, stress zones, insights, this week's review and "on this day".
pub(crate) fn dashboard(store: &Store, today: String) -> Result<Dashboard> {
    let day = parse_today(&today)?;
    let year_start = day - Duration::days(364);
    let history = history(store, year_start - Duration::days(BASELINE_DAYS + 35), day)?;
    let plan = plan(store)?;
    let quarter_start = day - Duration::days(89);
    let mut insights = insights::early_warnings(&history, &plan, day);
    insights.extend(insights::better_days(&history, &plan, year_start, day));
    let last_year: Vec<MetricSeries> = Metric::ALL
        .iter()
        .map(|m| history.series(*m, year_start, day))
        .collect();
    Ok(Dashboard {
        today: day.to_string(),
        last_90_days: last_year
            .iter()
            .map(|s| History::tail(s, quarter_start))
            .collect(),
        last_year,
        stress_zones: history.zone_weeks(quarter_start, day),
        insights,
        weekly_review: latest_review(store, &history, day)?,
        on_this_day: on_this_day(store, today)?,
        damaged: history.damaged,
    })
}
