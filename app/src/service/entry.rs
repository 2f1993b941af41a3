//! (ssr) Application entry: a brand's store reaches its distributors through
//! the platform's mini-program, or (dedicated mode) through the brand's own,
//! authorized to the platform's third-party platform. This part takes what
//! WeChat pushes to the platform's event URL.

use crate::db;
use crate::error::AppError;
use crate::ports::wechat::ComponentEvent;
use crate::state::AppState;

/// Handles one push. Pushes repeat (WeChat retries, and the `authorized`
/// push carries the same code as the admin's return), so each is idempotent.
pub async fn on_component_event(
    state: &AppState,
    component_appid: &str,
    event: ComponentEvent,
) -> Result<(), AppError> {
    match event {
        ComponentEvent::Ticket(ticket) => {
            db::entry::store_ticket(&state.pool, component_appid, &ticket, db::now()).await
        }
        ComponentEvent::Unauthorized { authorizer_appid } => {
            if let Some(tenant) = db::entry::unauthorize(&state.pool, &authorizer_appid).await? {
                tracing::info!(tenant, appid = %authorizer_appid, "mini-program unauthorized: back to platform mode");
            }
            Ok(())
        }
        ComponentEvent::Authorized {
            authorizer_appid, ..
        } => {
            // The grant is checked and kept when the admin comes back to the
            // application entry page with the same code.
            tracing::info!(appid = %authorizer_appid, "authorization pushed");
            Ok(())
        }
        ComponentEvent::Other(info_type) => {
            tracing::debug!(%info_type, "component push left alone");
            Ok(())
        }
    }
}
