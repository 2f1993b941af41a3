//! The platform mini-program's store picker (`/lite`): one WeChat-verified
//! phone, the stores where it has an ordering account.

use serde::{Deserialize, Serialize};

/// A store the phone may enter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LiteStore {
    pub slug: String,
    /// The brand's store name.
    pub name: String,
    /// The phone's Account (its company) in that store.
    pub account: String,
    /// The browser is logged into this store now.
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub current: bool,
}

/// What the picker shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LiteView {
    /// No pass (none yet, or it expired): log in with WeChat first.
    LogIn,
    Stores {
        /// The verified phone, masked as people are used to: `138****0001`.
        phone: String,
        stores: Vec<LiteStore>,
    },
}

/// Masks a mainland phone's middle four digits; anything else is shown as is.
pub fn masked_phone(phone: &str) -> String {
    if phone.len() == 11 && phone.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}****{}", &phone[..3], &phone[7..])
    } else {
        phone.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mainland_phone_shows_its_first_three_and_last_four_digits() {
        assert_eq!(masked_phone("13800000001"), "138****0001");
        assert_eq!(masked_phone("+8613800000001"), "+8613800000001");
        assert_eq!(masked_phone("1380000000一"), "1380000000一");
    }
}
