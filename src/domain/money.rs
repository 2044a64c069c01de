//! Money as integer minor units of an ISO 4217 currency: no floating point anywhere.

use thiserror::Error;

use super::validation::{Explain, Problem, Said};

/// Active ISO 4217 currencies and their minor units (decimal places).
const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BDT", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BOB", 2),
    ("BRL", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("CRC", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("KZT", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MXN", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NGN", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PEN", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SOS", 2),
    ("SSP", 2),
    ("SYP", 2),
    ("THB", 2),
    ("TND", 3),
    ("TRY", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("UYU", 2),
    ("UZS", 2),
    ("VES", 2),
    ("VND", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
];

/// An ISO 4217 currency Chorus knows, with its number of decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: &'static str,
    minor_units: u8,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum MoneyError {
    #[error("unknown currency '{0}'; use an ISO 4217 code such as USD, EUR or JPY")]
    UnknownCurrency(String),
    #[error("'{0}' is not an amount (write it like 1250 or 1250.50)")]
    NotAnAmount(String),
    #[error("an amount must be greater than zero")]
    NotPositive,
    #[error("{currency} amounts have at most {places} decimal places")]
    TooPrecise { currency: &'static str, places: u8 },
    #[error("the amount is too large")]
    TooLarge,
}

impl Explain for MoneyError {
    fn explain(&self) -> Problem {
        let english = self.to_string();
        match self {
            MoneyError::UnknownCurrency(code) => {
                Problem::naming("problem-unknown-currency", code, english)
            }
            MoneyError::NotAnAmount(typed) => {
                Problem::naming("problem-not-an-amount", typed, english)
            }
            MoneyError::NotPositive => Problem::new("problem-not-positive", Vec::new(), english),
            MoneyError::TooPrecise { currency, places } => Problem::new(
                "problem-too-precise",
                vec![
                    ("currency", Said::Text((*currency).to_owned())),
                    ("places", Said::Text(places.to_string())),
                ],
                english,
            ),
            MoneyError::TooLarge => Problem::new("problem-amount-too-large", Vec::new(), english),
        }
    }
}

impl Currency {
    pub fn parse(input: &str) -> Result<Self, MoneyError> {
        let code = input.trim().to_ascii_uppercase();
        CURRENCIES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(code, minor_units)| Currency {
                code,
                minor_units: *minor_units,
            })
            .ok_or_else(|| MoneyError::UnknownCurrency(input.trim().chars().take(10).collect()))
    }

    pub fn code(self) -> &'static str {
        self.code
    }

    pub fn minor_units(self) -> u8 {
        self.minor_units
    }
}

/// An amount in minor units (cents; yen; fils) of one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    /// Parses a positive amount written in major units, e.g. `1250.50` USD → 125050.
    pub fn parse_positive(amount: &str, currency: Currency) -> Result<Self, MoneyError> {
        let raw = amount.trim().replace([',', '_', ' '], "");
        let not_amount = || MoneyError::NotAnAmount(amount.trim().chars().take(30).collect());
        if raw.starts_with('-') {
            return Err(MoneyError::NotPositive);
        }
        let (whole, fraction) = raw.split_once('.').unwrap_or((&raw, ""));
        if whole.is_empty() && fraction.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !fraction.chars().all(|c| c.is_ascii_digit())
        {
            return Err(not_amount());
        }
        let places = usize::from(currency.minor_units);
        let significant = fraction.trim_end_matches('0');
        if significant.len() > places {
            return Err(MoneyError::TooPrecise {
                currency: currency.code,
                places: currency.minor_units,
            });
        }
        let padded = format!("{whole}{significant:0<places$}");
        let minor: i64 = padded.parse().map_err(|_| MoneyError::TooLarge)?;
        if minor <= 0 {
            return Err(MoneyError::NotPositive);
        }
        Ok(Self { minor, currency })
    }

    /// The amount in major units without grouping, as a form field shows it: `1250.50`.
    pub fn major_string(self) -> String {
        let places = u32::from(self.currency.minor_units);
        let divisor = 10_i64.pow(places);
        if places == 0 {
            return self.minor.to_string();
        }
        let width = places as usize;
        format!(
            "{}.{:0width$}",
            self.minor / divisor,
            (self.minor % divisor).abs()
        )
    }

    /// `1,250.50 USD`, grouping thousands; for staff screens and reports.
    pub fn display(self) -> String {
        let places = u32::from(self.currency.minor_units);
        let divisor = 10_i64.pow(places);
        let whole = self.minor / divisor;
        let fraction = (self.minor % divisor).abs();
        let digits = whole.abs().to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if self.minor < 0 { "-" } else { "" };
        if places == 0 {
            format!("{sign}{grouped} {}", self.currency.code)
        } else {
            let width = places as usize;
            format!("{sign}{grouped}.{fraction:0width$} {}", self.currency.code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        Currency::parse(code).expect("known")
    }

    #[test]
    fn parses_in_minor_units_per_currency() {
        assert_eq!(
            Money::parse_positive("1250.50", cur("usd")).map(|m| m.minor),
            Ok(125_050)
        );
        assert_eq!(
            Money::parse_positive("1,000", cur("EUR")).map(|m| m.minor),
            Ok(100_000)
        );
        assert_eq!(
            Money::parse_positive("5000", cur("JPY")).map(|m| m.minor),
            Ok(5000)
        );
        assert_eq!(
            Money::parse_positive("1.234", cur("KWD")).map(|m| m.minor),
            Ok(1234)
        );
        assert_eq!(
            Money::parse_positive("2.50", cur("JPY")).err(),
            Some(MoneyError::TooPrecise {
                currency: "JPY",
                places: 0
            })
        );
        assert_eq!(
            Money::parse_positive("3.00", cur("JPY")).map(|m| m.minor),
            Ok(3)
        );
        assert_eq!(
            Money::parse_positive("-5", cur("USD")).err(),
            Some(MoneyError::NotPositive)
        );
        assert_eq!(
            Money::parse_positive("0", cur("USD")).err(),
            Some(MoneyError::NotPositive)
        );
        assert!(matches!(
            Money::parse_positive("12abc", cur("USD")),
            Err(MoneyError::NotAnAmount(_))
        ));
        assert!(matches!(
            Money::parse_positive(".", cur("USD")),
            Err(MoneyError::NotAnAmount(_))
        ));
        assert_eq!(
            Money::parse_positive("99999999999999999999", cur("USD")).err(),
            Some(MoneyError::TooLarge)
        );
        assert!(matches!(
            Currency::parse("XYZ"),
            Err(MoneyError::UnknownCurrency(_))
        ));
    }

    #[test]
    fn displays_with_grouping() {
        let m = Money {
            minor: 123_456_789,
            currency: cur("USD"),
        };
        assert_eq!(m.display(), "1,234,567.89 USD");
        assert_eq!(
            Money {
                minor: 5000,
                currency: cur("JPY")
            }
            .display(),
            "5,000 JPY"
        );
        assert_eq!(
            Money {
                minor: 1005,
                currency: cur("KWD")
            }
            .display(),
            "1.005 KWD"
        );
    }
}
