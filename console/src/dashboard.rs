//! `/console`: the overview. Orders and revenue per day for the last 30
//! days as an SVG bar chart drawn here (no chart service), with the numbers
//! as a table for screen readers and anyone who wants them; counts by
//! status; the newest orders; waiting applications.

use crate::erase::Erase;
use crate::i18n::{CMsg, WorkMsg};
use crate::orders::status_name;
use crate::t;
use app::components::Loading;
use app::domain::money::format_cny;
use app::domain::orders::{Dashboard, DayTotal};
use app::domain::time::{china_time, month_day};
use leptos::prelude::*;
use leptos_router::components::A;

/// The chart's drawing box; the SVG scales to its container.
const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 180.0;
const AXIS: f64 = 20.0;

#[component]
pub fn Dashboard() -> impl IntoView {
    let me = crate::page_resource(|| (), |_| app::api::staff::staff_me());
    let data = crate::page_resource(|| (), |_| app::api::orders::dashboard());
    let pending = crate::page_resource(|| (), |_| app::api::registration::pending_registrations());
    view! {
        <h1>{t(CMsg::Dashboard)}</h1>
        {crate::suspense(Loading, move || async move {
                match me.await {
                    Ok(me) => view! {
                        <p class="welcome">{t(WorkMsg::Welcome)}", "<strong data-testid="staff-name">{me.name}</strong>
                            " · "{t(CMsg::Role)}": "{me.role}</p>
                    }.erase(),
                    Err(err) => crate::error_view(err),
                }
            })}
        {crate::suspense(|| (), move || async move {
                pending.await.ok().filter(|n| *n > 0).map(|n| view! {
                    <p class="card"><A href="/console/approvals">{n}" "{t(CMsg::PendingApprovals)}" →"</A></p>
                })
            })}
        {crate::suspense(Loading, move || async move {
                // Staff without order access see the rest of the overview.
                data.await.ok().map(|d| view! { <Overview d/> })
            })}
    }
}

#[component]
fn Overview(d: Dashboard) -> impl IntoView {
    let counts = d
        .by_status
        .into_iter()
        .map(|(s, n)| {
            view! {
                <li><A href=format!("/console/orders?status={}", s.code())>
                    <span class="count" data-status=s.code()>{n}</span>" "{status_name(s)}
                </A></li>
            }
        })
        .collect_view();
    let no_recent = d.recent.is_empty();
    let recent = d
        .recent
        .into_iter()
        .map(|o| {
            view! {
                <tr>
                    <td><A href=format!("/console/orders/{}", o.summary.id)>{o.summary.number}</A></td>
                    <td>{o.distributor}</td>
                    <td>{status_name(o.summary.status)}</td>
                    <td class="num">{format_cny(o.summary.total)}</td>
                    <td>{china_time(o.summary.created_at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t(WorkMsg::OrdersPerDay)}</h2>
            <Chart days=d.days.clone()/>
            <details>
                <summary>{t(WorkMsg::ChartAsTable)}</summary>
                <DayTable days=d.days/>
            </details>
        </section>
        <section class="card">
            <h2>{t(WorkMsg::ByStatus)}</h2>
            <ul class="status-counts">{counts}</ul>
        </section>
        <section class="card">
            <h2>{t(WorkMsg::RecentOrders)}</h2>
            {if no_recent {
                view! { <p class="empty">{t(WorkMsg::NoOrders)}</p> }.erase()
            } else {
                view! { <table class="table"><tbody>{recent}</tbody></table> }.erase()
            }}
            <p><A href="/console/orders">{t(WorkMsg::AllOrdersLink)}" →"</A></p>
        </section>
    }
}

/// One bar per day, its height the day's revenue against the busiest day;
/// each bar says its day, orders and revenue when pointed at.
#[component]
fn Chart(days: Vec<DayTotal>) -> impl IntoView {
    let top = days.iter().map(|d| d.revenue).max().unwrap_or(0).max(1) as f64;
    let slot = WIDTH / days.len().max(1) as f64;
    let bars = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let h = (d.revenue as f64 / top) * (HEIGHT - AXIS);
            let x = i as f64 * slot + slot * 0.15;
            let y = HEIGHT - AXIS - h;
            let label = format!(
                "{} · {} {} · {}",
                month_day(d.day),
                d.orders,
                t(WorkMsg::OrderCount),
                format_cny(d.revenue)
            );
            let tick = (i % 5 == 4).then(|| {
                view! {
                    <text x=format!("{:.1}", x + slot * 0.35) y=format!("{:.1}", HEIGHT - 4.0)
                        text-anchor="middle" class="tick">{month_day(d.day)}</text>
                }
            });
            view! {
                <rect x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{:.1}", slot * 0.7)
                    height=format!("{h:.1}") class="bar" data-day=month_day(d.day) data-orders=d.orders>
                    <title>{label}</title>
                </rect>
                {tick}
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
            aria-label=t(WorkMsg::OrdersChartLabel) data-testid="orders-chart">
            <line x1="0" x2=WIDTH.to_string() y1=(HEIGHT - AXIS).to_string() y2=(HEIGHT - AXIS).to_string() class="axis"/>
            {bars}
        </svg>
    }
}

#[component]
fn DayTable(days: Vec<DayTotal>) -> impl IntoView {
    let rows = days
        .into_iter()
        .rev()
        .map(|d| {
            view! {
                <tr>
                    <td>{month_day(d.day)}</td>
                    <td class="num">{d.orders}</td>
                    <td class="num">{format_cny(d.revenue)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table">
            <thead><tr>
                <th scope="col">{t(WorkMsg::Day)}</th>
                <th scope="col">{t(WorkMsg::OrderCount)}</th>
                <th scope="col">{t(WorkMsg::Revenue)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
