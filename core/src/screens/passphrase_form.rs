//! The forms that take a new passphrase twice (a new vault, a changed passphrase, a
//! backup's): whether the two copies are the same passphrase.

use crate::content::wording;
use crate::crypto::secret;

/// What to say when `passphrase` and `confirmation` are not the same passphrase (as
/// the core compares them: in Unicode NFC, so two keyboards' forms of "café" match);
/// none when they are. Both copies are wiped from memory afterwards.
pub(crate) fn mismatch(passphrase: String, confirmation: String) -> Option<String> {
    let same = *secret::normalised(passphrase) == *secret::normalised(confirmation);
    (!same).then(|| wording::text("passphrase.differ").to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_passphrase_in_either_unicode_form_matches() {
        assert_eq!(
            mismatch("long enough pass".into(), "long enough pass".into()),
            None
        );
        assert_eq!(
            mismatch("caf\u{e9} au lait".into(), "cafe\u{301} au lait".into()),
            None
        );
        assert_eq!(
            mismatch("long enough pass".into(), "long enough pas".into()).as_deref(),
            Some("The two passphrases differ.")
        );
    }
}
