//! The cart and checkout over real HTTP: idempotent submission, no oversell
//! under concurrent checkouts, and each refused line named with its reason.

use crate::common::{Reply, TestApp};
use futures_util::future::join_all;
use serde_json::json;

const STORE: &str = "demo";
/// Demo SKU-0001 (天然矿泉水), product 1.
const SKU: i64 = 1;

async fn login(app: &TestApp, name: &str) -> String {
    let res = app
        .password_login(STORE, name, app::db::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(res.status, 200, "{name}: {}", res.body);
    res.session().expect("session")
}

async fn add(app: &TestApp, session: &str, sku: i64, quantity: i64) -> Reply {
    app.call(
        "add_to_cart",
        &[
            ("store", STORE),
            ("sku_id", &sku.to_string()),
            ("quantity", &quantity.to_string()),
        ],
        Some(session),
    )
    .await
}

async fn checkout(app: &TestApp, session: &str, key: &str) -> Reply {
    app.call(
        "checkout",
        &[
            ("store", STORE),
            ("key", key),
            ("recipient", "张伟"),
            ("phone", "13800000001"),
            ("address", "上海市浦东新区世纪大道 100 号"),
            ("note", ""),
        ],
        Some(session),
    )
    .await
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

/// Makes `stock` units of SKU 1 available, with a minimum order of one.
async fn stock_sku(app: &TestApp, stock: i64) {
    sqlx::query("UPDATE skus SET stock = $1, reserved = 0 WHERE id = $2")
        .bind(stock)
        .bind(SKU)
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE products SET moq = 1 WHERE id = (SELECT product_id FROM skus WHERE id = $1)",
    )
    .bind(SKU)
    .execute(&app.db)
    .await
    .unwrap();
}

/// `n` more ordering accounts of distributor 1's enterprise, `buyer0`…,
/// with the demo password.
async fn more_buyers(app: &TestApp, n: usize) -> Vec<String> {
    let mut names = Vec::new();
    for i in 0..n {
        let name = format!("buyer{i}");
        let phone = format!("137000000{i:02}");
        let contact: i64 = sqlx::query_scalar(
            "INSERT INTO contacts (tenant_id, account_id, name, phone, created_at)
             SELECT c.tenant_id, c.account_id, $1, $2, 0 FROM contacts c
             JOIN store_users u ON u.contact_id = c.id WHERE u.login_name = 'dist1'
             RETURNING id",
        )
        .bind(&name)
        .bind(&phone)
        .fetch_one(&app.db)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO store_users (tenant_id, enterprise_id, contact_id, phone, login_name, password_hash, role_id, created_at)
             SELECT tenant_id, enterprise_id, $1, $2, $3, password_hash, role_id, 0
             FROM store_users WHERE login_name = 'dist1'",
        )
        .bind(contact)
        .bind(&phone)
        .bind(&name)
        .execute(&app.db)
        .await
        .unwrap();
        names.push(name);
    }
    names
}

#[tokio::test]
async fn a_guest_adding_to_the_cart_is_asked_to_log_in() {
    let app = TestApp::start().await;
    let res = app
        .call(
            "add_to_cart",
            &[("store", STORE), ("sku_id", "1"), ("quantity", "1")],
            None,
        )
        .await;
    assert_eq!(
        (res.status, res.error_code().as_str()),
        (401, "not_logged_in")
    );
}

#[tokio::test]
async fn a_role_without_place_orders_cannot_use_the_cart() {
    let app = TestApp::start().await;
    let buyer = login(&app, "dist1").await;
    sqlx::query("DELETE FROM role_permissions WHERE permission = 'store.orders.place'")
        .execute(&app.db)
        .await
        .unwrap();
    for res in [
        add(&app, &buyer, SKU, 1).await,
        checkout(&app, &buyer, "no-permission-key-01").await,
    ] {
        assert_eq!((res.status, res.error_code().as_str()), (403, "forbidden"));
        assert_eq!(res.json()["permission"], "store.orders.place");
    }
}

