//! Durability under `kill -9`: clients submit pledges at full speed to a real `chorus serve`
//! process, which is killed with SIGKILL at random moments, twenty times, and restarted. After
//! every restart each acknowledged pledge (303) is stored exactly once, and no refused one is.
//! Submissions whose answer was lost in the crash are sent again with the same form token after
//! the restart: the idempotency key makes them one action, never two.

use std::collections::{HashMap, HashSet};
use std::process::Child;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chorus::clock;
use chorus::domain::supporter::FormToken;
use chorus::domain::time::Timestamp;
use chorus::store::{ActionFilter, Store};

use crate::support::{Backend, TestDb};

const KILLS: usize = 20;
const CLIENTS: usize = 12;

crate::on_both_backends!(backend: killed_twenty_times);

/// `chorus serve --demo` on a free port; returns the process and its base URL.
fn start(db: &TestDb) -> (Child, String) {
    crate::support::serve_process(db, &[], &[])
}

/// One pledge the clients send; `valid: false` ones have a bad email and must be refused.
#[derive(Clone)]
struct Pledge {
    email: String,
    token: String,
    valid: bool,
}

#[derive(Default)]
struct Outcomes {
    acknowledged: HashSet<String>,
    refused: HashSet<String>,
    /// Sent, but the answer was lost (the server died): sent again after the restart.
    unknown: Vec<Pledge>,
}

async fn submit(http: &reqwest::Client, base: &str, pledge: &Pledge) -> Option<u16> {
    let fields = [
        ("token", pledge.token.as_str()),
        ("name", "Crash Tester"),
        ("email", pledge.email.as_str()),
        ("country", "Nowhere"),
        ("consent", "on"),
    ];
    let response = http
        .post(format!("{base}/demo/open-roads/pledge"))
        .form(&fields)
        .send()
        .await
        .ok()?;
    Some(response.status().as_u16())
}

async fn killed_twenty_times(backend: Backend) {
    let Some(db) = TestDb::create(backend, "crash").await else {
        return;
    };
    // First start creates the schema, the demo and the signing secret; read what tokens need.
    let (mut child, _) = start(&db);
    let (secret, campaign) = {
        let store = Store::open(&db.url).await.expect("open");
        let secret = store
            .server_secret("forms", &[0; 32], clock::now())
            .await
            .expect("secret");
        let org = store.org_by_slug("demo").await.expect("q").expect("org");
        let campaign = store
            .campaign_by_slug(org.id, "open-roads")
            .await
            .expect("q")
            .expect("campaign");
        store.close().await;
        (secret, campaign.id)
    };
    child.kill().expect("kill");
    child.wait().expect("reap");

    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let outcomes = Arc::new(Mutex::new(Outcomes::default()));
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    let mut kills = 0;
    let mut rng = 0x9E37_79B9_7F4A_7C15_u64;
    while kills < KILLS {
        let (mut child, base) = start(&db);
        // Answers lost in the last crash: the same forms again.
        let retry: Vec<Pledge> = std::mem::take(&mut outcomes.lock().expect("lock").unknown);
        let retry = Arc::new(Mutex::new(retry));
        let mut clients = tokio::task::JoinSet::new();
        for _ in 0..CLIENTS {
            let (http, base, next, outcomes, retry) = (
                http.clone(),
                base.clone(),
                next.clone(),
                outcomes.clone(),
                retry.clone(),
            );
            let secret = secret.clone();
            clients.spawn(async move {
                loop {
                    let pledge = match retry.lock().expect("lock").pop() {
                        Some(pledge) => pledge,
                        None => {
                            let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let valid = n % 10 != 7;
                            let email = if valid {
                                format!("fan{n}@crash.example")
                            } else {
                                format!("not-an-email-{n}")
                            };
                            let token = FormToken {
                                campaign_id: campaign.0,
                                issued_at: Timestamp::from_unix_micros(
                                    clock::now().unix_micros() - 5_000_000,
                                ),
                                idempotency_key: format!("crash-{n}"),
                            }
                            .sign(&secret);
                            Pledge {
                                email,
                                token,
                                valid,
                            }
                        }
                    };
                    let status = submit(&http, &base, &pledge).await;
                    let mut seen = outcomes.lock().expect("lock");
                    match status {
                        Some(303) => {
                            assert!(pledge.valid, "an invalid pledge was acknowledged");
                            seen.acknowledged.insert(pledge.email);
                        }
                        Some(422) => {
                            assert!(!pledge.valid, "a valid pledge was refused");
                            seen.refused.insert(pledge.email);
                        }
                        Some(other) => panic!("unexpected status {other}"),
                        None => {
                            seen.unknown.push(pledge);
                            return;
                        }
                    }
                }
            });
        }
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        tokio::time::sleep(Duration::from_millis(150 + rng % 500)).await;
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        kills += 1;
        while let Some(client) = clients.join_next().await {
            client.expect("a client's checks held");
        }
    }

    // Restart once more, answer what the last crash left unanswered, then count.
    let (mut child, base) = start(&db);
    let unknown = std::mem::take(&mut outcomes.lock().expect("lock").unknown);
    for pledge in unknown {
        match submit(&http, &base, &pledge).await {
            Some(303) => outcomes
                .lock()
                .expect("l")
                .acknowledged
                .insert(pledge.email),
            Some(422) => outcomes.lock().expect("l").refused.insert(pledge.email),
            other => panic!("after the last restart: {other:?}"),
        };
    }
    child.kill().expect("kill");
    child.wait().expect("reap");
    let outcomes = std::mem::take(&mut *outcomes.lock().expect("lock"));
    let store = Store::open(&db.url).await.expect("open");
    let org = store.org_by_slug("demo").await.expect("q").expect("org");
    let filter = ActionFilter {
        limit: i64::MAX,
        ..Default::default()
    };
    let rows = store
        .campaign_actions(org.id, campaign, &filter)
        .await
        .expect("actions");
    let mut stored: HashMap<String, usize> = HashMap::new();
    for row in &rows {
        *stored.entry(row.email.clone()).or_default() += 1;
    }
    assert!(
        outcomes.acknowledged.len() > 200,
        "the clients got through: {} acknowledged",
        outcomes.acknowledged.len()
    );
    for email in &outcomes.acknowledged {
        assert_eq!(
            stored.get(email),
            Some(&1),
            "{email} acknowledged, stored once"
        );
    }
    for email in &outcomes.refused {
        assert!(
            !stored.contains_key(email),
            "{email} was refused yet stored"
        );
    }
    let counts = store.action_counts(org.id, campaign).await.expect("counts");
    assert_eq!(
        counts.pledges_unconfirmed as usize,
        rows.len(),
        "counts match rows"
    );
    crate::support::announce(&format!(
        "crash test ({backend:?}): {KILLS} SIGKILLs, {} pledges acknowledged, all stored once; {} refused, none stored",
        outcomes.acknowledged.len(),
        outcomes.refused.len()
    ));
    store.close().await;
}
