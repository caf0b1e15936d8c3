//! Starter content for the plan: original suggestions per section, with stable ids,
//! that a person picks from and edits. Grounded in grounding, intentional pauses,
//! boundaries, self-compassion, connection, movement, sleep, meaning and
//! organisational supports.

use crate::plan::{
    Frequency, Plan, Practice, PracticeContext, PracticeDomain, PracticeStatus, SignArea,
    WarningSign,
};

/// A part of the plan a suggestion belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
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

const TEXTS: &[(PlanSection, &str, &str)] = {
    use PlanSection::*;
    &[
        (
            Values,
            "value-steady-company",
            "Being steady company for people on their hardest days",
        ),
        (
            Values,
            "value-their-strength",
            "Helping people find strength they already have",
        ),
        (Values, "value-careful-work", "Doing careful, honest work"),
        (
            Values,
            "value-advocacy",
            "Standing up for people the system overlooks",
        ),
        (
            Values,
            "value-learning",
            "Learning something from everyone I meet",
        ),
        (Roles, "role-clinician", "Clinician"),
        (Roles, "role-colleague", "Colleague"),
        (Roles, "role-mentor", "Supervisor or mentor"),
        (Roles, "role-partner", "Partner"),
        (Roles, "role-carer", "Parent or carer"),
        (Roles, "role-friend", "Friend"),
        (
            Demands,
            "demand-back-to-back",
            "Back-to-back sessions with little time between",
        ),
        (
            Demands,
            "demand-admin",
            "Notes and admin that spill past working hours",
        ),
        (Demands, "demand-caseload", "A high caseload"),
        (
            Demands,
            "demand-trauma",
            "Hearing traumatic stories every week",
        ),
        (Demands, "demand-shifts", "Night shifts or on-call"),
        (
            Stressors,
            "stressor-risk",
            "Clients at risk between sessions",
        ),
        (Stressors, "stressor-time", "Never enough time for notes"),
        (Stressors, "stressor-team", "Tension in the team"),
        (
            Stressors,
            "stressor-moral",
            "Carrying out decisions I disagree with",
        ),
        (
            Stressors,
            "stressor-waitlist",
            "Waiting lists I cannot shorten",
        ),
        (
            SupportsInPlace,
            "support-supervision",
            "Reflective supervision",
        ),
        (SupportsInPlace, "support-peer", "A peer consultation group"),
        (
            SupportsInPlace,
            "support-caseload-cap",
            "A limit on my caseload",
        ),
        (
            SupportsInPlace,
            "support-protected-time",
            "Protected time for notes and breaks",
        ),
        (
            SupportsInPlace,
            "support-eap",
            "The employee assistance programme (EAP)",
        ),
        (
            SupportsInPlace,
            "support-debrief",
            "Debriefs after critical incidents",
        ),
        (
            SupportsToRequest,
            "request-supervision",
            "Regular reflective supervision",
        ),
        (
            SupportsToRequest,
            "request-protected-time",
            "Protected time for notes",
        ),
        (
            SupportsToRequest,
            "request-caseload",
            "A review of my caseload",
        ),
        (
            SupportsToRequest,
            "request-debrief",
            "A debrief after hard incidents",
        ),
        (
            SupportsToRequest,
            "request-flexible",
            "More flexible scheduling",
        ),
        (Boundaries, "boundary-notes-7pm", "No notes after 7 pm"),
        (
            Boundaries,
            "boundary-real-lunch",
            "A real lunch break away from my desk",
        ),
        (
            Boundaries,
            "boundary-phone-off",
            "Work phone off on my days off",
        ),
        (
            Boundaries,
            "boundary-leave-on-time",
            "Leaving on time at least three days a week",
        ),
        (Boundaries, "boundary-no-email-bed", "No work email in bed"),
        (Triggers, "trigger-echo", "Stories that echo my own life"),
        (
            Triggers,
            "trigger-crisis",
            "A client's crisis outside session hours",
        ),
        (Triggers, "trigger-children", "Cases involving children"),
        (
            Triggers,
            "trigger-helpless",
            "Feeling that nothing I do helps",
        ),
        (Depletes, "deplete-lunch", "Skipping lunch"),
        (Depletes, "deplete-breaks", "Working through breaks"),
        (
            Depletes,
            "deplete-rumination",
            "Replaying sessions on the way home",
        ),
        (Depletes, "deplete-extra-cases", "Saying yes to extra cases"),
        (Restores, "restore-outdoors", "Time outdoors"),
        (Restores, "restore-movement", "Moving my body"),
        (Restores, "restore-laughter", "Laughing with friends"),
        (
            Restores,
            "restore-creative",
            "Making something with my hands",
        ),
        (Restores, "restore-quiet", "Quiet time alone"),
        (Restores, "restore-sleep", "A full night's sleep"),
        (People, "people-colleague", "A colleague I trust"),
        (People, "people-supervisor", "My supervisor"),
        (People, "people-friend", "A close friend"),
        (People, "people-family", "My partner or family"),
        (
            HelpsMeSettle,
            "settle-long-exhale",
            "Slow breathing, the out-breath longer than the in-breath",
        ),
        (
            HelpsMeSettle,
            "settle-five-things",
            "Naming five things I can see",
        ),
        (
            HelpsMeSettle,
            "settle-cold-water",
            "Cold water on my hands or face",
        ),
        (HelpsMeSettle, "settle-walk", "A short walk outside"),
        (
            HelpsMeSettle,
            "settle-feet",
            "Feet flat on the floor, feeling the ground hold me",
        ),
        (
            KindWords,
            "kind-enough",
            "I did what I could today, and that is enough.",
        ),
        (
            KindWords,
            "kind-caring",
            "Feeling this means I care; it does not mean I am failing.",
        ),
        (
            KindWords,
            "kind-put-down",
            "I can put this down tonight and pick it up tomorrow.",
        ),
        (
            KindWords,
            "kind-not-alone",
            "Others who do this work feel this too. I am not alone.",
        ),
        (
            KindWords,
            "kind-rest",
            "Rest is part of doing this work well.",
        ),
        (Avoid, "avoid-email-night", "Reading work email at night"),
        (Avoid, "avoid-big-decisions", "Making big decisions today"),
        (Avoid, "avoid-alcohol", "Using alcohol to switch off"),
        (Avoid, "avoid-replay", "Replaying the session over and over"),
        (ProfessionalHelp, "help-therapist", "My own therapist"),
        (
            ProfessionalHelp,
            "help-eap",
            "The employee assistance programme",
        ),
        (ProfessionalHelp, "help-doctor", "My GP or doctor"),
        (
            ProfessionalHelp,
            "help-crisis-line",
            "A crisis line in my area",
        ),
    ]
};

