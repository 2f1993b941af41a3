//! Console login for brand staff.

use crate::domain::staff::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "staff_login")]
pub async fn staff_login(email: String, password: String) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::db::auth::{authenticate, Attempt, Candidate};
    use crate::db::staff;
    if email.trim().is_empty() || password.is_empty() || email.len() > 254 || password.len() > 256 {
        return Err(AppError::BadCredentials);
    }
    let state = state()?;
    let email = email.trim().to_lowercase();
    let candidate = staff::staff_by_email(&state.pool, &email)
        .await?
        .map(|s| Candidate {
            id: s.id,
            password_hash: Some(s.password_hash),
            disabled: s.disabled,
        });
    let attempt = Attempt {
        name: &format!("staff:{email}"),
        ip: &client_ip(),
        password,
    };
    let staff_id = authenticate(&state.pool, &state.passwords, attempt, candidate).await?;
    if let Some(old) = cookie(CONSOLE_COOKIE) {
        staff::delete_session(&state.pool, &state.config.secret, &old).await?;
    }
    let token = staff::create_session(&state.pool, &state.config.secret, staff_id).await?;
    set_cookie(console_cookie(
        &state,
        &token,
        crate::db::auth::SESSION_TTL_SECS,
    ));
    Ok(())
}

#[server(endpoint = "staff_logout")]
pub async fn staff_logout() -> Result<(), AppError> {
    use super::ctx::*;
    let state = state()?;
    if let Some(token) = cookie(CONSOLE_COOKIE) {
        crate::db::staff::delete_session(&state.pool, &state.config.secret, &token).await?;
    }
    set_cookie(console_cookie(&state, "", 0));
    Ok(())
}

#[server(endpoint = "staff_me")]
pub async fn staff_me() -> Result<StaffView, AppError> {
    use super::ctx::*;
    let (_, staff) = any_staff().await?;
    Ok(StaffView {
        name: staff.name,
        email: staff.email,
        role: staff.role,
        store_slug: staff.store_slug,
        permissions: staff
            .permissions
            .iter()
            .map(|p| p.code().to_string())
            .collect(),
    })
}

/// Demo mode only: the demo staff login, shown on the console login page.
#[server(endpoint = "staff_login_hint")]
pub async fn staff_login_hint() -> Result<Option<(String, String)>, AppError> {
    use super::ctx::*;
    let state = state()?;
    Ok(state.config.demo.then(|| {
        (
            "admin@demo.test".to_string(),
            crate::db::seed::DEMO_ADMIN_PASSWORD.to_string(),
        )
    }))
}
