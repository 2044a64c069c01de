//! `/admin/{org}/api`: the organization's API tokens, made (shown once), listed and revoked by
//! owners and admins.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use super::{render_with, Layout};
use crate::app::api_tokens::{issue, Issued};
use crate::clock;
use crate::domain::api_token::{Scope, TokenInput, LIFETIMES};
use crate::domain::time::Timestamp;
use crate::store::{ApiToken, StoreError, Validity};
use crate::web::error::said;
use crate::web::paths::ItemId;
use crate::web::session::{grants, Allowed, CsrfForm, NoFields, OrgStaff};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/{org}/api", get(list).post(create))
        .route("/admin/{org}/api/{id}/revoke", post(revoke))
        .route("/admin/{org}/api/revoke-all", post(revoke_all))
}

#[derive(Template)]
#[template(path = "pages/api_tokens.html")]
struct TokensPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    tokens: Vec<TokenLine>,
    scopes: Vec<ScopeChoice>,
    lifetimes: Vec<(String, String)>,
    form: TokenInput,
    /// A token just made: shown this once.
    issued: Option<String>,
    notice: Option<String>,
    errors: Vec<String>,
}

struct TokenLine {
    id: i64,
    name: String,
    kind: String,
    scopes: String,
    shown: String,
    created: String,
    created_by: String,
    last_used: String,
    /// "expires …", "expired …", "revoked …" or "never expires".
    state: String,
    usable: bool,
}

struct ScopeChoice {
    value: &'static str,
    label: String,
    public: bool,
}

#[derive(Default)]
struct Shown {
    form: Option<TokenInput>,
    issued: Option<String>,
    notice: Option<String>,
    errors: Vec<String>,
}

fn line(member: &OrgStaff, token: ApiToken, now: Timestamp) -> TokenLine {
    let t = |key: &str| member.staff.t(key);
    let when =
        |at: Option<Timestamp>| at.map_or_else(|| t("tokens-never-used"), |at| at.to_utc_string());
    let said = |key: &str, at: Timestamp| format!("{} {}", t(key), at.to_utc_string());
    let (state, usable) = match token.validity(now) {
        Validity::Revoked(at) => (said("tokens-revoked", at), false),
        Validity::Expired(at) => (said("tokens-expired", at), false),
        Validity::Expires(at) => (said("tokens-expires", at), true),
        Validity::NeverExpires => (t("tokens-no-expiry"), true),
    };
    TokenLine {
        id: token.id,
        kind: t(&format!("tokens-kind-{}", token.kind.as_str())),
        scopes: crate::domain::api_token::scopes_text(&token.scopes),
        shown: token.shown,
        created: token.created_at.to_utc_string(),
        created_by: token.created_by,
        last_used: when(token.last_used_at),
        name: token.name,
        state,
        usable,
    }
}

async fn show(
    state: &AppState,
    member: &OrgStaff,
    status: StatusCode,
    shown: Shown,
) -> Result<Response, AppError> {
    let now = clock::now();
    let tokens = state.store.api_tokens(member.org.id).await?;
    let t = |key: &str| member.staff.t(key);
    render_with(
        status,
        &TokensPage {
            layout: Layout::org(state, member, &t("nav-api")).await?,
            org_slug: member.org.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            tokens: tokens
                .into_iter()
                .map(|token| line(member, token, now))
                .collect(),
            scopes: Scope::ALL
                .into_iter()
                .map(|scope| ScopeChoice {
                    value: scope.as_str(),
                    label: t(&format!("scope-{}", scope.as_str().replace(':', "-"))),
                    public: scope.is_public(),
                })
                .collect(),
            lifetimes: LIFETIMES
                .into_iter()
                .map(|days| match days {
                    Some(days) => (
                        days.to_string(),
                        crate::i18n::staff_with(
                            member.staff.language,
                            "tokens-days",
                            &[("days", &days.to_string())],
                        ),
                    ),
                    None => ("never".to_owned(), t("tokens-no-expiry")),
                })
                .collect(),
            form: shown.form.unwrap_or_default(),
            issued: shown.issued,
            notice: shown.notice,
            errors: shown.errors,
        },
    )
}

pub async fn list(
    State(state): State<AppState>,
    member: Allowed<grants::ManageMembers>,
) -> Result<Response, AppError> {
    show(&state, &member, StatusCode::OK, Shown::default()).await
}

/// The form's fields: `scope` once per box ticked.
fn input_from(pairs: &[(String, String)]) -> TokenInput {
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    TokenInput {
        name: field("name"),
        kind: field("kind"),
        scopes: pairs
            .iter()
            .filter(|(key, _)| key == "scope")
            .map(|(_, value)| value.clone())
            .collect(),
        lifetime: field("lifetime"),
    }
}

/// `POST /admin/{org}/api`: makes a token and shows it once.
pub async fn create(
    State(state): State<AppState>,
    member: Allowed<grants::ManageMembers>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let input = input_from(&pairs);
    let holder = (member.staff.user_id, member.role);
    match issue(
        &state.store,
        member.org.id,
        holder,
        &input,
        &member.actor(),
        clock::now(),
    )
    .await?
    {
        Issued::Made(token) => {
            let shown = Shown {
                issued: Some(token),
                ..Shown::default()
            };
            show(&state, &member, StatusCode::CREATED, shown).await
        }
        Issued::Refused(invalid) => {
            let shown = Shown {
                errors: said(&invalid),
                form: Some(input),
                ..Shown::default()
            };
            show(&state, &member, StatusCode::UNPROCESSABLE_ENTITY, shown).await
        }
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    member: Allowed<grants::ManageMembers>,
    ItemId(id): ItemId,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Result<Response, AppError> {
    let revoked = state
        .store
        .revoke_api_token(member.org.id, id, &member.actor(), clock::now())
        .await;
    let shown = match revoked {
        Ok(()) => Shown {
            notice: Some(member.staff.t("tokens-revoked-one")),
            ..Shown::default()
        },
        Err(StoreError::NotFound) => {
            // One of ours, already revoked: say so; anyone else's: as unknown as the rest.
            let ours = state.store.api_tokens(member.org.id).await?;
            if !ours.iter().any(|token| token.id == id) {
                return Err(AppError::NotFound);
            }
            Shown {
                errors: vec![member.staff.t("tokens-not-found")],
                ..Shown::default()
            }
        }
        Err(err) => return Err(err.into()),
    };
    show(&state, &member, StatusCode::OK, shown).await
}

pub async fn revoke_all(
    State(state): State<AppState>,
    member: Allowed<grants::ManageMembers>,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Result<Response, AppError> {
    let count = state
        .store
        .revoke_all_api_tokens(member.org.id, &member.actor(), clock::now())
        .await?;
    let notice = crate::i18n::staff_with(
        member.staff.language,
        "tokens-revoked-all",
        &[("count", &count.to_string())],
    );
    let shown = Shown {
        notice: Some(notice),
        ..Shown::default()
    };
    show(&state, &member, StatusCode::OK, shown).await
}
