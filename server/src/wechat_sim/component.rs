//! The simulator's third-party platform side: brands' mini-programs and
//! official accounts that a "mini-program admin" authorizes on the simulated
//! authorization page (`componentloginpage`, one link per account), and
//! `api_query_auth` / `api_get_authorizer_info`. As on WeChat, a permission
//! set another platform already holds is silently left out of `func_info`,
//! and authorizing again replaces the refresh token.

use super::{escape, now, refuse, ComponentTokenParam, Sim};
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

/// The sets a platform asks a mini-program for, and an official account.
const MINI_PROGRAM_SETS: [i64; 4] = [17, 18, 19, 30];
const OFFICIAL_ACCOUNT_SETS: [i64; 5] = [1, 2, 4, 15, 33];
/// Pre-auth and authorization codes live ten minutes.
const CODE_TTL_SECS: i64 = 600;

/// A brand's account as WeChat knows it.
#[derive(Clone, Debug, Deserialize)]
pub struct Authorizer {
    pub appid: String,
    pub nick_name: String,
    #[serde(default)]
    pub head_img: String,
    pub principal: String,
    /// `verify_type_info.id` 0 rather than -1.
    pub verified: bool,
    /// A mini-program (`MiniProgramInfo` present), else an official account.
    pub mini_program: bool,
    /// Permission sets another platform holds: granted here, they are left out.
    #[serde(default)]
    pub held_elsewhere: Vec<i64>,
    /// An official account's linked mini-programs (its menu may open only these).
    #[serde(default)]
    pub linked: Vec<String>,
    /// A mini-program's released pages (a menu may open only these).
    #[serde(default = "released_pages")]
    pub pages: Vec<String>,
}

/// What an empty shell mini-program releases: its login and home pages.
fn released_pages() -> Vec<String> {
    vec!["pages/login/login".into(), "pages/index/index".into()]
}

#[derive(Clone, Debug)]
pub struct Grant {
    refresh_token: String,
    sets: Vec<i64>,
}

impl Sim {
    /// A brand's mini-program or official account, for the authorization page.
    pub fn add_authorizer(&self, authorizer: Authorizer) {
        self.lock()
            .authorizers
            .insert(authorizer.appid.clone(), authorizer);
    }

    /// The account's admin withdrew the platform's authorization (push
    /// `unauthorized` to tell the platform).
    pub fn revoke(&self, appid: &str) {
        self.lock().grants.remove(appid);
    }
}

impl super::SimState {
    /// This is the simulated third-party platform's appid.
    fn is_component(&self, appid: &str) -> bool {
        self.component.as_ref().is_some_and(|c| c.appid == appid)
    }
}

#[derive(Deserialize)]
pub(super) struct PageQuery {
    #[serde(default)]
    component_appid: String,
    #[serde(default)]
    pre_auth_code: String,
    #[serde(default)]
    redirect_uri: String,
    #[serde(default)]
    auth_type: String,
}

fn page(body: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>WeChat account authorization (simulated)</title></head><body>{body}</body></html>"
    ))
}

