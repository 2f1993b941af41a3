//! An order's life, as one state machine that the console, the store and the
//! server all follow:
//!
//! ```text
//! submitted ──confirm──▶ confirmed ──ship──▶ shipped ──confirm receipt──▶ completed
//!     │                      │
//!     └──────cancel──────────┴──▶ cancelled   (only before shipping)
//! ```
//!
//! Staff confirm, ship and cancel; the buyer confirms receipt. Submitting
//! reserves stock; shipping takes it out of stock; cancelling gives the
//! reservation back.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Submitted,
    Confirmed,
    Shipped,
    Completed,
    Cancelled,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderAction {
    Confirm,
    Ship,
    ConfirmReceipt,
    Cancel,
}

/// Who acts on an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// The brand's staff in the console.
    Staff,
    /// The distributor's ordering account in the store.
    Buyer,
}

/// What an action does to the SKUs' stock, line by line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StockEffect {
    None,
    /// The goods leave: stock and reservation both go down by the quantity.
    TakeOut,
    /// The reservation is given back: reserved goes down, stock stays.
    Release,
}

/// An action this order's status (or this actor) does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAllowed {
    pub from: OrderStatus,
    pub action: OrderAction,
}

pub const ALL_STATUSES: [OrderStatus; 5] = [
    OrderStatus::Submitted,
    OrderStatus::Confirmed,
    OrderStatus::Shipped,
    OrderStatus::Completed,
    OrderStatus::Cancelled,
];

pub const ALL_ACTIONS: [OrderAction; 4] = [
    OrderAction::Confirm,
    OrderAction::Ship,
    OrderAction::ConfirmReceipt,
    OrderAction::Cancel,
];

impl OrderStatus {
    /// As stored and sent.
    pub fn code(self) -> &'static str {
        match self {
            OrderStatus::Submitted => "submitted",
            OrderStatus::Confirmed => "confirmed",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Completed => "completed",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<OrderStatus> {
        ALL_STATUSES.into_iter().find(|s| s.code() == code)
    }

    /// The status after `action`, or why not.
    pub fn after(self, action: OrderAction) -> Result<OrderStatus, NotAllowed> {
        use OrderAction::*;
        use OrderStatus::*;
        match (self, action) {
            (Submitted, Confirm) => Ok(Confirmed),
            (Confirmed, Ship) => Ok(Shipped),
            (Shipped, ConfirmReceipt) => Ok(Completed),
            (Submitted | Confirmed, Cancel) => Ok(Cancelled),
            (from, action) => Err(NotAllowed { from, action }),
        }
    }

    /// Whether the goods are still held for this order.
    pub fn holds_stock(self) -> bool {
        matches!(self, OrderStatus::Submitted | OrderStatus::Confirmed)
    }
}

impl OrderAction {
    pub fn code(self) -> &'static str {
        match self {
            OrderAction::Confirm => "confirm",
            OrderAction::Ship => "ship",
            OrderAction::ConfirmReceipt => "confirm_receipt",
            OrderAction::Cancel => "cancel",
        }
    }

    pub fn from_code(code: &str) -> Option<OrderAction> {
        ALL_ACTIONS.into_iter().find(|a| a.code() == code)
    }

    /// Who may take this action: the buyer only confirms receipt.
    pub fn taken_by(self) -> Actor {
        match self {
            OrderAction::ConfirmReceipt => Actor::Buyer,
            OrderAction::Confirm | OrderAction::Ship | OrderAction::Cancel => Actor::Staff,
        }
    }

    pub fn stock_effect(self) -> StockEffect {
        match self {
            OrderAction::Ship => StockEffect::TakeOut,
            OrderAction::Cancel => StockEffect::Release,
            OrderAction::Confirm | OrderAction::ConfirmReceipt => StockEffect::None,
        }
    }
}

/// `actor` takes `action` on an order in status `from`: the new status, or
/// why not (the action is not theirs, or not from this status).
pub fn transition(
    from: OrderStatus,
    action: OrderAction,
    actor: Actor,
) -> Result<OrderStatus, NotAllowed> {
    if action.taken_by() != actor {
        return Err(NotAllowed { from, action });
    }
    from.after(action)
}

/// A brand's readable order number: its prefix, the day in China time and
/// the day's sequence, e.g. `DB20261201-0007`.
pub fn order_number(prefix: &str, yyyymmdd: u32, seq: u32) -> String {
    format!("{prefix}{yyyymmdd}-{seq:04}")
}

/// A store's order-number prefix from its slug: up to four ASCII letters,
/// upper-cased (`demo` → `DEMO`, `hua-dong` → `HUAD`), or `OL` for a slug
/// without any.
pub fn order_prefix(slug: &str) -> String {
    let letters: String = slug
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(4)
        .collect::<String>()
        .to_ascii_uppercase();
    if letters.is_empty() {
        "OL".to_string()
    } else {
        letters
    }
}

/// A row of an order list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub id: i64,
    pub number: String,
    pub status: OrderStatus,
    /// Fen.
    pub total: i64,
    /// Units ordered, all lines together.
    pub units: i64,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLineView {
    pub sku_id: i64,
    pub product: String,
    pub sku_code: String,
    pub unit_price: i64,
    pub quantity: i64,
    pub line_total: i64,
}

