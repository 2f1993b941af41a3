//! Self-registration over real HTTP: an unknown phone's way from SMS login to
//! the form, the form's plain POST (as a browser without JavaScript sends it),
//! applications, and the console's approvals, including two at once.

use crate::common::{urlencode, Reply, TestApp};
use hyper::Method;
use serde_json::json;

pub(crate) const ADMIN: (&str, &str) = ("admin@demo.test", "orderlink-admin");
const CLERK: (&str, &str) = ("clerk@demo.test", "orderlink-admin");

fn location(reply: &Reply) -> &str {
    reply.location()
}

/// SMS login with a phone that has no ordering account: the answer and the
/// registration ticket it set.
/// A phone may ask for a code once a minute; these tests come back sooner.
async fn age_codes(app: &TestApp, phone: &str) {
    sqlx::query("UPDATE rate_limits SET window_start = window_start - 120 WHERE key LIKE $1")
        .bind(format!("sms:resend:%:{phone}"))
        .execute(&app.db)
        .await
        .unwrap();
}

async fn verify(app: &TestApp, phone: &str) -> (Reply, String) {
    age_codes(app, phone).await;
    let code = app.sms_code("demo", phone).await;
    let res = app.code_login(phone, &code).await;
    assert_eq!(res.status, 200, "sms login: {}", res.body);
    assert!(res.session().is_none(), "no session for an unknown phone");
    let ticket = res.cookie("ol_reg").expect("registration ticket cookie");
    (res, ticket)
}

/// The form's POST as a browser sends it (form-encoded, cookies, no JS).
async fn post_form(app: &TestApp, ticket: &str, fields: &[(&str, &str)]) -> Reply {
    let body = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let cookie = format!("ol_reg={ticket}");
    app.request(
        Method::POST,
        "/s/demo/register",
        Some(body),
        &[("accept", "text/html"), ("cookie", &cookie)],
    )
    .await
}

async fn page(app: &TestApp, path: &str, ticket: &str) -> Reply {
    let cookie = format!("ol_reg={ticket}");
    app.request(
        Method::GET,
        path,
        None,
        &[("accept", "text/html"), ("cookie", &cookie)],
    )
    .await
}

async fn registrations_of(app: &TestApp, phone: &str) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT id, status FROM registrations WHERE phone = $1 ORDER BY id")
        .bind(phone)
        .fetch_all(&app.db)
        .await
        .unwrap()
}

const APPLICANT: &[(&str, &str)] = &[("company", "新华商贸有限公司"), ("contact_name", "赵六")];

#[tokio::test]
async fn an_unknown_phone_applies_once_and_sees_its_status() {
    let app = TestApp::start().await;
    let phone = "13900000001";
    let (res, ticket) = verify(&app, phone).await;
    assert_eq!(res.json(), json!("register"));

    // The form is built from the registration layout, phone filled in and locked.
    let form = page(&app, "/s/demo/register", &ticket).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("企业名称"), "{}", form.body);
    assert!(form.body.contains(&format!("value=\"{phone}\"")));
    assert!(form.body.contains("readonly"));

    // The phone is the ticket's, whatever the form says.
    let mut fields = APPLICANT.to_vec();
    fields.push(("phone", "13999999999"));
    let sent = post_form(&app, &ticket, &fields).await;
    assert_eq!(sent.status, 303);
    assert_eq!(location(&sent), "/s/demo/register/status");
    // Submitting again (a double click, a reload) files nothing new.
    let again = post_form(&app, &ticket, APPLICANT).await;
    assert_eq!(location(&again), "/s/demo/register/status");
    assert_eq!(registrations_of(&app, phone).await.len(), 1);
    assert!(registrations_of(&app, "13999999999").await.is_empty());

    let status = page(&app, "/s/demo/register/status", &ticket).await;
    assert!(status.body.contains("等待审核"), "{}", status.body);
    assert!(status.body.contains("新华商贸有限公司"));
    // The form itself now leads to the status.
    let form = page(&app, "/s/demo/register", &ticket).await;
    assert_eq!(location(&form), "/s/demo/register/status");

    // Coming back later: SMS login leads to the status, not a new form.
    let (again, _) = verify(&app, phone).await;
    assert_eq!(again.json(), json!("registration_status"));
}

