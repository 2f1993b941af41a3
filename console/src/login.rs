//! `/console/login`: email + password for brand staff. A plain form
//! (`POST /console/login`), with or without the script: the answer is a
//! full page either way (the whole console renders for the new session), so
//! the page needs no code of its own to submit, and a wrong password comes
//! back with its reason (`?error=`) and the email already typed (`?email=`).

use crate::i18n::CMsg;
use crate::t;
use leptos::prelude::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    let hint = crate::page_resource(|| (), |_| app::api::staff::staff_login_hint());
    // After a refused login the email is kept and the password is next.
    let email = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("email")
        .unwrap_or_default();
    let retry = !email.is_empty();
    view! {
        <main class="login-page">
            <form class="card form" method="post" action="/console/login">
                <h1>{t(CMsg::StaffLogin)}</h1>
                <crate::QueryError/>
                <label for="email">{t(CMsg::Email)}</label>
                <input id="email" name="email" type="email" autocomplete="username" required value=email/>
                <label for="password">{t(CMsg::Password)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required autofocus=retry/>
                <button type="submit" class="primary">{t(CMsg::LogIn)}</button>
            </form>
            {crate::suspense(|| (), move || async move {
                    hint.await.ok().flatten().map(|(email, password)| view! {
                        <p class="card hint" data-testid="demo-hint">
                            {t(CMsg::DemoHint)}": "<code>{email}</code>" / "<code>{password}</code>
                        </p>
                    })
                })}
        </main>
    }
}
