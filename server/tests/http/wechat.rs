//! WeChat login over real HTTP: the app talks to the WeChat simulator
//! (`server::wechat_sim`, same paths and JSON as WeChat) through its real
//! client, and the tests talk to the app as the mini-program shell and the
//! store's web-view do.

use crate::common::{Reply, TestApp};
use hyper::Method;
use server::wechat_client::{WeChatSettings, WebApp};
use server::wechat_sim::Sim;
use std::time::Duration;

pub(crate) const APPID: &str = "wxlitetest";
const SECRET: &str = "lite-test-secret";
/// The website app of "Scan with WeChat", under another Open Platform account.
const WEB_APPID: &str = "wxwebtest";
const WEB_SECRET: &str = "web-test-secret";
/// The demo store's distributor `dist1`.
pub(crate) const DIST1_PHONE: &str = "13800000001";

/// A simulator on a loopback port, and the settings that point the app at it.
pub(crate) async fn simulator() -> (Sim, WeChatSettings) {
    let sim = Sim::new(APPID, SECRET);
    sim.add_app(WEB_APPID, WEB_SECRET);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(sim.clone().serve(listener));
    let settings = WeChatSettings {
        api_base: format!("http://{addr}"),
        appid: APPID.into(),
        secret: SECRET.into(),
        timeout: Duration::from_secs(5),
        component: None,
        web: Some(WebApp {
            appid: WEB_APPID.into(),
            secret: WEB_SECRET.into(),
            open_base: format!("http://{addr}"),
        }),
    };
    (sim, settings)
}

pub(crate) async fn app_with(wechat: &WeChatSettings) -> TestApp {
    let wechat = wechat.clone();
    TestApp::start_with(move |s| s.wechat = Some(wechat)).await
}

/// What the shell's login page does: the user taps the phone button and
/// `wx.login` runs; both codes go to the app for a ticket.
async fn ask_ticket(app: &TestApp, sim: &Sim, store: &str, openid: &str) -> Reply {
    let (phone_code, login_code) = sim.codes_for(APPID, openid);
    app.post_json(
        "/api/wechat/phone-ticket",
        serde_json::json!({ "store": store, "phone_code": phone_code, "login_code": login_code }),
    )
    .await
}

pub(crate) fn ticket_of(reply: &Reply) -> String {
    assert_eq!(reply.status, 200, "phone ticket: {}", reply.body);
    reply.json()["ticket"]
        .as_str()
        .expect("a ticket")
        .to_string()
}

/// The web-view reloaded with the ticket.
async fn enter(app: &TestApp, store: &str, ticket: &str, next: &str) -> Reply {
    app.get(
        &format!(
            "/s/{store}/enter?ticket={ticket}&next={}",
            crate::common::urlencode(next)
        ),
        None,
    )
    .await
}

#[tokio::test]
async fn a_distributors_wechat_phone_logs_them_in_through_a_ticket_and_their_openid_is_remembered()
{
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    sim.add_user("o-dist1", DIST1_PHONE);

    let ticket = ticket_of(&ask_ticket(&app, &sim, "demo", "o-dist1").await);
    let entered = enter(&app, "demo", &ticket, "/s/demo/p/1").await;
    assert_eq!(entered.status, 303, "{}", entered.body);
    assert_eq!(entered.location(), "/s/demo/p/1");
    let session = entered.session().expect("a session");

    let me = app.call("me", &[("store", "demo")], Some(&session)).await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(
        me.json()["phone"],
        DIST1_PHONE,
        "logged in as dist1: {}",
        me.body
    );
    let remembered: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM wechat_openids WHERE appid = $1 AND openid = 'o-dist1'",
    )
    .bind(APPID)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(remembered, 1);
}

#[tokio::test]
async fn an_unknown_wechat_phone_goes_to_self_registration_like_an_sms_verified_one() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    sim.add_user("o-new", "13912345678");

    let ticket = ticket_of(&ask_ticket(&app, &sim, "demo", "o-new").await);
    let entered = enter(&app, "demo", &ticket, "/s/demo").await;
    assert_eq!(entered.status, 303, "{}", entered.body);
    assert_eq!(entered.location(), "/s/demo/register");
    assert!(
        entered.session().is_none(),
        "no session for an unknown phone"
    );
    assert!(
        entered
            .set_cookies()
            .iter()
            .any(|c| c.starts_with("ol_reg=")),
        "a registration ticket: {:?}",
        entered.set_cookies()
    );
}

