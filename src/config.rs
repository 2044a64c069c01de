//! Configuration from flags and `CHORUS_*` environment variables (clap), validated once.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};
use ipnet::IpNet;
use url::Url;

use crate::mail::SmtpUrl;

/// Every environment variable Chorus reads; others starting with `CHORUS_` are warned about.
pub const KNOWN_ENV_VARS: &[&str] = &[
    "CHORUS_ADDR",
    "CHORUS_BASE_URL",
    "CHORUS_CAMPAIGN_RATE",
    "CHORUS_CHECKOUT_RATE",
    "CHORUS_API_RATE",
    "CHORUS_DATA",
    "CHORUS_DATABASE_URL",
    "CHORUS_DEMO_EMPTY",
    "CHORUS_DRAIN_DELAY",
    "CHORUS_HEADER_TIMEOUT",
    "CHORUS_IDLE_TIMEOUT",
    "CHORUS_LOG",
    "CHORUS_LOG_FORMAT",
    "CHORUS_MAIL_FROM",
    "CHORUS_MAX_CONNECTIONS",
    "CHORUS_METRICS_TOKEN",
    "CHORUS_PROOF_OF_WORK",
    "CHORUS_SECRET_KEY",
    "CHORUS_SECRET_KEY_FILE",
    "CHORUS_SHUTDOWN_TIMEOUT",
    "CHORUS_SMTP_URL",
    "CHORUS_STRIPE_API_URL",
    "CHORUS_TEST_DATABASE_URL",
    "CHORUS_THREADS",
    "CHORUS_TRUSTED_PROXIES",
];

/// Where the data lives: shared by every subcommand that touches the database.
#[derive(Args, Debug, Clone)]
pub struct DatabaseArgs {
    /// Folder for the embedded SQLite database, used when no --database-url is given.
    #[arg(long, env = "CHORUS_DATA", default_value = "chorus-data")]
    pub data: PathBuf,
    /// Database to use instead: sqlite://PATH or postgres://USER@HOST/DB.
    #[arg(long, env = "CHORUS_DATABASE_URL", value_parser = DatabaseUrl::parse, hide_env_values = true)]
    pub database_url: Option<DatabaseUrl>,
}

impl DatabaseArgs {
    /// The database these arguments name: the URL if given, else `DATA/chorus.db`.
    pub fn resolve(&self) -> DatabaseUrl {
        self.database_url
            .clone()
            .unwrap_or_else(|| DatabaseUrl::Sqlite(self.data.join("chorus.db")))
    }
}

/// A database location, checked when the flag is parsed.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(input: &str) -> Result<Self, String> {
        if let Some(path) = input
            .strip_prefix("sqlite://")
            .or_else(|| input.strip_prefix("sqlite:"))
        {
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() {
                return Err(
                    "a sqlite:// URL needs a file path, e.g. sqlite://chorus-data/chorus.db".into(),
                );
            }
            if path == ":memory:" || path.starts_with("file::memory:") {
                // Each connection (readers, the writer, the action writer) would get a database
                // of its own.
                return Err(
                    "an in-memory SQLite database cannot be shared by Chorus's connections: give a file path, e.g. sqlite://chorus-data/chorus.db"
                        .into(),
                );
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if input.starts_with("postgres://") || input.starts_with("postgresql://") {
            let url = Url::parse(input).map_err(|e| format!("not a valid PostgreSQL URL: {e}"))?;
            if url.host_str().is_none_or(str::is_empty) {
                return Err(
                    "a postgres:// URL needs a host, e.g. postgres://postgres@127.0.0.1/chorus"
                        .into(),
                );
            }
            return Ok(Self::Postgres(input.to_owned()));
        }
        Err("expected a URL starting with sqlite:// or postgres://".into())
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}

/// Shows the location with any password replaced, safe for logs and `chorus config`.
impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string())
    }
}

