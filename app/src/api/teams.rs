//! A tenant-enabled enterprise's team: the store page its distributor admin
//! reads (changes are plain form posts, see the server's `store_forms`), and
//! the console's choice of that admin.

use crate::domain::teams::TeamView;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's team, if they are their enterprise's admin.
#[server(endpoint = "team")]
pub async fn team(store: String) -> Result<TeamView, AppError> {
    use super::ctx::*;
    let (state, _, user) = buyer(&store).await?;
    crate::service::teams::view(&state.pool, &user).await
}

/// Makes one of a tenant-enabled enterprise's ordering accounts its admin
/// (`None`: nobody). A tenantless enterprise is refused: the brand manages it.
#[server(endpoint = "console/set_enterprise_admin")]
pub async fn set_enterprise_admin(
    enterprise_id: i64,
    user_id: Option<i64>,
) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::OrderingAccountsWrite).await?;
    crate::service::teams::choose_admin(&state.pool, &staff, enterprise_id, user_id).await
}
