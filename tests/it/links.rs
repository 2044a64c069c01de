//! Short links and QR codes: redirects with attribution and language, no open redirect, group
//! re-pointing with undo, visits counted without anything personal — on both backends.

use std::time::Duration;

use chorus::clock;
use chorus::domain::role::Role;
use chorus::domain::time::Timestamp;
use chorus::domain::visit::utc_day;

use crate::on_both_backends;
use crate::support::{Client, TestApp};

const PASSWORD: &str = "a long enough passphrase";
const PHONE: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) ChorusTestAgent/9.9 Mobile Safari/537.36";

on_both_backends!(
    a_graceful_stop_writes_every_queued_visit,
    unique_visitors_over_days_and_codes_are_estimated_from_hourly_sketches,
    links_redirect_in_the_visitors_language_and_count_visits,
    links_are_never_open_redirects,
    short_links_answer_like_every_route,
    a_group_repoint_is_one_action_with_an_undo,
    nothing_personal_is_stored,
    a_stop_added_from_the_tour_page_supports_the_tours_campaigns,
    codes_are_made_repointed_and_undone_through_the_api,
);

/// A stop is added from its tour's page: it joins the tour, takes the time zone of the tour's
/// last stop as a suggestion, and supports the campaigns the tour's stops support; a refused
/// stop shows the tour page again with what was typed.
async fn a_stop_added_from_the_tour_page_supports_the_tours_campaigns(app: TestApp) {
    let (owner, first, _) = program(&app).await;
    let (_, tour) = owner
        .json(
            "POST",
            "/api/v1/orgs/acme/tours",
            Some(serde_json::json!({ "name": "Harbour tour" })),
        )
        .await;
    let tour_id = tour["id"].as_i64().expect("tour id");
    let stop = serde_json::json!({ "tour_id": tour_id, "kind": "concert", "title": "Lisbon night",
        "city": "Lisbon", "country": "PT", "time_zone": "Europe/Lisbon",
        "starts_at": "2026-06-01T20:00" });
    let (status, body) = owner
        .json("POST", "/api/v1/orgs/acme/engagements", Some(stop))
        .await;
    assert_eq!(status, 201, "{body}");
    let (linked, _) = owner
        .json(
            "PUT",
            &format!("/api/v1/orgs/acme/engagements/{}/campaigns", body["id"]),
            Some(serde_json::json!({ "campaigns": [first] })),
        )
        .await;
    assert_eq!(linked, 204);
    let page = owner.get(&format!("/admin/acme/tours/{tour_id}")).await;
    assert!(page.body.contains("Add a stop to this tour"));
    assert!(
        page.body.contains(r#"value="Europe/Lisbon" placeholder"#),
        "the last stop's time zone is suggested"
    );
    assert!(
        page.body.contains(r#"<option value="Asia/Tokyo">"#),
        "zones to choose from"
    );
    let csrf = owner.csrf("acme").await;
    let path = format!("/admin/acme/tours/{tour_id}/stops");
    let fields = |city: &'static str, zone: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("kind", "concert".to_owned()),
            ("title", format!("{city} night")),
            ("city", city.to_owned()),
            ("country", "PT".to_owned()),
            ("time_zone", zone.to_owned()),
            ("starts_at", "2026-06-08T20:00".to_owned()),
        ]
    };
    let wrong = fields("Porto", "Europe/Nowhere");
    let wrong: Vec<(&str, &str)> = wrong.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = owner.post(&path, &wrong).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("Porto night"),
        "what was typed is kept"
    );
    let right = fields("Porto", "Europe/Lisbon");
    let right: Vec<(&str, &str)> = right.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let added = owner.post(&path, &right).await;
    assert_eq!(added.status, 200, "{}", added.body);
    assert!(
        added.body.contains("Stop added: Porto night."),
        "{}",
        added.body
    );
    let org = app
        .store
        .org_by_slug("acme")
        .await
        .expect("q")
        .expect("org");
    let stops = app
        .store
        .engagements(org.id, Some(chorus::domain::ids::TourId(tour_id)))
        .await
        .expect("stops");
    let porto = stops
        .iter()
        .find(|s| s.settings.city == "Porto")
        .expect("the new stop is in the tour");
    let supports = app
        .store
        .engagement_campaign_ids(org.id, porto.id)
        .await
        .expect("campaigns");
    assert_eq!(supports, [chorus::domain::ids::CampaignId(first)]);
}

