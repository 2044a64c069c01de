//! Supporters' actions over HTTP on both backends: the pledge form and its confirmation email
//! through a real SMTP conversation, attribution, consent kept verbatim, no double counting,
//! each abuse rule, bad input, a stadium's thousands of pledges from one address, moderation
//! and expiry, and the live counter.

use std::time::Duration;

use chorus::clock;
use chorus::domain::audit::Actor;
use chorus::domain::ids::CampaignId;
use chorus::domain::language::Language;
use chorus::domain::supporter::FormToken;
use chorus::domain::time::Timestamp;
use chorus::store::{ActionFilter, SpamSelection, Store};

use crate::on_both_backends;
use crate::smtp::SmtpSink;
use crate::support::{Backend, Client, TestApp};

on_both_backends!(demo:
    one_person_one_pledge_and_one_action_per_form,
    abuse_rules_refuse_and_count,
    bad_input_is_refused_and_nothing_stored,
    thousands_from_one_address_are_all_kept,
    moderation_and_expiry_recount_exactly,
    live_counter_moves_after_confirmation,
    staff_list_moderate_invalidate_and_export,
    one_commit_sorts_out_repeats_within_a_batch,
    an_action_never_joins_another_organizations_campaign,
    a_wording_first_seen_in_a_failed_batch_is_stored_with_the_next,
);
on_both_backends!(backend:
    email_confirmation,
    proof_of_work_required,
    a_pledge_with_updates_sends_one_email,
);

/// The demo campaign the demo code `DEMQ222` (a venue QR code of a tour stop) leads to.
pub(crate) const CAMPAIGN: &str = "open-roads";
pub(crate) const VENUE_CODE: &str = "DEMQ222";

async fn campaign_id(store: &Store) -> (chorus::domain::ids::OrgId, CampaignId) {
    let (org, campaign) = crate::support::demo_campaign(store, CAMPAIGN).await;
    (org.id, campaign.id)
}

/// A form token as the server issues it, but `age_secs` old (so tests need not wait).
pub(crate) async fn token(store: &Store, campaign: CampaignId, age_secs: i64, key: &str) -> String {
    let secret = store
        .server_secret("forms", &[0; 32], clock::now())
        .await
        .expect("secret");
    FormToken {
        campaign_id: campaign.0,
        issued_at: Timestamp::from_unix_micros(clock::now().unix_micros() - age_secs * 1_000_000),
        idempotency_key: key.to_owned(),
    }
    .sign(&secret)
}

pub(crate) fn pledge_fields<'a>(token: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("token", token),
        ("name", "Ana Lima"),
        ("email", email),
        ("country", "Brasil"),
        ("message", "Força!"),
        ("show_name", "on"),
        ("consent", "on"),
        ("lang", "en"),
    ]
}

pub(crate) async fn post_pledge(client: &Client, fields: &[(&str, &str)]) -> crate::support::Page {
    client
        .post(&format!("/demo/{CAMPAIGN}/pledge"), fields)
        .await
}

pub(crate) async fn all_actions(store: &Store) -> Vec<chorus::store::ActionRow> {
    let (org, campaign) = campaign_id(store).await;
    let filter = ActionFilter {
        limit: 100_000,
        ..Default::default()
    };
    store
        .campaign_actions(org, campaign, &filter)
        .await
        .expect("actions")
}

fn field_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect("field") + marker.len();
    let end = html[start..].find('"').expect("quote") + start;
    html[start..end].to_owned()
}

/// A pledge with "also send me updates" ticked: one email, whose subject says it confirms both
/// and whose text says what each of its two links confirms; each link confirms its own.
async fn a_pledge_with_updates_sends_one_email(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = TestApp::spawn_with_smtp(backend, "pledge_with_updates", &sink.url).await
    else {
        return;
    };
    let (org, campaign) = campaign_id(&app.store).await;
    let client = app.client();
    let signed = token(&app.store, campaign, 5, "both").await;
    let mut fields = pledge_fields(&signed, "both@example.org");
    fields.push(("also_subscribe", "on"));
    let sent = post_pledge(&client, &fields).await;
    assert_eq!(sent.status, 303);
    let thanks = client
        .get(sent.location().expect("to the thanks page"))
        .await;
    assert!(thanks.body.contains("Check your email"), "{}", thanks.body);
    let mail = sink
        .message_for("both@example.org", Duration::from_secs(10))
        .await
        .expect("the confirmation email arrives");
    // Anything else would have been sent at the same moment.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sink.messages_for("both@example.org").len(), 1, "one email");
    let text = mail.text();
    assert!(
        text.contains("Subject: Please confirm your signature and your sign-up for updates"),
        "{text}"
    );
    let link_after = |sentence: &str| -> String {
        let at = text
            .find(sentence)
            .unwrap_or_else(|| panic!("{sentence}: {text}"));
        let start = at + text[at..].find("/confirm/").expect("a link after it");
        text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect()
    };
    let pledge = link_after("To confirm your signature, open this link");
    let updates = link_after("To confirm that you want updates, open this link");
    assert_ne!(pledge, updates);
    assert_eq!(client.get(&updates).await.status, 303);
    let counts = app
        .store
        .action_counts(org, campaign)
        .await
        .expect("counts");
    assert_eq!(
        (
            counts.subscribers,
            counts.pledges,
            counts.pledges_unconfirmed
        ),
        (1, 0, 1),
        "the updates link confirms the sign-up only"
    );
    assert_eq!(client.get(&pledge).await.status, 303);
    let counts = app
        .store
        .action_counts(org, campaign)
        .await
        .expect("counts");
    assert_eq!((counts.subscribers, counts.pledges), (1, 1));
}

