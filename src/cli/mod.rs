//! The command line: `chorus serve | migrate | org | user | touchpoint | rates | import |
//! report | config`, one file per subcommand.
//! Errors here are `anyhow` with context that names the flag or input at fault.

mod config;
mod import;
mod migrate;
mod org;
mod rates;
mod report;
mod serve;
mod token;
mod touchpoint;
mod user;

use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use anyhow::Context;

use crate::config::{DatabaseArgs, LogFormat, ServeArgs};
use crate::store::{Org, Store};

#[derive(Parser, Debug)]
#[command(
    name = "chorus",
    version,
    about = "Chorus: measured support for goodwill-ambassador programs"
)]
pub struct Cli {
    /// Log format on standard error.
    #[arg(
        long,
        env = "CHORUS_LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web server (SQLite in ./chorus-data unless --database-url is given).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate(DatabaseArgs),
    /// Manage organizations.
    #[command(subcommand)]
    Org(org::OrgCommand),
    /// Manage staff accounts.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Links and QR codes for the print shop and scripts.
    #[command(subcommand)]
    Touchpoint(touchpoint::TouchpointCommand),
    /// API tokens: make one (printed once), list them, revoke one or all.
    #[command(subcommand)]
    Token(token::TokenCommand),
    /// Exchange rates per day (the ECB's reference-rate CSV), for gifts in other currencies.
    #[command(subcommand)]
    Rates(rates::RatesCommand),
    /// Import social impressions (a platform's post export) or attendance per engagement.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Impact reports for scripts: PDF, CSV or JSON, the dashboard's figures.
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Print the effective configuration, secrets hidden.
    Config(ServeArgs),
}

/// Runs one command to completion on a fresh async runtime.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    init_logging(cli.log_format);
    warn_about_unknown_env_vars();
    let threads = match &cli.command {
        Command::Serve(args) => args.threads,
        _ => None,
    };
    runtime(threads)?.block_on(async move {
        match cli.command {
            Command::Serve(args) => serve::run(args).await,
            Command::Migrate(args) => migrate::run(args).await,
            Command::Org(command) => org::run(command).await,
            Command::User(command) => user::run(command).await,
            Command::Token(command) => token::run(command).await,
            Command::Touchpoint(command) => touchpoint::run(command).await,
            Command::Rates(command) => rates::run(command).await,
            Command::Import(command) => import::run(command).await,
            Command::Report(command) => report::run(command).await,
            Command::Config(args) => config::run(args),
        }
    })
}

/// How many tasks a worker runs between two looks at the network (tokio's default is 61).
///
/// With a thousand connections busy on one worker, each look wakes hundreds of them at once: the
/// newest go first (the worker's LIFO slot) and its local queue (256 tasks) overflows its oldest
/// into the global queue, from which a worker takes one task only every few dozen — so some
/// requests waited ~150 ms while most took ~12 (a bare hyper server on tokio's defaults shows
/// the same tail; tokio's current-thread scheduler, which has no such overflow, does not).
/// Looking every 1,024 tasks lets a worker get through what one look woke before the next, in
/// the order it woke; an idle worker still looks at once. BENCHMARKS.md, "tail at 1,024
/// connections", has the figures.
const TASKS_BETWEEN_NETWORK_POLLS: u32 = 1024;

/// The async runtime every command runs on: tokio's multi-thread scheduler with `threads`
/// workers (default: one per core). `examples/bare_hyper.rs` measures it without Chorus.
pub fn runtime(threads: Option<u16>) -> std::io::Result<tokio::runtime::Runtime> {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if let Some(threads) = threads {
        builder.worker_threads(usize::from(threads));
    }
    builder
        .event_interval(TASKS_BETWEEN_NETWORK_POLLS)
        .enable_all()
        .build()
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_env("CHORUS_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

fn warn_about_unknown_env_vars() {
    for name in crate::config::unknown_env_vars(std::env::vars().map(|(k, _)| k)) {
        tracing::warn!(variable = %name, "unknown CHORUS_ environment variable ignored (a typo?)");
    }
}

/// Opens the store a command names, or says why not.
async fn open(database: &DatabaseArgs) -> anyhow::Result<Store> {
    Store::open(&database.resolve())
        .await
        .context("cannot open the database")
}

/// The organization `--org` names.
async fn org_of(store: &Store, slug: &str) -> anyhow::Result<Org> {
    store
        .org_by_slug(slug)
        .await?
        .with_context(|| format!("--org: no organization has the slug '{slug}'"))
}
