//! Supporters and their actions (pledges, subscriptions): what a person may send, how one
//! person is recognized across submissions, and the signed tokens that protect the forms.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use super::email::Email;
use super::text;
use super::time::Timestamp;

/// What a supporter does on a campaign page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionKind {
    Pledge,
    Subscription,
}

impl ActionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Pledge => "pledge",
            ActionKind::Subscription => "subscription",
        }
    }

    pub fn parse(stored: &str) -> Option<Self> {
        [ActionKind::Pledge, ActionKind::Subscription]
            .into_iter()
            .find(|k| k.as_str() == stored)
    }
}

/// Where an action stands. Only confirmed actions reach the public counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionStatus {
    /// Waiting for the supporter to follow the emailed link.
    Pending,
    Confirmed,
    /// Marked by staff; kept for the record, never counted.
    Spam,
    /// Never confirmed in time.
    Expired,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Pending,
        ActionStatus::Confirmed,
        ActionStatus::Spam,
        ActionStatus::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Pending => "pending",
            ActionStatus::Confirmed => "confirmed",
            ActionStatus::Spam => "spam",
            ActionStatus::Expired => "expired",
        }
    }

    pub fn parse(stored: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == stored)
    }
}

/// How long an unconfirmed action waits for its confirmation before it expires.
pub const CONFIRMATION_WINDOW_MICROS: i64 = 7 * 24 * 3_600_000_000;

/// Mail providers known to deliver `name+anything@` to `name@` (and Gmail ignores dots).
const PLUS_TAG_PROVIDERS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "icloud.com",
    "me.com",
    "fastmail.com",
    "proton.me",
    "protonmail.com",
];

/// The key that recognizes one person's address however it is typed: Unicode NFKC, lower case,
/// and for providers that ignore them, without `+tags` (and Gmail's dots).
pub fn email_key(email: &Email) -> String {
    let normalized: String = email.as_str().nfkc().collect::<String>().to_lowercase();
    let Some((local, domain)) = normalized.rsplit_once('@') else {
        return normalized;
    };
    let domain = if domain == "googlemail.com" {
        "gmail.com"
    } else {
        domain
    };
    if !PLUS_TAG_PROVIDERS.contains(&domain) {
        return format!("{local}@{domain}");
    }
    let local = local.split('+').next().unwrap_or(local);
    let local = if domain == "gmail.com" {
        local.replace('.', "")
    } else {
        local.to_owned()
    };
    format!("{local}@{domain}")
}

/// The domain part of an address, for invalidating a batch by domain.
pub fn email_domain(email: &Email) -> String {
    email
        .as_str()
        .rsplit_once('@')
        .map(|(_, d)| d.to_owned())
        .unwrap_or_default()
}

/// Which field of a supporter's form is wrong; each has a message in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Email,
    Country,
    Message,
    Consent,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Country => "country",
            Field::Message => "message",
            Field::Consent => "consent",
        }
    }
}

/// One problem of a submission: the field, and what is wrong in English (the API's words; the
/// public form shows the field's message in the visitor's language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: Field,
    pub message: String,
}

pub const NAME_MAX: usize = 100;
pub const COUNTRY_MAX: usize = 60;
pub const MESSAGE_MAX: usize = 280;

/// A pledge or subscription as typed, before checking.
#[derive(Debug, Clone, Default)]
pub struct ActionForm<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub country: &'a str,
    pub message: &'a str,
    pub show_name: bool,
    pub consent: bool,
}

/// A checked submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionInput {
    pub name: String,
    pub email: Email,
    pub country: String,
    pub message: String,
    pub show_name: bool,
}

