//! Shape checks for what a person types to log in, shared by the form (as they
//! type) and the server (which never trusts the form).

use crate::error::AppError;
use crate::error::LoginError;

/// Mainland China mobile number: 11 digits starting with 1[3-9]. Spaces and
/// dashes people type are ignored; a leading +86 / 86 is accepted.
pub fn normalize_phone(input: &str) -> Result<String, AppError> {
    let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let digits = digits
        .strip_prefix("+86")
        .or_else(|| {
            if digits.len() == 13 {
                digits.strip_prefix("86")
            } else {
                None
            }
        })
        .unwrap_or(&digits);
    let bytes = digits.as_bytes();
    let valid = bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1]);
    if valid {
        Ok(digits.to_string())
    } else {
        Err(LoginError::InvalidPhone.into())
    }
}

pub const CODE_LEN: usize = 6;

pub fn check_code_format(code: &str) -> Result<&str, AppError> {
    let code = code.trim();
    if code.len() == CODE_LEN && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(LoginError::MalformedCode.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert_eq!(normalize_phone("13800000001").unwrap(), "13800000001");
        assert_eq!(normalize_phone("138 0000 0001").unwrap(), "13800000001");
        assert_eq!(normalize_phone("+86 138-0000-0001").unwrap(), "13800000001");
        assert_eq!(normalize_phone("8613800000001").unwrap(), "13800000001");
        for bad in [
            "",
            "1380000000",
            "138000000012",
            "12800000001",
            "23800000001",
            "1380000000a",
        ] {
            assert_eq!(
                normalize_phone(bad),
                Err(LoginError::InvalidPhone.into()),
                "{bad}"
            );
        }
    }

    #[test]
    fn codes() {
        assert_eq!(check_code_format(" 123456 ").unwrap(), "123456");
        for bad in ["", "12345", "1234567", "12345a"] {
            assert_eq!(
                check_code_format(bad),
                Err(LoginError::MalformedCode.into()),
                "{bad}"
            );
        }
    }
}
