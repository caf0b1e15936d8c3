//! The backup container: a header, then a stream cut into sealed chunks.
//!
//! ```text
//! header  magic "RSPTBKUP" ‖ format u16 ‖ kdf u8 (1 = PBKDF2-HMAC-SHA256, 2 = Argon2id)
//!         ‖ cost ‖ salt [16] ‖ backup id [16] ‖ chunk size u32
//!         ‖ check: u32 length ‖ envelope sealing nothing, to tell a wrong passphrase
//! cost    format 1: iterations u32 (PBKDF2 only)
//!         format 2: PBKDF2 iterations u32 ‖ 0 u32 ‖ 0 u32,
//!                   or Argon2id memory KiB u32 ‖ passes u32 ‖ lanes u32
//! chunk   last u8 (0 or 1) ‖ u32 length ‖ envelope of up to `chunk size` bytes
//! ```
//!
//! All integers are big-endian. Every envelope is AES-256-GCM under a key derived
//! from the backup passphrase; its associated data binds the whole header, the chunk's
//! index and its `last` flag, so chunks cannot be reordered, dropped, swapped between
//! backups, or cut off at a chunk boundary without failing. Memory stays bounded: one
//! chunk at a time, whatever the size of the vault. `docs/backup-format.md` has the
//! full description.

use std::io::{self, Read, Write};

use crate::crypto::secret;
use crate::crypto::slots::{Argon2Cost, Stretch};
use crate::crypto::{self, Aad, SealingKey, ENVELOPE_OVERHEAD};
use crate::error::internal::Result;
use crate::error::RespiteError;

const MAGIC: &[u8; 8] = b"RSPTBKUP";
/// The backup format this version writes, and the newest it reads.
pub(crate) const BACKUP_FORMAT: u16 = 2;
const KDF_PBKDF2_SHA256: u8 = 1;
const KDF_ARGON2ID: u8 = 2;
const SALT_LEN: usize = 16;
const ID_LEN: usize = 16;
/// Plaintext bytes per chunk.
const CHUNK_SIZE: u32 = 64 * 1024;
/// The largest chunk size a reader accepts, so a damaged header cannot ask for
/// unbounded memory.
const MAX_CHUNK_SIZE: u32 = 1024 * 1024;
/// The header of format 2; format 1 had one cost field instead of three.
const HEADER_LEN: usize = 8 + 2 + 1 + 12 + SALT_LEN + ID_LEN + 4;
const HEADER_LEN_V1: usize = HEADER_LEN - 8;

fn damaged(what: &str) -> RespiteError {
    RespiteError::integrity(format!("the backup is damaged or incomplete ({what})"))
}

/// The fixed part of the header.
struct Header {
    /// The header as written (bound into every envelope's associated data).
    bytes: Vec<u8>,
    stretch: Stretch,
    salt: [u8; SALT_LEN],
    chunk_size: u32,
}

