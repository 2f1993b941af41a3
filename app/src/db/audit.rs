//! (ssr) The audit log: who changed what in the console, and when.

use crate::domain::settings::AuditEntry;
use crate::error::AppError;
use sqlx::{AnyConnection, AnyPool};

/// Writes one audit entry inside the change's own transaction, so a change
/// and its record land together or not at all.
pub async fn record(
    conn: &mut AnyConnection,
    tenant_id: i64,
    staff_id: Option<i64>,
    action: &str,
    detail: &serde_json::Value,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO audit_log (tenant_id, staff_id, action, detail, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(tenant_id)
    .bind(staff_id)
    .bind(action)
    .bind(detail.to_string())
    .bind(crate::db::now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn list(
    pool: &AnyPool,
    tenant_id: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<AuditEntry>, AppError> {
    Ok(sqlx::query_as(
        "SELECT l.id, s.name AS staff, l.action, l.detail, l.created_at
         FROM audit_log l LEFT JOIN staff s ON s.id = l.staff_id
         WHERE l.tenant_id = $1 ORDER BY l.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(tenant_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?)
}
