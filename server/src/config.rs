//! Settings from the environment.

use crate::proxies::TrustedProxies;
use crate::sms_gateway::GatewaySettings;
use crate::wechat_client::{ComponentApp, WeChatSettings, WebApp};
use std::net::SocketAddr;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Settings {
    /// `LEPTOS_SITE_ADDR`, Leptos's own variable.
    pub addr: SocketAddr,
    /// `DATABASE_URL`: `sqlite://PATH` (default `sqlite://data/orderlink.db`)
    /// or `postgres://USER:PASSWORD@HOST:PORT/NAME`.
    pub database_url: String,
    /// `ORDERLINK_DB_CONNECTIONS`: the most database connections this
    /// instance opens (8). On PostgreSQL, instances × this must stay under
    /// the server's `max_connections`.
    pub db_connections: u32,
    /// `ORDERLINK_DEMO=1`: seed the demo store into a new database.
    pub demo: bool,
    /// `ORDERLINK_DEV=1`: SMS outbox and `/dev/*` routes, cookies without `Secure`.
    pub dev: bool,
    /// `ORDERLINK_SECRET`: required outside dev mode.
    pub secret: String,
    /// `ORDERLINK_SMS_PER_IP_PER_HOUR`: codes one address may request per hour.
    pub sms_per_ip_per_hour: i64,
    /// `ORDERLINK_SMS_RESEND_SECS`: seconds before a phone may ask for another code (60).
    pub sms_resend_secs: i64,
    /// `ORDERLINK_SMS_PER_PHONE_PER_DAY`: codes one phone may receive per day (10).
    pub sms_per_phone_per_day: i64,
    /// `ORDERLINK_IDLE_TIMEOUT_SECS`: seconds a connection may wait without
    /// sending a complete request head before it is closed (20).
    pub idle_timeout: Duration,
    /// `ORDERLINK_MEDIA_DIR`: uploaded product images; defaults to `data/media`.
    pub media_dir: std::path::PathBuf,
    /// `ORDERLINK_SMS_URL` and `ORDERLINK_SMS_API_KEY` (both or neither), with
    /// `ORDERLINK_SMS_TIMEOUT_SECS` (10): the SMS gateway. Without one, dev mode
    /// writes texts to the outbox and production cannot send any.
    pub sms_gateway: Option<GatewaySettings>,
    /// `ORDERLINK_WECHAT_APPID` and `ORDERLINK_WECHAT_SECRET` (both or
    /// neither) of the platform mini-program, `ORDERLINK_WECHAT_API`
    /// (`https://api.weixin.qq.com`, or the simulator) and
    /// `ORDERLINK_WECHAT_TIMEOUT_SECS` (10). Without them WeChat login
    /// answers "unavailable".
    pub wechat: Option<WeChatSettings>,
    /// `ORDERLINK_PUBLIC_URL`: the site's address as browsers reach it
    /// (`https://shop.example`), where WeChat sends a QR login back.
    pub public_url: Option<String>,
    /// Where the built site's files are, instead of what Leptos's
    /// configuration says (`LEPTOS_SITE_ROOT`); tests point it at a folder
    /// of their own.
    pub site_root: Option<std::path::PathBuf>,
    /// `ORDERLINK_TRUSTED_PROXIES`: load balancers whose `X-Forwarded-For`
    /// names the client (addresses or networks, comma-separated; none).
    pub trusted_proxies: TrustedProxies,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} is not a valid socket address, e.g. 127.0.0.1:3000")]
    Addr(String),
    #[error(
        "ORDERLINK_SECRET must be set to at least 32 characters outside dev mode (ORDERLINK_DEV=1)"
    )]
    Secret,
    #[error("{0} must be a positive whole number")]
    Number(&'static str),
    #[error("ORDERLINK_TRUSTED_PROXIES: {0:?} is not an address or a network such as 10.0.0.0/8")]
    TrustedProxy(String),
    #[error("ORDERLINK_SMS_URL and ORDERLINK_SMS_API_KEY must be set together")]
    SmsGateway,
    #[error("ORDERLINK_WECHAT_APPID and ORDERLINK_WECHAT_SECRET must be set together, and so must ORDERLINK_WECHAT_WEB_APPID and ORDERLINK_WECHAT_WEB_SECRET")]
    WeChat,
    #[error("ORDERLINK_WECHAT_COMPONENT_APPID, _SECRET, _TOKEN and _AES_KEY must be set together")]
    WeChatComponent,
    #[error("DATABASE_URL {0} is not a database this server can use: it takes sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/NAME")]
    DatabaseUrl(String),
}

