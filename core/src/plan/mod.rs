//! The personal self-care plan: its model, validation, revisions and comparison.
//!
//! A plan follows three practitioner worksheets: (1) values, roles and workplace
//! realities; (2) burnout, compassion fatigue and grief, with an emergency plan for bad
//! days; (3) practices for the workday, the transition home and personal life. Every
//! save is a new sealed revision; revisions can be listed and compared.

pub(crate) mod breathing;
pub(crate) mod draft;
pub(crate) mod revisions;
pub(crate) mod stored;
pub(crate) mod suggestions;
pub(crate) mod text;

use serde::{Deserialize, Serialize};

use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::plan::text as plan_text;
use crate::store::sealed;
use crate::validate::{self, MAX_LINE_CHARS};

/// Most items in one list of a plan.
pub const MAX_PLAN_ITEMS: usize = 50;
/// Most practices in a plan.
pub const MAX_PRACTICES: usize = 100;
/// Longest review note, in characters.
const MAX_NOTE_CHARS: usize = 5_000;

/// Unit enums with stable names, for storage, the text form and the CLI.
pub(crate) trait Named: Sized + Copy + PartialEq + 'static {
    /// Every value with its name.
    const NAMES: &'static [(Self, &'static str)];

    /// The stable name.
    fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(v, _)| *v == self)
            .map(|(_, n)| *n)
            .expect("every value is named")
    }

    /// The value with this name, as people write it: in any case, with spaces or
    /// underscores for hyphens ("Personal life" for `personal-life`), and American
    /// spellings ("behavioral").
    fn from_name(name: &str) -> Option<Self> {
        let wanted = name
            .trim()
            .to_lowercase()
            .replace(['_', ' '], "-")
            .replace("behavioral", "behavioural");
        Self::NAMES
            .iter()
            .find(|(_, n)| *n == wanted)
            .map(|(v, _)| *v)
    }
}

/// The life domain a practice tends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case")]
pub enum PracticeDomain {
    /// Body: movement, sleep, food, breath.
    Physical,
    /// Feelings: grounding, self-compassion, processing.
    Emotional,
    /// People: connection, support, boundaries with others.
    Relational,
    /// Purpose: meaning, values, faith, nature.
    Meaning,
    /// Work itself: supervision, workload, skills.
    Professional,
}

impl Named for PracticeDomain {
    const NAMES: &'static [(Self, &'static str)] = &[
        (PracticeDomain::Physical, "physical"),
        (PracticeDomain::Emotional, "emotional"),
        (PracticeDomain::Relational, "relational"),
        (PracticeDomain::Meaning, "meaning"),
        (PracticeDomain::Professional, "professional"),
    ];
}

/// When in the day a practice belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case")]
pub enum PracticeContext {
    /// During the workday, between sessions.
    Workday,
    /// Between work and home.
    Transition,
    /// At home, evenings, days off.
    PersonalLife,
}

impl Named for PracticeContext {
    const NAMES: &'static [(Self, &'static str)] = &[
        (PracticeContext::Workday, "workday"),
        (PracticeContext::Transition, "transition"),
        (PracticeContext::PersonalLife, "personal-life"),
    ];
}

/// Whether a practice is part of life now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case")]
pub enum PracticeStatus {
    /// Something I do now.
    Current,
    /// Something I want to start.
    WantToStart,
    /// No longer part of the plan; kept so that past records stay readable.
    Retired,
}

impl Named for PracticeStatus {
    const NAMES: &'static [(Self, &'static str)] = &[
        (PracticeStatus::Current, "current"),
        (PracticeStatus::WantToStart, "want-to-start"),
        (PracticeStatus::Retired, "retired"),
    ];
}

/// How often I aim to do a practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case", tag = "every")]
pub enum Frequency {
    /// Every day.
    Daily,
    /// Several times a day (2–12).
    TimesPerDay {
        /// How many times.
        times: u8,
    },
    /// Some days a week (1–6; seven is daily).
    TimesPerWeek {
        /// How many times.
        times: u8,
    },
    /// After each hard session.
    AfterHardSessions,
    /// Whenever it is needed; no target.
    AsNeeded,
}

