//! Goodwill ambassadors: who they are, their appointments and their social channels.

use jiff::civil::Date;
use serde::Deserialize;
use thiserror::Error;

use super::dates;
use super::entry::Entry;
use super::text;
use super::validation::Invalid;
use super::validation::{Explain, Problem};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Instagram,
    YouTube,
    TikTok,
    X,
    Vk,
    Weibo,
    Facebook,
    Website,
}

#[derive(Debug, Error, PartialEq, Eq)]
#[error(
    "unknown platform '{0}'; choose instagram, youtube, tiktok, x, vk, weibo, facebook or website"
)]
pub struct UnknownPlatform(pub String);

impl Explain for UnknownPlatform {
    fn explain(&self) -> Problem {
        Problem::naming("problem-unknown-platform", &self.0, self.to_string())
    }
}

impl Platform {
    pub const ALL: [Platform; 8] = [
        Platform::Instagram,
        Platform::YouTube,
        Platform::TikTok,
        Platform::X,
        Platform::Vk,
        Platform::Weibo,
        Platform::Facebook,
        Platform::Website,
    ];

    pub fn parse(input: &str) -> Result<Self, UnknownPlatform> {
        let key = input.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == key)
            .ok_or_else(|| UnknownPlatform(input.trim().chars().take(30).collect()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Instagram => "instagram",
            Platform::YouTube => "youtube",
            Platform::TikTok => "tiktok",
            Platform::X => "x",
            Platform::Vk => "vk",
            Platform::Weibo => "weibo",
            Platform::Facebook => "facebook",
            Platform::Website => "website",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Platform::Instagram => "Instagram",
            Platform::YouTube => "YouTube",
            Platform::TikTok => "TikTok",
            Platform::X => "X",
            Platform::Vk => "VK",
            Platform::Weibo => "Weibo",
            Platform::Facebook => "Facebook",
            Platform::Website => "Website",
        }
    }
}

/// An ambassador's name as sent (biographies are per language, see [`BioInput`]).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AmbassadorInput {
    pub name: String,
}

impl AmbassadorInput {
    pub fn validate(&self) -> Result<String, Invalid> {
        let mut invalid = Invalid::default();
        let name = invalid.check(text::required("Name", &self.name, 120, false));
        invalid.finish(|| name)
    }
}

/// A biography in one language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BioInput {
    pub bio: String,
}

impl BioInput {
    pub fn validate(&self) -> Result<String, Invalid> {
        let mut invalid = Invalid::default();
        let bio = invalid.check(text::optional("Biography", &self.bio, 5_000, true));
        invalid.finish(|| bio.map(Option::unwrap_or_default))
    }
}

/// An appointment, e.g. "Regional goodwill ambassador" from a date (until another, or open).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AppointmentInput {
    pub title: String,
    pub starts_on: Entry<Date>,
    pub ends_on: Entry<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    pub title: String,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
}

impl AppointmentInput {
    pub fn validate(&self) -> Result<Appointment, Invalid> {
        let mut invalid = Invalid::default();
        let title = invalid.check(text::required("Appointment title", &self.title, 160, false));
        let starts_on = invalid.check(self.starts_on.read("From"));
        if starts_on == Some(None) {
            invalid.push(Problem::new(
                "problem-appointment-start",
                Vec::new(),
                "From: the appointment's start date is required.".into(),
            ));
        }
        let ends_on = invalid.check(self.ends_on.read("Until"));
        if let (Some(start), Some(end)) = (starts_on, ends_on) {
            invalid.check(dates::ordered(start, end));
        }
        invalid.finish(|| {
            Some(Appointment {
                title: title?,
                starts_on: starts_on??,
                ends_on: ends_on?,
            })
        })
    }
}

/// A social channel and, optionally, today's follower count.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ChannelInput {
    pub platform: String,
    pub handle: String,
    pub followers: Entry<i64>,
    pub recorded_on: Entry<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub platform: Platform,
    pub handle: String,
    /// A follower count with the day it was read.
    pub followers: Option<(Date, i64)>,
}

impl ChannelInput {
    pub fn validate(&self) -> Result<Channel, Invalid> {
        let mut invalid = Invalid::default();
        let platform = invalid.check(Platform::parse(&self.platform));
        let handle = invalid.check(text::required(
            "Handle or address",
            &self.handle,
            200,
            false,
        ));
        let followers = invalid.check(self.followers.read("Followers"));
        let recorded_on = invalid.check(self.recorded_on.read("Counted on"));
        if let (Some(Some(_)), Some(None)) = (followers, recorded_on) {
            invalid.push(Problem::new(
                "problem-followers-date",
                Vec::new(),
                "Counted on: a follower count needs the date it was read.".into(),
            ));
        }
        invalid.finish(|| {
            Some(Channel {
                platform: platform?,
                handle: handle?,
                followers: match (followers?, recorded_on?) {
                    (Some(count), Some(day)) => Some((day, count)),
                    _ => None,
                },
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appointments_and_channels() {
        let ok = AppointmentInput {
            title: "Global goodwill ambassador".into(),
            starts_on: "2026-02-01".into(),
            ends_on: "".into(),
        };
        assert_eq!(ok.validate().expect("valid").ends_on, None);
        let missing = AppointmentInput {
            title: "x".into(),
            ..Default::default()
        };
        assert!(missing.validate().is_err());
        let channel = ChannelInput {
            platform: "Instagram".into(),
            handle: "@mira".into(),
            followers: "12,500,000".into(),
            recorded_on: "2026-01-15".into(),
        };
        assert_eq!(
            channel.validate().expect("valid").followers.map(|f| f.1),
            Some(12_500_000)
        );
        let undated = ChannelInput {
            recorded_on: "".into(),
            ..channel
        };
        assert!(undated.validate().is_err());
        assert!(Platform::parse("myspace").is_err());
    }
}
