//! (ssr) WeChat's server API, the calls OrderLink makes: an app's access
//! token, a mini-program login code to its openid (`jscode2session`), and a
//! phone-number code to the phone (`getuserphonenumber`). Production plugs
//! the HTTP client (`server/src/wechat_client.rs`) in behind [`WeChatApi`];
//! tests run it against the simulator, which speaks the same protocol.
//! Sharing the token between app servers is not the client's job: see
//! `service::wechat`.

use std::future::Future;
use std::pin::Pin;

/// An app's access token, as `/cgi-bin/token` gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessToken {
    pub token: String,
    pub expires_in: i64,
}

/// Who a mini-program login code belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MiniSession {
    pub openid: String,
    /// Only when the mini-program is bound to an Open Platform account.
    pub unionid: Option<String>,
}

/// The phone number WeChat verified for the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneInfo {
    /// Without the country code, e.g. `13800138000`.
    pub pure_phone: String,
    /// `86` for the mainland (WeChat sends it as a string or a number).
    pub country_code: String,
    /// The app the code was issued to (`watermark.appid`).
    pub appid: String,
}

/// WeChat's refusals, by what the caller does about them. WeChat answers
/// HTTP 200 with `{"errcode": N, "errmsg": "…"}`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WeChatError {
    /// 40001, 40014, 42001: fetch a new token once and call again.
    #[error("access token rejected (errcode {0})")]
    TokenRejected(i64),
    /// 40029, 40163, 42003, 40013: the person's code is expired, used,
    /// or from another app; they must authorise again.
    #[error("code refused (errcode {0})")]
    CodeRefused(i64),
    /// -1 (busy), 45011 (too frequent) and every other refusal.
    #[error("wechat refused (errcode {code}): {message}")]
    Refused { code: i64, message: String },
    /// No answer, a cut-off answer, or not WeChat's JSON.
    #[error("wechat unreachable: {0}")]
    Unavailable(String),
    /// No WeChat app is configured for this server.
    #[error("no WeChat app configured")]
    NotConfigured,
}

impl WeChatError {
    /// The refusal an `errcode` stands for (0 is not a refusal).
    pub fn from_errcode(code: i64, message: &str) -> WeChatError {
        match code {
            40001 | 40014 | 42001 => WeChatError::TokenRejected(code),
            40029 | 40163 | 42003 | 40013 => WeChatError::CodeRefused(code),
            _ => WeChatError::Refused {
                code,
                message: message.to_string(),
            },
        }
    }
}

/// What an account's admin granted the platform (`api_query_auth`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub authorizer_appid: String,
    /// Authorizing again makes the previous one stale (61023): keep the newest.
    pub refresh_token: String,
}

/// Who an authorized account is (`api_get_authorizer_info`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizerInfo {
    pub appid: String,
    pub nick_name: String,
    pub head_img: String,
    /// The legal entity behind it.
    pub principal: String,
    /// `verify_type_info.id` is not -1.
    pub verified: bool,
    /// `MiniProgramInfo` is present: a mini-program, not an official account.
    pub mini_program: bool,
    /// The permission sets granted (`func_info`); a set another platform
    /// holds is missing here.
    pub sets: Vec<i64>,
    pub refresh_token: String,
}

/// An authorized account's access token (`api_authorizer_token`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizerToken {
    pub token: AccessToken,
    pub refresh_token: String,
}

/// What WeChat pushes to the third-party platform's event URL, decrypted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComponentEvent {
    /// `component_verify_ticket`, every ten minutes.
    Ticket(String),
    /// `authorized` / `updateauthorized`: a mini-program or official account
    /// was authorized through the page opened with `pre_auth_code`.
    Authorized {
        authorizer_appid: String,
        code: String,
        pre_auth_code: String,
    },
    /// `unauthorized`: its admin withdrew the authorization.
    Unauthorized { authorizer_appid: String },
    /// Any other `InfoType`, acknowledged and left alone.
    Other(String),
}

pub type WeChatFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, WeChatError>> + Send + 'a>>;

