//! Self-registration: the life of an application (pending → approved or
//! rejected, nothing after), how its values become an Account and a Contact,
//! and how waiting times and submission times read.

use crate::domain::layout::{Field, FieldError, Layout, Section, Values};
use crate::error::AppError;
use crate::error::RegistrationError;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

pub const TICKET_COOKIE: &str = "ol_reg";

/// A refused submission: what was typed and what was wrong with it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub values: Values,
    pub errors: Vec<FieldError>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RegisterPage {
    /// Fill in (or correct) the form.
    Form {
        layout: Layout,
        phone: String,
        draft: Draft,
        /// Why the previous application was rejected, when re-applying.
        rejected_reason: Option<String>,
    },
    /// This phone has an application waiting: show its status instead.
    Pending,
    /// Already logged in with an ordering account.
    Member,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusView {
    /// `None`: this phone has not applied yet.
    pub status: Option<Status>,
    pub company: String,
    /// Submission time, China Standard Time.
    pub submitted: String,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AccountMatch {
    pub id: i64,
    pub name: String,
    pub price_list: Option<String>,
}

/// One application in the approvals inbox, with the layout it was filled in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i64,
    pub phone: String,
    pub company: String,
    pub contact_name: String,
    pub fields: Vec<Field>,
    pub values: Values,
    pub status: Status,
    pub reason: Option<String>,
    pub created_at: i64,
    /// Seconds from submission to the decision, or to now while pending.
    pub waited_secs: i64,
    pub decided_at: Option<i64>,
    pub decided_by: Option<String>,
    pub account_id: Option<i64>,
    pub account: Option<String>,
    /// Existing Accounts with a similar name, to link instead of creating one.
    pub matches: Vec<AccountMatch>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pending,
    Approved,
    Rejected,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Pending, Status::Approved, Status::Rejected];

    pub fn code(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Only a pending application can be decided; a decision is final.
    pub fn decide(self, to: Status) -> Result<Status, AppError> {
        match (self, to) {
            (Status::Pending, Status::Approved | Status::Rejected) => Ok(to),
            (from, _) => Err(AppError::Registration(RegistrationError::AlreadyDecided {
                status: from.code().to_string(),
            })),
        }
    }

    /// A phone may send a new application when it has none open.
    pub fn allows_new_application(self) -> bool {
        self != Status::Pending
    }
}

/// The registration layout's system fields that have columns of their own.
pub const COMPANY: &str = "company";
pub const CONTACT_NAME: &str = "contact_name";
pub const PHONE: &str = "phone";

pub const MAX_REASON: usize = 200;

/// A rejection needs a reason the applicant can act on.
pub fn check_reason(reason: &str) -> Result<String, AppError> {
    crate::domain::validate::required_text("reason", reason, MAX_REASON)
}

/// An application's values split into the records approval creates: the
/// Account's values (`company` becomes its `name`) and the Contact's
/// (`contact_name` becomes its `name`). Custom fields keep their keys, so a
/// field that also exists in the Account or Contact layout lands there.
pub fn split(layout: &Layout, values: &Values) -> (Values, Values) {
    let mut account = Values::new();
    let mut contact = Values::new();
    for f in &layout.fields {
        let Some(v) = values.get(&f.key) else {
            continue;
        };
        let (target, key) = match (layout.section_of(f), f.key.as_str()) {
            (_, COMPANY) => (&mut account, "name"),
            (_, CONTACT_NAME) => (&mut contact, "name"),
            (_, PHONE) => (&mut contact, PHONE),
            (Section::Account, key) => (&mut account, key),
            (Section::Contact, key) => (&mut contact, key),
        };
        target.insert(key.to_string(), v.clone());
    }
    (account, contact)
}

/// Fields of the brand's Account and Contact layouts the registration form
/// may also ask for, each in its section. The records' own name and phone are
/// left out: the form has them as `company`, `contact_name` and `phone`.
/// Approval stores a value under the same key, so it shows on the record.
pub fn offerable(account: &Layout, contact: &Layout) -> Vec<Field> {
    let take = |layout: &Layout, section: Section, skip: &[&str]| {
        layout
            .fields
            .iter()
            .filter(|f| !skip.contains(&f.key.as_str()))
            .map(|f| Field {
                system: false,
                section,
                ..f.clone()
            })
            .collect::<Vec<_>>()
    };
    let mut fields = take(account, Section::Account, &["name"]);
    fields.extend(take(contact, Section::Contact, &["name", PHONE]));
    fields
}

/// How long an application has waited, in the largest whole unit.
pub fn waited(secs: i64, lang: Lang) -> String {
    use crate::i18n::{fill, WaitMsg};
    let (n, unit) = match secs.max(0) {
        s if s < 60 => return WaitMsg::JustNow.text(lang).to_string(),
        s if s < 3600 => (s / 60, WaitMsg::Minutes),
        s if s < 86_400 => (s / 3600, WaitMsg::Hours),
        s => (s / 86_400, WaitMsg::Days),
    };
    fill(unit.text(lang), &[("n", &n.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::layout::{FieldKind, LayoutObject};

    #[test]
    fn only_pending_can_be_decided_and_only_once() {
        assert_eq!(
            Status::Pending.decide(Status::Approved),
            Ok(Status::Approved)
        );
        assert_eq!(
            Status::Pending.decide(Status::Rejected),
            Ok(Status::Rejected)
        );
        assert!(Status::Approved.decide(Status::Rejected).is_err());
        assert!(Status::Rejected.decide(Status::Approved).is_err());
        assert!(Status::Pending.decide(Status::Pending).is_err());
        assert!(!Status::Pending.allows_new_application());
        assert!(Status::Rejected.allows_new_application());
    }

    #[test]
    fn values_split_into_account_and_contact() {
        let mut layout = Layout::default_for(LayoutObject::Registration);
        for (key, section) in [("channel", Section::Account), ("email", Section::Contact)] {
            layout.fields.push(Field {
                key: key.into(),
                kind: FieldKind::Text,
                label_zh: key.into(),
                label_en: key.into(),
                required: false,
                system: false,
                options: Vec::new(),
                section,
            });
        }
        let values: Values = [
            ("company", "华东商贸"),
            ("contact_name", "王五"),
            ("phone", "13912345678"),
            ("channel", "商超"),
            ("email", "w@x.cn"),
            ("stray", "dropped"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let (account, contact) = split(&layout, &values);
        assert_eq!(account.get("name").map(String::as_str), Some("华东商贸"));
        assert_eq!(account.get("channel").map(String::as_str), Some("商超"));
        assert_eq!(account.len(), 2);
        assert_eq!(contact.get("name").map(String::as_str), Some("王五"));
        assert_eq!(
            contact.get("phone").map(String::as_str),
            Some("13912345678")
        );
        assert_eq!(contact.get("email").map(String::as_str), Some("w@x.cn"));
        assert_eq!(contact.len(), 3);
    }

    #[test]
    fn the_form_may_ask_for_account_and_contact_fields() {
        let mut account = Layout::default_for(LayoutObject::Account);
        account.fields.push(Field {
            key: "channel".into(),
            kind: FieldKind::Select,
            label_zh: "渠道".into(),
            label_en: "Channel".into(),
            required: true,
            system: false,
            options: vec![crate::domain::layout::Choice {
                value: "retail".into(),
                label_zh: "零售".into(),
                label_en: "Retail".into(),
            }],
            section: Section::Account,
        });
        let contact = Layout::default_for(LayoutObject::Contact);
        let offered = offerable(&account, &contact);
        let keys: Vec<(&str, Section)> = offered
            .iter()
            .map(|f| (f.key.as_str(), f.section))
            .collect();
        assert_eq!(
            keys,
            [
                ("channel", Section::Account),
                ("email", Section::Contact),
                ("title", Section::Contact)
            ]
        );
        assert!(offered.iter().all(|f| !f.system));
        assert!(
            offered[0].required,
            "keeps the Account layout's required flag"
        );
        // Added to the registration layout, they still pass its check.
        let mut reg = Layout::default_for(LayoutObject::Registration);
        reg.fields.extend(offered);
        assert_eq!(reg.check(), Ok(()));
    }

    #[test]
    fn a_rejection_needs_a_reason() {
        assert!(check_reason("  ").is_err());
        assert!(check_reason(&"长".repeat(MAX_REASON + 1)).is_err());
        assert_eq!(check_reason(" 资料不全 ").as_deref(), Ok("资料不全"));
    }

    #[test]
    fn waiting_times_read_in_the_largest_unit() {
        assert_eq!(waited(30, Lang::En), "just now");
        assert_eq!(waited(125, Lang::Zh), "2 分钟");
        assert_eq!(waited(3 * 3600 + 5, Lang::En), "3 h");
        assert_eq!(waited(2 * 86_400 + 7, Lang::Zh), "2 天");
    }
}
