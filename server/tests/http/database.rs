//! The two databases: one schema in two dialects, an existing SQLite
//! database carried over, and search that ignores case on both.

use crate::common::{test_postgres, TestApp};
use crate::registration::ADMIN;
use sqlx::{Connection, Executor};
use std::collections::BTreeSet;

/// (table, column, kind, not null) of every column, with both dialects' types
/// named alike: SQLite's yes/no columns are INTEGER, PostgreSQL's BOOLEAN.
type Columns = BTreeSet<(String, String, String, bool)>;

fn kind(declared: &str) -> String {
    match declared.to_ascii_lowercase().as_str() {
        "integer" | "bigint" | "boolean" => "number or flag",
        "text" => "text",
        other => return other.to_string(),
    }
    .to_string()
}

async fn sqlite_columns() -> (Columns, BTreeSet<String>) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("schema.db").display());
    let pool = server::open_database(&url, 1).await.unwrap();
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT m.name, p.name, p.type, p.\"notnull\" + p.pk FROM sqlite_schema m, pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let indexes: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let columns = rows
        .into_iter()
        // A primary key is NOT NULL in PostgreSQL whether declared or not;
        // SQLite lets a TEXT key be NULL unless told (its old quirk).
        .map(|(t, c, ty, not_null_or_key)| (t, c, kind(&ty), not_null_or_key != 0))
        .collect();
    (columns, indexes.into_iter().collect())
}

async fn postgres_columns(base: &str) -> (Columns, BTreeSet<String>) {
    let name = crate::common::new_postgres_database(base).await;
    let pool = server::open_database(&format!("{base}/{name}"), 1)
        .await
        .unwrap();
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text
         FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    // Named indexes only: PostgreSQL names those behind keys and UNIQUE itself.
    let indexes: Vec<String> = sqlx::query_scalar(
        "SELECT i.indexname::text FROM pg_indexes i
         WHERE i.schemaname = 'public'
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let columns = rows
        .into_iter()
        .map(|(t, c, ty, nullable)| (t, c, kind(&ty), nullable == "NO"))
        .collect();
    (columns, indexes.into_iter().collect())
}

#[tokio::test]
async fn both_dialects_describe_the_same_schema() {
    let Some(base) = test_postgres() else {
        eprintln!("skipped: compares with PostgreSQL, which this run does not have");
        return;
    };
    let (sqlite, sqlite_indexes) = sqlite_columns().await;
    let (postgres, postgres_indexes) = postgres_columns(&base).await;
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "only in SQLite: {only_sqlite:#?}\nonly in PostgreSQL: {only_postgres:#?}"
    );
    assert!(sqlite.len() > 80, "{} columns", sqlite.len());
    assert_eq!(sqlite_indexes, postgres_indexes);
}

/// The migrations up to 0008, as a database made before PostgreSQL support has them.
async fn sqlite_before_postgres(dir: &std::path::Path) -> String {
    let all = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations/sqlite");
    let old = dir.join("migrations");
    std::fs::create_dir_all(&old).unwrap();
    for entry in std::fs::read_dir(&all).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        if file.as_str() < "0009" {
            std::fs::copy(&path, old.join(&file)).unwrap();
        }
    }
    let url = format!("sqlite://{}?mode=rwc", dir.join("old.db").display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::migrate::Migrator::new(old.as_path())
        .await
        .unwrap()
        .run(&mut conn)
        .await
        .unwrap();
    conn.execute(
        "INSERT INTO tenants (slug, name, created_at, guest_mode, registration_enabled) VALUES ('old', 'Old Brand', 1, TRUE, FALSE);
         INSERT INTO products (tenant_id, name, unit, on_shelf, created_at) VALUES (1, 'Kept', 'box', FALSE, 1);",
    )
    .await
    .unwrap();
    conn.close().await.unwrap();
    url
}

#[tokio::test]
async fn a_sqlite_database_from_before_postgres_support_keeps_its_data_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_before_postgres(dir.path()).await;

    let pool = server::open_database(&url, 2).await.unwrap();
    let store = app::db::tenants::by_slug(&pool, "old").await.unwrap();
    assert!(store.guest_mode);
    assert!(!store.registration_enabled);
    assert!(store.registration_approval, "the column's default");
    let (name, on_shelf): (String, app::db::Flag) =
        sqlx::query_as("SELECT name, on_shelf FROM products")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((name.as_str(), bool::from(on_shelf)), ("Kept", false));
    let booleans: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_schema m, pragma_table_info(m.name) p
         WHERE m.type = 'table' AND upper(p.type) = 'BOOLEAN'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(booleans, 0);
}

#[tokio::test]
async fn catalogue_search_ignores_case() {
    let app = TestApp::start().await;
    let admin = app.console_token(ADMIN.0, ADMIN.1).await;
    let saved = app
        .console_call(
            "console/save_product",
            &[
                ("name", "Sparkling Water 气泡水"),
                ("description", ""),
                ("category_id", ""),
                ("unit", "箱"),
                ("moq", "1"),
            ],
            &admin,
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    for q in ["sparkling", "SPARKLING WATER", "Water 气泡"] {
        let found = app
            .console_call("console/products", &[("q", q), ("page", "1")], &admin)
            .await;
        assert_eq!(found.json()["total"], 1, "{q}: {}", found.body);
    }
}
