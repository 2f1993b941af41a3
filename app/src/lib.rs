//! OrderLink's shared crate: pages, components and server functions for both
//! the browser (`hydrate`) and the server (`ssr`), plus the domain rules both use.
//!
//! Module map. Arrows point one way, downwards; a module never imports one
//! above it, and the same feature name is used in every layer
//! (`domain/registration.rs`, `db/registration.rs`, `service/registration.rs`,
//! `api/registration.rs`), so the second hop is guessable.
//!
//! ```text
//! store/, components       pages (islands) and shared view pieces   (both targets)
//! api/<feature>            server functions: authorize in one line (api::ctx), then delegate
//! service/<feature>        (ssr) flows that write several records in one transaction,
//!                          with audit entries and notifications
//! db/<feature>             (ssr) SQL only, over a pool or the caller's connection;
//!                          returns domain types
//! ports/                   (ssr) traits for the outside world (SMS; WeChat next)
//! domain/<feature>         wire types and plain rules, shared by browser and server
//! error, i18n              AppError with stable codes; every user-visible string
//! ```
//!
//! `state` (ssr) is what the server hands every request: pool, configuration,
//! adapters. The console (`console` crate) sits beside `store/`, on `api`.

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod page;
pub mod store;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod ports;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod state;

use i18n::Msg;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};
pub use page::{asset_url, request_lang, use_lang};

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    #[cfg(feature = "ssr")]
    api::ctx::set_page_headers();
    #[cfg(feature = "ssr")]
    let page_policy_meta = api::ctx::page_policy_meta;
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
                <link rel="stylesheet" href=asset_url("/pkg/orderlink.css")/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
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
                <ParentRoute path=path!("/s/:store") view=store::StoreLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=store::catalogue::CataloguePage ssr=SsrMode::Async/>
                    <Route path=path!("p/:id") view=store::product::ProductPage ssr=SsrMode::Async/>
                    <Route path=path!("login") view=store::login::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("me") view=store::me::MePage ssr=SsrMode::Async/>
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
