//! The `respite` binary as a user runs it: a subprocess with environment, stdin, stdout,
//! stderr and exit codes.
// Test code: a failed setup is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::Value;
use std::process::{Command, Stdio};

#[test]
fn a_journal_entry_lives_its_whole_life_through_the_cli() {
    let (_dir, vault) = new_vault();
    let first = add(
        &vault,
        "Quiet morning before clinic.",
        &["--at", "2026-05-04T08:00:00+02:00"],
    );
    assert_eq!(first.len(), 32, "add prints the new id: {first:?}");
    let from_stdin = ok(run(
        &vault,
        &[
            "journal",
            "add",
            "--kind",
            "after-session",
            "--title",
            "After group",
            "--tag",
            "heavy",
            "--at",
            "2026-05-04T16:00:00+02:00",
        ],
        &[("RESPITE_PASSPHRASE", PASSPHRASE)],
        Some("Intensity 7.\nBreathing helped.\n"),
    ))
    .stdout
    .trim()
    .to_owned();

    let list = ok(with_pass(&vault, &["journal", "list"])).stdout;
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with(&from_stdin)
            && lines[0].contains("after-session")
            && lines[0].contains("After group")
    );
    assert!(lines[1].starts_with(&first));

    let shown = ok(with_pass(&vault, &["journal", "show", &from_stdin])).stdout;
    assert!(shown.contains("Intensity 7.\nBreathing helped."));
    assert!(shown.contains("heavy"));

    let edited = ok(with_pass(
        &vault,
        &[
            "journal",
            "edit",
            &first,
            "--text",
            "Quiet morning, then a hard afternoon.",
        ],
    ));
    assert!(edited.stdout.contains("revision 2"));
    ok(run(
        &vault,
        &["journal", "edit", &first],
        &[("RESPITE_PASSPHRASE", PASSPHRASE)],
        Some("Third try.\n"),
    ));
    let json: Value =
        serde_json::from_str(&ok(with_pass(&vault, &["--json", "journal", "show", &first])).stdout)
            .unwrap();
    assert_eq!(json["body"], "Third try.");
    assert_eq!(json["revision"], 3);
    assert_eq!(json["local_day"], "2026-05-04");
    let history = ok(with_pass(&vault, &["journal", "history", &first])).stdout;
    assert!(
        history.contains("Quiet morning, then a hard afternoon.")
            && history.contains("Quiet morning before clinic.")
    );

    ok(with_pass(&vault, &["journal", "delete", &first]));
    let missing = with_pass(&vault, &["journal", "show", &first]);
    assert_eq!(missing.code, 1);
    assert_eq!(missing.stderr.lines().count(), 1);
    let json: Value =
        serde_json::from_str(&ok(with_pass(&vault, &["--json", "journal", "list"])).stdout)
            .unwrap();
    assert_eq!(json["entries"].as_array().unwrap().len(), 1);
    assert_eq!(json["entries"][0]["id"], from_stdin.as_str());
}

#[test]
fn the_vault_path_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("nested/dir/env.db");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_respite"));
    let status = cmd
        .args(["init", "--kdf-iterations", "100000"])
        .env("RESPITE_VAULT", &vault)
        .env("RESPITE_PASSPHRASE", PASSPHRASE)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(status.status.success());
    assert!(vault.exists());
}

#[test]
fn a_wrong_passphrase_exits_3_without_echoing_it() {
    let (_dir, vault) = new_vault();
    let r = run(
        &vault,
        &["journal", "list"],
        &[("RESPITE_PASSPHRASE", "not the passphrase at all")],
        None,
    );
    assert_eq!(r.code, 3);
    assert_eq!(r.stderr.lines().count(), 1);
    assert!(!r.stderr.contains("not the passphrase"));
    assert!(r.stdout.is_empty());
}

#[test]
fn the_recovery_code_is_printed_last_and_accepted_in_any_form() {
    let (_dir, vault) = new_vault();
    add(&vault, "kept safe", &[]);
    let out = ok(with_pass(&vault, &["recovery-code", "create"])).stdout;
    let code = out.lines().last().unwrap().trim().to_owned();
    assert_eq!(code.len(), 34, "{code:?}");
    for typed in [
        code.clone(),
        code.to_lowercase(),
        code.replace('-', ""),
        code.to_lowercase().replace('-', ""),
    ] {
        let r = ok(run(
            &vault,
            &["journal", "list"],
            &[("RESPITE_RECOVERY_CODE", &typed)],
            None,
        ));
        assert!(r.stdout.contains("kept safe"));
    }
    let wrong = run(
        &vault,
        &["journal", "list"],
        &[("RESPITE_RECOVERY_CODE", "AAAA-BBBB")],
        None,
    );
    assert_eq!(wrong.code, 3);
    let json: Value =
        serde_json::from_str(&ok(with_pass(&vault, &["--json", "recovery-code", "create"])).stdout)
            .unwrap();
    let newer = json["recovery_code"].as_str().unwrap();
    assert_eq!(
        run(
            &vault,
            &["journal", "list"],
            &[("RESPITE_RECOVERY_CODE", &code)],
            None
        )
        .code,
        3
    );
    ok(run(
        &vault,
        &["journal", "list"],
        &[("RESPITE_RECOVERY_CODE", newer)],
        None,
    ));
}

#[test]
fn changing_the_passphrase_takes_effect_and_the_recovery_code_can_reset_it() {
    let (_dir, vault) = new_vault();
    add(&vault, "still here", &[]);
    ok(run(
        &vault,
        &["passphrase", "change"],
        &[
            ("RESPITE_PASSPHRASE", PASSPHRASE),
            ("RESPITE_NEW_PASSPHRASE", "a second passphrase"),
        ],
        None,
    ));
    assert_eq!(with_pass(&vault, &["journal", "list"]).code, 3);
    let r = ok(run(
        &vault,
        &["journal", "list"],
        &[("RESPITE_PASSPHRASE", "a second passphrase")],
        None,
    ));
    assert!(r.stdout.contains("still here"));

    let code = ok(run(
        &vault,
        &["recovery-code", "create"],
        &[("RESPITE_PASSPHRASE", "a second passphrase")],
        None,
    ))
    .stdout
    .lines()
    .last()
    .unwrap()
    .to_owned();
    ok(run(
        &vault,
        &["passphrase", "change"],
        &[
            ("RESPITE_RECOVERY_CODE", &code),
            ("RESPITE_NEW_PASSPHRASE", "a third passphrase"),
        ],
        None,
    ));
    ok(run(
        &vault,
        &["journal", "list"],
        &[("RESPITE_PASSPHRASE", "a third passphrase")],
        None,
    ));
    let slots: Value = serde_json::from_str(
        &ok(run(
            &vault,
            &["--json", "key-slots", "list"],
            &[("RESPITE_PASSPHRASE", "a third passphrase")],
            None,
        ))
        .stdout,
    )
    .unwrap();
    assert_eq!(slots["key_slots"].as_array().unwrap().len(), 2);
}

