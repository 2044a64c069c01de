//! A sliding-window limiter kept in memory, for login attempts.
//!
//! Each process keeps its own windows; behind a load balancer the effective limit is the
//! per-process limit times the number of processes, which still bounds guessing.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use crate::domain::time::Timestamp;

/// Keys never held at once, so a flood of distinct keys cannot exhaust memory.
const MAX_KEYS: usize = 100_000;

pub struct RateLimiter {
    limit: usize,
    window: Duration,
    hits: Mutex<HashMap<String, VecDeque<Timestamp>>>,
}

/// Refused: try again after this long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub Duration);

impl RateLimiter {
    pub fn new(limit: usize, window: Duration) -> Self {
        Self {
            limit,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `key` is below its limit right now (records nothing).
    pub fn check(&self, key: &str, now: Timestamp) -> Result<(), RetryAfter> {
        let mut hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        self.verdict(&mut hits, key, now)
    }

    /// Counts one event against `key` and says whether `key` was below its limit before it,
    /// in one step: requests arriving together cannot all pass a check made before any of
    /// them was counted.
    pub fn hit(&self, key: &str, now: Timestamp) -> Result<(), RetryAfter> {
        let mut hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        let verdict = self.verdict(&mut hits, key, now);
        self.count(&mut hits, key, now);
        verdict
    }

    fn verdict(
        &self,
        hits: &mut HashMap<String, VecDeque<Timestamp>>,
        key: &str,
        now: Timestamp,
    ) -> Result<(), RetryAfter> {
        let Some(window) = hits.get_mut(key) else {
            return Ok(());
        };
        self.expire(window, now);
        match window.front() {
            Some(oldest) if window.len() >= self.limit => {
                let free_at = oldest.plus(self.window);
                let wait = free_at.unix_micros().saturating_sub(now.unix_micros());
                Err(RetryAfter(Duration::from_micros(
                    u64::try_from(wait).unwrap_or(0).max(1_000_000),
                )))
            }
            _ => Ok(()),
        }
    }

    /// How many events `key` has in the window now (at most the limit).
    pub fn recent(&self, key: &str, now: Timestamp) -> usize {
        let mut hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        hits.get_mut(key).map_or(0, |window| {
            self.expire(window, now);
            window.len()
        })
    }

    /// Counts one event against `key`.
    pub fn record(&self, key: &str, now: Timestamp) {
        let mut hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        self.count(&mut hits, key, now);
    }

    fn count(&self, hits: &mut HashMap<String, VecDeque<Timestamp>>, key: &str, now: Timestamp) {
        if hits.len() >= MAX_KEYS && !hits.contains_key(key) {
            let window = self.window;
            hits.retain(|_, w| w.back().is_some_and(|last| last.plus(window) > now));
            if hits.len() >= MAX_KEYS {
                return;
            }
        }
        let entry = hits.entry(key.to_owned()).or_default();
        self.expire(entry, now);
        entry.push_back(now);
        while entry.len() > self.limit {
            entry.pop_front();
        }
    }

    /// Forgets `key`, e.g. after a successful login.
    pub fn clear(&self, key: &str) {
        self.hits
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }

    fn expire(&self, window: &mut VecDeque<Timestamp>, now: Timestamp) {
        while window.front().is_some_and(|t| t.plus(self.window) <= now) {
            window.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_unix_micros(secs * 1_000_000)
    }

    #[test]
    fn limits_within_window_and_recovers() {
        let limiter = RateLimiter::new(3, Duration::from_secs(60));
        for s in 0..3 {
            assert!(limiter.check("k", at(s)).is_ok());
            limiter.record("k", at(s));
        }
        let refused = limiter.check("k", at(10)).expect_err("limited");
        assert_eq!(refused, RetryAfter(Duration::from_secs(50)));
        assert!(limiter.check("other", at(10)).is_ok());
        assert!(limiter.check("k", at(60)).is_ok(), "oldest hit expired");
        limiter.clear("k");
        assert!(limiter.check("k", at(11)).is_ok());
    }

    /// Forty threads hitting one key at once: exactly the limit pass, however they interleave
    /// (a check followed by a separate record let two pass on the same last slot).
    #[test]
    fn concurrent_hits_pass_exactly_the_limit() {
        let limiter = std::sync::Arc::new(RateLimiter::new(20, Duration::from_secs(60)));
        let threads: Vec<_> = (0..40)
            .map(|_| {
                let limiter = limiter.clone();
                std::thread::spawn(move || {
                    (0..50)
                        .filter(|_| limiter.hit("stadium", at(1)).is_ok())
                        .count()
                })
            })
            .collect();
        let passed: usize = threads.into_iter().map(|t| t.join().expect("thread")).sum();
        assert_eq!(passed, 20);
        assert!(
            limiter.check("stadium", at(2)).is_err(),
            "every hit counted"
        );
    }
}
