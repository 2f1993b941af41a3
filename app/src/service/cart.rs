//! (ssr) A buyer's cart: adding, changing and reading lines, each checked
//! against the product's minimum, the free stock and the buyer's price.

use crate::db;
use crate::db::auth::SessionUser;
use crate::db::cart::LineRow;
use crate::db::tenants::Tenant;
use crate::domain::cart::{cart_total, check_quantity, line_notices, CartLineView, CartView};
use crate::domain::pricing::{effective_price, price_lists_for, PriceLists, Viewer};
use crate::error::{AppError, LineProblem, OrderError};

/// The lists that price this buyer (none when their role hides prices).
pub fn buyer_lists(tenant: &Tenant, user: &SessionUser) -> PriceLists {
    let viewer = if user.can_see_prices {
        Viewer::Distributor {
            account_list: user.account_price_list_id,
        }
    } else {
        Viewer::NoPrices
    };
    price_lists_for(viewer, tenant.standard_price_list_id)
}

/// How a quantity change applies to the line already in the cart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Add to what is there (the product card's button).
    Add(i64),
    /// Make it this many; 0 removes the line (the cart's stepper).
    Set(i64),
}

/// The unit price a line of `quantity` goes into the cart at, or why it
/// cannot: the product on the shelf, priced for the buyer, the quantity
/// within its minimum and the stock other orders have not reserved.
fn admit(sku: &db::cart::SkuForCart, quantity: i64) -> Result<i64, LineProblem> {
    if !sku.on_shelf {
        return Err(LineProblem::OffShelf);
    }
    let price = effective_price(sku.primary_price, sku.standard_price)
        .ok_or(LineProblem::NoLongerPriced)?;
    check_quantity(quantity, sku.moq, Some(sku.free_stock))?;
    Ok(price)
}

/// Applies `change` to one SKU's line, in one transaction, and returns the cart.
pub async fn change_line(
    pool: &db::Pool,
    tenant: &Tenant,
    user: &SessionUser,
    sku_id: i64,
    change: Change,
) -> Result<CartView, AppError> {
    let lists = buyer_lists(tenant, user);
    let mut tx = db::begin(pool).await?;
    let sku = db::cart::sku_for_cart(&mut tx, tenant.id, user.user_id, sku_id, lists)
        .await?
        .ok_or(AppError::NotFound)?;
    let quantity = match change {
        Change::Add(n) => sku.in_cart.saturating_add(n),
        Change::Set(n) => n,
    };
    if quantity == 0 && matches!(change, Change::Set(_)) {
        db::cart::remove_line(&mut tx, user.user_id, sku_id).await?;
    } else {
        let price = admit(&sku, quantity).map_err(|problem| OrderError::Quantity { problem })?;
        db::cart::put_line(&mut tx, user.user_id, sku_id, quantity, price).await?;
    }
    let lines = db::cart::lines(&mut tx, user.user_id, lists).await?;
    let cart = view(&mut tx, user.user_id, lines).await?;
    tx.commit().await?;
    Ok(cart)
}

/// Puts an earlier order's lines into the cart at today's prices, each as
/// much as was ordered then (added to what the cart holds). A line that
/// cannot be ordered today (off the shelf, unpriced, under a new minimum,
/// short of stock) is skipped and named; the others go in. One transaction.
pub async fn reorder(
    pool: &db::Pool,
    tenant: &Tenant,
    user: &SessionUser,
    scope: db::orders::Scope,
    order_id: i64,
) -> Result<crate::domain::cart::Reordered, AppError> {
    use crate::error::RefusedLine;
    let lists = buyer_lists(tenant, user);
    let mut tx = db::begin(pool).await?;
    let lines = db::orders::lines_of(&mut tx, tenant.id, scope, order_id).await?;
    if lines.is_empty() {
        return Err(AppError::NotFound);
    }
    let mut skipped = Vec::new();
    for (sku_id, product, quantity) in lines {
        let sku = db::cart::sku_for_cart(&mut tx, tenant.id, user.user_id, sku_id, lists).await?;
        let outcome = match sku {
            None => Err(LineProblem::OffShelf),
            Some(sku) => {
                let wanted = sku.in_cart.saturating_add(quantity);
                admit(&sku, wanted).map(|price| (wanted, price))
            }
        };
        match outcome {
            Ok((wanted, price)) => {
                db::cart::put_line(&mut tx, user.user_id, sku_id, wanted, price).await?
            }
            Err(problem) => skipped.push(RefusedLine {
                sku_id,
                product,
                problem,
            }),
        }
    }
    let lines = db::cart::lines(&mut tx, user.user_id, lists).await?;
    let cart = view(&mut tx, user.user_id, lines).await?;
    tx.commit().await?;
    Ok(crate::domain::cart::Reordered { cart, skipped })
}

