//! (ssr) Self-registration's flows: filing an application from the store's
//! form (approved at once when the store asks for no approval), approving it
//! into an Account (new or existing), Contact, Enterprise and ordering account
//! exactly once, rejecting it, and telling the applicant by SMS. Each decision
//! and its audit entry land in one transaction.

use crate::db;
use crate::domain::layout::{Layout, LayoutObject, Values};
use crate::domain::permissions::ORDER_PERSONNEL;
use crate::domain::registration::{self as rules, Draft, Status};
use crate::error::{AppError, Invalid};
use crate::error::{LoginError, RegistrationError};
use crate::i18n::Lang;
use crate::state::AppState;
use sqlx::AnyConnection;

/// Whether a phone may file an application now: the open-application rule
/// (one open application per phone and store), read from its latest one. The
/// partial unique index on `registrations` holds the same rule under races.
pub fn may_apply(latest: Option<&db::registration::Latest>) -> bool {
    latest.is_none_or(|l| l.status().allows_new_application())
}

/// Where a submitted registration form leads.
pub enum Submission {
    /// The phone has an ordering account now (created without approval, or
    /// one it already had): log it in.
    LoggedIn { user_id: i64, tenant_id: i64 },
    /// Filed (or found already filed): show the status page.
    Pending,
    /// Refused; the draft with its field messages is on the ticket.
    Refused,
}

/// The registration form's POST, fields as sent (a multi-select sends one
/// pair per chosen option). Validated against the current registration layout
/// with the same rules the browser ran; the phone is the ticket's.
pub async fn submit(
    state: &AppState,
    store: &str,
    ticket_token: Option<&str>,
    pairs: Vec<(String, String)>,
    lang: Lang,
) -> Result<Submission, AppError> {
    let tenant = db::tenants::by_slug(&state.pool, store).await?;
    if !tenant.registration_enabled {
        return Err(RegistrationError::RegistrationClosed.into());
    }
    let token = ticket_token
        .filter(|t| !t.is_empty())
        .ok_or(AppError::NotLoggedIn)?;
    let ticket = db::registration::ticket(&state.pool, &state.config.secret, token, tenant.id)
        .await?
        .ok_or(AppError::NotLoggedIn)?;
    let phone = ticket.phone;
    // A phone that already has an ordering account (an earlier submit won,
    // or the brand created one) is simply logged in: it verified by SMS.
    if let Some(user) = db::auth::user_by_phone(&state.pool, tenant.id, &phone).await? {
        if user.disabled {
            return Err(LoginError::AccountDisabled.into());
        }
        return logged_in(state, tenant.id, user.id, token).await;
    }
    let latest = db::registration::latest(&state.pool, tenant.id, &phone).await?;
    if !may_apply(latest.as_ref()) {
        return Ok(Submission::Pending);
    }
    let mut values = Values::new();
    for (key, value) in pairs {
        values
            .entry(key)
            .and_modify(|v| {
                v.push(',');
                v.push_str(&value)
            })
            .or_insert(value);
    }
    values.insert(rules::PHONE.into(), phone.clone());
    let layout = db::layouts::get(&state.pool, tenant.id, LayoutObject::Registration).await?;
    let clean = match layout.validate(&values) {
        Ok(clean) => clean,
        Err(errors) => {
            let draft = Draft { values, errors };
            db::registration::save_draft(&state.pool, &state.config.secret, token, Some(&draft))
                .await?;
            return Ok(Submission::Refused);
        }
    };
    let application = Application {
        tenant_id: tenant.id,
        phone: &phone,
        layout: &layout,
        values: &clean,
    };
    match file(state, application, tenant.registration_approval, lang).await? {
        None => {
            db::registration::save_draft(&state.pool, &state.config.secret, token, None).await?;
            Ok(Submission::Pending)
        }
        Some(user_id) => logged_in(state, tenant.id, user_id, token).await,
    }
}

