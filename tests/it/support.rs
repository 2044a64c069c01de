//! Test harness: a fresh database per test (SQLite file or PostgreSQL database), the real server
//! launched on port 0, and HTTP clients with their own cookie jars.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use chorus::auth::password;
use chorus::clock;
use chorus::config::{Config, ConnectionArgs, DatabaseUrl, SecretKeySource};
use chorus::domain::audit::Actor;
use chorus::domain::email::Email;
use chorus::domain::org::{OrgName, OrgSlug};
use chorus::domain::password::NewPassword;
use chorus::domain::role::Role;
use chorus::server::{self, RunningServer};
use chorus::store::{Org, Store, User};
use sqlx::Connection;
use tokio_util::sync::CancellationToken;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Writes straight to the process's stderr, past the test harness's capture, so that a skipped
/// half is visible in every run.
pub fn announce(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// The PostgreSQL server for tests, or None (announced) when not configured outside CI.
fn postgres_admin_url(test: &str) -> Option<String> {
    match std::env::var("CHORUS_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("CI=true requires CHORUS_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)")
        }
        _ => {
            announce(&format!(
                "skipped: {test} on PostgreSQL (set CHORUS_TEST_DATABASE_URL to run it)"
            ));
            None
        }
    }
}

fn unique_suffix() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!(
        "{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        clock::now().unix_micros() % 1_000_000
    )
}

/// A database that exists for one test and is removed when dropped.
pub struct TestDb {
    pub url: DatabaseUrl,
    cleanup: Cleanup,
}

