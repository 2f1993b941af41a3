//! `/console/ordering-accounts`: every ordering account of the brand, with
//! disable / enable and password reset behind a confirmation.

use crate::erase::Erase;
use crate::i18n::{CMsg, PeopleMsg};
use crate::{
    error_view, t, use_list_query, use_toasts, ActionError, ConfirmDialog, PageAction, Pager,
};
use app::api::enterprises::{enterprise_contacts, list_enterprises};
use app::api::ordering_accounts::CreateOrderingAccount;
use app::api::ordering_accounts::{
    list_ordering_accounts, ResetOrderingAccountPassword, SetOrderingAccountDisabled,
};
use app::api::roles::store_roles;
use app::components::{ErrorBox, Loading};
use app::domain::ordering_accounts::OrderingAccountRow;
use leptos::prelude::*;

/// The action last dispatched, so its result can be announced.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Last {
    Toggled { disabled: bool },
    Reset,
}

/// The action waiting for confirmation.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    Disable(i64, String),
    Reset(i64, String),
}

#[component]
pub fn OrderingAccountsPage() -> impl IntoView {
    let (q, page) = use_list_query();
    let toggle = PageAction::<SetOrderingAccountDisabled>::new();
    let reset = PageAction::<ResetOrderingAccountPassword>::new();
    let create = PageAction::<CreateOrderingAccount>::new();
    let data = crate::page_resource(
        move || {
            (
                q.get(),
                page.get(),
                toggle.version().get(),
                reset.version().get(),
                create.version().get(),
            )
        },
        |(q, page, ..)| list_ordering_accounts(q, page),
    );
    let pending = RwSignal::new(None::<Pending>);
    let last = RwSignal::new(None::<Last>);
    let set_disabled = move |id: i64, disabled: bool| {
        last.set(Some(Last::Toggled { disabled }));
        toggle.dispatch(SetOrderingAccountDisabled { id, disabled });
    };
    let row = move |r: OrderingAccountRow| {
        let (id, name) = (r.id, r.contact.clone());
        let name_for_reset = name.clone();
        view! {
            <tr>
                <td>{r.contact}</td>
                <td>{r.phone}</td>
                <td>{r.account}</td>
                <td data-testid="state">{if r.disabled { t(PeopleMsg::Disabled) } else { t(PeopleMsg::Active) }}</td>
                <td class="actions">
                    {if r.disabled {
                        view! { <button type="button" on:click=move |_| set_disabled(id, false)>{t(PeopleMsg::Enable)}</button> }.erase()
                    } else {
                        view! { <button type="button" on:click=move |_| pending.set(Some(Pending::Disable(id, name.clone())))>{t(PeopleMsg::Disable)}</button> }.erase()
                    }}
                    <button type="button" on:click=move |_| pending.set(Some(Pending::Reset(id, name_for_reset.clone())))>
                        {t(PeopleMsg::ResetPassword)}
                    </button>
                </td>
            </tr>
        }
    };
    view! {
        <h1>{t(CMsg::OrderingAccounts)}</h1>
        <NewOrderingAccountForm create/>
        <form class="search" method="get" role="search">
            <input type="search" name="q" aria-label=t(PeopleMsg::SearchOrdering) placeholder=t(PeopleMsg::SearchOrdering) prop:value=q/>
            <button type="submit">{t(CMsg::Search)}</button>
        </form>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(p) if p.items.is_empty() => view! { <p class="empty">{t(PeopleMsg::NoOrderingAccounts)}</p> }.erase(),
                    Ok(p) => {
                        let q = q.get_untracked();
                        view! {
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{t(CMsg::Name)}</th>
                                    <th scope="col">{t(CMsg::Phone)}</th>
                                    <th scope="col">{t(CMsg::Accounts)}</th>
                                    <th scope="col">{t(CMsg::State)}</th>
                                    <th scope="col">{t(CMsg::Actions)}</th>
                                </tr></thead>
                                <tbody>{p.items.into_iter().map(row).collect_view()}</tbody>
                            </table>
                            <Pager path="/console/ordering-accounts" q page=p.page total=p.total page_size=p.page_size/>
                        }.erase()
                    }
                    Err(err) => error_view(err),
                }
            })}
        {move || pending.get().map(|p| {
            let question = match &p {
                Pending::Disable(_, name) => format!("{} {name}{}", t(PeopleMsg::ConfirmDisable), t(CMsg::QuestionMark)),
                Pending::Reset(_, name) => format!("{} {name}{}", t(PeopleMsg::ConfirmReset), t(CMsg::QuestionMark)),
            };
            let confirm = move || {
                match p {
                    Pending::Disable(id, _) => set_disabled(id, true),
                    Pending::Reset(id, _) => {
                        last.set(Some(Last::Reset));
                        reset.dispatch(ResetOrderingAccountPassword { id });
                    }
                }
                pending.set(None);
            };
            view! { <ConfirmDialog question on_confirm=confirm on_cancel=move || pending.set(None)/> }
        })}
        <Outcome last toggle reset/>
    }
}