#[tokio::test]
async fn without_a_ticket_the_form_asks_for_login() {
    let app = TestApp::start().await;
    let res = app.get("/s/demo/register", None).await;
    assert_eq!(res.status, 302);
    assert_eq!(location(&res), "/s/demo/login?next=/s/demo/register");
    let posted = post_form(&app, "forged", APPLICANT).await;
    assert_eq!(posted.status, 303);
    assert_eq!(location(&posted), "/s/demo/login?next=/s/demo/register");
    assert!(registrations_of(&app, "13900000001").await.is_empty());
}

#[tokio::test]
async fn a_missing_required_custom_field_is_refused_by_name() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let mut layout = app
        .console_call("console/layout", &[("object", "registration")], &admin)
        .await
        .json();
    layout["fields"].as_array_mut().unwrap().push(json!({
        "key": "channel", "kind": "select", "label_zh": "渠道类型", "label_en": "Channel",
        "required": true, "system": false, "section": "account",
        "options": [
            {"value": "retail", "label_zh": "零售", "label_en": "Retail"},
            {"value": "horeca", "label_zh": "餐饮", "label_en": "Restaurants"}
        ]
    }));
    let saved = app
        .console_json("console/save_layout", json!({ "layout": layout }), &admin)
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);

    let phone = "13900000002";
    let (_, ticket) = verify(&app, phone).await;
    let form = page(&app, "/s/demo/register", &ticket).await;
    assert!(
        form.body.contains("渠道类型"),
        "the new field is on the form"
    );

    let refused = post_form(&app, &ticket, APPLICANT).await;
    assert_eq!(refused.status, 303);
    assert_eq!(location(&refused), "/s/demo/register");
    assert!(registrations_of(&app, phone).await.is_empty());
    // The form comes back with what was typed and the message beside the field.
    let again = page(&app, "/s/demo/register", &ticket).await;
    assert!(again.body.contains("请填写渠道类型"), "{}", again.body);
    assert!(again.body.contains("新华商贸有限公司"));
    assert!(again.body.contains("reg-channel-error"));

    // A value that is not an option is refused too; a real one is filed.
    let mut fields = APPLICANT.to_vec();
    fields.push(("channel", "wholesale"));
    post_form(&app, &ticket, &fields).await;
    assert!(registrations_of(&app, phone).await.is_empty());
    let mut fields = APPLICANT.to_vec();
    fields.push(("channel", "horeca"));
    let filed = post_form(&app, &ticket, &fields).await;
    assert_eq!(location(&filed), "/s/demo/register/status");
    let stored: String = sqlx::query_scalar("SELECT fields FROM registrations WHERE phone = $1")
        .bind(phone)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(stored.contains("\"channel\":\"horeca\""), "{stored}");
}

pub(crate) async fn file_application(app: &TestApp, phone: &str) -> i64 {
    let (_, ticket) = verify(app, phone).await;
    let sent = post_form(app, &ticket, APPLICANT).await;
    assert_eq!(location(&sent), "/s/demo/register/status");
    registrations_of(app, phone).await[0].0
}

pub(crate) async fn list_id(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM price_lists WHERE name = $1")
        .bind(name)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn two_concurrent_approvals_create_one_enterprise_and_one_ordering_account() {
    let app = TestApp::start().await;
    let phone = "13900000003";
    let id = file_application(&app, phone).await;
    let admin1 = app.console_token(ADMIN.0, ADMIN.1).await;
    let admin2 = app.console_token(ADMIN.0, ADMIN.1).await;
    let badge = app
        .console_call("console/pending_registrations", &[], &admin1)
        .await;
    assert_eq!(badge.json(), json!(1));

    let list = list_id(&app, "一级经销价").await.to_string();
    let id = id.to_string();
    let args = [("id", id.as_str()), ("price_list_id", list.as_str())];
    let (a, b) = tokio::join!(
        app.console_call("console/approve_registration", &args, &admin1),
        app.console_call("console/approve_registration", &args, &admin2),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} / {}", a.body, b.body);
    let loser = if a.status == 409 { &a } else { &b };
    assert_eq!(loser.error_code(), "already_decided");

    let count = |sql: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .bind(phone)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        count("SELECT COUNT(*) FROM store_users WHERE phone = $1").await,
        1
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM enterprises e JOIN contacts c ON c.account_id = e.account_id WHERE c.phone = $1"
        )
        .await,
        1
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM accounts a JOIN contacts c ON c.account_id = a.id WHERE c.phone = $1").await,
        1
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM audit_log WHERE action = 'registration.approve' AND detail LIKE '%' || $1 || '%'").await,
        1
    );
    let badge = app
        .console_call("console/pending_registrations", &[], &admin1)
        .await;
    assert_eq!(badge.json(), json!(0));

    // The applicant is told, then logs in with the chosen list's prices.
    let outbox = app
        .get(&format!("/dev/outbox?phone={phone}"), None)
        .await
        .json();
    assert!(outbox[0]["body"].as_str().unwrap().contains("已通过"));
    age_codes(&app, phone).await;
    let session = app.sms_login(phone).await;
    let me = app
        .call("me", &[("store", "demo")], Some(&session))
        .await
        .json();
    assert_eq!(me["price_list"], json!("一级经销价"));
    assert_eq!(me["enterprise"], json!("新华商贸有限公司"));

    let approved = app
        .console_call(
            "console/registrations",
            &[("status", "approved"), ("page", "1")],
            &admin1,
        )
        .await
        .json();
    assert_eq!(approved["total"], json!(1));
    assert_eq!(approved["items"][0]["account"], json!("新华商贸有限公司"));
}

