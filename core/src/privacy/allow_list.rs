//! The person's own allow-list: words they marked as not a client detail (their
//! supervisor, their family, their workplace), sealed in the vault's settings and
//! used by every later check. Backed up with the other settings.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::crypto::keys::VaultKeys;
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::store::settings;
use crate::validate::{check_text, MAX_TAG_CHARS};

use crate::store::settings::ALLOW_LIST as GROUP;
/// The most entries an allow-list holds.
const MAX_ENTRIES: usize = 1000;

/// Allowed words and phrases, lower case, sorted, without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct AllowList {
    /// The entries.
    pub words: Vec<String>,
}

impl AllowList {
    /// Whether the finding `text` is allowed: it is an entry, or one of its words is.
    pub(crate) fn covers(&self, text: &str) -> bool {
        if self.words.is_empty() {
            return false;
        }
        let lower = normalise(text);
        self.words.binary_search(&lower).is_ok()
            || lower
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
                .filter(|w| !w.is_empty())
                .any(|w| {
                    let bare = w
                        .strip_suffix("'s")
                        .or_else(|| w.strip_suffix("’s"))
                        .unwrap_or(w);
                    self.words.binary_search(&bare.to_owned()).is_ok()
                })
    }

    /// Byte ranges of `text` where an entry stands as whole words, ignoring case:
    /// findings inside them are the person's own ("Vincent" in "St Vincent's").
    pub(crate) fn occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        let lower = text.to_lowercase();
        // Lower-casing can change lengths outside ASCII; then only exact case is used.
        let haystack = if lower.len() == text.len() {
            lower.as_str()
        } else {
            text
        };
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut out = Vec::new();
        for entry in self
            .words
            .iter()
            .filter(|w| w.contains(' ') || w.contains('\''))
        {
            for (at, _) in haystack.match_indices(entry.as_str()) {
                let end = at + entry.len();
                if !word(haystack[..at].chars().next_back())
                    && !word(haystack[end..].chars().next())
                {
                    out.push((at, end));
                }
            }
        }
        out
    }

    /// The stored allow-list (empty until a word is allowed).
    pub(crate) fn load(conn: &Connection, keys: &VaultKeys) -> Result<Self> {
        Ok(settings::load_group(conn, keys, GROUP)?.unwrap_or_default())
    }

    /// Adds `word`; whether it was new.
    pub(crate) fn insert(&mut self, word: &str) -> Result<bool> {
        let entry = entry(word)?;
        match self.words.binary_search(&entry) {
            Ok(_) => Ok(false),
            Err(at) => {
                if self.words.len() >= MAX_ENTRIES {
                    return Err(RespiteError::invalid(
                        "word",
                        "the allow-list is full (1000 entries)",
                    )
                    .into());
                }
                self.words.insert(at, entry);
                Ok(true)
            }
        }
    }

    /// Removes `word`; whether it was there.
    pub(crate) fn remove(&mut self, word: &str) -> Result<bool> {
        let entry = entry(word)?;
        Ok(match self.words.binary_search(&entry) {
            Ok(at) => {
                self.words.remove(at);
                true
            }
            Err(_) => false,
        })
    }

    /// Stores the allow-list.
    pub(crate) fn save(&self, conn: &Connection, keys: &VaultKeys) -> Result<()> {
        settings::save_group(conn, keys, GROUP, self)
    }
}

/// Lower case, single spaces, no surrounding white space.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn entry(word: &str) -> Result<String> {
    let entry = normalise(word);
    if entry.is_empty() {
        return Err(RespiteError::invalid("word", "is empty").into());
    }
    check_text("word", &entry, MAX_TAG_CHARS, false)?;
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allow_list_seals_as_frozen() {
        let list = AllowList {
            words: vec!["dr amara".to_owned(), "st mary's".to_owned()],
        };
        crate::store::sealed::assert_frozen("allow-list", &list);
    }
}
