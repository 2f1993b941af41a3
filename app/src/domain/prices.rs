//! Rules for importing price rows from CSV: `sku_code,price` with the price in
//! yuan (up to two decimals). Each row is judged on its own; the report names
//! every refused row by line.

use crate::domain::csv::CsvError;
use serde::{Deserialize, Serialize};

/// Rows one import may hold; larger files are split by the person importing.
pub const IMPORT_MAX_ROWS: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub imported: usize,
    /// Every refused row, by line number, with the reason.
    pub rejected: Vec<RejectedRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceListView {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PriceListSummary {
    pub id: i64,
    pub name: String,
    /// SKUs this list prices.
    pub prices: i64,
    /// Accounts on this list.
    pub accounts: i64,
    /// The store's standard list, which prices whatever another list leaves out.
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub standard: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowProblem {
    WrongColumnCount,
    MissingSku,
    UnknownSku,
    BadPrice,
    NegativePrice,
    DuplicateSku,
    /// Product import: the product name is missing or too long.
    BadName,
    /// Product import: the unit is missing or too long, or the category too long.
    BadUnit,
    /// Product import: minimum order quantity or stock is not a whole number in range.
    BadNumber,
    /// Product import: spec attributes are not `name:value; name:value`.
    BadSpec,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RejectedRow {
    pub line: usize,
    pub problem: RowProblem,
    /// The raw SKU code as written, to help find the row.
    pub sku: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PriceRow {
    pub line: usize,
    pub sku: String,
    pub amount: i64,
}

/// Parses "12", "12.5", "12.50", "¥1,234.00" into fen; anything else is `None`.
pub fn parse_yuan(text: &str) -> Option<i64> {
    let t: String = text
        .trim()
        .trim_start_matches(['\u{00A5}', '\u{FFE5}']) // the yuan sign, half- and full-width
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, t),
    };
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || whole.len() > 12
        || frac.len() > 2
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let fen = whole.parse::<i64>().ok()? * 100 + format!("{frac:0<2}").parse::<i64>().ok()?;
    Some(if negative { -fen } else { fen })
}

/// The largest first line a chunk may say it starts at: no import file is
/// that long, and the report's line numbers cannot wrap.
pub const MAX_FIRST_LINE: usize = 10_000_000;

/// A chunk's first line in its file, as sent (1 when not sent), checked.
pub fn first_line(sent: Option<usize>) -> Result<usize, crate::error::AppError> {
    match sent.unwrap_or(1) {
        n @ 1..=MAX_FIRST_LINE => Ok(n),
        _ => Err(crate::error::AppError::Invalid {
            field: "first_line".into(),
            reason: crate::error::Invalid::Range,
        }),
    }
}

/// Where a chunk's `line` is in the file that starts the chunk at `first_line`.
pub fn file_line(first_line: usize, line: usize) -> usize {
    first_line.saturating_sub(1).saturating_add(line)
}

/// Splits a price CSV into rows to import and rows refused for their shape,
/// with line numbers counted from `first_line` (for a chunk of a larger file).
/// Whether a SKU exists is for the caller, who knows the catalogue.
pub fn price_rows(
    text: &str,
    first_line: usize,
) -> Result<(Vec<PriceRow>, Vec<RejectedRow>), CsvError> {
    let records = crate::domain::csv::data_records(text)?;
    let mut ok = Vec::new();
    let mut rejected = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in records {
        let sku = r
            .fields
            .first()
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        let line = file_line(first_line, r.line);
        let reject = |problem| RejectedRow {
            line,
            problem,
            sku: sku.clone(),
        };
        if r.fields.len() != 2 {
            rejected.push(reject(RowProblem::WrongColumnCount));
        } else if sku.is_empty() {
            rejected.push(reject(RowProblem::MissingSku));
        } else if seen.contains(&sku) {
            rejected.push(reject(RowProblem::DuplicateSku));
        } else {
            match parse_yuan(&r.fields[1]) {
                None => rejected.push(reject(RowProblem::BadPrice)),
                Some(a) if a < 0 => rejected.push(reject(RowProblem::NegativePrice)),
                Some(amount) => {
                    seen.insert(sku.clone());
                    ok.push(PriceRow { line, sku, amount });
                }
            }
        }
    }
    Ok((ok, rejected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_of_a_chunk_cannot_wrap() {
        assert_eq!(first_line(None), Ok(1));
        assert_eq!(first_line(Some(201)), Ok(201));
        assert!(first_line(Some(0)).is_err());
        assert!(first_line(Some(usize::MAX)).is_err());
        assert_eq!(file_line(201, 1), 201);
        assert_eq!(file_line(usize::MAX, 5), usize::MAX);
    }

    #[test]
    fn yuan_to_fen() {
        assert_eq!(parse_yuan("12"), Some(1200));
        assert_eq!(parse_yuan("12.5"), Some(1250));
        assert_eq!(parse_yuan(" ¥1,234.05 "), Some(123405));
        assert_eq!(parse_yuan("0.07"), Some(7));
        assert_eq!(parse_yuan("-3"), Some(-300));
        for bad in ["", "abc", "1.234", "1.2.3", ".5", "1e3", "12 元"] {
            assert_eq!(parse_yuan(bad), None, "{bad}");
        }
    }

    #[test]
    fn rows_are_judged_one_by_one() {
        let csv = "sku_code,price\nA,10\nB,-1\n,5\nC,abc\nA,11\nD,1,2\nE,0\n";
        let (ok, bad) = price_rows(csv, 1).unwrap();
        assert_eq!(
            ok.iter()
                .map(|r| (r.line, r.sku.as_str(), r.amount))
                .collect::<Vec<_>>(),
            [(2, "A", 1000), (8, "E", 0)]
        );
        let problems: Vec<_> = bad.iter().map(|r| (r.line, r.problem)).collect();
        assert_eq!(
            problems,
            [
                (3, RowProblem::NegativePrice),
                (4, RowProblem::MissingSku),
                (5, RowProblem::BadPrice),
                (6, RowProblem::DuplicateSku),
                (7, RowProblem::WrongColumnCount),
            ]
        );
    }

    #[test]
    fn header_is_optional() {
        let (ok, bad) = price_rows("X,1.00", 1).unwrap();
        assert_eq!((ok.len(), bad.len()), (1, 0));
    }
}
