//! Stripe's webhook events, read into what Chorus does with them. Only the fields the ledger
//! needs are read; each is named in the error when it is missing or malformed. Amounts become
//! [`Money`] in the currency's minor units, as Stripe sends them (integers, no floating point).
//! Expandable references (`"payment_intent": "pi_…"` or the object itself) are both accepted.

use serde_json::Value;
use thiserror::Error;

use super::money::{Currency, Money};

/// Where a gift came from, as Chorus put it in the Checkout Session's metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    pub campaign: Option<String>,
    pub touchpoint: Option<String>,
    pub engagement: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckoutMode {
    /// A one-off gift.
    Payment,
    /// Monthly giving.
    Subscription,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StripeEvent {
    /// `checkout.session.completed`: the donor finished Checkout; `paid` is false while a
    /// delayed method (a bank debit) has not settled yet.
    CheckoutCompleted {
        session: String,
        mode: CheckoutMode,
        paid: bool,
        amount: Option<Money>,
        payment_intent: Option<String>,
        subscription: Option<String>,
        customer: Option<String>,
        attribution: Attribution,
    },
    /// `checkout.session.async_payment_succeeded`: a delayed payment settled.
    CheckoutSettled {
        session: String,
        payment_intent: Option<String>,
    },
    /// `checkout.session.async_payment_failed`.
    CheckoutFailed { session: String },
    /// `payment_intent.succeeded`.
    PaymentSucceeded {
        payment_intent: String,
        amount: Money,
        attribution: Attribution,
    },
    /// `payment_intent.payment_failed`.
    PaymentFailed { payment_intent: String },
    /// `charge.refunded`: `refunded` is the total refunded so far (Stripe's cumulative
    /// `amount_refunded`), so applying it twice or out of order gives the same state.
    Refunded {
        charge: String,
        payment_intent: Option<String>,
        refunded: Money,
    },
    /// `charge.dispute.created`.
    DisputeOpened {
        dispute: String,
        charge: String,
        payment_intent: Option<String>,
        amount: Money,
    },
    /// `charge.dispute.closed`: `won` keeps the money, otherwise it is lost.
    DisputeClosed {
        dispute: String,
        charge: String,
        payment_intent: Option<String>,
        amount: Money,
        won: bool,
    },
    /// `invoice.paid`: one month of a monthly gift.
    InvoicePaid {
        invoice: String,
        subscription: Option<String>,
        customer: Option<String>,
        amount: Money,
    },
    /// `invoice.payment_failed`.
    InvoiceFailed {
        invoice: String,
        subscription: Option<String>,
    },
    /// `customer.subscription.deleted`: a monthly gift ended.
    SubscriptionEnded { subscription: String },
    /// Any other type: kept, nothing to do.
    Ignored,
}

/// An event: its id (process each once), type, creation time, and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedEvent {
    pub id: String,
    pub event_type: String,
    pub created: Option<i64>,
    /// When the payment the event is about was made (Unix seconds), as Stripe states it: an
    /// invoice's `status_transitions.paid_at`, a payment intent's `created`, else the event's
    /// own `created` (a Checkout Session's `created` is when the donor began, not paid). Never
    /// the time of delivery, so a late or repeated delivery places the gift on the same day.
    pub paid_at: Option<i64>,
    pub event: StripeEvent,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EventError {
    #[error("the body is not JSON: {0}")]
    NotJson(String),
    #[error("the event has no valid '{0}'")]
    Missing(&'static str),
    #[error("'{field}': unknown currency '{code}'")]
    UnknownCurrency { field: &'static str, code: String },
}

/// Reads a Stripe event delivery.
pub fn parse(payload: &str) -> Result<ParsedEvent, EventError> {
    let root: Value =
        serde_json::from_str(payload).map_err(|e| EventError::NotJson(e.to_string()))?;
    let id = text(&root, "id").ok_or(EventError::Missing("id"))?;
    let event_type = text(&root, "type").ok_or(EventError::Missing("type"))?;
    let created = root.get("created").and_then(Value::as_i64);
    let object = root
        .get("data")
        .and_then(|d| d.get("object"))
        .filter(|o| o.is_object());
    let event = match object {
        Some(object) => read_object(&event_type, object)?,
        None if is_handled(&event_type) => return Err(EventError::Missing("data.object")),
        None => StripeEvent::Ignored,
    };
    let paid_at = object
        .and_then(|o| payment_time(&event_type, o))
        .or(created);
    Ok(ParsedEvent {
        id,
        event_type,
        created,
        paid_at,
        event,
    })
}

/// The payment's own time in the object of an event that reports one.
fn payment_time(event_type: &str, o: &Value) -> Option<i64> {
    match event_type {
        "invoice.paid" => o
            .get("status_transitions")
            .and_then(|t| t.get("paid_at"))
            .and_then(Value::as_i64)
            .or_else(|| o.get("created").and_then(Value::as_i64)),
        "payment_intent.succeeded" => o.get("created").and_then(Value::as_i64),
        _ => None,
    }
}

const HANDLED: &[&str] = &[
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "charge.refunded",
    "charge.dispute.created",
    "charge.dispute.closed",
    "invoice.paid",
    "invoice.payment_failed",
    "customer.subscription.deleted",
];

fn is_handled(event_type: &str) -> bool {
    HANDLED.contains(&event_type)
}

fn read_object(event_type: &str, o: &Value) -> Result<StripeEvent, EventError> {
    let id = || text(o, "id").ok_or(EventError::Missing("data.object.id"));
    Ok(match event_type {
        "checkout.session.completed" => StripeEvent::CheckoutCompleted {
            session: id()?,
            mode: match o.get("mode").and_then(Value::as_str) {
                Some("payment") => CheckoutMode::Payment,
                Some("subscription") => CheckoutMode::Subscription,
                _ => return Err(EventError::Missing("data.object.mode")),
            },
            paid: o.get("payment_status").and_then(Value::as_str) == Some("paid"),
            amount: optional_money(o, "amount_total")?,
            payment_intent: reference(o, "payment_intent"),
            subscription: reference(o, "subscription"),
            customer: reference(o, "customer"),
            attribution: attribution(o),
        },
        "checkout.session.async_payment_succeeded" => StripeEvent::CheckoutSettled {
            session: id()?,
            payment_intent: reference(o, "payment_intent"),
        },
        "checkout.session.async_payment_failed" => StripeEvent::CheckoutFailed { session: id()? },
        "payment_intent.succeeded" => StripeEvent::PaymentSucceeded {
            payment_intent: id()?,
            amount: money(o, "amount_received")?,
            attribution: attribution(o),
        },
        "payment_intent.payment_failed" => StripeEvent::PaymentFailed {
            payment_intent: id()?,
        },
        "charge.refunded" => StripeEvent::Refunded {
            charge: id()?,
            payment_intent: reference(o, "payment_intent"),
            refunded: money(o, "amount_refunded")?,
        },
        "charge.dispute.created" | "charge.dispute.closed" => {
            let dispute = id()?;
            let charge = reference(o, "charge").ok_or(EventError::Missing("data.object.charge"))?;
            let payment_intent = reference(o, "payment_intent");
            let amount = money(o, "amount")?;
            if event_type == "charge.dispute.created" {
                StripeEvent::DisputeOpened {
                    dispute,
                    charge,
                    payment_intent,
                    amount,
                }
            } else {
                StripeEvent::DisputeClosed {
                    dispute,
                    charge,
                    payment_intent,
                    amount,
                    won: o.get("status").and_then(Value::as_str) == Some("won"),
                }
            }
        }
        "invoice.paid" => StripeEvent::InvoicePaid {
            invoice: id()?,
            subscription: invoice_subscription(o),
            customer: reference(o, "customer"),
            amount: money(o, "amount_paid")?,
        },
        "invoice.payment_failed" => StripeEvent::InvoiceFailed {
            invoice: id()?,
            subscription: invoice_subscription(o),
        },
        "customer.subscription.deleted" => StripeEvent::SubscriptionEnded {
            subscription: id()?,
        },
        _ => StripeEvent::Ignored,
    })
}

fn text(value: &Value, field: &str) -> Option<String> {
    value
        .get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// An expandable reference: the id string, or the expanded object's `id`.
fn reference(o: &Value, field: &str) -> Option<String> {
    match o.get(field)? {
        Value::String(id) if !id.is_empty() => Some(id.clone()),
        object @ Value::Object(_) => text(object, "id"),
        _ => None,
    }
}

/// Older API versions name the subscription on the invoice; newer ones under `parent`.
fn invoice_subscription(o: &Value) -> Option<String> {
    reference(o, "subscription").or_else(|| {
        o.get("parent")
            .and_then(|p| p.get("subscription_details"))
            .and_then(|d| reference(d, "subscription"))
    })
}

fn currency(o: &Value) -> Result<Currency, EventError> {
    let code = o
        .get("currency")
        .and_then(Value::as_str)
        .ok_or(EventError::Missing("data.object.currency"))?;
    Currency::parse(code).map_err(|_| EventError::UnknownCurrency {
        field: "data.object.currency",
        code: code.chars().take(10).collect(),
    })
}

fn money(o: &Value, field: &'static str) -> Result<Money, EventError> {
    optional_money(o, field)?.ok_or(EventError::Missing(field))
}

fn optional_money(o: &Value, field: &'static str) -> Result<Option<Money>, EventError> {
    match o.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => {
            let minor = value
                .as_i64()
                .filter(|m| *m >= 0)
                .ok_or(EventError::Missing(field))?;
            Ok(Some(Money {
                minor,
                currency: currency(o)?,
            }))
        }
    }
}

fn attribution(o: &Value) -> Attribution {
    let metadata = o.get("metadata");
    let field = |name: &str| metadata.and_then(|m| text(m, name));
    Attribution {
        campaign: field("campaign"),
        touchpoint: field("touchpoint"),
        engagement: field("engagement").and_then(|e| e.parse().ok()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn event(event_type: &str, object: Value) -> String {
        json!({
            "id": "evt_1", "object": "event", "type": event_type, "created": 1_764_000_000,
            "livemode": false, "data": { "object": object }
        })
        .to_string()
    }

    fn money_of(minor: i64, code: &str) -> Money {
        Money {
            minor,
            currency: Currency::parse(code).expect("currency"),
        }
    }

    #[test]
    fn stripes_reference_event_is_read() {
        // ../shared/stripe/vector-body.json: no `created`, one-off, paid.
        let body = r#"{"id":"evt_test_1","object":"event","type":"checkout.session.completed","data":{"object":{"id":"cs_test_1","object":"checkout.session","amount_total":2500,"currency":"eur","payment_status":"paid","metadata":{"campaign":"safe-migration"}}}}"#;
        assert_eq!(parse(body), Err(EventError::Missing("data.object.mode")));
        let with_mode = body.replace(
            r#""payment_status""#,
            r#""mode":"payment","payment_status""#,
        );
        let parsed = parse(&with_mode).expect("parses");
        assert_eq!(parsed.id, "evt_test_1");
        assert_eq!(parsed.created, None);
        assert_eq!(
            parsed.event,
            StripeEvent::CheckoutCompleted {
                session: "cs_test_1".into(),
                mode: CheckoutMode::Payment,
                paid: true,
                amount: Some(money_of(2500, "EUR")),
                payment_intent: None,
                subscription: None,
                customer: None,
                attribution: Attribution {
                    campaign: Some("safe-migration".into()),
                    ..Default::default()
                },
            }
        );
    }

    #[test]
    fn each_handled_type_in_stripes_shape() {
        let cases = [
            (
                event(
                    "checkout.session.completed",
                    json!({ "id": "cs_1", "object": "checkout.session", "mode": "subscription",
                        "payment_status": "paid", "amount_total": 1500, "currency": "usd",
                        "payment_intent": null, "subscription": "sub_1", "customer": "cus_1",
                        "metadata": { "campaign": "open-roads", "touchpoint": "DEMQ222", "engagement": "7" } }),
                ),
                StripeEvent::CheckoutCompleted {
                    session: "cs_1".into(),
                    mode: CheckoutMode::Subscription,
                    paid: true,
                    amount: Some(money_of(1500, "USD")),
                    payment_intent: None,
                    subscription: Some("sub_1".into()),
                    customer: Some("cus_1".into()),
                    attribution: Attribution {
                        campaign: Some("open-roads".into()),
                        touchpoint: Some("DEMQ222".into()),
                        engagement: Some(7),
                    },
                },
            ),
            (
                event(
                    "checkout.session.async_payment_succeeded",
                    json!({ "id": "cs_2", "payment_intent": { "id": "pi_2", "object": "payment_intent" } }),
                ),
                StripeEvent::CheckoutSettled {
                    session: "cs_2".into(),
                    payment_intent: Some("pi_2".into()),
                },
            ),
            (
                event(
                    "checkout.session.async_payment_failed",
                    json!({ "id": "cs_3" }),
                ),
                StripeEvent::CheckoutFailed {
                    session: "cs_3".into(),
                },
            ),
            (
                event(
                    "payment_intent.succeeded",
                    json!({ "id": "pi_4", "amount": 5000, "amount_received": 5000, "currency": "jpy", "metadata": {} }),
                ),
                StripeEvent::PaymentSucceeded {
                    payment_intent: "pi_4".into(),
                    amount: money_of(5000, "JPY"),
                    attribution: Attribution::default(),
                },
            ),
            (
                event("payment_intent.payment_failed", json!({ "id": "pi_5" })),
                StripeEvent::PaymentFailed {
                    payment_intent: "pi_5".into(),
                },
            ),
            (
                event(
                    "charge.refunded",
                    json!({ "id": "ch_6", "amount": 10000, "amount_refunded": 2500, "currency": "kwd", "payment_intent": "pi_6", "refunded": false }),
                ),
                StripeEvent::Refunded {
                    charge: "ch_6".into(),
                    payment_intent: Some("pi_6".into()),
                    refunded: money_of(2500, "KWD"),
                },
            ),
            (
                event(
                    "charge.dispute.created",
                    json!({ "id": "dp_7", "charge": "ch_7", "payment_intent": null, "amount": 1000, "currency": "usd", "status": "warning_needs_response" }),
                ),
                StripeEvent::DisputeOpened {
                    dispute: "dp_7".into(),
                    charge: "ch_7".into(),
                    payment_intent: None,
                    amount: money_of(1000, "USD"),
                },
            ),
            (
                event(
                    "charge.dispute.closed",
                    json!({ "id": "dp_7", "charge": { "id": "ch_7" }, "amount": 1000, "currency": "usd", "status": "lost" }),
                ),
                StripeEvent::DisputeClosed {
                    dispute: "dp_7".into(),
                    charge: "ch_7".into(),
                    payment_intent: None,
                    amount: money_of(1000, "USD"),
                    won: false,
                },
            ),
            (
                event(
                    "invoice.paid",
                    json!({ "id": "in_8", "amount_paid": 1500, "currency": "usd", "customer": "cus_1",
                        "subscription": null,
                        "parent": { "type": "subscription_details", "subscription_details": { "subscription": "sub_1" } } }),
                ),
                StripeEvent::InvoicePaid {
                    invoice: "in_8".into(),
                    subscription: Some("sub_1".into()),
                    customer: Some("cus_1".into()),
                    amount: money_of(1500, "USD"),
                },
            ),
            (
                event(
                    "invoice.payment_failed",
                    json!({ "id": "in_9", "subscription": "sub_1", "amount_paid": 0, "currency": "usd" }),
                ),
                StripeEvent::InvoiceFailed {
                    invoice: "in_9".into(),
                    subscription: Some("sub_1".into()),
                },
            ),
            (
                event(
                    "customer.subscription.deleted",
                    json!({ "id": "sub_1", "status": "canceled" }),
                ),
                StripeEvent::SubscriptionEnded {
                    subscription: "sub_1".into(),
                },
            ),
            (
                event("plan.created", json!({ "id": "price_1", "object": "plan" })),
                StripeEvent::Ignored,
            ),
        ];
        for (body, expected) in cases {
            let parsed = parse(&body).expect("parses");
            assert_eq!(parsed.created, Some(1_764_000_000));
            assert_eq!(parsed.event, expected, "{body}");
        }
    }

    #[test]
    fn a_payment_is_placed_at_the_time_stripe_says_it_was_paid() {
        let paid_at = |event_type: &str, object: Value| {
            parse(&event(event_type, object)).expect("parses").paid_at
        };
        // The invoice says when it was paid; the payment intent when it was made.
        assert_eq!(
            paid_at(
                "invoice.paid",
                json!({ "id": "in_1", "amount_paid": 1500, "currency": "usd", "created": 1_763_000_000,
                    "status_transitions": { "paid_at": 1_763_500_000 } })
            ),
            Some(1_763_500_000)
        );
        assert_eq!(
            paid_at(
                "invoice.paid",
                json!({ "id": "in_1", "amount_paid": 1500, "currency": "usd", "created": 1_763_000_000 })
            ),
            Some(1_763_000_000)
        );
        assert_eq!(
            paid_at(
                "payment_intent.succeeded",
                json!({ "id": "pi_1", "amount_received": 100, "currency": "eur", "created": 1_762_000_000 })
            ),
            Some(1_762_000_000)
        );
        // A Checkout Session's own `created` is when the donor began: the event's time instead.
        assert_eq!(
            paid_at(
                "checkout.session.completed",
                json!({ "id": "cs_1", "mode": "payment", "payment_status": "paid", "created": 1_700_000_000,
                    "amount_total": 100, "currency": "eur" })
            ),
            Some(1_764_000_000)
        );
    }

    #[test]
    fn malformed_events_name_the_field() {
        assert!(matches!(parse("{"), Err(EventError::NotJson(_))));
        assert_eq!(parse("{}"), Err(EventError::Missing("id")));
        assert_eq!(parse(r#"{"id":"evt_1"}"#), Err(EventError::Missing("type")));
        assert_eq!(
            parse(r#"{"id":"evt_1","type":"charge.refunded"}"#),
            Err(EventError::Missing("data.object"))
        );
        let cases = [
            (
                event(
                    "charge.refunded",
                    json!({ "id": "ch_1", "currency": "usd" }),
                ),
                EventError::Missing("amount_refunded"),
            ),
            (
                event(
                    "charge.refunded",
                    json!({ "id": "ch_1", "amount_refunded": -5, "currency": "usd" }),
                ),
                EventError::Missing("amount_refunded"),
            ),
            (
                event(
                    "charge.refunded",
                    json!({ "id": "ch_1", "amount_refunded": 5, "currency": "xyz" }),
                ),
                EventError::UnknownCurrency {
                    field: "data.object.currency",
                    code: "xyz".into(),
                },
            ),
            (
                event(
                    "invoice.paid",
                    json!({ "amount_paid": 5, "currency": "usd" }),
                ),
                EventError::Missing("data.object.id"),
            ),
            (
                event(
                    "charge.dispute.created",
                    json!({ "id": "dp_1", "amount": 5, "currency": "usd" }),
                ),
                EventError::Missing("data.object.charge"),
            ),
        ];
        for (body, error) in cases {
            assert_eq!(parse(&body), Err(error), "{body}");
        }
        // An unhandled type needs no object.
        let other = parse(r#"{"id":"evt_1","type":"plan.created"}"#).expect("kept");
        assert_eq!(other.event, StripeEvent::Ignored);
    }
}
