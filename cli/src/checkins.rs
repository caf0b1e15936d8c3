//! `respite checkin …`.

use respite_core::{CheckInContext, CheckInData, StressZone, Vault};
use serde_json::json;

use crate::commands::{all_pages, moment_or_now};
use crate::format::{checkin_json, checkin_line, Output};
use crate::journal::report_damaged;
use crate::privacy::screen;
use crate::{CheckinArgs, CheckinCommand, CliError};

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
        practices: args.practices,
        context: args.context.map(CheckInContext::from),
        note: args.note,
        ..CheckInData::new(moment_or_now(args.at.as_deref())?)
    };
    let screened = screen(vault, &mut data, args.redact)?;
    let checkin = vault.checkins().add(data)?;
    screened.say();
    out.print(&checkin.id, checkin_json(&checkin));
    Ok(())
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
            let value = checkin_json(&checkin);
            out.print(
                &serde_json::to_string_pretty(&value).unwrap_or_default(),
                value,
            );
        }
        CheckinCommand::Delete { id } => {
            checkins.delete(id.clone())?;
            out.print(&format!("Deleted check-in {id}."), json!({ "deleted": id }));
        }
    }
    Ok(())
}
