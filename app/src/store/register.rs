//! `/s/{store}/register` and `/s/{store}/register/status`: self-registration
//! for a phone that passed SMS verification without an ordering account.
//!
//! The form is a plain HTML form posting to the same path, so it works
//! without JavaScript (the server answers with the next page, or the form
//! again with its messages). With JavaScript, an island checks each field
//! with the same `Layout::validate` as the user types and stops a submit the
//! server would refuse.

use crate::api::registration::{register_form, registration_status, Draft, RegisterPage};
use crate::components::{ErrorBox, LayoutField, Loading};
use crate::domain::layout::{Layout, Section};
use crate::domain::registration::{Status, PHONE};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::store::{error_view, use_store_slug};
use crate::use_lang;
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
                        Err(err @ AppError::RegistrationClosed) => view! { <ErrorBox err/> }.into_any(),
                        Err(err) => error_view(err),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The form itself: an island, so only it hydrates.
#[island]
fn RegisterForm(store: String, layout: Layout, phone: String, draft: Draft) -> impl IntoView {
    let lang = use_lang();
    let layout = StoredValue::new(layout);
    let inputs: Vec<(String, RwSignal<String>)> = layout.with_value(|l| {
        l.fields
            .iter()
            .map(|f| {
                let v = if f.key == PHONE {
                    phone.clone()
                } else {
                    draft.values.get(&f.key).cloned().unwrap_or_default()
                };
                (f.key.clone(), RwSignal::new(v))
            })
            .collect()
    });
    let inputs = StoredValue::new(inputs);
    let values = move || {
        inputs.with_value(|inputs| {
            inputs
                .iter()
                .map(|(k, v)| (k.clone(), v.get()))
                .collect::<crate::domain::layout::Values>()
        })
    };
    // The browser's verdict on every field, recomputed as the user types.
    let checked = Memo::new(move |_| {
        layout
            .with_value(|l| l.validate(&values()))
            .err()
            .unwrap_or_default()
    });
    // Fields the user changed since the page loaded; a submit shows them all.
    let edited = RwSignal::new(std::collections::BTreeSet::<String>::new());
    let submitted = RwSignal::new(false);
    let server_errors = StoredValue::new(draft.errors);
    let error_for = move |key: String| {
        Signal::derive(move || {
            if submitted.get() || edited.with(|e| e.contains(&key)) {
                checked.with(|errs| {
                    errs.iter()
                        .find(|e| e.field == key)
                        .map(|e| e.message(lang))
                })
            } else {
                // Until the user edits it, a field shows what the server said.
                server_errors.with_value(|errs| {
                    errs.iter()
                        .find(|e| e.field == key)
                        .map(|e| e.message(lang))
                })
            }
        })
    };
    let busy = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        submitted.set(true);
        if !checked.get_untracked().is_empty() || busy.get_untracked() {
            // Refused here, or already on its way: the server sees one submit.
            ev.prevent_default();
            return;
        }
        busy.set(true);
    };
    let sections = layout.with_value(|l| {
        l.sections()
            .into_iter()
            .map(|(section, fields)| {
                let legend = match section {
                    Section::Account => Msg::CompanySection,
                    Section::Contact => Msg::ContactSection,
                };
                let controls = fields
                    .into_iter()
                    .map(|f| {
                        let value = inputs.with_value(|inputs| {
                            inputs.iter().find(|(k, _)| *k == f.key).map(|(_, v)| *v)
                        });
                        let value = value.unwrap_or_else(|| RwSignal::new(String::new()));
                        let key = f.key.clone();
                        Effect::new(move |seen: Option<()>| {
                            value.track();
                            if seen.is_some() {
                                edited.update(|e| {
                                    e.insert(key.clone());
                                });
                            }
                        });
                        let locked = f.key == PHONE;
                        let error = error_for(f.key.clone());
                        view! { <LayoutField id_prefix="reg" field=f.clone() value error locked/> }
                    })
                    .collect_view();
                view! {
                    <fieldset class="form-section">
                        <legend>{lang.t(legend)}</legend>
                        {controls}
                    </fieldset>
                }
            })
            .collect_view()
    });
    view! {
        <form class="form" method="post" action=format!("/s/{store}/register") novalidate
            aria-label=lang.t(Msg::RegisterTitle) on:submit=on_submit>
            {sections}
            {move || (submitted.get() && !checked.with(Vec::is_empty)).then(|| view! {
                <p class="error" role="alert">{lang.t(Msg::FixFields)}</p>
            })}
            <button type="submit" class="primary" disabled=move || busy.get()>
                {move || if busy.get() { lang.t(Msg::Submitting) } else { lang.t(Msg::SubmitApplication) }}
            </button>
        </form>
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
