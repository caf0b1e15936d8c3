//! Carrying out each command against the core, and printing the result.

use chrono::{DateTime, Local, Utc};
use clap::Subcommand;
use respite_core::{catalogue, LocalMoment, Settings, Vault};
use serde_json::{json, Value};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::CliError;
use crate::format::{slot_json, Output};
use crate::{checkins, journal, secrets, Cli, Command};

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Show the settings.
    Show,
    /// Change settings.
    Set {
        /// The hour (0–12) a new day starts, for late or night work.
        #[arg(long, value_name = "HOUR")]
        day_start_hour: Option<u8>,
        /// The region (two letters, such as GB or US) whose crisis line the safety
        /// response names when your plan names no professional help; "none" clears it.
        #[arg(long, value_name = "REGION")]
        crisis_line_region: Option<String>,
        /// Show "on this day" (entries from the same date in earlier months and years)
        /// in the trends and the report: on or off (off until turned on).
        #[arg(long, value_name = "on|off", value_parser = ["on", "off"])]
        on_this_day: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Set a new passphrase (from RESPITE_NEW_PASSPHRASE or a prompt), after the
    /// current one (or a recovery code) is given again.
    Change {
        /// Also replace the vault key, re-encrypting every record (see `rekey`).
        #[arg(long)]
        rotate_key: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RecoveryCodeCommand {
    /// Create a new recovery code, replacing any earlier one, after the passphrase is
    /// given again.
    Create {
        /// Also replace the vault key first, re-encrypting every record (see `rekey`).
        #[arg(long)]
        rotate_key: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeySlotsCommand {
    /// List the key slots.
    List,
    /// Remove a key slot by id (never the last one).
    Remove { id: String },
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let out = Output { json: cli.json };
    let path = vault_path(cli.vault)?;
    let open = || -> Result<Arc<Vault>, CliError> {
        let vault = Vault::open(path_text(&path)?)?;
        secrets::unlock(&vault, cli.use_recovery_code)?;
        let check = vault.integrity()?;
        if !check.intact {
            eprintln!(
                "respite: this vault's integrity check found {} problems (records missing, \
                 older, or changed outside Respite), so it opened read-only. `respite verify` \
                 names them; back it up and restore the backup to write again.",
                check.problems.len()
            );
        }
        Ok(vault)
    };
    match cli.command {
        Command::Init { kdf_iterations } => init(&out, &path, kdf_iterations),
        Command::Journal(command) => journal::run(&out, &*open()?, command),
        Command::Reflect(args) => journal::reflect(&out, &*open()?, args),
        Command::Checkin {
            command: Some(command),
            ..
        } => checkins::run(&out, &*open()?, command),
        Command::Checkin {
            command: None,
            data,
        } => checkins::add(&out, &*open()?, data),
        Command::PrivacyCheck => crate::privacy::check_command(&out, &path),
        Command::Privacy(command) => crate::privacy::run(&out, &*open()?, command),
        Command::Catalogue => {
            show_catalogue(&out);
            Ok(())
        }
        Command::Settings(command) => settings(&out, &*open()?, command),
        Command::Support => crate::support::on_request(&out, &*open()?),
        Command::Breathe { seconds } => crate::practice::breathe(&out, seconds),
        Command::Plan(command) => crate::plan::run(&out, &*open()?, command),
        Command::Schedule(command) => crate::prompts::schedule(&out, &*open()?, command),
        Command::Prompts(command) => crate::prompts::prompts(&out, &*open()?, command),
        Command::Transition(args) => crate::prompts::transition(&out, &*open()?, args),
        Command::Evening(args) => crate::prompts::evening(&out, &*open()?, args),
        Command::Parked(command) => crate::prompts::parked(&out, &*open()?, command),
        Command::Trends { days, today } => crate::trends::trends(&out, &*open()?, days, today),
        Command::Report { html, today, force } => {
            crate::trends::report(&out, &*open()?, &html, today, force)
        }
        Command::DemoData {
            years,
            seed,
            today,
            into_existing,
        } => {
            let vault = if path.exists() {
                open()?
            } else {
                create(&path, None)?
            };
            crate::trends::demo_data(&out, &vault, years, seed, today, into_existing)
        }
        Command::Passphrase(PassphraseCommand::Change { rotate_key }) => {
            let vault = open()?;
            let current = secrets::current()?;
            let new = secrets::new_passphrase()?;
            if rotate_key {
                return rekey(&out, &vault, current, Some(new));
            }
            let slot = vault.change_passphrase(current, new)?;
            out.print(
                "The passphrase was changed. Your entries were not re-encrypted: only the key that protects them was (add --rotate-key to replace that key too).",
                json!({ "key_slot": slot_json(&slot) }),
            );
            Ok(())
        }
        Command::RecoveryCode(RecoveryCodeCommand::Create { rotate_key }) => {
            let vault = open()?;
            let current = secrets::current()?;
            if rotate_key {
                let rotation = vault.rotate_key(current.clone(), None)?;
                eprintln!(
                    "The vault key was replaced: {} records re-encrypted.",
                    rotation.records_resealed
                );
            }
            let code = vault.create_recovery_code(current)?;
            if out.json {
                out.print("", json!({ "recovery_code": code }));
            } else {
                println!(
                    "Here is your recovery code. It opens the vault if you forget your passphrase."
                );
                println!("Write it down and keep it somewhere safe: it is shown only this once,");
                println!("and any earlier recovery code no longer works.");
                if !rotate_key {
                    println!("(An older copy of this vault still opens with your old code or passphrase;");
                    println!(
                        "`respite rekey` replaces the vault key so that copy reads nothing new.)"
                    );
                }
                println!("{code}");
            }
            Ok(())
        }
        Command::Rekey => {
            let vault = open()?;
            rekey(&out, &vault, secrets::current()?, None)
        }
        Command::KeySlots(command) => key_slots(&out, &*open()?, command),
        Command::Backup(command) => crate::backup::run(&out, &path, command, open),
        Command::Export {
            format,
            out: file,
            plaintext,
        } => crate::exchange::export(&out, &*open()?, format, &file, plaintext),
        Command::Import {
            from,
            file,
            time_zone,
        } => crate::exchange::import(&out, &*open()?, from, &file, time_zone),
        Command::Tour { keep } => crate::tour::run(keep),
        Command::Verify => verify(&out, &*open()?),
    }
}

/// Runs `rekey`: replaces the vault key, and says what that changed.
fn rekey(
    out: &Output,
    vault: &Vault,
    current: respite_core::CurrentSecret,
    new_passphrase: Option<String>,
) -> Result<(), CliError> {
    let rotation = vault.rotate_key(current, new_passphrase)?;
    let mut text = format!(
        "The vault key was replaced and {} records re-encrypted under the new one. \
         An older copy of this vault, even with the old passphrase, reads nothing written from now on.",
        rotation.records_resealed
    );
    if rotation.device_slots_removed > 0 {
        text.push_str("\nDevice unlock was turned off: turn it on again in the app.");
    }
    if let Some(code) = &rotation.recovery_code {
        text.push_str(&format!(
            "\nYour old recovery code no longer works. Here is the new one, shown only this once:\n{code}"
        ));
    }
    out.print(
        &text,
        json!({
            "records_resealed": rotation.records_resealed,
            "recovery_code": rotation.recovery_code,
            "device_slots_removed": rotation.device_slots_removed,
        }),
    );
    Ok(())
}

/// Runs `verify`: counts what opens, names what does not, exit 4 if anything is wrong.
fn verify(out: &Output, vault: &Vault) -> Result<(), CliError> {
    let check = vault.verify()?;
    let mut text = format!(
        "Journal entries: {} (and {} earlier revisions)\nCheck-ins: {}\nPlan revisions: {}\nSettings: {}",
        check.journal_entries,
        check.journal_revisions,
        check.checkins,
        check.plan_revisions,
        check.settings
    );
    for d in &check.damaged {
        text.push_str(&format!("\nDamaged: {} ({})", d.id, d.reason));
    }
    if check.state.intact {
        text.push_str(&format!(
            "\nNothing is missing, rolled back or changed outside Respite ({} changes recorded).",
            check.state.changes
        ));
    }
    for p in &check.state.problems {
        let id =
            p.id.as_deref()
                .map(|id| format!(" {id}"))
                .unwrap_or_default();
        text.push_str(&format!(
            "\n{}: {}{id}: {}",
            state_word(p.kind),
            p.record,
            p.detail
        ));
    }
    text.push_str(if check.file_sound {
        "\nThe file's structure is sound."
    } else {
        "\nSQLite reports damage to the file's structure."
    });
    out.print(
        &text,
        json!({
            "journal_entries": check.journal_entries,
            "journal_revisions": check.journal_revisions,
            "checkins": check.checkins,
            "plan_revisions": check.plan_revisions,
            "settings": check.settings,
            "damaged": check.damaged.iter().map(|d| json!({ "id": d.id, "reason": d.reason })).collect::<Vec<_>>(),
            "file_sound": check.file_sound,
            "state": {
                "intact": check.state.intact,
                "changes": check.state.changes,
                "problems": check.state.problems.iter().map(|p| json!({
                    "kind": state_word(p.kind).to_lowercase().replace(' ', "-"),
                    "record": p.record,
                    "id": p.id,
                    "detail": p.detail,
                })).collect::<Vec<_>>(),
            },
        }),
    );
    if check.damaged.is_empty() && check.file_sound && check.state.intact {
        Ok(())
    } else {
        Err(respite_core::RespiteError::Integrity {
            detail: format!(
                "{} records do not open and {} differ from what the vault last wrote",
                check.damaged.len(),
                check.state.problems.len()
            ),
        }
        .into())
    }
}

/// Creates a vault at `path` (and its directory) with a new passphrase.
fn create(path: &Path, kdf_iterations: Option<u32>) -> Result<Arc<Vault>, CliError> {
    create_parent(path)?;
    let passphrase = secrets::passphrase_for_new_vault()?;
    Ok(Vault::create(path_text(path)?, passphrase, kdf_iterations)?)
}

/// Creates the directory a new vault goes in.
pub(crate) fn create_parent(path: &Path) -> Result<(), CliError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|_| CliError::Other("could not create the vault's directory".into()))?;
    }
    Ok(())
}

fn init(out: &Output, path: &Path, kdf_iterations: Option<u32>) -> Result<(), CliError> {
    let vault = create(path, kdf_iterations)?;
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
            vault.remove_key_slot(secrets::current()?, id.clone())?;
            out.print(&format!("Removed key slot {id}."), json!({ "removed": id }));
        }
    }
    Ok(())
}

