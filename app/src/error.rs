//! The one error type every server function returns. Each variant has a stable
//! code (for clients and tests), an HTTP status, and a message in both languages.
//! Database and other internal details are logged on the server, never sent.

use crate::i18n::Lang;
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

    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let pick = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            AppError::StoreNotFound => pick("商城不存在。", "This store does not exist."),
            AppError::ProductNotFound => pick(
                "商品不存在或已下架。",
                "This product does not exist or is no longer on sale.",
            ),
            AppError::InvalidPhone => pick(
                "请输入 11 位中国大陆手机号。",
                "Enter an 11-digit mainland China mobile number.",
            ),
            AppError::MalformedCode => pick("验证码是 6 位数字。", "The code is 6 digits."),
            AppError::CodeWrong { attempts_left } => {
                if zh {
                    format!("验证码错误，还可尝试 {attempts_left} 次。")
                } else {
                    format!("Wrong code. {attempts_left} attempts left.")
                }
            }
            AppError::CodeExpired => pick(
                "验证码已过期，请重新获取。",
                "This code has expired. Request a new one.",
            ),
            AppError::CodeTooManyAttempts => pick(
                "错误次数过多，请重新获取验证码。",
                "Too many wrong attempts. Request a new code.",
            ),
            AppError::CodeNotRequested => pick("请先获取验证码。", "Request a code first."),
            AppError::SmsThrottled { retry_after_secs } => {
                if zh {
                    format!("发送太频繁，请 {retry_after_secs} 秒后再试。")
                } else {
                    format!("Please wait {retry_after_secs} s before requesting another code.")
                }
            }
            AppError::SmsIpLimited => pick(
                "当前网络请求验证码次数过多，请稍后再试。",
                "Too many codes requested from this network. Try again later.",
            ),
            AppError::SmsUnavailable => pick(
                "短信服务暂不可用，请使用账号密码登录。",
                "SMS is unavailable right now. Log in with your password instead.",
            ),
            AppError::BadCredentials => pick("账号或密码错误。", "Wrong account name or password."),
            AppError::LoginLocked { retry_after_secs } => {
                let minutes = retry_after_secs.div_ceil(60);
                if zh {
                    format!("登录失败次数过多，请 {minutes} 分钟后再试。")
                } else {
                    format!("Too many failed logins. Try again in {minutes} min.")
                }
            }
            AppError::SmsDailyLimit => pick(
                "该手机号今天获取验证码次数已达上限，请明天再试或使用账号密码登录。",
                "This phone has had today's maximum of codes. Try tomorrow, or log in with your password.",
            ),
            AppError::Busy => pick(
                "当前登录人数较多，请稍后重试。",
                "The server is busy. Please try again in a moment.",
            ),
            AppError::TooLarge => pick(
                "提交的内容过大。",
                "What was sent is too large.",
            ),
            AppError::AccountDisabled => pick(
                "该账号已停用，请联系品牌方。",
                "This account is disabled. Contact the brand.",
            ),
            AppError::NoAccountForPhone => pick(
                "该手机号在本商城没有订货账号，请联系品牌方开通。",
                "This phone has no ordering account in this store. Ask the brand for one.",
            ),
            AppError::NotLoggedIn => pick("请先登录。", "Please log in first."),
            AppError::Forbidden { permission } => {
                if zh {
                    format!("您没有执行此操作的权限（{permission}）。")
                } else {
                    format!("You do not have permission to do this ({permission}).")
                }
            }
            AppError::NotFound => pick(
                "记录不存在或已被删除。",
                "That record does not exist or was deleted.",
            ),
            AppError::Invalid { field, reason } => reason.message(field_label(field, lang), lang),
            AppError::Fields { errors } => errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join(" "),
            AppError::Layout { problem, key } => problem.message(key, lang),
            AppError::NotEnterprise => pick(
                "该联系人所属的客户还不是互联企业，请先将客户添加为互联企业。",
                "This contact's account is not an interconnected enterprise yet. Add it as one first.",
            ),
            AppError::GuestAccountRequired => pick(
                "开启访客模式前，请先选择访客客户（决定访客看到的价格）。",
                "Choose a guest account (it prices what guests see) before turning guest mode on.",
            ),
            AppError::GuestAccountWithoutPrices => pick(
                "该访客客户没有价格表，访客将看不到价格。请先为它指定价格表。",
                "That guest account has no price list, so guests would see no prices. Give it a price list first.",
            ),
            AppError::Duplicate { field } => {
                if zh {
                    format!("{field}已被使用，请换一个。")
                } else {
                    format!("That {field} is already used. Choose another.")
                }
            }
            AppError::RegistrationClosed => pick(
                "本商城暂未开放自助注册，请联系品牌方开通订货账号。",
                "This store does not take self-registrations. Ask the brand for an ordering account.",
            ),
            AppError::AlreadyDecided { status } => match (status.as_str(), zh) {
                ("approved", true) => "该申请已被通过。".to_string(),
                ("approved", false) => "This application was already approved.".to_string(),
                ("rejected", true) => "该申请已被驳回。".to_string(),
                ("rejected", false) => "This application was already rejected.".to_string(),
                (_, true) => "该申请已处理。".to_string(),
                (_, false) => "This application was already decided.".to_string(),
            },
            AppError::BadRequest { .. } => pick("请求格式不正确。", "The request was malformed."),
            AppError::Internal => pick(
                "系统繁忙，请稍后再试。",
                "Something went wrong on our side. Please try again.",
            ),
            AppError::Transport { .. } => pick(
                "网络异常，请检查网络后重试。",
                "Network problem. Check your connection and try again.",
            ),
        }
    }
}

