//! The store's first slice over real HTTP: catalogue, pricing per viewer, login.

use crate::common::TestApp;

/// Demo SKU-0001 (天然矿泉水 550ml×24) is 24.00 standard; the demo lists charge
/// 85 % (distributor 1), 92 % (distributor 2) and 110 % (guests).
const DIST1_PRICE: i64 = 2040;
const DIST2_PRICE: i64 = 2208;
const GUEST_PRICE: i64 = 2640;

fn first_sku_price(product: &serde_json::Value) -> i64 {
    product["skus"][0]["price"].as_i64().expect("priced SKU")
}

#[tokio::test]
async fn catalogue_is_server_rendered_with_names_and_prices() {
    let app = TestApp::start().await;
    let page = app.get("/s/demo", None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("天然矿泉水"), "product name in HTML");
    assert!(page.body.contains("¥26.40"), "guest price in HTML");
    assert!(page.body.contains("Demo Brand"));
    // Page 2 and a category filter are plain links that render on the server too.
    let page2 = app.get("/s/demo?page=2", None).await;
    assert_eq!(page2.status, 200);
    assert!(!page2.body.contains("天然矿泉水"));
    let search = app
        .get(
            &format!("/s/demo?q={}", crate::common::urlencode("牛奶")),
            None,
        )
        .await;
    assert!(search.body.contains("纯牛奶") && search.body.contains("低脂牛奶"));
    assert!(!search.body.contains("天然矿泉水"));
}

#[tokio::test]
async fn unknown_store_and_unknown_paths_are_404() {
    let app = TestApp::start().await;
    let res = app.get("/s/nope", None).await;
    assert_eq!(res.status, 404);
    assert!(res.body.contains("页面不存在") || res.body.contains("Page not found"));
    assert_eq!(app.get("/no/such/page", None).await.status, 404);
    assert_eq!(app.get("/s/demo/p/999999", None).await.status, 404);
    let api = app
        .call(
            "catalogue",
            &[("store", "nope"), ("q", ""), ("page", "1")],
            None,
        )
        .await;
    assert_eq!(
        (api.status, api.error_code().as_str()),
        (404, "store_not_found")
    );
}

#[tokio::test]
async fn each_viewer_gets_their_own_price_list() {
    let app = TestApp::start().await;
    let guest = app
        .call("product", &[("store", "demo"), ("id", "1")], None)
        .await;
    assert_eq!(first_sku_price(&guest.json()), GUEST_PRICE);

    let d1 = app
        .password_login("demo", "dist1", "orderlink-demo")
        .await
        .session()
        .expect("dist1 logs in");
    let d2 = app.sms_login("13800000002").await;
    let p1 = app
        .call("product", &[("store", "demo"), ("id", "1")], Some(&d1))
        .await;
    let p2 = app
        .call("product", &[("store", "demo"), ("id", "1")], Some(&d2))
        .await;
    assert_eq!(first_sku_price(&p1.json()), DIST1_PRICE);
    assert_eq!(first_sku_price(&p2.json()), DIST2_PRICE);

    // The server-rendered product page shows the same per-viewer price.
    assert!(app
        .get("/s/demo/p/1", Some(&d1))
        .await
        .body
        .contains("¥20.40"));
    assert!(app
        .get("/s/demo/p/1", Some(&d2))
        .await
        .body
        .contains("¥22.08"));

    // The catalogue's "from" price is per viewer too.
    let list = app
        .call(
            "catalogue",
            &[("store", "demo"), ("q", ""), ("page", "1")],
            Some(&d1),
        )
        .await
        .json();
    assert_eq!(list["items"][0]["price"].as_i64(), Some(DIST1_PRICE));
}

