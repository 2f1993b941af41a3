//! (ssr) A page of the store's catalogue. Which products a filter matches
//! (and so how many) is the same for every viewer of a store until one of
//! its products changes, so each app server keeps those lists under the
//! store's shelf version, which the database counts up on every such change
//! (migration 0018) and which comes with the store on every request. The
//! cards, with each viewer's own prices and the stock, are read fresh for
//! every page here (a guest's whole page is kept by the server's
//! `page_cache`, under a version that prices and stock count up too).

use crate::db::catalogue::{self as cat, ProductFilter};
use crate::db::tenants::Tenant;
use crate::domain::catalogue::ProductCard;
use crate::domain::pricing::PriceLists;
use crate::error::AppError;
use crate::service::kept::Kept;
use sqlx::AnyConnection;
use std::sync::Arc;

/// Product ids kept over all lists at most (8 MB); a bigger store's list is
/// read afresh each time instead.
const MAX_IDS: usize = 1 << 20;
/// Lists kept at most: searches are many and mostly short.
const MAX_LISTS: usize = 4096;

/// One list: a store's filter as of one shelf version.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct ShelfKey {
    tenant_id: i64,
    shelf_version: i64,
    category: Option<i64>,
    search: String,
}

/// The product lists this server has read lately, oldest dropped first.
pub struct Shelves {
    kept: Kept<ShelfKey, Arc<[i64]>>,
}

impl Default for Shelves {
    fn default() -> Self {
        Shelves {
            kept: Kept::new(MAX_IDS, MAX_LISTS),
        }
    }
}

impl Shelves {
    /// The ids of the products `filter` matches in `tenant`'s store, in the
    /// order pages list them.
    async fn matching(
        &self,
        conn: &mut AnyConnection,
        tenant: &Tenant,
        filter: &ProductFilter<'_>,
    ) -> Result<Arc<[i64]>, AppError> {
        let key = ShelfKey {
            tenant_id: tenant.id,
            shelf_version: tenant.shelf_version,
            category: filter.category,
            search: filter.search.trim().to_string(),
        };
        if let Some(list) = self.kept.get(&key) {
            return Ok(list);
        }
        let list: Arc<[i64]> = cat::matching_ids(conn, tenant.id, filter).await?.into();
        self.kept.put(key, list.clone(), list.len());
        Ok(list)
    }
}

/// A page of product cards and the number of products the filter matches.
pub struct ProductPage {
    pub items: Vec<ProductCard>,
    pub total: i64,
}

/// The cards from `offset` (at most `limit`), priced by `lists`.
pub async fn product_page(
    shelves: &Shelves,
    conn: &mut AnyConnection,
    tenant: &Tenant,
    lists: PriceLists,
    filter: &ProductFilter<'_>,
    limit: usize,
    offset: usize,
) -> Result<ProductPage, AppError> {
    let ids = shelves.matching(conn, tenant, filter).await?;
    let start = offset.min(ids.len());
    let end = offset.saturating_add(limit).min(ids.len());
    Ok(ProductPage {
        items: cat::cards(conn, tenant.id, lists, &ids[start..end]).await?,
        total: i64::try_from(ids.len()).unwrap_or(i64::MAX),
    })
}
