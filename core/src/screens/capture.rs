//! The capture screens' rules: the mood pad's reading, which emotion words come
//! first, taking a typed word, and the hints a form shows before saving.

use crate::checkins::CheckInData;
use crate::content::catalogue::{self, EmotionLabel, LabelKind, Quadrant};
use crate::content::wording::{self, param};
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::prompts::transition::EveningAnswers;
use crate::time::LocalMoment;

/// Where a tap on the pleasantness × energy pad lands.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct PadReading {
    /// Pleasantness, −1 (unpleasant) … 1 (pleasant).
    pub pleasantness: f64,
    /// Energy, 0 (drained) … 1 (energised).
    pub energy: f64,
    /// The pad's corner, whose emotion words are offered first.
    pub quadrant: Quadrant,
}

/// The reading of a tap at `x` (0 left, unpleasant … 1 right, pleasant) and `y`
/// (0 bottom, drained … 1 top, energised). A tap just past an edge counts as on it;
/// a value that is not a number is refused.
pub(crate) fn pad_reading(x: f64, y: f64) -> Result<PadReading> {
    for (field, v) in [("x", x), ("y", y)] {
        if !v.is_finite() {
            return Err(RespiteError::invalid(field, "must be a finite number").into());
        }
    }
    let (x, y) = (x.clamp(0.0, 1.0), y.clamp(0.0, 1.0));
    let quadrant = match (x >= 0.5, y >= 0.5) {
        (true, true) => Quadrant::HighEnergyPleasant,
        (false, true) => Quadrant::HighEnergyUnpleasant,
        (false, false) => Quadrant::LowEnergyUnpleasant,
        (true, false) => Quadrant::LowEnergyPleasant,
    };
    Ok(PadReading {
        pleasantness: x * 2.0 - 1.0,
        energy: y,
        quadrant,
    })
}

/// Every emotion word, those of `quadrant` first (the catalogue's order otherwise).
pub(crate) fn emotion_choices(quadrant: Option<Quadrant>) -> Vec<EmotionLabel> {
    let mut emotions = catalogue::catalogue().emotions;
    if let Some(q) = quadrant {
        emotions.sort_by_key(|e| e.quadrant != q);
    }
    emotions
}

/// The labels chosen after a word was typed, and what to say about it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TypedLabel {
    /// The chosen label ids, the typed one added once at the end.
    pub chosen: Vec<String>,
    /// Whether the word was taken (false: it could not be kept, and the field keeps it).
    pub taken: bool,
    /// What to show under the field: that it was kept as the person's own word (with
    /// close catalogue words to tap instead), or why it could not be; none for a
    /// catalogue word.
    pub hint: Option<String>,
    /// Close catalogue words (their texts), to offer as chips.
    pub close: Vec<String>,
}

/// `chosen` with the word typed for a label of `kind` added: the catalogue's id when
/// the word names one, else the person's own word (never refused for being unknown).
pub(crate) fn with_typed_label(kind: LabelKind, word: &str, mut chosen: Vec<String>) -> TypedLabel {
    let found = catalogue::match_label(kind, word);
    let Some(id) = found.id.clone().or(found.own.clone()) else {
        return TypedLabel {
            chosen,
            taken: false,
            hint: (!word.trim().is_empty()).then(|| wording::text("capture.not-a-word").to_owned()),
            close: found.close,
        };
    };
    if !chosen.contains(&id) {
        chosen.push(id);
    }
    let hint = found.id.is_none().then(|| {
        let word = param("word", word.trim());
        if found.close.is_empty() {
            wording::fill("capture.own-word", &[word])
        } else {
            let close = param("close", found.close.join(", "));
            wording::fill("capture.own-word.close", &[word, close])
        }
    });
    TypedLabel {
        chosen,
        taken: true,
        hint,
        close: found.close,
    }
}

/// One hint under a field of a capture form.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FieldHint {
    /// The core's name of the field (`sleep_hours`, `note`; `check_in` for the whole form).
    pub field: String,
    /// What to say, in plain words.
    pub text: String,
}

/// What a capture form allows right now.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CaptureCheck {
    /// Whether saving would be taken as it stands.
    pub can_save: bool,
    /// Hints to show, in the order of the form: each value saving would refuse, or
    /// what is enough to save when nothing is answered yet.
    pub hints: Vec<FieldHint>,
}

/// The check-in form as filled in so far.
pub(crate) fn checkin_check(data: &CheckInData) -> CaptureCheck {
    check(data, "capture.empty.check-in")
}

/// The evening check as answered so far.
pub(crate) fn evening_check(answers: &EveningAnswers) -> CaptureCheck {
    let data = answers.clone().into_checkin(any_moment(), None);
    check(&data, "capture.empty.evening")
}

/// A moment for checking values that do not depend on it.
fn any_moment() -> LocalMoment {
    LocalMoment {
        at: chrono::DateTime::UNIX_EPOCH,
        utc_offset_minutes: 0,
    }
}

