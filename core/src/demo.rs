//! A seeded generator of realistic synthetic history: years of check-ins,
//! after-session reflections, transitions and practices, with planted effects or with
//! none. Used by the demo (`respite demo-data`), the tests of the insights, and the
//! benchmarks. Nothing here is anyone's real data.

use chrono::{Datelike, Duration, NaiveDate};

use crate::checkins::{self, CheckInData};
use crate::content::catalogue::{CheckInContext, StressZone};
use crate::error::internal::Result;
use crate::error::RespiteError;
use crate::journal::{self, JournalDraft, JournalKind, SessionReflection, TransitionRecord};
use crate::plan::revisions;
use crate::plan::{Frequency, Plan, Practice, PracticeContext, PracticeDomain, PracticeStatus};
use crate::rng::Rng;
use crate::store::Store;
use crate::time::LocalMoment;

/// A practice whose days are made better (or not) by a stated amount.
#[derive(Debug, Clone, PartialEq)]
pub struct PlantedEffect {
    /// The practice id.
    pub practice_id: String,
    /// Added to that day's pleasantness (−1…1 scale) when the practice is done.
    pub pleasantness: f64,
}

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticOptions {
    /// How many years, ending the day before `today`.
    pub years: u32,
    /// The seed: the same seed gives the same history.
    pub seed: u64,
    /// The last day of history is the day before this one.
    pub today: NaiveDate,
    /// Check-ins per day on average.
    pub checkins_per_day: f64,
    /// Planted practice effects (practices not listed have none).
    pub effects: Vec<PlantedEffect>,
    /// Added to the evening's detachment (1–5 scale) on days with a transition.
    pub transition_detachment: f64,
    /// Whether self-rated burnout drifts slowly over weeks (as in life) rather than
    /// only varying from day to day around a fixed level.
    pub burnout_drifts: bool,
}

impl SyntheticOptions {
    /// The demo: a year or more of ordinary days, where evening walks and slow
    /// breathing help a little and transitions help people leave work behind.
    pub fn demo(years: u32, seed: u64, today: NaiveDate) -> Self {
        SyntheticOptions {
            years,
            seed,
            today,
            checkins_per_day: 2.0,
            effects: vec![
                PlantedEffect {
                    practice_id: "evening-walk".into(),
                    pleasantness: 0.25,
                },
                PlantedEffect {
                    practice_id: "slow-breathing".into(),
                    pleasantness: 0.15,
                },
            ],
            transition_detachment: 0.8,
            burnout_drifts: true,
        }
    }

    /// No effects and no drift: any insight found in this data is a false claim.
    pub fn null(years: u32, seed: u64, today: NaiveDate) -> Self {
        SyntheticOptions {
            effects: Vec::new(),
            transition_detachment: 0.0,
            burnout_drifts: false,
            ..Self::demo(years, seed, today)
        }
    }
}

/// The practices of the synthetic person: id, name, context, frequency, chance to
/// start on a given day, and to keep going the next.
const PRACTICES: &[(&str, &str, PracticeContext, Frequency, f64, f64)] = &[
    (
        "evening-walk",
        "Evening walk",
        PracticeContext::PersonalLife,
        Frequency::TimesPerWeek { times: 3 },
        0.30,
        0.55,
    ),
    (
        "slow-breathing",
        "Slow breathing between sessions",
        PracticeContext::Workday,
        Frequency::AfterHardSessions,
        0.35,
        0.50,
    ),
    (
        "friend-time",
        "Time with a friend",
        PracticeContext::PersonalLife,
        Frequency::TimesPerWeek { times: 1 },
        0.12,
        0.20,
    ),
    (
        "three-good-things",
        "Three good things",
        PracticeContext::PersonalLife,
        Frequency::Daily,
        0.30,
        0.60,
    ),
    (
        "screen-free-hour",
        "A screen-free hour before bed",
        PracticeContext::PersonalLife,
        Frequency::TimesPerWeek { times: 4 },
        0.30,
        0.45,
    ),
];

/// The generated records.
pub struct Synthetic {
    /// Check-ins, in time order.
    pub checkins: Vec<CheckInData>,
    /// Journal entries with their transition answers, in time order.
    pub entries: Vec<(JournalDraft, Option<TransitionRecord>)>,
    /// A plan naming the practices.
    pub plan: Plan,
}

