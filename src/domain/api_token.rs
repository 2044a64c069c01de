//! API tokens: their recognizable format, their scopes, and who may hold which.
//!
//! A token reads `chorus_` + 30 random base62 characters + a 6-character checksum (CRC-32 of the
//! random part, base62), the shape GitHub uses, so that a secret scanner can spot a leaked
//! Chorus token, and tell it from a typo, without asking any database. Only its digest is
//! stored; the first characters are kept to tell tokens apart in lists.

use thiserror::Error;

use super::role::{Permission, Role};
use super::text;
use super::validation::{Explain, Invalid, Problem};

pub const PREFIX: &str = "chorus_";
/// Random characters: 30 in base62 carry 178 bits.
pub const RANDOM_CHARS: usize = 30;
const CHECKSUM_CHARS: usize = 6;
/// How much of a token lists show: the prefix and the first random characters.
pub const SHOWN_CHARS: usize = PREFIX.len() + 6;

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A token made of `random` (one byte per character; any bytes, each taken modulo 62 — the
/// small bias of 256 mod 62 leaves more than 170 bits).
pub fn token_from(random: &[u8; RANDOM_CHARS]) -> String {
    let body: String = random
        .iter()
        .map(|b| BASE62[usize::from(*b) % 62] as char)
        .collect();
    format!("{PREFIX}{body}{}", checksum(&body))
}

fn checksum(body: &str) -> String {
    let mut value = crc32fast::hash(body.as_bytes());
    let mut digits = [b'0'; CHECKSUM_CHARS];
    for digit in digits.iter_mut().rev() {
        *digit = BASE62[(value % 62) as usize];
        value /= 62;
    }
    digits.iter().map(|d| *d as char).collect()
}

/// Whether `text` has a token's shape and its checksum holds: a typo or a truncated copy is
/// told apart from a revoked token before any lookup.
pub fn well_formed(text: &str) -> bool {
    let Some(rest) = text.strip_prefix(PREFIX) else {
        return false;
    };
    if rest.len() != RANDOM_CHARS + CHECKSUM_CHARS
        || !rest.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return false;
    }
    let (body, sum) = rest.split_at(RANDOM_CHARS);
    checksum(body) == sum
}

/// What a token may do: one resource, one action (`campaigns:write`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    CampaignsRead,
    CampaignsWrite,
    ProgramRead,
    ProgramWrite,
    LinksRead,
    LinksWrite,
    LinksRepoint,
    SupportersRead,
    SupportersWrite,
    GiftsRead,
    GiftsWrite,
    ReportsRead,
    WebhooksManage,
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("unknown scope '{0}'; scopes are resource:action, such as campaigns:read or links:repoint")]
pub struct UnknownScope(pub String);

impl Explain for UnknownScope {
    fn explain(&self) -> Problem {
        Problem::naming("problem-unknown-scope", &self.0, self.to_string())
    }
}

impl Scope {
    pub const ALL: [Scope; 13] = [
        Scope::CampaignsRead,
        Scope::CampaignsWrite,
        Scope::ProgramRead,
        Scope::ProgramWrite,
        Scope::LinksRead,
        Scope::LinksWrite,
        Scope::LinksRepoint,
        Scope::SupportersRead,
        Scope::SupportersWrite,
        Scope::GiftsRead,
        Scope::GiftsWrite,
        Scope::ReportsRead,
        Scope::WebhooksManage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::CampaignsRead => "campaigns:read",
            Scope::CampaignsWrite => "campaigns:write",
            Scope::ProgramRead => "program:read",
            Scope::ProgramWrite => "program:write",
            Scope::LinksRead => "links:read",
            Scope::LinksWrite => "links:write",
            Scope::LinksRepoint => "links:repoint",
            Scope::SupportersRead => "supporters:read",
            Scope::SupportersWrite => "supporters:write",
            Scope::GiftsRead => "gifts:read",
            Scope::GiftsWrite => "gifts:write",
            Scope::ReportsRead => "reports:read",
            Scope::WebhooksManage => "webhooks:manage",
        }
    }

    pub fn parse(text: &str) -> Result<Self, UnknownScope> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| UnknownScope(text.chars().take(40).collect()))
    }

    /// The permission a member needs to do what this scope allows: a token never does more
    /// than the member who holds it may.
    pub fn permission(self) -> Permission {
        match self {
            Scope::CampaignsRead | Scope::ProgramRead | Scope::LinksRead | Scope::ReportsRead => {
                Permission::View
            }
            Scope::CampaignsWrite => Permission::EditCampaigns,
            // Making codes for a tour's stops is the ambassador team's work, as on the pages.
            Scope::ProgramWrite | Scope::LinksWrite => Permission::EditProgram,
            Scope::LinksRepoint => Permission::Repoint,
            Scope::SupportersRead
            | Scope::SupportersWrite
            | Scope::GiftsRead
            | Scope::GiftsWrite => Permission::Supporters,
            Scope::WebhooksManage => Permission::ManageMembers,
        }
    }

    /// Whether what this scope reads is only aggregates and public texts, never a person's data:
    /// the scopes a public read token may have.
    pub fn is_public(self) -> bool {
        matches!(self, Scope::CampaignsRead | Scope::ReportsRead)
    }
}