async fn logged_in(
    state: &AppState,
    tenant_id: i64,
    user_id: i64,
    ticket_token: &str,
) -> Result<Submission, AppError> {
    db::registration::delete_ticket(&state.pool, &state.config.secret, ticket_token).await?;
    Ok(Submission::LoggedIn { user_id, tenant_id })
}

/// An application's layout-validated form.
#[derive(Clone, Copy)]
struct Application<'a> {
    tenant_id: i64,
    phone: &'a str,
    layout: &'a Layout,
    values: &'a Values,
}

/// Files an application. With approval on it waits (a phone with an open
/// application gets that one back): `None`. With approval off it is approved
/// as it is filed, the records created in the same transaction: the new
/// ordering account's id.
async fn file(
    state: &AppState,
    app: Application<'_>,
    approval: bool,
    lang: Lang,
) -> Result<Option<i64>, AppError> {
    let status = if approval {
        Status::Pending
    } else {
        Status::Approved
    };
    let mut tx = db::begin(&state.pool).await?;
    let filed = db::registration::insert(
        &mut tx,
        app.tenant_id,
        app.phone,
        app.values,
        app.layout,
        lang,
        status,
    )
    .await?;
    let Some(id) = filed.filter(|_| status == Status::Approved) else {
        tx.commit().await?;
        return Ok(None);
    };
    let (account_id, user_id) = onboard(&mut tx, id, app, None, None).await?;
    let company = app.values.get(rules::COMPANY);
    let detail = serde_json::json!({"registration": id, "phone": app.phone, "company": company, "account_id": account_id});
    db::audit::record(
        &mut tx,
        app.tenant_id,
        None,
        "registration.auto_approve",
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(user_id))
}

/// Creates (or links) the Account, then the Contact, Enterprise and ordering
/// account (Order Personnel) of application `id`, inside the caller's
/// transaction. Returns the Account and ordering account ids.
async fn onboard(
    conn: &mut AnyConnection,
    id: i64,
    app: Application<'_>,
    price_list_id: Option<i64>,
    link_account: Option<i64>,
) -> Result<(i64, i64), AppError> {
    let tenant_id = app.tenant_id;
    let (account_values, mut contact_values) = rules::split(app.layout, app.values);
    contact_values.insert(rules::PHONE.into(), app.phone.to_string());
    let account_id = match link_account {
        Some(existing) => db::accounts::real_account(&mut *conn, tenant_id, existing)
            .await?
            .ok_or(AppError::Invalid {
                field: "account".into(),
                reason: Invalid::Option,
            })?,
        None => db::accounts::create(&mut *conn, tenant_id, &account_values, price_list_id).await?,
    };
    let contact_id =
        db::accounts::insert_contact(&mut *conn, tenant_id, account_id, &contact_values).await?;
    db::enterprises::create(&mut *conn, tenant_id, account_id, false).await?;
    let enterprise = db::enterprises::of_account(&mut *conn, tenant_id, account_id)
        .await?
        .ok_or(AppError::Internal)?;
    let role = db::staff::system_role_id(&mut *conn, tenant_id, ORDER_PERSONNEL).await?;
    let new_user = db::ordering_accounts::NewStoreUser {
        tenant_id,
        enterprise_id: enterprise,
        contact_id,
        phone: app.phone,
        role_id: role,
        liaison: true,
    };
    let user_id = db::ordering_accounts::insert(&mut *conn, new_user)
        .await?
        // The phone got an ordering account some other way since it applied.
        .ok_or(AppError::Duplicate {
            field: "phone".into(),
        })?;
    db::registration::link(&mut *conn, id, account_id, user_id).await?;
    Ok((account_id, user_id))
}

/// What a decision tells the applicant.
pub struct Decided {
    pub phone: String,
    pub company: String,
    pub lang: Lang,
}

