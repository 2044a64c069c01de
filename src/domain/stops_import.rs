//! A tour's stops from a spreadsheet, one row a stop, each checked as the event form checks
//! it; every problem is named by its line and column, and one problem refuses the whole file.

use super::engagement::{EngagementInput, EngagementSettings};
use super::entry::Entry;
use super::spreadsheet::{read_csv, row_problem, RowProblem};
use super::validation::{Problem, Said};

/// The columns a stop needs.
pub const REQUIRED: [&str; 5] = ["title", "city", "country", "time_zone", "starts_at"];

/// Reads the stops of tour `tour`. Columns: `title`, `city`, `country` (two letters),
/// `time_zone` (IANA), `starts_at` (local time, `2026-05-09 21:00`), and optionally `kind`
/// (concert when blank), `venue`, `capacity`, `attendance`, `attendance_source`.
pub fn parse_stops_csv(text: &str, tour: i64) -> Result<Vec<EngagementSettings>, Vec<RowProblem>> {
    let sheet = read_csv(text)?;
    let mut problems = Vec::new();
    let missing: Vec<&str> = REQUIRED
        .into_iter()
        .filter(|name| sheet.column(name).is_none())
        .collect();
    if !missing.is_empty() {
        let message = format!(
            "missing column(s) {}; a stop needs {}",
            missing.join(", "),
            REQUIRED.join(", ")
        );
        return Err(vec![row_problem(1, "header", message)]);
    }
    let mut stops = Vec::new();
    for (line, record) in &sheet.rows {
        let cell = |name: &str| {
            sheet
                .column(name)
                .and_then(|at| record.get(at))
                .unwrap_or_default()
        };
        let kind = match cell("kind") {
            "" => "concert",
            given => given,
        };
        let input = EngagementInput {
            tour_id: Entry::Given(tour),
            kind: kind.to_owned(),
            title: cell("title").to_owned(),
            venue: cell("venue").to_owned(),
            city: cell("city").to_owned(),
            country: cell("country").to_owned(),
            time_zone: cell("time_zone").to_owned(),
            // Spreadsheets write a date and time with a space; the form sends a `T`.
            starts_at: cell("starts_at").replacen(' ', "T", 1),
            capacity: cell("capacity").into(),
            attendance: cell("attendance").into(),
            attendance_source: cell("attendance_source").to_owned(),
        };
        match input.validate() {
            Ok(stop) => stops.push(stop),
            Err(invalid) => problems.extend(
                invalid
                    .0
                    .into_iter()
                    .map(|problem| row_problem(*line, column_of(&problem), problem.english)),
            ),
        }
    }
    problems.extend(sheet.problems);
    if stops.is_empty() && problems.is_empty() {
        problems.push(row_problem(2, "row", "the file has no stops"));
    }
    if problems.is_empty() {
        Ok(stops)
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

/// The column a stop's problem is about: the field it names, else what its sentence is about.
fn column_of(problem: &Problem) -> &'static str {
    let field = problem.args.iter().find_map(|(name, said)| match said {
        Said::Field(label) if *name == "field" => Some(*label),
        _ => None,
    });
    match (field, problem.key) {
        (Some("Title"), _) => "title",
        (Some("Venue"), _) => "venue",
        (Some("City"), _) => "city",
        (Some("Start"), _) => "starts_at",
        (Some("Capacity"), _) => "capacity",
        (Some("Attendance"), _) => "attendance",
        (Some("Attendance source"), _) | (_, "problem-attendance-source") => "attendance_source",
        (_, "problem-country") => "country",
        (_, "problem-time-zone") => "time_zone",
        (_, "problem-unknown-event-kind") => "kind",
        _ => "row",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tours_stops_are_read_with_a_spreadsheets_dates() {
        let text = "Title,Venue,City,Country,Time_zone,Starts_at,Capacity\n\
                    Open Roads: Lisbon,Riverside Hall,Lisbon,pt,Europe/Lisbon,2026-05-09 21:00,12000\n\
                    \n\
                    Open Roads: Porto,,Porto,PT,Europe/Lisbon,2026-05-11T20:30,\n";
        let stops = parse_stops_csv(text, 7).expect("valid");
        assert_eq!(stops.len(), 2);
        assert_eq!(stops[0].tour_id, Some(7));
        assert_eq!(stops[0].country, "PT");
        assert_eq!(
            stops[0].starts_at.to_utc_string(),
            "2026-05-09 20:00:00 UTC"
        );
        assert_eq!(stops[0].capacity, Some(12_000));
        assert_eq!(stops[1].venue, "");
        assert_eq!(stops[1].kind.as_str(), "concert");
    }

    #[test]
    fn every_problem_is_named_by_line_and_column() {
        let text = "title,city,country,time_zone,starts_at,kind,attendance\n\
                    ,Lisbon,Portugal,Europe/Lisbon,2026-05-09 21:00,,\n\
                    Porto,Porto,PT,Europe/Atlantis,soon,gig,-1\n";
        let problems = parse_stops_csv(text, 1).expect_err("invalid");
        let found: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.line, p.field.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (2, "title"),
                (2, "country"),
                (3, "kind"),
                (3, "time_zone"),
                (3, "attendance")
            ],
            "{problems:?}"
        );
        let missing = parse_stops_csv("title,city\nA,B\n", 1).expect_err("columns");
        assert!(missing[0]
            .to_string()
            .contains("missing column(s) country, time_zone, starts_at"));
        let empty =
            parse_stops_csv("title,city,country,time_zone,starts_at\n", 1).expect_err("empty");
        assert!(empty[0].message.contains("no stops"));
    }
}
