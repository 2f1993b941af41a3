//! (ssr) Changing store settings: each change and its audit entry in one
//! transaction.

use crate::db;
use crate::domain::settings::{LoginChannels, RegistrationSettings};
use crate::error::AppError;
use crate::error::SettingsError;
use sqlx::AnyPool;

/// The guest mode settings as the console sends them, text already checked.
pub struct GuestChange<'a> {
    pub enabled: bool,
    pub guest_account_id: Option<i64>,
    pub prompt_zh: &'a str,
    pub prompt_en: &'a str,
}

/// Turns guest mode on or off. On needs a guest Account of this brand with a
/// price list, so guests never see a store without prices.
pub async fn save_guest(
    pool: &AnyPool,
    tenant_id: i64,
    staff_id: i64,
    change: GuestChange<'_>,
) -> Result<(), AppError> {
    let mut tx = db::begin(pool).await?;
    match change.guest_account_id {
        Some(id) => match db::settings::account_price_list(&mut tx, tenant_id, id).await? {
            None => return Err(AppError::NotFound),
            Some(None) if change.enabled => {
                return Err(SettingsError::GuestAccountWithoutPrices.into())
            }
            Some(_) => {}
        },
        None if change.enabled => return Err(SettingsError::GuestAccountRequired.into()),
        None => {}
    }
    db::settings::update_guest(
        &mut tx,
        tenant_id,
        change.enabled,
        change.guest_account_id,
        change.prompt_zh,
        change.prompt_en,
    )
    .await?;
    let detail = serde_json::json!({
        "enabled": change.enabled,
        "guest_account_id": change.guest_account_id,
        "prompt_zh": change.prompt_zh,
        "prompt_en": change.prompt_en,
    });
    db::audit::record(
        &mut tx,
        tenant_id,
        Some(staff_id),
        "settings.guest",
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Switches the store's login channels; at least one stays on, or nobody
/// could log in.
pub async fn save_login_channels(
    pool: &AnyPool,
    tenant_id: i64,
    staff_id: i64,
    channels: LoginChannels,
) -> Result<(), AppError> {
    if !(channels.sms || channels.password || channels.mini_program || channels.wechat_qr) {
        return Err(SettingsError::NoLoginChannel.into());
    }
    let mut tx = db::begin(pool).await?;
    db::settings::update_login_channels(&mut tx, tenant_id, &channels).await?;
    let detail = serde_json::json!({
        "sms": channels.sms,
        "password": channels.password,
        "mini_program": channels.mini_program,
        "wechat_qr": channels.wechat_qr,
    });
    db::audit::record(
        &mut tx,
        tenant_id,
        Some(staff_id),
        "settings.login_channels",
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn save_registration(
    pool: &AnyPool,
    tenant_id: i64,
    staff_id: i64,
    settings: RegistrationSettings,
) -> Result<(), AppError> {
    let mut tx = db::begin(pool).await?;
    db::settings::update_registration(&mut tx, tenant_id, &settings).await?;
    let detail = serde_json::json!({"enabled": settings.enabled, "approval": settings.approval});
    db::audit::record(
        &mut tx,
        tenant_id,
        Some(staff_id),
        "settings.registration",
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
