//! The plan as readable text (the form `respite plan show` prints and `plan edit`
//! reads back) and as printable Markdown.
//!
//! The text form is Markdown-like: a heading per section, one `- item` a line, and a
//! block of `key: value` lines per practice. Reading what was printed gives back the
//! same plan; empty sections are printed with their heading and an example, so there
//! is a place to write and a model for it. Lines starting with `>` are examples and
//! notes, never read. Reading is forgiving where it can be — headings and names in
//! any case, "personal life" for `personal-life`, a missing practice id made from its
//! name — and reports every problem at once, each with its line.

use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::plan::suggestions::{self, PlanMoment, PlanSection};
use crate::plan::{
    Contact, Frequency, Named, Plan, Practice, PracticeContext, PracticeDomain, PracticeStatus,
    SignArea, WarningSign,
};

const TITLE: &str = "# My self-care plan";
const REVIEW_DATE: &str = "Review date:";
const NOTE_HEADING: &str = "## What I learned since the last review";
const PRACTICE_PREFIX: &str = "### Practice: ";
/// The start of a line that is an example or a note, not part of the plan.
const COMMENT: char = '>';
/// What the text form says about its comment lines, at the top.
const COMMENT_NOTE: &str = "> Lines starting with > are examples and notes; Respite skips them. To use an\n> example, copy it without the >. Leave any section empty if it does not fit you.";

/// A plain list section: its heading, its starter suggestions and where its items live.
struct ListSection {
    heading: &'static str,
    starters: PlanSection,
    get: fn(&Plan) -> &Vec<String>,
    get_mut: fn(&mut Plan) -> &mut Vec<String>,
}

/// What a `###` heading holds.
enum Section {
    List(ListSection),
    WarningSigns,
    Contacts,
}

impl Section {
    fn heading(&self) -> &'static str {
        match self {
            Section::List(l) => l.heading,
            Section::WarningSigns => "Early warning signs",
            Section::Contacts => "Emergency plan: people to contact",
        }
    }
}

macro_rules! list {
    ($heading:literal, $starters:ident, $($field:ident).+) => {
        Section::List(ListSection {
            heading: $heading,
            starters: PlanSection::$starters,
            get: |p| &p.$($field).+,
            get_mut: |p| &mut p.$($field).+,
        })
    };
}

