//! Throttling sign-in guesses: the guesser is slowed, not the account's owner (OWASP
//! Authentication Cheat Sheet, "account lockout"; ASVS 6.3.1).
//!
//! Failures are counted three ways, each with a few free failures and then a delay that doubles
//! with each further failure, from one second up to fifteen minutes:
//! - per client address, whatever the account (one address spraying many accounts);
//! - per account and address (one address guessing one account);
//! - per account, from clients the account has not signed in on before (many addresses guessing
//!   one account). A client that has signed in before carries a signed device cookie and is not
//!   held back by this one, so an attacker who knows an owner's email cannot keep the owner out.
//!
//! An attempt made while held back is counted as a failure too (a guesser that ignores the
//! delay only lengthens it), and is refused before the password is checked. The counts are kept
//! in the database (`app/sign_in.rs`), so they hold for every process of a deployment and
//! survive a restart; they are keyed by an HMAC of the address and the email under a secret of
//! the installation, so no address or email is stored, and forgotten an hour after the last
//! failure. This module is the policy: which counters, how many free failures, what delay.

use std::time::Duration;

use super::rate_limit::RetryAfter;
use super::token::keyed_digest;
use crate::domain::time::Timestamp;

const FIRST_DELAY: Duration = Duration::from_secs(1);
const LONGEST_DELAY: Duration = Duration::from_secs(15 * 60);
/// A key's failures are forgotten this long after its last one.
pub const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);

/// Free failures per client address (staff behind one office address share it).
const FREE_PER_ADDRESS: u32 = 20;
/// Free failures per account from one address (typos, a forgotten password).
const FREE_PER_ACCOUNT_AND_ADDRESS: u32 = 5;
/// Free failures per account from clients it has not signed in on.
const FREE_PER_ACCOUNT: u32 = 10;

/// The delay after `failures` failures with `free` of them free.
fn delay(failures: u32, free: u32) -> Duration {
    match failures.checked_sub(free) {
        None => Duration::ZERO,
        Some(extra) => FIRST_DELAY
            .checked_mul(1u32.checked_shl(extra).unwrap_or(u32::MAX))
            .unwrap_or(LONGEST_DELAY)
            .min(LONGEST_DELAY),
    }
}

/// A counter's failures and when the last one was, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    pub last: Timestamp,
}

/// One counter an attempt is judged by: its stored key and its free failures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counter {
    pub key: Vec<u8>,
    free: u32,
}

impl Counter {
    /// Whether an attempt may go ahead at `now` given the counter's `failures`.
    pub fn admits(&self, failures: Option<Failures>, now: Timestamp) -> Result<(), RetryAfter> {
        let Some(failures) = failures.filter(|f| f.last.plus(FORGET_AFTER) > now) else {
            return Ok(());
        };
        let free_at = failures
            .last
            .plus(delay(failures.count, self.free))
            .unix_micros();
        match u64::try_from(free_at - now.unix_micros()) {
            // Whole seconds, rounded up: what a Retry-After header can say.
            Ok(wait) if wait > 0 => Err(RetryAfter(Duration::from_secs(wait.div_ceil(1_000_000)))),
            _ => Ok(()),
        }
    }
}

/// Who is trying to sign in.
pub struct Attempt<'a> {
    /// The account's email, lower case (whether or not the account exists).
    pub account: &'a str,
    /// The client's address, as text; only its keyed digest is stored.
    pub address: &'a str,
    /// Whether the client carries a valid device cookie of this account.
    pub known_device: bool,
}

impl Attempt<'_> {
    /// The counters this attempt is judged by and, when it fails, counted on.
    pub fn counters(&self, secret: &[u8]) -> Vec<Counter> {
        let mut counters = vec![
            Counter {
                key: keyed_digest(secret, &[b"address", self.address.as_bytes()]),
                free: FREE_PER_ADDRESS,
            },
            self.pair(secret),
        ];
        if !self.known_device {
            counters.push(Counter {
                key: keyed_digest(secret, &[b"account", self.account.as_bytes()]),
                free: FREE_PER_ACCOUNT,
            });
        }
        counters
    }

    /// The counter a successful sign-in clears: this client's failures on this account.
    pub fn pair(&self, secret: &[u8]) -> Counter {
        Counter {
            key: keyed_digest(
                secret,
                &[b"pair", self.account.as_bytes(), self.address.as_bytes()],
            ),
            free: FREE_PER_ACCOUNT_AND_ADDRESS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_unix_micros(secs * 1_000_000)
    }

    fn attempt<'a>(account: &'a str, address: &'a str, known_device: bool) -> Attempt<'a> {
        Attempt {
            account,
            address,
            known_device,
        }
    }

    #[test]
    fn delays_double_up_to_fifteen_minutes() {
        assert_eq!(delay(4, 5), Duration::ZERO);
        assert_eq!(delay(5, 5), Duration::from_secs(1));
        assert_eq!(delay(6, 5), Duration::from_secs(2));
        assert_eq!(delay(10, 5), Duration::from_secs(32));
        assert_eq!(delay(15, 5), LONGEST_DELAY);
        assert_eq!(delay(u32::MAX, 0), LONGEST_DELAY);
    }

    #[test]
    fn a_known_device_is_not_judged_by_the_account_wide_counter() {
        let stranger = attempt("owner@acme.example", "203.0.113.9", false).counters(b"k");
        let owner = attempt("owner@acme.example", "203.0.113.9", true).counters(b"k");
        assert_eq!(stranger.len(), 3);
        assert_eq!(owner, stranger[..2]);
        let frees: Vec<u32> = stranger.iter().map(|c| c.free).collect();
        assert_eq!(
            frees,
            [
                FREE_PER_ADDRESS,
                FREE_PER_ACCOUNT_AND_ADDRESS,
                FREE_PER_ACCOUNT
            ]
        );
    }

    #[test]
    fn keys_are_digests_apart_per_kind_and_secret() {
        let guess = attempt("owner@acme.example", "203.0.113.9", false);
        let keys: Vec<Vec<u8>> = guess.counters(b"k").into_iter().map(|c| c.key).collect();
        assert!(keys.iter().all(|k| k.len() == 32));
        assert!(keys[0] != keys[1] && keys[1] != keys[2] && keys[0] != keys[2]);
        let text = String::from_utf8_lossy(&keys.concat()).to_string();
        assert!(!text.contains("203.0.113.9") && !text.contains("owner@"));
        let other_secret = guess.counters(b"other");
        assert!(other_secret.iter().zip(&keys).all(|(c, k)| &c.key != k));
        assert_eq!(
            guess.pair(b"k").key,
            keys[1],
            "success clears the pair's counter"
        );
    }

    #[test]
    fn a_counter_holds_after_its_free_failures_and_forgets_after_an_hour() {
        let pair = attempt("owner@acme.example", "203.0.113.9", false).pair(b"k");
        let failures = |count| Some(Failures { count, last: at(0) });
        assert_eq!(pair.admits(None, at(0)), Ok(()));
        assert_eq!(pair.admits(failures(4), at(0)), Ok(()));
        assert_eq!(
            pair.admits(failures(5), at(0)),
            Err(RetryAfter(Duration::from_secs(1)))
        );
        assert_eq!(
            pair.admits(failures(7), at(1)),
            Err(RetryAfter(Duration::from_secs(3))),
            "four seconds from the last failure, one gone"
        );
        assert_eq!(pair.admits(failures(7), at(4)), Ok(()));
        assert_eq!(pair.admits(failures(40), at(3_600)), Ok(()), "forgotten");
    }
}
