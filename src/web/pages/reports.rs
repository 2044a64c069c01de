//! `/admin/{org}/reports`: the impact dashboard for the organization, a campaign, a tour, an
//! ambassador, a stop or a channel over any period, beside the period before it; the funnel,
//! every stop side by side, SVG charts, each table as CSV, how each figure is counted with the
//! records behind it, and the imports of social impressions and attendance.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use serde::Deserialize;

use super::{redirect_with_notice, render_with, Layout};
use crate::clock;
use crate::domain::ids::CampaignId;
use crate::domain::impressions::{
    parse_attendance_csv, parse_impressions_csv, parse_mapping, Platform,
};
use crate::domain::language::Language;
use crate::domain::period::Period;
use crate::domain::role::Permission;
use crate::domain::spreadsheet::sentences;
use crate::domain::time::Timestamp;
use crate::report::{self, charts, imports, Cell, ReportQuery, Table};
use crate::store::RawScope;
use crate::web::session::{grants, Allowed};
use crate::web::session::{CsrfUpload, OrgStaff};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/{org}/reports", get(show))
        .route("/admin/{org}/reports.pdf", get(pdf))
        .route("/admin/{org}/reports/method/{figure}", get(method))
        .route("/admin/{org}/reports/{table}", get(export))
        .route(
            "/admin/{org}/reports/impressions",
            post(import_impressions).layer(crate::web::upload_limit()),
        )
        .route(
            "/admin/{org}/reports/attendance",
            post(import_attendance).layer(crate::web::upload_limit()),
        )
}

/// The filters' scope; a campaign's report starts on the campaign's first day by default.
async fn scope_of(
    state: &AppState,
    member: &OrgStaff,
    query: &ReportQuery,
    today: jiff::civil::Date,
) -> Result<crate::domain::report::Scope, AppError> {
    report::scope_for(&state.store, member.org.id, query, today)
        .await?
        .map_err(AppError::Invalid)
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

fn choices(selected: &str, items: impl IntoIterator<Item = (String, String)>) -> Vec<Choice> {
    items
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == selected.trim(),
            value,
            label,
        })
        .collect()
}

struct PeriodLink {
    label: String,
    href: String,
    current: bool,
}

/// The shortcuts this report offers ("this tour" once a tour is chosen), each a link to the
/// same filters over that period.
fn period_links(
    org_slug: &str,
    query: &ReportQuery,
    current: Period,
    language: Language,
) -> Vec<PeriodLink> {
    let campaign = !query.campaign.trim().is_empty();
    let tour = !query.tour.trim().is_empty();
    Period::ALL
        .into_iter()
        .filter_map(|period| {
            let label = match period {
                Period::ToDate if campaign => "period-campaign-to-date",
                Period::ToDate if tour => "period-tour-to-date",
                Period::ToDate => "period-all-to-date",
                Period::Tour if tour => "period-this-tour",
                Period::Tour | Period::Custom => return None,
                Period::Last7Days => "period-7-days",
                Period::Last30Days => "period-30-days",
                Period::AllTime => "period-all-time",
            };
            let linked = ReportQuery {
                from: String::new(),
                to: String::new(),
                period: period.as_str().to_string(),
                notice: None,
                ..query.clone()
            };
            Some(PeriodLink {
                label: crate::i18n::staff(language, label),
                href: format!("/admin/{org_slug}/reports?{}", linked.encoded()),
                current: period == current,
            })
        })
        .collect()
}

/// A table as the page shows it: cells as text, figures linked to their method.
struct TableView {
    key: &'static str,
    title: String,
    columns: Vec<String>,
    /// Each row's first cell, its method page's figure (empty: no link), and the other cells.
    rows: Vec<(String, String, Vec<String>)>,
}

