//! `respite`: the desktop shell over Respite's core.
//!
//! Exit codes: 0 success, 1 other error, 2 usage, 3 wrong passphrase or recovery code,
//! 4 integrity failure (tampered, corrupt or unsupported vault), 5 the privacy check
//! found something. Errors are one line on stderr and never contain journal text or
//! secrets.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

mod backup;
mod checkins;
mod commands;
mod exchange;
mod format;
mod journal;
mod plan;
mod privacy;
mod prompts;
mod secrets;
mod tour;
mod trends;

use clap::{Args, Parser, Subcommand, ValueEnum};
use respite_core::{CheckInContext, JournalKind, RespiteError, StressZone};
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
        /// Practice ids from your plan this entry is about.
        #[arg(long = "practice", value_name = "ID")]
        practices: Vec<String>,
        /// Replace details that could identify a client with placeholders.
        #[arg(long)]
        redact: bool,
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
        /// Replace details that could identify a client with placeholders.
        #[arg(long)]
        redact: bool,
    },
    /// Show the earlier revisions of an entry.
    History { id: String },
    /// Ranked search over journal entries and check-in notes; each result with its id.
    Search {
        /// Words to look for (case, accents and simple word endings are ignored).
        #[arg(default_value = "")]
        query: String,
        /// Earliest local day, YYYY-MM-DD.
        #[arg(long, value_name = "DAY")]
        from: Option<String>,
        /// Latest local day, YYYY-MM-DD.
        #[arg(long, value_name = "DAY")]
        to: Option<String>,
        /// Only journal entries of this kind.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Only journal entries with this tag.
        #[arg(long)]
        tag: Option<String>,
        /// Most results to show (1–200).
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Delete an entry and all its revisions for good.
    Delete { id: String },
}

/// Flags of `respite reflect`.
#[derive(Debug, Args)]
struct ReflectArgs {
    /// How intense the session was, 0–10.
    #[arg(long, value_name = "0-10")]
    intensity: Option<u8>,
    /// How activated I feel now, 0–10.
    #[arg(long, value_name = "0-10")]
    activation: Option<u8>,
    /// How activated I feel after a regulation practice, 0–10.
    #[arg(long, value_name = "0-10")]
    activation_after: Option<u8>,
    /// A feeling (emotion id, see `respite catalogue`); repeat for more.
    #[arg(long = "feeling", value_name = "ID")]
    feelings: Vec<String>,
    /// A body sensation id; repeat for more.
    #[arg(long = "body", value_name = "ID")]
    body: Vec<String>,
    /// What I need now (need id); repeat for more.
    #[arg(long = "need", value_name = "ID")]
    needs: Vec<String>,
    /// The regulation practice used (a practice id).
    #[arg(long, value_name = "ID")]
    practice: Option<String>,
    #[arg(long)]
    title: Option<String>,
    /// A tag; repeat for more.
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// The short note (default: standard input, when it is not a terminal).
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// When, RFC 3339 with offset (default: now).
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Replace details that could identify a client with placeholders.
    #[arg(long)]
    redact: bool,
}

/// Flags of `respite checkin`.
#[derive(Debug, Args)]
struct CheckinArgs {
    /// How pleasant, -1 (very unpleasant) to 1 (very pleasant).
    #[arg(long, allow_negative_numbers = true, value_name = "-1..1")]
    pleasantness: Option<f64>,
    /// How much energy, 0 to 1.
    #[arg(long, value_name = "0..1")]
    energy: Option<f64>,
    /// An emotion id (see `respite catalogue`); repeat for more.
    #[arg(long = "emotion", value_name = "ID")]
    emotions: Vec<String>,
    /// Stress continuum zone.
    #[arg(long, value_enum)]
    zone: Option<ZoneArg>,
    /// Self-rated burnout, 1–5.
    #[arg(long, value_name = "1-5")]
    burnout: Option<u8>,
    /// Hours slept.
    #[arg(long, value_name = "HOURS")]
    sleep_hours: Option<f64>,
    /// Sleep quality, 1–5.
    #[arg(long, value_name = "1-5")]
    sleep_quality: Option<u8>,
    /// Recovery: mentally leaving work behind, 1–5.
    #[arg(long, value_name = "1-5")]
    detachment: Option<u8>,
    /// Recovery: unhurried, restful time, 1–5.
    #[arg(long, value_name = "1-5")]
    relaxation: Option<u8>,
    /// Recovery: growth or a good challenge outside work, 1–5.
    #[arg(long, value_name = "1-5")]
    mastery: Option<u8>,
    /// Recovery: free time on my own terms, 1–5.
    #[arg(long, value_name = "1-5")]
    control: Option<u8>,
    /// How much work thoughts intruded, 0–4.
    #[arg(long, value_name = "0-4")]
    intrusion: Option<u8>,
    /// A practice done (practice id); repeat for more.
    #[arg(long = "practice", value_name = "ID")]
    practices: Vec<String>,
    /// Where: workday, transition or home.
    #[arg(long, value_enum)]
    context: Option<ContextArg>,
    /// A short note.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// When, RFC 3339 with offset (default: now).
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Replace details in the note that could identify a client with placeholders.
    #[arg(long)]
    redact: bool,
}

