//! The one error type every server function returns: errors every feature
//! shares (not logged in, forbidden, invalid input…) and each feature's own
//! error type (`login`, `catalogue`, `registration`, `settings`,
//! `ordering_accounts`, `orders`). Each has a stable code (for clients and tests), an
//! HTTP status, and its message from the i18n tables in both languages.
//! Database and other internal details are logged on the server, never sent.

pub mod catalogue;
pub mod layout;
pub mod login;
pub mod ordering_accounts;
pub mod orders;
pub mod registration;
pub mod settings;
mod wire;

pub use catalogue::CatalogueError;
pub use layout::{FieldError, LayoutProblem};
pub use login::LoginError;
pub use ordering_accounts::OrderingAccountError;
pub use orders::{LineProblem, OrderError, RefusedLine};
pub use registration::RegistrationError;
pub use settings::SettingsError;

use crate::i18n::{fill, ErrMsg, FieldName, Lang};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(from = "wire::Wire", into = "wire::Wire")]
pub enum AppError {
    #[error("not logged in")]
    NotLoggedIn,
    #[error("missing permission {permission}")]
    Forbidden { permission: String },
    #[error("not found")]
    NotFound,
    #[error("invalid {field}")]
    Invalid { field: String, reason: Invalid },
    /// A layout-driven form with one or more refused fields.
    #[error("invalid form fields")]
    Fields { errors: Vec<FieldError> },
    #[error("invalid layout: {problem:?} {key}")]
    Layout { problem: LayoutProblem, key: String },
    /// The record would break a uniqueness rule (a name or code already used).
    #[error("{field} already used")]
    Duplicate { field: String },
    /// A request body over the size the endpoint accepts.
    #[error("request too large")]
    TooLarge,
    #[error("bad request: {detail}")]
    BadRequest { detail: String },
    #[error("internal error")]
    Internal,
    /// The request never got a usable answer (network down, server unreachable).
    #[error("transport: {detail}")]
    Transport { detail: String },
    // Each feature's own errors. On the wire every error is one flat
    // `{"code": …, …}` object (see `wire`), whichever type it belongs to.
    #[error(transparent)]
    Login(#[from] LoginError),
    #[error(transparent)]
    Catalogue(#[from] CatalogueError),
    #[error(transparent)]
    Registration(#[from] RegistrationError),
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error(transparent)]
    OrderingAccounts(#[from] OrderingAccountError),
    #[error(transparent)]
    Orders(#[from] OrderError),
}

impl AppError {
    /// Stable machine-readable code; matches the serialized `code` tag.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotLoggedIn => "not_logged_in",
            AppError::Forbidden { .. } => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Invalid { .. } => "invalid",
            AppError::Fields { .. } => "invalid_fields",
            AppError::Layout { .. } => "invalid_layout",
            AppError::Duplicate { .. } => "duplicate",
            AppError::TooLarge => "too_large",
            AppError::BadRequest { .. } => "bad_request",
            AppError::Internal => "internal",
            AppError::Transport { .. } => "transport",
            AppError::Login(e) => e.code(),
            AppError::Catalogue(e) => e.code(),
            AppError::Registration(e) => e.code(),
            AppError::Settings(e) => e.code(),
            AppError::OrderingAccounts(e) => e.code(),
            AppError::Orders(e) => e.code(),
        }
    }

    /// The HTTP status a server function answers with: 4xx for the caller's
    /// mistakes, 5xx only for ours.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Forbidden { .. } => 403,
            AppError::Duplicate { .. } => 409,
            AppError::NotLoggedIn => 401,
            AppError::TooLarge => 413,
            AppError::Internal | AppError::Transport { .. } => 500,
            AppError::Invalid { .. }
            | AppError::Fields { .. }
            | AppError::Layout { .. }
            | AppError::BadRequest { .. } => 400,
            AppError::Login(e) => e.status(),
            AppError::Catalogue(e) => e.status(),
            AppError::Registration(e) => e.status(),
            AppError::Settings(e) => e.status(),
            AppError::OrderingAccounts(e) => e.status(),
            AppError::Orders(e) => e.status(),
        }
    }