/// An organization with two live campaigns (text in en and fr) and an owner logged in;
/// returns the owner's client and the campaigns' admin ids.
pub(crate) async fn program(app: &TestApp) -> (Client, i64, i64) {
    let org = app.seed_org("acme", "Acme Relief").await;
    app.seed_member(&org, "owner@acme.example", Role::Owner, PASSWORD)
        .await;
    let owner = app.client();
    owner.login("owner@acme.example", PASSWORD).await;
    let mut ids = Vec::new();
    for slug in ["routes", "floods"] {
        let (status, campaign) = owner
            .json(
                "POST",
                "/api/v1/orgs/acme/campaigns",
                Some(serde_json::json!({ "slug": slug, "theme": slug, "kind": "awareness" })),
            )
            .await;
        assert_eq!(status, 201);
        let id = campaign["id"].as_i64().expect("id");
        for lang in ["en", "fr"] {
            let title = format!("{slug} {lang}");
            owner
                .json(
                    "PUT",
                    &format!("/api/v1/orgs/acme/campaigns/{id}/content/{lang}"),
                    Some(serde_json::json!({ "title": title })),
                )
                .await;
        }
        owner
            .json(
                "PUT",
                &format!("/api/v1/orgs/acme/campaigns/{id}/status"),
                Some(serde_json::json!({ "status": "live" })),
            )
            .await;
        ids.push(id);
    }
    (owner, ids[0], ids[1])
}

