//! Store settings: guest mode.

use crate::i18n::{ErrMsg, Lang};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("guest account required")]
    GuestAccountRequired,
    #[error("guest account has no price list")]
    GuestAccountWithoutPrices,
    #[error("every login channel switched off")]
    NoLoginChannel,
    /// The third-party platform is not configured, has no ticket from
    /// WeChat yet, or WeChat did not answer.
    #[error("wechat third-party platform unavailable")]
    WeChatUnavailable,
}

impl SettingsError {
    /// Stable machine-readable code; matches the serialized `code` tag.
    pub fn code(&self) -> &'static str {
        match self {
            SettingsError::GuestAccountRequired => "guest_account_required",
            SettingsError::GuestAccountWithoutPrices => "guest_account_without_prices",
            SettingsError::NoLoginChannel => "no_login_channel",
            SettingsError::WeChatUnavailable => "entry_wechat_unavailable",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            SettingsError::GuestAccountRequired => 400,
            SettingsError::GuestAccountWithoutPrices => 400,
            SettingsError::NoLoginChannel => 400,
            SettingsError::WeChatUnavailable => 503,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let text = |m: ErrMsg| m.text(lang).to_string();
        match self {
            SettingsError::GuestAccountRequired => text(ErrMsg::GuestAccountRequired),
            SettingsError::GuestAccountWithoutPrices => text(ErrMsg::GuestAccountWithoutPrices),
            SettingsError::NoLoginChannel => text(ErrMsg::NoLoginChannel),
            SettingsError::WeChatUnavailable => text(ErrMsg::EntryWeChatUnavailable),
        }
    }
}
