//! Tokens of a text about to be checked, with the facts every detector asks about them.

use std::cell::RefCell;
use std::collections::HashMap;

use super::lexicon::{lexicon, Cue};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Letters, with inner apostrophes and hyphens.
    Word,
    /// A run of ASCII digits.
    Number,
    /// One other character that is not white space.
    Punct,
}

/// One token: its kind and byte range.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// A tokenised text.
pub(super) struct Text<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    lower: Vec<String>,
    starts: Vec<bool>,
    /// For each token, the first token of its sentence and the token after its end.
    sentences: Vec<(usize, usize)>,
    facts: RefCell<HashMap<(Fact, usize), bool>>,
}

/// A fact about a whole sentence that detectors ask about many of its tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Fact {
    /// It is about the clinician's own world and names nothing of a client's.
    StaffWorld,
    /// It speaks of a person other than the writer.
    Person,
    /// It puts the names in it on a screen or a page.
    Media,
}

impl<'a> Text<'a> {
    /// Splits `text` into words, numbers and single punctuation characters.
    pub fn new(text: &'a str) -> Self {
        let tokens = tokenize(text);
        let lower: Vec<String> = tokens
            .iter()
            .map(|t| text[t.start..t.end].to_lowercase())
            .collect();
        let mut this = Text {
            text,
            tokens,
            lower,
            starts: Vec::new(),
            sentences: Vec::new(),
            facts: RefCell::new(HashMap::new()),
        };
        this.starts = (0..this.tokens.len())
            .map(|i| this.compute_start(i))
            .collect();
        let mut first = 0;
        for i in 0..this.tokens.len() {
            if this.ends_sentence(i) || i + 1 == this.tokens.len() {
                this.sentences.extend((first..=i).map(|_| (first, i + 1)));
                first = i + 1;
            }
        }
        this
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The text of token `i` ("" past the end).
    pub fn word(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.start..t.end])
    }

    /// Token `i` in lower case ("" past the end).
    pub fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    /// Token `i` in lower case without a possessive "'s" or "’s".
    pub fn bare_lower(&self, i: usize) -> &str {
        let w = self.lower(i);
        w.strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w)
    }

    /// The byte end of token `i` without its possessive.
    pub fn bare_end(&self, i: usize) -> usize {
        let Some(t) = self.tokens.get(i) else {
            return self.text.len();
        };
        let w = self.word(i);
        if w.ends_with("'s") && w.len() > 2 {
            t.end - 2
        } else if w.ends_with("’s") && w.len() > 4 {
            t.end - 4
        } else {
            t.end
        }
    }

    /// Whether token `i` carries a possessive.
    pub fn possessive(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| self.bare_end(i) != t.end)
    }

    /// The kind of token `i`, if there is one.
    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    /// Whether token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }

    /// Whether token `i` is a number.
    pub fn is_number(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Number)
    }

    /// Whether token `i` is a word starting with a capital letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.is_word(i) && self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether token `i` is a word in capitals only ("RT", "NHS").
    pub fn all_caps(&self, i: usize) -> bool {
        self.is_word(i)
            && self
                .word(i)
                .chars()
                .all(|c| c.is_uppercase() || !c.is_alphabetic())
    }

    /// Whether token `i` is in lower case only.
    pub fn is_lower(&self, i: usize) -> bool {
        self.is_word(i) && !self.word(i).chars().any(char::is_uppercase)
    }

    /// Whether token `i` is one capital letter.
    pub fn is_letter(&self, i: usize) -> bool {
        self.is_word(i) && self.word(i).chars().count() == 1 && self.is_cap(i)
    }

    /// Whether token `i` is the punctuation `p`.
    pub fn is(&self, i: usize, p: &str) -> bool {
        self.tokens.get(i).is_some_and(|_| self.lower(i) == p)
    }

    /// Whether token `i` touches the token before it.
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.len() && self.tokens[i].start == self.tokens[i - 1].end
    }

    /// Whether only spaces (no line break, no punctuation) separate tokens `a` and `b`.
    pub fn adjacent(&self, a: usize, b: usize) -> bool {
        a < b
            && b < self.len()
            && self.text[self.tokens[a].end..self.tokens[b].start]
                .chars()
                .all(|c| c == ' ' || c == '\u{a0}' || c == '\t')
    }

    /// Whether token `i` starts a sentence, a line, or a clause after a colon or dash,
    /// so that its capital letter says nothing.
    pub fn starts_sentence(&self, i: usize) -> bool {
        self.starts.get(i).copied().unwrap_or(false)
    }

    /// Whether token `i` is in the word list `cue`.
    pub fn cue(&self, i: usize, cue: Cue) -> bool {
        i < self.len() && lexicon().cue(cue, self.lower(i))
    }

    /// The first token of the sentence that holds token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences.get(i).map_or(self.len(), |s| s.0)
    }

    /// The token after the end of the sentence that holds token `i`.
    pub fn sentence_end(&self, i: usize) -> usize {
        self.sentences.get(i).map_or(self.len(), |s| s.1)
    }

    /// `fact` about the sentence holding token `i`, worked out by `f` from the
    /// sentence's token range once per sentence.
    pub fn fact(&self, fact: Fact, i: usize, f: impl FnOnce(usize, usize) -> bool) -> bool {
        let (a, b) = (self.sentence_of(i), self.sentence_end(i));
        if let Some(&known) = self.facts.borrow().get(&(fact, a)) {
            return known;
        }
        let value = f(a, b);
        self.facts.borrow_mut().insert((fact, a), value);
        value
    }

    fn ends_sentence(&self, i: usize) -> bool {
        let stop = match self.lower(i) {
            "!" | "?" | "…" | ";" => true,
            // Not after a title or initial ("Dr.", "b."), not inside "12.3.58" or an
            // address, not before a word in lower case ("approx. 3", "b. 14 Feb").
            "." => {
                let abbreviation = i > 0 && self.abbreviation(i - 1);
                let inside = self.glued(i) && self.glued(i + 1);
                let continues = self.is_lower(i + 1) || self.is_number(i + 1);
                !(abbreviation || inside || continues)
            }
            _ => false,
        };
        stop || self
            .tokens
            .get(i + 1)
            .is_some_and(|n| self.text[self.tokens[i].end..n.start].contains('\n'))
    }

    /// Whether a full stop after token `i` belongs to it: a title or a single letter.
    fn abbreviation(&self, i: usize) -> bool {
        self.cue(i, Cue::Titles)
            || (self.is_word(i) && self.word(i).chars().count() == 1)
            || matches!(self.lower(i), "st" | "no" | "approx" | "vs" | "etc")
    }

    fn compute_start(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let gap = &self.text[self.tokens[i - 1].end..self.tokens[i].start];
        if gap.contains('\n') {
            return true;
        }
        match self.lower(i - 1) {
            "." => !(i >= 2 && self.abbreviation(i - 2)),
            "!" | "?" | "…" | ":" | ";" | "•" | "*" | "\"" | "“" | "-" | "–" | "—" | "(" => {
                true
            }
            _ => false,
        }
    }
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let kind = if c.is_whitespace() {
            i += 1;
            continue;
        } else if c.is_ascii_digit() {
            Kind::Number
        } else if c.is_alphabetic() {
            Kind::Word
        } else {
            Kind::Punct
        };
        i += 1;
        if kind != Kind::Punct {
            while i < chars.len() {
                let c = chars[i].1;
                let joins = matches!(c, '\'' | '’' | '-')
                    && kind == Kind::Word
                    && chars.get(i + 1).is_some_and(|n| n.1.is_alphabetic());
                let same = match kind {
                    Kind::Number => c.is_ascii_digit(),
                    _ => c.is_alphabetic() || combining(c),
                };
                if same || joins {
                    i += 1;
                } else {
                    break;
                }
            }
        }
        let end = chars.get(i).map_or(text.len(), |c| c.0);
        out.push(Token { kind, start, end });
    }
    out
}

/// Whether `c` is a combining mark, which keeps a word whole ("José" written with a
/// combining accent).
fn combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// Byte ranges of the white-space-separated pieces of `text`, with the punctuation
/// in `trim` taken off both ends (pieces left empty are dropped).
pub(super) fn pieces(text: &str, trim: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut push = |a: usize, b: usize| {
        let piece = &text[a..b];
        let lead = piece.len() - piece.trim_start_matches(trim).len();
        let inner = piece.trim_matches(trim);
        if !inner.is_empty() {
            out.push((a + lead, a + lead + inner.len()));
        }
    };
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(a)) => {
                push(a, i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(a) = start {
        push(a, text.len());
    }
    out
}
