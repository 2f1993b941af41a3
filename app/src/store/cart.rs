//! `/s/{store}/cart`: the buyer's cart, kept on the server per ordering
//! account. Every control is a plain form posting to `/s/{store}/cart`, so
//! the cart works without JavaScript; with it, the quantity steppers are an
//! island that changes a line in place and updates the totals.

use crate::api::cart::{add_to_cart, cart};
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
        <CartControls>
            <ul class="cart-lines">{lines}</ul>
        </CartControls>
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
    let t = |m: OrderMsg| m.text(lang);
    let sku = line.sku_id;
    let notices = line
        .notices
        .iter()
        .map(|n| view! { <p class="notice" data-notice=n.code()>{n.message(&line.product, lang)}</p> })
        .collect_view();
    let price = line
        .price
        .map(format_cny)
        .unwrap_or_else(|| t(OrderMsg::NotPriced).to_string());
    let total = line.line_total.map(format_cny).unwrap_or_default();
    let action = format!("/s/{store}/cart");
    let back = format!("/s/{store}/cart");
    let (form_id, input_id) = (format!("qty-form-{sku}"), format!("qty-{sku}"));
    let step = move |delta: i64, label: &'static str, text: &'static str| {
        // Shown by the cart's island; without JavaScript the update button does it.
        view! {
            <button type="button" class="step" hidden data-sku=sku data-delta=delta aria-label=label>{text}</button>
        }
    };
    view! {
        <li class="cart-line" data-sku=sku>
            <a class="name" href=format!("/s/{store}/p/{}", line.product_id)>{line.product.clone()}</a>
            <span class="meta">{line.sku_code.clone()}" · "{price}" / "{line.unit.clone()}</span>
            {notices}
            <form class="qty" id=form_id.clone() method="post" action=action.clone()>
                <input type="hidden" name="op" value="set"/>
                <input type="hidden" name="sku_id" value=sku/>
                <input type="hidden" name="back" value=back.clone()/>
                <label class="sr-only" for=input_id.clone()>{t(OrderMsg::Quantity)}</label>
                {step(-1, t(OrderMsg::Less), "\u{2212}")}
                <input id=input_id type="number" name="quantity" inputmode="numeric" data-sku=sku
                    min=line.moq.max(1) value=line.quantity/>
                {step(1, t(OrderMsg::More), "+")}
                <button type="submit" class="secondary update">{t(OrderMsg::Update)}</button>
            </form>
            <form class="remove" method="post" action=action>
                <input type="hidden" name="op" value="set"/>
                <input type="hidden" name="sku_id" value=sku/>
                <input type="hidden" name="quantity" value="0"/>
                <input type="hidden" name="back" value=back/>
                <button type="submit" class="link">{t(OrderMsg::Remove)}</button>
            </form>
            <span class="line-total" data-line-total=sku>{total}</span>
            <p class="error" role="alert" data-line-error=sku></p>
        </li>
    }
}

