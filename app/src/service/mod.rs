//! (ssr) Flows that write several records in one transaction, with their
//! audit entries and notifications: what a server function delegates to when
//! one query is not enough. Below `api`, above `db`.

pub mod addresses;
pub mod cart;
pub mod catalogue;
pub mod entry;
pub mod kept;
pub mod lite;
pub mod login;
pub mod ordering_accounts;
pub mod orders;
pub mod passwords;
pub mod registration;
pub mod settings;
pub mod teams;
pub mod wechat;
pub mod wechat_tokens;