/// A problem kind in words.
fn state_word(kind: respite_core::StateProblemKind) -> &'static str {
    use respite_core::StateProblemKind as K;
    match kind {
        K::Missing => "Missing",
        K::RolledBack => "Rolled back",
        K::Changed => "Changed",
        K::Unexpected => "Unexpected",
        K::Unaccounted => "Unaccounted",
    }
}

fn settings(out: &Output, vault: &Vault, command: SettingsCommand) -> Result<(), CliError> {
    let current = vault.settings()?;
    let shown = match command {
        SettingsCommand::Show => current,
        SettingsCommand::Set {
            day_start_hour,
            crisis_line_region,
            on_this_day,
        } => {
            if day_start_hour.is_none() && crisis_line_region.is_none() && on_this_day.is_none() {
                return Err(CliError::Usage(
                    "nothing to set: try --day-start-hour, --crisis-line-region or --on-this-day"
                        .into(),
                ));
            }
            let region = match crisis_line_region.as_deref() {
                None => current.crisis_line_region.clone(),
                Some("none") => None,
                Some(r) => Some(r.to_ascii_uppercase()),
            };
            vault.update_settings(Settings {
                day_start_hour: day_start_hour.unwrap_or(current.day_start_hour),
                crisis_line_region: region,
                on_this_day: on_this_day.map_or(current.on_this_day, |o| o == "on"),
            })?
        }
    };
    let region = shown.crisis_line_region.as_deref().unwrap_or("not set");
    let on_this_day = if shown.on_this_day { "on" } else { "off" };
    out.print(
        &format!(
            "day-start-hour: {}\ncrisis-line-region: {region}\non-this-day: {on_this_day}",
            shown.day_start_hour
        ),
        json!({
            "day_start_hour": shown.day_start_hour,
            "crisis_line_region": shown.crisis_line_region,
            "on_this_day": shown.on_this_day,
        }),
    );
    Ok(())
}

