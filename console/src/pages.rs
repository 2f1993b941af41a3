//! The console's pages in five groups, each a lazy WASM chunk of its own
//! (`scripts/build-console.sh` splits the module): a group's code is fetched
//! the first time one of its pages is shown, so the first load carries the
//! shell, the router and one group. Groups rather than one chunk per page:
//! the splitter gives every set of pages that shares code a chunk of its
//! own, and nineteen pages made about 400 chunks, a hundred or more fetched
//! for one page; five groups make a few dozen. On the server the pages
//! render as before.

use crate::i18n::CMsg;
use crate::t;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use leptos_router::ChooseView;

/// Every console page, by the group whose chunk holds its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Login,
    // Daily work: the overview, orders, approvals.
    Dashboard,
    Orders,
    Order,
    Approvals,
    // People and their access.
    Accounts,
    Account,
    OrderingAccounts,
    Roles,
    Enterprises,
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
    Audit,
}

#[wasm_split(console_login, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_login))]
fn login_group(_page: Page) -> Result<AnyView, ChunkFailed> {
    Ok(crate::login::LoginPage().into_any())
}

#[wasm_split(console_work, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_work))]
fn work_group(page: Page) -> Result<AnyView, ChunkFailed> {
    Ok(match page {
        Page::Orders => crate::orders::OrdersPage().into_any(),
        Page::Order => crate::orders::OrderPage().into_any(),
        Page::Approvals => crate::approvals::ApprovalsPage().into_any(),
        _ => crate::dashboard::Dashboard().into_any(),
    })
}

#[wasm_split(console_people, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_people))]
fn people_group(page: Page) -> Result<AnyView, ChunkFailed> {
    Ok(match page {
        Page::Account => crate::accounts::AccountPage().into_any(),
        Page::OrderingAccounts => crate::ordering_accounts::OrderingAccountsPage().into_any(),
        Page::Roles => crate::roles::RolesPage().into_any(),
        Page::Enterprises => crate::enterprises::EnterprisesPage().into_any(),
        _ => crate::accounts::AccountsPage().into_any(),
    })
}

#[wasm_split(console_catalogue, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_catalogue))]
fn catalogue_group(page: Page) -> Result<AnyView, ChunkFailed> {
    Ok(match page {
        Page::Product => crate::catalogue::ProductPage().into_any(),
        Page::Categories => crate::catalogue::CategoriesPage().into_any(),
        Page::Import => crate::import::ImportPage().into_any(),
        Page::PriceLists => crate::price_lists::PriceListsPage().into_any(),
        _ => crate::catalogue::ProductsPage().into_any(),
    })
}

#[wasm_split(console_settings, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_settings))]
fn settings_group(page: Page) -> Result<AnyView, ChunkFailed> {
    Ok(match page {
        Page::GuestSettings => crate::settings::GuestSettingsPage().into_any(),
        Page::RegistrationSettings => crate::settings::RegistrationSettingsPage().into_any(),
        Page::Audit => crate::settings::AuditPage().into_any(),
        Page::LoginChannels => crate::settings::LoginChannelsPage().into_any(),
        Page::Entry => crate::entry::EntryPage().into_any(),
        Page::StoreProfile => crate::branding::StoreProfilePage().into_any(),
        _ => crate::layouts::LayoutsPage().into_any(),
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
    use Page::*;
    let _ = match page {
        Login => load_login().await,
        Dashboard | Orders | Order | Approvals => load_work().await,
        Accounts | Account | OrderingAccounts | Roles | Enterprises => load_people().await,
        Products | Product | Categories | Import | PriceLists => load_catalogue().await,
        StoreProfile | Layouts | GuestSettings | RegistrationSettings | LoginChannels | Entry
        | Audit => load_settings().await,
    };
}

/// Renders `page` from its chunk, or says that the chunk could not be
/// fetched and offers to try again.
async fn show(page: Page) -> AnyView {
    use Page::*;
    let view = match page {
        Login => login_group(page).await,
        Dashboard | Orders | Order | Approvals => work_group(page).await,
        Accounts | Account | OrderingAccounts | Roles | Enterprises => people_group(page).await,
        Products | Product | Categories | Import | PriceLists => catalogue_group(page).await,
        StoreProfile | Layouts | GuestSettings | RegistrationSettings | LoginChannels | Entry
        | Audit => settings_group(page).await,
    };
    view.unwrap_or_else(|ChunkFailed| view! { <ChunkFailedNotice/> }.into_any())
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
