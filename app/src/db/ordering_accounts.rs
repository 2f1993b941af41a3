//! (ssr) Creating and switching ordering accounts.

use crate::domain::list::ListQuery;
use crate::error::AppError;
use sqlx::{Any, AnyPool, Transaction};

/// A Contact of an Account, as creating its ordering account needs it.
#[derive(sqlx::FromRow)]
pub struct ContactForAccount {
    pub name: String,
    pub phone: Option<String>,
    #[sqlx(try_from = "crate::domain::Flag")]
    pub has_account: bool,
}

pub async fn contact_of_account(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    account_id: i64,
    contact_id: i64,
) -> Result<Option<ContactForAccount>, AppError> {
    Ok(sqlx::query_as(
        "SELECT c.name, c.phone, EXISTS (SELECT 1 FROM store_users u WHERE u.contact_id = c.id) AS has_account
         FROM contacts c WHERE c.id = $1 AND c.account_id = $2 AND c.tenant_id = $3",
    )
    .bind(contact_id)
    .bind(account_id)
    .bind(tenant_id)
    .fetch_optional(db)
    .await?)
}

/// A Contact's Account and, if that Account is an enterprise, the enterprise.
pub async fn contact_enterprise(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    contact_id: i64,
) -> Result<Option<(i64, Option<i64>)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT c.account_id, e.id FROM contacts c LEFT JOIN enterprises e ON e.account_id = c.account_id
         WHERE c.id = $1 AND c.tenant_id = $2",
    )
    .bind(contact_id)
    .bind(tenant_id)
    .fetch_optional(db)
    .await?)
}

/// A store role of this brand by id.
pub async fn store_role(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    role_id: i64,
) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM roles WHERE id = $1 AND tenant_id = $2 AND audience = 'store'",
    )
    .bind(role_id)
    .bind(tenant_id)
    .fetch_optional(db)
    .await?)
}

/// Where a new ordering account goes and what it may do.
pub struct NewStoreUser<'a> {
    pub tenant_id: i64,
    pub enterprise_id: i64,
    pub contact_id: i64,
    pub phone: &'a str,
    pub role_id: i64,
    /// Liaisons may order for a tenant-enabled enterprise. Whoever the brand
    /// gives an account is one; a distributor admin chooses for their team.
    pub liaison: bool,
}

/// Inserts an ordering account. `None` when the Contact already has one or
/// the phone is taken in this store (the unique keys decide, not a read).
pub async fn insert(
    db: impl sqlx::AnyExecutor<'_>,
    new: NewStoreUser<'_>,
) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO store_users (tenant_id, enterprise_id, contact_id, phone, role_id, is_liaison, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(new.tenant_id)
    .bind(new.enterprise_id)
    .bind(new.contact_id)
    .bind(new.phone)
    .bind(new.role_id)
    .bind(new.liaison)
    .bind(crate::db::now())
    .fetch_optional(db)
    .await?)
}

pub async fn set_disabled(
    pool: &AnyPool,
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
    pool: &AnyPool,
    tenant_id: i64,
    list: &ListQuery,
) -> Result<
    (
        Vec<crate::domain::ordering_accounts::OrderingAccountRow>,
        i64,
    ),
    AppError,
> {
    let (search, limit, offset) = (list.q.as_str(), list.limit, list.offset);
    let pattern = crate::db::like_pattern(search);
    const FROM: &str = "FROM store_users u
         JOIN contacts c ON c.id = u.contact_id
         JOIN enterprises e ON e.id = u.enterprise_id
         JOIN accounts a ON a.id = e.account_id
         WHERE u.tenant_id = $1 AND (lower(c.name) LIKE lower($2) ESCAPE '\\' OR u.phone LIKE $2 ESCAPE '\\' OR lower(a.name) LIKE lower($2) ESCAPE '\\')";
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
    pool: &AnyPool,
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
pub async fn end_sessions(tx: &mut Transaction<'_, Any>, user_id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE store_user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
