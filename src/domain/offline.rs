//! Money that does not pass through a payment provider: gifts received offline (cash at a venue,
//! a bank transfer, a matched gift) as staff enter them or import them from a spreadsheet, and
//! money promised but not received yet: commitments announced on stage and ticket levies a venue
//! pays at settlement. Promised money is kept apart from received money everywhere; it becomes
//! received only as a gift.

use std::collections::HashSet;

use jiff::civil::Date;
use thiserror::Error;

use super::money::{Currency, Money, MoneyError};
use super::spreadsheet::{read_csv, row_problem, RowProblem};

/// The largest amount recorded by hand, in minor units (a matched gift can exceed what one card
/// payment may be, but a typo of many zeros should not pass).
pub const MAX_RECORDED_MINOR: i64 = 10_000_000_000_000;
/// Longest reference, party and note.
pub const REFERENCE_MAX: usize = 80;
pub const PARTY_MAX: usize = 120;
pub const NOTE_MAX: usize = 500;

/// How an offline gift arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Cash,
    BankTransfer,
    Matched,
    Other,
}

impl Method {
    pub const ALL: [Method; 4] = [
        Method::Cash,
        Method::BankTransfer,
        Method::Matched,
        Method::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Cash => "cash",
            Method::BankTransfer => "bank_transfer",
            Method::Matched => "matched",
            Method::Other => "other",
        }
    }

    /// Blank is `other`.
    pub fn parse(input: &str) -> Result<Self, String> {
        match input.trim() {
            "" | "other" => Ok(Method::Other),
            "cash" => Ok(Method::Cash),
            "bank_transfer" | "bank transfer" | "transfer" => Ok(Method::BankTransfer),
            "matched" | "matched gift" => Ok(Method::Matched),
            other => Err(format!(
                "'{}' is not a method; use cash, bank_transfer, matched or other",
                shown(other)
            )),
        }
    }
}

/// One problem with one field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {message}")]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

fn shown(value: &str) -> String {
    value.trim().chars().take(40).collect()
}

/// Collects the problems of a form, field by field.
#[derive(Default)]
struct Problems(Vec<FieldProblem>);

impl Problems {
    fn check<T>(&mut self, field: &'static str, result: Result<T, String>) -> Option<T> {
        result
            .map_err(|message| self.0.push(FieldProblem { field, message }))
            .ok()
    }
}

fn amount(text: &str, currency: Option<Currency>) -> Result<Money, String> {
    let Some(currency) = currency else {
        return Err("needs a valid currency".into());
    };
    let money = Money::parse_positive(text, currency).map_err(|e| match e {
        MoneyError::NotPositive => "must be more than zero".to_owned(),
        other => other.to_string(),
    })?;
    if money.minor > MAX_RECORDED_MINOR {
        return Err(format!(
            "at most {}",
            Money {
                minor: MAX_RECORDED_MINOR,
                currency
            }
            .display()
        ));
    }
    Ok(money)
}

fn currency(text: &str) -> Result<Currency, String> {
    Currency::parse(text).map_err(|e| e.to_string())
}

fn day(text: &str, today: Date, past_only: bool) -> Result<Date, String> {
    let day: Date = text
        .trim()
        .parse()
        .map_err(|_| format!("'{}' is not a date (write it as YYYY-MM-DD)", shown(text)))?;
    if past_only && day > today {
        return Err(format!("{day} is in the future"));
    }
    Ok(day)
}

fn optional_day(text: &str, today: Date) -> Result<Option<Date>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    day(text, today, false).map(Some)
}

fn text(value: &str, max: usize, required: bool) -> Result<String, String> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err("required".into());
    }
    if value.chars().count() > max {
        return Err(format!("at most {max} characters"));
    }
    if value.chars().any(|c| c.is_control() && c != '\n') {
        return Err("no control characters".into());
    }
    Ok(value.to_owned())
}

fn optional_id(value: &str) -> Result<Option<i64>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(Some)
        .ok_or_else(|| format!("'{}' is not an engagement number", shown(value)))
}

fn optional_code(value: &str) -> Result<Option<String>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.len() > 32 || !value.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("'{}' is not a touchpoint code", shown(value)));
    }
    Ok(Some(value.to_owned()))
}

/// An offline gift, checked. The campaign is named by its slug (the caller knows which exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfflineGift {
    /// Unique per organization: entering or importing the same reference again replaces it.
    pub reference: String,
    pub campaign: String,
    pub engagement: Option<i64>,
    pub touchpoint: Option<String>,
    pub method: Method,
    pub amount: Money,
    pub received_on: Date,
    pub note: String,
}