/// Scan → campaign page → pledge form → confirmation email over SMTP → link → counted.
async fn email_confirmation(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = TestApp::spawn_with_smtp(backend, "email_confirmation", &sink.url).await else {
        return;
    };
    let visitor = app.client();
    let scanned = visitor
        .get_with(
            &format!("/t/{VENUE_CODE}/q"),
            &[("Accept-Language", "fr-FR,fr;q=0.9")],
        )
        .await;
    let page = scanned.location().expect("redirect").to_owned();
    assert!(page.contains("tp=DEMQ222"), "{page}");
    let campaign_page = visitor.get(&page).await;
    let form_link = format!("/demo/{CAMPAIGN}/pledge?lang=fr&amp;tp={VENUE_CODE}");
    assert!(
        campaign_page.body.contains(&form_link),
        "the page's pledge link carries the touchpoint"
    );
    let form = visitor.get(&form_link.replace("&amp;", "&")).await;
    assert_eq!(form.status, 200);
    assert_eq!(form.header("cache-control"), Some("private, no-store"));
    let form_token = field_value(&form.body, "token");
    assert_eq!(field_value(&form.body, "tp"), VENUE_CODE);
    // A person reads before sending: the token refuses anything faster than two seconds.
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let mut fields = pledge_fields(&form_token, "ana.lima@example.org");
    fields.retain(|(k, _)| *k != "lang");
    fields.push(("lang", "fr"));
    fields.push(("tp", VENUE_CODE));
    let sent = post_pledge(&visitor, &fields).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(
        sent.location(),
        Some(format!("/demo/{CAMPAIGN}/thanks?kind=pledge&lang=fr").as_str())
    );
    let (org_id, campaign) = campaign_id(&app.store).await;
    let counts = app
        .store
        .action_counts(org_id, campaign)
        .await
        .expect("counts");
    assert_eq!((counts.pledges, counts.pledges_unconfirmed), (0, 1));

    let mail = sink
        .message_for("ana.lima@example.org", Duration::from_secs(10))
        .await
        .expect("the confirmation email arrives");
    assert_eq!(mail.from, "no-reply@chorus.test");
    let text = mail.text();
    assert!(
        text.contains("Subject: Merci de confirmer votre signature"),
        "{text}"
    );
    let start = text.find("/confirm/").expect("a confirmation link");
    let link: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let confirmed = visitor.get(&link).await;
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    let location = confirmed.location().expect("thanks");
    assert!(
        location.starts_with(&format!(
            "/demo/{CAMPAIGN}/thanks?done=confirmed&kind=pledge&lang=fr&number=1&proof="
        )),
        "{location}"
    );
    // A number the confirmation did not sign is not said.
    let forged = visitor
        .get(&format!(
            "/demo/{CAMPAIGN}/thanks?done=confirmed&kind=pledge&lang=fr&number=2&proof=bad"
        ))
        .await;
    assert!(!forged.body.contains("n° 2"), "{}", forged.body);
    // The thank-you page says where the signer stands, in the count the public sees.
    let thanks = visitor.get(confirmed.location().expect("thanks")).await;
    assert!(
        thanks
            .body
            .contains("Votre signature est la première confirmée."),
        "{}",
        thanks.body
    );
    let counts = app
        .store
        .action_counts(org_id, campaign)
        .await
        .expect("counts");
    assert_eq!((counts.pledges, counts.pledges_unconfirmed), (1, 0));
    // Following the link again changes nothing; a tampered link is refused.
    assert_eq!(visitor.get(&link).await.status, 303);
    assert_eq!(
        app.store.action_counts(org_id, campaign).await.expect("c"),
        counts
    );
    let flipped = if link.ends_with('0') { '1' } else { '0' };
    let tampered = format!("{}{flipped}", &link[..link.len() - 1]);
    assert_eq!(visitor.get(&tampered).await.status, 404);

    // Attribution and the consent wording as shown, verbatim, in French.
    let rows = all_actions(&app.store).await;
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.touchpoint_code.as_deref(), Some(VENUE_CODE));
    assert!(
        row.engagement_id.is_some(),
        "a venue code's stop is recorded"
    );
    assert_eq!(row.language, "fr");
    assert_eq!(row.status, "confirmed");
    let shown = chorus::i18n::text_with(
        Language::Fr,
        "consent-pledge",
        &[("org", chorus::demo::DEMO_ORG_NAME)],
    );
    assert_eq!(row.consent_text, shown);
    assert!(form.body.contains(&shown.replace('\'', "&#x27;")) || form.body.contains(&shown));
    // The campaign page shows the confirmed count once its cache moves on (at most 2 s).
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let org_page = app.client().get("/demo?lang=en").await;
    assert!(
        org_page.body.contains(&format!(
            "data-live=\"/demo/{CAMPAIGN}/counts\"><strong data-count=\"pledges\">1</strong>"
        )),
        "the organization page counts it too: {}",
        org_page.body
    );
    let again = app.client().get(&format!("/demo/{CAMPAIGN}?lang=en")).await;
    assert!(
        again
            .body
            .contains("<strong data-count=\"pledges\">1</strong>"),
        "{}",
        again.body
    );
}

