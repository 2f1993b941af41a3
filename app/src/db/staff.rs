//! (ssr) Brand staff: system roles, console sessions and permission lookup.

use crate::db::auth::{keyed_hash, random_token, SESSION_TTL_SECS};
use crate::domain::permissions::{Permission, SYSTEM_ROLES};
use crate::error::AppError;
use sqlx::{AnyConnection, AnyPool};

/// Creates any missing system role (with its default permissions) for every
/// brand, and gives ordering accounts without a role Order Personnel. Existing
/// roles are left as an admin edited them. Safe to run at every start.
pub async fn ensure_system_roles(pool: &AnyPool) -> Result<(), AppError> {
    let mut tx = crate::db::begin(pool).await?;
    ensure_system_roles_in(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// `ensure_system_roles` inside the caller's transaction.
pub async fn ensure_system_roles_in(tx: &mut AnyConnection) -> Result<(), AppError> {
    let now = crate::db::now();
    let tenants: Vec<i64> = sqlx::query_scalar("SELECT id FROM tenants")
        .fetch_all(&mut *tx)
        .await?;
    for tenant in tenants {
        for role in SYSTEM_ROLES {
            let created: Option<i64> = sqlx::query_scalar(
                "INSERT INTO roles (tenant_id, system_key, name, audience, created_at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT DO NOTHING RETURNING id",
            )
            .bind(tenant)
            .bind(role.key)
            .bind(role.name)
            .bind(role.audience.code())
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(role_id) = created {
                for p in role.permissions {
                    sqlx::query(
                        "INSERT INTO role_permissions (role_id, permission) VALUES ($1, $2)",
                    )
                    .bind(role_id)
                    .bind(p.code())
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        sqlx::query(
            "UPDATE store_users SET role_id = (SELECT id FROM roles WHERE tenant_id = $1 AND system_key = 'order_personnel')
             WHERE tenant_id = $1 AND role_id IS NULL",
        )
        .bind(tenant)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

pub async fn system_role_id(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    key: &str,
) -> Result<i64, AppError> {
    sqlx::query_scalar("SELECT id FROM roles WHERE tenant_id = $1 AND system_key = $2")
        .bind(tenant_id)
        .bind(key)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| {
            tracing::error!(tenant_id, key, "system role missing");
            AppError::Internal
        })
}

pub async fn create_staff(
    conn: &mut AnyConnection,
    tenant_id: i64,
    email: &str,
    name: &str,
    password_hash: &str,
    role_key: &str,
) -> Result<i64, AppError> {
    let role = system_role_id(&mut *conn, tenant_id, role_key).await?;
    Ok(sqlx::query_scalar(
        "INSERT INTO staff (tenant_id, email, name, password_hash, role_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(tenant_id)
    .bind(email.to_lowercase())
    .bind(name)
    .bind(password_hash)
    .bind(role)
    .bind(crate::db::now())
    .fetch_one(&mut *conn)
    .await?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StaffLogin {
    pub id: i64,
    #[sqlx(try_from = "crate::domain::Flag")]
    pub disabled: bool,
    pub password_hash: String,
}

pub async fn staff_by_email(pool: &AnyPool, email: &str) -> Result<Option<StaffLogin>, AppError> {
    Ok(
        sqlx::query_as("SELECT id, disabled, password_hash FROM staff WHERE email = $1")
            .bind(email.trim().to_lowercase())
            .fetch_optional(pool)
            .await?,
    )
}

pub async fn create_session(
    pool: &AnyPool,
    secret: &[u8],
    staff_id: i64,
) -> Result<String, AppError> {
    let token = random_token();
    let now = crate::db::now();
    sqlx::query("INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(keyed_hash(secret, &token))
        .bind(staff_id)
        .bind(now)
        .bind(now + SESSION_TTL_SECS)
        .execute(pool)
        .await?;
    Ok(token)
}

pub async fn delete_session(pool: &AnyPool, secret: &[u8], token: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
        .bind(keyed_hash(secret, token))
        .execute(pool)
        .await?;
    Ok(())
}

/// A logged-in staff member with the permissions of their role.
#[derive(Clone, Debug)]
pub struct StaffCtx {
    pub staff_id: i64,
    pub tenant_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub store_slug: String,
    pub permissions: Vec<Permission>,
}

impl StaffCtx {
    /// The check every console server function starts with.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.permissions.contains(&permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                permission: permission.code().to_string(),
            })
        }
    }

    /// Holds at least one of `permissions`; refused naming the first.
    pub fn require_any(&self, permissions: &[Permission]) -> Result<(), AppError> {
        match permissions.iter().find(|p| self.permissions.contains(p)) {
            Some(_) => Ok(()),
            None => permissions
                .first()
                .map_or(Ok(()), |first| self.require(*first)),
        }
    }
}

#[derive(sqlx::FromRow)]
struct StaffRow {
    staff_id: i64,
    tenant_id: i64,
    name: String,
    email: String,
    role: String,
    role_id: i64,
    store_slug: String,
}

pub async fn session_staff(
    pool: &AnyPool,
    secret: &[u8],
    token: &str,
) -> Result<Option<StaffCtx>, AppError> {
    let row: Option<StaffRow> = sqlx::query_as(
        "SELECT s.id AS staff_id, s.tenant_id, s.name, s.email, r.name AS role, r.id AS role_id, t.slug AS store_slug
         FROM staff_sessions ss
         JOIN staff s ON s.id = ss.staff_id
         JOIN roles r ON r.id = s.role_id
         JOIN tenants t ON t.id = s.tenant_id
         WHERE ss.token_hash = $1 AND ss.expires_at > $2 AND s.disabled = FALSE",
    )
    .bind(keyed_hash(secret, token))
    .bind(crate::db::now())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let codes: Vec<String> =
        sqlx::query_scalar("SELECT permission FROM role_permissions WHERE role_id = $1")
            .bind(row.role_id)
            .fetch_all(pool)
            .await?;
    Ok(Some(StaffCtx {
        staff_id: row.staff_id,
        tenant_id: row.tenant_id,
        name: row.name,
        email: row.email,
        role: row.role,
        store_slug: row.store_slug,
        permissions: codes
            .iter()
            .filter_map(|c| Permission::from_code(c))
            .collect(),
    }))
}