/// The authorization page: one link per account of the right kind; a link
/// is that account's admin scanning and agreeing.
pub(super) async fn authorization_page(
    State(sim): State<Sim>,
    Query(q): Query<PageQuery>,
) -> Html<String> {
    let s = sim.lock();
    if !s.is_component(&q.component_appid) {
        return page("<p>No such third-party platform.</p>");
    }
    let live = s
        .pre_auth_codes
        .get(&q.pre_auth_code)
        .is_some_and(|issued| issued + CODE_TTL_SECS > now());
    if !live {
        return page("<p>This authorization link has expired. Start again from the third-party platform.</p>");
    }
    let mini = q.auth_type != "1";
    let mut accounts: Vec<&Authorizer> = s
        .authorizers
        .values()
        .filter(|a| a.mini_program == mini)
        .collect();
    accounts.sort_by(|a, b| a.appid.cmp(&b.appid));
    let links: String = accounts
        .iter()
        .map(|a| {
            let href = format!(
                "/sim/component/authorize?pre_auth_code={}&appid={}&redirect_uri={}",
                urlencode(&q.pre_auth_code),
                urlencode(&a.appid),
                urlencode(&q.redirect_uri)
            );
            format!(
                "<li><a href=\"{}\" data-appid=\"{}\">{} ({})</a></li>",
                escape(&href),
                escape(&a.appid),
                escape(&a.nick_name),
                escape(&a.principal)
            )
        })
        .collect();
    page(&format!(
        "<h1>Choose the account to authorize</h1><p>The third-party platform gets its default permission sets.</p><ul>{links}</ul>"
    ))
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[derive(Deserialize)]
pub(super) struct AuthorizeQuery {
    #[serde(default)]
    pre_auth_code: String,
    #[serde(default)]
    appid: String,
    #[serde(default)]
    redirect_uri: String,
}

/// The admin agreed: the pre-auth code is used up, the grant (re)made, and
/// the browser sent back with an authorization code.
pub(super) async fn authorize(State(sim): State<Sim>, Query(q): Query<AuthorizeQuery>) -> Response {
    let mut s = sim.lock();
    let Some(issued) = s.pre_auth_codes.remove(&q.pre_auth_code) else {
        return page("<p>This authorization link has expired.</p>").into_response();
    };
    let Some(account) = s.authorizers.get(&q.appid).cloned() else {
        return page("<p>No such account.</p>").into_response();
    };
    if issued + CODE_TTL_SECS <= now() {
        return page("<p>This authorization link has expired.</p>").into_response();
    }
    let asked: &[i64] = if account.mini_program {
        &MINI_PROGRAM_SETS
    } else {
        &OFFICIAL_ACCOUNT_SETS
    };
    s.serial += 1;
    let serial = s.serial;
    let sets = asked
        .iter()
        .copied()
        .filter(|set| !account.held_elsewhere.contains(set))
        .collect();
    s.grants.insert(
        account.appid.clone(),
        Grant {
            refresh_token: format!("refreshtoken@@@sim-{serial}"),
            sets,
        },
    );
    let code = format!("queryauthcode@@@sim-{serial}");
    s.auth_codes.insert(code.clone(), (account.appid, now()));
    let sep = if q.redirect_uri.contains('?') {
        '&'
    } else {
        '?'
    };
    let back = format!(
        "{}{sep}auth_code={}&expires_in={CODE_TTL_SECS}",
        q.redirect_uri,
        urlencode(&code)
    );
    Redirect::to(&back).into_response()
}

#[derive(Deserialize)]
pub(super) struct QueryAuthBody {
    #[serde(default)]
    component_appid: String,
    #[serde(default)]
    authorization_code: String,
}

fn func_info(sets: &[i64]) -> Value {
    sets.iter()
        .map(|id| json!({ "funcscope_category": { "id": id } }))
        .collect()
}

/// `api_query_auth`: the grant behind an authorization code, once.
pub(super) async fn query_auth(
    State(sim): State<Sim>,
    Query(q): Query<ComponentTokenParam>,
    Json(b): Json<QueryAuthBody>,
) -> Json<Value> {
    let mut s = sim.lock();
    if let Err(refusal) = s.token_owner(q.token()) {
        return refusal;
    }
    if !s.is_component(&b.component_appid) {
        return refuse(61011, "invalid component");
    }
    let appid = match s.auth_codes.remove(&b.authorization_code) {
        Some((appid, issued)) if issued + CODE_TTL_SECS > now() => appid,
        _ => return refuse(61010, "code is expired or invalid"),
    };
    let Some(grant) = s.grants.get(&appid).cloned() else {
        return refuse(61003, "component is not authorized by this account");
    };
    let token = s.mint_token(&appid);
    Json(json!({
        "authorization_info": {
            "authorizer_appid": appid,
            "authorizer_access_token": token,
            "expires_in": 7200,
            "authorizer_refresh_token": grant.refresh_token,
            "func_info": func_info(&grant.sets),
        }
    }))
}

#[derive(Deserialize)]
pub(super) struct InfoBody {
    #[serde(default)]
    component_appid: String,
    #[serde(default)]
    authorizer_appid: String,
}

/// `api_get_authorizer_info`: who the account is and what it granted.
pub(super) async fn authorizer_info(
    State(sim): State<Sim>,
    Query(q): Query<ComponentTokenParam>,
    Json(b): Json<InfoBody>,
) -> Json<Value> {
    let s = sim.lock();
    if let Err(refusal) = s.token_owner(q.token()) {
        return refusal;
    }
    if !s.is_component(&b.component_appid) {
        return refuse(61011, "invalid component");
    }
    let (Some(account), Some(grant)) = (
        s.authorizers.get(&b.authorizer_appid),
        s.grants.get(&b.authorizer_appid),
    ) else {
        return refuse(61003, "component is not authorized by this account");
    };
    let mut info = json!({
        "nick_name": account.nick_name,
        "head_img": account.head_img,
        "service_type_info": { "id": 0 },
        "verify_type_info": { "id": if account.verified { 0 } else { -1 } },
        "user_name": format!("gh_{}", account.appid.trim_start_matches("wx")),
        "principal_name": account.principal,
        "account_status": 1,
    });
    if account.mini_program {
        info["MiniProgramInfo"] = json!({ "network": {}, "categories": [], "visit_status": 0 });
    }
    Json(json!({
        "authorizer_info": info,
        "authorization_info": {
            "authorizer_appid": account.appid,
            "authorizer_refresh_token": grant.refresh_token,
            "func_info": func_info(&grant.sets),
        }
    }))
}

/// `POST /sim/authorizers` with an [`Authorizer`]'s JSON (dev mode, browser tests).
pub(super) async fn add_authorizer(
    State(sim): State<Sim>,
    Json(authorizer): Json<Authorizer>,
) -> Json<Value> {
    sim.add_authorizer(authorizer);
    Json(json!({ "ok": true }))
}

/// The accounts dev mode and the browser tests authorize: a verified
/// mini-program, an unverified one, one whose phone-number set another
/// platform holds, and an official account.
pub fn add_demo_authorizers(sim: &Sim) {
    let mini = |appid: &str, name: &str, verified: bool, held_elsewhere: Vec<i64>| Authorizer {
        appid: appid.into(),
        nick_name: name.into(),
        head_img: String::new(),
        principal: "Demo Brand Ltd.".into(),
        verified,
        mini_program: true,
        held_elsewhere,
        linked: Vec::new(),
        pages: released_pages(),
    };
    sim.add_authorizer(mini("wxdemomini", "Demo Ordering", true, vec![]));
    sim.add_authorizer(mini("wxdemounverified", "Demo Unverified", false, vec![]));
    sim.add_authorizer(mini(
        "wxdemoheld",
        "Demo On Another Platform",
        true,
        vec![18],
    ));
    let mut official = mini("wxdemoofficial", "Demo Service Account", true, vec![]);
    official.mini_program = false;
    official.linked = vec!["wxdemomini".into()];
    sim.add_authorizer(official);
    let mut other = mini(
        "wxdemoofficialother",
        "Partner Service Account",
        true,
        vec![],
    );
    other.mini_program = false;
    other.principal = "Partner Trading Co.".into();
    sim.add_authorizer(other);
}

#[derive(Deserialize)]
pub(super) struct PushTicket {
    event_url: String,
}

/// `POST /sim/push-ticket {"event_url"}`: push a ticket now (browser tests).
pub(super) async fn push_ticket(State(sim): State<Sim>, Json(p): Json<PushTicket>) -> Json<Value> {
    let (ticket, status) = sim.push_ticket(&p.event_url).await;
    Json(json!({ "ticket": ticket, "status": status }))
}

#[derive(Deserialize)]
pub(super) struct AuthorizerTokenBody {
    #[serde(default)]
    component_appid: String,
    #[serde(default)]
    authorizer_appid: String,
    #[serde(default)]
    authorizer_refresh_token: String,
}

/// `api_authorizer_token`: an authorized account's token for its newest
/// refresh token; a stale one is refused with 61023.
pub(super) async fn authorizer_token(
    State(sim): State<Sim>,
    Query(q): Query<ComponentTokenParam>,
    Json(b): Json<AuthorizerTokenBody>,
) -> Json<Value> {
    let mut s = sim.lock();
    if let Err(refusal) = s.token_owner(q.token()) {
        return refusal;
    }
    if !s.is_component(&b.component_appid) {
        return refuse(61011, "invalid component");
    }
    let Some(grant) = s.grants.get(&b.authorizer_appid).cloned() else {
        return refuse(61003, "component is not authorized by this account");
    };
    if grant.refresh_token != b.authorizer_refresh_token {
        return refuse(61023, "refresh_token is invalid");
    }
    let token = s.mint_token(&b.authorizer_appid);
    Json(json!({
        "authorizer_access_token": token,
        "expires_in": 7200,
        "authorizer_refresh_token": grant.refresh_token,
    }))
}

#[derive(Deserialize)]
pub(super) struct ComponentSessionQuery {
    #[serde(default)]
    appid: String,
    #[serde(default)]
    js_code: String,
    #[serde(default)]
    component_appid: String,
    #[serde(default)]
    component_access_token: String,
}

/// `sns/component/jscode2session`: a login code of a mini-program that
/// authorized this platform (61003 otherwise).
pub(super) async fn component_jscode2session(
    State(sim): State<Sim>,
    Query(q): Query<ComponentSessionQuery>,
) -> Json<Value> {
    let mut s = sim.lock();
    match s.token_owner(&q.component_access_token) {
        Ok(owner) if owner == q.component_appid && s.is_component(&owner) => {}
        Ok(_) => return refuse(40001, "invalid component_access_token"),
        Err(refusal) => return refusal,
    }
    if !s.grants.contains_key(&q.appid) {
        return refuse(61003, "component is not authorized by this mini-program");
    }
    match super::use_code(&mut s, &q.appid, &q.js_code) {
        Ok(openid) => Json(json!({ "openid": openid, "session_key": "c2ltLXNlc3Npb24ta2V5" })),
        Err(refusal) => refusal,
    }
}

/// `menu/create` with an official account's token: WeChat's limits, and
/// its refusals for a `miniprogram` button (40166 an original `gh_` id,
/// 85005 a mini-program the account is not linked to, 40165 a page the
/// mini-program has not released).
pub(super) async fn create_menu(
    State(sim): State<Sim>,
    Query(q): Query<super::TokenParam>,
    Json(menu): Json<Value>,
) -> Json<Value> {
    let mut s = sim.lock();
    let appid = match s.token_owner(&q.access_token) {
        Ok(appid) => appid,
        Err(refusal) => return refusal,
    };
    let Some(account) = s
        .authorizers
        .get(&appid)
        .filter(|a| !a.mini_program)
        .cloned()
    else {
        return refuse(48001, "api unauthorized");
    };
    let buttons = menu["button"].as_array().cloned().unwrap_or_default();
    if buttons.is_empty() || buttons.len() > 3 {
        return refuse(40016, "invalid button size");
    }
    for button in &buttons {
        let leaves = match button["sub_button"].as_array() {
            Some(subs) if subs.len() > 5 => return refuse(40023, "invalid sub button size"),
            Some(subs) => subs.clone(),
            None => vec![button.clone()],
        };
        for leaf in leaves.iter().filter(|b| b["type"] == "miniprogram") {
            let target = leaf["appid"].as_str().unwrap_or_default();
            if target.starts_with("gh_") {
                return refuse(40166, "invalid weapp appid");
            }
            if !account.linked.iter().any(|l| l == target) {
                return refuse(85005, "appid not bind weapp");
            }
            let page = leaf["pagepath"].as_str().unwrap_or_default();
            let released = s
                .authorizers
                .get(target)
                .is_some_and(|mini| mini.pages.iter().any(|p| p == page));
            if !released {
                return refuse(40165, "invalid weapp pagepath");
            }
        }
    }
    s.menus.insert(appid, menu);
    Json(json!({ "errcode": 0, "errmsg": "ok" }))
}

impl Sim {
    /// The menu an official account published last.
    pub fn menu(&self, appid: &str) -> Option<Value> {
        self.lock().menus.get(appid).cloned()
    }
}
