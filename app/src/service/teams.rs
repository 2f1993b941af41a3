//! (ssr) A tenant-enabled enterprise's team, managed by its distributor
//! admin from the store, and the brand's choice of that admin. Every change
//! is one transaction with its audit entry; a new teammate is told by SMS
//! how to log in once the account exists.

use crate::db;
use crate::db::auth::SessionUser;
use crate::domain::permissions::ORDER_PERSONNEL;
use crate::domain::teams::{NewTeammate, TeamChange, TeamView};
use crate::error::{AppError, OrderingAccountError};
use crate::i18n::Lang;
use crate::state::AppState;
use serde_json::json;
use sqlx::{AnyConnection, AnyPool};

/// The enterprise the caller manages, or `NotTeamAdmin`.
async fn managed(
    conn: &mut AnyConnection,
    admin: &SessionUser,
) -> Result<(i64, i64, String), AppError> {
    db::teams::managed_by(&mut *conn, admin.tenant_id, admin.user_id)
        .await?
        .ok_or_else(|| OrderingAccountError::NotTeamAdmin.into())
}

pub async fn view(pool: &AnyPool, admin: &SessionUser) -> Result<TeamView, AppError> {
    let mut conn = pool.acquire().await?;
    let (enterprise_id, _, enterprise) = managed(&mut conn, admin).await?;
    let members = db::teams::members(&mut *conn, admin.tenant_id, enterprise_id).await?;
    Ok(TeamView {
        enterprise,
        members,
    })
}

/// How the SMS to a new teammate names the store and where to log in.
pub struct Invite<'a> {
    pub store_name: &'a str,
    pub login_link: &'a str,
    pub lang: Lang,
}

/// Adds an employee (a Contact and an ordering account with Order
/// Personnel) to the admin's enterprise. A phone that already has an
/// account in this store is refused and nothing is written.
pub async fn add(
    state: &AppState,
    admin: &SessionUser,
    new: &NewTeammate,
    invite: Invite<'_>,
) -> Result<i64, AppError> {
    let mut tx = db::begin(&state.pool).await?;
    let (enterprise_id, account_id, company) = managed(&mut tx, admin).await?;
    let tenant_id = admin.tenant_id;
    let contact_id =
        db::teams::insert_contact(&mut *tx, tenant_id, account_id, &new.name, &new.phone).await?;
    let role_id = db::staff::system_role_id(&mut *tx, tenant_id, ORDER_PERSONNEL).await?;
    let new_user = db::ordering_accounts::NewStoreUser {
        tenant_id,
        enterprise_id,
        contact_id,
        phone: &new.phone,
        role_id,
        liaison: new.liaison,
    };
    // The store's unique phone key decides; dropping `tx` undoes the Contact.
    let user_id = db::ordering_accounts::insert(&mut *tx, new_user)
        .await?
        .ok_or(AppError::Duplicate {
            field: "phone".into(),
        })?;
    let detail = json!({ "by_user": admin.user_id, "user": user_id, "liaison": new.liaison });
    db::audit::record(&mut tx, tenant_id, None, "team.add", &detail).await?;
    tx.commit().await?;
    let body = crate::i18n::sms_team_added(
        invite.lang,
        invite.store_name,
        &company,
        &admin.contact_name,
        invite.login_link,
    );
    // The account stands even if the text cannot go out; the admin can tell them.
    if let Err(e) = state.sms.send(&new.phone, &body).await {
        tracing::warn!(error = %e, "team invitation sms failed");
    }
    Ok(user_id)
}

/// Disables, re-enables, or makes (not) a liaison one of the admin's people.
/// Disabling ends their sessions at once. The admin cannot lock themselves
/// out (disable or stop ordering); the brand can change admins.
pub async fn change(
    pool: &AnyPool,
    admin: &SessionUser,
    member_id: i64,
    change: TeamChange,
) -> Result<(), AppError> {
    let locks_self_out = matches!(change, TeamChange::Disable | TeamChange::NotLiaison);
    if member_id == admin.user_id && locks_self_out {
        return Err(OrderingAccountError::OwnTeamAccount.into());
    }
    let mut tx = db::begin(pool).await?;
    let (enterprise_id, _, _) = managed(&mut tx, admin).await?;
    let changed = db::teams::change(&mut *tx, enterprise_id, member_id, change).await?;
    db::found(changed)?;
    if change == TeamChange::Disable {
        db::ordering_accounts::end_sessions(&mut tx, member_id).await?;
    }
    let detail = json!({ "by_user": admin.user_id, "user": member_id, "change": change });
    db::audit::record(&mut tx, admin.tenant_id, None, "team.change", &detail).await?;
    tx.commit().await?;
    Ok(())
}

/// The brand makes one of a tenant-enabled enterprise's ordering accounts
/// its admin, or takes the role away (`None`).
pub async fn choose_admin(
    pool: &AnyPool,
    staff: &db::staff::StaffCtx,
    enterprise_id: i64,
    user_id: Option<i64>,
) -> Result<(), AppError> {
    let mut tx = db::begin(pool).await?;
    match db::teams::has_tenant(&mut *tx, staff.tenant_id, enterprise_id).await? {
        None => return Err(AppError::NotFound),
        Some(false) => return Err(OrderingAccountError::NotTenantEnabled.into()),
        Some(true) => {}
    }
    let changed = db::teams::set_admin(&mut *tx, staff.tenant_id, enterprise_id, user_id).await?;
    db::found(changed)?;
    let detail = json!({ "enterprise": enterprise_id, "user": user_id });
    db::audit::record(
        &mut tx,
        staff.tenant_id,
        Some(staff.staff_id),
        "enterprise.admin",
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