/// The name people know a form field by, for the fields server functions
/// check by key; anything else (a layout field's label) reads as given.
pub fn field_label(field: &str, lang: Lang) -> &str {
    let (zh, en) = match field {
        "name" => ("名称", "Name"),
        "phone" => ("手机号", "Mobile phone"),
        "email" => ("邮箱", "Email"),
        "title" => ("职务", "Title"),
        "description" => ("描述", "Description"),
        "unit" => ("单位", "Unit"),
        "moq" => ("起订量", "Minimum order"),
        "stock" => ("库存", "Stock"),
        "code" => ("编码", "Code"),
        "spec" => ("规格属性", "Spec attributes"),
        "price" => ("价格", "Price"),
        "price_list" => ("价格表", "Price list"),
        "category" => ("分类", "Category"),
        "sort" => ("排序", "Order"),
        "role" => ("角色", "Role"),
        "image" => ("图片", "Image"),
        "prompt_zh" => ("中文访客提示", "Chinese guidance"),
        "prompt_en" => ("英文访客提示", "English guidance"),
        "q" => ("搜索内容", "Search"),
        "reason" => ("驳回原因", "Reason"),
        _ => return field,
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
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
    /// Not a region written `省/市/区`.
    Region,
}

impl Invalid {
    pub fn message(self, field: &str, lang: Lang) -> String {
        match (self, lang) {
            (Invalid::Required, Lang::Zh) => format!("请填写{field}。"),
            (Invalid::Required, Lang::En) => format!("{field} is required."),
            (Invalid::TooLong, Lang::Zh) => format!("{field}太长。"),
            (Invalid::TooLong, Lang::En) => format!("{field} is too long."),
            (Invalid::Phone, Lang::Zh) => format!("{field}不是有效的手机号。"),
            (Invalid::Phone, Lang::En) => format!("{field} is not a valid mobile number."),
            (Invalid::Email, Lang::Zh) => format!("{field}不是有效的邮箱地址。"),
            (Invalid::Email, Lang::En) => format!("{field} is not a valid email address."),
            (Invalid::Number, Lang::Zh) => format!("{field}必须是整数。"),
            (Invalid::Number, Lang::En) => format!("{field} must be a whole number."),
            (Invalid::Option, Lang::Zh) => format!("请从列表中选择{field}。"),
            (Invalid::Option, Lang::En) => format!("Choose {field} from the list."),
            (Invalid::Range, Lang::Zh) => format!("{field}超出允许范围。"),
            (Invalid::Range, Lang::En) => format!("{field} is out of range."),
            (Invalid::Date, Lang::Zh) => format!("{field}须为有效日期，格式 YYYY-MM-DD。"),
            (Invalid::Date, Lang::En) => format!("{field} must be a real date written YYYY-MM-DD."),
            (Invalid::Region, Lang::Zh) => format!("{field}请写成“省/市/区”。"),
            (Invalid::Region, Lang::En) => {
                format!("Write {field} as province/city/district.")
            }
            (Invalid::Image, Lang::Zh) => {
                format!("{field}须为 PNG、JPEG 或 WebP 图片，且不超过 2 MB。")
            }
            (Invalid::Image, Lang::En) => {
                format!("The {field} must be a PNG, JPEG or WebP file of at most 2 MB.")
            }
            (Invalid::Spec, Lang::Zh) => {
                format!("{field}请写成“名称:值; 名称:值”（最多 5 项，名称不重复）。")
            }
            (Invalid::Spec, Lang::En) => format!(
                "Write {field} as \"name:value; name:value\" (at most 5, names not repeated)."
            ),
        }
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

    fn serde_json_lite(e: &AppError) -> String {
        String::from_utf8(FromServerFnError::ser(e).to_vec()).unwrap()
    }
}