fn table_view(table: &Table, language: Language) -> TableView {
    TableView {
        key: table.key,
        title: table.title.clone(),
        columns: table.columns.clone(),
        rows: table
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut cells = row.iter().map(|c| c.display(language));
                (
                    cells.next().unwrap_or_default(),
                    table
                        .row_keys
                        .get(i)
                        .copied()
                        .unwrap_or_default()
                        .to_string(),
                    cells.collect(),
                )
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "pages/reports.html")]
struct ReportsPage {
    layout: Layout,
    /// The demo's figures are invented: said above them, as the PDF says it.
    synthetic_note: Option<String>,
    org_slug: String,
    csrf: String,
    filters: String,
    from: String,
    to: String,
    /// The one-click periods, the current one marked.
    periods: Vec<PeriodLink>,
    /// The current shortcut, kept when other filters are chosen (empty under custom dates,
    /// which a new choice does not keep).
    period: String,
    custom: bool,
    /// The chosen filters, carried by the custom-period form.
    chosen: Vec<(&'static str, String)>,
    campaigns: Vec<Choice>,
    tours: Vec<Choice>,
    ambassadors: Vec<Choice>,
    stops: Vec<Choice>,
    channels: Vec<Choice>,
    tables: Vec<TableView>,
    funnel_chart: String,
    stops_chart: String,
    days_chart: String,
    reach_note: String,
    can_import: bool,
    platforms: Vec<&'static str>,
    notice: Option<String>,
    errors: Vec<String>,
}

pub async fn show(
    State(state): State<AppState>,
    member: Allowed<grants::View>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    page(&state, &member, StatusCode::OK, query, Vec::new()).await
}

async fn page(
    state: &AppState,
    member: &OrgStaff,
    status: StatusCode,
    query: ReportQuery,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let org = member.org.id;
    let today = clock::now().utc_date();
    let scope = scope_of(state, member, &query, today).await?;
    let has_dates = !query.from.trim().is_empty() || !query.to.trim().is_empty();
    let period = Period::parse(&query.period, has_dates).unwrap_or(Period::ToDate);
    let loaded = report::load(&state.store, org, &scope).await?;
    // The staff member's language: the report's tables speak every language of public pages.
    let language = member.staff.language;
    let tables = report::tables(&loaded.report, &loaded.previous, language);
    let store = &state.store;
    let campaigns = store.campaigns(org, false).await?;
    let tours = store.tours(org, false).await?;
    let ambassadors = store.ambassadors(org, false).await?;
    let engagements = store.engagements(org, None).await?;
    let mut channel_names: Vec<String> = store
        .touchpoints(org)
        .await?
        .into_iter()
        .map(|t| t.channel.as_str().to_string())
        .chain(["direct".to_string()])
        .collect();
    channel_names.sort();
    channel_names.dedup();
    let report = &loaded.report;
    let stops_rows: Vec<(String, i64, String)> = report
        .stops
        .iter()
        .filter_map(|s| s.stop.as_ref().map(|stop| (stop, &s.figures)))
        .map(|(stop, f)| {
            (
                format!("{} ({})", stop.city, stop.date),
                f.visits,
                Cell::Count(f.visits).display(language),
            )
        })
        .collect();
    let series = |value| report::summary::daily(report, &scope, value);
    let rendered = ReportsPage {
        layout: Layout::org(state, member, &member.staff.t("nav-reports")).await?,
        synthetic_note: synthetic_note(member),
        org_slug: member.org.slug.clone(),
        csrf: member.staff.csrf_token.clone(),
        filters: query.encoded(),
        from: report::day_label(scope.from_day),
        to: report::day_label(scope.to_day - 1),
        periods: period_links(&member.org.slug, &query, period, language),
        period: match period {
            Period::Custom => String::new(),
            shortcut => shortcut.as_str().to_string(),
        },
        custom: period == Period::Custom,
        chosen: [
            ("campaign", &query.campaign),
            ("tour", &query.tour),
            ("ambassador", &query.ambassador),
            ("engagement", &query.engagement),
            ("channel", &query.channel),
        ]
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(name, value)| (name, value.clone()))
        .collect(),
        campaigns: choices(
            &query.campaign,
            campaigns
                .iter()
                .map(|c| (c.id.0.to_string(), c.settings.slug.clone())),
        ),
        tours: choices(
            &query.tour,
            tours
                .iter()
                .map(|t| (t.id.0.to_string(), t.settings.name.clone())),
        ),
        ambassadors: choices(
            &query.ambassador,
            ambassadors
                .iter()
                .map(|a| (a.id.0.to_string(), a.name.clone())),
        ),
        stops: choices(
            &query.engagement,
            engagements.iter().map(|e| {
                (
                    e.id.0.to_string(),
                    format!("{}, {}", e.settings.title, e.settings.city),
                )
            }),
        ),
        channels: choices(
            &query.channel,
            channel_names.into_iter().map(|c| {
                let label = crate::i18n::channel(language, &c);
                (c, label)
            }),
        ),
        funnel_chart: report::funnel_chart(&tables, report, language),
        stops_chart: charts::bars(
            "stops",
            &member.staff.t("chart-visits-per-stop"),
            &stops_rows,
            false,
        ),
        days_chart: [
            charts::line(
                "days",
                &member.staff.t("summary-visits-chart"),
                &series(|d| d.visits),
                false,
            ),
            charts::line(
                "acted",
                &member.staff.t("chart-acted-per-day"),
                &series(|d| d.acted),
                false,
            ),
            charts::line(
                "gave",
                &member.staff.t("chart-gifts-per-day"),
                &series(|d| d.gifts),
                false,
            ),
        ]
        .concat(),
        tables: tables.iter().map(|t| table_view(t, language)).collect(),
        reach_note: crate::i18n::text(language, "report-reach-note"),
        can_import: member.role.allows(Permission::EditCampaigns),
        platforms: Platform::ALL.iter().map(|p| p.as_str()).collect(),
        notice: query.notice.clone(),
        errors,
    };
    render_with(status, &rendered)
}

