//! Random secrets (sessions, CSRF, one-time links) and the digests stored in their place.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::domain::time::Timestamp;

/// 256 bits from the operating system's CSPRNG, URL-safe (OWASP ASVS 7.2.3, 11.5.1).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Fills `bytes` from the operating system's CSPRNG.
pub fn fill_random(bytes: &mut [u8]) {
    OsRng.fill_bytes(bytes);
}

/// A unique key that sorts by when it was made: `at` in Unix milliseconds as 12 hex digits, then
/// 192 random bits (base64url). Idempotency keys are indexed: random keys put each new action on
/// a random page of that index, so every batch rewrote about one page per action and the pledge
/// benchmark fell from 40,000–44,000 to 17,000–25,000 a second on SQLite; keys made in time order land
/// together at the index's end.
pub fn time_ordered_token(at: Timestamp) -> String {
    let mut bytes = [0u8; 24];
    OsRng.fill_bytes(&mut bytes);
    let millis = at
        .unix_micros()
        .div_euclid(1_000)
        .clamp(0, 0xffff_ffff_ffff);
    format!("{millis:012x}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// What the database keeps instead of an address or an email it counts by (rate limits):
/// HMAC-SHA256 under `secret` over length-prefixed parts, so no two lists of parts collide and
/// nobody without the secret can test a guess.
pub fn keyed_digest(secret: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    for part in parts {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}

/// What the database keeps instead of a token, so a copy of the database
/// cannot be used to sign in or to follow a one-time link.
pub fn digest(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

/// Compares two secrets without leaking, through timing, how much of them matched.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_distinct() {
        let a = random_token();
        let b = random_token();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert_ne!(digest(&a), a);
        assert_eq!(digest(&a), digest(&a));
        assert!(constant_time_eq(&a, &a.clone()));
        assert!(!constant_time_eq(&a, &b));
        assert!(!constant_time_eq(&a, &a[..42]));
    }

    #[test]
    fn time_ordered_tokens_sort_by_time_and_stay_distinct() {
        let at = |micros| Timestamp::from_unix_micros(micros);
        let first = time_ordered_token(at(1_764_000_000_000_000));
        let same_millisecond = time_ordered_token(at(1_764_000_000_000_999));
        let later = time_ordered_token(at(1_764_000_000_001_000));
        let much_later = time_ordered_token(at(4_102_444_800_000_000)); // 2100
        assert_eq!(first.len(), 44);
        assert_eq!(&first[..12], "019ab697e800", "1,764,000,000,000 ms");
        assert_ne!(first, same_millisecond);
        assert_eq!(first[..12], same_millisecond[..12]);
        assert!(
            first < later && later < much_later,
            "{first} {later} {much_later}"
        );
        assert!(first
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }
}
