//! OrderLink's shared crate: pages, components and server functions for both
//! the browser (`hydrate`) and the server (`ssr`), plus the domain rules both use.
//!
//! Module map. Arrows point one way, downwards; a module never imports one
//! above it, and the same feature name is used in every layer
//! (`domain/registration.rs`, `db/registration.rs`, `service/registration.rs`,
//! `api/registration.rs`), so the second hop is guessable.
//!
//! ```text
//! store/, components       pages (islands) and shared view pieces   (both targets)
//! api/<feature>            server functions: authorize in one line (api::ctx), then delegate
//! service/<feature>        (ssr) flows that write several records in one transaction,
//!                          with audit entries and notifications
//! db/<feature>             (ssr) SQL only, over a pool or the caller's connection;
//!                          returns domain types
//! ports/                   (ssr) traits for the outside world (SMS; WeChat next)
//! domain/<feature>         wire types and plain rules, shared by browser and server
//! error, i18n              AppError with stable codes; every user-visible string
//! ```
//!
//! `state` (ssr) is what the server hands every request: pool, configuration,
//! adapters. The console (`console` crate) sits beside `store/`, on `api`.

pub mod api;
pub mod components;
pub mod domain;
pub mod erase;
pub mod error;
pub mod i18n;
pub mod page;
// The store's pages and islands; the console's bundle leaves them out
// (every island is a WASM export, so it would be kept there otherwise).
#[cfg(any(feature = "store", feature = "ssr"))]
pub mod store;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod ports;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod state;

pub use page::{asset_url, request_lang, use_lang};
#[cfg(any(feature = "store", feature = "ssr"))]
pub use site::{shell, App};

// The store's document and routes; gated like `store`.
#[cfg(any(feature = "store", feature = "ssr"))]
mod site;
