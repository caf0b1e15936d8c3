//! The catalogue of labels and scale wording used by reflections and check-ins.
//!
//! All wording is Respite's own; no published questionnaire is reproduced. Every item
//! has a stable id (or level) that is what gets stored, and English display text that
//! shells may replace with a translation keyed by the same id. The items themselves
//! are data: `en/catalogue.json`.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Where an emotion sits on pleasantness × energy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case")]
pub enum Quadrant {
    /// Pleasant and energised.
    HighEnergyPleasant,
    /// Unpleasant and energised.
    HighEnergyUnpleasant,
    /// Unpleasant and low in energy.
    LowEnergyUnpleasant,
    /// Pleasant and low in energy.
    LowEnergyPleasant,
}

/// An emotion label.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct EmotionLabel {
    /// Stable id, stored in records.
    pub id: String,
    /// English display text.
    pub text: String,
    /// The quadrant it belongs to.
    pub quadrant: Quadrant,
}

/// A label with an id and display text (body sensations, needs).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct Label {
    /// Stable id, stored in records.
    pub id: String,
    /// English display text.
    pub text: String,
}

/// The wording of one point on a numbered scale.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct ScalePoint {
    /// The stored value.
    pub value: u8,
    /// English display text.
    pub text: String,
}

/// Where someone is on the stress continuum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case")]
pub enum StressZone {
    /// Coping well.
    Ready,
    /// Stress is showing and passes.
    Reacting,
    /// Stress is stronger and does not settle on its own.
    Injured,
    /// Persistent distress; more support is needed.
    Ill,
}

impl StressZone {
    /// The stable name of this zone.
    pub fn as_str(self) -> &'static str {
        match self {
            StressZone::Ready => "ready",
            StressZone::Reacting => "reacting",
            StressZone::Injured => "injured",
            StressZone::Ill => "ill",
        }
    }
}

/// A stress zone with its display name and description.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct StressZoneText {
    /// The zone.
    pub zone: StressZone,
    /// Short display name.
    pub name: String,
    /// What being in this zone tends to feel like.
    pub description: String,
}

/// The four recovery experiences after work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case")]
pub enum RecoveryExperience {
    /// Mentally leaving work behind.
    Detachment,
    /// Unhurried, restful time.
    Relaxation,
    /// Growth or a good challenge outside work.
    Mastery,
    /// Shaping one's own free time.
    Control,
}

/// The statement a recovery experience is rated against (1–5 agreement).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct RecoveryItem {
    /// Which experience.
    pub experience: RecoveryExperience,
    /// The statement.
    pub text: String,
}

/// Where a check-in was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "kebab-case")]
pub enum CheckInContext {
    /// During the workday.
    Workday,
    /// Between work and home.
    Transition,
    /// At home.
    Home,
}

impl CheckInContext {
    /// The stable name of this context.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckInContext::Workday => "workday",
            CheckInContext::Transition => "transition",
            CheckInContext::Home => "home",
        }
    }
}

/// Everything a shell needs to show reflection and check-in choices.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct Catalogue {
    /// Emotion labels, grouped by quadrant in this order.
    pub emotions: Vec<EmotionLabel>,
    /// Body sensations for after-session reflections.
    pub body_sensations: Vec<Label>,
    /// "What I need now" choices for after-session reflections.
    pub needs: Vec<Label>,
    /// The stress continuum.
    pub stress_zones: Vec<StressZoneText>,
    /// Self-rated burnout, 1–5.
    pub burnout_levels: Vec<ScalePoint>,
    /// Statements for the four recovery experiences.
    pub recovery_items: Vec<RecoveryItem>,
    /// The 1–5 agreement scale for recovery statements.
    pub recovery_scale: Vec<ScalePoint>,
    /// How much work thoughts intruded, 0–4.
    pub work_intrusion_levels: Vec<ScalePoint>,
    /// Sleep quality, 1–5.
    pub sleep_quality_levels: Vec<ScalePoint>,
    /// Session intensity and activation, 0–10: the wording of a few anchor points.
    pub intensity_anchors: Vec<ScalePoint>,
}

/// The catalogue, parsed once from `en/catalogue.json`.
fn loaded() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| super::parse("catalogue.json", include_str!("en/catalogue.json")))
}

/// The whole catalogue.
pub(crate) fn catalogue() -> Catalogue {
    loaded().clone()
}

/// The ids and display texts of every emotion, body sensation and need.
fn labels() -> impl Iterator<Item = (&'static str, &'static str)> {
    let c = loaded();
    c.emotions
        .iter()
        .map(|e| (e.id.as_str(), e.text.as_str()))
        .chain(
            c.body_sensations
                .iter()
                .map(|l| (l.id.as_str(), l.text.as_str())),
        )
        .chain(c.needs.iter().map(|l| (l.id.as_str(), l.text.as_str())))
}

/// The display text of an emotion, body sensation or need.
pub(crate) fn text_of(id: &str) -> Option<&'static str> {
    labels()
        .find(|(known, _)| *known == id)
        .map(|(_, text)| text)
}

/// Whether `id` is an emotion label.
pub(crate) fn is_emotion(id: &str) -> bool {
    loaded().emotions.iter().any(|e| e.id == id)
}

/// Whether `id` is a body sensation.
pub(crate) fn is_body_sensation(id: &str) -> bool {
    loaded().body_sensations.iter().any(|l| l.id == id)
}

/// Whether `id` is a need.
pub(crate) fn is_need(id: &str) -> bool {
    loaded().needs.iter().any(|l| l.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let c = catalogue();
        let mut all = HashSet::new();
        let ids = c
            .emotions
            .iter()
            .map(|e| &e.id)
            .chain(c.body_sensations.iter().map(|l| &l.id))
            .chain(c.needs.iter().map(|l| &l.id));
        for id in ids {
            assert!(all.insert(id.clone()), "duplicate id {id}");
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{id}"
            );
        }
    }

    #[test]
    fn every_quadrant_has_several_emotions() {
        let c = catalogue();
        for q in [
            Quadrant::HighEnergyPleasant,
            Quadrant::HighEnergyUnpleasant,
            Quadrant::LowEnergyUnpleasant,
            Quadrant::LowEnergyPleasant,
        ] {
            assert!(c.emotions.iter().filter(|e| e.quadrant == q).count() >= 6);
        }
    }

    #[test]
    fn scales_cover_their_ranges() {
        let c = catalogue();
        let values = |p: &[ScalePoint]| p.iter().map(|p| p.value).collect::<Vec<_>>();
        assert_eq!(values(&c.burnout_levels), vec![1, 2, 3, 4, 5]);
        assert_eq!(values(&c.recovery_scale), vec![1, 2, 3, 4, 5]);
        assert_eq!(values(&c.work_intrusion_levels), vec![0, 1, 2, 3, 4]);
        assert_eq!(values(&c.sleep_quality_levels), vec![1, 2, 3, 4, 5]);
        assert_eq!(c.recovery_items.len(), 4);
        assert_eq!(c.stress_zones.len(), 4);
    }
}
