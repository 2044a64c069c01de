//! One client cannot use up a campaign's limits (QUALITY.md, rate limits): an address flooding
//! the donate form pays for it in growing proof-of-work and is held to a tenth of the campaign's
//! checkouts, and one flooding the pledge form is held (kept for staff) past its tenth of the
//! campaign's flood guard; a supporter from another address is never refused meanwhile. The
//! growth of the work with the flood is unit-tested in `domain::supporter`.

use std::time::Duration;

use chorus::domain::supporter::{proof_of_work_solved, PROOF_OF_WORK_BITS};

use crate::actions::{all_actions, pledge_fields, token as action_token, CAMPAIGN};
use crate::support::{Backend, Client, Page, TestApp};

/// The demo behind a proxy on loopback (so each test client can name its address), with the
/// campaign limits given. SQLite only: the limits live in the process, not the database.
async fn demo_behind_proxy(test: &str, campaign_rate: u32, checkout_rate: u32) -> Option<TestApp> {
    TestApp::spawn_configured(Backend::Sqlite, test, |config| {
        config.demo = true;
        config.trusted_proxies = vec!["127.0.0.1/32".parse().expect("network")];
        config.campaign_rate = campaign_rate;
        config.checkout_rate = checkout_rate;
    })
    .await
}

async fn donate_from(client: &Client, address: &str, fields: &[(&str, &str)]) -> Page {
    client
        .post_with(
            &format!("/demo/{CAMPAIGN}/donate"),
            fields,
            &[("x-forwarded-for", address)],
        )
        .await
}

/// The proof of work a refused form asks for, from its `data-pow`.
fn asked_bits(page: &Page) -> Option<u32> {
    let at = page.body.find("data-pow=\"")? + "data-pow=\"".len();
    page.body[at..].split('"').next()?.parse().ok()
}

/// A nonce for `token` at `bits`, the way a bot would find it: the token's hash state kept, one
/// compression per try (the server's own check confirms it).
fn solve(token: &str, bits: u32) -> String {
    use sha2::{Digest, Sha256};
    let mut prefix = Sha256::new();
    prefix.update(token.as_bytes());
    prefix.update(b":");
    let nonce = (0u64..)
        .find(|n| {
            let mut hash = prefix.clone();
            hash.update(n.to_string().as_bytes());
            let digest = hash.finalize();
            u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]).leading_zeros() >= bits
        })
        .expect("a nonce")
        .to_string();
    assert!(proof_of_work_solved(token, &nonce, bits));
    nonce
}