fn moment(day: NaiveDate, hour: u32, minute: u32) -> LocalMoment {
    let local = day
        .and_hms_opt(hour.min(23), minute.min(59), 0)
        .unwrap_or_default();
    LocalMoment {
        at: (local - Duration::hours(1)).and_utc(),
        utc_offset_minutes: 60,
    }
}

fn scale(value: f64, low: u8, high: u8) -> u8 {
    value.round().clamp(f64::from(low), f64::from(high)) as u8
}

/// Generates the history described by `options`.
pub fn generate(options: &SyntheticOptions) -> Synthetic {
    let mut rng = Rng::new(options.seed);
    let first = options.today - Duration::days(365 * i64::from(options.years));
    let mut done_yesterday = vec![false; PRACTICES.len()];
    let mut mood: f64 = 0.0;
    let mut burnout: f64 = 2.5;
    let mut out = Synthetic {
        checkins: Vec::new(),
        entries: Vec::new(),
        plan: plan(),
    };
    let mut day = first;
    while day < options.today {
        let workday = day.weekday().num_days_from_monday() < 5 && !rng.chance(0.06);
        let mut done = Vec::new();
        for (i, p) in PRACTICES.iter().enumerate() {
            let on = rng.chance(if done_yesterday[i] { p.5 } else { p.4 });
            done_yesterday[i] = on;
            if on && (p.2 != PracticeContext::Workday || workday) {
                done.push(i);
            }
        }
        let effect: f64 = done
            .iter()
            .map(|&i| {
                options
                    .effects
                    .iter()
                    .filter(|e| e.practice_id == PRACTICES[i].0)
                    .map(|e| e.pleasantness)
                    .sum::<f64>()
            })
            .sum();
        mood = 0.5 * mood + rng.normal(0.22) + if workday { -0.04 } else { 0.08 };
        let today_mood = (mood + effect).clamp(-1.0, 1.0);
        // Burnout drifts slowly around a stable level, or only varies day to day.
        if options.burnout_drifts {
            burnout += 0.05 * (2.5 - burnout) + rng.normal(0.08);
        } else {
            burnout = 2.5 + rng.normal(0.3);
        }
        let transition = workday && rng.chance(0.6);

        // Reflections after sessions on workdays.
        if workday {
            for s in 0..rng.count(1.4) {
                let intensity = scale(5.5 + rng.normal(2.0), 0, 10);
                let breathing = done.contains(&1);
                out.entries.push((
                    JournalDraft {
                        kind: JournalKind::AfterSession,
                        moment: moment(day, 11 + 2 * s, 50),
                        title: None,
                        body: if rng.chance(0.5) {
                            "Heavy session; noticed it in my shoulders.".into()
                        } else {
                            String::new()
                        },
                        tags: Vec::new(),
                        practice_ids: Vec::new(),
                        reflection: Some(SessionReflection {
                            intensity: Some(intensity),
                            activation_before: Some(scale(
                                f64::from(intensity) - 1.0 + rng.normal(1.0),
                                0,
                                10,
                            )),
                            activation_after: breathing.then(|| {
                                scale(f64::from(intensity) - 3.0 + rng.normal(1.0), 0, 10)
                            }),
                            feelings: vec![["heavy", "drained", "tender", "on-edge"]
                                [(rng.next() % 4) as usize]
                                .into()],
                            body_sensations: Vec::new(),
                            needs: Vec::new(),
                            practice: breathing.then(|| "slow-breathing".to_owned()),
                        }),
                    },
                    None,
                ));
            }
        }
        if transition {
            out.entries.push((
                JournalDraft {
                    kind: JournalKind::Transition,
                    moment: moment(day, 17, 20),
                    title: None,
                    body: String::new(),
                    tags: Vec::new(),
                    practice_ids: Vec::new(),
                    reflection: None,
                },
                Some(TransitionRecord {
                    set_down: Some("The last session of the day".into()),
                    went_well: vec![["The team lunch", "A client's small step", "Left on time"]
                        [(rng.next() % 3) as usize]
                        .into()],
                    who_at_home: Some("Present and unhurried".into()),
                    ..TransitionRecord::default()
                }),
            ));
        }
        if rng.chance(0.08) {
            out.entries.push((
                JournalDraft {
                    kind: JournalKind::Free,
                    moment: moment(day, 21, 30),
                    title: None,
                    body: "A few lines before bed about the week so far.".into(),
                    tags: vec!["week".into()],
                    practice_ids: Vec::new(),
                    reflection: None,
                },
                None,
            ));
        }

        // Check-ins through the day; the last one is the evening.
        let n = rng.count(options.checkins_per_day).max(1);
        for k in 0..n {
            let evening = k + 1 == n;
            let hour = if evening { 21 } else { 9 + 3 * k };
            let pleasantness = (today_mood + rng.normal(0.12)).clamp(-1.0, 1.0);
            let energy = (0.5 + 0.4 * today_mood + rng.normal(0.12)).clamp(0.0, 1.0);
            let mut data = CheckInData {
                pleasantness: Some((pleasantness * 100.0).round() / 100.0),
                energy: Some((energy * 100.0).round() / 100.0),
                context: Some(if evening {
                    CheckInContext::Home
                } else if workday {
                    CheckInContext::Workday
                } else {
                    CheckInContext::Home
                }),
                practices: if evening {
                    done.iter()
                        .map(|&i| PRACTICES[i].0.to_owned())
                        .filter(|p| p != "slow-breathing")
                        .collect()
                } else {
                    Vec::new()
                },
                ..CheckInData::new(moment(day, hour, 10))
            };
            if k == 0 {
                data.sleep_hours = Some(((7.0 + rng.normal(0.8)) * 4.0).round() / 4.0);
                data.sleep_quality = Some(scale(3.2 + 2.0 * today_mood + rng.normal(0.7), 1, 5));
                data.burnout = Some(scale(burnout, 1, 5));
                data.stress_zone = Some(match scale(burnout - 1.4 + rng.normal(0.4), 0, 3) {
                    0 => StressZone::Ready,
                    1 => StressZone::Reacting,
                    2 => StressZone::Injured,
                    _ => StressZone::Ill,
                });
            }
            if evening && workday {
                let detachment = 2.8
                    + 1.2 * today_mood
                    + rng.normal(0.7)
                    + if transition {
                        options.transition_detachment
                    } else {
                        0.0
                    };
                data.detachment = Some(scale(detachment, 1, 5));
                data.work_intrusion = Some(scale(5.0 - detachment + rng.normal(0.5), 0, 4));
                data.evening_check = true;
            }
            out.checkins.push(data);
        }
        day += Duration::days(1);
    }
    out
}

