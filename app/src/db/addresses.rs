//! (ssr) An enterprise's delivery addresses.

use crate::domain::addresses::{AddressInput, AddressView};
use crate::error::AppError;
use sqlx::AnyConnection;

/// The default first, then the newest.
pub async fn list(
    conn: &mut AnyConnection,
    enterprise_id: i64,
) -> Result<Vec<AddressView>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, recipient, phone, region, detail, is_default FROM addresses
         WHERE enterprise_id = $1 ORDER BY is_default DESC, id DESC LIMIT 100",
    )
    .bind(enterprise_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn count(conn: &mut AnyConnection, enterprise_id: i64) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM addresses WHERE enterprise_id = $1")
            .bind(enterprise_id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// No address of the enterprise is the default any more.
pub async fn clear_default(conn: &mut AnyConnection, enterprise_id: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE addresses SET is_default = FALSE WHERE enterprise_id = $1 AND is_default = TRUE",
    )
    .bind(enterprise_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn insert(
    conn: &mut AnyConnection,
    tenant_id: i64,
    enterprise_id: i64,
    a: &AddressInput,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO addresses (tenant_id, enterprise_id, recipient, phone, region, detail, is_default, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(tenant_id)
    .bind(enterprise_id)
    .bind(&a.recipient)
    .bind(&a.phone)
    .bind(&a.region)
    .bind(&a.detail)
    .bind(a.is_default)
    .bind(crate::db::now())
    .fetch_one(&mut *conn)
    .await?)
}

/// Updates an address of this enterprise; not found when it is not theirs.
pub async fn update(
    conn: &mut AnyConnection,
    enterprise_id: i64,
    id: i64,
    a: &AddressInput,
) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE addresses SET recipient = $1, phone = $2, region = $3, detail = $4, is_default = $5
         WHERE id = $6 AND enterprise_id = $7",
    )
    .bind(&a.recipient)
    .bind(&a.phone)
    .bind(&a.region)
    .bind(&a.detail)
    .bind(a.is_default)
    .bind(id)
    .bind(enterprise_id)
    .execute(&mut *conn)
    .await?;
    crate::db::found(done.rows_affected())
}
