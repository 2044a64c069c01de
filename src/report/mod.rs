//! A report's figures laid out as tables, once, in a language: the dashboard, the CSV
//! exports, the PDF, the command line and the transparency page all render these same tables,
//! so they cannot disagree.

pub mod charts;
pub mod csv;
pub mod imports;
pub mod pdf;
pub mod summary;

use jiff::civil::Date;
use jiff::ToSpan;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::domain::ids::{AmbassadorId, CampaignId, EngagementId, OrgId, TourId};
use crate::domain::language::Language;
use crate::domain::money::{Currency, Money};
use crate::domain::period::{Bounds, Period};
use crate::domain::reach;
use crate::domain::report::{build, change, previous_period, Figures, Report, Scope};
use crate::i18n;
use crate::store::{day_of_date, Engagement, Org, Store, StoreError, StoreResult};

/// The filters of a report, as the form and every link carry them.
#[derive(Deserialize, Serialize, Default, Clone)]
pub struct ReportQuery {
    #[serde(default)]
    pub campaign: String,
    #[serde(default)]
    pub tour: String,
    #[serde(default)]
    pub ambassador: String,
    #[serde(default)]
    pub engagement: String,
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// A shortcut (`domain::period::Period`); typed dates count only under `custom`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub period: String,
    #[serde(default, skip_serializing)]
    pub notice: Option<String>,
}

fn optional_id(field: &str, text: &str) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>().map(Some).map_err(|_| {
        format!(
            "{field}: '{}' is not a number.",
            text.chars().take(20).collect::<String>()
        )
    })
}

fn date(field: &str, text: &str, default: Date) -> Result<Date, String> {
    match text.trim() {
        "" => Ok(default),
        text => text.parse::<Date>().map_err(|_| {
            format!(
                "{field}: '{}' is not a date (YYYY-MM-DD).",
                text.chars().take(20).collect::<String>()
            )
        }),
    }
}

