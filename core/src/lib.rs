//! Respite's core: an encrypted, offline vault for a clinician's self-care.
//!
//! Everything is reached through [`Vault`]: open or create one, unlock it with a key
//! slot (passphrase, device key store, recovery code), then use its areas
//! ([`Journal`], [`CheckIns`], [`CarePlan`], [`Prompts`], [`Trends`]) and the functions that need no vault
//! ([`catalogue`], [`privacy_check`]). The same API is exported to Kotlin and Swift through UniFFI.
//! See `SECURITY.md` for the threat model and what is stored in plaintext.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

uniffi::setup_scaffolding!();

mod backup;
mod backup_file;
mod care_plan;
mod catalogue;
mod checkins;
mod crypto;
mod csv;
mod dashboard;
mod db;
mod device_key;
mod error;
mod export;
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzzing;
mod import;
mod import_daylio;
mod import_dayone;
mod insights;
mod journal;
mod key_slots;
mod plan;
mod plan_suggestions;
mod plan_text;
mod privacy;
mod prompts;
mod records;
mod recovery_code;
mod rng;
mod schedule;
mod search;
mod settings;
mod synthetic;
mod text;
mod time;
mod transition;
mod trends;
mod validate;
mod vault;
mod zip;
mod zones;

pub use backup::{restore_backup, verify_backup, BackupSummary, MergeReport};
pub use care_plan::{
    CarePlan, EmergencyCard, PlanRevision, PracticeAdherence, SuggestedPractice, WeekAdherence,
};
pub use catalogue::{
    catalogue, Catalogue, CheckInContext, EmotionLabel, Label, Quadrant, RecoveryExperience,
    RecoveryItem, ScalePoint, StressZone, StressZoneText,
};
pub use checkins::{CheckIn, CheckInData, CheckInPage, CheckIns};
pub use dashboard::{Dashboard, DemoSummary, NotableChange, OnThisDay, Trends, WeeklyReview};
pub use db::FORMAT_VERSION;
pub use device_key::DeviceKeyStore;
pub use error::{RespiteError, Result};
pub use export::{ExportFormat, ExportSummary};
pub use import::{ImportFormat, ImportNote, ImportReport};
pub use insights::{
    Evidence, Insight, InsightKind, InsightParam, PlanPointers, MIN_DAYS_EACH_SIDE,
};
pub use journal::{
    Journal, JournalDraft, JournalEntry, JournalKind, JournalPage, JournalUpdate, SessionReflection,
};
pub use key_slots::{
    KeySlot, KeySlotKind, DEFAULT_KDF_ITERATIONS, MAX_KDF_ITERATIONS, MIN_KDF_ITERATIONS,
    MIN_PASSPHRASE_CHARS,
};
pub use plan::{
    ChangeKind, Contact, EmergencyPlan, Frequency, Plan, PlanChange, Practice, PracticeContext,
    PracticeDomain, PracticeStatus, SignArea, WarningSign, MAX_PLAN_ITEMS, MAX_PRACTICES,
};
pub use plan_suggestions::{
    plan_suggestions, plan_with_suggestion, PlanMoment, PlanSection, PlanSuggestion,
};
pub use plan_text::{plan_from_text, plan_to_markdown, plan_to_text};
pub use privacy::{
    privacy_check, privacy_redact, DraftField, FieldReport, FindingKind, Privacy, PrivacyFinding,
    PrivacyReport,
};
pub use prompts::{PromptKind, PromptOccurrence, MAX_UPCOMING_DAYS};
pub use records::{DamagedRecord, MAX_PAGE};
pub use schedule::{
    schedule_from_text, schedule_to_text, ClockTime, DayOfWeek, ExceptionKind, PromptSettings,
    QuietHours, ScheduleException, ShiftTimes, WeeklyShift, WorkSchedule,
};
pub use search::{SearchHit, SearchQuery, SearchResults, SearchSource, MAX_HITS};
pub use settings::Settings;
pub use synthetic::{PlantedEffect, SyntheticOptions};
pub use time::{LocalMoment, Timestamp};
pub use transition::{
    EveningAnswers, FlowStep, OpenParkedItem, ParkedItem, ParkedItemDraft, Prompts,
    TransitionAnswers, TransitionRecord, TransitionScript, TransitionStep,
};
pub use trends::{Baseline, DayPoint, Metric, MetricSeries, WeekPoint, ZoneWeek};
pub use validate::{MAX_LINE_CHARS, MAX_LIST_ITEMS, MAX_TAG_CHARS, MAX_TEXT_CHARS};
pub use vault::Vault;
