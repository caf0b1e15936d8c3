//! Whether a person's own words suggest hopelessness, not being able to go on, a wish
//! to die or self-harm. Offline and rule-based: the phrases are a data file
//! (`content/en/safety-phrases.txt`); this module normalises spelling, matches them
//! clause by clause, and then asks whose words they are — a clinician often writes
//! about a client's risk, and a phrase after "she", "the client" or "said" is not the
//! writer's — and whether they are negated ("not suicidal, just tired").
//! Measured on a labelled corpus (README, "The safety response").

use std::sync::OnceLock;

use crate::content::SAFETY_PHRASES;
use crate::text;

/// Words that, just before a phrase in its clause, negate it.
const NEGATIONS: &[&str] = &[
    "not", "dont", "never", "no", "isnt", "wasnt", "doesnt", "didnt", "wont", "arent", "without",
    "hardly",
];

/// Words that, anywhere in a phrase's sentence, mark it as a joke or as the past
/// ("lol", "used to", "years ago").
const NOT_NOW: &[&str] = &[
    "lol", "lmao", "jk", "joking", "haha", "hahaha", "obvs", "ago", "behind", "used",
];

/// How many words before a phrase a negation reaches.
const NEGATION_REACH: usize = 3;

/// Words that make a sentence the writer's own.
const FIRST_PERSON: &[&str] = &["i", "im", "ive", "id", "ill", "me", "my", "myself", "mine"];

/// Words that make a sentence about someone else, or a report of their words.
const SOMEONE_ELSE: &[&str] = &[
    "she",
    "he",
    "they",
    "shes",
    "hes",
    "theyre",
    "theyve",
    "her",
    "him",
    "his",
    "their",
    "them",
    "hers",
    "herself",
    "himself",
    "themselves",
    "client",
    "clients",
    "pt",
    "pts",
    "patient",
    "patients",
    "someone",
    "somebody",
    "mum",
    "mom",
    "dad",
    "son",
    "daughter",
    "colleague",
    "teen",
    "teenager",
    "child",
    "boy",
    "girl",
    "man",
    "woman",
    "mother",
    "father",
    "husband",
    "wife",
    "partner",
    "friend",
    "caller",
    "resident",
    "student",
    "adolescent",
    "veteran",
    "youth",
    "service",
    "user",
    "said",
    "says",
    "saying",
    "told",
    "tells",
    "disclosed",
    "discloses",
    "disclosing",
    "reported",
    "reports",
    "reporting",
    "stated",
    "states",
    "admitted",
    "admits",
    "denied",
    "denies",
    "endorsed",
    "endorses",
    "expressed",
    "expresses",
    "described",
    "describes",
    "talked",
    "talks",
    "spoke",
    "speaks",
    "asked",
    "asks",
    "mentioned",
    "mentions",
    "shared",
    "shares",
    "wrote",
    "writes",
    "threatened",
    "threatening",
    "si",
    "hx",
    "risk",
    "assessment",
    "training",
];

/// Verbs that, just before "I", report someone else's words about the writer.
const REPORTS: &[&str] = &["said", "says", "told", "tells", "thinks", "thought"];

/// Multi-word and variant spellings, read as one normalised spelling.
const SPELLINGS: &[(&[&str], &[&str])] = &[
    (&["can", "not"], &["cant"]),
    (&["cannot"], &["cant"]),
    (&["do", "not"], &["dont"]),
    (&["does", "not"], &["doesnt"]),
    (&["did", "not"], &["didnt"]),
    (&["is", "not"], &["isnt"]),
    (&["will", "not"], &["wont"]),
    (&["i", "am"], &["im"]),
    (&["any", "more"], &["anymore"]),
    (&["any", "longer"], &["anymore"]),
    (&["wanna"], &["want", "to"]),
    (&["gonna"], &["going", "to"]),
    (&["what", "is"], &["whats"]),
    (&["it", "is"], &["its"]),
    (&["u"], &["you"]),
    (&["every1"], &["everyone"]),
    (&["thru"], &["through"]),
    (&["hopless"], &["hopeless"]),
    (&["hopelss"], &["hopeless"]),
];

