//! Layout metadata: which fields a form of an object (Account, Contact, the
//! self-registration form) has, in what order, and how each value is checked.
//!
//! A layout is a list of fields. System fields are the ones the product itself
//! needs (an Account's name, a Contact's phone); they can be relabelled and
//! reordered but not removed or retyped. Custom fields are the brand's own.
//! The console's forms, the store's registration form and the server all
//! validate with [`Layout::validate`], so a value the browser accepts is the
//! value the server stores.

use crate::domain::validate;
pub use crate::error::layout::{FieldError, LayoutProblem, MAX_FIELDS};
use crate::error::{AppError, Invalid};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Submitted or stored values, by field key.
pub type Values = BTreeMap<String, String>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayoutObject {
    Account,
    Contact,
    Registration,
}

impl LayoutObject {
    pub const ALL: [LayoutObject; 3] = [
        LayoutObject::Account,
        LayoutObject::Contact,
        LayoutObject::Registration,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LayoutObject::Account => "account",
            LayoutObject::Contact => "contact",
            LayoutObject::Registration => "registration",
        }
    }

    pub fn from_code(code: &str) -> Option<LayoutObject> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// Which record a field's value belongs to. Account and Contact layouts hold
/// only their own fields; the registration form has both, Account first, and
/// an approved application stores each value on its section's record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    #[default]
    Account,
    Contact,
}

impl Section {
    pub const ALL: [Section; 2] = [Section::Account, Section::Contact];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line, up to 100 characters.
    Text,
    /// Several lines, up to 500 characters.
    #[serde(alias = "textarea")]
    LongText,
    Phone,
    Email,
    /// A whole number, stored as its decimal text.
    Number,
    /// One of the field's options, stored as the option's value.
    Select,
    /// Any of the field's options, stored as their values joined by `,` in
    /// the options' order.
    MultiSelect,
    /// A calendar date, `YYYY-MM-DD`, between 1900 and 2100.
    Date,
    /// A mainland region as province/city/district (one to three levels).
    Region,
}

impl FieldKind {
    pub const ALL: [FieldKind; 9] = [
        FieldKind::Text,
        FieldKind::LongText,
        FieldKind::Phone,
        FieldKind::Email,
        FieldKind::Number,
        FieldKind::Select,
        FieldKind::MultiSelect,
        FieldKind::Date,
        FieldKind::Region,
    ];

    /// Kinds whose values come from the field's options.
    pub fn has_options(self) -> bool {
        matches!(self, FieldKind::Select | FieldKind::MultiSelect)
    }

    fn max_len(self) -> usize {
        match self {
            FieldKind::LongText => 500,
            _ => 100,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label_zh: String,
    pub label_en: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// Stable name: lowercase ASCII letters, digits and `_`, starting with a letter.
    pub key: String,
    pub kind: FieldKind,
    pub label_zh: String,
    pub label_en: String,
    pub required: bool,
    #[serde(default)]
    pub system: bool,
    #[serde(default)]
    pub options: Vec<Choice>,
    /// Only read in the registration layout; see [`Layout::section_of`].
    #[serde(default)]
    pub section: Section,
}

impl Field {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.label_zh,
            Lang::En => &self.label_en,
        }
    }
}

impl Choice {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.label_zh,
            Lang::En => &self.label_en,
        }
    }
}

/// A refused layout: what is wrong, and with which field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutError {
    pub problem: LayoutProblem,
    pub key: String,
}

impl LayoutError {
    fn new(problem: LayoutProblem, key: &str) -> LayoutError {
        LayoutError {
            problem,
            key: key.to_string(),
        }
    }
}

const MAX_LABEL: usize = 30;
const MAX_OPTIONS: usize = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    pub object: LayoutObject,
    pub fields: Vec<Field>,
}

fn system(key: &str, kind: FieldKind, name: crate::i18n::FieldName, required: bool) -> Field {
    Field {
        key: key.into(),
        kind,
        label_zh: name.text(Lang::Zh).into(),
        label_en: name.text(Lang::En).into(),
        required,
        system: true,
        options: Vec::new(),
        section: Section::Account,
    }
}

