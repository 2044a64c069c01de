//! Chorus: turns a goodwill ambassador's attention into measured support.
//!
//! Data flows one way: `web` and `cli` call `auth`, `domain` and `store`;
//! `domain` is pure (no I/O), `store` never knows HTTP.

pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod mail;
pub mod report;
pub mod server;
pub mod store;
pub mod stripe_api;
pub mod web;
