use server::config::Settings;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    if let Err(e) = run().await {
        tracing::error!("{e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().nth(1).as_deref() == Some("wechat-sim") {
        return wechat_sim().await;
    }
    let settings = Settings::from_env()?;
    let app = server::build(&settings).await?;
    let listener = tokio::net::TcpListener::bind(settings.addr).await?;
    tracing::info!(addr = %settings.addr, dev = settings.dev, "OrderLink listening on http://{}", settings.addr);
    server::serve::serve(listener, app, settings.idle_timeout, shutdown_signal()).await;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// `server wechat-sim`: the WeChat simulator for dev mode, on
/// `ORDERLINK_WECHAT_SIM_ADDR` (127.0.0.1:3900), knowing the mini-program
/// (`ORDERLINK_WECHAT_APPID`, `_SECRET`), the website app
/// (`ORDERLINK_WECHAT_WEB_APPID`, `_WEB_SECRET`) and, when its four
/// settings are given, the third-party platform
/// (`ORDERLINK_WECHAT_COMPONENT_*`), with a few brands' accounts to
/// authorize. With `ORDERLINK_WECHAT_SIM_EVENT_URL` it pushes the platform a
/// ticket as WeChat does, every ten minutes.
async fn wechat_sim() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
    let addr = var("ORDERLINK_WECHAT_SIM_ADDR", "127.0.0.1:3900");
    let sim = server::wechat_sim::Sim::new(
        &var("ORDERLINK_WECHAT_APPID", "wxlitedev"),
        &var("ORDERLINK_WECHAT_SECRET", "lite-dev-secret"),
    );
    sim.add_app(
        &var("ORDERLINK_WECHAT_WEB_APPID", "wxwebdev"),
        &var("ORDERLINK_WECHAT_WEB_SECRET", "web-dev-secret"),
    );
    let component = [
        "ORDERLINK_WECHAT_COMPONENT_APPID",
        "ORDERLINK_WECHAT_COMPONENT_SECRET",
        "ORDERLINK_WECHAT_COMPONENT_TOKEN",
        "ORDERLINK_WECHAT_COMPONENT_AES_KEY",
    ]
    .map(|name| std::env::var(name).ok());
    if let [Some(appid), Some(secret), Some(token), Some(key)] = component {
        sim.add_component(&appid, &secret, &token, &key)?;
        server::wechat_sim::add_demo_authorizers(&sim);
        if let Ok(event_url) = std::env::var("ORDERLINK_WECHAT_SIM_EVENT_URL") {
            tokio::spawn(push_tickets(sim.clone(), event_url));
        }
    }
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    tracing::info!("WeChat simulator on http://{addr}");
    sim.serve(listener).await?;
    Ok(())
}

/// WeChat pushes the third-party platform a ticket every ten minutes; until
/// the app answers, the simulator tries again every two seconds.
async fn push_tickets(sim: server::wechat_sim::Sim, event_url: String) {
    loop {
        let (_, status) = sim.push_ticket(&event_url).await;
        let wait = if status == 200 { 600 } else { 2 };
        tokio::time::sleep(std::time::Duration::from_secs(wait)).await;
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
