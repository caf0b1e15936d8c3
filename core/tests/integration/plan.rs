//! The self-care plan: revisions, validation, comparison, the text form, moments,
//! the emergency card and adherence.

use crate::common::*;
use respite_core::{
    plan_from_text, plan_suggestions, plan_to_text, plan_with_suggestion, ChangeKind, CheckInData,
    Contact, EmergencyPlan, Frequency, JournalDraft, JournalKind, ParkedItemDraft, Plan,
    PlanMoment, PlanSection, Practice, PracticeContext, PracticeDomain, PracticeStatus,
    RespiteError, SessionReflection, SignArea, TransitionAnswers, Vault, WarningSign,
};

fn practice(id: &str, context: PracticeContext, frequency: Frequency) -> Practice {
    Practice {
        id: id.into(),
        name: format!("Practice {id}"),
        domain: PracticeDomain::Emotional,
        context,
        status: PracticeStatus::Current,
        frequency,
        barrier: None,
        workaround: None,
    }
}

fn sample() -> Plan {
    Plan {
        values: vec!["Steady company on hard days".into()],
        roles: vec!["Therapist".into(), "Parent".into()],
        supports_in_place: vec!["Reflective supervision".into()],
        boundaries: vec!["No notes after 7 pm".into()],
        warning_signs: vec![WarningSign {
            area: SignArea::Relational,
            text: "Snapping at home".into(),
        }],
        emergency: EmergencyPlan {
            helps_me_settle: vec!["Cold water on my wrists".into()],
            kind_words: vec!["I did enough today.".into()],
            avoid: vec!["Email at night".into()],
            contacts: vec![Contact {
                name: "Sam".into(),
                how: "text first".into(),
            }],
            professional_help: vec!["EAP".into()],
        },
        practices: vec![
            Practice {
                barrier: Some("Back-to-back sessions".into()),
                workaround: Some("Two breaths at the door".into()),
                ..practice(
                    "slow-breathing",
                    PracticeContext::Workday,
                    Frequency::AfterHardSessions,
                )
            },
            practice("park-it", PracticeContext::Transition, Frequency::Daily),
            practice(
                "evening-walk",
                PracticeContext::PersonalLife,
                Frequency::TimesPerWeek { times: 3 },
            ),
            practice(
                "kind-pause",
                PracticeContext::PersonalLife,
                Frequency::AsNeeded,
            ),
        ],
        review_date: Some("2026-06-01".into()),
        review_note: Some("Walking works better than the gym.".into()),
        ..Plan::default()
    }
}

