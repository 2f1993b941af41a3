//! The buyer's enterprise's delivery addresses.

use crate::domain::addresses::AddressView;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "addresses")]
pub async fn addresses(store: String) -> Result<Vec<AddressView>, AppError> {
    use super::ctx::*;
    let (state, _, user) = orderer(&store).await?;
    let mut conn = state.pool.acquire().await?;
    crate::db::addresses::list(&mut conn, user.enterprise_id).await
}

/// Adds an address (`id` empty) or changes one; answers the address book.
#[server(endpoint = "save_address")]
pub async fn save_address(
    store: String,
    id: Option<i64>,
    recipient: String,
    phone: String,
    region: String,
    detail: String,
    is_default: bool,
) -> Result<Vec<AddressView>, AppError> {
    use super::ctx::*;
    use crate::domain::addresses::AddressInput;
    let (state, _, user) = orderer(&store).await?;
    let input = AddressInput {
        recipient,
        phone,
        region,
        detail,
        is_default,
    };
    crate::service::addresses::save(&state.pool, &user, id, input).await
}
