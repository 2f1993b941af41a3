// Console pages nest deep view types; the default limit (128) is too low for them.
#![recursion_limit = "256"]
//! The brand's console at `/console`: a single-page app, rendered on the
//! server first and then fully hydrated from its own bundle (`console.wasm`).

pub mod accounts;
pub mod approvals;
pub mod branding;
pub mod catalogue;
pub mod dashboard;
pub mod enterprises;
pub mod entry;
pub use app::erase;
pub mod forms;
pub mod i18n;
pub mod import;
pub mod layouts;
pub mod login;
pub mod ordering_accounts;
pub mod orders;
pub mod page_action;
pub mod page_data;
pub mod pages;
pub mod price_lists;
pub mod roles;
pub mod settings;
#[cfg(feature = "hydrate")]
mod upload;

use crate::erase::Erase;
use app::error::AppError;
use app::i18n::Lang;
use i18n::CMsg;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes, A};
use leptos_router::{path, SsrMode};
pub use page_action::PageAction;
pub use page_data::{page_resource, suspense, transition, PageResource};
use pages::{Page, PageView};

/// The console's bundle name; its files are in the folder `/pkg/console`.
pub const OUTPUT_NAME: &str = "console";

/// The HTML document around the console; server only.
pub fn console_shell(mut options: LeptosOptions) -> impl IntoView {
    options.site_pkg_dir = bundle_folder(&options).into();
    options.output_name = OUTPUT_NAME.into();
    let lang = app::request_lang();
    #[cfg(feature = "ssr")]
    app::api::ctx::set_page_headers();
    #[cfg(feature = "ssr")]
    let page_policy_meta = app::api::ctx::page_policy_meta;
    #[cfg(not(feature = "ssr"))]
    let page_policy_meta = String::new;
    let folder = options.site_pkg_dir.to_string();
    let page = document_page();
    let scripts = if page == Some(Page::Login) {
        let pack = group_pack(pages::Group::Work);
        view! { <BundlePrefetch folder pack/> }.erase()
    } else {
        let pack = page.and_then(|page| group_pack(page.group()));
        view! {
            <HydrationScripts options/>
            <GroupPreload folder pack/>
        }
        .erase()
    };
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta http-equiv="Content-Security-Policy" content=page_policy_meta()/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                // One title for every console page, written here rather than
                // through leptos_meta, whose code would be in the first load.
                <title>{CMsg::Console.text(lang)}</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href=app::asset_url("/console.css")/>
                {scripts}
            </head>
            <body>
                <ConsoleApp/>
            </body>
        </html>
    }
}

/// The page this document shows (a document is only ever asked for when a
/// page is opened: navigating inside the app asks the server for data).
fn document_page() -> Option<Page> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().and_then(|p| Page::of_path(p.uri.path()))
    }
    #[cfg(not(feature = "ssr"))]
    None
}

/// The file holding all of a page group's files (`scripts/pack-console.mjs`);
/// none when the bundle is not built (or in the browser, which never renders
/// the document's head).
fn group_pack(group: pages::Group) -> Option<String> {
    #[cfg(feature = "ssr")]
    if let Some(state) = use_context::<app::state::AppState>() {
        return state.assets.group_pack(group.split_name());
    }
    let _ = group;
    None
}

/// The login page hydrates nothing: it is a plain form whose answer is a new
/// document, so it is usable as soon as it is painted, even on a slow phone
/// link. Half a second after it has loaded (after its first paint, also on
/// a fast link), while the person types, a few lines prefetch at the lowest
/// priority what the overview after it needs: the main module and the
/// daily-work group's pack (`pages.rs`). Not `<link rel=prefetch>` in the
/// head: fetched beside the stylesheet, they held back the first paint
/// (Lighthouse mobile: LCP 3.5 s).
#[component]
fn BundlePrefetch(folder: String, pack: Option<String>) -> impl IntoView {
    let main = ["console.js", "console.wasm", "__wasm_split.js"].map(String::from);
    let files = main
        .iter()
        .chain(&pack)
        .map(|file| format!("{:?}", format!("/{folder}/{file}")))
        .collect::<Vec<_>>()
        .join(",");
    let script = format!(
        "addEventListener(\"load\",()=>setTimeout(()=>{{for(const f of[{files}]){{\
         const l=document.createElement(\"link\");l.rel=\"prefetch\";l.href=f;\
         document.head.append(l)}}}},500))"
    );
    view! { <script nonce=leptos::nonce::use_nonce()>{script}</script> }
}

