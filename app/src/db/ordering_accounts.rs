//! (ssr) Creating and switching ordering accounts.

use crate::domain::credentials::normalize_phone;
use crate::domain::ordering_accounts::{BulkOutcome, BulkReport, BulkRow, RejectReason};
use crate::error::AppError;
use sqlx::{Sqlite, SqlitePool, Transaction};

pub async fn bulk_create(
    pool: &SqlitePool,
    tenant_id: i64,
    account_id: i64,
    contact_ids: &[i64],
) -> Result<BulkReport, AppError> {
    let role = crate::db::staff::system_role_id(
        pool,
        tenant_id,
        crate::domain::permissions::ORDER_PERSONNEL,
    )
    .await?;
    let now = crate::db::now();
    let mut tx = crate::db::begin(pool).await?;
    // The first statement writes, so SQLite takes the write lock up front and
    // two concurrent runs queue instead of deadlocking.
    let enterprise_created: Option<i64> = sqlx::query_scalar(
        "INSERT INTO enterprises (tenant_id, account_id, has_tenant, created_at)
         SELECT $1, id, FALSE, $3 FROM accounts WHERE id = $2 AND tenant_id = $1
         ON CONFLICT (account_id) DO NOTHING RETURNING id",
    )
    .bind(tenant_id)
    .bind(account_id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let enterprise: i64 =
        sqlx::query_scalar("SELECT id FROM enterprises WHERE account_id = $1 AND tenant_id = $2")
            .bind(account_id)
            .bind(tenant_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound)?;

    let mut seen = std::collections::HashSet::new();
    let mut rows = Vec::new();
    for &contact_id in contact_ids.iter().filter(|id| seen.insert(**id)) {
        rows.push(
            create_one(
                &mut tx, tenant_id, account_id, enterprise, role, contact_id, now,
            )
            .await?,
        );
    }
    tx.commit().await?;
    Ok(BulkReport {
        enterprise_created: enterprise_created.is_some(),
        rows,
    })
}

/// One ordering account for a Contact whose Account is already an enterprise.
/// `role_id` must be a store role of this brand; none means Order Personnel.
pub async fn create_for_contact(
    pool: &SqlitePool,
    tenant_id: i64,
    contact_id: i64,
    role_id: Option<i64>,
) -> Result<BulkRow, AppError> {
    let role = match role_id {
        None => {
            crate::db::staff::system_role_id(
                pool,
                tenant_id,
                crate::domain::permissions::ORDER_PERSONNEL,
            )
            .await?
        }
        Some(id) => sqlx::query_scalar(
            "SELECT id FROM roles WHERE id = $1 AND tenant_id = $2 AND audience = 'store'",
        )
        .bind(id)
        .bind(tenant_id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::Invalid {
            field: "role".into(),
            reason: crate::error::Invalid::Option,
        })?,
    };
    let mut tx = crate::db::begin(pool).await?;
    let found: Option<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT c.account_id, e.id FROM contacts c LEFT JOIN enterprises e ON e.account_id = c.account_id
         WHERE c.id = $1 AND c.tenant_id = $2",
    )
    .bind(contact_id)
    .bind(tenant_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (account_id, enterprise) = found.ok_or(AppError::NotFound)?;
    let enterprise = enterprise.ok_or(AppError::NotEnterprise)?;
    let row = create_one(
        &mut tx,
        tenant_id,
        account_id,
        enterprise,
        role,
        contact_id,
        crate::db::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    name: String,
    phone: Option<String>,
    has_account: bool,
}

async fn create_one(
    tx: &mut Transaction<'_, Sqlite>,
    tenant_id: i64,
    account_id: i64,
    enterprise: i64,
    role: i64,
    contact_id: i64,
    now: i64,
) -> Result<BulkRow, AppError> {
    let contact: Option<ContactRow> = sqlx::query_as(
        "SELECT c.name, c.phone, EXISTS (SELECT 1 FROM store_users u WHERE u.contact_id = c.id) AS has_account
         FROM contacts c WHERE c.id = $1 AND c.account_id = $2 AND c.tenant_id = $3",
    )
    .bind(contact_id)
    .bind(account_id)
    .bind(tenant_id)
    .fetch_optional(&mut **tx)
    .await?;
    let row = |contact_name: String, outcome| BulkRow {
        contact_id,
        contact_name,
        outcome,
    };
    let Some(c) = contact else {
        return Ok(row(
            String::new(),
            BulkOutcome::Rejected(RejectReason::NotFound),
        ));
    };
    if c.has_account {
        return Ok(row(c.name, BulkOutcome::AlreadyHad));
    }
    let phone = match c.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => {
            return Ok(row(
                c.name,
                BulkOutcome::Rejected(RejectReason::MissingPhone),
            ))
        }
        Some(p) => match normalize_phone(p) {
            Ok(p) => p,
            Err(_) => {
                return Ok(row(
                    c.name,
                    BulkOutcome::Rejected(RejectReason::InvalidPhone),
                ))
            }
        },
    };
    let inserted = sqlx::query(
        "INSERT INTO store_users (tenant_id, enterprise_id, contact_id, phone, role_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(tenant_id)
    .bind(enterprise)
    .bind(contact_id)
    .bind(&phone)
    .bind(role)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let outcome = if inserted.rows_affected() == 1 {
        BulkOutcome::Created
    } else {
        // The only unique key left to collide with is (tenant, phone).
        BulkOutcome::Rejected(RejectReason::PhoneInUse)
    };
    Ok(row(c.name, outcome))
}

pub async fn set_disabled(
    pool: &SqlitePool,
    tenant_id: i64,
    user_id: i64,
    disabled: bool,
) -> Result<(), AppError> {
    let mut tx = crate::db::begin(pool).await?;
    let updated =
        sqlx::query("UPDATE store_users SET disabled = $1 WHERE id = $2 AND tenant_id = $3")
            .bind(disabled)
            .bind(user_id)
            .bind(tenant_id)
            .execute(&mut *tx)
            .await?;
    crate::db::found(updated.rows_affected())?;
    if disabled {
        end_sessions(&mut tx, user_id).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn list(
    pool: &SqlitePool,
    tenant_id: i64,
    search: &str,
    limit: i64,
    offset: i64,
) -> Result<
    (
        Vec<crate::domain::ordering_accounts::OrderingAccountRow>,
        i64,
    ),
    AppError,
> {
    let pattern = crate::db::like_pattern(search);
    const FROM: &str = "FROM store_users u
         JOIN contacts c ON c.id = u.contact_id
         JOIN enterprises e ON e.id = u.enterprise_id
         JOIN accounts a ON a.id = e.account_id
         WHERE u.tenant_id = $1 AND (c.name LIKE $2 ESCAPE '\\' OR u.phone LIKE $2 ESCAPE '\\' OR a.name LIKE $2 ESCAPE '\\')";
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {FROM}"))
        .bind(tenant_id)
        .bind(&pattern)
        .fetch_one(pool)
        .await?;
    let items = sqlx::query_as(&format!(
        "SELECT u.id, c.name AS contact, u.phone, a.name AS account, u.disabled {FROM} ORDER BY u.id DESC LIMIT $3 OFFSET $4"
    ))
    .bind(tenant_id)
    .bind(&pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    Ok((items, total))
}

/// Letters and digits without look-alikes (0/O, 1/l/I), so it can be read out.
const PASSWORD_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A new 12-character password, shown to staff once.
pub fn random_password() -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    (0..12)
        .map(|_| PASSWORD_ALPHABET[rng.gen_range(0..PASSWORD_ALPHABET.len())] as char)
        .collect()
}

/// Sets a new password hash (see `random_password`) and ends the account's sessions.
pub async fn set_password(
    pool: &SqlitePool,
    tenant_id: i64,
    user_id: i64,
    password_hash: &str,
) -> Result<(), AppError> {
    let mut tx = crate::db::begin(pool).await?;
    // The phone is the login name unless one was set; the old sessions end.
    let updated = sqlx::query(
        "UPDATE store_users SET password_hash = $1, login_name = COALESCE(login_name, phone)
         WHERE id = $2 AND tenant_id = $3",
    )
    .bind(password_hash)
    .bind(user_id)
    .bind(tenant_id)
    .execute(&mut *tx)
    .await?;
    crate::db::found(updated.rows_affected())?;
    end_sessions(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Logs an ordering account out everywhere, inside the caller's transaction.
async fn end_sessions(tx: &mut Transaction<'_, Sqlite>, user_id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE store_user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