    /// The message a person reads, from the i18n tables.
    pub fn message(&self, lang: Lang) -> String {
        let text = |m: ErrMsg| m.text(lang).to_string();
        let with = |m: ErrMsg, name: &str, value: &str| fill(m.text(lang), &[(name, value)]);
        match self {
            AppError::NotLoggedIn => text(ErrMsg::NotLoggedIn),
            AppError::Forbidden { permission } => with(ErrMsg::Forbidden, "permission", permission),
            AppError::NotFound => text(ErrMsg::NotFound),
            AppError::Invalid { field, reason } => reason.message(field_label(field, lang), lang),
            AppError::Fields { errors } => errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join(" "),
            AppError::Layout { problem, key } => problem.message(key, lang),
            AppError::Duplicate { field } => {
                with(ErrMsg::Duplicate, "field", field_label(field, lang))
            }
            AppError::TooLarge => text(ErrMsg::TooLarge),
            AppError::BadRequest { .. } => text(ErrMsg::BadRequest),
            AppError::Internal => text(ErrMsg::Internal),
            AppError::Transport { .. } => text(ErrMsg::Transport),
            AppError::Login(e) => e.message(lang),
            AppError::Catalogue(e) => e.message(lang),
            AppError::Registration(e) => e.message(lang),
            AppError::Settings(e) => e.message(lang),
            AppError::OrderingAccounts(e) => e.message(lang),
            AppError::Orders(e) => e.message(lang),
        }
    }
}

/// The name people know a form field by, for the fields server functions
/// check by key; anything else (a layout field's label) reads as given.
pub fn field_label(field: &str, lang: Lang) -> &str {
    let name = match field {
        "name" => FieldName::Name,
        "phone" => FieldName::Phone,
        "email" => FieldName::Email,
        "title" => FieldName::Title,
        "description" => FieldName::Description,
        "unit" => FieldName::Unit,
        "moq" => FieldName::Moq,
        "stock" => FieldName::Stock,
        "code" => FieldName::Code,
        "spec" => FieldName::Spec,
        "price" => FieldName::Price,
        "price_list" => FieldName::PriceList,
        "category" => FieldName::Category,
        "sort" => FieldName::Sort,
        "role" => FieldName::Role,
        "image" => FieldName::Image,
        "prompt_zh" => FieldName::PromptZh,
        "prompt_en" => FieldName::PromptEn,
        "q" => FieldName::Query,
        "reason" => FieldName::Reason,
        "recipient" => FieldName::Recipient,
        "address" => FieldName::Address,
        "region" => FieldName::Region,
        "note" => FieldName::Note,
        "carrier" => FieldName::Carrier,
        "from" => FieldName::DateFrom,
        "to" => FieldName::DateTo,
        "tracking_number" => FieldName::TrackingNumber,
        _ => return field,
    };
    name.text(lang)
}

/// Why a field's value was refused; the field's name travels beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Invalid {
    Required,
    TooLong,
    Phone,
    Email,
    /// Not a whole number.
    Number,
    /// Not one of a select field's options.
    Option,
    /// A number outside its allowed range.
    Range,
    /// Spec attributes not written as `name:value; name:value`.
    Spec,
    /// Not a PNG, JPEG or WebP image, or larger than 2 MB.
    Image,
    /// Not a real date written `YYYY-MM-DD` (1900–2100).
    Date,
    /// Not a region written province/city/district.
    Region,
}

