//! Catalogue rules shared by the console's forms, the product CSV import and
//! the server: spec attributes, counts, and one product CSV row.

use crate::domain::csv::CsvError;
use crate::domain::prices::{RejectedRow, RowProblem};
use crate::domain::stock::StockState;
use crate::error::{AppError, Invalid};
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: u32 = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoreView {
    pub slug: String,
    pub name: String,
    pub notice: String,
    /// The logged-in distributor's name, or `None` for a guest.
    pub viewer: Option<String>,
    /// Units in the viewer's cart (0 for a guest).
    pub cart_count: i64,
    /// The brand's guidance for guests, in the reader's language (guests only,
    /// and only when the brand wrote one).
    pub guest_prompt: Option<String>,
    /// The store's picture (`domain::branding::store_logo`): header,
    /// favicon and share card.
    pub logo: Option<String>,
    /// The site's address as people reach it ('' when unknown), for the
    /// share card's absolute links.
    pub site: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryView {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub moq: i64,
    /// Lowest SKU price for this viewer, in fen.
    pub price: Option<i64>,
    pub sku_count: u32,
    pub stock: StockState,
    /// Image file under `/media/`, if the brand uploaded one.
    pub image: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CataloguePage {
    pub categories: Vec<CategoryView>,
    pub items: Vec<ProductCard>,
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
}

impl CataloguePage {
    pub fn page_count(&self) -> u32 {
        crate::domain::list::page_count(self.total, self.page_size)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkuView {
    pub id: i64,
    pub code: String,
    pub attrs: Vec<(String, String)>,
    pub price: Option<i64>,
    pub stock: StockState,
}

impl SkuView {
    pub fn label(&self) -> String {
        if self.attrs.is_empty() {
            self.code.clone()
        } else {
            self.attrs
                .iter()
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
                .join(" · ")
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub image: Option<String>,
    pub unit: String,
    pub moq: i64,
    pub category: Option<String>,
    pub skus: Vec<SkuView>,
}

/// Full-width punctuation a Chinese keyboard types.
const FULLWIDTH_SEMICOLON: char = '\u{FF1B}';
const FULLWIDTH_COLON: char = '\u{FF1A}';

/// Spec attributes as written by people: `size:500ml; colour:red`, with
/// ASCII or full-width colons and semicolons (Chinese keyboards type those).
/// Empty text is no attributes.
pub fn parse_spec(text: &str) -> Result<Vec<(String, String)>, Invalid> {
    let mut pairs = Vec::new();
    for part in text
        .split([';', FULLWIDTH_SEMICOLON])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (name, value) = part
            .split_once([':', FULLWIDTH_COLON])
            .ok_or(Invalid::Spec)?;
        let (name, value) = (name.trim(), value.trim());
        if name.is_empty()
            || value.is_empty()
            || name.chars().count() > 20
            || value.chars().count() > 50
            || pairs.iter().any(|(n, _): &(String, String)| n == name)
        {
            return Err(Invalid::Spec);
        }
        pairs.push((name.to_string(), value.to_string()));
    }
    if pairs.len() > 5 {
        return Err(Invalid::Spec);
    }
    Ok(pairs)
}

/// The inverse of [`parse_spec`], for edit forms.
pub fn format_spec(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(n, v)| format!("{n}:{v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A whole number typed into a form, within `min..=max`.
pub fn parse_count(field: &str, text: &str, min: i64, max: i64) -> Result<i64, AppError> {
    let invalid = |reason| AppError::Invalid {
        field: field.to_string(),
        reason,
    };
    let n: i64 = text.trim().parse().map_err(|_| invalid(Invalid::Number))?;
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(invalid(Invalid::Range))
    }
}

pub const MAX_STOCK: i64 = 1_000_000_000;
pub const MAX_MOQ: i64 = 100_000;

/// A SKU code: 1 to 40 characters without spaces or commas, as printed on labels.
pub fn check_sku_code(code: &str) -> Result<String, AppError> {
    let c = code.trim();
    if c.is_empty() {
        return Err(AppError::Invalid {
            field: "code".into(),
            reason: Invalid::Required,
        });
    }
    if c.chars().count() > 40 || c.contains(|ch: char| ch.is_whitespace() || ch == ',') {
        return Err(AppError::Invalid {
            field: "code".into(),
            reason: Invalid::TooLong,
        });
    }
    Ok(c.to_string())
}

/// One SKU row of a product CSV:
/// `sku_code,product,category,unit,moq,spec,stock`.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductRow {
    pub line: usize,
    pub sku: String,
    pub product: String,
    /// Empty means no category.
    pub category: String,
    pub unit: String,
    pub moq: i64,
    pub spec: Vec<(String, String)>,
    pub stock: i64,
}

pub const PRODUCT_COLUMNS: usize = 7;

/// Splits a product CSV into rows to import and rows refused, with line
/// numbers counted from `first_line` (for a chunk of a larger file).
pub fn product_rows(
    text: &str,
    first_line: usize,
) -> Result<(Vec<ProductRow>, Vec<RejectedRow>), CsvError> {
    let mut ok = Vec::new();
    let mut rejected = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in crate::domain::csv::data_records(text)? {
        let line = crate::domain::prices::file_line(first_line, r.line);
        let f = |i: usize| r.fields.get(i).map(|s| s.trim()).unwrap_or("");
        let sku = f(0).to_string();
        let reject = |problem| RejectedRow {
            line,
            problem,
            sku: sku.clone(),
        };
        let problem = if r.fields.len() != PRODUCT_COLUMNS {
            Some(RowProblem::WrongColumnCount)
        } else if check_sku_code(&sku).is_err() {
            Some(RowProblem::MissingSku)
        } else if f(1).is_empty() || f(1).chars().count() > 100 {
            Some(RowProblem::BadName)
        } else if f(3).is_empty() || f(3).chars().count() > 10 || f(2).chars().count() > 30 {
            Some(RowProblem::BadUnit)
        } else if seen.contains(&sku) {
            Some(RowProblem::DuplicateSku)
        } else {
            None
        };
        if let Some(problem) = problem {
            rejected.push(reject(problem));
            continue;
        }
        let (Ok(moq), Ok(stock)) = (
            parse_count("moq", f(4), 1, MAX_MOQ),
            parse_count("stock", f(6), 0, MAX_STOCK),
        ) else {
            rejected.push(reject(RowProblem::BadNumber));
            continue;
        };
        let Ok(spec) = parse_spec(f(5)) else {
            rejected.push(reject(RowProblem::BadSpec));
            continue;
        };
        seen.insert(sku.clone());
        ok.push(ProductRow {
            line,
            sku,
            product: f(1).to_string(),
            category: f(2).to_string(),
            unit: f(3).to_string(),
            moq,
            spec,
            stock,
        });
    }
    Ok((ok, rejected))
}

/// A piece of a CSV file holding whole records, sent as one import request so
/// the console can show progress on a large file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chunk {
    /// The file's line number of the chunk's first line.
    pub first_line: usize,
    pub text: String,
    /// Lines in the chunk (the progress bar counts these).
    pub lines: usize,
}

/// Cuts a CSV text after every `lines_per_chunk` line ends that are outside
/// quotes, so no record is split between two chunks.
pub fn chunks(text: &str, lines_per_chunk: usize) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut first_line = 1;
    let mut lines = 0;
    let mut in_quotes = false;
    for (i, c) in text.char_indices() {
        if c == '"' {
            in_quotes = !in_quotes;
        }
        if c != '\n' {
            continue;
        }
        // Quoted line ends count as lines of the file, but never end a chunk.
        lines += 1;
        if !in_quotes && lines >= lines_per_chunk {
            out.push(Chunk {
                first_line,
                text: text[start..=i].to_string(),
                lines,
            });
            start = i + 1;
            first_line += lines;
            lines = 0;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(Chunk {
            first_line,
            text: text[start..].to_string(),
            lines: lines + usize::from(!text.ends_with('\n')),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_text_round_trips() {
        let pairs = parse_spec(" 规格：500ml；颜色:红 ").unwrap();
        assert_eq!(
            pairs,
            vec![
                ("规格".to_string(), "500ml".to_string()),
                ("颜色".to_string(), "红".to_string())
            ]
        );
        assert_eq!(format_spec(&pairs), "规格:500ml; 颜色:红");
        assert_eq!(parse_spec(&format_spec(&pairs)).unwrap(), pairs);
        assert_eq!(parse_spec("").unwrap(), vec![]);
        for bad in [
            "规格",
            ":500ml",
            "规格:",
            "a:1;a:2",
            "a:1;b:1;c:1;d:1;e:1;f:1",
        ] {
            assert_eq!(parse_spec(bad), Err(Invalid::Spec), "{bad}");
        }
    }

    #[test]
    fn counts_and_codes() {
        assert_eq!(parse_count("moq", " 12 ", 1, 100), Ok(12));
        assert!(matches!(
            parse_count("moq", "0", 1, 100),
            Err(AppError::Invalid {
                reason: Invalid::Range,
                ..
            })
        ));
        assert!(matches!(
            parse_count("moq", "1.5", 1, 100),
            Err(AppError::Invalid {
                reason: Invalid::Number,
                ..
            })
        ));
        assert_eq!(check_sku_code(" A-1 ").unwrap(), "A-1");
        assert!(check_sku_code("A 1").is_err());
        assert!(check_sku_code("").is_err());
    }

    #[test]
    fn product_rows_are_judged_one_by_one() {
        let csv = "sku_code,product,category,unit,moq,spec,stock\n\
                   W-1,矿泉水,饮料,箱,2,规格:500ml,100\n\
                   W-2,矿泉水,饮料,箱,2,规格:1L,0\n\
                   W-3,,饮料,箱,1,,1\n\
                   W-4,果汁,饮料,箱,0,,1\n\
                   W-5,果汁,饮料,箱,1,规格,1\n\
                   W-1,果汁,饮料,箱,1,,1\n\
                   W-7,果汁,饮料,箱,1,,\n\
                   W-8,果汁\n";
        let (ok, bad) = product_rows(csv, 1).unwrap();
        assert_eq!(
            ok.iter()
                .map(|r| (r.line, r.sku.as_str()))
                .collect::<Vec<_>>(),
            [(2, "W-1"), (3, "W-2")]
        );
        assert_eq!(ok[0].spec, vec![("规格".into(), "500ml".into())]);
        let problems: Vec<_> = bad.iter().map(|r| (r.line, r.problem)).collect();
        assert_eq!(
            problems,
            [
                (4, RowProblem::BadName),
                (5, RowProblem::BadNumber),
                (6, RowProblem::BadSpec),
                (7, RowProblem::DuplicateSku),
                (8, RowProblem::BadNumber),
                (9, RowProblem::WrongColumnCount),
            ]
        );
        // A later chunk reports the file's line numbers.
        let (_, bad) = product_rows("X,,c,u,1,,1\n", 501).unwrap();
        assert_eq!(bad[0].line, 501);
    }

    #[test]
    fn chunks_keep_records_whole_and_count_lines() {
        let text = "h\na\n\"b\nb\"\nc\nd";
        let parts = chunks(text, 2);
        let joined: String = parts.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(joined, text);
        assert_eq!(
            parts
                .iter()
                .map(|c| (c.first_line, c.text.as_str()))
                .collect::<Vec<_>>(),
            [(1, "h\na\n"), (3, "\"b\nb\"\n"), (5, "c\nd")]
        );
        assert_eq!(parts.iter().map(|c| c.lines).sum::<usize>(), 6);
        assert!(chunks("", 10).is_empty());
        assert_eq!(chunks("a\nb\n", 10)[0].lines, 2);
    }
}
