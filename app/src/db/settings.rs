//! (ssr) Store settings and the audit log.

use crate::domain::settings::{AuditEntry, GuestCandidate, GuestSettings, RegistrationSettings};
use crate::error::AppError;
use sqlx::{Sqlite, SqlitePool, Transaction};

pub async fn guest(pool: &SqlitePool, tenant_id: i64) -> Result<GuestSettings, AppError> {
    let (enabled, guest_account_id, prompt_zh, prompt_en): (bool, Option<i64>, String, String) =
        sqlx::query_as(
            "SELECT guest_mode, guest_account_id, guest_prompt_zh, guest_prompt_en FROM tenants WHERE id = $1",
        )
        .bind(tenant_id)
        .fetch_one(pool)
        .await?;
    // Virtual accounts first: they exist only to price guests.
    let candidates = sqlx::query_as::<_, GuestCandidate>(
        "SELECT a.id, a.name, pl.name AS price_list FROM accounts a
         LEFT JOIN price_lists pl ON pl.id = a.price_list_id
         WHERE a.tenant_id = $1 ORDER BY a.is_virtual DESC, a.name LIMIT 500",
    )
    .bind(tenant_id)
    .fetch_all(pool)
    .await?;
    Ok(GuestSettings {
        enabled,
        guest_account_id,
        prompt_zh,
        prompt_en,
        candidates,
    })
}

pub async fn save_guest(
    pool: &SqlitePool,
    tenant_id: i64,
    staff_id: i64,
    enabled: bool,
    guest_account_id: Option<i64>,
    prompt_zh: &str,
    prompt_en: &str,
) -> Result<(), AppError> {
    let mut tx = crate::db::begin(pool).await?;
    if let Some(id) = guest_account_id {
        let list: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT price_list_id FROM accounts WHERE id = $1 AND tenant_id = $2",
        )
        .bind(id)
        .bind(tenant_id)
        .fetch_optional(&mut *tx)
        .await?;
        match list {
            None => return Err(AppError::NotFound),
            Some(None) if enabled => return Err(AppError::GuestAccountWithoutPrices),
            Some(_) => {}
        }
    } else if enabled {
        return Err(AppError::GuestAccountRequired);
    }
    sqlx::query(
        "UPDATE tenants SET guest_mode = $1, guest_account_id = $2, guest_prompt_zh = $3, guest_prompt_en = $4
         WHERE id = $5",
    )
    .bind(enabled)
    .bind(guest_account_id)
    .bind(prompt_zh)
    .bind(prompt_en)
    .bind(tenant_id)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({
        "enabled": enabled,
        "guest_account_id": guest_account_id,
        "prompt_zh": prompt_zh,
        "prompt_en": prompt_en,
    });
    record(
        &mut tx,
        tenant_id,
        Some(staff_id),
        "settings.guest",
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn registration(
    pool: &SqlitePool,
    tenant_id: i64,
) -> Result<RegistrationSettings, AppError> {
    Ok(sqlx::query_as(
        "SELECT registration_enabled AS enabled, registration_approval AS approval FROM tenants WHERE id = $1",
    )
    .bind(tenant_id)
    .fetch_one(pool)
    .await?)
}

pub async fn save_registration(
    pool: &SqlitePool,
    tenant_id: i64,
    staff_id: i64,
    settings: RegistrationSettings,
) -> Result<(), AppError> {
    let mut tx = crate::db::begin(pool).await?;
    sqlx::query(
        "UPDATE tenants SET registration_enabled = $1, registration_approval = $2 WHERE id = $3",
    )
    .bind(settings.enabled)
    .bind(settings.approval)
    .bind(tenant_id)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({"enabled": settings.enabled, "approval": settings.approval});
    record(
        &mut tx,
        tenant_id,
        Some(staff_id),
        "settings.registration",
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Writes one audit entry inside the change's own transaction, so a change
/// and its record land together or not at all.
pub async fn record(
    tx: &mut Transaction<'_, Sqlite>,
    tenant_id: i64,
    staff_id: Option<i64>,
    action: &str,
    detail: &serde_json::Value,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO audit_log (tenant_id, staff_id, action, detail, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(tenant_id)
    .bind(staff_id)
    .bind(action)
    .bind(detail.to_string())
    .bind(crate::db::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn audit(
    pool: &SqlitePool,
    tenant_id: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<AuditEntry>, AppError> {
    Ok(sqlx::query_as(
        "SELECT l.id, s.name AS staff, l.action, l.detail, l.created_at
         FROM audit_log l LEFT JOIN staff s ON s.id = l.staff_id
         WHERE l.tenant_id = $1 ORDER BY l.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(tenant_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?)
}
