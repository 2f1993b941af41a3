//! Console: store settings (guest mode now; self-registration next) and the
//! audit log of changes.

use crate::domain::settings::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "console/guest_settings")]
pub async fn get_guest_settings() -> Result<GuestSettings, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::SettingsWrite).await?;
    crate::db::settings::guest(&state.pool, staff.tenant_id).await
}

/// Turns guest mode on or off. On needs a guest Account with a price list, so
/// guests never see a store without prices.
#[server(endpoint = "console/save_guest_settings")]
pub async fn save_guest_settings(
    enabled: bool,
    guest_account_id: Option<i64>,
    prompt_zh: String,
    prompt_en: String,
) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    use crate::domain::validate::optional_text;
    let (state, staff) = staff_with(Permission::SettingsWrite).await?;
    let prompt_zh = optional_text("prompt_zh", &prompt_zh, 200)?.unwrap_or_default();
    let prompt_en = optional_text("prompt_en", &prompt_en, 300)?.unwrap_or_default();
    let change = crate::service::settings::GuestChange {
        enabled,
        guest_account_id,
        prompt_zh: &prompt_zh,
        prompt_en: &prompt_en,
    };
    crate::service::settings::save_guest(&state.pool, staff.tenant_id, staff.staff_id, change).await
}

#[server(endpoint = "console/audit")]
pub async fn audit_log(page: u32) -> Result<Vec<AuditEntry>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::SettingsWrite).await?;
    let page = page.clamp(1, 100_000);
    crate::db::audit::list(&state.pool, staff.tenant_id, 50, i64::from(page - 1) * 50).await
}

#[server(endpoint = "console/login_channels")]
pub async fn get_login_channels() -> Result<LoginChannels, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::SettingsWrite).await?;
    crate::db::settings::login_channels(&state.pool, staff.tenant_id).await
}

#[server(endpoint = "console/save_login_channels")]
pub async fn save_login_channels(
    sms: bool,
    password: bool,
    mini_program: bool,
    wechat_qr: bool,
) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::SettingsWrite).await?;
    let channels = LoginChannels {
        sms,
        password,
        mini_program,
        wechat_qr,
    };
    crate::service::settings::save_login_channels(
        &state.pool,
        staff.tenant_id,
        staff.staff_id,
        channels,
    )
    .await
}

#[server(endpoint = "console/registration_settings")]
pub async fn get_registration_settings() -> Result<RegistrationSettings, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::SettingsWrite).await?;
    crate::db::settings::registration(&state.pool, staff.tenant_id).await
}

#[server(endpoint = "console/save_registration_settings")]
pub async fn save_registration_settings(enabled: bool, approval: bool) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::SettingsWrite).await?;
    crate::service::settings::save_registration(
        &state.pool,
        staff.tenant_id,
        staff.staff_id,
        RegistrationSettings { enabled, approval },
    )
    .await
}
