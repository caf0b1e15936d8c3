//! Keeping client details out, through the `respite` binary: the check every saving
//! command runs, `--redact`, the interactive offer in the transition, the allow-list
//! and `privacy-check`.
// Test code: a failed setup is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

/// A sentence with a client's name and age in it.
const DETAIL: &str = "my client Mrs Adeyemi (72) was tearful";
/// The client's name, which must never reach stderr, nor the vault after `--redact`.
const NAME: &str = "Adeyemi";
const ALLOW: &str = "\"respite privacy allow add WORD\"";

fn pass() -> [(&'static str, &'static str); 1] {
    [("RESPITE_PASSPHRASE", PASSPHRASE)]
}

/// The command saved, and stderr asked about `fields` without quoting the text.
fn assert_warned(r: &Run, fields: &[&str]) {
    assert_eq!(r.code, 0, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    let e = &r.stderr;
    for field in fields {
        assert!(e.contains(&format!("\"{field}\"")), "{field}: {e}");
    }
    assert!(e.contains("may identify someone (name"), "{e}");
    assert!(
        e.contains("Saved as written") && e.contains("--redact"),
        "{e}"
    );
    assert!(e.contains(ALLOW), "{e}");
    assert!(!e.contains(NAME), "stderr must not quote the text: {e}");
    assert!(
        !e.contains("Keep it as typed"),
        "no question off a terminal: {e}"
    );
}

/// The command saved, and stderr said which fields were redacted, quoting nothing.
fn assert_replaced(r: &Run, fields: &[&str]) {
    assert_eq!(r.code, 0, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    let e = &r.stderr;
    assert!(e.contains("respite: replaced "), "{e}");
    assert!(e.contains("that could identify someone in"), "{e}");
    for field in fields {
        assert!(e.contains(&format!("\"{field}\"")), "{field}: {e}");
    }
    assert!(!e.contains(NAME) && !e.contains("Saved as written"), "{e}");
}

/// Placeholders in place of the name.
fn assert_redacted(text: &Value) {
    let text = text.as_str().unwrap_or_else(|| panic!("not text: {text}"));
    assert!(text.contains("[name]") && !text.contains(NAME), "{text}");
}

fn last_line(r: &Run) -> String {
    r.stdout.lines().last().unwrap().trim().to_owned()
}

/// The saved transition answers of entry `id`, read back through a plaintext export.
fn transition_of(vault: &Path, id: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("all.json");
    let f = file.to_str().unwrap();
    ok(with_pass(
        vault,
        &["export", "--format", "json", "--out", f, "--plaintext"],
    ));
    let all: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let record = all["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no record {id}"))
        .clone();
    record["payload"]["transition"].clone()
}

/// Everything the vault holds, as plaintext JSON.
fn export_text(vault: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("all.json");
    let f = file.to_str().unwrap();
    ok(with_pass(
        vault,
        &["export", "--format", "json", "--out", f, "--plaintext"],
    ));
    std::fs::read_to_string(&file).unwrap()
}

/// Transition answers for stdin, one a line, with `set_down` as the hard thing.
fn piped_answers(set_down: &str) -> String {
    format!("Call the family\nafter lunch\nward phone\n\n0.1\n0.5\n\n{set_down}\nteam lunch\n\nme\nwalk\n\n\n")
}

/// A plan text with a client in a boundary, and the person's own people, who are exempt.
fn plan_with_detail(vault: &Path) -> String {
    let shown = ok(with_pass(vault, &["plan", "show"])).stdout;
    shown
        .replace(
            "### Boundaries I commit to\n",
            &format!("### Boundaries I commit to\n- Not at home: {DETAIL}\n"),
        )
        .replace(
            "### People I turn to\n",
            "### People I turn to\n- Mrs Okafor, my supervisor\n",
        )
}

#[test]
fn the_warning_and_the_redaction_note_are_worded_exactly_so() {
    let (_dir, vault) = new_vault();
    let kept = ok(with_pass(&vault, &["journal", "add", "--text", DETAIL]));
    assert_eq!(
        kept.stderr,
        "respite: \"body\" may identify someone (name, age). Saved as written — --redact replaces \
         such details; \"respite privacy allow add WORD\" teaches Respite a word that is yours.\n"
    );
    let redacted = ok(with_pass(
        &vault,
        &["journal", "add", "--redact", "--text", DETAIL],
    ));
    assert_eq!(
        redacted.stderr,
        "respite: replaced 2 details that could identify someone in \"body\".\n"
    );
    // Nothing to say about text without a detail.
    let clean = ok(with_pass(
        &vault,
        &["journal", "add", "--text", "Heavy day; breathed."],
    ));
    assert_eq!(clean.stderr, "");
}

#[test]
fn every_saving_command_warns_without_quoting_the_text_and_saves_it_as_written() {
    let (dir, vault) = new_vault();

    let r = with_pass(
        &vault,
        &[
            "journal",
            "add",
            "--title",
            "Mrs Adeyemi",
            "--tag",
            "Mrs Adeyemi",
            "--text",
            DETAIL,
        ],
    );
    assert_warned(&r, &["title", "body", "tag 1"]);
    assert!(r
        .stderr
        .contains("\"title\", \"body\" and \"tag 1\" may identify someone"));
    let id = r.stdout.trim().to_owned();
    let entry = json(with_pass(&vault, &["--json", "journal", "show", &id]));
    assert_eq!(entry["body"], DETAIL, "saved as written");

    let clean = add(&vault, "A quiet morning.", &[]);
    let r = with_pass(&vault, &["journal", "edit", &clean, "--text", DETAIL]);
    assert_warned(&r, &["body"]);
    let r = run(
        &vault,
        &["journal", "edit", &clean],
        &pass(),
        Some(&format!("{DETAIL}\n")),
    );
    assert_warned(&r, &["body"]);

    let r = with_pass(&vault, &["reflect", "--intensity", "7", "--note", DETAIL]);
    assert_warned(&r, &["body"]);
    let r = run(
        &vault,
        &["reflect", "--intensity", "7"],
        &pass(),
        Some(DETAIL),
    );
    assert_warned(&r, &["body"]);

    let r = with_pass(&vault, &["checkin", "--energy", "0.4", "--note", DETAIL]);
    assert_warned(&r, &["note"]);
    let r = with_pass(&vault, &["evening", "--detachment", "2", "--note", DETAIL]);
    assert_warned(&r, &["note"]);
    // The evening's questions from stdin (not a terminal): the note last.
    let r = run(
        &vault,
        &["evening"],
        &pass(),
        Some(&format!("1\n4\n\n{DETAIL}\n")),
    );
    assert_warned(&r, &["note"]);

    let answers = dir.path().join("answers.json");
    std::fs::write(
        &answers,
        serde_json::json!({
            "parked": [{"what": "Call Mrs Adeyemi back", "when": "tomorrow", "where": "ward 4"}],
            "set_down": DETAIL,
            "went_well": ["Tea", "The team"],
        })
        .to_string(),
    )
    .unwrap();
    let r = with_pass(
        &vault,
        &["transition", "--answers", answers.to_str().unwrap()],
    );
    assert_warned(&r, &["parked 1", "set down"]);
    let saved = transition_of(&vault, &last_line(&r));
    assert_eq!(saved["set_down"], DETAIL);
    let r = run(
        &vault,
        &["transition"],
        &pass(),
        Some(&piped_answers(DETAIL)),
    );
    assert_warned(&r, &["set down"]);

    let plan = dir.path().join("plan.txt");
    std::fs::write(&plan, plan_with_detail(&vault)).unwrap();
    let r = with_pass(&vault, &["plan", "set", "--file", plan.to_str().unwrap()]);
    assert_warned(&r, &["boundary 1"]);
    assert!(!r.stderr.contains("people"), "{}", r.stderr);
    assert!(ok(with_pass(&vault, &["plan", "show"]))
        .stdout
        .contains(DETAIL));
    let editor = write_editor(
        dir.path(),
        "edit.sh",
        &format!("s = s.replace('### Triggers\\n', '### Triggers\\n- {DETAIL}\\n')"),
    );
    let r = run(
        &vault,
        &["plan", "edit"],
        &[
            ("RESPITE_PASSPHRASE", PASSPHRASE),
            ("EDITOR", editor.to_str().unwrap()),
        ],
        None,
    );
    assert_warned(&r, &["boundary 1", "trigger 1"]);
}

#[test]
fn redact_saves_placeholders_from_every_saving_command() {
    let (dir, vault) = new_vault();

    let r = with_pass(
        &vault,
        &[
            "journal",
            "add",
            "--redact",
            "--title",
            "Mrs Adeyemi",
            "--tag",
            "Mrs Adeyemi",
            "--text",
            DETAIL,
        ],
    );
    assert_replaced(&r, &["title", "body", "tag 1"]);
    let entry = json(with_pass(
        &vault,
        &["--json", "journal", "show", r.stdout.trim()],
    ));
    assert_redacted(&entry["title"]);
    assert_redacted(&entry["body"]);
    assert_redacted(&entry["tags"][0]);

    let id = add(&vault, "A quiet morning.", &[]);
    let r = with_pass(
        &vault,
        &["journal", "edit", &id, "--redact", "--text", DETAIL],
    );
    assert_replaced(&r, &["body"]);
    assert_redacted(&json(with_pass(&vault, &["--json", "journal", "show", &id]))["body"]);

    let r = run(
        &vault,
        &["reflect", "--intensity", "7", "--redact"],
        &pass(),
        Some(DETAIL),
    );
    assert_replaced(&r, &["body"]);
    let entry = json(with_pass(
        &vault,
        &["--json", "journal", "show", r.stdout.trim()],
    ));
    assert_redacted(&entry["body"]);
    assert_eq!(entry["reflection"]["intensity"], 7);

    let r = with_pass(
        &vault,
        &["checkin", "--energy", "0.4", "--redact", "--note", DETAIL],
    );
    assert_replaced(&r, &["note"]);
    let checkin = json(with_pass(
        &vault,
        &["--json", "checkin", "show", r.stdout.trim()],
    ));
    assert_redacted(&checkin["note"]);

    let r = with_pass(
        &vault,
        &["evening", "--detachment", "2", "--redact", "--note", DETAIL],
    );
    assert_replaced(&r, &["note"]);
    let checkin = json(with_pass(
        &vault,
        &["--json", "checkin", "show", &last_line(&r)],
    ));
    assert_redacted(&checkin["note"]);
    assert_eq!(checkin["detachment"], 2);

    let answers = dir.path().join("answers.json");
    std::fs::write(
        &answers,
        serde_json::json!({
            "parked": [{"what": "Call Mrs Adeyemi back", "when": "tomorrow"}],
            "set_down": DETAIL,
            "went_well": ["Tea"],
        })
        .to_string(),
    )
    .unwrap();
    let r = with_pass(
        &vault,
        &[
            "transition",
            "--redact",
            "--answers",
            answers.to_str().unwrap(),
        ],
    );
    assert_replaced(&r, &["parked 1", "set down"]);
    let saved = transition_of(&vault, &last_line(&r));
    assert_redacted(&saved["parked"][0]["what"]);
    assert_redacted(&saved["set_down"]);
    assert_eq!(saved["went_well"][0], "Tea");
    let parked = json(with_pass(&vault, &["--json", "parked", "list"]));
    assert_redacted(&parked["parked"][0]["what"]);
    let r = run(
        &vault,
        &["transition", "--redact"],
        &pass(),
        Some(&piped_answers(DETAIL)),
    );
    assert_replaced(&r, &["set down"]);
    assert_redacted(&transition_of(&vault, &last_line(&r))["set_down"]);

    let plan = dir.path().join("plan.txt");
    std::fs::write(&plan, plan_with_detail(&vault)).unwrap();
    let r = with_pass(
        &vault,
        &["plan", "set", "--redact", "--file", plan.to_str().unwrap()],
    );
    assert_replaced(&r, &["boundary 1"]);
    let shown = ok(with_pass(&vault, &["plan", "show"])).stdout;
    assert!(shown.contains("- Not at home: my client [name]"), "{shown}");
    assert!(
        shown.contains("- Mrs Okafor, my supervisor"),
        "the person's own people are not checked: {shown}"
    );
    let editor = write_editor(
        dir.path(),
        "edit.sh",
        &format!("s = s.replace('### Triggers\\n', '### Triggers\\n- {DETAIL}\\n')"),
    );
    let r = run(
        &vault,
        &["plan", "edit", "--redact"],
        &[
            ("RESPITE_PASSPHRASE", PASSPHRASE),
            ("EDITOR", editor.to_str().unwrap()),
        ],
        None,
    );
    assert_replaced(&r, &["trigger 1"]);
    let shown = ok(with_pass(&vault, &["plan", "show"])).stdout;
    assert!(
        shown.contains("### Triggers\n- my client [name]"),
        "{shown}"
    );

    // The client's name is nowhere in what the vault holds.
    let all = export_text(&vault);
    assert!(!all.contains(NAME), "{all}");
}

#[test]
fn the_allow_list_round_trips_and_an_allowed_word_stops_the_question() {
    let (_dir, vault) = new_vault();
    let colleague = "Tea with Priya.";
    let r = ok(with_pass(&vault, &["journal", "add", "--text", colleague]));
    assert!(
        r.stderr.contains("may identify someone (name)"),
        "{}",
        r.stderr
    );

    let added = ok(with_pass(&vault, &["privacy", "allow", "add", "Priya"]));
    assert!(added.stdout.contains("Added \"Priya\""), "{}", added.stdout);
    let again = json(with_pass(
        &vault,
        &["--json", "privacy", "allow", "add", "priya"],
    ));
    assert_eq!(again["added"], false);
    ok(with_pass(
        &vault,
        &["privacy", "allow", "add", "St Vincent's"],
    ));
    let list = ok(with_pass(&vault, &["privacy", "allow", "list"])).stdout;
    assert_eq!(list, "priya\nst vincent's\n");
    let list = json(with_pass(&vault, &["--json", "privacy", "allow", "list"]));
    assert_eq!(
        list["allowed"],
        serde_json::json!(["priya", "st vincent's"])
    );

    let r = ok(with_pass(&vault, &["journal", "add", "--text", colleague]));
    assert_eq!(r.stderr, "", "an allowed word is not asked about");
    // privacy-check uses the allow-list when the vault opens without asking…
    let r = run(&vault, &["privacy-check"], &pass(), Some(colleague));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("allow-list"), "{}", r.stdout);
    // …and says so when it could not.
    let r = run(&vault, &["privacy-check"], &[], Some(colleague));
    assert_eq!(r.code, 5);
    assert!(
        r.stderr.contains("checked without your allow-list"),
        "{}",
        r.stderr
    );
    let r = run(
        &vault,
        &["privacy-check"],
        &[("RESPITE_PASSPHRASE", "not the passphrase")],
        Some(colleague),
    );
    assert_eq!(r.code, 5);
    assert!(
        r.stderr.contains("checked without your allow-list"),
        "{}",
        r.stderr
    );

    let removed = ok(with_pass(&vault, &["privacy", "allow", "remove", "PRIYA"]));
    assert!(removed.stdout.contains("Removed"), "{}", removed.stdout);
    let missing = with_pass(&vault, &["privacy", "allow", "remove", "priya"]);
    assert_eq!(missing.code, 1, "not there: exit 1, as for a missing entry");
    assert_eq!(missing.stderr.lines().count(), 1);
    assert!(missing.stderr.contains("not on your allow-list"));
    assert!(
        !missing.stderr.contains("priya"),
        "errors do not repeat the word"
    );
    ok(with_pass(
        &vault,
        &["privacy", "allow", "remove", "st vincent's"],
    ));
    assert_eq!(
        ok(with_pass(&vault, &["privacy", "allow", "list"])).stdout,
        ""
    );
    let r = ok(with_pass(&vault, &["journal", "add", "--text", colleague]));
    assert!(r.stderr.contains("may identify someone"), "{}", r.stderr);
    assert_eq!(
        with_pass(&vault, &["privacy", "allow", "add", "  "]).code,
        1,
        "an empty word is refused"
    );
}

