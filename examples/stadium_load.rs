//! The stadium night as a load (`bench/stadium.sh`): FANS fans arrive evenly over SECONDS
//! through BASE (a balancer, or one Chorus); each scans the venue's QR code (`/t/DEMQ222/q`),
//! loads the campaign page it leads to, and one in PLEDGE_EVERY fetches the pledge form and
//! pledges three seconds later, then follows the emailed confirmation link (made with the
//! installation's secret, read from DATABASE_URL). Meanwhile SCREENS venue screens follow the
//! campaign's server-sent events.
//!
//!   cargo run --release --example stadium_load -- BASE DATABASE_URL FANS SECONDS SCREENS PLEDGE_EVERY ACKED_FILE
//!
//! Prints one line per step (requests, per second, p50, p99, errors), the pledges acknowledged,
//! and the screens' last count; writes each acknowledged pledge's email to ACKED_FILE. Then,
//! with the servers stopped:
//!
//!   cargo run --release --example stadium_load -- check DATABASE_URL ACKED_FILE SCANS
//!
//! checks that every acknowledged pledge is stored exactly once (and counts the stored ones
//! nobody saw acknowledged: answers lost with a killed process), that the visits stored are
//! the SCANS answered, and prints the confirmed count the screens should show.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chorus::store::Store;
use demo_forms::DemoForms;
use futures_util::StreamExt;

mod demo_forms;

const CODE: &str = "DEMQ222";

