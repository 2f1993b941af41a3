//! Accounts: list, search and create; one Account's Contacts, adding Contacts
//! and creating their ordering accounts in bulk.

use crate::i18n::CMsg;
use crate::{error_view, t, use_list_query, Pager};
use app::api::accounts::{get_account, list_accounts, AccountDetail, AddContact, CreateAccount};
use app::api::ordering_accounts::{
    BulkCreateOrderingAccounts, BulkOutcome, BulkReport, RejectReason,
};
use app::api::prices::price_lists;
use app::components::{ErrorBox, Loading};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn AccountsPage() -> impl IntoView {
    let (q, page) = use_list_query();
    let data = Resource::new(
        move || (q.get(), page.get()),
        |(q, page)| list_accounts(q, page),
    );
    view! {
        <h1>{t(CMsg::Accounts)}</h1>
        <NewAccountForm/>
        <form class="search" method="get" role="search">
            <input type="search" name="q" aria-label=t(CMsg::SearchAccounts) placeholder=t(CMsg::SearchAccounts) prop:value=q/>
            <button type="submit">{t(CMsg::Search)}</button>
        </form>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) if p.items.is_empty() => view! { <p class="empty">{t(CMsg::NoAccounts)}</p> }.into_any(),
                    Ok(p) => {
                        let q = q.get_untracked();
                        let rows = p.items.into_iter().map(|a| view! {
                            <tr>
                                <td><A href=format!("/console/accounts/{}", a.id)>{a.name}</A></td>
                                <td>{a.price_list.unwrap_or_else(|| t(CMsg::StandardPrices).to_string())}</td>
                                <td>{a.contacts}</td>
                                <td>{if a.enterprise { t(CMsg::Yes) } else { t(CMsg::No) }}</td>
                            </tr>
                        }).collect_view();
                        view! {
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{t(CMsg::AccountName)}</th>
                                    <th scope="col">{t(CMsg::PriceList)}</th>
                                    <th scope="col">{t(CMsg::Contacts)}</th>
                                    <th scope="col">{t(CMsg::Enterprise)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                            <Pager path="/console/accounts" q page=p.page total=p.total page_size=p.page_size/>
                        }.into_any()
                    }
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewAccountForm() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let list = RwSignal::new(String::new());
    let lists = Resource::new(|| (), |_| price_lists());
    let create = ServerAction::<CreateAccount>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/console/accounts/{id}"), Default::default());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateAccount {
            name: name.get_untracked(),
            price_list_id: list.get_untracked().parse().ok(),
        });
    };
    view! {
        <form class="card form inline" on:submit=on_submit aria-label=t(CMsg::NewAccount)>
            <h2>{t(CMsg::NewAccount)}</h2>
            <div class="field">
                <label for="account-name">{t(CMsg::AccountName)}</label>
                <input id="account-name" required maxlength="100" bind:value=name/>
            </div>
            <div class="field">
                <label for="account-list">{t(CMsg::PriceList)}</label>
                <select id="account-list" on:change=move |ev| list.set(event_target_value(&ev))>
                    <option value="">{t(CMsg::StandardPrices)}</option>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            lists.await.unwrap_or_default().into_iter()
                                .map(|l| view! { <option value=l.id.to_string()>{l.name}</option> })
                                .collect_view()
                        })}
                    </Suspense>
                </select>
            </div>
            <button type="submit" class="primary" disabled=move || create.pending().get()>
                {move || if create.pending().get() { t(CMsg::Saving) } else { t(CMsg::Create) }}
            </button>
            {move || create.value().get().and_then(Result::err).map(|err| view! { <ErrorBox err/> })}
        </form>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let add = ServerAction::<AddContact>::new();
    let bulk = ServerAction::<BulkCreateOrderingAccounts>::new();
    // Reload after every change, so the table shows what the server holds.
    let data = Resource::new(
        move || (id.get(), add.version().get(), bulk.version().get()),
        |(id, _, _)| get_account(id),
    );
    view! {
        <p><A href="/console/accounts">"← "{t(CMsg::Accounts)}</A></p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(a) => view! { <AccountView a add bulk/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
        <BulkResult bulk/>
    }
}