fn show_catalogue(out: &Output) {
    let c = catalogue();
    let labels = |items: &[respite_core::Label]| -> Vec<Value> {
        items
            .iter()
            .map(|l| json!({ "id": l.id, "text": l.text }))
            .collect()
    };
    let points = |items: &[respite_core::ScalePoint]| -> Vec<Value> {
        items
            .iter()
            .map(|p| json!({ "value": p.value, "text": p.text }))
            .collect()
    };
    let value = json!({
        "emotions": c.emotions.iter().map(|e| json!({ "id": e.id, "text": e.text, "quadrant": format!("{:?}", e.quadrant) })).collect::<Vec<_>>(),
        "body_sensations": labels(&c.body_sensations),
        "needs": labels(&c.needs),
        "stress_zones": c.stress_zones.iter().map(|z| json!({ "id": z.zone.as_str(), "name": z.name, "description": z.description })).collect::<Vec<_>>(),
        "burnout_levels": points(&c.burnout_levels),
        "recovery_items": c.recovery_items.iter().map(|r| json!({ "experience": format!("{:?}", r.experience).to_lowercase(), "text": r.text })).collect::<Vec<_>>(),
        "recovery_scale": points(&c.recovery_scale),
        "work_intrusion_levels": points(&c.work_intrusion_levels),
        "sleep_quality_levels": points(&c.sleep_quality_levels),
    });
    let pairs = |labels: &[respite_core::Label]| -> Vec<(String, String)> {
        labels
            .iter()
            .map(|l| (l.id.clone(), l.text.clone()))
            .collect()
    };
    let levels = |points: &[respite_core::ScalePoint]| -> Vec<(String, String)> {
        points
            .iter()
            .map(|p| (format!("{} ", p.value), p.text.clone()))
            .collect()
    };
    let mut text = String::new();
    let emotions = c.emotions.iter().map(|e| (e.id.clone(), e.text.clone()));
    section(&mut text, "Emotions (--emotion, --feeling):", 14, emotions);
    section(
        &mut text,
        "Body sensations (--body):",
        16,
        pairs(&c.body_sensations),
    );
    section(&mut text, "Needs (--need):", 15, pairs(&c.needs));
    let zones = c
        .stress_zones
        .iter()
        .map(|z| (z.zone.as_str().to_owned(), z.description.clone()));
    section(&mut text, "Stress zones (--zone):", 9, zones);
    section(
        &mut text,
        "Burnout (--burnout):",
        0,
        levels(&c.burnout_levels),
    );
    let recovery = c.recovery_items.iter().map(|r| {
        let flag = format!("--{:?}", r.experience).to_lowercase();
        (flag, r.text.clone())
    });
    section(
        &mut text,
        "Recovery after work, 1 (not at all) to 5 (fully):",
        14,
        recovery,
    );
    section(
        &mut text,
        "Work thoughts (--intrusion):",
        0,
        levels(&c.work_intrusion_levels),
    );
    out.print(text.trim_end(), value);
}

