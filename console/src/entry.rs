//! `/console/settings/entry` (Store Admin): the store's application entry.
//! Platform mode shows the platform mini-program; "Upgrade" gives the link
//! to WeChat's authorization page (WeChat takes only a click, not a
//! redirect), which sends the admin back here with `auth_code`; the grant is
//! then checked, and "Authorized" checks a waiting one again.

use crate::i18n::CMsg;
use crate::{error_view, t};
use app::api::entry::{
    entry, EntryAuthorizationLink, EntryAuthorized, EntryCheck, EntryUsePlatform,
};
use app::components::{ErrorBox, Loading};
use app::domain::entry::{DedicatedApp, EntryView};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn EntryPage() -> impl IntoView {
    let returned = ServerAction::<EntryAuthorized>::new();
    let check = ServerAction::<EntryCheck>::new();
    let platform = ServerAction::<EntryUsePlatform>::new();
    let data = Resource::new(
        move || {
            (
                returned.version().get(),
                check.version().get(),
                platform.version().get(),
            )
        },
        |_| entry(),
    );
    // Back from WeChat's authorization page: take the grant it brings.
    let auth_code = use_query_map().read_untracked().get("auth_code");
    Effect::new(move |_| {
        if let Some(code) = auth_code.clone() {
            returned.dispatch(EntryAuthorized { auth_code: code });
        }
    });
    view! {
        <h1>{t(CMsg::Entry)}</h1>
        <p class="hint">{t(CMsg::EntryHint)}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <EntryCard v check platform/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
        {move || returned.value().get().and_then(Result::err).map(|err| view! { <ErrorBox err/> })}
    }
}

#[component]
fn EntryCard(
    v: EntryView,
    check: ServerAction<EntryCheck>,
    platform: ServerAction<EntryUsePlatform>,
) -> impl IntoView {
    let notice = v.notice_text.map(|text| {
        view! { <p class="error" role="alert" data-testid="entry-notice">{text}</p> }
    });
    let mode = match v.dedicated {
        Some(app) => view! { <Dedicated app sets=v.set_names platform/> }.into_any(),
        None => view! { <Platform check pending=v.pending/> }.into_any(),
    };
    view! { {notice}{mode} }
}

#[component]
fn Dedicated(
    app: DedicatedApp,
    sets: Vec<String>,
    platform: ServerAction<EntryUsePlatform>,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="entry-mode">
            <h2 id="entry-mode">{t(CMsg::DedicatedMode)}</h2>
            <p class="entry-app">
                {(!app.head_img.is_empty()).then(|| view! { <img src=app.head_img.clone() alt="" width="48" height="48"/> })}
                <strong data-testid="entry-name">{app.nick_name}</strong>
            </p>
            <dl class="facts">
                <dt>{t(CMsg::AppId)}</dt><dd>{app.appid}</dd>
                <dt>{t(CMsg::Principal)}</dt><dd>{app.principal}</dd>
                <dt>{t(CMsg::GrantedSets)}</dt><dd>{sets.join(t(CMsg::ListSeparator))}</dd>
            </dl>
            <button type="button" class="secondary" disabled=move || platform.pending().get()
                on:click=move |_| { platform.dispatch(EntryUsePlatform {}); }>
                {t(CMsg::UsePlatform)}
            </button>
        </section>
    }
}

#[component]
fn Platform(check: ServerAction<EntryCheck>, pending: bool) -> impl IntoView {
    let link = ServerAction::<EntryAuthorizationLink>::new();
    // Once the admin has been to WeChat (a link, or a grant waiting), ask.
    let asked = move || pending || matches!(link.value().get(), Some(Ok(_)));
    view! {
        <section class="card" aria-labelledby="entry-mode">
            <h2 id="entry-mode">{t(CMsg::PlatformMode)}</h2>
            <p class="entry-app"><strong data-testid="entry-name">{t(CMsg::PlatformMiniProgram)}</strong></p>
            <p class="hint">{t(CMsg::PlatformModeHint)}</p>
            <p class="hint">{t(CMsg::UpgradeHint)}</p>
            <button type="button" class="primary" disabled=move || link.pending().get()
                on:click=move |_| { link.dispatch(EntryAuthorizationLink {}); }>
                {t(CMsg::Upgrade)}
            </button>
            {move || match link.value().get() {
                Some(Ok(url)) => Some(view! {
                    <p><a class="button" href=url data-testid="entry-authorize-link">{t(CMsg::GoAuthorize)}</a></p>
                }.into_any()),
                Some(Err(err)) => Some(view! { <ErrorBox err/> }.into_any()),
                None => None,
            }}
            <Show when=asked>
                <p>{t(CMsg::AuthorizedQuestion)}</p>
                <button type="button" disabled=move || check.pending().get()
                    on:click=move |_| { check.dispatch(EntryCheck {}); }>
                    {t(CMsg::Authorized)}
                </button>
            </Show>
        </section>
    }
}
