//! Placing orders.

use crate::domain::cart::PlacedOrder;
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
