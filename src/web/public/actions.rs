//! Pledges and subscriptions on the public pages: the form (a signed token carrying the
//! idempotency key), the submission (abuse rules, group commit, confirmation email), the
//! emailed confirmation link, and the live counts (server-sent events).
//!
//! Every accepted submission gets the same answer, whether it was new, repeated, from a person
//! who had already signed, or held because its address was busy: the reply never tells whether
//! an email address has signed.

use axum::routing::get;
use axum::Router;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, Query, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use futures_util::Stream;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::watch;

use super::forms::{check_token, fresh_token, private_page, TokenRefusal, FORGED_FORM};
use super::views::{self, ActionFormState, CampaignView, FormValues};
use super::{accept_language, campaign_entry, not_found, streams};
use crate::app::intake::{IntakeForm, MailContext};
use crate::clock;
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::language::{negotiate, Language};
use crate::domain::org::OrgSlug;
use crate::domain::supporter::{self, ActionForm, ActionKind, Field, TokenError};
use crate::domain::time::Timestamp;
use crate::i18n;
use crate::store::{ActionCounts, TouchpointRoute};
use crate::web::{client, AppError, AppState};

/// This module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{org}/{campaign}/pledge", get(pledge_form).post(pledge))
        .route(
            "/{org}/{campaign}/subscribe",
            get(subscribe_form).post(subscribe),
        )
        .route("/{org}/{campaign}/thanks", get(thanks))
        .route("/{org}/{campaign}/counts", get(counts))
        .route("/confirm/{token}", get(confirm))
}

#[derive(Deserialize, Default)]
pub struct FormQuery {
    pub(super) lang: Option<String>,
    tp: Option<String>,
    done: Option<String>,
    /// On the thank-you page: what was signed (`pledge`, `subscription`).
    kind: Option<String>,
    /// After a confirmation: the signer's number among the confirmed, and the signature that
    /// shows the confirmation gave it (`supporter::supporter_number_signature`).
    number: Option<i64>,
    proof: Option<String>,
}

/// Yes or no, from a form checkbox (`on`) or JSON (`true`).
#[derive(Deserialize)]
#[serde(untagged)]
enum Flag {
    Bool(bool),
    Text(String),
}

impl Flag {
    fn on(flag: Option<&Flag>) -> bool {
        match flag {
            Some(Flag::Bool(b)) => *b,
            Some(Flag::Text(t)) => matches!(t.as_str(), "on" | "true" | "1" | "yes"),
            None => false,
        }
    }
}

/// A submission as sent, by the HTML form or as JSON.
#[derive(Deserialize)]
struct Submission {
    token: String,
    /// The honeypot: hidden from people, filled by naive bots.
    #[serde(default)]
    website: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    message: String,
    show_name: Option<Flag>,
    also_subscribe: Option<Flag>,
    consent: Option<Flag>,
    lang: Option<String>,
    tp: Option<String>,
    /// The proof-of-work nonce the page's script found (empty without JavaScript).
    #[serde(default)]
    pow: String,
}

