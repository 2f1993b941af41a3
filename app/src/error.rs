//! The one error type every server function returns. Each variant has a stable
//! code (for clients and tests), an HTTP status, and a message in both languages.
//! Database and other internal details are logged on the server, never sent.

use crate::i18n::{fill, ErrMsg, FieldName, Lang};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    #[error("store not found")]
    StoreNotFound,
    #[error("product not found")]
    ProductNotFound,
    #[error("invalid phone number")]
    InvalidPhone,
    #[error("malformed verification code")]
    MalformedCode,
    #[error("wrong verification code")]
    CodeWrong { attempts_left: u32 },
    #[error("verification code expired")]
    CodeExpired,
    #[error("too many attempts")]
    CodeTooManyAttempts,
    #[error("no code requested")]
    CodeNotRequested,
    #[error("sms resend throttled")]
    SmsThrottled { retry_after_secs: u32 },
    #[error("sms limit for this network reached")]
    SmsIpLimited,
    #[error("sms unavailable")]
    SmsUnavailable,
    #[error("bad credentials")]
    BadCredentials,
    /// Too many failed passwords for this name from this address (or in all):
    /// the same answer for names that exist and names that do not.
    #[error("login temporarily locked")]
    LoginLocked { retry_after_secs: u32 },
    /// The phone reached its daily number of codes.
    #[error("sms daily limit for this phone reached")]
    SmsDailyLimit,
    /// Expensive work (password checks) is at its bound: try again shortly.
    #[error("server busy")]
    Busy,
    /// A request body over the size the endpoint accepts.
    #[error("request too large")]
    TooLarge,
    #[error("account disabled")]
    AccountDisabled,
    #[error("no ordering account for this phone in this store")]
    NoAccountForPhone,
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
    #[serde(rename = "invalid_fields")]
    Fields {
        errors: Vec<crate::domain::layout::FieldError>,
    },
    #[error("invalid layout: {problem:?} {key}")]
    #[serde(rename = "invalid_layout")]
    Layout {
        problem: crate::domain::layout::LayoutProblem,
        key: String,
    },
    /// An ordering account needs the Contact's Account to be an interconnected enterprise first.
    #[error("account is not an enterprise")]
    NotEnterprise,
    /// Guest mode needs a guest Account to price what guests see.
    #[error("guest account required")]
    GuestAccountRequired,
    /// The chosen guest Account has no price list.
    #[error("guest account has no price list")]
    GuestAccountWithoutPrices,
    /// Self-registration is off in this store.
    #[error("self-registration closed")]
    RegistrationClosed,
    /// The application was already approved or rejected (`status` says which).
    #[error("application already {status}")]
    AlreadyDecided { status: String },
    /// The record would break a uniqueness rule (a name or code already used).
    #[error("{field} already used")]
    Duplicate { field: String },
    #[error("bad request: {detail}")]
    BadRequest { detail: String },
    #[error("internal error")]
    Internal,
    /// The request never got a usable answer (network down, server unreachable).
    #[error("transport: {detail}")]
    Transport { detail: String },
}

