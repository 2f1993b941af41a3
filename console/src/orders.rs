//! `/console/orders` and `/console/orders/{id}`: the order clerks' daily
//! work. The list filters by status, order number or distributor, and the
//! day placed; an order's page shows its lines, delivery and history, and
//! offers only the actions its status allows (the state machine in
//! `app::domain::orders`), which the server checks again.

use crate::erase::Erase;
use crate::i18n::{CMsg, WorkMsg};
use crate::{error_view, t, use_toasts, ActionError, PageAction, Pager};
use app::api::orders::{console_order, console_orders, OrderAction as ActOnOrder};
use app::components::Loading;
use app::domain::money::format_cny;
use app::domain::orders::{OrderAction, OrderDetail, OrderStatus, ALL_STATUSES};
use app::domain::time::china_time;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

pub fn status_name(s: OrderStatus) -> &'static str {
    t(match s {
        OrderStatus::Submitted => WorkMsg::OrderSubmitted,
        OrderStatus::Confirmed => WorkMsg::OrderConfirmed,
        OrderStatus::Shipped => WorkMsg::OrderShipped,
        OrderStatus::Completed => WorkMsg::OrderCompleted,
        OrderStatus::Cancelled => WorkMsg::OrderCancelled,
    })
}

fn step_name(action: &str) -> &'static str {
    t(match action {
        "confirm" => WorkMsg::OrderConfirmed,
        "ship" => WorkMsg::OrderShipped,
        "confirm_receipt" => WorkMsg::OrderCompleted,
        "cancel" => WorkMsg::OrderCancelled,
        _ => WorkMsg::OrderSubmitted,
    })
}

#[derive(Clone, Debug, PartialEq, Default)]
struct Filter {
    status: String,
    q: String,
    from: String,
    to: String,
    page: u32,
}

impl Filter {
    /// The query string that keeps this filter across pages.
    fn params(&self) -> String {
        format!("status={}&from={}&to={}", self.status, self.from, self.to)
    }
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let m = query.read();
        Filter {
            status: m.get("status").unwrap_or_default(),
            q: m.get("q").unwrap_or_default(),
            from: m.get("from").unwrap_or_default(),
            to: m.get("to").unwrap_or_default(),
            page: m.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    });
    let data = crate::page_resource(
        move || filter.get(),
        |f| console_orders(f.status, f.q, f.from, f.to, f.page),
    );
    let options = ALL_STATUSES
        .into_iter()
        .map(|s| {
            view! {
                <option value=s.code() selected=move || filter.get().status == s.code()>{status_name(s)}</option>
            }
        })
        .collect_view();
    view! {
        <h1>{t(CMsg::Orders)}</h1>
        <form class="filters" method="get" role="search" aria-label=t(WorkMsg::FilterOrders)>
            <label>{t(WorkMsg::Status)}
                <select name="status">
                    <option value="">{t(WorkMsg::AllStatuses)}</option>
                    {options}
                </select>
            </label>
            <label>{t(WorkMsg::SearchOrders)}
                <input type="search" name="q" prop:value=move || filter.get().q/>
            </label>
            <label>{t(WorkMsg::PlacedFrom)}<input type="date" name="from" prop:value=move || filter.get().from/></label>
            <label>{t(WorkMsg::PlacedTo)}<input type="date" name="to" prop:value=move || filter.get().to/></label>
            <button type="submit">{t(CMsg::Search)}</button>
        </form>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(p) if p.items.is_empty() => view! { <p class="empty">{t(WorkMsg::NoOrders)}</p> }.erase(),
                    Ok(p) => {
                        let f = filter.get_untracked();
                        let rows = p.items.into_iter().map(|o| view! {
                            <tr data-status=o.summary.status.code()>
                                <td><A href=format!("/console/orders/{}", o.summary.id)>{o.summary.number.clone()}</A></td>
                                <td>{o.distributor}</td>
                                <td>{o.buyer}</td>
                                <td>{status_name(o.summary.status)}</td>
                                <td class="num">{format_cny(o.summary.total)}</td>
                                <td>{china_time(o.summary.created_at)}</td>
                            </tr>
                        }).collect_view();
                        view! {
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">{t(WorkMsg::OrderNumber)}</th>
                                    <th scope="col">{t(WorkMsg::Distributor)}</th>
                                    <th scope="col">{t(WorkMsg::Buyer)}</th>
                                    <th scope="col">{t(WorkMsg::Status)}</th>
                                    <th scope="col">{t(WorkMsg::Amount)}</th>
                                    <th scope="col">{t(WorkMsg::PlacedAt)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                            <Pager path="/console/orders" q=f.q.clone() params=f.params() page=p.page total=p.total page_size=p.page_size/>
                        }.erase()
                    }
                    Err(err) => error_view(err),
                }
            })}
    }
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i64>().ok()));
    let act = PageAction::<ActOnOrder>::new();
    let toasts = use_toasts();
    Effect::new(move |_| {
        if matches!(act.value().get(), Some(Ok(_))) {
            toasts.show(t(CMsg::Saved));
        }
    });
    let data = crate::page_resource(
        move || (id.get(), act.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => console_order(id).await,
                None => Err(app::error::AppError::NotFound),
            }
        },
    );
    view! {
        <p><A href="/console/orders">{t(CMsg::Orders)}</A></p>
        <ActionError action=act/>
        {crate::suspense(Loading, move || async move {
                match data.await {
                    Ok(o) => view! { <OrderView o act/> }.erase(),
                    Err(err) => error_view(err),
                }
            })}
    }
}

