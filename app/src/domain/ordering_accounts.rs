//! Wire types of ordering accounts: what its server functions take and return.

use serde::{Deserialize, Serialize};

/// At most this many Contacts per bulk request.
pub const BULK_LIMIT: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// The Contact has no mobile number.
    MissingPhone,
    /// The Contact's number is not a valid mobile number.
    InvalidPhone,
    /// Another Contact's ordering account already uses this number in this store.
    PhoneInUse,
    /// No such Contact under this Account.
    NotFound,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BulkOutcome {
    Created,
    AlreadyHad,
    Rejected(RejectReason),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BulkRow {
    pub contact_id: i64,
    pub contact_name: String,
    pub outcome: BulkOutcome,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BulkReport {
    /// Whether this request made the Account an interconnected enterprise.
    pub enterprise_created: bool,
    pub rows: Vec<BulkRow>,
}

impl BulkReport {
    pub fn count(&self, pred: impl Fn(&BulkOutcome) -> bool) -> usize {
        self.rows.iter().filter(|r| pred(&r.outcome)).count()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OrderingAccountRow {
    pub id: i64,
    pub contact: String,
    pub phone: String,
    pub account: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub disabled: bool,
}