impl Frequency {
    /// How the text form writes it: "daily", "3 times a week", "after hard sessions".
    pub fn describe(self) -> String {
        match self {
            Frequency::Daily => "daily".to_owned(),
            Frequency::TimesPerDay { times: 2 } => "twice a day".to_owned(),
            Frequency::TimesPerDay { times } => format!("{times} times a day"),
            Frequency::TimesPerWeek { times: 1 } => "once a week".to_owned(),
            Frequency::TimesPerWeek { times: 2 } => "twice a week".to_owned(),
            Frequency::TimesPerWeek { times } => format!("{times} times a week"),
            Frequency::AfterHardSessions => "after hard sessions".to_owned(),
            Frequency::AsNeeded => "as needed".to_owned(),
        }
    }

    /// Reads what [`Frequency::describe`] writes, and common variants ("3x a week",
    /// "every day", "3 times per week"). The count is not checked here.
    pub(crate) fn parse(text: &str) -> Option<Frequency> {
        let t = text.trim().to_lowercase().replace('×', "x");
        match t.as_str() {
            "daily" | "every day" | "each day" => return Some(Frequency::Daily),
            "after hard sessions" | "after hard session" | "after difficult sessions" => {
                return Some(Frequency::AfterHardSessions)
            }
            "as needed" | "when needed" => return Some(Frequency::AsNeeded),
            "once a week" | "weekly" => return Some(Frequency::TimesPerWeek { times: 1 }),
            "twice a week" => return Some(Frequency::TimesPerWeek { times: 2 }),
            "twice a day" => return Some(Frequency::TimesPerDay { times: 2 }),
            _ => {}
        }
        let words: Vec<&str> = t.split_whitespace().collect();
        let (count, rest) = match words.as_slice() {
            [n, "times", rest @ ..] => (n.parse::<u8>().ok()?, rest),
            [n, rest @ ..] if n.ends_with('x') => {
                (n.trim_end_matches('x').parse::<u8>().ok()?, rest)
            }
            _ => return None,
        };
        match rest {
            ["a" | "per", "week"] => Some(Frequency::TimesPerWeek { times: count }),
            ["a" | "per", "day"] => Some(Frequency::TimesPerDay { times: count }),
            _ => None,
        }
    }

    fn validate(self) -> Result<()> {
        let bad = |reason: &str| Err(RespiteError::invalid("frequency", reason).into());
        match self {
            Frequency::TimesPerDay { times } if !(2..=12).contains(&times) => {
                bad("times a day must be between 2 and 12 (once a day is daily)")
            }
            Frequency::TimesPerWeek { times } if !(1..=6).contains(&times) => {
                bad("times a week must be between 1 and 6 (seven is daily)")
            }
            _ => Ok(()),
        }
    }
}

/// A practice in the plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Practice {
    /// Stable id (`a-z`, `0-9`, `-`, `_`, `.`), referenced by check-ins and reflections.
    pub id: String,
    /// What I call it.
    pub name: String,
    /// The life domain it tends.
    pub domain: PracticeDomain,
    /// When in the day it belongs.
    pub context: PracticeContext,
    /// Current, want to start, or retired.
    pub status: PracticeStatus,
    /// How often I aim to do it.
    pub frequency: Frequency,
    /// The barrier I expect.
    #[uniffi(default)]
    pub barrier: Option<String>,
    /// My workaround for that barrier.
    #[uniffi(default)]
    pub workaround: Option<String>,
}

/// Where an early warning sign shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case")]
pub enum SignArea {
    /// In the body.
    Physical,
    /// In feelings.
    Emotional,
    /// In what I do.
    Behavioural,
    /// With other people.
    Relational,
}

