// Console pages nest deep view types; the default limit (128) is too low for them.
#![recursion_limit = "256"]
//! OrderLink's server: database, routing, middleware and adapters around the
//! `app` crate. `main.rs` only reads the environment and serves.

/// mimalloc instead of glibc's malloc: rendering a page makes many small,
/// short-lived allocations, and glibc's malloc (with its free-list
/// consolidation) was about a fifth of a catalogue page's CPU under load
/// (perf). Declared here so the server, its tests and benchmarks share it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod assets;
pub mod config;
mod console_forms;
mod entry_routes;
mod form_answers;
pub mod media;
mod page_cache;
pub mod proxies;
mod routes;
pub mod security;
pub mod serve;
pub mod sms_gateway;
mod store_forms;
pub mod wechat_client;
pub mod wechat_crypto;
mod wechat_routes;
pub mod wechat_sim;

use app::db::{Dialect, Pool as AnyPool};
use app::ports::sms::{NoSms, OutboxSms, SmsSender};
use app::ports::wechat::{NoWeChat, WeChatApi};
use app::service::passwords::PasswordWork;
use app::state::{AppState, Config};
use axum::Router;
use config::Settings;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use sms_gateway::HttpSms;
use sqlx::any::AnyPoolOptions;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AnyConnection, Connection, Executor};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use wechat_client::HttpWeChat;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("could not create the database folder {0}: {1}")]
    DataDir(String, std::io::Error),
    #[error("seeding data: {0}")]
    Seed(app::error::AppError),
    #[error("DATABASE_URL names a database this server does not speak")]
    UnknownDatabase,
    #[error("SMS gateway: {0}")]
    Sms(app::ports::sms::SmsError),
    #[error("WeChat client: {0}")]
    WeChat(app::ports::wechat::WeChatError),
    #[error("the third-party platform's keys: {0}")]
    WeChatComponent(wechat_crypto::CryptoError),
}

/// Opens the database `url` names and brings its schema up to date.
///
/// Migrations run first on a connection of their own, closed before the
/// pool opens: SQLite's connections cache the schema, and one migration
/// changes declared column types. On PostgreSQL, sqlx holds an advisory lock
/// while it migrates, so instances starting together migrate once: the
/// others wait, then find nothing left to do.
pub async fn open_database(url: &str, connections: u32) -> Result<AnyPool, StartError> {
    sqlx::any::install_default_drivers();
    let dialect = Dialect::of_url(url).ok_or(StartError::UnknownDatabase)?;
    let url = match dialect {
        Dialect::Sqlite => sqlite_url(url)?,
        Dialect::Postgres => url.to_string(),
    };
    let mut conn = AnyConnection::connect(&url).await?;
    dialect.migrator().run(&mut conn).await?;
    conn.close().await?;
    let pool = AnyPoolOptions::new()
        .max_connections(connections)
        // A SQLite connection is a file in this process: there is no link to
        // check before each use, and the check was one more round trip to
        // the connection's thread per query. A PostgreSQL server may have
        // dropped an idle connection, so there it stays.
        .test_before_acquire(dialect == Dialect::Postgres)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if dialect == Dialect::Sqlite {
                    // Readers do not block the writer; a commit waits for the
                    // log, not the disk (safe in WAL mode).
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = NORMAL").await?;
                }
                Ok(())
            })
        })
        .connect(&url)
        .await?;
    Ok(pool)
}

