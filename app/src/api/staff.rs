//! Console login for brand staff.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffView {
    pub name: String,
    pub email: String,
    pub role: String,
    pub store_slug: String,
    /// Permission codes, so the console can hide what the server would refuse.
    pub permissions: Vec<String>,
}

#[server(endpoint = "staff_login")]
pub async fn staff_login(email: String, password: String) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::db::auth::{
        clear_password_failures, record_password_failure, verify_password, Login,
    };
    use crate::db::staff;
    respond(async {
        if email.trim().is_empty()
            || password.is_empty()
            || email.len() > 254
            || password.len() > 256
        {
            return Err(AppError::BadCredentials);
        }
        let state = state()?;
        let found = staff::staff_by_email(&state.pool, &email).await?;
        if found
            .as_ref()
            .is_some_and(|s| s.locked_until > crate::db::now())
        {
            return Err(AppError::LoginLocked);
        }
        let stored = found.as_ref().map(|s| s.password_hash.clone());
        let ok = tokio::task::spawn_blocking(move || verify_password(&password, stored.as_deref()))
            .await
            .map_err(|_| AppError::Internal)?;
        let Some(found) = found else {
            return Err(AppError::BadCredentials);
        };
        if !ok {
            record_password_failure(&state.pool, Login::Staff(found.id)).await?;
            return Err(AppError::BadCredentials);
        }
        if found.disabled {
            return Err(AppError::AccountDisabled);
        }
        clear_password_failures(&state.pool, Login::Staff(found.id)).await?;
        if let Some(old) = cookie(CONSOLE_COOKIE) {
            staff::delete_session(&state.pool, &state.config.secret, &old).await?;
        }
        let token = staff::create_session(&state.pool, &state.config.secret, found.id).await?;
        set_cookie(console_cookie(
            &state,
            &token,
            crate::db::auth::SESSION_TTL_SECS,
        ));
        Ok(())
    })
    .await
}

#[server(endpoint = "staff_logout")]
pub async fn staff_logout() -> Result<(), AppError> {
    use super::ctx::*;
    respond(async {
        let state = state()?;
        if let Some(token) = cookie(CONSOLE_COOKIE) {
            crate::db::staff::delete_session(&state.pool, &state.config.secret, &token).await?;
        }
        set_cookie(console_cookie(&state, "", 0));
        Ok(())
    })
    .await
}

#[server(endpoint = "staff_me")]
pub async fn staff_me() -> Result<StaffView, AppError> {
    use super::ctx::*;
    respond(async {
        let staff = current_staff(&state()?).await?;
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
    })
    .await
}
