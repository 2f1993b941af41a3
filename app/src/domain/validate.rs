//! Field checks shared by console forms (as people type) and the server.
//! The layout-driven form validator builds on these.

use crate::domain::credentials::normalize_phone;
use crate::error::{AppError, Invalid};

fn invalid(field: &str, reason: Invalid) -> AppError {
    AppError::Invalid {
        field: field.to_string(),
        reason,
    }
}

/// Trimmed text that must be present and at most `max` characters.
pub fn required_text(field: &str, value: &str, max: usize) -> Result<String, AppError> {
    let v = value.trim();
    if v.is_empty() {
        Err(invalid(field, Invalid::Required))
    } else if v.chars().count() > max {
        Err(invalid(field, Invalid::TooLong))
    } else {
        Ok(v.to_string())
    }
}

/// Optional text: empty becomes `None`.
pub fn optional_text(field: &str, value: &str, max: usize) -> Result<Option<String>, AppError> {
    let v = value.trim();
    if v.is_empty() {
        Ok(None)
    } else {
        required_text(field, v, max).map(Some)
    }
}

pub fn optional_phone(field: &str, value: &str) -> Result<Option<String>, AppError> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    normalize_phone(value)
        .map(Some)
        .map_err(|_| invalid(field, Invalid::Phone))
}

/// A deliberately plain check: one `@`, something before it, a dot after it.
pub fn optional_email(field: &str, value: &str) -> Result<Option<String>, AppError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let ok = v.len() <= 254
        && !v.contains(char::is_whitespace)
        && matches!(v.split_once('@'), Some((user, domain))
            if !user.is_empty() && !domain.contains('@') && domain.contains('.')
                && !domain.starts_with('.') && !domain.ends_with('.'));
    if ok {
        // ASCII only: lowercasing other scripts is not how mail is matched,
        // and Unicode case tables would cost the store's WASM some 4 KB.
        Ok(Some(v.to_ascii_lowercase()))
    } else {
        Err(invalid(field, Invalid::Email))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_trims_and_limits() {
        assert_eq!(required_text("name", "  华东  ", 10).unwrap(), "华东");
        assert_eq!(
            required_text("name", "   ", 10),
            Err(invalid("name", Invalid::Required))
        );
        assert_eq!(
            required_text("name", "一二三", 2),
            Err(invalid("name", Invalid::TooLong))
        );
    }

    #[test]
    fn optional_fields() {
        assert_eq!(optional_text("t", " ", 5).unwrap(), None);
        assert_eq!(optional_phone("phone", "").unwrap(), None);
        assert_eq!(
            optional_phone("phone", "138 0000 0001").unwrap().as_deref(),
            Some("13800000001")
        );
        assert_eq!(
            optional_phone("phone", "12345"),
            Err(invalid("phone", Invalid::Phone))
        );
        assert_eq!(
            optional_email("email", "A@B.cn").unwrap().as_deref(),
            Some("a@b.cn")
        );
        for bad in ["a", "a@b", "@b.cn", "a@@b.cn", "a b@c.cn", "a@.cn", "a@cn."] {
            assert_eq!(
                optional_email("email", bad),
                Err(invalid("email", Invalid::Email)),
                "{bad}"
            );
        }
    }
}
