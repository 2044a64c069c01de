//! Lists in the API, a page at a time: in the order things were made (by id), with an opaque
//! cursor. A page's `next` gives the rest, and rows made meanwhile come after, never twice nor
//! in between. The lists paged here are an organization's own program (campaigns, ambassadors,
//! tours, events: hundreds at most), read whole and paged in memory.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::web::AppError;

const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 200;

/// `?limit=` (1 to 200, 50 by default) and `?after=` (a page's `next`).
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    limit: String,
    #[serde(default)]
    after: String,
}

fn cursor(id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("v1:{id}"))
}

fn after_id(cursor: &str) -> Option<i64> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor.trim()).ok()?;
    String::from_utf8(bytes)
        .ok()?
        .strip_prefix("v1:")?
        .parse()
        .ok()
}

impl PageQuery {
    /// One page of `items` as `{"items": […], "next": cursor or null}`, each item as `json`
    /// gives it, ordered by `id`.
    pub fn page<T>(
        &self,
        mut items: Vec<T>,
        id: impl Fn(&T) -> i64,
        json: impl Fn(&T) -> Value,
    ) -> Result<Value, AppError> {
        let mut problems = Vec::new();
        let limit = match self.limit.trim() {
            "" => DEFAULT_LIMIT,
            given => match given.parse::<usize>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    problems.push(format!(
                        "limit: a number from 1 to {MAX_LIMIT}, not '{given}'."
                    ));
                    DEFAULT_LIMIT
                }
            },
        };
        let after = match self.after.trim() {
            "" => None,
            given => {
                let after = after_id(given);
                if after.is_none() {
                    problems
                        .push("after: not a cursor this API gave (use a page's `next`).".into());
                }
                after
            }
        };
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        items.sort_by_key(&id);
        let mut rest = items
            .iter()
            .filter(|item| after.is_none_or(|after| id(item) > after));
        let page: Vec<&T> = rest.by_ref().take(limit).collect();
        let next = match (rest.next(), page.last()) {
            (Some(_), Some(last)) => Some(cursor(id(last))),
            _ => None,
        };
        let items: Vec<Value> = page.into_iter().map(json).collect();
        Ok(json!({ "items": items, "next": next }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(limit: &str, after: &str) -> PageQuery {
        PageQuery {
            limit: limit.into(),
            after: after.into(),
        }
    }

    #[test]
    fn pages_follow_each_other_and_rows_made_meanwhile_come_last() {
        let ids = |page: &Value| -> Vec<i64> {
            page["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|v| v.as_i64().expect("id"))
                .collect()
        };
        let first = query("2", "")
            .page(vec![5, 1, 3], |n| *n, |n| json!(n))
            .expect("page");
        assert_eq!(ids(&first), [1, 3]);
        let next = first["next"].as_str().expect("more").to_owned();
        // Rows made between the two calls (higher ids) come after, nothing is seen twice.
        let second = query("2", &next)
            .page(vec![5, 1, 3, 7], |n| *n, |n| json!(n))
            .expect("page");
        assert_eq!(ids(&second), [5, 7]);
        assert!(second["next"].is_null());
        let refused = query("0", "bogus")
            .page(vec![1], |n| *n, |n| json!(n))
            .expect_err("bad");
        assert!(matches!(refused, AppError::Invalid(problems) if problems.len() == 2));
    }
}
