//! An audit entry as a person reads it: what was done (an action and its subject), then what
//! was recorded before and after as named fields with typed values, never the stored JSON
//! itself. The words, in the reader's language, are the web layer's (`web::pages::audit`).

use serde_json::{Map, Value};

use super::audit::AuditAction;
use super::role::Role;
use super::touchpoint::Channel;

/// What an entry says was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deed {
    /// A known action on its subject (a campaign's slug, a member's email…).
    Did(AuditAction, String),
    /// A code was created: its label (or else its channel) and its event, if any.
    CreatedCode {
        code: String,
        label: Option<String>,
        channel: Option<Channel>,
        event: Option<i64>,
    },
    /// An action from a newer version, read by an older one: still shown, plainly.
    Unknown { action: String, subject: String },
}

/// A recorded value, typed so that it can be said in any language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Nothing,
    Yes,
    No,
    Empty,
    Number(String),
    Text(String),
    Channel(Channel),
    Role(Role),
    List(Vec<FieldValue>),
    /// Named parts, in the stored order.
    Parts(Vec<(String, FieldValue)>),
}

/// One recorded field: its stored name, and its value before and after (when recorded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditField {
    pub name: String,
    pub before: Option<FieldValue>,
    pub after: Option<FieldValue>,
}

/// An entry's deed and fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReading {
    pub deed: Deed,
    pub fields: Vec<AuditField>,
}

/// Reads a stored entry: `action` as [`AuditAction::as_str`] wrote it, `before` and `after`
/// the JSON recorded with it (an object, or nothing). Fields come in the order of the
/// before-record, then those only after.
pub fn read(
    action: &str,
    subject: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> AuditReading {
    let before = object(before);
    let after = object(after);
    let deed = match AuditAction::parse(action) {
        Some(AuditAction::TouchpointCreated) => created_code(subject, &after),
        Some(known) => Deed::Did(known, subject.to_owned()),
        None => Deed::Unknown {
            action: action.to_owned(),
            subject: subject.to_owned(),
        },
    };
    let mut keys: Vec<&String> = before.keys().collect();
    keys.extend(after.keys().filter(|k| !before.contains_key(*k)));
    let fields = keys
        .into_iter()
        .map(|key| AuditField {
            name: key.clone(),
            before: before.get(key).map(|v| field_value(key, v)),
            after: after.get(key).map(|v| field_value(key, v)),
        })
        .collect();
    AuditReading { deed, fields }
}

fn object(json: Option<&str>) -> Map<String, Value> {
    match json.and_then(|text| serde_json::from_str::<Value>(text).ok()) {
        Some(Value::Object(map)) => map,
        Some(other) => Map::from_iter([("value".to_string(), other)]),
        None => Map::new(),
    }
}

fn created_code(code: &str, after: &Map<String, Value>) -> Deed {
    let label = after
        .get("label")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|label| !label.is_empty());
    Deed::CreatedCode {
        code: code.to_owned(),
        label: label.map(str::to_owned),
        channel: after
            .get("channel")
            .and_then(Value::as_str)
            .and_then(|c| Channel::parse(c).ok()),
        event: after.get("engagement").and_then(Value::as_i64),
    }
}

/// `threshold_minor` → "Threshold minor": a field's name when the interface has no word for it.
pub fn plain_name(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn field_value(key: &str, value: &Value) -> FieldValue {
    match value {
        Value::Null => FieldValue::Nothing,
        Value::Bool(true) => FieldValue::Yes,
        Value::Bool(false) => FieldValue::No,
        Value::Number(n) => FieldValue::Number(n.to_string()),
        Value::String(s) if key == "channel" => {
            Channel::parse(s).map_or_else(|_| FieldValue::Text(s.clone()), FieldValue::Channel)
        }
        Value::String(s) if key == "role" => {
            Role::parse(s).map_or_else(|_| FieldValue::Text(s.clone()), FieldValue::Role)
        }
        Value::String(s) if s.is_empty() => FieldValue::Empty,
        Value::String(s) => FieldValue::Text(s.clone()),
        Value::Array(items) if items.is_empty() => FieldValue::Nothing,
        Value::Array(items) => {
            FieldValue::List(items.iter().map(|v| field_value(key, v)).collect())
        }
        Value::Object(map) => FieldValue::Parts(
            map.iter()
                .map(|(k, v)| (k.clone(), field_value(k, v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_created_code_reads_its_label_channel_and_event() {
        let after = r#"{"code":"QAWR7XS","campaign":3,"engagement":null,"channel":"instagram_post","label":"VK post"}"#;
        let read = read("touchpoint.created", "QAWR7XS", None, Some(after));
        assert_eq!(
            read.deed,
            Deed::CreatedCode {
                code: "QAWR7XS".into(),
                label: Some("VK post".into()),
                channel: Some(Channel::InstagramPost),
                event: None,
            }
        );
        let field = |name: &str| read.fields.iter().find(|f| f.name == name).expect(name);
        assert_eq!(field("engagement").after, Some(FieldValue::Nothing));
        assert_eq!(
            field("channel").after,
            Some(FieldValue::Channel(Channel::InstagramPost))
        );
        assert!(read.fields.iter().all(|f| f.before.is_none()));
    }

    #[test]
    fn every_action_is_known_and_values_keep_their_kind() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
            assert_eq!(
                read(action.as_str(), "open-roads", None, None).deed,
                if action == AuditAction::TouchpointCreated {
                    Deed::CreatedCode {
                        code: "open-roads".into(),
                        label: None,
                        channel: None,
                        event: None,
                    }
                } else {
                    Deed::Did(action, "open-roads".into())
                }
            );
        }
        let read = read(
            "live.settings_changed",
            "live gift threshold",
            Some(r#"{"threshold_minor":null}"#),
            Some(
                r#"{"threshold_minor":5000,"on":true,"ids":[1,2],"role":"viewer","follow":{"on":"","count":5}}"#,
            ),
        );
        let fields: Vec<(String, Option<FieldValue>, Option<FieldValue>)> = read
            .fields
            .into_iter()
            .map(|f| (f.name, f.before, f.after))
            .collect();
        use FieldValue::*;
        assert_eq!(
            fields,
            [
                (
                    "threshold_minor".into(),
                    Some(Nothing),
                    Some(Number("5000".into()))
                ),
                (
                    "follow".into(),
                    None,
                    Some(Parts(vec![
                        ("count".into(), Number("5".into())),
                        ("on".into(), Empty)
                    ]))
                ),
                (
                    "ids".into(),
                    None,
                    Some(List(vec![Number("1".into()), Number("2".into())]))
                ),
                ("on".into(), None, Some(Yes)),
                ("role".into(), None, Some(Role(super::Role::Viewer))),
            ]
        );
        assert_eq!(plain_name("threshold_minor"), "Threshold minor");
        assert_eq!(
            super::read("new.thing", "x", None, None).deed,
            Deed::Unknown {
                action: "new.thing".into(),
                subject: "x".into()
            }
        );
    }
}
