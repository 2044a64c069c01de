//! A report table as CSV: numbers as plain digits (a spreadsheet reads them as numbers), text
//! defanged and quoted against formula injection (`domain::spreadsheet::SafeCsv`).

use super::{Cell, Table};
use crate::domain::spreadsheet::{SafeCsv, SheetCell};

/// The table as CSV, header first, CRLF line ends (RFC 4180).
pub fn table_csv(table: &Table) -> String {
    let mut sheet = SafeCsv::default();
    sheet.text_row(&table.columns);
    for row in &table.rows {
        let cells: Vec<SheetCell<'_>> = row
            .iter()
            .map(|cell| match cell {
                Cell::Text(text) => SheetCell::Text(text),
                other => SheetCell::Number(other.plain()),
            })
            .collect();
        sheet.row(&cells);
    }
    String::from_utf8(sheet.into_bytes()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::{Currency, Money};

    #[test]
    fn formulas_are_defanged_and_numbers_stay_numbers() {
        let table = Table {
            key: "stops",
            title: "Per stop".into(),
            columns: vec![
                "Stop".into(),
                "Visits".into(),
                "Money".into(),
                "Change".into(),
            ],
            rows: vec![
                vec![
                    Cell::Text("=HYPERLINK(\"http://evil\")".into()),
                    Cell::Count(-5),
                    Cell::Money(Money {
                        minor: 150_050,
                        currency: Currency::parse("EUR").expect("EUR"),
                    }),
                    Cell::Share(Some(-0.25)),
                ],
                vec![
                    Cell::Text("+Lyon, \"quoted\"".into()),
                    Cell::Count(1_250),
                    Cell::Count(0),
                    Cell::Share(None),
                ],
                vec![
                    Cell::Text("@x".into()),
                    Cell::Estimate(3),
                    Cell::Count(0),
                    Cell::Text("-1".into()),
                ],
            ],
            row_keys: Vec::new(),
        };
        let csv = table_csv(&table);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], r#""Stop","Visits","Money","Change""#);
        assert_eq!(
            lines[1],
            r#""'=HYPERLINK(""http://evil"")",-5,1500.50,-0.2500"#
        );
        assert_eq!(lines[2], r#""'+Lyon, ""quoted""",1250,0,"""#);
        assert_eq!(
            lines[3], r#""'@x",3,0,"'-1""#,
            "text that looks like a number is still text"
        );
    }
}
