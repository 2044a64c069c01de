//! The stadium night as a load (`bench/stadium.sh`): FANS fans arrive evenly over SECONDS
//! through BASE (a balancer, or one Chorus); each scans the venue's QR code (`/t/DEMQ222/q`),
//! loads the campaign page it leads to, and one in PLEDGE_EVERY fetches the tour fund's pledge
//! form and pledges three seconds later, then follows the emailed confirmation link (made with
//! the installation's secret, read from DATABASE_URL). Meanwhile SCREENS venue screens follow
//! the tour fund's server-sent events, and a third of the way in a staff member (STAFF_EMAIL,
//! STAFF_PASSWORD) signs in and re-points the tour's codes to the flood appeal: every scan
//! begun after that is answered must lead there. With PROBE_SCREEN_BASE and PROBE_PLEDGE_BASE
//! (two processes behind the balancer), a probe measures how long a pledge confirmed through
//! one process takes to show on a screen served by the other.
//!
//!   cargo run --release --example stadium_load -- BASE DATABASE_URL FANS SECONDS SCREENS \
//!       PLEDGE_EVERY ACKED_FILE STAFF_EMAIL STAFF_PASSWORD [PROBE_SCREEN_BASE PROBE_PLEDGE_BASE]
//!
//! Prints one line per step (requests, per second, p50, p99, errors), the pledges acknowledged,
//! the re-point, the probe's times and the screens' last count; writes each acknowledged
//! pledge's email to ACKED_FILE. Then, with the servers stopped:
//!
//!   cargo run --release --example stadium_load -- check DATABASE_URL ACKED_FILE SCANS [killed]
//!
//! checks that every acknowledged pledge is stored exactly once (and counts the stored ones
//! nobody saw acknowledged: answers lost with a killed process), that the visits stored are
//! the SCANS answered (with `killed`, counts the ones a killed process lost), and prints the tour fund's confirmed count the screens should show.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chorus::domain::ids::OrgId;
use chorus::store::Store;
use demo_forms::DemoForms;
use futures_util::StreamExt;

mod demo_forms;

const CODE: &str = "DEMQ222";
/// The campaign the venue's codes open, whose screens the venue shows and where fans pledge.
const TOUR_FUND: &str = "open-roads";
/// Where staff re-point the tour's codes mid-run (an emergency appeal).
const APPEAL: &str = "flood-appeal";
/// The quiet campaign the probe pledges on (nobody else does), so that its screen moves only
/// with the probe's pledges.
const PROBED: &str = "safe-migration";

/// The re-point mid-run, and what the scans saw of it: a scan that started after staff had the
/// re-point acknowledged must lead to the appeal, whichever process answers it.
#[derive(Default)]
struct Repoint {
    acknowledged: std::sync::OnceLock<Instant>,
    to_appeal: AtomicUsize,
    stale: AtomicUsize,
}

