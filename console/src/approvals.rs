//! `/console/approvals`: self-registration applications, pending (longest
//! waiting first), approved and rejected. Approving creates the Account (or
//! links an existing one), Contact, Enterprise and ordering account; the
//! server makes sure that happens once however many admins click.

use crate::erase::Erase;
use crate::i18n::{CMsg, WorkMsg};
use crate::{error_view, t, use_lang, use_toasts, ActionError, PageAction, Pager};
use app::api::prices::price_list_summaries;
use app::api::registration::{registrations, ApproveRegistration, RejectRegistration};
use app::components::Loading;
use app::domain::layout::{Field, FieldKind};
use app::domain::prices::PriceListSummary;
use app::domain::registration::ApplicationView;
use app::domain::registration::{waited, Status};
use app::domain::time::china_time;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// Bumped whenever the pending count may have changed, so the nav badge reloads.
#[derive(Clone, Copy, Default)]
pub struct PendingVersion(pub RwSignal<u32>);

pub fn use_pending_version() -> PendingVersion {
    use_context::<PendingVersion>().unwrap_or_default()
}

fn status_name(s: Status) -> WorkMsg {
    match s {
        Status::Pending => WorkMsg::PendingTab,
        Status::Approved => WorkMsg::ApprovedTab,
        Status::Rejected => WorkMsg::RejectedTab,
    }
}

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let query = use_query_map();
    let status = Memo::new(move |_| {
        query
            .read()
            .get("status")
            .and_then(|s| Status::from_code(&s))
            .unwrap_or(Status::Pending)
    });
    let page = Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1u32)
    });
    let approve = PageAction::<ApproveRegistration>::new();
    let reject = PageAction::<RejectRegistration>::new();
    let data = crate::page_resource(
        move || {
            (
                status.get(),
                page.get(),
                approve.version().get(),
                reject.version().get(),
            )
        },
        |(s, p, _, _)| registrations(s, p),
    );
    // Without price list access an admin still approves onto standard prices.
    let lists = crate::page_resource(|| (), |_| price_list_summaries());
    let toasts = use_toasts();
    let pending_version = use_pending_version();
    // One effect per action: each reacts only to its own answer.
    let after = move |done: WorkMsg| {
        toasts.show(t(done));
        pending_version.0.update(|v| *v += 1);
    };
    Effect::new(move |_| {
        if matches!(approve.value().get(), Some(Ok(()))) {
            after(WorkMsg::ApprovedToast);
        }
    });
    Effect::new(move |_| {
        if matches!(reject.value().get(), Some(Ok(()))) {
            after(WorkMsg::RejectedToast);
        }
    });
    let tabs = Status::ALL
        .into_iter()
        .map(|s| {
            view! {
                <A href=format!("/console/approvals?status={}", s.code())
                    attr:role="tab" attr:aria-selected=move || (status.get() == s).to_string()>{t(status_name(s))}</A>
            }
        })
        .collect_view();
    view! {
        <h1>{t(CMsg::Approvals)}</h1>
        <nav class="tabs" role="tablist">{tabs}</nav>
        <crate::QueryError/>
        <Decided/>
        <ActionError action=approve/>
        <ActionError action=reject/>
        {crate::suspense(Loading, move || async move {
                let lists = lists.await.unwrap_or_default();
                match data.await {
                    Ok(p) if p.items.is_empty() => view! { <p class="empty">{t(WorkMsg::NoApplications)}</p> }.erase(),
                    Ok(p) => {
                        let cards = p.items.into_iter().map(|a| {
                            view! { <ApplicationCard a lists=lists.clone() approve reject/> }
                        }).collect_view();
                        let params = format!("status={}", status.get_untracked().code());
                        view! {
                            <div class="cards">{cards}</div>
                            <Pager path="/console/approvals" q=String::new() params page=p.page total=p.total page_size=p.page_size/>
                        }.erase()
                    }
                    Err(err) => error_view(err),
                }
            })}
    }
}

/// What a plain form post decided (`?done=`), as the toast says it.
#[component]
fn Decided() -> impl IntoView {
    let done = use_query_map().read_untracked().get("done");
    let text = match done.as_deref() {
        Some("approved") => Some(t(WorkMsg::ApprovedToast)),
        Some("rejected") => Some(t(WorkMsg::RejectedToast)),
        _ => None,
    };
    text.map(|text| view! { <p class="success" role="status" data-testid="decided">{text}</p> })
}

/// A value as the applicant chose it: option labels rather than codes.
fn shown(f: &Field, value: &str, lang: app::i18n::Lang) -> String {
    if !matches!(f.kind, FieldKind::Select | FieldKind::MultiSelect) {
        return value.to_string();
    }
    value
        .split(',')
        .map(|v| {
            f.options
                .iter()
                .find(|c| c.value == v)
                .map_or(v, |c| c.label(lang))
        })
        .collect::<Vec<_>>()
        .join(CMsg::ListSeparator.text(lang))
}

