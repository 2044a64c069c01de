//! Attacks on the edges of the staff area and the server (QUALITY.md): a login's `next` with
//! control characters, `/metrics` through a reverse proxy on the same machine.

use chorus::domain::role::Role;

use crate::on_both_backends;
use crate::support::{Backend, Client, Page, TestApp};

const PASSWORD: &str = "a long enough passphrase";

on_both_backends!(a_hostile_next_after_login_lands_on_the_dashboard);
crate::on_both_backends!(backend: guessers_are_held_and_the_owner_is_not);

/// A sign-in from `address` (the test server trusts loopback as its proxy).
async fn sign_in(client: &Client, address: &str, email: &str, password: &str) -> Page {
    client
        .post_with(
            "/admin/login",
            &[("email", email), ("password", password)],
            &[("x-forwarded-for", address)],
        )
        .await
}

async fn guessers_are_held_and_the_owner_is_not(backend: Backend) {
    let Some(app) = TestApp::spawn_behind_proxy(backend, "login-throttle").await else {
        return;
    };
    let org = app.seed_org("acme", "Acme Relief").await;
    app.seed_member(&org, "owner@acme.example", Role::Owner, PASSWORD)
        .await;
    const OWNER: &str = "owner@acme.example";

    // One address guessing one account: five free failures, then held, the right password too.
    let attacker = app.client();
    for _ in 0..5 {
        let page = sign_in(&attacker, "203.0.113.9", OWNER, "guess guess").await;
        assert_eq!(page.status, 401);
    }
    let held = sign_in(&attacker, "203.0.113.9", OWNER, PASSWORD).await;
    assert_eq!(held.status, 429, "{}", held.body);
    let again = sign_in(&attacker, "203.0.113.9", OWNER, PASSWORD).await;
    assert_eq!(again.status, 429);
    let first: u64 = held
        .header("retry-after")
        .expect("retry-after")
        .parse()
        .expect("s");
    let second: u64 = again
        .header("retry-after")
        .expect("retry-after")
        .parse()
        .expect("s");
    assert!(
        second > first,
        "a held attempt lengthens the delay: {first} then {second}"
    );

    // The owner, elsewhere, is not held, and is told of the seven failed attempts.
    let owner = app.client();
    let signed_in = sign_in(&owner, "198.51.100.4", OWNER, PASSWORD).await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    let cookies: Vec<&str> = signed_in
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("chorus_device=") && c.contains("HttpOnly")),
        "{cookies:?}"
    );
    let dashboard = owner.get("/admin/acme").await;
    assert!(
        dashboard
            .body
            .contains("7 attempt(s) to sign in to your account failed"),
        "{}",
        dashboard.body
    );
    let told_once = app.client();
    assert_eq!(
        sign_in(&told_once, "198.51.100.4", OWNER, PASSWORD)
            .await
            .status,
        303
    );
    assert!(
        !told_once.get("/admin/acme").await.body.contains("failed"),
        "told once"
    );

    // Many addresses guessing the account hold strangers, but not the owner's own browser: the
    // seven failures above and three more from three addresses reach the account's ten.
    for n in 0..3 {
        let page = sign_in(&app.client(), &format!("192.0.2.{n}"), OWNER, "guess guess").await;
        assert_eq!(page.status, 401, "guess {n}");
    }
    let stranger = sign_in(&app.client(), "192.0.2.200", OWNER, PASSWORD).await;
    assert_eq!(stranger.status, 429, "a browser the account never used");
    let back = sign_in(&owner, "192.0.2.201", OWNER, PASSWORD).await;
    assert_eq!(back.status, 303, "the owner's browser: {}", back.body);
    let forged = app.client();
    let with_forged = forged
        .post_with(
            "/admin/login",
            &[("email", OWNER), ("password", PASSWORD)],
            &[
                ("x-forwarded-for", "192.0.2.202"),
                ("cookie", "chorus_device=abc.0123456789abcdef"),
            ],
        )
        .await;
    assert_eq!(
        with_forged.status, 429,
        "a forged device cookie counts for nothing"
    );
    app.stop().await;
}

