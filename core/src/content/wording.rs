//! Wording as data: every sentence the core shows, under a stable key, in flat
//! key → text files per language (`en/*.json`). Templates name their placeholders
//! (`{name}`); a line shown to a person carries its key and parameters with the
//! English text, so a shell can translate by key.

use serde::de::{Deserializer, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

/// The wording files, by name.
const FILES: &[(&str, &str)] = &[
    ("notifications.json", include_str!("en/notifications.json")),
    ("practice.json", include_str!("en/practice.json")),
    ("responses.json", include_str!("en/responses.json")),
    ("screens.json", include_str!("en/screens.json")),
    ("transition.json", include_str!("en/transition.json")),
    ("trends.json", include_str!("en/trends.json")),
];

/// A named value that fills a wording template.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InsightParam {
    /// The placeholder's name.
    pub name: String,
    /// Its value, formatted.
    pub value: String,
}

/// A parameter named `name` with `value`.
pub(crate) fn param(name: &str, value: impl ToString) -> InsightParam {
    InsightParam {
        name: name.to_owned(),
        value: value.to_string(),
    }
}

/// The pairs of one file in their written order, duplicates kept (so a test can
/// find them; a map would silently keep the last).
pub(crate) struct Pairs(pub(crate) Vec<(String, String)>);

impl<'de> serde::Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = Pairs;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of wording keys and texts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry::<String, String>()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(PairsVisitor)
    }
}

/// Every file's pairs, by file name.
pub(crate) fn files() -> impl Iterator<Item = (&'static str, Pairs)> {
    FILES
        .iter()
        .map(|(name, text)| (*name, super::parse::<Pairs>(name, text)))
}

fn all() -> &'static BTreeMap<String, String> {
    static WORDING: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    WORDING.get_or_init(|| files().flat_map(|(_, pairs)| pairs.0).collect())
}

/// The English text of `key`. A key that is missing (which the tests rule out) reads
/// as empty rather than failing.
pub(crate) fn text(key: &str) -> &'static str {
    all().get(key).map_or("", String::as_str)
}

/// Whether `key` exists.
pub(crate) fn has(key: &str) -> bool {
    all().contains_key(key)
}

/// How many numbered variants `{prefix}.1`, `{prefix}.2`, … exist, judged by
/// `{prefix}.N.{field}`.
pub(crate) fn variants(prefix: &str, field: &str) -> usize {
    (1..)
        .take_while(|n| has(&format!("{prefix}.{n}.{field}")))
        .count()
}

/// The key of variant `n` (counted from 0, wrapping round) of `prefix`, whose
/// variants are `{prefix}.1`, `{prefix}.2`, … (each with a `{field}` text).
pub(crate) fn variant(prefix: &str, field: &str, n: usize) -> String {
    format!("{prefix}.{}", n % variants(prefix, field).max(1) + 1)
}

/// `key`'s template with its `{name}` placeholders filled from `params`.
pub(crate) fn fill(key: &str, params: &[InsightParam]) -> String {
    render(text(key), params)
}

/// Fills `{name}` placeholders of `template`.
pub(crate) fn render(template: &str, params: &[InsightParam]) -> String {
    params.iter().fold(template.to_owned(), |text, p| {
        text.replace(&format!("{{{}}}", p.name), &p.value)
    })
}

/// A line shown to a person, with the key and parameters it was made from.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WordedLine {
    /// The stable wording key.
    pub key: String,
    /// The values that fill the key's template.
    pub params: Vec<InsightParam>,
    /// The English text.
    pub text: String,
}

/// The line of `key` filled with `params`.
pub(crate) fn line(key: &str, params: Vec<InsightParam>) -> WordedLine {
    WordedLine {
        key: key.to_owned(),
        text: fill(key, &params),
        params,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_file_parses_and_no_key_is_given_twice() {
        let mut seen = BTreeSet::new();
        for (name, pairs) in files() {
            assert!(!pairs.0.is_empty(), "{name} is empty");
            for (key, text) in pairs.0 {
                assert!(seen.insert(key.clone()), "{key} is given twice ({name})");
                assert!(!text.trim().is_empty(), "{key} has no text");
                assert!(
                    key.bytes().all(|b| b.is_ascii_lowercase()
                        || b.is_ascii_digit()
                        || b"-.".contains(&b)),
                    "{key} is not a well-formed key"
                );
            }
        }
    }

    #[test]
    fn numbered_variants_have_no_gaps_and_every_field() {
        // `a.b.3.title` needs `a.b.1` and `a.b.2`, each with the same fields.
        let mut fields: BTreeMap<(String, usize), BTreeSet<String>> = BTreeMap::new();
        for key in all().keys() {
            let parts: Vec<&str> = key.split('.').collect();
            if let Some(at) = parts.iter().position(|p| p.parse::<usize>().is_ok()) {
                let n: usize = parts[at].parse().unwrap_or(0);
                fields
                    .entry((parts[..at].join("."), n))
                    .or_default()
                    .insert(parts[at + 1..].join("."));
            }
        }
        for ((prefix, n), have) in &fields {
            assert!(*n >= 1, "{prefix} counts from 1");
            for earlier in 1..*n {
                let other = fields
                    .get(&(prefix.clone(), earlier))
                    .unwrap_or_else(|| panic!("{prefix}.{earlier} is missing"));
                assert_eq!(other, have, "{prefix}.{earlier} and .{n} differ in fields");
            }
        }
    }

    #[test]
    fn placeholders_are_closed_and_templates_fill() {
        for (key, text) in all() {
            assert_eq!(
                text.matches('{').count(),
                text.matches('}').count(),
                "{key} has an unclosed placeholder"
            );
        }
        assert_eq!(
            fill("weekly.went-well", &[param("text", "A walk")]),
            "One thing that went well: \"A walk\"."
        );
        assert_eq!(
            variant("notification.transition", "title", 4),
            "notification.transition.2"
        );
    }
}
