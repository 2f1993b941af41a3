//! `/console/roles`: the permission matrix (roles as columns, permissions as
//! rows), new custom roles, and which console role each staff member has.

use crate::erase::Erase;
use crate::i18n::{CMsg, PeopleMsg};
use crate::{error_view, t, use_toasts, PageAction};
use app::api::roles::{list_roles, list_staff, CreateRole, SetRolePermissions, SetStaffRole};
use app::components::{ErrorBox, Loading};
use app::domain::permissions::{Audience, Permission};
use app::domain::roles::RoleView;
use leptos::prelude::*;

fn label(p: Permission) -> PeopleMsg {
    use Permission::*;
    match p {
        AccountsRead => PeopleMsg::PermAccountsRead,
        AccountsWrite => PeopleMsg::PermAccountsWrite,
        OrderingAccountsWrite => PeopleMsg::PermOrderingAccountsWrite,
        RolesWrite => PeopleMsg::PermRolesWrite,
        CatalogueWrite => PeopleMsg::PermCatalogueWrite,
        PricesWrite => PeopleMsg::PermPricesWrite,
        OrdersRead => PeopleMsg::PermOrdersRead,
        OrdersWrite => PeopleMsg::PermOrdersWrite,
        RegistrationsApprove => PeopleMsg::PermRegistrationsApprove,
        SettingsWrite => PeopleMsg::PermSettingsWrite,
        StoreCatalogueView => PeopleMsg::PermStoreCatalogueView,
        StorePricesView => PeopleMsg::PermStorePricesView,
        StoreOrdersPlace => PeopleMsg::PermStoreOrdersPlace,
        StoreOrdersViewOwn => PeopleMsg::PermStoreOrdersViewOwn,
    }
}

/// A role's name in the reader's language: system roles are translated,
/// custom roles read as their brand named them.
pub fn role_name(r: &RoleView) -> String {
    use app::domain::permissions::*;
    let msg = match r.system_key.as_deref() {
        Some(STORE_ADMIN) => PeopleMsg::RoleStoreAdmin,
        Some(CHANNEL_ADMIN) => PeopleMsg::RoleChannelAdmin,
        Some(ORDER_CLERK) => PeopleMsg::RoleOrderClerk,
        Some(ORDER_PERSONNEL) => PeopleMsg::RoleOrderPersonnel,
        _ => return r.name.clone(),
    };
    t(msg).to_string()
}

