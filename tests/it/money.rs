//! Money outside the payment provider on both backends: offline gifts entered by staff and
//! imported from a spreadsheet (dry run, every kind of bad row, re-import replaces), commitments
//! and ticket levies kept apart from money received until paid, and who may do it.

use std::time::Duration;

use chorus::domain::role::Role;
use chorus::store::{GiftRow, Store};

use crate::on_both_backends;
use crate::support::{dump_database, Client, Page, TestApp};

on_both_backends!(demo:
    offline_gifts_are_received_money,
    commitments_and_levies_are_kept_apart_until_paid,
);

const PASSWORD: &str = "a long passphrase for tests";
const CAMPAIGN: &str = "open-roads";

pub(crate) async fn manager(app: &TestApp, role: Role, email: &str) -> Client {
    let org = app
        .store
        .org_by_slug("demo")
        .await
        .expect("q")
        .expect("demo");
    app.seed_member(&org, email, role, PASSWORD).await;
    let client = app.client();
    client.login(email, PASSWORD).await;
    client
}

async fn offline_gifts(store: &Store) -> Vec<GiftRow> {
    let org = store.org_by_slug("demo").await.expect("q").expect("demo");
    store
        .gifts(org.id)
        .await
        .expect("gifts")
        .into_iter()
        .filter(|g| g.provider == "offline")
        .collect()
}

async fn first_stop(store: &Store) -> String {
    let org = store.org_by_slug("demo").await.expect("q").expect("demo");
    store.engagements(org.id, None).await.expect("q")[0]
        .id
        .0
        .to_string()
}

async fn post(client: &Client, path: &str, fields: &[(&str, &str)]) -> Page {
    let csrf = client.csrf("demo").await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    client
        .post(&format!("/admin/demo/money{path}"), &form)
        .await
}

async fn import(client: &Client, csv: &str, dry_run: bool) -> Page {
    let csrf = client.csrf("demo").await;
    let mut form = reqwest::multipart::Form::new().text("csrf", csrf);
    if dry_run {
        form = form.text("dry_run", "on");
    }
    let file = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec())
        .file_name("gifts.csv")
        .mime_str("text/csv")
        .expect("mime");
    client
        .post_multipart("/admin/demo/money/import", form.part("file", file))
        .await
}

/// The campaign page once it shows `text` (pages follow received money every 2 s at most).
async fn campaign_page_showing(client: &Client, text: &str) -> Page {
    let mut page = client.get(&format!("/demo/{CAMPAIGN}?lang=en")).await;
    for _ in 0..50 {
        if page.body.contains(text) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        page = client.get(&format!("/demo/{CAMPAIGN}?lang=en")).await;
    }
    page
}

