//! The console's forms that must work before (and without) its script:
//! staff login and logout, and the approvals inbox's approve and reject. They
//! post here as plain HTML forms; each answer is a 303, to the next page or
//! back with the error's JSON in `?error=`, which the page shows in the
//! reader's language. Login and logout always come here (the login page runs
//! no code); once the script has loaded, approve and reject go through server
//! functions instead.

use crate::form_answers::{back_with, see, see_with_cookie, with_param};
use app::api::ctx::{cookie_from_headers, Staff, CONSOLE_COOKIE};
use app::domain::permissions::Permission;
use app::error::AppError;
use app::state::AppState;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// `POST /console/login`: on to the console with the session cookie.
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let old = cookie_from_headers(&headers, CONSOLE_COOKIE);
    let ip = peer.ip().to_string();
    let logged_in =
        app::service::login::staff_login(&state, &form.email, form.password, &ip, old.as_deref())
            .await;
    match logged_in {
        Ok(cookie) => see_with_cookie("/console", &cookie),
        Err(err) => back_with(&login_again(&form.email), &err),
    }
}

/// `POST /console/logout`: the session ends and the login page follows.
/// Logout is only ever this form (never a server function), so the
/// console's first bundle carries no action code for it. The cookie is
/// SameSite=Lax, so a post from another site comes without it; such a post
/// (or any without a session) changes nothing, not even the browser's
/// cookie, so another site cannot log staff out either.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(session) = cookie_from_headers(&headers, CONSOLE_COOKIE) else {
        return see("/console/login");
    };
    match app::service::login::staff_logout(&state, &session).await {
        Ok(cookie) => see_with_cookie("/console/login", &cookie),
        Err(err) => back_with("/console", &err),
    }
}

/// The login page again with the email already typed, so a mistyped
/// password costs only the password. Never the password itself. An address
/// is at most 254 characters (RFC 5321); a longer one is not kept.
fn login_again(email: &str) -> String {
    let email = email.trim();
    if email.is_empty() || email.chars().count() > 254 {
        return "/console/login".to_string();
    }
    with_param("/console/login", "email", email)
}

#[derive(Deserialize)]
pub struct DecisionForm {
    /// `approve` or `reject`.
    op: String,
    #[serde(default)]
    price_list_id: String,
    #[serde(default)]
    account_id: String,
    #[serde(default)]
    reason: String,
}

/// `POST /console/approvals/{id}`: approve (onto a price list or into an
/// existing Account) or reject with a reason; back to the inbox.
pub async fn decide(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    staff: Result<Staff, AppError>,
    Form(form): Form<DecisionForm>,
) -> Response {
    let inbox = "/console/approvals";
    let decided = async {
        let Staff(staff) = staff?;
        staff.require(Permission::RegistrationsApprove)?;
        let chosen = |v: &str| v.trim().parse::<i64>().ok();
        match form.op.as_str() {
            "approve" => {
                let (list, account) = (chosen(&form.price_list_id), chosen(&form.account_id));
                app::service::registration::approve(&state, &staff, id, list, account).await?;
                Ok("approved")
            }
            "reject" => {
                let reason = app::domain::registration::check_reason(&form.reason)?;
                app::service::registration::reject(&state, &staff, id, &reason).await?;
                Ok("rejected")
            }
            _ => Err(AppError::BadRequest {
                detail: "decision".into(),
            }),
        }
    }
    .await;
    match decided {
        Ok(done) => see(&format!("{inbox}?done={done}")),
        Err(AppError::NotLoggedIn) => see("/console/login"),
        Err(err) => back_with(inbox, &err),
    }
}