fn is_json(headers: &HeaderMap, name: header::HeaderName) -> bool {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

fn parse_submission(headers: &HeaderMap, body: &[u8]) -> Result<Submission, String> {
    if is_json(headers, header::CONTENT_TYPE) {
        serde_json::from_slice(body).map_err(|e| format!("The JSON body is not valid: {e}."))
    } else {
        serde_urlencoded::from_bytes(body).map_err(|e| format!("The form is not valid: {e}."))
    }
}

/// The campaign's view, or the friendly 404.
pub(super) async fn view_of(
    state: &AppState,
    org: String,
    campaign: String,
) -> Result<Option<Arc<CampaignView>>, AppError> {
    Ok(campaign_entry(state, org, campaign)
        .await?
        .map(|entry| entry.view.clone()))
}

pub(super) fn language_of(
    view: &CampaignView,
    requested: Option<&str>,
    headers: &HeaderMap,
) -> Language {
    use super::View;
    negotiate(
        requested,
        accept_language(headers),
        view.languages(),
        view.default_language(),
    )
}

/// A known touchpoint of the campaign's organization named by `tp`, if any.
pub(super) async fn touchpoint(
    state: &AppState,
    view: &CampaignView,
    code: Option<&str>,
) -> Result<Option<Arc<TouchpointRoute>>, AppError> {
    let Some(code) = code else {
        return Ok(None);
    };
    Ok(state
        .directory
        .lookup(state, code)
        .await?
        .filter(|route| route.org_id == view.org_id()))
}

/// `GET /{org}/{campaign}/pledge` and `…/subscribe`.
async fn show_form(
    state: AppState,
    org: String,
    campaign: String,
    query: FormQuery,
    headers: HeaderMap,
    kind: ActionKind,
) -> Result<Response, AppError> {
    let Some(view) = view_of(&state, org, campaign).await? else {
        return Ok(not_found(&headers, None));
    };
    let lang = language_of(&view, query.lang.as_deref(), &headers);
    if !view.open() {
        let html = view.render_message(lang, "campaign-ended", "error-ended")?;
        return Ok(private_page(StatusCode::CONFLICT, html));
    }
    let route = touchpoint(&state, &view, query.tp.as_deref()).await?;
    let token = fresh_token(&state, view.campaign_id());
    let html = view.render_action_form(
        lang,
        &ActionFormState {
            kind,
            token: &token,
            touchpoint: route.as_deref().map(|r| r.code.as_str()),
            values: FormValues::default(),
            problems: Vec::new(),
        },
    )?;
    Ok(private_page(StatusCode::OK, html))
}

pub async fn pledge_form(
    State(state): State<AppState>,
    Path((org, campaign)): Path<(String, String)>,
    Query(query): Query<FormQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    show_form(state, org, campaign, query, headers, ActionKind::Pledge).await
}

pub async fn subscribe_form(
    State(state): State<AppState>,
    Path((org, campaign)): Path<(String, String)>,
    Query(query): Query<FormQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    show_form(
        state,
        org,
        campaign,
        query,
        headers,
        ActionKind::Subscription,
    )
    .await
}

pub async fn pledge(
    State(state): State<AppState>,
    Path((org, campaign)): Path<(String, String)>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let kind = ActionKind::Pledge;
    submit(
        state,
        ActionPost {
            org,
            campaign,
            kind,
        },
        peer,
        headers,
        &body,
    )
    .await
}

pub async fn subscribe(
    State(state): State<AppState>,
    Path((org, campaign)): Path<(String, String)>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let kind = ActionKind::Subscription;
    submit(
        state,
        ActionPost {
            org,
            campaign,
            kind,
        },
        peer,
        headers,
        &body,
    )
    .await
}

/// Where a pledge or subscription is sent: `POST /{org}/{campaign}/pledge` or `…/subscribe`.
pub struct ActionPost {
    org: String,
    campaign: String,
    kind: ActionKind,
}

impl ActionPost {
    /// The submission a request is, when its path has plain slugs: what a stadium's phones
    /// send, answered before the router (`web::serve`). A reserved first segment is one of
    /// Chorus's own paths (`/pay/test/…`, `/admin/…`) and a percent-encoded segment needs
    /// decoding: those, like every other request, take the router's way.
    pub fn of(method: &Method, path: &str) -> Option<Self> {
        if *method != Method::POST {
            return None;
        }
        let mut segments = path.strip_prefix('/')?.split('/');
        let (org, campaign, action) = (segments.next()?, segments.next()?, segments.next()?);
        let kind = match action {
            "pledge" => ActionKind::Pledge,
            "subscribe" => ActionKind::Subscription,
            _ => return None,
        };
        if segments.next().is_some() || campaign.is_empty() || campaign.contains('%') {
            return None;
        }
        OrgSlug::parse(org).ok()?;
        Some(Self {
            org: org.to_owned(),
            campaign: campaign.to_owned(),
            kind,
        })
    }

    /// The route template, as the router would label the request in metrics.
    pub fn route(&self) -> &'static str {
        match self.kind {
            ActionKind::Pledge => "/{org}/{campaign}/pledge",
            ActionKind::Subscription => "/{org}/{campaign}/subscribe",
        }
    }
}

