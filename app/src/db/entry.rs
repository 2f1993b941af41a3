//! (ssr) Application entry's SQL: the third-party platform's ticket (one per
//! component, shared by every app server) and a brand's own mini-program.

use crate::domain::entry::{DedicatedApp, EntryNotice, EntryView};
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
        set_notice_in(&mut tx, tenant, Some(&EntryNotice::Unauthorized)).await?;
    }
    // An official account's withdrawal just unlinks it: the store's entry is unchanged.
    sqlx::query("DELETE FROM store_official_accounts WHERE appid = $1")
        .bind(appid)
        .execute(&mut *tx)
        .await?;
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

/// Keeps (or clears) what the entry page tells the Store Admin.
async fn set_notice_in(
    conn: &mut sqlx::AnyConnection,
    tenant_id: i64,
    notice: Option<&EntryNotice>,
) -> Result<(), AppError> {
    let json = match notice {
        Some(n) => serde_json::to_string(n).map_err(|_| AppError::Internal)?,
        None => String::new(),
    };
    sqlx::query("UPDATE tenants SET entry_notice = $1 WHERE id = $2")
        .bind(json)
        .bind(tenant_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_notice(
    pool: &AnyPool,
    tenant_id: i64,
    notice: Option<&EntryNotice>,
) -> Result<(), AppError> {
    let mut conn = pool.acquire().await?;
    set_notice_in(&mut conn, tenant_id, notice).await
}

/// Keeps a grant that waits for its checks ("Authorized" checks again).
pub async fn set_pending(
    pool: &AnyPool,
    tenant_id: i64,
    appid: &str,
    refresh_token: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO entry_pending (tenant_id, appid, refresh_token, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id) DO UPDATE SET appid = $2, refresh_token = $3, updated_at = $4",
    )
    .bind(tenant_id)
    .bind(appid)
    .bind(refresh_token)
    .bind(crate::db::now())
    .execute(pool)
    .await?;
    Ok(())
}

/// The waiting grant's appid and refresh token.
pub async fn pending(pool: &AnyPool, tenant_id: i64) -> Result<Option<(String, String)>, AppError> {
    Ok(
        sqlx::query_as("SELECT appid, refresh_token FROM entry_pending WHERE tenant_id = $1")
            .bind(tenant_id)
            .fetch_optional(pool)
            .await?,
    )
}

/// Takes a checked grant: the brand goes to dedicated mode with this
/// mini-program, unless another brand has it. One writing transaction, so
/// two brands adopting one mini-program at once cannot both get it (the
/// unique `appid` stands behind it too).
pub async fn adopt(
    pool: &AnyPool,
    tenant_id: i64,
    app: &DedicatedApp,
    refresh_token: &str,
) -> Result<Result<(), EntryNotice>, AppError> {
    let mut tx = crate::db::begin(pool).await?;
    let other: Option<i64> =
        sqlx::query_scalar("SELECT tenant_id FROM store_apps WHERE appid = $1 AND tenant_id <> $2")
            .bind(&app.appid)
            .bind(tenant_id)
            .fetch_optional(&mut *tx)
            .await?;
    let outcome = if other.is_some() {
        Err(EntryNotice::TakenByAnotherBrand {
            name: app.nick_name.clone(),
        })
    } else {
        let sets: Vec<String> = app.sets.iter().map(i64::to_string).collect();
        sqlx::query(
            "INSERT INTO store_apps (tenant_id, appid, nick_name, head_img, principal, func_info, refresh_token, authorized_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (tenant_id) DO UPDATE SET appid = $2, nick_name = $3, head_img = $4,
                 principal = $5, func_info = $6, refresh_token = $7, authorized_at = $8",
        )
        .bind(tenant_id)
        .bind(&app.appid)
        .bind(&app.nick_name)
        .bind(&app.head_img)
        .bind(&app.principal)
        .bind(sets.join(","))
        .bind(refresh_token)
        .bind(crate::db::now())
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM entry_pending WHERE tenant_id = $1")
            .bind(tenant_id)
            .execute(&mut *tx)
            .await?;
        Ok(())
    };
    set_notice_in(&mut tx, tenant_id, outcome.as_ref().err()).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// Back to the platform's mini-program.
pub async fn use_platform(pool: &AnyPool, tenant_id: i64) -> Result<(), AppError> {
    let mut tx = crate::db::begin(pool).await?;
    for table in ["store_apps", "entry_pending"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE tenant_id = $1"))
            .bind(tenant_id)
            .execute(&mut *tx)
            .await?;
    }
    set_notice_in(&mut tx, tenant_id, None).await?;
    tx.commit().await?;
    Ok(())
}

/// The brand's own mini-program, if it is in dedicated mode.
pub async fn dedicated(pool: &AnyPool, tenant_id: i64) -> Result<Option<DedicatedApp>, AppError> {
    let row: Option<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT appid, nick_name, head_img, principal, func_info FROM store_apps WHERE tenant_id = $1",
    )
    .bind(tenant_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(
        |(appid, nick_name, head_img, principal, sets)| DedicatedApp {
            appid,
            nick_name,
            head_img,
            principal,
            sets: sets.split(',').filter_map(|s| s.parse().ok()).collect(),
        },
    ))
}

/// The refresh token of the brand's own mini-program, if `appid` is it.
pub async fn app_refresh_token(
    pool: &AnyPool,
    tenant_id: i64,
    appid: &str,
) -> Result<Option<String>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT refresh_token FROM store_apps WHERE tenant_id = $1 AND appid = $2",
    )
    .bind(tenant_id)
    .bind(appid)
    .fetch_optional(pool)
    .await?)
}

