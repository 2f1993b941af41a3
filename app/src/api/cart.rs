//! The buyer's cart. Guests are asked to log in (`not_logged_in`); a role
//! without `store.orders.place` is refused (`forbidden`).

use crate::domain::cart::{CartChange, CartView};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "cart")]
pub async fn cart(store: String) -> Result<CartView, AppError> {
    use super::ctx::*;
    let (state, tenant, user) = orderer(&store).await?;
    crate::service::cart::cart(&state.pool, &tenant, &user).await
}

/// Adds `quantity` of a SKU to the cart: the product page's button, and the
/// cart's steppers with -1, +1 or the difference to a typed quantity (one
/// server function for the store's islands keeps their WASM small).
#[server(endpoint = "add_to_cart")]
pub async fn add_to_cart(
    store: String,
    sku_id: i64,
    quantity: i64,
) -> Result<CartChange, AppError> {
    use super::ctx::*;
    use crate::service::cart::{change_line, Change};
    let (state, tenant, user) = orderer(&store).await?;
    let cart = change_line(&state.pool, &tenant, &user, sku_id, Change::Add(quantity)).await?;
    Ok(cart.change_of(sku_id))
}

/// Makes a line `quantity` long; 0 removes it (the cart's steppers).
#[server(endpoint = "set_cart_line")]
pub async fn set_cart_line(
    store: String,
    sku_id: i64,
    quantity: i64,
) -> Result<CartChange, AppError> {
    use super::ctx::*;
    use crate::service::cart::{change_line, Change};
    let (state, tenant, user) = orderer(&store).await?;
    let cart = change_line(&state.pool, &tenant, &user, sku_id, Change::Set(quantity)).await?;
    Ok(cart.change_of(sku_id))
}

/// The quick-order page's usual items: what the buyer's enterprise ordered in
/// the last 90 days, with the last quantity and how many days ago.
#[server(endpoint = "usual_items")]
pub async fn usual_items(store: String) -> Result<Vec<crate::domain::cart::UsualItem>, AppError> {
    use super::ctx::*;
    let (state, tenant, user) = orderer(&store).await?;
    crate::service::cart::usual_items(&state.pool, &tenant, &user).await
}

/// The quick-order page: the usual items and, for a search `q`, the SKUs
/// it finds.
#[server(endpoint = "quick_order")]
pub async fn quick_order(
    store: String,
    q: String,
) -> Result<crate::domain::cart::QuickOrderPage, AppError> {
    use super::ctx::*;
    if q.chars().count() > 100 {
        return Err(AppError::BadRequest {
            detail: "search too long".into(),
        });
    }
    let (state, tenant, user) = orderer(&store).await?;
    let usual = crate::service::cart::usual_items(&state.pool, &tenant, &user).await?;
    let found = crate::service::cart::find_skus(&state.pool, &tenant, &user, &q).await?;
    Ok(crate::domain::cart::QuickOrderPage { usual, found })
}

/// Puts every `(sku, quantity)` with a quantity into the cart at once; the
/// lines that cannot go in are named.
#[server(endpoint = "add_lines_to_cart", input = server_fn::codec::Json)]
pub async fn add_lines_to_cart(
    store: String,
    lines: Vec<(i64, i64)>,
) -> Result<crate::domain::cart::Reordered, AppError> {
    use super::ctx::*;
    if lines.len() > 200 {
        return Err(AppError::TooLarge);
    }
    let (state, tenant, user) = orderer(&store).await?;
    crate::service::cart::add_lines(&state.pool, &tenant, &user, &lines).await
}
