//! Asking for answers one by one, in a terminal or from piped standard input: an
//! empty line skips; each answer is checked as it is typed (numbers against their
//! range, words against the catalogue, free text for client details).

use respite_core::{match_label, LabelKind, Privacy, Vault, OWN_LABEL};
use std::io::{BufRead, Write};
use std::sync::Arc;

use crate::error::CliError;
use crate::privacy::{kinds, ALLOW_COMMAND};

/// Reads answers line by line; an empty line skips.
pub struct Asker<R> {
    input: R,
    terminal: bool,
    /// On a terminal (unless `--redact` was given): the check each free-text answer
    /// gets as soon as it is typed.
    privacy: Option<Arc<Privacy>>,
    /// Whether the allow-list hint was shown yet.
    hinted: bool,
}

/// What to do with an answer that may identify someone.
enum Choice {
    Keep,
    Redacted,
    Retype,
}

impl<R: BufRead> Asker<R> {
    /// Answers from standard input; on a terminal, the questions are shown and, unless
    /// `redact` (everything is then redacted on saving), each free-text answer is
    /// checked as it is typed.
    pub fn new(input: R, terminal: bool, vault: &Vault, redact: bool) -> Self {
        Asker {
            input,
            terminal,
            privacy: (terminal && !redact).then(|| vault.privacy()),
            hinted: false,
        }
    }

    /// Whether every free-text answer was checked as it was typed.
    pub fn checked_each(&self) -> bool {
        self.privacy.is_some()
    }

    /// A free-text answer. On a terminal it is checked at once: when it may identify
    /// someone, the redacted version is shown (this is the person's own terminal) and
    /// offered — keep as typed, use the redacted version, or retype; Enter keeps.
    pub fn text(&mut self, question: &str) -> Result<Option<String>, CliError> {
        loop {
            let Some(answer) = self.line(question)? else {
                return Ok(None);
            };
            let Some(privacy) = &self.privacy else {
                return Ok(Some(answer));
            };
            let report = privacy.check(answer.clone())?;
            if report.findings.is_empty() {
                return Ok(Some(answer));
            }
            eprintln!(
                "  That may identify someone ({}). With placeholders it reads:\n    {}",
                kinds(&report.findings),
                report.redacted
            );
            if !self.hinted {
                eprintln!("  (A word that is yours, not a client's? \"{ALLOW_COMMAND}\" stops this question.)");
                self.hinted = true;
            }
            match self.choice()? {
                Choice::Keep => return Ok(Some(answer)),
                Choice::Redacted => return Ok(Some(report.redacted)),
                Choice::Retype => {}
            }
        }
    }

    fn choice(&mut self) -> Result<Choice, CliError> {
        loop {
            let answer = self.line(
                "  Keep it as typed (k), use the redacted version (r), or retype it (t)? Enter keeps:",
            )?;
            match answer.as_deref().map(str::to_lowercase).as_deref() {
                None | Some("k" | "keep") => return Ok(Choice::Keep),
                Some("r" | "redact" | "redacted") => return Ok(Choice::Redacted),
                Some("t" | "retype") => return Ok(Choice::Retype),
                Some(_) => eprintln!("  (k, r or t; Enter keeps it as typed)"),
            }
        }
    }

    pub fn line(&mut self, question: &str) -> Result<Option<String>, CliError> {
        if self.terminal {
            eprint!("{question} ");
            let _ = std::io::stderr().flush();
        }
        let mut line = String::new();
        let n = self
            .input
            .read_line(&mut line)
            .map_err(|_| CliError::Usage("could not read an answer".into()))?;
        let line = line.trim();
        Ok((n > 0 && !line.is_empty()).then(|| line.to_owned()))
    }

    pub fn number(&mut self, question: &str) -> Result<Option<f64>, CliError> {
        loop {
            match self.line(question)? {
                None => return Ok(None),
                Some(text) => match text.parse::<f64>() {
                    Ok(v) => return Ok(Some(v)),
                    Err(_) if self.terminal => eprintln!("  (a number, or Enter to skip)"),
                    // The answer is the person's text: not quoted back.
                    Err(_) => {
                        return Err(CliError::Usage(format!(
                            "{} wants a number",
                            question.trim().trim_end_matches(':')
                        )))
                    }
                },
            }
        }
    }

    /// A number in `min..=max`; on a terminal a number outside it is asked again (from
    /// standard input it is kept, and the save leaves it out by name).
    pub fn number_in(
        &mut self,
        question: &str,
        min: f64,
        max: f64,
    ) -> Result<Option<f64>, CliError> {
        loop {
            match self.number(question)? {
                Some(v) if self.terminal && !(min..=max).contains(&v) => {
                    eprintln!("  (from {min} to {max}, or Enter to skip)");
                }
                other => return Ok(other),
            }
        }
    }

    /// Words of `kind`, comma-separated, each matched as it is typed: the catalogue's
    /// id or English word; otherwise, on a terminal, close words are offered and Enter
    /// keeps the person's own word. From standard input an unknown word is kept as
    /// their own word, and stderr says so.
    pub fn labels(&mut self, question: &str, kind: LabelKind) -> Result<Vec<String>, CliError> {
        let Some(typed) = self.line(question)? else {
            return Ok(Vec::new());
        };
        let mut ids: Vec<String> = Vec::new();
        for word in typed.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            if let Some(id) = self.label(word, kind)? {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Ok(ids)
    }

    fn label(&mut self, word: &str, kind: LabelKind) -> Result<Option<String>, CliError> {
        let mut word = word.to_owned();
        loop {
            let found = match_label(kind, word.clone());
            if let Some(id) = found.id {
                return Ok(Some(id));
            }
            if !self.terminal {
                unknown_kept(&found.close);
                return Ok(found.own);
            }
            let close = if found.close.is_empty() {
                String::new()
            } else {
                format!(" Close: {}.", found.close.join(", "))
            };
            // The person's own terminal: their word may be shown back to them.
            eprintln!("  \"{word}\" is not one of Respite's words.{close}");
            match self
                .line("  Type one of those, Enter keeps yours as your own word, - leaves it out:")?
            {
                None => return Ok(found.own),
                Some(dash) if dash == "-" => return Ok(None),
                Some(other) => word = other,
            }
        }
    }

    pub fn say(&self, text: &str) {
        if self.terminal {
            eprintln!("{text}");
        }
    }
}

/// Label words as ids: the catalogue's where a word names one, else kept as the
/// person's own word (stderr says so, with close words). Ids and own labels pass.
pub fn kept_as_words(words: Vec<String>, kind: LabelKind) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for word in words {
        let found = match_label(kind, word.clone());
        let id = match found.id {
            Some(id) => Some(id),
            None if word.starts_with(OWN_LABEL) => Some(word),
            None => {
                unknown_kept(&found.close);
                found.own
            }
        };
        if let Some(id) = id.filter(|id| !ids.contains(id)) {
            ids.push(id);
        }
    }
    ids
}

/// Says on stderr that a word Respite does not know was kept as the person's own.
fn unknown_kept(close: &[String]) {
    let close = if close.is_empty() {
        String::new()
    } else {
        format!(" Close words: {}.", close.join(", "))
    };
    eprintln!("respite: a word Respite does not know was kept as your own word.{close}");
}
