//! Carts and checkout: what a line cannot do, and why.

use crate::i18n::{fill, ErrMsg, Lang};
use serde::{Deserialize, Serialize};

/// What is wrong with one cart line, at adding or at checkout. Written as
/// `{"reason": "…", …}`; read back through a flat struct (see `error::wire`
/// for why not serde's internally tagged derive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum LineProblem {
    /// The viewer's price changed since the line was added (fen).
    PriceChanged {
        was: i64,
        now: i64,
    },
    /// The viewer's price lists no longer price this SKU.
    NoLongerPriced,
    OffShelf,
    /// Zero or less: remove the line instead.
    NotPositive,
    /// Under the product's minimum order quantity.
    BelowMinimum {
        moq: i64,
    },
    /// More than one line may hold.
    TooMany {
        max: i64,
    },
    /// More than the stock other orders have not reserved.
    NotEnoughStock {
        available: i64,
    },
}

/// Every field a line problem may carry.
#[derive(Deserialize)]
struct FlatProblem {
    reason: String,
    #[serde(default)]
    was: i64,
    #[serde(default)]
    now: i64,
    #[serde(default)]
    moq: i64,
    #[serde(default)]
    max: i64,
    #[serde(default)]
    available: i64,
}

impl<'de> Deserialize<'de> for LineProblem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<LineProblem, D::Error> {
        let f = FlatProblem::deserialize(d)?;
        Ok(match f.reason.as_str() {
            "price_changed" => LineProblem::PriceChanged {
                was: f.was,
                now: f.now,
            },
            "no_longer_priced" => LineProblem::NoLongerPriced,
            "off_shelf" => LineProblem::OffShelf,
            "not_positive" => LineProblem::NotPositive,
            "below_minimum" => LineProblem::BelowMinimum { moq: f.moq },
            "too_many" => LineProblem::TooMany { max: f.max },
            "not_enough_stock" => LineProblem::NotEnoughStock {
                available: f.available,
            },
            other => return Err(serde::de::Error::unknown_variant(other, &[])),
        })
    }
}

impl LineProblem {
    pub fn code(&self) -> &'static str {
        match self {
            LineProblem::PriceChanged { .. } => "price_changed",
            LineProblem::NoLongerPriced => "no_longer_priced",
            LineProblem::OffShelf => "off_shelf",
            LineProblem::NotPositive => "not_positive",
            LineProblem::BelowMinimum { .. } => "below_minimum",
            LineProblem::TooMany { .. } => "too_many",
            LineProblem::NotEnoughStock { .. } => "not_enough_stock",
        }
    }

    /// The sentence for a line of `product`.
    pub fn message(&self, product: &str, lang: Lang) -> String {
        let (msg, n) = match self {
            LineProblem::PriceChanged { .. } => (ErrMsg::LinePriceChanged, 0),
            LineProblem::NoLongerPriced => (ErrMsg::LineNoLongerPriced, 0),
            LineProblem::OffShelf => (ErrMsg::LineOffShelf, 0),
            LineProblem::NotPositive => (ErrMsg::LineNotPositive, 0),
            LineProblem::BelowMinimum { moq } => (ErrMsg::LineBelowMinimum, *moq),
            LineProblem::TooMany { max } => (ErrMsg::LineTooMany, *max),
            LineProblem::NotEnoughStock { available } => (ErrMsg::LineNotEnoughStock, *available),
        };
        fill(
            msg.text(lang),
            &[("product", product), ("n", &n.to_string())],
        )
    }
}

/// A refused line of a checkout, named so the buyer can find it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedLine {
    pub sku_id: i64,
    pub product: String,
    pub problem: LineProblem,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    #[error("the cart is empty")]
    CartEmpty,
    /// Checkout refused: each line with its reason; the cart keeps them all.
    #[error("cart lines refused")]
    LinesRefused { lines: Vec<RefusedLine> },
    /// A quantity refused when adding to or changing the cart.
    #[error("quantity refused: {problem:?}")]
    Quantity { problem: LineProblem },
    /// The order's status (or the caller) does not allow this action.
    #[error("{action} not allowed on a {status} order")]
    NotAllowed { status: String, action: String },
}

impl OrderError {
    /// Stable machine-readable code; matches the serialized `code` tag.
    pub fn code(&self) -> &'static str {
        match self {
            OrderError::CartEmpty => "cart_empty",
            OrderError::LinesRefused { .. } => "lines_refused",
            OrderError::Quantity { .. } => "quantity",
            OrderError::NotAllowed { .. } => "order_not_allowed",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            OrderError::CartEmpty | OrderError::Quantity { .. } => 400,
            OrderError::LinesRefused { .. } | OrderError::NotAllowed { .. } => 409,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            OrderError::CartEmpty => ErrMsg::CartEmpty.text(lang).to_string(),
            OrderError::LinesRefused { lines } => lines
                .iter()
                .map(|l| l.problem.message(&l.product, lang))
                .collect::<Vec<_>>()
                .join(" "),
            OrderError::Quantity { problem } => {
                problem.message(ErrMsg::QuantityLabel.text(lang), lang)
            }
            OrderError::NotAllowed { status, .. } => {
                let status = match status.as_str() {
                    "submitted" => ErrMsg::StatusSubmitted,
                    "confirmed" => ErrMsg::StatusConfirmed,
                    "shipped" => ErrMsg::StatusShipped,
                    "completed" => ErrMsg::StatusCompleted,
                    _ => ErrMsg::StatusCancelled,
                };
                fill(
                    ErrMsg::OrderNotAllowed.text(lang),
                    &[("status", status.text(lang))],
                )
            }
        }
    }
}
