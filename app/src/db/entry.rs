//! (ssr) Application entry's SQL: the third-party platform's ticket (one per
//! component, shared by every app server) and a brand's own mini-program.

use crate::error::AppError;
use sqlx::AnyPool;

/// WeChat's ticket stays good this long after it was pushed.
pub const TICKET_TTL_SECS: i64 = 12 * 3600;

/// Keeps the newest ticket WeChat pushed for this component.
pub async fn store_ticket(
    pool: &AnyPool,
    component_appid: &str,
    ticket: &str,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO wechat_component_tickets (component_appid, ticket, received_at)
         VALUES ($1, $2, $3)
         ON CONFLICT (component_appid) DO UPDATE SET ticket = $2, received_at = $3
         WHERE wechat_component_tickets.received_at <= $3",
    )
    .bind(component_appid)
    .bind(ticket)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// The component's ticket, while it is good.
pub async fn ticket(pool: &AnyPool, component_appid: &str) -> Result<Option<String>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT ticket FROM wechat_component_tickets
         WHERE component_appid = $1 AND received_at > $2",
    )
    .bind(component_appid)
    .bind(crate::db::now() - TICKET_TTL_SECS)
    .fetch_optional(pool)
    .await?)
}

/// The mini-program's admin withdrew the authorization: its brand goes back
/// to platform mode and is told so. Returns the brand, the first time only.
pub async fn unauthorize(pool: &AnyPool, appid: &str) -> Result<Option<i64>, AppError> {
    let mut tx = crate::db::begin(pool).await?;
    let tenant: Option<i64> =
        sqlx::query_scalar("DELETE FROM store_apps WHERE appid = $1 RETURNING tenant_id")
            .bind(appid)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(tenant) = tenant {
        sqlx::query("UPDATE tenants SET entry_notice = 'unauthorized' WHERE id = $1")
            .bind(tenant)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(tenant)
}

/// Remembers which brand asked for a pre-auth code (1 official account,
/// 2 mini-program). Codes older than a day are cleared on the way.
pub async fn remember_pre_auth_code(
    pool: &AnyPool,
    code: &str,
    tenant_id: i64,
    auth_type: u8,
) -> Result<(), AppError> {
    let now = crate::db::now();
    sqlx::query("DELETE FROM wechat_pre_auth_codes WHERE created_at < $1")
        .bind(now - 24 * 3600)
        .execute(pool)
        .await?;
    sqlx::query(
        "INSERT INTO wechat_pre_auth_codes (code, tenant_id, auth_type, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING",
    )
    .bind(code)
    .bind(tenant_id)
    .bind(i64::from(auth_type))
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}