#[tokio::test]
async fn a_ticket_works_once_in_its_own_store_and_only_for_a_minute() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    sim.add_user("o-dist1", DIST1_PHONE);
    sqlx::query("INSERT INTO tenants (slug, name, created_at) VALUES ('other', 'Other Brand', 0)")
        .execute(&app.db)
        .await
        .unwrap();

    // Used twice at once: one login.
    let ticket = ticket_of(&ask_ticket(&app, &sim, "demo", "o-dist1").await);
    let (a, b) = tokio::join!(
        enter(&app, "demo", &ticket, "/s/demo"),
        enter(&app, "demo", &ticket, "/s/demo")
    );
    let sessions = [a.session(), b.session()].iter().flatten().count();
    assert_eq!(
        sessions,
        1,
        "one of two uses logs in: {} / {}",
        a.location(),
        b.location()
    );
    let refused = if a.session().is_some() { &b } else { &a };
    assert!(
        refused.location().starts_with("/s/demo/login?"),
        "{}",
        refused.location()
    );
    assert!(
        refused.location().contains("ticket_invalid"),
        "{}",
        refused.location()
    );

    // Another store's door does not take it.
    let ticket = ticket_of(&ask_ticket(&app, &sim, "demo", "o-dist1").await);
    let elsewhere = enter(&app, "other", &ticket, "/s/other").await;
    assert!(elsewhere.session().is_none());
    assert!(
        elsewhere.location().contains("ticket_invalid"),
        "{}",
        elsewhere.location()
    );

    // A minute later it has expired.
    let ticket = ticket_of(&ask_ticket(&app, &sim, "demo", "o-dist1").await);
    sqlx::query("UPDATE wechat_tickets SET expires_at = expires_at - 61")
        .execute(&app.db)
        .await
        .unwrap();
    let late = enter(&app, "demo", &ticket, "/s/demo").await;
    assert!(late.session().is_none());
    assert!(
        late.location().contains("ticket_invalid"),
        "{}",
        late.location()
    );

    // The login page shows why, in the reader's language.
    let page = app.get(late.location(), None).await;
    assert!(page.body.contains("登录凭证已失效"), "{}", page.body);
}

#[tokio::test]
async fn an_expired_or_used_phone_code_gets_a_clear_message() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    sim.add_user("o-dist1", DIST1_PHONE);

    let (phone_code, login_code) = sim.codes_for(APPID, "o-dist1");
    sim.age_codes(301);
    let expired = app
        .post_json(
            "/api/wechat/phone-ticket",
            serde_json::json!({ "store": "demo", "phone_code": phone_code, "login_code": login_code }),
        )
        .await;
    assert_eq!(expired.status, 400, "{}", expired.body);
    assert_eq!(expired.error_code(), "wechat_code_invalid");

    let (phone_code, login_code) = sim.codes_for(APPID, "o-dist1");
    let body =
        serde_json::json!({ "store": "demo", "phone_code": phone_code, "login_code": login_code });
    ticket_of(
        &app.post_json("/api/wechat/phone-ticket", body.clone())
            .await,
    );
    let again = app.post_json("/api/wechat/phone-ticket", body).await;
    assert_eq!(again.error_code(), "wechat_code_invalid", "{}", again.body);

    let empty = app
        .post_json(
            "/api/wechat/phone-ticket",
            serde_json::json!({ "store": "demo", "phone_code": "", "login_code": "x" }),
        )
        .await;
    assert_eq!(empty.status, 400, "{}", empty.body);
    assert_eq!(empty.json()["field"], "phone_code");

    let no_codes = app
        .post_json(
            "/api/wechat/phone-ticket",
            serde_json::json!({ "store": "demo" }),
        )
        .await;
    assert_eq!(no_codes.status, 400, "{}", no_codes.body);
    assert_eq!(no_codes.error_code(), "bad_request");
}

