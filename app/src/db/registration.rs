//! (ssr) Self-registration's SQL: verified-phone tickets, applications, the
//! exactly-once claim of a decision, and the approvals inbox. The flows
//! (filing, approving, rejecting) are in `service::registration`.

use crate::db::auth::{keyed_hash, random_token};
use crate::domain::layout::{Field, Layout, LayoutObject, Values};
use crate::domain::registration::{self as rules, Status};
use crate::domain::registration::{AccountMatch, ApplicationView, Draft};
use crate::error::AppError;
use crate::i18n::Lang;
use sqlx::{AnyConnection, AnyPool};

/// How long a verified phone may take to fill in the form.
pub const TICKET_TTL_SECS: i64 = 30 * 60;

// ---------- verified-phone tickets ----------

/// Remembers that this browser verified `phone` by SMS; returns the raw token
/// for its cookie. Expired tickets of every store are cleared on the way.
pub async fn create_ticket(
    pool: &AnyPool,
    secret: &[u8],
    tenant_id: i64,
    phone: &str,
) -> Result<String, AppError> {
    let now = crate::db::now();
    sqlx::query("DELETE FROM phone_tickets WHERE expires_at <= $1")
        .bind(now)
        .execute(pool)
        .await?;
    let token = random_token();
    sqlx::query(
        "INSERT INTO phone_tickets (token_hash, tenant_id, phone, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(keyed_hash(secret, &token))
    .bind(tenant_id)
    .bind(phone)
    .bind(now)
    .bind(now + TICKET_TTL_SECS)
    .execute(pool)
    .await?;
    Ok(token)
}

pub struct Ticket {
    pub phone: String,
    /// The last refused submission, shown again with its messages.
    pub draft: Option<Draft>,
}

/// The phone a live ticket of this store vouches for.
pub async fn ticket(
    pool: &AnyPool,
    secret: &[u8],
    token: &str,
    tenant_id: i64,
) -> Result<Option<Ticket>, AppError> {
    let row: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT phone, draft FROM phone_tickets
         WHERE token_hash = $1 AND tenant_id = $2 AND expires_at > $3",
    )
    .bind(keyed_hash(secret, token))
    .bind(tenant_id)
    .bind(crate::db::now())
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(phone, draft)| Ticket {
        phone,
        draft: draft.and_then(|d| serde_json::from_str(&d).ok()),
    }))
}

