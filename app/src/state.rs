//! (ssr) What the server hands every server function through Leptos context.

use crate::sms::SmsSender;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::SqlitePool;
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
    /// Where uploaded product images are stored (served at `/media/`).
    pub media_dir: std::path::PathBuf,
}

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: SqlitePool,
    pub config: Arc<Config>,
    pub sms: Arc<dyn SmsSender>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
