//! (ssr) Queries and transactions over sqlx. SQL is kept portable to
//! PostgreSQL: `$n` placeholders, integer ids/money/timestamps, `RETURNING`.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod catalogue_admin;
pub mod enterprises;
pub mod layouts;
pub mod limits;
pub mod ordering_accounts;
pub mod prices;
pub mod registration;
pub mod roles;
pub mod seed;
pub mod settings;
pub mod staff;
pub mod tenants;

use sqlx::SqlitePool;

pub type Pool = SqlitePool;

/// Starts a transaction that will write. SQLite's plain `BEGIN` is deferred:
/// a transaction that reads and then writes fails with "database is locked"
/// when another writer got in between (the busy timeout cannot help an
/// upgrade from reading to writing). `BEGIN IMMEDIATE` takes the write lock
/// first, so concurrent writers wait their turn instead of failing.
pub async fn begin(pool: &Pool) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Unix seconds; every timestamp in the schema uses it.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// An update or delete that touched no row of this brand means the id was
/// not theirs (or does not exist): "not found", whichever it was.
pub fn found(rows_affected: u64) -> Result<(), crate::error::AppError> {
    if rows_affected == 0 {
        Err(crate::error::AppError::NotFound)
    } else {
        Ok(())
    }
}

/// A LIKE pattern matching `search` anywhere, with its wildcards escaped, so a
/// search for "100%" means the text "100%". Use with `ESCAPE '\\'`.
pub fn like_pattern(search: &str) -> String {
    let mut p = String::with_capacity(search.len() + 2);
    p.push('%');
    for c in search.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern(" 水 "), "%水%");
        assert_eq!(like_pattern("100%_a\\"), "%100\\%\\_a\\\\%");
    }
}