async fn offline_gifts_are_received_money(app: TestApp) {
    let staff = manager(&app, Role::CampaignManager, "fundraiser@demo.example").await;
    let page = staff.get("/admin/demo/money").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Offline gifts and commitments"));
    let stop = first_stop(&app.store).await;
    let gift = |amount: &'static str| {
        vec![
            ("campaign", CAMPAIGN),
            ("method", "cash"),
            ("amount", amount),
            ("currency", "EUR"),
            ("received_on", "2026-06-12"),
            ("touchpoint", "DEMQ222"),
            ("note", "Lisbon buckets"),
        ]
    };
    let mut fields = gift("120.00");
    fields.push(("engagement", &stop));
    fields.push(("reference", "CASH-LIS-1"));
    let recorded = post(&staff, "/gifts", &fields).await;
    assert_eq!(recorded.status, 303, "{}", recorded.body);

    // Bad input: the field is named, nothing is stored.
    for (field, value, says) in [
        ("amount", "0", "amount: must be more than zero"),
        ("amount", "-5", "amount: must be more than zero"),
        ("amount", "100000000000.01", "amount: at most"),
        ("amount", "lots", "amount:"),
        ("currency", "XYZ", "currency: unknown currency"),
        (
            "received_on",
            "2999-01-01",
            "received_on: 2999-01-01 is in the future",
        ),
        (
            "campaign",
            "no-such-campaign",
            "campaign: no campaign &#39;no-such-campaign&#39;",
        ),
        (
            "touchpoint",
            "NOPE123",
            "touchpoint: no touchpoint &#39;NOPE123&#39;",
        ),
        ("engagement", "999999", "engagement: no event 999999"),
    ] {
        let mut bad = gift("10.00");
        bad.retain(|(name, _)| *name != field);
        bad.push((field, value));
        let refused = post(&staff, "/gifts", &bad).await;
        assert_eq!(refused.status, 422, "{field}={value}");
        assert!(refused.body.contains(says), "{says}: {}", refused.body);
    }
    assert_eq!(
        offline_gifts(&app.store).await.len(),
        1,
        "only the good one"
    );

    // A spreadsheet: a dry run changes nothing; the import records every row.
    let csv = "date,amount,currency,campaign,reference,method,engagement,note\n\
               2026-06-13,300.50,EUR,open-roads,TR-0613,bank_transfer,,Matched by a bank\n\
               2026-06-14,5000,JPY,open-roads,OSA-1,cash,,\"Osaka, venue buckets\"\n";
    let dry = import(&staff, csv, true).await;
    assert_eq!(dry.status, 303, "{}", dry.body);
    assert!(dry.location().unwrap_or_default().contains("Dry+run"));
    assert_eq!(offline_gifts(&app.store).await.len(), 1);
    let imported = import(&staff, csv, false).await;
    assert_eq!(imported.status, 303, "{}", imported.body);
    assert_eq!(offline_gifts(&app.store).await.len(), 3);
    // Importing a reference again replaces that gift.
    let corrected = csv.replace("300.50", "350.50");
    assert_eq!(import(&staff, &corrected, false).await.status, 303);
    let gifts = offline_gifts(&app.store).await;
    assert_eq!(gifts.len(), 3, "replaced, not doubled");
    let transfer = gifts
        .iter()
        .find(|g| g.payment_ref == "TR-0613")
        .expect("TR");
    assert_eq!(transfer.amount_minor, Some(35_050));
    assert_eq!(transfer.method.as_deref(), Some("bank_transfer"));

    // Every kind of bad row, named by line and column; nothing is stored.
    let bad = "date,amount,currency,campaign,reference\n\
               2026-06-12,0,EUR,open-roads,B1\n\
               12/06/2026,10,EUR,open-roads,B2\n\
               2026-06-12,10,EUR,elsewhere,B3\n\
               2026-06-12,10,XYZ,open-roads,B4\n\
               2026-06-12,10,EUR,open-roads,B5\n\
               2026-06-12,11,EUR,open-roads,B5\n";
    let refused = import(&staff, bad, false).await;
    assert_eq!(refused.status, 422);
    for says in [
        "line 2, amount",
        "line 3, date",
        "line 5, currency",
        "line 7, reference",
    ] {
        assert!(refused.body.contains(says), "{says}: {}", refused.body);
    }
    let unknown_campaign =
        "date,amount,currency,campaign,reference\n2026-06-12,10,EUR,elsewhere,B3\n";
    let refused = import(&staff, unknown_campaign, false).await;
    assert!(
        refused
            .body
            .contains("line 2, campaign: no campaign &#39;elsewhere&#39;"),
        "{}",
        refused.body
    );
    let missing = import(&staff, "date,amount\n2026-06-12,10\n", false).await;
    assert!(missing
        .body
        .contains("line 1, currency: this column is missing"));
    assert_eq!(offline_gifts(&app.store).await.len(), 3);

    // Received money: the euro gifts are on the progress bar (120.00 + 350.50).
    let page = campaign_page_showing(&staff, "€470.50 raised").await;
    assert!(page.body.contains("€470.50 raised"), "{}", page.body);
    // And on the staff's list of campaigns, against the goal.
    let campaigns = staff.get("/admin/demo/campaigns").await.body;
    assert!(
        campaigns.contains("470.50 EUR of 500,000 EUR"),
        "{campaigns}"
    );
    let listed = staff.get("/admin/demo/money").await.body;
    assert!(listed.contains("CASH-LIS-1") && listed.contains("Osaka, venue buckets"));
    let dump = dump_database(&app.database_url()).await;
    assert!(dump.contains("gifts.offline_recorded"), "audited");

    // Viewers see neither the page nor may they record.
    let viewer = manager(&app, Role::Viewer, "viewer@demo.example").await;
    assert_eq!(viewer.get("/admin/demo/money").await.status, 403);
    assert_eq!(post(&viewer, "/gifts", &gift("10.00")).await.status, 403);
}

