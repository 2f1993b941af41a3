//! Application entry (console, Store Admin): the upgrade to the brand's own
//! mini-program.

use crate::domain::entry::EntryView;
use crate::error::AppError;
use leptos::prelude::*;

/// The console page WeChat's authorization page sends the admin back to.
pub const ENTRY_PAGE: &str = "/console/settings/entry";

/// "Upgrade": WeChat's authorization page for a new pre-auth code, for the
/// admin to click.
#[server(endpoint = "console/entry_authorization_link")]
pub async fn entry_authorization_link() -> Result<String, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    use crate::error::SettingsError;
    let (state, staff) = staff_with(Permission::SettingsWrite).await?;
    let base = public_url(&state).ok_or(SettingsError::WeChatUnavailable)?;
    crate::service::entry::authorization_link(
        &state,
        staff.tenant_id,
        &format!("{base}{ENTRY_PAGE}"),
    )
    .await
}

/// The brand's entry: platform or dedicated mode, and what to tell the admin.
#[server(endpoint = "console/entry")]
pub async fn entry() -> Result<EntryView, AppError> {
    use super::ctx::*;
    let (state, staff) = staff_with(crate::domain::permissions::Permission::SettingsWrite).await?;
    crate::service::entry::view(&state, staff.tenant_id)
        .await
        .map(|v| v.localized(request_lang()))
}

/// WeChat sent the admin back with `auth_code`: fetch and check the grant.
#[server(endpoint = "console/entry_authorized")]
pub async fn entry_authorized(auth_code: String) -> Result<EntryView, AppError> {
    use super::ctx::*;
    let (state, staff) = staff_with(crate::domain::permissions::Permission::SettingsWrite).await?;
    let code = crate::domain::validate::required_text("auth_code", &auth_code, 512)?;
    crate::service::entry::authorized(&state, staff.tenant_id, &code)
        .await
        .map(|v| v.localized(request_lang()))
}

/// "Authorized": check the waiting grant again.
#[server(endpoint = "console/entry_check")]
pub async fn entry_check() -> Result<EntryView, AppError> {
    use super::ctx::*;
    let (state, staff) = staff_with(crate::domain::permissions::Permission::SettingsWrite).await?;
    crate::service::entry::check(&state, staff.tenant_id)
        .await
        .map(|v| v.localized(request_lang()))
}

/// Back to the platform's mini-program.
#[server(endpoint = "console/entry_use_platform")]
pub async fn entry_use_platform() -> Result<EntryView, AppError> {
    use super::ctx::*;
    let (state, staff) = staff_with(crate::domain::permissions::Permission::SettingsWrite).await?;
    crate::service::entry::use_platform(&state, staff.tenant_id)
        .await
        .map(|v| v.localized(request_lang()))
}