/// An offline gift as typed into the staff form or read from a row.
#[derive(Debug, Clone, Default)]
pub struct OfflineGiftInput<'a> {
    pub reference: &'a str,
    pub campaign: &'a str,
    pub engagement: &'a str,
    pub touchpoint: &'a str,
    pub method: &'a str,
    pub amount: &'a str,
    pub currency: &'a str,
    pub received_on: &'a str,
    pub note: &'a str,
}

impl OfflineGiftInput<'_> {
    /// Checks every field (`today` bounds the day received); each problem names its field.
    pub fn check(&self, today: Date) -> Result<OfflineGift, Vec<FieldProblem>> {
        let mut p = Problems::default();
        let reference = p.check("reference", text(self.reference, REFERENCE_MAX, true));
        let campaign = p.check("campaign", text(self.campaign, 60, true));
        let engagement = p.check("engagement", optional_id(self.engagement));
        let touchpoint = p.check("touchpoint", optional_code(self.touchpoint));
        let method = p.check("method", Method::parse(self.method));
        let currency = p.check("currency", currency(self.currency));
        let amount = p.check("amount", amount(self.amount, currency));
        let received_on = p.check("received_on", day(self.received_on, today, true));
        let note = p.check("note", text(self.note, NOTE_MAX, false));
        match (
            reference,
            campaign,
            engagement,
            touchpoint,
            method,
            amount,
            received_on,
            note,
        ) {
            (
                Some(reference),
                Some(campaign),
                Some(engagement),
                Some(touchpoint),
                Some(method),
                Some(amount),
                Some(received_on),
                Some(note),
            ) if p.0.is_empty() => Ok(OfflineGift {
                reference,
                campaign,
                engagement,
                touchpoint,
                method,
                amount,
                received_on,
                note,
            }),
            _ => Err(p.0),
        }
    }
}

/// The columns of an offline-gifts spreadsheet, in any order; the first five are required.
pub const OFFLINE_COLUMNS: [&str; 9] = [
    "date",
    "amount",
    "currency",
    "campaign",
    "reference",
    "method",
    "engagement",
    "touchpoint",
    "note",
];

/// Reads an offline-gifts CSV (a header row naming [`OFFLINE_COLUMNS`], then one gift per row),
/// each gift with its line. Every problem is reported with its line and column; nothing is
/// returned if there is any.
pub fn parse_offline_csv(
    text: &str,
    today: Date,
) -> Result<Vec<(usize, OfflineGift)>, Vec<RowProblem>> {
    let mut csv = read_csv(text)?;
    let header = csv.header().to_vec();
    let mut problems = Vec::new();
    for required in &OFFLINE_COLUMNS[..5] {
        if !header.iter().any(|h| h == required) {
            problems.push(row_problem(
                1,
                required,
                "this column is missing from the header",
            ));
        }
    }
    if let Some(unknown) = header
        .iter()
        .find(|h| !OFFLINE_COLUMNS.contains(&h.as_str()))
    {
        problems.push(row_problem(
            1,
            unknown,
            format!("unknown column; use {}", OFFLINE_COLUMNS.join(", ")),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    problems.append(&mut csv.problems);
    let mut gifts = Vec::new();
    let mut references = HashSet::new();
    for (line, record) in &csv.rows {
        let line = *line;
        let cell = |name: &str| {
            csv.column(name)
                .and_then(|i| record.get(i))
                .unwrap_or_default()
        };
        let input = OfflineGiftInput {
            reference: cell("reference"),
            campaign: cell("campaign"),
            engagement: cell("engagement"),
            touchpoint: cell("touchpoint"),
            method: cell("method"),
            amount: cell("amount"),
            currency: cell("currency"),
            received_on: cell("date"),
            note: cell("note"),
        };
        match input.check(today) {
            Ok(gift) if !references.insert(gift.reference.clone()) => problems.push(row_problem(
                line,
                "reference",
                format!("'{}' is on an earlier row too", gift.reference),
            )),
            Ok(gift) => gifts.push((line, gift)),
            Err(found) => problems.extend(found.into_iter().map(|p| {
                let field = if p.field == "received_on" {
                    "date"
                } else {
                    p.field
                };
                row_problem(line, field, p.message)
            })),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if gifts.is_empty() {
        return Err(vec![row_problem(2, "row", "the file has no gifts")]);
    }
    Ok(gifts)
}

/// Promised money: announced by a company or government, or a levy per ticket sold at a stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitmentKind {
    Commitment,
    TicketLevy,
}

impl CommitmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentKind::Commitment => "commitment",
            CommitmentKind::TicketLevy => "levy",
        }
    }

    pub fn parse(input: &str) -> Result<Self, String> {
        match input.trim() {
            "commitment" => Ok(CommitmentKind::Commitment),
            "levy" => Ok(CommitmentKind::TicketLevy),
            other => Err(format!(
                "'{}' is not a kind; use commitment or levy",
                shown(other)
            )),
        }
    }
}

/// Where promised money stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitmentStatus {
    Open,
    /// Paid: the money is recorded as a gift (received money) from then on.
    Paid,
    Cancelled,
}

