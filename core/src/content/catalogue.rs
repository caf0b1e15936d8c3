//! The catalogue of labels and scale wording used by reflections and check-ins.
//!
//! All wording is Respite's own; no published questionnaire is reproduced. Every item
//! has a stable id (or level) that is what gets stored, and English display text that
//! shells may replace with a translation keyed by the same id.

use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EmotionLabel {
    /// Stable id, stored in records.
    pub id: String,
    /// English display text.
    pub text: String,
    /// The quadrant it belongs to.
    pub quadrant: Quadrant,
}

/// A label with an id and display text (body sensations, needs).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Label {
    /// Stable id, stored in records.
    pub id: String,
    /// English display text.
    pub text: String,
}

/// The wording of one point on a numbered scale.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
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
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
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
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
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
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
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

const EMOTIONS: &[(&str, &str, Quadrant)] = {
    use Quadrant::*;
    &[
        ("energised", "Energised", HighEnergyPleasant),
        ("hopeful", "Hopeful", HighEnergyPleasant),
        ("proud", "Proud", HighEnergyPleasant),
        ("inspired", "Inspired", HighEnergyPleasant),
        ("playful", "Playful", HighEnergyPleasant),
        ("engaged", "Engaged", HighEnergyPleasant),
        ("joyful", "Joyful", HighEnergyPleasant),
        ("anxious", "Anxious", HighEnergyUnpleasant),
        ("overwhelmed", "Overwhelmed", HighEnergyUnpleasant),
        ("frustrated", "Frustrated", HighEnergyUnpleasant),
        ("angry", "Angry", HighEnergyUnpleasant),
        ("on-edge", "On edge", HighEnergyUnpleasant),
        ("restless", "Restless", HighEnergyUnpleasant),
        ("irritable", "Irritable", HighEnergyUnpleasant),
        ("shaken", "Shaken", HighEnergyUnpleasant),
        ("sad", "Sad", LowEnergyUnpleasant),
        ("drained", "Drained", LowEnergyUnpleasant),
        ("numb", "Numb", LowEnergyUnpleasant),
        ("heavy", "Heavy", LowEnergyUnpleasant),
        ("discouraged", "Discouraged", LowEnergyUnpleasant),
        ("lonely", "Lonely", LowEnergyUnpleasant),
        ("helpless", "Helpless", LowEnergyUnpleasant),
        ("disconnected", "Disconnected", LowEnergyUnpleasant),
        ("guilty", "Guilty", LowEnergyUnpleasant),
        ("calm", "Calm", LowEnergyPleasant),
        ("content", "Content", LowEnergyPleasant),
        ("relieved", "Relieved", LowEnergyPleasant),
        ("grateful", "Grateful", LowEnergyPleasant),
        ("connected", "Connected", LowEnergyPleasant),
        ("rested", "Rested", LowEnergyPleasant),
        ("safe", "Safe", LowEnergyPleasant),
        ("tender", "Tender", LowEnergyPleasant),
    ]
};

const BODY_SENSATIONS: &[(&str, &str)] = &[
    ("tight-chest", "Tight chest"),
    ("racing-heart", "Racing heart"),
    ("shallow-breath", "Shallow breathing"),
    ("tense-shoulders", "Tense shoulders or neck"),
    ("clenched-jaw", "Clenched jaw"),
    ("headache", "Headache"),
    ("knotted-stomach", "Knot in the stomach"),
    ("lump-in-throat", "Lump in the throat"),
    ("tearful", "Close to tears"),
    ("heavy-limbs", "Heavy limbs"),
    ("restless-body", "Can't sit still"),
    ("shaky", "Shaky"),
    ("numb-body", "Numb or far away"),
    ("exhausted", "Bone-tired"),
    ("settled", "Settled in my body"),
];

const NEEDS: &[(&str, &str)] = &[
    ("pause", "A few minutes to pause"),
    ("breathe", "To slow my breathing"),
    ("ground", "To ground myself"),
    ("water-food", "Water or something to eat"),
    ("move", "To move my body"),
    ("fresh-air", "Fresh air"),
    ("talk-colleague", "To talk it through with a colleague"),
    ("supervision", "Supervision or consultation"),
    ("quiet", "Quiet"),
    ("write", "To write it down"),
    ("cry", "To let myself cry"),
    ("kindness", "To be kind to myself"),
    ("leave-on-time", "To leave on time today"),
    ("nothing", "Nothing right now"),
];

const STRESS_ZONES: &[(StressZone, &str, &str)] = &[
    (
        StressZone::Ready,
        "Ready",
        "Steady. I'm coping, and I have energy for the work and for myself.",
    ),
    (
        StressZone::Reacting,
        "Reacting",
        "Stretched. Stress shows up — a shorter fuse, worry, a restless night — but it passes.",
    ),
    (
        StressZone::Injured,
        "Injured",
        "Struggling. It's stronger and doesn't settle on its own; it's reaching into work or home.",
    ),
    (
        StressZone::Ill,
        "Ill",
        "Unwell. It has lasted and it's hard to function; I need more support than usual.",
    ),
];

