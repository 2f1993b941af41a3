//! The official account's service menu, pointing at the store: WeChat's
//! menu JSON (`menu/create`) with a `miniprogram` button that opens the
//! store's mini-program at its login page, the store's web address as the
//! fallback for clients without mini-programs. The admin may edit it within
//! WeChat's limits, checked here before WeChat sees it. (The JSON work is
//! the server's; the console only shows the answer.)

use crate::i18n::{EntryMsg, Lang};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use serde_json::{json, Value};

/// The page of the store's mini-program a menu button opens.
pub const MENU_PAGE: &str = "pages/login/login";
/// WeChat's limits: 3 top-level buttons of at most 16 bytes (4 Chinese
/// characters), 5 under each of at most 60 bytes.
pub const MAX_BUTTONS: usize = 3;
pub const MAX_SUB_BUTTONS: usize = 5;
pub const TOP_NAME_BYTES: usize = 16;
pub const SUB_NAME_BYTES: usize = 60;
/// A menu's JSON is small; anything bigger is not one.
pub const MAX_MENU_BYTES: usize = 8 * 1024;

#[cfg(feature = "ssr")]
/// The menu a store starts from: one button to its mini-program.
pub fn default_menu(appid: &str, store_url: &str, lang: Lang) -> String {
    let menu = json!({
        "button": [{
            "type": "miniprogram",
            "name": EntryMsg::MenuButtonName.text(lang),
            "url": store_url,
            "appid": appid,
            "pagepath": MENU_PAGE,
        }]
    });
    serde_json::to_string_pretty(&menu).unwrap_or_default()
}

/// Why a menu cannot go to WeChat as it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MenuProblem {
    NotJson,
    NoButtons,
    TooManyButtons,
    TooManySubButtons {
        name: String,
    },
    NameMissing,
    NameTooLong {
        name: String,
    },
    /// A button without the field its type needs (`url`, `appid`, `pagepath`, `key`).
    MissingField {
        name: String,
        field: String,
    },
    UnknownType {
        name: String,
    },
}

#[cfg(feature = "ssr")]
/// Checks a menu against WeChat's documented shape and limits.
pub fn check_menu(text: &str) -> Result<Value, MenuProblem> {
    if text.len() > MAX_MENU_BYTES {
        return Err(MenuProblem::NotJson);
    }
    let menu: Value = serde_json::from_str(text).map_err(|_| MenuProblem::NotJson)?;
    let buttons = menu["button"].as_array().ok_or(MenuProblem::NoButtons)?;
    if buttons.is_empty() {
        return Err(MenuProblem::NoButtons);
    }
    if buttons.len() > MAX_BUTTONS {
        return Err(MenuProblem::TooManyButtons);
    }
    for button in buttons {
        let name = button_name(button, TOP_NAME_BYTES)?;
        match button.get("sub_button").and_then(Value::as_array) {
            Some(subs) => {
                if subs.is_empty() || subs.len() > MAX_SUB_BUTTONS {
                    return Err(MenuProblem::TooManySubButtons { name });
                }
                for sub in subs {
                    let sub_name = button_name(sub, SUB_NAME_BYTES)?;
                    check_action(sub, sub_name)?;
                }
            }
            None => check_action(button, name)?,
        }
    }
    Ok(menu)
}

#[cfg(feature = "ssr")]
fn button_name(button: &Value, max_bytes: usize) -> Result<String, MenuProblem> {
    let name = button["name"]
        .as_str()
        .unwrap_or_default()
        .trim()
        .to_string();
    if name.is_empty() {
        return Err(MenuProblem::NameMissing);
    }
    if name.len() > max_bytes {
        return Err(MenuProblem::NameTooLong { name });
    }
    Ok(name)
}

#[cfg(feature = "ssr")]
/// A button that does something needs what its type needs.
fn check_action(button: &Value, name: String) -> Result<(), MenuProblem> {
    let needs: &[&str] = match button["type"].as_str().unwrap_or_default() {
        "miniprogram" => &["url", "appid", "pagepath"],
        "view" => &["url"],
        "click" | "scancode_push" | "scancode_waitmsg" | "pic_sysphoto" | "pic_photo_or_album"
        | "pic_weixin" | "location_select" => &["key"],
        _ => return Err(MenuProblem::UnknownType { name }),
    };
    for field in needs {
        if button[*field]
            .as_str()
            .unwrap_or_default()
            .trim()
            .is_empty()
        {
            return Err(MenuProblem::MissingField {
                name,
                field: field.to_string(),
            });
        }
    }
    Ok(())
}

