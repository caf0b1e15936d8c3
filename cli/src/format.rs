//! How results are printed: readable text, or one JSON object with `--json`.

use chrono::{DateTime, FixedOffset};
use respite_core::{
    catalogue, CheckIn, JournalEntry, KeySlot, LocalMoment, PrivacyFinding, RecoveryExperience,
    ScalePoint, SearchHit, SearchSource, SessionReflection, TransitionRecord, OWN_LABEL,
};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Prints either the text or the JSON form of a result.
pub struct Output {
    /// Whether to print JSON.
    pub json: bool,
}

impl Output {
    /// Prints `value` with `--json`, else `text` (nothing when it is empty).
    pub fn print(&self, text: &str, value: Value) {
        if self.json {
            println!("{value}");
        } else if !text.is_empty() {
            println!("{}", printable(text));
        }
    }
}

/// `text` safe for a terminal: control characters other than line breaks and tabs
/// (an escape sequence hidden in an entry or a file name, say) are shown as `\u{..}`
/// instead of being sent to the terminal.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if unsafe_char(c) {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// A moment as wall-clock time at its own offset.
pub fn local_time(m: &LocalMoment) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(m.utc_offset_minutes * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    m.at.with_timezone(&offset)
}

fn truncate(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

/// One line per entry: id, time, kind, title or first line.
pub fn entry_line(e: &JournalEntry) -> String {
    let first_line = e.body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut headline = truncate(e.title.as_deref().unwrap_or(first_line), 60);
    if headline.is_empty() {
        if let Some(i) = e.reflection.as_ref().and_then(|r| r.intensity) {
            headline = format!("(intensity {i}/10)");
        }
        if let Some(t) = &e.transition {
            headline = truncate(&transition_title(t), 90);
        }
    }
    format!(
        "{}  {}  {:<13}  {}",
        e.id,
        local_time(&e.moment).format("%Y-%m-%d %H:%M"),
        e.kind.as_str(),
        headline
    )
}

/// A transition's headline: what was parked and what went well, in a few words.
fn transition_title(t: &TransitionRecord) -> String {
    let mut parts = vec!["Leaving work".to_owned()];
    match t.parked.len() {
        0 => {}
        1 => parts.push("1 thing parked".into()),
        n => parts.push(format!("{n} things parked")),
    }
    if t.set_down.is_some() {
        parts.push("one thing set down".into());
    }
    if let Some(first) = t.went_well.first() {
        parts.push(format!("went well: {first}"));
    }
    parts.join(" · ")
}

/// The catalogue's English words for label ids; a word of the person's own is shown
/// as it is.
pub fn label_words(ids: &[String]) -> String {
    static WORDS: OnceLock<HashMap<String, String>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let c = catalogue();
        c.emotions
            .into_iter()
            .map(|l| (l.id, l.text))
            .chain(c.body_sensations.into_iter().map(|l| (l.id, l.text)))
            .chain(c.needs.into_iter().map(|l| (l.id, l.text)))
            .collect()
    });
    ids.iter()
        .map(|id| match id.strip_prefix(OWN_LABEL) {
            Some(own) => format!("{own} (own word)"),
            None => words.get(id).cloned().unwrap_or_else(|| id.clone()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Pleasantness (−1…1) in words, with its value.
fn pleasantness_words(p: f64) -> String {
    let word = match p {
        p if p <= -0.6 => "very unpleasant",
        p if p <= -0.2 => "unpleasant",
        p if p < 0.2 => "neither pleasant nor unpleasant",
        p if p < 0.6 => "pleasant",
        _ => "very pleasant",
    };
    format!("{word} ({p:+.2} on −1…1)")
}

/// Energy (0…1) in words, with its value.
fn energy_words(e: f64) -> String {
    let word = match e {
        e if e < 0.2 => "depleted",
        e if e < 0.4 => "low",
        e if e < 0.6 => "moderate",
        e if e < 0.8 => "energised",
        _ => "highly energised",
    };
    format!("{word} ({e:.2} on 0…1)")
}

/// The wording of point `value` on a scale, with the value and its top.
fn scale_words(points: &[ScalePoint], value: u8, top: u8) -> String {
    match points.iter().find(|p| p.value == value) {
        Some(p) => format!("{value}/{top}, {}", p.text),
        None => format!("{value}/{top}"),
    }
}

/// A transition's answers as lines.
fn transition_lines(t: &TransitionRecord, field: &mut dyn FnMut(&str, String)) {
    for (k, p) in t.parked.iter().enumerate() {
        let mut line = p.what.clone();
        if let Some(when) = &p.when {
            line.push_str(&format!(" — {when}"));
        }
        if let Some(place) = &p.place {
            line.push_str(&format!(", {place}"));
        }
        if p.done {
            line.push_str(" (picked up)");
        }
        field(if k == 0 { "parked:" } else { "" }, line);
    }
    field(
        "feeling:",
        t.pleasantness.map(pleasantness_words).unwrap_or_default(),
    );
    field("energy:", t.energy.map(energy_words).unwrap_or_default());
    field("named:", label_words(&t.feelings));
    field("set down:", t.set_down.clone().unwrap_or_default());
    for (k, w) in t.went_well.iter().enumerate() {
        field(if k == 0 { "went well:" } else { "" }, w.clone());
    }
    field("at home:", t.who_at_home.clone().unwrap_or_default());
    field("first:", t.first_thing.clone().unwrap_or_default());
    field("signal:", t.end_of_day_signal.clone().unwrap_or_default());
    field("practice:", t.practice.clone().unwrap_or_default());
}

/// An entry in full.
pub fn entry_text(e: &JournalEntry) -> String {
    let mut text = String::new();
    let mut field = |name: &str, value: String| {
        if !value.is_empty() {
            text.push_str(&format!("{name:<11} {value}\n"));
        }
    };
    field("id:", e.id.clone());
    field("kind:", e.kind.as_str().to_owned());
    let written = local_time(&e.moment).format("%Y-%m-%d %H:%M %:z");
    field("written:", format!("{written} (day {})", e.local_day));
    let saved = e.updated_at.format("%Y-%m-%d %H:%M UTC");
    field("revision:", format!("{} (saved {saved})", e.revision));
    field("title:", e.title.clone().unwrap_or_default());
    field("tags:", e.tags.join(", "));
    field("practices:", e.practice_ids.join(", "));
    if let Some(r) = &e.reflection {
        let scale = |v: Option<u8>| v.map(|v| format!("{v}/10")).unwrap_or_default();
        field("intensity:", scale(r.intensity));
        let activation = match (r.activation_before, r.activation_after) {
            (Some(b), Some(a)) => format!("{b}/10 → {a}/10"),
            (b, a) => scale(b.or(a)),
        };
        field("activation:", activation);
        field("feelings:", label_words(&r.feelings));
        field("body:", label_words(&r.body_sensations));
        field("needs:", label_words(&r.needs));
        field("practice:", r.practice.clone().unwrap_or_default());
    }
    if let Some(t) = &e.transition {
        transition_lines(t, &mut field);
    }
    text.push('\n');
    text.push_str(&e.body);
    text.trim_end().to_owned()
}

fn transition_json(t: &TransitionRecord) -> Value {
    json!({
        "parked": t.parked.iter().map(|p| json!({
            "id": p.id, "what": p.what, "when": p.when, "place": p.place, "done": p.done,
        })).collect::<Vec<_>>(),
        "pleasantness": t.pleasantness,
        "energy": t.energy,
        "feelings": t.feelings,
        "feeling_words": label_words(&t.feelings),
        "set_down": t.set_down,
        "went_well": t.went_well,
        "who_at_home": t.who_at_home,
        "first_thing": t.first_thing,
        "end_of_day_signal": t.end_of_day_signal,
        "practice": t.practice,
    })
}

fn reflection_json(r: &SessionReflection) -> Value {
    json!({
        "intensity": r.intensity,
        "activation_before": r.activation_before,
        "activation_after": r.activation_after,
        "feelings": r.feelings,
        "body_sensations": r.body_sensations,
        "needs": r.needs,
        "practice": r.practice,
    })
}

/// An entry as JSON.
pub fn entry_json(e: &JournalEntry) -> Value {
    json!({
        "id": e.id,
        "kind": e.kind.as_str(),
        "title": e.title,
        "body": e.body,
        "tags": e.tags,
        "practice_ids": e.practice_ids,
        "reflection": e.reflection.as_ref().map(reflection_json),
        "transition": e.transition.as_ref().map(transition_json),
        "at": e.moment.at.to_rfc3339(),
        "utc_offset_minutes": e.moment.utc_offset_minutes,
        "local_day": e.local_day,
        "revision": e.revision,
        "updated_at": e.updated_at.to_rfc3339(),
    })
}

/// One line per check-in: id, time, and the values given.
pub fn checkin_line(c: &CheckIn) -> String {
    let d = &c.data;
    let mut parts = Vec::new();
    if let Some(p) = d.pleasantness {
        parts.push(format!("pleasant {p:+.2}"));
    }
    if let Some(e) = d.energy {
        parts.push(format!("energy {e:.2}"));
    }
    if let Some(z) = d.stress_zone {
        parts.push(z.as_str().to_owned());
    }
    if let Some(b) = d.burnout {
        parts.push(format!("burnout {b}/5"));
    }
    if let Some(h) = d.sleep_hours {
        parts.push(format!("slept {h}h"));
    }
    if let Some(w) = d.work_intrusion {
        parts.push(format!("work thoughts {w}/4"));
    }
    if !d.emotions.is_empty() {
        parts.push(label_words(&d.emotions));
    }
    if let Some(note) = &d.note {
        parts.push(format!(
            "\"{}\"",
            truncate(note.lines().next().unwrap_or(""), 40)
        ));
    }
    format!(
        "{}  {}  {}",
        c.id,
        local_time(&d.moment).format("%Y-%m-%d %H:%M"),
        parts.join("  ")
    )
}

/// A check-in in full, in words.
pub fn checkin_text(c: &CheckIn) -> String {
    let d = &c.data;
    let words = catalogue();
    let mut text = String::new();
    let mut field = |name: &str, value: String| {
        if !value.is_empty() {
            text.push_str(&format!("{name:<14} {value}\n"));
        }
    };
    field("id:", c.id.clone());
    let at = local_time(&d.moment).format("%Y-%m-%d %H:%M %:z");
    field("at:", format!("{at} (day {})", c.local_day));
    if d.evening_check {
        field("kind:", "evening check".into());
    }
    field(
        "feeling:",
        d.pleasantness.map(pleasantness_words).unwrap_or_default(),
    );
    field("energy:", d.energy.map(energy_words).unwrap_or_default());
    field("named:", label_words(&d.emotions));
    if let Some(zone) = d.stress_zone {
        let described = words.stress_zones.iter().find(|z| z.zone == zone);
        field(
            "stress zone:",
            described.map_or_else(
                || zone.as_str().to_owned(),
                |z| format!("{} — {}", z.name, z.description),
            ),
        );
    }
    field(
        "burnout:",
        d.burnout
            .map(|b| scale_words(&words.burnout_levels, b, 5))
            .unwrap_or_default(),
    );
    field(
        "slept:",
        d.sleep_hours
            .map(|h| format!("{h} hours"))
            .unwrap_or_default(),
    );
    field(
        "sleep quality:",
        d.sleep_quality
            .map(|q| scale_words(&words.sleep_quality_levels, q, 5))
            .unwrap_or_default(),
    );
    for item in &words.recovery_items {
        let value = match item.experience {
            RecoveryExperience::Detachment => d.detachment,
            RecoveryExperience::Relaxation => d.relaxation,
            RecoveryExperience::Mastery => d.mastery,
            RecoveryExperience::Control => d.control,
        };
        if let Some(v) = value {
            field(
                match item.experience {
                    RecoveryExperience::Detachment => "detachment:",
                    RecoveryExperience::Relaxation => "relaxation:",
                    RecoveryExperience::Mastery => "mastery:",
                    RecoveryExperience::Control => "control:",
                },
                format!(
                    "{} ({})",
                    item.text,
                    scale_words(&words.recovery_scale, v, 5)
                ),
            );
        }
    }
    field(
        "work thoughts:",
        d.work_intrusion
            .map(|w| scale_words(&words.work_intrusion_levels, w, 4))
            .unwrap_or_default(),
    );
    field(
        "worthwhile:",
        d.worthwhile
            .map(|w| {
                format!(
                    "{} ({})",
                    words.worthwhile_item,
                    scale_words(&words.recovery_scale, w, 5)
                )
            })
            .unwrap_or_default(),
    );
    field("practices:", d.practices.join(", "));
    field(
        "where:",
        d.context.map(|c| c.as_str().to_owned()).unwrap_or_default(),
    );
    if let Some(note) = &d.note {
        text.push('\n');
        text.push_str(note);
    }
    text.trim_end().to_owned()
}

/// A check-in as JSON.
pub fn checkin_json(c: &CheckIn) -> Value {
    let d = &c.data;
    json!({
        "id": c.id,
        "local_day": c.local_day,
        "revision": c.revision,
        "updated_at": c.updated_at.to_rfc3339(),
        "at": d.moment.at.to_rfc3339(),
        "utc_offset_minutes": d.moment.utc_offset_minutes,
        "pleasantness": d.pleasantness,
        "energy": d.energy,
        "emotions": d.emotions,
        "stress_zone": d.stress_zone.map(|z| z.as_str()),
        "burnout": d.burnout,
        "sleep_hours": d.sleep_hours,
        "sleep_quality": d.sleep_quality,
        "detachment": d.detachment,
        "relaxation": d.relaxation,
        "mastery": d.mastery,
        "control": d.control,
        "work_intrusion": d.work_intrusion,
        "worthwhile": d.worthwhile,
        "practices": d.practices,
        "context": d.context.map(|c| c.as_str()),
        "note": d.note,
    })
}

fn source_name(hit: &SearchHit) -> &'static str {
    match (hit.source, hit.kind) {
        (SearchSource::JournalEntry, Some(kind)) => kind.as_str(),
        (SearchSource::JournalEntry, None) => "journal",
        (SearchSource::CheckIn, _) => "check-in",
    }
}

/// One line per search hit: id, day, kind, score, snippet.
pub fn hit_line(hit: &SearchHit) -> String {
    format!(
        "{}  {}  {:<13}  {:>5.2}  {}",
        hit.id,
        hit.local_day,
        source_name(hit),
        hit.score,
        hit.snippet
    )
}

/// A search hit as JSON.
pub fn hit_json(hit: &SearchHit) -> Value {
    json!({
        "id": hit.id,
        "source": match hit.source { SearchSource::JournalEntry => "journal", SearchSource::CheckIn => "check-in" },
        "kind": hit.kind.map(|k| k.as_str()),
        "local_day": hit.local_day,
        "title": hit.title,
        "snippet": hit.snippet,
        "score": hit.score,
    })
}

/// A privacy finding as JSON (offsets in UTF-16 code units).
pub fn finding_json(f: &PrivacyFinding) -> Value {
    json!({ "kind": f.kind.as_str(), "start": f.start, "end": f.end, "text": f.text })
}

/// A key slot as JSON.
pub fn slot_json(s: &KeySlot) -> Value {
    json!({ "id": s.id, "kind": s.kind.as_str(), "created_at": s.created_at.to_rfc3339() })
}
