//! What a buyer is told about stock. Exact counts stay with the brand.

use serde::{Deserialize, Serialize};

/// At or below this many units a SKU shows as low stock.
pub const LOW_STOCK_THRESHOLD: i64 = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StockState {
    InStock,
    Low,
    Out,
}

impl StockState {
    pub fn from_quantity(qty: i64) -> StockState {
        if qty <= 0 {
            StockState::Out
        } else if qty <= LOW_STOCK_THRESHOLD {
            StockState::Low
        } else {
            StockState::InStock
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds() {
        assert_eq!(StockState::from_quantity(-3), StockState::Out);
        assert_eq!(StockState::from_quantity(0), StockState::Out);
        assert_eq!(StockState::from_quantity(1), StockState::Low);
        assert_eq!(StockState::from_quantity(10), StockState::Low);
        assert_eq!(StockState::from_quantity(11), StockState::InStock);
    }
}
