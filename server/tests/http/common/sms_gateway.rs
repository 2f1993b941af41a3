//! A local simulator of the SMS gateway's HTTP protocol (Yunpian v2
//! `single_send`): a form POST of `apikey`, `mobile` and `text`, answered with
//! the gateway's JSON. It checks what the real gateway checks (key, number,
//! signature) and keeps what it accepted, so tests read the texts a phone got.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use serde_json::json;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const PATH: &str = "/v2/sms/single_send.json";

/// How the simulated gateway behaves for the next requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Sends what is valid, refuses what is not, as the real one does.
    Normal,
    /// An outage: `500` with an HTML page, no JSON.
    Down,
    /// Takes the request and never answers.
    Silent,
}

#[derive(Clone, Debug)]
pub struct Sent {
    pub mobile: String,
    pub text: String,
}

struct Inner {
    api_key: String,
    mode: Mode,
    sent: Vec<Sent>,
}

#[derive(Clone)]
pub struct SmsGateway {
    pub url: String,
    inner: Arc<Mutex<Inner>>,
}

impl SmsGateway {
    /// Starts the simulator on a loopback port; it accepts `api_key`.
    pub async fn start(api_key: &str) -> SmsGateway {
        let inner = Arc::new(Mutex::new(Inner {
            api_key: api_key.to_string(),
            mode: Mode::Normal,
            sent: Vec::new(),
        }));
        let router = axum::Router::new()
            .route(PATH, axum::routing::post(single_send))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            axum::serve(listener, router).await.expect("serve");
        });
        SmsGateway {
            url: format!("http://{addr}{PATH}"),
            inner,
        }
    }

    pub fn set_mode(&self, mode: Mode) {
        self.inner.lock().expect("lock").mode = mode;
    }

    /// The texts the gateway accepted, oldest first.
    pub fn sent(&self) -> Vec<Sent> {
        self.inner.lock().expect("lock").sent.clone()
    }
}

fn refusal(status: StatusCode, code: i64, msg: &str, detail: &str) -> Response {
    let body = json!({
        "http_status_code": status.as_u16(),
        "code": code,
        "msg": msg,
        "detail": detail,
    });
    (status, Json(body)).into_response()
}

async fn single_send(
    State(inner): State<Arc<Mutex<Inner>>>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let mode = inner.lock().expect("lock").mode;
    match mode {
        Mode::Down => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "<html>502 Bad Gateway</html>",
            )
                .into_response()
        }
        Mode::Silent => return std::future::pending::<Response>().await,
        Mode::Normal => {}
    }
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let (api_key, mobile, text) = (field("apikey"), field("mobile"), field("text"));
    let mut state = inner.lock().expect("lock");
    if api_key != state.api_key {
        return refusal(
            StatusCode::UNAUTHORIZED,
            -1,
            "非法的apikey",
            "请检查的apikey是否正确",
        );
    }
    if mobile.len() != 11 || !mobile.bytes().all(|b| b.is_ascii_digit()) {
        return refusal(
            StatusCode::BAD_REQUEST,
            2,
            "请求参数格式错误",
            "参数 mobile 格式不正确",
        );
    }
    // Every text carries the approved signature first.
    let signed = text.starts_with('【') && text.contains('】');
    if !signed {
        return refusal(
            StatusCode::BAD_REQUEST,
            5,
            "未找到匹配的模板",
            "短信内容缺少签名",
        );
    }
    state.sent.push(Sent {
        mobile: mobile.clone(),
        text,
    });
    let sid = state.sent.len();
    Json(json!({
        "code": 0,
        "msg": "发送成功",
        "count": 1,
        "fee": 0.05,
        "unit": "RMB",
        "mobile": mobile,
        "sid": sid,
    }))
    .into_response()
}
