//! End to end in a real browser (Debian's chromium through chromedriver): the first-owner link,
//! logging in, inviting a member who then joins, and reading the audit log; staff building a
//! campaign with its ambassador, tour and events, and the public pages in five languages checked
//! with axe-core (installed from the npm registry by `.ci/run`). Later parts extend this harness.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use chorus::domain::role::Role;

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
                // A phone's user agent: headless Chrome's own says "HeadlessChrome", a bot.
                "--user-agent=Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
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
/// Logs in on the staff login page as `email` (password [`PASSWORD`]) and waits for `home`.
async fn log_in(client: &Client, base: &str, email: &str, home: &str) {
    client
        .goto(&format!("{base}/admin/login"))
        .await
        .expect("login page");
    fill(client, "#email", email).await;
    fill(client, "#password", PASSWORD).await;
    click(client, "form button[type=submit]").await;
    wait_for_path(client, home).await;
}

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
            log.contains("Invited sam@lantern.example to join the staff"),
            "{log}"
        );
        assert!(log.contains("Created the organization lantern"), "{log}");

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

/// Where `.ci/run` installs axe-core (`npm install --prefix target/axe axe-core@…`).
const AXE: &str = "target/axe/node_modules/axe-core/axe.min.js";

/// Sets a form field's value directly (date and time inputs do not take typed text reliably).
async fn set_value(client: &Client, css: &str, value: &str) {
    find(client, css).await;
    client
        .execute(
            "document.querySelector(arguments[0]).value = arguments[1];",
            vec![json!(css), json!(value)],
        )
        .await
        .expect("set value");
}

/// A server with the demo organization (and its synthetic tour's activity when `activity`),
/// `email` a member of it as `role`.
async fn demo_with_member(
    name: &str,
    activity: bool,
    email: &str,
    role: Role,
) -> (TestApp, chorus::store::Org) {
    let app = TestApp::spawn_configured(Backend::Sqlite, name, |config| {
        config.demo = true;
        config.demo_empty = !activity;
    })
    .await
    .expect("sqlite app");
    let org = app
        .store
        .org_by_slug("demo")
        .await
        .expect("q")
        .expect("org");
    app.seed_member(&org, email, role, PASSWORD).await;
    (app, org)
}

