//! Wire types of catalogue admin: what its server functions take and return.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CategoryRow {
    pub id: i64,
    pub name: String,
    pub sort: i64,
    pub products: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AdminProductRow {
    pub id: i64,
    pub name: String,
    pub category: Option<String>,
    pub unit: String,
    pub moq: i64,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub on_shelf: bool,
    pub image: Option<String>,
    pub skus: i64,
    pub stock: i64,
}

/// The editable fields of a product, checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductInput {
    pub name: String,
    pub description: String,
    pub category_id: Option<i64>,
    pub unit: String,
    pub moq: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminSku {
    pub id: i64,
    pub code: String,
    pub spec: Vec<(String, String)>,
    pub stock: i64,
    /// `(price_list_id, amount in fen)` for each list that prices this SKU.
    pub prices: Vec<(i64, i64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminProduct {
    pub id: i64,
    pub input: ProductInput,
    pub on_shelf: bool,
    /// File name under `/media/`, if an image was uploaded.
    pub image: Option<String>,
    pub skus: Vec<AdminSku>,
}
