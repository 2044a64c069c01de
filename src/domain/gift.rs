//! What gifts add up to: money kept (a gift less its refunds and the disputes it lost), in the
//! gift's currency and in the reporting currency at the rate fixed on the gift, and donors: people
//! whose money was kept (a gift refunded in full or lost in a dispute makes nobody a donor; a
//! monthly donor is one donor however many months they give).

use std::collections::HashSet;

use super::exchange::divide_rounding_half_away;
use super::money::{Currency, Money};

/// One received gift, as totals need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedGift {
    pub amount: Money,
    pub refunded_minor: i64,
    pub lost_minor: i64,
    /// The gift's value in the reporting currency, fixed when recorded (None: no rate yet).
    pub reporting: Option<Money>,
    /// The subscription of a monthly gift, else the payment: one donor each.
    pub donor_key: String,
}

impl ReceivedGift {
    /// Kept, in the gift's currency: never below zero.
    pub fn kept_minor(&self) -> i64 {
        (self.amount.minor - self.refunded_minor - self.lost_minor).max(0)
    }

    /// Kept, in the reporting currency: the fixed value scaled by the share kept, rounded once.
    pub fn kept_reporting(&self) -> Option<Money> {
        let reporting = self.reporting?;
        if self.amount.minor == 0 {
            return Some(Money {
                minor: 0,
                ..reporting
            });
        }
        let scaled = divide_rounding_half_away(
            i128::from(reporting.minor) * i128::from(self.kept_minor()),
            i128::from(self.amount.minor),
        );
        Some(Money {
            minor: i64::try_from(scaled).unwrap_or(i64::MAX),
            ..reporting
        })
    }
}

/// A campaign's received money toward a goal in `goal`, and its donors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Raised {
    pub minor: i64,
    pub donors: i64,
    /// Gifts left out of `minor`: neither in the goal's currency nor with a value in it.
    pub uncounted: i64,
}

/// Sums gifts toward a goal currency: a gift in that currency counts as itself; another counts
/// at its fixed reporting value when the reporting currency is the goal's.
pub fn raised(gifts: &[ReceivedGift], goal: Currency) -> Raised {
    let mut total = Raised::default();
    let mut donors = HashSet::new();
    for gift in gifts {
        if gift.kept_minor() > 0 {
            donors.insert(gift.donor_key.as_str());
        }
        if gift.amount.currency == goal {
            total.minor += gift.kept_minor();
        } else if let Some(kept) = gift.kept_reporting().filter(|m| m.currency == goal) {
            total.minor += kept.minor;
        } else {
            total.uncounted += 1;
        }
    }
    total.donors = i64::try_from(donors.len()).unwrap_or(i64::MAX);
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(minor: i64, code: &str) -> Money {
        Money {
            minor,
            currency: Currency::parse(code).expect("currency"),
        }
    }

    fn gift(
        amount: Money,
        refunded: i64,
        lost: i64,
        reporting: Option<Money>,
        donor: &str,
    ) -> ReceivedGift {
        ReceivedGift {
            amount,
            refunded_minor: refunded,
            lost_minor: lost,
            reporting,
            donor_key: donor.into(),
        }
    }

    #[test]
    fn refunds_and_lost_disputes_come_off_and_monthly_donors_count_once() {
        let eur = Currency::parse("EUR").expect("EUR");
        let gifts = [
            gift(
                money(2500, "EUR"),
                1000,
                0,
                Some(money(2500, "EUR")),
                "pi_1",
            ),
            gift(
                money(5000, "EUR"),
                0,
                5000,
                Some(money(5000, "EUR")),
                "pi_2",
            ),
            // A month of a monthly gift, twice: one donor.
            gift(money(1000, "USD"), 0, 0, Some(money(921, "EUR")), "sub_1"),
            gift(money(1000, "USD"), 0, 0, Some(money(917, "EUR")), "sub_1"),
            // 1,500 yen half refunded: 9.21 EUR × 750/1500 = 4.605 → 4.61.
            gift(money(1500, "JPY"), 750, 0, Some(money(921, "EUR")), "pi_3"),
            gift(money(3000, "KWD"), 0, 0, None, "pi_4"),
            // Refunded in full.
            gift(
                money(2000, "EUR"),
                2000,
                0,
                Some(money(2000, "EUR")),
                "pi_5",
            ),
        ];
        let total = raised(&gifts, eur);
        // 15.00 kept of the first, nothing of the second (lost) or the last (refunded), both
        // months, 4.61.
        assert_eq!(total.minor, 1500 + 921 + 917 + 461);
        // pi_1, sub_1, pi_3, pi_4: the lost and the refunded gift made nobody a donor.
        assert_eq!(total.donors, 4);
        assert_eq!(total.uncounted, 1, "no rate yet for the KWD gift");
        assert_eq!(gifts[1].kept_minor(), 0);
        assert_eq!(
            gift(money(100, "EUR"), 500, 0, None, "x").kept_minor(),
            0,
            "never below zero"
        );
    }
}
