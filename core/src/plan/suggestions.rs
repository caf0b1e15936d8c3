//! Starter content for the plan: original suggestions per section, with stable ids,
//! that a person picks from and edits (the content itself is data:
//! `content/en/plan-suggestions.json`). Grounded in grounding, intentional pauses,
//! boundaries, self-compassion, connection, movement, sleep, meaning and
//! organisational supports.

use serde::Deserialize;
use std::sync::OnceLock;

use crate::content;

use crate::plan::{
    Frequency, Plan, Practice, PracticeContext, PracticeDomain, PracticeStatus, SignArea,
    WarningSign,
};

/// A part of the plan a suggestion belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case")]
pub enum PlanSection {
    /// What the work means to me.
    Values,
    /// My roles.
    Roles,
    /// Demands of the work.
    Demands,
    /// Stressors.
    Stressors,
    /// Supports I have.
    SupportsInPlace,
    /// Supports I want to ask for.
    SupportsToRequest,
    /// Boundaries I commit to.
    Boundaries,
    /// Early warning signs.
    WarningSigns,
    /// Triggers.
    Triggers,
    /// What depletes me.
    Depletes,
    /// What restores me.
    Restores,
    /// People I turn to.
    People,
    /// Emergency plan: what helps me settle.
    HelpsMeSettle,
    /// Emergency plan: kind things to tell myself.
    KindWords,
    /// Emergency plan: what to avoid.
    Avoid,
    /// Emergency plan: professional help.
    ProfessionalHelp,
    /// Practices.
    Practices,
}

/// A moment in the day when a practice may help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case")]
pub enum PlanMoment {
    /// Right after a difficult session.
    AfterSession,
    /// On the way home.
    Transition,
    /// In the evening.
    Evening,
    /// A bad day.
    BadDay,
}

/// One suggestion.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlanSuggestion {
    /// Stable id (for practices, also the practice id once picked).
    pub id: String,
    /// Where it goes.
    pub section: PlanSection,
    /// English display text.
    pub text: String,
    /// For warning signs: where the sign shows.
    pub area: Option<SignArea>,
    /// For practices: a ready-made practice to add (status "want to start").
    pub practice: Option<Practice>,
}

/// The starter content, as `content/en/plan-suggestions.json` holds it.
#[derive(Deserialize)]
struct Starter {
    texts: Vec<StarterText>,
    signs: Vec<StarterSign>,
    practices: Vec<StarterPractice>,
}

/// A starter line for a section of the plan.
#[derive(Deserialize)]
struct StarterText {
    section: PlanSection,
    id: String,
    text: String,
}

/// A starter early warning sign.
#[derive(Deserialize)]
struct StarterSign {
    area: SignArea,
    id: String,
    text: String,
}

/// A starter practice, with the moments it fits.
#[derive(Deserialize)]
struct StarterPractice {
    id: String,
    name: String,
    domain: PracticeDomain,
    context: PracticeContext,
    frequency: Frequency,
    barrier: String,
    workaround: String,
    moments: Vec<PlanMoment>,
}

fn starter() -> &'static Starter {
    static STARTER: OnceLock<Starter> = OnceLock::new();
    STARTER.get_or_init(|| content::parse("plan-suggestions.json", content::PLAN_SUGGESTIONS))
}

fn practice_of(p: &StarterPractice) -> Practice {
    Practice {
        id: p.id.clone(),
        name: p.name.clone(),
        domain: p.domain,
        context: p.context,
        status: PracticeStatus::WantToStart,
        frequency: p.frequency,
        barrier: Some(p.barrier.clone()),
        workaround: Some(p.workaround.clone()),
    }
}

/// Every starter suggestion, section by section.
pub(crate) fn plan_suggestions() -> Vec<PlanSuggestion> {
    let starter = starter();
    let texts = starter.texts.iter().map(|t| PlanSuggestion {
        id: t.id.clone(),
        section: t.section,
        text: t.text.clone(),
        area: None,
        practice: None,
    });
    let signs = starter.signs.iter().map(|s| PlanSuggestion {
        id: s.id.clone(),
        section: PlanSection::WarningSigns,
        text: s.text.clone(),
        area: Some(s.area),
        practice: None,
    });
    let practices = starter.practices.iter().map(|p| PlanSuggestion {
        id: p.id.clone(),
        section: PlanSection::Practices,
        text: p.name.clone(),
        area: None,
        practice: Some(practice_of(p)),
    });
    texts.chain(signs).chain(practices).collect()
}

