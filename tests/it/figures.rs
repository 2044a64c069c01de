//! Figures that must mean what they say, on both backends: a gift counts on the day it was
//! paid (Stripe's time, an offline gift's received date), never on the day Chorus heard of it;
//! a gift refunded in full or lost in a dispute makes nobody a donor; the report opens on the
//! first day of what it covers; a campaign past its last day takes no more support.

use chorus::app::payments;
use chorus::clock;
use chorus::domain::audit::Actor;
use chorus::domain::exchange::parse_ecb_csv;
use chorus::domain::role::Role;
use serde_json::{json, Value};

use crate::actions::{pledge_fields, post_pledge, token, CAMPAIGN};
use crate::donations::{deliver_signed, event, use_stripe};
use crate::money::manager;
use crate::on_both_backends;
use crate::support::{demo_campaign, Backend, Client, TestApp};

on_both_backends!(demo:
    gifts_fall_on_the_day_they_were_paid,
    a_campaign_past_its_last_day_is_closed_until_extended,
    a_performance_and_posts_on_every_network_are_counted,
);
on_both_backends!(backend: reports_open_on_the_first_day_of_what_they_cover);

/// 2024-01-06 08:00 UTC, a Saturday.
const SATURDAY: i64 = 1_704_528_000;
const DAY: i64 = 86_400;