fn invalid(r: Result<impl std::fmt::Debug, RespiteError>) -> (String, String) {
    match r {
        Err(RespiteError::InvalidInput { field, reason }) => (field, reason),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn every_save_is_a_revision_and_old_ones_stay_readable() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let plan = vault.plan();
    let empty = plan.current().unwrap();
    assert_eq!((empty.revision, empty.plan.clone()), (0, Plan::default()));
    let first = plan.save(sample()).unwrap();
    assert_eq!(first.revision, 1);
    assert_eq!(invalid(plan.save(sample())).1, "nothing changed");
    let mut changed = sample();
    changed.boundaries.push("Phone off on Sundays".into());
    let second = plan.save(changed.clone()).unwrap();
    assert_eq!(second.revision, 2);
    drop(plan);
    drop(vault);
    let vault = Vault::open(path_str(&path)).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    let plan = vault.plan();
    assert_eq!(plan.current().unwrap().plan, changed);
    let revisions = plan.revisions().unwrap();
    assert_eq!(
        revisions.iter().map(|r| r.revision).collect::<Vec<_>>(),
        vec![2, 1]
    );
    assert_eq!(plan.revision(1).unwrap().plan, sample());
    assert_eq!(plan.revision(0).unwrap().plan, Plan::default());
    assert!(matches!(
        plan.revision(9),
        Err(RespiteError::NotFound { .. })
    ));
    assert!(!found_in_vault_files(&path, b"Phone off on Sundays"));
    assert!(!found_in_vault_files(&path, b"slow-breathing"));
}

#[test]
fn invalid_plans_are_refused_with_the_field_named() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let plan = vault.plan();
    let with = |f: &dyn Fn(&mut Plan)| {
        let mut p = sample();
        f(&mut p);
        invalid(plan.save(p)).0
    };
    assert_eq!(with(&|p| p.values.push("   ".into())), "values");
    assert_eq!(with(&|p| p.practices[0].name = String::new()), "practices");
    assert_eq!(
        with(&|p| p.practices[1].id = "slow-breathing".into()),
        "practices"
    );
    assert_eq!(
        with(&|p| p.practices[0].id = "Slow Breathing".into()),
        "practices"
    );
    assert_eq!(
        with(&|p| p.practices[0].frequency = Frequency::TimesPerWeek { times: 0 }),
        "frequency"
    );
    assert_eq!(
        with(&|p| p.practices[0].frequency = Frequency::TimesPerWeek { times: 9 }),
        "frequency"
    );
    assert_eq!(
        with(&|p| p.practices[0].frequency = Frequency::TimesPerDay { times: 50 }),
        "frequency"
    );
    assert_eq!(
        with(&|p| p.review_date = Some("next spring".into())),
        "review_date"
    );
    assert_eq!(
        with(&|p| p.review_note = Some("## not a heading".into())),
        "review_note"
    );
    assert_eq!(
        with(&|p| p.emergency.contacts[0].how = String::new()),
        "contacts"
    );
    assert_eq!(
        with(&|p| p.triggers = (0..51).map(|i| format!("t{i}")).collect()),
        "triggers"
    );
    assert_eq!(with(&|p| p.roles.push("two\nlines".into())), "roles");
    assert_eq!(plan.current().unwrap().revision, 0, "nothing was written");
}

#[test]
fn revisions_compare_item_by_item() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let plan = vault.plan();
    plan.save(sample()).unwrap();
    let mut next = sample();
    next.boundaries = vec!["No notes after 6 pm".into()];
    next.practices[2].status = PracticeStatus::Retired;
    next.practices.remove(3);
    next.emergency.contacts[0].how = "call".into();
    next.restores.push("Swimming".into());
    plan.save(next).unwrap();
    let changes = plan.diff(1, 2).unwrap();
    let find = |section: &str, kind: ChangeKind| {
        changes
            .iter()
            .filter(|c| c.section == section && c.kind == kind)
            .count()
    };
    assert_eq!(find("Boundaries I commit to", ChangeKind::Added), 1);
    assert_eq!(find("Boundaries I commit to", ChangeKind::Removed), 1);
    assert_eq!(find("Practices", ChangeKind::Changed), 1);
    assert_eq!(find("Practices", ChangeKind::Removed), 1);
    assert_eq!(
        find("Emergency plan: people to contact", ChangeKind::Changed),
        1
    );
    assert_eq!(find("What restores me", ChangeKind::Added), 1);
    assert_eq!(changes.len(), 6, "{changes:#?}");
    let retired = changes
        .iter()
        .find(|c| c.section == "Practices" && c.kind == ChangeKind::Changed)
        .unwrap();
    assert!(retired.after.as_ref().unwrap().contains("status retired"));
    // From nothing, everything is added; the same revision has no changes.
    assert!(plan
        .diff(0, 1)
        .unwrap()
        .iter()
        .all(|c| c.kind == ChangeKind::Added));
    assert!(plan.diff(2, 2).unwrap().is_empty());
}

#[test]
fn a_referenced_practice_can_be_retired_but_not_removed() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let plan = vault.plan();
    plan.save(sample()).unwrap();
    vault
        .checkins()
        .add(CheckInData {
            practices: vec!["evening-walk".into()],
            ..CheckInData::new(moment("2026-05-04T20:00:00+02:00"))
        })
        .unwrap();
    let mut without = sample();
    without.practices.retain(|p| p.id != "evening-walk");
    let (field, reason) = invalid(plan.save(without));
    assert_eq!(field, "practices");
    assert!(reason.contains("evening-walk") && reason.contains("retired"));
    let mut retired = sample();
    retired.practices[2].status = PracticeStatus::Retired;
    plan.save(retired).unwrap();
    // A practice nobody referred to can go.
    let mut smaller = plan.current().unwrap().plan;
    smaller.practices.retain(|p| p.id != "park-it");
    plan.save(smaller).unwrap();
    let adherence = plan.adherence("2026-05-06".into(), 1).unwrap();
    let walk = adherence
        .iter()
        .find(|a| a.practice_id == "evening-walk")
        .unwrap();
    assert_eq!(walk.status, PracticeStatus::Retired);
    assert_eq!(walk.weeks[0].done, 1, "its history stays readable");
}