/// The three parts and their sections, in print order.
fn parts() -> [(&'static str, Vec<Section>); 3] {
    [
        (
            "## 1. Values, roles and workplace realities",
            vec![
                list!("What the work means to me", Values, values),
                list!("My roles, at work and outside it", Roles, roles),
                list!("Demands of the work", Demands, demands),
                list!("Stressors", Stressors, stressors),
                list!("Supports I have", SupportsInPlace, supports_in_place),
                list!(
                    "Supports I want to ask for",
                    SupportsToRequest,
                    supports_to_request
                ),
                list!("Boundaries I commit to", Boundaries, boundaries),
            ],
        ),
        (
            "## 2. Burnout, compassion fatigue and grief",
            vec![
                Section::WarningSigns,
                list!("Triggers", Triggers, triggers),
                list!("What depletes me", Depletes, depletes),
                list!("What restores me", Restores, restores),
                list!("People I turn to", People, people),
                list!(
                    "Emergency plan: what helps me settle",
                    HelpsMeSettle,
                    emergency.helps_me_settle
                ),
                list!(
                    "Emergency plan: kind things to tell myself",
                    KindWords,
                    emergency.kind_words
                ),
                list!("Emergency plan: what to avoid", Avoid, emergency.avoid),
                Section::Contacts,
                list!(
                    "Emergency plan: professional help",
                    ProfessionalHelp,
                    emergency.professional_help
                ),
            ],
        ),
        ("## 3. Workday, transition time and personal life", vec![]),
    ]
}

/// An example line for an empty section, as a comment.
fn example(section: &Section) -> String {
    let item = match section {
        Section::List(l) => suggestions::texts(l.starters).into_iter().next(),
        Section::WarningSigns => Some("emotional: Dreading the workday".to_owned()),
        Section::Contacts => Some("Sam: text first, evenings".to_owned()),
    };
    item.map_or_else(String::new, |i| format!("{COMMENT} for example: - {i}\n"))
}

/// A practice as an example, as comments: for a plan with none yet.
fn example_practice() -> String {
    let practice = suggestions::practices_for(PlanMoment::AfterSession)
        .next()
        .map(|p| {
            let mut text = format!("{COMMENT} {PRACTICE_PREFIX}{}\n", p.name);
            for (key, value) in practice_lines(&p).into_iter().skip(1) {
                text.push_str(&format!("{COMMENT} {key}: {value}\n"));
            }
            text
        })
        .unwrap_or_default();
    format!(
        "\n{COMMENT} Practices: one block each, like this one (the id is made from the name when\n{COMMENT} left out; domain: physical, emotional, relational, meaning or professional;\n{COMMENT} context: workday, transition or personal life; status: current, want to start\n{COMMENT} or retired; frequency: daily, N times a day, N times a week, after hard\n{COMMENT} sessions or as needed).\n{practice}"
    )
}

/// The items of a section as text, for printing and comparing.
fn section_items(plan: &Plan, section: &Section) -> Vec<Item> {
    match section {
        Section::List(l) => (l.get)(plan).iter().map(|t| Item::plain(t)).collect(),
        Section::WarningSigns => plan
            .warning_signs
            .iter()
            .map(|s| Item::plain(&format!("{}: {}", s.area.name(), s.text)))
            .collect(),
        Section::Contacts => plan
            .emergency
            .contacts
            .iter()
            .map(|c| Item {
                key: c.name.clone(),
                text: format!("{}: {}", c.name, c.how),
            })
            .collect(),
    }
}

/// One item of a plan: a key to match it across revisions, and its text.
pub(crate) struct Item {
    pub(crate) key: String,
    pub(crate) text: String,
}

impl Item {
    fn plain(text: &str) -> Item {
        Item {
            key: text.to_owned(),
            text: text.to_owned(),
        }
    }
}

fn practice_lines(p: &Practice) -> Vec<(&'static str, String)> {
    let mut lines = vec![
        ("id", p.id.clone()),
        ("domain", p.domain.name().to_owned()),
        ("context", p.context.name().to_owned()),
        ("status", p.status.name().to_owned()),
        ("frequency", p.frequency.describe()),
    ];
    if let Some(b) = &p.barrier {
        lines.push(("barrier", b.clone()));
    }
    if let Some(w) = &p.workaround {
        lines.push(("workaround", w.clone()));
    }
    lines
}

/// Every section's items, with its heading, in print order (for comparing revisions).
pub(crate) fn items(plan: &Plan) -> Vec<(String, Vec<Item>)> {
    let mut out = vec![
        (
            "Review date".to_owned(),
            plan.review_date.iter().map(|d| Item::plain(d)).collect(),
        ),
        (
            "What I learned since the last review".to_owned(),
            plan.review_note.iter().map(|n| Item::plain(n)).collect(),
        ),
    ];
    for (_, sections) in parts() {
        for section in sections {
            out.push((section.heading().to_owned(), section_items(plan, &section)));
        }
    }
    let practices = plan
        .practices
        .iter()
        .map(|p| {
            let details: Vec<String> = practice_lines(p)
                .into_iter()
                .skip(1)
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            Item {
                key: p.id.clone(),
                text: format!("{} ({}): {}", p.name, p.id, details.join(", ")),
            }
        })
        .collect();
    out.push(("Practices".to_owned(), practices));
    out
}

/// The plan in its text form.
pub(crate) fn plan_to_text(plan: Plan) -> String {
    let plan = &plan;
    let mut out = String::new();
    out.push_str(TITLE);
    out.push_str("\n\n");
    out.push_str(COMMENT_NOTE);
    out.push_str("\n\n");
    out.push_str(REVIEW_DATE);
    if let Some(date) = &plan.review_date {
        out.push(' ');
        out.push_str(date);
    }
    out.push_str("\n\n");
    out.push_str(NOTE_HEADING);
    out.push('\n');
    if let Some(note) = &plan.review_note {
        out.push_str(note);
        out.push('\n');
    }
    for (part, sections) in parts() {
        out.push('\n');
        out.push_str(part);
        out.push('\n');
        for section in &sections {
            out.push_str(&format!("\n### {}\n", section.heading()));
            let items = section_items(plan, section);
            if items.is_empty() {
                out.push_str(&example(section));
            }
            for item in items {
                out.push_str(&format!("- {}\n", item.text));
            }
        }
    }
    if plan.practices.is_empty() {
        out.push_str(&example_practice());
    }
    for p in &plan.practices {
        out.push_str(&format!("\n{PRACTICE_PREFIX}{}\n", p.name));
        for (key, value) in practice_lines(p) {
            out.push_str(&format!("{key}: {value}\n"));
        }
    }
    out
}

/// Reads the text form back. Every problem is reported at once, each with its line;
/// nothing in the text is lost, since the caller still holds it.
pub(crate) fn plan_from_text(text: String) -> Result<Plan> {
    Parser::default().parse(&text)?.validated()
}

/// Where the parser is.
#[derive(Default)]
enum State {
    #[default]
    Top,
    Note,
    Section(usize, usize),
    Part,
    Practice,
}

/// A practice block being read: its heading's line number, name, and `key: value` lines.
struct PracticeBlock {
    line: usize,
    name: String,
    fields: Vec<(String, String)>,
}

#[derive(Default)]
struct Parser {
    plan: Plan,
    state: State,
    note: Vec<String>,
    practice: Option<PracticeBlock>,
    /// Every problem found, with its line: reported together at the end.
    problems: Vec<String>,
}

/// A heading as compared: lower case, trimmed, without a closing colon.
fn heading_key(heading: &str) -> String {
    heading.trim().trim_end_matches(':').trim().to_lowercase()
}

/// An id made from a practice's name ("Walk at lunch" → `walk-at-lunch`), unique
/// among `taken`.
fn id_from_name(name: &str, taken: &[Practice]) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut base = String::new();
    for word in words {
        if base.len() + word.len() + 1 > 40 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(&word);
    }
    if base.is_empty() {
        base.push_str("practice");
    }
    let free = |id: &str| taken.iter().all(|p| p.id != id);
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| free(id))
        .unwrap_or(base)
}