/// Handles a pledge or subscription sent from `peer`, whichever way it came in.
pub async fn submit(
    state: AppState,
    post: ActionPost,
    peer: SocketAddr,
    headers: HeaderMap,
    body: &[u8],
) -> Result<Response, AppError> {
    Submit {
        state,
        peer,
        headers,
        kind: post.kind,
    }
    .run(post.org, post.campaign, body)
    .await
}

/// One submission being handled.
struct Submit {
    state: AppState,
    peer: SocketAddr,
    headers: HeaderMap,
    kind: ActionKind,
}

/// The message shown for a field's problem, in the visitor's language.
fn field_message(lang: Language, field: Field) -> String {
    i18n::text(lang, &format!("error-{}", field.as_str()))
}

impl Submit {
    fn json(&self) -> bool {
        is_json(&self.headers, header::ACCEPT) || is_json(&self.headers, header::CONTENT_TYPE)
    }

    /// Refuses a submission: the form again with the problems (HTML), or `{error, problems}`.
    #[allow(clippy::too_many_arguments)]
    fn refuse(
        &self,
        view: &CampaignView,
        lang: Language,
        status: StatusCode,
        token: &str,
        fields: &Submission,
        problems: Vec<(Option<Field>, String, String)>,
    ) -> Result<Response, AppError> {
        if self.json() {
            let list: Vec<_> = problems
                .iter()
                .map(|(field, english, _)| json!({ "field": field.map(Field::as_str), "message": english }))
                .collect();
            let error = problems
                .iter()
                .map(|(_, english, _)| english.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let body = json!({ "error": error, "problems": list });
            return Ok((status, axum::Json(body)).into_response());
        }
        let values = FormValues {
            name: fields.name.clone(),
            email: fields.email.clone(),
            country: fields.country.clone(),
            message: fields.message.clone(),
            show_name: Flag::on(fields.show_name.as_ref()),
            also_subscribe: Flag::on(fields.also_subscribe.as_ref()),
            consent: Flag::on(fields.consent.as_ref()),
        };
        let html = view.render_action_form(
            lang,
            &ActionFormState {
                kind: self.kind,
                token,
                touchpoint: fields.tp.as_deref(),
                values,
                problems: problems.into_iter().map(|(_, _, local)| local).collect(),
            },
        )?;
        Ok(private_page(status, html))
    }

    /// The one answer to every accepted submission.
    fn accepted(&self, view: &CampaignView, lang: Language) -> Response {
        let next = format!(
            "/{}/{}/thanks?kind={}&lang={}",
            view.org_slug(),
            view.campaign_slug(),
            self.kind.as_str(),
            lang.code()
        );
        if self.json() {
            let text = thanks_text(&self.state);
            let body = json!({ "status": "received", "next": next,
                "message": i18n::text(lang, text) });
            return (StatusCode::CREATED, axum::Json(body)).into_response();
        }
        Redirect::to(&next).into_response()
    }

    async fn run(self, org: String, campaign: String, body: &[u8]) -> Result<Response, AppError> {
        let state = self.state.clone();
        let Some(view) = view_of(&state, org, campaign).await? else {
            return Ok(not_found(&self.headers, None));
        };
        let fields = match parse_submission(&self.headers, body) {
            Ok(fields) => fields,
            Err(message) => {
                state.metrics.action_rejected("malformed");
                if self.json() {
                    let body = json!({ "error": message, "problems": [] });
                    return Ok((StatusCode::UNPROCESSABLE_ENTITY, axum::Json(body)).into_response());
                }
                return Err(AppError::Invalid(vec![message]));
            }
        };
        let lang = language_of(&view, fields.lang.as_deref(), &self.headers);
        let now = clock::now();
        let ip = client::address(self.peer, &self.headers, &state.config.trusted_proxies);
        let token = match check_token(&state, view.campaign_id(), &fields.token, now) {
            Ok(token) => token,
            Err(TokenRefusal::Forged) => {
                state.metrics.action_rejected("forged_token");
                return Err(AppError::BadRequest(FORGED_FORM.into()));
            }
            Err(TokenRefusal::Expired { fresh_token }) => {
                state.metrics.action_rejected("too_old");
                let english = TokenError::TooOld.to_string();
                let problems = vec![(None, english, i18n::text(lang, "error-too-old"))];
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                return self.refuse(&view, lang, status, &fresh_token, &fields, problems);
            }
        };
        if !fields.website.is_empty() {
            // Looks accepted, so the bot learns nothing; nothing is stored or counted.
            state.metrics.action_rejected("honeypot");
            return Ok(self.accepted(&view, lang));
        }
        let worked = supporter::proof_of_work_solved(
            &fields.token,
            &fields.pow,
            supporter::PROOF_OF_WORK_BITS,
        );
        if state.config.proof_of_work && !worked {
            state.metrics.action_rejected("proof_of_work");
            let english = "This form needs its proof of work: enable JavaScript and send it again.";
            let local = i18n::text(lang, "error-proof-of-work");
            let problems = vec![(None, english.to_owned(), local)];
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return self.refuse(&view, lang, status, &fields.token, &fields, problems);
        }
        if !view.open() {
            state.metrics.action_rejected("campaign_closed");
            let english = "This campaign has ended and no longer takes signatures.";
            let problems = vec![(None, english.to_owned(), i18n::text(lang, "error-ended"))];
            let status = StatusCode::CONFLICT;
            return self.refuse(&view, lang, status, &fields.token, &fields, problems);
        }
        let admitted = match state.intake.admit(view.campaign_id(), ip, now) {
            Ok(admitted) => admitted,
            Err(flooded) => {
                // The form again, filled in, in the visitor's language; the page's script
                // keeps it on the phone and sends it again after Retry-After.
                state.metrics.action_rejected("campaign_rate");
                let english = "This campaign is receiving too many submissions right now. Please send the form again in a minute.";
                let problems = vec![(None, english.to_owned(), i18n::text(lang, "error-busy"))];
                let status = StatusCode::TOO_MANY_REQUESTS;
                let mut response =
                    self.refuse(&view, lang, status, &fields.token, &fields, problems)?;
                let seconds = flooded.retry_after.as_secs().max(1);
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                return Ok(response);
            }
        };
        let form = ActionForm {
            name: &fields.name,
            email: &fields.email,
            country: &fields.country,
            message: &fields.message,
            show_name: Flag::on(fields.show_name.as_ref()),
            consent: Flag::on(fields.consent.as_ref()),
        };
        let input = match form.check(self.kind) {
            Ok(input) => input,
            Err(problems) => {
                state.metrics.action_rejected("invalid");
                let problems = problems
                    .into_iter()
                    .map(|p| (Some(p.field), p.message, field_message(lang, p.field)))
                    .collect();
                return self.refuse(
                    &view,
                    lang,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &fields.token,
                    &fields,
                    problems,
                );
            }
        };
        let route = touchpoint(&state, &view, fields.tp.as_deref()).await?;
        let also_subscribe = (self.kind == ActionKind::Pledge
            && Flag::on(fields.also_subscribe.as_ref()))
        .then(|| i18n::text(lang, "field-also-subscribe"));
        let form = IntakeForm {
            org: view.org_id(),
            campaign: view.campaign_id(),
            kind: self.kind,
            input,
            language: lang,
            route: route.as_deref(),
            consent_text: view.consent_text(lang, self.kind),
            also_subscribe,
            idempotency_key: token.idempotency_key.clone(),
            address: ip,
            worked,
            sent_quickly: token.sent_quickly(now),
            at: now,
        };
        let mail = MailContext {
            campaign_title: view.title(lang).to_owned(),
            org_name: view.org_name().to_owned(),
        };
        state.intake.record(form, admitted, mail).await?;
        Ok(self.accepted(&view, lang))
    }
}

/// `GET /confirm/{action}.{expires}.{signature}`: the emailed link.
pub async fn confirm(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let now = clock::now();
    let parsed = {
        let mut parts = token.splitn(3, '.');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(id), Some(expires), Some(signature)) => id
                .parse::<i64>()
                .ok()
                .zip(expires.parse::<i64>().ok())
                .map(|(id, expires)| (id, Timestamp::from_unix_micros(expires), signature)),
            _ => None,
        }
    };
    let valid = parsed.filter(|(id, expires, signature)| {
        supporter::confirmation_valid(&state.form_secret, *id, *expires, signature, now)
    });
    let confirmation = match valid {
        Some((id, ..)) => state.store.confirm_action(id, now).await?,
        None => None,
    };
    let Some(done) = confirmation else {
        let lang = negotiate(
            None,
            accept_language(&headers),
            &Language::ALL,
            Language::En,
        );
        let html = views::notice(lang, "confirm-invalid", "confirm-invalid")?;
        return Ok(private_page(StatusCode::NOT_FOUND, html));
    };
    if done.newly {
        let counts = state
            .store
            .action_counts(done.org_id, done.campaign_id)
            .await?;
        state.tallies.publish(done.org_id, done.campaign_id, counts);
    }
    let proof =
        supporter::supporter_number_signature(&state.form_secret, done.campaign_id.0, done.number);
    Ok(Redirect::to(&format!(
        "/{}/{}/thanks?done=confirmed&kind={}&lang={}&number={}&proof={proof}",
        done.org_slug,
        done.campaign_slug,
        done.kind.as_str(),
        done.language,
        done.number,
    ))
    .into_response())
}

