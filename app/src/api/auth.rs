//! Store login: SMS code, account + password, logout, and the account page.

use crate::domain::auth::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "send_sms_code")]
pub async fn send_sms_code(store: String, phone: String) -> Result<CodeSent, AppError> {
    use super::ctx::*;
    use crate::db::auth::{issue_code, withdraw_code, CODE_TTL_SECS};
    let phone = crate::domain::credentials::normalize_phone(&phone)?;
    let state = state()?;
    let tenant = tenant(&state, &store).await?;
    let issued = issue_code(
        &state.pool,
        &state.config.secret,
        tenant.id,
        &phone,
        &client_ip(),
        state.config.sms_limits(),
    )
    .await?;
    let code = &issued.code;
    let minutes = CODE_TTL_SECS / 60;
    let body = match request_lang() {
        crate::i18n::Lang::Zh => format!(
            "【{}】验证码 {code}，{minutes} 分钟内有效，请勿告诉他人。",
            tenant.name
        ),
        crate::i18n::Lang::En => format!(
            "[{}] Your code is {code}. It expires in {minutes} minutes. Do not share it.",
            tenant.name
        ),
    };
    if let Err(e) = state.sms.send(&phone, &body).await {
        tracing::warn!(error = %e, "sms send failed");
        withdraw_code(&state.pool, &issued).await?;
        return Err(AppError::SmsUnavailable);
    }
    Ok(CodeSent {
        resend_after_secs: u32::try_from(state.config.sms_resend_secs).unwrap_or(60),
    })
}

/// (ssr) Ends the session the browser came with (`old`, its cookie value) and
/// starts a new one: the session id always changes at login. Returns the
/// `Set-Cookie` value of the new session.
#[cfg(feature = "ssr")]
pub async fn rotate_session(
    state: &crate::state::AppState,
    old: Option<&str>,
    user_id: i64,
    tenant_id: i64,
) -> Result<String, AppError> {
    if let Some(old) = old.filter(|t| !t.is_empty()) {
        crate::db::auth::delete_session(&state.pool, &state.config.secret, old).await?;
    }
    let token =
        crate::db::auth::create_session(&state.pool, &state.config.secret, user_id, tenant_id)
            .await?;
    Ok(super::ctx::session_cookie(
        state,
        &token,
        crate::db::auth::SESSION_TTL_SECS,
    ))
}

/// (ssr) [`rotate_session`] inside a server function.
#[cfg(feature = "ssr")]
async fn start_session(
    state: &crate::state::AppState,
    user_id: i64,
    tenant_id: i64,
) -> Result<(), AppError> {
    use super::ctx::{cookie, set_cookie, SESSION_COOKIE};
    let old = cookie(SESSION_COOKIE);
    set_cookie(rotate_session(state, old.as_deref(), user_id, tenant_id).await?);
    Ok(())
}

#[server(endpoint = "sms_login")]
pub async fn sms_login(store: String, phone: String, code: String) -> Result<LoginNext, AppError> {
    use super::ctx::*;
    use crate::domain::credentials::{check_code_format, normalize_phone};
    let phone = normalize_phone(&phone)?;
    let code = check_code_format(&code)?;
    let state = state()?;
    let tenant = tenant(&state, &store).await?;
    crate::db::auth::verify_code(&state.pool, &state.config.secret, tenant.id, &phone, code)
        .await?;
    let Some(user) = crate::db::auth::user_by_phone(&state.pool, tenant.id, &phone).await? else {
        return registration_next(&state, &tenant, &phone).await;
    };
    if user.disabled {
        return Err(AppError::AccountDisabled);
    }
    start_session(&state, user.id, tenant.id).await?;
    Ok(LoginNext::Store)
}

/// (ssr) A verified phone without an ordering account: to the registration
/// form (or its application's status) with a ticket, when the store takes
/// registrations; otherwise the "ask the brand" answer.
#[cfg(feature = "ssr")]
async fn registration_next(
    state: &crate::state::AppState,
    tenant: &crate::db::tenants::Tenant,
    phone: &str,
) -> Result<LoginNext, AppError> {
    use crate::db::registration;
    if !tenant.registration_enabled {
        return Err(AppError::NoAccountForPhone);
    }
    let token =
        registration::create_ticket(&state.pool, &state.config.secret, tenant.id, phone).await?;
    super::ctx::set_cookie(super::registration::ticket_cookie(
        state,
        &token,
        registration::TICKET_TTL_SECS,
    ));
    Ok(
        if registration::has_pending(&state.pool, tenant.id, phone).await? {
            LoginNext::RegistrationStatus
        } else {
            LoginNext::Register
        },
    )
}

#[server(endpoint = "password_login")]
pub async fn password_login(
    store: String,
    login: String,
    password: String,
) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::db::auth::*;
    let login = login.trim().to_string();
    if login.is_empty() || password.is_empty() || login.len() > 64 || password.len() > 256 {
        return Err(AppError::BadCredentials);
    }
    let state = state()?;
    let tenant = tenant(&state, &store).await?;
    let candidate = user_by_login(&state.pool, tenant.id, &login)
        .await?
        .map(|u| Candidate {
            id: u.id,
            password_hash: u.password_hash,
            disabled: u.disabled,
        });
    let attempt = Attempt {
        name: &format!("store:{}:{login}", tenant.id),
        ip: &client_ip(),
        password,
    };
    let user_id = authenticate(&state.pool, &state.passwords, attempt, candidate).await?;
    start_session(&state, user_id, tenant.id).await
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use super::ctx::*;
    let state = state()?;
    if let Some(token) = cookie(SESSION_COOKIE) {
        crate::db::auth::delete_session(&state.pool, &state.config.secret, &token).await?;
    }
    set_cookie(session_cookie(&state, "", 0));
    Ok(())
}

#[server(endpoint = "me")]
pub async fn me(store: String) -> Result<MeView, AppError> {
    use super::ctx::*;
    let (_, _, user) = buyer(&store).await?;
    Ok(MeView {
        name: user.contact_name,
        phone: user.phone,
        enterprise: user.account_name,
        price_list: user.price_list_name,
    })
}