async fn one_person_one_pledge_and_one_action_per_form(app: TestApp) {
    let (org_id, campaign) = campaign_id(&app.store).await;
    let client = app.client();
    let first = token(&app.store, campaign, 5, "form-one").await;
    let answer = post_pledge(&client, &pledge_fields(&first, "Ana.Lima+tour@GMail.com")).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    // This server has no SMTP: the thank-you page does not claim an email was sent.
    let thanks = client.get(answer.location().expect("thanks")).await;
    assert!(
        thanks.body.contains("We have received your form"),
        "{}",
        thanks.body
    );
    assert!(!thanks.body.contains("Check your email"));
    // The same form again (double click, retry, back button): one action.
    let again = post_pledge(&client, &pledge_fields(&first, "Ana.Lima+tour@GMail.com")).await;
    // The same person through another form, typed differently: still one.
    let second = token(&app.store, campaign, 5, "form-two").await;
    let other = post_pledge(&client, &pledge_fields(&second, "analima@gmail.com")).await;
    for reply in [&again, &other] {
        assert_eq!(reply.status, answer.status);
        assert_eq!(reply.location(), answer.location(), "replies look the same");
    }
    let counts = app
        .store
        .action_counts(org_id, campaign)
        .await
        .expect("counts");
    assert_eq!(counts.pledges_unconfirmed, 1);
    assert_eq!(all_actions(&app.store).await.len(), 1);
    // Also subscribing makes a second action of another kind, counted apart.
    let third = token(&app.store, campaign, 5, "form-three").await;
    let mut fields = pledge_fields(&third, "bo@example.org");
    fields.push(("also_subscribe", "on"));
    assert_eq!(post_pledge(&client, &fields).await.status, 303);
    let counts = app
        .store
        .action_counts(org_id, campaign)
        .await
        .expect("counts");
    assert_eq!(
        (counts.pledges_unconfirmed, counts.subscribers_unconfirmed),
        (2, 1)
    );
    // The JSON answer of the API path is 201 with where to go next.
    let fourth = token(&app.store, campaign, 5, "form-four").await;
    let (status, body) = client
        .json(
            "POST",
            &format!("/demo/{CAMPAIGN}/subscribe"),
            Some(
                serde_json::json!({ "token": fourth, "email": "cy@example.org", "consent": true }),
            ),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["status"], "received");
}

async fn abuse_rules_refuse_and_count(app: TestApp) {
    let (_, campaign) = campaign_id(&app.store).await;
    let client = app.client();
    // Honeypot: looks accepted, nothing stored.
    let fresh = token(&app.store, campaign, 5, "bot-1").await;
    let mut fields = pledge_fields(&fresh, "bot@example.org");
    fields.push(("website", "http://spam.example"));
    let reply = post_pledge(&client, &fields).await;
    assert_eq!(reply.status, 303);
    // Sent within two seconds of being issued (a phone's autofill can be that quick): kept, but
    // held for staff, since it carries no proof of work.
    let instant = token(&app.store, campaign, 0, "quick").await;
    let reply = post_pledge(&client, &pledge_fields(&instant, "fast@example.org")).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    // Too old: a day-old form; the page offers a fresh one.
    let stale = token(&app.store, campaign, 25 * 3600, "bot-3").await;
    let reply = post_pledge(&client, &pledge_fields(&stale, "old@example.org")).await;
    assert_eq!(reply.status, 422);
    assert_ne!(field_value(&reply.body, "token"), stale);
    // Forged, tampered, or issued for another campaign.
    let tampered = stale.replacen("v1.", "v1.9", 1);
    let other_campaign = token(&app.store, CampaignId(campaign.0 + 1), 5, "bot-4").await;
    for bad in ["forged", tampered.as_str(), other_campaign.as_str()] {
        let reply = post_pledge(&client, &pledge_fields(bad, "forged@example.org")).await;
        assert_eq!(reply.status, 400, "{bad}");
        assert!(reply.body.contains("not issued by this site"));
    }
    let stored = all_actions(&app.store).await;
    let emails: Vec<_> = stored.iter().map(|a| (a.email.as_str(), a.held)).collect();
    assert_eq!(
        emails,
        [("fast@example.org", true)],
        "only the quick form, held"
    );
    let metrics = client.get("/metrics").await.body;
    for reason in ["honeypot", "too_old", "forged_token"] {
        assert!(
            metrics.contains(&format!(
                "chorus_actions_rejected_total{{reason=\"{reason}\"}}"
            )),
            "{reason}: {metrics}"
        );
    }
}

