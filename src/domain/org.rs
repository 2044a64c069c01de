//! Organizations: the tenants of a Chorus server.

use thiserror::Error;

use super::validation::{Explain, Problem};

/// Words that public URLs use at the top level, so no organization may take them as its slug.
pub const RESERVED_SLUGS: &[&str] = &[
    "about",
    "account",
    "admin",
    "api",
    "app",
    "assets",
    "auth",
    "chorus",
    "confirm",
    "docs",
    "help",
    "healthz",
    "invite",
    "login",
    "logout",
    "logout-everywhere",
    "media",
    "metrics",
    "new",
    "org",
    "orgs",
    "pay",
    "privacy",
    "readyz",
    "root",
    "settings",
    "setup",
    "static",
    "status",
    "support",
    "t",
    "terms",
    "webhooks",
    "www",
];

/// The URL name of an organization: `/{slug}/{campaign}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrgSlug(String);

#[derive(Debug, Error, PartialEq, Eq)]
pub enum SlugError {
    #[error("a slug is 2 to 40 characters long")]
    Length,
    #[error("a slug uses only lower-case letters a-z, digits and single hyphens, and starts with a letter")]
    Characters,
    #[error("'{0}' is reserved for Chorus's own pages; choose another slug")]
    Reserved(String),
}

impl Explain for SlugError {
    fn explain(&self) -> Problem {
        let english = self.to_string();
        match self {
            SlugError::Length => Problem::new("problem-slug-length", Vec::new(), english),
            SlugError::Characters => Problem::new("problem-slug-characters", Vec::new(), english),
            SlugError::Reserved(slug) => Problem::naming("problem-slug-reserved", slug, english),
        }
    }
}

impl OrgSlug {
    pub fn parse(input: &str) -> Result<Self, SlugError> {
        check_slug(input, RESERVED_SLUGS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for OrgSlug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The shared syntax of URL names (organizations, campaigns): 2–40 of `a-z`, `0-9` and single
/// hyphens, starting with a letter, not in `reserved`.
pub fn check_slug(input: &str, reserved: &[&str]) -> Result<String, SlugError> {
    let slug = input.trim();
    if !(2..=40).contains(&slug.len()) {
        return Err(SlugError::Length);
    }
    let allowed = slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let starts_with_letter = slug.starts_with(|c: char| c.is_ascii_lowercase());
    if !allowed || !starts_with_letter || slug.ends_with('-') || slug.contains("--") {
        return Err(SlugError::Characters);
    }
    if reserved.contains(&slug) {
        return Err(SlugError::Reserved(slug.to_owned()));
    }
    Ok(slug.to_owned())
}

/// The display name of an organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgName(String);

#[derive(Debug, Error, PartialEq, Eq)]
pub enum OrgNameError {
    #[error("a name is required")]
    Empty,
    #[error("a name is at most 120 characters")]
    TooLong,
    #[error("a name cannot contain control characters")]
    ControlCharacters,
}

impl OrgName {
    pub fn parse(input: &str) -> Result<Self, OrgNameError> {
        let name = input.trim();
        if name.is_empty() {
            return Err(OrgNameError::Empty);
        }
        if name.chars().count() > 120 {
            return Err(OrgNameError::TooLong);
        }
        if name.chars().any(char::is_control) {
            return Err(OrgNameError::ControlCharacters);
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(OrgSlug::parse("demo").map(|s| s.0), Ok("demo".into()));
        assert!(OrgSlug::parse("migration-aid-2").is_ok());
        assert_eq!(OrgSlug::parse("a"), Err(SlugError::Length));
        for bad in [
            "Demo", "2demo", "demo-", "de--mo", "de mo", "démo", "de_mo", "../x",
        ] {
            assert_eq!(OrgSlug::parse(bad), Err(SlugError::Characters), "{bad}");
        }
        for reserved in ["admin", "api", "static", "webhooks"] {
            assert_eq!(
                OrgSlug::parse(reserved),
                Err(SlugError::Reserved(reserved.into()))
            );
        }
    }

    #[test]
    fn names() {
        assert_eq!(
            OrgName::parse("  Harbor Light  ").map(|n| n.0),
            Ok("Harbor Light".into())
        );
        assert_eq!(OrgName::parse(" "), Err(OrgNameError::Empty));
        assert_eq!(
            OrgName::parse("a\u{7}b"),
            Err(OrgNameError::ControlCharacters)
        );
        assert_eq!(OrgName::parse(&"x".repeat(121)), Err(OrgNameError::TooLong));
    }
}
