//! Campaigns: what they are, how their status moves, what a valid campaign and its content are.

use jiff::civil::Date;
use serde::Deserialize;
use thiserror::Error;

use super::dates;
use super::entry::Entry;
use super::language::Language;
use super::money::{Currency, Money};
use super::org::{check_slug, SlugError};
use super::text;
use super::time::Timestamp;
use super::validation::Invalid;
use super::validation::{Explain, Problem};

/// Names that organization-level public pages may use beside campaigns (`/{org}/{name}`).
pub const RESERVED_CAMPAIGN_SLUGS: &[&str] = &[
    "admin",
    "api",
    "events",
    "feed",
    "static",
    "t",
    "tally",
    "tours",
    "transparency",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampaignKind {
    Awareness,
    Fundraising,
    EmergencyAppeal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampaignStatus {
    Draft,
    Live,
    Closed,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum CampaignError {
    #[error("unknown campaign kind '{0}'; choose awareness, fundraising or emergency_appeal")]
    UnknownKind(String),
    #[error("unknown status '{0}'; choose draft, live or closed")]
    UnknownStatus(String),
    #[error("a {from} campaign cannot become {to}")]
    Transition {
        from: &'static str,
        to: &'static str,
    },
    /// Codes already printed would lead nowhere: a draft is not shown to the public.
    #[error("“{0}” is still a draft, so its page is not public and every scan would find nothing; make it live first, then send the codes to it")]
    DraftTarget(String),
}

impl Explain for CampaignError {
    fn explain(&self) -> Problem {
        let english = self.to_string();
        match self {
            CampaignError::UnknownKind(kind) => {
                Problem::naming("problem-unknown-campaign-kind", kind, english)
            }
            CampaignError::UnknownStatus(status) => {
                Problem::naming("problem-unknown-status", status, english)
            }
            _ => Problem::plain(english),
        }
    }
}

impl CampaignKind {
    pub const ALL: [CampaignKind; 3] = [
        CampaignKind::Awareness,
        CampaignKind::Fundraising,
        CampaignKind::EmergencyAppeal,
    ];

    pub fn parse(input: &str) -> Result<Self, CampaignError> {
        let key = input.trim().to_lowercase().replace(['-', ' '], "_");
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == key)
            .ok_or_else(|| CampaignError::UnknownKind(input.trim().chars().take(30).collect()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CampaignKind::Awareness => "awareness",
            CampaignKind::Fundraising => "fundraising",
            CampaignKind::EmergencyAppeal => "emergency_appeal",
        }
    }
}

impl CampaignStatus {
    pub const ALL: [CampaignStatus; 3] = [
        CampaignStatus::Draft,
        CampaignStatus::Live,
        CampaignStatus::Closed,
    ];

    pub fn parse(input: &str) -> Result<Self, CampaignError> {
        let key = input.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == key)
            .ok_or_else(|| CampaignError::UnknownStatus(input.trim().chars().take(30).collect()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CampaignStatus::Draft => "draft",
            CampaignStatus::Live => "live",
            CampaignStatus::Closed => "closed",
        }
    }

    /// Draft → live → closed; a closed campaign may be reopened (live), never made a draft again,
    /// since its page has been public.
    pub fn check_transition(self, to: CampaignStatus) -> Result<(), CampaignError> {
        use CampaignStatus::*;
        match (self, to) {
            (a, b) if a == b => Ok(()),
            (Draft, Live) | (Draft, Closed) | (Live, Closed) | (Closed, Live) => Ok(()),
            _ => Err(CampaignError::Transition {
                from: self.as_str(),
                to: to.as_str(),
            }),
        }
    }

    /// Whether the public may see the page.
    pub fn is_public(self) -> bool {
        !matches!(self, CampaignStatus::Draft)
    }

    /// Whether a campaign takes pledges, sign-ups and new gifts at `now`: live, and not past
    /// its last day (staff extend it by moving the end date). Gifts already begun are still
    /// recorded when their payment arrives later.
    pub fn takes_support(self, ends_on: Option<Date>, now: Timestamp) -> bool {
        self == CampaignStatus::Live && ends_on.is_none_or(|last| now < closes_at(last))
    }
}

/// When a campaign whose last day is `last_day` stops taking support: once that day is over
/// everywhere on Earth (the end of it at UTC−12), so nobody is turned away on the last day,
/// wherever the stop or the supporter is.
pub fn closes_at(last_day: Date) -> Timestamp {
    let next_day = last_day.tomorrow().unwrap_or(last_day);
    Timestamp::start_of_utc_date(next_day).plus(std::time::Duration::from_secs(12 * 3600))
}

/// A campaign's settings as a form or JSON body sends them, checked by [`Self::validate`]. The
/// money goal's amount stays text: it is a decimal whose places depend on the currency.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CampaignInput {
    pub slug: String,
    pub theme: String,
    pub kind: String,
    pub goal_currency: String,
    pub goal_amount: String,
    pub goal_actions: Entry<i64>,
    pub starts_on: Entry<Date>,
    pub ends_on: Entry<Date>,
    pub default_language: String,
}

/// A checked campaign, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignSettings {
    pub slug: String,
    pub theme: String,
    pub kind: CampaignKind,
    pub goal_money: Option<Money>,
    pub goal_actions: Option<i64>,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub default_language: Language,
}

impl CampaignInput {
    pub fn validate(&self) -> Result<CampaignSettings, Invalid> {
        let mut invalid = Invalid::default();
        let slug = invalid.check(
            check_slug(&self.slug, RESERVED_CAMPAIGN_SLUGS)
                .map_err(|e: SlugError| Problem::of_field("Slug", e.explain())),
        );
        let theme = invalid.check(text::required("Theme", &self.theme, 120, false));
        let kind = invalid.check(CampaignKind::parse(&self.kind));
        let goal_money = match (self.goal_currency.trim(), self.goal_amount.trim()) {
            (_, "") => Some(None),
            ("", _) => {
                invalid.push(Problem::new(
                    "problem-goal-currency",
                    Vec::new(),
                    "A money goal needs a currency.".into(),
                ));
                None
            }
            (currency, amount) => invalid.check(
                Currency::parse(currency)
                    .and_then(|c| Money::parse_positive(amount, c))
                    .map(Some)
                    .map_err(|e| Problem::of_field("Money goal", e.explain())),
            ),
        };
        let goal_actions = invalid.check(self.goal_actions.read("Action goal"));
        if goal_actions == Some(Some(0)) {
            invalid.push(Problem::new(
                "problem-action-goal",
                Vec::new(),
                "Action goal must be greater than zero.".into(),
            ));
        }
        let starts_on = invalid.check(self.starts_on.read("Start"));
        let ends_on = invalid.check(self.ends_on.read("End"));
        if let (Some(start), Some(end)) = (starts_on, ends_on) {
            invalid.check(dates::ordered(start, end));
        }
        let default_language = if self.default_language.trim().is_empty() {
            Some(Language::En)
        } else {
            invalid.check(Language::parse(&self.default_language))
        };
        invalid.finish(|| {
            Some(CampaignSettings {
                slug: slug?,
                theme: theme?,
                kind: kind?,
                goal_money: goal_money?,
                goal_actions: goal_actions?,
                starts_on: starts_on?,
                ends_on: ends_on?,
                default_language: default_language?,
            })
        })
    }
}

impl From<&CampaignSettings> for CampaignInput {
    /// The form values that would produce these settings (for editing).
    fn from(s: &CampaignSettings) -> Self {
        Self {
            slug: s.slug.clone(),
            theme: s.theme.clone(),
            kind: s.kind.as_str().to_owned(),
            goal_currency: s
                .goal_money
                .map(|m| m.currency.code().to_owned())
                .unwrap_or_default(),
            goal_amount: s.goal_money.map(|m| m.major_string()).unwrap_or_default(),
            goal_actions: s.goal_actions.into(),
            starts_on: s.starts_on.into(),
            ends_on: s.ends_on.into(),
            default_language: s.default_language.code().to_owned(),
        }
    }
}

/// A campaign's page text in one language, as sent.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ContentInput {
    pub title: String,
    pub summary: String,
    pub story: String,
    pub call_to_action: String,
}

