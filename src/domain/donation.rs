//! What a donor may give: the currencies an organization accepts with their preset amounts and
//! minimum gift (card testers try stolen cards with small amounts), and a donor's choice checked
//! into the gift Chorus asks the payment provider to take.

use thiserror::Error;

use super::money::{Currency, Money, MoneyError};

/// The largest amount one payment may be, in minor units: Stripe takes at most eight digits.
pub const MAX_GIFT_MINOR: i64 = 99_999_999;
/// Preset amounts offered per currency, at most.
pub const MAX_PRESETS: usize = 6;
/// What "cover the fee" adds when the organization has not said: 3 % (Stripe's card fees are
/// about 1.5–3 % plus a fixed part).
pub const DEFAULT_FEE_BASIS_POINTS: u16 = 300;
/// The demo's and a new organization's options.
pub const DEFAULT_OPTIONS: &str =
    "EUR: 10, 25, 50, 100; minimum 5\nUSD: 10, 25, 50, 100; minimum 5";

/// One accepted currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyOption {
    pub currency: Currency,
    /// In minor units, ascending.
    pub presets: Vec<i64>,
    pub minimum: i64,
}

impl CurrencyOption {
    pub fn money(&self, minor: i64) -> Money {
        Money {
            minor,
            currency: self.currency,
        }
    }
}

/// The currencies an organization accepts, in the order its form lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DonationOptions {
    pub currencies: Vec<CurrencyOption>,
}

/// A problem with one line of the options text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("Currencies and amounts, line {line}: {message}")]
pub struct OptionsProblem {
    pub line: usize,
    pub message: String,
}

