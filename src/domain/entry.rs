//! Typed fields as people and programs enter them.
//!
//! One input type serves both the staff forms (where every value arrives as text) and the
//! JSON API (where a count arrives as a number). An [`Entry`] keeps what was sent: a typed
//! value straight from JSON, text still to be read, or nothing. Reading happens in the
//! input's `validate`, which knows the field's label, so a wrong entry becomes a sentence in
//! the list of problems (HTTP 422) whichever way it came, instead of a parser's message.

use std::fmt;
use std::marker::PhantomData;

use jiff::civil::Date;
use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::dates;
use super::validation::{optional_count, Explain, Problem};

/// A field as sent: nothing, a typed value, or text to be read by [`Entry::read`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Entry<T> {
    #[default]
    Empty,
    Given(T),
    Text(String),
}

/// A kind of value a person can type and a program can send typed.
pub trait Readable: Sized + Clone + fmt::Display {
    /// Reads text as typed into a form; blank is `None`, and the error names `field`.
    fn read_text(field: &'static str, text: &str) -> Result<Option<Self>, Problem>;

    /// The value of a JSON integer, when this kind takes one as it is.
    fn from_integer(_number: i64) -> Option<Self> {
        None
    }
}

/// Counts and references (ids) entered by people are whole numbers, never negative.
impl Readable for i64 {
    fn read_text(field: &'static str, text: &str) -> Result<Option<Self>, Problem> {
        optional_count(field, text)
    }

    fn from_integer(number: i64) -> Option<Self> {
        (number >= 0).then_some(number)
    }
}

impl Readable for Date {
    fn read_text(field: &'static str, text: &str) -> Result<Option<Self>, Problem> {
        dates::optional_date(field, text).map_err(|e| e.explain())
    }
}

impl<T: Readable> Entry<T> {
    /// The value, `None` when nothing was entered, or the sentence saying why it cannot be read.
    pub fn read(&self, field: &'static str) -> Result<Option<T>, Problem> {
        match self {
            Entry::Empty => Ok(None),
            Entry::Given(value) => Ok(Some(value.clone())),
            Entry::Text(text) => T::read_text(field, text),
        }
    }
}

impl<T> From<Option<T>> for Entry<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Entry::Empty, Entry::Given)
    }
}

impl<T> From<&str> for Entry<T> {
    fn from(text: &str) -> Self {
        if text.trim().is_empty() {
            Entry::Empty
        } else {
            Entry::Text(text.to_owned())
        }
    }
}

/// As a form field shows it: the value, or the text exactly as it was typed.
impl<T: fmt::Display> fmt::Display for Entry<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entry::Empty => Ok(()),
            Entry::Given(value) => value.fmt(f),
            Entry::Text(text) => f.write_str(text),
        }
    }
}

impl<'de, T: Readable> Deserialize<'de> for Entry<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EntryVisitor(PhantomData))
    }
}

/// Takes any scalar: what the kind cannot take typed is kept as text, so that `validate`
/// words the problem (`"capacity": -5` → "Capacity cannot be negative").
struct EntryVisitor<T>(PhantomData<T>);

impl<'de, T: Readable> Visitor<'de> for EntryVisitor<T> {
    type Value = Entry<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text, a number or null")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Entry<T>, E> {
        Ok(Entry::from(text))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Entry<T>, E> {
        Ok(T::from_integer(number).map_or_else(|| Entry::Text(number.to_string()), Entry::Given))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Entry<T>, E> {
        match i64::try_from(number) {
            Ok(number) => self.visit_i64(number),
            Err(_) => Ok(Entry::Text(number.to_string())),
        }
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Entry<T>, E> {
        Ok(Entry::Text(number.to_string()))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Entry<T>, E> {
        Ok(Entry::Text(value.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Entry<T>, E> {
        Ok(Entry::Empty)
    }

    fn visit_none<E: de::Error>(self) -> Result<Entry<T>, E> {
        Ok(Entry::Empty)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Entry<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Stop {
        capacity: Entry<i64>,
        on: Entry<Date>,
    }

    fn json(body: &str) -> Stop {
        serde_json::from_str(body).expect("deserializes")
    }

    #[test]
    fn json_numbers_are_typed_and_text_is_read_alike() {
        let typed = json(r#"{"capacity": 12000, "on": "2026-05-02"}"#);
        assert_eq!(typed.capacity, Entry::Given(12000));
        let text = json(r#"{"capacity": "12,000"}"#);
        assert_eq!(text.capacity.read("Capacity"), Ok(Some(12000)));
        assert_eq!(typed.capacity.read("Capacity"), Ok(Some(12000)));
        assert_eq!(
            typed.on.read("Day").map(|d| d.map(|d| d.to_string())),
            Ok(Some("2026-05-02".into()))
        );
    }

    #[test]
    fn what_a_kind_cannot_take_becomes_a_sentence() {
        let wrong = json(r#"{"capacity": -5, "on": 5}"#);
        let refused = wrong.capacity.read("Capacity").expect_err("negative");
        assert_eq!(refused.english, "Capacity cannot be negative");
        assert_eq!(refused.key, "problem-negative");
        assert!(wrong
            .on
            .read("Day")
            .expect_err("not a date")
            .english
            .contains("is not a date"));
        let fraction = json(r#"{"capacity": 1.5}"#);
        assert!(fraction.capacity.read("Capacity").is_err());
        let flag = json(r#"{"capacity": true}"#);
        assert!(flag.capacity.read("Capacity").is_err());
    }

    #[test]
    fn blank_and_null_and_missing_are_nothing() {
        for body in [r#"{"capacity": null}"#, r#"{"capacity": "  "}"#, "{}"] {
            assert_eq!(json(body).capacity.read("Capacity"), Ok(None), "{body}");
        }
    }

    #[test]
    fn a_form_reads_the_same_fields_from_text() {
        let form: Stop = serde_urlencoded::from_str("capacity=900&on=2026-05-02").expect("form");
        assert_eq!(form.capacity, Entry::Text("900".into()));
        assert_eq!(form.capacity.read("Capacity"), Ok(Some(900)));
        assert_eq!(form.on.to_string(), "2026-05-02");
    }
}
