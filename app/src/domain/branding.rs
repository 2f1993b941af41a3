//! Branding: what distributors see of the brand. The store's name and logo,
//! edited in the console; in dedicated mode the brand's own mini-program's
//! name and icon, as WeChat shows them, so the store and the mini-program
//! look the same.

use crate::domain::validate::{optional_text, required_text};
use crate::error::AppError;
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 40;
pub const NOTICE_MAX: usize = 200;

/// The console's store profile page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoreProfile {
    pub name: String,
    pub notice: String,
    /// The logo's address, if one was uploaded.
    pub logo: Option<String>,
    /// In dedicated mode the store shows the mini-program's name and icon
    /// instead: its name, to say so.
    pub mini_program: Option<String>,
}

/// A profile as the admin typed it, checked.
pub fn parse_profile(name: &str, notice: &str) -> Result<(String, String), AppError> {
    let name = required_text("name", name, NAME_MAX)?;
    let notice = optional_text("notice", notice, NOTICE_MAX)?.unwrap_or_default();
    Ok((name, notice))
}

/// The address of a file under the media directory.
pub fn media_url(name: &str) -> Option<String> {
    (!name.is_empty()).then(|| format!("/media/{name}"))
}

/// The picture that stands for the store: in dedicated mode the
/// mini-program's icon (when WeChat gave one), else the uploaded logo.
pub fn store_logo(app_icon: Option<&str>, logo: &str) -> Option<String> {
    match app_icon.filter(|icon| is_wechat_image(icon)) {
        Some(icon) => Some(icon.to_string()),
        None => media_url(logo),
    }
}

/// WeChat serves account icons from its image hosts over HTTPS; the page
/// policy lets images come from there and nowhere else outside the site.
pub const WECHAT_IMAGE_HOSTS: [&str; 2] = ["https://mmbiz.qpic.cn/", "https://wx.qlogo.cn/"];

fn is_wechat_image(url: &str) -> bool {
    WECHAT_IMAGE_HOSTS.iter().any(|host| url.starts_with(host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedicated_mode_shows_the_mini_programs_icon_else_the_stores_logo() {
        let icon = "https://mmbiz.qpic.cn/mmbiz_png/abc/0";
        assert_eq!(store_logo(Some(icon), "logos/1.png").as_deref(), Some(icon));
        assert_eq!(
            store_logo(None, "logos/1.png").as_deref(),
            Some("/media/logos/1.png")
        );
        assert_eq!(store_logo(Some(""), "").as_deref(), None);
        // An icon from anywhere else is not shown (the page policy would block it).
        assert_eq!(
            store_logo(Some("https://evil.example/x.png"), "logos/1.png").as_deref(),
            Some("/media/logos/1.png")
        );
    }

    #[test]
    fn a_store_needs_a_name_and_a_short_notice() {
        assert_eq!(
            parse_profile(" 春日 ", "").unwrap(),
            ("春日".to_string(), String::new())
        );
        assert!(parse_profile("", "").is_err());
        assert!(parse_profile("x", &"长".repeat(NOTICE_MAX + 1)).is_err());
    }
}
