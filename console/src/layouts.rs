//! `/console/layouts`: the field layout of Accounts, Contacts and the
//! self-registration form. System fields can be relabelled, reordered and
//! made required; custom fields can be added, edited and removed. The server
//! checks the result with the same `Layout::check` the unit tests cover.

use crate::erase::Erase;
use crate::i18n::{CMsg, SettingsMsg};
use crate::{t, use_toasts, ActionError, PageAction};
use app::api::layouts::{get_layout, SaveLayout};
use app::components::{ErrorBox, Loading};
use app::domain::layout::{Choice, Field, FieldKind, Layout, LayoutObject, Section};
use leptos::prelude::*;

fn object_name(o: LayoutObject) -> CMsg {
    match o {
        LayoutObject::Account => CMsg::Accounts,
        LayoutObject::Contact => CMsg::Contacts,
        LayoutObject::Registration => CMsg::SelfRegistration,
    }
}

fn kind_name(k: FieldKind) -> &'static str {
    match k {
        FieldKind::Text => t(SettingsMsg::KindText),
        FieldKind::LongText => t(SettingsMsg::KindLongText),
        FieldKind::Phone => t(CMsg::Phone),
        FieldKind::Email => t(CMsg::Email),
        FieldKind::Number => t(SettingsMsg::KindNumber),
        FieldKind::Select => t(SettingsMsg::KindSelect),
        FieldKind::MultiSelect => t(SettingsMsg::KindMultiSelect),
        FieldKind::Date => t(SettingsMsg::KindDate),
        FieldKind::Region => t(SettingsMsg::KindRegion),
    }
}

fn section_name(s: Section) -> SettingsMsg {
    match s {
        Section::Account => SettingsMsg::SectionAccount,
        Section::Contact => SettingsMsg::SectionContact,
    }
}

fn section_code(s: Section) -> &'static str {
    match s {
        Section::Account => "account",
        Section::Contact => "contact",
    }
}

fn parse_section(code: &str) -> Section {
    Section::ALL
        .into_iter()
        .find(|s| section_code(*s) == code)
        .unwrap_or_default()
}

fn kind_code(k: FieldKind) -> &'static str {
    match k {
        FieldKind::Text => "text",
        FieldKind::LongText => "long_text",
        FieldKind::Phone => "phone",
        FieldKind::Email => "email",
        FieldKind::Number => "number",
        FieldKind::Select => "select",
        FieldKind::MultiSelect => "multi_select",
        FieldKind::Date => "date",
        FieldKind::Region => "region",
    }
}

/// Options as edited: one per line, `value|Chinese label|English label`.
fn options_text(options: &[Choice]) -> String {
    options
        .iter()
        .map(|c| format!("{}|{}|{}", c.value, c.label_zh, c.label_en))
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_options(text: &str) -> Vec<Choice> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut parts = l.split('|').map(str::trim);
            let value = parts.next().unwrap_or_default().to_string();
            let zh = parts.next().unwrap_or(&value).to_string();
            let en = parts.next().unwrap_or(&zh).to_string();
            Choice {
                value,
                label_zh: zh,
                label_en: en,
            }
        })
        .collect()
}

#[component]
pub fn LayoutsPage() -> impl IntoView {
    let object = RwSignal::new(LayoutObject::Account);
    let save = PageAction::<SaveLayout>::new();
    let layout = crate::page_resource(
        move || (object.get(), save.version().get()),
        |(o, _)| load(o),
    );
    let toasts = use_toasts();
    toasts.saved_on_success(save);
    let tabs = LayoutObject::ALL
        .into_iter()
        .map(|o| {
            view! {
                <button type="button" role="tab" aria-selected=move || (object.get() == o).to_string()
                    on:click=move |_| object.set(o)>{t(object_name(o))}</button>
            }
        })
        .collect_view();
    view! {
        <h1>{t(CMsg::Layouts)}</h1>
        <p class="hint">{t(CMsg::LayoutsHint)}</p>
        <div class="tabs" role="tablist">{tabs}</div>
        {crate::suspense(Loading, move || async move {
                match layout.await {
                    Ok((l, offered)) => view! { <LayoutEditor layout=l save offered/> }.erase(),
                    Err(err) => view! { <ErrorBox err/> }.erase(),
                }
            })}
        <ActionError action=save/>
    }
}

/// A layout to edit; for the registration form, also the Account and Contact
/// fields it may ask for.
async fn load(object: LayoutObject) -> Result<(Layout, Vec<Field>), app::error::AppError> {
    let layout = get_layout(object).await?;
    if object != LayoutObject::Registration {
        return Ok((layout, Vec::new()));
    }
    let account = get_layout(LayoutObject::Account).await;
    let contact = get_layout(LayoutObject::Contact).await;
    let offered = match (account, contact) {
        (Ok(a), Ok(c)) => app::domain::registration::offerable(&a, &c),
        // Without access to those layouts the editor still adds fields of its own.
        _ => Vec::new(),
    };
    Ok((layout, offered))
}

