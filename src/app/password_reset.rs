//! A forgotten staff password: a one-time link, emailed (or printed by `chorus user
//! reset-link` where no SMTP server is set), that sets a new password once within an hour and
//! signs the account out everywhere.

use std::time::Duration;

use crate::auth::token;
use crate::domain::email::Email;
use crate::domain::ids::UserId;
use crate::domain::time::Timestamp;
use crate::mail::{Mail, Mailer};
use crate::store::{ResetRequest, Store, StoreResult};

/// How long a reset link works.
pub const RESET_VALIDITY: Duration = Duration::from_secs(60 * 60);

/// The path of a reset link.
pub fn link_path(token: &str) -> String {
    format!("/admin/password/reset/{token}")
}

/// Makes a reset link for the account of `email`: its token, unless there is no such account
/// or a link went to it minutes ago.
pub async fn issue(store: &Store, email: &Email, now: Timestamp) -> StoreResult<Option<String>> {
    let link_token = token::random_token();
    let expires = now.plus(RESET_VALIDITY);
    match store
        .create_password_reset(email, &token::digest(&link_token), now, expires)
        .await?
    {
        ResetRequest::Created(_) => Ok(Some(link_token)),
        ResetRequest::NoAccount | ResetRequest::TooSoon => Ok(None),
    }
}

/// Emails a reset link to `email` when an account has it. What the person who asked is told
/// does not depend on it, so the form does not reveal who has an account.
pub async fn send_link(
    store: &Store,
    mailer: &Mailer,
    base_url: &str,
    email: &Email,
    now: Timestamp,
) -> StoreResult<()> {
    let Some(link_token) = issue(store, email, now).await? else {
        return Ok(());
    };
    let link = format!(
        "{}{}",
        base_url.trim_end_matches('/'),
        link_path(&link_token)
    );
    let body = format!(
        "Someone, hopefully you, asked to set a new password for the Chorus account {email}.\n\n\
         To choose one, open this link within an hour. It works once:\n\n{link}\n\n\
         If it was not you, ignore this message: your password stays as it is."
    );
    let mail = Mail {
        to_name: "",
        to_address: email.as_str(),
        subject: "Set a new Chorus password",
        body: &body,
    };
    if let Err(err) = mailer.send(&mail).await {
        tracing::warn!(error = %err, "password reset email not sent");
    }
    Ok(())
}

/// Whether the link of `link_token` can still set a password.
pub async fn usable(store: &Store, link_token: &str, now: Timestamp) -> StoreResult<bool> {
    store
        .password_reset_usable(&token::digest(link_token), now)
        .await
}

/// Sets the account's password through the link (`password_hash` already made), once; every
/// session of the account ends. `NotFound` when the link is used, expired or unknown.
pub async fn complete(
    store: &Store,
    link_token: &str,
    password_hash: &str,
    now: Timestamp,
) -> StoreResult<UserId> {
    store
        .reset_password(&token::digest(link_token), password_hash, now)
        .await
}
