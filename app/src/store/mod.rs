//! The distributor-facing store at `/s/{store}`.

pub mod cart;
pub mod catalogue;
pub mod checkout;
pub mod lite;
pub mod login;
pub mod me;
pub mod orders;
pub mod product;
pub mod quick;
pub mod register;
pub mod team;

use crate::api::catalogue::store_info;
use crate::components::{ErrorBox, NotFound};
use crate::domain::catalogue::StoreView;
use crate::error::AppError;
use crate::error::CatalogueError;
use crate::i18n::{Msg, OrderMsg};
use crate::page::use_lang;
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::{use_location, use_params_map};

/// The store slug from the URL.
pub fn use_store_slug() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("store").unwrap_or_default())
}

/// How a page shows a failed load: a missing store or product is a 404 page,
/// and a page that needs a known buyer sends a guest to login and back.
pub fn error_view(err: AppError) -> AnyView {
    match err {
        AppError::NotLoggedIn => view! { <LoginFirst/> }.into_any(),
        AppError::Catalogue(CatalogueError::StoreNotFound)
        | AppError::Catalogue(CatalogueError::ProductNotFound) => view! { <NotFound/> }.into_any(),
        err => view! { <ErrorBox err/> }.into_any(),
    }
}

/// Store chrome around every store page. The page itself sits outside the
/// header's `Suspense`, so its data loads once, in parallel with the header's.
#[component]
pub fn StoreLayout() -> impl IntoView {
    let lang = use_lang();
    let store = use_store_slug();
    let info = Resource::new(move || store.get(), store_info);
    let base = move || format!("/s/{}", store.get());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { info.await.ok().map(|info| view! { <StoreHeader info/> }) })}
        </Suspense>
        <main class="store-main">
            <Outlet/>
        </main>
        <nav class="tabbar" aria-label=lang.t(Msg::MainNav)>
            // `A` marks the current tab with aria-current="page".
            <A href=base exact=true>{lang.t(Msg::Home)}</A>
            <A href=move || format!("{}/quick", base())>{OrderMsg::QuickOrder.text(lang)}</A>
            <A href=move || format!("{}/cart", base())>
                {OrderMsg::Cart.text(lang)}
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let count = info.await.map(|i| i.cart_count).unwrap_or(0);
                        view! {
                            <span id="cart-count" class="badge" data-testid="cart-count" hidden=count == 0>{count}</span>
                        }
                    })}
                </Suspense>
            </A>
            <A href=move || format!("{}/orders", base())>{OrderMsg::Orders.text(lang)}</A>
            <A href=move || format!("{}/me", base())>{lang.t(Msg::Account)}</A>
        </nav>
    }
}

#[component]
fn StoreHeader(info: StoreView) -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let lang_href = move |tag: &str| format!("{}?lang={tag}", location.pathname.get());
    let guest = info.viewer.is_none();
    let logo = info.logo.clone().map(|src| {
        view! { <img class="store-logo" src=src alt="" width="28" height="28"/> }
    });
    view! {
        <StoreBrand info=info.clone()/>
        <header class="store-header">
            <a class="store-name" href=format!("/s/{}", info.slug)>{logo}{info.name.clone()}</a>
            <nav class="lang" aria-label=lang.t(Msg::Language)>
                <a href=move || lang_href("zh-CN") rel="external" hreflang="zh-CN">{lang.t(Msg::ChineseName)}</a>
                <a href=move || lang_href("en") rel="external" hreflang="en">"EN"</a>
            </nav>
        </header>
        {guest.then(|| view! {
            <p class="banner" role="note" data-testid="guest-banner">
                {info.guest_prompt.clone().unwrap_or_else(|| lang.t(Msg::GuestPrices).to_string())}
            </p>
        })}
        {(!info.notice.is_empty()).then(|| view! { <p class="notice">{info.notice.clone()}</p> })}
    }
}

/// The store in the document's head: page titles end with its name (the
/// catalogue's is the name alone), its logo is the favicon, and a shared
/// link shows its name, notice and logo (Open Graph).
#[component]
fn StoreBrand(info: StoreView) -> impl IntoView {
    let app_name = Msg::AppName.text(use_lang());
    // Titles reach the server's HTML unescaped (see `PageTitle`).
    #[cfg(feature = "ssr")]
    let title_name = crate::components::escape_html(&info.name);
    #[cfg(not(feature = "ssr"))]
    let title_name = info.name.clone();
    let formatter = move |text: String| {
        if text.is_empty() || text == app_name {
            title_name.clone()
        } else {
            format!("{text} · {title_name}")
        }
    };
    let absolute = |path: &str| {
        if path.starts_with('/') {
            format!("{}{path}", info.site)
        } else {
            path.to_string()
        }
    };
    let url = absolute(&format!("/s/{}", info.slug));
    let description = if info.notice.is_empty() {
        info.name.clone()
    } else {
        info.notice.clone()
    };
    let icon = info.logo.clone().map(|logo| {
        view! {
            <leptos_meta::Link rel="icon" href=logo.clone()/>
            <leptos_meta::Meta property="og:image" content=absolute(&logo)/>
        }
    });
    view! {
        <leptos_meta::Title formatter/>
        <leptos_meta::Meta property="og:type" content="website"/>
        <leptos_meta::Meta property="og:title" content=info.name.clone()/>
        <leptos_meta::Meta property="og:description" content=description/>
        <leptos_meta::Meta property="og:url" content=url/>
        {icon}
    }
}

/// The guard for every entry that needs a known buyer (the account tab now,
/// ordering actions later): a redirect to this store's login that returns to
/// the page the guest was on.
#[component]
pub fn LoginFirst() -> impl IntoView {
    let store = use_store_slug().get_untracked();
    let location = use_location();
    // The router's `search` has no leading `?`.
    let search = location.search.get_untracked();
    let here = if search.is_empty() {
        location.pathname.get_untracked()
    } else {
        format!("{}?{search}", location.pathname.get_untracked())
    };
    let path = login_path(&store, &here);
    view! { <leptos_router::components::Redirect path/> }
}

/// `/s/{store}/login?next=…` with `next` percent-encoded.
pub fn login_path(store: &str, here: &str) -> String {
    let mut next = String::with_capacity(here.len());
    for b in here.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                next.push(b as char)
            }
            _ => next.push_str(&format!("%{b:02X}")),
        }
    }
    format!("/s/{store}/login?next={next}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_path_keeps_the_page_and_its_query() {
        assert_eq!(
            login_path("demo", "/s/demo/me"),
            "/s/demo/login?next=/s/demo/me"
        );
        assert_eq!(
            login_path("demo", "/s/demo?cat=2&q=奶"),
            "/s/demo/login?next=/s/demo%3Fcat%3D2%26q%3D%E5%A5%B6"
        );
    }
}
