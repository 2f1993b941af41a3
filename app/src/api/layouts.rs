//! Console: reading and saving layout metadata.

use crate::domain::layout::{Layout, LayoutObject};
use crate::error::AppError;
use leptos::prelude::*;

/// The layout a console form renders: Account and Contact layouts for staff
/// who read accounts, the registration layout for those who edit settings.
#[server(endpoint = "console/layout")]
pub async fn get_layout(object: LayoutObject) -> Result<Layout, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(match object {
        LayoutObject::Registration => Permission::SettingsWrite,
        LayoutObject::Account | LayoutObject::Contact => Permission::AccountsRead,
    })
    .await?;
    crate::db::layouts::get(&state.pool, staff.tenant_id, object).await
}

#[server(endpoint = "console/save_layout", input = server_fn::codec::Json)]
pub async fn save_layout(layout: Layout) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::SettingsWrite).await?;
    crate::db::layouts::save(&state.pool, staff.tenant_id, &layout).await
}
