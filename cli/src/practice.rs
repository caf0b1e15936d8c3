//! `respite breathe`: the paced-breathing practice in the terminal, and the same
//! practice inside the after-session flow.

use respite_core::{paced_breathing, BreathPhase, BreathingPractice};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use crate::error::CliError;
use crate::format::Output;

/// Runs `respite breathe`: played on a terminal, listed otherwise, as data with `--json`.
pub fn breathe(out: &Output, seconds: Option<u32>) -> Result<(), CliError> {
    let practice = paced_breathing(seconds)?;
    if out.json {
        out.print("", practice_json(&practice));
        return Ok(());
    }
    let mut stdout = std::io::stdout();
    let live = stdout.is_terminal();
    play(&practice, &mut stdout, live);
    Ok(())
}

/// The practice as data.
fn practice_json(p: &BreathingPractice) -> serde_json::Value {
    json!({
        "intro": p.intro.text,
        "in_seconds": p.in_seconds,
        "out_seconds": p.out_seconds,
        "total_seconds": p.total_seconds,
        "steps": p.steps.iter().map(|s| json!({
            "phase": match s.phase { BreathPhase::In => "in", BreathPhase::Out => "out" },
            "starts_at_ms": s.starts_at_ms,
            "seconds": s.seconds,
            "cue": s.cue.text,
        })).collect::<Vec<_>>(),
        "after": p.after.text,
    })
}

/// Shows the practice on `to`. `live` (a terminal): each cue in real time, with a bar
/// that grows on the in-breath and shrinks on the out-breath. Otherwise one line per
/// breath, at once.
pub fn play(p: &BreathingPractice, to: &mut dyn Write, live: bool) {
    let _ = writeln!(to, "{}", p.intro.text);
    if !live {
        for step in &p.steps {
            let _ = writeln!(to, "  {} ({} s)", step.cue.text, step.seconds);
        }
        let _ = writeln!(to, "{}", p.after.text);
        return;
    }
    for step in &p.steps {
        for second in 1..=step.seconds {
            let width = match step.phase {
                BreathPhase::In => second * 24 / step.seconds,
                BreathPhase::Out => (step.seconds - second) * 24 / step.seconds,
            } as usize;
            let _ = write!(
                to,
                "\r  {:<16} {:<24}",
                step.cue.text,
                "●".repeat(width.max(1))
            );
            let _ = to.flush();
            std::thread::sleep(Duration::from_secs(1));
        }
    }
    let _ = writeln!(to, "\r{:<44}\n{}", "", p.after.text);
}
