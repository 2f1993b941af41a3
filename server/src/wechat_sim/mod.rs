//! A local WeChat simulator: the paths, parameters and JSON of the WeChat
//! API calls OrderLink makes (access tokens, `jscode2session`,
//! `getuserphonenumber`, website QR login: `/connect/qrconnect` and
//! `/sns/oauth2/access_token`), with WeChat's rules (errors as HTTP 200 with an
//! `errcode`; a new token retires the old one five minutes later; a code
//! lives five minutes and works once). Tests start it in-process and script
//! it through [`Sim`]; in dev mode `server wechat-sim` runs it as a process,
//! scriptable under `/sim/`. Nothing here is used in production.

use axum::extract::{Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::wechat_crypto::{xml_message, CryptoError, MsgCrypt};

mod component;
pub use component::{add_demo_authorizers, Authorizer};

/// How long an old token keeps working after a new one is fetched.
const TOKEN_OVERLAP_SECS: i64 = 300;
const TOKEN_TTL_SECS: i64 = 7200;
/// How long a phone or login code lives.
const CODE_TTL_SECS: i64 = 300;

#[derive(Clone)]
pub struct Sim {
    state: Arc<Mutex<SimState>>,
}

#[derive(Default)]
struct SimState {
    apps: HashMap<String, String>,
    /// Token to (appid, expires at).
    tokens: HashMap<String, (String, i64)>,
    token_fetches: HashMap<String, u32>,
    /// openid to phone.
    users: HashMap<String, String>,
    /// Code to what it stands for.
    codes: HashMap<String, Code>,
    serial: u64,
    /// A token fetch takes this long, so concurrent fetches overlap.
    token_delay: Duration,
    /// Refusals the next calls of jscode2session and getuserphonenumber
    /// answer with, first in first out (`-1` busy, `45011` too frequent).
    refusals: std::collections::VecDeque<i64>,
    /// The third-party platform, when the test configures one.
    component: Option<SimComponent>,
    /// Pre-auth codes handed out, and when.
    pre_auth_codes: HashMap<String, i64>,
    /// Brands' mini-programs and official accounts, by appid.
    authorizers: HashMap<String, component::Authorizer>,
    /// Authorization codes: the appid and when issued; used ones are removed.
    auth_codes: HashMap<String, (String, i64)>,
    /// What each authorizer granted the platform: the newest refresh token
    /// and the permission sets.
    grants: HashMap<String, component::Grant>,
    /// Official accounts' published menus.
    menus: HashMap<String, Value>,
}

struct SimComponent {
    appid: String,
    crypt: MsgCrypt,
    /// The newest ticket pushed.
    ticket: Option<String>,
}

/// One push as WeChat sends it: the query's timestamp, nonce and
/// `msg_signature`, and the XML body with `<Encrypt>`.
pub struct Sealed {
    pub timestamp: String,
    pub nonce: String,
    pub msg_signature: String,
    pub body: String,
}

impl Sealed {
    /// The event URL with this push's query.
    pub fn url(&self, event_url: &str) -> String {
        format!(
            "{event_url}?timestamp={}&nonce={}&encrypt_type=aes&msg_signature={}",
            self.timestamp, self.nonce, self.msg_signature
        )
    }
}

struct Code {
    appid: String,
    openid: String,
    issued_at: i64,
    used: bool,
}

fn now() -> i64 {
    app::db::now()
}

/// WeChat's refusal shape.
fn refuse(code: i64, msg: &str) -> Json<Value> {
    Json(json!({ "errcode": code, "errmsg": format!("{msg} rid: sim") }))
}

impl Sim {
    /// A simulator that knows one app.
    pub fn new(appid: &str, secret: &str) -> Sim {
        let mut state = SimState {
            token_delay: Duration::from_millis(100),
            ..SimState::default()
        };
        state.apps.insert(appid.into(), secret.into());
        Sim {
            state: Arc::new(Mutex::new(state)),
        }
    }

    fn lock(&self) -> MutexGuard<'_, SimState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Another app (the website app of QR login).
    pub fn add_app(&self, appid: &str, secret: &str) {
        self.lock().apps.insert(appid.into(), secret.into());
    }

    /// A WeChat user with this openid whose verified phone is `phone`.
    pub fn add_user(&self, openid: &str, phone: &str) {
        self.lock().users.insert(openid.into(), phone.into());
    }

    /// What the mini-program gets when the user taps the phone button and
    /// `wx.login` runs: a phone code and a login code, each for one use.
    pub fn codes_for(&self, appid: &str, openid: &str) -> (String, String) {
        let mut s = self.lock();
        (
            s.issue("phone", appid, openid),
            s.issue("login", appid, openid),
        )
    }

    /// The code WeChat puts on the redirect when `openid` scans a QR code of `appid`.
    pub fn scan_code(&self, appid: &str, openid: &str) -> String {
        self.lock().issue("scan", appid, openid)
    }

    /// Makes every code issued so far `secs` older.
    pub fn age_codes(&self, secs: i64) {
        for code in self.lock().codes.values_mut() {
            code.issued_at -= secs;
        }
    }

    /// The next call of jscode2session or getuserphonenumber is refused
    /// with `errcode` (45011: the user asked too often; -1: WeChat is busy).
    pub fn refuse_next(&self, errcode: i64) {
        self.lock().refusals.push_back(errcode);
    }

    /// Every token issued so far stops working (as if WeChat rotated it).
    pub fn expire_tokens(&self) {
        for (_, expires_at) in self.lock().tokens.values_mut() {
            *expires_at = now() - 1;
        }
    }

    /// The platform's third-party platform: its appid, and the token and
    /// EncodingAESKey its pushes are signed and encrypted with.
    pub fn add_component(
        &self,
        appid: &str,
        secret: &str,
        token: &str,
        aes_key: &str,
    ) -> Result<(), CryptoError> {
        let crypt = MsgCrypt::new(token, aes_key, appid)?;
        let mut s = self.lock();
        s.apps.insert(appid.into(), secret.into());
        s.component = Some(SimComponent {
            appid: appid.into(),
            crypt,
            ticket: None,
        });
        Ok(())
    }

    /// A push of `fields` (plus the component's `AppId` and `CreateTime`),
    /// signed and encrypted as WeChat does.
    pub fn seal(&self, fields: &[(&str, &str)]) -> Option<Sealed> {
        let mut s = self.lock();
        s.serial += 1;
        let nonce = format!("n{}", s.serial);
        let component = s.component.as_ref()?;
        let created = now().to_string();
        let mut all = vec![
            ("AppId", component.appid.as_str()),
            ("CreateTime", created.as_str()),
        ];
        all.extend_from_slice(fields);
        let encrypt = component.crypt.encrypt(&xml_message(&all));
        let timestamp = now().to_string();
        Some(Sealed {
            msg_signature: component.crypt.signature(&timestamp, &nonce, &encrypt),
            body: xml_message(&[("ToUserName", &component.appid), ("Encrypt", &encrypt)]),
            timestamp,
            nonce,
        })
    }

    /// Pushes `fields` to the platform's event URL; WeChat's view of the
    /// answer: its status and body (`success`).
    pub async fn push(&self, event_url: &str, fields: &[(&str, &str)]) -> (u16, String) {
        match self.seal(fields) {
            Some(sealed) => post_xml(&sealed.url(event_url), sealed.body).await,
            None => (0, "no component configured".into()),
        }
    }

    /// Pushes a new component_verify_ticket, as WeChat does every ten
    /// minutes; returns it and the answer's status.
    pub async fn push_ticket(&self, event_url: &str) -> (String, u16) {
        let ticket = {
            let mut s = self.lock();
            s.serial += 1;
            format!("ticket@@@sim-{}", s.serial)
        };
        let fields = [
            ("InfoType", "component_verify_ticket"),
            ("ComponentVerifyTicket", ticket.as_str()),
        ];
        let (status, _) = self.push(event_url, &fields).await;
        if let Some(c) = self.lock().component.as_mut() {
            c.ticket = Some(ticket.clone());
        }
        (ticket, status)
    }

    /// How many tokens have been fetched for `appid`.
    pub fn token_fetches(&self, appid: &str) -> u32 {
        self.lock().token_fetches.get(appid).copied().unwrap_or(0)
    }

    /// The simulator's routes: WeChat's paths, and `/sim/` to script it.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/cgi-bin/token", get(token))
            .route("/sns/jscode2session", get(jscode2session))
            .route("/wxa/business/getuserphonenumber", post(phone_number))
            .route("/connect/qrconnect", get(qr_page))
            .route("/sns/oauth2/access_token", get(oauth_token))
            .route(
                "/cgi-bin/component/api_component_token",
                post(component_token),
            )
            .route(
                "/cgi-bin/component/api_create_preauthcode",
                post(create_pre_auth_code),
            )
            .route(
                "/cgi-bin/componentloginpage",
                get(component::authorization_page),
            )
            .route("/sim/component/authorize", get(component::authorize))
            .route(
                "/cgi-bin/component/api_query_auth",
                post(component::query_auth),
            )
            .route(
                "/cgi-bin/component/api_get_authorizer_info",
                post(component::authorizer_info),
            )
            .route(
                "/cgi-bin/component/api_authorizer_token",
                post(component::authorizer_token),
            )
            .route(
                "/sns/component/jscode2session",
                get(component::component_jscode2session),
            )
            .route("/cgi-bin/menu/create", post(component::create_menu))
            .route("/sim/authorizers", post(component::add_authorizer))
            .route("/sim/push-ticket", post(component::push_ticket))
            .route("/sim/users", post(add_user))
            .route("/sim/codes", post(codes))
            .route("/sim/expire-tokens", post(expire_tokens))
            .route("/sim/stats", get(stats))
            .route("/sim/refuse-next", post(refuse_next))
            .with_state(self.clone())
    }

    /// Serves the simulator on `listener` until the process ends.
    pub async fn serve(self, listener: tokio::net::TcpListener) -> std::io::Result<()> {
        axum::serve(listener, self.router()).await
    }
}

