//! Server functions. Types are shared with the browser; bodies run on the server.

/// Pages needed for `total` rows at `page_size` a page (lists in store and console).
pub fn page_count(total: i64, page_size: u32) -> u32 {
    u32::try_from(total.max(0))
        .unwrap_or(u32::MAX)
        .div_ceil(page_size.max(1))
}

pub mod accounts;
pub mod auth;
pub mod catalogue;
pub mod catalogue_admin;
#[cfg(feature = "ssr")]
pub mod ctx;
pub mod enterprises;
pub mod layouts;
pub mod ordering_accounts;
pub mod prices;
pub mod roles;
pub mod settings;
pub mod staff;
