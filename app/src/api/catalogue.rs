//! Store catalogue: store header info, product list, product page.

use crate::domain::stock::StockState;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: u32 = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoreView {
    pub slug: String,
    pub name: String,
    pub notice: String,
    /// The logged-in distributor's name, or `None` for a guest.
    pub viewer: Option<String>,
    /// The brand's guidance for guests, in the reader's language (guests only,
    /// and only when the brand wrote one).
    pub guest_prompt: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryView {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub moq: i64,
    /// Lowest SKU price for this viewer, in fen.
    pub price: Option<i64>,
    pub sku_count: u32,
    pub stock: StockState,
    /// Image file under `/media/`, if the brand uploaded one.
    pub image: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CataloguePage {
    pub categories: Vec<CategoryView>,
    pub items: Vec<ProductCard>,
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
}

impl CataloguePage {
    pub fn page_count(&self) -> u32 {
        super::page_count(self.total, self.page_size)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkuView {
    pub id: i64,
    pub code: String,
    pub attrs: Vec<(String, String)>,
    pub price: Option<i64>,
    pub stock: StockState,
}

impl SkuView {
    pub fn label(&self) -> String {
        if self.attrs.is_empty() {
            self.code.clone()
        } else {
            self.attrs
                .iter()
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
                .join(" · ")
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub image: Option<String>,
    pub unit: String,
    pub moq: i64,
    pub category: Option<String>,
    pub skus: Vec<SkuView>,
}

/// (ssr) The price lists that apply to whoever is calling.
#[cfg(feature = "ssr")]
async fn viewer_lists(
    state: &crate::state::AppState,
    tenant: &crate::db::tenants::Tenant,
    user: Option<crate::db::auth::SessionUser>,
) -> Result<crate::domain::pricing::PriceLists, AppError> {
    use crate::domain::pricing::{price_lists_for, Viewer};
    let viewer = match user {
        // With guest mode off, only known buyers see the store.
        None if !tenant.guest_mode => return Err(AppError::NotLoggedIn),
        Some(user) if !user.can_see_prices => Viewer::NoPrices,
        Some(user) => Viewer::Distributor {
            account_list: user.account_price_list_id,
        },
        None => Viewer::Guest {
            guest_list: crate::db::tenants::guest_price_list(&state.pool, tenant).await?,
        },
    };
    Ok(price_lists_for(viewer, tenant.standard_price_list_id))
}

#[server(endpoint = "store_info")]
pub async fn store_info(store: String) -> Result<StoreView, AppError> {
    use super::ctx::*;
    let (_, tenant, user) = shopper(&store).await?;
    let viewer = user.map(|u| u.contact_name);
    let prompt = match request_lang() {
        crate::i18n::Lang::Zh => &tenant.guest_prompt_zh,
        crate::i18n::Lang::En => &tenant.guest_prompt_en,
    };
    let guest_prompt =
        (viewer.is_none() && tenant.guest_mode && !prompt.is_empty()).then(|| prompt.clone());
    Ok(StoreView {
        guest_prompt,
        slug: tenant.slug,
        name: tenant.name,
        notice: tenant.notice,
        viewer,
    })
}

#[server(endpoint = "catalogue")]
pub async fn catalogue(
    store: String,
    category: Option<i64>,
    q: String,
    page: u32,
) -> Result<CataloguePage, AppError> {
    use super::ctx::*;
    use crate::db::catalogue::{self as cat, ProductFilter};
    if q.chars().count() > 100 {
        return Err(AppError::BadRequest {
            detail: "search too long".into(),
        });
    }
    let (state, tenant, user) = shopper(&store).await?;
    let lists = viewer_lists(&state, &tenant, user).await?;
    let filter = ProductFilter {
        category,
        search: &q,
    };
    let page = page.clamp(1, 100_000);
    let total = cat::count_products(&state.pool, tenant.id, &filter).await?;
    let offset = i64::from(page - 1) * i64::from(PAGE_SIZE);
    let items = cat::product_page(
        &state.pool,
        tenant.id,
        lists,
        &filter,
        i64::from(PAGE_SIZE),
        offset,
    )
    .await?;
    Ok(CataloguePage {
        categories: cat::categories(&state.pool, tenant.id).await?,
        items,
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

#[server(endpoint = "product")]
pub async fn product(store: String, id: i64) -> Result<ProductDetail, AppError> {
    use super::ctx::*;
    let (state, tenant, user) = shopper(&store).await?;
    let lists = viewer_lists(&state, &tenant, user).await?;
    crate::db::catalogue::product_detail(&state.pool, tenant.id, lists, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_count_rounds_up() {
        let p = |total| CataloguePage {
            categories: vec![],
            items: vec![],
            total,
            page: 1,
            page_size: 20,
        };
        assert_eq!(p(0).page_count(), 0);
        assert_eq!(p(20).page_count(), 1);
        assert_eq!(p(21).page_count(), 2);
    }
}
