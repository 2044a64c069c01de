//! Stripe's webhook signature, exactly as Stripe specifies it: the `Stripe-Signature` header is
//! `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`; each `v1` is the HMAC-SHA256, keyed with the whole
//! endpoint secret (`whsec_…` included), of the timestamp, a dot and the raw body bytes as
//! received. A delivery is genuine when any `v1` matches one of the endpoint's secrets (an old
//! and a new one while a secret is rolled) and its timestamp is within five minutes of now,
//! which bounds how long a captured delivery could be replayed. Other schemes (`v0`) are ignored.
//!
//! The same signing serves the local test-payments provider, so its events take the same path.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How far the signed timestamp may be from now, either way (Stripe's libraries use 300 s).
pub const TOLERANCE_SECS: i64 = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the Stripe-Signature header is missing its timestamp (t=…)")]
    NoTimestamp,
    #[error("the Stripe-Signature header has no v1 signature")]
    NoSignature,
    #[error("the signature's timestamp is more than five minutes from now")]
    OutsideTolerance,
    #[error("no v1 signature matches this body and the endpoint's secret")]
    Mismatch,
}

/// Checks a delivery; returns the signed timestamp. `secrets`: the endpoint secrets in force.
pub fn verify(
    header: &str,
    body: &[u8],
    secrets: &[&str],
    now_secs: i64,
) -> Result<i64, SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<i64>().ok(),
            Some(("v1", value)) => signatures.extend(hex::decode(value).ok()),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::NoTimestamp)?;
    if signatures.is_empty() {
        return Err(SignatureError::NoSignature);
    }
    // Checked before the time, so that a stale but genuine delivery is told apart in the logs.
    let genuine = secrets.iter().any(|secret| {
        signatures.iter().any(|signature| {
            // `verify_slice` compares in constant time.
            mac(secret, timestamp, body).verify_slice(signature).is_ok()
        })
    });
    if !genuine {
        return Err(SignatureError::Mismatch);
    }
    if (now_secs - timestamp).abs() > TOLERANCE_SECS {
        return Err(SignatureError::OutsideTolerance);
    }
    Ok(timestamp)
}

/// The `Stripe-Signature` header Stripe would send for `body` at `timestamp`.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let signature = hex::encode(mac(secret, timestamp, body).finalize().into_bytes());
    format!("t={timestamp},v1={signature}")
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stripe's reference vector (`../shared/stripe/vector.txt`), body byte for byte.
    const SECRET: &str = "whsec_chorus_test_secret";
    const TIMESTAMP: i64 = 1_764_000_000;
    const HEADER: &str =
        "t=1764000000,v1=1edce2e167709d744a2468c6ac525fb5a6cf9d2d4d027ef2ad5090ef45bc63de";
    const BODY: &str = r#"{"id":"evt_test_1","object":"event","type":"checkout.session.completed","data":{"object":{"id":"cs_test_1","object":"checkout.session","amount_total":2500,"currency":"eur","payment_status":"paid","metadata":{"campaign":"safe-migration"}}}}"#;

    #[test]
    fn the_reference_vector_is_accepted_and_signed_the_same() {
        assert_eq!(
            verify(HEADER, BODY.as_bytes(), &[SECRET], TIMESTAMP),
            Ok(TIMESTAMP)
        );
        assert_eq!(sign(SECRET, TIMESTAMP, BODY.as_bytes()), HEADER);
    }

    #[test]
    fn any_changed_byte_of_body_timestamp_or_secret_is_refused() {
        for i in 0..BODY.len() {
            let mut body = BODY.as_bytes().to_vec();
            body[i] ^= 0x01;
            assert_eq!(
                verify(HEADER, &body, &[SECRET], TIMESTAMP),
                Err(SignatureError::Mismatch),
                "byte {i}"
            );
        }
        let later = HEADER.replace("t=1764000000", "t=1764000001");
        assert_eq!(
            verify(&later, BODY.as_bytes(), &[SECRET], TIMESTAMP),
            Err(SignatureError::Mismatch)
        );
        for secret in ["whsec_chorus_test_secreT", "chorus_test_secret", ""] {
            assert_eq!(
                verify(HEADER, BODY.as_bytes(), &[secret], TIMESTAMP),
                Err(SignatureError::Mismatch),
                "{secret}"
            );
        }
    }

    #[test]
    fn five_minutes_either_way() {
        let body = BODY.as_bytes();
        for now in [TIMESTAMP - 300, TIMESTAMP + 300] {
            assert!(verify(HEADER, body, &[SECRET], now).is_ok(), "{now}");
        }
        for now in [TIMESTAMP - 301, TIMESTAMP + 301, TIMESTAMP + 86_400] {
            assert_eq!(
                verify(HEADER, body, &[SECRET], now),
                Err(SignatureError::OutsideTolerance),
                "{now}"
            );
        }
    }

    #[test]
    fn rotated_secrets_and_several_signatures() {
        let body = BODY.as_bytes();
        // Stripe signs with the old and the new secret while one is rolled; either matches.
        let old = sign("whsec_old", TIMESTAMP, body);
        let new = sign(SECRET, TIMESTAMP, body);
        let both = format!("{old},{},v0=deadbeef", new.split_once(',').expect("v1").1);
        assert!(verify(&both, body, &[SECRET], TIMESTAMP).is_ok());
        assert!(verify(&both, body, &["whsec_old"], TIMESTAMP).is_ok());
        assert_eq!(
            verify(&both, body, &["whsec_other"], TIMESTAMP),
            Err(SignatureError::Mismatch)
        );
        // The endpoint itself may hold two secrets while it is rolled.
        assert!(verify(HEADER, body, &["whsec_next", SECRET], TIMESTAMP).is_ok());
    }

    #[test]
    fn malformed_headers() {
        let body = BODY.as_bytes();
        let v1 = HEADER.split_once(',').expect("v1").1;
        let cases = [
            ("", SignatureError::NoTimestamp),
            (v1, SignatureError::NoTimestamp),
            ("t=abc,v1=00", SignatureError::NoTimestamp),
            ("t=1764000000", SignatureError::NoSignature),
            ("t=1764000000,v0=1edce2e1", SignatureError::NoSignature),
            ("t=1764000000,v1=not-hex", SignatureError::NoSignature),
            ("t=1764000000,v1=00", SignatureError::Mismatch),
        ];
        for (header, error) in cases {
            assert_eq!(
                verify(header, body, &[SECRET], TIMESTAMP),
                Err(error),
                "{header:?}"
            );
        }
    }
}
