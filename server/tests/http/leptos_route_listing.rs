//! A minimal reproduction of a Leptos bug, kept runnable for the upstream
//! report (docs/upstream/leptos-route-listing-stalls-requests.md): listing an
//! app's routes (`generate_route_list`) on one thread while a server renders
//! pages with a `Resource` under `Suspense` on others leaves some of those
//! responses pending forever. Nothing of OrderLink is involved. Ignored in
//! the suite, since it shows the bug rather than our behaviour:
//! `cargo test -p server --test http -- --ignored leptos_route_listing --nocapture`

use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[component]
fn Page() -> impl IntoView {
    let answer = Resource::new(|| (), |_| async { 42u32 });
    view! {
        <Suspense fallback=|| "loading">
            {move || Suspend::new(async move { answer.await.to_string() })}
        </Suspense>
    }
}

#[component]
fn Mini() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/") view=Page/>
            </Routes>
        </Router>
    }
}

fn shell() -> impl IntoView {
    view! { <!DOCTYPE html><html><head></head><body><Mini/></body></html> }
}

/// Pages that got no answer within 2 s, out of `clients` × `rounds`.
async fn stalled_pages(addr: std::net::SocketAddr, clients: usize, rounds: usize) -> usize {
    use http_body_util::{BodyExt, Empty};
    use hyper::body::Bytes;
    use hyper_util::client::legacy::Client;
    use hyper_util::rt::TokioExecutor;
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let url: hyper::Uri = format!("http://{addr}/").parse().unwrap();
    let one = move |client: Client<_, Empty<Bytes>>| {
        let url = url.clone();
        async move {
            let res = client.get(url).await.expect("an answer");
            res.into_body().collect().await.expect("a body");
        }
    };
    let loops = (0..clients).map(|_| {
        let client = client.clone();
        let one = one.clone();
        tokio::spawn(async move {
            let mut stalled = 0;
            for _ in 0..rounds {
                if tokio::time::timeout(Duration::from_secs(2), one.clone()(client.clone()))
                    .await
                    .is_err()
                {
                    stalled += 1;
                }
            }
            stalled
        })
    });
    let mut stalled = 0;
    for l in loops {
        stalled += l.await.unwrap();
    }
    stalled
}

fn serve_and_count_stalls(list_routes_meanwhile: bool) -> usize {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let options = LeptosOptions::builder().output_name("mini").build();
    let routes = runtime.block_on(async { generate_route_list(Mini) });
    let stop = Arc::new(AtomicBool::new(false));
    let lister = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            while list_routes_meanwhile && !stop.load(Ordering::Relaxed) {
                runtime.block_on(async {
                    let _ = generate_route_list(Mini);
                });
            }
        })
    };
    let stalled = runtime.block_on(async move {
        let app = axum::Router::new()
            .leptos_routes(&options, routes, shell)
            .with_state(options);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        stalled_pages(addr, 6, 20).await
    });
    stop.store(true, Ordering::Relaxed);
    lister.join().unwrap();
    runtime.shutdown_background();
    stalled
}

#[test]
#[ignore]
fn leptos_route_listing_on_another_thread_stalls_pages_being_rendered() {
    let alone = serve_and_count_stalls(false);
    let beside_listing = serve_and_count_stalls(true);
    eprintln!("pages stalled out of 120: {alone} alone, {beside_listing} while routes are listed");
    assert_eq!(alone, 0);
    assert!(beside_listing > 0, "the bug did not show this time");
}