async fn bad_input_is_refused_and_nothing_stored(app: TestApp) {
    let (_, campaign) = campaign_id(&app.store).await;
    let client = app.client();
    let t = token(&app.store, campaign, 5, "bad").await;
    let long_name = "n".repeat(101);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![
                ("token", &t),
                ("name", &long_name),
                ("email", "a@example.org"),
                ("country", "X"),
                ("consent", "on"),
            ],
            "Please enter your name",
        ),
        (
            vec![
                ("token", &t),
                ("name", "A"),
                ("email", "not-an-email"),
                ("country", "X"),
                ("consent", "on"),
            ],
            "valid email address",
        ),
        (
            vec![
                ("token", &t),
                ("name", "A"),
                ("email", "a@example.org"),
                ("country", "X\u{0}Y"),
                ("consent", "on"),
            ],
            "Please enter your country",
        ),
        (
            vec![
                ("token", &t),
                ("name", "A"),
                ("email", "a@example.org"),
                ("country", "X"),
            ],
            "tick the box",
        ),
    ];
    for (fields, expected) in cases {
        let reply = post_pledge(&client, &fields).await;
        assert_eq!(reply.status, 422, "{fields:?}");
        assert!(reply.body.contains(expected), "{expected}: {}", reply.body);
        // What was typed is kept for correcting.
        assert!(
            reply.body.contains("value=\"a@example.org\"") || reply.body.contains("not-an-email")
        );
        // The consent box stays as the person left it.
        let ticked = fields.iter().any(|(name, _)| *name == "consent");
        assert_eq!(
            reply
                .body
                .contains(r#"name="consent" value="on" required checked"#),
            ticked,
            "{fields:?}"
        );
    }
    // Wrong types through JSON: a clear 422 naming the problem.
    let path = format!("/demo/{CAMPAIGN}/pledge");
    let (status, body) = client
        .json(
            "POST",
            &path,
            Some(serde_json::json!({ "token": t, "name": 5, "email": "a@example.org" })),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]
            .as_str()
            .expect("error")
            .contains("invalid type"),
        "{body}"
    );
    let (status, body) = client
        .json(
            "POST",
            &path,
            Some(serde_json::json!({ "token": t, "name": "A", "email": "x", "country": "", "consent": false })),
        )
        .await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = body["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["field"].as_str())
        .collect();
    assert_eq!(fields, ["email", "country", "consent"]);
    let (status, _) = client
        .json("POST", &path, Some(serde_json::json!([1, 2])))
        .await;
    assert_eq!(status, 422);
    // A valid form, but too large or sent from another site: refused before it is read. (The
    // server answers submissions before its router: these are that way's own checks.)
    assert_eq!(client.oversized_upload(&path, 100 * 1024).await, 413);
    let valid = [
        ("token", t.as_str()),
        ("name", "A"),
        ("email", "a@example.org"),
        ("country", "X"),
        ("consent", "on"),
    ];
    let cross_site = client
        .post_with(&path, &valid, &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(cross_site.status, 403);
    assert!(
        cross_site.body.contains("another website"),
        "{}",
        cross_site.body
    );
    let subscribe = format!("/demo/{CAMPAIGN}/subscribe");
    let foreign = client
        .post_with(&subscribe, &valid, &[("origin", "https://evil.example")])
        .await;
    assert_eq!(foreign.status, 403);
    assert!(all_actions(&app.store).await.is_empty(), "nothing stored");
    // Counted under their route templates, like every request through the router.
    let metrics = client.get("/metrics").await.body;
    for (route, status, count) in [
        ("/{org}/{campaign}/pledge", 422, 7),
        ("/{org}/{campaign}/pledge", 413, 1),
        ("/{org}/{campaign}/pledge", 403, 1),
        ("/{org}/{campaign}/subscribe", 403, 1),
    ] {
        let line = format!(
            "chorus_http_requests_total{{method=\"POST\",route=\"{route}\",status=\"{status}\"}} {count}"
        );
        assert!(metrics.contains(&line), "{line} in {metrics}");
    }
}

async fn thousands_from_one_address_are_all_kept(app: TestApp) {
    const PEOPLE: usize = 2_000;
    let (org_id, campaign) = campaign_id(&app.store).await;
    let secret = app
        .store
        .server_secret("forms", &[0; 32], clock::now())
        .await
        .expect("secret");
    let client = app.client();
    let started = std::time::Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..32 {
        let client = client.clone();
        let secret = secret.clone();
        tasks.spawn(async move {
            let mut statuses = Vec::new();
            for i in (worker..PEOPLE).step_by(32) {
                let token = FormToken {
                    campaign_id: campaign.0,
                    issued_at: Timestamp::from_unix_micros(clock::now().unix_micros() - 5_000_000),
                    idempotency_key: format!("fan-{i}"),
                }
                .sign(&secret);
                let email = format!("fan{i}@stadium.example");
                let reply = post_pledge(&client, &pledge_fields(&token, &email)).await;
                statuses.push(reply.status);
            }
            statuses
        });
    }
    let mut accepted = 0;
    while let Some(statuses) = tasks.join_next().await {
        accepted += statuses
            .expect("task")
            .iter()
            .filter(|s| **s == 303)
            .count();
    }
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "within a minute"
    );
    assert_eq!(accepted, PEOPLE, "no real person refused");
    let counts = app
        .store
        .action_counts(org_id, campaign)
        .await
        .expect("counts");
    assert_eq!(counts.pledges_unconfirmed, PEOPLE as i64);
    let rows = all_actions(&app.store).await;
    assert_eq!(rows.len(), PEOPLE);
    let held = rows.iter().filter(|r| r.held).count();
    assert_eq!(
        held,
        PEOPLE - 20,
        "past the threshold they are held, not refused"
    );

    // From the same busy address, a form whose proof of work the page solved is not held.
    let worked = token(&app.store, campaign, 5, "fan-with-work").await;
    let nonce = solve_proof_of_work(&worked);
    let mut fields = pledge_fields(&worked, "worked@stadium.example");
    fields.push(("pow", &nonce));
    assert_eq!(post_pledge(&client, &fields).await.status, 303);
    let lazy = token(&app.store, campaign, 5, "fan-without-work").await;
    let mut fields = pledge_fields(&lazy, "lazy@stadium.example");
    fields.push(("pow", "12345"));
    assert_eq!(post_pledge(&client, &fields).await.status, 303);
    let rows = all_actions(&app.store).await;
    let held_of = |email: &str| rows.iter().find(|r| r.email == email).expect("stored").held;
    assert!(
        !held_of("worked@stadium.example"),
        "the work spares the hold"
    );
    assert!(held_of("lazy@stadium.example"), "a wrong answer does not");
}