#[test]
fn privacy_check_exits_5_on_findings_and_0_with_an_honest_all_clear() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("unused.db");
    let clean = run(
        &vault,
        &["privacy-check"],
        &[],
        Some("I felt Monday was heavy."),
    );
    assert_eq!(clean.code, 0);
    assert!(
        clean
            .stdout
            .contains("did not spot anything that looks like a client detail")
            && clean.stdout.contains("can miss some")
            && clean.stdout.contains("read it over"),
        "{}",
        clean.stdout
    );
    assert_eq!(
        clean.stderr, "",
        "no vault: the plain check, without a note"
    );
    let found = run(&vault, &["--json", "privacy-check"], &[], Some(DETAIL));
    assert_eq!(found.code, 5);
    let json: Value = serde_json::from_str(&found.stdout).unwrap();
    let kinds: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["name", "age"]);
    assert_eq!(json["findings"][0]["text"], "Mrs Adeyemi");
    assert_eq!(json["findings"][0]["start"], 10);
    assert_redacted(&json["redacted"]);
    let text = run(&vault, &["privacy-check"], &[], Some(DETAIL));
    assert_eq!(text.code, 5);
    assert!(
        text.stdout.starts_with("Could these identify someone?\n")
            && text.stdout.contains("  name ")
            && text
                .stdout
                .contains("With placeholders instead:\nmy client [name]")
            && text.stdout.contains(ALLOW),
        "{}",
        text.stdout
    );
    let dob = run(&vault, &["privacy-check"], &[], Some("DOB 03/14/1985"));
    assert_eq!(dob.code, 5);
    assert!(dob.stdout.contains("  date "), "{}", dob.stdout);
    assert!(!vault.exists(), "privacy-check needs no vault");
}

