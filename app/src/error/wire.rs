//! The wire form of `AppError`: one flat, internally tagged enum, so every
//! error reads `{"code": "…", …}` whichever feature type it belongs to, and
//! the browser decodes it without trying each feature type in turn (cheaper
//! in the WASM than untagged variants).

use super::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub(super) enum Wire {
    NotLoggedIn,
    Forbidden {
        permission: String,
    },
    NotFound,
    Invalid {
        field: String,
        reason: Invalid,
    },
    #[serde(rename = "invalid_fields")]
    Fields {
        errors: Vec<FieldError>,
    },
    #[serde(rename = "invalid_layout")]
    Layout {
        problem: LayoutProblem,
        key: String,
    },
    Duplicate {
        field: String,
    },
    TooLarge,
    BadRequest {
        detail: String,
    },
    Internal,
    Transport {
        detail: String,
    },
    InvalidPhone,
    MalformedCode,
    CodeWrong {
        attempts_left: u32,
    },
    CodeExpired,
    CodeTooManyAttempts,
    CodeNotRequested,
    SmsThrottled {
        retry_after_secs: u32,
    },
    SmsIpLimited,
    SmsDailyLimit,
    SmsUnavailable,
    BadCredentials,
    LoginLocked {
        retry_after_secs: u32,
    },
    Busy,
    AccountDisabled,
    NoAccountForPhone,
    StoreNotFound,
    ProductNotFound,
    RegistrationClosed,
    AlreadyDecided {
        status: String,
    },
    GuestAccountRequired,
    GuestAccountWithoutPrices,
    NotEnterprise,
    CartEmpty,
    LinesRefused {
        lines: Vec<RefusedLine>,
    },
    Quantity {
        problem: LineProblem,
    },
    OrderNotAllowed {
        status: String,
        action: String,
    },
}

impl From<AppError> for Wire {
    fn from(e: AppError) -> Wire {
        match e {
            AppError::NotLoggedIn => Wire::NotLoggedIn,
            AppError::Forbidden { permission } => Wire::Forbidden { permission },
            AppError::NotFound => Wire::NotFound,
            AppError::Invalid { field, reason } => Wire::Invalid { field, reason },
            AppError::Fields { errors } => Wire::Fields { errors },
            AppError::Layout { problem, key } => Wire::Layout { problem, key },
            AppError::Duplicate { field } => Wire::Duplicate { field },
            AppError::TooLarge => Wire::TooLarge,
            AppError::BadRequest { detail } => Wire::BadRequest { detail },
            AppError::Internal => Wire::Internal,
            AppError::Transport { detail } => Wire::Transport { detail },
            AppError::Login(e) => match e {
                LoginError::InvalidPhone => Wire::InvalidPhone,
                LoginError::MalformedCode => Wire::MalformedCode,
                LoginError::CodeWrong { attempts_left } => Wire::CodeWrong { attempts_left },
                LoginError::CodeExpired => Wire::CodeExpired,
                LoginError::CodeTooManyAttempts => Wire::CodeTooManyAttempts,
                LoginError::CodeNotRequested => Wire::CodeNotRequested,
                LoginError::SmsThrottled { retry_after_secs } => {
                    Wire::SmsThrottled { retry_after_secs }
                }
                LoginError::SmsIpLimited => Wire::SmsIpLimited,
                LoginError::SmsDailyLimit => Wire::SmsDailyLimit,
                LoginError::SmsUnavailable => Wire::SmsUnavailable,
                LoginError::BadCredentials => Wire::BadCredentials,
                LoginError::LoginLocked { retry_after_secs } => {
                    Wire::LoginLocked { retry_after_secs }
                }
                LoginError::Busy => Wire::Busy,
                LoginError::AccountDisabled => Wire::AccountDisabled,
                LoginError::NoAccountForPhone => Wire::NoAccountForPhone,
            },
            AppError::Catalogue(e) => match e {
                CatalogueError::StoreNotFound => Wire::StoreNotFound,
                CatalogueError::ProductNotFound => Wire::ProductNotFound,
            },
            AppError::Registration(e) => match e {
                RegistrationError::RegistrationClosed => Wire::RegistrationClosed,
                RegistrationError::AlreadyDecided { status } => Wire::AlreadyDecided { status },
            },
            AppError::Settings(e) => match e {
                SettingsError::GuestAccountRequired => Wire::GuestAccountRequired,
                SettingsError::GuestAccountWithoutPrices => Wire::GuestAccountWithoutPrices,
            },
            AppError::OrderingAccounts(e) => match e {
                OrderingAccountError::NotEnterprise => Wire::NotEnterprise,
            },
            AppError::Orders(e) => match e {
                OrderError::CartEmpty => Wire::CartEmpty,
                OrderError::LinesRefused { lines } => Wire::LinesRefused { lines },
                OrderError::Quantity { problem } => Wire::Quantity { problem },
                OrderError::NotAllowed { status, action } => {
                    Wire::OrderNotAllowed { status, action }
                }
            },
        }
    }
}

