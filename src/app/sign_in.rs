//! Sign-in throttling for the whole deployment: `auth::login_throttle`'s counters, counted in
//! the database, so a guesser gets the same allowance whichever process a balancer sends it to,
//! and a restart forgets nothing.

use crate::auth::login_throttle::{Attempt, Failures, FORGET_AFTER};
use crate::auth::rate_limit::RetryAfter;
use crate::domain::time::Timestamp;
use crate::store::{Store, StoreResult};

pub struct LoginThrottle {
    store: Store,
    /// Keys the counters' digests (the installation's form secret; each counter's kind is
    /// part of what is hashed).
    secret: Vec<u8>,
}

impl LoginThrottle {
    pub fn new(store: Store, secret: Vec<u8>) -> Self {
        Self { store, secret }
    }

    /// None when `attempt` may be checked now; else how long to wait. A refused attempt is
    /// counted as a failure.
    pub async fn admit(
        &self,
        attempt: &Attempt<'_>,
        now: Timestamp,
    ) -> StoreResult<Option<RetryAfter>> {
        let counters = attempt.counters(&self.secret);
        let keys: Vec<&[u8]> = counters.iter().map(|c| c.key.as_slice()).collect();
        let stored = self.store.login_failures(&keys).await?;
        let held = counters.iter().zip(stored).find_map(|(counter, failures)| {
            let failures = failures.map(|(count, last)| Failures {
                count: u32::try_from(count).unwrap_or(u32::MAX),
                last,
            });
            counter.admits(failures, now).err()
        });
        if held.is_some() {
            self.failed(attempt, now).await?;
        }
        Ok(held)
    }

    /// A wrong password (or an unknown account).
    pub async fn failed(&self, attempt: &Attempt<'_>, now: Timestamp) -> StoreResult<()> {
        let counters = attempt.counters(&self.secret);
        let keys: Vec<&[u8]> = counters.iter().map(|c| c.key.as_slice()).collect();
        self.store
            .add_login_failure(&keys, now, now.minus(FORGET_AFTER))
            .await
    }

    /// A successful sign-in: this client's failures on this account are forgiven.
    pub async fn succeeded(&self, attempt: &Attempt<'_>) -> StoreResult<()> {
        self.store
            .clear_login_failures(&attempt.pair(&self.secret).key)
            .await
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::store::testing::Backends;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_unix_micros(1_800_000_000_000_000 + secs * 1_000_000)
    }

    fn attempt<'a>(account: &'a str, address: &'a str, known_device: bool) -> Attempt<'a> {
        Attempt {
            account,
            address,
            known_device,
        }
    }

    #[tokio::test]
    async fn the_guesser_is_held_and_its_ignored_delays_grow() {
        let backends = Backends::open("throttle_guesser").await;
        for store in &backends.stores {
            let throttle = LoginThrottle::new(store.clone(), b"secret".to_vec());
            let guesser = attempt("owner@acme.example", "203.0.113.9", false);
            for n in 0..5 {
                assert_eq!(
                    throttle.admit(&guesser, at(0)).await.expect("admit"),
                    None,
                    "{n}"
                );
                throttle.failed(&guesser, at(0)).await.expect("failed");
            }
            let held = |secs| Some(RetryAfter(Duration::from_secs(secs)));
            assert_eq!(throttle.admit(&guesser, at(0)).await.expect("a"), held(1));
            // That refused attempt counted: the next delay is longer.
            assert_eq!(throttle.admit(&guesser, at(0)).await.expect("a"), held(2));
            assert_eq!(throttle.admit(&guesser, at(0)).await.expect("a"), held(4));
            // Another address is not held for this account until the account-wide count is
            // reached; a sign-in from it clears only its own pair.
            let elsewhere = attempt("owner@acme.example", "198.51.100.4", false);
            assert_eq!(throttle.admit(&elsewhere, at(1)).await.expect("a"), None);
            // The same counts seen by another process's throttle on the same database.
            let other = LoginThrottle::new(store.clone(), b"secret".to_vec());
            assert!(other.admit(&guesser, at(1)).await.expect("a").is_some());
            throttle.succeeded(&guesser).await.expect("succeeded");
            assert_eq!(other.admit(&guesser, at(1)).await.expect("a"), None);
        }
        backends.close().await;
    }

    #[tokio::test]
    async fn many_addresses_hold_strangers_but_not_a_known_device() {
        let backends = Backends::open("throttle_spread").await;
        for store in &backends.stores {
            let throttle = LoginThrottle::new(store.clone(), b"secret".to_vec());
            for n in 0..15 {
                let address = format!("203.0.113.{n}");
                let guess = attempt("owner@acme.example", &address, false);
                throttle.failed(&guess, at(0)).await.expect("failed");
            }
            let stranger = attempt("owner@acme.example", "192.0.2.1", false);
            assert!(throttle.admit(&stranger, at(1)).await.expect("a").is_some());
            let owner = attempt("owner@acme.example", "192.0.2.2", true);
            assert_eq!(throttle.admit(&owner, at(1)).await.expect("a"), None);
        }
        backends.close().await;
    }

    #[tokio::test]
    async fn one_address_spraying_accounts_is_held_then_forgotten() {
        let backends = Backends::open("throttle_spray").await;
        for store in &backends.stores {
            let throttle = LoginThrottle::new(store.clone(), b"secret".to_vec());
            for n in 0..20 {
                let account = format!("spray{n}@acme.example");
                let guess = attempt(&account, "203.0.113.9", false);
                throttle.failed(&guess, at(0)).await.expect("failed");
            }
            let next = attempt("someone@acme.example", "203.0.113.9", true);
            assert!(throttle.admit(&next, at(0)).await.expect("a").is_some());
            let other = attempt("someone@acme.example", "198.51.100.4", false);
            assert_eq!(throttle.admit(&other, at(0)).await.expect("a"), None);
            // An hour after the last failure all is forgotten, and housekeeping deletes it.
            assert_eq!(throttle.admit(&next, at(3_601)).await.expect("a"), None);
            let gone = store
                .forget_login_failures(at(3_602).minus(FORGET_AFTER))
                .await
                .expect("forget");
            assert!(gone >= 21, "{gone}");
        }
        backends.close().await;
    }
}
