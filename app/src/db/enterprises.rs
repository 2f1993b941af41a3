//! (ssr) Interconnected enterprises of one brand.

use crate::domain::enterprises::{AdminChoice, EnterpriseContact, EnterpriseRow};
use crate::domain::list::ListQuery;
use crate::error::AppError;
use sqlx::AnyPool;

pub async fn list(
    pool: &AnyPool,
    tenant_id: i64,
    list: &ListQuery,
) -> Result<(Vec<EnterpriseRow>, i64), AppError> {
    let (search, limit, offset) = (list.q.as_str(), list.limit, list.offset);
    let pattern = crate::db::like_pattern(search);
    const FROM: &str = "FROM enterprises e JOIN accounts a ON a.id = e.account_id
         WHERE e.tenant_id = $1 AND lower(a.name) LIKE lower($2) ESCAPE '\\'";
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {FROM}"))
        .bind(tenant_id)
        .bind(&pattern)
        .fetch_one(pool)
        .await?;
    let items = sqlx::query_as(&format!(
        "SELECT e.id, e.account_id, a.name AS account, e.has_tenant,
                (SELECT COUNT(*) FROM store_users u WHERE u.enterprise_id = e.id) AS ordering_accounts,
                e.admin_user_id AS admin_id,
                (SELECT c.name FROM store_users au JOIN contacts c ON c.id = au.contact_id
                 WHERE au.id = e.admin_user_id) AS admin
         {FROM} ORDER BY e.id DESC LIMIT $3 OFFSET $4"
    ))
    .bind(tenant_id)
    .bind(&pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let items = with_admin_choices(pool, tenant_id, items).await?;
    Ok((items, total))
}

/// Fills in the admin choices of the page's tenant-enabled enterprises, in
/// one query.
async fn with_admin_choices(
    pool: &AnyPool,
    tenant_id: i64,
    mut items: Vec<EnterpriseRow>,
) -> Result<Vec<EnterpriseRow>, AppError> {
    let ids: Vec<i64> = items
        .iter()
        .filter(|e| e.has_tenant)
        .map(|e| e.id)
        .collect();
    if ids.is_empty() {
        return Ok(items);
    }
    let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT u.enterprise_id, u.id, c.name, u.phone FROM store_users u
         JOIN contacts c ON c.id = u.contact_id
         WHERE u.tenant_id = $1 AND u.enterprise_id IN ({}) ORDER BY c.name, u.id",
        marks.join(", ")
    );
    let mut query = sqlx::query_as::<_, (i64, i64, String, String)>(&sql).bind(tenant_id);
    for id in &ids {
        query = query.bind(*id);
    }
    for (enterprise, id, name, phone) in query.fetch_all(pool).await? {
        if let Some(row) = items.iter_mut().find(|e| e.id == enterprise) {
            row.admin_choices.push(AdminChoice { id, name, phone });
        }
    }
    Ok(items)
}

/// Makes an Account of this brand an enterprise. `None` when it already is
/// one, or is not a real Account of the brand (guests' virtual Accounts never
/// order). The one place enterprises are created.
pub async fn create(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    account_id: i64,
    has_tenant: bool,
) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO enterprises (tenant_id, account_id, has_tenant, created_at)
         SELECT $1, id, $3, $4 FROM accounts WHERE id = $2 AND tenant_id = $1 AND is_virtual = FALSE
         ON CONFLICT (account_id) DO NOTHING RETURNING id",
    )
    .bind(tenant_id)
    .bind(account_id)
    .bind(has_tenant)
    .bind(crate::db::now())
    .fetch_optional(db)
    .await?)
}

/// The enterprise of an Account of this brand, if it is one.
pub async fn of_account(
    db: impl sqlx::AnyExecutor<'_>,
    tenant_id: i64,
    account_id: i64,
) -> Result<Option<i64>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM enterprises WHERE account_id = $1 AND tenant_id = $2")
            .bind(account_id)
            .bind(tenant_id)
            .fetch_optional(db)
            .await?,
    )
}

/// Adds an Account as an enterprise from the console; once only.
pub async fn add(
    pool: &AnyPool,
    tenant_id: i64,
    account_id: i64,
    has_tenant: bool,
) -> Result<i64, AppError> {
    crate::db::accounts::ensure_account(pool, tenant_id, account_id).await?;
    create(pool, tenant_id, account_id, has_tenant)
        .await?
        .ok_or(AppError::Duplicate {
            field: "enterprise".into(),
        })
}

pub async fn contacts(
    pool: &AnyPool,
    tenant_id: i64,
    enterprise_id: i64,
) -> Result<Vec<EnterpriseContact>, AppError> {
    let account: i64 =
        sqlx::query_scalar("SELECT account_id FROM enterprises WHERE id = $1 AND tenant_id = $2")
            .bind(enterprise_id)
            .bind(tenant_id)
            .fetch_optional(pool)
            .await?
            .ok_or(AppError::NotFound)?;
    Ok(sqlx::query_as(
        "SELECT c.id, c.name, c.phone, EXISTS (SELECT 1 FROM store_users u WHERE u.contact_id = c.id) AS has_ordering_account
         FROM contacts c WHERE c.account_id = $1 AND c.tenant_id = $2 ORDER BY c.id",
    )
    .bind(account)
    .bind(tenant_id)
    .fetch_all(pool)
    .await?)
}
