//! Wire types of enterprises: what its server functions take and return.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EnterpriseRow {
    pub id: i64,
    pub account_id: i64,
    pub account: String,
    /// The enterprise runs its own OrderLink tenant (tenant-enabled), or not.
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub has_tenant: bool,
    pub ordering_accounts: i64,
    /// The distributor admin (tenant-enabled enterprises only).
    pub admin_id: Option<i64>,
    pub admin: Option<String>,
    /// Who the brand may make its admin: the enterprise's ordering accounts
    /// (tenant-enabled enterprises only).
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub admin_choices: Vec<AdminChoice>,
}

/// An ordering account the brand may make its enterprise's admin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminChoice {
    pub id: i64,
    pub name: String,
    pub phone: String,
}

/// A Contact of an enterprise, as the "new ordering account" form offers them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EnterpriseContact {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub has_ordering_account: bool,
}
