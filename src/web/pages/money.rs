//! `/admin/{org}/money`: money outside the payment provider (campaign managers and up). Staff
//! record offline gifts one by one or import them from a spreadsheet (with a dry run), and
//! record commitments and ticket levies, then follow them until paid or cancelled. Promised money
//! is listed apart and never added to money received; a paid one becomes an offline gift.

use axum::routing::{get, post};
use axum::Router;
use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::{redirect_with_notice, render_with, Layout};
use crate::auth::token::random_token;
use crate::clock;
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::money::{Currency, Money};
use crate::domain::offline::{
    parse_offline_csv, CommitmentInput, CommitmentStatus, FieldProblem, Method, OfflineGift,
    OfflineGiftInput,
};
use crate::domain::spreadsheet::{self, RowProblem};
use crate::i18n;
use crate::store::{CommitmentRow, NewOfflineGift, OFFLINE_PROVIDER};
use crate::web::paths::ItemId;
use crate::web::session::{grants, Allowed};
use crate::web::session::{CsrfForm, CsrfUpload};
use crate::web::{AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/{org}/money", get(show))
        .route("/admin/{org}/money/gifts", post(record_gift))
        .route(
            "/admin/{org}/money/import",
            post(import_gifts).layer(crate::web::upload_limit()),
        )
        .route("/admin/{org}/money/commitments", post(record_commitment))
        .route(
            "/admin/{org}/money/commitments/{id}",
            post(settle_commitment),
        )
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    notice: Option<String>,
}

struct GiftLine {
    reference: String,
    received_on: String,
    campaign: String,
    method: String,
    amount: String,
    note: String,
}

struct CommitmentLine {
    id: i64,
    kind: &'static str,
    party: String,
    campaign: String,
    stop: String,
    amount: String,
    detail: String,
    announced_on: String,
    due_on: String,
    status: String,
    open: bool,
}

#[derive(Template)]
#[template(path = "pages/money.html")]
struct MoneyPage {
    layout: Layout,
    org_slug: String,
    csrf: String,
    today: String,
    campaigns: Vec<(String, String)>,
    engagements: Vec<(i64, String)>,
    methods: Vec<&'static str>,
    gifts: Vec<GiftLine>,
    commitments: Vec<CommitmentLine>,
    /// Promised and still open, per currency.
    open_totals: Vec<String>,
    notice: Option<String>,
    errors: Vec<String>,
}

fn money_text(minor: i64, code: &str) -> String {
    match Currency::parse(code) {
        Ok(currency) => Money { minor, currency }.display(),
        Err(_) => format!("{minor} {code}"),
    }
}

pub async fn show(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    Query(query): Query<PageQuery>,
) -> Result<Response, AppError> {
    page(&state, &member, StatusCode::OK, query.notice, Vec::new()).await
}

async fn page(
    state: &AppState,
    member: &Allowed<grants::EditCampaigns>,
    status: StatusCode,
    notice: Option<String>,
    errors: Vec<String>,
) -> Result<Response, AppError> {
    let org = member.org.id;
    let campaigns = state.store.campaigns(org, false).await?;
    let names: HashMap<i64, String> = campaigns
        .iter()
        .map(|c| (c.id.0, c.settings.theme.clone()))
        .collect();
    let engagements: Vec<(i64, String)> = state
        .store
        .engagements(org, None)
        .await?
        .into_iter()
        .map(|e| {
            let s = e.settings;
            (
                e.id.0,
                format!("{} — {} ({})", s.title, s.city, s.starts_at_local.date()),
            )
        })
        .collect();
    let stops: HashMap<i64, String> = engagements.iter().cloned().collect();
    let gifts = state
        .store
        .gifts(org)
        .await?
        .into_iter()
        .filter(|g| g.provider == OFFLINE_PROVIDER)
        .map(|g| GiftLine {
            amount: match (g.amount_minor, g.currency.as_deref()) {
                (Some(minor), Some(code)) => money_text(minor, code),
                _ => String::new(),
            },
            campaign: g
                .campaign_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default(),
            received_on: g.paid_on.clone().unwrap_or_default(),
            method: g.method.clone().unwrap_or_default(),
            note: g.note.clone().unwrap_or_default(),
            reference: g.payment_ref,
        })
        .collect();
    let rows = state.store.commitments(org).await?;
    let mut open: Vec<(String, i64)> = Vec::new();
    for row in rows
        .iter()
        .filter(|r| r.status == CommitmentStatus::Open.as_str())
    {
        match open.iter_mut().find(|(code, _)| *code == row.currency) {
            Some((_, sum)) => *sum += row.amount_minor,
            None => open.push((row.currency.clone(), row.amount_minor)),
        }
    }
    let commitments = rows
        .into_iter()
        .map(|row| commitment_line(row, &names, &stops))
        .collect();
    render_with(
        status,
        &MoneyPage {
            layout: Layout::org(state, member, &member.staff.t("nav-money")).await?,
            org_slug: member.org.slug.clone(),
            csrf: member.staff.csrf_token.clone(),
            today: clock::now().utc_date().to_string(),
            campaigns: campaigns
                .into_iter()
                .map(|c| (c.settings.slug, c.settings.theme))
                .collect(),
            engagements,
            methods: Method::ALL.iter().map(|m| m.as_str()).collect(),
            gifts,
            commitments,
            open_totals: open
                .into_iter()
                .map(|(code, minor)| money_text(minor, &code))
                .collect(),
            notice,
            errors,
        },
    )
}