/// The nonce a browser's script would find for the form `token`.
fn solve_proof_of_work(token: &str) -> String {
    let nonce = (0u64..)
        .map(|n| n.to_string())
        .find(|n| {
            chorus::domain::supporter::proof_of_work_solved(
                token,
                n,
                chorus::domain::supporter::PROOF_OF_WORK_BITS,
            )
        })
        .expect("a solution exists");
    // Unless this wrong answer happens to solve it too, it proves the check is real.
    assert!(
        !chorus::domain::supporter::proof_of_work_solved(
            token,
            "12345",
            chorus::domain::supporter::PROOF_OF_WORK_BITS
        ) || nonce == "12345"
    );
    nonce
}

/// With `--proof-of-work`, a form without its solved proof is refused (422, counted in the
/// metrics, nothing stored) and the same form with it is accepted.
async fn proof_of_work_required(backend: Backend) {
    let required = |config: &mut chorus::config::Config| {
        config.demo = true;
        config.proof_of_work = true;
    };
    let Some(app) = TestApp::spawn_configured(backend, "proof_of_work_required", required).await
    else {
        return;
    };
    let (_, campaign) = campaign_id(&app.store).await;
    let client = app.client();
    let form = client.get(&format!("/demo/{CAMPAIGN}/pledge")).await;
    assert!(
        form.body.contains("data-pow=\"16\""),
        "the page asks for the work"
    );
    let t = token(&app.store, campaign, 5, "pow-required").await;
    let refused = post_pledge(&client, &pledge_fields(&t, "pow@example.org")).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("show you are a person"),
        "{}",
        refused.body
    );
    assert!(all_actions(&app.store).await.is_empty(), "nothing stored");
    let metrics = client.get("/metrics").await.body;
    assert!(
        metrics.contains("reason=\"proof_of_work\"} 1"),
        "counted: {metrics}"
    );
    let nonce = solve_proof_of_work(&t);
    let mut fields = pledge_fields(&t, "pow@example.org");
    fields.push(("pow", &nonce));
    assert_eq!(post_pledge(&client, &fields).await.status, 303);
    assert_eq!(all_actions(&app.store).await.len(), 1);
}

