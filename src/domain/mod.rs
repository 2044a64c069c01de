//! Pure domain types and rules: no database, no HTTP, no clock.

pub mod audit;
pub mod email;
pub mod ids;
pub mod org;
pub mod password;
pub mod role;
pub mod time;
