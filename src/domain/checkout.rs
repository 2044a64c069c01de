//! The Checkout Session Chorus asks Stripe to create for a gift, as the form fields of Stripe's
//! `POST /v1/checkout/sessions`: one line with an inline price (monthly for a monthly gift),
//! and the campaign, touchpoint and engagement in the metadata of the session and of the
//! payment or subscription it creates, so that every later event carries the attribution.

use super::donation::{Frequency, GiftRequest};
use super::language::Language;

/// Where the gift comes from, put in the metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GiftSource {
    pub campaign_slug: String,
    pub touchpoint: Option<String>,
    pub engagement: Option<i64>,
}

/// Everything a session needs.
#[derive(Debug, Clone)]
pub struct CheckoutRequest {
    pub gift: GiftRequest,
    pub source: GiftSource,
    /// What the donor sees on Stripe's page as the line's name.
    pub description: String,
    pub language: Language,
    /// Stripe replaces `{CHECKOUT_SESSION_ID}` in it with the session's id.
    pub success_url: String,
    pub cancel_url: String,
}

impl CheckoutRequest {
    /// Stripe's mode for the gift.
    pub fn mode(&self) -> &'static str {
        match self.gift.frequency {
            Frequency::Once => "payment",
            Frequency::Monthly => "subscription",
        }
    }

    /// The metadata every object of this gift carries.
    pub fn metadata(&self) -> Vec<(&'static str, String)> {
        let mut metadata = vec![("campaign", self.source.campaign_slug.clone())];
        if let Some(tp) = &self.source.touchpoint {
            metadata.push(("touchpoint", tp.clone()));
        }
        if let Some(engagement) = self.source.engagement {
            metadata.push(("engagement", engagement.to_string()));
        }
        metadata.push(("gift_minor", self.gift.gift.minor.to_string()));
        metadata.push(("fee_cover_minor", self.gift.fee_cover_minor.to_string()));
        metadata
    }

    /// The request's form fields, in Stripe's bracket notation.
    pub fn form_fields(&self) -> Vec<(String, String)> {
        let total = self.gift.total();
        let mut fields: Vec<(String, String)> = vec![
            ("mode".into(), self.mode().into()),
            ("success_url".into(), self.success_url.clone()),
            ("cancel_url".into(), self.cancel_url.clone()),
            ("locale".into(), self.language.code().into()),
            ("line_items[0][quantity]".into(), "1".into()),
            (
                "line_items[0][price_data][currency]".into(),
                total.currency.code().to_ascii_lowercase(),
            ),
            (
                "line_items[0][price_data][unit_amount]".into(),
                total.minor.to_string(),
            ),
            (
                "line_items[0][price_data][product_data][name]".into(),
                self.description.clone(),
            ),
        ];
        let carrier = match self.gift.frequency {
            Frequency::Once => {
                fields.push(("submit_type".into(), "donate".into()));
                "payment_intent_data"
            }
            Frequency::Monthly => {
                fields.push((
                    "line_items[0][price_data][recurring][interval]".into(),
                    "month".into(),
                ));
                "subscription_data"
            }
        };
        for (key, value) in self.metadata() {
            fields.push((format!("metadata[{key}]"), value.clone()));
            fields.push((format!("{carrier}[metadata][{key}]"), value));
        }
        fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::{Currency, Money};

    fn request(frequency: Frequency) -> CheckoutRequest {
        CheckoutRequest {
            gift: GiftRequest {
                gift: Money {
                    minor: 2500,
                    currency: Currency::parse("EUR").expect("EUR"),
                },
                fee_cover_minor: 78,
                frequency,
            },
            source: GiftSource {
                campaign_slug: "safe-passage".into(),
                touchpoint: Some("QA1B2C3".into()),
                engagement: Some(7),
            },
            description: "Gift to Safe Passage".into(),
            language: Language::Fr,
            success_url: "https://x.org/a/b/gift?session_id={CHECKOUT_SESSION_ID}".into(),
            cancel_url: "https://x.org/a/b".into(),
        }
    }

    fn field<'a>(fields: &'a [(String, String)], key: &str) -> Option<&'a str> {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn a_one_off_gift_is_a_payment_with_its_source_everywhere() {
        let fields = request(Frequency::Once).form_fields();
        assert_eq!(field(&fields, "mode"), Some("payment"));
        assert_eq!(field(&fields, "submit_type"), Some("donate"));
        assert_eq!(
            field(&fields, "line_items[0][price_data][unit_amount]"),
            Some("2578")
        );
        assert_eq!(
            field(&fields, "line_items[0][price_data][currency]"),
            Some("eur")
        );
        assert_eq!(field(&fields, "metadata[touchpoint]"), Some("QA1B2C3"));
        assert_eq!(
            field(&fields, "payment_intent_data[metadata][engagement]"),
            Some("7")
        );
        assert_eq!(field(&fields, "locale"), Some("fr"));
        assert!(field(&fields, "line_items[0][price_data][recurring][interval]").is_none());
    }

    #[test]
    fn a_monthly_gift_is_a_subscription() {
        let fields = request(Frequency::Monthly).form_fields();
        assert_eq!(field(&fields, "mode"), Some("subscription"));
        assert_eq!(
            field(&fields, "line_items[0][price_data][recurring][interval]"),
            Some("month")
        );
        assert_eq!(
            field(&fields, "subscription_data[metadata][campaign]"),
            Some("safe-passage")
        );
        assert!(field(&fields, "submit_type").is_none());
        assert!(field(&fields, "payment_intent_data[metadata][campaign]").is_none());
    }
}
