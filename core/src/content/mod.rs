//! Content: the catalogue of words a person picks from, and the wording the other
//! layers show, as data files per language (`en/*.json`) compiled into the library and
//! parsed once. Tests check every file parses, its ids are unique and every key the
//! code asks for exists.

pub(crate) mod catalogue;
pub(crate) mod wording;

use serde::de::DeserializeOwned;

/// The plan's starter suggestions (read by the plan, which owns their types).
pub(crate) const PLAN_SUGGESTIONS: &str = include_str!("en/plan-suggestions.json");

/// National crisis lines by region, each with its source (read by the safety response).
pub(crate) const CRISIS_LINES: &str = include_str!("crisis-lines.json");

/// The phrases the safety response looks for in a person's own words.
pub(crate) const SAFETY_PHRASES: &str = include_str!("en/safety-phrases.txt");

/// The identifier check's word lists, one entry per line (`#` starts a comment).
pub(crate) mod privacy_words {
    /// Common English words (generated, SCOWL small).
    pub(crate) const COMMON: &str = include_str!("en/privacy/common-words.txt");
    /// Given names (generated, 1990 US Census).
    pub(crate) const GIVEN: &str = include_str!("en/privacy/given-names.txt");
    /// Given names the census list lacks.
    pub(crate) const GIVEN_EXTRA: &str = include_str!("en/privacy/given-names-extra.txt");
    /// Capitalised words that are not names.
    pub(crate) const NOT_NAMES: &str = include_str!("en/privacy/not-names.txt");
    /// Acronyms of the field that are not initials.
    pub(crate) const ACRONYMS: &str = include_str!("en/privacy/acronyms.txt");
    /// Public figures, whose names identify no client.
    pub(crate) const PUBLIC: &str = include_str!("en/privacy/public-figures.txt");
    /// Cue words by section.
    pub(crate) const CUES: &str = include_str!("en/privacy/cues.txt");
}

/// Parses a compiled-in content file. The files are part of the build and checked by
/// the tests, so a malformed one is a bug in the build, not a user error.
pub(crate) fn parse<T: DeserializeOwned>(name: &str, text: &str) -> T {
    serde_json::from_str(text)
        .unwrap_or_else(|err| panic!("the content file {name} is malformed: {err}"))
}
