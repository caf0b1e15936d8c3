//! Vault benchmarks. Each measurement is printed next to a baseline measured in the
//! same run, as a ratio, with the goal it is held to:
//!
//! | measurement                               | baseline                                   | goal    |
//! |-------------------------------------------|--------------------------------------------|---------|
//! | add a 1 KB journal entry                  | plaintext insert of the same bytes, schema | ≤ 1.2×  |
//! | open + decrypt all of 10,000 entries      | the same scan of plaintext rows            | ≤ 1.5×  |
//! | list the 50 newest of 10,000              | the same query on plaintext rows           | ≤ 5 ms  |
//! | unlock by device slot (platform excluded) | reading the key slots in plaintext         | ≤ 5 ms  |
//! | unlock by passphrase, default cost        | PBKDF2 alone at the same cost              | report  |
//! | first search after unlock, 5,000 × 1.5 KB | decrypting the same records (the floor)    | ≤ 150 ms |
//! | a warm search, 5,000 × 1.5 KB             | decrypting the same records (the floor)    | ≤ 5 ms  |
//! | the dashboard of a 10-year vault          | decrypting the records it reads (floor)    | ≤ 50 ms and ≤ 2× |
//! | backup of the 10-year vault               | decrypting all its records (the floor)     | ≤ 2×    |
//! | restore of that backup into a new vault   | decrypting all its records (the floor)     | ≤ 2×    |
//! | the identifier check of a 2,000-char note | NFC-normalising the same text              | ≤ 2 ms  |
//!
//! The dashboard's peak memory is measured with a counting allocator and printed.
//!
//! Plaintext baselines use the same schema, pragmas and payload encoding (JSON), so
//! the ratio is the cost of encryption and key handling alone.
//!
//! Run: `cargo bench -p respite-core` (filters like `-- list` work as usual).
// Test code: a failed setup is a failed test.
#![allow(clippy::unwrap_used)]

use criterion::{BatchSize, Criterion};
use respite_core::{
    CurrentSecret, DeviceKeyStore, Journal, JournalDraft, JournalKind, LocalMoment, RespiteError,
    SearchQuery, SyntheticOptions, Vault,
};
use ring::rand::{SecureRandom, SystemRandom};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Counts heap bytes while [`COUNTING`] is on, to measure the dashboard's memory: the
/// change in live bytes since counting began, and its peak.
struct CountingAllocator;

/// On only around the dashboard, so the threads of other benchmarks (a restore reads
/// and writes on two) do not contend for the counters.
static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwards the caller's layout to the system allocator unchanged.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() && COUNTING.load(Ordering::Relaxed) {
            let size = layout.size() as isize;
            let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
        // SAFETY: `ptr` was allocated by `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const ENTRIES: usize = 10_000;
const PASSPHRASE: &str = "benchmark passphrase";

/// The passphrase, asked for again before slots change.
fn current() -> CurrentSecret {
    CurrentSecret::Passphrase {
        passphrase: PASSPHRASE.into(),
    }
}

/// A device key store that does no work, so platform time is excluded.
struct NoPlatform;

impl DeviceKeyStore for NoPlatform {
    fn seal(&self, plaintext: Vec<u8>) -> Result<Vec<u8>, RespiteError> {
        Ok(plaintext)
    }
    fn open(&self, sealed: Vec<u8>) -> Result<Vec<u8>, RespiteError> {
        Ok(sealed)
    }
}

/// The payload a plaintext app would store: the same fields the vault seals.
#[derive(Serialize, Deserialize)]
struct PlainPayload {
    kind: String,
    title: Option<String>,
    body: String,
    tags: Vec<String>,
    at_ms: i64,
    utc_offset_minutes: i32,
}

/// A plaintext entry as read back, mirroring what the vault returns.
#[allow(dead_code)]
struct PlainEntry {
    id: String,
    day: String,
    updated_at: i64,
    revision: u32,
    payload: PlainPayload,
}

