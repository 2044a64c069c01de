//! `chorus token create|list|revoke`: API tokens from the command line, for scripts and for
//! servers whose staff set things up over SSH. A token acts for the member named by `--member`
//! and never does more than their role allows.

use anyhow::Context;
use clap::Subcommand;

use crate::app::api_tokens::{issue, Issued};
use crate::clock;
use crate::config::DatabaseArgs;
use crate::domain::api_token::{scopes_text, TokenInput};
use crate::domain::audit::Actor;
use crate::domain::email::Email;
use crate::store::{Org, Store, StoreError, Validity};

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Make a token and print it once (only its digest is kept).
    Create {
        /// Slug of the organization.
        #[arg(long)]
        org: String,
        /// The member the token acts for; its scopes stay within their role.
        #[arg(long, value_parser = |s: &str| Email::parse(s).map_err(|e| e.to_string()))]
        member: Email,
        /// What the token is for, as its list shows it ("CRM sync").
        #[arg(long)]
        name: String,
        /// Scopes, separated by spaces or commas: campaigns:read, reports:read, …
        #[arg(long)]
        scopes: String,
        /// A public read token: aggregates only, safe to embed in a partner's site.
        #[arg(long)]
        public: bool,
        /// 30, 90 or 365 days, or `never`.
        #[arg(long, default_value = "90")]
        days: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// List the organization's tokens (never the tokens themselves).
    List {
        #[arg(long)]
        org: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Revoke one token (`--id`, from the list) or every token of the organization (`--all`).
    Revoke {
        #[arg(long)]
        org: String,
        #[arg(long, required_unless_present = "all", conflicts_with = "all")]
        id: Option<i64>,
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub async fn run(command: TokenCommand) -> anyhow::Result<()> {
    let (database, org_slug) = match &command {
        TokenCommand::Create { database, org, .. }
        | TokenCommand::List { database, org }
        | TokenCommand::Revoke { database, org, .. } => (database, org),
    };
    let store = Store::open(&database.resolve())
        .await
        .context("cannot open the database")?;
    let result = match org_named(&store, org_slug).await {
        Ok(org) => match &command {
            TokenCommand::Create {
                member,
                name,
                scopes,
                public,
                days,
                ..
            } => {
                let kind = if *public { "public_read" } else { "member" };
                let input = TokenInput {
                    name: name.clone(),
                    kind: kind.into(),
                    scopes: vec![scopes.clone()],
                    lifetime: days.clone(),
                };
                create(&store, &org, member, &input).await
            }
            TokenCommand::List { .. } => list(&store, &org).await,
            TokenCommand::Revoke { id, .. } => revoke(&store, &org, *id).await,
        },
        Err(err) => Err(err),
    };
    store.close().await;
    result
}

async fn org_named(store: &Store, slug: &str) -> anyhow::Result<Org> {
    store
        .org_by_slug(slug)
        .await?
        .with_context(|| format!("--org: no organization has the slug '{slug}'"))
}

async fn create(store: &Store, org: &Org, email: &Email, input: &TokenInput) -> anyhow::Result<()> {
    let user = store
        .user_by_email(email)
        .await?
        .with_context(|| format!("--member: no account has {email}"))?;
    let role = store
        .role_in(org.id, user.id)
        .await?
        .with_context(|| format!("--member: {email} is not a member of '{}'", org.slug))?;
    let now = clock::now();
    match issue(
        store,
        org.id,
        (user.id, role),
        input,
        &Actor::command_line(),
        now,
    )
    .await?
    {
        Issued::Made(token) => {
            println!(
                "Token for {email} in '{}' (shown once, store it now):\n{token}",
                org.slug
            );
            Ok(())
        }
        Issued::Refused(invalid) => anyhow::bail!("{invalid}"),
    }
}

async fn list(store: &Store, org: &Org) -> anyhow::Result<()> {
    let now = clock::now();
    for t in store.api_tokens(org.id).await? {
        let state = match t.validity(now) {
            Validity::Revoked(at) => format!("revoked {}", at.to_utc_string()),
            Validity::Expired(at) => format!("expired {}", at.to_utc_string()),
            Validity::Expires(at) => format!("expires {}", at.to_utc_string()),
            Validity::NeverExpires => "never expires".into(),
        };
        let used = t.last_used_at.map_or_else(
            || "never used".into(),
            |at| format!("last used {}", at.to_utc_string()),
        );
        println!(
            "{}\t{}…\t{}\t{}\t{}\t{}\tby {}\t{used}\t{state}",
            t.id,
            t.shown,
            t.name,
            t.kind.as_str(),
            scopes_text(&t.scopes),
            t.created_at.to_utc_string(),
            t.created_by
        );
    }
    Ok(())
}

async fn revoke(store: &Store, org: &Org, id: Option<i64>) -> anyhow::Result<()> {
    let (actor, now) = (Actor::command_line(), clock::now());
    match id {
        Some(id) => match store.revoke_api_token(org.id, id, &actor, now).await {
            Ok(()) => println!("Revoked token {id}."),
            Err(StoreError::NotFound) => {
                anyhow::bail!("--id: '{}' has no valid token {id}", org.slug)
            }
            Err(err) => return Err(err.into()),
        },
        None => {
            let count = store.revoke_all_api_tokens(org.id, &actor, now).await?;
            println!("Revoked {count} token(s) of '{}'.", org.slug);
        }
    }
    Ok(())
}
