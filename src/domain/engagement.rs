//! Tours and engagements: the events where an ambassador meets an audience.

use jiff::civil::{Date, DateTime};
use serde::Deserialize;
use thiserror::Error;

use super::dates;
use super::entry::Entry;
use super::language::Language;
use super::text;
use super::time::Timestamp;
use super::validation::Invalid;
use super::validation::{Explain, Problem, Said};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngagementKind {
    Concert,
    /// A performance that is not a concert of one's own: a song at a council session, a set
    /// on television.
    Performance,
    Meeting,
    CouncilSession,
    Media,
    Other,
}

#[derive(Debug, Error, PartialEq, Eq)]
#[error("unknown kind of event '{0}'; choose concert, performance, meeting, council_session, media or other")]
pub struct UnknownEngagementKind(pub String);

impl Explain for UnknownEngagementKind {
    fn explain(&self) -> Problem {
        Problem::naming("problem-unknown-event-kind", &self.0, self.to_string())
    }
}

impl EngagementKind {
    pub const ALL: [EngagementKind; 6] = [
        EngagementKind::Concert,
        EngagementKind::Performance,
        EngagementKind::Meeting,
        EngagementKind::CouncilSession,
        EngagementKind::Media,
        EngagementKind::Other,
    ];

    pub fn parse(input: &str) -> Result<Self, UnknownEngagementKind> {
        let key = input.trim().to_lowercase().replace(['-', ' '], "_");
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == key)
            .ok_or_else(|| UnknownEngagementKind(input.trim().chars().take(30).collect()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EngagementKind::Concert => "concert",
            EngagementKind::Performance => "performance",
            EngagementKind::Meeting => "meeting",
            EngagementKind::CouncilSession => "council_session",
            EngagementKind::Media => "media",
            EngagementKind::Other => "other",
        }
    }
}

/// A tour as sent by a form or JSON.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TourInput {
    pub name: String,
    pub ambassador_id: Entry<i64>,
    pub starts_on: Entry<Date>,
    pub ends_on: Entry<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TourSettings {
    pub name: String,
    pub ambassador_id: Option<i64>,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
}

impl TourInput {
    pub fn validate(&self) -> Result<TourSettings, Invalid> {
        let mut invalid = Invalid::default();
        let name = invalid.check(text::required("Name", &self.name, 120, false));
        let ambassador_id = invalid.check(self.ambassador_id.read("Ambassador"));
        let starts_on = invalid.check(self.starts_on.read("Start"));
        let ends_on = invalid.check(self.ends_on.read("End"));
        if let (Some(start), Some(end)) = (starts_on, ends_on) {
            invalid.check(dates::ordered(start, end));
        }
        invalid.finish(|| {
            Some(TourSettings {
                name: name?,
                ambassador_id: ambassador_id?,
                starts_on: starts_on?,
                ends_on: ends_on?,
            })
        })
    }
}

impl From<&TourSettings> for TourInput {
    fn from(s: &TourSettings) -> Self {
        Self {
            name: s.name.clone(),
            ambassador_id: s.ambassador_id.into(),
            starts_on: s.starts_on.into(),
            ends_on: s.ends_on.into(),
        }
    }
}

/// An engagement as sent by a form or JSON.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EngagementInput {
    pub tour_id: Entry<i64>,
    pub kind: String,
    pub title: String,
    pub venue: String,
    pub city: String,
    pub country: String,
    pub time_zone: String,
    /// Local wall-clock time at the venue, `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub capacity: Entry<i64>,
    pub attendance: Entry<i64>,
    pub attendance_source: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngagementSettings {
    pub tour_id: Option<i64>,
    pub kind: EngagementKind,
    pub title: String,
    pub venue: String,
    pub city: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    pub time_zone: String,
    pub starts_at_local: DateTime,
    pub starts_at: Timestamp,
    pub capacity: Option<i64>,
    pub attendance: Option<i64>,
    pub attendance_source: Option<String>,
}

