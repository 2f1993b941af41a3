//! (ssr) Store settings: guest mode and self-registration.

use crate::domain::settings::{GuestCandidate, GuestSettings, LoginChannels, RegistrationSettings};
use crate::error::AppError;
use sqlx::{AnyConnection, AnyPool};

pub async fn guest(pool: &AnyPool, tenant_id: i64) -> Result<GuestSettings, AppError> {
    let (enabled, guest_account_id, prompt_zh, prompt_en): (crate::domain::Flag, Option<i64>, String, String) =
        sqlx::query_as(
            "SELECT guest_mode, guest_account_id, guest_prompt_zh, guest_prompt_en FROM tenants WHERE id = $1",
        )
        .bind(tenant_id)
        .fetch_one(pool)
        .await?;
    // Virtual accounts first: they exist only to price guests.
    let candidates = sqlx::query_as::<_, GuestCandidate>(
        "SELECT a.id, a.name, pl.name AS price_list FROM accounts a
         LEFT JOIN price_lists pl ON pl.id = a.price_list_id
         WHERE a.tenant_id = $1 ORDER BY a.is_virtual DESC, a.name LIMIT 500",
    )
    .bind(tenant_id)
    .fetch_all(pool)
    .await?;
    Ok(GuestSettings {
        enabled: enabled.into(),
        guest_account_id,
        prompt_zh,
        prompt_en,
        candidates,
    })
}

/// The price list of a would-be guest Account of this brand: `None` when the
/// Account is not the brand's, `Some(None)` when it has no list.
pub async fn account_price_list(
    conn: &mut AnyConnection,
    tenant_id: i64,
    account_id: i64,
) -> Result<Option<Option<i64>>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT price_list_id FROM accounts WHERE id = $1 AND tenant_id = $2")
            .bind(account_id)
            .bind(tenant_id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

pub async fn update_guest(
    conn: &mut AnyConnection,
    tenant_id: i64,
    enabled: bool,
    guest_account_id: Option<i64>,
    prompt_zh: &str,
    prompt_en: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE tenants SET guest_mode = $1, guest_account_id = $2, guest_prompt_zh = $3, guest_prompt_en = $4
         WHERE id = $5",
    )
    .bind(enabled)
    .bind(guest_account_id)
    .bind(prompt_zh)
    .bind(prompt_en)
    .bind(tenant_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn registration(
    pool: &AnyPool,
    tenant_id: i64,
) -> Result<RegistrationSettings, AppError> {
    Ok(sqlx::query_as(
        "SELECT registration_enabled AS enabled, registration_approval AS approval FROM tenants WHERE id = $1",
    )
    .bind(tenant_id)
    .fetch_one(pool)
    .await?)
}

pub async fn login_channels(pool: &AnyPool, tenant_id: i64) -> Result<LoginChannels, AppError> {
    Ok(sqlx::query_as(
        "SELECT login_sms AS sms, login_password AS password,
                login_mini_program AS mini_program, login_wechat_qr AS wechat_qr
         FROM tenants WHERE id = $1",
    )
    .bind(tenant_id)
    .fetch_one(pool)
    .await?)
}

pub async fn update_login_channels(
    conn: &mut AnyConnection,
    tenant_id: i64,
    c: &LoginChannels,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE tenants SET login_sms = $1, login_password = $2, login_mini_program = $3,
                login_wechat_qr = $4
         WHERE id = $5",
    )
    .bind(c.sms)
    .bind(c.password)
    .bind(c.mini_program)
    .bind(c.wechat_qr)
    .bind(tenant_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn update_registration(
    conn: &mut AnyConnection,
    tenant_id: i64,
    settings: &RegistrationSettings,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE tenants SET registration_enabled = $1, registration_approval = $2 WHERE id = $3",
    )
    .bind(settings.enabled)
    .bind(settings.approval)
    .bind(tenant_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
