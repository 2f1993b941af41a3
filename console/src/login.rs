//! `/console/login`: email + password for brand staff. A plain form
//! (`POST /console/login`) until the script has loaded, or without it; a
//! server function after.

use crate::i18n::CMsg;
use crate::t;
use crate::ActionError;
use app::api::staff::StaffLogin;
use leptos::prelude::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let login = ServerAction::<StaffLogin>::new();
    let hint = Resource::new(|| (), |_| app::api::staff::staff_login_hint());
    Effect::new(move |_| {
        if matches!(login.value().get(), Some(Ok(()))) {
            // A full load, so the whole console renders for the new session.
            let _ = window().location().set_href("/console");
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        login.dispatch(StaffLogin {
            email: email.get_untracked(),
            password: password.get_untracked(),
        });
    };
    view! {
        <main class="login-page">
            <form class="card form" method="post" action="/console/login" on:submit=on_submit>
                <h1>{t(CMsg::StaffLogin)}</h1>
                <crate::QueryError/>
                <label for="email">{t(CMsg::Email)}</label>
                <input id="email" name="email" type="email" autocomplete="username" required bind:value=email/>
                <label for="password">{t(CMsg::Password)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required bind:value=password/>
                <button type="submit" class="primary" disabled=move || login.pending().get()>
                    {move || if login.pending().get() { t(CMsg::LoggingIn) } else { t(CMsg::LogIn) }}
                </button>
                <ActionError action=login/>
            </form>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    hint.await.ok().flatten().map(|(email, password)| view! {
                        <p class="card hint" data-testid="demo-hint">
                            {t(CMsg::DemoHint)}": "<code>{email}</code>" / "<code>{password}</code>
                        </p>
                    })
                })}
            </Suspense>
        </main>
    }
}
