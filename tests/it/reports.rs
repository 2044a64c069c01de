//! Reports on both backends: every figure built from the hourly rollups equals the same figure
//! counted again from the raw visits, actions and gifts (the unique-visitor estimate within its
//! stated error), for the campaign and for one stop, after moderation, refunds and disputes.

use std::time::Duration;

use chorus::clock;
use chorus::domain::audit::Actor;
use chorus::domain::gift::ReceivedGift;
use chorus::domain::ids::OrgId;
use chorus::domain::reach;
use chorus::domain::report::{self, Figures, Scope};
use chorus::domain::time::Timestamp;
use chorus::domain::touchpoint::Code;
use chorus::domain::visit::day_number;
use chorus::store::{RawFigures, RawScope, ReceivedGiftRow, SpamSelection, Store};
use chorus::web::webhooks;
use serde_json::json;

use crate::actions::{all_actions, pledge_fields, post_pledge, token, CAMPAIGN, VENUE_CODE};
use crate::donations::{deliver_signed, event, use_stripe};
use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(demo: report_figures_equal_the_raw_records);

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
        figures.gifts += 1;
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
    let org = store.org_by_slug("demo").await.expect("q").expect("demo");
    let campaign = store
        .campaign_by_slug(org.id, CAMPAIGN)
        .await
        .expect("q")
        .expect("campaign");
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
    webhooks::process_pending(store).await.expect("apply");
    webhooks::process_pending(store)
        .await
        .expect("apply what waited");
    webhooks::fix_gift_values(store).await.expect("value");

    let (whole, raw) = report_and_raw(store, org.id, campaign.id.0, None).await;
    assert_same(&whole, &raw, "EUR", "campaign");
    assert_eq!(whole.visits, 40 + 20 + 6, "people, not the bot");
    assert_eq!(whole.scans, 60);
    assert_eq!(
        (whole.pledges, whole.pledges_confirmed),
        (7, 0),
        "spam left out"
    );
    assert_eq!(whole.gifts, 3);
    assert_eq!(whole.money_minor, 1500, "25 - 10 refunded + 40 - 40 lost");
    assert_eq!(whole.money_by_currency.get("JPY"), Some(&1500));
    assert_eq!(whole.unvalued_gifts, 1, "the yen gift waits for a rate");

    let (at_stop, raw_stop) = report_and_raw(store, org.id, campaign.id.0, Some(stop)).await;
    assert_same(&at_stop, &raw_stop, "EUR", "stop");
    assert_eq!(at_stop.visits, 60);
    assert_eq!(at_stop.pledges, 5);
    assert_eq!(at_stop.gifts, 2);
}