#[component]
fn AccountView(
    a: AccountDetail,
    add: ServerAction<AddContact>,
    bulk: ServerAction<BulkCreateOrderingAccounts>,
) -> impl IntoView {
    let account_id = a.id;
    let selected = RwSignal::new(Vec::<i64>::new());
    let toggle = move |id: i64| {
        selected.update(|s| {
            if let Some(i) = s.iter().position(|x| *x == id) {
                s.remove(i);
            } else {
                s.push(id);
            }
        })
    };
    let rows = a
        .contacts
        .iter()
        .map(|c| {
            let id = c.id;
            let state = match (c.ordering_account_id, c.ordering_disabled) {
                (Some(_), Some(true)) => t(CMsg::Disabled),
                (Some(_), _) => t(CMsg::HasOne),
                (None, _) => t(CMsg::NoneYet),
            };
            view! {
                <tr>
                    <td><input type="checkbox" aria-label=format!("{} {}", t(CMsg::Select), c.name)
                        on:change=move |_| toggle(id)/></td>
                    <td>{c.name.clone()}</td>
                    <td>{c.phone.clone().unwrap_or_default()}</td>
                    <td>{c.title.clone().unwrap_or_default()}</td>
                    <td data-testid="ordering-state">{state}</td>
                </tr>
            }
        })
        .collect_view();
    let has_contacts = !a.contacts.is_empty();
    view! {
        <h1>{a.name.clone()}</h1>
        <p>{t(CMsg::PriceList)}": "{a.price_list.clone().unwrap_or_else(|| t(CMsg::StandardPrices).to_string())}
           " · "{t(CMsg::Enterprise)}": "{if a.enterprise_id.is_some() { t(CMsg::Yes) } else { t(CMsg::No) }}</p>
        <h2>{t(CMsg::Contacts)}</h2>
        {if has_contacts {
            view! {
                <table class="table">
                    <thead><tr>
                        <th scope="col">{t(CMsg::Select)}</th>
                        <th scope="col">{t(CMsg::Name)}</th>
                        <th scope="col">{t(CMsg::Phone)}</th>
                        <th scope="col">{t(CMsg::Title)}</th>
                        <th scope="col">{t(CMsg::OrderingAccount)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <button type="button" class="primary"
                    disabled=move || selected.with(Vec::is_empty) || bulk.pending().get()
                    on:click=move |_| { bulk.dispatch(BulkCreateOrderingAccounts { account_id, contact_ids: selected.get_untracked() }); }>
                    {move || if bulk.pending().get() { t(CMsg::Working) } else { t(CMsg::BulkCreate) }}
                </button>
            }.into_any()
        } else {
            view! { <p class="empty">{t(CMsg::NoContacts)}</p> }.into_any()
        }}
        <AddContactForm account_id add/>
    }
}

#[component]
fn AddContactForm(account_id: i64, add: ServerAction<AddContact>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add.dispatch(AddContact {
            account_id,
            name: name.get_untracked(),
            phone: phone.get_untracked(),
            email: String::new(),
            title: title.get_untracked(),
        });
    };
    Effect::new(move |_| {
        if matches!(add.value().get(), Some(Ok(_))) {
            name.set(String::new());
            phone.set(String::new());
            title.set(String::new());
        }
    });
    view! {
        <form class="card form inline" on:submit=on_submit aria-label=t(CMsg::AddContact)>
            <h2>{t(CMsg::AddContact)}</h2>
            <div class="field">
                <label for="contact-name">{t(CMsg::Name)}</label>
                <input id="contact-name" required maxlength="50" bind:value=name/>
            </div>
            <div class="field">
                <label for="contact-phone">{t(CMsg::Phone)}</label>
                <input id="contact-phone" type="tel" bind:value=phone/>
            </div>
            <div class="field">
                <label for="contact-title">{t(CMsg::Title)}</label>
                <input id="contact-title" maxlength="50" bind:value=title/>
            </div>
            <button type="submit" disabled=move || add.pending().get()>{t(CMsg::AddContact)}</button>
            {move || add.value().get().and_then(Result::err).map(|err| view! { <ErrorBox err/> })}
        </form>
    }
}

fn outcome_text(o: BulkOutcome) -> CMsg {
    match o {
        BulkOutcome::Created => CMsg::ResultCreated,
        BulkOutcome::AlreadyHad => CMsg::ResultAlreadyHad,
        BulkOutcome::Rejected(RejectReason::MissingPhone) => CMsg::RejectMissingPhone,
        BulkOutcome::Rejected(RejectReason::InvalidPhone) => CMsg::RejectInvalidPhone,
        BulkOutcome::Rejected(RejectReason::PhoneInUse) => CMsg::RejectPhoneInUse,
        BulkOutcome::Rejected(RejectReason::NotFound) => CMsg::RejectNotFound,
    }
}

#[component]
fn BulkResult(bulk: ServerAction<BulkCreateOrderingAccounts>) -> impl IntoView {
    let report = move |r: BulkReport| {
        let rows = r.rows.into_iter().map(|row| view! {
            <li data-outcome=format!("{:?}", row.outcome)>{row.contact_name}": "{t(outcome_text(row.outcome))}</li>
        }).collect_view();
        view! {
            <section class="card result" role="status">
                <h2>{t(CMsg::Summary)}</h2>
                {r.enterprise_created.then(|| view! { <p>{t(CMsg::EnterpriseCreated)}</p> })}
                <ul>{rows}</ul>
            </section>
        }
    };
    move || match bulk.value().get() {
        Some(Ok(r)) => Some(report(r).into_any()),
        Some(Err(err)) => Some(view! { <ErrorBox err/> }.into_any()),
        None => None,
    }
}