/// What the buyer's enterprise ordered in the last 90 days, latest first,
/// priced for them today: the top of the quick-order page.
pub async fn usual_items(
    pool: &db::Pool,
    tenant: &Tenant,
    user: &SessionUser,
) -> Result<Vec<crate::domain::cart::UsualItem>, AppError> {
    use crate::domain::cart::{UsualItem, USUAL_ITEMS_DAYS};
    let now = db::now();
    let since = now - USUAL_ITEMS_DAYS * 86_400;
    let mut conn = pool.acquire().await?;
    let rows = db::cart::usual_items(
        &mut conn,
        tenant.id,
        user.enterprise_id,
        since,
        buyer_lists(tenant, user),
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| UsualItem {
            price: effective_price(r.primary_price, r.standard_price),
            days_ago: (now - r.last_at).max(0) / 86_400,
            sku_id: r.sku_id,
            product: r.product,
            sku_code: r.sku_code,
            unit: r.unit,
            moq: r.moq,
            last_quantity: r.last_quantity,
        })
        .collect())
}

/// Quick order's search: SKUs on the shelf by product name or code, priced
/// for the buyer.
pub async fn find_skus(
    pool: &db::Pool,
    tenant: &Tenant,
    user: &SessionUser,
    q: &str,
) -> Result<Vec<crate::domain::cart::SkuPick>, AppError> {
    if q.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut conn = pool.acquire().await?;
    let pattern = db::like_pattern(q);
    let rows =
        db::cart::find_skus(&mut conn, tenant.id, &pattern, buyer_lists(tenant, user)).await?;
    Ok(rows
        .into_iter()
        .map(|r| crate::domain::cart::SkuPick {
            price: effective_price(r.primary_price, r.standard_price),
            sku_id: r.sku_id,
            product: r.product,
            sku_code: r.sku_code,
            unit: r.unit,
            moq: r.moq,
        })
        .collect())
}

/// Adds several SKUs at once (the quick-order page's one button): each line
/// checked as `change_line` checks it; the ones refused are named and the
/// others go in, in one transaction.
pub async fn add_lines(
    pool: &db::Pool,
    tenant: &Tenant,
    user: &SessionUser,
    lines: &[(i64, i64)],
) -> Result<crate::domain::cart::Reordered, AppError> {
    use crate::error::RefusedLine;
    let lists = buyer_lists(tenant, user);
    let mut tx = db::begin(pool).await?;
    let mut skipped = Vec::new();
    for &(sku_id, quantity) in lines.iter().filter(|(_, q)| *q != 0) {
        let sku = db::cart::sku_for_cart(&mut tx, tenant.id, user.user_id, sku_id, lists)
            .await?
            .ok_or(AppError::NotFound)?;
        let wanted = sku.in_cart.saturating_add(quantity);
        match admit(&sku, wanted) {
            Ok(price) => db::cart::put_line(&mut tx, user.user_id, sku_id, wanted, price).await?,
            Err(problem) => skipped.push(RefusedLine {
                sku_id,
                product: sku.product,
                problem,
            }),
        }
    }
    let lines = db::cart::lines(&mut tx, user.user_id, lists).await?;
    let cart = view(&mut tx, user.user_id, lines).await?;
    tx.commit().await?;
    Ok(crate::domain::cart::Reordered { cart, skipped })
}

/// The buyer's cart as the cart page shows it.
pub async fn cart(
    pool: &db::Pool,
    tenant: &Tenant,
    user: &SessionUser,
) -> Result<CartView, AppError> {
    let mut conn = pool.acquire().await?;
    let lines = db::cart::lines(&mut conn, user.user_id, buyer_lists(tenant, user)).await?;
    view(&mut conn, user.user_id, lines).await
}

/// A key for checking out exactly these lines after `placed` orders: every
/// tab showing the same cart (same SKUs, quantities, prices and times added)
/// shares it, and an order placed with it moves `placed` on, so the same
/// lines added again later get a key of their own.
fn checkout_key(user_id: i64, placed: i64, rows: &[LineRow]) -> String {
    // FNV-1a: stable across processes and releases, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |n: i64| {
        for b in n.to_le_bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(user_id);
    eat(placed);
    for r in rows {
        eat(r.sku_id);
        eat(r.quantity);
        eat(r.added_price);
        eat(r.added_at);
    }
    format!("cart-{user_id}-{hash:016x}")
}

/// The cart page's view of `rows`, read for `user_id` in `conn`.
async fn view(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    rows: Vec<LineRow>,
) -> Result<CartView, AppError> {
    let placed = db::orders::placed_by(conn, user_id).await?;
    let checkout_key = checkout_key(user_id, placed, &rows);
    let lines: Vec<CartLineView> = rows
        .into_iter()
        .map(|r| {
            let price = r.price();
            CartLineView {
                notices: line_notices(r.added_price, price, r.on_shelf),
                line_total: price.and_then(|p| crate::domain::cart::line_total(p, r.quantity)),
                sku_id: r.sku_id,
                product_id: r.product_id,
                product: r.product,
                sku_code: r.sku_code,
                unit: r.unit,
                moq: r.moq,
                quantity: r.quantity,
                price,
            }
        })
        .collect();
    Ok(CartView {
        total: cart_total(lines.iter().filter_map(|l| Some((l.price?, l.quantity)))).unwrap_or(0),
        count: lines.iter().map(|l| l.quantity).sum(),
        lines,
        checkout_key,
    })
}
