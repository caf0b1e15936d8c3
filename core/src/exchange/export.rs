//! Plaintext exports, for the person to keep or to move elsewhere: the complete vault
//! as JSON (lossless, and importable again), check-ins as CSV, and the journal and
//! plan as Markdown. Exports are not encrypted; the shells say so before writing one.
//! The JSON schema is in `docs/export-format.md`.

use rusqlite::Connection;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::checkins::{self, CheckIn};
use crate::content::catalogue;
use crate::crypto::keys::VaultKeys;
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::exchange::backup::{self, Item, Manifest};
use crate::exchange::csv;
use crate::journal::{self, JournalEntry};
use crate::plan::revisions;
use crate::plan::text::{markdown_escape, plan_to_markdown};
use crate::store::sealed::DayRange;
use crate::store::Store;
use crate::time;

/// The version of the JSON export schema this version writes and reads.
pub(crate) const JSON_VERSION: u32 = 1;
/// The `format` field of a JSON export.
pub(crate) const JSON_FORMAT: &str = "respite-export";

/// The kinds of export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ExportFormat {
    /// Every record, lossless, in Respite's documented JSON schema.
    Json,
    /// Check-ins, one row each, for spreadsheets.
    Csv,
    /// The journal, oldest first, and the current plan, to read or print.
    Markdown,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExportSummary {
    /// Records written.
    pub records: u64,
    /// Records that could not be opened and so are not in the export.
    pub damaged_skipped: u64,
}

