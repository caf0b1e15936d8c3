//! Passphrases as the core takes them: normalised to NFC (so the same passphrase typed
//! on another keyboard or platform opens the vault), wiped after use, and refused when
//! they are easy to guess.
//!
//! The strength estimate is a small pattern-aware one in the manner of zxcvbn: a
//! passphrase is split into pieces (common words and passwords, runs of one
//! character, sequences such as `1234` or `abcd`, keyboard rows, years), each piece
//! costs the guesses an attacker who tries such patterns first would need, and the
//! rest costs brute force over the characters it uses.

use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::error::internal::Result;
use crate::error::RespiteError;

/// The fewest estimated guesses (as bits, log2) a new passphrase must need: 2⁴⁰, so
/// that at Argon2id's cost an offline attack takes years on one GPU.
pub const MIN_PASSPHRASE_BITS: u32 = 40;

const COMMON: &str = include_str!("common_passwords.txt");

/// `text` in NFC, in memory that is wiped when dropped; the caller's copy is wiped.
pub(crate) fn normalised(text: String) -> Zeroizing<String> {
    let text = Zeroizing::new(text);
    Zeroizing::new(text.nfc().collect())
}

/// How hard a passphrase is to guess, and what would make it harder.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PassphraseStrength {
    /// Whether Respite accepts it for a vault or a backup.
    pub acceptable: bool,
    /// The estimated guesses, as bits (log2).
    pub bits: u32,
    /// What would make it harder to guess, in plain words (empty when acceptable).
    pub feedback: Vec<String>,
}

/// What weakened a passphrase, in the order the feedback is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Weakness {
    Common,
    Repeated,
    Sequence,
    Keyboard,
    Year,
}

impl Weakness {
    fn advice(self) -> &'static str {
        match self {
            Weakness::Common => {
                "Common words and passwords are guessed first: mix several unrelated words."
            }
            Weakness::Repeated => "Repeated characters add little: use different ones.",
            Weakness::Sequence => "Sequences like 1234 or abcd are guessed early.",
            Weakness::Keyboard => "Rows of the keyboard like qwerty are guessed early.",
            Weakness::Year => "Years and dates are easy to guess.",
        }
    }
}

/// The strength of `passphrase` (normalised first).
pub fn strength(passphrase: &str) -> PassphraseStrength {
    let text: Zeroizing<String> = Zeroizing::new(passphrase.nfc().collect());
    let (bits, mut weaknesses) = estimate(&text);
    let acceptable = bits >= f64::from(MIN_PASSPHRASE_BITS)
        && text.chars().count() >= super::slots::MIN_PASSPHRASE_CHARS;
    let mut feedback = Vec::new();
    if !acceptable {
        weaknesses.sort();
        weaknesses.dedup();
        feedback.extend(weaknesses.iter().map(|w| w.advice().to_owned()));
        feedback.push(
            "Add another word or two: a longer passphrase is the easiest way to make it strong."
                .to_owned(),
        );
    }
    PassphraseStrength {
        acceptable,
        bits: bits.clamp(0.0, 255.0) as u32,
        feedback,
    }
}

/// Refuses a new passphrase (for the field `field`) that is too easy to guess.
pub(crate) fn check_strength(passphrase: &str, field: &str) -> Result<()> {
    super::slots::check_new_passphrase(passphrase)?;
    let verdict = strength(passphrase);
    if verdict.acceptable {
        return Ok(());
    }
    Err(RespiteError::invalid(
        field,
        format!("is too easy to guess. {}", verdict.feedback.join(" ")),
    )
    .into())
}

/// Estimated bits of guessing, and the weaknesses found.
fn estimate(text: &str) -> (f64, Vec<Weakness>) {
    let lower: Vec<char> = text.to_lowercase().chars().map(unleet).collect();
    let chars: Vec<char> = text.chars().collect();
    if lower.len() != chars.len() {
        // Lowercasing changed the length (rare scripts): brute force only.
        return (brute_force_bits(&chars), Vec::new());
    }
    let mut weaknesses = Vec::new();
    let mut bits = 0.0;
    let mut rest: Vec<char> = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        if let Some((len, cost, weakness)) = pattern_at(&lower, i) {
            bits += cost;
            // Capitals inside a pattern add about a bit.
            if chars[i..i + len].iter().any(|c| c.is_uppercase()) {
                bits += 1.0;
            }
            weaknesses.push(weakness);
            i += len;
        } else {
            rest.push(chars[i]);
            i += 1;
        }
    }
    bits += brute_force_bits(&rest);
    (bits, weaknesses)
}

