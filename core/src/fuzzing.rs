//! Entry points for the fuzzers in `fuzz/` (feature `fuzzing`), and property tests
//! that drive the same code with seeded mutations of valid files in every test run.
//! Each takes arbitrary bytes; none may panic or hang, every failure is a typed error.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::api::vault::Vault;
use crate::error::internal::Result as CoreResult;
use crate::error::{RespiteError, Result};
use crate::exchange::backup::{self, BackupSummary};
use crate::exchange::backup_file::BackupReader;
use crate::exchange::import::ImportReport;
use crate::exchange::{daylio, dayone, import};

/// The passphrase the fuzzers try on backups and vaults.
pub const PASSPHRASE: &str = "fuzzing passphrase";

/// A backup file: header, chunks, records.
pub fn backup_file(data: &[u8]) -> Result<BackupSummary> {
    (|| -> CoreResult<BackupSummary> {
        let mut reader = BackupReader::new(data, PASSPHRASE)?;
        let mut counts = [0u64; 5];
        let manifest = backup::read_records(&mut reader, &mut |item| {
            counts[backup::slot_of(item.kind)] += 1;
            Ok(())
        })?;
        backup::check_counts(&manifest, &counts)?;
        Ok(backup::summary_of(&manifest, 0))
    })()
    .map_err(RespiteError::from)
}

/// The record stream inside a backup's chunks, as if it had authenticated.
pub fn backup_content(mut data: &[u8]) -> Result<()> {
    (|| -> CoreResult<()> {
        let mut counts = [0u64; 5];
        let manifest = backup::read_records(&mut data, &mut |item| {
            counts[backup::slot_of(item.kind)] += 1;
            Ok(())
        })?;
        backup::check_counts(&manifest, &counts)
    })()
    .map_err(RespiteError::from)
}

/// A Daylio CSV export.
pub fn daylio(data: &[u8]) -> Result<ImportReport> {
    (|| -> CoreResult<ImportReport> {
        let mut report = ImportReport::default();
        let practices = [("evening-walk".to_owned(), "An evening walk".to_owned())];
        daylio::parse(data, "Europe/Berlin", &practices, &mut report)?;
        Ok(report)
    })()
    .map_err(RespiteError::from)
}

/// A Day One JSON export or zip.
pub fn dayone(data: &[u8]) -> Result<ImportReport> {
    (|| -> CoreResult<ImportReport> {
        let mut report = ImportReport::default();
        dayone::parse(data, &mut report)?;
        Ok(report)
    })()
    .map_err(RespiteError::from)
}

/// A Respite JSON export.
pub fn respite_json(data: &[u8]) -> Result<()> {
    (|| -> CoreResult<()> {
        let (items, manifest) = import::respite_items(data)?;
        let mut counts = [0u64; 5];
        for item in &items {
            counts[backup::slot_of(item.kind)] += 1;
        }
        backup::check_counts(&manifest, &counts)
    })()
    .map_err(RespiteError::from)
}

/// A vault file: open it, unlock it with [`PASSPHRASE`], read every record.
pub fn vault_file(data: &[u8]) -> Result<()> {
    (|| -> CoreResult<()> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "respite-fuzz-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("vault.db");
        std::fs::write(&path, data)?;
        let result = (|| {
            let vault = Vault::open(path.to_string_lossy().into_owned())?;
            vault.unlock_with_passphrase(PASSPHRASE.to_owned())?;
            vault.journal().list(0, 1000)?;
            vault.checkins().list(None, None, 0, 1000)?;
            vault.plan().current()?;
            vault.settings()?;
            Ok(())
        })();
        let _ = std::fs::remove_dir_all(&dir);
        result
    })()
    .map_err(RespiteError::from)
}

#[cfg(test)]
mod tests {
    //! Bounded property runs: seeded mutations of valid inputs. The same functions
    //! run unbounded under `cargo fuzz` (see README).
    use super::*;
    use crate::crypto::slots::MIN_KDF_ITERATIONS;
    use crate::rng::Rng;

