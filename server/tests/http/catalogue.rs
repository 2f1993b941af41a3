//! Console catalogue over real HTTP: categories, products, SKUs, prices,
//! shelf state, product images and the product CSV import.

use crate::common::TestApp;
use hyper::Method;
use serde_json::json;

const ADMIN: (&str, &str) = ("admin@demo.test", "orderlink-admin");
const CLERK: (&str, &str) = ("clerk@demo.test", "orderlink-admin");

async fn standard_list(app: &TestApp) -> String {
    sqlx::query_scalar::<_, i64>("SELECT standard_price_list_id FROM tenants WHERE slug = 'demo'")
        .fetch_one(&app.db)
        .await
        .unwrap()
        .to_string()
}

/// Page `n` of the store's whole catalogue, as a guest.
async fn store_page(app: &TestApp, n: &str) -> serde_json::Value {
    app.call(
        "catalogue",
        &[("store", "demo"), ("q", ""), ("page", n)],
        None,
    )
    .await
    .json()
}

/// The store's catalogue search for `q`, as a guest.
async fn store_search(app: &TestApp, q: &str) -> serde_json::Value {
    app.call(
        "catalogue",
        &[("store", "demo"), ("q", q), ("page", "1")],
        None,
    )
    .await
    .json()
}

#[tokio::test]
async fn a_product_is_built_priced_shelved_and_unshelved() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;

    let cat = app
        .console_call(
            "console/save_category",
            &[("name", "新品"), ("sort", "1")],
            &admin,
        )
        .await;
    assert_eq!(cat.status, 200, "{}", cat.body);
    let cat = cat.body;
    let dup = app
        .console_call(
            "console/save_category",
            &[("name", "新品"), ("sort", "")],
            &admin,
        )
        .await;
    assert_eq!((dup.status, dup.error_code().as_str()), (409, "duplicate"));

    let product = |moq: &'static str| {
        let (app, admin, cat) = (&app, admin.clone(), cat.clone());
        async move {
            app.console_call(
                "console/save_product",
                &[
                    ("name", "气泡水 试饮装"),
                    ("description", "新口味"),
                    ("category_id", &cat),
                    ("unit", "箱"),
                    ("moq", moq),
                ],
                &admin,
            )
            .await
        }
    };
    let bad = product("0").await;
    assert_eq!(
        (
            bad.status,
            bad.json()["field"].as_str(),
            bad.json()["reason"].as_str()
        ),
        (400, Some("moq"), Some("range"))
    );
    let id = product("2").await.body;

    // A new product starts off the shelf: the store does not show it.
    assert_eq!(store_search(&app, "试饮装").await["total"], 0);

    let sku = |code: String, spec: &'static str| {
        let (app, admin, id) = (&app, admin.clone(), id.clone());
        async move {
            app.console_call(
                "console/save_sku",
                &[
                    ("product_id", &id),
                    ("code", &code),
                    ("spec", spec),
                    ("stock", "40"),
                ],
                &admin,
            )
            .await
        }
    };
    let bad_spec = sku("FZ-1".into(), "规格").await;
    assert_eq!(bad_spec.json()["reason"], "spec");
    let taken: String = sqlx::query_scalar("SELECT code FROM skus ORDER BY id LIMIT 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let dup = sku(taken, "").await;
    assert_eq!((dup.status, dup.error_code().as_str()), (409, "duplicate"));
    let sku_id = sku("FZ-1".into(), "规格:330ml; 口味:白桃").await.body;

    let list = standard_list(&app).await;
    let set = |price: &'static str| {
        let (app, admin, list, sku_id) = (&app, admin.clone(), list.clone(), sku_id.clone());
        async move {
            app.console_call(
                "console/set_price",
                &[
                    ("price_list_id", &list),
                    ("sku_id", &sku_id),
                    ("price", price),
                ],
                &admin,
            )
            .await
        }
    };
    assert_eq!(set("abc").await.json()["reason"], "number");
    assert_eq!(set("-1").await.json()["reason"], "range");
    assert_eq!(set("12.5").await.status, 200);

    let detail = app
        .console_call("console/product", &[("id", &id)], &admin)
        .await
        .json();
    assert_eq!(
        detail["skus"][0]["spec"],
        json!([["规格", "330ml"], ["口味", "白桃"]])
    );
    assert_eq!(
        detail["skus"][0]["prices"],
        json!([[list.parse::<i64>().unwrap(), 1250]])
    );
    assert_eq!(detail["on_shelf"], false);

    // On the shelf: guests see it at the standard price (no guest price set).
    let on = app
        .console_call(
            "console/set_on_shelf",
            &[("id", &id), ("on_shelf", "true")],
            &admin,
        )
        .await;
    assert_eq!(on.status, 200);
    let found = store_search(&app, "试饮装").await;
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["price"], 1250);
    assert_eq!(app.get(&format!("/s/demo/p/{id}"), None).await.status, 200);

    // Off the shelf: gone from the store on the next request.
    app.console_call(
        "console/set_on_shelf",
        &[("id", &id), ("on_shelf", "false")],
        &admin,
    )
    .await;
    assert_eq!(store_search(&app, "试饮装").await["total"], 0);
    assert_eq!(app.get(&format!("/s/demo/p/{id}"), None).await.status, 404);
    let api = app
        .call("product", &[("store", "demo"), ("id", &id)], None)
        .await;
    assert_eq!(api.status, 404);

    // Without catalogue.write the server refuses, whatever the page shows.
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    let res = app
        .console_call(
            "console/set_on_shelf",
            &[("id", &id), ("on_shelf", "true")],
            &clerk,
        )
        .await;
    assert_eq!(
        (res.status, res.json()["permission"].as_str()),
        (403, Some("catalogue.write"))
    );
}

