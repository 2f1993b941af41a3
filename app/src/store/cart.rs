//! `/s/{store}/cart`: the buyer's cart, kept on the server per ordering
//! account. Every control is a plain form posting to `/s/{store}/cart`, so
//! the cart works without JavaScript; with it, the quantity steppers are an
//! island that changes a line in place and updates the totals.

use crate::api::cart::{cart, set_cart_line};
use crate::components::Loading;
use crate::domain::cart::{CartLineView, CartView};
use crate::domain::money::format_cny;
use crate::error::AppError;
use crate::i18n::{Lang, OrderMsg};
use crate::page::use_lang;
use crate::store::{error_view, use_store_slug};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CartPage() -> impl IntoView {
    let lang = use_lang();
    let store = use_store_slug();
    let data = Resource::new(move || store.get(), cart);
    view! {
        <section class="cart">
            <h1>{OrderMsg::Cart.text(lang)}</h1>
            <Notice/>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let store = store.get_untracked();
                    match data.await {
                        Ok(c) => view! { <CartView c store lang/> }.into_any(),
                        Err(err) => error_view(err),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The message a form post came back with (`?error=`: an error's JSON),
/// in the reader's language. Shown without setting the page's status: the
/// page itself is fine.
#[component]
pub fn Notice() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let err = query
        .read_untracked()
        .get("error")
        .and_then(|json| parse_error(&json));
    err.map(|err| {
        view! { <p class="error" role="alert" data-code=err.code()>{err.message(lang)}</p> }
    })
}

#[cfg(feature = "ssr")]
fn parse_error(json: &str) -> Option<AppError> {
    serde_json::from_str(json).ok()
}

/// Pages read the query on the server; islands never show this.
#[cfg(not(feature = "ssr"))]
fn parse_error(_json: &str) -> Option<AppError> {
    None
}

#[component]
fn CartView(c: CartView, store: String, lang: Lang) -> impl IntoView {
    if c.lines.is_empty() {
        return view! {
            <div class="empty">
                <p>{OrderMsg::CartIsEmpty.text(lang)}</p>
                <a class="button primary" href=format!("/s/{store}")>{OrderMsg::BrowseProducts.text(lang)}</a>
                " "
                <a class="button" href=format!("/s/{store}/quick")>{OrderMsg::QuickOrder.text(lang)}</a>
            </div>
        }
        .into_any();
    }
    let blocked = c
        .lines
        .iter()
        .any(|l| !l.notices.is_empty() || l.price.is_none());
    let lines = c
        .lines
        .into_iter()
        .map(|line| view! { <Line line store=store.clone() lang/> })
        .collect_view();
    view! {
        <ul class="cart-lines">{lines}</ul>
        <p class="total">
            {OrderMsg::Total.text(lang)}" "
            <strong id="cart-total" data-testid="cart-total">{format_cny(c.total)}</strong>
        </p>
        {blocked.then(|| view! { <p class="notice" role="note">{OrderMsg::ResolveNotices.text(lang)}</p> })}
        <a class="button primary block" href=format!("/s/{store}/checkout")>{OrderMsg::ToCheckout.text(lang)}</a>
    }
    .into_any()
}

#[component]
fn Line(line: CartLineView, store: String, lang: Lang) -> impl IntoView {
    let notices = line
        .notices
        .iter()
        .map(|n| view! { <p class="notice" data-notice=n.code()>{n.message(&line.product, lang)}</p> })
        .collect_view();
    let price = line
        .price
        .map(format_cny)
        .unwrap_or_else(|| OrderMsg::NotPriced.text(lang).to_string());
    let total = line.line_total.map(format_cny).unwrap_or_default();
    let labels = StepperLabels {
        quantity: OrderMsg::Quantity.text(lang).into(),
        less: OrderMsg::Less.text(lang).into(),
        more: OrderMsg::More.text(lang).into(),
        update: OrderMsg::Update.text(lang).into(),
        remove: OrderMsg::Remove.text(lang).into(),
    };
    view! {
        <li class="cart-line" data-sku=line.sku_id>
            <a class="name" href=format!("/s/{store}/p/{}", line.product_id)>{line.product.clone()}</a>
            <span class="meta">{line.sku_code.clone()}" · "{price}" / "{line.unit.clone()}</span>
            {notices}
            <LineStepper store sku_id=line.sku_id quantity=line.quantity moq=line.moq labels/>
            <span class="line-total" data-line-total=line.sku_id>{total}</span>
        </li>
    }
}

/// What the stepper says, handed over by the page so the island carries no
/// string table of its own.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct StepperLabels {
    pub quantity: String,
    pub less: String,
    pub more: String,
    pub update: String,
    pub remove: String,
}

/// A line's quantity: without JavaScript two forms (update, remove); with
/// it, − and + change the line at once, and the totals follow.
#[island]
fn LineStepper(
    store: String,
    sku_id: i64,
    quantity: i64,
    moq: i64,
    labels: StepperLabels,
) -> impl IntoView {
    let lang = use_lang();
    let qty = RwSignal::new(quantity);
    let error = RwSignal::new(None::<AppError>);
    // Steppers appear once the island runs; the update button is for pages
    // without JavaScript.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let action = format!("/s/{store}/cart");
    let back = format!("/s/{store}/cart");
    let send = move |n: i64| {
        let store = store.clone();
        leptos::task::spawn_local(async move {
            match set_cart_line(store, sku_id, n).await {
                Ok(c) => {
                    error.set(None);
                    qty.set(n);
                    dom::show_cart(&c, sku_id);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let send_less = send.clone();
    let send_more = send.clone();
    let send_typed = send.clone();
    let input_id = format!("qty-{sku_id}");
    view! {
        <form class="qty" method="post" action=action.clone()>
            <input type="hidden" name="op" value="set"/>
            <input type="hidden" name="sku_id" value=sku_id/>
            <input type="hidden" name="back" value=back.clone()/>
            <label class="sr-only" for=input_id.clone()>{labels.quantity.clone()}</label>
            {move || live.get().then(|| {
                let send = send_less.clone();
                view! {
                    <button type="button" class="step" aria-label=labels.less.clone()
                        disabled=move || qty.get() <= moq.max(1)
                        on:click=move |_| send(qty.get_untracked() - 1)>"−"</button>
                }
            })}
            <input id=input_id type="number" name="quantity" inputmode="numeric" min=moq.max(1)
                prop:value=move || qty.get().to_string()
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).trim().parse::<i64>() {
                        send_typed(n);
                    }
                }/>
            {move || live.get().then(|| {
                let send = send_more.clone();
                view! {
                    <button type="button" class="step" aria-label=labels.more.clone()
                        on:click=move |_| send(qty.get_untracked() + 1)>"+"</button>
                }
            })}
            <button type="submit" class="secondary" hidden=move || live.get()>{labels.update.clone()}</button>
        </form>
        <form class="remove" method="post" action=action on:submit=move |ev| {
            ev.prevent_default();
            send(0);
        }>
            <input type="hidden" name="op" value="set"/>
            <input type="hidden" name="sku_id" value=sku_id/>
            <input type="hidden" name="quantity" value="0"/>
            <input type="hidden" name="back" value=back/>
            <button type="submit" class="link">{labels.remove.clone()}</button>
        </form>
        <p class="error" role="alert">{move || error.get().map(|e| e.message(lang))}</p>
    }
}

/// The island's writes outside itself: the line's and the cart's totals and
/// the tab bar's count, from the cart the server answered.
mod dom {
    use crate::domain::cart::CartView;
    use crate::domain::money::format_cny;
    use leptos::prelude::document;

    pub fn show_cart(cart: &CartView, sku_id: i64) {
        let doc = document();
        let line = cart.lines.iter().find(|l| l.sku_id == sku_id);
        let selector = format!("[data-line-total=\"{sku_id}\"]");
        if let Ok(Some(el)) = doc.query_selector(&selector) {
            el.set_text_content(line.and_then(|l| l.line_total).map(format_cny).as_deref());
        }
        if line.is_none() {
            if let Ok(Some(li)) = doc.query_selector(&format!("li[data-sku=\"{sku_id}\"]")) {
                li.remove();
            }
        }
        if let Some(el) = doc.get_element_by_id("cart-total") {
            el.set_text_content(Some(&format_cny(cart.total)));
        }
        show_count(cart.count);
    }

    /// The tab bar's badge.
    pub fn show_count(count: i64) {
        if let Some(el) = document().get_element_by_id("cart-count") {
            el.set_text_content(Some(&count.to_string()));
            let _ = if count > 0 {
                el.remove_attribute("hidden")
            } else {
                el.set_attribute("hidden", "")
            };
        }
    }
}

pub use dom::show_count;
