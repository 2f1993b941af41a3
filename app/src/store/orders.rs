//! `/s/{store}/orders` and `/s/{store}/orders/{id}`: the buyer's orders
//! (their enterprise's, with the permission) and one order with its lines,
//! delivery, shipment and timeline. Filters and pages are links; reorder and
//! confirm receipt are plain forms, so everything works without JavaScript.

use crate::api::orders::{order, orders};
use crate::components::{Loading, PageTitle};
use crate::domain::list::{page_count, Page};
use crate::domain::money::format_cny;
use crate::domain::orders::{OrderDetail, OrderStatus, OrderSummary, ALL_STATUSES};
use crate::domain::time::china_time;
use crate::i18n::{Lang, OrderMsg};
use crate::page::use_lang;
use crate::store::cart::Notice;
use crate::store::{error_view, use_store_slug};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A status as the buyer reads it.
pub fn status_text(s: OrderStatus, lang: Lang) -> &'static str {
    match s {
        OrderStatus::Submitted => OrderMsg::StatusSubmitted,
        OrderStatus::Confirmed => OrderMsg::StatusConfirmed,
        OrderStatus::Shipped => OrderMsg::StatusShipped,
        OrderStatus::Completed => OrderMsg::StatusCompleted,
        OrderStatus::Cancelled => OrderMsg::StatusCancelled,
    }
    .text(lang)
}

