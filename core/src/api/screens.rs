//! The screens' facade: what the shared screens show and allow (see `screens/`).

use std::sync::{Arc, Mutex, MutexGuard};

use super::prompts::Prompts;
use super::session::Session;
use crate::checkins::CheckInData;
use crate::content::catalogue::{EmotionLabel, LabelKind, Quadrant};
use crate::error::{RespiteError, Result};
use crate::journal::JournalEntry;
use crate::plan::Plan;
use crate::privacy::PrivacyFinding;
use crate::prompts::transition::{self, EveningAnswers, TransitionAnswers, TransitionScript};
use crate::screens::auto_lock::AutoLockState;
use crate::screens::capture::{self, CaptureCheck, PadReading, TypedLabel};
use crate::screens::error_messages::{self, SaveForm};
use crate::screens::passphrase_form;
use crate::screens::plan_save::{self, PlanSave};
use crate::screens::privacy_review::{self, AllowListOutcome, PrivacyQuestionText, PrivacyWording};
use crate::screens::reminders::{self, ReminderChanges};
use crate::screens::today::{self, TodayScreen};
use crate::screens::transition_flow::{Flow, FlowPosition};
use crate::time::{LocalMoment, Timestamp};

/// The screens of a vault that both apps share: today, the transition flow, and the
/// plan editor's save.
#[derive(uniffi::Object)]
pub struct Screens {
    session: Arc<Session>,
}

impl Screens {
    pub(crate) fn new(session: Arc<Session>) -> Self {
        Screens { session }
    }
}

#[uniffi::export]
impl Screens {
    /// The today screen at `moment`: every quick action in the order the moment calls
    /// for (the transition first near the end of a shift, the evening check in the
    /// evening, the emergency card last), the next prompt and what is parked.
    /// `device_time_zone` is the device's IANA zone now.
    pub fn today(&self, moment: LocalMoment, device_time_zone: String) -> Result<TodayScreen> {
        Ok(today::today(&self.session.store, moment, device_time_zone)?)
    }

    /// The end-of-shift transition for `moment`, at its first step.
    pub fn transition_flow(&self, moment: LocalMoment) -> Result<Arc<TransitionFlow>> {
        let script = transition::transition_script(&self.session.store, moment)?;
        Ok(Arc::new(TransitionFlow {
            session: Arc::clone(&self.session),
            flow: Mutex::new(Flow::new(moment, script)),
        }))
    }

    /// What to change in the platform's scheduled reminders (`scheduled`: their
    /// occurrence ids) so that they are the next seven days of prompts from `now`.
    /// `device_time_zone` is the device's IANA zone now. Run it after unlocking, after a
    /// schedule change and when the time zone changes.
    pub fn reminder_changes(
        &self,
        now: Timestamp,
        device_time_zone: String,
        scheduled: Vec<String>,
    ) -> Result<ReminderChanges> {
        Ok(reminders::reminder_changes(
            &self.session.store,
            now,
            device_time_zone,
            scheduled,
        )?)
    }

    /// What saving `draft` as the plan would change, shown before the save.
    pub fn plan_save(&self, draft: Plan) -> Result<PlanSave> {
        Ok(plan_save::plan_save(&self.session.store, draft)?)
    }
}

/// The end-of-shift transition as a step machine: park it → name it → set it down →
/// what went well → switch roles → end-of-day signal, each step skippable. It holds
/// the answers in memory until saved; drop it when the vault locks.
#[derive(uniffi::Object)]
pub struct TransitionFlow {
    session: Arc<Session>,
    flow: Mutex<Flow>,
}

impl TransitionFlow {
    fn flow(&self) -> MutexGuard<'_, Flow> {
        unpoisoned(&self.flow)
    }
}

#[uniffi::export]
impl TransitionFlow {
    /// The script: each step's wording and the plan's practices for the last step.
    pub fn script(&self) -> TransitionScript {
        self.flow().script.clone()
    }

    /// Where the flow is.
    pub fn position(&self) -> FlowPosition {
        self.flow().position()
    }

    /// On to the next step, answered or not; where the flow is then.
    pub fn next(&self) -> FlowPosition {
        let mut flow = self.flow();
        flow.next();
        flow.position()
    }

    /// Back one step; where the flow is then.
    pub fn back(&self) -> FlowPosition {
        let mut flow = self.flow();
        flow.back();
        flow.position()
    }

    /// The answers so far.
    pub fn answers(&self) -> TransitionAnswers {
        self.flow().answers()
    }

    /// Replaces the answers (a typed field, or the privacy check's redaction); the
    /// went-well texts stay in the slots they were typed in.
    pub fn set_answers(&self, answers: TransitionAnswers) {
        self.flow().set_answers(answers);
    }

    /// Parks one unfinished thing (blank `when` and `place` are none); false, and
    /// nothing parked, when `what` is blank.
    pub fn park(&self, what: String, when: Option<String>, place: Option<String>) -> bool {
        self.flow().park(&what, when, place)
    }

    /// Takes back the parked item at `index` (from 0); any other index does nothing.
    pub fn unpark(&self, index: u32) {
        self.flow().unpark(index as usize);
    }

    /// Names how I am from a tap on the pad (`x` pleasantness, `y` energy, 0–1).
    pub fn set_mood(&self, x: f64, y: f64) -> Result<()> {
        Ok(self.flow().set_mood(x, y)?)
    }

    /// Chooses a feeling (a catalogue id or an own word's id), or un-chooses it.
    pub fn toggle_feeling(&self, id: String) {
        self.flow().toggle_feeling(&id);
    }

