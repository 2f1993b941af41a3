//! (ssr) Queries and transactions over sqlx. SQL is kept portable to
//! PostgreSQL: `$n` placeholders, integer ids/money/timestamps, `RETURNING`.

pub mod accounts;
pub mod auth;
pub mod catalogue;
pub mod ordering_accounts;
pub mod prices;
pub mod seed;
pub mod staff;
pub mod tenants;

use sqlx::SqlitePool;

pub type Pool = SqlitePool;

/// Unix seconds; every timestamp in the schema uses it.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
