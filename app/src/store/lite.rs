//! `/lite`: the platform mini-program's store picker. A phone with ordering
//! accounts at several brands picks the store to enter, and comes back here
//! to switch. Picking is a plain form post (`/lite/choose`), so it works
//! before and without the script; only asking the shell to log in needs it.

use crate::api::lite::lite_stores;
use crate::components::Loading;
use crate::domain::lite::{LiteStore, LiteView};
use crate::i18n::LiteMsg;
use crate::i18n::Msg;
use crate::page::use_lang;
use crate::store::error_view;
use crate::store::login::{ask_shell_to_log_in, in_miniprogram};
use leptos::prelude::*;

/// Where the shell's login page sends the web-view back to.
const LITE: &str = "/lite";

#[component]
pub fn LitePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| lite_stores());
    view! {
        <crate::components::PageTitle text=LiteMsg::ChooseStore.text(lang)/>
        <main class="lite">
            <h1>{LiteMsg::ChooseStore.text(lang)}</h1>
            <super::cart::Notice/>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(LiteView::LogIn) => view! { <LiteLogIn/> }.into_any(),
                        Ok(LiteView::Stores { phone, stores }) => view! { <StoreChoices phone stores/> }.into_any(),
                        Err(err) => error_view(err),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn StoreChoices(phone: String, stores: Vec<LiteStore>) -> impl IntoView {
    let lang = use_lang();
    if stores.is_empty() {
        return view! {
            <p class="hint">{LiteMsg::VerifiedPhone.text(lang)}" "{phone}</p>
            <div class="empty" data-testid="lite-empty">
                <p>{LiteMsg::NoStoresForPhone.text(lang)}</p>
            </div>
        }
        .into_any();
    }
    let choices = stores
        .into_iter()
        .map(|s| {
            let current = s.current.then(|| view! { <span class="badge">{LiteMsg::CurrentStore.text(lang)}</span> });
            view! {
                <li>
                    <form method="post" action="/lite/choose">
                        <input type="hidden" name="store" value=s.slug/>
                        <button type="submit" class="store-choice" aria-current=s.current.then_some("true")>
                            <strong>{s.name}</strong>
                            <span>{s.account}</span>
                            {current}
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="hint">{LiteMsg::VerifiedPhone.text(lang)}" "{phone}</p>
        <ul class="lite-stores" data-testid="lite-stores">{choices}</ul>
    }
    .into_any()
}

/// No pass (yet, or any more): in the mini-program, log in with WeChat
/// again; in a browser, the brand's own store link is the way in.
#[island]
fn LiteLogIn() -> impl IntoView {
    let lang = use_lang();
    let shell = RwSignal::new(false);
    Effect::new(move |_| shell.set(in_miniprogram()));
    view! {
        <div class="empty">
            <p>{LiteMsg::LiteLogInFirst.text(lang)}</p>
            <button type="button" class="primary wechat" data-testid="wechat-login" hidden=move || !shell.get()
                on:click=move |_| ask_shell_to_log_in("", LITE)>
                {lang.t(Msg::LoginWithWeChat)}
            </button>
        </div>
    }
}
