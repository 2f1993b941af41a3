//! (ssr) A buyer's cart: one row per SKU, with the unit price when added.

use crate::domain::pricing::{effective_price, PriceLists};
use crate::error::AppError;
use sqlx::AnyConnection;

/// A cart line with what checkout and the cart page need to know today.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LineRow {
    pub sku_id: i64,
    pub product_id: i64,
    pub product: String,
    pub sku_code: String,
    pub spec: String,
    pub unit: String,
    pub moq: i64,
    pub quantity: i64,
    pub added_price: i64,
    pub added_at: i64,
    #[sqlx(try_from = "crate::domain::Flag")]
    pub on_shelf: bool,
    /// Stock not held by open orders.
    pub free_stock: i64,
    pub primary_price: Option<i64>,
    pub standard_price: Option<i64>,
}

impl LineRow {
    /// Today's unit price for the buyer the lines were read for.
    pub fn price(&self) -> Option<i64> {
        effective_price(self.primary_price, self.standard_price)
    }
}

/// The lines of `store_user_id`'s cart, priced by `lists`, oldest first.
pub async fn lines(
    conn: &mut AnyConnection,
    store_user_id: i64,
    lists: PriceLists,
) -> Result<Vec<LineRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT l.sku_id, p.id AS product_id, p.name AS product, s.code AS sku_code, s.spec,
                p.unit, p.moq, l.quantity, l.added_price, l.added_at, p.on_shelf,
                s.stock - s.reserved AS free_stock,
                pp.amount AS primary_price, sp.amount AS standard_price
         FROM cart_lines l
         JOIN skus s ON s.id = l.sku_id
         JOIN products p ON p.id = s.product_id
         LEFT JOIN prices pp ON pp.sku_id = s.id AND pp.price_list_id = $2
         LEFT JOIN prices sp ON sp.sku_id = s.id AND sp.price_list_id = $3
         WHERE l.store_user_id = $1
         ORDER BY l.added_at, l.sku_id",
    )
    .bind(store_user_id)
    .bind(lists.primary)
    .bind(lists.standard)
    .fetch_all(&mut *conn)
    .await?)
}

/// One SKU of this store as adding it to a cart needs it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SkuForCart {
    pub product: String,
    pub moq: i64,
    #[sqlx(try_from = "crate::domain::Flag")]
    pub on_shelf: bool,
    pub free_stock: i64,
    pub primary_price: Option<i64>,
    pub standard_price: Option<i64>,
    /// Already in the cart (0 when not).
    pub in_cart: i64,
}