#[test]
fn moments_offer_the_plans_practices_then_starters() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let plan = vault.plan();
    let starters = plan.practices_for(PlanMoment::AfterSession).unwrap();
    assert!(starters.len() >= 3 && starters.iter().all(|s| !s.from_plan));
    let mut mine = sample();
    mine.practices[0].status = PracticeStatus::WantToStart;
    mine.practices.push(Practice {
        status: PracticeStatus::Retired,
        ..practice("old-habit", PracticeContext::Workday, Frequency::Daily)
    });
    mine.practices.push(practice(
        "desk-stretch",
        PracticeContext::Workday,
        Frequency::Daily,
    ));
    plan.save(mine).unwrap();
    let after = plan.practices_for(PlanMoment::AfterSession).unwrap();
    let ids: Vec<&str> = after.iter().map(|s| s.practice.id.as_str()).collect();
    assert_eq!(
        &ids[..2],
        ["desk-stretch", "slow-breathing"],
        "current before want-to-start"
    );
    assert!(
        !ids.contains(&"old-habit"),
        "retired practices are never offered"
    );
    assert!(after[..2].iter().all(|s| s.from_plan));
    assert_eq!(after.len(), 3, "filled up to three with a starter");
    assert!(!after[2].from_plan);
    let transition = plan.practices_for(PlanMoment::Transition).unwrap();
    assert_eq!(transition[0].practice.id, "park-it");
    let bad_day = plan.practices_for(PlanMoment::BadDay).unwrap();
    assert!(bad_day.iter().any(|s| s.practice.id == "kind-pause"));
    let evening = plan.practices_for(PlanMoment::Evening).unwrap();
    assert!(evening
        .iter()
        .take(2)
        .all(|s| s.practice.context == PracticeContext::PersonalLife && s.from_plan));
}

#[test]
fn the_emergency_card_is_never_blank() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let plan = vault.plan();
    let card = plan.emergency_card().unwrap();
    assert!(card.uses_suggestions);
    assert!(
        !card.helps_me_settle.is_empty()
            && !card.kind_words.is_empty()
            && !card.professional_help.is_empty()
    );
    plan.save(sample()).unwrap();
    let card = plan.emergency_card().unwrap();
    assert!(!card.uses_suggestions);
    assert_eq!(card.helps_me_settle, vec!["Cold water on my wrists"]);
    assert_eq!(card.contacts[0].name, "Sam");
    assert_eq!(card.workplace_supports, vec!["Reflective supervision"]);
    assert_eq!(card.warning_signs.len(), 1);
}

