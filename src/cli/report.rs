//! `chorus report campaign SLUG --org SLUG --format pdf|csv|json --out FILE [--from DAY]
//! [--to DAY] [--table KEY]`: a campaign's impact report for scripts, with the same figures as
//! the dashboard (the same tables, built by `report::`).

use std::path::PathBuf;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use serde_json::json;

use super::{open, org_of};
use crate::clock;
use crate::config::DatabaseArgs;
use crate::domain::language::Language;
use crate::domain::period::Bounds;
use crate::report::{self, ReportQuery, Table};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Csv,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// One campaign's impact report.
    Campaign {
        /// The campaign's slug.
        campaign: String,
        #[arg(long)]
        org: String,
        #[arg(long, value_enum)]
        format: Format,
        /// Where to write it (`-` for standard output, except PDF).
        #[arg(long)]
        out: PathBuf,
        /// First day (YYYY-MM-DD); by default the campaign's first day (29 days before --to
        /// for a campaign without one, or one that starts after --to).
        #[arg(long, default_value = "")]
        from: String,
        /// Last day (YYYY-MM-DD), included; by default today (UTC).
        #[arg(long, default_value = "")]
        to: String,
        /// For CSV: which table (figures, funnel, stops, channels, days).
        #[arg(long, default_value = "figures")]
        table: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub async fn run(command: ReportCommand) -> anyhow::Result<()> {
    let ReportCommand::Campaign {
        campaign,
        org,
        format,
        out,
        from,
        to,
        table,
        database,
    } = command;
    if format == Format::Pdf && out.as_os_str() == "-" {
        anyhow::bail!("--out: a PDF goes to a file, not to standard output");
    }
    if format == Format::Csv && !Table::KEYS.contains(&table.as_str()) {
        anyhow::bail!(
            "--table: '{table}' is not a table; choose {}",
            Table::KEYS.join(", ")
        );
    }
    let store = open(&database).await?;
    let result = async {
        let org = org_of(&store, &org).await?;
        let found = store
            .campaign_by_slug(org.id, &campaign)
            .await?
            .with_context(|| format!("'{}' has no campaign '{campaign}'", org.slug))?;
        let today = clock::now().utc_date();
        let query = ReportQuery {
            campaign: found.id.0.to_string(),
            from,
            to,
            ..ReportQuery::default()
        };
        let scope = query
            .scope(
                today,
                &Bounds {
                    to_date_from: found.settings.starts_on,
                    ..Bounds::default()
                },
            )
            .map_err(|problems| {
                anyhow::anyhow!(
                    "{}",
                    problems
                        .join(" ")
                        .replace("From:", "--from:")
                        .replace("To:", "--to:")
                )
            })?;
        let bytes = match format {
            Format::Pdf => report::impact_pdf(&store, &org, &scope, &today.to_string()).await?,
            Format::Csv | Format::Json => {
                let loaded = report::load(&store, org.id, &scope).await?;
                let tables = report::tables(&loaded.report, &loaded.previous, Language::En);
                if format == Format::Csv {
                    let chosen = tables.iter().find(|t| t.key == table).context("table")?;
                    report::csv::table_csv(chosen).into_bytes()
                } else {
                    let document = json!({
                        "organization": org.slug,
                        "campaign": found.settings.slug,
                        "from": report::day_label(scope.from_day),
                        "to": report::day_label(scope.to_day - 1),
                        "reporting_currency": loaded.report.reporting_currency,
                        "tables": report::tables_json(&tables),
                    });
                    let mut text = serde_json::to_string_pretty(&document)?;
                    text.push('\n');
                    text.into_bytes()
                }
            }
        };
        if out.as_os_str() == "-" {
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
        } else {
            std::fs::write(&out, &bytes)
                .with_context(|| format!("--out: cannot write {}", out.display()))?;
            eprintln!("Wrote {} ({} bytes).", out.display(), bytes.len());
        }
        Ok(())
    }
    .await;
    store.close().await;
    result
}
