//! Small pieces shared by the store's pages (and the console's forms).

use crate::domain::layout::{Field, FieldKind};
use crate::erase::Erase;
use crate::error::AppError;
use crate::i18n::Msg;
use crate::page::use_lang;
use leptos::prelude::*;

/// A 404 page; on the server it also sets the response status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    let lang = use_lang();
    view! {
        <section class="empty" role="alert">
            <h1>{lang.t(Msg::NotFoundTitle)}</h1>
            <p>{lang.t(Msg::NotFoundBody)}</p>
            <a class="button" href="/" rel="external">{lang.t(Msg::GoHome)}</a>
        </section>
    }
}

/// The page's `<title>`. leptos_meta 0.8.7 writes title text into the
/// server's HTML unescaped (`buf.push_str(&title)` in its `lib.rs`), so a
/// product named `</title><script>…` would run in every visitor's browser.
/// The server escapes the text first; the browser sets `document.title`,
/// which takes plain text.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let text = escape_html(&text);
    view! { <leptos_meta::Title text/> }
}

/// Text made safe to write into HTML, in an element or a quoted attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An error message in the reader's language, announced to screen readers.
/// On the server the page answers with the status the error deserves.
#[component]
pub fn ErrorBox(err: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(
                http::StatusCode::from_u16(err.status()).unwrap_or(http::StatusCode::BAD_REQUEST),
            );
        }
    }
    let lang = use_lang();
    view! { <p class="error" role="alert" data-code=err.code()>{err.message(lang)}</p> }
}

#[component]
pub fn Loading() -> impl IntoView {
    let lang = use_lang();
    view! { <p class="loading" role="status" aria-live="polite">{lang.t(Msg::Loading)}</p> }
}

#[component]
pub fn Landing() -> impl IntoView {
    let lang = use_lang();
    view! {
        <main class="landing">
            <h1>{lang.t(Msg::AppName)}</h1>
            <p>{lang.t(Msg::Tagline)}</p>
            <a class="button" href="/s/demo">{lang.t(Msg::VisitDemo)}</a>
        </main>
    }
}

/// One input of a layout-driven form (console Account/Contact forms, the
/// store's registration form), by field kind. `name` is the field's key, so
/// the form also posts without JavaScript; the value written into the HTML
/// is the signal's value when rendered. `error` is the message shown beside
/// the field and announced with it.
#[component]
pub fn LayoutField(
    /// Makes the inputs' ids unique when two forms share a page.
    id_prefix: &'static str,
    field: Field,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    /// Shown but not editable (the registration form's verified phone).
    #[prop(optional)]
    locked: bool,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("{id_prefix}-{}", field.key);
    let error_id = format!("{id}-error");
    let label = field.label(lang).to_string();
    let required = field.required;
    let initial = value.get_untracked();
    let described = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    let invalid = move || error.get().is_some().to_string();
    let key = field.key.clone();
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
                <select id=id.clone() name=key required=required aria-invalid=invalid aria-describedby=described
                    on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="">{lang.t(Msg::Choose)}</option>
                    {options}
                </select>
            }
            .erase()
        }
        FieldKind::MultiSelect => {
            // Checkboxes sharing the field's name; the signal keeps the chosen
            // option values comma-joined, as the validator reads them.
            let boxes = field
                .options
                .iter()
                .map(|c| {
                    let v = c.value.clone();
                    let on = v.clone();
                    let checked = initial.split(',').any(|x| x == v);
                    view! {
                        <label class="check">
                            <input type="checkbox" name=key.clone() value=v.clone() checked=checked
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
                <div id=id.clone() role="group" aria-label=label.clone() aria-invalid=invalid aria-describedby=described>
                    {boxes}
                </div>
            }
            .erase()
        }
        FieldKind::LongText => view! {
            <textarea id=id.clone() name=key required=required rows="3" aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))>
                {initial}
            </textarea>
        }
        .erase(),
        kind => {
            let (input_type, mode) = match kind {
                FieldKind::Phone => ("tel", "tel"),
                FieldKind::Email => ("email", "email"),
                FieldKind::Number => ("text", "numeric"),
                FieldKind::Date => ("date", "text"),
                _ => ("text", "text"),
            };
            let placeholder = (kind == FieldKind::Region).then(|| lang.t(Msg::RegionPlaceholder));
            view! {
                <input id=id.clone() name=key type=input_type inputmode=mode required=required readonly=locked
                    placeholder=placeholder value=initial
                    aria-invalid=invalid aria-describedby=described bind:value=value/>
            }
            .erase()
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}{required.then_some(" *")}</label>
            {input}
            // Always present, so a message can appear here without re-rendering the field.
            <span class="field-error" id=error_id aria-live="polite">{move || error.get()}</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape_html(r#"T</title><img src=x onerror="a('b')">&"#),
            "T&lt;/title&gt;&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;"
        );
        assert_eq!(escape_html("天然矿泉水 550ml"), "天然矿泉水 550ml");
    }
}
