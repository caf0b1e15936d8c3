//! The catalogue of labels and scale wording used by reflections and check-ins.
//!
//! All wording is Respite's own; no published questionnaire is reproduced. Every item
//! has a stable id (or level) that is what gets stored, and English display text that
//! shells may replace with a translation keyed by the same id. The items themselves
//! are data: `en/catalogue.json`.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::validate;

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
    /// The compassion-satisfaction statement (answered on the recovery scale).
    pub worthwhile_item: String,
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
pub(crate) fn text_of(id: &str) -> Option<&str> {
    if let Some(own) = id.strip_prefix(OWN_LABEL) {
        return Some(own);
    }
    labels()
        .find(|(known, _)| *known == id)
        .map(|(_, text)| text)
}

/// The prefix of a label in the person's own words ("own:numb"), kept next to the
/// catalogue's ids when no catalogue word fits.
pub const OWN_LABEL: &str = "own:";

/// The most characters of an own label's word.
const MAX_OWN_LABEL_CHARS: usize = 40;

/// The kinds of catalogue word a person picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LabelKind {
    /// A feeling (emotions of the mood pad).
    Emotion,
    /// A body sensation.
    BodySensation,
    /// A need.
    Need,
}

impl LabelKind {
    fn labels(self) -> Box<dyn Iterator<Item = (&'static str, &'static str)>> {
        let c = loaded();
        match self {
            LabelKind::Emotion => {
                Box::new(c.emotions.iter().map(|e| (e.id.as_str(), e.text.as_str())))
            }
            LabelKind::BodySensation => Box::new(
                c.body_sensations
                    .iter()
                    .map(|l| (l.id.as_str(), l.text.as_str())),
            ),
            LabelKind::Need => Box::new(c.needs.iter().map(|l| (l.id.as_str(), l.text.as_str()))),
        }
    }
}

