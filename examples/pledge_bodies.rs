//! Prepares the requests of `bench/pledge.sh`: COUNT valid, distinct pledge forms for the demo
//! campaign, one URL-encoded body per line on standard output, for wrk to send (each once).
//!
//! Form tokens are signed with the installation's secret, read from its database, and dated a
//! few seconds back (as if each person had read the form first; they stay valid for a day);
//! each has its own idempotency key and email, so every body is a new person's pledge. The keys
//! are made by the server's own function, and the emails are random, as a crowd's are: keys or
//! emails in sequence (`bench-{n}`, `fan{n}@…`, once used here) land together in their indexes
//! and measure a cheaper write than a stadium's (about 1.5 times the pledges per second).
//!
//!   cargo run --release --example pledge_bodies -- DATABASE_URL COUNT > bodies.txt

mod demo_forms;

use std::io::Write;

use chorus::auth::token::{random_token, time_ordered_token};
use chorus::clock;
use chorus::domain::supporter::FormToken;
use chorus::domain::time::Timestamp;
use demo_forms::DemoForms;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, database, count] = args.as_slice() else {
        anyhow::bail!("usage: pledge_bodies DATABASE_URL COUNT");
    };
    let count: usize = count.parse()?;
    let DemoForms {
        campaign_id,
        secret,
        ..
    } = DemoForms::read(database).await?;

    let now = clock::now().unix_micros();
    let issued_at = Timestamp::from_unix_micros(now - 5_000_000);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for _ in 0..count {
        let token = FormToken {
            campaign_id,
            issued_at,
            // Made as the server makes them, one per person, each as it is prepared.
            idempotency_key: time_ordered_token(clock::now()),
        }
        .sign(&secret);
        // A crowd's addresses are in no order: each new supporter lands on a page of its own
        // in the supporters' index, as at a venue (numbered ones would land together).
        let person: String = random_token()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(16)
            .collect();
        let email = format!("{}@bench.example", person.to_lowercase());
        let body = serde_urlencoded::to_string([
            ("token", token.as_str()),
            ("name", "Bench Fan"),
            ("email", email.as_str()),
            ("country", "Benchland"),
            ("consent", "on"),
        ])?;
        writeln!(out, "{body}")?;
    }
    out.flush()?;
    Ok(())
}