#[test]
fn adherence_counts_practices_against_targets_per_week() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let plan = vault.plan();
    plan.save(sample()).unwrap();
    let checkin = |at: &str, practices: &[&str]| {
        vault
            .checkins()
            .add(CheckInData {
                practices: practices.iter().map(|p| p.to_string()).collect(),
                energy: Some(0.5),
                ..CheckInData::new(moment(at))
            })
            .unwrap();
    };
    // Week of Monday 2026-05-04: park-it on three days (twice on Tuesday), walks twice.
    checkin("2026-05-04T18:00:00+02:00", &["park-it", "evening-walk"]);
    checkin("2026-05-05T18:00:00+02:00", &["park-it"]);
    checkin("2026-05-05T21:00:00+02:00", &["park-it", "evening-walk"]);
    checkin("2026-05-07T18:00:00+02:00", &["park-it", "kind-pause"]);
    // Two hard sessions that week, breathing after one of them.
    let reflect = |at: &str, intensity: u8, practice: Option<&str>| {
        vault
            .journal()
            .add(JournalDraft {
                kind: JournalKind::AfterSession,
                moment: moment(at),
                title: None,
                body: String::new(),
                tags: vec![],
                practice_ids: vec![],
                reflection: Some(SessionReflection {
                    intensity: Some(intensity),
                    practice: practice.map(Into::into),
                    ..Default::default()
                }),
            })
            .unwrap();
    };
    reflect("2026-05-05T11:00:00+02:00", 8, Some("slow-breathing"));
    reflect("2026-05-06T11:00:00+02:00", 9, None);
    reflect("2026-05-06T15:00:00+02:00", 3, None);
    // Next week, up to Wednesday 2026-05-13: one walk.
    checkin("2026-05-12T19:00:00+02:00", &["evening-walk"]);
    let a = plan.adherence("2026-05-13".into(), 2).unwrap();
    let week = |id: &str, w: usize| {
        let p = a.iter().find(|p| p.practice_id == id).unwrap();
        let week = &p.weeks[w];
        (
            week.week_start.clone(),
            week.days_counted,
            week.done,
            week.target,
        )
    };
    // A transition practice is aimed at shift days: the default schedule's Monday to
    // Friday, so 5 in the first week and 3 (Monday to Wednesday) in the second.
    assert_eq!(week("park-it", 0), ("2026-05-04".into(), 7, 3, Some(5)));
    assert_eq!(week("park-it", 1), ("2026-05-11".into(), 3, 0, Some(3)));
    assert_eq!(
        week("evening-walk", 0).2..=week("evening-walk", 0).3.unwrap(),
        2..=3
    );
    assert_eq!(week("evening-walk", 1).2, 1);
    assert_eq!(
        week("slow-breathing", 0).2..=week("slow-breathing", 0).3.unwrap(),
        1..=2
    );
    assert_eq!(week("kind-pause", 0), ("2026-05-04".into(), 7, 1, None));
    let field = |r| invalid(r).0;
    assert_eq!(field(plan.adherence("13/05/2026".into(), 2)), "today");
    assert_eq!(field(plan.adherence("2026-05-13".into(), 0)), "weeks");
    assert_eq!(field(plan.adherence("2026-05-13".into(), 53)), "weeks");
}

#[test]
fn the_text_form_round_trips_real_and_suggested_plans() {
    let from_suggestions = Plan {
        practices: plan_suggestions()
            .into_iter()
            .filter_map(|s| s.practice)
            .collect(),
        ..sample()
    };
    for plan in [Plan::default(), sample(), from_suggestions] {
        let text = plan_to_text(plan.clone());
        assert_eq!(plan_from_text(text.clone()).unwrap(), plan);
        assert_eq!(plan_to_text(plan_from_text(text.clone()).unwrap()), text);
    }
    // Windows line endings and extra blank lines read the same.
    let text = plan_to_text(sample()).replace('\n', "\r\n\r\n");
    assert_eq!(plan_from_text(text).unwrap(), sample());
}

#[test]
fn every_suggestion_lands_in_its_section_once() {
    let mut plan = Plan::default();
    let all = plan_suggestions();
    for s in &all {
        plan = plan_with_suggestion(plan, s.clone());
    }
    let again = all
        .iter()
        .fold(plan.clone(), |p, s| plan_with_suggestion(p, s.clone()));
    assert_eq!(again, plan, "picking twice adds nothing");
    // Each suggestion is found in the text form under its own heading.
    let text = plan_to_text(plan.clone());
    assert_eq!(plan_from_text(text.clone()).unwrap(), plan);
    for s in &all {
        assert!(text.contains(&s.text), "{:?} {}", s.section, s.text);
    }
    let lines = |section: PlanSection| all.iter().filter(|s| s.section == section).count();
    assert_eq!(plan.practices.len(), lines(PlanSection::Practices));
    assert_eq!(plan.warning_signs.len(), lines(PlanSection::WarningSigns));
    assert_eq!(plan.boundaries.len(), lines(PlanSection::Boundaries));
    assert_eq!(
        plan.emergency.kind_words.len(),
        lines(PlanSection::KindWords)
    );
    assert!(plan.warning_signs.iter().all(|w| all
        .iter()
        .any(|s| s.text == w.text && s.area == Some(w.area))));
    // A plan with suggestions saves like any other.
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    assert_eq!(vault.plan().save(plan.clone()).unwrap().plan, plan);
}

