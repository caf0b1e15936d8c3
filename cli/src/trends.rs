//! `respite trends`, `respite report --html` and `respite demo-data`: looking at the
//! trends the core computes, in the terminal or as one self-contained HTML file.

use chrono::{Duration, Local, NaiveDate};
use respite_core::{Dashboard, Insight, Metric, MetricSeries, Vault, WeeklyReview, ZoneWeek};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::Path;

use crate::error::CliError;
use crate::format::Output;

fn today_or(today: Option<String>) -> Result<NaiveDate, CliError> {
    match today {
        Some(t) => NaiveDate::parse_from_str(&t, "%Y-%m-%d")
            .map_err(|_| CliError::Usage("--today takes YYYY-MM-DD".into())),
        None => Ok(Local::now().date_naive()),
    }
}

/// A sparkline; a gap is a blank.
fn sparkline(series: &MetricSeries) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (low, high) = (series.low, series.high);
    series
        .days
        .iter()
        .map(|d| match d.value {
            None => ' ',
            Some(v) => BARS[(((v - low) / (high - low)).clamp(0.0, 1.0) * 7.0).round() as usize],
        })
        .collect()
}

fn insight_json(i: &Insight) -> Value {
    json!({
        "kind": format!("{:?}", i.kind),
        "metric": i.metric.as_str(),
        "wording_key": i.wording_key,
        "params": i.params.iter().map(|p| json!({ "name": p.name, "value": p.value })).collect::<Vec<_>>(),
        "text": i.text,
        "evidence": i.evidence.as_ref().map(|e| json!({
            "outcome": e.outcome.as_str(), "days_with": e.days_with, "days_without": e.days_without,
            "mean_with": e.mean_with, "mean_without": e.mean_without, "difference": e.difference,
            "interval_low": e.interval_low, "interval_high": e.interval_high, "confidence": e.confidence,
        })),
        "pointers": i.pointers.as_ref().map(|p| json!({
            "warning_signs": p.warning_signs, "workplace_supports": p.workplace_supports,
            "supports_to_request": p.supports_to_request, "has_emergency_plan": p.has_emergency_plan,
        })),
    })
}

fn series_json(s: &MetricSeries) -> Value {
    json!({
        "metric": s.metric.as_str(),
        "scale": s.scale,
        "unit": s.unit,
        "better": format!("{:?}", s.better).to_lowercase(),
        "days": s.days.iter().map(|d| json!({ "day": d.day, "value": d.value, "rolling_7": d.rolling_7, "rolling_28": d.rolling_28 })).collect::<Vec<_>>(),
        "weeks": s.weeks.iter().map(|w| json!({ "week_start": w.week_start, "mean": w.mean, "days": w.days, "change": w.change })).collect::<Vec<_>>(),
        "baseline": s.baseline.as_ref().map(|b| json!({ "median": b.median, "spread": b.spread, "days": b.days })),
    })
}

fn review_json(r: &WeeklyReview) -> Value {
    json!({
        "week_start": r.week_start, "days_logged": r.days_logged, "checkins": r.checkins,
        "reflections": r.reflections, "transitions": r.transitions, "went_well": r.went_well, "text": r.text,
    })
}

