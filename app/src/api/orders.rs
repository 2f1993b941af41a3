//! Placing orders and acting on them (the state machine in `domain::orders`).

use crate::domain::cart::PlacedOrder;
use crate::domain::list::Page;
use crate::domain::orders::{ConsoleOrderRow, OrderDetail, OrderSummary};
use crate::error::AppError;
use leptos::prelude::*;

/// Places the cart as an order. `key` is made once per checkout page by the
/// browser: sending it again (a double tap, a retry) answers the same order.
#[server(endpoint = "checkout")]
pub async fn checkout(
    store: String,
    key: String,
    recipient: String,
    phone: String,
    address: String,
    note: String,
) -> Result<PlacedOrder, AppError> {
    use super::ctx::*;
    use crate::domain::cart::{valid_idempotency_key, Delivery};
    let (state, tenant, user) = orderer(&store).await?;
    if !valid_idempotency_key(&key) {
        return Err(AppError::BadRequest {
            detail: "idempotency key".into(),
        });
    }
    let delivery = Delivery {
        recipient,
        phone,
        address,
    }
    .checked()?;
    let note = crate::domain::validate::optional_text("note", &note, 500)?.unwrap_or_default();
    crate::service::orders::checkout(&state.pool, &tenant, &user, &key, &delivery, &note).await
}

/// The buyer confirms that a shipped order arrived.
#[server(endpoint = "confirm_receipt")]
pub async fn confirm_receipt(store: String, id: i64) -> Result<String, AppError> {
    use super::ctx::*;
    let (state, tenant, user) = buyer(&store).await?;
    let to = crate::service::orders::confirm_receipt(&state.pool, tenant.id, &user, id).await?;
    Ok(to.code().to_string())
}

/// A clerk confirms, ships (with carrier and tracking number) or cancels
/// (with a reason) an order; answers the order's new status.
#[server(endpoint = "console/order_action")]
pub async fn order_action(
    id: i64,
    action: String,
    carrier: String,
    tracking_number: String,
    reason: String,
) -> Result<String, AppError> {
    use super::ctx::*;
    use crate::db::orders::By;
    use crate::domain::orders::OrderAction;
    use crate::domain::permissions::Permission;
    use crate::domain::validate::required_text;
    use crate::service::orders::{act, ActionDetail};
    let (state, staff) = staff_with(Permission::OrdersWrite).await?;
    let action = OrderAction::from_code(&action).ok_or_else(|| AppError::BadRequest {
        detail: "unknown action".into(),
    })?;
    let detail = match action {
        OrderAction::Ship => ActionDetail {
            shipment: Some((
                required_text("carrier", &carrier, 50)?,
                required_text("tracking_number", &tracking_number, 50)?,
            )),
            reason: None,
        },
        OrderAction::Cancel => ActionDetail {
            shipment: None,
            reason: Some(required_text("reason", &reason, 200)?),
        },
        OrderAction::Confirm | OrderAction::ConfirmReceipt => ActionDetail::default(),
    };
    let by = By::Staff(staff.staff_id);
    let to = act(&state.pool, staff.tenant_id, id, action, by, &detail).await?;
    if action == OrderAction::Ship {
        let store = crate::db::tenants::by_slug(&state.pool, &staff.store_slug).await?;
        crate::service::orders::tell_buyer_shipped(&state, &store.name, id).await;
    }
    Ok(to.code().to_string())
}

/// The buyer's orders (their enterprise's, with the permission), newest
/// first; `status` empty for all.
#[server(endpoint = "orders")]
pub async fn orders(
    store: String,
    status: String,
    page: u32,
) -> Result<Page<OrderSummary>, AppError> {
    use super::ctx::*;
    use crate::domain::list::ListQuery;
    let (state, tenant, user) = buyer(&store).await?;
    let status = match status.as_str() {
        "" => None,
        s => Some(
            crate::domain::orders::OrderStatus::from_code(s)
                .ok_or_else(|| AppError::BadRequest {
                    detail: "unknown status".into(),
                })?
                .code(),
        ),
    };
    let list = ListQuery::new("", page)?;
    let mut conn = state.pool.acquire().await?;
    let rows = crate::db::orders::list(
        &mut conn,
        tenant.id,
        crate::db::orders::Scope::of_buyer(&user),
        status,
        list.limit,
        list.offset,
    )
    .await?;
    Ok(list.page(rows))
}

