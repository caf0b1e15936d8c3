//! Data ownership through the CLI: encrypted backups, export and import.

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

fn json(r: Run) -> Value {
    serde_json::from_str(&ok(r).stdout).unwrap()
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
