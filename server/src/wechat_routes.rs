//! WeChat login's two doors. The platform mini-program's login page posts
//! the codes WeChat gave it to `POST /api/wechat/phone-ticket` and gets a
//! one-time ticket; it then reloads the store's web-view at
//! `/s/{store}/enter?ticket=…&next=…`, which logs the person in (or sends an
//! unknown phone to self-registration) and goes on to `next`. The contract
//! is written down in `docs/miniprogram-shell.md`.

use crate::form_answers::{see_with_cookie, see_with_cookies};
use app::api::ctx::{cookie_from_headers, public_url_of, tenant, SESSION_COOKIE};
use app::db::limits::{claim, Limit};
use app::domain::auth::LoginNext;
use app::error::{AppError, Invalid};
use app::page::encode_component;
use app::service::login::PhoneLogin;
use app::service::wechat::{
    enter_with_ticket, phone_ticket as issue_ticket, qr_callback as scanned, qr_start, QrLogin,
    PASS_COOKIE, QR_STATE_COOKIE,
};
use app::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use serde::Deserialize;
use std::net::SocketAddr;

/// Tickets one address may ask for per hour: each costs a phone-number call,
/// which WeChat bills.
const TICKETS_PER_IP_PER_HOUR: i64 = 60;
/// WeChat's codes are short; anything longer is not one.
const MAX_CODE_LEN: usize = 128;

#[derive(Deserialize)]
pub struct PhoneTicketRequest {
    /// No store: the platform mini-program was opened without a store link;
    /// the ticket is for the store picker, `/lite/enter`.
    #[serde(default)]
    store: Option<String>,
    /// The mini-program the codes come from (the shell's own appid): the
    /// platform's when absent, else a brand's own in dedicated mode.
    #[serde(default)]
    appid: Option<String>,
    phone_code: String,
    login_code: String,
}

fn code(field: &str, value: &str) -> Result<(), AppError> {
    let reason = if value.trim().is_empty() {
        Invalid::Required
    } else if value.len() > MAX_CODE_LEN {
        Invalid::TooLong
    } else {
        return Ok(());
    };
    Err(AppError::Invalid {
        field: field.into(),
        reason,
    })
}

/// `POST /api/wechat/phone-ticket`, JSON `{store?, phone_code, login_code}`:
/// `{ticket, expires_in}`, or the error's JSON with its status.
pub async fn phone_ticket(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Result<Json<PhoneTicketRequest>, JsonRejection>,
) -> Response {
    // A body that is not this JSON gets the same `{"code": …}` answer as every refusal.
    let Ok(Json(req)) = body else {
        return AppError::BadRequest {
            detail: "expected JSON {store, phone_code, login_code}".into(),
        }
        .into_response();
    };
    match issue(&state, peer, &req).await {
        Ok(ticket) => Json(serde_json::json!({
            "ticket": ticket,
            "expires_in": app::db::wechat::TICKET_TTL_SECS,
        }))
        .into_response(),
        Err(e) => e.into_response(),
    }
}

async fn issue(
    state: &AppState,
    peer: SocketAddr,
    req: &PhoneTicketRequest,
) -> Result<String, AppError> {
    code("phone_code", &req.phone_code)?;
    code("login_code", &req.login_code)?;
    if let Some(appid) = req.appid.as_deref().filter(|a| !a.is_empty()) {
        code("appid", appid)?;
    }
    let store = match req.store.as_deref().filter(|s| !s.is_empty()) {
        Some(slug) => Some(tenant(state, slug).await?),
        None => None,
    };
    let limit = Limit::new(
        format!("wechat-ticket:ip:{}", peer.ip()),
        3600,
        TICKETS_PER_IP_PER_HOUR,
    );
    let mut conn = state.pool.acquire().await?;
    if let Err(retry_after_secs) = claim(&mut conn, &limit).await? {
        tracing::warn!(
            retry_after_secs,
            "phone tickets from one address over the hourly limit"
        );
        return Err(app::error::LoginError::Busy.into());
    }
    drop(conn);
    issue_ticket(
        state,
        store.as_ref(),
        req.appid.as_deref().map(str::trim),
        req.phone_code.trim(),
        req.login_code.trim(),
    )
    .await
}

#[derive(Deserialize)]
pub struct EnterQuery {
    #[serde(default)]
    ticket: String,
    #[serde(default)]
    next: Option<String>,
}

/// `GET /s/{store}/enter?ticket=…&next=…`: the web-view's way in. A refused
/// ticket goes to the login page with its reason.
pub async fn enter(
    State(state): State<AppState>,
    Path(store): Path<String>,
    Query(q): Query<EnterQuery>,
    headers: HeaderMap,
) -> Response {
    let next = app::store::login::safe_next(&store, q.next.as_deref());
    let login = async {
        let tenant = tenant(&state, &store).await?;
        let old = cookie_from_headers(&headers, SESSION_COOKIE);
        enter_with_ticket(&state, &tenant, q.ticket.trim(), old.as_deref()).await
    }
    .await;
    match login {
        Ok(entered) => {
            let to = after_login(&store, &entered.login, next);
            see_with_cookies(&to, &[&entered.login.set_cookie, &entered.pass_cookie])
        }
        Err(e) => back_to_login(&store, &next, e),
    }
}

