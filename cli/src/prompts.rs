//! `respite schedule …`, `respite prompts …`, `respite transition`, `respite evening`
//! and `respite parked …`.

use chrono::{Duration, Utc};
use clap::{Args, Subcommand};
use respite_core::{
    catalogue, schedule_from_text, schedule_to_text, EveningAnswers, LabelKind, LocalMoment,
    ParkedItemDraft, RecoveryExperience, RespiteError, TransitionAnswers, TransitionStep, Vault,
};
use serde::Deserialize;
use serde_json::{json, Value};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::ask::{kept_as_words, Asker};
use crate::commands::{moment_or_now, read_stdin};
use crate::error::CliError;
use crate::format::{checkin_json, entry_json, local_time, Output};
use crate::privacy::{screen, Draft, Screened};

#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// Print the schedule in its text form.
    Show,
    /// Replace the schedule with the text form in FILE ("-" for standard input).
    Set {
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum PromptsCommand {
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
pub struct TransitionArgs {
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
pub struct EveningArgs {
    /// How far I could leave work behind, 1–5.
    #[arg(long, value_name = "1-5")]
    detachment: Option<u8>,
    /// How much work thoughts intruded, 0–4.
    #[arg(long, value_name = "0-4")]
    intrusion: Option<u8>,
    /// How pleasant the evening is, -1 to 1.
    #[arg(long, allow_negative_numbers = true, value_name = "-1..1")]
    pleasantness: Option<f64>,
    /// Time that felt unhurried and restful, 1–5.
    #[arg(long, value_name = "1-5")]
    relaxation: Option<u8>,
    /// Something outside work that felt like growth or a good challenge, 1–5.
    #[arg(long, value_name = "1-5")]
    mastery: Option<u8>,
    /// Choosing for myself how to spend the evening, 1–5.
    #[arg(long, value_name = "1-5")]
    control: Option<u8>,
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
pub enum ParkedCommand {
    /// What is still parked (the last 30 days).
    List,
    /// Mark a parked item done.
    Done { entry_id: String, item_id: String },
}

/// Runs a `schedule` subcommand.
pub fn schedule(out: &Output, vault: &Vault, command: ScheduleCommand) -> Result<(), CliError> {
    let prompts = vault.prompts();
    match command {
        ScheduleCommand::Show => {
            let text = schedule_to_text(prompts.schedule()?);
            out.print(text.trim_end(), json!({ "text": text }));
        }
        ScheduleCommand::Set { file } => {
            let text = if file == Path::new("-") {
                read_stdin()?
            } else {
                std::fs::read_to_string(&file)
                    .map_err(|_| CliError::Other(format!("could not read {}", file.display())))?
            };
            let schedule = schedule_from_text(text)?;
            if schedule == prompts.schedule()? {
                out.print("No changes.", json!({ "saved": false }));
            } else {
                prompts.set_schedule(schedule)?;
                out.print("Saved your schedule.", json!({ "saved": true }));
            }
        }
    }
    Ok(())
}

/// This computer's IANA time zone: `TZ`, `/etc/timezone`, or the `/etc/localtime`
/// link; UTC when none says.
pub(crate) fn device_time_zone() -> String {
    let candidates = [
        std::env::var("TZ")
            .ok()
            .map(|tz| tz.trim_start_matches(':').to_owned()),
        std::fs::read_to_string("/etc/timezone")
            .ok()
            .map(|t| t.trim().to_owned()),
        std::fs::read_link("/etc/localtime").ok().and_then(|p| {
            p.to_str()
                .and_then(|p| p.split("zoneinfo/").nth(1))
                .map(str::to_owned)
        }),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|tz| tz.contains('/') || tz == "UTC")
        .unwrap_or_else(|| "UTC".to_owned())
}

/// Runs a `prompts` subcommand.
pub fn prompts(out: &Output, vault: &Vault, command: PromptsCommand) -> Result<(), CliError> {
    let prompts = vault.prompts();
    match command {
        PromptsCommand::Upcoming { days, time_zone } => {
            if !(1..=62).contains(&days) {
                return Err(CliError::Usage("--days takes 1 to 62".into()));
            }
            let now = Utc::now();
            let zone = time_zone.unwrap_or_else(device_time_zone);
            let list =
                prompts.upcoming(now, now + Duration::days(i64::from(days)), zone.clone())?;
            let lines: Vec<String> = list
                .iter()
                .map(|o| {
                    let moment = LocalMoment {
                        at: o.at,
                        utc_offset_minutes: o.utc_offset_minutes,
                    };
                    format!(
                        "{}  {:<30}  {} — {}{}",
                        local_time(&moment).format("%a %Y-%m-%d %H:%M"),
                        o.id,
                        o.title,
                        o.body,
                        if o.snoozed { " (snoozed)" } else { "" }
                    )
                })
                .collect();
            let text = if lines.is_empty() {
                format!("No prompts in the next {days} days.")
            } else {
                lines.join("\n")
            };
            let value: Vec<Value> = list
                .iter()
                .map(|o| json!({ "id": o.id, "kind": o.kind.as_str(), "at": o.at.to_rfc3339(), "local_day": o.local_day, "title": o.title, "body": o.body, "snoozed": o.snoozed }))
                .collect();
            out.print(&text, json!({ "time_zone": zone, "prompts": value }));
        }
        PromptsCommand::Skip { id } => {
            prompts.skip(id.clone())?;
            out.print(&format!("Skipped {id}."), json!({ "skipped": id }));
        }
        PromptsCommand::Snooze { id, minutes } => {
            let now = Utc::now();
            let due = prompts
                .upcoming(
                    now - Duration::days(1),
                    now + Duration::days(2),
                    device_time_zone(),
                )?
                .into_iter()
                .find(|o| o.id == id)
                .map(|o| o.at)
                .ok_or_else(|| CliError::Other(format!("no prompt {id} around now")))?;
            let until = now.max(due) + Duration::minutes(i64::from(minutes));
            prompts.snooze(id.clone(), due, until)?;
            out.print(
                &format!("Snoozed {id} until {}.", until.format("%H:%M UTC")),
                json!({ "snoozed": id, "until": until.to_rfc3339() }),
            );
        }
    }
    Ok(())
}

/// JSON answers for `respite transition --answers FILE`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct AnswersFile {
    parked: Vec<ParkedFile>,
    pleasantness: Option<f64>,
    energy: Option<f64>,
    feelings: Vec<String>,
    set_down: Option<String>,
    went_well: Vec<String>,
    who_at_home: Option<String>,
    first_thing: Option<String>,
    end_of_day_signal: Option<String>,
    practice: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParkedFile {
    what: String,
    #[serde(default)]
    when: Option<String>,
    #[serde(default, rename = "where")]
    place: Option<String>,
}

impl From<AnswersFile> for TransitionAnswers {
    fn from(a: AnswersFile) -> Self {
        TransitionAnswers {
            parked: a
                .parked
                .into_iter()
                .map(|p| ParkedItemDraft {
                    what: p.what,
                    when: p.when,
                    place: p.place,
                })
                .collect(),
            pleasantness: a.pleasantness,
            energy: a.energy,
            feelings: a.feelings,
            set_down: a.set_down,
            went_well: a.went_well,
            who_at_home: a.who_at_home,
            first_thing: a.first_thing,
            end_of_day_signal: a.end_of_day_signal,
            practice: a.practice,
        }
    }
}

/// Runs `transition`: every step skippable; answers from a terminal, standard input,
/// or `--answers FILE`.
pub fn transition(out: &Output, vault: &Vault, args: TransitionArgs) -> Result<(), CliError> {
    let prompts = vault.prompts();
    let moment = moment_or_now(args.at.as_deref())?;
    let (mut answers, checked_each) = match args.answers {
        Some(file) => {
            let text = std::fs::read_to_string(&file)
                .map_err(|_| CliError::Other(format!("could not read {}", file.display())))?;
            let parsed: AnswersFile = serde_json::from_str(&text).map_err(|e| {
                CliError::Other(format!(
                    "answers file: {} (line {}, column {})",
                    classify(&e),
                    e.line(),
                    e.column()
                ))
            })?;
            let mut answers: TransitionAnswers = parsed.into();
            answers.feelings = kept_as_words(answers.feelings, LabelKind::Emotion);
            (answers, false)
        }
        None => ask_transition(vault, moment, args.redact)?,
    };
    let screened = screen_answers(vault, &mut answers, args.redact, checked_each)?;
    let (saved, left_out) = keeping_the_rest(answers, without_transition_field, |a| {
        prompts.save_transition(moment, a)
    });
    let Some(entry) = saved_unless_all_skipped(saved)? else {
        nothing_saved(out, "step");
        return Ok(());
    };
    screened.say();
    let parked = entry.transition.as_ref().map_or(0, |t| t.parked.len());
    let mut json = entry_json(&entry);
    say_left_out(out, &left_out, &mut json);
    crate::support::after_entry(out, vault, &entry, &mut json)?;
    out.print(
        &format!(
            "Saved your transition ({} parked for later). Go gently.\n{}",
            parked, entry.id
        ),
        json,
    );
    Ok(())
}

/// An answer the core refused and that was left out so the rest could be saved.
struct LeftOut {
    field: String,
    reason: String,
}

/// Saves `answers`; when the core refuses one answer, that answer is left out (by
/// `without`, which says whether it knew the field) and the rest saved again, so one
/// bad answer never costs the others.
fn keeping_the_rest<A, T>(
    mut answers: A,
    without: fn(&mut A, &str) -> bool,
    save: impl Fn(A) -> respite_core::Result<T>,
) -> (respite_core::Result<T>, Vec<LeftOut>)
where
    A: Clone,
{
    let mut left_out = Vec::new();
    loop {
        match save(answers.clone()) {
            Err(respite_core::RespiteError::InvalidInput { field, reason })
                if without(&mut answers, &field) =>
            {
                left_out.push(LeftOut { field, reason });
            }
            result => return (result, left_out),
        }
    }
}

/// Leaves out the transition answer the core named; false for a field it does not hold.
fn without_transition_field(a: &mut TransitionAnswers, field: &str) -> bool {
    match field {
        "parked" if !a.parked.is_empty() => a.parked.clear(),
        "pleasantness" if a.pleasantness.is_some() => a.pleasantness = None,
        "energy" if a.energy.is_some() => a.energy = None,
        "feelings" if !a.feelings.is_empty() => a.feelings.clear(),
        "set_down" if a.set_down.is_some() => a.set_down = None,
        "went_well" if !a.went_well.is_empty() => a.went_well.clear(),
        "who_at_home" if a.who_at_home.is_some() => a.who_at_home = None,
        "first_thing" if a.first_thing.is_some() => a.first_thing = None,
        "end_of_day_signal" if a.end_of_day_signal.is_some() => a.end_of_day_signal = None,
        "practice" if a.practice.is_some() => a.practice = None,
        _ => return false,
    }
    true
}

/// Leaves out nothing: for answers given as flags, refused whole.
fn keep_every_field<A>(_: &mut A, _: &str) -> bool {
    false
}

/// Leaves out the evening answer the core named; false for a field it does not hold.
fn without_evening_field(a: &mut EveningAnswers, field: &str) -> bool {
    match field {
        "detachment" if a.detachment.is_some() => a.detachment = None,
        "work_intrusion" if a.work_intrusion.is_some() => a.work_intrusion = None,
        "pleasantness" if a.pleasantness.is_some() => a.pleasantness = None,
        "relaxation" if a.relaxation.is_some() => a.relaxation = None,
        "mastery" if a.mastery.is_some() => a.mastery = None,
        "control" if a.control.is_some() => a.control = None,
        "note" if a.note.is_some() => a.note = None,
        _ => return false,
    }
    true
}

/// Names on stderr (and in `--json` as `left_out`) the answers that were left out.
fn say_left_out(out: &Output, left_out: &[LeftOut], json: &mut Value) {
    if left_out.is_empty() {
        return;
    }
    if !out.json {
        for l in left_out {
            eprintln!(
                "respite: left out {}: {}; everything else was saved.",
                l.field, l.reason
            );
        }
    }
    json["left_out"] = left_out
        .iter()
        .map(|l| json!({ "field": l.field, "reason": l.reason }))
        .collect();
}

/// What a save returned, or `None` when every answer was skipped: a choice the person
/// made, not an error (the core refuses to save nothing, with the field `answers`).
fn saved_unless_all_skipped<T>(saved: respite_core::Result<T>) -> Result<Option<T>, CliError> {
    match saved {
        Ok(value) => Ok(Some(value)),
        Err(RespiteError::InvalidInput { field, .. }) if field == "answers" => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// Says that nothing was saved because every `what` (step, question) was skipped;
/// exit 0. With `--json`, `{"saved": false}`.
fn nothing_saved(out: &Output, what: &str) {
    if out.json {
        out.print("", serde_json::json!({ "saved": false }));
    } else {
        eprintln!("Nothing was saved: you skipped every {what}, and that is fine.");
    }
}

/// The check before answers are saved, unless each was checked as it was typed (and
/// kept, redacted or retyped there).
fn screen_answers<D: Draft>(
    vault: &Vault,
    answers: &mut D,
    redact: bool,
    checked_each: bool,
) -> Result<Screened, CliError> {
    if checked_each {
        Ok(Screened::default())
    } else {
        screen(vault, answers, redact)
    }
}

/// What kind of JSON error it was, without quoting the file's content.
fn classify(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof => "not valid JSON",
        Category::Data => "an unknown field or a value of the wrong type",
        Category::Io => "could not be read",
    }
}

/// Asks the transition's questions; the answers, and whether each free-text answer
/// was already checked as it was typed.
fn ask_transition(
    vault: &Vault,
    moment: LocalMoment,
    redact: bool,
) -> Result<(TransitionAnswers, bool), CliError> {
    let script = vault.prompts().transition_script(moment)?;
    let stdin = std::io::stdin();
    let mut ask = Asker::new(stdin.lock(), stdin.is_terminal(), vault, redact);
    ask.say("A short transition: Enter skips any question.");
    let mut a = TransitionAnswers::default();
    for step in &script.steps {
        ask.say(&format!("\n{}\n  {}", step.prompt, step.hint));
        match step.step {
            TransitionStep::ParkIt => {
                while let Some(what) = ask.text("  unfinished:")? {
                    let when = ask.text("  when will you pick it up?")?;
                    let place = ask.text("  where?")?;
                    a.parked.push(ParkedItemDraft { what, when, place });
                    if a.parked.len() == 10 {
                        break;
                    }
                }
            }
            TransitionStep::NameIt => {
                a.pleasantness = ask.number_in("  pleasant (-1 to 1):", -1.0, 1.0)?;
                a.energy = ask.number_in("  energy (0 to 1):", 0.0, 1.0)?;
                a.feelings = ask.labels(
                    "  feelings (words from `respite catalogue`, comma-separated):",
                    LabelKind::Emotion,
                )?;
            }
            TransitionStep::SetDown => a.set_down = ask.text("  set down:")?,
            TransitionStep::WentWell => {
                while a.went_well.len() < 3 {
                    match ask.text("  went well:")? {
                        Some(w) => a.went_well.push(w),
                        None => break,
                    }
                }
            }
            TransitionStep::SwitchRoles => {
                a.who_at_home = ask.text("  who at home:")?;
                a.first_thing = ask.text("  first thing:")?;
            }
            TransitionStep::EndOfDay => a.end_of_day_signal = ask.text("  signal:")?,
        }
    }
    if !script.practices.is_empty() {
        ask.say(&format!("\n{}", script.practice_prompt));
        for p in &script.practices {
            ask.say(&format!("  {:<22} {}", p.practice.id, p.practice.name));
        }
        a.practice = ask.line("  practice id:")?;
    }
    Ok((a, ask.checked_each()))
}

/// Runs `evening`: values by flags, or asked one by one.
pub fn evening(out: &Output, vault: &Vault, args: EveningArgs) -> Result<(), CliError> {
    let moment = moment_or_now(args.at.as_deref())?;
    let (mut answers, checked_each, from_flags) = if args.detachment.is_some()
        || args.intrusion.is_some()
        || args.pleasantness.is_some()
        || args.note.is_some()
        || args.relaxation.is_some()
        || args.mastery.is_some()
        || args.control.is_some()
    {
        let answers = EveningAnswers {
            detachment: args.detachment,
            work_intrusion: args.intrusion,
            pleasantness: args.pleasantness,
            note: args.note,
            relaxation: args.relaxation,
            mastery: args.mastery,
            control: args.control,
        };
        (answers, false, true)
    } else {
        let stdin = std::io::stdin();
        let mut ask = Asker::new(stdin.lock(), stdin.is_terminal(), vault, args.redact);
        ask.say("How much did work follow you home today? Enter skips.");
        let work_intrusion = whole(ask.number_in(
            "  work thoughts, 0 (stayed at work) to 4 (filled my evening):",
            0.0,
            4.0,
        )?)?;
        let detachment = whole(ask.number_in(
            "  leaving work behind, 1 (not at all) to 5 (fully):",
            1.0,
            5.0,
        )?)?;
        let pleasantness = ask.number_in("  how pleasant is the evening, -1 to 1:", -1.0, 1.0)?;
        let note = ask.text("  a note:")?;
        // The quick path ends here; the other recovery experiences are one "y" away.
        let mut answers = EveningAnswers {
            work_intrusion,
            detachment,
            pleasantness,
            note,
            ..EveningAnswers::default()
        };
        let more = ask.line("  the other three recovery questions too? (y, Enter skips):")?;
        if more.is_some_and(|m| m.eq_ignore_ascii_case("y") || m.eq_ignore_ascii_case("yes")) {
            let others = catalogue().recovery_items.into_iter();
            for item in others.filter(|i| i.experience != RecoveryExperience::Detachment) {
                let question = format!("  {} 1 (not at all) to 5 (fully):", item.text);
                let value = whole(ask.number_in(&question, 1.0, 5.0)?)?;
                match item.experience {
                    RecoveryExperience::Relaxation => answers.relaxation = value,
                    RecoveryExperience::Mastery => answers.mastery = value,
                    RecoveryExperience::Control => answers.control = value,
                    RecoveryExperience::Detachment => {}
                }
            }
        }
        (answers, ask.checked_each(), false)
    };
    let screened = screen_answers(vault, &mut answers, args.redact, checked_each)?;
    let prompts = vault.prompts();
    // Flags are refused whole (the command line still holds them); asked answers
    // keep the rest when one is refused.
    let without = if from_flags {
        keep_every_field
    } else {
        without_evening_field
    };
    let (saved, left_out) =
        keeping_the_rest(answers, without, |a| prompts.save_evening_check(moment, a));
    let Some(checkin) = saved_unless_all_skipped(saved)? else {
        nothing_saved(out, "question");
        return Ok(());
    };
    screened.say();
    let linked = if checkin.data.linked_transition.is_some() {
        " (linked to today's transition)"
    } else {
        ""
    };
    let mut json = checkin_json(&checkin);
    say_left_out(out, &left_out, &mut json);
    crate::support::after_checkin(out, vault, &checkin, &mut json)?;
    out.print(
        &format!("Saved your evening check{linked}.\n{}", checkin.id),
        json,
    );
    Ok(())
}

/// A whole number for a scale (its range is checked by the core).
fn whole(value: Option<f64>) -> Result<Option<u8>, CliError> {
    match value {
        Some(v) if v.fract() != 0.0 || !(0.0..=255.0).contains(&v) => Err(CliError::Usage(
            format!("{v} is not a whole number on the scale"),
        )),
        v => Ok(v.map(|v| v as u8)),
    }
}

/// Runs a `parked` subcommand.
pub fn parked(out: &Output, vault: &Vault, command: ParkedCommand) -> Result<(), CliError> {
    let prompts = vault.prompts();
    match command {
        ParkedCommand::List => {
            let today = chrono::Local::now().date_naive().to_string();
            let open = prompts.open_parked_items(today)?;
            let lines: Vec<String> = open
                .iter()
                .map(|o| {
                    let when = o
                        .item
                        .when
                        .as_deref()
                        .map(|w| format!(", {w}"))
                        .unwrap_or_default();
                    let place = o
                        .item
                        .place
                        .as_deref()
                        .map(|p| format!(", {p}"))
                        .unwrap_or_default();
                    format!(
                        "{} {}  parked {}: {}{when}{place}",
                        o.entry_id, o.item.id, o.parked_on, o.item.what
                    )
                })
                .collect();
            let text = if lines.is_empty() {
                "Nothing parked. Rest easy.".to_owned()
            } else {
                lines.join("\n")
            };
            let value: Vec<Value> = open
                .iter()
                .map(|o| json!({ "entry_id": o.entry_id, "item_id": o.item.id, "parked_on": o.parked_on, "what": o.item.what, "when": o.item.when, "where": o.item.place }))
                .collect();
            out.print(&text, json!({ "parked": value }));
        }
        ParkedCommand::Done { entry_id, item_id } => {
            prompts.mark_parked_done(entry_id, item_id.clone())?;
            out.print(
                &format!("Marked {item_id} done."),
                json!({ "done": item_id }),
            );
        }
    }
    Ok(())
}
