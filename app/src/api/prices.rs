//! Console: price lists and CSV import of prices.

use crate::domain::prices::*;
use crate::error::AppError;
use leptos::prelude::*;

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
    let (state, staff) = staff_with(Permission::PricesWrite).await?;
    let (rows, rejected) =
        crate::domain::prices::price_rows(&csv, crate::domain::prices::first_line(first_line)?)
            .map_err(|e| AppError::BadRequest {
                detail: e.to_string(),
            })?;
    if rows.len() + rejected.len() > IMPORT_MAX_ROWS {
        return Err(AppError::BadRequest {
            detail: format!("at most {IMPORT_MAX_ROWS} rows per import"),
        });
    }
    crate::db::prices::import(&state.pool, staff.tenant_id, price_list_id, rows, rejected).await
}

/// The brand's price lists, for choosing one for an Account.
#[server(endpoint = "console/price_lists")]
pub async fn price_lists() -> Result<Vec<PriceListView>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    // Account, catalogue and price staff all choose among the lists.
    let (state, staff) = any_staff().await?;
    staff.require_any(&[
        Permission::AccountsRead,
        Permission::CatalogueWrite,
        Permission::PricesWrite,
    ])?;
    crate::db::prices::lists(&state.pool, staff.tenant_id).await
}

#[server(endpoint = "console/price_list_summaries")]
pub async fn price_list_summaries() -> Result<Vec<PriceListSummary>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::PricesWrite).await?;
    crate::db::prices::summaries(&state.pool, staff.tenant_id).await
}

/// A new, empty price list; fill it from the product page or a CSV import.
#[server(endpoint = "console/create_price_list")]
pub async fn create_price_list(name: String) -> Result<i64, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::PricesWrite).await?;
    let name = crate::domain::validate::required_text("name", &name, 30)?;
    crate::db::prices::create_list(&state.pool, staff.tenant_id, &name)
        .await?
        .ok_or(AppError::Duplicate {
            field: "name".into(),
        })
}