/// One word of the text, with the clause and sentence it belongs to.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    text: String,
    clause: usize,
    sentence: usize,
    quoted: bool,
}

/// One slot of a phrase.
#[derive(Debug, Clone, PartialEq)]
enum Slot {
    /// One of these words (or runs of words).
    Word(Vec<Vec<String>>),
    /// One of these words (or runs of words), or nothing.
    Optional(Vec<Vec<String>>),
    /// Up to three words of any kind.
    Gap,
    /// The end of a clause.
    End,
}

/// A phrase of the data file.
#[derive(Debug, Clone, PartialEq)]
struct Phrase {
    slots: Vec<Slot>,
    needs_first_person: bool,
}

/// The most words a gap stands for.
const GAP_WORDS: usize = 3;

fn phrases() -> &'static [Phrase] {
    static PHRASES: OnceLock<Vec<Phrase>> = OnceLock::new();
    PHRASES.get_or_init(|| {
        SAFETY_PHRASES
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(parse_phrase)
            .collect()
    })
}

fn parse_phrase(line: &str) -> Phrase {
    let (needs_first_person, line) = match line.strip_prefix('@') {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let words = |s: &str| {
        s.split('|')
            .map(|run| run.split('_').map(str::to_owned).collect())
            .collect::<Vec<_>>()
    };
    let slots = line
        .split_whitespace()
        .map(|token| match token {
            "…" => Slot::Gap,
            "$" => Slot::End,
            _ => match token.strip_suffix('?') {
                Some(word) => Slot::Optional(words(word)),
                None => Slot::Word(words(token)),
            },
        })
        .collect();
    Phrase {
        slots,
        needs_first_person,
    }
}

/// The text as normalised words: folded, apostrophes dropped, spellings unified,
/// each word knowing its clause (split at commas, colons and dashes too) and sentence.
fn words_of(text: &str) -> Vec<Word> {
    let folded = text::fold(text);
    let (mut raw, mut word) = (Vec::new(), String::new());
    let (mut clause, mut sentence, mut quoted) = (0, 0, false);
    let flush = |word: &mut String, raw: &mut Vec<Word>, clause, sentence, quoted| {
        if !word.is_empty() {
            raw.push(Word {
                text: std::mem::take(word),
                clause,
                sentence,
                quoted,
            });
        }
    };
    for c in folded.chars() {
        match c {
            c if c.is_alphanumeric() => word.push(c),
            '\'' | '’' | '‘' | '`' | '´' => {}
            '.' | '!' | '?' | ';' | '\n' => {
                flush(&mut word, &mut raw, clause, sentence, quoted);
                sentence += 1;
                clause += 1;
                quoted = false;
            }
            ',' | ':' | '—' | '–' | '(' | ')' => {
                flush(&mut word, &mut raw, clause, sentence, quoted);
                clause += 1;
            }
            '"' | '“' | '”' => {
                flush(&mut word, &mut raw, clause, sentence, quoted);
                quoted = !quoted;
                clause += 1;
            }
            _ => flush(&mut word, &mut raw, clause, sentence, quoted),
        }
    }
    flush(&mut word, &mut raw, clause, sentence, quoted);
    respelled(raw)
}

fn respelled(raw: Vec<Word>) -> Vec<Word> {
    let mut out = Vec::with_capacity(raw.len());
    let mut at = 0;
    'words: while at < raw.len() {
        for (from, to) in SPELLINGS {
            let fits = raw.len() - at >= from.len()
                && from
                    .iter()
                    .enumerate()
                    .all(|(k, w)| raw[at + k].text == *w && raw[at + k].clause == raw[at].clause);
            if fits {
                for w in *to {
                    out.push(Word {
                        text: (*w).to_owned(),
                        ..raw[at].clone()
                    });
                }
                at += from.len();
                continue 'words;
            }
        }
        out.push(raw[at].clone());
        at += 1;
    }
    out
}