impl Header {
    fn new(stretch: Stretch) -> Result<Header> {
        let salt = crypto::random_array::<SALT_LEN>()?;
        let id = crypto::random_array::<ID_LEN>()?;
        let (kdf, cost) = match stretch {
            Stretch::Pbkdf2(iterations) => (KDF_PBKDF2_SHA256, [iterations, 0, 0]),
            Stretch::Argon2id(c) => (KDF_ARGON2ID, [c.memory_kib, c.passes, c.lanes]),
        };
        let mut bytes = Vec::with_capacity(HEADER_LEN);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&BACKUP_FORMAT.to_be_bytes());
        bytes.push(kdf);
        for n in cost {
            bytes.extend_from_slice(&n.to_be_bytes());
        }
        bytes.extend_from_slice(&salt);
        bytes.extend_from_slice(&id);
        bytes.extend_from_slice(&CHUNK_SIZE.to_be_bytes());
        Ok(Header {
            bytes,
            stretch,
            salt,
            chunk_size: CHUNK_SIZE,
        })
    }

    fn read(input: &mut impl Read) -> Result<Header> {
        let mut bytes = vec![0u8; MAGIC.len() + 2];
        read_exact(input, &mut bytes[..MAGIC.len()], "header")?;
        if &bytes[..MAGIC.len()] != MAGIC {
            return Err(RespiteError::integrity("this file is not a Respite backup").into());
        }
        read_exact(input, &mut bytes[MAGIC.len()..], "header")?;
        let format = u16::from_be_bytes([bytes[8], bytes[9]]);
        if format > BACKUP_FORMAT {
            return Err(RespiteError::UnsupportedFormat {
                found: u32::from(format),
                supported: u32::from(BACKUP_FORMAT),
            }
            .into());
        }
        let len = match format {
            1 => HEADER_LEN_V1,
            2 => HEADER_LEN,
            _ => return Err(damaged("header").into()),
        };
        bytes.resize(len, 0);
        read_exact(input, &mut bytes[MAGIC.len() + 2..], "header")?;
        let be32 = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4"));
        let (stretch, salt_at) = match (format, bytes[10]) {
            (1, KDF_PBKDF2_SHA256) => (Some(Stretch::Pbkdf2(be32(11))), 15),
            (2, KDF_PBKDF2_SHA256) if be32(15) == 0 && be32(19) == 0 => {
                (Some(Stretch::Pbkdf2(be32(11))), 23)
            }
            (2, KDF_ARGON2ID) => (
                Some(Stretch::Argon2id(Argon2Cost {
                    memory_kib: be32(11),
                    passes: be32(15),
                    lanes: be32(19),
                })),
                23,
            ),
            _ => (None, 0),
        };
        let chunk_size = be32(len - 4);
        let stretch = stretch
            .filter(|s| s.acceptable() && (1..=MAX_CHUNK_SIZE).contains(&chunk_size))
            .ok_or_else(|| damaged("header"))?;
        let mut salt = [0u8; SALT_LEN];
        salt.copy_from_slice(&bytes[salt_at..salt_at + SALT_LEN]);
        Ok(Header {
            bytes,
            stretch,
            salt,
            chunk_size,
        })
    }

    fn key(&self, passphrase: &str) -> Result<SealingKey> {
        SealingKey::from_passphrase(passphrase, &self.salt, self.stretch, b"respite/v1/backup")
    }

    fn check_aad(&self) -> Aad {
        Aad::new("respite/backup-check").field(&self.bytes)
    }

    fn chunk_aad(&self, index: u64, last: bool) -> Aad {
        Aad::new("respite/backup-chunk")
            .field(&self.bytes)
            .field(&index.to_be_bytes())
            .field(&[u8::from(last)])
    }
}

fn read_exact(input: &mut impl Read, buf: &mut [u8], what: &str) -> Result<()> {
    input
        .read_exact(buf)
        .map_err(|e| match e.kind() {
            io::ErrorKind::UnexpectedEof => damaged(&format!("it ends inside the {what}")),
            _ => RespiteError::from(e),
        })
        .map_err(Into::into)
}

fn read_envelope(input: &mut impl Read, max: u32, what: &str) -> Result<Vec<u8>> {
    let mut len = [0u8; 4];
    read_exact(input, &mut len, what)?;
    let len = u32::from_be_bytes(len);
    if len as usize > max as usize + ENVELOPE_OVERHEAD {
        return Err(damaged(what).into());
    }
    let mut envelope = vec![0u8; len as usize];
    read_exact(input, &mut envelope, what)?;
    Ok(envelope)
}

fn write_envelope(out: &mut impl Write, envelope: &[u8]) -> Result<()> {
    out.write_all(&(envelope.len() as u32).to_be_bytes())?;
    out.write_all(envelope)?;
    Ok(())
}

/// Writes a backup: call [`Write`] with the content, then [`BackupWriter::finish`].
pub(crate) struct BackupWriter<W: Write> {
    out: W,
    header: Header,
    key: SealingKey,
    buffer: zeroize::Zeroizing<Vec<u8>>,
    index: u64,
}

impl<W: Write> BackupWriter<W> {
    /// Writes the header for a backup protected by `passphrase`, stretched with
    /// `stretch`.
    pub(crate) fn new(mut out: W, passphrase: &str, stretch: Stretch) -> Result<Self> {
        let header = Header::new(stretch)?;
        let key = header.key(passphrase)?;
        out.write_all(&header.bytes)?;
        write_envelope(&mut out, &key.seal(&header.check_aad(), &[])?)?;
        Ok(BackupWriter {
            buffer: zeroize::Zeroizing::new(Vec::with_capacity(header.chunk_size as usize)),
            out,
            header,
            key,
            index: 0,
        })
    }

    fn flush_chunk(&mut self, last: bool) -> Result<()> {
        let envelope = self
            .key
            .seal(&self.header.chunk_aad(self.index, last), &self.buffer)?;
        self.out.write_all(&[u8::from(last)])?;
        write_envelope(&mut self.out, &envelope)?;
        crypto::wipe(&mut self.buffer);
        self.index += 1;
        Ok(())
    }

