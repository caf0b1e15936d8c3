//! `respite plan …`: show, edit, set, history, diff, suggest, card, adherence, export.

use clap::{Subcommand, ValueEnum};
use respite_core::{
    plan_from_text, plan_to_markdown, plan_to_text, ChangeKind, PlanMoment, RespiteError, Vault,
};
use serde_json::{json, Value};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::commands::read_stdin;
use crate::error::CliError;
use crate::files;
use crate::format::Output;
use crate::privacy::screen;

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
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
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// Moments of the day for `plan suggest`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MomentArg {
    AfterSession,
    Transition,
    Evening,
    BadDay,
}

impl From<MomentArg> for PlanMoment {
    fn from(moment: MomentArg) -> Self {
        match moment {
            MomentArg::AfterSession => PlanMoment::AfterSession,
            MomentArg::Transition => PlanMoment::Transition,
            MomentArg::Evening => PlanMoment::Evening,
            MomentArg::BadDay => PlanMoment::BadDay,
        }
    }
}

/// Runs a `plan` subcommand.
pub fn run(out: &Output, vault: &Vault, command: PlanCommand) -> Result<(), CliError> {
    let plan = vault.plan();
    match command {
        PlanCommand::Show { markdown } => {
            let current = plan.current()?;
            let text = if markdown {
                plan_to_markdown(current.plan.clone())
            } else {
                plan_to_text(current.plan.clone())
            };
            out.print(
                text.trim_end(),
                json!({ "revision": current.revision, "text": plan_to_text(current.plan) }),
            );
        }
        PlanCommand::Set { file, redact } => {
            let text = if file == Path::new("-") {
                read_stdin()?
            } else {
                std::fs::read_to_string(&file)
                    .map_err(|_| CliError::Other(format!("could not read {}", file.display())))?
            };
            save(out, vault, &text, redact)?;
        }
        PlanCommand::Edit { redact } => edit(out, vault, redact)?,
        PlanCommand::History => {
            let revisions = plan.revisions()?;
            let lines: Vec<String> = revisions
                .iter()
                .map(|r| {
                    let saved = r
                        .saved_at
                        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                        .unwrap_or_default();
                    let review = r
                        .plan
                        .review_date
                        .as_deref()
                        .map(|d| format!("  review by {d}"))
                        .unwrap_or_default();
                    let n = r.plan.practices.len();
                    let practices = if n == 1 {
                        "1 practice".to_owned()
                    } else {
                        format!("{n} practices")
                    };
                    format!(
                        "revision {:<3} saved {saved}{review}  ({practices})",
                        r.revision
                    )
                })
                .collect();
            let text = if lines.is_empty() {
                "No plan saved yet: try `respite plan edit`.".to_owned()
            } else {
                lines.join("\n")
            };
            let value: Vec<Value> = revisions
                .iter()
                .map(|r| json!({ "revision": r.revision, "saved_at": r.saved_at.map(|t| t.to_rfc3339()), "review_date": r.plan.review_date }))
                .collect();
            out.print(&text, json!({ "revisions": value }));
        }
        PlanCommand::Diff { from, to } => {
            let changes = plan.diff(from, to)?;
            let mark = |k: &ChangeKind| match k {
                ChangeKind::Added => "+",
                ChangeKind::Removed => "-",
                ChangeKind::Changed => "~",
            };
            let lines: Vec<String> = changes
                .iter()
                .map(|c| match (&c.before, &c.after) {
                    (Some(b), Some(a)) => {
                        format!("{} [{}] {b}\n    → {a}", mark(&c.kind), c.section)
                    }
                    (b, a) => format!(
                        "{} [{}] {}",
                        mark(&c.kind),
                        c.section,
                        a.as_ref().or(b.as_ref()).cloned().unwrap_or_default()
                    ),
                })
                .collect();
            let text = if lines.is_empty() {
                format!("No differences between revisions {from} and {to}.")
            } else {
                lines.join("\n")
            };
            let value: Vec<Value> = changes
                .iter()
                .map(|c| json!({ "section": c.section, "change": mark(&c.kind), "before": c.before, "after": c.after }))
                .collect();
            out.print(&text, json!({ "changes": value }));
        }
        PlanCommand::Suggest { moment } => {
            let suggested = plan.practices_for(PlanMoment::from(moment))?;
            let lines: Vec<String> = suggested
                .iter()
                .map(|s| {
                    let source = if s.from_plan {
                        "your plan"
                    } else {
                        "a suggestion"
                    };
                    let workaround = s
                        .practice
                        .workaround
                        .as_deref()
                        .map(|w| format!("\n    if it's hard: {w}"))
                        .unwrap_or_default();
                    format!(
                        "{:<22} {}  ({source}){workaround}",
                        s.practice.id, s.practice.name
                    )
                })
                .collect();
            let value: Vec<Value> = suggested
                .iter()
                .map(|s| json!({ "id": s.practice.id, "name": s.practice.name, "from_plan": s.from_plan, "workaround": s.practice.workaround }))
                .collect();
            out.print(&lines.join("\n"), json!({ "practices": value }));
        }
        PlanCommand::Card => {
            let card = plan.emergency_card()?;
            let text = format!(
                "For a hard day. Go gently.\n{}",
                crate::support::card_text(&card)
            );
            out.print(text.trim_end(), crate::support::card_json(&card));
        }
        PlanCommand::Adherence { weeks, today } => {
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive().to_string());
            let adherence = plan.adherence(today, weeks)?;
            let mut text = String::new();
            if let Some(first) = adherence.first() {
                let starts: Vec<&str> = first.weeks.iter().map(|w| &w.week_start[5..]).collect();
                text.push_str(&format!(
                    "{:<22} {:<20} weeks from {}\n",
                    "practice",
                    "aim",
                    starts.join("  ")
                ));
            }
            for p in &adherence {
                let weeks: Vec<String> = p
                    .weeks
                    .iter()
                    .map(|w| match w.target {
                        Some(t) => format!("{}/{t}", w.done),
                        None => w.done.to_string(),
                    })
                    .collect();
                text.push_str(&format!(
                    "{:<22} {:<20} {}\n",
                    p.practice_id,
                    p.frequency.describe(),
                    weeks.join("  ")
                ));
            }
            if adherence.is_empty() {
                text.push_str("No practices in your plan yet.");
            }
            let value: Vec<Value> = adherence
                .iter()
                .map(|p| {
                    json!({
                        "practice_id": p.practice_id, "name": p.name,
                        "weeks": p.weeks.iter().map(|w| json!({ "week_start": w.week_start, "days_counted": w.days_counted, "done": w.done, "target": w.target })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            out.print(text.trim_end(), json!({ "practices": value }));
        }
        PlanCommand::Export {
            markdown: _,
            file,
            force,
        } => {
            let text = plan_to_markdown(plan.current()?.plan);
            files::write_new_private(&file, &text, force)?;
            eprintln!(
                "respite: {} holds your plan in plaintext; keep it somewhere private.",
                file.display()
            );
            out.print(
                &format!("Wrote {}.", file.display()),
                json!({ "written": file.display().to_string() }),
            );
        }
    }
    Ok(())
}

/// Parses `text`, runs the privacy check on it (redacting with `redact`) and saves it
/// as a new revision, unless nothing changed.
fn save(out: &Output, vault: &Vault, text: &str, redact: bool) -> Result<(), CliError> {
    let plan = vault.plan();
    let mut parsed = plan_from_text(text.to_owned())?;
    let screened = screen(vault, &mut parsed, redact)?;
    if parsed == plan.current()?.plan {
        out.print("No changes.", json!({ "saved": false }));
        return Ok(());
    }
    let saved = plan.save(parsed)?;
    screened.say();
    out.print(
        &format!("Saved revision {} of your plan.", saved.revision),
        json!({ "saved": true, "revision": saved.revision }),
    );
    Ok(())
}

/// Opens `$VISUAL` or `$EDITOR` on the plan's text form in a private temporary file and
/// saves what comes back. Invalid text is never thrown away: the editor is offered
/// again, or the file is kept and its path given.
/// `plan edit`: the text form in $EDITOR, in a private temporary file that is wiped
/// afterwards. A text with a problem reopens the editor with every problem named;
/// left unfixed, it is kept sealed in the vault (never in a plaintext file), and the
/// next `plan edit` starts from it.
fn edit(out: &Output, vault: &Vault, redact: bool) -> Result<(), CliError> {
    let plan = vault.plan();
    let original = plan_to_text(plan.current()?.plan);
    let kept = plan.draft()?;
    if kept.is_some() {
        eprintln!("respite: starting from the text you were writing last time.");
    }
    let start = kept.clone().unwrap_or_else(|| original.clone());
    let dir = private_dir()?;
    let file = dir.join("plan.md");
    let written = files::create_private(&file)
        .and_then(|mut f| f.write_all(start.as_bytes()))
        .map_err(|_| CliError::Other("could not write the plan's temporary copy".into()));
    let result = written.and_then(|()| edit_loop(out, vault, &file, &original, redact));
    let unsaved = match &result {
        Err(CliError::Core(RespiteError::InvalidInput { .. })) => {
            std::fs::read_to_string(&file).ok()
        }
        _ => None,
    };
    files::wipe_dir(&dir);
    match unsaved {
        Some(text) => {
            plan.keep_draft(text)?;
            eprintln!(
                "respite: your text is kept, encrypted, in the vault; `respite plan edit` starts from it again."
            );
        }
        None if result.is_ok() && kept.is_some() => plan.keep_draft(String::new())?,
        None => {}
    }
    result
}

fn edit_loop(
    out: &Output,
    vault: &Vault,
    file: &Path,
    original: &str,
    redact: bool,
) -> Result<(), CliError> {
    loop {
        run_editor(file)?;
        let text = std::fs::read_to_string(file)
            .map_err(|_| CliError::Other("could not read the edited plan".into()))?;
        if text == original {
            out.print("No changes.", json!({ "saved": false }));
            return Ok(());
        }
        match save(out, vault, &text, redact) {
            Err(CliError::Core(err @ RespiteError::InvalidInput { .. })) => {
                eprintln!("respite: {err}");
                if !ask_to_retry()? {
                    return Err(CliError::Core(err));
                }
            }
            other => return other,
        }
    }
}

fn ask_to_retry() -> Result<bool, CliError> {
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    eprint!("Open the editor again to fix it? [Y/n] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|_| CliError::Other("could not read the answer".into()))?;
    Ok(!answer.trim().eq_ignore_ascii_case("n"))
}

fn run_editor(file: &Path) -> Result<(), CliError> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    let mut words = editor.split_whitespace();
    let program = words
        .next()
        .ok_or_else(|| CliError::Usage("EDITOR is empty".into()))?;
    let status = std::process::Command::new(program)
        .args(words)
        .arg(file)
        .status()
        .map_err(|_| {
            CliError::Other(format!(
                "could not start the editor \"{program}\" (set EDITOR)"
            ))
        })?;
    if !status.success() {
        return Err(CliError::Other(
            "the editor exited with an error; nothing was saved".into(),
        ));
    }
    Ok(())
}

/// A directory only this user can read, preferably in memory (`$XDG_RUNTIME_DIR`).
fn private_dir() -> Result<PathBuf, CliError> {
    let base = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dir = base.join(format!("respite-{}-{nanos}", std::process::id()));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(&dir)
        .map_err(|_| CliError::Other("could not create a private temporary directory".into()))?;
    Ok(dir)
}
