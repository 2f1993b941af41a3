//! Starts the real application on a loopback port against a fresh database
//! and talks to it over HTTP, the way a browser or the mini-program shell does.
//! The database is a SQLite file, or a new PostgreSQL database when
//! `ORDERLINK_TEST_POSTGRES` names a server (`scripts/test.sh` runs the suite
//! both ways).
#![allow(dead_code)]

pub mod sms_gateway;

use app::db::Pool;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use server::config::Settings;
use sqlx::{Connection, Executor};
use std::net::IpAddr;

/// The 6-digit login code in a text message.
pub fn code_in(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6)
        .unwrap_or_else(|| panic!("a 6-digit code in the message: {text}"))
        .to_string()
}

pub struct TestApp {
    pub base: String,
    pub db: Pool,
    pub url: String,
    pub media_dir: std::path::PathBuf,
    client: Client<HttpConnector, Full<Bytes>>,
    /// The first instance owns the folder of its SQLite file and media.
    _dir: Option<tempfile::TempDir>,
}

#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: hyper::HeaderMap,
    pub body: String,
    /// The body as it came, for an answer that is not text (compressed).
    pub bytes: Bytes,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The `code` of an `AppError` answer.
    pub fn error_code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_string()
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(hyper::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect()
    }

    /// Where a redirect points.
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The value of the cookie `name` this reply set, if any.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookies().iter().find_map(|c| {
            c.strip_prefix(&format!("{name}="))
                .map(|rest| rest.split(';').next().unwrap_or("").to_string())
        })
    }

    /// The value of the session cookie this reply set, if any.
    pub fn session(&self) -> Option<String> {
        self.cookie("ol_session")
    }
}

impl TestApp {
    pub async fn start() -> TestApp {
        TestApp::start_with(|_| {}).await
    }

    /// Starts with dev settings adjusted by `tweak` (e.g. demo mode off).
    pub async fn start_with(tweak: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = fresh_database(dir.path()).await;
        let media = dir.path().join("media");
        TestApp::serve(url, media, tweak, Some(dir)).await
    }

    /// A second app server on this one's database and media folder, as
    /// behind a load balancer.
    pub async fn another_instance(&self) -> TestApp {
        TestApp::serve(self.url.clone(), self.media_dir.clone(), |_| {}, None).await
    }

    /// A second app server on this one's database, with its settings adjusted.
    pub async fn another_instance_with(&self, tweak: impl FnOnce(&mut Settings)) -> TestApp {
        TestApp::serve(self.url.clone(), self.media_dir.clone(), tweak, None).await
    }

    /// A JSON POST, as the mini-program shell sends one.
    pub async fn post_json(&self, path: &str, body: serde_json::Value) -> Reply {
        self.request_bytes(
            Method::POST,
            path,
            Some(Bytes::from(body.to_string())),
            false,
            &[
                ("content-type", "application/json"),
                ("accept", "application/json"),
            ],
        )
        .await
    }

    /// An app server on an existing database and media folder.
    pub async fn on(url: String, media_dir: std::path::PathBuf) -> TestApp {
        TestApp::serve(url, media_dir, |_| {}, None).await
    }

    async fn serve(
        url: String,
        media_dir: std::path::PathBuf,
        tweak: impl FnOnce(&mut Settings),
        dir: Option<tempfile::TempDir>,
    ) -> TestApp {
        let mut settings = Settings::dev(url.clone());
        settings.media_dir = media_dir.clone();
        tweak(&mut settings);
        let router = server::build(&settings).await.expect("app builds");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let idle_timeout = settings.idle_timeout;
        tokio::spawn(server::serve::serve(
            listener,
            router,
            idle_timeout,
            std::future::pending(),
        ));
        let db = server::open_database(&url, 4)
            .await
            .expect("test connection");
        TestApp {
            base: format!("http://{addr}"),
            db,
            url,
            media_dir,
            client: Client::builder(TokioExecutor::new()).build_http(),
            _dir: dir,
        }
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let form = body.is_some();
        self.request_bytes(method, path, body.map(Bytes::from), form, headers)
            .await
    }

    /// A request with any body; `form` marks it form-encoded unless a
    /// content type is among `headers`.
    pub async fn request_bytes(
        &self,
        method: Method,
        path: &str,
        body: Option<Bytes>,
        form: bool,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        // Form-encoded unless the caller names another type.
        if form
            && !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            req = req.header("content-type", "application/x-www-form-urlencoded");
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req
            .body(Full::new(body.unwrap_or_default()))
            .expect("request");
        let res = self.client.request(req).await.expect("HTTP request");
        Reply::read(res).await
    }