async fn moderation_and_expiry_recount_exactly(app: TestApp) {
    let (org, campaign) = campaign_id(&app.store).await;
    let client = app.client();
    for (i, email) in ["a@spam.example", "b@spam.example", "c@fine.example"]
        .iter()
        .enumerate()
    {
        let t = token(&app.store, campaign, 5, &format!("m{i}")).await;
        assert_eq!(
            post_pledge(&client, &pledge_fields(&t, email)).await.status,
            303
        );
    }
    let now = clock::now();
    for row in all_actions(&app.store).await {
        app.store
            .confirm_action(row.id, now)
            .await
            .expect("confirm");
    }
    assert_eq!(
        app.store
            .action_counts(org, campaign)
            .await
            .expect("c")
            .pledges,
        3
    );
    let actor = Actor::command_line();
    let marked = app
        .store
        .mark_spam(
            org,
            campaign,
            &SpamSelection::EmailDomain("spam.example".into()),
            &actor,
            now,
        )
        .await
        .expect("mark");
    assert_eq!(marked, 2);
    assert_eq!(
        app.store
            .action_counts(org, campaign)
            .await
            .expect("c")
            .pledges,
        1
    );
    let spam: Vec<i64> = all_actions(&app.store)
        .await
        .into_iter()
        .filter(|r| r.status == "spam")
        .map(|r| r.id)
        .collect();
    let restored = app
        .store
        .restore_actions(org, campaign, &spam[..1], &actor, now)
        .await
        .expect("restore");
    assert_eq!(restored, 1);
    assert_eq!(
        app.store
            .action_counts(org, campaign)
            .await
            .expect("c")
            .pledges,
        2
    );
    // A time window catches everything made in it.
    let window = SpamSelection::Window {
        from: Timestamp::from_unix_micros(now.unix_micros() - 60_000_000),
        to: Timestamp::from_unix_micros(now.unix_micros() + 1),
    };
    assert_eq!(
        app.store
            .mark_spam(org, campaign, &window, &actor, now)
            .await
            .expect("m"),
        2
    );
    assert_eq!(
        app.store
            .action_counts(org, campaign)
            .await
            .expect("c")
            .pledges,
        0
    );
    let audit = app.store.audit_entries(org, 50).await.expect("audit");
    assert!(
        audit
            .iter()
            .filter(|e| e.action == "actions.marked_spam")
            .count()
            >= 2
    );
    assert!(audit.iter().any(|e| e.action == "actions.restored"));
    // Unconfirmed actions expire after the confirmation window.
    let t = token(&app.store, campaign, 5, "late").await;
    assert_eq!(
        post_pledge(&client, &pledge_fields(&t, "late@fine.example"))
            .await
            .status,
        303
    );
    assert_eq!(unconfirmed(&app.store, campaign).await, 1);
    let not_yet = app
        .store
        .expire_unconfirmed(Timestamp::from_unix_micros(now.unix_micros() - 1_000_000))
        .await
        .expect("e");
    assert_eq!(not_yet, 0);
    let later = Timestamp::from_unix_micros(clock::now().unix_micros() + 1);
    assert_eq!(
        app.store.expire_unconfirmed(later).await.expect("expire"),
        1
    );
    let counts = app.store.action_counts(org, campaign).await.expect("c");
    assert_eq!((counts.pledges, counts.pledges_unconfirmed), (0, 0));
}

/// The next event called `name` of a server-sent-event stream.
pub(crate) async fn next_event<S, B>(events: &mut S, seen: &mut String, name: &str) -> String
where
    S: futures_util::Stream<Item = reqwest::Result<B>> + Unpin,
    B: AsRef<[u8]>,
{
    use futures_util::StreamExt;
    loop {
        if let Some(end) = seen.find("\n\n") {
            let event: String = seen.drain(..end + 2).collect();
            if event.contains(&format!("event: {name}\n")) {
                return event;
            }
            continue;
        }
        let chunk = tokio::time::timeout(Duration::from_secs(3), events.next())
            .await
            .expect("an event within the timeout")
            .expect("stream open")
            .expect("bytes");
        seen.push_str(&String::from_utf8_lossy(chunk.as_ref()));
    }
}

/// The emailed confirmation link of `action`, made with the server's own secret.
pub(crate) async fn confirmation_link(store: &Store, action: &chorus::store::ActionRow) -> String {
    let secret = store
        .server_secret("forms", &[0; 32], clock::now())
        .await
        .expect("secret");
    let expires = Timestamp::from_unix_micros(
        action.created_at + chorus::domain::supporter::CONFIRMATION_WINDOW_MICROS,
    );
    let sig = chorus::domain::supporter::confirmation_signature(&secret, action.id, expires);
    format!("/confirm/{}.{}.{sig}", action.id, expires.unix_micros())
}

async fn live_counter_moves_after_confirmation(app: TestApp) {
    let (_, campaign) = campaign_id(&app.store).await;
    let client = app.client();
    let t = token(&app.store, campaign, 5, "live").await;
    assert_eq!(
        post_pledge(&client, &pledge_fields(&t, "live@example.org"))
            .await
            .status,
        303
    );
    let response = reqwest::get(client.url(&format!("/demo/{CAMPAIGN}/counts")))
        .await
        .expect("sse");
    assert_eq!(
        response.headers()["content-type"].to_str().expect("type"),
        "text/event-stream"
    );
    let mut events = Box::pin(response.bytes_stream());
    let mut seen = String::new();
    let first = next_event(&mut events, &mut seen, "counts").await;
    assert!(first.contains("\"pledges\":0"), "{first}");
    let link = confirmation_link(&app.store, &all_actions(&app.store).await[0]).await;
    let started = std::time::Instant::now();
    assert_eq!(client.get(&link).await.status, 303);
    let moved = next_event(&mut events, &mut seen, "counts").await;
    assert!(moved.contains("\"pledges\":1"), "{moved}");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "within a second"
    );
}

