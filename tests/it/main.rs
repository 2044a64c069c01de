//! The one integration-test binary: the real server on a random port, over HTTP, against
//! SQLite and PostgreSQL; the command line; and a real browser.

mod actions;
mod api_tokens;
mod cli;
mod connections;
mod crash;
mod donations;
mod e2e_browser;
mod exports;
mod figures;
mod floods;
mod hardening;
mod isolation;
mod links;
mod live;
mod money;
mod outputs;
mod payments;
mod program;
mod reconciliation;
mod reports;
mod scale_out;
mod smtp;
mod staff;
mod store_contract;
mod support;
mod two_factor;
