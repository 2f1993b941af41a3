//! A product page: choose a SKU to see its price and stock.

use crate::api::catalogue::product;
use crate::components::{Loading, PageTitle};
use crate::domain::catalogue::{ProductDetail, SkuView};
use crate::domain::money::format_cny;
use crate::domain::stock::StockState;
use crate::error::CatalogueError;
use crate::i18n::{Lang, Msg};
use crate::page::use_lang;
use crate::store::{error_view, use_store_slug};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub fn stock_label(s: StockState, lang: Lang) -> &'static str {
    lang.t(match s {
        StockState::InStock => Msg::InStock,
        StockState::Low => Msg::LowStock,
        StockState::Out => Msg::OutOfStock,
    })
}

#[component]
pub fn ProductPage() -> impl IntoView {
    let store = use_store_slug();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i64>().ok()));
    let data = Resource::new(
        move || (store.get(), id.get()),
        |(store, id)| async move {
            match id {
                Some(id) => product(store, id).await,
                None => Err(CatalogueError::ProductNotFound.into()),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <ProductView p/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductView(p: ProductDetail) -> impl IntoView {
    let lang = use_lang();
    view! {
        <PageTitle text=p.name.clone()/>
        <article class="product">
            <p class="crumbs">{p.category.clone()}</p>
            <h1>{p.name.clone()}</h1>
            {p.image.clone().map(|image| view! {
                <img class="photo" src=format!("/media/{image}") alt=p.name.clone() width="375" height="375"/>
            })}
            <SkuChooser skus=p.skus/>
            <dl class="facts">
                <dt>{lang.t(Msg::Unit)}</dt><dd>{p.unit.clone()}</dd>
                <dt>{lang.t(Msg::MinOrder)}</dt><dd>{p.moq}" "{p.unit.clone()}</dd>
            </dl>
            <p class="description">{p.description.clone()}</p>
        </article>
    }
}

/// Price, stock and the SKU buttons: the product page's interactive island.
#[island]
fn SkuChooser(skus: Vec<SkuView>) -> impl IntoView {
    let lang = use_lang();
    let skus = StoredValue::new(skus);
    // Preselect the first SKU that can be bought.
    let first = skus.with_value(|s| {
        s.iter()
            .position(|k| k.stock != StockState::Out)
            .unwrap_or(0)
    });
    let selected = RwSignal::new(first);
    let price = move || {
        skus.with_value(|s| s.get(selected.get()).and_then(|k| k.price))
            .map(format_cny)
            .unwrap_or_else(|| lang.t(Msg::PriceOnRequest).to_string())
    };
    let stock = move || {
        skus.with_value(|s| s.get(selected.get()).map(|k| k.stock))
            .unwrap_or(StockState::Out)
    };
    let stock_class = move || match stock() {
        StockState::InStock => "stock instock",
        StockState::Low => "stock low",
        StockState::Out => "stock out",
    };
    let chips = skus.with_value(|s| {
        s.iter()
            .enumerate()
            .map(|(i, sku)| {
                view! {
                    <button type="button" class="chip"
                        aria-pressed=move || (selected.get() == i).to_string()
                        on:click=move |_| selected.set(i)>
                        {sku.label()}
                    </button>
                }
            })
            .collect_view()
    });
    view! {
        <p class="price big" data-testid="price" aria-live="polite">{price}</p>
        <p class=stock_class>{move || stock_label(stock(), lang)}</p>
        <fieldset class="skus">
            <legend>{lang.t(Msg::ChooseSpec)}</legend>
            {chips}
        </fieldset>
    }
}