/// Runs `trends`: sparklines per metric, insights and this week's review.
pub fn trends(
    out: &Output,
    vault: &Vault,
    days: u32,
    today: Option<String>,
) -> Result<(), CliError> {
    if !(7..=365).contains(&days) {
        return Err(CliError::Usage("--days takes 7 to 365".into()));
    }
    let today = today_or(today)?;
    let from = today - Duration::days(i64::from(days) - 1);
    let t = vault.trends();
    let series = t.series(from.to_string(), today.to_string())?;
    let insights = t.insights(today.to_string())?;
    let mut review = t.weekly_review(respite_monday(today).to_string(), today.to_string())?;
    if review.days_logged == 0 {
        let last_week = respite_monday(today) - Duration::weeks(1);
        review = t.weekly_review(last_week.to_string(), today.to_string())?;
    }
    let shown_from = series
        .first()
        .and_then(|s| s.days.first())
        .map_or(from.to_string(), |d| d.day.clone());
    let mut text =
        format!("From {shown_from} to {today} (a blank is a day with nothing recorded)\n\n");
    for s in &series {
        let latest = s
            .days
            .iter()
            .rev()
            .find_map(|d| d.rolling_7)
            .map_or("–".to_owned(), |v| format!("{v:.2}"));
        let usual = s
            .baseline
            .as_ref()
            .map_or("–".to_owned(), |b| format!("{:.2}", b.median));
        let _ = writeln!(
            text,
            "{:<24} {}  7-day {latest:>5}  usual {usual:>5}\n{:<24} {}",
            &s.label,
            sparkline(s),
            "",
            s.scale
        );
    }
    let zones = t.zone_summary(shown_from.clone(), today.to_string())?;
    let _ = writeln!(text, "\nStress zones\n  {}", zones.text.text);
    let activation = t.activation_change(shown_from, today.to_string())?;
    if let Some(a) = &activation {
        let _ = writeln!(text, "\nAfter a practice\n  {}", a.text.text);
    }
    text.push_str("\nWhat your records suggest\n");
    if insights.is_empty() {
        text.push_str("  Nothing yet that the data can honestly support. That takes at least 5 days with and 5 without a practice.\n");
    }
    for i in &insights {
        let _ = writeln!(text, "• {}", i.text);
        if let Some(e) = &i.evidence {
            let _ = writeln!(text, "  {}", e.summary);
        }
    }
    let _ = writeln!(text, "\nThe week of {}", review.week_start);
    for line in &review.text {
        let _ = writeln!(text, "  {line}");
    }
    out.print(
        text.trim_end(),
        json!({
            "from_day": from.to_string(), "to_day": today.to_string(),
            "series": series.iter().map(series_json).collect::<Vec<_>>(),
            "zones": json!({ "days": zones.days, "ready": zones.ready, "reacting": zones.reacting, "injured": zones.injured, "ill": zones.ill, "text": zones.text.text }),
            "activation": activation.as_ref().map(|a| json!({ "reflections": a.reflections, "before": a.mean_before, "after": a.mean_after, "text": a.text.text })),
            "insights": insights.iter().map(insight_json).collect::<Vec<_>>(),
            "weekly_review": review_json(&review),
        }),
    );
    Ok(())
}

