//! `/s/{store}/login`: phone + SMS code, or account + password; inside the
//! WeChat mini-program, first the shell's own phone login
//! (`docs/miniprogram-shell.md`).

use crate::api::auth::{login_channels, PasswordLogin, SendSmsCode, SmsLogin};
use crate::components::ErrorBox;
use crate::domain::auth::LoginNext;
use crate::domain::credentials::{check_code_format, normalize_phone};
use crate::domain::settings::LoginChannels;
use crate::error::AppError;
use crate::error::LoginError;
use crate::i18n::Msg;
use crate::page::use_lang;
use crate::store::use_store_slug;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::time::Duration;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Sms,
    Password,
}

/// Where to go after login: `next` when it points inside this store, else the catalogue.
pub fn safe_next(store: &str, next: Option<&str>) -> String {
    let base = format!("/s/{store}");
    match next {
        Some(n)
            if (n == base
                || n.starts_with(&format!("{base}/"))
                || n.starts_with(&format!("{base}?")))
                && !n.contains("//") =>
        {
            n.to_string()
        }
        _ => base,
    }
}

/// Inside the WeChat mini-program's web-view: WeChat sets
/// `window.__wxjs_environment`, and newer clients say `miniProgram` in the
/// user agent.
#[cfg(feature = "hydrate")]
pub(crate) fn in_miniprogram() -> bool {
    use web_sys::js_sys::Reflect;
    let w = window();
    let read = |target: &web_sys::wasm_bindgen::JsValue, key: &str| {
        Reflect::get(target, &key.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let user_agent = Reflect::get(&w, &"navigator".into())
        .ok()
        .and_then(|n| read(&n, "userAgent"))
        .unwrap_or_default();
    read(&w, "__wxjs_environment").as_deref() == Some("miniprogram")
        || user_agent.contains("miniProgram")
}

#[cfg(not(feature = "hydrate"))]
pub(crate) fn in_miniprogram() -> bool {
    false
}

/// Asks the mini-program to open its login page, which logs the phone in
/// and reloads the store with a ticket (`wx.miniProgram.navigateTo`). With
/// no store (`""`), the ticket is for the store picker, `/lite`.
#[cfg(feature = "hydrate")]
pub(crate) fn ask_shell_to_log_in(store: &str, next: &str) {
    use crate::page::encode_component;
    use web_sys::js_sys::{Function, Object, Reflect};
    use web_sys::wasm_bindgen::JsCast;
    let store = if store.is_empty() {
        String::new()
    } else {
        format!("store={}&", encode_component(store))
    };
    let url = format!("/pages/login/login?{store}next={}", encode_component(next));
    let mini_program = Reflect::get(&window(), &"wx".into())
        .and_then(|wx| Reflect::get(&wx, &"miniProgram".into()));
    let Ok(mini_program) = mini_program else {
        return;
    };
    let navigate = Reflect::get(&mini_program, &"navigateTo".into());
    if let Ok(navigate) = navigate.and_then(|f| f.dyn_into::<Function>()) {
        let options = Object::new();
        let _ = Reflect::set(&options, &"url".into(), &url.into());
        let _ = navigate.call1(&mini_program, &options);
    }
}

#[cfg(not(feature = "hydrate"))]
pub(crate) fn ask_shell_to_log_in(_store: &str, _next: &str) {}

/// A full page load after login, so every part of the page is rendered for the new session.
fn go(url: &str) {
    let _ = window().location().set_href(url);
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let store = use_store_slug().get_untracked();
    let next = safe_next(
        &store,
        use_query_map().read_untracked().get("next").as_deref(),
    );
    let query = use_query_map();
    let binding = query.read_untracked().get("bind").as_deref() == Some("wechat");
    let lang = use_lang();
    let channels = Resource::new(move || store.clone(), login_channels);
    // A refused WeChat ticket comes back here with its reason (`?error=`).
    view! {
        <super::cart::Notice/>
        {binding.then(|| view! { <p class="hint" role="status" data-testid="wechat-bind">{lang.t(Msg::WeChatBindHint)}</p> })}
        <Suspense fallback=crate::components::Loading>
            {move || {
                let next = next.clone();
                Suspend::new(async move {
                    match channels.await {
                        Ok(channels) => {
                            let store = use_store_slug().get_untracked();
                            let qr = channels.wechat_qr.then(|| {
                                let href = format!(
                                    "/s/{store}/wechat/qr?next={}",
                                    crate::page::encode_component(&next)
                                );
                                view! { <p class="qr-login"><a href=href data-testid="wechat-qr">{lang.t(Msg::ScanWithWeChat)}</a></p> }
                            });
                            view! { <LoginForm store next channels/>{qr} }.into_any()
                        }
                        Err(err) => super::error_view(err),
                    }
                })
            }}
        </Suspense>
    }
}

/// The login forms: an island, so they hydrate without the rest of the page.
#[island]
fn LoginForm(store: String, next: String, channels: LoginChannels) -> impl IntoView {
    let lang = use_lang();
    let store = StoredValue::new(store);
    let next = StoredValue::new(next);
    let mode = RwSignal::new(if channels.sms {
        Mode::Sms
    } else {
        Mode::Password
    });
    // In the mini-program the shell's phone login comes first (and opens at once).
    let wechat = RwSignal::new(false);
    Effect::new(move |_| {
        if channels.mini_program && in_miniprogram() {
            wechat.set(true);
            ask_shell_to_log_in(&store.get_value(), &next.get_value());
        }
    });

    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let login_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<AppError>);
    let countdown = RwSignal::new(0u32);

    let send = ServerAction::<SendSmsCode>::new();
    let sms_login = ServerAction::<SmsLogin>::new();
    let pw_login = ServerAction::<PasswordLogin>::new();

    // Start the resend countdown when a code has gone out, or when the server
    // says how long to wait (an earlier code, from another tab or visit).
    Effect::new(move |_| {
        let wait = match send.value().get() {
            Some(Ok(sent)) => sent.resend_after_secs,
            Some(Err(AppError::Login(LoginError::SmsThrottled { retry_after_secs }))) => {
                retry_after_secs
            }
            _ => 0,
        };
        if wait > 0 {
            countdown.set(wait);
            if let Ok(handle) = set_interval_with_handle(
                move || countdown.update(|c| *c = c.saturating_sub(1)),
                Duration::from_secs(1),
            ) {
                Effect::new(move |_| {
                    if countdown.get() == 0 {
                        handle.clear();
                    }
                });
            }
        }
    });
    Effect::new(move |_| {
        let store = store.get_value();
        match sms_login.value().get() {
            Some(Ok(LoginNext::Store)) => go(&next.get_value()),
            Some(Ok(LoginNext::Register)) => go(&format!("/s/{store}/register")),
            Some(Ok(LoginNext::RegistrationStatus)) => go(&format!("/s/{store}/register/status")),
            _ => {}
        }
        if matches!(pw_login.value().get(), Some(Ok(()))) {
            go(&next.get_value());
        }
    });

    let on_send = move |_| {
        local_error.set(None);
        match normalize_phone(&phone.get_untracked()) {
            Ok(p) => {
                send.dispatch(SendSmsCode {
                    store: store.get_value(),
                    phone: p,
                });
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    let on_sms_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        local_error.set(None);
        let checked = normalize_phone(&phone.get_untracked())
            .and_then(|p| check_code_format(&code.get_untracked()).map(|c| (p, c.to_string())));
        match checked {
            Ok((phone, code)) => {
                sms_login.dispatch(SmsLogin {
                    store: store.get_value(),
                    phone,
                    code,
                });
            }
            Err(e) => local_error.set(Some(e)),
        }
    };
    let on_pw_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        local_error.set(None);
        pw_login.dispatch(PasswordLogin {
            store: store.get_value(),
            login: login_name.get_untracked(),
            password: password.get_untracked(),
        });
    };

    // The most recent problem to show: a local check, else the last server answer.
    let error = move || {
        local_error.get().or_else(|| match mode.get() {
            Mode::Sms => sms_login
                .value()
                .get()
                .and_then(Result::err)
                .or_else(|| send.value().get().and_then(Result::err)),
            Mode::Password => pw_login.value().get().and_then(Result::err),
        })
    };
    let busy = move || sms_login.pending().get() || pw_login.pending().get();
    let sent = move || matches!(send.value().get(), Some(Ok(_)));

    view! {
        <section class="login">
            <h1>{lang.t(Msg::LoginTitle)}</h1>
            <Show when=move || wechat.get()>
                <button type="button" class="primary wechat" data-testid="wechat-login"
                    on:click=move |_| ask_shell_to_log_in(&store.get_value(), &next.get_value())>
                    {lang.t(Msg::LoginWithWeChat)}
                </button>
            </Show>
            <div class="tabs" role="tablist">
                <button type="button" role="tab" id="tab-sms" hidden=!channels.sms aria-selected=move || (mode.get() == Mode::Sms).to_string()
                    on:click=move |_| { local_error.set(None); mode.set(Mode::Sms) }>{lang.t(Msg::BySms)}</button>
                <button type="button" role="tab" id="tab-password" hidden=!channels.password aria-selected=move || (mode.get() == Mode::Password).to_string()
                    on:click=move |_| { local_error.set(None); mode.set(Mode::Password) }>{lang.t(Msg::ByPassword)}</button>
            </div>
            <Show when=move || channels.sms && mode.get() == Mode::Sms>
                <form class="form" on:submit=on_sms_submit aria-labelledby="tab-sms">
                    <label for="phone">{lang.t(Msg::Phone)}</label>
                    <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" required
                        placeholder=lang.t(Msg::PhonePlaceholder) bind:value=phone/>
                    <label for="code">{lang.t(Msg::Code)}</label>
                    <div class="row">
                        <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required
                            placeholder=lang.t(Msg::CodePlaceholder) bind:value=code/>
                        <button type="button" class="secondary" on:click=on_send
                            disabled=move || { send.pending().get() || countdown.get() > 0 }>
                            {move || if countdown.get() > 0 {
                                format!("{}{}", countdown.get(), lang.t(Msg::ResendIn))
                            } else {
                                lang.t(Msg::SendCode).to_string()
                            }}
                        </button>
                    </div>
                    <Show when=sent>
                        <p class="hint" role="status">{lang.t(Msg::CodeSent)}</p>
                    </Show>
                    <button type="submit" class="primary" disabled=busy>
                        {move || if busy() { lang.t(Msg::LoggingIn) } else { lang.t(Msg::LogIn) }}
                    </button>
                </form>
            </Show>
            <Show when=move || channels.password && mode.get() == Mode::Password>
                <form class="form" on:submit=on_pw_submit aria-labelledby="tab-password">
                    <label for="login">{lang.t(Msg::LoginName)}</label>
                    <input id="login" name="login" autocomplete="username" required bind:value=login_name/>
                    <label for="password">{lang.t(Msg::Password)}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required bind:value=password/>
                    <button type="submit" class="primary" disabled=busy>
                        {move || if busy() { lang.t(Msg::LoggingIn) } else { lang.t(Msg::LogIn) }}
                    </button>
                </form>
            </Show>
            {move || error().map(|err| view! { <ErrorBox err/> })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_must_stay_in_this_store() {
        assert_eq!(safe_next("demo", Some("/s/demo/me")), "/s/demo/me");
        assert_eq!(safe_next("demo", Some("/s/demo?cat=2")), "/s/demo?cat=2");
        assert_eq!(safe_next("demo", Some("/s/other/me")), "/s/demo");
        assert_eq!(safe_next("demo", Some("/s/demoX")), "/s/demo");
        assert_eq!(safe_next("demo", Some("https://evil.example/")), "/s/demo");
        assert_eq!(safe_next("demo", Some("/s/demo//evil.example")), "/s/demo");
        assert_eq!(safe_next("demo", None), "/s/demo");
    }
}
