//! Forms built from layout metadata. The browser checks values with the same
//! `Layout::validate` the server runs, so most mistakes show before a request;
//! the server's own field errors show in the same places.

use crate::{t, use_lang, CMsg};
use app::domain::layout::{Field, FieldError, FieldKind, Layout, LayoutObject, Values};
use app::error::AppError;
use leptos::prelude::*;

/// The layout of `object`, loaded once per page.
pub fn use_layout(object: LayoutObject) -> Resource<Result<Layout, AppError>> {
    Resource::new(|| (), move |_| app::api::layouts::get_layout(object))
}

/// One form over a layout's fields. `extra` goes after the fields (e.g. a price
/// list select); `on_submit` gets the browser-checked values.
#[component]
pub fn LayoutForm(
    layout: Layout,
    #[prop(optional)] initial: Values,
    /// Makes the inputs' ids unique when two forms share a page.
    id_prefix: &'static str,
    title: &'static str,
    submit: &'static str,
    pending: Signal<bool>,
    /// The server's answer to the last submit, if it failed.
    server_error: Signal<Option<AppError>>,
    on_submit: Callback<Values>,
    #[prop(optional)] extra: Option<ChildrenFn>,
) -> impl IntoView {
    let inputs: Vec<(Field, RwSignal<String>)> = layout
        .fields
        .iter()
        .map(|f| {
            let v = initial.get(&f.key).cloned().unwrap_or_default();
            (f.clone(), RwSignal::new(v))
        })
        .collect();
    let client_errors = RwSignal::new(Vec::<FieldError>::new());
    // Client errors first; otherwise the server's field errors.
    let errors = Memo::new(move |_| {
        let local = client_errors.get();
        if !local.is_empty() {
            return local;
        }
        match server_error.get() {
            Some(AppError::Fields { errors }) => errors,
            _ => Vec::new(),
        }
    });
    let values = {
        let inputs = inputs.clone();
        move || -> Values {
            inputs
                .iter()
                .map(|(f, v)| (f.key.clone(), v.get_untracked()))
                .collect()
        }
    };
    let submit_form = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let values = values();
        match layout.validate(&values) {
            Ok(_) => {
                client_errors.set(Vec::new());
                // The raw values go to the server, which cleans them the same way.
                on_submit.run(values);
            }
            Err(errors) => client_errors.set(errors),
        }
    };
    let fields = inputs
        .into_iter()
        .map(|(f, value)| view! { <LayoutField id_prefix field=f value errors/> })
        .collect_view();
    // Errors that are not about one field (permission, network, ...).
    let other_error = move || {
        server_error
            .get()
            .filter(|e| !matches!(e, AppError::Fields { .. }))
    };
    view! {
        <form class="card form inline" on:submit=submit_form aria-label=title novalidate>
            <h2>{title}</h2>
            {fields}
            {extra.map(|extra| extra())}
            <button type="submit" class="primary" disabled=move || pending.get()>
                {move || if pending.get() { t(CMsg::Saving) } else { submit }}
            </button>
            {move || other_error().map(|err| view! { <app::components::ErrorBox err/> })}
        </form>
    }
    // A type-erased view keeps the pages that nest forms within the compiler's limits.
    .into_any()
}

#[component]
fn LayoutField(
    id_prefix: &'static str,
    field: Field,
    value: RwSignal<String>,
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("{id_prefix}-{}", field.key);
    let error_id = format!("{id}-error");
    let key = field.key.clone();
    let error = Memo::new(move |_| {
        errors
            .get()
            .into_iter()
            .find(|e| e.field == key)
            .map(|e| e.message(lang))
    });
    let label = field.label(lang).to_string();
    let required = field.required;
    let described = move || error.get().map(|_| error_id.clone());
    let input = match field.kind {
        FieldKind::Select => {
            let options = field
                .options
                .iter()
                .map(|c| {
                    let v = c.value.clone();
                    let selected = v.clone();
                    view! { <option value=v selected=move || value.get() == selected>{c.label(lang).to_string()}</option> }
                })
                .collect_view();
            view! {
                <select id=id.clone() name=field.key.clone() required=required
                    aria-invalid=move || error.get().is_some().to_string() aria-describedby=described
                    on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="">{t(CMsg::Choose)}</option>
                    {options}
                </select>
            }
            .into_any()
        }
        FieldKind::MultiSelect => {
            // Checkboxes that keep the value as the chosen option values, comma-joined.
            let boxes = field
                .options
                .iter()
                .map(|c| {
                    let v = c.value.clone();
                    let on = v.clone();
                    view! {
                        <label class="check">
                            <input type="checkbox" value=v.clone()
                                prop:checked=move || value.get().split(',').any(|x| x == on)
                                on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    value.update(|cur| {
                                        let mut set: Vec<String> = cur.split(',').filter(|x| !x.is_empty() && *x != v).map(String::from).collect();
                                        if checked { set.push(v.clone()); }
                                        *cur = set.join(",");
                                    });
                                }/>
                            " "{c.label(lang).to_string()}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <div id=id.clone() role="group" aria-label=field.label(lang).to_string()
                    aria-invalid=move || error.get().is_some().to_string() aria-describedby=described>
                    {boxes}
                </div>
            }
            .into_any()
        }
        FieldKind::LongText => view! {
            <textarea id=id.clone() name=field.key.clone() required=required rows="3"
                aria-invalid=move || error.get().is_some().to_string() aria-describedby=described
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))>
            </textarea>
        }
        .into_any(),
        kind => {
            let (input_type, mode) = match kind {
                FieldKind::Phone => ("tel", "tel"),
                FieldKind::Email => ("email", "email"),
                FieldKind::Number => ("text", "numeric"),
                FieldKind::Date => ("date", "text"),
                _ => ("text", "text"),
            };
            view! {
                <input id=id.clone() name=field.key.clone() type=input_type inputmode=mode required=required
                    aria-invalid=move || error.get().is_some().to_string() aria-describedby=described
                    bind:value=value/>
            }
            .into_any()
        }
    };
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}{required.then_some(" *")}</label>
            {input}
            {move || error.get().map(|msg| view! { <span class="field-error" id=error_id.clone()>{msg}</span> })}
        </div>
    }
}