impl SimState {
    fn issue(&mut self, kind: &str, appid: &str, openid: &str) -> String {
        self.serial += 1;
        let code = format!("{kind}{:08}", self.serial);
        self.codes.insert(
            code.clone(),
            Code {
                appid: appid.into(),
                openid: openid.into(),
                issued_at: now(),
                used: false,
            },
        );
        code
    }
}

#[derive(Deserialize)]
struct TokenQuery {
    #[serde(default)]
    grant_type: String,
    #[serde(default)]
    appid: String,
    #[serde(default)]
    secret: String,
}

async fn token(State(sim): State<Sim>, Query(q): Query<TokenQuery>) -> Json<Value> {
    if q.grant_type != "client_credential" {
        return refuse(40002, "invalid grant_type");
    }
    let delay = {
        let s = sim.lock();
        match s.apps.get(&q.appid) {
            None => return refuse(40013, "invalid appid"),
            Some(secret) if *secret != q.secret => {
                return refuse(
                    40001,
                    "invalid credential, access_token is invalid or not latest",
                )
            }
            Some(_) => s.token_delay,
        }
    };
    tokio::time::sleep(delay).await;
    let fresh = sim.lock().mint_token(&q.appid);
    Json(json!({ "access_token": fresh, "expires_in": TOKEN_TTL_SECS }))
}

