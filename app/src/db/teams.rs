//! (ssr) Tenant-enabled enterprises' own teams: who their admin is, their
//! people, and the admin's changes, each scoped to the admin's enterprise.

use crate::domain::teams::{TeamChange, TeamMember};
use crate::error::AppError;

/// The enterprise a distributor admin manages: (enterprise, its Account, the
/// Account's name). `None` for anyone else.
pub async fn managed_by(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    user_id: i64,
) -> Result<Option<(i64, i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT e.id, e.account_id, a.name FROM enterprises e JOIN accounts a ON a.id = e.account_id
         WHERE e.admin_user_id = $1 AND e.tenant_id = $2 AND e.has_tenant = TRUE",
    )
    .bind(user_id)
    .bind(tenant_id)
    .fetch_optional(db)
    .await?)
}

/// The enterprise's ordering accounts, the admin first, then by name.
pub async fn members(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    enterprise_id: i64,
) -> Result<Vec<TeamMember>, AppError> {
    Ok(sqlx::query_as(
        "SELECT u.id, c.name, u.phone, u.is_liaison, u.disabled,
                (e.admin_user_id IS NOT NULL AND e.admin_user_id = u.id) AS is_admin
         FROM store_users u JOIN contacts c ON c.id = u.contact_id
         JOIN enterprises e ON e.id = u.enterprise_id
         WHERE u.enterprise_id = $1 AND u.tenant_id = $2
         ORDER BY CASE WHEN e.admin_user_id = u.id THEN 0 ELSE 1 END, c.name, u.id",
    )
    .bind(enterprise_id)
    .bind(tenant_id)
    .fetch_all(db)
    .await?)
}

/// A new teammate's Contact under the enterprise's Account.
pub async fn insert_contact(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    account_id: i64,
    name: &str,
    phone: &str,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO contacts (tenant_id, account_id, name, phone, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(tenant_id)
    .bind(account_id)
    .bind(name)
    .bind(phone)
    .bind(crate::db::now())
    .fetch_one(db)
    .await?)
}

/// Applies an admin's change to one of the enterprise's people. Zero rows
/// when `user_id` is not one of them.
pub async fn change(
    db: impl sqlx::AnyExecutor<'_>,
    enterprise_id: i64,
    user_id: i64,
    change: TeamChange,
) -> Result<u64, AppError> {
    let set = match change {
        TeamChange::Disable => "disabled = TRUE",
        TeamChange::Enable => "disabled = FALSE",
        TeamChange::MakeLiaison => "is_liaison = TRUE",
        TeamChange::NotLiaison => "is_liaison = FALSE",
    };
    let done = sqlx::query(&format!(
        "UPDATE store_users SET {set} WHERE id = $1 AND enterprise_id = $2"
    ))
    .bind(user_id)
    .bind(enterprise_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// An enterprise as the brand's choice of admin needs it: whether it is
/// tenant-enabled. `None`: not one of this brand's.
pub async fn has_tenant(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    enterprise_id: i64,
) -> Result<Option<bool>, AppError> {
    let flag: Option<crate::domain::Flag> =
        sqlx::query_scalar("SELECT has_tenant FROM enterprises WHERE id = $1 AND tenant_id = $2")
            .bind(enterprise_id)
            .bind(tenant_id)
            .fetch_optional(db)
            .await?;
    Ok(flag.map(bool::from))
}

/// Makes one of the enterprise's ordering accounts its admin (or nobody).
/// Zero rows when the account is not the enterprise's.
pub async fn set_admin(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    enterprise_id: i64,
    user_id: Option<i64>,
) -> Result<u64, AppError> {
    let done = sqlx::query(
        "UPDATE enterprises SET admin_user_id = $3 WHERE id = $1 AND tenant_id = $2
           AND ($3 IS NULL OR EXISTS (SELECT 1 FROM store_users u WHERE u.id = $3 AND u.enterprise_id = $1))",
    )
    .bind(enterprise_id)
    .bind(tenant_id)
    .bind(user_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
