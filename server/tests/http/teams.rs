//! Tenant-enabled enterprises manage their own team. In the demo data 李娜
//! (`dist2`, 华南商贸) is the admin of her tenant-enabled enterprise; 张伟
//! (`dist1`, 华东贸易) belongs to a tenantless one, which the brand manages.
//! The team page's changes are plain form posts (`POST /s/demo/team`).

use crate::common::{form_body, Reply, TestApp};
use futures_util::future::join_all;
use hyper::Method;

const ADMIN_PASSWORD: &str = "orderlink-admin";
const NEW_PHONE: &str = "13800000009";

async fn login(app: &TestApp, name: &str) -> String {
    let res = app
        .password_login("demo", name, app::db::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(res.status, 200, "{name}: {}", res.body);
    res.session().expect("session")
}

/// A form post as a browser sends it.
async fn post(app: &TestApp, args: &[(&str, &str)], session: &str) -> Reply {
    let cookie = format!("ol_session={session}");
    let headers = [("accept", "text/html"), ("cookie", cookie.as_str())];
    app.request(
        Method::POST,
        "/s/demo/team",
        Some(form_body(args)),
        &headers,
    )
    .await
}

async fn add(app: &TestApp, admin: &str, name: &str, phone: &str, liaison: bool) -> Reply {
    let mut args = vec![("op", "add"), ("name", name), ("phone", phone)];
    if liaison {
        args.push(("liaison", "on"));
    }
    post(app, &args, admin).await
}

async fn change(app: &TestApp, admin: &str, member: i64, op: &str) -> Reply {
    post(app, &[("op", op), ("member", &member.to_string())], admin).await
}

/// Asserts a form post was refused with `code`: back to the team page with
/// the error (its JSON, percent-encoded) in the query, for the page to show.
fn assert_refused(reply: &Reply, code: &str) {
    assert_eq!(reply.status, 303, "{}", reply.body);
    let location = reply.location();
    assert!(location.starts_with("/s/demo/team?error="), "{location}");
    assert!(
        location.contains(&format!("%22{code}%22")),
        "{code}: {location}"
    );
}

async fn user_id(app: &TestApp, phone: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM store_users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

async fn stock_sku(app: &TestApp) {
    sqlx::query("UPDATE skus SET stock = 100, reserved = 0 WHERE id = 1")
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE products SET moq = 1 WHERE id = 1")
        .execute(&app.db)
        .await
        .unwrap();
}

async fn add_to_cart(app: &TestApp, session: &str) -> Reply {
    let args = [("store", "demo"), ("sku_id", "1"), ("quantity", "2")];
    app.call("add_to_cart", &args, Some(session)).await
}

async fn place_order(app: &TestApp, session: &str) -> Reply {
    let cart = app.call("cart", &[("store", "demo")], Some(session)).await;
    let key = cart.json()["checkout_key"].as_str().unwrap().to_string();
    let args = [
        ("store", "demo"),
        ("key", key.as_str()),
        ("recipient", "王芳"),
        ("phone", NEW_PHONE),
        ("address", "广州市天河区体育西路 1 号"),
        ("note", ""),
    ];
    app.call("checkout", &args, Some(session)).await
}

#[tokio::test]
async fn a_distributor_admin_adds_an_employee_who_is_texted_and_then_logs_in_and_orders() {
    let app = TestApp::start().await;
    stock_sku(&app).await;
    let admin = login(&app, "dist2").await;
    let page = app.get("/s/demo/team", Some(&admin)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("华南商贸有限公司") && page.body.contains("李娜"));

    let added = add(&app, &admin, "王芳", "138 0000 0009", true).await;
    assert_eq!(
        (added.status, added.location()),
        (303, "/s/demo/team?done=added")
    );
    let page = app.get("/s/demo/team?done=added", Some(&admin)).await;
    assert!(page.body.contains("王芳") && page.body.contains(NEW_PHONE));

    let outbox = app
        .get(&format!("/dev/outbox?phone={NEW_PHONE}"), None)
        .await
        .json();
    let text = outbox[0]["body"]
        .as_str()
        .expect("an invitation text")
        .to_string();
    assert!(
        text.contains("李娜") && text.contains("/s/demo/login"),
        "{text}"
    );

    let employee = app.sms_login(NEW_PHONE).await;
    assert_eq!(add_to_cart(&app, &employee).await.status, 200);
    let placed = place_order(&app, &employee).await;
    assert_eq!(placed.status, 200, "{}", placed.body);
    let enterprise: i64 = scalar(
        &app,
        "SELECT o.enterprise_id - u.enterprise_id FROM orders o
         JOIN store_users u ON u.login_name = 'dist2'",
    )
    .await;
    assert_eq!(enterprise, 0, "the order is the admin's enterprise's");
}

#[tokio::test]
async fn an_employee_who_is_not_a_liaison_browses_but_orders_only_once_made_one() {
    let app = TestApp::start().await;
    stock_sku(&app).await;
    let admin = login(&app, "dist2").await;
    add(&app, &admin, "王芳", NEW_PHONE, false).await;
    let employee = app.sms_login(NEW_PHONE).await;
    let catalogue = app
        .call(
            "catalogue",
            &[
                ("store", "demo"),
                ("q", ""),
                ("category", ""),
                ("page", "1"),
            ],
            Some(&employee),
        )
        .await;
    assert_eq!(catalogue.status, 200, "{}", catalogue.body);

    let refused = add_to_cart(&app, &employee).await;
    assert_eq!(
        (refused.status, refused.error_code().as_str()),
        (403, "not_liaison")
    );

    let id = user_id(&app, NEW_PHONE).await;
    let made = change(&app, &admin, id, "liaison").await;
    assert_eq!(made.location(), "/s/demo/team?done=changed");
    assert_eq!(add_to_cart(&app, &employee).await.status, 200);

    change(&app, &admin, id, "not_liaison").await;
    let refused = add_to_cart(&app, &employee).await;
    assert_eq!(refused.error_code(), "not_liaison");
}

#[tokio::test]
async fn a_disabled_teammate_is_logged_out_at_once_and_can_be_enabled_again() {
    let app = TestApp::start().await;
    let admin = login(&app, "dist2").await;
    add(&app, &admin, "王芳", NEW_PHONE, true).await;
    let employee = app.sms_login(NEW_PHONE).await;
    let id = user_id(&app, NEW_PHONE).await;

    change(&app, &admin, id, "disable").await;
    let me = app.call("me", &[("store", "demo")], Some(&employee)).await;
    assert_eq!(me.status, 401, "the session ended: {}", me.body);
    crate::common::age_limits(&app.db, 120).await;
    let args = [("store", "demo"), ("phone", NEW_PHONE)];
    assert_eq!(app.call("send_sms_code", &args, None).await.status, 200);
    let code = app.latest_code(NEW_PHONE).await;
    let refused = app.code_login(NEW_PHONE, &code).await;
    assert_eq!(refused.error_code(), "account_disabled", "{}", refused.body);

    change(&app, &admin, id, "enable").await;
    crate::common::age_limits(&app.db, 120).await;
    app.sms_login(NEW_PHONE).await;
}

#[tokio::test]
async fn a_tenantless_enterprises_user_and_a_plain_teammate_cannot_manage_a_team() {
    let app = TestApp::start().await;
    let tenantless = login(&app, "dist1").await;
    let team = app
        .call("team", &[("store", "demo")], Some(&tenantless))
        .await;
    assert_eq!(
        (team.status, team.error_code().as_str()),
        (403, "not_team_admin")
    );
    let contacts = scalar(&app, "SELECT COUNT(*) FROM contacts").await;
    let tried = add(&app, &tenantless, "王芳", NEW_PHONE, true).await;
    assert_refused(&tried, "not_team_admin");
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM contacts").await,
        contacts
    );
    let me = app
        .call("me", &[("store", "demo")], Some(&tenantless))
        .await;
    assert_eq!(me.json()["manages_team"], false);

    let admin = login(&app, "dist2").await;
    let me = app.call("me", &[("store", "demo")], Some(&admin)).await;
    assert_eq!(me.json()["manages_team"], true);
    add(&app, &admin, "王芳", NEW_PHONE, true).await;
    let teammate = app.sms_login(NEW_PHONE).await;
    let tried = add(&app, &teammate, "赵六", "13800000008", true).await;
    assert_refused(&tried, "not_team_admin");
    let guest = app
        .request(
            Method::POST,
            "/s/demo/team",
            Some(form_body(&[("op", "add")])),
            &[],
        )
        .await;
    assert!(
        guest.location().starts_with("/s/demo/login"),
        "{}",
        guest.location()
    );
}

#[tokio::test]
async fn the_admin_cannot_lock_themselves_out_or_touch_another_enterprises_people() {
    let app = TestApp::start().await;
    let admin = login(&app, "dist2").await;
    let own = user_id(&app, "13800000002").await;
    for op in ["disable", "not_liaison"] {
        assert_refused(&change(&app, &admin, own, op).await, "own_team_account");
    }
    let outsider = user_id(&app, "13800000001").await;
    let tried = change(&app, &admin, outsider, "disable").await;
    assert_refused(&tried, "not_found");
    let disabled = scalar(
        &app,
        "SELECT COUNT(*) FROM store_users WHERE disabled = TRUE",
    )
    .await;
    assert_eq!(disabled, 0);
    let bad = add(&app, &admin, "", "12345", true).await;
    assert_refused(&bad, "invalid");
}

#[tokio::test]
async fn ten_adds_of_one_phone_at_once_make_one_account_and_one_contact() {
    let app = TestApp::start().await;
    let admin = login(&app, "dist2").await;
    let contacts = scalar(&app, "SELECT COUNT(*) FROM contacts").await;
    let replies = join_all((0..10).map(|_| add(&app, &admin, "王芳", NEW_PHONE, true))).await;
    let added = replies
        .iter()
        .filter(|r| r.location() == "/s/demo/team?done=added")
        .count();
    assert_eq!(added, 1);
    for r in replies
        .iter()
        .filter(|r| r.location() != "/s/demo/team?done=added")
    {
        assert_refused(r, "duplicate");
    }
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM contacts").await,
        contacts + 1
    );
    let users = scalar(
        &app,
        "SELECT COUNT(*) FROM store_users WHERE phone = '13800000009'",
    )
    .await;
    assert_eq!(users, 1);
}