impl DonationOptions {
    /// Reads lines such as `EUR: 10, 25, 50, 100; minimum 5` (amounts in major units, `.` for
    /// decimals; the minimum defaults to one major unit). Every bad line is named.
    pub fn parse(text: &str) -> Result<Self, Vec<OptionsProblem>> {
        let mut currencies: Vec<CurrencyOption> = Vec::new();
        let mut problems = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            if raw.trim().is_empty() {
                continue;
            }
            match parse_line(raw) {
                Ok(option) if currencies.iter().any(|c| c.currency == option.currency) => {
                    problems.push(OptionsProblem {
                        line,
                        message: format!("{} is listed twice", option.currency.code()),
                    });
                }
                Ok(option) => currencies.push(option),
                Err(message) => problems.push(OptionsProblem { line, message }),
            }
        }
        if currencies.is_empty() && problems.is_empty() {
            problems.push(OptionsProblem {
                line: 1,
                message: "list at least one currency, like EUR: 10, 25, 50; minimum 5".into(),
            });
        }
        if problems.is_empty() {
            Ok(Self { currencies })
        } else {
            Err(problems)
        }
    }

    /// The options as the settings form shows them (parses back to the same options).
    pub fn to_text(&self) -> String {
        self.currencies
            .iter()
            .map(|c| {
                let presets: Vec<String> = c
                    .presets
                    .iter()
                    .map(|p| c.money(*p).major_string())
                    .collect();
                format!(
                    "{}: {}; minimum {}",
                    c.currency.code(),
                    presets.join(", "),
                    c.money(c.minimum).major_string()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn option(&self, currency: Currency) -> Option<&CurrencyOption> {
        self.currencies.iter().find(|c| c.currency == currency)
    }
}

fn parse_line(raw: &str) -> Result<CurrencyOption, String> {
    let (code, rest) = raw
        .split_once(':')
        .ok_or("write a currency code, a colon, then amounts, like EUR: 10, 25, 50")?;
    let currency = Currency::parse(code).map_err(|e| e.to_string())?;
    let (presets_text, minimum_text) = match rest.split_once(';') {
        Some((presets, tail)) => {
            let tail = tail.trim();
            let value = tail
                .strip_prefix("minimum")
                .ok_or_else(|| format!("after ';' write 'minimum' and an amount, not '{tail}'"))?;
            (presets, Some(value.trim()))
        }
        None => (rest, None),
    };
    let amount = |text: &str, what: &str| -> Result<i64, String> {
        let minor = Money::parse_positive(text, currency)
            .map_err(|e| format!("{what} '{}': {e}", text.trim()))?
            .minor;
        if minor > MAX_GIFT_MINOR {
            return Err(format!(
                "{what} '{}' is over the largest gift, {}",
                text.trim(),
                Money {
                    minor: MAX_GIFT_MINOR,
                    currency
                }
                .display()
            ));
        }
        Ok(minor)
    };
    let minimum = match minimum_text {
        Some(text) => amount(text, "minimum")?,
        None => 10_i64.pow(u32::from(currency.minor_units())),
    };
    let mut presets = presets_text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| amount(p, "amount"))
        .collect::<Result<Vec<i64>, String>>()?;
    presets.sort_unstable();
    presets.dedup();
    if presets.len() > MAX_PRESETS {
        return Err(format!("at most {MAX_PRESETS} preset amounts"));
    }
    if let Some(low) = presets.iter().find(|p| **p < minimum) {
        return Err(format!(
            "the amount {} is below the minimum {}",
            Money {
                minor: *low,
                currency
            }
            .major_string(),
            Money {
                minor: minimum,
                currency
            }
            .major_string()
        ));
    }
    Ok(CurrencyOption {
        currency,
        presets,
        minimum,
    })
}

/// The "cover the fee" percentage as typed (`3`, `2.9`, `1.45`) in basis points; 0 to 50 %.
pub fn parse_fee_percent(text: &str) -> Result<u16, String> {
    let text = text.trim().trim_end_matches('%').trim();
    let problem = || {
        format!(
            "Cover the fee: '{text}' is not a percentage from 0 to 50 with at most two decimals"
        )
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty()
        || whole.len() > 2
        || fraction.len() > 2
        || !whole
            .chars()
            .chain(fraction.chars())
            .all(|c| c.is_ascii_digit())
    {
        return Err(problem());
    }
    let basis_points: u16 = format!("{whole}{fraction:0<2}")
        .parse()
        .map_err(|_| problem())?;
    if basis_points > 5_000 {
        return Err(problem());
    }
    Ok(basis_points)
}

/// Basis points as the settings form shows them: `3`, `2.9`, `1.45`.
pub fn percent_text(basis_points: i32) -> String {
    let whole = basis_points / 100;
    let fraction = basis_points % 100;
    match fraction {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// Failed payments in the watched window from which a share of failures can alarm.
pub const CARD_TESTING_MIN_FAILURES: i64 = 10;
/// The share of failed payments, in percent, that marks card testing (people mistype cards,
/// but a stolen-card run fails most of its tries).
pub const CARD_TESTING_FAILURE_PERCENT: i64 = 25;

/// Whether recent payments look like card testing: many failures, a large share of them.
pub fn card_testing_suspected(succeeded: i64, failed: i64) -> bool {
    failed >= CARD_TESTING_MIN_FAILURES
        && failed * 100 >= CARD_TESTING_FAILURE_PERCENT * (succeeded + failed)
}

/// One-off or monthly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Once,
    Monthly,
}

impl Frequency {
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Once => "once",
            Frequency::Monthly => "monthly",
        }
    }
}

/// What the donor asked to give, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GiftRequest {
    /// The gift itself.
    pub gift: Money,
    /// Added so that the gift arrives whole after the provider's fee (0 unless asked).
    pub fee_cover_minor: i64,
    pub frequency: Frequency,
}

impl GiftRequest {
    /// What the donor is charged (each month, for a monthly gift).
    pub fn total(&self) -> Money {
        Money {
            minor: self.gift.minor + self.fee_cover_minor,
            currency: self.gift.currency,
        }
    }
}

/// Why a donor's choice cannot start a payment; the public form says it in the donor's language.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GiftProblem {
    #[error("currency: {0} is not one this organization accepts")]
    Currency(String),
    #[error("amount: {0}")]
    NotAnAmount(String),
    #[error("amount: the smallest gift is {}", .0.display())]
    BelowMinimum(Money),
    #[error("amount: the largest gift is {}", .0.display())]
    TooLarge(Money),
}