#[tokio::test]
async fn the_cart_is_kept_on_the_server_and_priced_for_the_buyer() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let first = login(&app, "dist1").await;
    let added = add(&app, &first, SKU, 3).await;
    assert_eq!(added.status, 200, "{}", added.body);
    // Another device (a second login) sees the same cart, at distributor 1's price.
    let second = login(&app, "dist1").await;
    let cart = app
        .call("cart", &[("store", STORE)], Some(&second))
        .await
        .json();
    assert_eq!(cart["count"], 3);
    assert_eq!(cart["lines"][0]["price"], 2040);
    assert_eq!(cart["total"], 3 * 2040);
    // A price change since adding is shown on the line, not applied silently.
    sqlx::query("UPDATE prices SET amount = 2100 WHERE sku_id = $1 AND price_list_id = (SELECT price_list_id FROM accounts WHERE name = '华东贸易有限公司')")
        .bind(SKU)
        .execute(&app.db)
        .await
        .unwrap();
    let cart = app
        .call("cart", &[("store", STORE)], Some(&second))
        .await
        .json();
    assert_eq!(
        cart["lines"][0]["notices"],
        json!([{"reason": "price_changed", "was": 2040, "now": 2100}])
    );
    // Setting a line to zero removes it; the answer is what the cart page
    // updates: the count, the total, the line's price (gone).
    let emptied = app
        .call(
            "set_cart_line",
            &[("store", STORE), ("sku_id", "1"), ("quantity", "0")],
            Some(&second),
        )
        .await
        .json();
    assert_eq!(
        emptied,
        json!({"count": 0, "total": 0, "quantity": 0, "line_total": null})
    );
    let cart = app
        .call("cart", &[("store", STORE)], Some(&second))
        .await
        .json();
    assert_eq!(cart["lines"], json!([]));
}

#[tokio::test]
async fn the_same_idempotency_key_twice_places_one_order() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    assert_eq!(add(&app, &buyer, SKU, 2).await.status, 200);
    let key = "c0ffee00-0000-4000-8000-000000000001";
    // A double tap: both at once.
    let (a, b) = tokio::join!(checkout(&app, &buyer, key), checkout(&app, &buyer, key));
    assert_eq!((a.status, b.status), (200, 200), "{} / {}", a.body, b.body);
    assert_eq!(a.json(), b.json());
    // A retry after a lost answer, with the cart now empty.
    let again = checkout(&app, &buyer, key).await;
    assert_eq!(again.json(), a.json());
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM orders").await, 1);
    assert_eq!(
        scalar(&app, "SELECT reserved FROM skus WHERE id = 1").await,
        2
    );
    let number = a.json()["number"].as_str().unwrap().to_string();
    assert!(
        number.starts_with("DEMO2") && number.ends_with("-0001"),
        "{number}"
    );
    // A new key with an empty cart places nothing.
    let empty = checkout(&app, &buyer, "c0ffee00-0000-4000-8000-000000000002").await;
    assert_eq!(
        (empty.status, empty.error_code().as_str()),
        (400, "cart_empty")
    );
}