/// A timeline step (`submit` or an action's code) as the buyer reads it.
fn step_text(action: &str, lang: Lang) -> &'static str {
    match action {
        "confirm" => OrderMsg::StepConfirm,
        "ship" => OrderMsg::StepShip,
        "confirm_receipt" => OrderMsg::StepReceipt,
        "cancel" => OrderMsg::StepCancel,
        _ => OrderMsg::StepSubmit,
    }
    .text(lang)
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let lang = use_lang();
    let store = use_store_slug();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        let status = q
            .get("status")
            .filter(|s| OrderStatus::from_code(s).is_some())
            .unwrap_or_default();
        let page = q
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1u32)
            .max(1);
        (status, page)
    });
    let data = Resource::new(
        move || (store.get(), filter.get()),
        |(store, (status, page))| orders(store, status, page),
    );
    view! {
        <PageTitle text=OrderMsg::Orders.text(lang)/>
        <section class="orders">
            <h1>{OrderMsg::Orders.text(lang)}</h1>
            <StatusFilter store=store.get_untracked() current=filter.get_untracked().0 lang/>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let store = store.get_untracked();
                    let status = filter.get_untracked().0;
                    match data.await {
                        Ok(page) => view! { <OrderList page store status lang/> }.into_any(),
                        Err(err) => error_view(err),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn StatusFilter(store: String, current: String, lang: Lang) -> impl IntoView {
    let base = format!("/s/{store}/orders");
    let all = current.is_empty();
    let chips = ALL_STATUSES
        .into_iter()
        .map(|s| {
            let here = current == s.code();
            view! {
                <a class="chip" aria-current=here.then_some("page") href=format!("{base}?status={}", s.code())>
                    {status_text(s, lang)}
                </a>
            }
        })
        .collect_view();
    view! {
        <nav class="categories" aria-label=OrderMsg::Status.text(lang)>
            <a class="chip" aria-current=all.then_some("page") href=base.clone()>{OrderMsg::AllOrders.text(lang)}</a>
            {chips}
        </nav>
    }
}

#[component]
fn OrderList(page: Page<OrderSummary>, store: String, status: String, lang: Lang) -> impl IntoView {
    if page.items.is_empty() {
        return view! {
            <div class="empty">
                <p>{OrderMsg::NoOrders.text(lang)}</p>
                <a class="button primary" href=format!("/s/{store}")>{OrderMsg::BrowseProducts.text(lang)}</a>
            </div>
        }
        .into_any();
    }
    let pages = page_count(page.total, page.page_size);
    let href = |n: u32| {
        let mut params = Vec::new();
        if !status.is_empty() {
            params.push(format!("status={status}"));
        }
        if n > 1 {
            params.push(format!("page={n}"));
        }
        let base = format!("/s/{store}/orders");
        if params.is_empty() {
            base
        } else {
            format!("{base}?{}", params.join("&"))
        }
    };
    let prev = (page.page > 1).then(|| href(page.page - 1));
    let next = (page.page < pages).then(|| href(page.page + 1));
    let rows = page
        .items
        .into_iter()
        .map(|o| {
            view! {
                <li class="order-row" data-status=o.status.code()>
                    <a href=format!("/s/{store}/orders/{}", o.id)>
                        <span class="number">{o.number.clone()}</span>
                        <span class="status">{status_text(o.status, lang)}</span>
                        <span class="meta">{china_time(o.created_at)}" · "{o.units}" "{OrderMsg::Units.text(lang)}</span>
                        <span class="price">{format_cny(o.total)}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="order-list">{rows}</ul>
        {(pages > 1).then(|| view! {
            <nav class="pager" aria-label=crate::i18n::Msg::PagesNav.text(lang)>
                {prev.map(|h| view! { <a rel="prev" href=h>{crate::i18n::Msg::PrevPage.text(lang)}</a> })}
                <span>{page.page}" / "{pages}</span>
                {next.map(|h| view! { <a rel="next" href=h>{crate::i18n::Msg::NextPage.text(lang)}</a> })}
            </nav>
        })}
    }
    .into_any()
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let store = use_store_slug();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i64>().ok()));
    let data = Resource::new(
        move || (store.get(), id.get()),
        |(store, id)| async move {
            match id {
                Some(id) => order(store, id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let store = store.get_untracked();
                match data.await {
                    Ok(o) => view! { <OrderView o store/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrderView(o: OrderDetail, store: String) -> impl IntoView {
    let lang = use_lang();
    let t = |m: OrderMsg| m.text(lang);
    let placed = use_query_map().read_untracked().get("placed").is_some();
    let s = &o.summary;
    let base = format!("/s/{store}/orders/{}", s.id);
    let lines = o
        .lines
        .iter()
        .map(|l| {
            view! {
                <li>
                    <span class="name">{l.product.clone()}" · "{l.sku_code.clone()}</span>
                    <span class="qty">{format_cny(l.unit_price)}" × "{l.quantity}</span>
                    <span class="line-total">{format_cny(l.line_total)}</span>
                </li>
            }
        })
        .collect_view();
    let steps = o
        .history
        .iter()
        .map(|h| {
            view! {
                <li data-step=h.action.clone()>
                    <strong>{step_text(&h.action, lang)}</strong>" "
                    <time>{china_time(h.at)}</time>
                    {(!h.note.is_empty()).then(|| view! { <span class="meta">" · "{h.note.clone()}</span> })}
                </li>
            }
        })
        .collect_view();
    let shipped = s.status == OrderStatus::Shipped;
    view! {
        <PageTitle text=s.number.clone()/>
        <article class="order">
            {placed.then(|| view! { <p class="added" role="status">{t(OrderMsg::Placed)}</p> })}
            <Notice/>
            <h1>{t(OrderMsg::OrderNumber)}" "<span data-testid="order-number">{s.number.clone()}</span></h1>
            <p class="status" data-testid="order-status" data-status=s.status.code()>{status_text(s.status, lang)}</p>
            <h2>{t(OrderMsg::Lines)}</h2>
            <ul class="summary-lines">{lines}</ul>
            <p class="total">{t(OrderMsg::Total)}" "<strong>{format_cny(s.total)}</strong></p>
            <h2>{t(OrderMsg::DeliverTo)}</h2>
            <p>{o.recipient.clone()}" "{o.phone.clone()}<br/>{o.address.clone()}</p>
            {(!o.note.is_empty()).then(|| view! { <p><strong>{t(OrderMsg::Note)}</strong>" "{o.note.clone()}</p> })}
            {o.carrier.clone().map(|carrier| view! {
                <dl class="facts">
                    <dt>{t(OrderMsg::Carrier)}</dt><dd>{carrier}</dd>
                    <dt>{t(OrderMsg::TrackingNumber)}</dt><dd data-testid="tracking">{o.tracking_number.clone()}</dd>
                </dl>
            })}
            <h2>{t(OrderMsg::Timeline)}</h2>
            <ol class="timeline">{steps}</ol>
            <div class="actions">
                {shipped.then(|| view! {
                    <form method="post" action=format!("{base}/receipt")>
                        <button type="submit" class="primary">{t(OrderMsg::ConfirmReceipt)}</button>
                    </form>
                })}
                <form method="post" action=format!("{base}/reorder")>
                    <button type="submit" class="secondary">{t(OrderMsg::Reorder)}</button>
                </form>
            </div>
        </article>
    }
}
