//! `/admin/{org}/reconciliation`: Chorus's ledger beside the payment provider's balance history
//! for a period (owners and admins, like the payments page). Staff import Stripe's itemized
//! balance export; the page sets the totals side by side per currency and category and lists
//! every payment whose figures differ or that only one side has.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use jiff::civil::Date;
use jiff::ToSpan;
use serde::Deserialize;

use super::{redirect_with_notice, render_with, Layout};
use crate::clock;
use crate::domain::money::Money;
use crate::domain::reconcile::{parse_balance_csv, reconcile, Reconciliation};
use crate::web::session::{grants, Allowed};
use crate::web::session::{CsrfUpload, OrgStaff};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/{org}/reconciliation", get(show))
        .route(
            "/admin/{org}/reconciliation/import",
            post(import).layer(crate::web::upload_limit()),
        )
}

#[derive(Deserialize, Default)]
pub struct PeriodQuery {
    from: Option<String>,
    to: Option<String>,
    notice: Option<String>,
}

struct LineView {
    currency: &'static str,
    category: String,
    chorus: String,
    provider: String,
    difference: String,
    differs: bool,
}

struct DifferenceView {
    reference: String,
    what: String,
    chorus: String,
    provider: String,
}

#[derive(Template)]
#[template(path = "pages/reconciliation.html")]
struct ReconciliationPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    from: String,
    to: String,
    imported: usize,
    balanced: bool,
    lines: Vec<LineView>,
    differences: Vec<DifferenceView>,
    notice: Option<String>,
    errors: Vec<String>,
}

/// The period asked for, or the current month; a bad day is named.
fn period(query: &PeriodQuery) -> Result<(Date, Date), String> {
    let today = clock::now().utc_date();
    let first = today.first_of_month();
    let parse = |field: &str, value: &Option<String>, default: Date| match value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        None => Ok(default),
        Some(text) => text.parse::<Date>().map_err(|_| {
            format!(
                "{field}: '{}' is not a date (YYYY-MM-DD).",
                text.chars().take(20).collect::<String>()
            )
        }),
    };
    let from = parse("From", &query.from, first)?;
    let to = parse(
        "To",
        &query.to,
        first.saturating_add(1.month()).saturating_sub(1.day()),
    )?;
    if to < from {
        return Err(format!("To: {to} is before {from}."));
    }
    Ok((from, to))
}

pub async fn show(
    State(state): State<AppState>,
    member: Allowed<grants::ManageMembers>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    match period(&query) {
        Ok((from, to)) => {
            page(
                &state,
                &member,
                StatusCode::OK,
                from,
                to,
                query.notice,
                Vec::new(),
            )
            .await
        }
        Err(problem) => Err(AppError::Invalid(vec![problem])),
    }
}

async fn page(
    state: &AppState,
    member: &OrgStaff,
    status: StatusCode,
    from: Date,
    to: Date,
    notice: Option<String>,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let org = member.org.id;
    let transactions = state.store.balance_transactions(org).await?;
    let payments = state.store.ledger_payments(org).await?;
    let result: Reconciliation = reconcile(&payments, &transactions, from, to);
    let money = |minor: i64, currency| Money { minor, currency }.display();
    render_with(
        status,
        &ReconciliationPage {
            layout: Layout::org(state, member, &member.staff.t("reconcile-heading")).await?,
            org_slug: member.org.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            from: from.to_string(),
            to: to.to_string(),
            imported: transactions.len(),
            balanced: result.balanced(),
            lines: result
                .lines
                .iter()
                .map(|l| LineView {
                    currency: l.currency.code(),
                    category: member.staff.t(&format!("reconcile-{}", l.category)),
                    chorus: l
                        .chorus
                        .map_or_else(|| "provider only".to_owned(), |c| money(c, l.currency)),
                    provider: money(l.provider, l.currency),
                    difference: money(l.difference(), l.currency),
                    differs: l.difference() != 0,
                })
                .collect(),
            differences: result
                .differences
                .iter()
                .map(|d| DifferenceView {
                    reference: d.reference.clone(),
                    what: member
                        .staff
                        .t(&format!("reconcile-{}", d.what.replace(' ', "-"))),
                    chorus: money(d.chorus, d.currency),
                    provider: money(d.provider, d.currency),
                })
                .collect(),
            notice,
            errors,
        },
    )
}

/// `POST /admin/{org}/reconciliation/import`: the provider's itemized balance CSV, all or none.
pub async fn import(
    State(state): State<AppState>,
    member: Allowed<grants::ManageMembers>,
    CsrfUpload(file, _): CsrfUpload,
) -> Result<Response, AppError> {
    let (from, to) = period(&PeriodQuery::default()).map_err(|p| AppError::Invalid(vec![p]))?;
    let refuse = |errors: Vec<String>| {
        page(
            &state,
            &member,
            StatusCode::UNPROCESSABLE_ENTITY,
            from,
            to,
            None,
            errors,
        )
    };
    let Ok(text) = String::from_utf8(file) else {
        return refuse(vec![
            "The file is not UTF-8 text: download the CSV again.".into()
        ])
        .await;
    };
    let rows = match parse_balance_csv(&text) {
        Ok(rows) => rows,
        Err(problems) => return refuse(problems.iter().map(|p| format!("{p}.")).collect()).await,
    };
    let written = state
        .store
        .import_balance_transactions(member.org.id, &rows, &member.actor(), clock::now())
        .await?;
    let path = format!("/admin/{}/reconciliation", member.org.slug);
    Ok(redirect_with_notice(
        &path,
        &crate::i18n::staff_with(
            member.staff.language,
            "reconcile-imported",
            &[("count", &written.to_string())],
        ),
    ))
}
