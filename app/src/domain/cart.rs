//! Cart arithmetic and the checks a cart line must pass, in integer fen, for
//! the browser (steppers, totals) and the server (adding, checkout) alike.

use serde::{Deserialize, Serialize};

/// The most of one SKU one line may hold: a typing slip, not an order.
pub const MAX_LINE_QUANTITY: i64 = 99_999;

/// Why a quantity cannot go into the cart or through checkout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuantityProblem {
    /// Zero or less: remove the line instead.
    NotPositive,
    /// Under the product's minimum order quantity.
    BelowMinimum { moq: i64 },
    /// More than one line may hold.
    TooMany { max: i64 },
    /// More than the stock not yet reserved by other orders.
    NotEnoughStock { available: i64 },
}

/// Checks a line's quantity against the product's minimum and the stock
/// still free (`None` when stock is not checked yet, e.g. in the browser).
pub fn check_quantity(qty: i64, moq: i64, available: Option<i64>) -> Result<(), QuantityProblem> {
    if qty <= 0 {
        return Err(QuantityProblem::NotPositive);
    }
    if qty > MAX_LINE_QUANTITY {
        return Err(QuantityProblem::TooMany {
            max: MAX_LINE_QUANTITY,
        });
    }
    if qty < moq {
        return Err(QuantityProblem::BelowMinimum { moq });
    }
    match available {
        Some(available) if qty > available => Err(QuantityProblem::NotEnoughStock {
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

/// What changed on a line since it was added, shown on the line rather than
/// applied silently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineNotice {
    PriceChanged {
        was: i64,
        now: i64,
    },
    /// The viewer's lists no longer price this SKU.
    NoLongerPriced,
    OffShelf,
}

/// The notices for a line added at `added_price`, now priced `current` on a
/// product that is (or is not) on the shelf.
pub fn line_notices(added_price: i64, current: Option<i64>, on_shelf: bool) -> Vec<LineNotice> {
    let mut notices = Vec::new();
    if !on_shelf {
        notices.push(LineNotice::OffShelf);
    }
    match current {
        None => notices.push(LineNotice::NoLongerPriced),
        Some(now) if now != added_price => notices.push(LineNotice::PriceChanged {
            was: added_price,
            now,
        }),
        Some(_) => {}
    }
    notices
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_respect_minimum_limit_and_free_stock() {
        assert_eq!(check_quantity(6, 6, Some(10)), Ok(()));
        assert_eq!(check_quantity(10, 1, Some(10)), Ok(()));
        assert_eq!(check_quantity(3, 1, None), Ok(()));
        assert_eq!(
            check_quantity(0, 1, None),
            Err(QuantityProblem::NotPositive)
        );
        assert_eq!(
            check_quantity(-2, 1, None),
            Err(QuantityProblem::NotPositive)
        );
        assert_eq!(
            check_quantity(5, 6, Some(100)),
            Err(QuantityProblem::BelowMinimum { moq: 6 })
        );
        assert_eq!(
            check_quantity(11, 1, Some(10)),
            Err(QuantityProblem::NotEnoughStock { available: 10 })
        );
        // Stock reserved beyond what is there reads as none left.
        assert_eq!(
            check_quantity(1, 1, Some(-4)),
            Err(QuantityProblem::NotEnoughStock { available: 0 })
        );
        assert_eq!(
            check_quantity(MAX_LINE_QUANTITY + 1, 1, None),
            Err(QuantityProblem::TooMany {
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
    fn changes_since_adding_are_named_not_applied() {
        assert!(line_notices(2040, Some(2040), true).is_empty());
        assert_eq!(
            line_notices(2040, Some(2208), true),
            vec![LineNotice::PriceChanged {
                was: 2040,
                now: 2208
            }]
        );
        assert_eq!(
            line_notices(2040, None, false),
            vec![LineNotice::OffShelf, LineNotice::NoLongerPriced]
        );
    }
}