#[tokio::test]
async fn an_access_token_wechat_expired_is_refreshed_once_and_the_call_succeeds() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    sim.add_user("o-dist1", DIST1_PHONE);

    ticket_of(&ask_ticket(&app, &sim, "demo", "o-dist1").await);
    assert_eq!(sim.token_fetches(APPID), 1);
    // The stored token still looks valid, but WeChat now says 42001.
    sim.expire_tokens();
    ticket_of(&ask_ticket(&app, &sim, "demo", "o-dist1").await);
    assert_eq!(
        sim.token_fetches(APPID),
        2,
        "one refresh, then the call went through"
    );
    ticket_of(&ask_ticket(&app, &sim, "demo", "o-dist1").await);
    assert_eq!(sim.token_fetches(APPID), 2, "the new token is reused");
}

#[tokio::test]
async fn two_app_servers_logging_people_in_at_once_fetch_one_token() {
    let (sim, wechat) = simulator().await;
    let first = app_with(&wechat).await;
    let second = first
        .another_instance_with({
            let wechat = wechat.clone();
            move |s| s.wechat = Some(wechat)
        })
        .await;
    for n in 0..20 {
        sim.add_user(&format!("o-{n}"), &format!("1390000{n:04}"));
    }
    let asks = (0..20).map(|n| {
        let app = if n % 2 == 0 { &first } else { &second };
        let sim = sim.clone();
        async move { ask_ticket(app, &sim, "demo", &format!("o-{n}")).await }
    });
    for reply in futures_util::future::join_all(asks).await {
        ticket_of(&reply);
    }
    assert_eq!(sim.token_fetches(APPID), 1, "one token for both servers");
}

#[tokio::test]
async fn without_a_wechat_app_the_phone_ticket_says_wechat_is_unavailable() {
    let app = TestApp::start().await;
    let reply = app
        .post_json(
            "/api/wechat/phone-ticket",
            serde_json::json!({ "store": "demo", "phone_code": "p", "login_code": "l" }),
        )
        .await;
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert_eq!(reply.error_code(), "wechat_unavailable");
}

async fn set_channels(app: &TestApp, token: &str, on: [(&str, &str); 4]) -> Reply {
    app.console_call("console/save_login_channels", &on, token)
        .await
}

#[tokio::test]
async fn a_login_channel_the_store_admin_switches_off_is_refused_at_its_endpoints() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    sim.add_user("o-dist1", DIST1_PHONE);
    let admin = app
        .console_token("admin@demo.test", "orderlink-admin")
        .await;
    // A ticket issued while the mini-program channel was still on.
    let early = ticket_of(&ask_ticket(&app, &sim, "demo", "o-dist1").await);

    let off = [
        ("sms", "false"),
        ("password", "false"),
        ("mini_program", "false"),
        ("wechat_qr", "true"),
    ];
    let saved = set_channels(&app, &admin, off).await;
    assert_eq!(saved.status, 200, "{}", saved.body);

    let sms = app
        .call(
            "send_sms_code",
            &[("store", "demo"), ("phone", DIST1_PHONE)],
            None,
        )
        .await;
    assert_eq!(
        (sms.status, sms.error_code().as_str()),
        (403, "channel_off"),
        "{}",
        sms.body
    );
    let password = app.password_login("demo", "dist1", "orderlink-demo").await;
    assert_eq!(password.error_code(), "channel_off", "{}", password.body);
    assert!(password.session().is_none());
    let ticket = ask_ticket(&app, &sim, "demo", "o-dist1").await;
    assert_eq!(ticket.error_code(), "channel_off", "{}", ticket.body);
    let entered = enter(&app, "demo", &early, "/s/demo").await;
    assert!(entered.session().is_none());
    assert!(
        entered.location().contains("channel_off"),
        "{}",
        entered.location()
    );
    // The login page offers what is on.
    let channels = app.call("login_channels", &[("store", "demo")], None).await;
    assert_eq!(
        channels.json(),
        serde_json::json!({"sms": false, "password": false, "mini_program": false, "wechat_qr": true})
    );

    // Every channel off would lock everyone out: refused, nothing changed.
    let none = [
        ("sms", "false"),
        ("password", "false"),
        ("mini_program", "false"),
        ("wechat_qr", "false"),
    ];
    let refused = set_channels(&app, &admin, none).await;
    assert_eq!(
        (refused.status, refused.error_code().as_str()),
        (400, "no_login_channel")
    );
    let still = app.call("login_channels", &[("store", "demo")], None).await;
    assert_eq!(still.json()["wechat_qr"], true);

    // Back on, password login works again; the change is audited.
    let on = [
        ("sms", "true"),
        ("password", "true"),
        ("mini_program", "true"),
        ("wechat_qr", "true"),
    ];
    assert_eq!(set_channels(&app, &admin, on).await.status, 200);
    assert!(app
        .password_login("demo", "dist1", "orderlink-demo")
        .await
        .session()
        .is_some());
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'settings.login_channels'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 2);
}

