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

/// The ways into a store its Store Admin offers; a channel switched off
/// refuses at its endpoints and its button leaves the login page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LoginChannels {
    /// An SMS code to the phone.
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub sms: bool,
    /// Account name and password.
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub password: bool,
    /// The WeChat phone number, in the platform mini-program.
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub mini_program: bool,
    /// Scanning a QR code with WeChat, in a desktop browser.
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub wechat_qr: bool,
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