/// A page opened cold (a bookmark, a link in a text message) names its
/// group's pack, so the browser fetches the group's code beside the main
/// module rather than after it: the loader learns which files it needs only
/// once the main module runs, which on a 1.6 Mbit/s, 150 ms link left the
/// approvals inbox hydrated at 2.8 s instead of 2.2 s. One pack rather than
/// a preload for each of the group's 20–45 files: those queued six at a
/// time, each waiting out the latency, and were compressed one by one
/// (the products list hydrated at 2.5–2.6 s; with its pack, 2.1 s). Listed
/// after the main module's own links, which therefore start first.
/// `crossorigin` makes the preload the same request as the loader's `fetch`
/// (`data-pack` is how the loader finds it), so the pack is downloaded once.
#[component]
fn GroupPreload(folder: String, pack: Option<String>) -> impl IntoView {
    pack.map(|pack| {
        view! {
            <link rel="modulepreload" href=format!("/{folder}/__wasm_split.js")/>
            <link rel="preload" href=format!("/{folder}/{pack}") r#as="fetch" crossorigin="anonymous" data-pack=""/>
        }
    })
}

/// The console bundle's folder with its content hash (see `app::state::Assets`):
/// the main module and its lazily loaded chunks share it.
fn bundle_folder(options: &LeptosOptions) -> String {
    let folder = format!("{}/{OUTPUT_NAME}", options.site_pkg_dir);
    #[cfg(feature = "ssr")]
    if let Some(state) = use_context::<app::state::AppState>() {
        return state.assets.folder(&folder);
    }
    folder
}

pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_else(app::request_lang)
}

/// The error a plain form post came back with (`?error=`: the error's
/// JSON), in the reader's language.
#[component]
pub fn QueryError() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let err = query.read_untracked().get("error").and_then(|json| {
        leptos::serde_json::from_slice::<app::error::AppError>(json.as_bytes()).ok()
    });
    // Not `ErrorBox`, which sets the page's status: the page itself is fine.
    let lang = use_lang();
    err.map(
        |err| view! { <p class="error" role="alert" data-code=err.code()>{err.message(lang)}</p> },
    )
}

/// A console string in the reader's language, from any of the tables.
pub fn t(msg: impl i18n::Text) -> &'static str {
    msg.in_lang(use_lang())
}

