//! Secrets Chorus must be able to read back (an organization's payment-provider keys), sealed
//! at rest with ChaCha20-Poly1305 (ring, already in the build through rustls). Each sealed value
//! is bound to what it is for (its context, e.g. the organization and the field), so a value
//! copied into another organization's row or field does not open.

use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305, NONCE_LEN};
use ring::rand::{SecureRandom, SystemRandom};

/// The length of a sealing key.
pub const KEY_LEN: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("a sealed secret does not open: it was changed, or sealed with another key or for another use")]
    DoesNotOpen,
    #[error("the operating system's random generator failed")]
    NoRandomness,
}

/// Seals and opens with one key.
pub struct Sealer {
    key: LessSafeKey,
    random: SystemRandom,
}

impl Sealer {
    pub fn new(key: &[u8; KEY_LEN]) -> Self {
        let key = UnboundKey::new(&CHACHA20_POLY1305, key)
            .unwrap_or_else(|_| unreachable!("a 32-byte key fits ChaCha20-Poly1305"));
        Self {
            key: LessSafeKey::new(key),
            random: SystemRandom::new(),
        }
    }

    /// A random nonce, then the ciphertext and its tag.
    pub fn seal(&self, plaintext: &[u8], context: &str) -> Result<Vec<u8>, SealError> {
        let mut nonce = [0u8; NONCE_LEN];
        self.random
            .fill(&mut nonce)
            .map_err(|_| SealError::NoRandomness)?;
        let mut sealed = plaintext.to_vec();
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(context.as_bytes()),
                &mut sealed,
            )
            .map_err(|_| SealError::DoesNotOpen)?;
        let mut out = nonce.to_vec();
        out.extend(sealed);
        Ok(out)
    }

    pub fn open(&self, sealed: &[u8], context: &str) -> Result<Vec<u8>, SealError> {
        if sealed.len() < NONCE_LEN {
            return Err(SealError::DoesNotOpen);
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| SealError::DoesNotOpen)?;
        let mut buffer = ciphertext.to_vec();
        let plaintext = self
            .key
            .open_in_place(nonce, Aad::from(context.as_bytes()), &mut buffer)
            .map_err(|_| SealError::DoesNotOpen)?;
        Ok(plaintext.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_their_key_and_context() {
        let sealer = Sealer::new(&[7; KEY_LEN]);
        let sealed = sealer
            .seal(b"sk_test_123", "org 1 stripe secret key")
            .expect("seal");
        assert!(
            !sealed.windows(11).any(|w| w == b"sk_test_123"),
            "not in clear"
        );
        assert_eq!(
            sealer
                .open(&sealed, "org 1 stripe secret key")
                .expect("open"),
            b"sk_test_123"
        );
        assert_ne!(
            sealed,
            sealer
                .seal(b"sk_test_123", "org 1 stripe secret key")
                .expect("seal"),
            "a fresh nonce each time"
        );
        assert_eq!(
            sealer.open(&sealed, "org 2 stripe secret key"),
            Err(SealError::DoesNotOpen)
        );
        assert_eq!(
            Sealer::new(&[8; KEY_LEN]).open(&sealed, "org 1 stripe secret key"),
            Err(SealError::DoesNotOpen)
        );
        for i in 0..sealed.len() {
            let mut changed = sealed.clone();
            changed[i] ^= 1;
            assert_eq!(
                sealer.open(&changed, "org 1 stripe secret key"),
                Err(SealError::DoesNotOpen),
                "byte {i}"
            );
        }
        assert_eq!(sealer.open(&sealed[..5], "x"), Err(SealError::DoesNotOpen));
    }
}
