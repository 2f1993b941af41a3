//! Which price a viewer pays for a SKU.
//!
//! Rule: a logged-in distributor is priced by their Account's price list; a
//! guest by the store's guest Account's list. Where that list has no price for
//! a SKU (or the Account has no list at all), the store's standard list applies.
//! A SKU priced by neither list has no price and cannot be ordered.

use serde::{Deserialize, Serialize};

/// Who is looking at the catalogue, as far as pricing cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer {
    /// Not logged in: priced by the guest Account's list, if the store has one.
    Guest { guest_list: Option<i64> },
    /// A logged-in distributor: priced by their Account's list, if it has one.
    Distributor { account_list: Option<i64> },
    /// A logged-in distributor whose role lacks `store.prices.view`: no prices at all.
    NoPrices,
}

/// The lists that price a viewer, most specific first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceLists {
    pub primary: Option<i64>,
    pub standard: Option<i64>,
}

pub fn price_lists_for(viewer: Viewer, standard: Option<i64>) -> PriceLists {
    let primary = match viewer {
        Viewer::Guest { guest_list } => guest_list,
        Viewer::Distributor { account_list } => account_list,
        Viewer::NoPrices => {
            return PriceLists {
                primary: None,
                standard: None,
            }
        }
    };
    PriceLists { primary, standard }
}

/// The price of one SKU, given what each applicable list says about it.
pub fn effective_price(primary_price: Option<i64>, standard_price: Option<i64>) -> Option<i64> {
    primary_price.or(standard_price)
}

/// The "from" price of a product: the lowest priced SKU; unpriced SKUs are ignored.
pub fn lowest_price(prices: impl IntoIterator<Item = Option<i64>>) -> Option<i64> {
    prices.into_iter().flatten().min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_without_price_view_gets_no_list_at_all() {
        assert_eq!(
            price_lists_for(Viewer::NoPrices, Some(1)),
            PriceLists {
                primary: None,
                standard: None
            }
        );
    }

    #[test]
    fn distributor_uses_account_list_then_standard() {
        let lists = price_lists_for(
            Viewer::Distributor {
                account_list: Some(7),
            },
            Some(1),
        );
        assert_eq!(
            lists,
            PriceLists {
                primary: Some(7),
                standard: Some(1)
            }
        );
        let lists = price_lists_for(Viewer::Distributor { account_list: None }, Some(1));
        assert_eq!(lists.primary, None);
    }

    #[test]
    fn guest_uses_guest_list() {
        let lists = price_lists_for(
            Viewer::Guest {
                guest_list: Some(9),
            },
            Some(1),
        );
        assert_eq!(lists.primary, Some(9));
    }

    #[test]
    fn sku_falls_back_to_standard_price() {
        assert_eq!(effective_price(Some(850), Some(1000)), Some(850));
        assert_eq!(effective_price(None, Some(1000)), Some(1000));
        assert_eq!(effective_price(None, None), None);
        // A list may price a SKU above standard; it still wins.
        assert_eq!(effective_price(Some(1200), Some(1000)), Some(1200));
    }

    #[test]
    fn from_price_ignores_unpriced_skus() {
        assert_eq!(lowest_price([Some(500), None, Some(300)]), Some(300));
        assert_eq!(lowest_price([None, None]), None);
        assert_eq!(lowest_price(Vec::<Option<i64>>::new()), None);
    }
}