impl GiftProblem {
    /// The field the problem is about, as the form names it.
    pub fn field(&self) -> &'static str {
        match self {
            GiftProblem::Currency(_) => "currency",
            _ => "amount",
        }
    }
}

/// Checks a donor's choice: `amount` is a preset's value or a typed amount in major units.
pub fn check_gift(
    options: &DonationOptions,
    fee_basis_points: u16,
    amount: &str,
    currency: &str,
    frequency: Frequency,
    cover_fee: bool,
) -> Result<GiftRequest, GiftProblem> {
    let option = Currency::parse(currency)
        .ok()
        .and_then(|c| options.option(c))
        .ok_or_else(|| GiftProblem::Currency(currency.trim().chars().take(10).collect()))?;
    let gift = match Money::parse_positive(amount, option.currency) {
        Ok(gift) => gift,
        Err(MoneyError::NotPositive) => {
            return Err(GiftProblem::BelowMinimum(option.money(option.minimum)))
        }
        Err(MoneyError::TooLarge) => {
            return Err(GiftProblem::TooLarge(option.money(MAX_GIFT_MINOR)))
        }
        Err(err) => return Err(GiftProblem::NotAnAmount(err.to_string())),
    };
    if gift.minor < option.minimum {
        return Err(GiftProblem::BelowMinimum(option.money(option.minimum)));
    }
    let fee_cover_minor = if cover_fee {
        fee_cover(gift.minor, fee_basis_points)
    } else {
        0
    };
    if gift.minor + fee_cover_minor > MAX_GIFT_MINOR {
        return Err(GiftProblem::TooLarge(option.money(MAX_GIFT_MINOR)));
    }
    Ok(GiftRequest {
        gift,
        fee_cover_minor,
        frequency,
    })
}

