//! Console: ordering accounts ("Order Personnel") for Contacts of enterprises.

use crate::domain::ordering_accounts::*;
use crate::error::AppError;
use leptos::prelude::*;

/// Creates the Account's enterprise if missing and one ordering account per
/// chosen Contact, all in one transaction. Running it again creates nothing new.
#[server(endpoint = "console/bulk_ordering_accounts", input = server_fn::codec::Json)]
pub async fn bulk_create_ordering_accounts(
    account_id: i64,
    contact_ids: Vec<i64>,
) -> Result<BulkReport, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    if contact_ids.is_empty() || contact_ids.len() > BULK_LIMIT {
        return Err(AppError::BadRequest {
            detail: format!("choose 1 to {BULK_LIMIT} contacts"),
        });
    }
    let (state, staff) = staff_with(Permission::OrderingAccountsWrite).await?;
    crate::service::ordering_accounts::bulk_create(
        &state.pool,
        staff.tenant_id,
        account_id,
        &contact_ids,
    )
    .await
}

/// Disables or re-enables an ordering account; disabling ends its sessions at once.
#[server(endpoint = "console/set_ordering_account_disabled")]
pub async fn set_ordering_account_disabled(id: i64, disabled: bool) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::OrderingAccountsWrite).await?;
    crate::db::ordering_accounts::set_disabled(&state.pool, staff.tenant_id, id, disabled).await
}

/// The brand's ordering accounts, newest first; `q` matches name, phone or Account.
#[server(endpoint = "console/ordering_accounts")]
pub async fn list_ordering_accounts(
    q: String,
    page: u32,
) -> Result<crate::domain::list::Page<OrderingAccountRow>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::AccountsRead).await?;
    let list = crate::domain::list::ListQuery::new(&q, page)?;
    let rows = crate::db::ordering_accounts::list(&state.pool, staff.tenant_id, &list).await?;
    Ok(list.page(rows))
}

/// Gives an ordering account a new random password and returns it once, for
/// the admin to pass on. The phone number is the login name.
#[server(endpoint = "console/reset_ordering_account_password")]
pub async fn reset_ordering_account_password(id: i64) -> Result<String, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::OrderingAccountsWrite).await?;
    use crate::db::ordering_accounts::{random_password, set_password};
    let password = random_password();
    let hash = state.passwords.hash(password.clone()).await?;
    set_password(&state.pool, staff.tenant_id, id, &hash).await?;
    Ok(password)
}

/// Creates one ordering account for a Contact of an enterprise, with Order
/// Personnel or another store role. The answer says created / already had one /
/// rejected, as a bulk row does.
#[server(endpoint = "console/create_ordering_account")]
pub async fn create_ordering_account(
    contact_id: i64,
    role_id: Option<i64>,
) -> Result<BulkRow, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::OrderingAccountsWrite).await?;
    crate::service::ordering_accounts::create_for_contact(
        &state.pool,
        staff.tenant_id,
        contact_id,
        role_id,
    )
    .await
}
