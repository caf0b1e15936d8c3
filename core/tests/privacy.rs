//! The privacy check against a labelled corpus of realistic journal sentences
//! (`tests/fixtures/privacy-corpus.json`): precision and recall are measured and
//! printed, and must both reach 0.9.

use respite_core::privacy_check;
use serde_json::Value;

#[test]
fn precision_and_recall_on_the_labelled_corpus() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/privacy-corpus.json"
    );
    let corpus: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(corpus.len() >= 80);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut notes = Vec::new();
    for item in &corpus {
        let text = item["text"].as_str().unwrap();
        let expected: Vec<(String, String)> = item["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["kind"].as_str().unwrap().to_owned(),
                    f["text"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let found: Vec<(String, String)> = privacy_check(text.to_owned())
            .findings
            .into_iter()
            .map(|f| (f.kind.as_str().to_owned(), f.text))
            .collect();
        // A finding matches an expected one of the same kind when their texts overlap.
        let overlaps = |(ka, ta): &(String, String), (kb, tb): &(String, String)| {
            ka == kb && (ta.contains(tb.as_str()) || tb.contains(ta.as_str()))
        };
        for f in &found {
            if expected.iter().any(|e| overlaps(e, f)) {
                tp += 1;
            } else {
                fp += 1;
                notes.push(format!("false positive {f:?} in {text:?}"));
            }
        }
        for e in &expected {
            if !found.iter().any(|f| overlaps(e, f)) {
                fn_ += 1;
                notes.push(format!("missed {e:?} in {text:?}"));
            }
        }
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    for note in &notes {
        println!("{note}");
    }
    println!(
        "privacy check on {} sentences: {tp} found, {fp} false positives, {fn_} missed; \
         precision {precision:.3}, recall {recall:.3}",
        corpus.len()
    );
    assert!(precision >= 0.9, "precision {precision:.3}");
    assert!(recall >= 0.9, "recall {recall:.3}");
}
