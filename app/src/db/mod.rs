//! (ssr) Queries and transactions over sqlx, one SQL text for SQLite and
//! PostgreSQL: `$n` placeholders, integer ids, money (fen) and timestamps
//! (unix seconds), `RETURNING`, `ON CONFLICT`, `TRUE`/`FALSE`, `lower(..)
//! LIKE` for case-insensitive search (the store's catalogue search, a hot
//! path, through `Dialect::case_folded`), `CAST(SUM(..) AS BIGINT)` (PostgreSQL
//! sums integers as NUMERIC, which the `Any` driver cannot decode).

pub mod accounts;
pub mod addresses;
pub mod audit;
pub mod auth;
pub mod branding;
pub mod cart;
pub mod catalogue;
pub mod catalogue_admin;
pub mod enterprises;
pub mod entry;
pub mod layouts;
pub mod limits;
pub mod lite;
pub mod ordering_accounts;
pub mod orders;
pub mod prices;
pub mod registration;
pub mod roles;
pub mod seed;
pub mod settings;
pub mod staff;
pub mod teams;
pub mod tenants;
pub mod wechat;

/// Every query goes through sqlx's `Any` driver, so one code path serves
/// SQLite and PostgreSQL: SQL is written once in the dialect both speak, and
/// the few differences (how a writing transaction starts, migrations) are
/// chosen by `Dialect` here. A per-dialect layer would have meant every query
/// twice for no gain: the schema is plain integers and text.
pub type Pool = sqlx::AnyPool;
pub type Conn = sqlx::AnyConnection;
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The dialect a `DATABASE_URL` names, if this server speaks it.
    pub fn of_url(url: &str) -> Option<Dialect> {
        let scheme = url.split_once(':').map(|(s, _)| s)?;
        match scheme {
            "sqlite" => Some(Dialect::Sqlite),
            "postgres" | "postgresql" => Some(Dialect::Postgres),
            _ => None,
        }
    }

    pub fn of(pool: &Pool) -> Dialect {
        Dialect::of_url(pool.connect_options().database_url.as_str()).unwrap_or(Dialect::Sqlite)
    }

    /// The dialect of a connection the caller holds.
    pub fn of_conn(conn: &Conn) -> Dialect {
        match conn.backend_name() {
            "PostgreSQL" => Dialect::Postgres,
            _ => Dialect::Sqlite,
        }
    }

    /// `column` as compared with `LIKE lower(pattern)` to ignore case. SQLite's
    /// LIKE already ignores ASCII case and its lower() folds nothing else, so
    /// there the column is compared as it is: lower() on every row made a
    /// catalogue search's scan twice as long. PostgreSQL's LIKE minds case.
    pub fn case_folded(self, column: &str) -> String {
        match self {
            Dialect::Sqlite => column.to_string(),
            Dialect::Postgres => format!("lower({column})"),
        }
    }

    /// An aggregate joining an integer `column` of the matched rows into one
    /// comma-separated text (NULL for none), in no promised order.
    pub fn comma_joined(self, column: &str) -> String {
        match self {
            Dialect::Sqlite => format!("group_concat({column}, ',')"),
            Dialect::Postgres => format!("string_agg({column}::text, ',')"),
        }
    }

    pub fn migrator(self) -> &'static sqlx::migrate::Migrator {
        match self {
            Dialect::Sqlite => &SQLITE_MIGRATOR,
            Dialect::Postgres => &POSTGRES_MIGRATOR,
        }
    }
}

/// The key of the PostgreSQL advisory lock every writing transaction takes.
const WRITE_LOCK: i64 = 0x4f72_6465_724c_6e6b; // "OrderLnk"

/// Starts a transaction that will write, holding the database's write lock
/// until it ends, so a transaction that reads and then writes sees nothing
/// change in between, on both databases.
///
/// SQLite: plain `BEGIN` is deferred, and a transaction that reads and then
/// writes fails with "database is locked" when another writer got in between
/// (the busy timeout cannot help an upgrade from reading to writing). `BEGIN
/// IMMEDIATE` takes the write lock first, so writers wait their turn.
///
/// PostgreSQL: its default isolation (read committed) would let two such
/// transactions interleave. One transaction-scoped advisory lock gives them
/// SQLite's order: one writing transaction at a time across every app
/// server, while reads and single-statement writes (claims, upserts) run
/// freely. Our transactions are a few short statements, so the queue stays
/// short; a per-store key is the next step if it ever is not.
pub async fn begin(pool: &Pool) -> Result<Tx, sqlx::Error> {
    match Dialect::of(pool) {
        Dialect::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await,
        Dialect::Postgres => {
            let mut tx = pool.begin().await?;
            // Selecting the void result itself would not decode; `1` does.
            sqlx::query("SELECT 1 FROM pg_advisory_xact_lock($1)")
                .bind(WRITE_LOCK)
                .execute(&mut *tx)
                .await?;
            Ok(tx)
        }
    }
}

pub use crate::domain::Flag;

/// SQL put together piece by piece, for the few queries whose shape depends
/// on the request (filters, `IN` lists). Each bound value gets the next `$n`,
/// which both databases read: sqlx's `QueryBuilder` writes `?` through the
/// `Any` driver, which PostgreSQL rejects.
pub struct Sql<'q> {
    text: String,
    args: sqlx::any::AnyArguments<'q>,
    bad_value: Option<sqlx::error::BoxDynError>,
}

impl<'q> Sql<'q> {
    pub fn new(text: &str) -> Sql<'q> {
        Sql {
            text: text.to_string(),
            args: Default::default(),
            bad_value: None,
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Binds `value` and writes its placeholder.
    pub fn bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'q + sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        use sqlx::Arguments;
        if let Err(e) = self.args.add(value) {
            self.bad_value.get_or_insert(e);
        }
        self.text.push('$');
        self.text.push_str(&self.args.len().to_string());
        self
    }

    /// The text and its arguments, for `sqlx::query_as_with` and friends.
    pub fn finish(self) -> Result<(String, sqlx::any::AnyArguments<'q>), sqlx::Error> {
        match self.bad_value {
            Some(e) => Err(sqlx::Error::Encode(e)),
            None => Ok((self.text, self.args)),
        }
    }
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

pub static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
pub static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern(" 水 "), "%水%");
        assert_eq!(like_pattern("100%_a\\"), "%100\\%\\_a\\\\%");
    }
}
