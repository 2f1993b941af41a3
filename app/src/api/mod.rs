//! Server functions. Types are shared with the browser; bodies run on the server.

pub mod accounts;
pub mod auth;
pub mod catalogue;
#[cfg(feature = "ssr")]
pub mod ctx;
pub mod ordering_accounts;
pub mod prices;
pub mod staff;