impl CommitmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentStatus::Open => "open",
            CommitmentStatus::Paid => "paid",
            CommitmentStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(input: &str) -> Result<Self, String> {
        match input.trim() {
            "open" => Ok(CommitmentStatus::Open),
            "paid" => Ok(CommitmentStatus::Paid),
            "cancelled" => Ok(CommitmentStatus::Cancelled),
            other => Err(format!(
                "'{}' is not a status; use open, paid or cancelled",
                shown(other)
            )),
        }
    }
}

/// A commitment or levy, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    pub kind: CommitmentKind,
    pub party: String,
    pub campaign: String,
    pub engagement: Option<i64>,
    /// The whole amount (for a levy: per ticket × tickets).
    pub amount: Money,
    /// A levy's amount per ticket and tickets sold.
    pub per_ticket: Option<(Money, i64)>,
    pub announced_on: Date,
    pub due_on: Option<Date>,
    pub note: String,
}

#[derive(Debug, Clone, Default)]
pub struct CommitmentInput<'a> {
    pub kind: &'a str,
    pub party: &'a str,
    pub campaign: &'a str,
    pub engagement: &'a str,
    /// A commitment's amount.
    pub amount: &'a str,
    /// A levy's amount per ticket and tickets sold.
    pub per_ticket: &'a str,
    pub tickets: &'a str,
    pub currency: &'a str,
    pub announced_on: &'a str,
    pub due_on: &'a str,
    pub note: &'a str,
}