/// Latencies and errors per step.
#[derive(Default)]
struct Steps(Mutex<BTreeMap<&'static str, (Vec<Duration>, usize)>>);

impl Steps {
    fn record(&self, step: &'static str, took: Duration, ok: bool) {
        let mut steps = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let entry = steps.entry(step).or_default();
        if ok {
            entry.0.push(took);
        } else {
            entry.1 += 1;
        }
    }
}

/// The token of the pledge form in `html`.
fn form_token(html: &str) -> Option<String> {
    let marker = "name=\"token\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_owned())
}

/// How long a fan takes to fill in the pledge form (Chorus refuses forms sent back within two
/// seconds: a person cannot).
const FILLING: Duration = Duration::from_secs(3);

/// One fan: scan, page, and maybe the pledge form. Returns the form's token when this fan
/// goes on to pledge.
async fn fan(
    http: &reqwest::Client,
    base: &str,
    number: usize,
    pledge_every: usize,
    steps: &Steps,
) -> Option<String> {
    let started = Instant::now();
    let scan = http.get(format!("{base}/t/{CODE}/q")).send().await;
    let location = match scan {
        Ok(answer) if answer.status().is_redirection() => answer
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .map(str::to_owned),
        _ => None,
    };
    steps.record("scan", started.elapsed(), location.is_some());
    let location = location?;
    let page_url = if location.starts_with("http") {
        location
    } else {
        format!("{base}{location}")
    };
    let started = Instant::now();
    let page = http.get(&page_url).send().await;
    let ok = matches!(&page, Ok(answer) if answer.status().is_success());
    if let Ok(answer) = page {
        let _ = answer.bytes().await;
    }
    steps.record("page", started.elapsed(), ok);
    if number % pledge_every != 0 {
        return None;
    }
    let started = Instant::now();
    let form = match http
        .get(format!("{base}/demo/open-roads/pledge?lang=en&tp={CODE}"))
        .send()
        .await
    {
        Ok(answer) if answer.status().is_success() => answer.text().await.ok(),
        _ => None,
    };
    let token = form.as_deref().and_then(form_token);
    steps.record("form", started.elapsed(), token.is_some());
    token
}

/// The pledge of fan `number`, with the token of the form it filled in. Returns its email
/// when Chorus acknowledged it.
async fn pledge(
    http: &reqwest::Client,
    base: &str,
    number: usize,
    token: String,
    steps: &Steps,
) -> Option<String> {
    let email = format!("fan{number}-{}@stadium.example", std::process::id());
    let started = Instant::now();
    let answer = http
        .post(format!("{base}/demo/open-roads/pledge"))
        .form(&[
            ("token", token.as_str()),
            ("name", "Stadium Fan"),
            ("email", email.as_str()),
            ("country", "Benchland"),
            ("consent", "on"),
            ("lang", "en"),
        ])
        .send()
        .await;
    let acknowledged = matches!(&answer, Ok(a) if a.status() == reqwest::StatusCode::SEE_OTHER);
    steps.record("pledge", started.elapsed(), acknowledged);
    acknowledged.then_some(email)
}

/// The fan follows the link of the confirmation email.
async fn confirm(
    http: &reqwest::Client,
    base: &str,
    email: &str,
    link: (&DemoForms, &Store),
    steps: &Steps,
) {
    let Ok(path) = link.0.confirmation_path(link.1, email).await else {
        steps.record("confirm", Duration::ZERO, false);
        return;
    };
    let started = Instant::now();
    let answer = http.get(format!("{base}{path}")).send().await;
    let ok = matches!(&answer, Ok(a) if a.status() == reqwest::StatusCode::SEE_OTHER);
    steps.record("confirm", started.elapsed(), ok);
}

/// One venue screen: keeps the last `people` it was shown.
async fn screen(base: String, last: Arc<AtomicI64>, open: Arc<AtomicUsize>) {
    loop {
        let Ok(answer) = reqwest::get(format!("{base}/demo/open-roads/live/events")).await else {
            tokio::time::sleep(Duration::from_millis(500)).await;
            continue;
        };
        open.fetch_add(1, Ordering::Relaxed);
        let mut events = answer.bytes_stream();
        let mut seen = String::new();
        while let Some(Ok(chunk)) = events.next().await {
            seen.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = seen.find("\n\n") {
                let event: String = seen.drain(..end + 2).collect();
                if let Some(at) = event.find("\"people\":") {
                    let digits: String = event[at + 9..]
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    if let Ok(people) = digits.parse() {
                        last.store(people, Ordering::Relaxed);
                    }
                }
            }
        }
        // Cut (a process killed): the screen reconnects, as its script does.
        open.fetch_sub(1, Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1_000.0
}

/// The stadium's pledges stored, per email, the scans' visits stored, and the confirmed pledges.
async fn stored(database: &str) -> anyhow::Result<(BTreeMap<String, i64>, i64, i64)> {
    const PLEDGES: &str =
        "SELECT s.email, COUNT(*) FROM actions a JOIN supporters s ON s.id = a.supporter_id \
         WHERE a.kind = 'pledge' AND s.email LIKE '%@stadium.example' GROUP BY s.email";
    const SCANS: &str = "SELECT COUNT(*) FROM visits WHERE source = 'scan'";
    const CONFIRMED: &str =
        "SELECT COUNT(*) FROM actions WHERE kind = 'pledge' AND status = 'confirmed'";
    if let Some(path) = database.strip_prefix("sqlite://") {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{path}")).await?;
        let pledges: Vec<(String, i64)> = sqlx::query_as(PLEDGES).fetch_all(&pool).await?;
        let scans: i64 = sqlx::query_scalar(SCANS).fetch_one(&pool).await?;
        let confirmed: i64 = sqlx::query_scalar(CONFIRMED).fetch_one(&pool).await?;
        Ok((pledges.into_iter().collect(), scans, confirmed))
    } else {
        let pool = sqlx::PgPool::connect(database).await?;
        let pledges: Vec<(String, i64)> = sqlx::query_as(PLEDGES).fetch_all(&pool).await?;
        let scans: i64 = sqlx::query_scalar(SCANS).fetch_one(&pool).await?;
        let confirmed: i64 = sqlx::query_scalar(CONFIRMED).fetch_one(&pool).await?;
        Ok((pledges.into_iter().collect(), scans, confirmed))
    }
}

async fn check(database: &str, acked_file: &str, scans: i64) -> anyhow::Result<()> {
    let acked: Vec<String> = std::fs::read_to_string(acked_file)?
        .lines()
        .map(str::to_owned)
        .collect();
    let (pledges, visits, confirmed) = stored(database).await?;
    let missing = acked.iter().filter(|e| !pledges.contains_key(*e)).count();
    let twice = pledges.values().filter(|n| **n > 1).count();
    let unseen = pledges.len() - (acked.len() - missing);
    println!(
        "pledges: {} acknowledged, {} of them stored, {missing} missing, {twice} stored twice or more, {unseen} stored whose answer was lost",
        acked.len(),
        acked.len() - missing
    );
    println!("visits: {scans} scans answered, {visits} stored");
    println!("confirmed pledges in the database: {confirmed}");
    anyhow::ensure!(
        missing == 0 && twice == 0,
        "acknowledged pledges lost or doubled"
    );
    anyhow::ensure!(visits >= scans, "answered scans without their visit");
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if let [_, command, database, acked_file, scans] = args.as_slice() {
        if command == "check" {
            return check(database, acked_file, scans.parse()?).await;
        }
    }
    let [_, base, database, fans, seconds, screens, pledge_every, acked_file] = args.as_slice()
    else {
        anyhow::bail!(
            "usage: stadium_load BASE DATABASE_URL FANS SECONDS SCREENS PLEDGE_EVERY ACKED_FILE"
        );
    };
    let forms = Arc::new(DemoForms::read(database).await?);
    let store = Arc::new(DemoForms::open(database).await?);
    let (fans, seconds): (usize, f64) = (fans.parse()?, seconds.parse()?);
    let (screens, pledge_every): (usize, usize) = (screens.parse()?, pledge_every.parse()?);
    let base = base.trim_end_matches('/').to_owned();

    let last = Arc::new(AtomicI64::new(-1));
    let open = Arc::new(AtomicUsize::new(0));
    for _ in 0..screens {
        tokio::spawn(screen(base.clone(), last.clone(), open.clone()));
    }
    while open.load(Ordering::Relaxed) < screens {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Phones: each fan on a connection of its own would exhaust the ports; a pool per worker
    // is a few hundred phones at once, which is what the venue's crowd is at any instant.
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(256)
        .timeout(Duration::from_secs(30))
        .build()?;
    let steps = Arc::new(Steps::default());
    let pledges = Arc::new(Mutex::new(Vec::new()));
    let next = Arc::new(AtomicUsize::new(0));
    let interval = Duration::from_secs_f64(seconds / fans as f64);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..512 {
        let (http, base, steps) = (http.clone(), base.clone(), steps.clone());
        let (pledges, next) = (pledges.clone(), next.clone());
        let (forms, store) = (forms.clone(), store.clone());
        workers.push(tokio::spawn(async move {
            loop {
                let number = next.fetch_add(1, Ordering::Relaxed);
                if number >= fans {
                    return;
                }
                // Fans arrive evenly: each waits for its moment.
                tokio::time::sleep_until((started + interval * number as u32).into()).await;
                if let Some(token) = fan(&http, &base, number, pledge_every, &steps).await {
                    let (http, base, steps) = (http.clone(), base.clone(), steps.clone());
                    let (forms, store) = (forms.clone(), store.clone());
                    let filled = tokio::spawn(async move {
                        tokio::time::sleep(FILLING).await;
                        let email = pledge(&http, &base, number, token, &steps).await?;
                        // The email arrives; the fan opens it a moment later.
                        tokio::time::sleep(Duration::from_secs(2)).await;
                        confirm(&http, &base, &email, (&forms, &store), &steps).await;
                        Some(email)
                    });
                    pledges
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(filled);
                }
            }
        }));
    }
    for worker in workers {
        worker.await?;
    }
    let filled = std::mem::take(&mut *pledges.lock().unwrap_or_else(|e| e.into_inner()));
    let mut acked = Vec::new();
    for pledge in filled {
        acked.extend(pledge.await?);
    }
    let elapsed = started.elapsed().as_secs_f64();

    let steps = std::mem::take(&mut *steps.0.lock().unwrap_or_else(|e| e.into_inner()));
    println!("{fans} fans in {elapsed:.1} s through {base}, {screens} screens, a pledge every {pledge_every} fans");
    for (step, (latencies, errors)) in steps.iter() {
        let mut sorted = latencies.clone();
        sorted.sort();
        println!(
            "{step}: {} answered, {:.0}/s, p50 {:.2} ms, p99 {:.2} ms, {errors} errors",
            sorted.len(),
            sorted.len() as f64 / elapsed,
            percentile(&sorted, 0.50),
            percentile(&sorted, 0.99),
        );
    }
    println!("pledges acknowledged: {}", acked.len());
    // The screens' last count, after the last changes have had time to travel.
    tokio::time::sleep(Duration::from_secs(3)).await;
    println!(
        "screens open: {} of {screens}, last count shown: {}",
        open.load(Ordering::Relaxed),
        last.load(Ordering::Relaxed)
    );
    let mut file = std::io::BufWriter::new(std::fs::File::create(acked_file)?);
    for email in acked.iter() {
        writeln!(file, "{email}")?;
    }
    file.flush()?;
    Ok(())
}
