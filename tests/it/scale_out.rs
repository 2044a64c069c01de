//! Several `chorus serve` processes on one PostgreSQL database, as behind a load balancer: a
//! change made through one process moves what every other process shows (live counts, venue
//! screens, pages) within a second. SQLite is served by one process, so these run on
//! PostgreSQL only.

use std::process::{Child, Command};
use std::time::{Duration, Instant};

use chorus::domain::role::Role;

use crate::actions::{
    all_actions, confirmation_link, next_event, pledge_fields, post_pledge, token, CAMPAIGN,
};
use crate::money::manager;
use crate::support::{demo_campaign, listening, Backend, TestApp};

/// Another `chorus serve` on the test's database, killed when dropped.
struct OtherProcess {
    child: Child,
    base: String,
}

impl OtherProcess {
    fn start(app: &TestApp) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_chorus"));
        command
            .args(["serve", "--addr", "127.0.0.1:0", "--database-url"])
            .arg(app.database_url());
        let (child, base) = listening(command);
        Self { child, base }
    }

    async fn events(
        &self,
        path: &str,
    ) -> impl futures_util::Stream<Item = reqwest::Result<impl AsRef<[u8]>>> {
        let response = reqwest::get(format!("{}{path}", self.base))
            .await
            .expect("stream");
        assert_eq!(response.status(), 200);
        Box::pin(response.bytes_stream())
    }
}

impl Drop for OtherProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn data(event: &str) -> serde_json::Value {
    let data = event
        .lines()
        .find_map(|l| l.strip_prefix("data: "))
        .expect("data");
    serde_json::from_str(data).expect("json")
}

