//! The platform mini-program's store picker over real HTTP: one phone with
//! ordering accounts at two brands (the demo data's `dist1` is in `demo` and
//! in `tea`), a ticket for no store, the pass, the choice, the switch.

use crate::common::{form_body, Reply, TestApp};
use crate::wechat::{app_with, simulator, ticket_of, APPID, DIST1_PHONE};
use hyper::Method;
use server::wechat_sim::Sim;

/// The shell's login page opened without a store: a ticket for the picker.
async fn picker_ticket(app: &TestApp, sim: &Sim, openid: &str) -> String {
    let (phone_code, login_code) = sim.codes_for(APPID, openid);
    ticket_of(
        &app.post_json(
            "/api/wechat/phone-ticket",
            serde_json::json!({ "phone_code": phone_code, "login_code": login_code }),
        )
        .await,
    )
}

/// The cookies a browser sends: the pass and, if any, the session.
fn cookies(pass: Option<&str>, session: Option<&str>) -> String {
    let pass = pass.map(|p| format!("ol_lite={p}"));
    let session = session.map(|s| format!("ol_session={s}"));
    [pass, session]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; ")
}

async fn get(app: &TestApp, path: &str, pass: Option<&str>, session: Option<&str>) -> Reply {
    let cookie = cookies(pass, session);
    app.request(
        Method::GET,
        path,
        None,
        &[("accept", "text/html"), ("cookie", &cookie)],
    )
    .await
}

/// The picker's form post.
async fn choose(app: &TestApp, store: &str, pass: Option<&str>, session: Option<&str>) -> Reply {
    let cookie = cookies(pass, session);
    app.request(
        Method::POST,
        "/lite/choose",
        Some(form_body(&[("store", store)])),
        &[("cookie", &cookie)],
    )
    .await
}

async fn me(app: &TestApp, store: &str, pass: Option<&str>, session: &str) -> serde_json::Value {
    let cookie = cookies(pass, Some(session));
    let reply = app
        .request(
            Method::POST,
            "/api/me",
            Some(form_body(&[("store", store)])),
            &[("accept", "application/json"), ("cookie", &cookie)],
        )
        .await;
    assert_eq!(reply.status, 200, "me in {store}: {}", reply.body);
    reply.json()
}

async fn openids(app: &TestApp, openid: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM wechat_openids WHERE openid = $1")
        .bind(openid)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_phone_with_accounts_at_two_brands_picks_a_store_after_a_platform_login_and_switches() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    sim.add_user("o-dist1", DIST1_PHONE);

    let ticket = picker_ticket(&app, &sim, "o-dist1").await;
    let entered = get(&app, &format!("/lite/enter?ticket={ticket}"), None, None).await;
    assert_eq!(entered.status, 303, "{}", entered.body);
    assert_eq!(entered.location(), "/lite");
    assert!(entered.session().is_none(), "no store chosen yet");
    let pass = entered.cookie("ol_lite").expect("a pass");

    let picker = get(&app, "/lite", Some(&pass), None).await;
    assert_eq!(picker.status, 200);
    for shown in [
        "Demo Brand",
        "华东贸易有限公司",
        "Spring Tea",
        "杭州茗香商行",
        "138****0001",
    ] {
        assert!(
            picker.body.contains(shown),
            "{shown} on the picker: {}",
            picker.body
        );
    }

    let tea = choose(&app, "tea", Some(&pass), None).await;
    assert_eq!(tea.status, 303, "{}", tea.body);
    assert_eq!(tea.location(), "/s/tea");
    let tea_session = tea.session().expect("logged into tea");
    let tea_me = me(&app, "tea", Some(&pass), &tea_session).await;
    assert_eq!(tea_me["enterprise"], "杭州茗香商行");
    assert_eq!(
        tea_me["switch_stores"], true,
        "my account offers the switch"
    );

    // The picker marks the store the browser is in; switching logs into the other.
    let picker = get(&app, "/lite", Some(&pass), Some(&tea_session)).await;
    assert_eq!(picker.body.matches("aria-current=\"true\"").count(), 1);
    let demo = choose(&app, "demo", Some(&pass), Some(&tea_session)).await;
    assert_eq!(demo.location(), "/s/demo");
    let demo_session = demo.session().expect("logged into demo");
    assert_eq!(
        me(&app, "demo", Some(&pass), &demo_session).await["enterprise"],
        "华东贸易有限公司"
    );
    let old = app
        .call("me", &[("store", "tea")], Some(&tea_session))
        .await;
    assert_eq!(
        old.error_code(),
        "not_logged_in",
        "the switch ended the tea session"
    );
    assert_eq!(
        openids(&app, "o-dist1").await,
        2,
        "the openid is remembered in both stores"
    );
}

#[tokio::test]
async fn a_phone_with_one_store_goes_straight_in_and_one_with_none_is_told_what_to_do() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    sim.add_user("o-dist2", "13800000002");
    sim.add_user("o-new", "13912340001");

    let ticket = picker_ticket(&app, &sim, "o-dist2").await;
    let entered = get(&app, &format!("/lite/enter?ticket={ticket}"), None, None).await;
    assert_eq!(entered.location(), "/s/demo");
    assert!(entered.session().is_some(), "logged into its only store");
    assert!(entered.cookie("ol_lite").is_some());

    let ticket = picker_ticket(&app, &sim, "o-new").await;
    let entered = get(&app, &format!("/lite/enter?ticket={ticket}"), None, None).await;
    assert_eq!(entered.location(), "/lite");
    let pass = entered.cookie("ol_lite").expect("a pass");
    let picker = get(&app, "/lite", Some(&pass), None).await;
    assert!(
        picker.body.contains("data-testid=\"lite-empty\""),
        "{}",
        picker.body
    );
    assert!(picker.body.contains("还没有订货账号"), "{}", picker.body);
}