/// Creates a touchpoint through the staff form; returns its code.
async fn new_code(owner: &Client, campaign: i64, channel: &str) -> String {
    let csrf = owner.csrf("acme").await;
    let page = owner
        .post(
            "/admin/acme/touchpoints",
            &[
                ("csrf", &csrf),
                ("campaign_id", &campaign.to_string()),
                ("channel", channel),
                ("label", "Gate A"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let detail = owner.get(page.location().expect("location")).await;
    let start = detail.body.find("<code>").expect("code") + "<code>".len();
    detail.body[start..start + 7].to_owned()
}

async fn wait_for_visits(app: &TestApp, expected: i64) {
    for _ in 0..100 {
        if app.store.count_visits().await.expect("count") >= expected {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(app.store.count_visits().await.expect("count"), expected);
}

async fn links_redirect_in_the_visitors_language_and_count_visits(app: TestApp) {
    let (owner, routes, _) = program(&app).await;
    let code = new_code(&owner, routes, "venue_qr").await;
    let phone = app.client();
    let scan = phone
        .get_with(
            &format!("/t/{code}/q"),
            &[("user-agent", PHONE), ("accept-language", "fr-FR,fr;q=0.9")],
        )
        .await;
    assert!((300..400).contains(&scan.status), "{}", scan.status);
    assert_eq!(
        scan.location(),
        Some(format!("/acme/routes?lang=fr&tp={code}").as_str())
    );
    assert_eq!(scan.header("cache-control"), Some("no-store"));
    assert!(scan.header("set-cookie").is_none());
    let link = phone
        .get_with(
            &format!("/t/{}", code.to_lowercase()),
            &[("user-agent", PHONE), ("accept-language", "de")],
        )
        .await;
    assert_eq!(
        link.location(),
        Some(format!("/acme/routes?lang=en&tp={code}").as_str()),
        "lower case works; no German text: default"
    );
    let page = phone.get(link.location().expect("location")).await;
    assert!(page.body.contains("routes en"));
    for bot in [
        "facebookexternalhit/1.1",
        "WhatsApp/2.23.20.0",
        "Mozilla/5.0 (compatible; Googlebot/2.1)",
        "",
    ] {
        assert_eq!(
            phone
                .get_with(&format!("/t/{code}"), &[("user-agent", bot)])
                .await
                .status,
            302
        );
    }
    let prefetch = phone
        .get_with(
            &format!("/t/{code}"),
            &[("user-agent", PHONE), ("sec-purpose", "prefetch")],
        )
        .await;
    assert_eq!(prefetch.status, 302);

    let unknown = phone
        .get_with("/t/ZZZZZZZ", &[("accept-language", "ar")])
        .await;
    assert_eq!(unknown.status, 404);
    assert!(
        unknown.body.contains("dir=\"rtl\""),
        "friendly 404 in the visitor's language"
    );
    assert_eq!(phone.get("/t/not-a-code").await.status, 404);

    wait_for_visits(&app, 7).await;
    // Opening the campaign page directly counts too; through a touchpoint it was counted once.
    phone
        .get_with("/acme/routes", &[("user-agent", PHONE)])
        .await;
    wait_for_visits(&app, 8).await;
    let org = app
        .store
        .org_by_slug("acme")
        .await
        .expect("q")
        .expect("org");
    let days = app
        .store
        .daily_visits(org.id, chorus::store::VisitScope::Organization)
        .await
        .expect("days");
    assert_eq!(days.len(), 1);
    let today = &days[0];
    assert_eq!(
        (today.people, today.scans, today.links, today.bots),
        (3, 1, 1, 5)
    );
    assert_eq!(
        today.unique_visitors, 3,
        "each visit sent another Accept-Language, so three daily ids"
    );
    assert_eq!(today.day, utc_day(clock::now()));

    // The staff page shows the same figures; the code can be retired.
    let touchpoints = app.store.touchpoints(org.id).await.expect("list");
    let id = touchpoints[0].id;
    let detail = owner.get(&format!("/admin/acme/touchpoints/{id}")).await;
    assert!(
        detail
            .body
            .contains("<td>2</td><td>2</td><td>1</td><td>1</td><td>5</td>"),
        "{}",
        detail.body
    );
    assert!(detail.body.contains("fr 1") && detail.body.contains("en 1"));
    // The campaign's page for staff counts its visits through every path, by day and by hour.
    let campaign_scope =
        chorus::store::VisitScope::Campaign(chorus::domain::ids::CampaignId(routes));
    let by_day = app
        .store
        .daily_visits(org.id, campaign_scope)
        .await
        .expect("days");
    assert_eq!((by_day[0].people, by_day[0].bots), (3, 5));
    let since = Timestamp::from_unix_micros(clock::now().unix_micros() - 3_600_000_000);
    let by_hour = app
        .store
        .hourly_visits(org.id, campaign_scope, since)
        .await
        .expect("hours");
    assert_eq!(by_hour.iter().map(|h| h.people).sum::<i64>(), 3);
    let channels = app
        .store
        .visit_breakdown(org.id, campaign_scope, chorus::store::Dimension::Channel)
        .await
        .expect("channels");
    let pairs: Vec<(String, i64)> = channels.into_iter().map(|b| (b.key, b.visits)).collect();
    assert_eq!(
        pairs,
        [("venue_qr".to_owned(), 2), ("direct".to_owned(), 1)]
    );
    let campaign_page = owner.get(&format!("/admin/acme/campaigns/{routes}")).await;
    assert!(
        campaign_page.body.contains("By hour, last 48 hours")
            && campaign_page.body.contains("By day (UTC)")
    );
    let svg = phone.get(&format!("/t/{code}/qr.svg")).await;
    assert_eq!(
        (svg.status, svg.header("content-type")),
        (200, Some("image/svg+xml"))
    );
    let poster = owner
        .get(&format!("/admin/acme/touchpoints/{id}/poster"))
        .await;
    assert!(
        poster.body.contains(&format!("{}/t/{code}</p>", app.base)),
        "the poster prints the short URL"
    );
    let csrf = owner.csrf("acme").await;
    owner
        .post(
            &format!("/admin/acme/touchpoints/{id}/retire"),
            &[("csrf", &csrf), ("archived", "true")],
        )
        .await;
    assert_eq!(
        phone.get(&format!("/t/{code}")).await.status,
        404,
        "retired codes show the friendly 404"
    );
    let metrics = app.client().get("/metrics").await.body;
    assert!(
        metrics.contains("chorus_visits_dropped_total 0"),
        "{metrics}"
    );
}

async fn links_are_never_open_redirects(app: TestApp) {
    let (owner, routes, _) = program(&app).await;
    let code = new_code(&owner, routes, "instagram_post").await;
    let client = app.client();
    let attempts = [
        format!("/t/{code}?next=//evil.example"),
        format!("/t/{code}?url=https://evil.example&redirect=https%3A%2F%2Fevil.example"),
        format!("/t/{code}?lang=//evil.example"),
        format!("/t/{code}/q?tp=https://evil.example"),
        "/t/%2F%2Fevil.example".to_owned(),
        "/t//evil.example".to_owned(),
        "/t/https:%2F%2Fevil.example".to_owned(),
        "/t/%5C%5Cevil.example".to_owned(),
        "/t/javascript:alert(1)".to_owned(),
        "/t/data:text%2Fhtml,x".to_owned(),
        format!("/t/{code}/..%2F..%2Fevil.example"),
        "/admin/login?next=https://evil.example".to_owned(),
    ];
    for path in attempts {
        let page = client.get(&path).await;
        if let Some(location) = page.location() {
            assert!(
                location.starts_with('/')
                    && !location.starts_with("//")
                    && !location.contains('\\'),
                "{path} → {location}"
            );
            assert!(!location.contains("evil"), "{path} → {location}");
        }
    }
}

/// Short links are answered before the router (the server's fast lane); they still get every
/// route's security headers and metrics, and whatever the fast lane does not take (HEAD aside:
/// other methods, percent-encoded codes) gets the router's answer.
async fn short_links_answer_like_every_route(app: TestApp) {
    let (owner, routes, _) = program(&app).await;
    let code = new_code(&owner, routes, "stage_screen").await;
    let phone = app.client();
    let expected = format!("/acme/routes?lang=en&tp={code}");
    for path in [format!("/t/{code}"), format!("/t/{code}/q")] {
        let link = phone.get_with(&path, &[("user-agent", PHONE)]).await;
        assert_eq!(link.status, 302, "{path}");
        assert_eq!(link.location(), Some(expected.as_str()), "{path}");
        assert_eq!(link.header("x-frame-options"), Some("DENY"), "{path}");
        assert_eq!(link.header("x-content-type-options"), Some("nosniff"));
        assert!(link.header("content-security-policy").is_some());
        assert_eq!(link.header("cache-control"), Some("no-store"));
    }
    let head = phone
        .http
        .head(phone.url(&format!("/t/{code}")))
        .header("user-agent", PHONE)
        .send()
        .await
        .expect("HEAD");
    assert_eq!(head.status(), 302);
    assert_eq!(
        head.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(expected.as_str())
    );
    // The last letter percent-encoded: decoded by the router, the same redirect.
    let (first, last) = code.split_at(code.len() - 1);
    let encoded = format!("/t/{first}%{:02X}", last.as_bytes()[0]);
    let decoded = phone.get_with(&encoded, &[("user-agent", PHONE)]).await;
    assert_eq!(decoded.location(), Some(expected.as_str()), "{encoded}");
    let posted = phone.post(&format!("/t/{code}"), &[("x", "y")]).await;
    assert_eq!(posted.status, 405, "only GET and HEAD: {}", posted.body);

    let metrics = app.client().get("/metrics").await.body;
    for (route, count) in [("/t/{code}", 2), ("/t/{code}/q", 1)] {
        let line = format!(
            "chorus_http_requests_total{{method=\"GET\",route=\"{route}\",status=\"302\"}} {count}"
        );
        assert!(metrics.contains(&line), "{line} in {metrics}");
    }
    // A link, a scan, the HEAD and the encoded link; not the refused POST.
    wait_for_visits(&app, 4).await;
}

async fn a_group_repoint_is_one_action_with_an_undo(app: TestApp) {
    let (owner, routes, floods) = program(&app).await;
    let org = app
        .store
        .org_by_slug("acme")
        .await
        .expect("q")
        .expect("org");
    let (_, tour) = owner
        .json(
            "POST",
            "/api/v1/orgs/acme/tours",
            Some(serde_json::json!({ "name": "Tour" })),
        )
        .await;
    for (city, day) in [
        ("Berlin", "2026-06-20"),
        ("London", "2026-06-06"),
        ("Madrid", "2026-05-30"),
    ] {
        let stop = serde_json::json!({ "tour_id": tour["id"], "kind": "concert", "title": city, "city": city, "country": "DE",
            "time_zone": "Europe/Berlin", "starts_at": format!("{day}T20:00") });
        assert_eq!(
            owner
                .json("POST", "/api/v1/orgs/acme/engagements", Some(stop))
                .await
                .0,
            201
        );
    }
    let csrf = owner.csrf("acme").await;
    let tour_id = tour["id"].to_string();
    let created = owner
        .post(
            "/admin/acme/touchpoints/tour",
            &[
                ("csrf", &csrf),
                ("tour_id", &tour_id),
                ("campaign_id", &routes.to_string()),
                ("channel", "venue_qr"),
            ],
        )
        .await;
    assert!(
        created.body.contains("Created 3 code(s)"),
        "{}",
        created.body
    );
    let solo = new_code(&owner, routes, "newsletter").await;
    let codes: Vec<String> = app
        .store
        .touchpoints(org.id)
        .await
        .expect("list")
        .into_iter()
        .map(|t| t.code)
        .filter(|c| *c != solo)
        .collect();
    assert_eq!(codes.len(), 3);
    let target = |code: String| {
        let client = app.client();
        async move {
            client
                .get(&format!("/t/{code}"))
                .await
                .location()
                .unwrap_or_default()
                .to_owned()
        }
    };

    // A draft is refused: the printed codes would lead nowhere.
    let (_, draft) = owner
        .json(
            "POST",
            "/api/v1/orgs/acme/campaigns",
            Some(serde_json::json!({ "slug": "later", "theme": "Later appeal", "kind": "awareness" })),
        )
        .await;
    let refused = owner
        .post(
            "/admin/acme/touchpoints/repoint",
            &[
                ("csrf", &csrf),
                ("scope", &format!("tour:{tour_id}")),
                ("campaign_id", &draft["id"].to_string()),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("“Later appeal” is still a draft"),
        "{}",
        refused.body
    );
    for code in &codes {
        assert!(
            target(code.clone()).await.starts_with("/acme/routes?"),
            "{code} is unchanged"
        );
    }
    assert!(app
        .store
        .repoints(org.id)
        .await
        .expect("repoints")
        .is_empty());

    let moved = owner
        .post(
            "/admin/acme/touchpoints/repoint",
            &[
                ("csrf", &csrf),
                ("scope", &format!("tour:{tour_id}")),
                ("campaign_id", &floods.to_string()),
            ],
        )
        .await;
    assert!(
        moved.body.contains("Re-pointed 3 code(s)"),
        "{}",
        moved.body
    );
    for code in &codes {
        assert!(
            target(code.clone()).await.starts_with("/acme/floods?"),
            "{code} follows the re-point at once"
        );
    }
    assert!(
        target(solo.clone()).await.starts_with("/acme/routes?"),
        "codes outside the tour stay"
    );
    let entry = app
        .store
        .audit_entries(org.id, 1)
        .await
        .expect("audit")
        .remove(0);
    assert_eq!(entry.action, "touchpoints.repointed");

    let repoint = app
        .store
        .repoints(org.id)
        .await
        .expect("repoints")
        .remove(0);
    assert_eq!(repoint.touchpoints, 3);
    let undone = owner
        .post(
            &format!("/admin/acme/touchpoints/repoints/{}/undo", repoint.id),
            &[("csrf", &csrf)],
        )
        .await;
    assert!(undone.body.contains("undone"), "{}", undone.body);
    for code in &codes {
        assert!(
            target(code.clone()).await.starts_with("/acme/routes?"),
            "{code} is back"
        );
    }
    let again = owner
        .post(
            &format!("/admin/acme/touchpoints/repoints/{}/undo", repoint.id),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(again.status, 404, "an undo happens once");
    let history = app
        .store
        .touchpoint_targets(
            org.id,
            app.store
                .touchpoints(org.id)
                .await
                .expect("list")
                .last()
                .expect("one")
                .id,
        )
        .await
        .expect("history");
    assert_eq!(history.len(), 3, "created, re-pointed, undone");

    // The ambassador team makes codes for its stops, but where they send people is the
    // campaign manager's decision.
    for (email, role, may) in [
        ("team@acme.example", Role::AmbassadorTeam, false),
        ("manager@acme.example", Role::CampaignManager, true),
    ] {
        app.seed_member(&org, email, role, PASSWORD).await;
        let member = app.client();
        member.login(email, PASSWORD).await;
        let member_csrf = member.csrf("acme").await;
        new_code(&member, routes, "venue_qr").await;
        let page = member.get("/admin/acme/touchpoints").await;
        assert_eq!(page.body.contains("Re-point a group"), may, "{role:?}");
        let tried = member
            .post(
                "/admin/acme/touchpoints/repoint",
                &[
                    ("csrf", &member_csrf),
                    ("scope", &format!("tour:{tour_id}")),
                    ("campaign_id", &floods.to_string()),
                ],
            )
            .await;
        assert_eq!(tried.status, if may { 200 } else { 403 }, "{role:?}");
        let latest = app.store.repoints(org.id).await.expect("repoints")[0].id;
        let undo = member
            .post(
                &format!("/admin/acme/touchpoints/repoints/{latest}/undo"),
                &[("csrf", &member_csrf)],
            )
            .await;
        assert_eq!(undo.status, if may { 200 } else { 403 }, "{role:?} undo");
    }

    // Another organization's codes cannot be re-pointed from here.
    let beta = app.seed_org("beta", "Beta").await;
    app.seed_member(&beta, "owner@beta.example", Role::Owner, PASSWORD)
        .await;
    let other = app.client();
    other.login("owner@beta.example", PASSWORD).await;
    let beta_csrf = other.csrf("beta").await;
    let first = app.store.touchpoints(org.id).await.expect("list")[0]
        .id
        .to_string();
    let refused = other
        .post(
            "/admin/beta/touchpoints/repoint",
            &[
                ("csrf", &beta_csrf),
                ("touchpoint", &first),
                ("campaign_id", &floods.to_string()),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(target(codes[0].clone()).await.starts_with("/acme/routes?"));
}

async fn nothing_personal_is_stored(app: TestApp) {
    let (owner, routes, _) = program(&app).await;
    let code = new_code(&owner, routes, "venue_qr").await;
    let phone = app.client();
    for _ in 0..3 {
        phone
            .get_with(
                &format!("/t/{code}/q"),
                &[
                    ("user-agent", PHONE),
                    ("accept-language", "fr"),
                    ("referer", "https://www.instagram.com/p/xyz?igshid=secret"),
                ],
            )
            .await;
    }
    wait_for_visits(&app, 3).await;
    let org = app
        .store
        .org_by_slug("acme")
        .await
        .expect("q")
        .expect("org");
    let referrers = app
        .store
        .visit_breakdown(
            org.id,
            chorus::store::VisitScope::Organization,
            chorus::store::Dimension::Referrer,
        )
        .await
        .expect("breakdown");
    assert_eq!(
        referrers[0].key, "instagram.com",
        "only the host of the referrer"
    );
    let day = app
        .store
        .daily_visits(org.id, chorus::store::VisitScope::Organization)
        .await
        .expect("days")
        .remove(0);
    assert_eq!(
        (day.people, day.unique_visitors),
        (3, 1),
        "one phone, one daily id"
    );

    // Every text and byte column of every table: no address, no user agent, no referrer path.
    let dump = crate::support::dump_database(&app.database_url()).await;
    assert!(
        dump.contains("instagram.com") && dump.contains(&code),
        "the dump reads the visits"
    );
    for needle in ["127.0.0.1", "ChorusTestAgent", "Pixel 8", "igshid"] {
        assert!(!dump.contains(needle), "the database holds '{needle}'");
    }

    // The daily secret goes 48 hours after its day; with it, the ability to link the ids.
    let today = utc_day(clock::now());
    assert_eq!(
        app.store.secret_days().await.expect("days"),
        vec![today.clone()]
    );
    let day_end = today
        .parse::<jiff::civil::Date>()
        .expect("date")
        .tomorrow()
        .expect("tomorrow")
        .to_zoned(jiff::tz::TimeZone::UTC)
        .expect("zoned")
        .timestamp()
        .as_microsecond();
    let hours = |h: i64| Timestamp::from_unix_micros(day_end + h * 3_600_000_000);
    assert_eq!(
        app.store
            .delete_expired_secrets(hours(47))
            .await
            .expect("sweep"),
        0
    );
    assert_eq!(
        app.store
            .delete_expired_secrets(hours(48))
            .await
            .expect("sweep"),
        1
    );
    assert!(app.store.secret_days().await.expect("days").is_empty());
}

async fn unique_visitors_over_days_and_codes_are_estimated_from_hourly_sketches(app: TestApp) {
    use chorus::domain::ids::CampaignId;
    use chorus::domain::language::Language;
    use chorus::domain::visit::DeviceClass;
    use chorus::store::{NewVisit, VisitScope, VisitSource};
    let (_owner, routes, _) = program(&app).await;
    let org = app
        .store
        .org_by_slug("acme")
        .await
        .expect("q")
        .expect("org");
    let start = clock::now().unix_micros() - 30 * 3_600_000_000;
    // 4,000 visits of 2,500 distinct daily ids, over 30 hours and two codes, in two batches.
    let visits: Vec<NewVisit> = (0..4_000u64)
        .map(|i| NewVisit {
            org_id: org.id,
            touchpoint_id: if i % 2 == 0 { None } else { Some(0) },
            campaign_id: CampaignId(routes),
            at: Timestamp::from_unix_micros(start + (i % 30) as i64 * 3_600_000_000),
            language: Language::En,
            source: VisitSource::Link,
            device: DeviceClass::Mobile,
            referrer_host: None,
            visitor_id: format!("{:016x}", (i % 2_500).wrapping_mul(0x9e37_79b9_7f4a_7c15)),
        })
        .collect();
    app.store
        .insert_visits(&visits[..1_500])
        .await
        .expect("first batch");
    app.store
        .insert_visits(&visits[1_500..])
        .await
        .expect("second batch");
    let (estimate, error) = app
        .store
        .estimated_unique_visitors(
            org.id,
            VisitScope::Campaign(CampaignId(routes)),
            Timestamp::from_unix_micros(0),
            clock::now(),
        )
        .await
        .expect("estimate");
    assert!(
        (estimate - 2_500.0).abs() / 2_500.0 < 3.0 * error,
        "estimate {estimate} for 2,500"
    );
}

async fn a_graceful_stop_writes_every_queued_visit(app: TestApp) {
    let (owner, routes, _) = program(&app).await;
    let code = new_code(&owner, routes, "stage_screen").await;
    let phone = app.client();
    for _ in 0..200 {
        assert_eq!(
            phone
                .get_with(&format!("/t/{code}/q"), &[("user-agent", PHONE)])
                .await
                .status,
            302
        );
    }
    // Stop at once: the last visits are still queued (batches are gathered for a moment).
    let db = app.stop().await;
    let store = chorus::store::Store::open(&db.url).await.expect("reopen");
    assert_eq!(
        store.count_visits().await.expect("count"),
        200,
        "none lost on a graceful stop"
    );
    store.close().await;
}

/// Behind a trusted proxy the visitor id uses the forwarded address; from anyone else the header
/// is ignored, so nobody can pose as many visitors.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_addresses_count_only_from_trusted_proxies() {
    for behind_proxy in [false, true] {
        let backend = crate::support::Backend::Sqlite;
        let app = if behind_proxy {
            TestApp::spawn_behind_proxy(backend, "proxy").await
        } else {
            TestApp::spawn(backend, "proxy").await
        }
        .expect("app");
        let (owner, routes, _) = program(&app).await;
        let code = new_code(&owner, routes, "venue_qr").await;
        let phone = app.client();
        for client in ["192.0.2.1", "192.0.2.2", "192.0.2.3"] {
            let headers = [("user-agent", PHONE), ("x-forwarded-for", client)];
            assert_eq!(
                phone.get_with(&format!("/t/{code}"), &headers).await.status,
                302
            );
        }
        wait_for_visits(&app, 3).await;
        let org = app
            .store
            .org_by_slug("acme")
            .await
            .expect("q")
            .expect("org");
        let day = app
            .store
            .daily_visits(org.id, chorus::store::VisitScope::Organization)
            .await
            .expect("days")
            .remove(0);
        assert_eq!(
            day.unique_visitors,
            if behind_proxy { 3 } else { 1 },
            "behind proxy: {behind_proxy}"
        );
    }
}

/// Another system drives a tour's codes with a token: one code per stop (again: none twice),
/// the list with its visits, a group re-point that the next scan follows, its undo, retiring a
/// code; and each scope holds: reading codes does not let a token re-point them.
async fn codes_are_made_repointed_and_undone_through_the_api(app: TestApp) {
    let (owner, routes, floods) = program(&app).await;
    let (_, tour) = owner
        .json(
            "POST",
            "/api/v1/orgs/acme/tours",
            Some(serde_json::json!({ "name": "Harbour tour" })),
        )
        .await;
    let tour_id = tour["id"].as_i64().expect("tour id");
    for (city, at) in [
        ("Lisbon", "2026-05-09T21:00"),
        ("Porto", "2026-05-11T20:30"),
    ] {
        let stop = serde_json::json!({ "tour_id": tour_id, "kind": "concert", "title": format!("Harbour: {city}"),
            "city": city, "country": "PT", "time_zone": "Europe/Lisbon", "starts_at": at });
        let (status, made) = owner
            .json("POST", "/api/v1/orgs/acme/engagements", Some(stop))
            .await;
        assert_eq!(status, 201, "{made}");
    }
    let csrf = owner.csrf("acme").await;
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("name", "Print shop"),
        ("kind", "member"),
    ];
    form.extend(["links:read", "links:write", "links:repoint"].map(|s| ("scope", s)));
    let made = owner.post("/admin/acme/api", &form).await;
    let start = made.body.find("id=\"new-token\">").expect("token") + 15;
    let token = made.body[start..start + 43].to_owned();
    let reader_form = vec![
        ("csrf", csrf.as_str()),
        ("name", "Reader"),
        ("kind", "member"),
        ("scope", "links:read"),
    ];
    let made = owner.post("/admin/acme/api", &reader_form).await;
    let start = made.body.find("id=\"new-token\">").expect("token") + 15;
    let reader = made.body[start..start + 43].to_owned();
    let partner = app.client();
    let call = async |token: &str, method: &str, path: &str, body: Option<serde_json::Value>| {
        let (status, _, answer) = partner.with_token(token, method, path, body, &[]).await;
        (status, answer)
    };

    let per_stop = serde_json::json!({ "campaign_id": routes, "channel": "venue_qr" });
    let path = format!("/api/v1/orgs/acme/tours/{tour_id}/touchpoints");
    let (status, first) = call(&token, "POST", &path, Some(per_stop.clone())).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(
        first["created"].as_array().map(Vec::len),
        Some(2),
        "{first}"
    );
    let (_, again) = call(&token, "POST", &path, Some(per_stop)).await;
    assert_eq!(
        again["created"].as_array().map(Vec::len),
        Some(0),
        "none twice: {again}"
    );
    assert_eq!(again["kept_by_stops"].as_array().map(Vec::len), Some(2));
    let code = first["created"][0]["code"]
        .as_str()
        .expect("code")
        .to_owned();

    // A scan counts, and the list says so.
    let fan = app.client();
    let scan = fan
        .get_with(&format!("/t/{code}/q"), &[("user-agent", PHONE)])
        .await;
    assert!((300..400).contains(&scan.status), "{}", scan.status);
    assert!(scan.location().is_some_and(|l| l.contains("/acme/routes")));
    wait_for_visits(&app, 1).await;
    let (status, list) = call(
        &reader,
        "GET",
        &format!("/api/v1/orgs/acme/touchpoints?campaign={routes}"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{list}");
    let listed = list["items"].as_array().expect("items");
    assert_eq!(listed.len(), 2);
    let scanned = listed
        .iter()
        .find(|t| t["code"] == code.as_str())
        .expect("listed");
    assert_eq!(
        (scanned["scans"].as_i64(), scanned["visits"].as_i64()),
        (Some(1), Some(1)),
        "{scanned}"
    );

    // A reader cannot re-point; the print shop's token can, and the next scan follows.
    let ids: Vec<i64> = listed
        .iter()
        .map(|t| t["id"].as_i64().expect("id"))
        .collect();
    let group = serde_json::json!({ "campaign_id": floods, "tour": tour_id });
    let (status, _) = call(
        &reader,
        "POST",
        "/api/v1/orgs/acme/repoints",
        Some(group.clone()),
    )
    .await;
    assert_eq!(status, 403);
    let (status, repointed) = call(&token, "POST", "/api/v1/orgs/acme/repoints", Some(group)).await;
    assert_eq!(status, 201, "{repointed}");
    let mut moved: Vec<i64> = repointed["touchpoints"]
        .as_array()
        .expect("ids")
        .iter()
        .map(|v| v.as_i64().expect("id"))
        .collect();
    moved.sort();
    assert_eq!(moved, ids);
    let follows = fan
        .get_with(&format!("/t/{code}/q"), &[("user-agent", PHONE)])
        .await;
    assert!(
        follows
            .location()
            .is_some_and(|l| l.contains("/acme/floods")),
        "{:?}",
        follows.location()
    );
    let undo = format!("/api/v1/orgs/acme/repoints/{}/undo", repointed["id"]);
    assert_eq!(call(&token, "POST", &undo, None).await.0, 204);
    let back = fan
        .get_with(&format!("/t/{code}/q"), &[("user-agent", PHONE)])
        .await;
    assert!(back.location().is_some_and(|l| l.contains("/acme/routes")));
    let (status, refused) = call(
        &token,
        "POST",
        "/api/v1/orgs/acme/repoints",
        Some(serde_json::json!({ "campaign_id": floods })),
    )
    .await;
    assert_eq!(status, 422, "{refused}");

    // Retired, a code opens nothing.
    let retire = format!("/api/v1/orgs/acme/touchpoints/{}/retired", scanned["id"]);
    let (status, _) = call(
        &token,
        "PUT",
        &retire,
        Some(serde_json::json!({ "retired": true })),
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(fan.get(&format!("/t/{code}")).await.status, 404);
    let (_, shown) = call(
        &reader,
        "GET",
        &format!("/api/v1/orgs/acme/touchpoints/{}", scanned["id"]),
        None,
    )
    .await;
    assert_eq!(shown["retired"], true, "{shown}");
}
