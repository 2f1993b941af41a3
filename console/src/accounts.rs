//! Accounts: list, search and create; one Account's Contacts, adding Contacts
//! and creating their ordering accounts in bulk.

use crate::erase::Erase;
use crate::forms::{use_layout, LayoutForm};
use crate::i18n::{CMsg, PeopleMsg};
use crate::{error_view, t, use_list_query, use_toasts, PageAction, Pager};
use app::api::accounts::{
    get_account, list_accounts, AddContact, CreateAccount, UpdateAccount, UpdateContact,
};
use app::api::enterprises::AddEnterprise;
use app::api::ordering_accounts::BulkCreateOrderingAccounts;
use app::api::prices::price_lists;
use app::components::{ErrorBox, Loading};
use app::domain::accounts::AccountDetail;
use app::domain::accounts::ContactView;
use app::domain::layout::{Layout, LayoutObject, Values};
use app::domain::ordering_accounts::{BulkOutcome, BulkReport, RejectReason};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn AccountsPage() -> impl IntoView {
    let (q, page) = use_list_query();
    let data = crate::page_resource(
        move || (q.get(), page.get()),
        |(q, page)| list_accounts(q, page),
    );
    view! {
        <h1>{t(CMsg::Accounts)}</h1>
        <NewAccountForm/>
        <form class="search" method="get" role="search">
            <input type="search" name="q" aria-label=t(PeopleMsg::SearchAccounts) placeholder=t(PeopleMsg::SearchAccounts) prop:value=q/>
            <button type="submit">{t(CMsg::Search)}</button>
        </form>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(p) if p.items.is_empty() => view! { <p class="empty">{t(PeopleMsg::NoAccounts)}</p> }.erase(),
                    Ok(p) => {
                        let q = q.get_untracked();
                        let rows = p.items.into_iter().map(|a| view! {
                            <tr>
                                <td><A href=format!("/console/accounts/{}", a.id)>{a.name}</A></td>
                                <td>{a.price_list.unwrap_or_else(|| t(PeopleMsg::StandardPrices).to_string())}</td>
                                <td>{a.contacts}</td>
                                <td>{if a.enterprise { t(PeopleMsg::Yes) } else { t(PeopleMsg::No) }}</td>
                            </tr>
                        }).collect_view();
                        view! {
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{t(PeopleMsg::AccountName)}</th>
                                    <th scope="col">{t(CMsg::PriceList)}</th>
                                    <th scope="col">{t(CMsg::Contacts)}</th>
                                    <th scope="col">{t(PeopleMsg::Enterprise)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                            <Pager path="/console/accounts" q page=p.page total=p.total page_size=p.page_size/>
                        }.erase()
                    }
                    Err(err) => error_view(err),
                }
            })}
    }
}

/// The price list select beside an Account's layout fields.
#[component]
fn PriceListSelect(id: &'static str, list: RwSignal<String>) -> impl IntoView {
    let lists = crate::page_resource(|| (), |_| price_lists());
    view! {
        <div class="field">
            <label for=id>{t(CMsg::PriceList)}</label>
            <select id=id on:change=move |ev| list.set(event_target_value(&ev))>
                <option value="">{t(PeopleMsg::StandardPrices)}</option>
                {crate::suspense(|| (), move || async move {
                        lists.await.unwrap_or_default().into_iter()
                            .map(|l| {
                                let value = l.id.to_string();
                                let selected = value.clone();
                                view! { <option value=value selected=move || list.get() == selected>{l.name}</option> }
                            })
                            .collect_view()
                    })}
            </select>
        </div>
    }
}

/// Shows the layout-driven form once the layout is loaded.
fn with_layout(
    layout: crate::PageResource<app::domain::layout::Layout>,
    form: impl Fn(app::domain::layout::Layout) -> AnyView + Send + Sync + Clone + 'static,
) -> impl IntoView {
    view! {
        {crate::suspense(Loading, move || {
                let form = form.clone();
                async move {
                    match layout.await {
                        Ok(l) => form(l),
                        Err(err) => view! { <ErrorBox err/> }.erase(),
                    }
                }
            })}
    }
}