#[component]
pub fn ConsoleApp() -> impl IntoView {
    provide_context(app::request_lang());
    provide_context(Toasts::default());
    provide_context(approvals::PendingVersion::default());
    view! {
        <Router>
            <Routes fallback=|| view! { <app::components::NotFound/> }>
                <Route path=path!("/console/login") view=PageView(Page::Login) ssr=SsrMode::Async/>
                // Erased here rather than by the router's own `into_any()`,
                // which carried the frame's asynchronous hydration (erase.rs):
                // main −7.4 KB gzip.
                <ParentRoute path=path!("/console") view=|| Layout().erase() ssr=SsrMode::Async>
                    <Route path=path!("") view=PageView(Page::Dashboard) ssr=SsrMode::Async/>
                    <Route path=path!("accounts") view=PageView(Page::Accounts) ssr=SsrMode::Async/>
                    <Route path=path!("accounts/:id") view=PageView(Page::Account) ssr=SsrMode::Async/>
                    <Route path=path!("ordering-accounts") view=PageView(Page::OrderingAccounts) ssr=SsrMode::Async/>
                    <Route path=path!("roles") view=PageView(Page::Roles) ssr=SsrMode::Async/>
                    <Route path=path!("enterprises") view=PageView(Page::Enterprises) ssr=SsrMode::Async/>
                    <Route path=path!("products") view=PageView(Page::Products) ssr=SsrMode::Async/>
                    <Route path=path!("products/:id") view=PageView(Page::Product) ssr=SsrMode::Async/>
                    <Route path=path!("categories") view=PageView(Page::Categories) ssr=SsrMode::Async/>
                    <Route path=path!("import") view=PageView(Page::Import) ssr=SsrMode::Async/>
                    <Route path=path!("price-lists") view=PageView(Page::PriceLists) ssr=SsrMode::Async/>
                    <Route path=path!("layouts") view=PageView(Page::Layouts) ssr=SsrMode::Async/>
                    <Route path=path!("settings/store") view=PageView(Page::StoreProfile) ssr=SsrMode::Async/>
                    <Route path=path!("settings/guest") view=PageView(Page::GuestSettings) ssr=SsrMode::Async/>
                    <Route path=path!("settings/registration") view=PageView(Page::RegistrationSettings) ssr=SsrMode::Async/>
                    <Route path=path!("settings/login") view=PageView(Page::LoginChannels) ssr=SsrMode::Async/>
                    <Route path=path!("settings/entry") view=PageView(Page::Entry) ssr=SsrMode::Async/>
                    <Route path=path!("audit") view=PageView(Page::Audit) ssr=SsrMode::Async/>
                    <Route path=path!("approvals") view=PageView(Page::Approvals) ssr=SsrMode::Async/>
                    <Route path=path!("orders") view=PageView(Page::Orders) ssr=SsrMode::Async/>
                    <Route path=path!("orders/:id") view=PageView(Page::Order) ssr=SsrMode::Async/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// How a console page shows a failed load: not logged in goes to login.
pub fn error_view(err: AppError) -> AnyView {
    match err {
        AppError::NotLoggedIn => view! { <Redirect path="/console/login"/> }.erase(),
        AppError::NotFound => view! { <app::components::NotFound/> }.erase(),
        err => view! { <app::components::ErrorBox err/> }.erase(),
    }
}

/// Navigation beside every console page.
#[component]
fn Layout() -> impl IntoView {
    view! {
        <div class="console">
            <nav class="side" aria-label=t(CMsg::Console)>
                <p class="brand">{t(CMsg::Console)}</p>
                <A href="/console" exact=true>{t(CMsg::Dashboard)}</A>
                <A href="/console/orders">{t(CMsg::Orders)}</A>
                <A href="/console/approvals">{t(CMsg::Approvals)}<PendingBadge/></A>
                <A href="/console/accounts">{t(CMsg::Accounts)}</A>
                <A href="/console/enterprises">{t(CMsg::Enterprises)}</A>
                <A href="/console/ordering-accounts">{t(CMsg::OrderingAccounts)}</A>
                <A href="/console/products">{t(CMsg::Products)}</A>
                <A href="/console/price-lists">{t(CMsg::PriceLists)}</A>
                <A href="/console/import">{t(CMsg::Import)}</A>
                <A href="/console/roles">{t(CMsg::Roles)}</A>
                <A href="/console/layouts">{t(CMsg::Layouts)}</A>
                <A href="/console/settings/store">{t(CMsg::StoreProfile)}</A>
                <A href="/console/settings/guest">{t(CMsg::GuestMode)}</A>
                <A href="/console/settings/registration">{t(CMsg::SelfRegistration)}</A>
                <A href="/console/settings/login">{t(CMsg::LoginChannels)}</A>
                <A href="/console/settings/entry">{t(CMsg::Entry)}</A>
                <A href="/console/audit">{t(CMsg::Audit)}</A>
                // A plain form: it works before the script, and keeps
                // action code out of the first bundle.
                <form method="post" action="/console/logout" class="logout">
                    <button type="submit" class="link">{t(CMsg::LogOut)}</button>
                </form>
            </nav>
            <main class="content">
                <Outlet/>
            </main>
            <ToastView/>
        </div>
    }
}

/// The count of applications waiting, for staff who may decide them; it
/// reloads after each decision and every minute.
#[component]
fn PendingBadge() -> impl IntoView {
    let version = approvals::use_pending_version().0;
    Effect::new(move |_| {
        let _ = set_interval_with_handle(
            move || version.update(|v| *v += 1),
            std::time::Duration::from_secs(60),
        );
    });
    let count = page_resource(
        move || version.get(),
        |_| app::api::registration::pending_registrations(),
    );
    view! {
        {crate::suspense(|| (), move || async move {
                count.await.ok().filter(|n| *n > 0).map(|n| view! {
                    " "<span class="badge" data-testid="pending-badge" aria-label=format!("{n} {}", t(CMsg::PendingApprovals))>{n}</span>
                })
            })}
    }
}

/// A modal confirmation for destructive actions: `on_confirm` runs only after
/// an explicit "confirm"; Escape or "cancel" closes it.
#[component]
pub fn ConfirmDialog(
    question: String,
    on_confirm: impl Fn() + 'static,
    on_cancel: impl Fn() + Clone + 'static,
) -> impl IntoView {
    let cancel = on_cancel.clone();
    view! {
        <div class="backdrop" on:keydown=move |ev| if ev.key() == "Escape" { cancel() }>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-question">
                <p id="confirm-question">{question}</p>
                <div class="actions">
                    <button type="button" autofocus on:click=move |_| on_cancel()>{t(CMsg::Cancel)}</button>
                    <button type="button" class="primary" on:click=move |_| on_confirm()>{t(CMsg::Confirm)}</button>
                </div>
            </div>
        </div>
    }
}

/// Previous / next links and "total · page / pages" under a console list.
#[component]
pub fn Pager(
    path: &'static str,
    q: String,
    page: u32,
    total: i64,
    page_size: u32,
    /// More query parameters to keep (`status=pending`).
    #[prop(optional)]
    params: String,
) -> impl IntoView {
    let pages = app::domain::list::page_count(total, page_size).max(1);
    let extra = if params.is_empty() {
        String::new()
    } else {
        format!("&{params}")
    };
    let href = move |n: u32| format!("{path}?q={q}&page={n}{extra}");
    view! {
        <nav class="pager">
            {(page > 1).then(|| view! { <A href=href(page - 1)>{t(CMsg::Prev)}</A> })}
            <span>{t(CMsg::Total)}" "{total}" · "{page}" / "{pages}</span>
            {(page < pages).then(|| view! { <A href=href(page + 1)>{t(CMsg::Next)}</A> })}
        </nav>
    }
}

/// The last failure of a server action as a message in the reader's language.
#[component]
pub fn ActionError<S: 'static>(action: PageAction<S>) -> impl IntoView {
    failure_view(action.error())
}

fn failure_view(failure: Signal<Option<AppError>>) -> AnyView {
    (move || {
        failure
            .get()
            .map(|err| view! { <app::components::ErrorBox err/> })
    })
    .erase()
}

/// A list page's search text (`?q=`) and page number (`?page=`, from 1).
pub fn use_list_query() -> (Memo<String>, Memo<u32>) {
    let query = leptos_router::hooks::use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let page = Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1)
    });
    (q, page)
}