/// One table of the JSON API's report, by key.
async fn api_table(staff: &Client, query: &str, key: &str) -> Value {
    let report = staff
        .get(&format!("/api/v1/orgs/demo/reports?{query}"))
        .await;
    assert_eq!(report.status, 200, "{}", report.body);
    let report: Value = serde_json::from_str(&report.body).expect("json");
    report["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|t| t["key"] == key)
        .cloned()
        .expect(key)
}

/// The value of `column` in the row whose first cell is `first`.
fn cell(table: &Value, first: &str, column: usize) -> Value {
    table["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row[0] == first)
        .map(|row| row[column].clone())
        .unwrap_or(Value::Null)
}

async fn gifts_fall_on_the_day_they_were_paid(app: TestApp) {
    let stripe = use_stripe(&app).await;
    let (org, campaign) = demo_campaign(&app.store, CAMPAIGN).await;
    let rates =
        parse_ecb_csv("Date,USD,\n2024-01-05,1.0921,\n2024-01-04,1.0953,\n").expect("rates");
    app.store
        .import_rates(org.id, &rates, &Actor::command_line(), clock::now())
        .await
        .expect("rates");
    let metadata = json!({ "campaign": CAMPAIGN });
    let paid = |id: &str, created: i64, minor: i64, currency: &str| {
        json!({ "id": id, "object": "payment_intent", "created": created, "amount": minor,
            "amount_received": minor, "currency": currency, "metadata": metadata })
    };
    let events = [
        // Paid on Saturday; Stripe made the event two days later (a delayed notification),
        // and Chorus hears of it today, years after.
        event(
            "evt_a",
            "payment_intent.succeeded",
            SATURDAY + 2 * DAY,
            paid("pi_a", SATURDAY, 2_500, "eur"),
        ),
        // Paid on Saturday, refunded in full on Monday.
        event(
            "evt_b",
            "payment_intent.succeeded",
            SATURDAY + 60,
            paid("pi_b", SATURDAY + 30, 1_000, "eur"),
        ),
        event(
            "evt_b_refund",
            "charge.refunded",
            SATURDAY + 2 * DAY,
            json!({ "id": "ch_b", "object": "charge", "payment_intent": "pi_b",
                "amount_refunded": 1_000, "currency": "eur" }),
        ),
        // Paid on Sunday in dollars, then lost in a dispute.
        event(
            "evt_c",
            "payment_intent.succeeded",
            SATURDAY + DAY,
            paid("pi_c", SATURDAY + DAY, 3_000, "usd"),
        ),
        event(
            "evt_c_dispute",
            "charge.dispute.closed",
            SATURDAY + 5 * DAY,
            json!({ "id": "dp_c", "object": "dispute", "charge": "ch_c", "payment_intent": "pi_c",
                "amount": 3_000, "currency": "usd", "status": "lost" }),
        ),
    ];
    let client = app.client();
    for body in &events {
        deliver_signed(&client, body).await;
    }
    payments::process_pending(&app.store).await.expect("apply");
    payments::fix_gift_values(&app.store).await.expect("value");

    // A bank transfer entered today, received on Thursday.
    let staff = manager(&app, Role::CampaignManager, "figures@demo.example").await;
    let csrf = staff.csrf("demo").await;
    let recorded = staff
        .post(
            "/admin/demo/money/gifts",
            &[
                ("csrf", &csrf),
                ("campaign", CAMPAIGN),
                ("method", "bank_transfer"),
                ("amount", "40.00"),
                ("currency", "EUR"),
                ("received_on", "2024-01-04"),
                ("reference", "BANK-2024-1"),
                ("note", "Transfer"),
            ],
        )
        .await;
    assert_eq!(recorded.status, 303, "{}", recorded.body);

    // The gift's day is the day of its exchange rate: one value.
    let gifts = app.store.gifts(org.id).await.expect("gifts");
    let by_ref = |r: &str| gifts.iter().find(|g| g.payment_ref == r).expect(r).clone();
    assert_eq!(by_ref("pi_a").paid_on.as_deref(), Some("2024-01-06"));
    assert_eq!(by_ref("pi_c").paid_on.as_deref(), Some("2024-01-07"));
    assert_eq!(by_ref("pi_c").rate_day.as_deref(), Some("2024-01-05"));
    assert_eq!(by_ref("BANK-2024-1").paid_on.as_deref(), Some("2024-01-04"));

    // Days: each gift on its own day, none today; the refunded and the lost gift are no
    // gifts (nothing was kept), though the day they were paid still shows.
    let query = format!("campaign={}&from=2024-01-01&to=2024-01-10", campaign.id.0);
    let days = api_table(&staff, &query, "days").await;
    assert_eq!(cell(&days, "2024-01-04", 3), json!(1), "{days}");
    assert_eq!(cell(&days, "2024-01-06", 3), json!(1), "{days}");
    assert_eq!(cell(&days, "2024-01-07", 3), json!(0), "{days}");
    for later in ["2024-01-08", "2024-01-09", "2024-01-11"] {
        assert_eq!(cell(&days, later, 3), Value::Null, "{later}: {days}");
    }
    let today = clock::now().utc_date().to_string();
    let recent = format!("campaign={}&from={today}&to={today}", campaign.id.0);
    let today_figures = api_table(&staff, &recent, "figures").await;
    assert_eq!(
        cell(&today_figures, "Gifts", 1),
        json!(0),
        "{today_figures}"
    );

    // Key figures: two gifts kept (25.00 and 40.00 EUR); the method says what counts.
    let figures = api_table(&staff, &query, "figures").await;
    assert_eq!(cell(&figures, "Gifts", 1), json!(2), "{figures}");
    assert_eq!(
        cell(&figures, "Money received", 1)["amount"],
        json!("65.00"),
        "{figures}"
    );
    assert!(cell(&figures, "Gifts", 4)
        .as_str()
        .expect("method")
        .contains("refunded in full or lost in a dispute is not counted"));
    // The week before holds none of them.
    assert_eq!(cell(&figures, "Gifts", 2), json!(0), "{figures}");

    // The campaign page's donors: the refunded and the lost gift made nobody a donor.
    let org_gifts = app
        .store
        .campaign_received_gifts(org.id, campaign.id.0)
        .await
        .expect("gifts");
    let received: Vec<_> = org_gifts
        .into_iter()
        .filter_map(chorus::store::ReceivedGiftRow::received)
        .collect();
    let all_donors: std::collections::HashSet<&str> =
        received.iter().map(|g| g.donor_key.as_str()).collect();
    let kept_donors = received.iter().filter(|g| g.kept_minor() > 0).count();
    let page = stripe.get(&format!("/demo/{CAMPAIGN}?lang=en")).await;
    let shown = format!("<strong>{kept_donors}</strong> donors (refunded gifts not counted)");
    assert!(
        all_donors.len() >= kept_donors + 2 && page.body.contains(&shown),
        "{shown}: {}",
        page.body
    );
}

async fn a_campaign_past_its_last_day_is_closed_until_extended(app: TestApp) {
    let (org, campaign) = demo_campaign(&app.store, CAMPAIGN).await;
    let client = app.client();
    let pledge = format!("/demo/{CAMPAIGN}/pledge?lang=fr");
    assert_eq!(client.get(&pledge).await.status, 200, "open before");

    // The last day was two days ago: closed, in the visitor's language.
    let set_last_day = |last: jiff::civil::Date| {
        let mut settings = campaign.settings.clone();
        settings.ends_on = Some(last);
        let store = app.store.clone();
        async move {
            store
                .update_campaign(
                    org.id,
                    campaign.id,
                    &settings,
                    &Actor::command_line(),
                    clock::now(),
                )
                .await
                .expect("last day moved");
        }
    };
    let today = clock::now().utc_date();
    set_last_day(today.checked_sub(jiff::Span::new().days(2)).expect("day")).await;
    let closed = client.get(&pledge).await;
    assert_eq!(closed.status, 409, "{}", closed.body);
    assert!(closed.body.contains("lang=\"fr\""), "{}", closed.body);
    let listed = format!("href=\"/demo/{CAMPAIGN}?");
    let org_page = client.get("/demo?lang=en").await;
    assert!(
        !org_page.body.contains(&listed),
        "not among the live campaigns"
    );
    let page = client.get(&format!("/demo/{CAMPAIGN}?lang=en")).await;
    assert_eq!(page.status, 200);
    assert!(
        !page
            .body
            .contains(&format!("action=\"/demo/{CAMPAIGN}/pledge\"")),
        "no pledge form on a closed campaign's page"
    );
    let signed = token(&app.store, campaign.id, 5, "late").await;
    let before = app
        .store
        .action_counts(org.id, campaign.id)
        .await
        .expect("counts");
    let late = post_pledge(&client, &pledge_fields(&signed, "late@example.org")).await;
    assert_eq!(late.status, 409, "{}", late.body);
    assert_eq!(
        app.store
            .action_counts(org.id, campaign.id)
            .await
            .expect("counts"),
        before,
        "nothing stored"
    );
    let donate = client
        .get(&format!("/demo/{CAMPAIGN}/donate?lang=es"))
        .await;
    assert_eq!(donate.status, 409, "{}", donate.body);
    assert!(donate.body.contains("lang=\"es\""));

    // Today is the last day: open again.
    set_last_day(today).await;
    assert_eq!(client.get(&pledge).await.status, 200, "extended");
    assert!(client.get("/demo?lang=en").await.body.contains(&listed));
    let signed = token(&app.store, campaign.id, 5, "extended").await;
    let accepted = post_pledge(&client, &pledge_fields(&signed, "late@example.org")).await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
}

/// A performance (the Council session) is an engagement like a concert; VK, Telegram, Weibo
/// and WhatsApp channel posts get codes; VK's and Weibo's exports are read as they come, and
/// another platform's (Telegram's statistics) through a column map; each post's reach lands on
/// its code's channel.
async fn a_performance_and_posts_on_every_network_are_counted(app: TestApp) {
    let (org, campaign) = demo_campaign(&app.store, CAMPAIGN).await;
    let staff = manager(&app, Role::CampaignManager, "networks@demo.example").await;
    let csrf = staff.csrf("demo").await;
    let performed = staff
        .post(
            "/admin/demo/engagements",
            &[
                ("csrf", &csrf),
                ("kind", "performance"),
                ("title", "Song at the Council session"),
                ("venue", "Palais des Nations"),
                ("city", "Geneva"),
                ("country", "CH"),
                ("time_zone", "Europe/Zurich"),
                ("starts_at", "2026-11-26T15:00"),
                ("attendance", "900"),
                ("attendance_source", "delegations registered"),
            ],
        )
        .await;
    assert_eq!(performed.status, 303, "{}", performed.body);
    let stop = app
        .store
        .engagements(org.id, None)
        .await
        .expect("engagements")
        .into_iter()
        .find(|e| e.settings.title == "Song at the Council session")
        .expect("the performance");
    assert_eq!(stop.settings.kind.as_str(), "performance");
    let refused = staff
        .post(
            "/admin/demo/engagements",
            &[("csrf", &csrf), ("kind", "recital"), ("title", "x")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("performance"), "the kinds are listed");

    let mut codes = Vec::new();
    for channel in ["vk_post", "telegram_post", "weibo_post", "whatsapp_channel"] {
        let made = staff
            .post(
                "/admin/demo/touchpoints",
                &[
                    ("csrf", &csrf),
                    ("campaign_id", &campaign.id.0.to_string()),
                    ("channel", channel),
                    ("label", &format!("Tour post on {channel}")),
                ],
            )
            .await;
        assert_eq!(made.status, 303, "{channel}: {}", made.body);
        let code = app
            .store
            .touchpoints(org.id)
            .await
            .expect("codes")
            .into_iter()
            .find(|t| t.channel.as_str() == channel)
            .expect(channel)
            .code;
        codes.push(code);
    }
    let today = clock::now().utc_date().to_string();
    let imports = [
        (
            "vk",
            "",
            format!("ID записи,Дата публикации,Просмотры,Охват,Текст\nwall-1,{today} 21:00,48000,31000,https://c.example/t/{}\n", codes[0]),
        ),
        (
            "other",
            "post=Message; date=Posted; impressions=Views; link=Text",
            format!("Message,Posted,Views,Text\n1042,{today},9100,/t/{}\n", codes[1]),
        ),
        (
            "weibo",
            "",
            format!("mid,发布时间,阅读数,微博内容\n4990001,{today} 09:30,120000,/t/{}\n", codes[2]),
        ),
    ];
    let campaign_id = campaign.id.0.to_string();
    for (platform, mapping, export) in &imports {
        let fields = [
            ("platform", *platform),
            ("campaign", campaign_id.as_str()),
            ("mapping", *mapping),
        ];
        let page =
            crate::reports::upload(&staff, "/admin/demo/reports/impressions", &fields, export)
                .await;
        assert_eq!(page.status, 303, "{platform}: {}", page.body);
    }
    // Another platform without its columns named: each missing one is said.
    let fields = [
        ("platform", "other"),
        ("campaign", campaign_id.as_str()),
        ("mapping", ""),
    ];
    let page = crate::reports::upload(
        &staff,
        "/admin/demo/reports/impressions",
        &fields,
        &imports[1].2,
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(
        page.body.contains("impressions=Column name"),
        "{}",
        page.body
    );

    let query = format!("campaign={}&from={today}&to={today}", campaign.id.0);
    let channels = api_table(&staff, &query, "channels").await;
    let social = api_table(&staff, &query, "figures").await;
    assert_eq!(
        cell(&social, "Social impressions", 1),
        json!(48_000 + 9_100 + 120_000),
        "{social}"
    );
    // Named as people read them (the same names as every output of the report).
    for channel in ["VK post", "Telegram post", "Weibo post"] {
        assert!(
            channels["rows"]
                .as_array()
                .expect("rows")
                .iter()
                .any(|r| r[0] == channel),
            "{channel}: {channels}"
        );
    }
    let stops = api_table(&staff, "from=2026-11-26&to=2026-11-26", "stops").await;
    assert_eq!(
        cell(&stops, "Song at the Council session", 3),
        json!(900),
        "{stops}"
    );
    assert_eq!(
        cell(&stops, "Song at the Council session", 4),
        json!("delegations registered")
    );
}

/// With no dates chosen, a report starts on the first day of what it covers, so the demo's
/// activity shows: the whole organization from its earliest campaign, a tour from its first
/// stop, a campaign from its first day — on the staff page and on the command line, as its
/// help says.
async fn reports_open_on_the_first_day_of_what_they_cover(backend: Backend) {
    let Some(app) = TestApp::spawn_configured(backend, "report_defaults", |config| {
        config.demo = true;
        config.demo_empty = false;
    })
    .await
    else {
        return;
    };
    let staff = manager(&app, Role::Viewer, "board@demo.example").await;
    let from_field =
        |day: &str| format!("id=\"r-from\" name=\"from\" type=\"date\" value=\"{day}\"");
    let page = staff.get("/admin/demo/reports").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(&from_field("2026-03-01")),
        "{}",
        page.body
    );
    let figures = crate::outputs::html_table(&page.body, "figures");
    let visits = figures
        .iter()
        .find(|row| row[0] == "Visits")
        .map(|row| row[1].clone())
        .expect("visits");
    assert_ne!(visits, "0", "the demo's activity shows");

    let org = app
        .store
        .org_by_slug("demo")
        .await
        .expect("q")
        .expect("demo");
    let tour = app.store.tours(org.id, false).await.expect("tours")[0].id;
    let page = staff
        .get(&format!("/admin/demo/reports?tour={}", tour.0))
        .await;
    assert!(
        page.body.contains(&from_field("2026-05-02")),
        "the tour's first stop"
    );

    let output = crate::cli::chorus_on(
        &[
            "report", "campaign", CAMPAIGN, "--org", "demo", "--format", "json", "--out", "-",
        ],
        &app.database_url(),
        None,
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(report["from"], "2026-03-01", "the campaign's first day");
    let help = crate::cli::chorus_on(&["report", "campaign", "--help"], &app.database_url(), None);
    let help = String::from_utf8_lossy(&help.stdout).replace(char::is_whitespace, " ");
    assert!(
        crate::outputs::squeeze(&help).contains("by default the campaign's first day"),
        "{help}"
    );
}