/// The next event `name` whose data satisfies `wanted`, before `deadline`.
async fn event_until<S, B>(
    events: &mut S,
    seen: &mut String,
    name: &str,
    deadline: Instant,
    wanted: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value
where
    S: futures_util::Stream<Item = reqwest::Result<B>> + Unpin,
    B: AsRef<[u8]>,
{
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let event = tokio::time::timeout(left, next_event(events, seen, name))
            .await
            .unwrap_or_else(|_| panic!("no {name} event in time"));
        let value = data(&event);
        if wanted(&value) {
            return value;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_through_one_process_moves_the_others() {
    let Some(app) = TestApp::spawn_with(Backend::Postgres, "scale_out", true).await else {
        return;
    };
    let store = &app.store;
    let (_org, campaign) = demo_campaign(store, CAMPAIGN).await;
    let other = OtherProcess::start(&app);
    let mut counts = Box::pin(other.events(&format!("/demo/{CAMPAIGN}/counts")).await);
    let mut screen = Box::pin(other.events(&format!("/demo/{CAMPAIGN}/live/events")).await);
    let (mut seen_counts, mut seen_screen) = (String::new(), String::new());
    let before = data(&next_event(&mut counts, &mut seen_counts, "counts").await)["pledges"]
        .as_i64()
        .expect("pledges");
    let shown = data(&next_event(&mut screen, &mut seen_screen, "tally").await);
    assert_eq!(shown["people"].as_i64(), Some(before));
    let raised_before = shown["raised"]["minor"].as_i64().expect("raised");

    // A pledge made and confirmed through this process…
    let client = app.client();
    let signed = token(store, campaign.id, 5, "scale-1").await;
    let answer = post_pledge(&client, &pledge_fields(&signed, "two@example.org")).await;
    assert_eq!(answer.status, 303);
    let action = all_actions(store)
        .await
        .into_iter()
        .find(|a| a.email == "two@example.org")
        .expect("the pledge");
    let link = confirmation_link(store, &action).await;
    let confirmed = Instant::now();
    assert_eq!(client.get(&link).await.status, 303);

    // …moves the other process's live counter and venue screen within a second.
    let within = confirmed + Duration::from_secs(1);
    event_until(&mut counts, &mut seen_counts, "counts", within, |c| {
        c["pledges"].as_i64() == Some(before + 1)
    })
    .await;
    event_until(&mut screen, &mut seen_screen, "tally", within, |t| {
        t["people"].as_i64() == Some(before + 1)
    })
    .await;
    let heard = confirmed.elapsed();
    assert!(heard < Duration::from_secs(1), "{heard:?}");

    // A gift recorded through this process moves the other's progress bar within a second.
    let staff = manager(&app, Role::CampaignManager, "scale@demo.example").await;
    let csrf = staff.csrf("demo").await;
    let recorded_at = Instant::now();
    let recorded = staff
        .post(
            "/admin/demo/money/gifts",
            &[
                ("csrf", &csrf),
                ("campaign", CAMPAIGN),
                ("method", "cash"),
                ("amount", "120.00"),
                ("currency", "EUR"),
                ("received_on", "2026-06-12"),
            ],
        )
        .await;
    assert_eq!(recorded.status, 303, "{}", recorded.body);
    event_until(
        &mut screen,
        &mut seen_screen,
        "tally",
        recorded_at + Duration::from_secs(1),
        |t| t["raised"]["minor"].as_i64() == Some(raised_before + 12_000),
    )
    .await;

    // The other process's campaign page, cached in its memory, shows the new count once its
    // pages' refresh allows (every 2 s at most, as in one process).
    let page_url = format!("{}/demo/{CAMPAIGN}?lang=en", other.base);
    let count = format!(
        "<strong data-count=\"pledges\">{}</strong>",
        grouped(before + 1)
    );
    let deadline = Instant::now() + Duration::from_secs(4);
    loop {
        let page = reqwest::get(&page_url).await.expect("page");
        if page.text().await.expect("text").contains(&count) {
            break;
        }
        assert!(Instant::now() < deadline, "the page kept its old count");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// `12345` as English pages write it: `12,345`.
fn grouped(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The same visitors, written by one process into one database and by three processes at once
/// into another, give the same unique-visitor estimate: the hourly sketch is merged under its
/// row's lock, so no process overwrites the visitors another one added.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_visitors_through_three_processes_give_the_same_estimate() {
    use chorus::domain::language::Language;
    use chorus::domain::visit::DeviceClass;
    use chorus::store::{NewVisit, Store, VisitScope, VisitSource};

    let Some(alone) = TestApp::spawn_with(Backend::Postgres, "sketch_alone", true).await else {
        return;
    };
    let Some(shared) = TestApp::spawn_with(Backend::Postgres, "sketch_shared", true).await else {
        return;
    };
    let at = chorus::clock::now();
    let batches = |org, campaign| -> Vec<Vec<NewVisit>> {
        (0..60)
            .map(|batch| {
                (0..100)
                    .map(|n| NewVisit {
                        org_id: org,
                        touchpoint_id: None,
                        campaign_id: campaign,
                        at,
                        language: Language::En,
                        source: VisitSource::Page,
                        device: DeviceClass::Mobile,
                        referrer_host: None,
                        visitor_id: format!("visitor-{batch}-{n}"),
                    })
                    .collect()
            })
            .collect()
    };
    let estimate = |store: Store, org, campaign| async move {
        let day =
            chorus::domain::time::Timestamp::from_unix_micros(at.unix_micros() - 3_600_000_000);
        let later =
            chorus::domain::time::Timestamp::from_unix_micros(at.unix_micros() + 3_600_000_000);
        store
            .estimated_unique_visitors(org, VisitScope::Campaign(campaign), day, later)
            .await
            .expect("estimate")
            .0
    };

    let (org, campaign) = demo_campaign(&alone.store, CAMPAIGN).await;
    for batch in batches(org.id, campaign.id) {
        alone.store.insert_visits(&batch).await.expect("visits");
    }
    let one = estimate(alone.store.clone(), org.id, campaign.id).await;

    let (org, campaign) = demo_campaign(&shared.store, CAMPAIGN).await;
    let mut processes = Vec::new();
    for _ in 0..3 {
        let url = chorus::config::DatabaseUrl::parse(&shared.database_url()).expect("url");
        processes.push(Store::open(&url).await.expect("another process's store"));
    }
    let mut writers = Vec::new();
    for (n, batch) in batches(org.id, campaign.id).into_iter().enumerate() {
        let store = processes[n % 3].clone();
        writers.push(tokio::spawn(
            async move { store.insert_visits(&batch).await },
        ));
    }
    for writer in writers {
        writer.await.expect("task").expect("visits");
    }
    let three = estimate(shared.store.clone(), org.id, campaign.id).await;
    assert!(one > 5_000.0, "{one}");
    assert_eq!(one, three, "one process: {one}, three at once: {three}");
}

/// A guesser gets one allowance for the deployment: the failures counted by one process hold
/// it back at another.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_guesses_are_counted_across_processes() {
    let Some(app) = TestApp::spawn_with(Backend::Postgres, "scale_out_login", false).await else {
        return;
    };
    let org = app.seed_org("acme", "Acme").await;
    app.seed_member(
        &org,
        "owner@acme.example",
        Role::Owner,
        "correct horse battery staple",
    )
    .await;
    let other = OtherProcess::start(&app);
    let guess = [("email", "owner@acme.example"), ("password", "wrong guess")];
    let client = app.client();
    for n in 0..5 {
        assert_eq!(client.post("/admin/login", &guess).await.status, 401, "{n}");
    }
    let elsewhere = reqwest::Client::new()
        .post(format!("{}/admin/login", other.base))
        .form(&guess)
        .send()
        .await
        .expect("answer");
    assert_eq!(elsewhere.status(), 429);
    assert!(elsewhere.headers().contains_key("retry-after"));
}

/// Kept payment events applied by three processes at once (and the test server's own
/// processor): every gift once, with the facts of all its events, every event marked once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payment_events_applied_by_three_processes_at_once_make_each_gift_once() {
    use chorus::store::{ReceivedEvent, Store};

    let Some(app) = TestApp::spawn_with(Backend::Postgres, "scale_out_payments", false).await
    else {
        return;
    };
    let org = app.seed_org("acme", "Acme").await;
    let now = chorus::clock::now();
    let created = now.unix_micros() / 1_000_000 - 100;
    for gift in 0..30 {
        for body in crate::payments::life_of_a_gift(&format!("G{gift}"), created) {
            let head: serde_json::Value = serde_json::from_str(&body).expect("json");
            let event = ReceivedEvent {
                provider: "stripe",
                event_id: head["id"].as_str().expect("id"),
                event_type: head["type"].as_str().expect("type"),
                created: head["created"].as_i64(),
                payload: &body,
            };
            app.store
                .record_payment_event(org.id, &event, now)
                .await
                .expect("kept");
        }
    }
    let url = chorus::config::DatabaseUrl::parse(&app.database_url()).expect("url");
    let mut processors = Vec::new();
    for _ in 0..3 {
        let store = Store::open(&url).await.expect("another process's store");
        processors.push(tokio::spawn(async move {
            chorus::app::payments::process_pending(&store).await
        }));
    }
    for processor in processors {
        processor.await.expect("task").expect("applied");
    }
    assert!(
        app.store
            .pending_payment_events(0, 10)
            .await
            .expect("pending")
            .is_empty(),
        "every event applied"
    );
    let gifts = app.store.gifts(org.id).await.expect("gifts");
    assert_eq!(gifts.len(), 30, "one gift per payment");
    for gift in &gifts {
        assert_eq!(
            (gift.status.as_str(), gift.amount_minor, gift.refunded_minor),
            ("succeeded", Some(2500), 1000),
            "{}",
            gift.payment_ref
        );
        assert_eq!((gift.lost_minor, gift.open_disputes), (1500, 0));
    }
}
