//! Checked free text: trimmed, bounded, without control characters.

use thiserror::Error;

use super::validation::{Explain, Problem, Said};

#[derive(Debug, Error, PartialEq, Eq)]
pub enum TextError {
    #[error("{field} is required")]
    Empty { field: &'static str },
    #[error("{field} is at most {max} characters (got {got})")]
    TooLong {
        field: &'static str,
        max: usize,
        got: usize,
    },
    #[error("{field} cannot contain control characters")]
    ControlCharacters { field: &'static str },
}

impl Explain for TextError {
    fn explain(&self) -> Problem {
        let (key, field, more) = match *self {
            TextError::Empty { field } => ("problem-required", field, vec![]),
            TextError::TooLong { field, max, got } => (
                "problem-too-long",
                field,
                vec![
                    ("max", Said::Text(max.to_string())),
                    ("got", Said::Text(got.to_string())),
                ],
            ),
            TextError::ControlCharacters { field } => ("problem-control-characters", field, vec![]),
        };
        let mut args = vec![("field", Said::Field(field))];
        args.extend(more);
        Problem::new(key, args, self.to_string())
    }
}

/// Trims `input` and checks it is 1..=`max` characters with no control characters
/// (newlines and tabs allowed only when `multiline`).
pub fn required(
    field: &'static str,
    input: &str,
    max: usize,
    multiline: bool,
) -> Result<String, TextError> {
    let text = optional(field, input, max, multiline)?;
    text.ok_or(TextError::Empty { field })
}

/// Like [`required`], but blank input is `None`.
pub fn optional(
    field: &'static str,
    input: &str,
    max: usize,
    multiline: bool,
) -> Result<Option<String>, TextError> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let got = text.chars().count();
    if got > max {
        return Err(TextError::TooLong { field, max, got });
    }
    let allowed = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
    if text.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(TextError::ControlCharacters { field });
    }
    Ok(Some(text.replace("\r\n", "\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_and_controls() {
        assert_eq!(required("Title", "  Hi ", 10, false), Ok("Hi".into()));
        assert_eq!(
            required("Title", " ", 10, false),
            Err(TextError::Empty { field: "Title" })
        );
        assert_eq!(optional("Note", "", 10, false), Ok(None));
        assert_eq!(
            required("Title", "ééééé", 4, false),
            Err(TextError::TooLong {
                field: "Title",
                max: 4,
                got: 5
            })
        );
        assert!(required("Title", "a\nb", 10, false).is_err());
        assert_eq!(required("Story", "a\r\nb", 10, true), Ok("a\nb".into()));
        assert!(required("Story", "a\u{0}b", 10, true).is_err());
    }
}