/// A word as compared with the catalogue: lowercase, hyphens and underscores as
/// spaces, runs of spaces as one.
fn folded(word: &str) -> String {
    word.to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The id of the label of `kind` that `word` names — by its id or its English text, in
/// any case, with spaces or hyphens — or, when none does, the texts of up to three
/// close ones (by edit distance, or containing the word).
pub(crate) fn resolve(
    kind: LabelKind,
    word: &str,
) -> std::result::Result<&'static str, Vec<&'static str>> {
    let wanted = folded(word);
    if let Some((id, _)) = kind
        .labels()
        .find(|(id, text)| folded(id) == wanted || folded(text) == wanted)
    {
        return Ok(id);
    }
    let limit = (wanted.chars().count() / 3).max(2);
    let mut close: Vec<(usize, &'static str)> = kind
        .labels()
        .filter_map(|(id, text)| {
            let text_folded = folded(text);
            let contains = !wanted.is_empty()
                && text_folded
                    .split(' ')
                    .any(|w| w == wanted || (wanted.len() >= 4 && w.starts_with(&wanted)));
            let distance = if contains {
                0
            } else {
                edit_distance(&wanted, &folded(id)).min(edit_distance(&wanted, &text_folded))
            };
            (distance <= limit).then_some((distance, text))
        })
        .collect();
    close.sort_by_key(|(distance, _)| *distance);
    Err(close.into_iter().take(3).map(|(_, text)| text).collect())
}

/// The own label of `word` (trimmed), when it is one line of 1–40 characters.
fn own_label(word: &str) -> Option<String> {
    let word = word.trim();
    let fits = !word.is_empty()
        && word.chars().count() <= MAX_OWN_LABEL_CHARS
        && !word.chars().any(char::is_control);
    fits.then(|| format!("{OWN_LABEL}{word}"))
}

/// How a typed word matches the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LabelMatch {
    /// The id of the catalogue word it names (by id or English text), if any.
    pub id: Option<String>,
    /// When it names none: up to three close catalogue words (their texts).
    pub close: Vec<String>,
    /// The id that keeps it as the person's own word (`own:` and the word), when it
    /// is one line of 1–40 characters.
    pub own: Option<String>,
}

/// How `word` matches the catalogue words of `kind`: the capture rule both shells
/// and the CLI apply as a word is typed, so no answer is lost at saving.
pub(crate) fn match_label(kind: LabelKind, word: &str) -> LabelMatch {
    match resolve(kind, word) {
        Ok(id) => LabelMatch {
            id: Some(id.to_owned()),
            close: Vec::new(),
            own: None,
        },
        Err(close) => LabelMatch {
            id: None,
            close: close.into_iter().map(str::to_owned).collect(),
            own: own_label(word),
        },
    }
}

/// The de-duplicated ids of `words` (ids or English texts of labels of `kind`, or own
/// labels: `own:` and a word). A word Respite does not know is named by its place in
/// the list, with close words to pick from: never quoted, since it is the person's text.
pub(crate) fn label_ids(field: &str, words: Vec<String>, kind: LabelKind) -> Result<Vec<String>> {
    let mut ids: Vec<String> = Vec::with_capacity(words.len());
    for (n, word) in words.iter().enumerate() {
        if let Some(own) = word.strip_prefix(OWN_LABEL) {
            let id = own_label(own).ok_or_else(|| {
                RespiteError::invalid(
                    field,
                    format!(
                        "item {} is an own word that is empty, over {MAX_OWN_LABEL_CHARS} characters or not one line",
                        n + 1
                    ),
                )
            })?;
            if !ids.contains(&id) {
                ids.push(id);
            }
            continue;
        }
        match resolve(kind, word) {
            Ok(id) => {
                if !ids.iter().any(|known| known == id) {
                    ids.push(id.to_owned());
                }
            }
            Err(close) => {
                let hint = if close.is_empty() {
                    String::new()
                } else {
                    format!("; close words: {}", close.join(", "))
                };
                return Err(RespiteError::invalid(
                    field,
                    format!("item {} is not a word Respite knows{hint}", n + 1),
                )
                .into());
            }
        }
    }
    validate::check_count(field, ids.len())?;
    Ok(ids)
}

/// Levenshtein distance of two short words, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
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

#[cfg(test)]
mod label_tests {
    use super::*;

    #[test]
    fn labels_are_found_by_id_or_english_text_in_any_form() {
        assert_eq!(resolve(LabelKind::Emotion, "hopeful"), Ok("hopeful"));
        assert_eq!(resolve(LabelKind::Emotion, "  Hopeful "), Ok("hopeful"));
        assert_eq!(
            resolve(LabelKind::BodySensation, "Tight chest"),
            Ok("tight-chest")
        );
        assert_eq!(
            resolve(LabelKind::BodySensation, "tight_chest"),
            Ok("tight-chest")
        );
        assert_eq!(
            resolve(LabelKind::Need, "to slow my breathing"),
            Ok("breathe")
        );
    }

    #[test]
    fn a_persons_own_word_is_kept_as_an_own_label() {
        let typed = match_label(LabelKind::Emotion, "wrung out ");
        assert_eq!(typed.id, None);
        assert_eq!(typed.own.as_deref(), Some("own:wrung out"));
        assert_eq!(
            label_ids(
                "feelings",
                vec![
                    "own:wrung out".into(),
                    "tired".into(),
                    "own: wrung out".into()
                ],
                LabelKind::Emotion
            )
            .unwrap(),
            vec!["own:wrung out".to_owned(), "tired".to_owned()]
        );
        assert_eq!(text_of("own:wrung out"), Some("wrung out"));
        for bad in ["own:", "own:   ", "own:a\nb"] {
            assert!(label_ids("feelings", vec![bad.into()], LabelKind::Emotion).is_err());
        }
        let long = format!("own:{}", "x".repeat(41));
        assert!(label_ids("feelings", vec![long], LabelKind::Emotion).is_err());
        assert_eq!(
            match_label(LabelKind::Need, "Fresh air").id.as_deref(),
            Some("fresh-air")
        );
    }

    #[test]
    fn an_unknown_word_gets_close_words_and_is_named_by_place_only() {
        let close = resolve(LabelKind::Emotion, "hopefull").unwrap_err();
        assert!(close.contains(&"Hopeful"), "{close:?}");
        let close = resolve(LabelKind::BodySensation, "breathing").unwrap_err();
        assert!(close.contains(&"Shallow breathing"), "{close:?}");
        let err = label_ids(
            "feelings",
            vec!["proud".into(), "hopefull".into()],
            LabelKind::Emotion,
        )
        .unwrap_err();
        let text = format!("{err:?}");
        assert!(
            text.contains("item 2") && text.contains("Hopeful"),
            "{text}"
        );
        assert!(
            !text.contains("hopefull"),
            "the person's word is not quoted: {text}"
        );
        assert_eq!(
            label_ids(
                "feelings",
                vec!["Proud".into(), "proud".into()],
                LabelKind::Emotion
            )
            .unwrap(),
            vec!["proud"]
        );
    }
}
