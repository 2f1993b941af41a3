//! (ssr) WeChat's access tokens, shared by every app server: the app's own,
//! the third-party platform's component token and each authorized
//! account's (`service::wechat`, `service::entry`).
//!
//! The token rule: WeChat invalidates a token five minutes after anyone
//! fetches a new one, so servers must not each fetch their own. The token
//! lives in the database; a server that finds it due claims the refresh in
//! one statement, and only the claimer fetches; the others use the old
//! token while it still works, or wait for the new one. A token WeChat
//! refuses (40001, 40014, 42001) is refreshed once and the call is made
//! again.

use crate::db;
use crate::error::AppError;
use crate::ports::wechat::{AccessToken, WeChatError};
use crate::state::AppState;
use std::future::Future;
use std::time::Duration;

/// Refresh this long before the token expires (WeChat's stable token
/// rotates five minutes early too).
const REFRESH_MARGIN_SECS: i64 = 300;
/// How often a waiting server looks for the refresher's token, and how long
/// it waits in all.
const WAIT_STEP: Duration = Duration::from_millis(50);
const WAIT_STEPS: u32 = 200;

/// The token store (the database) failed: WeChat login is unavailable.
fn token_store_down(e: AppError) -> WeChatError {
    WeChatError::Unavailable(format!("token store: {e}"))
}

/// A token every app server shares, stored under `key` (an app's or the
/// third-party platform's appid); `fetch` gets a new one from WeChat, run
/// by the one server that claims the refresh.
pub async fn shared_token<F, Fut>(
    state: &AppState,
    key: &str,
    stale: Option<&str>,
    fetch: F,
) -> Result<String, WeChatError>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<AccessToken, WeChatError>>,
{
    for _ in 0..WAIT_STEPS {
        let now = db::now();
        let stored = db::wechat::token(&state.pool, key)
            .await
            .map_err(token_store_down)?;
        let usable = stored.filter(|(token, _)| Some(token.as_str()) != stale);
        if let Some((token, expires_at)) = &usable {
            if *expires_at > now + REFRESH_MARGIN_SECS {
                return Ok(token.clone());
            }
        }
        if db::wechat::claim_refresh(&state.pool, key, now, REFRESH_MARGIN_SECS, stale)
            .await
            .map_err(token_store_down)?
        {
            return refresh(state, key, fetch().await).await;
        }
        // Someone else refreshes: the old token works until it expires.
        if let Some((token, expires_at)) = usable {
            if expires_at > now {
                return Ok(token);
            }
        }
        tokio::time::sleep(WAIT_STEP).await;
    }
    Err(WeChatError::Unavailable(
        "no access token: the refresh did not finish".into(),
    ))
}

/// Stores what the claimer fetched, or gives the claim back after a failed
/// fetch so the next caller tries.
async fn refresh(
    state: &AppState,
    key: &str,
    fetched: Result<AccessToken, WeChatError>,
) -> Result<String, WeChatError> {
    match fetched {
        Ok(fresh) => {
            let expires_at = db::now() + fresh.expires_in.max(0);
            db::wechat::store_token(&state.pool, key, &fresh.token, expires_at)
                .await
                .map_err(token_store_down)?;
            Ok(fresh.token)
        }
        Err(e) => {
            db::wechat::release_claim(&state.pool, key)
                .await
                .map_err(token_store_down)?;
            Err(e)
        }
    }
}

/// WeChat's rule for a refused token (40001, 40014, 42001): get a fresh one
/// from `token` (given the stale one) once, and make the call again.
pub async fn refreshing_once<T, G, GFut, F, Fut>(token: G, call: F) -> Result<T, WeChatError>
where
    G: Fn(Option<String>) -> GFut,
    GFut: Future<Output = Result<String, WeChatError>>,
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<T, WeChatError>>,
{
    let current = token(None).await?;
    match call(current.clone()).await {
        Err(WeChatError::TokenRejected(code)) => {
            tracing::info!(code, "wechat refused the token; refreshing once");
            let fresh = token(Some(current)).await?;
            call(fresh).await
        }
        other => other,
    }
}