fn check(data: &CheckInData, empty_key: &str) -> CaptureCheck {
    let mut hints: Vec<FieldHint> = data
        .problems()
        .into_iter()
        .filter_map(|problem| match RespiteError::from(problem) {
            RespiteError::InvalidInput { field, reason } => Some(FieldHint {
                text: wording::fill(
                    "capture.problem",
                    &[
                        param(
                            "field",
                            wording::text(&format!("capture.field.{}", field.replace('_', "-"))),
                        ),
                        param("reason", reason),
                    ],
                ),
                field,
            }),
            _ => None,
        })
        .collect();
    if !data.has_values() {
        hints.push(FieldHint {
            field: "check_in".to_owned(),
            text: wording::text(empty_key).to_owned(),
        });
    }
    CaptureCheck {
        can_save: hints.is_empty(),
        hints,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pad_maps_corners_and_clamps_edges() {
        let r = pad_reading(1.0, 1.0).unwrap();
        assert_eq!((r.pleasantness, r.energy), (1.0, 1.0));
        assert_eq!(r.quadrant, Quadrant::HighEnergyPleasant);
        let r = pad_reading(-0.02, 0.2).unwrap();
        assert_eq!(r.pleasantness, -1.0);
        assert_eq!(r.quadrant, Quadrant::LowEnergyUnpleasant);
        assert_eq!(
            pad_reading(0.2, 0.9).unwrap().quadrant,
            Quadrant::HighEnergyUnpleasant
        );
        assert_eq!(
            pad_reading(0.7, 0.1).unwrap().quadrant,
            Quadrant::LowEnergyPleasant
        );
        assert!(pad_reading(f64::NAN, 0.5).is_err());
        assert!(pad_reading(0.5, f64::INFINITY).is_err());
    }

    #[test]
    fn the_tapped_corner_comes_first_and_nothing_is_dropped() {
        let all = emotion_choices(None);
        let sorted = emotion_choices(Some(Quadrant::LowEnergyPleasant));
        assert_eq!(all.len(), sorted.len());
        let first_other = sorted
            .iter()
            .position(|e| e.quadrant != Quadrant::LowEnergyPleasant)
            .unwrap();
        assert!(first_other >= 6);
        assert!(sorted[first_other..]
            .iter()
            .all(|e| e.quadrant != Quadrant::LowEnergyPleasant));
    }

    #[test]
    fn a_typed_word_is_a_catalogue_id_or_kept_as_the_persons_own() {
        let known = catalogue::catalogue().emotions[0].clone();
        let t = with_typed_label(LabelKind::Emotion, &known.text.to_uppercase(), vec![]);
        assert_eq!(
            (t.chosen, t.taken, t.hint),
            (vec![known.id.clone()], true, None)
        );

        let t = with_typed_label(LabelKind::Emotion, " flattened ", vec![known.id.clone()]);
        assert!(t.taken);
        assert_eq!(t.chosen, vec![known.id.clone(), "own:flattened".to_owned()]);
        assert!(t.hint.unwrap().contains("“flattened”"));

        // Typing it again does not add it twice.
        let again = with_typed_label(LabelKind::Emotion, "flattened", t.chosen.clone());
        assert_eq!(again.chosen, t.chosen);

        let empty = with_typed_label(LabelKind::Emotion, "  ", vec![]);
        assert!(!empty.taken && empty.hint.is_none() && empty.chosen.is_empty());
        let long = with_typed_label(LabelKind::Emotion, &"x".repeat(41), vec![]);
        assert!(!long.taken && long.hint.is_some());
    }

    #[test]
    fn every_field_a_check_in_can_refuse_has_a_name() {
        let all_bad = CheckInData {
            pleasantness: Some(2.0),
            energy: Some(-1.0),
            sleep_hours: Some(-1.0),
            burnout: Some(0),
            sleep_quality: Some(9),
            detachment: Some(9),
            relaxation: Some(9),
            mastery: Some(9),
            control: Some(9),
            worthwhile: Some(9),
            work_intrusion: Some(9),
            note: Some("\u{7}".into()),
            ..CheckInData::new(any_moment())
        };
        let hints = checkin_check(&all_bad).hints;
        assert_eq!(hints.len(), 12);
        for hint in hints {
            let name = format!("capture.field.{}", hint.field.replace('_', "-"));
            assert!(wording::has(&name), "{name}");
        }
    }

    #[test]
    fn hints_name_every_refused_value_and_what_is_enough() {
        let empty = checkin_check(&CheckInData::new(any_moment()));
        assert!(!empty.can_save);
        assert_eq!(empty.hints[0].field, "check_in");

        let one = CheckInData {
            energy: Some(0.3),
            ..CheckInData::new(any_moment())
        };
        assert_eq!(
            checkin_check(&one),
            CaptureCheck {
                can_save: true,
                hints: vec![]
            }
        );

        let bad = CheckInData {
            sleep_hours: Some(30.0),
            burnout: Some(9),
            ..one
        };
        let check = checkin_check(&bad);
        assert!(!check.can_save);
        let fields: Vec<&str> = check.hints.iter().map(|h| h.field.as_str()).collect();
        assert_eq!(fields, ["sleep_hours", "burnout"]);
        assert_eq!(check.hints[0].text, "Hours slept must be between 0 and 24.");

        let evening = evening_check(&EveningAnswers::default());
        assert!(!evening.can_save);
        let answered = EveningAnswers {
            work_intrusion: Some(2),
            ..EveningAnswers::default()
        };
        assert!(evening_check(&answered).can_save);
    }
}
