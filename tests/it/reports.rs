//! Reports on both backends: every figure built from the hourly rollups equals the same figure
//! counted again from the raw visits, actions and gifts (the unique-visitor estimate within its
//! stated error), for the campaign and for one stop, after moderation, refunds and disputes.

use std::time::Duration;

use chorus::app::payments;
use chorus::clock;
use chorus::domain::audit::Actor;
use chorus::domain::gift::ReceivedGift;
use chorus::domain::ids::OrgId;
use chorus::domain::language::Language;
use chorus::domain::reach;
use chorus::domain::report::{self, Figures, Scope};
use chorus::domain::time::Timestamp;
use chorus::domain::touchpoint::Code;
use chorus::domain::visit::day_number;
use chorus::i18n;
use chorus::store::{day_of_date, RawFigures, RawScope, ReceivedGiftRow, SpamSelection, Store};
use serde_json::json;

use crate::actions::{all_actions, pledge_fields, post_pledge, token, CAMPAIGN, VENUE_CODE};
use crate::donations::{deliver_signed, event, use_stripe};
use crate::money::manager;
use crate::on_both_backends;
use crate::support::{demo_campaign, Client, Page, TestApp};
use chorus::domain::role::Role;

on_both_backends!(demo:
    report_figures_equal_the_raw_records,
    dashboard_exports_and_imports,
    gifts_waiting_for_a_rate_never_hold_up_the_others,
);
on_both_backends!(backend: the_demo_tour_has_synthetic_activity_in_every_report);

const PHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const BOT: &str = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

/// The figures a report shows, counted from raw rows with the domain's own rules.
fn expected(raw: &RawFigures, reporting: &str) -> Figures {
    let mut figures = Figures {
        visits: raw.visits,
        scans: raw.scans,
        links: raw.links,
        ..Figures::default()
    };
    for (kind, status, count) in &raw.actions {
        let counted = status == "pending" || status == "confirmed";
        let confirmed = i64::from(status == "confirmed") * count;
        match (kind.as_str(), counted) {
            ("pledge", true) => {
                figures.pledges += count;
                figures.pledges_confirmed += confirmed;
            }
            ("subscription", true) => {
                figures.subscriptions += count;
                figures.subscriptions_confirmed += confirmed;
            }
            _ => {}
        }
    }
    for row in &raw.gifts {
        let gift: ReceivedGift = ReceivedGiftRow::received(row.clone()).expect("currency");
        // A gift counts when money was kept (refunded in full or lost: no gift).
        figures.gifts += i64::from(gift.kept_minor() > 0);
        *figures
            .money_by_currency
            .entry(gift.amount.currency.code().to_string())
            .or_default() += gift.kept_minor();
        match gift.kept_reporting() {
            Some(kept) if kept.currency.code() == reporting => figures.money_minor += kept.minor,
            _ => figures.unvalued_gifts += 1,
        }
    }
    figures
}

fn assert_same(report: &Figures, raw: &RawFigures, reporting: &str, what: &str) {
    let want = expected(raw, reporting);
    assert_eq!(
        (report.visits, report.scans, report.links),
        (want.visits, want.scans, want.links),
        "{what}: visits"
    );
    assert_eq!(
        (
            report.pledges,
            report.pledges_confirmed,
            report.subscriptions,
            report.subscriptions_confirmed
        ),
        (
            want.pledges,
            want.pledges_confirmed,
            want.subscriptions,
            want.subscriptions_confirmed
        ),
        "{what}: actions"
    );
    assert_eq!(
        (report.gifts, report.money_minor, report.unvalued_gifts),
        (want.gifts, want.money_minor, want.unvalued_gifts),
        "{what}: gifts"
    );
    assert_eq!(
        report.money_by_currency, want.money_by_currency,
        "{what}: currencies"
    );
    // The estimate, within three standard errors (and one visitor for tiny counts).
    let exact = raw.visitor_days as f64;
    let allowed = (3.0 * reach::standard_error() * exact).max(1.0);
    assert!(
        (report.unique_visitors - exact).abs() <= allowed,
        "{what}: {} estimated, {exact} exact",
        report.unique_visitors
    );
}

