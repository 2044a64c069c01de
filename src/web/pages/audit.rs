//! `GET /admin/{org}/audit`: the organization's audit log.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use super::{render, Layout};
use crate::domain::audit_reading::{self, AuditReading};
use crate::web::session::{grants, Allowed};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/{org}/audit", get(list))
}

const SHOWN: i64 = 200;

#[derive(Template)]
#[template(path = "pages/audit.html")]
struct AuditPage {
    layout: Layout,
    org_name: String,
    limit: i64,
    entries: Vec<AuditLine>,
}

struct AuditLine {
    at: String,
    actor: String,
    reading: AuditReading,
}

pub async fn list(
    State(state): State<AppState>,
    member: Allowed<grants::ReadAudit>,
) -> Result<Response, AppError> {
    let entries = state.store.audit_entries(member.org.id, SHOWN).await?;
    render(&AuditPage {
        layout: Layout::org(&state, &member, &member.staff.t("nav-audit")).await?,
        org_name: member.org.name.clone(),
        limit: SHOWN,
        entries: entries
            .into_iter()
            .map(|e| AuditLine {
                at: e.at.to_utc_string(),
                actor: e.actor,
                reading: audit_reading::read(
                    &e.action,
                    &e.subject,
                    e.before.as_deref(),
                    e.after.as_deref(),
                ),
            })
            .collect(),
    })
}
