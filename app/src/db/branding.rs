//! (ssr) The store's name, notice and logo; each change audited in its
//! own transaction.

use crate::db::staff::StaffCtx;
use crate::domain::branding::{media_url, StoreProfile};
use crate::error::AppError;
use serde_json::json;
use sqlx::AnyPool;

pub async fn profile(pool: &AnyPool, tenant_id: i64) -> Result<StoreProfile, AppError> {
    let (name, notice, logo, mini_program): (String, String, String, Option<String>) =
        sqlx::query_as(
            "SELECT t.name, t.notice, t.logo, sa.nick_name FROM tenants t
             LEFT JOIN store_apps sa ON sa.tenant_id = t.id WHERE t.id = $1",
        )
        .bind(tenant_id)
        .fetch_one(pool)
        .await?;
    Ok(StoreProfile {
        name,
        notice,
        logo: media_url(&logo),
        mini_program,
    })
}

pub async fn save_profile(
    pool: &AnyPool,
    staff: &StaffCtx,
    name: &str,
    notice: &str,
) -> Result<(), AppError> {
    let mut tx = crate::db::begin(pool).await?;
    sqlx::query("UPDATE tenants SET name = $1, notice = $2 WHERE id = $3")
        .bind(name)
        .bind(notice)
        .bind(staff.tenant_id)
        .execute(&mut *tx)
        .await?;
    let detail = json!({ "name": name, "notice": notice });
    crate::db::audit::record(
        &mut tx,
        staff.tenant_id,
        Some(staff.staff_id),
        "store.profile",
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// `name`: the logo's file under the media directory.
pub async fn set_logo(pool: &AnyPool, staff: &StaffCtx, name: &str) -> Result<(), AppError> {
    let mut tx = crate::db::begin(pool).await?;
    sqlx::query("UPDATE tenants SET logo = $1 WHERE id = $2")
        .bind(name)
        .bind(staff.tenant_id)
        .execute(&mut *tx)
        .await?;
    let detail = json!({ "logo": name });
    crate::db::audit::record(
        &mut tx,
        staff.tenant_id,
        Some(staff.staff_id),
        "store.logo",
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
