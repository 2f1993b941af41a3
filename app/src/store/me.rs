//! `/s/{store}/me`: who is logged in, and logout. Guests are sent to login and back.

use crate::api::auth::{me, Logout};
use crate::components::{ErrorBox, Loading};
use crate::domain::auth::MeView;
use crate::i18n::Msg;
use crate::i18n::{LiteMsg, TeamMsg};
use crate::page::use_lang;
use crate::store::error_view;
use crate::store::use_store_slug;
use leptos::prelude::*;

#[component]
pub fn MePage() -> impl IntoView {
    let store = use_store_slug();
    let data = Resource::new(move || store.get(), me);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let store = store.get_untracked();
                match data.await {
                    Ok(m) => view! { <MeCard m store/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MeCard(m: MeView, store: String) -> impl IntoView {
    let lang = use_lang();
    let price_list = m
        .price_list
        .unwrap_or_else(|| lang.t(Msg::StandardPriceList).to_string());
    view! {
        <section class="me">
            <h1>{lang.t(Msg::MyAccount)}</h1>
            <dl class="facts">
                <dt>{lang.t(Msg::Name)}</dt><dd data-testid="me-name">{m.name}</dd>
                <dt>{lang.t(Msg::Phone)}</dt><dd>{m.phone}</dd>
                <dt>{lang.t(Msg::Enterprise)}</dt><dd>{m.enterprise}</dd>
                <dt>{lang.t(Msg::PriceList)}</dt><dd data-testid="me-price-list">{price_list}</dd>
            </dl>
            {m.manages_team.then(|| view! {
                <p><a class="button secondary" href=format!("/s/{store}/team") data-testid="my-team">{TeamMsg::MyTeam.text(lang)}</a></p>
            })}
            {m.switch_stores.then(|| view! {
                <p><a class="button secondary" href="/lite" data-testid="switch-store">{LiteMsg::SwitchStore.text(lang)}</a></p>
            })}
            <LogoutButton store/>
        </section>
    }
}

/// Logout is the account page's only interactive part.
#[island]
fn LogoutButton(store: String) -> impl IntoView {
    let lang = use_lang();
    let logout = ServerAction::<Logout>::new();
    Effect::new(move |_| {
        if matches!(logout.value().get(), Some(Ok(()))) {
            let _ = window().location().set_href(&format!("/s/{store}"));
        }
    });
    view! {
        <button type="button" class="secondary" on:click=move |_| { logout.dispatch(Logout {}); }>
            {lang.t(Msg::LogOut)}
        </button>
        {move || logout.value().get().and_then(Result::err).map(|err| view! { <ErrorBox err/> })}
    }
}