/// The self-registration form's layout, on the registration settings page.
#[component]
pub fn RegistrationLayoutEditor() -> impl IntoView {
    let save = PageAction::<SaveLayout>::new();
    let layout = crate::page_resource(
        move || save.version().get(),
        |_| load(LayoutObject::Registration),
    );
    let toasts = use_toasts();
    toasts.saved_on_success(save);
    view! {
        <h2>{t(SettingsMsg::RegistrationLayout)}</h2>
        {crate::suspense(Loading, move || async move {
                match layout.await {
                    Ok((l, offered)) => view! { <LayoutEditor layout=l save offered/> }.erase(),
                    Err(err) => view! { <ErrorBox err/> }.erase(),
                }
            })}
        <ActionError action=save/>
    }
}

#[component]
fn LayoutEditor(
    layout: Layout,
    save: PageAction<SaveLayout>,
    /// Fields of other layouts this one may take over (registration only).
    offered: Vec<Field>,
) -> impl IntoView {
    let object = layout.object;
    let fields = RwSignal::new(layout.fields);
    let new_key = RwSignal::new(String::new());
    let new_kind = RwSignal::new(FieldKind::Text);
    let new_section = RwSignal::new(Section::Account);
    // Only the registration form mixes Account and Contact fields.
    let sectioned = object == LayoutObject::Registration;
    let update = move |i: usize, f: &dyn Fn(&mut Field)| {
        fields.update(|fs| {
            if let Some(field) = fs.get_mut(i) {
                f(field)
            }
        })
    };
    let swap = move |i: usize, j: usize| {
        fields.update(|fs| {
            if i < fs.len() && j < fs.len() {
                fs.swap(i, j)
            }
        })
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let key = new_key.get_untracked().trim().to_string();
        let kind = new_kind.get_untracked();
        fields.update(|fs| {
            fs.push(Field {
                label_zh: key.clone(),
                label_en: key.clone(),
                key,
                kind,
                required: false,
                system: false,
                options: Vec::new(),
                section: new_section.get_untracked(),
            })
        });
        new_key.set(String::new());
    };
    let rows = move || {
        fields
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, f)| {
                let key = f.key.clone();
                let kind = f.kind;
                let options = options_text(&f.options);
                view! {
                    <tr data-key=key.clone()>
                        <td><code>{key.clone()}</code>{f.system.then(|| view! { " "<small class="tag">{t(SettingsMsg::SystemField)}</small> })}</td>
                        <td>{kind_name(kind)}</td>
                        {sectioned.then(|| {
                            let current = f.section;
                            if f.system {
                                view! { <td>{t(section_name(current))}</td> }.erase()
                            } else {
                                let options = Section::ALL.into_iter().map(|s| view! {
                                    <option value=section_code(s) selected=s == current>{t(section_name(s))}</option>
                                }).collect_view();
                                view! {
                                    <td><select aria-label=format!("{} {key}", t(SettingsMsg::Section)) on:change=move |ev| {
                                        let section = parse_section(&event_target_value(&ev));
                                        update(i, &|f| f.section = section);
                                    }>{options}</select></td>
                                }.erase()
                            }
                        })}
                        <td><input aria-label=format!("{} {key} {}", t(SettingsMsg::Label), t(SettingsMsg::ChineseName)) value=f.label_zh.clone()
                            on:change=move |ev| update(i, &|f| f.label_zh = event_target_value(&ev))/></td>
                        <td><input aria-label=format!("{} {key} {}", t(SettingsMsg::Label), t(SettingsMsg::EnglishName)) value=f.label_en.clone()
                            on:change=move |ev| update(i, &|f| f.label_en = event_target_value(&ev))/></td>
                        <td><input type="checkbox" aria-label=format!("{} {key}", t(SettingsMsg::Required)) checked=f.required
                            on:change=move |ev| update(i, &|f| f.required = event_target_checked(&ev))/></td>
                        <td>{kind.has_options().then(|| view! {
                            <textarea rows="3" aria-label=format!("{} {key}", t(SettingsMsg::Options)) placeholder=t(SettingsMsg::OptionsPlaceholder)
                                on:change=move |ev| update(i, &|f| f.options = parse_options(&event_target_value(&ev)))>{options}</textarea>
                        })}</td>
                        <td class="actions">
                            <button type="button" class="small" aria-label=format!("{} {key}", t(SettingsMsg::MoveUp)) on:click=move |_| swap(i, i.wrapping_sub(1))>"↑"</button>
                            <button type="button" class="small" aria-label=format!("{} {key}", t(SettingsMsg::MoveDown)) on:click=move |_| swap(i, i + 1)>"↓"</button>
                            {(!f.system).then(|| view! {
                                <button type="button" class="small" aria-label=format!("{} {key}", t(SettingsMsg::Remove))
                                    on:click=move |_| fields.update(|fs| { fs.remove(i); })>"✕"</button>
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let kinds = FieldKind::ALL
        .into_iter()
        .map(|k| view! { <option value=kind_code(k)>{kind_name(k)}</option> })
        .collect_view();
    let offered = StoredValue::new(offered);
    let chosen_offer = RwSignal::new(String::new());
    let take_offer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let key = chosen_offer.get_untracked();
        if let Some(f) = offered.with_value(|o| o.iter().find(|f| f.key == key).cloned()) {
            fields.update(|fs| {
                if !fs.iter().any(|x| x.key == f.key) {
                    fs.push(f)
                }
            });
        }
        chosen_offer.set(String::new());
    };
    // Offered fields not on the form yet.
    let offers = move || {
        let taken = fields.with(|fs| fs.iter().map(|f| f.key.clone()).collect::<Vec<_>>());
        offered.with_value(|o| {
            o.iter()
                .filter(|f| !taken.contains(&f.key))
                .map(|f| {
                    let label = format!(
                        "{} · {} ({})",
                        t(section_name(f.section)),
                        f.label_zh,
                        f.key
                    );
                    view! { <option value=f.key.clone()>{label}</option> }
                })
                .collect_view()
        })
    };
    let has_offers = offered.with_value(|o| !o.is_empty());
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead><tr>
                    <th scope="col">{t(SettingsMsg::FieldKey)}</th>
                    <th scope="col">{t(SettingsMsg::FieldKind)}</th>
                    {sectioned.then(|| view! { <th scope="col">{t(SettingsMsg::Section)}</th> })}
                    <th scope="col">{t(SettingsMsg::ChineseName)}</th>
                    <th scope="col">{t(SettingsMsg::EnglishName)}</th>
                    <th scope="col">{t(SettingsMsg::Required)}</th>
                    <th scope="col">{t(SettingsMsg::Options)}</th>
                    <th scope="col">{t(CMsg::Actions)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {has_offers.then(|| view! {
            <form class="card form inline" on:submit=take_offer aria-label=t(SettingsMsg::AddExistingField)>
                <h2>{t(SettingsMsg::AddExistingField)}</h2>
                <div class="field">
                    <label for="offered-field">{t(SettingsMsg::ExistingField)}</label>
                    <select id="offered-field" required on:change=move |ev| chosen_offer.set(event_target_value(&ev))
                        prop:value=move || chosen_offer.get()>
                        <option value="">{t(CMsg::Choose)}</option>
                        {offers}
                    </select>
                </div>
                <button type="submit">{t(SettingsMsg::AddField)}</button>
            </form>
        })}
        <form class="card form inline" on:submit=add aria-label=t(SettingsMsg::AddField)>
            <h2>{t(SettingsMsg::AddField)}</h2>
            <div class="field">
                <label for="field-key">{t(SettingsMsg::FieldKey)}</label>
                <input id="field-key" required maxlength="32" pattern="[a-z][a-z0-9_]*" placeholder="region" bind:value=new_key/>
            </div>
            <div class="field">
                <label for="field-kind">{t(SettingsMsg::FieldKind)}</label>
                <select id="field-kind" on:change=move |ev| {
                    let code = event_target_value(&ev);
                    if let Some(k) = FieldKind::ALL.into_iter().find(|k| kind_code(*k) == code) { new_kind.set(k) }
                }>{kinds}</select>
            </div>
            {sectioned.then(|| view! {
                <div class="field">
                    <label for="field-section">{t(SettingsMsg::Section)}</label>
                    <select id="field-section" on:change=move |ev| new_section.set(parse_section(&event_target_value(&ev)))>
                        <option value="account">{t(SettingsMsg::SectionAccount)}</option>
                        <option value="contact">{t(SettingsMsg::SectionContact)}</option>
                    </select>
                </div>
            })}
            <button type="submit">{t(SettingsMsg::AddField)}</button>
        </form>
        <button type="button" class="primary" disabled=move || save.pending().get()
            on:click=move |_| { save.dispatch(SaveLayout { layout: Layout { object, fields: fields.get_untracked() } }); }>
            {move || if save.pending().get() { t(CMsg::Saving) } else { t(SettingsMsg::SaveLayout) }}
        </button>
    }
    .erase()
}