/// The result of the last action, announced politely.
#[component]
fn Outcome(
    last: RwSignal<Option<Last>>,
    toggle: PageAction<SetOrderingAccountDisabled>,
    reset: PageAction<ResetOrderingAccountPassword>,
) -> impl IntoView {
    let toast =
        |text: &'static str| view! { <div class="toast" role="status">{text}</div> }.erase();
    move || {
        match last.get()? {
        Last::Reset => match reset.value().get()? {
            Ok(password) => Some(
                view! {
                    <div class="toast" role="status">
                        {t(PeopleMsg::NewPassword)}": "<code data-testid="new-password">{password}</code>
                    </div>
                }
                .erase(),
            ),
            Err(err) => Some(view! { <ErrorBox err/> }.erase()),
        },
        Last::Toggled { disabled } => match toggle.value().get()? {
            Ok(()) if disabled => Some(toast(t(PeopleMsg::DisabledDone))),
            Ok(()) => Some(toast(t(PeopleMsg::EnabledDone))),
            Err(err) => Some(view! { <ErrorBox err/> }.erase()),
        },
    }
    }
}

/// One ordering account for one Contact of an enterprise: find the
/// enterprise, pick the Contact and the store role (Order Personnel first).
#[component]
fn NewOrderingAccountForm(create: PageAction<CreateOrderingAccount>) -> impl IntoView {
    let find = RwSignal::new(String::new());
    let enterprise = RwSignal::new(None::<i64>);
    let contact = RwSignal::new(None::<i64>);
    let role = RwSignal::new(None::<i64>);
    let enterprises = crate::page_resource(move || find.get(), |q| list_enterprises(q, 1));
    let contacts = crate::page_resource(
        move || enterprise.get(),
        |e| async move {
            match e {
                Some(id) => enterprise_contacts(id).await,
                None => Ok(Vec::new()),
            }
        },
    );
    let roles = crate::page_resource(|| (), |_| store_roles());
    let toasts = use_toasts();
    Effect::new(move |_| {
        if let Some(Ok(row)) = create.value().get() {
            let outcome = t(crate::accounts::outcome_text(row.outcome));
            toasts.show(format!("{}: {outcome}", row.contact_name));
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(contact_id) = contact.get_untracked() {
            create.dispatch(CreateOrderingAccount {
                contact_id,
                role_id: role.get_untracked(),
            });
        }
    };
    let parse = |ev: &leptos::ev::Event| event_target_value(ev).parse::<i64>().ok();
    view! {
        <form class="card form inline" on:submit=submit aria-label=t(PeopleMsg::NewOrderingAccount)>
            <h2>{t(PeopleMsg::NewOrderingAccount)}</h2>
            <div class="field">
                <label for="find-enterprise">{t(PeopleMsg::FindEnterprise)}</label>
                <input id="find-enterprise" type="search" bind:value=find/>
            </div>
            <div class="field">
                <label for="new-enterprise">{t(PeopleMsg::Enterprise)}</label>
                <select id="new-enterprise" on:change=move |ev| { enterprise.set(parse(&ev)); contact.set(None); }>
                    <option value="">{t(CMsg::Choose)}</option>
                    {crate::transition(|| (), move || async move {
                            enterprises.await.map(|p| p.items).unwrap_or_default().into_iter()
                                .map(|e| view! { <option value=e.id.to_string()>{e.account}</option> })
                                .collect_view()
                        })}
                </select>
            </div>
            <div class="field">
                <label for="new-contact">{t(PeopleMsg::Contact)}</label>
                <select id="new-contact" on:change=move |ev| contact.set(parse(&ev))>
                    <option value="">{t(CMsg::Choose)}</option>
                    {crate::transition(|| (), move || async move {
                            contacts.await.unwrap_or_default().into_iter()
                                .filter(|c| !c.has_ordering_account)
                                .map(|c| view! {
                                    <option value=c.id.to_string()>{c.name}" "{c.phone.unwrap_or_default()}</option>
                                })
                                .collect_view()
                        })}
                </select>
            </div>
            <div class="field">
                <label for="new-role">{t(CMsg::Role)}</label>
                <select id="new-role" on:change=move |ev| role.set(parse(&ev))>
                    {crate::transition(|| (), move || async move {
                            roles.await.unwrap_or_default().into_iter()
                                .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
                                .collect_view()
                        })}
                </select>
            </div>
            <button type="submit" class="primary" disabled=move || contact.get().is_none() || create.pending().get()>
                {t(CMsg::Create)}
            </button>
            <ActionError action=create/>
        </form>
    }
}
