//! Application entry over real HTTP: the WeChat simulator pushes to the
//! platform's authorization-event URL exactly as WeChat does (signed,
//! AES-encrypted XML), and the app keeps what it must.

use crate::common::TestApp;
use crate::wechat::simulator;
use hyper::Method;
use server::wechat_client::{ComponentApp, WeChatSettings};
use server::wechat_sim::{Authorizer, Sim};

const COMPONENT_APPID: &str = "wxcomponenttest";
const COMPONENT_SECRET: &str = "component-test-secret";
const PUSH_TOKEN: &str = "push-token";
const AES_KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

/// The simulator with the platform's third-party platform, and an app that
/// knows it (and its settings, for another app server).
async fn platform() -> (Sim, TestApp, WeChatSettings) {
    let (sim, mut wechat) = simulator().await;
    sim.add_component(COMPONENT_APPID, COMPONENT_SECRET, PUSH_TOKEN, AES_KEY)
        .expect("component keys");
    wechat.component = Some(ComponentApp {
        appid: COMPONENT_APPID.into(),
        secret: COMPONENT_SECRET.into(),
        token: PUSH_TOKEN.into(),
        aes_key: AES_KEY.into(),
        mp_base: wechat.api_base.clone(),
    });
    let settings = wechat.clone();
    let app = TestApp::start_with(move |s| s.wechat = Some(wechat)).await;
    (sim, app, settings)
}

fn event_url(app: &TestApp) -> String {
    format!("{}/wechat/component/events", app.base)
}