pub async fn save_draft(
    pool: &AnyPool,
    secret: &[u8],
    token: &str,
    draft: Option<&Draft>,
) -> Result<(), AppError> {
    let json = draft.and_then(|d| serde_json::to_string(d).ok());
    sqlx::query("UPDATE phone_tickets SET draft = $1 WHERE token_hash = $2")
        .bind(json)
        .bind(keyed_hash(secret, token))
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn delete_ticket(pool: &AnyPool, secret: &[u8], token: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM phone_tickets WHERE token_hash = $1")
        .bind(keyed_hash(secret, token))
        .execute(pool)
        .await?;
    Ok(())
}

// ---------- applications ----------

/// A phone's most recent application in a store.
#[derive(sqlx::FromRow)]
pub struct Latest {
    pub status: String,
    pub company: String,
    pub reason: Option<String>,
    pub created_at: i64,
}

impl Latest {
    pub fn status(&self) -> Status {
        Status::from_code(&self.status).unwrap_or(Status::Pending)
    }
}

pub async fn latest(
    pool: &AnyPool,
    tenant_id: i64,
    phone: &str,
) -> Result<Option<Latest>, AppError> {
    Ok(sqlx::query_as(
        "SELECT status, company, reason, created_at FROM registrations
         WHERE tenant_id = $1 AND phone = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(tenant_id)
    .bind(phone)
    .fetch_optional(pool)
    .await?)
}

/// Files an application. `None` when the phone already has an open one in
/// this store: the partial unique index decides, so a double submit files one.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    conn: &mut AnyConnection,
    tenant_id: i64,
    phone: &str,
    values: &Values,
    layout: &Layout,
    lang: Lang,
    status: Status,
) -> Result<Option<i64>, AppError> {
    let company = values.get(rules::COMPANY).cloned().unwrap_or_default();
    let contact_name = values.get(rules::CONTACT_NAME).cloned().unwrap_or_default();
    let fields = serde_json::to_string(values).map_err(|_| AppError::Internal)?;
    let laid_out = serde_json::to_string(&layout.fields).map_err(|_| AppError::Internal)?;
    let now = crate::db::now();
    Ok(sqlx::query_scalar(
        "INSERT INTO registrations (tenant_id, phone, company, contact_name, fields, layout, lang, status, decided_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(tenant_id)
    .bind(phone)
    .bind(company)
    .bind(contact_name)
    .bind(fields)
    .bind(laid_out)
    .bind(lang.tag())
    .bind(status.code())
    .bind((status != Status::Pending).then_some(now))
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Records what an approval created for application `id`.
pub async fn link(
    conn: &mut AnyConnection,
    id: i64,
    account_id: i64,
    store_user_id: i64,
) -> Result<(), AppError> {
    sqlx::query("UPDATE registrations SET account_id = $1, store_user_id = $2 WHERE id = $3")
        .bind(account_id)
        .bind(store_user_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A decided application, as the decision's flow needs it.
#[derive(sqlx::FromRow)]
pub struct Claimed {
    pub phone: String,
    pub company: String,
    fields: String,
    layout: String,
    lang: String,
}

impl Claimed {
    /// The values and the layout the applicant filled in.
    pub fn form(&self) -> Result<(Layout, Values), AppError> {
        let values: Values = serde_json::from_str(&self.fields).map_err(|_| AppError::Internal)?;
        let fields: Vec<Field> =
            serde_json::from_str(&self.layout).map_err(|_| AppError::Internal)?;
        let layout = Layout {
            object: LayoutObject::Registration,
            fields,
        };
        Ok((layout, values))
    }

    /// The language the applicant applied in.
    pub fn lang(&self) -> Lang {
        Lang::from_tag(&self.lang).unwrap_or_default()
    }
}

/// Marks a pending application decided. Only one caller can: the update
/// matches a pending row once, so a second, concurrent decision finds it
/// decided and is refused with what happened.
pub async fn claim(
    conn: &mut AnyConnection,
    tenant_id: i64,
    staff_id: i64,
    id: i64,
    to: Status,
    reason: Option<&str>,
) -> Result<Claimed, AppError> {
    let claimed: Option<Claimed> = sqlx::query_as(
        "UPDATE registrations SET status = $1, reason = $2, decided_by = $3, decided_at = $4
         WHERE id = $5 AND tenant_id = $6 AND status = 'pending'
         RETURNING phone, company, fields, layout, lang",
    )
    .bind(to.code())
    .bind(reason)
    .bind(staff_id)
    .bind(crate::db::now())
    .bind(id)
    .bind(tenant_id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(c) = claimed {
        return Ok(c);
    }
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM registrations WHERE id = $1 AND tenant_id = $2")
            .bind(id)
            .bind(tenant_id)
            .fetch_optional(&mut *conn)
            .await?;
    let from = status
        .as_deref()
        .and_then(Status::from_code)
        .ok_or(AppError::NotFound)?;
    // The update missed, so the row is decided and `decide` says how; a
    // pending row it somehow missed reads as our own fault.
    Err(from.decide(to).err().unwrap_or(AppError::Internal))
}

// ---------- the approvals inbox ----------

pub async fn pending_count(pool: &AnyPool, tenant_id: i64) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM registrations WHERE tenant_id = $1 AND status = 'pending'",
    )
    .bind(tenant_id)
    .fetch_one(pool)
    .await?)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    phone: String,
    company: String,
    contact_name: String,
    fields: String,
    layout: String,
    reason: Option<String>,
    created_at: i64,
    decided_at: Option<i64>,
    decided_by: Option<String>,
    account_id: Option<i64>,
    account: Option<String>,
}

/// Applications with `status`: pending ones longest-waiting first, decided
/// ones most recent first.
pub async fn list(
    pool: &AnyPool,
    tenant_id: i64,
    status: Status,
    limit: i64,
    offset: i64,
) -> Result<(Vec<ApplicationView>, i64), AppError> {
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM registrations WHERE tenant_id = $1 AND status = $2",
    )
    .bind(tenant_id)
    .bind(status.code())
    .fetch_one(pool)
    .await?;
    let order = if status == Status::Pending {
        "r.id ASC"
    } else {
        "r.decided_at DESC, r.id DESC"
    };
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT r.id, r.phone, r.company, r.contact_name, r.fields, r.layout, r.reason, r.created_at,
                r.decided_at, s.name AS decided_by, r.account_id, a.name AS account
         FROM registrations r
         LEFT JOIN staff s ON s.id = r.decided_by
         LEFT JOIN accounts a ON a.id = r.account_id
         WHERE r.tenant_id = $1 AND r.status = $2
         ORDER BY {order} LIMIT $3 OFFSET $4"
    ))
    .bind(tenant_id)
    .bind(status.code())
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let now = crate::db::now();
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        let matches = if status == Status::Pending {
            matches(pool, tenant_id, &r.company).await?
        } else {
            Vec::new()
        };
        items.push(ApplicationView {
            id: r.id,
            phone: r.phone,
            company: r.company,
            contact_name: r.contact_name,
            fields: serde_json::from_str(&r.layout).unwrap_or_default(),
            values: serde_json::from_str(&r.fields).unwrap_or_default(),
            status,
            reason: r.reason,
            created_at: r.created_at,
            waited_secs: r.decided_at.unwrap_or(now) - r.created_at,
            decided_at: r.decided_at,
            decided_by: r.decided_by,
            account_id: r.account_id,
            account: r.account,
            matches,
        });
    }
    Ok((items, total))
}

/// Existing Accounts an application might belong to: names containing the
/// applied company name (a branch applying for a known customer).
async fn matches(
    pool: &AnyPool,
    tenant_id: i64,
    company: &str,
) -> Result<Vec<AccountMatch>, AppError> {
    Ok(sqlx::query_as(
        "SELECT a.id, a.name, pl.name AS price_list FROM accounts a
         LEFT JOIN price_lists pl ON pl.id = a.price_list_id
         WHERE a.tenant_id = $1 AND a.is_virtual = FALSE AND lower(a.name) LIKE lower($2) ESCAPE '\\'
         ORDER BY a.name LIMIT 5",
    )
    .bind(tenant_id)
    .bind(crate::db::like_pattern(company))
    .fetch_all(pool)
    .await?)
}
