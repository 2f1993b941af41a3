//! Wire types of settings: what its server functions take and return.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuestSettings {
    pub enabled: bool,
    pub guest_account_id: Option<i64>,
    pub prompt_zh: String,
    pub prompt_en: String,
    /// Accounts that can serve as the guest Account, with their price list.
    pub candidates: Vec<GuestCandidate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct GuestCandidate {
    pub id: i64,
    pub name: String,
    pub price_list: Option<String>,
}

/// Self-registration: whether unknown phones may apply, and whether an
/// application waits for a channel admin's approval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RegistrationSettings {
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub enabled: bool,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub approval: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub id: i64,
    pub staff: Option<String>,
    pub action: String,
    pub detail: String,
    pub created_at: i64,
}
