//! Exchange rates per day and conversion of gifts into the organization's reporting currency,
//! exactly: a rate is a decimal kept as an integer and a scale, and a conversion rounds once, at
//! the end, half away from zero. Rates come as the European Central Bank publishes its
//! reference rates: units of each currency per one euro, one row per working day.
//!
//! A gift is converted at the rate of its own day; on a day without rates (weekend, TARGET
//! holiday) the latest earlier day's rate is used and the day it came from is stated.

use std::collections::BTreeMap;

use jiff::civil::Date;
use thiserror::Error;

use super::money::{Currency, Money};

/// Decimal places a rate may have (the ECB publishes at most 4 for most currencies, 6 for some).
const MAX_RATE_SCALE: u32 = 10;
/// The currency every ECB rate is quoted against.
pub const ECB_BASE: &str = "EUR";

/// An exact positive decimal: `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    mantissa: i64,
    scale: u32,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum RateError {
    #[error("'{0}' is not a rate (write it like 1.0823)")]
    NotARate(String),
    #[error("a rate must be greater than zero")]
    NotPositive,
    #[error("a rate has at most {MAX_RATE_SCALE} decimal places")]
    TooPrecise,
}

impl Rate {
    pub fn parse(input: &str) -> Result<Self, RateError> {
        let input = input.trim();
        let not_a_rate = || RateError::NotARate(input.chars().take(30).collect());
        let (whole, fraction) = input.split_once('.').unwrap_or((input, ""));
        if whole.is_empty() && fraction.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(if input.starts_with('-') {
                RateError::NotPositive
            } else {
                not_a_rate()
            });
        }
        let fraction = fraction.trim_end_matches('0');
        let scale = u32::try_from(fraction.len()).map_err(|_| RateError::TooPrecise)?;
        if scale > MAX_RATE_SCALE {
            return Err(RateError::TooPrecise);
        }
        let mantissa: i64 = format!("{whole}{fraction}")
            .parse()
            .map_err(|_| not_a_rate())?;
        if mantissa == 0 {
            return Err(RateError::NotPositive);
        }
        Ok(Self { mantissa, scale })
    }

    /// One unit of anything: the rate of the base currency against itself.
    pub const ONE: Rate = Rate {
        mantissa: 1,
        scale: 0,
    };
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = format!(
            "{:0>width$}",
            self.mantissa,
            width = self.scale as usize + 1
        );
        let (whole, fraction) = digits.split_at(digits.len() - self.scale as usize);
        if fraction.is_empty() {
            write!(f, "{whole}")
        } else {
            write!(f, "{whole}.{fraction}")
        }
    }
}

/// The rates of one day: units of each currency per one unit of the base currency.
pub type DayRates = BTreeMap<&'static str, Rate>;

/// Rates by day, all against one base currency.
#[derive(Debug, Clone)]
pub struct RateTable {
    base: Currency,
    days: BTreeMap<Date, DayRates>,
}

