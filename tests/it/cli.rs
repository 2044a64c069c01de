//! The `chorus` binary as an operator uses it: setup commands, clear errors, and a clean stop.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::support::{Backend, TestDb};

fn chorus(args: &[&str], db: &TestDb, stdin: Option<&str>) -> Output {
    chorus_on(args, &db.url_arg(), stdin)
}

/// The binary with `args` against the database at `url`.
pub(crate) fn chorus_on(args: &[&str], url: &str, stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chorus"))
        .args(args)
        .arg("--database-url")
        .arg(url)
        .env_remove("CHORUS_DATABASE_URL")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run chorus");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write");
    }
    child.wait_with_output().expect("wait")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

async fn setup_commands(backend: Backend) {
    let Some(db) = TestDb::create(backend, "cli setup_commands").await else {
        return;
    };
    let created = chorus(&["org", "add", "relief", "--name", "Relief Now"], &db, None);
    assert!(created.status.success(), "{}", text(&created));
    assert!(text(&created).contains("Created organization 'relief'"));

    let cases: [(&[&str], &str); 6] = [
        (
            &["org", "add", "relief", "--name", "Again"],
            "already exists",
        ),
        (&["org", "add", "admin", "--name", "X"], "reserved"),
        (
            &["org", "add", "Bad Slug", "--name", "X"],
            "lower-case letters",
        ),
        (
            &[
                "user", "add", "--org", "relief", "--email", "nope", "--role", "viewer",
            ],
            "not an email address",
        ),
        (
            &[
                "user",
                "add",
                "--org",
                "relief",
                "--email",
                "a@relief.example",
                "--role",
                "god",
            ],
            "unknown role 'god'",
        ),
        (
            &[
                "user",
                "add",
                "--org",
                "nowhere",
                "--email",
                "a@relief.example",
                "--role",
                "viewer",
            ],
            "--org: no organization has the slug 'nowhere'",
        ),
    ];
    for (args, expected) in cases {
        let output = chorus(args, &db, None);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(
            text(&output).contains(expected),
            "{args:?}: {}",
            text(&output)
        );
    }

    // Generated password, printed once.
    let generated = chorus(
        &[
            "user",
            "add",
            "--org",
            "relief",
            "--email",
            "Ana@Relief.example",
            "--role",
            "admin",
        ],
        &db,
        None,
    );
    assert!(generated.status.success(), "{}", text(&generated));
    let out = text(&generated);
    assert!(
        out.contains("Added ana@relief.example to 'relief' as Admin."),
        "{out}"
    );
    assert!(out.contains("Password (shown once"));
    // Password from standard input, checked against the policy.
    let weak = chorus(
        &[
            "user",
            "add",
            "--org",
            "relief",
            "--email",
            "b@relief.example",
            "--role",
            "viewer",
        ],
        &db,
        Some("password\n"),
    );
    assert!(!weak.status.success());
    assert!(text(&weak).contains("password from standard input"));
    let piped = chorus(
        &[
            "user",
            "add",
            "--org",
            "relief",
            "--email",
            "b@relief.example",
            "--role",
            "viewer",
        ],
        &db,
        Some("a piped passphrase\n"),
    );
    assert!(piped.status.success(), "{}", text(&piped));
    assert!(!text(&piped).contains("Password (shown once"));
    let twice = chorus(
        &[
            "user",
            "add",
            "--org",
            "relief",
            "--email",
            "b@relief.example",
            "--role",
            "viewer",
        ],
        &db,
        None,
    );
    assert!(!twice.status.success());
    assert!(text(&twice).contains("already a member"));

    // API tokens: made for a member within their role, printed once, listed, revoked.
    let token_args = |member: &'static str, scopes: &'static str| -> Vec<&'static str> {
        vec![
            "token", "create", "--org", "relief", "--member", member, "--name", "CRM sync",
            "--scopes", scopes,
        ]
    };
    let beyond = chorus(
        &token_args("b@relief.example", "campaigns:write"),
        &db,
        None,
    );
    assert!(!beyond.status.success());
    assert!(
        text(&beyond).contains("cannot give a token the scope campaigns:write"),
        "{}",
        text(&beyond)
    );
    let made = chorus(
        &token_args("ana@relief.example", "campaigns:read,reports:read"),
        &db,
        None,
    );
    assert!(made.status.success(), "{}", text(&made));
    let token = text(&made)
        .lines()
        .find(|line| line.starts_with("chorus_"))
        .expect("the token is printed")
        .to_owned();
    assert!(chorus::domain::api_token::well_formed(&token), "{token}");
    let listed = text(&chorus(&["token", "list", "--org", "relief"], &db, None));
    assert!(
        listed.contains(&format!("{}…", &token[..13]))
            && listed.contains("campaigns:read reports:read")
            && !listed.contains(&token),
        "{listed}"
    );
    let id = listed.split('\t').next().expect("id").to_owned();
    let revoked = chorus(
        &["token", "revoke", "--org", "relief", "--id", &id],
        &db,
        None,
    );
    assert!(
        text(&revoked).contains(&format!("Revoked token {id}.")),
        "{}",
        text(&revoked)
    );
    let again = chorus(
        &["token", "revoke", "--org", "relief", "--id", &id],
        &db,
        None,
    );
    assert!(!again.status.success());
    assert!(text(&again).contains("has no valid token"));
    let all = chorus(&["token", "revoke", "--org", "relief", "--all"], &db, None);
    assert!(text(&all).contains("Revoked 0 token(s)"), "{}", text(&all));

    let migrate = chorus(&["migrate"], &db, None);
    assert!(migrate.status.success(), "{}", text(&migrate));
}

