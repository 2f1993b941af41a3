//! `/console/enterprises`: the Accounts the brand trades with as
//! interconnected enterprises. An Account becomes one from its own page.

use crate::i18n::CMsg;
use crate::{error_view, t, use_list_query, Pager};
use app::api::enterprises::list_enterprises;
use app::components::Loading;
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
                        let rows = p.items.into_iter().map(|e| view! {
                            <tr>
                                <td><A href=format!("/console/accounts/{}", e.account_id)>{e.account}</A></td>
                                <td>{if e.has_tenant { t(CMsg::TenantEnabled) } else { t(CMsg::Tenantless) }}</td>
                                <td>{e.ordering_accounts}</td>
                            </tr>
                        }).collect_view();
                        view! {
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{t(CMsg::AccountName)}</th>
                                    <th scope="col">{t(CMsg::TenantMode)}</th>
                                    <th scope="col">{t(CMsg::OrderingAccounts)}</th>
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