impl From<&CampaignContent> for ContentInput {
    fn from(c: &CampaignContent) -> Self {
        Self {
            title: c.title.clone(),
            summary: c.summary.clone(),
            story: c.story.clone(),
            call_to_action: c.call_to_action.clone(),
        }
    }
}

/// Checked page text of one language. `story` is Markdown, rendered safely at display time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignContent {
    pub title: String,
    pub summary: String,
    pub story: String,
    pub call_to_action: String,
}

pub const MAX_STORY_CHARS: usize = 20_000;

impl ContentInput {
    pub fn validate(&self) -> Result<CampaignContent, Invalid> {
        let mut invalid = Invalid::default();
        let title = invalid.check(text::required("Title", &self.title, 120, false));
        let summary = invalid.check(text::optional("Summary", &self.summary, 300, true));
        let story = invalid.check(text::optional("Story", &self.story, MAX_STORY_CHARS, true));
        let cta = invalid.check(text::optional(
            "Call to action",
            &self.call_to_action,
            80,
            false,
        ));
        invalid.finish(|| {
            Some(CampaignContent {
                title: title?,
                summary: summary?.unwrap_or_default(),
                story: story?.unwrap_or_default(),
                call_to_action: cta?.unwrap_or_default(),
            })
        })
    }
}

