//! (ssr) WeChat login: the access token all app servers share, and the
//! mini-program's phone login (a phone code and a login code in, a one-time
//! ticket for the store's web-view out, the ticket into a session).
//!
//! The app's token is shared by every app server and refreshed once when
//! WeChat refuses it (`service::wechat_tokens`).

use crate::db;
use crate::db::tenants::Tenant;
use crate::db::wechat::TicketPhone;
use crate::domain::credentials::normalize_phone;
use crate::error::{AppError, LoginError};
use crate::ports::wechat::{MiniSession, PhoneInfo, WeChatError};
use crate::service::login::{channel_on, cookie, rotate_session, verified_phone, PhoneLogin};
use crate::service::wechat_tokens::{refreshing_once, shared_token};
use crate::state::AppState;
use std::future::Future;

/// The app's current access token; `stale` is one WeChat just refused.
pub async fn access_token(state: &AppState, stale: Option<&str>) -> Result<String, WeChatError> {
    let appid = state.wechat.appid().to_string();
    shared_token(state, &appid, stale, || state.wechat.fetch_token()).await
}

/// Runs a call that needs the access token; a token WeChat refuses is
/// refreshed once and the call made again.
pub async fn with_token<T, F, Fut>(state: &AppState, call: F) -> Result<T, WeChatError>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<T, WeChatError>>,
{
    refreshing_once(
        |stale: Option<String>| async move { access_token(state, stale.as_deref()).await },
        call,
    )
    .await
}

/// The platform mini-program's codes: its own `jscode2session` and token.
async fn platform_codes(
    state: &AppState,
    phone_code: &str,
    login_code: &str,
) -> Result<(MiniSession, PhoneInfo), AppError> {
    let session = state
        .wechat
        .code_to_session(login_code)
        .await
        .map_err(login_error)?;
    let info = with_token(state, |token| async move {
        state.wechat.phone_number(&token, phone_code).await
    })
    .await
    .map_err(login_error)?;
    Ok((session, info))
}

/// What a person sees when WeChat says no.
fn login_error(e: WeChatError) -> AppError {
    match e {
        WeChatError::CodeRefused(_) => LoginError::WeChatCodeInvalid.into(),
        e => {
            tracing::warn!(error = %e, "wechat call failed");
            LoginError::WeChatUnavailable.into()
        }
    }
}

/// The mini-program's login page sends a phone code (the phone button) and a
/// login code (`wx.login`); the answer is a ticket for this store (or, with
/// no store, for the store picker `/lite`), good for one login within a
/// minute.
///
/// `appid` is the mini-program the codes come from, as the shell says: the
/// platform's (or none), or in dedicated mode the brand's own, whose codes
/// go through the third-party platform. A brand's mini-program opens only
/// its own store.
pub async fn phone_ticket(
    state: &AppState,
    tenant: Option<&Tenant>,
    appid: Option<&str>,
    phone_code: &str,
    login_code: &str,
) -> Result<String, AppError> {
    if let Some(tenant) = tenant {
        channel_on(tenant.login_mini_program)?;
    }
    let platform = state.wechat.appid();
    let (session, info) = match appid.filter(|a| !a.is_empty() && *a != platform) {
        None => platform_codes(state, phone_code, login_code).await?,
        Some(brand_app) => {
            let tenant = tenant.ok_or(LoginError::WeChatCodeInvalid)?;
            crate::service::entry::brand_login_codes(
                state, tenant.id, brand_app, login_code, phone_code,
            )
            .await
            .map_err(login_error)?
            .ok_or(LoginError::WeChatCodeInvalid)?
        }
    };
    // The phone code must be of the same mini-program as the login code.
    if Some(info.appid.as_str()) != appid.filter(|a| !a.is_empty()).or(Some(platform)) {
        return Err(LoginError::WeChatCodeInvalid.into());
    }
    // OrderLink's accounts are mainland phones; another country's is not one of them.
    if info.country_code.trim_start_matches('+') != "86" {
        return Err(LoginError::InvalidPhone.into());
    }
    let who = TicketPhone {
        phone: normalize_phone(&info.pure_phone)?,
        appid: info.appid,
        openid: session.openid,
    };
    let store = tenant.map(|t| t.id);
    db::wechat::create_ticket(&state.pool, &state.config.secret, store, &who).await
}

/// The cookie of the store picker's pass: a phone WeChat verified in the
/// mini-program, good for entering any of its stores for a working day.
pub const PASS_COOKIE: &str = "ol_lite";

/// A store's web-view came back with a ticket.
pub struct TicketLogin {
    pub login: PhoneLogin,
    /// The pass that lets the person switch to their other stores (`/lite`).
    pub pass_cookie: String,
}

/// The store's web-view comes back with the ticket: the phone's ordering
/// account is logged in (and its openid remembered), an unknown phone goes
/// to self-registration as an SMS-verified one does.
pub async fn enter_with_ticket(
    state: &AppState,
    tenant: &Tenant,
    ticket: &str,
    old_session: Option<&str>,
) -> Result<TicketLogin, AppError> {
    channel_on(tenant.login_mini_program)?;
    let who = db::wechat::use_ticket(&state.pool, &state.config.secret, Some(tenant.id), ticket)
        .await?
        .ok_or(LoginError::TicketInvalid)?;
    let login = enter_store(state, tenant, &who, old_session).await?;
    Ok(TicketLogin {
        login,
        pass_cookie: new_pass(state, &who).await?,
    })
}