/// The store's ordering island, around server-rendered forms it listens
/// to: the product page's add-to-cart form adds in place, and the cart's
/// lines change as soon as a − or + is pressed or a quantity typed. Each
/// answer updates the line, the totals and the tab bar's count. It reads and
/// writes the DOM instead of rendering the forms, has no props (the store is
/// in the address) and calls one server function, all to keep the store's
/// WASM small.
#[island]
pub fn CartControls(children: Children) -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| dom::go_live());
    let send = move |sku_id: i64, delta: i64, from_product_page: bool| {
        let store = dom::store_slug();
        leptos::task::spawn_local(async move {
            match add_to_cart(store.clone(), sku_id, delta).await {
                Ok(change) if from_product_page => dom::show_added(change),
                Ok(change) => dom::show_line(sku_id, change),
                Err(AppError::NotLoggedIn) => dom::to_login(&store),
                Err(e) if from_product_page => dom::add_error(&e.message(lang)),
                Err(e) => dom::line_error(sku_id, &e.message(lang)),
            }
        });
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some((sku_id, delta)) = dom::stepped(&ev) {
            send(sku_id, delta, false);
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        if let Some((sku_id, delta)) = dom::typed(&ev) {
            send(sku_id, delta, false);
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if let Some((sku_id, quantity)) = dom::added(&ev) {
            ev.prevent_default();
            send(sku_id, quantity, true);
        }
    };
    view! {
        <div class="cart-controls" on:click=on_click on:change=on_change on:submit=on_submit>
            {children()}
        </div>
    }
}

/// The islands' reads and writes of the server-rendered store pages.
pub mod dom {
    use crate::domain::cart::CartChange;
    use crate::domain::money::format_cny;
    use leptos::prelude::{document, window};
    use web_sys::wasm_bindgen::JsCast;
    use web_sys::{Element, FormData, HtmlFormElement, HtmlInputElement};

    /// Where the add-to-cart form says "added" and shows a refusal.
    pub const ADDED_ID: &str = "added";
    pub const ADD_ERROR_ID: &str = "add-error";

    /// The store of this page: `/s/{store}/…`.
    pub fn store_slug() -> String {
        let path = window().location().pathname().unwrap_or_default();
        path.split('/').nth(2).unwrap_or_default().to_string()
    }

    pub fn to_login(store: &str) {
        let here = window().location().pathname().unwrap_or_default();
        let _ = window()
            .location()
            .set_href(&crate::store::login_path(store, &here));
    }

    fn set_text(selector: &str, text: Option<&str>) {
        if let Ok(Some(el)) = document().query_selector(selector) {
            el.set_text_content(text);
        }
    }

    fn set_hidden(el: &Element, hidden: bool) {
        let _ = if hidden {
            el.set_attribute("hidden", "")
        } else {
            el.remove_attribute("hidden")
        };
    }

    /// Shows or hides an element by id, with `text` when given.
    fn reveal(id: &str, show: bool, text: Option<&str>) {
        if let Some(el) = document().get_element_by_id(id) {
            if text.is_some() {
                el.set_text_content(text);
            }
            set_hidden(&el, !show);
        }
    }

    /// The steppers appear, the update buttons go: changes apply at once.
    pub fn go_live() {
        let each = |selector: &str, hidden: bool| {
            if let Ok(list) = document().query_selector_all(selector) {
                for i in 0..list.length() {
                    if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        set_hidden(&el, hidden);
                    }
                }
            }
        };
        each(".cart-line .step", false);
        each(".cart-line .update", true);
    }

    fn input_of(sku_id: i64) -> Option<HtmlInputElement> {
        document()
            .query_selector(&format!("input[data-sku=\"{sku_id}\"]"))
            .ok()??
            .dyn_into()
            .ok()
    }

    /// The quantity the server last confirmed for a line.
    fn confirmed(input: &HtmlInputElement) -> i64 {
        input.default_value().trim().parse().unwrap_or(0)
    }

    /// A − or + click: the line and the step, unless it would go under the
    /// minimum.
    pub fn stepped(ev: &web_sys::MouseEvent) -> Option<(i64, i64)> {
        let button = ev
            .target()?
            .dyn_into::<Element>()
            .ok()?
            .closest(".step")
            .ok()??;
        let sku_id = button.get_attribute("data-sku")?.parse().ok()?;
        let delta: i64 = button.get_attribute("data-delta")?.parse().ok()?;
        let input = input_of(sku_id)?;
        let min = input.min().parse::<i64>().unwrap_or(1).max(1);
        (confirmed(&input) + delta >= min).then_some((sku_id, delta))
    }

    /// A typed quantity, once the field is left: the difference to the
    /// confirmed one.
    pub fn typed(ev: &web_sys::Event) -> Option<(i64, i64)> {
        let input = ev.target()?.dyn_into::<HtmlInputElement>().ok()?;
        let sku_id = input.get_attribute("data-sku")?.parse().ok()?;
        let typed: i64 = input.value().trim().parse().ok()?;
        let delta = typed - confirmed(&input);
        (delta != 0).then_some((sku_id, delta))
    }

    /// The SKU and quantity of a submitted add-to-cart form.
    pub fn added(ev: &web_sys::SubmitEvent) -> Option<(i64, i64)> {
        let form = ev.target()?.dyn_into::<HtmlFormElement>().ok()?;
        if !form.class_list().contains("add-to-cart") {
            return None;
        }
        let data = FormData::new_with_form(&form).ok()?;
        let sku = data.get("sku_id").as_string()?.parse().ok()?;
        let quantity: i64 = data.get("quantity").as_string()?.trim().parse().ok()?;
        // Anything else goes to the server as a plain post, which says why not.
        (quantity > 0).then_some((sku, quantity))
    }

    pub fn show_line(sku_id: i64, change: CartChange) {
        if let Some(input) = input_of(sku_id) {
            let n = change.quantity.to_string();
            input.set_default_value(&n);
            input.set_value(&n);
        }
        let line_total = change.line_total.map(format_cny);
        set_text(
            &format!("[data-line-total=\"{sku_id}\"]"),
            line_total.as_deref(),
        );
        set_text(&format!("[data-line-error=\"{sku_id}\"]"), None);
        set_text("#cart-total", Some(&format_cny(change.total)));
        show_count(change.count);
    }

    pub fn line_error(sku_id: i64, message: &str) {
        // The field goes back to what the cart holds.
        if let Some(input) = input_of(sku_id) {
            input.set_value(&confirmed(&input).to_string());
        }
        set_text(&format!("[data-line-error=\"{sku_id}\"]"), Some(message));
    }

    pub fn show_added(change: CartChange) {
        show_count(change.count);
        reveal(ADD_ERROR_ID, false, None);
        reveal(ADDED_ID, true, None);
    }

    pub fn add_error(message: &str) {
        reveal(ADDED_ID, false, None);
        reveal(ADD_ERROR_ID, true, Some(message));
    }

    /// The tab bar's badge.
    fn show_count(count: i64) {
        if let Some(el) = document().get_element_by_id("cart-count") {
            el.set_text_content(Some(&count.to_string()));
            set_hidden(&el, count == 0);
        }
    }
}
