//! The plan as it is sealed: types of their own, apart from the exported [`Plan`] and
//! its parts, so the exported shapes can change without changing the format (pinned
//! by `tests/fixtures/sealed-json/plan.json`). The enums are shared: their stored
//! names are fixed by their serde attributes.

use serde::{Deserialize, Serialize};

use super::{
    Contact, EmergencyPlan, Frequency, Plan, Practice, PracticeContext, PracticeDomain,
    PracticeStatus, SignArea, WarningSign,
};

/// A sealed plan revision's payload.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct StoredPlan {
    values: Vec<String>,
    roles: Vec<String>,
    demands: Vec<String>,
    stressors: Vec<String>,
    supports_in_place: Vec<String>,
    supports_to_request: Vec<String>,
    boundaries: Vec<String>,
    warning_signs: Vec<StoredSign>,
    triggers: Vec<String>,
    depletes: Vec<String>,
    restores: Vec<String>,
    people: Vec<String>,
    emergency: StoredEmergency,
    practices: Vec<StoredPractice>,
    review_date: Option<String>,
    review_note: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredSign {
    area: SignArea,
    text: String,
}

#[derive(Serialize, Deserialize)]
struct StoredContact {
    name: String,
    how: String,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct StoredEmergency {
    helps_me_settle: Vec<String>,
    kind_words: Vec<String>,
    avoid: Vec<String>,
    contacts: Vec<StoredContact>,
    professional_help: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredPractice {
    id: String,
    name: String,
    domain: PracticeDomain,
    context: PracticeContext,
    status: PracticeStatus,
    frequency: Frequency,
    #[serde(default)]
    barrier: Option<String>,
    #[serde(default)]
    workaround: Option<String>,
}

impl From<Plan> for StoredPlan {
    fn from(p: Plan) -> Self {
        StoredPlan {
            values: p.values,
            roles: p.roles,
            demands: p.demands,
            stressors: p.stressors,
            supports_in_place: p.supports_in_place,
            supports_to_request: p.supports_to_request,
            boundaries: p.boundaries,
            warning_signs: p
                .warning_signs
                .into_iter()
                .map(|s| StoredSign {
                    area: s.area,
                    text: s.text,
                })
                .collect(),
            triggers: p.triggers,
            depletes: p.depletes,
            restores: p.restores,
            people: p.people,
            emergency: StoredEmergency {
                helps_me_settle: p.emergency.helps_me_settle,
                kind_words: p.emergency.kind_words,
                avoid: p.emergency.avoid,
                contacts: p
                    .emergency
                    .contacts
                    .into_iter()
                    .map(|c| StoredContact {
                        name: c.name,
                        how: c.how,
                    })
                    .collect(),
                professional_help: p.emergency.professional_help,
            },
            practices: p
                .practices
                .into_iter()
                .map(|p| StoredPractice {
                    id: p.id,
                    name: p.name,
                    domain: p.domain,
                    context: p.context,
                    status: p.status,
                    frequency: p.frequency,
                    barrier: p.barrier,
                    workaround: p.workaround,
                })
                .collect(),
            review_date: p.review_date,
            review_note: p.review_note,
        }
    }
}

impl From<StoredPlan> for Plan {
    fn from(s: StoredPlan) -> Self {
        Plan {
            values: s.values,
            roles: s.roles,
            demands: s.demands,
            stressors: s.stressors,
            supports_in_place: s.supports_in_place,
            supports_to_request: s.supports_to_request,
            boundaries: s.boundaries,
            warning_signs: s
                .warning_signs
                .into_iter()
                .map(|s| WarningSign {
                    area: s.area,
                    text: s.text,
                })
                .collect(),
            triggers: s.triggers,
            depletes: s.depletes,
            restores: s.restores,
            people: s.people,
            emergency: EmergencyPlan {
                helps_me_settle: s.emergency.helps_me_settle,
                kind_words: s.emergency.kind_words,
                avoid: s.emergency.avoid,
                contacts: s
                    .emergency
                    .contacts
                    .into_iter()
                    .map(|c| Contact {
                        name: c.name,
                        how: c.how,
                    })
                    .collect(),
                professional_help: s.emergency.professional_help,
            },
            practices: s
                .practices
                .into_iter()
                .map(|p| Practice {
                    id: p.id,
                    name: p.name,
                    domain: p.domain,
                    context: p.context,
                    status: p.status,
                    frequency: p.frequency,
                    barrier: p.barrier,
                    workaround: p.workaround,
                })
                .collect(),
            review_date: s.review_date,
            review_note: s.review_note,
        }
    }
}
