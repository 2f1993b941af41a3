//! (ssr) The store picker's SQL: passes (a phone WeChat verified in the
//! platform mini-program) and the stores a phone may enter.

use crate::db::auth::{keyed_hash, random_token};
use crate::db::wechat::TicketPhone;
use crate::domain::lite::LiteStore;
use crate::error::AppError;
use sqlx::AnyPool;

/// A pass lives a working day; then the phone is verified again.
pub const PASS_TTL_SECS: i64 = 8 * 3600;

/// A new pass for a verified phone; returns the raw token for the cookie.
/// Expired passes are cleared on the way.
pub async fn create_pass(
    pool: &AnyPool,
    secret: &[u8],
    who: &TicketPhone,
) -> Result<String, AppError> {
    let now = crate::db::now();
    sqlx::query("DELETE FROM lite_passes WHERE expires_at <= $1")
        .bind(now)
        .execute(pool)
        .await?;
    let token = random_token();
    sqlx::query(
        "INSERT INTO lite_passes (token_hash, phone, appid, openid, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(keyed_hash(secret, &token))
    .bind(&who.phone)
    .bind(&who.appid)
    .bind(&who.openid)
    .bind(now + PASS_TTL_SECS)
    .execute(pool)
    .await?;
    Ok(token)
}

/// The phone a live pass vouches for.
pub async fn pass(
    pool: &AnyPool,
    secret: &[u8],
    token: &str,
) -> Result<Option<TicketPhone>, AppError> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT phone, appid, openid FROM lite_passes WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(keyed_hash(secret, token))
    .bind(crate::db::now())
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(phone, appid, openid)| TicketPhone {
        phone,
        appid,
        openid,
    }))
}

pub async fn delete_pass(pool: &AnyPool, secret: &[u8], token: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM lite_passes WHERE token_hash = $1")
        .bind(keyed_hash(secret, token))
        .execute(pool)
        .await?;
    Ok(())
}

/// The stores where this phone has an enabled ordering account and the
/// mini-program login is on, by name; `session` marks the one the browser is
/// logged into.
pub async fn stores_for_phone(
    pool: &AnyPool,
    secret: &[u8],
    phone: &str,
    session: Option<&str>,
) -> Result<Vec<LiteStore>, AppError> {
    let now = crate::db::now();
    let session_hash = session.map(|t| keyed_hash(secret, t)).unwrap_or_default();
    Ok(sqlx::query_as::<_, LiteStore>(
        "SELECT t.slug, t.name, a.name AS account,
                EXISTS (SELECT 1 FROM sessions s
                        WHERE s.token_hash = $2 AND s.store_user_id = u.id AND s.expires_at > $3) AS current
         FROM store_users u
         JOIN tenants t ON t.id = u.tenant_id
         JOIN enterprises e ON e.id = u.enterprise_id
         JOIN accounts a ON a.id = e.account_id
         WHERE u.phone = $1 AND u.disabled = FALSE AND t.login_mini_program = TRUE
         ORDER BY t.name, t.id",
    )
    .bind(phone)
    .bind(session_hash)
    .bind(now)
    .fetch_all(pool)
    .await?)
}