    /// A mutation of `seed`: flipped bits, changed bytes, cuts, duplicated or removed
    /// runs, inserted interesting bytes.
    fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
        let mut data = seed.to_vec();
        for _ in 0..=rng.below(4) {
            if data.is_empty() {
                data.push(rng.next() as u8);
                continue;
            }
            let at = rng.below(data.len());
            match rng.below(7) {
                0 => data[at] ^= 1 << rng.below(8),
                1 => data[at] = rng.next() as u8,
                2 => data.truncate(at),
                3 => {
                    let end = (at + rng.below(64)).min(data.len());
                    let run = data[at..end].to_vec();
                    data.splice(at..at, run);
                }
                4 => {
                    let end = (at + rng.below(64)).min(data.len());
                    data.drain(at..end);
                }
                5 => {
                    let bytes: &[u8] =
                        [&b"\"\x00,\n|\\{}[]"[..], &[0xff, 0x7f, 0x80]][rng.below(2)];
                    data.insert(at, bytes[rng.below(bytes.len())]);
                }
                _ => data[at..].reverse(),
            }
        }
        data
    }

    fn run(name: &str, seeds: &[Vec<u8>], cases: usize, target: impl Fn(&[u8])) {
        let mut rng = Rng::new(name.len() as u64);
        for seed in seeds {
            target(seed);
        }
        for i in 0..cases {
            let seed = &seeds[i % seeds.len()];
            target(&mutate(seed, &mut rng));
        }
    }

    fn fixture(path: &str) -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/fixtures")
                .join(path),
        )
        .unwrap()
    }

    /// A vault at `dir/v.db` with a year of demo data, unlocked by [`PASSPHRASE`].
    fn demo_vault(dir: &std::path::Path, seed: u64) -> std::sync::Arc<Vault> {
        let vault = Vault::create(
            dir.join("v.db").to_string_lossy().into_owned(),
            PASSPHRASE.into(),
            Some(MIN_KDF_ITERATIONS),
        )
        .unwrap();
        vault
            .fill_with_demo_data(1, seed, "2026-05-04".into())
            .unwrap();
        vault
    }

    fn sample_backup_content() -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let vault = demo_vault(dir.path(), 3);
        let export = dir.path().join("e.json");
        vault
            .export(
                crate::exchange::export::ExportFormat::Json,
                export.to_string_lossy().into_owned(),
            )
            .unwrap();
        std::fs::read(export).unwrap()
    }

    #[test]
    fn importers_never_panic_on_mutated_exports() {
        run(
            "daylio",
            &[fixture("import/daylio_export.csv")],
            3_000,
            |d| {
                let _ = daylio(d);
            },
        );
        run(
            "dayone",
            &[
                fixture("import/dayone_export/Journal.json"),
                fixture("import/dayone_export.zip"),
            ],
            3_000,
            |d| {
                let _ = dayone(d);
            },
        );
        let export = sample_backup_content();
        assert!(respite_json(&export).is_ok());
        run(
            "respite",
            &[export[..20_000.min(export.len())].to_vec(), export],
            300,
            |d| {
                let _ = respite_json(d);
            },
        );
    }

    #[test]
    fn the_backup_record_parser_never_panics() {
        // A valid content stream: a small backup's decrypted chunks.
        let mut content = Vec::new();
        let dir = tempfile::tempdir().unwrap();
        let vault = demo_vault(dir.path(), 5);
        let backup = dir.path().join("b");
        vault
            .create_backup(
                backup.to_string_lossy().into_owned(),
                PASSPHRASE.into(),
                Some(MIN_KDF_ITERATIONS),
            )
            .unwrap();
        let file = std::fs::read(&backup).unwrap();
        let mut reader = BackupReader::new(&file[..], PASSPHRASE).unwrap();
        while !reader.at_end().unwrap() {
            let mut byte = [0u8; 1];
            reader.read_content(&mut byte).unwrap();
            content.push(byte[0]);
        }
        assert!(backup_content(&content).is_ok());
        assert!(backup_file(&file).is_ok());
        let head = content[..content.len().min(4_000)].to_vec();
        run("backup content", &[content, head], 2_000, |d| {
            let _ = backup_content(d);
        });
        run("backup file", &[file], 60, |d| {
            let _ = backup_file(d);
        });
    }

    #[test]
    fn damaged_vault_files_never_panic() {
        // A vault that opens with the fuzzing passphrase, so damage past the key slots
        // is reached; and the frozen fixtures of every format.
        let dir = tempfile::tempdir().unwrap();
        drop(demo_vault(dir.path(), 7));
        let path = dir.path().join("v.db");
        let own = std::fs::read(&path).unwrap();
        assert!(vault_file(&own).is_ok());
        let seeds = [
            own,
            fixture("vault-v1.db"),
            fixture("vault-v2.db"),
            fixture("vault-v3.db"),
        ];
        run("vault", &seeds, 200, |d| {
            let _ = vault_file(d);
        });
    }
}