async fn stored_ticket(app: &TestApp) -> Option<String> {
    sqlx::query_scalar("SELECT ticket FROM wechat_component_tickets WHERE component_appid = $1")
        .bind(COMPONENT_APPID)
        .fetch_optional(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_ticket_push_with_a_bad_signature_is_refused_and_a_good_one_is_kept_for_every_app_server()
{
    let (sim, app, settings) = platform().await;
    let (ticket, status) = sim.push_ticket(&event_url(&app)).await;
    assert_eq!(status, 200);
    assert_eq!(stored_ticket(&app).await, Some(ticket.clone()));

    // A forged push: right shape, wrong signature.
    let sealed = sim
        .seal(&[
            ("InfoType", "component_verify_ticket"),
            ("ComponentVerifyTicket", "forged"),
        ])
        .unwrap();
    let forged_url = sealed
        .url("/wechat/component/events")
        .replace(&sealed.msg_signature, &"0".repeat(40));
    let forged = app
        .request(
            Method::POST,
            &forged_url,
            Some(sealed.body.clone()),
            &[("content-type", "text/xml")],
        )
        .await;
    assert_eq!(forged.status, 401, "{}", forged.body);
    // Signed, but not encrypted for this platform's key.
    let garbled = sealed
        .body
        .replace("<Encrypt><![CDATA[", "<Encrypt><![CDATA[AAAA");
    let garbled = app
        .request(
            Method::POST,
            &sealed.url("/wechat/component/events"),
            Some(garbled),
            &[("content-type", "text/xml")],
        )
        .await;
    assert!(
        garbled.status == 401 || garbled.status == 400,
        "{}",
        garbled.status
    );
    assert_eq!(
        stored_ticket(&app).await,
        Some(ticket),
        "the forged ticket was not kept"
    );

    // Another app server takes the next push; both read the one ticket.
    let other = app
        .another_instance_with(move |s| s.wechat = Some(settings))
        .await;
    let (newer, status) = sim.push_ticket(&event_url(&other)).await;
    assert_eq!(status, 200);
    assert_eq!(stored_ticket(&app).await, Some(newer));
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM wechat_component_tickets")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(rows, 1, "one ticket per component");
}

#[tokio::test]
async fn an_unauthorized_push_returns_the_brand_to_platform_mode_once() {
    let (sim, app, _) = platform().await;
    sqlx::query(
        "INSERT INTO store_apps (tenant_id, appid, nick_name, head_img, principal, func_info, refresh_token, authorized_at)
         SELECT id, 'wxbrandmini', 'Demo 订货', '', 'Demo Brand Ltd.', '17,18,19,30', 'refreshtoken@@@1', 0
         FROM tenants WHERE slug = 'demo'",
    )
    .execute(&app.db)
    .await
    .unwrap();

    let gone = [
        ("InfoType", "unauthorized"),
        ("AuthorizerAppid", "wxbrandmini"),
    ];
    for _ in 0..2 {
        let (status, body) = sim.push(&event_url(&app), &gone).await;
        assert_eq!(
            (status, body.as_str()),
            (200, "success"),
            "pushed again, answered the same"
        );
    }
    let dedicated: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM store_apps")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(dedicated, 0, "back to platform mode");
    let notice: String = sqlx::query_scalar("SELECT entry_notice FROM tenants WHERE slug = 'demo'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        notice, r#"{"kind":"unauthorized"}"#,
        "the Store Admin is told"
    );
}

#[tokio::test]
async fn a_platform_without_a_third_party_platform_has_no_event_url() {
    let (sim, wechat) = simulator().await;
    sim.add_component(COMPONENT_APPID, COMPONENT_SECRET, PUSH_TOKEN, AES_KEY)
        .unwrap();
    let app = TestApp::start_with(move |s| s.wechat = Some(wechat)).await;
    let (_, status) = sim.push_ticket(&event_url(&app)).await;
    assert_eq!(status, 404);
}

async fn upgrade_link(app: &TestApp, staff: &str) -> crate::common::Reply {
    let token = app
        .console_token(staff, app::db::seed::DEMO_ADMIN_PASSWORD)
        .await;
    app.console_call("console/entry_authorization_link", &[], &token)
        .await
}

#[tokio::test]
async fn the_upgrade_link_carries_a_pre_auth_code_and_app_servers_share_one_component_token() {
    let (sim, app, settings) = platform().await;
    let other = app
        .another_instance_with(move |s| s.wechat = Some(settings))
        .await;
    sim.push_ticket(&event_url(&app)).await;

    let (a, b) = tokio::join!(
        upgrade_link(&app, "admin@demo.test"),
        upgrade_link(&other, "admin@demo.test")
    );
    for reply in [&a, &b] {
        assert_eq!(reply.status, 200, "{}", reply.body);
        let link = reply.json().as_str().unwrap_or_default().to_string();
        assert!(link.contains("/cgi-bin/componentloginpage?component_appid=wxcomponenttest&pre_auth_code=preauthcode%40%40%40"), "{link}");
        assert!(
            link.contains("%2Fconsole%2Fsettings%2Fentry&auth_type=2"),
            "{link}"
        );
    }
    assert_ne!(a.body, b.body, "each link has its own pre-auth code");
    assert_eq!(
        sim.token_fetches(COMPONENT_APPID),
        1,
        "one component token for both servers"
    );
    let remembered: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM wechat_pre_auth_codes p JOIN tenants t ON t.id = p.tenant_id
         WHERE t.slug = 'demo' AND p.auth_type = 2",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(remembered, 2);
}

#[tokio::test]
async fn without_a_pushed_ticket_the_upgrade_says_wechat_cannot_be_reached_and_a_clerk_may_not_upgrade(
) {
    let (_sim, app, _) = platform().await;
    let early = upgrade_link(&app, "admin@demo.test").await;
    assert_eq!(early.status, 503, "{}", early.body);
    assert_eq!(early.error_code(), "entry_wechat_unavailable");

    let clerk = upgrade_link(&app, "clerk@demo.test").await;
    assert_eq!(clerk.status, 403, "{}", clerk.body);
}

/// A plain GET outside the app (WeChat's pages), without following redirects.
async fn get_url(url: &str) -> (u16, String, String) {
    use http_body_util::{BodyExt, Full};
    use hyper::body::Bytes;
    let client: hyper_util::client::legacy::Client<_, Full<Bytes>> =
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build_http();
    let res = client
        .request(
            hyper::Request::get(url)
                .body(Full::new(Bytes::new()))
                .unwrap(),
        )
        .await
        .expect("GET");
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        location,
        String::from_utf8_lossy(&body).into_owned(),
    )
}

fn brand_mini(appid: &str, verified: bool, held_elsewhere: Vec<i64>) -> Authorizer {
    Authorizer {
        appid: appid.into(),
        nick_name: format!("{appid} 订货"),
        head_img: "https://mmbiz.qpic.cn/mmbiz_png/brand/0".into(),
        principal: "Demo Brand Ltd.".into(),
        verified,
        mini_program: true,
        held_elsewhere,
        linked: Vec::new(),
        pages: vec!["pages/login/login".into()],
    }
}

/// What a Store Admin does: ask for the link, click it, and (as the
/// mini-program's admin on WeChat's page) choose `appid`. Returns the
/// auth_code WeChat sends them back with.
async fn authorize_on_wechat(app: &TestApp, staff: &str, appid: &str) -> String {
    let link = upgrade_link(app, staff).await;
    assert_eq!(link.status, 200, "{}", link.body);
    let link = link.json();
    let (status, _, page) = get_url(link.as_str().unwrap()).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("data-appid=\"{appid}\"")),
        "{appid} offered: {page}"
    );
    choose_on_wechat(&link, appid).await
}

