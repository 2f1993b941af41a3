//! Console: reading and saving layout metadata.

use crate::domain::layout::{Layout, LayoutObject};
use crate::error::AppError;
use leptos::prelude::*;

/// The layout the console's forms (and later the registration form) render.
/// Any logged-in staff member may read it; it holds no customer data.
#[server(endpoint = "console/layout")]
pub async fn get_layout(object: LayoutObject) -> Result<Layout, AppError> {
    use super::ctx::*;
    respond(async {
        let state = state()?;
        let staff = current_staff(&state).await?;
        crate::db::layouts::get(&state.pool, staff.tenant_id, object).await
    })
    .await
}

#[server(endpoint = "console/save_layout", input = server_fn::codec::Json)]
pub async fn save_layout(layout: Layout) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    respond(async {
        let state = state()?;
        let staff = staff_with(&state, Permission::SettingsWrite).await?;
        crate::db::layouts::save(&state.pool, staff.tenant_id, &layout).await
    })
    .await
}