#[tokio::test]
async fn a_picker_ticket_opens_no_store_and_a_store_ticket_opens_no_picker() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    sim.add_user("o-dist1", DIST1_PHONE);

    let ticket = picker_ticket(&app, &sim, "o-dist1").await;
    let store_door = get(&app, &format!("/s/demo/enter?ticket={ticket}"), None, None).await;
    assert!(store_door.session().is_none());
    assert!(
        store_door.location().contains("ticket_invalid"),
        "{}",
        store_door.location()
    );

    let (phone_code, login_code) = sim.codes_for(APPID, "o-dist1");
    let store_ticket = ticket_of(
        &app.post_json(
            "/api/wechat/phone-ticket",
            serde_json::json!({ "store": "demo", "phone_code": phone_code, "login_code": login_code }),
        )
        .await,
    );
    let picker_door = get(
        &app,
        &format!("/lite/enter?ticket={store_ticket}"),
        None,
        None,
    )
    .await;
    assert!(picker_door.cookie("ol_lite").is_none());
    assert!(
        picker_door.location().starts_with("/lite?error="),
        "{}",
        picker_door.location()
    );
    assert!(picker_door.location().contains("ticket_invalid"));
    let shown = get(&app, picker_door.location(), None, None).await;
    assert!(shown.body.contains("登录凭证已失效"), "{}", shown.body);
}

#[tokio::test]
async fn choosing_a_store_needs_a_live_pass_and_the_stores_mini_program_login() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    sim.add_user("o-dist1", DIST1_PHONE);

    let refused = choose(&app, "demo", None, None).await;
    assert!(refused.session().is_none());
    assert!(
        refused.location().contains("ticket_invalid"),
        "{}",
        refused.location()
    );
    let forged = choose(&app, "demo", Some("not-a-pass"), None).await;
    assert!(forged.session().is_none());

    let ticket = picker_ticket(&app, &sim, "o-dist1").await;
    let pass = get(&app, &format!("/lite/enter?ticket={ticket}"), None, None)
        .await
        .cookie("ol_lite")
        .expect("a pass");

    // Spring Tea switches the mini-program login off: not offered, not taken.
    sqlx::query("UPDATE tenants SET login_mini_program = FALSE WHERE slug = 'tea'")
        .execute(&app.db)
        .await
        .unwrap();
    let picker = get(&app, "/lite", Some(&pass), None).await;
    assert!(!picker.body.contains("Spring Tea"), "{}", picker.body);
    let off = choose(&app, "tea", Some(&pass), None).await;
    assert!(off.session().is_none());
    assert!(off.location().contains("channel_off"), "{}", off.location());

    // After its working day the pass opens nothing.
    sqlx::query("UPDATE lite_passes SET expires_at = expires_at - 8 * 3600")
        .execute(&app.db)
        .await
        .unwrap();
    let late = choose(&app, "demo", Some(&pass), None).await;
    assert!(late.session().is_none());
    let picker = get(&app, "/lite", Some(&pass), None).await;
    assert!(
        picker.body.contains("data-testid=\"wechat-login\""),
        "{}",
        picker.body
    );
}

#[tokio::test]
async fn a_store_ticket_gives_the_pass_and_logging_out_ends_it() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    sim.add_user("o-dist1", DIST1_PHONE);

    let (phone_code, login_code) = sim.codes_for(APPID, "o-dist1");
    let ticket = ticket_of(
        &app.post_json(
            "/api/wechat/phone-ticket",
            serde_json::json!({ "store": "demo", "phone_code": phone_code, "login_code": login_code }),
        )
        .await,
    );
    let entered = get(&app, &format!("/s/demo/enter?ticket={ticket}"), None, None).await;
    let session = entered.session().expect("logged in");
    let pass = entered
        .cookie("ol_lite")
        .expect("a pass to the other stores");
    assert_eq!(
        me(&app, "demo", Some(&pass), &session).await["switch_stores"],
        true
    );
    assert_eq!(
        me(&app, "demo", None, &session).await["switch_stores"],
        false
    );

    let cookie = cookies(Some(&pass), Some(&session));
    let out = app
        .request(
            Method::POST,
            "/api/logout",
            Some(String::new()),
            &[("accept", "application/json"), ("cookie", &cookie)],
        )
        .await;
    assert_eq!(out.status, 200, "{}", out.body);
    assert_eq!(
        out.cookie("ol_lite").as_deref(),
        Some(""),
        "the pass cookie is cleared"
    );
    let passes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM lite_passes")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(passes, 0);
    assert!(choose(&app, "tea", Some(&pass), None)
        .await
        .session()
        .is_none());
}

#[tokio::test]
async fn a_picker_ticket_sent_back_twice_at_once_gives_one_pass() {
    let (sim, wechat) = simulator().await;
    let app = app_with(&wechat).await;
    sim.add_user("o-dist1", DIST1_PHONE);

    let ticket = picker_ticket(&app, &sim, "o-dist1").await;
    let door = format!("/lite/enter?ticket={ticket}");
    let replies =
        futures_util::future::join_all((0..10).map(|_| get(&app, &door, None, None))).await;
    let passes = replies
        .iter()
        .filter(|r| r.cookie("ol_lite").is_some())
        .count();
    assert_eq!(passes, 1, "one of ten uses gets the pass");
    for refused in replies.iter().filter(|r| r.cookie("ol_lite").is_none()) {
        assert!(
            refused.location().contains("ticket_invalid"),
            "{}",
            refused.location()
        );
    }
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM lite_passes")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 1);
}
