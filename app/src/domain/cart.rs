//! Cart arithmetic and the checks a cart line must pass, in integer fen, for
//! the browser (steppers, totals) and the server (adding, checkout) alike.
//! A line's problems are `error::LineProblem`, the type a refusal carries.

use crate::error::LineProblem;
use serde::{Deserialize, Serialize};

/// The most of one SKU one line may hold: a typing slip, not an order.
pub const MAX_LINE_QUANTITY: i64 = 99_999;

/// Checks a line's quantity against the product's minimum and the stock
/// still free (`None` when stock is not checked yet, e.g. in the browser).
pub fn check_quantity(qty: i64, moq: i64, available: Option<i64>) -> Result<(), LineProblem> {
    if qty <= 0 {
        return Err(LineProblem::NotPositive);
    }
    if qty > MAX_LINE_QUANTITY {
        return Err(LineProblem::TooMany {
            max: MAX_LINE_QUANTITY,
        });
    }
    if qty < moq {
        return Err(LineProblem::BelowMinimum { moq });
    }
    match available {
        Some(available) if qty > available => Err(LineProblem::NotEnoughStock {
            available: available.max(0),
        }),
        _ => Ok(()),
    }
}

/// The nearest quantity a stepper may show: at least the minimum, at most
/// one line's limit.
pub fn clamp_quantity(qty: i64, moq: i64) -> i64 {
    qty.clamp(moq.max(1), MAX_LINE_QUANTITY)
}

/// A line's price: unit price × quantity, or `None` on overflow (never with
/// checked quantities and real prices, but money does not wrap silently).
pub fn line_total(unit_price: i64, qty: i64) -> Option<i64> {
    unit_price.checked_mul(qty)
}

/// The sum of `(unit price, quantity)` lines; `None` on overflow.
pub fn cart_total(lines: impl IntoIterator<Item = (i64, i64)>) -> Option<i64> {
    lines.into_iter().try_fold(0i64, |sum, (price, qty)| {
        sum.checked_add(line_total(price, qty)?)
    })
}

/// What changed on a line since it was added at `added_price`, now priced
/// `current` on a product that is (or is not) on the shelf: shown on the
/// line rather than applied silently, and refused at checkout.
pub fn line_notices(added_price: i64, current: Option<i64>, on_shelf: bool) -> Vec<LineProblem> {
    let mut notices = Vec::new();
    if !on_shelf {
        notices.push(LineProblem::OffShelf);
    }
    match current {
        None => notices.push(LineProblem::NoLongerPriced),
        Some(now) if now != added_price => notices.push(LineProblem::PriceChanged {
            was: added_price,
            now,
        }),
        Some(_) => {}
    }
    notices
}

/// One line of a buyer's cart, priced for them today.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CartLineView {
    pub sku_id: i64,
    pub product_id: i64,
    pub product: String,
    pub sku_code: String,
    pub unit: String,
    pub moq: i64,
    pub quantity: i64,
    /// Today's unit price in fen; `None` when nothing prices it for them.
    pub price: Option<i64>,
    pub line_total: Option<i64>,
    /// What changed since the line was added.
    pub notices: Vec<LineProblem>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CartView {
    pub lines: Vec<CartLineView>,
    /// The priced lines' sum in fen.
    pub total: i64,
    /// Units in the cart, for the header's badge.
    pub count: i64,
    /// The idempotency key a checkout of exactly these lines carries: two
    /// tabs showing the same cart submit the same key and place one order.
    pub checkout_key: String,
}

/// What the store's islands need after changing one line: three numbers,
/// so the store's WASM does not carry a whole cart's decoder.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartChange {
    /// Units in the cart, for the tab bar's badge.
    pub count: i64,
    /// The priced lines' sum in fen.
    pub total: i64,
    /// The changed line's quantity now; 0 when it left the cart.
    pub quantity: i64,
    /// The changed line's price; `None` when it left the cart or has none.
    pub line_total: Option<i64>,
}

impl CartView {
    /// The cart as it concerns the line of `sku_id`.
    pub fn change_of(&self, sku_id: i64) -> CartChange {
        let line = self.lines.iter().find(|l| l.sku_id == sku_id);
        CartChange {
            count: self.count,
            total: self.total,
            quantity: line.map_or(0, |l| l.quantity),
            line_total: line.and_then(|l| l.line_total),
        }
    }
}

/// A SKU the buyer's enterprise ordered lately, for the quick-order page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsualItem {
    pub sku_id: i64,
    pub product: String,
    pub sku_code: String,
    pub unit: String,
    pub moq: i64,
    pub price: Option<i64>,
    /// How many were ordered the last time.
    pub last_quantity: i64,
    /// Whole days since that order.
    pub days_ago: i64,
}

