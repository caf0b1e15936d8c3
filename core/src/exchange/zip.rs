//! Just enough of the zip format to read the JSON files out of a Day One export:
//! the central directory, stored and deflated members. Sizes are checked before
//! anything is inflated, so a damaged or hostile archive cannot exhaust memory.

use crate::error::internal::Result;
use crate::error::RespiteError;

/// The largest member inflated; Day One's JSON for decades of writing fits easily.
const MAX_MEMBER: usize = 256 * 1024 * 1024;

fn damaged(what: &str) -> RespiteError {
    RespiteError::invalid("file", format!("not a readable zip archive ({what})"))
}

fn u16_at(b: &[u8], at: usize) -> Result<u16> {
    b.get(at..at + 2)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
        .ok_or_else(|| damaged("cut short").into())
}

fn u32_at(b: &[u8], at: usize) -> Result<u32> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or_else(|| damaged("cut short").into())
}

/// Whether `bytes` start like a zip archive.
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The members whose names end in `suffix` (any case), with their contents.
pub(crate) fn members_ending(bytes: &[u8], suffix: &str) -> Result<Vec<(String, Vec<u8>)>> {
    // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
    let search_from = bytes.len().saturating_sub(65_557);
    let eocd = (search_from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(|| damaged("no central directory"))?;
    let count = usize::from(u16_at(bytes, eocd + 10)?);
    let mut at = u32_at(bytes, eocd + 16)? as usize;
    if u32_at(bytes, eocd + 16)? == u32::MAX {
        return Err(damaged("zip64 archives are not supported").into());
    }
    let mut out = Vec::new();
    for _ in 0..count {
        if !bytes
            .get(at..)
            .is_some_and(|b| b.starts_with(b"PK\x01\x02"))
        {
            return Err(damaged("a damaged directory entry").into());
        }
        let method = u16_at(bytes, at + 10)?;
        let compressed = u32_at(bytes, at + 20)? as usize;
        let size = u32_at(bytes, at + 24)? as usize;
        let name_len = usize::from(u16_at(bytes, at + 28)?);
        let extra_len = usize::from(u16_at(bytes, at + 30)?);
        let comment_len = usize::from(u16_at(bytes, at + 32)?);
        let local = u32_at(bytes, at + 42)? as usize;
        let name = bytes
            .get(at + 46..at + 46 + name_len)
            .ok_or_else(|| damaged("cut short"))?;
        let name = String::from_utf8_lossy(name).into_owned();
        at += 46 + name_len + extra_len + comment_len;
        if !name.to_lowercase().ends_with(&suffix.to_lowercase()) || name.ends_with('/') {
            continue;
        }
        if size > MAX_MEMBER {
            return Err(damaged("a member is too large").into());
        }
        if !bytes
            .get(local..)
            .is_some_and(|b| b.starts_with(b"PK\x03\x04"))
        {
            return Err(damaged("a damaged member").into());
        }
        let start = local
            + 30
            + usize::from(u16_at(bytes, local + 26)?)
            + usize::from(u16_at(bytes, local + 28)?);
        let data = bytes
            .get(start..start + compressed)
            .ok_or_else(|| damaged("cut short"))?;
        let content = match method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, size.max(1))
                .map_err(|_| damaged("a member does not inflate"))?,
            _ => return Err(damaged("a member uses an unsupported compression").into()),
        };
        if content.len() != size {
            return Err(damaged("a member has the wrong size").into());
        }
        out.push((name, content));
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A zip archive of `files`, stored or deflated: for tests and fixtures.
    pub(crate) fn archive(files: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let mut directory = Vec::new();
        for (name, content) in files {
            let data = if deflate {
                miniz_oxide::deflate::compress_to_vec(content, 6)
            } else {
                content.to_vec()
            };
            let method: u16 = if deflate { 8 } else { 0 };
            let local = out.len() as u32;
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&20u16.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(&method.to_le_bytes());
            out.extend_from_slice(&[0; 8]); // time, date, crc (not checked here)
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(content.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&data);
            directory.extend_from_slice(b"PK\x01\x02");
            directory.extend_from_slice(&[20, 0, 20, 0, 0, 0]);
            directory.extend_from_slice(&method.to_le_bytes());
            directory.extend_from_slice(&[0; 8]);
            directory.extend_from_slice(&(data.len() as u32).to_le_bytes());
            directory.extend_from_slice(&(content.len() as u32).to_le_bytes());
            directory.extend_from_slice(&(name.len() as u16).to_le_bytes());
            directory.extend_from_slice(&[0; 12]);
            directory.extend_from_slice(&local.to_le_bytes());
            directory.extend_from_slice(name.as_bytes());
        }
        let at = out.len() as u32;
        out.extend_from_slice(&directory);
        out.extend_from_slice(b"PK\x05\x06");
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(directory.len() as u32).to_le_bytes());
        out.extend_from_slice(&at.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    #[test]
    fn json_members_come_out_stored_or_deflated() {
        let text = br#"{"entries":[]}"#.repeat(50);
        for deflate in [false, true] {
            let zip = archive(
                &[("Journal.json", &text), ("photos/a.jpeg", b"\xff\xd8")],
                deflate,
            );
            assert!(is_zip(&zip));
            let members = members_ending(&zip, ".json").unwrap();
            assert_eq!(members, vec![("Journal.json".to_owned(), text.clone())]);
        }
    }

    #[test]
    fn damaged_archives_are_errors_not_panics() {
        let zip = archive(&[("Journal.json", br#"{"entries":[]}"#)], true);
        for len in 0..zip.len() {
            let _ = members_ending(&zip[..len], ".json");
        }
        for at in 0..zip.len() {
            let mut bad = zip.clone();
            bad[at] ^= 0xff;
            let _ = members_ending(&bad, ".json");
        }
        assert!(members_ending(b"not a zip", ".json").is_err());
    }
}
