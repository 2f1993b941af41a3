//! Guests' catalogue pages, kept rendered. A guest's `/s/{store}` page
//! depends only on the store's row (read fresh on every request), the
//! store's catalogue version (counted up by the database on every change to
//! a product, SKU, price or category, migration 0019), the language, the
//! host it was asked at and the URL. So each app server keeps the pages it
//! rendered under all of those, and a guest's request costs one read of the
//! store instead of three queries and a render. A changed version is a new
//! key: nothing needs to be thrown away, old pages age out.
//!
//! Anyone with a session cookie is never served from here: their prices are
//! their own. Each answer gets a fresh CSP nonce (the kept page holds the
//! places where the render's nonce was).

use app::api::ctx::{cookie_from_headers, RequestMemo, SESSION_COOKIE};
use app::db::tenants::Tenant;
use app::i18n::Lang;
use app::service::kept::Kept;
use app::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Bytes of pages kept at most; the oldest make room.
const MAX_BYTES: usize = 16 << 20;
/// Pages kept at most: searches are many and mostly one-off.
const MAX_PAGES: usize = 2048;
/// A page bigger than this is sent but not kept (a catalogue page is 5–50 KB).
const MAX_PAGE_BYTES: usize = 512 << 10;
/// The most a rendered page is read into memory to be kept.
const MAX_RENDER_BYTES: usize = 8 << 20;
/// A page asked for by a longer host and URL is not kept (a 100-character
/// search in Chinese is about 1 KB).
const MAX_URL_BYTES: usize = 2048;

/// What a guest's catalogue page is rendered from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct PageKey {
    tenant: Tenant,
    lang: &'static str,
    /// The page's links to itself (Open Graph) name the host in dev mode.
    host: Option<HeaderValue>,
    path_and_query: String,
}

impl PageKey {
    /// The host and URL asked for.
    fn url_len(&self) -> usize {
        self.host.as_ref().map_or(0, HeaderValue::len) + self.path_and_query.len()
    }

    /// What the key holds beyond its fixed size: the URL and the store's texts.
    fn size(&self) -> usize {
        let t = &self.tenant;
        self.url_len()
            + [
                &t.slug,
                &t.name,
                &t.display_name,
                &t.notice,
                &t.guest_prompt_zh,
                &t.guest_prompt_en,
                &t.logo,
            ]
            .iter()
            .map(|s| s.len())
            .sum::<usize>()
            + t.app_icon.as_ref().map_or(0, String::len)
    }
}

/// A rendered page cut where the render's nonce stood.
struct KeptPage {
    /// The page's own headers (its policy cut like the body).
    headers: HeaderMap,
    policy: Vec<String>,
    body: Vec<Bytes>,
}

impl KeptPage {
    fn size(&self) -> usize {
        self.body.iter().map(Bytes::len).sum::<usize>()
            + self.policy.iter().map(String::len).sum::<usize>()
    }