    /// Seals what is left as the last chunk and returns the output.
    pub(crate) fn finish(mut self) -> Result<W> {
        self.flush_chunk(true)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> Write for BackupWriter<W> {
    fn write(&mut self, mut data: &[u8]) -> io::Result<usize> {
        let written = data.len();
        while !data.is_empty() {
            let room = self.header.chunk_size as usize - self.buffer.len();
            let take = room.min(data.len());
            self.buffer.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.buffer.len() == self.header.chunk_size as usize {
                self.flush_chunk(false).map_err(io::Error::other)?;
            }
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Reads a backup's content, chunk by chunk, authenticating each before use.
pub(crate) struct BackupReader<R: Read> {
    input: R,
    header: Header,
    key: SealingKey,
    chunk: zeroize::Zeroizing<Vec<u8>>,
    at: usize,
    index: u64,
    ended: bool,
}

impl<R: Read> BackupReader<R> {
    /// Reads the header; a wrong passphrase is [`RespiteError::WrongSecret`].
    pub(crate) fn new(mut input: R, passphrase: &str) -> Result<Self> {
        let header = Header::read(&mut input)?;
        let check = read_envelope(&mut input, 0, "header")?;
        let opens = |key: &SealingKey| key.open(&header.check_aad(), &check).is_some();
        // The passphrase in its normal form (NFC), or as typed for a backup written
        // before the core normalised passphrases.
        let normal = secret::normalised(passphrase.to_owned());
        let mut key = header.key(&normal)?;
        if !opens(&key) {
            if *normal == passphrase {
                return Err(RespiteError::WrongSecret.into());
            }
            key = header.key(passphrase)?;
            if !opens(&key) {
                return Err(RespiteError::WrongSecret.into());
            }
        }
        Ok(BackupReader {
            input,
            header,
            key,
            chunk: zeroize::Zeroizing::new(Vec::new()),
            at: 0,
            index: 0,
            ended: false,
        })
    }

    /// Reads and opens the next chunk; false once the last chunk has been read.
    fn next_chunk(&mut self) -> Result<bool> {
        if self.ended {
            return Ok(false);
        }
        let mut flag = [0u8; 1];
        read_exact(&mut self.input, &mut flag, "a chunk")?;
        let last = match flag[0] {
            0 => false,
            1 => true,
            _ => return Err(damaged("a chunk").into()),
        };
        let envelope = read_envelope(&mut self.input, self.header.chunk_size, "a chunk")?;
        let plain = self
            .key
            .open(&self.header.chunk_aad(self.index, last), &envelope)
            .ok_or_else(|| damaged(&format!("chunk {} does not authenticate", self.index)))?;
        self.chunk = plain;
        self.at = 0;
        self.index += 1;
        if last {
            self.ended = true;
            let mut extra = [0u8; 1];
            if self.input.read(&mut extra)? != 0 {
                return Err(damaged("data after the last chunk").into());
            }
        }
        Ok(true)
    }

    /// Whether every chunk was read, up to and including the last one.
    pub(crate) fn at_end(&mut self) -> Result<bool> {
        while self.at == self.chunk.len() {
            if !self.next_chunk()? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Fills `buf` exactly from the content.
    pub(crate) fn read_content(&mut self, buf: &mut [u8]) -> Result<()> {
        let mut filled = 0;
        while filled < buf.len() {
            if self.at_end()? {
                return Err(damaged("it ends inside a record").into());
            }
            let take = (self.chunk.len() - self.at).min(buf.len() - filled);
            buf[filled..filled + take].copy_from_slice(&self.chunk[self.at..self.at + take]);
            self.at += take;
            filled += take;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITER: Stretch = Stretch::Pbkdf2(crate::crypto::slots::MIN_KDF_ITERATIONS);

    fn write(content: &[u8]) -> Vec<u8> {
        write_with(content, ITER)
    }

    fn write_with(content: &[u8], stretch: Stretch) -> Vec<u8> {
        let mut w = BackupWriter::new(Vec::new(), "backup passphrase", stretch).unwrap();
        w.write_all(content).unwrap();
        w.finish().unwrap()
    }

    #[test]
    fn argon2id_backups_open_and_a_cost_below_the_floor_is_refused() {
        let bytes = write_with(b"hello", Stretch::Argon2id(crate::crypto::slots::ARGON2));
        assert_eq!(bytes[10], KDF_ARGON2ID);
        let mut reader = BackupReader::new(&bytes[..], "backup passphrase").unwrap();
        let mut out = [0u8; 5];
        reader.read_content(&mut out).unwrap();
        assert_eq!(&out, b"hello");
        assert!(matches!(
            BackupReader::new(&bytes[..], "not the backup passphrase"),
            Err(crate::error::internal::Error::Public(
                RespiteError::WrongSecret
            ))
        ));
        // 1 MiB of memory instead of 64: refused before any derivation.
        let mut cheap = bytes.clone();
        cheap[11..15].copy_from_slice(&1024u32.to_be_bytes());
        assert!(matches!(
            BackupReader::new(&cheap[..], "backup passphrase"),
            Err(crate::error::internal::Error::Public(
                RespiteError::Integrity { .. }
            ))
        ));
    }

    fn read_all(file: &[u8], passphrase: &str) -> Result<Vec<u8>> {
        let mut r = BackupReader::new(file, passphrase)?;
        let mut out = Vec::new();
        while !r.at_end()? {
            let mut byte = [0u8; 1];
            r.read_content(&mut byte)?;
            out.push(byte[0]);
        }
        Ok(out)
    }

    #[test]
    fn content_round_trips_across_chunks() {
        let content: Vec<u8> = (0..CHUNK_SIZE as usize * 2 + 17).map(|i| i as u8).collect();
        let file = write(&content);
        assert_eq!(read_all(&file, "backup passphrase").unwrap(), content);
        assert_eq!(read_all(&write(&[]), "backup passphrase").unwrap(), b"");
    }

    #[test]
    fn wrong_passphrase_tampering_and_truncation_are_told_apart() {
        let content = vec![7u8; CHUNK_SIZE as usize + 100];
        let file = write(&content);
        assert_eq!(
            read_all(&file, "another passphrase").map_err(RespiteError::from),
            Err(RespiteError::WrongSecret)
        );
        // Every flipped byte fails: header bytes as damage or a wrong secret, the rest
        // as damage. Never a panic, never wrong content.
        let check_end = HEADER_LEN + 4 + ENVELOPE_OVERHEAD;
        let places = (0..check_end)
            .step_by(3)
            .chain((check_end..file.len()).step_by(file.len() / 20))
            .chain([file.len() - 1]);
        for at in places {
            let mut bad = file.clone();
            bad[at] ^= 0x20;
            assert!(read_all(&bad, "backup passphrase").is_err(), "byte {at}");
        }
        // Every cut fails.
        for len in (0..check_end)
            .step_by(7)
            .chain((check_end..file.len()).step_by(file.len() / 20))
        {
            assert!(matches!(
                read_all(&file[..len], "backup passphrase"),
                Err(crate::error::internal::Error::Public(
                    RespiteError::Integrity { .. }
                ))
            ));
        }
        let mut longer = file.clone();
        longer.push(0);
        assert!(read_all(&longer, "backup passphrase").is_err());
        assert!(matches!(
            read_all(b"SQLite format 3\0 and more", "x"),
            Err(crate::error::internal::Error::Public(RespiteError::Integrity { detail })) if detail.contains("not a Respite backup")
        ));
    }

    #[test]
    fn a_newer_format_is_named() {
        let mut file = write(b"x");
        file[9] = 9;
        assert_eq!(
            read_all(&file, "backup passphrase").map_err(RespiteError::from),
            Err(RespiteError::UnsupportedFormat {
                found: 9,
                supported: u32::from(BACKUP_FORMAT)
            })
        );
    }

    #[test]
    fn chunks_cannot_be_reordered() {
        let content = vec![1u8; CHUNK_SIZE as usize * 2];
        let file = write(&content);
        let check_end = HEADER_LEN + 4 + ENVELOPE_OVERHEAD;
        let chunk_len = 1 + 4 + CHUNK_SIZE as usize + ENVELOPE_OVERHEAD;
        let (a, b) = (check_end, check_end + chunk_len);
        let mut swapped = file.clone();
        swapped[a..b].copy_from_slice(&file[b..b + chunk_len]);
        swapped[b..b + chunk_len].copy_from_slice(&file[a..b]);
        assert!(matches!(
            read_all(&swapped, "backup passphrase"),
            Err(crate::error::internal::Error::Public(
                RespiteError::Integrity { .. }
            ))
        ));
    }
}
