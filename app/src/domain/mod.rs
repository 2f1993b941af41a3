//! Plain rules shared by the browser and the server. Nothing here touches the
//! database or the DOM, so it compiles for both targets and is unit-tested.

pub mod accounts;
pub mod auth;
pub mod catalogue;
pub mod catalogue_admin;
pub mod credentials;
pub mod csv;
pub mod enterprises;
pub mod layout;
pub mod list;
pub mod money;
pub mod ordering_accounts;
pub mod permissions;
pub mod prices;
pub mod pricing;
pub mod registration;
pub mod roles;
pub mod settings;
pub mod staff;
pub mod stock;
pub mod time;
pub mod validate;
