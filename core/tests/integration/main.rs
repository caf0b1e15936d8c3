//! The core's integration tests, one module per area, linked as a single test binary
//! so that they build quickly. The crash tests (`tests/crash.rs`) stay a binary of
//! their own: they start that binary again as a child writer and limit its process.
//!
//! Run one area with a filter on its module, e.g.
//! `cargo test -p respite-core --test integration privacy::`.
// Test code: a failed setup is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

mod backup;
mod checkins;
mod fixtures;
mod import_export;
mod journal;
mod key_slots;
mod layers;
mod plan;
mod privacy;
mod privacy_vault;
mod prompts;
mod screens;
mod search;
mod state;
mod support;
mod trends;
mod vault_file;
mod wording;
