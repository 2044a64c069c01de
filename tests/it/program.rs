//! Campaigns, ambassadors, tours and engagements: staff pages, the JSON API and the public
//! pages in five languages — on both backends.

use std::io::Read;

use chorus::domain::language::Language;
use chorus::domain::role::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::support::{Client, Page, TestApp};

const PASSWORD: &str = "a long enough passphrase";

on_both_backends!(
    organization_default_language_is_the_fallback,
    an_organization_works_in_the_languages_it_chooses,
    an_edit_shows_on_the_next_request_of_another_process,
    campaign_pages_in_five_languages,
    an_empty_page_does_not_go_live_and_a_draft_is_previewed,
    the_new_campaign_form_takes_the_public_title,
    campaign_input_errors_change_nothing,
    program_through_api_and_pages,
    lists_come_a_page_at_a_time_and_stay_stable,
    an_event_is_named_in_the_language_of_the_page,
    a_tours_stops_are_imported_from_a_spreadsheet,
    other_organizations_programs_are_invisible,
);

async fn owner_of(app: &TestApp, slug: &str) -> (chorus::store::Org, Client) {
    let org = app.seed_org(slug, &format!("{slug} relief")).await;
    let email = format!("owner@{slug}.example");
    app.seed_member(&org, &email, Role::Owner, PASSWORD).await;
    let client = app.client();
    client.login(&email, PASSWORD).await;
    (org, client)
}

fn settings<'a>(csrf: &'a str, slug: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("slug", slug),
        ("theme", "Safe routes"),
        ("kind", "fundraising"),
        ("goal_currency", "EUR"),
        ("goal_amount", "250000"),
        ("goal_actions", "10000"),
        ("starts_on", "2026-03-01"),
        ("ends_on", "2099-09-30"),
        ("default_language", "en"),
    ]
}

/// Creates a campaign through the staff form; returns its admin path.
async fn create_campaign(owner: &Client, org: &str, slug: &str) -> String {
    let csrf = owner.csrf(org).await;
    let created = owner
        .post(&format!("/admin/{org}/campaigns"), &settings(&csrf, slug))
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    let location = created.location().expect("location");
    assert!(location.ends_with("?saved=created"), "{location}");
    location.split('?').next().unwrap_or_default().to_owned()
}

/// Saves the organization's languages and default through the settings form.
async fn save_languages(owner: &Client, org: &str, default: &str, languages: &[&str]) -> Page {
    let csrf = owner.csrf(org).await;
    let mut form = vec![("csrf", csrf.as_str()), ("default_language", default)];
    form.extend(languages.iter().map(|l| ("languages", *l)));
    owner.post(&format!("/admin/{org}/settings"), &form).await
}

const EVERY_LANGUAGE: [&str; 5] = ["en", "fr", "es", "ar", "ru"];

async fn write_text(
    owner: &Client,
    admin: &str,
    csrf: &str,
    lang: &str,
    title: &str,
    story: &str,
) -> Page {
    owner
        .post(
            &format!("{admin}/content/{lang}"),
            &[
                ("csrf", csrf),
                ("title", title),
                ("summary", "A short summary."),
                ("story", story),
                ("call_to_action", "Act now"),
            ],
        )
        .await
}

fn gunzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut out)
        .expect("gzip");
    out
}

/// An organization chooses its languages: its public pages offer only those (a text in
/// another stays unpublished), its forms ask for text in those, and a wrong choice is refused
/// with a sentence and changes nothing.
async fn an_organization_works_in_the_languages_it_chooses(app: TestApp) {
    let (org, owner) = owner_of(&app, "acme").await;
    let admin = create_campaign(&owner, "acme", "routes").await;
    let csrf = owner.csrf("acme").await;
    for (lang, title) in [
        ("en", "Safe routes"),
        ("ar", "طرق آمنة"),
        ("fr", "Routes sûres"),
    ] {
        let written = write_text(&owner, &admin, &csrf, lang, title, "").await;
        assert_eq!(written.status, 303, "{}", written.body);
    }
    owner
        .post(
            &format!("{admin}/status"),
            &[("csrf", &csrf), ("status", "live")],
        )
        .await;

    // Refused, with the reason; nothing changes.
    for (default, languages, says) in [
        (
            "fr",
            &["en", "ar"][..],
            "Default language: Français is not among the languages chosen",
        ),
        ("en", &[][..], "Languages: choose at least one"),
        ("en", &["en", "xx"][..], "Languages: unknown language"),
    ] {
        let refused = save_languages(&owner, "acme", default, languages).await;
        assert_eq!(refused.status, 422, "{default} {languages:?}");
        assert!(refused.body.contains(says), "{says}: {}", refused.body);
    }
    let unchanged = app
        .store
        .org_by_slug("acme")
        .await
        .expect("q")
        .expect("org");
    assert_eq!(unchanged.languages.len(), 5);

    // English and Arabic, Arabic first.
    let saved = save_languages(&owner, "acme", "ar", &["en", "ar"]).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let chosen = app
        .store
        .org_by_slug("acme")
        .await
        .expect("q")
        .expect("org");
    assert_eq!(
        (chosen.default_language, chosen.languages.clone()),
        (Language::Ar, vec![Language::En, Language::Ar])
    );
    let dashboard = owner.get("/admin/acme").await;
    assert!(dashboard
        .body
        .contains("name=\"languages\" value=\"ar\" checked"));
    assert!(!dashboard
        .body
        .contains("name=\"languages\" value=\"fr\" checked"));

    // The public pages offer those two: French is asked for and not given, and not linked.
    let public = app.client();
    let french = public
        .get_with("/acme/routes", &[("Accept-Language", "fr-FR,fr;q=0.9")])
        .await;
    assert!(!french.body.contains("lang=\"fr\""), "{}", french.body);
    assert!(!french.body.contains("Routes sûres"));
    let asked = public.get("/acme/routes?lang=fr").await;
    assert!(!asked.body.contains("Routes sûres") && !asked.body.contains("?lang=fr"));
    let arabic = public.get("/acme/routes?lang=ar").await;
    assert!(arabic.body.contains("dir=\"rtl\"") && arabic.body.contains("طرق آمنة"));
    assert!(arabic.body.contains("?lang=en") && !arabic.body.contains("?lang=ru"));
    let org_page = public.get_with("/acme", &[("Accept-Language", "ru")]).await;
    assert!(
        org_page.body.contains("<html lang=\"ar\""),
        "{}",
        org_page.body
    );

    // Staff forms ask for text in English and Arabic (and French, already written); a new
    // campaign only in those two; text in another language is refused.
    let edit = owner.get(&admin).await;
    for lang in ["en", "ar", "fr"] {
        assert!(
            edit.body.contains(&format!("id=\"title-{lang}\"")),
            "{lang}"
        );
    }
    let fresh = create_campaign(&owner, "acme", "fresh").await;
    let edit = owner.get(&fresh).await;
    assert!(edit.body.contains("id=\"title-en\"") && edit.body.contains("id=\"title-ar\""));
    for lang in ["fr", "es", "ru"] {
        assert!(
            !edit.body.contains(&format!("id=\"title-{lang}\"")),
            "{lang}"
        );
    }
    let spanish = write_text(&owner, &fresh, &csrf, "es", "Rutas seguras", "").await;
    assert_eq!(spanish.status, 422);
    assert!(
        spanish
            .body
            .contains("Español is not one of the organization&#39;s languages"),
        "{}",
        spanish.body
    );
    let _ = org;
}

