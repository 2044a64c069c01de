//! Payment settings and Stripe webhooks over HTTP on both backends: keys checked and sealed
//! (never in the database in clear, never in the audit log), and deliveries verified exactly as
//! Stripe signs them — tampered, stale, unsigned and foreign-secret ones refused with nothing
//! stored — kept once per event id however often they arrive, with a secret being rolled.

use chorus::clock;
use chorus::domain::role::Role;
use chorus::domain::stripe_signature::sign;

use crate::on_both_backends;
use crate::support::{dump_database, Client, Page, TestApp};

on_both_backends!(
    payment_keys_are_checked_and_sealed,
    stripe_webhooks_are_verified_and_kept_once,
    gifts_are_the_same_whatever_the_order_of_events,
);

const PASSWORD: &str = "payments test passphrase";
const SECRET_KEY: &str = "sk_test_51ChorusSecretKeyNeverShown9876";
const PUBLISHABLE_KEY: &str = "pk_test_51ChorusPublishable";
/// Stripe's reference event (`../shared/stripe/vector-body.json`).
const EVENT: &str = r#"{"id":"evt_test_1","object":"event","type":"checkout.session.completed","data":{"object":{"id":"cs_test_1","object":"checkout.session","amount_total":2500,"currency":"eur","payment_status":"paid","metadata":{"campaign":"safe-migration"}}}}"#;

async fn staff(app: &TestApp, role: Role, email: &str) -> Client {
    let org = match app.store.org_by_slug("acme").await.expect("q") {
        Some(org) => org,
        None => app.seed_org("acme", "Acme relief").await,
    };
    app.seed_member(&org, email, role, PASSWORD).await;
    let client = app.client();
    client.login(email, PASSWORD).await;
    client
}

/// Saves the payments form: `fields`, and the form's other fields as a new organization's page
/// shows them.
async fn save(client: &Client, fields: &[(&str, &str)]) -> Page {
    let csrf = client.csrf("acme").await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    for (name, value) in [
        (
            "donation_options",
            "EUR: 10, 25, 50; minimum 5\nUSD: 10, 25\nJPY: 1000, 3000\nKWD: 5, 10",
        ),
        ("fee_percent", "3"),
        ("reporting_currency", "EUR"),
    ] {
        if !fields.iter().any(|(n, _)| *n == name) {
            form.push((name, value));
        }
    }
    client.post("/admin/acme/payments", &form).await
}

/// Stripe settings with the test's publishable key; empty fields keep what is set.
async fn save_stripe(client: &Client, secret_key: &str, webhook_secrets: &str) -> Page {
    save(
        client,
        &[
            ("provider", "stripe"),
            ("publishable_key", PUBLISHABLE_KEY),
            ("secret_key", secret_key),
            ("webhook_secrets", webhook_secrets),
        ],
    )
    .await
}

async fn acme(app: &TestApp) -> chorus::store::Org {
    app.store
        .org_by_slug("acme")
        .await
        .expect("q")
        .expect("org")
}

async fn payment_keys_are_checked_and_sealed(app: TestApp) {
    let owner = staff(&app, Role::Owner, "owner@acme.example").await;
    // Keys in the wrong fields: refused, each named, nothing stored.
    let wrong = save(
        &owner,
        &[
            ("provider", "stripe"),
            ("publishable_key", SECRET_KEY),
            ("secret_key", PUBLISHABLE_KEY),
            ("webhook_secrets", "whsec_a\nwhsec_b\nwhsec_c"),
        ],
    )
    .await;
    assert_eq!(wrong.status, 422);
    for field in ["Publishable key", "Secret key", "Webhook signing secrets"] {
        assert!(wrong.body.contains(field), "{field}: {}", wrong.body);
    }
    let org = acme(&app).await;
    assert!(app
        .store
        .payment_settings(org.id)
        .await
        .expect("q")
        .is_none());

    let saved = save_stripe(&owner, SECRET_KEY, "whsec_chorus_test_secret").await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = owner.get("/admin/acme/payments").await;
    assert!(page.body.contains("ends in …9876"), "{}", page.body);
    assert!(page.body.contains("1 set"));
    assert!(
        !page.body.contains(SECRET_KEY),
        "a key is never shown again"
    );
    let dump = dump_database(&app.database_url()).await;
    for secret in [SECRET_KEY, "whsec_chorus_test_secret"] {
        assert!(
            !dump.contains(secret),
            "{secret} is in the database in clear"
        );
    }
    assert!(
        dump.contains(PUBLISHABLE_KEY),
        "the publishable key is public"
    );
    assert!(dump.contains("payments.settings_changed"), "audited");

    // Saving with the key fields empty keeps the keys.
    let kept = save_stripe(&owner, "", "").await;
    assert_eq!(kept.status, 303);
    assert!(owner
        .get("/admin/acme/payments")
        .await
        .body
        .contains("ends in …9876"));

    // Only owners and admins see or change payment keys.
    let manager = staff(&app, Role::CampaignManager, "manager@acme.example").await;
    assert_eq!(manager.get("/admin/acme/payments").await.status, 403);
    assert_eq!(save(&manager, &[("provider", "test")]).await.status, 403);
}

