//! `respite export` and `respite import`: the person's data in and out, in open formats.

use clap::ValueEnum;
use respite_core::{ExportFormat, ImportFormat, Vault};
use serde_json::json;
use std::path::Path;

use crate::commands::path_text;
use crate::error::CliError;
use crate::format::Output;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportKind {
    Json,
    Csv,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportSource {
    Respite,
    Daylio,
    Dayone,
}

/// Writes a plaintext export, only with `--plaintext`.
pub fn export(
    out: &Output,
    vault: &Vault,
    kind: ExportKind,
    file: &Path,
    plaintext: bool,
) -> Result<(), CliError> {
    if !plaintext {
        return Err(CliError::Usage(
            "an export is NOT encrypted: anyone who can read the file can read your entries. Add --plaintext to write it anyway (`respite backup create` makes an encrypted copy)".into(),
        ));
    }
    let format = match kind {
        ExportKind::Json => ExportFormat::Json,
        ExportKind::Csv => ExportFormat::Csv,
        ExportKind::Markdown => ExportFormat::Markdown,
    };
    let summary = vault.export(format, path_text(file)?)?;
    let damaged = if summary.damaged_skipped > 0 {
        format!(
            " {} records could not be opened and are not in it.",
            summary.damaged_skipped
        )
    } else {
        String::new()
    };
    out.print(
        &format!(
            "Wrote {} records to {} (plaintext: keep it somewhere private, and delete it when you are done).{damaged}",
            summary.records,
            file.display()
        ),
        json!({
            "out": file.display().to_string(),
            "records": summary.records,
            "damaged_skipped": summary.damaged_skipped,
        }),
    );
    Ok(())
}

/// Imports a file and says what happened to every part of it.
pub fn import(
    out: &Output,
    vault: &Vault,
    source: ImportSource,
    file: &Path,
    time_zone: Option<String>,
) -> Result<(), CliError> {
    let format = match source {
        ImportSource::Respite => ImportFormat::Respite,
        ImportSource::Daylio => ImportFormat::Daylio,
        ImportSource::Dayone => ImportFormat::DayOne,
    };
    let zone = time_zone.unwrap_or_else(crate::prompts::device_time_zone);
    let report = vault.import_file(format, path_text(file)?, zone)?;
    let mut text = format!(
        "Imported {} new, updated {}, {} already there, skipped {}.",
        report.imported, report.merged, report.unchanged, report.skipped
    );
    for note in &report.notes {
        text.push_str(&format!("\n  {}: {}", note.place, note.reason));
    }
    out.print(
        &text,
        json!({
            "imported": report.imported,
            "merged": report.merged,
            "unchanged": report.unchanged,
            "skipped": report.skipped,
            "notes": report.notes.iter().map(|n| json!({ "place": n.place, "reason": n.reason })).collect::<Vec<_>>(),
        }),
    );
    Ok(())
}
