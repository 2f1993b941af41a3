//! The WeChat API client: the three calls of [`WeChatApi`] over HTTPS to
//! `api.weixin.qq.com` (or the simulator, `server/src/wechat_sim.rs`, which
//! speaks the same paths and JSON). WeChat answers errors with HTTP 200 and
//! `{"errcode": N, "errmsg": "…"}`, N a number or, in some answers, a string.

use app::ports::wechat::{
    AccessToken, AuthorizerInfo, AuthorizerToken, Grant, MiniSession, PhoneInfo, WeChatApi,
    WeChatError, WeChatFuture,
};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use std::time::Duration;

/// Which app, and where WeChat is.
#[derive(Clone, Debug)]
pub struct WeChatSettings {
    /// `ORDERLINK_WECHAT_API`: `https://api.weixin.qq.com`, or the simulator.
    pub api_base: String,
    /// `ORDERLINK_WECHAT_APPID` and `ORDERLINK_WECHAT_SECRET`: the platform mini-program.
    pub appid: String,
    pub secret: String,
    /// `ORDERLINK_WECHAT_TIMEOUT_SECS` (10): one call's limit.
    pub timeout: Duration,
    /// The website app for QR login, if configured.
    pub web: Option<WebApp>,
    /// The platform's third-party platform (component), if configured: a
    /// brand's own mini-program is authorized to it.
    pub component: Option<ComponentApp>,
}

/// The Open Platform third-party platform ("component") that brands
/// authorize their own mini-programs to.
#[derive(Clone, Debug)]
pub struct ComponentApp {
    /// `ORDERLINK_WECHAT_COMPONENT_APPID` and `…_SECRET`.
    pub appid: String,
    pub secret: String,
    /// `ORDERLINK_WECHAT_COMPONENT_TOKEN` and `…_AES_KEY` (the 43-character
    /// EncodingAESKey): how WeChat signs and encrypts its pushes.
    pub token: String,
    pub aes_key: String,
    /// `ORDERLINK_WECHAT_MP`: where the authorization page is,
    /// `https://mp.weixin.qq.com`, or the simulator.
    pub mp_base: String,
}

/// The Open Platform website app behind "Scan with WeChat".
#[derive(Clone, Debug)]
pub struct WebApp {
    /// `ORDERLINK_WECHAT_WEB_APPID` and `ORDERLINK_WECHAT_WEB_SECRET`.
    pub appid: String,
    pub secret: String,
    /// `ORDERLINK_WECHAT_OPEN`: `https://open.weixin.qq.com`, or the simulator.
    pub open_base: String,
}

pub struct HttpWeChat {
    settings: WeChatSettings,
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl HttpWeChat {
    pub fn new(settings: WeChatSettings) -> Result<HttpWeChat, WeChatError> {
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|e| WeChatError::Unavailable(format!("TLS set-up: {e}")))?
            .https_or_http()
            .enable_http1()
            .build();
        Ok(HttpWeChat {
            settings,
            client: Client::builder(TokioExecutor::new()).build(https),
        })
    }

    fn component(&self) -> Result<&ComponentApp, WeChatError> {
        self.settings
            .component
            .as_ref()
            .ok_or(WeChatError::NotConfigured)
    }

    fn url(&self, path: &str, query: &[(&str, &str)]) -> String {
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(query)
            .finish();
        let base = self.settings.api_base.trim_end_matches('/');
        format!("{base}{path}?{query}")
    }

    /// One call within the timeout; WeChat's JSON, refusals turned into errors.
    async fn call(&self, url: String, body: Option<Value>) -> Result<Value, WeChatError> {
        tokio::time::timeout(self.settings.timeout, self.exchange(url, body))
            .await
            .unwrap_or_else(|_| {
                Err(WeChatError::Unavailable(format!(
                    "no answer within {:?}",
                    self.settings.timeout
                )))
            })
    }

