//! `respite`: the desktop shell over Respite's core.
//!
//! Exit codes: 0 success, 1 other error, 2 usage, 3 wrong passphrase or recovery code,
//! 4 integrity failure (tampered, corrupt or unsupported vault), 5 the privacy check
//! found something. Errors are one line on stderr and never contain journal text or
//! secrets.

mod ask;
mod backup;
mod checkins;
mod commands;
mod error;
mod exchange;
mod files;
mod format;
mod journal;
mod plan;
mod practice;
mod privacy;
mod prompts;
mod secrets;
mod support;
mod tour;
mod trends;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

use backup::BackupCommand;
use checkins::{CheckinArgs, CheckinCommand};
use commands::{KeySlotsCommand, PassphraseCommand, RecoveryCodeCommand, SettingsCommand};
use exchange::{ExportKind, ImportSource};
use journal::{JournalCommand, ReflectArgs};
use plan::PlanCommand;
use privacy::PrivacyCommand;
use prompts::{EveningArgs, ParkedCommand, PromptsCommand, ScheduleCommand, TransitionArgs};

/// Respite: a private self-care companion for mental-health professionals.
///
/// Secrets are never taken from arguments: the passphrase comes from
/// RESPITE_PASSPHRASE (a new one from RESPITE_NEW_PASSPHRASE), a recovery code from
/// RESPITE_RECOVERY_CODE, or a hidden prompt.
#[derive(Debug, Parser)]
#[command(name = "respite", version)]
pub struct Cli {
    /// The vault file [env: RESPITE_VAULT; default: ~/.local/share/respite/vault.db]
    #[arg(long, global = true, value_name = "PATH")]
    vault: Option<PathBuf>,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// At a prompt, ask for the recovery code instead of the passphrase.
    #[arg(long, global = true)]
    use_recovery_code: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new vault.
    Init {
        /// Stretch the passphrase with PBKDF2 and this many iterations (100000 to
        /// 10000000) instead of Argon2id: quicker unlocks, for tests and scripts.
        #[arg(long, value_name = "N")]
        kdf_iterations: Option<u32>,
    },
    /// Write, read, search and manage journal entries.
    #[command(subcommand)]
    Journal(JournalCommand),
    /// Record an after-session reflection: values by flags, the note from --note or
    /// standard input. Prints the new entry's id.
    Reflect(ReflectArgs),
    /// Record a mood and recovery check-in (flags per field), or list them.
    #[command(args_conflicts_with_subcommands = true)]
    Checkin {
        #[command(subcommand)]
        command: Option<CheckinCommand>,
        #[command(flatten)]
        data: CheckinArgs,
    },
    /// Check text from standard input for details that could identify a client.
    /// Exit code 0 when nothing is found, 5 when something is.
    ///
    /// The vault's allow-list applies when the vault exists and RESPITE_PASSPHRASE or
    /// RESPITE_RECOVERY_CODE opens it (there is never a prompt); otherwise the plain
    /// check runs, with a note on stderr when there is a vault.
    #[command(name = "privacy-check")]
    PrivacyCheck,
    /// Your allow-list: words that are yours (a colleague, your family, your
    /// workplace), which the privacy check leaves alone.
    #[command(subcommand)]
    Privacy(PrivacyCommand),
    /// The ids and wording of emotions, body sensations, needs and scales.
    Catalogue,
    /// A minute of slower breathing: in for four, out for six.
    Breathe {
        /// How long, in seconds (10–600; default 60).
        #[arg(long, value_name = "SECONDS")]
        seconds: Option<u32>,
    },
    /// For a very hard moment: your emergency card, your people, professional help
    /// and a crisis line for your region (`settings set --crisis-line-region`).
    Support,
    /// Your self-care plan: show, edit, compare revisions, suggestions, the emergency card.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Your work schedule, in the text form `schedule set` reads.
    #[command(subcommand)]
    Schedule(ScheduleCommand),
    /// The prompts Respite would notify, and snoozing or skipping one.
    #[command(subcommand)]
    Prompts(PromptsCommand),
    /// The end-of-shift transition: park it, name it, set it down, what went well,
    /// switch roles. Every step skippable.
    Transition(TransitionArgs),
    /// The evening check: how much did work follow you home?
    Evening(EveningArgs),
    /// What you parked in transitions: list, or mark done.
    #[command(subcommand)]
    Parked(ParkedCommand),
    /// Personal trends in the terminal: sparklines, insights, this week.
    Trends {
        /// How many days to show (7–365).
        #[arg(long, default_value_t = 28)]
        days: u32,
        /// Today's date, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "DAY")]
        today: Option<String>,
    },
    /// Write a self-contained HTML report of your trends (plaintext).
    Report {
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        html: PathBuf,
        /// Today's date, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "DAY")]
        today: Option<String>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Fill a vault with synthetic history, to see trends without months of logging.
    #[command(name = "demo-data")]
    DemoData {
        #[arg(long, default_value_t = 1)]
        years: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The day after the last day of history, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "DAY")]
        today: Option<String>,
        /// Allow writing into a vault that already has records.
        #[arg(long)]
        into_existing: bool,
    },
    /// Show or change the vault's settings.
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// Change the vault's passphrase.
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Create a recovery code (shown once).
    #[command(subcommand, name = "recovery-code")]
    RecoveryCode(RecoveryCodeCommand),
    /// List or remove the ways the vault can be unlocked.
    #[command(subcommand, name = "key-slots")]
    KeySlots(KeySlotsCommand),
    /// Write a plaintext export: the whole vault as JSON, check-ins as CSV, or the
    /// journal and plan as Markdown. The file is not encrypted, so --plaintext is required.
    Export {
        #[arg(long, value_enum)]
        format: ExportKind,
        /// The file to write (it must not exist).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Confirms that you want an unencrypted file.
        #[arg(long)]
        plaintext: bool,
    },
    /// Import a Respite JSON export, a Daylio CSV export, or a Day One JSON export (the
    /// .json or the .zip). Importing the same file again changes nothing.
    Import {
        #[arg(long, value_enum)]
        from: ImportSource,
        file: PathBuf,
        /// The time zone of times without an offset (Daylio's); default: this computer's.
        #[arg(long, value_name = "ZONE")]
        time_zone: Option<String>,
    },
    /// Encrypted backups: create, verify, restore or merge. The backup passphrase
    /// comes from RESPITE_BACKUP_PASSPHRASE or a hidden prompt.
    #[command(subcommand)]
    Backup(BackupCommand),
    /// Check the whole vault: every record opens, nothing is missing, rolled back or
    /// changed outside Respite, and the file is sound. Exit 0 when intact, 4 when
    /// anything is damaged, missing or rolled back.
    Verify,
    /// Replace the vault key: every record is re-encrypted under a new key, all or
    /// nothing, after the passphrase (or a recovery code) is given again.
    Rekey,
    /// A guided tour in a throw-away vault: no input needed.
    Tour {
        /// Keep the tour's vault directory instead of removing it.
        #[arg(long)]
        keep: bool,
    },
}

fn main() -> ExitCode {
    // Like other command-line tools, stop quietly when the reader of our output goes
    // away (`respite journal list | head`) instead of failing to print.
    #[cfg(unix)]
    // SAFETY: called first thing, before any other thread exists; SIG_DFL is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let message = err.message();
            if !message.is_empty() {
                eprintln!("respite: {}", format::printable(&message));
            }
            ExitCode::from(err.exit_code())
        }
    }
}
