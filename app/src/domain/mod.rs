//! Plain rules shared by the browser and the server. Nothing here touches the
//! database or the DOM, so it compiles for both targets and is unit-tested.

pub mod catalogue;
pub mod credentials;
pub mod csv;
pub mod import;
pub mod layout;
pub mod money;
pub mod permissions;
pub mod pricing;
pub mod registration;
pub mod stock;
pub mod time;
pub mod validate;