#[tokio::test]
async fn twenty_concurrent_checkouts_for_ten_in_stock_place_ten_orders() {
    let app = TestApp::start().await;
    stock_sku(&app, 10).await;
    let names = more_buyers(&app, 20).await;
    let mut sessions = Vec::new();
    for name in &names {
        let session = login(&app, name).await;
        assert_eq!(add(&app, &session, SKU, 1).await.status, 200);
        sessions.push(session);
    }
    let checkouts = sessions.iter().enumerate().map(|(i, s)| {
        let key = format!("stock-test-key-{i:04}");
        let app = &app;
        async move { checkout(app, s, &key).await }
    });
    let replies = join_all(checkouts).await;
    let placed = replies.iter().filter(|r| r.status == 200).count();
    assert_eq!(
        placed,
        10,
        "{:?}",
        replies.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    for refused in replies.iter().filter(|r| r.status != 200) {
        assert_eq!(refused.status, 409, "{}", refused.body);
        assert_eq!(
            refused.json()["lines"][0]["problem"]["reason"],
            "not_enough_stock"
        );
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM orders").await, 10);
    assert_eq!(
        scalar(&app, "SELECT stock - reserved FROM skus WHERE id = 1").await,
        0
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT CAST(SUM(quantity) AS BIGINT) FROM order_lines WHERE sku_id = 1"
        )
        .await,
        10
    );
    // The refused buyers keep their carts.
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM cart_lines").await, 10);
}

#[tokio::test]
async fn below_minimum_and_off_shelf_lines_are_refused_each_with_its_reason() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    assert_eq!(add(&app, &buyer, SKU, 2).await.status, 200);
    // Adding under a product's minimum is refused at once.
    sqlx::query("UPDATE products SET moq = 3 WHERE id = 2")
        .execute(&app.db)
        .await
        .unwrap();
    let moq = 3;
    let sku2: i64 = scalar(&app, "SELECT MIN(id) FROM skus WHERE product_id = 2").await;
    let under = add(&app, &buyer, sku2, moq - 1).await;
    assert_eq!(
        (under.status, under.error_code().as_str()),
        (400, "quantity")
    );
    assert_eq!(under.json()["problem"]["reason"], "below_minimum");
    assert_eq!(under.json()["problem"]["moq"], 3);
    assert_eq!(add(&app, &buyer, sku2, moq).await.status, 200);
    // Then the brand raises one minimum and takes the other product off the shelf.
    sqlx::query("UPDATE products SET moq = 5 WHERE id = 1")
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE products SET on_shelf = FALSE WHERE id = 2")
        .execute(&app.db)
        .await
        .unwrap();
    let refused = checkout(&app, &buyer, "refusal-test-key-0001").await;
    assert_eq!(
        (refused.status, refused.error_code().as_str()),
        (409, "lines_refused")
    );
    let reasons: Vec<_> = refused.json()["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["sku_id"].as_i64().unwrap(),
                l["problem"]["reason"].clone(),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        vec![(SKU, json!("below_minimum")), (sku2, json!("off_shelf"))]
    );
    // Nothing was placed or held, and the cart keeps both lines.
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM orders").await, 0);
    assert_eq!(
        scalar(&app, "SELECT CAST(SUM(reserved) AS BIGINT) FROM skus").await,
        0
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM cart_lines").await, 2);
}

const CLERK: (&str, &str) = ("clerk@demo.test", "orderlink-admin");

/// Distributor 1 orders `quantity` of SKU 1 (stock 100); the order's id.
async fn placed_order(app: &TestApp, buyer: &str, quantity: i64, key: &str) -> String {
    assert_eq!(add(app, buyer, SKU, quantity).await.status, 200);
    let placed = checkout(app, buyer, key).await;
    assert_eq!(placed.status, 200, "{}", placed.body);
    placed.json()["id"].to_string()
}

async fn act(app: &TestApp, clerk: &str, id: &str, action: &str) -> Reply {
    app.console_call(
        "console/order_action",
        &[
            ("id", id),
            ("action", action),
            ("carrier", "顺丰速运"),
            ("tracking_number", "SF1234567890"),
            ("reason", "客户要求取消"),
        ],
        clerk,
    )
    .await
}

fn refused(reply: &Reply, status: &str) {
    assert_eq!(
        (reply.status, reply.error_code().as_str()),
        (409, "order_not_allowed"),
        "{}",
        reply.body
    );
    assert_eq!(reply.json()["status"], status);
}

#[tokio::test]
async fn an_order_follows_the_state_machine_and_refuses_every_other_step() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    let id = placed_order(&app, &buyer, 4, "state-machine-key-01").await;
    let receipt = |id: String| {
        let (app, buyer) = (&app, buyer.clone());
        async move {
            app.call(
                "confirm_receipt",
                &[("store", STORE), ("id", &id)],
                Some(&buyer),
            )
            .await
        }
    };

    // Submitted: no shipping or receipt yet.
    refused(&act(&app, &clerk, &id, "ship").await, "submitted");
    refused(&receipt(id.clone()).await, "submitted");
    assert_eq!(act(&app, &clerk, &id, "confirm").await.json(), "confirmed");
    // Confirmed: not again, no receipt.
    refused(&act(&app, &clerk, &id, "confirm").await, "confirmed");
    refused(&receipt(id.clone()).await, "confirmed");
    assert_eq!(act(&app, &clerk, &id, "ship").await.json(), "shipped");
    assert_eq!(
        scalar(&app, "SELECT stock FROM skus WHERE id = 1").await,
        96
    );
    assert_eq!(
        scalar(&app, "SELECT reserved FROM skus WHERE id = 1").await,
        0
    );
    // Shipped: no cancelling once the goods have left; staff cannot confirm receipt.
    refused(&act(&app, &clerk, &id, "cancel").await, "shipped");
    refused(&act(&app, &clerk, &id, "confirm_receipt").await, "shipped");
    assert_eq!(receipt(id.clone()).await.json(), "completed");
    // Completed: nothing more.
    for action in ["confirm", "ship", "cancel"] {
        refused(&act(&app, &clerk, &id, action).await, "completed");
    }
    refused(&receipt(id.clone()).await, "completed");
    let (carrier, tracking): (String, String) =
        sqlx::query_as("SELECT carrier, tracking_number FROM orders WHERE id = $1")
            .bind(id.parse::<i64>().unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (carrier.as_str(), tracking.as_str()),
        ("顺丰速运", "SF1234567890")
    );
    let history: Vec<(String, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT action, staff_id, store_user_id FROM order_history WHERE order_id = $1 ORDER BY id",
    )
    .bind(id.parse::<i64>().unwrap())
    .fetch_all(&app.db)
    .await
    .unwrap();
    let steps: Vec<_> = history
        .iter()
        .map(|(a, staff, buyer)| (a.as_str(), staff.is_some(), buyer.is_some()))
        .collect();
    assert_eq!(
        steps,
        vec![
            ("submit", false, true),
            ("confirm", true, false),
            ("ship", true, false),
            ("confirm_receipt", false, true),
        ]
    );
}

