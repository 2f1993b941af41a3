//! Named permissions and the system roles seeded for every brand.
//! Console server functions check one of these by name; a hidden button is
//! never the protection.

use serde::{Deserialize, Serialize};

macro_rules! permissions {
    ($($variant:ident => $code:literal),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Permission { $($variant),* }
        impl Permission {
            pub const ALL: &'static [Permission] = &[$(Permission::$variant),*];
            /// The stable name stored in the database and shown in the matrix.
            pub fn code(self) -> &'static str {
                match self { $(Permission::$variant => $code),* }
            }
            pub fn from_code(code: &str) -> Option<Permission> {
                match code { $($code => Some(Permission::$variant),)* _ => None }
            }
        }
    };
}

permissions! {
    // Console (brand staff)
    AccountsRead => "accounts.read",
    AccountsWrite => "accounts.write",
    OrderingAccountsWrite => "ordering_accounts.write",
    RolesWrite => "roles.write",
    CatalogueWrite => "catalogue.write",
    PricesWrite => "prices.write",
    OrdersRead => "orders.read",
    OrdersWrite => "orders.write",
    RegistrationsApprove => "registrations.approve",
    SettingsWrite => "settings.write",
    // Store (distributor staff)
    StoreCatalogueView => "store.catalogue.view",
    StorePricesView => "store.prices.view",
    StoreOrdersPlace => "store.orders.place",
    StoreOrdersViewOwn => "store.orders.view_own",
}

impl Permission {
    pub fn is_store(self) -> bool {
        self.code().starts_with("store.")
    }
}

/// Who a role is for: brand staff in the console, or distributor staff in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Console,
    Store,
}

impl Audience {
    pub fn code(self) -> &'static str {
        match self {
            Audience::Console => "console",
            Audience::Store => "store",
        }
    }
}

pub struct SystemRole {
    pub key: &'static str,
    pub name: &'static str,
    pub audience: Audience,
    pub permissions: &'static [Permission],
}

pub const STORE_ADMIN: &str = "store_admin";
pub const CHANNEL_ADMIN: &str = "channel_admin";
pub const ORDER_CLERK: &str = "order_clerk";
pub const ORDER_PERSONNEL: &str = "order_personnel";

use Permission::*;

/// Seeded for every brand; an admin may edit their permissions later.
pub const SYSTEM_ROLES: &[SystemRole] = &[
    SystemRole {
        key: STORE_ADMIN,
        name: "Store Admin",
        audience: Audience::Console,
        permissions: &[
            AccountsRead,
            AccountsWrite,
            OrderingAccountsWrite,
            RolesWrite,
            CatalogueWrite,
            PricesWrite,
            OrdersRead,
            OrdersWrite,
            RegistrationsApprove,
            SettingsWrite,
        ],
    },
    SystemRole {
        key: CHANNEL_ADMIN,
        name: "Channel Admin",
        audience: Audience::Console,
        permissions: &[
            AccountsRead,
            AccountsWrite,
            OrderingAccountsWrite,
            RegistrationsApprove,
        ],
    },
    SystemRole {
        key: ORDER_CLERK,
        name: "Order Clerk",
        audience: Audience::Console,
        permissions: &[OrdersRead, OrdersWrite],
    },
    SystemRole {
        key: ORDER_PERSONNEL,
        name: "Order Personnel",
        audience: Audience::Store,
        permissions: &[
            StoreCatalogueView,
            StorePricesView,
            StoreOrdersPlace,
            StoreOrdersViewOwn,
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for p in Permission::ALL {
            assert_eq!(Permission::from_code(p.code()), Some(*p));
            assert!(seen.insert(p.code()), "duplicate {}", p.code());
        }
        assert_eq!(Permission::from_code("nope"), None);
    }

    #[test]
    fn store_admin_has_every_console_permission() {
        let admin = SYSTEM_ROLES.iter().find(|r| r.key == STORE_ADMIN).unwrap();
        for p in Permission::ALL.iter().filter(|p| !p.is_store()) {
            assert!(admin.permissions.contains(p), "{p:?}");
        }
    }

    #[test]
    fn roles_only_hold_permissions_of_their_audience() {
        for role in SYSTEM_ROLES {
            for p in role.permissions {
                assert_eq!(
                    p.is_store(),
                    role.audience == Audience::Store,
                    "{} {p:?}",
                    role.key
                );
            }
        }
    }

    #[test]
    fn clerk_cannot_write_accounts() {
        let clerk = SYSTEM_ROLES.iter().find(|r| r.key == ORDER_CLERK).unwrap();
        assert!(!clerk.permissions.contains(&AccountsWrite));
    }
}
