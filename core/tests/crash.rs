//! Crash and fault safety: a writer killed with SIGKILL at random moments, a disk that
//! fills up, a vault that cannot be written, and many threads at once. Whatever
//! happens, the vault stays intact and every write that was acknowledged is there.
//!
//! The writers run in child processes: this test binary started again with
//! `--ignored --exact child_writer`, told what to do by environment variables.
// Test code: a failed setup is a failed test.
#![allow(clippy::unwrap_used)]
#![cfg(unix)]

#[path = "integration/common/mod.rs"]
mod common;

use common::*;
use respite_core::{CheckInData, RespiteError, Vault};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc};
use std::time::Duration;

const CHILD_VAULT: &str = "RESPITE_CRASH_CHILD_VAULT";
const CHILD_MODE: &str = "RESPITE_CRASH_CHILD_MODE";

/// What the child writer prints after each write returned: `J id i` or `C id i`.
fn write_one(vault: &Vault, i: u64) -> Result<String, RespiteError> {
    if i % 2 == 0 {
        let entry = vault
            .journal()
            .add(draft(&format!("entry {i}"), "2026-05-04T18:00:00+02:00"))?;
        Ok(format!("J {} {i}", entry.id))
    } else {
        let checkin = vault.checkins().add(CheckInData {
            note: Some(format!("checkin {i}")),
            pleasantness: Some(0.1),
            ..CheckInData::new(moment("2026-05-04T21:00:00+02:00"))
        })?;
        Ok(format!("C {} {i}", checkin.id))
    }
}

/// The child process. Modes: `loop` writes until killed; `rotate` replaces the vault
/// key until killed; `full` writes until the file
/// size limit stops it, then lifts the limit and writes once more; `readonly` tries to
/// write a vault it may not write.
#[test]
#[ignore = "a child process of the crash tests"]
fn child_writer() {
    let Ok(path) = std::env::var(CHILD_VAULT) else {
        return;
    };
    let mode = std::env::var(CHILD_MODE).unwrap_or_default();
    let mut out = std::io::stdout().lock();
    // The test harness has printed "test child_writer ... " without a line end.
    writeln!(out).unwrap();
    if mode == "readonly" {
        // SAFETY: plain libc calls on this single-threaded child, before any vault use.
        unsafe {
            if libc::geteuid() == 0 {
                assert_eq!(libc::setgid(65534), 0);
                assert_eq!(libc::setuid(65534), 0);
            }
        }
        let result = Vault::open(path).and_then(|v| {
            v.unlock_with_passphrase(PASSPHRASE.into())?;
            write_one(&v, 0)
        });
        match result {
            Err(RespiteError::Storage { detail }) => writeln!(out, "REFUSED {detail}").unwrap(),
            other => writeln!(out, "UNEXPECTED {other:?}").unwrap(),
        }
        return;
    }
    let vault = Vault::open(path.clone()).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    if mode == "rotate" {
        // Replaces the vault key over and over, until killed.
        for n in 0.. {
            vault.rotate_key(current(), None).unwrap();
            writeln!(out, "R {n}").unwrap();
            out.flush().unwrap();
        }
    }
    if mode == "full" {
        let used: u64 = ["", "-wal"]
            .iter()
            .filter_map(|s| std::fs::metadata(format!("{path}{s}")).ok())
            .map(|m| m.len())
            .max()
            .unwrap_or(0);
        // SAFETY: setrlimit and signal on this process only; SIGXFSZ ignored so an
        // oversized write fails with EFBIG instead of ending the process.
        unsafe {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: used + 64 * 1024,
                rlim_max: libc::RLIM_INFINITY,
            };
            assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
        }
    }
    for i in 0.. {
        match write_one(&vault, i) {
            Ok(line) => writeln!(out, "{line}").unwrap(),
            Err(err) if mode == "full" => {
                writeln!(out, "FULL {err:?}").unwrap();
                assert!(matches!(err, RespiteError::Storage { .. }), "{err:?}");
                // Space comes back: the next write succeeds.
                unsafe {
                    let limit = libc::rlimit {
                        rlim_cur: libc::RLIM_INFINITY,
                        rlim_max: libc::RLIM_INFINITY,
                    };
                    assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
                }
                writeln!(out, "{}", write_one(&vault, i + 1).unwrap()).unwrap();
                return;
            }
            Err(err) => panic!("{err:?}"),
        }
        out.flush().unwrap();
    }
}

fn spawn(path: &Path, mode: &str) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "child_writer",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_VAULT, path)
        .env(CHILD_MODE, mode)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// Lines the child acknowledged, as they arrive.
fn acknowledgements(child: &mut Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// The vault passes SQLite's integrity check, opens, and holds every acknowledged
/// record with its content.
fn check_intact(path: &Path, acknowledged: &[String]) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(verdict, "ok");
    drop(conn);
    let vault = Vault::open(path_str(path)).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    for line in acknowledged {
        let mut parts = line.split(' ');
        let (kind, id, i) = (parts.next(), parts.next().unwrap(), parts.next().unwrap());
        match kind {
            Some("J") => assert_eq!(
                vault.journal().get(id.into()).unwrap().body,
                format!("entry {i}")
            ),
            Some("C") => assert_eq!(
                vault.checkins().get(id.into()).unwrap().data.note,
                Some(format!("checkin {i}"))
            ),
            _ => unreachable!(),
        }
    }
}

fn is_ack(line: &str) -> bool {
    line.starts_with("J ") || line.starts_with("C ")
}

