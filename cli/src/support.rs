//! The safety response in the terminal: the emergency card, the person's people and
//! a crisis line, printed on standard error after a save (so an id stays the last
//! line of standard output) and added to `--json` as the field `support`.

use respite_core::{CheckIn, EmergencyCard, JournalEntry, SafetyResponse, Vault};
use serde_json::{json, Value};

use crate::error::CliError;
use crate::format::Output;

/// The card as text: its sections, each with a title.
pub fn card_text(card: &EmergencyCard) -> String {
    let mut text = String::new();
    let mut section = |title: &str, items: Vec<String>| {
        if !items.is_empty() {
            text.push_str(&format!("\n{title}\n"));
            for item in items {
                text.push_str(&format!("  • {item}\n"));
            }
        }
    };
    section("What helps me settle", card.helps_me_settle.clone());
    section("What I can tell myself", card.kind_words.clone());
    section("What to avoid today", card.avoid.clone());
    section(
        "Who I can contact",
        card.contacts
            .iter()
            .map(|c| format!("{}: {}", c.name, c.how))
            .collect(),
    );
    section("Professional help", card.professional_help.clone());
    section("Supports at work", card.workplace_supports.clone());
    section(
        "My early warning signs",
        card.warning_signs.iter().map(|s| s.text.clone()).collect(),
    );
    if card.uses_suggestions {
        text.push_str("\n(Some of this is starter wording; `respite plan edit` makes it yours.)\n");
    }
    text
}

/// The card as data.
pub fn card_json(card: &EmergencyCard) -> Value {
    json!({
        "helps_me_settle": card.helps_me_settle, "kind_words": card.kind_words, "avoid": card.avoid,
        "contacts": card.contacts.iter().map(|c| json!({ "name": c.name, "how": c.how })).collect::<Vec<_>>(),
        "professional_help": card.professional_help, "workplace_supports": card.workplace_supports,
        "warning_signs": card.warning_signs.iter().map(|s| s.text.clone()).collect::<Vec<_>>(),
        "uses_suggestions": card.uses_suggestions,
    })
}

/// The whole response as text.
pub fn response_text(r: &SafetyResponse) -> String {
    let mut text = format!("{}\n{}", r.opening.text, card_text(&r.card));
    if !r.people.is_empty() {
        text.push_str("\nMy people\n");
        for p in &r.people {
            text.push_str(&format!("  • {p}\n"));
        }
    }
    if let Some(line) = &r.crisis_line {
        text.push_str(&format!(
            "\nA crisis line\n  • {}: {}\n    (from {})\n",
            line.name, line.how, line.source
        ));
    }
    text.push_str(&format!("\n{}\n", r.urgent.text));
    text
}

/// The whole response as data.
pub fn response_json(r: &SafetyResponse) -> Value {
    json!({
        "reasons": r.reasons.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>(),
        "opening": r.opening.text,
        "card": card_json(&r.card),
        "people": r.people,
        "crisis_line": r.crisis_line.as_ref().map(|l| json!({
            "region": l.region, "name": l.name, "how": l.how, "emergency": l.emergency, "source": l.source,
        })),
        "urgent": r.urgent.text,
    })
}

/// Shows `response`, if any, on stderr and adds it to `json`.
fn show(out: &Output, response: Option<SafetyResponse>, json: &mut Value) {
    if let Some(r) = response {
        if !out.json {
            eprintln!("\n{}", response_text(&r).trim_end());
        }
        json["support"] = response_json(&r);
    }
}

/// After a check-in was saved.
pub fn after_checkin(
    out: &Output,
    vault: &Vault,
    checkin: &CheckIn,
    json: &mut Value,
) -> Result<(), CliError> {
    show(out, vault.support().after_checkin(checkin.clone())?, json);
    Ok(())
}

/// After an entry was saved.
pub fn after_entry(
    out: &Output,
    vault: &Vault,
    entry: &JournalEntry,
    json: &mut Value,
) -> Result<(), CliError> {
    show(out, vault.support().after_entry(entry.clone())?, json);
    Ok(())
}

/// `respite support`: the response whenever it is wanted.
pub fn on_request(out: &Output, vault: &Vault) -> Result<(), CliError> {
    let r = vault.support().on_request()?;
    let text = response_text(&r);
    out.print(text.trim_end(), response_json(&r));
    Ok(())
}
