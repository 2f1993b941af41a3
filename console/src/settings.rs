//! `/console/settings/guest` (guest mode, guest Account, guidance prompts),
//! `/console/settings/registration`, `/console/settings/login` (the login
//! channels) and `/console/audit` (who changed what, when).

use crate::erase::Erase;
use crate::i18n::{CMsg, SettingsMsg};
use crate::{error_view, t, use_toasts, ActionError, PageAction};
use app::api::settings::{
    audit_log, get_guest_settings, get_login_channels, get_registration_settings,
    SaveGuestSettings, SaveLoginChannels, SaveRegistrationSettings,
};
use app::components::Loading;
use app::domain::settings::{GuestSettings, LoginChannels, RegistrationSettings};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn GuestSettingsPage() -> impl IntoView {
    let save = PageAction::<SaveGuestSettings>::new();
    let data = crate::page_resource(move || save.version().get(), |_| get_guest_settings());
    let toasts = use_toasts();
    toasts.saved_on_success(save);
    view! {
        <h1>{t(CMsg::GuestMode)}</h1>
        <p class="hint">{t(CMsg::GuestModeHint)}</p>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(s) => view! { <GuestForm s save/> }.erase(),
                    Err(err) => error_view(err),
                }
            })}
    }
}

#[component]
fn GuestForm(s: GuestSettings, save: PageAction<SaveGuestSettings>) -> impl IntoView {
    let enabled = RwSignal::new(s.enabled);
    let account = RwSignal::new(
        s.guest_account_id
            .map(|i| i.to_string())
            .unwrap_or_default(),
    );
    let prompt_zh = RwSignal::new(s.prompt_zh);
    let prompt_en = RwSignal::new(s.prompt_en);
    let options = s
        .candidates
        .into_iter()
        .map(|c| {
            let v = c.id.to_string();
            let current = v.clone();
            let list = c.price_list.unwrap_or_else(|| t(SettingsMsg::NoPriceList).to_string());
            view! { <option value=v selected=move || account.get() == current>{c.name}" · "{list}</option> }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SaveGuestSettings {
            enabled: enabled.get_untracked(),
            guest_account_id: account.get_untracked().parse().ok(),
            prompt_zh: prompt_zh.get_untracked(),
            prompt_en: prompt_en.get_untracked(),
        });
    };
    view! {
        <form class="card form" on:submit=submit aria-label=t(CMsg::GuestMode)>
            <label class="check"><input type="checkbox" bind:checked=enabled/>" "{t(SettingsMsg::GuestModeOn)}</label>
            <label for="guest-account">{t(SettingsMsg::GuestAccount)}</label>
            <select id="guest-account" on:change=move |ev| account.set(event_target_value(&ev))>
                <option value="">{t(CMsg::Choose)}</option>
                {options}
            </select>
            <label for="prompt-zh">{t(SettingsMsg::PromptZh)}</label>
            <textarea id="prompt-zh" rows="2" maxlength="200" prop:value=move || prompt_zh.get()
                on:input=move |ev| prompt_zh.set(event_target_value(&ev))></textarea>
            <label for="prompt-en">{t(SettingsMsg::PromptEn)}</label>
            <textarea id="prompt-en" rows="2" maxlength="300" prop:value=move || prompt_en.get()
                on:input=move |ev| prompt_en.set(event_target_value(&ev))></textarea>
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                {move || if save.pending().get() { t(CMsg::Saving) } else { t(CMsg::Save) }}
            </button>
            <ActionError action=save/>
        </form>
    }
    .erase()
}

#[component]
pub fn RegistrationSettingsPage() -> impl IntoView {
    let save = PageAction::<SaveRegistrationSettings>::new();
    let data = crate::page_resource(
        move || save.version().get(),
        |_| get_registration_settings(),
    );
    let toasts = use_toasts();
    toasts.saved_on_success(save);
    view! {
        <h1>{t(CMsg::SelfRegistration)}</h1>
        <p class="hint">{t(CMsg::RegistrationHint)}" "<A href="/console/layouts">{t(CMsg::Layouts)}" →"</A></p>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(s) => view! { <RegistrationForm s save/> }.erase(),
                    Err(err) => error_view(err),
                }
            })}
        <crate::layouts::RegistrationLayoutEditor/>
    }
}

