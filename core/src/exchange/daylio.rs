//! Daylio's CSV export. Each row is one Daylio entry: its mood becomes a check-in,
//! its note and activities a journal entry. See `docs/import-mapping.md`.

use chrono::{Duration, NaiveDate, NaiveTime};
use std::collections::HashMap;

use crate::checkins::CheckInData;
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::exchange::csv;
use crate::exchange::import::{ImportReport, Incoming, IncomingRecord};
use crate::time::zones::Zone;
use crate::time::LocalMoment;
use crate::validate::{MAX_LINE_CHARS, MAX_LIST_ITEMS, MAX_TAG_CHARS};

/// Daylio's five default moods, best first, and the pleasantness each becomes.
const MOODS: [(&str, f64); 5] = [
    ("rad", 1.0),
    ("good", 0.5),
    ("meh", 0.0),
    ("bad", -0.5),
    ("awful", -1.0),
];

/// Most data rows read: three moods a day for ninety years. Keeps an import of the
/// largest file within its memory budget (see `core/tests/hostile.rs`).
const MAX_ROWS: usize = 100_000;

/// Reads a Daylio export. `practices` are the plan's (id, name) pairs: an activity
/// with a practice's name or id is recorded as that practice done.
pub(crate) fn parse(
    bytes: &[u8],
    time_zone: &str,
    practices: &[(String, String)],
    report: &mut ImportReport,
) -> Result<Vec<Incoming>> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| RespiteError::invalid("file", "not UTF-8 text, so not a Daylio CSV export"))?;
    let zone = Zone::named(time_zone)
        .ok_or_else(|| RespiteError::invalid("time_zone", "not a time zone Respite knows"))?;
    let mut columns = None;
    let mut seen: HashMap<(NaiveDate, NaiveTime), u32> = HashMap::new();
    let mut custom_moods = 0;
    let mut out = Vec::new();
    let mut n = 0;
    csv::each_row(text, &mut |_, row| {
        let Some((date_col, time_col, mood_col, activities_col, title_col, note_col)) = columns
        else {
            columns = Some(daylio_columns(&row)?);
            return Ok(());
        };
        if n == MAX_ROWS {
            return Err(
                RespiteError::invalid("file", "more rows than a Daylio export holds").into(),
            );
        }
        n += 1;
        let place = format!("row {n}");
        let cell = |col: Option<usize>| col.and_then(|c| row.get(c)).map_or("", |s| s.trim());
        let Ok(date) = NaiveDate::parse_from_str(cell(Some(date_col)), "%Y-%m-%d") else {
            report.skip(place, "the date is not in the form YYYY-MM-DD");
            return Ok(());
        };
        let Some(time) = parse_time(cell(Some(time_col))) else {
            report.skip(place, "the time is not a time of day");
            return Ok(());
        };
        let Some(moment) = moment(&zone, date, time) else {
            report.skip(place, "the date is outside the years Respite keeps");
            return Ok(());
        };
        let occurrence = seen.entry((date, time)).or_insert(0);
        *occurrence += 1;
        let key = format!("{date} {time} #{occurrence}");

        let mood = cell(Some(mood_col));
        let pleasantness = MOODS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(mood))
            .map(|(_, p)| *p);
        let activities: Vec<String> = cell(activities_col)
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect();
        let done: Vec<String> = practices
            .iter()
            .filter(|(id, name)| {
                activities.iter().any(|a| {
                    let a = activity_words(a);
                    a == activity_words(name) || a == activity_words(id)
                })
            })
            .map(|(id, _)| id.clone())
            .collect();
        let mut checkin_note = None;
        if pleasantness.is_none() && !mood.is_empty() {
            custom_moods += 1;
            checkin_note = Some(format!("Daylio mood: {mood}"));
        }
        if pleasantness.is_some() || checkin_note.is_some() || !done.is_empty() {
            out.push(Incoming {
                place: place.clone(),
                key: format!("{key} check-in"),
                record: IncomingRecord::CheckIn(CheckInData {
                    pleasantness,
                    practices: done,
                    note: checkin_note,
                    ..CheckInData::new(moment)
                }),
            });
        }

        let (title, mut body) = (cell(title_col), note_text(cell(note_col)));
        let title = if title.chars().count() > MAX_LINE_CHARS || title.contains(['\n', '\r']) {
            body = format!("{title}\n\n{body}").trim().to_owned();
            None
        } else {
            (!title.is_empty()).then(|| title.to_owned())
        };
        let mut tags: Vec<String> = activities
            .iter()
            .map(|a| a.chars().take(MAX_TAG_CHARS).collect())
            .collect();
        if tags.len() > MAX_LIST_ITEMS {
            tags.truncate(MAX_LIST_ITEMS);
            report.note(
                place.clone(),
                "more than 30 activities: the first 30 became tags",
            );
        }
        if title.is_some() || !body.is_empty() || !tags.is_empty() {
            out.push(Incoming::free_entry(
                place,
                format!("{key} entry"),
                moment,
                title,
                body,
                tags,
            ));
        }
        Ok(())
    })?;
    if columns.is_none() {
        return Err(RespiteError::invalid("file", "empty").into());
    }
    if custom_moods > 0 {
        report.note(
            "file",
            format!("{custom_moods} rows use a mood name other than Daylio's five defaults; the name is kept in the check-in's note, without a pleasantness value"),
        );
    }
    Ok(out)
}