/// The synthetic person's plan.
fn plan() -> Plan {
    Plan {
        values: vec!["Being steady company on hard days".into()],
        supports_in_place: vec!["Reflective supervision every other week".into()],
        practices: PRACTICES
            .iter()
            .map(|(id, name, context, frequency, _, _)| Practice {
                id: (*id).to_owned(),
                name: (*name).to_owned(),
                domain: if *context == PracticeContext::Workday {
                    PracticeDomain::Emotional
                } else {
                    PracticeDomain::Physical
                },
                context: *context,
                status: PracticeStatus::Current,
                frequency: *frequency,
                barrier: None,
                workaround: None,
            })
            .collect(),
        ..Plan::default()
    }
}

/// What demo data was written.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DemoSummary {
    /// Check-ins written.
    pub checkins: u32,
    /// Journal entries written.
    pub entries: u32,
    /// Whether a plan was saved (only into a vault without one).
    pub plan_saved: bool,
}

/// Writes synthetic history into the vault: for demos and tests only.
pub(crate) fn fill(store: &Store, options: &SyntheticOptions) -> Result<DemoSummary> {
    if options.years == 0 || options.years > 20 {
        return Err(RespiteError::invalid("years", "must be between 1 and 20").into());
    }
    let data = generate(options);
    let plan_saved = revisions::current(store)?.revision == 0;
    if plan_saved {
        revisions::save(store, data.plan.clone())?;
    }
    for (draft, transition) in &data.entries {
        journal::add_with(store, draft.clone(), transition.clone())?;
    }
    for c in &data.checkins {
        checkins::add(store, c.clone())?;
    }
    Ok(DemoSummary {
        checkins: data.checkins.len() as u32,
        entries: data.entries.len() as u32,
        plan_saved,
    })
}

