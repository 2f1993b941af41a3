//! Console: Accounts (customer companies) and their Contacts.

use crate::domain::layout::Values;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AccountSummary {
    pub id: i64,
    pub name: String,
    pub price_list: Option<String>,
    pub contacts: i64,
    pub enterprise: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactView {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub title: Option<String>,
    /// The Contact's ordering account, if one was created.
    pub ordering_account_id: Option<i64>,
    pub ordering_disabled: Option<bool>,
    /// Every layout field's value (system and custom), for the edit form.
    pub fields: Values,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountDetail {
    pub id: i64,
    pub name: String,
    pub price_list_id: Option<i64>,
    pub price_list: Option<String>,
    pub enterprise_id: Option<i64>,
    pub enterprise_has_tenant: Option<bool>,
    /// Every layout field's value (system and custom), for the edit form.
    pub fields: Values,
    pub contacts: Vec<ContactView>,
}

#[server(endpoint = "console/accounts")]
pub async fn list_accounts(q: String, page: u32) -> Result<super::Page<AccountSummary>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::AccountsRead).await?;
    let list = super::ListQuery::new(&q, page)?;
    let rows = crate::db::accounts::list(
        &state.pool,
        staff.tenant_id,
        &list.q,
        list.limit,
        list.offset,
    )
    .await?;
    Ok(list.page(rows))
}

#[server(endpoint = "console/account")]
pub async fn get_account(id: i64) -> Result<AccountDetail, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::AccountsRead).await?;
    crate::db::accounts::detail(&state.pool, staff.tenant_id, id).await
}

#[server(endpoint = "console/create_account")]
pub async fn create_account(fields: Values, price_list_id: Option<i64>) -> Result<i64, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::AccountsWrite).await?;
    let values = crate::db::layouts::validate(
        &state.pool,
        staff.tenant_id,
        crate::domain::layout::LayoutObject::Account,
        &fields,
    )
    .await?;
    let list =
        crate::db::accounts::check_price_list(&state.pool, staff.tenant_id, price_list_id).await?;
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
    let values = crate::db::layouts::validate(
        &state.pool,
        staff.tenant_id,
        crate::domain::layout::LayoutObject::Account,
        &fields,
    )
    .await?;
    let list =
        crate::db::accounts::check_price_list(&state.pool, staff.tenant_id, price_list_id).await?;
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