/// Logs a WeChat-verified phone into a store: its ordering account (whose
/// openid is remembered), or self-registration for an unknown phone.
pub async fn enter_store(
    state: &AppState,
    tenant: &Tenant,
    who: &TicketPhone,
    old_session: Option<&str>,
) -> Result<PhoneLogin, AppError> {
    let (login, user) = verified_phone(state, tenant, &who.phone, old_session).await?;
    if let Some(user_id) = user {
        db::wechat::remember_openid(&state.pool, tenant.id, &who.appid, &who.openid, user_id)
            .await?;
    }
    Ok(login)
}

/// A pass for a verified phone: the `Set-Cookie` value.
pub async fn new_pass(state: &AppState, who: &TicketPhone) -> Result<String, AppError> {
    let token = db::lite::create_pass(&state.pool, &state.config.secret, who).await?;
    Ok(cookie(
        &state.config,
        PASS_COOKIE,
        &token,
        db::lite::PASS_TTL_SECS,
    ))
}

/// The cookie holding a QR login's state in the browser that asked for it.
pub const QR_STATE_COOKIE: &str = "ol_qr_state";
/// The cookie of a first-time scanner on their way to prove their phone.
pub const BIND_COOKIE: &str = "ol_wx_bind";

/// "Scan with WeChat": where to send the browser (WeChat's QR page), and the
/// cookie that ties WeChat's answer to this browser.
pub struct QrStart {
    pub url: String,
    pub set_cookie: String,
}

pub async fn qr_start(
    state: &AppState,
    tenant: &Tenant,
    public_url: &str,
    next: &str,
) -> Result<QrStart, AppError> {
    channel_on(tenant.login_wechat_qr)?;
    if state.wechat.web_appid().is_none() {
        return Err(LoginError::WeChatUnavailable.into());
    }
    let token =
        db::wechat::create_qr_state(&state.pool, &state.config.secret, tenant.id, next).await?;
    let redirect_uri = format!(
        "{}/s/{}/wechat/callback",
        public_url.trim_end_matches('/'),
        tenant.slug
    );
    let url = state
        .wechat
        .qr_url(&redirect_uri, &token)
        .ok_or(LoginError::WeChatUnavailable)?;
    Ok(QrStart {
        url,
        set_cookie: cookie(
            &state.config,
            QR_STATE_COOKIE,
            &token,
            db::wechat::QR_TTL_SECS,
        ),
    })
}

/// Where a scan leads.
pub enum QrLogin {
    /// The openid's ordering account is logged in; go on to `next`.
    LoggedIn { next: String, set_cookie: String },
    /// A first-time scanner: prove the phone by SMS once, which binds the openid.
    NeedsPhone { next: String, set_cookie: String },
}

/// WeChat sends the scanner back with a code and the state. The state must be
/// the one this browser was given (its cookie) and unused: another site
/// cannot log a victim into its own account by sending them a callback link.
pub async fn qr_callback(
    state: &AppState,
    tenant: &Tenant,
    code: &str,
    returned_state: &str,
    browser_state: Option<&str>,
    old_session: Option<&str>,
) -> Result<QrLogin, AppError> {
    channel_on(tenant.login_wechat_qr)?;
    if returned_state.is_empty() || browser_state != Some(returned_state) {
        return Err(LoginError::TicketInvalid.into());
    }
    let next =
        db::wechat::use_qr_state(&state.pool, &state.config.secret, tenant.id, returned_state)
            .await?
            .ok_or(LoginError::TicketInvalid)?;
    let appid = state
        .wechat
        .web_appid()
        .ok_or(LoginError::WeChatUnavailable)?
        .to_string();
    let openid = state.wechat.web_openid(code).await.map_err(login_error)?;
    match db::wechat::user_for_openid(&state.pool, tenant.id, &appid, &openid).await? {
        Some((_, true)) => Err(LoginError::AccountDisabled.into()),
        Some((user_id, false)) => Ok(QrLogin::LoggedIn {
            next,
            set_cookie: rotate_session(state, old_session, user_id, tenant.id).await?,
        }),
        None => {
            let token = db::wechat::create_bind(
                &state.pool,
                &state.config.secret,
                tenant.id,
                &appid,
                &openid,
            )
            .await?;
            Ok(QrLogin::NeedsPhone {
                next,
                set_cookie: cookie(&state.config, BIND_COOKIE, &token, db::wechat::QR_TTL_SECS),
            })
        }
    }
}

/// After an SMS login: binds a first-time scanner's openid (their bind
/// cookie) to the ordering account that just proved its phone.
pub async fn bind_after_sms(
    state: &AppState,
    tenant: &Tenant,
    bind_token: &str,
    user_id: i64,
) -> Result<(), AppError> {
    if let Some((appid, openid)) =
        db::wechat::use_bind(&state.pool, &state.config.secret, tenant.id, bind_token).await?
    {
        db::wechat::remember_openid(&state.pool, tenant.id, &appid, &openid, user_id).await?;
    }
    Ok(())
}
