//! The vault file: SQLite connection set-up, file checks and schema migrations.
//!
//! A vault is one SQLite file in WAL mode with `secure_delete` on. It is recognised by
//! its `application_id`; its format version is the `user_version`, raised only by the
//! forward-only migrations below. Before SQLite is allowed to touch a file, its header
//! is read directly, so a file that is not a vault, or is from a newer format, is
//! refused without being modified.

use rusqlite::{Connection, OpenFlags};
use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::internal::Result;
use crate::error::RespiteError;

/// The vault format this version of Respite writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 5;

/// `PRAGMA application_id` of every Respite vault: "RSPT".
const APPLICATION_ID: u32 = 0x5253_5054;

/// Migration `n` (1-based) takes a vault from format `n - 1` to format `n`.
const MIGRATIONS: &[&str] = &[
    include_str!("schema/v1.sql"),
    include_str!("schema/v2.sql"),
    include_str!("schema/v3.sql"),
    include_str!("schema/v4.sql"),
    include_str!("schema/v5.sql"),
];
const _: () = assert!(MIGRATIONS.len() == FORMAT_VERSION as usize);

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Creates a new, empty vault file at `path` and returns its connection.
///
/// Refuses to touch an existing file. On failure the partial file is removed.
pub(crate) fn create(path: &Path) -> Result<Connection> {
    if path.exists() {
        return Err(RespiteError::AlreadyExists.into());
    }
    let result = (|| {
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        restrict_to_owner(path)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID as i32)?;
        configure(&conn)?;
        migrate(&mut conn, 0)?;
        Ok(conn)
    })();
    if result.is_err() {
        remove_vault_files(path);
    }
    result
}

/// Makes the vault file readable by its owner only; SQLite gives its WAL companions
/// the same permissions.
fn restrict_to_owner(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Opens an existing vault, migrating an older format forward.
pub(crate) fn open(path: &Path) -> Result<Connection> {
    let header_version = check_header(path)?;
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // The WAL may hold a newer header than the main file: ask SQLite as well.
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id as u32 != APPLICATION_ID {
        return Err(RespiteError::NotAVault.into());
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let version = u32::try_from(version).map_err(|_| RespiteError::NotAVault)?;
    check_version(version.max(header_version))?;
    configure(&conn)?;
    migrate(&mut conn, version)?;
    Ok(conn)
}

/// Reads the SQLite header of `path` and checks it belongs to a vault Respite can read.
/// Returns the format version recorded there.
fn check_header(path: &Path) -> Result<u32> {
    let mut file = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => RespiteError::NotFound {
            what: "no vault at that path".to_owned(),
        },
        _ => RespiteError::from(e),
    })?;
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..])? {
            0 => break,
            n => read += n,
        }
    }
    if read < header.len() || &header[..16] != SQLITE_MAGIC {
        return Err(RespiteError::NotAVault.into());
    }
    let be32 = |at: usize| u32::from_be_bytes(header[at..at + 4].try_into().expect("4 bytes"));
    if be32(68) != APPLICATION_ID {
        return Err(RespiteError::NotAVault.into());
    }
    let version = be32(60);
    check_version(version)?;
    // The page count at offset 28 is valid when the change counters at 24 and 92 agree.
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    if be32(24) == be32(92) {
        let expected = page_size * u64::from(be32(28));
        if file.metadata()?.len() < expected {
            return Err(RespiteError::integrity("the vault file is truncated").into());
        }
    }
    Ok(version)
}

fn check_version(version: u32) -> Result<()> {
    if version > FORMAT_VERSION {
        return Err(RespiteError::UnsupportedFormat {
            found: version,
            supported: FORMAT_VERSION,
        }
        .into());
    }
    if version == 0 {
        // A file with our id but no schema: creation never finished.
        return Err(RespiteError::integrity("the vault file was never completed").into());
    }
    Ok(())
}

fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "secure_delete", true)?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(RespiteError::Storage {
            detail: "the vault file system does not support write-ahead logging".to_owned(),
        }
        .into());
    }
    // Every acknowledged write survives a crash or power loss.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// For filling a vault nobody sees until it is complete (a restore under a temporary
/// name): no rollback journal and no syncing while it fills, since on any failure the
/// file is discarded. [`end_bulk`] restores the normal settings.
pub(crate) fn begin_bulk(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "OFF")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    Ok(())
}

/// Returns a vault filled with [`begin_bulk`] to write-ahead logging and full syncing.
/// The caller syncs the file once it is closed.
pub(crate) fn end_bulk(conn: &Connection) -> Result<()> {
    configure(conn)
}

fn migrate(conn: &mut Connection, from: u32) -> Result<()> {
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Moves every freed page's content out of the WAL into the (zeroed) main file and
/// truncates the WAL, so deleted ciphertext leaves no copy behind. Another process
/// reading the vault can block it: it is retried for about half a second, then the
/// change stands but the error says a copy is still in the write-ahead log.
pub(crate) fn checkpoint_truncate(conn: &Connection) -> Result<()> {
    for attempt in 0..10 {
        let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy == 0 {
            return Ok(());
        }
        if attempt < 9 {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
    Err(RespiteError::Storage {
        detail: "the change was made, but another program reading the vault keeps an \
                 earlier copy in its write-ahead log until it closes the vault"
            .to_owned(),
    }
    .into())
}

/// Removes a vault file and its WAL companions, ignoring files that are not there.
pub(crate) fn remove_vault_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(Path::new(&name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_then_open_reaches_the_current_format() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.db");
        drop(create(&path).unwrap());
        let conn = open(&path).unwrap();
        let v: u32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, FORMAT_VERSION);
        let secure: i64 = conn
            .pragma_query_value(None, "secure_delete", |r| r.get(0))
            .unwrap();
        assert_eq!(secure, 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_vault_is_private_to_its_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.db");
        drop(create(&path).unwrap());
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn create_refuses_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.db");
        std::fs::write(&path, b"keep me").unwrap();
        assert_eq!(
            create(&path).err().map(RespiteError::from),
            Some(RespiteError::AlreadyExists)
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
    }

    #[test]
    fn other_sqlite_databases_are_not_vaults_and_stay_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        assert_eq!(
            open(&path).err().map(RespiteError::from),
            Some(RespiteError::NotAVault)
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_newer_format_is_refused_without_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.db");
        {
            let c = create(&path).unwrap();
            c.pragma_update(None, "user_version", FORMAT_VERSION as i64 + 1)
                .unwrap();
            checkpoint_truncate(&c).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        assert_eq!(
            open(&path).err().map(RespiteError::from),
            Some(RespiteError::UnsupportedFormat {
                found: FORMAT_VERSION + 1,
                supported: FORMAT_VERSION
            })
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}