#[cfg(unix)]
#[test]
fn on_a_terminal_each_transition_answer_is_checked_as_it_is_typed() {
    let (_dir, vault) = new_vault();
    let typed = [
        "Call Mrs Adeyemi back", // unfinished: may identify someone
        "t",                     // retype it
        "Call the family",
        "after lunch",
        "",
        "", // nothing more parked
        "0.1",
        "0.5",
        "",
        DETAIL, // set down
        "r",    // use the redacted version
        "Tea with Mrs Adeyemi",
        "", // Enter keeps it as typed
        "",
        "me",
        "walk",
        "",
        "",
    ]
    .map(|line| format!("{line}\n"))
    .concat();
    let r = on_terminal(&vault, &["transition"], &pass(), &typed);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let shown = &r.stderr;
    assert_eq!(
        shown.matches("That may identify someone (name").count(),
        3,
        "{shown}"
    );
    assert!(
        shown.contains("With placeholders it reads:\n    my client [name]"),
        "{shown}"
    );
    assert!(shown.contains(
        "Keep it as typed (k), use the redacted version (r), or retype it (t)? Enter keeps:"
    ));
    assert_eq!(shown.matches(ALLOW).count(), 1, "the hint once: {shown}");
    assert!(
        !shown.contains("Saved as written") && !shown.contains("replaced"),
        "each answer was already decided: {shown}"
    );
    let saved = transition_of(&vault, &last_line(&r));
    assert_eq!(saved["parked"][0]["what"], "Call the family");
    assert_redacted(&saved["set_down"]);
    assert_eq!(
        saved["went_well"][0], "Tea with Mrs Adeyemi",
        "kept as typed"
    );

    // With --redact nothing is asked: the answers are redacted as they are saved.
    let r = on_terminal(
        &vault,
        &["transition", "--redact"],
        &pass(),
        &piped_answers(DETAIL),
    );
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(!r.stderr.contains("Keep it as typed"), "{}", r.stderr);
    assert!(r
        .stderr
        .contains("replaced 2 details that could identify someone in \"set down\""));
    assert_redacted(&transition_of(&vault, &last_line(&r))["set_down"]);

    // The evening's note is asked the same way.
    let r = on_terminal(
        &vault,
        &["evening"],
        &pass(),
        &format!("1\n4\n\n{DETAIL}\nr\n\n"),
    );
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("That may identify someone (name"));
    let checkin = json(with_pass(
        &vault,
        &["--json", "checkin", "show", &last_line(&r)],
    ));
    assert_redacted(&checkin["note"]);
}

