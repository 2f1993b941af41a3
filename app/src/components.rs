//! Small pieces shared by the store's pages.

use crate::error::AppError;
use crate::i18n::Msg;
use crate::use_lang;
use leptos::prelude::*;

/// A 404 page; on the server it also sets the response status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    let lang = use_lang();
    view! {
        <section class="empty" role="alert">
            <h1>{lang.t(Msg::NotFoundTitle)}</h1>
            <p>{lang.t(Msg::NotFoundBody)}</p>
            <a class="button" href="/" rel="external">{lang.t(Msg::GoHome)}</a>
        </section>
    }
}

/// An error message in the reader's language, announced to screen readers.
#[component]
pub fn ErrorBox(err: AppError) -> impl IntoView {
    let lang = use_lang();
    view! { <p class="error" role="alert" data-code=err.code()>{err.message(lang)}</p> }
}

#[component]
pub fn Loading() -> impl IntoView {
    let lang = use_lang();
    view! { <p class="loading" role="status" aria-live="polite">{lang.t(Msg::Loading)}</p> }
}

#[component]
pub fn Landing() -> impl IntoView {
    let lang = use_lang();
    view! {
        <main class="landing">
            <h1>{lang.t(Msg::AppName)}</h1>
            <p>{lang.t(Msg::Tagline)}</p>
            <a class="button" href="/s/demo">{lang.t(Msg::VisitDemo)}</a>
        </main>
    }
}
