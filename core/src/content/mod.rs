//! Content: the catalogue of words a person picks from, and the wording the other
//! layers show, as data files per language (`en/*.json`) compiled into the library and
//! parsed once. Tests check every file parses, its ids are unique and every key the
//! code asks for exists.

pub(crate) mod catalogue;
pub(crate) mod wording;

use serde::de::DeserializeOwned;

/// Parses a compiled-in content file. The files are part of the build and checked by
/// the tests, so a malformed one is a bug in the build, not a user error.
fn parse<T: DeserializeOwned>(name: &str, text: &str) -> T {
    serde_json::from_str(text)
        .unwrap_or_else(|err| panic!("the content file {name} is malformed: {err}"))
}
