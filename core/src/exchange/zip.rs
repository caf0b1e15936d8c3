//! Just enough of the zip format to read the JSON files out of a Day One export:
//! the central directory, stored and deflated members. The directory is checked
//! before anything is inflated (member count, names given twice, overlapping
//! members), members are inflated one at a time, and all of them together within a
//! fixed allowance, so a damaged or hostile archive cannot exhaust memory.

use crate::error::internal::Result;
use crate::error::RespiteError;

/// Most members an archive may list.
const MAX_MEMBERS: usize = 10_000;
/// Inflated bytes allowed in all, besides the archive's own size: what a Day One
/// export of decades of writing needs, and far below what a hostile archive asks for.
const INFLATE_ALLOWANCE: usize = 32 * 1024 * 1024;

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

/// One member as the central directory lists it.
struct Member {
    name: Vec<u8>,
    method: u16,
    size: usize,
    /// Where its compressed data lies in the archive.
    data: std::ops::Range<usize>,
}

/// The members the central directory lists, checked: not too many, no name twice,
/// each member's header and data inside the archive and apart from every other's (so
/// one stretch of data cannot be inflated many times).
fn directory(bytes: &[u8]) -> Result<Vec<Member>> {
    // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
    let search_from = bytes.len().saturating_sub(65_557);
    let eocd = (search_from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(|| damaged("no central directory"))?;
    let count = usize::from(u16_at(bytes, eocd + 10)?);
    if count > MAX_MEMBERS {
        return Err(damaged("it lists too many members").into());
    }
    if u32_at(bytes, eocd + 16)? == u32::MAX {
        return Err(damaged("zip64 archives are not supported").into());
    }
    let mut at = u32_at(bytes, eocd + 16)? as usize;
    let mut members = Vec::with_capacity(count);
    let mut spans = Vec::with_capacity(count);
    let mut names = std::collections::HashSet::with_capacity(count);
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
            .ok_or_else(|| damaged("cut short"))?
            .to_vec();
        at += 46 + name_len + extra_len + comment_len;
        if !names.insert(name.clone()) {
            return Err(damaged("it lists a member twice").into());
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
        let end = start
            .checked_add(compressed)
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| damaged("cut short"))?;
        spans.push((local, end));
        members.push(Member {
            name,
            method,
            size,
            data: start..end,
        });
    }
    spans.sort_unstable();
    if spans.windows(2).any(|w| w[1].0 < w[0].1) {
        return Err(damaged("members overlap").into());
    }
    Ok(members)
}

/// Calls `f` with the content of each member whose name ends in `suffix` (any case),
/// in directory order, inflating one member at a time; `f` also gets the member's
/// number in the directory (counted from 1), which names it in notes without quoting
/// the archive. Returns how many members were passed. All members together may
/// inflate to at most 32 MiB more than the archive's size: a hostile archive is
/// refused before it costs memory.
pub(crate) fn each_member(
    bytes: &[u8],
    suffix: &str,
    f: &mut dyn FnMut(usize, Vec<u8>) -> Result<()>,
) -> Result<usize> {
    let suffix = suffix.to_lowercase().into_bytes();
    let mut allowance = INFLATE_ALLOWANCE.saturating_add(bytes.len());
    let mut passed = 0;
    for (n, member) in directory(bytes)?.into_iter().enumerate() {
        let name = member.name.to_ascii_lowercase();
        if !name.ends_with(&suffix) || name.ends_with(b"/") {
            continue;
        }
        if member.size > allowance {
            return Err(damaged("it inflates to far more than a Day One export").into());
        }
        allowance -= member.size;
        let data = &bytes[member.data];
        let content = match member.method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, member.size.max(1))
                .map_err(|_| damaged("a member does not inflate to its stated size"))?,
            _ => return Err(damaged("a member uses an unsupported compression").into()),
        };
        if content.len() != member.size {
            return Err(damaged("a member has the wrong size").into());
        }
        f(n + 1, content)?;
        passed += 1;
    }
    Ok(passed)
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
            let mut members = Vec::new();
            let passed = each_member(&zip, ".json", &mut |n, content| {
                members.push((n, content));
                Ok(())
            })
            .unwrap();
            assert_eq!(passed, 1);
            assert_eq!(members, vec![(1, text.clone())]);
        }
    }

    #[test]
    fn damaged_archives_are_errors_not_panics() {
        let zip = archive(&[("Journal.json", br#"{"entries":[]}"#)], true);
        let mut ignore = |_: usize, _: Vec<u8>| Ok(());
        for len in 0..zip.len() {
            let _ = each_member(&zip[..len], ".json", &mut ignore);
        }
        for at in 0..zip.len() {
            let mut bad = zip.clone();
            bad[at] ^= 0xff;
            let _ = each_member(&bad, ".json", &mut ignore);
        }
        assert!(each_member(b"not a zip", ".json", &mut ignore).is_err());
    }
}