/// The columns a Daylio export's header names: date, time and mood (required), then
/// activities, note title and note.
type Columns = (
    usize,
    usize,
    usize,
    Option<usize>,
    Option<usize>,
    Option<usize>,
);

fn daylio_columns(header: &[String]) -> Result<Columns> {
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (Some(date_col), Some(time_col), Some(mood_col)) =
        (column("full_date"), column("time"), column("mood"))
    else {
        return Err(RespiteError::invalid(
            "file",
            "not a Daylio CSV export (it needs full_date, time and mood columns)",
        )
        .into());
    };
    Ok((
        date_col,
        time_col,
        mood_col,
        column("activities"),
        column("note_title"),
        column("note"),
    ))
}

/// An activity or practice name reduced for comparing: lower case, `-` and `_` as
/// spaces, without a leading article ("An evening walk" matches "evening-walk").
fn activity_words(name: &str) -> String {
    let words = name.to_lowercase().replace(['-', '_'], " ");
    let words = words.split_whitespace().collect::<Vec<_>>();
    let words = match words.split_first() {
        Some((first, rest)) if ["a", "an", "the", "my"].contains(first) => rest,
        _ => &words[..],
    };
    words.join(" ")
}

/// A time of day as Daylio writes it: `20:45`, `8:45 PM`, with or without seconds.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim().to_uppercase();
    ["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p", "%I:%M%p"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(&text, f).ok())
}

/// The instant a wall-clock time in `zone` stands for: the earlier one in a repeated
/// hour; a time skipped by a clock change moves forward by the change.
fn moment(zone: &Zone, date: NaiveDate, time: NaiveTime) -> Option<LocalMoment> {
    let local = date.and_time(time);
    let at = zone
        .instants(local)
        .into_iter()
        .next()
        .or_else(|| zone.instants(local + Duration::hours(1)).into_iter().next())?;
    let moment = LocalMoment {
        at,
        utc_offset_minutes: zone.offset_at(at) / 60,
    };
    moment.validate("moment").ok().map(|()| moment)
}

/// A Daylio note: line breaks written as `<br>` become line breaks.
fn note_text(note: &str) -> String {
    let mut text = note.to_owned();
    for tag in ["<br>", "<br/>", "<br />", "<BR>"] {
        text = text.replace(tag, "\n");
    }
    text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activities_match_practices_loosely() {
        assert_eq!(activity_words("An  Evening-walk"), "evening walk");
        assert_eq!(activity_words("evening_walk"), "evening walk");
        assert_eq!(activity_words("A"), "");
    }

    #[test]
    fn times_in_both_clocks() {
        assert_eq!(parse_time("20:45"), NaiveTime::from_hms_opt(20, 45, 0));
        assert_eq!(parse_time("8:45 pm"), NaiveTime::from_hms_opt(20, 45, 0));
        assert_eq!(parse_time("12:05 AM"), NaiveTime::from_hms_opt(0, 5, 0));
        assert_eq!(parse_time("noon"), None);
    }

    #[test]
    fn a_skipped_hour_moves_forward() {
        let zone = Zone::named("Europe/Berlin").unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        let m = moment(&zone, date, NaiveTime::from_hms_opt(2, 30, 0).unwrap()).unwrap();
        assert_eq!(m.utc_offset_minutes, 120);
        assert_eq!(m.local().format("%H:%M").to_string(), "03:30");
    }
}
