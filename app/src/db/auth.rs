//! (ssr) Store sessions, SMS codes and password checks.

use crate::db::limits::{claim_all, refund, Claim, Limit};
use crate::domain::credentials::CODE_LEN;
use crate::error::AppError;
use crate::error::LoginError;
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;
use sqlx::{AnyConnection, AnyPool};

pub const SESSION_TTL_SECS: i64 = 30 * 24 * 3600;
pub const CODE_TTL_SECS: i64 = 5 * 60;
pub const CODE_MAX_ATTEMPTS: i64 = 5;

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
    pool: &AnyPool,
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

pub async fn delete_session(pool: &AnyPool, secret: &[u8], token: &str) -> Result<(), AppError> {
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
    #[sqlx(try_from = "crate::domain::Flag")]
    pub can_see_prices: bool,
    /// The user may place orders: their role grants `store.orders.place`
    /// and, in a tenant-enabled enterprise, they are a liaison or its admin
    /// (`domain::teams::may_order`, applied by [`session_user`]).
    #[sqlx(skip)]
    pub can_place_orders: bool,
    /// The user's role grants `store.orders.place`.
    #[sqlx(try_from = "crate::domain::Flag")]
    pub role_places_orders: bool,
    /// The user is the distributor admin of their tenant-enabled enterprise.
    #[sqlx(try_from = "crate::domain::Flag")]
    pub manages_team: bool,
    #[sqlx(try_from = "crate::domain::Flag")]
    pub is_liaison: bool,
    #[sqlx(try_from = "crate::domain::Flag")]
    pub has_tenant: bool,
    /// The user's role grants `store.orders.view_own` ("view own
    /// enterprise's orders"): they see their colleagues' orders too.
    #[sqlx(try_from = "crate::domain::Flag")]
    pub can_see_enterprise_orders: bool,
    pub enterprise_id: i64,
}

