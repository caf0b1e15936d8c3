//! Content: the catalogue of words a person picks from, and the wording the other
//! layers show, as data files per language (`en/*.json`) compiled into the library and
//! parsed once. Tests check every file parses, its ids are unique and every key the
//! code asks for exists.

pub(crate) mod catalogue;
pub(crate) mod wording;

use serde::de::DeserializeOwned;

/// The plan's starter suggestions (read by the plan, which owns their types).
pub(crate) const PLAN_SUGGESTIONS: &str = include_str!("en/plan-suggestions.json");

/// Parses a compiled-in content file. The files are part of the build and checked by
/// the tests, so a malformed one is a bug in the build, not a user error.
pub(crate) fn parse<T: DeserializeOwned>(name: &str, text: &str) -> T {
    serde_json::from_str(text)
        .unwrap_or_else(|err| panic!("the content file {name} is malformed: {err}"))
}