impl Parser {
    fn fail(&mut self, line: usize, reason: impl Into<String>) {
        self.problems
            .push(format!("line {line}: {}", reason.into()));
    }

    fn parse(mut self, text: &str) -> Result<Plan> {
        let parts = parts();
        for (index, raw) in text.lines().enumerate() {
            let n = index + 1;
            let line = raw.trim_end();
            if line.trim_start().starts_with(COMMENT) {
                continue;
            }
            if let Some(heading) = line.strip_prefix("## ") {
                self.finish_practice();
                let key = heading_key(heading);
                if key == heading_key(&NOTE_HEADING[3..]) {
                    self.state = State::Note;
                } else if parts.iter().any(|(p, _)| heading_key(&p[3..]) == key) {
                    self.state = State::Part;
                } else {
                    self.fail(n, "not a heading of the plan's text form");
                }
                continue;
            }
            let practice_heading = line
                .get(..PRACTICE_PREFIX.len())
                .filter(|head| head.eq_ignore_ascii_case(PRACTICE_PREFIX));
            if practice_heading.is_some() {
                self.finish_practice();
                self.practice = Some(PracticeBlock {
                    line: n,
                    name: line[PRACTICE_PREFIX.len()..].trim().to_owned(),
                    fields: Vec::new(),
                });
                self.state = State::Practice;
                continue;
            }
            if let Some(heading) = line.strip_prefix("### ") {
                self.finish_practice();
                let key = heading_key(heading);
                let found = parts.iter().enumerate().find_map(|(pi, (_, sections))| {
                    sections
                        .iter()
                        .position(|s| heading_key(s.heading()) == key)
                        .map(|si| (pi, si))
                });
                match found {
                    Some((pi, si)) => self.state = State::Section(pi, si),
                    None => self.fail(n, "not a section of the plan's text form"),
                }
                continue;
            }
            if line == TITLE {
                continue;
            }
            match &self.state {
                State::Note => self.note.push(line.to_owned()),
                _ if line.trim().is_empty() => {}
                State::Top => match line.strip_prefix(REVIEW_DATE) {
                    Some(date) => {
                        let date = date.trim();
                        self.plan.review_date = (!date.is_empty()).then(|| date.to_owned());
                    }
                    None => self.fail(n, "expected a heading or \"Review date:\""),
                },
                State::Part => self.fail(n, "expected a ### section heading"),
                State::Section(pi, si) => {
                    let (pi, si) = (*pi, *si);
                    match line.trim_start().strip_prefix('-') {
                        Some(item) => self.add_item(n, &parts[pi].1[si], item.trim()),
                        None => self.fail(n, "expected an item starting with \"- \""),
                    }
                }
                State::Practice => match line.split_once(':') {
                    Some((key, value)) => {
                        if let Some(block) = self.practice.as_mut() {
                            block
                                .fields
                                .push((key.trim().to_lowercase(), value.trim().to_owned()));
                        }
                    }
                    None => self.fail(
                        n,
                        "expected \"key: value\" (id, domain, context, status, frequency, barrier, workaround)",
                    ),
                },
            }
        }
        self.finish_practice();
        if !self.problems.is_empty() {
            return Err(RespiteError::invalid("plan", self.problems.join("; ")).into());
        }
        let note = self.note.join("\n");
        let note = note.trim();
        self.plan.review_note = (!note.is_empty()).then(|| note.to_owned());
        Ok(self.plan)
    }

