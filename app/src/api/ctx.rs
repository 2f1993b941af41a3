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

pub use crate::service::login::{CONSOLE_COOKIE, SESSION_COOKIE};

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
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

/// The site's address as browsers reach it, for WeChat to send people back
/// to: the configured one, or in dev mode the address this request came to.
pub fn public_url(state: &AppState) -> Option<String> {
    let headers = use_context::<Parts>()
        .map(|p| p.headers)
        .unwrap_or_default();
    public_url_of(state, &headers)
}

/// [`public_url`] for a plain axum route, from the request's headers.
pub fn public_url_of(state: &AppState, headers: &http::HeaderMap) -> Option<String> {
    if let Some(url) = &state.config.public_url {
        return Some(url.trim_end_matches('/').to_string());
    }
    let host = headers.get(header::HOST)?.to_str().ok()?;
    state.config.dev.then(|| format!("http://{host}"))
}

pub async fn tenant(state: &AppState, slug: &str) -> Result<Tenant, AppError> {
    db::tenants::by_slug(&state.pool, slug).await
}

/// A store and the ordering account behind a session cookie's value, if it
/// is one of this store's. Both reads share one pool connection: sqlx pings
/// every connection it takes back, a round trip to SQLite's connection
/// thread each time.
async fn store_and_viewer(
    state: &AppState,
    slug: &str,
    token: Option<String>,
) -> Result<(Tenant, Option<SessionUser>), AppError> {
    let mut conn = state.pool.acquire().await?;
    let tenant = db::tenants::by_slug(&mut *conn, slug).await?;
    let user = match token {
        Some(token) if !token.is_empty() => {
            db::auth::session_user(&mut conn, &state.config.secret, &token, tenant.id).await?
        }
        _ => None,
    };
    Ok((tenant, user))
}

pub fn set_cookie(value: String) {
    if let (Some(res), Ok(v)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        res.append_header(header::SET_COOKIE, v);
    }
}

/// The staff member behind a request's console cookie. The one way anything
/// learns who is calling from the console: server functions through
/// [`staff_with`], plain axum routes (image upload) as an extractor.
pub struct Staff(pub db::staff::StaffCtx);

impl axum::extract::FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Staff, AppError> {
        let token = cookie_from_headers(&parts.headers, CONSOLE_COOKIE)
            .filter(|t| !t.is_empty())
            .ok_or(AppError::NotLoggedIn)?;
        db::staff::session_staff(&state.pool, &state.config.secret, &token)
            .await?
            .map(Staff)
            .ok_or(AppError::NotLoggedIn)
    }
}

/// A plain route's error answer: the status the error deserves and the same
/// JSON a server function sends.
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::BAD_REQUEST);
        (status, axum::Json(self)).into_response()
    }
}

/// How a console server function starts: the state and the calling staff
/// member, who must hold `permission`. Their brand scopes every query.
pub async fn staff_with(
    permission: crate::domain::permissions::Permission,
) -> Result<(AppState, db::staff::StaffCtx), AppError> {
    let (state, staff) = any_staff().await?;
    staff.require(permission)?;
    Ok((state, staff))
}

/// The state and the calling staff member, whatever their permissions.
pub async fn any_staff() -> Result<(AppState, db::staff::StaffCtx), AppError> {
    use axum::extract::FromRequestParts;
    let state = state()?;
    let mut parts = use_context::<Parts>().ok_or_else(|| {
        tracing::error!("request parts missing from context");
        AppError::Internal
    })?;
    let Staff(staff) = Staff::from_request_parts(&mut parts, &state).await?;
    Ok((state, staff))
}

/// The store and viewer a request already looked up. A page renders
/// several resources (the header, the page itself), each a server function
/// starting with [`shopper`]; they share one lookup instead of reading the
/// store and the session once each. One per request (put there by the
/// server's middleware), so nothing outlives the request or crosses users.
#[derive(Default)]
pub struct RequestMemo {
    shopper: tokio::sync::OnceCell<(String, Tenant, Option<SessionUser>)>,
}

impl RequestMemo {
    /// A request without a session cookie whose store the server already
    /// read (its page cache): the page's server functions take it from here.
    /// Without a cookie there is no one to look up, so the viewer is a guest.
    pub fn know_guest_store(&self, slug: &str, tenant: Tenant) {
        // Set once, before anything renders; a second call changes nothing.
        let _ = self.shopper.set((slug.to_string(), tenant, None));
    }
}

