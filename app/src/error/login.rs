//! Logging in: phones, SMS codes, passwords and sessions.

use crate::i18n::{fill, ErrMsg, Lang};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoginError {
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
    #[error("sms daily limit for this phone reached")]
    SmsDailyLimit,
    #[error("sms unavailable")]
    SmsUnavailable,
    #[error("bad credentials")]
    BadCredentials,
    #[error("login temporarily locked")]
    LoginLocked { retry_after_secs: u32 },
    #[error("server busy")]
    Busy,
    #[error("account disabled")]
    AccountDisabled,
    #[error("no ordering account for this phone in this store")]
    NoAccountForPhone,
    #[error("wechat code invalid, expired or used")]
    WeChatCodeInvalid,
    #[error("wechat unavailable")]
    WeChatUnavailable,
    #[error("login ticket invalid, expired, used or for another store")]
    TicketInvalid,
    #[error("this store does not offer this login channel")]
    ChannelOff,
}

impl LoginError {
    /// Stable machine-readable code; matches the serialized `code` tag.
    pub fn code(&self) -> &'static str {
        match self {
            LoginError::InvalidPhone => "invalid_phone",
            LoginError::MalformedCode => "malformed_code",
            LoginError::CodeWrong { .. } => "code_wrong",
            LoginError::CodeExpired => "code_expired",
            LoginError::CodeTooManyAttempts => "code_too_many_attempts",
            LoginError::CodeNotRequested => "code_not_requested",
            LoginError::SmsThrottled { .. } => "sms_throttled",
            LoginError::SmsIpLimited => "sms_ip_limited",
            LoginError::SmsDailyLimit => "sms_daily_limit",
            LoginError::SmsUnavailable => "sms_unavailable",
            LoginError::BadCredentials => "bad_credentials",
            LoginError::LoginLocked { .. } => "login_locked",
            LoginError::Busy => "busy",
            LoginError::AccountDisabled => "account_disabled",
            LoginError::NoAccountForPhone => "no_account_for_phone",
            LoginError::WeChatCodeInvalid => "wechat_code_invalid",
            LoginError::WeChatUnavailable => "wechat_unavailable",
            LoginError::TicketInvalid => "ticket_invalid",
            LoginError::ChannelOff => "channel_off",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            LoginError::InvalidPhone => 400,
            LoginError::MalformedCode => 400,
            LoginError::CodeWrong { .. } => 400,
            LoginError::CodeExpired => 400,
            LoginError::CodeTooManyAttempts => 429,
            LoginError::CodeNotRequested => 400,
            LoginError::SmsThrottled { .. } => 429,
            LoginError::SmsIpLimited => 429,
            LoginError::SmsDailyLimit => 429,
            LoginError::SmsUnavailable => 503,
            LoginError::BadCredentials => 401,
            LoginError::LoginLocked { .. } => 429,
            LoginError::Busy => 503,
            LoginError::AccountDisabled => 403,
            LoginError::NoAccountForPhone => 403,
            LoginError::WeChatCodeInvalid => 400,
            LoginError::WeChatUnavailable => 503,
            LoginError::TicketInvalid => 400,
            LoginError::ChannelOff => 403,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let text = |m: ErrMsg| m.text(lang).to_string();
        let with = |m: ErrMsg, name: &str, value: &str| fill(m.text(lang), &[(name, value)]);
        match self {
            LoginError::InvalidPhone => text(ErrMsg::InvalidPhone),
            LoginError::MalformedCode => text(ErrMsg::MalformedCode),
            LoginError::CodeWrong { attempts_left } => with(
                ErrMsg::CodeWrong,
                "attempts_left",
                &attempts_left.to_string(),
            ),
            LoginError::CodeExpired => text(ErrMsg::CodeExpired),
            LoginError::CodeTooManyAttempts => text(ErrMsg::CodeTooManyAttempts),
            LoginError::CodeNotRequested => text(ErrMsg::CodeNotRequested),
            LoginError::SmsThrottled { retry_after_secs } => {
                with(ErrMsg::SmsThrottled, "secs", &retry_after_secs.to_string())
            }
            LoginError::SmsIpLimited => text(ErrMsg::SmsIpLimited),
            LoginError::SmsDailyLimit => text(ErrMsg::SmsDailyLimit),
            LoginError::SmsUnavailable => text(ErrMsg::SmsUnavailable),
            LoginError::BadCredentials => text(ErrMsg::BadCredentials),
            LoginError::LoginLocked { retry_after_secs } => with(
                ErrMsg::LoginLocked,
                "minutes",
                &retry_after_secs.div_ceil(60).to_string(),
            ),
            LoginError::Busy => text(ErrMsg::Busy),
            LoginError::AccountDisabled => text(ErrMsg::AccountDisabled),
            LoginError::NoAccountForPhone => text(ErrMsg::NoAccountForPhone),
            LoginError::WeChatCodeInvalid => text(ErrMsg::WeChatCodeInvalid),
            LoginError::WeChatUnavailable => text(ErrMsg::WeChatUnavailable),
            LoginError::TicketInvalid => text(ErrMsg::TicketInvalid),
            LoginError::ChannelOff => text(ErrMsg::ChannelOff),
        }
    }
}