fn respite_monday(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Runs `demo-data`: fills the vault with synthetic history.
pub fn demo_data(
    out: &Output,
    vault: &Vault,
    years: u32,
    seed: u64,
    today: Option<String>,
    into_existing: bool,
) -> Result<(), CliError> {
    let today = today_or(today)?;
    let has_records = vault.journal().count()? > 0 || vault.checkins().count()? > 0;
    if has_records && !into_existing {
        return Err(CliError::Usage(
            "this vault already has entries: demo data goes into a separate vault (or pass --into-existing)".into(),
        ));
    }
    eprintln!("respite: writing {years} year(s) of synthetic history; nothing in it is anyone's real data…");
    let summary = vault.fill_with_demo_data(years, seed, today.to_string())?;
    out.print(
        &format!(
            "Wrote {} check-ins and {} journal entries{}. Try `respite trends` or `respite report --html report.html`.",
            summary.checkins,
            summary.entries,
            if summary.plan_saved { " and a plan" } else { "" }
        ),
        json!({ "checkins": summary.checkins, "entries": summary.entries, "plan_saved": summary.plan_saved }),
    );
    Ok(())
}

/// Runs `report --html FILE`.
pub fn report(
    out: &Output,
    vault: &Vault,
    file: &Path,
    today: Option<String>,
    force: bool,
) -> Result<(), CliError> {
    let today = today_or(today)?;
    let dashboard = vault.trends().dashboard(today.to_string())?;
    let html = render(&dashboard);
    crate::files::write_new_private(file, &html, force)?;
    eprintln!(
        "respite: {} holds your trends and words from your journal in plaintext; keep it somewhere private.",
        file.display()
    );
    out.print(
        &format!("Wrote {}.", file.display()),
        json!({ "written": file.display().to_string() }),
    );
    Ok(())
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A line chart of daily values (dots) and the 7-day mean (line), with the baseline band.
fn chart(s: &MetricSeries, width: f64, height: f64) -> String {
    let (low, high) = (s.low, s.high);
    let n = s.days.len().max(2) as f64;
    let x = |i: usize| 4.0 + i as f64 * (width - 8.0) / (n - 1.0);
    let y = |v: f64| height - 4.0 - ((v - low) / (high - low)).clamp(0.0, 1.0) * (height - 8.0);
    let mut svg = format!(
        r#"<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{}">"#,
        esc(&s.label)
    );
    if let Some(b) = &s.baseline {
        let (top, bottom) = (y(b.median + b.spread / 2.0), y(b.median - b.spread / 2.0));
        let _ = write!(
            svg,
            r#"<rect x="0" y="{top:.1}" width="{width}" height="{:.1}" class="band"/>"#,
            (bottom - top).max(1.0)
        );
        let _ = write!(
            svg,
            r#"<line x1="0" x2="{width}" y1="{0:.1}" y2="{0:.1}" class="usual"/>"#,
            y(b.median)
        );
    }
    for (i, d) in s.days.iter().enumerate() {
        if let Some(v) = d.value {
            let _ = write!(
                svg,
                r#"<circle cx="{:.1}" cy="{:.1}" r="1.6" class="dot"/>"#,
                x(i),
                y(v)
            );
        }
    }
    let mut path = String::new();
    let mut pen_up = true;
    for (i, d) in s.days.iter().enumerate() {
        match d.rolling_7 {
            Some(v) => {
                let _ = write!(
                    path,
                    "{}{:.1},{:.1} ",
                    if pen_up { "M" } else { "L" },
                    x(i),
                    y(v)
                );
                pen_up = false;
            }
            None => pen_up = true,
        }
    }
    let _ = write!(svg, r#"<path d="{path}" class="line"/></svg>"#);
    svg
}

fn zones_chart(weeks: &[ZoneWeek]) -> String {
    let (w, h) = (640.0, 120.0);
    let bar = w / weeks.len().max(1) as f64;
    let mut svg = format!(
        r#"<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="Stress zones by week">"#
    );
    for (i, week) in weeks.iter().enumerate() {
        let total = f64::from(week.ready + week.reacting + week.injured + week.ill).max(1.0);
        let mut top = h;
        for (count, class) in [
            (week.ready, "ready"),
            (week.reacting, "reacting"),
            (week.injured, "injured"),
            (week.ill, "ill"),
        ] {
            let height = f64::from(count) / total * (h - 4.0);
            top -= height;
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{top:.1}" width="{:.1}" height="{height:.1}" class="{class}"/>"#,
                i as f64 * bar + 1.0,
                bar - 2.0
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The whole report: one HTML file with inline styles and SVG, no scripts, nothing fetched.
fn render(d: &Dashboard) -> String {
    let mut html = String::from(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">
<title>Respite: your trends</title><style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#213;background:#f7f5f0;margin:0}
main{max-width:980px;margin:0 auto;padding:28px}h1{font-weight:600;margin:0 0 4px}h2{font-weight:600;margin:32px 0 8px;color:#354}
.sub{color:#667}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px}
.card{background:#fff;border-radius:10px;padding:12px 14px;box-shadow:0 1px 2px #0001}.card h3{font-size:14px;margin:0 0 4px;font-weight:600}
.card .num{color:#667;font-size:13px}svg{max-width:100%;height:auto;display:block}
.dot{fill:#7a9cc6}.line{fill:none;stroke:#2f5d8a;stroke-width:2}.band{fill:#e4ecd9}.usual{stroke:#8aa66f;stroke-dasharray:4 3}
.ready{fill:#8fbf8a}.reacting{fill:#e8c766}.injured{fill:#e39a5b}.ill{fill:#c96a6a}
.insight{background:#fff;border-left:4px solid #8aa66f;padding:10px 14px;margin:10px 0;border-radius:6px}
.warning{border-left-color:#e39a5b}table{border-collapse:collapse;font-size:13px;margin-top:6px}td{padding:2px 10px 2px 0;color:#445}
.legend span{display:inline-block;margin-right:12px;font-size:13px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
footer{margin-top:36px;color:#778;font-size:13px}</style></head><body><main>"#,
    );
    let _ = write!(html, "<h1>Your trends</h1><p class=\"sub\">Up to {}. Made by Respite on this device; nothing here was sent anywhere. A gap is a day with nothing recorded.</p>", esc(&d.today));
    let otd = if d.on_this_day.is_empty() {
        ""
    } else {
        ", entries from this day in earlier years"
    };
    let _ = write!(html, "<p class=\"card\"><b>This file contains words from your journal</b> (what went well, the week's review{otd}) as well as your trends, in plaintext: anyone who opens it can read them. Keep it private, and delete it when you are done.</p>");
    html.push_str("<h2>The last 90 days</h2><p class=\"sub\">Dots are days, the line is the 7-day mean, the green band is your usual range (the 8 weeks before).</p><div class=\"grid\">");
    for s in &d.last_90_days {
        let latest = s
            .days
            .iter()
            .rev()
            .find_map(|p| p.rolling_7)
            .map_or("–".to_owned(), |v| format!("{v:.2}"));
        let usual = s
            .baseline
            .as_ref()
            .map_or("not enough data yet".to_owned(), |b| {
                format!("usually {:.2} (± {:.2})", b.median, b.spread / 2.0)
            });
        let _ = write!(html, "<div class=\"card\"><h3>{}</h3><div class=\"num\">{}</div><div class=\"num\">last 7 days {latest}; {usual}</div>{}</div>", esc(&s.label), esc(&s.scale), chart(s, 300.0, 90.0));
    }
    let _ = write!(
        html,
        "</div><h2>Stress zones, week by week</h2><div class=\"card\"><p>{}</p>",
        esc(&d.zone_summary.text.text)
    );
    html.push_str(&zones_chart(&d.stress_zones));
    html.push_str(r#"<div class="legend"><span><i class="ready" style="background:#8fbf8a"></i>ready</span><span><i style="background:#e8c766"></i>reacting</span><span><i style="background:#e39a5b"></i>injured</span><span><i style="background:#c96a6a"></i>ill</span></div></div>"#);
    if let Some(a) = &d.activation {
        let _ = write!(
            html,
            "<h2>After a practice</h2><div class=\"card\"><p>{}</p></div>",
            esc(&a.text.text)
        );
    }
    html.push_str("<h2>What your records suggest</h2>");
    if d.insights.is_empty() {
        html.push_str("<p class=\"sub\">Nothing yet that the data can honestly support. A pattern needs at least 5 days with and 5 days without a practice, and a clear margin.</p>");
    }
    for i in &d.insights {
        let class = if i.evidence.is_none() {
            "insight warning"
        } else {
            "insight"
        };
        let _ = write!(html, "<div class=\"{class}\"><p>{}</p>", esc(&i.text));
        if let Some(e) = &i.evidence {
            let _ = write!(
                html,
                "<table><tr><td>days with</td><td>{}</td><td>mean</td><td>{:.2}</td></tr><tr><td>days without</td><td>{}</td><td>mean</td><td>{:.2}</td></tr><tr><td>difference</td><td>{:+.2}</td><td>{:.0}% interval</td><td>{:+.2} to {:+.2}</td></tr></table>",
                e.days_with, e.mean_with, e.days_without, e.mean_without, e.difference, e.confidence * 100.0, e.interval_low, e.interval_high
            );
        }
        if let Some(p) = &i.pointers {
            let signs = if p.warning_signs.is_empty() {
                "none written yet".to_owned()
            } else {
                p.warning_signs
                    .iter()
                    .map(|s| esc(s))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let supports = if p.workplace_supports.is_empty() {
                "none written yet".to_owned()
            } else {
                p.workplace_supports
                    .iter()
                    .map(|s| esc(s))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let _ = write!(html, "<p class=\"sub\">Your warning signs: {signs}. Supports at work: {supports}. Your emergency card is in Respite.</p>");
        }
        html.push_str("</div>");
    }
    html.push_str("<h2>This week</h2><div class=\"card\">");
    for line in &d.weekly_review.text {
        let _ = write!(html, "<p>{}</p>", esc(line));
    }
    html.push_str("</div><h2>The last year</h2><div class=\"grid\">");
    for s in d.last_year.iter().filter(|s| {
        matches!(
            s.metric,
            Metric::Pleasantness
                | Metric::Energy
                | Metric::Burnout
                | Metric::Detachment
                | Metric::SleepHours
                | Metric::SessionIntensity
        )
    }) {
        let _ = write!(
            html,
            "<div class=\"card\"><h3>{}</h3>{}</div>",
            esc(&s.label),
            chart(s, 300.0, 70.0)
        );
    }
    html.push_str("</div>");
    if !d.on_this_day.is_empty() {
        html.push_str("<h2>On this day</h2><div class=\"card\">");
        for o in &d.on_this_day {
            let when = if o.months_ago % 12 == 0 {
                format!("{} year(s) ago", o.months_ago / 12)
            } else {
                format!("{} month(s) ago", o.months_ago)
            };
            let _ = write!(
                html,
                "<p><b>{when}</b> ({}): {}</p>",
                esc(&o.local_day),
                esc(o.title.as_deref().unwrap_or(&o.excerpt))
            );
        }
        html.push_str("</div>");
    }
    html.push_str("<footer>Patterns in your own records, not diagnoses, and not proof of cause. If things feel heavy, your plan and the people in it are there.</footer></main></body></html>\n");
    html
}