/// A conversion and how it was done, for the gift's record and the report's method note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Converted {
    pub amount: Money,
    /// The day whose rates were used: the gift's day, or the latest earlier day with rates.
    pub rate_day: Date,
    /// Units of the source currency per one base unit, and of the target currency.
    pub from_rate: Rate,
    pub to_rate: Rate,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConversionError {
    #[error("no exchange rate for {currency} on or before {day}")]
    NoRate { currency: &'static str, day: Date },
    #[error("the converted amount is too large")]
    TooLarge,
}

impl RateTable {
    pub fn new(base: Currency) -> Self {
        Self {
            base,
            days: BTreeMap::new(),
        }
    }

    pub fn base(&self) -> Currency {
        self.base
    }

    /// Sets (or replaces) the rate of `currency` on `day`.
    pub fn insert(&mut self, day: Date, currency: Currency, rate: Rate) {
        self.days
            .entry(day)
            .or_default()
            .insert(currency.code(), rate);
    }

    pub fn days(&self) -> impl Iterator<Item = (&Date, &DayRates)> {
        self.days.iter()
    }

    /// The rate of `currency` on `day`, or on the latest earlier day that has one.
    pub fn rate(&self, currency: Currency, day: Date) -> Result<(Date, Rate), ConversionError> {
        if currency == self.base {
            return Ok((day, Rate::ONE));
        }
        self.days
            .range(..=day)
            .rev()
            .find_map(|(d, rates)| rates.get(currency.code()).map(|r| (*d, *r)))
            .ok_or(ConversionError::NoRate {
                currency: currency.code(),
                day,
            })
    }

    /// `amount`, received on `day`, in `to`: through the base currency, rounded once.
    pub fn convert(
        &self,
        amount: Money,
        to: Currency,
        day: Date,
    ) -> Result<Converted, ConversionError> {
        let (from_day, from_rate) = self.rate(amount.currency, day)?;
        let (to_day, to_rate) = self.rate(to, day)?;
        // Both rates come from the same lookup rule; the older of the two days is stated.
        let rate_day = from_day.min(to_day);
        // minor_to = minor_from × to_rate / from_rate × 10^(places_to − places_from)
        let mut numerator = i128::from(amount.minor) * i128::from(to_rate.mantissa);
        let mut denominator = i128::from(from_rate.mantissa);
        let exponent = i64::from(from_rate.scale) - i64::from(to_rate.scale)
            + i64::from(to.minor_units())
            - i64::from(amount.currency.minor_units());
        let power = 10_i128
            .pow(u32::try_from(exponent.unsigned_abs()).map_err(|_| ConversionError::TooLarge)?);
        if exponent >= 0 {
            numerator = numerator
                .checked_mul(power)
                .ok_or(ConversionError::TooLarge)?;
        } else {
            denominator = denominator
                .checked_mul(power)
                .ok_or(ConversionError::TooLarge)?;
        }
        let minor = i64::try_from(divide_rounding_half_away(numerator, denominator))
            .map_err(|_| ConversionError::TooLarge)?;
        Ok(Converted {
            amount: Money {
                minor,
                currency: to,
            },
            rate_day,
            from_rate,
            to_rate,
        })
    }
}

pub fn divide_rounding_half_away(numerator: i128, denominator: i128) -> i128 {
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if remainder.abs() * 2 >= denominator.abs() {
        quotient + numerator.signum() * denominator.signum()
    } else {
        quotient
    }
}

pub use super::spreadsheet::RowProblem;

/// Reads the ECB's reference-rate CSV, in its historical form (`Date,USD,JPY,…` then
/// `2024-01-05,1.0921,158.00,…,N/A,…`) or its daily form (`Date, USD, …` then
/// `05 January 2024, 1.0921, …`); trailing separators and `N/A` cells are allowed, and columns
/// of currencies Chorus does not know are skipped. Every problem is reported with its line and
/// column; nothing is returned if there is any.
pub fn parse_ecb_csv(text: &str) -> Result<RateTable, Vec<RowProblem>> {
    let base = Currency::parse(ECB_BASE).unwrap_or_else(|_| unreachable!("EUR is a currency"));
    let mut table = RateTable::new(base);
    let mut problems = Vec::new();
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        return Err(vec![problem(1, "Date", "the file is empty")]);
    };
    let columns: Vec<&str> = header.split(',').map(str::trim).collect();
    if !columns
        .first()
        .is_some_and(|c| c.eq_ignore_ascii_case("date"))
    {
        return Err(vec![problem(
            1,
            "Date",
            "the first column must be Date, as in the ECB's file",
        )]);
    }
    let currencies: Vec<Option<Currency>> = columns
        .iter()
        .skip(1)
        .map(|c| Currency::parse(c).ok().filter(|c| c.code() != ECB_BASE))
        .collect();
    for (index, line) in lines {
        let line_number = index + 1;
        let mut cells = line.split(',').map(str::trim);
        let day_cell = cells.next().unwrap_or_default();
        let Some(day) = ecb_date(day_cell) else {
            problems.push(problem(
                line_number,
                "Date",
                &format!(
                    "'{}' is not a date (YYYY-MM-DD or 05 January 2024)",
                    shown(day_cell)
                ),
            ));
            continue;
        };
        for (position, cell) in cells.enumerate() {
            if cell.is_empty() || cell.eq_ignore_ascii_case("N/A") {
                continue;
            }
            let Some(column) = columns.get(position + 1) else {
                problems.push(problem(line_number, "-", "more values than columns"));
                break;
            };
            let Some(currency) = currencies.get(position).copied().flatten() else {
                continue;
            };
            match Rate::parse(cell) {
                Ok(rate) => table.insert(day, currency, rate),
                Err(err) => problems.push(problem(line_number, column, &err.to_string())),
            }
        }
    }
    if problems.is_empty() {
        Ok(table)
    } else {
        Err(problems)
    }
}

