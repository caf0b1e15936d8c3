//! `respite journal …` and `respite reflect`.

use respite_core::{
    JournalDraft, JournalKind, JournalUpdate, SearchQuery, SessionReflection, Vault,
};
use serde_json::{json, Value};
use std::io::IsTerminal;

use crate::commands::{all_pages, moment_or_now, read_stdin};
use crate::format::{entry_json, entry_line, entry_text, hit_json, hit_line, Output};
use crate::privacy::screen;
use crate::{CliError, JournalCommand, ReflectArgs};

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
            out.print(&entry.id, entry_json(&entry));
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
                    println!("{}", entry_line(entry));
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
                println!("{}", texts.join("\n\n"));
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
                    println!("{}", hit_line(hit));
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
    out.print(&entry.id, entry_json(&entry));
    Ok(())
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