enum Cleanup {
    Folder(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    pub async fn create(backend: Backend, test: &str) -> Option<Self> {
        match backend {
            Backend::Sqlite => {
                let folder = std::env::temp_dir().join(format!("chorus-test-{}", unique_suffix()));
                std::fs::create_dir_all(&folder).expect("temp folder");
                Some(Self {
                    url: DatabaseUrl::Sqlite(folder.join("chorus.db")),
                    cleanup: Cleanup::Folder(folder),
                })
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url(test)?;
                let name = format!("chorus_test_{}", unique_suffix());
                let mut admin = sqlx::PgConnection::connect(&admin_url)
                    .await
                    .expect("connect to CHORUS_TEST_DATABASE_URL");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .await
                    .expect("create test database");
                let _ = admin.close().await;
                let mut url = url::Url::parse(&admin_url).expect("postgres URL");
                url.set_path(&format!("/{name}"));
                Some(Self {
                    url: DatabaseUrl::Postgres(url.to_string()),
                    cleanup: Cleanup::Postgres { admin_url, name },
                })
            }
        }
    }

    /// The `--database-url` value for the command line.
    pub fn url_arg(&self) -> String {
        self.url.to_string()
    }
}

/// `chorus serve --demo --demo-empty` as its own process on a free port, with `extra` flags,
/// run through `wrapper` (e.g. `prlimit …`) when given; returns the process and its base URL.
pub fn serve_process(db: &TestDb, wrapper: &[&str], extra: &[&str]) -> (Child, String) {
    let binary = env!("CARGO_BIN_EXE_chorus");
    let mut command = match wrapper.split_first() {
        Some((program, args)) => {
            let mut command = Command::new(program);
            command.args(args).arg(binary);
            command
        }
        None => Command::new(binary),
    };
    command
        .args([
            "serve",
            "--demo",
            "--demo-empty",
            "--addr",
            "127.0.0.1:0",
            "--database-url",
        ])
        .arg(db.url_arg())
        .args(extra);
    listening(command)
}

/// Starts `command` (a `chorus serve` on port 0) and returns it with the base URL it prints.
pub fn listening(mut command: Command) -> (Child, String) {
    use std::io::BufRead;
    let mut child = command
        .env_remove("CHORUS_DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = std::io::BufReader::new(stdout).lines();
    let first = lines.next().expect("a line").expect("utf-8");
    let base = first
        .strip_prefix("Chorus is listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .trim_end_matches('/')
        .to_owned();
    // Keep reading so the process never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, base)
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Folder(folder) => {
                let _ = std::fs::remove_dir_all(folder);
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime; use a thread with its own.
                let _ = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("runtime");
                    runtime.block_on(async {
                        if let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await {
                            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                            let _ = sqlx::query(&sql).execute(&mut admin).await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// The real server on a random port with a fresh database.
pub struct TestApp {
    pub base: String,
    pub setup_link: Option<String>,
    pub store: Store,
    shutdown: CancellationToken,
    server: Option<RunningServer>,
    // Dropped last: the database outlives the server.
    db: Option<TestDb>,
}

impl TestApp {
    /// None when the backend is not available outside CI (already announced).
    pub async fn spawn(backend: Backend, test: &str) -> Option<Self> {
        Self::spawn_with(backend, test, false).await
    }

    /// Like [`TestApp::spawn`], optionally with the demo organization (`serve --demo`).
    pub async fn spawn_with(backend: Backend, test: &str, demo: bool) -> Option<Self> {
        Self::spawn_configured(backend, test, |config| config.demo = demo).await
    }

    /// The demo server sending its emails to the SMTP server at `smtp` (e.g. a [`SmtpSink`]).
    pub async fn spawn_with_smtp(backend: Backend, test: &str, smtp: &str) -> Option<Self> {
        let url = chorus::mail::SmtpUrl::parse(smtp).expect("smtp url");
        Self::spawn_configured(backend, test, |config| {
            config.demo = true;
            config.smtp_url = Some(url);
        })
        .await
    }

    /// Like [`TestApp::spawn`], trusting `X-Forwarded-For` from 127.0.0.1 (as behind a proxy).
    pub async fn spawn_behind_proxy(backend: Backend, test: &str) -> Option<Self> {
        let loopback = "127.0.0.1/32".parse().expect("network");
        Self::spawn_configured(backend, test, |config| {
            config.trusted_proxies = vec![loopback]
        })
        .await
    }

    /// A server with the test defaults (no demo, no SMTP, no proxy) changed by `configure`.
    pub async fn spawn_configured(
        backend: Backend,
        test: &str,
        configure: impl FnOnce(&mut Config),
    ) -> Option<Self> {
        let db = TestDb::create(backend, test).await?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let mut config = Config {
            addr,
            database: db.url.clone(),
            base_url: None,
            metrics_token: None,
            demo: false,
            // Tests count what they do themselves; the synthetic activity has its own test.
            demo_empty: true,
            trusted_proxies: Vec::new(),
            smtp_url: None,
            mail_from: "Chorus tests <no-reply@chorus.test>".into(),
            campaign_rate: 60_000,
            checkout_rate: 600,
            api_rate: 1_200,
            proof_of_work: false,
            stripe_api_url: "https://api.stripe.com".parse().expect("url"),
            connections: ConnectionArgs::default(),
            // A key per server, as a deployment's key file would hold.
            secret_key: SecretKeySource::Value(hex::encode(
                <sha2::Sha256 as sha2::Digest>::digest(chorus::auth::token::random_token()),
            )),
        };
        configure(&mut config);
        let shutdown = CancellationToken::new();
        let server = server::launch(config, listener, shutdown.clone())
            .await
            .expect("launch");
        Some(Self {
            base: format!("http://{addr}"),
            setup_link: server.setup_link.clone(),
            store: server.store.clone(),
            shutdown,
            server: Some(server),
            db: Some(db),
        })
    }

    /// A new visitor with its own cookie jar.
    pub fn client(&self) -> Client {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        Client {
            http: reqwest::Client::builder()
                .cookie_provider(jar.clone())
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            base: self.base.clone(),
            jar,
        }
    }

    /// Creates an organization directly in the store.
    pub async fn seed_org(&self, slug: &str, name: &str) -> Org {
        self.store
            .create_org(
                &OrgSlug::parse(slug).expect("slug"),
                &OrgName::parse(name).expect("name"),
                &Actor::command_line(),
                clock::now(),
            )
            .await
            .expect("create org")
    }

    /// Creates (or reuses) an account with `password` and adds it to `org` with `role`.
    pub async fn seed_member(&self, org: &Org, email: &str, role: Role, pw: &str) -> User {
        let email = Email::parse(email).expect("email");
        let user = match self.store.user_by_email(&email).await.expect("lookup") {
            Some(user) => user,
            None => {
                let hash = password::hash(&NewPassword::parse(pw).expect("policy")).expect("hash");
                self.store
                    .create_user(&email, &hash, clock::now())
                    .await
                    .expect("create user")
            }
        };
        self.store
            .add_member(org.id, &user, role, &Actor::command_line(), clock::now())
            .await
            .expect("add member");
        user
    }

    /// The database this server uses, as a `--database-url` value.
    pub fn database_url(&self) -> String {
        self.db.as_ref().expect("database").url_arg()
    }

    /// Stops the server the way SIGTERM does and waits for it.
    /// Stops the server the way SIGTERM does, waits for it, and hands back its database.
    pub async fn stop(mut self) -> TestDb {
        self.shutdown.cancel();
        if let Some(server) = self.server.take() {
            server.wait().await.expect("clean stop");
        }
        self.db.take().expect("database")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// An HTTP client that keeps cookies and does not follow redirects, so tests see each step.
#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    jar: std::sync::Arc<reqwest::cookie::Jar>,
}

/// A response read whole: status, headers and body text.
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The CSRF token of the first staff form on the page.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self.body.find(marker).expect("page has a CSRF field") + marker.len();
        let end = self.body[start..].find('"').expect("closing quote") + start;
        self.body[start..end].to_owned()
    }
}

async fn read(response: reqwest::Response) -> Page {
    Page {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.expect("body"),
    }
}

impl Client {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> Page {
        read(self.http.get(self.url(path)).send().await.expect("GET")).await
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        read(
            self.http
                .post(self.url(path))
                .form(form)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    /// POST with extra headers (e.g. a foreign Origin).
    pub async fn post_with(
        &self,
        path: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Page {
        let mut request = self.http.post(self.url(path)).form(form);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(request.send().await.expect("POST")).await
    }

    /// POST of a raw body (e.g. a webhook delivery) with headers, without cookies' help.
    pub async fn post_raw(&self, path: &str, body: &[u8], headers: &[(&str, &str)]) -> Page {
        let mut request = self.http.post(self.url(path)).body(body.to_vec());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(request.send().await.expect("POST")).await
    }

    /// A JSON request (`method` GET, POST or PUT) with the session cookie; returns status and JSON.
    pub async fn json(
        &self,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut request = self.http.request(method, self.url(path));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("send");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }

    /// A JSON call with an API token (`Authorization: Bearer`) and any other `headers`;
    /// the answer's status, headers and body.
    pub async fn with_token(
        &self,
        token: &str,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
        headers: &[(&str, &str)],
    ) -> (u16, reqwest::header::HeaderMap, serde_json::Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut request = self.http.request(method, self.url(path)).bearer_auth(token);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("send");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        (status, headers, body)
    }

    /// A multipart upload of `bytes` as field `file`, with the CSRF token first.
    pub async fn upload(&self, path: &str, csrf: &str, bytes: Vec<u8>) -> Page {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.to_owned())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("upload.bin"),
            );
        self.post_multipart(path, form).await
    }

    pub async fn post_multipart(&self, path: &str, form: reqwest::multipart::Form) -> Page {
        read(
            self.http
                .post(self.url(path))
                .multipart(form)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    /// Sends a `total`-byte upload over a raw connection, writing and reading at once, and returns
    /// the status the server answered with. (A server that refuses an oversized body answers
    /// before the body ends and closes the connection; an HTTP client still writing then sees a
    /// broken pipe instead of the answer.)
    pub async fn oversized_upload(&self, path: &str, total: usize) -> u16 {
        use reqwest::cookie::CookieStore;
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let url = url::Url::parse(&self.url(path)).expect("url");
        let cookie = self
            .jar
            .cookies(&url)
            .map(|c| c.to_str().expect("ascii").to_owned())
            .unwrap_or_default();
        let stream = tokio::net::TcpStream::connect((
            url.host_str().expect("host"),
            url.port().expect("port"),
        ))
        .await
        .expect("connect");
        let (mut reader, mut writer) = stream.into_split();
        let head = format!(
            "POST {} HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {total}\r\n\r\n",
            url.path(),
            url.authority()
        );
        let sending = tokio::spawn(async move {
            let _ = writer.write_all(head.as_bytes()).await;
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0;
            while sent < total {
                if writer.write_all(&chunk).await.is_err() {
                    break;
                }
                sent += chunk.len();
            }
        });
        let mut answer = vec![0u8; 64];
        let read = reader.read(&mut answer).await.expect("read");
        sending.abort();
        let line = String::from_utf8_lossy(&answer[..read]);
        line.split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status line")
    }

    /// GET with extra headers (Accept-Language, Accept-Encoding, If-None-Match).
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut request = self.http.get(self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(request.send().await.expect("GET")).await
    }

    /// Logs in and asserts it worked.
    pub async fn login(&self, email: &str, password: &str) {
        let page = self
            .post(
                "/admin/login",
                &[("email", email), ("password", password), ("next", "/admin")],
            )
            .await;
        assert_eq!(page.status, 303, "login of {email} failed: {}", page.body);
    }

    /// The CSRF token this session's forms carry, read from a staff page.
    pub async fn csrf(&self, org_slug: &str) -> String {
        let page = self.get(&format!("/admin/{org_slug}/members")).await;
        assert_eq!(page.status, 200, "members page: {}", page.body);
        page.csrf()
    }
}

/// Runs each named `async fn(TestApp)` once on SQLite and once on PostgreSQL; with `demo:`
/// first, the server starts with the demo organization (`serve --demo`).
#[macro_export]
macro_rules! on_both_backends {
    (demo: $($name:ident),* $(,)?) => {
        $crate::on_both_backends!(@each true; $($name),*);
    };
    ($($name:ident),* $(,)?) => {
        $crate::on_both_backends!(@each false; $($name),*);
    };
    // Tests that start their own server (or none): `async fn name(backend: Backend)`.
    (backend: $($name:ident),* $(,)?) => {
        $(
            mod $name {
                use $crate::support::Backend;

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(Backend::Sqlite).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name(Backend::Postgres).await;
                }
            }
        )*
    };
    (@each $demo:expr; $($name:ident),*) => {
        $(
            mod $name {
                use $crate::support::{Backend, TestApp};

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    if let Some(app) = TestApp::spawn_with(Backend::Sqlite, stringify!($name), $demo).await {
                        super::$name(app).await;
                    }
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(app) = TestApp::spawn_with(Backend::Postgres, stringify!($name), $demo).await {
                        super::$name(app).await;
                    }
                }
            }
        )*
    };
}

/// Every text and byte value of every table of the database at `url`, as one string: for tests
/// that prove something is not stored anywhere.
pub async fn dump_database(url: &str) -> String {
    use sqlx::Row;
    let mut dump = String::new();
    if let Some(path) = url.strip_prefix("sqlite://") {
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{path}"))
            .await
            .expect("open sqlite");
        let tables: Vec<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
                .fetch_all(&mut conn)
                .await
                .expect("tables");
        for table in tables {
            let rows = sqlx::query(&format!("SELECT * FROM \"{table}\""))
                .fetch_all(&mut conn)
                .await
                .expect("rows");
            for row in rows {
                for i in 0..row.columns().len() {
                    if let Ok(Some(text)) = row.try_get::<Option<String>, _>(i) {
                        dump.push_str(&text);
                    } else if let Ok(Some(bytes)) = row.try_get::<Option<Vec<u8>>, _>(i) {
                        dump.push_str(&String::from_utf8_lossy(&bytes));
                    }
                    dump.push('\n');
                }
            }
        }
    } else {
        let mut conn = sqlx::PgConnection::connect(url)
            .await
            .expect("open postgres");
        let tables: Vec<String> =
            sqlx::query_scalar("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
                .fetch_all(&mut conn)
                .await
                .expect("tables");
        for table in tables {
            let rows: Vec<String> =
                sqlx::query_scalar(&format!("SELECT row_to_json(t)::text FROM \"{table}\" t"))
                    .fetch_all(&mut conn)
                    .await
                    .expect("rows");
            dump.push_str(&rows.join("\n"));
        }
    }
    dump
}

/// The demo organization and its campaign `slug` (the server must run with `--demo`).
pub async fn demo_campaign(store: &Store, slug: &str) -> (Org, chorus::store::Campaign) {
    let org = store
        .org_by_slug("demo")
        .await
        .expect("q")
        .expect("demo org");
    let campaign = store
        .campaign_by_slug(org.id, slug)
        .await
        .expect("q")
        .expect("campaign");
    (org, campaign)
}