impl SimState {
    /// A new token for `appid`; the app's older ones keep working for five
    /// more minutes at most.
    fn mint_token(&mut self, appid: &str) -> String {
        self.serial += 1;
        let fresh = format!("SIM_TOKEN_{appid}_{:08}", self.serial);
        let now = now();
        for (owner, expires_at) in self.tokens.values_mut() {
            if owner == appid {
                *expires_at = (*expires_at).min(now + TOKEN_OVERLAP_SECS);
            }
        }
        self.tokens
            .insert(fresh.clone(), (appid.to_string(), now + TOKEN_TTL_SECS));
        *self.token_fetches.entry(appid.to_string()).or_default() += 1;
        fresh
    }

    /// The app a live token belongs to, or WeChat's refusal.
    fn token_owner(&self, token: &str) -> Result<String, Json<Value>> {
        match self.tokens.get(token) {
            None => Err(refuse(
                40001,
                "invalid credential, access_token is invalid or not latest",
            )),
            Some((_, expires_at)) if *expires_at <= now() => {
                Err(refuse(42001, "access_token expired"))
            }
            Some((appid, _)) => Ok(appid.clone()),
        }
    }
}

#[derive(Deserialize)]
struct ComponentTokenBody {
    #[serde(default)]
    component_appid: String,
    #[serde(default)]
    component_appsecret: String,
    #[serde(default)]
    component_verify_ticket: String,
}

/// `POST /cgi-bin/component/api_component_token`: needs the newest ticket pushed.
async fn component_token(State(sim): State<Sim>, Json(b): Json<ComponentTokenBody>) -> Json<Value> {
    let delay = {
        let s = sim.lock();
        let Some(c) = s
            .component
            .as_ref()
            .filter(|c| c.appid == b.component_appid)
        else {
            return refuse(61011, "invalid component");
        };
        if s.apps.get(&c.appid) != Some(&b.component_appsecret) {
            return refuse(40125, "invalid appsecret");
        }
        if c.ticket.as_deref() != Some(b.component_verify_ticket.as_str()) {
            return refuse(61006, "component ticket is invalid");
        }
        s.token_delay
    };
    tokio::time::sleep(delay).await;
    let fresh = sim.lock().mint_token(&b.component_appid);
    Json(json!({ "component_access_token": fresh, "expires_in": TOKEN_TTL_SECS }))
}