/// What a signer is told after sending a form: to open the email, when one goes out.
fn thanks_text(state: &AppState) -> &'static str {
    if state.intake.mail_enabled() {
        "thanks-text"
    } else {
        "thanks-text-unmailed"
    }
}

/// `GET /{org}/{campaign}/thanks[?done=confirmed]`.
pub async fn thanks(
    State(state): State<AppState>,
    Path((org, campaign)): Path<(String, String)>,
    Query(query): Query<FormQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Some(view) = view_of(&state, org, campaign).await? else {
        return Ok(not_found(&headers, None));
    };
    let lang = language_of(&view, query.lang.as_deref(), &headers);
    let confirmed = query.done.as_deref() == Some("confirmed");
    let (heading, text) = if confirmed {
        ("confirmed-heading", "confirmed-text")
    } else {
        ("thanks-heading", thanks_text(&state))
    };
    // Where a signer stands, in the count the campaign page and the venue screen show.
    let standing = match query.kind.as_deref().and_then(ActionKind::parse) {
        Some(ActionKind::Pledge) => {
            // Right after a pledge (the crowd's path) the page's cached count will do: nothing
            // it counts moved. After a confirmation the count just moved: read it.
            let (key, count) = if confirmed {
                let counts = state
                    .store
                    .action_counts(view.org_id(), view.campaign_id())
                    .await?;
                ("confirmed-standing", counts.pledges)
            } else {
                ("thanks-standing", view.confirmed_pledges())
            };
            let standing = if confirmed && count == 1 {
                i18n::text(lang, "confirmed-first")
            } else {
                i18n::counted(lang, key, count, &[])
            };
            // "You are supporter no. 289", when the confirmation that counted it says so.
            let number = match (query.number, query.proof.as_deref()) {
                (Some(n), Some(proof))
                    if confirmed
                        && n > 1
                        && supporter::supporter_number_valid(
                            &state.form_secret,
                            view.campaign_id().0,
                            n,
                            proof,
                        ) =>
                {
                    let shown = i18n::number(lang, n);
                    Some(i18n::text_with(
                        lang,
                        "supporter-number",
                        &[("number", &shown)],
                    ))
                }
                _ => None,
            };
            Some(match number {
                Some(number) => format!("{number} {standing}"),
                None => standing,
            })
        }
        _ => None,
    };
    Ok(private_page(
        StatusCode::OK,
        view.render_thanks(lang, (heading, text), standing, &state.base_url)?,
    ))
}