async fn unconfirmed(store: &Store, campaign: CampaignId) -> i64 {
    let (org, _) = campaign_id(store).await;
    store
        .action_counts(org, campaign)
        .await
        .expect("counts")
        .pledges_unconfirmed
}

async fn staff_list_moderate_invalidate_and_export(app: TestApp) {
    use chorus::domain::role::Role;
    let (_, campaign) = campaign_id(&app.store).await;
    let org = app
        .store
        .org_by_slug("demo")
        .await
        .expect("q")
        .expect("org");
    let visitor = app.client();
    let people = [
        ("=HYPERLINK(\"http://evil.example\")", "eve@bad.example"),
        ("Bo", "bo@bad.example"),
        ("Cy", "cy@fine.example"),
    ];
    for (i, (name, email)) in people.iter().enumerate() {
        let t = token(&app.store, campaign, 5, &format!("s{i}")).await;
        let mut fields = pledge_fields(&t, email);
        fields.retain(|(k, _)| *k != "name");
        fields.push(("name", name));
        assert_eq!(post_pledge(&visitor, &fields).await.status, 303);
    }
    let base = format!("/admin/demo/campaigns/{}/actions", campaign.0);
    // Personal data: a viewer may not see it.
    const PW: &str = "supporters page passphrase";
    app.seed_member(&org, "viewer@demo.test", Role::Viewer, PW)
        .await;
    let viewer = app.client();
    viewer.login("viewer@demo.test", PW).await;
    assert_eq!(viewer.get(&base).await.status, 403);
    assert_eq!(viewer.get(&format!("{base}.csv")).await.status, 403);

    app.seed_member(&org, "manager@demo.test", Role::CampaignManager, PW)
        .await;
    let staff = app.client();
    staff.login("manager@demo.test", PW).await;
    let (status, api) = staff
        .json(
            "GET",
            &format!("/api/v1/orgs/demo/campaigns/{}", campaign.0),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(api["counts"]["pledges_unconfirmed"], 3, "{api}");
    assert_eq!(api["counts"]["pledges"], 0);
    let list = staff.get(&base).await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("cy@fine.example"));
    // Without SMTP, the page says so and lists each confirmation link.
    assert!(list.body.contains("No SMTP server is configured"));
    assert_eq!(list.body.matches("/confirm/").count(), 3);
    let search = staff.get(&format!("{base}?q=FINE")).await;
    assert!(search.body.contains("cy@fine.example") && !search.body.contains("bo@bad.example"));

    // CSV export: formulas defanged.
    let csv = staff.get(&format!("{base}.csv")).await;
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(csv.body.contains("'=HYPERLINK"), "{}", csv.body);
    assert_eq!(csv.body.lines().count(), 4, "header and three rows");

    let csrf = staff.csrf("demo").await;
    // Invalidate by email domain, with a bad domain first (nothing changes).
    let bad = staff
        .post(
            &format!("{base}/invalidate"),
            &[
                ("csrf", &csrf),
                ("by", "domain"),
                ("domain", "not a domain"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(unconfirmed(&app.store, campaign).await, 3);
    let done = staff
        .post(
            &format!("{base}/invalidate"),
            &[("csrf", &csrf), ("by", "domain"), ("domain", "bad.example")],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(unconfirmed(&app.store, campaign).await, 1);
    // Restore one by ticking it; then invalidate by the sender's address (the test client's).
    let eve = all_actions(&app.store)
        .await
        .into_iter()
        .find(|r| r.email == "eve@bad.example")
        .expect("eve");
    let id = eve.id.to_string();
    let restored = staff
        .post(
            &format!("{base}/moderate"),
            &[("csrf", &csrf), ("action", &id), ("op", "restore")],
        )
        .await;
    assert_eq!(restored.status, 303);
    assert_eq!(unconfirmed(&app.store, campaign).await, 2);
    let bad_ip = staff
        .post(
            &format!("{base}/invalidate"),
            &[("csrf", &csrf), ("by", "address"), ("address", "999.1.1.1")],
        )
        .await;
    assert_eq!(bad_ip.status, 422);
    let by_ip = staff
        .post(
            &format!("{base}/invalidate"),
            &[("csrf", &csrf), ("by", "address"), ("address", "127.0.0.1")],
        )
        .await;
    assert_eq!(by_ip.status, 303);
    assert_eq!(unconfirmed(&app.store, campaign).await, 0);
    // Without the CSRF token nothing happens.
    let forged = staff
        .post(
            &format!("{base}/moderate"),
            &[("action", &id), ("op", "restore")],
        )
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(unconfirmed(&app.store, campaign).await, 0);
}

/// A pledge as the form handler hands it to the store.
fn pledge_action(
    org: chorus::domain::ids::OrgId,
    campaign: CampaignId,
    key: &str,
    email: &str,
) -> chorus::store::NewAction {
    use chorus::domain::supporter::{ActionForm, ActionKind};
    let input = ActionForm {
        name: "Ana",
        email,
        country: "Brasil",
        consent: true,
        ..Default::default()
    }
    .check(ActionKind::Pledge)
    .expect("valid");
    chorus::store::NewAction {
        org_id: org,
        campaign_id: campaign,
        kind: ActionKind::Pledge,
        input,
        language: Language::Es,
        touchpoint_id: None,
        engagement_id: None,
        consent_text: "Firmo.".into(),
        idempotency_key: key.into(),
        address_tag: String::new(),
        held: false,
        at: clock::now(),
    }
}

async fn one_commit_sorts_out_repeats_within_a_batch(app: TestApp) {
    use chorus::store::Outcome;
    let (org, campaign) = campaign_id(&app.store).await;
    let action = |key: &str, email: &str| pledge_action(org, campaign, key, email);
    let batch = [
        action("k1", "ana@gmail.com"),
        action("k1", "ana@gmail.com"),
        action("k2", "A.N.A+x@gmail.com"),
        action("k3", "bo@example.org"),
    ];
    let results: Vec<_> = app
        .store
        .record_actions(&batch)
        .await
        .into_iter()
        .map(|r| r.expect("recorded"))
        .collect();
    let outcomes: Vec<Outcome> = results.iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [
            Outcome::New,
            Outcome::Repeat,
            Outcome::AlreadyActed,
            Outcome::New
        ]
    );
    assert_eq!(results[0].action_id, results[1].action_id);
    assert_eq!(results[0].action_id, results[2].action_id);
    assert_ne!(results[0].action_id, results[3].action_id);
    assert_eq!(unconfirmed(&app.store, campaign).await, 2);
    // The same forms in a later batch: repeats, nothing new.
    let again = app.store.record_actions(&batch[..1]).await;
    assert_eq!(again[0].as_ref().expect("ok").outcome, Outcome::Repeat);
    assert_eq!(unconfirmed(&app.store, campaign).await, 2);
    assert_eq!(all_actions(&app.store).await.len(), 2);
}

/// The schema keeps each action within its organization: an action that pairs another
/// organization with the demo campaign is refused (the key on (org_id, campaign_id)), alone or
/// in a batch, and nothing of it is stored or counted; the rest of its batch is kept.
async fn an_action_never_joins_another_organizations_campaign(app: TestApp) {
    let (org, campaign) = campaign_id(&app.store).await;
    let other = app.seed_org("elsewhere", "Elsewhere").await;
    let results = app
        .store
        .record_actions(&[
            pledge_action(other.id, campaign, "stray", "stray@example.org"),
            pledge_action(org, campaign, "kept", "kept@example.org"),
        ])
        .await;
    assert!(results[0].is_err(), "{:?}", results[0]);
    assert!(results[1].is_ok(), "{:?}", results[1]);
    assert_eq!(unconfirmed(&app.store, campaign).await, 1);
    let filter = ActionFilter {
        limit: 100,
        ..Default::default()
    };
    let strays = app
        .store
        .campaign_actions(other.id, campaign, &filter)
        .await
        .expect("actions");
    assert!(strays.is_empty(), "{strays:?}");
    assert_eq!(all_actions(&app.store).await.len(), 1);
}

/// Consent wordings' ids are kept in memory once committed. A new wording first met by a batch
/// that fails (here: an action on another organization's campaign) is not committed, so the
/// next pledge with it must store it anew, verbatim, not reuse the rolled-back id (on PostgreSQL
/// that id never exists; on SQLite it could be another wording's).
async fn a_wording_first_seen_in_a_failed_batch_is_stored_with_the_next(app: TestApp) {
    let (org, campaign) = campaign_id(&app.store).await;
    let other = app.seed_org("elsewhere", "Elsewhere").await;
    let wording = "Acepto que guarden mi firma — versión nueva.";
    let worded = |org, key: &str, email: &str| {
        let mut action = pledge_action(org, campaign, key, email);
        action.consent_text = wording.into();
        action
    };
    let failed = app
        .store
        .record_actions(&[worded(other.id, "stray", "stray@example.org")])
        .await;
    assert!(failed[0].is_err(), "{:?}", failed[0]);
    // Another wording committed in between takes the next id on SQLite.
    let between = app
        .store
        .record_actions(&[pledge_action(org, campaign, "between", "bo@example.org")])
        .await;
    assert!(between[0].is_ok(), "{:?}", between[0]);
    let kept = app
        .store
        .record_actions(&[worded(org, "kept", "kept@example.org")])
        .await;
    let kept = kept[0].as_ref().expect("recorded");
    let stored = all_actions(&app.store).await;
    let row = stored
        .iter()
        .find(|row| row.id == kept.action_id)
        .expect("the pledge is stored");
    assert_eq!(row.consent_text, wording);
    assert_eq!(stored.len(), 2);
}
