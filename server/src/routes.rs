//! Plain axum routes and middleware that sit beside the Leptos app.

use app::api::ctx::cookie_from_headers;
use app::error::AppError;
use app::error::RegistrationError;
use app::i18n::{Lang, LANG_COOKIE};
use app::state::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form, Json};
use serde::{Deserialize, Serialize};

pub async fn healthz(State(state): State<AppState>) -> Response {
    match sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(&state.pool)
        .await
    {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[derive(Deserialize)]
pub struct OutboxQuery {
    phone: Option<String>,
}

#[derive(Serialize, sqlx::FromRow)]
pub struct OutboxMessage {
    id: i64,
    phone: String,
    body: String,
    created_at: i64,
}

/// Dev mode only: the text messages "sent", newest first.
pub async fn dev_outbox(State(state): State<AppState>, Query(q): Query<OutboxQuery>) -> Response {
    let rows = sqlx::query_as::<_, OutboxMessage>(
        "SELECT id, phone, body, created_at FROM sms_outbox
         WHERE ($1 IS NULL OR phone = $1) ORDER BY id DESC LIMIT 100",
    )
    .bind(q.phone)
    .fetch_all(&state.pool)
    .await;
    match rows {
        Ok(rows) => Json(rows).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "outbox read failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Picks the request's language (`?lang=`, then cookie, then `Accept-Language`)
/// for the app to read, and remembers an explicit choice in a cookie.
pub async fn language(mut req: Request, next: Next) -> Response {
    let query_lang = req.uri().query().and_then(|q| {
        q.split('&')
            .find_map(|kv| kv.strip_prefix("lang="))
            .and_then(Lang::from_tag)
    });
    let headers = req.headers();
    let cookie = cookie_from_headers(headers, LANG_COOKIE);
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let lang = Lang::resolve(query_lang.map(Lang::tag), cookie.as_deref(), accept);
    req.extensions_mut().insert(lang);
    let mut res = next.run(req).await;
    if let Some(chosen) = query_lang {
        let value = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            chosen.tag()
        );
        if let Ok(v) = HeaderValue::from_str(&value) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// Gives each request its own [`app::api::ctx::RequestMemo`], which the
/// server functions a page renders share.
pub async fn request_memo(mut req: Request, next: Next) -> Response {
    req.extensions_mut()
        .insert(std::sync::Arc::new(app::api::ctx::RequestMemo::default()));
    next.run(req).await
}

/// Refuses a server-function call whose body is over [`crate::API_BODY_LIMIT`]
/// with 413, whether it says its length up front or streams it.
pub async fn api_body_limit(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let too_large = || (StatusCode::PAYLOAD_TOO_LARGE, Json(AppError::TooLarge)).into_response();
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > crate::API_BODY_LIMIT) {
        return too_large();
    }
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, crate::API_BODY_LIMIT).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(e) => {
            if e.into_inner().is::<http_body_util::LengthLimitError>() {
                too_large()
            } else {
                // The body stopped arriving (timeout) or the client went away.
                StatusCode::REQUEST_TIMEOUT.into_response()
            }
        }
    }
}

/// Server functions answer every error with a 500 and the error as JSON.
/// Here, in one place, each `AppError` gets the status it deserves (`status()`:
/// 4xx for the caller's mistakes, undecodable arguments included; 5xx only
/// for ours), so no server function has to set it.
pub async fn server_fn_status(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, 64 * 1024).await {
        Ok(b) => b,
        Err(_) => return Response::from_parts(parts, Body::empty()),
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(err.status()).unwrap_or(parts.status);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The store's registration form posts here, with JavaScript or without:
/// the answer is always a 303 to the page the submission leads to (the
/// store, logged in; the application's status; or the form again with its
/// messages), so reloading never posts twice.
pub async fn register(
    State(state): State<AppState>,
    Path(store): Path<String>,
    lang: Option<Extension<Lang>>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    use app::service::login::{cookie, rotate_session, SESSION_COOKIE, TICKET_COOKIE};
    use app::service::registration::{submit, Submission};
    let lang = lang.map(|Extension(l)| l).unwrap_or_default();
    let ticket = cookie_from_headers(&headers, TICKET_COOKIE);
    let form = format!("/s/{store}/register");
    let outcome = submit(&state, &store, ticket.as_deref(), pairs, lang).await;
    let mut cookies = Vec::new();
    let to = match outcome {
        Ok(Submission::LoggedIn { user_id, tenant_id }) => {
            let old = cookie_from_headers(&headers, SESSION_COOKIE);
            match rotate_session(&state, old.as_deref(), user_id, tenant_id).await {
                Ok(session) => cookies.push(session),
                Err(e) => {
                    return (StatusCode::INTERNAL_SERVER_ERROR, e.message(lang)).into_response()
                }
            }
            cookies.push(cookie(&state.config, TICKET_COOKIE, "", 0));
            format!("/s/{store}")
        }
        Ok(Submission::Pending) => format!("{form}/status"),
        Ok(Submission::Refused)
        | Err(AppError::Registration(RegistrationError::RegistrationClosed)) => form,
        Err(AppError::NotLoggedIn) => app::store::login_path(&store, &form),
        Err(e) => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
            return (status, e.message(lang)).into_response();
        }
    };
    let cookies: Vec<&str> = cookies.iter().map(String::as_str).collect();
    crate::form_answers::see_with_cookies(&to, &cookies)
}