impl MenuProblem {
    pub fn message(&self, lang: Lang) -> String {
        let t = |m: EntryMsg| m.text(lang);
        match self {
            MenuProblem::NotJson => t(EntryMsg::MenuNotJson).to_string(),
            MenuProblem::NoButtons => t(EntryMsg::MenuNoButtons).to_string(),
            MenuProblem::TooManyButtons => t(EntryMsg::MenuTooManyButtons).to_string(),
            MenuProblem::TooManySubButtons { name } => {
                format!("{name}: {}", t(EntryMsg::MenuTooManySubButtons))
            }
            MenuProblem::NameMissing => t(EntryMsg::MenuNameMissing).to_string(),
            MenuProblem::NameTooLong { name } => {
                format!("{name}: {}", t(EntryMsg::MenuNameTooLong))
            }
            MenuProblem::MissingField { name, field } => {
                format!("{name}: {} {field}", t(EntryMsg::MenuMissingField))
            }
            MenuProblem::UnknownType { name } => {
                format!("{name}: {}", t(EntryMsg::MenuUnknownType))
            }
        }
    }
}

/// What WeChat's `menu/create` refusal means, in plain words.
pub fn refusal_message(errcode: i64, lang: Lang) -> String {
    let m = match errcode {
        40165 => EntryMsg::Menu40165,
        40166 => EntryMsg::Menu40166,
        85005 => EntryMsg::Menu85005,
        // Button count, name length, type, key and url limits.
        40016..=40025 => EntryMsg::MenuLimits,
        _ => EntryMsg::MenuRefused,
    };
    format!("{} (errcode {errcode})", m.text(lang))
}

/// The answer to "Publish the menu".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MenuResult {
    pub published: bool,
    /// What happened, in the admin's language.
    pub message: String,
}

#[cfg(test)]
#[cfg(feature = "ssr")]
mod tests {
    use super::*;

    #[test]
    fn the_default_menu_is_one_miniprogram_button_in_wechats_shape() {
        let menu: Value =
            serde_json::from_str(&default_menu("wxapp", "https://x.test/s/demo", Lang::Zh))
                .unwrap();
        let button = &menu["button"][0];
        assert_eq!(button["type"], "miniprogram");
        assert_eq!(button["appid"], "wxapp");
        assert_eq!(button["pagepath"], MENU_PAGE);
        assert_eq!(button["url"], "https://x.test/s/demo");
        assert!(button["name"].as_str().unwrap().len() <= TOP_NAME_BYTES);
        assert!(check_menu(&menu.to_string()).is_ok());
    }

    #[test]
    fn a_menu_beyond_wechats_limits_is_refused_before_wechat_sees_it() {
        let four = r#"{"button":[{"type":"view","name":"a","url":"u"},{"type":"view","name":"b","url":"u"},{"type":"view","name":"c","url":"u"},{"type":"view","name":"d","url":"u"}]}"#;
        assert_eq!(check_menu(four), Err(MenuProblem::TooManyButtons));
        let long = r#"{"button":[{"type":"view","name":"订货商城入口啊","url":"u"}]}"#;
        assert!(matches!(
            check_menu(long),
            Err(MenuProblem::NameTooLong { .. })
        ));
        let no_page = r#"{"button":[{"type":"miniprogram","name":"订货","url":"u","appid":"wx"}]}"#;
        assert_eq!(
            check_menu(no_page),
            Err(MenuProblem::MissingField {
                name: "订货".into(),
                field: "pagepath".into()
            })
        );
        assert_eq!(check_menu("{"), Err(MenuProblem::NotJson));
        let six = r#"{"button":[{"name":"更多","sub_button":[{"type":"view","name":"1","url":"u"},{"type":"view","name":"2","url":"u"},{"type":"view","name":"3","url":"u"},{"type":"view","name":"4","url":"u"},{"type":"view","name":"5","url":"u"},{"type":"view","name":"6","url":"u"}]}]}"#;
        assert!(matches!(
            check_menu(six),
            Err(MenuProblem::TooManySubButtons { .. })
        ));
    }

    #[test]
    fn wechats_refusals_read_in_plain_words() {
        assert!(refusal_message(40165, Lang::En).contains("page"));
        assert!(refusal_message(40165, Lang::Zh).contains("页面"));
        assert!(refusal_message(40166, Lang::En).contains("gh_"));
        assert!(refusal_message(85005, Lang::En).contains("linked"));
    }
}