/// A SQLite URL that creates its file (and folder) when missing. sqlx's own
/// defaults apply otherwise: foreign keys on, a 5 s busy timeout.
fn sqlite_url(url: &str) -> Result<String, StartError> {
    let options = SqliteConnectOptions::from_str(url)?;
    let path = options.get_filename();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| StartError::DataDir(dir.display().to_string(), e))?;
    }
    Ok(if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

fn leptos_options(settings: &Settings) -> LeptosOptions {
    // `output_name` is set from the hashed assets in `build`.
    // cargo-leptos bakes these in at build time; plain `cargo test` builds do not have them.
    let mut options = get_configuration(None)
        .map(|c| c.leptos_options)
        .ok()
        .filter(|o| !o.output_name.is_empty())
        .unwrap_or_else(|| {
            LeptosOptions::builder()
                .output_name("orderlink")
                .site_root("target/site")
                .site_pkg_dir("pkg")
                .build()
        });
    options.site_addr = settings.addr;
    if let Some(root) = &settings.site_root {
        options.site_root = root.to_string_lossy().into_owned().into();
    }
    options
}

/// Builds the whole application: database, demo data, state and router.
pub async fn build(settings: &Settings) -> Result<Router, StartError> {
    let pool = open_database(&settings.database_url, settings.db_connections).await?;
    if settings.demo
        && app::db::seed::seed_demo_if_empty(&pool)
            .await
            .map_err(StartError::Seed)?
    {
        tracing::info!("seeded the demo stores at /s/demo and /s/tea");
    }
    app::db::staff::ensure_system_roles(&pool)
        .await
        .map_err(StartError::Seed)?;
    let sms: Arc<dyn SmsSender> = match &settings.sms_gateway {
        Some(gateway) => Arc::new(HttpSms::new(gateway.clone()).map_err(StartError::Sms)?),
        None if settings.dev => Arc::new(OutboxSms::new(pool.clone())),
        None => {
            tracing::warn!("no SMS gateway configured: SMS login answers 'unavailable'");
            Arc::new(NoSms)
        }
    };
    let wechat: Arc<dyn WeChatApi> = match &settings.wechat {
        Some(wechat) => Arc::new(HttpWeChat::new(wechat.clone()).map_err(StartError::WeChat)?),
        None => Arc::new(NoWeChat),
    };
    let mut leptos_options = leptos_options(settings);
    let assets = assets::load(
        std::path::Path::new(leptos_options.site_root.as_ref()),
        &leptos_options.site_pkg_dir,
    );
    leptos_options.output_name = assets
        .bundle_name(&leptos_options.site_pkg_dir, &leptos_options.output_name)
        .into();
    let state = AppState {
        leptos_options,
        pool,
        config: Arc::new(Config {
            dev: settings.dev,
            demo: settings.demo,
            secret: settings.secret.as_bytes().to_vec(),
            sms_per_ip_per_hour: settings.sms_per_ip_per_hour,
            sms_resend_secs: settings.sms_resend_secs,
            sms_per_phone_per_day: settings.sms_per_phone_per_day,
            media_dir: settings.media_dir.clone(),
            public_url: settings.public_url.clone(),
        }),
        sms,
        wechat,
        passwords: Arc::new(PasswordWork::for_this_machine()),
        shelves: Arc::default(),
        assets: Arc::new(assets),
    };
    let component = component(settings)?;
    spawn_housekeeping(state.pool.clone());
    Ok(router(
        state,
        Arc::new(settings.trusted_proxies.clone()),
        component,
    ))
}

/// The third-party platform's keys for its event URL, if one is configured.
fn component(settings: &Settings) -> Result<Option<Arc<wechat_crypto::MsgCrypt>>, StartError> {
    let Some(c) = settings.wechat.as_ref().and_then(|w| w.component.as_ref()) else {
        return Ok(None);
    };
    let crypt = wechat_crypto::MsgCrypt::new(&c.token, &c.aes_key, &c.appid)
        .map_err(StartError::WeChatComponent)?;
    Ok(Some(Arc::new(crypt)))
}

/// The largest body a server function accepts.
pub const API_BODY_LIMIT: usize = 512 * 1024;

/// Forgets rate-limit windows that ended long ago, every ten minutes. Every
/// instance may run it: deleting the same old rows twice does no harm.
fn spawn_housekeeping(pool: AnyPool) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(600));
        loop {
            every.tick().await;
            let pruned = match pool.acquire().await {
                Ok(mut conn) => app::db::limits::prune(&mut conn, 2 * 24 * 3600).await,
                Err(e) => Err(e.into()),
            };
            if let Err(e) = pruned {
                tracing::warn!(error = %e, "pruning rate limits failed");
            }
        }
    });
}