const DEV_SECRET: &str = "orderlink-dev-mode-secret-not-for-production";

fn flag(name: &str) -> bool {
    matches!(
        std::env::var(name).as_deref(),
        Ok("1") | Ok("true") | Ok("yes")
    )
}

/// A positive whole number from the environment, or `default` when unset.
fn positive(name: &'static str, default: i64) -> Result<i64, ConfigError> {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or(ConfigError::Number(name)),
        Err(_) => Ok(default),
    }
}

impl Settings {
    pub fn from_env() -> Result<Settings, ConfigError> {
        let addr_text =
            std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
        let addr = addr_text
            .parse()
            .map_err(|_| ConfigError::Addr(addr_text))?;
        let dev = flag("ORDERLINK_DEV");
        let secret = match std::env::var("ORDERLINK_SECRET") {
            Ok(s) if s.len() >= 32 => s,
            _ if dev => DEV_SECRET.to_string(),
            _ => return Err(ConfigError::Secret),
        };
        let sms_per_ip_per_hour = positive("ORDERLINK_SMS_PER_IP_PER_HOUR", 20)?;
        let sms_resend_secs = positive("ORDERLINK_SMS_RESEND_SECS", 60)?;
        let sms_per_phone_per_day = positive("ORDERLINK_SMS_PER_PHONE_PER_DAY", 10)?;
        let idle_timeout = secs(positive("ORDERLINK_IDLE_TIMEOUT_SECS", 20)?);
        let sms_gateway = sms_gateway()?;
        let wechat = wechat()?;
        Ok(Settings {
            addr,
            database_url: database_url(
                std::env::var("DATABASE_URL")
                    .unwrap_or_else(|_| "sqlite://data/orderlink.db".into()),
            )?,
            db_connections: positive("ORDERLINK_DB_CONNECTIONS", 8)?
                .try_into()
                .unwrap_or(u32::MAX),
            demo: flag("ORDERLINK_DEMO"),
            dev,
            secret,
            sms_per_ip_per_hour,
            sms_resend_secs,
            sms_per_phone_per_day,
            idle_timeout,
            media_dir: std::env::var("ORDERLINK_MEDIA_DIR")
                .unwrap_or_else(|_| "data/media".into())
                .into(),
            sms_gateway,
            wechat,
            public_url: std::env::var("ORDERLINK_PUBLIC_URL")
                .ok()
                .filter(|u| !u.is_empty()),
            site_root: None,
            trusted_proxies: TrustedProxies::parse(
                &std::env::var("ORDERLINK_TRUSTED_PROXIES").unwrap_or_default(),
            )
            .map_err(ConfigError::TrustedProxy)?,
        })
    }

    /// Settings for tests and tools: dev mode on a given database.
    pub fn dev(database_url: String) -> Settings {
        Settings {
            addr: ([127, 0, 0, 1], 0).into(),
            database_url,
            db_connections: 8,
            demo: true,
            dev: true,
            secret: DEV_SECRET.to_string(),
            sms_per_ip_per_hour: 20,
            sms_resend_secs: 60,
            sms_per_phone_per_day: 10,
            idle_timeout: Duration::from_secs(20),
            media_dir: "data/media".into(),
            sms_gateway: None,
            wechat: None,
            public_url: None,
            site_root: None,
            trusted_proxies: TrustedProxies::default(),
        }
    }
}

