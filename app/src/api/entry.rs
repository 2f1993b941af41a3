//! Application entry (console, Store Admin): the upgrade to the brand's own
//! mini-program.

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
