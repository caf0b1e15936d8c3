//! `respite tour`: a short, realistic walk through Respite in a throw-away vault.
//!
//! It needs no input and no terminal. It ends by reading every byte of the vault's
//! files and showing that none of the sample text, passphrases or recovery code are
//! there in plaintext, and that the client's name was kept out; if not, it fails.

use respite_core::{
    privacy_check, CurrentSecret, EveningAnswers, JournalDraft, JournalKind, JournalUpdate,
    ParkedItemDraft, RespiteError, SearchQuery, SessionReflection, TransitionAnswers, Vault,
};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::commands::now;
use crate::error::CliError;

const FIRST_PASSPHRASE: &str = "slow breath in, slow breath out";
const SECOND_PASSPHRASE: &str = "the kettle is on at home";
const BACKUP_PASSPHRASE: &str = "a copy for a rainy day";

const REFLECTION_TITLE: &str = "After the 2 pm session";
const REFLECTION_DRAFT: &str = "A story of loss that echoed my own; my client Dana Whitfield \
cried for most of the hour. My chest was tight, and two minutes of slow breathing before the \
next session helped a little.";
const CLIENT_NAME: &str = "Dana Whitfield";
const REFLECTION_LATER: &str =
    "I noticed I wanted to fix everything for them. That is not my job today.";
const CHECKIN_NOTE: &str = "Walked home the long way by the river; the day loosened its grip.";
const PARKED: &str = "The discharge summary for bed 4";
const SET_DOWN: &str = "I cannot carry every story home";
const WENT_WELL: &str = "The group laughed together";
const TAGS: [&str; 2] = ["heavy-session", "grief"];

