//! A campaign's key figures for the organization's dashboard: what was raised and how many
//! were reached, against the period before, each linked to its report and its method, with the
//! daily trend and money and scans per stop. Built from the same report as every other output.

use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::language::Language;
use crate::domain::money::{Currency, Money};
use crate::domain::report::{Report, Scope};
use crate::store::{Campaign, Store, StoreResult};

use super::{charts, day_label, key_figures, load, scope_for, Cell, ReportQuery};

/// The figures a dashboard leads with, in this order.
const LEADING: [&str; 7] = [
    "money",
    "gifts",
    "pledges-confirmed",
    "subscriptions-confirmed",
    "attendance",
    "unique-visitors",
    "scans",
];

/// One figure: its name, value, change against the previous period of the same length, and
/// the figure's key (its method page).
pub struct KeyFigure {
    pub key: &'static str,
    pub label: String,
    pub value: String,
    pub change: String,
}

/// One live campaign on the dashboard.
pub struct CampaignSummary {
    pub id: CampaignId,
    pub name: String,
    /// The report's filters for this campaign (`campaign=…`), for links to it.
    pub filters: String,
    pub period: String,
    /// "€4,815 raised of €500,000" for a campaign with a money goal.
    pub raised: Option<String>,
    pub figures: Vec<KeyFigure>,
    pub trend_chart: String,
    pub money_chart: String,
    pub scans_chart: String,
}

/// The summary of `campaign` over its whole run so far.
pub async fn campaign_summary(
    store: &Store,
    org: OrgId,
    campaign: &Campaign,
    today: jiff::civil::Date,
    language: Language,
) -> StoreResult<Option<CampaignSummary>> {
    let query = ReportQuery {
        campaign: campaign.id.0.to_string(),
        ..ReportQuery::default()
    };
    let Ok(scope) = scope_for(store, org, &query, today).await? else {
        return Ok(None);
    };
    let loaded = load(store, org, &scope).await?;
    let report = &loaded.report;
    let key_figures = key_figures(report, &loaded.previous, language);
    let figures = LEADING
        .iter()
        .filter_map(|wanted| {
            let at = key_figures.row_keys.iter().position(|k| k == wanted)?;
            let row = &key_figures.rows[at];
            Some(KeyFigure {
                key: wanted,
                label: row[0].display(language),
                value: row[1].display(language),
                change: row[3].display(language),
            })
        })
        .collect();
    let reporting = Currency::parse(&report.reporting_currency).ok();
    let raised = match (campaign.settings.goal_money, reporting) {
        (Some(goal), Some(currency)) if goal.currency == currency => {
            let raised = Money {
                minor: report.total.money_minor,
                currency,
            };
            Some(crate::i18n::staff_with(
                language,
                "summary-raised",
                &[
                    ("raised", &crate::i18n::money(language, raised)),
                    ("goal", &crate::i18n::money(language, goal)),
                ],
            ))
        }
        _ => None,
    };
    let stops: Vec<_> = report
        .stops
        .iter()
        .filter_map(|s| s.stop.as_ref().map(|stop| (stop, &s.figures)))
        .collect();
    let label = |stop: &crate::domain::report::StopInfo| format!("{} ({})", stop.city, stop.date);
    let money_rows: Vec<(String, i64, String)> = stops
        .iter()
        .map(|(stop, f)| {
            let shown = match reporting {
                Some(currency) => crate::i18n::money(
                    language,
                    Money {
                        minor: f.money_minor,
                        currency,
                    },
                ),
                None => f.money_minor.to_string(),
            };
            (label(stop), f.money_minor, shown)
        })
        .collect();
    let scan_rows: Vec<(String, i64, String)> = stops
        .iter()
        .map(|(stop, f)| (label(stop), f.scans, Cell::Count(f.scans).display(language)))
        .collect();
    let id = campaign.id.0;
    Ok(Some(CampaignSummary {
        id: campaign.id,
        name: campaign.settings.theme.clone(),
        filters: format!("campaign={id}"),
        period: format!(
            "{} – {}",
            day_label(scope.from_day),
            day_label(scope.to_day - 1)
        ),
        raised,
        figures,
        trend_chart: charts::line(
            &format!("trend-{id}"),
            &crate::i18n::staff(language, "summary-visits-chart"),
            &daily(report, &scope, |d| d.visits),
            false,
        ),
        money_chart: charts::bars(
            &format!("money-{id}"),
            &crate::i18n::staff(language, "summary-money-chart"),
            &money_rows,
            false,
        ),
        scans_chart: charts::bars(
            &format!("scans-{id}"),
            &crate::i18n::staff(language, "summary-scans-chart"),
            &scan_rows,
            false,
        ),
    }))
}

/// One value per day of `scope`, a day without any record counted as zero (so that a chart
/// shows a quiet day as a dip, not as a straight line between the days around it).
pub fn daily(
    report: &Report,
    scope: &Scope,
    value: fn(&crate::domain::report::DayFigures) -> i64,
) -> Vec<(String, i64)> {
    (scope.from_day..scope.to_day)
        .map(|day| {
            let on = report.days.iter().find(|d| d.day == day).map_or(0, value);
            (day_label(day), on)
        })
        .collect()
}
