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
//! delay only lengthens it), and is refused before the password is checked. Kept in memory per
//! process, like the other limiters: behind a load balancer each process slows guessers alike.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use super::rate_limit::RetryAfter;
use crate::domain::time::Timestamp;

/// Keys never held at once, so a flood of distinct keys cannot exhaust memory.
const MAX_KEYS: usize = 100_000;
const FIRST_DELAY: Duration = Duration::from_secs(1);
const LONGEST_DELAY: Duration = Duration::from_secs(15 * 60);
/// A key's failures are forgotten this long after its last one.
const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);

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

/// Failures per key and when the last one was.
struct Backoff {
    free: u32,
    failures: Mutex<HashMap<String, (u32, Timestamp)>>,
}

impl Backoff {
    fn new(free: u32) -> Self {
        Self {
            free,
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn check(&self, key: &str, now: Timestamp) -> Result<(), RetryAfter> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let Some(&(count, last)) = failures.get(key) else {
            return Ok(());
        };
        let free_at = last.plus(delay(count, self.free)).unix_micros();
        match u64::try_from(free_at - now.unix_micros()) {
            // Whole seconds, rounded up: what a Retry-After header can say.
            Ok(wait) if wait > 0 => Err(RetryAfter(Duration::from_secs(wait.div_ceil(1_000_000)))),
            _ => Ok(()),
        }
    }

    fn record(&self, key: &str, now: Timestamp) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() >= MAX_KEYS && !failures.contains_key(key) {
            failures.retain(|_, (_, last)| last.plus(FORGET_AFTER) > now);
            if failures.len() >= MAX_KEYS {
                return;
            }
        }
        let entry = failures.entry(key.to_owned()).or_insert((0, now));
        if entry.1.plus(FORGET_AFTER) <= now {
            entry.0 = 0;
        }
        entry.0 = entry.0.saturating_add(1);
        entry.1 = now;
    }

    fn clear(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }
}

/// Who is trying to sign in.
pub struct Attempt<'a> {
    /// The account's email, lower case (whether or not the account exists).
    pub account: &'a str,
    /// The client's address, as text; used as a key in memory only, never stored.
    pub address: &'a str,
    /// Whether the client carries a valid device cookie of this account.
    pub known_device: bool,
}

impl Attempt<'_> {
    fn pair(&self) -> String {
        format!("{}\u{0}{}", self.account, self.address)
    }
}

pub struct LoginThrottle {
    by_address: Backoff,
    by_account_and_address: Backoff,
    by_account: Backoff,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            by_address: Backoff::new(FREE_PER_ADDRESS),
            by_account_and_address: Backoff::new(FREE_PER_ACCOUNT_AND_ADDRESS),
            by_account: Backoff::new(FREE_PER_ACCOUNT),
        }
    }
}

impl LoginThrottle {
    /// Whether `attempt` may be checked now; a refused attempt is counted as a failure.
    pub fn admit(&self, attempt: &Attempt<'_>, now: Timestamp) -> Result<(), RetryAfter> {
        let held = self
            .by_address
            .check(attempt.address, now)
            .and_then(|()| self.by_account_and_address.check(&attempt.pair(), now))
            .and_then(|()| {
                if attempt.known_device {
                    Ok(())
                } else {
                    self.by_account.check(attempt.account, now)
                }
            });
        if held.is_err() {
            self.failed(attempt, now);
        }
        held
    }

    /// A wrong password (or an unknown account).
    pub fn failed(&self, attempt: &Attempt<'_>, now: Timestamp) {
        self.by_address.record(attempt.address, now);
        self.by_account_and_address.record(&attempt.pair(), now);
        if !attempt.known_device {
            self.by_account.record(attempt.account, now);
        }
    }

    /// A successful sign-in: this client's failures on this account are forgiven.
    pub fn succeeded(&self, attempt: &Attempt<'_>) {
        self.by_account_and_address.clear(&attempt.pair());
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
    fn the_guesser_is_held_and_its_ignored_delays_grow() {
        let throttle = LoginThrottle::default();
        let guesser = attempt("owner@acme.example", "203.0.113.9", false);
        for n in 0..FREE_PER_ACCOUNT_AND_ADDRESS {
            assert!(throttle.admit(&guesser, at(0)).is_ok(), "free failure {n}");
            throttle.failed(&guesser, at(0));
        }
        assert_eq!(
            throttle.admit(&guesser, at(0)),
            Err(RetryAfter(Duration::from_secs(1))),
            "held: the first delay"
        );
        // That refused attempt counted: the next delay is longer.
        assert_eq!(
            throttle.admit(&guesser, at(0)),
            Err(RetryAfter(Duration::from_secs(2))),
        );
        assert_eq!(
            throttle.admit(&guesser, at(0)),
            Err(RetryAfter(Duration::from_secs(4))),
        );
        // Another address is not held for this account until the account-wide count is reached.
        let elsewhere = attempt("owner@acme.example", "198.51.100.4", false);
        assert!(throttle.admit(&elsewhere, at(1)).is_ok());
    }

    #[test]
    fn many_addresses_hold_strangers_but_not_a_known_device() {
        let throttle = LoginThrottle::default();
        for n in 0..FREE_PER_ACCOUNT + 5 {
            let address = format!("203.0.113.{n}");
            throttle.failed(&attempt("owner@acme.example", &address, false), at(0));
        }
        let stranger = attempt("owner@acme.example", "192.0.2.1", false);
        assert!(
            throttle.admit(&stranger, at(1)).is_err(),
            "account-wide delay"
        );
        let owner = attempt("owner@acme.example", "192.0.2.2", true);
        assert!(
            throttle.admit(&owner, at(1)).is_ok(),
            "the owner's own browser"
        );
    }

    #[test]
    fn one_address_spraying_accounts_is_held() {
        let throttle = LoginThrottle::default();
        for n in 0..FREE_PER_ADDRESS {
            let account = format!("spray{n}@acme.example");
            throttle.failed(&attempt(&account, "203.0.113.9", false), at(0));
        }
        let next = attempt("someone@acme.example", "203.0.113.9", true);
        assert!(throttle.admit(&next, at(0)).is_err());
        let other = attempt("someone@acme.example", "198.51.100.4", false);
        assert!(throttle.admit(&other, at(0)).is_ok());
        // An hour after the last failure all is forgotten.
        assert!(throttle.admit(&next, at(3_601)).is_ok());
    }
}
