//! Collects every problem of an input at once, so a form can list them all.
//!
//! A problem is kept as the key of its sentence in the staff interface's Fluent files and the
//! values it names, so that each reader is told it in their language (`i18n::problem`), with
//! the English sentence beside it for logs, the command line and tests.

use std::fmt;

/// The problems found in an input, each a sentence a person understands.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Invalid(pub Vec<Problem>);

/// One problem with an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The key of its sentence (`problem-…`).
    pub key: &'static str,
    /// The values the sentence names.
    pub args: Vec<(&'static str, Said)>,
    /// The sentence in English.
    pub english: String,
}

/// A value named in a problem's sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// Said as it is: what was typed, a number, a code.
    Text(String),
    /// A field's label in English (`"Attendance source"`), said in the reader's language.
    Field(&'static str),
    /// Another problem, said in the reader's language (a field's problem within a language).
    Problem(Box<Problem>),
}

impl Problem {
    pub fn new(key: &'static str, args: Vec<(&'static str, Said)>, english: String) -> Self {
        Self { key, args, english }
    }

    /// A sentence naming one value (what was typed).
    pub fn naming(key: &'static str, value: &str, english: String) -> Self {
        Self::new(key, vec![("value", Said::Text(value.to_owned()))], english)
    }

    /// A field's problem told after the field's name: "Slug: a slug is 2 to 40 characters long."
    pub fn of_field(field: &'static str, problem: Problem) -> Self {
        let english = format!("{field}: {problem}.");
        let args = vec![
            ("field", Said::Field(field)),
            ("problem", Said::Problem(Box::new(problem))),
        ];
        Self::new("problem-of-field", args, english)
    }

    /// A sentence with no translation yet: said in English in every language.
    pub fn plain(english: impl Into<String>) -> Self {
        let english = english.into();
        Self {
            key: "problem-plain",
            args: vec![("text", Said::Text(english.clone()))],
            english,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english)
    }
}

impl From<String> for Problem {
    fn from(english: String) -> Self {
        Self::plain(english)
    }
}

impl From<&str> for Problem {
    fn from(english: &str) -> Self {
        Self::plain(english)
    }
}

/// An error that can be told as a [`Problem`]: by default its English sentence, or its own key.
pub trait Explain: fmt::Display {
    fn explain(&self) -> Problem {
        Problem::plain(self.to_string())
    }
}

impl Explain for String {}
impl Explain for &str {}
impl Explain for Problem {
    fn explain(&self) -> Problem {
        self.clone()
    }
}

impl Invalid {
    /// Keeps the value, or records the error and gives `None`.
    pub fn check<T, E: Explain>(&mut self, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(err) => {
                self.0.push(err.explain());
                None
            }
        }
    }

    pub fn push(&mut self, problem: impl Into<Problem>) {
        self.0.push(problem.into());
    }

    /// `Ok(value)` when nothing was recorded.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, Invalid> {
        if self.0.is_empty() {
            value().ok_or(self)
        } else {
            Err(self)
        }
    }

    /// The problems in English.
    pub fn english(&self) -> Vec<String> {
        self.0.iter().map(|p| p.english.clone()).collect()
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english().join(" "))
    }
}

impl std::error::Error for Invalid {}

/// A field's problem naming the field and what was typed (shortened to 20 characters).
pub(super) fn with_value(
    key: &'static str,
    field: &'static str,
    input: &str,
    english: String,
) -> Problem {
    let value: String = input.trim().chars().take(20).collect();
    Problem::new(
        key,
        vec![("field", Said::Field(field)), ("value", Said::Text(value))],
        english,
    )
}

/// Parses an optional non-negative whole number (blank is `None`).
pub fn optional_count(field: &'static str, input: &str) -> Result<Option<i64>, Problem> {
    let raw = input.trim().replace([',', '_', ' '], "");
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<i64>() {
        Ok(n) if n >= 0 => Ok(Some(n)),
        Ok(_) => Err(Problem::new(
            "problem-negative",
            vec![("field", Said::Field(field))],
            format!("{field} cannot be negative"),
        )),
        Err(_) => Err(with_value(
            "problem-not-whole",
            field,
            input,
            format!(
                "{field}: '{}' is not a whole number",
                input.trim().chars().take(20).collect::<String>()
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_all_problems() {
        let mut invalid = Invalid::default();
        let a = invalid.check::<i32, _>(Err("first is wrong"));
        let b = invalid.check::<_, String>(Ok(2));
        invalid.check::<i32, _>(Err("second is wrong"));
        assert_eq!((a, b), (None, Some(2)));
        assert_eq!(invalid.clone().finish(|| Some(1)), Err(invalid.clone()));
        assert_eq!(invalid.0.len(), 2);
        assert_eq!(Invalid::default().finish(|| Some(1)), Ok(1));
        assert_eq!(optional_count("Capacity", "1,200"), Ok(Some(1200)));
        assert!(optional_count("Capacity", "-3").is_err());
        assert!(optional_count("Capacity", "many").is_err());
        assert_eq!(optional_count("Capacity", ""), Ok(None));
    }
}