    fn add_item(&mut self, n: usize, section: &Section, item: &str) {
        if item.is_empty() {
            return;
        }
        match section {
            Section::List(l) => (l.get_mut)(&mut self.plan).push(item.to_owned()),
            Section::WarningSigns => {
                let Some((area, text)) = item.split_once(':') else {
                    return self.fail(n, "expected \"area: sign\", the area one of physical, emotional, behavioural, relational");
                };
                let Some(area) = SignArea::from_name(area) else {
                    return self.fail(
                        n,
                        "the area is not physical, emotional, behavioural or relational",
                    );
                };
                self.plan.warning_signs.push(WarningSign {
                    area,
                    text: text.trim().to_owned(),
                });
            }
            Section::Contacts => {
                let Some((name, how)) = item.split_once(':') else {
                    return self.fail(n, "expected \"name: how to reach them\"");
                };
                self.plan.emergency.contacts.push(Contact {
                    name: name.trim().to_owned(),
                    how: how.trim().to_owned(),
                });
            }
        }
    }

    fn finish_practice(&mut self) {
        let Some(PracticeBlock {
            line: n,
            name,
            mut fields,
        }) = self.practice.take()
        else {
            return;
        };
        let mut get = |key: &str| -> Option<String> {
            let i = fields.iter().position(|(k, _)| k == key)?;
            Some(fields.remove(i).1).filter(|v| !v.is_empty())
        };
        let (id, domain, context, status, frequency, barrier, workaround) = (
            get("id"),
            get("domain"),
            get("context"),
            get("status"),
            get("frequency"),
            get("barrier"),
            get("workaround"),
        );
        let mut problems = Vec::new();
        let mut named = |key: &str, text: Option<String>, choices: &str| {
            if text.is_none() {
                problems.push(format!("the practice needs a \"{key}:\" line ({choices})"));
            } else {
                problems.push(format!("the practice's {key} is not one of: {choices}"));
            }
        };
        let domain_value = domain.as_deref().and_then(PracticeDomain::from_name);
        if domain_value.is_none() {
            named(
                "domain",
                domain,
                "physical, emotional, relational, meaning, professional",
            );
        }
        let context_value = context.as_deref().and_then(PracticeContext::from_name);
        if context_value.is_none() {
            named("context", context, "workday, transition, personal life");
        }
        // A practice being written down is current unless it says otherwise.
        let status_value = match status.as_deref() {
            None => Some(PracticeStatus::Current),
            Some(s) => PracticeStatus::from_name(s),
        };
        if status_value.is_none() {
            named("status", status, "current, want to start, retired");
        }
        let frequency_value = match frequency.as_deref() {
            None => Some(Frequency::AsNeeded),
            Some(f) => Frequency::parse(f),
        };
        if frequency_value.is_none() {
            named(
                "frequency",
                frequency,
                "daily, N times a day, N times a week, after hard sessions, as needed",
            );
        }
        if !fields.is_empty() {
            problems.push("the practice has an unknown or repeated line".to_owned());
        }
        if name.is_empty() {
            problems.push("the practice needs a name after \"### Practice:\"".to_owned());
        }
        for problem in problems {
            self.fail(n, problem);
        }
        let (Some(domain), Some(context), Some(status), Some(frequency)) =
            (domain_value, context_value, status_value, frequency_value)
        else {
            return;
        };
        let id = id.unwrap_or_else(|| id_from_name(&name, &self.plan.practices));
        self.plan.practices.push(Practice {
            id,
            name,
            domain,
            context,
            status,
            frequency,
            barrier,
            workaround,
        });
    }
}

