//! (ssr) Accounts and Contacts of one brand. Every query is scoped by tenant:
//! an id from another brand reads as "not found".

use crate::api::accounts::{AccountDetail, AccountSummary, ContactView};
use crate::error::{AppError, Invalid};
use sqlx::SqlitePool;

pub async fn list(
    pool: &SqlitePool,
    tenant_id: i64,
    search: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<AccountSummary>, i64), AppError> {
    let pattern = crate::db::like_pattern(search);
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM accounts WHERE tenant_id = $1 AND is_virtual = FALSE AND name LIKE $2 ESCAPE '\\'",
    )
    .bind(tenant_id)
    .bind(&pattern)
    .fetch_one(pool)
    .await?;
    let items = sqlx::query_as::<_, AccountSummary>(
        "SELECT a.id, a.name, pl.name AS price_list,
                (SELECT COUNT(*) FROM contacts c WHERE c.account_id = a.id) AS contacts,
                EXISTS (SELECT 1 FROM enterprises e WHERE e.account_id = a.id) AS enterprise
         FROM accounts a LEFT JOIN price_lists pl ON pl.id = a.price_list_id
         WHERE a.tenant_id = $1 AND a.is_virtual = FALSE AND a.name LIKE $2 ESCAPE '\\'
         ORDER BY a.id DESC LIMIT $3 OFFSET $4",
    )
    .bind(tenant_id)
    .bind(&pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    Ok((items, total))
}

/// A price list id from the client, checked to belong to this brand.
pub async fn check_price_list(
    pool: &SqlitePool,
    tenant_id: i64,
    price_list_id: Option<i64>,
) -> Result<Option<i64>, AppError> {
    let Some(id) = price_list_id else {
        return Ok(None);
    };
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM price_lists WHERE id = $1 AND tenant_id = $2")
            .bind(id)
            .bind(tenant_id)
            .fetch_optional(pool)
            .await?;
    found.map(Some).ok_or(AppError::Invalid {
        field: "price_list".into(),
        reason: Invalid::Required,
    })
}

pub async fn create(
    pool: &SqlitePool,
    tenant_id: i64,
    name: &str,
    price_list_id: Option<i64>,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO accounts (tenant_id, name, price_list_id, is_virtual, created_at) VALUES ($1, $2, $3, FALSE, $4) RETURNING id",
    )
    .bind(tenant_id)
    .bind(name)
    .bind(price_list_id)
    .bind(crate::db::now())
    .fetch_one(pool)
    .await?)
}

pub struct NewContact {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub title: Option<String>,
}

pub async fn add_contact(
    pool: &SqlitePool,
    tenant_id: i64,
    account_id: i64,
    c: &NewContact,
) -> Result<i64, AppError> {
    ensure_account(pool, tenant_id, account_id).await?;
    Ok(sqlx::query_scalar(
        "INSERT INTO contacts (tenant_id, account_id, name, phone, email, title, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(tenant_id)
    .bind(account_id)
    .bind(&c.name)
    .bind(&c.phone)
    .bind(&c.email)
    .bind(&c.title)
    .bind(crate::db::now())
    .fetch_one(pool)
    .await?)
}

pub async fn ensure_account(
    pool: &SqlitePool,
    tenant_id: i64,
    account_id: i64,
) -> Result<(), AppError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM accounts WHERE id = $1 AND tenant_id = $2")
            .bind(account_id)
            .bind(tenant_id)
            .fetch_optional(pool)
            .await?;
    found.map(|_| ()).ok_or(AppError::NotFound)
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    name: String,
    price_list_id: Option<i64>,
    price_list: Option<String>,
    enterprise_id: Option<i64>,
    has_tenant: Option<bool>,
}

pub async fn detail(
    pool: &SqlitePool,
    tenant_id: i64,
    account_id: i64,
) -> Result<AccountDetail, AppError> {
    let a: AccountRow = sqlx::query_as(
        "SELECT a.id, a.name, a.price_list_id, pl.name AS price_list, e.id AS enterprise_id, e.has_tenant
         FROM accounts a
         LEFT JOIN price_lists pl ON pl.id = a.price_list_id
         LEFT JOIN enterprises e ON e.account_id = a.id
         WHERE a.id = $1 AND a.tenant_id = $2",
    )
    .bind(account_id)
    .bind(tenant_id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let contacts = sqlx::query_as::<_, ContactView>(
        "SELECT c.id, c.name, c.phone, c.email, c.title, u.id AS ordering_account_id, u.disabled AS ordering_disabled
         FROM contacts c LEFT JOIN store_users u ON u.contact_id = c.id
         WHERE c.account_id = $1 AND c.tenant_id = $2 ORDER BY c.id",
    )
    .bind(account_id)
    .bind(tenant_id)
    .fetch_all(pool)
    .await?;
    Ok(AccountDetail {
        id: a.id,
        name: a.name,
        price_list_id: a.price_list_id,
        price_list: a.price_list,
        enterprise_id: a.enterprise_id,
        enterprise_has_tenant: a.has_tenant,
        contacts,
    })
}
