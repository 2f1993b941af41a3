//! (ssr) Store sessions, SMS codes and password checks.

use crate::domain::credentials::CODE_LEN;
use crate::error::AppError;
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;
use sqlx::SqlitePool;

pub const SESSION_TTL_SECS: i64 = 30 * 24 * 3600;
pub const CODE_TTL_SECS: i64 = 5 * 60;
pub const CODE_MAX_ATTEMPTS: i64 = 5;
pub const PASSWORD_MAX_FAILURES: i64 = 5;
pub const PASSWORD_LOCK_SECS: i64 = 15 * 60;

/// Keyed hash of a secret value (session token, SMS code) as hex.
pub fn keyed_hash(secret: &[u8], value: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(value.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::thread_rng().gen();
    hex::encode(bytes)
}

fn random_code() -> String {
    let n: u32 = rand::thread_rng().gen_range(0..1_000_000);
    format!("{n:0width$}", width = CODE_LEN)
}

// ---------- sessions ----------

/// Starts a session and returns the raw token for the cookie. The caller has
/// already removed the session the browser came with (rotation at login).
pub async fn create_session(
    pool: &SqlitePool,
    secret: &[u8],
    user_id: i64,
    tenant_id: i64,
) -> Result<String, AppError> {
    let token = random_token();
    let now = crate::db::now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, store_user_id, tenant_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(keyed_hash(secret, &token))
    .bind(user_id)
    .bind(tenant_id)
    .bind(now)
    .bind(now + SESSION_TTL_SECS)
    .execute(pool)
    .await?;
    Ok(token)
}

pub async fn delete_session(pool: &SqlitePool, secret: &[u8], token: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(keyed_hash(secret, token))
        .execute(pool)
        .await?;
    Ok(())
}

/// The logged-in ordering account behind a session, as pricing and the account page need it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionUser {
    pub user_id: i64,
    pub tenant_id: i64,
    pub contact_name: String,
    pub phone: String,
    pub account_name: String,
    pub account_price_list_id: Option<i64>,
    pub price_list_name: Option<String>,
    /// The user's role grants `store.prices.view`.
    pub can_see_prices: bool,
}

/// Resolves a session token for one store. A disabled user, an expired session
/// or a session of another store resolves to nobody.
pub async fn session_user(
    pool: &SqlitePool,
    secret: &[u8],
    token: &str,
    tenant_id: i64,
) -> Result<Option<SessionUser>, AppError> {
    Ok(sqlx::query_as::<_, SessionUser>(
        "SELECT u.id AS user_id, u.tenant_id, c.name AS contact_name, u.phone,
                a.name AS account_name, a.price_list_id AS account_price_list_id,
                pl.name AS price_list_name,
                EXISTS (SELECT 1 FROM role_permissions rp
                        WHERE rp.role_id = u.role_id AND rp.permission = 'store.prices.view') AS can_see_prices
         FROM sessions s
         JOIN store_users u ON u.id = s.store_user_id
         JOIN contacts c ON c.id = u.contact_id
         JOIN enterprises e ON e.id = u.enterprise_id
         JOIN accounts a ON a.id = e.account_id
         LEFT JOIN price_lists pl ON pl.id = a.price_list_id
         WHERE s.token_hash = $1 AND s.tenant_id = $2 AND s.expires_at > $3
           AND u.disabled = FALSE",
    )
    .bind(keyed_hash(secret, token))
    .bind(tenant_id)
    .bind(crate::db::now())
    .fetch_optional(pool)
    .await?)
}

// ---------- SMS codes ----------

/// A code that is stored and about to be sent.
pub struct IssuedCode {
    pub id: i64,
    pub code: String,
}

