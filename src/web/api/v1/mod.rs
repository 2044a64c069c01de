//! Version 1 of the JSON API.

pub mod campaigns;
pub mod program;
pub mod reports;
