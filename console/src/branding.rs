//! `/console/settings/store` (Store Admin): the store's name, notice and
//! logo, which distributors see in the store's header, tab title, favicon
//! and shared links. In dedicated mode the store shows the mini-program's
//! name and icon instead; the page says so.

use crate::erase::Erase;
use crate::i18n::{CMsg, SettingsMsg};
use crate::{error_view, t, use_toasts, ActionError, PageAction};
use app::api::branding::{get_store_profile, SaveStoreProfile};
use app::components::Loading;
use app::domain::branding::{StoreProfile, NAME_MAX, NOTICE_MAX};
use leptos::prelude::*;

#[component]
pub fn StoreProfilePage() -> impl IntoView {
    let save = PageAction::<SaveStoreProfile>::new();
    let uploaded = RwSignal::new(0u32);
    let data = crate::page_resource(
        move || (save.version().get(), uploaded.get()),
        |_| get_store_profile(),
    );
    let toasts = use_toasts();
    toasts.saved_on_success(save);
    view! {
        <h1>{t(CMsg::StoreProfile)}</h1>
        <p class="hint">{t(SettingsMsg::StoreProfileHint)}</p>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(p) => view! { <ProfileForm p save uploaded/> }.erase(),
                    Err(err) => error_view(err),
                }
            })}
    }
}

#[component]
fn ProfileForm(
    p: StoreProfile,
    save: PageAction<SaveStoreProfile>,
    uploaded: RwSignal<u32>,
) -> impl IntoView {
    let name = RwSignal::new(p.name);
    let notice = RwSignal::new(p.notice);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SaveStoreProfile {
            name: name.get_untracked(),
            notice: notice.get_untracked(),
        });
    };
    let dedicated = p.mini_program.map(|mini| {
        view! { <p class="warning" role="note">{t(SettingsMsg::DedicatedBranding)}" "<strong>{mini}</strong></p> }
    });
    view! {
        {dedicated}
        <form class="card form" on:submit=submit aria-label=t(CMsg::StoreProfile)>
            <label for="store-name">{t(SettingsMsg::StoreName)}</label>
            <input id="store-name" required maxlength=NAME_MAX prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))/>
            <label for="store-notice">{t(SettingsMsg::StoreNotice)}</label>
            <textarea id="store-notice" rows="2" maxlength=NOTICE_MAX prop:value=move || notice.get()
                on:input=move |ev| notice.set(event_target_value(&ev))></textarea>
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                {move || if save.pending().get() { t(CMsg::Saving) } else { t(CMsg::Save) }}
            </button>
            <ActionError action=save/>
        </form>
        <LogoUpload logo=p.logo uploaded/>
    }
    .erase()
}

/// Picks an image and sends it as the logo; shows the current one.
#[component]
fn LogoUpload(logo: Option<String>, uploaded: RwSignal<u32>) -> impl IntoView {
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<app::error::AppError>);
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(file) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0))
            else {
                return;
            };
            busy.set(true);
            failure.set(None);
            leptos::task::spawn_local(async move {
                match crate::upload::logo(file).await {
                    Ok(_) => uploaded.update(|n| *n += 1),
                    Err(err) => failure.set(Some(err)),
                }
                busy.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, uploaded);
    };
    view! {
        <div class="card image-upload">
            {match logo {
                Some(src) => view! { <img src=src alt=t(SettingsMsg::StoreLogo) width="96" height="96" data-testid="store-logo"/> }.erase(),
                None => view! { <p class="empty">{t(SettingsMsg::NoLogo)}</p> }.erase(),
            }}
            <div class="field">
                <label for="store-logo">{t(SettingsMsg::UploadLogo)}</label>
                <input id="store-logo" type="file" accept="image/png,image/jpeg,image/webp" on:change=on_change disabled=move || busy.get()/>
            </div>
            {move || busy.get().then(|| view! { <p role="status">{t(CMsg::Uploading)}</p> })}
            {move || failure.get().map(|err| view! { <app::components::ErrorBox err/> })}
        </div>
    }
}