/// Short result messages ("Saved") shown at the corner for a few seconds.
#[derive(Clone, Copy, Default)]
pub struct Toasts {
    current: RwSignal<Option<(u64, String)>>,
}

impl Toasts {
    pub fn show(&self, text: impl Into<String>) {
        let current = self.current;
        let id = current.with_untracked(|c| c.as_ref().map_or(0, |(id, _)| id + 1));
        current.set(Some((id, text.into())));
        set_timeout(
            move || {
                current.update(|c| {
                    if c.as_ref().is_some_and(|(shown, _)| *shown == id) {
                        *c = None;
                    }
                })
            },
            std::time::Duration::from_secs(5),
        );
    }
}

impl Toasts {
    /// Shows "Saved" each time `action` succeeds.
    pub fn saved_on_success<S>(self, action: PageAction<S>) {
        self.saved_when(action.succeeded());
    }

    fn saved_when(self, succeeded: Signal<bool>) {
        Effect::new(move |_| {
            if succeeded.get() {
                self.show(t(CMsg::Saved));
            }
        });
    }
}

/// The console's toasts; capture it when a component is created, not in a handler.
pub fn use_toasts() -> Toasts {
    use_context::<Toasts>().unwrap_or_default()
}

#[component]
fn ToastView() -> impl IntoView {
    let toasts = use_toasts();
    move || {
        toasts.current.get().map(
            |(_, text)| view! { <div class="toast" role="status" data-testid="toast">{text}</div> },
        )
    }
}
