//! (ssr) Writing prices.

use crate::domain::prices::ImportReport;
use crate::domain::prices::{PriceRow, RejectedRow, RowProblem};
use crate::error::AppError;
use sqlx::SqlitePool;
use std::collections::HashMap;

pub async fn import(
    pool: &SqlitePool,
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
