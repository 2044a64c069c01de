//! API tokens: made on the staff page and shown once, used with `Authorization: Bearer`, held
//! to their scopes, their organization and their maker's role, revoked one by one or all at
//! once — on both backends.

use chorus::domain::role::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, Client, TestApp};

const PASSWORD: &str = "a long enough passphrase";

on_both_backends!(
    a_token_is_shown_once_and_works_without_a_browser,
    each_scope_allows_its_routes_and_nothing_else,
    a_token_does_no_more_than_its_makers_role,
    revoked_expired_and_malformed_tokens_are_refused,
);
crate::on_both_backends!(backend: each_token_has_its_calls_per_minute);
crate::on_both_backends!(demo: a_public_read_token_sees_no_personal_data);

async fn member_of(app: &TestApp, org: &chorus::store::Org, email: &str, role: Role) -> Client {
    app.seed_member(org, email, role, PASSWORD).await;
    let client = app.client();
    client.login(email, PASSWORD).await;
    client
}

/// Makes a token on the staff page; the token the page shows once.
async fn make_token(staff: &Client, org: &str, name: &str, kind: &str, scopes: &[&str]) -> String {
    let csrf = staff.csrf(org).await;
    let mut form = vec![("csrf", csrf.as_str()), ("name", name), ("kind", kind)];
    form.extend(scopes.iter().map(|s| ("scope", *s)));
    let made = staff.post(&format!("/admin/{org}/api"), &form).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let start = made
        .body
        .find("id=\"new-token\">")
        .expect("the token is shown")
        + 15;
    let token = &made.body[start..];
    token[..token.find('<').expect("end")].to_owned()
}

async fn a_token_is_shown_once_and_works_without_a_browser(app: TestApp) {
    let acme = app.seed_org("acme", "Acme Relief").await;
    app.seed_org("beta", "Beta Aid").await;
    let owner = member_of(&app, &acme, "owner@acme.example", Role::Owner).await;
    let token = make_token(
        &owner,
        "acme",
        "CRM sync",
        "member",
        &["campaigns:read", "program:write"],
    )
    .await;
    assert!(token.starts_with("chorus_") && token.len() == 43, "{token}");
    // Listed by name and first characters, never whole again.
    let list = owner.get("/admin/acme/api").await;
    assert!(list.body.contains("CRM sync") && list.body.contains(&format!("{}…", &token[..13])));
    assert!(!list.body.contains(&token), "the token is shown only once");

    let partner = app.client();
    let (status, headers, campaigns) = partner
        .with_token(&token, "GET", "/api/v1/orgs/acme/campaigns", None, &[])
        .await;
    assert_eq!(status, 200, "{campaigns}");
    assert!(campaigns["items"].is_array(), "{campaigns}");
    assert!(
        headers.get("set-cookie").is_none(),
        "a token call sets no cookie"
    );
    // A write from another site's page carries its own credential: no CSRF token needed, and
    // the cross-site guard for cookies does not stand in its way.
    let (status, _, created) = partner
        .with_token(
            &token,
            "POST",
            "/api/v1/orgs/acme/ambassadors",
            Some(json!({ "name": "Noor Halim" })),
            &[("origin", "https://crm.partner.example")],
        )
        .await;
    assert_eq!(status, 201, "{created}");
    // Another organization's routes are as unknown to the token as to its maker.
    let (status, _, _) = partner
        .with_token(&token, "GET", "/api/v1/orgs/beta/campaigns", None, &[])
        .await;
    assert_eq!(status, 404);
    // What it changed is attributed to the token in the audit log.
    let entries = app.store.audit_entries(acme.id, 20).await.expect("audit");
    let made = entries
        .iter()
        .find(|e| e.action == "ambassador.created")
        .expect("audited");
    assert!(
        made.actor
            .contains("owner@acme.example with API token CRM sync (chorus_"),
        "{}",
        made.actor
    );
    assert!(entries.iter().any(|e| e.action == "api_token.created"));
    // Its list shows it was used.
    assert!(!owner.get("/admin/acme/api").await.body.contains(">never<"));
}

