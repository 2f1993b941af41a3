//! (ssr) What the server hands every server function through Leptos context.

use crate::ports::sms::SmsSender;
use crate::ports::wechat::WeChatApi;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::AnyPool;
use std::sync::Arc;

/// Runtime settings that server functions need; read from the environment by `server`.
#[derive(Clone, Debug)]
pub struct Config {
    /// Dev mode: SMS outbox, `/dev/*` routes, cookies without `Secure`.
    pub dev: bool,
    /// Key for hashing session tokens and SMS codes.
    pub secret: Vec<u8>,
    /// Demo mode: the demo store was seeded, and login pages show its demo-only credentials.
    pub demo: bool,
    /// SMS codes one IP address may request per hour.
    pub sms_per_ip_per_hour: i64,
    /// Seconds before one phone may ask for another code.
    pub sms_resend_secs: i64,
    /// Codes one phone may receive per day, across stores.
    pub sms_per_phone_per_day: i64,
    /// Where uploaded product images are stored (served at `/media/`).
    pub media_dir: std::path::PathBuf,
    /// The site's public address (`https://…`), for WeChat to send a QR
    /// login back to; in dev mode without it, the request's host.
    pub public_url: Option<String>,
}

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: AnyPool,
    pub config: Arc<Config>,
    pub sms: Arc<dyn SmsSender>,
    /// The platform mini-program's WeChat API (or `NoWeChat`).
    pub wechat: Arc<dyn WeChatApi>,
    /// The bound on concurrent password hashing (memory and CPU); per process.
    pub passwords: Arc<crate::service::passwords::PasswordWork>,
    /// Which products each catalogue filter matches, per store and shelf
    /// version; per process, checked against the database on every request.
    pub shelves: Arc<crate::service::catalogue::Shelves>,
    /// Content-hashed URLs of the built bundles.
    pub assets: Arc<Assets>,
}

/// Content-hashed URLs of the built bundles (store and console JS, WASM and
/// CSS), so browsers may keep each file a year: a new build is a new URL.
/// Empty when nothing is built (unit and integration test builds): every URL
/// is then its plain path.
#[derive(Clone, Debug, Default)]
pub struct Assets {
    /// Plain path to hashed path, e.g. `/pkg/orderlink.css` to `/pkg/orderlink-3f9a0c1d2b4e.css`.
    hashed: std::collections::HashMap<String, String>,
    /// A split bundle's lazily loaded groups that have a pack (all of a
    /// group's files in one, `scripts/pack-console.mjs`): the splitter's
    /// name for one (`console_inbox`).
    packed_groups: std::collections::HashSet<String>,
}

impl Assets {
    pub fn new(
        hashed: std::collections::HashMap<String, String>,
        packed_groups: std::collections::HashSet<String>,
    ) -> Assets {
        Assets {
            hashed,
            packed_groups,
        }
    }

    /// The file (in the bundle's folder) that holds every file a split
    /// group's loader fetches; none when the bundle is not built.
    pub fn group_pack(&self, split_name: &str) -> Option<String> {
        self.packed_groups
            .contains(split_name)
            .then(|| format!("pack_{split_name}.bin"))
    }

    /// The URL to put in a page for a plain path.
    pub fn url(&self, path: &str) -> String {
        self.hashed
            .get(path)
            .cloned()
            .unwrap_or_else(|| path.to_string())
    }

    /// The plain path a hashed URL stands for: a hashed file, or a file in
    /// a hashed folder (`/pkg/console-3f9a0c1d2b4e/chunk_7.wasm`).
    pub fn plain(&self, hashed_path: &str) -> Option<String> {
        let exact = self
            .hashed
            .iter()
            .find(|(_, h)| !h.ends_with('/') && h.as_str() == hashed_path);
        if let Some((plain, _)) = exact {
            return Some(plain.clone());
        }
        self.hashed.iter().find_map(|(plain, hashed)| {
            let (Some(plain_dir), Some(hashed_dir)) =
                (plain.strip_suffix('/'), hashed.strip_suffix('/'))
            else {
                return None;
            };
            let file = hashed_path.strip_prefix(hashed_dir)?.strip_prefix('/')?;
            // One level only, and never a way out of the folder.
            (!file.is_empty() && !file.contains('/') && !file.contains(".."))
                .then(|| format!("{plain_dir}/{file}"))
        })
    }

    /// A folder's hashed path, without the trailing slash: `pkg/console`
    /// becomes `pkg/console-3f9a0c1d2b4e`, or stays as it is when unbuilt.
    pub fn folder(&self, dir: &str) -> String {
        let url = self.url(&format!("/{dir}/"));
        url.trim_start_matches('/')
            .trim_end_matches('/')
            .to_string()
    }

    /// A bundle's output name as Leptos's hydration script wants it: it loads
    /// `{name}.js` and `{name}.wasm`, so both files share one hash.
    pub fn bundle_name(&self, pkg_dir: &str, output_name: &str) -> String {
        let url = self.url(&format!("/{pkg_dir}/{output_name}.js"));
        url.rsplit('/')
            .next()
            .and_then(|file| file.strip_suffix(".js"))
            .unwrap_or(output_name)
            .to_string()
    }
}

impl Config {
    pub fn sms_limits(&self) -> crate::db::auth::SmsLimits {
        crate::db::auth::SmsLimits {
            per_ip_per_hour: self.sms_per_ip_per_hour,
            resend_secs: self.sms_resend_secs,
            per_phone_per_day: self.sms_per_phone_per_day,
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
