//! The word lists of the identifier check, read once from the data files in `words/`.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::content::privacy_words::{
    ACRONYMS, COMMON, CUES, GIVEN, GIVEN_EXTRA, NOT_NAMES, PUBLIC,
};

/// A section of `words/cues.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Cue {
    Titles,
    Clinical,
    Session,
    Relations,
    OwnRoles,
    OwnContexts,
    OwnWorld,
    ClientWorld,
    AfterOwn,
    Public,
    Media,
    PersonVerbs,
    Linking,
    Families,
    Orgs,
    Institutions,
    GenericPlaces,
    Rooms,
    Residence,
    PlacePrepositions,
    Streets,
    StreetsAmbiguous,
    FirstPerson,
    ThirdPerson,
    Birth,
    IdContext,
    PhoneContext,
    Units,
    Cities,
    Holidays,
    Shops,
    States,
}

impl Cue {
    /// Every section, with its name in the file.
    pub const ALL: [(Cue, &'static str); 32] = [
        (Cue::Titles, "titles"),
        (Cue::Clinical, "clinical"),
        (Cue::Session, "session"),
        (Cue::Relations, "relations"),
        (Cue::OwnRoles, "own-roles"),
        (Cue::OwnContexts, "own-contexts"),
        (Cue::OwnWorld, "own-world"),
        (Cue::ClientWorld, "client-world"),
        (Cue::AfterOwn, "after-own"),
        (Cue::Public, "public"),
        (Cue::Media, "media"),
        (Cue::PersonVerbs, "person-verbs"),
        (Cue::Linking, "linking"),
        (Cue::Families, "families"),
        (Cue::Orgs, "orgs"),
        (Cue::Institutions, "institutions"),
        (Cue::GenericPlaces, "generic-places"),
        (Cue::Rooms, "rooms"),
        (Cue::Residence, "residence"),
        (Cue::PlacePrepositions, "place-prepositions"),
        (Cue::Streets, "streets"),
        (Cue::StreetsAmbiguous, "streets-ambiguous"),
        (Cue::FirstPerson, "first-person"),
        (Cue::ThirdPerson, "third-person"),
        (Cue::Birth, "birth"),
        (Cue::IdContext, "id-context"),
        (Cue::PhoneContext, "phone-context"),
        (Cue::Units, "units"),
        (Cue::Cities, "cities"),
        (Cue::Holidays, "holidays"),
        (Cue::Shops, "shops"),
        (Cue::States, "states"),
    ];
}

/// All word lists.
pub(super) struct Lexicon {
    common: HashSet<&'static str>,
    given: HashSet<&'static str>,
    not_names: HashSet<&'static str>,
    acronyms: HashSet<&'static str>,
    public: HashSet<&'static str>,
    cues: HashMap<Cue, HashSet<&'static str>>,
}

/// The word lists, read on first use.
pub(super) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}

fn entries(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    fn load() -> Self {
        let mut cues: HashMap<Cue, HashSet<&'static str>> = HashMap::new();
        let mut section = None;
        for line in entries(CUES) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = Cue::ALL.iter().find(|(_, n)| *n == name).map(|(c, _)| *c);
            } else if let Some(cue) = section {
                cues.entry(cue).or_default().insert(line);
            }
        }
        Lexicon {
            common: entries(COMMON).collect(),
            given: entries(GIVEN).chain(entries(GIVEN_EXTRA)).collect(),
            not_names: entries(NOT_NAMES).collect(),
            acronyms: entries(ACRONYMS).collect(),
            public: entries(PUBLIC).collect(),
            cues,
        }
    }

    /// Whether `lower` (a lower-case word) is an ordinary English word, counting the
    /// forms that `scripts/gen-privacy-words.py` left out of the list.
    pub fn is_common(&self, lower: &str) -> bool {
        self.common.contains(lower)
            || stems(lower).any(|s| self.common.contains(s.as_str()))
            || derived(lower)
    }

    /// Whether `lower` is a known given name.
    pub fn is_given(&self, lower: &str) -> bool {
        self.given.contains(lower)
    }

    /// Whether `lower` is a capitalised word that never names a person.
    pub fn is_not_name(&self, lower: &str) -> bool {
        self.not_names.contains(lower)
            || self.cue(Cue::Cities, lower)
            || self.cue(Cue::Shops, lower)
    }

    /// Whether `lower` is a known abbreviation written in capitals.
    pub fn is_acronym(&self, lower: &str) -> bool {
        self.acronyms.contains(lower)
    }

    /// Whether `lower` (words joined by single spaces) is a public figure.
    pub fn is_public(&self, lower: &str) -> bool {
        self.public.contains(lower)
    }

    /// Whether `lower` is in the section `cue` of `words/cues.txt`.
    pub fn cue(&self, cue: Cue, lower: &str) -> bool {
        self.cues.get(&cue).is_some_and(|s| s.contains(lower))
    }

    /// How many entries section `cue` has (for tests).
    #[cfg(test)]
    pub fn cue_len(&self, cue: Cue) -> usize {
        self.cues.get(&cue).map_or(0, HashSet::len)
    }
}

/// Whether a word longer than the small list knows is built like an ordinary English
/// word ("clinician", "countertransference", "telehealth"-like words): endings that
/// names almost never have.
fn derived(word: &str) -> bool {
    const ENDINGS: [&str; 18] = [
        "tion", "sion", "ness", "ment", "ism", "ist", "ology", "ician", "ence", "ance", "ity",
        "ship", "hood", "ful", "less", "able", "ible", "ous",
    ];
    word.chars().count() >= 7 && ENDINGS.iter().any(|e| word.ends_with(e))
}

/// The stems tried for a word, the same rules as the generator's.
fn stems(word: &str) -> impl Iterator<Item = String> + '_ {
    const RULES: [(&str, &str); 12] = [
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("er", ""),
        ("er", "e"),
        ("est", ""),
        ("ly", ""),
    ];
    let plain = RULES.into_iter().filter_map(move |(suffix, repl)| {
        let base = word.strip_suffix(suffix)?;
        (base.chars().count() + repl.len() >= 3).then(|| format!("{base}{repl}"))
    });
    let doubled = ["ed", "ing", "er"].into_iter().filter_map(move |suffix| {
        let base = word.strip_suffix(suffix)?;
        let b = base.as_bytes();
        (b.len() >= 4 && b[b.len() - 1] == b[b.len() - 2])
            .then(|| base[..base.len() - 1].to_owned())
    });
    plain.chain(doubled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_present() {
        for (cue, name) in Cue::ALL {
            assert!(
                lexicon().cue_len(cue) > 0,
                "section [{name}] is missing or empty"
            );
        }
    }

    #[test]
    fn derived_forms_count_as_common() {
        let l = lexicon();
        for w in ["teams", "cried", "running", "services", "walked", "happily"] {
            assert!(l.is_common(w), "{w}");
        }
        for w in ["adeyemi", "kaminski", "haddad"] {
            assert!(!l.is_common(w), "{w}");
        }
        assert!(l.is_given("priya") && l.is_given("mary"));
    }
}