/// Issues a fresh code for a phone in a store, enforcing the resend throttle
/// and the per-IP hourly limit. Returns the code so the caller can send it.
pub async fn issue_code(
    pool: &SqlitePool,
    secret: &[u8],
    tenant_id: i64,
    phone: &str,
    ip: &str,
    per_ip_per_hour: i64,
    resend_after_secs: i64,
) -> Result<IssuedCode, AppError> {
    let now = crate::db::now();
    let last: Option<i64> = sqlx::query_scalar(
        "SELECT created_at FROM sms_codes WHERE tenant_id = $1 AND phone = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(tenant_id)
    .bind(phone)
    .fetch_optional(pool)
    .await?;
    if let Some(last) = last {
        let wait = last + resend_after_secs - now;
        if wait > 0 {
            return Err(AppError::SmsThrottled {
                retry_after_secs: wait as u32,
            });
        }
    }
    let from_ip: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sms_codes WHERE ip = $1 AND created_at > $2")
            .bind(ip)
            .bind(now - 3600)
            .fetch_one(pool)
            .await?;
    if from_ip >= per_ip_per_hour {
        return Err(AppError::SmsIpLimited);
    }
    let code = random_code();
    let id = sqlx::query_scalar(
        "INSERT INTO sms_codes (tenant_id, phone, code_hash, ip, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(tenant_id)
    .bind(phone)
    .bind(keyed_hash(secret, &format!("{phone}:{code}")))
    .bind(ip)
    .bind(now)
    .bind(now + CODE_TTL_SECS)
    .fetch_one(pool)
    .await?;
    Ok(IssuedCode { id, code })
}

/// Takes back a code that could not be sent, so it neither throttles the next
/// request nor counts against the address.
pub async fn withdraw_code(pool: &SqlitePool, id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sms_codes WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct CodeRow {
    id: i64,
    code_hash: String,
    expires_at: i64,
    attempts: i64,
    used: bool,
}

/// Checks a code against the newest one issued for the phone. A code works once;
/// each wrong guess is counted atomically, so parallel guesses cannot exceed the limit.
pub async fn verify_code(
    pool: &SqlitePool,
    secret: &[u8],
    tenant_id: i64,
    phone: &str,
    code: &str,
) -> Result<(), AppError> {
    let row: CodeRow = sqlx::query_as(
        "SELECT id, code_hash, expires_at, attempts, used FROM sms_codes
         WHERE tenant_id = $1 AND phone = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(tenant_id)
    .bind(phone)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::CodeNotRequested)?;

    if row.used {
        return Err(AppError::CodeNotRequested);
    }
    if row.attempts >= CODE_MAX_ATTEMPTS {
        return Err(AppError::CodeTooManyAttempts);
    }
    if crate::db::now() >= row.expires_at {
        return Err(AppError::CodeExpired);
    }
    if keyed_hash(secret, &format!("{phone}:{code}")) != row.code_hash {
        let attempts: Option<i64> = sqlx::query_scalar(
            "UPDATE sms_codes SET attempts = attempts + 1 WHERE id = $1 AND attempts < $2 RETURNING attempts",
        )
        .bind(row.id)
        .bind(CODE_MAX_ATTEMPTS)
        .fetch_optional(pool)
        .await?;
        return match attempts {
            Some(a) if a < CODE_MAX_ATTEMPTS => Err(AppError::CodeWrong {
                attempts_left: (CODE_MAX_ATTEMPTS - a) as u32,
            }),
            _ => Err(AppError::CodeTooManyAttempts),
        };
    }
    let claimed = sqlx::query("UPDATE sms_codes SET used = TRUE WHERE id = $1 AND used = FALSE")
        .bind(row.id)
        .execute(pool)
        .await?;
    if claimed.rows_affected() == 1 {
        Ok(())
    } else {
        Err(AppError::CodeNotRequested)
    }
}

// ---------- ordering accounts ----------

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LoginUser {
    pub id: i64,
    pub disabled: bool,
    pub password_hash: Option<String>,
    pub locked_until: i64,
}

pub async fn user_by_phone(
    pool: &SqlitePool,
    tenant_id: i64,
    phone: &str,
) -> Result<Option<LoginUser>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, disabled, password_hash, locked_until FROM store_users WHERE tenant_id = $1 AND phone = $2",
    )
    .bind(tenant_id)
    .bind(phone)
    .fetch_optional(pool)
    .await?)
}

