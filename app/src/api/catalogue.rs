//! Store catalogue: store header info, product list, product page.

use crate::domain::catalogue::*;
use crate::error::AppError;
use leptos::prelude::*;

/// (ssr) The price lists that apply to whoever is calling.
#[cfg(feature = "ssr")]
fn viewer_lists(
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
            guest_list: tenant.guest_price_list_id,
        },
    };
    Ok(price_lists_for(viewer, tenant.standard_price_list_id))
}

#[server(endpoint = "store_info")]
pub async fn store_info(store: String) -> Result<StoreView, AppError> {
    use super::ctx::*;
    let (state, tenant, user) = shopper(&store).await?;
    let cart_count = match &user {
        Some(u) if u.can_place_orders => crate::db::cart::count(&state.pool, u.user_id).await?,
        _ => 0,
    };
    let viewer = user.map(|u| u.contact_name);
    let prompt = match request_lang() {
        crate::i18n::Lang::Zh => &tenant.guest_prompt_zh,
        crate::i18n::Lang::En => &tenant.guest_prompt_en,
    };
    let guest_prompt =
        (viewer.is_none() && tenant.guest_mode && !prompt.is_empty()).then(|| prompt.clone());
    let logo = tenant.display_logo();
    Ok(StoreView {
        guest_prompt,
        logo,
        site: public_url(&state).unwrap_or_default(),
        slug: tenant.slug,
        name: tenant.display_name,
        notice: tenant.notice,
        viewer,
        cart_count,
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
    use crate::service::catalogue::product_page;
    if q.chars().count() > 100 {
        return Err(AppError::BadRequest {
            detail: "search too long".into(),
        });
    }
    let (state, tenant, user) = shopper(&store).await?;
    let lists = viewer_lists(&tenant, user)?;
    let filter = ProductFilter {
        category,
        search: &q,
    };
    let page = page.clamp(1, 100_000);
    let (limit, offset) = (PAGE_SIZE as usize, (page as usize - 1) * PAGE_SIZE as usize);
    // The page and the categories on one connection (see `ctx::store_and_viewer`).
    let mut conn = state.pool.acquire().await?;
    let found = product_page(
        &state.shelves,
        &mut conn,
        &tenant,
        lists,
        &filter,
        limit,
        offset,
    )
    .await?;
    Ok(CataloguePage {
        categories: cat::categories(&mut conn, tenant.id).await?,
        items: found.items,
        total: found.total,
        page,
        page_size: PAGE_SIZE,
    })
}

#[server(endpoint = "product")]
pub async fn product(store: String, id: i64) -> Result<ProductDetail, AppError> {
    use super::ctx::*;
    let (state, tenant, user) = shopper(&store).await?;
    let lists = viewer_lists(&tenant, user)?;
    crate::db::catalogue::product_detail(&mut *state.pool.acquire().await?, tenant.id, lists, id)
        .await
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