/// Where `slots` match from `at` within `clause`: the end of the match.
fn match_from(words: &[Word], slots: &[Slot], at: usize, clause: usize) -> Option<usize> {
    let Some((slot, rest)) = slots.split_first() else {
        return Some(at);
    };
    let run_fits = |run: &[String]| {
        run.iter().enumerate().all(|(k, word)| {
            words
                .get(at + k)
                .is_some_and(|w| w.clause == clause && w.text == *word)
        })
    };
    let taken = |options: &[Vec<String>]| {
        options
            .iter()
            .filter(|run| run_fits(run))
            .find_map(|run| match_from(words, rest, at + run.len(), clause))
    };
    match slot {
        Slot::Word(options) => taken(options),
        Slot::Optional(options) => taken(options).or_else(|| match_from(words, rest, at, clause)),
        Slot::Gap => (0..=GAP_WORDS)
            .take_while(|skip| {
                *skip == 0 || words.get(at + skip - 1).is_some_and(|w| w.clause == clause)
            })
            .find_map(|skip| match_from(words, rest, at + skip, clause)),
        Slot::End => {
            if words.get(at).is_none_or(|w| w.clause != clause) {
                match_from(words, rest, at, clause)
            } else {
                None
            }
        }
    }
}

/// Whether a negation stands just before `start` in its clause.
fn negated(words: &[Word], start: usize) -> bool {
    let clause = words[start].clause;
    words[..start]
        .iter()
        .rev()
        .take(NEGATION_REACH)
        .take_while(|w| w.clause == clause)
        .any(|w| NEGATIONS.contains(&w.text.as_str()))
}

/// Whether the sentence of `start` marks itself as a joke or the past.
fn not_now(words: &[Word], start: usize) -> bool {
    let sentence = words[start].sentence;
    words
        .iter()
        .filter(|w| w.sentence == sentence)
        .any(|w| NOT_NOW.contains(&w.text.as_str()))
}

/// Whose words a phrase at `start` is, from its sentence: the writer's (`Some(true)`),
/// someone else's (`Some(false)`), or not said (`None`).
fn writers_own(words: &[Word], start: usize) -> Option<bool> {
    let here = &words[start];
    let sentence = words[..start]
        .iter()
        .rev()
        .take_while(|w| w.sentence == here.sentence);
    if here.quoted {
        // Inside quotation marks "I" is the quoted person's; a report outside the
        // quotes makes it theirs.
        let reported = words
            .iter()
            .filter(|w| w.sentence == here.sentence && !w.quoted)
            .any(|w| SOMEONE_ELSE.contains(&w.text.as_str()));
        return if reported { Some(false) } else { None };
    }
    let before: Vec<&Word> = sentence.filter(|w| !w.quoted).collect();
    before.iter().enumerate().find_map(|(k, w)| {
        if FIRST_PERSON.contains(&w.text.as_str()) {
            // "my supervisor said I can't…": someone else's words about me.
            let reported = before
                .get(k + 1)
                .is_some_and(|v| REPORTS.contains(&v.text.as_str()))
                && before
                    .get(k + 2)
                    .is_some_and(|v| !FIRST_PERSON.contains(&v.text.as_str()));
            Some(!reported)
        } else if SOMEONE_ELSE.contains(&w.text.as_str()) {
            Some(false)
        } else {
            None
        }
    })
}

