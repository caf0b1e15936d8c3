//! `respite checkin …`.

use clap::{Args, Subcommand, ValueEnum};
use respite_core::{
    catalogue, CheckInContext, CheckInData, LabelKind, LocalMoment, RecoveryExperience, StressZone,
    Vault,
};
use serde_json::json;
use std::io::IsTerminal;

use crate::ask::Asker;
use crate::commands::{all_pages, moment_or_now};
use crate::error::CliError;
use crate::format::{checkin_json, checkin_line, checkin_text, Output};
use crate::journal::report_damaged;
use crate::privacy::screen;

/// Flags of `respite checkin`.
#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// How pleasant, -1 (very unpleasant) to 1 (very pleasant).
    #[arg(long, allow_negative_numbers = true, value_name = "-1..1")]
    pleasantness: Option<f64>,
    /// How much energy, 0 to 1.
    #[arg(long, value_name = "0..1")]
    energy: Option<f64>,
    /// An emotion: its word ("hopeful") or id, see `respite catalogue`; repeat for more.
    #[arg(long = "emotion", visible_alias = "feeling", value_name = "WORD")]
    emotions: Vec<String>,
    /// Stress continuum zone.
    #[arg(long, value_enum)]
    zone: Option<ZoneArg>,
    /// Self-rated burnout, 1–5.
    #[arg(long, value_name = "1-5")]
    burnout: Option<u8>,
    /// Hours slept.
    #[arg(long, value_name = "HOURS")]
    sleep_hours: Option<f64>,
    /// Sleep quality, 1–5.
    #[arg(long, value_name = "1-5")]
    sleep_quality: Option<u8>,
    /// Recovery: mentally leaving work behind, 1–5.
    #[arg(long, value_name = "1-5")]
    detachment: Option<u8>,
    /// Recovery: unhurried, restful time, 1–5.
    #[arg(long, value_name = "1-5")]
    relaxation: Option<u8>,
    /// Recovery: growth or a good challenge outside work, 1–5.
    #[arg(long, value_name = "1-5")]
    mastery: Option<u8>,
    /// Recovery: free time on my own terms, 1–5.
    #[arg(long, value_name = "1-5")]
    control: Option<u8>,
    /// How much work thoughts intruded, 0–4.
    #[arg(long, value_name = "0-4")]
    intrusion: Option<u8>,
    /// Whether the work felt worthwhile today, 1 (not at all) to 5 (fully).
    #[arg(long, value_name = "1-5")]
    worthwhile: Option<u8>,
    /// A practice done (practice id); repeat for more.
    #[arg(long = "practice", value_name = "ID")]
    practices: Vec<String>,
    /// Where: workday, transition or home.
    #[arg(long, value_enum)]
    context: Option<ContextArg>,
    /// A short note.
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
pub enum CheckinCommand {
    /// List check-ins, newest first.
    List {
        /// Earliest local day, YYYY-MM-DD.
        #[arg(long, value_name = "DAY")]
        from: Option<String>,
        /// Latest local day, YYYY-MM-DD.
        #[arg(long, value_name = "DAY")]
        to: Option<String>,
        /// Show at most N check-ins.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
    },
    /// Show one check-in.
    Show { id: String },
    /// Delete a check-in for good.
    Delete { id: String },
}

/// Stress zones as written on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ZoneArg {
    Ready,
    Reacting,
    Injured,
    Ill,
}

impl From<ZoneArg> for StressZone {
    fn from(zone: ZoneArg) -> Self {
        match zone {
            ZoneArg::Ready => StressZone::Ready,
            ZoneArg::Reacting => StressZone::Reacting,
            ZoneArg::Injured => StressZone::Injured,
            ZoneArg::Ill => StressZone::Ill,
        }
    }
}

/// Check-in contexts as written on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ContextArg {
    Workday,
    Transition,
    Home,
}

impl From<ContextArg> for CheckInContext {
    fn from(context: ContextArg) -> Self {
        match context {
            ContextArg::Workday => CheckInContext::Workday,
            ContextArg::Transition => CheckInContext::Transition,
            ContextArg::Home => CheckInContext::Home,
        }
    }
}

