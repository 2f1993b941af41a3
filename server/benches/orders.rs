//! Order benchmark (DESIGN.md §5): at least 1,000 orders/s, none lost, none
//! duplicated. `scripts/bench-orders.sh` runs it on the release server.
//!
//! It starts the release server (`target/release/server`, or
//! `ORDERLINK_SERVER_BIN`) as its own process on a fresh database (a SQLite
//! file, or a new PostgreSQL database when `ORDERLINK_TEST_POSTGRES` names a
//! server), makes `CLIENTS` ordering accounts across the demo's two
//! distributors and logs them in, then lets every client add one hot SKU to
//! its cart and check out, back to back, each checkout with a key of its own.
//! One of the five hot SKUs has little stock, so refusals happen too. Then
//! it checks the database: every acknowledged order stored once, nothing
//! stored that was not acknowledged, no negative stock, reserved = what the
//! open orders hold.
//!
//! `--kill` kills the server with SIGKILL halfway, restarts it on the same
//! database, sends every checkout whose answer was lost again with the same
//! key, and checks the same: every order that got a success answer is there,
//! and a key never makes two orders.

#[path = "../tests/http/common/mod.rs"]
mod common;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CLIENTS: usize = 64;
const MEASURE: Duration = Duration::from_secs(15);
const HOT_SKUS: [i64; 5] = [1, 2, 3, 4, 5];
/// Stock of the hot SKUs; the last one runs out early.
const STOCK: i64 = 1_000_000;
const SCARCE_STOCK: i64 = 300;
const BUDGET_ORDERS_PER_SEC: f64 = 1_000.0;

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// What one checkout came back with.
#[derive(Clone, Debug)]
enum Outcome {
    /// 200: the order's id.
    Placed(i64),
    /// A refusal the buyer would read (stock ran out).
    Refused,
    /// No answer (the server went away): the order may or may not exist.
    Lost,
}

struct Server {
    child: Child,
    base: String,
}

/// The workspace's folder: `cargo bench` runs this from `server/`.
fn workspace() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn server_bin() -> String {
    std::env::var("ORDERLINK_SERVER_BIN").unwrap_or_else(|_| {
        workspace()
            .join("target/release/server")
            .display()
            .to_string()
    })
}

/// Starts the release server on `url` and waits for its health check.
async fn start_server(url: &str, dir: &std::path::Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let log = std::fs::File::create(dir.join("server.log")).expect("server log");
    let child = Command::new(server_bin())
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", workspace().join("target/site"))
        .env("DATABASE_URL", url)
        .env("ORDERLINK_MEDIA_DIR", dir.join("media"))
        .env("ORDERLINK_DEV", "1")
        .env("ORDERLINK_DEMO", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| panic!("start {} ({e}): build it first", server_bin()));
    let base = format!("http://127.0.0.1:{port}");
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok((200, _)) = send(&client, &base, Method::GET, "/healthz", "", None).await {
            break;
        }
        assert!(Instant::now() < deadline, "the server did not come up");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Server { child, base }
}

