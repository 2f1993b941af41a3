//! The wire form of `AppError`: one flat, internally tagged enum, so every
//! error reads `{"code": "…", …}` whichever feature type it belongs to, and
//! the browser decodes it without trying each feature type in turn (cheaper
//! in the WASM than untagged variants).
//!
//! It is read back through [`Flat`], one struct with every field any error
//! carries, rather than serde's derive for internally tagged enums: that
//! buffers each object into serde's `Content` first, whose decoders for
//! every field type cost the store's WASM about 30 KB.

use super::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
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
    #[serde(rename = "wechat_code_invalid")]
    WeChatCodeInvalid,
    #[serde(rename = "wechat_unavailable")]
    WeChatUnavailable,
    TicketInvalid,
    ChannelOff,
    StoreNotFound,
    ProductNotFound,
    RegistrationClosed,
    AlreadyDecided {
        status: String,
    },
    GuestAccountRequired,
    GuestAccountWithoutPrices,
    NoLoginChannel,
    #[serde(rename = "entry_wechat_unavailable")]
    EntryWeChatUnavailable,
    NotEnterprise,
    NotTeamAdmin,
    NotTenantEnabled,
    NotLiaison,
    OwnTeamAccount,
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
                LoginError::WeChatCodeInvalid => Wire::WeChatCodeInvalid,
                LoginError::WeChatUnavailable => Wire::WeChatUnavailable,
                LoginError::TicketInvalid => Wire::TicketInvalid,
                LoginError::ChannelOff => Wire::ChannelOff,
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
                SettingsError::NoLoginChannel => Wire::NoLoginChannel,
                SettingsError::WeChatUnavailable => Wire::EntryWeChatUnavailable,
            },
            AppError::OrderingAccounts(e) => match e {
                OrderingAccountError::NotEnterprise => Wire::NotEnterprise,
                OrderingAccountError::NotTeamAdmin => Wire::NotTeamAdmin,
                OrderingAccountError::NotTenantEnabled => Wire::NotTenantEnabled,
                OrderingAccountError::NotLiaison => Wire::NotLiaison,
                OrderingAccountError::OwnTeamAccount => Wire::OwnTeamAccount,
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
            Wire::WeChatCodeInvalid => LoginError::WeChatCodeInvalid.into(),
            Wire::WeChatUnavailable => LoginError::WeChatUnavailable.into(),
            Wire::TicketInvalid => LoginError::TicketInvalid.into(),
            Wire::ChannelOff => LoginError::ChannelOff.into(),
            Wire::StoreNotFound => CatalogueError::StoreNotFound.into(),
            Wire::ProductNotFound => CatalogueError::ProductNotFound.into(),
            Wire::RegistrationClosed => RegistrationError::RegistrationClosed.into(),
            Wire::AlreadyDecided { status } => RegistrationError::AlreadyDecided { status }.into(),
            Wire::GuestAccountRequired => SettingsError::GuestAccountRequired.into(),
            Wire::GuestAccountWithoutPrices => SettingsError::GuestAccountWithoutPrices.into(),
            Wire::NoLoginChannel => SettingsError::NoLoginChannel.into(),
            Wire::EntryWeChatUnavailable => SettingsError::WeChatUnavailable.into(),
            Wire::NotEnterprise => OrderingAccountError::NotEnterprise.into(),
            Wire::NotTeamAdmin => OrderingAccountError::NotTeamAdmin.into(),
            Wire::NotTenantEnabled => OrderingAccountError::NotTenantEnabled.into(),
            Wire::NotLiaison => OrderingAccountError::NotLiaison.into(),
            Wire::OwnTeamAccount => OrderingAccountError::OwnTeamAccount.into(),
            Wire::CartEmpty => OrderError::CartEmpty.into(),
            Wire::LinesRefused { lines } => OrderError::LinesRefused { lines }.into(),
            Wire::Quantity { problem } => OrderError::Quantity { problem }.into(),
            Wire::OrderNotAllowed { status, action } => {
                OrderError::NotAllowed { status, action }.into()
            }
        }
    }
}

/// Every field an error may carry, by name; `code` says which it has.
#[derive(Deserialize)]
struct Flat {
    code: String,
    #[serde(default)]
    permission: String,
    #[serde(default)]
    field: String,
    reason: Option<Invalid>,
    #[serde(default)]
    errors: Vec<FieldError>,
    problem: Option<Problem>,
    #[serde(default)]
    key: String,
    #[serde(default)]
    detail: String,
    #[serde(default)]
    attempts_left: u32,
    #[serde(default)]
    retry_after_secs: u32,
    #[serde(default)]
    status: String,
    #[serde(default)]
    lines: Vec<RefusedLine>,
    #[serde(default)]
    action: String,
}

