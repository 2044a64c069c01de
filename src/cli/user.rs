//! `chorus user add --org SLUG --email EMAIL --role ROLE`: the password comes from standard
//! input when it is piped; otherwise one is generated and printed once.
//! `chorus user reset-link --email EMAIL`: prints a one-time link that sets a new password, for
//! servers that send no email.

use std::io::{IsTerminal, Read};

use anyhow::Context;
use clap::Subcommand;

use crate::auth::{password, token};
use crate::clock;
use crate::config::{parse_base_url, DatabaseArgs};
use crate::domain::audit::Actor;
use crate::domain::email::Email;
use crate::domain::password::NewPassword;
use crate::domain::role::Role;
use crate::store::Store;

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a staff member to an organization, creating the account if needed.
    Add {
        /// Slug of the organization.
        #[arg(long)]
        org: String,
        #[arg(long, value_parser = |s: &str| Email::parse(s).map_err(|e| e.to_string()))]
        email: Email,
        /// owner, admin, campaign_manager, ambassador_team or viewer.
        #[arg(long, value_parser = |s: &str| Role::parse(s).map_err(|e| e.to_string()))]
        role: Role,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Print a link that sets a new password for an account, once, within an hour (for servers
    /// that send no email; with SMTP, people ask for one on the sign-in page).
    ResetLink {
        #[arg(long, value_parser = |s: &str| Email::parse(s).map_err(|e| e.to_string()))]
        email: Email,
        /// The server's public URL, which the link starts with.
        #[arg(long, env = "CHORUS_BASE_URL", value_parser = parse_base_url, default_value = "http://127.0.0.1:8080")]
        base_url: url::Url,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub async fn run(command: UserCommand) -> anyhow::Result<()> {
    let database = match &command {
        UserCommand::Add { database, .. } | UserCommand::ResetLink { database, .. } => database,
    };
    let store = Store::open(&database.resolve())
        .await
        .context("cannot open the database")?;
    let result = match &command {
        UserCommand::Add {
            org, email, role, ..
        } => add(&store, org, email, *role).await,
        UserCommand::ResetLink {
            email, base_url, ..
        } => reset_link(&store, email, base_url).await,
    };
    store.close().await;
    result
}

async fn reset_link(store: &Store, email: &Email, base_url: &url::Url) -> anyhow::Result<()> {
    let link_token = crate::app::password_reset::issue(store, email, clock::now())
        .await?
        .with_context(|| {
            format!("--email: no account has {email}, or a link was made for it in the last five minutes")
        })?;
    let base = base_url.as_str().trim_end_matches('/');
    let path = crate::app::password_reset::link_path(&link_token);
    println!("A link that sets a new password for {email}, once, within an hour:\n{base}{path}");
    Ok(())
}

async fn add(store: &Store, org_slug: &str, email: &Email, role: Role) -> anyhow::Result<()> {
    let org = store
        .org_by_slug(org_slug)
        .await?
        .with_context(|| format!("--org: no organization has the slug '{org_slug}'"))?;
    let now = clock::now();
    let (user, generated) = match store.user_by_email(email).await? {
        Some(user) => {
            println!("{email} already has an account; its password is unchanged.");
            (user, None)
        }
        None => {
            let (password, generated) = password_from_stdin_or_generated()?;
            let hash = password::hash_off_runtime(password).await?;
            (store.create_user(email, &hash, now).await?, generated)
        }
    };
    match store
        .add_member(org.id, &user, role, &Actor::command_line(), now)
        .await
    {
        Ok(()) => {}
        Err(err) if err.is_conflict_on("memberships") => {
            anyhow::bail!("--email: {email} is already a member of '{org_slug}'")
        }
        Err(err) => return Err(err).context("cannot add the member"),
    }
    println!("Added {email} to '{}' as {}.", org.slug, role.label());
    if let Some(password) = generated {
        println!("Password (shown once, store it now): {password}");
    }
    Ok(())
}

/// A piped password (first line of stdin), or a generated one that must be printed.
fn password_from_stdin_or_generated() -> anyhow::Result<(NewPassword, Option<String>)> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut input = String::new();
        stdin
            .lock()
            .read_to_string(&mut input)
            .context("cannot read the password from standard input")?;
        let line = input.lines().next().unwrap_or_default();
        if !line.is_empty() {
            let password = NewPassword::parse(line)
                .map_err(|e| anyhow::anyhow!("password from standard input: {e}"))?;
            return Ok((password, None));
        }
    }
    let generated = token::random_token()[..24].to_owned();
    let password = NewPassword::parse(&generated)
        .map_err(|e| anyhow::anyhow!("generated password refused: {e}"))?;
    Ok((password, Some(generated)))
}
