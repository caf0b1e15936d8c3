//! The identifier check measured on a labelled corpus of sentences written the way
//! clinicians write (`tests/fixtures/privacy/`): a development part used to build the
//! detectors, and a held-out part written before any tuning and never used for it.
//! Sentence- and span-level precision and recall are printed for both parts, per kind;
//! the test fails when the held-out part falls below the bar the README states.
//!
//! `PRIVACY_MISSES=dev cargo test -p respite-core --test integration privacy:: -- --nocapture`
//! lists the development part's misses and false alarms. The held-out part's are never
//! printed.

use respite_core::privacy_check;
use serde_json::Value;

/// The development parts; "heldout" is the other.
const DEVELOPMENT: [&str; 2] = ["dev", "dev-2"];

const KINDS: [&str; 9] = [
    "name",
    "initials",
    "age",
    "place",
    "address",
    "date",
    "phone",
    "email",
    "id-number",
];

struct Gold {
    kind: String,
    start: usize,
    end: usize,
}

struct Sentence {
    text: String,
    gold: Vec<Gold>,
}

/// Every whole-word occurrence of each labelled text (in UTF-16 units).
fn load(part: &str) -> Vec<Sentence> {
    let path = format!(
        "{}/../tests/fixtures/privacy/{part}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let text = s["text"].as_str().unwrap().to_owned();
            let units: Vec<u16> = text.encode_utf16().collect();
            let mut gold: Vec<Gold> = Vec::new();
            for id in s["identifiers"].as_array().unwrap() {
                let needle: Vec<u16> = id["text"].as_str().unwrap().encode_utf16().collect();
                let kind = id["kind"].as_str().unwrap().to_owned();
                assert!(KINDS.contains(&kind.as_str()), "unknown kind {kind}");
                let word = |u: Option<&u16>| {
                    u.and_then(|&u| char::from_u32(u32::from(u)))
                        .is_some_and(char::is_alphanumeric)
                };
                let mut found = false;
                for at in 0..=units.len().saturating_sub(needle.len()) {
                    if units[at..].starts_with(&needle)
                        && !word(at.checked_sub(1).and_then(|p| units.get(p)))
                        && !word(units.get(at + needle.len()))
                    {
                        found = true;
                        if !gold.iter().any(|g| g.start == at && g.kind == kind) {
                            gold.push(Gold {
                                kind: kind.clone(),
                                start: at,
                                end: at + needle.len(),
                            });
                        }
                    }
                }
                assert!(found, "a label is not in its sentence ({part})");
            }
            Sentence { text, gold }
        })
        .collect()
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    gold: usize,
    found: usize,
    whole: usize,
    predicted: usize,
    correct: usize,
    gold_by_kind: [usize; 9],
    found_by_kind: [usize; 9],
    predicted_by_kind: [usize; 9],
    correct_by_kind: [usize; 9],
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn kind_index(kind: &str) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap()
}

fn measure(part: &str, show: bool) -> Counts {
    let mut c = Counts::default();
    for s in load(part) {
        let findings = privacy_check(s.text.clone()).findings;
        let spans: Vec<(usize, usize, &str)> = findings
            .iter()
            .map(|f| (f.start as usize, f.end as usize, f.kind.as_str()))
            .collect();
        match (!s.gold.is_empty(), !spans.is_empty()) {
            (true, true) => c.tp += 1,
            (false, true) => c.fp += 1,
            (true, false) => c.fn_ += 1,
            (false, false) => {}
        }
        for g in &s.gold {
            let k = kind_index(&g.kind);
            c.gold += 1;
            c.gold_by_kind[k] += 1;
            if spans.iter().any(|&(a, b, _)| a < g.end && g.start < b) {
                c.found += 1;
                c.found_by_kind[k] += 1;
            } else if show {
                let units: Vec<u16> = s.text.encode_utf16().collect();
                let missed = String::from_utf16_lossy(&units[g.start..g.end]);
                println!("missed {} {missed:?} in {:?}", g.kind, s.text);
            }
            if (g.start..g.end).all(|u| spans.iter().any(|&(a, b, _)| a <= u && u < b)) {
                c.whole += 1;
            }
        }
        for (f, &(a, b, kind)) in findings.iter().zip(&spans) {
            let k = kind_index(kind);
            c.predicted += 1;
            c.predicted_by_kind[k] += 1;
            if s.gold.iter().any(|g| a < g.end && g.start < b) {
                c.correct += 1;
                c.correct_by_kind[k] += 1;
            } else if show {
                println!("false alarm {kind} {:?} in {:?}", f.text, s.text);
            }
        }
    }
    let sentences = c.tp + c.fp + c.fn_;
    println!(
        "{part}: sentence precision {:.3} recall {:.3} ({} flagged of {sentences} counted); \
         span precision {:.3} recall {:.3} whole {:.3} ({} gold spans)",
        ratio(c.tp, c.tp + c.fp),
        ratio(c.tp, c.tp + c.fn_),
        c.tp + c.fp,
        ratio(c.correct, c.predicted),
        ratio(c.found, c.gold),
        ratio(c.whole, c.gold),
        c.gold,
    );
    for (k, kind) in KINDS.iter().enumerate() {
        println!(
            "  {kind:<10} recall {:.3} ({}/{})  precision {:.3} ({}/{})",
            ratio(c.found_by_kind[k], c.gold_by_kind[k]),
            c.found_by_kind[k],
            c.gold_by_kind[k],
            ratio(c.correct_by_kind[k], c.predicted_by_kind[k]),
            c.correct_by_kind[k],
            c.predicted_by_kind[k],
        );
    }
    c
}

#[test]
fn the_development_and_held_out_parts() {
    let show = std::env::var("PRIVACY_MISSES").is_ok_and(|v| v == "dev");
    for part in DEVELOPMENT {
        measure(part, show);
    }
    let held = measure("heldout", false);
    let sentences = |part: &str| load(part).len();
    assert!(sentences("heldout") >= 150);
    assert!(DEVELOPMENT.iter().map(|p| sentences(p)).sum::<usize>() + sentences("heldout") >= 400);
    let (precision, recall) = (
        ratio(held.tp, held.tp + held.fp),
        ratio(held.tp, held.tp + held.fn_),
    );
    let span_recall = ratio(held.found, held.gold);
    assert!(
        recall >= 0.95,
        "held-out sentence recall {recall:.3} < 0.95"
    );
    assert!(
        precision >= 0.90,
        "held-out sentence precision {precision:.3} < 0.90"
    );
    assert!(
        span_recall >= 0.90,
        "held-out span recall {span_recall:.3} < 0.90"
    );
}
