//! (ssr) Application entry: a brand's store reaches its distributors through
//! the platform's mini-program, or (dedicated mode) through the brand's own,
//! authorized to the platform's third-party platform. Here: what WeChat
//! pushes to the platform's event URL, the third-party platform's token, and
//! the link that starts an upgrade.

use crate::db;
use crate::error::{AppError, SettingsError};
use crate::ports::wechat::{ComponentEvent, WeChatError};
use crate::service::wechat::{refreshing_once, shared_token};
use crate::state::AppState;

/// WeChat's `auth_type` for a mini-program.
pub const MINI_PROGRAM: u8 = 2;

/// The third-party platform's token, shared by every app server like an
/// app's access token, fetched with the newest ticket WeChat pushed.
pub async fn component_token(state: &AppState, stale: Option<&str>) -> Result<String, WeChatError> {
    let appid = state
        .wechat
        .component_appid()
        .ok_or(WeChatError::NotConfigured)?
        .to_string();
    let fetch = || async {
        let ticket = db::entry::ticket(&state.pool, &appid)
            .await
            .map_err(|e| WeChatError::Unavailable(format!("ticket store: {e}")))?
            .ok_or_else(|| {
                WeChatError::Unavailable("no component_verify_ticket pushed yet".into())
            })?;
        state.wechat.fetch_component_token(&ticket).await
    };
    shared_token(state, &appid, stale, fetch).await
}

/// "Upgrade": a new pre-auth code for this brand and WeChat's authorization
/// page for it, which the admin opens by clicking (WeChat refuses a
/// redirect). WeChat sends them back to `return_url` with `auth_code`.
pub async fn authorization_link(
    state: &AppState,
    tenant_id: i64,
    return_url: &str,
) -> Result<String, AppError> {
    let code = pre_auth_code(state).await.map_err(entry_unavailable)?;
    db::entry::remember_pre_auth_code(&state.pool, &code, tenant_id, MINI_PROGRAM).await?;
    state
        .wechat
        .authorize_url(&code, return_url, MINI_PROGRAM)
        .ok_or_else(|| SettingsError::WeChatUnavailable.into())
}

/// A pre-auth code; a token WeChat refuses is refreshed once.
async fn pre_auth_code(state: &AppState) -> Result<String, WeChatError> {
    refreshing_once(
        |stale: Option<String>| async move { component_token(state, stale.as_deref()).await },
        |token| async move { state.wechat.pre_auth_code(&token).await },
    )
    .await
}

fn entry_unavailable(e: WeChatError) -> AppError {
    tracing::warn!(error = %e, "third-party platform call failed");
    SettingsError::WeChatUnavailable.into()
}

/// Handles one push. Pushes repeat (WeChat retries, and the `authorized`
/// push carries the same code as the admin's return), so each is idempotent.
pub async fn on_component_event(
    state: &AppState,
    component_appid: &str,
    event: ComponentEvent,
) -> Result<(), AppError> {
    match event {
        ComponentEvent::Ticket(ticket) => {
            db::entry::store_ticket(&state.pool, component_appid, &ticket, db::now()).await
        }
        ComponentEvent::Unauthorized { authorizer_appid } => {
            if let Some(tenant) = db::entry::unauthorize(&state.pool, &authorizer_appid).await? {
                tracing::info!(tenant, appid = %authorizer_appid, "mini-program unauthorized: back to platform mode");
            }
            Ok(())
        }
        ComponentEvent::Authorized {
            authorizer_appid, ..
        } => {
            // The grant is checked and kept when the admin comes back to the
            // application entry page with the same code.
            tracing::info!(appid = %authorizer_appid, "authorization pushed");
            Ok(())
        }
        ComponentEvent::Other(info_type) => {
            tracing::debug!(%info_type, "component push left alone");
            Ok(())
        }
    }
}
