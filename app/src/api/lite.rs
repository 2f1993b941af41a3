//! The platform mini-program's store picker (`/lite`).

use crate::domain::lite::LiteView;
use crate::error::AppError;
use leptos::prelude::*;

/// The stores this browser's pass may enter, or "log in first". Anyone may
/// ask: without a pass there is nothing to show.
#[server(endpoint = "lite_stores")]
pub async fn lite_stores() -> Result<LiteView, AppError> {
    use super::ctx::*;
    use crate::service::wechat::PASS_COOKIE;
    let state = state()?;
    let pass = cookie(PASS_COOKIE);
    let session = cookie(SESSION_COOKIE);
    crate::service::lite::view(&state, pass.as_deref(), session.as_deref()).await
}
