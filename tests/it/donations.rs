//! Gifts from the donate form on both backends: the test provider's whole flow (checkout page,
//! signed events through the webhook path, gift, progress bar and donors), Stripe's Checkout
//! Session request checked field by field against a local stand-in that answers in Stripe's
//! shape, bad gifts refused with nothing started, monthly gifts, and currencies valued at the
//! rate of their day.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::HeaderMap;
use chorus::app::payments;
use chorus::clock;
use chorus::domain::audit::Actor;
use chorus::domain::exchange::parse_ecb_csv;
use chorus::domain::ids::CampaignId;
use chorus::domain::role::Role;
use chorus::domain::stripe_signature::sign;
use chorus::domain::supporter::FormToken;
use chorus::domain::time::Timestamp;
use chorus::store::{GiftRow, Store};
use serde_json::json;

use crate::on_both_backends;
use crate::support::{Backend, Client, Page, TestApp};

on_both_backends!(demo:
    test_payments_from_form_to_progress_bar,
    bad_gifts_are_refused_and_nothing_starts,
    failing_payments_alert_staff_and_add_friction,
);
on_both_backends!(backend: stripe_checkout_request_is_stripes, monthly_gifts_and_currencies);

const CAMPAIGN: &str = "open-roads";
const PASSWORD: &str = "a long passphrase for tests";
const SECRET_KEY: &str = "sk_test_51ChorusDonations0001";
pub(crate) const SIGNING_SECRET: &str = "whsec_chorus_donations_test";

async fn campaign_id(store: &Store) -> CampaignId {
    crate::support::demo_campaign(store, CAMPAIGN).await.1.id
}

/// A donate form's token as the server issues it, but a few seconds old.
pub(crate) async fn token(store: &Store, key: &str) -> String {
    let secret = store
        .server_secret("forms", &[0; 32], clock::now())
        .await
        .expect("secret");
    FormToken {
        campaign_id: campaign_id(store).await.0,
        issued_at: Timestamp::from_unix_micros(clock::now().unix_micros() - 5_000_000),
        idempotency_key: key.to_owned(),
    }
    .sign(&secret)
}

async fn donate(client: &Client, fields: &[(&str, &str)]) -> Page {
    client
        .post(&format!("/demo/{CAMPAIGN}/donate"), fields)
        .await
}

