//! Respite's core: an encrypted, offline vault for a clinician's self-care.
//!
//! Everything is reached through [`Vault`]: open or create one, unlock it with a key
//! slot (passphrase, device key store, recovery code), then use its areas
//! ([`Journal`], [`CheckIns`], [`CarePlan`], [`Prompts`], [`Trends`]) and the functions that need no vault
//! ([`catalogue`], [`privacy_check`]). The same API is exported to Kotlin and Swift through UniFFI.
//! See `SECURITY.md` for the threat model and what is stored in plaintext.

uniffi::setup_scaffolding!();

// The layers, top to bottom; each uses only those below it (ADR 0003, checked by the
// layer test in core/tests/integration/layers.rs).
mod api; // the exported objects and functions: thin facades
mod checkins; // mood and recovery check-ins
mod content; // the catalogue and wording
mod crypto; // keys, envelopes, key slots, recovery codes
#[cfg(any(test, feature = "demo-data"))]
mod demo; // synthetic history for demos and benchmarks
mod error; // the one public error
mod exchange; // backup, import, export and their file formats
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzzing;
mod journal; // journal entries and their history
mod plan; // the self-care plan, its text form, suggestions and revisions
mod privacy; // the identifier check
mod prompts; // schedule, prompt occurrences, the transition and evening check
mod rng; // deterministic randomness for demos and tests
mod screens; // what the shared screens show and allow
mod search; // the in-memory full-text index
mod store; // the SQLite file: schema, sealed rows, settings
mod support; // the safety response, its phrases and crisis lines
mod text; // word folding for search and checks
mod time; // instants, local days, time zones
mod trends; // series, insights, the weekly review, the dashboard
mod validate; // limits and checks of input values

pub use api::checkins::CheckIns;
pub use api::device_key::DeviceKeyStore;
pub use api::functions::{
    after_session_acknowledgement, breathing_moment, catalogue, crisis_lines, match_label,
    paced_breathing, passphrase_strength, plan_from_text, plan_suggestions, plan_to_markdown,
    plan_to_text, plan_with_suggestion, privacy_check, privacy_redact, restore_backup,
    schedule_from_text, schedule_to_text, verify_backup,
};
pub use api::journal::Journal;
pub use api::plan::CarePlan;
pub use api::privacy::Privacy;
pub use api::prompts::Prompts;
pub use api::screens::{
    allow_list_message, checkin_check, emotion_choices, error_message, evening_check, pad_reading,
    passphrase_mismatch, privacy_question, privacy_wording, read_only_message, with_typed_label,
    AutoLock, Screens, TransitionFlow,
};
pub use api::support::Support;
pub use api::trends::Trends;
pub use api::vault::{CurrentSecret, KeyRotation, Vault};
pub use checkins::{CheckIn, CheckInData, CheckInPage};
pub use content::catalogue::{
    Catalogue, CheckInContext, EmotionLabel, Label, LabelKind, LabelMatch, Quadrant,
    RecoveryExperience, RecoveryItem, ScalePoint, StressZone, StressZoneText, OWN_LABEL,
};
pub use content::wording::{InsightParam, WordedLine};
pub use crypto::secret::{PassphraseStrength, MIN_PASSPHRASE_BITS};
pub use crypto::slots::{
    KeySlot, KeySlotKind, DEFAULT_KDF_ITERATIONS, MAX_KDF_ITERATIONS, MIN_KDF_ITERATIONS,
    MIN_PASSPHRASE_CHARS,
};
#[cfg(feature = "demo-data")]
pub use demo::{DemoSummary, PlantedEffect, SyntheticOptions};
pub use error::{RespiteError, Result};
pub use exchange::backup::{BackupSummary, MergeReport, VaultCheck};
pub use exchange::export::{ExportFormat, ExportSummary};
pub use exchange::import::{ImportFormat, ImportNote, ImportReport};
pub use journal::{
    JournalDraft, JournalEntry, JournalKind, JournalPage, JournalUpdate, ParkedItem,
    SessionReflection, TransitionRecord,
};
pub use plan::breathing::{
    BreathMoment, BreathPhase, BreathStep, BreathingPractice, BREATHING_SECONDS,
};
pub use plan::revisions::{
    EmergencyCard, PlanRevision, PracticeAdherence, SuggestedPractice, WeekAdherence,
};
pub use plan::suggestions::{PlanMoment, PlanSection, PlanSuggestion};

pub use plan::{
    ChangeKind, Contact, EmergencyPlan, Frequency, Plan, PlanChange, Practice, PracticeContext,
    PracticeDomain, PracticeStatus, SignArea, WarningSign, MAX_PLAN_ITEMS, MAX_PRACTICES,
};
pub use privacy::{DraftField, FieldReport, FindingKind, PrivacyFinding, PrivacyReport};
pub use prompts::schedule::{
    ClockTime, DayOfWeek, ExceptionKind, PromptSettings, QuietHours, ScheduleException, ShiftTimes,
    WeeklyShift, WorkSchedule,
};
pub use prompts::transition::{
    EveningAnswers, FlowStep, OpenParkedItem, ParkedItemDraft, TransitionAnswers, TransitionScript,
    TransitionStep,
};
pub use prompts::{PromptKind, PromptOccurrence, MAX_UPCOMING_DAYS};
pub use screens::capture::{CaptureCheck, FieldHint, PadReading, TypedLabel};
pub use screens::error_messages::SaveForm;
pub use screens::plan_save::PlanSave;
pub use screens::privacy_review::{AllowListOutcome, PrivacyQuestionText, PrivacyWording};
pub use screens::reminders::ReminderChanges;
pub use screens::today::{QuickAction, TodayAction, TodayScreen};
pub use screens::transition_flow::{FlowPosition, WENT_WELL_SLOTS};
pub use search::{SearchHit, SearchQuery, SearchResults, SearchSource, MAX_HITS};
pub use store::connection::FORMAT_VERSION;
pub use store::sealed::{DamagedRecord, MAX_PAGE};
pub use store::settings::Settings;
pub use store::state::{StateCheck, StateProblem, StateProblemKind};
pub use support::{CrisisLine, SafetyReason, SafetyResponse};
pub use time::{LocalMoment, Timestamp};
pub use trends::dashboard::{ActivationChange, Dashboard, NotableChange, OnThisDay, WeeklyReview};
pub use trends::insights::{Evidence, Insight, InsightKind, PlanPointers, MIN_DAYS_EACH_SIDE};
pub use trends::{
    Baseline, Better, DayPoint, Metric, MetricSeries, WeekPoint, ZoneSummary, ZoneWeek,
};
pub use validate::{MAX_LINE_CHARS, MAX_LIST_ITEMS, MAX_TAG_CHARS, MAX_TEXT_CHARS};