async fn wait_for_visits(store: &Store, count: i64) {
    for _ in 0..100 {
        if store.count_visits().await.expect("count") >= count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("visits were not written");
}

async fn report_and_raw(
    store: &Store,
    org: OrgId,
    campaign: i64,
    engagement: Option<i64>,
) -> (Figures, RawFigures) {
    let today = day_number(clock::now());
    let scope = Scope {
        campaign: Some(campaign),
        engagement,
        from_day: today - 1,
        to_day: today + 1,
        ..Scope::default()
    };
    let input = store
        .report_input(org, scope.from_day, scope.to_day)
        .await
        .expect("report input");
    let built = report::build(&input, &scope);
    let raw = store
        .raw_figures(RawScope {
            org,
            campaign,
            engagement,
            from: Timestamp::from_unix_micros(scope.from_day * 86_400_000_000),
            to: Timestamp::from_unix_micros(scope.to_day * 86_400_000_000),
        })
        .await
        .expect("raw");
    (built.total, raw)
}

async fn report_figures_equal_the_raw_records(app: TestApp) {
    let store = &app.store;
    let (org, campaign) = demo_campaign(store, CAMPAIGN).await;
    let (_, venue) = store
        .touchpoint_by_code(&Code::parse(VENUE_CODE).expect("code"))
        .await
        .expect("q")
        .expect("venue code");
    let stop = venue
        .engagement_id
        .expect("the venue code belongs to a stop")
        .0;
    let visits_before = store.count_visits().await.expect("count");

    // Visits: 40 phones scan the venue QR code (some twice), one bot, 6 open the page directly.
    let client = app.client();
    let mut sent = 0;
    for phone in 0..40 {
        let agent = format!("{PHONE} phone-{phone}");
        for _ in 0..(1 + phone % 2) {
            let page = client
                .get_with(&format!("/t/{VENUE_CODE}/q"), &[("user-agent", &agent)])
                .await;
            assert_eq!(page.status, 302);
            sent += 1;
        }
    }
    let bot = client
        .get_with(&format!("/t/{VENUE_CODE}"), &[("user-agent", BOT)])
        .await;
    assert_eq!(bot.status, 302);
    sent += 1;
    for reader in 0..6 {
        let agent = format!("{PHONE} reader-{reader}");
        let page = client
            .get_with(&format!("/demo/{CAMPAIGN}"), &[("user-agent", &agent)])
            .await;
        assert_eq!(page.status, 200);
        sent += 1;
    }
    wait_for_visits(store, visits_before + sent).await;

    // Pledges: five through the venue code, three directly; one marked spam by staff.
    for n in 0..8 {
        let key = format!("report-pledge-{n}");
        let signed = token(store, campaign.id, 5, &key).await;
        let email = format!("fan{n}@example.org");
        let mut fields = pledge_fields(&signed, &email);
        if n < 5 {
            fields.push(("tp", VENUE_CODE));
        }
        let answer = post_pledge(&client, &fields).await;
        assert_eq!(answer.status, 303, "{}", answer.body);
    }
    let spam = all_actions(store)
        .await
        .into_iter()
        .find(|a| a.email == "fan6@example.org")
        .expect("fan 6");
    store
        .mark_spam(
            org.id,
            campaign.id,
            &SpamSelection::Actions(vec![spam.id]),
            &Actor::command_line(),
            clock::now(),
        )
        .await
        .expect("spam");

    // Gifts through Stripe: at the venue, 25.00 EUR less a 10.00 refund, and 40.00 EUR lost in
    // a dispute; directly, 1,500 yen (no rate: counted in yen, not in euros).
    use_stripe(&app).await;
    let now = clock::now().unix_micros() / 1_000_000;
    let at_venue = json!({ "campaign": CAMPAIGN, "touchpoint": VENUE_CODE });
    let direct = json!({ "campaign": CAMPAIGN });
    let events = [
        event(
            "evt_r1",
            "payment_intent.succeeded",
            now,
            json!({ "id": "pi_r1", "object": "payment_intent", "amount": 2500,
                "amount_received": 2500, "currency": "eur", "latest_charge": "ch_r1", "metadata": at_venue }),
        ),
        event(
            "evt_r2",
            "charge.refunded",
            now,
            json!({ "id": "ch_r1", "object": "charge", "amount": 2500, "amount_refunded": 1000,
                "currency": "eur", "payment_intent": "pi_r1", "refunded": false }),
        ),
        event(
            "evt_r3",
            "payment_intent.succeeded",
            now,
            json!({ "id": "pi_r3", "object": "payment_intent", "amount": 4000,
                "amount_received": 4000, "currency": "eur", "metadata": at_venue }),
        ),
        event(
            "evt_r4",
            "charge.dispute.closed",
            now,
            json!({ "id": "dp_r4", "object": "dispute", "amount": 4000, "currency": "eur",
                "charge": "ch_r3", "payment_intent": "pi_r3", "status": "lost" }),
        ),
        event(
            "evt_r5",
            "payment_intent.succeeded",
            now,
            json!({ "id": "pi_r5", "object": "payment_intent", "amount": 1500,
                "amount_received": 1500, "currency": "jpy", "metadata": direct }),
        ),
    ];
    for body in &events {
        deliver_signed(&client, body).await;
    }
    payments::process_pending(store).await.expect("apply");
    payments::process_pending(store)
        .await
        .expect("apply what waited");
    payments::fix_gift_values(store).await.expect("value");

    let (whole, raw) = report_and_raw(store, org.id, campaign.id.0, None).await;
    assert_same(&whole, &raw, "EUR", "campaign");
    assert_eq!(whole.visits, 40 + 20 + 6, "people, not the bot");
    assert_eq!(whole.scans, 60);
    assert_eq!(
        (whole.pledges, whole.pledges_confirmed),
        (7, 0),
        "spam left out"
    );
    assert_eq!(
        whole.gifts, 2,
        "the gift lost in a dispute kept nothing: no gift"
    );
    assert_eq!(whole.money_minor, 1500, "25 - 10 refunded + 40 - 40 lost");
    assert_eq!(whole.money_by_currency.get("JPY"), Some(&1500));
    assert_eq!(whole.unvalued_gifts, 1, "the yen gift waits for a rate");

    let (at_stop, raw_stop) = report_and_raw(store, org.id, campaign.id.0, Some(stop)).await;
    assert_same(&at_stop, &raw_stop, "EUR", "stop");
    assert_eq!(at_stop.visits, 60);
    assert_eq!(at_stop.pledges, 5);
    assert_eq!(
        at_stop.gifts, 1,
        "the partly refunded one; the lost one is none"
    );
}

pub(crate) async fn upload(
    client: &Client,
    path: &str,
    fields: &[(&str, &str)],
    csv: &str,
) -> Page {
    let csrf = client.csrf("demo").await;
    let mut form = reqwest::multipart::Form::new().text("csrf", csrf);
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    let file = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec())
        .file_name("export.csv")
        .mime_str("text/csv")
        .expect("mime");
    client.post_multipart(path, form.part("file", file)).await
}