#[cfg(test)]
mod closing_tests {
    use super::*;

    #[test]
    fn a_campaign_closes_when_its_last_day_is_over_everywhere() {
        let last = jiff::civil::date(2026, 5, 12);
        let at = |text: &str| {
            let instant: jiff::Timestamp = text.parse().expect("instant");
            Timestamp::from_unix_micros(instant.as_microsecond())
        };
        // 13 May 11:59 UTC is still 12 May at UTC−12.
        assert!(CampaignStatus::Live.takes_support(Some(last), at("2026-05-13T11:59:59Z")));
        assert!(!CampaignStatus::Live.takes_support(Some(last), at("2026-05-13T12:00:00Z")));
        assert!(CampaignStatus::Live.takes_support(None, at("2030-01-01T00:00:00Z")));
        assert!(!CampaignStatus::Closed.takes_support(None, at("2026-01-01T00:00:00Z")));
        assert!(!CampaignStatus::Draft.takes_support(Some(last), at("2026-01-01T00:00:00Z")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CampaignInput {
        CampaignInput {
            slug: "safe-migration".into(),
            theme: "Safe migration".into(),
            kind: "awareness".into(),
            goal_currency: "usd".into(),
            goal_amount: "250000".into(),
            goal_actions: "100000".into(),
            starts_on: "2026-03-01".into(),
            ends_on: "2026-09-30".into(),
            default_language: "en".into(),
        }
    }

    #[test]
    fn valid_campaign() {
        let settings = input().validate().expect("valid");
        let round_trip = CampaignInput::from(&settings)
            .validate()
            .expect("valid again");
        assert_eq!(round_trip, settings);
        assert_eq!(settings.goal_money.map(|m| m.minor), Some(25_000_000));
        assert_eq!(settings.goal_actions, Some(100_000));
        assert_eq!(settings.kind, CampaignKind::Awareness);
    }

    #[test]
    fn every_problem_listed() {
        let bad = CampaignInput {
            slug: "tally".into(),
            theme: "".into(),
            kind: "party".into(),
            goal_currency: "ZZZ".into(),
            goal_amount: "-5".into(),
            goal_actions: "0".into(),
            starts_on: "2026-09-30".into(),
            ends_on: "2026-03-01".into(),
            default_language: "de".into(),
        };
        let problems = bad.validate().expect_err("invalid").0;
        assert_eq!(problems.len(), 7, "{problems:?}");
        let all = problems
            .iter()
            .map(|p| p.english.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        for expected in [
            "reserved",
            "Theme is required",
            "unknown campaign kind",
            "unknown currency",
            "greater than zero",
            "before the start",
            "unknown language",
        ] {
            assert!(all.contains(expected), "{expected}: {all}");
        }
        let negative = CampaignInput {
            goal_amount: "-5".into(),
            ..input()
        };
        assert!(negative.validate().expect_err("invalid").0[0]
            .english
            .contains("greater than zero"));
    }

    #[test]
    fn status_moves_forward() {
        use CampaignStatus::*;
        assert!(Draft.check_transition(Live).is_ok());
        assert!(Live.check_transition(Closed).is_ok());
        assert!(Closed.check_transition(Live).is_ok());
        assert!(Live.check_transition(Draft).is_err());
        assert!(Closed.check_transition(Draft).is_err());
        assert!(!Draft.is_public() && Live.is_public() && Closed.is_public());
    }

    #[test]
    fn content_limits() {
        let ok = ContentInput {
            title: "Hello".into(),
            ..Default::default()
        };
        assert!(ok.validate().is_ok());
        let long = ContentInput {
            title: "x".repeat(121),
            story: "y".repeat(MAX_STORY_CHARS + 1),
            ..Default::default()
        };
        assert_eq!(long.validate().expect_err("invalid").0.len(), 2);
    }
}
