//! Catalogue benchmark (DESIGN.md §5): the store's catalogue and product pages
//! on SQLite with 10,000 SKUs, 50 concurrent clients, p99 under 50 ms.
//!
//! `cargo bench -p server --bench catalogue` (or `scripts/bench.sh`). It starts
//! the real application on a loopback port against a fresh SQLite file (the
//! demo store plus 2,500 generated products of 4 SKUs, each priced on every
//! list), warms up, then lets 50 clients request pages back to back: half as
//! guests, half as a logged-in distributor; first pages, deep pages, a
//! category, a search, product pages. The clients run in this process on the
//! same runtime as the server, as wrk would share the machine's cores.
//! Exits 1 when the p99 is over budget or any request failed. With
//! `ORDERLINK_TEST_POSTGRES=postgres://USER@HOST:PORT` the database is a new
//! one on that PostgreSQL server instead (`scripts/bench.sh` runs both).

#[path = "../tests/http/common/mod.rs"]
mod common;

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use std::time::{Duration, Instant};

const PRODUCTS: i64 = 2_500;
const SKUS_PER_PRODUCT: i64 = 4;
/// Concurrent clients; `BENCH_CLIENTS` overrides (1 shows one page's own cost).
const CLIENTS: usize = 50;
const WARM_UP: Duration = Duration::from_secs(3);
const MEASURE: Duration = Duration::from_secs(20);
const P99_BUDGET: Duration = Duration::from_millis(50);

type HttpClient = Client<HttpConnector, Empty<Bytes>>;

/// One kind of page the clients ask for, and how to build its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    FirstPage,
    DeepPage,
    Category,
    Search,
    Product,
}

impl Kind {
    const ALL: [Kind; 5] = [
        Kind::FirstPage,
        Kind::DeepPage,
        Kind::Category,
        Kind::Search,
        Kind::Product,
    ];

    fn path(self, n: u64, catalogue: &Catalogue) -> String {
        let pick = |len: usize| (n as usize * 7919) % len.max(1);
        match self {
            Kind::FirstPage => "/s/demo".to_string(),
            Kind::DeepPage => format!("/s/demo?page={}", 2 + pick(catalogue.pages - 1)),
            Kind::Category => format!(
                "/s/demo?cat={}",
                catalogue.categories[pick(catalogue.categories.len())]
            ),
            Kind::Search => format!(
                "/s/demo?q=%E5%8E%8B%E6%B5%8B%E5%95%86%E5%93%81+{}",
                pick(250)
            ),
            Kind::Product => format!(
                "/s/demo/p/{}",
                catalogue.products[pick(catalogue.products.len())]
            ),
        }
    }
}

struct Catalogue {
    categories: Vec<i64>,
    products: Vec<i64>,
    pages: usize,
}

fn clients() -> usize {
    std::env::var("BENCH_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(CLIENTS)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let clients = clients();
    // The same start as the integration tests: dev settings, demo store, a
    // fresh SQLite file, a loopback port.
    let app = common::TestApp::start().await;
    let catalogue = generate(&app.db).await;
    let base = app.base.clone();
    let client: HttpClient = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(clients)
        .build_http();
    let session = app
        .password_login("demo", "dist1", app::db::seed::DEMO_PASSWORD)
        .await
        .session()
        .expect("distributor session");

    let catalogue = std::sync::Arc::new(catalogue);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (client, base, catalogue) = (client.clone(), base.clone(), catalogue.clone());
        let cookie = (c % 2 == 1).then(|| format!("ol_session={session}"));
        tasks.push(tokio::spawn(async move {
            run_client(c, &client, &base, cookie.as_deref(), &catalogue, started).await
        }));
    }
    let mut samples: Vec<(Kind, Duration)> = Vec::new();
    let mut failures = Vec::new();
    for task in tasks {
        let (s, f) = task.await.expect("client task");
        samples.extend(s);
        failures.extend(f);
    }

    let ok = report(clients, &catalogue, &samples, &failures);
    std::process::exit(if ok { 0 } else { 1 });
}