fn body_of_1kb(i: usize) -> String {
    let text = format!(
        "Entry {i}. After the afternoon session I noticed my shoulders were up by my ears. \
         Two minutes of slow breathing, a glass of water, and a short walk to the car helped. \
         What I need tonight: an early night and no screens after nine. "
    );
    text.repeat(4).chars().take(1000).collect()
}

fn moment(i: usize) -> LocalMoment {
    let at = chrono::DateTime::from_timestamp(1_700_000_000 + (i as i64) * 3_600, 0).unwrap();
    LocalMoment {
        at,
        utc_offset_minutes: 60,
    }
}

fn draft(i: usize) -> JournalDraft {
    JournalDraft {
        kind: JournalKind::AfterSession,
        title: Some(format!("Session reflection {i}")),
        body: body_of_1kb(i),
        tags: vec!["work".into(), "breathing".into()],
        moment: moment(i),
        practice_ids: vec![],
        reflection: None,
    }
}

fn plain_payload(i: usize) -> Vec<u8> {
    let d = draft(i);
    serde_json::to_vec(&PlainPayload {
        kind: "after-session".into(),
        title: d.title,
        body: d.body,
        tags: d.tags,
        at_ms: d.moment.at.timestamp_millis(),
        utc_offset_minutes: d.moment.utc_offset_minutes,
    })
    .unwrap()
}

/// A plaintext database with the vault's schema and pragmas.
fn plain_db(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    configure_plain(&conn);
    conn.execute_batch(include_str!("../src/store/schema/v1.sql"))
        .unwrap();
    conn
}

fn configure_plain(conn: &Connection) {
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    conn.pragma_update(None, "secure_delete", true).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
}