/// One step of an order's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderStep {
    pub status: OrderStatus,
    /// `submit` or an `OrderAction` code.
    pub action: String,
    pub note: String,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub summary: OrderSummary,
    pub recipient: String,
    pub phone: String,
    pub address: String,
    pub note: String,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub lines: Vec<OrderLineView>,
    pub history: Vec<OrderStep>,
}

/// A row of the console's order list: the order and who placed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleOrderRow {
    pub summary: OrderSummary,
    /// The distributor's account name.
    pub distributor: String,
    /// The ordering account's contact.
    pub buyer: String,
}

/// One day of the dashboard's chart (cancelled orders left out).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayTotal {
    /// Days since 1970-01-01, China time.
    pub day: i64,
    pub orders: i64,
    /// Fen.
    pub revenue: i64,
}

/// How many days the dashboard's chart covers, today included.
pub const DASHBOARD_DAYS: i64 = 30;

/// The console's overview of ordering.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Every one of the last [`DASHBOARD_DAYS`] days, oldest first, days
    /// without orders as zeros.
    pub days: Vec<DayTotal>,
    pub by_status: Vec<(OrderStatus, i64)>,
    pub recent: Vec<ConsoleOrderRow>,
}

/// Fills the days without orders in `[today - DASHBOARD_DAYS + 1, today]`.
pub fn every_day(today: i64, rows: &[DayTotal]) -> Vec<DayTotal> {
    (today - DASHBOARD_DAYS + 1..=today)
        .map(|day| {
            rows.iter()
                .find(|r| r.day == day)
                .cloned()
                .unwrap_or(DayTotal {
                    day,
                    orders: 0,
                    revenue: 0,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderAction::*;
    use OrderStatus::*;

    #[test]
    fn the_chart_has_every_day_with_zeros_between_orders() {
        let rows = [DayTotal {
            day: 100,
            orders: 2,
            revenue: 500,
        }];
        let days = every_day(100, &rows);
        assert_eq!(days.len(), 30);
        assert_eq!(days[0].day, 71);
        assert_eq!(days[29], rows[0]);
        assert_eq!(days[28].orders, 0);
    }

    /// Every (status, action) pair, allowed or refused, written out.
    #[test]
    fn every_transition_is_allowed_or_refused_as_drawn() {
        let allowed = [
            (Submitted, Confirm, Confirmed),
            (Submitted, Cancel, Cancelled),
            (Confirmed, Ship, Shipped),
            (Confirmed, Cancel, Cancelled),
            (Shipped, ConfirmReceipt, Completed),
        ];
        for from in ALL_STATUSES {
            for action in ALL_ACTIONS {
                let expected = allowed
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|(_, _, to)| *to)
                    .ok_or(NotAllowed { from, action });
                assert_eq!(from.after(action), expected, "{from:?} {action:?}");
            }
        }
    }

    #[test]
    fn finished_orders_take_no_action() {
        for action in ALL_ACTIONS {
            assert!(Completed.after(action).is_err());
            assert!(Cancelled.after(action).is_err());
        }
        // No cancelling once the goods have left.
        assert_eq!(
            Shipped.after(Cancel),
            Err(NotAllowed {
                from: Shipped,
                action: Cancel
            })
        );
    }

    #[test]
    fn staff_and_buyers_each_take_only_their_actions() {
        assert_eq!(transition(Submitted, Confirm, Actor::Staff), Ok(Confirmed));
        assert!(transition(Submitted, Confirm, Actor::Buyer).is_err());
        assert!(transition(Confirmed, Ship, Actor::Buyer).is_err());
        assert!(transition(Submitted, Cancel, Actor::Buyer).is_err());
        assert_eq!(
            transition(Shipped, ConfirmReceipt, Actor::Buyer),
            Ok(Completed)
        );
        assert!(transition(Shipped, ConfirmReceipt, Actor::Staff).is_err());
    }

    #[test]
    fn stock_follows_the_goods() {
        assert_eq!(Ship.stock_effect(), StockEffect::TakeOut);
        assert_eq!(Cancel.stock_effect(), StockEffect::Release);
        assert_eq!(Confirm.stock_effect(), StockEffect::None);
        assert_eq!(ConfirmReceipt.stock_effect(), StockEffect::None);
        // Exactly the statuses an action can leave with a reservation to
        // release or take out are the ones that hold stock.
        for from in ALL_STATUSES {
            for action in [Ship, Cancel] {
                if from.after(action).is_ok() {
                    assert!(from.holds_stock(), "{from:?} {action:?}");
                }
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for s in ALL_STATUSES {
            assert_eq!(OrderStatus::from_code(s.code()), Some(s));
        }
        for a in ALL_ACTIONS {
            assert_eq!(OrderAction::from_code(a.code()), Some(a));
        }
        assert_eq!(OrderStatus::from_code("lost"), None);
    }

    #[test]
    fn order_numbers_are_readable() {
        assert_eq!(order_number("DB", 20261201, 7), "DB20261201-0007");
        assert_eq!(order_number("DEMO", 20261231, 12345), "DEMO20261231-12345");
        assert_eq!(order_prefix("demo"), "DEMO");
        assert_eq!(order_prefix("hua-dong"), "HUAD");
        assert_eq!(order_prefix("db"), "DB");
        assert_eq!(order_prefix("2024"), "OL");
    }
}
