//! `/console/enterprises`: the Accounts the brand trades with as
//! interconnected enterprises. An Account becomes one from its own page.
//! Each row says who manages the enterprise: the brand (tenantless), or the
//! distributor admin the brand chose among its ordering accounts.

use crate::erase::Erase;
use crate::i18n::{CMsg, PeopleMsg};
use crate::{error_view, t, use_list_query, Pager};
use app::api::enterprises::list_enterprises;
use app::api::teams::set_enterprise_admin;
use app::components::{ErrorBox, Loading};
use app::domain::enterprises::EnterpriseRow;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn EnterprisesPage() -> impl IntoView {
    let (q, page) = use_list_query();
    let data = crate::page_resource(
        move || (q.get(), page.get()),
        |(q, page)| list_enterprises(q, page),
    );
    view! {
        <h1>{t(CMsg::Enterprises)}</h1>
        <form class="search" method="get" role="search">
            <input type="search" name="q" aria-label=t(PeopleMsg::SearchAccounts) placeholder=t(PeopleMsg::SearchAccounts) prop:value=q/>
            <button type="submit">{t(CMsg::Search)}</button>
        </form>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(p) if p.items.is_empty() => view! { <p class="empty">{t(PeopleMsg::NoEnterprises)}</p> }.erase(),
                    Ok(p) => {
                        let q = q.get_untracked();
                        let rows = p.items.into_iter().map(|e| { let account = e.account.clone(); let href = format!("/console/accounts/{}", e.account_id); view! {
                            <tr>
                                <td><A href=href>{account}</A></td>
                                <td>{if e.has_tenant { t(PeopleMsg::TenantEnabled) } else { t(PeopleMsg::Tenantless) }}</td>
                                <td>{e.ordering_accounts}</td>
                                <td><ManagedBy e=e.clone()/></td>
                            </tr>
                        }}).collect_view();
                        view! {
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{t(PeopleMsg::AccountName)}</th>
                                    <th scope="col">{t(PeopleMsg::TenantMode)}</th>
                                    <th scope="col">{t(CMsg::OrderingAccounts)}</th>
                                    <th scope="col">{t(PeopleMsg::ManagedBy)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                            <Pager path="/console/enterprises" q page=p.page total=p.total page_size=p.page_size/>
                        }.erase()
                    }
                    Err(err) => error_view(err),
                }
            })}
    }
}

/// Who manages an enterprise; for a tenant-enabled one, a choice of admin
/// among its ordering accounts, saved as soon as it is picked.
#[component]
fn ManagedBy(e: EnterpriseRow) -> impl IntoView {
    if !e.has_tenant {
        return view! { <span>{t(PeopleMsg::TheBrand)}</span> }.erase();
    }
    let enterprise_id = e.id;
    let failure = RwSignal::new(None::<app::error::AppError>);
    let admin = RwSignal::new(e.admin_id);
    let pick = move |ev: leptos::ev::Event| {
        let user_id = event_target_value(&ev).parse::<i64>().ok();
        leptos::task::spawn_local(async move {
            match set_enterprise_admin(enterprise_id, user_id).await {
                Ok(()) => {
                    admin.set(user_id);
                    failure.set(None);
                }
                Err(err) => failure.set(Some(err)),
            }
        });
    };
    let options = e
        .admin_choices
        .into_iter()
        .map(|c| {
            let selected = move || admin.get() == Some(c.id);
            view! { <option value=c.id.to_string() selected=selected>{c.name}" "{c.phone}</option> }
        })
        .collect_view();
    view! {
        <select aria-label=t(PeopleMsg::ChooseAdmin) data-testid="enterprise-admin" on:change=pick>
            <option value="" selected=move || admin.get().is_none()>{t(PeopleMsg::NoAdminYet)}</option>
            {options}
        </select>
        {move || failure.get().map(|err| view! { <ErrorBox err/> })}
    }
    .erase()
}