#[test]
fn killing_the_writer_at_any_moment_loses_no_acknowledged_write() {
    let rounds: u64 = std::env::var("RESPITE_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(200);
    let (_dir, path) = vault_path();
    drop(new_vault(&path));
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut random = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut all_acknowledged = Vec::new();
    for round in 0..rounds {
        let mut child = spawn(&path, "loop");
        let acks = acknowledgements(&mut child);
        let mut acknowledged = Vec::new();
        if round % 4 == 0 {
            // Anywhere, from opening and unlocking on.
            std::thread::sleep(Duration::from_millis(random(80)));
        } else {
            // In the middle of writing.
            let wanted = random(30);
            while (acknowledged.len() as u64) < wanted {
                match acks.recv_timeout(Duration::from_secs(20)) {
                    Ok(line) if is_ack(&line) => acknowledged.push(line),
                    Ok(_) => {}
                    Err(_) => panic!("the writer stopped writing"),
                }
            }
            std::thread::sleep(Duration::from_micros(random(3_000)));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        acknowledged.extend(acks.into_iter().filter(|l| is_ack(l)));
        check_intact(&path, &acknowledged);
        all_acknowledged.extend(acknowledged);
    }
    check_intact(&path, &all_acknowledged);
    println!(
        "{rounds} kills; {} acknowledged writes all present",
        all_acknowledged.len()
    );
}

#[test]
fn a_full_disk_is_a_clear_error_and_writing_resumes_when_space_returns() {
    let (_dir, path) = vault_path();
    drop(new_vault(&path));
    let mut child = spawn(&path, "full");
    let acks = acknowledgements(&mut child);
    assert!(child.wait().unwrap().success(), "the writer failed");
    let lines: Vec<String> = acks.into_iter().collect();
    let full = lines
        .iter()
        .position(|l| l.starts_with("FULL "))
        .expect("the limit was hit");
    assert!(lines[full].contains("Storage"), "{}", lines[full]);
    assert!(
        full > 1 && is_ack(&lines[full - 1]) && is_ack(&lines[full + 1]),
        "{lines:?}"
    );
    let acknowledged: Vec<String> = lines.into_iter().filter(|l| is_ack(l)).collect();
    check_intact(&path, &acknowledged);
}

#[test]
fn a_vault_that_cannot_be_written_refuses_clearly_and_is_unharmed() {
    let (dir, path) = vault_path();
    let vault = new_vault(&path);
    let before = write_one(&vault, 0).unwrap();
    drop(vault);
    use std::os::unix::fs::PermissionsExt;
    let set_mode = |p: &Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    set_mode(dir.path(), 0o755);
    set_mode(&path, 0o444);
    let mut child = spawn(&path, "readonly");
    let acks = acknowledgements(&mut child);
    assert!(child.wait().unwrap().success());
    let lines: Vec<String> = acks.into_iter().collect();
    assert!(lines.iter().any(|l| l.starts_with("REFUSED ")), "{lines:?}");
    assert!(
        !lines.iter().any(|l| l.starts_with("UNEXPECTED ")),
        "{lines:?}"
    );
    set_mode(&path, 0o600);
    check_intact(&path, &[before]);
    let vault = Vault::open(path_str(&path)).unwrap();
    vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
    write_one(&vault, 2).unwrap();
}

#[test]
fn many_threads_write_and_read_at_once() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let threads: Vec<_> = (0..4u64)
        .map(|t| {
            let vault = Arc::clone(&vault);
            std::thread::spawn(move || {
                for i in 0..100u64 {
                    write_one(&vault, t * 1_000 + i).unwrap();
                    if i % 10 == 0 {
                        vault.journal().list(0, 50).unwrap();
                        vault.checkins().list(None, None, 0, 50).unwrap();
                        vault
                            .journal()
                            .search(respite_core::SearchQuery {
                                text: "entry".into(),
                                from_day: None,
                                to_day: None,
                                kind: None,
                                tag: None,
                                limit: 20,
                            })
                            .unwrap();
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(vault.journal().count().unwrap(), 200);
    assert_eq!(vault.checkins().count().unwrap(), 200);
    let search = |text: &str| {
        vault
            .journal()
            .search(respite_core::SearchQuery {
                text: text.into(),
                from_day: None,
                to_day: None,
                kind: None,
                tag: None,
                limit: 200,
            })
            .unwrap()
            .hits
    };
    assert_eq!(search("entry").len(), 200, "the index saw every entry");
    assert_eq!(search("3098").len(), 1);
    assert_eq!(search("checkin").len(), 200, "and every check-in note");
}

#[test]
fn killing_a_key_rotation_at_any_moment_leaves_one_whole_vault() {
    let (_dir, path) = vault_path();
    let vault = new_vault(&path);
    let written: Vec<String> = (0..40).map(|i| write_one(&vault, i).unwrap()).collect();
    drop(vault);
    let mut rotations = 0;
    for round in 0..12u64 {
        let mut child = spawn(&path, "rotate");
        let acks = acknowledgements(&mut child);
        // Mostly in the middle of re-sealing; now and then before the first is done.
        std::thread::sleep(Duration::from_millis(50 + (round * 37) % 400));
        child.kill().unwrap();
        child.wait().unwrap();
        rotations += acks.into_iter().filter(|l| l.starts_with("R ")).count();
        check_intact(&path, &written);
        let vault = Vault::open(path_str(&path)).unwrap();
        vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
        let check = vault.integrity().unwrap();
        assert!(check.intact, "round {round}: {:?}", check.problems);
        assert_eq!(vault.verify().unwrap().damaged, vec![]);
    }
    println!("12 kills during {rotations} finished rotations; every record whole each time");
}
