//! Application processes: the work between the web and the command line on one side and the
//! domain's rules and the store on the other, with no HTTP in it. One file per process; `web`
//! and `cli` call them, and so do the tests.

pub mod api_tokens;
pub mod broadcast;
pub mod card_testing;
pub mod checkouts;
pub mod go_live;
pub mod intake;
pub mod live;
pub mod password_reset;
pub mod payments;
pub mod rate_limits;
pub mod sign_in;
pub mod tallies;
pub mod touchpoints;
pub mod visits;