#[tokio::test]
async fn only_staff_who_may_change_settings_switch_login_channels() {
    let app = TestApp::start().await;
    let clerk = app
        .console_token("clerk@demo.test", "orderlink-admin")
        .await;
    let on = [
        ("sms", "true"),
        ("password", "false"),
        ("mini_program", "true"),
        ("wechat_qr", "true"),
    ];
    let refused = set_channels(&app, &clerk, on).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let channels = app.call("login_channels", &[("store", "demo")], None).await;
    assert_eq!(channels.json()["password"], true);
}

/// A GET with these cookies, as a browser follows a redirect.
async fn get_with(app: &TestApp, path: &str, cookies: &str) -> Reply {
    app.request(
        Method::GET,
        path,
        None,
        &[("accept", "text/html"), ("cookie", cookies)],
    )
    .await
}

/// "Scan with WeChat": the QR page's address and the state cookie.
async fn start_qr(app: &TestApp, next: &str) -> (String, String) {
    let start = app
        .get(
            &format!("/s/demo/wechat/qr?next={}", crate::common::urlencode(next)),
            None,
        )
        .await;
    assert_eq!(start.status, 303, "{}", start.body);
    let location = start.location().to_string();
    assert!(
        location.contains("/connect/qrconnect?appid=wxwebtest"),
        "{location}"
    );
    assert!(location.contains("scope=snsapi_login"), "{location}");
    let state = start.cookie("ol_qr_state").expect("state cookie");
    assert!(location.contains(&format!("state={state}")), "{location}");
    (location, state)
}

async fn callback(app: &TestApp, code: &str, state: &str, cookies: &str) -> Reply {
    get_with(
        app,
        &format!("/s/demo/wechat/callback?code={code}&state={state}"),
        cookies,
    )
    .await
}

#[tokio::test]
async fn a_first_time_scanner_proves_their_phone_once_and_then_scanning_logs_them_in() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;

    let (_, state) = start_qr(&app, "/s/demo/me").await;
    let code = sim.scan_code(WEB_APPID, "o-web-dist1");
    let first = callback(&app, &code, &state, &format!("ol_qr_state={state}")).await;
    assert_eq!(first.status, 303, "{}", first.body);
    assert_eq!(
        first.location(),
        "/s/demo/login?bind=wechat&next=%2Fs%2Fdemo%2Fme"
    );
    assert!(
        first.session().is_none(),
        "not logged in before the phone is proven"
    );
    let bind = first.cookie("ol_wx_bind").expect("bind cookie");

    // The SMS login, with the bind cookie, binds the openid to dist1.
    let code = app.sms_code("demo", DIST1_PHONE).await;
    let body =
        crate::common::form_body(&[("store", "demo"), ("phone", DIST1_PHONE), ("code", &code)]);
    let cookie = format!("ol_wx_bind={bind}");
    let sms = app
        .request(
            Method::POST,
            "/api/sms_login",
            Some(body),
            &[("accept", "application/json"), ("cookie", &cookie)],
        )
        .await;
    assert_eq!(sms.status, 200, "{}", sms.body);

    // The next scan logs dist1 in, straight to where they were going.
    let (_, state) = start_qr(&app, "/s/demo/me").await;
    let code = sim.scan_code(WEB_APPID, "o-web-dist1");
    let again = callback(&app, &code, &state, &format!("ol_qr_state={state}")).await;
    assert_eq!(again.location(), "/s/demo/me");
    let session = again.session().expect("a session");
    let me = app.call("me", &[("store", "demo")], Some(&session)).await;
    assert_eq!(me.json()["phone"], DIST1_PHONE);
}

