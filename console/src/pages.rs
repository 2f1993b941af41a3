//! The console's pages in seven groups, each a lazy WASM chunk of its own
//! (`scripts/build-console.sh` splits the module): a group's code is fetched
//! the first time one of its pages is shown, so the first load carries the
//! shell, the router and one group. Groups rather than one chunk per page:
//! the splitter gives every set of pages that shares code a chunk of its
//! own, and nineteen pages made about 400 chunks, a hundred or more fetched
//! for one page; seven groups make about seventy, 18–43 for a group. A page
//! opened cold names its group's pack (all its files in one,
//! `scripts/pack-console.mjs`) in its head, so the browser fetches it beside
//! the main module (`console_shell`). On the server the pages render as
//! before.

use crate::erase::Erase;
use crate::i18n::CMsg;
use crate::t;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use leptos_router::ChooseView;

/// Every console page, by the group whose chunk holds its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Login,
    // Daily work: the overview, orders; the approvals inbox.
    Dashboard,
    Orders,
    Order,
    Approvals,
    // Accounts; who may log in and do what, and who did what.
    Accounts,
    Account,
    OrderingAccounts,
    Roles,
    Enterprises,
    Audit,
    // Catalogue and prices.
    Products,
    Product,
    Categories,
    Import,
    PriceLists,
    // Store settings.
    StoreProfile,
    Layouts,
    GuestSettings,
    RegistrationSettings,
    LoginChannels,
    Entry,
}

/// The chunk a page's code is in. The approvals inbox has one of its own:
/// it is the page opened cold, from a link in a text message, on a phone
/// (seed 002 §2.2), so it carries only its own code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Login,
    Work,
    Inbox,
    Accounts,
    Access,
    Catalogue,
    Settings,
}

impl Page {
    /// The page a console path shows (the routes in `ConsoleApp`), or
    /// `None` for a path that is no page.
    pub fn of_path(path: &str) -> Option<Page> {
        use Page::*;
        let rest = path.strip_prefix("/console")?.trim_end_matches('/');
        let mut parts = rest.trim_start_matches('/').split('/');
        let page = match (parts.next()?, parts.next()) {
            ("", None) => Dashboard,
            ("login", None) => Login,
            ("accounts", None) => Accounts,
            ("accounts", Some(_)) => Account,
            ("ordering-accounts", None) => OrderingAccounts,
            ("roles", None) => Roles,
            ("enterprises", None) => Enterprises,
            ("products", None) => Products,
            ("products", Some(_)) => Product,
            ("categories", None) => Categories,
            ("import", None) => Import,
            ("price-lists", None) => PriceLists,
            ("layouts", None) => Layouts,
            ("settings", Some("store")) => StoreProfile,
            ("settings", Some("guest")) => GuestSettings,
            ("settings", Some("registration")) => RegistrationSettings,
            ("settings", Some("login")) => LoginChannels,
            ("settings", Some("entry")) => Entry,
            ("audit", None) => Audit,
            ("approvals", None) => Approvals,
            ("orders", None) => Orders,
            ("orders", Some(_)) => Order,
            _ => return None,
        };
        parts.next().is_none().then_some(page)
    }

    pub fn group(self) -> Group {
        use Page::*;
        match self {
            Login => Group::Login,
            Dashboard | Orders | Order => Group::Work,
            Approvals => Group::Inbox,
            Accounts | Account => Group::Accounts,
            OrderingAccounts | Roles | Enterprises | Audit => Group::Access,
            Products | Product | Categories | Import | PriceLists => Group::Catalogue,
            StoreProfile | Layouts | GuestSettings | RegistrationSettings | LoginChannels
            | Entry => Group::Settings,
        }
    }
}

impl Group {
    /// The name the splitter gives the group's loader and chunk
    /// (`split_{name}.wasm`): the first argument of its `wasm_split` below.
    pub fn split_name(self) -> &'static str {
        match self {
            Group::Login => "console_login",
            Group::Work => "console_work",
            Group::Inbox => "console_inbox",
            Group::Accounts => "console_accounts",
            Group::Access => "console_access",
            Group::Catalogue => "console_catalogue",
            Group::Settings => "console_settings",
        }
    }
}

#[wasm_split(console_login, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_login))]
fn login_group(_page: Page) -> Result<AnyView, ChunkFailed> {
    Ok(crate::login::LoginPage().erase())
}

#[wasm_split(console_work, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_work))]
fn work_group(page: Page) -> Result<AnyView, ChunkFailed> {
    Ok(match page {
        Page::Orders => crate::orders::OrdersPage().erase(),
        Page::Order => crate::orders::OrderPage().erase(),
        _ => crate::dashboard::Dashboard().erase(),
    })
}

#[wasm_split(console_inbox, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_inbox))]
fn inbox_group(_page: Page) -> Result<AnyView, ChunkFailed> {
    Ok(crate::approvals::ApprovalsPage().erase())
}

#[wasm_split(console_accounts, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_accounts))]
fn accounts_group(page: Page) -> Result<AnyView, ChunkFailed> {
    Ok(match page {
        Page::Account => crate::accounts::AccountPage().erase(),
        _ => crate::accounts::AccountsPage().erase(),
    })
}

#[wasm_split(console_access, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_access))]
fn access_group(page: Page) -> Result<AnyView, ChunkFailed> {
    Ok(match page {
        Page::Roles => crate::roles::RolesPage().erase(),
        Page::Enterprises => crate::enterprises::EnterprisesPage().erase(),
        Page::Audit => crate::settings::AuditPage().erase(),
        _ => crate::ordering_accounts::OrderingAccountsPage().erase(),
    })
}