#[tokio::test]
async fn a_rejected_applicant_sees_the_reason_and_may_apply_again() {
    let app = TestApp::start().await;
    let phone = "13900000004";
    let id = file_application(&app, phone).await.to_string();
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let clerk = app.console_token(CLERK.0, CLERK.1).await;

    // Deciding needs `registrations.approve`, and so does the badge count;
    // a rejection needs a reason.
    let badge = app
        .console_call("console/pending_registrations", &[], &clerk)
        .await;
    assert_eq!(badge.status, 403);
    let forbidden = app
        .console_call(
            "console/reject_registration",
            &[("id", &id), ("reason", "x")],
            &clerk,
        )
        .await;
    assert_eq!(forbidden.status, 403);
    let no_reason = app
        .console_call(
            "console/reject_registration",
            &[("id", &id), ("reason", " ")],
            &admin,
        )
        .await;
    assert_eq!(no_reason.status, 400);
    assert_eq!(no_reason.json()["field"], json!("reason"));
    let rejected = app
        .console_call(
            "console/reject_registration",
            &[("id", &id), ("reason", "营业执照信息不完整")],
            &admin,
        )
        .await;
    assert_eq!(rejected.status, 200, "{}", rejected.body);
    let outbox = app
        .get(&format!("/dev/outbox?phone={phone}"), None)
        .await
        .json();
    let told = outbox[0]["body"].as_str().unwrap_or_default();
    assert!(
        told.contains("未通过") && told.contains("营业执照信息不完整"),
        "{told}"
    );
    // Approving after the rejection is refused: a decision is final.
    let late = app
        .console_call("console/approve_registration", &[("id", &id)], &admin)
        .await;
    assert_eq!(late.error_code(), "already_decided");
    assert_eq!(
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM store_users WHERE phone = $1")
            .bind(phone)
            .fetch_one(&app.db)
            .await
            .unwrap(),
        0
    );

    let (res, ticket) = verify(&app, phone).await;
    assert_eq!(res.json(), json!("register"));
    let status = page(&app, "/s/demo/register/status", &ticket).await;
    assert!(
        status.body.contains("营业执照信息不完整"),
        "{}",
        status.body
    );
    let form = page(&app, "/s/demo/register", &ticket).await;
    assert!(form.body.contains("营业执照信息不完整"));
    let sent = post_form(&app, &ticket, APPLICANT).await;
    assert_eq!(location(&sent), "/s/demo/register/status");
    let rows = registrations_of(&app, phone).await;
    assert_eq!(
        rows.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(),
        ["rejected", "pending"]
    );
    let audit: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'registration.reject'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(audit, 1);
}

#[tokio::test]
async fn without_approval_the_applicant_is_an_ordering_account_at_once() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let off = app
        .console_call(
            "console/save_registration_settings",
            &[("enabled", "true"), ("approval", "false")],
            &admin,
        )
        .await;
    assert_eq!(off.status, 200, "{}", off.body);
    let phone = "13900000005";
    let (_, ticket) = verify(&app, phone).await;
    let sent = post_form(&app, &ticket, APPLICANT).await;
    assert_eq!(sent.status, 303);
    assert_eq!(location(&sent), "/s/demo");
    let session = sent.session().expect("logged in");
    let me = app.call("me", &[("store", "demo")], Some(&session)).await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.json()["phone"], json!(phone));
    // The ticket is spent.
    assert_eq!(sent.cookie("ol_reg").as_deref(), Some(""));

    // Self-registration off: an unknown phone is told to ask the brand.
    app.console_call(
        "console/save_registration_settings",
        &[("enabled", "false"), ("approval", "true")],
        &admin,
    )
    .await;
    let code = app.sms_code("demo", "13900000006").await;
    let closed = app.code_login("13900000006", &code).await;
    assert_eq!(closed.error_code(), "no_account_for_phone");
}