#[test]
fn usage_errors_exit_2() {
    let (_dir, vault) = new_vault();
    for args in [
        vec!["frobnicate"],
        vec!["journal", "add", "--kind", "nonsense", "--text", "x"],
        vec!["journal", "show"],
        vec!["journal", "add", "--text", "x", "--at", "yesterday"],
        vec!["init", "--kdf-iterations", "many"],
    ] {
        let r = with_pass(&vault, &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
}

#[test]
fn refused_input_exits_1_with_one_clear_line() {
    let (_dir, vault) = new_vault();
    for (args, words) in [
        (vec!["journal", "show", "not-an-id"], "id"),
        (vec!["journal", "add", "--text", "   "], "body"),
        (
            vec!["key-slots", "remove", "00000000000000000000000000000000"],
            "key slot",
        ),
    ] {
        let r = with_pass(&vault, &args);
        assert_eq!(r.code, 1, "{args:?}");
        assert_eq!(r.stderr.lines().count(), 1);
        assert!(r.stderr.contains(words), "{}", r.stderr);
    }
    let dir = tempfile::tempdir().unwrap();
    let weak = run(
        &dir.path().join("w.db"),
        &["init"],
        &[("RESPITE_PASSPHRASE", "short")],
        None,
    );
    assert_eq!(weak.code, 1);
    assert!(weak.stderr.contains("at least 8 characters"));
    assert!(!dir.path().join("w.db").exists());
    let guessable = run(
        &dir.path().join("g.db"),
        &["init"],
        &[("RESPITE_PASSPHRASE", "12345678")],
        None,
    );
    assert_eq!(guessable.code, 1);
    assert!(
        guessable.stderr.contains("too easy to guess"),
        "{}",
        guessable.stderr
    );
    assert!(!dir.path().join("g.db").exists());
    let floor = with_pass(
        &dir.path().join("f.db"),
        &["init", "--kdf-iterations", "99999"],
    );
    assert_eq!(floor.code, 1);
    assert!(with_pass(&vault, &["init"])
        .stderr
        .contains("already exists"));
}

#[test]
fn integrity_failures_exit_4_and_leave_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_vault = dir.path().join("notes.txt");
    std::fs::write(&not_a_vault, "just some notes").unwrap();
    let r = with_pass(&not_a_vault, &["journal", "list"]);
    assert_eq!(r.code, 4);
    assert_eq!(
        std::fs::read_to_string(&not_a_vault).unwrap(),
        "just some notes"
    );

    let (_dir, vault) = new_vault();
    let intact = add(
        &vault,
        "intact entry",
        &["--at", "2026-05-03T08:00:00+02:00"],
    );
    let victim = add(
        &vault,
        "tampered entry",
        &["--at", "2026-05-04T08:00:00+02:00"],
    );
    {
        let conn = rusqlite::Connection::open(&vault).unwrap();
        conn.execute(
            "UPDATE journal_entries SET sealed = CAST(sealed AS BLOB) || x'00' WHERE id = ?1",
            [&victim],
        )
        .unwrap();
    }
    let r = with_pass(&vault, &["journal", "list"]);
    assert_eq!(r.code, 4);
    assert!(r.stdout.contains(&intact) && !r.stdout.contains(&victim));
    assert!(r.stderr.contains(&victim));
    assert_eq!(with_pass(&vault, &["journal", "show", &victim]).code, 4);

    let whole = std::fs::read(&vault).unwrap();
    let truncated = dir.path().join("truncated.db");
    std::fs::write(&truncated, &whole[..whole.len() / 2]).unwrap();
    assert_eq!(with_pass(&truncated, &["journal", "list"]).code, 4);
}

#[test]
fn the_tour_runs_alone_and_proves_nothing_leaks() {
    let r = Command::new(env!("CARGO_BIN_EXE_respite"))
        .arg("tour")
        .env_remove("RESPITE_PASSPHRASE")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8(r.stdout).unwrap();
    assert!(
        r.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(stdout.contains(
        "None of the sample text, passphrases or the recovery code is in the vault or backup files"
    ));
    assert!(stdout.contains("respite.backup: every record"), "{stdout}");
    assert!(
        stdout.contains("read back identical to the original"),
        "{stdout}"
    );
    assert!(!stdout.contains("FOUND"));
}

#[test]
fn reflect_records_values_from_flags_and_the_note_from_stdin() {
    let (_dir, vault) = new_vault();
    let id = ok(run(
        &vault,
        &[
            "reflect",
            "--intensity",
            "8",
            "--activation",
            "7",
            "--activation-after",
            "4",
            "--feeling",
            "heavy",
            "--body",
            "tight-chest",
            "--need",
            "pause",
            "--practice",
            "box-breathing",
            "--at",
            "2026-05-04T15:50:00+02:00",
        ],
        &[("RESPITE_PASSPHRASE", PASSPHRASE)],
        Some("A loss story that echoed my own.\n"),
    ))
    .stdout
    .trim()
    .to_owned();
    let json: Value =
        serde_json::from_str(&ok(with_pass(&vault, &["--json", "journal", "show", &id])).stdout)
            .unwrap();
    assert_eq!(json["kind"], "after-session");
    assert_eq!(json["body"], "A loss story that echoed my own.");
    assert_eq!(json["reflection"]["intensity"], 8);
    assert_eq!(json["reflection"]["activation_after"], 4);
    assert_eq!(json["reflection"]["feelings"][0], "heavy");
    // The quick path: one value, no note. A heavy session gets a warm word on stderr.
    let heavy = ok(with_pass(&vault, &["reflect", "--intensity", "9"]));
    assert_eq!(
        heavy.stdout.trim().lines().count(),
        1,
        "only the id on stdout"
    );
    assert!(heavy.stderr.trim().len() > 20, "{}", heavy.stderr);
    let heavy_json: Value = serde_json::from_str(
        &ok(with_pass(
            &vault,
            &["--json", "reflect", "--intensity", "8"],
        ))
        .stdout,
    )
    .unwrap();
    assert!(heavy_json["acknowledgement"].as_str().unwrap().len() > 20);
    let light = ok(with_pass(&vault, &["reflect", "--intensity", "7"]));
    assert!(light.stderr.trim().is_empty(), "{}", light.stderr);
    ok(with_pass(&vault, &["reflect", "--intensity", "3"]));
    let bad = with_pass(&vault, &["reflect", "--intensity", "11"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("intensity"));
    let unknown = with_pass(&vault, &["reflect", "--feeling", "elated-ish"]);
    assert_eq!(unknown.code, 1);
    assert!(unknown.stderr.contains("feelings"));
    // The English word works as well as the id, and a near miss gets suggestions.
    let words = ok(with_pass(
        &vault,
        &["reflect", "--feeling", "Heavy", "--body", "tight chest"],
    ));
    let id = words.stdout.trim().lines().last().unwrap().to_owned();
    let json: Value =
        serde_json::from_str(&ok(with_pass(&vault, &["--json", "journal", "show", &id])).stdout)
            .unwrap();
    assert_eq!(json["reflection"]["feelings"][0], "heavy");
    assert_eq!(json["reflection"]["body_sensations"][0], "tight-chest");
    let near = with_pass(&vault, &["reflect", "--feeling", "hevy"]);
    assert_eq!(near.code, 1);
    assert!(
        near.stderr.contains("close words: Heavy"),
        "{}",
        near.stderr
    );
}

#[test]
fn checkin_takes_a_flag_per_field_and_lists_by_day() {
    let (_dir, vault) = new_vault();
    let id = ok(with_pass(
        &vault,
        &[
            "checkin",
            "--pleasantness",
            "-0.4",
            "--energy",
            "0.3",
            "--emotion",
            "drained",
            "--zone",
            "reacting",
            "--burnout",
            "3",
            "--sleep-hours",
            "6.5",
            "--sleep-quality",
            "2",
            "--detachment",
            "2",
            "--relaxation",
            "3",
            "--mastery",
            "1",
            "--control",
            "4",
            "--intrusion",
            "3",
            "--practice",
            "evening-walk",
            "--context",
            "home",
            "--note",
            "Long day.",
            "--at",
            "2026-05-04T21:00:00+02:00",
        ],
    ))
    .stdout
    .trim()
    .to_owned();
    ok(with_pass(
        &vault,
        &[
            "checkin",
            "--energy",
            "0.8",
            "--at",
            "2026-05-06T08:00:00+02:00",
        ],
    ));
    let json: Value = serde_json::from_str(
        &ok(with_pass(
            &vault,
            &["--json", "checkin", "list", "--to", "2026-05-05"],
        ))
        .stdout,
    )
    .unwrap();
    let list = json["checkins"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["pleasantness"], -0.4);
    assert_eq!(list[0]["stress_zone"], "reacting");
    assert_eq!(list[0]["control"], 4);
    assert_eq!(list[0]["context"], "home");
    for (args, field) in [
        (vec!["checkin", "--energy", "1.5"], "energy"),
        (vec!["checkin", "--energy", "NaN"], "energy"),
        (vec!["checkin", "--burnout", "9"], "burnout"),
        (vec!["checkin", "--emotion", "unknown-feeling"], "emotions"),
        (vec!["checkin"], "at least one value"),
    ] {
        let r = with_pass(&vault, &args);
        assert_eq!(r.code, 1, "{args:?}");
        assert!(r.stderr.contains(field), "{args:?}: {}", r.stderr);
    }
    assert_eq!(with_pass(&vault, &["checkin", "--zone", "fine"]).code, 2);
}

#[test]
fn journal_search_ranks_and_filters_with_ids() {
    let (_dir, vault) = new_vault();
    let grief2 = add(
        &vault,
        "Grief, and more grief, after the ward round.",
        &["--tag", "grief", "--at", "2026-05-01T15:00:00+02:00"],
    );
    let grief1 = add(
        &vault,
        "A little grief in the evening.",
        &["--kind", "evening", "--at", "2026-05-03T21:00:00+02:00"],
    );
    add(
        &vault,
        "Swimming cleared my head.",
        &["--at", "2026-05-04T09:00:00+02:00"],
    );
    let out = ok(with_pass(&vault, &["journal", "search", "GRIEF"])).stdout;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with(&grief2) && lines[1].starts_with(&grief1),
        "{out}"
    );
    let json: Value = serde_json::from_str(
        &ok(with_pass(
            &vault,
            &["--json", "journal", "search", "grief", "--kind", "evening"],
        ))
        .stdout,
    )
    .unwrap();
    assert_eq!(json["hits"].as_array().unwrap().len(), 1);
    assert_eq!(json["hits"][0]["id"], grief1.as_str());
    let dated = ok(with_pass(
        &vault,
        &[
            "journal",
            "search",
            "grief",
            "--from",
            "2026-05-02",
            "--to",
            "2026-05-31",
        ],
    ))
    .stdout;
    assert!(dated.starts_with(&grief1) && !dated.contains(&grief2));
    let tagged = ok(with_pass(&vault, &["journal", "search", "--tag", "grief"])).stdout;
    assert!(tagged.starts_with(&grief2) && !tagged.contains(&grief1));
    assert!(ok(with_pass(&vault, &["journal", "search", "xylophone"]))
        .stdout
        .contains("Nothing found"));
    assert_eq!(
        with_pass(&vault, &["journal", "search", "x", "--from", "soon"]).code,
        1
    );
}

#[test]
fn the_day_start_hour_setting_moves_late_entries_to_the_evening_before() {
    let (_dir, vault) = new_vault();
    ok(with_pass(
        &vault,
        &["settings", "set", "--day-start-hour", "4"],
    ));
    let json: Value =
        serde_json::from_str(&ok(with_pass(&vault, &["--json", "settings", "show"])).stdout)
            .unwrap();
    assert_eq!(json["day_start_hour"], 4);
    let id = add(
        &vault,
        "Charting at 2 am.",
        &["--at", "2026-05-05T02:00:00+02:00"],
    );
    let json: Value =
        serde_json::from_str(&ok(with_pass(&vault, &["--json", "journal", "show", &id])).stdout)
            .unwrap();
    assert_eq!(json["local_day"], "2026-05-04");
    assert_eq!(
        with_pass(&vault, &["settings", "set", "--day-start-hour", "20"]).code,
        1
    );
}

const PRACTICE_BLOCK: &str = "\n### Practice: Box breathing\nid: box-breathing\ndomain: emotional\ncontext: workday\nstatus: current\nfrequency: after hard sessions\n";

#[test]
fn plan_show_and_set_round_trip_without_a_new_revision() {
    let (dir, vault) = new_vault();
    let shown = ok(with_pass(&vault, &["plan", "show"])).stdout;
    let file = dir.path().join("plan.txt");
    std::fs::write(
        &file,
        shown.replace(
            "### Boundaries I commit to\n",
            "### Boundaries I commit to\n- No notes after 7 pm\n",
        ) + PRACTICE_BLOCK,
    )
    .unwrap();
    assert!(ok(with_pass(
        &vault,
        &["plan", "set", "--file", file.to_str().unwrap()]
    ))
    .stdout
    .contains("revision 1"));
    let again = ok(with_pass(&vault, &["plan", "show"])).stdout;
    std::fs::write(&file, &again).unwrap();
    assert!(ok(with_pass(
        &vault,
        &["plan", "set", "--file", file.to_str().unwrap()]
    ))
    .stdout
    .contains("No changes"));
    let history: Value =
        serde_json::from_str(&ok(with_pass(&vault, &["--json", "plan", "history"])).stdout)
            .unwrap();
    assert_eq!(history["revisions"].as_array().unwrap().len(), 1);
    // From standard input, too.
    let edited = again.replace("- No notes after 7 pm", "- No notes after 6 pm");
    ok(run(
        &vault,
        &["plan", "set", "--file", "-"],
        &[("RESPITE_PASSPHRASE", PASSPHRASE)],
        Some(&edited),
    ));
    let diff = ok(with_pass(&vault, &["plan", "diff", "1", "2"])).stdout;
    assert!(
        diff.contains("+ [Boundaries I commit to] No notes after 6 pm"),
        "{diff}"
    );
    assert!(
        diff.contains("- [Boundaries I commit to] No notes after 7 pm"),
        "{diff}"
    );
    let markdown = ok(with_pass(&vault, &["plan", "show", "--markdown"])).stdout;
    assert!(markdown.contains("**Box breathing**"));
}

#[test]
fn an_invalid_plan_file_is_refused_and_nothing_changes() {
    let (dir, vault) = new_vault();
    let file = dir.path().join("bad.txt");
    std::fs::write(
        &file,
        format!(
            "{}\ndomain: spiritual\n",
            PRACTICE_BLOCK.replace("domain: emotional\n", "")
        ),
    )
    .unwrap();
    let r = with_pass(&vault, &["plan", "set", "--file", file.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("line") && r.stderr.contains("domain") && !r.stderr.contains("spiritual"),
        "{}",
        r.stderr
    );
    let history: Value =
        serde_json::from_str(&ok(with_pass(&vault, &["--json", "plan", "history"])).stdout)
            .unwrap();
    assert!(history["revisions"].as_array().unwrap().is_empty());
}

#[test]
fn plan_edit_saves_valid_text_and_keeps_invalid_text() {
    let (dir, vault) = new_vault();
    let good = write_editor(dir.path(), "good.sh", &format!("s += {PRACTICE_BLOCK:?}"));
    let r = ok(run(
        &vault,
        &["plan", "edit"],
        &[
            ("RESPITE_PASSPHRASE", PASSPHRASE),
            ("EDITOR", good.to_str().unwrap()),
        ],
        None,
    ));
    assert!(r.stdout.contains("Saved revision 1"));
    let bad = write_editor(
        dir.path(),
        "bad.sh",
        "s += '\\n### Practice: Mystery\\nid: mystery\\n'",
    );
    let r = run(
        &vault,
        &["plan", "edit"],
        &[
            ("RESPITE_PASSPHRASE", PASSPHRASE),
            ("EDITOR", bad.to_str().unwrap()),
        ],
        None,
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("needs a \"domain:\" line"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("kept, encrypted, in the vault"),
        "{}",
        r.stderr
    );
    // Nothing typed is lost and no plaintext copy is left: the next edit starts from
    // the kept text (this editor writes what it was given to a file of its own).
    let seen = dir.path().join("seen.md");
    let look = write_editor(
        dir.path(),
        "look.sh",
        &format!("open({:?}, 'w').write(s)", seen.to_str().unwrap()),
    );
    let r = run(
        &vault,
        &["plan", "edit"],
        &[
            ("RESPITE_PASSPHRASE", PASSPHRASE),
            ("EDITOR", look.to_str().unwrap()),
        ],
        None,
    );
    assert!(
        r.stderr.contains("starting from the text you were writing"),
        "{}",
        r.stderr
    );
    let kept_text = std::fs::read_to_string(&seen).unwrap();
    assert!(kept_text.contains("### Practice: Mystery") && kept_text.contains("id: box-breathing"));

    let history: Value =
        serde_json::from_str(&ok(with_pass(&vault, &["--json", "plan", "history"])).stdout)
            .unwrap();
    assert_eq!(history["revisions"].as_array().unwrap().len(), 1);
}

#[test]
fn plan_suggest_card_adherence_and_export() {
    let (dir, vault) = new_vault();
    let good = write_editor(dir.path(), "good.sh", &format!("s += {PRACTICE_BLOCK:?}"));
    ok(run(
        &vault,
        &["plan", "edit"],
        &[
            ("RESPITE_PASSPHRASE", PASSPHRASE),
            ("EDITOR", good.to_str().unwrap()),
        ],
        None,
    ));
    let suggest: Value = serde_json::from_str(
        &ok(with_pass(
            &vault,
            &["--json", "plan", "suggest", "--moment", "after-session"],
        ))
        .stdout,
    )
    .unwrap();
    let practices = suggest["practices"].as_array().unwrap();
    assert_eq!(practices[0]["id"], "box-breathing");
    assert_eq!(practices[0]["from_plan"], true);
    assert!(practices.len() >= 3);
    for moment in ["transition", "evening", "bad-day"] {
        ok(with_pass(&vault, &["plan", "suggest", "--moment", moment]));
    }
    assert_eq!(
        with_pass(&vault, &["plan", "suggest", "--moment", "lunch"]).code,
        2
    );
    let card = ok(with_pass(&vault, &["plan", "card"])).stdout;
    assert!(card.contains("What helps me settle"));
    ok(with_pass(
        &vault,
        &[
            "reflect",
            "--intensity",
            "8",
            "--practice",
            "box-breathing",
            "--at",
            "2026-05-05T11:00:00+02:00",
        ],
    ));
    let adherence: Value = serde_json::from_str(
        &ok(with_pass(
            &vault,
            &[
                "--json",
                "plan",
                "adherence",
                "--weeks",
                "1",
                "--today",
                "2026-05-07",
            ],
        ))
        .stdout,
    )
    .unwrap();
    let week = &adherence["practices"][0]["weeks"][0];
    assert_eq!(
        (week["done"].as_u64(), week["target"].as_u64()),
        (Some(1), Some(1))
    );
    let out = dir.path().join("plan.md");
    let r = ok(with_pass(
        &vault,
        &["plan", "export", "--markdown", out.to_str().unwrap()],
    ));
    assert!(r.stderr.contains("plaintext"));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("**Box breathing**"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn the_schedule_round_trips_and_drives_upcoming_prompts() {
    let (dir, vault) = new_vault();
    let shown = ok(with_pass(&vault, &["schedule", "show"])).stdout;
    assert!(shown.contains("monday 09:00-17:00"));
    let file = dir.path().join("schedule.txt");
    std::fs::write(&file, &shown).unwrap();
    assert!(ok(with_pass(
        &vault,
        &["schedule", "set", "--file", file.to_str().unwrap()]
    ))
    .stdout
    .contains("No changes"));
    let night = shown
        .replace(
            "friday 09:00-17:00\n",
            "friday 09:00-17:00\nsaturday 22:00-07:00\n",
        )
        .replace("quiet hours: 22:00-07:00", "quiet hours: 12:00-14:00")
        .replace(
            "## Exceptions\n",
            "## Exceptions\n2030-01-01..2030-01-07 vacation\n",
        );
    std::fs::write(&file, &night).unwrap();
    ok(with_pass(
        &vault,
        &["schedule", "set", "--file", file.to_str().unwrap()],
    ));
    assert!(ok(with_pass(&vault, &["schedule", "show"]))
        .stdout
        .contains("saturday 22:00-07:00"));
    std::fs::write(
        &file,
        shown.replace("monday 09:00-17:00", "moonday 09:00-17:00"),
    )
    .unwrap();
    let bad = with_pass(
        &vault,
        &["schedule", "set", "--file", file.to_str().unwrap()],
    );
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("line"), "{}", bad.stderr);

    let upcoming = || -> Value {
        let args = [
            "--json",
            "prompts",
            "upcoming",
            "--days",
            "14",
            "--time-zone",
            "Europe/Berlin",
        ];
        serde_json::from_str(&ok(with_pass(&vault, &args)).stdout).unwrap()
    };
    let json = upcoming();
    let list = json["prompts"].as_array().unwrap();
    assert!(
        list.iter().filter(|p| p["kind"] == "transition").count() >= 10,
        "{json}"
    );
    assert!(list
        .windows(2)
        .all(|w| w[0]["at"].as_str() <= w[1]["at"].as_str()));
    let id = list[0]["id"].as_str().unwrap().to_owned();
    ok(with_pass(&vault, &["prompts", "skip", &id]));
    let again = upcoming();
    assert!(again["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["id"] != id.as_str()));
    assert_eq!(
        with_pass(&vault, &["prompts", "upcoming", "--days", "0"]).code,
        2
    );
    assert_eq!(
        with_pass(&vault, &["prompts", "upcoming", "--time-zone", "Moon/Base"]).code,
        1
    );
}

#[test]
fn a_transition_from_answers_or_stdin_then_parked_items_and_the_evening_check() {
    let (dir, vault) = new_vault();
    let answers = dir.path().join("answers.json");
    std::fs::write(
        &answers,
        r#"{"parked":[{"what":"Discharge summary","when":"tomorrow 9:00","where":"my desk"}],
            "pleasantness":-0.2,"energy":0.3,"feelings":["drained"],"set_down":"The corridor argument",
            "went_well":["The group laughed"],"who_at_home":"A patient partner","first_thing":"Tea",
            "end_of_day_signal":"Changed clothes","practice":"slow-breathing"}"#,
    )
    .unwrap();
    let out = ok(with_pass(
        &vault,
        &[
            "transition",
            "--answers",
            answers.to_str().unwrap(),
            "--at",
            "2026-05-04T17:10:00+02:00",
        ],
    ))
    .stdout;
    let entry_id = out.lines().last().unwrap().to_owned();
    let shown: Value = serde_json::from_str(
        &ok(with_pass(&vault, &["--json", "journal", "show", &entry_id])).stdout,
    )
    .unwrap();
    assert_eq!(shown["kind"], "transition");
    // Read back in full: the answers in words, in text and in --json.
    assert_eq!(shown["transition"]["set_down"], "The corridor argument");
    assert_eq!(
        shown["transition"]["parked"][0]["what"],
        "Discharge summary"
    );
    assert_eq!(shown["transition"]["feeling_words"], "Drained");
    let text = ok(with_pass(&vault, &["journal", "show", &entry_id])).stdout;
    for part in [
        "parked:     Discharge summary — tomorrow 9:00, my desk",
        "set down:   The corridor argument",
        "went well:  The group laughed",
        "named:      Drained",
        "signal:     Changed clothes",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    let found = ok(with_pass(&vault, &["journal", "search", "corridor"])).stdout;
    assert!(
        found.contains("The corridor argument"),
        "a transition's snippet: {found}"
    );
    let listed = ok(with_pass(&vault, &["journal", "list"])).stdout;
    assert!(
        listed.contains(
            "Leaving work · 1 thing parked · one thing set down · went well: The group laughed"
        ),
        "{listed}"
    );
    // Parked on 2026-05-04, more than 30 days ago: it no longer comes back.
    let parked: Value =
        serde_json::from_str(&ok(with_pass(&vault, &["--json", "parked", "list"])).stdout).unwrap();
    assert!(parked["parked"].as_array().unwrap().is_empty());
    let piped = ok(run(
        &vault,
        &["transition"],
        &[("RESPITE_PASSPHRASE", PASSPHRASE)],
        Some("Call the family\nafter lunch\nward phone\n\n0.1\n0.5\n\nthe hard call\nteam lunch\n\nme\nwalk\n\n\n"),
    ));
    let today_id = piped.stdout.lines().last().unwrap().to_owned();
    let list: Value =
        serde_json::from_str(&ok(with_pass(&vault, &["--json", "parked", "list"])).stdout).unwrap();
    let items = list["parked"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["what"], "Call the family");
    assert_eq!(items[0]["entry_id"], today_id.as_str());
    ok(with_pass(
        &vault,
        &[
            "parked",
            "done",
            &today_id,
            items[0]["item_id"].as_str().unwrap(),
        ],
    ));
    assert!(ok(with_pass(&vault, &["parked", "list"]))
        .stdout
        .contains("Nothing parked"));

    let evening: Value = serde_json::from_str(
        &ok(with_pass(
            &vault,
            &["--json", "evening", "--detachment", "2", "--intrusion", "3"],
        ))
        .stdout,
    )
    .unwrap();
    assert_eq!(evening["detachment"], 2);
    assert_eq!(evening["work_intrusion"], 3);
    let fuller: Value = serde_json::from_str(
        &ok(with_pass(
            &vault,
            &[
                "--json",
                "evening",
                "--relaxation",
                "4",
                "--mastery",
                "2",
                "--control",
                "5",
            ],
        ))
        .stdout,
    )
    .unwrap();
    assert_eq!(
        (
            &fuller["relaxation"],
            &fuller["mastery"],
            &fuller["control"]
        ),
        (&Value::from(4), &Value::from(2), &Value::from(5))
    );
    assert_eq!(with_pass(&vault, &["evening", "--intrusion", "7"]).code, 1);
    let asked = ok(run(
        &vault,
        &["evening"],
        &[("RESPITE_PASSPHRASE", PASSPHRASE)],
        Some("1\n4\n\n\n"),
    ));
    assert!(asked.stdout.contains("Saved your evening check"));

    // Skipping every step is a choice: nothing saved, exit 0, no id.
    std::fs::write(&answers, "{}").unwrap();
    let skipped = ok(with_pass(
        &vault,
        &["transition", "--answers", answers.to_str().unwrap()],
    ));
    assert!(skipped.stdout.is_empty(), "{}", skipped.stdout);
    assert!(
        skipped.stderr.contains("Nothing was saved"),
        "{}",
        skipped.stderr
    );
    let skipped_json = ok(with_pass(
        &vault,
        &[
            "--json",
            "transition",
            "--answers",
            answers.to_str().unwrap(),
        ],
    ));
    assert_eq!(skipped_json.stdout.trim(), r#"{"saved":false}"#);
    let evening_skipped = ok(run(
        &vault,
        &["evening"],
        &[("RESPITE_PASSPHRASE", PASSPHRASE)],
        Some("\n\n\n\n"),
    ));
    assert!(
        evening_skipped.stderr.contains("Nothing was saved"),
        "{}",
        evening_skipped.stderr
    );

    for (body, words) in [
        ("{not json", "not valid JSON"),
        (r#"{"went_wel":["x"]}"#, "unknown field"),
    ] {
        std::fs::write(&answers, body).unwrap();
        let r = with_pass(
            &vault,
            &["transition", "--answers", answers.to_str().unwrap()],
        );
        assert_eq!(r.code, 1, "{body}");
        assert!(r.stderr.contains(words), "{body}: {}", r.stderr);
    }
}

#[test]
fn demo_data_trends_and_the_html_report() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("demo.db");
    let made = ok(with_pass(
        &vault,
        &[
            "demo-data",
            "--years",
            "1",
            "--seed",
            "4",
            "--today",
            "2026-05-06",
        ],
    ));
    assert!(made.stdout.contains("check-ins") && made.stderr.contains("synthetic"));
    let again = with_pass(
        &vault,
        &["demo-data", "--years", "1", "--today", "2026-05-06"],
    );
    assert_eq!(
        again.code, 2,
        "a vault with records is not filled again by accident"
    );

    let text = ok(with_pass(
        &vault,
        &["trends", "--days", "28", "--today", "2026-05-06"],
    ))
    .stdout;
    assert!(text.contains("Pleasantness") && text.contains("What your records suggest"));
    assert!(
        text.contains("go together with") && text.contains("not proof"),
        "{text}"
    );
    let json: Value = serde_json::from_str(
        &ok(with_pass(
            &vault,
            &["--json", "trends", "--days", "28", "--today", "2026-05-06"],
        ))
        .stdout,
    )
    .unwrap();
    assert_eq!(json["series"].as_array().unwrap().len(), 11);
    assert_eq!(json["series"][0]["days"].as_array().unwrap().len(), 28);
    let insight = &json["insights"].as_array().unwrap()[0];
    assert!(insight["evidence"]["days_with"].as_u64().unwrap() >= 5);
    assert!(insight["evidence"]["interval_low"].as_f64().unwrap() > 0.0);
    assert_eq!(with_pass(&vault, &["trends", "--days", "3"]).code, 2);

    let report = dir.path().join("report.html");
    let r = ok(with_pass(
        &vault,
        &[
            "report",
            "--html",
            report.to_str().unwrap(),
            "--today",
            "2026-05-06",
        ],
    ));
    assert!(r.stderr.contains("plaintext"));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && html.contains("<svg")
            && html.contains("What your records suggest")
    );
    assert!(html.contains("form-action 'none'; base-uri 'none'"));
    // It says plainly that it holds journal text, and tells zones in words.
    assert!(html.contains("This file contains words from your journal"));
    assert!(r.stderr.contains("words from your journal"), "{}", r.stderr);
    assert!(html.contains("days with a stress zone: ready on"));
    assert!(html.contains("higher is better"));
    let text = ok(with_pass(
        &vault,
        &["trends", "--days", "28", "--today", "2026-05-06"],
    ))
    .stdout;
    assert!(text.contains("Stress zones\n  Of "), "{text}");
    assert!(
        text.contains("higher is better") && text.contains("lower is better"),
        "{text}"
    );
    assert_eq!(json["series"][0]["better"], "higher");
    assert!(json["zones"]["days"].as_u64().unwrap() > 0);
    for fetch in [
        "<script", "http://", "https://", "src=\"//", "@import", "url(",
    ] {
        assert!(
            !html.contains(fetch),
            "the report must be self-contained: found {fetch}"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&report).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn plaintext_outputs_never_replace_a_file_or_follow_a_link_unless_forced() {
    let (dir, vault) = new_vault();
    let target = dir.path().join("plan.md");
    std::fs::write(&target, "keep me").unwrap();
    let export = |force: bool| {
        let mut args = vec!["plan", "export", "--markdown", target.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        with_pass(&vault, &args)
    };
    let r = export(false);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    ok(export(true));
    assert!(std::fs::read_to_string(&target).unwrap().contains("# "));

    // A link planted where the report goes: refused, and with --force the link itself
    // is replaced while the file it pointed to is untouched.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let elsewhere = dir.path().join("elsewhere.txt");
        std::fs::write(&elsewhere, "not yours").unwrap();
        let report = dir.path().join("report.html");
        std::os::unix::fs::symlink(&elsewhere, &report).unwrap();
        let args = |force: bool| {
            let mut a = vec![
                "report",
                "--html",
                report.to_str().unwrap(),
                "--today",
                "2026-05-06",
            ];
            if force {
                a.push("--force");
            }
            a
        };
        assert_eq!(with_pass(&vault, &args(false)).code, 1);
        ok(with_pass(&vault, &args(true)));
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "not yours");
        let meta = std::fs::symlink_metadata(&report).unwrap();
        assert!(meta.is_file());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        // Nothing half-written is left beside it.
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".partial-"))
            .collect();
        assert!(leftovers.is_empty());
    }
}

#[test]
fn plan_edit_leaves_no_copy_behind_not_even_the_editors_backup() {
    let (dir, vault) = new_vault();
    let runtime = dir.path().join("runtime");
    std::fs::create_dir(&runtime).unwrap();
    // An editor that keeps a backup copy next to the file, as many do.
    let editor = write_editor(
        dir.path(),
        "backup.sh",
        &format!("open(p + '~', 'w').write(s)\ns += {PRACTICE_BLOCK:?}"),
    );
    ok(run(
        &vault,
        &["plan", "edit"],
        &[
            ("RESPITE_PASSPHRASE", PASSPHRASE),
            ("EDITOR", editor.to_str().unwrap()),
            ("XDG_RUNTIME_DIR", runtime.to_str().unwrap()),
        ],
        None,
    ));
    let left: Vec<_> = std::fs::read_dir(&runtime).unwrap().flatten().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn control_characters_in_what_is_shown_never_reach_the_terminal() {
    let (dir, vault) = new_vault();
    // The core refuses them in what is written; a file name can still carry them.
    let r = with_pass(&vault, &["journal", "add", "--text", "a \u{1b}[2J b"]);
    assert_eq!(r.code, 1);
    let name = dir.path().join("plan \u{1b}]0;owned\u{7}.md");
    std::fs::write(&name, "keep").unwrap();
    let r = with_pass(
        &vault,
        &["plan", "export", "--markdown", name.to_str().unwrap()],
    );
    assert_eq!(r.code, 1);
    assert!(
        !r.stderr.contains('\u{1b}') && !r.stderr.contains('\u{7}'),
        "{:?}",
        r.stderr
    );
    assert!(r.stderr.contains("\\u{1b}"), "{}", r.stderr);
}

#[test]
fn verify_exits_0_when_intact_and_4_when_a_record_is_damaged() {
    let (_dir, vault) = new_vault();
    ok(with_pass(&vault, &["journal", "add", "--text", "one"]));
    let r = ok(with_pass(&vault, &["verify"]));
    assert!(r.stdout.contains("Journal entries: 1"), "{}", r.stdout);
    let conn = rusqlite::Connection::open(&vault).unwrap();
    let mut sealed: Vec<u8> = conn
        .query_row("SELECT sealed FROM journal_entries", [], |r| r.get(0))
        .unwrap();
    let last = sealed.len() - 1;
    sealed[last] ^= 1;
    conn.execute("UPDATE journal_entries SET sealed = ?1", [&sealed])
        .unwrap();
    drop(conn);
    let r = with_pass(&vault, &["--json", "verify"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    let json: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(json["damaged"].as_array().unwrap().len(), 1);
    assert_eq!(json["journal_entries"], 0);
}

#[test]
fn verify_names_a_deleted_entry_and_the_vault_refuses_writes_until_restored() {
    let (_dir, vault) = new_vault();
    let first = ok(with_pass(&vault, &["journal", "add", "--text", "one"]));
    let first_id = first.stdout.trim().lines().last().unwrap().to_owned();
    ok(with_pass(&vault, &["journal", "add", "--text", "two"]));
    let conn = rusqlite::Connection::open(&vault).unwrap();
    conn.execute("DELETE FROM journal_entries WHERE id = ?1", [&first_id])
        .unwrap();
    drop(conn);
    let r = with_pass(&vault, &["--json", "verify"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    let json: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(json["state"]["intact"], false);
    let problem = &json["state"]["problems"][0];
    assert_eq!(problem["kind"], "missing");
    assert_eq!(problem["id"], first_id.as_str());
    let text = with_pass(&vault, &["verify"]);
    assert!(
        text.stdout
            .contains(&format!("Missing: journal entry {first_id}")),
        "{}",
        text.stdout
    );
    // Reading still works; writing is refused with a way out.
    let listed = ok(with_pass(&vault, &["journal", "list"]));
    assert!(
        listed.stderr.contains("opened read-only"),
        "{}",
        listed.stderr
    );
    let refused = with_pass(&vault, &["journal", "add", "--text", "three"]);
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("read-only"), "{}", refused.stderr);
}

#[test]
fn rekey_and_passphrase_change_need_the_current_secret_and_rotate_the_key() {
    let (_dir, vault) = new_vault();
    ok(with_pass(
        &vault,
        &["journal", "add", "--text", "kept across the new key"],
    ));
    let code = ok(with_pass(&vault, &["--json", "recovery-code", "create"])).stdout;
    let code: Value = serde_json::from_str(code.trim()).unwrap();
    let code = code["recovery_code"].as_str().unwrap().to_owned();
    let before: Vec<u8> = rusqlite::Connection::open(&vault)
        .unwrap()
        .query_row("SELECT sealed FROM journal_entries", [], |r| r.get(0))
        .unwrap();
    let r = ok(with_pass(&vault, &["--json", "rekey"]));
    let json: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(json["records_resealed"], 1);
    let new_code = json["recovery_code"].as_str().unwrap().to_owned();
    assert_ne!(new_code, code);
    let after: Vec<u8> = rusqlite::Connection::open(&vault)
        .unwrap()
        .query_row("SELECT sealed FROM journal_entries", [], |r| r.get(0))
        .unwrap();
    assert_ne!(before, after, "re-encrypted");
    let old = run(
        &vault,
        &["journal", "list"],
        &[("RESPITE_RECOVERY_CODE", &code)],
        None,
    );
    assert_eq!(old.code, 3, "{}", old.stderr);
    let listed = run(
        &vault,
        &["journal", "list"],
        &[("RESPITE_RECOVERY_CODE", &new_code)],
        None,
    );
    assert!(ok(listed).stdout.contains("kept across the new key"));
    // With the key rotated in the same step, then the new passphrase opens it.
    let new = "a different evening walk";
    ok(run(
        &vault,
        &["passphrase", "change", "--rotate-key"],
        &[
            ("RESPITE_PASSPHRASE", PASSPHRASE),
            ("RESPITE_NEW_PASSPHRASE", new),
        ],
        None,
    ));
    let r = run(
        &vault,
        &["journal", "list"],
        &[("RESPITE_PASSPHRASE", new)],
        None,
    );
    assert!(ok(r).stdout.contains("kept across the new key"));
}

#[test]
fn a_checkin_reads_back_in_words() {
    let (_dir, vault) = new_vault();
    let id = ok(with_pass(
        &vault,
        &[
            "checkin",
            "--pleasantness",
            "-0.3",
            "--energy",
            "0.3",
            "--zone",
            "reacting",
            "--burnout",
            "3",
            "--feeling",
            "drained",
            "--detachment",
            "2",
            "--note",
            "long day",
        ],
    ))
    .stdout
    .trim()
    .to_owned();
    let text = ok(with_pass(&vault, &["checkin", "show", &id])).stdout;
    for part in [
        "feeling:       unpleasant (-0.30 on −1…1)",
        "energy:        low (0.30 on 0…1)",
        "named:         Drained",
        "stress zone:   Reacting — Stretched.",
        "burnout:       3/5, I'm starting to feel worn down",
        "detachment:    After work, my mind was able to leave the job behind. (2/5, A little)",
        "long day",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    let data = json(ok(with_pass(&vault, &["--json", "checkin", "show", &id])));
    assert_eq!(data["stress_zone"], "reacting");
    assert!(ok(with_pass(&vault, &["checkin", "list"]))
        .stdout
        .contains("Drained"));
}

#[test]
fn a_very_bad_checkin_is_answered_once_with_the_plan_and_a_crisis_line() {
    let (_dir, vault) = new_vault();
    ok(with_pass(
        &vault,
        &["settings", "set", "--crisis-line-region", "gb"],
    ));
    let first = ok(with_pass(&vault, &["checkin", "--zone", "ill"]));
    // The id stays the last line of stdout; the response goes to stderr.
    let id = first.stdout.trim();
    assert_eq!(id.len(), 32, "{}", first.stdout);
    assert!(first.stderr.contains("Samaritans"), "{}", first.stderr);
    assert!(first.stderr.contains("999"), "{}", first.stderr);
    assert!(
        first.stderr.contains("What helps me settle"),
        "{}",
        first.stderr
    );
    // Once a day: a second bad check-in that day is only saved.
    let second = ok(with_pass(&vault, &["checkin", "--burnout", "5"]));
    assert!(!second.stderr.contains("Samaritans"), "{}", second.stderr);
    // An ordinary bad day says nothing, and --json carries the response as a field.
    let (_dir2, other) = new_vault();
    let ordinary = json(ok(with_pass(
        &other,
        &[
            "--json",
            "checkin",
            "--zone",
            "injured",
            "--note",
            "long day, so tired",
        ],
    )));
    assert!(ordinary.get("support").is_none());
    let worded = json(ok(with_pass(
        &other,
        &[
            "--json",
            "journal",
            "add",
            "--text",
            "honestly I can't do this anymore",
        ],
    )));
    assert_eq!(worded["support"]["reasons"][0], "OwnWords");
    assert_eq!(worded["support"]["crisis_line"]["region"], "");
    // On request it always answers.
    let asked = ok(with_pass(&other, &["support"]));
    assert!(
        asked.stdout.contains("findahelpline.com"),
        "{}",
        asked.stdout
    );
}

/// `reflect` and `checkin` with no flags, in a terminal, ask step by step; Enter skips.
#[cfg(unix)]
#[test]
fn reflect_and_checkin_ask_step_by_step_in_a_terminal() {
    let (_dir, vault) = new_vault();
    let pass = [("RESPITE_PASSPHRASE", PASSPHRASE)];
    // intensity, activation, feelings, body, needs, no breathing, a practice, and now, note
    let typed =
        "8\n12\n7\nheavy, wrung out\n\ntight chest\n\n\nslow-breathing\n4\nA long afternoon.\n";
    let r = on_terminal(&vault, &["reflect"], &pass, typed);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("(from 0 to 10, or Enter to skip)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("heavy one") || r.stderr.len() > 100,
        "{}",
        r.stderr
    );
    let id = r.stdout.trim().lines().last().unwrap().to_owned();
    let entry = json(ok(with_pass(&vault, &["--json", "journal", "show", &id])));
    let reflection = &entry["reflection"];
    assert_eq!(reflection["intensity"], 8);
    assert_eq!(reflection["activation_before"], 7);
    assert_eq!(reflection["activation_after"], 4);
    assert_eq!(
        reflection["feelings"],
        serde_json::json!(["heavy", "own:wrung out"])
    );
    assert_eq!(reflection["needs"], serde_json::json!([]));
    assert_eq!(reflection["practice"], "slow-breathing");
    assert_eq!(entry["body"], "A long afternoon.");

    // pleasant, energy, feelings, zone, burnout, note, more: sleep, quality, four, intrusion
    let typed = "-0.4\n0.3\ndrained\n2\n3\n\ny\n6.5\n\n2\n\n\n4\n3\n5\n";
    let r = on_terminal(&vault, &["checkin"], &pass, typed);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("Reacting"), "{}", r.stderr);
    let id = r.stdout.trim().lines().last().unwrap().to_owned();
    let c = json(ok(with_pass(&vault, &["--json", "checkin", "show", &id])));
    assert_eq!(c["pleasantness"], -0.4);
    assert_eq!(c["stress_zone"], "reacting");
    assert_eq!(c["burnout"], 3);
    assert_eq!(c["sleep_hours"], 6.5);
    assert_eq!(c["detachment"], 2);
    assert_eq!(c["control"], 4);
    assert_eq!(c["work_intrusion"], 3);
    assert_eq!(c["worthwhile"], 5);
    assert_eq!(c["note"], serde_json::Value::Null);
}

#[test]
fn breathing_is_a_pattern_to_follow() {
    let (_dir, vault) = new_vault();
    let listed = ok(with_pass(&vault, &["breathe", "--seconds", "20"])).stdout;
    assert!(listed.contains("out slowly for six"), "{listed}");
    assert_eq!(listed.matches("Breathe in").count(), 2, "{listed}");
    let data = json(ok(with_pass(&vault, &["--json", "breathe"])));
    assert_eq!(data["total_seconds"], 60);
    assert_eq!(data["steps"].as_array().unwrap().len(), 12);
    assert!(data["out_seconds"].as_u64() > data["in_seconds"].as_u64());
    assert_eq!(with_pass(&vault, &["breathe", "--seconds", "5"]).code, 1);
}