/// A SKU found by quick order's search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkuPick {
    pub sku_id: i64,
    pub product: String,
    pub sku_code: String,
    pub unit: String,
    pub moq: i64,
    pub price: Option<i64>,
}

/// The quick-order page: the usual items, and what a search found.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuickOrderPage {
    pub usual: Vec<UsualItem>,
    pub found: Vec<SkuPick>,
}

/// How far back "usual items" look.
pub const USUAL_ITEMS_DAYS: i64 = 90;

/// What reordering put into the cart, and the lines it could not.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reordered {
    pub cart: CartView,
    pub skipped: Vec<crate::error::RefusedLine>,
}

/// Where and to whom an order goes, as the buyer entered it at checkout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub recipient: String,
    pub phone: String,
    pub address: String,
}

impl Delivery {
    /// Trimmed and checked: a name, a mobile number, an address.
    pub fn checked(self) -> Result<Delivery, crate::error::AppError> {
        use crate::domain::validate::required_text;
        let phone = crate::domain::credentials::normalize_phone(&self.phone).map_err(|_| {
            crate::error::AppError::Invalid {
                field: "phone".into(),
                reason: crate::error::Invalid::Phone,
            }
        })?;
        Ok(Delivery {
            recipient: required_text("recipient", &self.recipient, 50)?,
            phone,
            address: required_text("address", &self.address, 200)?,
        })
    }
}

/// A submitted order, as checkout answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedOrder {
    pub id: i64,
    pub number: String,
    pub total: i64,
}

/// An idempotency key as browsers make them (a UUID or similar): 8 to 64
/// letters, digits, `-` or `_`.
pub fn valid_idempotency_key(key: &str) -> bool {
    (8..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_respect_minimum_limit_and_free_stock() {
        assert_eq!(check_quantity(6, 6, Some(10)), Ok(()));
        assert_eq!(check_quantity(10, 1, Some(10)), Ok(()));
        assert_eq!(check_quantity(3, 1, None), Ok(()));
        assert_eq!(check_quantity(0, 1, None), Err(LineProblem::NotPositive));
        assert_eq!(check_quantity(-2, 1, None), Err(LineProblem::NotPositive));
        assert_eq!(
            check_quantity(5, 6, Some(100)),
            Err(LineProblem::BelowMinimum { moq: 6 })
        );
        assert_eq!(
            check_quantity(11, 1, Some(10)),
            Err(LineProblem::NotEnoughStock { available: 10 })
        );
        // Stock reserved beyond what is there reads as none left.
        assert_eq!(
            check_quantity(1, 1, Some(-4)),
            Err(LineProblem::NotEnoughStock { available: 0 })
        );
        assert_eq!(
            check_quantity(MAX_LINE_QUANTITY + 1, 1, None),
            Err(LineProblem::TooMany {
                max: MAX_LINE_QUANTITY
            })
        );
    }

    #[test]
    fn steppers_stay_between_the_minimum_and_the_limit() {
        assert_eq!(clamp_quantity(0, 6), 6);
        assert_eq!(clamp_quantity(7, 6), 7);
        assert_eq!(clamp_quantity(-1, 0), 1);
        assert_eq!(clamp_quantity(1_000_000, 1), MAX_LINE_QUANTITY);
    }

    #[test]
    fn totals_are_exact_fen_and_never_wrap() {
        assert_eq!(line_total(2040, 3), Some(6120));
        assert_eq!(
            cart_total([(2040, 3), (199, 7), (1, 1)]),
            Some(6120 + 1393 + 1)
        );
        assert_eq!(cart_total([]), Some(0));
        assert_eq!(line_total(i64::MAX, 2), None);
        assert_eq!(cart_total([(i64::MAX, 1), (1, 1)]), None);
    }

    #[test]
    fn idempotency_keys_are_plain_tokens() {
        assert!(valid_idempotency_key(
            "3f2b9c1e-7a4d-4c55-9e0a-1b2c3d4e5f60"
        ));
        assert!(!valid_idempotency_key("short"));
        assert!(!valid_idempotency_key("has space in it"));
        assert!(!valid_idempotency_key(&"k".repeat(65)));
    }

    #[test]
    fn changes_since_adding_are_named_not_applied() {
        assert!(line_notices(2040, Some(2040), true).is_empty());
        assert_eq!(
            line_notices(2040, Some(2208), true),
            vec![LineProblem::PriceChanged {
                was: 2040,
                now: 2208
            }]
        );
        assert_eq!(
            line_notices(2040, None, false),
            vec![LineProblem::OffShelf, LineProblem::NoLongerPriced]
        );
    }
}