impl Invalid {
    pub fn message(self, field: &str, lang: Lang) -> String {
        let text = match self {
            Invalid::Required => ErrMsg::InvalidRequired,
            Invalid::TooLong => ErrMsg::InvalidTooLong,
            Invalid::Phone => ErrMsg::InvalidPhoneField,
            Invalid::Email => ErrMsg::InvalidEmail,
            Invalid::Number => ErrMsg::InvalidNumber,
            Invalid::Option => ErrMsg::InvalidOption,
            Invalid::Range => ErrMsg::InvalidRange,
            Invalid::Date => ErrMsg::InvalidDate,
            Invalid::Region => ErrMsg::InvalidRegion,
            Invalid::Image => ErrMsg::InvalidImage,
            Invalid::Spec => ErrMsg::InvalidSpec,
        };
        fill(text.text(lang), &[("field", field)])
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(d) | ServerFnErrorErr::MissingArg(d) => {
                AppError::BadRequest { detail: d }
            }
            // On the server this can only be the caller's body (JSON-encoded
            // arguments); in the browser it is an answer we could not read.
            ServerFnErrorErr::Deserialization(d) if cfg!(feature = "ssr") => {
                AppError::BadRequest { detail: d }
            }
            other => AppError::Transport {
                detail: other.to_string(),
            },
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_mistakes_are_never_5xx() {
        for e in [
            AppError::Login(LoginError::CodeWrong { attempts_left: 2 }),
            AppError::Login(LoginError::CodeExpired),
            AppError::Login(LoginError::CodeTooManyAttempts),
            AppError::Login(LoginError::BadCredentials),
            AppError::Login(LoginError::InvalidPhone),
            AppError::BadRequest { detail: "x".into() },
        ] {
            assert!(e.status() < 500, "{e:?}");
        }
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn wire_format_carries_stable_code() {
        let json = serde_json_lite(&AppError::Login(LoginError::CodeWrong { attempts_left: 3 }));
        assert!(json.contains("\"code\":\"code_wrong\""), "{json}");
        assert!(json.contains("\"attempts_left\":3"), "{json}");
        let back: AppError = FromServerFnError::de(json.into_bytes().into());
        assert_eq!(
            back,
            AppError::Login(LoginError::CodeWrong { attempts_left: 3 })
        );
    }

    #[test]
    fn field_errors_name_the_field_as_people_know_it() {
        let e = AppError::Invalid {
            field: "moq".into(),
            reason: Invalid::Range,
        };
        assert_eq!(e.message(Lang::Zh), "起订量超出允许范围。");
        assert_eq!(e.message(Lang::En), "Minimum order is out of range.");
        let custom = AppError::Invalid {
            field: "区域".into(),
            reason: Invalid::Required,
        };
        assert_eq!(custom.message(Lang::Zh), "请填写区域。");
    }

    #[test]
    fn expired_wrong_and_over_tried_read_differently() {
        for lang in [Lang::Zh, Lang::En] {
            let a = AppError::Login(LoginError::CodeWrong { attempts_left: 1 }).message(lang);
            let b = AppError::Login(LoginError::CodeExpired).message(lang);
            let c = AppError::Login(LoginError::CodeTooManyAttempts).message(lang);
            assert!(a != b && b != c && a != c);
        }
    }

    /// Every variant, the features' included, numbered 0, 1, 2… by exhaustive
    /// matches (no wildcard): a new variant does not compile until it is
    /// numbered, and the test below fails until it is listed.
    fn variant_number(e: &AppError) -> usize {
        match e {
            AppError::NotLoggedIn => 0,
            AppError::Forbidden { .. } => 1,
            AppError::NotFound => 2,
            AppError::Invalid { .. } => 3,
            AppError::Fields { .. } => 4,
            AppError::Layout { .. } => 5,
            AppError::Duplicate { .. } => 6,
            AppError::TooLarge => 7,
            AppError::BadRequest { .. } => 8,
            AppError::Internal => 9,
            AppError::Transport { .. } => 10,
            AppError::Login(l) => match l {
                LoginError::InvalidPhone => 11,
                LoginError::MalformedCode => 12,
                LoginError::CodeWrong { .. } => 13,
                LoginError::CodeExpired => 14,
                LoginError::CodeTooManyAttempts => 15,
                LoginError::CodeNotRequested => 16,
                LoginError::SmsThrottled { .. } => 17,
                LoginError::SmsIpLimited => 18,
                LoginError::SmsDailyLimit => 19,
                LoginError::SmsUnavailable => 20,
                LoginError::BadCredentials => 21,
                LoginError::LoginLocked { .. } => 22,
                LoginError::Busy => 23,
                LoginError::AccountDisabled => 24,
                LoginError::NoAccountForPhone => 25,
                LoginError::WeChatCodeInvalid => 37,
                LoginError::WeChatUnavailable => 38,
                LoginError::TicketInvalid => 39,
                LoginError::ChannelOff => 40,
            },
            AppError::Catalogue(c) => match c {
                CatalogueError::StoreNotFound => 26,
                CatalogueError::ProductNotFound => 27,
            },
            AppError::Registration(r) => match r {
                RegistrationError::RegistrationClosed => 28,
                RegistrationError::AlreadyDecided { .. } => 29,
            },
            AppError::Settings(s) => match s {
                SettingsError::GuestAccountRequired => 30,
                SettingsError::GuestAccountWithoutPrices => 31,
                SettingsError::NoLoginChannel => 41,
                SettingsError::WeChatUnavailable => 42,
            },
            AppError::OrderingAccounts(o) => match o {
                OrderingAccountError::NotEnterprise => 32,
                OrderingAccountError::NotTeamAdmin => 43,
                OrderingAccountError::NotTenantEnabled => 44,
                OrderingAccountError::NotLiaison => 45,
                OrderingAccountError::OwnTeamAccount => 46,
            },
            AppError::Orders(o) => match o {
                OrderError::CartEmpty => 33,
                OrderError::LinesRefused { .. } => 34,
                OrderError::Quantity { .. } => 35,
                OrderError::NotAllowed { .. } => 36,
            },
        }
    }

    fn every_error() -> Vec<AppError> {
        let mut all = vec![
            AppError::Catalogue(CatalogueError::StoreNotFound),
            AppError::Catalogue(CatalogueError::ProductNotFound),
            AppError::Login(LoginError::InvalidPhone),
            AppError::Login(LoginError::MalformedCode),
            AppError::Login(LoginError::CodeWrong { attempts_left: 2 }),
            AppError::Login(LoginError::CodeExpired),
            AppError::Login(LoginError::CodeTooManyAttempts),
            AppError::Login(LoginError::CodeNotRequested),
            AppError::Login(LoginError::SmsThrottled {
                retry_after_secs: 30,
            }),
            AppError::Login(LoginError::SmsIpLimited),
            AppError::Login(LoginError::SmsUnavailable),
            AppError::Login(LoginError::BadCredentials),
            AppError::Login(LoginError::LoginLocked {
                retry_after_secs: 600,
            }),
            AppError::Login(LoginError::SmsDailyLimit),
            AppError::Login(LoginError::Busy),
            AppError::TooLarge,
            AppError::Login(LoginError::AccountDisabled),
            AppError::Login(LoginError::NoAccountForPhone),
            AppError::Login(LoginError::WeChatCodeInvalid),
            AppError::Login(LoginError::WeChatUnavailable),
            AppError::Login(LoginError::TicketInvalid),
            AppError::Login(LoginError::ChannelOff),
            AppError::Settings(SettingsError::NoLoginChannel),
            AppError::Settings(SettingsError::WeChatUnavailable),
            AppError::NotLoggedIn,
            AppError::Forbidden {
                permission: "accounts.read".into(),
            },
            AppError::NotFound,
            AppError::Fields {
                errors: vec![FieldError {
                    field: "company".into(),
                    label_zh: "企业名称".into(),
                    label_en: "Company name".into(),
                    reason: Invalid::Required,
                }],
            },
            AppError::OrderingAccounts(OrderingAccountError::NotEnterprise),
            AppError::OrderingAccounts(OrderingAccountError::NotTeamAdmin),
            AppError::OrderingAccounts(OrderingAccountError::NotTenantEnabled),
            AppError::OrderingAccounts(OrderingAccountError::NotLiaison),
            AppError::OrderingAccounts(OrderingAccountError::OwnTeamAccount),
            AppError::Orders(OrderError::CartEmpty),
            AppError::Orders(OrderError::LinesRefused {
                lines: vec![RefusedLine {
                    sku_id: 1,
                    product: "Mineral water".into(),
                    problem: LineProblem::NotEnoughStock { available: 3 },
                }],
            }),
            AppError::Orders(OrderError::Quantity {
                problem: LineProblem::BelowMinimum { moq: 6 },
            }),
            AppError::Orders(OrderError::NotAllowed {
                status: "shipped".into(),
                action: "cancel".into(),
            }),
            AppError::Settings(SettingsError::GuestAccountRequired),
            AppError::Settings(SettingsError::GuestAccountWithoutPrices),
            AppError::Registration(RegistrationError::RegistrationClosed),
            AppError::Duplicate {
                field: "name".into(),
            },
            AppError::BadRequest { detail: "x".into() },
            AppError::Internal,
            AppError::Transport { detail: "x".into() },
        ];
        for status in ["approved", "rejected", "pending"] {
            all.push(AppError::Registration(RegistrationError::AlreadyDecided {
                status: status.into(),
            }));
        }
        for reason in [
            Invalid::Required,
            Invalid::TooLong,
            Invalid::Phone,
            Invalid::Email,
            Invalid::Number,
            Invalid::Option,
            Invalid::Range,
            Invalid::Spec,
            Invalid::Image,
            Invalid::Date,
            Invalid::Region,
        ] {
            all.push(AppError::Invalid {
                field: "moq".into(),
                reason,
            });
        }
        for problem in [
            LayoutProblem::BadKey,
            LayoutProblem::DuplicateKey,
            LayoutProblem::MissingLabel,
            LayoutProblem::SystemFieldChanged,
            LayoutProblem::BadOptions,
            LayoutProblem::TooManyFields,
        ] {
            all.push(AppError::Layout {
                problem,
                key: "channel".into(),
            });
        }
        all
    }

    fn has_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_error_code_has_chinese_and_english_text() {
        let all = every_error();
        let numbered: std::collections::BTreeSet<usize> = all.iter().map(variant_number).collect();
        let expected: std::collections::BTreeSet<usize> = (0..=46).collect();
        assert_eq!(numbered, expected, "every variant is listed");
        for e in &all {
            let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
            assert!(has_chinese(&zh), "{}: no Chinese text: {zh}", e.code());
            assert!(
                !en.is_empty() && !has_chinese(&en),
                "{}: no English text: {en}",
                e.code()
            );
            assert!(
                !zh.contains('{') && !en.contains('{'),
                "{}: unfilled: {zh} / {en}",
                e.code()
            );
        }
    }

    /// The flat decoder (`wire::Flat`) reads back every variant exactly as
    /// the derived encoder wrote it, every kind of line problem included.
    #[test]
    fn every_error_survives_the_wire() {
        let mut all = every_error();
        for problem in [
            LineProblem::PriceChanged {
                was: 2040,
                now: 2100,
            },
            LineProblem::NoLongerPriced,
            LineProblem::OffShelf,
            LineProblem::NotPositive,
            LineProblem::BelowMinimum { moq: 6 },
            LineProblem::TooMany { max: 99_999 },
            LineProblem::NotEnoughStock { available: 0 },
        ] {
            all.push(AppError::Orders(OrderError::Quantity { problem }));
        }
        for e in all {
            let json = serde_json_lite(&e);
            let back: AppError = FromServerFnError::de(json.clone().into_bytes().into());
            assert_eq!(back, e, "{json}");
        }
    }

    fn serde_json_lite(e: &AppError) -> String {
        String::from_utf8(FromServerFnError::ser(e).to_vec()).unwrap()
    }
}