#[derive(Debug, Subcommand)]
enum CheckinCommand {
    /// List check-ins, newest first.
    List {
        /// Earliest local day, YYYY-MM-DD.
        #[arg(long, value_name = "DAY")]
        from: Option<String>,
        /// Latest local day, YYYY-MM-DD.
        #[arg(long, value_name = "DAY")]
        to: Option<String>,
        /// Show at most N check-ins.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
    /// Show one check-in.
    Show { id: String },
    /// Delete a check-in for good.
    Delete { id: String },
}

#[derive(Debug, Subcommand)]
enum PlanCommand {
    /// Print the plan in its text form (the form `plan edit` and `plan set` read).
    Show {
        /// Print printable Markdown instead.
        #[arg(long)]
        markdown: bool,
    },
    /// Edit the plan in $EDITOR; invalid text is refused without losing it.
    Edit {
        /// Replace details that could identify a client with placeholders.
        #[arg(long)]
        redact: bool,
    },
    /// Replace the plan with the text form in FILE ("-" for standard input).
    Set {
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        /// Replace details that could identify a client with placeholders.
        #[arg(long)]
        redact: bool,
    },
    /// List the saved revisions, newest first.
    History,
    /// What changed between two revisions (0 is the empty plan).
    Diff { from: u32, to: u32 },
    /// Practices from your plan (or starter suggestions) that fit a moment.
    Suggest {
        #[arg(long, value_enum)]
        moment: MomentArg,
    },
    /// The emergency card for a bad day.
    Card,
    /// Practices done against their targets, week by week.
    Adherence {
        /// How many weeks, ending with this one (1–52).
        #[arg(long, default_value_t = 4)]
        weeks: u32,
        /// Today's date, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "DAY")]
        today: Option<String>,
    },
    /// Write the plan as printable Markdown to FILE (plaintext).
    Export {
        #[arg(long, required = true)]
        markdown: bool,
        file: PathBuf,
    },
}

/// Moments of the day for `plan suggest`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum MomentArg {
    AfterSession,
    Transition,
    Evening,
    BadDay,
}

