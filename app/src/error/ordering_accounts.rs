//! Ordering accounts and the enterprises they belong to.

use crate::i18n::{ErrMsg, Lang};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OrderingAccountError {
    #[error("account is not an enterprise")]
    NotEnterprise,
}

impl OrderingAccountError {
    /// Stable machine-readable code; matches the serialized `code` tag.
    pub fn code(&self) -> &'static str {
        match self {
            OrderingAccountError::NotEnterprise => "not_enterprise",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            OrderingAccountError::NotEnterprise => 400,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let text = |m: ErrMsg| m.text(lang).to_string();
        match self {
            OrderingAccountError::NotEnterprise => text(ErrMsg::NotEnterprise),
        }
    }
}
