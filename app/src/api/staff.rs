//! Console login for brand staff.

use crate::domain::staff::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "staff_login")]
pub async fn staff_login(email: String, password: String) -> Result<(), AppError> {
    use super::ctx::*;
    let state = state()?;
    let old = cookie(CONSOLE_COOKIE);
    let ip = client_ip();
    set_cookie(
        crate::service::login::staff_login(&state, &email, password, &ip, old.as_deref()).await?,
    );
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
