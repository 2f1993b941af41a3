//! Ordering without JavaScript: the store's plain form posts (cart, quick
//! order, checkout, reorder, confirm receipt) over real HTTP. Each answers a
//! 303 to the next page; a refusal goes back with its reason, which the page
//! shows in the reader's language.

use crate::common::{form_body, Reply, TestApp};
use futures_util::future::join_all;
use hyper::Method;

const STORE: &str = "demo";
/// Demo SKU-0001 (天然矿泉水), product 1, minimum order 1 after `stock_sku`.
const SKU: i64 = 1;

async fn login(app: &TestApp, name: &str) -> String {
    let res = app
        .password_login(STORE, name, app::db::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(res.status, 200, "{name}: {}", res.body);
    res.session().expect("session")
}

async fn stock_sku(app: &TestApp, stock: i64) {
    sqlx::query("UPDATE skus SET stock = $1, reserved = 0 WHERE id = $2")
        .bind(stock)
        .bind(SKU)
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE products SET moq = 1 WHERE id = 1")
        .execute(&app.db)
        .await
        .unwrap();
}

/// A form post as a browser without JavaScript sends it.
async fn post(app: &TestApp, path: &str, args: &[(&str, &str)], session: Option<&str>) -> Reply {
    let cookie = session.map(|s| format!("ol_session={s}"));
    let mut headers = vec![("accept", "text/html")];
    headers.extend(cookie.iter().map(|c| ("cookie", c.as_str())));
    app.request(Method::POST, path, Some(form_body(args)), &headers)
        .await
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

fn new_address(key: &str) -> Vec<(&str, &str)> {
    vec![
        ("key", key),
        ("address", "new"),
        ("recipient", "张伟"),
        ("phone", "13800000001"),
        ("region", "上海市/上海市/浦东新区"),
        ("detail", "世纪大道 100 号"),
        ("note", "工作日送货"),
    ]
}

async fn checkout_key(app: &TestApp, session: &str) -> String {
    let cart = app.call("cart", &[("store", STORE)], Some(session)).await;
    cart.json()["checkout_key"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn without_javascript_a_buyer_adds_changes_and_checks_out_through_form_posts() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;

    let added = post(
        &app,
        "/s/demo/cart",
        &[("sku_id", "1"), ("quantity", "2"), ("back", "/s/demo/p/1")],
        Some(&buyer),
    )
    .await;
    assert_eq!(added.status, 303);
    assert_eq!(added.location(), "/s/demo/p/1?added=1");
    let changed = post(
        &app,
        "/s/demo/cart",
        &[
            ("op", "set"),
            ("sku_id", "1"),
            ("quantity", "5"),
            ("back", "/s/demo/cart"),
        ],
        Some(&buyer),
    )
    .await;
    assert_eq!((changed.status, changed.location()), (303, "/s/demo/cart"));
    let page = app.get("/s/demo/cart", Some(&buyer)).await;
    assert!(page.body.contains("天然矿泉水"), "{}", page.body);
    assert!(page.body.contains("¥102.00"), "5 × ¥20.40 in the cart page");

    let key = checkout_key(&app, &buyer).await;
    let placed = post(&app, "/s/demo/checkout", &new_address(&key), Some(&buyer)).await;
    assert_eq!(placed.status, 303, "{}", placed.body);
    let id: i64 = scalar(&app, "SELECT id FROM orders").await;
    assert_eq!(placed.location(), format!("/s/demo/orders/{id}?placed=1"));
    let order = app.get(placed.location(), Some(&buyer)).await;
    assert!(order.body.contains("世纪大道 100 号") && order.body.contains("工作日送货"));
    // The new address went into the enterprise's book, as its default.
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM addresses WHERE is_default = TRUE"
        )
        .await,
        1
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM cart_lines").await, 0);
}

#[tokio::test]
async fn two_tabs_showing_one_cart_place_one_order() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    let add = app
        .call(
            "add_to_cart",
            &[("store", STORE), ("sku_id", "1"), ("quantity", "3")],
            Some(&buyer),
        )
        .await;
    assert_eq!(add.status, 200, "{}", add.body);
    // Each tab rendered the checkout page: the same cart gives the same key.
    let (first, second) = (
        checkout_key(&app, &buyer).await,
        checkout_key(&app, &buyer).await,
    );
    assert_eq!(first, second);
    let sends = (0..10).map(|_| {
        let form = new_address(&first);
        let app = &app;
        let buyer = buyer.clone();
        async move { post(app, "/s/demo/checkout", &form, Some(&buyer)).await }
    });
    let answers = join_all(sends).await;
    let id: i64 = scalar(&app, "SELECT id FROM orders").await;
    for a in &answers {
        assert_eq!(
            (a.status, a.location()),
            (303, format!("/s/demo/orders/{id}?placed=1").as_str()),
            "{}",
            a.body
        );
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM orders").await, 1);
    assert_eq!(
        scalar(&app, "SELECT reserved FROM skus WHERE id = 1").await,
        3
    );
    // A cart filled again later has a key of its own: a new order.
    assert_eq!(
        app.call(
            "add_to_cart",
            &[("store", STORE), ("sku_id", "1"), ("quantity", "3")],
            Some(&buyer),
        )
        .await
        .status,
        200
    );
    assert_ne!(checkout_key(&app, &buyer).await, first);
}

#[tokio::test]
async fn a_guest_posting_the_add_to_cart_form_goes_to_login_and_back() {
    let app = TestApp::start().await;
    let res = post(
        &app,
        "/s/demo/cart",
        &[("sku_id", "1"), ("quantity", "1"), ("back", "/s/demo/p/1")],
        None,
    )
    .await;
    assert_eq!(
        (res.status, res.location()),
        (303, "/s/demo/login?next=/s/demo/p/1")
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM cart_lines").await, 0);
}

#[tokio::test]
async fn a_refused_form_comes_back_to_its_page_with_the_reason_in_the_readers_language() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    sqlx::query("UPDATE products SET moq = 6 WHERE id = 1")
        .execute(&app.db)
        .await
        .unwrap();
    let buyer = login(&app, "dist1").await;
    let res = post(
        &app,
        "/s/demo/cart",
        &[("sku_id", "1"), ("quantity", "2"), ("back", "/s/demo/p/1")],
        Some(&buyer),
    )
    .await;
    assert_eq!(res.status, 303);
    assert!(
        res.location().starts_with("/s/demo/p/1?error="),
        "{}",
        res.location()
    );
    let page = app.get(res.location(), Some(&buyer)).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("起订量"),
        "the minimum named: {}",
        page.body
    );
    let english = app
        .get(&format!("{}&lang=en", res.location()), Some(&buyer))
        .await;
    assert!(english.body.contains("minimum"), "{}", english.body);
    // A quantity that is not a number is a message too, not a 4xx page.
    let typo = post(
        &app,
        "/s/demo/cart",
        &[
            ("sku_id", "1"),
            ("quantity", "zwei"),
            ("back", "/s/demo/p/1"),
        ],
        Some(&buyer),
    )
    .await;
    assert!(
        typo.location().starts_with("/s/demo/p/1?error="),
        "{}",
        typo.location()
    );
}

#[tokio::test]
async fn forms_never_send_the_buyer_outside_the_store() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    for back in [
        "https://evil.example/",
        "//evil.example/s/demo",
        "/s/demo//evil.example",
        "/s/other",
    ] {
        let res = post(
            &app,
            "/s/demo/cart",
            &[("sku_id", "1"), ("quantity", "1"), ("back", back)],
            Some(&buyer),
        )
        .await;
        assert_eq!(
            (res.status, res.location()),
            (303, "/s/demo/cart?added=1"),
            "{back}"
        );
    }
}

