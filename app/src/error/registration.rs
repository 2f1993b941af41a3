//! Self-registration and its approvals.

use crate::i18n::{ErrMsg, Lang};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RegistrationError {
    #[error("self-registration closed")]
    RegistrationClosed,
    #[error("application already decided")]
    AlreadyDecided { status: String },
}

impl RegistrationError {
    /// Stable machine-readable code; matches the serialized `code` tag.
    pub fn code(&self) -> &'static str {
        match self {
            RegistrationError::RegistrationClosed => "registration_closed",
            RegistrationError::AlreadyDecided { .. } => "already_decided",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            RegistrationError::RegistrationClosed => 403,
            RegistrationError::AlreadyDecided { .. } => 409,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let text = |m: ErrMsg| m.text(lang).to_string();
        match self {
            RegistrationError::RegistrationClosed => text(ErrMsg::RegistrationClosed),
            RegistrationError::AlreadyDecided { status } => text(match status.as_str() {
                "approved" => ErrMsg::AlreadyApproved,
                "rejected" => ErrMsg::AlreadyRejected,
                _ => ErrMsg::AlreadyDecided,
            }),
        }
    }
}
