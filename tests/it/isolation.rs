//! Tenant isolation, route by route (QUALITY.md): every route of the router (read from
//! `src/web/mod.rs`, so a new route cannot be left out) is either public by design or scoped to
//! an organization. Each scoped route is called by members of `acme` (an owner and a viewer)
//! with `beta`'s ids in the path, in the query and in the body, and with `beta` as the
//! organization: the answer is never a success carrying `beta`'s data, a foreign id in the path
//! or a report's query is 404 (403 where the role may not use the route at all), and `beta` is
//! unchanged afterwards.

use chorus::domain::role::Role;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::{Client, TestApp};

const PASSWORD: &str = "a long enough passphrase";

/// Text only `beta`'s records hold: no answer to `acme`'s members may contain it.
const SECRETS: [&str; 4] = [
    "Beta secret campaign",
    "Beta Secret Ambassador",
    "Beta secret tour",
    "Beta secret stop",
];

/// Routes open to anyone by design, or outside any organization's staff area, with why.
const NOT_ORG_SCOPED: [(&str, &str); 40] = [
    ("/", "landing page"),
    ("/healthz", "process health"),
    ("/readyz", "readiness"),
    ("/metrics", "loopback or token (tested in hardening)"),
    ("/static/{*file}", "assets"),
    ("/admin", "lists the member's own organizations"),
    ("/admin/login", "login"),
    (
        "/admin/login/code",
        "login's second step, by a signed note (tested in two_factor)",
    ),
    ("/admin/account", "the member's own account"),
    (
        "/admin/account/two-factor/begin",
        "the member's own account",
    ),
    (
        "/admin/account/two-factor/confirm",
        "the member's own account",
    ),
    (
        "/admin/account/two-factor/disable",
        "the member's own account",
    ),
    ("/admin/account/password", "the member's own account"),
    ("/admin/account/email", "the member's own account"),
    ("/admin/account/language", "the member's own account"),
    ("/admin/logout", "own session"),
    ("/admin/logout-everywhere", "own sessions"),
    ("/admin/setup/{token}", "first owner, by secret token"),
    ("/admin/invite/{token}", "invitation, by secret token"),
    (
        "/admin/password/forgot",
        "asks for a link; answers the same for every address",
    ),
    (
        "/admin/password/reset/{token}",
        "a new password, by secret token",
    ),
    (
        "/webhooks/stripe/{org}",
        "signed by the org's own secret (tested in payments)",
    ),
    ("/t/{code}", "public short link"),
    ("/t/{code}/q", "public short link"),
    ("/t/{code}/qr.svg", "public QR code"),
    ("/t/{code}/qr.png", "public QR code"),
    (
        "/media/{id}",
        "public images of public campaigns (tested below)",
    ),
    ("/{org}", "public organization page"),
    ("/{org}/{campaign}", "public campaign page (tested below)"),
    ("/{org}/{campaign}/pledge", "public form"),
    ("/{org}/{campaign}/subscribe", "public form"),
    ("/{org}/{campaign}/thanks", "public page"),
    ("/{org}/{campaign}/donate", "public form"),
    ("/{org}/{campaign}/gift", "public page"),
    ("/pay/test/{session}", "test checkout, by session id"),
    ("/{org}/{campaign}/counts", "public counters"),
    ("/{org}/{campaign}/live", "public venue screen"),
    ("/{org}/{campaign}/transparency", "public page"),
    ("/{org}/{campaign}/live/events", "public counters"),
    ("/confirm/{token}", "confirmation, by secret token"),
];

/// Every route of the router with its methods, read from the router's source.
fn routes() -> Vec<(String, Vec<&'static str>)> {
    // Each part of the web layer declares its routes in its own `routes()` (and `web/mod.rs`
    // the few of its own): read them all.
    let mut files = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/web")];
    let mut sources = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(
                std::fs::read_dir(&path)
                    .expect("src/web")
                    .map(|e| e.expect("entry").path()),
            );
        } else if path.extension().is_some_and(|e| e == "rs") {
            sources.push(std::fs::read_to_string(&path).expect("source"));
        }
    }
    sources
        .iter()
        .filter_map(|source| {
            let start = source.find("Router::new()")?;
            let end = source[start..]
                .find("\n}")
                .map_or(source.len(), |e| start + e);
            Some(&source[start..end])
        })
        .flat_map(|body| body.split(".route(").skip(1))
        .map(|chunk| {
            let path = chunk.split('"').nth(1).expect("a route's path").to_owned();
            let methods = ["get", "post", "put", "delete", "patch"]
                .into_iter()
                .filter(|m| {
                    chunk.contains(&format!("{m}(")) && {
                        let at = chunk.find(&format!("{m}(")).unwrap_or(0);
                        at == 0 || !chunk.as_bytes()[at - 1].is_ascii_alphanumeric()
                    }
                })
                .collect();
            (path, methods)
        })
        .collect()
}

