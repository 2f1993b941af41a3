//! (ssr) What every server function needs: state, the caller's store and
//! session, and turning an `AppError` into the right HTTP status.

use crate::db::{self, auth::SessionUser, tenants::Tenant};
use crate::error::AppError;
use crate::i18n::{Lang, LANG_COOKIE};
use crate::state::AppState;
use http::request::Parts;
use http::{header, HeaderValue, StatusCode};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

pub const SESSION_COOKIE: &str = "ol_session";
/// Console sessions use their own cookie, so a staff member can also test the store.
pub const CONSOLE_COOKIE: &str = "ol_console";

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

/// Runs a server function body; on error, sets the HTTP status the error deserves
/// (leptos_axum applies `ResponseOptions` to server function responses too).
pub async fn respond<T>(
    body: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    let result = body.await;
    if let Err(e) = &result {
        if let Some(res) = use_context::<ResponseOptions>() {
            res.set_status(StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST));
        }
    }
    result
}

pub fn cookie(name: &str) -> Option<String> {
    let parts = use_context::<Parts>()?;
    cookie_from_headers(&parts.headers, name)
}

pub fn cookie_from_headers(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The language the server chose for this request (set by the server's middleware).
pub fn request_lang() -> Lang {
    use_context::<Parts>()
        .and_then(|p| p.extensions.get::<Lang>().copied())
        .or_else(|| cookie(LANG_COOKIE).and_then(|c| Lang::from_tag(&c)))
        .unwrap_or_default()
}

pub fn client_ip() -> String {
    use_context::<Parts>()
        .and_then(|p| {
            p.extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

pub async fn tenant(state: &AppState, slug: &str) -> Result<Tenant, AppError> {
    db::tenants::by_slug(&state.pool, slug).await
}

/// The logged-in ordering account of this store, if any.
pub async fn session_user(
    state: &AppState,
    tenant: &Tenant,
) -> Result<Option<SessionUser>, AppError> {
    match cookie(SESSION_COOKIE) {
        Some(token) if !token.is_empty() => {
            db::auth::session_user(&state.pool, &state.config.secret, &token, tenant.id).await
        }
        _ => Ok(None),
    }
}

pub fn set_cookie(value: String) {
    if let (Some(res), Ok(v)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        res.append_header(header::SET_COOKIE, v);
    }
}

pub fn session_cookie(state: &AppState, token: &str, max_age: i64) -> String {
    let secure = if state.config.dev { "" } else { "; Secure" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

pub fn console_cookie(state: &AppState, token: &str, max_age: i64) -> String {
    let secure = if state.config.dev { "" } else { "; Secure" };
    format!("{CONSOLE_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// The logged-in staff member, or `NotLoggedIn`. Their brand scopes every query.
pub async fn current_staff(state: &AppState) -> Result<db::staff::StaffCtx, AppError> {
    let token = cookie(CONSOLE_COOKIE)
        .filter(|t| !t.is_empty())
        .ok_or(AppError::NotLoggedIn)?;
    db::staff::session_staff(&state.pool, &state.config.secret, &token)
        .await?
        .ok_or(AppError::NotLoggedIn)
}

/// The logged-in staff member, if they hold `permission`.
pub async fn staff_with(
    state: &AppState,
    permission: crate::domain::permissions::Permission,
) -> Result<db::staff::StaffCtx, AppError> {
    let staff = current_staff(state).await?;
    staff.require(permission)?;
    Ok(staff)
}

/// The Content-Security-Policy of a page the apps render: scripts only from
/// this site or carrying this render's nonce (Leptos's hydration and resource
/// scripts get it), WebAssembly allowed to compile, no inline styles, no
/// plugins, no `<base>`, forms only to this site, and no framing by anyone.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Headers of every server-rendered page, set from the apps' shells: its
/// policy (see [`page_policy`]) and no caching of the HTML, which carries the
/// viewer's own prices.
pub fn set_page_headers() {
    let Some(res) = use_context::<ResponseOptions>() else {
        return;
    };
    if let Some(nonce) = leptos::nonce::use_nonce() {
        if let Ok(v) = HeaderValue::from_str(&page_policy(&nonce)) {
            res.insert_header(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    res.insert_header(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
}