#[tokio::test]
async fn cancelling_releases_the_stock_and_needs_a_reason() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    let id = placed_order(&app, &buyer, 7, "cancel-test-key-0001").await;
    assert_eq!(
        scalar(&app, "SELECT reserved FROM skus WHERE id = 1").await,
        7
    );
    let no_reason = app
        .console_call(
            "console/order_action",
            &[
                ("id", &id),
                ("action", "cancel"),
                ("carrier", ""),
                ("tracking_number", ""),
                ("reason", " "),
            ],
            &clerk,
        )
        .await;
    assert_eq!(no_reason.json()["field"], "reason", "{}", no_reason.body);
    assert_eq!(act(&app, &clerk, &id, "cancel").await.json(), "cancelled");
    assert_eq!(
        scalar(&app, "SELECT reserved FROM skus WHERE id = 1").await,
        0
    );
    assert_eq!(
        scalar(&app, "SELECT stock FROM skus WHERE id = 1").await,
        100
    );
    refused(&act(&app, &clerk, &id, "cancel").await, "cancelled");
}

#[tokio::test]
async fn two_clerks_shipping_one_order_at_once_ship_it_once() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    let first = app.console_token(CLERK.0, CLERK.1).await;
    let second = app.console_token(CLERK.0, CLERK.1).await;
    let id = placed_order(&app, &buyer, 5, "double-ship-key-0001").await;
    assert_eq!(act(&app, &first, &id, "confirm").await.status, 200);
    let (a, b) = tokio::join!(
        act(&app, &first, &id, "ship"),
        act(&app, &second, &id, "ship")
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} / {}", a.body, b.body);
    assert_eq!(
        scalar(&app, "SELECT stock FROM skus WHERE id = 1").await,
        95
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM order_history WHERE action = 'ship'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn another_buyers_order_and_an_unknown_order_read_as_not_found() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    let id = placed_order(&app, &buyer, 1, "other-buyer-key-0001").await;
    assert_eq!(act(&app, &clerk, &id, "confirm").await.status, 200);
    assert_eq!(act(&app, &clerk, &id, "ship").await.status, 200);
    let other = login(&app, "dist2").await;
    let res = app
        .call(
            "confirm_receipt",
            &[("store", STORE), ("id", &id)],
            Some(&other),
        )
        .await;
    assert_eq!((res.status, res.error_code().as_str()), (404, "not_found"));
    let unknown = act(&app, &clerk, "999999", "confirm").await;
    assert_eq!(unknown.status, 404);
}

