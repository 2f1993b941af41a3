//! (ssr) A page of the store's catalogue. Which products a filter matches
//! (and so how many) is the same for every viewer of a store until one of
//! its products changes, so each app server keeps those lists under the
//! store's shelf version, which the database counts up on every such change
//! (migration 0018) and which comes with the store on every request. The
//! cards, with each viewer's own prices and the stock, are read fresh for
//! every page: nothing priced is kept.

use crate::db::catalogue::{self as cat, ProductFilter};
use crate::db::tenants::Tenant;
use crate::domain::catalogue::ProductCard;
use crate::domain::pricing::PriceLists;
use crate::error::AppError;
use sqlx::AnyConnection;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

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
/// A list of an older version is never asked for again and ages out.
#[derive(Default)]
pub struct Shelves {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    lists: HashMap<ShelfKey, Arc<[i64]>>,
    order: VecDeque<ShelfKey>,
    ids: usize,
}

impl Kept {
    fn put(&mut self, key: ShelfKey, list: Arc<[i64]>) {
        if list.len() > MAX_IDS || self.lists.contains_key(&key) {
            return;
        }
        while self.ids + list.len() > MAX_IDS || self.lists.len() >= MAX_LISTS {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            if let Some(gone) = self.lists.remove(&oldest) {
                self.ids -= gone.len();
            }
        }
        self.ids += list.len();
        self.order.push_back(key.clone());
        self.lists.insert(key, list);
    }
}

impl Shelves {
    fn kept(&self) -> MutexGuard<'_, Kept> {
        // Nothing panics while holding the lock; a poisoned one is still sound.
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }

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
        if let Some(list) = self.kept().lists.get(&key) {
            return Ok(list.clone());
        }
        let list: Arc<[i64]> = cat::matching_ids(conn, tenant.id, filter).await?.into();
        self.kept().put(key, list.clone());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: i64) -> ShelfKey {
        ShelfKey {
            tenant_id: 1,
            shelf_version: n,
            category: None,
            search: String::new(),
        }
    }

    fn list(len: usize) -> Arc<[i64]> {
        vec![0; len].into()
    }

    #[test]
    fn the_oldest_lists_make_room_so_the_ids_kept_stay_under_the_bound() {
        let mut kept = Kept::default();
        kept.put(key(1), list(MAX_IDS / 2));
        kept.put(key(2), list(MAX_IDS / 2));
        kept.put(key(3), list(10));
        assert!(kept.ids <= MAX_IDS, "{}", kept.ids);
        assert!(!kept.lists.contains_key(&key(1)));
        assert!(kept.lists.contains_key(&key(2)) && kept.lists.contains_key(&key(3)));
        // A list bigger than the bound is not kept at all.
        kept.put(key(4), list(MAX_IDS + 1));
        assert!(!kept.lists.contains_key(&key(4)));
    }

    #[test]
    fn no_more_lists_than_the_bound_are_kept() {
        let mut kept = Kept::default();
        for n in 0..(MAX_LISTS as i64 + 10) {
            kept.put(key(n), list(1));
        }
        assert_eq!(kept.lists.len(), MAX_LISTS);
        assert_eq!(kept.order.len(), MAX_LISTS);
        assert_eq!(kept.ids, MAX_LISTS);
        assert!(kept.lists.contains_key(&key(MAX_LISTS as i64 + 9)));
        assert!(!kept.lists.contains_key(&key(0)));
    }
}