impl ActionForm<'_> {
    /// Checks every field; all problems at once. A subscription needs only the email (and
    /// consent); a pledge also a name and a country.
    pub fn check(&self, kind: ActionKind) -> Result<ActionInput, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut note = |field, message: String| problems.push(Problem { field, message });
        let pledge = kind == ActionKind::Pledge;
        let name = match text::optional("Name", self.name, NAME_MAX, false) {
            Ok(Some(name)) => name,
            Ok(None) if !pledge => String::new(),
            Ok(None) => {
                note(Field::Name, "Name is required".into());
                String::new()
            }
            Err(e) => {
                note(Field::Name, e.to_string());
                String::new()
            }
        };
        let email = match Email::parse(self.email) {
            Ok(email) => Some(email),
            Err(e) => {
                note(Field::Email, e.to_string());
                None
            }
        };
        let country = match text::optional("Country", self.country, COUNTRY_MAX, false) {
            Ok(Some(country)) => country,
            Ok(None) if !pledge => String::new(),
            Ok(None) => {
                note(Field::Country, "Country is required".into());
                String::new()
            }
            Err(e) => {
                note(Field::Country, e.to_string());
                String::new()
            }
        };
        let message = match text::optional("Message", self.message, MESSAGE_MAX, true) {
            Ok(message) => message.unwrap_or_default(),
            Err(e) => {
                note(Field::Message, e.to_string());
                String::new()
            }
        };
        if !self.consent {
            note(
                Field::Consent,
                "Consent is required: tick the box to agree".into(),
            );
        }
        match (problems.is_empty(), email) {
            (true, Some(email)) => Ok(ActionInput {
                name,
                email,
                country,
                message,
                show_name: self.show_name && pledge,
            }),
            _ => Err(problems),
        }
    }
}

/// The version of a consent wording: the first 12 hex digits of its SHA-256, so any change of
/// the text is a new version without anyone having to remember to number it.
pub fn consent_version(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    hex::encode(&digest[..6])
}

/// A form sent sooner than this after it was issued is held for staff unless it carries its proof
/// of work: a person reads first, but a phone's autofill can be quicker, so it is never refused.
pub const MIN_FILL_MICROS: i64 = 2_000_000;
/// …or later than this (a stale page; reloading gives a fresh form).
pub const MAX_FORM_AGE_MICROS: i64 = 24 * 3_600_000_000;

/// What a signed form token vouches for: the campaign it was issued for, when, and the
/// idempotency key that makes every resubmission of this form the same action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormToken {
    pub campaign_id: i64,
    pub issued_at: Timestamp,
    pub idempotency_key: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the form is damaged or was not issued by this site")]
    Forged,
    #[error("the form is too old; reload the page to get a fresh one")]
    TooOld,
}

