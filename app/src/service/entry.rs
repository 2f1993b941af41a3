//! (ssr) Application entry: a brand's store reaches its distributors through
//! the platform's mini-program, or (dedicated mode) through the brand's own,
//! authorized to the platform's third-party platform. Here: what WeChat
//! pushes to the platform's event URL, the third-party platform's token, and
//! the link that starts an upgrade.

use crate::db;
use crate::domain::entry::{
    check_grant, principal_differs, DedicatedApp, EntryNotice, EntryView, OfficialAccount,
    OfficialView,
};
use crate::domain::menu::{check_menu, refusal_message, MenuResult};
use crate::error::{AppError, SettingsError};
use crate::i18n::{EntryMsg, Lang};
use crate::ports::wechat::{ComponentEvent, MiniSession, PhoneInfo, WeChatError};
use crate::service::wechat_tokens::{refreshing_once, shared_token};
use crate::state::AppState;

/// WeChat's `auth_type` for a mini-program, and for an official account.
pub const MINI_PROGRAM: u8 = 2;
pub const OFFICIAL_ACCOUNT: u8 = 1;

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

/// Runs a third-party platform call with the component token; a token
/// WeChat refuses is refreshed once (as `service::wechat::with_token` does
/// for the app's token).
async fn with_component_token<T, F, Fut>(state: &AppState, call: F) -> Result<T, WeChatError>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Result<T, WeChatError>>,
{
    refreshing_once(
        |stale: Option<String>| async move { component_token(state, stale.as_deref()).await },
        call,
    )
    .await
}

/// "Upgrade": a new pre-auth code for this brand and WeChat's authorization
/// page for it, which the admin opens by clicking (WeChat refuses a
/// redirect). WeChat sends them back to `return_url` with `auth_code`.
/// `auth_type` [`MINI_PROGRAM`] for the upgrade, [`OFFICIAL_ACCOUNT`] to
/// link an official account.
pub async fn authorization_link(
    state: &AppState,
    tenant_id: i64,
    return_url: &str,
    auth_type: u8,
) -> Result<String, AppError> {
    let code = pre_auth_code(state).await.map_err(entry_unavailable)?;
    db::entry::remember_pre_auth_code(&state.pool, &code, tenant_id, auth_type).await?;
    state
        .wechat
        .authorize_url(&code, return_url, auth_type)
        .ok_or_else(|| SettingsError::WeChatUnavailable.into())
}

/// A pre-auth code; a token WeChat refuses is refreshed once.
async fn pre_auth_code(state: &AppState) -> Result<String, WeChatError> {
    with_component_token(state, |token| async move {
        state.wechat.pre_auth_code(&token).await
    })
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
            authorizer_appid,
            code,
            pre_auth_code,
        } => {
            // The admin's return brings the same code; whichever comes
            // second finds the grant taken (see `authorized`).
            match db::entry::tenant_for_pre_auth_code(&state.pool, &pre_auth_code).await? {
                Some((tenant_id, kind)) if kind == i64::from(OFFICIAL_ACCOUNT) => {
                    official_authorized(state, tenant_id, &code)
                        .await
                        .map(|_| ())
                }
                Some((tenant_id, _)) => authorized(state, tenant_id, &code).await.map(|_| ()),
                None => {
                    tracing::info!(appid = %authorizer_appid, "authorization pushed for no brand's pre-auth code");
                    Ok(())
                }
            }
        }
        ComponentEvent::Other(info_type) => {
            tracing::debug!(%info_type, "component push left alone");
            Ok(())
        }
    }
}

/// What the application entry page shows this brand: its mode, its
/// official account, and what a menu button opens (`store_url` is the
/// store's web address, the button's fallback).
pub async fn view(state: &AppState, tenant_id: i64) -> Result<EntryView, AppError> {
    let mut view = db::entry::view(&state.pool, tenant_id).await?;
    let mini_principal = view.dedicated.as_ref().map(|d| d.principal.as_str());
    view.official = db::entry::official(&state.pool, tenant_id)
        .await?
        .map(|row| OfficialView {
            principal_differs: principal_differs(&row.principal, mini_principal),
            account: OfficialAccount {
                appid: row.appid,
                nick_name: row.nick_name,
                principal: row.principal,
            },
            menu: row.menu,
            principal_warning: None,
        });
    view.menu_appid = match &view.dedicated {
        Some(app) => app.appid.clone(),
        None => state.wechat.appid().to_string(),
    };
    Ok(view)
}