/// Adds the generated catalogue to the demo store in one transaction.
async fn generate(pool: &sqlx::AnyPool) -> Catalogue {
    let mut tx = pool.begin().await.expect("tx");
    let statements = [
        // Products spread over the demo categories.
        format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {PRODUCTS}),
                  cats AS (SELECT c.id, c.tenant_id, ROW_NUMBER() OVER (ORDER BY c.id) - 1 AS r
                           FROM categories c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'demo')
             INSERT INTO products (tenant_id, category_id, name, description, unit, moq, on_shelf, created_at)
             SELECT cats.tenant_id, cats.id, '压测商品 ' || n.i, '压测用商品', '箱', 1 + n.i % 3, TRUE, 0
             FROM n JOIN cats ON cats.r = n.i % (SELECT COUNT(*) FROM cats)"
        ),
        format!(
            "WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < {SKUS_PER_PRODUCT})
             INSERT INTO skus (tenant_id, product_id, code, spec, stock)
             SELECT p.tenant_id, p.id, 'BENCH-' || p.id || '-' || k.j,
                    '[[\"规格\",\"' || (k.j * 250) || 'ml\"]]', (p.id * k.j) % 200
             FROM products p CROSS JOIN k WHERE p.name LIKE '压测商品 %'"
        ),
        // Every SKU on every list of the store, so each buyer's own price is found.
        "INSERT INTO prices (price_list_id, sku_id, amount)
         SELECT pl.id, s.id, 500 + (s.id * 37) % 20000
         FROM skus s JOIN price_lists pl ON pl.tenant_id = s.tenant_id
         WHERE s.code LIKE 'BENCH-%'"
            .to_string(),
    ];
    for sql in &statements {
        sqlx::query(sql).execute(&mut *tx).await.expect("generate");
    }
    tx.commit().await.expect("commit");
    // PostgreSQL's autovacuum would gather statistics on so many new rows
    // within a minute; the benchmark should not measure the minute before.
    // (SQLite has no automatic statistics, and a deployment would not run
    // ANALYZE either, so it is left as it is.)
    if app::db::Dialect::of(pool) == app::db::Dialect::Postgres {
        sqlx::query("ANALYZE").execute(pool).await.expect("analyze");
    }

    let skus: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM skus")
        .fetch_one(pool)
        .await
        .expect("count");
    // The demo store's own products and categories: the seed has a second
    // store, whose products the demo store rightly answers with 404.
    let shelved: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM products p JOIN tenants t ON t.id = p.tenant_id
         WHERE t.slug = 'demo' AND p.on_shelf",
    )
    .fetch_one(pool)
    .await
    .expect("count");
    assert!(skus >= 10_000, "{skus} SKUs");
    let categories = sqlx::query_scalar(
        "SELECT c.id FROM categories c JOIN tenants t ON t.id = c.tenant_id
         WHERE t.slug = 'demo' ORDER BY c.id",
    )
    .fetch_all(pool)
    .await
    .expect("categories");
    let products = sqlx::query_scalar(
        "SELECT p.id FROM products p JOIN tenants t ON t.id = p.tenant_id
         WHERE t.slug = 'demo' AND p.on_shelf ORDER BY p.id",
    )
    .fetch_all(pool)
    .await
    .expect("products");
    println!("catalogue: {shelved} products on the shelf, {skus} SKUs");
    Catalogue {
        categories,
        products,
        pages: (shelved as usize).div_ceil(app::domain::catalogue::PAGE_SIZE as usize),
    }
}

type Samples = (Vec<(Kind, Duration)>, Vec<String>);

/// One client: requests back to back until the run ends, keeping the
/// latencies of those that started after the warm-up.
async fn run_client(
    id: usize,
    client: &HttpClient,
    base: &str,
    cookie: Option<&str>,
    catalogue: &Catalogue,
    started: Instant,
) -> Samples {
    let mut samples = Vec::new();
    let mut failures = Vec::new();
    let mut n = (id * 1_000) as u64;
    while started.elapsed() < WARM_UP + MEASURE {
        let kind = Kind::ALL[(n as usize) % Kind::ALL.len()];
        let path = kind.path(n / Kind::ALL.len() as u64, catalogue);
        n += 1;
        // Asks for a compressed page as a browser does: compressing is part
        // of a page's cost.
        let mut req = hyper::Request::get(format!("{base}{path}"))
            .header("accept", "text/html")
            .header("accept-encoding", "gzip, deflate, br, zstd");
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let req = req.body(Empty::new()).expect("request");
        let sent = Instant::now();
        let outcome = match client.request(req).await {
            Ok(res) => {
                let status = res.status();
                let gzipped = res.headers().get("content-encoding")
                    == Some(&hyper::header::HeaderValue::from_static("gzip"));
                match res.into_body().collect().await {
                    Ok(_) if status == 200 && gzipped => Ok(()),
                    Ok(_) if status == 200 => Err(format!("{path} was not gzipped")),
                    Ok(_) => Err(format!("{status} for {path}")),
                    Err(e) => Err(format!("{e} for {path}")),
                }
            }
            Err(e) => Err(format!("{e} for {path}")),
        };
        let took = sent.elapsed();
        if sent.duration_since(started) < WARM_UP {
            continue;
        }
        match outcome {
            Ok(()) => samples.push((kind, took)),
            Err(e) => failures.push(e),
        }
    }
    (samples, failures)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Prints the latencies per kind and overall; true when within budget.
fn report(
    clients: usize,
    catalogue: &Catalogue,
    samples: &[(Kind, Duration)],
    failures: &[String],
) -> bool {
    println!(
        "{clients} clients, {}s measured after {}s warm-up, {} pages of 20",
        MEASURE.as_secs(),
        WARM_UP.as_secs(),
        catalogue.pages
    );
    println!(
        "{:<12} {:>8} {:>9} {:>9} {:>9} {:>9}",
        "page", "requests", "p50 ms", "p90 ms", "p99 ms", "max ms"
    );
    let line = |name: &str, mut all: Vec<Duration>| {
        all.sort();
        println!(
            "{:<12} {:>8} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
            name,
            all.len(),
            ms(percentile(&all, 50.0)),
            ms(percentile(&all, 90.0)),
            ms(percentile(&all, 99.0)),
            ms(all.last().copied().unwrap_or_default())
        );
        percentile(&all, 99.0)
    };
    for kind in Kind::ALL {
        let of_kind = samples
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, d)| *d)
            .collect();
        line(&format!("{kind:?}"), of_kind);
    }
    let p99 = line("all", samples.iter().map(|(_, d)| *d).collect());
    println!(
        "throughput: {:.0} pages/s; failed requests: {}",
        samples.len() as f64 / MEASURE.as_secs_f64(),
        failures.len()
    );
    for f in failures.iter().take(5) {
        println!("  failed: {f}");
    }
    let within = p99 < P99_BUDGET && failures.is_empty() && !samples.is_empty();
    println!(
        "p99 {:.1} ms: {} the {} ms budget",
        ms(p99),
        if within { "within" } else { "OVER" },
        P99_BUDGET.as_millis()
    );
    within
}
