//! (ssr) Logging in, for buyers and for staff: an SMS code to a phone, a
//! verified phone becoming a session (or a registration ticket when the store
//! does not know it), a password checked under the login throttles, and the
//! cookies that carry the result. The one place a session starts.

use crate::db;
use crate::db::auth::SmsLimits;
use crate::db::limits::{claim_all, refund, Claim, Limit};
use crate::db::tenants::Tenant;
use crate::domain::auth::{CodeSent, LoginNext};
use crate::error::AppError;
use crate::error::LoginError;
use crate::i18n::Lang;
use crate::service::passwords::PasswordWork;
use crate::state::{AppState, Config};
use sqlx::AnyPool;

pub const SESSION_COOKIE: &str = "ol_session";
/// Console sessions use their own cookie, so a staff member can also test the store.
pub const CONSOLE_COOKIE: &str = "ol_console";
/// A verified phone on its way to the registration form.
pub const TICKET_COOKIE: &str = crate::domain::registration::TICKET_COOKIE;

/// The `Set-Cookie` value of every cookie OrderLink sets: host-wide, hidden
/// from scripts, not sent on cross-site posts, `Secure` outside dev mode.
/// An empty value with `max_age` 0 removes the cookie.
pub fn cookie(config: &Config, name: &str, value: &str, max_age: i64) -> String {
    let secure = if config.dev { "" } else { "; Secure" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// Refuses a login channel the store's admin switched off.
pub fn channel_on(on: bool) -> Result<(), AppError> {
    if on {
        Ok(())
    } else {
        Err(LoginError::ChannelOff.into())
    }
}

/// Sends a login code to `phone` for this store, in the reader's language.
/// A code that cannot be sent is taken back with the limits it used.
pub async fn send_code(
    state: &AppState,
    tenant: &Tenant,
    phone: &str,
    ip: &str,
    lang: Lang,
) -> Result<CodeSent, AppError> {
    channel_on(tenant.login_sms)?;
    let limits: SmsLimits = state.config.sms_limits();
    let issued = db::auth::issue_code(
        &state.pool,
        &state.config.secret,
        tenant.id,
        phone,
        ip,
        limits,
    )
    .await?;
    let body = crate::i18n::sms_code(
        lang,
        &tenant.name,
        &issued.code,
        db::auth::CODE_TTL_SECS / 60,
    );
    if let Err(e) = state.sms.send(phone, &body).await {
        tracing::warn!(error = %e, "sms send failed");
        db::auth::withdraw_code(&state.pool, &issued).await?;
        return Err(LoginError::SmsUnavailable.into());
    }
    Ok(CodeSent {
        resend_after_secs: u32::try_from(state.config.sms_resend_secs).unwrap_or(60),
    })
}

/// Where a verified phone goes, with the cookie to set on the way.
pub struct PhoneLogin {
    pub next: LoginNext,
    pub set_cookie: String,
}

/// Checks a phone's code; the phone's ordering account gets a new session
/// (and the openid of a first-time WeChat scanner waiting in `wechat_bind`),
/// an unknown phone a registration ticket (to the form, or its application's
/// status) when the store takes registrations, else "ask the brand".
pub async fn sms_login(
    state: &AppState,
    tenant: &Tenant,
    phone: &str,
    code: &str,
    old_session: Option<&str>,
    wechat_bind: Option<&str>,
) -> Result<PhoneLogin, AppError> {
    channel_on(tenant.login_sms)?;
    db::auth::verify_code(&state.pool, &state.config.secret, tenant.id, phone, code).await?;
    let (login, user) = verified_phone(state, tenant, phone, old_session).await?;
    if let (Some(bind), Some(user_id)) = (wechat_bind, user) {
        crate::service::wechat::bind_after_sms(state, tenant, bind, user_id).await?;
    }
    Ok(login)
}

/// A phone proven by an SMS code or by WeChat: its ordering account gets a
/// new session, an unknown phone a registration ticket. Also returns the
/// ordering account logged in, if any.
pub async fn verified_phone(
    state: &AppState,
    tenant: &Tenant,
    phone: &str,
    old_session: Option<&str>,
) -> Result<(PhoneLogin, Option<i64>), AppError> {
    let Some(user) = db::auth::user_by_phone(&state.pool, tenant.id, phone).await? else {
        return Ok((registration_ticket(state, tenant, phone).await?, None));
    };
    if user.disabled {
        return Err(LoginError::AccountDisabled.into());
    }
    let login = PhoneLogin {
        next: LoginNext::Store,
        set_cookie: rotate_session(state, old_session, user.id, tenant.id).await?,
    };
    Ok((login, Some(user.id)))
}

async fn registration_ticket(
    state: &AppState,
    tenant: &Tenant,
    phone: &str,
) -> Result<PhoneLogin, AppError> {
    use db::registration::{create_ticket, latest, TICKET_TTL_SECS};
    if !tenant.registration_enabled {
        return Err(LoginError::NoAccountForPhone.into());
    }
    let token = create_ticket(&state.pool, &state.config.secret, tenant.id, phone).await?;
    let open = latest(&state.pool, tenant.id, phone).await?;
    Ok(PhoneLogin {
        next: if crate::service::registration::may_apply(open.as_ref()) {
            LoginNext::Register
        } else {
            LoginNext::RegistrationStatus
        },
        set_cookie: cookie(&state.config, TICKET_COOKIE, &token, TICKET_TTL_SECS),
    })
}

/// Ends the session the browser came with (`old`, its cookie value) and
/// starts a new one: the session id always changes at login. Returns the
/// `Set-Cookie` value of the new session.
pub async fn rotate_session(
    state: &AppState,
    old: Option<&str>,
    user_id: i64,
    tenant_id: i64,
) -> Result<String, AppError> {
    if let Some(old) = old.filter(|t| !t.is_empty()) {
        db::auth::delete_session(&state.pool, &state.config.secret, old).await?;
    }
    let token =
        db::auth::create_session(&state.pool, &state.config.secret, user_id, tenant_id).await?;
    Ok(cookie(
        &state.config,
        SESSION_COOKIE,
        &token,
        db::auth::SESSION_TTL_SECS,
    ))
}

/// A buyer's account name and password; returns the new session's cookie.
pub async fn password_login(
    state: &AppState,
    tenant: &Tenant,
    login: &str,
    password: String,
    ip: &str,
    old_session: Option<&str>,
) -> Result<String, AppError> {
    channel_on(tenant.login_password)?;
    let candidate = db::auth::user_by_login(&state.pool, tenant.id, login)
        .await?
        .map(|u| Candidate {
            id: u.id,
            password_hash: u.password_hash,
            disabled: u.disabled,
        });
    let attempt = Attempt {
        name: &format!("store:{}:{login}", tenant.id),
        ip,
        password,
    };
    let user_id = authenticate(&state.pool, &state.passwords, attempt, candidate).await?;
    rotate_session(state, old_session, user_id, tenant.id).await
}

/// A staff member's email and password; returns the console session's cookie.
pub async fn staff_login(
    state: &AppState,
    email: &str,
    password: String,
    ip: &str,
    old_session: Option<&str>,
) -> Result<String, AppError> {
    if email.trim().is_empty() || password.is_empty() || email.len() > 254 || password.len() > 256 {
        return Err(LoginError::BadCredentials.into());
    }
    let email = email.trim().to_lowercase();
    let candidate = db::staff::staff_by_email(&state.pool, &email)
        .await?
        .map(|s| Candidate {
            id: s.id,
            password_hash: Some(s.password_hash),
            disabled: s.disabled,
        });
    let attempt = Attempt {
        name: &format!("staff:{email}"),
        ip,
        password,
    };
    let staff_id = authenticate(&state.pool, &state.passwords, attempt, candidate).await?;
    if let Some(old) = old_session.filter(|t| !t.is_empty()) {
        db::staff::delete_session(&state.pool, &state.config.secret, old).await?;
    }
    let token = db::staff::create_session(&state.pool, &state.config.secret, staff_id).await?;
    Ok(cookie(
        &state.config,
        CONSOLE_COOKIE,
        &token,
        db::auth::SESSION_TTL_SECS,
    ))
}

/// Ends a console session; returns the cookie that clears it in the browser.
pub async fn staff_logout(state: &AppState, session: &str) -> Result<String, AppError> {
    db::staff::delete_session(&state.pool, &state.config.secret, session).await?;
    Ok(cookie(&state.config, CONSOLE_COOKIE, "", 0))
}

/// Failed passwords one name may have from one address in 15 minutes.
pub const FAILURES_PER_NAME_AND_ADDRESS: i64 = 5;
/// Failed passwords one address may have in 15 minutes, across all names.
pub const FAILURES_PER_ADDRESS: i64 = 30;
/// Failed passwords one name may have in an hour, from all addresses.
pub const FAILURES_PER_NAME: i64 = 100;

/// The three throttles of a password login. There is no hard lock on an
/// account: someone guessing from one address stops that address, not the
/// owner's; only a guesser with many addresses meets the name-wide limit.
/// `name` is the login name as typed (scoped by store or console), so a
/// name that does not exist is throttled exactly like one that does.
fn login_limits(name: &str, ip: &str) -> [Limit; 3] {
    [
        Limit::new(
            format!("login:{name}:{ip}"),
            15 * 60,
            FAILURES_PER_NAME_AND_ADDRESS,
        ),
        Limit::new(format!("login-ip:{ip}"), 15 * 60, FAILURES_PER_ADDRESS),
        Limit::new(format!("login:{name}"), 3600, FAILURES_PER_NAME),
    ]
}

/// Someone found by their login name, as the password check needs them.
struct Candidate {
    id: i64,
    password_hash: Option<String>,
    disabled: bool,
}

/// A password login attempt: who is asking for which name.
struct Attempt<'a> {
    /// The name as typed, with its scope, e.g. `store:3:dist1` or `staff:a@b.c`.
    name: &'a str,
    ip: &'a str,
    password: String,
}

/// The password check both logins share. The attempt is counted before the
/// password is verified, in one write transaction, so parallel guesses cannot
/// outrun the limits; a right password hands the count back. Argon2id runs
/// through the bounded [`PasswordWork`], whose line is entered first so a
/// flood is turned away before it costs a write (and against a dummy hash when nobody
/// was found, so an unknown name takes as long and answers the same). The
/// disabled flag is only revealed to someone who knew the password.
/// Returns the id of whoever logged in.
async fn authenticate(
    pool: &AnyPool,
    work: &PasswordWork,
    attempt: Attempt<'_>,
    candidate: Option<Candidate>,
) -> Result<i64, AppError> {
    let place = work.enter()?;
    let mut tx = db::begin(pool).await?;
    let claims = match claim_all(&mut tx, &login_limits(attempt.name, attempt.ip)).await? {
        Ok(claims) => claims,
        Err(refused) => {
            return Err(AppError::Login(LoginError::LoginLocked {
                retry_after_secs: refused.retry_after_secs,
            }))
        }
    };
    tx.commit().await?;
    let stored = candidate.as_ref().and_then(|c| c.password_hash.clone());
    let verified = place.verify(attempt.password, stored).await;
    let give_back = |claims: Vec<Claim>| async move {
        let mut conn = pool.acquire().await?;
        refund(&mut conn, &claims).await
    };
    let ok = match verified {
        Ok(ok) => ok,
        Err(e) => {
            // Not checked (busy): not a failed attempt either.
            give_back(claims).await?;
            return Err(e);
        }
    };
    let Some(candidate) = candidate.filter(|_| ok) else {
        return Err(LoginError::BadCredentials.into());
    };
    give_back(claims).await?;
    if candidate.disabled {
        return Err(LoginError::AccountDisabled.into());
    }
    Ok(candidate.id)
}
