//! Wire types of staff: what its server functions take and return.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffView {
    pub name: String,
    pub email: String,
    pub role: String,
    pub store_slug: String,
    /// Permission codes, so the console can hide what the server would refuse.
    pub permissions: Vec<String>,
}