/// Where a WeChat-verified phone goes in a store: on to `next`, or to
/// self-registration when the store does not know it.
fn after_login(store: &str, login: &PhoneLogin, next: String) -> String {
    match login.next {
        LoginNext::Store => next,
        LoginNext::Register => format!("/s/{store}/register"),
        LoginNext::RegistrationStatus => format!("/s/{store}/register/status"),
    }
}

/// A refused login goes back to the login page with its reason; an unknown
/// store is a 404.
fn back_to_login(store: &str, next: &str, e: AppError) -> Response {
    if let AppError::Catalogue(e) = e {
        return AppError::Catalogue(e).into_response();
    }
    let json = serde_json::to_string(&e).unwrap_or_default();
    let login = format!(
        "/s/{store}/login?next={}&error={}",
        encode_component(next),
        encode_component(&json)
    );
    Redirect::to(&login).into_response()
}

#[derive(Deserialize)]
pub struct QrQuery {
    #[serde(default)]
    next: Option<String>,
}

/// `GET /s/{store}/wechat/qr?next=…`: "Scan with WeChat" goes to WeChat's QR
/// page, with a state this browser keeps in a cookie.
pub async fn qr(
    State(state): State<AppState>,
    Path(store): Path<String>,
    Query(q): Query<QrQuery>,
    headers: HeaderMap,
) -> Response {
    let next = app::store::login::safe_next(&store, q.next.as_deref());
    let start = async {
        let tenant = tenant(&state, &store).await?;
        let base =
            public_url_of(&state, &headers).ok_or(app::error::LoginError::WeChatUnavailable)?;
        qr_start(&state, &tenant, &base, &next).await
    }
    .await;
    match start {
        Ok(start) => see_with_cookie(&start.url, &start.set_cookie),
        Err(e) => back_to_login(&store, &next, e),
    }
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    #[serde(default)]
    code: String,
    #[serde(default)]
    state: String,
}

/// `GET /s/{store}/wechat/callback?code=…&state=…`: WeChat sends the scanner
/// back. A bound openid is logged in; a first-time scanner goes to the SMS
/// login once, which binds the openid to their ordering account.
pub async fn qr_callback(
    State(state): State<AppState>,
    Path(store): Path<String>,
    Query(q): Query<CallbackQuery>,
    headers: HeaderMap,
) -> Response {
    let login = async {
        let tenant = tenant(&state, &store).await?;
        let browser_state = cookie_from_headers(&headers, QR_STATE_COOKIE);
        let old = cookie_from_headers(&headers, SESSION_COOKIE);
        scanned(
            &state,
            &tenant,
            q.code.trim(),
            q.state.trim(),
            browser_state.as_deref(),
            old.as_deref(),
        )
        .await
    }
    .await;
    match login {
        Ok(QrLogin::LoggedIn { next, set_cookie }) => see_with_cookie(&next, &set_cookie),
        Ok(QrLogin::NeedsPhone { next, set_cookie }) => {
            let login = format!(
                "/s/{store}/login?bind=wechat&next={}",
                encode_component(&next)
            );
            see_with_cookie(&login, &set_cookie)
        }
        Err(e) => back_to_login(&store, &format!("/s/{store}"), e),
    }
}

#[derive(Deserialize)]
pub struct LiteEnterQuery {
    #[serde(default)]
    ticket: String,
}

/// `GET /lite/enter?ticket=…`: the platform mini-program's web-view, opened
/// without a store, comes back with a ticket for no store. The phone gets a
/// pass to its stores: with one store it goes straight in, with several
/// (or none) to the picker. A refused ticket goes to the picker with its reason.
pub async fn lite_enter(
    State(state): State<AppState>,
    Query(q): Query<LiteEnterQuery>,
    headers: HeaderMap,
) -> Response {
    let old = cookie_from_headers(&headers, SESSION_COOKIE);
    match app::service::lite::enter(&state, q.ticket.trim(), old.as_deref()).await {
        Ok(entered) => match entered.only_store {
            Some((store, login)) => {
                let to = after_login(&store, &login, format!("/s/{store}"));
                see_with_cookies(&to, &[&login.set_cookie, &entered.pass_cookie])
            }
            None => see_with_cookie(LITE, &entered.pass_cookie),
        },
        Err(e) => back_to_lite(e),
    }
}

#[derive(Deserialize)]
pub struct ChooseForm {
    #[serde(default)]
    store: String,
}

/// `POST /lite/choose` (form `store=…`): the picker's choice. The pass's
/// phone logs into that store (or goes to its registration). The pass cookie
/// is `SameSite=Lax`, so another site cannot post this for a visitor.
pub async fn lite_choose(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<ChooseForm>,
) -> Response {
    let pass = cookie_from_headers(&headers, PASS_COOKIE);
    let old = cookie_from_headers(&headers, SESSION_COOKIE);
    let store = form.store.trim();
    match app::service::lite::choose(&state, pass.as_deref(), store, old.as_deref()).await {
        Ok(login) => {
            let to = after_login(store, &login, format!("/s/{store}"));
            see_with_cookie(&to, &login.set_cookie)
        }
        Err(e) => back_to_lite(e),
    }
}

const LITE: &str = "/lite";

/// The picker again, with the reason in the query as the store's pages show it.
fn back_to_lite(e: AppError) -> Response {
    let json = serde_json::to_string(&e).unwrap_or_default();
    Redirect::to(&format!("{LITE}?error={}", encode_component(&json))).into_response()
}
