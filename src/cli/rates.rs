//! `chorus rates import FILE --org SLUG [--dry-run]`: the ECB's reference-rate CSV (historical or
//! daily form) into an organization's exchange rates; every bad row is named by line and column
//! and nothing is stored. `chorus rates show --org SLUG --currency USD --date 2024-01-06`: the
//! rate a gift of that day would use, and the day it comes from. `chorus rates set` enters one
//! rate by hand.

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use jiff::civil::Date;

use super::{open, org_of};
use crate::clock;
use crate::config::DatabaseArgs;
use crate::domain::audit::Actor;
use crate::domain::exchange::{parse_ecb_csv, Rate, RateTable, ECB_BASE};
use crate::domain::money::Currency;

#[derive(Subcommand, Debug)]
pub enum RatesCommand {
    /// Import exchange rates from the ECB's CSV; re-importing a day replaces its rates.
    Import {
        file: PathBuf,
        #[arg(long)]
        org: String,
        /// Check the file and say what would be imported, without storing anything.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Enter one rate by hand: units of CURRENCY per one euro on a day (replaces that day's).
    Set {
        #[arg(long)]
        org: String,
        #[arg(long, value_parser = |s: &str| Currency::parse(s).map_err(|e| e.to_string()))]
        currency: Currency,
        #[arg(long, value_parser = |s: &str| s.parse::<Date>().map_err(|_| format!("'{s}' is not a date (YYYY-MM-DD)")))]
        date: Date,
        /// Units of the currency per one euro, as the ECB writes it (e.g. 1.0921).
        #[arg(long, value_parser = |s: &str| Rate::parse(s).map_err(|e| e.to_string()))]
        rate: Rate,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// The rate of a currency on a day (or the latest earlier day with one).
    Show {
        #[arg(long)]
        org: String,
        #[arg(long, value_parser = |s: &str| Currency::parse(s).map_err(|e| e.to_string()))]
        currency: Currency,
        #[arg(long, value_parser = |s: &str| s.parse::<Date>().map_err(|_| format!("'{s}' is not a date (YYYY-MM-DD)")))]
        date: Date,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub async fn run(command: RatesCommand) -> anyhow::Result<()> {
    match command {
        RatesCommand::Import {
            file,
            org,
            dry_run,
            database,
        } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let table = parse_ecb_csv(&text).map_err(|problems| {
                let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
                anyhow::anyhow!(
                    "{}: nothing imported, {} problem(s):\n{}",
                    file.display(),
                    lines.len(),
                    lines.join("\n")
                )
            })?;
            let days = table.days().count();
            let rates: usize = table.days().map(|(_, rates)| rates.len()).sum();
            let span = match (table.days().next(), table.days().last()) {
                (Some((first, _)), Some((last, _))) => format!("{first} to {last}"),
                _ => "no days".to_owned(),
            };
            let store = open(&database).await?;
            let result = async {
                let org = org_of(&store, &org).await?;
                if dry_run {
                    println!("{rates} rates over {days} days ({span}) would be imported into '{}'; nothing stored (--dry-run).", org.slug);
                    return Ok(());
                }
                let written = store
                    .import_rates(org.id, &table, &Actor::command_line(), clock::now())
                    .await?;
                println!("Imported {written} rates over {days} days ({span}) into '{}'.", org.slug);
                Ok(())
            }
            .await;
            store.close().await;
            result
        }
        RatesCommand::Set {
            org,
            currency,
            date,
            rate,
            database,
        } => {
            let base = Currency::parse(ECB_BASE)?;
            if currency == base {
                anyhow::bail!(
                    "--currency: rates are per one {ECB_BASE}; {ECB_BASE} itself is always 1"
                );
            }
            let mut table = RateTable::new(base);
            table.insert(date, currency, rate);
            let store = open(&database).await?;
            let result = async {
                let org = org_of(&store, &org).await?;
                store
                    .import_rates(org.id, &table, &Actor::command_line(), clock::now())
                    .await?;
                println!(
                    "1 {} = {rate} {} on {date}, set for '{}'.",
                    base.code(),
                    currency.code(),
                    org.slug
                );
                Ok(())
            }
            .await;
            store.close().await;
            result
        }
        RatesCommand::Show {
            org,
            currency,
            date,
            database,
        } => {
            let store = open(&database).await?;
            let result = async {
                let org = org_of(&store, &org).await?;
                let base = Currency::parse(ECB_BASE)?;
                let table = store.rate_table(org.id, base).await?;
                let (day, rate) = table.rate(currency, date)?;
                let note = if day == date {
                    String::new()
                } else {
                    format!(" (no rate on {date}: the latest earlier day's)")
                };
                println!(
                    "1 {} = {rate} {} on {day}{note}",
                    base.code(),
                    currency.code()
                );
                Ok(())
            }
            .await;
            store.close().await;
            result
        }
    }
}
