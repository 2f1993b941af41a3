//! (ssr) Brands and their store settings.

use crate::error::AppError;
use crate::error::CatalogueError;
use sqlx::AnyExecutor;

/// Everything here is read fresh on every request, so the whole row keys
/// what is kept for a guest's page (the server's `page_cache`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, sqlx::FromRow)]
pub struct Tenant {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// What distributors see: in dedicated mode the brand's own
    /// mini-program's name, else the store's.
    pub display_name: String,
    pub notice: String,
    pub standard_price_list_id: Option<i64>,
    pub guest_account_id: Option<i64>,
    /// The guest Account's price list, read with the store (every guest
    /// page needs it): what guests are priced by, if guest pricing is set up.
    pub guest_price_list_id: Option<i64>,
    /// Guests may browse the catalogue (priced by the guest Account's list).
    #[sqlx(try_from = "crate::domain::Flag")]
    pub guest_mode: bool,
    pub guest_prompt_zh: String,
    pub guest_prompt_en: String,
    /// Unknown phones may apply for an ordering account.
    #[sqlx(try_from = "crate::domain::Flag")]
    pub registration_enabled: bool,
    /// Applications wait for a channel admin; otherwise they are accounts at once.
    #[sqlx(try_from = "crate::domain::Flag")]
    pub registration_approval: bool,
    /// The login channels on offer (see `domain::settings::LoginChannels`).
    #[sqlx(try_from = "crate::domain::Flag")]
    pub login_sms: bool,
    #[sqlx(try_from = "crate::domain::Flag")]
    pub login_password: bool,
    #[sqlx(try_from = "crate::domain::Flag")]
    pub login_mini_program: bool,
    #[sqlx(try_from = "crate::domain::Flag")]
    pub login_wechat_qr: bool,
    /// The uploaded logo under the media directory ('' for none).
    pub logo: String,
    /// In dedicated mode, the mini-program's icon as WeChat gave it.
    pub app_icon: Option<String>,
    /// Counts every change to the store's products that a catalogue filter
    /// looks at (triggers keep it in `shelf_versions`): what
    /// `service::catalogue::Shelves` keys its lists on.
    pub shelf_version: i64,
    /// Counts every change to what a guest's catalogue page shows besides
    /// this row (triggers keep it in `catalogue_versions`, migration 0019).
    pub catalogue_version: i64,
}

impl Tenant {
    /// The picture that stands for the store (see `domain::branding`).
    pub fn display_logo(&self) -> Option<String> {
        crate::domain::branding::store_logo(self.app_icon.as_deref(), &self.logo)
    }
}

/// The store at `slug`, over the pool or over a connection the caller
/// already holds for its other reads.
pub async fn by_slug<'c>(db: impl AnyExecutor<'c>, slug: &str) -> Result<Tenant, AppError> {
    sqlx::query_as::<_, Tenant>(
        "SELECT t.id, t.slug, t.name, COALESCE(sa.nick_name, t.name) AS display_name, t.notice,
                t.standard_price_list_id, t.guest_account_id,
                t.guest_mode, t.guest_prompt_zh, t.guest_prompt_en,
                t.registration_enabled, t.registration_approval,
                t.login_sms, t.login_password, t.login_mini_program, t.login_wechat_qr,
                t.logo, sa.head_img AS app_icon, guest.price_list_id AS guest_price_list_id,
                COALESCE(sv.version, 0) AS shelf_version,
                COALESCE(cv.version, 0) AS catalogue_version
         FROM tenants t
         LEFT JOIN store_apps sa ON sa.tenant_id = t.id
         LEFT JOIN shelf_versions sv ON sv.tenant_id = t.id
         LEFT JOIN catalogue_versions cv ON cv.tenant_id = t.id
         LEFT JOIN accounts guest ON guest.id = t.guest_account_id AND guest.tenant_id = t.id
         WHERE t.slug = $1",
    )
    .bind(slug)
    .fetch_optional(db)
    .await?
    .ok_or(CatalogueError::StoreNotFound.into())
}
