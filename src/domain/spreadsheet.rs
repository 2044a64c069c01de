//! Spreadsheets in and out. Every CSV Chorus writes goes through [`SafeCsv`], which follows
//! OWASP's CSV-injection guidance and goes further: wherever a spreadsheet would start reading a
//! formula (`=`, `+`, `-`, `@` or their full-width forms at a cell's start, or after a `,`, `;`,
//! tab or line end inside it, as a spreadsheet splitting on another separator would cut it) an
//! apostrophe goes first, and every text cell is quoted; numbers are written as numbers and stay
//! numbers. Imports name every problem by line and column.

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
        Ok(header) => header
            .iter()
            .map(|name| name.trim().to_lowercase())
            .collect(),
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

/// `text` made safe to open in a spreadsheet: an apostrophe before every place a spreadsheet
/// would start reading a formula. That is the cell's start, and also the start of every piece a
/// spreadsheet splitting on another separator (`,`, `;`, tab, a line end) would cut from it:
/// `Ann;=SUM(6*7)` in a comma-separated file is two cells to a spreadsheet set to `;`.
/// Spaces and quotes before a formula character do not hide it.
pub fn defang(text: &str) -> Cow<'_, str> {
    if formula_starts(text).next().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    let mut copied = 0;
    for at in formula_starts(text) {
        out.push_str(&text[copied..at]);
        out.push('\'');
        copied = at;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Where in `text` a spreadsheet would begin reading a formula (byte offsets).
fn formula_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut piece_start = true;
    text.char_indices().filter_map(move |(at, c)| {
        let formula = matches!(
            c,
            '=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}' | '\u{2212}'
        ) || (at == 0 && matches!(c, '\t' | '\r' | '\n'));
        let starts = piece_start && formula;
        piece_start = match c {
            ',' | ';' | '\t' | '\r' | '\n' => true,
            ' ' | '\u{3000}' | '"' => piece_start,
            _ => false,
        };
        starts.then_some(at)
    })
}

/// One cell of an exported row.
pub enum SheetCell<'a> {
    /// Anything people or other systems wrote: defanged and quoted.
    Text(&'a str),
    /// A number Chorus computed (digits, a sign, a decimal point): written as it is.
    Number(String),
}

/// A CSV file being written for a spreadsheet: RFC 4180 (CRLF line ends), every text cell
/// defanged, every cell quoted unless it is a plain number. The one way Chorus writes CSV (web,
/// API and CLI).
pub struct SafeCsv {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for SafeCsv {
    fn default() -> Self {
        Self {
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .quote_style(csv::QuoteStyle::NonNumeric)
                .from_writer(Vec::new()),
        }
    }
}

impl SafeCsv {
    /// A row of text cells (a header, or a row without computed numbers).
    pub fn text_row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|cell| defang(cell.as_ref()).into_owned())
            .collect();
        self.write(&cells);
    }

    /// A row mixing text and numbers.
    pub fn row(&mut self, cells: &[SheetCell<'_>]) {
        let cells: Vec<Cow<'_, str>> = cells
            .iter()
            .map(|cell| match cell {
                SheetCell::Text(text) => defang(text),
                SheetCell::Number(number) => Cow::Borrowed(number.as_str()),
            })
            .collect();
        self.write(&cells);
    }

    fn write<S: AsRef<str>>(&mut self, cells: &[S]) {
        // Writing to memory cannot fail.
        let _ = self
            .writer
            .write_record(cells.iter().map(|cell| cell.as_ref().as_bytes()));
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.writer.into_inner().unwrap_or_default()
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
        assert_eq!(defang("2026-12-06, 3 - 1"), "2026-12-06, 3 - 1");
        assert_eq!(defang("=1+1@example.org"), "'=1+1@example.org");
        assert_eq!(defang("\u{FF1D}1+1"), "'\u{FF1D}1+1");
        assert_eq!(defang(" \"=x\""), " \"'=x\"");
        assert_eq!(defang("Ann;=SUM(6*7);"), "Ann;'=SUM(6*7);");
        assert_eq!(defang("Bo, -5 people"), "Bo, '-5 people");
        assert_eq!(defang("Cy\t@x\n+1"), "Cy\t'@x\n'+1");
        assert_eq!(defang("\t=1"), "'\t'=1");
    }
}
