//! Running the `respite` binary as a user does, shared by the CLI tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const PASSPHRASE: &str = "steady hands, steady heart";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(vault: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_respite"));
    cmd.arg("--vault").arg(vault).args(args);
    for var in [
        "RESPITE_VAULT",
        "RESPITE_PASSPHRASE",
        "RESPITE_NEW_PASSPHRASE",
        "RESPITE_RECOVERY_CODE",
        "RESPITE_BACKUP_PASSPHRASE",
    ] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    Run {
        code: status.code().unwrap(),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

pub fn with_pass(vault: &Path, args: &[&str]) -> Run {
    run(vault, args, &[("RESPITE_PASSPHRASE", PASSPHRASE)], None)
}

pub fn ok(r: Run) -> Run {
    assert_eq!(r.code, 0, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    r
}

pub fn new_vault() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("v.db");
    ok(with_pass(&vault, &["init", "--kdf-iterations", "100000"]));
    (dir, vault)
}

pub fn add(vault: &Path, text: &str, extra: &[&str]) -> String {
    let mut args = vec!["journal", "add", "--text", text];
    args.extend_from_slice(extra);
    ok(with_pass(vault, &args)).stdout.trim().to_owned()
}