async fn orders_page(app: &TestApp, session: &str, status: &str) -> serde_json::Value {
    app.call(
        "orders",
        &[("store", STORE), ("status", status), ("page", "1")],
        Some(session),
    )
    .await
    .json()
}

async fn order_detail(app: &TestApp, session: &str, id: &str) -> Reply {
    app.call("order", &[("store", STORE), ("id", id)], Some(session))
        .await
}

#[tokio::test]
async fn buyers_see_their_enterprises_orders_and_no_one_elses() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let dist1 = login(&app, "dist1").await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    let first = placed_order(&app, &dist1, 2, "list-test-key-00001").await;
    let second = placed_order(&app, &dist1, 3, "list-test-key-00002").await;
    assert_eq!(act(&app, &clerk, &first, "cancel").await.status, 200);

    let all = orders_page(&app, &dist1, "").await;
    assert_eq!(all["total"], 2);
    assert_eq!(all["items"][0]["id"].to_string(), second, "newest first");
    assert_eq!(all["items"][0]["units"], 3);
    let cancelled = orders_page(&app, &dist1, "cancelled").await;
    assert_eq!(cancelled["total"], 1);
    assert_eq!(cancelled["items"][0]["status"], "cancelled");

    let detail = order_detail(&app, &dist1, &first).await.json();
    assert_eq!(detail["lines"][0]["quantity"], 2);
    assert_eq!(detail["lines"][0]["line_total"], 2 * 2040);
    assert_eq!(detail["recipient"], "张伟");
    let steps: Vec<_> = detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(steps, ["submit", "cancel"]);
    assert_eq!(detail["history"][1]["note"], "客户要求取消");

    // Distributor 2 (another enterprise) finds nothing of it.
    let dist2 = login(&app, "dist2").await;
    let theirs = order_detail(&app, &dist2, &first).await;
    assert_eq!(
        (theirs.status, theirs.error_code().as_str()),
        (404, "not_found")
    );
    assert_eq!(orders_page(&app, &dist2, "").await["total"], 0);

    // A colleague in distributor 1's enterprise sees its orders while their
    // role may ("view own enterprise's orders"), and only their own after.
    let colleague = login(&app, &more_buyers(&app, 1).await[0]).await;
    assert_eq!(order_detail(&app, &colleague, &first).await.status, 200);
    assert_eq!(orders_page(&app, &colleague, "").await["total"], 2);
    sqlx::query("DELETE FROM role_permissions WHERE permission = 'store.orders.view_own'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(order_detail(&app, &colleague, &first).await.status, 404);
    assert_eq!(orders_page(&app, &colleague, "").await["total"], 0);
    assert_eq!(orders_page(&app, &dist1, "").await["total"], 2, "their own");
}