/// Appends `heading` and its rows, each indented, its first column padded to `width`.
fn section(
    text: &mut String,
    heading: &str,
    width: usize,
    rows: impl IntoIterator<Item = (String, String)>,
) {
    text.push_str(heading);
    text.push('\n');
    for (key, what) in rows {
        text.push_str(&format!("  {key:<width$} {what}\n"));
    }
}

/// Collects pages from `fetch(offset, limit)` until `limit` items or the end.
/// Returns the items and the records that could not be opened.
pub fn all_pages<T>(
    limit: Option<u32>,
    mut fetch: impl FnMut(
        u32,
        u32,
    ) -> Result<(Vec<T>, Vec<respite_core::DamagedRecord>, bool), CliError>,
) -> Result<(Vec<T>, Vec<respite_core::DamagedRecord>), CliError> {
    let limit = limit.unwrap_or(u32::MAX);
    let (mut items, mut damaged, mut offset) = (Vec::new(), Vec::new(), 0);
    while (items.len() as u32) < limit {
        let want = (limit - items.len() as u32).min(respite_core::MAX_PAGE);
        let (page, page_damaged, has_more) = fetch(offset, want)?;
        offset += (page.len() + page_damaged.len()) as u32;
        items.extend(page);
        damaged.extend(page_damaged);
        if !has_more {
            break;
        }
    }
    Ok((items, damaged))
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

pub(crate) fn path_text(path: &Path) -> Result<String, CliError> {
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| CliError::Usage("the vault path must be valid UTF-8".into()))
}

/// All of standard input as text, trailing white space removed.
pub fn read_stdin() -> Result<String, CliError> {
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

/// The moment given with `--at` (RFC 3339 with offset), or now.
pub fn moment_or_now(at: Option<&str>) -> Result<LocalMoment, CliError> {
    match at {
        Some(text) => parse_moment(text),
        None => Ok(now()),
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