impl std::fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(raw) => match Url::parse(raw) {
                Ok(mut url) => {
                    if url.password().is_some() {
                        let _ = url.set_password(Some("********"));
                    }
                    f.write_str(url.as_str())
                }
                Err(_) => f.write_str("postgres://<unparseable>"),
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Flags of `chorus serve`.
#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "CHORUS_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Public URL of this server, used in links and QR codes; https turns on Secure cookies.
    #[arg(long, env = "CHORUS_BASE_URL", value_parser = parse_base_url)]
    pub base_url: Option<Url>,
    /// Bearer token required for /metrics from other hosts (loopback never needs one).
    #[arg(long, env = "CHORUS_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Fill a fictional organization `demo` with sample data and print a staff login.
    #[arg(long)]
    pub demo: bool,
    /// With --demo: leave out the demo tour's synthetic visits, supporters, gifts and posts.
    #[arg(long, env = "CHORUS_DEMO_EMPTY")]
    pub demo_empty: bool,
    /// Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is
    /// believed; from anyone else the header is ignored and the connection's address counts.
    #[arg(long, env = "CHORUS_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_network)]
    pub trusted_proxies: Vec<IpNet>,
    /// SMTP server for confirmation emails, e.g. smtp://127.0.0.1:2525 or
    /// smtps://user:password@mail.example.org (without it, staff see the confirmation links).
    #[arg(long, env = "CHORUS_SMTP_URL", value_parser = SmtpUrl::parse, hide_env_values = true)]
    pub smtp_url: Option<SmtpUrl>,
    /// Sender of Chorus's emails.
    #[arg(
        long,
        env = "CHORUS_MAIL_FROM",
        default_value = "Chorus <no-reply@chorus.invalid>"
    )]
    pub mail_from: String,
    /// Submissions per minute one campaign accepts before refusing more (a flood guard; one
    /// busy address is never refused, only held).
    #[arg(long, env = "CHORUS_CAMPAIGN_RATE", default_value_t = 60_000, value_parser = clap::value_parser!(u32).range(1..))]
    pub campaign_rate: u32,
    /// Checkouts per minute one campaign starts before refusing more (far above a stadium's
    /// real donors, far below a card-testing bot's pace); one address may start a tenth.
    #[arg(long, env = "CHORUS_CHECKOUT_RATE", default_value_t = 600, value_parser = clap::value_parser!(u32).range(10..))]
    pub checkout_rate: u32,
    /// API calls per minute one token may make (counted for the whole deployment); past it the
    /// API answers 429 with Retry-After, and every answer says what is left (RateLimit-*).
    #[arg(long, env = "CHORUS_API_RATE", default_value_t = 1_200, value_parser = clap::value_parser!(u32).range(1..))]
    pub api_rate: u32,
    /// Require every pledge and subscription form to carry a solved proof of work (the page's
    /// script solves it in a fraction of a second; browsers without JavaScript cannot send).
    /// Without it, a solved proof only spares a busy address from being held.
    #[arg(long, env = "CHORUS_PROOF_OF_WORK")]
    pub proof_of_work: bool,
    /// Stripe's API (another address only for a local stand-in, as the tests use).
    #[arg(long, env = "CHORUS_STRIPE_API_URL", default_value = "https://api.stripe.com", value_parser = parse_base_url)]
    pub stripe_api_url: Url,
    /// Worker threads serving requests (default: one per processor core).
    #[arg(long, env = "CHORUS_THREADS", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
    /// The key file outside the database that seals the day secrets and staff members'
    /// two-factor secrets (default: `chorus.key` in
    /// the data folder, created owner-only at first start). Every process of a deployment needs
    /// the same key: share the file, or set CHORUS_SECRET_KEY instead. Back it up apart from
    /// the database.
    #[arg(long, env = "CHORUS_SECRET_KEY_FILE")]
    pub secret_key_file: Option<PathBuf>,
    /// The key itself, as 64 hexadecimal digits (instead of a key file).
    #[arg(long, env = "CHORUS_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,
    #[command(flatten)]
    pub connections: ConnectionArgs,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// What one client connection may hold, and how shutdown treats the open ones (web/connections.rs).
