//! Console: roles and their permission matrix, and which role each staff member has.

use crate::domain::permissions::Audience;
use crate::domain::roles::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "console/roles")]
pub async fn list_roles() -> Result<Vec<RoleView>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::RolesWrite).await?;
    crate::db::roles::list(&state.pool, staff.tenant_id).await
}

/// Replaces a role's permissions with `permissions` (codes of the role's audience).
#[server(endpoint = "console/set_role_permissions", input = server_fn::codec::Json)]
pub async fn set_role_permissions(role_id: i64, permissions: Vec<String>) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::RolesWrite).await?;
    crate::db::roles::set_permissions(&state.pool, staff.tenant_id, role_id, &permissions).await
}

#[server(endpoint = "console/create_role")]
pub async fn create_role(name: String, audience: Audience) -> Result<i64, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::RolesWrite).await?;
    let name = crate::domain::validate::required_text("name", &name, 30)?;
    crate::db::roles::create(&state.pool, staff.tenant_id, &name, audience).await
}

#[server(endpoint = "console/staff")]
pub async fn list_staff() -> Result<Vec<StaffRow>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::RolesWrite).await?;
    crate::db::roles::staff(&state.pool, staff.tenant_id).await
}

/// Gives a staff member another console role. Nobody changes their own role,
/// so the last admin cannot demote themselves by accident.
#[server(endpoint = "console/set_staff_role")]
pub async fn set_staff_role(staff_id: i64, role_id: i64) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, me) = staff_with(Permission::RolesWrite).await?;
    if me.staff_id == staff_id {
        return Err(AppError::BadRequest {
            detail: "own role".into(),
        });
    }
    crate::db::roles::set_staff_role(&state.pool, me.tenant_id, staff_id, role_id).await
}

/// Store roles by id and name, for choosing an ordering account's role.
#[server(endpoint = "console/store_roles")]
pub async fn store_roles() -> Result<Vec<(i64, String)>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::OrderingAccountsWrite).await?;
    crate::db::roles::store_roles(&state.pool, staff.tenant_id).await
}
