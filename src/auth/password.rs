//! argon2id password hashes (OWASP ASVS 11.4.2).
//!
//! Parameters are the `argon2` crate's defaults, which follow RFC 9106's second
//! recommendation: m = 19 MiB, t = 2, p = 1. The PHC string stores them, so they can be
//! raised later without invalidating existing hashes.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};

use crate::domain::password::NewPassword;

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes a password that already passed the policy. Slow by design: call it off the async runtime.
pub fn hash(password: &NewPassword) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// [`hash`] on a blocking thread, so the async runtime keeps serving other requests.
pub async fn hash_off_runtime(password: NewPassword) -> Result<String, HashError> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| HashError(e.to_string()))?
}

/// [`verify`] on a blocking thread.
pub async fn verify_off_runtime(candidate: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || verify(&candidate, &stored))
        .await
        .unwrap_or(false)
}

/// Checks a candidate against a stored PHC string; a malformed stored hash never matches.
pub fn verify(candidate: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(candidate.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A valid hash of a random password, checked when the account does not exist so that
/// a login for an unknown email takes as long as one for a known email.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        let random = crate::auth::token::random_token();
        NewPassword::parse(&random)
            .ok()
            .and_then(|p| hash(&p).ok())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let pw = NewPassword::parse("a very long passphrase").expect("valid");
        let stored = hash(&pw).expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("a very long passphrase", &stored));
        assert!(!verify("a very long passphrasE", &stored));
        assert!(!verify("a very long passphrase", "not a hash"));
        assert!(!verify("anything", decoy_hash()));
    }
}
