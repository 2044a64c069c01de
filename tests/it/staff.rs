//! The staff area over HTTP: first owner, login, sessions, CSRF, roles, tenant isolation,
//! invitations and the audit log — each test on both backends.

use chorus::domain::role::Role;

use crate::on_both_backends;
use crate::support::{Client, TestApp};

const PASSWORD: &str = "a long enough passphrase";

on_both_backends!(
    first_owner_flow,
    login_logout_and_sessions,
    login_is_rate_limited_per_account,
    forms_need_csrf_token_and_same_origin,
    roles_decide_what_members_may_do,
    other_organizations_are_invisible,
    invitation_flow_and_audit_log,
    a_pending_invitation_can_be_revoked,
    a_reset_link_sets_a_password_once,
    staff_pages_speak_the_chosen_or_the_browsers_language,
    health_metrics_and_headers,
    malformed_input_gets_clear_errors,
);

/// The staff interface in English, French or Spanish: the browser's language until the
/// account chooses one on its page; a language it does not ship in is refused, changing nothing.
async fn staff_pages_speak_the_chosen_or_the_browsers_language(app: TestApp) {
    // Before signing in, the browser's language.
    let sign_in = app
        .client()
        .get_with("/admin/login", &[("accept-language", "es-ES")])
        .await;
    assert!(
        sign_in.body.contains("<html lang=\"es\""),
        "{}",
        sign_in.body
    );
    assert!(sign_in.body.contains("<h1>Iniciar sesión</h1>"));
    assert!(sign_in.body.contains("¿Olvidó su contraseña?"));
    let (_org, owner) = org_with_owner(&app).await;
    let english = owner.get("/admin/acme").await;
    assert!(
        english.body.contains("<html lang=\"en\""),
        "{}",
        english.body
    );
    assert!(english.body.contains(">Campaigns</a>"));
    let spanish = owner
        .get_with(
            "/admin/acme",
            &[("accept-language", "es-MX,es;q=0.9,en;q=0.5")],
        )
        .await;
    assert!(
        spanish.body.contains("<html lang=\"es\""),
        "{}",
        spanish.body
    );
    assert!(spanish.body.contains(">Campañas</a>"), "{}", spanish.body);
    assert!(spanish.body.contains("Propietario de esta organización"));
    // A browser in a language the staff pages do not ship in gets English.
    let arabic = owner
        .get_with("/admin/acme", &[("accept-language", "ar")])
        .await;
    assert!(arabic.body.contains(">Campaigns</a>"));

    let csrf = owner.csrf("acme").await;
    let refused = owner
        .post(
            "/admin/account/language",
            &[("csrf", &csrf), ("language", "ru")],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("choose English, French or Spanish"));
    assert!(owner
        .get("/admin/acme")
        .await
        .body
        .contains(">Campaigns</a>"));

    let chosen = owner
        .post(
            "/admin/account/language",
            &[("csrf", &csrf), ("language", "fr")],
        )
        .await;
    assert_eq!(chosen.status, 303, "{}", chosen.body);
    let account = owner.get(chosen.location().expect("back")).await;
    assert!(
        account
            .body
            .contains("ces pages sont désormais en français"),
        "{}",
        account.body
    );
    // The choice holds whatever the browser asks for.
    let french = owner
        .get_with("/admin/acme", &[("accept-language", "es")])
        .await;
    assert!(french.body.contains("<html lang=\"fr\""));
    assert!(french.body.contains(">Campagnes</a>"), "{}", french.body);
    // Error pages too: the member's choice once signed in, the browser's before.
    let missing = owner
        .get_with(
            "/admin/acme/engagements/999999",
            &[("accept-language", "es")],
        )
        .await;
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<h1>Introuvable</h1>") && missing.body.contains("Retour à Chorus"),
        "{}",
        missing.body
    );
    let expired = owner
        .post(
            "/admin/account/language",
            &[("csrf", "stale"), ("language", "es")],
        )
        .await;
    assert_eq!(expired.status, 403);
    assert!(
        expired.body.contains("Ce formulaire a expiré"),
        "{}",
        expired.body
    );
    let anonymous = app
        .client()
        .get_with("/nowhere/at/all/really", &[("accept-language", "es")])
        .await;
    assert_eq!(anonymous.status, 404);
    assert!(
        anonymous.body.contains("No encontrado"),
        "{}",
        anonymous.body
    );
    let back = owner
        .post(
            "/admin/account/language",
            &[("csrf", &csrf), ("language", "")],
        )
        .await;
    assert_eq!(back.status, 303);
    assert!(owner
        .get("/admin/acme")
        .await
        .body
        .contains(">Campaigns</a>"));
}

