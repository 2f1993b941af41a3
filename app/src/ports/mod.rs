//! (ssr) Traits for the outside world, with the implementations that need no
//! network (dev outbox, "unavailable"). The HTTP clients that speak to the
//! real services live in `server` (`sms_gateway.rs`, `wechat_client.rs`),
//! each tested against a local simulator of the same protocol.

pub mod sms;
pub mod wechat;
