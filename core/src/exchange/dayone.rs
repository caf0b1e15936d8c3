//! Day One's JSON export, as the `.json` file or the `.zip` that holds it. Each entry
//! becomes a journal entry: its text (a first-line heading as the title), its tags and
//! its time in its own time zone. See `docs/import-mapping.md`.

use chrono::DateTime;
use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::exchange::import::{ImportReport, Incoming};
use crate::exchange::zip;
use crate::time::zones::Zone;
use crate::time::LocalMoment;
use crate::validate::{MAX_LINE_CHARS, MAX_LIST_ITEMS, MAX_TAG_CHARS};

#[derive(Deserialize)]
struct Export {
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    uuid: Option<String>,
    creation_date: Option<String>,
    time_zone: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    tags: Vec<String>,
    location: Option<IgnoredAny>,
    weather: Option<IgnoredAny>,
    #[serde(default)]
    photos: Vec<IgnoredAny>,
    #[serde(default)]
    videos: Vec<IgnoredAny>,
    #[serde(default)]
    audios: Vec<IgnoredAny>,
    #[serde(default)]
    pdf_attachments: Vec<IgnoredAny>,
}

/// Reads a Day One export: the JSON itself, or every journal's JSON in the zip, one
/// member at a time. Notes name a zip member by its number, never by its name.
pub(crate) fn parse(bytes: &[u8], report: &mut ImportReport) -> Result<Vec<Incoming>> {
    let (mut attachments, mut places, mut unknown_zones) = (0, 0, 0);
    let mut out = Vec::new();
    let mut read = |member: Option<usize>, json: &[u8]| -> Result<()> {
        let export: Export = serde_json::from_slice(json).map_err(|e| {
            RespiteError::invalid(
                "file",
                format!(
                    "not a Day One JSON export (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        for (n, entry) in export.entries.into_iter().enumerate() {
            let place = match member {
                None => format!("entry {}", n + 1),
                Some(m) => format!("member {m} entry {}", n + 1),
            };
            attachments += entry.photos.len()
                + entry.videos.len()
                + entry.audios.len()
                + entry.pdf_attachments.len();
            places += usize::from(entry.location.is_some() || entry.weather.is_some());
            let Some(uuid) = entry.uuid.filter(|u| !u.trim().is_empty()) else {
                report.skip(place, "no uuid, so a second import could not recognise it");
                continue;
            };
            let Some(at) = entry
                .creation_date
                .as_deref()
                .and_then(|d| DateTime::parse_from_rfc3339(d).ok())
            else {
                report.skip(place, "no readable creation date");
                continue;
            };
            let at = at.to_utc();
            let zone = entry.time_zone.as_deref().and_then(Zone::named);
            if zone.is_none() {
                unknown_zones += 1;
            }
            let moment = LocalMoment {
                at,
                utc_offset_minutes: zone.map_or(0, |z| z.offset_at(at) / 60),
            };
            let (title, body) = title_and_body(&unescape(&entry.text));
            let mut tags: Vec<String> = entry
                .tags
                .iter()
                .map(|t| t.trim().chars().take(MAX_TAG_CHARS).collect::<String>())
                .filter(|t| !t.is_empty())
                .collect();
            if tags.len() > MAX_LIST_ITEMS {
                tags.truncate(MAX_LIST_ITEMS);
                report.note(place.clone(), "more than 30 tags: the first 30 were kept");
            }
            if title.is_none() && body.is_empty() && tags.is_empty() {
                report.skip(place, "no text and no tags (photos alone are not imported)");
                continue;
            }
            out.push(Incoming::free_entry(place, uuid, moment, title, body, tags));
        }
        Ok(())
    };
    if zip::is_zip(bytes) {
        if zip::each_member(bytes, ".json", &mut |m, json| read(Some(m), &json))? == 0 {
            return Err(RespiteError::invalid("file", "the zip holds no Day One JSON file").into());
        }
    } else {
        read(None, bytes)?;
    }
    if attachments > 0 {
        report.note(
            "file",
            format!("{attachments} photos and other attachments were not imported: Respite keeps text only"),
        );
    }
    if places > 0 {
        report.note(
            "file",
            format!(
                "{places} entries had a place or weather; Respite does not store where you were"
            ),
        );
    }
    if unknown_zones > 0 {
        report.note(
            "file",
            format!("{unknown_zones} entries had no time zone Respite knows; their times are kept in UTC"),
        );
    }
    Ok(out)
}

/// Day One escapes Markdown punctuation in its export (`\.`, `\-`, `\(`): undo that,
/// and drop references to photos and other attachments.
fn unescape(text: &str) -> String {
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("![](dayone-moment:"))
        .collect();
    let text = kept.join("\n");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next)) if next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// A first line written as a heading (`# Title`) becomes the title; the rest the body.
fn title_and_body(text: &str) -> (Option<String>, String) {
    let text = text.trim();
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    match first.strip_prefix('#') {
        Some(heading) => {
            let heading = heading.trim_start_matches('#').trim();
            if heading.is_empty() || heading.chars().count() > MAX_LINE_CHARS {
                (None, text.to_owned())
            } else {
                (Some(heading.to_owned()), rest.trim().to_owned())
            }
        }
        None => (None, text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_photo_references_are_undone() {
        assert_eq!(
            unescape("Walked 5 km\\. Felt \\(mostly\\) fine\\!\n![](dayone-moment://ABC)\nEnd"),
            "Walked 5 km. Felt (mostly) fine!\nEnd"
        );
        assert_eq!(unescape("a\\b"), "a\\b");
    }

    #[test]
    fn a_heading_becomes_the_title() {
        assert_eq!(
            title_and_body("# Long shift\n\nHard but ok."),
            (Some("Long shift".into()), "Hard but ok.".into())
        );
        assert_eq!(title_and_body("Just text"), (None, "Just text".into()));
        assert_eq!(title_and_body("#\nx"), (None, "#\nx".into()));
    }
}