#[derive(Deserialize)]
struct ComponentTokenParam {
    /// Older documents name it `component_access_token`, newer `access_token`.
    #[serde(default)]
    component_access_token: String,
    #[serde(default)]
    access_token: String,
}

impl ComponentTokenParam {
    fn token(&self) -> &str {
        if self.component_access_token.is_empty() {
            &self.access_token
        } else {
            &self.component_access_token
        }
    }
}

/// `POST /cgi-bin/component/api_create_preauthcode`: a one-use code.
async fn create_pre_auth_code(
    State(sim): State<Sim>,
    Query(q): Query<ComponentTokenParam>,
) -> Json<Value> {
    let mut s = sim.lock();
    let owner = match s.token_owner(q.token()) {
        Ok(owner) => owner,
        Err(refusal) => return refusal,
    };
    if s.component.as_ref().map(|c| &c.appid) != Some(&owner) {
        return refuse(61011, "invalid component");
    }
    s.serial += 1;
    let code = format!("preauthcode@@@sim-{}", s.serial);
    s.pre_auth_codes.insert(code.clone(), now());
    Json(json!({ "pre_auth_code": code, "expires_in": 600 }))
}

#[derive(Deserialize)]
struct SessionQuery {
    #[serde(default)]
    appid: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    js_code: String,
    #[serde(default)]
    grant_type: String,
}

/// Uses a code of `appid`: the openid it stands for, or WeChat's refusal.
fn use_code(s: &mut SimState, appid: &str, code: &str) -> Result<String, Json<Value>> {
    let now = now();
    match s.codes.get_mut(code) {
        None => Err(refuse(40029, "invalid code")),
        Some(c) if c.used => Err(refuse(40163, "code been used")),
        Some(c) if c.issued_at + CODE_TTL_SECS <= now => Err(refuse(40029, "invalid code")),
        Some(c) if c.appid != appid => Err(refuse(40013, "invalid appid")),
        Some(c) => {
            c.used = true;
            Ok(c.openid.clone())
        }
    }
}

/// A refusal scripted with [`Sim::refuse_next`], if one is waiting.
fn scripted_refusal(s: &mut SimState) -> Option<Json<Value>> {
    let code = s.refusals.pop_front()?;
    Some(match code {
        45011 => refuse(
            code,
            "api minute-quota reach limit mustslower retry next minute",
        ),
        -1 => refuse(code, "system error"),
        _ => refuse(code, "scripted refusal"),
    })
}

async fn jscode2session(State(sim): State<Sim>, Query(q): Query<SessionQuery>) -> Json<Value> {
    let mut s = sim.lock();
    if let Some(refusal) = scripted_refusal(&mut s) {
        return refusal;
    }
    if q.grant_type != "authorization_code" {
        return refuse(40002, "invalid grant_type");
    }
    match s.apps.get(&q.appid) {
        None => return refuse(40013, "invalid appid"),
        Some(secret) if *secret != q.secret => return refuse(40125, "invalid appsecret"),
        Some(_) => {}
    }
    match use_code(&mut s, &q.appid, &q.js_code) {
        Ok(openid) => Json(json!({ "openid": openid, "session_key": "c2ltLXNlc3Npb24ta2V5" })),
        Err(refusal) => refusal,
    }
}

#[derive(Deserialize)]
struct TokenParam {
    #[serde(default)]
    access_token: String,
}

#[derive(Deserialize)]
struct PhoneBody {
    #[serde(default)]
    code: String,
}

async fn phone_number(
    State(sim): State<Sim>,
    Query(q): Query<TokenParam>,
    Json(body): Json<PhoneBody>,
) -> Json<Value> {
    let mut s = sim.lock();
    if let Some(refusal) = scripted_refusal(&mut s) {
        return refusal;
    }
    let appid = match s.token_owner(&q.access_token) {
        Ok(appid) => appid,
        Err(refusal) => return refusal,
    };
    let openid = match use_code(&mut s, &appid, &body.code) {
        Ok(openid) => openid,
        Err(refusal) => return refusal,
    };
    let Some(phone) = s.users.get(&openid).cloned() else {
        return refuse(40029, "invalid code");
    };
    // countryCode comes as a number here, as in WeChat's own example.
    Json(json!({
        "errcode": 0,
        "errmsg": "ok",
        "phone_info": {
            "phoneNumber": phone,
            "purePhoneNumber": phone,
            "countryCode": 86,
            "watermark": { "timestamp": now(), "appid": appid },
        },
    }))
}

