//! Several app servers on one database, as behind a load balancer: whatever
//! must hold across requests holds across instances, because it lives in the
//! database. Runs on the suite's database (SQLite file or PostgreSQL).

use crate::catalogue::{png, upload};
use crate::common::{test_postgres, TestApp};
use crate::registration::{file_application, list_id, ADMIN};
use futures_util::future::join_all;
use serde_json::json;

#[tokio::test]
async fn a_session_made_on_one_instance_works_on_the_other() {
    let a = TestApp::start().await;
    let b = a.another_instance().await;
    let login = a
        .password_login("demo", "dist1", app::db::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(login.status, 200, "{}", login.body);
    let session = login.session().expect("session cookie");

    let me = b.call("me", &[("store", "demo")], Some(&session)).await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.json()["price_list"], json!("一级经销价"));

    // Logging out on the second ends the session on the first too.
    let out = b.call("logout", &[], Some(&session)).await;
    assert_eq!(out.status, 200, "{}", out.body);
    let me = a.call("me", &[("store", "demo")], Some(&session)).await;
    assert_eq!(me.status, 401, "{}", me.body);
}

#[tokio::test]
async fn the_sms_resend_limit_holds_across_instances() {
    let a = TestApp::start().await;
    let b = a.another_instance().await;
    let phone = "13900000777";
    let args = [("store", "demo"), ("phone", phone)];
    // Ten at once, five to each instance.
    let sends = (0..10).map(|i| {
        let app = if i % 2 == 0 { &a } else { &b };
        app.call("send_sms_code", &args, None)
    });
    let replies = join_all(sends).await;
    let sent = replies.iter().filter(|r| r.status == 200).count();
    assert_eq!(
        sent,
        1,
        "{:?}",
        replies.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    assert!(replies
        .iter()
        .filter(|r| r.status != 200)
        .all(|r| r.status == 429));
    let texts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sms_outbox WHERE phone = $1")
        .bind(phone)
        .fetch_one(&a.db)
        .await
        .unwrap();
    assert_eq!(texts, 1);
}

#[tokio::test]
async fn two_approvals_of_one_application_on_two_instances_create_one_enterprise() {
    let a = TestApp::start().await;
    let b = a.another_instance().await;
    let phone = "13900000778";
    let id = file_application(&a, phone).await.to_string();
    let admin_a = a.console_token(ADMIN.0, ADMIN.1).await;
    let admin_b = b.console_token(ADMIN.0, ADMIN.1).await;
    let list = list_id(&a, "一级经销价").await.to_string();
    let args = [("id", id.as_str()), ("price_list_id", list.as_str())];

    let (on_a, on_b) = tokio::join!(
        a.console_call("console/approve_registration", &args, &admin_a),
        b.console_call("console/approve_registration", &args, &admin_b),
    );
    let mut statuses = [on_a.status, on_b.status];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} / {}", on_a.body, on_b.body);

    let enterprises: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM enterprises e JOIN contacts c ON c.account_id = e.account_id WHERE c.phone = $1",
    )
    .bind(phone)
    .fetch_one(&a.db)
    .await
    .unwrap();
    assert_eq!(enterprises, 1);
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM store_users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&a.db)
        .await
        .unwrap();
    assert_eq!(accounts, 1);
}

#[tokio::test]
async fn an_image_uploaded_on_one_instance_is_served_by_the_other() {
    let a = TestApp::start().await;
    let b = a.another_instance().await;
    let admin = a.console_token(ADMIN.0, ADMIN.1).await;
    let uploaded = upload(&a, 1, png(), &admin).await;
    assert_eq!(uploaded.status, 200, "{}", uploaded.body);
    let name = uploaded.json().as_str().unwrap().to_string();

    let served = b.get(&format!("/media/{name}"), None).await;
    assert_eq!(served.status, 200);
    assert_eq!(served.body, String::from_utf8_lossy(&png()));
    let page = b.get("/s/demo/p/1", None).await;
    assert!(page.body.contains(&format!("/media/{name}")));
}

/// Three instances start at once on an empty PostgreSQL database: one
/// migrates and seeds while the others wait, and all three serve. (A SQLite
/// file belongs to one server; several instances are a PostgreSQL set-up.)
#[tokio::test]
async fn three_instances_starting_together_migrate_and_seed_an_empty_database_once() {
    let Some(base) = test_postgres() else {
        eprintln!("skipped: several instances starting together is a PostgreSQL set-up");
        return;
    };
    let name = crate::common::new_postgres_database(&base).await;
    let url = format!("{base}/{name}");
    let media = tempfile::tempdir().unwrap();
    let (one, two, three) = tokio::join!(
        TestApp::on(url.clone(), media.path().to_path_buf()),
        TestApp::on(url.clone(), media.path().to_path_buf()),
        TestApp::on(url.clone(), media.path().to_path_buf()),
    );

    let migrations = app::db::POSTGRES_MIGRATOR.iter().count() as i64;
    let (applied, versions): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT version) FROM _sqlx_migrations WHERE success",
    )
    .fetch_one(&one.db)
    .await
    .unwrap();
    assert_eq!((applied, versions), (migrations, migrations));
    let stores: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tenants")
        .fetch_one(&one.db)
        .await
        .unwrap();
    assert_eq!(stores, 2, "the two demo stores are seeded once");
    let system_roles: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM roles WHERE system_key IS NOT NULL")
            .fetch_one(&one.db)
            .await
            .unwrap();
    assert_eq!(system_roles, 2 * 4, "system roles are made once per store");

    for app in [&one, &two, &three] {
        assert_eq!(app.get("/healthz", None).await.status, 200);
        let page = app.get("/s/demo", None).await;
        assert!(page.body.contains("天然矿泉水"));
    }
}

/// A code request as it arrives through the load balancer from `client`.
async fn send_code_via_proxy(app: &TestApp, client: &str, phone: &str) -> crate::common::Reply {
    let body = crate::common::form_body(&[("store", "demo"), ("phone", phone)]);
    app.request(
        hyper::Method::POST,
        "/api/send_sms_code",
        Some(body),
        &[("accept", "application/json"), ("x-forwarded-for", client)],
    )
    .await
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_address_limit() {
    let proxy = server::proxies::TrustedProxies::parse("127.0.0.1").unwrap();
    let app = TestApp::start_with(move |s| s.trusted_proxies = proxy).await;
    // Twenty codes an hour per address: one client uses them up...
    let sends = (0..21).map(|i| {
        let phone = format!("139000002{i:02}");
        let app = &app;
        async move { send_code_via_proxy(app, "203.0.113.7", &phone).await }
    });
    let statuses: Vec<u16> = join_all(sends).await.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        20,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        1,
        "{statuses:?}"
    );
    // ...while another client behind the same proxy still gets one.
    let other = send_code_via_proxy(&app, "198.51.100.4", "13900000299").await;
    assert_eq!(other.status, 200, "{}", other.body);
    // A client cannot pose as another by writing the header itself: the
    // proxy appends the address it saw, and that one counts.
    let forged = send_code_via_proxy(&app, "198.51.100.4, 203.0.113.7", "13900000298").await;
    assert_eq!(forged.error_code(), "sms_ip_limited");
}