impl AppError {
    /// Stable machine-readable code; matches the serialized `code` tag.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::StoreNotFound => "store_not_found",
            AppError::ProductNotFound => "product_not_found",
            AppError::InvalidPhone => "invalid_phone",
            AppError::MalformedCode => "malformed_code",
            AppError::CodeWrong { .. } => "code_wrong",
            AppError::CodeExpired => "code_expired",
            AppError::CodeTooManyAttempts => "code_too_many_attempts",
            AppError::CodeNotRequested => "code_not_requested",
            AppError::SmsThrottled { .. } => "sms_throttled",
            AppError::SmsIpLimited => "sms_ip_limited",
            AppError::SmsUnavailable => "sms_unavailable",
            AppError::BadCredentials => "bad_credentials",
            AppError::LoginLocked { .. } => "login_locked",
            AppError::SmsDailyLimit => "sms_daily_limit",
            AppError::Busy => "busy",
            AppError::TooLarge => "too_large",
            AppError::AccountDisabled => "account_disabled",
            AppError::NoAccountForPhone => "no_account_for_phone",
            AppError::NotLoggedIn => "not_logged_in",
            AppError::Forbidden { .. } => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Invalid { .. } => "invalid",
            AppError::Fields { .. } => "invalid_fields",
            AppError::Layout { .. } => "invalid_layout",
            AppError::Duplicate { .. } => "duplicate",
            AppError::NotEnterprise => "not_enterprise",
            AppError::GuestAccountRequired => "guest_account_required",
            AppError::GuestAccountWithoutPrices => "guest_account_without_prices",
            AppError::RegistrationClosed => "registration_closed",
            AppError::AlreadyDecided { .. } => "already_decided",
            AppError::BadRequest { .. } => "bad_request",
            AppError::Internal => "internal",
            AppError::Transport { .. } => "transport",
        }
    }

    /// The HTTP status a server function answers with: 4xx for the caller's
    /// mistakes, 5xx only for ours.
    pub fn status(&self) -> u16 {
        match self {
            AppError::StoreNotFound | AppError::ProductNotFound | AppError::NotFound => 404,
            AppError::Forbidden { .. } => 403,
            AppError::Duplicate { .. } | AppError::AlreadyDecided { .. } => 409,
            AppError::RegistrationClosed => 403,
            AppError::NotLoggedIn | AppError::BadCredentials => 401,
            AppError::AccountDisabled | AppError::NoAccountForPhone => 403,
            AppError::SmsThrottled { .. }
            | AppError::SmsIpLimited
            | AppError::CodeTooManyAttempts
            | AppError::SmsDailyLimit
            | AppError::LoginLocked { .. } => 429,
            AppError::SmsUnavailable | AppError::Busy => 503,
            AppError::TooLarge => 413,
            AppError::Internal | AppError::Transport { .. } => 500,
            _ => 400,
        }
    }

    /// The message a person reads, from the i18n tables.
    pub fn message(&self, lang: Lang) -> String {
        let text = |m: ErrMsg| m.text(lang).to_string();
        let with = |m: ErrMsg, name: &str, value: &str| fill(m.text(lang), &[(name, value)]);
        match self {
            AppError::StoreNotFound => text(ErrMsg::StoreNotFound),
            AppError::ProductNotFound => text(ErrMsg::ProductNotFound),
            AppError::InvalidPhone => text(ErrMsg::InvalidPhone),
            AppError::MalformedCode => text(ErrMsg::MalformedCode),
            AppError::CodeWrong { attempts_left } => with(
                ErrMsg::CodeWrong,
                "attempts_left",
                &attempts_left.to_string(),
            ),
            AppError::CodeExpired => text(ErrMsg::CodeExpired),
            AppError::CodeTooManyAttempts => text(ErrMsg::CodeTooManyAttempts),
            AppError::CodeNotRequested => text(ErrMsg::CodeNotRequested),
            AppError::SmsThrottled { retry_after_secs } => {
                with(ErrMsg::SmsThrottled, "secs", &retry_after_secs.to_string())
            }
            AppError::SmsIpLimited => text(ErrMsg::SmsIpLimited),
            AppError::SmsUnavailable => text(ErrMsg::SmsUnavailable),
            AppError::SmsDailyLimit => text(ErrMsg::SmsDailyLimit),
            AppError::BadCredentials => text(ErrMsg::BadCredentials),
            AppError::LoginLocked { retry_after_secs } => with(
                ErrMsg::LoginLocked,
                "minutes",
                &retry_after_secs.div_ceil(60).to_string(),
            ),
            AppError::Busy => text(ErrMsg::Busy),
            AppError::TooLarge => text(ErrMsg::TooLarge),
            AppError::AccountDisabled => text(ErrMsg::AccountDisabled),
            AppError::NoAccountForPhone => text(ErrMsg::NoAccountForPhone),
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
            AppError::NotEnterprise => text(ErrMsg::NotEnterprise),
            AppError::GuestAccountRequired => text(ErrMsg::GuestAccountRequired),
            AppError::GuestAccountWithoutPrices => text(ErrMsg::GuestAccountWithoutPrices),
            AppError::Duplicate { field } => {
                with(ErrMsg::Duplicate, "field", field_label(field, lang))
            }
            AppError::RegistrationClosed => text(ErrMsg::RegistrationClosed),
            AppError::AlreadyDecided { status } => text(match status.as_str() {
                "approved" => ErrMsg::AlreadyApproved,
                "rejected" => ErrMsg::AlreadyRejected,
                _ => ErrMsg::AlreadyDecided,
            }),
            AppError::BadRequest { .. } => text(ErrMsg::BadRequest),
            AppError::Internal => text(ErrMsg::Internal),
            AppError::Transport { .. } => text(ErrMsg::Transport),
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
            AppError::CodeWrong { attempts_left: 2 },
            AppError::CodeExpired,
            AppError::CodeTooManyAttempts,
            AppError::BadCredentials,
            AppError::InvalidPhone,
            AppError::BadRequest { detail: "x".into() },
        ] {
            assert!(e.status() < 500, "{e:?}");
        }
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn wire_format_carries_stable_code() {
        let json = serde_json_lite(&AppError::CodeWrong { attempts_left: 3 });
        assert!(json.contains("\"code\":\"code_wrong\""), "{json}");
        assert!(json.contains("\"attempts_left\":3"), "{json}");
        let back: AppError = FromServerFnError::de(json.into_bytes().into());
        assert_eq!(back, AppError::CodeWrong { attempts_left: 3 });
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
            let a = AppError::CodeWrong { attempts_left: 1 }.message(lang);
            let b = AppError::CodeExpired.message(lang);
            let c = AppError::CodeTooManyAttempts.message(lang);
            assert!(a != b && b != c && a != c);
        }
    }

    /// One of every variant, numbered by an exhaustive match (no wildcard): a
    /// new variant does not compile until it is numbered, and the test below
    /// fails until it is listed.
    fn variant_number(e: &AppError) -> usize {
        match e {
            AppError::StoreNotFound => 0,
            AppError::ProductNotFound => 1,
            AppError::InvalidPhone => 2,
            AppError::MalformedCode => 3,
            AppError::CodeWrong { .. } => 4,
            AppError::CodeExpired => 5,
            AppError::CodeTooManyAttempts => 6,
            AppError::CodeNotRequested => 7,
            AppError::SmsThrottled { .. } => 8,
            AppError::SmsIpLimited => 9,
            AppError::SmsUnavailable => 10,
            AppError::BadCredentials => 11,
            AppError::LoginLocked { .. } => 12,
            AppError::SmsDailyLimit => 13,
            AppError::Busy => 14,
            AppError::TooLarge => 15,
            AppError::AccountDisabled => 16,
            AppError::NoAccountForPhone => 17,
            AppError::NotLoggedIn => 18,
            AppError::Forbidden { .. } => 19,
            AppError::NotFound => 20,
            AppError::Invalid { .. } => 21,
            AppError::Fields { .. } => 22,
            AppError::Layout { .. } => 23,
            AppError::NotEnterprise => 24,
            AppError::GuestAccountRequired => 25,
            AppError::GuestAccountWithoutPrices => 26,
            AppError::RegistrationClosed => 27,
            AppError::AlreadyDecided { .. } => 28,
            AppError::Duplicate { .. } => 29,
            AppError::BadRequest { .. } => 30,
            AppError::Internal => 31,
            AppError::Transport { .. } => 32,
        }
    }

    fn every_error() -> Vec<AppError> {
        use crate::domain::layout::{FieldError, LayoutProblem};
        let mut all = vec![
            AppError::StoreNotFound,
            AppError::ProductNotFound,
            AppError::InvalidPhone,
            AppError::MalformedCode,
            AppError::CodeWrong { attempts_left: 2 },
            AppError::CodeExpired,
            AppError::CodeTooManyAttempts,
            AppError::CodeNotRequested,
            AppError::SmsThrottled {
                retry_after_secs: 30,
            },
            AppError::SmsIpLimited,
            AppError::SmsUnavailable,
            AppError::BadCredentials,
            AppError::LoginLocked {
                retry_after_secs: 600,
            },
            AppError::SmsDailyLimit,
            AppError::Busy,
            AppError::TooLarge,
            AppError::AccountDisabled,
            AppError::NoAccountForPhone,
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
            AppError::NotEnterprise,
            AppError::GuestAccountRequired,
            AppError::GuestAccountWithoutPrices,
            AppError::RegistrationClosed,
            AppError::Duplicate {
                field: "name".into(),
            },
            AppError::BadRequest { detail: "x".into() },
            AppError::Internal,
            AppError::Transport { detail: "x".into() },
        ];
        for status in ["approved", "rejected", "pending"] {
            all.push(AppError::AlreadyDecided {
                status: status.into(),
            });
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
        let variants = all.iter().map(variant_number).max().unwrap_or(0) + 1;
        assert_eq!(numbered.len(), variants, "every variant is listed");
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

    fn serde_json_lite(e: &AppError) -> String {
        String::from_utf8(FromServerFnError::ser(e).to_vec()).unwrap()
    }
}
