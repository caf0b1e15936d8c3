//! `respite tour`: a short, realistic walk through Respite in a throw-away vault.
//!
//! It needs no input and no terminal. It ends by reading every byte of the vault's
//! files and showing that none of the sample text, passphrases or recovery code are
//! there in plaintext, and that the client's name was kept out; if not, it fails.

use respite_core::{
    privacy_check, CheckInData, Contact, CurrentSecret, EmergencyPlan, EveningAnswers,
    JournalDraft, JournalKind, JournalUpdate, ParkedItemDraft, Plan, RespiteError, SearchQuery,
    SessionReflection, TransitionAnswers, Vault,
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
    println!("Welcome to Respite. This tour plays one ordinary, hard workday in a fresh vault,");
    println!("then shows that what you wrote can't be read from the files. Nothing leaves this computer.");

    step("Your vault", "respite init");
    let started = Instant::now();
    let vault = Vault::create(path_text.clone(), FIRST_PASSPHRASE.into(), None)?;
    say(&format!(
        "Only your passphrase opens it. It took {:.2} s to make it slow to guess (Argon2id, 64 MiB).",
        started.elapsed().as_secs_f64()
    ));

    step(
        "Your plan for a hard day",
        "respite plan edit; respite plan card",
    );
    let plan = Plan {
        people: vec!["My sister, who just listens".into()],
        emergency: EmergencyPlan {
            helps_me_settle: vec!["Cold water on my hands, then a slow walk".into()],
            kind_words: vec!["I did what I could today, and that is enough.".into()],
            contacts: vec![Contact {
                name: "Sam from my peer group".into(),
                how: "text first".into(),
            }],
            ..EmergencyPlan::default()
        },
        ..Plan::default()
    };
    vault.plan().save(plan)?;
    let card = vault.plan().emergency_card()?;
    say(&format!(
        "What helps me settle: {}",
        card.helps_me_settle.join("; ")
    ));
    say(&format!(
        "What I can tell myself: {}",
        card.kind_words.join("; ")
    ));
    say("Written once, in your own words; Respite brings it back when a day goes badly.");

    step(
        "After a difficult session: a minute, with the client kept out",
        "respite reflect",
    );
    let report = privacy_check(REFLECTION_DRAFT.into());
    for f in &report.findings {
        say(&format!(
            "The note holds a {} (\"{}\"): a placeholder is saved instead.",
            f.kind.as_str(),
            f.text
        ));
    }
    if report.findings.is_empty() {
        return Err(CliError::Other(
            "the privacy check missed the client's name".into(),
        ));
    }
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
    if let Some(line) = respite_core::after_session_acknowledgement(reflection.clone()) {
        say(&format!("Respite answers: \"{}\"", line.text));
    }
    let breathing = respite_core::paced_breathing(None)?;
    say(&format!(
        "Then a minute of slower breathing ({} s in, {} s out), and \"and now?\": activation 7 → 4.",
        breathing.in_seconds, breathing.out_seconds
    ));

    step("End of shift: leaving work at work", "respite transition");
    let prompts = vault.prompts();
    let script = prompts.transition_script(now())?;
    let names: Vec<&str> = script.steps.iter().map(|s| s.prompt.as_str()).collect();
    say(&names.join(" → "));
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
    say("Saved. The discharge summary waits, parked, for the next shift; what went well is kept.");
    let soon = prompts.upcoming(
        chrono::Utc::now(),
        chrono::Utc::now() + chrono::Duration::days(2),
        "UTC".into(),
    )?;
    if let Some(o) = soon.first() {
        say(&format!(
            "Reminders say only things like \"{}\": lock screens are public.",
            o.body
        ));
    }

    step("A very bad evening", "respite checkin --zone ill");
    let checkin = prompts.save_evening_check(
        now(),
        EveningAnswers {
            detachment: Some(1),
            work_intrusion: Some(4),
            note: Some(CHECKIN_NOTE.into()),
            ..EveningAnswers::default()
        },
    )?;
    let bad = vault.checkins().add(CheckInData {
        stress_zone: Some(respite_core::StressZone::Ill),
        ..CheckInData::new(now())
    })?;
    match vault.support().after_checkin(bad)? {
        Some(response) => {
            say(&format!(
                "Respite answers, once today: \"{}\"",
                response.opening.text
            ));
            say(&format!("Your people: {}", response.people.join("; ")));
            if let Some(line) = &response.crisis_line {
                say(&format!(
                    "Your plan names no professional help yet, so a crisis line: {} ({}).",
                    line.name, line.how
                ));
            }
            say("No diagnosis, no alarm, never on the lock screen.");
        }
        None => return Err(CliError::Other("a very bad check-in got no answer".into())),
    }
    drop(checkin);

    step(
        "Trends, from a year of made-up days",
        "respite demo-data; respite trends",
    );
    let demo_path = path.with_file_name("demo.db");
    let demo = Vault::create(
        demo_path.to_string_lossy().into_owned(),
        FIRST_PASSPHRASE.into(),
        None,
    )?;
    let today = chrono::Local::now().date_naive().to_string();
    demo.fill_with_demo_data(1, 7, today.clone())?;
    let dashboard = demo.trends().dashboard(today)?;
    say(&dashboard.zone_summary.text.text);
    match dashboard.insights.first() {
        Some(i) => say(&i.text),
        None => say("No pattern yet that the data can honestly support."),
    }
    say("Patterns in your own records, with their uncertainty; never a diagnosis.");
    drop(demo);
    for f in vault_files(&demo_path) {
        let _ = std::fs::remove_file(f);
    }

    step(
        "Find it again, privately",
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
    say(&format!(
        "{} matches. The index lives in memory only and is never written to disk.",
        found.hits.len()
    ));
    let edited = journal.edit(
        reflection.id.clone(),
        JournalUpdate {
            body: Some(format!("{}\n\n{REFLECTION_LATER}", reflection.body)),
            ..Default::default()
        },
    )?;
    say(&format!(
        "Adding a thought later makes revision {}; the earlier wording is kept.",
        edited.revision
    ));

    step(
        "If you forget your passphrase",
        "respite recovery-code create; respite passphrase change",
    );
    let code = vault.create_recovery_code(CurrentSecret::Passphrase {
        passphrase: FIRST_PASSPHRASE.into(),
    })?;
    say(&format!(
        "{code}   (shown once: write it down somewhere safe)"
    ));
    vault.change_passphrase(
        CurrentSecret::Passphrase {
            passphrase: FIRST_PASSPHRASE.into(),
        },
        SECOND_PASSPHRASE.into(),
    )?;
    vault.lock();
    match journal.get(reflection.id.clone()) {
        Err(RespiteError::Locked) => {}
        _ => return Err(CliError::Other("the vault did not lock".into())),
    }
    drop(journal);
    drop(vault);
    let vault = Vault::open(path_text.clone())?;
    match vault.unlock_with_passphrase(FIRST_PASSPHRASE.into()) {
        Err(RespiteError::WrongSecret) => {}
        _ => return Err(CliError::Other("the old passphrase still worked".into())),
    }
    vault.unlock_with_recovery_code(code.to_lowercase().replace('-', ""))?;
    let back = vault.journal().get(reflection.id.clone())?;
    say(&format!(
        "Locked, the old passphrase refused, and the code opened it again: the reflection is intact (revision {}).",
        back.revision
    ));
    vault.lock();
    vault.unlock_with_passphrase(SECOND_PASSPHRASE.into())?;

    step("Delete means delete", "respite journal delete ID");
    vault.journal().delete(transition.id.clone())?;
    say("The transition note is gone for good: overwritten, and the log truncated.");

    step(
        "A backup only you can open, restored as a new phone would",
        "respite backup create FILE; respite --vault new.db backup restore FILE",
    );
    let backup = backup_path(path);
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
        "Wrote and checked {}: every record ({records}) sealed with a passphrase of its own.",
        backup.file_name().unwrap_or_default().to_string_lossy(),
    ));
    let restored_path = restored_path(path);
    respite_core::restore_backup(
        backup.to_string_lossy().into_owned(),
        BACKUP_PASSPHRASE.into(),
        restored_path.to_string_lossy().into_owned(),
        SECOND_PASSPHRASE.into(),
        None,
    )?;
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
    say("Restored into a new vault and read back identical to the original.");
    drop((vault, restored));

    step("Now look at the files the way a thief would", "");
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
    println!("and the client's name, kept out before saving, never reached the vault at all.");
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