async fn each_scope_allows_its_routes_and_nothing_else(app: TestApp) {
    let acme = app.seed_org("acme", "Acme Relief").await;
    let owner = member_of(&app, &acme, "owner@acme.example", Role::Owner).await;
    let routes: [(&str, &str, &str, Option<serde_json::Value>); 5] = [
        ("campaigns:read", "GET", "/api/v1/orgs/acme/campaigns", None),
        (
            "campaigns:write",
            "POST",
            "/api/v1/orgs/acme/campaigns",
            Some(json!({ "slug": "s", "theme": "Safe routes", "kind": "awareness" })),
        ),
        ("program:read", "GET", "/api/v1/orgs/acme/ambassadors", None),
        (
            "program:write",
            "POST",
            "/api/v1/orgs/acme/ambassadors",
            Some(json!({ "name": "Noor Halim" })),
        ),
        ("reports:read", "GET", "/api/v1/orgs/acme/reports", None),
    ];
    let partner = app.client();
    for (n, (scope, ..)) in routes.iter().enumerate() {
        let token = make_token(&owner, "acme", &format!("only {scope}"), "member", &[scope]).await;
        for (m, (needs, method, path, body)) in routes.iter().enumerate() {
            // Each campaign needs its own slug.
            let body = body.clone().map(|mut b| {
                if b.get("slug").is_some() {
                    b["slug"] = json!(format!("campaign-{n}-{m}"));
                }
                b
            });
            let (status, _, answer) = partner.with_token(&token, method, path, body, &[]).await;
            if needs == scope {
                assert!(
                    status == 200 || status == 201,
                    "{scope} on {method} {path}: {status} {answer}"
                );
            } else {
                assert_eq!(status, 403, "{scope} on {method} {path}: {answer}");
                assert!(
                    answer["error"].as_str().is_some_and(|e| e.contains(needs)),
                    "the refusal names the scope needed: {answer}"
                );
            }
        }
    }
}

