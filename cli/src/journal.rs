//! `respite journal …` and `respite reflect`.

use clap::{Args, Subcommand, ValueEnum};
use respite_core::{
    paced_breathing, JournalDraft, JournalKind, JournalUpdate, LabelKind, PlanMoment, SearchQuery,
    SessionReflection, Vault,
};
use serde_json::{json, Value};
use std::io::IsTerminal;

use crate::ask::Asker;
use crate::commands::{all_pages, moment_or_now, read_stdin};
use crate::error::CliError;
use crate::format::{entry_json, entry_line, entry_text, hit_json, hit_line, printable, Output};
use crate::practice::play;
use crate::privacy::screen;

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
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
pub struct ReflectArgs {
    /// How intense the session was, 0–10.
    #[arg(long, value_name = "0-10")]
    intensity: Option<u8>,
    /// How activated I feel now, 0–10.
    #[arg(long, value_name = "0-10")]
    activation: Option<u8>,
    /// How activated I feel after a regulation practice, 0–10.
    #[arg(long, value_name = "0-10")]
    activation_after: Option<u8>,
    /// A feeling: its word ("hopeful") or id, see `respite catalogue`; repeat for more.
    #[arg(long = "feeling", value_name = "WORD")]
    feelings: Vec<String>,
    /// A body sensation: its words ("tight chest") or id; repeat for more.
    #[arg(long = "body", value_name = "WORDS")]
    body: Vec<String>,
    /// What I need now: its words or id; repeat for more.
    #[arg(long = "need", value_name = "WORDS")]
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

/// Journal kinds as written on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
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

/// Runs a `journal` subcommand.
pub fn run(out: &Output, vault: &Vault, command: JournalCommand) -> Result<(), CliError> {
    let journal = vault.journal();
    match command {
        JournalCommand::Add {
            kind,
            title,
            tags,
            text,
            at,
            practices,
            redact,
        } => {
            let body = match text {
                Some(text) => text,
                None => read_stdin()?,
            };
            let mut draft = JournalDraft {
                kind: kind.into(),
                moment: moment_or_now(at.as_deref())?,
                title,
                body,
                tags,
                practice_ids: practices,
                reflection: None,
            };
            let screened = screen(vault, &mut draft, redact)?;
            let entry = journal.add(draft)?;
            screened.say();
            let mut json = entry_json(&entry);
            crate::support::after_entry(out, vault, &entry, &mut json)?;
            out.print(&entry.id, json);
        }
        JournalCommand::List { limit } => {
            let (entries, damaged) = all_pages(limit, |offset, want| {
                let page = journal.list(offset, want)?;
                Ok((page.entries, page.damaged, page.has_more))
            })?;
            if out.json {
                let damaged: Vec<Value> = damaged
                    .iter()
                    .map(|d| json!({ "id": d.id, "reason": d.reason }))
                    .collect();
                out.print("", json!({ "entries": entries.iter().map(entry_json).collect::<Vec<_>>(), "damaged": damaged }));
            } else {
                for entry in &entries {
                    println!("{}", printable(&entry_line(entry)));
                }
            }
            report_damaged(out, &damaged)?;
        }
        JournalCommand::Show { id } => {
            let entry = journal.get(id)?;
            out.print(&entry_text(&entry), entry_json(&entry));
        }
        JournalCommand::Edit {
            id,
            text,
            title,
            kind,
            tags,
            redact,
        } => {
            let nothing_else = title.is_none() && kind.is_none() && tags.is_empty();
            let body = match text {
                Some(text) => Some(text),
                None if nothing_else => Some(read_stdin()?),
                None => None,
            };
            let mut update = JournalUpdate {
                kind: kind.map(JournalKind::from),
                title,
                body,
                tags: (!tags.is_empty()).then_some(tags),
                ..Default::default()
            };
            let screened = screen(vault, &mut update, redact)?;
            let entry = journal.edit(id, update)?;
            screened.say();
            out.print(
                &format!("Saved revision {} of entry {}.", entry.revision, entry.id),
                entry_json(&entry),
            );
        }
        JournalCommand::History { id } => {
            let revisions = journal.history(id)?;
            if out.json {
                out.print(
                    "",
                    json!({ "revisions": revisions.iter().map(entry_json).collect::<Vec<_>>() }),
                );
            } else if revisions.is_empty() {
                println!("This entry has not been edited.");
            } else {
                let texts: Vec<String> = revisions.iter().map(entry_text).collect();
                println!("{}", printable(&texts.join("\n\n")));
            }
        }
        JournalCommand::Delete { id } => {
            journal.delete(id.clone())?;
            out.print(
                &format!("Deleted entry {id} and all its revisions."),
                json!({ "deleted": id }),
            );
        }
        JournalCommand::Search {
            query,
            from,
            to,
            kind,
            tag,
            limit,
        } => {
            let results = journal.search(SearchQuery {
                text: query,
                from_day: from,
                to_day: to,
                kind: kind.map(JournalKind::from),
                tag,
                limit,
            })?;
            if out.json {
                out.print(
                    "",
                    json!({ "total_matches": results.total_matches, "hits": results.hits.iter().map(hit_json).collect::<Vec<_>>() }),
                );
            } else if results.hits.is_empty() {
                println!("Nothing found.");
            } else {
                for hit in &results.hits {
                    println!("{}", printable(&hit_line(hit)));
                }
                if results.total_matches as usize > results.hits.len() {
                    println!(
                        "({} of {} matches; --limit shows more)",
                        results.hits.len(),
                        results.total_matches
                    );
                }
            }
            report_damaged(out, &results.damaged)?;
        }
    }
    Ok(())
}

/// Runs `reflect`.
pub fn reflect(out: &Output, vault: &Vault, args: ReflectArgs) -> Result<(), CliError> {
    let no_flags = args.intensity.is_none()
        && args.activation.is_none()
        && args.activation_after.is_none()
        && args.feelings.is_empty()
        && args.body.is_empty()
        && args.needs.is_empty()
        && args.practice.is_none()
        && args.note.is_none();
    let (reflection, note) = if no_flags && std::io::stdin().is_terminal() {
        ask_reflection(vault, args.redact)?
    } else {
        let note = match args.note {
            Some(note) => note,
            None if !std::io::stdin().is_terminal() => read_stdin()?,
            None => String::new(),
        };
        let reflection = SessionReflection {
            intensity: args.intensity,
            activation_before: args.activation,
            activation_after: args.activation_after,
            feelings: args.feelings,
            body_sensations: args.body,
            needs: args.needs,
            practice: args.practice,
        };
        (reflection, note)
    };
    let mut draft = JournalDraft {
        kind: JournalKind::AfterSession,
        moment: moment_or_now(args.at.as_deref())?,
        title: args.title,
        body: note,
        tags: args.tags,
        practice_ids: vec![],
        reflection: Some(reflection),
    };
    let screened = screen(vault, &mut draft, args.redact)?;
    let entry = vault.journal().add(draft)?;
    screened.say();
    let mut json = entry_json(&entry);
    // After a heavy session, a warm word first (on stderr: the id stays the last line).
    if let Some(line) = respite_core::after_session_acknowledgement(entry.clone()) {
        if !out.json {
            eprintln!("{}", line.text);
        }
        json["acknowledgement"] = serde_json::Value::String(line.text);
    }
    crate::support::after_entry(out, vault, &entry, &mut json)?;
    out.print(&entry.id, json);
    Ok(())
}

/// The after-session flow on a terminal, one step at a time, Enter skipping each:
/// intensity → activation → feelings, body, needs → a practice (paced breathing can be
/// done right here) → "and now?" → a few words.
fn ask_reflection(vault: &Vault, redact: bool) -> Result<(SessionReflection, String), CliError> {
    let stdin = std::io::stdin();
    let mut ask = Asker::new(stdin.lock(), true, vault, redact);
    ask.say("After a session. Every step can be skipped with Enter.");
    let whole = |v: Option<f64>| v.map(|v| v.round() as u8);
    let mut r = SessionReflection {
        intensity: whole(ask.number_in("  how intense was it, 0 to 10:", 0.0, 10.0)?),
        activation_before: whole(ask.number_in(
            "  how activated are you now, 0 to 10:",
            0.0,
            10.0,
        )?),
        ..SessionReflection::default()
    };
    r.feelings = ask.labels("  feelings (words, comma-separated):", LabelKind::Emotion)?;
    r.body_sensations = ask.labels("  in your body:", LabelKind::BodySensation)?;
    r.needs = ask.labels("  what you need now:", LabelKind::Need)?;
    let breathe = ask.line("  a minute of slower breathing now? (y, Enter skips):")?;
    if breathe.is_some_and(|b| b.eq_ignore_ascii_case("y") || b.eq_ignore_ascii_case("yes")) {
        let practice = paced_breathing(None)?;
        play(&practice, &mut std::io::stderr(), true);
        r.practice = Some(practice.practice_id);
        r.activation_after = whole(ask.number_in("  and now, 0 to 10:", 0.0, 10.0)?);
    } else {
        let offered = vault.plan().practices_for(PlanMoment::AfterSession)?;
        for p in &offered {
            ask.say(&format!("    {:<22} {}", p.practice.id, p.practice.name));
        }
        r.practice = ask.line("  a practice you used (its id):")?;
        if r.practice.is_some() {
            r.activation_after = whole(ask.number_in("  and now, 0 to 10:", 0.0, 10.0)?);
        }
    }
    let note = ask.text("  a few words, if you like (no names needed):")?;
    Ok((r, note.unwrap_or_default()))
}

/// Names damaged records on stderr and fails with an integrity error when there are any.
pub fn report_damaged(
    out: &Output,
    damaged: &[respite_core::DamagedRecord],
) -> Result<(), CliError> {
    if !out.json {
        for d in damaged {
            eprintln!("respite: record {} could not be opened: {}", d.id, d.reason);
        }
    }
    if damaged.is_empty() {
        Ok(())
    } else {
        Err(CliError::Core(respite_core::RespiteError::Integrity {
            detail: format!("{} records could not be opened", damaged.len()),
        }))
    }
}
