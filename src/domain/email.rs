//! Email addresses of staff accounts.

use thiserror::Error;

/// A syntactically plausible email address, trimmed and lower-cased so that one person
/// cannot hold two accounts that differ only in letter case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

#[derive(Debug, Error, PartialEq, Eq)]
pub enum EmailError {
    #[error("an email address is required")]
    Empty,
    #[error("an email address is at most 254 characters")]
    TooLong,
    #[error("'{0}' is not an email address (expected name@example.org)")]
    Invalid(String),
}

impl Email {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed.chars().count() > 254 {
            return Err(EmailError::TooLong);
        }
        let invalid = || EmailError::Invalid(trimmed.chars().take(80).collect());
        let (local, domain) = trimmed.split_once('@').ok_or_else(invalid)?;
        let forbidden =
            |c: char| c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"@".contains(c);
        if local.is_empty() || local.len() > 64 || local.chars().any(forbidden) {
            return Err(invalid());
        }
        let labels_ok = domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
        if !domain.contains('.') || !labels_ok {
            return Err(invalid());
        }
        Ok(Self(trimmed.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalizes() {
        let email = Email::parse("  Ana.Lima+tour@Example.ORG ").expect("valid");
        assert_eq!(email.as_str(), "ana.lima+tour@example.org");
        assert!(Email::parse("ops@sub.example-agency.org").is_ok());
        assert!(Email::parse("ليلى@مثال.شبكة").is_ok());
    }

    #[test]
    fn refuses_malformed() {
        for bad in [
            "",
            "   ",
            "plain",
            "@example.org",
            "ana@",
            "ana@example",
            "ana@@example.org",
            "ana lima@example.org",
            "ana@exa mple.org",
            "ana@-example.org",
            "ana@example..org",
            "<script>@example.org",
        ] {
            assert!(Email::parse(bad).is_err(), "accepted {bad:?}");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
    }
}
