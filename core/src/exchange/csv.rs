//! Comma-separated values as RFC 4180 has them: fields quoted when they hold a comma,
//! a quote or a line break, quotes doubled inside. Enough for the check-ins export and
//! for reading other apps' exports; no dependency needed.

use std::io::{self, Write};

use crate::error::internal::Result;
use crate::error::RespiteError;

/// Writes one row, ending it with CRLF as RFC 4180 asks. A text cell that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'`; numbers are written as they are.
pub(crate) fn write_row<S: AsRef<str>>(out: &mut impl Write, fields: &[S]) -> io::Result<()> {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let field = neutralised(field.as_ref());
        let field = field.as_ref();
        if field.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", field.replace('"', "\"\""))?;
        } else {
            out.write_all(field.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

/// `field`, with a leading `'` if a spreadsheet would take it for a formula.
fn neutralised(field: &str) -> std::borrow::Cow<'_, str> {
    let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula && field.parse::<f64>().is_err() {
        format!("'{field}").into()
    } else {
        field.into()
    }
}

/// Most cells a row may have: Daylio's export has about a dozen.
const MAX_CELLS: usize = 256;
/// Most characters one cell may hold (a long note fits many times over).
const MAX_CELL_CHARS: usize = 200_000;

/// Calls `f` with every row of `text` that holds anything, one at a time, with the
/// line it starts on. A field may be quoted and then hold commas, line breaks and
/// doubled quotes; an unterminated quote, a row of more than 256 cells or a cell of
/// more than 200,000 characters is an error naming the line. A leading byte-order
/// mark is ignored; blank lines carry nothing and are passed over.
pub(crate) fn each_row(
    text: &str,
    f: &mut dyn FnMut(usize, Vec<String>) -> Result<()>,
) -> Result<()> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut row = Vec::new();
    let mut field = String::new();
    let mut field_chars = 0;
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut row_line = 1;
    let mut quote_line = 0;
    let mut quoted = false;
    let mut at_field_start = true;
    let refuse = |line: usize, what: &str| -> Result<()> {
        Err(RespiteError::invalid("file", format!("line {line} {what}")).into())
    };
    let mut end_row = |row: &mut Vec<String>, row_line: usize| -> Result<()> {
        let row = std::mem::take(row);
        if row.len() == 1 && row[0].is_empty() {
            return Ok(());
        }
        f(row_line, row)
    };
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
        } else {
            match c {
                '"' if at_field_start => {
                    quoted = true;
                    quote_line = line;
                    at_field_start = false;
                    continue;
                }
                ',' => {
                    row.push(std::mem::take(&mut field));
                    field_chars = 0;
                    at_field_start = true;
                    if row.len() >= MAX_CELLS {
                        return refuse(row_line, "has more cells than a Daylio export");
                    }
                    continue;
                }
                '\r' if chars.peek() == Some(&'\n') => continue,
                '\n' | '\r' => {
                    line += 1;
                    row.push(std::mem::take(&mut field));
                    field_chars = 0;
                    end_row(&mut row, row_line)?;
                    row_line = line;
                    at_field_start = true;
                    continue;
                }
                c => {
                    field.push(c);
                    at_field_start = false;
                }
            }
        }
        field_chars += 1;
        if field_chars > MAX_CELL_CHARS {
            return refuse(row_line, "has a cell longer than any note");
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
        end_row(&mut row, row_line)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Vec<String>>> {
        let mut rows = Vec::new();
        each_row(text, &mut |_, row| {
            rows.push(row);
            Ok(())
        })?;
        Ok(rows)
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        let mut out = Vec::new();
        let row = [
            "=HYPERLINK(\"x\")",
            "-0.5",
            "+1",
            "@SUM(A1)",
            "-rest",
            "plain",
        ];
        write_row(&mut out, &row).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"'=HYPERLINK(\"\"x\"\")\",-0.5,+1,'@SUM(A1),'-rest,plain\r\n"
        );
    }

    #[test]
    fn rows_with_too_many_cells_or_too_long_a_cell_are_refused_naming_the_line() {
        let commas = format!("a,b\n{}", ",".repeat(10_000));
        assert!(parse(&commas).unwrap_err().to_string().contains("line 2"));
        let long = format!("a\n\"{}\"", "x".repeat(MAX_CELL_CHARS + 1));
        assert!(parse(&long).unwrap_err().to_string().contains("line 2"));
        assert_eq!(parse(&"\n".repeat(10_000)).unwrap().len(), 0);
    }

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