/// `beta`'s records, by the name of the path segment that holds their id.
struct Foreign {
    campaign: i64,
    campaign_slug: String,
    ambassador: i64,
    tour: i64,
    engagement: i64,
    touchpoint: i64,
    repoint: i64,
    owner: i64,
}

impl Foreign {
    fn id_after(&self, segment: &str) -> i64 {
        match segment {
            "campaigns" => self.campaign,
            "ambassadors" => self.ambassador,
            "tours" => self.tour,
            "engagements" => self.engagement,
            "touchpoints" => self.touchpoint,
            "repoints" => self.repoint,
            "members" => self.owner,
            // Unknown ids (offline commitments, appointments) must be refused the same way.
            _ => 987_654,
        }
    }

    fn query(&self) -> String {
        format!(
            "campaign={}&tour={}&ambassador={}&engagement={}",
            self.campaign, self.tour, self.ambassador, self.engagement
        )
    }

    fn form_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("campaign_id", self.campaign.to_string()),
            ("campaign", self.campaign.to_string()),
            ("tour_id", self.tour.to_string()),
            ("engagement_id", self.engagement.to_string()),
            ("ambassador_id", self.ambassador.to_string()),
            ("ambassador", self.ambassador.to_string()),
            ("touchpoint", self.touchpoint.to_string()),
            ("action", "1".into()),
            ("scope", format!("tour:{}", self.tour)),
            ("user_id", self.owner.to_string()),
            ("role", "viewer".into()),
        ]
    }

    fn json_body(&self) -> Value {
        json!({
            "campaigns": [self.campaign], "ambassadors": [self.ambassador],
            "campaign_id": self.campaign, "tour_id": self.tour, "engagement_id": self.engagement,
            "ambassador_id": self.ambassador, "archived": true, "status": "live",
            "name": "x", "title": "x", "slug": "taken-over", "theme": "x", "kind": "concert",
            "city": "x", "country": "DE", "time_zone": "Europe/Berlin", "starts_at": "2026-06-01T20:00",
        })
    }
}

/// `path` with `org` and `beta`'s ids filled in; several for `{kind}`.
fn fill(path: &str, org: &str, foreign: &Foreign) -> Vec<String> {
    let kinds: Vec<&str> = if path.contains("{kind}") {
        vec!["campaigns", "ambassadors", "tours", "engagements"]
    } else {
        vec![""]
    };
    kinds
        .into_iter()
        .map(|kind| {
            let segments: Vec<&str> = path.split('/').collect();
            let mut filled = Vec::new();
            for (at, segment) in segments.iter().enumerate() {
                let before = if at > 0 { segments[at - 1] } else { "" };
                let before = if before == "{kind}" { kind } else { before };
                filled.push(match *segment {
                    "{org}" => org.to_owned(),
                    "{kind}" => kind.to_owned(),
                    "{lang}" => "en".to_owned(),
                    "{table}" => "stops.csv".to_owned(),
                    "{figure}" => "visits".to_owned(),
                    "{id}" | "{user_id}" | "{appointment}" => foreign.id_after(before).to_string(),
                    other => other.to_owned(),
                });
            }
            filled.join("/")
        })
        .collect()
}

