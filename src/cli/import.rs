//! `chorus import impressions FILE --org SLUG --campaign SLUG --platform NAME [--map …]` and
//! `chorus import attendance FILE --org SLUG`: the same imports as `/admin/{org}/reports`, for
//! scripts; `chorus import stops FILE --org SLUG --tour ID`: a tour's stops, as on its page
//! (all or none, in one transaction). Every bad row is named by line and column and nothing is stored; rows are written
//! in chunks with a progress bar, and importing the same file again replaces, never adds (so a
//! run cut short is finished by running it again).

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};

use super::{open, org_of};
use crate::clock;
use crate::config::DatabaseArgs;
use crate::domain::audit::Actor;
use crate::domain::ids::TourId;
use crate::domain::impressions::{
    parse_attendance_csv, parse_impressions_csv, parse_mapping, Platform,
};
use crate::domain::spreadsheet::{sentences, RowProblem};
use crate::domain::stops_import::parse_stops_csv;
use crate::report::imports;

/// Rows written per transaction.
const CHUNK: usize = 500;

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Social impressions and reach per post, from a platform's post export (CSV).
    Impressions {
        file: PathBuf,
        #[arg(long)]
        org: String,
        /// The campaign the posts were about (its slug).
        #[arg(long)]
        campaign: String,
        /// instagram, facebook, youtube, tiktok or x.
        #[arg(long, value_parser = |s: &str| Platform::parse(s))]
        platform: Platform,
        /// Columns by hand: `impressions=Views;link=Description` (fields: post, date,
        /// impressions, reach, link).
        #[arg(long, default_value = "")]
        map: String,
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// A tour's stops, one row each (CSV columns: title, city, country, time_zone, starts_at,
    /// and optionally kind, venue, capacity, attendance, attendance_source); all or none.
    Stops {
        file: PathBuf,
        #[arg(long)]
        org: String,
        /// The tour's id (its page's address ends with it).
        #[arg(long)]
        tour: i64,
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Attendance per engagement (CSV columns: engagement, attendance, source).
    Attendance {
        file: PathBuf,
        #[arg(long)]
        org: String,
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

fn read(file: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(file).with_context(|| {
        format!(
            "cannot read {} (it must be a CSV file in UTF-8)",
            file.display()
        )
    })
}

fn refused(file: &Path, problems: &[RowProblem]) -> anyhow::Error {
    anyhow::anyhow!(
        "{}: nothing imported, {} problem(s):\n{}",
        file.display(),
        problems.len(),
        sentences(problems).join("\n")
    )
}

fn progress(total: usize) -> ProgressBar {
    let bar = ProgressBar::new(total as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} rows ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

pub async fn run(command: ImportCommand) -> anyhow::Result<()> {
    match command {
        ImportCommand::Impressions {
            file,
            org,
            campaign,
            platform,
            map,
            dry_run,
            database,
        } => {
            let mapping = parse_mapping(&map).map_err(|e| anyhow::anyhow!("--map: {e}"))?;
            let posts = parse_impressions_csv(&read(&file)?, platform, &mapping)
                .map_err(|problems| refused(&file, &problems))?;
            let store = open(&database).await?;
            let result = async {
                let org = org_of(&store, &org).await?;
                let campaign = store
                    .campaign_by_slug(org.id, &campaign)
                    .await?
                    .with_context(|| format!("--campaign: '{}' has no campaign '{campaign}'", org.slug))?;
                let rows = imports::place_posts(&store, org.id, campaign.id, platform, &posts).await?;
                let linked = rows.iter().filter(|r| r.touchpoint.is_some()).count();
                if dry_run {
                    println!(
                        "{} posts ({linked} linked to a touchpoint) would be imported into '{}'; nothing stored (--dry-run).",
                        rows.len(),
                        campaign.settings.slug
                    );
                    return Ok(());
                }
                let bar = progress(rows.len());
                let source = format!("{} export {}", platform.as_str(), file.display());
                for chunk in rows.chunks(CHUNK) {
                    store
                        .import_impressions(org.id, chunk, &source, &Actor::command_line(), clock::now())
                        .await?;
                    bar.inc(chunk.len() as u64);
                }
                bar.finish_and_clear();
                println!(
                    "Imported {} posts ({linked} linked to a touchpoint) into '{}'; posts imported before were replaced.",
                    rows.len(),
                    campaign.settings.slug
                );
                Ok(())
            }
            .await;
            store.close().await;
            result
        }
        ImportCommand::Stops {
            file,
            org,
            tour,
            dry_run,
            database,
        } => {
            let stops = parse_stops_csv(&read(&file)?, tour)
                .map_err(|problems| refused(&file, &problems))?;
            let store = open(&database).await?;
            let result = async {
                let org = org_of(&store, &org).await?;
                let tour = store
                    .tour(org.id, TourId(tour))
                    .await?
                    .with_context(|| format!("--tour: '{}' has no tour {tour}", org.slug))?;
                if dry_run {
                    println!(
                        "{} stop(s) would be added to '{}'; nothing stored (--dry-run).",
                        stops.len(),
                        tour.settings.name
                    );
                    return Ok(());
                }
                let (actor, now) = (Actor::command_line(), clock::now());
                let added = store
                    .import_stops(org.id, tour.id, &stops, &actor, now)
                    .await?;
                println!("Added {added} stop(s) to '{}'.", tour.settings.name);
                Ok(())
            }
            .await;
            store.close().await;
            result
        }
        ImportCommand::Attendance {
            file,
            org,
            dry_run,
            database,
        } => {
            let rows = parse_attendance_csv(&read(&file)?)
                .map_err(|problems| refused(&file, &problems))?;
            let store = open(&database).await?;
            let result = async {
                let org = org_of(&store, &org).await?;
                let foreign = imports::foreign_engagements(&store, org.id, &rows).await?;
                if !foreign.is_empty() {
                    return Err(refused(&file, &foreign));
                }
                if dry_run {
                    println!(
                        "The attendance of {} events would be set; nothing stored (--dry-run).",
                        rows.len()
                    );
                    return Ok(());
                }
                let bar = progress(rows.len());
                for chunk in rows.chunks(CHUNK) {
                    store
                        .import_attendance(
                            org.id,
                            chunk,
                            &file.display().to_string(),
                            &Actor::command_line(),
                            clock::now(),
                        )
                        .await?;
                    bar.inc(chunk.len() as u64);
                }
                bar.finish_and_clear();
                println!("Set the attendance of {} events.", rows.len());
                Ok(())
            }
            .await;
            store.close().await;
            result
        }
    }
}
