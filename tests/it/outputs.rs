//! One program, five outputs, the same figures: an organization built only through Chorus's
//! public interfaces (the command line, staff forms, the JSON API, Stripe's signed webhooks,
//! the public pledge form), with gifts on known days in three currencies, a partial refund, a
//! full refund and a lost dispute; then every row of the key-figures, stops and days tables is
//! read from the dashboard's HTML, the JSON API, the CSV exports, the PDF's text and
//! `chorus report --format json`, and they must agree — on both backends.

use std::time::Duration;

use serde_json::{json, Value};

use crate::cli::chorus_on;
use crate::donations::{deliver_signed_to, event, SIGNING_SECRET};
use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(every_output_carries_the_same_figures);

const PASSWORD: &str = "a long enough passphrase";
const TABLES: [&str; 3] = ["figures", "stops", "days"];
/// 2026-11-02 00:00 UTC, the first day of the program's week.
const MONDAY: i64 = 1_793_577_600;
const DAY: i64 = 86_400;

/// The command line against the test server's database; it must succeed.
fn command(app: &TestApp, args: &[&str], stdin: Option<&str>) -> String {
    let output = chorus_on(args, &app.database_url(), stdin);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "chorus {args:?}: {text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    text
}

/// The text of an HTML fragment: tags dropped, entities read, white space squeezed.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    squeeze(
        &text
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// `text` with every run of white space one space.
pub(crate) fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cells of the dashboard's table `key`: its header, then each row.
pub(crate) fn html_table(page: &str, key: &str) -> Vec<Vec<String>> {
    let start = page
        .find(&format!("id=\"table-{key}\""))
        .unwrap_or_else(|| panic!("table {key}"));
    let end = start + page[start..].find("</table>").expect("end");
    page[start..end]
        .split("<tr>")
        .skip(1)
        .map(|row| {
            let mut cells = Vec::new();
            let mut rest = row;
            while let Some(open) = [rest.find("<th"), rest.find("<td")]
                .into_iter()
                .flatten()
                .min()
            {
                let close_tag = if rest[open..].starts_with("<th") {
                    "</th>"
                } else {
                    "</td>"
                };
                let inside = open + rest[open..].find('>').expect("tag end") + 1;
                let close = inside + rest[inside..].find(close_tag).expect("cell end");
                cells.push(html_text(&rest[inside..close]));
                rest = &rest[close + close_tag.len()..];
            }
            cells
        })
        .collect()
}

/// A number as a person reads it ("€1,250.50", "about 1,250", "12.5 %"), as a decimal.
fn read_number(text: &str) -> Option<f64> {
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    digits.parse().ok()
}

/// A JSON cell as its value: counts and amounts as decimals, shares in percent, text as is.
enum Expected {
    Number(f64),
    Percent(Option<f64>),
    Text(String),
}

fn expected(cell: &Value, column: &str) -> Expected {
    match cell {
        Value::Number(n) if column == "Change" => Expected::Percent(n.as_f64().map(|v| v * 100.0)),
        Value::Null => Expected::Percent(None),
        Value::Number(n) => Expected::Number(n.as_f64().expect("number")),
        Value::Object(money) => Expected::Number(
            money["amount"]
                .as_str()
                .and_then(|a| a.parse().ok())
                .expect("amount"),
        ),
        Value::String(text) => Expected::Text(text.clone()),
        other => panic!("unexpected cell {other}"),
    }
}

/// Whether `shown` (a display string or a CSV field) says `want`.
fn agrees(want: &Expected, shown: &str, csv: bool) -> bool {
    match want {
        Expected::Text(text) => squeeze(shown) == squeeze(text),
        Expected::Number(n) => read_number(shown).is_some_and(|v| (v - n).abs() < 0.005),
        Expected::Percent(None) => shown.trim().is_empty() || shown.trim() == "—",
        Expected::Percent(Some(p)) => {
            let v = read_number(shown).map(|v| if csv { v * 100.0 } else { v });
            v.is_some_and(|v| (v - p).abs() < 0.051)
        }
    }
}

