//! Self-registration: the store's form and status page, the form's submit
//! (a plain POST that works without JavaScript), and the console's approvals
//! inbox.
//!
//! A phone that passed SMS verification without an ordering account gets a
//! ticket (HttpOnly cookie `ol_reg`, 30 minutes); the form, its submit and
//! the status page all read the phone from that ticket, never from the form.

use crate::domain::list::Page;
use crate::domain::registration::*;
use crate::error::AppError;
use leptos::prelude::*;

/// (ssr) The verified phone of this browser's ticket for `tenant`, if live.
#[cfg(feature = "ssr")]
async fn ticket(
    state: &crate::state::AppState,
    tenant_id: i64,
) -> Result<Option<crate::db::registration::Ticket>, AppError> {
    match super::ctx::cookie(TICKET_COOKIE) {
        Some(token) if !token.is_empty() => {
            crate::db::registration::ticket(&state.pool, &state.config.secret, &token, tenant_id)
                .await
        }
        _ => Ok(None),
    }
}

#[server(endpoint = "register_form")]
pub async fn register_form(store: String) -> Result<RegisterPage, AppError> {
    use super::ctx::*;
    use crate::domain::layout::LayoutObject;
    let (state, tenant, user) = shopper(&store).await?;
    if !tenant.registration_enabled {
        return Err(AppError::Registration(
            crate::error::RegistrationError::RegistrationClosed,
        ));
    }
    if user.is_some() {
        return Ok(RegisterPage::Member);
    }
    let ticket = ticket(&state, tenant.id)
        .await?
        .ok_or(AppError::NotLoggedIn)?;
    let latest = crate::db::registration::latest(&state.pool, tenant.id, &ticket.phone).await?;
    if !crate::service::registration::may_apply(latest.as_ref()) {
        return Ok(RegisterPage::Pending);
    }
    let layout =
        crate::db::layouts::get(&state.pool, tenant.id, LayoutObject::Registration).await?;
    Ok(RegisterPage::Form {
        layout,
        phone: ticket.phone,
        draft: ticket.draft.unwrap_or_default(),
        rejected_reason: latest
            .filter(|l| l.status() == Status::Rejected)
            .and_then(|l| l.reason),
    })
}

#[server(endpoint = "registration_status")]
pub async fn registration_status(store: String) -> Result<StatusView, AppError> {
    use super::ctx::*;
    let state = state()?;
    let tenant = tenant(&state, &store).await?;
    let ticket = ticket(&state, tenant.id)
        .await?
        .ok_or(AppError::NotLoggedIn)?;
    let latest = crate::db::registration::latest(&state.pool, tenant.id, &ticket.phone).await?;
    Ok(match latest {
        None => StatusView {
            status: None,
            company: String::new(),
            submitted: String::new(),
            reason: None,
        },
        Some(l) => StatusView {
            status: Some(l.status()),
            submitted: crate::domain::time::china_time(l.created_at),
            company: l.company,
            reason: l.reason,
        },
    })
}

// ---------- console: the approvals inbox ----------

#[server(endpoint = "console/registrations")]
pub async fn registrations(status: Status, page: u32) -> Result<Page<ApplicationView>, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::RegistrationsApprove).await?;
    let q = crate::domain::list::ListQuery::new("", page)?;
    let rows =
        crate::db::registration::list(&state.pool, staff.tenant_id, status, q.limit, q.offset)
            .await?;
    Ok(q.page(rows))
}

/// The badge count: pending applications, for staff who can decide them.
#[server(endpoint = "console/pending_registrations")]
pub async fn pending_registrations() -> Result<i64, AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::RegistrationsApprove).await?;
    crate::db::registration::pending_count(&state.pool, staff.tenant_id).await
}

/// Approves an application: a new Account on `price_list_id` (none: standard
/// prices), or the existing Account `account_id`; then its Contact,
/// Enterprise and ordering account. The applicant is told by SMS.
#[server(endpoint = "console/approve_registration")]
pub async fn approve_registration(
    id: i64,
    price_list_id: Option<i64>,
    account_id: Option<i64>,
) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let (state, staff) = staff_with(Permission::RegistrationsApprove).await?;
    crate::service::registration::approve(&state, &staff, id, price_list_id, account_id).await
}

#[server(endpoint = "console/reject_registration")]
pub async fn reject_registration(id: i64, reason: String) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let reason = crate::domain::registration::check_reason(&reason)?;
    let (state, staff) = staff_with(Permission::RegistrationsApprove).await?;
    crate::service::registration::reject(&state, &staff, id, &reason).await
}
