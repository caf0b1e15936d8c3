//! Screen logic both apps share: what a screen shows and allows, as plain data (the
//! way matrix-rust-sdk's UI crate serves both Element X apps). The apps draw it and
//! hand back what was tapped; no rule here is written again in Kotlin or Swift.

pub(crate) mod auto_lock;
pub(crate) mod capture;
pub(crate) mod error_messages;
pub(crate) mod passphrase_form;
pub(crate) mod plan_save;
pub(crate) mod privacy_review;
pub(crate) mod reminders;
pub(crate) mod today;
pub(crate) mod transition_flow;
