//! Console: interconnected enterprises (an Account the brand trades with
//! through the store; at most one per Account).

use crate::domain::enterprises::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "console/enterprises")]
pub async fn list_enterprises(
    q: String,
    page: u32,
) -> Result<crate::domain::list::Page<EnterpriseRow>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::AccountsRead).await?;
    let list = crate::domain::list::ListQuery::new(&q, page)?;
    let rows = crate::db::enterprises::list(&state.pool, staff.tenant_id, &list).await?;
    Ok(list.page(rows))
}

/// Makes an Account an interconnected enterprise. A second time answers 409.
#[server(endpoint = "console/add_enterprise")]
pub async fn add_enterprise(account_id: i64, has_tenant: bool) -> Result<i64, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::AccountsWrite).await?;
    crate::db::enterprises::add(&state.pool, staff.tenant_id, account_id, has_tenant).await
}

#[server(endpoint = "console/enterprise_contacts")]
pub async fn enterprise_contacts(enterprise_id: i64) -> Result<Vec<EnterpriseContact>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::AccountsRead).await?;
    crate::db::enterprises::contacts(&state.pool, staff.tenant_id, enterprise_id).await
}
