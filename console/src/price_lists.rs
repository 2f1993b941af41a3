//! `/console/price-lists`: the brand's price lists, and a new one.

use crate::erase::Erase;
use crate::i18n::{CMsg, CatalogueMsg};
use crate::{error_view, t, use_toasts, ActionError, PageAction};
use app::api::prices::{price_list_summaries, CreatePriceList};
use app::components::Loading;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PriceListsPage() -> impl IntoView {
    let create = PageAction::<CreatePriceList>::new();
    let data = crate::page_resource(move || create.version().get(), |_| price_list_summaries());
    let name = RwSignal::new(String::new());
    let toasts = use_toasts();
    toasts.saved_on_success(create);
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            name.set(String::new());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreatePriceList {
            name: name.get_untracked(),
        });
    };
    view! {
        <h1>{t(CMsg::PriceLists)}</h1>
        <p class="hint">{t(CMsg::PriceListsHint)}" "<A href="/console/import">{t(CMsg::Import)}" →"</A></p>
        <form class="card form inline" on:submit=submit aria-label=t(CatalogueMsg::NewPriceList)>
            <h2>{t(CatalogueMsg::NewPriceList)}</h2>
            <div class="field">
                <label for="list-name">{t(CMsg::Name)}</label>
                <input id="list-name" required maxlength="30" bind:value=name/>
            </div>
            <button type="submit" class="primary" disabled=move || create.pending().get()>{t(CMsg::Create)}</button>
            <ActionError action=create/>
        </form>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(lists) => {
                        let rows = lists.into_iter().map(|l| view! {
                            <tr>
                                <td>{l.name}{l.standard.then(|| view! { " "<small class="tag">{t(CatalogueMsg::StandardTag)}</small> })}</td>
                                <td>{l.prices}</td>
                                <td>{l.accounts}</td>
                            </tr>
                        }).collect_view();
                        view! {
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{t(CMsg::PriceList)}</th>
                                    <th scope="col">{t(CatalogueMsg::PricedSkus)}</th>
                                    <th scope="col">{t(CMsg::Accounts)}</th>
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
