//! Wire types of auth: what its server functions take and return.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodeSent {
    /// Seconds until another code may be requested for this phone.
    pub resend_after_secs: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeView {
    pub name: String,
    pub phone: String,
    pub enterprise: String,
    /// `None` when the Account has no list of its own and standard prices apply.
    pub price_list: Option<String>,
    /// The person came in through the platform mini-program and may switch
    /// to their other brands' stores (`/lite`).
    pub switch_stores: bool,
    /// The person is their enterprise's distributor admin (`/team`).
    pub manages_team: bool,
}

/// Where the browser goes after a verified SMS code.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginNext {
    /// Logged in: back to the page the buyer came from.
    Store,
    /// An unknown phone in a store that takes registrations: the form.
    Register,
    /// An unknown phone with an application waiting: its status.
    RegistrationStatus,
}