async fn console_orders(app: &TestApp, clerk: &str, args: &[(&str, &str)]) -> Reply {
    let mut all = vec![
        ("status", ""),
        ("q", ""),
        ("from", ""),
        ("to", ""),
        ("page", "1"),
    ];
    for (k, v) in args {
        all.retain(|(name, _)| name != k);
        all.push((k, v));
    }
    app.console_call("console/orders", &all, clerk).await
}

#[tokio::test]
async fn the_console_finds_orders_by_status_number_distributor_and_day() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    let dist1 = login(&app, "dist1").await;
    let dist2 = login(&app, "dist2").await;
    let first = placed_order(&app, &dist1, 1, "console-list-key-001").await;
    placed_order(&app, &dist2, 2, "console-list-key-002").await;
    assert_eq!(act(&app, &clerk, &first, "confirm").await.status, 200);

    let all = console_orders(&app, &clerk, &[]).await.json();
    assert_eq!(all["total"], 2);
    assert_eq!(all["items"][0]["distributor"], "华南商贸有限公司");
    assert_eq!(all["items"][1]["buyer"], "张伟");
    let confirmed = console_orders(&app, &clerk, &[("status", "confirmed")])
        .await
        .json();
    assert_eq!(confirmed["total"], 1);
    assert_eq!(confirmed["items"][0]["summary"]["id"].to_string(), first);
    let number = confirmed["items"][0]["summary"]["number"]
        .as_str()
        .unwrap()
        .to_string();
    let by_number = console_orders(&app, &clerk, &[("q", &number.to_lowercase())])
        .await
        .json();
    assert_eq!(by_number["total"], 1);
    let by_name = console_orders(&app, &clerk, &[("q", "华东")]).await.json();
    assert_eq!(by_name["total"], 1);

    // Today (China time) holds both; the days around it none.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let day = |offset: i64| {
        let d = app::domain::time::china_day(now + offset * 86_400);
        format!("{}-{:02}-{:02}", d / 10_000, d / 100 % 100, d % 100)
    };
    let today = console_orders(&app, &clerk, &[("from", &day(0)), ("to", &day(0))])
        .await
        .json();
    assert_eq!(today["total"], 2);
    let tomorrow = console_orders(&app, &clerk, &[("from", &day(1))])
        .await
        .json();
    assert_eq!(tomorrow["total"], 0);
    let yesterday = console_orders(&app, &clerk, &[("to", &day(-1))])
        .await
        .json();
    assert_eq!(yesterday["total"], 0);
    let bad = console_orders(&app, &clerk, &[("from", "2026-02-30")]).await;
    assert_eq!(
        (bad.status, bad.json()["field"].as_str()),
        (400, Some("from"))
    );

    let detail = app
        .console_call("console/order", &[("id", &first)], &clerk)
        .await
        .json();
    assert_eq!(detail["summary"]["status"], "confirmed");
    // A buyer's session is not a console session.
    let buyer = app
        .call(
            "console/orders",
            &[
                ("status", ""),
                ("q", ""),
                ("from", ""),
                ("to", ""),
                ("page", "1"),
            ],
            Some(&dist1),
        )
        .await;
    assert_eq!(buyer.status, 401);
}