impl CommitmentInput<'_> {
    /// Checks every field. A levy belongs to a stop (an engagement) and is per ticket sold.
    pub fn check(&self, today: Date) -> Result<Commitment, Vec<FieldProblem>> {
        let mut p = Problems::default();
        let kind = p.check("kind", CommitmentKind::parse(self.kind));
        let party = p.check("party", text(self.party, PARTY_MAX, true));
        let campaign = p.check("campaign", text(self.campaign, 60, true));
        let engagement = p.check("engagement", optional_id(self.engagement));
        let currency = p.check("currency", currency(self.currency));
        let announced_on = p.check("announced_on", day(self.announced_on, today, true));
        let due_on = p.check("due_on", optional_day(self.due_on, today));
        let note = p.check("note", text(self.note, NOTE_MAX, false));
        let (amount, per_ticket) = match kind {
            Some(CommitmentKind::TicketLevy) => {
                if engagement == Some(None) {
                    p.check::<()>(
                        "engagement",
                        Err("a levy belongs to a stop: choose one".into()),
                    );
                }
                let each = p.check("per_ticket", amount(self.per_ticket, currency));
                let tickets = p.check(
                    "tickets",
                    self.tickets
                        .trim()
                        .parse::<i64>()
                        .ok()
                        .filter(|t| *t > 0)
                        .ok_or_else(|| {
                            format!("'{}' is not a number of tickets", shown(self.tickets))
                        }),
                );
                let whole = match (each, tickets) {
                    (Some(each), Some(tickets)) => p.check(
                        "tickets",
                        each.minor
                            .checked_mul(tickets)
                            .filter(|m| *m <= MAX_RECORDED_MINOR)
                            .map(|minor| Money {
                                minor,
                                currency: each.currency,
                            })
                            .ok_or_else(|| "the levy's total is too large".to_owned()),
                    ),
                    _ => None,
                };
                (whole, each.zip(tickets))
            }
            Some(CommitmentKind::Commitment) => {
                (p.check("amount", amount(self.amount, currency)), None)
            }
            None => (None, None),
        };
        if let (Some(Some(due)), Some(announced)) = (due_on, announced_on) {
            if due < announced {
                p.check::<()>(
                    "due_on",
                    Err(format!(
                        "{due} is before {announced}, when it was announced"
                    )),
                );
            }
        }
        match (
            kind,
            party,
            campaign,
            engagement,
            amount,
            announced_on,
            due_on,
            note,
        ) {
            (
                Some(kind),
                Some(party),
                Some(campaign),
                Some(engagement),
                Some(amount),
                Some(announced_on),
                Some(due_on),
                Some(note),
            ) if p.0.is_empty() => Ok(Commitment {
                kind,
                party,
                campaign,
                engagement,
                amount,
                per_ticket,
                announced_on,
                due_on,
                note,
            }),
            _ => Err(p.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        "2026-11-30".parse().expect("date")
    }

    fn fields(problems: &[FieldProblem]) -> Vec<&'static str> {
        problems.iter().map(|p| p.field).collect()
    }

    #[test]
    fn an_offline_gift_is_checked_field_by_field() {
        let good = OfflineGiftInput {
            reference: "CASH-LIS-001",
            campaign: "open-roads",
            engagement: "3",
            method: "cash",
            amount: "1250.50",
            currency: "eur",
            received_on: "2026-06-12",
            ..Default::default()
        };
        let gift = good.check(today()).expect("valid");
        assert_eq!(gift.amount.minor, 125_050);
        assert_eq!(gift.method, Method::Cash);
        assert_eq!(gift.engagement, Some(3));
        for (amount, currency) in [
            ("0", "EUR"),
            ("-5", "EUR"),
            ("100000000001", "EUR"),
            ("1.5", "JPY"),
        ] {
            let bad = OfflineGiftInput {
                amount,
                currency,
                ..good.clone()
            };
            assert_eq!(
                fields(&bad.check(today()).expect_err(amount)),
                vec!["amount"],
                "{amount} {currency}"
            );
        }
        let bad = OfflineGiftInput {
            reference: "",
            currency: "XYZ",
            received_on: "2027-01-01",
            method: "cheque",
            engagement: "x",
            touchpoint: "no spaces",
            ..good.clone()
        };
        assert_eq!(
            fields(&bad.check(today()).expect_err("bad")),
            vec![
                "reference",
                "engagement",
                "touchpoint",
                "method",
                "currency",
                "amount",
                "received_on"
            ]
        );
    }

    #[test]
    fn a_spreadsheet_of_offline_gifts_is_read_whole_or_not_at_all() {
        let good = "Date,Amount,Currency,Campaign,Reference,Method,Note\n\
                    2026-06-12,1250.50,EUR,open-roads,CASH-1,cash,Lisbon bucket\n\
                    2026-06-13,300000,JPY,open-roads,TR-7,bank_transfer,\"Osaka, matched\"\n";
        let gifts = parse_offline_csv(good, today()).expect("valid");
        assert_eq!(gifts.len(), 2);
        assert_eq!(gifts[1].0, 3, "its line");
        assert_eq!(gifts[1].1.amount.minor, 300_000);
        assert_eq!(gifts[1].1.note, "Osaka, matched");

        let bad = "date,amount,currency,campaign,reference\n\
                   2026-06-12,0,EUR,open-roads,A\n\
                   not a day,10,EUR,open-roads,B\n\
                   2026-06-12,10,XYZ,open-roads,C\n\
                   2026-06-12,10,EUR,open-roads,A2\n\
                   2026-06-12,10,EUR,open-roads,A2\n";
        let problems = parse_offline_csv(bad, today()).expect_err("refused");
        let found: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.line, p.field.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                (2, "amount"),
                (3, "date"),
                (4, "currency"),
                (4, "amount"),
                (6, "reference")
            ]
        );
        let missing = parse_offline_csv("date,amount,campaign\n2026-01-01,1,x\n", today())
            .expect_err("header");
        assert_eq!(
            missing.iter().map(|p| p.field.as_str()).collect::<Vec<_>>(),
            vec!["currency", "reference"]
        );
        assert!(
            parse_offline_csv("date,amount,currency,campaign,reference,colour\n", today()).is_err()
        );
        assert!(
            parse_offline_csv("date,amount,currency,campaign,reference\n", today()).is_err(),
            "no gifts"
        );
    }

    #[test]
    fn a_levy_is_per_ticket_at_a_stop_and_a_commitment_is_an_amount() {
        let levy = CommitmentInput {
            kind: "levy",
            party: "Estádio Municipal",
            campaign: "open-roads",
            engagement: "4",
            per_ticket: "1.50",
            tickets: "41200",
            currency: "EUR",
            announced_on: "2026-06-12",
            due_on: "2026-07-31",
            ..Default::default()
        };
        let checked = levy.check(today()).expect("valid");
        assert_eq!(checked.amount.minor, 6_180_000, "1.50 × 41,200 = 61,800.00");
        assert_eq!(
            checked.per_ticket.map(|(m, t)| (m.minor, t)),
            Some((150, 41_200))
        );
        let no_stop = CommitmentInput {
            engagement: "",
            ..levy.clone()
        };
        assert_eq!(
            fields(&no_stop.check(today()).expect_err("stop")),
            vec!["engagement"]
        );
        let early = CommitmentInput {
            due_on: "2026-06-01",
            ..levy.clone()
        };
        assert_eq!(
            fields(&early.check(today()).expect_err("due")),
            vec!["due_on"]
        );
        let pledge = CommitmentInput {
            kind: "commitment",
            party: "Banco Solidário",
            amount: "250000",
            engagement: "",
            per_ticket: "",
            tickets: "",
            ..levy.clone()
        };
        assert_eq!(
            pledge.check(today()).expect("valid").amount.minor,
            25_000_000
        );
        let nothing = CommitmentInput {
            amount: "0",
            party: "",
            ..pledge
        };
        assert_eq!(
            fields(&nothing.check(today()).expect_err("bad")),
            vec!["party", "amount"]
        );
    }
}
