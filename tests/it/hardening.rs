//! Attacks on the edges of the staff area and the server (QUALITY.md): a login's `next` with
//! control characters, `/metrics` through a reverse proxy on the same machine.

use chorus::domain::role::Role;

use crate::on_both_backends;
use crate::support::{Backend, TestApp};

const PASSWORD: &str = "a long enough passphrase";

on_both_backends!(a_hostile_next_after_login_lands_on_the_dashboard);

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
        let cookies: Vec<_> = login.headers.get_all("set-cookie").iter().collect();
        assert_eq!(cookies.len(), 1, "{next:?}: no planted cookie");
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