#[tokio::test]
async fn reorder_fills_the_cart_at_todays_prices_and_names_what_is_gone() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    sqlx::query("UPDATE products SET moq = 1 WHERE id = 2")
        .execute(&app.db)
        .await
        .unwrap();
    let sku2: i64 = scalar(&app, "SELECT MIN(id) FROM skus WHERE product_id = 2").await;
    sqlx::query("UPDATE skus SET stock = 100 WHERE id = $1")
        .bind(sku2)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(add(&app, &buyer, SKU, 3).await.status, 200);
    assert_eq!(add(&app, &buyer, sku2, 2).await.status, 200);
    let id = checkout(&app, &buyer, "reorder-test-key-0001").await.json()["id"].to_string();

    // Since then: a new price for SKU 1, product 2 off the shelf.
    sqlx::query("UPDATE prices SET amount = 1999 WHERE sku_id = $1 AND price_list_id = (SELECT price_list_id FROM accounts WHERE name = '华东贸易有限公司')")
        .bind(SKU)
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE products SET on_shelf = FALSE WHERE id = 2")
        .execute(&app.db)
        .await
        .unwrap();
    let again = app
        .call("reorder", &[("store", STORE), ("id", &id)], Some(&buyer))
        .await;
    assert_eq!(again.status, 200, "{}", again.body);
    let again = again.json();
    assert_eq!(again["cart"]["lines"].as_array().unwrap().len(), 1);
    assert_eq!(again["cart"]["lines"][0]["sku_id"], SKU);
    assert_eq!(again["cart"]["lines"][0]["quantity"], 3);
    assert_eq!(again["cart"]["lines"][0]["price"], 1999);
    assert_eq!(again["cart"]["lines"][0]["notices"], json!([]));
    assert_eq!(
        again["skipped"],
        json!([{"sku_id": sku2, "product": again["skipped"][0]["product"], "problem": {"reason": "off_shelf"}}])
    );
    // Another enterprise cannot reorder it.
    let other = login(&app, "dist2").await;
    let theirs = app
        .call("reorder", &[("store", STORE), ("id", &id)], Some(&other))
        .await;
    assert_eq!(theirs.status, 404);
}

#[tokio::test]
async fn quick_order_lists_usual_items_and_adds_many_lines_at_once() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    assert_eq!(add(&app, &buyer, SKU, 3).await.status, 200);
    assert_eq!(
        checkout(&app, &buyer, "quick-order-key-0001").await.status,
        200
    );

    let usual = app
        .call("usual_items", &[("store", STORE)], Some(&buyer))
        .await
        .json();
    assert_eq!(usual.as_array().unwrap().len(), 1, "{usual}");
    assert_eq!(usual[0]["sku_id"], SKU);
    assert_eq!(usual[0]["last_quantity"], 3);
    assert_eq!(usual[0]["days_ago"], 0);
    assert_eq!(usual[0]["price"], 2040);
    // A colleague in the same enterprise sees the same usual items.
    let colleague = login(&app, &more_buyers(&app, 1).await[0]).await;
    let theirs = app
        .call("usual_items", &[("store", STORE)], Some(&colleague))
        .await
        .json();
    assert_eq!(theirs, usual);

    sqlx::query("UPDATE products SET on_shelf = FALSE WHERE id = 2")
        .execute(&app.db)
        .await
        .unwrap();
    let sku2: i64 = scalar(&app, "SELECT MIN(id) FROM skus WHERE product_id = 2").await;
    let body = json!({"store": STORE, "lines": [[SKU, 2], [sku2, 1], [3, 0]]}).to_string();
    let cookie = format!("ol_session={buyer}");
    let added = app
        .request(
            hyper::Method::POST,
            "/api/add_lines_to_cart",
            Some(body),
            &[
                ("content-type", "application/json"),
                ("accept", "application/json"),
                ("cookie", &cookie),
            ],
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.body);
    let added = added.json();
    assert_eq!(added["cart"]["lines"][0]["quantity"], 2);
    assert_eq!(added["cart"]["lines"].as_array().unwrap().len(), 1);
    assert_eq!(added["skipped"][0]["sku_id"], sku2);
    assert_eq!(added["skipped"][0]["problem"]["reason"], "off_shelf");
}

async fn save_address(
    app: &TestApp,
    session: &str,
    id: &str,
    recipient: &str,
    default: bool,
) -> Reply {
    app.call(
        "save_address",
        &[
            ("store", STORE),
            ("id", id),
            ("recipient", recipient),
            ("phone", "13800000001"),
            ("region", "上海/上海/浦东新区"),
            ("detail", "世纪大道 100 号"),
            ("is_default", if default { "true" } else { "false" }),
        ],
        Some(session),
    )
    .await
}