const BURNOUT: &[&str] = &[
    "I feel like myself at work: tired at times, but not worn down.",
    "Stress shows up now and then and my energy dips, but I bounce back.",
    "I'm starting to feel worn down, and rest doesn't fully refill me.",
    "I'm worn down most days; the work takes more than I get back.",
    "I'm running on empty and need real support.",
];

const RECOVERY_ITEMS: &[(RecoveryExperience, &str)] = &[
    (
        RecoveryExperience::Detachment,
        "After work, my mind was able to leave the job behind.",
    ),
    (
        RecoveryExperience::Relaxation,
        "I had stretches of time that felt unhurried and restful.",
    ),
    (
        RecoveryExperience::Mastery,
        "I did something outside work that felt like growth or a good challenge.",
    ),
    (
        RecoveryExperience::Control,
        "My free time today was mine to shape, on my own terms.",
    ),
];

const RECOVERY_SCALE: &[&str] = &["Not at all", "A little", "Somewhat", "Mostly", "Fully"];

const WORK_INTRUSION: &[&str] = &[
    "Work stayed at work.",
    "A few passing thoughts about work.",
    "Work came to mind now and then.",
    "Work kept tugging at my attention.",
    "Work filled my evening; I couldn't set it down.",
];

const SLEEP_QUALITY: &[&str] = &["Very poor", "Poor", "Okay", "Good", "Very good"];

const INTENSITY_ANCHORS: &[(u8, &str)] = &[
    (0, "Nothing stirred"),
    (3, "Noticeable, easy to carry"),
    (5, "Stayed with me"),
    (8, "Hard to hold"),
    (10, "As intense as it gets"),
];

/// The whole catalogue.
pub(crate) fn catalogue() -> Catalogue {
    fn points(texts: &[&str], first: u8) -> Vec<ScalePoint> {
        texts
            .iter()
            .zip(first..)
            .map(|(text, value)| ScalePoint {
                value,
                text: (*text).to_owned(),
            })
            .collect()
    }
    fn labels(items: &[(&str, &str)]) -> Vec<Label> {
        items
            .iter()
            .map(|(id, text)| Label {
                id: (*id).to_owned(),
                text: (*text).to_owned(),
            })
            .collect()
    }
    Catalogue {
        emotions: EMOTIONS
            .iter()
            .map(|(id, text, quadrant)| EmotionLabel {
                id: (*id).to_owned(),
                text: (*text).to_owned(),
                quadrant: *quadrant,
            })
            .collect(),
        body_sensations: labels(BODY_SENSATIONS),
        needs: labels(NEEDS),
        stress_zones: STRESS_ZONES
            .iter()
            .map(|(zone, name, description)| StressZoneText {
                zone: *zone,
                name: (*name).to_owned(),
                description: (*description).to_owned(),
            })
            .collect(),
        burnout_levels: points(BURNOUT, 1),
        recovery_items: RECOVERY_ITEMS
            .iter()
            .map(|(experience, text)| RecoveryItem {
                experience: *experience,
                text: (*text).to_owned(),
            })
            .collect(),
        recovery_scale: points(RECOVERY_SCALE, 1),
        work_intrusion_levels: points(WORK_INTRUSION, 0),
        sleep_quality_levels: points(SLEEP_QUALITY, 1),
        intensity_anchors: INTENSITY_ANCHORS
            .iter()
            .map(|(value, text)| ScalePoint {
                value: *value,
                text: (*text).to_owned(),
            })
            .collect(),
    }
}

/// The display text of an emotion, body sensation or need.
pub(crate) fn text_of(id: &str) -> Option<&'static str> {
    EMOTIONS
        .iter()
        .map(|(known, text, _)| (known, text))
        .chain(BODY_SENSATIONS.iter().map(|(known, text)| (known, text)))
        .chain(NEEDS.iter().map(|(known, text)| (known, text)))
        .find(|(known, _)| **known == id)
        .map(|(_, text)| *text)
}

/// Whether `id` is an emotion label.
pub(crate) fn is_emotion(id: &str) -> bool {
    EMOTIONS.iter().any(|(known, _, _)| *known == id)
}

/// Whether `id` is a body sensation.
pub(crate) fn is_body_sensation(id: &str) -> bool {
    BODY_SENSATIONS.iter().any(|(known, _)| *known == id)
}

/// Whether `id` is a need.
pub(crate) fn is_need(id: &str) -> bool {
    NEEDS.iter().any(|(known, _)| *known == id)
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
