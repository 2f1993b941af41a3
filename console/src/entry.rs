//! `/console/settings/entry` (Store Admin): the store's application entry.
//! Platform mode shows the platform mini-program; "Upgrade" gives the link
//! to WeChat's authorization page (WeChat takes only a click, not a
//! redirect), which sends the admin back here with `auth_code`; the grant is
//! then checked, and "Authorized" checks a waiting one again. Below it: the
//! official account (linked the same way, `kind=official` on the return)
//! and its service menu, edited as WeChat's JSON and published.

use crate::erase::Erase;
use crate::i18n::{CMsg, SettingsMsg};
use crate::{error_view, t, PageAction};
use app::api::entry::{
    entry, EntryAuthorizationLink, EntryAuthorized, EntryCheck, EntryOfficialAuthorized,
    EntryOfficialLink, EntryPublishMenu, EntryUsePlatform,
};
use app::components::{ErrorBox, Loading};
use app::domain::entry::{DedicatedApp, EntryView, OfficialView};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn EntryPage() -> impl IntoView {
    let returned = PageAction::<EntryAuthorized>::new();
    let check = PageAction::<EntryCheck>::new();
    let platform = PageAction::<EntryUsePlatform>::new();
    let official = PageAction::<EntryOfficialAuthorized>::new();
    let data = crate::page_resource(
        move || {
            (
                returned.version().get(),
                check.version().get(),
                platform.version().get(),
                official.version().get(),
            )
        },
        |_| entry(),
    );
    // Back from WeChat's authorization page: take the grant it brings.
    let query = use_query_map().read_untracked();
    let auth_code = query.get("auth_code");
    let for_official = query.get("kind").as_deref() == Some("official");
    Effect::new(move |_| match auth_code.clone() {
        Some(auth_code) if for_official => {
            official.dispatch(EntryOfficialAuthorized { auth_code });
        }
        Some(auth_code) => {
            returned.dispatch(EntryAuthorized { auth_code });
        }
        None => {}
    });
    view! {
        <h1>{t(CMsg::Entry)}</h1>
        <p class="hint">{t(SettingsMsg::EntryHint)}</p>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(v) => view! { <EntryCard v check platform/> }.erase(),
                    Err(err) => error_view(err),
                }
            })}
        {move || returned.value().get().and_then(Result::err).map(|err| view! { <ErrorBox err/> })}
        {move || official.value().get().and_then(Result::err).map(|err| view! { <ErrorBox err/> })}
    }
}

#[component]
fn EntryCard(
    v: EntryView,
    check: PageAction<EntryCheck>,
    platform: PageAction<EntryUsePlatform>,
) -> impl IntoView {
    let notice = v.notice_text.map(|text| {
        view! { <p class="error" role="alert" data-testid="entry-notice">{text}</p> }
    });
    let mode = match v.dedicated {
        Some(app) => view! { <Dedicated app sets=v.set_names platform/> }.erase(),
        None => view! { <Platform check pending=v.pending/> }.erase(),
    };
    view! { {notice}{mode}<Official official=v.official/> }
}

/// The official account: linked (name, principal, a warning when its
/// entity is not the mini-program's, the menu editor) or a link to link one.
#[component]
fn Official(official: Option<OfficialView>) -> impl IntoView {
    let link = PageAction::<EntryOfficialLink>::new();
    let linked = official.map(|o| {
        let warning = o.principal_warning.map(|w| {
            view! { <p class="warning" role="note" data-testid="principal-warning">{w}</p> }
        });
        view! {
            <dl class="facts">
                <dt>{t(SettingsMsg::OfficialAccount)}</dt><dd data-testid="official-name">{o.account.nick_name}</dd>
                <dt>{t(SettingsMsg::AppId)}</dt><dd>{o.account.appid}</dd>
                <dt>{t(SettingsMsg::Principal)}</dt><dd>{o.account.principal}</dd>
            </dl>
            {warning}
            <MenuEditor menu=o.menu/>
        }
    });
    let is_linked = linked.is_some();
    view! {
        <section class="card" aria-labelledby="entry-official">
            <h2 id="entry-official">{t(SettingsMsg::OfficialAccount)}</h2>
            <p class="hint">{t(SettingsMsg::OfficialHint)}</p>
            {linked}
            <button type="button" class="secondary" disabled=move || link.pending().get()
                on:click=move |_| { link.dispatch(EntryOfficialLink {}); }>
                {if is_linked { t(SettingsMsg::LinkAnotherOfficial) } else { t(SettingsMsg::LinkOfficial) }}
            </button>
            {move || match link.value().get() {
                Some(Ok(url)) => Some(view! {
                    <p><a class="button" href=url data-testid="official-authorize-link">{t(SettingsMsg::GoAuthorize)}</a></p>
                }.erase()),
                Some(Err(err)) => Some(view! { <ErrorBox err/> }.erase()),
                None => None,
            }}
        </section>
    }
}

