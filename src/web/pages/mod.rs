//! Server-rendered HTML pages (askama), each template struct beside its handler.

pub mod account;
pub mod ambassadors;
pub mod api_tokens;
pub mod audit;
pub mod auth;
pub mod campaigns;
mod form_flow;
pub mod home;
pub mod invite;
pub mod live;
pub mod members;
pub mod money;
pub mod password;
pub mod payments;
pub mod reconciliation;
pub mod reports;
mod saved;
pub mod setup;
pub mod supporters;
pub mod touchpoints;
pub mod tours;
pub mod uploads;
pub mod visit_report;

/// The staff pages, each module's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(account::routes())
        .merge(ambassadors::routes())
        .merge(audit::routes())
        .merge(auth::routes())
        .merge(campaigns::routes())
        .merge(home::routes())
        .merge(invite::routes())
        .merge(live::routes())
        .merge(members::routes())
        .merge(api_tokens::routes())
        .merge(money::routes())
        .merge(password::routes())
        .merge(payments::routes())
        .merge(reconciliation::routes())
        .merge(reports::routes())
        .merge(setup::routes())
        .merge(supporters::routes())
        .merge(touchpoints::routes())
        .merge(tours::routes())
}

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Router;

use super::assets::{STAFF_SCRIPT, STYLESHEET};
use super::session::{OrgStaff, Staff};
use super::{AppError, AppState};
use crate::domain::language::Language;
use crate::domain::password::NewPassword;
use crate::domain::role::Permission;
use crate::i18n;

/// What the shared page frame (`base.html`) shows.
pub struct Layout {
    /// The staff interface's language (`<html lang>`, and every string through [`Layout::t`]).
    pub lang: Language,
    pub title: String,
    pub stylesheet: String,
    pub script: String,
    pub nav: Option<Nav>,
}

/// The signed-in part of the frame: account menu, organization switcher, sections.
pub struct Nav {
    pub email: String,
    /// Failed sign-ins to this account before this session began, if any.
    pub sign_in_warning: Option<String>,
    pub csrf: String,
    pub orgs: Vec<OrgLink>,
    pub current: Option<CurrentOrg>,
}

pub struct OrgLink {
    pub slug: String,
    pub name: String,
    pub current: bool,
}

pub struct CurrentOrg {
    pub slug: String,
    pub name: String,
    pub can_read_audit: bool,
    /// Campaign managers and up record offline gifts and commitments.
    pub can_edit_campaigns: bool,
}

impl Layout {
    /// The staff interface's string `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        i18n::staff(self.lang, key)
    }

    /// The staff interface's name of a stored value: `named("action-status-", "pending")`.
    pub fn named(&self, prefix: &str, value: &str) -> String {
        self.t(&format!("{prefix}{value}"))
    }

    /// The staff interface's string `key` with `args` filled in.
    pub fn tw(&self, key: &str, args: &[(&str, &str)]) -> String {
        i18n::staff_with(self.lang, key, args)
    }

    /// A page for anyone (login, setup, errors), in `lang` (the browser's, among the staff
    /// interface's languages).
    pub fn public(lang: Language, title: &str) -> Self {
        Self {
            lang,
            title: title.to_owned(),
            stylesheet: STYLESHEET.clone(),
            script: STAFF_SCRIPT.clone(),
            nav: None,
        }
    }

    /// A staff page outside any organization.
    pub async fn staff(state: &AppState, staff: &Staff, title: &str) -> Result<Self, AppError> {
        Self::signed_in(state, staff, None, title).await
    }

    /// A staff page inside the member's current organization.
    pub async fn org(state: &AppState, member: &OrgStaff, title: &str) -> Result<Self, AppError> {
        Self::signed_in(state, &member.staff, Some(member), title).await
    }

    async fn signed_in(
        state: &AppState,
        staff: &Staff,
        member: Option<&OrgStaff>,
        title: &str,
    ) -> Result<Self, AppError> {
        let current_slug = member.map(|m| m.org.slug.as_str());
        let orgs = state
            .store
            .orgs_of(staff.user_id)
            .await?
            .into_iter()
            .map(|m| OrgLink {
                current: Some(m.org.slug.as_str()) == current_slug,
                slug: m.org.slug,
                name: m.org.name,
            })
            .collect();
        Ok(Self {
            lang: staff.language,
            title: title.to_owned(),
            stylesheet: STYLESHEET.clone(),
            script: STAFF_SCRIPT.clone(),
            nav: Some(Nav {
                email: staff.email.clone(),
                sign_in_warning: staff.sign_in_warning(),
                csrf: staff.csrf_token.clone(),
                orgs,
                current: member.map(|m| CurrentOrg {
                    slug: m.org.slug.clone(),
                    name: m.org.name.clone(),
                    can_read_audit: m.role.allows(Permission::ReadAudit),
                    can_edit_campaigns: m.role.allows(Permission::EditCampaigns),
                }),
            }),
        })
    }
}

/// The action numbers ticked in a list form (`action` fields).
pub fn ticked_actions(fields: &[(String, String)]) -> Result<Vec<i64>, AppError> {
    fields
        .iter()
        .filter(|(k, _)| k == "action")
        .map(|(_, v)| {
            v.parse()
                .map_err(|_| AppError::BadRequest(format!("'{v}' is not an action number.")))
        })
        .collect()
}

/// Checks a new password and its confirmation; the message says what to fix.
pub fn check_new_password(password: &str, confirm: &str) -> Result<NewPassword, String> {
    let password = NewPassword::parse(password).map_err(|e| format!("Password: {e}."))?;
    if password.expose() != confirm {
        return Err("The two passwords are not the same.".into());
    }
    Ok(password)
}

/// Hashes a new password without blocking the server.
pub async fn hash_password(password: NewPassword) -> Result<String, AppError> {
    crate::auth::password::hash_off_runtime(password)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// Renders a page with a status (e.g. 422 for a form shown again with its errors).
pub fn render_with(status: StatusCode, page: &impl Template) -> Result<Response, AppError> {
    Ok((status, Html(page.render()?)).into_response())
}

/// A 303 to `path` (no query of its own) showing `notice` once, as a staff page's confirmation.
pub fn redirect_with_notice(path: &str, notice: &str) -> Response {
    let notice: String = url::form_urlencoded::byte_serialize(notice.as_bytes()).collect();
    Redirect::to(&format!("{path}?notice={notice}")).into_response()
}

/// Renders a page with 200 OK.
pub fn render(page: &impl Template) -> Result<Response, AppError> {
    render_with(StatusCode::OK, page)
}
