//! Reconciliation: Chorus's ledger of provider gifts (each payment, less its refunds and lost
//! disputes) set beside the provider's balance transactions (Stripe's "Balance change from
//! activity, itemized" CSV export), per currency and category, with every difference listed by
//! payment. Fees and payouts are known only to the provider and are shown as its figures. On
//! consistent data every difference is zero to the cent.

use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;

use super::money::{Currency, Money};
use super::spreadsheet::{read_csv, row_problem, RowProblem};

/// One line of the provider's balance history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceTransaction {
    pub id: String,
    pub day: Date,
    /// Stripe's reporting category: `charge`, `refund`, `dispute`, `dispute_reversal`, `fee`,
    /// `payout`, …
    pub category: String,
    pub currency: Currency,
    pub gross: i64,
    pub fee: i64,
    pub net: i64,
    pub payment_intent: Option<String>,
    pub charge: Option<String>,
    pub invoice: Option<String>,
}

const REQUIRED: [&str; 7] = [
    "balance_transaction_id",
    "created_utc",
    "currency",
    "gross",
    "fee",
    "net",
    "reporting_category",
];

/// A signed amount in major units (`-12.34`, `0`, `1250.5`) in minor units of `currency`.
fn signed_minor(text: &str, currency: Currency) -> Result<i64, String> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.trim_start_matches(['0', '.']).is_empty() && !digits.is_empty() {
        return Ok(0);
    }
    let money = Money::parse_positive(digits, currency)
        .map_err(|e| format!("'{}': {e}", text.chars().take(30).collect::<String>()))?;
    Ok(if negative { -money.minor } else { money.minor })
}

