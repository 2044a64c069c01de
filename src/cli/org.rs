//! `chorus org add SLUG --name NAME`.

use anyhow::Context;
use clap::Subcommand;

use crate::clock;
use crate::config::DatabaseArgs;
use crate::domain::audit::Actor;
use crate::domain::org::{OrgName, OrgSlug};
use crate::store::Store;

#[derive(Subcommand, Debug)]
pub enum OrgCommand {
    /// Create an organization.
    Add {
        /// URL name: lower-case letters, digits and hyphens (e.g. safe-passage).
        #[arg(value_parser = |s: &str| OrgSlug::parse(s).map_err(|e| e.to_string()))]
        slug: OrgSlug,
        /// Display name.
        #[arg(long, value_parser = |s: &str| OrgName::parse(s).map_err(|e| e.to_string()))]
        name: OrgName,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub async fn run(command: OrgCommand) -> anyhow::Result<()> {
    match command {
        OrgCommand::Add {
            slug,
            name,
            database,
        } => {
            let store = Store::open(&database.resolve())
                .await
                .context("cannot open the database")?;
            let created = store
                .create_org(&slug, &name, &Actor::command_line(), clock::now())
                .await;
            store.close().await;
            match created {
                Ok(org) => {
                    println!("Created organization '{}' ({}).", org.slug, org.name);
                    Ok(())
                }
                Err(err) if err.is_conflict_on("orgs") => {
                    anyhow::bail!("SLUG: an organization with the slug '{slug}' already exists")
                }
                Err(err) => Err(err).context("cannot create the organization"),
            }
        }
    }
}