#[tokio::test]
async fn setup_commands_on_sqlite() {
    setup_commands(Backend::Sqlite).await;
}

#[tokio::test]
async fn setup_commands_on_postgres() {
    setup_commands(Backend::Postgres).await;
}

crate::on_both_backends!(backend: exchange_rates_import);

/// `chorus rates import` with the ECB's file: a dry run stores nothing, a bad file is refused
/// whole with each row named, re-importing replaces, `rates show` states the day used, and
/// `rates set` enters one rate.
async fn exchange_rates_import(backend: Backend) {
    let Some(db) = TestDb::create(backend, "cli exchange_rates_import").await else {
        return;
    };
    assert!(
        chorus(&["org", "add", "relief", "--name", "Relief"], &db, None)
            .status
            .success()
    );
    let folder =
        std::env::temp_dir().join(format!("chorus-rates-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("folder");
    let write = |name: &str, content: &str| {
        let path = folder.join(name);
        std::fs::write(&path, content).expect("write");
        path.display().to_string()
    };
    let history = write(
        "eurofxref-hist.csv",
        "Date,USD,JPY,BGN,CYP,GBP,KWD,\n\
         2024-01-05,1.0921,158.08,1.9558,N/A,0.86068,0.3360,\n\
         2024-01-04,1.0953,158.64,1.9558,N/A,0.86488,0.3371,\n",
    );
    let show = |date: &str| {
        let args = [
            "rates",
            "show",
            "--org",
            "relief",
            "--currency",
            "usd",
            "--date",
            date,
        ];
        text(&chorus(&args, &db, None))
    };

    let dry = chorus(
        &["rates", "import", &history, "--org", "relief", "--dry-run"],
        &db,
        None,
    );
    assert!(dry.status.success(), "{}", text(&dry));
    assert!(
        text(&dry).contains("10 rates over 2 days (2024-01-04 to 2024-01-05) would be imported")
    );
    assert!(
        show("2024-01-05").contains("no exchange rate for USD"),
        "nothing stored"
    );

    for _ in 0..2 {
        let imported = chorus(&["rates", "import", &history, "--org", "relief"], &db, None);
        assert!(imported.status.success(), "{}", text(&imported));
        assert!(text(&imported).contains("Imported 10 rates over 2 days"));
    }
    assert!(show("2024-01-05").contains("1 EUR = 1.0921 USD on 2024-01-05"));
    assert!(
        show("2024-01-07").contains("1 EUR = 1.0921 USD on 2024-01-05 (no rate on 2024-01-07"),
        "a Sunday uses Friday's rate and says so: {}",
        show("2024-01-07")
    );

    // One good row changing a rate and two bad ones: refused whole, each bad row named.
    let bad = write(
        "bad.csv",
        "Date,USD,JPY\n2024-01-05,9.99,158.08\n2024-01-08,abc,158.0\nyesterday,1.1,1.1\n",
    );
    let refused = chorus(&["rates", "import", &bad, "--org", "relief"], &db, None);
    assert!(!refused.status.success());
    let message = text(&refused);
    assert!(
        message.contains("nothing imported, 2 problem(s)"),
        "{message}"
    );
    assert!(
        message.contains("line 3, USD: 'abc' is not a rate"),
        "{message}"
    );
    assert!(message.contains("line 4, Date:"), "{message}");
    assert!(
        show("2024-01-05").contains("1.0921"),
        "the good row was not stored either"
    );

    // One rate entered by hand: that day and currency only, the others kept.
    let set = |rate: &str| {
        chorus(
            &[
                "rates",
                "set",
                "--org",
                "relief",
                "--currency",
                "usd",
                "--date",
                "2024-01-08",
                "--rate",
                rate,
            ],
            &db,
            None,
        )
    };
    let entered = set("1.0947");
    assert!(entered.status.success(), "{}", text(&entered));
    assert!(text(&entered).contains("1 EUR = 1.0947 USD on 2024-01-08"));
    assert!(show("2024-01-09").contains("1 EUR = 1.0947 USD on 2024-01-08"));
    assert!(show("2024-01-05").contains("1.0921"));
    let refused = set("-1");
    assert!(!refused.status.success());
    assert!(text(&refused).contains("--rate"), "{}", text(&refused));

    let nobody = chorus(&["rates", "import", &history, "--org", "nobody"], &db, None);
    assert!(!nobody.status.success());
    assert!(text(&nobody).contains("--org: no organization has the slug 'nobody'"));
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn bad_flags_and_environment_name_the_culprit() {
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let output = Command::new(env!("CARGO_BIN_EXE_chorus"))
            .args(args)
            .env_remove("CHORUS_DATABASE_URL")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .output()
            .expect("run");
        assert!(!output.status.success(), "{args:?} {env:?} succeeded");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    assert!(run(&["serve"], &[("CHORUS_ADDR", "nonsense")]).contains("--addr"));
    let db = run(&["migrate"], &[("CHORUS_DATABASE_URL", "mysql://x")]);
    assert!(
        db.contains("--database-url") && db.contains("sqlite:// or postgres://"),
        "{db}"
    );
    let base = run(&["serve", "--base-url", "https://x.example/path"], &[]);
    assert!(base.contains("scheme and host only"), "{base}");
}

#[test]
fn config_hides_secrets() {
    let output = Command::new(env!("CARGO_BIN_EXE_chorus"))
        .args([
            "config",
            "--database-url",
            "postgres://u:hunter2@db.example/chorus",
            "--metrics-token",
            "s3cret-token",
        ])
        .output()
        .expect("run");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(
        out.contains("postgres://u:********@db.example/chorus"),
        "{out}"
    );
    assert!(!out.contains("hunter2") && !out.contains("s3cret-token"));
}

/// `chorus serve` prints where it listens and the first-owner link, and exits 0 on SIGTERM.
#[tokio::test]
async fn serve_stops_cleanly_on_sigterm() {
    let Some(db) = TestDb::create(Backend::Sqlite, "serve").await else {
        return;
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_chorus"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--database-url",
            &db.url_arg(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next().expect("a line").expect("utf-8");
    let base = first
        .strip_prefix("Chorus is listening on ")
        .expect(&first)
        .trim_end_matches('/')
        .to_owned();
    let printed: Vec<String> = lines.by_ref().take(4).map(|l| l.expect("line")).collect();
    assert!(
        printed
            .iter()
            .any(|l| l.contains(&format!("{base}/admin/setup/"))),
        "{printed:?}"
    );
    assert!(
        printed.iter().any(|l| l.contains("no --smtp-url given")),
        "says that no email is sent: {printed:?}"
    );
    let health = reqwest::get(format!("{base}/healthz"))
        .await
        .expect("healthz");
    assert_eq!(health.status(), 200);

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let started = std::time::Instant::now();
    let exit = loop {
        if let Some(exit) = child.try_wait().expect("wait") {
            break exit;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "did not stop within 15 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(exit.success(), "exit status {exit:?}");
}

crate::on_both_backends!(demo: import_and_report_commands);

async fn import_and_report_commands(app: crate::support::TestApp) {
    let url = app.database_url();
    let folder = std::env::temp_dir().join(format!(
        "chorus-report-cli-{}-{}",
        std::process::id(),
        url.len()
    ));
    std::fs::create_dir_all(&folder).expect("folder");
    let path = |name: &str| folder.join(name).display().to_string();
    let today = chorus::clock::now().utc_date().to_string();
    let export = format!(
        "Post ID,Description,Publish time,Impressions,Reach\n\
         p1,See https://x.example/t/DEMQ222,{today} 20:15,\"120,000\",80000\n\
         p2,Thanks,{today} 21:00,5000,\n"
    );
    std::fs::write(path("good.csv"), &export).expect("write");
    std::fs::write(path("bad.csv"), export.replace("5000", "-5")).expect("write");
    let import = |file: &str| {
        let args = [
            "import",
            "impressions",
            file,
            "--org",
            "demo",
            "--campaign",
            "open-roads",
            "--platform",
            "instagram",
            "--map",
            "link=Description",
        ];
        chorus_on(&args, &url, None)
    };
    let bad = import(&path("bad.csv"));
    assert!(!bad.status.success());
    assert!(text(&bad).contains("line 3, impressions"), "{}", text(&bad));
    for _ in 0..2 {
        let good = import(&path("good.csv"));
        assert!(good.status.success(), "{}", text(&good));
        assert!(
            text(&good).contains("Imported 2 posts (1 linked to a touchpoint)"),
            "{}",
            text(&good)
        );
    }
    let unknown = chorus_on(
        &["import", "attendance", &path("good.csv"), "--org", "demo"],
        &url,
        None,
    );
    assert!(
        text(&unknown).contains("line 1, engagement: this column is missing"),
        "{}",
        text(&unknown)
    );

    // A tour's stops from a spreadsheet: refused whole with the line and column, then added.
    let tour = app
        .store
        .tours(
            app.store
                .org_by_slug("demo")
                .await
                .expect("org")
                .expect("demo")
                .id,
            false,
        )
        .await
        .expect("tours")[0]
        .id
        .0
        .to_string();
    let stops = "title,city,country,time_zone,starts_at\n\
                 Open Roads: Oslo,Oslo,NO,Europe/Oslo,2026-07-01 20:00\n\
                 Open Roads: Bergen,Bergen,NO,Europe/Oslo,2026-07-03 20:00\n";
    std::fs::write(path("stops.csv"), stops).expect("write");
    std::fs::write(
        path("stops-bad.csv"),
        stops.replace("Europe/Oslo,2026-07-03", "Europe/Bergen,2026-07-03"),
    )
    .expect("write");
    let import_stops = |file: &str, extra: &[&str]| {
        let mut args = vec![
            "import",
            "stops",
            file,
            "--org",
            "demo",
            "--tour",
            tour.as_str(),
        ];
        args.extend_from_slice(extra);
        chorus_on(&args, &url, None)
    };
    let refused = import_stops(&path("stops-bad.csv"), &[]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("line 3, time_zone: unknown time zone 'Europe/Bergen'"),
        "{}",
        text(&refused)
    );
    let dry = import_stops(&path("stops.csv"), &["--dry-run"]);
    assert!(
        text(&dry).contains("2 stop(s) would be added"),
        "{}",
        text(&dry)
    );
    let added = import_stops(&path("stops.csv"), &[]);
    assert!(added.status.success(), "{}", text(&added));
    assert!(
        text(&added).contains("Added 2 stop(s) to 'Open Roads"),
        "{}",
        text(&added)
    );

    let report = |extra: &[&str]| {
        let mut args = vec!["report", "campaign", "open-roads", "--org", "demo"];
        args.extend_from_slice(extra);
        chorus_on(&args, &url, None)
    };
    let json = report(&["--format", "json", "--out", "-"]);
    assert!(json.status.success(), "{}", text(&json));
    let document: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let figures = &document["tables"][0];
    assert_eq!(figures["key"], "figures");
    let impressions = figures["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row[0] == "Social impressions")
        .expect("impressions row");
    assert_eq!(impressions[1], 125_000, "imported twice, counted once");
    let csv = report(&[
        "--format",
        "csv",
        "--table",
        "stops",
        "--out",
        &path("stops.csv"),
    ]);
    assert!(csv.status.success(), "{}", text(&csv));
    let stops = std::fs::read_to_string(path("stops.csv")).expect("csv");
    assert!(
        stops.starts_with(r#""Stop","Date","City","In-person attendance""#),
        "{stops}"
    );
    let pdf = report(&["--format", "pdf", "--out", &path("report.pdf")]);
    assert!(pdf.status.success(), "{}", text(&pdf));
    assert!(std::fs::read(path("report.pdf"))
        .expect("pdf")
        .starts_with(b"%PDF-"));
    for (args, culprit) in [
        (
            vec!["--format", "json", "--out", "-", "--from", "someday"],
            "--from: 'someday' is not a date",
        ),
        (
            vec!["--format", "csv", "--table", "people", "--out", "-"],
            "--table: 'people' is not a table",
        ),
        (
            vec!["--format", "pdf", "--out", "-"],
            "--out: a PDF goes to a file",
        ),
    ] {
        let refused = report(&args);
        assert!(!refused.status.success());
        assert!(text(&refused).contains(culprit), "{}", text(&refused));
    }
    let _ = std::fs::remove_dir_all(&folder);
}
