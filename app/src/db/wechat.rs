//! (ssr) WeChat's SQL: the access token every app server shares, with the
//! claim that makes one of them its refresher; the one-time tickets that
//! carry a WeChat-verified phone into the store; the openid of each
//! ordering account.

use crate::db::auth::{keyed_hash, random_token};
use crate::error::AppError;
use sqlx::AnyPool;

/// Seconds a refresher holds the claim before another server may take it
/// over (it died, or WeChat did not answer).
pub const REFRESH_CLAIM_SECS: i64 = 30;
/// A ticket lives this long.
pub const TICKET_TTL_SECS: i64 = 60;

/// The app's stored token and when it expires (unix seconds), if any.
pub async fn token(pool: &AnyPool, appid: &str) -> Result<Option<(String, i64)>, AppError> {
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT access_token, expires_at FROM wechat_tokens WHERE appid = $1 AND access_token <> ''",
    )
    .bind(appid)
    .fetch_optional(pool)
    .await?;
    Ok(row)
}

/// Claims the refresh of the app's token, in one statement: true for the one
/// caller that may fetch a new token now. A refresh is due when the stored
/// token expires within `margin` seconds or is `stale` (WeChat refused it);
/// nobody may hold a live claim.
pub async fn claim_refresh(
    pool: &AnyPool,
    appid: &str,
    now: i64,
    margin: i64,
    stale: Option<&str>,
) -> Result<bool, AppError> {
    sqlx::query(
        "INSERT INTO wechat_tokens (appid, access_token, expires_at, refreshing_until)
         VALUES ($1, '', 0, 0) ON CONFLICT (appid) DO NOTHING",
    )
    .bind(appid)
    .execute(pool)
    .await?;
    let claimed = sqlx::query(
        "UPDATE wechat_tokens SET refreshing_until = $2
         WHERE appid = $1 AND refreshing_until <= $3
           AND (expires_at <= $3 + $4 OR access_token = $5)",
    )
    .bind(appid)
    .bind(now + REFRESH_CLAIM_SECS)
    .bind(now)
    .bind(margin)
    .bind(stale.unwrap_or(""))
    .execute(pool)
    .await?
    .rows_affected();
    Ok(claimed == 1)
}

/// Stores the refresher's new token and gives the claim back.
pub async fn store_token(
    pool: &AnyPool,
    appid: &str,
    token: &str,
    expires_at: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE wechat_tokens SET access_token = $2, expires_at = $3, refreshing_until = 0
         WHERE appid = $1",
    )
    .bind(appid)
    .bind(token)
    .bind(expires_at)
    .execute(pool)
    .await?;
    Ok(())
}

/// Gives the claim back after a failed fetch, so the next caller tries.
pub async fn release_claim(pool: &AnyPool, appid: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE wechat_tokens SET refreshing_until = 0 WHERE appid = $1")
        .bind(appid)
        .execute(pool)
        .await?;
    Ok(())
}

/// What a ticket vouches for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketPhone {
    pub phone: String,
    pub appid: String,
    pub openid: String,
}

/// A new ticket for a verified phone in one store, or (`None`) for the
/// platform's store picker; returns the raw token. Expired tickets are
/// cleared on the way.
pub async fn create_ticket(
    pool: &AnyPool,
    secret: &[u8],
    tenant_id: Option<i64>,
    who: &TicketPhone,
) -> Result<String, AppError> {
    let now = crate::db::now();
    sqlx::query("DELETE FROM wechat_tickets WHERE expires_at <= $1")
        .bind(now - TICKET_TTL_SECS)
        .execute(pool)
        .await?;
    let token = random_token();
    sqlx::query(
        "INSERT INTO wechat_tickets (token_hash, tenant_id, phone, appid, openid, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(keyed_hash(secret, &token))
    .bind(tenant_id)
    .bind(&who.phone)
    .bind(&who.appid)
    .bind(&who.openid)
    .bind(now + TICKET_TTL_SECS)
    .execute(pool)
    .await?;
    Ok(token)
}

/// Uses a ticket of this store (or, `None`, of the store picker), exactly
/// once: one statement marks it used only while it is unused and alive, so
/// of two requests with one ticket only one gets the phone. A store's ticket
/// does not open the picker, nor the picker's a store.
pub async fn use_ticket(
    pool: &AnyPool,
    secret: &[u8],
    tenant_id: Option<i64>,
    token: &str,
) -> Result<Option<TicketPhone>, AppError> {
    let now = crate::db::now();
    // Tenant ids start at 1, so 0 stands for "no store" in one SQL text for both dialects.
    let row: Option<(String, String, String)> = sqlx::query_as(
        "UPDATE wechat_tickets SET used_at = $3
         WHERE token_hash = $1 AND COALESCE(tenant_id, 0) = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING phone, appid, openid",
    )
    .bind(keyed_hash(secret, token))
    .bind(tenant_id.unwrap_or(0))
    .bind(now)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(phone, appid, openid)| TicketPhone {
        phone,
        appid,
        openid,
    }))
}

