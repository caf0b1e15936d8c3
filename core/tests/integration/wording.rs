//! Golden tests of the wording people see: the catalogue, the plan's suggestions, the
//! transition flow, notification texts and the weekly review, each compared with its
//! frozen text in `tests/fixtures/golden/`. The wording lives in content files; these
//! pin that moving or reorganising it changes nothing a person reads. To change the
//! wording on purpose, run with `RESPITE_UPDATE_GOLDEN=1` and review the diff.

use chrono::{Duration, NaiveDate};
use respite_core::SyntheticOptions;

use crate::common::*;

fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/golden")
        .join(format!("{name}.txt"));
    if std::env::var_os("RESPITE_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no golden file {}", path.display()));
    assert!(
        expected == actual,
        "{name} differs from {}; rerun with RESPITE_UPDATE_GOLDEN=1 if intended",
        path.display()
    );
}

#[test]
fn the_catalogue_reads_as_frozen() {
    golden("catalogue", &format!("{:#?}\n", respite_core::catalogue()));
}

#[test]
fn the_plan_suggestions_read_as_frozen() {
    golden(
        "plan-suggestions",
        &format!("{:#?}\n", respite_core::plan_suggestions()),
    );
}

#[test]
fn the_transition_flow_reads_as_frozen_on_every_rotation() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let mut out = String::new();
    for day in 0..7 {
        let at = moment(&format!("2026-05-{:02}T18:00:00+02:00", 4 + day));
        out.push_str(&format!(
            "{:#?}\n",
            vault.prompts().transition_script(at).unwrap()
        ));
    }
    golden("transition-flow", &out);
}

#[test]
fn notifications_read_as_frozen() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let from = moment("2026-05-04T00:00:00+02:00").at;
    let until = moment("2026-06-01T00:00:00+02:00").at;
    let mut out = String::new();
    for o in vault
        .prompts()
        .upcoming(from, until, "Europe/Berlin".into())
        .unwrap()
    {
        out.push_str(&format!(
            "{} {:?}: {} / {}\n",
            o.local_day, o.kind, o.title, o.body
        ));
    }
    golden("notifications", &out);
}

#[test]
fn the_weekly_review_reads_as_frozen() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let today = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
    let quiet = vault
        .trends()
        .weekly_review("2026-05-04".into(), "2026-05-10".into())
        .unwrap();
    let mut out = format!("{:#?}\n", quiet.text);
    vault
        .fill_synthetic(&SyntheticOptions::demo(1, 7, today))
        .unwrap();
    for weeks in 1..=8 {
        let monday = today - Duration::weeks(weeks);
        let review = vault
            .trends()
            .weekly_review(monday.to_string(), (today - Duration::days(1)).to_string())
            .unwrap();
        out.push_str(&format!("{monday}: {:#?}\n", review.text));
    }
    golden("weekly-review", &out);
}
