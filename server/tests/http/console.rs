//! Console core over real HTTP: staff login, permissions, brand isolation,
//! Accounts and Contacts, and bulk creation of ordering accounts.

use crate::common::TestApp;
use serde_json::json;

const ADMIN: (&str, &str) = ("admin@demo.test", "orderlink-admin");
const CLERK: (&str, &str) = ("clerk@demo.test", "orderlink-admin");

async fn list_id(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM price_lists WHERE name = $1")
        .bind(name)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Creates an Account with a distributor price list and three Contacts, one without a phone.
async fn account_with_three_contacts(app: &TestApp, token: &str) -> (i64, Vec<i64>) {
    let list = list_id(app, "一级经销价").await.to_string();
    let res = app
        .console_call(
            "console/create_account",
            &[("fields[name]", "西北经销商"), ("price_list_id", &list)],
            token,
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let account: i64 = res.body.parse().unwrap();
    let mut contacts = Vec::new();
    for (name, phone) in [
        ("王强", "13700000011"),
        ("赵敏", "137 0000 0012"),
        ("孙丽", ""),
    ] {
        let res = app
            .console_call(
                "console/add_contact",
                &[
                    ("account_id", &account.to_string()),
                    ("fields[name]", name),
                    ("fields[phone]", phone),
                    ("fields[email]", ""),
                    ("fields[title]", "采购"),
                ],
                token,
            )
            .await;
        assert_eq!(res.status, 200, "{}", res.body);
        contacts.push(res.body.parse().unwrap());
    }
    (account, contacts)
}

#[tokio::test]
async fn staff_login_sets_an_http_only_console_cookie() {
    let app = TestApp::start().await;
    let res = app.console_login(ADMIN.0, ADMIN.1).await;
    assert_eq!(res.status, 200);
    let cookie = res
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("ol_console="))
        .unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let token = app.console_token(ADMIN.0, ADMIN.1).await;
    let me = app.console_call("staff_me", &[], &token).await.json();
    assert_eq!(me["role"], "Store Admin");
    assert_eq!(me["store_slug"], "demo");
    assert!(me["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "accounts.write"));
    assert_eq!(
        app.console_login(ADMIN.0, "wrong").await.error_code(),
        "bad_credentials"
    );
    assert_eq!(
        app.console_login("nobody@demo.test", "x")
            .await
            .error_code(),
        "bad_credentials"
    );
    // A store session is not a console session.
    let store = app.sms_login("13800000001").await;
    assert_eq!(app.console_call("staff_me", &[], &store).await.status, 401);
}

#[tokio::test]
async fn missing_permission_is_refused_by_the_server() {
    let app = TestApp::start().await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    let res = app
        .console_call("console/create_account", &[("fields[name]", "X")], &clerk)
        .await;
    assert_eq!(res.status, 403, "{}", res.body);
    assert_eq!(
        res.json(),
        json!({"code": "forbidden", "permission": "accounts.write"})
    );
    let res = app
        .console_call("console/accounts", &[("q", ""), ("page", "1")], &clerk)
        .await;
    assert_eq!(
        (res.status, res.json()["permission"].as_str()),
        (403, Some("accounts.read"))
    );
    let res = app
        .console_json(
            "console/bulk_ordering_accounts",
            json!({"account_id": 1, "contact_ids": [1]}),
            &clerk,
        )
        .await;
    assert_eq!(res.json()["permission"], "ordering_accounts.write");
    // Nothing was written.
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE name = 'X'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 0);
    // Without any session: not logged in.
    assert_eq!(
        app.console_call("console/accounts", &[("q", ""), ("page", "1")], "")
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn one_brand_cannot_reach_another_brands_accounts() {
    let app = TestApp::start().await;
    // Brand B with its own admin.
    let tenant_b: i64 = sqlx::query_scalar(
        "INSERT INTO tenants (slug, name, created_at) VALUES ('b', 'Brand B', 0) RETURNING id",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    app::db::staff::ensure_system_roles(&app.db).await.unwrap();
    let hash = app::db::auth::hash_password("brand-b-password").unwrap();
    app::db::staff::create_staff(
        &mut app.db.acquire().await.unwrap(),
        tenant_b,
        "admin@b.test",
        "B",
        &hash,
        "store_admin",
    )
    .await
    .unwrap();
    let b = app.console_token("admin@b.test", "brand-b-password").await;

    let demo_account: i64 =
        sqlx::query_scalar("SELECT id FROM accounts WHERE name = '华东贸易有限公司'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let id = demo_account.to_string();
    let read = app
        .console_call("console/account", &[("id", &id)], &b)
        .await;
    assert_eq!(
        (read.status, read.error_code().as_str()),
        (404, "not_found")
    );
    let write = app
        .console_call(
            "console/add_contact",
            &[
                ("account_id", &id),
                ("fields[name]", "x"),
                ("fields[phone]", ""),
                ("fields[email]", ""),
                ("fields[title]", ""),
            ],
            &b,
        )
        .await;
    assert_eq!(write.status, 404);
    let bulk = app
        .console_json(
            "console/bulk_ordering_accounts",
            json!({"account_id": demo_account, "contact_ids": [1, 2]}),
            &b,
        )
        .await;
    assert_eq!(bulk.status, 404);
    let disable = app
        .console_call(
            "console/set_ordering_account_disabled",
            &[("id", "1"), ("disabled", "true")],
            &b,
        )
        .await;
    assert_eq!(disable.status, 404);
    let list = app
        .console_call("console/accounts", &[("q", ""), ("page", "1")], &b)
        .await
        .json();
    assert_eq!(list["total"], 0);
    // A price list of brand A cannot be assigned by brand B.
    let list_a = list_id(&app, "一级经销价").await.to_string();
    let res = app
        .console_call(
            "console/create_account",
            &[("fields[name]", "B1"), ("price_list_id", &list_a)],
            &b,
        )
        .await;
    assert_eq!(
        (res.status, res.json()["field"].as_str()),
        (400, Some("price_list"))
    );
    // Demo's own admin still sees its account, untouched.
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let detail = app
        .console_call("console/account", &[("id", &id)], &admin)
        .await
        .json();
    assert_eq!(detail["contacts"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn bulk_creation_reports_each_contact_and_is_idempotent() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let (account, contacts) = account_with_three_contacts(&app, &admin).await;

    let first = app
        .console_json(
            "console/bulk_ordering_accounts",
            json!({"account_id": account, "contact_ids": contacts}),
            &admin,
        )
        .await;
    assert_eq!(first.status, 200, "{}", first.body);
    let first = first.json();
    assert_eq!(first["enterprise_created"], true);
    let outcomes: Vec<_> = first["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].clone())
        .collect();
    assert_eq!(
        outcomes,
        [
            json!("created"),
            json!("created"),
            json!({"rejected": "missing_phone"})
        ]
    );

    let second = app
        .console_json(
            "console/bulk_ordering_accounts",
            json!({"account_id": account, "contact_ids": contacts}),
            &admin,
        )
        .await
        .json();
    assert_eq!(second["enterprise_created"], false);
    let outcomes: Vec<_> = second["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].clone())
        .collect();
    assert_eq!(
        outcomes,
        [
            json!("already_had"),
            json!("already_had"),
            json!({"rejected": "missing_phone"})
        ]
    );

    let users: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM store_users u JOIN enterprises e ON e.id = u.enterprise_id WHERE e.account_id = $1",
    )
    .bind(account)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(users, 2);
    let enterprises: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM enterprises WHERE account_id = $1")
            .bind(account)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(enterprises, 1);
    // Every new ordering account has the Order Personnel role.
    let roles: Vec<String> = sqlx::query_scalar(
        "SELECT r.name FROM store_users u JOIN roles r ON r.id = u.role_id JOIN enterprises e ON e.id = u.enterprise_id WHERE e.account_id = $1",
    )
    .bind(account)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(roles, ["Order Personnel", "Order Personnel"]);
    // The account page shows who has one.
    let detail = app
        .console_call("console/account", &[("id", &account.to_string())], &admin)
        .await
        .json();
    let with: Vec<bool> = detail["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| !c["ordering_account_id"].is_null())
        .collect();
    assert_eq!(with, [true, true, false]);
}

#[tokio::test]
async fn a_phone_already_used_in_the_store_is_rejected_not_duplicated() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let (account, _) = account_with_three_contacts(&app, &admin).await;
    // Same number as demo distributor 1, and one invalid number stored before validation existed.
    let add = |name: &'static str, phone: &'static str| {
        let app = &app;
        let admin = admin.clone();
        async move {
            app.console_call(
                "console/add_contact",
                &[
                    ("account_id", &account.to_string()),
                    ("fields[name]", name),
                    ("fields[phone]", phone),
                    ("fields[email]", ""),
                    ("fields[title]", ""),
                ],
                &admin,
            )
            .await
        }
    };
    let dup: i64 = add("重复", "13800000001").await.body.parse().unwrap();
    let bad = add("坏号码", "12345").await;
    assert_eq!(
        (
            bad.status,
            bad.json()["errors"][0]["field"].as_str(),
            bad.json()["errors"][0]["reason"].as_str()
        ),
        (400, Some("phone"), Some("phone"))
    );
    let res = app
        .console_json(
            "console/bulk_ordering_accounts",
            json!({"account_id": account, "contact_ids": [dup, 999999]}),
            &admin,
        )
        .await
        .json();
    let outcomes: Vec<_> = res["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].clone())
        .collect();
    assert_eq!(
        outcomes,
        [
            json!({"rejected": "phone_in_use"}),
            json!({"rejected": "not_found"})
        ]
    );
}

#[tokio::test]
async fn a_console_created_ordering_account_logs_in_to_the_store_with_its_prices() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let (account, contacts) = account_with_three_contacts(&app, &admin).await;
    let res = app
        .console_json(
            "console/bulk_ordering_accounts",
            json!({"account_id": account, "contact_ids": contacts}),
            &admin,
        )
        .await;
    assert_eq!(res.status, 200);

    let session = app.sms_login("13700000012").await;
    let me = app
        .call("me", &[("store", "demo")], Some(&session))
        .await
        .json();
    assert_eq!(
        (me["name"].as_str(), me["enterprise"].as_str()),
        (Some("赵敏"), Some("西北经销商"))
    );
    assert_eq!(me["price_list"], "一级经销价");
    let product = app
        .call("product", &[("store", "demo"), ("id", "1")], Some(&session))
        .await
        .json();
    assert_eq!(product["skus"][0]["price"], 2040);

    // Disabling it ends the session at once.
    let user: i64 = sqlx::query_scalar("SELECT id FROM store_users WHERE phone = '13700000012'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let res = app
        .console_call(
            "console/set_ordering_account_disabled",
            &[("id", &user.to_string()), ("disabled", "true")],
            &admin,
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(
        app.call("me", &[("store", "demo")], Some(&session))
            .await
            .status,
        401
    );
    let sessions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE store_user_id = $1")
            .bind(user)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(sessions, 0);
}

#[tokio::test]
async fn bad_console_input_is_a_typed_4xx() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let res = app
        .console_call("console/create_account", &[("fields[name]", "   ")], &admin)
        .await;
    assert_eq!(
        res.json(),
        json!({"code": "invalid_fields", "errors": [
            {"field": "name", "label_zh": "客户名称", "label_en": "Account name", "reason": "required"}
        ]})
    );
    let res = app
        .console_json(
            "console/bulk_ordering_accounts",
            json!({"account_id": 1, "contact_ids": []}),
            &admin,
        )
        .await;
    assert_eq!(res.status, 400);
    let res = app
        .console_json(
            "console/bulk_ordering_accounts",
            json!({"account_id": "x"}),
            &admin,
        )
        .await;
    assert_eq!(res.status, 400, "{}", res.body);
}

#[tokio::test]
async fn price_import_writes_valid_rows_and_reports_bad_ones_by_line() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let list = list_id(&app, "二级经销价").await;
    // 997 SKUs to price, on one demo product.
    let mut tx = app.db.begin().await.unwrap();
    for i in 0..997 {
        sqlx::query("INSERT INTO skus (tenant_id, product_id, code, spec, stock) VALUES (1, 1, $1, '[]', 100)")
            .bind(format!("IMP-{i:04}"))
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    // 1,000 rows on lines 2..=1001: 997 valid, three bad at fixed places.
    let mut csv = String::from("sku_code,price\n");
    let mut next = 0;
    for i in 0..1000 {
        match i {
            100 => csv.push_str("NO-SUCH-SKU,10.00\n"),
            500 => csv.push_str("IMP-0998,-5\n"),
            900 => csv.push_str("IMP-0999,12.345\n"),
            _ => {
                csv.push_str(&format!(
                    "IMP-{next:04},{}.{:02}\n",
                    10 + next % 50,
                    next % 100
                ));
                next += 1;
            }
        }
    }
    assert_eq!(next, 997);
    let res = app
        .console_json(
            "console/import_prices",
            json!({"price_list_id": list, "csv": csv}),
            &admin,
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let report = res.json();
    assert_eq!(report["imported"], 997);
    assert_eq!(
        report["rejected"],
        json!([
            {"line": 102, "problem": "unknown_sku", "sku": "NO-SUCH-SKU"},
            {"line": 502, "problem": "negative_price", "sku": "IMP-0998"},
            {"line": 902, "problem": "bad_price", "sku": "IMP-0999"},
        ])
    );
    let written: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM prices p JOIN skus s ON s.id = p.sku_id WHERE p.price_list_id = $1 AND s.code LIKE 'IMP-%'",
    )
    .bind(list)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(written, 997);
    // The first row's price is exactly what the file said.
    let first: i64 = sqlx::query_scalar("SELECT p.amount FROM prices p JOIN skus s ON s.id = p.sku_id WHERE p.price_list_id = $1 AND s.code = 'IMP-0000'")
        .bind(list)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(first, 1000);

    // Importing needs prices.write, and a list of another brand is not found.
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    let res = app
        .console_json(
            "console/import_prices",
            json!({"price_list_id": list, "csv": "A,1"}),
            &clerk,
        )
        .await;
    assert_eq!(res.status, 403);
    let res = app
        .console_json(
            "console/import_prices",
            json!({"price_list_id": 999, "csv": "A,1"}),
            &admin,
        )
        .await;
    assert_eq!(res.status, 404);
    let res = app
        .console_json(
            "console/import_prices",
            json!({"price_list_id": list, "csv": "\"open"}),
            &admin,
        )
        .await;
    assert_eq!(res.status, 400);
}

#[tokio::test]
async fn ordering_accounts_are_listed_searched_and_their_passwords_reset() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let all = app
        .console_call(
            "console/ordering_accounts",
            &[("q", ""), ("page", "1")],
            &admin,
        )
        .await
        .json();
    assert_eq!(all["total"], 2);
    let found = app
        .console_call(
            "console/ordering_accounts",
            &[("q", "0000002"), ("page", "1")],
            &admin,
        )
        .await
        .json();
    assert_eq!(found["total"], 1);
    assert_eq!(
        (
            found["items"][0]["contact"].as_str(),
            found["items"][0]["account"].as_str()
        ),
        (Some("李娜"), Some("华南商贸有限公司"))
    );
    let id = found["items"][0]["id"].as_i64().unwrap().to_string();

    let old_session = app.sms_login("13800000002").await;
    let res = app
        .console_call(
            "console/reset_ordering_account_password",
            &[("id", &id)],
            &admin,
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let password: String = serde_json::from_str(&res.body).unwrap();
    assert_eq!(password.len(), 12);
    // The reset ends old sessions; the new password works, with the existing login name.
    assert_eq!(
        app.call("me", &[("store", "demo")], Some(&old_session))
            .await
            .status,
        401
    );
    assert_eq!(
        app.password_login("demo", "dist2", "orderlink-demo")
            .await
            .error_code(),
        "bad_credentials"
    );
    assert!(app
        .password_login("demo", "dist2", &password)
        .await
        .session()
        .is_some());

    // A bulk-created account (no login name yet) logs in with its phone number.
    let (account, contacts) = account_with_three_contacts(&app, &admin).await;
    app.console_json(
        "console/bulk_ordering_accounts",
        json!({"account_id": account, "contact_ids": contacts}),
        &admin,
    )
    .await;
    let user: i64 = sqlx::query_scalar("SELECT id FROM store_users WHERE phone = '13700000011'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let res = app
        .console_call(
            "console/reset_ordering_account_password",
            &[("id", &user.to_string())],
            &admin,
        )
        .await;
    let password: String = serde_json::from_str(&res.body).unwrap();
    assert!(app
        .password_login("demo", "13700000011", &password)
        .await
        .session()
        .is_some());

    // Only with the permission, and only within the brand.
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    assert_eq!(
        app.console_call(
            "console/reset_ordering_account_password",
            &[("id", &id)],
            &clerk
        )
        .await
        .status,
        403
    );
    assert_eq!(
        app.console_call(
            "console/reset_ordering_account_password",
            &[("id", "999999")],
            &admin
        )
        .await
        .status,
        404
    );
}

#[tokio::test]
async fn the_console_login_page_shows_the_demo_login_only_in_demo_mode() {
    let demo = TestApp::start().await;
    let page = demo.get("/console/login", None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("admin@demo.test") && page.body.contains("orderlink-admin"));

    let real = TestApp::start_with(|s| s.demo = false).await;
    let page = real.get("/console/login", None).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("orderlink-admin"));
    // Without demo data there is no demo store either.
    assert_eq!(real.get("/s/demo", None).await.status, 404);
}

#[tokio::test]
async fn the_console_login_page_loads_no_console_code_and_prefetches_the_overviews() {
    let app = TestApp::start().await;
    let login = app.get("/console/login", None).await;
    assert_eq!(login.status, 200);
    // A plain form: no hydration script, no preloaded bundle...
    assert!(!login.body.contains("modulepreload") && !login.body.contains("rel=\"preload\""));
    // ...but, once loaded, a prefetch of what the overview after it needs
    // (here the main module: the group's pack is in a built bundle only,
    // which a test build has not; Playwright sees it).
    assert!(login.body.contains("prefetch") && login.body.contains("console.wasm"));
    // Every other console page hydrates as before.
    let cookie = format!("ol_console={}", app.console_token(ADMIN.0, ADMIN.1).await);
    let overview = app
        .request(
            hyper::Method::GET,
            "/console",
            None,
            &[("cookie", cookie.as_str()), ("accept", "text/html")],
        )
        .await;
    assert_eq!(overview.status, 200);
    assert!(overview.body.contains("modulepreload"));
    assert!(!overview.body.contains("\"prefetch\""));
}

#[tokio::test]
async fn a_console_page_has_one_title_in_the_readers_language() {
    let app = TestApp::start().await;
    let cookie = format!("ol_console={}", app.console_token(ADMIN.0, ADMIN.1).await);
    let languages = [
        ("zh-CN,zh;q=0.9", "订货通管理后台"),
        ("en-US,en;q=0.9", "OrderLink Console"),
    ];
    for (accept_language, title) in languages {
        // The login page alone, and the overview (inside the app's layout).
        for (path, cookie) in [("/console/login", ""), ("/console", cookie.as_str())] {
            let headers = [
                ("accept", "text/html"),
                ("accept-language", accept_language),
                ("cookie", cookie),
            ];
            let page = app.request(hyper::Method::GET, path, None, &headers).await;
            assert_eq!(page.status, 200, "{path}");
            // The overview's chart has a <title> per bar; the page's is in the head.
            let head = page.body.split("</head>").next().unwrap_or_default();
            assert_eq!(head.matches("<title>").count(), 1, "{path}");
            let expected = format!("<title>{title}</title>");
            assert!(head.contains(&expected), "{path} in {accept_language}");
        }
    }
}

#[tokio::test]
async fn account_and_contact_forms_follow_the_brands_layout() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    // The default Account layout is the name only.
    let layout = app
        .console_call("console/layout", &[("object", "account")], &admin)
        .await
        .json();
    assert_eq!(layout["fields"].as_array().unwrap().len(), 1);

    // Add a required select and an optional number.
    let mut fields = layout["fields"].as_array().unwrap().clone();
    fields.push(
        json!({"key": "region", "kind": "select", "label_zh": "区域", "label_en": "Region",
        "required": true, "options": [
            {"value": "east", "label_zh": "华东", "label_en": "East"},
            {"value": "north", "label_zh": "华北", "label_en": "North"}]}),
    );
    fields.push(json!({"key": "stores", "kind": "number", "label_zh": "门店数", "label_en": "Stores", "required": false}));
    let saved = app
        .console_json(
            "console/save_layout",
            json!({"layout": {"object": "account", "fields": fields}}),
            &admin,
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);

    // Both new fields are checked by the server, each reported.
    let res = app
        .console_call(
            "console/create_account",
            &[
                ("fields[name]", "华东商贸"),
                ("fields[region]", "south"),
                ("fields[stores]", "3a"),
            ],
            &admin,
        )
        .await;
    assert_eq!(res.status, 400);
    let errors: Vec<(String, String)> = res.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().into(),
                e["reason"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        vec![
            ("region".into(), "option".into()),
            ("stores".into(), "number".into())
        ]
    );
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'demo')")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(before, 3, "nothing written for a refused form");

    let id = app
        .console_call(
            "console/create_account",
            &[
                ("fields[name]", "华东商贸"),
                ("fields[region]", "east"),
                ("fields[stores]", " 12 "),
            ],
            &admin,
        )
        .await
        .body;
    let detail = app
        .console_call("console/account", &[("id", &id)], &admin)
        .await
        .json();
    assert_eq!(
        detail["fields"],
        json!({"name": "华东商贸", "region": "east", "stores": "12"})
    );

    // Edit: rename, move region, clear the optional number.
    let res = app
        .console_call(
            "console/update_account",
            &[
                ("id", &id),
                ("fields[name]", "华北商贸"),
                ("fields[region]", "north"),
            ],
            &admin,
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let detail = app
        .console_call("console/account", &[("id", &id)], &admin)
        .await
        .json();
    assert_eq!(detail["name"], "华北商贸");
    assert_eq!(
        detail["fields"],
        json!({"name": "华北商贸", "region": "north"})
    );

    // Contacts: add, then edit with the shared phone rule.
    let contact = app
        .console_call(
            "console/add_contact",
            &[
                ("account_id", &id),
                ("fields[name]", "李雷"),
                ("fields[phone]", "139 0000 0099"),
            ],
            &admin,
        )
        .await
        .body;
    let bad = app
        .console_call(
            "console/update_contact",
            &[
                ("id", &contact),
                ("fields[name]", "李雷"),
                ("fields[phone]", "12345"),
            ],
            &admin,
        )
        .await;
    assert_eq!(bad.json()["errors"][0]["reason"], "phone");
    let ok = app
        .console_call(
            "console/update_contact",
            &[
                ("id", &contact),
                ("fields[name]", "李雷"),
                ("fields[title]", "店长"),
            ],
            &admin,
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let detail = app
        .console_call("console/account", &[("id", &id)], &admin)
        .await
        .json();
    assert_eq!(
        detail["contacts"][0]["fields"],
        json!({"name": "李雷", "title": "店长"})
    );
}

#[tokio::test]
async fn layouts_are_checked_and_need_settings_write() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    // Reading needs accounts.read (the clerk has none); saving needs settings.write.
    let res = app
        .console_call("console/layout", &[("object", "contact")], &clerk)
        .await;
    assert_eq!(
        (res.status, res.json()["permission"].as_str()),
        (403, Some("accounts.read"))
    );
    let contact_default = app
        .console_call("console/layout", &[("object", "contact")], &admin)
        .await
        .json();
    let res = app
        .console_json(
            "console/save_layout",
            json!({"layout": contact_default.clone()}),
            &clerk,
        )
        .await;
    assert_eq!(
        (res.status, res.json()["permission"].as_str()),
        (403, Some("settings.write"))
    );
    // Dropping the phone system field is refused with the reason.
    let mut fields = contact_default["fields"].as_array().unwrap().clone();
    fields.retain(|f| f["key"] != "phone");
    let res = app
        .console_json(
            "console/save_layout",
            json!({"layout": {"object": "contact", "fields": fields}}),
            &admin,
        )
        .await;
    assert_eq!(res.status, 400);
    assert_eq!(
        res.json(),
        json!({"code": "invalid_layout", "problem": "system_field_changed", "key": "phone"})
    );
    // Another brand's layout is its own: brand A's saved layout does not leak.
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM layouts")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn roles_matrix_edits_store_permissions_and_custom_roles() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    assert_eq!(
        app.console_call("console/roles", &[], &clerk).await.status,
        403
    );

    let roles = app.console_call("console/roles", &[], &admin).await.json();
    let role = |key: &str| {
        roles
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["system_key"] == key)
            .cloned()
            .unwrap()
    };
    let personnel = role("order_personnel");
    assert_eq!(personnel["audience"], "store");
    assert_eq!(
        personnel["permissions"],
        json!([
            "store.catalogue.view",
            "store.prices.view",
            "store.orders.place",
            "store.orders.view_own"
        ])
    );
    assert_eq!(personnel["members"], 2, "the two demo distributors");
    let personnel_id = personnel["id"].as_i64().unwrap();

    // Without store.prices.view a logged-in distributor sees no prices.
    let d1 = app
        .password_login("demo", "dist1", "orderlink-demo")
        .await
        .session()
        .unwrap();
    assert!(first_price(&app, &d1).await.is_i64());
    let set = |role: i64, perms: serde_json::Value| {
        app.console_json(
            "console/set_role_permissions",
            json!({"role_id": role, "permissions": perms}),
            &admin,
        )
    };
    let res = set(
        personnel_id,
        json!(["store.catalogue.view", "store.orders.place"]),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(first_price(&app, &d1).await.is_null());
    set(
        personnel_id,
        json!(["store.catalogue.view", "store.prices.view"]),
    )
    .await;
    assert!(first_price(&app, &d1).await.is_i64());

    // A console permission on a store role, an unknown code, and editing Store Admin are refused.
    let res = set(personnel_id, json!(["accounts.read"])).await;
    assert_eq!((res.status, res.error_code().as_str()), (400, "invalid"));
    let res = set(personnel_id, json!(["nope"])).await;
    assert_eq!(res.status, 400);
    let admin_role = role("store_admin")["id"].as_i64().unwrap();
    let res = set(admin_role, json!([])).await;
    assert_eq!(res.status, 400);

    // A custom console role, given to the clerk, opens the accounts list to them.
    let created = app
        .console_call(
            "console/create_role",
            &[("name", "财务"), ("audience", "console")],
            &admin,
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let finance: i64 = created.body.parse().unwrap();
    let again = app
        .console_call(
            "console/create_role",
            &[("name", "财务"), ("audience", "console")],
            &admin,
        )
        .await;
    assert_eq!(
        (again.status, again.error_code().as_str()),
        (409, "duplicate")
    );
    set(finance, json!(["accounts.read", "orders.read"])).await;
    let staff = app.console_call("console/staff", &[], &admin).await.json();
    let clerk_id = staff
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["email"] == CLERK.0)
        .unwrap()["id"]
        .to_string();
    let accounts = || app.console_call("console/accounts", &[("q", ""), ("page", "1")], &clerk);
    assert_eq!(accounts().await.status, 403);
    let res = app
        .console_call(
            "console/set_staff_role",
            &[("staff_id", &clerk_id), ("role_id", &finance.to_string())],
            &admin,
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(accounts().await.status, 200);
    // A store role cannot be given to staff.
    let res = app
        .console_call(
            "console/set_staff_role",
            &[
                ("staff_id", &clerk_id),
                ("role_id", &personnel_id.to_string()),
            ],
            &admin,
        )
        .await;
    assert_eq!(res.status, 400);
}

/// The "from" price of the first catalogue item as a session sees it.
async fn first_price(app: &TestApp, session: &str) -> serde_json::Value {
    app.call(
        "catalogue",
        &[("store", "demo"), ("q", ""), ("page", "1")],
        Some(session),
    )
    .await
    .json()["items"][0]["price"]
        .clone()
}

#[tokio::test]
async fn enterprises_are_added_once_and_ordering_accounts_created_one_at_a_time() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let (account, contacts) = account_with_three_contacts(&app, &admin).await;
    let account = account.to_string();
    let first = contacts[0].to_string();

    // Not an enterprise yet: a single create says so and writes nothing.
    let res = app
        .console_call(
            "console/create_ordering_account",
            &[("contact_id", &first)],
            &admin,
        )
        .await;
    assert_eq!(
        (res.status, res.error_code().as_str()),
        (400, "not_enterprise")
    );

    let res = app
        .console_call(
            "console/add_enterprise",
            &[("account_id", &account), ("has_tenant", "true")],
            &admin,
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let enterprise = res.body.clone();
    let again = app
        .console_call(
            "console/add_enterprise",
            &[("account_id", &account), ("has_tenant", "false")],
            &admin,
        )
        .await;
    assert_eq!(
        (again.status, again.error_code().as_str()),
        (409, "duplicate")
    );
    let list = app
        .console_call(
            "console/enterprises",
            &[("q", "西北"), ("page", "1")],
            &admin,
        )
        .await
        .json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["has_tenant"], true);
    assert_eq!(list["items"][0]["account"], "西北经销商");

    // One Contact: created with Order Personnel, then "already had one".
    let res = app
        .console_call(
            "console/create_ordering_account",
            &[("contact_id", &first)],
            &admin,
        )
        .await;
    assert_eq!(res.json()["outcome"], "created", "{}", res.body);
    let role: String = sqlx::query_scalar(
        "SELECT r.system_key FROM store_users u JOIN roles r ON r.id = u.role_id WHERE u.contact_id = $1",
    )
    .bind(contacts[0])
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(role, "order_personnel");
    let res = app
        .console_call(
            "console/create_ordering_account",
            &[("contact_id", &first)],
            &admin,
        )
        .await;
    assert_eq!(res.json()["outcome"], "already_had");
    // The Contact without a phone is rejected with the reason.
    let res = app
        .console_call(
            "console/create_ordering_account",
            &[("contact_id", &contacts[2].to_string())],
            &admin,
        )
        .await;
    assert_eq!(res.json()["outcome"], json!({"rejected": "missing_phone"}));

    // A custom store role can be chosen; a console role cannot.
    let buyer = app
        .console_call(
            "console/create_role",
            &[("name", "采购员"), ("audience", "store")],
            &admin,
        )
        .await
        .body;
    let clerk_role: i64 =
        sqlx::query_scalar("SELECT id FROM roles WHERE system_key = 'order_clerk'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let second = contacts[1].to_string();
    let res = app
        .console_call(
            "console/create_ordering_account",
            &[
                ("contact_id", &second),
                ("role_id", &clerk_role.to_string()),
            ],
            &admin,
        )
        .await;
    assert_eq!(res.status, 400);
    let res = app
        .console_call(
            "console/create_ordering_account",
            &[("contact_id", &second), ("role_id", &buyer)],
            &admin,
        )
        .await;
    assert_eq!(res.json()["outcome"], "created", "{}", res.body);
    let contacts_seen = app
        .console_call(
            "console/enterprise_contacts",
            &[("enterprise_id", &enterprise)],
            &admin,
        )
        .await
        .json();
    let with_accounts: Vec<bool> = contacts_seen
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["has_ordering_account"].as_bool().unwrap())
        .collect();
    assert_eq!(with_accounts, vec![true, true, false]);
}

#[tokio::test]
async fn the_registration_layout_keeps_each_field_in_its_section() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let layout = app
        .console_call("console/layout", &[("object", "registration")], &admin)
        .await
        .json();
    let sections: Vec<(&str, &str)> = layout["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["key"].as_str().unwrap(), f["section"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sections,
        [
            ("company", "account"),
            ("contact_name", "contact"),
            ("phone", "contact")
        ]
    );
    let mut fields = layout["fields"].as_array().unwrap().clone();
    fields.push(
        json!({"key": "wechat", "kind": "text", "label_zh": "微信号", "label_en": "WeChat ID",
        "required": false, "section": "contact"}),
    );
    let saved = app
        .console_json(
            "console/save_layout",
            json!({"layout": {"object": "registration", "fields": fields.clone()}}),
            &admin,
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let back = app
        .console_call("console/layout", &[("object", "registration")], &admin)
        .await
        .json();
    assert_eq!(back["fields"][3]["section"], "contact");
    // The login phone stays a Contact field.
    fields[2]["section"] = json!("account");
    let moved = app
        .console_json(
            "console/save_layout",
            json!({"layout": {"object": "registration", "fields": fields}}),
            &admin,
        )
        .await;
    assert_eq!(
        moved.json(),
        json!({"code": "invalid_layout", "problem": "system_field_changed", "key": "phone"})
    );
}

/// A plain form post, as a browser without the console's script sends it.
async fn plain_post(
    app: &TestApp,
    path: &str,
    args: &[(&str, &str)],
    console: Option<&str>,
) -> crate::common::Reply {
    let cookie = console.map(|t| format!("ol_console={t}"));
    let mut headers = vec![("accept", "text/html")];
    headers.extend(cookie.iter().map(|c| ("cookie", c.as_str())));
    let body = crate::common::form_body(args);
    app.request(hyper::Method::POST, path, Some(body), &headers)
        .await
}

#[tokio::test]
async fn without_javascript_staff_log_in_with_a_plain_form_and_a_wrong_password_says_why_and_keeps_the_email(
) {
    let app = TestApp::start().await;
    let wrong = plain_post(
        &app,
        "/console/login",
        &[("email", ADMIN.0), ("password", "nope")],
        None,
    )
    .await;
    assert_eq!(wrong.status, 303);
    assert!(
        wrong
            .location()
            .starts_with("/console/login?email=admin%40demo.test&error=")
            && wrong.session().is_none(),
        "{}",
        wrong.location()
    );
    assert!(!wrong.location().contains("nope"), "never the password");
    let page = app.get(wrong.location(), None).await;
    assert!(
        page.body.contains("账号或密码错误。"),
        "the reason: {}",
        page.body
    );
    assert!(
        page.body.contains(r#"value="admin@demo.test""#),
        "the email is kept: {}",
        page.body
    );
    let hostile = app
        .get(
            "/console/login?email=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            None,
        )
        .await;
    assert_eq!(hostile.status, 200, "{}", hostile.body);
    assert!(
        !hostile.body.contains("<script>alert(1)")
            && hostile
                .body
                .contains(r#"value="&quot;&gt;&lt;script&gt;alert(1)"#),
        "the kept email is escaped: {}",
        hostile.body
    );

    let right = plain_post(
        &app,
        "/console/login",
        &[("email", ADMIN.0), ("password", ADMIN.1)],
        None,
    )
    .await;
    assert_eq!((right.status, right.location()), (303, "/console"));
    let token = right.cookie("ol_console").expect("a console session");
    let me = app.console_call("staff_me", &[], &token).await;
    assert_eq!(me.json()["email"], ADMIN.0, "{}", me.body);
}

#[tokio::test]
async fn logging_out_with_the_plain_form_ends_the_session_on_the_server_and_clears_the_cookie() {
    let app = TestApp::start().await;
    let token = app.console_token(ADMIN.0, ADMIN.1).await;
    let cookie = format!("ol_console={token}");
    let headers = [("accept", "text/html"), ("cookie", cookie.as_str())];
    let console = app
        .request(hyper::Method::GET, "/console", None, &headers)
        .await;
    assert!(
        console
            .body
            .contains(r#"<form method="post" action="/console/logout""#),
        "every console page offers logout as a plain form: {}",
        console.body
    );

    let out = plain_post(&app, "/console/logout", &[], Some(&token)).await;
    assert_eq!((out.status, out.location()), (303, "/console/login"));
    let cleared = out
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("ol_console="))
        .expect("the cookie is cleared");
    assert!(
        cleared.starts_with("ol_console=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    // The session is gone on the server, not only in this browser.
    let me = app.console_call("staff_me", &[], &token).await;
    assert_eq!(me.status, 401, "{}", me.body);

    // Logging out again still lands on the login.
    let again = plain_post(&app, "/console/logout", &[], Some(&token)).await;
    assert_eq!((again.status, again.location()), (303, "/console/login"));

    // A post without the cookie, as another site's form arrives (the cookie
    // is SameSite=Lax), clears nothing: another site cannot log staff out.
    let other = app.console_token(ADMIN.0, ADMIN.1).await;
    let cross_site = plain_post(&app, "/console/logout", &[], None).await;
    assert_eq!(
        (cross_site.status, cross_site.location()),
        (303, "/console/login")
    );
    assert!(
        cross_site.set_cookies().is_empty(),
        "{:?}",
        cross_site.set_cookies()
    );
    let me = app.console_call("staff_me", &[], &other).await;
    assert_eq!(me.status, 200, "{}", me.body);
}

#[tokio::test]
async fn without_javascript_an_application_is_approved_and_another_rejected_with_plain_forms() {
    let app = TestApp::start().await;
    let first = crate::registration::file_application(&app, "13900000011").await;
    let second = crate::registration::file_application(&app, "13900000012").await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let cookie = format!("ol_console={admin}");
    let inbox = app
        .request(
            hyper::Method::GET,
            "/console/approvals",
            None,
            &[("accept", "text/html"), ("cookie", &cookie)],
        )
        .await
        .body;
    assert!(
        inbox.contains(&format!("action=\"/console/approvals/{first}\"")),
        "the inbox renders its decisions as forms: {inbox}"
    );

    let list = crate::registration::list_id(&app, "一级经销价")
        .await
        .to_string();
    let approved = plain_post(
        &app,
        &format!("/console/approvals/{first}"),
        &[
            ("op", "approve"),
            ("price_list_id", &list),
            ("account_id", ""),
        ],
        Some(&admin),
    )
    .await;
    assert_eq!(
        (approved.status, approved.location()),
        (303, "/console/approvals?done=approved")
    );
    let empty_reason = plain_post(
        &app,
        &format!("/console/approvals/{second}"),
        &[("op", "reject"), ("reason", " ")],
        Some(&admin),
    )
    .await;
    assert!(
        empty_reason
            .location()
            .starts_with("/console/approvals?error="),
        "{}",
        empty_reason.location()
    );
    let rejected = plain_post(
        &app,
        &format!("/console/approvals/{second}"),
        &[("op", "reject"), ("reason", "资料不全")],
        Some(&admin),
    )
    .await;
    assert_eq!(rejected.location(), "/console/approvals?done=rejected");
    let statuses: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM registrations ORDER BY id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(
        statuses,
        vec![(first, "approved".into()), (second, "rejected".into())]
    );

    // A clerk (no approval permission) and a stranger are refused.
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    let third = crate::registration::file_application(&app, "13900000013").await;
    let by_clerk = plain_post(
        &app,
        &format!("/console/approvals/{third}"),
        &[("op", "reject"), ("reason", "x")],
        Some(&clerk),
    )
    .await;
    assert!(
        by_clerk.location().contains("forbidden"),
        "{}",
        by_clerk.location()
    );
    let by_nobody = plain_post(
        &app,
        &format!("/console/approvals/{third}"),
        &[("op", "reject"), ("reason", "x")],
        None,
    )
    .await;
    assert_eq!(by_nobody.location(), "/console/login");
}