/// Whether `text` holds, in the writer's own words, a phrase suggesting hopelessness,
/// not being able to go on, a wish to die or self-harm.
pub(crate) fn suggests_crisis(text: &str) -> bool {
    let words = words_of(text);
    (0..words.len()).any(|start| {
        phrases().iter().any(|phrase| {
            let Some(end) = match_from(&words, &phrase.slots, start, words[start].clause) else {
                return false;
            };
            let says_i = words[start..end]
                .iter()
                .any(|w| FIRST_PERSON.contains(&w.text.as_str()));
            !negated(&words, start)
                && !not_now(&words, start)
                && match writers_own(&words, start) {
                    Some(own) => own,
                    None => says_i || !phrase.needs_first_person,
                }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_reads_and_has_a_word() {
        assert!(phrases().len() > 40);
        for phrase in phrases() {
            assert!(
                phrase.slots.iter().any(|s| matches!(s, Slot::Word(_))),
                "{phrase:?}"
            );
        }
    }

    #[test]
    fn spellings_are_unified() {
        let words: Vec<String> = words_of("I can NOT do this any more; I’m done")
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(words, ["i", "cant", "do", "this", "anymore", "im", "done"]);
    }

    #[test]
    fn the_writers_own_words_count() {
        assert!(suggests_crisis("honestly i can't do this anymore"));
        assert!(suggests_crisis("Don't want to be here."));
        assert!(suggests_crisis(
            "sometimes I think everyone would be better off without me"
        ));
    }

    #[test]
    fn a_clients_words_and_negations_do_not() {
        assert!(!suggests_crisis(
            "client said she doesn't want to be here anymore"
        ));
        assert!(!suggests_crisis("pt: \"i want to die\", safety plan done"));
        assert!(!suggests_crisis("I'm not suicidal, just very tired"));
        assert!(!suggests_crisis("supervision about suicidal clients"));
        assert!(!suggests_crisis("I could kill for a coffee"));
    }
}

/// The labelled corpus (`tests/fixtures/safety/`): how many of each label the
/// detector gets right, part by part. Run with `--nocapture` to see the figures.
#[cfg(test)]
mod corpus {
    use super::suggests_crisis;

    /// Floors on the held-out part, set from its first measurement (README) so that
    /// a change that makes the detector worse on unseen words fails.
    const FLOOR_RECALL: f64 = 0.50;
    const FLOOR_PRECISION: f64 = 0.70;

    /// Recall and precision on one part, with the lines it got wrong.
    struct Score {
        concern: usize,
        found: usize,
        flagged: usize,
        wrong: Vec<String>,
    }

    fn score(file: &str) -> Score {
        let path = format!(
            "{}/../tests/fixtures/safety/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect("the corpus is there");
        let mut s = Score {
            concern: 0,
            found: 0,
            flagged: 0,
            wrong: Vec::new(),
        };
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (label, example) = line.split_once('\t').expect("LABEL<TAB>TEXT");
            let concern = match label {
                "concern" => true,
                "none" => false,
                other => panic!("unknown label {other}"),
            };
            let flagged = suggests_crisis(example);
            s.concern += usize::from(concern);
            s.found += usize::from(concern && flagged);
            s.flagged += usize::from(flagged);
            if concern != flagged {
                s.wrong.push(format!("{label}\t{example}"));
            }
        }
        s
    }

    fn report(part: &str, s: &Score) -> (f64, f64) {
        let recall = s.found as f64 / s.concern.max(1) as f64;
        let precision = s.found as f64 / s.flagged.max(1) as f64;
        println!(
            "{part}: recall {recall:.3} ({}/{}), precision {precision:.3} ({}/{})",
            s.found, s.concern, s.found, s.flagged
        );
        (recall, precision)
    }

    /// The development parts: the detector's writers' own, and a second written by
    /// someone else before tuning on it. Both were tuned on; their figures flatter.
    #[test]
    fn the_development_parts_are_met() {
        for (file, least) in [("development.tsv", 0.95), ("development-2.tsv", 0.85)] {
            let s = score(file);
            let (recall, precision) = report(file, &s);
            for line in &s.wrong {
                println!("  missed or wrongly flagged: {line}");
            }
            assert!(
                recall >= least && precision >= least,
                "{file}: {:?}",
                s.wrong
            );
        }
    }

    /// The held-out part, written without seeing the detector and never used to tune
    /// it: its figures are the honest ones. Its lines are not printed, so that
    /// reading a failure does not turn into tuning on it.
    #[test]
    fn the_held_out_part_is_measured() {
        let s = score("held-out.tsv");
        let (recall, precision) = report("held-out", &s);
        assert!(recall >= FLOOR_RECALL && precision >= FLOOR_PRECISION);
    }
}
