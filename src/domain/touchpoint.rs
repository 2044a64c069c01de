//! Touchpoints: a short code with a purpose (campaign, event, channel) behind a link and a QR code.

use serde::Deserialize;
use thiserror::Error;

use super::entry::Entry;
use super::text;
use super::validation::Invalid;
use super::validation::{Explain, Problem};

/// Letters and digits that cannot be confused when read off a poster or typed from a screen
/// (no 0/O, 1/I/L, U/V).
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTWXYZ";
pub const CODE_LENGTH: usize = 7;

/// A touchpoint's short code, as in `/t/{code}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Code(String);

#[derive(Debug, Error, PartialEq, Eq)]
#[error("'{0}' is not a touchpoint code")]
pub struct NotACode(pub String);

impl Code {
    /// A code drawn from `random` bytes (one character per byte, unbiased by rejection).
    /// Returns None when the bytes run out before the code is complete.
    pub fn from_random(random: &[u8]) -> Option<Self> {
        let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
        let code: String = random
            .iter()
            .filter(|b| **b < limit)
            .take(CODE_LENGTH)
            .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
            .collect();
        (code.len() == CODE_LENGTH).then_some(Self(code))
    }

    /// Accepts a code as typed: case-insensitive, surrounding spaces ignored.
    pub fn parse(input: &str) -> Result<Self, NotACode> {
        let code = input.trim().to_ascii_uppercase();
        if code.len() == CODE_LENGTH && code.bytes().all(|b| ALPHABET.contains(&b)) {
            Ok(Self(code))
        } else {
            Err(NotACode(input.chars().take(20).collect()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    VenueQr,
    StageScreen,
    InstagramPost,
    YouTubeDescription,
    TikTokPost,
    VkPost,
    TelegramPost,
    WeiboPost,
    WhatsAppChannel,
    Newsletter,
    Merchandise,
    Other,
}

#[derive(Debug, Error, PartialEq, Eq)]
#[error("unknown channel '{0}'; choose venue_qr, stage_screen, instagram_post, youtube_description, tiktok_post, vk_post, telegram_post, weibo_post, whatsapp_channel, newsletter, merchandise or other")]
pub struct UnknownChannel(pub String);

impl Explain for UnknownChannel {
    fn explain(&self) -> Problem {
        Problem::naming("problem-unknown-channel", &self.0, self.to_string())
    }
}

impl Channel {
    pub const ALL: [Channel; 12] = [
        Channel::VenueQr,
        Channel::StageScreen,
        Channel::InstagramPost,
        Channel::YouTubeDescription,
        Channel::TikTokPost,
        Channel::VkPost,
        Channel::TelegramPost,
        Channel::WeiboPost,
        Channel::WhatsAppChannel,
        Channel::Newsletter,
        Channel::Merchandise,
        Channel::Other,
    ];

    pub fn parse(input: &str) -> Result<Self, UnknownChannel> {
        let key = input.trim().to_lowercase().replace(['-', ' '], "_");
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == key)
            .ok_or_else(|| UnknownChannel(input.trim().chars().take(30).collect()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::VenueQr => "venue_qr",
            Channel::StageScreen => "stage_screen",
            Channel::InstagramPost => "instagram_post",
            Channel::YouTubeDescription => "youtube_description",
            Channel::TikTokPost => "tiktok_post",
            Channel::VkPost => "vk_post",
            Channel::TelegramPost => "telegram_post",
            Channel::WeiboPost => "weibo_post",
            Channel::WhatsAppChannel => "whatsapp_channel",
            Channel::Newsletter => "newsletter",
            Channel::Merchandise => "merchandise",
            Channel::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::VenueQr => "Venue QR code",
            Channel::StageScreen => "Stage screen",
            Channel::InstagramPost => "Instagram post",
            Channel::YouTubeDescription => "YouTube description",
            Channel::TikTokPost => "TikTok post",
            Channel::VkPost => "VK post",
            Channel::TelegramPost => "Telegram post",
            Channel::WeiboPost => "Weibo post",
            Channel::WhatsAppChannel => "WhatsApp channel",
            Channel::Newsletter => "Newsletter",
            Channel::Merchandise => "Merchandise",
            Channel::Other => "Other",
        }
    }
}

/// A touchpoint as a form or JSON sends it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TouchpointInput {
    pub campaign_id: Entry<i64>,
    pub engagement_id: Entry<i64>,
    pub channel: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TouchpointSettings {
    /// The campaign whose page the code opens (its target, until re-pointed).
    pub campaign_id: i64,
    pub engagement_id: Option<i64>,
    pub channel: Channel,
    pub label: String,
}

impl TouchpointInput {
    pub fn validate(&self) -> Result<TouchpointSettings, Invalid> {
        let mut invalid = Invalid::default();
        let campaign = invalid.check(self.campaign_id.read("Campaign"));
        if campaign == Some(None) {
            invalid.push(Problem::new(
                "problem-code-campaign",
                Vec::new(),
                "Campaign: choose the campaign the code opens.".into(),
            ));
        }
        let engagement = invalid.check(self.engagement_id.read("Engagement"));
        let channel = invalid.check(Channel::parse(&self.channel));
        let label = invalid.check(text::optional("Label", &self.label, 120, false));
        invalid.finish(|| {
            Some(TouchpointSettings {
                campaign_id: campaign??,
                engagement_id: engagement?,
                channel: channel?,
                label: label?.unwrap_or_default(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        let code = Code::from_random(&[0, 1, 2, 3, 4, 5, 6, 7]).expect("enough bytes");
        assert_eq!(code.as_str(), "2345678");
        assert_eq!(Code::parse(" 2345abc "), Ok(Code("2345ABC".into())));
        assert!(Code::parse("2345AB0").is_err(), "0 is not in the alphabet");
        assert!(Code::parse("ABC").is_err());
        assert!(Code::parse("../../x").is_err());
        // Bytes at or above the rejection limit are skipped, never folded (no bias).
        assert!(Code::from_random(&[255; 20]).is_none());
    }

    #[test]
    fn inputs() {
        let ok = TouchpointInput {
            campaign_id: "4".into(),
            channel: "venue_qr".into(),
            ..Default::default()
        };
        assert_eq!(ok.validate().map(|t| t.channel), Ok(Channel::VenueQr));
        let bad = TouchpointInput {
            channel: "billboard".into(),
            ..Default::default()
        };
        assert_eq!(bad.validate().expect_err("invalid").0.len(), 2);
    }
}
