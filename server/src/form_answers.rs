//! How the plain-form routes (the store's and the console's) answer: always
//! a 303, so reloading never posts twice, and a refusal goes back to its
//! page with the error's JSON in `?error=`, which the page shows in the
//! reader's language.

use app::error::AppError;
use app::page::encode_component;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

/// `path` with `key=value` added to its query.
pub fn with_param(path: &str, key: &str, value: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}{key}={}", encode_component(value))
}

/// `page` with `err` in its query, for the page to show.
pub fn with_error(page: &str, err: &AppError) -> String {
    let json = serde_json::to_string(err).unwrap_or_default();
    with_param(page, "error", &json)
}

/// A 303 to `path`.
pub fn see(path: &str) -> Response {
    Redirect::to(path).into_response()
}

/// A 303 to `to` that sets `cookie` (a `Set-Cookie` value).
pub fn see_with_cookie(to: &str, cookie: &str) -> Response {
    see_with_cookies(to, &[cookie])
}

/// A 303 to `to` that sets each of `cookies`.
pub fn see_with_cookies(to: &str, cookies: &[&str]) -> Response {
    let mut res = see(to);
    for cookie in cookies {
        if let Ok(value) = cookie.parse() {
            res.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    res
}

/// Back to `page` with `err` to show. A server fault is logged here, since
/// the person only sees a generic message.
pub fn back_with(page: &str, err: &AppError) -> Response {
    if err.status() >= 500 {
        tracing::error!(error = %err, page, "form failed");
    }
    see(&with_error(page, err))
}
