//! The plan as readable text (the form `respite plan show` prints and `plan edit`
//! reads back) and as printable Markdown.
//!
//! The text form is Markdown-like: a heading per section, one `- item` a line, and a
//! block of `key: value` lines per practice. Reading what was printed gives back the
//! same plan; empty sections are printed with their heading so there is a place to
//! write.

use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::plan::{
    Contact, Frequency, Named, Plan, Practice, PracticeContext, PracticeDomain, PracticeStatus,
    SignArea, WarningSign,
};

const TITLE: &str = "# My self-care plan";
const REVIEW_DATE: &str = "Review date:";
const NOTE_HEADING: &str = "## What I learned since the last review";
const PRACTICE_PREFIX: &str = "### Practice: ";

/// A plain list section: its heading and where its items live.
struct ListSection {
    heading: &'static str,
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
    ($heading:literal, $($field:ident).+) => {
        Section::List(ListSection {
            heading: $heading,
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
                list!("What the work means to me", values),
                list!("My roles, at work and outside it", roles),
                list!("Demands of the work", demands),
                list!("Stressors", stressors),
                list!("Supports I have", supports_in_place),
                list!("Supports I want to ask for", supports_to_request),
                list!("Boundaries I commit to", boundaries),
            ],
        ),
        (
            "## 2. Burnout, compassion fatigue and grief",
            vec![
                Section::WarningSigns,
                list!("Triggers", triggers),
                list!("What depletes me", depletes),
                list!("What restores me", restores),
                list!("People I turn to", people),
                list!(
                    "Emergency plan: what helps me settle",
                    emergency.helps_me_settle
                ),
                list!(
                    "Emergency plan: kind things to tell myself",
                    emergency.kind_words
                ),
                list!("Emergency plan: what to avoid", emergency.avoid),
                Section::Contacts,
                list!(
                    "Emergency plan: professional help",
                    emergency.professional_help
                ),
            ],
        ),
        ("## 3. Workday, transition time and personal life", vec![]),
    ]
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
            for item in section_items(plan, section) {
                out.push_str(&format!("- {}\n", item.text));
            }
        }
    }
    for p in &plan.practices {
        out.push_str(&format!("\n{PRACTICE_PREFIX}{}\n", p.name));
        for (key, value) in practice_lines(p) {
            out.push_str(&format!("{key}: {value}\n"));
        }
    }
    out
}

/// Reads the text form back. Errors name the line and what is wrong; nothing in
/// the text is lost, since the caller still holds it.
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
}

fn error(line: usize, reason: impl Into<String>) -> RespiteError {
    RespiteError::invalid("plan", format!("line {line}: {}", reason.into()))
}

impl Parser {
    fn parse(mut self, text: &str) -> Result<Plan> {
        let parts = parts();
        for (index, raw) in text.lines().enumerate() {
            let n = index + 1;
            let line = raw.trim_end();
            if let Some(heading) = line.strip_prefix("## ") {
                self.finish_practice()?;
                let heading = format!("## {heading}");
                if heading == NOTE_HEADING {
                    self.state = State::Note;
                } else if parts.iter().any(|(p, _)| *p == heading) {
                    self.state = State::Part;
                } else {
                    return Err(error(n, "not a heading of the plan's text form").into());
                }
                continue;
            }
            if let Some(name) = line.strip_prefix(PRACTICE_PREFIX) {
                self.finish_practice()?;
                self.practice = Some(PracticeBlock {
                    line: n,
                    name: name.trim().to_owned(),
                    fields: Vec::new(),
                });
                self.state = State::Practice;
                continue;
            }
            if let Some(heading) = line.strip_prefix("### ") {
                self.finish_practice()?;
                let found = parts.iter().enumerate().find_map(|(pi, (_, sections))| {
                    sections
                        .iter()
                        .position(|s| s.heading() == heading.trim())
                        .map(|si| (pi, si))
                });
                match found {
                    Some((pi, si)) => self.state = State::Section(pi, si),
                    None => return Err(error(n, "not a section of the plan's text form").into()),
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
                    None => return Err(error(n, "expected a heading or \"Review date:\"").into()),
                },
                State::Part => return Err(error(n, "expected a ### section heading").into()),
                State::Section(pi, si) => {
                    let item = line
                        .trim_start()
                        .strip_prefix("- ")
                        .ok_or_else(|| error(n, "expected an item starting with \"- \""))?;
                    self.add_item(n, &parts[*pi].1[*si], item.trim())?;
                }
                State::Practice => {
                    let (key, value) = line
                        .split_once(':')
                        .ok_or_else(|| error(n, "expected \"key: value\" (id, domain, context, status, frequency, barrier, workaround)"))?;
                    if let Some(block) = self.practice.as_mut() {
                        block
                            .fields
                            .push((key.trim().to_lowercase(), value.trim().to_owned()));
                    }
                }
            }
        }
        self.finish_practice()?;
        let note = self.note.join("\n");
        let note = note.trim();
        self.plan.review_note = (!note.is_empty()).then(|| note.to_owned());
        Ok(self.plan)
    }

