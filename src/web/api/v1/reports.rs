//! `GET /api/v1/orgs/{org}/reports?campaign=&ambassador=&tour=&engagement=&channel=&from=&to=`:
//! the dashboard's tables as JSON (counts as numbers, money as amount and currency), the same
//! figures as the dashboard, the CSV, the PDF and the transparency page.

use axum::extract::{Query, State};
use axum::routing::get;
use axum::Json;
use axum::Router;
use serde_json::{json, Value};

use crate::clock;
use crate::domain::language::Language;
use crate::report::{self, ReportQuery};
use crate::web::api::{scopes, ApiError, ApiMember};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/orgs/{org}/reports", get(show))
}

pub async fn show(
    State(state): State<AppState>,
    member: ApiMember<scopes::ReportsRead>,
    Query(query): Query<ReportQuery>,
) -> Result<Json<Value>, ApiError> {
    let scope = report::scope_for(&state.store, member.org.id, &query, clock::now().utc_date())
        .await?
        .map_err(AppError::Invalid)?;
    let loaded = report::load(&state.store, member.org.id, &scope).await?;
    let tables = report::tables(&loaded.report, &loaded.previous, Language::En);
    Ok(Json(json!({
        "organization": member.org.slug,
        "from": report::day_label(scope.from_day),
        "to": report::day_label(scope.to_day - 1),
        "reporting_currency": loaded.report.reporting_currency,
        "tables": report::tables_json(&tables),
    })))
}