/// How a store server function starts: the state, the store, and who is
/// looking (`None` for a guest).
pub async fn shopper(store: &str) -> Result<(AppState, Tenant, Option<SessionUser>), AppError> {
    let state = state()?;
    let memo = use_context::<Parts>()
        .and_then(|p| p.extensions.get::<std::sync::Arc<RequestMemo>>().cloned());
    let load = || async {
        let (tenant, user) = store_and_viewer(&state, store, cookie(SESSION_COOKIE)).await?;
        Ok::<_, AppError>((store.to_string(), tenant, user))
    };
    let (slug, tenant, user) = match &memo {
        Some(memo) => memo.shopper.get_or_try_init(load).await?.clone(),
        None => load().await?,
    };
    // A request asks about one store; another one is looked up afresh.
    if slug != store {
        let (_, tenant, user) = load().await?;
        return Ok((state, tenant, user));
    }
    Ok((state, tenant, user))
}

/// A store server function for logged-in buyers only.
pub async fn buyer(store: &str) -> Result<(AppState, Tenant, SessionUser), AppError> {
    let (state, tenant, user) = shopper(store).await?;
    Ok((state, tenant, user.ok_or(AppError::NotLoggedIn)?))
}

/// A store server function for buyers whose role may place orders
/// (`store.orders.place`): the cart and checkout.
pub async fn orderer(store: &str) -> Result<(AppState, Tenant, SessionUser), AppError> {
    let (state, tenant, user) = buyer(store).await?;
    Ok((state, tenant, may_order(user)?))
}

fn may_order(user: SessionUser) -> Result<SessionUser, AppError> {
    if user.role_places_orders && !user.can_place_orders {
        return Err(crate::error::OrderingAccountError::NotLiaison.into());
    }
    if !user.can_place_orders {
        return Err(AppError::Forbidden {
            permission: crate::domain::permissions::Permission::StoreOrdersPlace
                .code()
                .to_string(),
        });
    }
    Ok(user)
}

/// [`buyer`] for the store's plain form posts (axum routes, no Leptos
/// context): the store and the logged-in buyer of these request headers.
pub async fn buyer_at(
    state: &AppState,
    store: &str,
    headers: &http::HeaderMap,
) -> Result<(Tenant, SessionUser), AppError> {
    let token = cookie_from_headers(headers, SESSION_COOKIE);
    let (tenant, user) = store_and_viewer(state, store, token).await?;
    Ok((tenant, user.ok_or(AppError::NotLoggedIn)?))
}

/// [`orderer`] for the store's plain form posts.
pub async fn orderer_at(
    state: &AppState,
    store: &str,
    headers: &http::HeaderMap,
) -> Result<(Tenant, SessionUser), AppError> {
    let (tenant, user) = buyer_at(state, store, headers).await?;
    Ok((tenant, may_order(user)?))
}

/// The Content-Security-Policy of a page the apps render: scripts only from
/// this site or carrying this render's nonce (Leptos's hydration and resource
/// scripts get it), WebAssembly allowed to compile, images from this site
/// and WeChat's image hosts, no inline styles, no
/// plugins, no `<base>`, forms only to this site. The page carries it twice:
/// in a `<meta>` element (see [`page_policy_meta`]), which travels with the
/// HTML itself, and as a header with `frame-ancestors 'none'` added (a
/// `<meta>` policy may not say that).
pub fn page_policy(nonce: &str) -> String {
    // A dedicated mini-program's icon comes from WeChat's image hosts.
    let wechat_images = crate::domain::branding::WECHAT_IMAGE_HOSTS
        .map(|host| host.trim_end_matches('/'))
        .join(" ");
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: {wechat_images}; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'"
    )
}

/// The page policy for the shells' `<meta http-equiv>`; empty without a nonce.
pub fn page_policy_meta() -> String {
    leptos::nonce::use_nonce()
        .map(|nonce| page_policy(&nonce))
        .unwrap_or_default()
}

/// Headers of every server-rendered page, set from the apps' shells: its
/// policy with `frame-ancestors 'none'`, and no caching of the HTML, which
/// carries the viewer's own prices.
pub fn set_page_headers() {
    let Some(res) = use_context::<ResponseOptions>() else {
        return;
    };
    if let Some(nonce) = leptos::nonce::use_nonce() {
        let policy = format!("{}; frame-ancestors 'none'", page_policy(&nonce));
        if let Ok(v) = HeaderValue::from_str(&policy) {
            res.insert_header(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    res.insert_header(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
}