/// Scopes as stored and sent: `campaigns:read reports:read` (space-separated, as OAuth writes
/// them), each once, in a fixed order.
pub fn scopes_text(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads scopes separated by spaces or commas.
pub fn parse_scopes(text: &str) -> Result<Vec<Scope>, UnknownScope> {
    let mut scopes = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(Scope::parse)
        .collect::<Result<Vec<_>, _>>()?;
    scopes.sort();
    scopes.dedup();
    Ok(scopes)
}

/// What kind of token: a member's, acting for them within its scopes, or a public read token
/// that sees aggregates only and can be embedded in a partner's site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Member,
    PublicRead,
}

impl TokenKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Member => "member",
            TokenKind::PublicRead => "public_read",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "member" => Some(TokenKind::Member),
            "public_read" | "public-read" | "public" => Some(TokenKind::PublicRead),
            _ => None,
        }
    }
}

/// Why a token cannot be made as asked.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum GrantError {
    #[error("choose at least one scope")]
    NoScope,
    #[error("a {role} cannot give a token the scope {scope}")]
    BeyondRole {
        role: &'static str,
        scope: &'static str,
    },
    #[error("a public read token sees aggregates only; {0} is not one of its scopes (campaigns:read, reports:read)")]
    NotPublic(&'static str),
}

impl Explain for GrantError {
    fn explain(&self) -> Problem {
        let english = self.to_string();
        match self {
            GrantError::NoScope => Problem::new("problem-no-scope", Vec::new(), english),
            GrantError::BeyondRole { scope, .. } => {
                Problem::naming("problem-scope-beyond-role", scope, english)
            }
            GrantError::NotPublic(scope) => {
                Problem::naming("problem-scope-not-public", scope, english)
            }
        }
    }
}

/// Checks that a member with `role` may give a token of `kind` these `scopes`.
pub fn check_grant(role: Role, kind: TokenKind, scopes: &[Scope]) -> Result<(), GrantError> {
    if scopes.is_empty() {
        return Err(GrantError::NoScope);
    }
    for scope in scopes {
        if kind == TokenKind::PublicRead && !scope.is_public() {
            return Err(GrantError::NotPublic(scope.as_str()));
        }
        if !role.allows(scope.permission()) {
            return Err(GrantError::BeyondRole {
                role: role.label(),
                scope: scope.as_str(),
            });
        }
    }
    Ok(())
}

/// How long a new token lasts, in days, when staff do not choose (they may choose "never").
pub const DEFAULT_DAYS: i64 = 90;
/// The lifetimes offered, in days; `None` is a token that does not expire.
pub const LIFETIMES: [Option<i64>; 4] = [Some(30), Some(DEFAULT_DAYS), Some(365), None];

/// A new token as asked for by a form, the API or the command line.
#[derive(Debug, Clone, Default)]
pub struct TokenInput {
    pub name: String,
    /// `member` or `public_read`.
    pub kind: String,
    pub scopes: Vec<String>,
    /// Days until it expires: a number of [`LIFETIMES`], or `never`.
    pub lifetime: String,
}

/// A new token's checked settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRequest {
    pub name: String,
    pub kind: TokenKind,
    pub scopes: Vec<Scope>,
    pub days: Option<i64>,
}

