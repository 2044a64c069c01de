//! The live tally under load (`bench/live.sh`): opens CONNECTIONS server-sent-event streams to
//! the demo's venue screen (`/demo/open-roads/live/events`, one TCP connection each), waits for
//! every one to get its first snapshot, then sends PLEDGES real pledges one by one (a form
//! signed with the installation's secret, read from DATABASE_URL), follows each one's emailed
//! confirmation link (screens count confirmed signatures) and measures, for every connection,
//! the time from the confirmation's answer to the snapshot that counts it.
//!
//!   cargo run --release --example live_load -- ADDR DATABASE_URL CONNECTIONS PLEDGES
//!
//! Prints one line: connections held, then the update delay's median, p99 and maximum (ms).

mod demo_forms;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chorus::clock;
use chorus::domain::supporter::FormToken;
use chorus::domain::time::Timestamp;
use demo_forms::DemoForms;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{broadcast, mpsc};

/// The `people` of each `tally` event in `text` (events are small JSON objects).
fn people_counts(text: &str) -> Vec<i64> {
    text.split("event: tally")
        .skip(1)
        .filter_map(|event| {
            let start = event.find("\"people\":")? + 9;
            let digits: String = event[start..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .collect()
}

/// One screen: reports its first count, then the instant it saw each count above it.
async fn screen(
    addr: String,
    ready: mpsc::Sender<i64>,
    seen: mpsc::UnboundedSender<(i64, Instant)>,
    mut stop: broadcast::Receiver<()>,
) -> anyhow::Result<()> {
    let mut stream = TcpStream::connect(&addr).await?;
    stream
        .write_all(
            format!(
                "GET /demo/open-roads/live/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
            )
            .as_bytes(),
        )
        .await?;
    let mut buffer = vec![0u8; 16 * 1024];
    let mut first = true;
    loop {
        let read = tokio::select! {
            read = stream.read(&mut buffer) => read?,
            _ = stop.recv() => return Ok(()),
        };
        if read == 0 {
            anyhow::bail!("the server closed a stream");
        }
        let now = Instant::now();
        let text = String::from_utf8_lossy(&buffer[..read]);
        for people in people_counts(&text) {
            if first {
                ready.send(people).await?;
                first = false;
            } else {
                seen.send((people, now))?;
            }
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, addr, database, connections, pledges] = args.as_slice() else {
        anyhow::bail!("usage: live_load ADDR DATABASE_URL CONNECTIONS PLEDGES");
    };
    let (connections, pledges): (usize, usize) = (connections.parse()?, pledges.parse()?);
    let forms = DemoForms::read(database).await?;
    let store = DemoForms::open(database).await?;
    let (campaign_id, secret) = (forms.campaign_id, forms.secret.clone());

    let (ready_tx, mut ready_rx) = mpsc::channel(connections);
    let (seen_tx, mut seen_rx) = mpsc::unbounded_channel();
    let (stop_tx, _) = broadcast::channel(1);
    let failed = Arc::new(AtomicUsize::new(0));
    for _ in 0..connections {
        let (addr, ready, seen, stop) = (
            addr.clone(),
            ready_tx.clone(),
            seen_tx.clone(),
            stop_tx.subscribe(),
        );
        let failed = failed.clone();
        tokio::spawn(async move {
            if screen(addr, ready, seen, stop).await.is_err() {
                failed.fetch_add(1, Ordering::Relaxed);
            }
        });
        // Connect gently: a burst of thousands of SYNs overflows the listen backlog.
        tokio::task::yield_now().await;
    }
    drop(ready_tx);
    let mut held = 0;
    let mut start_count = 0;
    while held < connections {
        match tokio::time::timeout(Duration::from_secs(30), ready_rx.recv()).await {
            Ok(Some(people)) => {
                held += 1;
                start_count = start_count.max(people);
            }
            _ => break,
        }
    }
    eprintln!(
        "{held} of {connections} screens connected ({} failed)",
        failed.load(Ordering::Relaxed)
    );

    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let run = format!("{:x}", clock::now().unix_micros());
    let mut delays: Vec<f64> = Vec::new();
    let mut expected = start_count;
    for n in 0..pledges {
        let token = FormToken {
            campaign_id,
            issued_at: Timestamp::from_unix_micros(clock::now().unix_micros() - 5_000_000),
            idempotency_key: format!("live-{run}-{n}"),
        }
        .sign(&secret);
        let email = format!("screen{n}.{run}@bench.example");
        let answer = http
            .post(format!("http://{addr}/demo/open-roads/pledge"))
            .form(&[
                ("token", token.as_str()),
                ("name", "Bench Fan"),
                ("email", email.as_str()),
                ("country", "Benchland"),
                ("consent", "on"),
            ])
            .send()
            .await?;
        anyhow::ensure!(
            answer.status() == 303,
            "the pledge was answered {}",
            answer.status()
        );
        let confirm = forms
            .confirmation_path(&store, forms.campaign_id, &email)
            .await?;
        let confirmed = http.get(format!("http://{addr}{confirm}")).send().await?;
        let answered = Instant::now();
        anyhow::ensure!(
            confirmed.status() == 303,
            "the confirmation was answered {}",
            confirmed.status()
        );
        expected += 1;
        // Every held screen must show the new count.
        let mut updated = 0;
        let deadline = answered + Duration::from_secs(10);
        while updated < held {
            let Ok(Some((people, at))) =
                tokio::time::timeout_at(deadline.into(), seen_rx.recv()).await
            else {
                break;
            };
            if people >= expected {
                updated += 1;
                delays.push(at.saturating_duration_since(answered).as_secs_f64() * 1000.0);
            }
        }
        eprintln!("pledge {}: {updated} of {held} screens updated", n + 1);
        tokio::time::sleep(Duration::from_millis(500)).await;
        while seen_rx.try_recv().is_ok() {}
    }
    let _ = stop_tx.send(());
    delays.sort_by(f64::total_cmp);
    println!(
        "{held} {:.1} {:.1} {:.1} {}",
        percentile(&delays, 0.5),
        percentile(&delays, 0.99),
        delays.last().copied().unwrap_or(f64::NAN),
        delays.len()
    );
    Ok(())
}