/// What the application entry page shows.
pub async fn view(pool: &AnyPool, tenant_id: i64) -> Result<EntryView, AppError> {
    let notice: String = sqlx::query_scalar("SELECT entry_notice FROM tenants WHERE id = $1")
        .bind(tenant_id)
        .fetch_one(pool)
        .await?;
    Ok(EntryView {
        dedicated: dedicated(pool, tenant_id).await?,
        // A notice this version cannot read is left out rather than failing the page.
        notice: serde_json::from_str(&notice).ok(),
        pending: pending(pool, tenant_id).await?.is_some(),
        notice_text: None,
        set_names: Vec::new(),
        official: None,
        menu_appid: String::new(),
        store_url: String::new(),
    })
}

/// A return with a code WeChat no longer takes: tell the admin to start
/// again, unless the grant arrived another way (WeChat's push carries the
/// same code) and is pending or taken already.
pub async fn expired_unless_granted(pool: &AnyPool, tenant_id: i64) -> Result<(), AppError> {
    let json = serde_json::to_string(&EntryNotice::AuthorizationExpired)
        .map_err(|_| AppError::Internal)?;
    sqlx::query(
        "UPDATE tenants SET entry_notice = $1 WHERE id = $2
           AND NOT EXISTS (SELECT 1 FROM store_apps WHERE tenant_id = $2)
           AND NOT EXISTS (SELECT 1 FROM entry_pending WHERE tenant_id = $2)",
    )
    .bind(json)
    .bind(tenant_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// The brand that asked for this pre-auth code, and for what (`auth_type`).
pub async fn tenant_for_pre_auth_code(
    pool: &AnyPool,
    code: &str,
) -> Result<Option<(i64, i64)>, AppError> {
    Ok(
        sqlx::query_as("SELECT tenant_id, auth_type FROM wechat_pre_auth_codes WHERE code = $1")
            .bind(code)
            .fetch_optional(pool)
            .await?,
    )
}

/// The brand's linked official account.
#[derive(sqlx::FromRow)]
pub struct OfficialRow {
    pub appid: String,
    pub nick_name: String,
    pub principal: String,
    pub refresh_token: String,
    pub menu: String,
}

pub async fn official(pool: &AnyPool, tenant_id: i64) -> Result<Option<OfficialRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT appid, nick_name, principal, refresh_token, menu
         FROM store_official_accounts WHERE tenant_id = $1",
    )
    .bind(tenant_id)
    .fetch_optional(pool)
    .await?)
}

/// Links an official account to the brand (replacing an earlier one),
/// unless another brand has it: `false` then. One writing transaction; the
/// platform-wide unique key stands behind it.
pub async fn link_official(
    pool: &AnyPool,
    tenant_id: i64,
    account: &crate::domain::entry::OfficialAccount,
    refresh_token: &str,
) -> Result<bool, AppError> {
    let mut tx = crate::db::begin(pool).await?;
    let holder: Option<i64> =
        sqlx::query_scalar("SELECT tenant_id FROM store_official_accounts WHERE appid = $1")
            .bind(&account.appid)
            .fetch_optional(&mut *tx)
            .await?;
    if holder.is_some_and(|t| t != tenant_id) {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO store_official_accounts (tenant_id, appid, nick_name, principal, refresh_token, linked_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id) DO UPDATE SET appid = excluded.appid, nick_name = excluded.nick_name,
           principal = excluded.principal, refresh_token = excluded.refresh_token,
           linked_at = excluded.linked_at,
           menu = CASE WHEN store_official_accounts.appid = excluded.appid
                       THEN store_official_accounts.menu ELSE '' END",
    )
    .bind(tenant_id)
    .bind(&account.appid)
    .bind(&account.nick_name)
    .bind(&account.principal)
    .bind(refresh_token)
    .bind(crate::db::now())
    .execute(&mut *tx)
    .await?;
    set_notice_in(&mut tx, tenant_id, None).await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn set_menu(pool: &AnyPool, tenant_id: i64, menu: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE store_official_accounts SET menu = $1 WHERE tenant_id = $2")
        .bind(menu)
        .bind(tenant_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Keeps the newest refresh token WeChat handed back for an authorized
/// account (re-authorizing makes older ones stale).
pub async fn keep_refresh_token(pool: &AnyPool, appid: &str, token: &str) -> Result<(), AppError> {
    for table in ["store_apps", "store_official_accounts"] {
        sqlx::query(&format!(
            "UPDATE {table} SET refresh_token = $1 WHERE appid = $2"
        ))
        .bind(token)
        .bind(appid)
        .execute(pool)
        .await?;
    }
    Ok(())
}