/// The interactive transition checks each answer as it is typed: a number out of range
/// is asked again, an unknown feeling gets close words and can be kept as the person's
/// own, and no other answer is lost.
#[cfg(unix)]
#[test]
fn a_terminal_transition_checks_each_answer_and_keeps_the_persons_own_words() {
    let (_dir, vault) = new_vault();
    let typed = "Call the family\nafter lunch\nward phone\n\n0.1\n5\n0.5\ntired, heavvy, numb-ish\nheavy\n\nthe hard call\nteam lunch\n\nme\nwalk\n\n\n";
    let r = on_terminal(&vault, &["transition"], &pass(), typed);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("(from 0 to 1, or Enter to skip)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("\"heavvy\" is not one of Respite's words. Close: Heavy"),
        "{}",
        r.stderr
    );
    let saved = transition_of(&vault, &last_line(&r));
    assert_eq!(saved["energy"], 0.5);
    assert_eq!(
        saved["feelings"],
        serde_json::json!(["tired", "heavy", "own:numb-ish"])
    );
    assert_eq!(saved["set_down"], "the hard call");
    assert_eq!(saved["parked"][0]["what"], "Call the family");
    let shown = ok(with_pass(&vault, &["journal", "show", &last_line(&r)])).stdout;
    assert!(
        shown.contains("Tired, Heavy, numb-ish (own word)"),
        "{shown}"
    );
}