fn router(
    state: AppState,
    proxies: Arc<proxies::TrustedProxies>,
    component: Option<Arc<wechat_crypto::MsgCrypt>>,
) -> Router {
    let leptos_routes = route_lists().store.clone();
    let shell_options = state.leptos_options.clone();
    let mut router = Router::new()
        .route("/healthz", axum::routing::get(routes::healthz))
        .route("/s/{store}/register", axum::routing::post(routes::register))
        .route("/s/{store}/cart", axum::routing::post(store_forms::cart))
        .route("/s/{store}/enter", axum::routing::get(wechat_routes::enter))
        .route("/lite/enter", axum::routing::get(wechat_routes::lite_enter))
        .route(
            "/lite/choose",
            axum::routing::post(wechat_routes::lite_choose),
        )
        .route(
            "/s/{store}/wechat/qr",
            axum::routing::get(wechat_routes::qr),
        )
        .route(
            "/s/{store}/wechat/callback",
            axum::routing::get(wechat_routes::qr_callback),
        )
        .route(
            "/api/wechat/phone-ticket",
            axum::routing::post(wechat_routes::phone_ticket),
        )
        .route(
            "/wechat/component/events",
            axum::routing::post(move |state, query, body| {
                entry_routes::component_events(component.clone(), state, query, body)
            })
            .layer(axum::extract::DefaultBodyLimit::max(
                entry_routes::MAX_PUSH_BYTES,
            )),
        )
        .route("/s/{store}/quick", axum::routing::post(store_forms::quick))
        .route("/s/{store}/team", axum::routing::post(store_forms::team))
        .route("/console/login", axum::routing::post(console_forms::login))
        .route(
            "/console/logout",
            axum::routing::post(console_forms::logout),
        )
        .route(
            "/console/approvals/{id}",
            axum::routing::post(console_forms::decide),
        )
        .route(
            "/s/{store}/checkout",
            axum::routing::post(store_forms::checkout),
        )
        .route(
            "/s/{store}/orders/{id}/receipt",
            axum::routing::post(store_forms::receipt),
        )
        .route(
            "/s/{store}/orders/{id}/reorder",
            axum::routing::post(store_forms::reorder),
        )
        .route(
            "/console/media/logo",
            axum::routing::post(media::upload_logo).layer(axum::extract::DefaultBodyLimit::max(
                media::MAX_IMAGE_BYTES + 64 * 1024,
            )),
        )
        .route(
            "/console/media/product/{id}",
            axum::routing::post(media::upload_product_image).layer(
                axum::extract::DefaultBodyLimit::max(media::MAX_IMAGE_BYTES + 64 * 1024),
            ),
        )
        .nest_service(
            "/media",
            tower_http::services::ServeDir::new(&state.config.media_dir),
        );
    if state.config.dev {
        router = router.route("/dev/outbox", axum::routing::get(routes::dev_outbox));
    }
    router = console_routes(router, &state);
    router
        .leptos_routes_with_context(
            &state,
            leptos_routes,
            || (),
            move || app::shell(shell_options.clone()),
        )
        .fallback(assets::site_files)
        .layer(axum::middleware::from_fn(routes::server_fn_status))
        // Inside `language` and `request_memo`: it needs both.
        .layer(axum::middleware::from_fn_with_state(
            (state.clone(), Arc::new(page_cache::GuestPages::default())),
            page_cache::guest_catalogue,
        ))
        .layer(axum::middleware::from_fn(routes::language))
        .layer(axum::middleware::from_fn(routes::request_memo))
        .layer(axum::middleware::from_fn_with_state(
            proxies,
            proxies::client_address,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            assets::cache,
        ))
        .layer(axum::middleware::from_fn(security::headers))
        // Server functions take small arguments; the largest are 200-line
        // import chunks. Anything bigger is refused with 413 (server functions
        // read their bodies themselves, so axum's limit covers only the plain
        // routes' extractors).
        .layer(axum::middleware::from_fn(routes::api_body_limit))
        .layer(axum::extract::DefaultBodyLimit::max(API_BODY_LIMIT))
        // A body that trickles in is cut off, so it cannot hold a request open.
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            Duration::from_secs(30),
        ))
        // Pages and server-function answers are compressed as they are sent,
        // so compressing is a cost of every page. Gzip at level 4, not brotli
        // (the crate is built without it): on a catalogue page brotli 4 was
        // about 5 % smaller (2,261 against 2,383 bytes, under a millisecond
        // at 1.6 Mbit/s) but took about twice the time (114 against 66 µs
        // alone; 100–200 µs more CPU a page under load). Bundles are not
        // compressed here: they are sent as their brotli copies made at
        // build time.
        .layer(
            tower_http::compression::CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Precise(4)),
        )
        // One span per request; `RUST_LOG=tower_http=debug` shows each one.
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// The console is a second Leptos app with its own shell and bundle. Its pages
/// are routed here one by one; the server functions are already registered by
/// the store's `leptos_routes_with_context`, and registering them twice panics.
/// The store's and the console's routes, as Leptos lists them.
struct RouteLists {
    store: Vec<AxumRouteListing>,
    console: Vec<AxumRouteListing>,
}