fn ecb_date(cell: &str) -> Option<Date> {
    cell.parse::<Date>()
        .ok()
        .or_else(|| Date::strptime("%d %B %Y", cell).ok())
}

fn shown(value: &str) -> String {
    value.chars().take(40).collect()
}

fn problem(line: usize, field: &str, message: &str) -> RowProblem {
    RowProblem {
        line,
        field: field.to_owned(),
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn currency(code: &str) -> Currency {
        Currency::parse(code).expect("currency")
    }

    fn money(minor: i64, code: &str) -> Money {
        Money {
            minor,
            currency: currency(code),
        }
    }

    fn day(text: &str) -> Date {
        text.parse().expect("date")
    }

    /// Excerpt of the ECB's historical file (rates of 2024-01-04 and 2024-01-05, a Friday).
    const HISTORY: &str = "Date,USD,JPY,BGN,CYP,GBP,KWD,\n\
        2024-01-05,1.0921,158.08,1.9558,N/A,0.86068,0.3360,\n\
        2024-01-04,1.0953,158.64,1.9558,N/A,0.86488,0.3371,\n";

    #[test]
    fn rates_parse_exactly_and_print_back() {
        for (text, shown) in [
            ("1.0921", "1.0921"),
            ("158.080", "158.08"),
            ("0.3360", "0.336"),
            ("7", "7"),
            ("0.000001", "0.000001"),
        ] {
            assert_eq!(Rate::parse(text).expect(text).to_string(), shown);
        }
        assert_eq!(Rate::parse("0"), Err(RateError::NotPositive));
        assert_eq!(Rate::parse("-1.2"), Err(RateError::NotPositive));
        assert_eq!(Rate::parse("1,2"), Err(RateError::NotARate("1,2".into())));
        assert_eq!(Rate::parse("1e3"), Err(RateError::NotARate("1e3".into())));
        assert_eq!(Rate::parse("0.00000000001"), Err(RateError::TooPrecise));
    }

    #[test]
    fn the_ecb_history_file_is_read() {
        let table = parse_ecb_csv(HISTORY).expect("parses");
        assert_eq!(table.base().code(), "EUR");
        let (d, usd) = table.rate(currency("USD"), day("2024-01-05")).expect("usd");
        assert_eq!((d, usd.to_string()), (day("2024-01-05"), "1.0921".into()));
        // CYP (the Cypriot pound, N/A since 2008) is skipped, not an error.
        assert!(table.rate(currency("GBP"), day("2024-01-04")).is_ok());
    }

    #[test]
    fn the_ecb_daily_file_is_read() {
        let daily = "Date, USD, JPY, \n05 January 2024, 1.0921, 158.08, \n";
        let table = parse_ecb_csv(daily).expect("parses");
        let (d, jpy) = table.rate(currency("JPY"), day("2024-01-05")).expect("jpy");
        assert_eq!((d, jpy.to_string()), (day("2024-01-05"), "158.08".into()));
    }

    #[test]
    fn weekends_and_holidays_use_the_latest_earlier_day_and_say_so() {
        let table = parse_ecb_csv(HISTORY).expect("parses");
        // Saturday 2024-01-06 and Monday before the next publication: Friday's rate.
        let converted = table
            .convert(money(10_000, "USD"), currency("EUR"), day("2024-01-06"))
            .expect("converts");
        assert_eq!(converted.rate_day, day("2024-01-05"));
        // 100.00 USD / 1.0921 = 91.566706… EUR
        assert_eq!(converted.amount, money(9_157, "EUR"));
        assert_eq!(
            table.convert(money(100, "USD"), currency("EUR"), day("2024-01-03")),
            Err(ConversionError::NoRate {
                currency: "USD",
                day: day("2024-01-03")
            }),
            "nothing earlier: refused, never guessed"
        );
    }

    #[test]
    fn currencies_with_zero_two_and_three_decimals() {
        let table = parse_ecb_csv(HISTORY).expect("parses");
        let on = day("2024-01-05");
        let cases = [
            // 5,000 JPY → EUR: 5000 / 158.08 = 31.6295… EUR
            (money(5_000, "JPY"), "EUR", money(3_163, "EUR")),
            // 25.00 EUR → JPY: 25 × 158.08 = 3952 JPY (no minor units)
            (money(2_500, "EUR"), "JPY", money(3_952, "JPY")),
            // 10.000 KWD → USD: 10 / 0.3360 × 1.0921 = 32.5029… USD
            (money(10_000, "KWD"), "USD", money(3_250, "USD")),
            // 1.00 USD → KWD: 1 / 1.0921 × 0.3360 = 0.30766… KWD → 0.308
            (money(100, "USD"), "KWD", money(308, "KWD")),
            // The same currency converts to itself exactly.
            (money(12_345, "USD"), "USD", money(12_345, "USD")),
        ];
        for (gift, to, expected) in cases {
            let converted = table.convert(gift, currency(to), on).expect("converts");
            assert_eq!(converted.amount, expected, "{gift:?} → {to}");
        }
    }

    #[test]
    fn rounding_is_half_away_from_zero_and_refunds_mirror_gifts() {
        assert_eq!(divide_rounding_half_away(5, 2), 3);
        assert_eq!(divide_rounding_half_away(-5, 2), -3);
        assert_eq!(divide_rounding_half_away(7, 3), 2);
        assert_eq!(divide_rounding_half_away(-7, 3), -2);
        let table = parse_ecb_csv(HISTORY).expect("parses");
        let on = day("2024-01-05");
        let gift = table
            .convert(money(10_000, "USD"), currency("EUR"), on)
            .expect("gift");
        let refund = table
            .convert(money(-10_000, "USD"), currency("EUR"), on)
            .expect("refund");
        assert_eq!(gift.amount.minor, -refund.amount.minor);
    }

    #[test]
    fn bad_rows_are_reported_with_line_and_column_and_nothing_is_kept() {
        let file = "Date,USD,JPY\n\
            2024-01-05,1.0921,158.08\n\
            2024-13-01,1.0,1.0\n\
            2024-01-08,abc,158.0\n\
            2024-01-09,1.09,-3\n\
            2024-01-10,1.09,158.0,9.9\n";
        let problems = parse_ecb_csv(file).expect_err("refused");
        let found: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.line, p.field.as_str()))
            .collect();
        assert_eq!(found, [(3, "Date"), (4, "USD"), (5, "JPY"), (6, "-")]);
        assert!(problems[1]
            .to_string()
            .starts_with("line 4, USD: 'abc' is not a rate"));
        assert_eq!(
            parse_ecb_csv("").expect_err("empty")[0].message,
            "the file is empty"
        );
        assert_eq!(
            parse_ecb_csv("Currency,Rate\nUSD,1.1\n").expect_err("not ECB")[0].line,
            1
        );
    }
}
