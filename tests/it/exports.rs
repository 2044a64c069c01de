//! Every CSV Chorus writes opens without a live formula (OWASP CSV injection): hostile text in
//! supporters' names, emails, countries and messages, in stop titles and cities, and in code
//! labels goes through the supporters export, each report table (web and CLI) and the CLI's
//! touchpoint list; each file is then read the way spreadsheets read it, splitting on `,`, `;`
//! and tab with quotes honoured, and no cell may start (after spaces) with a formula character
//! unless it is a plain number.

use chorus::domain::ids::CampaignId;

use crate::actions::token;
use crate::cli::chorus_on;
use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(every_csv_export_opens_without_a_live_formula);

/// Text a supporter or staff member might type, each a formula somewhere a spreadsheet looks.
const HOSTILE: [&str; 10] = [
    "=1+1",
    "+SUM(1;2)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+2",
    "\u{FF1D}1+1",
    "Ann;=SUM(6*7);",
    "Bo,=SUM(6*7),",
    "Cy\t=SUM(6*7)\t",
    " \"=x\"",
];

/// Emails that are valid addresses and formulas at once.
const HOSTILE_EMAILS: [&str; 3] = ["=1+1@example.org", "+x@example.org", "-y@example.org"];

fn is_plain_number(cell: &str) -> bool {
    !cell.is_empty() && cell.parse::<f64>().is_ok()
}

/// The cells a spreadsheet splitting on `separator` finds that it would run as a formula.
fn live_cells(csv: &str, separator: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes());
    let mut live = Vec::new();
    for record in reader.records() {
        let record = record.expect("a readable CSV");
        for cell in &record {
            let start = cell.trim_start_matches([' ', '\u{3000}']);
            let risky = start.starts_with([
                '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
            ]);
            if risky && !is_plain_number(cell) {
                live.push(cell.to_owned());
            }
        }
    }
    live
}

fn assert_safe(name: &str, csv: &str, must_contain: &str) {
    assert!(
        csv.contains(must_contain),
        "{name} lacks {must_contain:?}:\n{csv}"
    );
    for separator in [b',', b';', b'\t'] {
        let live = live_cells(csv, separator);
        assert!(
            live.is_empty(),
            "{name} split on {:?} has live cells {live:?}:\n{csv}",
            separator as char
        );
    }
}

async fn every_csv_export_opens_without_a_live_formula(app: TestApp) {
    let (owner, routes, _) = crate::links::program(&app).await;
    let (_, tour) = owner
        .json(
            "POST",
            "/api/v1/orgs/acme/tours",
            Some(serde_json::json!({ "name": "Tour" })),
        )
        .await;
    for (at, text) in HOSTILE.iter().take(4).enumerate() {
        let stop = serde_json::json!({ "tour_id": tour["id"], "kind": "concert", "title": text,
            "city": text, "country": "DE", "time_zone": "Europe/Berlin",
            "starts_at": format!("2026-06-0{}T20:00", at + 1) });
        let (status, body) = owner
            .json("POST", "/api/v1/orgs/acme/engagements", Some(stop))
            .await;
        assert_eq!(status, 201, "{body}");
        let linked = owner
            .json(
                "PUT",
                &format!("/api/v1/orgs/acme/engagements/{}/campaigns", body["id"]),
                Some(serde_json::json!({ "campaigns": [routes] })),
            )
            .await;
        assert_eq!(linked.0, 204, "{linked:?}");
    }
    let csrf = owner.csrf("acme").await;
    let tour_codes = owner
        .post(
            "/admin/acme/touchpoints/tour",
            &[
                ("csrf", &csrf),
                ("tour_id", &tour["id"].to_string()),
                ("campaign_id", &routes.to_string()),
                ("channel", "venue_qr"),
            ],
        )
        .await;
    assert_eq!(tour_codes.status, 200, "{}", tour_codes.body);
    // A label is one line of printable text: the ones with a tab are refused, the rest kept.
    for label in HOSTILE.iter().filter(|label| !label.contains('\t')) {
        let made = owner
            .post(
                "/admin/acme/touchpoints",
                &[
                    ("csrf", &csrf),
                    ("campaign_id", &routes.to_string()),
                    ("channel", "newsletter"),
                    ("label", label),
                ],
            )
            .await;
        assert_eq!(made.status, 303, "{label:?}: {}", made.body);
    }

    let fan = app.client();
    let people = HOSTILE
        .iter()
        .enumerate()
        .map(|(at, text)| (*text, format!("fan{at}@example.org")))
        .chain(
            HOSTILE_EMAILS
                .iter()
                .map(|email| ("Dee", (*email).to_owned())),
        );
    for (at, (text, email)) in people.enumerate() {
        let form_token = token(&app.store, CampaignId(routes), 5, &format!("k{at}")).await;
        // A name and a country are one line (a tab is refused there); a message may hold tabs.
        let line = if text.contains('\t') {
            "Cy =SUM(6*7)"
        } else {
            text
        };
        let fields = [
            ("token", form_token.as_str()),
            ("name", line),
            ("email", email.as_str()),
            ("country", line),
            ("message", text),
            ("consent", "on"),
            ("lang", "en"),
        ];
        let sent = fan.post("/acme/routes/pledge", &fields).await;
        assert_eq!(sent.status, 303, "{text:?} {email}: {}", sent.body);
    }

    let supporters = owner
        .get(&format!("/admin/acme/campaigns/{routes}/actions.csv"))
        .await;
    assert_eq!(supporters.status, 200);
    assert_safe("supporters export", &supporters.body, "Ann;'=SUM(6*7);");
    assert_safe("supporters export", &supporters.body, "'=1+1@example.org");
    for table in ["figures", "stops", "channels", "funnel", "days"] {
        let page = owner
            .get(&format!(
                "/admin/acme/reports/{table}.csv?campaign={routes}&from=2026-01-01&to=2026-12-31"
            ))
            .await;
        assert_eq!(page.status, 200, "{table}: {}", page.body);
        let expected = if table == "stops" { "'=1+1" } else { "" };
        assert_safe(&format!("report {table}"), &page.body, expected);
    }

    let db = app.stop().await;
    let url = db.url_arg();
    let listed = chorus_on(
        &["touchpoint", "list", "--org", "acme", "--format", "csv"],
        &url,
        None,
    );
    assert!(listed.status.success(), "{listed:?}");
    let listed = String::from_utf8(listed.stdout).expect("utf-8");
    assert_safe("touchpoint list", &listed, "Ann;'=SUM(6*7);");
    let report = chorus_on(
        &[
            "report",
            "campaign",
            "routes",
            "--org",
            "acme",
            "--format",
            "csv",
            "--table",
            "stops",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--out",
            "-",
        ],
        &url,
        None,
    );
    assert!(report.status.success(), "{report:?}");
    let report = String::from_utf8(report.stdout).expect("utf-8");
    assert_safe("CLI report stops", &report, "'-2+3");
}
