//! Branding over HTTP: the Store Admin names the store and uploads its
//! logo; the store shows them in its header, page titles, favicon and share
//! card (Open Graph), escaped wherever they go.

use crate::catalogue::png;
use crate::common::{Reply, TestApp};
use app::db::seed::DEMO_ADMIN_PASSWORD;
use hyper::Method;

async fn staff(app: &TestApp, email: &str) -> String {
    app.console_token(email, DEMO_ADMIN_PASSWORD).await
}

async fn upload_logo(app: &TestApp, body: Vec<u8>, token: &str) -> Reply {
    let cookie = format!("ol_console={token}");
    let headers = [
        ("cookie", cookie.as_str()),
        ("content-type", "application/octet-stream"),
    ];
    app.request_bytes(
        Method::POST,
        "/console/media/logo",
        Some(body.into()),
        false,
        &headers,
    )
    .await
}

async fn save(app: &TestApp, token: &str, name: &str, notice: &str) -> Reply {
    let args = [("name", name), ("notice", notice)];
    app.console_call("console/save_store_profile", &args, token)
        .await
}

/// The content of `<meta property="{property}" content="…">` in a page.
fn meta(page: &str, property: &str) -> String {
    let key = format!("property=\"{property}\" content=\"");
    let start = page
        .find(&key)
        .unwrap_or_else(|| panic!("{property} in {page}"))
        + key.len();
    page[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn the_admins_name_and_logo_show_in_the_stores_header_titles_favicon_and_share_card() {
    let app = TestApp::start().await;
    let admin = staff(&app, "admin@demo.test").await;
    assert_eq!(
        save(&app, &admin, "春日订货", "本周满 500 减 50")
            .await
            .status,
        200
    );
    let uploaded = upload_logo(&app, png(), &admin).await;
    assert_eq!(uploaded.status, 200, "{}", uploaded.body);
    let logo: String = serde_json::from_str(&uploaded.body).unwrap();
    assert!(
        logo.starts_with("/media/logos/") && logo.ends_with(".png"),
        "{logo}"
    );
    let profile = app
        .console_call("console/store_profile", &[], &admin)
        .await
        .json();
    assert_eq!(profile["logo"], logo.as_str());

    let home = app.get("/s/demo", None).await.body;
    let header = home.split("<header").nth(1).expect("the header");
    assert!(header.contains(&format!("src=\"{logo}\"")) && header.contains("store-logo"));
    assert!(
        home.contains("<title>春日订货</title>"),
        "the catalogue's title is the store's name"
    );
    assert!(
        home.contains(&format!("<link href=\"{logo}\" rel=\"icon\">")),
        "the favicon"
    );
    assert_eq!(meta(&home, "og:title"), "春日订货");
    assert_eq!(meta(&home, "og:description"), "本周满 500 减 50");
    assert_eq!(meta(&home, "og:image"), format!("{}{logo}", app.base));
    assert_eq!(meta(&home, "og:url"), format!("{}/s/demo", app.base));
    let product = app.get("/s/demo/p/1", None).await.body;
    assert!(
        product.contains("<title>天然矿泉水 · 春日订货</title>"),
        "{product}"
    );

    let served = app.get(&logo, None).await;
    assert_eq!(served.status, 200);
    assert_eq!(served.headers["content-type"], "image/png");
}

#[tokio::test]
async fn a_store_name_with_markup_stays_text_in_the_head_and_the_header() {
    let app = TestApp::start().await;
    let admin = staff(&app, "admin@demo.test").await;
    let name = "</title><script>alert(1)</script>\"'";
    assert_eq!(save(&app, &admin, name, "").await.status, 200);
    let home = app.get("/s/demo", None).await.body;
    assert!(!home.contains("<script>alert(1)"), "{home}");
    assert!(
        home.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{home}"
    );
    let product = app.get("/s/demo/p/1", None).await.body;
    assert!(!product.contains("<script>alert(1)"), "{product}");
}

#[tokio::test]
async fn only_a_store_admin_rebrands_and_a_logo_must_be_an_image() {
    let app = TestApp::start().await;
    let clerk = staff(&app, "clerk@demo.test").await;
    assert_eq!(save(&app, &clerk, "x", "").await.status, 403);
    assert_eq!(upload_logo(&app, png(), &clerk).await.status, 403);

    let admin = staff(&app, "admin@demo.test").await;
    let svg = upload_logo(&app, b"<svg onload=alert(1)>".to_vec(), &admin).await;
    assert_eq!((svg.status, svg.error_code().as_str()), (400, "invalid"));
    let empty = save(&app, &admin, "  ", "").await;
    assert_eq!(
        (empty.status, empty.error_code().as_str()),
        (400, "invalid")
    );
    let home = app.get("/s/demo", None).await.body;
    assert!(
        home.contains("Demo Brand") && !home.contains("store-logo"),
        "unchanged"
    );
}
