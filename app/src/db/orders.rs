//! (ssr) Orders: numbers, stock reservations, the order and its lines.

use crate::error::AppError;
use sqlx::AnyConnection;

/// The order `store_user_id` already placed with this idempotency key.
pub async fn by_key(
    conn: &mut AnyConnection,
    store_user_id: i64,
    key: &str,
) -> Result<Option<(i64, String, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, number, total FROM orders WHERE store_user_id = $1 AND idempotency_key = $2",
    )
    .bind(store_user_id)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Holds `quantity` units of a SKU for an order, if that many are free:
/// checked and counted in one statement, so concurrent orders never hold
/// more than the stock.
pub async fn reserve(
    conn: &mut AnyConnection,
    sku_id: i64,
    quantity: i64,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE skus SET reserved = reserved + $1 WHERE id = $2 AND stock - reserved >= $1",
    )
    .bind(quantity)
    .bind(sku_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The next number of the day (`yyyymmdd` in China time) for a store.
pub async fn next_number(
    conn: &mut AnyConnection,
    tenant_id: i64,
    day: i64,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO order_counters (tenant_id, day, last) VALUES ($1, $2, 1)
         ON CONFLICT (tenant_id, day) DO UPDATE SET last = order_counters.last + 1
         RETURNING last",
    )
    .bind(tenant_id)
    .bind(day)
    .fetch_one(&mut *conn)
    .await?)
}

pub struct NewOrder<'a> {
    pub tenant_id: i64,
    pub number: &'a str,
    pub enterprise_id: i64,
    pub store_user_id: i64,
    pub key: &'a str,
    pub total: i64,
    pub recipient: &'a str,
    pub phone: &'a str,
    pub address: &'a str,
    pub note: &'a str,
}

pub async fn insert(conn: &mut AnyConnection, o: &NewOrder<'_>) -> Result<i64, AppError> {
    let now = crate::db::now();
    Ok(sqlx::query_scalar(
        "INSERT INTO orders (tenant_id, number, enterprise_id, store_user_id, idempotency_key,
                             total, recipient, phone, address, note, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
    )
    .bind(o.tenant_id)
    .bind(o.number)
    .bind(o.enterprise_id)
    .bind(o.store_user_id)
    .bind(o.key)
    .bind(o.total)
    .bind(o.recipient)
    .bind(o.phone)
    .bind(o.address)
    .bind(o.note)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?)
}

pub struct NewLine<'a> {
    pub sku_id: i64,
    pub product: &'a str,
    pub sku_code: &'a str,
    pub spec: &'a str,
    pub unit_price: i64,
    pub quantity: i64,
}