/// `problem` is a layout's (a plain tag) or a cart line's (an object).
enum Problem {
    Layout(LayoutProblem),
    Line(LineProblem),
}

impl<'de> Deserialize<'de> for Problem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Problem, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Problem;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a layout problem or a line problem")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Problem, E> {
                let de = serde::de::value::StrDeserializer::<E>::new(v);
                LayoutProblem::deserialize(de).map(Problem::Layout)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Problem, A::Error> {
                let de = serde::de::value::MapAccessDeserializer::new(map);
                LineProblem::deserialize(de).map(Problem::Line)
            }
        }
        d.deserialize_any(Visit)
    }
}

impl<'de> Deserialize<'de> for Wire {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Wire, D::Error> {
        use serde::de::Error;
        let f = Flat::deserialize(d)?;
        let missing = |name: &'static str| D::Error::missing_field(name);
        Ok(match f.code.as_str() {
            "not_logged_in" => Wire::NotLoggedIn,
            "forbidden" => Wire::Forbidden {
                permission: f.permission,
            },
            "not_found" => Wire::NotFound,
            "invalid" => Wire::Invalid {
                field: f.field,
                reason: f.reason.ok_or_else(|| missing("reason"))?,
            },
            "invalid_fields" => Wire::Fields { errors: f.errors },
            "invalid_layout" => match f.problem {
                Some(Problem::Layout(problem)) => Wire::Layout {
                    problem,
                    key: f.key,
                },
                _ => return Err(missing("problem")),
            },
            "duplicate" => Wire::Duplicate { field: f.field },
            "too_large" => Wire::TooLarge,
            "bad_request" => Wire::BadRequest { detail: f.detail },
            "internal" => Wire::Internal,
            "transport" => Wire::Transport { detail: f.detail },
            "invalid_phone" => Wire::InvalidPhone,
            "malformed_code" => Wire::MalformedCode,
            "code_wrong" => Wire::CodeWrong {
                attempts_left: f.attempts_left,
            },
            "code_expired" => Wire::CodeExpired,
            "code_too_many_attempts" => Wire::CodeTooManyAttempts,
            "code_not_requested" => Wire::CodeNotRequested,
            "sms_throttled" => Wire::SmsThrottled {
                retry_after_secs: f.retry_after_secs,
            },
            "sms_ip_limited" => Wire::SmsIpLimited,
            "sms_daily_limit" => Wire::SmsDailyLimit,
            "sms_unavailable" => Wire::SmsUnavailable,
            "bad_credentials" => Wire::BadCredentials,
            "login_locked" => Wire::LoginLocked {
                retry_after_secs: f.retry_after_secs,
            },
            "busy" => Wire::Busy,
            "account_disabled" => Wire::AccountDisabled,
            "no_account_for_phone" => Wire::NoAccountForPhone,
            "wechat_code_invalid" => Wire::WeChatCodeInvalid,
            "wechat_unavailable" => Wire::WeChatUnavailable,
            "ticket_invalid" => Wire::TicketInvalid,
            "channel_off" => Wire::ChannelOff,
            "store_not_found" => Wire::StoreNotFound,
            "product_not_found" => Wire::ProductNotFound,
            "registration_closed" => Wire::RegistrationClosed,
            "already_decided" => Wire::AlreadyDecided { status: f.status },
            "guest_account_required" => Wire::GuestAccountRequired,
            "guest_account_without_prices" => Wire::GuestAccountWithoutPrices,
            "no_login_channel" => Wire::NoLoginChannel,
            "entry_wechat_unavailable" => Wire::EntryWeChatUnavailable,
            "not_enterprise" => Wire::NotEnterprise,
            "not_team_admin" => Wire::NotTeamAdmin,
            "not_tenant_enabled" => Wire::NotTenantEnabled,
            "not_liaison" => Wire::NotLiaison,
            "own_team_account" => Wire::OwnTeamAccount,
            "cart_empty" => Wire::CartEmpty,
            "lines_refused" => Wire::LinesRefused { lines: f.lines },
            "quantity" => match f.problem {
                Some(Problem::Line(problem)) => Wire::Quantity { problem },
                _ => return Err(missing("problem")),
            },
            "order_not_allowed" => Wire::OrderNotAllowed {
                status: f.status,
                action: f.action,
            },
            other => return Err(D::Error::unknown_variant(other, &[])),
        })
    }
}
