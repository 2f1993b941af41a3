//! The SMS gateway client against a local simulator of the gateway's HTTP
//! protocol: codes reach the phone through it, and a gateway that refuses,
//! fails or stays silent gets the buyer a clear "unavailable", never a code
//! they cannot receive that would still hold back their next request.

use crate::common::sms_gateway::{Mode, SmsGateway};
use crate::common::{code_in, TestApp};
use server::sms_gateway::GatewaySettings;
use std::time::Duration;

const KEY: &str = "test-api-key-0001";
const PHONE: &str = "13900000555";

async fn app_with(gateway: &SmsGateway, api_key: &str) -> TestApp {
    let settings = GatewaySettings {
        url: gateway.url.clone(),
        api_key: api_key.to_string(),
        timeout: Duration::from_secs(2),
    };
    TestApp::start_with(move |s| s.sms_gateway = Some(settings)).await
}

async fn send_code(app: &TestApp, phone: &str) -> crate::common::Reply {
    app.call(
        "send_sms_code",
        &[("store", "demo"), ("phone", phone)],
        None,
    )
    .await
}

#[tokio::test]
async fn a_code_reaches_the_phone_through_the_gateway_and_logs_in() {
    let gateway = SmsGateway::start(KEY).await;
    let app = app_with(&gateway, KEY).await;

    let sent = send_code(&app, PHONE).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let texts = gateway.sent();
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].mobile, PHONE);
    assert!(
        texts[0].text.starts_with("【Demo Brand】验证码"),
        "signed with the brand: {}",
        texts[0].text
    );
    // With a gateway configured, nothing goes to the dev outbox.
    let outbox = app.get(&format!("/dev/outbox?phone={PHONE}"), None).await;
    assert_eq!(outbox.json(), serde_json::json!([]));

    // A distributor's phone logs in with the code it received.
    let distributor = "13800000001";
    assert_eq!(send_code(&app, distributor).await.status, 200);
    let code = code_in(&gateway.sent()[1].text);
    let login = app.code_login(distributor, &code).await;
    assert_eq!(login.status, 200, "{}", login.body);
    assert!(login.session().is_some());
}

#[tokio::test]
async fn a_failed_send_is_unavailable_and_does_not_hold_back_the_next_request() {
    let gateway = SmsGateway::start(KEY).await;
    let app = app_with(&gateway, KEY).await;

    gateway.set_mode(Mode::Down);
    let failed = send_code(&app, PHONE).await;
    assert_eq!(failed.status, 503, "{}", failed.body);
    assert_eq!(failed.error_code(), "sms_unavailable");
    let unsent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sms_codes WHERE phone = $1")
        .bind(PHONE)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(unsent, 0, "the unsent code is taken back");

    // Right after the outage the buyer asks again and is not told to wait.
    gateway.set_mode(Mode::Normal);
    let again = send_code(&app, PHONE).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(gateway.sent().len(), 1);
}

#[tokio::test]
async fn a_gateway_refusing_the_key_or_staying_silent_is_unavailable() {
    let gateway = SmsGateway::start(KEY).await;
    let wrong_key = app_with(&gateway, "not-the-key").await;
    let refused = send_code(&wrong_key, PHONE).await;
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert_eq!(refused.error_code(), "sms_unavailable");
    assert!(gateway.sent().is_empty());

    // A gateway that never answers is given up on after the timeout (2 s here).
    let app = app_with(&gateway, KEY).await;
    gateway.set_mode(Mode::Silent);
    let silent = send_code(&app, PHONE).await;
    assert_eq!(silent.status, 503, "{}", silent.body);
    assert_eq!(silent.error_code(), "sms_unavailable");
}
