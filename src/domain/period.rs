//! The periods a report offers in one click, and the days each covers.
//!
//! A report opens on what it is about from its beginning (the campaign's run so far, the tour's
//! stops so far), never on an empty window. A shortcut is a rule, not two dates: choosing
//! another campaign under "last 7 days" keeps the last 7 days, and under "campaign to date"
//! moves to the new campaign's first day, so no stale date range follows a choice.

use jiff::civil::Date;
use jiff::ToSpan;

/// What a report's dates are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// From the first day of what the report covers (campaign, tour, or the organization's
    /// first campaign) to today.
    ToDate,
    /// From the tour's first stop to its last (or today, while it is on the road).
    Tour,
    Last7Days,
    Last30Days,
    /// From the first day anything the organization runs began.
    AllTime,
    /// The dates staff typed.
    Custom,
}

/// The first days the shortcuts start from, found in the organization's records.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bounds {
    /// Where "to date" starts: the campaign's first day, the tour's first stop, else the
    /// organization's first campaign.
    pub to_date_from: Option<Date>,
    /// The chosen tour's first and last stop days.
    pub tour: Option<(Date, Date)>,
    /// The first day of any campaign or stop of the organization.
    pub first_day: Option<Date>,
}

impl Period {
    /// Every period, in the order the page offers them.
    pub const ALL: [Self; 6] = [
        Self::ToDate,
        Self::Tour,
        Self::Last7Days,
        Self::Last30Days,
        Self::AllTime,
        Self::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ToDate => "to-date",
            Self::Tour => "tour",
            Self::Last7Days => "7-days",
            Self::Last30Days => "30-days",
            Self::AllTime => "all",
            Self::Custom => "custom",
        }
    }

    /// The period a query names; without one, typed dates mean "custom" and no dates mean
    /// "to date" (links made before periods existed carry only dates).
    pub fn parse(text: &str, has_dates: bool) -> Result<Self, String> {
        match text.trim() {
            "" if has_dates => Ok(Self::Custom),
            "" => Ok(Self::ToDate),
            text => Self::ALL
                .into_iter()
                .find(|p| p.as_str() == text)
                .ok_or_else(|| {
                    format!(
                        "Period: '{}' is not one of to-date, tour, 7-days, 30-days, all, custom.",
                        text.chars().take(20).collect::<String>()
                    )
                }),
        }
    }

    /// The first and last day (both included) this period covers on `today`; `None` for
    /// [`Period::Custom`], whose days are typed, and for [`Period::Tour`] without a tour.
    /// A window that would start after `today` (a campaign that has not begun) is the 30 days
    /// up to today instead.
    pub fn days(self, today: Date, bounds: &Bounds) -> Option<(Date, Date)> {
        let last_30 = today.saturating_sub(29.days());
        let up_to_today =
            |from: Option<Date>| from.filter(|from| *from <= today).unwrap_or(last_30);
        match self {
            Self::ToDate => Some((up_to_today(bounds.to_date_from), today)),
            Self::Tour => bounds.tour.map(|(first, last)| {
                let from = up_to_today(Some(first));
                (from, last.clamp(from, today))
            }),
            Self::Last7Days => Some((today.saturating_sub(6.days()), today)),
            Self::Last30Days => Some((last_30, today)),
            Self::AllTime => Some((up_to_today(bounds.first_day), today)),
            Self::Custom => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn shortcuts_are_rules_over_today_and_the_records() {
        let today = date(2026, 6, 20);
        let bounds = Bounds {
            to_date_from: Some(date(2026, 5, 1)),
            tour: Some((date(2026, 5, 10), date(2026, 6, 2))),
            first_day: Some(date(2025, 11, 3)),
        };
        let days = |p: Period| p.days(today, &bounds);
        assert_eq!(days(Period::ToDate), Some((date(2026, 5, 1), today)));
        assert_eq!(
            days(Period::Tour),
            Some((date(2026, 5, 10), date(2026, 6, 2)))
        );
        assert_eq!(days(Period::Last7Days), Some((date(2026, 6, 14), today)));
        assert_eq!(days(Period::Last30Days), Some((date(2026, 5, 22), today)));
        assert_eq!(days(Period::AllTime), Some((date(2025, 11, 3), today)));
        assert_eq!(days(Period::Custom), None);

        // A tour still on the road ends today; one not begun, and a campaign not begun, show
        // the last 30 days rather than an empty or backwards window.
        let on_the_road = Bounds {
            tour: Some((date(2026, 6, 1), date(2026, 7, 30))),
            ..bounds
        };
        assert_eq!(
            Period::Tour.days(today, &on_the_road),
            Some((date(2026, 6, 1), today))
        );
        let not_begun = Bounds {
            to_date_from: Some(date(2026, 9, 1)),
            tour: Some((date(2026, 9, 1), date(2026, 9, 30))),
            first_day: None,
        };
        for period in [Period::ToDate, Period::Tour, Period::AllTime] {
            assert_eq!(
                period.days(today, &not_begun),
                Some((date(2026, 5, 22), today)),
                "{period:?}"
            );
        }
        assert_eq!(Period::Tour.days(today, &Bounds::default()), None);
    }

    #[test]
    fn a_period_is_named_or_follows_from_the_dates() {
        assert_eq!(Period::parse("", false), Ok(Period::ToDate));
        assert_eq!(Period::parse("", true), Ok(Period::Custom));
        for period in Period::ALL {
            assert_eq!(Period::parse(period.as_str(), false), Ok(period));
        }
        let refused = Period::parse("fortnight", false).expect_err("unknown");
        assert!(
            refused.starts_with("Period: 'fortnight' is not one of"),
            "{refused}"
        );
    }
}