#[component]
fn NewAccountForm() -> impl IntoView {
    let layout = use_layout(LayoutObject::Account);
    let list = RwSignal::new(String::new());
    let create = PageAction::<CreateAccount>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/console/accounts/{id}"), Default::default());
        }
    });
    let on_submit = Callback::new(move |fields| {
        create.dispatch(CreateAccount {
            fields,
            price_list_id: list.get_untracked().parse().ok(),
        });
    });
    with_layout(layout, move |layout| {
        view! {
            <LayoutForm layout id_prefix="account" title=t(CMsg::NewAccount) submit=t(CMsg::Create)
                pending=create.pending().into()
                server_error=create.error()
                on_submit
                extra=std::sync::Arc::new(move || view! { <PriceListSelect id="account-list" list/> }.erase())/>
        }
        .erase()
    })
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
    let actions = AccountActions {
        add: PageAction::new(),
        bulk: PageAction::new(),
        edit: PageAction::new(),
        edit_contact: PageAction::new(),
        enterprise: PageAction::new(),
    };
    let toasts = use_toasts();
    toasts.saved_on_success(actions.add);
    toasts.saved_on_success(actions.edit);
    toasts.saved_on_success(actions.edit_contact);
    toasts.saved_on_success(actions.enterprise);
    // Reload after every change, so the page shows what the server holds.
    let data = crate::page_resource(
        move || (id.get(), actions.versions()),
        |(id, _)| get_account(id),
    );
    let layouts = (
        use_layout(LayoutObject::Account),
        use_layout(LayoutObject::Contact),
    );
    view! {
        <nav class="crumbs" aria-label=t(CMsg::Breadcrumbs)>
            <A href="/console">{t(CMsg::Dashboard)}</A>" / "<A href="/console/accounts">{t(CMsg::Accounts)}</A>
        </nav>
        {crate::suspense(Loading, move || async move {
                match (data.await, layouts.0.await, layouts.1.await) {
                    (Ok(a), Ok(account_layout), Ok(contact_layout)) => {
                        view! { <AccountView a account_layout contact_layout actions/> }.erase()
                    }
                    (Err(err), _, _) | (_, Err(err), _) | (_, _, Err(err)) => error_view(err),
                }
            })}
        <BulkResult bulk=actions.bulk/>
    }
}

/// Every write the Account page makes; the page reloads after each.
#[derive(Clone, Copy)]
struct AccountActions {
    add: PageAction<AddContact>,
    bulk: PageAction<BulkCreateOrderingAccounts>,
    edit: PageAction<UpdateAccount>,
    edit_contact: PageAction<UpdateContact>,
    enterprise: PageAction<AddEnterprise>,
}

impl AccountActions {
    fn versions(&self) -> [usize; 5] {
        [
            self.enterprise.version().get(),
            self.add.version().get(),
            self.bulk.version().get(),
            self.edit.version().get(),
            self.edit_contact.version().get(),
        ]
    }
}