/// A real 1×1 PNG: uploads are checked chunk by chunk.
pub(crate) fn png() -> Vec<u8> {
    vec![
        137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
        0, 0, 0, 31, 21, 196, 137, 0, 0, 0, 13, 73, 68, 65, 84, 120, 218, 99, 252, 207, 192, 240,
        31, 0, 5, 5, 2, 0, 95, 200, 241, 210, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
    ]
}

pub(crate) async fn upload(
    app: &TestApp,
    product: i64,
    body: Vec<u8>,
    token: &str,
) -> crate::common::Reply {
    let cookie = format!("ol_console={token}");
    app.request_bytes(
        Method::POST,
        &format!("/console/media/product/{product}"),
        Some(body.into()),
        false,
        &[
            ("cookie", &cookie),
            ("content-type", "application/octet-stream"),
        ],
    )
    .await
}

#[tokio::test]
async fn product_images_are_checked_stored_and_served_with_cache_headers() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;

    let refused = upload(&app, 1, png(), &clerk).await;
    assert_eq!(refused.status, 403);
    let not_image = upload(&app, 1, b"<svg onload=alert(1)>".to_vec(), &admin).await;
    assert_eq!(
        (not_image.status, not_image.json()["reason"].as_str()),
        (400, Some("image"))
    );
    let too_big = upload(&app, 1, [png(), vec![0; 2 * 1024 * 1024]].concat(), &admin).await;
    assert_eq!(too_big.status, 400);
    let missing = upload(&app, 999_999, png(), &admin).await;
    assert_eq!(missing.status, 404);

    let ok = upload(&app, 1, png(), &admin).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let name: String = ok.json().as_str().unwrap().to_string();
    assert!(
        name.starts_with("products/") && name.ends_with(".png"),
        "{name}"
    );

    let served = app.get(&format!("/media/{name}"), None).await;
    assert_eq!(served.status, 200);
    assert_eq!(served.headers["content-type"], "image/png");
    assert_eq!(
        served.headers["content-length"],
        png().len().to_string().as_str()
    );
    assert_eq!(
        served.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    // The store shows it on the card and the product page.
    let page = app.get("/s/demo/p/1", None).await.body;
    assert!(
        page.contains(&format!("/media/{name}")),
        "product page has the image"
    );
    let card = app.get("/s/demo", None).await.body;
    assert!(
        card.contains(&format!("/media/{name}")),
        "catalogue card has the image"
    );
    // Paths cannot climb out of the media folder.
    let climb = app.get("/media/../test.db", None).await;
    assert_ne!(climb.status, 200);
}

