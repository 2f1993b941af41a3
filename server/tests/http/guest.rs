//! Guest mode over real HTTP: guest prices and guidance, the login guard when
//! guest mode is off, the console's guest settings and their audit trail.

use crate::common::TestApp;
use serde_json::json;

const ADMIN: (&str, &str) = ("admin@demo.test", "orderlink-admin");
const CLERK: (&str, &str) = ("clerk@demo.test", "orderlink-admin");

async fn guest_account(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT guest_account_id FROM tenants WHERE slug = 'demo'")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

fn location(reply: &crate::common::Reply) -> &str {
    reply.headers["location"].to_str().unwrap()
}

#[tokio::test]
async fn guests_browse_with_guest_prices_and_the_brands_guidance() {
    let app = TestApp::start().await;
    // The guest Account's list prices what guests see.
    let guest_list: i64 = sqlx::query_scalar(
        "SELECT a.price_list_id FROM accounts a JOIN tenants t ON t.guest_account_id = a.id WHERE t.slug = 'demo'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let expected: i64 = sqlx::query_scalar(
        "SELECT p.amount FROM prices p JOIN skus s ON s.id = p.sku_id
         WHERE p.price_list_id = $1 AND s.product_id = 1 ORDER BY s.id LIMIT 1",
    )
    .bind(guest_list)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let product = app
        .call("product", &[("store", "demo"), ("id", "1")], None)
        .await
        .json();
    assert_eq!(product["skus"][0]["price"], expected);

    let zh = app
        .call("store_info", &[("store", "demo")], None)
        .await
        .json();
    assert!(zh["guest_prompt"].as_str().unwrap().contains("访客"));
    let page = app.get("/s/demo?lang=en", None).await.body;
    assert!(
        page.contains("You are browsing as a guest"),
        "English guidance on the page"
    );
    // A logged-in distributor sees no guest guidance.
    let d1 = app.sms_login("13800000001").await;
    let info = app
        .call("store_info", &[("store", "demo")], Some(&d1))
        .await
        .json();
    assert!(info["guest_prompt"].is_null());
}

#[tokio::test]
async fn with_guest_mode_off_guests_are_sent_to_login_and_back() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let guest = guest_account(&app).await.to_string();
    let res = app
        .console_call(
            "console/save_guest_settings",
            &[
                ("enabled", "false"),
                ("guest_account_id", &guest),
                ("prompt_zh", ""),
                ("prompt_en", ""),
            ],
            &admin,
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);

    let api = app
        .call(
            "catalogue",
            &[("store", "demo"), ("q", ""), ("page", "1")],
            None,
        )
        .await;
    assert_eq!(
        (api.status, api.error_code().as_str()),
        (401, "not_logged_in")
    );
    let home = app.get("/s/demo", None).await;
    assert_eq!(home.status, 302);
    assert_eq!(location(&home), "/s/demo/login?next=/s/demo");
    let product = app.get("/s/demo/p/1?lang=en", None).await;
    assert_eq!(product.status, 302);
    assert_eq!(
        location(&product),
        "/s/demo/login?next=/s/demo/p/1%3Flang%3Den"
    );
    // The login page itself stays open, and known buyers still browse.
    assert_eq!(app.get("/s/demo/login", None).await.status, 200);
    let d1 = app.sms_login("13800000001").await;
    assert_eq!(app.get("/s/demo", Some(&d1)).await.status, 200);
}

#[tokio::test]
async fn guest_mode_needs_a_priced_guest_account_and_every_change_is_audited() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    let save = |enabled: &'static str, account: Option<String>, token: String| {
        let app = &app;
        async move {
            let account = account.unwrap_or_default();
            let mut args = vec![
                ("enabled", enabled),
                ("prompt_zh", "欢迎"),
                ("prompt_en", "Welcome"),
            ];
            if !account.is_empty() {
                args.push(("guest_account_id", &account));
            }
            app.console_call("console/save_guest_settings", &args, &token)
                .await
        }
    };
    let refused = save("true", None, clerk.clone()).await;
    assert_eq!(
        (refused.status, refused.json()["permission"].as_str()),
        (403, Some("settings.write"))
    );
    let no_account = save("true", None, admin.clone()).await;
    assert_eq!(
        (no_account.status, no_account.error_code().as_str()),
        (400, "guest_account_required")
    );
    let unpriced: i64 = sqlx::query_scalar(
        "INSERT INTO accounts (tenant_id, name, price_list_id, is_virtual, created_at)
         VALUES (1, '无价格访客', NULL, TRUE, 0) RETURNING id",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let no_prices = save("true", Some(unpriced.to_string()), admin.clone()).await;
    assert_eq!(
        (no_prices.status, no_prices.error_code().as_str()),
        (400, "guest_account_without_prices")
    );
    // Refused changes wrote nothing: guest mode is still on, with its account.
    let settings = app
        .console_call("console/guest_settings", &[], &admin)
        .await
        .json();
    assert_eq!(settings["enabled"], true);
    assert_eq!(settings["guest_account_id"], guest_account(&app).await);
    let audit = app
        .console_call("console/audit", &[("page", "1")], &admin)
        .await
        .json();
    assert_eq!(audit, json!([]));

    let ok = save(
        "true",
        Some(guest_account(&app).await.to_string()),
        admin.clone(),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let audit = app
        .console_call("console/audit", &[("page", "1")], &admin)
        .await
        .json();
    assert_eq!(audit.as_array().unwrap().len(), 1);
    assert_eq!(audit[0]["action"], "settings.guest");
    assert_eq!(audit[0]["staff"], "演示管理员");
    let detail: serde_json::Value =
        serde_json::from_str(audit[0]["detail"].as_str().unwrap()).unwrap();
    assert_eq!(detail["prompt_en"], "Welcome");
    let info = app
        .call("store_info", &[("store", "demo")], None)
        .await
        .json();
    assert_eq!(info["guest_prompt"], "欢迎");
}

#[tokio::test]
async fn registration_settings_are_saved_and_audited() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    // Demo data: self-registration on, with approval.
    let current = app
        .console_call("console/registration_settings", &[], &admin)
        .await
        .json();
    assert_eq!(current, json!({"enabled": true, "approval": true}));
    let refused = app
        .console_call(
            "console/save_registration_settings",
            &[("enabled", "false"), ("approval", "false")],
            &clerk,
        )
        .await;
    assert_eq!(refused.status, 403);
    let saved = app
        .console_call(
            "console/save_registration_settings",
            &[("enabled", "true"), ("approval", "false")],
            &admin,
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let current = app
        .console_call("console/registration_settings", &[], &admin)
        .await
        .json();
    assert_eq!(current, json!({"enabled": true, "approval": false}));
    let audit = app
        .console_call("console/audit", &[("page", "1")], &admin)
        .await
        .json();
    assert_eq!(audit[0]["action"], "settings.registration");
    assert_eq!(audit[0]["detail"], r#"{"approval":false,"enabled":true}"#);
}