    fn add_item(&mut self, n: usize, section: &Section, item: &str) -> Result<()> {
        match section {
            Section::List(l) => (l.get_mut)(&mut self.plan).push(item.to_owned()),
            Section::WarningSigns => {
                let (area, text) = item
                    .split_once(':')
                    .ok_or_else(|| error(n, "expected \"area: sign\", the area one of physical, emotional, behavioural, relational"))?;
                let area = SignArea::from_name(area).ok_or_else(|| {
                    error(
                        n,
                        "the area is not physical, emotional, behavioural or relational",
                    )
                })?;
                self.plan.warning_signs.push(WarningSign {
                    area,
                    text: text.trim().to_owned(),
                });
            }
            Section::Contacts => {
                let (name, how) = item
                    .split_once(": ")
                    .ok_or_else(|| error(n, "expected \"name: how to reach them\""))?;
                self.plan.emergency.contacts.push(Contact {
                    name: name.trim().to_owned(),
                    how: how.trim().to_owned(),
                });
            }
        }
        Ok(())
    }

    fn finish_practice(&mut self) -> Result<()> {
        let Some(PracticeBlock {
            line: n,
            name,
            mut fields,
        }) = self.practice.take()
        else {
            return Ok(());
        };
        let mut get = |key: &str| -> Option<String> {
            let i = fields.iter().position(|(k, _)| k == key)?;
            Some(fields.remove(i).1)
        };
        let required = |value: Option<String>, key: &str| {
            value.ok_or_else(|| error(n, format!("the practice needs a \"{key}:\" line")))
        };
        let named = |key: &str, choices: &str| {
            error(n, format!("the practice's {key} is not one of: {choices}"))
        };
        let id = required(get("id"), "id")?;
        let domain_text = required(get("domain"), "domain")?;
        let domain = PracticeDomain::from_name(&domain_text).ok_or_else(|| {
            named(
                "domain",
                "physical, emotional, relational, meaning, professional",
            )
        })?;
        let context_text = required(get("context"), "context")?;
        let context = PracticeContext::from_name(&context_text)
            .ok_or_else(|| named("context", "workday, transition, personal-life"))?;
        let status_text = required(get("status"), "status")?;
        let status = PracticeStatus::from_name(&status_text)
            .ok_or_else(|| named("status", "current, want-to-start, retired"))?;
        let frequency_text = required(get("frequency"), "frequency")?;
        let frequency = Frequency::parse(&frequency_text).ok_or_else(|| {
            named(
                "frequency",
                "daily, N times a day, N times a week, after hard sessions, as needed",
            )
        })?;
        let barrier = get("barrier").filter(|b| !b.is_empty());
        let workaround = get("workaround").filter(|w| !w.is_empty());
        if !fields.is_empty() {
            return Err(error(n, "the practice has an unknown or repeated line").into());
        }
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
        Ok(())
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
    fn markdown_escapes_and_lists_practices_by_status() {
        let mut plan = sample();
        plan.values = vec!["Care | *honesty*".into()];
        let md = plan_to_markdown(plan);
        assert!(md.contains("Care \\| \\*honesty\\*"));
        assert!(md.contains("### Practices I keep"));
        assert!(md.contains("**Box breathing**"));
    }
}