/// Listed once per process. Leptos lists routes by rendering the app in a
/// special mode, and doing that while the same process serves pages stalls
/// some of those pages forever (their resources never resolve; see
/// docs/upstream/leptos-route-listing-stalls-requests.md). One server starts
/// once, so only tests that start many app instances in one process met it;
/// they now share the first instance's lists, made before anything serves.
fn route_lists() -> &'static RouteLists {
    static LISTS: std::sync::OnceLock<RouteLists> = std::sync::OnceLock::new();
    LISTS.get_or_init(|| RouteLists {
        store: generate_route_list(app::App),
        console: generate_route_list(console::ConsoleApp),
    })
}

fn console_routes(mut router: Router<AppState>, state: &AppState) -> Router<AppState> {
    let options = state.leptos_options.clone();
    for listing in route_lists().console.iter() {
        let state = state.clone();
        let options = options.clone();
        let handler = leptos_axum::render_app_async_with_context(
            move || provide_context(state.clone()),
            move || console::console_shell(options.clone()),
        );
        router = router.route(listing.path(), axum::routing::get(handler));
    }
    router
}

#[cfg(test)]
mod tests {
    use super::route_lists;
    use console::pages::Page;

    fn is_parameter(part: &str) -> bool {
        part.starts_with('{') || part.starts_with(':')
    }

    /// A route's path with each parameter filled in, as a browser asks for it.
    fn as_asked(route: &str) -> String {
        route
            .split('/')
            .map(|part| if is_parameter(part) { "7" } else { part })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// A page opened cold names its group's chunks in its head, finding the
    /// page from the path (`Page::of_path`), a table beside the router's.
    /// A route missing from it would load without its preloads, slowly.
    #[test]
    fn every_console_route_names_a_page_of_its_own_for_the_head_preloads() {
        let paths: Vec<String> = route_lists()
            .console
            .iter()
            .map(|listing| as_asked(listing.path()))
            .collect();
        let mut pages: Vec<Page> = Vec::new();
        for path in &paths {
            let page = Page::of_path(path).unwrap_or_else(|| panic!("{path} names no page"));
            assert!(!pages.contains(&page), "{path} names another route's page");
            pages.push(page);
        }
        assert_eq!(pages.len(), 22, "the console's routes: {paths:?}");
    }
}
