//! Issuing an API token: the request checked against the member's role, the token made from
//! the operating system's randomness, and only its digest stored. The staff page and the
//! command line both issue through here.

use std::time::Duration;

use crate::auth::token::{digest, fill_random};
use crate::domain::api_token::{token_from, TokenInput, RANDOM_CHARS, SHOWN_CHARS};
use crate::domain::audit::Actor;
use crate::domain::ids::{OrgId, UserId};
use crate::domain::role::Role;
use crate::domain::time::Timestamp;
use crate::domain::validation::Invalid;
use crate::store::{NewApiToken, Store, StoreResult};

/// What came of a request for a token.
pub enum Issued {
    /// The token, to be shown once: nothing can show it again.
    Made(String),
    Refused(Invalid),
}

/// Issues a token of `org` held by the member `holder` (their id and role) as `input` asks.
pub async fn issue(
    store: &Store,
    org: OrgId,
    (user, role): (UserId, Role),
    input: &TokenInput,
    actor: &Actor,
    now: Timestamp,
) -> StoreResult<Issued> {
    let request = match input.validate(role) {
        Ok(request) => request,
        Err(invalid) => return Ok(Issued::Refused(invalid)),
    };
    let mut random = [0u8; RANDOM_CHARS];
    fill_random(&mut random);
    let token = token_from(&random);
    let expires_at = request
        .days
        .map(|days| now.plus(Duration::from_secs(days.unsigned_abs() * 24 * 60 * 60)));
    let new = NewApiToken {
        name: &request.name,
        kind: request.kind,
        scopes: &request.scopes,
        digest: &digest(&token),
        shown: &token[..SHOWN_CHARS],
        created_by: user,
        expires_at,
    };
    store.create_api_token(org, &new, actor, now).await?;
    Ok(Issued::Made(token))
}
