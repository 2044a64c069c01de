//! `GET /admin/{org}/audit`: the organization's audit log.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use super::{render, Layout};
use crate::domain::audit_reading::{self, plain_name, Deed, FieldValue};
use crate::domain::language::Language;
use crate::i18n;
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
    sentence: String,
    fields: Vec<FieldLine>,
}

/// A recorded field as the reader reads it: "before → after", or what it was when removed.
struct FieldLine {
    name: String,
    before: Option<String>,
    after: String,
}

pub async fn list(
    State(state): State<AppState>,
    member: Allowed<grants::ReadAudit>,
) -> Result<Response, AppError> {
    let entries = state.store.audit_entries(member.org.id, SHOWN).await?;
    let language = member.staff.language;
    render(&AuditPage {
        layout: Layout::org(&state, &member, &member.staff.t("nav-audit")).await?,
        org_name: member.org.name.clone(),
        limit: SHOWN,
        entries: entries
            .into_iter()
            .map(|e| {
                let before = e.before.as_deref();
                let reading =
                    audit_reading::read(&e.action, &e.subject, before, e.after.as_deref());
                AuditLine {
                    at: e.at.to_utc_string(),
                    actor: e.actor,
                    sentence: deed(language, &reading.deed),
                    fields: reading
                        .fields
                        .iter()
                        .map(|f| FieldLine {
                            name: field_name(language, &f.name),
                            before: f.before.as_ref().map(|v| value(language, v)),
                            after: f.after.as_ref().map_or_else(
                                || i18n::staff(language, "audit-removed"),
                                |v| value(language, v),
                            ),
                        })
                        .collect(),
                }
            })
            .collect(),
    })
}

/// What was done, as a sentence in `language`.
fn deed(language: Language, deed: &Deed) -> String {
    match deed {
        Deed::Did(action, subject) => {
            let key = format!("audit-{}", action.as_str().replace('.', "-"));
            i18n::staff_with(language, &key, &[("subject", subject)])
        }
        Deed::CreatedCode {
            code,
            label,
            channel,
            event,
        } => {
            let what = label
                .clone()
                .or_else(|| channel.map(|c| i18n::channel(language, c.as_str())));
            let event = event.map(|id| id.to_string());
            let key = match (&what, &event) {
                (Some(_), Some(_)) => "audit-code-created-for-at",
                (Some(_), None) => "audit-code-created-for",
                (None, Some(_)) => "audit-code-created-at",
                (None, None) => "audit-code-created",
            };
            let args = [
                ("code", code.as_str()),
                ("what", what.as_deref().unwrap_or_default()),
                ("event", event.as_deref().unwrap_or_default()),
            ];
            i18n::staff_with(language, key, &args)
        }
        Deed::Unknown { action, subject } => {
            let action = action.replace(['.', '_'], " ");
            i18n::staff_with(
                language,
                "audit-unknown",
                &[("action", &action), ("subject", subject)],
            )
        }
    }
}

/// A recorded field's name in `language`: the interface's word for it, else the stored name
/// made readable.
fn field_name(language: Language, name: &str) -> String {
    i18n::staff_if_known(language, &format!("audit-field-{name}"))
        .unwrap_or_else(|| plain_name(name))
}

fn value(language: Language, value: &FieldValue) -> String {
    match value {
        FieldValue::Nothing => i18n::staff(language, "audit-none"),
        FieldValue::Yes => i18n::staff(language, "audit-yes"),
        FieldValue::No => i18n::staff(language, "audit-no"),
        FieldValue::Empty => i18n::staff(language, "audit-empty"),
        FieldValue::Number(n) => n.clone(),
        FieldValue::Text(text) => text.clone(),
        FieldValue::Channel(channel) => i18n::channel(language, channel.as_str()),
        FieldValue::Role(role) => i18n::staff(language, &format!("role-{}", role.as_str())),
        FieldValue::List(items) => items
            .iter()
            .map(|item| self::value(language, item))
            .collect::<Vec<_>>()
            .join(", "),
        FieldValue::Parts(parts) => parts
            .iter()
            .map(|(name, part)| {
                format!(
                    "{} {}",
                    field_name(language, name).to_lowercase(),
                    self::value(language, part)
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::AuditAction;

    #[test]
    fn every_action_is_said_in_every_staff_language() {
        for action in AuditAction::ALL {
            let key = format!("audit-{}", action.as_str().replace('.', "-"));
            assert!(i18n::staff_if_known(Language::En, &key).is_some(), "{key}");
            for language in Language::STAFF {
                let said = deed(language, &Deed::Did(action, "open-roads".into()));
                assert!(!said.contains('{') && !said.contains("audit-"), "{said}");
            }
        }
        let code = Deed::CreatedCode {
            code: "QAWR7XS".into(),
            label: None,
            channel: Some(crate::domain::touchpoint::Channel::InstagramPost),
            event: Some(12),
        };
        assert_eq!(
            deed(Language::Fr, &code),
            "A créé le code QAWR7XS pour : Publication Instagram, à l'événement 12"
        );
        assert_eq!(
            value(
                Language::Es,
                &FieldValue::List(vec![FieldValue::Yes, FieldValue::Empty])
            ),
            "sí, (vacío)"
        );
        assert_eq!(
            field_name(Language::Fr, "threshold_minor"),
            "Seuil de don (unités mineures)"
        );
        assert_eq!(field_name(Language::Fr, "brand_new"), "Brand new");
    }
}
