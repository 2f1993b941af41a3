//! (ssr) Checkout: the cart becomes one order, in one transaction, or
//! nothing changes and every refused line is named.

use crate::db;
use crate::db::auth::SessionUser;
use crate::db::cart::LineRow;
use crate::db::orders::{By, NewLine, NewOrder};
use crate::db::tenants::Tenant;
use crate::domain::cart::{cart_total, check_quantity, line_notices, Delivery, PlacedOrder};
use crate::domain::orders::{
    order_number, order_prefix, transition, Actor, OrderAction, OrderStatus, StockEffect,
};
use crate::error::{AppError, OrderError, RefusedLine};

/// Places the buyer's cart as an order. The same `key` always answers with
/// the same order: a double tap, a retry after a lost answer or a second
/// tab place one. Prices, shelf state, minimums and stock are checked again
/// here; the stock is reserved line by line with a claim that cannot
/// oversell. Any refusal leaves the cart and the stock as they were.
pub async fn checkout(
    pool: &db::Pool,
    tenant: &Tenant,
    user: &SessionUser,
    key: &str,
    delivery: &Delivery,
    note: &str,
) -> Result<PlacedOrder, AppError> {
    let lists = super::cart::buyer_lists(tenant, user);
    let mut tx = db::begin(pool).await?;
    if let Some((id, number, total)) = db::orders::by_key(&mut tx, user.user_id, key).await? {
        return Ok(PlacedOrder { id, number, total });
    }
    let lines = db::cart::lines(&mut tx, user.user_id, lists).await?;
    if lines.is_empty() {
        return Err(OrderError::CartEmpty.into());
    }
    let refused = refusals(&lines);
    if !refused.is_empty() {
        return Err(OrderError::LinesRefused { lines: refused }.into());
    }
    // Under the write lock the free stock read above holds, but the claim is
    // what guarantees it: it checks and counts in one statement.
    let mut refused = Vec::new();
    for line in &lines {
        if !db::orders::reserve(&mut tx, line.sku_id, line.quantity).await? {
            refused.push(RefusedLine {
                sku_id: line.sku_id,
                product: line.product.clone(),
                problem: crate::error::LineProblem::NotEnoughStock {
                    available: line.free_stock.max(0),
                },
            });
        }
    }
    if !refused.is_empty() {
        // Dropping the transaction rolls back the reservations already made.
        return Err(OrderError::LinesRefused { lines: refused }.into());
    }
    let total =
        cart_total(lines.iter().map(|l| (l.added_price, l.quantity))).ok_or(AppError::Internal)?;
    let now = db::now();
    let day = crate::domain::time::china_day(now);
    let seq = db::orders::next_number(&mut tx, tenant.id, day).await?;
    let number = order_number(
        &order_prefix(&tenant.slug),
        u32::try_from(day).map_err(|_| AppError::Internal)?,
        u32::try_from(seq).map_err(|_| AppError::Internal)?,
    );
    let enterprise_id = db::orders::enterprise_of(&mut tx, user.user_id).await?;
    let id = db::orders::insert(
        &mut tx,
        &NewOrder {
            tenant_id: tenant.id,
            number: &number,
            enterprise_id,
            store_user_id: user.user_id,
            key,
            total,
            recipient: &delivery.recipient,
            phone: &delivery.phone,
            address: &delivery.address,
            note,
        },
    )
    .await?;
    for line in &lines {
        db::orders::insert_line(
            &mut tx,
            id,
            &NewLine {
                sku_id: line.sku_id,
                product: &line.product,
                sku_code: &line.sku_code,
                spec: &line.spec,
                unit_price: line.added_price,
                quantity: line.quantity,
            },
        )
        .await?;
    }
    db::orders::record(
        &mut tx,
        id,
        OrderStatus::Submitted.code(),
        "submit",
        By::Buyer(user.user_id),
        "",
    )
    .await?;
    db::cart::clear(&mut tx, user.user_id).await?;
    tx.commit().await?;
    Ok(PlacedOrder { id, number, total })
}

/// The lines checkout cannot take as they are, before touching stock: the
/// price the buyer saw must still be the price, the product on the shelf,
/// the quantity within the minimum and what is free.
fn refusals(lines: &[LineRow]) -> Vec<RefusedLine> {
    lines
        .iter()
        .filter_map(|l| {
            let problem = line_notices(l.added_price, l.price(), l.on_shelf)
                .into_iter()
                .next()
                .or_else(|| check_quantity(l.quantity, l.moq, Some(l.free_stock)).err())?;
            Some(RefusedLine {
                sku_id: l.sku_id,
                product: l.product.clone(),
                problem,
            })
        })
        .collect()
}

/// What an action on an order carries besides itself.
#[derive(Clone, Debug, Default)]
pub struct ActionDetail {
    /// Shipping: the carrier and the tracking number.
    pub shipment: Option<(String, String)>,
    /// Cancelling: why.
    pub reason: Option<String>,
}

