//! A transition as its journal entry stores it: what the transition flow saved.

use serde::{Deserialize, Serialize};

use crate::content::catalogue;

/// A parked item as stored in a transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct ParkedItem {
    /// Its id within the transition.
    pub id: String,
    /// What is unfinished.
    pub what: String,
    /// When I will pick it up.
    pub when: Option<String>,
    /// Where I will pick it up.
    pub place: Option<String>,
    /// Whether it has been picked up and done.
    pub done: bool,
}

/// A saved transition, inside its journal entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(default)]
pub struct TransitionRecord {
    /// Parked items.
    pub parked: Vec<ParkedItem>,
    /// Pleasantness, −1…1.
    pub pleasantness: Option<f64>,
    /// Energy, 0…1.
    pub energy: Option<f64>,
    /// Emotion ids.
    pub feelings: Vec<String>,
    /// One hard thing set down.
    pub set_down: Option<String>,
    /// What went well.
    pub went_well: Vec<String>,
    /// Who I want to be at home.
    pub who_at_home: Option<String>,
    /// What I will do first.
    pub first_thing: Option<String>,
    /// The end-of-day signal.
    pub end_of_day_signal: Option<String>,
    /// The practice chosen.
    pub practice: Option<String>,
}

impl TransitionRecord {
    /// The words of this transition, for search.
    pub(crate) fn texts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for p in &self.parked {
            out.push(&p.what);
            out.extend(p.when.as_deref());
            out.extend(p.place.as_deref());
        }
        out.extend(self.set_down.as_deref());
        out.extend(self.went_well.iter().map(String::as_str));
        out.extend(self.who_at_home.as_deref());
        out.extend(self.first_thing.as_deref());
        out.extend(self.end_of_day_signal.as_deref());
        out.extend(self.feelings.iter().filter_map(|f| catalogue::text_of(f)));
        out
    }
}
