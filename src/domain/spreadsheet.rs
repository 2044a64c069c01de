//! Spreadsheets in and out. Cells for CSV exports that open safely in a spreadsheet: text that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a
//! leading apostrophe (OWASP "CSV injection"); numbers are written by the caller as numbers and
//! stay numbers. Imports name every problem by line and column.

use std::borrow::Cow;

use thiserror::Error;

/// A problem with one line of an imported file.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("line {line}, {field}: {message}")]
pub struct RowProblem {
    pub line: usize,
    pub field: String,
    pub message: String,
}

/// `text` made safe to open in a spreadsheet.
pub fn defang(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text() {
        for risky in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(defang(risky).starts_with('\''), "{risky}");
        }
        assert_eq!(defang("Ana"), "Ana");
        assert_eq!(defang(""), "");
        assert_eq!(defang("a=b"), "a=b");
    }
}
