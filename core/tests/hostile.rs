//! Hostile import files cost bounded memory: zip bombs (a member declaring a huge
//! size, many small members that inflate to much, members that overlap) and CSV
//! bombs (a row of commas, a file of line breaks) are refused or read within 64 MiB
//! plus four times the file's size of peak memory, and never abort the process.
//!
//! Its own test binary, with an allocator that records the peak, and one test that
//! runs the files one after another, so nothing else allocates meanwhile.

// Test code: a failed setup is a failed test.
#![allow(clippy::unwrap_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use respite_core::{ImportFormat, RespiteError, Vault};

struct Peak;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded to the system allocator with the caller's layout.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Peak = Peak;

const MIB: usize = 1024 * 1024;

/// A zip archive: each member is (name, stored bytes, method, declared size), and
/// `local_of` says which member's local header each directory entry points to.
fn zip(members: &[(String, Vec<u8>, u16, u32)], local_of: impl Fn(usize) -> usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut locals = Vec::new();
    for (name, data, method, size) in members {
        locals.push(out.len() as u32);
        out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00");
        out.extend_from_slice(&method.to_le_bytes());
        out.extend_from_slice(&[0; 8]);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
    }
    let start = out.len() as u32;
    for (n, (name, data, method, size)) in members.iter().enumerate() {
        out.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00");
        out.extend_from_slice(&method.to_le_bytes());
        out.extend_from_slice(&[0; 8]);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0; 12]);
        out.extend_from_slice(&locals[local_of(n)].to_le_bytes());
        out.extend_from_slice(name.as_bytes());
    }
    let directory = out.len() as u32 - start;
    out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
    out.extend_from_slice(&(members.len() as u16).to_le_bytes());
    out.extend_from_slice(&(members.len() as u16).to_le_bytes());
    out.extend_from_slice(&directory.to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A Day One JSON file of `len` bytes (an empty export padded with spaces), deflated.
fn deflated(len: usize) -> Vec<u8> {
    let mut json = br#"{"entries":[]}"#.to_vec();
    json.resize(len, b' ');
    miniz_oxide::deflate::compress_to_vec(&json, 9)
}

/// Imports `bytes` and returns the result and the peak memory the import added.
fn import(vault: &Vault, format: ImportFormat, bytes: &[u8]) -> (Result<u64, RespiteError>, usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input");
    std::fs::write(&path, bytes).unwrap();
    let path = path.to_string_lossy().into_owned();
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let result = vault
        .import_file(format, path, "Europe/Berlin".into())
        .map(|r| r.imported);
    (result, PEAK.load(Ordering::Relaxed).saturating_sub(base))
}

#[test]
fn hostile_imports_are_refused_or_read_within_the_memory_budget() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::create(
        dir.path().join("v.db").to_string_lossy().into_owned(),
        "correct horse battery".into(),
        Some(100_000),
    )
    .unwrap();

    let huge_member = zip(
        &[("Journal.json".into(), deflated(64 * MIB), 8, u32::MAX - 1)],
        |n| n,
    );
    let many_members: Vec<_> = (0..2_000)
        .map(|n| (format!("j{n}.json"), deflated(MIB), 8, MIB as u32))
        .collect();
    let many_members = zip(&many_members, |n| n);
    let one = deflated(8 * MIB);
    let overlapping: Vec<_> = (0..2_000)
        .map(|n| (format!("j{n}.json"), one.clone(), 8, 8 * MIB as u32))
        .collect();
    // Every directory entry points at the first member's data.
    let overlapping = zip(&overlapping, |_| 0);
    let commas = format!("full_date,time,mood\n{}", ",".repeat(40 * MIB)).into_bytes();
    let line_breaks = format!("full_date,time,mood\n{}", "\n".repeat(40 * MIB)).into_bytes();
    let mut rows = String::from("full_date,date,weekday,time,mood,activities,note_title,note\n");
    // The most rows an import reads.
    for n in 0..100_000u32 {
        let day = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
            + chrono::Days::new(u64::from(n / 24));
        rows.push_str(&format!("{day},x,x,{:02}:00,good,,,\n", n % 24));
    }

    let cases: [(&str, ImportFormat, Vec<u8>, bool); 6] = [
        (
            "a member declaring 4 GB",
            ImportFormat::DayOne,
            huge_member,
            false,
        ),
        (
            "2,000 members of 1 MiB each",
            ImportFormat::DayOne,
            many_members,
            false,
        ),
        (
            "2,000 entries over one member",
            ImportFormat::DayOne,
            overlapping,
            false,
        ),
        ("40 MiB of commas", ImportFormat::Daylio, commas, false),
        (
            "40 MiB of line breaks",
            ImportFormat::Daylio,
            line_breaks,
            true,
        ),
        (
            "100,000 Daylio rows",
            ImportFormat::Daylio,
            rows.into_bytes(),
            true,
        ),
    ];
    for (what, format, bytes, readable) in cases {
        let (result, peak) = import(&vault, format, &bytes);
        let budget = 64 * MIB + 4 * bytes.len();
        println!(
            "{what}: {} bytes, peak {:.1} MiB (budget {:.1} MiB), {}",
            bytes.len(),
            peak as f64 / MIB as f64,
            budget as f64 / MIB as f64,
            match &result {
                Ok(n) => format!("{n} imported"),
                Err(err) => format!("refused: {err}"),
            }
        );
        assert!(peak <= budget, "{what} took {peak} bytes at its peak");
        match result {
            Ok(_) => assert!(readable, "{what} was imported"),
            Err(RespiteError::InvalidInput { field, .. }) => {
                assert!(!readable, "{what} was refused");
                assert_eq!(field, "file");
            }
            Err(other) => panic!("{what}: {other:?}"),
        }
    }
}