async fn a_token_does_no_more_than_its_makers_role(app: TestApp) {
    let acme = app.seed_org("acme", "Acme Relief").await;
    let owner = member_of(&app, &acme, "owner@acme.example", Role::Owner).await;
    let admin = member_of(&app, &acme, "admin@acme.example", Role::Admin).await;
    let viewer = member_of(&app, &acme, "viewer@acme.example", Role::Viewer).await;
    // Only owners and admins make tokens.
    assert_eq!(viewer.get("/admin/acme/api").await.status, 403);
    // A public read token sees aggregates only: personal data is not among its scopes.
    let csrf = owner.csrf("acme").await;
    let refused = owner
        .post(
            "/admin/acme/api",
            &[
                ("csrf", csrf.as_str()),
                ("name", "Partner site"),
                ("kind", "public_read"),
                ("scope", "reports:read"),
                ("scope", "supporters:read"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused
        .body
        .contains("supporters:read is not one of its scopes"));
    assert!(!refused.body.contains("id=\"new-token\""));

    let token = make_token(
        &admin,
        "acme",
        "Admin's sync",
        "member",
        &["campaigns:write"],
    )
    .await;
    let partner = app.client();
    let create = |slug: &str| json!({ "slug": slug, "theme": "T", "kind": "awareness" });
    let (status, _, _) = partner
        .with_token(
            &token,
            "POST",
            "/api/v1/orgs/acme/campaigns",
            Some(create("first")),
            &[],
        )
        .await;
    assert_eq!(status, 201);
    // The maker becomes a viewer: the token follows their role, not the one it was made with.
    let csrf = owner.csrf("acme").await;
    let admin_id = app
        .store
        .user_by_email(&chorus::domain::email::Email::parse("admin@acme.example").expect("email"))
        .await
        .expect("user")
        .expect("exists")
        .id;
    let changed = owner
        .post(
            &format!("/admin/acme/members/{}/role", admin_id.0),
            &[("csrf", csrf.as_str()), ("role", "viewer")],
        )
        .await;
    assert!(changed.status < 400, "{}", changed.body);
    let (status, _, refused) = partner
        .with_token(
            &token,
            "POST",
            "/api/v1/orgs/acme/campaigns",
            Some(create("second")),
            &[],
        )
        .await;
    assert_eq!(status, 403, "{refused}");
    assert!(refused["error"]
        .as_str()
        .is_some_and(|e| e.contains("no longer allows")));
    // Removed from the organization, the maker's tokens stop working at all.
    let removed = owner
        .post(
            &format!("/admin/acme/members/{}/remove", admin_id.0),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert!(removed.status < 400, "{}", removed.body);
    let (status, _, _) = partner
        .with_token(&token, "GET", "/api/v1/orgs/acme/campaigns", None, &[])
        .await;
    assert_eq!(status, 401);
}

async fn revoked_expired_and_malformed_tokens_are_refused(app: TestApp) {
    let acme = app.seed_org("acme", "Acme Relief").await;
    let owner = member_of(&app, &acme, "owner@acme.example", Role::Owner).await;
    let first = make_token(&owner, "acme", "first", "member", &["campaigns:read"]).await;
    let second = make_token(&owner, "acme", "second", "member", &["campaigns:read"]).await;
    let third = make_token(&owner, "acme", "third", "public_read", &["reports:read"]).await;
    let partner = app.client();
    let read = async |token: &str| {
        partner
            .with_token(token, "GET", "/api/v1/orgs/acme/campaigns", None, &[])
            .await
    };
    assert_eq!(read(&first).await.0, 200);

    // A typo is caught by the checksum; an unknown token of the right shape is not known.
    let mut typo = first.clone().into_bytes();
    typo[10] = if typo[10] == b'a' { b'b' } else { b'a' };
    let (status, headers, answer) = read(&String::from_utf8(typo).expect("ascii")).await;
    assert_eq!(status, 401);
    assert!(
        answer["error"]
            .as_str()
            .is_some_and(|e| e.contains("copied whole")),
        "{answer}"
    );
    assert!(headers
        .get("www-authenticate")
        .is_some_and(|v| v.to_str().unwrap_or_default().starts_with("Bearer")));
    // Basic authentication is not a token.
    let basic = partner
        .get_with(
            "/api/v1/orgs/acme/campaigns",
            &[("authorization", "Basic YTpi")],
        )
        .await;
    assert_eq!(basic.status, 401);
    assert!(basic.body.contains("send `Bearer`"), "{}", basic.body);

    // Revoked one by one on the page: that token stops, the others go on.
    let list = owner.get("/admin/acme/api").await;
    let tokens = app.store.api_tokens(acme.id).await.expect("tokens");
    let first_id = tokens.iter().find(|t| t.name == "first").expect("first").id;
    assert!(list
        .body
        .contains(&format!("/admin/acme/api/{first_id}/revoke")));
    let csrf = owner.csrf("acme").await;
    let revoked = owner
        .post(
            &format!("/admin/acme/api/{first_id}/revoke"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert!(
        revoked.body.contains("the token no longer works"),
        "{}",
        revoked.body
    );
    let (status, _, answer) = read(&first).await;
    assert_eq!(status, 401);
    assert!(answer["error"]
        .as_str()
        .is_some_and(|e| e.contains("revoked")));
    assert_eq!(read(&second).await.0, 200);
    // Revoking it again says so and changes nothing.
    let again = owner
        .post(
            &format!("/admin/acme/api/{first_id}/revoke"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert!(again.body.contains("already revoked"), "{}", again.body);

    // An expired token says when it expired.
    let expired = chorus::domain::api_token::token_from(&[42; 30]);
    let owner_id = app
        .store
        .user_by_email(&chorus::domain::email::Email::parse("owner@acme.example").expect("email"))
        .await
        .expect("user")
        .expect("exists")
        .id;
    let past = chorus::clock::now().plus(std::time::Duration::ZERO);
    let made_at = chorus::domain::time::Timestamp::from_unix_micros(past.unix_micros() - 2_000_000);
    let new = chorus::store::NewApiToken {
        name: "old",
        kind: chorus::domain::api_token::TokenKind::Member,
        scopes: &[chorus::domain::api_token::Scope::CampaignsRead],
        digest: &chorus::auth::token::digest(&expired),
        shown: &expired[..13],
        created_by: owner_id,
        expires_at: Some(chorus::domain::time::Timestamp::from_unix_micros(
            past.unix_micros() - 1_000_000,
        )),
    };
    let actor = chorus::domain::audit::Actor::command_line();
    app.store
        .create_api_token(acme.id, &new, &actor, made_at)
        .await
        .expect("stored");
    let (status, _, answer) = read(&expired).await;
    assert_eq!(status, 401);
    assert!(
        answer["error"]
            .as_str()
            .is_some_and(|e| e.contains("expired on")),
        "{answer}"
    );

    // Revoke all: every token stops; audited with how many.
    let all = owner
        .post(
            "/admin/acme/api/revoke-all",
            &[("csrf", csrf.as_str()), ("sure", "on")],
        )
        .await;
    assert!(all.body.contains("Revoked 2 token(s)."), "{}", all.body);
    assert_eq!(read(&second).await.0, 401);
    let (status, _, _) = partner
        .with_token(&third, "GET", "/api/v1/orgs/acme/reports", None, &[])
        .await;
    assert_eq!(status, 401);
    let entries = app.store.audit_entries(acme.id, 20).await.expect("audit");
    assert!(entries
        .iter()
        .any(|e| e.action == "api_token.all_revoked" && e.subject == "2"));
}

/// Each token has its calls per minute, counted in the database: every answer says what is
/// left, and past the limit the call is not run (429 with Retry-After) while other tokens go on.
async fn each_token_has_its_calls_per_minute(backend: Backend) {
    let Some(app) =
        TestApp::spawn_configured(backend, "api_rate", |config| config.api_rate = 3).await
    else {
        return;
    };
    let acme = app.seed_org("acme", "Acme Relief").await;
    let owner = member_of(&app, &acme, "owner@acme.example", Role::Owner).await;
    let busy = make_token(&owner, "acme", "busy", "member", &["campaigns:read"]).await;
    let calm = make_token(&owner, "acme", "calm", "member", &["campaigns:read"]).await;
    let partner = app.client();
    let path = "/api/v1/orgs/acme/campaigns";
    for left in ["2", "1", "0"] {
        let (status, headers, _) = partner.with_token(&busy, "GET", path, None, &[]).await;
        assert_eq!(status, 200);
        assert_eq!(
            headers
                .get("ratelimit-limit")
                .map(|v| v.to_str().unwrap_or_default()),
            Some("3")
        );
        assert_eq!(
            headers
                .get("ratelimit-remaining")
                .map(|v| v.to_str().unwrap_or_default()),
            Some(left)
        );
        assert!(headers.get("ratelimit-reset").is_some());
    }
    let (status, headers, answer) = partner.with_token(&busy, "GET", path, None, &[]).await;
    assert_eq!(status, 429, "{answer}");
    let retry: u64 = headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=10).contains(&retry), "{retry}");
    assert!(
        answer["error"]
            .as_str()
            .is_some_and(|e| e.contains("3 calls")),
        "{answer}"
    );
    let (status, headers, _) = partner.with_token(&calm, "GET", path, None, &[]).await;
    assert_eq!(status, 200, "another token has its own calls");
    assert_eq!(
        headers
            .get("ratelimit-remaining")
            .map(|v| v.to_str().unwrap_or_default()),
        Some("2")
    );
    // Calls with the session are not a token's: not counted, no headers.
    let (status, _) = owner.json("GET", path, None).await;
    assert_eq!(status, 200);
    app.stop().await;
}

/// A public read token, for a partner's web page, reads campaigns and report figures and
/// nothing that names a person: none of the demo's supporters' emails, names or messages is in
/// any answer it gets, and routes beyond its scopes are refused.
async fn a_public_read_token_sees_no_personal_data(app: TestApp) {
    let demo = app
        .store
        .org_by_slug("demo")
        .await
        .expect("org")
        .expect("demo");
    let owner = member_of(&app, &demo, "owner@demo-test.example", Role::Owner).await;
    let token = make_token(
        &owner,
        "demo",
        "Partner site",
        "public_read",
        &["campaigns:read", "reports:read"],
    )
    .await;
    // Supporters who signed, with their names shown on the venue screen, and confirmed.
    let (_, campaign) = crate::support::demo_campaign(&app.store, crate::actions::CAMPAIGN).await;
    let fan = app.client();
    for (n, name) in ["Ana Lima Duarte", "Bruno Okafor", "Chen Wei Ling"]
        .iter()
        .enumerate()
    {
        let form = crate::actions::token(&app.store, campaign.id, 5, &format!("public-{n}")).await;
        let email = format!("fan{n}.private@example.org");
        let mut fields = crate::actions::pledge_fields(&form, &email);
        fields.retain(|(field, _)| *field != "name" && *field != "message");
        fields.push(("name", name));
        fields.push(("message", "A message only staff may read"));
        let sent = crate::actions::post_pledge(&fan, &fields).await;
        assert_eq!(sent.status, 303, "{}", sent.body);
    }
    let supporters = crate::actions::all_actions(&app.store).await;
    assert_eq!(supporters.len(), 3);
    for supporter in &supporters {
        let link = crate::actions::confirmation_link(&app.store, supporter).await;
        assert!(fan.get(&link).await.status < 400);
    }
    let partner = app.client();
    let mut paths = vec![
        "/api/v1/orgs/demo/campaigns".to_owned(),
        "/api/v1/orgs/demo/reports".to_owned(),
        "/api/v1/orgs/demo/reports?period=all".to_owned(),
    ];
    let (_, _, campaigns) = partner
        .with_token(&token, "GET", "/api/v1/orgs/demo/campaigns", None, &[])
        .await;
    for campaign in campaigns["items"].as_array().expect("campaigns") {
        let id = campaign["id"].as_i64().expect("id");
        paths.push(format!("/api/v1/orgs/demo/campaigns/{id}"));
        paths.push(format!(
            "/api/v1/orgs/demo/reports?campaign={id}&period=all"
        ));
    }
    for path in &paths {
        let (status, _, answer) = partner.with_token(&token, "GET", path, None, &[]).await;
        assert_eq!(status, 200, "{path}: {answer}");
        let text = answer.to_string();
        for supporter in &supporters {
            assert!(
                !text.contains(&supporter.email),
                "{path} shows {}",
                supporter.email
            );
            if supporter.name.contains(' ') {
                assert!(
                    !text.contains(&supporter.name),
                    "{path} shows {}",
                    supporter.name
                );
            }
            if supporter.message.len() > 12 {
                assert!(!text.contains(&supporter.message), "{path} shows a message");
            }
        }
    }
    // The people are there for a token allowed to read them: a page at a time, in the order
    // they came, new ones after — and the public token is refused that list.
    let actions = format!("/api/v1/orgs/demo/campaigns/{}/actions", campaign.id.0);
    let staff = make_token(&owner, "demo", "CRM sync", "member", &["supporters:read"]).await;
    let (status, _, first) = partner
        .with_token(&staff, "GET", &format!("{actions}?limit=2"), None, &[])
        .await;
    assert_eq!(status, 200, "{first}");
    let mut emails: Vec<String> = first["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|a| a["email"].as_str().expect("email").to_owned())
        .collect();
    let next = first["next"].as_str().expect("a second page");
    let (_, _, second) = partner
        .with_token(
            &staff,
            "GET",
            &format!("{actions}?limit=2&after={next}"),
            None,
            &[],
        )
        .await;
    emails.extend(
        second["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|a| a["email"].as_str().expect("email").to_owned()),
    );
    assert!(second["next"].is_null());
    assert_eq!(
        emails,
        [
            "fan0.private@example.org",
            "fan1.private@example.org",
            "fan2.private@example.org"
        ]
    );
    let (_, _, found) = partner
        .with_token(
            &staff,
            "GET",
            &format!("{actions}?q=okafor&status=confirmed"),
            None,
            &[],
        )
        .await;
    assert_eq!(found["items"][0]["name"], "Bruno Okafor", "{found}");
    assert_eq!(found["items"].as_array().map(Vec::len), Some(1));
    for (method, path) in [
        ("GET", actions.as_str()),
        ("GET", "/api/v1/orgs/demo/ambassadors"),
        ("POST", "/api/v1/orgs/demo/campaigns"),
    ] {
        let (status, _, _) = partner
            .with_token(&token, method, path, Some(json!({})), &[])
            .await;
        assert_eq!(status, 403, "{method} {path}");
    }
}