#[test]
fn starters_cover_grief_and_bad_days_and_keep_writing_in_respite() {
    let all = plan_suggestions();
    let texts: Vec<String> = all
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s.text,
                s.practice.as_ref().map_or(String::new(), |p| format!(
                    "{} {}",
                    p.workaround.clone().unwrap_or_default(),
                    p.barrier.clone().unwrap_or_default()
                ))
            )
        })
        .collect();
    for wanted in [
        "death of a client",
        "suicide",
        "Images from a session",
        "what I believe is wrong",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(wanted)),
            "a starter about {wanted}"
        );
    }
    for t in &texts {
        assert!(
            !t.to_lowercase().contains("notes app"),
            "no starter sends writing to a plaintext app: {t}"
        );
    }
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let bad_day = vault.plan().practices_for(PlanMoment::BadDay).unwrap();
    assert!(
        bad_day
            .iter()
            .any(|s| s.practice.domain == PracticeDomain::Emotional
                && s.practice.context == PracticeContext::PersonalLife),
        "a self-compassion practice, not only workday ones: {:?}",
        bad_day.iter().map(|s| &s.practice.id).collect::<Vec<_>>()
    );
}

#[test]
fn a_transitions_own_steps_count_toward_matching_practices() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let plan = vault.plan();
    let mut with_starters = Plan::default();
    for s in plan_suggestions() {
        if [
            "park-it",
            "commute-ritual",
            "role-switch",
            "bring-to-supervision",
        ]
        .contains(&s.id.as_str())
        {
            with_starters = plan_with_suggestion(with_starters, s);
        }
    }
    plan.save(with_starters).unwrap();
    // Monday and Tuesday: parked work and a signal; Tuesday also who I am at home.
    for (at, who) in [
        ("2026-05-04T17:30:00+02:00", None),
        ("2026-05-05T17:30:00+02:00", Some("A patient parent")),
    ] {
        vault
            .prompts()
            .save_transition(
                moment(at),
                TransitionAnswers {
                    parked: vec![ParkedItemDraft {
                        what: "Discharge letter".into(),
                        when: None,
                        place: None,
                    }],
                    end_of_day_signal: Some("Changed clothes".into()),
                    who_at_home: who.map(Into::into),
                    ..TransitionAnswers::default()
                },
            )
            .unwrap();
    }
    // Aimed at once a week, done twice.
    for at in ["2026-05-05T12:00:00+02:00", "2026-05-07T12:00:00+02:00"] {
        vault
            .checkins()
            .add(CheckInData {
                practices: vec!["bring-to-supervision".into()],
                ..CheckInData::new(moment(at))
            })
            .unwrap();
    }
    let a = plan.adherence("2026-05-08".into(), 1).unwrap();
    let done = |id: &str| {
        let w = &a.iter().find(|p| p.practice_id == id).unwrap().weeks[0];
        (w.done, w.target)
    };
    assert_eq!(done("park-it"), (2, Some(5)));
    assert_eq!(done("commute-ritual"), (2, Some(5)));
    assert_eq!(done("role-switch"), (1, Some(5)));
    // Past the aim, the weekly review gives the count, never "2 of 1".
    let review = vault
        .trends()
        .weekly_review("2026-05-04".into(), "2026-05-10".into())
        .unwrap();
    let text = review.text.join(" ");
    assert!(
        text.contains("write unfinished work on a list before leaving 2 of 5"),
        "{text}"
    );
    assert!(
        text.contains("bring a hard case to supervision 2 times"),
        "{text}"
    );
    assert!(
        !text.contains(" of 0") && !text.contains("2 of 1"),
        "{text}"
    );
}