/// WeChat sent the admin back from linking an official account: fetch the
/// grant and who it is; a mini-program, or an account another brand has,
/// is refused with a notice. A differing principal is linked with a warning.
pub async fn official_authorized(
    state: &AppState,
    tenant_id: i64,
    auth_code: &str,
) -> Result<EntryView, AppError> {
    let grant = with_component_token(state, |token| async move {
        state.wechat.query_auth(&token, auth_code).await
    })
    .await;
    let grant = match grant {
        Ok(grant) => grant,
        // A reload or a second delivery of the same code: the page as it is.
        Err(WeChatError::Refused { .. } | WeChatError::CodeRefused(_)) => {
            return view(state, tenant_id).await
        }
        Err(e) => return Err(entry_unavailable(e)),
    };
    let info = with_component_token(state, |token| {
        let appid = grant.authorizer_appid.clone();
        async move { state.wechat.authorizer_info(&token, &appid).await }
    })
    .await
    .map_err(entry_unavailable)?;
    let name = info.nick_name.clone();
    if info.mini_program {
        let notice = EntryNotice::NotOfficialAccount { name };
        db::entry::set_notice(&state.pool, tenant_id, Some(&notice)).await?;
        return view(state, tenant_id).await;
    }
    let account = OfficialAccount {
        appid: info.appid,
        nick_name: info.nick_name,
        principal: info.principal,
    };
    let newest = if info.refresh_token.is_empty() {
        grant.refresh_token
    } else {
        info.refresh_token
    };
    if !db::entry::link_official(&state.pool, tenant_id, &account, &newest).await? {
        let notice = EntryNotice::OfficialTaken { name };
        db::entry::set_notice(&state.pool, tenant_id, Some(&notice)).await?;
    }
    view(state, tenant_id).await
}

/// An authorized account's access token, shared by every app server like
/// the others; fetching keeps the refresh token WeChat hands back. The
/// fetch itself needs the component token, which WeChat may have rotated
/// too: it is refreshed once, like any other.
async fn authorizer_token(
    state: &AppState,
    appid: &str,
    refresh_token: &str,
    stale: Option<&str>,
) -> Result<String, WeChatError> {
    let fetch = || async {
        let fresh = with_component_token(state, |component| async move {
            state
                .wechat
                .authorizer_token(&component, appid, refresh_token)
                .await
        })
        .await?;
        if fresh.refresh_token != refresh_token {
            db::entry::keep_refresh_token(&state.pool, appid, &fresh.refresh_token)
                .await
                .map_err(|e| WeChatError::Unavailable(format!("refresh token store: {e}")))?;
        }
        Ok(fresh.token)
    };
    shared_token(state, &format!("authorizer:{appid}"), stale, fetch).await
}

/// A login in the brand's own mini-program (dedicated mode): its login
/// code goes through the third-party platform (`sns/component/jscode2session`
/// with the component token) and its phone code with the mini-program's
/// authorizer token. `None`: `appid` is not this brand's mini-program.
pub async fn brand_login_codes(
    state: &AppState,
    tenant_id: i64,
    appid: &str,
    login_code: &str,
    phone_code: &str,
) -> Result<Option<(MiniSession, PhoneInfo)>, WeChatError> {
    let refresh = db::entry::app_refresh_token(&state.pool, tenant_id, appid)
        .await
        .map_err(|e| WeChatError::Unavailable(format!("store apps: {e}")))?;
    let Some(refresh) = refresh else {
        return Ok(None);
    };
    let session = with_component_token(state, |token| async move {
        state
            .wechat
            .component_code_to_session(&token, appid, login_code)
            .await
    })
    .await?;
    let phone = refreshing_once(
        |stale: Option<String>| {
            let refresh = refresh.clone();
            async move { authorizer_token(state, appid, &refresh, stale.as_deref()).await }
        },
        |token| async move { state.wechat.phone_number(&token, phone_code).await },
    )
    .await?;
    Ok(Some((session, phone)))
}

