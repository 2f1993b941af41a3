//! The buyer's cart. Guests are asked to log in (`not_logged_in`); a role
//! without `store.orders.place` is refused (`forbidden`).

use crate::domain::cart::CartView;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "cart")]
pub async fn cart(store: String) -> Result<CartView, AppError> {
    use super::ctx::*;
    let (state, tenant, user) = orderer(&store).await?;
    crate::service::cart::cart(&state.pool, &tenant, &user).await
}

/// Adds `quantity` of a SKU to the cart (the product card's and page's button).
#[server(endpoint = "add_to_cart")]
pub async fn add_to_cart(store: String, sku_id: i64, quantity: i64) -> Result<CartView, AppError> {
    use super::ctx::*;
    use crate::service::cart::{change_line, Change};
    let (state, tenant, user) = orderer(&store).await?;
    change_line(&state.pool, &tenant, &user, sku_id, Change::Add(quantity)).await
}

/// Makes a line `quantity` long; 0 removes it.
#[server(endpoint = "set_cart_line")]
pub async fn set_cart_line(
    store: String,
    sku_id: i64,
    quantity: i64,
) -> Result<CartView, AppError> {
    use super::ctx::*;
    use crate::service::cart::{change_line, Change};
    let (state, tenant, user) = orderer(&store).await?;
    change_line(&state.pool, &tenant, &user, sku_id, Change::Set(quantity)).await
}