fn random_id() -> String {
    let mut bytes = [0u8; 16];
    SystemRandom::new().fill(&mut bytes).unwrap();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn plain_insert(conn: &Connection, i: usize, payload: &[u8]) {
    let m = moment(i);
    conn.execute(
        "INSERT INTO journal_entries (id, day, occurred_at, updated_at, revision, sealed)
         VALUES (?1, ?2, ?3, ?4, 1, ?5)",
        params![
            random_id(),
            m.at.format("%Y-%m-%d").to_string(),
            m.at.timestamp_millis(),
            m.at.timestamp_millis(),
            payload
        ],
    )
    .unwrap();
}

fn plain_read(conn: &Connection, sql: &str) -> Vec<PlainEntry> {
    let mut stmt = conn.prepare_cached(sql).unwrap();
    let rows = stmt
        .query_map([], |r| {
            let sealed: Vec<u8> = r.get(4)?;
            Ok(PlainEntry {
                id: r.get(0)?,
                day: r.get(1)?,
                updated_at: r.get(2)?,
                revision: r.get(3)?,
                payload: serde_json::from_slice(&sealed).unwrap(),
            })
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

const SCAN_ALL: &str = "SELECT id, day, updated_at, revision, sealed FROM journal_entries
     ORDER BY day DESC, occurred_at DESC, rowid DESC";
const NEWEST_50: &str = "SELECT id, day, updated_at, revision, sealed FROM journal_entries
     ORDER BY day DESC, occurred_at DESC, rowid DESC LIMIT 50";

/// Opens every journal entry, a page at a time; how many there were.
fn decrypt_all(journal: &Journal) -> usize {
    let mut n = 0;
    loop {
        let page = journal.list(n, 1_000).unwrap();
        n += page.entries.len() as u32;
        black_box(&page);
        if !page.has_more {
            return n as usize;
        }
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    vault_path: String,
    plain_path: PathBuf,
}

/// A 10,000-entry vault (with a device slot) and its plaintext twin.
fn ten_thousand() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let vault_path = dir.path().join("vault.db").to_str().unwrap().to_owned();
    let plain_path = dir.path().join("plain.db");
    let vault = Vault::create(vault_path.clone(), PASSPHRASE.into(), None).unwrap();
    vault
        .add_device_slot(current(), Arc::new(NoPlatform))
        .unwrap();
    let journal = vault.journal();
    let plain = plain_db(&plain_path);
    plain.pragma_update(None, "synchronous", "OFF").unwrap();
    eprintln!("Writing {ENTRIES} entries to a vault and to a plaintext twin…");
    for i in 0..ENTRIES {
        journal.add(draft(i)).unwrap();
        plain_insert(&plain, i, &plain_payload(i));
    }
    Fixture {
        _dir: dir,
        vault_path,
        plain_path,
    }
}

fn bench_add(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::create(
        dir.path().join("add.db").to_str().unwrap().to_owned(),
        PASSPHRASE.into(),
        Some(100_000),
    )
    .unwrap();
    let journal = vault.journal();
    let plain = plain_db(&dir.path().join("plain-add.db"));
    let mut g = c.benchmark_group("add-1kb");
    let mut i = 0;
    g.bench_function("vault", |b| {
        b.iter_batched(
            || {
                i += 1;
                draft(i)
            },
            |d| journal.add(d).unwrap(),
            BatchSize::SmallInput,
        )
    });
    let mut i = 0;
    g.bench_function("plaintext", |b| {
        b.iter_batched(
            || {
                i += 1;
                (i, plain_payload(i))
            },
            |(n, p)| plain_insert(&plain, n, &p),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn bench_scan_and_list(c: &mut Criterion, f: &Fixture) {
    let mut g = c.benchmark_group("open-decrypt-10k");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("vault", |b| {
        b.iter(|| {
            let vault = Vault::open(f.vault_path.clone()).unwrap();
            vault.unlock_with_device(Arc::new(NoPlatform)).unwrap();
            assert_eq!(decrypt_all(&vault.journal()), ENTRIES);
        })
    });
    g.bench_function("plaintext", |b| {
        b.iter(|| {
            let conn = Connection::open(&f.plain_path).unwrap();
            configure_plain(&conn);
            let all = plain_read(&conn, SCAN_ALL);
            assert_eq!(all.len(), ENTRIES);
            black_box(all);
        })
    });
    g.finish();

    let vault = Vault::open(f.vault_path.clone()).unwrap();
    vault.unlock_with_device(Arc::new(NoPlatform)).unwrap();
    let journal = vault.journal();
    let plain = Connection::open(&f.plain_path).unwrap();
    configure_plain(&plain);
    let mut g = c.benchmark_group("list-50-of-10k");
    g.bench_function("vault", |b| {
        b.iter(|| black_box(journal.list(0, 50).unwrap()))
    });
    g.bench_function("plaintext", |b| {
        b.iter(|| black_box(plain_read(&plain, NEWEST_50)))
    });
    g.finish();
}

fn bench_unlock(c: &mut Criterion, f: &Fixture) {
    let vault = Vault::open(f.vault_path.clone()).unwrap();
    let store: Arc<dyn DeviceKeyStore> = Arc::new(NoPlatform);
    let plain = Connection::open(&f.vault_path).unwrap();
    let mut g = c.benchmark_group("unlock-device");
    g.bench_function("vault", |b| {
        b.iter(|| {
            vault.lock();
            vault.unlock_with_device(Arc::clone(&store)).unwrap();
        })
    });
    // The unlock checks the vault's state, which reads every row: so does the floor.
    g.bench_function("plaintext", |b| b.iter(|| black_box(read_all_rows(&plain))));
    g.finish();

    let mut g = c.benchmark_group("unlock-passphrase-argon2id");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("vault", |b| {
        b.iter(|| {
            vault.lock();
            vault.unlock_with_passphrase(PASSPHRASE.into()).unwrap();
        })
    });
    // The floor: one Argon2id derivation at the cost of new passphrase slots.
    g.bench_function("plaintext", |b| {
        let params = argon2::Params::new(64 * 1024, 3, 1, Some(32)).unwrap();
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        b.iter(|| {
            let mut out = [0u8; 32];
            argon
                .hash_password_into(PASSPHRASE.as_bytes(), b"0123456789abcdef", &mut out)
                .unwrap();
            black_box(out)
        })
    });
    g.finish();
}

/// Reads every row of every table of sealed records, unopened: the floor of any check
/// over all of them. Returns the bytes read.
fn read_all_rows(conn: &Connection) -> usize {
    let mut bytes = 0;
    for table in [
        "journal_entries",
        "journal_revisions",
        "checkins",
        "settings",
        "plan_revisions",
    ] {
        let mut stmt = conn
            .prepare_cached(&format!("SELECT * FROM {table}"))
            .unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let sealed: Vec<u8> = row.get("sealed").unwrap();
            bytes += sealed.len();
        }
    }
    bytes
}

/// The integrity check at unlock (a device unlock, whose key work is nil) on the
/// 10-year vault, against reading its rows.
fn bench_integrity(c: &mut Criterion, f: &TenYears) {
    let store: Arc<dyn DeviceKeyStore> = Arc::new(NoPlatform);
    let plain = Connection::open(f.dir.path().join("ten-years.db")).unwrap();
    let mut g = c.benchmark_group("integrity-10y");
    g.sample_size(20);
    g.bench_function("vault", |b| {
        b.iter(|| {
            f.vault.lock();
            f.vault.unlock_with_device(Arc::clone(&store)).unwrap();
        })
    });
    g.bench_function("plaintext", |b| b.iter(|| black_box(read_all_rows(&plain))));
    g.finish();
    assert!(f.vault.integrity().unwrap().intact);
}

/// Replacing the vault key of the 10-year vault, against decrypting every record.
fn bench_rotation(c: &mut Criterion, f: &TenYears) {
    let mut g = c.benchmark_group("rotate-10y");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function("vault", |b| {
        b.iter(|| black_box(f.vault.rotate_key(current(), None).unwrap()))
    });
    g.bench_function("plaintext", |b| {
        b.iter(|| black_box(decrypt_days(&f.vault, None, None)))
    });
    g.finish();
    // The device slot went with the old key; the benchmarks after this one need it.
    f.vault
        .add_device_slot(current(), Arc::new(NoPlatform))
        .unwrap();
}

const SEARCHED: usize = 5_000;

/// Words for varied, realistic-looking entries.
const VOCABULARY: &[&str] = &[
    "session",
    "client",
    "grief",
    "breathing",
    "tired",
    "supervision",
    "walk",
    "heavy",
    "team",
    "shift",
    "ward",
    "notes",
    "family",
    "anger",
    "calm",
    "sleep",
    "coffee",
    "commute",
    "train",
    "rain",
    "garden",
    "friend",
    "partner",
    "children",
    "dinner",
    "music",
    "boundary",
    "pause",
    "tears",
    "laughter",
    "silence",
    "worry",
    "relief",
    "hope",
    "meeting",
    "email",
    "deadline",
    "colleague",
    "chest",
    "shoulders",
    "stomach",
    "headache",
    "kindness",
    "gratitude",
    "run",
    "swim",
    "yoga",
    "prayer",
    "journal",
    "story",
    "trauma",
    "crisis",
    "safety",
    "plan",
    "risk",
    "discharge",
    "admission",
    "group",
    "therapy",
    "child",
    "mother",
    "father",
    "loss",
    "accident",
    "courage",
    "shame",
    "guilt",
    "progress",
    "setback",
    "listening",
    "holding",
    "carrying",
    "setting",
    "down",
    "home",
    "evening",
    "morning",
    "night",
    "weekend",
    "holiday",
    "tomorrow",
];

/// About 1.5 KB of text drawn from the vocabulary by a seeded generator.
fn varied_text(seed: u64) -> String {
    let mut state = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    let mut text = String::with_capacity(1_600);
    while text.len() < 1_500 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let word = VOCABULARY[(state >> 33) as usize % VOCABULARY.len()];
        text.push_str(if text.is_empty() {
            ""
        } else if (state >> 20) % 11 == 0 {
            ". "
        } else {
            " "
        });
        text.push_str(word);
    }
    text
}

fn bench_search(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::create(
        dir.path().join("search.db").to_str().unwrap().to_owned(),
        PASSPHRASE.into(),
        Some(100_000),
    )
    .unwrap();
    vault
        .add_device_slot(current(), Arc::new(NoPlatform))
        .unwrap();
    let journal = vault.journal();
    eprintln!("Writing {SEARCHED} entries of about 1.5 KB…");
    for i in 0..SEARCHED {
        journal
            .add(JournalDraft {
                kind: JournalKind::Free,
                moment: moment(i),
                title: None,
                body: varied_text(i as u64),
                tags: vec![],
                practice_ids: vec![],
                reflection: None,
            })
            .unwrap();
    }
    let query = || SearchQuery {
        text: "breathing grief supervision".into(),
        from_day: None,
        to_day: None,
        kind: None,
        tag: None,
        limit: 20,
    };
    let decrypt_all = || assert_eq!(decrypt_all(&journal), SEARCHED);
    let store: Arc<dyn DeviceKeyStore> = Arc::new(NoPlatform);
    let mut g = c.benchmark_group("search-cold-5k");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("vault", |b| {
        b.iter(|| {
            vault.lock();
            vault.unlock_with_device(Arc::clone(&store)).unwrap();
            black_box(journal.search(query()).unwrap())
        })
    });
    g.bench_function("plaintext", |b| b.iter(decrypt_all));
    g.finish();
    journal.search(query()).unwrap();
    let mut g = c.benchmark_group("search-warm-5k");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("vault", |b| {
        b.iter(|| black_box(journal.search(query()).unwrap()))
    });
    g.bench_function("plaintext", |b| b.iter(decrypt_all));
    g.finish();
}

/// A vault with ten years of synthetic history (≥ 20,000 check-ins, ≥ 5,000 entries).
struct TenYears {
    dir: tempfile::TempDir,
    vault: Arc<Vault>,
    today: chrono::NaiveDate,
}

fn ten_years() -> TenYears {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ten-years.db").to_str().unwrap().to_owned();
    let vault = Vault::create(path, PASSPHRASE.into(), Some(100_000)).unwrap();
    vault
        .add_device_slot(current(), Arc::new(NoPlatform))
        .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
    let options = SyntheticOptions {
        checkins_per_day: 6.0,
        ..SyntheticOptions::demo(10, 2026, today)
    };
    eprintln!("Writing ten years of synthetic history…");
    let summary = vault.fill_synthetic(&options).unwrap();
    eprintln!(
        "{} check-ins and {} journal entries",
        summary.checkins, summary.entries
    );
    assert!(summary.checkins >= 20_000 && summary.entries >= 5_000);
    TenYears { dir, vault, today }
}

/// Reads and decrypts every journal entry and check-in of days `from..=to`: the floor
/// of anything that needs them all. Returns how many.
fn decrypt_days(vault: &Vault, from: Option<String>, to: Option<String>) -> usize {
    let mut n = 0;
    let mut offset = 0;
    loop {
        let page = vault
            .checkins()
            .list(from.clone(), to.clone(), offset, 1_000)
            .unwrap();
        offset += page.checkins.len() as u32;
        n += page.checkins.len();
        if !page.has_more {
            break;
        }
    }
    let mut offset = 0;
    loop {
        let page = vault
            .journal()
            .list_days(from.clone(), to.clone(), offset, 1_000)
            .unwrap();
        offset += page.entries.len() as u32;
        n += page.entries.len();
        if !page.has_more {
            break;
        }
    }
    n
}

/// Backup and restore of the ten-year vault, against decrypting all its records.
fn bench_backup(c: &mut Criterion, f: &TenYears) {
    let vault = &f.vault;
    let backup = f.dir.path().join("bench.backup");
    let target = f.dir.path().join("restored.db");
    let remove = |p: &Path| {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
        }
    };
    // The backup the restore reads, also when only the restore is measured.
    remove(&backup);
    vault
        .create_backup(path_of(&backup), PASSPHRASE.into(), Some(100_000))
        .unwrap();
    let mut g = c.benchmark_group("backup-10y");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("vault", |b| {
        // Removing the previous run's file is setup, outside the timing.
        b.iter_batched(
            || remove(&backup),
            |()| {
                black_box(
                    vault
                        .create_backup(path_of(&backup), PASSPHRASE.into(), Some(100_000))
                        .unwrap(),
                )
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("plaintext", |b| {
        b.iter(|| black_box(decrypt_days(vault, None, None)))
    });
    g.finish();
    let mut g = c.benchmark_group("restore-10y");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function("vault", |b| {
        b.iter_batched(
            || remove(&target),
            |()| {
                black_box(
                    respite_core::restore_backup(
                        path_of(&backup),
                        PASSPHRASE.into(),
                        path_of(&target),
                        PASSPHRASE.into(),
                        Some(100_000),
                    )
                    .unwrap(),
                )
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("plaintext", |b| {
        b.iter(|| black_box(decrypt_days(vault, None, None)))
    });
    g.finish();
    let size = std::fs::metadata(&backup).unwrap().len();
    let vault_size = std::fs::metadata(f.dir.path().join("ten-years.db"))
        .unwrap()
        .len();
    println!(
        "backup of the ten-year vault: {:.1} MB (the vault file: {:.1} MB)",
        size as f64 / 1e6,
        vault_size as f64 / 1e6
    );
}

fn path_of(p: &Path) -> String {
    p.to_str().unwrap().to_owned()
}

fn bench_dashboard(c: &mut Criterion, f: &TenYears) {
    let (vault, today) = (&f.vault, f.today);
    let trends = vault.trends();
    // The records the dashboard reads: a year, plus the baseline and rolling windows.
    let from = (today - chrono::Duration::days(364 + 56 + 35)).to_string();
    let store: Arc<dyn DeviceKeyStore> = Arc::new(NoPlatform);
    let mut g = c.benchmark_group("dashboard-10y");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("vault", |b| {
        b.iter(|| {
            vault.lock();
            vault.unlock_with_device(Arc::clone(&store)).unwrap();
            black_box(trends.dashboard(today.to_string()).unwrap())
        })
    });
    g.bench_function("plaintext", |b| {
        b.iter(|| {
            vault.lock();
            vault.unlock_with_device(Arc::clone(&store)).unwrap();
            black_box(decrypt_days(
                vault,
                Some(from.clone()),
                Some(today.to_string()),
            ))
        })
    });
    g.finish();
    vault.lock();
    vault.unlock_with_device(store).unwrap();
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    let dashboard = trends.dashboard(today.to_string()).unwrap();
    COUNTING.store(false, Ordering::Relaxed);
    println!(
        "dashboard peak memory: {:.1} MB above what was already in use (goal ≤ 50 MB); {} insights",
        PEAK.load(Ordering::Relaxed) as f64 / 1e6,
        dashboard.insights.len()
    );
}

/// Reads criterion's median estimate (ns) for `group/function`, if it was measured
/// in this run (at or after `since`): figures from earlier runs are never reported.
fn median_ns(out: &Path, group: &str, function: &str, since: SystemTime) -> Option<f64> {
    let path = out.join(group).join(function).join("new/estimates.json");
    if std::fs::metadata(&path).ok()?.modified().ok()? < since {
        return None;
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn show(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.1} µs", ns / 1e3)
    }
}

enum Goal {
    Ratio(f64),
    Absolute(f64),
    /// At most this many nanoseconds and this ratio.
    Both(f64, f64),
    Report,
}

fn report(out: &Path, since: SystemTime) {
    let rows = [
        ("add-1kb", "add a 1 KB journal entry", Goal::Ratio(1.2)),
        (
            "open-decrypt-10k",
            "open + decrypt 10,000 entries",
            Goal::Ratio(1.5),
        ),
        (
            "list-50-of-10k",
            "list 50 newest of 10,000",
            Goal::Absolute(5e6),
        ),
        (
            "unlock-device",
            "unlock by device slot, 10,000 entries",
            Goal::Ratio(2.0),
        ),
        (
            "unlock-passphrase-argon2id",
            "unlock by passphrase (Argon2id)",
            Goal::Report,
        ),
        (
            "integrity-10y",
            "integrity check at unlock, 10 years",
            Goal::Ratio(2.0),
        ),
        ("rotate-10y", "replace the key, 10 years", Goal::Report),
        (
            "search-cold-5k",
            "first search after unlock (5,000)",
            Goal::Absolute(150e6),
        ),
        ("search-warm-5k", "warm search (5,000)", Goal::Absolute(5e6)),
        (
            "dashboard-10y",
            "dashboard, 10-year vault",
            Goal::Both(50e6, 2.0),
        ),
        ("backup-10y", "backup, 10-year vault", Goal::Ratio(2.0)),
        ("restore-10y", "restore, 10-year vault", Goal::Ratio(2.0)),
        (
            "privacy-check-2k",
            "identifier check, 2,000 chars (vs NFC)",
            Goal::Absolute(2e6),
        ),
    ];
    println!(
        "\n{:<34} {:>11} {:>11} {:>8}  goal",
        "benchmark", "respite", "baseline", "ratio"
    );
    for (group, label, goal) in rows {
        let (Some(vault), Some(base)) = (
            median_ns(out, group, "vault", since),
            median_ns(out, group, "plaintext", since),
        ) else {
            println!("{label:<34} (not measured in this run)");
            continue;
        };
        let ratio = vault / base;
        let verdict = match goal {
            Goal::Ratio(max) => {
                format!("≤ {max}×  {}", if ratio <= max { "met" } else { "MISSED" })
            }
            Goal::Absolute(max) => format!(
                "≤ {}  {}",
                show(max),
                if vault <= max { "met" } else { "MISSED" }
            ),
            Goal::Both(max, ratio_max) => format!(
                "≤ {} and ≤ {ratio_max}×  {}",
                show(max),
                if vault <= max && ratio <= ratio_max {
                    "met"
                } else {
                    "MISSED"
                }
            ),
            Goal::Report => "reported".to_owned(),
        };
        println!(
            "{label:<34} {:>11} {:>11} {ratio:>7.2}×  {verdict}",
            show(vault),
            show(base)
        );
    }
}

/// A 2,000-character note written the way clinicians write, with a few details that
/// could identify a client and many that could not.
fn clinical_note() -> String {
    let base = "Long day. 9am intake with Mrs Adeyemi (72) from Oakwood Care Home, her son rang \
        07700 900123 twice. supervision with Priya after lunch helped; she said I am carrying \
        too much. pt marek, 29yo, on Ward 7B bed 12, DOB 14/03/1997, NHS 943 476 5919, was \
        tearful about his partner Jamal. Occupational Health emailed about my back. Teams \
        crashed twice, PHQ-9 of 14 for the 3pm. Reading Judith Herman on the train home, \
        the M50 was grim. Owen's dad shouted in the car park; R.T. cancelled again. ";
    let mut note = String::new();
    while note.chars().count() < 2000 {
        note.push_str(base);
    }
    note.chars().take(2000).collect()
}

fn bench_privacy(c: &mut Criterion) {
    use unicode_normalization::UnicodeNormalization;
    let note = clinical_note();
    let mut g = c.benchmark_group("privacy-check-2k");
    g.bench_function("vault", |b| {
        b.iter(|| respite_core::privacy_check(std::hint::black_box(note.clone())))
    });
    g.bench_function("plaintext", |b| {
        b.iter(|| std::hint::black_box(&note).nfc().collect::<String>())
    });
    g.finish();
}

fn main() {
    let started = SystemTime::now();
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/criterion");
    let mut c = Criterion::default()
        .output_directory(&out)
        .configure_from_args();
    bench_privacy(&mut c);
    bench_add(&mut c);
    let fixture = ten_thousand();
    bench_scan_and_list(&mut c, &fixture);
    bench_unlock(&mut c, &fixture);
    bench_search(&mut c);
    let ten = ten_years();
    bench_integrity(&mut c, &ten);
    bench_dashboard(&mut c, &ten);
    bench_backup(&mut c, &ten);
    bench_rotation(&mut c, &ten);
    c.final_summary();
    report(&out, started);
}