/// Runs the tour; keeps its directory when `keep`.
pub fn run(keep: bool) -> Result<(), CliError> {
    let dir = tour_dir()?;
    let result = walk(&dir.join("vault.db"));
    if keep {
        println!(
            "\nThe tour's vault is kept in {} for you to look at.",
            dir.display()
        );
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

fn walk(path: &Path) -> Result<(), CliError> {
    let path_text = path.to_string_lossy().into_owned();
    println!("Welcome to Respite. This tour plays a short, ordinary workday in a fresh vault.");
    println!("Everything stays on this computer, encrypted; nothing is sent anywhere.");

    step("Create a vault", "RESPITE_PASSPHRASE=… respite init");
    let started = Instant::now();
    let vault = Vault::create(path_text.clone(), FIRST_PASSPHRASE.into(), None)?;
    say(&format!(
        "Created {} — a random 256-bit vault key, wrapped by your passphrase \
         (stretched with Argon2id over 64 MiB of memory, {:.2} s).",
        path.display(),
        started.elapsed().as_secs_f64()
    ));

    step(
        "Before saving a reflection: keep client details out",
        "respite privacy-check",
    );
    let report = privacy_check(REFLECTION_DRAFT.into());
    for f in &report.findings {
        say(&format!(
            "Found a {} (\"{}\"); offering to replace it with a placeholder.",
            f.kind.as_str(),
            f.text
        ));
    }
    if report.findings.is_empty() {
        return Err(CliError::Other(
            "the privacy check missed the client's name".into(),
        ));
    }

    step("A reflection after a difficult session, redacted",
        "respite reflect --intensity 8 --activation 7 --activation-after 4 --feeling heavy --need pause --redact",
    );
    let journal = vault.journal();
    let reflection = journal.add(JournalDraft {
        kind: JournalKind::AfterSession,
        moment: now(),
        title: Some(REFLECTION_TITLE.into()),
        body: report.redacted.clone(),
        tags: TAGS.iter().map(|t| t.to_string()).collect(),
        practice_ids: vec![],
        reflection: Some(SessionReflection {
            intensity: Some(8),
            activation_before: Some(7),
            activation_after: Some(4),
            feelings: vec!["heavy".into(), "tender".into()],
            body_sensations: vec!["tight-chest".into()],
            needs: vec!["pause".into(), "water-food".into()],
            practice: Some("slow-breathing".into()),
        }),
    })?;
    say(&format!(
        "Saved as entry {} (sealed with AES-256-GCM).",
        reflection.id
    ));
    say(&format!(
        "\"{}…\"",
        reflection.body.chars().take(64).collect::<String>()
    ));

    step("End of shift: the transition home", "respite transition");
    let prompts = vault.prompts();
    let script = prompts.transition_script(now())?;
    for flow_step in &script.steps {
        say(&format!("· {}", flow_step.prompt));
    }
    let transition = prompts.save_transition(
        now(),
        TransitionAnswers {
            parked: vec![ParkedItemDraft {
                what: PARKED.into(),
                when: Some("tomorrow at 9".into()),
                place: Some("my desk".into()),
            }],
            set_down: Some(SET_DOWN.into()),
            went_well: vec![WENT_WELL.into()],
            who_at_home: Some("a partner and a friend".into()),
            first_thing: Some("tea on the balcony".into()),
            ..TransitionAnswers::default()
        },
    )?;
    say(&format!(
        "Saved as one sealed transition entry {}; the discharge summary waits, parked, for the next shift.",
        transition.id
    ));

    step(
        "In the evening: how much did work follow you home?",
        "respite evening --detachment 2 --intrusion 3 --note …",
    );
    let checkin = prompts.save_evening_check(
        now(),
        EveningAnswers {
            detachment: Some(2),
            work_intrusion: Some(3),
            pleasantness: Some(0.2),
            note: Some(CHECKIN_NOTE.into()),
            ..EveningAnswers::default()
        },
    )?;
    say(&format!(
        "Saved as an evening check-in for {}, linked to today's transition: {}.",
        checkin.local_day,
        if checkin.data.linked_transition.is_some() {
            "yes"
        } else {
            "no"
        }
    ));

    step(
        "What Respite will remind you of",
        "respite prompts upcoming --days 2",
    );
    let soon = prompts.upcoming(
        chrono::Utc::now(),
        chrono::Utc::now() + chrono::Duration::days(2),
        "UTC".into(),
    )?;
    say(&format!(
        "The default schedule (Monday to Friday, 9 to 5) gives {} prompts in the next two days.",
        soon.len()
    ));
    for o in soon.iter().take(2) {
        say(&format!("  {}: \"{}\"", o.kind.as_str(), o.body));
    }
    say("Notification text is always generic: lock screens are public.");

    step("Add a thought to the reflection", "respite journal edit ID");
    let edited = journal.edit(
        reflection.id.clone(),
        JournalUpdate {
            body: Some(format!("{}\n\n{REFLECTION_LATER}", reflection.body)),
            ..Default::default()
        },
    )?;
    say(&format!(
        "Now at revision {}; the earlier wording is kept ({} older revision).",
        edited.revision,
        journal.history(reflection.id.clone())?.len()
    ));

    step(
        "Search, privately",
        "respite journal search \"breathing river\"",
    );
    let found = journal.search(SearchQuery {
        text: "breathing river".into(),
        from_day: None,
        to_day: None,
        kind: None,
        tag: None,
        limit: 10,
    })?;
    for hit in &found.hits {
        let snippet: String = hit.snippet.chars().take(56).collect();
        say(&format!("{}  score {:.2}  {snippet}…", hit.id, hit.score));
    }
    say("The index was built in memory from decrypted records; it is never written to disk.");

    step("The journal, newest first", "respite journal list");
    for entry in journal.list(0, 10)?.entries {
        let title = entry
            .title
            .unwrap_or_else(|| entry.body.chars().take(40).collect::<String>() + "…");
        say(&format!(
            "{}  {:<13}  {}",
            entry.id,
            entry.kind.as_str(),
            title
        ));
    }

    step(
        "A recovery code, in case the passphrase is ever forgotten",
        "respite recovery-code create",
    );
    let code = vault.create_recovery_code(CurrentSecret::Passphrase {
        passphrase: FIRST_PASSPHRASE.into(),
    })?;
    say(&format!(
        "{code}   (shown once; 130 random bits; any case, dashes optional)"
    ));

    step(
        "Change the passphrase",
        "RESPITE_NEW_PASSPHRASE=… respite passphrase change",
    );
    let started = Instant::now();
    vault.change_passphrase(
        CurrentSecret::Passphrase {
            passphrase: FIRST_PASSPHRASE.into(),
        },
        SECOND_PASSPHRASE.into(),
    )?;
    say(&format!(
        "Done in {:.2} s: only the vault key was rewrapped, so no entry had to be re-encrypted.",
        started.elapsed().as_secs_f64()
    ));

    step(
        "Lock, then come back with the recovery code",
        "RESPITE_RECOVERY_CODE=… respite journal show ID",
    );
    vault.lock();
    match journal.get(reflection.id.clone()) {
        Err(RespiteError::Locked) => {
            say("Locked: the keys and the search index are wiped from memory; nothing can be read.")
        }
        _ => return Err(CliError::Other("the vault did not lock".into())),
    }
    drop(journal);
    drop(vault);
    let vault = Vault::open(path_text.clone())?;
    match vault.unlock_with_passphrase(FIRST_PASSPHRASE.into()) {
        Err(RespiteError::WrongSecret) => {
            say("The old passphrase no longer opens the vault (exit code 3 in the CLI).")
        }
        _ => return Err(CliError::Other("the old passphrase still worked".into())),
    }
    vault.unlock_with_recovery_code(code.to_lowercase().replace('-', ""))?;
    let back = vault.journal().get(reflection.id.clone())?;
    say(&format!(
        "The recovery code opened it; the reflection reads back intact (revision {}, intensity {}/10).",
        back.revision,
        back.reflection.and_then(|r| r.intensity).unwrap_or_default()
    ));
    vault.lock();
    vault.unlock_with_passphrase(SECOND_PASSPHRASE.into())?;
    say("The new passphrase opens it too.");

    step(
        "Delete the transition note for good",
        "respite journal delete ID",
    );
    vault.journal().delete(transition.id.clone())?;
    say("Deleted: its ciphertext is overwritten and the write-ahead log truncated.");

    step(
        "Make an encrypted backup, with a passphrase of its own",
        "RESPITE_BACKUP_PASSPHRASE=… respite backup create FILE",
    );
    let backup = backup_path(path);
    let started = Instant::now();
    vault.create_backup(
        backup.to_string_lossy().into_owned(),
        BACKUP_PASSPHRASE.into(),
        None,
    )?;
    let checked = respite_core::verify_backup(
        backup.to_string_lossy().into_owned(),
        BACKUP_PASSPHRASE.into(),
    )?;
    let records = checked.journal_entries
        + checked.journal_revisions
        + checked.checkins
        + checked.settings
        + checked.plan_revisions;
    say(&format!(
        "Wrote and verified {}: every record, sealed in authenticated chunks ({records} \
         records, {:.2} s). It opens anywhere with its own passphrase; a changed or cut-off \
         byte makes it refuse.",
        backup.file_name().unwrap_or_default().to_string_lossy(),
        started.elapsed().as_secs_f64()
    ));

    step(
        "Restore it, as a new phone would",
        "RESPITE_BACKUP_PASSPHRASE=… respite --vault new.db backup restore FILE",
    );
    let restored_path = restored_path(path);
    let started = Instant::now();
    let report = respite_core::restore_backup(
        backup.to_string_lossy().into_owned(),
        BACKUP_PASSPHRASE.into(),
        restored_path.to_string_lossy().into_owned(),
        SECOND_PASSPHRASE.into(),
        None,
    )?;
    let elapsed = started.elapsed().as_secs_f64();
    let restored = Vault::open(restored_path.to_string_lossy().into_owned())?;
    restored.unlock_with_passphrase(SECOND_PASSPHRASE.into())?;
    let same = restored.journal().list(0, 100)?.entries == vault.journal().list(0, 100)?.entries
        && restored.checkins().list(None, None, 0, 100)?.checkins
            == vault.checkins().list(None, None, 0, 100)?.checkins
        && restored.plan().current()? == vault.plan().current()?;
    if !same {
        return Err(CliError::Other(
            "the restored vault differs from the original".into(),
        ));
    }
    say(&format!(
        "Restored into {}: {} records, read back identical to the original ({elapsed:.2} s). \
         A wrong passphrase or a damaged backup would have left nothing behind.",
        restored_path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy(),
        report.added + report.history_added + report.updated + report.unchanged,
    ));
    drop((vault, restored));

    step("Look at the raw files the way a thief would", "");
    let mut files = vault_files(path);
    files.push(backup_path(path));
    files.extend(vault_files(&restored_path));
    let haystack: Vec<u8> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .flatten()
        .collect();
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    say(&format!(
        "Read {} bytes from {}.",
        haystack.len(),
        names.join(", ")
    ));
    let canonical_code = code.replace('-', "");
    let probes = [
        REFLECTION_TITLE,
        REFLECTION_LATER,
        PARKED,
        SET_DOWN,
        WENT_WELL,
        CHECKIN_NOTE,
        TAGS[0],
        "slow breathing",
        "discharge summary",
        "tight-chest",
        "river",
        FIRST_PASSPHRASE,
        SECOND_PASSPHRASE,
        BACKUP_PASSPHRASE,
        &code,
        &canonical_code,
        CLIENT_NAME,
    ];
    let mut leaked = 0;
    for probe in probes {
        let found = contains(&haystack, probe.as_bytes());
        leaked += usize::from(found);
        let shown: String = probe.chars().take(44).collect();
        let cut = if probe.chars().count() > 44 {
            "…"
        } else {
            ""
        };
        say(&format!(
            "{}  \"{shown}{cut}\"",
            if found { "FOUND  " } else { "absent " }
        ));
    }
    if leaked > 0 {
        return Err(CliError::Other(format!(
            "{leaked} sample texts were found in plaintext"
        )));
    }
    println!(
        "\nNone of the sample text, passphrases or the recovery code is in the vault or backup files in plaintext,"
    );
    println!("and the client's name, redacted before saving, never reached the vault at all.");
    println!("That is the tour. Be kind to yourself today.");
    Ok(())
}

/// Prints the next step's heading and the CLI command it stands for.
fn step(title: &str, command: &str) {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    println!("\n{n}. {title}");
    if !command.is_empty() {
        println!("   $ {command}");
    }
}

fn say(line: &str) {
    println!("   {line}");
}

fn tour_dir() -> Result<PathBuf, CliError> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("respite-tour-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|_| CliError::Other("could not create a directory for the tour".into()))?;
    Ok(dir)
}

/// Where the tour restores its backup: beside the vault.
fn restored_path(vault: &Path) -> PathBuf {
    vault.with_file_name("restored.db")
}

/// Where the tour writes its backup: beside the vault.
fn backup_path(vault: &Path) -> PathBuf {
    vault.with_file_name("respite.backup")
}

fn vault_files(path: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
        .filter(|p| p.exists())
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