impl Named for SignArea {
    const NAMES: &'static [(Self, &'static str)] = &[
        (SignArea::Physical, "physical"),
        (SignArea::Emotional, "emotional"),
        (SignArea::Behavioural, "behavioural"),
        (SignArea::Relational, "relational"),
    ];
}

/// An early warning sign of burnout, compassion fatigue or grief.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WarningSign {
    /// Where it shows.
    pub area: SignArea,
    /// What I notice.
    pub text: String,
}

/// Someone to contact on a bad day.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Contact {
    /// Who.
    pub name: String,
    /// How to reach them ("text first", a phone number, "knock on her office door").
    pub how: String,
}

/// The emergency plan for bad days.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct EmergencyPlan {
    /// What helps me settle.
    #[uniffi(default)]
    pub helps_me_settle: Vec<String>,
    /// Kind things to tell myself.
    #[uniffi(default)]
    pub kind_words: Vec<String>,
    /// What to avoid.
    #[uniffi(default)]
    pub avoid: Vec<String>,
    /// People to contact.
    #[uniffi(default)]
    pub contacts: Vec<Contact>,
    /// Professional help (a therapist, the EAP, a crisis line).
    #[uniffi(default)]
    pub professional_help: Vec<String>,
}

/// The whole plan. Every list may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct Plan {
    /// What the work means to me.
    #[uniffi(default)]
    pub values: Vec<String>,
    /// My roles, at work and outside it.
    #[uniffi(default)]
    pub roles: Vec<String>,
    /// Demands of the work.
    #[uniffi(default)]
    pub demands: Vec<String>,
    /// What stresses me at work.
    #[uniffi(default)]
    pub stressors: Vec<String>,
    /// Organisational supports that exist (supervision, peer consultation, EAP…).
    #[uniffi(default)]
    pub supports_in_place: Vec<String>,
    /// Supports I want to ask for.
    #[uniffi(default)]
    pub supports_to_request: Vec<String>,
    /// Boundaries I commit to.
    #[uniffi(default)]
    pub boundaries: Vec<String>,
    /// My early warning signs.
    #[uniffi(default)]
    pub warning_signs: Vec<WarningSign>,
    /// My triggers.
    #[uniffi(default)]
    pub triggers: Vec<String>,
    /// What depletes me.
    #[uniffi(default)]
    pub depletes: Vec<String>,
    /// What restores me.
    #[uniffi(default)]
    pub restores: Vec<String>,
    /// The people I turn to.
    #[uniffi(default)]
    pub people: Vec<String>,
    /// The emergency plan for bad days.
    #[uniffi(default)]
    pub emergency: EmergencyPlan,
    /// Practices for the workday, the transition and personal life.
    #[uniffi(default)]
    pub practices: Vec<Practice>,
    /// When I want to review the plan, `YYYY-MM-DD`.
    #[uniffi(default)]
    pub review_date: Option<String>,
    /// What I learned since the last review.
    #[uniffi(default)]
    pub review_note: Option<String>,
}