#[wasm_split(console_catalogue, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_catalogue))]
fn catalogue_group(page: Page) -> Result<AnyView, ChunkFailed> {
    Ok(match page {
        Page::Product => crate::catalogue::ProductPage().erase(),
        Page::Categories => crate::catalogue::CategoriesPage().erase(),
        Page::Import => crate::import::ImportPage().erase(),
        Page::PriceLists => crate::price_lists::PriceListsPage().erase(),
        _ => crate::catalogue::ProductsPage().erase(),
    })
}

#[wasm_split(console_settings, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_settings))]
fn settings_group(page: Page) -> Result<AnyView, ChunkFailed> {
    Ok(match page {
        Page::GuestSettings => crate::settings::GuestSettingsPage().erase(),
        Page::RegistrationSettings => crate::settings::RegistrationSettingsPage().erase(),
        Page::LoginChannels => crate::settings::LoginChannelsPage().erase(),
        Page::Entry => crate::entry::EntryPage().erase(),
        Page::StoreProfile => crate::branding::StoreProfilePage().erase(),
        _ => crate::layouts::LayoutsPage().erase(),
    })
}

/// A page's chunk could not be fetched (offline, a new deployment). Not
/// cached: the next visit tries again.
pub struct ChunkFailed;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> ChunkFailed {
        ChunkFailed
    }
}

/// Fetches (once) the chunk holding `page`. The router awaits this before it
/// hydrates or shows the page, so that `show` then renders at once, as
/// hydration needs. A failure is left to `show`, which tries again.
async fn load(page: Page) {
    let _ = match page.group() {
        Group::Login => load_login().await,
        Group::Work => load_work().await,
        Group::Inbox => load_inbox().await,
        Group::Accounts => load_accounts().await,
        Group::Access => load_access().await,
        Group::Catalogue => load_catalogue().await,
        Group::Settings => load_settings().await,
    };
}

/// Renders `page` from its chunk, or says that the chunk could not be
/// fetched and offers to try again.
async fn show(page: Page) -> AnyView {
    let view = match page.group() {
        Group::Login => login_group(page).await,
        Group::Work => work_group(page).await,
        Group::Inbox => inbox_group(page).await,
        Group::Accounts => accounts_group(page).await,
        Group::Access => access_group(page).await,
        Group::Catalogue => catalogue_group(page).await,
        Group::Settings => settings_group(page).await,
    };
    view.unwrap_or_else(|ChunkFailed| view! { <ChunkFailedNotice/> }.erase())
}

#[component]
fn ChunkFailedNotice() -> impl IntoView {
    view! {
        <div class="error" role="alert" data-testid="chunk-failed">
            <p>{t(CMsg::PageNotLoaded)}</p>
            <button type="button" on:click=|_| { let _ = window().location().reload(); }>
                {t(CMsg::TryAgain)}
            </button>
        </div>
    }
}

/// A console route's view: the page's group chunk is fetched (once) before
/// the page is hydrated or shown. One type for every route, rather than a
/// `LazyRoute` type per page: the router's code is generic over each
/// route's view, and the 22 view types cost the first load 3.3 KB gzip.
#[derive(Clone, Copy)]
pub struct PageView(pub Page);

impl ChooseView for PageView {
    async fn choose(self) -> AnyView {
        show(self.0).await
    }

    async fn preload(&self) {
        load(self.0).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_console_path_names_its_page_and_nothing_else_does() {
        assert_eq!(Page::of_path("/console"), Some(Page::Dashboard));
        assert_eq!(Page::of_path("/console/"), Some(Page::Dashboard));
        assert_eq!(Page::of_path("/console/approvals"), Some(Page::Approvals));
        assert_eq!(Page::of_path("/console/accounts/7"), Some(Page::Account));
        assert_eq!(Page::of_path("/console/settings/entry"), Some(Page::Entry));
        assert_eq!(Page::of_path("/console/orders/12"), Some(Page::Order));
        assert_eq!(Page::of_path("/console/orders/12/x"), None);
        assert_eq!(Page::of_path("/console/settings"), None);
        assert_eq!(Page::of_path("/console/nothing"), None);
        assert_eq!(Page::of_path("/consoles"), None);
        assert_eq!(Page::of_path("/s/demo"), None);
    }

    /// `Page::of_path` repeats the router's paths (the `path!` literals in
    /// `ConsoleApp`) for the server, which preloads the pack of the page's
    /// group: a route it did not know would be slower to open cold, not
    /// broken, so nothing else would notice.
    #[test]
    fn the_routes_and_links_of_the_console_app_agree_with_page_of_path() {
        let source = include_str!("lib.rs");
        let mut routes = 0;
        for line in source.lines() {
            let Some((_, rest)) = line.split_once("path=path!(\"") else {
                continue;
            };
            let (path, rest) = rest.split_once('"').expect("a closed path literal");
            // The parent route (`/console`, the frame) shows no page.
            let Some((_, page)) = rest.split_once("PageView(Page::") else {
                continue;
            };
            let page = page.split(')').next().expect("a page name");
            let full = match path {
                "" => "/console".to_string(),
                path if path.starts_with('/') => path.to_string(),
                path => format!("/console/{path}"),
            };
            let full = full.replace(":id", "7");
            let found = Page::of_path(&full).map(|page| format!("{page:?}"));
            assert_eq!(found.as_deref(), Some(page), "{full}");
            routes += 1;
        }
        assert_eq!(routes, 22, "every console page has a route");
        // The side navigation's links.
        let links: Vec<&str> = source
            .match_indices("href=\"/console")
            .filter_map(|(at, _)| source[at + 6..].split('"').next())
            .collect();
        assert!(links.len() > 10, "{links:?}");
        for link in links {
            assert!(Page::of_path(link).is_some(), "{link}");
        }
    }
}
