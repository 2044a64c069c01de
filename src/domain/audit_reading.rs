//! An audit entry as a person reads it: one sentence saying what changed, then what was
//! recorded before and after as labelled fields, never the stored JSON itself.

use serde_json::{Map, Value};

use super::audit::AuditAction;
use super::role::Role;
use super::touchpoint::Channel;

/// One recorded field: its label, and its value before and after (when recorded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditField {
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// An entry's sentence and fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReading {
    pub sentence: String,
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
    let sentence = match AuditAction::parse(action) {
        Some(AuditAction::TouchpointCreated) => created_code(subject, &after),
        Some(known) => known.sentence(subject),
        // An action from a newer version, read by an older one: still shown, plainly.
        None => format!("{} ({subject})", action.replace(['.', '_'], " ")),
    };
    let mut keys: Vec<&String> = before.keys().collect();
    keys.extend(after.keys().filter(|k| !before.contains_key(*k)));
    let fields = keys
        .into_iter()
        .map(|key| AuditField {
            label: label(key),
            before: before.get(key).map(|v| value_text(key, v)),
            after: after.get(key).map(|v| value_text(key, v)),
        })
        .collect();
    AuditReading { sentence, fields }
}

fn object(json: Option<&str>) -> Map<String, Value> {
    match json.and_then(|text| serde_json::from_str::<Value>(text).ok()) {
        Some(Value::Object(map)) => map,
        Some(other) => Map::from_iter([("value".to_string(), other)]),
        None => Map::new(),
    }
}

/// "Created code QAWR7XS for the VK post, no event".
fn created_code(code: &str, after: &Map<String, Value>) -> String {
    let label = after.get("label").and_then(Value::as_str).unwrap_or("");
    let channel = after
        .get("channel")
        .and_then(Value::as_str)
        .map(channel_label)
        .unwrap_or_default();
    let what = match (label.trim(), channel.as_str()) {
        ("", "") => String::new(),
        ("", channel) => format!(" for the {channel}"),
        (label, _) => format!(" for the {label}"),
    };
    let event = match after.get("engagement").and_then(Value::as_i64) {
        Some(id) => format!(", at event {id}"),
        None => ", no event".to_string(),
    };
    format!("Created code {code}{what}{event}")
}

fn channel_label(stored: &str) -> String {
    Channel::parse(stored).map_or_else(|_| stored.to_string(), |c| c.label().to_string())
}

/// `threshold_minor` → "Threshold minor".
fn label(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn value_text(key: &str, value: &Value) -> String {
    match value {
        Value::Null => "none".to_string(),
        Value::Bool(true) => "yes".to_string(),
        Value::Bool(false) => "no".to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if key == "channel" => channel_label(s),
        Value::String(s) if key == "role" => {
            Role::parse(s).map_or_else(|_| s.clone(), |role| role.label().to_string())
        }
        Value::String(s) if s.is_empty() => "(empty)".to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "none".to_string(),
        Value::Array(items) => items
            .iter()
            .map(|v| value_text(key, v))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{} {}", label(k).to_lowercase(), value_text(k, v)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_created_code_reads_as_a_sentence_with_labelled_fields() {
        let after = r#"{"code":"QAWR7XS","campaign":3,"engagement":null,"channel":"instagram_post","label":"VK post"}"#;
        let read = read("touchpoint.created", "QAWR7XS", None, Some(after));
        assert_eq!(
            read.sentence,
            "Created code QAWR7XS for the VK post, no event"
        );
        let engagement = read
            .fields
            .iter()
            .find(|f| f.label == "Engagement")
            .expect("engagement");
        assert_eq!(engagement.after.as_deref(), Some("none"));
        let channel = read
            .fields
            .iter()
            .find(|f| f.label == "Channel")
            .expect("channel");
        assert_eq!(channel.after.as_deref(), Some("Instagram post"));
        assert!(read.fields.iter().all(|f| f.before.is_none()));
    }

    #[test]
    fn every_action_has_a_sentence_and_values_read_plainly() {
        for action in AuditAction::ALL {
            let sentence = read(action.as_str(), "open-roads", None, None).sentence;
            assert!(
                !sentence.contains('{') && !sentence.contains('_'),
                "{sentence}"
            );
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        let read = read(
            "live.settings_changed",
            "live gift threshold",
            Some(r#"{"threshold_minor":null}"#),
            Some(
                r#"{"threshold_minor":5000,"on":true,"ids":[1,2],"follow":{"on":"2026-01-02","count":5}}"#,
            ),
        );
        assert_eq!(read.sentence, "Changed the venue screen’s gift threshold");
        let texts: Vec<(String, Option<String>, Option<String>)> = read
            .fields
            .into_iter()
            .map(|f| (f.label, f.before, f.after))
            .collect();
        assert_eq!(
            texts,
            [
                (
                    "Threshold minor".into(),
                    Some("none".into()),
                    Some("5000".into())
                ),
                ("Follow".into(), None, Some("count 5, on 2026-01-02".into())),
                ("Ids".into(), None, Some("1, 2".into())),
                ("On".into(), None, Some("yes".into())),
            ]
        );
        assert_eq!(
            super::read("new.thing", "x", None, None).sentence,
            "new thing (x)"
        );
    }
}
