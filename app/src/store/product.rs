//! A product page: choose a SKU to see its price and stock.

use crate::api::cart::add_to_cart;
use crate::api::catalogue::product;
use crate::components::{Loading, PageTitle};
use crate::domain::catalogue::{ProductDetail, SkuView};
use crate::domain::money::format_cny;
use crate::domain::stock::StockState;
use crate::error::AppError;
use crate::error::CatalogueError;
use crate::i18n::OrderMsg;
use crate::i18n::{Lang, Msg};
use crate::page::use_lang;
use crate::store::login_path;
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
    let labels = AddLabels {
        quantity: OrderMsg::Quantity.text(lang).into(),
        add: OrderMsg::AddToCart.text(lang).into(),
        added: OrderMsg::Added.text(lang).into(),
    };
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
            <SkuChooser store=use_store_slug().get_untracked() product_id=p.id skus=p.skus moq=p.moq labels/>
            <dl class="facts">
                <dt>{lang.t(Msg::Unit)}</dt><dd>{p.unit.clone()}</dd>
                <dt>{lang.t(Msg::MinOrder)}</dt><dd>{p.moq}" "{p.unit.clone()}</dd>
            </dl>
            <p class="description">{p.description.clone()}</p>
        </article>
    }
}

/// What the add-to-cart form says, handed over by the page so the island
/// carries no string table of its own.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct AddLabels {
    pub quantity: String,
    pub add: String,
    pub added: String,
}

/// Price, stock, the SKU choice and "add to cart": the product page's
/// island. It is one form posting to `/s/{store}/cart`: without JavaScript
/// the SKUs are radio buttons and the post adds the line (a guest is sent to
/// log in and back); with it, the price follows the chosen SKU and adding
/// happens in place, updating the cart count.
#[island]
fn SkuChooser(
    store: String,
    product_id: i64,
    skus: Vec<SkuView>,
    moq: i64,
    labels: AddLabels,
) -> impl IntoView {
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
                    <label class="chip">
                        <input type="radio" name="sku_id" value=sku.id checked=i == first
                            on:change=move |_| selected.set(i)/>
                        {sku.label()}
                    </label>
                }
            })
            .collect_view()
    });
    let qty = RwSignal::new(moq.max(1));
    let status = RwSignal::new(None::<Result<(), AppError>>);
    let action = format!("/s/{store}/cart");
    let back = format!("/s/{store}/p/{product_id}");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(sku_id) = skus.with_value(|s| s.get(selected.get_untracked()).map(|k| k.id))
        else {
            return;
        };
        let store = store.clone();
        let here = back_path(&store, product_id);
        leptos::task::spawn_local(async move {
            match add_to_cart(store.clone(), sku_id, qty.get_untracked()).await {
                Ok(cart) => {
                    crate::store::cart::show_count(cart.count);
                    status.set(Some(Ok(())));
                }
                Err(AppError::NotLoggedIn) => {
                    let _ = window().location().set_href(&login_path(&store, &here));
                }
                Err(e) => status.set(Some(Err(e))),
            }
        });
    };
    view! {
        <p class="price big" data-testid="price" aria-live="polite">{price}</p>
        <p class=stock_class>{move || stock_label(stock(), lang)}</p>
        <form class="add-to-cart" method="post" action=action on:submit=on_submit>
            <input type="hidden" name="back" value=back/>
            <fieldset class="skus">
                <legend>{lang.t(Msg::ChooseSpec)}</legend>
                {chips}
            </fieldset>
            <label class="qty">
                {labels.quantity.clone()}
                <input type="number" name="quantity" inputmode="numeric" min=moq.max(1)
                    prop:value=move || qty.get().to_string()
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<i64>() {
                            qty.set(n);
                        }
                    }/>
            </label>
            <button type="submit" class="primary">{labels.add.clone()}</button>
            <p role="status" class="added">
                {move || matches!(status.get(), Some(Ok(()))).then(|| labels.added.clone())}
            </p>
            <p class="error" role="alert">
                {move || status.get().and_then(Result::err).map(|e| e.message(lang))}
            </p>
        </form>
    }
}

fn back_path(store: &str, product_id: i64) -> String {
    format!("/s/{store}/p/{product_id}")
}
