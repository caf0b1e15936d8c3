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

/// The binary with `--vault PATH` and `args`, none of Respite's variables but `env`.
fn command(vault: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
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
    cmd
}

pub fn run(vault: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Run {
    let mut cmd = command(vault, args, env);
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

/// Runs the binary as a person at a terminal: standard input and error are a
/// pseudo-terminal (without echo, so `stderr` is what Respite showed, not what was
/// typed), `typed` is typed ahead line by line, and stdout is captured on its own.
#[cfg(unix)]
pub fn on_terminal(vault: &Path, args: &[&str], env: &[(&str, &str)], typed: &str) -> Run {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};

    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two new descriptors, which are owned from here on; the
    // termios calls get a descriptor that stays open and a valid termios struct.
    let (master, slave) = unsafe {
        let made = libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        );
        assert_eq!(made, 0, "no pseudo-terminal");
        let mut mode: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(slave, &mut mode), 0);
        mode.c_lflag &= !libc::ECHO;
        assert_eq!(libc::tcsetattr(slave, libc::TCSANOW, &mode), 0);
        (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave))
    };
    let mut terminal = std::fs::File::from(master);
    terminal.write_all(typed.as_bytes()).unwrap();
    let mut cmd = command(vault, args, env);
    cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .stdout(Stdio::piped());
    let child = cmd.spawn().unwrap();
    // Only the child holds the terminal now, so reading ends when it exits.
    drop(cmd);
    let mut screen = terminal.try_clone().unwrap();
    let shown = std::thread::spawn(move || {
        let mut shown = Vec::new();
        let mut buf = [0u8; 4096];
        // Linux reports EIO once the other side is closed.
        while let Ok(n @ 1..) = screen.read(&mut buf) {
            shown.extend_from_slice(&buf[..n]);
        }
        shown
    });
    let Output { status, stdout, .. } = child.wait_with_output().unwrap();
    let shown = shown.join().unwrap();
    Run {
        code: status.code().unwrap(),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(shown).unwrap().replace("\r\n", "\n"),
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

/// The JSON a successful command printed.
pub fn json(r: Run) -> serde_json::Value {
    serde_json::from_str(&ok(r).stdout).unwrap()
}

/// An `$EDITOR` that runs `python` on the file's text `s` and writes `s` back.
pub fn write_editor(dir: &Path, name: &str, python: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\npython3 - \"$1\" <<'PY'\nimport sys\np = sys.argv[1]\ns = open(p).read()\n{python}\nopen(p, 'w').write(s)\nPY\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}