impl TokenInput {
    /// Checks the request of a member with `role`: a name, a kind, scopes the role allows, and
    /// one of the offered lifetimes.
    pub fn validate(&self, role: Role) -> Result<TokenRequest, Invalid> {
        let mut invalid = Invalid::default();
        let name = invalid.check(text::required("Name", &self.name, 80, false));
        let kind = match self.kind.trim() {
            "" => Some(TokenKind::Member),
            given => {
                let kind = TokenKind::parse(given);
                if kind.is_none() {
                    invalid.push(Problem::naming(
                        "problem-token-kind",
                        given,
                        format!("unknown kind of token '{given}'; choose member or public_read"),
                    ));
                }
                kind
            }
        };
        let scopes = invalid.check(parse_scopes(&self.scopes.join(" ")));
        if let (Some(kind), Some(scopes)) = (kind, &scopes) {
            invalid.check(check_grant(role, kind, scopes));
        }
        let days = match self.lifetime.trim() {
            "" => Some(Some(DEFAULT_DAYS)),
            "never" => Some(None),
            given => {
                let days = given
                    .parse::<i64>()
                    .ok()
                    .filter(|d| LIFETIMES.contains(&Some(*d)));
                if days.is_none() {
                    invalid.push(Problem::naming(
                        "problem-token-lifetime",
                        given,
                        format!("a token lasts 30, 90 or 365 days, or never expires; '{given}' is none of these"),
                    ));
                }
                days.map(Some)
            }
        };
        invalid.finish(|| {
            Some(TokenRequest {
                name: name?,
                kind: kind?,
                scopes: scopes?,
                days: days?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_recognizable_and_its_checksum_catches_a_typo() {
        let token = token_from(&[7; RANDOM_CHARS]);
        assert!(token.starts_with("chorus_"), "{token}");
        assert_eq!(token.len(), PREFIX.len() + RANDOM_CHARS + CHECKSUM_CHARS);
        assert!(well_formed(&token));
        let mut typo = token.clone().into_bytes();
        let at = PREFIX.len() + 3;
        typo[at] = if typo[at] == b'a' { b'b' } else { b'a' };
        assert!(!well_formed(&String::from_utf8(typo).expect("ascii")));
        assert!(!well_formed(&token[..token.len() - 1]));
        assert!(!well_formed(&token.replace("chorus_", "chorux_")));
        let other = token_from(&[200; RANDOM_CHARS]);
        assert_ne!(token, other);
        assert!(well_formed(&other));
    }

    #[test]
    fn scopes_read_and_write_back_and_unknown_ones_are_named() {
        let scopes = parse_scopes("reports:read, campaigns:write campaigns:write").expect("scopes");
        assert_eq!(scopes, [Scope::CampaignsWrite, Scope::ReportsRead]);
        assert_eq!(scopes_text(&scopes), "campaigns:write reports:read");
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.as_str()), Ok(scope));
        }
        assert_eq!(
            parse_scopes("campaigns:delete").expect_err("unknown").0,
            "campaigns:delete"
        );
    }

    #[test]
    fn a_token_never_does_more_than_its_member_may() {
        use Scope::*;
        assert_eq!(
            check_grant(
                Role::Viewer,
                TokenKind::Member,
                &[CampaignsRead, ReportsRead]
            ),
            Ok(())
        );
        assert!(matches!(
            check_grant(Role::Viewer, TokenKind::Member, &[CampaignsWrite]),
            Err(GrantError::BeyondRole {
                scope: "campaigns:write",
                ..
            })
        ));
        assert!(check_grant(Role::AmbassadorTeam, TokenKind::Member, &[ProgramWrite]).is_ok());
        assert!(check_grant(Role::AmbassadorTeam, TokenKind::Member, &[LinksRepoint]).is_err());
        assert!(check_grant(Role::CampaignManager, TokenKind::Member, &[WebhooksManage]).is_err());
        assert!(check_grant(Role::Admin, TokenKind::Member, &Scope::ALL).is_ok());
        assert_eq!(
            check_grant(
                Role::Owner,
                TokenKind::PublicRead,
                &[ReportsRead, SupportersRead]
            ),
            Err(GrantError::NotPublic("supporters:read"))
        );
        assert_eq!(
            check_grant(Role::Owner, TokenKind::Member, &[]),
            Err(GrantError::NoScope)
        );
    }

    #[test]
    fn a_request_names_every_problem_at_once() {
        let good = TokenInput {
            name: " CRM sync ".into(),
            scopes: vec!["campaigns:read".into(), "reports:read".into()],
            ..TokenInput::default()
        };
        let request = good.validate(Role::CampaignManager).expect("valid");
        assert_eq!(request.name, "CRM sync");
        assert_eq!(request.kind, TokenKind::Member);
        assert_eq!(request.days, Some(DEFAULT_DAYS));
        let bad = TokenInput {
            name: String::new(),
            kind: "root".into(),
            scopes: vec!["campaigns:delete".into()],
            lifetime: "7".into(),
        };
        let refused = bad.validate(Role::Owner).expect_err("invalid");
        let keys: Vec<&str> = refused.0.iter().map(|p| p.key).collect();
        assert_eq!(
            keys,
            [
                "problem-required",
                "problem-token-kind",
                "problem-unknown-scope",
                "problem-token-lifetime"
            ]
        );
        let beyond = TokenInput {
            name: "x".into(),
            scopes: vec!["links:repoint".into()],
            lifetime: "never".into(),
            ..TokenInput::default()
        };
        assert_eq!(
            beyond.validate(Role::Viewer).expect_err("beyond").0[0].key,
            "problem-scope-beyond-role"
        );
        assert_eq!(beyond.validate(Role::Admin).expect("admin").days, None);
    }
}