/// Approves application `id`: a new Account on `price_list_id` (none:
/// standard prices), or the existing Account `link_account`; then its
/// Contact, Enterprise and ordering account. Exactly once, however many
/// approve at the same moment. The applicant is told by SMS.
pub async fn approve(
    state: &AppState,
    staff: &db::staff::StaffCtx,
    id: i64,
    price_list_id: Option<i64>,
    link_account: Option<i64>,
) -> Result<(), AppError> {
    let tenant_id = staff.tenant_id;
    let price_list_id =
        db::accounts::check_price_list(&state.pool, tenant_id, price_list_id).await?;
    // The claim is the first statement: a concurrent approval waits for the
    // write lock, then finds the row decided.
    let mut tx = db::begin(&state.pool).await?;
    let claimed = db::registration::claim(
        &mut tx,
        tenant_id,
        staff.staff_id,
        id,
        Status::Approved,
        None,
    )
    .await?;
    let (layout, values) = claimed.form()?;
    let app = Application {
        tenant_id,
        phone: &claimed.phone,
        layout: &layout,
        values: &values,
    };
    let (account_id, user_id) = onboard(&mut tx, id, app, price_list_id, link_account).await?;
    let detail = serde_json::json!({
        "registration": id, "phone": claimed.phone, "company": claimed.company,
        "account_id": account_id, "linked": link_account.is_some(),
        "price_list_id": price_list_id, "ordering_account_id": user_id,
    });
    conclude(
        state,
        staff,
        tx,
        claimed,
        ("registration.approve", &detail),
        None,
    )
    .await
}

/// Rejects application `id` with a reason the applicant is told by SMS.
pub async fn reject(
    state: &AppState,
    staff: &db::staff::StaffCtx,
    id: i64,
    reason: &str,
) -> Result<(), AppError> {
    let tenant_id = staff.tenant_id;
    let mut tx = db::begin(&state.pool).await?;
    let claimed = db::registration::claim(
        &mut tx,
        tenant_id,
        staff.staff_id,
        id,
        Status::Rejected,
        Some(reason),
    )
    .await?;
    let detail = serde_json::json!({
        "registration": id, "phone": claimed.phone, "company": claimed.company, "reason": reason,
    });
    let audit = ("registration.reject", &detail);
    conclude(state, staff, tx, claimed, audit, Some(reason)).await
}

/// Ends a decision: its audit entry in the decision's transaction, the
/// commit, then the text to the applicant (`rejected` carries the reason).
async fn conclude(
    state: &AppState,
    staff: &db::staff::StaffCtx,
    mut tx: crate::db::Tx,
    claimed: db::registration::Claimed,
    (action, detail): (&str, &serde_json::Value),
    rejected: Option<&str>,
) -> Result<(), AppError> {
    db::audit::record(
        &mut tx,
        staff.tenant_id,
        Some(staff.staff_id),
        action,
        detail,
    )
    .await?;
    tx.commit().await?;
    tell_applicant(state, staff, &decided(claimed), rejected).await;
    Ok(())
}

fn decided(claimed: db::registration::Claimed) -> Decided {
    Decided {
        lang: claimed.lang(),
        phone: claimed.phone,
        company: claimed.company,
    }
}

/// The decision by SMS, in the language the applicant applied in. The
/// decision stands even if the message cannot go out; that is logged.
async fn tell_applicant(
    state: &AppState,
    staff: &db::staff::StaffCtx,
    decided: &Decided,
    rejected: Option<&str>,
) {
    let store = db::tenants::by_slug(&state.pool, &staff.store_slug)
        .await
        .map(|t| t.name)
        .unwrap_or_default();
    let body = match rejected {
        None => crate::i18n::sms_approved(decided.lang, &store, &decided.company),
        Some(reason) => crate::i18n::sms_rejected(decided.lang, &store, &decided.company, reason),
    };
    if let Err(e) = state.sms.send(&decided.phone, &body).await {
        tracing::warn!(error = %e, "decision sms failed");
    }
}