#[component]
fn AccountView(
    a: AccountDetail,
    account_layout: Layout,
    contact_layout: Layout,
    actions: AccountActions,
) -> impl IntoView {
    let account_id = a.id;
    let selected = RwSignal::new(Vec::<i64>::new());
    let editing = RwSignal::new(false);
    let editing_contact = RwSignal::new(None::<ContactView>);
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
                (Some(_), Some(true)) => t(PeopleMsg::Disabled),
                (Some(_), _) => t(PeopleMsg::HasOne),
                (None, _) => t(PeopleMsg::NoneYet),
            };
            let contact = c.clone();
            view! {
                <tr>
                    <td><input type="checkbox" aria-label=format!("{} {}", t(PeopleMsg::Select), c.name)
                        on:change=move |_| toggle(id)/></td>
                    <td>{c.name.clone()}</td>
                    <td>{c.phone.clone().unwrap_or_default()}</td>
                    <td>{c.title.clone().unwrap_or_default()}</td>
                    <td data-testid="ordering-state">{state}</td>
                    <td><button type="button" class="small" aria-label=format!("{} {}", t(PeopleMsg::Edit), c.name)
                        on:click=move |_| editing_contact.set(Some(contact.clone()))>{t(PeopleMsg::Edit)}</button></td>
                </tr>
            }
        })
        .collect_view();
    let has_contacts = !a.contacts.is_empty();
    let add_layout = contact_layout.clone();
    let list = RwSignal::new(a.price_list_id.map(|id| id.to_string()).unwrap_or_default());
    let edit_account = {
        let fields = a.fields.clone();
        let layout = account_layout.clone();
        move || {
            view! {
                <LayoutForm layout=layout.clone() initial=fields.clone() id_prefix="edit-account"
                    title=t(PeopleMsg::EditAccount) submit=t(CMsg::Save)
                    pending=actions.edit.pending().into() server_error=actions.edit.error()
                    on_submit=Callback::new(move |fields| {
                        actions.edit.dispatch(UpdateAccount { id: account_id, fields, price_list_id: list.get_untracked().parse().ok() });
                    })
                    extra=std::sync::Arc::new(move || view! { <PriceListSelect id="edit-account-list" list/> }.erase())/>
            }
        }
    };
    let edit_contact = move || {
        editing_contact.get().map(|c| {
            view! {
                <LayoutForm layout=contact_layout.clone() initial=c.fields id_prefix="edit-contact"
                    title=t(PeopleMsg::EditContact) submit=t(CMsg::Save)
                    pending=actions.edit_contact.pending().into() server_error=actions.edit_contact.error()
                    on_submit=Callback::new(move |fields| {
                        actions.edit_contact.dispatch(UpdateContact { id: c.id, fields });
                    })/>
            }
        })
    };
    view! {
        <h1>{a.name.clone()}</h1>
        <p>{t(CMsg::PriceList)}": "{a.price_list.clone().unwrap_or_else(|| t(PeopleMsg::StandardPrices).to_string())}
           " · "{t(PeopleMsg::Enterprise)}": "{if a.enterprise_id.is_some() { t(PeopleMsg::Yes) } else { t(PeopleMsg::No) }}
           " "<button type="button" class="small" on:click=move |_| editing.update(|e| *e = !*e)>{t(PeopleMsg::Edit)}</button></p>
        <CustomValues layout=account_layout.clone() values=a.fields.clone()/>
        {match a.enterprise_has_tenant {
            Some(has_tenant) => view! {
                <p data-testid="enterprise">{t(PeopleMsg::TenantMode)}": "{if has_tenant { t(PeopleMsg::TenantEnabled) } else { t(PeopleMsg::Tenantless) }}</p>
            }.erase(),
            None => view! { <AddEnterpriseForm account_id action=actions.enterprise/> }.erase(),
        }}
        {move || actions.enterprise.error().get().map(|err| view! { <ErrorBox err/> })}
        <Show when=move || editing.get()>{edit_account.clone()}</Show>
        <h2>{t(CMsg::Contacts)}</h2>
        {if has_contacts {
            view! {
                <table class="table">
                    <thead><tr>
                        <th scope="col">{t(PeopleMsg::Select)}</th>
                        <th scope="col">{t(CMsg::Name)}</th>
                        <th scope="col">{t(CMsg::Phone)}</th>
                        <th scope="col">{t(PeopleMsg::Title)}</th>
                        <th scope="col">{t(PeopleMsg::OrderingAccount)}</th>
                        <th scope="col">{t(CMsg::Actions)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <button type="button" class="primary"
                    disabled=move || selected.with(Vec::is_empty) || actions.bulk.pending().get()
                    on:click=move |_| { actions.bulk.dispatch(BulkCreateOrderingAccounts { account_id, contact_ids: selected.get_untracked() }); }>
                    {move || if actions.bulk.pending().get() { t(PeopleMsg::Working) } else { t(PeopleMsg::BulkCreate) }}
                </button>
            }.erase()
        } else {
            view! { <p class="empty">{t(PeopleMsg::NoContacts)}</p> }.erase()
        }}
        {edit_contact}
        <LayoutForm layout=add_layout id_prefix="contact" title=t(PeopleMsg::AddContact) submit=t(PeopleMsg::AddContact)
            pending=actions.add.pending().into() server_error=actions.add.error()
            on_submit=Callback::new(move |fields| { actions.add.dispatch(AddContact { account_id, fields }); })/>
    }
    .erase()
}

