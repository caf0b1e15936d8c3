//! `respite tour`: a short, realistic walk through Respite in a throw-away vault.
//!
//! It needs no input and no terminal. It ends by reading every byte of the vault's
//! files and showing that none of the sample text, passphrases or recovery code are
//! there in plaintext, and that the client's name was kept out; if not, it fails.

use respite_core::{
    privacy_check, CheckInContext, CheckInData, JournalDraft, JournalKind, JournalUpdate,
    RespiteError, SearchQuery, SessionReflection, StressZone, Vault, DEFAULT_KDF_ITERATIONS,
};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::commands::now;
use crate::CliError;

const FIRST_PASSPHRASE: &str = "slow breath in, slow breath out";
const SECOND_PASSPHRASE: &str = "the kettle is on at home";

const REFLECTION_TITLE: &str = "After the 2 pm session";
const REFLECTION_DRAFT: &str = "A story of loss that echoed my own; my client Dana Whitfield \
cried for most of the hour. My chest was tight, and two minutes of slow breathing before the \
next session helped a little.";
const CLIENT_NAME: &str = "Dana Whitfield";
const REFLECTION_LATER: &str =
    "I noticed I wanted to fix everything for them. That is not my job today.";
const CHECKIN_NOTE: &str = "Walked home the long way by the river; the day loosened its grip.";
const TRANSITION: &str =
    "Parked: the discharge summary. I will pick it up tomorrow at 9, at my desk. \
Setting down: I cannot carry every story home. What went well: the group laughed together. \
On the way home I get to be a partner and a friend.";
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

    step(
        3,
        "A reflection after a difficult session, redacted",
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

    step(
        4,
        "On the way home: park what is unfinished",
        "respite journal add --kind transition",
    );
    let transition = journal.add(JournalDraft {
        kind: JournalKind::Transition,
        moment: now(),
        title: None,
        body: TRANSITION.into(),
        tags: vec![],
        practice_ids: vec![],
        reflection: None,
    })?;
    say(&format!("Saved as entry {}.", transition.id));

    step(
        5,
        "An evening check-in",
        "respite checkin --pleasantness 0.2 --energy 0.3 --zone reacting --detachment 2 --intrusion 3 --note …",
    );
    let checkin = vault.checkins().add(CheckInData {
        pleasantness: Some(0.2),
        energy: Some(0.3),
        emotions: vec!["drained".into(), "relieved".into()],
        stress_zone: Some(StressZone::Reacting),
        burnout: Some(3),
        detachment: Some(2),
        relaxation: Some(3),
        control: Some(4),
        work_intrusion: Some(3),
        context: Some(CheckInContext::Home),
        note: Some(CHECKIN_NOTE.into()),
        ..CheckInData::new(now())
    })?;
    say(&format!(
        "Saved as check-in {} for {}.",
        checkin.id, checkin.local_day
    ));

    step(
        6,
        "Add a thought to the reflection",
        "respite journal edit ID",
    );
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
        7,
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

    step(8, "The journal, newest first", "respite journal list");
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
        9,
        "A recovery code, in case the passphrase is ever forgotten",
        "respite recovery-code create",
    );
    let code = vault.create_recovery_code()?;
    say(&format!(
        "{code}   (shown once; 130 random bits; any case, dashes optional)"
    ));

    step(
        10,
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
        11,
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
        12,
        "Delete the transition note for good",
        "respite journal delete ID",
    );
    vault.journal().delete(transition.id.clone())?;
    say("Deleted: its ciphertext is overwritten and the write-ahead log truncated.");
    drop(vault);

    step(13, "Look at the raw files the way a thief would", "");
    let files = vault_files(path);
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
        TRANSITION,
        CHECKIN_NOTE,
        TAGS[0],
        "slow breathing",
        "discharge summary",
        "tight-chest",
        "river",
        FIRST_PASSPHRASE,
        SECOND_PASSPHRASE,
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
        "\nNone of the sample text, passphrases or the recovery code is in the vault files in plaintext,"
    );
    println!("and the client's name, redacted before saving, never reached the vault at all.");
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
