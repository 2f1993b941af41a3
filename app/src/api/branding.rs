//! Console: the store's name, notice and logo (the logo is uploaded as a
//! plain request, `POST /console/media/logo`).

use crate::domain::branding::StoreProfile;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "console/store_profile")]
pub async fn get_store_profile() -> Result<StoreProfile, AppError> {
    use super::ctx::*;
    let (state, staff) = staff_with(crate::domain::permissions::Permission::SettingsWrite).await?;
    crate::db::branding::profile(&state.pool, staff.tenant_id).await
}

#[server(endpoint = "console/save_store_profile")]
pub async fn save_store_profile(name: String, notice: String) -> Result<(), AppError> {
    use super::ctx::*;
    let (state, staff) = staff_with(crate::domain::permissions::Permission::SettingsWrite).await?;
    let (name, notice) = crate::domain::branding::parse_profile(&name, &notice)?;
    crate::db::branding::save_profile(&state.pool, &staff, &name, &notice).await
}