#[derive(Args, Debug, Clone, Copy)]
pub struct ConnectionArgs {
    /// Time a client has to send a request's head once it has begun (slow-header attacks).
    #[arg(long, env = "CHORUS_HEADER_TIMEOUT", default_value = "10s", value_parser = parse_duration)]
    pub header_timeout: Duration,
    /// Time an idle keep-alive connection is kept open waiting for its next request.
    #[arg(long, env = "CHORUS_IDLE_TIMEOUT", default_value = "30s", value_parser = parse_duration)]
    pub idle_timeout: Duration,
    /// Most client connections open at once (lowered to fit the process's open-file limit);
    /// at the cap, idle connections are closed first and new ones wait.
    #[arg(long, env = "CHORUS_MAX_CONNECTIONS", default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// At shutdown, how long requests in flight may take before their connections are closed.
    #[arg(long, env = "CHORUS_SHUTDOWN_TIMEOUT", default_value = "10s", value_parser = parse_duration)]
    pub shutdown_timeout: Duration,
    /// At shutdown, how long to keep serving with /readyz answering 503 first, so a load
    /// balancer takes this process out before it stops accepting.
    #[arg(long, env = "CHORUS_DRAIN_DELAY", default_value = "0s", value_parser = parse_duration)]
    pub drain_delay: Duration,
}

impl Default for ConnectionArgs {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            max_connections: 10_000,
            shutdown_timeout: Duration::from_secs(10),
            drain_delay: Duration::ZERO,
        }
    }
}

/// The validated settings a running server uses.
#[derive(Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub database: DatabaseUrl,
    /// None: derived from the address actually bound.
    pub base_url: Option<Url>,
    pub metrics_token: Option<String>,
    pub demo: bool,
    /// The demo without its synthetic activity.
    pub demo_empty: bool,
    pub trusted_proxies: Vec<IpNet>,
    pub smtp_url: Option<SmtpUrl>,
    pub mail_from: String,
    pub campaign_rate: u32,
    pub checkout_rate: u32,
    pub api_rate: u32,
    pub proof_of_work: bool,
    pub stripe_api_url: Url,
    pub connections: ConnectionArgs,
    pub secret_key: SecretKeySource,
}

/// Where the key kept outside the database comes from (`auth::master_key`).
#[derive(Clone)]
pub enum SecretKeySource {
    File(PathBuf),
    /// 64 hexadecimal digits.
    Value(String),
}

impl std::fmt::Debug for SecretKeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SecretKeySource::File(path) => write!(f, "file {}", path.display()),
            SecretKeySource::Value(_) => f.write_str("<set>"),
        }
    }
}

