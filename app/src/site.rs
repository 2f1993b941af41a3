//! The store's HTML document and its routes.

use crate::i18n::Msg;
use crate::page::request_lang;
use crate::{components, store};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app; rendered on the server only. (The
/// options are leptos_axum's; the scripts take their URLs from the state.)
pub fn shell(_options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    #[cfg(feature = "ssr")]
    crate::api::ctx::set_page_headers();
    #[cfg(feature = "ssr")]
    let page_policy_meta = crate::api::ctx::page_policy_meta;
    #[cfg(not(feature = "ssr"))]
    let page_policy_meta = String::new;
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta http-equiv="Content-Security-Policy" content=page_policy_meta()/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="theme-color" content="#c8102e"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href=crate::page::asset_url("/pkg/orderlink.css")/>
                <IslandScripts/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Loads the store's WASM once the browser is idle after the first paint,
/// then hydrates each island (`island_loader.js`; an island inside another's
/// children waits for those children to hydrate, as in Leptos's own loader).
///
/// Not Leptos's `<HydrationScripts islands=true>`: its preload hints fetch
/// the WASM beside the stylesheet at high priority, and on a slow link that
/// took the bandwidth the first paint needed (Lighthouse mobile: LCP 2.0 s
/// with them, 0.9 s without). Every store page works before the islands
/// hydrate; they only add to it. The file carries no comments because every
/// page carries the file.
#[component]
fn IslandScripts() -> impl IntoView {
    use crate::page::asset_url;
    // As `<HydrationScripts islands=true>` does: outside islands nothing is
    // hydrated, so the server writes no hydration data for it.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let script = format!(
        "{}({:?}, {:?});",
        include_str!("island_loader.js"),
        asset_url("/pkg/orderlink.js"),
        asset_url("/pkg/orderlink.wasm"),
    );
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script> }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = request_lang();
    provide_context(lang);
    view! {
        <components::PageTitle text=lang.t(Msg::AppName)/>
        <Router>
            <Routes fallback=|| view! { <components::NotFound/> }>
                <Route path=path!("/") view=components::Landing/>
                <Route path=path!("/lite") view=store::lite::LitePage ssr=SsrMode::Async/>
                <ParentRoute path=path!("/s/:store") view=store::StoreLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=store::catalogue::CataloguePage ssr=SsrMode::Async/>
                    <Route path=path!("p/:id") view=store::product::ProductPage ssr=SsrMode::Async/>
                    <Route path=path!("login") view=store::login::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("me") view=store::me::MePage ssr=SsrMode::Async/>
                    <Route path=path!("team") view=store::team::TeamPage ssr=SsrMode::Async/>
                    <Route path=path!("cart") view=store::cart::CartPage ssr=SsrMode::Async/>
                    <Route path=path!("quick") view=store::quick::QuickOrderPage ssr=SsrMode::Async/>
                    <Route path=path!("checkout") view=store::checkout::CheckoutPage ssr=SsrMode::Async/>
                    <Route path=path!("orders") view=store::orders::OrdersPage ssr=SsrMode::Async/>
                    <Route path=path!("orders/:id") view=store::orders::OrderPage ssr=SsrMode::Async/>
                    <Route path=path!("register") view=store::register::RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("register/status") view=store::register::RegisterStatusPage ssr=SsrMode::Async/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