impl EngagementInput {
    pub fn validate(&self) -> Result<EngagementSettings, Invalid> {
        let mut invalid = Invalid::default();
        let tour_id = invalid.check(self.tour_id.read("Tour"));
        let kind = invalid.check(EngagementKind::parse(&self.kind));
        let title = invalid.check(text::required("Title", &self.title, 160, false));
        let venue = invalid.check(text::optional("Venue", &self.venue, 160, false));
        let city = invalid.check(text::required("City", &self.city, 120, false));
        let country = self.country.trim().to_ascii_uppercase();
        if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
            let typed: String = self.country.trim().chars().take(20).collect();
            let english =
                format!("Country: '{typed}' is not a two-letter ISO 3166 code such as DE or MX.");
            invalid.push(Problem::naming("problem-country", &typed, english));
        }
        let zone = invalid.check(dates::time_zone(&self.time_zone));
        let start = zone
            .as_ref()
            .and_then(|(_, tz)| invalid.check(dates::local_time("Start", &self.starts_at, tz)));
        let capacity = invalid.check(self.capacity.read("Capacity"));
        let attendance = invalid.check(self.attendance.read("Attendance"));
        let source = invalid.check(text::optional(
            "Attendance source",
            &self.attendance_source,
            120,
            false,
        ));
        if let (Some(Some(_)), Some(None)) = (&attendance, &source) {
            invalid.push(Problem::new(
                "problem-attendance-source",
                Vec::new(),
                "Attendance needs its source (venue count, ticket scanner, estimate…).".into(),
            ));
        }
        invalid.finish(|| {
            let (time_zone, _) = zone?;
            let (starts_at_local, starts_at) = start?;
            Some(EngagementSettings {
                tour_id: tour_id?,
                kind: kind?,
                title: title?,
                venue: venue?.unwrap_or_default(),
                city: city?,
                country,
                time_zone,
                starts_at_local,
                starts_at,
                capacity: capacity?,
                attendance: attendance?,
                attendance_source: source?,
            })
        })
    }
}

impl From<&EngagementSettings> for EngagementInput {
    fn from(s: &EngagementSettings) -> Self {
        Self {
            tour_id: s.tour_id.into(),
            kind: s.kind.as_str().to_owned(),
            title: s.title.clone(),
            venue: s.venue.clone(),
            city: s.city.clone(),
            country: s.country.clone(),
            time_zone: s.time_zone.clone(),
            starts_at: s.starts_at_local.strftime("%Y-%m-%dT%H:%M").to_string(),
            capacity: s.capacity.into(),
            attendance: s.attendance.into(),
            attendance_source: s.attendance_source.clone().unwrap_or_default(),
        }
    }
}

/// An event's title, venue and city in one of the organization's other languages; blank parts
/// fall back to the event's own (written in the organization's default language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngagementWords {
    pub language: Language,
    pub title: String,
    pub venue: String,
    pub city: String,
}

/// What a public page names an event by, in its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventNames<'a> {
    pub title: &'a str,
    pub venue: &'a str,
    pub city: &'a str,
}

/// A problem with the words of one language, naming the language.
fn in_language(language: Language, problem: Problem) -> Problem {
    let english = format!("{}: {problem}", language.native_name());
    let args = vec![
        ("language", Said::Text(language.native_name().to_owned())),
        ("problem", Said::Problem(Box::new(problem))),
    ];
    Problem::new("problem-in-language", args, english)
}

/// Reads the per-language form (`title_fr`, `venue_fr`, `city_fr`, …) for `languages`; a language left
/// blank has no words of its own.
pub fn words_from_form(
    pairs: &[(String, String)],
    languages: &[Language],
) -> Result<Vec<EngagementWords>, Invalid> {
    let mut invalid = Invalid::default();
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.as_str())
    };
    let mut words = Vec::new();
    for &language in languages {
        let code = language.code();
        let mut read = |label: &'static str, name: String| {
            text::optional(label, field(&name), 160, false)
                .map_err(|e| invalid.push(in_language(language, e.explain())))
                .ok()
                .flatten()
                .unwrap_or_default()
        };
        let title = read("Title", format!("title_{code}"));
        let venue = read("Venue", format!("venue_{code}"));
        let city = read("City", format!("city_{code}"));
        if !(title.is_empty() && venue.is_empty() && city.is_empty()) {
            words.push(EngagementWords {
                language,
                title,
                venue,
                city,
            });
        }
    }
    invalid.finish(|| Some(words))
}