/// Takes `action` on one of the store's orders, as one transaction: the
/// state machine decides whether it may happen; the status moves only from
/// the status it was read in, so two clerks acting at once give one result;
/// stock follows (shipping takes it out, cancelling releases it); the step
/// goes into the order's history with who did it. A buyer may only act on
/// their own orders (any other reads as not found).
pub async fn act(
    pool: &db::Pool,
    tenant_id: i64,
    order_id: i64,
    action: OrderAction,
    by: By,
    detail: &ActionDetail,
) -> Result<OrderStatus, AppError> {
    let mut tx = db::begin(pool).await?;
    let head = db::orders::head(&mut tx, tenant_id, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let actor = match by {
        By::Buyer(id) if id != head.store_user_id => return Err(AppError::NotFound),
        By::Buyer(_) => Actor::Buyer,
        By::Staff(_) => Actor::Staff,
    };
    let from = OrderStatus::from_code(&head.status).ok_or(AppError::Internal)?;
    let not_allowed = |status: OrderStatus| OrderError::NotAllowed {
        status: status.code().to_string(),
        action: action.code().to_string(),
    };
    let to = transition(from, action, actor).map_err(|n| not_allowed(n.from))?;
    let shipment = detail
        .shipment
        .as_ref()
        .map(|(carrier, tracking)| (carrier.as_str(), tracking.as_str()));
    if !db::orders::move_status(&mut tx, order_id, from.code(), to.code(), shipment).await? {
        return Err(not_allowed(from).into());
    }
    match action.stock_effect() {
        StockEffect::TakeOut => db::orders::take_out_stock(&mut tx, order_id).await?,
        StockEffect::Release => db::orders::release_stock(&mut tx, order_id).await?,
        StockEffect::None => {}
    }
    let note = match (&detail.shipment, &detail.reason) {
        (Some((carrier, tracking)), _) => format!("{carrier} {tracking}"),
        (None, Some(reason)) => reason.clone(),
        (None, None) => String::new(),
    };
    db::orders::record(&mut tx, order_id, to.code(), action.code(), by, &note).await?;
    tx.commit().await?;
    Ok(to)
}

/// The buyer confirms that a shipped order of theirs arrived.
pub async fn confirm_receipt(
    pool: &db::Pool,
    tenant_id: i64,
    user: &SessionUser,
    order_id: i64,
) -> Result<OrderStatus, AppError> {
    let by = By::Buyer(user.user_id);
    let detail = ActionDetail::default();
    act(
        pool,
        tenant_id,
        order_id,
        OrderAction::ConfirmReceipt,
        by,
        &detail,
    )
    .await
}

/// Texts the distributor that their order shipped, with carrier and tracking
/// number. After the order is saved: a failed text is logged, the order
/// stays shipped.
pub async fn tell_buyer_shipped(state: &crate::state::AppState, store_name: &str, order_id: i64) {
    let notice = match state.pool.acquire().await {
        Ok(mut conn) => db::orders::shipment_notice(&mut conn, order_id).await,
        Err(e) => Err(e.into()),
    };
    let Ok(Some((number, carrier, tracking, phone))) = notice else {
        tracing::warn!(order_id, "shipping text: order not read");
        return;
    };
    let body = crate::i18n::sms_shipped(
        crate::i18n::Lang::Zh,
        store_name,
        &number,
        &carrier,
        &tracking,
    );
    if let Err(e) = state.sms.send(&phone, &body).await {
        tracing::warn!(error = %e, "shipping text failed");
    }
}

/// The console's overview of the store's orders, read in one connection.
pub async fn dashboard(
    pool: &db::Pool,
    tenant_id: i64,
) -> Result<crate::domain::orders::Dashboard, AppError> {
    use crate::domain::orders::{every_day, Dashboard, ALL_STATUSES, DASHBOARD_DAYS};
    use crate::domain::time::china_day_number;
    let today = china_day_number(db::now());
    let since = (today - DASHBOARD_DAYS + 1) * 86_400 - 8 * 3600;
    let mut conn = pool.acquire().await?;
    let days = db::orders::per_day(&mut conn, tenant_id, since).await?;
    let counts = db::orders::count_by_status(&mut conn, tenant_id).await?;
    let by_status = ALL_STATUSES
        .into_iter()
        .map(|s| {
            let n = counts
                .iter()
                .find(|(c, _)| c == s.code())
                .map_or(0, |(_, n)| *n);
            (s, n)
        })
        .collect();
    let filter = db::orders::ConsoleFilter {
        status: "",
        search: "%",
        from: 0,
        until: 0,
    };
    let (recent, _) = db::orders::console_list(&mut conn, tenant_id, &filter, 5, 0).await?;
    Ok(Dashboard {
        days: every_day(today, &days),
        by_status,
        recent,
    })
}
