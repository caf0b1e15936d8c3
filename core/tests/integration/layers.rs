//! The core's shape (ADR 0003): its areas sit in layers, and an area uses only areas of
//! its own layer or below, with no cycle between areas; only the API layer exports
//! objects and functions to Kotlin and Swift. Read from the source, so a change that
//! breaks the rule fails here, naming the file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every area of `core/src` and its layer, top (highest) to bottom. A new folder or
/// top-level file must be placed here.
const LAYERS: &[(u8, &[&str])] = &[
    (8, &["api", "fuzzing"]),
    (7, &["exchange", "demo", "screens"]),
    (6, &["trends", "prompts", "search", "privacy", "support"]),
    (5, &["plan"]),
    (4, &["journal", "checkins"]),
    (3, &["store"]),
    (2, &["crypto"]),
    (1, &["content"]),
    (0, &["error", "rng", "text", "time", "validate"]),
];

/// What only the API layer may contain: exported objects, methods and functions.
const EXPORTS: &[&str] = &["uniffi::Object", "uniffi::export", "uniffi::constructor"];

fn layer_of(area: &str) -> Option<u8> {
    LAYERS
        .iter()
        .find(|(_, areas)| areas.contains(&area))
        .map(|(layer, _)| *layer)
}

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("core/src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The area a file belongs to: its top folder under `src`, or its own name.
fn area_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("a file under src");
    let first = relative
        .components()
        .next()
        .expect("a path")
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// The code of a file without its comments (doc comments name other areas freely).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The areas a file's code names through `crate::`, including grouped imports.
fn areas_used(code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    used.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                used.insert(name);
            }
        }
    }
    used
}

#[test]
fn areas_use_only_their_layer_and_below_without_cycles_and_only_the_api_exports() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    files.sort();

    let mut problems = Vec::new();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let name = file.strip_prefix(&src).expect("under src").display();
        if file.file_name().is_some_and(|f| f == "lib.rs") {
            continue;
        }
        let area = area_of(&src, file);
        let Some(layer) = layer_of(&area) else {
            problems.push(format!("{name}: area `{area}` has no layer in LAYERS"));
            continue;
        };
        let code = code_of(&std::fs::read_to_string(file).expect("a readable file"));
        if area != "api" {
            for export in EXPORTS {
                if code.contains(export) {
                    problems.push(format!("{name}: `{export}` outside the api folder"));
                }
            }
        }
        for used in areas_used(&code) {
            if used == area {
                continue;
            }
            match layer_of(&used) {
                None => problems.push(format!("{name}: uses `crate::{used}`, which is no area")),
                Some(theirs) if theirs > layer => problems.push(format!(
                    "{name}: `{area}` (layer {layer}) uses `{used}` (layer {theirs}) above it"
                )),
                Some(_) => {}
            }
            edges.entry(area.clone()).or_default().insert(used);
        }
    }

    // A cycle between areas, found by depth-first search.
    fn visit(
        area: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        cycles: &mut Vec<String>,
    ) {
        if let Some(at) = path.iter().position(|a| a == area) {
            let mut cycle = path[at..].to_vec();
            cycle.push(area.to_owned());
            cycles.push(cycle.join(" → "));
            return;
        }
        if !done.insert(area.to_owned()) {
            return;
        }
        path.push(area.to_owned());
        for next in edges.get(area).into_iter().flatten() {
            visit(next, edges, path, done, cycles);
        }
        path.pop();
    }
    let mut cycles = Vec::new();
    let mut done = BTreeSet::new();
    for area in edges.keys() {
        visit(area, &edges, &mut Vec::new(), &mut done, &mut cycles);
    }
    problems.extend(cycles.into_iter().map(|c| format!("import cycle: {c}")));

    assert!(
        problems.is_empty(),
        "the core's layering is broken (ADR 0003):\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn the_checker_sees_grouped_and_nested_uses() {
    let code = code_of(
        "use crate::store::sealed;\nuse crate::{plan, journal::Entry};\n// crate::api in a comment\nlet x = crate::time::now();",
    );
    let used: Vec<_> = areas_used(&code).into_iter().collect();
    assert_eq!(used, ["journal", "plan", "store", "time"]);
}