impl From<ServeArgs> for Config {
    fn from(args: ServeArgs) -> Self {
        Self {
            addr: args.addr,
            database: args.database.resolve(),
            base_url: args.base_url,
            metrics_token: args.metrics_token.filter(|t| !t.is_empty()),
            demo: args.demo,
            demo_empty: args.demo_empty,
            trusted_proxies: args.trusted_proxies,
            smtp_url: args.smtp_url,
            mail_from: args.mail_from,
            campaign_rate: args.campaign_rate,
            checkout_rate: args.checkout_rate,
            api_rate: args.api_rate,
            proof_of_work: args.proof_of_work,
            stripe_api_url: args.stripe_api_url,
            connections: args.connections,
            secret_key: match args.secret_key.filter(|key| !key.trim().is_empty()) {
                Some(key) => SecretKeySource::Value(key),
                None => SecretKeySource::File(
                    args.secret_key_file
                        .unwrap_or_else(|| args.database.data.join("chorus.key")),
                ),
            },
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("database", &self.database)
            .field("base_url", &self.base_url.as_ref().map(Url::as_str))
            .field(
                "metrics_token",
                &self.metrics_token.as_ref().map(|_| "<set>"),
            )
            .field("demo", &self.demo)
            .field("demo_empty", &self.demo_empty)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("smtp_url", &self.smtp_url)
            .field("mail_from", &self.mail_from)
            .field("campaign_rate", &self.campaign_rate)
            .field("checkout_rate", &self.checkout_rate)
            .field("api_rate", &self.api_rate)
            .field("proof_of_work", &self.proof_of_work)
            .field("stripe_api_url", &self.stripe_api_url.as_str())
            .field("connections", &self.connections)
            .field("secret_key", &self.secret_key)
            .finish()
    }
}

/// A duration such as `500ms`, `10s` or `2m`; a bare number is seconds.
pub fn parse_duration(input: &str) -> Result<Duration, String> {
    let input = input.trim();
    let split = input
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(input.len());
    let (number, unit) = input.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{input}` is not a duration; write it like 500ms, 10s or 2m"))?;
    match unit.trim() {
        "ms" => Ok(Duration::from_millis(number)),
        "" | "s" => Ok(Duration::from_secs(number)),
        "m" | "min" => Ok(Duration::from_secs(number.saturating_mul(60))),
        other => Err(format!(
            "`{other}` is not a unit of time here; use ms, s or m (as in 10s)"
        )),
    }
}

/// An address (`10.0.0.5`) or a range (`10.0.0.0/8`).
pub fn parse_network(input: &str) -> Result<IpNet, String> {
    let input = input.trim();
    input
        .parse::<IpNet>()
        .or_else(|_| input.parse::<std::net::IpAddr>().map(IpNet::from))
        .map_err(|_| format!("'{input}' is not an IP address or CIDR range (e.g. 10.0.0.0/8)"))
}

/// A public base URL: http or https, no path, query or fragment.
pub fn parse_base_url(input: &str) -> Result<Url, String> {
    let url = Url::parse(input)
        .map_err(|e| format!("not a URL ({e}); expected e.g. https://chorus.example.org"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("the base URL must start with http:// or https://".into());
    }
    if url.host_str().is_none()
        || url.path() != "/"
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err(
            "the base URL is a scheme and host only, e.g. https://chorus.example.org".into(),
        );
    }
    Ok(url)
}

/// Names of `CHORUS_*` variables in `vars` that Chorus does not read (likely typos).
pub fn unknown_env_vars(vars: impl Iterator<Item = String>) -> Vec<String> {
    vars.filter(|name| name.starts_with("CHORUS_") && !KNOWN_ENV_VARS.contains(&name.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db"),
            Ok(DatabaseUrl::Sqlite("data/x.db".into()))
        );
        assert!(DatabaseUrl::parse("sqlite://").is_err());
        let memory = DatabaseUrl::parse("sqlite::memory:").expect_err("refused");
        assert!(memory.contains("file path"), "{memory}");
        assert!(DatabaseUrl::parse("mysql://x").is_err());
        assert!(DatabaseUrl::parse("postgres://").is_err());
        let pg = DatabaseUrl::parse("postgres://u:hunter2@db.example/chorus").expect("valid");
        assert!(!pg.to_string().contains("hunter2"));
        assert!(!format!("{pg:?}").contains("hunter2"));
    }

    #[test]
    fn base_urls() {
        assert!(parse_base_url("https://chorus.example.org").is_ok());
        assert!(parse_base_url("ftp://x.org").is_err());
        assert!(parse_base_url("https://x.org/sub").is_err());
        assert!(parse_base_url("chorus.example.org").is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("7"), Ok(Duration::from_secs(7)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert!(parse_duration("ten").expect_err("words").contains("10s"));
        assert!(parse_duration("5h").expect_err("hours").contains("unit"));
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn warns_about_typos() {
        let vars = ["CHORUS_ADDR", "CHORUS_ADRR", "PATH"].map(String::from);
        assert_eq!(unknown_env_vars(vars.into_iter()), vec!["CHORUS_ADRR"]);
    }
}
