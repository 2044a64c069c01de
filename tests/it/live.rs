//! The venue screen on both backends: its events move within a second of a pledge, a
//! supporter's name and message appear only after staff approve them (and leave when taken
//! off), and the page itself works without JavaScript.

use std::time::{Duration, Instant};

use chorus::domain::role::Role;
use chorus::store::LiveStanding;

use crate::actions::{next_event, pledge_fields, post_pledge, token, CAMPAIGN};
use crate::money::manager;
use crate::on_both_backends;
use crate::support::{demo_campaign, TestApp};

on_both_backends!(demo: screen_updates_and_shows_only_approved_messages);

fn tally(event: &str) -> serde_json::Value {
    let data = event
        .lines()
        .find_map(|l| l.strip_prefix("data: "))
        .expect("data");
    serde_json::from_str(data).expect("json")
}

async fn screen_updates_and_shows_only_approved_messages(app: TestApp) {
    let store = &app.store;
    let (org, campaign) = demo_campaign(store, CAMPAIGN).await;
    let client = app.client();
    let response = reqwest::get(client.url(&format!("/demo/{CAMPAIGN}/live/events")))
        .await
        .expect("sse");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().expect("type"),
        "text/event-stream"
    );
    let mut events = Box::pin(response.bytes_stream());
    let mut seen = String::new();
    let first = tally(&next_event(&mut events, &mut seen, "tally").await);
    let before = first["people"].as_i64().expect("people");

    let signed = token(store, campaign.id, 5, "live-1").await;
    let answer = post_pledge(&client, &pledge_fields(&signed, "screen@example.org")).await;
    assert_eq!(answer.status, 303);
    // The screen counts confirmed signatures, as the phone does: the pledge counts once its
    // signer follows the emailed link, and the screen moves within a second of that.
    let counts = store
        .action_counts(org.id, campaign.id)
        .await
        .expect("counts");
    assert_eq!((counts.pledges, counts.pledges_unconfirmed), (before, 1));
    let thanks = client.get(answer.location().expect("thanks")).await;
    assert!(
        thanks.body.contains(&if before == 1 {
            "1 person has confirmed their signature so far.".to_owned()
        } else {
            format!("{before} people have confirmed their signature so far.")
        }),
        "{}",
        thanks.body
    );
    let action = crate::actions::all_actions(store)
        .await
        .into_iter()
        .find(|a| a.email == "screen@example.org")
        .expect("the pledge");
    let link = crate::actions::confirmation_link(store, &action).await;
    let started = Instant::now();
    assert_eq!(client.get(&link).await.status, 303);
    let moved = tally(&next_event(&mut events, &mut seen, "tally").await);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "the screen moved within a second ({:?})",
        started.elapsed()
    );
    assert_eq!(moved["people"].as_i64(), Some(before + 1));
    assert!(
        !moved.to_string().contains("Ana Lima"),
        "no name before moderation: {moved}"
    );

    // Staff see the waiting supporter and approve; the screen shows the name and message.
    let staff = manager(&app, Role::Admin, "screen-admin@demo.example").await;
    let path = format!("/admin/demo/campaigns/{}/live", campaign.id.0);
    let page = staff.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Ana Lima") && page.body.contains("Força!"));
    let id = store
        .live_candidates(org.id, campaign.id, LiveStanding::Waiting, 200)
        .await
        .expect("waiting")[0]
        .id
        .to_string();
    let csrf = staff.csrf("demo").await;
    let nothing = staff
        .post(
            &format!("{path}/moderate"),
            &[("csrf", &csrf), ("op", "approve")],
        )
        .await;
    assert_eq!(nothing.status, 422, "nothing ticked");
    let approved = staff
        .post(
            &format!("{path}/moderate"),
            &[("csrf", &csrf), ("op", "approve"), ("action", &id)],
        )
        .await;
    assert_eq!(approved.status, 303, "{}", approved.body);
    let shown = tally(&next_event(&mut events, &mut seen, "tally").await);
    assert_eq!(shown["entries"][0]["name"], "Ana Lima", "{shown}");
    assert_eq!(shown["entries"][0]["message"], "Força!");

    // The page itself, for a screen without JavaScript.
    let screen = client.get(&format!("/demo/{CAMPAIGN}/live?lang=en")).await;
    assert_eq!(screen.status, 200);
    for part in [
        "Ana Lima",
        "Força!",
        "<svg",
        "confirmed signatures",
        "live.",
        "http-equiv=\"refresh\"",
    ] {
        assert!(screen.body.contains(part), "{part}");
    }

    // Taken off the screen: gone from the next event.
    let rejected = staff
        .post(
            &format!("{path}/moderate"),
            &[("csrf", &csrf), ("op", "reject"), ("action", &id)],
        )
        .await;
    assert_eq!(rejected.status, 303);
    let gone = tally(&next_event(&mut events, &mut seen, "tally").await);
    assert!(!gone.to_string().contains("Ana Lima"), "{gone}");

    // A bad threshold is refused; anyone outside the organization sees nothing.
    let refused = staff
        .post(
            &format!("{path}/threshold"),
            &[("csrf", &csrf), ("threshold", "lots")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Gift threshold"), "{}", refused.body);
    assert_eq!(app.client().get(&path).await.status, 303, "log in first");
    assert_eq!(client.get("/demo/no-such-campaign/live").await.status, 404);
}