#[tokio::test]
async fn an_enterprise_keeps_one_address_book_with_one_default() {
    let app = TestApp::start().await;
    let buyer = login(&app, "dist1").await;
    // The first address is the default even when not asked.
    let book = save_address(&app, &buyer, "", "张伟", false).await;
    assert_eq!(book.status, 200, "{}", book.body);
    assert_eq!(book.json()[0]["is_default"], true);
    // A new default takes it from the old one.
    let book = save_address(&app, &buyer, "", "王芳", true).await.json();
    let defaults: Vec<_> = book
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["recipient"].as_str().unwrap().to_string(),
                a["is_default"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        defaults,
        vec![("王芳".to_string(), true), ("张伟".to_string(), false)]
    );
    // A colleague shares the book; another enterprise does not, and cannot edit it.
    let colleague = login(&app, &more_buyers(&app, 1).await[0]).await;
    let shared = app
        .call("addresses", &[("store", STORE)], Some(&colleague))
        .await
        .json();
    assert_eq!(shared, book);
    let other = login(&app, "dist2").await;
    let theirs = app
        .call("addresses", &[("store", STORE)], Some(&other))
        .await
        .json();
    assert_eq!(theirs, json!([]));
    let id = book[0]["id"].to_string();
    let edit = save_address(&app, &other, &id, "冒名", true).await;
    assert_eq!(edit.status, 404);
    // Bad input is named by field.
    let bad = app
        .call(
            "save_address",
            &[
                ("store", STORE),
                ("id", ""),
                ("recipient", "张伟"),
                ("phone", "12345"),
                ("region", "上海"),
                ("detail", "世纪大道"),
                ("is_default", "false"),
            ],
            Some(&buyer),
        )
        .await;
    assert_eq!(
        (bad.status, bad.json()["field"].as_str()),
        (400, Some("phone"))
    );
}

#[tokio::test]
async fn the_dashboard_counts_todays_orders_and_revenue_without_the_cancelled() {
    let app = TestApp::start().await;
    stock_sku(&app, 100).await;
    let buyer = login(&app, "dist1").await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    let kept = placed_order(&app, &buyer, 2, "dashboard-key-0001").await;
    let dropped = placed_order(&app, &buyer, 3, "dashboard-key-0002").await;
    assert_eq!(act(&app, &clerk, &dropped, "cancel").await.status, 200);
    // An order of an earlier day, 3 days back.
    sqlx::query("UPDATE orders SET created_at = created_at - 3 * 86400 WHERE id = $1")
        .bind(kept.parse::<i64>().unwrap())
        .execute(&app.db)
        .await
        .unwrap();
    let third = placed_order(&app, &buyer, 1, "dashboard-key-0003").await;

    let d = app.console_call("console/dashboard", &[], &clerk).await;
    assert_eq!(d.status, 200, "{}", d.body);
    let d = d.json();
    let days = d["days"].as_array().unwrap();
    assert_eq!(days.len(), 30);
    let today = &days[29];
    assert_eq!(
        (today["orders"].as_i64(), today["revenue"].as_i64()),
        (Some(1), Some(2040))
    );
    assert_eq!(days[26]["orders"], 1, "the order moved 3 days back");
    assert_eq!(days[26]["revenue"], 2 * 2040);
    assert_eq!(
        d["by_status"],
        json!([
            ["submitted", 2],
            ["confirmed", 0],
            ["shipped", 0],
            ["completed", 0],
            ["cancelled", 1]
        ])
    );
    assert_eq!(d["recent"][0]["summary"]["id"].to_string(), third);
}

#[tokio::test]
async fn staff_without_order_access_get_no_dashboard() {
    let app = TestApp::start().await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    sqlx::query("DELETE FROM role_permissions WHERE permission = 'orders.read'")
        .execute(&app.db)
        .await
        .unwrap();
    let d = app.console_call("console/dashboard", &[], &clerk).await;
    assert_eq!((d.status, d.error_code().as_str()), (403, "forbidden"));
}