/// One order with its lines, delivery and timeline; another enterprise's
/// (or, without the permission, a colleague's) reads as not found.
#[server(endpoint = "order")]
pub async fn order(store: String, id: i64) -> Result<OrderDetail, AppError> {
    use super::ctx::*;
    let (state, tenant, user) = buyer(&store).await?;
    let mut conn = state.pool.acquire().await?;
    crate::db::orders::detail(
        &mut conn,
        tenant.id,
        crate::db::orders::Scope::of_buyer(&user),
        id,
    )
    .await?
    .ok_or(AppError::NotFound)
}

/// The store's orders for the console: by status, by part of the order
/// number or distributor name, by the day placed (`YYYY-MM-DD`, both ends
/// included, China time); newest first.
#[server(endpoint = "console/orders")]
pub async fn console_orders(
    status: String,
    q: String,
    from: String,
    to: String,
    page: u32,
) -> Result<Page<ConsoleOrderRow>, AppError> {
    use super::ctx::*;
    use crate::domain::list::ListQuery;
    use crate::domain::permissions::Permission;
    use crate::domain::time::china_day_start;
    let (state, staff) = staff_with(Permission::OrdersRead).await?;
    if !status.is_empty() && crate::domain::orders::OrderStatus::from_code(&status).is_none() {
        return Err(AppError::BadRequest {
            detail: "unknown status".into(),
        });
    }
    let day = |field: &str, value: &str| -> Result<i64, AppError> {
        match value.trim() {
            "" => Ok(0),
            v => china_day_start(v).ok_or_else(|| AppError::Invalid {
                field: field.into(),
                reason: crate::error::Invalid::Date,
            }),
        }
    };
    let from = day("from", &from)?;
    // Up to the end of the `to` day: the start of the next one.
    let until = match day("to", &to)? {
        0 => 0,
        start => start + 86_400,
    };
    let list = ListQuery::new(&q, page)?;
    let search = crate::db::like_pattern(&list.q);
    let filter = crate::db::orders::ConsoleFilter {
        status: &status,
        search: &search,
        from,
        until,
    };
    let mut conn = state.pool.acquire().await?;
    let rows = crate::db::orders::console_list(
        &mut conn,
        staff.tenant_id,
        &filter,
        list.limit,
        list.offset,
    )
    .await?;
    Ok(list.page(rows))
}

/// One order of the store, for the console.
#[server(endpoint = "console/order")]
pub async fn console_order(id: i64) -> Result<OrderDetail, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::OrdersRead).await?;
    let mut conn = state.pool.acquire().await?;
    crate::db::orders::detail(
        &mut conn,
        staff.tenant_id,
        crate::db::orders::Scope::Store,
        id,
    )
    .await?
    .ok_or(AppError::NotFound)
}

/// Fills the cart with an earlier order's lines at today's prices; names the
/// lines that cannot be ordered any more.
#[server(endpoint = "reorder")]
pub async fn reorder(store: String, id: i64) -> Result<crate::domain::cart::Reordered, AppError> {
    use super::ctx::*;
    let (state, tenant, user) = orderer(&store).await?;
    let scope = crate::db::orders::Scope::of_buyer(&user);
    crate::service::cart::reorder(&state.pool, &tenant, &user, scope, id).await
}

/// The console's overview: orders and revenue per day for the last 30 days,
/// counts by status, the newest orders.
#[server(endpoint = "console/dashboard")]
pub async fn dashboard() -> Result<crate::domain::orders::Dashboard, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::OrdersRead).await?;
    crate::service::orders::dashboard(&state.pool, staff.tenant_id).await
}