const SIGNS: &[(SignArea, &str, &str)] = &[
    (
        SignArea::Physical,
        "sign-tension",
        "Headaches or a tight jaw",
    ),
    (
        SignArea::Physical,
        "sign-sleep",
        "Sleeping badly, or far more than usual",
    ),
    (
        SignArea::Physical,
        "sign-ill",
        "Catching every cold going round",
    ),
    (
        SignArea::Emotional,
        "sign-numb",
        "Feeling numb or far away from clients",
    ),
    (SignArea::Emotional, "sign-dread", "Dreading the workday"),
    (
        SignArea::Emotional,
        "sign-irritable",
        "Irritability that does not pass",
    ),
    (
        SignArea::Behavioural,
        "sign-skip-breaks",
        "Skipping breaks and meals",
    ),
    (
        SignArea::Behavioural,
        "sign-numbing",
        "More drinking or scrolling to switch off",
    ),
    (
        SignArea::Behavioural,
        "sign-avoid-tasks",
        "Putting off notes and calls",
    ),
    (
        SignArea::Relational,
        "sign-withdraw",
        "Pulling away from friends and family",
    ),
    (
        SignArea::Relational,
        "sign-snap",
        "Snapping at the people I love",
    ),
    (
        SignArea::Relational,
        "sign-cynical",
        "Cynicism about clients or colleagues",
    ),
];

/// Starter practices: id, name, domain, context, frequency, barrier, workaround, and
/// the moments they fit.
type StarterPractice = (
    &'static str,
    &'static str,
    PracticeDomain,
    PracticeContext,
    Frequency,
    &'static str,
    &'static str,
    &'static [PlanMoment],
);