/// Resolves a session token for one store. A disabled user, an expired session
/// or a session of another store resolves to nobody.
pub async fn session_user(
    conn: &mut AnyConnection,
    secret: &[u8],
    token: &str,
    tenant_id: i64,
) -> Result<Option<SessionUser>, AppError> {
    let user = sqlx::query_as::<_, SessionUser>(
        "SELECT u.id AS user_id, u.tenant_id, c.name AS contact_name, u.phone,
                a.name AS account_name, a.price_list_id AS account_price_list_id,
                pl.name AS price_list_name,
                EXISTS (SELECT 1 FROM role_permissions rp
                        WHERE rp.role_id = u.role_id AND rp.permission = 'store.prices.view') AS can_see_prices,
                EXISTS (SELECT 1 FROM role_permissions rp
                        WHERE rp.role_id = u.role_id AND rp.permission = 'store.orders.place') AS role_places_orders,
                EXISTS (SELECT 1 FROM role_permissions rp
                        WHERE rp.role_id = u.role_id AND rp.permission = 'store.orders.view_own') AS can_see_enterprise_orders,
                u.enterprise_id, u.is_liaison, e.has_tenant,
                (e.has_tenant AND e.admin_user_id IS NOT NULL AND e.admin_user_id = u.id) AS manages_team
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
    .fetch_optional(conn)
    .await?;
    Ok(user.map(|mut u| {
        u.can_place_orders = crate::domain::teams::may_order(
            u.role_places_orders,
            u.has_tenant,
            u.is_liaison,
            u.manages_team,
        );
        u
    }))
}

// ---------- SMS codes ----------

/// How many codes may go out, as configured.
#[derive(Clone, Copy, Debug)]
pub struct SmsLimits {
    /// Codes one network address may request per hour.
    pub per_ip_per_hour: i64,
    /// Seconds before one phone may ask a store for another code.
    pub resend_secs: i64,
    /// Codes one phone may receive per day, across all stores.
    pub per_phone_per_day: i64,
}

impl SmsLimits {
    /// In the order they are claimed; `issue_code` maps a refusal by index.
    fn limits(&self, tenant_id: i64, phone: &str, ip: &str) -> [Limit; 3] {
        [
            Limit::new(
                format!("sms:resend:{tenant_id}:{phone}"),
                self.resend_secs,
                1,
            ),
            Limit::new(
                format!("sms:day:{phone}"),
                24 * 3600,
                self.per_phone_per_day,
            ),
            Limit::new(format!("sms:ip:{ip}"), 3600, self.per_ip_per_hour),
        ]
    }
}

/// A code that is stored and about to be sent, with the limits it used.
pub struct IssuedCode {
    pub id: i64,
    pub code: String,
    claims: Vec<Claim>,
}

/// Issues a fresh code for a phone in a store. The resend interval, the
/// phone's daily cap and the address's hourly limit are claimed and the code
/// stored in one write transaction: parallel requests cannot all pass.
pub async fn issue_code(
    pool: &AnyPool,
    secret: &[u8],
    tenant_id: i64,
    phone: &str,
    ip: &str,
    limits: SmsLimits,
) -> Result<IssuedCode, AppError> {
    let mut tx = crate::db::begin(pool).await?;
    let claims = match claim_all(&mut tx, &limits.limits(tenant_id, phone, ip)).await? {
        Ok(claims) => claims,
        Err(refused) => {
            return Err(match refused.index {
                0 => AppError::Login(LoginError::SmsThrottled {
                    retry_after_secs: refused.retry_after_secs,
                }),
                1 => AppError::Login(LoginError::SmsDailyLimit),
                _ => AppError::Login(LoginError::SmsIpLimited),
            })
        }
    };
    let now = crate::db::now();
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
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(IssuedCode { id, code, claims })
}

/// Takes back a code that could not be sent, with the limits it used, so it
/// neither throttles the next request nor counts against the phone or address.
pub async fn withdraw_code(pool: &AnyPool, issued: &IssuedCode) -> Result<(), AppError> {
    let mut tx = crate::db::begin(pool).await?;
    sqlx::query("DELETE FROM sms_codes WHERE id = $1")
        .bind(issued.id)
        .execute(&mut *tx)
        .await?;
    refund(&mut tx, &issued.claims).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct CodeRow {
    expires_at: i64,
    attempts: i64,
    #[sqlx(try_from = "crate::domain::Flag")]
    used: bool,
}

/// The newest code issued for a phone in a store: the only one that counts.
const NEWEST_CODE: &str =
    "(SELECT id FROM sms_codes WHERE tenant_id = $1 AND phone = $2 ORDER BY id DESC LIMIT 1)";

/// Checks a code against the newest one issued for the phone. A code works
/// once, within its lifetime, and only while it has attempts left: the
/// statement that consumes it checks all of that, so parallel guesses (right
/// or wrong) cannot use a code twice or beyond its attempts.
pub async fn verify_code(
    pool: &AnyPool,
    secret: &[u8],
    tenant_id: i64,
    phone: &str,
    code: &str,
) -> Result<(), AppError> {
    let now = crate::db::now();
    let hash = keyed_hash(secret, &format!("{phone}:{code}"));
    let live = "used = FALSE AND attempts < $3 AND expires_at > $4";
    let consumed: Option<i64> = sqlx::query_scalar(&format!(
        "UPDATE sms_codes SET used = TRUE
         WHERE id = {NEWEST_CODE} AND {live} AND code_hash = $5 RETURNING id"
    ))
    .bind(tenant_id)
    .bind(phone)
    .bind(CODE_MAX_ATTEMPTS)
    .bind(now)
    .bind(&hash)
    .fetch_optional(pool)
    .await?;
    if consumed.is_some() {
        return Ok(());
    }
    let counted: Option<i64> = sqlx::query_scalar(&format!(
        "UPDATE sms_codes SET attempts = attempts + 1
         WHERE id = {NEWEST_CODE} AND {live} AND code_hash <> $5 RETURNING attempts"
    ))
    .bind(tenant_id)
    .bind(phone)
    .bind(CODE_MAX_ATTEMPTS)
    .bind(now)
    .bind(&hash)
    .fetch_optional(pool)
    .await?;
    if let Some(attempts) = counted {
        return Err(if attempts < CODE_MAX_ATTEMPTS {
            AppError::Login(LoginError::CodeWrong {
                attempts_left: u32::try_from(CODE_MAX_ATTEMPTS - attempts).unwrap_or(0),
            })
        } else {
            AppError::Login(LoginError::CodeTooManyAttempts)
        });
    }
    // Neither consumed nor counted: only the reason is left to tell.
    let row: Option<CodeRow> = sqlx::query_as(&format!(
        "SELECT expires_at, attempts, used FROM sms_codes WHERE id = {NEWEST_CODE}"
    ))
    .bind(tenant_id)
    .bind(phone)
    .fetch_optional(pool)
    .await?;
    Err(match row {
        None => AppError::Login(LoginError::CodeNotRequested),
        Some(r) if r.used => AppError::Login(LoginError::CodeNotRequested),
        Some(r) if r.attempts >= CODE_MAX_ATTEMPTS => {
            AppError::Login(LoginError::CodeTooManyAttempts)
        }
        Some(r) if r.expires_at <= now => AppError::Login(LoginError::CodeExpired),
        // The right code, but a parallel request consumed it first.
        Some(_) => AppError::Login(LoginError::CodeNotRequested),
    })
}

// ---------- ordering accounts ----------

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LoginUser {
    pub id: i64,
    #[sqlx(try_from = "crate::domain::Flag")]
    pub disabled: bool,
    pub password_hash: Option<String>,
}

pub async fn user_by_phone(
    pool: &AnyPool,
    tenant_id: i64,
    phone: &str,
) -> Result<Option<LoginUser>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, disabled, password_hash FROM store_users WHERE tenant_id = $1 AND phone = $2",
    )
    .bind(tenant_id)
    .bind(phone)
    .fetch_optional(pool)
    .await?)
}

