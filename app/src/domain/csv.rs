//! A small RFC 4180 reader: commas, double-quoted fields with `""` escapes,
//! LF or CRLF line ends. Enough for spreadsheet exports without a dependency.

/// One record with the 1-based line it starts on, for error reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CsvError {
    #[error("line {0}: a quoted field is not closed")]
    UnclosedQuote(usize),
}

pub fn parse(text: &str) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text); // Excel's BOM
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (in_quotes, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => in_quotes = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() => in_quotes = true,
            (false, ',') => fields.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                fields.push(std::mem::take(&mut field));
                push_record(&mut records, start_line, std::mem::take(&mut fields));
                line += 1;
                start_line = line;
            }
            (false, c) => field.push(c),
        }
    }
    if in_quotes {
        return Err(CsvError::UnclosedQuote(start_line));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        push_record(&mut records, start_line, fields);
    }
    Ok(records)
}

/// Blank lines carry nothing and are skipped.
fn push_record(records: &mut Vec<Record>, line: usize, fields: Vec<String>) {
    if !(fields.len() == 1 && fields[0].trim().is_empty()) {
        records.push(Record { line, fields });
    }
}

/// Records without the optional header row (its first column is `sku_code`).
pub fn data_records(text: &str) -> Result<Vec<Record>, CsvError> {
    let mut records = parse(text)?;
    if records.first().is_some_and(|r| {
        r.fields
            .first()
            .is_some_and(|f| f.trim().eq_ignore_ascii_case("sku_code"))
    }) {
        records.remove(0);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(line: usize, f: &[&str]) -> Record {
        Record {
            line,
            fields: f.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn plain_quoted_and_crlf() {
        let got = parse("a,b\r\n\"x, y\",\"he said \"\"hi\"\"\"\n\nlast,").unwrap();
        assert_eq!(
            got,
            vec![
                rec(1, &["a", "b"]),
                rec(2, &["x, y", "he said \"hi\""]),
                rec(4, &["last", ""])
            ]
        );
    }

    #[test]
    fn multiline_field_keeps_its_start_line() {
        let got = parse("\u{feff}h\n\"two\nlines\",x\nnext,y\n").unwrap();
        assert_eq!(
            got,
            vec![
                rec(1, &["h"]),
                rec(2, &["two\nlines", "x"]),
                rec(4, &["next", "y"])
            ]
        );
    }

    #[test]
    fn unclosed_quote_is_an_error() {
        assert_eq!(parse("a\n\"oops,b\n"), Err(CsvError::UnclosedQuote(2)));
    }
}