fn in_section(mut f: Field, section: Section) -> Field {
    f.section = section;
    f
}

impl Layout {
    /// The system fields of an object, as a brand starts with them.
    pub fn default_for(object: LayoutObject) -> Layout {
        use crate::i18n::FieldName;
        use FieldKind::*;
        let fields = match object {
            LayoutObject::Account => vec![system("name", Text, FieldName::AccountName, true)],
            LayoutObject::Contact => vec![
                system("name", Text, FieldName::PersonName, true),
                system("phone", Phone, FieldName::Phone, false),
                system("email", Email, FieldName::Email, false),
                system("title", Text, FieldName::Title, false),
            ],
            LayoutObject::Registration => vec![
                system("company", Text, FieldName::Company, true),
                in_section(
                    system("contact_name", Text, FieldName::ContactName, true),
                    Section::Contact,
                ),
                in_section(
                    system("phone", Phone, FieldName::Phone, true),
                    Section::Contact,
                ),
            ],
        };
        Layout { object, fields }
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The record a field's value belongs to: an Account or Contact layout's
    /// own; in the registration layout, the field's chosen section.
    pub fn section_of(&self, f: &Field) -> Section {
        match self.object {
            LayoutObject::Account => Section::Account,
            LayoutObject::Contact => Section::Contact,
            LayoutObject::Registration => f.section,
        }
    }

    /// The fields grouped by section in form order (Account, then Contact),
    /// keeping the layout's order within each; empty sections are left out.
    pub fn sections(&self) -> Vec<(Section, Vec<&Field>)> {
        Section::ALL
            .into_iter()
            .map(|s| {
                let fields = self
                    .fields
                    .iter()
                    .filter(|f| self.section_of(f) == s)
                    .collect::<Vec<_>>();
                (s, fields)
            })
            .filter(|(_, fields)| !fields.is_empty())
            .collect()
    }

    /// Checks a layout an admin wants to save: every system field of the
    /// object still there with its kind (and still required if it was),
    /// well-formed unique keys, labels in both languages, sane options.
    pub fn check(&self) -> Result<(), LayoutError> {
        if self.fields.len() > MAX_FIELDS {
            return Err(LayoutError::new(LayoutProblem::TooManyFields, ""));
        }
        let defaults = Layout::default_for(self.object);
        for sys in &defaults.fields {
            let kept = self.field(&sys.key).is_some_and(|f| {
                f.kind == sys.kind
                    && f.system
                    && (f.required || !sys.required)
                    && self.section_of(f) == defaults.section_of(sys)
            });
            if !kept {
                return Err(LayoutError::new(
                    LayoutProblem::SystemFieldChanged,
                    &sys.key,
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for f in &self.fields {
            if !valid_key(&f.key) {
                return Err(LayoutError::new(LayoutProblem::BadKey, &f.key));
            }
            if !seen.insert(f.key.as_str()) {
                return Err(LayoutError::new(LayoutProblem::DuplicateKey, &f.key));
            }
            if f.system && defaults.field(&f.key).is_none() {
                // Only the product decides what is a system field.
                return Err(LayoutError::new(LayoutProblem::SystemFieldChanged, &f.key));
            }
            if !label_ok(&f.label_zh) || !label_ok(&f.label_en) {
                return Err(LayoutError::new(LayoutProblem::MissingLabel, &f.key));
            }
            let options_ok = match f.kind {
                kind if kind.has_options() => {
                    let mut values = std::collections::HashSet::new();
                    (1..=MAX_OPTIONS).contains(&f.options.len())
                        && f.options.iter().all(|c| {
                            !c.value.trim().is_empty()
                                && c.value.chars().count() <= 100
                                // A multi-select stores values joined by commas.
                                && !c.value.contains(',')
                                && label_ok(&c.label_zh)
                                && label_ok(&c.label_en)
                                && values.insert(c.value.as_str())
                        })
                }
                _ => f.options.is_empty(),
            };
            if !options_ok {
                return Err(LayoutError::new(LayoutProblem::BadOptions, &f.key));
            }
        }
        Ok(())
    }

    /// Checks submitted values against the layout. Returns the cleaned values
    /// (trimmed, phones normalized, emails lowercased, empty optional fields
    /// left out, unknown keys dropped) or every refused field at once.
    pub fn validate(&self, input: &Values) -> Result<Values, Vec<FieldError>> {
        let mut clean = Values::new();
        let mut errors = Vec::new();
        for f in &self.fields {
            let raw = input.get(&f.key).map(String::as_str).unwrap_or("");
            match check_value(f, raw) {
                Ok(Some(v)) => {
                    clean.insert(f.key.clone(), v);
                }
                Ok(None) => {}
                Err(reason) => errors.push(FieldError {
                    field: f.key.clone(),
                    label_zh: f.label_zh.clone(),
                    label_en: f.label_en.clone(),
                    reason,
                }),
            }
        }
        if errors.is_empty() {
            Ok(clean)
        } else {
            Err(errors)
        }
    }

    /// [`Layout::validate`] with the errors as the one error a server function returns.
    pub fn validate_for_server(&self, input: &Values) -> Result<Values, AppError> {
        self.validate(input)
            .map_err(|errors| AppError::Fields { errors })
    }
}

fn valid_key(key: &str) -> bool {
    let mut chars = key.chars();
    key.len() <= 32
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn label_ok(label: &str) -> bool {
    let n = label.trim().chars().count();
    (1..=MAX_LABEL).contains(&n)
}

/// One value against its field: `Ok(None)` for an empty optional field.
fn check_value(f: &Field, raw: &str) -> Result<Option<String>, Invalid> {
    let reason = |e: AppError| match e {
        AppError::Invalid { reason, .. } => reason,
        _ => Invalid::Required,
    };
    let value = raw.trim();
    if value.is_empty() {
        return if f.required {
            Err(Invalid::Required)
        } else {
            Ok(None)
        };
    }
    let clean = match f.kind {
        FieldKind::Text | FieldKind::LongText => {
            validate::required_text(&f.key, value, f.kind.max_len()).map_err(reason)?
        }
        FieldKind::Phone => validate::optional_phone(&f.key, value)
            .map_err(reason)?
            .unwrap_or_default(),
        FieldKind::Email => validate::optional_email(&f.key, value)
            .map_err(reason)?
            .unwrap_or_default(),
        FieldKind::Number => value
            .parse::<i64>()
            .map(|n| n.to_string())
            .map_err(|_| Invalid::Number)?,
        FieldKind::Select => f
            .options
            .iter()
            .find(|c| c.value == value)
            .map(|c| c.value.clone())
            .ok_or(Invalid::Option)?,
        FieldKind::MultiSelect => multi_select(f, value)?,
        FieldKind::Date => date(value).ok_or(Invalid::Date)?,
        FieldKind::Region => region(value).ok_or(Invalid::Region)?,
    };
    Ok(Some(clean))
}

/// Chosen option values (comma-separated, any order, repeats allowed) as
/// the options' order without repeats; any unknown value refuses the field.
fn multi_select(f: &Field, value: &str) -> Result<String, Invalid> {
    let chosen: Vec<&str> = value
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    if chosen
        .iter()
        .any(|v| !f.options.iter().any(|c| c.value == *v))
    {
        return Err(Invalid::Option);
    }
    let clean: Vec<&str> = f
        .options
        .iter()
        .map(|c| c.value.as_str())
        .filter(|v| chosen.contains(v))
        .collect();
    if clean.is_empty() {
        Err(Invalid::Required)
    } else {
        Ok(clean.join(","))
    }
}

/// `YYYY-MM-DD` naming a real day between 1900-01-01 and 2100-12-31.
pub(crate) fn date(value: &str) -> Option<String> {
    let mut parts = value.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1900..=2100).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// province/city/district: one to three non-empty levels of at most 20
/// characters each, split at ASCII or full-width slashes.
fn region(value: &str) -> Option<String> {
    let levels: Vec<&str> = value.split(['/', '\u{FF0F}']).map(str::trim).collect();
    let ok = (1..=3).contains(&levels.len())
        && levels
            .iter()
            .all(|l| !l.is_empty() && l.chars().count() <= 20);
    ok.then(|| levels.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn custom(key: &str, kind: FieldKind, required: bool) -> Field {
        Field {
            section: Section::Account,
            key: key.into(),
            kind,
            label_zh: "区域".into(),
            label_en: "Region".into(),
            required,
            system: false,
            options: if kind == FieldKind::Select {
                vec![
                    Choice {
                        value: "east".into(),
                        label_zh: "华东".into(),
                        label_en: "East".into(),
                    },
                    Choice {
                        value: "north".into(),
                        label_zh: "华北".into(),
                        label_en: "North".into(),
                    },
                ]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn defaults_pass_their_own_check() {
        for object in LayoutObject::ALL {
            assert_eq!(Layout::default_for(object).check(), Ok(()), "{object:?}");
            assert_eq!(LayoutObject::from_code(object.code()), Some(object));
        }
    }

    #[test]
    fn validate_cleans_values_and_drops_unknown_keys() {
        let layout = Layout::default_for(LayoutObject::Contact);
        let clean = layout
            .validate(&values(&[
                ("name", "  王芳 "),
                ("phone", "138 0000 0001"),
                ("email", "Wang@Example.CN"),
                ("title", ""),
                ("evil", "x"),
            ]))
            .unwrap();
        assert_eq!(
            clean,
            values(&[
                ("name", "王芳"),
                ("phone", "13800000001"),
                ("email", "wang@example.cn")
            ])
        );
    }

    #[test]
    fn validate_reports_every_bad_field_with_its_label() {
        let mut layout = Layout::default_for(LayoutObject::Contact);
        layout
            .fields
            .push(custom("region", FieldKind::Select, true));
        layout
            .fields
            .push(custom("staff", FieldKind::Number, false));
        let errors = layout
            .validate(&values(&[
                ("phone", "12345"),
                ("email", "nope"),
                ("region", "south"),
                ("staff", "12a"),
            ]))
            .unwrap_err();
        let got: Vec<(&str, Invalid)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.reason))
            .collect();
        assert_eq!(
            got,
            vec![
                ("name", Invalid::Required),
                ("phone", Invalid::Phone),
                ("email", Invalid::Email),
                ("region", Invalid::Option),
                ("staff", Invalid::Number),
            ]
        );
        assert_eq!(errors[0].message(Lang::Zh), "请填写姓名。");
        assert_eq!(errors[0].message(Lang::En), "Name is required.");
    }

    #[test]
    fn select_stores_the_option_value_and_long_text_has_room() {
        let mut layout = Layout::default_for(LayoutObject::Account);
        layout
            .fields
            .push(custom("region", FieldKind::Select, false));
        layout
            .fields
            .push(custom("notes", FieldKind::LongText, false));
        let long = "字".repeat(300);
        let clean = layout
            .validate(&values(&[
                ("name", "华东商贸"),
                ("region", "north"),
                ("notes", &long),
            ]))
            .unwrap();
        assert_eq!(clean["region"], "north");
        assert_eq!(clean["notes"], long);
        let too_long = "字".repeat(101);
        let errors = layout
            .validate(&values(&[("name", &too_long)]))
            .unwrap_err();
        assert_eq!(errors[0].reason, Invalid::TooLong);
    }

    /// A kind, a raw value, and what the validator makes of it.
    type Case<'a> = (FieldKind, &'a str, Result<Option<&'a str>, Invalid>);

    #[test]
    fn every_field_kind_is_checked() {
        let field = |kind: FieldKind| {
            let mut f = custom("f", kind, true);
            if kind == FieldKind::MultiSelect {
                f.options = custom("f", FieldKind::Select, true).options;
            }
            f
        };
        let cases: &[Case] = &[
            (FieldKind::Text, " 华东 ", Ok(Some("华东"))),
            (FieldKind::Text, &"长".repeat(101), Err(Invalid::TooLong)),
            (
                FieldKind::LongText,
                "第一行\n第二行",
                Ok(Some("第一行\n第二行")),
            ),
            (
                FieldKind::LongText,
                &"长".repeat(501),
                Err(Invalid::TooLong),
            ),
            (
                FieldKind::Phone,
                "+86 138-0000-0001",
                Ok(Some("13800000001")),
            ),
            (FieldKind::Phone, "1380000000", Err(Invalid::Phone)),
            (FieldKind::Email, "A@B.CN", Ok(Some("a@b.cn"))),
            (FieldKind::Email, "a@b", Err(Invalid::Email)),
            (FieldKind::Number, " -12 ", Ok(Some("-12"))),
            (FieldKind::Number, "1.5", Err(Invalid::Number)),
            (FieldKind::Select, "north", Ok(Some("north"))),
            (FieldKind::Select, "North", Err(Invalid::Option)),
            (
                FieldKind::MultiSelect,
                "north, east,north",
                Ok(Some("east,north")),
            ),
            (FieldKind::MultiSelect, "east,west", Err(Invalid::Option)),
            (FieldKind::MultiSelect, " , ", Err(Invalid::Required)),
            (FieldKind::Date, "2024-02-29", Ok(Some("2024-02-29"))),
            (FieldKind::Date, "2023-02-29", Err(Invalid::Date)),
            (FieldKind::Date, "2024-13-01", Err(Invalid::Date)),
            (FieldKind::Date, "24-01-01", Err(Invalid::Date)),
            (FieldKind::Date, "1899-12-31", Err(Invalid::Date)),
            (
                FieldKind::Region,
                "浙江省 / 杭州市 / 西湖区",
                Ok(Some("浙江省/杭州市/西湖区")),
            ),
            (FieldKind::Region, "上海市", Ok(Some("上海市"))),
            (FieldKind::Region, "浙江省//西湖区", Err(Invalid::Region)),
            (FieldKind::Region, "a/b/c/d", Err(Invalid::Region)),
        ];
        for (kind, input, want) in cases {
            let got = check_value(&field(*kind), input);
            assert_eq!(got, want.map(|v| v.map(String::from)), "{kind:?} {input:?}");
        }
        // Every kind: empty is "required" when required, left out when optional.
        for kind in FieldKind::ALL {
            let mut f = field(kind);
            assert_eq!(check_value(&f, "  "), Err(Invalid::Required), "{kind:?}");
            f.required = false;
            assert_eq!(check_value(&f, ""), Ok(None), "{kind:?}");
        }
    }

    #[test]
    fn registration_fields_group_by_section_in_form_order() {
        let mut layout = Layout::default_for(LayoutObject::Registration);
        let mut title = custom("position", FieldKind::Text, false);
        title.section = Section::Contact;
        layout.fields.insert(0, title);
        layout
            .fields
            .push(custom("region", FieldKind::Select, true));
        assert_eq!(layout.check(), Ok(()));
        let keys: Vec<(Section, Vec<&str>)> = layout
            .sections()
            .into_iter()
            .map(|(s, fs)| (s, fs.iter().map(|f| f.key.as_str()).collect()))
            .collect();
        assert_eq!(
            keys,
            vec![
                (Section::Account, vec!["company", "region"]),
                (Section::Contact, vec!["position", "contact_name", "phone"]),
            ]
        );
        // A system field keeps its section.
        let mut moved = Layout::default_for(LayoutObject::Registration);
        moved.fields[2].section = Section::Account;
        assert_eq!(
            moved.check(),
            Err(LayoutError::new(LayoutProblem::SystemFieldChanged, "phone"))
        );
        // Account and Contact layouts ignore the stored section.
        let contact = Layout::default_for(LayoutObject::Contact);
        assert!(contact.fields.iter().all(|f| f.section == Section::Account));
        assert_eq!(contact.sections().len(), 1);
        assert_eq!(contact.sections()[0].0, Section::Contact);
    }

    #[test]
    fn textarea_is_a_name_for_long_text() {
        let f: FieldKind = serde_json_lite("\"textarea\"");
        assert_eq!(f, FieldKind::LongText);
    }

    /// Deserializes a unit enum from its JSON string without serde_json (not a hydrate dependency).
    fn serde_json_lite(json: &str) -> FieldKind {
        let name = json.trim_matches('"');
        use serde::de::IntoDeserializer;
        let de: serde::de::value::StrDeserializer<serde::de::value::Error> =
            name.into_deserializer();
        FieldKind::deserialize(de).unwrap()
    }

    #[test]
    fn multi_select_options_cannot_hold_commas() {
        let mut layout = Layout::default_for(LayoutObject::Registration);
        let mut f = custom("channels", FieldKind::MultiSelect, false);
        f.options = custom("x", FieldKind::Select, false).options;
        f.options[0].value = "a,b".into();
        layout.fields.push(f);
        assert!(matches!(
            layout.check(),
            Err(LayoutError {
                problem: LayoutProblem::BadOptions,
                ..
            })
        ));
    }

    #[test]
    fn check_keeps_system_fields() {
        let mut layout = Layout::default_for(LayoutObject::Contact);
        layout.fields.retain(|f| f.key != "phone");
        assert_eq!(
            layout.check(),
            Err(LayoutError::new(LayoutProblem::SystemFieldChanged, "phone"))
        );

        let mut retyped = Layout::default_for(LayoutObject::Contact);
        retyped.fields[1].kind = FieldKind::Text;
        assert!(retyped.check().is_err());

        let mut optional = Layout::default_for(LayoutObject::Registration);
        optional.fields[0].required = false;
        assert!(optional.check().is_err());

        // Relabelled, reordered and made required is fine.
        let mut edited = Layout::default_for(LayoutObject::Contact);
        edited.fields.reverse();
        edited.fields[0].label_en = "Position".into();
        edited.fields[0].required = true;
        assert_eq!(edited.check(), Ok(()));

        // A custom field cannot claim to be a system one.
        let mut fake = Layout::default_for(LayoutObject::Account);
        let mut f = custom("region", FieldKind::Text, false);
        f.system = true;
        fake.fields.push(f);
        assert!(fake.check().is_err());
    }

    #[test]
    fn check_refuses_bad_custom_fields() {
        let with = |f: Field| {
            let mut layout = Layout::default_for(LayoutObject::Account);
            layout.fields.push(f);
            layout.check()
        };
        for key in ["", "Region", "1st", "a-b", &"a".repeat(33)] {
            assert_eq!(
                with(custom(key, FieldKind::Text, false)),
                Err(LayoutError::new(LayoutProblem::BadKey, key)),
                "{key}"
            );
        }
        assert!(matches!(
            with(custom("name", FieldKind::Text, false)),
            Err(LayoutError {
                problem: LayoutProblem::DuplicateKey,
                ..
            })
        ));
        let mut unlabelled = custom("region", FieldKind::Text, false);
        unlabelled.label_en = " ".into();
        assert!(matches!(
            with(unlabelled),
            Err(LayoutError {
                problem: LayoutProblem::MissingLabel,
                ..
            })
        ));
        let mut no_options = custom("region", FieldKind::Select, false);
        no_options.options.clear();
        assert!(matches!(
            with(no_options),
            Err(LayoutError {
                problem: LayoutProblem::BadOptions,
                ..
            })
        ));
        let mut twice = custom("region", FieldKind::Select, false);
        twice.options[1].value = "east".into();
        assert!(matches!(
            with(twice),
            Err(LayoutError {
                problem: LayoutProblem::BadOptions,
                ..
            })
        ));
        assert_eq!(with(custom("region", FieldKind::Select, true)), Ok(()));

        let mut crowded = Layout::default_for(LayoutObject::Account);
        for i in 0..MAX_FIELDS {
            crowded
                .fields
                .push(custom(&format!("f{i}"), FieldKind::Text, false));
        }
        assert_eq!(
            crowded.check(),
            Err(LayoutError::new(LayoutProblem::TooManyFields, ""))
        );
    }
}