pub async fn user_by_login(
    pool: &AnyPool,
    tenant_id: i64,
    login: &str,
) -> Result<Option<LoginUser>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, disabled, password_hash FROM store_users WHERE tenant_id = $1 AND login_name = $2",
    )
    .bind(tenant_id)
    .bind(login)
    .fetch_optional(pool)
    .await?)
}

// ---------- passwords (Argon2id) ----------

thread_local! {
    /// Argon2's 19 MiB work area, kept per thread and reused. Allocated
    /// afresh for every check (as `Argon2::verify_password` does), resident
    /// memory grew by about that much per check and was not given back.
    static WORK_AREA: std::cell::RefCell<Vec<argon2::Block>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The largest work area a stored hash may ask for: 64 MiB (blocks are 1 KiB).
const MAX_WORK_BLOCKS: usize = 64 * 1024;

/// Argon2 of `password` and `salt` into `out`, in this thread's work area.
fn argon2_into(
    argon2: &argon2::Argon2<'_>,
    blocks: usize,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    if blocks > MAX_WORK_BLOCKS {
        return Err(argon2::Error::MemoryTooMuch);
    }
    WORK_AREA.with_borrow_mut(|area| {
        area.resize(blocks, argon2::Block::default());
        argon2.hash_password_into_with_memory(password, salt, out, &mut area[..])
    })
}

pub fn hash_password(password: &str) -> Result<String, AppError> {
    use argon2::password_hash::{rand_core::OsRng, Output, PasswordHash, SaltString};
    use argon2::{Algorithm, Argon2, Params, Version};
    let failed = |e: &dyn std::fmt::Display| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    };
    let salt = SaltString::generate(&mut OsRng);
    let mut raw_salt = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut raw_salt).map_err(|e| failed(&e))?;
    let params = Params::default();
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon2_into(
        &argon2,
        params.block_count(),
        password.as_bytes(),
        salt_bytes,
        &mut out,
    )
    .map_err(|e| failed(&e))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: (&params).try_into().map_err(|e| failed(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(hash.to_string())
}

/// A hash to verify against when the login name is unknown, so a missing
/// account takes as long to refuse as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("orderlink-dummy").unwrap_or_default())
}

/// Whether `password` matches the PHC string `stored` (always false without
/// one, after the same work). The comparison takes constant time.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    use argon2::password_hash::{Output, PasswordHash};
    use argon2::{Algorithm, Argon2, Params, Version};
    let Ok(parsed) = PasswordHash::new(stored.unwrap_or_else(|| dummy_hash())) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(parsed.algorithm),
        Params::try_from(&parsed),
    ) else {
        return false;
    };
    let version = parsed
        .version
        .map_or(Ok(Version::default()), Version::try_from)
        .unwrap_or_default();
    let mut raw_salt = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut raw_salt) else {
        return false;
    };
    let blocks = params.block_count();
    let argon2 = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    if argon2_into(&argon2, blocks, password.as_bytes(), salt_bytes, &mut out).is_err() {
        return false;
    }
    let ok = Output::new(&out).is_ok_and(|o| o == expected);
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
    fn hashes_made_by_the_argon2_crate_still_verify() {
        use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
        let salt = SaltString::generate(&mut OsRng);
        let stored = argon2::Argon2::default()
            .hash_password(b"older-hash", &salt)
            .unwrap()
            .to_string();
        assert!(verify_password("older-hash", Some(&stored)));
        assert!(!verify_password("other", Some(&stored)));
        assert!(!verify_password("older-hash", Some("not a hash")));
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
