//! `respite`: the desktop shell over Respite's core.
//!
//! Exit codes: 0 success, 1 other error, 2 usage, 3 wrong passphrase or recovery code,
//! 4 integrity failure (tampered, corrupt or unsupported vault). Errors are one line
//! on stderr and never contain journal text or secrets.

mod commands;
mod secrets;
mod tour;

use clap::{Parser, Subcommand, ValueEnum};
use respite_core::{JournalKind, RespiteError};
use std::path::PathBuf;
use std::process::ExitCode;

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
        /// PBKDF2 iterations for the passphrase (default 600000, at least 100000).
        #[arg(long, value_name = "N")]
        kdf_iterations: Option<u32>,
    },
    /// Write, read and manage journal entries.
    #[command(subcommand)]
    Journal(JournalCommand),
    /// Change the vault's passphrase.
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Create a recovery code (shown once).
    #[command(subcommand, name = "recovery-code")]
    RecoveryCode(RecoveryCodeCommand),
    /// List or remove the ways the vault can be unlocked.
    #[command(subcommand, name = "key-slots")]
    KeySlots(KeySlotsCommand),
    /// A guided tour in a throw-away vault: no input needed.
    Tour {
        /// Keep the tour's vault directory instead of removing it.
        #[arg(long)]
        keep: bool,
    },
}

#[derive(Debug, Subcommand)]
enum JournalCommand {
    /// Write a new entry; the text comes from --text or standard input. Prints its id.
    Add {
        #[arg(long, value_enum, default_value = "free")]
        kind: KindArg,
        #[arg(long)]
        title: Option<String>,
        /// A tag; repeat for more.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        #[arg(long, value_name = "TEXT")]
        text: Option<String>,
        /// When it was written, RFC 3339 with offset (default: now).
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
    /// List entries, newest first, one a line.
    List {
        /// Show at most N entries.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
    /// Show one entry.
    Show { id: String },
    /// Change an entry; with no flags, the new text comes from standard input.
    Edit {
        id: String,
        #[arg(long, value_name = "TEXT")]
        text: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Replace the tags; repeat for more.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Show the earlier revisions of an entry.
    History { id: String },
    /// Delete an entry and all its revisions for good.
    Delete { id: String },
}

#[derive(Debug, Subcommand)]
enum PassphraseCommand {
    /// Set a new passphrase (from RESPITE_NEW_PASSPHRASE or a prompt).
    Change,
}

#[derive(Debug, Subcommand)]
enum RecoveryCodeCommand {
    /// Create a new recovery code, replacing any earlier one.
    Create,
}

#[derive(Debug, Subcommand)]
enum KeySlotsCommand {
    /// List the key slots.
    List,
    /// Remove a key slot by id (never the last one).
    Remove { id: String },
}

/// Journal kinds as written on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum KindArg {
    AfterSession,
    Transition,
    Evening,
    Free,
}

impl From<KindArg> for JournalKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::AfterSession => JournalKind::AfterSession,
            KindArg::Transition => JournalKind::Transition,
            KindArg::Evening => JournalKind::Evening,
            KindArg::Free => JournalKind::Free,
        }
    }
}

/// A failure of a command, carrying its exit code.
#[derive(Debug)]
pub enum CliError {
    /// An error from the core.
    Core(RespiteError),
    /// The command line or its input was wrong (exit code 2).
    Usage(String),
    /// Anything else (exit code 1).
    Other(String),
}

impl From<RespiteError> for CliError {
    fn from(err: RespiteError) -> Self {
        CliError::Core(err)
    }
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Core(RespiteError::WrongSecret) => 3,
            CliError::Core(RespiteError::InvalidInput { field, .. })
                if field == "recovery_code" =>
            {
                3
            }
            CliError::Core(
                RespiteError::Integrity { .. }
                | RespiteError::NotAVault
                | RespiteError::UnsupportedFormat { .. },
            ) => 4,
            CliError::Usage(_) => 2,
            _ => 1,
        }
    }

    fn message(&self) -> String {
        match self {
            CliError::Core(err) => err.to_string(),
            CliError::Usage(msg) | CliError::Other(msg) => msg.clone(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("respite: {}", err.message());
            ExitCode::from(err.exit_code())
        }
    }
}
