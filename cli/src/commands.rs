//! Carrying out each command against the core, and printing the result.

use chrono::{DateTime, FixedOffset, Local, Utc};
use respite_core::{
    JournalDraft, JournalEntry, JournalKind, JournalUpdate, KeySlot, LocalMoment, Vault, MAX_PAGE,
};
use serde_json::{json, Value};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::{
    secrets, Cli, CliError, Command, JournalCommand, KeySlotsCommand, PassphraseCommand,
    RecoveryCodeCommand,
};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let out = Output { json: cli.json };
    let path = vault_path(cli.vault)?;
    let open = || -> Result<Arc<Vault>, CliError> {
        let vault = Vault::open(path_text(&path)?)?;
        secrets::unlock(&vault, cli.use_recovery_code)?;
        Ok(vault)
    };
    match cli.command {
        Command::Init { kdf_iterations } => init(&out, &path, kdf_iterations),
        Command::Journal(command) => journal(&out, &*open()?, command),
        Command::Passphrase(PassphraseCommand::Change) => {
            let vault = open()?;
            let slot = vault.change_passphrase(secrets::new_passphrase()?)?;
            out.print(
                "The passphrase was changed. Your entries were not re-encrypted: only the key that protects them was.",
                json!({ "key_slot": slot_json(&slot) }),
            );
            Ok(())
        }
        Command::RecoveryCode(RecoveryCodeCommand::Create) => {
            let code = open()?.create_recovery_code()?;
            if out.json {
                out.print("", json!({ "recovery_code": code }));
            } else {
                println!(
                    "Here is your recovery code. It opens the vault if you forget your passphrase."
                );
                println!("Write it down and keep it somewhere safe: it is shown only this once,");
                println!("and any earlier recovery code no longer works.");
                println!("{code}");
            }
            Ok(())
        }
        Command::KeySlots(command) => key_slots(&out, &*open()?, command),
        Command::Tour { keep } => crate::tour::run(keep),
    }
}

fn init(out: &Output, path: &Path, kdf_iterations: Option<u32>) -> Result<(), CliError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|_| CliError::Other("could not create the vault's directory".into()))?;
    }
    let passphrase = secrets::passphrase_for_new_vault()?;
    let vault = Vault::create(path_text(path)?, passphrase, kdf_iterations)?;
    out.print(
        &format!(
            "Created a new vault at {}.\nTip: `respite recovery-code create` gives you a way back in if you forget the passphrase.",
            path.display()
        ),
        json!({
            "vault": path.display().to_string(),
            "key_slots": vault.key_slots()?.iter().map(slot_json).collect::<Vec<_>>(),
        }),
    );
    Ok(())
}

fn journal(out: &Output, vault: &Vault, command: JournalCommand) -> Result<(), CliError> {
    let journal = vault.journal();
    match command {
        JournalCommand::Add {
            kind,
            title,
            tags,
            text,
            at,
        } => {
            let body = match text {
                Some(text) => text,
                None => read_stdin()?,
            };
            let moment = match at {
                Some(at) => parse_moment(&at)?,
                None => now(),
            };
            let entry = journal.add(JournalDraft {
                kind: kind.into(),
                title,
                body,
                tags,
                moment,
                practice_ids: vec![],
                reflection: None,
            })?;
            out.print(&entry.id, entry_json(&entry));
        }
        JournalCommand::List { limit } => {
            let limit = limit.unwrap_or(u32::MAX);
            let mut entries = Vec::new();
            let mut damaged = Vec::new();
            let mut offset = 0;
            while (entries.len() as u32) < limit {
                let page = journal.list(offset, (limit - entries.len() as u32).min(MAX_PAGE))?;
                offset += (page.entries.len() + page.damaged.len()) as u32;
                entries.extend(page.entries);
                damaged.extend(page.damaged);
                if !page.has_more {
                    break;
                }
            }
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
                for d in &damaged {
                    eprintln!("respite: entry {} could not be opened: {}", d.id, d.reason);
                }
            }
            if !damaged.is_empty() {
                return Err(CliError::Core(respite_core::RespiteError::Integrity {
                    detail: format!("{} entries could not be opened", damaged.len()),
                }));
            }
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
        } => {
            let nothing_else = title.is_none() && kind.is_none() && tags.is_empty();
            let body = match text {
                Some(text) => Some(text),
                None if nothing_else => Some(read_stdin()?),
                None => None,
            };
            let update = JournalUpdate {
                kind: kind.map(JournalKind::from),
                title,
                body,
                tags: (!tags.is_empty()).then_some(tags),
                ..Default::default()
            };
            let entry = journal.edit(id, update)?;
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
    }
    Ok(())
}

