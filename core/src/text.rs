//! Text normalisation for search: Unicode-aware case folding, diacritic folding for
//! Latin scripts, word splitting and a light English stemmer.

/// Latin letters with diacritics and their plain forms.
const DIACRITICS: &[(&str, &str)] = &[
    ("àáâãäåāăą", "a"),
    ("çćĉċč", "c"),
    ("ďđð", "d"),
    ("èéêëēĕėęě", "e"),
    ("ĝğġģ", "g"),
    ("ĥħ", "h"),
    ("ìíîïĩīĭįı", "i"),
    ("ĵ", "j"),
    ("ķ", "k"),
    ("ĺļľŀł", "l"),
    ("ñńņňŉ", "n"),
    ("òóôõöøōŏő", "o"),
    ("ŕŗř", "r"),
    ("śŝşšș", "s"),
    ("ţťŧț", "t"),
    ("ùúûüũūŭůűų", "u"),
    ("ŵ", "w"),
    ("ýÿŷ", "y"),
    ("źżž", "z"),
    ("ß", "ss"),
    ("æ", "ae"),
    ("œ", "oe"),
    ("þ", "th"),
];

/// Appends the folded form of `c` (lowercase, without diacritics) to `out`.
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if ('\u{0300}'..='\u{036f}').contains(&c) {
        return; // a combining mark from decomposed input
    }
    for lower in c.to_lowercase() {
        match DIACRITICS.iter().find(|(from, _)| from.contains(lower)) {
            Some((_, to)) => out.push_str(to),
            None => out.push(lower),
        }
    }
}

/// Lowercase without diacritics: "Élan" → "elan".
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Whether `c` belongs inside a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{0300}'..='\u{036f}').contains(&c)
}

/// The words of `text` with their byte ranges, unfolded. Apostrophes inside a word
/// are kept with it ("don't").
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = loop {
            let (i, c) = rest.next()?;
            if is_word_char(c) {
                break (i, c);
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = rest.peek() {
            let apostrophe = matches!(c, '\'' | '’')
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char);
            if is_word_char(c) || apostrophe {
                rest.next();
            } else {
                end = i;
                break;
            }
        }
        Some((start, &text[start..end]))
    })
}

/// The search term for one word: folded, apostrophes removed, stemmed.
pub(crate) fn term(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    for c in word.chars() {
        if !matches!(c, '\'' | '’') {
            push_folded(c, &mut folded);
        }
    }
    stem(folded)
}

/// A light English stemmer: plurals, -ing, -ed, -ly and a final -e, so that
/// "sessions", "session"; "breathing", "breathe"; "worried", "worries", "worry"
/// meet. Words of three letters or fewer, and words with digits, are kept whole.
pub(crate) fn stem(mut w: String) -> String {
    if w.len() <= 3 || w.bytes().any(|b| b.is_ascii_digit()) || !w.is_ascii() {
        return w;
    }
    if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.pop();
    }
    let mut undoubled = false;
    for suffix in ["ing", "ed"] {
        if w.ends_with(suffix)
            && w.len() - suffix.len() >= 3
            && has_vowel(&w[..w.len() - suffix.len()])
        {
            w.truncate(w.len() - suffix.len());
            undoubled = true;
            break;
        }
    }
    if undoubled {
        let b = w.as_bytes();
        let n = b.len();
        if n >= 2 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z' | b'e' | b'o') {
            w.pop();
        }
    } else if w.ends_with("ly") && w.len() > 5 {
        w.truncate(w.len() - 2);
    }
    if w.ends_with('y') && w.len() > 3 && !is_vowel(w.as_bytes()[w.len() - 2]) {
        w.pop();
        w.push('i');
    }
    if w.ends_with('e') && w.len() > 3 {
        w.pop();
    }
    w
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn has_vowel(s: &str) -> bool {
    s.bytes().any(is_vowel)
}

/// The search terms of `text`, in order.
pub(crate) fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text).map(|(_, w)| term(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_case_and_diacritics() {
        assert_eq!(
            fold("Élan CAFÉ Ångström Straße naïve"),
            "elan cafe angstrom strasse naive"
        );
        // Decomposed input (e + combining acute) folds the same way.
        assert_eq!(fold("Cafe\u{301}"), "cafe");
        // Non-Latin scripts are lowercased and kept.
        assert_eq!(fold("ΣΟΦΙΑ"), "σοφια");
    }

    #[test]
    fn words_split_on_punctuation_and_keep_apostrophes() {
        let w: Vec<&str> = words("Don't stop—the session's end; 10:30, ok?")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(
            w,
            vec!["Don't", "stop", "the", "session's", "end", "10", "30", "ok"]
        );
        let (start, word) = words("  héllo").next().unwrap();
        assert_eq!((start, word), (2, "héllo"));
    }

    #[test]
    fn related_forms_share_a_term() {
        for group in [
            &["session", "sessions", "Sessions"][..],
            &["breathing", "breathe", "breathed", "breathes"],
            &["worried", "worries", "worry", "worrying"],
            &["running", "runs", "run"],
            &["hoped", "hoping", "hopes", "hope"],
            &["stressed", "stresses", "stress"],
            &["Café", "cafe"],
        ] {
            let terms: Vec<String> = group.iter().map(|w| term(w)).collect();
            assert!(
                terms.windows(2).all(|p| p[0] == p[1]),
                "{group:?} → {terms:?}"
            );
        }
        assert_ne!(term("sad"), term("said"));
        assert_eq!(term("30mg"), "30mg");
    }
}