#[tokio::test]
async fn approved_values_land_on_the_account_and_contact_fields_of_the_same_key() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let mut layout = app
        .console_call("console/layout", &[("object", "registration")], &admin)
        .await
        .json();
    // As the registration editor offers them: the Contact layout's email and
    // a field of the brand's own for the company.
    let fields = layout["fields"].as_array_mut().unwrap();
    fields.push(json!({
        "key": "email", "kind": "email", "label_zh": "邮箱", "label_en": "Email",
        "required": false, "system": false, "section": "contact", "options": []
    }));
    fields.push(json!({
        "key": "licence", "kind": "text", "label_zh": "营业执照号", "label_en": "Licence",
        "required": true, "system": false, "section": "account", "options": []
    }));
    let saved = app
        .console_json("console/save_layout", json!({ "layout": layout }), &admin)
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);

    let phone = "13900000007";
    let (_, ticket) = verify(&app, phone).await;
    let mut form = APPLICANT.to_vec();
    form.extend([("email", "Zhao@Example.CN"), ("licence", "91310000MA1K")]);
    let sent = post_form(&app, &ticket, &form).await;
    assert_eq!(location(&sent), "/s/demo/register/status");
    let id = registrations_of(&app, phone).await[0].0.to_string();
    let approved = app
        .console_call("console/approve_registration", &[("id", &id)], &admin)
        .await;
    assert_eq!(approved.status, 200, "{}", approved.body);

    let account: i64 = sqlx::query_scalar("SELECT account_id FROM registrations WHERE id = $1")
        .bind(id.parse::<i64>().unwrap())
        .fetch_one(&app.db)
        .await
        .unwrap();
    let detail = app
        .console_call("console/account", &[("id", &account.to_string())], &admin)
        .await
        .json();
    assert_eq!(detail["name"], json!("新华商贸有限公司"));
    assert_eq!(detail["fields"]["licence"], json!("91310000MA1K"));
    // Standard prices unless the approver chose a list.
    assert_eq!(detail["price_list_id"], json!(null));
    let contact = &detail["contacts"][0];
    assert_eq!(contact["name"], json!("赵六"));
    assert_eq!(contact["phone"], json!(phone));
    assert_eq!(contact["email"], json!("zhao@example.cn"));
    assert!(contact["ordering_account_id"].is_i64());
}

#[tokio::test]
async fn an_application_can_join_an_existing_account() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let phone = "13900000008";
    let (_, ticket) = verify(&app, phone).await;
    let sent = post_form(
        &app,
        &ticket,
        &[("company", "华东贸易有限公司"), ("contact_name", "钱七")],
    )
    .await;
    assert_eq!(location(&sent), "/s/demo/register/status");
    let pending = app
        .console_call(
            "console/registrations",
            &[("status", "pending"), ("page", "1")],
            &admin,
        )
        .await
        .json();
    let item = &pending["items"][0];
    assert_eq!(item["company"], json!("华东贸易有限公司"));
    let existing = &item["matches"][0];
    assert_eq!(existing["name"], json!("华东贸易有限公司"));
    let account = existing["id"].as_i64().unwrap();
    let accounts_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(&app.db)
        .await
        .unwrap();

    let id = item["id"].as_i64().unwrap().to_string();
    let approved = app
        .console_call(
            "console/approve_registration",
            &[("id", &id), ("account_id", &account.to_string())],
            &admin,
        )
        .await;
    assert_eq!(approved.status, 200, "{}", approved.body);
    let accounts_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(accounts_after, accounts_before, "no new Account");
    // The new ordering account prices with the existing Account's own list.
    age_codes(&app, phone).await;
    let session = app.sms_login(phone).await;
    let me = app
        .call("me", &[("store", "demo")], Some(&session))
        .await
        .json();
    assert_eq!(me["enterprise"], json!("华东贸易有限公司"));
    assert_eq!(me["price_list"], json!("一级经销价"));
}