async fn a_hostile_next_after_login_lands_on_the_dashboard(app: TestApp) {
    let org = app.seed_org("acme", "Acme Relief").await;
    app.seed_member(&org, "owner@acme.example", Role::Owner, PASSWORD)
        .await;
    for next in [
        "/admin/acme\r\nSet-Cookie: planted=1",
        "/admin/acme\u{0}",
        "/admin/acme\u{7f}",
        "/admin/acme\t",
        "/admin/acmé",
    ] {
        let client = app.client();
        let login = client
            .post(
                "/admin/login",
                &[
                    ("email", "owner@acme.example"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(login.status, 303, "{next:?}: {}", login.body);
        assert_eq!(login.location(), Some("/admin"), "{next:?}");
        let cookies: Vec<&str> = login
            .headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        assert_eq!(
            cookies.len(),
            2,
            "{next:?}: the session and the device, no planted one"
        );
        assert!(!cookies.iter().any(|c| c.contains("planted")), "{next:?}");
        // The session the login made is the one the browser holds, not an orphan.
        let dashboard = client.get("/admin/acme").await;
        assert_eq!(dashboard.status, 200, "{next:?}");
    }
    // The login form carries only a safe `next` too.
    let form = app
        .client()
        .get("/admin/login?next=%2Fadmin%2Facme%0D%0AX%3A%201")
        .await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains(r#"value="/admin""#), "{}", form.body);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_through_a_proxy_on_this_machine_need_the_token() {
    let Some(app) = TestApp::spawn_configured(Backend::Sqlite, "metrics-proxy", |config| {
        config.trusted_proxies = vec!["127.0.0.1/32".parse().expect("network")];
        config.metrics_token = Some("s3cret-token".into());
    })
    .await
    else {
        return;
    };
    let client = app.client();
    assert_eq!(client.get("/metrics").await.status, 200, "this machine");
    let forwarded = [("x-forwarded-for", "203.0.113.9")];
    let from_internet = client.get_with("/metrics", &forwarded).await;
    assert_eq!(from_internet.status, 403, "{}", from_internet.body);
    assert!(!from_internet.body.contains("chorus_http_requests_total"));
    for header in ["forwarded", "x-real-ip"] {
        let other = client
            .get_with("/metrics", &[(header, "203.0.113.9")])
            .await;
        assert_eq!(other.status, 403, "{header}");
    }
    let with_token = client
        .get_with(
            "/metrics",
            &[
                ("x-forwarded-for", "203.0.113.9"),
                ("authorization", "Bearer s3cret-token"),
            ],
        )
        .await;
    assert_eq!(with_token.status, 200);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_forwarded_by_an_unknown_proxy_are_refused() {
    let Some(app) = TestApp::spawn(Backend::Sqlite, "metrics-unknown-proxy").await else {
        return;
    };
    let client = app.client();
    let forwarded = client
        .get_with("/metrics", &[("x-forwarded-for", "127.0.0.1")])
        .await;
    assert_eq!(forwarded.status, 403, "a proxy not configured as trusted");
    app.stop().await;
}

/// A backup of the database alone cannot turn an address tag back into an address: the day
/// secrets in it are sealed under the key file kept beside it, which is private to its owner.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_copy_alone_cannot_recover_an_address() {
    use chorus::auth::{master_key, sealed::Sealer};
    use chorus::domain::supporter::address_tag;
    use sqlx::Connection;

    let folder = std::env::temp_dir().join(format!("chorus-keyfile-{}", std::process::id()));
    let key_file = folder.join("chorus.key");
    let _ = std::fs::remove_dir_all(&folder);
    let Some(app) = TestApp::spawn_configured(Backend::Sqlite, "sealed-day-secrets", |config| {
        config.demo = true;
        config.trusted_proxies = vec!["127.0.0.1/32".parse().expect("network")];
        config.secret_key = chorus::config::SecretKeySource::File(key_file.clone());
    })
    .await
    else {
        return;
    };
    let (org, campaign) = crate::support::demo_campaign(&app.store, crate::actions::CAMPAIGN).await;
    let form_token = crate::actions::token(&app.store, campaign.id, 5, "sealed").await;
    let fan = app.client();
    let sent = fan
        .post_with(
            &format!("/demo/{}/pledge", crate::actions::CAMPAIGN),
            &crate::actions::pledge_fields(&form_token, "fan@example.org"),
            &[("x-forwarded-for", "203.0.113.9")],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let database = app.database_url();
    let db = app.stop().await;

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file)
            .expect("key file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the key file is its owner's only");
    }
    let mut copy = sqlx::SqliteConnection::connect(&database)
        .await
        .expect("open the copy");
    let tags: Vec<String> = sqlx::query_scalar("SELECT address_tag FROM actions")
        .fetch_all(&mut copy)
        .await
        .expect("tags");
    let secrets: Vec<(String, Vec<u8>)> = sqlx::query_as("SELECT day, secret FROM day_secrets")
        .fetch_all(&mut copy)
        .await
        .expect("secrets");
    copy.close().await.expect("close");
    assert_eq!(tags.len(), 1);
    assert!(!secrets.is_empty());
    let address = "203.0.113.9".parse().expect("ip");
    for (day, stored) in &secrets {
        assert_ne!(
            address_tag(stored, org.id.0, address),
            tags[0],
            "what the database holds is not the secret"
        );
        // With the key file, the same row opens to the secret that made the tag.
        let key = master_key::load_or_create(&key_file).expect("key");
        let secret = Sealer::new(&key)
            .open(stored, &format!("day-secret {day}"))
            .expect("opens with the key");
        assert_eq!(address_tag(&secret, org.id.0, address), tags[0]);
    }
    drop(db);
    let _ = std::fs::remove_dir_all(&folder);
}