pub trait WeChatApi: Send + Sync + 'static {
    /// The mini-program's app id (the platform's "Lite").
    fn appid(&self) -> &str;
    /// A new access token (`GET /cgi-bin/token`); the previous one stops
    /// working five minutes later.
    fn fetch_token(&self) -> WeChatFuture<'_, AccessToken>;
    /// `GET /sns/jscode2session`.
    fn code_to_session<'a>(&'a self, js_code: &'a str) -> WeChatFuture<'a, MiniSession>;
    /// `POST /wxa/business/getuserphonenumber`.
    fn phone_number<'a>(
        &'a self,
        access_token: &'a str,
        code: &'a str,
    ) -> WeChatFuture<'a, PhoneInfo>;
    /// The website app's id (Open Platform), when QR login is configured.
    /// It sits under another Open Platform account than the mini-program,
    /// so its openids and unionids are its own.
    fn web_appid(&self) -> Option<&str>;
    /// The QR page (`/connect/qrconnect`) that sends the scanner back to
    /// `redirect_uri` with a code and `state`.
    fn qr_url(&self, redirect_uri: &str, state: &str) -> Option<String>;
    /// `GET /sns/oauth2/access_token`: the scanner's openid for a QR code's code.
    fn web_openid<'a>(&'a self, code: &'a str) -> WeChatFuture<'a, String>;
    /// The third-party platform's appid, when one is configured.
    fn component_appid(&self) -> Option<&str>;
    /// `POST /cgi-bin/component/api_component_token` with the newest ticket
    /// WeChat pushed.
    fn fetch_component_token<'a>(&'a self, ticket: &'a str) -> WeChatFuture<'a, AccessToken>;
    /// `POST /cgi-bin/component/api_create_preauthcode`: a one-use code for
    /// one authorization page.
    fn pre_auth_code<'a>(&'a self, component_token: &'a str) -> WeChatFuture<'a, String>;
    /// The authorization page (`componentloginpage`) the admin must click
    /// to, for mini-programs (`auth_type` 2) or official accounts (1); WeChat
    /// sends them back to `redirect_uri` with `auth_code`.
    fn authorize_url(
        &self,
        pre_auth_code: &str,
        redirect_uri: &str,
        auth_type: u8,
    ) -> Option<String>;
    /// `POST /cgi-bin/component/api_query_auth`: the grant behind the
    /// `auth_code` WeChat sent the admin back with (one use).
    fn query_auth<'a>(
        &'a self,
        component_token: &'a str,
        auth_code: &'a str,
    ) -> WeChatFuture<'a, Grant>;
    /// `POST /cgi-bin/component/api_get_authorizer_info`.
    fn authorizer_info<'a>(
        &'a self,
        component_token: &'a str,
        appid: &'a str,
    ) -> WeChatFuture<'a, AuthorizerInfo>;
    /// `POST /cgi-bin/component/api_authorizer_token`: an authorized
    /// account's access token, for calls on its behalf. WeChat may hand a
    /// new refresh token back: keep the newest.
    fn authorizer_token<'a>(
        &'a self,
        component_token: &'a str,
        appid: &'a str,
        refresh_token: &'a str,
    ) -> WeChatFuture<'a, AuthorizerToken>;
    /// `GET /sns/component/jscode2session`: a login code from a brand's own
    /// mini-program (authorized to the platform) to the person's openid.
    fn component_code_to_session<'a>(
        &'a self,
        component_token: &'a str,
        appid: &'a str,
        js_code: &'a str,
    ) -> WeChatFuture<'a, MiniSession>;
    /// `POST /cgi-bin/menu/create` with an official account's token.
    fn create_menu<'a>(&'a self, access_token: &'a str, menu: &'a str) -> WeChatFuture<'a, ()>;
}

/// When no WeChat app is configured: WeChat login answers "unavailable".
pub struct NoWeChat;

impl WeChatApi for NoWeChat {
    fn appid(&self) -> &str {
        ""
    }
    fn fetch_token(&self) -> WeChatFuture<'_, AccessToken> {
        Box::pin(async { Err(WeChatError::NotConfigured) })
    }
    fn code_to_session<'a>(&'a self, _js_code: &'a str) -> WeChatFuture<'a, MiniSession> {
        Box::pin(async { Err(WeChatError::NotConfigured) })
    }
    fn phone_number<'a>(&'a self, _token: &'a str, _code: &'a str) -> WeChatFuture<'a, PhoneInfo> {
        Box::pin(async { Err(WeChatError::NotConfigured) })
    }
    fn web_appid(&self) -> Option<&str> {
        None
    }
    fn qr_url(&self, _redirect_uri: &str, _state: &str) -> Option<String> {
        None
    }
    fn web_openid<'a>(&'a self, _code: &'a str) -> WeChatFuture<'a, String> {
        Box::pin(async { Err(WeChatError::NotConfigured) })
    }
    fn component_appid(&self) -> Option<&str> {
        None
    }
    fn fetch_component_token<'a>(&'a self, _ticket: &'a str) -> WeChatFuture<'a, AccessToken> {
        Box::pin(async { Err(WeChatError::NotConfigured) })
    }
    fn pre_auth_code<'a>(&'a self, _token: &'a str) -> WeChatFuture<'a, String> {
        Box::pin(async { Err(WeChatError::NotConfigured) })
    }
    fn authorize_url(&self, _code: &str, _redirect_uri: &str, _auth_type: u8) -> Option<String> {
        None
    }
    fn query_auth<'a>(&'a self, _token: &'a str, _code: &'a str) -> WeChatFuture<'a, Grant> {
        Box::pin(async { Err(WeChatError::NotConfigured) })
    }
    fn authorizer_info<'a>(
        &'a self,
        _token: &'a str,
        _appid: &'a str,
    ) -> WeChatFuture<'a, AuthorizerInfo> {
        Box::pin(async { Err(WeChatError::NotConfigured) })
    }
    fn authorizer_token<'a>(
        &'a self,
        _token: &'a str,
        _appid: &'a str,
        _refresh_token: &'a str,
    ) -> WeChatFuture<'a, AuthorizerToken> {
        Box::pin(async { Err(WeChatError::NotConfigured) })
    }
    fn component_code_to_session<'a>(
        &'a self,
        _token: &'a str,
        _appid: &'a str,
        _js_code: &'a str,
    ) -> WeChatFuture<'a, MiniSession> {
        Box::pin(async { Err(WeChatError::NotConfigured) })
    }
    fn create_menu<'a>(&'a self, _token: &'a str, _menu: &'a str) -> WeChatFuture<'a, ()> {
        Box::pin(async { Err(WeChatError::NotConfigured) })
    }
}