pub async fn insert_line(
    conn: &mut AnyConnection,
    order_id: i64,
    l: &NewLine<'_>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO order_lines (order_id, sku_id, product_name, sku_code, spec, unit_price, quantity)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(order_id)
    .bind(l.sku_id)
    .bind(l.product)
    .bind(l.sku_code)
    .bind(l.spec)
    .bind(l.unit_price)
    .bind(l.quantity)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Who took a step of an order's life.
#[derive(Clone, Copy, Debug)]
pub enum By {
    Buyer(i64),
    Staff(i64),
}

/// Records a step of an order's life: the status it led to, the action, who,
/// and a note (a cancel's reason, a shipment's carrier and number).
pub async fn record(
    conn: &mut AnyConnection,
    order_id: i64,
    status: &str,
    action: &str,
    by: By,
    note: &str,
) -> Result<(), AppError> {
    let (buyer, staff) = match by {
        By::Buyer(id) => (Some(id), None),
        By::Staff(id) => (None, Some(id)),
    };
    sqlx::query(
        "INSERT INTO order_history (order_id, status, action, store_user_id, staff_id, note, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(order_id)
    .bind(status)
    .bind(action)
    .bind(buyer)
    .bind(staff)
    .bind(note)
    .bind(crate::db::now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The enterprise an ordering account orders for.
pub async fn enterprise_of(conn: &mut AnyConnection, store_user_id: i64) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT enterprise_id FROM store_users WHERE id = $1")
            .bind(store_user_id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// The parts of an order that acting on it needs, if it is this store's.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrderHead {
    pub status: String,
    pub store_user_id: i64,
    pub enterprise_id: i64,
    pub phone: String,
    pub number: String,
}

pub async fn head(
    conn: &mut AnyConnection,
    tenant_id: i64,
    order_id: i64,
) -> Result<Option<OrderHead>, AppError> {
    Ok(sqlx::query_as(
        "SELECT status, store_user_id, enterprise_id, phone, number FROM orders
         WHERE id = $1 AND tenant_id = $2",
    )
    .bind(order_id)
    .bind(tenant_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Moves an order from `from` to `to`, recording a shipment's carrier and
/// tracking number when given. `false` when the order is no longer in
/// `from`: someone else acted first.
pub async fn move_status(
    conn: &mut AnyConnection,
    order_id: i64,
    from: &str,
    to: &str,
    shipment: Option<(&str, &str)>,
) -> Result<bool, AppError> {
    let (carrier, tracking) = shipment.unzip();
    let done = sqlx::query(
        "UPDATE orders SET status = $1, updated_at = $2,
                carrier = COALESCE($3, carrier), tracking_number = COALESCE($4, tracking_number)
         WHERE id = $5 AND status = $6",
    )
    .bind(to)
    .bind(crate::db::now())
    .bind(carrier)
    .bind(tracking)
    .bind(order_id)
    .bind(from)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The goods of an order leave: out of stock and out of the reservation.
pub async fn take_out_stock(conn: &mut AnyConnection, order_id: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE skus SET
             stock = stock - (SELECT l.quantity FROM order_lines l WHERE l.order_id = $1 AND l.sku_id = skus.id),
             reserved = reserved - (SELECT l.quantity FROM order_lines l WHERE l.order_id = $1 AND l.sku_id = skus.id)
         WHERE id IN (SELECT sku_id FROM order_lines WHERE order_id = $1)",
    )
    .bind(order_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An order's reservation is given back (a cancelled order).
pub async fn release_stock(conn: &mut AnyConnection, order_id: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE skus SET
             reserved = reserved - (SELECT l.quantity FROM order_lines l WHERE l.order_id = $1 AND l.sku_id = skus.id)
         WHERE id IN (SELECT sku_id FROM order_lines WHERE order_id = $1)",
    )
    .bind(order_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Whose orders a buyer sees: their enterprise's (with `store.orders.view_own`,
/// "view own enterprise's orders") or only their own.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    Enterprise(i64),
    Buyer(i64),
    /// The brand's staff: every order of the store.
    Store,
}

impl Scope {
    /// Whose orders this buyer sees.
    pub fn of_buyer(user: &crate::db::auth::SessionUser) -> Scope {
        if user.can_see_enterprise_orders {
            Scope::Enterprise(user.enterprise_id)
        } else {
            Scope::Buyer(user.user_id)
        }
    }

    /// The SQL condition on `o` and its bound value.
    fn condition(self) -> (&'static str, i64) {
        match self {
            Scope::Enterprise(id) => ("o.enterprise_id = $2", id),
            Scope::Buyer(id) => ("o.store_user_id = $2", id),
            // The store itself is `$1`; `$2` is then unused but bound.
            Scope::Store => ("$2 = 0", 0),
        }
    }
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    number: String,
    status: String,
    total: i64,
    units: i64,
    created_at: i64,
}

impl SummaryRow {
    fn view(self) -> Result<crate::domain::orders::OrderSummary, AppError> {
        Ok(crate::domain::orders::OrderSummary {
            status: crate::domain::orders::OrderStatus::from_code(&self.status)
                .ok_or(AppError::Internal)?,
            id: self.id,
            number: self.number,
            total: self.total,
            units: self.units,
            created_at: self.created_at,
        })
    }
}

const SUMMARY: &str = "SELECT o.id, o.number, o.status, o.total, o.created_at,
        (SELECT CAST(COALESCE(SUM(l.quantity), 0) AS BIGINT) FROM order_lines l WHERE l.order_id = o.id) AS units
     FROM orders o";

/// One page of the orders a scope sees, newest first, optionally of one status.
pub async fn list(
    conn: &mut AnyConnection,
    tenant_id: i64,
    scope: Scope,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<crate::domain::orders::OrderSummary>, i64), AppError> {
    let (condition, who) = scope.condition();
    let filter = format!("WHERE o.tenant_id = $1 AND {condition} AND ($3 = '' OR o.status = $3)");
    let status = status.unwrap_or("");
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM orders o {filter}"))
        .bind(tenant_id)
        .bind(who)
        .bind(status)
        .fetch_one(&mut *conn)
        .await?;
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{SUMMARY} {filter} ORDER BY o.id DESC LIMIT $4 OFFSET $5"
    ))
    .bind(tenant_id)
    .bind(who)
    .bind(status)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    let items = rows
        .into_iter()
        .map(SummaryRow::view)
        .collect::<Result<_, _>>()?;
    Ok((items, total))
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    recipient: String,
    phone: String,
    address: String,
    note: String,
    carrier: Option<String>,
    tracking_number: Option<String>,
}

/// One order as its detail page shows it, if this scope sees it.
pub async fn detail(
    conn: &mut AnyConnection,
    tenant_id: i64,
    scope: Scope,
    order_id: i64,
) -> Result<Option<crate::domain::orders::OrderDetail>, AppError> {
    use crate::domain::orders::{OrderDetail, OrderLineView, OrderStatus, OrderStep};
    let (condition, who) = scope.condition();
    let filter = format!("WHERE o.tenant_id = $1 AND {condition} AND o.id = $3");
    let Some(summary) = sqlx::query_as::<_, SummaryRow>(&format!("{SUMMARY} {filter}"))
        .bind(tenant_id)
        .bind(who)
        .bind(order_id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let d: DetailRow = sqlx::query_as(
        "SELECT recipient, phone, address, note, carrier, tracking_number FROM orders WHERE id = $1",
    )
    .bind(order_id)
    .fetch_one(&mut *conn)
    .await?;
    let lines: Vec<(i64, String, String, i64, i64)> = sqlx::query_as(
        "SELECT sku_id, product_name, sku_code, unit_price, quantity FROM order_lines
         WHERE order_id = $1 ORDER BY sku_id",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?;
    let steps: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT status, action, note, created_at FROM order_history WHERE order_id = $1 ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?;
    let history = steps
        .into_iter()
        .map(|(status, action, note, at)| {
            Ok(OrderStep {
                status: OrderStatus::from_code(&status).ok_or(AppError::Internal)?,
                action,
                note,
                at,
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(Some(OrderDetail {
        summary: summary.view()?,
        recipient: d.recipient,
        phone: d.phone,
        address: d.address,
        note: d.note,
        carrier: d.carrier,
        tracking_number: d.tracking_number,
        lines: lines
            .into_iter()
            .map(
                |(sku_id, product, sku_code, unit_price, quantity)| OrderLineView {
                    line_total: unit_price.saturating_mul(quantity),
                    sku_id,
                    product,
                    sku_code,
                    unit_price,
                    quantity,
                },
            )
            .collect(),
        history,
    }))
}

/// What the shipping text needs: the number, the shipment and the phone of
/// the ordering account that placed the order.
pub async fn shipment_notice(
    conn: &mut AnyConnection,
    order_id: i64,
) -> Result<Option<(String, String, String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT o.number, COALESCE(o.carrier, ''), COALESCE(o.tracking_number, ''), u.phone
         FROM orders o JOIN store_users u ON u.id = o.store_user_id WHERE o.id = $1",
    )
    .bind(order_id)
    .fetch_optional(&mut *conn)
    .await?)
}

#[derive(sqlx::FromRow)]
struct ConsoleRow {
    #[sqlx(flatten)]
    order: SummaryRow,
    distributor: String,
    buyer: String,
}

/// The console's order filters, checked.
pub struct ConsoleFilter<'a> {
    /// A status code, or empty for all.
    pub status: &'a str,
    /// Part of an order number or of the distributor's name, as a LIKE
    /// pattern; `%` for all.
    pub search: &'a str,
    /// Placed at or after (unix seconds; 0 for no bound).
    pub from: i64,
    /// Placed before (unix seconds; 0 for no bound).
    pub until: i64,
}

/// One page of the store's orders for the console, newest first.
pub async fn console_list(
    conn: &mut AnyConnection,
    tenant_id: i64,
    f: &ConsoleFilter<'_>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<crate::domain::orders::ConsoleOrderRow>, i64), AppError> {
    const FROM: &str = "FROM orders o
         JOIN enterprises e ON e.id = o.enterprise_id
         JOIN accounts a ON a.id = e.account_id
         JOIN store_users u ON u.id = o.store_user_id
         JOIN contacts c ON c.id = u.contact_id
         WHERE o.tenant_id = $1 AND ($2 = '' OR o.status = $2)
           AND (lower(o.number) LIKE lower($3) ESCAPE '\\' OR lower(a.name) LIKE lower($3) ESCAPE '\\')
           AND ($4 = 0 OR o.created_at >= $4) AND ($5 = 0 OR o.created_at < $5)";
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {FROM}"))
        .bind(tenant_id)
        .bind(f.status)
        .bind(f.search)
        .bind(f.from)
        .bind(f.until)
        .fetch_one(&mut *conn)
        .await?;
    let rows: Vec<ConsoleRow> = sqlx::query_as(&format!(
        "SELECT o.id, o.number, o.status, o.total, o.created_at,
                (SELECT CAST(COALESCE(SUM(l.quantity), 0) AS BIGINT) FROM order_lines l WHERE l.order_id = o.id) AS units,
                a.name AS distributor, c.name AS buyer
         {FROM} ORDER BY o.id DESC LIMIT $6 OFFSET $7"
    ))
    .bind(tenant_id)
    .bind(f.status)
    .bind(f.search)
    .bind(f.from)
    .bind(f.until)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    let items = rows
        .into_iter()
        .map(|r| {
            Ok(crate::domain::orders::ConsoleOrderRow {
                summary: r.order.view()?,
                distributor: r.distributor,
                buyer: r.buyer,
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok((items, total))
}

/// The SKUs and quantities of an order this scope sees (empty if none).
pub async fn lines_of(
    conn: &mut AnyConnection,
    tenant_id: i64,
    scope: Scope,
    order_id: i64,
) -> Result<Vec<(i64, String, i64)>, AppError> {
    let (condition, who) = scope.condition();
    Ok(sqlx::query_as(&format!(
        "SELECT l.sku_id, l.product_name, l.quantity FROM order_lines l
         JOIN orders o ON o.id = l.order_id
         WHERE o.tenant_id = $1 AND {condition} AND o.id = $3 ORDER BY l.sku_id"
    ))
    .bind(tenant_id)
    .bind(who)
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// How many orders this ordering account has placed: part of the cart's
/// checkout key.
pub async fn placed_by(conn: &mut AnyConnection, store_user_id: i64) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM orders WHERE store_user_id = $1")
            .bind(store_user_id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// Orders and revenue per China day since `since` (cancelled orders left
/// out), for the dashboard's chart.
pub async fn per_day(
    conn: &mut AnyConnection,
    tenant_id: i64,
    since: i64,
) -> Result<Vec<crate::domain::orders::DayTotal>, AppError> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT (created_at + 28800) / 86400 AS day, COUNT(*),
                CAST(COALESCE(SUM(total), 0) AS BIGINT)
         FROM orders
         WHERE tenant_id = $1 AND created_at >= $2 AND status <> 'cancelled'
         GROUP BY (created_at + 28800) / 86400
         ORDER BY 1",
    )
    .bind(tenant_id)
    .bind(since)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(day, orders, revenue)| crate::domain::orders::DayTotal {
            day,
            orders,
            revenue,
        })
        .collect())
}

/// How many of the store's orders are in each status.
pub async fn count_by_status(
    conn: &mut AnyConnection,
    tenant_id: i64,
) -> Result<Vec<(String, i64)>, AppError> {
    Ok(
        sqlx::query_as("SELECT status, COUNT(*) FROM orders WHERE tenant_id = $1 GROUP BY status")
            .bind(tenant_id)
            .fetch_all(&mut *conn)
            .await?,
    )
}