/// For the demo organization, the sentence that says its figures are invented.
pub(super) fn synthetic_note(member: &OrgStaff) -> Option<String> {
    (member.org.slug == crate::demo::DEMO_SLUG)
        .then(|| crate::i18n::text(member.staff.language, "report-synthetic"))
}

#[derive(Deserialize)]
pub struct TablePath {
    table: String,
}

/// `GET /admin/{org}/reports/{table}.csv`: one table of the report, as the dashboard shows it.
pub async fn export(
    State(state): State<AppState>,
    member: Allowed<grants::View>,
    Path(TablePath { table: file }): Path<TablePath>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let key = file.strip_suffix(".csv").unwrap_or(&file);
    let scope = scope_of(&state, &member, &query, clock::now().utc_date()).await?;
    let loaded = report::load(&state.store, member.org.id, &scope).await?;
    let tables = report::tables(&loaded.report, &loaded.previous, Language::En);
    let table = tables
        .iter()
        .find(|t| t.key == key)
        .ok_or(AppError::NotFound)?;
    let name = format!(
        "{}-{}-{}-{}.csv",
        member.org.slug,
        table.key,
        report::day_label(scope.from_day),
        report::day_label(scope.to_day - 1)
    );
    Ok(attachment(
        "text/csv; charset=utf-8",
        &name,
        report::csv::table_csv(table),
    ))
}

