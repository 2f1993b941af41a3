//! (ssr) Traits for the outside world, with the implementations that need no
//! network (dev outbox, "unavailable"). The HTTP clients that speak to the
//! real services live in `server` (`server/src/sms_gateway.rs`), each tested
//! against a local simulator of the same protocol; the WeChat client joins
//! them there, behind a trait here.

pub mod sms;
