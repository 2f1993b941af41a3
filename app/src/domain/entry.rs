//! Application entry: how a brand's store reaches its distributors in
//! WeChat. Platform mode: through the platform's shared mini-program (its
//! name and icon, not the brand's). Dedicated mode: through the brand's own
//! mini-program, authorized to the platform's third-party platform.

use crate::i18n::{EntryMsg, Lang};
use serde::{Deserialize, Serialize};

/// The permission sets the platform needs from a brand's mini-program:
/// 17 account management, 18 development and data (the phone number
/// login needs it), 19 customer service, 30 basic information.
pub const DEFAULT_SETS: [i64; 4] = [17, 18, 19, 30];

/// The brand's own mini-program, as WeChat describes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DedicatedApp {
    pub appid: String,
    pub nick_name: String,
    pub head_img: String,
    /// The legal entity behind it.
    pub principal: String,
    /// The permission sets granted.
    pub sets: Vec<i64>,
}

/// Why a grant was not taken, or what happened since: shown on the
/// application entry page until the next check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EntryNotice {
    /// The mini-program's admin withdrew the authorization.
    Unauthorized,
    /// An official account (or anything else) was authorized instead.
    NotMiniProgram { name: String },
    /// WeChat has not verified it; the phone number login needs that.
    NotVerified { name: String },
    /// Another brand on this platform uses it already.
    TakenByAnotherBrand { name: String },
    /// Sets left out of the grant, usually held by another platform.
    MissingSets { name: String, sets: Vec<i64> },
    /// The return from WeChat's page came too late or twice.
    AuthorizationExpired,
    /// A mini-program was authorized where an official account was asked for.
    NotOfficialAccount { name: String },
    /// Another brand on this platform has linked this official account.
    OfficialTaken { name: String },
}

/// The brand's official account, linked for its service menu.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficialAccount {
    pub appid: String,
    pub nick_name: String,
    /// The legal entity behind it.
    pub principal: String,
}

/// The official account part of the entry page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficialView {
    pub account: OfficialAccount,
    /// Its principal is not the store mini-program's: linking is allowed,
    /// but data sharing and opening the mini-program from it will not work.
    pub principal_differs: bool,
    /// The menu to edit: the one last published, else the store's default
    /// (filled in by `localized`).
    pub menu: String,
    /// The warning in the reader's language (`localized`).
    #[serde(default)]
    pub principal_warning: Option<String>,
}

/// Whether an official account's principal differs from the store
/// mini-program's. In platform mode the mini-program is the platform's,
/// whose principal is never the brand's.
pub fn principal_differs(official: &str, mini_program: Option<&str>) -> bool {
    mini_program.is_none_or(|mini| mini.trim() != official.trim())
}

/// What the application entry page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryView {
    /// `None`: platform mode.
    pub dedicated: Option<DedicatedApp>,
    /// For the server and readers of the API; the console shows only
    /// `notice_text`, so the browser skips it: reading a tagged enum brings
    /// serde's buffering decoder (about 19 KB of WASM) into the console.
    #[cfg_attr(not(feature = "ssr"), serde(skip_deserializing))]
    pub notice: Option<EntryNotice>,
    /// A grant is waiting to be checked again ("Authorized").
    pub pending: bool,
    /// The notice and the granted sets in the reader's language, written
    /// by the server (`localized`), so the console's code carries no texts
    /// of its own for them.
    #[serde(default)]
    pub notice_text: Option<String>,
    #[serde(default)]
    pub set_names: Vec<String>,
    pub official: Option<OfficialView>,
    /// The appid a menu button opens: the brand's own mini-program, or the platform's.
    pub menu_appid: String,
    /// The store's web address, the menu button's fallback.
    pub store_url: String,
}

impl EntryView {
    pub fn localized(mut self, lang: Lang) -> EntryView {
        self.notice_text = self.notice.as_ref().map(|n| n.message(lang));
        if let Some(official) = self.official.as_mut() {
            official.principal_warning = official
                .principal_differs
                .then(|| EntryMsg::PrincipalDiffers.text(lang).to_string());
            #[cfg(feature = "ssr")]
            if official.menu.is_empty() {
                official.menu =
                    crate::domain::menu::default_menu(&self.menu_appid, &self.store_url, lang);
            }
        }
        self.set_names = self
            .dedicated
            .iter()
            .flat_map(|app| app.sets.iter().map(|set| set_name(*set, lang)))
            .collect();
        self
    }
}