#[tokio::test]
async fn account_without_a_list_falls_back_to_standard_prices() {
    let app = TestApp::start().await;
    sqlx::query("UPDATE accounts SET price_list_id = NULL WHERE name = '华东贸易有限公司'")
        .execute(&app.db)
        .await
        .unwrap();
    let d1 = app.sms_login("13800000001").await;
    let p = app
        .call("product", &[("store", "demo"), ("id", "1")], Some(&d1))
        .await;
    assert_eq!(first_sku_price(&p.json()), 2400);
    let me = app.call("me", &[("store", "demo")], Some(&d1)).await.json();
    assert!(me["price_list"].is_null());
}

#[tokio::test]
async fn sms_login_sets_a_rotated_http_only_session() {
    let app = TestApp::start().await;
    let code = app.sms_code("demo", "13800000001").await;
    let res = app
        .call(
            "sms_login",
            &[("store", "demo"), ("phone", "13800000001"), ("code", &code)],
            Some("stale-token"),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let cookie = res
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("ol_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let first = res.session().unwrap();
    assert_eq!(first.len(), 64);

    let me = app.call("me", &[("store", "demo")], Some(&first)).await;
    assert_eq!(me.json()["name"], "张伟");
    assert_eq!(me.json()["price_list"], "一级经销价");

    // Logging in again from the same browser replaces the session id.
    let second = app.password_login("demo", "dist1", "orderlink-demo").await;
    let second_token = second.session().unwrap();
    assert_ne!(first, second_token);
    let second = app
        .call(
            "password_login",
            &[
                ("store", "demo"),
                ("login", "dist1"),
                ("password", "orderlink-demo"),
            ],
            Some(&second_token),
        )
        .await
        .session()
        .unwrap();
    assert_eq!(
        app.call("me", &[("store", "demo")], Some(&second_token))
            .await
            .error_code(),
        "not_logged_in"
    );
    assert_eq!(
        app.call("me", &[("store", "demo")], Some(&second))
            .await
            .status,
        200
    );

    // A code works once.
    let again = app.code_login("13800000001", &code).await;
    assert_eq!(again.error_code(), "code_not_requested");

    // Logout ends the session on the server, not only in the browser.
    assert_eq!(app.call("logout", &[], Some(&second)).await.status, 200);
    assert_eq!(
        app.call("me", &[("store", "demo")], Some(&second))
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn wrong_code_is_refused_with_attempts_left() {
    let app = TestApp::start().await;
    let code = app.sms_code("demo", "13800000001").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let res = app.code_login("13800000001", wrong).await;
    assert_eq!(res.status, 400);
    assert_eq!(
        res.json(),
        serde_json::json!({"code": "code_wrong", "attempts_left": 4})
    );
    assert!(res.session().is_none());
}

#[tokio::test]
async fn expired_code_is_refused() {
    let app = TestApp::start().await;
    let code = app.sms_code("demo", "13800000001").await;
    // Five minutes pass.
    sqlx::query(
        "UPDATE sms_codes SET expires_at = expires_at - 301, created_at = created_at - 301",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let res = app.code_login("13800000001", &code).await;
    assert_eq!(
        (res.status, res.error_code().as_str()),
        (400, "code_expired")
    );
    assert!(res.session().is_none());
}

#[tokio::test]
async fn too_many_attempts_lock_the_code_even_for_the_right_one() {
    let app = TestApp::start().await;
    let code = app.sms_code("demo", "13800000001").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let mut codes = Vec::new();
    for _ in 0..5 {
        let res = app.code_login("13800000001", wrong).await;
        codes.push(res.error_code());
    }
    assert_eq!(
        codes,
        [
            "code_wrong",
            "code_wrong",
            "code_wrong",
            "code_wrong",
            "code_too_many_attempts"
        ]
    );
    let res = app.code_login("13800000001", &code).await;
    assert_eq!(
        (res.status, res.error_code().as_str()),
        (429, "code_too_many_attempts")
    );
    assert!(res.session().is_none());
}

#[tokio::test]
async fn messages_follow_the_language() {
    let app = TestApp::start().await;
    let res = app.code_login("123", "123456").await;
    assert_eq!(res.error_code(), "invalid_phone");
    let en = app.get("/s/demo?lang=en", None).await;
    assert!(en.body.contains("<html lang=\"en\""));
    assert!(en
        .body
        .contains("Log in or register to see your own prices"));
    assert!(en.set_cookies().iter().any(|c| c.starts_with("ol_lang=en")));
    let zh = app
        .request(
            hyper::Method::GET,
            "/s/demo",
            None,
            &[("accept-language", "zh-CN,zh;q=0.9")],
        )
        .await;
    assert!(
        zh.body.contains("<html lang=\"zh-CN\"")
            && zh.body.contains("登录或注册后可查看您的专属价格")
    );
    let by_cookie = app
        .request(
            hyper::Method::GET,
            "/s/demo",
            None,
            &[("accept-language", "zh-CN"), ("cookie", "ol_lang=en")],
        )
        .await;
    assert!(by_cookie.body.contains("<html lang=\"en\""));
}

#[tokio::test]
async fn resend_is_throttled_per_phone() {
    let app = TestApp::start().await;
    app.sms_code("demo", "13800000001").await;
    let res = app
        .call(
            "send_sms_code",
            &[("store", "demo"), ("phone", "13800000001")],
            None,
        )
        .await;
    assert_eq!(
        (res.status, res.error_code().as_str()),
        (429, "sms_throttled")
    );
    assert!(res.json()["retry_after_secs"].as_i64().unwrap() > 50);
    // Another phone is not affected.
    let other = app
        .call(
            "send_sms_code",
            &[("store", "demo"), ("phone", "13800000002")],
            None,
        )
        .await;
    assert_eq!(other.status, 200);
}

#[tokio::test]
async fn one_address_cannot_request_unlimited_codes() {
    let app = TestApp::start().await;
    for i in 0..20 {
        let phone = format!("139000000{i:02}");
        let res = app
            .call(
                "send_sms_code",
                &[("store", "demo"), ("phone", &phone)],
                None,
            )
            .await;
        assert_eq!(res.status, 200, "{i}: {}", res.body);
    }
    let res = app
        .call(
            "send_sms_code",
            &[("store", "demo"), ("phone", "13900000099")],
            None,
        )
        .await;
    assert_eq!(
        (res.status, res.error_code().as_str()),
        (429, "sms_ip_limited")
    );
}

#[tokio::test]
async fn disabled_account_cannot_log_in_and_loses_its_session() {
    let app = TestApp::start().await;
    let session = app.sms_login("13800000001").await;
    sqlx::query("UPDATE store_users SET disabled = TRUE WHERE phone = '13800000001'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(
        app.call("me", &[("store", "demo")], Some(&session))
            .await
            .status,
        401
    );
    // Wait out the resend throttle.
    crate::common::age_limits(&app.db, 61).await;
    let code = app.sms_code("demo", "13800000001").await;
    let res = app.code_login("13800000001", &code).await;
    assert_eq!(
        (res.status, res.error_code().as_str()),
        (403, "account_disabled")
    );
    assert!(res.session().is_none());
    let pw = app.password_login("demo", "dist1", "orderlink-demo").await;
    assert_eq!(pw.error_code(), "account_disabled");
    assert!(pw.session().is_none());
}

#[tokio::test]
async fn an_ordering_account_of_another_store_cannot_log_in_here() {
    let app = TestApp::start().await;
    sqlx::query("INSERT INTO tenants (slug, name, created_at) VALUES ('other', 'Other Brand', 0)")
        .execute(&app.db)
        .await
        .unwrap();
    let pw = app.password_login("other", "dist1", "orderlink-demo").await;
    assert_eq!(
        (pw.status, pw.error_code().as_str()),
        (401, "bad_credentials")
    );
    let code = app.sms_code("other", "13800000001").await;
    let res = app
        .call(
            "sms_login",
            &[
                ("store", "other"),
                ("phone", "13800000001"),
                ("code", &code),
            ],
            None,
        )
        .await;
    assert_eq!(res.error_code(), "no_account_for_phone");
    assert!(res.session().is_none());
    // A demo session means nothing in the other store.
    let demo_session = app.sms_login("13800000002").await;
    assert_eq!(
        app.call("me", &[("store", "other")], Some(&demo_session))
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn wrong_passwords_are_refused_and_eventually_locked() {
    let app = TestApp::start().await;
    for _ in 0..5 {
        let res = app.password_login("demo", "dist1", "wrong-password").await;
        assert_eq!(res.error_code(), "bad_credentials");
    }
    let locked = app.password_login("demo", "dist1", "orderlink-demo").await;
    assert_eq!(
        (locked.status, locked.error_code().as_str()),
        (429, "login_locked")
    );
    assert_eq!(
        app.password_login("demo", "nobody", "x").await.error_code(),
        "bad_credentials"
    );
}

#[tokio::test]
async fn account_page_sends_guests_to_login_and_back() {
    let app = TestApp::start().await;
    let res = app.get("/s/demo/me", None).await;
    assert_eq!(res.status, 302, "{}", res.body);
    let location = res
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert_eq!(location, "/s/demo/login?next=/s/demo/me");
    let session = app.sms_login("13800000001").await;
    let page = app.get("/s/demo/me", Some(&session)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("华东贸易有限公司") && page.body.contains("一级经销价"));
}

#[tokio::test]
async fn malformed_input_is_a_typed_400_not_a_500() {
    let app = TestApp::start().await;
    let res = app
        .call(
            "product",
            &[("store", "demo"), ("id", "not-a-number")],
            None,
        )
        .await;
    assert_eq!(
        (res.status, res.error_code().as_str()),
        (400, "bad_request")
    );
    let res = app.call("catalogue", &[("store", "demo")], None).await;
    assert_eq!(res.status, 400, "{}", res.body);
    let long = "x".repeat(500);
    let res = app
        .call(
            "catalogue",
            &[("store", "demo"), ("q", &long), ("page", "1")],
            None,
        )
        .await;
    assert_eq!(res.status, 400);
    let res = app
        .call(
            "sms_login",
            &[
                ("store", "demo"),
                ("phone", "13800000001"),
                ("code", "12ab"),
            ],
            None,
        )
        .await;
    assert_eq!(res.error_code(), "malformed_code");
}

#[tokio::test]
async fn health_check_answers() {
    let app = TestApp::start().await;
    let res = app.get("/healthz", None).await;
    assert_eq!((res.status, res.body.as_str()), (200, "ok"));
}

/// The page with this render's nonce blanked out: two renders differ only there.
fn without_nonce(page: &str) -> String {
    let nonce = page
        .split_once("nonce=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(nonce, _)| nonce.to_string())
        .expect("a nonce in the page");
    page.replace(&nonce, "NONCE")
}

async fn page_with_encoding(app: &TestApp, encoding: &str) -> crate::common::Reply {
    let headers = [("accept", "text/html"), ("accept-encoding", encoding)];
    app.request(hyper::Method::GET, "/s/demo", None, &headers)
        .await
}

#[tokio::test]
async fn a_browser_gets_pages_gzipped_and_they_read_the_same_as_plain_ones() {
    use std::io::Read;
    let app = TestApp::start().await;
    let plain = page_with_encoding(&app, "identity").await;
    assert_eq!(plain.status, 200);
    assert!(plain.headers.get("content-encoding").is_none());

    // What Chromium sends: gzip is chosen over brotli for pages (cheaper to
    // make per request; see the compression layer in server/src/lib.rs).
    let sent = page_with_encoding(&app, "gzip, deflate, br, zstd").await;
    assert_eq!(sent.status, 200);
    assert_eq!(sent.headers["content-encoding"], "gzip");
    assert!(sent.bytes.len() * 3 < plain.bytes.len(), "compressed well");
    let mut page = String::new();
    flate2::read::GzDecoder::new(&sent.bytes[..])
        .read_to_string(&mut page)
        .expect("valid gzip");
    assert_eq!(without_nonce(&page), without_nonce(&plain.body));
    assert!(page.contains("天然矿泉水"));
}
