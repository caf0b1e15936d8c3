//! Plaintext files the CLI writes for the person (the plan's Markdown, the HTML
//! report): readable by their owner only, complete or not there at all, never
//! through a symbolic link and never over an existing file unless asked.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::CliError;

/// Writes `text` to a new file at `path`, mode 0600: first under a temporary name
/// beside it (created fresh, so no link is followed), then renamed into place. An
/// existing `path` is replaced only with `force`.
pub fn write_new_private(path: &Path, text: &str, force: bool) -> Result<(), CliError> {
    let exists = std::fs::symlink_metadata(path).is_ok();
    if exists && !force {
        return Err(CliError::Other(format!(
            "{} already exists; pass --force to replace it",
            path.display()
        )));
    }
    let partial = partial_path(path)?;
    let written = create_private(&partial).and_then(|mut file| {
        file.write_all(text.as_bytes())?;
        file.sync_all()
    });
    let renamed = written.and_then(|()| std::fs::rename(&partial, path));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&partial);
        return Err(CliError::Other(format!(
            "could not write {}",
            path.display()
        )));
    }
    Ok(())
}

/// A new file readable and writable by its owner only; fails if anything (a file or
/// a link) is already at `path`.
pub fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// A hidden name beside `path` for the file being written.
fn partial_path(path: &Path) -> Result<PathBuf, CliError> {
    let name = path
        .file_name()
        .ok_or_else(|| CliError::Usage(format!("{} names no file", path.display())))?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut partial = std::ffi::OsString::from(".");
    partial.push(name);
    partial.push(format!(".partial-{}-{nanos}", std::process::id()));
    Ok(path.with_file_name(partial))
}

/// Overwrites every file in `dir` (the plan, and any backup copy an editor left)
/// with zeros in place, removes them, and removes `dir`.
pub fn wipe_dir(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if let Ok(meta) = std::fs::symlink_metadata(&path) {
                if meta.is_file() {
                    if let Ok(mut file) = std::fs::OpenOptions::new().write(true).open(&path) {
                        let _ = file.write_all(&vec![0u8; meta.len() as usize]);
                        let _ = file.sync_all();
                    }
                }
            }
            let _ = std::fs::remove_file(&path);
        }
    }
    let _ = std::fs::remove_dir(dir);
}