/// What to add to `gift` so that, after a fee of `basis_points` on the whole charge, at least
/// `gift` arrives: total = ⌈gift × 10000 / (10000 − bp)⌉.
pub fn fee_cover(gift: i64, basis_points: u16) -> i64 {
    let bp = i128::from(basis_points.min(5_000));
    let total = (i128::from(gift) * 10_000 + (10_000 - bp) - 1) / (10_000 - bp);
    i64::try_from(total).map_or(i64::MAX, |t| t - gift)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn currency(code: &str) -> Currency {
        Currency::parse(code).expect("currency")
    }

    #[test]
    fn options_parse_and_print_back() {
        let options =
            DonationOptions::parse("EUR: 10, 25.50, 50; minimum 5\n\nJPY: 1000, 3000\nKWD: 5.125")
                .expect("parses");
        assert_eq!(options.currencies.len(), 3);
        assert_eq!(options.currencies[0].presets, vec![1000, 2550, 5000]);
        assert_eq!(options.currencies[0].minimum, 500);
        assert_eq!(
            options.currencies[1].minimum, 1,
            "one yen: JPY has no decimals"
        );
        assert_eq!(
            options.currencies[2].presets,
            vec![5125],
            "KWD has three decimals"
        );
        assert_eq!(options.currencies[2].minimum, 1000);
        assert_eq!(DonationOptions::parse(&options.to_text()), Ok(options));
        assert!(DonationOptions::parse(DEFAULT_OPTIONS).is_ok());
    }

    #[test]
    fn bad_option_lines_are_named() {
        let problems = DonationOptions::parse(
            "EUR: 10\nXYZ: 10\nUSD 10\nEUR: 5\nGBP: 1; minimum 5\nJPY: 10.5\nCHF: 1; least 1",
        )
        .expect_err("refused");
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6, 7]);
        assert!(
            problems[0].message.contains("unknown currency"),
            "{problems:?}"
        );
        assert!(problems[2].message.contains("twice"));
        assert!(problems[3].message.contains("below the minimum"));
        assert!(problems[4].message.contains("decimal"));
        assert!(DonationOptions::parse("  \n").is_err());
        assert!(
            DonationOptions::parse("EUR: 1000000").is_err(),
            "over the largest gift"
        );
    }

    #[test]
    fn gifts_are_checked_against_the_options() {
        let options = DonationOptions::parse("EUR: 10, 25; minimum 5\nJPY: 1000").expect("parses");
        let once = Frequency::Once;
        let gift = check_gift(&options, 300, "25", "eur", Frequency::Monthly, false).expect("ok");
        assert_eq!(gift.total().minor, 2500);
        assert_eq!(gift.frequency, Frequency::Monthly);
        assert_eq!(
            check_gift(&options, 300, "1500", "JPY", once, false).map(|g| g.gift.minor),
            Ok(1500)
        );
        let minimum = Money {
            minor: 500,
            currency: currency("EUR"),
        };
        for bad in ["0", "-5", "4.99"] {
            assert_eq!(
                check_gift(&options, 300, bad, "EUR", once, false),
                Err(GiftProblem::BelowMinimum(minimum)),
                "{bad}"
            );
        }
        assert!(matches!(
            check_gift(&options, 300, "ten", "EUR", once, false),
            Err(GiftProblem::NotAnAmount(_))
        ));
        assert!(matches!(
            check_gift(&options, 300, "10.5", "JPY", once, false),
            Err(GiftProblem::NotAnAmount(_))
        ));
        assert!(matches!(
            check_gift(&options, 300, "1000000", "EUR", once, false),
            Err(GiftProblem::TooLarge(_))
        ));
        assert!(matches!(
            check_gift(&options, 300, "99999999999999999999", "EUR", once, false),
            Err(GiftProblem::TooLarge(_))
        ));
        assert_eq!(
            check_gift(&options, 300, "10", "USD", once, false),
            Err(GiftProblem::Currency("USD".into()))
        );
        assert!(matches!(
            check_gift(&options, 300, "10", "XYZ", once, false),
            Err(GiftProblem::Currency(_))
        ));
    }

    #[test]
    fn many_failures_and_a_large_share_of_them_mark_card_testing() {
        assert!(!card_testing_suspected(0, 9), "too few to tell");
        assert!(card_testing_suspected(0, 10));
        assert!(card_testing_suspected(30, 10), "exactly a quarter");
        assert!(
            !card_testing_suspected(31, 10),
            "a busy night with ordinary typos"
        );
    }

    #[test]
    fn fee_percentages_read_and_print_back() {
        for (text, bp) in [
            ("3", 300),
            ("2.9", 290),
            ("1.45 %", 145),
            ("0", 0),
            ("50", 5000),
        ] {
            assert_eq!(parse_fee_percent(text), Ok(bp), "{text}");
            assert_eq!(parse_fee_percent(&percent_text(i32::from(bp))), Ok(bp));
        }
        for bad in ["", "-1", "50.01", "abc", "1.234", "100", ".5"] {
            assert!(parse_fee_percent(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn covering_the_fee_makes_the_gift_arrive_whole() {
        // 25.00 at 3 %: 25.78 charged, 0.7734 fee → 25.0066 arrives.
        assert_eq!(fee_cover(2500, 300), 78);
        for (gift, bp) in [
            (2500, 300),
            (1, 300),
            (99_999, 290),
            (1000, 0),
            (12_345, 150),
        ] {
            let total = gift + fee_cover(gift, bp);
            // What arrives, times 10 000 (exact integers): total × (10 000 − bp).
            let arrives = |charged: i64| charged * (10_000 - i64::from(bp));
            assert!(arrives(total) >= gift * 10_000, "{gift} at {bp}");
            // …and no more than needed: one unit less would fall short.
            assert!(
                bp == 0 || arrives(total - 1) < gift * 10_000,
                "{gift} at {bp}"
            );
        }
    }
}