fn key_slots(out: &Output, vault: &Vault, command: KeySlotsCommand) -> Result<(), CliError> {
    match command {
        KeySlotsCommand::List => {
            let slots = vault.key_slots()?;
            let lines: Vec<String> = slots
                .iter()
                .map(|s| {
                    format!(
                        "{}  {:<13}  added {}",
                        s.id,
                        s.kind.as_str(),
                        s.created_at.format("%Y-%m-%d %H:%M UTC")
                    )
                })
                .collect();
            out.print(
                &lines.join("\n"),
                json!({ "key_slots": slots.iter().map(slot_json).collect::<Vec<_>>() }),
            );
        }
        KeySlotsCommand::Remove { id } => {
            vault.remove_key_slot(id.clone())?;
            out.print(&format!("Removed key slot {id}."), json!({ "removed": id }));
        }
    }
    Ok(())
}

/// Prints either the text or the JSON form of a result.
struct Output {
    json: bool,
}

impl Output {
    fn print(&self, text: &str, value: Value) {
        if self.json {
            println!("{value}");
        } else if !text.is_empty() {
            println!("{text}");
        }
    }
}

/// `--vault`, else RESPITE_VAULT, else the per-user data directory.
fn vault_path(flag: Option<PathBuf>) -> Result<PathBuf, CliError> {
    if let Some(path) = flag.or_else(|| std::env::var_os("RESPITE_VAULT").map(PathBuf::from)) {
        return Ok(path);
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .ok_or_else(|| {
            CliError::Usage("no vault given: use --vault PATH or set RESPITE_VAULT".into())
        })?;
    Ok(data.join("respite").join("vault.db"))
}

fn path_text(path: &Path) -> Result<String, CliError> {
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| CliError::Usage("the vault path must be valid UTF-8".into()))
}

fn read_stdin() -> Result<String, CliError> {
    let mut stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("Write your entry, then press Ctrl-D on a new line:");
    }
    let mut text = String::new();
    stdin
        .read_to_string(&mut text)
        .map_err(|_| CliError::Usage("standard input is not valid UTF-8 text".into()))?;
    Ok(text.trim_end().to_owned())
}

/// Now, with this computer's current UTC offset.
pub fn now() -> LocalMoment {
    let local = Local::now();
    LocalMoment {
        at: local.with_timezone(&Utc),
        utc_offset_minutes: local.offset().local_minus_utc() / 60,
    }
}

fn parse_moment(text: &str) -> Result<LocalMoment, CliError> {
    let t = DateTime::parse_from_rfc3339(text).map_err(|_| {
        CliError::Usage(
            "--at takes an RFC 3339 time with offset, e.g. 2026-05-04T15:30:00+02:00".into(),
        )
    })?;
    Ok(LocalMoment {
        at: t.with_timezone(&Utc),
        utc_offset_minutes: t.offset().local_minus_utc() / 60,
    })
}

fn local_time(m: &LocalMoment) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(m.utc_offset_minutes * 60)
        .unwrap_or(FixedOffset::east_opt(0).unwrap());
    m.at.with_timezone(&offset)
}

fn entry_line(e: &JournalEntry) -> String {
    let first_line = e.body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let headline = match &e.title {
        Some(title) => title.as_str(),
        None => first_line,
    };
    let mut headline: String = headline.chars().take(60).collect();
    if headline.chars().count() < e.title.as_deref().unwrap_or(first_line).chars().count() {
        headline.push('…');
    }
    format!(
        "{}  {}  {:<13}  {}",
        e.id,
        local_time(&e.moment).format("%Y-%m-%d %H:%M"),
        e.kind.as_str(),
        headline
    )
}

fn entry_text(e: &JournalEntry) -> String {
    let mut text = format!(
        "id:       {}\nkind:     {}\nwritten:  {} (day {})\nrevision: {} (saved {})\n",
        e.id,
        e.kind.as_str(),
        local_time(&e.moment).format("%Y-%m-%d %H:%M %:z"),
        e.local_day,
        e.revision,
        e.updated_at.format("%Y-%m-%d %H:%M UTC"),
    );
    if let Some(title) = &e.title {
        text.push_str(&format!("title:    {title}\n"));
    }
    if !e.tags.is_empty() {
        text.push_str(&format!("tags:     {}\n", e.tags.join(", ")));
    }
    text.push('\n');
    text.push_str(&e.body);
    text
}

fn entry_json(e: &JournalEntry) -> Value {
    json!({
        "id": e.id,
        "kind": e.kind.as_str(),
        "title": e.title,
        "body": e.body,
        "tags": e.tags,
        "at": e.moment.at.to_rfc3339(),
        "utc_offset_minutes": e.moment.utc_offset_minutes,
        "local_day": e.local_day,
        "revision": e.revision,
        "updated_at": e.updated_at.to_rfc3339(),
    })
}

fn slot_json(s: &KeySlot) -> Value {
    json!({ "id": s.id, "kind": s.kind.as_str(), "created_at": s.created_at.to_rfc3339() })
}
