//! The events the test payments provider sends when a donor finishes its checkout page: the
//! ones Stripe sends for the same outcome, in Stripe's JSON shape, so that they go through the
//! same signature check, store and processing as Stripe's own.

use serde_json::{json, Map, Value};

use super::donation::Frequency;
use super::money::Money;

/// A test checkout as the provider page sees it.
#[derive(Debug, Clone)]
pub struct TestCheckout {
    /// `cs_test_chorus_…`; the other objects' ids share its random part.
    pub session_ref: String,
    pub frequency: Frequency,
    /// What the donor is charged (the gift and any fee cover).
    pub total: Money,
    pub metadata: Vec<(&'static str, String)>,
}

/// What the donor chose on the test page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestOutcome {
    /// The test card is accepted.
    Paid,
    /// The test card is declined (the donor may try again, as on Stripe's page).
    Declined,
}

impl TestCheckout {
    fn suffix(&self) -> &str {
        self.session_ref
            .strip_prefix("cs_test_chorus_")
            .unwrap_or(&self.session_ref)
    }

    /// The payment's id, as its events name it.
    fn payment_ref(&self) -> String {
        format!("pi_test_chorus_{}", self.suffix())
    }

    fn subscription_ref(&self) -> String {
        format!("sub_test_chorus_{}", self.suffix())
    }

    fn metadata(&self) -> Value {
        Value::Object(
            self.metadata
                .iter()
                .map(|(k, v)| ((*k).to_owned(), Value::String(v.clone())))
                .collect::<Map<String, Value>>(),
        )
    }

    /// The event payloads for `outcome`, in the order Stripe sends them; `event_ids` names
    /// each (`evt_…`), `created` is the Unix time.
    pub fn events(
        &self,
        outcome: TestOutcome,
        created: i64,
        mut event_id: impl FnMut() -> String,
    ) -> Vec<String> {
        let currency = self.total.currency.code().to_ascii_lowercase();
        let amount = self.total.minor;
        let mut event = |event_type: &str, object: Value| {
            json!({
                "id": event_id(),
                "object": "event",
                "api_version": "2024-06-20",
                "created": created,
                "livemode": false,
                "type": event_type,
                "data": { "object": object },
            })
            .to_string()
        };
        let payment = self.payment_ref();
        if outcome == TestOutcome::Declined {
            return vec![event(
                "payment_intent.payment_failed",
                json!({
                    "id": payment, "object": "payment_intent", "amount": amount,
                    "amount_received": 0, "currency": currency,
                    "status": "requires_payment_method",
                    "last_payment_error": { "code": "card_declined", "decline_code": "generic_decline" },
                    "metadata": self.metadata(),
                }),
            )];
        }
        match self.frequency {
            Frequency::Once => vec![
                event(
                    "checkout.session.completed",
                    json!({
                        "id": self.session_ref, "object": "checkout.session", "mode": "payment",
                        "status": "complete", "payment_status": "paid", "amount_total": amount,
                        "currency": currency, "payment_intent": payment, "subscription": null,
                        "customer": null, "metadata": self.metadata(),
                    }),
                ),
                event(
                    "payment_intent.succeeded",
                    json!({
                        "id": payment, "object": "payment_intent", "amount": amount,
                        "amount_received": amount, "currency": currency, "status": "succeeded",
                        "latest_charge": format!("ch_test_chorus_{}", self.suffix()),
                        "metadata": self.metadata(),
                    }),
                ),
            ],
            Frequency::Monthly => {
                let subscription = self.subscription_ref();
                let customer = format!("cus_test_chorus_{}", self.suffix());
                vec![
                    event(
                        "checkout.session.completed",
                        json!({
                            "id": self.session_ref, "object": "checkout.session",
                            "mode": "subscription", "status": "complete",
                            "payment_status": "paid", "amount_total": amount,
                            "currency": currency, "payment_intent": null,
                            "subscription": subscription, "customer": customer,
                            "metadata": self.metadata(),
                        }),
                    ),
                    event(
                        "invoice.paid",
                        json!({
                            "id": format!("in_test_chorus_{}", self.suffix()), "object": "invoice",
                            "status": "paid", "billing_reason": "subscription_create",
                            "amount_paid": amount, "currency": currency, "customer": customer,
                            "parent": { "type": "subscription_details",
                                "subscription_details": { "subscription": subscription,
                                    "metadata": self.metadata() } },
                        }),
                    ),
                ]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;
    use crate::domain::stripe_event::{self, CheckoutMode, StripeEvent};

    fn checkout(frequency: Frequency) -> TestCheckout {
        TestCheckout {
            session_ref: "cs_test_chorus_abc".into(),
            frequency,
            total: Money {
                minor: 1500,
                currency: Currency::parse("JPY").expect("JPY"),
            },
            metadata: vec![
                ("campaign", "safe-passage".into()),
                ("touchpoint", "QX".into()),
            ],
        }
    }

    fn parsed(payloads: &[String]) -> Vec<StripeEvent> {
        payloads
            .iter()
            .map(|p| stripe_event::parse(p).expect("reads as Stripe's").event)
            .collect()
    }

    #[test]
    fn the_test_events_read_as_stripes() {
        let mut n = 0;
        let mut ids = || {
            n += 1;
            format!("evt_{n}")
        };
        let once = parsed(&checkout(Frequency::Once).events(TestOutcome::Paid, 1, &mut ids));
        assert!(matches!(
            &once[0],
            StripeEvent::CheckoutCompleted { mode: CheckoutMode::Payment, paid: true, amount: Some(a), payment_intent: Some(pi), attribution, .. }
                if a.minor == 1500 && pi == "pi_test_chorus_abc" && attribution.touchpoint.as_deref() == Some("QX")
        ));
        assert!(
            matches!(&once[1], StripeEvent::PaymentSucceeded { payment_intent, .. } if payment_intent == "pi_test_chorus_abc")
        );
        let monthly = parsed(&checkout(Frequency::Monthly).events(TestOutcome::Paid, 1, &mut ids));
        assert!(matches!(
            &monthly[1],
            StripeEvent::InvoicePaid { subscription: Some(s), amount, .. } if s == "sub_test_chorus_abc" && amount.minor == 1500
        ));
        let declined =
            parsed(&checkout(Frequency::Once).events(TestOutcome::Declined, 1, &mut ids));
        assert_eq!(
            declined,
            vec![StripeEvent::PaymentFailed {
                payment_intent: "pi_test_chorus_abc".into()
            }]
        );
    }
}
