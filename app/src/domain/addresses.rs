//! Delivery addresses, kept per enterprise: every ordering account of a
//! distributor picks from the same book, and one address is the default.

use crate::error::{AppError, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AddressView {
    pub id: i64,
    pub recipient: String,
    pub phone: String,
    /// Province/city/district.
    pub region: String,
    /// Street, building, room.
    pub detail: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::domain::Flag"))]
    pub is_default: bool,
}

/// An address as a buyer enters it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressInput {
    pub recipient: String,
    pub phone: String,
    pub region: String,
    pub detail: String,
    pub is_default: bool,
}

impl AddressInput {
    /// Trimmed and checked: a name, a mobile number, a region and the rest.
    pub fn checked(self) -> Result<AddressInput, AppError> {
        use crate::domain::validate::required_text;
        let phone = crate::domain::credentials::normalize_phone(&self.phone).map_err(|_| {
            AppError::Invalid {
                field: "phone".into(),
                reason: Invalid::Phone,
            }
        })?;
        Ok(AddressInput {
            recipient: required_text("recipient", &self.recipient, 50)?,
            phone,
            region: required_text("region", &self.region, 60)?,
            detail: required_text("address", &self.detail, 200)?,
            is_default: self.is_default,
        })
    }
}

impl AddressView {
    /// One line, as an order keeps it.
    pub fn one_line(&self) -> String {
        format!("{} {}", self.region, self.detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_needs_a_name_a_mobile_and_a_place() {
        let good = AddressInput {
            recipient: " 张伟 ".into(),
            phone: "138 0000 0001".into(),
            region: "上海/上海/浦东新区".into(),
            detail: "世纪大道 100 号".into(),
            is_default: true,
        };
        let checked = good.clone().checked().unwrap();
        assert_eq!(
            (checked.recipient.as_str(), checked.phone.as_str()),
            ("张伟", "13800000001")
        );
        let no_phone = AddressInput {
            phone: "12345".into(),
            ..good.clone()
        };
        assert!(
            matches!(no_phone.checked(), Err(AppError::Invalid { field, .. }) if field == "phone")
        );
        let no_detail = AddressInput {
            detail: " ".into(),
            ..good
        };
        assert!(
            matches!(no_detail.checked(), Err(AppError::Invalid { field, .. }) if field == "address")
        );
    }
}
