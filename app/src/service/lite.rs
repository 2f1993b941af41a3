//! (ssr) The platform mini-program's store picker. The platform's one
//! mini-program serves every brand's store. Opened from a store's link it
//! logs into that store; opened without one, its login page asks for a
//! ticket for no store, `/lite/enter` turns that ticket into a pass (a
//! cookie, a working day), and `/lite` lists the stores where the phone has
//! an ordering account. A store's own ticket gives the pass too, so a
//! person can switch stores from any of them.

use crate::db;
use crate::domain::lite::{masked_phone, LiteView};
use crate::error::{AppError, LoginError};
use crate::service::login::{channel_on, PhoneLogin};
use crate::service::wechat::{enter_store, new_pass};
use crate::state::AppState;

/// Where a picker ticket leads.
pub struct Entered {
    /// The pass's `Set-Cookie` value.
    pub pass_cookie: String,
    /// The phone has exactly one store: it is logged in there at once.
    pub only_store: Option<(String, PhoneLogin)>,
}

/// `/lite/enter?ticket=`: the ticket (for no store, used once) becomes a
/// pass. A phone with one store goes straight in; with several, to the picker.
pub async fn enter(
    state: &AppState,
    ticket: &str,
    old_session: Option<&str>,
) -> Result<Entered, AppError> {
    let who = db::wechat::use_ticket(&state.pool, &state.config.secret, None, ticket)
        .await?
        .ok_or(LoginError::TicketInvalid)?;
    let pass_cookie = new_pass(state, &who).await?;
    let stores =
        db::lite::stores_for_phone(&state.pool, &state.config.secret, &who.phone, None).await?;
    let only_store = match stores.as_slice() {
        [only] => {
            let tenant = db::tenants::by_slug(&state.pool, &only.slug).await?;
            let login = enter_store(state, &tenant, &who, old_session).await?;
            Some((only.slug.clone(), login))
        }
        _ => None,
    };
    Ok(Entered {
        pass_cookie,
        only_store,
    })
}

/// What `/lite` shows this browser: its pass's stores, or "log in first".
pub async fn view(
    state: &AppState,
    pass: Option<&str>,
    session: Option<&str>,
) -> Result<LiteView, AppError> {
    let Some(who) = live_pass(state, pass).await? else {
        return Ok(LiteView::LogIn);
    };
    let stores =
        db::lite::stores_for_phone(&state.pool, &state.config.secret, &who.phone, session).await?;
    Ok(LiteView::Stores {
        phone: masked_phone(&who.phone),
        stores,
    })
}

/// The person picked a store: the pass's phone logs in there (or, unknown
/// there, goes to its registration), if that store takes mini-program logins.
pub async fn choose(
    state: &AppState,
    pass: Option<&str>,
    store: &str,
    old_session: Option<&str>,
) -> Result<PhoneLogin, AppError> {
    let who = live_pass(state, pass)
        .await?
        .ok_or(LoginError::TicketInvalid)?;
    let tenant = db::tenants::by_slug(&state.pool, store).await?;
    channel_on(tenant.login_mini_program)?;
    enter_store(state, &tenant, &who, old_session).await
}

/// Whether the browser holds a live pass (My account then offers "Switch store").
pub async fn has_pass(state: &AppState, pass: Option<&str>) -> Result<bool, AppError> {
    Ok(live_pass(state, pass).await?.is_some())
}

async fn live_pass(
    state: &AppState,
    pass: Option<&str>,
) -> Result<Option<db::wechat::TicketPhone>, AppError> {
    match pass.filter(|p| !p.is_empty()) {
        Some(token) => db::lite::pass(&state.pool, &state.config.secret, token).await,
        None => Ok(None),
    }
}