#[component]
fn OrderView(o: OrderDetail, act: PageAction<ActOnOrder>) -> impl IntoView {
    let s = o.summary.clone();
    let lines = o
        .lines
        .iter()
        .map(|l| {
            view! {
                <tr>
                    <td>{l.product.clone()}</td>
                    <td>{l.sku_code.clone()}</td>
                    <td class="num">{format_cny(l.unit_price)}</td>
                    <td class="num">{l.quantity}</td>
                    <td class="num">{format_cny(l.line_total)}</td>
                </tr>
            }
        })
        .collect_view();
    let history = o
        .history
        .iter()
        .map(|h| {
            view! {
                <li data-step=h.action.clone()>
                    <strong>{step_name(&h.action)}</strong>" · "{china_time(h.at)}
                    {(!h.note.is_empty()).then(|| format!(" · {}", h.note))}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{t(WorkMsg::OrderNumber)}" "<span data-testid="order-number">{s.number.clone()}</span></h1>
        <p class="status" data-testid="order-status">{status_name(s.status)}</p>
        <section class="card">
            <h2>{t(WorkMsg::DeliverTo)}</h2>
            <p>{o.recipient.clone()}" "{o.phone.clone()}<br/>{o.address.clone()}</p>
            {(!o.note.is_empty()).then(|| view! { <p>{t(WorkMsg::Note)}": "{o.note.clone()}</p> })}
            {o.carrier.clone().map(|c| view! {
                <p>{t(WorkMsg::Carrier)}": "{c}" · "{t(WorkMsg::TrackingNumber)}": "{o.tracking_number.clone()}</p>
            })}
        </section>
        <table class="table">
            <thead><tr>
                <th scope="col">{t(WorkMsg::Product)}</th>
                <th scope="col">{t(WorkMsg::Sku)}</th>
                <th scope="col">{t(WorkMsg::UnitPrice)}</th>
                <th scope="col">{t(WorkMsg::Quantity)}</th>
                <th scope="col">{t(WorkMsg::Amount)}</th>
            </tr></thead>
            <tbody>{lines}</tbody>
        </table>
        <p class="total">{t(CMsg::Total)}" "<strong>{format_cny(s.total)}</strong></p>
        <Actions id=s.id status=s.status act/>
        <h2>{t(WorkMsg::History)}</h2>
        <ol class="timeline">{history}</ol>
    }
}

/// The clerk's buttons for this status: confirm, ship (carrier and
/// tracking number), cancel (with a reason).
#[component]
fn Actions(id: i64, status: OrderStatus, act: PageAction<ActOnOrder>) -> impl IntoView {
    let allowed = |a: OrderAction| status.after(a).is_ok() && a != OrderAction::ConfirmReceipt;
    let pending = act.pending();
    let send = move |action: OrderAction, carrier: String, tracking: String, reason: String| {
        act.dispatch(ActOnOrder {
            id,
            action: action.code().to_string(),
            carrier,
            tracking_number: tracking,
            reason,
        });
    };
    let carrier = RwSignal::new(String::new());
    let tracking = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    view! {
        <div class="order-actions">
            {allowed(OrderAction::Confirm).then(|| view! {
                <button type="button" class="primary" disabled=pending
                    on:click=move |_| send(OrderAction::Confirm, String::new(), String::new(), String::new())>
                    {t(WorkMsg::ConfirmOrder)}
                </button>
            })}
            {allowed(OrderAction::Ship).then(|| view! {
                <form class="inline" aria-label=t(WorkMsg::ShipOrder) on:submit=move |ev| {
                    ev.prevent_default();
                    send(OrderAction::Ship, carrier.get_untracked(), tracking.get_untracked(), String::new());
                }>
                    <label>{t(WorkMsg::Carrier)}<input bind:value=carrier required maxlength="50"/></label>
                    <label>{t(WorkMsg::TrackingNumber)}<input bind:value=tracking required maxlength="50"/></label>
                    <button type="submit" class="primary" disabled=pending>{t(WorkMsg::ShipOrder)}</button>
                </form>
            })}
            {allowed(OrderAction::Cancel).then(|| view! {
                <form class="inline" aria-label=t(WorkMsg::CancelOrder) on:submit=move |ev| {
                    ev.prevent_default();
                    send(OrderAction::Cancel, String::new(), String::new(), reason.get_untracked());
                }>
                    <label>{t(WorkMsg::CancelReason)}<input bind:value=reason required maxlength="200"/></label>
                    <button type="submit" class="danger" disabled=pending>{t(WorkMsg::CancelOrder)}</button>
                </form>
            })}
        </div>
    }
}