/// Writes an export of the unlocked vault to `path`, which must not exist. The file
/// appears complete or not at all, readable by its owner only.
pub(crate) fn export(state: &Store, format: ExportFormat, path: &Path) -> Result<ExportSummary> {
    let keys = state.keys()?;
    if path.exists() {
        return Err(RespiteError::AlreadyExists.into());
    }
    let partial = backup::partial_path(path)?;
    let result = (|| {
        let file = backup::private_file(&partial)?;
        let mut out = BufWriter::new(file);
        let summary = {
            let conn = state.conn();
            let tx = conn.unchecked_transaction()?;
            match format {
                ExportFormat::Json => write_json(&tx, &keys, &mut out)?,
                ExportFormat::Csv => write_csv(&tx, &keys, &mut out)?,
                ExportFormat::Markdown => write_markdown(&tx, &keys, &mut out)?,
            }
        };
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        backup::rename_into_place(&partial, path)?;
        Ok(summary)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

fn write_json(conn: &Connection, keys: &VaultKeys, out: &mut impl Write) -> Result<ExportSummary> {
    let exported_at = time::now();
    writeln!(
        out,
        "{{\"format\":\"{JSON_FORMAT}\",\"version\":{JSON_VERSION},\"exported_at\":\"{}\",\"records\":[",
        exported_at.to_rfc3339()
    )?;
    let mut first = true;
    let (counts, damaged) = backup::each_opened_record(conn, keys, &mut |item| {
        if !std::mem::take(&mut first) {
            out.write_all(b",\n")?;
        }
        write_json_item(out, item)
    })?;
    let manifest =
        serde_json::to_string(&Manifest::new(exported_at, counts)).expect("a manifest encodes");
    write!(out, "\n],\"manifest\":{manifest}}}\n")?;
    Ok(ExportSummary {
        records: counts.iter().sum(),
        damaged_skipped: damaged.len() as u64,
    })
}

/// One record: its columns, then its payload exactly as sealed in the vault.
fn write_json_item(out: &mut impl Write, item: &Item) -> Result<()> {
    let head = serde_json::json!({
        "type": item.kind.name(),
        "id": item.id,
        "day": item.day,
        "occurred_at_ms": item.occurred_at,
        "updated_at_ms": item.updated_at,
        "revision": item.revision,
    })
    .to_string();
    out.write_all(&head.as_bytes()[..head.len() - 1])?;
    out.write_all(b",\"payload\":")?;
    out.write_all(&item.payload)?;
    out.write_all(b"}")?;
    Ok(())
}

const CSV_COLUMNS: [&str; 21] = [
    "id",
    "local_day",
    "local_time",
    "utc_offset_minutes",
    "pleasantness",
    "energy",
    "emotions",
    "stress_zone",
    "burnout",
    "sleep_hours",
    "sleep_quality",
    "detachment",
    "relaxation",
    "mastery",
    "control",
    "work_intrusion",
    "worthwhile",
    "practices",
    "context",
    "evening_check",
    "note",
];

fn write_csv(conn: &Connection, keys: &VaultKeys, out: &mut impl Write) -> Result<ExportSummary> {
    csv::write_row(out, &CSV_COLUMNS)?;
    let mut summary = ExportSummary {
        records: 0,
        damaged_skipped: 0,
    };
    let damaged = checkins::each_in(conn, keys, &DayRange::all(), &mut |c| {
        csv::write_row(out, &csv_fields(&c))?;
        summary.records += 1;
        Ok(())
    })?;
    summary.damaged_skipped = damaged.len() as u64;
    Ok(summary)
}

fn csv_fields(c: &CheckIn) -> Vec<String> {
    let d = &c.data;
    let opt = |v: Option<String>| v.unwrap_or_default();
    let num = |v: Option<f64>| opt(v.map(|v| v.to_string()));
    let scale = |v: Option<u8>| opt(v.map(|v| v.to_string()));
    vec![
        c.id.clone(),
        c.local_day.clone(),
        d.moment.local().to_rfc3339(),
        d.moment.utc_offset_minutes.to_string(),
        num(d.pleasantness),
        num(d.energy),
        d.emotions.join(";"),
        opt(d.stress_zone.map(|z| z.as_str().to_owned())),
        scale(d.burnout),
        num(d.sleep_hours),
        scale(d.sleep_quality),
        scale(d.detachment),
        scale(d.relaxation),
        scale(d.mastery),
        scale(d.control),
        scale(d.work_intrusion),
        scale(d.worthwhile),
        d.practices.join(";"),
        opt(d.context.map(|x| x.as_str().to_owned())),
        d.evening_check.to_string(),
        opt(d.note.clone()),
    ]
}

fn write_markdown(
    conn: &Connection,
    keys: &VaultKeys,
    out: &mut impl Write,
) -> Result<ExportSummary> {
    let mut summary = ExportSummary {
        records: 0,
        damaged_skipped: 0,
    };
    writeln!(out, "# My Respite journal\n")?;
    let mut last_day = String::new();
    let damaged = journal::each_in(conn, keys, &DayRange::all(), &mut |entry| {
        if entry.local_day != last_day {
            writeln!(out, "## {}\n", entry.local_day)?;
            last_day = entry.local_day.clone();
        }
        out.write_all(entry_markdown(&entry).as_bytes())?;
        summary.records += 1;
        Ok(())
    })?;
    summary.damaged_skipped = damaged.len() as u64;
    if summary.records == 0 {
        writeln!(out, "*No entries yet.*\n")?;
    }
    let plan = revisions::current_plan(conn, keys)?;
    if plan.revision > 0 {
        out.write_all(plan_to_markdown(plan.plan).as_bytes())?;
        summary.records += 1;
    }
    Ok(summary)
}

/// Catalogue wording by id, to print names instead of ids.
/// Catalogue ids as their display words, unknown ids as they are.
fn names(ids: &[String]) -> String {
    ids.iter()
        .map(|id| catalogue::text_of(id).unwrap_or(id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One entry: time, kind and title, the answers it holds, its text and tags.
fn entry_markdown(e: &JournalEntry) -> String {
    let esc = markdown_escape;
    let mut md = format!(
        "### {} · {}",
        e.moment.local().format("%H:%M"),
        e.kind.as_str().replace('-', " ")
    );
    if let Some(title) = &e.title {
        md.push_str(&format!(" · {}", esc(title)));
    }
    md.push_str("\n\n");
    let mut line = |label: &str, value: String| {
        if !value.is_empty() {
            md.push_str(&format!("- {label}: {}\n", esc(&value)));
        }
    };
    if let Some(r) = &e.reflection {
        line(
            "Intensity",
            r.intensity.map_or(String::new(), |v| format!("{v} of 10")),
        );
        line(
            "Activation",
            r.activation_before.map_or(String::new(), |v| {
                let after = r
                    .activation_after
                    .map_or(String::new(), |a| format!(", after a practice {a}"));
                format!("{v} of 10{after}")
            }),
        );
        line("Feelings", names(&r.feelings));
        line("In my body", names(&r.body_sensations));
        line("What I needed", names(&r.needs));
        line("Practice", r.practice.clone().unwrap_or_default());
    }
    if let Some(t) = &e.transition {
        for p in &t.parked {
            let when = p
                .when
                .as_deref()
                .map_or(String::new(), |w| format!(" ({w})"));
            line(
                "Parked",
                format!("{}{when}{}", p.what, if p.done { ", done" } else { "" }),
            );
        }
        line("Feelings", names(&t.feelings));
        line("Set down", t.set_down.clone().unwrap_or_default());
        line("Went well", t.went_well.join("; "));
        line(
            "Who I want to be at home",
            t.who_at_home.clone().unwrap_or_default(),
        );
        line("First thing", t.first_thing.clone().unwrap_or_default());
        line(
            "End-of-day signal",
            t.end_of_day_signal.clone().unwrap_or_default(),
        );
    }
    line("Tags", e.tags.join(", "));
    if md.ends_with('\n') && !md.ends_with("\n\n") {
        md.push('\n');
    }
    for text_line in e.body.lines() {
        md.push_str(&format!("{}  \n", esc(text_line)));
    }
    md.push('\n');
    md
}