pub async fn sku_for_cart(
    conn: &mut AnyConnection,
    tenant_id: i64,
    store_user_id: i64,
    sku_id: i64,
    lists: PriceLists,
) -> Result<Option<SkuForCart>, AppError> {
    Ok(sqlx::query_as(
        "SELECT p.name AS product, p.moq, p.on_shelf, s.stock - s.reserved AS free_stock,
                pp.amount AS primary_price, sp.amount AS standard_price,
                COALESCE(l.quantity, 0) AS in_cart
         FROM skus s
         JOIN products p ON p.id = s.product_id
         LEFT JOIN prices pp ON pp.sku_id = s.id AND pp.price_list_id = $4
         LEFT JOIN prices sp ON sp.sku_id = s.id AND sp.price_list_id = $5
         LEFT JOIN cart_lines l ON l.sku_id = s.id AND l.store_user_id = $3
         WHERE s.id = $1 AND s.tenant_id = $2",
    )
    .bind(sku_id)
    .bind(tenant_id)
    .bind(store_user_id)
    .bind(lists.primary)
    .bind(lists.standard)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Sets a line's quantity, stamped with today's price.
pub async fn put_line(
    conn: &mut AnyConnection,
    store_user_id: i64,
    sku_id: i64,
    quantity: i64,
    price: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO cart_lines (store_user_id, sku_id, quantity, added_price, added_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (store_user_id, sku_id)
         DO UPDATE SET quantity = excluded.quantity, added_price = excluded.added_price",
    )
    .bind(store_user_id)
    .bind(sku_id)
    .bind(quantity)
    .bind(price)
    .bind(crate::db::now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn remove_line(
    conn: &mut AnyConnection,
    store_user_id: i64,
    sku_id: i64,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM cart_lines WHERE store_user_id = $1 AND sku_id = $2")
        .bind(store_user_id)
        .bind(sku_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Units in the cart, for the store's cart badge.
pub async fn count(pool: &crate::db::Pool, store_user_id: i64) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM cart_lines WHERE store_user_id = $1",
    )
    .bind(store_user_id)
    .fetch_one(pool)
    .await?)
}

pub async fn clear(conn: &mut AnyConnection, store_user_id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM cart_lines WHERE store_user_id = $1")
        .bind(store_user_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct UsualRow {
    pub sku_id: i64,
    pub product: String,
    pub sku_code: String,
    pub unit: String,
    pub moq: i64,
    pub primary_price: Option<i64>,
    pub standard_price: Option<i64>,
    pub last_quantity: i64,
    pub last_at: i64,
}

/// The SKUs an enterprise ordered since `since` (not counting cancelled
/// orders), each with its latest order's quantity, latest first; only SKUs
/// still on the shelf.
pub async fn usual_items(
    conn: &mut AnyConnection,
    tenant_id: i64,
    enterprise_id: i64,
    since: i64,
    lists: PriceLists,
) -> Result<Vec<UsualRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT l.sku_id, p.name AS product, s.code AS sku_code, p.unit, p.moq,
                pp.amount AS primary_price, sp.amount AS standard_price,
                l.quantity AS last_quantity, o.created_at AS last_at
         FROM order_lines l
         JOIN orders o ON o.id = l.order_id
         JOIN skus s ON s.id = l.sku_id
         JOIN products p ON p.id = s.product_id
         LEFT JOIN prices pp ON pp.sku_id = s.id AND pp.price_list_id = $4
         LEFT JOIN prices sp ON sp.sku_id = s.id AND sp.price_list_id = $5
         WHERE o.tenant_id = $1 AND o.enterprise_id = $2 AND p.on_shelf = TRUE
           AND o.id = (SELECT MAX(o2.id) FROM orders o2 JOIN order_lines l2 ON l2.order_id = o2.id
                       WHERE o2.enterprise_id = $2 AND l2.sku_id = l.sku_id
                         AND o2.status <> 'cancelled' AND o2.created_at >= $3)
         ORDER BY o.id DESC, l.sku_id
         LIMIT 200",
    )
    .bind(tenant_id)
    .bind(enterprise_id)
    .bind(since)
    .bind(lists.primary)
    .bind(lists.standard)
    .fetch_all(&mut *conn)
    .await?)
}

#[derive(sqlx::FromRow)]
pub struct PickRow {
    pub sku_id: i64,
    pub product: String,
    pub sku_code: String,
    pub unit: String,
    pub moq: i64,
    pub primary_price: Option<i64>,
    pub standard_price: Option<i64>,
}

/// SKUs on the shelf whose product name or code contains the `LIKE`
/// pattern, for quick order's search; at most 30.
pub async fn find_skus(
    conn: &mut AnyConnection,
    tenant_id: i64,
    pattern: &str,
    lists: PriceLists,
) -> Result<Vec<PickRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT s.id AS sku_id, p.name AS product, s.code AS sku_code, p.unit, p.moq,
                pp.amount AS primary_price, sp.amount AS standard_price
         FROM skus s
         JOIN products p ON p.id = s.product_id
         LEFT JOIN prices pp ON pp.sku_id = s.id AND pp.price_list_id = $3
         LEFT JOIN prices sp ON sp.sku_id = s.id AND sp.price_list_id = $4
         WHERE s.tenant_id = $1 AND p.on_shelf = TRUE
           AND (lower(p.name) LIKE lower($2) ESCAPE '\\' OR lower(s.code) LIKE lower($2) ESCAPE '\\')
         ORDER BY p.name, s.code
         LIMIT 30",
    )
    .bind(tenant_id)
    .bind(pattern)
    .bind(lists.primary)
    .bind(lists.standard)
    .fetch_all(&mut *conn)
    .await?)
}
