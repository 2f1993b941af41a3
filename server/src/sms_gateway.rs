//! The SMS gateway client: sends each text through an HTTP gateway that speaks
//! Yunpian's v2 `single_send` protocol, the common shape of China's SMS
//! aggregators: a form POST of `apikey`, `mobile` and `text` (the text starts
//! with the approved signature, the brand in full-width brackets), answered by JSON whose `code` is 0
//! on success. Tests run it against a local simulator of the same protocol.

use app::ports::sms::{SendFuture, SmsError, SmsSender};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use std::time::Duration;

/// Where and how to reach the gateway.
#[derive(Clone, Debug)]
pub struct GatewaySettings {
    /// `ORDERLINK_SMS_URL`, e.g. `https://sms.yunpian.com/v2/sms/single_send.json`.
    pub url: String,
    /// `ORDERLINK_SMS_API_KEY`.
    pub api_key: String,
    /// How long one send may take before the login form says "unavailable".
    pub timeout: Duration,
}

pub struct HttpSms {
    settings: GatewaySettings,
    uri: hyper::Uri,
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

/// The part of the gateway's JSON answer we act on.
#[derive(serde::Deserialize)]
struct Answer {
    code: i64,
    #[serde(default)]
    msg: String,
}

impl HttpSms {
    pub fn new(settings: GatewaySettings) -> Result<HttpSms, SmsError> {
        let uri: hyper::Uri = settings
            .url
            .parse()
            .map_err(|e| SmsError::Unavailable(format!("ORDERLINK_SMS_URL: {e}")))?;
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|e| SmsError::Unavailable(format!("TLS set-up: {e}")))?
            .https_or_http()
            .enable_http1()
            .build();
        let client = Client::builder(TokioExecutor::new()).build(https);
        Ok(HttpSms {
            settings,
            uri,
            client,
        })
    }

    async fn post(&self, phone: &str, body: &str) -> Result<(), SmsError> {
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("apikey", &self.settings.api_key)
            .append_pair("mobile", phone)
            .append_pair("text", body)
            .finish();
        let request = hyper::Request::post(self.uri.clone())
            .header(
                "content-type",
                "application/x-www-form-urlencoded;charset=utf-8",
            )
            .header("accept", "application/json;charset=utf-8")
            .body(Full::new(Bytes::from(form)))
            .map_err(|e| SmsError::Unavailable(e.to_string()))?;
        let response = self
            .client
            .request(request)
            .await
            .map_err(|e| SmsError::Unavailable(format!("gateway unreachable: {e}")))?;
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| SmsError::Unavailable(format!("gateway answer cut off: {e}")))?
            .to_bytes();
        let answer: Answer = serde_json::from_slice(&bytes).map_err(|_| {
            SmsError::Unavailable(format!("gateway answered {status} without its JSON"))
        })?;
        if answer.code == 0 {
            Ok(())
        } else {
            Err(SmsError::Unavailable(format!(
                "gateway refused ({status}, code {}): {}",
                answer.code, answer.msg
            )))
        }
    }
}

impl SmsSender for HttpSms {
    fn send<'a>(&'a self, phone: &'a str, body: &'a str) -> SendFuture<'a> {
        Box::pin(async move {
            tokio::time::timeout(self.settings.timeout, self.post(phone, body))
                .await
                .unwrap_or_else(|_| {
                    Err(SmsError::Unavailable(format!(
                        "gateway gave no answer within {:?}",
                        self.settings.timeout
                    )))
                })
        })
    }
}