impl Plan {
    /// Checks every rule and returns the plan in stored form (items trimmed).
    pub(crate) fn validated(self) -> Result<Plan> {
        let list = |field: &str, items: Vec<String>| lines(field, items);
        let mut practices = Vec::with_capacity(self.practices.len());
        for p in self.practices {
            practices.push(p.validated()?);
        }
        if practices.len() > MAX_PRACTICES {
            return Err(RespiteError::invalid(
                "practices",
                format!("more than {MAX_PRACTICES} practices"),
            )
            .into());
        }
        for (i, p) in practices.iter().enumerate() {
            if practices[..i].iter().any(|q| q.id == p.id) {
                return Err(RespiteError::invalid(
                    "practices",
                    format!("the practice id \"{}\" is used twice", p.id),
                )
                .into());
            }
        }
        let mut warning_signs = Vec::with_capacity(self.warning_signs.len());
        for sign in self.warning_signs {
            warning_signs.push(WarningSign {
                area: sign.area,
                text: line("warning_signs", sign.text)?,
            });
        }
        check_count("warning_signs", warning_signs.len())?;
        let mut contacts = Vec::with_capacity(self.emergency.contacts.len());
        for c in self.emergency.contacts {
            let name = line("contacts", c.name)?;
            if name.contains(": ") {
                return Err(
                    RespiteError::invalid("contacts", "a name cannot contain \": \"").into(),
                );
            }
            contacts.push(Contact {
                name,
                how: line("contacts", c.how)?,
            });
        }
        check_count("contacts", contacts.len())?;
        let review_date = match self.review_date.as_deref().map(str::trim) {
            Some("") | None => None,
            Some(day) => Some(sealed::parse_day("review_date", day)?.to_string()),
        };
        let review_note = match self.review_note {
            Some(note) => {
                validate::check_text("review_note", &note, MAX_NOTE_CHARS, true)?;
                if note.lines().any(|l| l.trim_start().starts_with('#')) {
                    return Err(RespiteError::invalid(
                        "review_note",
                        "a line cannot start with '#' (it would read as a heading)",
                    )
                    .into());
                }
                let lines: Vec<&str> = note.lines().map(str::trim_end).collect();
                Some(lines.join("\n").trim().to_owned()).filter(|n| !n.is_empty())
            }
            None => None,
        };
        Ok(Plan {
            values: list("values", self.values)?,
            roles: list("roles", self.roles)?,
            demands: list("demands", self.demands)?,
            stressors: list("stressors", self.stressors)?,
            supports_in_place: list("supports_in_place", self.supports_in_place)?,
            supports_to_request: list("supports_to_request", self.supports_to_request)?,
            boundaries: list("boundaries", self.boundaries)?,
            warning_signs,
            triggers: list("triggers", self.triggers)?,
            depletes: list("depletes", self.depletes)?,
            restores: list("restores", self.restores)?,
            people: list("people", self.people)?,
            emergency: EmergencyPlan {
                helps_me_settle: list("helps_me_settle", self.emergency.helps_me_settle)?,
                kind_words: list("kind_words", self.emergency.kind_words)?,
                avoid: list("avoid", self.emergency.avoid)?,
                contacts,
                professional_help: list("professional_help", self.emergency.professional_help)?,
            },
            practices,
            review_date,
            review_note,
        })
    }

    /// The practice with `id`, if the plan has it.
    pub(crate) fn practice(&self, id: &str) -> Option<&Practice> {
        self.practices.iter().find(|p| p.id == id)
    }
}

impl Practice {
    fn validated(self) -> Result<Practice> {
        if !validate::is_practice_id(&self.id) {
            return Err(RespiteError::invalid(
                "practices",
                format!(
                    "\"{}\" is not a practice id (1 to 64 characters of a-z, 0-9, '-', '_' or '.')",
                    self.id
                ),
            )
            .into());
        }
        self.frequency.validate()?;
        let optional =
            |text: Option<String>| validate::optional_line("practices", text, MAX_LINE_CHARS);
        Ok(Practice {
            name: line("practices", self.name)?,
            barrier: optional(self.barrier)?,
            workaround: optional(self.workaround)?,
            ..self
        })
    }
}

/// One non-empty line of at most [`MAX_LINE_CHARS`], trimmed.
fn line(field: &str, text: String) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(RespiteError::invalid(field, "an item or name is empty").into());
    }
    validate::check_text(field, text, MAX_LINE_CHARS, false)?;
    Ok(text.to_owned())
}

fn lines(field: &str, items: Vec<String>) -> Result<Vec<String>> {
    let out = items
        .into_iter()
        .map(|item| line(field, item))
        .collect::<Result<Vec<_>>>()?;
    check_count(field, out.len())?;
    Ok(out)
}

fn check_count(field: &str, n: usize) -> Result<()> {
    if n > MAX_PLAN_ITEMS {
        return Err(
            RespiteError::invalid(field, format!("more than {MAX_PLAN_ITEMS} items")).into(),
        );
    }
    Ok(())
}