/// Remembers that this ordering account logged in with this app's openid.
pub async fn remember_openid(
    pool: &AnyPool,
    tenant_id: i64,
    appid: &str,
    openid: &str,
    user_id: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO wechat_openids (tenant_id, appid, openid, user_id, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, appid, openid) DO UPDATE SET user_id = $4, updated_at = $5",
    )
    .bind(tenant_id)
    .bind(appid)
    .bind(openid)
    .bind(user_id)
    .bind(crate::db::now())
    .execute(pool)
    .await?;
    Ok(())
}

/// The ordering account an openid is bound to in this store, and whether it
/// is disabled.
pub async fn user_for_openid(
    pool: &AnyPool,
    tenant_id: i64,
    appid: &str,
    openid: &str,
) -> Result<Option<(i64, bool)>, AppError> {
    let row: Option<(i64, crate::domain::Flag)> = sqlx::query_as(
        "SELECT u.id, u.disabled FROM wechat_openids w
         JOIN store_users u ON u.id = w.user_id AND u.tenant_id = w.tenant_id
         WHERE w.tenant_id = $1 AND w.appid = $2 AND w.openid = $3",
    )
    .bind(tenant_id)
    .bind(appid)
    .bind(openid)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id, disabled)| (id, disabled.into())))
}

/// A QR login's state lives this long, and so does a first-time scanner's
/// wait for their SMS code.
pub const QR_TTL_SECS: i64 = 600;

/// A new state for a QR login of this store that returns to `next`; returns
/// the raw state for the QR URL and the browser's cookie.
pub async fn create_qr_state(
    pool: &AnyPool,
    secret: &[u8],
    tenant_id: i64,
    next: &str,
) -> Result<String, AppError> {
    let now = crate::db::now();
    sqlx::query("DELETE FROM wechat_qr_states WHERE expires_at <= $1")
        .bind(now - QR_TTL_SECS)
        .execute(pool)
        .await?;
    let state = random_token();
    sqlx::query(
        "INSERT INTO wechat_qr_states (state_hash, tenant_id, next, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(keyed_hash(secret, &state))
    .bind(tenant_id)
    .bind(next)
    .bind(now + QR_TTL_SECS)
    .execute(pool)
    .await?;
    Ok(state)
}

/// Uses a QR login's state exactly once (one statement); returns where the
/// login goes on to.
pub async fn use_qr_state(
    pool: &AnyPool,
    secret: &[u8],
    tenant_id: i64,
    state: &str,
) -> Result<Option<String>, AppError> {
    let now = crate::db::now();
    let next: Option<(String,)> = sqlx::query_as(
        "UPDATE wechat_qr_states SET used_at = $3
         WHERE state_hash = $1 AND tenant_id = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING next",
    )
    .bind(keyed_hash(secret, state))
    .bind(tenant_id)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    Ok(next.map(|(n,)| n))
}

/// Keeps a first-time scanner's openid until they prove their phone; returns
/// the raw token for their cookie.
pub async fn create_bind(
    pool: &AnyPool,
    secret: &[u8],
    tenant_id: i64,
    appid: &str,
    openid: &str,
) -> Result<String, AppError> {
    let now = crate::db::now();
    sqlx::query("DELETE FROM wechat_binds WHERE expires_at <= $1")
        .bind(now - QR_TTL_SECS)
        .execute(pool)
        .await?;
    let token = random_token();
    sqlx::query(
        "INSERT INTO wechat_binds (token_hash, tenant_id, appid, openid, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(keyed_hash(secret, &token))
    .bind(tenant_id)
    .bind(appid)
    .bind(openid)
    .bind(now + QR_TTL_SECS)
    .execute(pool)
    .await?;
    Ok(token)
}

/// Uses a waiting openid once: its app and openid.
pub async fn use_bind(
    pool: &AnyPool,
    secret: &[u8],
    tenant_id: i64,
    token: &str,
) -> Result<Option<(String, String)>, AppError> {
    let now = crate::db::now();
    Ok(sqlx::query_as(
        "UPDATE wechat_binds SET used_at = $3
         WHERE token_hash = $1 AND tenant_id = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING appid, openid",
    )
    .bind(keyed_hash(secret, token))
    .bind(tenant_id)
    .bind(now)
    .fetch_optional(pool)
    .await?)
}
