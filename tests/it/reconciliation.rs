//! Reconciliation on both backends: gifts recorded from Stripe's signed events beside Stripe's
//! itemized balance export, on matching data (no difference, to the cent) and on mismatching
//! data (each difference listed by payment), and a bad export refused whole.

use chorus::app::payments;
use serde_json::json;

use crate::donations::{deliver_signed, event, use_stripe};
use crate::on_both_backends;
use crate::support::{Client, Page, TestApp};

on_both_backends!(demo: the_ledger_reconciles_with_stripes_balance_export);

const JUNE: &str = "/admin/demo/reconciliation?from=2026-06-01&to=2026-06-30";

const MATCHING: &str = "balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,net,reporting_category,source_id,description,charge_id,payment_intent_id,invoice_id\n\
txn_1,2026-06-12 20:01:02,2026-06-14 00:00:00,eur,25.78,0.64,25.14,charge,ch_1,Gift,ch_1,pi_1,\n\
txn_2,2026-06-20 10:00:00,2026-06-22 00:00:00,eur,-10.00,0.00,-10.00,refund,re_1,,ch_1,pi_1,\n\
txn_3,2026-06-13 11:00:00,2026-06-15 00:00:00,jpy,1500,52,1448,charge,ch_2,,ch_2,pi_2,\n\
txn_4,2026-06-25 09:00:00,2026-06-25 09:00:00,eur,-15.14,0.00,-15.14,payout,po_1,,,,\n";

async fn import(client: &Client, csv: &str) -> Page {
    let csrf = client.csrf("demo").await;
    let file = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec())
        .file_name("balance.csv")
        .mime_str("text/csv")
        .expect("mime");
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .part("file", file);
    client
        .post_multipart("/admin/demo/reconciliation/import", form)
        .await
}

async fn the_ledger_reconciles_with_stripes_balance_export(app: TestApp) {
    let owner = use_stripe(&app).await;
    let june_12 = 1_781_287_200; // 2026-06-12 18:00 UTC
    let metadata = json!({ "campaign": "open-roads" });
    let events = [
        event(
            "evt_r1",
            "payment_intent.succeeded",
            june_12,
            json!({ "id": "pi_1",
            "object": "payment_intent", "amount": 2578, "amount_received": 2578,
            "currency": "eur", "metadata": metadata }),
        ),
        event(
            "evt_r2",
            "charge.refunded",
            june_12 + 8 * 86_400,
            json!({ "id": "ch_1",
            "object": "charge", "payment_intent": "pi_1", "amount": 2578,
            "amount_refunded": 1000, "currency": "eur" }),
        ),
        event(
            "evt_r3",
            "payment_intent.succeeded",
            june_12 + 86_400,
            json!({ "id": "pi_2",
            "object": "payment_intent", "amount": 1500, "amount_received": 1500,
            "currency": "jpy", "metadata": metadata }),
        ),
    ];
    for body in &events {
        deliver_signed(&owner, body).await;
    }
    payments::process_pending(&app.store).await.expect("apply");

    // Before any import, Chorus's gifts are all "only in Chorus".
    let before = owner.get(JUNE).await;
    assert_eq!(before.status, 200);
    assert!(before.body.contains("Only in Chorus"), "{}", before.body);

    // Stripe's export for the same money: no difference, to the cent.
    let imported = import(&owner, MATCHING).await;
    assert_eq!(imported.status, 303, "{}", imported.body);
    let page = owner.get(JUNE).await;
    assert!(
        page.body
            .contains("No differences from 2026-06-01 to 2026-06-30"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("-15.14 EUR"),
        "the payout, the provider's figure"
    );
    assert!(page.body.contains("-0.64 EUR"), "the fee");

    // Re-importing replaces; a changed amount and a charge Chorus never heard of show.
    let mismatching = MATCHING.replace("25.78,0.64,25.14", "25.00,0.64,24.36")
        + "txn_9,2026-06-14 08:00:00,2026-06-16 00:00:00,eur,50.00,1.00,49.00,charge,ch_9,,ch_9,pi_9,\n";
    assert_eq!(import(&owner, &mismatching).await.status, 303);
    let page = owner.get(JUNE).await;
    assert!(
        page.body.contains("Chorus and the provider differ"),
        "{}",
        page.body
    );
    for row in [
        "<td><code>pi_1</code></td><td>Gifts</td><td>25.78 EUR</td><td>25.00 EUR</td>",
        "<td><code>pi_9</code></td><td>Only at the provider</td><td>0.00 EUR</td><td>50.00 EUR</td>",
    ] {
        assert!(page.body.contains(row), "{row}: {}", page.body);
    }
    assert!(
        page.body.contains("<strong>49.22 EUR</strong>"),
        "EUR gifts: 75.00 − 25.78"
    );

    // A bad export: each problem named, nothing imported.
    let bad = "balance_transaction_id,created_utc,currency,gross,fee,net,reporting_category\n\
               txn_x,yesterday,eur,1.00,0,1.00,charge\n\
               txn_y,2026-06-12 10:00:00,eur,1.00,0.10,1.00,charge\n";
    let refused = import(&owner, bad).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("line 2, created_utc"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("line 3, net: is not gross less fee"));
    let page = owner.get(JUNE).await;
    assert!(
        page.body.contains("(5 transactions imported)"),
        "{}",
        page.body
    );
    let wrong_period = owner
        .get("/admin/demo/reconciliation?from=2026-06-30&to=2026-06-01")
        .await;
    assert_eq!(wrong_period.status, 422);
}
