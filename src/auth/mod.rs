//! Credentials: password hashing, random tokens and login throttling.
//! Used by both the web layer and the command line; knows nothing of HTTP or SQL.

pub mod password;
pub mod rate_limit;
pub mod token;