    async fn exchange(&self, url: String, body: Option<Value>) -> Result<Value, WeChatError> {
        let unavailable = |e: String| WeChatError::Unavailable(e);
        let builder = hyper::Request::builder().uri(&url);
        let request = match body {
            Some(json) => builder
                .method("POST")
                .header("content-type", "application/json")
                .body(Full::new(Bytes::from(json.to_string()))),
            None => builder.method("GET").body(Full::new(Bytes::new())),
        }
        .map_err(|e| unavailable(e.to_string()))?;
        let response = self
            .client
            .request(request)
            .await
            .map_err(|e| unavailable(format!("unreachable: {e}")))?;
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| unavailable(format!("answer cut off: {e}")))?
            .to_bytes();
        let answer: Value = serde_json::from_slice(&bytes)
            .map_err(|_| unavailable(format!("answered {status} without JSON")))?;
        match errcode(&answer) {
            0 => Ok(answer),
            code => Err(WeChatError::from_errcode(
                code,
                answer["errmsg"].as_str().unwrap_or_default(),
            )),
        }
    }
}

/// `errcode` as a number or a string; absent means success.
fn errcode(answer: &Value) -> i64 {
    match &answer["errcode"] {
        Value::Number(n) => n.as_i64().unwrap_or(-1),
        Value::String(s) => s.trim().parse().unwrap_or(-1),
        _ => 0,
    }
}

/// `api_get_authorizer_info`'s answer. Missing fields read as the safe
/// side: unverified, not a mini-program, nothing granted.
fn authorizer(answer: &Value, appid: &str) -> AuthorizerInfo {
    let info = &answer["authorizer_info"];
    let grant = &answer["authorization_info"];
    let string = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let sets = grant["func_info"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter_map(|f| f["funcscope_category"]["id"].as_i64())
                .collect()
        })
        .unwrap_or_default();
    AuthorizerInfo {
        appid: appid.to_string(),
        nick_name: string(&info["nick_name"]),
        head_img: string(&info["head_img"]),
        principal: string(&info["principal_name"]),
        verified: info["verify_type_info"]["id"]
            .as_i64()
            .is_some_and(|id| id != -1),
        mini_program: info.get("MiniProgramInfo").is_some_and(|m| !m.is_null()),
        sets,
        refresh_token: string(&grant["authorizer_refresh_token"]),
    }
}

/// A string field of an answer, or "unavailable" naming it.
fn text(answer: &Value, field: &str) -> Result<String, WeChatError> {
    match &answer[field] {
        Value::String(s) if !s.is_empty() => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(WeChatError::Unavailable(format!("answer without {field}"))),
    }
}

impl WeChatApi for HttpWeChat {
    fn appid(&self) -> &str {
        &self.settings.appid
    }