/// The rule for taking a grant, in one place: a verified mini-program that
/// granted every default set. (Whether another brand has it is the
/// database's to say.)
pub fn check_grant(
    name: &str,
    mini_program: bool,
    verified: bool,
    sets: &[i64],
) -> Result<(), EntryNotice> {
    let name = name.to_string();
    if !mini_program {
        return Err(EntryNotice::NotMiniProgram { name });
    }
    if !verified {
        return Err(EntryNotice::NotVerified { name });
    }
    let missing: Vec<i64> = DEFAULT_SETS
        .iter()
        .copied()
        .filter(|set| !sets.contains(set))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(EntryNotice::MissingSets {
            name,
            sets: missing,
        })
    }
}

/// A permission set's name.
pub fn set_name(set: i64, lang: Lang) -> String {
    let msg = match set {
        17 => EntryMsg::SetAccount,
        18 => EntryMsg::SetDevelopment,
        19 => EntryMsg::SetService,
        30 => EntryMsg::SetBasicInfo,
        other => return format!("#{other}"),
    };
    format!("{} ({set})", msg.text(lang))
}

impl EntryNotice {
    /// What the Store Admin reads, with what to do next.
    pub fn message(&self, lang: Lang) -> String {
        let t = |m: EntryMsg| m.text(lang);
        match self {
            EntryNotice::Unauthorized => t(EntryMsg::EntryUnauthorized).to_string(),
            EntryNotice::NotMiniProgram { name } => {
                format!("{name}: {}", t(EntryMsg::EntryNotMiniProgram))
            }
            EntryNotice::NotVerified { name } => {
                format!("{name}: {}", t(EntryMsg::EntryNotVerified))
            }
            EntryNotice::TakenByAnotherBrand { name } => {
                format!("{name}: {}", t(EntryMsg::EntryTaken))
            }
            EntryNotice::MissingSets { name, sets } => {
                let names: Vec<String> = sets.iter().map(|s| set_name(*s, lang)).collect();
                format!(
                    "{name}: {} {}",
                    t(EntryMsg::EntryMissingSets),
                    names.join(EntryMsg::ListSeparator.text(lang))
                )
            }
            EntryNotice::AuthorizationExpired => t(EntryMsg::EntryAuthorizationExpired).to_string(),
            EntryNotice::NotOfficialAccount { name } => {
                format!("{name}: {}", t(EntryMsg::NotOfficialAccount))
            }
            EntryNotice::OfficialTaken { name } => {
                format!("{name}: {}", t(EntryMsg::OfficialTaken))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grant_is_taken_only_from_a_verified_mini_program_with_every_default_set() {
        assert_eq!(
            check_grant("Brand", true, true, &[30, 19, 18, 17, 40]),
            Ok(())
        );
        assert_eq!(
            check_grant("Brand", false, true, &DEFAULT_SETS),
            Err(EntryNotice::NotMiniProgram {
                name: "Brand".into()
            })
        );
        assert_eq!(
            check_grant("Brand", true, false, &DEFAULT_SETS),
            Err(EntryNotice::NotVerified {
                name: "Brand".into()
            })
        );
        assert_eq!(
            check_grant("Brand", true, true, &[17, 19, 30]),
            Err(EntryNotice::MissingSets {
                name: "Brand".into(),
                sets: vec![18]
            })
        );
    }

    #[test]
    fn an_official_account_of_another_entity_is_flagged() {
        assert!(!principal_differs(
            "Demo Brand Ltd.",
            Some("Demo Brand Ltd.")
        ));
        assert!(principal_differs("Other Co.", Some("Demo Brand Ltd.")));
        assert!(principal_differs("Demo Brand Ltd.", None), "platform mode");
    }

    #[test]
    fn a_missing_set_is_named_and_the_admin_told_what_to_do() {
        let notice = EntryNotice::MissingSets {
            name: "Brand".into(),
            sets: vec![18],
        };
        let zh = notice.message(Lang::Zh);
        assert!(
            zh.contains("开发与数据分析权限集 (18)") && zh.contains("其他第三方平台"),
            "{zh}"
        );
        let en = notice.message(Lang::En);
        assert!(
            en.contains("Development and data (18)") && en.contains("another platform"),
            "{en}"
        );
    }
}
