//! `respite backup`: create, verify, and restore or merge encrypted backups.

use clap::Subcommand;
use respite_core::{restore_backup, verify_backup, BackupSummary, MergeReport, Vault};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::commands::{create_parent, path_text};
use crate::error::CliError;
use crate::format::Output;
use crate::secrets;

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Write an encrypted backup of the vault to FILE (which must not exist).
    Create {
        file: PathBuf,
        /// Stretch the backup passphrase with PBKDF2 and this many iterations (100000 to
        /// 10000000) instead of Argon2id.
        #[arg(long, value_name = "N")]
        kdf_iterations: Option<u32>,
    },
    /// Restore FILE into the vault: a new vault is created when there is none (its
    /// passphrase from RESPITE_PASSPHRASE); an existing one needs --merge.
    Restore {
        file: PathBuf,
        /// Merge into the existing vault: newer revisions win, conflicts are kept as
        /// copies, nothing is dropped silently.
        #[arg(long)]
        merge: bool,
    },
    /// Read the whole backup, check every record, and say what it holds.
    Verify { file: PathBuf },
}

/// Runs a backup command; `open` opens and unlocks the vault at `vault`.
pub fn run(
    out: &Output,
    vault: &Path,
    command: BackupCommand,
    open: impl FnOnce() -> Result<Arc<Vault>, CliError>,
) -> Result<(), CliError> {
    match command {
        BackupCommand::Create {
            file,
            kdf_iterations,
        } => {
            let vault = open()?;
            let passphrase = secrets::backup_passphrase(true)?;
            let summary = vault.create_backup(path_text(&file)?, passphrase, kdf_iterations)?;
            let damaged = if summary.damaged_skipped > 0 {
                format!(
                    "\n{} records could not be opened and are not in the backup; they stay in the vault.",
                    summary.damaged_skipped
                )
            } else {
                String::new()
            };
            out.print(
                &format!(
                    "Wrote an encrypted backup to {}: {}.{damaged}\nKeep the backup passphrase safe: without it the backup cannot be opened.",
                    file.display(),
                    contents(&summary)
                ),
                json!({ "backup": file.display().to_string(), "summary": summary_json(&summary) }),
            );
        }
        BackupCommand::Verify { file } => {
            let summary = verify_backup(path_text(&file)?, secrets::backup_passphrase(false)?)?;
            out.print(
                &format!(
                    "The backup is complete and intact, made {}: {}.",
                    summary.created_at.format("%Y-%m-%d %H:%M UTC"),
                    contents(&summary)
                ),
                json!({ "backup": file.display().to_string(), "summary": summary_json(&summary) }),
            );
        }
        BackupCommand::Restore { file, merge } => {
            let (report, verb) = if vault.exists() {
                if !merge {
                    return Err(CliError::Usage(format!(
                        "a vault already exists at {}: add --merge to merge the backup into it, or name another path with --vault",
                        vault.display()
                    )));
                }
                let target = open()?;
                let passphrase = secrets::backup_passphrase(false)?;
                (
                    target.merge_backup(path_text(&file)?, passphrase)?,
                    "Merged",
                )
            } else {
                create_parent(vault)?;
                let backup_passphrase = secrets::backup_passphrase(false)?;
                let vault_passphrase = secrets::passphrase_for_new_vault()?;
                let report = restore_backup(
                    path_text(&file)?,
                    backup_passphrase,
                    path_text(vault)?,
                    vault_passphrase,
                    None,
                )?;
                (report, "Restored")
            };
            out.print(
                &format!(
                    "{verb} {} into {}: {}.",
                    file.display(),
                    vault.display(),
                    report_text(&report)
                ),
                json!({ "vault": vault.display().to_string(), "report": report_json(&report) }),
            );
        }
    }
    Ok(())
}

fn contents(s: &BackupSummary) -> String {
    format!(
        "{} journal entries ({} earlier revisions), {} check-ins, {} settings, {} plan revisions",
        s.journal_entries, s.journal_revisions, s.checkins, s.settings, s.plan_revisions
    )
}

fn summary_json(s: &BackupSummary) -> Value {
    json!({
        "created_at": s.created_at.to_rfc3339(),
        "journal_entries": s.journal_entries,
        "journal_revisions": s.journal_revisions,
        "checkins": s.checkins,
        "settings": s.settings,
        "plan_revisions": s.plan_revisions,
        "damaged_skipped": s.damaged_skipped,
    })
}

fn report_text(r: &MergeReport) -> String {
    let parts = [
        (r.added, "added"),
        (r.updated, "updated to a newer revision"),
        (r.unchanged, "already there"),
        (r.history_added, "earlier revisions added to history"),
        (
            r.older_skipped,
            "kept as they were (the vault's were newer)",
        ),
        (
            r.conflicts_copied,
            "changed on both sides, kept as separate copies",
        ),
    ];
    let said: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if said.is_empty() {
        "the backup was empty".to_owned()
    } else {
        said.join(", ")
    }
}

fn report_json(r: &MergeReport) -> Value {
    json!({
        "added": r.added,
        "updated": r.updated,
        "unchanged": r.unchanged,
        "history_added": r.history_added,
        "older_skipped": r.older_skipped,
        "conflicts_copied": r.conflicts_copied,
    })
}
