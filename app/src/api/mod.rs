//! Server functions. Types are shared with the browser; bodies run on the server.

pub mod auth;
pub mod catalogue;
#[cfg(feature = "ssr")]
pub mod ctx;