fn commitment_line(
    row: CommitmentRow,
    campaigns: &HashMap<i64, String>,
    stops: &HashMap<i64, String>,
) -> CommitmentLine {
    let detail = match (row.per_ticket_minor, row.tickets) {
        (Some(each), Some(tickets)) => {
            format!("{} × {tickets}", money_text(each, &row.currency))
        }
        _ => String::new(),
    };
    CommitmentLine {
        id: row.id,
        // Named by the page in the staff member's language.
        kind: if row.kind == "levy" {
            "commitment-kind-levy"
        } else {
            "commitment-kind-commitment"
        },
        campaign: campaigns.get(&row.campaign_id).cloned().unwrap_or_default(),
        stop: row
            .engagement_id
            .and_then(|id| stops.get(&id).cloned())
            .unwrap_or_default(),
        amount: money_text(row.amount_minor, &row.currency),
        detail,
        announced_on: row.announced_on,
        due_on: row.due_on.unwrap_or_default(),
        open: row.status == CommitmentStatus::Open.as_str(),
        status: row.status,
        party: row.party,
    }
}

/// What the organization's references resolve to: campaigns by slug, its engagements.
struct Known {
    campaigns: HashMap<String, CampaignId>,
    engagements: Vec<i64>,
}

async fn known(state: &AppState, org: OrgId) -> Result<Known, AppError> {
    Ok(Known {
        campaigns: state
            .store
            .campaigns(org, false)
            .await?
            .into_iter()
            .map(|c| (c.settings.slug, c.id))
            .collect(),
        engagements: state
            .store
            .engagements(org, None)
            .await?
            .into_iter()
            .map(|e| e.id.0)
            .collect(),
    })
}

impl Known {
    /// The gift's campaign, or the problems with what it names (field, message).
    async fn resolve(
        &self,
        state: &AppState,
        org: OrgId,
        campaign: &str,
        engagement: Option<i64>,
        touchpoint: Option<&str>,
    ) -> Result<Result<CampaignId, Vec<FieldProblem>>, AppError> {
        let mut problems = Vec::new();
        let found = self.campaigns.get(campaign).copied();
        if found.is_none() {
            problems.push(FieldProblem {
                field: "campaign",
                message: format!("no campaign '{campaign}' in this organization"),
            });
        }
        if let Some(id) = engagement.filter(|id| !self.engagements.contains(id)) {
            problems.push(FieldProblem {
                field: "engagement",
                message: format!("no event {id} in this organization"),
            });
        }
        if let Some(code) = touchpoint {
            let route = state.directory.lookup(state, code).await?;
            if route.is_none_or(|r| r.org_id != org) {
                problems.push(FieldProblem {
                    field: "touchpoint",
                    message: format!("no touchpoint '{code}' in this organization"),
                });
            }
        }
        Ok(match found {
            Some(campaign) if problems.is_empty() => Ok(campaign),
            _ => Err(problems),
        })
    }
}

/// The page again with what is wrong; nothing was changed.
async fn refuse(
    state: &AppState,
    member: &Allowed<grants::EditCampaigns>,
    problems: Vec<String>,
) -> Result<Response, AppError> {
    page(
        state,
        member,
        StatusCode::UNPROCESSABLE_ENTITY,
        None,
        problems,
    )
    .await
}

