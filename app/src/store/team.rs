//! `/s/{store}/team`: a tenant-enabled enterprise's distributor admin
//! manages its team: adds an employee (who is texted how to log in),
//! disables or re-enables one, and chooses the liaisons, who may order.
//! Rendered on the server; every change is a plain form post
//! (`POST /s/{store}/team`), so it works before and without the script.

use crate::api::teams::team;
use crate::components::{Loading, PageTitle};
use crate::domain::teams::{TeamMember, TeamView, NAME_MAX};
use crate::i18n::{Lang, TeamMsg};
use crate::page::use_lang;
use crate::store::cart::Notice;
use crate::store::{error_view, use_store_slug};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TeamPage() -> impl IntoView {
    let lang = use_lang();
    let store = use_store_slug();
    let data = Resource::new(move || store.get(), team);
    view! {
        <PageTitle text=TeamMsg::MyTeam.text(lang)/>
        <section class="team">
            <h1>{TeamMsg::MyTeam.text(lang)}</h1>
            <Notice/>
            <Done lang/>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let action = format!("/s/{}/team", store.get_untracked());
                    match data.await {
                        Ok(t) => view! { <Team t action lang/> }.into_any(),
                        Err(err) => error_view(err),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// What the last form post did (`?done=`).
#[component]
fn Done(lang: Lang) -> impl IntoView {
    let done = use_query_map().read_untracked().get("done");
    let text = match done.as_deref() {
        Some("added") => Some(TeamMsg::Added.text(lang)),
        Some("changed") => Some(TeamMsg::Changed.text(lang)),
        _ => None,
    };
    text.map(|t| view! { <p class="success" role="status" data-testid="team-done">{t}</p> })
}

#[component]
fn Team(t: TeamView, action: String, lang: Lang) -> impl IntoView {
    let alone = t.members.iter().all(|m| m.is_admin);
    let members = t
        .members
        .into_iter()
        .map(|m| view! { <Member m action=action.clone() lang/> })
        .collect_view();
    view! {
        <p class="hint">{t.enterprise}" · "{TeamMsg::TeamHint.text(lang)}</p>
        <form method="post" action=action.clone() class="form team-add" data-testid="team-add">
            <h2>{TeamMsg::AddTeammate.text(lang)}</h2>
            <input type="hidden" name="op" value="add"/>
            <label>
                {TeamMsg::TeammateName.text(lang)}
                <input name="name" required maxlength=NAME_MAX autocomplete="off"/>
            </label>
            <label>
                {TeamMsg::TeammatePhone.text(lang)}
                <input name="phone" type="tel" inputmode="numeric" required autocomplete="off"/>
            </label>
            <label class="check">
                <input type="checkbox" name="liaison" value="on" checked/>
                {TeamMsg::MayOrder.text(lang)}
            </label>
            <button type="submit" class="primary">{TeamMsg::Add.text(lang)}</button>
        </form>
        <h2>{TeamMsg::TeamOf.text(lang)}</h2>
        <ul class="team-members" data-testid="team-members">{members}</ul>
        {alone.then(|| view! { <p class="empty">{TeamMsg::NoTeammates.text(lang)}</p> })}
    }
}

#[component]
fn Member(m: TeamMember, action: String, lang: Lang) -> impl IntoView {
    let badges = [
        (m.is_admin, TeamMsg::AdminBadge),
        (m.is_liaison, TeamMsg::LiaisonBadge),
        (m.disabled, TeamMsg::DisabledBadge),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, text)| view! { <span class="badge">{text.text(lang)}</span> })
    .collect_view();
    // The admin cannot lock themselves out; the brand changes admins.
    let buttons = (!m.is_admin).then(|| {
        let (toggle, toggle_text) = if m.disabled {
            ("enable", TeamMsg::Enable)
        } else {
            ("disable", TeamMsg::Disable)
        };
        let (liaison, liaison_text) = if m.is_liaison {
            ("not_liaison", TeamMsg::NotLiaison)
        } else {
            ("liaison", TeamMsg::MakeLiaison)
        };
        view! {
            <ChangeButton action=action.clone() member=m.id op=liaison text=liaison_text.text(lang)/>
            <ChangeButton action=action.clone() member=m.id op=toggle text=toggle_text.text(lang)/>
        }
    });
    view! {
        <li data-testid="team-member">
            <strong>{m.name}</strong>" "<span>{m.phone}</span>" "{badges}
            <div class="actions">{buttons}</div>
        </li>
    }
}

#[component]
fn ChangeButton(
    action: String,
    member: i64,
    op: &'static str,
    text: &'static str,
) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline">
            <input type="hidden" name="op" value=op/>
            <input type="hidden" name="member" value=member/>
            <button type="submit" class="secondary">{text}</button>
        </form>
    }
}
