//! (ssr) Rate limits kept in the database, so every request and every app
//! server counts against one number. A claim checks and counts in a single
//! statement: parallel requests cannot slip between a read and a write.
//!
//! Each limit is a fixed window per key: at most `max` claims from the first
//! claim until `window_secs` later. A granted claim can be handed back
//! (`refund`) when the thing it paid for did not happen (an SMS that could not
//! be sent, a password that was right).

use crate::error::AppError;
use sqlx::AnyConnection;

/// One limit: a counter key, its window and how many claims a window allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limit {
    pub key: String,
    pub window_secs: i64,
    pub max: i64,
}

impl Limit {
    pub fn new(key: String, window_secs: i64, max: i64) -> Limit {
        Limit {
            key,
            window_secs,
            max,
        }
    }
}

/// A granted claim: which window it counted in, for a refund.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub key: String,
    pub window_start: i64,
}

/// Counts one use of `limit` if the window has room. `Ok(Err(secs))` is a
/// refusal, with the seconds until the window ends.
pub async fn claim(
    conn: &mut AnyConnection,
    limit: &Limit,
) -> Result<Result<Claim, u32>, AppError> {
    let now = crate::db::now();
    // The update's WHERE leaves a full, unexpired window untouched, and then
    // RETURNING yields no row: that is the refusal.
    let granted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO rate_limits (key, window_start, used) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
             window_start = CASE WHEN rate_limits.window_start + $3 <= $2
                                 THEN $2 ELSE rate_limits.window_start END,
             used = CASE WHEN rate_limits.window_start + $3 <= $2
                         THEN 1 ELSE rate_limits.used + 1 END
         WHERE rate_limits.window_start + $3 <= $2 OR rate_limits.used < $4
         RETURNING window_start",
    )
    .bind(&limit.key)
    .bind(now)
    .bind(limit.window_secs)
    .bind(limit.max)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(window_start) = granted {
        return Ok(Ok(Claim {
            key: limit.key.clone(),
            window_start,
        }));
    }
    // Only for the message: how long until the window ends.
    let window_start: i64 =
        sqlx::query_scalar("SELECT window_start FROM rate_limits WHERE key = $1")
            .bind(&limit.key)
            .fetch_optional(&mut *conn)
            .await?
            .unwrap_or(now);
    let wait = (window_start + limit.window_secs - now).max(1);
    Ok(Err(u32::try_from(wait).unwrap_or(u32::MAX)))
}

/// Claims every limit or none: on the first refusal the caller drops the
/// transaction, which takes back the claims already made in it.
pub async fn claim_all(
    conn: &mut AnyConnection,
    limits: &[Limit],
) -> Result<Result<Vec<Claim>, Refused>, AppError> {
    let mut claims = Vec::with_capacity(limits.len());
    for (index, limit) in limits.iter().enumerate() {
        match claim(conn, limit).await? {
            Ok(c) => claims.push(c),
            Err(retry_after_secs) => {
                return Ok(Err(Refused {
                    index,
                    retry_after_secs,
                }))
            }
        }
    }
    Ok(Ok(claims))
}

/// Which limit of a [`claim_all`] refused, and for how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused {
    pub index: usize,
    pub retry_after_secs: u32,
}

/// Hands granted claims back. A claim whose window has since ended is left
/// alone: the new window never counted it.
pub async fn refund(conn: &mut AnyConnection, claims: &[Claim]) -> Result<(), AppError> {
    for c in claims {
        sqlx::query(
            "UPDATE rate_limits SET used = used - 1 WHERE key = $1 AND window_start = $2 AND used > 0",
        )
        .bind(&c.key)
        .bind(c.window_start)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Forgets windows that ended long ago; called now and then, not per request.
pub async fn prune(conn: &mut AnyConnection, older_than_secs: i64) -> Result<u64, AppError> {
    let done = sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(crate::db::now() - older_than_secs)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}
