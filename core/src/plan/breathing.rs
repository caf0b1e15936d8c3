//! Paced breathing: a practice to do, not only to log. The out-breath is longer than
//! the in-breath (4 s in, 6 s out: six breaths a minute), for about a minute; the
//! core gives the pattern and its wording, the shells animate it and the CLI shows it
//! in the terminal. After a session the flow is activation → the practice → "and now?".

use crate::content::wording::{self, WordedLine};
use crate::error::internal::Result;
use crate::error::RespiteError;

/// The starter practice this is (`content/en/plan-suggestions.json`).
const PRACTICE_ID: &str = "slow-breathing";
/// Seconds of each in-breath.
const IN_SECONDS: u32 = 4;
/// Seconds of each out-breath: longer, which is what slows the body down.
const OUT_SECONDS: u32 = 6;
/// The usual length of the practice.
pub const BREATHING_SECONDS: u32 = 60;
/// The shortest and longest lengths asked for.
const MIN_SECONDS: u32 = 10;
const MAX_SECONDS: u32 = 600;

/// One half of a breath.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum BreathPhase {
    /// Breathing in.
    In,
    /// Breathing out, slowly.
    Out,
}

/// One step of the practice, at its offset from the start.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BreathStep {
    /// In or out.
    pub phase: BreathPhase,
    /// Milliseconds from the start.
    pub starts_at_ms: u32,
    /// How long, in seconds.
    pub seconds: u32,
    /// What to show or say.
    pub cue: WordedLine,
}

/// The whole practice, ready to play.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BreathingPractice {
    /// The practice id to log it under (the starter practice of slow breathing).
    pub practice_id: String,
    /// What to show first.
    pub intro: WordedLine,
    /// Seconds of each in-breath.
    pub in_seconds: u32,
    /// Seconds of each out-breath.
    pub out_seconds: u32,
    /// Every step, in order; together they last the whole practice.
    pub steps: Vec<BreathStep>,
    /// The whole length, in seconds (whole breaths, so at most the length asked for).
    pub total_seconds: u32,
    /// What to ask afterwards.
    pub after: WordedLine,
}

/// The practice for about `seconds` (10–600; `None`: a minute), in whole breaths.
pub(crate) fn paced_breathing(seconds: Option<u32>) -> Result<BreathingPractice> {
    let wanted = seconds.unwrap_or(BREATHING_SECONDS);
    if !(MIN_SECONDS..=MAX_SECONDS).contains(&wanted) {
        return Err(RespiteError::invalid(
            "seconds",
            format!("must be between {MIN_SECONDS} and {MAX_SECONDS}"),
        )
        .into());
    }
    let breath = IN_SECONDS + OUT_SECONDS;
    let breaths = wanted / breath;
    let mut steps = Vec::new();
    for n in 0..breaths {
        let start = n * breath * 1000;
        steps.push(BreathStep {
            phase: BreathPhase::In,
            starts_at_ms: start,
            seconds: IN_SECONDS,
            cue: wording::line("breathing.in", Vec::new()),
        });
        steps.push(BreathStep {
            phase: BreathPhase::Out,
            starts_at_ms: start + IN_SECONDS * 1000,
            seconds: OUT_SECONDS,
            cue: wording::line("breathing.out", Vec::new()),
        });
    }
    Ok(BreathingPractice {
        practice_id: PRACTICE_ID.to_owned(),
        intro: wording::line("breathing.intro", Vec::new()),
        in_seconds: IN_SECONDS,
        out_seconds: OUT_SECONDS,
        total_seconds: breaths * breath,
        steps,
        after: wording::line("breathing.after", Vec::new()),
    })
}

/// Where the practice is at one moment, for drawing it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct BreathMoment {
    /// The step under way (its cue is what to show).
    pub step: BreathStep,
    /// How full the breathing circle is, 0 … 1: it grows on the in-breath and
    /// shrinks on the out-breath.
    pub size: f64,
}

/// The practice `elapsed_ms` after it started; none once it is over.
pub(crate) fn moment_at(practice: &BreathingPractice, elapsed_ms: u64) -> Option<BreathMoment> {
    let step = practice
        .steps
        .iter()
        .rev()
        .find(|s| u64::from(s.starts_at_ms) <= elapsed_ms)?;
    let length = u64::from(step.seconds) * 1000;
    let into = elapsed_ms - u64::from(step.starts_at_ms);
    if into >= length {
        return None;
    }
    let fraction = into as f64 / length as f64;
    Some(BreathMoment {
        step: step.clone(),
        size: match step.phase {
            BreathPhase::In => fraction,
            BreathPhase::Out => 1.0 - fraction,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_circle_grows_on_the_in_breath_and_shrinks_on_the_out_breath_until_the_end() {
        let p = paced_breathing(None).unwrap();
        let at = |ms| moment_at(&p, ms).map(|m| (m.step.phase, m.size));
        assert_eq!(at(0), Some((BreathPhase::In, 0.0)));
        assert_eq!(at(2_000), Some((BreathPhase::In, 0.5)));
        assert_eq!(at(4_000), Some((BreathPhase::Out, 1.0)));
        assert_eq!(at(7_000), Some((BreathPhase::Out, 0.5)));
        assert_eq!(at(10_000), Some((BreathPhase::In, 0.0)));
        assert_eq!(at(59_999).map(|(phase, _)| phase), Some(BreathPhase::Out));
        assert_eq!(at(60_000), None);
        assert_eq!(at(u64::MAX), None);
    }

    #[test]
    fn a_minute_is_six_slow_breaths_with_the_out_breath_longer() {
        let p = paced_breathing(None).unwrap();
        assert_eq!(p.total_seconds, 60);
        assert_eq!(p.steps.len(), 12);
        assert!(p.out_seconds > p.in_seconds);
        let last = p.steps.last().unwrap();
        assert_eq!(last.phase, BreathPhase::Out);
        assert_eq!(last.starts_at_ms + last.seconds * 1000, 60_000);
        for pair in p.steps.windows(2) {
            assert_eq!(
                pair[0].starts_at_ms + pair[0].seconds * 1000,
                pair[1].starts_at_ms
            );
        }
        assert!(!p.intro.text.is_empty() && !p.after.text.is_empty());
        assert!(!p.steps[0].cue.text.is_empty());
        let moment = crate::plan::suggestions::PlanMoment::AfterSession;
        assert!(crate::plan::suggestions::practices_for(moment).any(|s| s.id == p.practice_id));
    }

    #[test]
    fn lengths_are_whole_breaths_within_limits() {
        assert_eq!(paced_breathing(Some(25)).unwrap().total_seconds, 20);
        assert!(paced_breathing(Some(9)).is_err());
        assert!(paced_breathing(Some(601)).is_err());
    }
}