/// Records a check-in from its flags.
pub fn add(out: &Output, vault: &Vault, args: CheckinArgs) -> Result<(), CliError> {
    let mut data = CheckInData {
        pleasantness: args.pleasantness,
        energy: args.energy,
        emotions: args.emotions,
        stress_zone: args.zone.map(StressZone::from),
        burnout: args.burnout,
        sleep_hours: args.sleep_hours,
        sleep_quality: args.sleep_quality,
        detachment: args.detachment,
        relaxation: args.relaxation,
        mastery: args.mastery,
        control: args.control,
        work_intrusion: args.intrusion,
        worthwhile: args.worthwhile,
        practices: args.practices,
        context: args.context.map(CheckInContext::from),
        note: args.note,
        ..CheckInData::new(moment_or_now(args.at.as_deref())?)
    };
    let asked = data == CheckInData::new(data.moment) && std::io::stdin().is_terminal();
    if asked {
        data = ask_checkin(vault, data.moment, args.redact)?;
    }
    let screened = screen(vault, &mut data, args.redact)?;
    let checkin = vault.checkins().add(data)?;
    screened.say();
    let mut json = checkin_json(&checkin);
    crate::support::after_checkin(out, vault, &checkin, &mut json)?;
    out.print(&checkin.id, json);
    Ok(())
}

/// A check-in on a terminal, one question at a time, Enter skipping each: the quick
/// part (pleasantness, energy, feelings, stress zone, burnout, a note), then the rest
/// when wanted.
fn ask_checkin(vault: &Vault, moment: LocalMoment, redact: bool) -> Result<CheckInData, CliError> {
    let stdin = std::io::stdin();
    let mut ask = Asker::new(stdin.lock(), true, vault, redact);
    let words = catalogue();
    let whole = |v: Option<f64>| v.map(|v| v.round() as u8);
    ask.say("A check-in. Every question can be skipped with Enter.");
    let mut d = CheckInData {
        pleasantness: ask.number_in("  how pleasant, -1 to 1:", -1.0, 1.0)?,
        energy: ask.number_in("  how much energy, 0 to 1:", 0.0, 1.0)?,
        ..CheckInData::new(moment)
    };
    d.emotions = ask.labels("  feelings (words, comma-separated):", LabelKind::Emotion)?;
    for (n, zone) in words.stress_zones.iter().enumerate() {
        ask.say(&format!(
            "    {} {:<9} {}",
            n + 1,
            zone.name,
            zone.description
        ));
    }
    d.stress_zone = whole(ask.number_in("  stress zone, 1 to 4:", 1.0, 4.0)?)
        .and_then(|n| words.stress_zones.get(usize::from(n) - 1))
        .map(|z| z.zone);
    for level in &words.burnout_levels {
        ask.say(&format!("    {} {}", level.value, level.text));
    }
    d.burnout = whole(ask.number_in("  burnout, 1 to 5:", 1.0, 5.0)?);
    d.note = ask.text("  a note:")?;
    let more = ask.line("  sleep and recovery too? (y, Enter skips):")?;
    if more.is_some_and(|m| m.eq_ignore_ascii_case("y") || m.eq_ignore_ascii_case("yes")) {
        d.sleep_hours = ask.number_in("  hours slept:", 0.0, 24.0)?;
        d.sleep_quality = whole(ask.number_in("  sleep quality, 1 to 5:", 1.0, 5.0)?);
        for item in &words.recovery_items {
            let value = whole(ask.number_in(&format!("  {} 1 to 5:", item.text), 1.0, 5.0)?);
            match item.experience {
                RecoveryExperience::Detachment => d.detachment = value,
                RecoveryExperience::Relaxation => d.relaxation = value,
                RecoveryExperience::Mastery => d.mastery = value,
                RecoveryExperience::Control => d.control = value,
            }
        }
        d.work_intrusion = whole(ask.number_in("  work thoughts, 0 to 4:", 0.0, 4.0)?);
        let question = format!("  {} 1 to 5:", words.worthwhile_item);
        d.worthwhile = whole(ask.number_in(&question, 1.0, 5.0)?);
    }
    Ok(d)
}

/// Runs a `checkin` subcommand.
pub fn run(out: &Output, vault: &Vault, command: CheckinCommand) -> Result<(), CliError> {
    let checkins = vault.checkins();
    match command {
        CheckinCommand::List { from, to, limit } => {
            let (found, damaged) = all_pages(limit, |offset, want| {
                let page = checkins.list(from.clone(), to.clone(), offset, want)?;
                Ok((page.checkins, page.damaged, page.has_more))
            })?;
            let lines: Vec<String> = found.iter().map(checkin_line).collect();
            out.print(
                &lines.join("\n"),
                json!({ "checkins": found.iter().map(checkin_json).collect::<Vec<_>>() }),
            );
            report_damaged(out, &damaged)?;
        }
        CheckinCommand::Show { id } => {
            let checkin = checkins.get(id)?;
            out.print(&checkin_text(&checkin), checkin_json(&checkin));
        }
        CheckinCommand::Delete { id } => {
            checkins.delete(id.clone())?;
            out.print(&format!("Deleted check-in {id}."), json!({ "deleted": id }));
        }
    }
    Ok(())
}