impl EngagementSettings {
    /// The names to show in `language`: its own words where staff gave them.
    pub fn names_in<'a>(
        &'a self,
        words: &'a [EngagementWords],
        language: Language,
    ) -> EventNames<'a> {
        let own = words.iter().find(|w| w.language == language);
        let pick = |given: Option<&'a String>, default: &'a String| {
            given.filter(|w| !w.is_empty()).unwrap_or(default).as_str()
        };
        EventNames {
            title: pick(own.map(|w| &w.title), &self.title),
            venue: pick(own.map(|w| &w.venue), &self.venue),
            city: pick(own.map(|w| &w.city), &self.city),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concert() -> EngagementInput {
        EngagementInput {
            kind: "concert".into(),
            title: "World tour: Berlin".into(),
            venue: "Arena".into(),
            city: "Berlin".into(),
            country: "de".into(),
            time_zone: "Europe/Berlin".into(),
            starts_at: "2026-06-20T20:30".into(),
            capacity: "17000".into(),
            attendance: "16250".into(),
            attendance_source: "ticket scanner".into(),
            ..Default::default()
        }
    }

    #[test]
    fn valid_engagement() {
        let e = concert().validate().expect("valid");
        assert_eq!(e.country, "DE");
        assert_eq!(e.starts_at.to_utc_string(), "2026-06-20 18:30:00 UTC");
        assert_eq!(e.attendance, Some(16_250));
        assert_eq!(EngagementInput::from(&e).validate().expect("round trip"), e);
    }

    #[test]
    fn problems_are_named() {
        let bad = EngagementInput {
            time_zone: "Europe/Atlantis".into(),
            country: "Germany".into(),
            capacity: "-1".into(),
            attendance_source: "".into(),
            ..concert()
        };
        let all = bad.validate().expect_err("invalid").to_string();
        for expected in [
            "unknown time zone",
            "two-letter",
            "cannot be negative",
            "needs its source",
        ] {
            assert!(all.contains(expected), "{expected}: {all}");
        }
        let tour = TourInput {
            name: "T".into(),
            starts_on: "2026-06-01".into(),
            ends_on: "2026-05-01".into(),
            ..Default::default()
        };
        assert!(tour.validate().expect_err("invalid").0[0]
            .english
            .contains("before the start"));
    }

    #[test]
    fn words_in_other_languages_fall_back_part_by_part() {
        let e = concert().validate().expect("valid");
        let pairs: Vec<(String, String)> = [
            ("title_fr", " Tournée mondiale : Berlin "),
            ("venue_fr", ""),
            ("title_es", ""),
            ("venue_es", "Estadio"),
            ("city_es", "Berlín"),
            ("title_ar", ""),
            ("venue_ar", ""),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let words = words_from_form(&pairs, &[Language::Fr, Language::Es, Language::Ar])
            .expect("valid words");
        assert_eq!(
            words.len(),
            2,
            "a language left blank has no words: {words:?}"
        );
        let names = |language| {
            let n = e.names_in(&words, language);
            (n.title, n.venue, n.city)
        };
        assert_eq!(
            names(Language::Fr),
            ("Tournée mondiale : Berlin", "Arena", "Berlin")
        );
        assert_eq!(
            names(Language::Es),
            ("World tour: Berlin", "Estadio", "Berlín")
        );
        assert_eq!(
            names(Language::Ar),
            ("World tour: Berlin", "Arena", "Berlin")
        );
    }

    #[test]
    fn words_too_long_are_refused_naming_the_language() {
        let pairs = vec![("title_fr".to_owned(), "x".repeat(161))];
        let refused = words_from_form(&pairs, &[Language::Fr]).expect_err("too long");
        assert!(
            refused.0[0].english.starts_with("Français: Title"),
            "{:?}",
            refused.0
        );
    }
}