/// The value of the CSV row whose first cell is `label`, in column `column`.
fn csv_cell(csv: &str, label: &str, column: usize) -> String {
    let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
    reader
        .records()
        .map(|r| r.expect("row"))
        .find(|r| r.get(0) == Some(label))
        .and_then(|r| r.get(column).map(str::to_string))
        .unwrap_or_else(|| panic!("no row {label} in {csv}"))
}

async fn dashboard_exports_and_imports(app: TestApp) {
    let store = &app.store;
    let (org, campaign) = demo_campaign(store, CAMPAIGN).await;
    let stop_of = |code: &'static str| async move {
        let (_, touchpoint) = store
            .touchpoint_by_code(&Code::parse(code).expect("code"))
            .await
            .expect("q")
            .expect("demo code");
        let id = touchpoint.engagement_id.expect("a stop's code");
        store
            .engagements(org.id, None)
            .await
            .expect("q")
            .into_iter()
            .find(|e| e.id == id)
            .expect("stop")
    };
    let stops = [stop_of(VENUE_CODE).await, stop_of("DEMQ223").await];
    let (first, second) = (stops[0].id.0, stops[1].id.0);
    // Every day since the demo tour (its stops have fixed dates), until today.
    let filters = format!("campaign={}&from=2020-01-01", campaign.id.0);

    // Anyone in the organization reads reports; only campaign managers import.
    let viewer = manager(&app, Role::Viewer, "board2@demo.example").await;
    let page = viewer.get(&format!("/admin/demo/reports?{filters}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    for part in [
        "Key figures",
        "From reach to gifts",
        "Per stop",
        "role=\"img\"",
        "Unique online visitors",
    ] {
        assert!(page.body.contains(part), "{part}");
    }
    let refused = upload(
        &viewer,
        "/admin/demo/reports/attendance",
        &[],
        "engagement,attendance,source\n1,2,x\n",
    )
    .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let bad_dates = viewer
        .get("/admin/demo/reports?from=2026-13-01&to=yesterday")
        .await;
    assert_eq!(bad_dates.status, 422);
    assert!(
        bad_dates
            .body
            .contains("From: &#39;2026-13-01&#39; is not a date"),
        "{}",
        bad_dates.body
    );
    assert!(viewer.get("/admin/demo/reports/nothing.csv").await.status == 404);

    let staff = manager(&app, Role::CampaignManager, "reports@demo.example").await;
    // Attendance: a bad file changes nothing and names its rows; a good one is in the report.
    let bad =
        format!("engagement,attendance,source\n{first},lots,venue count\n999999,5,estimate\n");
    let page = upload(&staff, "/admin/demo/reports/attendance", &[], &bad).await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("line 2, attendance"), "{}", page.body);
    let foreign =
        format!("engagement,attendance,source\n{first},10,venue count\n999999,5,estimate\n");
    let page = upload(&staff, "/admin/demo/reports/attendance", &[], &foreign).await;
    assert_eq!(page.status, 422);
    assert!(
        page.body
            .contains("line 3, engagement: there is no event 999999"),
        "{}",
        page.body
    );
    let good = format!("engagement,attendance,source\n{first},\"16,250\",=SUM(A1)\n{second},30000,ticket scanner\n");
    let dry = upload(
        &staff,
        "/admin/demo/reports/attendance",
        &[("dry_run", "on")],
        &good,
    )
    .await;
    assert_eq!(dry.status, 303);
    assert_eq!(
        stop_of(VENUE_CODE).await.settings,
        stops[0].settings,
        "a dry run changes nothing"
    );
    let done = upload(&staff, "/admin/demo/reports/attendance", &[], &good).await;
    assert_eq!(done.status, 303, "{}", done.body);

    // Impressions: an Instagram export, one post linking to a venue code.
    let export = "Post ID,Description,Publish time,Impressions,Reach\n\
        p1,Sign: https://x.example/t/DEMQ222,TODAY 20:15,\"120,000\",80000\n\
        p2,Thanks,TODAY 21:00,5000,\n"
        .replace("TODAY", &clock::now().utc_date().to_string());
    let fields = [
        ("platform", "instagram"),
        ("campaign", &*campaign.id.0.to_string()),
        ("mapping", "link=Description"),
    ];
    let bad_export = export.replace("5000", "five thousand");
    let page = upload(
        &staff,
        "/admin/demo/reports/impressions",
        &fields,
        &bad_export,
    )
    .await;
    assert_eq!(page.status, 422);
    assert!(page.body.contains("line 3, impressions"), "{}", page.body);
    for _ in 0..2 {
        // Importing the same export again replaces: never doubled.
        let page = upload(&staff, "/admin/demo/reports/impressions", &fields, &export).await;
        assert_eq!(page.status, 303, "{}", page.body);
    }

    // A partner's commitment: promised money, shown apart, never in money received.
    let csrf = staff.csrf("demo").await;
    let promised = staff
        .post(
            "/admin/demo/money/commitments",
            &[
                ("csrf", &csrf),
                ("kind", "commitment"),
                ("party", "Banco Solidário"),
                ("campaign", CAMPAIGN),
                ("engagement", &first.to_string()),
                ("amount", "2500"),
                ("currency", "EUR"),
                ("announced_on", &clock::now().utc_date().to_string()),
            ],
        )
        .await;
    assert_eq!(promised.status, 303, "{}", promised.body);

    // The CSV says what the dashboard says; text that a spreadsheet would run is defanged.
    let figures = staff
        .get(&format!("/admin/demo/reports/figures.csv?{filters}"))
        .await;
    assert_eq!(figures.status, 200);
    assert!(figures
        .header("content-type")
        .unwrap_or_default()
        .starts_with("text/csv"));
    assert_eq!(csv_cell(&figures.body, "Social impressions", 1), "125000");
    assert_eq!(csv_cell(&figures.body, "Social reach", 1), "85000");
    assert_eq!(
        csv_cell(
            &figures.body,
            "Commitments and levies not yet paid, in EUR",
            1
        ),
        "2500.00"
    );
    assert_eq!(
        csv_cell(&figures.body, "Money received", 1),
        "0.00",
        "promises are apart"
    );
    // The API gives the same figures.
    let api = staff
        .get(&format!("/api/v1/orgs/demo/reports?{filters}"))
        .await;
    assert_eq!(api.status, 200, "{}", api.body);
    let api: serde_json::Value = serde_json::from_str(&api.body).expect("json");
    let impressions_row = api["tables"][0]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row[0] == "Social impressions")
        .expect("row")
        .clone();
    assert_eq!(impressions_row[1], 125_000);
    let scope = Scope {
        campaign: Some(campaign.id.0),
        from_day: day_of_date("2020-01-01").expect("day"),
        to_day: day_number(clock::now()) + 1,
        ..Scope::default()
    };
    let input = store
        .report_input(org.id, scope.from_day, scope.to_day)
        .await
        .expect("input");
    let built = report::build(&input, &scope);
    assert_eq!(
        csv_cell(&figures.body, "Visits", 1),
        built.total.visits.to_string()
    );
    let per_stop = staff
        .get(&format!("/admin/demo/reports/stops.csv?{filters}"))
        .await;
    let stop_title = &stops[0].settings.title;
    assert_eq!(csv_cell(&per_stop.body, stop_title, 3), "16250");
    assert_eq!(csv_cell(&per_stop.body, stop_title, 4), "'=SUM(A1)");
    let at_stop = built
        .stops
        .iter()
        .find(|s| s.stop.as_ref().map(|i| i.id) == Some(first))
        .expect("stop");
    assert_eq!(
        at_stop.figures.impressions, 120_000,
        "the post's short link places it at the stop"
    );
    let page = staff.get(&format!("/admin/demo/reports?{filters}")).await;
    assert!(
        page.body.contains("125,000"),
        "the dashboard shows the same figure"
    );
    // The PDF: its text, extracted by poppler's pdftotext, carries the same figures.
    let pdf = staff
        .http
        .get(staff.url(&format!("/admin/demo/reports.pdf?{filters}")))
        .send()
        .await
        .expect("pdf");
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().await.expect("bytes");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&bytes);
    for figure in [
        "Impact report".to_string(),
        "Key figures".to_string(),
        "125,000".to_string(),
        "16,250".to_string(),
        chorus::i18n::number(chorus::domain::language::Language::En, built.total.visits),
        stop_title.clone(),
        "synthetic data".to_string(),
    ] {
        assert!(text.contains(&figure), "the PDF says {figure}: {text}");
    }
    let method = staff
        .get(&format!(
            "/admin/demo/reports/method/unique-visitors?{filters}"
        ))
        .await;
    assert_eq!(method.status, 200);
    assert!(method.body.contains("HyperLogLog") && method.body.contains("Distinct visitor-days"));

    // The public transparency page: off until staff publish it, then the same figures in the
    // visitor's language, and no one named.
    let public = app.client();
    let path = format!("/demo/{CAMPAIGN}/transparency");
    assert_eq!(public.get(&path).await.status, 404);
    let csrf = staff.csrf("demo").await;
    let toggle = format!("/admin/demo/campaigns/{}/transparency", campaign.id.0);
    assert_eq!(
        staff
            .post(&toggle, &[("csrf", &csrf), ("public", "maybe")])
            .await
            .status,
        400
    );
    assert_eq!(
        staff
            .post(&toggle, &[("csrf", &csrf), ("public", "true")])
            .await
            .status,
        303
    );
    let english = public.get(&format!("{path}?lang=en")).await;
    assert_eq!(english.status, 200, "{}", english.body);
    for part in [
        "Key figures",
        "125,000",
        "16,250",
        "HyperLogLog",
        stop_title.as_str(),
        "role=\"img\"",
    ] {
        assert!(english.body.contains(part), "{part}");
    }
    assert!(
        !english.body.contains("@"),
        "no email address on a public page"
    );
    let french = public.get(&format!("{path}?lang=fr")).await;
    assert!(french.body.contains("Chiffres clés") && french.body.contains("125\u{202f}000"));
    assert_eq!(
        staff
            .post(&toggle, &[("csrf", &csrf), ("public", "false")])
            .await
            .status,
        303
    );
    assert_eq!(public.get(&path).await.status, 404, "off again");
}

