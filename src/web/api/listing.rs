//! Lists in the API, a page at a time: in the order things were made (by id), with an opaque
//! cursor. A page's `next` gives the rest, and rows made meanwhile come after, never twice nor
//! in between. An organization's own program (campaigns, ambassadors, tours, events, codes:
//! hundreds at most) is read whole and paged here ([`PageQuery::page`]); supporters' actions,
//! by the hundred thousand, are paged by the database ([`PageQuery::bounds`]).

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
        let (limit, after) = self.bounds()?;
        items.sort_by_key(&id);
        let mut rest = items
            .iter()
            .filter(|item| after.is_none_or(|after| id(item) > after));
        let page: Vec<&T> = rest.by_ref().take(limit).collect();
        let more = rest.next().is_some();
        Ok(answer(page, more, |item| id(item), json))
    }

    /// How many items a page has and the id they come after, for a list the database pages:
    /// it reads one more than `limit` to know whether there is a next page.
    pub fn bounds(&self) -> Result<(usize, Option<i64>), AppError> {
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
        Ok((limit, after))
    }
}

/// `{"items": […], "next": …}` for a page of `items` in id order; `more` when items follow.
pub fn answer<T>(
    items: Vec<T>,
    more: bool,
    id: impl Fn(&T) -> i64,
    json: impl Fn(T) -> Value,
) -> Value {
    let next = items.last().filter(|_| more).map(|last| cursor(id(last)));
    let items: Vec<Value> = items.into_iter().map(json).collect();
    json!({ "items": items, "next": next })
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