#[component]
fn ApplicationCard(
    a: ApplicationView,
    lists: Vec<PriceListSummary>,
    approve: PageAction<ApproveRegistration>,
    reject: PageAction<RejectRegistration>,
) -> impl IntoView {
    let lang = use_lang();
    let id = a.id;
    let rows = a
        .fields
        .iter()
        .filter_map(|f| {
            a.values.get(&f.key).map(|v| {
                view! { <dt>{f.label(lang).to_string()}</dt><dd>{shown(f, v, lang)}</dd> }
            })
        })
        .collect_view();
    let when = match a.status {
        Status::Pending => format!("{} {}", t(WorkMsg::Waited), waited(a.waited_secs, lang)),
        _ => format!(
            "{} {} · {}",
            a.decided_by
                .clone()
                .unwrap_or_else(|| t(WorkMsg::Automatic).to_string()),
            a.decided_at.map(china_time).unwrap_or_default(),
            a.account.clone().unwrap_or_default(),
        ),
    };
    let decide = (a.status == Status::Pending).then(|| {
        let price_list = RwSignal::new(String::new());
        let account = RwSignal::new(String::new());
        let reason = RwSignal::new(String::new());
        let list_options = lists
            .into_iter()
            .filter(|l| !l.standard)
            .map(|l| view! { <option value=l.id.to_string()>{l.name}</option> })
            .collect_view();
        let match_options = a
            .matches
            .iter()
            .map(|m| {
                let label = match &m.price_list {
                    Some(pl) => format!("{} ({pl})", m.name),
                    None => m.name.clone(),
                };
                view! { <option value=m.id.to_string()>{label}</option> }
            })
            .collect_view();
        let on_approve = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            approve.dispatch(ApproveRegistration {
                id,
                price_list_id: price_list.get_untracked().parse().ok(),
                account_id: account.get_untracked().parse().ok(),
            });
        };
        let on_reject = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            reject.dispatch(RejectRegistration {
                id,
                reason: reason.get_untracked(),
            });
        };
        let busy = move || approve.pending().get() || reject.pending().get();
        // Plain forms until the script has loaded (or without it); server
        // functions after.
        let action = format!("/console/approvals/{id}");
        view! {
            <div class="decide">
                <form method="post" action=action.clone() on:submit=on_approve aria-label=t(WorkMsg::Approve)>
                    <input type="hidden" name="op" value="approve"/>
                    <div class="field">
                        <label for=format!("account-{id}")>{t(WorkMsg::AccountToUse)}</label>
                        <select id=format!("account-{id}") name="account_id" on:change=move |ev| account.set(event_target_value(&ev))>
                            <option value="">{t(CMsg::NewAccount)}</option>
                            {match_options}
                        </select>
                    </div>
                    <div class="field">
                        <label for=format!("price-list-{id}")>{t(CMsg::PriceList)}</label>
                        <select id=format!("price-list-{id}") name="price_list_id" disabled=move || !account.get().is_empty()
                            on:change=move |ev| price_list.set(event_target_value(&ev))>
                            <option value="">{t(WorkMsg::StandardDefault)}</option>
                            {list_options}
                        </select>
                    </div>
                    <button type="submit" class="primary" disabled=busy>{t(WorkMsg::Approve)}</button>
                </form>
                <form class="form inline" method="post" action=action on:submit=on_reject aria-label=t(WorkMsg::Reject)>
                    <input type="hidden" name="op" value="reject"/>
                    <label for=format!("reason-{id}")>{t(WorkMsg::RejectReason)}</label>
                    <textarea id=format!("reason-{id}") name="reason" rows="2" maxlength="200" required bind:value=reason></textarea>
                    <button type="submit" class="danger" disabled=busy>{t(WorkMsg::Reject)}</button>
                </form>
            </div>
        }
    });
    view! {
        <article class="card application" data-testid="application" data-id=id>
            <header>
                <h2>{a.company.clone()}</h2>
                <p>{a.contact_name.clone()}" · "{a.phone.clone()}</p>
                <p class="hint" data-testid="waited">{when}</p>
            </header>
            <dl class="fields">{rows}</dl>
            {a.reason.clone().map(|r| view! { <p><strong>{t(WorkMsg::RejectReason)}": "</strong>{r}</p> })}
            {decide}
        </article>
    }
    .erase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::layout::{Choice, Section};
    use app::i18n::Lang;

    #[test]
    fn chosen_options_read_as_their_labels() {
        let choice = |v: &str, zh: &str| Choice {
            value: v.into(),
            label_zh: zh.into(),
            label_en: v.to_uppercase(),
        };
        let field = |kind| Field {
            key: "channel".into(),
            kind,
            label_zh: "渠道".into(),
            label_en: "Channel".into(),
            required: false,
            system: false,
            options: vec![choice("retail", "零售"), choice("horeca", "餐饮")],
            section: Section::Account,
        };
        assert_eq!(shown(&field(FieldKind::Select), "horeca", Lang::Zh), "餐饮");
        assert_eq!(
            shown(&field(FieldKind::MultiSelect), "retail,horeca", Lang::En),
            "RETAIL, HORECA"
        );
        // A value no longer among the options still shows as stored.
        assert_eq!(shown(&field(FieldKind::Select), "gone", Lang::Zh), "gone");
        assert_eq!(shown(&field(FieldKind::Text), "a,b", Lang::Zh), "a,b");
    }
}