#[derive(Deserialize)]
struct QrQuery {
    #[serde(default)]
    appid: String,
    #[serde(default)]
    redirect_uri: String,
    #[serde(default)]
    state: String,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// WeChat's QR page, simulated: instead of a code to scan, one link per
/// WeChat user; following it is that user scanning and agreeing.
async fn qr_page(State(sim): State<Sim>, Query(q): Query<QrQuery>) -> axum::response::Html<String> {
    let mut s = sim.lock();
    if !s.apps.contains_key(&q.appid) {
        return axum::response::Html(
            "<!DOCTYPE html><title>WeChat</title><p>This link cannot be opened: unknown appid.</p>"
                .into(),
        );
    }
    let mut openids: Vec<(String, String)> = s
        .users
        .iter()
        .map(|(o, p)| (o.clone(), p.clone()))
        .collect();
    openids.sort();
    let sep = if q.redirect_uri.contains('?') {
        '&'
    } else {
        '?'
    };
    let links: String = openids
        .into_iter()
        .map(|(openid, phone)| {
            let code = s.issue("scan", &q.appid, &openid);
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("code", &code)
                .append_pair("state", &q.state)
                .finish();
            let href = format!("{}{sep}{query}", q.redirect_uri);
            format!(
                "<li><a href=\"{}\" data-openid=\"{}\">{} ({})</a></li>",
                escape(&href),
                escape(&openid),
                escape(&openid),
                escape(&phone)
            )
        })
        .collect();
    axum::response::Html(format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>WeChat QR (simulated)</title>\
         <h1>Scan with WeChat (simulator)</h1><ul>{links}</ul></html>"
    ))
}

#[derive(Deserialize)]
struct OauthQuery {
    #[serde(default)]
    appid: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    grant_type: String,
}

async fn oauth_token(State(sim): State<Sim>, Query(q): Query<OauthQuery>) -> Json<Value> {
    let mut s = sim.lock();
    if q.grant_type != "authorization_code" {
        return refuse(40002, "invalid grant_type");
    }
    match s.apps.get(&q.appid) {
        None => return refuse(40013, "invalid appid"),
        Some(secret) if *secret != q.secret => return refuse(40125, "invalid appsecret"),
        Some(_) => {}
    }
    match use_code(&mut s, &q.appid, &q.code) {
        Ok(openid) => Json(json!({
            "access_token": "SIM_OAUTH_TOKEN",
            "expires_in": 7200,
            "refresh_token": "SIM_OAUTH_REFRESH",
            "openid": openid,
            "scope": "snsapi_login",
        })),
        Err(refusal) => refusal,
    }
}

#[derive(Deserialize)]
struct Refusal {
    errcode: i64,
}

async fn refuse_next(State(sim): State<Sim>, Json(r): Json<Refusal>) -> Json<Value> {
    sim.refuse_next(r.errcode);
    Json(json!({ "ok": true }))
}

#[derive(Deserialize)]
struct NewUser {
    openid: String,
    phone: String,
}

async fn add_user(State(sim): State<Sim>, Json(user): Json<NewUser>) -> Json<Value> {
    sim.add_user(&user.openid, &user.phone);
    Json(json!({ "ok": true }))
}

#[derive(Deserialize)]
struct CodesFor {
    appid: String,
    openid: String,
}

async fn codes(State(sim): State<Sim>, Json(who): Json<CodesFor>) -> Json<Value> {
    let (phone_code, login_code) = sim.codes_for(&who.appid, &who.openid);
    Json(json!({ "phone_code": phone_code, "login_code": login_code }))
}

async fn expire_tokens(State(sim): State<Sim>) -> Json<Value> {
    sim.expire_tokens();
    Json(json!({ "ok": true }))
}

async fn stats(State(sim): State<Sim>) -> Json<Value> {
    let s = sim.lock();
    Json(json!({ "token_fetches": s.token_fetches }))
}

/// A push over plain HTTP, as WeChat posts to the event URL.
async fn post_xml(url: &str, body: String) -> (u16, String) {
    use http_body_util::{BodyExt, Full};
    use hyper::body::Bytes;
    use hyper_util::client::legacy::Client;
    let client: Client<_, Full<Bytes>> =
        Client::builder(hyper_util::rt::TokioExecutor::new()).build_http();
    let request = hyper::Request::post(url)
        .header("content-type", "text/xml")
        .body(Full::new(Bytes::from(body)));
    let Ok(request) = request else {
        return (0, "bad URL".into());
    };
    match client.request(request).await {
        Ok(res) => {
            let status = res.status().as_u16();
            let body = res.into_body().collect().await.map(|b| b.to_bytes());
            let text = body.map(|b| String::from_utf8_lossy(&b).into_owned());
            (status, text.unwrap_or_default())
        }
        Err(e) => (0, e.to_string()),
    }
}