/// Reads the provider's itemized balance CSV: the columns [`REQUIRED`] (`created` may stand
/// for `created_utc`), and `payment_intent_id`, `charge_id`, `invoice_id` when present. Every
/// problem is named by line and column; nothing is returned if there is any.
pub fn parse_balance_csv(text: &str) -> Result<Vec<BalanceTransaction>, Vec<RowProblem>> {
    let mut csv = read_csv(text)?;
    let mut problems = std::mem::take(&mut csv.problems);
    // The export names the time `created_utc`, or `created` when a time zone was chosen.
    let column = |name: &str| match name {
        "created_utc" => csv.column(name).or_else(|| csv.column("created")),
        _ => csv.column(name),
    };
    let missing: Vec<RowProblem> = REQUIRED
        .iter()
        .filter(|name| column(name).is_none())
        .map(|name| row_problem(1, name, "this column is missing from the header"))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    for (line, record) in &csv.rows {
        let line = *line;
        let cell = |name: &str| column(name).and_then(|i| record.get(i)).unwrap_or_default();
        let optional = |name: &str| Some(cell(name).to_owned()).filter(|v| !v.is_empty());
        let before = problems.len();
        let id = cell("balance_transaction_id").to_owned();
        if id.is_empty() {
            problems.push(row_problem(line, "balance_transaction_id", "required"));
        } else if !seen.insert(id.clone()) {
            problems.push(row_problem(
                line,
                "balance_transaction_id",
                format!("'{id}' is on an earlier row too"),
            ));
        }
        let created = cell("created_utc");
        let day = created
            .get(..10)
            .and_then(|d| d.parse::<Date>().ok())
            .ok_or_else(|| {
                format!(
                    "'{}' is not a date and time (YYYY-MM-DD HH:MM:SS)",
                    created.chars().take(30).collect::<String>()
                )
            })
            .map_err(|m| problems.push(row_problem(line, "created_utc", m)))
            .ok();
        let currency = Currency::parse(cell("currency"))
            .map_err(|e| problems.push(row_problem(line, "currency", e.to_string())))
            .ok();
        let category = cell("reporting_category").to_owned();
        if category.is_empty() {
            problems.push(row_problem(line, "reporting_category", "required"));
        }
        let mut amounts = [0_i64; 3];
        if let Some(currency) = currency {
            for (slot, name) in amounts.iter_mut().zip(["gross", "fee", "net"]) {
                match signed_minor(cell(name), currency) {
                    Ok(minor) => *slot = minor,
                    Err(message) => problems.push(row_problem(line, name, message)),
                }
            }
        }
        let [gross, fee, net] = amounts;
        if problems.len() == before && gross - fee != net {
            problems.push(row_problem(line, "net", "is not gross less fee"));
        }
        if let (Some(day), Some(currency)) = (day, currency) {
            if problems.len() == before {
                rows.push(BalanceTransaction {
                    id,
                    day,
                    category,
                    currency,
                    gross,
                    fee,
                    net,
                    payment_intent: optional("payment_intent_id"),
                    charge: optional("charge_id").or_else(|| {
                        optional("source_id")
                            .filter(|s| s.starts_with("ch_") || s.starts_with("py_"))
                    }),
                    invoice: optional("invoice_id"),
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// One provider payment as Chorus recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerPayment {
    /// The payment intent, or the invoice of a month of a monthly gift.
    pub reference: String,
    pub charge: Option<String>,
    pub day: Date,
    pub currency: Currency,
    pub gross: i64,
    pub refunded: i64,
    pub lost: i64,
}

/// The categories a reconciliation compares, in the order shown.
pub const CATEGORIES: [&str; 6] = ["gifts", "refunds", "disputes", "fees", "payouts", "other"];

fn category_of(reporting_category: &str) -> &'static str {
    match reporting_category {
        "charge" | "payment" => "gifts",
        "refund" | "refund_failure" => "refunds",
        "dispute" | "dispute_reversal" => "disputes",
        "fee" | "stripe_fee" | "tax" => "fees",
        "payout" | "payout_reversal" => "payouts",
        _ => "other",
    }
}

/// One category of one currency: Chorus's figure (None where only the provider knows it), the
/// provider's, and the difference (provider − Chorus).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub currency: Currency,
    pub category: &'static str,
    pub chorus: Option<i64>,
    pub provider: i64,
}

impl Line {
    pub fn difference(&self) -> i64 {
        self.chorus.map_or(0, |c| self.provider - c)
    }
}

/// A payment whose figures differ, or that only one side has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub reference: String,
    pub currency: Currency,
    /// `gifts`, `refunds` or `disputes`; or `only in Chorus`, `only at the provider`.
    pub what: &'static str,
    pub chorus: i64,
    pub provider: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reconciliation {
    pub lines: Vec<Line>,
    pub differences: Vec<Difference>,
}

impl Reconciliation {
    /// Whether Chorus and the provider agree on every figure both know.
    pub fn balanced(&self) -> bool {
        self.differences.is_empty() && self.lines.iter().all(|l| l.difference() == 0)
    }
}

/// Sets Chorus's payments of the period `from..=to` beside the provider's transactions of the
/// period. A payment is matched by payment intent, invoice or charge; its refunds and disputes
/// are compared whatever their day (import the provider's file up to today to include them).
pub fn reconcile(
    payments: &[LedgerPayment],
    transactions: &[BalanceTransaction],
    from: Date,
    to: Date,
) -> Reconciliation {
    let within = |day: Date| from <= day && day <= to;
    // Totals per (currency, category).
    let mut totals: BTreeMap<(&'static str, usize), (Option<i64>, i64, Currency)> = BTreeMap::new();
    let slot = |currency: Currency, category: &'static str| {
        let index = CATEGORIES
            .iter()
            .position(|c| *c == category)
            .unwrap_or(CATEGORIES.len() - 1);
        (currency.code(), index)
    };
    for t in transactions.iter().filter(|t| within(t.day)) {
        let category = category_of(&t.category);
        // A fee line (the provider's own charges) counts whole; any other line's fee is
        // money out too, under fees.
        let amount = if category == "fees" { t.net } else { t.gross };
        totals
            .entry(slot(t.currency, category))
            .or_insert((None, 0, t.currency))
            .1 += amount;
        if category != "fees" && t.fee != 0 {
            totals
                .entry(slot(t.currency, "fees"))
                .or_insert((None, 0, t.currency))
                .1 -= t.fee;
        }
    }
    let in_period: Vec<&LedgerPayment> = payments.iter().filter(|p| within(p.day)).collect();
    for p in &in_period {
        for (category, amount) in [
            ("gifts", p.gross),
            ("refunds", -p.refunded),
            ("disputes", -p.lost),
        ] {
            let entry = totals
                .entry(slot(p.currency, category))
                .or_insert((None, 0, p.currency));
            entry.0 = Some(entry.0.unwrap_or(0) + amount);
        }
    }
    let lines = totals
        .into_iter()
        .map(|((_, index), (chorus, provider, currency))| {
            let category = CATEGORIES[index];
            Line {
                currency,
                category,
                // Chorus keeps gifts, refunds and disputes; it says 0 when it has none.
                chorus: match category {
                    "gifts" | "refunds" | "disputes" => Some(chorus.unwrap_or(0)),
                    _ => None,
                },
                provider,
            }
        })
        .collect();

    // Payment by payment.
    let matches = |p: &LedgerPayment, t: &BalanceTransaction| {
        t.payment_intent.as_deref() == Some(p.reference.as_str())
            || t.invoice.as_deref() == Some(p.reference.as_str())
            || (p.charge.is_some() && t.charge == p.charge)
    };
    let mut differences = Vec::new();
    let mut claimed: HashSet<&str> = HashSet::new();
    for p in &in_period {
        let mine: Vec<&BalanceTransaction> =
            transactions.iter().filter(|t| matches(p, t)).collect();
        if mine.is_empty() {
            differences.push(Difference {
                reference: p.reference.clone(),
                currency: p.currency,
                what: "only in Chorus",
                chorus: p.gross,
                provider: 0,
            });
            continue;
        }
        let sum = |category: &str| -> i64 {
            mine.iter()
                .filter(|t| category_of(&t.category) == category)
                .map(|t| t.gross)
                .sum()
        };
        for (what, chorus, provider) in [
            ("gifts", p.gross, sum("gifts")),
            ("refunds", -p.refunded, sum("refunds")),
            ("disputes", -p.lost, sum("disputes")),
        ] {
            if chorus != provider {
                differences.push(Difference {
                    reference: p.reference.clone(),
                    currency: p.currency,
                    what,
                    chorus,
                    provider,
                });
            }
        }
        claimed.extend(mine.iter().map(|t| t.id.as_str()));
    }
    for t in transactions.iter().filter(|t| {
        within(t.day) && category_of(&t.category) == "gifts" && !claimed.contains(t.id.as_str())
    }) {
        differences.push(Difference {
            reference: t
                .payment_intent
                .clone()
                .or_else(|| t.invoice.clone())
                .or_else(|| t.charge.clone())
                .unwrap_or_else(|| t.id.clone()),
            currency: t.currency,
            what: "only at the provider",
            chorus: 0,
            provider: t.gross,
        });
    }
    Reconciliation { lines, differences }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().expect("date")
    }

    const CSV: &str = "balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,net,reporting_category,source_id,description,charge_id,payment_intent_id,invoice_id\n\
        txn_1,2026-06-12 20:01:02,2026-06-14 00:00:00,eur,25.78,0.64,25.14,charge,ch_1,Gift,ch_1,pi_1,\n\
        txn_2,2026-06-13 10:00:00,2026-06-15 00:00:00,eur,-10.00,0.00,-10.00,refund,re_1,,ch_1,pi_1,\n\
        txn_3,2026-06-13 11:00:00,2026-06-15 00:00:00,jpy,1500,52,1448,charge,ch_2,,ch_2,pi_2,\n\
        txn_4,2026-06-14 09:00:00,2026-06-14 09:00:00,eur,-15.14,0.00,-15.14,payout,po_1,,,,\n\
        txn_5,2026-06-15 09:00:00,2026-06-17 00:00:00,usd,10.00,0.59,9.41,charge,ch_3,,ch_3,,in_1\n";

    fn ledger() -> Vec<LedgerPayment> {
        let eur = Currency::parse("EUR").expect("EUR");
        vec![
            LedgerPayment {
                reference: "pi_1".into(),
                charge: Some("ch_1".into()),
                day: day("2026-06-12"),
                currency: eur,
                gross: 2578,
                refunded: 1000,
                lost: 0,
            },
            LedgerPayment {
                reference: "pi_2".into(),
                charge: None,
                day: day("2026-06-13"),
                currency: Currency::parse("JPY").expect("JPY"),
                gross: 1500,
                refunded: 0,
                lost: 0,
            },
            LedgerPayment {
                reference: "in_1".into(),
                charge: None,
                day: day("2026-06-15"),
                currency: Currency::parse("USD").expect("USD"),
                gross: 1000,
                refunded: 0,
                lost: 0,
            },
        ]
    }

    #[test]
    fn consistent_data_balances_to_the_cent() {
        let rows = parse_balance_csv(CSV).expect("reads");
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[1].gross, -1000);
        assert_eq!(rows[2].fee, 52, "yen have no decimals");
        let result = reconcile(&ledger(), &rows, day("2026-06-01"), day("2026-06-30"));
        assert!(result.balanced(), "{result:#?}");
        let eur_fees = result
            .lines
            .iter()
            .find(|l| l.currency.code() == "EUR" && l.category == "fees")
            .expect("fees");
        assert_eq!((eur_fees.chorus, eur_fees.provider), (None, -64));
        let payouts = result
            .lines
            .iter()
            .find(|l| l.category == "payouts")
            .expect("payouts");
        assert_eq!(payouts.provider, -1514);
    }

    #[test]
    fn every_difference_is_listed_by_payment() {
        let rows =
            parse_balance_csv(&CSV.replace("25.78,0.64,25.14", "25.00,0.64,24.36")).expect("reads");
        let mut payments = ledger();
        payments[1].reference = "pi_other".into();
        let result = reconcile(&payments, &rows, day("2026-06-01"), day("2026-06-30"));
        assert!(!result.balanced());
        let found: Vec<(&str, &str, i64, i64)> = result
            .differences
            .iter()
            .map(|d| (d.reference.as_str(), d.what, d.chorus, d.provider))
            .collect();
        assert_eq!(
            found,
            vec![
                ("pi_1", "gifts", 2578, 2500),
                ("pi_other", "only in Chorus", 1500, 0),
                ("pi_2", "only at the provider", 0, 1500),
            ]
        );
        let eur = result
            .lines
            .iter()
            .find(|l| l.currency.code() == "EUR" && l.category == "gifts")
            .expect("gifts");
        assert_eq!(eur.difference(), -78);
    }

    #[test]
    fn bad_rows_are_named() {
        let bad = "balance_transaction_id,created_utc,currency,gross,fee,net,reporting_category\n\
                   txn_1,yesterday,eur,1.00,0,1.00,charge\n\
                   txn_2,2026-06-12 10:00:00,xyz,1.00,0,1.00,charge\n\
                   txn_3,2026-06-12 10:00:00,eur,1.00,0.10,1.00,charge\n\
                   txn_3,2026-06-12 10:00:00,eur,abc,0,1.00,charge\n";
        let problems = parse_balance_csv(bad).expect_err("refused");
        let found: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.line, p.field.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                (2, "created_utc"),
                (3, "currency"),
                (4, "net"),
                (5, "balance_transaction_id"),
                (5, "gross")
            ]
        );
        let missing = parse_balance_csv("id,amount\n").expect_err("header");
        assert_eq!(missing.len(), 7);
    }
}