#[component]
pub fn RolesPage() -> impl IntoView {
    let save = PageAction::<SetRolePermissions>::new();
    let create = PageAction::<CreateRole>::new();
    let assign = PageAction::<SetStaffRole>::new();
    let toasts = use_toasts();
    toasts.saved_on_success(save);
    toasts.saved_on_success(create);
    toasts.saved_on_success(assign);
    let roles = crate::page_resource(
        move || (save.version().get(), create.version().get()),
        |_| list_roles(),
    );
    let staff = crate::page_resource(move || assign.version().get(), |_| list_staff());
    let failure = move || {
        [
            save.value().get().and_then(Result::err),
            create.value().get().and_then(Result::err),
            assign.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .next()
    };
    view! {
        <h1>{t(CMsg::Roles)}</h1>
        <p class="hint">{t(CMsg::RolesHint)}</p>
        {move || failure().map(|err| view! { <ErrorBox err/> })}
        {crate::suspense(Loading, move || async move {
                match roles.await {
                    Ok(roles) => view! { <Matrix roles=roles.clone() save/> <StaffRoles roles staff assign/> }.erase(),
                    Err(err) => error_view(err),
                }
            })}
        <NewRoleForm create/>
    }
}

#[component]
fn Matrix(roles: Vec<RoleView>, save: PageAction<SetRolePermissions>) -> impl IntoView {
    let heads = roles
        .iter()
        .map(|r| {
            let audience = if r.audience == Audience::Store {
                t(PeopleMsg::StoreRole)
            } else {
                t(PeopleMsg::ConsoleRole)
            };
            view! { <th scope="col">{role_name(r)}<br/><small>{audience}" · "{r.members}</small></th> }
        })
        .collect_view();
    let rows = Permission::ALL
        .iter()
        .map(|&p| {
            let cells = roles
                .iter()
                .map(|r| {
                    if p.is_store() != (r.audience == Audience::Store) {
                        return view! { <td class="na">"—"</td> }.erase();
                    }
                    let checked = r.permissions.iter().any(|c| c == p.code());
                    let role = r.clone();
                    let name = format!("{} · {}", role_name(r), t(label(p)));
                    view! {
                        <td><input type="checkbox" aria-label=name checked=checked disabled=r.locked()
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let mut permissions: Vec<String> = role.permissions.iter()
                                    .filter(|c| c.as_str() != p.code()).cloned().collect();
                                if on {
                                    permissions.push(p.code().to_string());
                                }
                                save.dispatch(SetRolePermissions { role_id: role.id, permissions });
                            }/></td>
                    }
                    .erase()
                })
                .collect_view();
            view! { <tr><th scope="row">{t(label(p))}<br/><code>{p.code()}</code></th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table matrix" aria-label=t(PeopleMsg::PermissionMatrix)>
                <thead><tr><th scope="col">{t(PeopleMsg::Permission)}</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn StaffRoles(
    roles: Vec<RoleView>,
    staff: crate::PageResource<Vec<app::domain::roles::StaffRow>>,
    assign: PageAction<SetStaffRole>,
) -> impl IntoView {
    let console_roles: Vec<RoleView> = roles
        .into_iter()
        .filter(|r| r.audience == Audience::Console)
        .collect();
    view! {
        <h2>{t(PeopleMsg::Staff)}</h2>
        {crate::suspense(Loading, move || {
                let console_roles = console_roles.clone();
                async move {
                    let rows = match staff.await {
                        Ok(rows) => rows,
                        Err(err) => return error_view(err),
                    };
                    let rows = rows.into_iter().map(|s| {
                        let options = console_roles.iter().map(|r| view! {
                            <option value=r.id.to_string() selected=r.id == s.role_id>{role_name(r)}</option>
                        }).collect_view();
                        let staff_id = s.id;
                        view! {
                            <tr>
                                <td>{s.name.clone()}</td>
                                <td>{s.email.clone()}</td>
                                <td><select aria-label=format!("{} {}", t(CMsg::Role), s.name)
                                    on:change=move |ev| {
                                        if let Ok(role_id) = event_target_value(&ev).parse() {
                                            assign.dispatch(SetStaffRole { staff_id, role_id });
                                        }
                                    }>{options}</select></td>
                            </tr>
                        }
                    }).collect_view();
                    view! {
                        <table class="table">
                            <thead><tr>
                                <th scope="col">{t(CMsg::Name)}</th>
                                <th scope="col">{t(CMsg::Email)}</th>
                                <th scope="col">{t(CMsg::Role)}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }.erase()
                }
            })}
    }
}

#[component]
fn NewRoleForm(create: PageAction<CreateRole>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let audience = RwSignal::new(Audience::Console);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateRole {
            name: name.get_untracked(),
            audience: audience.get_untracked(),
        });
    };
    view! {
        <form class="card form inline" on:submit=submit aria-label=t(PeopleMsg::NewRole)>
            <h2>{t(PeopleMsg::NewRole)}</h2>
            <div class="field">
                <label for="role-name">{t(PeopleMsg::RoleName)}</label>
                <input id="role-name" required maxlength="30" bind:value=name/>
            </div>
            <div class="field">
                <label for="role-audience">{t(PeopleMsg::RoleFor)}</label>
                <select id="role-audience" on:change=move |ev| audience.set(
                    if event_target_value(&ev) == "store" { Audience::Store } else { Audience::Console })>
                    <option value="console">{t(PeopleMsg::ConsoleRole)}</option>
                    <option value="store">{t(PeopleMsg::StoreRole)}</option>
                </select>
            </div>
            <button type="submit" class="primary" disabled=move || create.pending().get()>{t(CMsg::Create)}</button>
        </form>
    }
}
