//! Recovery codes: 130 random bits written for humans.
//!
//! A code is 26 random characters of Crockford's base32 alphabet (no I, L, O or U,
//! so nothing looks alike) plus two check characters, shown as seven groups of four:
//! `K7QM-2XJD-...`. Input is accepted in any case, with or without separators, and
//! with the usual look-alikes (O for 0, I or L for 1). The check characters catch
//! typos before any key derivation, so a typo is reported as a typo.

use ring::digest;
use zeroize::Zeroizing;

use crate::crypto::fill_random;
use crate::error::internal::Result;
use crate::error::RespiteError;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_CHARS: usize = 26;
const CHECK_CHARS: usize = 2;
const GROUP: usize = 4;
// 26 characters of a 32-symbol alphabet carry at least 128 random bits.
const _: () = assert!(RANDOM_CHARS * 5 >= 128 && ALPHABET.len() == 32);

/// A recovery code in canonical form (uppercase, no separators), wiped on drop.
pub(crate) struct RecoveryCode(Zeroizing<String>);

impl RecoveryCode {
    /// A fresh random code.
    pub(crate) fn generate() -> Result<Self> {
        let mut random = Zeroizing::new([0u8; RANDOM_CHARS]);
        fill_random(random.as_mut())?;
        let mut body = Zeroizing::new(String::with_capacity(RANDOM_CHARS + CHECK_CHARS));
        for b in random.iter() {
            body.push(ALPHABET[(b & 0x1f) as usize] as char);
        }
        let check = check_chars(&body);
        body.push_str(&check);
        Ok(RecoveryCode(body))
    }

    /// Parses what a person typed. Refuses text that is not a well-formed code.
    pub(crate) fn parse(input: &str) -> Result<Self> {
        let mut canonical = Zeroizing::new(String::with_capacity(RANDOM_CHARS + CHECK_CHARS));
        for c in input.chars() {
            let c = match c.to_ascii_uppercase() {
                '-' | ' ' | '\t' | '\n' | '\r' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
                _ => return Err(malformed().into()),
            };
            canonical.push(c);
        }
        if canonical.len() != RANDOM_CHARS + CHECK_CHARS {
            return Err(malformed().into());
        }
        let (body, check) = canonical.split_at(RANDOM_CHARS);
        if check_chars(body) != check {
            return Err(malformed().into());
        }
        Ok(RecoveryCode(canonical))
    }

    /// The secret input to key derivation: the random characters.
    pub(crate) fn secret(&self) -> &[u8] {
        &self.0.as_bytes()[..RANDOM_CHARS]
    }

    /// The code as shown to people: groups of four joined by hyphens.
    pub(crate) fn display(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars
            .chunks(GROUP)
            .map(|g| g.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-")
    }
}

fn malformed() -> RespiteError {
    RespiteError::invalid(
        "recovery_code",
        "this is not a Respite recovery code (28 letters and digits); check it for typos",
    )
}

fn check_chars(body: &str) -> String {
    let d = digest::digest(&digest::SHA256, body.as_bytes());
    let bits = u16::from_be_bytes([d.as_ref()[0], d.as_ref()[1]]);
    [bits >> 11, (bits >> 6) & 0x1f]
        .iter()
        .map(|&i| ALPHABET[i as usize] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_parse_back_in_any_form() {
        let code = RecoveryCode::generate().unwrap();
        let shown = code.display();
        assert_eq!(shown.len(), 28 + 6);
        assert_eq!(shown.split('-').count(), 7);
        for typed in [
            shown.clone(),
            shown.to_lowercase(),
            shown.replace('-', ""),
            shown.replace('-', " "),
        ] {
            assert_eq!(RecoveryCode::parse(&typed).unwrap().secret(), code.secret());
        }
    }

    #[test]
    fn look_alikes_are_read_as_digits() {
        // Find a code with a 0 or 1 in it and type it with the look-alike letter.
        loop {
            let code = RecoveryCode::generate().unwrap();
            let shown = code.display();
            if let Some(pos) = shown.find(['0', '1']) {
                let mut typed = shown.clone().into_bytes();
                typed[pos] = if typed[pos] == b'0' { b'o' } else { b'l' };
                let typed = String::from_utf8(typed).unwrap();
                assert_eq!(RecoveryCode::parse(&typed).unwrap().secret(), code.secret());
                break;
            }
        }
    }

    #[test]
    fn typos_and_garbage_are_refused() {
        let shown = RecoveryCode::generate().unwrap().display();
        let mut typo = shown.clone().into_bytes();
        typo[0] = if typo[0] == b'A' { b'B' } else { b'A' };
        let typo = String::from_utf8(typo).unwrap();
        assert!(RecoveryCode::parse(&typo).is_err());
        assert!(RecoveryCode::parse(&shown[..shown.len() - 1]).is_err());
        assert!(RecoveryCode::parse("").is_err());
        assert!(RecoveryCode::parse(&shown.replace('-', "!")).is_err());
        assert!(RecoveryCode::parse(&format!("{shown}é")).is_err());
    }

    #[test]
    fn codes_differ_each_time() {
        let a = RecoveryCode::generate().unwrap();
        let b = RecoveryCode::generate().unwrap();
        assert_ne!(a.secret(), b.secret());
    }
}
