//! Unique visitors over many days or many touchpoints, estimated from HyperLogLog sketches kept
//! per hour (hyperloglogplus). Within one day the count is exact from the visits themselves.
//!
//! The visitor id changes every day by design, so a sketch over several days counts visitor-days:
//! the same phone on two days counts twice. Reports say so.

use std::hash::{BuildHasher, Hasher};

use hyperloglogplus::{HyperLogLog, HyperLogLogPlus};
use serde::{Deserialize, Serialize};

/// 2^12 registers: a standard error of 1.04/√4096 ≈ 1.6 %, at most 3 KB per sketch.
pub const PRECISION: u8 = 12;

/// The relative standard error of an estimate.
pub fn standard_error() -> f64 {
    1.04 / f64::from(1u32 << PRECISION).sqrt()
}

/// A hash that is the same in every process and every Rust release (sketches are stored and
/// merged across both): FNV-1a over the bytes, then the SplitMix64 finalizer for good high bits.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
pub struct StableHash;

pub struct StableHasher(u64);

impl Hasher for StableHasher {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        let mut z = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl BuildHasher for StableHash {
    type Hasher = StableHasher;
    fn build_hasher(&self) -> StableHasher {
        StableHasher(0xcbf2_9ce4_8422_2325)
    }
}

/// A sketch of visitor ids.
pub struct Sketch(HyperLogLogPlus<str, StableHash>);

impl Sketch {
    pub fn new() -> Self {
        // PRECISION is within the crate's bounds (4..=18), so this cannot fail.
        Self(HyperLogLogPlus::new(PRECISION, StableHash).unwrap_or_else(|e| unreachable!("{e}")))
    }

    pub fn insert(&mut self, visitor_id: &str) {
        self.0.insert(visitor_id);
    }

    /// Adds every id another sketch has seen.
    pub fn merge(&mut self, other: &Sketch) {
        let _ = self.0.merge(&other.0);
    }

    pub fn estimate(&mut self) -> f64 {
        self.0.count()
    }

    /// The stored form.
    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(&self.0).unwrap_or_default()
    }

    /// None when the stored form is not a sketch (merging checks the precision).
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        serde_json::from_slice::<HyperLogLogPlus<str, StableHash>>(bytes)
            .ok()
            .map(Self)
    }
}

impl Default for Sketch {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_within_the_stated_error_and_survives_storage() {
        let mut a = Sketch::new();
        let mut b = Sketch::new();
        for i in 0..30_000u32 {
            let id = format!("{:016x}", u64::from(i).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if i < 20_000 {
                a.insert(&id)
            } else {
                b.insert(&id)
            }
            if i % 2 == 0 {
                b.insert(&id)
            }
        }
        let mut stored = Sketch::decode(&a.encode()).expect("decodes");
        stored.merge(&b);
        let estimate = stored.estimate();
        let error = (estimate - 30_000.0).abs() / 30_000.0;
        assert!(
            error < 3.0 * standard_error(),
            "estimate {estimate}, error {error}"
        );
        let mut small = Sketch::new();
        for id in ["a", "b", "c", "a"] {
            small.insert(id);
        }
        assert_eq!(
            small.estimate().round(),
            3.0,
            "small counts are exact in the sparse form"
        );
        assert!(Sketch::decode(b"not a sketch").is_none());
    }
}
