//! Application entry (console, Store Admin): the upgrade to the brand's own
//! mini-program, and the official account with its service menu.

use crate::domain::entry::EntryView;
use crate::domain::menu::MenuResult;
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
        crate::service::entry::MINI_PROGRAM,
    )
    .await
}

/// "Link an official account": WeChat's authorization page for official
/// accounts; the return comes back marked `kind=official`.
#[server(endpoint = "console/entry_official_link")]
pub async fn entry_official_link() -> Result<String, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    use crate::error::SettingsError;
    let (state, staff) = staff_with(Permission::SettingsWrite).await?;
    let base = public_url(&state).ok_or(SettingsError::WeChatUnavailable)?;
    crate::service::entry::authorization_link(
        &state,
        staff.tenant_id,
        &format!("{base}{ENTRY_PAGE}?kind=official"),
        crate::service::entry::OFFICIAL_ACCOUNT,
    )
    .await
}

/// WeChat sent the admin back from linking an official account.
#[server(endpoint = "console/entry_official_authorized")]
pub async fn entry_official_authorized(auth_code: String) -> Result<EntryView, AppError> {
    use super::ctx::*;
    let (state, staff) = staff_with(crate::domain::permissions::Permission::SettingsWrite).await?;
    let code = crate::domain::validate::required_text("auth_code", &auth_code, 512)?;
    let view = crate::service::entry::official_authorized(&state, staff.tenant_id, &code).await?;
    Ok(finish(view, &state, &staff))
}

/// "Publish the menu" to the linked official account.
#[server(endpoint = "console/entry_publish_menu")]
pub async fn entry_publish_menu(menu: String) -> Result<MenuResult, AppError> {
    use super::ctx::*;
    let (state, staff) = staff_with(crate::domain::permissions::Permission::SettingsWrite).await?;
    crate::service::entry::publish_menu(&state, staff.tenant_id, &menu, request_lang()).await
}

/// The view in the reader's language, with the store's address for the menu.
#[cfg(feature = "ssr")]
fn finish(
    mut view: EntryView,
    state: &crate::state::AppState,
    staff: &crate::db::staff::StaffCtx,
) -> EntryView {
    use super::ctx::{public_url, request_lang};
    let base = public_url(state).unwrap_or_default();
    view.store_url = format!("{base}/s/{}", staff.store_slug);
    view.localized(request_lang())
}

/// The brand's entry: platform or dedicated mode, and what to tell the admin.
#[server(endpoint = "console/entry")]
pub async fn entry() -> Result<EntryView, AppError> {
    use super::ctx::*;
    let (state, staff) = staff_with(crate::domain::permissions::Permission::SettingsWrite).await?;
    crate::service::entry::view(&state, staff.tenant_id)
        .await
        .map(|v| finish(v, &state, &staff))
}

/// WeChat sent the admin back with `auth_code`: fetch and check the grant.
#[server(endpoint = "console/entry_authorized")]
pub async fn entry_authorized(auth_code: String) -> Result<EntryView, AppError> {
    use super::ctx::*;
    let (state, staff) = staff_with(crate::domain::permissions::Permission::SettingsWrite).await?;
    let code = crate::domain::validate::required_text("auth_code", &auth_code, 512)?;
    crate::service::entry::authorized(&state, staff.tenant_id, &code)
        .await
        .map(|v| finish(v, &state, &staff))
}

/// "Authorized": check the waiting grant again.
#[server(endpoint = "console/entry_check")]
pub async fn entry_check() -> Result<EntryView, AppError> {
    use super::ctx::*;
    let (state, staff) = staff_with(crate::domain::permissions::Permission::SettingsWrite).await?;
    crate::service::entry::check(&state, staff.tenant_id)
        .await
        .map(|v| finish(v, &state, &staff))
}

/// Back to the platform's mini-program.
#[server(endpoint = "console/entry_use_platform")]
pub async fn entry_use_platform() -> Result<EntryView, AppError> {
    use super::ctx::*;
    let (state, staff) = staff_with(crate::domain::permissions::Permission::SettingsWrite).await?;
    crate::service::entry::use_platform(&state, staff.tenant_id)
        .await
        .map(|v| finish(v, &state, &staff))
}
