//! (ssr) Roles, their permissions, and staff role assignment, per brand.

use crate::domain::permissions::{Audience, Permission, STORE_ADMIN};
use crate::domain::roles::{RoleView, StaffRow};
use crate::error::{AppError, Invalid};
use sqlx::AnyPool;

#[derive(sqlx::FromRow)]
struct RoleRow {
    id: i64,
    name: String,
    system_key: Option<String>,
    audience: String,
    members: i64,
}

fn audience(code: &str) -> Audience {
    if code == Audience::Store.code() {
        Audience::Store
    } else {
        Audience::Console
    }
}

pub async fn list(pool: &AnyPool, tenant_id: i64) -> Result<Vec<RoleView>, AppError> {
    let rows: Vec<RoleRow> = sqlx::query_as(
        "SELECT r.id, r.name, r.system_key, r.audience,
                (SELECT COUNT(*) FROM staff s WHERE s.role_id = r.id)
                + (SELECT COUNT(*) FROM store_users u WHERE u.role_id = r.id) AS members
         FROM roles r WHERE r.tenant_id = $1 ORDER BY r.audience, r.id",
    )
    .bind(tenant_id)
    .fetch_all(pool)
    .await?;
    let grants: Vec<(i64, String)> = sqlx::query_as(
        "SELECT rp.role_id, rp.permission FROM role_permissions rp
         JOIN roles r ON r.id = rp.role_id WHERE r.tenant_id = $1",
    )
    .bind(tenant_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            // In the matrix's order, whatever order they were granted in.
            let permissions = Permission::ALL
                .iter()
                .map(|p| p.code())
                .filter(|code| grants.iter().any(|(id, c)| *id == r.id && c == code))
                .map(String::from)
                .collect();
            RoleView {
                id: r.id,
                name: r.name,
                system_key: r.system_key,
                audience: audience(&r.audience),
                permissions,
                members: r.members,
            }
        })
        .collect())
}

async fn role(pool: &AnyPool, tenant_id: i64, role_id: i64) -> Result<RoleRow, AppError> {
    sqlx::query_as(
        "SELECT id, name, system_key, audience, 0 AS members FROM roles WHERE id = $1 AND tenant_id = $2",
    )
    .bind(role_id)
    .bind(tenant_id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

pub async fn set_permissions(
    pool: &AnyPool,
    tenant_id: i64,
    role_id: i64,
    codes: &[String],
) -> Result<(), AppError> {
    let role = role(pool, tenant_id, role_id).await?;
    if role.system_key.as_deref() == Some(STORE_ADMIN) {
        return Err(AppError::BadRequest {
            detail: "Store Admin keeps every permission".into(),
        });
    }
    let is_store = audience(&role.audience) == Audience::Store;
    let mut permissions = Vec::new();
    for code in codes {
        match Permission::from_code(code) {
            Some(p) if p.is_store() == is_store => permissions.push(p),
            _ => {
                return Err(AppError::Invalid {
                    field: code.clone(),
                    reason: Invalid::Option,
                })
            }
        }
    }
    let mut tx = crate::db::begin(pool).await?;
    sqlx::query("DELETE FROM role_permissions WHERE role_id = $1")
        .bind(role_id)
        .execute(&mut *tx)
        .await?;
    for p in permissions {
        sqlx::query(
            "INSERT INTO role_permissions (role_id, permission) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(role_id)
        .bind(p.code())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn create(
    pool: &AnyPool,
    tenant_id: i64,
    name: &str,
    audience: Audience,
) -> Result<i64, AppError> {
    let created: Option<i64> = sqlx::query_scalar(
        "INSERT INTO roles (tenant_id, system_key, name, audience, created_at) VALUES ($1, NULL, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(tenant_id)
    .bind(name)
    .bind(audience.code())
    .bind(crate::db::now())
    .fetch_optional(pool)
    .await?;
    created.ok_or(AppError::Duplicate {
        field: "name".into(),
    })
}

pub async fn staff(pool: &AnyPool, tenant_id: i64) -> Result<Vec<StaffRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, name, email, role_id, disabled FROM staff WHERE tenant_id = $1 ORDER BY id",
    )
    .bind(tenant_id)
    .fetch_all(pool)
    .await?)
}

pub async fn set_staff_role(
    pool: &AnyPool,
    tenant_id: i64,
    staff_id: i64,
    role_id: i64,
) -> Result<(), AppError> {
    let role = role(pool, tenant_id, role_id).await?;
    if audience(&role.audience) != Audience::Console {
        return Err(AppError::Invalid {
            field: "role".into(),
            reason: Invalid::Option,
        });
    }
    let done = sqlx::query("UPDATE staff SET role_id = $1 WHERE id = $2 AND tenant_id = $3")
        .bind(role_id)
        .bind(staff_id)
        .bind(tenant_id)
        .execute(pool)
        .await?;
    crate::db::found(done.rows_affected())?;
    Ok(())
}

/// Store roles by id and name, for choosing an ordering account's role.
pub async fn store_roles(pool: &AnyPool, tenant_id: i64) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, name FROM roles WHERE tenant_id = $1 AND audience = 'store' ORDER BY id",
    )
    .bind(tenant_id)
    .fetch_all(pool)
    .await?)
}
