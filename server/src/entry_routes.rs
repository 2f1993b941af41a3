//! The third-party platform's authorization-event URL,
//! `POST /wechat/component/events?timestamp&nonce&msg_signature&encrypt_type=aes`:
//! WeChat's encrypted pushes (the ticket every ten minutes, authorizations).
//! A push whose signature does not match is refused; a good one is answered
//! with the literal `success`, as WeChat expects.

use crate::wechat_crypto::{xml_field, CryptoError, MsgCrypt};
use app::ports::wechat::ComponentEvent;
use app::service::entry::on_component_event;
use app::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;

/// A push is a few hundred bytes; nothing bigger is read.
pub const MAX_PUSH_BYTES: usize = 16 * 1024;

#[derive(Deserialize)]
pub struct PushQuery {
    #[serde(default)]
    timestamp: String,
    #[serde(default)]
    nonce: String,
    #[serde(default)]
    msg_signature: String,
}

pub async fn component_events(
    component: Option<Arc<MsgCrypt>>,
    State(state): State<AppState>,
    Query(q): Query<PushQuery>,
    body: String,
) -> Response {
    let Some(component) = component else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let xml = xml_field(&body, "Encrypt")
        .ok_or(CryptoError::BadMessage("no Encrypt element"))
        .and_then(|encrypt| component.open(&q.timestamp, &q.nonce, &q.msg_signature, &encrypt));
    let xml = match xml {
        Ok(xml) => xml,
        Err(e) => {
            tracing::warn!(error = %e, "component push refused");
            let status = match e {
                CryptoError::BadSignature => StatusCode::UNAUTHORIZED,
                _ => StatusCode::BAD_REQUEST,
            };
            return (status, e.to_string()).into_response();
        }
    };
    match on_component_event(&state, component.appid(), event(&xml)).await {
        Ok(()) => "success".into_response(),
        Err(e) => {
            tracing::error!(error = %e, "component push not handled");
            // Not `success`: WeChat pushes it again.
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The event a decrypted push carries.
fn event(xml: &str) -> ComponentEvent {
    let field = |name| xml_field(xml, name).unwrap_or_default();
    match field("InfoType").as_str() {
        "component_verify_ticket" => ComponentEvent::Ticket(field("ComponentVerifyTicket")),
        "authorized" | "updateauthorized" => ComponentEvent::Authorized {
            authorizer_appid: field("AuthorizerAppid"),
            code: field("AuthorizationCode"),
            pre_auth_code: field("PreAuthCode"),
        },
        "unauthorized" => ComponentEvent::Unauthorized {
            authorizer_appid: field("AuthorizerAppid"),
        },
        other => ComponentEvent::Other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wechat_crypto::xml_message;

    #[test]
    fn pushes_are_read_by_their_info_type() {
        let ticket = xml_message(&[
            ("AppId", "wxc"),
            ("InfoType", "component_verify_ticket"),
            ("ComponentVerifyTicket", "ticket@@@1"),
        ]);
        assert_eq!(event(&ticket), ComponentEvent::Ticket("ticket@@@1".into()));
        let gone = xml_message(&[("InfoType", "unauthorized"), ("AuthorizerAppid", "wxbrand")]);
        assert_eq!(
            event(&gone),
            ComponentEvent::Unauthorized {
                authorizer_appid: "wxbrand".into()
            }
        );
        let updated = xml_message(&[
            ("InfoType", "updateauthorized"),
            ("AuthorizerAppid", "wxbrand"),
            ("AuthorizationCode", "code"),
            ("PreAuthCode", "pre"),
        ]);
        assert!(
            matches!(event(&updated), ComponentEvent::Authorized { code, .. } if code == "code")
        );
        assert_eq!(
            event("<xml><InfoType>notify_third_fasteregister</InfoType></xml>"),
            ComponentEvent::Other("notify_third_fasteregister".into())
        );
    }
}
