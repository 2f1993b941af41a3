//! `/s/{store}/register` and `/s/{store}/register/status`: self-registration
//! for a phone that passed SMS verification without an ordering account.
//!
//! The form is a plain HTML form posting to the same path, so it works
//! without JavaScript (the server answers with the next page, or the form
//! again with its messages). With JavaScript, an island checks each field
//! with the same `Layout::validate` as the user types and stops a submit the
//! server would refuse.

use crate::api::registration::{register_form, registration_status};
use crate::components::{LayoutField, Loading};
use crate::domain::layout::{Layout, Section};
use crate::domain::registration::{Draft, RegisterPage};
use crate::domain::registration::{Status, PHONE};
use crate::i18n::Msg;
use crate::page::use_lang;
use crate::store::{error_view, use_store_slug};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    let store = use_store_slug();
    let data = Resource::new(move || store.get(), register_form);
    view! {
        <section class="register">
            <h1>{lang.t(Msg::RegisterTitle)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let store = store.get_untracked();
                    match data.await {
                        Ok(RegisterPage::Form { layout, phone, draft, rejected_reason }) => view! {
                            {rejected_reason.map(|reason| view! {
                                <p class="notice" role="note">{lang.t(Msg::RejectedBefore)}" "{reason}</p>
                            })}
                            <RegisterForm store layout phone draft/>
                        }.into_any(),
                        Ok(RegisterPage::Pending) => view! { <Redirect path=format!("/s/{store}/register/status")/> }.into_any(),
                        Ok(RegisterPage::Member) => view! { <Redirect path=format!("/s/{store}")/> }.into_any(),
                        Err(err) => error_view(err),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The form as the server renders it: every field from the layout, the
/// values and messages of a refused submission, and the verified phone.
#[component]
fn RegisterForm(store: String, layout: Layout, phone: String, draft: Draft) -> impl IntoView {
    let lang = use_lang();
    let message = |key: &str| {
        draft
            .errors
            .iter()
            .find(|e| e.field == key)
            .map(|e| e.message(lang))
    };
    let sections = layout
        .sections()
        .into_iter()
        .map(|(section, fields)| {
            let legend = match section {
                Section::Account => Msg::CompanySection,
                Section::Contact => Msg::ContactSection,
            };
            let controls = fields
                .into_iter()
                .map(|f| {
                    let locked = f.key == PHONE;
                    let value = if locked {
                        phone.clone()
                    } else {
                        draft.values.get(&f.key).cloned().unwrap_or_default()
                    };
                    let value = RwSignal::new(value);
                    let error = Signal::stored(message(&f.key));
                    view! { <LayoutField id_prefix=FIELD_PREFIX field=f.clone() value error locked/> }
                })
                .collect_view();
            view! {
                <fieldset class="form-section">
                    <legend>{lang.t(legend)}</legend>
                    {controls}
                </fieldset>
            }
        })
        .collect_view();
    let refused = !draft.errors.is_empty();
    view! {
        <RegisterChecks layout=layout.clone()>
            <form class="form" method="post" action=format!("/s/{store}/register") novalidate
                aria-label=lang.t(Msg::RegisterTitle)>
                {sections}
                <p class="error" role="alert" id=SUMMARY_ID hidden=!refused>{lang.t(Msg::FixFields)}</p>
                <button type="submit" class="primary">{lang.t(Msg::SubmitApplication)}</button>
            </form>
        </RegisterChecks>
    }
}

/// Ids of the form's inputs are `reg-{key}`, their messages `reg-{key}-error`.
const FIELD_PREFIX: &str = "reg";
const SUMMARY_ID: &str = "reg-summary";

/// Checks the server-rendered form in the browser with the same
/// `Layout::validate` the server runs: a field's message appears once the
/// user has changed it, every message on submit, and a submit that would be
/// refused (or is already on its way) is not sent.
///
/// The form stays server-rendered HTML and this island only reads its values
/// and writes its messages: a reactive copy of every field control would
/// cost the store's WASM about 30 KB gzip more for the same behaviour.
#[island]
fn RegisterChecks(layout: Layout, children: Children) -> impl IntoView {
    let lang = use_lang();
    let layout = StoredValue::new(layout);
    // Fields the user has changed; after a submit, all of them.
    let edited = StoredValue::new(Vec::<String>::new());
    let sent = StoredValue::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let Some((form, key)) = checks::changed_field(&ev) else {
            return;
        };
        edited.update_value(|e| {
            if !e.contains(&key) {
                e.push(key)
            }
        });
        edited.with_value(|e| layout.with_value(|l| checks::show(&form, l, lang, e)));
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = checks::form_of(&ev) else {
            return;
        };
        edited.set_value(layout.with_value(|l| l.fields.iter().map(|f| f.key.clone()).collect()));
        let passed = edited.with_value(|e| layout.with_value(|l| checks::show(&form, l, lang, e)));
        checks::summary(passed);
        if !passed || sent.get_value() {
            ev.prevent_default();
            return;
        }
        sent.set_value(true);
        checks::mark_sending(&form, lang.t(Msg::Submitting));
    };
    view! {
        <div class="register-checks" on:input=on_change on:change=on_change on:submit=on_submit>
            {children()}
        </div>
    }
}

/// The island's reads and writes of the form's DOM.
mod checks {
    use super::{FIELD_PREFIX, SUMMARY_ID};
    use crate::domain::layout::{Layout, Values};
    use crate::i18n::Lang;
    use leptos::prelude::document;
    use web_sys::wasm_bindgen::JsCast;
    use web_sys::{Element, FormData, HtmlFormElement};

    pub fn form_of(ev: &web_sys::Event) -> Option<HtmlFormElement> {
        ev.target()?.dyn_into::<HtmlFormElement>().ok()
    }

    /// The form and the key of the field an input or change event came from.
    pub fn changed_field(ev: &web_sys::Event) -> Option<(HtmlFormElement, String)> {
        let el = ev.target()?.dyn_into::<Element>().ok()?;
        let key = el.get_attribute("name")?;
        let form = el
            .closest("form")
            .ok()??
            .dyn_into::<HtmlFormElement>()
            .ok()?;
        Some((form, key))
    }

    /// The values as the server will read them: a multi-select's ticked
    /// options joined by commas.
    fn values(form: &HtmlFormElement, layout: &Layout) -> Values {
        let Ok(data) = FormData::new_with_form(form) else {
            return Values::new();
        };
        layout
            .fields
            .iter()
            .map(|f| {
                let parts: Vec<String> = data
                    .get_all(&f.key)
                    .iter()
                    .filter_map(|v| v.as_string())
                    .collect();
                (f.key.clone(), parts.join(","))
            })
            .collect()
    }

    /// Writes the message (or none) beside each field in `keys`; returns
    /// whether the whole form passes.
    pub fn show(form: &HtmlFormElement, layout: &Layout, lang: Lang, keys: &[String]) -> bool {
        let errors = layout
            .validate(&values(form, layout))
            .err()
            .unwrap_or_default();
        for key in keys {
            let message = errors
                .iter()
                .find(|e| &e.field == key)
                .map(|e| e.message(lang));
            set_message(key, message.as_deref());
        }
        errors.is_empty()
    }

    fn set_message(key: &str, message: Option<&str>) {
        let doc = document();
        let id = format!("{FIELD_PREFIX}-{key}");
        let error_id = format!("{id}-error");
        if let Some(span) = doc.get_element_by_id(&error_id) {
            span.set_text_content(message);
        }
        if let Some(input) = doc.get_element_by_id(&id) {
            let _ = input.set_attribute(
                "aria-invalid",
                if message.is_some() { "true" } else { "false" },
            );
            let _ = match message {
                Some(_) => input.set_attribute("aria-describedby", &error_id),
                None => input.remove_attribute("aria-describedby"),
            };
        }
    }

    /// Shows or hides the "correct the marked fields" line above the button.
    pub fn summary(passed: bool) {
        if let Some(el) = document().get_element_by_id(SUMMARY_ID) {
            let _ = if passed {
                el.set_attribute("hidden", "")
            } else {
                el.remove_attribute("hidden")
            };
        }
    }

    /// The submit button shows progress and takes no second click.
    pub fn mark_sending(form: &HtmlFormElement, label: &str) {
        if let Ok(Some(button)) = form.query_selector("button[type=submit]") {
            let _ = button.set_attribute("disabled", "");
            button.set_text_content(Some(label));
        }
    }
}

#[component]
pub fn RegisterStatusPage() -> impl IntoView {
    let lang = use_lang();
    let store = use_store_slug();
    let data = Resource::new(move || store.get(), registration_status);
    view! {
        <section class="register-status">
            <h1>{lang.t(Msg::ApplicationStatus)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let form = format!("/s/{}/register", store.get_untracked());
                    match data.await {
                        Ok(s) => {
                            let (title, body) = match s.status {
                                Some(Status::Pending) => (Msg::Pending, Msg::PendingBody),
                                Some(Status::Approved) => (Msg::Approved, Msg::ApprovedBody),
                                Some(Status::Rejected) => (Msg::Rejected, Msg::RejectedBody),
                                None => (Msg::NotApplied, Msg::NotAppliedBody),
                            };
                            let again = matches!(s.status, Some(Status::Rejected) | None);
                            let login = matches!(s.status, Some(Status::Approved));
                            view! {
                                <div class="card status" data-status=s.status.map(Status::code).unwrap_or("none")>
                                    <h2 data-testid="application-status">{lang.t(title)}</h2>
                                    <p>{lang.t(body)}</p>
                                    {(!s.company.is_empty()).then(|| view! {
                                        <dl>
                                            <dt>{lang.t(Msg::Company)}</dt><dd>{s.company.clone()}</dd>
                                            <dt>{lang.t(Msg::SubmittedAt)}</dt><dd data-testid="submitted-at">{s.submitted.clone()}</dd>
                                        </dl>
                                    })}
                                    {s.reason.clone().map(|r| view! {
                                        <p class="error" role="alert"><strong>{lang.t(Msg::RejectReason)}</strong>" "{r}</p>
                                    })}
                                    {again.then(|| view! { <a class="button primary" href=form.clone()>{lang.t(Msg::ApplyAgain)}</a> })}
                                    {login.then(|| view! {
                                        <a class="button primary" href=format!("/s/{}/login", store.get_untracked())>{lang.t(Msg::LogIn)}</a>
                                    })}
                                </div>
                            }.into_any()
                        }
                        Err(err) => error_view(err),
                    }
                })}
            </Suspense>
        </section>
    }
}