async fn organization_default_language_is_the_fallback(app: TestApp) {
    let (org, owner) = owner_of(&app, "acme").await;
    let admin = create_campaign(&owner, "acme", "bilingual").await;
    let csrf = owner.csrf("acme").await;
    write_text(&owner, &admin, &csrf, "fr", "Texte français", "").await;
    write_text(&owner, &admin, &csrf, "es", "Texto en español", "").await;
    owner
        .post(
            &format!("{admin}/status"),
            &[("csrf", &csrf), ("status", "live")],
        )
        .await;
    let public = app.client();
    // No English text (the campaign's default): the organization's default decides.
    let saved = save_languages(&owner, "acme", "es", &EVERY_LANGUAGE).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert!(public
        .get("/acme/bilingual")
        .await
        .body
        .contains("Texto en español"));
    save_languages(&owner, "acme", "fr", &EVERY_LANGUAGE).await;
    assert!(public
        .get("/acme/bilingual")
        .await
        .body
        .contains("Texte français"));
    assert_eq!(
        save_languages(&owner, "acme", "xx", &EVERY_LANGUAGE)
            .await
            .status,
        422
    );
    app.seed_member(&org, "cm@acme.example", Role::CampaignManager, PASSWORD)
        .await;
    let manager = app.client();
    manager.login("cm@acme.example", PASSWORD).await;
    let manager_csrf = manager.csrf("acme").await;
    let refused = manager
        .post(
            "/admin/acme/settings",
            &[("csrf", &manager_csrf), ("default_language", "es")],
        )
        .await;
    assert_eq!(refused.status, 403);
    let entries = app.store.audit_entries(org.id, 100).await.expect("audit");
    let updates: Vec<_> = entries
        .iter()
        .filter(|e| e.action == "org.updated")
        .collect();
    assert_eq!(updates.len(), 2, "refused changes are not audited");
    assert_eq!(
        updates[0].after.as_deref(),
        Some(r#"{"default_language":"fr","languages":"en,fr,es,ar,ru"}"#)
    );
}

/// A second `chorus serve` process on the same database serves the public page from its own
/// memory; an edit made through the first shows on its very next request. (SQLite is served by one
/// process by design, so there the second process only reads.)
async fn an_edit_shows_on_the_next_request_of_another_process(app: TestApp) {
    use std::io::{BufRead, BufReader};
    let (_org, owner) = owner_of(&app, "acme").await;
    let admin = create_campaign(&owner, "acme", "shared").await;
    let csrf = owner.csrf("acme").await;
    write_text(&owner, &admin, &csrf, "en", "Version one", "").await;
    owner
        .post(
            &format!("{admin}/status"),
            &[("csrf", &csrf), ("status", "live")],
        )
        .await;

    let mut other = std::process::Command::new(env!("CARGO_BIN_EXE_chorus"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--database-url",
            &app.database_url(),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("second process");
    // Keep reading the other process's output (it prints more lines) for the whole test.
    let mut output = BufReader::new(other.stdout.take().expect("stdout")).lines();
    let first_line = output.next().expect("line").expect("utf-8");
    let base = first_line
        .trim_start_matches("Chorus is listening on ")
        .trim_end_matches('/')
        .to_owned();
    let read = |path: &'static str| {
        let url = format!("{base}{path}");
        async move {
            reqwest::get(url)
                .await
                .expect("get")
                .text()
                .await
                .expect("text")
        }
    };
    assert!(read("/acme/shared").await.contains("Version one"));
    assert!(
        read("/acme/shared").await.contains("Version one"),
        "served again from memory"
    );
    if app.store.backend_name() == "postgres" {
        write_text(&owner, &admin, &csrf, "en", "Version two", "").await;
        assert!(
            read("/acme/shared").await.contains("Version two"),
            "the other process saw the edit at once"
        );
        // The other process's short-link directory follows a re-point at once too.
        let campaign_id: i64 = admin
            .rsplit('/')
            .next()
            .and_then(|s| s.parse().ok())
            .expect("id");
        let (_, second) = owner
            .json(
                "POST",
                "/api/v1/orgs/acme/campaigns",
                Some(json!({ "slug": "second", "theme": "Second", "kind": "awareness" })),
            )
            .await;
        owner
            .json(
                "PUT",
                &format!("/api/v1/orgs/acme/campaigns/{}/content/en", second["id"]),
                Some(json!({ "title": "Second" })),
            )
            .await;
        owner
            .json(
                "PUT",
                &format!("/api/v1/orgs/acme/campaigns/{}/status", second["id"]),
                Some(json!({ "status": "live" })),
            )
            .await;
        let created = owner
            .post(
                "/admin/acme/touchpoints",
                &[
                    ("csrf", &csrf),
                    ("campaign_id", &campaign_id.to_string()),
                    ("channel", "other"),
                ],
            )
            .await;
        assert_eq!(created.status, 303);
        let org = app
            .store
            .org_by_slug("acme")
            .await
            .expect("q")
            .expect("org");
        let touchpoint = app.store.touchpoints(org.id).await.expect("list").remove(0);
        let no_redirects = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let url = format!("{base}/t/{}", touchpoint.code);
        let location = || {
            let (client, url) = (no_redirects.clone(), url.clone());
            async move {
                client.get(url).send().await.expect("get").headers()["location"]
                    .to_str()
                    .expect("ascii")
                    .to_owned()
            }
        };
        assert!(location().await.starts_with("/acme/shared?"));
        let moved = owner
            .post(
                "/admin/acme/touchpoints/repoint",
                &[
                    ("csrf", &csrf),
                    ("touchpoint", &touchpoint.id.to_string()),
                    ("campaign_id", &second["id"].to_string()),
                ],
            )
            .await;
        assert_eq!(moved.status, 200);
        assert!(
            location().await.starts_with("/acme/second?"),
            "re-pointed in the other process at once"
        );
    }
    let _ = other.kill();
    let _ = other.wait();
}

/// The new-campaign form asks for the public page's title: given, it is the page's text in
/// the default language (the name stays the staff's); too long, nothing is created.
async fn the_new_campaign_form_takes_the_public_title(app: TestApp) {
    let (org, owner) = owner_of(&app, "acme").await;
    let csrf = owner.csrf("acme").await;
    let form = owner.get("/admin/acme/campaigns").await;
    assert!(form.body.contains("id=\"title\""), "{}", form.body);
    let too_long = "x".repeat(121);
    let mut fields = settings(&csrf, "titled");
    fields.push(("title", &too_long));
    let refused = owner.post("/admin/acme/campaigns", &fields).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Title"), "{}", refused.body);
    let campaigns = app.store.campaigns(org.id, true).await.expect("campaigns");
    assert!(campaigns.is_empty(), "nothing created");

    let mut fields = settings(&csrf, "titled");
    fields.push(("title", "Every road home"));
    let created = owner.post("/admin/acme/campaigns", &fields).await;
    assert_eq!(created.status, 303, "{}", created.body);
    let campaign = app
        .store
        .campaign_by_slug(org.id, "titled")
        .await
        .expect("q")
        .expect("campaign");
    assert_eq!(campaign.settings.theme, "Safe routes");
    let contents = app
        .store
        .campaign_contents(org.id, campaign.id)
        .await
        .expect("contents");
    assert_eq!(contents.len(), 1);
    assert_eq!(contents[0].0, Language::En);
    assert_eq!(contents[0].1.title, "Every road home");
    // The page says it was created, and its checklist has the title.
    let page = owner.get(created.location().expect("location")).await;
    assert!(page
        .body
        .contains("Created. Everything else about it is below."));
    assert!(
        page.body.contains(
            "✓ <span class=\"visually-hidden\">Done:</span> A title, in at least one language"
        ),
        "{}",
        page.body
    );
}

/// A draft shows staff what it has and lacks before it goes live; an empty page is refused
/// (through the page and the API alike); staff preview the draft exactly as the public will
/// see it, in each language it has, while the public still finds nothing.
async fn an_empty_page_does_not_go_live_and_a_draft_is_previewed(app: TestApp) {
    let (_org, owner) = owner_of(&app, "acme").await;
    let admin = create_campaign(&owner, "acme", "quiet").await;
    let csrf = owner.csrf("acme").await;
    let edit = owner.get(&admin).await;
    assert!(edit.body.contains("Before it goes live"), "{}", edit.body);
    assert!(edit.body.contains("A title, in at least one language"));
    let refused = owner
        .post(
            &format!("{admin}/status"),
            &[("csrf", &csrf), ("status", "live")],
        )
        .await;
    assert_eq!(refused.status, 409);
    assert!(
        refused.body.contains(
            "Before it goes live, the page needs this: A title, in at least one language."
        ),
        "{}",
        refused.body
    );
    let id = admin.rsplit('/').next().expect("id");
    let (status, body) = owner
        .json(
            "PUT",
            &format!("/api/v1/orgs/acme/campaigns/{id}/status"),
            Some(serde_json::json!({ "status": "live" })),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body.to_string()
            .contains("A title, in at least one language"),
        "{body}"
    );
    assert_eq!(app.client().get("/acme/quiet").await.status, 404);

    for (lang, title) in [("en", "Quiet streets"), ("fr", "Rues calmes")] {
        let saved = write_text(&owner, &admin, &csrf, lang, title, "Why.").await;
        assert_eq!(saved.status, 303);
    }
    // The preview is the public page, in the language asked for, marked as a preview.
    let preview = owner.get(&format!("{admin}/preview?lang=fr")).await;
    assert_eq!(preview.status, 200);
    assert!(preview.body.contains(r#"<html lang="fr""#) && preview.body.contains("Rues calmes"));
    assert!(preview.body.contains("Preview for staff"));
    assert_eq!(preview.header("cache-control"), Some("no-store"));
    assert_eq!(preview.header("x-robots-tag"), Some("noindex"));
    assert_eq!(
        app.client().get(&format!("{admin}/preview")).await.status,
        303,
        "staff only"
    );
    assert_eq!(
        app.client().get("/acme/quiet").await.status,
        404,
        "still a draft"
    );
    let edit = owner.get(&admin).await;
    assert!(edit.body.contains(&format!("{admin}/preview?lang=fr")));
    let live = owner
        .post(
            &format!("{admin}/status"),
            &[("csrf", &csrf), ("status", "live")],
        )
        .await;
    assert_eq!(live.status, 303, "{}", live.body);
    let public = app.client().get("/acme/quiet").await;
    assert_eq!(public.status, 200);
    assert!(!public.body.contains("Preview for staff"));
}

async fn campaign_pages_in_five_languages(app: TestApp) {
    let (_org, owner) = owner_of(&app, "acme").await;
    let admin = create_campaign(&owner, "acme", "safe-routes").await;
    let csrf = owner.csrf("acme").await;
    let public = app.client();
    assert_eq!(
        public.get("/acme/safe-routes").await.status,
        404,
        "drafts are not public"
    );

    let titles = [
        ("en", "Safe routes for all"),
        ("fr", "Des routes sûres"),
        ("es", "Rutas seguras"),
        ("ar", "طرق آمنة للجميع"),
        ("ru", "Безопасные пути"),
    ];
    for (lang, title) in titles.iter().take(4) {
        let saved = write_text(
            &owner,
            &admin,
            &csrf,
            lang,
            title,
            "## Why\n\nBecause **safety** matters.",
        )
        .await;
        assert_eq!(saved.status, 303, "{lang}: {}", saved.body);
    }
    let edit = owner.get(&admin).await;
    assert!(
        edit.body
            .contains("<strong>missing</strong>: visitors get <bdi>English</bdi>"),
        "Russian marked as missing for staff"
    );
    let live = owner
        .post(
            &format!("{admin}/status"),
            &[("csrf", &csrf), ("status", "live")],
        )
        .await;
    assert_eq!(live.status, 303);

    let english = public.get("/acme/safe-routes").await;
    assert_eq!(english.status, 200);
    assert!(english.body.contains(r#"<html lang="en" dir="ltr">"#));
    assert!(english.body.contains("Safe routes for all") && english.body.contains("<h3>Why</h3>"));
    assert!(
        english.body.contains("€0 raised of €250,000"),
        "{}",
        english.body
    );
    assert!(
        english.header("set-cookie").is_none(),
        "public pages set no cookie"
    );
    for (lang, title) in titles.iter().take(4) {
        let page = public.get(&format!("/acme/safe-routes?lang={lang}")).await;
        assert!(page.body.contains(title), "{lang}");
        assert_eq!(page.header("content-language"), Some(*lang));
    }
    let arabic = public.get("/acme/safe-routes?lang=ar").await;
    assert!(arabic.body.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(
        arabic.body.contains(r#"hreflang="en""#),
        "links the other languages"
    );
    let french = public
        .get_with(
            "/acme/safe-routes",
            &[("accept-language", "de-DE, fr-CA;q=0.8, en;q=0.5")],
        )
        .await;
    assert!(french.body.contains("Des routes sûres"));
    let russian = public
        .get_with("/acme/safe-routes", &[("accept-language", "ru")])
        .await;
    assert!(
        russian.body.contains("Safe routes for all"),
        "no Russian text: the default language"
    );
    assert!(public
        .get("/acme/safe-routes?lang=xx")
        .await
        .body
        .contains("Safe routes for all"));

    // Revalidation and compression.
    let etag = english.header("etag").expect("etag").to_owned();
    assert_eq!(
        public
            .get_with("/acme/safe-routes", &[("if-none-match", &etag)])
            .await
            .status,
        304
    );
    let gz = public
        .http
        .get(public.url("/acme/safe-routes"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("gz");
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    assert!(gunzip(&gz.bytes().await.expect("bytes")).contains("Safe routes for all"));
    let br = public
        .get_with("/acme/safe-routes", &[("accept-encoding", "br")])
        .await;
    assert_eq!(br.header("content-encoding"), Some("br"));

    // An edit shows on the very next request, with a new ETag.
    let edited = write_text(
        &owner,
        &admin,
        &csrf,
        "en",
        "Safer routes for all",
        "Updated.",
    )
    .await;
    assert_eq!(edited.status, 303);
    let fresh = public
        .get_with("/acme/safe-routes", &[("if-none-match", &etag)])
        .await;
    assert_eq!(fresh.status, 200);
    assert!(fresh.body.contains("Safer routes for all"));

    // The organization page lists live campaigns; closed ones say so; archived ones are gone.
    let org_page = public.get("/acme").await;
    assert!(org_page
        .body
        .contains(r#"href="/acme/safe-routes?lang=en""#));
    owner
        .post(
            &format!("{admin}/status"),
            &[("csrf", &csrf), ("status", "closed")],
        )
        .await;
    let closed = public.get("/acme/safe-routes?lang=fr").await;
    assert!(
        closed.body.contains("Cette campagne est terminée"),
        "{}",
        closed.body
    );
    let back_to_draft = owner
        .post(
            &format!("{admin}/status"),
            &[("csrf", &csrf), ("status", "draft")],
        )
        .await;
    assert_eq!(back_to_draft.status, 409);
    owner
        .post(
            &format!("{admin}/archive"),
            &[("csrf", &csrf), ("archived", "true")],
        )
        .await;
    let gone = public
        .get_with("/acme/safe-routes", &[("accept-language", "es")])
        .await;
    assert_eq!(gone.status, 404);
    assert!(
        gone.body.contains("Página no encontrada"),
        "404 in the visitor's language"
    );
}

async fn campaign_input_errors_change_nothing(app: TestApp) {
    let (org, owner) = owner_of(&app, "acme").await;
    let admin = create_campaign(&owner, "acme", "first").await;
    let csrf = owner.csrf("acme").await;
    let audit_before = app
        .store
        .audit_entries(org.id, 1000)
        .await
        .expect("audit")
        .len();
    let path = "/admin/acme/campaigns";

    let cases: [(&str, &str, u16, &str); 7] = [
        ("slug", "tally", 422, "reserved"),
        ("slug", "first", 409, "already used"),
        ("goal_currency", "XYZ", 422, "unknown currency"),
        ("goal_amount", "-10", 422, "greater than zero"),
        ("ends_on", "2026-01-01", 422, "before the start"),
        ("default_language", "de", 422, "unknown language"),
        ("theme", &"x".repeat(121), 422, "at most 120 characters"),
    ];
    for (field, value, status, message) in cases {
        let mut form = settings(&csrf, "second");
        form.retain(|(k, _)| *k != field);
        form.push((field, value));
        let page = owner.post(path, &form).await;
        assert_eq!(page.status, status, "{field}={value}: {}", page.body);
        assert!(page.body.contains(message), "{field}: {message}");
    }
    let unknown_language = write_text(&owner, &admin, &csrf, "de", "Titel", "").await;
    assert_eq!(unknown_language.status, 400);
    assert!(unknown_language.body.contains("unknown language"));
    let too_long = write_text(&owner, &admin, &csrf, "en", &"t".repeat(121), "").await;
    assert_eq!(too_long.status, 422);

    // Uploads: only real images, only up to 5 MB.
    let not_image = owner
        .upload(
            &format!("{admin}/hero"),
            &csrf,
            b"<script>alert(1)</script>".to_vec(),
        )
        .await;
    assert_eq!(not_image.status, 422);
    assert!(not_image.body.contains("not a JPEG, PNG or WebP image"));
    // A small file whose header promises 7,999 × 7,999 pixels (about 190 MB decoded) is refused
    // from its header, before any decoding.
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::new(8, 8))
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .expect("jpeg");
    let frame = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame header");
    jpeg[frame + 5..frame + 7].copy_from_slice(&7999u16.to_be_bytes());
    jpeg[frame + 7..frame + 9].copy_from_slice(&7999u16.to_be_bytes());
    let vast = owner.upload(&format!("{admin}/hero"), &csrf, jpeg).await;
    assert_eq!(vast.status, 422);
    assert!(
        vast.body.contains("7999 × 7999 pixels") && vast.body.contains("24 megapixels"),
        "{}",
        vast.body
    );
    let huge = owner
        .oversized_upload(&format!("{admin}/hero"), 6 * 1024 * 1024)
        .await;
    assert_eq!(huge, 413);
    let forged = owner
        .upload(&format!("{admin}/hero"), "forged", b"x".to_vec())
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(
        app.store
            .audit_entries(org.id, 1000)
            .await
            .expect("audit")
            .len(),
        audit_before,
        "refused input wrote nothing"
    );
    assert_eq!(
        app.store
            .campaigns(org.id, true)
            .await
            .expect("campaigns")
            .len(),
        1
    );

    // A real image is scaled and served.
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::new(1600, 900))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    assert_eq!(
        owner
            .upload(&format!("{admin}/hero"), &csrf, png)
            .await
            .status,
        303
    );
    // While the campaign is a draft its image is for its organization's staff only.
    let edit_page = owner.get(&admin).await.body;
    let start = edit_page.find("/media/").expect("preview on the edit page");
    let media_path: String = edit_page[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    assert_eq!(owner.get(&media_path).await.status, 200);
    assert_eq!(
        app.client().get(&media_path).await.status,
        404,
        "not public before launch"
    );
    let beta = app.seed_org("beta", "Beta").await;
    app.seed_member(&beta, "owner@beta.example", Role::Owner, PASSWORD)
        .await;
    let stranger = app.client();
    stranger.login("owner@beta.example", PASSWORD).await;
    assert_eq!(
        stranger.get(&media_path).await.status,
        404,
        "nor to another organization"
    );

    // Script in Markdown is shown as text, never run.
    let hostile =
        "<script>alert('x')</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>";
    assert_eq!(
        write_text(&owner, &admin, &csrf, "en", "Hello <b>there</b>", hostile)
            .await
            .status,
        303
    );
    owner
        .post(
            &format!("{admin}/status"),
            &[("csrf", &csrf), ("status", "live")],
        )
        .await;
    let page = app.client().get("/acme/first").await;
    assert!(
        !page.body.contains("<script>alert")
            && !page.body.contains("<img src=x")
            && !page.body.contains("href=\"javascript")
    );
    assert!(
        page.body.contains("Hello &lt;b&gt;there&lt;/b&gt;")
            || page.body.contains("Hello &#60;b&#62;there"),
        "title escaped"
    );
    let hero = page
        .body
        .find("/media/")
        .map(|i| &page.body[i..i + 12])
        .expect("hero image on the page");
    let id: String = hero["/media/".len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let media = app.client().get_with(&format!("/media/{id}"), &[]).await;
    assert_eq!(media.status, 200);
    assert_eq!(media.header("content-type"), Some("image/jpeg"));
    assert!(page.body.contains(r#"width="1200" height="675""#));
}

async fn program_through_api_and_pages(app: TestApp) {
    let (org, owner) = owner_of(&app, "acme").await;
    let (status, body) = app
        .client()
        .json("GET", "/api/v1/orgs/acme/campaigns", None)
        .await;
    assert_eq!((status, body["error"].is_string()), (401, true));

    let (status, ambassador) = owner
        .json(
            "POST",
            "/api/v1/orgs/acme/ambassadors",
            Some(json!({ "name": "Noor Halim" })),
        )
        .await;
    assert_eq!(status, 201, "{ambassador}");
    let ambassador_id = ambassador["id"].as_i64().expect("id");
    let (status, tour) = owner.json("POST", "/api/v1/orgs/acme/tours", Some(json!({
        "name": "Harbour Lights Tour", "ambassador_id": ambassador_id, "starts_on": "2026-05-01", "ends_on": "2026-06-30" }))).await;
    assert_eq!(status, 201, "{tour}");
    let stop = json!({ "tour_id": tour["id"], "kind": "concert", "title": "Harbour Lights: Lisbon", "venue": "Riverside Hall",
        "city": "Lisbon", "country": "pt", "time_zone": "Europe/Lisbon", "starts_at": "2026-05-09T21:00",
        "capacity": 12000, "attendance": 11800, "attendance_source": "venue count" });
    let mut bad = stop.clone();
    bad["time_zone"] = json!("Europe/Atlantis");
    bad["capacity"] = json!(-5);
    let (status, refused) = owner
        .json("POST", "/api/v1/orgs/acme/engagements", Some(bad))
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        refused["problems"].as_array().map(Vec::len),
        Some(2),
        "{refused}"
    );
    let (status, engagement) = owner
        .json("POST", "/api/v1/orgs/acme/engagements", Some(stop))
        .await;
    assert_eq!(status, 201, "{engagement}");
    assert_eq!(engagement["starts_at_utc"], "2026-05-09 20:00:00 UTC");

    let (status, campaign) = owner.json("POST", "/api/v1/orgs/acme/campaigns", Some(json!({
        "slug": "lights", "theme": "Lights", "kind": "awareness", "goal_actions": 5000, "default_language": "en" }))).await;
    assert_eq!(status, 201, "{campaign}");
    let cid = campaign["id"].as_i64().expect("id");
    let (status, clash) = owner
        .json(
            "POST",
            "/api/v1/orgs/acme/campaigns",
            Some(json!({ "slug": "lights", "theme": "Again", "kind": "awareness" })),
        )
        .await;
    assert_eq!(status, 409, "{clash}");
    for (lang, title) in [("en", "Harbour lights"), ("ar", "أضواء الميناء")] {
        let (status, _) = owner
            .json(
                "PUT",
                &format!("/api/v1/orgs/acme/campaigns/{cid}/content/{lang}"),
                Some(json!({ "title": title })),
            )
            .await;
        assert_eq!(status, 204);
    }
    let eid = engagement["id"].as_i64().expect("id");
    assert_eq!(
        owner
            .json(
                "PUT",
                &format!("/api/v1/orgs/acme/engagements/{eid}/campaigns"),
                Some(json!({ "campaigns": [cid] }))
            )
            .await
            .0,
        204
    );
    assert_eq!(
        owner
            .json(
                "PUT",
                &format!("/api/v1/orgs/acme/campaigns/{cid}/ambassadors"),
                Some(json!({ "ambassadors": [ambassador_id] }))
            )
            .await
            .0,
        204
    );
    assert_eq!(
        owner
            .json(
                "PUT",
                &format!("/api/v1/orgs/acme/campaigns/{cid}/status"),
                Some(json!({ "status": "live" }))
            )
            .await
            .0,
        204
    );
    let (_, shown) = owner
        .json("GET", &format!("/api/v1/orgs/acme/campaigns/{cid}"), None)
        .await;
    assert_eq!(shown["content"]["ar"]["title"], "أضواء الميناء");
    assert_eq!(shown["ambassadors"], json!([ambassador_id]));

    let page = app.client().get("/acme/lights?lang=ar").await;
    assert!(
        page.body.contains("Harbour Lights: Lisbon")
            // Each value isolated in the Arabic sentence, so Latin names keep their order.
            && page
                .body
                .contains("\u{2068}Riverside Hall\u{2069}، \u{2068}Lisbon\u{2069}"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Noor Halim"));

    // Ambassadors and tours are edited through the API too.
    let amb = format!("/api/v1/orgs/acme/ambassadors/{ambassador_id}");
    assert_eq!(
        owner
            .json("PUT", &amb, Some(json!({ "name": "Noor Halim-Vega" })))
            .await
            .0,
        204
    );
    assert_eq!(
        owner
            .json(
                "PUT",
                &format!("{amb}/bio/ar"),
                Some(json!({ "bio": "مغنية" }))
            )
            .await
            .0,
        204
    );
    let (status, bad) = owner
        .json(
            "POST",
            &format!("{amb}/appointments"),
            Some(json!({ "title": "Regional", "starts_on": "soon" })),
        )
        .await;
    assert_eq!(status, 422, "{bad}");
    assert_eq!(
        owner
            .json(
                "POST",
                &format!("{amb}/appointments"),
                Some(json!({ "title": "Regional", "starts_on": "2026-01-01" }))
            )
            .await
            .0,
        201
    );
    assert_eq!(owner.json("POST", &format!("{amb}/channels"), Some(json!({ "platform": "tiktok", "handle": "@noor", "followers": 900000, "recorded_on": "2026-04-02" }))).await.0, 200);
    let (_, profile) = owner.json("GET", &amb, None).await;
    assert_eq!(profile["name"], "Noor Halim-Vega");
    assert_eq!(profile["bios"]["ar"], "مغنية");
    assert_eq!(profile["channels"][0]["followers"][0]["count"], 900000);
    let tour_path = format!("/api/v1/orgs/acme/tours/{}", tour["id"]);
    let (status, renamed) = owner
        .json(
            "PUT",
            &tour_path,
            Some(json!({ "name": "Harbour Lights Tour 2026", "ambassador_id": ambassador_id })),
        )
        .await;
    assert_eq!(
        (status, renamed["name"].as_str()),
        (200, Some("Harbour Lights Tour 2026"))
    );
    let (_, with_stops) = owner.json("GET", &tour_path, None).await;
    assert_eq!(
        with_stops["engagements"][0]["title"],
        "Harbour Lights: Lisbon"
    );

    // Roles: the ambassador team plans events but does not edit campaigns; viewers read only.
    app.seed_member(&org, "team@acme.example", Role::AmbassadorTeam, PASSWORD)
        .await;
    app.seed_member(&org, "viewer@acme.example", Role::Viewer, PASSWORD)
        .await;
    let team = app.client();
    team.login("team@acme.example", PASSWORD).await;
    let viewer = app.client();
    viewer.login("viewer@acme.example", PASSWORD).await;
    let meeting = json!({ "kind": "meeting", "title": "Press day", "city": "Lisbon", "country": "PT", "time_zone": "Europe/Lisbon", "starts_at": "2026-05-08T10:00" });
    assert_eq!(
        team.json(
            "POST",
            "/api/v1/orgs/acme/engagements",
            Some(meeting.clone())
        )
        .await
        .0,
        201
    );
    assert_eq!(
        team.json(
            "POST",
            "/api/v1/orgs/acme/campaigns",
            Some(json!({ "slug": "x-y", "theme": "X", "kind": "awareness" }))
        )
        .await
        .0,
        403
    );
    assert_eq!(
        viewer
            .json("POST", "/api/v1/orgs/acme/engagements", Some(meeting))
            .await
            .0,
        403
    );
    assert_eq!(
        viewer
            .json("GET", "/api/v1/orgs/acme/engagements", None)
            .await
            .0,
        200
    );

    assert_eq!(
        viewer
            .json(
                "PUT",
                &format!("/api/v1/orgs/acme/engagements/{eid}/archived"),
                Some(json!({ "archived": true }))
            )
            .await
            .0,
        403
    );
    assert_eq!(
        owner
            .json(
                "PUT",
                &format!("/api/v1/orgs/acme/widgets/{eid}/archived"),
                Some(json!({ "archived": true }))
            )
            .await
            .0,
        404
    );
    let (status, refused) = owner
        .json(
            "PUT",
            &format!("/api/v1/orgs/acme/engagements/{eid}/archived"),
            Some(json!({ "archived": "maybe" })),
        )
        .await;
    assert_eq!(status, 422);
    let problem = refused["problems"][0].as_str().unwrap_or_default();
    assert!(
        problem.contains("archived") && problem.contains("boolean"),
        "{refused}"
    );

    // Every staff page of the program renders, and shows the audit trail.
    let tid = tour["id"].as_i64().expect("tour id");
    for path in [
        "/admin/acme/campaigns".to_owned(),
        format!("/admin/acme/campaigns/{cid}"),
        "/admin/acme/ambassadors".into(),
        format!("/admin/acme/ambassadors/{ambassador_id}"),
        "/admin/acme/tours".into(),
        format!("/admin/acme/tours/{tid}"),
        format!("/admin/acme/engagements/{eid}"),
    ] {
        let page = viewer.get(&path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(
            !page.body.contains(">Save "),
            "viewers get no save buttons on {path}"
        );
    }
    let csrf = owner.csrf("acme").await;
    let appointment = owner
        .post(
            &format!("/admin/acme/ambassadors/{ambassador_id}/appointments"),
            &[
                ("csrf", &csrf),
                ("title", "Regional goodwill ambassador"),
                ("starts_on", "2026-01-01"),
                ("ends_on", "2025-01-01"),
            ],
        )
        .await;
    assert_eq!(appointment.status, 422);
    let channel = owner
        .post(
            &format!("/admin/acme/ambassadors/{ambassador_id}/channels"),
            &[
                ("csrf", &csrf),
                ("platform", "instagram"),
                ("handle", "@noor"),
                ("followers", "2,400,000"),
                ("recorded_on", "2026-04-01"),
            ],
        )
        .await;
    assert_eq!(channel.status, 303);
    assert!(owner
        .get(&format!("/admin/acme/ambassadors/{ambassador_id}"))
        .await
        .body
        .contains("2,400,000 on 2026-04-01"));
    // Archiving a stop through the API takes it off the public page.
    assert_eq!(
        owner
            .json(
                "PUT",
                &format!("/api/v1/orgs/acme/engagements/{eid}/archived"),
                Some(json!({ "archived": true }))
            )
            .await
            .0,
        204
    );
    assert!(!app
        .client()
        .get("/acme/lights")
        .await
        .body
        .contains("Harbour Lights: Lisbon"));
    let actions: Vec<String> = app
        .store
        .audit_entries(org.id, 100)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    for expected in [
        "ambassador.created",
        "tour.created",
        "engagement.created",
        "campaign.created",
        "campaign.content_changed",
        "campaign.status_changed",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} in {actions:?}"
        );
    }
}

/// Staff give an event's title and venue in the organization's other languages: each public
/// page shows the words of its language, a part left blank falls back to the event's own, a
/// refused form changes nothing, and viewers cannot change them.
async fn an_event_is_named_in_the_language_of_the_page(app: TestApp) {
    let (org, owner) = owner_of(&app, "acme").await;
    assert_eq!(
        save_languages(&owner, "acme", "en", &["en", "fr", "ar"])
            .await
            .status,
        303
    );
    let admin = create_campaign(&owner, "acme", "routes").await;
    let csrf = owner.csrf("acme").await;
    for (lang, title) in [
        ("en", "Safe routes"),
        ("fr", "Routes sûres"),
        ("ar", "طرق آمنة"),
    ] {
        let saved = write_text(&owner, &admin, &csrf, lang, title, "Story.").await;
        assert_eq!(saved.status, 303, "{}", saved.body);
    }
    let cid: i64 = admin
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("id");
    let stop = json!({ "kind": "concert", "title": "Harbour Lights: Lisbon", "venue": "Riverside Hall",
        "city": "Lisbon", "country": "PT", "time_zone": "Europe/Lisbon", "starts_at": "2099-05-09T21:00" });
    let (status, engagement) = owner
        .json("POST", "/api/v1/orgs/acme/engagements", Some(stop))
        .await;
    assert_eq!(status, 201, "{engagement}");
    let eid = engagement["id"].as_i64().expect("id");
    let linked = owner
        .json(
            "PUT",
            &format!("/api/v1/orgs/acme/engagements/{eid}/campaigns"),
            Some(json!({ "campaigns": [cid] })),
        )
        .await;
    assert_eq!(linked.0, 204);
    let live = owner
        .json(
            "PUT",
            &format!("/api/v1/orgs/acme/campaigns/{cid}/status"),
            Some(json!({ "status": "live" })),
        )
        .await;
    assert_eq!(live.0, 204, "{}", live.1);

    let page = format!("/admin/acme/engagements/{eid}");
    let form = owner.get(&page).await;
    assert!(
        form.body.contains("name=\"title_fr\"") && form.body.contains("name=\"venue_ar\""),
        "a field per other language: {}",
        form.body
    );
    assert!(
        !form.body.contains("name=\"title_en\""),
        "not the default language's"
    );
    let too_long = "x".repeat(161);
    let refused = owner
        .post(
            &format!("{page}/languages"),
            &[
                ("csrf", csrf.as_str()),
                ("title_fr", too_long.as_str()),
                ("venue_ar", "قاعة"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("Français: Title is at most 160 characters (got 161)"),
        "{}",
        refused.body
    );
    // The same refusals in the staff member's language: fields and problems alike.
    let en_espanol = owner
        .post_with(
            &format!("{page}/languages"),
            &[("csrf", csrf.as_str()), ("title_fr", too_long.as_str())],
            &[("accept-language", "es")],
        )
        .await;
    assert!(
        en_espanol
            .body
            .contains("Français: Título tiene como máximo 160 caracteres (recibidos: 161)"),
        "{}",
        en_espanol.body
    );
    let details = owner
        .post_with(
            &page,
            &[
                ("csrf", csrf.as_str()),
                ("kind", "gig"),
                ("title", ""),
                ("city", "Lisbon"),
                ("country", "Portugal"),
                ("time_zone", "Europe/Lisbon"),
                ("starts_at", "soon"),
                ("capacity", "-3"),
            ],
            &[("accept-language", "fr")],
        )
        .await;
    assert_eq!(details.status, 422);
    for said in [
        "type d&#39;événement inconnu « gig »",
        "Titre est obligatoire",
        "Pays : « Portugal » n&#39;est pas un code ISO 3166",
        "Début : « soon » n&#39;est pas une date et une heure",
        "Capacité ne peut pas être négatif",
    ] {
        assert!(details.body.contains(said), "{said}: {}", details.body);
    }
    assert!(
        refused.body.contains("value=\"قاعة\""),
        "the form keeps what was typed"
    );
    assert!(!app
        .client()
        .get("/acme/routes?lang=ar")
        .await
        .body
        .contains("قاعة"));

    let saved = owner
        .post(
            &format!("{page}/languages"),
            &[
                ("csrf", csrf.as_str()),
                ("title_fr", "Lumières du port : Lisbonne"),
                ("venue_fr", "Salle du fleuve"),
                ("city_fr", "Lisbonne"),
                ("title_ar", ""),
                ("venue_ar", "قاعة النهر"),
            ],
        )
        .await;
    assert_eq!(
        saved.location(),
        Some(format!("{page}?saved=languages").as_str())
    );
    assert!(owner
        .get(&format!("{page}?saved=languages"))
        .await
        .body
        .contains("Saved: the words in other languages."));

    let french = app.client().get("/acme/routes?lang=fr").await.body;
    assert!(
        french.contains("Lumières du port : Lisbonne")
            && french.contains("Salle du fleuve, Lisbonne"),
        "{french}"
    );
    let arabic = app.client().get("/acme/routes?lang=ar").await.body;
    assert!(
        arabic.contains("Harbour Lights: Lisbon") && arabic.contains("قاعة النهر"),
        "a blank title falls back, the venue is the Arabic one: {arabic}"
    );
    let english = app.client().get("/acme/routes?lang=en").await.body;
    assert!(
        english.contains("Harbour Lights: Lisbon") && english.contains("Riverside Hall"),
        "{english}"
    );
    assert!(!english.contains("Lisbonne"));

    let (_, shown) = owner
        .json("GET", &format!("/api/v1/orgs/acme/engagements/{eid}"), None)
        .await;
    assert_eq!(
        shown["in_languages"]["fr"]["venue"], "Salle du fleuve",
        "{shown}"
    );
    assert_eq!(shown["in_languages"]["ar"]["title"], "", "{shown}");

    app.seed_member(&org, "viewer@acme.example", Role::Viewer, PASSWORD)
        .await;
    let viewer = app.client();
    viewer.login("viewer@acme.example", PASSWORD).await;
    let viewer_csrf = viewer.csrf("acme").await;
    let forbidden = viewer
        .post(
            &format!("{page}/languages"),
            &[("csrf", viewer_csrf.as_str()), ("title_fr", "Autre")],
        )
        .await;
    assert_eq!(forbidden.status, 403);
    assert!(app
        .client()
        .get("/acme/routes?lang=fr")
        .await
        .body
        .contains("Lumières du port"));
}

async fn other_organizations_programs_are_invisible(app: TestApp) {
    let (a, owner_a) = owner_of(&app, "acme").await;
    let (org_b, owner_b) = owner_of(&app, "beta").await;
    let admin_b = create_campaign(&owner_b, "beta", "beta-campaign").await;
    let b_id: i64 = admin_b
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let (_, b_amb) = owner_b
        .json(
            "POST",
            "/api/v1/orgs/beta/ambassadors",
            Some(json!({ "name": "Beta Singer" })),
        )
        .await;
    let b_amb = b_amb["id"].as_i64().expect("id");
    let audit_before = app
        .store
        .audit_entries(org_b.id, 1000)
        .await
        .expect("audit")
        .len();

    let csrf = owner_a.csrf("acme").await;
    for path in [
        format!("/admin/beta/campaigns/{b_id}"),
        format!("/admin/acme/campaigns/{b_id}"),
        format!("/admin/acme/ambassadors/{b_amb}"),
        "/admin/beta/ambassadors".into(),
    ] {
        assert_eq!(owner_a.get(&path).await.status, 404, "GET {path}");
    }
    let title = [("csrf", csrf.as_str()), ("title", "hijacked")];
    assert_eq!(
        owner_a
            .post(&format!("/admin/acme/campaigns/{b_id}/content/en"), &title)
            .await
            .status,
        404
    );
    assert_eq!(
        owner_a
            .post(
                &format!("/admin/acme/ambassadors/{b_amb}"),
                &[("csrf", csrf.as_str()), ("name", "x")]
            )
            .await
            .status,
        404
    );
    assert_eq!(
        owner_a
            .json("GET", "/api/v1/orgs/beta/campaigns", None)
            .await
            .0,
        404
    );
    assert_eq!(
        owner_a
            .json(
                "PUT",
                &format!("/api/v1/orgs/acme/campaigns/{b_id}/content/en"),
                Some(json!({ "title": "x" }))
            )
            .await
            .0,
        404
    );
    // Linking another organization's ambassador to our own campaign is refused too.
    let admin_a = create_campaign(&owner_a, "acme", "acme-campaign").await;
    let a_id: i64 = admin_a
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let (status, _) = owner_a
        .json(
            "PUT",
            &format!("/api/v1/orgs/acme/campaigns/{a_id}/ambassadors"),
            Some(json!({ "ambassadors": [b_amb] })),
        )
        .await;
    assert_eq!(status, 404);
    assert!(app
        .store
        .campaign_ambassador_ids(a.id, chorus::domain::ids::CampaignId(a_id))
        .await
        .expect("ids")
        .is_empty());
    assert_eq!(
        app.store
            .audit_entries(org_b.id, 1000)
            .await
            .expect("audit")
            .len(),
        audit_before
    );
    let b_campaign = app
        .store
        .campaign_contents(org_b.id, chorus::domain::ids::CampaignId(b_id))
        .await
        .expect("contents");
    assert!(b_campaign.is_empty());
}

/// The demo's public pages exist in all five languages, with nothing loaded from another site,
/// and each first view (the campaign page, the pledge and donate forms and the venue screen, with
/// their stylesheets and scripts) is under 7 KB of bodies as sent, well inside the 14 KB a phone
/// receives in the first round trip.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_pages_are_complete_and_light() {
    let app = TestApp::spawn_with(crate::support::Backend::Sqlite, "demo", true)
        .await
        .expect("app");
    let client = app.client();
    let org = client.get("/demo").await;
    assert!(org.body.contains("/demo/safe-migration") && org.body.contains("/demo/open-roads"));
    assert!(
        !org.body.contains("/demo/flood-appeal"),
        "the emergency appeal is a draft"
    );
    assert_eq!(client.get("/demo/flood-appeal").await.status, 404);
    for campaign in ["safe-migration", "open-roads"] {
        for lang in ["en", "fr", "es", "ar", "ru"] {
            let path = format!("/demo/{campaign}?lang={lang}");
            let page = client.get(&path).await;
            assert_eq!(page.status, 200, "{path}");
            assert!(
                page.body.contains(&format!(r#"<html lang="{lang}""#)),
                "{path}"
            );
            assert!(
                page.body.contains("Open Roads: Berlin"),
                "{path} lists the tour stops"
            );
            for attribute in [r#"src="http"#, r#"href="http"#, r#"src="//"#, r#"href="//"#] {
                assert!(
                    !page.body.contains(attribute),
                    "{path} refers to another site"
                );
            }
            for page in ["", "/pledge", "/donate", "/live"] {
                let path = format!("/demo/{campaign}{page}?lang={lang}");
                let bytes = first_view_on_the_wire(&client, &path).await;
                assert!(bytes <= 7 * 1024, "{path}: {bytes} bytes");
            }
        }
    }
}

/// What a browser receives for `path` and the stylesheets and scripts it names, in bytes of
/// body as sent with Chromium's `Accept-Encoding`; every one of them must come compressed.
async fn first_view_on_the_wire(client: &crate::support::Client, path: &str) -> usize {
    let fetch = |url: String| async move {
        let response = client
            .http
            .get(client.url(&url))
            .header("accept-encoding", "gzip, deflate, br, zstd")
            .send()
            .await
            .expect("get");
        assert_eq!(response.status(), 200, "{url}");
        let headers = response.headers().clone();
        assert_eq!(
            headers["content-encoding"], "br",
            "{url} is sent compressed"
        );
        let vary = headers["vary"].to_str().expect("vary");
        assert!(vary.contains("accept-encoding"), "{url} varies: {vary}");
        response.bytes().await.expect("bytes").len()
    };
    let html = client.get(path).await.body;
    let mut total = fetch(path.to_string()).await;
    for asset in html.split('"').filter(|part| part.starts_with("/static/")) {
        total += fetch(asset.to_string()).await;
    }
    total
}

/// A tour's stops come from a spreadsheet: a dry run adds nothing, a file with problems is
/// refused whole with each problem named by line and column, and a good one adds every stop,
/// each supporting the campaigns the tour's stops support, audited once.
async fn a_tours_stops_are_imported_from_a_spreadsheet(app: TestApp) {
    let (org, owner) = owner_of(&app, "acme").await;
    let admin = create_campaign(&owner, "acme", "routes").await;
    let cid: i64 = admin
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("id");
    let (status, tour) = owner
        .json(
            "POST",
            "/api/v1/orgs/acme/tours",
            Some(json!({ "name": "Open Roads" })),
        )
        .await;
    assert_eq!(status, 201, "{tour}");
    let tid = tour["id"].as_i64().expect("tour id");
    let first = json!({ "tour_id": tid, "kind": "concert", "title": "Open Roads: Madrid", "city": "Madrid",
        "country": "ES", "time_zone": "Europe/Madrid", "starts_at": "2026-05-02T21:00" });
    let (status, stop) = owner
        .json("POST", "/api/v1/orgs/acme/engagements", Some(first))
        .await;
    assert_eq!(status, 201, "{stop}");
    let linked = owner
        .json(
            "PUT",
            &format!("/api/v1/orgs/acme/engagements/{}/campaigns", stop["id"]),
            Some(json!({ "campaigns": [cid] })),
        )
        .await;
    assert_eq!(linked.0, 204);

    let path = format!("/admin/acme/tours/{tid}/stops/import");
    let upload = async |csv: &str, dry_run: bool| {
        let csrf = owner.csrf("acme").await;
        let mut form = reqwest::multipart::Form::new().text("csrf", csrf);
        if dry_run {
            form = form.text("dry_run", "on");
        }
        let file = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("stops.csv");
        owner.post_multipart(&path, form.part("file", file)).await
    };
    let stops_now = async || {
        app.store
            .engagements(org.id, Some(chorus::domain::ids::TourId(tid)))
            .await
            .expect("stops")
            .len()
    };
    let good = "title,venue,city,country,time_zone,starts_at,capacity\n\
                Open Roads: Lisbon,Riverside Hall,Lisbon,PT,Europe/Lisbon,2026-05-09 21:00,12000\n\
                Open Roads: London,Thames Hall,London,GB,Europe/London,2026-06-06 19:30,21500\n";
    let dry = upload(good, true).await;
    assert!(
        dry.body.contains("Dry run: 2 stop(s) would be added"),
        "{}",
        dry.body
    );
    assert_eq!(stops_now().await, 1);

    let bad = "title,city,country,time_zone,starts_at\n\
               Open Roads: Paris,Paris,FR,Europe/Paris,2026-05-20 20:00\n\
               ,Porto,Portugal,Europe/Lisbon,2026-05-11 20:30\n";
    let refused = upload(bad, false).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    for said in [
        "line 3, title: Title is required.",
        "line 3, country: Country: &#39;Portugal&#39;",
    ] {
        assert!(refused.body.contains(said), "{said}: {}", refused.body);
    }
    assert_eq!(stops_now().await, 1, "nothing is added from a refused file");

    let added = upload(good, false).await;
    assert!(
        added.body.contains("Added 2 stop(s) to the tour."),
        "{}",
        added.body
    );
    let stops = app
        .store
        .engagements(org.id, Some(chorus::domain::ids::TourId(tid)))
        .await
        .expect("stops");
    assert_eq!(stops.len(), 3);
    let lisbon = stops
        .iter()
        .find(|s| s.settings.city == "Lisbon")
        .expect("Lisbon");
    assert_eq!(
        lisbon.settings.starts_at.to_utc_string(),
        "2026-05-09 20:00:00 UTC"
    );
    assert_eq!(
        app.store
            .engagement_campaign_ids(org.id, lisbon.id)
            .await
            .expect("campaigns"),
        [chorus::domain::ids::CampaignId(cid)],
        "a new stop supports the tour's campaigns"
    );
    let entries = app.store.audit_entries(org.id, 10).await.expect("audit");
    assert!(entries
        .iter()
        .any(|e| e.action == "tour.stops_imported" && e.subject == "Open Roads"));

    // The same file through the API, as another system sends it.
    let api = format!("/api/v1/orgs/acme/tours/{tid}/stops");
    let send = async |csv: &str, query: &str| {
        owner
            .post_raw(
                &format!("{api}{query}"),
                csv.as_bytes(),
                &[("content-type", "text/csv")],
            )
            .await
    };
    let refused = send(bad, "").await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("line 3, title: Title is required."),
        "{}",
        refused.body
    );
    let dry = send(good, "?dry_run=true").await;
    assert!(
        dry.body.contains("\"stops\":2") && dry.body.contains("\"dry_run\":true"),
        "{}",
        dry.body
    );
    assert_eq!(stops_now().await, 3);
    let added = send(good, "").await;
    assert_eq!(added.status, 201, "{}", added.body);
    assert_eq!(stops_now().await, 5);
}

/// The API's lists come a page at a time in the order things were made, filtered as asked;
/// following `next` while rows are being added sees every row once, the new ones last.
async fn lists_come_a_page_at_a_time_and_stay_stable(app: TestApp) {
    let (_org, owner) = owner_of(&app, "acme").await;
    let create = async |n: usize| {
        let kind = if n % 2 == 0 {
            "awareness"
        } else {
            "fundraising"
        };
        let body = json!({ "slug": format!("c{n:02}"), "theme": format!("Campaign {n}"), "kind": kind,
            "goal_currency": "EUR", "goal_amount": "1000" });
        let (status, made) = owner
            .json("POST", "/api/v1/orgs/acme/campaigns", Some(body))
            .await;
        assert_eq!(status, 201, "{made}");
        made["id"].as_i64().expect("id")
    };
    let mut made = Vec::new();
    for n in 0..7 {
        made.push(create(n).await);
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/orgs/acme/campaigns?limit=3".to_owned();
    let mut pages = 0;
    loop {
        let (status, page) = owner.json("GET", &path, None).await;
        assert_eq!(status, 200, "{page}");
        pages += 1;
        let items = page["items"].as_array().expect("items");
        assert!(items.len() <= 3);
        seen.extend(items.iter().map(|c| c["id"].as_i64().expect("id")));
        if pages == 1 {
            // Rows made while a client pages through come after what it has seen.
            made.push(create(7).await);
            made.push(create(8).await);
        }
        match page["next"].as_str() {
            Some(next) => path = format!("/api/v1/orgs/acme/campaigns?limit=3&after={next}"),
            None => break,
        }
    }
    assert_eq!(seen, made, "every campaign once, in the order made");
    assert_eq!(pages, 3);

    let (_, live) = owner
        .json("GET", "/api/v1/orgs/acme/campaigns?kind=fundraising", None)
        .await;
    let kinds: Vec<&str> = live["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| c["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, ["fundraising"; 4], "{live}");
    let (status, refused) = owner
        .json(
            "GET",
            "/api/v1/orgs/acme/campaigns?limit=500&after=nonsense&status=paused",
            None,
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        refused["problems"].as_array().map(Vec::len),
        Some(1),
        "{refused}"
    );
    let (status, refused) = owner
        .json(
            "GET",
            "/api/v1/orgs/acme/campaigns?limit=500&after=nonsense",
            None,
        )
        .await;
    assert_eq!(
        (status, refused["problems"].as_array().map(Vec::len)),
        (422, Some(2)),
        "{refused}"
    );
}