/// WeChat's menu JSON, editable; "Publish" checks it and pushes it.
#[component]
fn MenuEditor(menu: String) -> impl IntoView {
    let text = RwSignal::new(menu);
    let publish = PageAction::<EntryPublishMenu>::new();
    view! {
        <form class="form" on:submit=move |ev| {
            ev.prevent_default();
            publish.dispatch(EntryPublishMenu { menu: text.get_untracked() });
        }>
            <label for="entry-menu">{t(SettingsMsg::ServiceMenu)}</label>
            <p class="hint">{t(SettingsMsg::ServiceMenuHint)}</p>
            <textarea id="entry-menu" rows="10" spellcheck="false" class="code"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <button type="submit" class="primary" disabled=move || publish.pending().get()>{t(SettingsMsg::PublishMenu)}</button>
            {move || publish.value().get().map(|result| match result {
                Ok(r) if r.published => view! { <p class="success" role="status" data-testid="menu-result">{r.message}</p> }.erase(),
                Ok(r) => view! { <p class="error" role="alert" data-testid="menu-result">{r.message}</p> }.erase(),
                Err(err) => view! { <ErrorBox err/> }.erase(),
            })}
        </form>
    }
}

#[component]
fn Dedicated(
    app: DedicatedApp,
    sets: Vec<String>,
    platform: PageAction<EntryUsePlatform>,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="entry-mode">
            <h2 id="entry-mode">{t(SettingsMsg::DedicatedMode)}</h2>
            <p class="entry-app">
                {(!app.head_img.is_empty()).then(|| view! { <img src=app.head_img.clone() alt="" width="48" height="48"/> })}
                <strong data-testid="entry-name">{app.nick_name}</strong>
            </p>
            <dl class="facts">
                <dt>{t(SettingsMsg::AppId)}</dt><dd>{app.appid}</dd>
                <dt>{t(SettingsMsg::Principal)}</dt><dd>{app.principal}</dd>
                <dt>{t(SettingsMsg::GrantedSets)}</dt><dd>{sets.join(t(CMsg::ListSeparator))}</dd>
            </dl>
            <button type="button" class="secondary" disabled=move || platform.pending().get()
                on:click=move |_| { platform.dispatch(EntryUsePlatform {}); }>
                {t(SettingsMsg::UsePlatform)}
            </button>
        </section>
    }
}

#[component]
fn Platform(check: PageAction<EntryCheck>, pending: bool) -> impl IntoView {
    let link = PageAction::<EntryAuthorizationLink>::new();
    // Once the admin has been to WeChat (a link, or a grant waiting), ask.
    let asked = move || pending || matches!(link.value().get(), Some(Ok(_)));
    view! {
        <section class="card" aria-labelledby="entry-mode">
            <h2 id="entry-mode">{t(SettingsMsg::PlatformMode)}</h2>
            <p class="entry-app"><strong data-testid="entry-name">{t(SettingsMsg::PlatformMiniProgram)}</strong></p>
            <p class="hint">{t(SettingsMsg::PlatformModeHint)}</p>
            <p class="hint">{t(SettingsMsg::UpgradeHint)}</p>
            <button type="button" class="primary" disabled=move || link.pending().get()
                on:click=move |_| { link.dispatch(EntryAuthorizationLink {}); }>
                {t(SettingsMsg::Upgrade)}
            </button>
            {move || match link.value().get() {
                Some(Ok(url)) => Some(view! {
                    <p><a class="button" href=url data-testid="entry-authorize-link">{t(SettingsMsg::GoAuthorize)}</a></p>
                }.erase()),
                Some(Err(err)) => Some(view! { <ErrorBox err/> }.erase()),
                None => None,
            }}
            <Show when=asked>
                <p>{t(SettingsMsg::AuthorizedQuestion)}</p>
                <button type="button" disabled=move || check.pending().get()
                    on:click=move |_| { check.dispatch(EntryCheck {}); }>
                    {t(SettingsMsg::Authorized)}
                </button>
            </Show>
        </section>
    }
}