    /// The page as sent with `nonce` in every place the render's stood.
    fn answer(&self, nonce: &str) -> Response {
        let mut body = Vec::with_capacity(self.size() + nonce.len() * self.body.len());
        for (i, part) in self.body.iter().enumerate() {
            if i > 0 {
                body.extend_from_slice(nonce.as_bytes());
            }
            body.extend_from_slice(part);
        }
        let mut res = (StatusCode::OK, Body::from(body)).into_response();
        *res.headers_mut() = self.headers.clone();
        if let Ok(policy) = HeaderValue::from_str(&self.policy.join(nonce)) {
            res.headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        res
    }
}

/// The pages this server has rendered for guests lately, oldest dropped first.
pub struct GuestPages {
    kept: Kept<PageKey, Arc<KeptPage>>,
}

impl Default for GuestPages {
    fn default() -> Self {
        GuestPages {
            kept: Kept::new(MAX_BYTES, MAX_PAGES),
        }
    }
}

impl GuestPages {
    /// Keeps `page` unless it or its URL is too big to.
    fn put(&self, key: PageKey, page: KeptPage) {
        if page.size() > MAX_PAGE_BYTES || key.url_len() > MAX_URL_BYTES {
            return;
        }
        let size = page.size() + key.size();
        self.kept.put(key, Arc::new(page), size);
    }
}

/// The middleware: a guest's catalogue page from memory, or rendered and kept.
pub async fn guest_catalogue(
    State((state, pages)): State<(AppState, Arc<GuestPages>)>,
    req: Request,
    next: Next,
) -> Response {
    let Some(slug) = guest_catalogue_slug(&req).map(str::to_string) else {
        return next.run(req).await;
    };
    // An unknown store (or a failed read) renders as it always does.
    let Ok(tenant) = app::db::tenants::by_slug(&state.pool, &slug).await else {
        return next.run(req).await;
    };
    let key = PageKey {
        tenant: tenant.clone(),
        lang: req
            .extensions()
            .get::<Lang>()
            .copied()
            .unwrap_or_default()
            .tag(),
        host: req.headers().get(header::HOST).cloned(),
        path_and_query: req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
    };
    let found = pages.kept.get(&key);
    if let Some(page) = found {
        return page.answer(&leptos::nonce::Nonce::new());
    }
    // The page's server functions take the store from here, not from a second read.
    if let Some(memo) = req.extensions().get::<Arc<RequestMemo>>() {
        memo.know_guest_store(&slug, tenant);
    }
    let res = next.run(req).await;
    keep(&pages, key, res).await
}

/// `/s/{store}` asked for by someone without a session cookie.
fn guest_catalogue_slug(req: &Request) -> Option<&str> {
    if req.method() != Method::GET {
        return None;
    }
    let slug = req.uri().path().strip_prefix("/s/")?;
    if slug.is_empty() || slug.contains('/') {
        return None;
    }
    let guest = cookie_from_headers(req.headers(), SESSION_COOKIE).is_none_or(|t| t.is_empty());
    guest.then_some(slug)
}

/// Keeps a rendered page that can be kept and sends it on.
async fn keep(pages: &GuestPages, key: PageKey, res: Response) -> Response {
    let (parts, body) = res.into_parts();
    let html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    // Only a whole, plain page: not an error, a redirect, or one that sets a cookie.
    if parts.status != StatusCode::OK || !html || parts.headers.contains_key(header::SET_COOKIE) {
        return Response::from_parts(parts, body);
    }
    let bytes = match axum::body::to_bytes(body, MAX_RENDER_BYTES).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, "a catalogue page could not be read to be kept");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if let Some(page) = cut(&parts.headers, &bytes) {
        pages.put(key, page);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The page cut at its nonce, which the page's policy header names. A page
/// without one is not kept: it could not get a fresh nonce.
fn cut(headers: &HeaderMap, body: &Bytes) -> Option<KeptPage> {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let nonce = nonce_in(policy)?;
    let text = std::str::from_utf8(body).ok()?;
    let mut kept_headers = headers.clone();
    kept_headers.remove(header::CONTENT_SECURITY_POLICY);
    Some(KeptPage {
        headers: kept_headers,
        policy: policy.split(nonce).map(str::to_string).collect(),
        body: text
            .split(nonce)
            .map(|part| Bytes::copy_from_slice(part.as_bytes()))
            .collect(),
    })
}

/// The value of `'nonce-…'` in a policy.
fn nonce_in(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[start..].find('\'')?;
    let nonce = &policy[start..start + len];
    // Leptos's nonces are 22 URL-safe base64 characters; anything shorter
    // could also stand somewhere else in the page.
    (nonce.len() >= 16).then_some(nonce)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str, nonce: &str) -> KeptPage {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&format!("script-src 'self' 'nonce-{nonce}'")).unwrap(),
        );
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        cut(&headers, &Bytes::from(body.to_string())).expect("a page with a nonce")
    }

    async fn text(res: Response) -> String {
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn every_answer_carries_its_own_nonce_where_the_renders_stood() {
        let old = "Xekt_wA1hvUaGJYQiAyzCg";
        let kept = page(
            &format!(
                "<script nonce=\"{old}\">a</script><p>x</p><script nonce=\"{old}\">b</script>"
            ),
            old,
        );
        let res = kept.answer("K7fn7FOCZMZT9oJxeiqYaA");
        assert_eq!(
            res.headers()[header::CONTENT_SECURITY_POLICY],
            "script-src 'self' 'nonce-K7fn7FOCZMZT9oJxeiqYaA'"
        );
        assert_eq!(res.headers()[header::CONTENT_TYPE], "text/html");
        assert_eq!(
            text(res).await,
            "<script nonce=\"K7fn7FOCZMZT9oJxeiqYaA\">a</script><p>x</p><script nonce=\"K7fn7FOCZMZT9oJxeiqYaA\">b</script>"
        );
    }

    #[test]
    fn a_page_without_a_nonce_in_its_policy_is_not_kept() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'"),
        );
        assert!(cut(&headers, &Bytes::from_static(b"<p>x</p>")).is_none());
        assert!(cut(&HeaderMap::new(), &Bytes::from_static(b"<p>x</p>")).is_none());
        assert_eq!(
            nonce_in("script-src 'nonce-abc'"),
            None,
            "too short to be one"
        );
    }

    fn key(n: i64) -> PageKey {
        PageKey {
            tenant: Tenant {
                id: 1,
                slug: "demo".into(),
                name: String::new(),
                display_name: String::new(),
                notice: String::new(),
                standard_price_list_id: None,
                guest_account_id: None,
                guest_price_list_id: None,
                guest_mode: true,
                guest_prompt_zh: String::new(),
                guest_prompt_en: String::new(),
                registration_enabled: false,
                registration_approval: false,
                login_sms: true,
                login_password: true,
                login_mini_program: true,
                login_wechat_qr: true,
                logo: String::new(),
                app_icon: None,
                shelf_version: 0,
                catalogue_version: n,
            },
            lang: "en",
            host: None,
            path_and_query: "/s/demo".into(),
        }
    }

    fn sized(len: usize) -> KeptPage {
        KeptPage {
            headers: HeaderMap::new(),
            policy: Vec::new(),
            body: vec![Bytes::from(vec![b'x'; len])],
        }
    }

    #[test]
    fn a_page_counts_its_bytes_and_its_keys_and_the_bytes_kept_stay_under_the_bound() {
        let pages = GuestPages::default();
        pages.put(key(0), sized(100));
        assert_eq!(pages.kept.usage(), (1, 100 + key(0).size()));
        let n = (MAX_BYTES / MAX_PAGE_BYTES) as i64;
        for v in 1..n + 3 {
            pages.put(key(v), sized(MAX_PAGE_BYTES));
        }
        assert!(pages.kept.usage().1 <= MAX_BYTES);
        assert!(pages.kept.get(&key(0)).is_none(), "the oldest went first");
        assert!(pages.kept.get(&key(n + 2)).is_some());
    }

    #[test]
    fn a_page_too_big_or_asked_for_by_a_very_long_url_or_host_is_not_kept() {
        let pages = GuestPages::default();
        pages.put(key(1), sized(MAX_PAGE_BYTES + 1));
        let mut long = key(2);
        long.path_and_query = format!("/s/demo?q={}", "x".repeat(MAX_URL_BYTES));
        pages.put(long, sized(1));
        let mut long_host = key(3);
        long_host.host = HeaderValue::from_str(&"h".repeat(MAX_URL_BYTES)).ok();
        pages.put(long_host, sized(1));
        assert_eq!(pages.kept.usage(), (0, 0));
    }

    #[test]
    fn only_a_guests_catalogue_page_is_kept() {
        let req = |method: Method, path: &str, cookie: Option<&str>| {
            let mut b = Request::builder().method(method).uri(path);
            if let Some(c) = cookie {
                b = b.header(header::COOKIE, c);
            }
            b.body(Body::empty()).unwrap()
        };
        assert_eq!(
            guest_catalogue_slug(&req(Method::GET, "/s/demo?q=x", None)),
            Some("demo")
        );
        assert_eq!(
            guest_catalogue_slug(&req(
                Method::GET,
                "/s/demo",
                Some("ol_lang=en; ol_session=")
            )),
            Some("demo"),
            "an emptied session cookie is a guest's"
        );
        assert_eq!(
            guest_catalogue_slug(&req(Method::GET, "/s/demo", Some("ol_session=abc"))),
            None
        );
        assert_eq!(
            guest_catalogue_slug(&req(Method::GET, "/s/demo/p/1", None)),
            None
        );
        assert_eq!(guest_catalogue_slug(&req(Method::GET, "/s/", None)), None);
        assert_eq!(
            guest_catalogue_slug(&req(Method::POST, "/s/demo", None)),
            None
        );
    }
}