/// How often a live counter re-reads the database anyway: the safety net under the signals of
/// other processes (`app/broadcast.rs`), should one be missed.
const COUNTS_POLL: Duration = Duration::from_secs(5);

/// Where a campaign's counts stream stands.
struct CountsStream {
    state: AppState,
    org: OrgId,
    campaign: CampaignId,
    receiver: watch::Receiver<ActionCounts>,
    poll: tokio::time::Interval,
    shown: streams::Shown,
    first: bool,
}

impl streams::EventSource for CountsStream {
    /// The counts when they differ from what the client shows, else a heartbeat when one is
    /// due; None at shutdown.
    async fn next(&mut self) -> Option<Event> {
        loop {
            let counts = if std::mem::take(&mut self.first) {
                Some(*self.receiver.borrow_and_update())
            } else {
                tokio::select! {
                    changed = self.receiver.changed() => {
                        changed.ok()?;
                        Some(*self.receiver.borrow_and_update())
                    }
                    _ = self.poll.tick() => {
                        let read = self.state.store.action_counts(self.org, self.campaign).await;
                        Some(read.unwrap_or_else(|_| *self.receiver.borrow()))
                    }
                    () = tokio::time::sleep_until(self.shown.ping_at()) => None,
                    () = self.state.shutdown.cancelled() => return None,
                }
            };
            let data = counts.map(|c| serde_json::to_string(&c).unwrap_or_default());
            if let Some(event) = self.shown.answer("counts", data.as_deref()) {
                return Some(event);
            }
        }
    }
}

