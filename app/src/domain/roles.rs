//! Wire types of roles: what its server functions take and return.

use crate::domain::permissions::Audience;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleView {
    pub id: i64,
    pub name: String,
    /// Set for the seeded roles (`store_admin`, `order_personnel`, ...).
    pub system_key: Option<String>,
    pub audience: Audience,
    /// Permission codes the role holds.
    pub permissions: Vec<String>,
    /// Staff members or ordering accounts holding the role.
    pub members: i64,
}

impl RoleView {
    /// Store Admin keeps every console permission, so nobody can lock the brand out.
    pub fn locked(&self) -> bool {
        self.system_key.as_deref() == Some(crate::domain::permissions::STORE_ADMIN)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StaffRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role_id: i64,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub disabled: bool,
}