/// The longest guessable pattern starting at `i`: its length, its cost in bits and
/// what it is.
fn pattern_at(text: &[char], i: usize) -> Option<(usize, f64, Weakness)> {
    let mut best: Option<(usize, f64, Weakness)> = None;
    let mut consider = |len: usize, cost: f64, weakness: Weakness| {
        if best.is_none_or(|(l, _, _)| len > l) {
            best = Some((len, cost, weakness));
        }
    };
    let common_count = COMMON.lines().filter(|l| !l.starts_with('#')).count() as f64;
    for word in COMMON
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let word: Vec<char> = word.chars().collect();
        if text[i..].starts_with(&word) {
            consider(word.len(), common_count.log2(), Weakness::Common);
        }
    }
    let run = text[i..].iter().take_while(|&&c| c == text[i]).count();
    if run >= 3 {
        consider(run, 5.0 + (run as f64).log2(), Weakness::Repeated);
    }
    for step in [1i64, -1] {
        let len = 1 + text[i..]
            .windows(2)
            .take_while(|w| i64::from(u32::from(w[1])) - i64::from(u32::from(w[0])) == step)
            .count();
        if len >= 3 {
            consider(len, 6.0 + (len as f64).log2(), Weakness::Sequence);
        }
    }
    for row in [
        "qwertyuiop",
        "asdfghjkl",
        "zxcvbnm",
        "1234567890",
        "qwertzuiop",
        "azertyuiop",
    ] {
        let row: Vec<char> = row.chars().collect();
        for start in 0..row.len() {
            let len = text[i..]
                .iter()
                .zip(&row[start..])
                .take_while(|(a, b)| a == b)
                .count();
            if len >= 4 {
                consider(len, 7.0 + (len as f64).log2(), Weakness::Keyboard);
            }
        }
    }
    if text.len() >= i + 4 {
        let year: String = text[i..i + 4].iter().collect();
        if let Ok(year) = year.parse::<u32>() {
            if (1900..=2099).contains(&year) {
                consider(4, 7.5, Weakness::Year);
            }
        }
    }
    best
}

/// Common letter-for-digit swaps read back as letters.
fn unleet(c: char) -> char {
    match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        _ => c,
    }
}

/// Brute force over the kinds of characters `chars` uses.
fn brute_force_bits(chars: &[char]) -> f64 {
    if chars.is_empty() {
        return 0.0;
    }
    let mut pool = 0.0;
    if chars.iter().any(|c| c.is_ascii_lowercase()) {
        pool += 26.0;
    }
    if chars.iter().any(|c| c.is_ascii_uppercase()) {
        pool += 26.0;
    }
    if chars.iter().any(|c| c.is_ascii_digit()) {
        pool += 10.0;
    }
    if chars
        .iter()
        .any(|c| c.is_ascii() && !c.is_ascii_alphanumeric())
    {
        pool += 33.0;
    }
    if chars.iter().any(|c| !c.is_ascii()) {
        pool += 100.0;
    }
    chars.len() as f64 * f64::log2(pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passphrases_are_refused_with_feedback() {
        for weak in [
            "12345678",
            "password",
            "Password1",
            "aaaaaaaaaaaa",
            "abcdefgh",
            "qwertyuiop",
            "Summer2024",
            "iloveyou123",
            "p@ssw0rd1",
        ] {
            let verdict = strength(weak);
            assert!(
                !verdict.acceptable,
                "{weak} accepted ({} bits)",
                verdict.bits
            );
            assert!(!verdict.feedback.is_empty());
        }
    }

    #[test]
    fn long_or_varied_passphrases_are_accepted() {
        for strong in [
            "correct horse battery staple",
            "kettle orbit lantern",
            "Xq7#mP2v!rT9",
            "walk the long way home",
            "Mein Zug fährt um acht",
        ] {
            let verdict = strength(strong);
            assert!(
                verdict.acceptable,
                "{strong} refused ({} bits)",
                verdict.bits
            );
            assert!(verdict.feedback.is_empty());
        }
    }

    #[test]
    fn passphrases_are_normalised_to_nfc() {
        let composed = "caf\u{e9} au lait";
        let decomposed = "cafe\u{301} au lait";
        assert_eq!(
            *normalised(decomposed.to_owned()),
            *normalised(composed.to_owned())
        );
    }
}
