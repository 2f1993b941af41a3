//! (ssr) Creating ordering accounts: one for a Contact, or one for each of
//! many Contacts of an Account in one transaction (creating the enterprise on
//! the way), each Contact reported as created, already had one, or rejected.

use crate::db;
use crate::domain::credentials::normalize_phone;
use crate::domain::ordering_accounts::{BulkOutcome, BulkReport, BulkRow, RejectReason};
use crate::domain::permissions::ORDER_PERSONNEL;
use crate::error::OrderingAccountError;
use crate::error::{AppError, Invalid};
use sqlx::{AnyConnection, AnyPool};

/// Ordering accounts (Order Personnel) for `contact_ids` of one Account; the
/// Account becomes an enterprise first if it is not one. A second run creates
/// nothing new: each Contact then already has its account.
pub async fn bulk_create(
    pool: &AnyPool,
    tenant_id: i64,
    account_id: i64,
    contact_ids: &[i64],
) -> Result<BulkReport, AppError> {
    // The first statement writes (and BEGIN IMMEDIATE holds the write lock),
    // so two concurrent runs queue instead of colliding.
    let mut tx = db::begin(pool).await?;
    let enterprise_created = db::enterprises::create(&mut *tx, tenant_id, account_id, false)
        .await?
        .is_some();
    let enterprise = db::enterprises::of_account(&mut *tx, tenant_id, account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let role = db::staff::system_role_id(&mut *tx, tenant_id, ORDER_PERSONNEL).await?;
    let target = Target {
        tenant_id,
        account_id,
        enterprise,
        role,
    };
    let mut seen = std::collections::HashSet::new();
    let mut rows = Vec::new();
    for &contact_id in contact_ids.iter().filter(|id| seen.insert(**id)) {
        rows.push(create_one(&mut tx, &target, contact_id).await?);
    }
    tx.commit().await?;
    Ok(BulkReport {
        enterprise_created,
        rows,
    })
}

/// One ordering account for a Contact whose Account is already an enterprise.
/// `role_id` must be a store role of this brand; none means Order Personnel.
pub async fn create_for_contact(
    pool: &AnyPool,
    tenant_id: i64,
    contact_id: i64,
    role_id: Option<i64>,
) -> Result<BulkRow, AppError> {
    let mut tx = db::begin(pool).await?;
    let role = match role_id {
        None => db::staff::system_role_id(&mut *tx, tenant_id, ORDER_PERSONNEL).await?,
        Some(id) => db::ordering_accounts::store_role(&mut *tx, tenant_id, id)
            .await?
            .ok_or(AppError::Invalid {
                field: "role".into(),
                reason: Invalid::Option,
            })?,
    };
    let (account_id, enterprise) =
        db::ordering_accounts::contact_enterprise(&mut *tx, tenant_id, contact_id)
            .await?
            .ok_or(AppError::NotFound)?;
    let target = Target {
        tenant_id,
        account_id,
        enterprise: enterprise.ok_or(AppError::OrderingAccounts(
            OrderingAccountError::NotEnterprise,
        ))?,
        role,
    };
    let row = create_one(&mut tx, &target, contact_id).await?;
    tx.commit().await?;
    Ok(row)
}

/// Where new ordering accounts go: an enterprise and the role they get.
struct Target {
    tenant_id: i64,
    account_id: i64,
    enterprise: i64,
    role: i64,
}

/// The rule for one Contact: it must belong to the Account, not have an
/// account yet, and have a valid phone that no one in the store uses.
async fn create_one(
    conn: &mut AnyConnection,
    to: &Target,
    contact_id: i64,
) -> Result<BulkRow, AppError> {
    let contact = db::ordering_accounts::contact_of_account(
        &mut *conn,
        to.tenant_id,
        to.account_id,
        contact_id,
    )
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
    let new_user = db::ordering_accounts::NewStoreUser {
        tenant_id: to.tenant_id,
        enterprise_id: to.enterprise,
        contact_id,
        phone: &phone,
        role_id: to.role,
        liaison: true,
    };
    let inserted = db::ordering_accounts::insert(&mut *conn, new_user).await?;
    let outcome = match inserted {
        Some(_) => BulkOutcome::Created,
        // The only unique key left to collide with is (store, phone).
        None => BulkOutcome::Rejected(RejectReason::PhoneInUse),
    };
    Ok(row(c.name, outcome))
}
