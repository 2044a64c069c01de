//! Time-based one-time passwords for staff sign-in (RFC 6238 over RFC 4226's HOTP: HMAC-SHA-1,
//! six digits, 30-second steps, as every authenticator app expects), and single-use recovery
//! codes. Pure: the caller gives the time, keeps the secret sealed and remembers the last step
//! used, so that a code is accepted once.

use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::time::Timestamp;

/// Seconds per step.
pub const STEP_SECONDS: i64 = 30;
/// Digits per code.
const DIGITS: u32 = 6;
/// Bytes of a new secret: 160 bits, RFC 4226's recommendation.
pub const SECRET_LEN: usize = 20;
/// Recovery codes given at enrolment (each used once).
pub const RECOVERY_CODES: usize = 10;

/// The step `now` falls in.
pub fn step_at(now: Timestamp) -> i64 {
    now.unix_seconds().div_euclid(STEP_SECONDS)
}

/// The code of `step` for `secret` (RFC 4226 section 5.3: dynamic truncation).
pub fn code_at(secret: &[u8], step: i64) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!(
        "{:0width$}",
        binary % 10u32.pow(DIGITS),
        width = DIGITS as usize
    )
}

/// The step whose code `typed` is, within one step either side of `now_step` and after
/// `last_used` (a code already used, or an older one, is refused); None when it is not one.
pub fn accepted_step(
    secret: &[u8],
    typed: &str,
    now_step: i64,
    last_used: Option<i64>,
) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != DIGITS as usize || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    (now_step - 1..=now_step + 1)
        .filter(|step| last_used.is_none_or(|used| *step > used))
        .find(|step| constant_time_eq(code_at(secret, *step).as_bytes(), typed.as_bytes()))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// `bytes` in RFC 4648 base32 without padding: how authenticator apps take a secret.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The `otpauth://` link an authenticator app reads from the enrolment QR code.
pub fn enrolment_link(secret: &[u8], issuer: &str, account: &str) -> String {
    let encode =
        |text: &str| -> String { url::form_urlencoded::byte_serialize(text.as_bytes()).collect() };
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        encode(issuer),
        encode(account),
        base32(secret),
        encode(issuer),
    )
}

/// A recovery code as typed: lower case, spaces and dashes ignored.
pub fn normalized_recovery_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B's SHA-1 key and vectors (eight digits there; the last six here).
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    fn at(unix_seconds: i64) -> Timestamp {
        Timestamp::from_unix_micros(unix_seconds * 1_000_000)
    }

    #[test]
    fn rfc_6238_vectors() {
        for (time, eight_digits) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(
                code_at(RFC_SECRET, step_at(at(time))),
                eight_digits[2..],
                "{time}"
            );
        }
    }

    #[test]
    fn one_step_either_side_and_once() {
        let now = step_at(at(1_234_567_890));
        let code = |step| code_at(RFC_SECRET, step);
        assert_eq!(accepted_step(RFC_SECRET, &code(now), now, None), Some(now));
        assert_eq!(
            accepted_step(RFC_SECRET, &code(now - 1), now, None),
            Some(now - 1)
        );
        assert_eq!(
            accepted_step(RFC_SECRET, &code(now + 1), now, None),
            Some(now + 1)
        );
        assert_eq!(accepted_step(RFC_SECRET, &code(now - 2), now, None), None);
        assert_eq!(accepted_step(RFC_SECRET, &code(now + 2), now, None), None);
        assert_eq!(
            accepted_step(RFC_SECRET, &code(now), now, Some(now)),
            None,
            "a code is used once"
        );
        assert_eq!(
            accepted_step(RFC_SECRET, &code(now - 1), now, Some(now)),
            None,
            "nor an older one after it"
        );
        let spaced = format!("{} {}", &code(now)[..3], &code(now)[3..]);
        assert_eq!(accepted_step(RFC_SECRET, &spaced, now, None), Some(now));
        assert_eq!(accepted_step(RFC_SECRET, "12345", now, None), None);
        assert_eq!(accepted_step(RFC_SECRET, "abcdef", now, None), None);
    }

    #[test]
    fn secrets_are_written_for_authenticator_apps() {
        // RFC 4648 section 10.
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32(b"f"), "MY");
        let link = enrolment_link(RFC_SECRET, "Chorus", "ana@acme.example");
        assert!(link.starts_with("otpauth://totp/Chorus:ana%40acme.example?secret=GEZDGNBV"));
        assert!(link.ends_with("&issuer=Chorus&algorithm=SHA1&digits=6&period=30"));
        assert_eq!(normalized_recovery_code(" AB12-cd34 "), "ab12cd34");
    }
}
