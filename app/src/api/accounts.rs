//! Console: Accounts (customer companies) and their Contacts.

use crate::domain::accounts::*;
use crate::domain::layout::Values;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "console/accounts")]
pub async fn list_accounts(
    q: String,
    page: u32,
) -> Result<crate::domain::list::Page<AccountSummary>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::AccountsRead).await?;
    let list = crate::domain::list::ListQuery::new(&q, page)?;
    let rows = crate::db::accounts::list(&state.pool, staff.tenant_id, &list).await?;
    Ok(list.page(rows))
}

#[server(endpoint = "console/account")]
pub async fn get_account(id: i64) -> Result<AccountDetail, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::AccountsRead).await?;
    crate::db::accounts::detail(&state.pool, staff.tenant_id, id).await
}

/// (ssr) An Account form's values checked against the brand's Account layout,
/// and its price list checked to be the brand's: what create and update share.
#[cfg(feature = "ssr")]
async fn checked_account(
    state: &crate::state::AppState,
    tenant_id: i64,
    fields: &Values,
    price_list_id: Option<i64>,
) -> Result<(Values, Option<i64>), AppError> {
    use crate::domain::layout::LayoutObject;
    let values =
        crate::db::layouts::validate(&state.pool, tenant_id, LayoutObject::Account, fields).await?;
    let list = crate::db::accounts::check_price_list(&state.pool, tenant_id, price_list_id).await?;
    Ok((values, list))
}

#[server(endpoint = "console/create_account")]
pub async fn create_account(fields: Values, price_list_id: Option<i64>) -> Result<i64, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::AccountsWrite).await?;
    let (values, list) = checked_account(&state, staff.tenant_id, &fields, price_list_id).await?;
    crate::db::accounts::create(&state.pool, staff.tenant_id, &values, list).await
}

#[server(endpoint = "console/update_account")]
pub async fn update_account(
    id: i64,
    fields: Values,
    price_list_id: Option<i64>,
) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::AccountsWrite).await?;
    let (values, list) = checked_account(&state, staff.tenant_id, &fields, price_list_id).await?;
    crate::db::accounts::update(&state.pool, staff.tenant_id, id, &values, list).await
}

#[server(endpoint = "console/add_contact")]
pub async fn add_contact(account_id: i64, fields: Values) -> Result<i64, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::AccountsWrite).await?;
    let values = crate::db::layouts::validate(
        &state.pool,
        staff.tenant_id,
        crate::domain::layout::LayoutObject::Contact,
        &fields,
    )
    .await?;
    crate::db::accounts::add_contact(&state.pool, staff.tenant_id, account_id, &values).await
}

#[server(endpoint = "console/update_contact")]
pub async fn update_contact(id: i64, fields: Values) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::AccountsWrite).await?;
    let values = crate::db::layouts::validate(
        &state.pool,
        staff.tenant_id,
        crate::domain::layout::LayoutObject::Contact,
        &fields,
    )
    .await?;
    crate::db::accounts::update_contact(&state.pool, staff.tenant_id, id, &values).await
}