/// A download named `name`.
fn attachment(content_type: &'static str, name: &str, body: impl IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /admin/{org}/reports.pdf`: the impact report of the same filters as PDF.
pub async fn pdf(
    State(state): State<AppState>,
    member: Allowed<grants::View>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let today = clock::now().utc_date();
    let scope = scope_of(&state, &member, &query, today).await?;
    let bytes = report::impact_pdf(&state.store, &member.org, &scope, &today.to_string()).await?;
    let name = format!(
        "{}-impact-{}-{}.pdf",
        member.org.slug,
        report::day_label(scope.from_day),
        report::day_label(scope.to_day - 1)
    );
    Ok(attachment("application/pdf", &name, bytes))
}

#[derive(Template)]
#[template(path = "pages/report_method.html")]
struct MethodPage {
    layout: Layout,
    org_slug: String,
    filters: String,
    label: String,
    method: String,
    campaign: Option<String>,
    stop: Option<String>,
    from: String,
    to: String,
    records: Vec<(String, String)>,
}

#[derive(Deserialize)]
pub struct FigurePath {
    figure: String,
}

/// `GET /admin/{org}/reports/method/{figure}`: how a figure is counted, and for a campaign
/// the raw records behind it, counted again (never listed: they are people).
pub async fn method(
    State(state): State<AppState>,
    member: Allowed<grants::View>,
    Path(FigurePath { figure }): Path<FigurePath>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    if !report::FIGURE_KEYS.contains(&figure.as_str()) {
        return Err(AppError::NotFound);
    }
    let org = member.org.id;
    let scope = scope_of(&state, &member, &query, clock::now().utc_date()).await?;
    let reporting = state.store.reporting_currency(org).await?;
    let campaign = match scope.campaign {
        Some(id) => state.store.campaign(org, CampaignId(id)).await?,
        None => None,
    };
    let mut records = Vec::new();
    if let Some(campaign) = &campaign {
        let raw = state
            .store
            .raw_figures(RawScope {
                org,
                campaign: campaign.id.0,
                engagement: scope.engagement,
                from: Timestamp::from_unix_micros(scope.from_day * 86_400_000_000),
                to: Timestamp::from_unix_micros(scope.to_day * 86_400_000_000),
            })
            .await?;
        let t = |key: &str| member.staff.t(key);
        records.push((t("records-visits"), raw.visits.to_string()));
        records.push((t("records-scans"), raw.scans.to_string()));
        records.push((t("records-links"), raw.links.to_string()));
        records.push((t("records-visitor-days"), raw.visitor_days.to_string()));
        for (kind, status, count) in &raw.actions {
            // Stored as `pledge`/`subscription` and `pending`/`confirmed`/…: named for people.
            let what = crate::i18n::staff_with(
                member.staff.language,
                "records-actions",
                &[
                    ("kind", &t(&format!("action-{kind}"))),
                    ("status", &t(&format!("action-status-{status}"))),
                ],
            );
            records.push((what, count.to_string()));
        }
        records.push((t("records-gifts"), raw.gifts.len().to_string()));
    }
    let stop = match scope.engagement {
        Some(id) => state
            .store
            .engagements(org, None)
            .await?
            .into_iter()
            .find(|e| e.id.0 == id)
            .map(|e| format!("{}, {}", e.settings.title, e.settings.city)),
        None => None,
    };
    let language = member.staff.language;
    let label = crate::i18n::text(language, &format!("fig-{figure}"));
    render_with(
        StatusCode::OK,
        &MethodPage {
            layout: Layout::org(&state, &member, &label).await?,
            org_slug: member.org.slug.clone(),
            filters: query.encoded(),
            method: report::method_note(language, &figure, &reporting),
            label,
            campaign: campaign.map(|c| c.settings.slug),
            stop,
            from: report::day_label(scope.from_day),
            to: report::day_label(scope.to_day - 1),
            records,
        },
    )
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

async fn refuse(
    state: &AppState,
    member: &OrgStaff,
    problems: Vec<String>,
) -> Result<Response, AppError> {
    page(
        state,
        member,
        StatusCode::UNPROCESSABLE_ENTITY,
        ReportQuery::default(),
        problems,
    )
    .await
}

fn reports_path(member: &OrgStaff) -> String {
    format!("/admin/{}/reports", member.org.slug)
}

/// `POST /admin/{org}/reports/impressions`: a platform's post export for one campaign.
pub async fn import_impressions(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    CsrfUpload(file, fields): CsrfUpload,
) -> Result<Response, AppError> {
    let org = member.org.id;
    let dry_run = field(&fields, "dry_run") == "on";
    let mut problems = Vec::new();
    let platform = Platform::parse(field(&fields, "platform"))
        .map_err(|e| problems.push(format!("Platform: {e}.")))
        .ok();
    let mapping = parse_mapping(field(&fields, "mapping"))
        .map_err(|e| problems.push(format!("Columns: {e}.")))
        .ok();
    let campaign_id = field(&fields, "campaign").trim().parse::<i64>().ok();
    let campaign = match campaign_id {
        Some(id) => state.store.campaign(org, CampaignId(id)).await?,
        None => None,
    };
    if campaign.is_none() {
        problems.push("Campaign: choose the campaign these posts were about.".into());
    }
    let Ok(text) = String::from_utf8(file) else {
        problems.push(member.staff.t("error-not-utf8"));
        return refuse(&state, &member, problems).await;
    };
    let (Some(platform), Some(mapping), Some(campaign)) = (platform, mapping, campaign) else {
        return refuse(&state, &member, problems).await;
    };
    let posts = match parse_impressions_csv(&text, platform, &mapping) {
        Ok(posts) => posts,
        Err(found) => return refuse(&state, &member, sentences(&found)).await,
    };
    let rows = imports::place_posts(&state.store, org, campaign.id, platform, &posts).await?;
    let attributed = rows.iter().filter(|r| r.touchpoint.is_some()).count();
    if dry_run {
        return Ok(redirect_with_notice(
            &reports_path(&member),
            &crate::i18n::staff_with(
                member.staff.language,
                "import-posts-dry-run",
                &[
                    ("count", &rows.len().to_string()),
                    ("linked", &attributed.to_string()),
                ],
            ),
        ));
    }
    let written = state
        .store
        .import_impressions(
            org,
            &rows,
            &format!("{} export", platform.as_str()),
            &member.actor(),
            clock::now(),
        )
        .await?;
    Ok(redirect_with_notice(
        &reports_path(&member),
        &crate::i18n::staff_with(
            member.staff.language,
            "import-posts-done",
            &[
                ("count", &written.to_string()),
                ("linked", &attributed.to_string()),
            ],
        ),
    ))
}

/// `POST /admin/{org}/reports/attendance`: attendance per engagement.
pub async fn import_attendance(
    State(state): State<AppState>,
    member: Allowed<grants::EditProgram>,
    CsrfUpload(file, fields): CsrfUpload,
) -> Result<Response, AppError> {
    let org = member.org.id;
    let dry_run = field(&fields, "dry_run") == "on";
    let Ok(text) = String::from_utf8(file) else {
        return refuse(&state, &member, vec![member.staff.t("error-not-utf8")]).await;
    };
    let rows = match parse_attendance_csv(&text) {
        Ok(rows) => rows,
        Err(found) => return refuse(&state, &member, sentences(&found)).await,
    };
    let foreign = imports::foreign_engagements(&state.store, org, &rows).await?;
    if !foreign.is_empty() {
        return refuse(&state, &member, sentences(&foreign)).await;
    }
    if dry_run {
        return Ok(redirect_with_notice(
            &reports_path(&member),
            &crate::i18n::staff_with(
                member.staff.language,
                "import-attendance-dry-run",
                &[("count", &rows.len().to_string())],
            ),
        ));
    }
    let written = state
        .store
        .import_attendance(org, &rows, "attendance file", &member.actor(), clock::now())
        .await?;
    Ok(redirect_with_notice(
        &reports_path(&member),
        &crate::i18n::staff_with(
            member.staff.language,
            "import-attendance-done",
            &[("count", &written.to_string())],
        ),
    ))
}