/// Waits for the payment processor (woken by each kept event) to apply the events and value
/// the euro gifts.
async fn gifts_settled(store: &Store, want: usize) -> Vec<GiftRow> {
    let org = store.org_by_slug("demo").await.expect("q").expect("demo");
    for _ in 0..100 {
        let gifts = store.gifts(org.id).await.expect("gifts");
        let euros_valued = gifts
            .iter()
            .filter(|g| g.status == "succeeded" && g.currency.as_deref() == Some("EUR"))
            .all(|g| g.reporting_minor.is_some());
        if gifts.len() >= want && euros_valued {
            return gifts;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the gifts were not applied in time");
}

async fn test_payments_from_form_to_progress_bar(app: TestApp) {
    let visitor = app.client();
    // The demo takes gifts with the test provider: the campaign page offers "Donate".
    let page = visitor
        .get(&format!("/demo/{CAMPAIGN}?lang=en&tp=DEMQ222"))
        .await;
    assert!(
        page.body.contains("/donate?lang=en&amp;tp=DEMQ222"),
        "{}",
        page.body
    );
    let form = visitor
        .get(&format!("/demo/{CAMPAIGN}/donate?lang=en&tp=DEMQ222"))
        .await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("value=\"25.00\""),
        "presets: {}",
        form.body
    );
    assert!(form.body.contains("Add 3 %"), "cover the fee offered");

    let key = token(&app.store, "gift-one").await;
    let started = donate(
        &visitor,
        &[
            ("token", &key),
            ("currency", "EUR"),
            ("amount", "25.00"),
            ("frequency", "once"),
            ("cover_fee", "on"),
            ("tp", "DEMQ222"),
            ("lang", "en"),
        ],
    )
    .await;
    assert_eq!(started.status, 303, "{}", started.body);
    let checkout = started.location().expect("to the checkout").to_owned();
    assert!(
        checkout.starts_with("/pay/test/cs_test_chorus_"),
        "{checkout}"
    );
    let pay_page = visitor.get(&checkout).await;
    assert!(pay_page.body.contains("Test payments — no money moves"));
    assert!(
        pay_page.body.contains("€25.78"),
        "25 + 3 %: {}",
        pay_page.body
    );

    // A declined card: the donor stays on the page, nothing is received.
    let declined = visitor.post(&checkout, &[("outcome", "declined")]).await;
    assert_eq!(declined.status, 402);
    assert!(declined.body.contains("declined"));
    let paid = visitor.post(&checkout, &[("outcome", "paid")]).await;
    assert_eq!(paid.status, 303);
    let thanks = paid.location().expect("to the thank-you page").to_owned();
    assert!(
        thanks.contains(&format!(
            "/demo/{CAMPAIGN}/gift?lang=en&session_id=cs_test_chorus_"
        )),
        "{thanks}"
    );
    let thanks = thanks.strip_prefix(&visitor.url("")).expect("on this site");
    assert!(visitor
        .get(thanks)
        .await
        .body
        .contains("Thank you for your gift!"));
    // A second click pays nothing more.
    assert_eq!(
        visitor.post(&checkout, &[("outcome", "paid")]).await.status,
        303
    );

    // A monthly gift in the other currency.
    let key = token(&app.store, "gift-two").await;
    let monthly = donate(
        &visitor,
        &[
            ("token", &key),
            ("currency", "USD"),
            ("amount", ""),
            ("other_amount", "12.50"),
            ("frequency", "monthly"),
            ("lang", "en"),
        ],
    )
    .await;
    assert_eq!(monthly.status, 303, "{}", monthly.body);
    let monthly_checkout = monthly.location().expect("checkout").to_owned();
    assert!(visitor
        .get(&monthly_checkout)
        .await
        .body
        .contains("Every month"));
    assert_eq!(
        visitor
            .post(&monthly_checkout, &[("outcome", "paid")])
            .await
            .status,
        303
    );

    let gifts = gifts_settled(&app.store, 2).await;
    let received: Vec<&GiftRow> = gifts.iter().filter(|g| g.status == "succeeded").collect();
    assert_eq!(received.len(), 2, "{gifts:?}");
    let once = received
        .iter()
        .find(|g| g.currency.as_deref() == Some("EUR"))
        .expect("the euro gift");
    assert_eq!(once.amount_minor, Some(2578));
    assert_eq!(once.touchpoint_code.as_deref(), Some("DEMQ222"));
    assert!(once.engagement_id.is_some(), "the venue code's tour stop");
    assert_eq!(once.reporting_minor, Some(2578), "same currency");
    let month = received
        .iter()
        .find(|g| g.currency.as_deref() == Some("USD"))
        .expect("the monthly gift");
    assert_eq!(month.amount_minor, Some(1250));
    assert!(month.subscription_ref.is_some());
    assert_eq!(
        gifts.len(),
        2,
        "the declined try and the paid one are one payment, as on Stripe: {gifts:?}"
    );

    // The campaign's progress bar counts the euro gift (the dollar one has no rate: the demo
    // imported none) and both donors, once the page follows the live counts (every 2 s at most).
    let mut page = visitor.get(&format!("/demo/{CAMPAIGN}?lang=en")).await;
    for _ in 0..50 {
        if page.body.contains("€25.78 raised") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        page = visitor.get(&format!("/demo/{CAMPAIGN}?lang=en")).await;
    }
    assert!(page.body.contains("€25.78 raised"), "{}", page.body);
    assert!(
        page.body.contains("<strong>2</strong> donors"),
        "{}",
        page.body
    );
    assert!(page.body.contains("value=\"2578\""), "the bar itself");

    // Staff see the gifts in /admin.
    let org = app
        .store
        .org_by_slug("demo")
        .await
        .expect("q")
        .expect("demo");
    app.seed_member(&org, "treasurer@demo.example", Role::Admin, PASSWORD)
        .await;
    let staff = app.client();
    staff.login("treasurer@demo.example", PASSWORD).await;
    let admin = staff.get("/admin/demo/payments").await;
    assert!(admin.body.contains("25.78 EUR"), "{}", admin.body);
    assert!(admin.body.contains("(monthly)"));
    assert!(admin.body.contains("no rate for its day yet"));
}

async fn bad_gifts_are_refused_and_nothing_starts(app: TestApp) {
    let visitor = app.client();
    let key = token(&app.store, "bad-gifts").await;
    for (currency, amount, other, why) in [
        ("EUR", "", "0", "The smallest gift is €5."),
        ("EUR", "", "-5", "The smallest gift is €5."),
        ("EUR", "", "4.99", "The smallest gift is €5."),
        (
            "EUR",
            "",
            "1000000",
            "The largest gift online is €999,999.99.",
        ),
        ("EUR", "", "ten", "Please enter an amount like 25 or 25.50."),
        (
            "EUR",
            "",
            "10.555",
            "Please enter an amount like 25 or 25.50.",
        ),
        ("EUR", "", "", "Please enter an amount like 25 or 25.50."),
        (
            "XYZ",
            "10",
            "",
            "Please choose one of the listed currencies.",
        ),
        (
            "GBP",
            "10",
            "",
            "Please choose one of the listed currencies.",
        ),
    ] {
        let refused = donate(
            &visitor,
            &[
                ("token", &key),
                ("currency", currency),
                ("amount", amount),
                ("other_amount", other),
                ("lang", "en"),
            ],
        )
        .await;
        assert_eq!(refused.status, 422, "{currency} {amount}{other}");
        assert!(refused.body.contains(why), "{why}: {}", refused.body);
        assert!(
            refused.body.contains(&format!("value=\"{other}\"")),
            "kept what was typed"
        );
    }
    let french = donate(
        &visitor,
        &[
            ("token", &key),
            ("currency", "EUR"),
            ("other_amount", "1"),
            ("lang", "fr"),
        ],
    )
    .await;
    assert!(
        french.body.contains("Le plus petit don est de 5\u{a0}€."),
        "{}",
        french.body
    );
    // A forged form, a bot's honeypot, a malformed body.
    let forged = donate(
        &visitor,
        &[("token", "x.y"), ("currency", "EUR"), ("amount", "10")],
    )
    .await;
    assert_eq!(forged.status, 400);
    let bot = donate(
        &visitor,
        &[
            ("token", &key),
            ("currency", "EUR"),
            ("amount", "10"),
            ("website", "spam.example"),
        ],
    )
    .await;
    assert_eq!(bot.status, 400);
    let malformed = visitor
        .post_raw(
            &format!("/demo/{CAMPAIGN}/donate"),
            b"currency=EUR&amount=10",
            &[("content-type", "application/x-www-form-urlencoded")],
        )
        .await;
    assert_eq!(malformed.status, 422);
    let metrics = visitor.get("/metrics").await.body;
    assert!(
        metrics.contains("chorus_checkouts_started_total 0"),
        "{metrics}"
    );
    assert!(
        metrics.contains("chorus_checkouts_refused_total{reason=\"below_minimum\"} 4"),
        "{metrics}"
    );
    assert!(visitor.get("/pay/test/cs_test_chorus_nothing").await.status == 404);

    // Past a few checkouts from one address, the form's proof of work is required.
    for n in 0..5 {
        let fresh = token(&app.store, &format!("many-{n}")).await;
        let started = donate(
            &visitor,
            &[("token", &fresh), ("currency", "EUR"), ("amount", "10.00")],
        )
        .await;
        assert_eq!(started.status, 303, "{n}: {}", started.body);
    }
    let fresh = token(&app.store, "many-6").await;
    let busy = donate(
        &visitor,
        &[("token", &fresh), ("currency", "EUR"), ("amount", "10.00")],
    )
    .await;
    assert_eq!(busy.status, 422);
    assert!(busy.body.contains("needs JavaScript"), "{}", busy.body);
    let nonce = (0u64..)
        .find(|n| {
            chorus::domain::supporter::proof_of_work_solved(
                &fresh,
                &n.to_string(),
                chorus::domain::supporter::PROOF_OF_WORK_BITS,
            )
        })
        .expect("a nonce")
        .to_string();
    let worked = donate(
        &visitor,
        &[
            ("token", &fresh),
            ("currency", "EUR"),
            ("amount", "10.00"),
            ("pow", &nonce),
        ],
    )
    .await;
    assert_eq!(worked.status, 303, "a solved proof lets the donor through");
}

/// What the Stripe stand-in received.
#[derive(Default, Clone)]
struct Received {
    authorization: String,
    idempotency_key: String,
    fields: Vec<(String, String)>,
}

/// A local server answering `POST /v1/checkout/sessions` in Stripe's shape; `refuse` answers
/// with Stripe's error shape instead.
async fn stripe_stand_in(refuse: bool) -> (String, Arc<Mutex<Vec<Received>>>) {
    let seen: Arc<Mutex<Vec<Received>>> = Arc::default();
    let kept = seen.clone();
    let app = axum::Router::new().route(
        "/v1/checkout/sessions",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let kept = kept.clone();
            async move {
                let header = |name: &str| {
                    headers
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_owned()
                };
                kept.lock().expect("lock").push(Received {
                    authorization: header("authorization"),
                    idempotency_key: header("idempotency-key"),
                    fields: serde_urlencoded::from_str(&body).expect("form-encoded"),
                });
                if refuse {
                    let error = json!({ "error": { "type": "invalid_request_error",
                        "message": "Invalid API Key provided: sk_test_****0001" } });
                    return (axum::http::StatusCode::UNAUTHORIZED, axum::Json(error));
                }
                let session = json!({ "id": "cs_test_a1StandIn", "object": "checkout.session",
                    "mode": "subscription", "status": "open",
                    "url": "https://checkout.stripe.com/c/pay/cs_test_a1StandIn" });
                (axum::http::StatusCode::OK, axum::Json(session))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (format!("http://{addr}"), seen)
}

/// Switches the demo organization to Stripe with the test keys.
pub(crate) async fn use_stripe(app: &TestApp) -> Client {
    let org = app
        .store
        .org_by_slug("demo")
        .await
        .expect("q")
        .expect("demo");
    app.seed_member(&org, "owner2@demo.example", Role::Owner, PASSWORD)
        .await;
    let owner = app.client();
    owner.login("owner2@demo.example", PASSWORD).await;
    let csrf = owner.csrf("demo").await;
    let saved = owner
        .post(
            "/admin/demo/payments",
            &[
                ("csrf", &csrf),
                ("provider", "stripe"),
                ("publishable_key", "pk_test_51ChorusDonations"),
                ("secret_key", SECRET_KEY),
                ("webhook_secrets", SIGNING_SECRET),
                (
                    "donation_options",
                    "EUR: 10, 25, 50; minimum 5\nUSD: 10, 25\nJPY: 1000, 3000\nKWD: 5, 10",
                ),
                ("fee_percent", "3"),
                ("reporting_currency", "EUR"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    owner
}

async fn stripe_checkout_request_is_stripes(backend: Backend) {
    let (stripe, seen) = stripe_stand_in(false).await;
    let Some(app) = TestApp::spawn_configured(backend, "stripe_checkout_request", |config| {
        config.demo = true;
        config.stripe_api_url = stripe.parse().expect("url");
    })
    .await
    else {
        return;
    };
    use_stripe(&app).await;
    let visitor = app.client();
    let key = token(&app.store, "idem-stripe-1").await;
    let started = donate(
        &visitor,
        &[
            ("token", &key),
            ("currency", "EUR"),
            ("amount", "25.00"),
            ("frequency", "monthly"),
            ("cover_fee", "on"),
            ("tp", "DEMQ222"),
            ("lang", "fr"),
        ],
    )
    .await;
    assert_eq!(started.status, 303, "{}", started.body);
    assert_eq!(
        started.location(),
        Some("https://checkout.stripe.com/c/pay/cs_test_a1StandIn")
    );
    let requests = seen.lock().expect("lock").clone();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.authorization, format!("Bearer {SECRET_KEY}"));
    assert_eq!(
        request.idempotency_key, "idem-stripe-1",
        "the form's own key"
    );
    let field = |name: &str| {
        request
            .fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("{name} missing from {:?}", request.fields))
    };
    let base = app.client().url("");
    assert_eq!(field("mode"), "subscription");
    assert_eq!(field("line_items[0][quantity]"), "1");
    assert_eq!(field("line_items[0][price_data][currency]"), "eur");
    assert_eq!(field("line_items[0][price_data][unit_amount]"), "2578");
    assert_eq!(
        field("line_items[0][price_data][recurring][interval]"),
        "month"
    );
    assert!(!field("line_items[0][price_data][product_data][name]").is_empty());
    assert_eq!(field("locale"), "fr");
    assert_eq!(
        field("success_url"),
        format!("{base}/demo/{CAMPAIGN}/gift?lang=fr&session_id={{CHECKOUT_SESSION_ID}}")
    );
    assert_eq!(
        field("cancel_url"),
        format!("{base}/demo/{CAMPAIGN}/donate?lang=fr")
    );
    for carrier in ["metadata", "subscription_data[metadata]"] {
        assert_eq!(field(&format!("{carrier}[campaign]")), CAMPAIGN);
        assert_eq!(field(&format!("{carrier}[touchpoint]")), "DEMQ222");
        assert!(field(&format!("{carrier}[engagement]"))
            .parse::<i64>()
            .is_ok());
        assert_eq!(field(&format!("{carrier}[gift_minor]")), "2500");
        assert_eq!(field(&format!("{carrier}[fee_cover_minor]")), "78");
    }
    assert_eq!(
        request.fields.len(),
        19,
        "no field unaccounted for: {:?}",
        request.fields
    );
    app.stop().await;

    // Stripe refusing (a revoked key): the donor is told, nothing is started.
    let (stripe, _) = stripe_stand_in(true).await;
    let Some(app) = TestApp::spawn_configured(backend, "stripe_checkout_refused", |config| {
        config.demo = true;
        config.stripe_api_url = stripe.parse().expect("url");
    })
    .await
    else {
        return;
    };
    use_stripe(&app).await;
    let key = token(&app.store, "idem-stripe-2").await;
    let refused = donate(
        &app.client(),
        &[
            ("token", &key),
            ("currency", "EUR"),
            ("amount", "10.00"),
            ("lang", "en"),
        ],
    )
    .await;
    assert_eq!(refused.status, 502);
    assert!(
        refused.body.contains("Nothing was charged"),
        "{}",
        refused.body
    );
    let metrics = app.client().get("/metrics").await.body;
    assert!(
        metrics.contains("chorus_checkouts_started_total 0"),
        "{metrics}"
    );
}

/// Delivers `body` to the demo's Stripe webhook, signed now with [`SIGNING_SECRET`]; it must be
/// accepted.
pub(crate) async fn deliver_signed(client: &Client, body: &str) {
    deliver_signed_to(client, "demo", body).await;
}

/// Delivers `body` to organization `org`'s Stripe webhook, signed now with [`SIGNING_SECRET`];
/// it must be accepted.
pub(crate) async fn deliver_signed_to(client: &Client, org: &str, body: &str) {
    let now = clock::now().unix_micros() / 1_000_000;
    let delivered = client
        .post_raw(
            &format!("/webhooks/stripe/{org}"),
            body.as_bytes(),
            &[
                (
                    "stripe-signature",
                    &sign(SIGNING_SECRET, now, body.as_bytes()),
                ),
                ("content-type", "application/json"),
            ],
        )
        .await;
    assert_eq!(delivered.status, 200, "{}", delivered.body);
}

pub(crate) fn event(id: &str, event_type: &str, created: i64, object: serde_json::Value) -> String {
    json!({ "id": id, "object": "event", "type": event_type, "created": created,
        "livemode": false, "data": { "object": object } })
    .to_string()
}

async fn monthly_gifts_and_currencies(backend: Backend) {
    let Some(app) = TestApp::spawn_configured(backend, "monthly_gifts", |config| {
        config.demo = true;
    })
    .await
    else {
        return;
    };
    use_stripe(&app).await;
    let org = app
        .store
        .org_by_slug("demo")
        .await
        .expect("q")
        .expect("demo");
    // Rates of Friday 2024-01-05 only: gifts of that Saturday and Sunday use them, as stated.
    let rates = parse_ecb_csv(
        "Date,USD,JPY,KWD,\n2024-01-05,1.0921,157.84,0.3361,\n2024-01-04,1.0953,158.71,0.3370,\n",
    )
    .expect("rates");
    app.store
        .import_rates(org.id, &rates, &Actor::command_line(), clock::now())
        .await
        .expect("import");
    let saturday = 1_704_528_000; // 2024-01-06 08:00 UTC
    let sunday = saturday + 86_400;
    let metadata = json!({ "campaign": CAMPAIGN, "touchpoint": "DEMQ222" });
    let events = [
        // A month paid before its checkout's own event arrives, then the checkout, a second
        // month, and the end of the monthly gift.
        event(
            "evt_m1",
            "invoice.paid",
            saturday,
            json!({ "id": "in_1", "object": "invoice",
            "subscription": "sub_1", "customer": "cus_1", "amount_paid": 1000, "currency": "usd" }),
        ),
        event(
            "evt_m0",
            "checkout.session.completed",
            saturday,
            json!({ "id": "cs_m",
            "object": "checkout.session", "mode": "subscription", "payment_status": "paid",
            "amount_total": 1000, "currency": "usd", "subscription": "sub_1",
            "customer": "cus_1", "metadata": metadata }),
        ),
        event(
            "evt_m2",
            "invoice.paid",
            sunday,
            json!({ "id": "in_2", "object": "invoice",
            "parent": { "subscription_details": { "subscription": "sub_1" } },
            "customer": "cus_1", "amount_paid": 1000, "currency": "usd" }),
        ),
        event(
            "evt_m3",
            "customer.subscription.deleted",
            sunday,
            json!({ "id": "sub_1",
            "object": "subscription", "status": "canceled" }),
        ),
        // Yen (no decimals) and dinar (three decimals), one-off.
        event(
            "evt_j",
            "payment_intent.succeeded",
            saturday,
            json!({ "id": "pi_jpy",
            "object": "payment_intent", "amount": 1500, "amount_received": 1500,
            "currency": "jpy", "metadata": metadata }),
        ),
        event(
            "evt_k",
            "payment_intent.succeeded",
            sunday,
            json!({ "id": "pi_kwd",
            "object": "payment_intent", "amount": 5125, "amount_received": 5125,
            "currency": "kwd", "metadata": metadata }),
        ),
    ];
    let client = app.client();
    for body in events.iter().chain(events.iter().rev()) {
        deliver_signed(&client, body).await;
    }
    payments::process_pending(&app.store).await.expect("apply");
    payments::fix_gift_values(&app.store).await.expect("value");
    let gifts = app.store.gifts(org.id).await.expect("gifts");
    let by_ref = |r: &str| gifts.iter().find(|g| g.payment_ref == r).expect(r).clone();
    for month in ["in_1", "in_2"] {
        let gift = by_ref(month);
        assert_eq!(gift.subscription_ref.as_deref(), Some("sub_1"));
        assert_eq!(
            gift.touchpoint_code.as_deref(),
            Some("DEMQ222"),
            "{month} takes the subscription's source"
        );
        assert!(gift.campaign_id.is_some());
        // 10.00 USD at 1.0921 USD per EUR: 9.1566… → 9.16 EUR, Friday's rate.
        assert_eq!(gift.reporting_minor, Some(916), "{month}");
        assert_eq!(gift.rate_day.as_deref(), Some("2024-01-05"));
    }
    // 1,500 JPY / 157.84 = 9.5033… → 9.50 EUR; 5.125 KWD / 0.3361 = 15.2484… → 15.25 EUR.
    assert_eq!(by_ref("pi_jpy").reporting_minor, Some(950));
    assert_eq!(by_ref("pi_kwd").reporting_minor, Some(1525));
    assert!(by_ref("pi_kwd")
        .rate_note
        .as_deref()
        .unwrap_or_default()
        .contains("0.3361 KWD"));
    assert_eq!(
        gifts.len(),
        4,
        "every event twice, in both orders: four gifts"
    );

    let monthly = app
        .store
        .gift_subscriptions(org.id)
        .await
        .expect("subscriptions");
    assert_eq!(monthly.len(), 1);
    assert_eq!(
        monthly[0].status, "ended",
        "ended stays ended whatever arrives after"
    );
    assert_eq!(monthly[0].touchpoint_code.as_deref(), Some("DEMQ222"));
    // The subscription ended; its months stay received. One monthly donor counts once.
    let page = client.get(&format!("/demo/{CAMPAIGN}?lang=en")).await;
    assert!(
        page.body.contains("<strong>3</strong> donors"),
        "{}",
        page.body
    );
    let raised = 916 + 916 + 950 + 1525;
    assert!(
        page.body.contains(&format!("value=\"{raised}\"")),
        "{}",
        page.body
    );
}

/// A card-testing run: many failed payments in the last hour alert staff, and every donate form
/// then needs its proof of work, even from an address that has started nothing yet.
async fn failing_payments_alert_staff_and_add_friction(app: TestApp) {
    let owner = use_stripe(&app).await;
    let visitor = app.client();
    let now = clock::now().unix_micros() / 1_000_000;
    for n in 0..12 {
        let failed = event(
            &format!("evt_fail_{n}"),
            "payment_intent.payment_failed",
            now,
            json!({ "id": format!("pi_fail_{n}"), "object": "payment_intent", "amount": 100,
                "currency": "eur", "status": "requires_payment_method" }),
        );
        deliver_signed(&visitor, &failed).await;
    }
    payments::process_pending(&app.store).await.expect("apply");
    let page = owner.get("/admin/demo/payments").await;
    assert!(
        page.body
            .contains("Possible card testing: 12 of the 12 payments of the last hour failed"),
        "{}",
        page.body
    );
    let key = token(&app.store, "during-card-testing").await;
    let refused = donate(
        &visitor,
        &[
            ("token", &key),
            ("currency", "EUR"),
            ("amount", "10.00"),
            ("lang", "en"),
        ],
    )
    .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("needs JavaScript"),
        "{}",
        refused.body
    );
    let metrics = visitor.get("/metrics").await.body;
    assert!(
        metrics.contains("chorus_checkouts_refused_total{reason=\"proof_of_work\"} 1"),
        "{metrics}"
    );
}