pub async fn user_by_login(
    pool: &SqlitePool,
    tenant_id: i64,
    login: &str,
) -> Result<Option<LoginUser>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, disabled, password_hash, locked_until FROM store_users WHERE tenant_id = $1 AND login_name = $2",
    )
    .bind(tenant_id)
    .bind(login)
    .fetch_optional(pool)
    .await?)
}

/// Whose password is being checked: lockout applies to both kinds of login.
#[derive(Clone, Copy, Debug)]
pub enum Login {
    StoreUser(i64),
    Staff(i64),
}

impl Login {
    fn table_and_id(self) -> (&'static str, i64) {
        match self {
            Login::StoreUser(id) => ("store_users", id),
            Login::Staff(id) => ("staff", id),
        }
    }
}

/// Counts a failed password and locks the login for a while after too many.
pub async fn record_password_failure(pool: &SqlitePool, login: Login) -> Result<(), AppError> {
    let now = crate::db::now();
    let (table, user_id) = login.table_and_id();
    sqlx::query(&format!(
        "UPDATE {table} SET
            failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
            locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
         WHERE id = $1"
    ))
    .bind(user_id)
    .bind(PASSWORD_MAX_FAILURES)
    .bind(now + PASSWORD_LOCK_SECS)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn clear_password_failures(pool: &SqlitePool, login: Login) -> Result<(), AppError> {
    let (table, user_id) = login.table_and_id();
    sqlx::query(&format!(
        "UPDATE {table} SET failed_logins = 0 WHERE id = $1"
    ))
    .bind(user_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Someone found by their login name, as the password check needs them.
pub struct Candidate {
    pub login: Login,
    pub password_hash: Option<String>,
    pub disabled: bool,
    pub locked_until: i64,
}

/// The password check both logins share: lockout, Argon2id off the async
/// threads (and against a dummy hash when nobody was found, so an unknown
/// name takes as long), failure counting, then the disabled flag, which is
/// only revealed to someone who knew the password.
/// Returns the id of whoever logged in.
pub async fn authenticate(
    pool: &SqlitePool,
    candidate: Option<Candidate>,
    password: String,
) -> Result<i64, AppError> {
    if candidate
        .as_ref()
        .is_some_and(|c| c.locked_until > crate::db::now())
    {
        return Err(AppError::LoginLocked);
    }
    let stored = candidate.as_ref().and_then(|c| c.password_hash.clone());
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, stored.as_deref()))
        .await
        .map_err(|_| AppError::Internal)?;
    let Some(candidate) = candidate else {
        return Err(AppError::BadCredentials);
    };
    if !ok {
        record_password_failure(pool, candidate.login).await?;
        return Err(AppError::BadCredentials);
    }
    if candidate.disabled {
        return Err(AppError::AccountDisabled);
    }
    clear_password_failures(pool, candidate.login).await?;
    Ok(candidate.login.table_and_id().1)
}

// ---------- passwords (Argon2id) ----------

pub fn hash_password(password: &str) -> Result<String, AppError> {
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            AppError::Internal
        })
}

/// A hash to verify against when the login name is unknown, so a missing
/// account takes as long to refuse as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("orderlink-dummy").unwrap_or_default())
}

pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    let Ok(parsed) = PasswordHash::new(stored.unwrap_or_else(|| dummy_hash())) else {
        return false;
    };
    let ok = argon2::Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    stored.is_some() && ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argon2id_round_trip() {
        let h = hash_password("s3cret-pass").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("s3cret-pass", Some(&h)));
        assert!(!verify_password("wrong", Some(&h)));
        assert!(!verify_password("s3cret-pass", None));
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..100 {
            let c = random_code();
            assert_eq!(c.len(), 6);
            assert!(c.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn keyed_hash_depends_on_secret() {
        assert_ne!(keyed_hash(b"a", "x"), keyed_hash(b"b", "x"));
        assert_eq!(keyed_hash(b"a", "x"), keyed_hash(b"a", "x"));
    }
}