/// How one item of a plan differs between two revisions.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ChangeKind {
    /// Only in the newer revision.
    Added,
    /// Only in the older revision.
    Removed,
    /// In both, different.
    Changed,
}

/// One difference between two revisions of a plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlanChange {
    /// The section, by its text-form heading.
    pub section: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The item before (none when added).
    pub before: Option<String>,
    /// The item after (none when removed).
    pub after: Option<String>,
}

/// What changed from `old` to `new`, section by section, in the order of the text form.
/// Practices are matched by id and contacts by name, so an edit shows as a change.
pub(crate) fn diff(old: &Plan, new: &Plan) -> Vec<PlanChange> {
    let mut changes = Vec::new();
    for ((section, before), (_, after)) in
        plan_text::items(old).into_iter().zip(plan_text::items(new))
    {
        let change = |kind, before: Option<&String>, after: Option<&String>| PlanChange {
            section: section.clone(),
            kind,
            before: before.cloned(),
            after: after.cloned(),
        };
        for item in &after {
            match before.iter().find(|b| b.key == item.key) {
                None => changes.push(change(ChangeKind::Added, None, Some(&item.text))),
                Some(b) if b.text != item.text => {
                    changes.push(change(ChangeKind::Changed, Some(&b.text), Some(&item.text)))
                }
                Some(_) => {}
            }
        }
        for item in &before {
            if !after.iter().any(|a| a.key == item.key) {
                changes.push(change(ChangeKind::Removed, Some(&item.text), None));
            }
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_plan_seals_as_frozen() {
        // A plan with every section filled (first written from every starter
        // suggestion of its day, a contact and a review): read from the frozen JSON, so
        // that later starter wording does not move the format's fixture.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/sealed-json/plan.json"
        );
        let frozen: stored::StoredPlan =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let plan = Plan::from(frozen).validated().unwrap();
        assert!(!plan.emergency.contacts.is_empty() && plan.review_date.is_some());
        assert!(plan.practices.len() > 10 && !plan.warning_signs.is_empty());
        sealed::assert_frozen("plan", &stored::StoredPlan::from(plan));
    }

    #[test]
    fn frequencies_read_what_they_write_and_common_variants() {
        for f in [
            Frequency::Daily,
            Frequency::TimesPerDay { times: 2 },
            Frequency::TimesPerDay { times: 5 },
            Frequency::TimesPerWeek { times: 1 },
            Frequency::TimesPerWeek { times: 2 },
            Frequency::TimesPerWeek { times: 3 },
            Frequency::AfterHardSessions,
            Frequency::AsNeeded,
        ] {
            assert_eq!(Frequency::parse(&f.describe()), Some(f));
        }
        assert_eq!(
            Frequency::parse("3x a week"),
            Some(Frequency::TimesPerWeek { times: 3 })
        );
        assert_eq!(
            Frequency::parse("3× a week"),
            Some(Frequency::TimesPerWeek { times: 3 })
        );
        assert_eq!(
            Frequency::parse("4 times per week"),
            Some(Frequency::TimesPerWeek { times: 4 })
        );
        assert_eq!(Frequency::parse("Every day"), Some(Frequency::Daily));
        assert_eq!(Frequency::parse("sometimes"), None);
    }

    #[test]
    fn impossible_frequencies_are_refused() {
        for f in [
            Frequency::TimesPerWeek { times: 0 },
            Frequency::TimesPerWeek { times: 7 },
            Frequency::TimesPerWeek { times: 40 },
            Frequency::TimesPerDay { times: 1 },
            Frequency::TimesPerDay { times: 13 },
        ] {
            assert!(f.validate().is_err(), "{f:?}");
        }
    }

    #[test]
    fn names_round_trip() {
        for d in PracticeDomain::NAMES {
            assert_eq!(PracticeDomain::from_name(d.1), Some(d.0));
        }
        assert_eq!(
            PracticeContext::from_name("Personal-Life"),
            Some(PracticeContext::PersonalLife)
        );
        assert_eq!(SignArea::from_name("nope"), None);
    }
}
