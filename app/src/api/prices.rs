//! Console: price lists and CSV import of prices.

use crate::domain::import::RejectedRow;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Rows one import may hold; larger files are split by the person importing.
pub const IMPORT_MAX_ROWS: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub imported: usize,
    /// Every refused row, by line number, with the reason.
    pub rejected: Vec<RejectedRow>,
}

/// Imports `sku_code,price` rows into one price list. Valid rows are written
/// (inserted or updated) in one transaction; invalid rows are reported, not written.
#[server(endpoint = "console/import_prices", input = server_fn::codec::Json)]
pub async fn import_prices(
    price_list_id: i64,
    csv: String,
    first_line: Option<usize>,
) -> Result<ImportReport, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    respond(async {
        let state = state()?;
        let staff = staff_with(&state, Permission::PricesWrite).await?;
        let (rows, rejected) =
            crate::domain::import::price_rows(&csv, first_line.unwrap_or(1).max(1)).map_err(
                |e| AppError::BadRequest {
                    detail: e.to_string(),
                },
            )?;
        if rows.len() + rejected.len() > IMPORT_MAX_ROWS {
            return Err(AppError::BadRequest {
                detail: format!("at most {IMPORT_MAX_ROWS} rows per import"),
            });
        }
        crate::db::prices::import(&state.pool, staff.tenant_id, price_list_id, rows, rejected).await
    })
    .await
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceListView {
    pub id: i64,
    pub name: String,
}

/// The brand's price lists, for choosing one for an Account.
#[server(endpoint = "console/price_lists")]
pub async fn price_lists() -> Result<Vec<PriceListView>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    respond(async {
        let state = state()?;
        let staff = staff_with(&state, Permission::AccountsRead).await?;
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, name FROM price_lists WHERE tenant_id = $1 ORDER BY id")
                .bind(staff.tenant_id)
                .fetch_all(&state.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| PriceListView { id, name })
            .collect())
    })
    .await
}