fn sentences(problems: &[FieldProblem]) -> Vec<String> {
    problems.iter().map(|p| format!("{p}.")).collect()
}

#[derive(Deserialize)]
pub struct GiftForm {
    #[serde(default)]
    reference: String,
    #[serde(default)]
    campaign: String,
    #[serde(default)]
    engagement: String,
    #[serde(default)]
    touchpoint: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    received_on: String,
    #[serde(default)]
    note: String,
}

/// `POST /admin/{org}/money/gifts`: one offline gift (a blank reference gets a new one).
pub async fn record_gift(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    CsrfForm(form): CsrfForm<GiftForm>,
) -> Result<Response, AppError> {
    let org = member.org.id;
    let generated;
    let reference = if form.reference.trim().is_empty() {
        generated = format!("manual-{}", &random_token()[..12]);
        generated.as_str()
    } else {
        form.reference.as_str()
    };
    let input = OfflineGiftInput {
        reference,
        campaign: &form.campaign,
        engagement: &form.engagement,
        touchpoint: &form.touchpoint,
        method: &form.method,
        amount: &form.amount,
        currency: &form.currency,
        received_on: &form.received_on,
        note: &form.note,
    };
    let gift = match input.check(clock::now().utc_date()) {
        Ok(gift) => gift,
        Err(problems) => return refuse(&state, &member, sentences(&problems)).await,
    };
    let known = known(&state, org).await?;
    let campaign = match known
        .resolve(
            &state,
            org,
            &gift.campaign,
            gift.engagement,
            gift.touchpoint.as_deref(),
        )
        .await?
    {
        Ok(campaign) => campaign,
        Err(problems) => return refuse(&state, &member, sentences(&problems)).await,
    };
    state
        .store
        .record_offline_gifts(
            org,
            &[NewOfflineGift {
                gift: &gift,
                campaign,
            }],
            &member.actor(),
            clock::now(),
        )
        .await?;
    money_received(&state);
    let path = format!("/admin/{}/money", member.org.slug);
    Ok(redirect_with_notice(
        &path,
        &crate::i18n::staff_with(
            member.staff.language,
            "money-gift-recorded",
            &[
                ("reference", &gift.reference),
                ("amount", &gift.amount.display()),
            ],
        ),
    ))
}

/// `POST /admin/{org}/money/import`: a spreadsheet of offline gifts, all or none; with the dry
/// run ticked, only checked. Re-importing a reference replaces that gift.
pub async fn import_gifts(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    CsrfUpload(file, fields): CsrfUpload,
) -> Result<Response, AppError> {
    let org = member.org.id;
    let dry_run = fields
        .iter()
        .any(|(name, value)| name == "dry_run" && value == "on");
    let Ok(text) = String::from_utf8(file) else {
        return refuse(&state, &member, vec![member.staff.t("error-not-utf8")]).await;
    };
    let rows = match parse_offline_csv(&text, clock::now().utc_date()) {
        Ok(rows) => rows,
        Err(problems) => return refuse(&state, &member, spreadsheet::sentences(&problems)).await,
    };
    let known = known(&state, org).await?;
    let mut resolved: Vec<(CampaignId, &OfflineGift)> = Vec::new();
    let mut problems = Vec::new();
    for (line, gift) in &rows {
        match known
            .resolve(
                &state,
                org,
                &gift.campaign,
                gift.engagement,
                gift.touchpoint.as_deref(),
            )
            .await?
        {
            Ok(campaign) => resolved.push((campaign, gift)),
            Err(found) => problems.extend(found.into_iter().map(|p| RowProblem {
                line: *line,
                field: p.field.to_owned(),
                message: p.message,
            })),
        }
    }
    if !problems.is_empty() {
        return refuse(&state, &member, spreadsheet::sentences(&problems)).await;
    }
    let path = format!("/admin/{}/money", member.org.slug);
    if dry_run {
        return Ok(redirect_with_notice(
            &path,
            &crate::i18n::staff_with(
                member.staff.language,
                "money-import-dry-run",
                &[("count", &resolved.len().to_string())],
            ),
        ));
    }
    let gifts: Vec<NewOfflineGift<'_>> = resolved
        .iter()
        .map(|(campaign, gift)| NewOfflineGift {
            gift,
            campaign: *campaign,
        })
        .collect();
    let written = state
        .store
        .record_offline_gifts(org, &gifts, &member.actor(), clock::now())
        .await?;
    money_received(&state);
    Ok(redirect_with_notice(
        &path,
        &crate::i18n::staff_with(
            member.staff.language,
            "money-imported",
            &[("count", &written.to_string())],
        ),
    ))
}