impl ReportQuery {
    /// The scope asked for. Its days are the period's ([`Period::days`] over `bounds`); under
    /// `custom` the typed dates, `to` by default today and `from` by default where "to date"
    /// starts (or 30 days up to `to`).
    pub fn scope(&self, today: Date, bounds: &Bounds) -> Result<Scope, Vec<String>> {
        let mut problems = Vec::new();
        let mut check = |r: Result<Option<i64>, String>| {
            r.unwrap_or_else(|p| {
                problems.push(p);
                None
            })
        };
        let campaign = check(optional_id("Campaign", &self.campaign));
        let tour = check(optional_id("Tour", &self.tour));
        let ambassador = check(optional_id("Ambassador", &self.ambassador));
        let engagement = check(optional_id("Stop", &self.engagement));
        let has_dates = !self.from.trim().is_empty() || !self.to.trim().is_empty();
        let period = Period::parse(&self.period, has_dates).unwrap_or_else(|p| {
            problems.push(p);
            Period::ToDate
        });
        let (from, to) = match (period, period.days(today, bounds)) {
            (_, Some(days)) => days,
            (Period::Tour, None) => {
                problems.push("Period: \"this tour\" needs a tour chosen.".to_string());
                (today, today)
            }
            _ => self.typed_days(today, bounds, &mut problems),
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let channel = Some(self.channel.trim().to_string()).filter(|c| !c.is_empty());
        Ok(Scope {
            campaign,
            tour,
            ambassador,
            engagement,
            channel,
            from_day: day_of_date(&from.to_string()).unwrap_or_default(),
            to_day: day_of_date(&to.to_string()).unwrap_or_default() + 1,
        })
    }

    /// The custom period's days as typed, with what is wrong with them in `problems`.
    fn typed_days(&self, today: Date, bounds: &Bounds, problems: &mut Vec<String>) -> (Date, Date) {
        let to = date("To", &self.to, today);
        let last = to.as_ref().copied().unwrap_or(today);
        let default_from = bounds
            .to_date_from
            .filter(|start| *start <= last)
            .unwrap_or(last.saturating_sub(29.days()));
        match (date("From", &self.from, default_from), to) {
            (Ok(from), Ok(to)) => {
                if to < from {
                    problems.push(format!("To: {to} is before {from}."));
                }
                (from, to)
            }
            (from, to) => {
                problems.extend(from.err());
                problems.extend(to.err());
                (today, today)
            }
        }
    }

    /// The query string of these filters (for CSV, PDF and method links).
    pub fn encoded(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }
}

/// The scope of `query` in `org`, its period measured against the organization's records:
/// "to date" starts on the campaign's first day, else the tour's first stop, else the
/// organization's first campaign (never an empty window before the activity).
/// A campaign, tour, ambassador or stop that is not the organization's is NotFound, the same
/// as one that does not exist. The inner error lists what is wrong with the filters.
pub async fn scope_for(
    store: &Store,
    org: OrgId,
    query: &ReportQuery,
    today: Date,
) -> StoreResult<Result<Scope, Vec<String>>> {
    let id_of = |field: &str| field.trim().parse::<i64>().ok();
    let campaigns = store.campaigns(org, true).await?;
    let stops = store.engagements(org, None).await?;
    let stop_day = |stop: &Engagement| stop.settings.starts_at_local.date();
    let mut bounds = Bounds {
        first_day: campaigns
            .iter()
            .filter_map(|c| c.settings.starts_on)
            .chain(stops.iter().map(stop_day))
            .min(),
        ..Bounds::default()
    };
    if let Some(id) = id_of(&query.campaign) {
        let campaign = campaigns
            .iter()
            .find(|c| c.id == CampaignId(id))
            .ok_or(StoreError::NotFound)?;
        bounds.to_date_from = campaign.settings.starts_on;
    }
    if let Some(id) = id_of(&query.tour) {
        store
            .tour(org, TourId(id))
            .await?
            .ok_or(StoreError::NotFound)?;
        let days = stops
            .iter()
            .filter(|stop| stop.settings.tour_id == Some(id))
            .map(stop_day);
        bounds.tour = days.clone().min().zip(days.max());
        bounds.to_date_from = bounds.to_date_from.or(bounds.tour.map(|(first, _)| first));
    }
    if id_of(&query.campaign).is_none() && id_of(&query.tour).is_none() {
        bounds.to_date_from = campaigns
            .iter()
            .filter(|c| !c.archived)
            .filter_map(|c| c.settings.starts_on)
            .min();
    }
    if let Some(id) = id_of(&query.ambassador) {
        store
            .ambassador_profile(org, AmbassadorId(id))
            .await?
            .ok_or(StoreError::NotFound)?;
    }
    if let Some(id) = id_of(&query.engagement) {
        if !stops.iter().any(|stop| stop.id == EngagementId(id)) {
            store
                .engagement(org, EngagementId(id))
                .await?
                .ok_or(StoreError::NotFound)?;
        }
    }
    Ok(query.scope(today, &bounds))
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
}

/// The impact report of `scope` as PDF, in the organization's language, with the same tables
/// as the dashboard.
pub async fn impact_pdf(
    store: &Store,
    org: &Org,
    scope: &Scope,
    generated_on: &str,
) -> Result<Vec<u8>, ReportError> {
    let language = org.default_language;
    let loaded = load(store, org.id, scope).await?;
    let tables = tables(&loaded.report, &loaded.previous, language);
    let subject = match scope.campaign {
        Some(id) => {
            let contents = store.campaign_contents(org.id, CampaignId(id)).await?;
            let campaign = store.campaign(org.id, CampaignId(id)).await?;
            contents
                .iter()
                .find(|(l, _)| *l == language)
                .or(contents.first())
                .map(|(_, c)| c.title.clone())
                .or(campaign.map(|c| c.settings.theme))
                .unwrap_or_default()
        }
        None => i18n::text(language, "report-all-campaigns"),
    };
    let synthetic =
        (org.slug == crate::demo::DEMO_SLUG).then(|| i18n::text(language, "report-synthetic"));
    let (from, to) = (day_label(scope.from_day), day_label(scope.to_day - 1));
    let (org_name, generated_on) = (org.name.clone(), generated_on.to_string());
    // Laying out and compressing is CPU work: off the request threads.
    let written = tokio::task::spawn_blocking(move || {
        let cover = pdf::Cover {
            org_name: &org_name,
            subject: &subject,
            from: &from,
            to: &to,
            generated_on: &generated_on,
            synthetic_note: synthetic.as_deref(),
        };
        pdf::impact_pdf(&cover, &tables, language)
    })
    .await
    .map_err(|e| pdf::PdfError(e.to_string()))?;
    Ok(written?)
}

/// A report and the same report over the period just before it.
pub struct Loaded {
    pub report: Report,
    pub previous: Report,
}

/// Reads the rollups of both periods (each its own read: unique visitors must not mix them)
/// and builds the report of `scope`.
pub async fn load(store: &Store, org: OrgId, scope: &Scope) -> StoreResult<Loaded> {
    let before = previous_period(scope);
    let input = store
        .report_input(org, scope.from_day, scope.to_day)
        .await?;
    let previous_input = store
        .report_input(org, before.from_day, before.to_day)
        .await?;
    Ok(Loaded {
        report: build(&input, scope),
        previous: build(&previous_input, &before),
    })
}

/// One cell: numbers stay numbers in a CSV; text is defanged there.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Count(i64),
    /// An estimate (unique visitors), rounded.
    Estimate(i64),
    Money(Money),
    /// A share (0.125 for 12.5 %); None where it cannot be computed (a zero before it).
    Share(Option<f64>),
    Text(String),
}

