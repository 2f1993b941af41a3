//! Console: categories, products, SKUs, per-SKU prices, shelf state and the
//! product CSV import. Every function needs `catalogue.write` (prices:
//! `prices.write`); reads need it too, since only catalogue staff edit here.

use crate::domain::catalogue_admin::*;
use crate::domain::prices::ImportReport;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "console/categories")]
pub async fn list_categories() -> Result<Vec<CategoryRow>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::CatalogueWrite).await?;
    crate::db::catalogue_admin::categories(&state.pool, staff.tenant_id).await
}

/// Creates a category (no id) or renames and re-sorts one.
#[server(endpoint = "console/save_category")]
pub async fn save_category(id: Option<i64>, name: String, sort: String) -> Result<i64, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::CatalogueWrite).await?;
    let name = crate::domain::validate::required_text("name", &name, 30)?;
    let sort = if sort.trim().is_empty() {
        0
    } else {
        crate::domain::catalogue::parse_count("sort", &sort, -10_000, 10_000)?
    };
    crate::db::catalogue_admin::save_category(&state.pool, staff.tenant_id, id, &name, sort).await
}

#[server(endpoint = "console/products")]
pub async fn list_admin_products(
    q: String,
    page: u32,
) -> Result<crate::domain::list::Page<AdminProductRow>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::CatalogueWrite).await?;
    let list = crate::domain::list::ListQuery::new(&q, page)?;
    let rows =
        crate::db::catalogue_admin::list_products(&state.pool, staff.tenant_id, &list).await?;
    Ok(list.page(rows))
}

#[server(endpoint = "console/product")]
pub async fn get_admin_product(id: i64) -> Result<AdminProduct, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::CatalogueWrite).await?;
    crate::db::catalogue_admin::product(&state.pool, staff.tenant_id, id).await
}

/// Creates a product (no id; it starts off the shelf) or edits one.
#[server(endpoint = "console/save_product")]
pub async fn save_product(
    id: Option<i64>,
    name: String,
    description: String,
    category_id: Option<i64>,
    unit: String,
    moq: String,
) -> Result<i64, AppError> {
    use super::ctx::*;
    use crate::domain::catalogue::{parse_count, MAX_MOQ};
    use crate::domain::permissions::Permission;
    use crate::domain::validate::required_text;
    let (state, staff) = staff_with(Permission::CatalogueWrite).await?;
    let input = ProductInput {
        name: required_text("name", &name, 100)?,
        description: crate::domain::validate::optional_text("description", &description, 2000)?
            .unwrap_or_default(),
        category_id,
        unit: required_text("unit", &unit, 10)?,
        moq: parse_count("moq", &moq, 1, MAX_MOQ)?,
    };
    crate::db::catalogue_admin::save_product(&state.pool, staff.tenant_id, id, &input).await
}

/// Puts a product on or off the shelf; off-shelf products leave the store at once.
#[server(endpoint = "console/set_on_shelf")]
pub async fn set_on_shelf(id: i64, on_shelf: bool) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::CatalogueWrite).await?;
    crate::db::catalogue_admin::set_on_shelf(&state.pool, staff.tenant_id, id, on_shelf).await
}

/// Adds a SKU to a product (no id) or edits one. `spec` is `name:value; name:value`.
#[server(endpoint = "console/save_sku")]
pub async fn save_sku(
    product_id: i64,
    id: Option<i64>,
    code: String,
    spec: String,
    stock: String,
) -> Result<i64, AppError> {
    use super::ctx::*;
    use crate::domain::catalogue::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::CatalogueWrite).await?;
    let sku = crate::db::catalogue_admin::SkuInput {
        code: check_sku_code(&code)?,
        spec: parse_spec(&spec).map_err(|reason| AppError::Invalid {
            field: "spec".into(),
            reason,
        })?,
        stock: parse_count("stock", &stock, 0, MAX_STOCK)?,
    };
    crate::db::catalogue_admin::save_sku(&state.pool, staff.tenant_id, product_id, id, &sku).await
}

/// Sets one SKU's price in one list, in yuan as typed ("12.50"); empty removes it.
#[server(endpoint = "console/set_price")]
pub async fn set_price(price_list_id: i64, sku_id: i64, price: String) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::PricesWrite).await?;
    let amount = if price.trim().is_empty() {
        None
    } else {
        match crate::domain::prices::parse_yuan(&price) {
            Some(fen) if fen >= 0 => Some(fen),
            Some(_) => {
                return Err(AppError::Invalid {
                    field: "price".into(),
                    reason: crate::error::Invalid::Range,
                })
            }
            None => {
                return Err(AppError::Invalid {
                    field: "price".into(),
                    reason: crate::error::Invalid::Number,
                })
            }
        }
    };
    crate::db::catalogue_admin::set_price(
        &state.pool,
        staff.tenant_id,
        price_list_id,
        sku_id,
        amount,
    )
    .await
}

/// Imports `sku_code,product,category,unit,moq,spec,stock` rows. A large file
/// is sent in chunks (`first_line` keeps the report's line numbers the file's).
#[server(endpoint = "console/import_products", input = server_fn::codec::Json)]
pub async fn import_products(
    csv: String,
    first_line: Option<usize>,
) -> Result<ImportReport, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::CatalogueWrite).await?;
    let (rows, rejected) = crate::domain::catalogue::product_rows(
        &csv,
        crate::domain::prices::first_line(first_line)?,
    )
    .map_err(|e| AppError::BadRequest {
        detail: e.to_string(),
    })?;
    if rows.len() + rejected.len() > crate::domain::prices::IMPORT_MAX_ROWS {
        return Err(AppError::BadRequest {
            detail: format!(
                "at most {} rows per import",
                crate::domain::prices::IMPORT_MAX_ROWS
            ),
        });
    }
    crate::db::catalogue_admin::import_products(&state.pool, staff.tenant_id, rows, rejected).await
}