const PRACTICES: &[StarterPractice] = {
    use Frequency::*;
    use PlanMoment as M;
    use PracticeContext::*;
    use PracticeDomain::*;
    &[
        (
            "slow-breathing",
            "Slow breathing between sessions",
            Emotional,
            Workday,
            AfterHardSessions,
            "No time between sessions",
            "Three slow breaths with my hand on the door handle",
            &[M::AfterSession, M::BadDay],
        ),
        (
            "grounding-senses",
            "Grounding: five things I see, four I hear",
            Emotional,
            Workday,
            AsNeeded,
            "Forgetting in the moment",
            "A small stone in my pocket as a reminder",
            &[M::AfterSession, M::BadDay],
        ),
        (
            "intentional-pause",
            "A one-minute pause before the next client",
            Emotional,
            Workday,
            TimesPerDay { times: 4 },
            "Running late",
            "Book sessions to end five minutes early",
            &[M::AfterSession],
        ),
        (
            "peer-debrief",
            "A short debrief with a colleague after a hard session",
            Professional,
            Workday,
            AfterHardSessions,
            "Everyone is busy",
            "Agree a five-minute check-in slot with one colleague",
            &[M::AfterSession],
        ),
        (
            "lunch-away",
            "Lunch away from my desk",
            Physical,
            Workday,
            Daily,
            "Notes waiting",
            "Notes wait twenty minutes; lunch goes in the calendar",
            &[],
        ),
        (
            "park-it",
            "Write unfinished work on a list before leaving",
            Professional,
            Transition,
            Daily,
            "Rushing out the door",
            "Keep the list by the door and write three lines",
            &[M::Transition],
        ),
        (
            "commute-ritual",
            "A decompression ritual on the way home",
            Emotional,
            Transition,
            Daily,
            "Taking calls on the way",
            "Phone on silent for the first ten minutes",
            &[M::Transition],
        ),
        (
            "role-switch",
            "Name who I am when I get home",
            Meaning,
            Transition,
            Daily,
            "Walking in still in work mode",
            "Say it at the front door: now I am a partner and a friend",
            &[M::Transition],
        ),
        (
            "three-good-things",
            "Three good things from today",
            Meaning,
            PersonalLife,
            Daily,
            "Too tired at night",
            "Three words each, in the notes app, before brushing teeth",
            &[M::Evening, M::Transition],
        ),
        (
            "evening-walk",
            "An evening walk",
            Physical,
            PersonalLife,
            TimesPerWeek { times: 3 },
            "Dark and cold",
            "A short loop with a podcast counts",
            &[M::Evening, M::BadDay],
        ),
        (
            "screen-free-hour",
            "A screen-free hour before bed",
            Physical,
            PersonalLife,
            TimesPerWeek { times: 4 },
            "Habit of scrolling",
            "Charge the phone outside the bedroom",
            &[M::Evening],
        ),
        (
            "friend-time",
            "Time with a friend, not about work",
            Relational,
            PersonalLife,
            TimesPerWeek { times: 1 },
            "Plans fall through",
            "A standing date, the same day every week",
            &[M::Evening, M::BadDay],
        ),
        (
            "self-compassion-pause",
            "A kind pause: this is hard, others feel it too, I can be gentle with myself",
            Emotional,
            PersonalLife,
            AsNeeded,
            "Feeling silly",
            "Say it silently, with a hand on my chest",
            &[M::BadDay, M::AfterSession, M::Evening],
        ),
        (
            "bring-to-supervision",
            "Bring a hard case to supervision",
            Professional,
            Workday,
            TimesPerWeek { times: 1 },
            "Worry about looking unable to cope",
            "Remember: using supervision is part of good practice",
            &[],
        ),
        (
            "joyful-movement",
            "Movement I enjoy: swimming, dancing, cycling",
            Physical,
            PersonalLife,
            TimesPerWeek { times: 2 },
            "No energy after work",
            "Ten minutes counts; start before I sit down",
            &[M::Evening],
        ),
        (
            "why-it-matters",
            "Recall one moment when the work mattered",
            Meaning,
            PersonalLife,
            AsNeeded,
            "Only the hard moments come to mind",
            "Keep a short list of thank-you notes to reread",
            &[M::BadDay, M::Evening],
        ),
    ]
};

fn practice_of(p: &StarterPractice) -> Practice {
    Practice {
        id: p.0.to_owned(),
        name: p.1.to_owned(),
        domain: p.2,
        context: p.3,
        status: PracticeStatus::WantToStart,
        frequency: p.4,
        barrier: Some(p.5.to_owned()),
        workaround: Some(p.6.to_owned()),
    }
}

/// Every starter suggestion, section by section.
pub(crate) fn plan_suggestions() -> Vec<PlanSuggestion> {
    let texts = TEXTS.iter().map(|(section, id, text)| PlanSuggestion {
        id: (*id).to_owned(),
        section: *section,
        text: (*text).to_owned(),
        area: None,
        practice: None,
    });
    let signs = SIGNS.iter().map(|(area, id, text)| PlanSuggestion {
        id: (*id).to_owned(),
        section: PlanSection::WarningSigns,
        text: (*text).to_owned(),
        area: Some(*area),
        practice: None,
    });
    let practices = PRACTICES.iter().map(|p| PlanSuggestion {
        id: p.0.to_owned(),
        section: PlanSection::Practices,
        text: p.1.to_owned(),
        area: None,
        practice: Some(practice_of(p)),
    });
    texts.chain(signs).chain(practices).collect()
}

/// Starter practices that fit `moment`, in order.
pub(crate) fn practices_for(moment: PlanMoment) -> impl Iterator<Item = Practice> {
    PRACTICES
        .iter()
        .filter(move |p| p.7.contains(&moment))
        .map(practice_of)
}

/// Starter texts of one section.
pub(crate) fn texts(section: PlanSection) -> Vec<String> {
    TEXTS
        .iter()
        .filter(|(s, _, _)| *s == section)
        .map(|(_, _, t)| (*t).to_owned())
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
