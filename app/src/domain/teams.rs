//! Tenant-enabled enterprises' own teams: the distributor admin (one of the
//! enterprise's ordering accounts, chosen by the brand) adds employees,
//! disables them and chooses its liaisons, who may order. Tenantless
//! enterprises are managed by the brand alone.

use crate::domain::validate::{optional_phone, required_text};
use crate::error::{AppError, Invalid};
use serde::{Deserialize, Serialize};

/// Longest name a teammate may have, as a Contact's name.
pub const NAME_MAX: usize = 50;

/// Whether an ordering account may place orders. The role decides first (the
/// brand's permission matrix). In a tenant-enabled enterprise the
/// enterprise decides too: its admin chooses the liaisons, and only they
/// (and the admin) order for it. A tenantless enterprise has no say: the
/// brand manages its accounts, and disabling is how it stops one.
pub fn may_order(role_allows: bool, has_tenant: bool, is_liaison: bool, is_admin: bool) -> bool {
    role_allows && (!has_tenant || is_liaison || is_admin)
}

/// One ordering account of the admin's enterprise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TeamMember {
    pub id: i64,
    pub name: String,
    pub phone: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub is_liaison: bool,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub disabled: bool,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub is_admin: bool,
}

/// The team page: the enterprise and its people, the admin first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    pub enterprise: String,
    pub members: Vec<TeamMember>,
}

/// What the admin does to a teammate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamChange {
    Disable,
    Enable,
    MakeLiaison,
    NotLiaison,
}

impl TeamChange {
    pub fn from_form(value: &str) -> Option<TeamChange> {
        Some(match value {
            "disable" => TeamChange::Disable,
            "enable" => TeamChange::Enable,
            "liaison" => TeamChange::MakeLiaison,
            "not_liaison" => TeamChange::NotLiaison,
            _ => return None,
        })
    }
}

/// A new teammate as the admin typed them, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTeammate {
    pub name: String,
    pub phone: String,
    pub liaison: bool,
}

impl NewTeammate {
    pub fn parse(name: &str, phone: &str, liaison: bool) -> Result<NewTeammate, AppError> {
        let name = required_text("name", name, NAME_MAX)?;
        let phone = optional_phone("phone", phone)?.ok_or(AppError::Invalid {
            field: "phone".into(),
            reason: Invalid::Required,
        })?;
        Ok(NewTeammate {
            name,
            phone,
            liaison,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tenantless_enterprise_orders_as_its_roles_allow() {
        assert!(may_order(true, false, false, false));
        assert!(!may_order(false, false, true, true));
    }

    #[test]
    fn in_a_tenant_enabled_enterprise_only_liaisons_and_the_admin_order() {
        assert!(!may_order(true, true, false, false));
        assert!(may_order(true, true, true, false));
        assert!(may_order(true, true, false, true));
        assert!(!may_order(false, true, true, true));
    }

    #[test]
    fn a_new_teammate_needs_a_name_and_a_mobile_number() {
        let ok = NewTeammate::parse(" 王芳 ", "138 0000 0009", true).unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.phone.as_str()),
            ("王芳", "13800000009")
        );
        assert!(NewTeammate::parse("", "13800000009", true).is_err());
        assert!(NewTeammate::parse("王芳", "", true).is_err());
        assert!(NewTeammate::parse("王芳", "12345", true).is_err());
    }
}