/// A checkout from `address`, doing the proof of work when asked; the final answer and the
/// bits that were asked for.
async fn checkout(app: &TestApp, client: &Client, address: &str, key: &str) -> (Page, u32) {
    let form_token = crate::donations::token(&app.store, key).await;
    let fields = [
        ("token", form_token.as_str()),
        ("currency", "EUR"),
        ("amount", "10.00"),
    ];
    let first = donate_from(client, address, &fields).await;
    let Some(bits) = asked_bits(&first).filter(|_| first.status == 422) else {
        return (first, 0);
    };
    let nonce = solve(&form_token, bits);
    let mut worked = fields.to_vec();
    worked.push(("pow", &nonce));
    (donate_from(client, address, &worked).await, bits)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flooding_address_pays_for_its_own_checkouts() {
    // 200 checkouts a minute for the campaign: one address's tenth is 20.
    let Some(app) = demo_behind_proxy("checkout-flood", 60_000, 200).await else {
        return;
    };
    let flooder = app.client();
    let mut started = 0;
    let mut most_bits = 0;
    let mut held_back = None;
    for n in 0..40 {
        let (page, bits) = checkout(&app, &flooder, "203.0.113.9", &format!("flood-{n}")).await;
        most_bits = most_bits.max(bits);
        match page.status {
            303 => started += 1,
            429 => {
                assert!(page.header("retry-after").is_some());
                held_back = Some(n);
                break;
            }
            other => panic!("checkout {n}: {other}: {}", page.body),
        }
    }
    assert_eq!(started, 20, "a tenth of the campaign's 200 a minute");
    assert_eq!(held_back, Some(20));
    // Free for 5, then 16 bits, 17 from the 10th, 18 from the 20th (the one held back).
    assert_eq!(
        most_bits,
        PROOF_OF_WORK_BITS + 2,
        "the work doubles as the excess does"
    );
    // A donor elsewhere is not refused, and is asked for no work.
    let donor = app.client();
    let (page, bits) = checkout(&app, &donor, "198.51.100.4", "donor").await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(bits, 0);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flooding_address_is_held_and_leaves_the_campaign_to_others() {
    // A flood guard of 100 submissions a minute: one address's tenth is 10.
    let Some(app) = demo_behind_proxy("pledge-flood", 100, 600).await else {
        return;
    };
    let (_, campaign) = crate::support::demo_campaign(&app.store, CAMPAIGN).await;
    let flooder = app.client();
    for n in 0..150 {
        let form_token = action_token(&app.store, campaign.id, 5, &format!("f{n}")).await;
        let email = format!("flood{n}@example.org");
        let sent = flooder
            .post_with(
                &format!("/demo/{CAMPAIGN}/pledge"),
                &pledge_fields(&form_token, &email),
                &[("x-forwarded-for", "203.0.113.9")],
            )
            .await;
        assert_eq!(sent.status, 303, "pledge {n} is kept: {}", sent.body);
    }
    let fan = app.client();
    let form_token = action_token(&app.store, campaign.id, 5, "fan").await;
    let sent = fan
        .post_with(
            &format!("/demo/{CAMPAIGN}/pledge"),
            &pledge_fields(&form_token, "fan@example.org"),
            &[("x-forwarded-for", "198.51.100.4")],
        )
        .await;
    assert_eq!(
        sent.status, 303,
        "the guard was left to others: {}",
        sent.body
    );
    let mut actions = Vec::new();
    for _ in 0..100 {
        actions = all_actions(&app.store).await;
        if actions.len() == 151 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(actions.len(), 151, "every pledge kept");
    let held = actions.iter().filter(|a| a.held).count();
    assert_eq!(held, 140, "the flood past its tenth is held for staff");
    let fan_row = actions
        .iter()
        .find(|a| a.email == "fan@example.org")
        .expect("the fan's pledge");
    assert!(!fan_row.held);
    app.stop().await;
}

/// A campaign over its flood guard answers 429 with Retry-After, and shows the fan the form
/// again, filled in and in the fan's language (it was the English staff error page); the
/// page's script reads the same 429 as "try again", not as a refusal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_campaign_keeps_the_fans_form_in_their_language() {
    // Ten submissions a minute for the campaign, from ten addresses.
    let Some(app) = demo_behind_proxy("busy-campaign", 10, 600).await else {
        return;
    };
    let (_, campaign) = crate::support::demo_campaign(&app.store, CAMPAIGN).await;
    let fan = app.client();
    let mut busy = None;
    for n in 1..=11 {
        let form_token = action_token(&app.store, campaign.id, 5, &format!("b{n}")).await;
        let email = format!("fan{n}@example.org");
        let mut fields = pledge_fields(&form_token, &email);
        fields.retain(|(name, _)| *name != "lang");
        fields.push(("lang", "ar"));
        let address = format!("198.51.100.{n}");
        let sent = fan
            .post_with(
                &format!("/demo/{CAMPAIGN}/pledge"),
                &fields,
                &[("x-forwarded-for", address.as_str())],
            )
            .await;
        if sent.status == 429 {
            busy = Some((n, sent));
            break;
        }
        assert_eq!(sent.status, 303, "pledge {n}: {}", sent.body);
    }
    let (n, page) = busy.expect("the eleventh is over the guard");
    assert_eq!(n, 11);
    assert!(page.header("retry-after").is_some());
    assert!(page.body.contains(r#"<html lang="ar""#), "{}", page.body);
    assert!(page.body.contains("fan11@example.org"), "the form is kept");
    assert!(
        !page.body.contains("Too many attempts"),
        "not the staff error page"
    );
    let form_token = action_token(&app.store, campaign.id, 5, "b12").await;
    let answer = fan
        .http
        .post(fan.url(&format!("/demo/{CAMPAIGN}/pledge")))
        .header("accept", "application/json")
        .header("x-forwarded-for", "198.51.100.12")
        .form(&pledge_fields(&form_token, "fan12@example.org"))
        .send()
        .await
        .expect("post");
    assert_eq!(answer.status(), 429);
    assert!(answer.headers().contains_key("retry-after"));
    let body: serde_json::Value = answer.json().await.expect("json");
    assert!(body["error"]
        .as_str()
        .is_some_and(|e| e.contains("too many")));
    app.stop().await;
}
