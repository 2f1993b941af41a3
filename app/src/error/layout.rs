//! Refusals of layout-driven forms and of layout definitions.

use super::Invalid;
use crate::i18n::{fill, ErrMsg, Lang};
use serde::{Deserialize, Serialize};

/// The most fields a layout may have.
pub const MAX_FIELDS: usize = 30;

/// One refused value, with the field's labels so the message reads naturally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub label_zh: String,
    pub label_en: String,
    pub reason: Invalid,
}

impl FieldError {
    pub fn message(&self, lang: Lang) -> String {
        let label = match lang {
            Lang::Zh => &self.label_zh,
            Lang::En => &self.label_en,
        };
        self.reason.message(label, lang)
    }
}

/// Why a layout definition was refused (a plain tag, cheap on the wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayoutProblem {
    BadKey,
    DuplicateKey,
    MissingLabel,
    SystemFieldChanged,
    BadOptions,
    TooManyFields,
}

impl LayoutProblem {
    pub fn message(self, key: &str, lang: Lang) -> String {
        let text = match self {
            LayoutProblem::BadKey => ErrMsg::LayoutBadKey,
            LayoutProblem::DuplicateKey => ErrMsg::LayoutDuplicateKey,
            LayoutProblem::MissingLabel => ErrMsg::LayoutMissingLabel,
            LayoutProblem::SystemFieldChanged => ErrMsg::LayoutSystemFieldChanged,
            LayoutProblem::BadOptions => ErrMsg::LayoutBadOptions,
            LayoutProblem::TooManyFields => ErrMsg::LayoutTooManyFields,
        };
        fill(
            text.text(lang),
            &[("key", key), ("max", &MAX_FIELDS.to_string())],
        )
    }
}
