//! Credentials: password hashing, random tokens, login throttling, and secrets sealed at rest.
//! Used by both the web layer and the command line; knows nothing of HTTP or SQL.

pub mod login_throttle;
pub mod master_key;
pub mod password;
pub mod rate_limit;
pub mod sealed;
pub mod token;