#[derive(Debug, Subcommand)]
enum ScheduleCommand {
    /// Print the schedule in its text form.
    Show,
    /// Replace the schedule with the text form in FILE ("-" for standard input).
    Set {
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum PromptsCommand {
    /// The prompts of the next N days.
    Upcoming {
        #[arg(long, default_value_t = 7)]
        days: u32,
        /// IANA time zone of this device (default: the system's).
        #[arg(long, value_name = "ZONE")]
        time_zone: Option<String>,
    },
    /// Do not notify this prompt.
    Skip { id: String },
    /// Notify this prompt again in N minutes.
    Snooze {
        id: String,
        #[arg(long, default_value_t = 15)]
        minutes: u32,
    },
}

/// Flags of `respite transition`.
#[derive(Debug, Args)]
struct TransitionArgs {
    /// Answers as JSON instead of questions: {"parked":[{"what":…,"when":…,"where":…}],
    /// "pleasantness":…, "energy":…, "feelings":[…], "set_down":…, "went_well":[…],
    /// "who_at_home":…, "first_thing":…, "end_of_day_signal":…, "practice":…}.
    #[arg(long, value_name = "FILE")]
    answers: Option<PathBuf>,
    /// When, RFC 3339 with offset (default: now).
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Replace details that could identify a client with placeholders. Without it, on
    /// a terminal each answer is checked as it is typed and the redacted version offered.
    #[arg(long)]
    redact: bool,
}

/// Flags of `respite evening`; with none, the questions are asked.
#[derive(Debug, Args)]
struct EveningArgs {
    /// How far I could leave work behind, 1–5.
    #[arg(long, value_name = "1-5")]
    detachment: Option<u8>,
    /// How much work thoughts intruded, 0–4.
    #[arg(long, value_name = "0-4")]
    intrusion: Option<u8>,
    /// How pleasant the evening is, -1 to 1.
    #[arg(long, allow_negative_numbers = true, value_name = "-1..1")]
    pleasantness: Option<f64>,
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// When, RFC 3339 with offset (default: now).
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Replace details in the note that could identify a client with placeholders.
    #[arg(long)]
    redact: bool,
}

#[derive(Debug, Subcommand)]
enum PrivacyCommand {
    /// Words and phrases that are yours, which the privacy check leaves alone.
    #[command(subcommand)]
    Allow(AllowCommand),
}

#[derive(Debug, Subcommand)]
enum AllowCommand {
    /// Add a word or phrase (quote a phrase: "St Vincent's"); kept in lower case.
    Add { word: String },
    /// The allowed words and phrases, one a line.
    List,
    /// Take a word or phrase off the list; exit code 1 when it is not there.
    Remove { word: String },
}

#[derive(Debug, Subcommand)]
enum ParkedCommand {
    /// What is still parked (the last 30 days).
    List,
    /// Mark a parked item done.
    Done { entry_id: String, item_id: String },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportKind {
    Json,
    Csv,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ImportSource {
    Respite,
    Daylio,
    Dayone,
}

#[derive(Debug, Subcommand)]
enum BackupCommand {
    /// Write an encrypted backup of the vault to FILE (which must not exist).
    Create {
        file: PathBuf,
        /// PBKDF2 iterations for the backup passphrase (default 600000, at least 100000).
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

#[derive(Debug, Subcommand)]
enum SettingsCommand {
    /// Show the settings.
    Show,
    /// Change settings.
    Set {
        /// The hour (0–12) a new day starts, for late or night work.
        #[arg(long, value_name = "HOUR")]
        day_start_hour: Option<u8>,
    },
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

/// Stress zones as written on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ZoneArg {
    Ready,
    Reacting,
    Injured,
    Ill,
}

impl From<ZoneArg> for StressZone {
    fn from(zone: ZoneArg) -> Self {
        match zone {
            ZoneArg::Ready => StressZone::Ready,
            ZoneArg::Reacting => StressZone::Reacting,
            ZoneArg::Injured => StressZone::Injured,
            ZoneArg::Ill => StressZone::Ill,
        }
    }
}

/// Check-in contexts as written on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ContextArg {
    Workday,
    Transition,
    Home,
}

impl From<ContextArg> for CheckInContext {
    fn from(context: ContextArg) -> Self {
        match context {
            ContextArg::Workday => CheckInContext::Workday,
            ContextArg::Transition => CheckInContext::Transition,
            ContextArg::Home => CheckInContext::Home,
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
    /// The privacy check found something (exit code 5); the report was printed.
    Findings,
    /// A recovery code that cannot be one (exit code 3, like a wrong one).
    MalformedCode(RespiteError),
}

impl From<RespiteError> for CliError {
    fn from(err: RespiteError) -> Self {
        CliError::Core(err)
    }
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Core(RespiteError::WrongSecret) | CliError::MalformedCode(_) => 3,
            CliError::Core(
                RespiteError::Integrity { .. }
                | RespiteError::NotAVault
                | RespiteError::UnsupportedFormat { .. },
            ) => 4,
            CliError::Usage(_) => 2,
            CliError::Findings => 5,
            _ => 1,
        }
    }

    fn message(&self) -> String {
        match self {
            CliError::Core(err) | CliError::MalformedCode(err) => err.to_string(),
            CliError::Usage(msg) | CliError::Other(msg) => msg.clone(),
            CliError::Findings => String::new(),
        }
    }
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
                eprintln!("respite: {message}");
            }
            ExitCode::from(err.exit_code())
        }
    }
}