#[tokio::test]
async fn product_csv_imports_valid_rows_and_reports_the_rest_by_line() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let existing: String = sqlx::query_scalar("SELECT code FROM skus ORDER BY id LIMIT 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let csv = format!(
        "sku_code,product,category,unit,moq,spec,stock\n\
         NEW-1,海盐荔枝水,新饮品,箱,2,规格:330ml,50\n\
         NEW-2,海盐荔枝水,新饮品,箱,2,规格:1L,20\n\
         NEW-3,,新饮品,箱,2,,1\n\
         {existing},改名后的商品,,箱,1,,999\n\
         NEW-4,海盐荔枝水,新饮品,箱,2,规格,1\n"
    );
    let res = app
        .console_json("console/import_products", json!({"csv": csv}), &admin)
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let report = res.json();
    assert_eq!(report["imported"], 3);
    assert_eq!(
        report["rejected"],
        json!([
            {"line": 4, "problem": "bad_name", "sku": "NEW-3"},
            {"line": 6, "problem": "bad_spec", "sku": "NEW-4"}
        ])
    );
    // One new product with two SKUs, off the shelf; the existing SKU moved and restocked.
    let (skus, on_shelf): (i64, app::db::Flag) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM skus s WHERE s.product_id = p.id), p.on_shelf
         FROM products p WHERE p.name = '海盐荔枝水'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((skus, on_shelf.into()), (2, false));
    let stock: i64 = sqlx::query_scalar("SELECT stock FROM skus WHERE code = $1")
        .bind(&existing)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stock, 999);

    // A later chunk of a big file reports the file's line numbers.
    let res = app
        .console_json(
            "console/import_products",
            json!({"csv": "X-1,,c,箱,1,,1\n", "first_line": 501}),
            &admin,
        )
        .await
        .json();
    assert_eq!(res["rejected"][0]["line"], 501);
    // Running the same file again changes nothing new.
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM skus")
        .fetch_one(&app.db)
        .await
        .unwrap();
    app.console_json("console/import_products", json!({"csv": csv}), &admin)
        .await;
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM skus")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(before, after);
}

#[tokio::test]
async fn price_lists_are_created_once_and_summarised() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;
    let res = app
        .console_call("console/create_price_list", &[("name", "促销价")], &admin)
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let again = app
        .console_call("console/create_price_list", &[("name", "促销价")], &admin)
        .await;
    assert_eq!(
        (again.status, again.error_code().as_str()),
        (409, "duplicate")
    );
    let refused = app
        .console_call("console/create_price_list", &[("name", "X")], &clerk)
        .await;
    assert_eq!(refused.status, 403);

    let lists = app
        .console_call("console/price_list_summaries", &[], &admin)
        .await
        .json();
    let lists = lists.as_array().unwrap();
    let standard: Vec<&str> = lists
        .iter()
        .filter(|l| l["standard"] == true)
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(standard, ["标准价格表"]);
    let new = lists.iter().find(|l| l["name"] == "促销价").unwrap();
    assert_eq!(
        (new["prices"].as_i64(), new["accounts"].as_i64()),
        (Some(0), Some(0))
    );
    let tier1 = lists.iter().find(|l| l["name"] == "一级经销价").unwrap();
    assert!(tier1["prices"].as_i64().unwrap() > 0);
    assert_eq!(tier1["accounts"], 1);
}