impl Repoint {
    /// Notes where a scan that started at `started` led.
    fn saw(&self, started: Instant, location: &str) {
        if location.contains(&format!("/demo/{APPEAL}")) {
            self.to_appeal.fetch_add(1, Ordering::Relaxed);
        } else if self.acknowledged.get().is_some_and(|at| started > *at) {
            self.stale.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// A staff member signs in through `base`, makes the appeal live and re-points every code of
/// the demo tour to it, as the touchpoints page does. Returns how long the re-point took to
/// answer.
async fn repoint(
    base: &str,
    (email, password): (&str, &str),
    (forms, store): (&DemoForms, &Store),
) -> anyhow::Result<Duration> {
    let org = OrgId(forms.org_id);
    let tour = store.tours(org, false).await?;
    let tour = tour
        .first()
        .ok_or_else(|| anyhow::anyhow!("the demo has no tour"))?;
    let appeal = store
        .campaign_by_slug(org, APPEAL)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo campaign {APPEAL}"))?;
    let staff = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let signed_in = staff
        .post(format!("{base}/admin/login"))
        .form(&[("email", email), ("password", password), ("next", "/admin")])
        .send()
        .await?;
    anyhow::ensure!(signed_in.status() == 303, "sign-in: {}", signed_in.status());
    let page = staff
        .get(format!("{base}/admin/demo/touchpoints"))
        .send()
        .await?
        .text()
        .await?;
    let csrf = hidden_field(&page, "csrf")
        .ok_or_else(|| anyhow::anyhow!("the touchpoints page has no form"))?;
    let csrf = csrf.as_str();
    // The appeal waits as a draft in the demo, as a standing appeal does: launched first.
    let launched = staff
        .post(format!(
            "{base}/admin/demo/campaigns/{}/status",
            appeal.id.0
        ))
        .form(&[("csrf", csrf), ("status", "live")])
        .send()
        .await?;
    anyhow::ensure!(
        launched.status().is_success() || launched.status().is_redirection(),
        "launching the appeal: {}",
        launched.status()
    );
    let started = Instant::now();
    let answer = staff
        .post(format!("{base}/admin/demo/touchpoints/repoint"))
        .form(&[
            ("csrf", csrf),
            ("scope", &format!("tour:{}", tour.id.0)),
            ("campaign_id", &appeal.id.0.to_string()),
        ])
        .send()
        .await?;
    let took = started.elapsed();
    let status = answer.status();
    let page = answer.text().await?;
    anyhow::ensure!(
        status == 200 && page.contains("Re-pointed"),
        "re-point answered {status}"
    );
    Ok(took)
}

/// The pledge-to-screen probe: a screen follows the quiet campaign on `screen_base` while, every
/// two seconds, a fan pledges on it through `pledge_base` (another process) and confirms.
struct Probe {
    screen_base: String,
    pledge_base: String,
}

impl Probe {
    /// Runs until `until`; returns what the screen was shown (when, and the count) and when each
    /// confirmation was answered.
    async fn run(
        &self,
        http: &reqwest::Client,
        (forms, store): (Arc<DemoForms>, Arc<Store>),
        until: Instant,
    ) -> anyhow::Result<(Vec<(Instant, i64)>, Vec<Instant>)> {
        let campaign = store
            .campaign_by_slug(OrgId(forms.org_id), PROBED)
            .await?
            .ok_or_else(|| anyhow::anyhow!("no demo campaign {PROBED}"))?
            .id
            .0;
        let shown = Arc::new(Mutex::new(Vec::new()));
        let open = Arc::new(AtomicUsize::new(0));
        let screen = tokio::spawn({
            let (base, shown, open) = (self.screen_base.clone(), shown.clone(), open.clone());
            async move {
                let record = move |people| {
                    let mut shown = shown.lock().unwrap_or_else(|e| e.into_inner());
                    shown.push((Instant::now(), people));
                };
                screen(base, PROBED, record, open).await;
            }
        });
        while open.load(Ordering::Relaxed) == 0 {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let steps = Arc::new(Steps::default());
        let mut fans = Vec::new();
        let mut number = 0;
        while Instant::now() < until {
            number += 1;
            let (http, base, steps) = (http.clone(), self.pledge_base.clone(), steps.clone());
            let (forms, store) = (forms.clone(), store.clone());
            fans.push(tokio::spawn(async move {
                let token = pledge_form(&http, &base, PROBED).await?;
                tokio::time::sleep(FILLING).await;
                let email = format!("probe{number}-{}@probe.example", std::process::id());
                let email = pledge(&http, (&base, PROBED), email, token, &steps).await?;
                confirm(&http, &base, (campaign, &email), (&forms, &store), &steps).await
            }));
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
        let mut confirmed = Vec::new();
        for fan in fans {
            confirmed.extend(fan.await?);
        }
        // The last confirmations' time to travel.
        tokio::time::sleep(Duration::from_secs(3)).await;
        screen.abort();
        let shown = std::mem::take(&mut *shown.lock().unwrap_or_else(|e| e.into_inner()));
        confirmed.sort();
        Ok((shown, confirmed))
    }
}

/// How long after each confirmation was answered the screen showed a count that includes it:
/// the n-th confirmation answered is in every count from `first shown + n` on (counts only
/// grow on the probed campaign). `None` for one never shown.
fn travel_times(shown: &[(Instant, i64)], confirmed: &[Instant]) -> Vec<Option<Duration>> {
    let Some((_, before)) = shown.first() else {
        return vec![None; confirmed.len()];
    };
    confirmed
        .iter()
        .zip(1..)
        .map(|(answered, n)| {
            shown
                .iter()
                .find(|(_, people)| *people >= before + n)
                .map(|(at, _)| at.saturating_duration_since(*answered))
        })
        .collect()
}

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

/// The value of the first hidden field `name` of a form in `html` (the pledge form's `token`,
/// a staff form's `csrf`).
fn hidden_field(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let (_, rest) = html.split_once(&marker)?;
    Some(rest.split('"').next()?.to_owned())
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
    (steps, repoint): (&Steps, &Repoint),
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
    repoint.saw(started, &location);
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
    let token = pledge_form(http, base, TOUR_FUND).await;
    steps.record("form", started.elapsed(), token.is_some());
    token
}

/// The token of the campaign's pledge form.
async fn pledge_form(http: &reqwest::Client, base: &str, campaign: &str) -> Option<String> {
    let form = match http
        .get(format!("{base}/demo/{campaign}/pledge?lang=en&tp={CODE}"))
        .send()
        .await
    {
        Ok(answer) if answer.status().is_success() => answer.text().await.ok(),
        _ => None,
    };
    hidden_field(form.as_deref()?, "token")
}

/// The pledge by `email` on `campaign`, with the token of the form its fan filled in. Returns
/// the email when Chorus acknowledged it.
async fn pledge(
    http: &reqwest::Client,
    (base, campaign): (&str, &str),
    email: String,
    token: String,
    steps: &Steps,
) -> Option<String> {
    let started = Instant::now();
    let answer = http
        .post(format!("{base}/demo/{campaign}/pledge"))
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

/// The fan follows the link of the confirmation email of its pledge on `campaign_id`. Returns
/// when the confirmation was answered, if it was.
async fn confirm(
    http: &reqwest::Client,
    base: &str,
    (campaign_id, email): (i64, &str),
    link: (&DemoForms, &Store),
    steps: &Steps,
) -> Option<Instant> {
    let Ok(path) = link.0.confirmation_path(link.1, campaign_id, email).await else {
        steps.record("confirm", Duration::ZERO, false);
        return None;
    };
    let started = Instant::now();
    let answer = http.get(format!("{base}{path}")).send().await;
    let ok = matches!(&answer, Ok(a) if a.status() == reqwest::StatusCode::SEE_OTHER);
    steps.record("confirm", started.elapsed(), ok);
    ok.then(Instant::now)
}

/// One venue screen following `campaign` at `base`: hands each count of `people` it is shown
/// to `shown`.
async fn screen(base: String, campaign: &str, shown: impl Fn(i64), open: Arc<AtomicUsize>) {
    loop {
        let Ok(answer) = reqwest::get(format!("{base}/demo/{campaign}/live/events")).await else {
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
                        shown(people);
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
    const CONFIRMED: &str = "SELECT COUNT(*) FROM actions \
         WHERE kind = 'pledge' AND status = 'confirmed' \
         AND campaign_id = (SELECT id FROM campaigns WHERE slug = 'open-roads')";
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

/// `killed`: a process was killed with SIGKILL during the run, losing the visits of the scans
/// it had just answered that were still queued for their batch: they are counted, not failed.
async fn check(database: &str, acked_file: &str, scans: i64, killed: bool) -> anyhow::Result<()> {
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
    if killed && visits < scans {
        println!(
            "visits lost with the killed process (answered, still queued for their batch): {}",
            scans - visits
        );
    } else {
        anyhow::ensure!(visits >= scans, "answered scans without their visit");
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if let [_, command, database, acked_file, scans, rest @ ..] = args.as_slice() {
        if command == "check" {
            let killed = rest.iter().any(|arg| arg == "killed");
            return check(database, acked_file, scans.parse()?, killed).await;
        }
    }
    let (run, probe) = match args.as_slice() {
        [_, run @ .., screen_base, pledge_base] if run.len() == 9 => (
            run,
            Some(Probe {
                screen_base: screen_base.trim_end_matches('/').to_owned(),
                pledge_base: pledge_base.trim_end_matches('/').to_owned(),
            }),
        ),
        [_, run @ ..] => (run, None),
        [] => anyhow::bail!("no arguments"),
    };
    let [base, database, fans, seconds, screens, pledge_every, acked_file, staff_email, staff_password] =
        run
    else {
        anyhow::bail!(
            "usage: stadium_load BASE DATABASE_URL FANS SECONDS SCREENS PLEDGE_EVERY ACKED_FILE \
             STAFF_EMAIL STAFF_PASSWORD [PROBE_SCREEN_BASE PROBE_PLEDGE_BASE]"
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
        let last = last.clone();
        let shown = move |people| last.store(people, Ordering::Relaxed);
        tokio::spawn(screen(base.clone(), TOUR_FUND, shown, open.clone()));
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
    let tour_fund = forms.campaign_id;
    let repointed = Arc::new(Repoint::default());
    // A third of the way in, staff send the tour's codes to the appeal.
    let staff = tokio::spawn({
        let (base, repointed) = (base.clone(), repointed.clone());
        let (forms, store) = (forms.clone(), store.clone());
        let login = (staff_email.clone(), staff_password.clone());
        async move {
            tokio::time::sleep(Duration::from_secs_f64(seconds / 3.0)).await;
            let took = repoint(&base, (&login.0, &login.1), (&forms, &store)).await;
            let _ = repointed.acknowledged.set(Instant::now());
            took
        }
    });
    let probing = probe.map(|probe| {
        let (http, forms, store) = (http.clone(), forms.clone(), store.clone());
        let until = started + Duration::from_secs_f64(seconds);
        tokio::spawn(async move { probe.run(&http, (forms, store), until).await })
    });
    let mut workers = Vec::new();
    for _ in 0..512 {
        let (http, base, steps) = (http.clone(), base.clone(), steps.clone());
        let (pledges, next, repointed) = (pledges.clone(), next.clone(), repointed.clone());
        let (forms, store) = (forms.clone(), store.clone());
        workers.push(tokio::spawn(async move {
            loop {
                let number = next.fetch_add(1, Ordering::Relaxed);
                if number >= fans {
                    return;
                }
                // Fans arrive evenly: each waits for its moment.
                tokio::time::sleep_until((started + interval * number as u32).into()).await;
                let seen = (&*steps, &*repointed);
                if let Some(token) = fan(&http, &base, number, pledge_every, seen).await {
                    let (http, base, steps) = (http.clone(), base.clone(), steps.clone());
                    let (forms, store) = (forms.clone(), store.clone());
                    let filled = tokio::spawn(async move {
                        tokio::time::sleep(FILLING).await;
                        let email = format!("fan{number}-{}@stadium.example", std::process::id());
                        let email = pledge(&http, (&base, TOUR_FUND), email, token, &steps).await?;
                        // The email arrives; the fan opens it a moment later.
                        tokio::time::sleep(Duration::from_secs(2)).await;
                        let pledged = (tour_fund, email.as_str());
                        confirm(&http, &base, pledged, (&forms, &store), &steps).await;
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
    match staff.await? {
        Ok(took) => println!(
            "re-point of the tour's codes to {APPEAL} at {:.0} s: answered in {:.0} ms; scans to \
             {APPEAL}: {}; scans started after it was answered that still led to {TOUR_FUND}: {}",
            seconds / 3.0,
            took.as_secs_f64() * 1_000.0,
            repointed.to_appeal.load(Ordering::Relaxed),
            repointed.stale.load(Ordering::Relaxed),
        ),
        Err(err) => println!("re-point failed: {err:#}"),
    }
    if let Some(probing) = probing {
        let (shown, confirmed) = probing.await??;
        let times = travel_times(&shown, &confirmed);
        let mut seen: Vec<Duration> = times.iter().flatten().copied().collect();
        seen.sort();
        println!(
            "pledge to screen on the other process: {} confirmed, {} shown, p50 {:.0} ms, max {:.0} ms",
            times.len(),
            seen.len(),
            percentile(&seen, 0.5),
            percentile(&seen, 1.0),
        );
    }
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
