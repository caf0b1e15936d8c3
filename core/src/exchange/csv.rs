//! Comma-separated values as RFC 4180 has them: fields quoted when they hold a comma,
//! a quote or a line break, quotes doubled inside. Enough for the check-ins export and
//! for reading other apps' exports; no dependency needed.

use std::io::{self, Write};

use crate::error::internal::Result;
use crate::error::RespiteError;

/// Writes one row, ending it with CRLF as RFC 4180 asks.
pub(crate) fn write_row<S: AsRef<str>>(out: &mut impl Write, fields: &[S]) -> io::Result<()> {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let field = field.as_ref();
        if field.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", field.replace('"', "\"\""))?;
        } else {
            out.write_all(field.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

/// Reads every row of `text`. A field may be quoted and then hold commas, line breaks
/// and doubled quotes; an unterminated quote is an error naming the line. A leading
/// byte-order mark is ignored.
pub(crate) fn parse(text: &str) -> Result<Vec<Vec<String>>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut quote_line = 0;
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                quote_line = line;
                at_field_start = false;
            }
            ',' => {
                row.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                at_field_start = true;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return Err(RespiteError::invalid(
            "file",
            format!("a quoted field opened on line {quote_line} is never closed"),
        )
        .into());
    }
    if !at_field_start || !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    // Blank lines carry nothing.
    rows.retain(|r| !(r.len() == 1 && r[0].is_empty()));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_with_quotes_commas_and_line_breaks() {
        let rows = vec![
            vec![
                "plain".to_owned(),
                "with, comma".into(),
                "say \"hi\"".into(),
            ],
            vec!["two\nlines".into(), String::new(), "end".into()],
        ];
        let mut out = Vec::new();
        for r in &rows {
            write_row(&mut out, r).unwrap();
        }
        assert_eq!(parse(std::str::from_utf8(&out).unwrap()).unwrap(), rows);
    }

    #[test]
    fn unix_line_ends_a_bom_and_blank_lines_are_fine() {
        let rows = parse("\u{feff}a,b\n\n\"c\",d\n").unwrap();
        assert_eq!(rows, vec![vec!["a", "b"], vec!["c", "d"]]);
        assert_eq!(parse("x,").unwrap(), vec![vec!["x", ""]]);
    }

    #[test]
    fn an_open_quote_names_its_line() {
        let err = parse("a,b\nc,\"never closed\n").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