#[component]
fn AddEnterpriseForm(account_id: i64, action: PageAction<AddEnterprise>) -> impl IntoView {
    let has_tenant = RwSignal::new(false);
    view! {
        <p class="inline-form">
            <label><input type="checkbox" bind:checked=has_tenant/>" "{t(PeopleMsg::HasTenant)}</label>
            <button type="button" disabled=move || action.pending().get()
                on:click=move |_| { action.dispatch(AddEnterprise { account_id, has_tenant: has_tenant.get_untracked() }); }>
                {t(PeopleMsg::AddEnterprise)}
            </button>
        </p>
    }
}

/// The custom fields' values of an Account, read-only, with their labels.
#[component]
fn CustomValues(layout: Layout, values: Values) -> impl IntoView {
    let lang = crate::use_lang();
    let items = layout
        .fields
        .iter()
        .filter(|f| !f.system)
        .map(|f| {
            let shown = values
                .get(&f.key)
                .map(|v| {
                    f.options
                        .iter()
                        .find(|c| &c.value == v)
                        .map(|c| c.label(lang).to_string())
                        .unwrap_or_else(|| v.clone())
                })
                .unwrap_or_else(|| "—".into());
            view! { <dt>{f.label(lang).to_string()}</dt><dd>{shown}</dd> }
        })
        .collect_view();
    view! { <dl class="values">{items}</dl> }
}

pub(crate) fn outcome_text(o: BulkOutcome) -> PeopleMsg {
    match o {
        BulkOutcome::Created => PeopleMsg::ResultCreated,
        BulkOutcome::AlreadyHad => PeopleMsg::ResultAlreadyHad,
        BulkOutcome::Rejected(RejectReason::MissingPhone) => PeopleMsg::RejectMissingPhone,
        BulkOutcome::Rejected(RejectReason::InvalidPhone) => PeopleMsg::RejectInvalidPhone,
        BulkOutcome::Rejected(RejectReason::PhoneInUse) => PeopleMsg::RejectPhoneInUse,
        BulkOutcome::Rejected(RejectReason::NotFound) => PeopleMsg::RejectNotFound,
    }
}

#[component]
fn BulkResult(bulk: PageAction<BulkCreateOrderingAccounts>) -> impl IntoView {
    let report = move |r: BulkReport| {
        let rows = r.rows.into_iter().map(|row| view! {
            <li data-outcome=format!("{:?}", row.outcome)>{row.contact_name}": "{t(outcome_text(row.outcome))}</li>
        }).collect_view();
        view! {
            <section class="card result" role="status">
                <h2>{t(PeopleMsg::Summary)}</h2>
                {r.enterprise_created.then(|| view! { <p>{t(PeopleMsg::EnterpriseCreated)}</p> })}
                <ul>{rows}</ul>
            </section>
        }
    };
    move || match bulk.value().get() {
        Some(Ok(r)) => Some(report(r).erase()),
        Some(Err(err)) => Some(view! { <ErrorBox err/> }.erase()),
        None => None,
    }
}