/// Submits a form and waits until the browser shows the page that answered it (also when that
/// page has the same address, as after a redirect back to the edited item).
async fn submit(client: &Client, form_css: &str) {
    client
        .execute("window.__before_submit = true;", vec![])
        .await
        .expect("mark page");
    click(client, &format!("{form_css} button[type=submit]")).await;
    for _ in 0..100 {
        let loaded = client
            .execute("return window.__before_submit === undefined && document.readyState === 'complete';", vec![])
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if loaded {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("submitting {form_css} did not load a new page within 10 s");
}

/// Runs axe-core on the current page; returns the violations as "rule: help (targets)".
async fn axe_violations(client: &Client, axe_source: &str) -> Vec<String> {
    client
        .execute(axe_source, vec![])
        .await
        .expect("inject axe");
    let result = client
        .execute_async(
            "const done = arguments[arguments.length - 1];\n\
             axe.run(document).then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' ' +\n\
               JSON.stringify(v.nodes.map(n => n.target))))).catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("run axe");
    result
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_else(|| vec![format!("unexpected axe result {result}")])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_build_a_campaign_and_public_pages_are_accessible() {
    let Some(driver) = start_driver().await else {
        return;
    };
    let axe_source = match std::fs::read_to_string(AXE) {
        Ok(source) => source,
        Err(_) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("CI=true requires {AXE} (npm install --prefix target/axe axe-core)")
        }
        Err(_) => {
            announce("skipped: accessibility test (npm install --prefix target/axe axe-core)");
            return;
        }
    };
    let app = TestApp::spawn(Backend::Sqlite, "browser program")
        .await
        .expect("sqlite app");
    let org = app.seed_org("lantern", "Lantern Aid").await;
    app.seed_member(
        &org,
        "owner@lantern.example",
        chorus::domain::role::Role::Owner,
        PASSWORD,
    )
    .await;
    let client = browser(&driver).await;
    let base = app.base.clone();
    let run = async {
        log_in(&client, &base, "owner@lantern.example", "/admin/lantern").await;

        // An ambassador with an appointment and a channel.
        client
            .goto(&format!("{base}/admin/lantern/ambassadors"))
            .await
            .expect("ambassadors");
        fill(&client, "#name", "Mira Osei").await;
        submit(&client, "form[action='/admin/lantern/ambassadors']").await;
        find(&client, "#appointment-title").await;
        let ambassador_path = path_of(&client).await;
        fill(&client, "#appointment-title", "Global goodwill ambassador").await;
        set_value(&client, "#appointment-from", "2026-02-01").await;
        submit(&client, "form[action$='/appointments']").await;
        assert!(text_of(&client, "main")
            .await
            .contains("Global goodwill ambassador: since 2026-02-01"));
        fill(&client, "#channel-handle", "@miraosei").await;
        fill(&client, "#channel-followers", "4200000").await;
        set_value(&client, "#channel-day", "2026-03-01").await;
        submit(&client, "form[action$='/channels']").await;
        assert!(text_of(&client, "main")
            .await
            .contains("4,200,000 on 2026-03-01"));
        assert!(ambassador_path.starts_with("/admin/lantern/ambassadors/"));

        // A campaign with its text in five languages, the ambassador, and live.
        client
            .goto(&format!("{base}/admin/lantern/campaigns"))
            .await
            .expect("campaigns");
        fill(&client, "#slug", "safe-journeys").await;
        fill(&client, "#theme", "Safe journeys").await;
        fill(&client, "#goal_amount", "100000").await;
        fill(&client, "#goal_currency", "EUR").await;
        submit(&client, "form[action='/admin/lantern/campaigns']").await;
        find(&client, "#title-en").await;
        let campaign_path = path_of(&client).await;
        // The draft lists what it lacks, and an empty page does not go live.
        assert!(text_of(&client, ".checklist")
            .await
            .contains("A title, in at least one language"));
        if let Ok(axe_source) = std::fs::read_to_string(AXE) {
            let violations = axe_violations(&client, &axe_source).await;
            assert!(
                violations.is_empty(),
                "draft with checklist: {violations:#?}"
            );
        }
        submit(&client, "form[action$='/status']").await;
        assert!(text_of(&client, ".notice.error").await.contains(
            "Before it goes live, the page needs this: A title, in at least one language."
        ));
        let titles = [
            ("en", "Safe journeys"),
            ("fr", "Voyages sûrs"),
            ("es", "Viajes seguros"),
            ("ar", "رحلات آمنة"),
            ("ru", "Безопасные поездки"),
        ];
        for (lang, title) in titles {
            client
                .goto(&format!("{base}{campaign_path}"))
                .await
                .expect("campaign");
            click(&client, &format!("details:has(#title-{lang}) summary")).await;
            fill(&client, &format!("#title-{lang}"), title).await;
            fill(
                &client,
                &format!("#story-{lang}"),
                "**Information** saves lives.",
            )
            .await;
            submit(&client, &format!("form[action$='/content/{lang}']")).await;
            assert_eq!(path_of(&client).await, campaign_path, "{lang} text saved");
        }
        click(&client, "input[name=ambassador]").await;
        submit(&client, "form[action$='/ambassadors']").await;
        // Staff preview the draft in Arabic exactly as the public will see it.
        click(&client, "a[href$='/preview?lang=ar']").await;
        assert!(
            wait_until(&client, "document.documentElement.dir === 'rtl'", 5).await,
            "the Arabic preview"
        );
        assert!(text_of(&client, "h1").await.contains("رحلات آمنة"));
        assert!(text_of(&client, "main").await.contains("Preview for staff"));
        client
            .goto(&format!("{base}{campaign_path}"))
            .await
            .expect("campaign");
        submit(&client, "form[action$='/status']").await;
        assert!(text_of(&client, "main").await.contains("Status: Live"));

        // A tour and a stop that supports the campaign.
        client
            .goto(&format!("{base}/admin/lantern/tours"))
            .await
            .expect("tours");
        fill(&client, "#tour-name", "Lantern Tour").await;
        submit(&client, "form[action='/admin/lantern/tours']").await;
        find(&client, "#tour-name").await;
        client
            .goto(&format!("{base}/admin/lantern/tours"))
            .await
            .expect("tours");
        fill(&client, "#title", "Lantern Tour: Barcelona").await;
        fill(&client, "#venue", "Sea Hall").await;
        fill(&client, "#city", "Barcelona").await;
        fill(&client, "#country", "ES").await;
        fill(&client, "#time_zone", "Europe/Madrid").await;
        set_value(&client, "#starts_at", "2026-05-30T21:30").await;
        fill(&client, "#attendance", "17640").await;
        fill(&client, "#attendance_source", "ticket scanner").await;
        script(
            &client,
            "const tours = document.querySelector('#tour_id'); \
             tours.value = [...tours.options].find(o => o.text === 'Lantern Tour').value;",
        )
        .await;
        submit(&client, "form[action='/admin/lantern/engagements']").await;
        find(&client, "input[name=campaign]").await;
        click(&client, "input[name=campaign]").await;
        submit(&client, "form[action$='/campaigns']").await;
        find(&client, "input[name=campaign]:checked").await;

        // A second stop, added from the tour's page: in the tour, in the last stop's time
        // zone, supporting the same campaign.
        client
            .goto(&format!("{base}/admin/lantern/tours"))
            .await
            .expect("tours");
        click(&client, ".cards a[href^='/admin/lantern/tours/']").await;
        find(&client, "details.add-stop").await;
        if let Ok(axe_source) = std::fs::read_to_string(AXE) {
            let violations = axe_violations(&client, &axe_source).await;
            assert!(violations.is_empty(), "tour page: {violations:#?}");
        }
        click(&client, "details.add-stop summary").await;
        assert_eq!(
            script(
                &client,
                "return document.querySelector('.add-stop #time_zone').value;"
            )
            .await,
            json!("Europe/Madrid")
        );
        fill(&client, ".add-stop #title", "Lantern Tour: Valencia").await;
        fill(&client, ".add-stop #city", "Valencia").await;
        fill(&client, ".add-stop #country", "ES").await;
        set_value(&client, ".add-stop #starts_at", "2026-06-02T21:30").await;
        submit(&client, "form[action$='/stops']").await;
        assert!(text_of(&client, ".notice.ok")
            .await
            .contains("Stop added: Lantern Tour: Valencia. Like the tour's other stops, it supports 1 campaign(s)"));
        assert!(text_of(&client, "main").await.contains("Valencia"));

        // The public pages, in every language, right-to-left in Arabic, pass axe-core.
        client.delete_all_cookies().await.expect("clear cookies");
        for (lang, title) in titles {
            client
                .goto(&format!("{base}/lantern/safe-journeys?lang={lang}"))
                .await
                .expect("public page");
            assert_eq!(text_of(&client, "h1").await, title);
            let dir = client
                .find(Locator::Css("html"))
                .await
                .expect("html")
                .attr("dir")
                .await
                .expect("dir");
            assert_eq!(
                dir.as_deref(),
                Some(if lang == "ar" { "rtl" } else { "ltr" })
            );
            let main = text_of(&client, "main").await;
            assert!(
                main.contains("Mira Osei") && main.contains("Lantern Tour: Barcelona"),
                "{lang}: {main}"
            );
            let violations = axe_violations(&client, &axe_source).await;
            assert!(
                violations.is_empty(),
                "campaign page ({lang}): {violations:#?}"
            );
            client
                .goto(&format!("{base}/lantern?lang={lang}"))
                .await
                .expect("org page");
            let violations = axe_violations(&client, &axe_source).await;
            assert!(
                violations.is_empty(),
                "organization page ({lang}): {violations:#?}"
            );
        }
        client
            .goto(&format!("{base}/lantern/no-such-campaign?lang=ar"))
            .await
            .expect("404 page");
        let violations = axe_violations(&client, &axe_source).await;
        assert!(violations.is_empty(), "not-found page: {violations:#?}");
    };
    let outcome = tokio::time::timeout(Duration::from_secs(180), run).await;
    let _ = client.close().await;
    outcome.expect("the browser test finished within 180 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tour_codes_poster_scan_and_the_visit_on_the_staff_page() {
    let Some(driver) = start_driver().await else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite, "browser touchpoints")
        .await
        .expect("sqlite app");
    let org = app.seed_org("lantern", "Lantern Aid").await;
    app.seed_member(
        &org,
        "owner@lantern.example",
        chorus::domain::role::Role::Owner,
        PASSWORD,
    )
    .await;
    // The program itself through the API (the campaign browser test covers those pages).
    let api = app.client();
    api.login("owner@lantern.example", PASSWORD).await;
    let (_, campaign) = api
        .json(
            "POST",
            "/api/v1/orgs/lantern/campaigns",
            Some(json!({ "slug": "safe-journeys", "theme": "Safe journeys", "kind": "awareness" })),
        )
        .await;
    let cid = campaign["id"].as_i64().expect("id");
    api.json(
        "PUT",
        &format!("/api/v1/orgs/lantern/campaigns/{cid}/content/en"),
        Some(json!({ "title": "Safe journeys", "call_to_action": "Sign the pledge" })),
    )
    .await;
    api.json(
        "PUT",
        &format!("/api/v1/orgs/lantern/campaigns/{cid}/content/es"),
        Some(json!({ "title": "Viajes seguros", "call_to_action": "Firma el compromiso" })),
    )
    .await;
    api.json(
        "PUT",
        &format!("/api/v1/orgs/lantern/campaigns/{cid}/status"),
        Some(json!({ "status": "live" })),
    )
    .await;
    let (_, tour) = api
        .json(
            "POST",
            "/api/v1/orgs/lantern/tours",
            Some(json!({ "name": "Lantern Tour" })),
        )
        .await;
    for (city, day) in [("Lisbon", "2026-05-09"), ("Porto", "2026-05-12")] {
        api.json("POST", "/api/v1/orgs/lantern/engagements", Some(json!({ "tour_id": tour["id"], "kind": "concert", "title": city,
            "city": city, "country": "PT", "time_zone": "Europe/Lisbon", "starts_at": format!("{day}T21:00") }))).await;
    }

    let client = browser(&driver).await;
    let base = app.base.clone();
    let run = async {
        log_in(&client, &base, "owner@lantern.example", "/admin/lantern").await;

        // One code per stop of the tour.
        client
            .goto(&format!("{base}/admin/lantern/touchpoints"))
            .await
            .expect("touchpoints");
        submit(&client, "form[action='/admin/lantern/touchpoints/tour']").await;
        assert!(text_of(&client, ".notice.ok")
            .await
            .contains("Created 2 code(s)"));
        // Run again, it makes no second code for a stop and says so.
        submit(&client, "form[action='/admin/lantern/touchpoints/tour']").await;
        let again = text_of(&client, ".notice.ok").await;
        assert!(
            again.contains("Created 0 code(s)")
                && again.contains("already had one, which they keep: Lisbon, Porto"),
            "{again}"
        );
        assert_eq!(
            script(
                &client,
                "return document.querySelectorAll('#repoint tbody tr').length;"
            )
            .await,
            json!(2)
        );
        // Each code's link has a copy button (the page's script shows it).
        assert_eq!(
            script(
                &client,
                "return [...document.querySelectorAll('button[data-copy]')]\n\
                   .filter(b => !b.hidden && b.dataset.copy.startsWith(location.origin + '/t/')).length;"
            )
            .await,
            json!(2)
        );
        click(&client, "td a[href*='/touchpoints/']").await;
        find(&client, "a[href$='/poster']").await;
        let detail_path = path_of(&client).await;
        let code = text_of(&client, "h1 code").await;

        // The poster: the big code and the short URL in text under it.
        click(&client, "a[href$='/poster']").await;
        let short_url = text_of(&client, ".poster-url").await;
        assert_eq!(short_url, format!("{base}/t/{code}"));
        let qr_loaded = client
            .execute("const i = document.querySelector('.poster-qr'); return i.complete && i.naturalWidth >= 1200;", vec![])
            .await
            .expect("script");
        assert_eq!(qr_loaded, json!(true), "the QR image loads");
        // It names the stop, its place and its day: in the campaign's language, as Portugal's
        // is not one of Chorus's, or in Spanish when asked.
        let stop = text_of(&client, ".poster-stop").await;
        assert!(
            stop.contains("Porto") && stop.contains("12 May 2026, 21:00"),
            "{stop}"
        );
        client
            .goto(&format!("{base}{detail_path}/poster?lang=es"))
            .await
            .expect("poster in Spanish");
        assert_eq!(text_of(&client, "h1").await, "Viajes seguros");
        let stop = text_of(&client, ".poster-stop").await;
        assert!(stop.contains("12 de mayo de 2026, 21:00"), "{stop}");

        // Following the URL inside the QR code lands on the campaign page.
        client
            .goto(&format!("{base}/t/{code}/q"))
            .await
            .expect("scan");
        wait_for_path(&client, "/lantern/safe-journeys").await;
        assert_eq!(text_of(&client, "h1").await, "Safe journeys");

        // The visit shows on the staff page once written (batches are under a second old).
        let mut shown = false;
        for _ in 0..30 {
            client
                .goto(&format!("{base}{detail_path}"))
                .await
                .expect("detail");
            let main = text_of(&client, "main").await;
            if main.contains("Bots and previews") {
                let cells = client
                    .execute("return [...document.querySelectorAll('tbody tr:first-child td')].map(td => td.textContent);", vec![])
                    .await
                    .expect("cells");
                // Day, people, unique visitors, scans, links, bots.
                let figures: Vec<&str> = cells
                    .as_array()
                    .expect("array")
                    .iter()
                    .skip(1)
                    .take(5)
                    .filter_map(|c| c.as_str())
                    .collect();
                assert_eq!(figures, ["1", "1", "1", "0", "0"], "{cells}");
                shown = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert!(shown, "the visit appeared on the staff page");
        // The code list counts it too: one visit, one scan.
        client
            .goto(&format!("{base}/admin/lantern/touchpoints"))
            .await
            .expect("touchpoints");
        let counted = script(
            &client,
            &format!(
                "const row = [...document.querySelectorAll('#repoint tbody tr')]\n\
                   .find(tr => tr.textContent.includes('{code}'));\n\
                 return [...row.querySelectorAll('td')].slice(-2).map(td => td.textContent);"
            ),
        )
        .await;
        assert_eq!(counted, json!(["1", "1"]));
    };
    let outcome = tokio::time::timeout(Duration::from_secs(120), run).await;
    let _ = client.close().await;
    outcome.expect("the browser test finished within 120 s");
}

/// Switches the browser's network off or on (Chrome DevTools through chromedriver).
async fn set_offline(driver: &Driver, client: &Client, offline: bool) {
    let session = client
        .session_id()
        .await
        .expect("session")
        .expect("a session id");
    let http = reqwest::Client::new();
    for (cmd, params) in [
        ("Network.enable", json!({})),
        (
            "Network.emulateNetworkConditions",
            json!({ "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        ),
    ] {
        let answer = http
            .post(format!("{}/session/{session}/goog/cdp/execute", driver.url))
            .json(&json!({ "cmd": cmd, "params": params }))
            .send()
            .await
            .expect("cdp");
        assert!(answer.status().is_success(), "{cmd}: {}", answer.status());
    }
}

async fn script(client: &Client, source: &str) -> serde_json::Value {
    client.execute(source, vec![]).await.expect("script")
}

/// Waits up to `seconds` for `condition` (a JavaScript expression) to be true on the page.
async fn wait_until(client: &Client, condition: &str, seconds: u64) -> bool {
    for _ in 0..seconds * 10 {
        if script(client, &format!("return !!({condition});")).await == json!(true) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fan_scans_pledges_confirms_and_pledges_again_offline() {
    let Some(driver) = start_driver().await else {
        return;
    };
    let sink = crate::smtp::SmtpSink::start().await;
    let smtp = chorus::mail::SmtpUrl::parse(&sink.url).expect("smtp url");
    // Proof of work required: the page's script must solve it or no pledge gets through.
    let app = TestApp::spawn_configured(Backend::Sqlite, "browser pledge", |config| {
        config.demo = true;
        config.smtp_url = Some(smtp);
        config.proof_of_work = true;
    })
    .await
    .expect("sqlite app");
    let org = app
        .store
        .org_by_slug("demo")
        .await
        .expect("q")
        .expect("org");
    let campaign = app
        .store
        .campaign_by_slug(org.id, "open-roads")
        .await
        .expect("q")
        .expect("campaign");
    let client = browser(&driver).await;
    let base = app.base.clone();
    let confirm_link = |text: String| -> String {
        let start = text.find("/confirm/").expect("a confirmation link");
        text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect()
    };
    let run = async {
        // The QR code at the venue, then the campaign page's pledge button.
        client
            .goto(&format!("{base}/t/DEMQ222/q"))
            .await
            .expect("scan");
        wait_for_path(&client, "/demo/open-roads").await;
        click(&client, "a.button[href*='/pledge']").await;
        wait_for_path(&client, "/demo/open-roads/pledge").await;
        // The form is accessible (when axe-core is installed; the page test requires it in CI).
        if let Ok(axe_source) = std::fs::read_to_string(AXE) {
            let violations = axe_violations(&client, &axe_source).await;
            assert!(violations.is_empty(), "pledge form: {violations:#?}");
        }
        fill(&client, "#name", "Ana Lima").await;
        fill(&client, "#email", "ana@fans.example").await;
        fill(&client, "#country", "Portugal").await;
        click(&client, "input[name=consent]").await;
        // A person takes a moment; the form refuses anything sent within two seconds. Meanwhile
        // the page solves its proof of work, and the server agrees with the answer.
        tokio::time::sleep(Duration::from_millis(2_100)).await;
        assert!(
            wait_until(
                &client,
                "document.querySelector('input[name=pow]').value",
                10
            )
            .await,
            "the proof of work is solved in the background"
        );
        let answer =
            |name: &str| format!("return document.querySelector('input[name={name}]').value;");
        let (token, nonce) = (
            script(&client, &answer("token")).await,
            script(&client, &answer("pow")).await,
        );
        assert!(chorus::domain::supporter::proof_of_work_solved(
            token.as_str().expect("token"),
            nonce.as_str().expect("nonce"),
            chorus::domain::supporter::PROOF_OF_WORK_BITS
        ));
        click(&client, "form.act button[type=submit]").await;
        wait_for_path(&client, "/demo/open-roads/thanks").await;
        assert!(text_of(&client, "h1").await.contains("Thank you"));

        // The share step: plain links that open the apps, and the campaign's own link to copy
        // (the phone's share sheet where the browser has one).
        let share = script(
            &client,
            "return [document.getElementById('share-link').value, \
               [...document.querySelectorAll('.share a')].map(a => a.href), \
               !document.querySelector('.share-copy button').hidden || \
               !document.querySelector('.share-sheet').hidden];",
        )
        .await;
        let link = share[0].as_str().expect("the link");
        assert!(link.ends_with("/demo/open-roads?lang=en"), "{share}");
        let encoded: String = url::form_urlencoded::byte_serialize(link.as_bytes()).collect();
        let apps = share[1].as_array().expect("links");
        assert_eq!(apps.len(), 4, "{share}");
        assert!(
            apps.iter()
                .all(|href| href.as_str().is_some_and(|h| h.contains(&encoded))),
            "every link carries the campaign's: {share}"
        );
        assert_eq!(share[2], json!(true), "a button copies or shares");
        if let Ok(axe_source) = std::fs::read_to_string(AXE) {
            let violations = axe_violations(&client, &axe_source).await;
            assert!(violations.is_empty(), "thank-you page: {violations:#?}");
        }

        // The confirmation email, then its link.
        let mail = sink
            .message_for("ana@fans.example", Duration::from_secs(10))
            .await
            .expect("confirmation email");
        client
            .goto(&format!("{base}{}", confirm_link(mail.text())))
            .await
            .expect("confirm");
        wait_for_path(&client, "/demo/open-roads/thanks").await;
        assert!(text_of(&client, "h1").await.contains("Confirmed"));
        let counts = app
            .store
            .action_counts(campaign.org_id, campaign.id)
            .await
            .expect("counts");
        assert_eq!(counts.pledges, 1);
        let row = &app
            .store
            .campaign_actions(
                org.id,
                campaign.id,
                &chorus::store::ActionFilter {
                    limit: 10,
                    ..Default::default()
                },
            )
            .await
            .expect("rows")[0];
        assert_eq!(
            row.touchpoint_code.as_deref(),
            Some("DEMQ222"),
            "attributed to the scanned code"
        );

        // A second fan loses the connection while sending: kept on the phone, sent once back.
        client
            .goto(&format!("{base}/demo/open-roads/pledge?lang=en"))
            .await
            .expect("form");
        fill(&client, "#name", "Bo Silva").await;
        fill(&client, "#email", "bo@fans.example").await;
        fill(&client, "#country", "Brasil").await;
        click(&client, "input[name=consent]").await;
        tokio::time::sleep(Duration::from_millis(2_100)).await;
        set_offline(&driver, &client, true).await;
        click(&client, "form.act button[type=submit]").await;
        assert!(
            wait_until(
                &client,
                "document.querySelector('.status').textContent.includes('saved on this phone')",
                10
            )
            .await,
            "the page says the form is kept"
        );
        let kept = script(
            &client,
            "return JSON.parse(localStorage.getItem('chorus-outbox') || '[]').length;",
        )
        .await;
        assert_eq!(kept, json!(1));
        assert_eq!(
            app.store
                .action_counts(campaign.org_id, campaign.id)
                .await
                .expect("c")
                .pledges_unconfirmed,
            0,
            "nothing reached the server"
        );
        set_offline(&driver, &client, false).await;
        assert!(
            wait_until(
                &client,
                "document.querySelector('.status').textContent.includes('has been sent')",
                15
            )
            .await,
            "the kept form is sent when the connection returns"
        );
        assert_eq!(
            script(
                &client,
                "return JSON.parse(localStorage.getItem('chorus-outbox') || '[]').length;"
            )
            .await,
            json!(0)
        );
        assert_eq!(
            app.store
                .action_counts(campaign.org_id, campaign.id)
                .await
                .expect("c")
                .pledges_unconfirmed,
            1
        );

        // The campaign page's counter follows the confirmation live, without a reload.
        client
            .goto(&format!("{base}/demo/open-roads?lang=en"))
            .await
            .expect("page");
        assert!(
            wait_until(
                &client,
                "document.querySelector('[data-count=pledges]').textContent === '1'",
                5
            )
            .await,
            "the counter shows the first confirmed pledge"
        );
        let mail = sink
            .message_for("bo@fans.example", Duration::from_secs(10))
            .await
            .expect("second confirmation email");
        let visitor = app.client();
        let confirmed = visitor.get(&confirm_link(mail.text())).await;
        assert_eq!(confirmed.status, 303);
        // The second to confirm is told so, in the language of the pledge.
        let thanks = visitor
            .get(confirmed.location().expect("thanks"))
            .await
            .body;
        assert!(
            thanks.contains("You are supporter no. 2.") || thanks.contains("n° 2"),
            "{thanks}"
        );
        assert!(
            wait_until(
                &client,
                "document.querySelector('[data-count=pledges]').textContent === '2'",
                3
            )
            .await,
            "the counter moved without a reload"
        );
        assert_eq!(
            app.store
                .action_counts(campaign.org_id, campaign.id)
                .await
                .expect("c")
                .pledges,
            2
        );
    };
    let outcome = tokio::time::timeout(Duration::from_secs(120), run).await;
    let _ = client.close().await;
    outcome.expect("the browser test finished within 120 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fan_scans_gives_with_test_payments_and_staff_see_the_gift() {
    let Some(driver) = start_driver().await else {
        return;
    };
    let (app, _) =
        demo_with_member("browser gift", false, "treasurer@demo.example", Role::Admin).await;
    let client = browser(&driver).await;
    let base = app.base.clone();
    let run = async {
        // The venue's QR code, then the campaign page in Spanish on a phone: on a fundraising
        // campaign, Donate is the first action.
        client
            .goto(&format!("{base}/t/DEMQ222/q"))
            .await
            .expect("scan");
        wait_for_path(&client, "/demo/open-roads").await;
        client
            .goto(&format!("{base}/demo/open-roads?lang=es"))
            .await
            .expect("in Spanish");
        let title = text_of(&client, "h1").await;
        let first_action = "document.querySelector('.act-links a').getAttribute('href')";
        assert!(
            script(&client, &format!("return {first_action};"))
                .await
                .as_str()
                .is_some_and(|href| href.contains("/donate")),
            "Donate comes first"
        );
        click(&client, ".act-links a[href*='/donate']").await;
        wait_for_path(&client, "/demo/open-roads/donate").await;
        if let Ok(axe_source) = std::fs::read_to_string(AXE) {
            let violations = axe_violations(&client, &axe_source).await;
            assert!(violations.is_empty(), "donate form: {violations:#?}");
        }
        // One amount is chosen already, written the Spanish way; every choice is a tap target
        // of at least 44 × 44 px.
        let chosen = script(
            &client,
            "const input = document.querySelector('input[name=amount]:checked'); \
             return input && [input.value, input.nextElementSibling.textContent];",
        )
        .await;
        assert_eq!(chosen, json!(["25.00", "25\u{a0}€"]));
        let smallest = script(
            &client,
            "return Math.min(...[...document.querySelectorAll('.choices span')].map(s => { \
               const r = s.getBoundingClientRect(); return Math.min(r.width, r.height); }));",
        )
        .await;
        assert!(smallest.as_f64().is_some_and(|px| px >= 44.0), "{smallest}");
        // A person takes a moment (sooner, the form asks for its proof of work).
        tokio::time::sleep(Duration::from_millis(2_100)).await;
        click(&client, "form.donate button[type=submit]").await;

        // The test provider's labelled page stands in for Stripe's, in Spanish, naming the
        // campaign by its title and the amount as Spanish writes it.
        assert!(
            wait_until(&client, "location.pathname.startsWith('/pay/test/')", 10).await,
            "to the test checkout"
        );
        let checkout = text_of(&client, "main").await;
        assert!(checkout.contains("no se mueve dinero"), "{checkout}");
        assert!(checkout.contains(&title), "{title} in {checkout}");
        let amount = "return document.querySelector('main').textContent.includes('25\\u00a0€');";
        assert_eq!(script(&client, amount).await, json!(true), "{checkout}");
        click(&client, "button[value=paid]").await;
        wait_for_path(&client, "/demo/open-roads/gift").await;
        assert!(text_of(&client, "h1")
            .await
            .contains("¡Gracias por tu donación!"));

        // The gift reaches the campaign's progress bar once its signed events are applied.
        let mut shown = false;
        for _ in 0..50 {
            client
                .goto(&format!("{base}/demo/open-roads?lang=en"))
                .await
                .expect("page");
            if text_of(&client, ".progress").await.contains("€25 raised") {
                shown = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(shown, "{}", text_of(&client, ".progress").await);
        assert_eq!(
            script(&client, "return document.querySelector('progress').value;")
                .await
                .as_f64(),
            Some(2500.0)
        );

        // Staff see it in /admin, attributed to the scanned code.
        log_in(&client, &base, "treasurer@demo.example", "/admin/demo").await;
        client
            .goto(&format!("{base}/admin/demo/payments"))
            .await
            .expect("payments");
        let gifts = text_of(&client, "main").await;
        assert!(gifts.contains("25.00 EUR"), "{gifts}");
        assert!(gifts.contains("succeeded"), "{gifts}");
    };
    let outcome = tokio::time::timeout(Duration::from_secs(120), run).await;
    let _ = client.close().await;
    outcome.expect("the browser test finished within 120 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_read_reports_and_the_venue_screen_follows_a_pledge() {
    let Some(driver) = start_driver().await else {
        return;
    };
    // The demo with its synthetic tour, so every report has something to show.
    let (app, org) =
        demo_with_member("browser reports", true, "reports@demo.example", Role::Admin).await;
    let campaign = app
        .store
        .campaign_by_slug(org.id, "open-roads")
        .await
        .expect("q")
        .expect("campaign")
        .id
        .0;
    let client = browser(&driver).await;
    let base = app.base.clone();
    let axe = std::fs::read_to_string(AXE).ok();
    let run = async {
        // The dashboard's key figures of the campaign are the report's, link by link.
        log_in(&client, &base, "reports@demo.example", "/admin/demo").await;
        let summary = format!("section[aria-labelledby='summary-{campaign}']");
        let on_dashboard = script(
            &client,
            &format!(
                "return [...document.querySelectorAll(\"{summary} [data-figure]\")]\n\
                   .map(e => [e.dataset.figure, e.textContent.trim()]);"
            ),
        )
        .await;
        let on_dashboard = on_dashboard.as_array().expect("figures").clone();
        assert_eq!(on_dashboard.len(), 7, "{on_dashboard:?}");
        click(
            &client,
            &format!("{summary} a[href^='/admin/demo/reports?']"),
        )
        .await;
        wait_for_path(&client, "/admin/demo/reports").await;
        let in_report = script(
            &client,
            "return Object.fromEntries([...document.querySelectorAll('#table-figures tbody tr')]\n\
               .filter(tr => tr.querySelector('th a'))\n\
               .map(tr => [tr.querySelector('th a').getAttribute('href')\n\
                 .split('/method/')[1].split('?')[0], tr.querySelector('td').textContent.trim()]));",
        )
        .await;
        for figure in &on_dashboard {
            let key = figure[0].as_str().expect("key");
            assert_eq!(in_report[key], figure[1], "{key}: {in_report}");
        }
        assert!(
            on_dashboard.iter().any(|f| f[1] != json!("0")),
            "the demo has activity: {on_dashboard:?}"
        );

        // One click for the last 7 days; choosing another campaign keeps that period, and
        // after custom dates, choosing a campaign shows its run, not the stale dates.
        let today = jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date();
        let period_said = || async { text_of(&client, "#period").await };
        click(&client, ".periods a[href*='period=7-days']").await;
        let week_ago = today.saturating_sub(jiff::Span::new().days(6));
        assert!(
            period_said()
                .await
                .starts_with(&format!("{week_ago} to {today}")),
            "{}",
            period_said().await
        );
        assert_eq!(
            text_of(&client, ".periods a[aria-current]").await,
            "Last 7 days"
        );
        set_value(&client, "#r-campaign", "").await;
        submit(&client, "#report-what").await;
        assert_eq!(
            text_of(&client, ".periods a[aria-current]").await,
            "Last 7 days"
        );
        assert_eq!(
            find(&client, "#r-campaign")
                .await
                .prop("value")
                .await
                .expect("value"),
            Some(String::new())
        );
        set_value(&client, "#r-from", "2025-01-01").await;
        set_value(&client, "#r-to", "2025-01-31").await;
        submit(&client, "#report-days").await;
        assert!(period_said().await.starts_with("2025-01-01 to 2025-01-31"));
        set_value(&client, "#r-campaign", &campaign.to_string()).await;
        submit(&client, "#report-what").await;
        assert_eq!(
            text_of(&client, ".periods a[aria-current]").await,
            "Campaign to date"
        );
        assert!(
            period_said().await.contains(&format!(" to {today}")),
            "{}",
            period_said().await
        );
        if let Some(axe) = &axe {
            let violations = axe_violations(&client, axe).await;
            assert!(
                violations.is_empty(),
                "reports with periods: {violations:#?}"
            );
        }

        // The report of the tour's campaign: every stop side by side, charts, PDF.
        click(&client, "nav a[href='/admin/demo/reports']").await;
        wait_for_path(&client, "/admin/demo/reports").await;
        client
            .goto(&format!("{base}/admin/demo/reports?campaign={campaign}"))
            .await
            .expect("campaign report");
        let stops = text_of(&client, "#table-stops").await;
        for city in ["New York", "Mexico City", "Barcelona", "London", "Berlin"] {
            assert!(stops.contains(city), "{city} in {stops}");
        }
        assert_eq!(
            script(
                &client,
                "return document.querySelectorAll('svg.chart[role=img]').length;"
            )
            .await,
            json!(5),
            "funnel, stops, and visits, actions and gifts per day"
        );
        if let Some(axe) = &axe {
            let violations = axe_violations(&client, axe).await;
            assert!(violations.is_empty(), "reports: {violations:#?}");
        }
        let pdf = script(
            &client,
            "const a = document.querySelector('a[href*=\"reports.pdf\"]');\n\
             return a ? a.getAttribute('href') : null;",
        )
        .await;
        let pdf = pdf.as_str().expect("a PDF link").to_string();
        let fetched = client
            .execute_async(
                "const done = arguments[arguments.length - 1];\n\
                 fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done([r.status,\n\
                   r.headers.get('content-type'), new TextDecoder().decode(b.slice(0, 5))])));",
                vec![json!(pdf)],
            )
            .await
            .expect("download");
        assert_eq!(fetched, json!([200, "application/pdf", "%PDF-"]));

        // The transparency page, once published.
        client
            .goto(&format!("{base}/admin/demo/campaigns/{campaign}"))
            .await
            .expect("campaign");
        click(&client, "form[action$='/transparency'] button").await;
        // The same page comes back (so its path tells nothing), now offering to turn it off.
        client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::XPath(
                "//form[contains(@action, '/transparency')]/button[normalize-space()='Turn it off']",
            ))
            .await
            .expect("published");
        // The campaign page links it, in the visitor's language.
        client
            .goto(&format!("{base}/demo/open-roads?lang=en"))
            .await
            .expect("campaign page");
        click(&client, "a[href='/demo/open-roads/transparency?lang=en']").await;
        wait_for_path(&client, "/demo/open-roads/transparency").await;
        assert!(text_of(&client, "main").await.contains("Key figures"));
        if let Some(axe) = &axe {
            let violations = axe_violations(&client, axe).await;
            assert!(violations.is_empty(), "transparency: {violations:#?}");
        }

        // The venue screen in its own window; a fan pledges in another.
        let staff_window = client.window().await.expect("window");
        let screen = client.new_window(true).await.expect("new window").handle;
        client
            .switch_to_window(screen.clone())
            .await
            .expect("switch");
        client
            .goto(&format!("{base}/demo/open-roads/live?lang=en"))
            .await
            .expect("screen");
        if let Some(axe) = &axe {
            let violations = axe_violations(&client, axe).await;
            assert!(violations.is_empty(), "venue screen: {violations:#?}");
        }
        let before: i64 = text_of(&client, "#people")
            .await
            .replace(',', "")
            .parse()
            .expect("people");
        let fan = client.new_window(true).await.expect("new window").handle;
        client.switch_to_window(fan).await.expect("switch");
        client
            .goto(&format!("{base}/demo/open-roads/pledge?lang=en"))
            .await
            .expect("form");
        fill(&client, "#name", "Lena Park").await;
        fill(&client, "#email", "lena@fans.example").await;
        fill(&client, "#country", "Korea").await;
        fill(&client, "#message", "See you in Berlin!").await;
        click(&client, "input[name=show_name]").await;
        click(&client, "input[name=consent]").await;
        tokio::time::sleep(Duration::from_millis(2_100)).await;
        click(&client, "form.act button[type=submit]").await;
        wait_for_path(&client, "/demo/open-roads/thanks").await;
        // The screen counts confirmed signatures, as the phone does: the fan follows the
        // emailed link (no SMTP here: the link the email would carry).
        let action = crate::actions::all_actions(&app.store)
            .await
            .into_iter()
            .find(|a| a.email == "lena@fans.example")
            .expect("the pledge");
        let link = crate::actions::confirmation_link(&app.store, &action).await;
        client
            .goto(&format!("{base}{link}"))
            .await
            .expect("confirm");
        wait_for_path(&client, "/demo/open-roads/thanks").await;
        assert!(text_of(&client, "main")
            .await
            .contains("confirmed signatures"));

        client
            .switch_to_window(screen.clone())
            .await
            .expect("switch");
        let after = format!("{}", before + 1);
        let moved = wait_until(
            &client,
            &format!("document.getElementById('people').textContent.replace(/[^0-9]/g, '') === '{after}'"),
            5,
        )
        .await;
        assert!(
            moved,
            "the screen counts the pledge: {}",
            text_of(&client, "#people").await
        );
        assert!(
            !text_of(&client, "#entries").await.contains("Lena Park"),
            "no name before moderation"
        );

        // Staff approve; the screen shows the name and message without a reload.
        client.switch_to_window(staff_window).await.expect("switch");
        client
            .goto(&format!("{base}/admin/demo/campaigns/{campaign}/live"))
            .await
            .expect("moderation");
        let waiting = text_of(&client, "main").await;
        assert!(waiting.contains("Lena Park") && waiting.contains("See you in Berlin!"));
        click(&client, "input[aria-label='Choose Lena Park']").await;
        click(&client, "button[value=approve]").await;
        wait_for_path(&client, &format!("/admin/demo/campaigns/{campaign}/live")).await;
        client.switch_to_window(screen).await.expect("switch");
        assert!(
            wait_until(
                &client,
                "document.getElementById('entries').textContent.includes('See you in Berlin!')",
                5
            )
            .await,
            "the approved message reaches the screen: {}",
            text_of(&client, "#entries").await
        );
        assert!(text_of(&client, "#entries").await.contains("Lena Park"));
    };
    let outcome = tokio::time::timeout(Duration::from_secs(150), run).await;
    let _ = client.close().await;
    outcome.expect("the browser test finished within 150 s");
}

/// What the loopback proxy between the browser and Chorus does, as a venue's network might.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Network {
    Up,
    /// Connections are closed at once (a cut cable, a phone changing cells).
    Down,
    /// Every request is answered 503 (a balancer with no process ready).
    Unavailable,
    /// Connections stay open and pass nothing (a proxy or a radio that died silently).
    Frozen,
    /// Requests reach Chorus; their answers are lost on the way back.
    Deaf,
}

/// A TCP proxy on a free port in front of `upstream`, whose network the test switches.
struct FlakyProxy {
    base: String,
    network: tokio::sync::watch::Sender<Network>,
}

impl FlakyProxy {
    async fn start(upstream: &str) -> Self {
        let upstream = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("proxy port");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let (network, _) = tokio::sync::watch::channel(Network::Up);
        let watched = network.clone();
        tokio::spawn(async move {
            while let Ok((inbound, _)) = listener.accept().await {
                let (upstream, network) = (upstream.clone(), watched.subscribe());
                tokio::spawn(FlakyProxy::carry(inbound, upstream, network));
            }
        });
        Self { base, network }
    }

    fn set(&self, network: Network) {
        self.network.send_replace(network);
    }

    /// One connection, as the network is now and until it changes.
    async fn carry(
        mut inbound: tokio::net::TcpStream,
        upstream: String,
        mut network: tokio::sync::watch::Receiver<Network>,
    ) {
        use tokio::io::AsyncWriteExt;
        let now = *network.borrow_and_update();
        match now {
            Network::Down => {}
            Network::Unavailable => {
                let answer = "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
                let _ = inbound.write_all(answer.as_bytes()).await;
            }
            Network::Frozen => {
                // Held open, passing nothing, until the network changes; then dropped.
                let _ = network.changed().await;
            }
            Network::Deaf => {
                let Ok(outbound) = tokio::net::TcpStream::connect(&upstream).await else {
                    return;
                };
                // The answers wait unread in `_answers` until the connection is dropped.
                let (mut requests, _to_browser) = inbound.into_split();
                let (_answers, mut to_chorus) = outbound.into_split();
                tokio::select! {
                    _ = tokio::io::copy(&mut requests, &mut to_chorus) => {}
                    _ = network.changed() => {}
                }
            }
            Network::Up => {
                let Ok(mut outbound) = tokio::net::TcpStream::connect(&upstream).await else {
                    return;
                };
                let changed = tokio::select! {
                    _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => None,
                    changed = network.wait_for(|n| *n != Network::Up) => changed.ok().map(|n| *n),
                };
                if changed == Some(Network::Frozen) {
                    // The open connection stops passing bytes without closing.
                    let _ = network.wait_for(|n| *n != Network::Frozen).await;
                }
            }
        }
    }
}

/// A fan's pledge on the demo campaign through `fan` (a client of the server itself, not of
/// the proxy), confirmed by its emailed link: the count screens and counters show moves by one.
async fn confirmed_pledge(app: &TestApp, fan: &crate::support::Client, n: usize) {
    use crate::actions::{all_actions, confirmation_link, pledge_fields, post_pledge, token};
    let (_, campaign) = crate::support::demo_campaign(&app.store, "open-roads").await;
    let email = format!("venue{n}@example.org");
    let signed = token(&app.store, campaign.id, 5, &format!("venue-{n}")).await;
    assert_eq!(
        post_pledge(fan, &pledge_fields(&signed, &email))
            .await
            .status,
        303
    );
    let action = all_actions(&app.store)
        .await
        .into_iter()
        .find(|a| a.email == email)
        .expect("the pledge");
    let link = confirmation_link(&app.store, &action).await;
    assert_eq!(fan.get(&link).await.status, 303);
}

/// One outage between the browser and Chorus: the proxy plays `network` until the page says it
/// is waiting (`waiting`, a script expression, within `notice` seconds), `lasting` longer, then
/// the network is back and the fan's `n`-th confirmed pledge is made. Returns how long the
/// outage took to be noticed and how long after the network came back the page showed `n`
/// (`shown` makes the expression that says so).
async fn outage(
    client: &fantoccini::Client,
    (proxy, network, lasting): (&FlakyProxy, Network, Duration),
    (waiting, notice): (&str, u64),
    (app, fan, n): (&TestApp, &crate::support::Client, usize),
    shown: impl Fn(usize) -> String,
) -> (Duration, Duration) {
    use std::time::Instant;

    let what = format!("{network:?}");
    proxy.set(network);
    let started = Instant::now();
    assert!(
        wait_until(client, waiting, notice).await,
        "{what}: said on the page"
    );
    let noticed = started.elapsed();
    tokio::time::sleep(lasting).await;
    proxy.set(Network::Up);
    let back = Instant::now();
    confirmed_pledge(app, fan, n).await;
    assert!(
        wait_until(client, &shown(n), 5).await,
        "{what}: right again after"
    );
    (noticed, back.elapsed())
}

/// The venue screen through a venue's network: a connection that dies silently is noticed
/// within ten seconds and replaced, and after a cut, a run of 503s or a frozen proxy the
/// screen is right again within seconds of the network coming back, saying "reconnecting"
/// meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_venue_screen_comes_back_after_the_network() {
    let Some(driver) = start_driver().await else {
        return;
    };
    let app = TestApp::spawn_with(Backend::Sqlite, "browser network", true)
        .await
        .expect("sqlite app");
    let proxy = FlakyProxy::start(&app.base).await;
    let client = browser(&driver).await;
    let fan = app.client();
    let people = "document.getElementById('people').textContent";
    let reconnecting = "!document.getElementById('status').hidden";
    let run = async {
        client
            .goto(&format!("{}/demo/open-roads/live?lang=en", proxy.base))
            .await
            .expect("screen");
        assert!(wait_until(&client, "window.chorusFollow", 5).await);
        tokio::time::sleep(Duration::from_secs(1)).await;
        let shown = |n| format!("{people} === '{n}'");
        let page = (&app, &fan);

        // Frozen: noticed within ten seconds (plus the one-second check), said on screen.
        let frozen = (&proxy, Network::Frozen, Duration::ZERO);
        let (noticed, after_frozen) = outage(
            &client,
            frozen,
            (reconnecting, 13),
            (page.0, page.1, 1),
            shown,
        )
        .await;
        assert!(
            noticed >= Duration::from_secs(9),
            "not before ten silent seconds: {noticed:?}"
        );
        assert!(!script(&client, &format!("return {reconnecting};"))
            .await
            .as_bool()
            .unwrap_or(true));

        // A run of 503s (the browser gives up on such a stream; the script does not).
        let unavailable = (&proxy, Network::Unavailable, Duration::from_secs(4));
        let (_, after_503) = outage(
            &client,
            unavailable,
            (reconnecting, 5),
            (page.0, page.1, 2),
            shown,
        )
        .await;

        // A cut: connections closed, new ones refused.
        let cut = (&proxy, Network::Down, Duration::from_secs(3));
        let (_, after_cut) =
            outage(&client, cut, (reconnecting, 5), (page.0, page.1, 3), shown).await;
        assert!(wait_until(&client, &format!("!({reconnecting})"), 2).await);
        announce(&format!(
            "venue screen: stall noticed after {noticed:?}; right again {after_frozen:?} after a frozen stream, {after_503:?} after 503s, {after_cut:?} after a cut"
        ));
        for (what, took) in [
            ("frozen", after_frozen),
            ("503", after_503),
            ("cut", after_cut),
        ] {
            assert!(took < Duration::from_millis(3_500), "{what}: {took:?}");
        }
    };
    run.await;
    let _ = client.close().await;
}

/// The campaign page's live counter through a venue's network: it used to stop for good after
/// one 503 or a silently dead stream; it comes back, dimmed meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_campaign_counter_comes_back_after_the_network() {
    let Some(driver) = start_driver().await else {
        return;
    };
    let app = TestApp::spawn_with(Backend::Sqlite, "browser counter", true)
        .await
        .expect("sqlite app");
    let proxy = FlakyProxy::start(&app.base).await;
    let client = browser(&driver).await;
    let fan = app.client();
    let count = "document.querySelector('[data-count=pledges]').textContent";
    let dimmed = "document.querySelector('.tally').hasAttribute('aria-busy')";
    let run = async {
        client
            .goto(&format!("{}/demo/open-roads?lang=en", proxy.base))
            .await
            .expect("campaign page");
        assert!(wait_until(&client, "window.chorusFollow", 5).await);
        tokio::time::sleep(Duration::from_secs(1)).await;

        let shown = |n| format!("{count} === '{n}'");
        let unavailable = (&proxy, Network::Unavailable, Duration::from_secs(4));
        outage(&client, unavailable, (dimmed, 5), (&app, &fan, 1), shown).await;
        assert!(wait_until(&client, &format!("!({dimmed})"), 2).await);
        // The label beside the count takes the count's plural form as it moves.
        let label = "document.querySelector('[data-count=pledges]').nextElementSibling.textContent";
        assert!(
            wait_until(&client, &format!("{label} === 'confirmed signature'"), 2).await,
            "one confirmed signature: {}",
            script(&client, &format!("return {label};")).await
        );

        let frozen = (&proxy, Network::Frozen, Duration::ZERO);
        outage(&client, frozen, (dimmed, 13), (&app, &fan, 2), shown).await;
        assert!(wait_until(&client, &format!("!({dimmed})"), 2).await);
        assert!(wait_until(&client, &format!("{label} === 'confirmed signatures'"), 2).await);
    };
    run.await;
    let _ = client.close().await;
}

/// A pledge through a stadium's silent faults, in Spanish: the network swallows the request
/// (no answer, no reset), then only the answer, each for ten seconds. The page says it is
/// sending, then that the form is kept on the phone, then that it was sent and to check the
/// email; each pledge is stored exactly once, within seconds of the network healing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pledge_arrives_once_through_a_network_that_swallows_it() {
    use std::time::Instant;

    let Some(driver) = start_driver().await else {
        return;
    };
    let sink = crate::smtp::SmtpSink::start().await;
    let smtp = chorus::mail::SmtpUrl::parse(&sink.url).expect("smtp url");
    let app = TestApp::spawn_configured(Backend::Sqlite, "browser outbox", |config| {
        config.demo = true;
        config.smtp_url = Some(smtp);
    })
    .await
    .expect("sqlite app");
    let proxy = FlakyProxy::start(&app.base).await;
    let client = browser(&driver).await;
    let status = "document.querySelector('form.act .status').textContent";
    let stored = |email: &'static str| {
        let store = app.store.clone();
        async move {
            crate::actions::all_actions(&store)
                .await
                .into_iter()
                .filter(|a| a.email == email)
                .count()
        }
    };
    let run = async {
        for (network, email) in [
            (Network::Frozen, "frozen@fans.example"),
            (Network::Deaf, "deaf@fans.example"),
        ] {
            let what = format!("{network:?}");
            client
                .goto(&format!("{}/demo/open-roads/pledge?lang=es", proxy.base))
                .await
                .expect("form");
            fill(&client, "#name", "Lucía Pérez").await;
            fill(&client, "#email", email).await;
            fill(&client, "#country", "España").await;
            click(&client, "input[name=consent]").await;
            tokio::time::sleep(Duration::from_millis(2_100)).await;
            proxy.set(network);
            let cut = Instant::now();
            click(&client, "form.act button[type=submit]").await;
            assert!(
                wait_until(&client, &format!("{status} === 'Enviando…'"), 2).await,
                "{what}: says it is sending: {}",
                text_of(&client, "form.act .status").await
            );
            assert!(
                wait_until(
                    &client,
                    &format!("{status}.includes('guardado en este teléfono')"),
                    12
                )
                .await,
                "{what}: says the form is kept on the phone: {}",
                text_of(&client, "form.act .status").await
            );
            tokio::time::sleep(Duration::from_secs(10).saturating_sub(cut.elapsed())).await;
            proxy.set(Network::Up);
            let healed = Instant::now();
            assert!(
                wait_until(&client, &format!("{status}.includes('se ha enviado')"), 15).await,
                "{what}: says it was sent: {}",
                text_of(&client, "form.act .status").await
            );
            let took = healed.elapsed();
            assert!(
                text_of(&client, "form.act .status")
                    .await
                    .contains("Revisa tu correo"),
                "{what}: and to check the email"
            );
            assert_eq!(stored(email).await, 1, "{what}: stored exactly once");
            let outbox = script(
                &client,
                "return JSON.parse(localStorage.getItem('chorus-outbox') || '[]').length;",
            )
            .await;
            assert_eq!(outbox, json!(0), "{what}: nothing left on the phone");
            announce(&format!(
                "outbox: {what} for 10 s, sent {took:?} after the network healed"
            ));
            assert!(took < Duration::from_secs(10), "{what}: {took:?}");
        }
        let mail = sink
            .message_for("deaf@fans.example", Duration::from_secs(10))
            .await;
        assert!(mail.is_some(), "the confirmation email went out");
    };
    let outcome = tokio::time::timeout(Duration::from_secs(120), run).await;
    let _ = client.close().await;
    outcome.expect("the browser test finished within 120 s");
}

/// A staff member who forgot their password asks for a link on the sign-in page, receives it
/// over SMTP, sets a new password through it and signs in with it; signing out says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_reset_a_forgotten_password_by_email() {
    let Some(driver) = start_driver().await else {
        return;
    };
    let sink = crate::smtp::SmtpSink::start().await;
    let app = TestApp::spawn_with_smtp(Backend::Sqlite, "browser reset", &sink.url)
        .await
        .expect("sqlite app");
    let org = app.seed_org("acme", "Acme Relief").await;
    app.seed_member(
        &org,
        "lena@acme.example",
        chorus::domain::role::Role::Owner,
        PASSWORD,
    )
    .await;
    let client = browser(&driver).await;
    let base = app.base.clone();
    let axe = std::fs::read_to_string(AXE).ok();
    let new_password = "a brand new passphrase";
    let run = async {
        client
            .goto(&format!("{base}/admin/login"))
            .await
            .expect("login page");
        click(&client, "a[href='/admin/password/forgot']").await;
        wait_for_path(&client, "/admin/password/forgot").await;
        if let Some(axe) = &axe {
            let violations = axe_violations(&client, axe).await;
            assert!(violations.is_empty(), "forgotten password: {violations:#?}");
        }
        fill(&client, "#email", "lena@acme.example").await;
        click(&client, "form button[type=submit]").await;
        assert!(
            wait_until(
                &client,
                "document.querySelector('main').textContent.includes('is on its way')",
                10
            )
            .await,
            "the page says a link is on its way"
        );
        let mail = sink
            .message_for("lena@acme.example", Duration::from_secs(10))
            .await
            .expect("the reset email");
        let text = mail.text();
        let start = text.find("/admin/password/reset/").expect("a link");
        let link: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
            .collect();
        client
            .goto(&format!("{base}{link}"))
            .await
            .expect("the link");
        if let Some(axe) = &axe {
            let violations = axe_violations(&client, axe).await;
            assert!(violations.is_empty(), "new password: {violations:#?}");
        }
        fill(&client, "#password", new_password).await;
        fill(&client, "#password_confirm", new_password).await;
        click(&client, "form button[type=submit]").await;
        wait_for_path(&client, "/admin/login").await;
        assert!(text_of(&client, "main")
            .await
            .contains("Your new password is set"));
        fill(&client, "#email", "lena@acme.example").await;
        fill(&client, "#password", new_password).await;
        click(&client, "form button[type=submit]").await;
        wait_for_path(&client, "/admin/acme").await;
        click(&client, "details.account summary").await;
        click(&client, "form[action='/admin/logout'] button").await;
        wait_for_path(&client, "/admin/login").await;
        assert!(text_of(&client, "main")
            .await
            .contains("You are logged out."));
        // The link worked once.
        client
            .goto(&format!("{base}{link}"))
            .await
            .expect("the link again");
        assert!(text_of(&client, "main")
            .await
            .contains("has been used or has expired"));
    };
    let outcome = tokio::time::timeout(Duration::from_secs(90), run).await;
    let _ = client.close().await;
    outcome.expect("the browser test finished within 90 s");
}

/// The kind of page an address is: its path with each number as `{id}` and each figure of a
/// method page as `{figure}` (one page of each kind is checked).
fn page_kind(href: &str) -> String {
    let path = href.split(['?', '#']).next().unwrap_or_default();
    let parts: Vec<&str> = path.split('/').collect();
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
                "{id}"
            } else if i > 0 && parts[i - 1] == "method" {
                "{figure}"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn page_kinds_ignore_ids_and_queries() {
    assert_eq!(
        page_kind("/admin/demo/campaigns/12/preview?lang=ar"),
        "/admin/demo/campaigns/{id}/preview"
    );
    assert_eq!(
        page_kind("/admin/demo/reports#t-days"),
        "/admin/demo/reports"
    );
    assert_eq!(
        page_kind("/admin/demo/reports/method/money?campaign=1"),
        "/admin/demo/reports/method/{figure}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_staff_page_passes_axe() {
    let Some(driver) = start_driver().await else {
        return;
    };
    let Ok(axe) = std::fs::read_to_string(AXE) else {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "CI=true requires {AXE}"
        );
        announce(
            "skipped: accessibility of staff pages (npm install --prefix target/axe axe-core)",
        );
        return;
    };
    let (app, _) =
        demo_with_member("browser staff axe", true, "owner@demo.example", Role::Owner).await;
    let client = browser(&driver).await;
    let base = app.base.clone();
    let run = async {
        // Signed out: the sign-in and forgotten-password pages.
        for path in ["/admin/login", "/admin/password/forgot"] {
            client.goto(&format!("{base}{path}")).await.expect("page");
            let violations = axe_violations(&client, &axe).await;
            assert!(violations.is_empty(), "{path}: {violations:#?}");
        }
        // Signed in as the owner, who sees every page: each kind of page the staff area links
        // to, found by following its links from the dashboard.
        log_in(&client, &base, "owner@demo.example", "/admin/demo").await;
        let mut queue = vec!["/admin/demo".to_string(), "/admin/account".to_string()];
        let mut seen = std::collections::BTreeSet::new();
        let mut checked = Vec::new();
        while let Some(path) = queue.pop() {
            if !seen.insert(page_kind(&path)) {
                continue;
            }
            client.goto(&format!("{base}{path}")).await.expect("page");
            let violations = axe_violations(&client, &axe).await;
            assert!(violations.is_empty(), "{path}: {violations:#?}");
            checked.push(page_kind(&path));
            let links = script(
                &client,
                "return [...document.querySelectorAll('a[href^=\"/admin/\"]:not([download])')]\n\
                   .map(a => a.getAttribute('href'));",
            )
            .await;
            for link in links.as_array().expect("links") {
                let link = link.as_str().expect("href");
                let file = link.split('?').next().unwrap_or_default();
                let skipped = link.contains("/logout")
                    || [".csv", ".pdf", ".png", ".svg", ".json"]
                        .iter()
                        .any(|ending| file.ends_with(ending));
                if !skipped && !seen.contains(&page_kind(link)) {
                    queue.push(link.to_string());
                }
            }
        }
        for expected in [
            "/admin/demo",
            "/admin/account",
            "/admin/demo/campaigns",
            "/admin/demo/campaigns/{id}",
            "/admin/demo/campaigns/{id}/preview",
            "/admin/demo/ambassadors",
            "/admin/demo/ambassadors/{id}",
            "/admin/demo/tours",
            "/admin/demo/tours/{id}",
            "/admin/demo/touchpoints",
            "/admin/demo/touchpoints/{id}",
            "/admin/demo/reports",
            "/admin/demo/reports/method/{figure}",
            "/admin/demo/members",
            "/admin/demo/audit",
            "/admin/demo/api",
            "/admin/demo/payments",
            "/admin/demo/money",
        ] {
            assert!(
                checked.iter().any(|kind| kind == expected),
                "{expected} was not reached: {checked:#?}"
            );
        }
        announce(&format!(
            "axe-core: 0 violations on {} kinds of staff page",
            checked.len()
        ));
    };
    let outcome = tokio::time::timeout(Duration::from_secs(300), run).await;
    let _ = client.close().await;
    outcome.expect("the staff pages were checked within 300 s");
}