#[tokio::test]
async fn a_qr_callback_whose_state_this_browser_was_not_given_is_refused() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    let (_, state) = start_qr(&app, "/s/demo").await;
    let (_, other) = start_qr(&app, "/s/demo").await;

    // Sent to a victim by another site: the victim's browser has no state, or another one.
    for cookies in [String::new(), format!("ol_qr_state={other}")] {
        let code = sim.scan_code(WEB_APPID, "o-attacker");
        let forged = callback(&app, &code, &state, &cookies).await;
        assert!(forged.session().is_none());
        assert!(forged.cookie("ol_wx_bind").is_none());
        assert!(
            forged.location().contains("ticket_invalid"),
            "{}",
            forged.location()
        );
    }
    // The right browser, once; the same state again is refused.
    let code = sim.scan_code(WEB_APPID, "o-someone");
    let fine = callback(&app, &code, &state, &format!("ol_qr_state={state}")).await;
    assert!(
        fine.location().starts_with("/s/demo/login?bind=wechat"),
        "{}",
        fine.location()
    );
    let code = sim.scan_code(WEB_APPID, "o-someone");
    let replay = callback(&app, &code, &state, &format!("ol_qr_state={state}")).await;
    assert!(
        replay.location().contains("ticket_invalid"),
        "{}",
        replay.location()
    );
}

#[tokio::test]
async fn wechat_saying_too_often_or_busy_gets_a_clear_message_and_the_next_try_works() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    sim.add_user("o-dist1", DIST1_PHONE);
    for errcode in [45011, -1] {
        sim.refuse_next(errcode);
        let refused = ask_ticket(&app, &sim, "demo", "o-dist1").await;
        assert_eq!(refused.status, 503, "{errcode}: {}", refused.body);
        assert_eq!(refused.error_code(), "wechat_unavailable");
        ticket_of(&ask_ticket(&app, &sim, "demo", "o-dist1").await);
    }
}

#[tokio::test]
async fn one_address_gets_at_most_sixty_phone_tickets_an_hour_even_all_at_once() {
    let (_sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    // Well-formed codes WeChat does not know: each request counts, then WeChat refuses it.
    let asks = (0..70).map(|n| {
        let app = &app;
        async move {
            let body = serde_json::json!({
                "store": "demo", "phone_code": format!("p{n}"), "login_code": format!("l{n}"),
            });
            app.post_json("/api/wechat/phone-ticket", body).await
        }
    });
    let replies = futures_util::future::join_all(asks).await;
    let busy = replies.iter().filter(|r| r.error_code() == "busy").count();
    let refused_by_wechat = replies
        .iter()
        .filter(|r| r.error_code() == "wechat_code_invalid")
        .count();
    assert_eq!((busy, refused_by_wechat), (10, 60));
}

#[tokio::test]
async fn one_qr_state_sent_back_twice_at_once_gets_one_answer() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    let (_, state) = start_qr(&app, "/s/demo").await;
    let cookie = format!("ol_qr_state={state}");
    let (a, b) = (
        sim.scan_code(WEB_APPID, "o-twice"),
        sim.scan_code(WEB_APPID, "o-twice"),
    );
    let (first, second) = tokio::join!(
        callback(&app, &a, &state, &cookie),
        callback(&app, &b, &state, &cookie)
    );
    let binds = [first.cookie("ol_wx_bind"), second.cookie("ol_wx_bind")]
        .iter()
        .flatten()
        .count();
    assert_eq!(binds, 1, "{} / {}", first.location(), second.location());
}