    /// A server-function call (form-encoded POST, as the browser sends it)
    /// over a connection from another loopback address, as if from another
    /// network: limits per address tell them apart.
    pub async fn call_from(&self, source: IpAddr, name: &str, args: &[(&str, &str)]) -> Reply {
        let mut connector = HttpConnector::new();
        connector.set_local_address(Some(source));
        let client: Client<HttpConnector, Full<Bytes>> =
            Client::builder(TokioExecutor::new()).build(connector);
        let req = Request::builder()
            .method(Method::POST)
            .uri(format!("{}/api/{name}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(Full::new(Bytes::from(form_body(args))))
            .expect("request");
        Reply::read(client.request(req).await.expect("HTTP request")).await
    }
}

impl Reply {
    async fn read(res: hyper::Response<hyper::body::Incoming>) -> Reply {
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }
}

impl TestApp {
    pub async fn get(&self, path: &str, session: Option<&str>) -> Reply {
        let cookie = session.map(|s| format!("ol_session={s}"));
        // Browsers ask for HTML; Leptos answers a server-side redirect with 302 only then.
        let mut headers = vec![("accept", "text/html,application/xhtml+xml")];
        headers.extend(cookie.iter().map(|c| ("cookie", c.as_str())));
        self.request(Method::GET, path, None, &headers).await
    }

    /// Calls a server function the way the browser does (form-encoded POST).
    pub async fn call(&self, name: &str, args: &[(&str, &str)], session: Option<&str>) -> Reply {
        let body = form_body(args);
        let cookie = session.map(|s| format!("ol_session={s}"));
        let mut headers = vec![("accept", "application/json")];
        if let Some(c) = &cookie {
            headers.push(("cookie", c.as_str()));
        }
        self.request(Method::POST, &format!("/api/{name}"), Some(body), &headers)
            .await
    }

    /// Requests an SMS code and reads it back from the dev outbox.
    pub async fn sms_code(&self, store: &str, phone: &str) -> String {
        let sent = self
            .call("send_sms_code", &[("store", store), ("phone", phone)], None)
            .await;
        assert_eq!(sent.status, 200, "send code: {}", sent.body);
        self.latest_code(phone).await
    }

    pub async fn latest_code(&self, phone: &str) -> String {
        let outbox = self
            .get(&format!("/dev/outbox?phone={phone}"), None)
            .await
            .json();
        code_in(outbox[0]["body"].as_str().expect("a message in the outbox"))
    }

    /// Logs in to the demo store with a phone and the code it received.
    pub async fn code_login(&self, phone: &str, code: &str) -> Reply {
        self.call(
            "sms_login",
            &[("store", "demo"), ("phone", phone), ("code", code)],
            None,
        )
        .await
    }

    pub async fn sms_login(&self, phone: &str) -> String {
        let code = self.sms_code("demo", phone).await;
        let res = self.code_login(phone, &code).await;
        assert_eq!(res.status, 200, "sms login: {}", res.body);
        res.session().expect("session cookie")
    }

    pub async fn password_login(&self, store: &str, login: &str, password: &str) -> Reply {
        self.call(
            "password_login",
            &[("store", store), ("login", login), ("password", password)],
            None,
        )
        .await
    }
}

/// Console calls carry the staff session cookie.
impl TestApp {
    pub async fn console_login(&self, email: &str, password: &str) -> Reply {
        self.call(
            "staff_login",
            &[("email", email), ("password", password)],
            None,
        )
        .await
    }

    pub async fn console_token(&self, email: &str, password: &str) -> String {
        let res = self.console_login(email, password).await;
        assert_eq!(res.status, 200, "staff login: {}", res.body);
        res.set_cookies()
            .iter()
            .find_map(|c| {
                c.strip_prefix("ol_console=")
                    .map(|v| v.split(';').next().unwrap_or("").to_string())
            })
            .expect("console cookie")
    }

    pub async fn console_call(&self, name: &str, args: &[(&str, &str)], token: &str) -> Reply {
        let body = form_body(args);
        let cookie = format!("ol_console={token}");
        let headers = [("accept", "application/json"), ("cookie", cookie.as_str())];
        self.request(Method::POST, &format!("/api/{name}"), Some(body), &headers)
            .await
    }

    pub async fn console_json(&self, name: &str, body: serde_json::Value, token: &str) -> Reply {
        let cookie = format!("ol_console={token}");
        let headers = [
            ("content-type", "application/json"),
            ("accept", "application/json"),
            ("cookie", cookie.as_str()),
        ];
        self.request(
            Method::POST,
            &format!("/api/{name}"),
            Some(body.to_string()),
            &headers,
        )
        .await
    }
}

/// The PostgreSQL server tests run against (`postgres://USER@HOST:PORT`, no
/// database), when the run asks for one.
pub fn test_postgres() -> Option<String> {
    std::env::var("ORDERLINK_TEST_POSTGRES")
        .ok()
        .filter(|base| !base.is_empty())
        .map(|base| base.trim_end_matches('/').to_string())
}

/// The URL of a new, empty database: a SQLite file in `dir`, or a new
/// database on the test run's PostgreSQL server.
pub async fn fresh_database(dir: &std::path::Path) -> String {
    match test_postgres() {
        Some(base) => {
            let name = new_postgres_database(&base).await;
            format!("{base}/{name}")
        }
        None => format!("sqlite://{}", dir.join("test.db").display()),
    }
}

/// Creates an empty database on `base` and returns its name.
pub async fn new_postgres_database(base: &str) -> String {
    static COUNT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("t{}_{n}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&format!("{base}/postgres"))
        .await
        .expect("connect to the test PostgreSQL server");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create a test database");
    name
}

/// Arguments as a form-encoded body.
pub fn form_body(args: &[(&str, &str)]) -> String {
    args.iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Ages every rate-limit window by `secs`, as if that time had passed.
pub async fn age_limits(db: &Pool, secs: i64) {
    sqlx::query("UPDATE rate_limits SET window_start = window_start - $1")
        .bind(secs)
        .execute(db)
        .await
        .expect("age rate limits");
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
