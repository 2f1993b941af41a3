//! Application entry over real HTTP: the WeChat simulator pushes to the
//! platform's authorization-event URL exactly as WeChat does (signed,
//! AES-encrypted XML), and the app keeps what it must.

use crate::common::TestApp;
use crate::wechat::simulator;
use hyper::Method;
use server::wechat_client::{ComponentApp, WeChatSettings};
use server::wechat_sim::Sim;

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
    assert_eq!(notice, "unauthorized", "the Store Admin is told");
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
