//! `GET /{org}/{campaign}/transparency`: the campaign's public figures, when the organization
//! turns the page on — totals, every stop, and how each figure is counted, in the visitor's
//! language. Built by `report::` from the same rollups as the dashboard; no personal data.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::actions::{language_of, view_of, FormQuery};
use super::not_found;
use crate::clock;
use crate::domain::report::{self as figures, Scope};
use crate::domain::visit::day_number;
use crate::i18n;
use crate::report;
use crate::store::day_of_date;
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/{org}/{campaign}/transparency", get(page))
}

pub async fn page(
    State(state): State<AppState>,
    Path((org, campaign)): Path<(String, String)>,
    Query(query): Query<FormQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Some(view) = view_of(&state, org, campaign).await? else {
        return Ok(not_found(&headers, None));
    };
    if !view.transparency_public() {
        return Ok(not_found(&headers, None));
    }
    let lang = language_of(&view, query.lang.as_deref(), &headers);
    let today = day_number(clock::now());
    let from_day = view
        .starts_on()
        .and_then(|d| day_of_date(&d.to_string()))
        .unwrap_or(0)
        .min(today);
    let scope = Scope {
        campaign: Some(view.campaign_id().0),
        from_day,
        to_day: today + 1,
        ..Scope::default()
    };
    let input = state
        .store
        .report_input(view.org_id(), scope.from_day, scope.to_day)
        .await?;
    let built = figures::build(&input, &scope);
    // Nothing before the campaign to compare with: the page shows totals only.
    let tables = report::tables(&built, &built, lang);
    let chart = report::funnel_chart(&tables, &built, lang);
    let period = i18n::text_with(
        lang,
        "report-period",
        &[
            ("from", &report::day_label(scope.from_day)),
            ("to", &report::day_label(today)),
        ],
    );
    let html = view.render_transparency(lang, &tables, period, chart)?;
    let mut response = (StatusCode::OK, Html(html)).into_response();
    // Figures move slowly; a minute of caching spares the database a crowd.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    Ok(response)
}
