//! Wire types of accounts: what its server functions take and return.

use crate::domain::layout::Values;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AccountSummary {
    pub id: i64,
    pub name: String,
    pub price_list: Option<String>,
    pub contacts: i64,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub enterprise: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactView {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub title: Option<String>,
    /// The Contact's ordering account, if one was created.
    pub ordering_account_id: Option<i64>,
    pub ordering_disabled: Option<bool>,
    /// Every layout field's value (system and custom), for the edit form.
    pub fields: Values,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountDetail {
    pub id: i64,
    pub name: String,
    pub price_list_id: Option<i64>,
    pub price_list: Option<String>,
    pub enterprise_id: Option<i64>,
    pub enterprise_has_tenant: Option<bool>,
    /// Every layout field's value (system and custom), for the edit form.
    pub fields: Values,
    pub contacts: Vec<ContactView>,
}