/// From an answers file, a bad answer is named and left out and the rest is saved; an
/// unknown feeling word is kept as the person's own.
#[test]
fn an_answers_file_with_a_bad_field_keeps_everything_else() {
    let (dir, vault) = new_vault();
    let answers = dir.path().join("answers.json");
    std::fs::write(
        &answers,
        r#"{"pleasantness": 3, "energy": 0.4, "feelings": ["drained", "wrung out"],
            "set_down": "The corridor argument", "went_well": ["Lunch outside"],
            "practice": "not a practice id!"}"#,
    )
    .unwrap();
    let r = ok(with_pass(
        &vault,
        &["transition", "--answers", answers.to_str().unwrap()],
    ));
    assert!(r.stderr.contains("left out pleasantness"), "{}", r.stderr);
    assert!(r.stderr.contains("left out practice"), "{}", r.stderr);
    assert!(r.stderr.contains("kept as your own word"), "{}", r.stderr);
    let saved = transition_of(&vault, &last_line(&r));
    assert_eq!(saved["pleasantness"], serde_json::Value::Null);
    assert_eq!(saved["energy"], 0.4);
    assert_eq!(
        saved["feelings"],
        serde_json::json!(["drained", "own:wrung out"])
    );
    assert_eq!(saved["set_down"], "The corridor argument");
    assert_eq!(saved["went_well"][0], "Lunch outside");
    let as_json = json(ok(with_pass(
        &vault,
        &[
            "--json",
            "transition",
            "--answers",
            answers.to_str().unwrap(),
        ],
    )));
    assert_eq!(as_json["left_out"][0]["field"], "pleasantness");
}
