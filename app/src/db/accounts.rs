//! (ssr) Accounts and Contacts of one brand. Every query is scoped by tenant:
//! an id from another brand reads as "not found".

use crate::db::layouts;
use crate::domain::accounts::{AccountDetail, AccountSummary, ContactView};
use crate::domain::layout::Values;
use crate::domain::list::ListQuery;
use crate::error::{AppError, Invalid};
use sqlx::AnyPool;

pub async fn list(
    pool: &AnyPool,
    tenant_id: i64,
    list: &ListQuery,
) -> Result<(Vec<AccountSummary>, i64), AppError> {
    let (search, limit, offset) = (list.q.as_str(), list.limit, list.offset);
    let pattern = crate::db::like_pattern(search);
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM accounts WHERE tenant_id = $1 AND is_virtual = FALSE AND lower(name) LIKE lower($2) ESCAPE '\\'",
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
         WHERE a.tenant_id = $1 AND a.is_virtual = FALSE AND lower(a.name) LIKE lower($2) ESCAPE '\\'
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
    pool: &AnyPool,
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

/// The layout keys an Account keeps in its own columns.
const ACCOUNT_COLUMNS: &[&str] = &["name"];
/// The layout keys a Contact keeps in its own columns.
const CONTACT_COLUMNS: &[&str] = &["name", "phone", "email", "title"];

fn value<'a>(values: &'a Values, key: &str) -> Option<&'a str> {
    values.get(key).map(String::as_str)
}

/// Creates an Account from layout-validated values.
pub async fn create(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    values: &Values,
    price_list_id: Option<i64>,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO accounts (tenant_id, name, price_list_id, is_virtual, custom, created_at)
         VALUES ($1, $2, $3, FALSE, $4, $5) RETURNING id",
    )
    .bind(tenant_id)
    .bind(value(values, "name").unwrap_or_default())
    .bind(price_list_id)
    .bind(layouts::custom_json(values, ACCOUNT_COLUMNS))
    .bind(crate::db::now())
    .fetch_one(db)
    .await?)
}

pub async fn update(
    pool: &AnyPool,
    tenant_id: i64,
    account_id: i64,
    values: &Values,
    price_list_id: Option<i64>,
) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE accounts SET name = $1, price_list_id = $2, custom = $3
         WHERE id = $4 AND tenant_id = $5 AND is_virtual = FALSE",
    )
    .bind(value(values, "name").unwrap_or_default())
    .bind(price_list_id)
    .bind(layouts::custom_json(values, ACCOUNT_COLUMNS))
    .bind(account_id)
    .bind(tenant_id)
    .execute(pool)
    .await?;
    crate::db::found(done.rows_affected())
}

/// Adds a Contact from layout-validated values.
pub async fn add_contact(
    pool: &AnyPool,
    tenant_id: i64,
    account_id: i64,
    values: &Values,
) -> Result<i64, AppError> {
    ensure_account(pool, tenant_id, account_id).await?;
    insert_contact(pool, tenant_id, account_id, values).await
}

/// Inserts a Contact under an Account the caller has already checked.
pub async fn insert_contact(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    account_id: i64,
    values: &Values,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO contacts (tenant_id, account_id, name, phone, email, title, custom, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(tenant_id)
    .bind(account_id)
    .bind(value(values, "name").unwrap_or_default())
    .bind(value(values, "phone"))
    .bind(value(values, "email"))
    .bind(value(values, "title"))
    .bind(layouts::custom_json(values, CONTACT_COLUMNS))
    .bind(crate::db::now())
    .fetch_one(db)
    .await?)
}

/// Edits a Contact. An ordering account keeps its own login phone: changing
/// the Contact's number does not change how that person logs in.
pub async fn update_contact(
    pool: &AnyPool,
    tenant_id: i64,
    contact_id: i64,
    values: &Values,
) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE contacts SET name = $1, phone = $2, email = $3, title = $4, custom = $5
         WHERE id = $6 AND tenant_id = $7",
    )
    .bind(value(values, "name").unwrap_or_default())
    .bind(value(values, "phone"))
    .bind(value(values, "email"))
    .bind(value(values, "title"))
    .bind(layouts::custom_json(values, CONTACT_COLUMNS))
    .bind(contact_id)
    .bind(tenant_id)
    .execute(pool)
    .await?;
    crate::db::found(done.rows_affected())
}

/// An Account of this brand that real buyers can belong to (not a guest's
/// virtual Account).
pub async fn real_account(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    account_id: i64,
) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM accounts WHERE id = $1 AND tenant_id = $2 AND is_virtual = FALSE",
    )
    .bind(account_id)
    .bind(tenant_id)
    .fetch_optional(db)
    .await?)
}

pub async fn ensure_account(
    pool: &AnyPool,
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
    has_tenant: Option<crate::domain::Flag>,
    custom: String,
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    id: i64,
    name: String,
    phone: Option<String>,
    email: Option<String>,
    title: Option<String>,
    custom: String,
    ordering_account_id: Option<i64>,
    ordering_disabled: Option<crate::domain::Flag>,
}

impl From<ContactRow> for ContactView {
    fn from(c: ContactRow) -> Self {
        let mut fields = layouts::custom_values(&c.custom);
        fields.insert("name".into(), c.name.clone());
        for (key, v) in [
            ("phone", &c.phone),
            ("email", &c.email),
            ("title", &c.title),
        ] {
            if let Some(v) = v {
                fields.insert(key.into(), v.clone());
            }
        }
        ContactView {
            id: c.id,
            name: c.name,
            phone: c.phone,
            email: c.email,
            title: c.title,
            ordering_account_id: c.ordering_account_id,
            ordering_disabled: c.ordering_disabled.map(bool::from),
            fields,
        }
    }
}

pub async fn detail(
    pool: &AnyPool,
    tenant_id: i64,
    account_id: i64,
) -> Result<AccountDetail, AppError> {
    let a: AccountRow = sqlx::query_as(
        "SELECT a.id, a.name, a.price_list_id, pl.name AS price_list, e.id AS enterprise_id, e.has_tenant, a.custom
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
    let contacts = sqlx::query_as::<_, ContactRow>(
        "SELECT c.id, c.name, c.phone, c.email, c.title, c.custom, u.id AS ordering_account_id, u.disabled AS ordering_disabled
         FROM contacts c LEFT JOIN store_users u ON u.contact_id = c.id
         WHERE c.account_id = $1 AND c.tenant_id = $2 ORDER BY c.id",
    )
    .bind(account_id)
    .bind(tenant_id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(ContactView::from)
    .collect();
    let mut fields = layouts::custom_values(&a.custom);
    fields.insert("name".into(), a.name.clone());
    Ok(AccountDetail {
        id: a.id,
        name: a.name,
        price_list_id: a.price_list_id,
        price_list: a.price_list,
        enterprise_id: a.enterprise_id,
        enterprise_has_tenant: a.has_tenant.map(bool::from),
        fields,
        contacts,
    })
}
