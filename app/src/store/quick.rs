//! `/s/{store}/quick`: quick order, the B2B way to restock. One form with a
//! quantity box per SKU: the enterprise's usual items first (last quantity
//! filled in), then what a search found; one button puts every line with a
//! quantity into the cart. The search is a GET form, the list a POST to
//! `/s/{store}/quick`: both work without JavaScript.

use crate::api::cart::quick_order;
use crate::components::{Loading, PageTitle};
use crate::domain::cart::QuickOrderPage;
use crate::domain::money::format_cny;
use crate::i18n::{Lang, Msg, OrderMsg};
use crate::page::use_lang;
use crate::store::cart::Notice;
use crate::store::{error_view, use_store_slug};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn QuickOrderPage() -> impl IntoView {
    let lang = use_lang();
    let store = use_store_slug();
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let data = Resource::new(
        move || (store.get(), q.get()),
        |(store, q)| quick_order(store, q),
    );
    view! {
        <PageTitle text=OrderMsg::QuickOrder.text(lang)/>
        <section class="quick">
            <h1>{OrderMsg::QuickOrder.text(lang)}</h1>
            <Notice/>
            <form class="search" method="get" role="search">
                <input type="search" name="q" aria-label=OrderMsg::FindProducts.text(lang)
                    placeholder=OrderMsg::FindProducts.text(lang) prop:value=move || q.get() maxlength="100"/>
                <button type="submit">{Msg::Search.text(lang)}</button>
            </form>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let store = store.get_untracked();
                    match data.await {
                        Ok(page) => view! { <QuickForm page store lang/> }.into_any(),
                        Err(err) => error_view(err),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// One row: the SKU, its price, a quantity box named `qty_{sku}`.
fn row(sku_id: i64, title: String, meta: String, moq: i64, value: Option<i64>) -> impl IntoView {
    let id = format!("qty_{sku_id}");
    let (label_for, name) = (id.clone(), id.clone());
    view! {
        <li class="quick-line" data-sku=sku_id>
            <label for=label_for>
                <span class="name">{title}</span>
                <span class="meta">{meta}</span>
            </label>
            <input id=id name=name type="number" inputmode="numeric" min="0" step="1"
                placeholder=moq.to_string() value=value.map(|v| v.to_string())/>
        </li>
    }
}

#[component]
fn QuickForm(page: QuickOrderPage, store: String, lang: Lang) -> impl IntoView {
    let t = |m: OrderMsg| m.text(lang);
    let price = move |p: Option<i64>| {
        p.map(format_cny)
            .unwrap_or_else(|| t(OrderMsg::NotPriced).to_string())
    };
    let usual_empty = page.usual.is_empty();
    let usual_ids: Vec<i64> = page.usual.iter().map(|u| u.sku_id).collect();
    let usual = page
        .usual
        .into_iter()
        .map(|u| {
            let meta = format!(
                "{} · {} / {} · {} {} {}, {} {}",
                u.sku_code,
                price(u.price),
                u.unit,
                t(OrderMsg::LastTime),
                u.last_quantity,
                u.unit,
                u.days_ago,
                t(OrderMsg::DaysAgo)
            );
            row(u.sku_id, u.product, meta, u.moq, Some(u.last_quantity))
        })
        .collect_view();
    let found: Vec<_> = page
        .found
        .into_iter()
        .filter(|f| !usual_ids.contains(&f.sku_id))
        .collect();
    let found_any = !found.is_empty();
    let found = found
        .into_iter()
        .map(|f| {
            let meta = format!("{} · {} / {}", f.sku_code, price(f.price), f.unit);
            row(f.sku_id, f.product, meta, f.moq, None)
        })
        .collect_view();
    view! {
        <form class="form" method="post" action=format!("/s/{store}/quick") aria-label=t(OrderMsg::QuickOrder)>
            <h2>{t(OrderMsg::UsualItems)}</h2>
            {if usual_empty {
                view! { <p class="empty">{t(OrderMsg::NoUsualItems)}</p> }.into_any()
            } else {
                view! { <p class="hint">{t(OrderMsg::UsualHint)}</p><ul class="quick-lines">{usual}</ul> }.into_any()
            }}
            {found_any.then(|| view! {
                <h2>{t(OrderMsg::OtherProducts)}</h2>
                <ul class="quick-lines">{found}</ul>
            })}
            <button type="submit" class="primary block">{t(OrderMsg::PutInCart)}</button>
        </form>
    }
}
