//! A product page: choose a SKU to see its price and stock, and add it to
//! the cart.

use crate::api::catalogue::product;
use crate::components::{Loading, PageTitle};
use crate::domain::catalogue::{ProductDetail, SkuView};
use crate::domain::money::format_cny;
use crate::domain::stock::StockState;
use crate::error::CatalogueError;
use crate::i18n::OrderMsg;
use crate::i18n::{Lang, Msg};
use crate::page::use_lang;
use crate::store::cart::{dom, CartControls};
use crate::store::{error_view, use_store_slug};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

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
    let added = use_query_map().read_untracked().get("added").is_some();
    let store = use_store_slug().get_untracked();
    view! {
        <PageTitle text=p.name.clone()/>
        <article class="product">
            <p class="crumbs">{p.category.clone()}</p>
            <h1>{p.name.clone()}</h1>
            {p.image.clone().map(|image| view! {
                <img class="photo" src=format!("/media/{image}") alt=p.name.clone() width="375" height="375"/>
            })}
            <crate::store::cart::Notice/>
            {added.then(|| view! { <p class="added" role="status">{OrderMsg::Added.text(lang)}</p> })}
            <SkuChooser skus=p.skus.clone()>
                <CartControls>
                    <AddToCart store product_id=p.id skus=p.skus moq=p.moq/>
                </CartControls>
            </SkuChooser>
            <dl class="facts">
                <dt>{lang.t(Msg::Unit)}</dt><dd>{p.unit.clone()}</dd>
                <dt>{lang.t(Msg::MinOrder)}</dt><dd>{p.moq}" "{p.unit.clone()}</dd>
            </dl>
            <p class="description">{p.description.clone()}</p>
        </article>
    }
}

/// The add-to-cart form as the server renders it: the SKUs as radio
/// buttons, a quantity, the button; it posts to `/s/{store}/cart`, so it
/// works without JavaScript (a guest is sent to log in and back).
#[component]
fn AddToCart(store: String, product_id: i64, skus: Vec<SkuView>, moq: i64) -> impl IntoView {
    let lang = use_lang();
    let first = first_buyable(&skus);
    let chips = skus
        .iter()
        .enumerate()
        .map(|(i, sku)| {
            view! {
                <label class="chip">
                    <input type="radio" name="sku_id" value=sku.id checked=i == first/>
                    {sku.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="add-to-cart" method="post" action=format!("/s/{store}/cart")>
            <input type="hidden" name="back" value=format!("/s/{store}/p/{product_id}")/>
            <fieldset class="skus">
                <legend>{lang.t(Msg::ChooseSpec)}</legend>
                {chips}
            </fieldset>
            <label class="qty">
                {OrderMsg::Quantity.text(lang)}
                <input type="number" name="quantity" inputmode="numeric" min=moq.max(1) value=moq.max(1)/>
            </label>
            <button type="submit" class="primary">{OrderMsg::AddToCart.text(lang)}</button>
            <p id=dom::ADDED_ID class="added" role="status" hidden>{OrderMsg::Added.text(lang)}</p>
            <p id=dom::ADD_ERROR_ID class="error" role="alert" hidden></p>
        </form>
    }
}

/// The first SKU that can be bought, preselected.
fn first_buyable(skus: &[SkuView]) -> usize {
    skus.iter()
        .position(|k| k.stock != StockState::Out)
        .unwrap_or(0)
}

/// Price and stock of the chosen SKU: the product page's island, around
/// the server-rendered add-to-cart form (whose adding is the cart's island,
/// `CartControls`); a SKU radio button's change updates them in place.
#[island]
fn SkuChooser(skus: Vec<SkuView>, children: Children) -> impl IntoView {
    let lang = use_lang();
    let selected = RwSignal::new(first_buyable(&skus));
    let skus = StoredValue::new(skus);
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
    let on_change = move |ev: leptos::ev::Event| {
        let Some(id) = chosen_sku(&ev) else {
            return;
        };
        if let Some(i) = skus.with_value(|s| s.iter().position(|k| k.id == id)) {
            selected.set(i);
        }
    };
    view! {
        <p class="price big" data-testid="price" aria-live="polite">{price}</p>
        <p class=stock_class>{move || stock_label(stock(), lang)}</p>
        <div on:change=on_change>{children()}</div>
    }
}

/// The SKU a radio button change chose.
fn chosen_sku(ev: &web_sys::Event) -> Option<i64> {
    use web_sys::wasm_bindgen::JsCast;
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    (input.name() == "sku_id").then(|| input.value().parse().ok())?
}
