//! End to end in a real browser (Debian's chromium through chromedriver): the first-owner link,
//! logging in, inviting a member who then joins, and reading the audit log. Later parts of Chorus
//! extend this harness.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::support::{announce, Backend, TestApp};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
const PASSWORD: &str = "browser test passphrase";

/// chromedriver on a free port, killed when dropped.
struct Driver {
    child: Child,
    url: String,
    profile: std::path::PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

async fn start_driver() -> Option<Driver> {
    if !std::path::Path::new(CHROMEDRIVER).exists() || !std::path::Path::new(CHROMIUM).exists() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CI=true requires {CHROMEDRIVER} and {CHROMIUM} (apt-get install chromium chromium-driver)");
        }
        announce("skipped: browser end-to-end test (install chromium and chromium-driver)");
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let profile =
        std::env::temp_dir().join(format!("chorus-chromium-{}-{port}", std::process::id()));
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        profile,
    };
    for _ in 0..100 {
        if let Ok(response) = reqwest::get(format!("{}/status", driver.url)).await {
            if response.status().is_success() {
                return Some(driver);
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start within 10 s");
}

async fn browser(driver: &Driver) -> Client {
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=390,844",
                format!("--user-data-dir={}", driver.profile.display()),
            ]
        }
    });
    let capabilities = match capabilities {
        serde_json::Value::Object(map) => map,
        _ => unreachable!("a JSON object literal"),
    };
    ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .expect("open a browser session")
}

/// The element matching `css`, waiting up to 10 s for it to appear (pages load after clicks).
async fn find(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

async fn fill(client: &Client, css: &str, value: &str) {
    let field = find(client, css).await;
    field.clear().await.expect("clear");
    field.send_keys(value).await.expect("type");
}

async fn click(client: &Client, css: &str) {
    find(client, css).await.click().await.expect("click");
}

async fn text_of(client: &Client, css: &str) -> String {
    find(client, css).await.text().await.expect("text")
}

async fn path_of(client: &Client) -> String {
    client.current_url().await.expect("url").path().to_owned()
}

/// Waits (up to 10 s) for a navigation to `expected`, since a click may return before it ends.
async fn wait_for_path(client: &Client, expected: &str) {
    for _ in 0..100 {
        if path_of(client).await == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let source = client.source().await.unwrap_or_default();
    panic!(
        "expected {expected}, still at {} showing:\n{source}",
        path_of(client).await
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owner_sets_up_invites_and_reads_the_audit_log() {
    let Some(driver) = start_driver().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite, "browser")
        .await
        .expect("sqlite app");
    let setup_link = app.setup_link.clone().expect("setup link");
    let client = browser(&driver).await;
    let run = async {
        // First owner, through the printed link.
        client.goto(&setup_link).await.expect("open setup link");
        fill(&client, "#org_name", "Lantern Aid").await;
        fill(&client, "#org_slug", "lantern").await;
        fill(&client, "#email", "founder@lantern.example").await;
        fill(&client, "#password", PASSWORD).await;
        fill(&client, "#password_confirm", PASSWORD).await;
        click(&client, "form button[type=submit]").await;
        wait_for_path(&client, "/admin/lantern").await;
        assert_eq!(text_of(&client, "h1").await, "Lantern Aid");

        // Log out through the account menu (a <details>, no JavaScript), then log in.
        click(&client, "details.account summary").await;
        click(&client, "form[action='/admin/logout'] button").await;
        wait_for_path(&client, "/admin/login").await;
        fill(&client, "#email", "founder@lantern.example").await;
        fill(&client, "#password", "not the password").await;
        click(&client, "form button[type=submit]").await;
        assert!(text_of(&client, ".notice.error").await.contains("wrong"));
        fill(&client, "#password", PASSWORD).await;
        click(&client, "form button[type=submit]").await;
        wait_for_path(&client, "/admin/lantern").await;

        // Invite a campaign manager.
        client
            .goto(&format!("{}/admin/lantern/members", app.base))
            .await
            .expect("members");
        fill(&client, "#invite-email", "sam@lantern.example").await;
        click(&client, "#invite-role option[value=campaign_manager]").await;
        click(&client, "form[action$='/members/invite'] button").await;
        let invite_link = text_of(&client, "code.link").await;
        assert!(
            invite_link.starts_with(&format!("{}/admin/invite/", app.base)),
            "{invite_link}"
        );

        // The audit log shows the invitation.
        client
            .goto(&format!("{}/admin/lantern/audit", app.base))
            .await
            .expect("audit");
        let log = text_of(&client, "table").await;
        assert!(
            log.contains("member.invited") && log.contains("sam@lantern.example"),
            "{log}"
        );
        assert!(log.contains("org.created"));

        // The invitee follows the link in a fresh session and lands in the organization.
        client.delete_all_cookies().await.expect("clear cookies");
        client.goto(&invite_link).await.expect("invite link");
        assert!(text_of(&client, "main").await.contains("Campaign manager"));
        fill(&client, "#password", PASSWORD).await;
        fill(&client, "#password_confirm", PASSWORD).await;
        click(&client, "form button[type=submit]").await;
        wait_for_path(&client, "/admin/lantern").await;
        assert!(text_of(&client, "main").await.contains("Campaign manager"));
        // A campaign manager has no audit log link and is refused the page.
        assert!(client
            .find(Locator::Css("a[href$='/audit']"))
            .await
            .is_err());
        client
            .goto(&format!("{}/admin/lantern/audit", app.base))
            .await
            .expect("audit");
        assert_eq!(text_of(&client, "h1").await, "Not allowed");
    };
    let outcome = tokio::time::timeout(Duration::from_secs(120), run).await;
    let _ = client.close().await;
    outcome.expect("the browser test finished within 120 s");
}
