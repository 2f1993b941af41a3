//! Forms built from layout metadata. The browser checks values with the same
//! `Layout::validate` the server runs, so most mistakes show before a request;
//! the server's own field errors show in the same places.

use crate::erase::Erase;
use crate::{t, use_lang, CMsg};
use app::components::LayoutField;
use app::domain::layout::{Field, FieldError, Layout, LayoutObject, Values};
use app::error::AppError;
use leptos::prelude::*;

/// The layout of `object`, loaded once per page.
pub fn use_layout(object: LayoutObject) -> crate::PageResource<Layout> {
    crate::page_resource(|| (), move |_| app::api::layouts::get_layout(object))
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
        .map(|(f, value)| {
            let key = f.key.clone();
            let lang = use_lang();
            let error = Signal::derive(move || {
                errors
                    .get()
                    .into_iter()
                    .find(|e| e.field == key)
                    .map(|e| e.message(lang))
            });
            view! { <LayoutField id_prefix field=f value error/> }
        })
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
    .erase()
}