#[component]
fn RegistrationForm(
    s: RegistrationSettings,
    save: PageAction<SaveRegistrationSettings>,
) -> impl IntoView {
    let enabled = RwSignal::new(s.enabled);
    let approval = RwSignal::new(s.approval);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SaveRegistrationSettings {
            enabled: enabled.get_untracked(),
            approval: approval.get_untracked(),
        });
    };
    view! {
        <form class="card form" on:submit=submit aria-label=t(CMsg::SelfRegistration)>
            <label class="check"><input type="checkbox" bind:checked=enabled/>" "{t(SettingsMsg::RegistrationOn)}</label>
            <label class="check"><input type="checkbox" bind:checked=approval/>" "{t(SettingsMsg::ApprovalOn)}</label>
            <button type="submit" class="primary" disabled=move || save.pending().get()>{t(CMsg::Save)}</button>
            <ActionError action=save/>
        </form>
    }
}

/// `/console/settings/login`: the ways into the store (Store Admin).
#[component]
pub fn LoginChannelsPage() -> impl IntoView {
    let save = PageAction::<SaveLoginChannels>::new();
    let data = crate::page_resource(move || save.version().get(), |_| get_login_channels());
    let toasts = use_toasts();
    toasts.saved_on_success(save);
    view! {
        <h1>{t(CMsg::LoginChannels)}</h1>
        <p class="hint">{t(SettingsMsg::LoginChannelsHint)}</p>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(c) => view! { <LoginChannelsForm c save/> }.erase(),
                    Err(err) => error_view(err),
                }
            })}
    }
}

#[component]
fn LoginChannelsForm(c: LoginChannels, save: PageAction<SaveLoginChannels>) -> impl IntoView {
    let sms = RwSignal::new(c.sms);
    let password = RwSignal::new(c.password);
    let mini_program = RwSignal::new(c.mini_program);
    let wechat_qr = RwSignal::new(c.wechat_qr);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SaveLoginChannels {
            sms: sms.get_untracked(),
            password: password.get_untracked(),
            mini_program: mini_program.get_untracked(),
            wechat_qr: wechat_qr.get_untracked(),
        });
    };
    view! {
        <form class="card form" on:submit=submit aria-label=t(CMsg::LoginChannels)>
            <label class="check"><input type="checkbox" bind:checked=mini_program/>" "{t(SettingsMsg::ChannelMiniProgram)}</label>
            <label class="check"><input type="checkbox" bind:checked=sms/>" "{t(SettingsMsg::ChannelSms)}</label>
            <label class="check"><input type="checkbox" bind:checked=password/>" "{t(SettingsMsg::ChannelPassword)}</label>
            <label class="check"><input type="checkbox" bind:checked=wechat_qr/>" "{t(SettingsMsg::ChannelWeChatQr)}</label>
            <button type="submit" class="primary" disabled=move || save.pending().get()>{t(CMsg::Save)}</button>
            <ActionError action=save/>
        </form>
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let data = crate::page_resource(|| (), |_| audit_log(1));
    view! {
        <h1>{t(CMsg::Audit)}</h1>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(rows) if rows.is_empty() => view! { <p class="empty">{t(SettingsMsg::NoAudit)}</p> }.erase(),
                    Ok(rows) => {
                        let rows = rows.into_iter().map(|r| view! {
                            <tr>
                                <td><time data-unix=r.created_at>{app::domain::time::china_time(r.created_at)}</time></td>
                                <td>{r.staff.unwrap_or_else(|| t(SettingsMsg::System).to_string())}</td>
                                <td>{action_name(&r.action)}" "<code>{r.action.clone()}</code></td>
                                <td class="detail">{r.detail}</td>
                            </tr>
                        }).collect_view();
                        view! {
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{t(SettingsMsg::When)}</th>
                                    <th scope="col">{t(SettingsMsg::Who)}</th>
                                    <th scope="col">{t(SettingsMsg::What)}</th>
                                    <th scope="col">{t(SettingsMsg::Details)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }.erase()
                    }
                    Err(err) => error_view(err),
                }
            })}
    }
}

/// What an audit entry's action code means, for the reader.
fn action_name(code: &str) -> &'static str {
    match code {
        "settings.guest" => t(CMsg::GuestMode),
        "settings.registration" => t(CMsg::SelfRegistration),
        "registration.approve" => t(SettingsMsg::AuditApproved),
        "registration.reject" => t(SettingsMsg::AuditRejected),
        "registration.auto_approve" => t(SettingsMsg::AuditAutoApproved),
        _ => t(SettingsMsg::AuditOther),
    }
}
