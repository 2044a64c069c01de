//! `chorus touchpoint list --org SLUG [--format table|csv|json]` and
//! `chorus touchpoint qr CODE --format svg|png --out FILE`: for the print shop and scripts.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use url::Url;

use crate::config::{parse_base_url, DatabaseArgs};
use crate::domain::qr;
use crate::domain::spreadsheet::SafeCsv;
use crate::domain::touchpoint::Code;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageFormat {
    Svg,
    Png,
}

#[derive(Subcommand, Debug)]
pub enum TouchpointCommand {
    /// List an organization's touchpoints: code, link, QR URL, channel, label, event, target.
    List {
        #[arg(long)]
        org: String,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
        /// Public URL the links are printed with.
        #[arg(long, env = "CHORUS_BASE_URL", value_parser = parse_base_url, default_value = "http://127.0.0.1:8080")]
        base_url: Url,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Write the QR code of one touchpoint to a file.
    Qr {
        #[arg(value_parser = |s: &str| Code::parse(s).map_err(|e| e.to_string()))]
        code: Code,
        #[arg(long, value_enum)]
        format: ImageFormat,
        #[arg(long)]
        out: PathBuf,
        /// Width in pixels (at least).
        #[arg(long, default_value_t = 1200, value_parser = clap::value_parser!(u32).range(128..=8192))]
        size: u32,
        #[arg(long, env = "CHORUS_BASE_URL", value_parser = parse_base_url, default_value = "http://127.0.0.1:8080")]
        base_url: Url,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub async fn run(command: TouchpointCommand) -> anyhow::Result<()> {
    match command {
        TouchpointCommand::List {
            org,
            format,
            base_url,
            database,
        } => {
            let store = Store::open(&database.resolve())
                .await
                .context("cannot open the database")?;
            let result = list(&store, &org, format, &base_url).await;
            store.close().await;
            result
        }
        TouchpointCommand::Qr {
            code,
            format,
            out,
            size,
            base_url,
            database,
        } => {
            let store = Store::open(&database.resolve())
                .await
                .context("cannot open the database")?;
            let found = store.touchpoint_by_code(&code).await;
            store.close().await;
            found?.with_context(|| format!("CODE: no touchpoint has the code {code}"))?;
            let url = format!("{}t/{code}/q", base_url.as_str());
            let bytes = match format {
                ImageFormat::Svg => qr::svg(&url, size)?.into_bytes(),
                ImageFormat::Png => qr::png(&url, size)?,
            };
            std::fs::write(&out, bytes)
                .with_context(|| format!("--out: cannot write {}", out.display()))?;
            println!("Wrote the QR code of {code} ({url}) to {}", out.display());
            Ok(())
        }
    }
}

async fn list(
    store: &Store,
    org_slug: &str,
    format: ListFormat,
    base_url: &Url,
) -> anyhow::Result<()> {
    let org = store
        .org_by_slug(org_slug)
        .await?
        .with_context(|| format!("--org: no organization has the slug '{org_slug}'"))?;
    let campaigns = store.campaigns(org.id, true).await?;
    let engagements = store.engagements(org.id, None).await?;
    let base = base_url.as_str().trim_end_matches('/');
    let rows: Vec<[String; 8]> = store
        .touchpoints(org.id)
        .await?
        .into_iter()
        .map(|t| {
            let target = campaigns
                .iter()
                .find(|c| c.id == t.campaign_id)
                .map(|c| c.settings.slug.clone())
                .unwrap_or_default();
            let engagement = t
                .engagement_id
                .and_then(|e| engagements.iter().find(|x| x.id == e))
                .map(|e| e.settings.title.clone())
                .unwrap_or_default();
            [
                t.code.clone(),
                format!("{base}/t/{}", t.code),
                format!("{base}/t/{}/q", t.code),
                t.channel.as_str().to_owned(),
                t.label,
                engagement,
                target,
                if t.retired {
                    "retired".into()
                } else {
                    "active".into()
                },
            ]
        })
        .collect();
    let headers = [
        "code",
        "link",
        "qr_url",
        "channel",
        "label",
        "engagement",
        "target",
        "state",
    ];
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        ListFormat::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    headers
                        .iter()
                        .zip(r)
                        .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone())))
                        .collect()
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
        }
        ListFormat::Csv => {
            let mut sheet = SafeCsv::default();
            sheet.text_row(headers);
            for row in &rows {
                sheet.text_row(row);
            }
            out.write_all(&sheet.into_bytes())?;
        }
        ListFormat::Table => {
            for row in &rows {
                writeln!(
                    out,
                    "{}  {}  {}  {}  {}",
                    row[0], row[1], row[3], row[6], row[4]
                )?;
            }
            if rows.is_empty() {
                writeln!(out, "No touchpoints in '{org_slug}'.")?;
            }
        }
    }
    Ok(())
}