impl Cell {
    /// As a person reads it in `language`.
    pub fn display(&self, language: Language) -> String {
        match self {
            Cell::Count(n) => i18n::number(language, *n),
            Cell::Estimate(n) => i18n::text_with(
                language,
                "report-about",
                &[("value", &i18n::number(language, *n))],
            ),
            Cell::Money(m) => i18n::money(language, *m),
            Cell::Share(Some(share)) => format!("{:.1} %", share * 100.0),
            Cell::Share(None) => "—".into(),
            Cell::Text(t) => t.clone(),
        }
    }

    /// As a spreadsheet should read it: digits for numbers, a decimal for money and shares.
    pub fn plain(&self) -> String {
        match self {
            Cell::Count(n) | Cell::Estimate(n) => n.to_string(),
            Cell::Money(m) => m.major_string(),
            Cell::Share(Some(share)) => format!("{:.4}", share),
            Cell::Share(None) => String::new(),
            Cell::Text(t) => t.clone(),
        }
    }
}

/// A titled table with a stable key (`figures`, `stops`, `channels`, `funnel`, `days`).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub key: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// For the key figures: each row's figure (its method page); empty for other tables.
    pub row_keys: Vec<&'static str>,
}

impl Table {
    pub const KEYS: [&'static str; 5] = ["figures", "funnel", "stops", "channels", "days"];
}

/// A figure with its label key and method note key.
struct FigureLine {
    key: &'static str,
    now: Cell,
    before: Cell,
    change: Option<f64>,
}

fn money(minor: i64, currency: Option<Currency>) -> Cell {
    match currency {
        Some(currency) => Cell::Money(Money { minor, currency }),
        None => Cell::Count(minor),
    }
}

fn lines(now: &Figures, before: &Figures, reporting: Option<Currency>) -> Vec<FigureLine> {
    let count = |key, a: i64, b: i64| FigureLine {
        key,
        now: Cell::Count(a),
        before: Cell::Count(b),
        change: change(a, b),
    };
    let visitors = (
        now.unique_visitors.round() as i64,
        before.unique_visitors.round() as i64,
    );
    let mut lines = vec![
        count("attendance", now.attendance, before.attendance),
        count("impressions", now.impressions, before.impressions),
        count("social-reach", now.social_reach, before.social_reach),
        count("visits", now.visits, before.visits),
        FigureLine {
            key: "unique-visitors",
            now: Cell::Estimate(visitors.0),
            before: Cell::Estimate(visitors.1),
            change: change(visitors.0, visitors.1),
        },
        count("scans", now.scans, before.scans),
        count("links", now.links, before.links),
        count("pledges", now.pledges, before.pledges),
        count(
            "pledges-confirmed",
            now.pledges_confirmed,
            before.pledges_confirmed,
        ),
        count("subscriptions", now.subscriptions, before.subscriptions),
        count(
            "subscriptions-confirmed",
            now.subscriptions_confirmed,
            before.subscriptions_confirmed,
        ),
        count("gifts", now.gifts, before.gifts),
        FigureLine {
            key: "money",
            now: money(now.money_minor, reporting),
            before: money(before.money_minor, reporting),
            change: change(now.money_minor, before.money_minor),
        },
    ];
    let mut currencies: Vec<&String> = now
        .money_by_currency
        .keys()
        .chain(before.money_by_currency.keys())
        .collect();
    currencies.sort();
    currencies.dedup();
    for code in currencies {
        let a = now.money_by_currency.get(code).copied().unwrap_or_default();
        let b = before
            .money_by_currency
            .get(code)
            .copied()
            .unwrap_or_default();
        let currency = Currency::parse(code).ok();
        lines.push(FigureLine {
            key: "money-in",
            now: money(a, currency),
            before: money(b, currency),
            change: change(a, b),
        });
    }
    let mut promised: Vec<&String> = now
        .promised_by_currency
        .keys()
        .chain(before.promised_by_currency.keys())
        .collect();
    promised.sort();
    promised.dedup();
    for code in promised {
        let a = now
            .promised_by_currency
            .get(code)
            .copied()
            .unwrap_or_default();
        let b = before
            .promised_by_currency
            .get(code)
            .copied()
            .unwrap_or_default();
        let currency = Currency::parse(code).ok();
        lines.push(FigureLine {
            key: "promised-in",
            now: money(a, currency),
            before: money(b, currency),
            change: change(a, b),
        });
    }
    lines.push(count("unvalued", now.unvalued_gifts, before.unvalued_gifts));
    lines
}

/// The label of figure `key` in `language` (`money-in` names its currency from the cell).
fn figure_label(language: Language, key: &str, cell: &Cell) -> String {
    match (key, cell) {
        ("money-in" | "promised-in", Cell::Money(m)) => i18n::text_with(
            language,
            &format!("fig-{key}"),
            &[("currency", m.currency.code())],
        ),
        _ => i18n::text(language, &format!("fig-{key}")),
    }
}

/// How figure `key` is counted, in `language`.
pub fn method_note(language: Language, key: &str, reporting: &str) -> String {
    let error = format!("{:.1}", reach::standard_error() * 100.0);
    i18n::text_with(
        language,
        &format!("method-{key}"),
        &[("error", &error), ("currency", reporting)],
    )
}

/// The keys of the figures a report lists (for method pages).
pub const FIGURE_KEYS: [&str; 16] = [
    "attendance",
    "impressions",
    "social-reach",
    "visits",
    "unique-visitors",
    "scans",
    "links",
    "pledges",
    "pledges-confirmed",
    "subscriptions",
    "subscriptions-confirmed",
    "gifts",
    "money",
    "money-in",
    "promised-in",
    "unvalued",
];

/// The key figures of `report` against `previous`: each figure's value, change and method (the
/// first of [`tables`], and what the dashboard leads with).
pub fn key_figures(report: &Report, previous: &Report, language: Language) -> Table {
    let t = |key: &str| i18n::text(language, key);
    let reporting = Currency::parse(&report.reporting_currency).ok();
    let figure_lines = lines(&report.total, &previous.total, reporting);
    Table {
        key: "figures",
        title: t("report-key-figures"),
        columns: vec![
            t("report-figure"),
            t("report-this-period"),
            t("report-previous-period"),
            t("report-change"),
            t("report-method"),
        ],
        row_keys: figure_lines.iter().map(|line| line.key).collect(),
        rows: figure_lines
            .into_iter()
            .map(|line| {
                vec![
                    Cell::Text(figure_label(language, line.key, &line.now)),
                    line.now,
                    line.before,
                    Cell::Share(line.change),
                    Cell::Text(method_note(language, line.key, &report.reporting_currency)),
                ]
            })
            .collect(),
    }
}

/// The report's tables in `language`: key figures beside the previous period, the funnel,
/// per stop, per channel, day by day.
pub fn tables(report: &Report, previous: &Report, language: Language) -> Vec<Table> {
    let t = |key: &str| i18n::text(language, key);
    let reporting = Currency::parse(&report.reporting_currency).ok();
    let figures = key_figures(report, previous, language);
    let funnel = Table {
        key: "funnel",
        title: t("report-funnel"),
        columns: vec![
            t("report-step"),
            t("report-number"),
            t("report-source"),
            t("report-conversion"),
            t("report-rate-of"),
        ],
        rows: report
            .funnel
            .iter()
            .map(|step| {
                let source = match step.key {
                    "attended" if !report.total.attendance_sources.is_empty() => {
                        joined(&report.total.attendance_sources)
                    }
                    key => method_note(language, &format!("funnel-{key}"), ""),
                };
                vec![
                    Cell::Text(t(&format!("step-{}", step.key))),
                    Cell::Count(step.count),
                    Cell::Text(source),
                    Cell::Share(step.conversion),
                    Cell::Text(
                        step.basis
                            .map_or_else(String::new, |basis| t(&format!("funnel-basis-{basis}"))),
                    ),
                ]
            })
            .collect(),
        row_keys: Vec::new(),
    };
    let stops = Table {
        key: "stops",
        title: t("report-stops"),
        columns: vec![
            t("report-stop"),
            t("report-date"),
            t("report-city"),
            t("fig-attendance"),
            t("report-source"),
            t("fig-visits"),
            t("fig-unique-visitors"),
            t("fig-scans"),
            t("fig-pledges"),
            t("fig-subscriptions"),
            t("fig-gifts"),
            t("fig-money"),
        ],
        rows: report
            .stops
            .iter()
            .map(|s| {
                let f = &s.figures;
                let (title, date, city) = match &s.stop {
                    Some(stop) => (stop.title.clone(), stop.date.clone(), stop.city.clone()),
                    None => (t("report-not-at-stop"), String::new(), String::new()),
                };
                vec![
                    Cell::Text(title),
                    Cell::Text(date),
                    Cell::Text(city),
                    Cell::Count(f.attendance),
                    Cell::Text(joined(&f.attendance_sources)),
                    Cell::Count(f.visits),
                    Cell::Estimate(f.unique_visitors.round() as i64),
                    Cell::Count(f.scans),
                    Cell::Count(f.pledges),
                    Cell::Count(f.subscriptions),
                    Cell::Count(f.gifts),
                    money(f.money_minor, reporting),
                ]
            })
            .collect(),
        row_keys: Vec::new(),
    };
    let channels = Table {
        key: "channels",
        title: t("report-channels"),
        columns: vec![
            t("report-channel"),
            t("fig-visits"),
            t("fig-unique-visitors"),
            t("fig-scans"),
            t("fig-links"),
            t("fig-pledges"),
            t("fig-gifts"),
            t("fig-money"),
        ],
        rows: report
            .channels
            .iter()
            .map(|(channel, f)| {
                vec![
                    Cell::Text(i18n::channel(language, channel)),
                    Cell::Count(f.visits),
                    Cell::Estimate(f.unique_visitors.round() as i64),
                    Cell::Count(f.scans),
                    Cell::Count(f.links),
                    Cell::Count(f.pledges),
                    Cell::Count(f.gifts),
                    money(f.money_minor, reporting),
                ]
            })
            .collect(),
        row_keys: Vec::new(),
    };
    let days = Table {
        key: "days",
        title: t("report-days"),
        columns: vec![
            t("report-day"),
            t("fig-visits"),
            t("report-actions"),
            t("fig-gifts"),
        ],
        rows: report
            .days
            .iter()
            .map(|d| {
                vec![
                    Cell::Text(day_label(d.day)),
                    Cell::Count(d.visits),
                    Cell::Count(d.acted),
                    Cell::Count(d.gifts),
                ]
            })
            .collect(),
        row_keys: Vec::new(),
    };
    vec![figures, funnel, stops, channels, days]
}

/// Attendance sources as one cell: "ticket scanner, venue count".
fn joined(sources: &std::collections::BTreeSet<String>) -> String {
    sources.iter().cloned().collect::<Vec<_>>().join(", ")
}

/// A cell in JSON: counts as numbers, money as its decimal amount and currency.
fn cell_json(cell: &Cell) -> Value {
    match cell {
        Cell::Count(n) | Cell::Estimate(n) => json!(n),
        Cell::Money(m) => json!({ "amount": m.major_string(), "currency": m.currency.code() }),
        Cell::Share(share) => json!(share),
        Cell::Text(text) => json!(text),
    }
}

pub fn tables_json(tables: &[Table]) -> Value {
    Value::Array(
        tables
            .iter()
            .map(|t| {
                json!({
                    "key": t.key,
                    "title": t.title,
                    "columns": t.columns,
                    "rows": t.rows.iter().map(|r| r.iter().map(cell_json).collect::<Vec<_>>()).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// The funnel as an SVG bar chart in `language` (mirrored for right to left), its labels and
/// values from the report's funnel table.
pub fn funnel_chart(tables: &[Table], report: &Report, language: Language) -> String {
    let Some(funnel) = tables.iter().find(|t| t.key == "funnel") else {
        return String::new();
    };
    let rows: Vec<(String, i64, String)> = funnel
        .rows
        .iter()
        .zip(&report.funnel)
        .map(|(row, step)| {
            (
                row[0].display(language),
                step.count,
                row[1].display(language),
            )
        })
        .collect();
    charts::bars("funnel", &funnel.title, &rows, language.dir() == "rtl")
}

/// `YYYY-MM-DD` of a day number (days since 1970-01-01).
pub fn day_label(day: i64) -> String {
    jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(day))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::report::{build, ReportInput, Scope, VisitCell};

    #[test]
    fn every_table_has_as_many_cells_as_columns_in_every_language() {
        let input = ReportInput {
            visits: vec![VisitCell {
                campaign: 1,
                touchpoint: 0,
                day: 20_000,
                people: 1_250,
                scans: 0,
                links: 0,
            }],
            reporting_currency: "EUR".into(),
            ..ReportInput::default()
        };
        let scope = Scope {
            from_day: 19_990,
            to_day: 20_010,
            ..Scope::default()
        };
        let report = build(&input, &scope);
        let previous = build(&input, &crate::domain::report::previous_period(&scope));
        for language in Language::ALL {
            let tables = tables(&report, &previous, language);
            assert_eq!(
                tables.iter().map(|t| t.key).collect::<Vec<_>>(),
                Table::KEYS
            );
            for table in &tables {
                for row in &table.rows {
                    assert_eq!(row.len(), table.columns.len(), "{}", table.key);
                }
            }
            let visits = &tables[0].rows[3];
            assert_eq!(visits[1].plain(), "1250");
            assert!(!visits[4].display(language).starts_with("method-"));
        }
        let en = tables(&report, &previous, Language::En);
        assert_eq!(en[0].rows[3][1].display(Language::En), "1,250");
        assert_eq!(en[0].rows[3][3], Cell::Share(None), "nothing before");
        assert_eq!(day_label(20_000), "2024-10-04");
        // Channels by their names in the language, never a stored identifier.
        let es = tables(&report, &previous, Language::Es);
        let channels = es.iter().find(|t| t.key == "channels").expect("channels");
        assert_eq!(
            channels.rows[0][0].display(Language::Es),
            "Directo (sin código)"
        );
    }
}
