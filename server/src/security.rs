//! Security headers on every answer. HTML pages rendered by the apps carry
//! their own Content-Security-Policy with the render's nonce
//! (`app::security::content_security_policy`); every other answer (JSON,
//! images, files, plain errors) gets one that lets nothing in it run.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// For answers that are not app pages: no scripts, no styles, no frames.
/// `sandbox` also keeps an uploaded file opened directly from acting as the site.
const LOCKED_DOWN_CSP: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

pub async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    // An app page carries its policy in its own `<meta>` too; its header was
    // once seen missing (rarely, cause not found), and the locked-down policy
    // in its place broke the page. So a page keeps to its own policy.
    let page = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        if page {
            tracing::warn!(
                "a page without its Content-Security-Policy header; its <meta> policy applies"
            );
        } else {
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(LOCKED_DOWN_CSP),
            );
        }
    }
    res
}