async fn every_output_carries_the_same_figures(app: TestApp) {
    // The organization and its owner, from the command line.
    command(&app, &["org", "add", "acme", "--name", "Acme Relief"], None);
    command(
        &app,
        &[
            "user",
            "add",
            "--org",
            "acme",
            "--email",
            "owner@acme.example",
            "--role",
            "owner",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    let owner = app.client();
    owner.login("owner@acme.example", PASSWORD).await;
    let csrf = owner.csrf("acme").await;

    // Payments by Stripe, reported in euros.
    let saved = owner
        .post(
            "/admin/acme/payments",
            &[
                ("csrf", &csrf),
                ("provider", "stripe"),
                ("publishable_key", "pk_test_51AcmeOutputs"),
                ("secret_key", "sk_test_51AcmeOutputs00000001"),
                ("webhook_secrets", SIGNING_SECRET),
                (
                    "donation_options",
                    "EUR: 10, 25\nUSD: 10, 25\nJPY: 1000, 3000",
                ),
                ("fee_percent", "3"),
                ("reporting_currency", "EUR"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);

    // The campaign, its text, live; a tour of two stops on the program's week (JSON API).
    let (status, campaign) = owner
        .json(
            "POST",
            "/api/v1/orgs/acme/campaigns",
            Some(
                json!({ "slug": "harbour", "theme": "Harbour Lights", "kind": "fundraising",
                "goal_currency": "EUR", "goal_amount": "5000", "default_language": "en" }),
            ),
        )
        .await;
    assert_eq!(status, 201, "{campaign}");
    let campaign_id = campaign["id"].as_i64().expect("id");
    let (status, _) = owner
        .json(
            "PUT",
            &format!("/api/v1/orgs/acme/campaigns/{campaign_id}/content/en"),
            Some(
                json!({ "title": "Harbour Lights", "summary": "Safe passage, together.",
                "story": "Every concert, a safer route.", "call_to_action": "Give" }),
            ),
        )
        .await;
    assert!(status < 300, "{status}");
    let (status, _) = owner
        .json(
            "PUT",
            &format!("/api/v1/orgs/acme/campaigns/{campaign_id}/status"),
            Some(json!({ "status": "live" })),
        )
        .await;
    assert!(status < 300, "{status}");
    let (status, tour) = owner
        .json(
            "POST",
            "/api/v1/orgs/acme/tours",
            Some(json!({ "name": "Harbour Lights Tour", "starts_on": "2026-11-02", "ends_on": "2026-11-04" })),
        )
        .await;
    assert_eq!(status, 201, "{tour}");
    let mut stops = Vec::new();
    for (title, city, day, attendance, source) in [
        (
            "Harbour Lights: Mexico City",
            "Mexico City",
            "2026-11-02T20:00",
            22_870,
            "ticket scanner",
        ),
        (
            "Council session, in Geneva",
            "Geneva",
            "2026-11-03T15:00",
            900,
            "delegations registered",
        ),
    ] {
        let (status, stop) = owner
            .json(
                "POST",
                "/api/v1/orgs/acme/engagements",
                Some(
                    json!({ "tour_id": tour["id"], "kind": "concert", "title": title,
                    "venue": "Main hall", "city": city, "country": "ch", "time_zone": "UTC",
                    "starts_at": day, "attendance": attendance, "attendance_source": source }),
                ),
            )
            .await;
        assert_eq!(status, 201, "{stop}");
        let id = stop["id"].as_i64().expect("id");
        let (status, linked) = owner
            .json(
                "PUT",
                &format!("/api/v1/orgs/acme/engagements/{id}/campaigns"),
                Some(json!({ "campaigns": [campaign_id] })),
            )
            .await;
        assert!(status < 300, "{linked}");
        stops.push(id);
    }
    // A code for each stop (staff form), read back from the command line.
    for stop in &stops {
        let made = owner
            .post(
                "/admin/acme/touchpoints",
                &[
                    ("csrf", &csrf),
                    ("campaign_id", &campaign_id.to_string()),
                    ("engagement_id", &stop.to_string()),
                    ("channel", "venue_qr"),
                    ("label", "Venue screen"),
                ],
            )
            .await;
        assert_eq!(made.status, 303, "{}", made.body);
    }
    let listed: Value = serde_json::from_str(&command(
        &app,
        &["touchpoint", "list", "--org", "acme", "--format", "json"],
        None,
    ))
    .expect("json");
    let code_at = |title: &str| -> String {
        listed
            .as_array()
            .expect("codes")
            .iter()
            .find(|t| t["engagement"] == title)
            .and_then(|t| t["code"].as_str())
            .unwrap_or_else(|| panic!("a code at {title}: {listed}"))
            .to_string()
    };
    let codes = [
        code_at("Harbour Lights: Mexico City"),
        code_at("Council session, in Geneva"),
    ];

    // The exchange rates of the week (command line).
    for (currency, rate) in [("USD", "1.0800"), ("JPY", "162.50")] {
        for date in ["2026-11-02", "2026-11-03", "2026-11-04"] {
            command(
                &app,
                &[
                    "rates",
                    "set",
                    "--org",
                    "acme",
                    "--currency",
                    currency,
                    "--date",
                    date,
                    "--rate",
                    rate,
                ],
                None,
            );
        }
    }

    // Gifts as Stripe reports them, delivered late and out of order.
    let paid = |id: &str, at: i64, minor: i64, currency: &str, code: &str| {
        event(
            &format!("evt_{id}"),
            "payment_intent.succeeded",
            at + 3 * DAY,
            json!({ "id": id, "object": "payment_intent", "created": at, "amount": minor,
                "amount_received": minor, "currency": currency,
                "metadata": { "campaign": "harbour", "touchpoint": code } }),
        )
    };
    // Stripe's cumulative refund of payment `n`, on the Friday.
    let refunded = |n: &str, minor: i64| {
        event(
            &format!("evt_r{n}"),
            "charge.refunded",
            MONDAY + 4 * DAY,
            json!({ "id": format!("ch_{n}"), "object": "charge", "payment_intent": format!("pi_{n}"),
                "amount_refunded": minor, "currency": "eur" }),
        )
    };
    let (a, b) = (codes[0].as_str(), codes[1].as_str());
    let events = [
        paid("pi_1", MONDAY + 20 * 3600, 2_500, "eur", a),
        paid("pi_2", MONDAY + 21 * 3600, 4_000, "usd", a),
        paid("pi_3", MONDAY + DAY + 16 * 3600, 3_000, "jpy", b),
        paid("pi_4", MONDAY + DAY + 17 * 3600, 1_000, "eur", b),
        paid("pi_5", MONDAY + 2 * DAY + 9 * 3600, 5_000, "eur", b),
        paid("pi_6", MONDAY + 2 * DAY + 10 * 3600, 1_200, "eur", a),
        refunded("4", 400),
        refunded("6", 1_200),
        event(
            "evt_d5",
            "charge.dispute.closed",
            MONDAY + 9 * DAY,
            json!({ "id": "dp_5", "object": "dispute", "charge": "ch_5", "payment_intent": "pi_5",
                "amount": 5_000, "currency": "eur", "status": "lost" }),
        ),
    ];
    let public = app.client();
    for body in events.iter().rev() {
        deliver_signed_to(&public, "acme", body).await;
    }
    // Cash at the Geneva stop, entered by staff.
    let cash = owner
        .post(
            "/admin/acme/money/gifts",
            &[
                ("csrf", &csrf),
                ("campaign", "harbour"),
                ("method", "cash"),
                ("amount", "75.00"),
                ("currency", "EUR"),
                ("received_on", "2026-11-03"),
                ("engagement", &stops[1].to_string()),
                ("reference", "CASH-GVA-1"),
                ("note", "Buckets"),
            ],
        )
        .await;
    assert_eq!(cash.status, 303, "{}", cash.body);
    // The server applies and values them in the background; wait for it.
    let mut valued = false;
    for _ in 0..150 {
        let (_, figures) = owner
            .json(
                "GET",
                "/api/v1/orgs/acme/reports?from=2026-11-02&to=2026-11-04",
                None,
            )
            .await;
        let rows = figures["tables"][0]["rows"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let unvalued = rows
            .iter()
            .find(|r| r[0] == "Gifts not yet valued")
            .map(|r| r[1].clone());
        let gifts = rows.iter().find(|r| r[0] == "Gifts").map(|r| r[1].clone());
        if unvalued == Some(json!(0)) && gifts == Some(json!(5)) {
            valued = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(valued, "the gifts were applied and valued");

    // Every output of the same report.
    let query = format!("campaign={campaign_id}&from=2026-11-02&to=2026-11-04");
    let (status, api) = owner
        .json("GET", &format!("/api/v1/orgs/acme/reports?{query}"), None)
        .await;
    assert_eq!(status, 200, "{api}");
    let cli: Value = serde_json::from_str(&command(
        &app,
        &[
            "report",
            "campaign",
            "harbour",
            "--org",
            "acme",
            "--format",
            "json",
            "--out",
            "-",
            "--from",
            "2026-11-02",
            "--to",
            "2026-11-04",
        ],
        None,
    ))
    .expect("json");
    let dashboard = owner.get(&format!("/admin/acme/reports?{query}")).await;
    assert_eq!(dashboard.status, 200);
    let pdf = owner
        .http
        .get(owner.url(&format!("/admin/acme/reports.pdf?{query}")))
        .send()
        .await
        .expect("pdf")
        .bytes()
        .await
        .expect("bytes");
    let pdf_text = squeeze(&crate::reports::pdf_text(&pdf));

    let table_of = |document: &Value, key: &str| -> Value {
        document["tables"]
            .as_array()
            .expect("tables")
            .iter()
            .find(|t| t["key"] == key)
            .cloned()
            .unwrap_or_else(|| panic!("{key}"))
    };
    for key in TABLES {
        let want = table_of(&api, key);
        assert_eq!(
            table_of(&cli, key),
            want,
            "chorus report and the API: {key}"
        );
        let columns: Vec<String> = want["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .map(|c| c.as_str().expect("column").to_string())
            .collect();
        let rows = want["rows"].as_array().expect("rows");
        assert!(!rows.is_empty(), "{key} has rows");

        let csv = owner
            .get(&format!("/admin/acme/reports/{key}.csv?{query}"))
            .await;
        assert_eq!(csv.status, 200);
        let mut reader = csv::ReaderBuilder::new().from_reader(csv.body.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(header, columns, "CSV header of {key}");
        let csv_rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("row").iter().map(str::to_string).collect())
            .collect();
        let html = html_table(&dashboard.body, key);
        assert_eq!(html[0], columns, "dashboard header of {key}");
        assert_eq!(csv_rows.len(), rows.len(), "CSV rows of {key}");
        assert_eq!(html.len() - 1, rows.len(), "dashboard rows of {key}");
        for (r, row) in rows.iter().enumerate() {
            let cells = row.as_array().expect("cells");
            for (c, cell) in cells.iter().enumerate() {
                let want = expected(cell, &columns[c]);
                let what = format!("{key}, row {r} ('{}'), {}", cells[0], columns[c]);
                assert!(
                    agrees(&want, &csv_rows[r][c], true),
                    "CSV {what}: '{}'",
                    csv_rows[r][c]
                );
                let shown = &html[r + 1][c];
                assert!(agrees(&want, shown, false), "dashboard {what}: '{shown}'");
            }
            // The PDF writes what the dashboard shows, a row's cells one after the other (a
            // wide table continues below itself, each part starting again with the row's first
            // cell; the key figures' methods are written in full at the end).
            let shown: Vec<String> = html[r + 1]
                .iter()
                .take(if key == "figures" { 4 } else { columns.len() })
                .map(|cell| squeeze(cell))
                .collect();
            for c in 1..shown.len() {
                let after_previous = format!("{} {}", shown[c - 1], shown[c]);
                let after_first = format!("{} {}", shown[0], shown[c]);
                assert!(
                    pdf_text.contains(&after_previous) || pdf_text.contains(&after_first),
                    "PDF {key}, row {r}: '{}' not in its row: {pdf_text}",
                    shown[c]
                );
            }
        }
    }

    // And the figures themselves, as the program made them: four gifts kept (25.00 EUR,
    // 40.00 USD, 3,000 JPY, 6.00 EUR of 10.00) and the cash; the refunded and lost gifts none.
    let figures = table_of(&api, "figures");
    let figure = |label: &str| -> Value {
        figures["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r[0] == label)
            .map(|r| r[1].clone())
            .unwrap_or(Value::Null)
    };
    assert_eq!(figure("Gifts"), json!(5), "{figures}");
    assert_eq!(figure("In-person attendance"), json!(22_870 + 900));
    // 25.00 + 40.00/1.08 (37.04) + 3000/162.50 (18.46) + 6.00 + 75.00.
    assert_eq!(
        figure("Money received")["amount"],
        json!("161.50"),
        "{figures}"
    );
    let days = table_of(&api, "days");
    let gifts_on = |day: &str| {
        days["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r[0] == day)
            .map(|r| r[3].clone())
    };
    assert_eq!(gifts_on("2026-11-02"), Some(json!(2)), "{days}");
    assert_eq!(gifts_on("2026-11-03"), Some(json!(3)), "{days}");
    assert_eq!(
        gifts_on("2026-11-04"),
        Some(json!(0)),
        "the refunded and the lost: {days}"
    );
}