#[tokio::test]
async fn a_page_past_the_end_is_empty_and_still_counts_every_product_on_the_shelf() {
    let app = TestApp::start().await;
    let on_shelf: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM products p JOIN tenants t ON t.id = p.tenant_id
         WHERE t.slug = 'demo' AND p.on_shelf = TRUE",
    )
    .fetch_one(&app.db)
    .await
    .expect("count");
    let first = store_page(&app, "1").await;
    let past = store_page(&app, "99").await;
    assert_eq!(first["total"], on_shelf);
    assert_eq!(first["items"].as_array().map(Vec::len), Some(20));
    assert_eq!(past["total"], on_shelf);
    assert_eq!(past["items"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn a_store_search_ignores_the_case_of_latin_letters_and_takes_wildcards_as_text() {
    let app = TestApp::start().await;
    let id: i64 = sqlx::query_scalar(
        "SELECT p.id FROM products p JOIN tenants t ON t.id = p.tenant_id
         WHERE t.slug = 'demo' AND p.on_shelf ORDER BY p.id LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    sqlx::query("UPDATE products SET name = 'Greek Yogurt 100% 希腊酸奶' WHERE id = $1")
        .bind(id)
        .execute(&app.db)
        .await
        .unwrap();

    for q in ["greek yogurt", "GREEK", "gReEk YoGuRt 100%", "希腊酸奶"] {
        let found = store_search(&app, q).await;
        assert_eq!(found["total"], 1, "{q}: {found}");
        assert_eq!(found["items"][0]["id"], id, "{q}");
    }
    // "%" and "_" are the text itself, not LIKE's wildcards.
    for q in ["greek%yogurt", "gr_ek", "yogurt 1000%"] {
        assert_eq!(store_search(&app, q).await["total"], 0, "{q}");
    }
}

/// The store's catalogue for one filter on one app server, as a guest:
/// (how many products match, the first page's ids).
async fn shelf(app: &TestApp, cat: Option<i64>, q: &str) -> (i64, Vec<i64>) {
    let cat = cat.map(|c| c.to_string()).unwrap_or_default();
    let mut args = vec![("store", "demo"), ("q", q), ("page", "1")];
    if !cat.is_empty() {
        args.push(("category", &cat));
    }
    let page = app.call("catalogue", &args, None).await.json();
    let ids = page["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["id"].as_i64()).collect())
        .unwrap_or_default();
    (page["total"].as_i64().unwrap_or(-1), ids)
}

/// `shelf` for each filter.
async fn shelves(app: &TestApp, filters: &[(Option<i64>, &str)]) -> Vec<(i64, Vec<i64>)> {
    let mut seen = Vec::new();
    for (cat, q) in filters {
        seen.push(shelf(app, *cat, q).await);
    }
    seen
}

async fn write(app: &TestApp, sql: &str, binds: &[i64]) {
    let mut query = sqlx::query(sql);
    for b in binds {
        query = query.bind(*b);
    }
    query.execute(&app.db).await.expect(sql);
}

#[tokio::test]
async fn every_kind_of_product_change_shows_at_once_on_every_app_server_though_each_keeps_its_lists(
) {
    let app = TestApp::start().await;
    let other = app.another_instance().await;
    let (tenant, cat_a, cat_b): (i64, i64, i64) = sqlx::query_as(
        "SELECT t.id, MIN(c.id), MAX(c.id) FROM tenants t JOIN categories c ON c.tenant_id = t.id
         WHERE t.slug = 'demo' GROUP BY t.id",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    // The whole shelf, category A, category B, a search; both servers have
    // read (and so keep) each of these lists before every change below.
    let filters = [
        (None, ""),
        (Some(cat_a), ""),
        (Some(cat_b), ""),
        (None, "shelf probe"),
    ];
    let before = shelves(&app, &filters).await;
    assert_eq!(before, shelves(&other, &filters).await);
    assert_eq!(before[3].0, 0, "nothing is called a shelf probe yet");

    // A new product on the shelf in category A, written straight to the
    // database as any tool might.
    write(
        &app,
        "INSERT INTO products (tenant_id, category_id, name, unit, on_shelf, created_at)
         VALUES ($1, $2, 'Shelf probe 货架探针', '箱', TRUE, 0)",
        &[tenant, cat_a],
    )
    .await;
    let id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM products")
        .fetch_one(&app.db)
        .await
        .unwrap();
    for server in [&app, &other] {
        let now = shelves(server, &filters).await;
        assert_eq!(now[0].0, before[0].0 + 1, "the whole shelf counts it");
        assert_eq!(now[1].0, before[1].0 + 1, "so does its category");
        assert_eq!(now[3], (1, vec![id]), "the search finds it");
    }

    write(
        &app,
        "UPDATE products SET category_id = $1 WHERE id = $2",
        &[cat_b, id],
    )
    .await;
    for server in [&app, &other] {
        let now = shelves(server, &filters).await;
        assert_eq!(
            (now[1].0, now[2].0),
            (before[1].0, before[2].0 + 1),
            "moved"
        );
    }

    write(
        &app,
        "UPDATE products SET name = 'Renamed 改名' WHERE id = $1",
        &[id],
    )
    .await;
    for server in [&app, &other] {
        assert_eq!(shelf(server, None, "shelf probe").await.0, 0, "renamed");
        assert_eq!(shelf(server, None, "renamed").await, (1, vec![id]));
    }

    write(
        &app,
        "UPDATE products SET on_shelf = FALSE WHERE id = $1",
        &[id],
    )
    .await;
    for server in [&app, &other] {
        let now = shelves(server, &filters).await;
        assert_eq!(
            (now[0].0, now[2].0),
            (before[0].0, before[2].0),
            "off the shelf"
        );
    }
    write(
        &app,
        "UPDATE products SET on_shelf = TRUE WHERE id = $1",
        &[id],
    )
    .await;
    assert_eq!(shelf(&other, None, "").await.0, before[0].0 + 1, "back on");

    write(&app, "DELETE FROM products WHERE id = $1", &[id]).await;
    for server in [&app, &other] {
        assert_eq!(shelves(server, &filters).await, before, "deleted");
    }
}

/// A guest's catalogue page on one app server. Its nonce is checked on the
/// way: every script in the page carries the policy header's.
async fn guest_page(server: &TestApp) -> (String, String) {
    let reply = server.get("/s/demo", None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let policy = reply.headers["content-security-policy"].to_str().unwrap();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_string();
    let scripts = reply.body.matches("<script").count();
    assert!(scripts >= 2, "{}", reply.body);
    assert_eq!(
        reply.body.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "every script carries this answer's nonce"
    );
    (reply.body, nonce)
}

/// One product's card on a catalogue page.
fn card(page: &str, id: i64) -> String {
    let start = page
        .find(&format!("data-product=\"{id}\""))
        .unwrap_or_else(|| panic!("product {id} on the page: {page}"));
    let len = page[start..].find("</li>").expect("the card ends");
    page[start..start + len].to_string()
}

/// Each server's guest page, checked by `expect`.
async fn on_both(servers: [&TestApp; 2], what: &str, expect: impl Fn(&str) -> bool) {
    for server in servers {
        let (page, _) = guest_page(server).await;
        assert!(expect(&page), "{what}: {page}");
    }
}

#[tokio::test]
async fn a_guests_catalogue_page_is_kept_by_each_server_and_every_price_stock_product_category_and_store_change_shows_at_once(
) {
    let app = TestApp::start().await;
    let other = app.another_instance().await;
    let both = [&app, &other];
    let (tenant, guest_account, guest_list, standard_list): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT t.id, t.guest_account_id, a.price_list_id, t.standard_price_list_id
         FROM tenants t JOIN accounts a ON a.id = t.guest_account_id WHERE t.slug = 'demo'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let version = || async {
        sqlx::query_scalar::<_, i64>("SELECT version FROM catalogue_versions WHERE tenant_id = $1")
            .bind(tenant)
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    let (first, first_nonce) = guest_page(&app).await;
    // The category's chip (product names say 饮料 too).
    let drinks = "\">饮料</a>";
    assert!(first.contains(drinks) && card(&first, 1).contains("天然矿泉水"));
    // Asked again, the same page with a nonce of its own.
    let (again, again_nonce) = guest_page(&app).await;
    assert_ne!(first_nonce, again_nonce);
    assert_eq!(
        first.replace(&first_nonce, "N"),
        again.replace(&again_nonce, "N")
    );
    guest_page(&other).await;

    // A renamed category shows on both servers at once...
    let kept_at = version().await;
    write(
        &app,
        "UPDATE categories SET name = 'Probe 探针' WHERE tenant_id = $1 AND name = '饮料'",
        &[tenant],
    )
    .await;
    on_both(both, "renamed category", |p| {
        p.contains("Probe 探针") && !p.contains(drinks)
    })
    .await;
    // ...because the version moved: wound back, the server answers the page
    // it kept for that version, which a fresh render could not give.
    let renamed_at = version().await;
    write(
        &app,
        "UPDATE catalogue_versions SET version = $1 WHERE tenant_id = $2",
        &[kept_at, tenant],
    )
    .await;
    let (kept, _) = guest_page(&app).await;
    assert!(
        kept.contains(drinks) && !kept.contains("Probe 探针"),
        "the kept page"
    );
    write(
        &app,
        "UPDATE catalogue_versions SET version = $1 WHERE tenant_id = $2",
        &[renamed_at, tenant],
    )
    .await;
    on_both(both, "forward again", |p| p.contains("Probe 探针")).await;

    // A guest price.
    let skus_of_1 = "(SELECT id FROM skus WHERE product_id = 1)";
    write(
        &app,
        &format!(
            "UPDATE prices SET amount = 4242 WHERE price_list_id = $1 AND sku_id IN {skus_of_1}"
        ),
        &[guest_list],
    )
    .await;
    on_both(both, "guest price", |p| card(p, 1).contains("¥42.42")).await;
    // No guest price: the standard list's.
    let standard_1: i64 = sqlx::query_scalar(&format!(
        "SELECT MIN(amount) FROM prices WHERE price_list_id = $1 AND sku_id IN {skus_of_1}"
    ))
    .bind(standard_list)
    .fetch_one(&app.db)
    .await
    .unwrap();
    write(
        &app,
        &format!("DELETE FROM prices WHERE price_list_id = $1 AND sku_id IN {skus_of_1}"),
        &[guest_list],
    )
    .await;
    let standard_text = app::domain::money::format_cny(standard_1);
    on_both(both, "standard price", |p| {
        let c = card(p, 1);
        c.contains(&standard_text) && !c.contains("¥42.42")
    })
    .await;

    // Stock.
    write(&app, "UPDATE skus SET stock = 0 WHERE product_id = 1", &[]).await;
    on_both(both, "out of stock", |p| card(p, 1).contains("缺货")).await;

    // The product's name, unit and picture.
    write(&app, "UPDATE products SET unit = '桶' WHERE id = 1", &[]).await;
    on_both(both, "unit", |p| card(p, 1).contains("桶")).await;
    write(
        &app,
        "UPDATE products SET image = 'probe.png' WHERE id = 1",
        &[],
    )
    .await;
    on_both(both, "picture", |p| card(p, 1).contains("/media/probe.png")).await;
    write(
        &app,
        "UPDATE products SET name = 'Renamed 改名' WHERE id = 1",
        &[],
    )
    .await;
    on_both(both, "name", |p| card(p, 1).contains("Renamed 改名")).await;
    write(
        &app,
        "UPDATE products SET on_shelf = FALSE WHERE id = 1",
        &[],
    )
    .await;
    on_both(both, "off the shelf", |p| !p.contains("data-product=\"1\"")).await;
    write(
        &app,
        "UPDATE products SET on_shelf = TRUE WHERE id = 1",
        &[],
    )
    .await;
    on_both(both, "back on the shelf", |p| {
        card(p, 1).contains("Renamed 改名")
    })
    .await;

    // A second SKU, priced lower, makes product 2's price a "from" price; gone, it is not.
    let (single, single_price): (i64, i64) = sqlx::query_as(
        "SELECT s.id, p.amount FROM skus s JOIN prices p ON p.sku_id = s.id AND p.price_list_id = $1
         WHERE s.product_id = 2",
    )
    .bind(guest_list)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(single > 0 && single_price > 100);
    write(
        &app,
        "INSERT INTO skus (tenant_id, product_id, code, stock) VALUES ($1, 2, 'PROBE-SKU', 5)",
        &[tenant],
    )
    .await;
    write(
        &app,
        "INSERT INTO prices (price_list_id, sku_id, amount)
         SELECT $1, id, 100 FROM skus WHERE code = 'PROBE-SKU'",
        &[guest_list],
    )
    .await;
    on_both(both, "second SKU", |p| card(p, 2).contains("¥1.00 起")).await;
    write(
        &app,
        "DELETE FROM prices WHERE sku_id IN (SELECT id FROM skus WHERE code = 'PROBE-SKU')",
        &[],
    )
    .await;
    write(&app, "DELETE FROM skus WHERE code = 'PROBE-SKU'", &[]).await;
    let single_text = app::domain::money::format_cny(single_price);
    on_both(both, "second SKU gone", |p| {
        let c = card(p, 2);
        c.contains(&single_text) && !c.contains('起')
    })
    .await;

    // A new category.
    write(
        &app,
        "INSERT INTO categories (tenant_id, name, sort) VALUES ($1, 'New 新类', 99)",
        &[tenant],
    )
    .await;
    on_both(both, "new category", |p| p.contains("New 新类")).await;

    // The guest account moved to another price list.
    write(
        &app,
        "INSERT INTO price_lists (tenant_id, name) VALUES ($1, 'Probe list')",
        &[tenant],
    )
    .await;
    write(
        &app,
        "INSERT INTO prices (price_list_id, sku_id, amount)
         SELECT pl.id, $1, 777 FROM price_lists pl WHERE pl.name = 'Probe list'",
        &[single],
    )
    .await;
    on_both(both, "another list's price is not the guests'", |p| {
        !card(p, 2).contains("¥7.77")
    })
    .await;
    write(
        &app,
        "UPDATE accounts SET price_list_id = (SELECT id FROM price_lists WHERE name = 'Probe list')
         WHERE id = $1",
        &[guest_account],
    )
    .await;
    on_both(both, "the guest account's new list", |p| {
        card(p, 2).contains("¥7.77")
    })
    .await;

    // The store's own row.
    write(
        &app,
        "UPDATE tenants SET notice = 'Probe notice 公告' WHERE id = $1",
        &[tenant],
    )
    .await;
    on_both(both, "notice", |p| p.contains("Probe notice 公告")).await;

    // Someone logged in never gets a guest's page.
    let d1 = app.sms_login("13800000001").await;
    let theirs = app.get("/s/demo", Some(&d1)).await.body;
    assert!(
        !theirs.contains("guest-banner") && !card(&theirs, 2).contains("¥7.77"),
        "{theirs}"
    );
    assert!(guest_page(&app).await.0.contains("guest-banner"));
}

#[tokio::test]
async fn a_product_sku_or_category_saved_in_its_store_counts_each_version_once() {
    let app = TestApp::start().await;
    let tenant: i64 = sqlx::query_scalar("SELECT id FROM tenants WHERE slug = 'demo'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let versions = || async {
        sqlx::query_as::<_, (i64, i64)>(
            "SELECT (SELECT version FROM shelf_versions WHERE tenant_id = $1),
                    (SELECT version FROM catalogue_versions WHERE tenant_id = $1)",
        )
        .bind(tenant)
        .fetch_one(&app.db)
        .await
        .unwrap()
    };
    let (shelf, catalogue) = versions().await;
    write(
        &app,
        "UPDATE products SET name = name || ' 改' WHERE id = 1 AND tenant_id = $1",
        &[tenant],
    )
    .await;
    assert_eq!(versions().await, (shelf + 1, catalogue + 1), "a product");
    write(
        &app,
        "UPDATE skus SET stock = stock + 1 WHERE product_id = 1 AND tenant_id = $1",
        &[tenant],
    )
    .await;
    let skus: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM skus WHERE product_id = 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        versions().await,
        (shelf + 1, catalogue + 1 + skus),
        "each SKU once; the shelf does not look at stock"
    );
    write(
        &app,
        "UPDATE categories SET name = name || ' 改' WHERE id = (SELECT MIN(id) FROM categories WHERE tenant_id = $1)",
        &[tenant],
    )
    .await;
    assert_eq!(
        versions().await,
        (shelf + 1, catalogue + 2 + skus),
        "a category"
    );
}
