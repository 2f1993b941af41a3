//! Lists in the store and the console: one page of rows and the checked
//! request for it.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// Pages needed for `total` rows at `page_size` a page (lists in store and console).
pub fn page_count(total: i64, page_size: u32) -> u32 {
    u32::try_from(total.max(0))
        .unwrap_or(u32::MAX)
        .div_ceil(page_size.max(1))
}

/// Rows a console list shows per page.
pub const PAGE_SIZE: u32 = 20;

/// One page of a console list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
}

/// A console list request, checked: the search text and which rows to fetch.
#[derive(Clone, Debug, PartialEq)]
pub struct ListQuery {
    pub q: String,
    pub page: u32,
    pub limit: i64,
    pub offset: i64,
}

impl ListQuery {
    pub fn new(q: &str, page: u32) -> Result<ListQuery, AppError> {
        let q = crate::domain::validate::optional_text("q", q, 100)?.unwrap_or_default();
        let page = page.clamp(1, 100_000);
        Ok(ListQuery {
            q,
            page,
            limit: i64::from(PAGE_SIZE),
            offset: i64::from(page - 1) * i64::from(PAGE_SIZE),
        })
    }

    /// The page for rows and a total a list query returned.
    pub fn page<T>(&self, (items, total): (Vec<T>, i64)) -> Page<T> {
        Page {
            items,
            total,
            page: self.page,
            page_size: PAGE_SIZE,
        }
    }
}
