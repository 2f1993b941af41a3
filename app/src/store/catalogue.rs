//! The catalogue: categories, search, a paginated list of product cards.
//! Every control is a link or a GET form, so it all works before hydration.

use crate::api::catalogue::catalogue;
use crate::components::Loading;
use crate::domain::catalogue::{CataloguePage, ProductCard};
use crate::domain::money::format_cny;
use crate::i18n::{Lang, Msg};
use crate::page::{encode_component, use_lang};
use crate::store::{error_view, product::stock_label, use_store_slug};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Debug, PartialEq)]
struct Query {
    category: Option<i64>,
    q: String,
    page: u32,
}

impl Query {
    /// Builds the URL of this view with a different page or category.
    fn href(&self, base: &str, category: Option<i64>, page: u32) -> String {
        let mut params = Vec::new();
        if let Some(c) = category {
            params.push(format!("cat={c}"));
        }
        if !self.q.is_empty() {
            params.push(format!("q={}", encode_component(&self.q)));
        }
        if page > 1 {
            params.push(format!("page={page}"));
        }
        if params.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", params.join("&"))
        }
    }
}

#[component]
pub fn CataloguePage() -> impl IntoView {
    let lang = use_lang();
    let store = use_store_slug();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let m = query_map.read();
        Query {
            category: m.get("cat").and_then(|c| c.parse().ok()),
            q: m.get("q").unwrap_or_default(),
            page: m
                .get("page")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1)
                .max(1),
        }
    });
    let data = Resource::new(
        move || (store.get(), query.get()),
        |(store, q)| catalogue(store, q.category, q.q, q.page),
    );
    view! {
        <form class="search" method="get" role="search">
            <input type="search" name="q" aria-label=lang.t(Msg::SearchPlaceholder)
                placeholder=lang.t(Msg::SearchPlaceholder) prop:value=move || query.get().q maxlength="100"/>
            <button type="submit">{lang.t(Msg::Search)}</button>
        </form>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let q = query.get_untracked();
                let base = format!("/s/{}", store.get_untracked());
                match data.await {
                    Ok(page) => view! { <CatalogueView page q base lang/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CatalogueView(page: CataloguePage, q: Query, base: String, lang: Lang) -> impl IntoView {
    let pages = page.page_count();
    let cats = page.categories.iter().map(|c| {
        let current = q.category == Some(c.id);
        view! {
            <a class="chip" aria-current=current.then_some("page") href=q.href(&base, Some(c.id), 1)>{c.name.clone()}</a>
        }
    }).collect_view();
    let all_current = q.category.is_none();
    let items = if page.items.is_empty() {
        view! { <p class="empty">{lang.t(Msg::NoProducts)}</p> }.into_any()
    } else {
        let cards = page
            .items
            .into_iter()
            .map(|p| view! { <Card p base=base.clone() lang/> })
            .collect_view();
        view! { <ul class="grid">{cards}</ul> }.into_any()
    };
    let prev = (page.page > 1).then(|| q.href(&base, q.category, page.page - 1));
    let next = (page.page < pages).then(|| q.href(&base, q.category, page.page + 1));
    view! {
        <nav class="categories" aria-label=lang.t(Msg::CategoriesNav)>
            <a class="chip" aria-current=all_current.then_some("page") href=q.href(&base, None, 1)>{lang.t(Msg::AllCategories)}</a>
            {cats}
        </nav>
        <p class="count">{page.total}" "{lang.t(Msg::Products)}</p>
        {items}
        {(pages > 1).then(|| view! {
            <nav class="pager" aria-label=lang.t(Msg::PagesNav)>
                {prev.map(|h| view! { <a rel="prev" href=h>{lang.t(Msg::PrevPage)}</a> })}
                <span>{page.page}" / "{pages}</span>
                {next.map(|h| view! { <a rel="next" href=h>{lang.t(Msg::NextPage)}</a> })}
            </nav>
        })}
    }
}

#[component]
fn Card(p: ProductCard, base: String, lang: Lang) -> impl IntoView {
    let price = match p.price {
        Some(minor) if p.sku_count > 1 => format!("{} {}", format_cny(minor), lang.t(Msg::From)),
        Some(minor) => format_cny(minor),
        None => lang.t(Msg::PriceOnRequest).to_string(),
    };
    view! {
        <li class="card" data-product=p.id>
            <a href=format!("{base}/p/{}", p.id)>
                {match p.image {
                    Some(image) => view! {
                        <img class="thumb" src=format!("/media/{image}") alt="" loading="lazy" width="96" height="96"/>
                    }.into_any(),
                    None => view! {
                        <span class="thumb" aria-hidden="true">{p.name.chars().next().map(String::from)}</span>
                    }.into_any(),
                }}
                <span class="name">{p.name}</span>
                <span class="price">{price}</span>
                <span class="meta">"/"{p.unit}" · "{stock_label(p.stock, lang)}</span>
            </a>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_keep_search_and_drop_defaults() {
        let q = Query {
            category: Some(3),
            q: "奶 & 茶".into(),
            page: 2,
        };
        assert_eq!(
            q.href("/s/demo", Some(3), 1),
            "/s/demo?cat=3&q=%E5%A5%B6%20%26%20%E8%8C%B6"
        );
        let plain = Query {
            category: None,
            q: String::new(),
            page: 1,
        };
        assert_eq!(plain.href("/s/demo", None, 1), "/s/demo");
        assert_eq!(plain.href("/s/demo", None, 3), "/s/demo?page=3");
    }
}