/// The records as they would read back from a vault (day start at midnight), for
/// computing on history without storing it.
#[cfg(test)]
pub(crate) fn as_records(
    s: &Synthetic,
) -> (
    Vec<crate::checkins::CheckIn>,
    Vec<crate::journal::JournalEntry>,
) {
    use crate::checkins::CheckIn;
    use crate::journal::JournalEntry;
    let updated = chrono::Utc::now();
    let checkins = s
        .checkins
        .iter()
        .map(|d| CheckIn {
            id: String::new(),
            local_day: d.moment.local_day(0).to_string(),
            revision: 1,
            updated_at: updated,
            data: d.clone(),
        })
        .collect();
    let entries = s
        .entries
        .iter()
        .map(|(d, t)| JournalEntry {
            id: String::new(),
            kind: d.kind,
            title: d.title.clone(),
            body: d.body.clone(),
            tags: d.tags.clone(),
            practice_ids: d.practice_ids.clone(),
            reflection: d.reflection.clone(),
            transition: t.clone(),
            moment: d.moment,
            local_day: d.moment.local_day(0).to_string(),
            revision: 1,
            updated_at: updated,
        })
        .collect();
    (checkins, entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trends::insights::{better_days, early_warnings, InsightKind};
    use crate::trends::{History, Metric};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, 4).unwrap()
    }

    fn history(options: &SyntheticOptions) -> (History, Plan) {
        let s = generate(options);
        let (checkins, entries) = as_records(&s);
        (History::from_records(&checkins, &entries), s.plan)
    }

    #[test]
    fn the_same_seed_gives_the_same_history() {
        let a = generate(&SyntheticOptions::demo(1, 42, today()));
        let b = generate(&SyntheticOptions::demo(1, 42, today()));
        assert_eq!(a.checkins, b.checkins);
        assert_eq!(a.entries.len(), b.entries.len());
        assert!(
            a.checkins.len() > 600 && a.entries.len() > 300,
            "{} {}",
            a.checkins.len(),
            a.entries.len()
        );
        assert_ne!(
            generate(&SyntheticOptions::demo(1, 43, today())).checkins,
            a.checkins
        );
    }

    #[test]
    fn planted_effects_of_a_stated_size_are_found() {
        let mut found_walk = 0;
        let mut found_transition = 0;
        for seed in 0..10 {
            let options = SyntheticOptions::demo(1, seed, today());
            let (h, plan) = history(&options);
            let insights = better_days(&h, &plan, today() - Duration::days(365), today(), None);
            let walk = insights
                .iter()
                .find(|i| i.params.iter().any(|p| p.value == "evening walk"));
            if let Some(e) = walk.and_then(|i| i.evidence.as_ref()) {
                assert!(
                    e.difference > 0.25 * 0.5 && e.difference < 0.25 * 1.5,
                    "seed {seed}: {e:?}"
                );
                assert!(e.interval_low > 0.0 && e.days_with >= 5 && e.days_without >= 5);
                found_walk += 1;
            }
            let transition = insights.iter().find(|i| i.metric == Metric::Detachment);
            if let Some(e) = transition.and_then(|i| i.evidence.as_ref()) {
                assert!(
                    e.difference > 0.8 * 0.5 && e.difference < 0.8 * 1.5,
                    "seed {seed}: {e:?}"
                );
                found_transition += 1;
            }
            for i in &insights {
                assert!(i.text.contains("go together with") && i.text.contains("not proof"));
            }
        }
        println!("planted effects found: evening walk (+0.25) in {found_walk}/10 years, transition (+0.8 detachment) in {found_transition}/10");
        assert!(found_walk >= 9 && found_transition >= 9);
    }

    #[test]
    fn null_data_rarely_produces_a_claim() {
        let seeds = 200;
        let mut claimed = 0;
        let mut warnings = 0;
        for seed in 0..seeds {
            let (h, plan) = history(&SyntheticOptions::null(1, 1_000 + seed, today()));
            let insights = better_days(&h, &plan, today() - Duration::days(365), today(), None);
            claimed += usize::from(!insights.is_empty());
            let warned = !early_warnings(&h, &plan, today() - Duration::days(1)).is_empty();
            warnings += usize::from(warned);
            claimed += usize::from(warned && insights.is_empty());
            assert!(insights
                .iter()
                .all(|i| i.kind == InsightKind::GoesWithBetterDays));
        }
        let rate = claimed as f64 / seeds as f64;
        println!(
            "null data: an insight was claimed on {claimed} of {seeds} seeds ({:.1} %), early warnings on {warnings} of them",
            rate * 100.0
        );
        assert!(
            rate <= 0.05,
            "false claims on {:.1} % of null seeds",
            rate * 100.0
        );
    }
}
