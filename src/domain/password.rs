//! Password policy for staff accounts (OWASP ASVS 6.2): length, not composition rules.

use thiserror::Error;

pub const MIN_PASSWORD_CHARS: usize = 8;
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Passwords that attackers try first; refusing them costs users little.
const COMMON_PASSWORDS: &[&str] = &[
    "password",
    "password1",
    "password12",
    "password123",
    "passw0rd",
    "p@ssw0rd",
    "12345678",
    "123456789",
    "1234567890",
    "12345678910",
    "87654321",
    "11111111",
    "00000000",
    "qwertyuiop",
    "qwerty123",
    "qwertyui",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "1qaz2wsx",
    "zaq12wsx",
    "abcd1234",
    "abc12345",
    "iloveyou",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "welcome1",
    "welcome123",
    "letmein1",
    "trustno1",
    "superman",
    "starwars",
    "whatever",
    "dragon123",
    "monkey123",
    "master123",
    "computer",
    "internet",
    "changeme",
    "changeme123",
    "administrator",
    "admin123",
    "admin1234",
    "chorus123",
    "chorusadmin",
    "asdfghjkl",
    "aaaaaaaa",
    "q1w2e3r4",
    "michael1",
    "jennifer",
    "shadow12",
    "charlie1",
    "freedom1",
    "secret123",
    "football1",
];

/// A new password that meets the policy. Never logged, never shown.
pub struct NewPassword(String);

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PasswordError {
    #[error(
        "a password needs at least {MIN_PASSWORD_CHARS} characters (a short sentence works well)"
    )]
    TooShort,
    #[error("a password is at most {MAX_PASSWORD_CHARS} characters")]
    TooLong,
    #[error("this password is among the most commonly used ones; choose another")]
    TooCommon,
}

impl NewPassword {
    pub fn parse(input: &str) -> Result<Self, PasswordError> {
        let chars = input.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(PasswordError::TooShort);
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(PasswordError::TooLong);
        }
        let lowered = input.to_lowercase();
        let one_repeated_char = input.chars().all(|c| input.starts_with(c));
        if one_repeated_char || COMMON_PASSWORDS.contains(&lowered.as_str()) {
            return Err(PasswordError::TooCommon);
        }
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert!(NewPassword::parse("correct horse battery").is_ok());
        assert!(NewPassword::parse("ñandú-ñandú").is_ok());
        assert_eq!(
            NewPassword::parse("short").err(),
            Some(PasswordError::TooShort)
        );
        assert_eq!(
            NewPassword::parse(&"x".repeat(129)).err(),
            Some(PasswordError::TooLong)
        );
        assert_eq!(
            NewPassword::parse("Password123").err(),
            Some(PasswordError::TooCommon)
        );
        assert_eq!(
            NewPassword::parse("zzzzzzzzzz").err(),
            Some(PasswordError::TooCommon)
        );
    }

    #[test]
    fn debug_hides_the_secret() {
        let pw = NewPassword::parse("a long secret phrase").expect("valid");
        assert!(!format!("{pw:?}").contains("secret"));
    }
}