    /// The three went-well slots as typed, empty ones included.
    pub fn went_well_slots(&self) -> Vec<String> {
        self.flow().went_well_slots()
    }

    /// Types into went-well slot `slot` (0–2; any other is ignored).
    pub fn set_went_well(&self, slot: u32, text: String) {
        self.flow().set_went_well(slot as usize, text);
    }

    /// Saves the answers as one sealed transition entry, at the moment the flow began.
    pub fn save(&self) -> Result<JournalEntry> {
        let (moment, answers) = {
            let flow = self.flow();
            (flow.moment, flow.answers())
        };
        Prompts::new(Arc::clone(&self.session)).save_transition(moment, answers)
    }
}

/// Where a tap on the mood pad lands: `x` 0 (unpleasant) … 1 (pleasant), `y` 0
/// (drained) … 1 (energised); just past an edge counts as on it.
#[uniffi::export]
pub fn pad_reading(x: f64, y: f64) -> Result<PadReading> {
    Ok(capture::pad_reading(x, y)?)
}

/// Every emotion word, those of the tapped `quadrant` first.
#[uniffi::export]
pub fn emotion_choices(quadrant: Option<Quadrant>) -> Vec<EmotionLabel> {
    capture::emotion_choices(quadrant)
}

/// `chosen` with a typed word added as a label of `kind`: the catalogue's id when the
/// word names one, else kept as the person's own word, with the hint to show.
#[uniffi::export]
pub fn with_typed_label(kind: LabelKind, word: String, chosen: Vec<String>) -> TypedLabel {
    capture::with_typed_label(kind, &word, chosen)
}

/// What the check-in form allows as filled in so far: whether it can be saved, and a
/// hint for each value saving would refuse (or for what is enough when it is empty).
#[uniffi::export]
pub fn checkin_check(data: CheckInData) -> CaptureCheck {
    capture::checkin_check(&data)
}

/// The same for the evening check.
#[uniffi::export]
pub fn evening_check(answers: EveningAnswers) -> CaptureCheck {
    capture::evening_check(&answers)
}

/// The privacy check's question about `field` (the core's field name) with its
/// `findings` and the field's `redacted` text: the question, the redacted line and
/// the "this is mine" answer of each finding.
#[uniffi::export]
pub fn privacy_question(
    field: String,
    findings: Vec<PrivacyFinding>,
    redacted: String,
) -> PrivacyQuestionText {
    privacy_review::question(&field, &findings, &redacted)
}

/// The fixed texts of the privacy questions and the allow-list.
#[uniffi::export]
pub fn privacy_wording() -> PrivacyWording {
    privacy_review::privacy_wording()
}

/// The line to show after adding `word` to the allow-list or taking it off.
#[uniffi::export]
pub fn allow_list_message(outcome: AllowListOutcome, word: String) -> String {
    privacy_review::allow_list_message(outcome, &word)
}

/// When the app locks the vault after leaving the screen: after the chosen timeout,
/// or after a longer wait once the app handed the person to a system screen.
#[derive(uniffi::Object)]
pub struct AutoLock {
    state: Mutex<AutoLockState>,
}

impl AutoLock {
    fn state(&self) -> MutexGuard<'_, AutoLockState> {
        unpoisoned(&self.state)
    }
}

#[uniffi::export]
impl AutoLock {
    /// Locks after `timeout_seconds` in the background (0: as soon as it leaves).
    #[uniffi::constructor]
    pub fn new(timeout_seconds: u32) -> Arc<Self> {
        Arc::new(AutoLock {
            state: Mutex::new(AutoLockState::new(timeout_seconds)),
        })
    }

    /// The chosen timeout, in seconds.
    pub fn timeout_seconds(&self) -> u32 {
        self.state().timeout_seconds
    }

    /// Chooses the timeout, in seconds.
    pub fn set_timeout_seconds(&self, seconds: u32) {
        self.state().timeout_seconds = seconds;
    }

    /// The app hands the person to the file picker or the share sheet: the next time
    /// away may last up to ten minutes (the timeout, when that is longer).
    pub fn hand_off(&self) {
        self.state().hand_off();
    }

    /// How long the app may stay in the background now before the vault locks.
    pub fn lock_after_seconds(&self) -> u32 {
        self.state().lock_after_seconds()
    }

    /// The app left the screen at `at`.
    pub fn on_background(&self, at: Timestamp) {
        self.state().on_background(at);
    }

    /// The app came back at `at`: whether the vault must be locked before showing it.
    pub fn on_foreground(&self, at: Timestamp) -> bool {
        self.state().on_foreground(at)
    }
}

/// The sentence to show for `error` (none: an error from elsewhere), from the form
/// `form` when it was a save, so that "nothing to save" is said in that form's words.
#[uniffi::export]
pub fn error_message(error: Option<RespiteError>, form: Option<SaveForm>) -> String {
    error_messages::error_message(error.as_ref(), form)
}

/// Why the vault opened read-only, after its integrity check found `problems`.
#[uniffi::export]
pub fn read_only_message(problems: u32) -> String {
    error_messages::read_only_message(problems)
}

/// What to say when a new passphrase and its confirmation are not the same
/// passphrase (compared in Unicode NFC, as the core takes passphrases); none when they
/// are.
#[uniffi::export]
pub fn passphrase_mismatch(passphrase: String, confirmation: String) -> Option<String> {
    passphrase_form::mismatch(passphrase, confirmation)
}

/// The state behind `mutex`, also after a panic elsewhere poisoned it: what the person
/// was in the middle of is kept rather than lost.
fn unpoisoned<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