    fn fetch_token(&self) -> WeChatFuture<'_, AccessToken> {
        Box::pin(async move {
            let s = &self.settings;
            let url = self.url(
                "/cgi-bin/token",
                &[
                    ("grant_type", "client_credential"),
                    ("appid", &s.appid),
                    ("secret", &s.secret),
                ],
            );
            let answer = self.call(url, None).await?;
            Ok(AccessToken {
                token: text(&answer, "access_token")?,
                expires_in: answer["expires_in"].as_i64().unwrap_or(7200),
            })
        })
    }

    fn code_to_session<'a>(&'a self, js_code: &'a str) -> WeChatFuture<'a, MiniSession> {
        Box::pin(async move {
            let s = &self.settings;
            let url = self.url(
                "/sns/jscode2session",
                &[
                    ("appid", &s.appid),
                    ("secret", &s.secret),
                    ("js_code", js_code),
                    ("grant_type", "authorization_code"),
                ],
            );
            let answer = self.call(url, None).await?;
            Ok(MiniSession {
                openid: text(&answer, "openid")?,
                unionid: text(&answer, "unionid").ok(),
            })
        })
    }

    fn web_appid(&self) -> Option<&str> {
        self.settings.web.as_ref().map(|w| w.appid.as_str())
    }

    fn qr_url(&self, redirect_uri: &str, state: &str) -> Option<String> {
        let web = self.settings.web.as_ref()?;
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("appid", &web.appid)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("response_type", "code")
            .append_pair("scope", "snsapi_login")
            .append_pair("state", state)
            .finish();
        let base = web.open_base.trim_end_matches('/');
        Some(format!("{base}/connect/qrconnect?{query}#wechat_redirect"))
    }

    fn web_openid<'a>(&'a self, code: &'a str) -> WeChatFuture<'a, String> {
        Box::pin(async move {
            let Some(web) = &self.settings.web else {
                return Err(WeChatError::NotConfigured);
            };
            let url = self.url(
                "/sns/oauth2/access_token",
                &[
                    ("appid", &web.appid),
                    ("secret", &web.secret),
                    ("code", code),
                    ("grant_type", "authorization_code"),
                ],
            );
            let answer = self.call(url, None).await?;
            text(&answer, "openid")
        })
    }

    fn component_appid(&self) -> Option<&str> {
        self.settings.component.as_ref().map(|c| c.appid.as_str())
    }

    fn fetch_component_token<'a>(&'a self, ticket: &'a str) -> WeChatFuture<'a, AccessToken> {
        Box::pin(async move {
            let c = self.component()?;
            let url = self.url("/cgi-bin/component/api_component_token", &[]);
            let body = serde_json::json!({
                "component_appid": c.appid,
                "component_appsecret": c.secret,
                "component_verify_ticket": ticket,
            });
            let answer = self.call(url, Some(body)).await?;
            Ok(AccessToken {
                token: text(&answer, "component_access_token")?,
                expires_in: answer["expires_in"].as_i64().unwrap_or(7200),
            })
        })
    }

    fn pre_auth_code<'a>(&'a self, component_token: &'a str) -> WeChatFuture<'a, String> {
        Box::pin(async move {
            let c = self.component()?;
            let url = self.url(
                "/cgi-bin/component/api_create_preauthcode",
                &[("component_access_token", component_token)],
            );
            let body = serde_json::json!({ "component_appid": c.appid });
            text(&self.call(url, Some(body)).await?, "pre_auth_code")
        })
    }

    fn authorize_url(
        &self,
        pre_auth_code: &str,
        redirect_uri: &str,
        auth_type: u8,
    ) -> Option<String> {
        let c = self.settings.component.as_ref()?;
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("component_appid", &c.appid)
            .append_pair("pre_auth_code", pre_auth_code)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("auth_type", &auth_type.to_string())
            .finish();
        let base = c.mp_base.trim_end_matches('/');
        Some(format!("{base}/cgi-bin/componentloginpage?{query}"))
    }

    fn query_auth<'a>(
        &'a self,
        component_token: &'a str,
        auth_code: &'a str,
    ) -> WeChatFuture<'a, Grant> {
        Box::pin(async move {
            let c = self.component()?;
            let url = self.url(
                "/cgi-bin/component/api_query_auth",
                &[("component_access_token", component_token)],
            );
            let body =
                serde_json::json!({ "component_appid": c.appid, "authorization_code": auth_code });
            let answer = self.call(url, Some(body)).await?;
            let info = &answer["authorization_info"];
            Ok(Grant {
                authorizer_appid: text(info, "authorizer_appid")?,
                refresh_token: text(info, "authorizer_refresh_token")?,
            })
        })
    }

    fn authorizer_info<'a>(
        &'a self,
        component_token: &'a str,
        appid: &'a str,
    ) -> WeChatFuture<'a, AuthorizerInfo> {
        Box::pin(async move {
            let c = self.component()?;
            let url = self.url(
                "/cgi-bin/component/api_get_authorizer_info",
                &[("component_access_token", component_token)],
            );
            let body = serde_json::json!({ "component_appid": c.appid, "authorizer_appid": appid });
            let answer = self.call(url, Some(body)).await?;
            Ok(authorizer(&answer, appid))
        })
    }

    fn authorizer_token<'a>(
        &'a self,
        component_token: &'a str,
        appid: &'a str,
        refresh_token: &'a str,
    ) -> WeChatFuture<'a, AuthorizerToken> {
        Box::pin(async move {
            let c = self.component()?;
            let url = self.url(
                "/cgi-bin/component/api_authorizer_token",
                &[("component_access_token", component_token)],
            );
            let body = serde_json::json!({
                "component_appid": c.appid,
                "authorizer_appid": appid,
                "authorizer_refresh_token": refresh_token,
            });
            let answer = self.call(url, Some(body)).await?;
            Ok(AuthorizerToken {
                token: AccessToken {
                    token: text(&answer, "authorizer_access_token")?,
                    expires_in: answer["expires_in"].as_i64().unwrap_or(7200),
                },
                refresh_token: answer["authorizer_refresh_token"]
                    .as_str()
                    .unwrap_or(refresh_token)
                    .to_string(),
            })
        })
    }

    fn component_code_to_session<'a>(
        &'a self,
        component_token: &'a str,
        appid: &'a str,
        js_code: &'a str,
    ) -> WeChatFuture<'a, MiniSession> {
        Box::pin(async move {
            let c = self.component()?;
            let url = self.url(
                "/sns/component/jscode2session",
                &[
                    ("appid", appid),
                    ("js_code", js_code),
                    ("grant_type", "authorization_code"),
                    ("component_appid", c.appid.as_str()),
                    ("component_access_token", component_token),
                ],
            );
            let answer = self.call(url, None).await?;
            Ok(MiniSession {
                openid: text(&answer, "openid")?,
                unionid: answer["unionid"].as_str().map(str::to_string),
            })
        })
    }

    fn create_menu<'a>(&'a self, access_token: &'a str, menu: &'a str) -> WeChatFuture<'a, ()> {
        Box::pin(async move {
            let url = self.url("/cgi-bin/menu/create", &[("access_token", access_token)]);
            let body: Value = serde_json::from_str(menu)
                .map_err(|e| WeChatError::Unavailable(format!("menu JSON: {e}")))?;
            self.call(url, Some(body)).await.map(|_| ())
        })
    }

    fn phone_number<'a>(
        &'a self,
        access_token: &'a str,
        code: &'a str,
    ) -> WeChatFuture<'a, PhoneInfo> {
        Box::pin(async move {
            let url = self.url(
                "/wxa/business/getuserphonenumber",
                &[("access_token", access_token)],
            );
            let answer = self
                .call(url, Some(serde_json::json!({ "code": code })))
                .await?;
            let info = &answer["phone_info"];
            Ok(PhoneInfo {
                pure_phone: text(info, "purePhoneNumber")?,
                country_code: text(info, "countryCode")?,
                appid: text(&info["watermark"], "appid")?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errcode_is_read_as_a_number_or_a_string() {
        assert_eq!(errcode(&serde_json::json!({"access_token": "t"})), 0);
        assert_eq!(
            errcode(&serde_json::json!({"errcode": 0, "errmsg": "ok"})),
            0
        );
        assert_eq!(errcode(&serde_json::json!({"errcode": 40029})), 40029);
        assert_eq!(errcode(&serde_json::json!({"errcode": "40029"})), 40029);
        assert_eq!(
            WeChatError::from_errcode(42001, "access_token expired"),
            WeChatError::TokenRejected(42001)
        );
        assert_eq!(
            WeChatError::from_errcode(40029, "invalid code"),
            WeChatError::CodeRefused(40029)
        );
    }

    #[test]
    fn an_authorizer_is_a_mini_program_only_with_mini_program_info_and_verified_unless_minus_one() {
        let answer = serde_json::json!({
            "authorizer_info": {"nick_name": "Brand", "verify_type_info": {"id": -1}, "principal_name": "Brand Ltd."},
            "authorization_info": {"func_info": [{"funcscope_category": {"id": 17}}, {"funcscope_category": {"id": 19}}]}
        });
        let info = authorizer(&answer, "wxbrand");
        assert!(!info.verified && !info.mini_program);
        assert_eq!(info.sets, vec![17, 19]);
        let answer = serde_json::json!({
            "authorizer_info": {"verify_type_info": {"id": 0}, "MiniProgramInfo": {"network": {}}},
        });
        let info = authorizer(&answer, "wxbrand");
        assert!(info.verified && info.mini_program && info.sets.is_empty());
    }

    #[test]
    fn a_country_code_may_be_a_number() {
        let info = serde_json::json!({"countryCode": 86});
        assert_eq!(text(&info, "countryCode").unwrap(), "86");
    }
}
