//! Data ownership through the CLI: encrypted backups, export and import.
// Test code: a failed setup is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

const BACKUP_PASSPHRASE: &str = "a backup passphrase of its own";

fn with_backup_pass(vault: &Path, args: &[&str]) -> Run {
    run(
        vault,
        args,
        &[
            ("RESPITE_PASSPHRASE", PASSPHRASE),
            ("RESPITE_BACKUP_PASSPHRASE", BACKUP_PASSPHRASE),
        ],
        None,
    )
}

#[test]
fn backup_create_verify_restore_and_merge() {
    let (dir, vault) = new_vault();
    add(&vault, "Supervision helped today.", &["--tag", "work"]);
    ok(with_pass(
        &vault,
        &["checkin", "--pleasantness", "0.3", "--note", "ok"],
    ));
    let backup = dir.path().join("respite.backup");
    let b = backup.to_str().unwrap();
    let created = json(with_backup_pass(
        &vault,
        &[
            "--json",
            "backup",
            "create",
            b,
            "--kdf-iterations",
            "100000",
        ],
    ));
    assert_eq!(created["summary"]["journal_entries"], 1);
    assert_eq!(created["summary"]["checkins"], 1);
    // The file exists already: refused, untouched.
    let again = with_backup_pass(&vault, &["backup", "create", b]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    let verified = ok(with_backup_pass(&vault, &["backup", "verify", b]));
    assert!(
        verified.stdout.contains("complete and intact"),
        "{}",
        verified.stdout
    );
    // A wrong backup passphrase exits 3.
    let wrong = run(
        &vault,
        &["backup", "verify", b],
        &[("RESPITE_BACKUP_PASSPHRASE", "not the one at all")],
        None,
    );
    assert_eq!(wrong.code, 3, "{}", wrong.stderr);
    // Without a passphrase and without a terminal: a usage error, exit 2.
    assert_eq!(run(&vault, &["backup", "verify", b], &[], None).code, 2);

    // Restore into a new vault (its passphrase from RESPITE_PASSPHRASE).
    let restored = dir.path().join("new/restored.db");
    let report = json(with_backup_pass(
        &restored,
        &["--json", "backup", "restore", b],
    ));
    assert_eq!(report["report"]["added"], 2);
    let listed = ok(with_pass(&restored, &["journal", "list"]));
    assert!(
        listed.stdout.contains("Supervision helped"),
        "{}",
        listed.stdout
    );

    // An existing vault needs --merge; with it, the same backup changes nothing.
    let refused = with_backup_pass(&vault, &["backup", "restore", b]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("--merge"));
    let merged = json(with_backup_pass(
        &vault,
        &["--json", "backup", "restore", b, "--merge"],
    ));
    assert_eq!(merged["report"]["added"], 0);
    assert_eq!(merged["report"]["unchanged"], 2);

    // A truncated backup: exit 4, and the vault is untouched.
    let bytes = std::fs::read(&backup).unwrap();
    let cut = dir.path().join("cut.backup");
    std::fs::write(&cut, &bytes[..bytes.len() - 10]).unwrap();
    let before = ok(with_pass(&vault, &["journal", "list"])).stdout;
    let failed = with_backup_pass(
        &vault,
        &["backup", "restore", cut.to_str().unwrap(), "--merge"],
    );
    assert_eq!(failed.code, 4, "{}", failed.stderr);
    assert_eq!(ok(with_pass(&vault, &["journal", "list"])).stdout, before);
    let fresh = dir.path().join("never.db");
    assert_eq!(
        with_backup_pass(&fresh, &["backup", "restore", cut.to_str().unwrap()]).code,
        4
    );
    assert!(!fresh.exists());
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/import")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn export_needs_plaintext_and_writes_each_format() {
    let (dir, vault) = new_vault();
    add(&vault, "Read on the train home.", &[]);
    ok(with_pass(
        &vault,
        &["checkin", "--pleasantness", "0.5", "--note", "fine"],
    ));
    let json_out = dir.path().join("all.json");
    let j = json_out.to_str().unwrap();
    let refused = with_pass(&vault, &["export", "--format", "json", "--out", j]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("NOT encrypted") && refused.stderr.contains("--plaintext"));
    assert!(!json_out.exists());
    let r = json(with_pass(
        &vault,
        &[
            "--json",
            "export",
            "--format",
            "json",
            "--out",
            j,
            "--plaintext",
        ],
    ));
    assert_eq!(r["records"], 2);
    let exported: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_out).unwrap()).unwrap();
    assert_eq!(exported["format"], "respite-export");
    for (format, name, needle) in [
        ("csv", "checkins.csv", "fine"),
        ("markdown", "journal.md", "Read on the train home."),
    ] {
        let path = dir.path().join(name);
        ok(with_pass(
            &vault,
            &[
                "export",
                "--format",
                format,
                "--out",
                path.to_str().unwrap(),
                "--plaintext",
            ],
        ));
        assert!(std::fs::read_to_string(&path).unwrap().contains(needle));
    }
    // Into another vault and back: the same entries, and a second import adds nothing.
    let dir2 = tempfile::tempdir().unwrap();
    let other = dir2.path().join("other.db");
    ok(with_pass(&other, &["init", "--kdf-iterations", "100000"]));
    let first = json(with_pass(
        &other,
        &["--json", "import", "--from", "respite", j],
    ));
    assert_eq!(first["imported"], 2);
    let second = json(with_pass(
        &other,
        &["--json", "import", "--from", "respite", j],
    ));
    assert_eq!(second["imported"], 0);
    assert_eq!(second["unchanged"], 2);
}

#[test]
fn import_from_daylio_and_day_one_reports_what_happened() {
    let (_dir, vault) = new_vault();
    let daylio = ok(with_pass(
        &vault,
        &[
            "import",
            "--from",
            "daylio",
            &fixture("daylio_export.csv"),
            "--time-zone",
            "Europe/Berlin",
        ],
    ));
    assert!(
        daylio
            .stdout
            .starts_with("Imported 10 new, updated 0, 0 already there, skipped 2."),
        "{}",
        daylio.stdout
    );
    assert!(
        daylio
            .stdout
            .contains("row 8: the time is not a time of day"),
        "{}",
        daylio.stdout
    );
    let dayone = json(with_pass(
        &vault,
        &[
            "--json",
            "import",
            "--from",
            "dayone",
            &fixture("dayone_export.zip"),
        ],
    ));
    assert_eq!(dayone["imported"], 2);
    assert_eq!(dayone["skipped"], 1);
    let listed = ok(with_pass(&vault, &["journal", "list"])).stdout;
    assert!(listed.contains("After a long shift"), "{listed}");
    // A file of the wrong kind: exit 1 with one clear line, nothing imported.
    let wrong = with_pass(
        &vault,
        &[
            "import",
            "--from",
            "daylio",
            &fixture("dayone_export/Journal.json"),
        ],
    );
    assert_eq!(wrong.code, 1, "{}", wrong.stderr);
    assert!(
        wrong.stderr.contains("not a Daylio CSV export"),
        "{}",
        wrong.stderr
    );
    assert_eq!(wrong.stderr.lines().count(), 1);
}