impl From<Wire> for AppError {
    fn from(w: Wire) -> AppError {
        match w {
            Wire::NotLoggedIn => AppError::NotLoggedIn,
            Wire::Forbidden { permission } => AppError::Forbidden { permission },
            Wire::NotFound => AppError::NotFound,
            Wire::Invalid { field, reason } => AppError::Invalid { field, reason },
            Wire::Fields { errors } => AppError::Fields { errors },
            Wire::Layout { problem, key } => AppError::Layout { problem, key },
            Wire::Duplicate { field } => AppError::Duplicate { field },
            Wire::TooLarge => AppError::TooLarge,
            Wire::BadRequest { detail } => AppError::BadRequest { detail },
            Wire::Internal => AppError::Internal,
            Wire::Transport { detail } => AppError::Transport { detail },
            Wire::InvalidPhone => LoginError::InvalidPhone.into(),
            Wire::MalformedCode => LoginError::MalformedCode.into(),
            Wire::CodeWrong { attempts_left } => LoginError::CodeWrong { attempts_left }.into(),
            Wire::CodeExpired => LoginError::CodeExpired.into(),
            Wire::CodeTooManyAttempts => LoginError::CodeTooManyAttempts.into(),
            Wire::CodeNotRequested => LoginError::CodeNotRequested.into(),
            Wire::SmsThrottled { retry_after_secs } => {
                LoginError::SmsThrottled { retry_after_secs }.into()
            }
            Wire::SmsIpLimited => LoginError::SmsIpLimited.into(),
            Wire::SmsDailyLimit => LoginError::SmsDailyLimit.into(),
            Wire::SmsUnavailable => LoginError::SmsUnavailable.into(),
            Wire::BadCredentials => LoginError::BadCredentials.into(),
            Wire::LoginLocked { retry_after_secs } => {
                LoginError::LoginLocked { retry_after_secs }.into()
            }
            Wire::Busy => LoginError::Busy.into(),
            Wire::AccountDisabled => LoginError::AccountDisabled.into(),
            Wire::NoAccountForPhone => LoginError::NoAccountForPhone.into(),
            Wire::StoreNotFound => CatalogueError::StoreNotFound.into(),
            Wire::ProductNotFound => CatalogueError::ProductNotFound.into(),
            Wire::RegistrationClosed => RegistrationError::RegistrationClosed.into(),
            Wire::AlreadyDecided { status } => RegistrationError::AlreadyDecided { status }.into(),
            Wire::GuestAccountRequired => SettingsError::GuestAccountRequired.into(),
            Wire::GuestAccountWithoutPrices => SettingsError::GuestAccountWithoutPrices.into(),
            Wire::NotEnterprise => OrderingAccountError::NotEnterprise.into(),
            Wire::CartEmpty => OrderError::CartEmpty.into(),
            Wire::LinesRefused { lines } => OrderError::LinesRefused { lines }.into(),
            Wire::Quantity { problem } => OrderError::Quantity { problem }.into(),
            Wire::OrderNotAllowed { status, action } => {
                OrderError::NotAllowed { status, action }.into()
            }
        }
    }
}
