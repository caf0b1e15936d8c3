//! The free-text fields of each kind of record, named the same way for every caller
//! ("title", "tag 1", "parked 2 when", "practice 3 barrier"), so that the CLI and both
//! shells check exactly the same text before a save and write redactions back by the
//! same names. One definition per record serves reading and writing.

use super::{DraftField, FieldReport};
use crate::checkins::CheckInData;
use crate::journal::{JournalDraft, JournalUpdate};
use crate::plan::Plan;
use crate::prompts::transition::{EveningAnswers, TransitionAnswers};

/// A record's free-text fields by name, in order.
#[derive(Default)]
pub(crate) struct Fields<'a>(Vec<(String, &'a mut String)>);

impl<'a> Fields<'a> {
    fn text(mut self, name: impl Into<String>, text: &'a mut String) -> Self {
        self.0.push((name.into(), text));
        self
    }

    fn maybe(self, name: impl Into<String>, text: &'a mut Option<String>) -> Self {
        match text {
            Some(text) => self.text(name, text),
            None => self,
        }
    }

    fn list(self, name: &str, items: &'a mut [String]) -> Self {
        items.iter_mut().enumerate().fold(self, |f, (i, item)| {
            f.text(format!("{name} {}", i + 1), item)
        })
    }
}

/// A record with free text a person writes about their work.
pub(crate) trait Record: Clone {
    /// Its free-text fields by name.
    fn fields(&mut self) -> Fields<'_>;
}

/// The non-empty free-text fields of `record`, to check.
pub(crate) fn texts<R: Record>(record: &R) -> Vec<DraftField> {
    let mut copy = record.clone();
    copy.fields()
        .0
        .into_iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(field, text)| DraftField {
            field,
            text: text.clone(),
        })
        .collect()
}

/// Writes the redacted text of each field in `chosen` (every field when empty) that
/// the check found something in back into `record`.
pub(crate) fn apply<R: Record>(record: &mut R, reports: &[FieldReport], chosen: &[String]) {
    for (name, text) in record.fields().0 {
        if !chosen.is_empty() && !chosen.contains(&name) {
            continue;
        }
        if let Some(r) = reports
            .iter()
            .find(|r| r.field == name && !r.findings.is_empty())
        {
            *text = r.redacted.clone();
        }
    }
}

/// A journal entry's title, text and tags (a reflection's note is its text).
impl Record for JournalDraft {
    fn fields(&mut self) -> Fields<'_> {
        Fields::default()
            .maybe("title", &mut self.title)
            .text("body", &mut self.body)
            .list("tag", &mut self.tags)
    }
}

/// What an edit changes, named as for a new entry.
impl Record for JournalUpdate {
    fn fields(&mut self) -> Fields<'_> {
        let fields = Fields::default()
            .maybe("title", &mut self.title)
            .maybe("body", &mut self.body);
        match &mut self.tags {
            Some(tags) => fields.list("tag", tags),
            None => fields,
        }
    }
}

/// A check-in's note.
impl Record for CheckInData {
    fn fields(&mut self) -> Fields<'_> {
        Fields::default().maybe("note", &mut self.note)
    }
}

/// The evening check's note.
impl Record for EveningAnswers {
    fn fields(&mut self) -> Fields<'_> {
        Fields::default().maybe("note", &mut self.note)
    }
}

/// Every answer of the transition, each parked item's parts included.
impl Record for TransitionAnswers {
    fn fields(&mut self) -> Fields<'_> {
        let parked = self
            .parked
            .iter_mut()
            .enumerate()
            .fold(Fields::default(), |f, (i, item)| {
                let n = i + 1;
                f.text(format!("parked {n}"), &mut item.what)
                    .maybe(format!("parked {n} when"), &mut item.when)
                    .maybe(format!("parked {n} where"), &mut item.place)
            });
        parked
            .maybe("set down", &mut self.set_down)
            .list("went well", &mut self.went_well)
            .maybe("who at home", &mut self.who_at_home)
            .maybe("first thing", &mut self.first_thing)
            .maybe("signal", &mut self.end_of_day_signal)
    }
}

/// The plan's text, except the person's own people (contacts and supporters), who
/// are named there on purpose.
impl Record for Plan {
    fn fields(&mut self) -> Fields<'_> {
        let e = &mut self.emergency;
        let mut f = Fields::default()
            .list("value", &mut self.values)
            .list("role", &mut self.roles)
            .list("demand", &mut self.demands)
            .list("stressor", &mut self.stressors)
            .list("support in place", &mut self.supports_in_place)
            .list("support to request", &mut self.supports_to_request)
            .list("boundary", &mut self.boundaries);
        for (i, sign) in self.warning_signs.iter_mut().enumerate() {
            f = f.text(format!("warning sign {}", i + 1), &mut sign.text);
        }
        f = f
            .list("trigger", &mut self.triggers)
            .list("depletes", &mut self.depletes)
            .list("restores", &mut self.restores)
            .list("helps me settle", &mut e.helps_me_settle)
            .list("kind words", &mut e.kind_words)
            .list("avoid", &mut e.avoid)
            .list("professional help", &mut e.professional_help);
        for (i, p) in self.practices.iter_mut().enumerate() {
            let n = i + 1;
            f = f
                .text(format!("practice {n}"), &mut p.name)
                .maybe(format!("practice {n} barrier"), &mut p.barrier)
                .maybe(format!("practice {n} workaround"), &mut p.workaround);
        }
        f.maybe("review note", &mut self.review_note)
    }
}
