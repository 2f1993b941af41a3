//! Ordering accounts, the enterprises they belong to, and tenant-enabled
//! enterprises' own teams.

use crate::i18n::{ErrMsg, Lang};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OrderingAccountError {
    #[error("account is not an enterprise")]
    NotEnterprise,
    /// Only the enterprise's distributor admin manages its team.
    #[error("not the team's admin")]
    NotTeamAdmin,
    /// A tenantless enterprise has no admin: the brand manages it.
    #[error("enterprise is not tenant-enabled")]
    NotTenantEnabled,
    /// The enterprise's admin has not made this person a liaison.
    #[error("not a liaison")]
    NotLiaison,
    /// The admin cannot disable themselves or stop being a liaison.
    #[error("own account")]
    OwnTeamAccount,
}

impl OrderingAccountError {
    /// Stable machine-readable code; matches the serialized `code` tag.
    pub fn code(&self) -> &'static str {
        match self {
            OrderingAccountError::NotEnterprise => "not_enterprise",
            OrderingAccountError::NotTeamAdmin => "not_team_admin",
            OrderingAccountError::NotTenantEnabled => "not_tenant_enabled",
            OrderingAccountError::NotLiaison => "not_liaison",
            OrderingAccountError::OwnTeamAccount => "own_team_account",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            OrderingAccountError::NotEnterprise
            | OrderingAccountError::NotTenantEnabled
            | OrderingAccountError::OwnTeamAccount => 400,
            OrderingAccountError::NotTeamAdmin | OrderingAccountError::NotLiaison => 403,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let m = match self {
            OrderingAccountError::NotEnterprise => ErrMsg::NotEnterprise,
            OrderingAccountError::NotTeamAdmin => ErrMsg::NotTeamAdmin,
            OrderingAccountError::NotTenantEnabled => ErrMsg::NotTenantEnabled,
            OrderingAccountError::NotLiaison => ErrMsg::NotLiaison,
            OrderingAccountError::OwnTeamAccount => ErrMsg::OwnTeamAccount,
        };
        m.text(lang).to_string()
    }
}
