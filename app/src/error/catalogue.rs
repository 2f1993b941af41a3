//! The store and its catalogue.

use crate::i18n::{ErrMsg, Lang};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    #[error("store not found")]
    StoreNotFound,
    #[error("product not found")]
    ProductNotFound,
}

impl CatalogueError {
    /// Stable machine-readable code; matches the serialized `code` tag.
    pub fn code(&self) -> &'static str {
        match self {
            CatalogueError::StoreNotFound => "store_not_found",
            CatalogueError::ProductNotFound => "product_not_found",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            CatalogueError::StoreNotFound => 404,
            CatalogueError::ProductNotFound => 404,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let text = |m: ErrMsg| m.text(lang).to_string();
        match self {
            CatalogueError::StoreNotFound => text(ErrMsg::StoreNotFound),
            CatalogueError::ProductNotFound => text(ErrMsg::ProductNotFound),
        }
    }
}
