//! The store's ordering forms (cart, quick order, checkout, an order's
//! buttons) post here as plain HTML forms, so ordering works without
//! JavaScript. Every answer is a 303 to the page the submission leads to, so
//! reloading never posts twice; a refusal goes back with the error in the
//! query (`?error=` + the error's JSON), where the page shows its message in
//! the reader's language. A guest is sent to login and back.

use crate::form_answers::{back_with, see, with_error, with_param};
use app::api::ctx::{buyer_at, orderer_at};
use app::domain::addresses::AddressInput;
use app::domain::cart::{valid_idempotency_key, Delivery};
use app::error::{AppError, Invalid, LineProblem, OrderError};
use app::service::cart::{add_lines, change_line, reorder as reorder_lines, Change};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

/// Where a form may send the buyer back to: a page of this store, else the cart.
fn back_to(store: &str, back: &str) -> String {
    let home = format!("/s/{store}");
    let inside = back == home
        || (back.starts_with(&format!("{home}/")) || back.starts_with(&format!("{home}?")));
    if inside && !back.contains("//") && !back.contains('\\') {
        back.to_string()
    } else {
        format!("{home}/cart")
    }
}

/// A page's address without an earlier answer's `error`/`added` parameters.
fn without_notices(path: &str) -> String {
    let Some((base, query)) = path.split_once('?') else {
        return path.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|kv| !kv.starts_with("error=") && !kv.starts_with("added="))
        .collect();
    if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// The answer to a refused submission: a guest goes to login and back to
/// `page`; anyone else back to `page` with the error to show.
fn refused(store: &str, page: &str, err: AppError) -> Response {
    if matches!(err, AppError::NotLoggedIn) {
        return see(&app::store::login_path(store, page));
    }
    back_with(page, &err)
}

fn quantity(text: &str) -> Result<i64, AppError> {
    text.trim().parse::<i64>().map_err(|_| AppError::Invalid {
        field: "quantity".into(),
        reason: Invalid::Number,
    })
}

#[derive(Deserialize)]
pub struct CartForm {
    sku_id: i64,
    quantity: String,
    /// `add` (the default: a product's button) or `set` (a cart line).
    #[serde(default)]
    op: String,
    #[serde(default)]
    back: String,
}

/// Adds to or changes a cart line; back to the page it came from.
pub async fn cart(
    State(state): State<AppState>,
    Path(store): Path<String>,
    headers: HeaderMap,
    Form(form): Form<CartForm>,
) -> Response {
    let back = without_notices(&back_to(&store, &form.back));
    let done = async {
        let (tenant, user) = orderer_at(&state, &store, &headers).await?;
        let qty = quantity(&form.quantity)?;
        let change = match form.op.as_str() {
            "set" => Change::Set(qty),
            // A product's button adds something or nothing at all.
            _ if qty <= 0 => {
                return Err(OrderError::Quantity {
                    problem: LineProblem::NotPositive,
                }
                .into())
            }
            _ => Change::Add(qty),
        };
        change_line(&state.pool, &tenant, &user, form.sku_id, change).await
    }
    .await;
    match done {
        Ok(_) if form.op == "set" => see(&back),
        Ok(_) => see(&with_param(&back, "added", &form.sku_id.to_string())),
        Err(e) => refused(&store, &back, e),
    }
}

/// The quick-order form: `qty_{sku}` fields; every one with a quantity goes
/// into the cart, and the cart page names any that could not.
pub async fn quick(
    State(state): State<AppState>,
    Path(store): Path<String>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let page = format!("/s/{store}/quick");
    let done = async {
        let (tenant, user) = orderer_at(&state, &store, &headers).await?;
        let mut lines = Vec::new();
        for (name, value) in &pairs {
            let Some(sku) = name
                .strip_prefix("qty_")
                .and_then(|s| s.parse::<i64>().ok())
            else {
                continue;
            };
            if value.trim().is_empty() || value.trim() == "0" {
                continue;
            }
            lines.push((sku, quantity(value)?));
        }
        if lines.len() > 200 {
            return Err(AppError::TooLarge);
        }
        add_lines(&state.pool, &tenant, &user, &lines).await
    }
    .await;
    match done {
        Ok(r) => see(&skipped_notice(&format!("/s/{store}/cart"), r.skipped)),
        Err(e) => refused(&store, &page, e),
    }
}

/// The cart page, naming the lines a reorder or quick order could not add.
fn skipped_notice(cart: &str, skipped: Vec<app::error::RefusedLine>) -> String {
    if skipped.is_empty() {
        return cart.to_string();
    }
    let err: AppError = app::error::OrderError::LinesRefused { lines: skipped }.into();
    with_error(cart, &err)
}

#[derive(Deserialize)]
pub struct CheckoutForm {
    key: String,
    /// A saved address's id, or `new` for the fields below.
    #[serde(default)]
    address: String,
    #[serde(default)]
    recipient: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    detail: String,
    #[serde(default)]
    note: String,
}

/// Places the order; on to its page. A new address is saved to the
/// enterprise's book first, so a refused checkout does not lose it.
pub async fn checkout(
    State(state): State<AppState>,
    Path(store): Path<String>,
    headers: HeaderMap,
    Form(form): Form<CheckoutForm>,
) -> Response {
    let page = format!("/s/{store}/checkout");
    let done = async {
        let (tenant, user) = orderer_at(&state, &store, &headers).await?;
        if !valid_idempotency_key(&form.key) {
            return Err(AppError::BadRequest {
                detail: "idempotency key".into(),
            });
        }
        let delivery = delivery(&state, &user, &form).await?;
        let note = app::domain::validate::optional_text("note", &form.note, 500)?;
        let note = note.unwrap_or_default();
        app::service::orders::checkout(&state.pool, &tenant, &user, &form.key, &delivery, &note)
            .await
    }
    .await;
    match done {
        Ok(placed) => see(&format!("/s/{store}/orders/{}?placed=1", placed.id)),
        // Line refusals belong beside the lines.
        Err(e @ AppError::Orders(_)) => refused(&store, &format!("/s/{store}/cart"), e),
        Err(e) => refused(&store, &page, e),
    }
}

/// The chosen saved address, or the new one once saved.
async fn delivery(
    state: &AppState,
    user: &app::db::auth::SessionUser,
    form: &CheckoutForm,
) -> Result<Delivery, AppError> {
    let mut conn = state.pool.acquire().await?;
    let book = app::db::addresses::list(&mut conn, user.enterprise_id).await?;
    drop(conn);
    let chosen = match form.address.parse::<i64>() {
        Ok(id) => book
            .into_iter()
            .find(|a| a.id == id)
            .ok_or(AppError::NotFound)?,
        Err(_) => {
            let input = AddressInput {
                recipient: form.recipient.clone(),
                phone: form.phone.clone(),
                region: form.region.clone(),
                detail: form.detail.clone(),
                is_default: false,
            };
            let checked = input.clone().checked()?;
            let book = app::service::addresses::save(&state.pool, user, None, input).await?;
            book.into_iter()
                .rev()
                .find(|a| a.recipient == checked.recipient && a.detail == checked.detail)
                .ok_or(AppError::Internal)?
        }
    };
    Delivery {
        address: chosen.one_line(),
        recipient: chosen.recipient,
        phone: chosen.phone,
    }
    .checked()
}

/// The buyer confirms a shipped order arrived; back to the order.
pub async fn receipt(
    State(state): State<AppState>,
    Path((store, id)): Path<(String, i64)>,
    headers: HeaderMap,
) -> Response {
    let page = format!("/s/{store}/orders/{id}");
    let done = async {
        let (tenant, user) = buyer_at(&state, &store, &headers).await?;
        app::service::orders::confirm_receipt(&state.pool, tenant.id, &user, id).await
    }
    .await;
    match done {
        Ok(_) => see(&page),
        Err(e) => refused(&store, &page, e),
    }
}

/// The order's lines into the cart at today's prices; on to the cart, which
/// names the lines that could not go in.
pub async fn reorder(
    State(state): State<AppState>,
    Path((store, id)): Path<(String, i64)>,
    headers: HeaderMap,
) -> Response {
    let page = format!("/s/{store}/orders/{id}");
    let done = async {
        let (tenant, user) = orderer_at(&state, &store, &headers).await?;
        let scope = app::db::orders::Scope::of_buyer(&user);
        reorder_lines(&state.pool, &tenant, &user, scope, id).await
    }
    .await;
    match done {
        Ok(r) => see(&skipped_notice(&format!("/s/{store}/cart"), r.skipped)),
        Err(e) => refused(&store, &page, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_only_send_back_into_their_own_store() {
        assert_eq!(back_to("demo", "/s/demo/p/3"), "/s/demo/p/3");
        assert_eq!(back_to("demo", "/s/demo?cat=2"), "/s/demo?cat=2");
        assert_eq!(back_to("demo", "/s/demo"), "/s/demo");
        assert_eq!(back_to("demo", "https://evil.example/"), "/s/demo/cart");
        assert_eq!(back_to("demo", "/s/demo//evil.example"), "/s/demo/cart");
        assert_eq!(back_to("demo", "/s/demox/p/1"), "/s/demo/cart");
        assert_eq!(back_to("demo", ""), "/s/demo/cart");
    }

    #[test]
    fn earlier_notices_are_dropped_from_the_way_back() {
        assert_eq!(
            without_notices("/s/demo?cat=2&added=5&error=x"),
            "/s/demo?cat=2"
        );
        assert_eq!(without_notices("/s/demo/p/1?added=5"), "/s/demo/p/1");
        assert_eq!(
            with_param("/s/demo?cat=2", "added", "5"),
            "/s/demo?cat=2&added=5"
        );
    }
}

#[derive(Deserialize)]
pub struct TeamForm {
    /// `add`, or a change to `member`: `disable`, `enable`, `liaison`, `not_liaison`.
    op: String,
    #[serde(default)]
    member: Option<i64>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    phone: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    liaison: Option<String>,
}

/// A distributor admin's team page: add an employee, or change one. Back to
/// the page with `?done=` or the error.
pub async fn team(
    State(state): State<AppState>,
    Path(store): Path<String>,
    headers: HeaderMap,
    lang: Option<axum::Extension<app::i18n::Lang>>,
    Form(form): Form<TeamForm>,
) -> Response {
    use app::domain::teams::{NewTeammate, TeamChange};
    use app::service::teams;
    let page = format!("/s/{store}/team");
    let done = async {
        let (tenant, admin) = buyer_at(&state, &store, &headers).await?;
        if form.op == "add" {
            let new = NewTeammate::parse(&form.name, &form.phone, form.liaison.is_some())?;
            let public = app::api::ctx::public_url_of(&state, &headers).unwrap_or_default();
            let link = format!("{public}/s/{}/login", tenant.slug);
            let invite = teams::Invite {
                store_name: &tenant.display_name,
                login_link: &link,
                lang: lang.map(|l| l.0).unwrap_or_default(),
            };
            teams::add(&state, &admin, &new, invite).await?;
            return Ok("added");
        }
        let change = TeamChange::from_form(&form.op).ok_or(AppError::BadRequest {
            detail: "team change".into(),
        })?;
        let member = form.member.ok_or(AppError::NotFound)?;
        teams::change(&state.pool, &admin, member, change).await?;
        Ok("changed")
    }
    .await;
    match done {
        Ok(what) => see(&with_param(&page, "done", what)),
        Err(e) => refused(&store, &page, e),
    }
}