/// Received money changed: progress bars follow (live counts), and the payment processor values
/// the new gifts in the reporting currency now rather than on its next pass.
fn money_received(state: &AppState) {
    state.tallies.money_moved();
    state.payment_events_kept.notify_one();
}

#[derive(Deserialize)]
pub struct CommitmentForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    party: String,
    #[serde(default)]
    campaign: String,
    #[serde(default)]
    engagement: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    per_ticket: String,
    #[serde(default)]
    tickets: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    announced_on: String,
    #[serde(default)]
    due_on: String,
    #[serde(default)]
    note: String,
}

/// `POST /admin/{org}/money/commitments`.
pub async fn record_commitment(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    CsrfForm(form): CsrfForm<CommitmentForm>,
) -> Result<Response, AppError> {
    let org = member.org.id;
    let input = CommitmentInput {
        kind: &form.kind,
        party: &form.party,
        campaign: &form.campaign,
        engagement: &form.engagement,
        amount: &form.amount,
        per_ticket: &form.per_ticket,
        tickets: &form.tickets,
        currency: &form.currency,
        announced_on: &form.announced_on,
        due_on: &form.due_on,
        note: &form.note,
    };
    let commitment = match input.check(clock::now().utc_date()) {
        Ok(commitment) => commitment,
        Err(problems) => return refuse(&state, &member, sentences(&problems)).await,
    };
    let known = known(&state, org).await?;
    let campaign = match known
        .resolve(
            &state,
            org,
            &commitment.campaign,
            commitment.engagement,
            None,
        )
        .await?
    {
        Ok(campaign) => campaign,
        Err(problems) => return refuse(&state, &member, sentences(&problems)).await,
    };
    state
        .store
        .record_commitment(org, campaign, &commitment, &member.actor(), clock::now())
        .await?;
    let path = format!("/admin/{}/money", member.org.slug);
    Ok(redirect_with_notice(
        &path,
        &crate::i18n::staff_with(
            member.staff.language,
            "money-commitment-recorded",
            &[
                (
                    "kind",
                    &member.staff.t(if commitment.per_ticket.is_some() {
                        "commitment-kind-levy"
                    } else {
                        "commitment-kind-commitment"
                    }),
                ),
                ("amount", &commitment.amount.display()),
                ("party", &commitment.party),
            ],
        ),
    ))
}

#[derive(Deserialize)]
pub struct SettleForm {
    status: String,
    #[serde(default)]
    paid_on: String,
}

/// `POST /admin/{org}/money/commitments/{id}`: paid (on a day: its money becomes an offline
/// gift) or cancelled.
pub async fn settle_commitment(
    State(state): State<AppState>,
    member: Allowed<grants::EditCampaigns>,
    ItemId(id): ItemId,
    CsrfForm(form): CsrfForm<SettleForm>,
) -> Result<Response, AppError> {
    let today = clock::now().utc_date();
    let status = match CommitmentStatus::parse(&form.status) {
        Ok(status @ (CommitmentStatus::Paid | CommitmentStatus::Cancelled)) => status,
        _ => {
            return Err(AppError::Invalid(vec![member
                .staff
                .t("error-commitment-status")]))
        }
    };
    let paid_on = if form.paid_on.trim().is_empty() {
        today
    } else {
        match form.paid_on.trim().parse::<jiff::civil::Date>() {
            Ok(day) if day <= today => day,
            _ => {
                let typed: String = form.paid_on.trim().chars().take(20).collect();
                let args = [("value", typed.as_str())];
                let said = i18n::staff_with(member.staff.language, "error-paid-on", &args);
                return Err(AppError::Invalid(vec![said]));
            }
        }
    };
    state
        .store
        .settle_commitment(
            member.org.id,
            id,
            status,
            paid_on,
            &member.actor(),
            clock::now(),
        )
        .await?;
    if status == CommitmentStatus::Paid {
        money_received(&state);
    }
    let path = format!("/admin/{}/money", member.org.slug);
    Ok(redirect_with_notice(
        &path,
        &member.staff.t(match status {
            CommitmentStatus::Paid => "money-marked-paid",
            _ => "money-cancelled",
        }),
    ))
}
