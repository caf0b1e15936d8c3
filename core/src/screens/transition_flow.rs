//! The end-of-shift transition as a step machine: which step is shown, how far along
//! it is, what each answer does to the answers, and the three went-well slots.

use crate::content::wording::{self, param};
use crate::error::internal::Result;
use crate::prompts::transition::{
    FlowStep, ParkedItemDraft, TransitionAnswers, TransitionScript, TransitionStep,
};
use crate::screens::capture;
use crate::time::LocalMoment;

/// How many things that went well the flow asks for.
pub const WENT_WELL_SLOTS: usize = 3;

/// Where the flow is, as the screen shows it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FlowPosition {
    /// The step shown; none once every step is passed (the save page).
    pub step: Option<FlowStep>,
    /// The step's number, from 1; `count + 1` on the save page.
    pub number: u32,
    /// How many steps there are.
    pub count: u32,
    /// How far along, 0 (first step) … 1 (the save page), for a progress bar.
    pub progress: f64,
    /// "Step 2 of 6", or "Ready to save".
    pub label: String,
    /// Whether there is a step to go back to.
    pub can_go_back: bool,
    /// Whether the step shown has an answer yet.
    pub answered: bool,
    /// The forward button's text: "Next" when answered, "Skip" when not, and the
    /// save button's text on the save page.
    pub forward_label: String,
    /// The back button's text.
    pub back_label: String,
}

/// The flow's state: the script of one moment, the step shown and the answers.
#[derive(Debug, Clone)]
pub(crate) struct Flow {
    pub(crate) moment: LocalMoment,
    pub(crate) script: TransitionScript,
    index: usize,
    answers: TransitionAnswers,
    went_well: [String; WENT_WELL_SLOTS],
}

impl Flow {
    /// A flow at its first step with nothing answered.
    pub(crate) fn new(moment: LocalMoment, script: TransitionScript) -> Self {
        Flow {
            moment,
            script,
            index: 0,
            answers: TransitionAnswers::default(),
            went_well: Default::default(),
        }
    }

    /// Where the flow is.
    pub(crate) fn position(&self) -> FlowPosition {
        let count = self.script.steps.len();
        let step = self.script.steps.get(self.index).cloned();
        let answered = step.as_ref().is_some_and(|s| self.answered(s.step));
        let (label, forward) = match &step {
            Some(_) => (
                wording::fill(
                    "flow.step",
                    &[param("number", self.index + 1), param("count", count)],
                ),
                if answered { "flow.next" } else { "flow.skip" },
            ),
            None => (wording::text("flow.ready").to_owned(), "flow.save"),
        };
        FlowPosition {
            step,
            number: (self.index + 1) as u32,
            count: count as u32,
            progress: if count == 0 {
                1.0
            } else {
                self.index as f64 / count as f64
            },
            label,
            can_go_back: self.index > 0,
            answered,
            forward_label: wording::text(forward).to_owned(),
            back_label: wording::text("flow.back").to_owned(),
        }
    }

    /// On to the next step, answered or not (no further than the save page).
    pub(crate) fn next(&mut self) {
        self.index = (self.index + 1).min(self.script.steps.len());
    }

    /// Back one step (no further than the first).
    pub(crate) fn back(&mut self) {
        self.index = self.index.saturating_sub(1);
    }

    /// The answers so far.
    pub(crate) fn answers(&self) -> TransitionAnswers {
        self.answers.clone()
    }

    /// Replaces the answers (a field typed, or the privacy check's redaction); the
    /// went-well texts go back into the slots they were typed in.
    pub(crate) fn set_answers(&mut self, answers: TransitionAnswers) {
        let filled: Vec<usize> = (0..WENT_WELL_SLOTS)
            .filter(|i| !self.went_well[*i].trim().is_empty())
            .collect();
        if filled.len() == answers.went_well.len() {
            for (slot, text) in filled.into_iter().zip(&answers.went_well) {
                self.went_well[slot] = text.clone();
            }
        } else {
            self.went_well = Default::default();
            for (slot, text) in answers.went_well.iter().take(WENT_WELL_SLOTS).enumerate() {
                self.went_well[slot] = text.clone();
            }
        }
        self.answers = answers;
        self.answers.went_well = self.filled_went_well();
    }

    /// Parks one unfinished thing; a blank one is not parked (false).
    pub(crate) fn park(&mut self, what: &str, when: Option<String>, place: Option<String>) -> bool {
        if what.trim().is_empty() {
            return false;
        }
        let blank_is_none = |t: Option<String>| t.filter(|t| !t.trim().is_empty());
        self.answers.parked.push(ParkedItemDraft {
            what: what.trim().to_owned(),
            when: blank_is_none(when),
            place: blank_is_none(place),
        });
        true
    }

    /// Takes back the parked item at `index` (from 0).
    pub(crate) fn unpark(&mut self, index: usize) {
        if index < self.answers.parked.len() {
            self.answers.parked.remove(index);
        }
    }

