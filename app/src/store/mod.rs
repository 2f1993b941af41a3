//! The distributor-facing store at `/s/{store}`.

pub mod catalogue;
pub mod login;
pub mod me;
pub mod product;

use crate::api::catalogue::{store_info, StoreView};
use crate::components::{ErrorBox, NotFound};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::use_lang;
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::{use_location, use_params_map};

/// The store slug from the URL.
pub fn use_store_slug() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("store").unwrap_or_default())
}

/// How a page shows a failed load: a missing store or product is a 404 page.
pub fn error_view(err: AppError) -> AnyView {
    match err {
        AppError::StoreNotFound | AppError::ProductNotFound => view! { <NotFound/> }.into_any(),
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
    view! {
        <header class="store-header">
            <a class="store-name" href=format!("/s/{}", info.slug)>{info.name.clone()}</a>
            <nav class="lang" aria-label=lang.t(Msg::Language)>
                <a href=move || lang_href("zh-CN") rel="external" hreflang="zh-CN">"中文"</a>
                <a href=move || lang_href("en") rel="external" hreflang="en">"EN"</a>
            </nav>
        </header>
        {guest.then(|| view! { <p class="banner" role="note">{lang.t(Msg::GuestPrices)}</p> })}
        {(!info.notice.is_empty()).then(|| view! { <p class="notice">{info.notice.clone()}</p> })}
    }
}
