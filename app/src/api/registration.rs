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

#[cfg(feature = "ssr")]
pub fn ticket_cookie(state: &crate::state::AppState, token: &str, max_age: i64) -> String {
    let secure = if state.config.dev { "" } else { "; Secure" };
    format!("{TICKET_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

#[server(endpoint = "register_form")]
pub async fn register_form(store: String) -> Result<RegisterPage, AppError> {
    use super::ctx::*;
    use crate::domain::layout::LayoutObject;
    let (state, tenant, user) = shopper(&store).await?;
    if !tenant.registration_enabled {
        return Err(AppError::RegistrationClosed);
    }
    if user.is_some() {
        return Ok(RegisterPage::Member);
    }
    let ticket = ticket(&state, tenant.id)
        .await?
        .ok_or(AppError::NotLoggedIn)?;
    let latest = crate::db::registration::latest(&state.pool, tenant.id, &ticket.phone).await?;
    if latest
        .as_ref()
        .is_some_and(|l| l.status() == Status::Pending)
    {
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

/// (ssr) Where a submitted registration form leads.
#[cfg(feature = "ssr")]
pub enum Submission {
    /// The phone has an ordering account now (created without approval, or
    /// one it already had): log it in.
    LoggedIn { user_id: i64, tenant_id: i64 },
    /// Filed (or found already filed): show the status page.
    Pending,
    /// Refused; the draft with its field messages is on the ticket.
    Refused,
}

/// (ssr) The registration form's POST, fields as sent (a multi-select sends
/// one pair per chosen option). Validated against the current registration
/// layout with the same rules the browser ran; the phone is the ticket's.
#[cfg(feature = "ssr")]
pub async fn submit(
    state: &crate::state::AppState,
    store: &str,
    ticket_token: Option<&str>,
    pairs: Vec<(String, String)>,
    lang: crate::i18n::Lang,
) -> Result<Submission, AppError> {
    use crate::db::registration::{self as regs, Submitted};
    use crate::domain::layout::LayoutObject;
    let tenant = crate::db::tenants::by_slug(&state.pool, store).await?;
    if !tenant.registration_enabled {
        return Err(AppError::RegistrationClosed);
    }
    let token = ticket_token
        .filter(|t| !t.is_empty())
        .ok_or(AppError::NotLoggedIn)?;
    let ticket = regs::ticket(&state.pool, &state.config.secret, token, tenant.id)
        .await?
        .ok_or(AppError::NotLoggedIn)?;
    let phone = ticket.phone;
    // A phone that already has an ordering account (an earlier submit won,
    // or the brand created one) is simply logged in: it verified by SMS.
    if let Some(user) = crate::db::auth::user_by_phone(&state.pool, tenant.id, &phone).await? {
        if user.disabled {
            return Err(AppError::AccountDisabled);
        }
        return logged_in(state, tenant.id, user.id, token).await;
    }
    if regs::has_pending(&state.pool, tenant.id, &phone).await? {
        return Ok(Submission::Pending);
    }
    let mut values = crate::domain::layout::Values::new();
    for (key, value) in pairs {
        values
            .entry(key)
            .and_modify(|v| {
                v.push(',');
                v.push_str(&value)
            })
            .or_insert(value);
    }
    values.insert(crate::domain::registration::PHONE.into(), phone.clone());
    let layout =
        crate::db::layouts::get(&state.pool, tenant.id, LayoutObject::Registration).await?;
    let clean = match layout.validate(&values) {
        Ok(clean) => clean,
        Err(errors) => {
            let draft = Draft { values, errors };
            regs::save_draft(&state.pool, &state.config.secret, token, Some(&draft)).await?;
            return Ok(Submission::Refused);
        }
    };
    match regs::submit(&state.pool, &tenant, &phone, &layout, &clean, lang).await? {
        Submitted::Pending => {
            regs::save_draft(&state.pool, &state.config.secret, token, None).await?;
            Ok(Submission::Pending)
        }
        Submitted::Created { user_id } => logged_in(state, tenant.id, user_id, token).await,
    }
}

#[cfg(feature = "ssr")]
async fn logged_in(
    state: &crate::state::AppState,
    tenant_id: i64,
    user_id: i64,
    ticket_token: &str,
) -> Result<Submission, AppError> {
    crate::db::registration::delete_ticket(&state.pool, &state.config.secret, ticket_token).await?;
    Ok(Submission::LoggedIn { user_id, tenant_id })
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
    let decided = crate::db::registration::approve(
        &state.pool,
        staff.tenant_id,
        staff.staff_id,
        id,
        price_list_id,
        account_id,
    )
    .await?;
    tell_applicant(&state, &staff, &decided, None).await;
    Ok(())
}

#[server(endpoint = "console/reject_registration")]
pub async fn reject_registration(id: i64, reason: String) -> Result<(), AppError> {
    use super::ctx::*;
    use crate::domain::permissions::Permission;
    let reason = crate::domain::registration::check_reason(&reason)?;
    let (state, staff) = staff_with(Permission::RegistrationsApprove).await?;
    let decided =
        crate::db::registration::reject(&state.pool, staff.tenant_id, staff.staff_id, id, &reason)
            .await?;
    tell_applicant(&state, &staff, &decided, Some(&reason)).await;
    Ok(())
}

/// (ssr) The decision by SMS, in the language the applicant applied in. The
/// decision stands even if the message cannot go out; that is logged.
#[cfg(feature = "ssr")]
async fn tell_applicant(
    state: &crate::state::AppState,
    staff: &crate::db::staff::StaffCtx,
    decided: &crate::db::registration::Decided,
    rejected: Option<&str>,
) {
    use crate::i18n::Lang;
    let store = crate::db::tenants::by_slug(&state.pool, &staff.store_slug)
        .await
        .map(|t| t.name)
        .unwrap_or_default();
    let body = match (rejected, decided.lang) {
        (None, Lang::Zh) => format!(
            "【{store}】您为“{}”提交的订货申请已通过，请用本手机号登录订货。",
            decided.company
        ),
        (None, Lang::En) => format!(
            "[{store}] Your application for {} is approved. Log in with this phone to order.",
            decided.company
        ),
        (Some(reason), Lang::Zh) => format!(
            "【{store}】您为“{}”提交的订货申请未通过：{reason}。可修改后重新申请。",
            decided.company
        ),
        (Some(reason), Lang::En) => format!(
            "[{store}] Your application for {} was not approved: {reason}. You may apply again.",
            decided.company
        ),
    };
    if let Err(e) = state.sms.send(&decided.phone, &body).await {
        tracing::warn!(error = %e, "decision sms failed");
    }
}