    /// Names how I am from a tap on the pad.
    pub(crate) fn set_mood(&mut self, x: f64, y: f64) -> Result<()> {
        let reading = capture::pad_reading(x, y)?;
        self.answers.pleasantness = Some(reading.pleasantness);
        self.answers.energy = Some(reading.energy);
        Ok(())
    }

    /// Chooses a feeling, or un-chooses it when already chosen.
    pub(crate) fn toggle_feeling(&mut self, id: &str) {
        let feelings = &mut self.answers.feelings;
        match feelings.iter().position(|f| f == id) {
            Some(at) => {
                feelings.remove(at);
            }
            None => feelings.push(id.to_owned()),
        }
    }

    /// The three went-well slots as typed (empty ones included).
    pub(crate) fn went_well_slots(&self) -> Vec<String> {
        self.went_well.to_vec()
    }

    /// Types into went-well slot `slot` (0–2; others are ignored).
    pub(crate) fn set_went_well(&mut self, slot: usize, text: String) {
        if let Some(s) = self.went_well.get_mut(slot) {
            *s = text;
            self.answers.went_well = self.filled_went_well();
        }
    }

    fn filled_went_well(&self) -> Vec<String> {
        self.went_well
            .iter()
            .filter(|w| !w.trim().is_empty())
            .cloned()
            .collect()
    }

    fn answered(&self, step: TransitionStep) -> bool {
        let a = &self.answers;
        let some = |t: &Option<String>| t.as_deref().is_some_and(|t| !t.trim().is_empty());
        match step {
            TransitionStep::ParkIt => !a.parked.is_empty(),
            TransitionStep::NameIt => a.pleasantness.is_some() || !a.feelings.is_empty(),
            TransitionStep::SetDown => some(&a.set_down),
            TransitionStep::WentWell => !a.went_well.is_empty(),
            TransitionStep::SwitchRoles => some(&a.who_at_home) || some(&a.first_thing),
            TransitionStep::EndOfDay => some(&a.end_of_day_signal) || a.practice.is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompts::transition::steps;

    fn flow() -> Flow {
        let moment = LocalMoment {
            at: chrono::DateTime::UNIX_EPOCH,
            utc_offset_minutes: 0,
        };
        let script = TransitionScript {
            steps: steps(moment),
            practices: Vec::new(),
            practice_prompt: String::new(),
            practice_prompt_key: String::new(),
        };
        Flow::new(moment, script)
    }

    #[test]
    fn the_position_moves_and_stops_at_both_ends() {
        let mut f = flow();
        let p = f.position();
        assert_eq!((p.number, p.count, p.progress), (1, 6, 0.0));
        assert_eq!(p.label, "Step 1 of 6");
        assert!(!p.can_go_back && !p.answered);
        assert_eq!(p.forward_label, "Skip");
        f.back();
        assert_eq!(f.position().number, 1);
        for _ in 0..10 {
            f.next();
        }
        let end = f.position();
        assert!(end.step.is_none());
        assert_eq!((end.progress, end.label.as_str()), (1.0, "Ready to save"));
        assert_eq!(end.forward_label, "Save and go home");
        f.back();
        assert_eq!(f.position().step.unwrap().step, TransitionStep::EndOfDay);
    }

    #[test]
    fn answering_a_step_turns_skip_into_next() {
        let mut f = flow();
        assert!(!f.park("   ", None, None));
        assert!(f.park(" Call back the lab ", Some(" ".into()), Some("desk".into())));
        let parked = &f.answers().parked[0];
        assert_eq!(parked.what, "Call back the lab");
        assert_eq!(
            (parked.when.as_deref(), parked.place.as_deref()),
            (None, Some("desk"))
        );
        assert!(f.position().answered);
        assert_eq!(f.position().forward_label, "Next");
        f.unpark(0);
        assert!(!f.position().answered);

        f.next();
        f.set_mood(0.0, 1.0).unwrap();
        assert_eq!(f.answers().pleasantness, Some(-1.0));
        assert!(f.set_mood(f64::NAN, 0.0).is_err());
        f.toggle_feeling("tense");
        f.toggle_feeling("tense");
        assert!(f.answers().feelings.is_empty());
        assert!(f.position().answered);
    }

    #[test]
    fn went_well_texts_stay_in_their_slots_through_a_redaction() {
        let mut f = flow();
        f.set_went_well(0, "a walk".into());
        f.set_went_well(2, "lunch with Sam".into());
        f.set_went_well(7, "ignored".into());
        assert_eq!(f.answers().went_well, ["a walk", "lunch with Sam"]);
        let mut redacted = f.answers();
        redacted.went_well[1] = "lunch with [name]".into();
        f.set_answers(redacted);
        assert_eq!(f.went_well_slots(), ["a walk", "", "lunch with [name]"]);
        assert_eq!(f.answers().went_well, ["a walk", "lunch with [name]"]);
    }
}