async fn beta_records(app: &TestApp) -> Foreign {
    let beta = app.seed_org("beta", "Beta Relief").await;
    let owner_user = app
        .seed_member(&beta, "owner@beta.example", Role::Owner, PASSWORD)
        .await;
    let owner = app.client();
    owner.login("owner@beta.example", PASSWORD).await;
    let created = |path: &'static str, body: Value| {
        let owner = &owner;
        async move {
            let (status, made) = owner.json("POST", path, Some(body)).await;
            assert_eq!(status, 201, "{path}: {made}");
            made["id"].as_i64().expect("id")
        }
    };
    let campaign = created(
        "/api/v1/orgs/beta/campaigns",
        json!({ "slug": "beta-cause", "theme": "Beta secret campaign", "kind": "awareness" }),
    )
    .await;
    owner
        .json(
            "PUT",
            &format!("/api/v1/orgs/beta/campaigns/{campaign}/content/en"),
            Some(json!({ "title": "Beta secret campaign", "summary": "Beta secret campaign" })),
        )
        .await;
    let ambassador = created(
        "/api/v1/orgs/beta/ambassadors",
        json!({ "name": "Beta Secret Ambassador" }),
    )
    .await;
    let tour = created(
        "/api/v1/orgs/beta/tours",
        json!({ "name": "Beta secret tour" }),
    )
    .await;
    let engagement = created(
        "/api/v1/orgs/beta/engagements",
        json!({ "tour_id": tour, "kind": "concert", "title": "Beta secret stop",
            "city": "Beta secret stop", "country": "DE", "time_zone": "Europe/Berlin",
            "starts_at": "2026-06-01T20:00" }),
    )
    .await;
    let csrf = owner.csrf("beta").await;
    let made = owner
        .post(
            "/admin/beta/touchpoints",
            &[
                ("csrf", csrf.as_str()),
                ("campaign_id", &campaign.to_string()),
                ("channel", "venue_qr"),
                ("label", "Beta secret stop"),
            ],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    let touchpoint = app.store.touchpoints(beta.id).await.expect("list")[0].id;
    // Codes are re-pointed only to a live campaign.
    let (status, _) = owner
        .json(
            "PUT",
            &format!("/api/v1/orgs/beta/campaigns/{campaign}/status"),
            Some(json!({ "status": "live" })),
        )
        .await;
    assert_eq!(status, 204);
    let moved = owner
        .post(
            "/admin/beta/touchpoints/repoint",
            &[
                ("csrf", csrf.as_str()),
                ("touchpoint", &touchpoint.to_string()),
                ("campaign_id", &campaign.to_string()),
            ],
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    let repoint = app.store.repoints(beta.id).await.expect("repoints")[0].id;
    Foreign {
        campaign,
        campaign_slug: "beta-cause".into(),
        ambassador,
        tour,
        engagement,
        touchpoint,
        repoint,
        owner: owner_user.id.0,
    }
}

/// What `beta` looks like from its own owner's side; compared before and after the attempts.
async fn beta_state(app: &TestApp) -> String {
    let beta = app
        .store
        .org_by_slug("beta")
        .await
        .expect("q")
        .expect("org");
    let campaigns = app.store.campaigns(beta.id, true).await.expect("campaigns");
    let touchpoints = app.store.touchpoints(beta.id).await.expect("touchpoints");
    let ambassadors = app
        .store
        .ambassadors(beta.id, true)
        .await
        .expect("ambassadors");
    let members = app.store.members(beta.id).await.expect("members");
    format!("{campaigns:?}\n{touchpoints:?}\n{ambassadors:?}\n{members:?}")
}

fn assert_no_secret(what: &str, status: u16, body: &str) {
    for secret in SECRETS {
        assert!(
            !body.contains(secret),
            "{what} ({status}) shows {secret:?}:\n{body}"
        );
    }
}

/// One call as an `acme` member; returns the status.
async fn call(member: &Client, csrf: &str, method: &str, path: &str, foreign: &Foreign) -> u16 {
    let what = format!("{method} {path}");
    if path.starts_with("/api/") {
        let body = (method != "get").then(|| foreign.json_body());
        let target = if method == "get" {
            format!("{path}?{}", foreign.query())
        } else {
            path.to_owned()
        };
        let (status, answer) = member.json(&method.to_uppercase(), &target, body).await;
        assert_no_secret(&what, status, &answer.to_string());
        return status;
    }
    let page = if method == "get" {
        member.get(&format!("{path}?{}", foreign.query())).await
    } else {
        let mut fields: Vec<(&str, String)> = vec![("csrf", csrf.to_owned())];
        fields.extend(foreign.form_fields());
        let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        member.post(path, &form).await
    };
    assert_no_secret(&what, page.status, &page.body);
    page.status
}

on_both_backends!(every_org_route_refuses_another_organizations_ids);

async fn every_org_route_refuses_another_organizations_ids(app: TestApp) {
    let acme = app.seed_org("acme", "Acme Relief").await;
    let foreign = beta_records(&app).await;
    let before = beta_state(&app).await;

    let public: Vec<&str> = NOT_ORG_SCOPED.iter().map(|(path, _)| *path).collect();
    let all = routes();
    assert!(
        all.len() > 100,
        "the router's routes were read: {}",
        all.len()
    );
    let scoped: Vec<&(String, Vec<&str>)> = all
        .iter()
        .filter(|(path, _)| !public.contains(&path.as_str()))
        .collect();
    for (path, methods) in &scoped {
        assert!(
            path.contains("{org}") && (path.starts_with("/admin/") || path.starts_with("/api/")),
            "{path} is neither public by design nor scoped to an organization: classify it"
        );
        assert!(!methods.is_empty(), "{path} has no method");
    }
    for (path, _) in NOT_ORG_SCOPED {
        assert!(
            all.iter().any(|(p, _)| p == path),
            "{path} is listed as public but is no route"
        );
    }

    for role in [Role::Owner, Role::Viewer] {
        let email = format!("{}@acme.example", role.as_str());
        app.seed_member(&acme, &email, role, PASSWORD).await;
        let member = app.client();
        member.login(&email, PASSWORD).await;
        let csrf = member.csrf("acme").await;
        for (path, methods) in &scoped {
            let has_id = path.contains("{id}") || path.contains("{user_id}");
            for method in methods {
                for filled in fill(path, "acme", &foreign) {
                    let status = call(&member, &csrf, method, &filled, &foreign).await;
                    let what = format!("{role:?} {method} {filled}");
                    let strict = *method == "get";
                    if has_id && strict {
                        assert!(
                            status == 404 || status == 403,
                            "{what}: a foreign id in the path is {status}, not 404"
                        );
                    } else if has_id {
                        // A form or JSON body is read before its record is looked up: one this
                        // test cannot fill in whole is refused first, the same for any id.
                        assert!(
                            [400, 403, 404, 413, 415, 422].contains(&status),
                            "{what}: a foreign id in the path is {status}"
                        );
                    } else if *method == "get" && path.contains("reports") {
                        assert!(
                            status == 404 || status == 403,
                            "{what}: foreign ids in a report's query are {status}, not 404"
                        );
                    } else {
                        // Elsewhere the foreign ids are ignored or refused; what matters is
                        // that nothing leaks (checked in `call`) and nothing links to `beta`
                        // (checked below).
                        assert!(status < 500, "{what}: {status}");
                    }
                }
                // The other organization itself, by its slug.
                for filled in fill(path, "beta", &foreign) {
                    let status = call(&member, &csrf, method, &filled, &foreign).await;
                    assert!(
                        status == 404 || status == 403,
                        "{role:?} {method} {filled} in another organization is {status}"
                    );
                }
            }
        }
    }
    assert_eq!(beta_state(&app).await, before, "beta is unchanged");
    for touchpoint in app.store.touchpoints(acme.id).await.expect("touchpoints") {
        assert_ne!(touchpoint.campaign_id.0, foreign.campaign, "{touchpoint:?}");
        assert_ne!(
            touchpoint.engagement_id.map(|e| e.0),
            Some(foreign.engagement),
            "{touchpoint:?}"
        );
    }
    let engagements = app
        .store
        .engagements(acme.id, None)
        .await
        .expect("engagements");
    for engagement in engagements {
        assert_ne!(
            engagement.settings.tour_id,
            Some(foreign.tour),
            "{engagement:?}"
        );
    }

    // Public pages: another organization's campaign under this one's name does not exist.
    let visitor = app.client();
    let borrowed = visitor
        .get(&format!("/acme/{}", foreign.campaign_slug))
        .await;
    assert_eq!(borrowed.status, 404);
    assert_no_secret("public page", borrowed.status, &borrowed.body);
    app.stop().await;
}