/// On WeChat's authorization page for `link`, the account `appid` agrees;
/// WeChat sends the browser back with an auth_code, returned here.
async fn choose_on_wechat(link: &serde_json::Value, appid: &str) -> String {
    let link = link.as_str().unwrap();
    let sim_base = link.split("/cgi-bin/").next().unwrap();
    let (status, back, _) = get_url(&format!(
        "{sim_base}/sim/component/authorize?pre_auth_code={}&appid={appid}&redirect_uri={}",
        query_param(link, "pre_auth_code"),
        query_param(link, "redirect_uri")
    ))
    .await;
    assert_eq!(status, 303);
    assert!(
        back.contains("/console/settings/entry?") && back.contains("auth_code="),
        "{back}"
    );
    query_param(&back, "auth_code")
}

/// A query parameter of `url`, decoded.
fn query_param(url: &str, name: &str) -> String {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("{name} in {url}"))
}

async fn come_back(app: &TestApp, staff: &str, auth_code: &str) -> serde_json::Value {
    let token = app
        .console_token(staff, app::db::seed::DEMO_ADMIN_PASSWORD)
        .await;
    let reply = app
        .console_call(
            "console/entry_authorized",
            &[("auth_code", auth_code)],
            &token,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

async fn console(app: &TestApp, staff: &str, endpoint: &str) -> serde_json::Value {
    let token = app
        .console_token(staff, app::db::seed::DEMO_ADMIN_PASSWORD)
        .await;
    let reply = app.console_call(endpoint, &[], &token).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

#[tokio::test]
async fn an_admin_upgrades_to_a_verified_mini_program_and_the_store_shows_its_name() {
    let (sim, app, _) = platform().await;
    sim.push_ticket(&event_url(&app)).await;
    sim.add_authorizer(brand_mini("wxdemomini", true, vec![]));

    let code = authorize_on_wechat(&app, "admin@demo.test", "wxdemomini").await;
    let view = come_back(&app, "admin@demo.test", &code).await;
    assert_eq!(view["dedicated"]["appid"], "wxdemomini", "{view}");
    assert_eq!(view["dedicated"]["principal"], "Demo Brand Ltd.");
    assert_eq!(
        view["dedicated"]["sets"],
        serde_json::json!([17, 18, 19, 30])
    );
    assert!(view["notice"].is_null(), "{view}");

    // A reload of the return page: the code is used up, the page stays as it is.
    let again = come_back(&app, "admin@demo.test", &code).await;
    assert_eq!(again["dedicated"]["appid"], "wxdemomini");
    assert!(again["notice"].is_null(), "{again}");

    let store = app.get("/s/demo", None).await;
    assert!(
        store.body.contains("wxdemomini 订货"),
        "the header shows the mini-program's name"
    );
    let header = store.body.split("<header").nth(1).unwrap();
    assert!(
        header.contains("src=\"https://mmbiz.qpic.cn/mmbiz_png/brand/0\""),
        "and its icon: {header}"
    );

    // Back to the platform's mini-program.
    let back = console(&app, "admin@demo.test", "console/entry_use_platform").await;
    assert!(back["dedicated"].is_null());
    assert!(app.get("/s/demo", None).await.body.contains("Demo Brand"));
}

#[tokio::test]
async fn an_unverified_mini_program_or_an_official_account_is_refused_and_authorized_checks_again()
{
    let (sim, app, _) = platform().await;
    sim.push_ticket(&event_url(&app)).await;
    sim.add_authorizer(brand_mini("wxunverified", false, vec![]));

    let code = authorize_on_wechat(&app, "admin@demo.test", "wxunverified").await;
    let view = come_back(&app, "admin@demo.test", &code).await;
    assert!(view["dedicated"].is_null());
    assert_eq!(view["notice"]["kind"], "not_verified", "{view}");
    assert_eq!(view["pending"], true);

    // Verified on WeChat meanwhile: "Authorized" checks again and takes it.
    sim.add_authorizer(brand_mini("wxunverified", true, vec![]));
    let view = console(&app, "admin@demo.test", "console/entry_check").await;
    assert_eq!(view["dedicated"]["appid"], "wxunverified", "{view}");
    assert!(view["notice"].is_null());
    assert_eq!(view["pending"], false);

    // An official account is not a mini-program (it is not even offered on
    // the mini-program page; its code, exchanged, is refused all the same).
    let mut account = brand_mini("wxofficial", true, vec![]);
    account.mini_program = false;
    sim.add_authorizer(account);
    let link = upgrade_link(&app, "admin@demo.test").await.json();
    let (_, _, page) = get_url(link.as_str().unwrap()).await;
    assert!(!page.contains("wxofficial"), "{page}");
}

#[tokio::test]
async fn a_missing_permission_set_is_named() {
    let (sim, app, _) = platform().await;
    sim.push_ticket(&event_url(&app)).await;
    sim.add_authorizer(brand_mini("wxheld", true, vec![18]));

    let code = authorize_on_wechat(&app, "admin@demo.test", "wxheld").await;
    let view = come_back(&app, "admin@demo.test", &code).await;
    assert!(view["dedicated"].is_null());
    assert_eq!(view["notice"]["kind"], "missing_sets");
    assert_eq!(view["notice"]["sets"], serde_json::json!([18]), "{view}");
}

#[tokio::test]
async fn one_mini_program_serves_one_brand_even_when_two_adopt_it_at_once() {
    let (sim, app, _) = platform().await;
    sim.push_ticket(&event_url(&app)).await;
    sim.add_authorizer(brand_mini("wxshared", true, vec![]));

    let demo_code = authorize_on_wechat(&app, "admin@demo.test", "wxshared").await;
    let tea_code = authorize_on_wechat(&app, "admin@tea.test", "wxshared").await;
    let (demo, tea) = tokio::join!(
        come_back(&app, "admin@demo.test", &demo_code),
        come_back(&app, "admin@tea.test", &tea_code)
    );
    let adopted = [&demo, &tea]
        .iter()
        .filter(|v| !v["dedicated"].is_null())
        .count();
    assert_eq!(adopted, 1, "{demo} / {tea}");
    let refused = if demo["dedicated"].is_null() {
        &demo
    } else {
        &tea
    };
    assert_eq!(
        refused["notice"]["kind"], "taken_by_another_brand",
        "{refused}"
    );
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM store_apps WHERE appid = 'wxshared'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn the_authorized_push_and_the_admins_return_with_one_code_take_the_grant_once() {
    let (sim, app, _) = platform().await;
    sim.push_ticket(&event_url(&app)).await;
    sim.add_authorizer(brand_mini("wxpushed", true, vec![]));
    let link = upgrade_link(&app, "admin@demo.test").await.json();
    let pre_auth_code = query_param(link.as_str().unwrap(), "pre_auth_code");
    let code = choose_on_wechat(&link, "wxpushed").await;

    // WeChat pushes `authorized` with the code, and the admin comes back with it.
    let pushed = [
        ("InfoType", "authorized"),
        ("AuthorizerAppid", "wxpushed"),
        ("AuthorizationCode", code.as_str()),
        ("PreAuthCode", pre_auth_code.as_str()),
    ];
    let events = event_url(&app);
    let ((status, body), view) = tokio::join!(
        sim.push(&events, &pushed),
        come_back(&app, "admin@demo.test", &code)
    );
    assert_eq!((status, body.as_str()), (200, "success"));
    let view = if view["dedicated"].is_null() {
        console(&app, "admin@demo.test", "console/entry").await
    } else {
        view
    };
    assert_eq!(view["dedicated"]["appid"], "wxpushed", "{view}");
    assert!(
        view["notice"].is_null(),
        "no 'expired' for the one that came second: {view}"
    );
}

#[tokio::test]
async fn an_unauthorized_push_takes_an_adopted_mini_program_away_and_the_store_shows_its_own_name()
{
    let (sim, app, _) = platform().await;
    sim.push_ticket(&event_url(&app)).await;
    sim.add_authorizer(brand_mini("wxwithdrawn", true, vec![]));
    let code = authorize_on_wechat(&app, "admin@demo.test", "wxwithdrawn").await;
    come_back(&app, "admin@demo.test", &code).await;

    sim.revoke("wxwithdrawn");
    let (status, _) = sim
        .push(
            &event_url(&app),
            &[
                ("InfoType", "unauthorized"),
                ("AuthorizerAppid", "wxwithdrawn"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let view = console(&app, "admin@demo.test", "console/entry").await;
    assert!(view["dedicated"].is_null());
    assert_eq!(view["notice"]["kind"], "unauthorized");
    assert!(!app.get("/s/demo", None).await.body.contains("wxwithdrawn"));
}

fn brand_official(appid: &str, principal: &str, linked: &[&str]) -> Authorizer {
    Authorizer {
        appid: appid.into(),
        nick_name: format!("{appid} 服务号"),
        head_img: String::new(),
        principal: principal.into(),
        verified: true,
        mini_program: false,
        held_elsewhere: Vec::new(),
        linked: linked.iter().map(|l| l.to_string()).collect(),
        pages: Vec::new(),
    }
}

/// A brand in dedicated mode (`wxdemomini`, Demo Brand Ltd.) with two
/// official accounts on WeChat: its own, linked to the mini-program, and a
/// partner's of another entity.
async fn dedicated_brand() -> (Sim, TestApp, String) {
    let (sim, app, _) = platform().await;
    sim.push_ticket(&event_url(&app)).await;
    sim.add_authorizer(brand_mini("wxdemomini", true, vec![]));
    sim.add_authorizer(brand_official(
        "wxbrandofficial",
        "Demo Brand Ltd.",
        &["wxdemomini"],
    ));
    sim.add_authorizer(brand_official(
        "wxpartnerofficial",
        "Partner Trading Co.",
        &["wxdemomini"],
    ));
    let code = authorize_on_wechat(&app, "admin@demo.test", "wxdemomini").await;
    come_back(&app, "admin@demo.test", &code).await;
    let staff = app
        .console_token("admin@demo.test", app::db::seed::DEMO_ADMIN_PASSWORD)
        .await;
    (sim, app, staff)
}

/// Links `appid` as the brand's official account the way the admin does:
/// the link (auth_type 1), WeChat's page, and the return.
async fn link_official(app: &TestApp, staff: &str, appid: &str) -> serde_json::Value {
    let link = app
        .console_call("console/entry_official_link", &[], staff)
        .await;
    assert_eq!(link.status, 200, "{}", link.body);
    let link = link.json();
    assert_eq!(query_param(link.as_str().unwrap(), "auth_type"), "1");
    let code = choose_on_wechat(&link, appid).await;
    let reply = app
        .console_call(
            "console/entry_official_authorized",
            &[("auth_code", &code)],
            staff,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

async fn publish(app: &TestApp, staff: &str, menu: &str) -> serde_json::Value {
    let reply = app
        .console_call("console/entry_publish_menu", &[("menu", menu)], staff)
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

#[tokio::test]
async fn an_official_account_of_another_entity_is_linked_with_a_warning_and_one_of_the_same_without(
) {
    let (_sim, app, staff) = dedicated_brand().await;
    let view = link_official(&app, &staff, "wxpartnerofficial").await;
    let official = &view["official"];
    assert_eq!(official["account"]["appid"], "wxpartnerofficial", "{view}");
    assert_eq!(official["account"]["principal"], "Partner Trading Co.");
    let warning = official["principal_warning"].as_str().expect("a warning");
    assert!(
        warning.contains("主体") && warning.contains("跳转"),
        "{warning}"
    );

    let view = link_official(&app, &staff, "wxbrandofficial").await;
    assert_eq!(view["official"]["account"]["appid"], "wxbrandofficial");
    assert!(view["official"]["principal_warning"].is_null(), "{view}");
}

#[tokio::test]
async fn the_menu_has_wechats_shape_publishes_and_wechats_refusals_read_in_plain_words() {
    let (sim, app, staff) = dedicated_brand().await;
    let view = link_official(&app, &staff, "wxbrandofficial").await;
    let menu_text = view["official"]["menu"].as_str().unwrap().to_string();
    let menu: serde_json::Value = serde_json::from_str(&menu_text).unwrap();
    let button = &menu["button"][0];
    assert_eq!(button["type"], "miniprogram");
    assert_eq!(
        button["appid"], "wxdemomini",
        "the store's own mini-program"
    );
    assert_eq!(button["pagepath"], "pages/login/login");
    assert!(
        button["url"].as_str().unwrap().ends_with("/s/demo"),
        "{button}"
    );
    assert!(!button["name"].as_str().unwrap().is_empty());

    let done = publish(&app, &staff, &menu_text).await;
    assert_eq!(done["published"], true, "{done}");
    assert_eq!(sim.menu("wxbrandofficial"), Some(menu.clone()));
    let view = console(&app, "admin@demo.test", "console/entry").await;
    let kept: serde_json::Value =
        serde_json::from_str(view["official"]["menu"].as_str().unwrap()).unwrap();
    assert_eq!(kept, menu, "the published menu is the one shown next time");

    let edited = |field: &str, value: &str| {
        let mut m = menu.clone();
        m["button"][0][field] = serde_json::json!(value);
        m.to_string()
    };
    let refused = publish(&app, &staff, &edited("pagepath", "pages/shop/shop")).await;
    assert_eq!(refused["published"], false);
    let message = refused["message"].as_str().unwrap();
    assert!(
        message.contains("页面路径") && message.contains("40165"),
        "{message}"
    );
    let refused = publish(&app, &staff, &edited("appid", "gh_abcdef123456")).await;
    assert!(
        refused["message"].as_str().unwrap().contains("gh_"),
        "{refused}"
    );
    let refused = publish(&app, &staff, &edited("appid", "wxsomeoneelse")).await;
    assert!(
        refused["message"].as_str().unwrap().contains("85005"),
        "{refused}"
    );

    // Beyond WeChat's limits: refused before WeChat sees it.
    let four = serde_json::json!({ "button": [button, button, button, button] }).to_string();
    let refused = publish(&app, &staff, &four).await;
    assert!(
        refused["message"].as_str().unwrap().contains('3'),
        "{refused}"
    );
    assert_eq!(
        sim.menu("wxbrandofficial"),
        Some(menu),
        "WeChat still has the published one"
    );
}

#[tokio::test]
async fn when_wechat_rotates_every_token_the_menu_still_publishes_after_one_refresh_of_each() {
    let (sim, app, staff) = dedicated_brand().await;
    let view = link_official(&app, &staff, "wxbrandofficial").await;
    let menu = view["official"]["menu"].as_str().unwrap().to_string();
    assert_eq!(publish(&app, &staff, &menu).await["published"], true);
    // The official account's token and the platform's component token,
    // which fetches the account's next one, both stop working at once.
    sim.expire_tokens();
    let again = publish(&app, &staff, &menu).await;
    assert_eq!(again["published"], true, "{again}");
}

#[tokio::test]
async fn in_dedicated_mode_a_distributor_logs_in_through_the_brands_own_mini_program() {
    let (sim, app, _) = dedicated_brand().await;
    sim.add_user("o-brand-dist1", "13800000001");
    let ask = |appid: &'static str, store: &'static str| {
        let (phone_code, login_code) = sim.codes_for(appid, "o-brand-dist1");
        let body = serde_json::json!({
            "store": store, "appid": appid, "phone_code": phone_code, "login_code": login_code,
        });
        let app = &app;
        async move { app.post_json("/api/wechat/phone-ticket", body).await }
    };
    let reply = ask("wxdemomini", "demo").await;
    let ticket = crate::wechat::ticket_of(&reply);
    let entered = app
        .get(
            &format!("/s/demo/enter?ticket={ticket}&next=%2Fs%2Fdemo%2Fme"),
            None,
        )
        .await;
    assert_eq!(entered.status, 303, "{}", entered.body);
    let session = entered.session().expect("a session");
    let me = app.call("me", &[("store", "demo")], Some(&session)).await;
    assert_eq!(me.json()["phone"], "13800000001", "{}", me.body);
    let remembered: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM wechat_openids WHERE appid = 'wxdemomini' AND openid = 'o-brand-dist1'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(remembered, 1, "the openid is the brand mini-program's");

    // The brand's mini-program opens its own store only.
    let elsewhere = ask("wxdemomini", "tea").await;
    assert_eq!(
        elsewhere.error_code(),
        "wechat_code_invalid",
        "{}",
        elsewhere.body
    );
    // After the brand's admin withdraws it, its codes no longer log anyone in.
    sim.revoke("wxdemomini");
    let push = [
        ("InfoType", "unauthorized"),
        ("AuthorizerAppid", "wxdemomini"),
    ];
    assert_eq!(sim.push(&event_url(&app), &push).await.0, 200);
    let after = ask("wxdemomini", "demo").await;
    assert_eq!(after.error_code(), "wechat_code_invalid", "{}", after.body);
}