async fn commitments_and_levies_are_kept_apart_until_paid(app: TestApp) {
    let staff = manager(&app, Role::CampaignManager, "fundraiser@demo.example").await;
    let stop = first_stop(&app.store).await;
    let announced = post(
        &staff,
        "/commitments",
        &[
            ("kind", "commitment"),
            ("party", "Banco Solidário"),
            ("campaign", CAMPAIGN),
            ("amount", "250000"),
            ("currency", "EUR"),
            ("announced_on", "2026-06-12"),
        ],
    )
    .await;
    assert_eq!(announced.status, 303, "{}", announced.body);
    let levy = post(
        &staff,
        "/commitments",
        &[
            ("kind", "levy"),
            ("party", "Estádio Municipal"),
            ("campaign", CAMPAIGN),
            ("engagement", &stop),
            ("per_ticket", "1.50"),
            ("tickets", "41200"),
            ("currency", "EUR"),
            ("announced_on", "2026-06-12"),
            ("due_on", "2026-07-31"),
        ],
    )
    .await;
    assert_eq!(levy.status, 303, "{}", levy.body);
    // A levy without its stop, a commitment of nothing, a due day before the announcement.
    for (fields, says) in [
        (
            vec![("kind", "levy"), ("per_ticket", "1"), ("tickets", "10")],
            "engagement: a levy belongs to a stop",
        ),
        (
            vec![("kind", "commitment"), ("amount", "0")],
            "amount: must be more than zero",
        ),
        (
            vec![
                ("kind", "commitment"),
                ("amount", "5"),
                ("due_on", "2026-01-01"),
            ],
            "due_on: 2026-01-01 is before 2026-06-12",
        ),
        (
            vec![("kind", "promise"), ("amount", "5")],
            "kind: &#39;promise&#39; is not a kind",
        ),
    ] {
        let mut form = vec![
            ("party", "Someone"),
            ("campaign", CAMPAIGN),
            ("currency", "EUR"),
            ("announced_on", "2026-06-12"),
        ];
        form.extend(fields);
        let refused = post(&staff, "/commitments", &form).await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains(says), "{says}: {}", refused.body);
    }
    let org = app
        .store
        .org_by_slug("demo")
        .await
        .expect("q")
        .expect("demo");
    let rows = app.store.commitments(org.id).await.expect("rows");
    assert_eq!(rows.len(), 2);
    let levy_row = rows.iter().find(|r| r.kind == "levy").expect("levy");
    assert_eq!(levy_row.amount_minor, 6_180_000, "1.50 × 41,200");
    let page = staff.get("/admin/demo/money").await.body;
    assert!(
        page.contains("Promised and not yet paid: 311,800.00 EUR"),
        "{page}"
    );

    // Promised money is not received money: the progress bar shows none of it.
    let campaign = staff.get(&format!("/demo/{CAMPAIGN}?lang=en")).await;
    assert!(campaign.body.contains("€0 raised"), "{}", campaign.body);
    assert!(offline_gifts(&app.store).await.is_empty());

    // The venue pays the levy: its money becomes an offline gift and is received.
    let paid = post(
        &staff,
        &format!("/commitments/{}", levy_row.id),
        &[("status", "paid"), ("paid_on", "2026-08-02")],
    )
    .await;
    assert_eq!(paid.status, 303, "{}", paid.body);
    let gifts = offline_gifts(&app.store).await;
    assert_eq!(gifts.len(), 1);
    assert_eq!(gifts[0].payment_ref, format!("commitment-{}", levy_row.id));
    assert_eq!(gifts[0].amount_minor, Some(6_180_000));
    assert_eq!(gifts[0].paid_on.as_deref(), Some("2026-08-02"));
    let campaign = campaign_page_showing(&staff, "€61,800 raised").await;
    assert!(
        campaign.body.contains("€61,800 raised"),
        "{}",
        campaign.body
    );
    // Paying it again, or a commitment of another organization: not found, nothing changes.
    let again = post(
        &staff,
        &format!("/commitments/{}", levy_row.id),
        &[("status", "paid")],
    )
    .await;
    assert_eq!(again.status, 404);
    assert_eq!(offline_gifts(&app.store).await.len(), 1);
    let bank = rows.iter().find(|r| r.kind == "commitment").expect("bank");
    let cancelled = post(
        &staff,
        &format!("/commitments/{}", bank.id),
        &[("status", "cancelled")],
    )
    .await;
    assert_eq!(cancelled.status, 303);
    let bad_status = post(
        &staff,
        &format!("/commitments/{}", bank.id),
        &[("status", "open")],
    )
    .await;
    assert_eq!(bad_status.status, 422);
    let rows = app.store.commitments(org.id).await.expect("rows");
    assert!(rows.iter().all(|r| r.status != "open"));
    assert!(!staff
        .get("/admin/demo/money")
        .await
        .body
        .contains("Promised and not yet paid"));
}