#[tokio::test]
async fn the_brand_chooses_an_admin_only_for_a_tenant_enabled_enterprise_from_its_own_people() {
    let app = TestApp::start().await;
    let staff = app.console_token("admin@demo.test", ADMIN_PASSWORD).await;
    let of = |login: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT enterprise_id FROM store_users WHERE login_name = $1",
            )
            .bind(login)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    let (tenantless, managed) = (of("dist1").await, of("dist2").await);
    let dist1 = user_id(&app, "13800000001").await;
    let set = |enterprise: i64, user: i64| {
        let (e, u) = (enterprise.to_string(), user.to_string());
        let staff = staff.clone();
        let app = &app;
        async move {
            app.console_call(
                "console/set_enterprise_admin",
                &[("enterprise_id", &e), ("user_id", &u)],
                &staff,
            )
            .await
        }
    };
    let refused = set(tenantless, dist1).await;
    assert_eq!(
        (refused.status, refused.error_code().as_str()),
        (400, "not_tenant_enabled")
    );
    let refused = set(managed, dist1).await;
    assert_eq!(refused.status, 404, "{}", refused.body);

    let admin = login(&app, "dist2").await;
    add(&app, &admin, "王芳", NEW_PHONE, true).await;
    let new_admin = user_id(&app, NEW_PHONE).await;
    assert_eq!(set(managed, new_admin).await.status, 200);
    let list = app
        .console_call("console/enterprises", &[("q", ""), ("page", "1")], &staff)
        .await
        .json();
    let row = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == managed)
        .cloned()
        .unwrap();
    assert_eq!(row["admin"], "王芳");
    let team = app.call("team", &[("store", "demo")], Some(&admin)).await;
    assert_eq!(
        team.error_code(),
        "not_team_admin",
        "李娜 is no longer the admin"
    );
    let clerk = app.console_token("clerk@demo.test", ADMIN_PASSWORD).await;
    let e = managed.to_string();
    let by_clerk = app
        .console_call(
            "console/set_enterprise_admin",
            &[("enterprise_id", &e)],
            &clerk,
        )
        .await;
    assert_eq!(by_clerk.status, 403);
}
