//! Pure domain types and rules: no database, no HTTP, no clock.

pub mod ambassador;
pub mod audit;
pub mod campaign;
pub mod dates;
pub mod email;
pub mod engagement;
pub mod exchange;
pub mod ids;
pub mod image;
pub mod language;
pub mod markdown;
pub mod money;
pub mod org;
pub mod password;
pub mod payment;
pub mod qr;
pub mod reach;
pub mod role;
pub mod spreadsheet;
pub mod stripe_signature;
pub mod supporter;
pub mod text;
pub mod time;
pub mod touchpoint;
pub mod validation;
pub mod visit;