#[tokio::test]
async fn a_checkout_short_of_stock_goes_back_to_the_cart_naming_the_line() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    let res = post(
        &app,
        "/s/demo/cart",
        &[("sku_id", "1"), ("quantity", "4")],
        Some(&buyer),
    )
    .await;
    assert_eq!(res.status, 303);
    stock_sku(&app, 3).await;
    let key = checkout_key(&app, &buyer).await;
    let refused = post(&app, "/s/demo/checkout", &new_address(&key), Some(&buyer)).await;
    assert!(
        refused.location().starts_with("/s/demo/cart?error="),
        "{}",
        refused.location()
    );
    let cart = app.get(refused.location(), Some(&buyer)).await;
    assert!(
        cart.body.contains("天然矿泉水") && cart.body.contains("库存"),
        "{}",
        cart.body
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM orders").await, 0);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM cart_lines").await, 1);
}

#[tokio::test]
async fn reorder_and_confirm_receipt_work_as_plain_forms() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    post(
        &app,
        "/s/demo/cart",
        &[("sku_id", "1"), ("quantity", "2")],
        Some(&buyer),
    )
    .await;
    let key = checkout_key(&app, &buyer).await;
    post(&app, "/s/demo/checkout", &new_address(&key), Some(&buyer)).await;
    let id = scalar(&app, "SELECT id FROM orders").await.to_string();

    // Not shipped yet: refused with the reason on the order's page.
    let early = post(
        &app,
        &format!("/s/demo/orders/{id}/receipt"),
        &[],
        Some(&buyer),
    )
    .await;
    assert!(early
        .location()
        .starts_with(&format!("/s/demo/orders/{id}?error=")));

    let clerk = app
        .console_token("admin@demo.test", app::db::seed::DEMO_ADMIN_PASSWORD)
        .await;
    for action in ["confirm", "ship"] {
        let res = app
            .console_call(
                "console/order_action",
                &[
                    ("id", &id),
                    ("action", action),
                    ("carrier", "顺丰速运"),
                    ("tracking_number", "SF1234567890"),
                    ("reason", ""),
                ],
                &clerk,
            )
            .await;
        assert_eq!(res.status, 200, "{}", res.body);
    }
    let received = post(
        &app,
        &format!("/s/demo/orders/{id}/receipt"),
        &[],
        Some(&buyer),
    )
    .await;
    assert_eq!(received.location(), format!("/s/demo/orders/{id}"));
    let page = app.get(received.location(), Some(&buyer)).await;
    assert!(page.body.contains("SF1234567890") && page.body.contains("已完成"));

    let again = post(
        &app,
        &format!("/s/demo/orders/{id}/reorder"),
        &[],
        Some(&buyer),
    )
    .await;
    assert_eq!(again.location(), "/s/demo/cart");
    assert_eq!(scalar(&app, "SELECT quantity FROM cart_lines").await, 2);
}

#[tokio::test]
async fn quick_order_puts_every_filled_line_into_the_cart_and_names_the_refused() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    // SKU 3's product (原味苏打水) needs a larger minimum than asked for.
    sqlx::query(
        "UPDATE products SET moq = 50 WHERE id = (SELECT product_id FROM skus WHERE id = 3)",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let page = app.get("/s/demo/quick?q=SKU-0001", Some(&buyer)).await;
    assert!(page.body.contains("name=\"qty_1\""), "{}", page.body);
    let res = post(
        &app,
        "/s/demo/quick",
        &[
            ("qty_1", "4"),
            ("qty_3", "1"),
            ("qty_2", ""),
            ("qty_4", "0"),
        ],
        Some(&buyer),
    )
    .await;
    assert!(
        res.location().starts_with("/s/demo/cart?error="),
        "{}",
        res.location()
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM cart_lines").await, 1);
    let cart = app.get(res.location(), Some(&buyer)).await;
    assert!(cart.body.contains("起订量"), "{}", cart.body);
}
