//! Store login: SMS code, account + password, logout, and the account page.

use crate::domain::auth::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "send_sms_code")]
pub async fn send_sms_code(store: String, phone: String) -> Result<CodeSent, AppError> {
    use super::ctx::*;
    let phone = crate::domain::credentials::normalize_phone(&phone)?;
    let (state, tenant, _) = shopper(&store).await?;
    crate::service::login::send_code(&state, &tenant, &phone, &client_ip(), request_lang()).await
}

#[server(endpoint = "sms_login")]
pub async fn sms_login(store: String, phone: String, code: String) -> Result<LoginNext, AppError> {
    use super::ctx::*;
    use crate::domain::credentials::{check_code_format, normalize_phone};
    let phone = normalize_phone(&phone)?;
    let code = check_code_format(&code)?;
    let (state, tenant, _) = shopper(&store).await?;
    let old = cookie(SESSION_COOKIE);
    // A first-time "Scan with WeChat" waits for this phone to bind its openid.
    let bind = cookie(crate::service::wechat::BIND_COOKIE);
    let login = crate::service::login::sms_login(
        &state,
        &tenant,
        &phone,
        code,
        old.as_deref(),
        bind.as_deref(),
    )
    .await?;
    set_cookie(login.set_cookie);
    Ok(login.next)
}

#[server(endpoint = "password_login")]
pub async fn password_login(
    store: String,
    login: String,
    password: String,
) -> Result<(), AppError> {
    use super::ctx::*;
    let login = login.trim().to_string();
    if login.is_empty() || password.is_empty() || login.len() > 64 || password.len() > 256 {
        return Err(crate::error::LoginError::BadCredentials.into());
    }
    let (state, tenant, _) = shopper(&store).await?;
    let old = cookie(SESSION_COOKIE);
    let ip = client_ip();
    set_cookie(
        crate::service::login::password_login(
            &state,
            &tenant,
            &login,
            password,
            &ip,
            old.as_deref(),
        )
        .await?,
    );
    Ok(())
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use super::ctx::*;
    let state = state()?;
    if let Some(token) = cookie(SESSION_COOKIE) {
        crate::db::auth::delete_session(&state.pool, &state.config.secret, &token).await?;
    }
    // Logging out also ends the mini-program's pass to the other stores.
    let pass_cookie = crate::service::wechat::PASS_COOKIE;
    if let Some(token) = cookie(pass_cookie) {
        crate::db::lite::delete_pass(&state.pool, &state.config.secret, &token).await?;
    }
    for name in [SESSION_COOKIE, pass_cookie] {
        set_cookie(crate::service::login::cookie(&state.config, name, "", 0));
    }
    Ok(())
}

/// The ways into this store its admin offers, for the login page.
#[server(endpoint = "login_channels")]
pub async fn login_channels(
    store: String,
) -> Result<crate::domain::settings::LoginChannels, AppError> {
    // The store as the page's other resources read it: once per request.
    let (state, tenant, _) = super::ctx::shopper(&store).await?;
    // A WeChat channel is on offer only while a WeChat app is configured.
    Ok(crate::domain::settings::LoginChannels {
        sms: tenant.login_sms,
        password: tenant.login_password,
        mini_program: tenant.login_mini_program && !state.wechat.appid().is_empty(),
        wechat_qr: tenant.login_wechat_qr && state.wechat.web_appid().is_some(),
    })
}

#[server(endpoint = "me")]
pub async fn me(store: String) -> Result<MeView, AppError> {
    use super::ctx::*;
    let (state, _, user) = buyer(&store).await?;
    let pass = cookie(crate::service::wechat::PASS_COOKIE);
    let switch_stores = crate::service::lite::has_pass(&state, pass.as_deref()).await?;
    Ok(MeView {
        name: user.contact_name,
        phone: user.phone,
        enterprise: user.account_name,
        price_list: user.price_list_name,
        switch_stores,
        manages_team: user.manages_team,
    })
}
