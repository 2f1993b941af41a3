//! Server functions. Types are shared with the browser; bodies run on the server.

pub mod accounts;
pub mod addresses;
pub mod auth;
pub mod branding;
pub mod cart;
pub mod catalogue;
pub mod catalogue_admin;
#[cfg(feature = "ssr")]
pub mod ctx;
pub mod enterprises;
pub mod entry;
pub mod layouts;
pub mod lite;
pub mod ordering_accounts;
pub mod orders;
pub mod prices;
pub mod registration;
pub mod roles;
pub mod settings;
pub mod staff;
pub mod teams;