/// Starter practices that fit `moment`, in order.
pub(crate) fn practices_for(moment: PlanMoment) -> impl Iterator<Item = Practice> {
    starter()
        .practices
        .iter()
        .filter(move |p| p.moments.contains(&moment))
        .map(practice_of)
}

/// Starter texts of one section.
pub(crate) fn texts(section: PlanSection) -> Vec<String> {
    starter()
        .texts
        .iter()
        .filter(|t| t.section == section)
        .map(|t| t.text.clone())
        .collect()
}

/// The plan with a suggestion added to its section (once: a line or practice already
/// there is not added again). The shells call this when a suggestion is picked.
pub(crate) fn plan_with_suggestion(plan: Plan, suggestion: PlanSuggestion) -> Plan {
    let mut plan = plan;
    let text = suggestion.text;
    let add = |list: &mut Vec<String>| {
        if !list.contains(&text) {
            list.push(text.clone());
        }
    };
    match suggestion.section {
        PlanSection::Values => add(&mut plan.values),
        PlanSection::Roles => add(&mut plan.roles),
        PlanSection::Demands => add(&mut plan.demands),
        PlanSection::Stressors => add(&mut plan.stressors),
        PlanSection::SupportsInPlace => add(&mut plan.supports_in_place),
        PlanSection::SupportsToRequest => add(&mut plan.supports_to_request),
        PlanSection::Boundaries => add(&mut plan.boundaries),
        PlanSection::Triggers => add(&mut plan.triggers),
        PlanSection::Depletes => add(&mut plan.depletes),
        PlanSection::Restores => add(&mut plan.restores),
        PlanSection::People => add(&mut plan.people),
        PlanSection::HelpsMeSettle => add(&mut plan.emergency.helps_me_settle),
        PlanSection::KindWords => add(&mut plan.emergency.kind_words),
        PlanSection::Avoid => add(&mut plan.emergency.avoid),
        PlanSection::ProfessionalHelp => add(&mut plan.emergency.professional_help),
        PlanSection::WarningSigns => {
            let area = suggestion.area.unwrap_or(SignArea::Emotional);
            if !plan.warning_signs.iter().any(|s| s.text == text) {
                plan.warning_signs.push(WarningSign { area, text });
            }
        }
        PlanSection::Practices => {
            if let Some(practice) = suggestion.practice {
                if !plan.practices.iter().any(|p| p.id == practice.id) {
                    plan.practices.push(practice);
                }
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Plan;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_every_practice_is_valid() {
        let all = plan_suggestions();
        let ids: HashSet<&str> = all.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids.len(), all.len());
        let plan = Plan {
            practices: all.iter().filter_map(|s| s.practice.clone()).collect(),
            ..Plan::default()
        };
        assert!(plan.validated().is_ok());
    }

    #[test]
    fn every_section_and_moment_has_suggestions() {
        let all = plan_suggestions();
        for section in [
            PlanSection::Values,
            PlanSection::Roles,
            PlanSection::Demands,
            PlanSection::Stressors,
            PlanSection::SupportsInPlace,
            PlanSection::SupportsToRequest,
            PlanSection::Boundaries,
            PlanSection::WarningSigns,
            PlanSection::Triggers,
            PlanSection::Depletes,
            PlanSection::Restores,
            PlanSection::People,
            PlanSection::HelpsMeSettle,
            PlanSection::KindWords,
            PlanSection::Avoid,
            PlanSection::ProfessionalHelp,
            PlanSection::Practices,
        ] {
            assert!(
                all.iter().filter(|s| s.section == section).count() >= 3,
                "{section:?}"
            );
        }
        for moment in [
            PlanMoment::AfterSession,
            PlanMoment::Transition,
            PlanMoment::Evening,
            PlanMoment::BadDay,
        ] {
            assert!(practices_for(moment).count() >= 3, "{moment:?}");
        }
    }
}
