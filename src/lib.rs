//! Chorus: turns a goodwill ambassador's attention into measured support.
//!
//! Data flows one way: `web` and `cli` call `app` (the application processes), `auth`,
//! `domain` and `store`; `app` calls `domain` and `store`; `domain` is pure (no I/O), `store`
//! and `app` never know HTTP.

pub mod app;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod mail;
pub mod metrics;
pub mod report;
pub mod server;
pub mod store;
pub mod stripe_api;
pub mod web;