/// A database URL the server can serve, or a clear refusal: any other URL
/// (a `mysql://…`, a bare path) was once opened as a SQLite file named after
/// it. The refusal names only the scheme: the rest may hold a password.
fn database_url(url: String) -> Result<String, ConfigError> {
    if app::db::Dialect::of_url(&url).is_some() {
        Ok(url)
    } else {
        let scheme = match url.split_once("://") {
            Some((scheme, _)) => format!("starting {scheme}://"),
            None => "without a scheme".to_string(),
        };
        Err(ConfigError::DatabaseUrl(scheme))
    }
}

fn secs(n: i64) -> Duration {
    Duration::from_secs(n.unsigned_abs())
}

fn sms_gateway() -> Result<Option<GatewaySettings>, ConfigError> {
    let set = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
    match (set("ORDERLINK_SMS_URL"), set("ORDERLINK_SMS_API_KEY")) {
        (Some(url), Some(api_key)) => Ok(Some(GatewaySettings {
            url,
            api_key,
            timeout: secs(positive("ORDERLINK_SMS_TIMEOUT_SECS", 10)?),
        })),
        (None, None) => Ok(None),
        _ => Err(ConfigError::SmsGateway),
    }
}

fn wechat() -> Result<Option<WeChatSettings>, ConfigError> {
    let set = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
    match (
        set("ORDERLINK_WECHAT_APPID"),
        set("ORDERLINK_WECHAT_SECRET"),
    ) {
        (Some(appid), Some(secret)) => Ok(Some(WeChatSettings {
            api_base: set("ORDERLINK_WECHAT_API")
                .unwrap_or_else(|| "https://api.weixin.qq.com".into()),
            appid,
            secret,
            timeout: secs(positive("ORDERLINK_WECHAT_TIMEOUT_SECS", 10)?),
            web: match (
                set("ORDERLINK_WECHAT_WEB_APPID"),
                set("ORDERLINK_WECHAT_WEB_SECRET"),
            ) {
                (Some(appid), Some(secret)) => Some(WebApp {
                    appid,
                    secret,
                    open_base: set("ORDERLINK_WECHAT_OPEN")
                        .unwrap_or_else(|| "https://open.weixin.qq.com".into()),
                }),
                (None, None) => None,
                _ => return Err(ConfigError::WeChat),
            },
            component: component()?,
        })),
        (None, None) => Ok(None),
        _ => Err(ConfigError::WeChat),
    }
}

/// The third-party platform: all four settings, or none.
fn component() -> Result<Option<ComponentApp>, ConfigError> {
    let set = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
    match (
        set("ORDERLINK_WECHAT_COMPONENT_APPID"),
        set("ORDERLINK_WECHAT_COMPONENT_SECRET"),
        set("ORDERLINK_WECHAT_COMPONENT_TOKEN"),
        set("ORDERLINK_WECHAT_COMPONENT_AES_KEY"),
    ) {
        (Some(appid), Some(secret), Some(token), Some(aes_key)) => Ok(Some(ComponentApp {
            appid,
            secret,
            token,
            aes_key,
            mp_base: set("ORDERLINK_WECHAT_MP")
                .unwrap_or_else(|| "https://mp.weixin.qq.com".into()),
        })),
        (None, None, None, None) => Ok(None),
        _ => Err(ConfigError::WeChatComponent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_and_postgres_urls_are_taken_and_nothing_else() {
        for url in [
            "sqlite://data/orderlink.db",
            "sqlite::memory:",
            "postgres://postgres@127.0.0.1:55432/orderlink",
            "postgresql://db/orderlink",
        ] {
            assert!(database_url(url.into()).is_ok(), "{url}");
        }
        for url in ["mysql://root:hunter2@db/orderlink", "data/orderlink.db", ""] {
            let refused = database_url(url.into()).unwrap_err().to_string();
            assert!(
                refused.contains("sqlite://PATH or postgres://"),
                "{refused}"
            );
            assert!(!refused.contains("hunter2"), "{refused}");
        }
    }
}
