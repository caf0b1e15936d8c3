//! `respite tour`: a short, realistic walk through Respite in a throw-away vault.
//!
//! It needs no input and no terminal. It ends by reading every byte of the vault's
//! files and showing that none of the sample text, passphrases or recovery code are
//! there in plaintext; if any were, the tour fails.

use respite_core::{
    JournalDraft, JournalKind, JournalUpdate, RespiteError, Vault, DEFAULT_KDF_ITERATIONS,
};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::commands::now;
use crate::CliError;

const FIRST_PASSPHRASE: &str = "slow breath in, slow breath out";
const SECOND_PASSPHRASE: &str = "the kettle is on at home";

const REFLECTION_TITLE: &str = "After the 2 pm session";
const REFLECTION: &str = "Intensity 8 out of 10. A story of loss that echoed my own. \
My chest was tight; two minutes of slow breathing before the next client helped a little. \
What I need now: water and five quiet minutes.";
const REFLECTION_LATER: &str = "Activation went from 7 to 4 after the breathing. \
I noticed I wanted to fix everything for them. That is not my job today.";
const TRANSITION: &str =
    "Parked: the discharge summary. I will pick it up tomorrow at 9, at my desk. \
Setting down: I cannot carry every story home. What went well: the group laughed together. \
On the way home I get to be a partner and a friend.";
const TAGS: [&str; 2] = ["heavy-session", "breathing"];

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

    step(1, "Create a vault", "RESPITE_PASSPHRASE=… respite init");
    let started = Instant::now();
    let vault = Vault::create(path_text.clone(), FIRST_PASSPHRASE.into(), None)?;
    say(&format!(
        "Created {} — a random 256-bit vault key, wrapped by your passphrase \
         ({} PBKDF2-HMAC-SHA256 iterations, {:.2} s).",
        path.display(),
        thousands(DEFAULT_KDF_ITERATIONS),
        started.elapsed().as_secs_f64()
    ));

    step(
        2,
        "A reflection after a difficult session",
        "respite journal add --kind after-session --title … --tag heavy-session",
    );
    let journal = vault.journal();
    let reflection = journal.add(JournalDraft {
        kind: JournalKind::AfterSession,
        title: Some(REFLECTION_TITLE.into()),
        body: REFLECTION.into(),
        tags: TAGS.iter().map(|t| t.to_string()).collect(),
        moment: now(),
        practice_ids: vec![],
        reflection: None,
    })?;
    say(&format!(
        "Saved as entry {} (sealed with AES-256-GCM).",
        reflection.id
    ));

    step(
        3,
        "On the way home: park what is unfinished",
        "respite journal add --kind transition",
    );
    let transition = journal.add(JournalDraft {
        kind: JournalKind::Transition,
        title: None,
        body: TRANSITION.into(),
        tags: vec![],
        moment: now(),
        practice_ids: vec![],
        reflection: None,
    })?;
    say(&format!("Saved as entry {}.", transition.id));

    step(
        4,
        "Add a thought to the reflection",
        "respite journal edit ID",
    );
    let edited = journal.edit(
        reflection.id.clone(),
        JournalUpdate {
            body: Some(format!("{REFLECTION}\n\n{REFLECTION_LATER}")),
            ..Default::default()
        },
    )?;
    say(&format!(
        "Now at revision {}; the earlier wording is kept ({} older revision).",
        edited.revision,
        journal.history(reflection.id.clone())?.len()
    ));

    step(5, "The journal, newest first", "respite journal list");
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
        6,
        "A recovery code, in case the passphrase is ever forgotten",
        "respite recovery-code create",
    );
    let code = vault.create_recovery_code()?;
    say(&format!(
        "{code}   (shown once; 130 random bits; any case, dashes optional)"
    ));

    step(
        7,
        "Change the passphrase",
        "RESPITE_NEW_PASSPHRASE=… respite passphrase change",
    );
    let started = Instant::now();
    vault.change_passphrase(SECOND_PASSPHRASE.into())?;
    say(&format!(
        "Done in {:.2} s: only the vault key was rewrapped, so no entry had to be re-encrypted.",
        started.elapsed().as_secs_f64()
    ));

    step(
        8,
        "Lock, then come back with the recovery code",
        "RESPITE_RECOVERY_CODE=… respite journal show ID",
    );
    vault.lock();
    match journal.get(reflection.id.clone()) {
        Err(RespiteError::Locked) => {
            say("Locked: the keys are wiped from memory and nothing can be read.")
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
        "The recovery code opened it; the reflection reads back intact (revision {}).",
        back.revision
    ));
    vault.lock();
    vault.unlock_with_passphrase(SECOND_PASSPHRASE.into())?;
    say("The new passphrase opens it too.");

    step(
        9,
        "Delete the transition note for good",
        "respite journal delete ID",
    );
    vault.journal().delete(transition.id.clone())?;
    say("Deleted: its ciphertext is overwritten and the write-ahead log truncated.");
    drop(vault);

    step(10, "Look at the raw files the way a thief would", "");
    let files = vault_files(path);
    let haystack: Vec<u8> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .flatten()
        .collect();
    say(&format!(
        "Read {} bytes from {}.",
        haystack.len(),
        files
            .iter()
            .map(|f| f
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let mut leaked = 0;
    let probes = [
        REFLECTION_TITLE,
        REFLECTION,
        REFLECTION_LATER,
        TRANSITION,
        TAGS[0],
        TAGS[1],
        "slow breathing",
        "discharge summary",
        FIRST_PASSPHRASE,
        SECOND_PASSPHRASE,
        &code,
        &code.replace('-', ""),
    ];
    for probe in probes {
        let found = contains(&haystack, probe.as_bytes());
        leaked += usize::from(found);
        let shown: String = probe.chars().take(44).collect();
        say(&format!(
            "{}  \"{shown}{}\"",
            if found { "FOUND  " } else { "absent " },
            if probe.chars().count() > 44 {
                "…"
            } else {
                ""
            }
        ));
    }
    if leaked > 0 {
        return Err(CliError::Other(format!(
            "{leaked} sample texts were found in plaintext"
        )));
    }
    println!("\nNone of the sample text, passphrases or the recovery code is in the vault files in plaintext.");
    println!("That is the tour. Be kind to yourself today.");
    Ok(())
}

fn step(n: u32, title: &str, command: &str) {
    println!("\n{n}. {title}");
    if !command.is_empty() {
        println!("   $ {command}");
    }
}

fn say(line: &str) {
    println!("   {line}");
}

fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
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
