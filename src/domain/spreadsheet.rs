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

/// A CSV file with a header row, read for an import: the column names (lower case), its rows
/// that are not blank with their line numbers, and the lines the CSV reader could not read.
pub struct CsvRows {
    header: Vec<String>,
    pub rows: Vec<(usize, csv::StringRecord)>,
    pub problems: Vec<RowProblem>,
}

/// Reads `text` for an import; a header that cannot be read is the only problem returned.
pub fn read_csv(text: &str) -> Result<CsvRows, Vec<RowProblem>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(header) => header.iter().map(str::to_ascii_lowercase).collect(),
        Err(err) => return Err(vec![row_problem(1, "header", err.to_string())]),
    };
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) if record.iter().all(str::is_empty) => {}
            Ok(record) => rows.push((record.position().map_or(0, |p| p.line() as usize), record)),
            Err(err) => {
                let line = err.position().map_or(0, |p| p.line() as usize);
                problems.push(row_problem(line, "row", err.to_string()));
            }
        }
    }
    Ok(CsvRows {
        header,
        rows,
        problems,
    })
}

impl CsvRows {
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The index of the column named `name` (lower case).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }
}

/// Problems as sentences for a page or a terminal, in the order found.
pub fn sentences(problems: &[RowProblem]) -> Vec<String> {
    problems.iter().map(|p| format!("{p}.")).collect()
}

/// A problem of `line` in `field`.
pub fn row_problem(line: usize, field: &str, message: impl Into<String>) -> RowProblem {
    RowProblem {
        line,
        field: field.to_owned(),
        message: message.into(),
    }
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