/// An organization `acme` with an owner logged in.
async fn org_with_owner(app: &TestApp) -> (chorus::store::Org, Client) {
    let org = app.seed_org("acme", "Acme Relief").await;
    app.seed_member(&org, "owner@acme.example", Role::Owner, PASSWORD)
        .await;
    let owner = app.client();
    owner.login("owner@acme.example", PASSWORD).await;
    (org, owner)
}

async fn first_owner_flow(app: TestApp) {
    let link = app
        .setup_link
        .clone()
        .expect("a fresh server prints a setup link");
    let path = link
        .strip_prefix(&app.base)
        .expect("link on our base URL")
        .to_owned();
    let visitor = app.client();
    assert_eq!(visitor.get(&path).await.status, 200);

    // Bad input: every problem listed, nothing created.
    let bad = visitor
        .post(
            &path,
            &[
                ("org_name", " "),
                ("org_slug", "admin"),
                ("email", "not-an-email"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    for expected in [
        "Organization name",
        "reserved",
        "not an email address",
        "at least 8",
    ] {
        assert!(
            bad.body.contains(expected),
            "missing {expected:?} in {}",
            bad.body
        );
    }
    assert!(app
        .store
        .org_by_slug("admin")
        .await
        .expect("query")
        .is_none());
    let mismatch = visitor
        .post(
            &path,
            &[
                ("org_name", "Safe Passage"),
                ("org_slug", "safe-passage"),
                ("email", "founder@example.org"),
                ("password", PASSWORD),
                ("password_confirm", "something else entirely"),
            ],
        )
        .await;
    assert_eq!(mismatch.status, 422);
    assert!(mismatch.body.contains("not the same"));

    let done = visitor
        .post(
            &path,
            &[
                ("org_name", "Safe Passage"),
                ("org_slug", "safe-passage"),
                ("email", "Founder@Example.org"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location(), Some("/admin/safe-passage"));
    let dashboard = visitor.get("/admin/safe-passage").await;
    assert_eq!(dashboard.status, 200);
    assert!(dashboard.body.contains("Safe Passage") && dashboard.body.contains("Owner"));

    // The link works once.
    assert_eq!(app.client().get(&path).await.status, 403);
    let again = app
        .client()
        .post(
            &path,
            &[
                ("org_name", "Second"),
                ("org_slug", "second"),
                ("email", "intruder@example.org"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(again.status, 403);
    assert!(app
        .store
        .org_by_slug("second")
        .await
        .expect("query")
        .is_none());

    // The email was normalized and the owner can log in again.
    let fresh = app.client();
    fresh.login("founder@example.org", PASSWORD).await;
    let org = app
        .store
        .org_by_slug("safe-passage")
        .await
        .expect("q")
        .expect("org");
    let actions: Vec<String> = app
        .store
        .audit_entries(org.id, 10)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["member.added", "org.created"]);
}

async fn login_logout_and_sessions(app: TestApp) {
    let (_org, owner) = org_with_owner(&app).await;
    let wrong = app
        .client()
        .post(
            "/admin/login",
            &[
                ("email", "owner@acme.example"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("The email or the password is wrong."));
    let unknown = app
        .client()
        .post(
            "/admin/login",
            &[
                ("email", "nobody@acme.example"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    assert_eq!(unknown.status, 401);
    assert_eq!(
        unknown.body.replace("nobody", "owner"),
        wrong.body,
        "same answer for unknown accounts"
    );

    // Not signed in: sent to the login page, with the way back.
    let anonymous = app.client().get("/admin/acme/members").await;
    assert_eq!(anonymous.status, 303);
    assert_eq!(
        anonymous.location(),
        Some("/admin/login?next=%2Fadmin%2Facme%2Fmembers")
    );

    // The cookie is HttpOnly and SameSite=Lax (not Secure on plain http).
    let login = app
        .client()
        .post(
            "/admin/login",
            &[("email", "owner@acme.example"), ("password", PASSWORD)],
        )
        .await;
    let cookie = login.header("set-cookie").expect("cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let raw_cookie = cookie.split(';').next().expect("pair").to_owned();

    // Logging out ends the session on the server: replaying the old cookie fails.
    let csrf = owner.csrf("acme").await;
    let replay = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let replayed = |c: &reqwest::Client| {
        c.get(format!("{}/admin/acme", app.base))
            .header("cookie", raw_cookie.clone())
            .send()
    };
    assert_eq!(replayed(&replay).await.expect("get").status(), 200);
    let logout = owner.post("/admin/logout", &[("csrf", &csrf)]).await;
    assert_eq!(logout.status, 303);
    let said = owner
        .get(logout.location().expect("to the sign-in page"))
        .await;
    assert!(said.body.contains("You are logged out."), "{}", said.body);
    assert_eq!(
        owner.get("/admin/acme").await.status,
        303,
        "this session ended"
    );
    assert_eq!(
        replayed(&replay).await.expect("get").status(),
        200,
        "other session lives"
    );

    // Log out everywhere ends the other one too.
    owner.login("owner@acme.example", PASSWORD).await;
    let csrf = owner.csrf("acme").await;
    assert_eq!(
        owner
            .post("/admin/logout-everywhere", &[("csrf", &csrf)])
            .await
            .status,
        303
    );
    assert_eq!(replayed(&replay).await.expect("get").status(), 303);
}

async fn login_is_rate_limited_per_account(app: TestApp) {
    let (org, _owner) = org_with_owner(&app).await;
    app.seed_member(&org, "other@acme.example", Role::Viewer, PASSWORD)
        .await;
    let attacker = app.client();
    for _ in 0..5 {
        let page = attacker
            .post(
                "/admin/login",
                &[("email", "owner@acme.example"), ("password", "guess guess")],
            )
            .await;
        assert_eq!(page.status, 401);
    }
    // The 6th attempt on this account from this address is held before the password is
    // checked, even the right one.
    let blocked = attacker
        .post(
            "/admin/login",
            &[("email", "OWNER@acme.example"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(blocked.status, 429);
    assert!(blocked.header("retry-after").is_some());
    assert!(blocked.body.contains("Too many failed sign-in attempts"));
    // Another account is not affected.
    app.client().login("other@acme.example", PASSWORD).await;
    let metrics = app.client().get("/metrics").await.body;
    assert!(
        metrics.contains("chorus_login_throttled_total 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("chorus_login_failures_total 5"),
        "{metrics}"
    );

    // One address spraying many accounts is held too (all test clients share 127.0.0.1, which
    // has 6 failures above, the held attempt included; 20 are free).
    for n in 0..14 {
        let email = format!("spray{n}@acme.example");
        let form = [("email", email.as_str()), ("password", "guess guess")];
        assert_eq!(
            attacker.post("/admin/login", &form).await.status,
            401,
            "attempt {n}"
        );
    }
    let sprayed = app
        .client()
        .post(
            "/admin/login",
            &[("email", "other@acme.example"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(sprayed.status, 429);
}

async fn forms_need_csrf_token_and_same_origin(app: TestApp) {
    let (org, owner) = org_with_owner(&app).await;
    let path = "/admin/acme/members/invite";
    let no_token = owner
        .post(path, &[("email", "new@acme.example"), ("role", "viewer")])
        .await;
    assert_eq!(no_token.status, 403);
    assert!(no_token.body.contains("Reload the page"));
    let forged = owner
        .post(
            path,
            &[
                ("csrf", "forged"),
                ("email", "new@acme.example"),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(forged.status, 403);

    let csrf = owner.csrf("acme").await;
    let good = [
        ("csrf", csrf.as_str()),
        ("email", "new@acme.example"),
        ("role", "viewer"),
    ];
    let cross_origin = owner
        .post_with(path, &good, &[("origin", "https://evil.example")])
        .await;
    assert_eq!(cross_origin.status, 403);
    let cross_site = owner
        .post_with(path, &good, &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(cross_site.status, 403);
    let audit_before = app
        .store
        .audit_entries(org.id, 100)
        .await
        .expect("audit")
        .len();
    let login_cross_site = app
        .client()
        .post_with(
            "/admin/login",
            &[("email", "owner@acme.example"), ("password", PASSWORD)],
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(login_cross_site.status, 403);
    assert_eq!(
        app.store
            .audit_entries(org.id, 100)
            .await
            .expect("audit")
            .len(),
        audit_before
    );

    let same_origin = owner
        .post_with(path, &good, &[("sec-fetch-site", "same-origin")])
        .await;
    assert_eq!(same_origin.status, 200, "{}", same_origin.body);
    assert!(same_origin.body.contains("/admin/invite/"));
}

async fn roles_decide_what_members_may_do(app: TestApp) {
    let (org, owner) = org_with_owner(&app).await;
    let mut clients = Vec::new();
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Owner) {
        let email = format!("{}@acme.example", role.as_str());
        app.seed_member(&org, &email, role, PASSWORD).await;
        let client = app.client();
        client.login(&email, PASSWORD).await;
        clients.push((role, client));
    }
    for (role, client) in &clients {
        let manages = *role == Role::Admin;
        assert_eq!(client.get("/admin/acme").await.status, 200, "{role:?}");
        assert_eq!(
            client.get("/admin/acme/members").await.status,
            200,
            "{role:?}"
        );
        let audit = client.get("/admin/acme/audit").await.status;
        assert_eq!(audit, if manages { 200 } else { 403 }, "{role:?} audit");
        let csrf = client.csrf("acme").await;
        let email = format!("invitee-{}@acme.example", role.as_str());
        let invite = client
            .post(
                "/admin/acme/members/invite",
                &[("csrf", &csrf), ("email", &email), ("role", "viewer")],
            )
            .await;
        assert_eq!(
            invite.status,
            if manages { 200 } else { 403 },
            "{role:?} invite"
        );
    }
    let owner_user = app
        .store
        .members(org.id)
        .await
        .expect("members")
        .into_iter()
        .find(|m| m.role == Role::Owner)
        .expect("owner");
    let (_, admin) = clients
        .iter()
        .find(|(r, _)| *r == Role::Admin)
        .expect("admin");
    let csrf = admin.csrf("acme").await;
    // Admins cannot create owners or touch the owner.
    let grant_owner = admin
        .post(
            "/admin/acme/members/invite",
            &[
                ("csrf", &csrf),
                ("email", "x@acme.example"),
                ("role", "owner"),
            ],
        )
        .await;
    assert_eq!(grant_owner.status, 403);
    let demote = admin
        .post(
            &format!("/admin/acme/members/{}/role", owner_user.user_id),
            &[("csrf", &csrf), ("role", "viewer")],
        )
        .await;
    assert_eq!(demote.status, 403);
    assert!(demote.body.contains("only an owner"), "{}", demote.body);
    // The last owner cannot demote or remove themself.
    let csrf = owner.csrf("acme").await;
    let last = owner
        .post(
            &format!("/admin/acme/members/{}/role", owner_user.user_id),
            &[("csrf", &csrf), ("role", "admin")],
        )
        .await;
    assert_eq!(last.status, 409);
    assert!(last.body.contains("at least one owner"));
    let remove_last = owner
        .post(
            &format!("/admin/acme/members/{}/remove", owner_user.user_id),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(remove_last.status, 409);
    // The owner can change a viewer's role; the change is audited with before and after.
    let viewer = app
        .store
        .members(org.id)
        .await
        .expect("members")
        .into_iter()
        .find(|m| m.role == Role::Viewer)
        .expect("viewer");
    let promote = owner
        .post(
            &format!("/admin/acme/members/{}/role", viewer.user_id),
            &[("csrf", &csrf), ("role", "campaign_manager")],
        )
        .await;
    assert_eq!(promote.status, 303);
    let entry = app
        .store
        .audit_entries(org.id, 1)
        .await
        .expect("audit")
        .remove(0);
    assert_eq!(entry.action, "member.role_changed");
    assert_eq!(entry.actor, "owner@acme.example");
    assert_eq!(entry.before.as_deref(), Some(r#"{"role":"viewer"}"#));
    assert_eq!(
        entry.after.as_deref(),
        Some(r#"{"role":"campaign_manager"}"#)
    );
    // Removal takes effect on the next request of the removed member.
    let remove = owner
        .post(
            &format!("/admin/acme/members/{}/remove", viewer.user_id),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(remove.status, 303);
    let (_, removed) = clients
        .iter()
        .find(|(r, _)| *r == Role::Viewer)
        .expect("viewer client");
    assert_eq!(removed.get("/admin/acme").await.status, 404);
}

async fn other_organizations_are_invisible(app: TestApp) {
    let (_org_a, owner_a) = org_with_owner(&app).await;
    let org_b = app.seed_org("beta", "Beta Aid").await;
    app.seed_member(&org_b, "owner@beta.example", Role::Owner, PASSWORD)
        .await;
    let member_b = app
        .seed_member(&org_b, "staff@beta.example", Role::Viewer, PASSWORD)
        .await;
    let members_before = app.store.members(org_b.id).await.expect("members").len();
    let audit_before = app
        .store
        .audit_entries(org_b.id, 1000)
        .await
        .expect("audit")
        .len();

    let csrf = owner_a.csrf("acme").await;
    let b_member = member_b.id.to_string();
    for path in ["/admin/beta", "/admin/beta/members", "/admin/beta/audit"] {
        let page = owner_a.get(path).await;
        assert_eq!(page.status, 404, "GET {path}");
        assert!(!page.body.contains("Beta Aid") && !page.body.contains("staff@beta.example"));
    }
    let posts = [
        (
            "/admin/beta/members/invite".to_owned(),
            vec![("email", "spy@acme.example"), ("role", "owner")],
        ),
        (
            format!("/admin/beta/members/{b_member}/role"),
            vec![("role", "owner")],
        ),
        (format!("/admin/beta/members/{b_member}/remove"), vec![]),
        // Our own organization in the path, a foreign member id: not found either.
        (
            format!("/admin/acme/members/{b_member}/role"),
            vec![("role", "owner")],
        ),
        (format!("/admin/acme/members/{b_member}/remove"), vec![]),
    ];
    for (path, fields) in posts {
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(fields);
        let page = owner_a.post(&path, &form).await;
        assert_eq!(page.status, 404, "POST {path}: {}", page.body);
    }
    let members_after = app.store.members(org_b.id).await.expect("members");
    assert_eq!(members_after.len(), members_before);
    assert!(members_after
        .iter()
        .any(|m| m.user_id == member_b.id && m.role == Role::Viewer));
    assert_eq!(
        app.store
            .audit_entries(org_b.id, 1000)
            .await
            .expect("audit")
            .len(),
        audit_before
    );
}

async fn invitation_flow_and_audit_log(app: TestApp) {
    let (org, owner) = org_with_owner(&app).await;
    let csrf = owner.csrf("acme").await;
    let invited = owner
        .post(
            "/admin/acme/members/invite",
            &[
                ("csrf", &csrf),
                ("email", "Mira@Acme.example"),
                ("role", "campaign_manager"),
            ],
        )
        .await;
    assert_eq!(invited.status, 200);
    let start = invited.body.find("/admin/invite/").expect("link shown");
    let end = invited.body[start..].find('<').expect("end") + start;
    let path = invited.body[start..end].to_owned();
    let again = owner
        .post(
            "/admin/acme/members/invite",
            &[
                ("csrf", &csrf),
                ("email", "owner@acme.example"),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("already a member"));

    let mira = app.client();
    let form = mira.get(&path).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("Acme Relief") && form.body.contains("Campaign manager"));
    let weak = mira
        .post(
            &path,
            &[("password", "password1"), ("password_confirm", "password1")],
        )
        .await;
    assert_eq!(weak.status, 422);
    assert!(weak.body.contains("commonly used"));
    let joined = mira
        .post(
            &path,
            &[("password", PASSWORD), ("password_confirm", PASSWORD)],
        )
        .await;
    assert_eq!(joined.status, 303);
    assert_eq!(joined.location(), Some("/admin/acme"));
    let dashboard = mira.get("/admin/acme").await;
    assert!(
        dashboard.body.contains("Campaign manager") && dashboard.body.contains("mira@acme.example")
    );
    assert_eq!(app.client().get(&path).await.status, 403, "links work once");

    let audit = owner.get("/admin/acme/audit").await;
    assert_eq!(audit.status, 200);
    // Each entry reads as a sentence with labelled details, not as stored JSON.
    for said in [
        "Invited mira@acme.example to join the staff",
        "mira@acme.example accepted an invitation and joined the staff",
        "<dt>Role</dt><dd>Campaign manager</dd>",
    ] {
        assert!(audit.body.contains(said), "{said}: {}", audit.body);
    }
    assert!(
        !audit.body.contains("{&quot;") && !audit.body.contains("member.invited"),
        "{}",
        audit.body
    );
    // In the reader's language, with the fields' names and values in it too.
    let french = owner
        .get_with("/admin/acme/audit", &[("accept-language", "fr")])
        .await;
    for said in [
        "A invité mira@acme.example à rejoindre l&#39;équipe",
        "<dt>Rôle</dt><dd>Responsable de campagne</dd>",
    ] {
        assert!(french.body.contains(said), "{said}: {}", french.body);
    }
    let entries = app.store.audit_entries(org.id, 2).await.expect("audit");
    assert_eq!(entries[0].action, "member.joined");
    assert_eq!(entries[0].actor, "mira@acme.example");
    assert_eq!(entries[1].action, "member.invited");
    assert_eq!(entries[1].actor, "owner@acme.example");
    assert_eq!(
        entries[1].after.as_deref(),
        Some(r#"{"email":"mira@acme.example","role":"campaign_manager"}"#)
    );
}

async fn a_pending_invitation_can_be_revoked(app: TestApp) {
    let (_, owner) = org_with_owner(&app).await;
    let csrf = owner.csrf("acme").await;
    let invited = owner
        .post(
            "/admin/acme/members/invite",
            &[
                ("csrf", &csrf),
                ("email", "late@acme.example"),
                ("role", "viewer"),
            ],
        )
        .await;
    let start = invited.body.find("/admin/invite/").expect("link shown");
    let end = invited.body[start..].find('<').expect("end") + start;
    let link = invited.body[start..end].to_owned();
    // Listed while it waits, with a way to revoke it.
    let members = owner.get("/admin/acme/members").await;
    assert!(members.body.contains("Invitations waiting for an answer"));
    let action_start = members
        .body
        .find("/admin/acme/members/invites/")
        .expect("a revoke form");
    let action_end = members.body[action_start..].find('"').expect("end") + action_start;
    let revoke = members.body[action_start..action_end].to_owned();
    let revoked = owner.post(&revoke, &[("csrf", &csrf)]).await;
    assert_eq!(revoked.status, 200);
    assert!(
        revoked.body.contains("The invitation is revoked"),
        "{}",
        revoked.body
    );
    assert!(
        !revoked.body.contains("late@acme.example"),
        "no longer listed"
    );
    assert_eq!(
        app.client().get(&link).await.status,
        403,
        "the link is dead"
    );
    let again = owner.post(&revoke, &[("csrf", &csrf)]).await;
    assert!(again.body.contains("already accepted, revoked or expired"));
    let audit = owner.get("/admin/acme/audit").await;
    assert!(audit
        .body
        .contains("Revoked the invitation of late@acme.example"));
    // Another organization's staff cannot revoke it (nor see it).
    let other = app.seed_org("other", "Other").await;
    app.seed_member(&other, "boss@other.example", Role::Owner, PASSWORD)
        .await;
    let boss = app.client();
    boss.login("boss@other.example", PASSWORD).await;
    let boss_csrf = boss.csrf("other").await;
    let foreign = boss.post(&revoke, &[("csrf", &boss_csrf)]).await;
    assert_eq!(foreign.status, 404);
}

async fn a_reset_link_sets_a_password_once(app: TestApp) {
    let (_, owner) = org_with_owner(&app).await;
    // This server sends no email: the form says how to get a link instead.
    let forgot = app.client().get("/admin/password/forgot").await;
    assert!(
        forgot.body.contains("chorus user reset-link"),
        "{}",
        forgot.body
    );
    let email = chorus::domain::email::Email::parse("owner@acme.example").expect("email");
    let now = chorus::clock::now();
    let token = chorus::app::password_reset::issue(&app.store, &email, now)
        .await
        .expect("store")
        .expect("a link");
    assert_eq!(
        chorus::app::password_reset::issue(&app.store, &email, now)
            .await
            .expect("store"),
        None,
        "one link per account every few minutes"
    );
    let link = chorus::app::password_reset::link_path(&token);
    let visitor = app.client();
    assert_eq!(visitor.get(&link).await.status, 200);
    let mismatch = visitor
        .post(
            &link,
            &[
                ("password", "a new long passphrase"),
                ("password_confirm", "other"),
            ],
        )
        .await;
    assert_eq!(mismatch.status, 422);
    let set = visitor
        .post(
            &link,
            &[
                ("password", "a new long passphrase"),
                ("password_confirm", "a new long passphrase"),
            ],
        )
        .await;
    assert_eq!(set.status, 303, "{}", set.body);
    assert_eq!(set.location(), Some("/admin/login?done=password-set"));
    let login = visitor.get("/admin/login?done=password-set").await;
    assert!(login.body.contains("Your new password is set"));
    // The old session ended; the old password no longer works, the new one does.
    assert_eq!(owner.get("/admin/acme").await.status, 303);
    let old = visitor
        .post(
            "/admin/login",
            &[
                ("email", "owner@acme.example"),
                ("password", PASSWORD),
                ("next", "/admin"),
            ],
        )
        .await;
    assert_eq!(old.status, 401);
    visitor
        .login("owner@acme.example", "a new long passphrase")
        .await;
    // Once only.
    assert_eq!(app.client().get(&link).await.status, 404);
    let replay = app
        .client()
        .post(
            &link,
            &[
                ("password", "yet another passphrase"),
                ("password_confirm", "yet another passphrase"),
            ],
        )
        .await;
    assert_eq!(replay.status, 404);
    // An unknown account gets no link, and the form's answer reads the same either way.
    let nobody = chorus::domain::email::Email::parse("nobody@acme.example").expect("email");
    assert_eq!(
        chorus::app::password_reset::issue(&app.store, &nobody, now)
            .await
            .expect("store"),
        None
    );
}

async fn health_metrics_and_headers(app: TestApp) {
    let client = app.client();
    let alive = client.get("/healthz").await;
    assert_eq!(alive.status, 200);
    let ready = client.get("/readyz").await;
    assert_eq!(ready.status, 200);
    let ready: serde_json::Value = serde_json::from_str(&ready.body).expect("json");
    if app.store.backend_name() == "sqlite" {
        assert_eq!(ready["database"]["journal_mode"], "wal");
        assert_eq!(ready["database"]["synchronous"], 2, "synchronous=FULL");
    } else {
        assert_eq!(ready["database"]["backend"], "postgres");
    }
    let login = client.get("/admin/login").await;
    let missing = client.get("/no/such/page").await;
    assert_eq!(missing.status, 404);
    for page in [&alive, &login, &missing] {
        let csp = page.header("content-security-policy").expect("CSP");
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
        assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(page.header("referrer-policy"), Some("same-origin"));
        assert!(page.header("set-cookie").is_none());
    }
    assert_eq!(login.header("cache-control"), Some("no-store"));
    let css_start = login.body.find("/static/css/").expect("stylesheet link");
    let css_end = login.body[css_start..].find('"').expect("end") + css_start;
    let css = client.get(&login.body[css_start..css_end]).await;
    assert_eq!(css.status, 200);
    // A stylesheet is not a document: no document policy, but never sniffed.
    assert_eq!(css.header("x-content-type-options"), Some("nosniff"));
    assert!(css.header("content-security-policy").is_none());
    assert!(css
        .header("cache-control")
        .expect("cache")
        .contains("immutable"));
    assert_eq!(
        client.get("/static/css/chorus.00000000.css").await.status,
        404
    );

    let metrics = client.get("/metrics").await;
    assert_eq!(metrics.status, 200);
    assert!(
        metrics
            .body
            .contains(r#"chorus_http_requests_total{method="GET",route="/readyz",status="200"} 1"#),
        "{}",
        metrics.body
    );
    assert!(metrics
        .body
        .contains("chorus_http_request_duration_seconds_bucket"));
    assert!(metrics.body.contains("chorus_db_pool_connections"));
    assert!(metrics.body.contains(r#"route="unmatched",status="404""#));
    app.stop().await;
}

async fn malformed_input_gets_clear_errors(app: TestApp) {
    let (org, owner) = org_with_owner(&app).await;
    let csrf = owner.csrf("acme").await;
    let audit_before = app
        .store
        .audit_entries(org.id, 1000)
        .await
        .expect("audit")
        .len();
    let missing_field = owner
        .post(
            "/admin/acme/members/invite",
            &[("csrf", &csrf), ("email", "a@acme.example")],
        )
        .await;
    assert_eq!(missing_field.status, 400);
    assert!(
        missing_field.body.contains("missing field"),
        "{}",
        missing_field.body
    );
    let bad_email = owner
        .post(
            "/admin/acme/members/invite",
            &[
                ("csrf", &csrf),
                ("email", "<script>alert(1)</script>"),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(bad_email.status, 422);
    assert!(bad_email.body.contains("is not an email address"));
    assert!(
        !bad_email.body.contains("<script>alert(1)</script>"),
        "escaped"
    );
    let bad_role = owner
        .post(
            "/admin/acme/members/invite",
            &[
                ("csrf", &csrf),
                ("email", "a@acme.example"),
                ("role", "god"),
            ],
        )
        .await;
    assert_eq!(bad_role.status, 422);
    assert!(bad_role.body.contains("unknown role"));
    let bad_id = owner
        .post(
            "/admin/acme/members/not-a-number/role",
            &[("csrf", &csrf), ("role", "viewer")],
        )
        .await;
    assert_eq!(bad_id.status, 404);
    let too_big = owner
        .oversized_upload("/admin/acme/members/invite", 100 * 1024)
        .await;
    assert_eq!(too_big, 413);
    let login_garbage = app
        .client()
        .post("/admin/login", &[("nothing", "here")])
        .await;
    assert_eq!(login_garbage.status, 400);
    assert_eq!(
        app.store
            .audit_entries(org.id, 1000)
            .await
            .expect("audit")
            .len(),
        audit_before
    );
}
