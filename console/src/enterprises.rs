//! `/console/enterprises`: the Accounts the brand trades with as
//! interconnected enterprises. An Account becomes one from its own page.
//! Each row says who manages the enterprise: the brand (tenantless), or the
//! distributor admin the brand chose among its ordering accounts.

use crate::i18n::CMsg;
use crate::{error_view, t, use_list_query, Pager};
use app::api::enterprises::list_enterprises;
use app::api::teams::{enterprise_members, SetEnterpriseAdmin};
use app::components::{ErrorBox, Loading};
use app::domain::enterprises::EnterpriseRow;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn EnterprisesPage() -> impl IntoView {
    let (q, page) = use_list_query();
    let data = Resource::new(
        move || (q.get(), page.get()),
        |(q, page)| list_enterprises(q, page),
    );
    view! {
        <h1>{t(CMsg::Enterprises)}</h1>
        <form class="search" method="get" role="search">
            <input type="search" name="q" aria-label=t(CMsg::SearchAccounts) placeholder=t(CMsg::SearchAccounts) prop:value=q/>
            <button type="submit">{t(CMsg::Search)}</button>
        </form>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) if p.items.is_empty() => view! { <p class="empty">{t(CMsg::NoEnterprises)}</p> }.into_any(),
                    Ok(p) => {
                        let q = q.get_untracked();
                        let rows = p.items.into_iter().map(|e| { let account = e.account.clone(); let href = format!("/console/accounts/{}", e.account_id); view! {
                            <tr>
                                <td><A href=href>{account}</A></td>
                                <td>{if e.has_tenant { t(CMsg::TenantEnabled) } else { t(CMsg::Tenantless) }}</td>
                                <td>{e.ordering_accounts}</td>
                                <td><ManagedBy e=e.clone()/></td>
                            </tr>
                        }}).collect_view();
                        view! {
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{t(CMsg::AccountName)}</th>
                                    <th scope="col">{t(CMsg::TenantMode)}</th>
                                    <th scope="col">{t(CMsg::OrderingAccounts)}</th>
                                    <th scope="col">{t(CMsg::ManagedBy)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                            <Pager path="/console/enterprises" q page=p.page total=p.total page_size=p.page_size/>
                        }.into_any()
                    }
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

/// Who manages an enterprise; for a tenant-enabled one, a choice of admin
/// among its ordering accounts, loaded when the brand opens it.
#[component]
fn ManagedBy(e: EnterpriseRow) -> impl IntoView {
    if !e.has_tenant {
        return view! { <span>{t(CMsg::TheBrand)}</span> }.into_any();
    }
    let admin = RwSignal::new(e.admin.clone());
    let open = RwSignal::new(false);
    let set = ServerAction::<SetEnterpriseAdmin>::new();
    let enterprise_id = e.id;
    let members = Resource::new(
        move || open.get(),
        move |open| async move {
            if open {
                enterprise_members(enterprise_id).await
            } else {
                Ok(Vec::new())
            }
        },
    );
    let chosen = RwSignal::new(String::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let user_id = chosen.get_untracked().parse::<i64>().ok();
        set.dispatch(SetEnterpriseAdmin {
            enterprise_id,
            user_id,
        });
    };
    Effect::new(move |_| {
        if matches!(set.value().get(), Some(Ok(()))) {
            let id = chosen.get_untracked().parse::<i64>().ok();
            let name = members
                .get_untracked()
                .and_then(Result::ok)
                .and_then(|ms| ms.into_iter().find(|m| Some(m.id) == id).map(|m| m.name));
            admin.set(name);
            open.set(false);
        }
    });
    let options = move || {
        members
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|m| {
                let label = format!("{} {}", m.name, m.phone);
                view! { <option value=m.id.to_string() selected=m.is_admin>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <span data-testid="enterprise-admin">
            {move || admin.get().unwrap_or_else(|| t(CMsg::NoAdminYet).to_string())}
        </span>
        " "
        <button type="button" class="link" on:click=move |_| open.update(|o| *o = !*o)>{t(CMsg::ChooseAdmin)}</button>
        <Show when=move || open.get()>
            <form class="inline" on:submit=save>
                <select aria-label=t(CMsg::ChooseAdmin) on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">{t(CMsg::NoAdminYet)}</option>
                    {options}
                </select>
                <button type="submit" class="primary" disabled=move || set.pending().get()>{t(CMsg::Save)}</button>
            </form>
        </Show>
        {move || set.value().get().and_then(Result::err).map(|err| view! { <ErrorBox err/> })}
    }
    .into_any()
}