/// `text` with Markdown's special characters escaped, to print as written.
pub(crate) fn markdown_escape(text: &str) -> String {
    text.chars().fold(String::new(), |mut out, c| {
        if "\\`*_[]<>#|".contains(c) {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

/// The plan as printable Markdown.
pub(crate) fn plan_to_markdown(plan: Plan) -> String {
    let plan = &plan;
    let esc = markdown_escape;
    let mut out = String::from("# My self-care plan\n\n");
    if let Some(date) = &plan.review_date {
        out.push_str(&format!("*Next review: {date}*\n\n"));
    }
    if let Some(note) = &plan.review_note {
        out.push_str("## What I learned since the last review\n\n");
        for line in note.lines() {
            out.push_str(&format!("{}  \n", esc(line)));
        }
        out.push('\n');
    }
    for (part, sections) in parts() {
        out.push_str(&format!("{part}\n\n"));
        for section in &sections {
            let items = section_items(plan, section);
            if items.is_empty() {
                continue;
            }
            out.push_str(&format!("### {}\n\n", section.heading()));
            for item in items {
                out.push_str(&format!("- {}\n", esc(&item.text)));
            }
            out.push('\n');
        }
    }
    for status in [
        PracticeStatus::Current,
        PracticeStatus::WantToStart,
        PracticeStatus::Retired,
    ] {
        let practices: Vec<&Practice> = plan
            .practices
            .iter()
            .filter(|p| p.status == status)
            .collect();
        if practices.is_empty() {
            continue;
        }
        let title = match status {
            PracticeStatus::Current => "Practices I keep",
            PracticeStatus::WantToStart => "Practices I want to start",
            PracticeStatus::Retired => "Practices I have retired",
        };
        out.push_str(&format!("### {title}\n\n"));
        for p in practices {
            out.push_str(&format!(
                "- **{}** — {}, {}, {}",
                esc(&p.name),
                p.domain.name(),
                p.context.name().replace('-', " "),
                p.frequency.describe()
            ));
            if let Some(b) = &p.barrier {
                out.push_str(&format!(". Barrier: {}", esc(b)));
            }
            if let Some(w) = &p.workaround {
                out.push_str(&format!(". Workaround: {}", esc(w)));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out.trim_end().to_owned() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::EmergencyPlan;

    fn sample() -> Plan {
        Plan {
            values: vec!["Being steady company for people on their worst days".into()],
            roles: vec!["Therapist".into(), "Parent".into()],
            demands: vec!["Eight sessions a day".into()],
            stressors: vec!["Notes piling up".into()],
            supports_in_place: vec!["Reflective supervision every other week".into()],
            supports_to_request: vec!["Protected time for notes".into()],
            boundaries: vec!["No notes after 7 pm".into()],
            warning_signs: vec![WarningSign {
                area: SignArea::Relational,
                text: "Snapping at home".into(),
            }],
            triggers: vec!["Child-loss stories".into()],
            depletes: vec!["Skipping lunch".into()],
            restores: vec!["Swimming".into()],
            people: vec!["Sam".into()],
            emergency: EmergencyPlan {
                helps_me_settle: vec!["Cold water on my wrists".into()],
                kind_words: vec!["I did enough today.".into()],
                avoid: vec!["Doom-scrolling".into()],
                contacts: vec![Contact {
                    name: "Sam".into(),
                    how: "text: on my way?".into(),
                }],
                professional_help: vec!["EAP line".into()],
            },
            practices: vec![Practice {
                id: "box-breathing".into(),
                name: "Box breathing".into(),
                domain: PracticeDomain::Emotional,
                context: PracticeContext::Workday,
                status: PracticeStatus::Current,
                frequency: Frequency::AfterHardSessions,
                barrier: Some("Back-to-back sessions".into()),
                workaround: Some("Two breaths at the door".into()),
            }],
            review_date: Some("2026-06-01".into()),
            review_note: Some("Walking works better than the gym.\n\nSupervision helps.".into()),
        }
    }

    #[test]
    fn parse_after_print_is_identity() {
        for plan in [Plan::default(), sample()] {
            let text = plan_to_text(plan.clone());
            assert_eq!(plan_from_text(text.clone()).unwrap(), plan, "{text}");
            assert_eq!(plan_to_text(plan_from_text(text.clone()).unwrap()), text);
        }
    }

    #[test]
    fn errors_name_the_line_and_never_quote_the_text() {
        let text = plan_to_text(sample()).replace("domain: emotional", "domain: Dana Whitfield");
        match plan_from_text(text).map_err(RespiteError::from) {
            Err(RespiteError::InvalidInput { field, reason }) => {
                assert_eq!(field, "plan");
                assert!(
                    reason.starts_with("line ") && reason.contains("domain"),
                    "{reason}"
                );
                assert!(!reason.contains("Dana"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        for bad in ["### Dana's section\n", "## Dana\n"] {
            let reason = RespiteError::from(plan_from_text(bad.into()).unwrap_err()).to_string();
            assert!(
                reason.contains("line 1") && !reason.contains("Dana"),
                "{reason}"
            );
        }
        assert!(plan_from_text("### Nonsense\n".into()).is_err());
        assert!(plan_from_text(
            "## 1. Values, roles and workplace realities\n### Stressors\nno dash\n".into()
        )
        .is_err());
    }

    #[test]
    fn the_empty_plan_shows_examples_that_are_never_read() {
        let text = plan_to_text(Plan::default());
        assert!(text.contains("> for example: - "), "{text}");
        assert!(text.contains("> ### Practice: "), "{text}");
        // Every section has an example, and reading it back gives the empty plan.
        let sections: usize = parts().iter().map(|(_, s)| s.len()).sum();
        assert_eq!(text.matches("> for example: - ").count(), sections);
        assert_eq!(plan_from_text(text.clone()).unwrap(), Plan::default());
        // Taking an example is removing its ">".
        let taken = text.replacen("> for example: - ", "- ", 1);
        assert_eq!(plan_from_text(taken).unwrap().values.len(), 1);
    }

    #[test]
    fn a_first_plan_saves_in_one_pass_with_natural_spellings() {
        let text = "\
## 1. values, roles and workplace realities
### what the work means to me:
- Being there when it matters
### Practice: Walk at lunch
domain: Physical
context: personal life
### Practice: Walk at lunch
domain: physical
context: Workday
status: want to start
frequency: 2 times a week
## 2. Burnout, compassion fatigue and grief
### Early warning signs
- behavioral: Snapping at home
";
        let plan = plan_from_text(text.into()).unwrap();
        assert_eq!(plan.values, vec!["Being there when it matters"]);
        let ids: Vec<&str> = plan.practices.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            ["walk-at-lunch", "walk-at-lunch-2"],
            "ids made from the names"
        );
        assert_eq!(plan.practices[0].context, PracticeContext::PersonalLife);
        assert_eq!(plan.practices[0].status, PracticeStatus::Current);
        assert_eq!(plan.practices[0].frequency, Frequency::AsNeeded);
        assert_eq!(plan.practices[1].status, PracticeStatus::WantToStart);
        assert_eq!(plan.warning_signs[0].area, SignArea::Behavioural);
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_line() {
        let text = "\
## 1. Values, roles and workplace realities
### Stressors
no dash here
### Practice: Walk
domain: somewhere
### Made-up section
";
        let reason = match plan_from_text(text.into()).map_err(RespiteError::from) {
            Err(RespiteError::InvalidInput { reason, .. }) => reason,
            other => panic!("{other:?}"),
        };
        for wanted in [
            "line 3: expected an item",
            "line 4: the practice's domain is not one of",
            "line 4: the practice needs a \"context:\" line",
            "line 6: not a section",
        ] {
            assert!(reason.contains(wanted), "{wanted} in {reason}");
        }
    }

    #[test]
    fn markdown_escapes_and_lists_practices_by_status() {
        let mut plan = sample();
        plan.values = vec!["Care | *honesty*".into()];
        let md = plan_to_markdown(plan);
        assert!(md.contains("Care \\| \\*honesty\\*"));
        assert!(md.contains("### Practices I keep"));
        assert!(md.contains("**Box breathing**"));
    }
}