async fn stripe_webhooks_are_verified_and_kept_once(app: TestApp) {
    let owner = staff(&app, Role::Owner, "owner@acme.example").await;
    let org = acme(&app).await;
    let delivery = |body: &str, signature: String| {
        let client = app.client();
        let body = body.to_owned();
        async move {
            client
                .post_raw(
                    "/webhooks/stripe/acme",
                    body.as_bytes(),
                    &[
                        ("content-type", "application/json"),
                        ("stripe-signature", &signature),
                    ],
                )
                .await
        }
    };
    let now = clock::now().unix_micros() / 1_000_000;
    // No secret set yet: refused.
    let early = delivery(
        EVENT,
        sign("whsec_chorus_test_secret", now, EVENT.as_bytes()),
    )
    .await;
    assert_eq!(early.status, 400);
    assert!(
        early.body.contains("no webhook signing secret"),
        "{}",
        early.body
    );

    let saved = save_stripe(&owner, SECRET_KEY, "whsec_chorus_test_secret").await;
    assert_eq!(saved.status, 303);

    let signed = sign("whsec_chorus_test_secret", now, EVENT.as_bytes());
    let first = delivery(EVENT, signed.clone()).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(
        first.body.contains(r#""duplicate":false"#),
        "{}",
        first.body
    );
    let again = delivery(EVENT, signed.clone()).await;
    assert_eq!(again.status, 200);
    assert!(again.body.contains(r#""duplicate":true"#));

    // Refused, nothing stored: a changed body, a stale or future timestamp, another secret,
    // no signature, not an event.
    let tampered = EVENT.replace("2500", "250000");
    let other_event = EVENT.replace("evt_test_1", "evt_test_2");
    let stale = sign(
        "whsec_chorus_test_secret",
        now - 900, // well outside the window: a slow test run must not bring it back inside
        other_event.as_bytes(),
    );
    let future = sign(
        "whsec_chorus_test_secret",
        now + 900,
        other_event.as_bytes(),
    );
    let foreign = sign("whsec_someone_else", now, other_event.as_bytes());
    let not_json = "not json";
    for (body, signature, why) in [
        (tampered.as_str(), signed.clone(), "Signature refused"),
        (other_event.as_str(), stale, "five minutes"),
        (other_event.as_str(), future, "five minutes"),
        (other_event.as_str(), foreign, "Signature refused"),
        (other_event.as_str(), String::new(), "missing its timestamp"),
        (
            not_json,
            sign("whsec_chorus_test_secret", now, not_json.as_bytes()),
            "not a Stripe event",
        ),
    ] {
        let refused = delivery(body, signature).await;
        assert_eq!(refused.status, 400, "{why}");
        assert!(refused.body.contains(why), "{why}: {}", refused.body);
    }
    let unsigned = app
        .client()
        .post_raw("/webhooks/stripe/acme", EVENT.as_bytes(), &[])
        .await;
    assert_eq!(unsigned.status, 400);
    let events = app.store.payment_events(org.id, 10).await.expect("events");
    assert_eq!(events.len(), 1, "one event, however often it arrived");
    assert_eq!(events[0].event_id, "evt_test_1");
    assert_eq!(events[0].event_type, "checkout.session.completed");
    assert_eq!(events[0].deliveries, 2);
    let metrics = app.client().get("/metrics").await.body;
    assert!(
        metrics.contains("chorus_webhooks_refused_total 8"),
        "{metrics}"
    );

    // Rolling the secret: the endpoint holds the new and the old one; either signs.
    let rolled = save_stripe(&owner, "", "whsec_rolled_new\nwhsec_chorus_test_secret").await;
    assert_eq!(rolled.status, 303);
    let by_new = delivery(
        &other_event,
        sign("whsec_rolled_new", now, other_event.as_bytes()),
    )
    .await;
    assert_eq!(by_new.status, 200, "{}", by_new.body);
    let third = EVENT.replace("evt_test_1", "evt_test_3");
    let by_old = delivery(
        &third,
        sign("whsec_chorus_test_secret", now, third.as_bytes()),
    )
    .await;
    assert_eq!(by_old.status, 200);
    assert_eq!(
        app.store
            .payment_events(org.id, 10)
            .await
            .expect("events")
            .len(),
        3
    );

    assert_eq!(
        delivery(EVENT, signed).await.status,
        200,
        "the first secret is still among those in force"
    );
    let nowhere = app
        .client()
        .post_raw(
            "/webhooks/stripe/nobody",
            EVENT.as_bytes(),
            &[("stripe-signature", "t=1,v1=00")],
        )
        .await;
    assert_eq!(nowhere.status, 404);
    // The page lists the deliveries.
    let page = owner.get("/admin/acme/payments").await;
    assert!(page.body.contains("evt_test_3") && page.body.contains("checkout.session.completed"));
}

/// A Stripe event in Stripe's shape.
fn stripe_event(id: &str, event_type: &str, created: i64, object: serde_json::Value) -> String {
    serde_json::json!({
        "id": id, "object": "event", "type": event_type, "created": created,
        "livemode": false, "data": { "object": object }
    })
    .to_string()
}

/// The life of one 25.00 EUR gift: checkout, payment, two partial refunds (Stripe's cumulative
/// totals), a dispute opened and lost.
pub(crate) fn life_of_a_gift(tag: &str, created: i64) -> Vec<String> {
    use serde_json::json;
    let (pi, cs, ch, dp) = (
        format!("pi_{tag}"),
        format!("cs_{tag}"),
        format!("ch_{tag}"),
        format!("dp_{tag}"),
    );
    let id = |n: u32| format!("evt_{tag}_{n}");
    vec![
        stripe_event(
            &id(1),
            "checkout.session.completed",
            created,
            json!({
            "id": cs, "object": "checkout.session", "mode": "payment", "payment_status": "paid",
            "amount_total": 2500, "currency": "eur", "payment_intent": pi,
            "metadata": { "campaign": "no-such-campaign", "touchpoint": "T1", "engagement": "12" } }),
        ),
        stripe_event(
            &id(2),
            "payment_intent.succeeded",
            created + 1,
            json!({
            "id": pi, "object": "payment_intent", "amount": 2500, "amount_received": 2500,
            "currency": "eur", "metadata": {} }),
        ),
        stripe_event(
            &id(3),
            "charge.refunded",
            created + 2,
            json!({
            "id": ch, "object": "charge", "amount": 2500, "amount_refunded": 500,
            "currency": "eur", "payment_intent": pi }),
        ),
        stripe_event(
            &id(4),
            "charge.refunded",
            created + 3,
            json!({
            "id": ch, "object": "charge", "amount": 2500, "amount_refunded": 1000,
            "currency": "eur", "payment_intent": pi }),
        ),
        stripe_event(
            &id(5),
            "charge.dispute.created",
            created + 4,
            json!({
            "id": dp, "object": "dispute", "charge": ch, "payment_intent": pi, "amount": 1500,
            "currency": "eur", "status": "needs_response" }),
        ),
        stripe_event(
            &id(6),
            "charge.dispute.closed",
            created + 5,
            json!({
            "id": dp, "object": "dispute", "charge": ch, "payment_intent": pi, "amount": 1500,
            "currency": "eur", "status": "lost" }),
        ),
    ]
}

async fn gifts_are_the_same_whatever_the_order_of_events(app: TestApp) {
    use serde_json::json;
    let owner = staff(&app, Role::Owner, "owner@acme.example").await;
    assert_eq!(
        save_stripe(&owner, SECRET_KEY, "whsec_chorus_test_secret")
            .await
            .status,
        303
    );
    let org = acme(&app).await;
    let now = clock::now().unix_micros() / 1_000_000;
    let deliver = |body: String| {
        let client = app.client();
        async move {
            let signature = sign("whsec_chorus_test_secret", now, body.as_bytes());
            let reply = client
                .post_raw(
                    "/webhooks/stripe/acme",
                    body.as_bytes(),
                    &[("stripe-signature", signature.as_str())],
                )
                .await;
            assert_eq!(reply.status, 200, "{}", reply.body);
        }
    };
    // Gift A in order, each event twice; gift B in reverse order, each twice.
    for body in life_of_a_gift("A", now - 100) {
        deliver(body.clone()).await;
        deliver(body).await;
    }
    for body in life_of_a_gift("B", now - 100).into_iter().rev() {
        deliver(body.clone()).await;
        deliver(body).await;
    }
    // Gift C: a retried payment that succeeded, its failure delivered after the success.
    let pi_c = json!({ "id": "pi_C", "amount": 900, "amount_received": 900, "currency": "jpy" });
    deliver(stripe_event(
        "evt_C_2",
        "payment_intent.succeeded",
        now - 50,
        pi_c,
    ))
    .await;
    deliver(stripe_event(
        "evt_C_1",
        "payment_intent.payment_failed",
        now - 60,
        json!({ "id": "pi_C" }),
    ))
    .await;
    // A refund of a payment Chorus never heard of: kept, waiting, not a gift.
    let stray = json!({ "id": "ch_Z", "amount_refunded": 100, "currency": "eur", "payment_intent": "pi_Z" });
    deliver(stripe_event("evt_Z", "charge.refunded", now - 40, stray)).await;

    // Applied in the background: wait until only the stray refund is left unapplied.
    let mut waiting = Vec::new();
    for _ in 0..200 {
        waiting = app
            .store
            .pending_payment_events(0, 100)
            .await
            .expect("pending");
        if waiting.len() <= 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(waiting.len(), 1, "only the stray refund waits");
    assert!(waiting[0].payload.contains("evt_Z"));
    let gifts = app.store.gifts(org.id).await.expect("gifts");
    assert_eq!(gifts.len(), 3, "{gifts:#?}");
    for tag in ["A", "B"] {
        let gift = gifts
            .iter()
            .find(|g| g.payment_ref == format!("pi_{tag}"))
            .expect("gift");
        assert_eq!(gift.status, "succeeded", "{tag}");
        assert_eq!(
            (gift.amount_minor, gift.currency.as_deref()),
            (Some(2500), Some("EUR")),
            "{tag}"
        );
        assert_eq!(
            gift.refunded_minor, 1000,
            "{tag}: the largest cumulative refund"
        );
        assert_eq!(
            (gift.lost_minor, gift.open_disputes),
            (1500, 0),
            "{tag}: lost, not open"
        );
        assert_eq!(
            gift.checkout_ref.as_deref(),
            Some(format!("cs_{tag}").as_str())
        );
        assert_eq!(
            gift.charge_ref.as_deref(),
            Some(format!("ch_{tag}").as_str())
        );
        assert_eq!(gift.touchpoint_code.as_deref(), Some("T1"));
        assert_eq!(gift.engagement_id, Some(12));
        assert_eq!(
            gift.campaign_id, None,
            "an unknown campaign slug attributes nothing"
        );
    }
    let c = gifts
        .iter()
        .find(|g| g.payment_ref == "pi_C")
        .expect("gift C");
    assert_eq!(
        (c.status.as_str(), c.amount_minor, c.currency.as_deref()),
        ("succeeded", Some(900), Some("JPY"))
    );
    // Staff see the gifts, in each gift's currency.
    let page = owner.get("/admin/acme/payments").await.body;
    for shown in [
        "pi_A",
        "pi_B",
        "25.00 EUR",
        "10.00 EUR",
        "15.00 EUR",
        "900 JPY",
    ] {
        assert!(page.contains(shown), "{shown}: {page}");
    }
    assert!(!page.contains("pi_Z"), "a stray refund is not a gift");
}