/// `GET /{org}/{campaign}/counts`: the campaign's counts now and at every change, as
/// server-sent events (`event: counts`, JSON data, `id` naming the counts) with a heartbeat
/// (`event: ping`) when nothing changes; a client coming back with the id of what it shows
/// gets only what changed since (`web/public/streams.rs`).
pub async fn counts(
    State(state): State<AppState>,
    Path((org, campaign)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let view = view_of(&state, org, campaign)
        .await?
        .ok_or(AppError::NotFound)?;
    let campaign = view.campaign_id();
    let org = view.org_id();
    let current = state.store.action_counts(org, campaign).await?;
    let receiver = state.tallies.subscribe(org, campaign, current);
    let mut poll = tokio::time::interval(COUNTS_POLL);
    poll.reset();
    let start = CountsStream {
        state,
        org,
        campaign,
        receiver,
        poll,
        shown: streams::Shown::new(streams::last_event_id(&headers, query.as_deref())),
        first: true,
    };
    Ok(streams::sse(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submissions_with_plain_slugs_skip_the_router() {
        let post = ActionPost::of(&Method::POST, "/demo/open-roads/pledge").expect("a pledge");
        assert_eq!(
            (post.org.as_str(), post.campaign.as_str()),
            ("demo", "open-roads")
        );
        assert_eq!(post.route(), "/{org}/{campaign}/pledge");
        let post = ActionPost::of(&Method::POST, "/demo/open-roads/subscribe").expect("one");
        assert_eq!(post.kind, ActionKind::Subscription);
        for (method, path) in [
            (Method::GET, "/demo/open-roads/pledge"),
            (Method::HEAD, "/demo/open-roads/pledge"),
            (Method::POST, "/demo/open-roads/donate"),
            (Method::POST, "/demo/open-roads"),
            (Method::POST, "/demo/open-roads/pledge/"),
            (Method::POST, "/demo//pledge"),
            (Method::POST, "/demo/open%2Droads/pledge"),
            (Method::POST, "/d%65mo/open-roads/pledge"),
            // Chorus's own paths, whatever their third segment.
            (Method::POST, "/pay/test/pledge"),
            (Method::POST, "/admin/demo/pledge"),
            (Method::POST, "/api/v1/subscribe"),
            (Method::POST, "/t/abc/pledge"),
        ] {
            assert!(ActionPost::of(&method, path).is_none(), "{method} {path}");
        }
    }
}