/// "Publish the menu": checked against WeChat's limits, then pushed with
/// the official account's token. WeChat's refusals come back in plain words.
pub async fn publish_menu(
    state: &AppState,
    tenant_id: i64,
    menu: &str,
    lang: Lang,
) -> Result<MenuResult, AppError> {
    let refused = |message: String| MenuResult {
        published: false,
        message,
    };
    let checked = match check_menu(menu) {
        Ok(checked) => serde_json::to_string_pretty(&checked).unwrap_or_default(),
        Err(problem) => return Ok(refused(problem.message(lang))),
    };
    let official = db::entry::official(&state.pool, tenant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (appid, refresh) = (official.appid.as_str(), official.refresh_token.as_str());
    let pushed = refreshing_once(
        |stale: Option<String>| async move {
            authorizer_token(state, appid, refresh, stale.as_deref()).await
        },
        |token| {
            let checked = checked.clone();
            async move { state.wechat.create_menu(&token, &checked).await }
        },
    )
    .await;
    match pushed {
        Ok(()) => {
            db::entry::set_menu(&state.pool, tenant_id, &checked).await?;
            Ok(MenuResult {
                published: true,
                message: EntryMsg::MenuPublished.text(lang).to_string(),
            })
        }
        Err(WeChatError::Refused { code, .. }) => Ok(refused(refusal_message(code, lang))),
        Err(e) => Err(entry_unavailable(e)),
    }
}

/// WeChat sent the admin back with `auth_code`: the grant is fetched, kept
/// as pending, and checked. Coming back twice with the same code (a reload)
/// shows the page as it is; a code WeChat no longer takes says to start again.
pub async fn authorized(
    state: &AppState,
    tenant_id: i64,
    auth_code: &str,
) -> Result<EntryView, AppError> {
    let grant = with_component_token(state, |token| async move {
        state.wechat.query_auth(&token, auth_code).await
    })
    .await;
    match grant {
        Ok(grant) => {
            db::entry::set_pending(
                &state.pool,
                tenant_id,
                &grant.authorizer_appid,
                &grant.refresh_token,
            )
            .await?;
            check(state, tenant_id).await
        }
        Err(WeChatError::Refused { .. } | WeChatError::CodeRefused(_)) => {
            db::entry::expired_unless_granted(&state.pool, tenant_id).await?;
            view(state, tenant_id).await
        }
        Err(e) => Err(entry_unavailable(e)),
    }
}

/// "Authorized": checks the waiting grant again (the admin may have
/// verified the mini-program or unbound another platform meanwhile) and
/// takes it when it passes.
pub async fn check(state: &AppState, tenant_id: i64) -> Result<EntryView, AppError> {
    let Some((appid, refresh_token)) = db::entry::pending(&state.pool, tenant_id).await? else {
        return view(state, tenant_id).await;
    };
    let info = with_component_token(state, |token| {
        let appid = appid.clone();
        async move { state.wechat.authorizer_info(&token, &appid).await }
    })
    .await
    .map_err(entry_unavailable)?;
    match check_grant(
        &info.nick_name,
        info.mini_program,
        info.verified,
        &info.sets,
    ) {
        Err(notice) => db::entry::set_notice(&state.pool, tenant_id, Some(&notice)).await?,
        Ok(()) => {
            let app = DedicatedApp {
                appid: info.appid,
                nick_name: info.nick_name,
                head_img: info.head_img,
                principal: info.principal,
                sets: info.sets,
            };
            // WeChat's answer carries the newest refresh token; keep that one.
            let newest = if info.refresh_token.is_empty() {
                refresh_token
            } else {
                info.refresh_token
            };
            let adopted = db::entry::adopt(&state.pool, tenant_id, &app, &newest).await?;
            if adopted.is_ok() {
                tracing::info!(tenant_id, appid = %app.appid, "dedicated mini-program adopted");
            }
        }
    }
    view(state, tenant_id).await
}

/// Back to the platform's mini-program (the brand's own stays authorized
/// on WeChat's side until its admin withdraws it).
pub async fn use_platform(state: &AppState, tenant_id: i64) -> Result<EntryView, AppError> {
    db::entry::use_platform(&state.pool, tenant_id).await?;
    view(state, tenant_id).await
}