fn tag(secret: &[u8], payload: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(payload.as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

fn tags_equal(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

impl FormToken {
    /// `v1.{campaign}.{issued µs}.{key}.{tag}`: readable, and only this server can make one.
    pub fn sign(&self, secret: &[u8]) -> String {
        let payload = format!(
            "v1.{}.{}.{}",
            self.campaign_id,
            self.issued_at.unix_micros(),
            self.idempotency_key
        );
        let tag = tag(secret, &payload);
        format!("{payload}.{tag}")
    }

    /// Checks the signature, then the form's age at `now`.
    pub fn verify(secret: &[u8], signed: &str, now: Timestamp) -> Result<Self, TokenError> {
        let (payload, given) = signed.rsplit_once('.').ok_or(TokenError::Forged)?;
        if !tags_equal(&tag(secret, payload), given) {
            return Err(TokenError::Forged);
        }
        let mut parts = payload.split('.');
        let (Some("v1"), Some(campaign), Some(issued), Some(key), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(TokenError::Forged);
        };
        let token = FormToken {
            campaign_id: campaign.parse().map_err(|_| TokenError::Forged)?,
            issued_at: Timestamp::from_unix_micros(issued.parse().map_err(|_| TokenError::Forged)?),
            idempotency_key: key.to_owned(),
        };
        if now.unix_micros() - token.issued_at.unix_micros() > MAX_FORM_AGE_MICROS {
            return Err(TokenError::TooOld);
        }
        Ok(token)
    }

    /// Whether the form came back sooner after it was issued than a person reading it would.
    pub fn sent_quickly(&self, now: Timestamp) -> bool {
        now.unix_micros() - self.issued_at.unix_micros() < MIN_FILL_MICROS
    }
}

/// Leading zero bits the proof of work asks for: about 65,000 SHA-256 hashes on average, a
/// fraction of a second for a phone's browser, a real cost for a bot sending thousands.
pub const PROOF_OF_WORK_BITS: u32 = 16;
/// The most bits an address is ever asked for: 256 times the base work (a minute or more on
/// a phone), reached only by an address sending hundreds of times its free share.
pub const MAX_PROOF_OF_WORK_BITS: u32 = PROOF_OF_WORK_BITS + 8;

/// The bits one address's next form must carry after `recent` submissions of which `free` ask
/// for no more than the base: one more bit (twice the work) each time its excess doubles, so a
/// client sending a thousand forms pays for them itself while a person pays nothing extra.
pub fn proof_of_work_bits(recent: usize, free: usize) -> u32 {
    let free = free.max(1);
    let Some(excess) = recent.checked_sub(free) else {
        return PROOF_OF_WORK_BITS;
    };
    let blocks = excess / free + 1;
    (PROOF_OF_WORK_BITS + blocks.ilog2()).min(MAX_PROOF_OF_WORK_BITS)
}

/// Whether `nonce` solves the proof of work of the form `token` at `bits`: SHA-256 of
/// `{token}:{nonce}` starts with `bits` zero bits. Checking costs one hash.
pub fn proof_of_work_solved(token: &str, nonce: &str, bits: u32) -> bool {
    if nonce.is_empty() || nonce.len() > 20 || !nonce.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let digest = Sha256::digest(format!("{token}:{nonce}").as_bytes());
    let leading = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]).leading_zeros();
    leading >= bits
}

/// A keyed hash of a sender's address under the day's visitor-id secret: lets staff invalidate a
/// flood from an address they name while the secret is kept (48 hours), and never reveals it.
pub fn address_tag(day_secret: &[u8], org_id: i64, ip: std::net::IpAddr) -> String {
    let address = match ip {
        std::net::IpAddr::V4(v4) => v4.to_ipv6_mapped().octets(),
        std::net::IpAddr::V6(v6) => v6.octets(),
    };
    let address = hex::encode(address);
    tag(day_secret, &format!("address.{org_id}.{address}"))
}

/// The signature of a confirmation link for `action_id`, valid until `expires_at`.
pub fn confirmation_signature(secret: &[u8], action_id: i64, expires_at: Timestamp) -> String {
    tag(
        secret,
        &format!("confirm.{action_id}.{}", expires_at.unix_micros()),
    )
}

/// Whether a confirmation link's signature is right and it has not expired at `now`.
pub fn confirmation_valid(
    secret: &[u8],
    action_id: i64,
    expires_at: Timestamp,
    signature: &str,
    now: Timestamp,
) -> bool {
    now < expires_at
        && tags_equal(
            &confirmation_signature(secret, action_id, expires_at),
            signature,
        )
}

/// The signature that lets a thank-you page say "you are supporter no. `number`" of
/// `campaign`: only the confirmation that counted it makes one, so a link cannot claim a number.
pub fn supporter_number_signature(secret: &[u8], campaign: i64, number: i64) -> String {
    tag(secret, &format!("supporter-number.{campaign}.{number}"))
}

/// Whether `signature` is the one [`supporter_number_signature`] made.
pub fn supporter_number_valid(secret: &[u8], campaign: i64, number: i64, signature: &str) -> bool {
    tags_equal(
        &supporter_number_signature(secret, campaign, number),
        signature,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_supporter_number_is_only_what_a_confirmation_signed() {
        let secret = b"form secret";
        let signed = supporter_number_signature(secret, 7, 289);
        assert!(supporter_number_valid(secret, 7, 289, &signed));
        assert!(
            !supporter_number_valid(secret, 7, 1, &signed),
            "another number"
        );
        assert!(
            !supporter_number_valid(secret, 8, 289, &signed),
            "another campaign"
        );
        assert!(!supporter_number_valid(b"other", 7, 289, &signed));
    }

    #[test]
    fn busier_addresses_owe_more_work() {
        assert_eq!(proof_of_work_bits(0, 5), PROOF_OF_WORK_BITS);
        assert_eq!(proof_of_work_bits(9, 5), PROOF_OF_WORK_BITS);
        assert_eq!(proof_of_work_bits(10, 5), PROOF_OF_WORK_BITS + 1);
        assert_eq!(proof_of_work_bits(25, 5), PROOF_OF_WORK_BITS + 2);
        assert_eq!(proof_of_work_bits(1_000, 5), PROOF_OF_WORK_BITS + 7);
        assert_eq!(proof_of_work_bits(usize::MAX, 5), MAX_PROOF_OF_WORK_BITS);
        // A nonce that solves 8 bits but not 20 (found in a few hundred tries).
        let partial = (0u64..)
            .map(|n| n.to_string())
            .find(|n| proof_of_work_solved("t", n, 8) && !proof_of_work_solved("t", n, 20))
            .expect("a nonce");
        assert!(
            !proof_of_work_solved("t", &partial, 20),
            "more bits are more work"
        );
    }

    fn key(input: &str) -> String {
        email_key(&Email::parse(input).expect("valid"))
    }

    #[test]
    fn one_person_however_typed() {
        assert_eq!(key("Ana.Lima+tour@GMail.com"), "analima@gmail.com");
        assert_eq!(key("ana.lima@googlemail.com"), "analima@gmail.com");
        assert_eq!(key("ana+news@outlook.com"), "ana@outlook.com");
        // Other providers may route plus-tags and dots to different people: kept.
        assert_eq!(key("ana+x@example.org"), "ana+x@example.org");
        assert_eq!(key("a.na@example.org"), "a.na@example.org");
        // Full-width letters are the same address once NFKC-normalized.
        assert_eq!(key("ａｎａ@example.org"), "ana@example.org");
        assert_eq!(
            email_domain(&Email::parse("x@Mail.Example.org").expect("valid")),
            "mail.example.org"
        );
    }

    #[test]
    fn checks_every_field() {
        let good = ActionForm {
            name: " Ana ",
            email: "ana@example.org",
            country: "Brasil",
            message: "Força!\nObrigada",
            show_name: true,
            consent: true,
        };
        let input = good.check(ActionKind::Pledge).expect("valid");
        assert_eq!(input.name, "Ana");
        assert!(input.show_name);
        let bad = ActionForm {
            name: "",
            email: "not-an-email",
            country: &"x".repeat(61),
            message: "bell\u{7}",
            show_name: false,
            consent: false,
        };
        let problems = bad.check(ActionKind::Pledge).expect_err("invalid");
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                Field::Name,
                Field::Email,
                Field::Country,
                Field::Message,
                Field::Consent
            ]
        );
        // A subscription needs only an email and consent.
        let subscribe = ActionForm {
            email: "ana@example.org",
            consent: true,
            show_name: true,
            ..Default::default()
        };
        let input = subscribe.check(ActionKind::Subscription).expect("valid");
        assert!(!input.show_name);
    }

    #[test]
    fn form_tokens() {
        let secret = b"server secret";
        let t0 = Timestamp::from_unix_micros(1_800_000_000_000_000);
        let token = FormToken {
            campaign_id: 7,
            issued_at: t0,
            idempotency_key: "k3y".into(),
        };
        let signed = token.sign(secret);
        let later = |s: i64| Timestamp::from_unix_micros(t0.unix_micros() + s * 1_000_000);
        assert_eq!(
            FormToken::verify(secret, &signed, later(5)),
            Ok(token.clone())
        );
        assert!(!token.sent_quickly(later(5)));
        let quick = FormToken::verify(secret, &signed, later(1)).expect("accepted");
        assert!(quick.sent_quickly(later(1)));
        assert_eq!(
            FormToken::verify(secret, &signed, later(25 * 3600)),
            Err(TokenError::TooOld)
        );
        assert_eq!(
            FormToken::verify(b"other", &signed, later(5)),
            Err(TokenError::Forged)
        );
        let tampered = signed.replacen("v1.7.", "v1.8.", 1);
        assert_eq!(
            FormToken::verify(secret, &tampered, later(5)),
            Err(TokenError::Forged)
        );
        assert_eq!(
            FormToken::verify(secret, "garbage", later(5)),
            Err(TokenError::Forged)
        );
    }

    #[test]
    fn proof_of_work() {
        let token = "v1.7.1800000000000000.k3y.tag";
        let nonce = (0u64..)
            .map(|n| n.to_string())
            .find(|n| proof_of_work_solved(token, n, PROOF_OF_WORK_BITS))
            .expect("a solution exists");
        assert!(proof_of_work_solved(token, &nonce, PROOF_OF_WORK_BITS));
        assert!(!proof_of_work_solved(
            "another token",
            &nonce,
            PROOF_OF_WORK_BITS
        ));
        assert!(!proof_of_work_solved(token, "", PROOF_OF_WORK_BITS));
        assert!(!proof_of_work_solved(token, "12a", PROOF_OF_WORK_BITS));
    }

    #[test]
    fn confirmation_links() {
        let secret = b"s";
        let expires = Timestamp::from_unix_micros(2_000);
        let sig = confirmation_signature(secret, 42, expires);
        let before = Timestamp::from_unix_micros(1_000);
        assert!(confirmation_valid(secret, 42, expires, &sig, before));
        assert!(!confirmation_valid(secret, 43, expires, &sig, before));
        assert!(!confirmation_valid(secret, 42, expires, &sig, expires));
        assert_eq!(consent_version("I agree").len(), 12);
        assert_ne!(consent_version("I agree"), consent_version("I agree."));
    }
}
