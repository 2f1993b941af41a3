//! (ssr) Price lists and their prices.

use crate::domain::prices::{ImportReport, PriceListSummary, PriceListView};
use crate::domain::prices::{PriceRow, RejectedRow, RowProblem};
use crate::error::AppError;
use sqlx::AnyPool;
use std::collections::HashMap;

pub async fn import(
    pool: &AnyPool,
    tenant_id: i64,
    price_list_id: i64,
    rows: Vec<PriceRow>,
    mut rejected: Vec<RejectedRow>,
) -> Result<ImportReport, AppError> {
    let mut tx = crate::db::begin(pool).await?;
    // Writing first takes SQLite's write lock up front (see ordering_accounts).
    let owned = sqlx::query("UPDATE price_lists SET name = name WHERE id = $1 AND tenant_id = $2")
        .bind(price_list_id)
        .bind(tenant_id)
        .execute(&mut *tx)
        .await?;
    if owned.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    let skus: HashMap<String, i64> =
        sqlx::query_as::<_, (String, i64)>("SELECT code, id FROM skus WHERE tenant_id = $1")
            .bind(tenant_id)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();
    let mut imported = 0;
    for row in rows {
        let Some(sku_id) = skus.get(&row.sku) else {
            rejected.push(RejectedRow {
                line: row.line,
                problem: RowProblem::UnknownSku,
                sku: row.sku,
            });
            continue;
        };
        sqlx::query(
            "INSERT INTO prices (price_list_id, sku_id, amount) VALUES ($1, $2, $3)
             ON CONFLICT (price_list_id, sku_id) DO UPDATE SET amount = excluded.amount",
        )
        .bind(price_list_id)
        .bind(sku_id)
        .bind(row.amount)
        .execute(&mut *tx)
        .await?;
        imported += 1;
    }
    tx.commit().await?;
    rejected.sort_by_key(|r| r.line);
    Ok(ImportReport { imported, rejected })
}

/// The brand's price lists by id and name.
pub async fn lists(pool: &AnyPool, tenant_id: i64) -> Result<Vec<PriceListView>, AppError> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM price_lists WHERE tenant_id = $1 ORDER BY id")
            .bind(tenant_id)
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| PriceListView { id, name })
        .collect())
}

/// Each price list with how many prices and Accounts it has.
pub async fn summaries(pool: &AnyPool, tenant_id: i64) -> Result<Vec<PriceListSummary>, AppError> {
    Ok(sqlx::query_as(
        "SELECT pl.id, pl.name,
                (SELECT COUNT(*) FROM prices p WHERE p.price_list_id = pl.id) AS prices,
                (SELECT COUNT(*) FROM accounts a WHERE a.price_list_id = pl.id) AS accounts,
                (t.standard_price_list_id IS NOT NULL AND t.standard_price_list_id = pl.id) AS standard
         FROM price_lists pl JOIN tenants t ON t.id = pl.tenant_id
         WHERE pl.tenant_id = $1 ORDER BY pl.id",
    )
    .bind(tenant_id)
    .fetch_all(pool)
    .await?)
}

/// A new, empty price list; `None` when the brand has one of that name.
pub async fn create_list(
    pool: &AnyPool,
    tenant_id: i64,
    name: &str,
) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO price_lists (tenant_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(tenant_id)
    .bind(name)
    .fetch_optional(pool)
    .await?)
}
