//! Plain rules shared by the browser and the server. Nothing here touches the
//! database or the DOM, so it compiles for both targets and is unit-tested.

pub mod accounts;
pub mod addresses;
pub mod auth;
pub mod branding;
pub mod cart;
pub mod catalogue;
pub mod catalogue_admin;
pub mod credentials;
pub mod csv;
pub mod enterprises;
pub mod entry;
pub mod layout;
pub mod list;
pub mod lite;
pub mod menu;
pub mod money;
pub mod ordering_accounts;
pub mod orders;
pub mod permissions;
pub mod prices;
pub mod pricing;
pub mod registration;
pub mod roles;
pub mod settings;
pub mod staff;
pub mod stock;
pub mod teams;
pub mod time;
pub mod validate;

/// (ssr) How the wire types' `bool` fields read a yes/no column or expression. PostgreSQL answers `BOOLEAN`; SQLite has
/// no boolean type and answers 0 or 1, which the `Any` driver hands over as
/// an integer. Decode either as this and convert with `.into()` (or
/// `#[sqlx(try_from = "Flag")]` on a `bool` field).
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag(pub bool);

#[cfg(feature = "ssr")]
impl From<Flag> for bool {
    fn from(f: Flag) -> bool {
        f.0
    }
}

#[cfg(feature = "ssr")]
impl sqlx::Type<sqlx::Any> for Flag {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <bool as sqlx::Type<sqlx::Any>>::type_info()
    }

    fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
        <bool as sqlx::Type<sqlx::Any>>::compatible(ty)
            || <i64 as sqlx::Type<sqlx::Any>>::compatible(ty)
    }
}

#[cfg(feature = "ssr")]
impl<'r> sqlx::Decode<'r, sqlx::Any> for Flag {
    fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        match <bool as sqlx::Decode<sqlx::Any>>::decode(value.clone()) {
            Ok(b) => Ok(Flag(b)),
            Err(_) => <i64 as sqlx::Decode<sqlx::Any>>::decode(value).map(|n| Flag(n != 0)),
        }
    }
}
