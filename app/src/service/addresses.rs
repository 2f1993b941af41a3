//! (ssr) Saving an enterprise's delivery address, keeping one default.

use crate::db;
use crate::db::auth::SessionUser;
use crate::domain::addresses::{AddressInput, AddressView};
use crate::error::AppError;

/// Adds (`id` none) or changes an address of the buyer's enterprise, in one
/// transaction. The first address is the default; marking another as the
/// default takes it from the one before. Answers the address book.
pub async fn save(
    pool: &db::Pool,
    user: &SessionUser,
    id: Option<i64>,
    input: AddressInput,
) -> Result<Vec<AddressView>, AppError> {
    let mut input = input.checked()?;
    let enterprise = user.enterprise_id;
    let mut tx = db::begin(pool).await?;
    if id.is_none() && db::addresses::count(&mut tx, enterprise).await? == 0 {
        input.is_default = true;
    }
    if input.is_default {
        db::addresses::clear_default(&mut tx, enterprise).await?;
    }
    match id {
        Some(id) => db::addresses::update(&mut tx, enterprise, id, &input).await?,
        None => {
            db::addresses::insert(&mut tx, user.tenant_id, enterprise, &input).await?;
        }
    }
    let book = db::addresses::list(&mut tx, enterprise).await?;
    tx.commit().await?;
    Ok(book)
}
