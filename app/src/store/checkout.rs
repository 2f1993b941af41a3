//! `/s/{store}/checkout`: where the order goes, a note, the summary, one
//! button. A plain form posting to `/s/{store}/checkout` (with or without
//! JavaScript); it carries the cart's checkout key, so a double tap, a
//! resent form or a second tab showing the same cart place one order.

use crate::api::addresses::addresses;
use crate::api::cart::cart;
use crate::components::Loading;
use crate::domain::addresses::AddressView;
use crate::domain::cart::CartView;
use crate::domain::money::format_cny;
use crate::i18n::{Lang, OrderMsg};
use crate::page::use_lang;
use crate::store::cart::Notice;
use crate::store::{error_view, use_store_slug};
use leptos::prelude::*;

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let lang = use_lang();
    let store = use_store_slug();
    let data = Resource::new(
        move || store.get(),
        |store| async move {
            Ok::<_, crate::error::AppError>((cart(store.clone()).await?, addresses(store).await?))
        },
    );
    view! {
        <section class="checkout">
            <h1>{OrderMsg::Checkout.text(lang)}</h1>
            <Notice/>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let store = store.get_untracked();
                    match data.await {
                        Ok((c, _)) if c.lines.is_empty() => view! {
                            <div class="empty">
                                <p>{OrderMsg::CartIsEmpty.text(lang)}</p>
                                <a class="button primary" href=format!("/s/{store}")>{OrderMsg::BrowseProducts.text(lang)}</a>
                            </div>
                        }.into_any(),
                        Ok((c, book)) => view! { <CheckoutForm c book store lang/> }.into_any(),
                        Err(err) => error_view(err),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CheckoutForm(c: CartView, book: Vec<AddressView>, store: String, lang: Lang) -> impl IntoView {
    let t = |m: OrderMsg| m.text(lang);
    let new_checked = book.is_empty();
    let saved = book
        .into_iter()
        .map(|a| {
            let id = format!("address-{}", a.id);
            let input_id = id.clone();
            view! {
                <label class="address" for=id>
                    <input id=input_id type="radio" name="address" value=a.id checked=a.is_default/>
                    <span>
                        <strong>{a.recipient.clone()}</strong>" "{a.phone.clone()}
                        {a.is_default.then(|| view! { " " <em class="tag">{t(OrderMsg::Default)}</em> })}
                        <br/>{a.one_line()}
                    </span>
                </label>
            }
        })
        .collect_view();
    let lines = c
        .lines
        .iter()
        .map(|l| {
            view! {
                <li>
                    <span class="name">{l.product.clone()}" · "{l.sku_code.clone()}</span>
                    <span class="qty">"× "{l.quantity}</span>
                    <span class="line-total">{l.line_total.map(format_cny)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <form class="form" method="post" action=format!("/s/{store}/checkout") aria-label=t(OrderMsg::Checkout)>
            <input type="hidden" name="key" value=c.checkout_key.clone()/>
            <fieldset class="form-section addresses">
                <legend>{t(OrderMsg::DeliverTo)}</legend>
                {saved}
                <label class="address" for="address-new">
                    <input id="address-new" type="radio" name="address" value="new" checked=new_checked/>
                    <span>{t(OrderMsg::NewAddress)}</span>
                </label>
                <div class="new-address">
                    <p class="hint">{t(OrderMsg::NewAddressHint)}</p>
                    <label for="recipient">{t(OrderMsg::Recipient)}</label>
                    <input id="recipient" name="recipient" autocomplete="name" maxlength="50"/>
                    <label for="phone">{crate::i18n::Msg::Phone.text(lang)}</label>
                    <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" maxlength="20"/>
                    <label for="region">{t(OrderMsg::Region)}</label>
                    <input id="region" name="region" placeholder=t(OrderMsg::RegionHint) maxlength="60"/>
                    <label for="detail">{t(OrderMsg::StreetAddress)}</label>
                    <input id="detail" name="detail" autocomplete="street-address" maxlength="200"/>
                </div>
            </fieldset>
            <label for="note">{t(OrderMsg::Note)}</label>
            <textarea id="note" name="note" maxlength="500" placeholder=t(OrderMsg::NoteHint)></textarea>
            <section class="summary" aria-label=t(OrderMsg::Summary)>
                <h2>{t(OrderMsg::Summary)}</h2>
                <ul class="summary-lines">{lines}</ul>
                <p class="total">{t(OrderMsg::Total)}" "<strong data-testid="checkout-total">{format_cny(c.total)}</strong></p>
            </section>
            <button type="submit" class="primary block">{t(OrderMsg::PlaceOrder)}</button>
        </form>
    }
}