/// What poppler's `tool` (`pdftotext`, `pdfinfo`: poppler-utils, installed by `.ci/run`)
/// prints for the PDF `bytes`, with `args` before the file and `after` behind it.
fn poppler(tool: &str, args: &[&str], bytes: &[u8], after: &[&str]) -> String {
    // A file of its own per call: the SQLite and PostgreSQL runs of a test make PDFs of the
    // same length at the same time (a name by length let one delete the other's).
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path =
        std::env::temp_dir().join(format!("chorus-{tool}-{}-{call}.pdf", std::process::id()));
    std::fs::write(&path, bytes).expect("write pdf");
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(&path)
        .args(after)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (apt-get install poppler-utils): {e}"));
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF in the order it is drawn, as poppler's `pdftotext -raw` reads it.
pub(crate) fn pdf_text(bytes: &[u8]) -> String {
    poppler("pdftotext", &["-raw"], bytes, &["-"])
}

async fn the_demo_tour_has_synthetic_activity_in_every_report(backend: crate::support::Backend) {
    let started = std::time::Instant::now();
    let Some(app) = TestApp::spawn_configured(backend, "demo_activity", |config| {
        config.demo = true;
        config.demo_empty = false;
    })
    .await
    else {
        return;
    };
    crate::support::announce(&format!(
        "demo with synthetic activity ready in {:?}",
        started.elapsed()
    ));
    let store = &app.store;
    // What the background tasks do within seconds, done now so that both reads below see it:
    // gifts valued, and the months-old pledges nobody confirmed expired.
    payments::fix_gift_values(store).await.expect("value");
    let window = chorus::domain::supporter::CONFIRMATION_WINDOW_MICROS;
    store
        .expire_unconfirmed(Timestamp::from_unix_micros(
            clock::now().unix_micros() - window,
        ))
        .await
        .expect("expire");
    let (org, campaign) = demo_campaign(store, CAMPAIGN).await;
    let scope = Scope {
        campaign: Some(campaign.id.0),
        from_day: day_of_date("2026-01-01").expect("day"),
        to_day: day_number(clock::now()) + 1,
        ..Scope::default()
    };
    let input = store
        .report_input(org.id, scope.from_day, scope.to_day)
        .await
        .expect("input");
    let built = report::build(&input, &scope);
    let total = &built.total;
    assert!(total.attendance > 100_000, "{}", total.attendance);
    assert!(total.visits > 5_000 && total.pledges > 250, "{total:?}");
    assert_eq!(
        total.pledges, total.pledges_confirmed,
        "the rest expired unconfirmed"
    );
    assert!(total.gifts > 0 && total.money_minor > 0);
    let stops: Vec<_> = built.stops.iter().filter(|s| s.stop.is_some()).collect();
    assert_eq!(stops.len(), 5, "the five stops of the tour");
    assert!(stops
        .iter()
        .all(|s| s.figures.visits > 0 && s.figures.gifts > 0));
    let raw = store
        .raw_figures(RawScope {
            org: org.id,
            campaign: campaign.id.0,
            engagement: None,
            from: Timestamp::from_unix_micros(scope.from_day * 86_400_000_000),
            to: Timestamp::from_unix_micros(scope.to_day * 86_400_000_000),
        })
        .await
        .expect("raw");
    assert_same(total, &raw, "EUR", "synthetic tour");
    // The awareness campaign's posts have the platforms' figures.
    let everything = report::build(
        &store
            .report_input(org.id, scope.from_day, scope.to_day)
            .await
            .expect("input"),
        &Scope {
            campaign: None,
            ..scope.clone()
        },
    );
    assert!(everything.total.impressions > 0 && everything.total.social_reach > 0);

    // The impact report's PDF holds every label and figure of the key-figures, stops and
    // channels tables in full (wrapped, never cut), in English and in Arabic, and viewers read
    // its title right.
    for language in [Language::En, Language::Ar] {
        let org = chorus::store::Org {
            default_language: language,
            ..org.clone()
        };
        let bytes = chorus::report::impact_pdf(store, &org, &scope, "2026-12-07")
            .await
            .expect("pdf");
        let loaded = chorus::report::load(store, org.id, &scope)
            .await
            .expect("load");
        let tables = chorus::report::tables(&loaded.report, &loaded.previous, language);
        let text = squeezed(&pdf_text(&bytes));
        assert!(!text.contains('…'), "nothing cut short: {text}");
        for table in tables
            .iter()
            .filter(|t| ["figures", "stops", "channels"].contains(&t.key))
        {
            // The key figures' methods are written out in full below the table.
            let shown = if table.key == "figures" {
                4
            } else {
                table.columns.len()
            };
            for cell in table.columns[..shown].iter().cloned().chain(
                table
                    .rows
                    .iter()
                    .flat_map(|row| row[..shown].iter().map(|cell| cell.display(language))),
            ) {
                let cell = squeezed(&cell);
                // Right to left, a reader gets each line's words in the order drawn: every
                // word must be there, whole; left to right, the whole cell in order.
                let found = if language.dir() == "rtl" {
                    words(&cell).iter().all(|w| words(&text).contains(w))
                } else {
                    text.contains(&cell)
                };
                assert!(
                    found,
                    "{language:?} {}: '{cell}' not in the PDF's text:\n{text}",
                    table.key
                );
            }
        }
        let title = pdf_title(&bytes);
        let subject = i18n::text(language, "report-title");
        assert!(
            title.starts_with(&format!("{subject} — ")),
            "{language:?}: the title reads '{title}'"
        );
    }
    // The dashboard leads with the campaign's key figures, the same as its report's.
    app.seed_member(
        &org,
        "analyst@demo.example",
        chorus::domain::role::Role::Viewer,
        "a long enough passphrase",
    )
    .await;
    let analyst = app.client();
    analyst
        .login("analyst@demo.example", "a long enough passphrase")
        .await;
    let dashboard = analyst.get("/admin/demo").await;
    assert_eq!(dashboard.status, 200);
    // The demo's figures say they are invented, on the dashboard and on the web report too.
    let invented = "These figures come from the demo&#39;s synthetic data";
    assert!(dashboard.body.contains(invented), "{}", dashboard.body);
    let web_report = analyst
        .get(&format!("/admin/demo/reports?campaign={}", campaign.id.0))
        .await;
    assert!(web_report.body.contains(invented));
    let csv = analyst
        .get(&format!(
            "/admin/demo/reports/figures.csv?campaign={}",
            campaign.id.0
        ))
        .await
        .body;
    let section = dashboard
        .body
        .split("<section class=\"summary\"")
        .find(|s| s.contains(&format!("/admin/demo/campaigns/{}\"", campaign.id.0)))
        .expect("the campaign's summary on the dashboard");
    for (key, label) in [
        ("pledges-confirmed", "Confirmed pledges"),
        ("scans", "QR code scans"),
        ("attendance", "In-person attendance"),
    ] {
        let at = section
            .find(&format!("data-figure=\"{key}\">"))
            .unwrap_or_else(|| panic!("{key} on the dashboard"))
            + format!("data-figure=\"{key}\">").len();
        let shown: String = section[at..]
            .chars()
            .take_while(|c| *c != '<')
            .filter(|c| c.is_ascii_digit())
            .collect();
        let row = csv
            .lines()
            .find(|l| {
                l.split(',')
                    .next()
                    .is_some_and(|first| first.trim_matches('"').starts_with(label))
            })
            .unwrap_or_else(|| panic!("{label} in the report: {csv}"));
        let reported = row
            .split(',')
            .nth(1)
            .expect("value")
            .trim_matches('"')
            .to_string();
        assert_eq!(
            shown, reported,
            "{key}: the dashboard shows the report's figure"
        );
        assert!(!shown.is_empty() && shown != "0", "{key}: {shown}");
    }
    assert!(section.contains("Money received per stop") && section.contains("QR scans per stop"));
}

/// `text` with every run of white space one space, and Arabic presentation forms read back
/// to their letters (NFKC), as a reader of the PDF's text sees it.
fn squeezed(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    crate::outputs::squeeze(&text.nfkc().collect::<String>())
}

/// The words of `text` without bidirectional marks or the brackets and punctuation around
/// them (which a reader of right-to-left text gets on either side), and without Arabic vowel
/// marks: the PDF draws letters joined but not marks above them, having no shaping engine to
/// place them (see `report::pdf::visual`).
fn words(text: &str) -> std::collections::BTreeSet<String> {
    let marks = |c: char| {
        matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            || ('\u{064b}'..='\u{0652}').contains(&c)
    };
    text.chars()
        .filter(|c| !marks(*c))
        .collect::<String>()
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| "()[]:.،؛,".contains(c))
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The Title of a PDF's document information, as poppler's `pdfinfo` reads it.
fn pdf_title(bytes: &[u8]) -> String {
    poppler("pdfinfo", &[], bytes, &[])
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Gifts in a currency with no rate yet wait; a gift after them (in the reporting currency) is
/// valued anyway, however many wait before it.
async fn gifts_waiting_for_a_rate_never_hold_up_the_others(app: TestApp) {
    use chorus::domain::money::{Currency, Money};
    use chorus::domain::offline::{Method, OfflineGift};
    use chorus::store::NewOfflineGift;
    let store = &app.store;
    let (org, campaign) = demo_campaign(store, CAMPAIGN).await;
    let gift = |reference: &str, code: &str| OfflineGift {
        reference: reference.into(),
        campaign: CAMPAIGN.into(),
        engagement: None,
        touchpoint: None,
        method: Method::Cash,
        amount: Money {
            minor: 1_000,
            currency: Currency::parse(code).expect("currency"),
        },
        received_on: clock::now().utc_date(),
        note: String::new(),
    };
    let gifts = [
        gift("usd-1", "USD"),
        gift("usd-2", "USD"),
        gift("usd-3", "USD"),
        gift("eur-1", "EUR"),
    ];
    let new: Vec<NewOfflineGift<'_>> = gifts
        .iter()
        .map(|gift| NewOfflineGift {
            gift,
            campaign: campaign.id,
        })
        .collect();
    store
        .record_offline_gifts(org.id, &new, &Actor::command_line(), clock::now())
        .await
        .expect("gifts");
    // Pages of two: the first page holds only gifts without a rate. What is checked is the
    // result, not this call's count: the server's own pass (every 5 s) may value the euro gift
    // first when the machine is busy, and then this call has nothing left to do.
    payments::fix_gift_values_in_pages(store, 2)
        .await
        .expect("value");
    let (figures, _) = report_and_raw(store, org.id, campaign.id.0, None).await;
    assert_eq!((figures.money_minor, figures.unvalued_gifts), (1_000, 3));
}
