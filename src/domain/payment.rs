//! Payment providers and the keys an organization enters for them, checked before they are
//! sealed and stored: a key pasted into the wrong field is refused with a sentence saying so.

use thiserror::Error;

use super::ids::OrgId;

/// Where an organization's gifts are paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// Stripe Checkout, with the organization's own Stripe account.
    Stripe,
    /// The local test provider: a clearly labelled checkout page that sends the same signed
    /// webhook events, for the demo and for development. No money moves.
    Test,
}

impl Provider {
    pub const ALL: [Provider; 2] = [Provider::Stripe, Provider::Test];

    pub fn parse(input: &str) -> Result<Self, KeyError> {
        match input.trim() {
            "stripe" => Ok(Self::Stripe),
            "test" => Ok(Self::Test),
            other => Err(KeyError::UnknownProvider(other.chars().take(20).collect())),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stripe => "stripe",
            Self::Test => "test",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    #[error("unknown payment provider '{0}'; choose stripe or test")]
    UnknownProvider(String),
    #[error("{field}: a Stripe {what} starts with {prefix}")]
    WrongPrefix {
        field: &'static str,
        what: &'static str,
        prefix: &'static str,
    },
    #[error("{field}: a key has no spaces and is at most 255 characters")]
    Malformed { field: &'static str },
    #[error("{field}: required for Stripe")]
    Missing { field: &'static str },
    #[error("{field}: at most {MAX_WEBHOOK_SECRETS} signing secrets (the current one and the one being rolled)")]
    TooMany { field: &'static str },
}

/// What each sealed field is bound to, so a value moved to another organization or field does
/// not open.
pub fn secret_key_context(org: OrgId) -> String {
    format!("org {} payment secret key", org.0)
}

pub fn webhook_secrets_context(org: OrgId) -> String {
    format!("org {} webhook signing secrets", org.0)
}

/// Signing secrets an endpoint accepts at once: the current one, and the next while rolling.
pub const MAX_WEBHOOK_SECRETS: usize = 2;

fn shaped(field: &'static str, key: &str) -> Result<(), KeyError> {
    if key.len() > 255 || key.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(KeyError::Malformed { field });
    }
    Ok(())
}

/// A publishable key (`pk_test_…`, `pk_live_…`).
pub fn check_publishable_key(key: &str) -> Result<String, KeyError> {
    let key = key.trim();
    shaped("Publishable key", key)?;
    if !key.starts_with("pk_") {
        return Err(KeyError::WrongPrefix {
            field: "Publishable key",
            what: "publishable key",
            prefix: "pk_",
        });
    }
    Ok(key.to_owned())
}

/// A secret or restricted API key (`sk_…`, `rk_…`).
pub fn check_secret_key(key: &str) -> Result<String, KeyError> {
    let key = key.trim();
    shaped("Secret key", key)?;
    if !(key.starts_with("sk_") || key.starts_with("rk_")) {
        return Err(KeyError::WrongPrefix {
            field: "Secret key",
            what: "secret key",
            prefix: "sk_ (or rk_ for a restricted key)",
        });
    }
    Ok(key.to_owned())
}

/// Webhook signing secrets (`whsec_…`), one per line.
pub fn check_webhook_secrets(text: &str) -> Result<Vec<String>, KeyError> {
    let field = "Webhook signing secrets";
    let secrets: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if secrets.len() > MAX_WEBHOOK_SECRETS {
        return Err(KeyError::TooMany { field });
    }
    for secret in &secrets {
        shaped(field, secret)?;
        if !secret.starts_with("whsec_") {
            return Err(KeyError::WrongPrefix {
                field,
                what: "webhook signing secret",
                prefix: "whsec_",
            });
        }
    }
    Ok(secrets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_the_wrong_field_are_refused() {
        assert_eq!(
            check_publishable_key(" pk_test_abc ").as_deref(),
            Ok("pk_test_abc")
        );
        assert!(matches!(
            check_publishable_key("sk_test_abc"),
            Err(KeyError::WrongPrefix { prefix: "pk_", .. })
        ));
        assert!(check_secret_key("sk_live_abc").is_ok());
        assert!(check_secret_key("rk_live_abc").is_ok());
        assert!(check_secret_key("pk_live_abc").is_err());
        assert_eq!(
            check_secret_key("sk_test_a b"),
            Err(KeyError::Malformed {
                field: "Secret key"
            })
        );
        assert_eq!(
            check_webhook_secrets("whsec_new\n\n whsec_old \n"),
            Ok(vec!["whsec_new".to_owned(), "whsec_old".to_owned()])
        );
        assert!(check_webhook_secrets("whsec_a\nwhsec_b\nwhsec_c").is_err());
        assert!(check_webhook_secrets("sk_test_abc").is_err());
        assert_eq!(Provider::parse("stripe"), Ok(Provider::Stripe));
        assert!(Provider::parse("paypal").is_err());
    }
}