async fn send(
    client: &HttpClient,
    base: &str,
    method: Method,
    path: &str,
    body: &str,
    session: Option<&str>,
) -> Result<(u16, String), hyper_util::client::legacy::Error> {
    let mut req = Request::builder()
        .method(method)
        .uri(format!("{base}{path}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json");
    if let Some(s) = session {
        req = req.header("cookie", format!("ol_session={s}"));
    }
    let req = req
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("request");
    let res = client.request(req).await?;
    let status = res.status().as_u16();
    let bytes = res
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    Ok((status, String::from_utf8_lossy(&bytes).into_owned()))
}

/// Ordering accounts `bench0`… split over the demo's two distributors,
/// with the demo password; the hot SKUs stocked and orderable one at a time.
async fn prepare(db: &app::db::Pool) -> Vec<String> {
    for (i, sku) in HOT_SKUS.iter().enumerate() {
        let stock = if i == HOT_SKUS.len() - 1 {
            SCARCE_STOCK
        } else {
            STOCK
        };
        sqlx::query("UPDATE skus SET stock = $1, reserved = 0 WHERE id = $2")
            .bind(stock)
            .bind(sku)
            .execute(db)
            .await
            .expect("stock");
        sqlx::query(
            "UPDATE products SET moq = 1, on_shelf = TRUE WHERE id = (SELECT product_id FROM skus WHERE id = $1)",
        )
        .bind(sku)
        .execute(db)
        .await
        .expect("product");
    }
    let mut names = Vec::new();
    for i in 0..CLIENTS {
        let name = format!("bench{i}");
        let phone = format!("136{i:08}");
        let template = if i % 2 == 0 { "dist1" } else { "dist2" };
        let contact: i64 = sqlx::query_scalar(
            "INSERT INTO contacts (tenant_id, account_id, name, phone, created_at)
             SELECT c.tenant_id, c.account_id, $1, $2, 0 FROM contacts c
             JOIN store_users u ON u.contact_id = c.id WHERE u.login_name = $3
             RETURNING id",
        )
        .bind(&name)
        .bind(&phone)
        .bind(template)
        .fetch_one(db)
        .await
        .expect("contact");
        sqlx::query(
            "INSERT INTO store_users (tenant_id, enterprise_id, contact_id, phone, login_name, password_hash, role_id, created_at)
             SELECT tenant_id, enterprise_id, $1, $2, $3, password_hash, role_id, 0
             FROM store_users WHERE login_name = $4",
        )
        .bind(contact)
        .bind(&phone)
        .bind(&name)
        .bind(template)
        .execute(db)
        .await
        .expect("ordering account");
        names.push(name);
    }
    names
}

/// Logs every account in, two at a time (password checks are meant to be slow).
async fn log_in(client: &HttpClient, base: &str, names: &[String]) -> Vec<String> {
    let mut sessions = Vec::new();
    for pair in names.chunks(2) {
        let logins = pair.iter().map(|name| async move {
            let body = common::form_body(&[
                ("store", "demo"),
                ("login", name),
                ("password", app::db::seed::DEMO_PASSWORD),
            ]);
            let req = Request::builder()
                .method(Method::POST)
                .uri(format!("{base}/api/password_login"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .body(Full::new(Bytes::from(body)))
                .expect("request");
            let res = client.request(req).await.expect("login");
            assert_eq!(res.status(), 200, "login {name}");
            res.headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find_map(|c| c.strip_prefix("ol_session="))
                .map(|v| v.split(';').next().unwrap_or("").to_string())
                .expect("session cookie")
        });
        sessions.extend(futures_util::future::join_all(logins).await);
    }
    sessions
}

fn checkout_body(key: &str) -> String {
    common::form_body(&[
        ("store", "demo"),
        ("key", key),
        ("recipient", "压测"),
        ("phone", "13600000000"),
        ("address", "上海市浦东新区世纪大道 100 号"),
        ("note", ""),
    ])
}

/// One client: add a hot SKU, check out, again, until `until` or until the
/// server stops answering. Returns every checkout key with its outcome and
/// the checkouts' latencies.
async fn run_client(
    c: usize,
    client: HttpClient,
    base: String,
    session: String,
    until: Instant,
) -> (Vec<(String, Outcome)>, Vec<Duration>) {
    let mut outcomes = Vec::new();
    let mut latencies = Vec::new();
    let mut n = 0u64;
    while Instant::now() < until {
        n += 1;
        let sku = HOT_SKUS[(c + n as usize) % HOT_SKUS.len()];
        let qty = 1 + (n % 3) as i64;
        let add = common::form_body(&[
            ("store", "demo"),
            ("sku_id", &sku.to_string()),
            ("quantity", &qty.to_string()),
        ]);
        match send(
            &client,
            &base,
            Method::POST,
            "/api/set_cart_line",
            &add,
            Some(&session),
        )
        .await
        {
            Ok((200, _)) => {}
            // Out of stock already: the cart refuses the line; try another SKU.
            Ok((409 | 400, _)) => continue,
            Ok((status, body)) => panic!("adding: {status} {body}"),
            Err(_) => break,
        }
        let key = format!("bench-{c}-{n}");
        let started = Instant::now();
        let answer = send(
            &client,
            &base,
            Method::POST,
            "/api/checkout",
            &checkout_body(&key),
            Some(&session),
        )
        .await;
        match answer {
            Ok((200, body)) => {
                latencies.push(started.elapsed());
                let id = serde_json::from_str::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| v["id"].as_i64())
                    .expect("order id");
                outcomes.push((key, Outcome::Placed(id)));
            }
            Ok((409, _)) => {
                latencies.push(started.elapsed());
                outcomes.push((key, Outcome::Refused));
                // The cart keeps a refused line: take it out for the next round.
                let drop = common::form_body(&[
                    ("store", "demo"),
                    ("sku_id", &sku.to_string()),
                    ("quantity", "0"),
                ]);
                if send(
                    &client,
                    &base,
                    Method::POST,
                    "/api/set_cart_line",
                    &drop,
                    Some(&session),
                )
                .await
                .is_err()
                {
                    break;
                }
            }
            Ok((status, body)) => panic!("checkout: {status} {body}"),
            Err(_) => {
                outcomes.push((key, Outcome::Lost));
                break;
            }
        }
    }
    (outcomes, latencies)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// The database's side of the story; every broken rule is a line.
async fn check(db: &app::db::Pool, acked: &HashMap<String, i64>) -> Vec<String> {
    let mut problems = Vec::new();
    let stored: Vec<(i64, String)> = sqlx::query_as("SELECT id, idempotency_key FROM orders")
        .fetch_all(db)
        .await
        .expect("orders");
    let mut by_key: HashMap<&str, Vec<i64>> = HashMap::new();
    for (id, key) in &stored {
        by_key.entry(key.as_str()).or_default().push(*id);
    }
    for (key, id) in acked {
        match by_key.get(key.as_str()) {
            Some(ids) if ids == &vec![*id] => {}
            Some(ids) => problems.push(format!("{key}: acknowledged as {id}, stored as {ids:?}")),
            None => problems.push(format!("{key}: acknowledged as {id}, not stored")),
        }
    }
    for (key, ids) in &by_key {
        if !acked.contains_key(*key) {
            problems.push(format!("{key}: stored as {ids:?} but never acknowledged"));
        }
    }
    let negative: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM skus WHERE stock < 0 OR reserved < 0 OR reserved > stock",
    )
    .fetch_one(db)
    .await
    .expect("stock");
    if negative > 0 {
        problems.push(format!("{negative} SKUs with negative or oversold stock"));
    }
    let mismatched: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM skus s WHERE s.reserved <> (
             SELECT CAST(COALESCE(SUM(l.quantity), 0) AS BIGINT) FROM order_lines l
             JOIN orders o ON o.id = l.order_id
             WHERE l.sku_id = s.id AND o.status IN ('submitted', 'confirmed'))",
    )
    .fetch_one(db)
    .await
    .expect("reserved");
    if mismatched > 0 {
        problems.push(format!(
            "{mismatched} SKUs whose reserved stock is not what open orders hold"
        ));
    }
    problems
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let kill = std::env::args().any(|a| a == "--kill");
    sqlx::any::install_default_drivers();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = common::fresh_database(dir.path()).await;
    let mut server = start_server(&url, dir.path()).await;
    let db = server::open_database(&url, 2).await.expect("database");
    let names = prepare(&db).await;
    let client: HttpClient = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(CLIENTS)
        .build_http();
    let sessions = log_in(&client, &server.base, &names).await;
    let database = if url.starts_with("sqlite") {
        "SQLite"
    } else {
        "PostgreSQL"
    };
    println!(
        "{database}, {CLIENTS} ordering accounts, hot SKUs {HOT_SKUS:?}, {}",
        if kill { "SIGKILL halfway" } else { "no faults" }
    );

    let started = Instant::now();
    let until = started + MEASURE;
    let tasks: Vec<_> = sessions
        .into_iter()
        .enumerate()
        .map(|(c, s)| tokio::spawn(run_client(c, client.clone(), server.base.clone(), s, until)))
        .collect();
    if kill {
        tokio::time::sleep(MEASURE / 2).await;
        server.child.kill().expect("SIGKILL");
        let _ = server.child.wait();
        println!(
            "killed the server after {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let mut outcomes = Vec::new();
    let mut latencies = Vec::new();
    for t in tasks {
        let (o, l) = t.await.expect("client");
        outcomes.extend(o);
        latencies.extend(l);
    }
    let elapsed = if kill { MEASURE / 2 } else { started.elapsed() };
    let mut acked: HashMap<String, i64> = HashMap::new();
    let mut lost = Vec::new();
    let mut refused = 0;
    for (key, o) in &outcomes {
        match o {
            Outcome::Placed(id) => {
                acked.insert(key.clone(), *id);
            }
            Outcome::Refused => refused += 1,
            Outcome::Lost => lost.push(key.clone()),
        }
    }
    latencies.sort();
    let rate = acked.len() as f64 / elapsed.as_secs_f64();
    println!(
        "{} orders in {:.1} s: {rate:.0} orders/s; checkout p50 {:.1} ms, p99 {:.1} ms; {refused} refused (stock), {} answers lost",
        acked.len(),
        elapsed.as_secs_f64(),
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        lost.len()
    );

    if kill {
        // The same keys again, on a new server over the same database: an
        // order that was saved answers as itself, one that was not is placed.
        let acked_before = acked.clone();
        server = start_server(&url, dir.path()).await;
        let sessions = log_in(&client, &server.base, &names).await;
        for key in &lost {
            let c: usize = key
                .split('-')
                .nth(1)
                .and_then(|c| c.parse().ok())
                .expect("client");
            let (status, body) = send(
                &client,
                &server.base,
                Method::POST,
                "/api/checkout",
                &checkout_body(key),
                Some(&sessions[c]),
            )
            .await
            .expect("retry");
            match status {
                200 => {
                    let id = serde_json::from_str::<serde_json::Value>(&body)
                        .ok()
                        .and_then(|v| v["id"].as_i64())
                        .expect("id");
                    acked.insert(key.clone(), id);
                }
                // The cart line never got in, or stock ran out: no order.
                400 | 409 => {}
                _ => panic!("retry {key}: {status} {body}"),
            }
        }
        let kept = acked_before
            .iter()
            .filter(|(k, id)| acked.get(*k) == Some(id))
            .count();
        println!(
            "after restart: {kept} of {} acknowledged orders kept; {} lost answers resent",
            acked_before.len(),
            lost.len()
        );
    }

    let problems = check(&db, &acked).await;
    let _ = server.child.kill();
    let _ = server.child.wait();
    for p in problems.iter().take(20) {
        println!("PROBLEM: {p}");
    }
    if !problems.is_empty() {
        println!("FAIL: {} problems in the database", problems.len());
        std::process::exit(1);
    }
    println!("database checked: every acknowledged order stored once, nothing else, no oversell, reserved = open orders");
    if !kill && rate < BUDGET_ORDERS_PER_SEC {
        println!("OVER BUDGET: {rate:.0} orders/s, budget {BUDGET_ORDERS_PER_SEC:.0}");
        std::process::exit(1);
    }
}
