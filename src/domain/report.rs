//! Impact figures: what a dashboard, a CSV, the PDF and the transparency page all show, built
//! from the hourly rollups (summed by day) and the few rows around them (stops, touchpoints,
//! imported impressions). Pure: the store reads, this adds up, so every output shows the same
//! numbers.
//!
//! "People reached" is never one sum: attendance (with its source), social reach (the
//! platforms' own figures) and online unique visitors (a HyperLogLog estimate over visitor-days)
//! are kept apart, each with its method.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::reach::Sketch;
use super::supporter::{ActionKind, ActionStatus};

/// Visits of one day through one touchpoint (0: the campaign page opened directly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitCell {
    pub campaign: i64,
    pub touchpoint: i64,
    /// Days since 1970-01-01 (UTC).
    pub day: i64,
    pub people: i64,
    pub scans: i64,
    pub links: i64,
}

/// Actions of one day by touchpoint, engagement (0: none), kind and status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionCell {
    pub campaign: i64,
    pub touchpoint: i64,
    pub engagement: i64,
    pub day: i64,
    pub kind: ActionKind,
    pub status: ActionStatus,
    pub count: i64,
}

/// Received gifts of one day by attribution and currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GiftCell {
    pub campaign: i64,
    /// Empty: none.
    pub touchpoint_code: String,
    pub engagement: i64,
    pub day: i64,
    pub currency: String,
    /// Empty when none of these gifts has a value yet.
    pub reporting_currency: String,
    pub gifts: i64,
    pub kept_minor: i64,
    pub reporting_minor: i64,
    /// Gifts without a value in the reporting currency yet (no rate for their day).
    pub unvalued: i64,
}

/// Social figures of one post, as the platform exported them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpressionCell {
    pub campaign: i64,
    pub platform: String,
    pub touchpoint: Option<i64>,
    pub engagement: Option<i64>,
    pub day: i64,
    pub impressions: i64,
    /// Accounts reached, when the platform reports it.
    pub reach: Option<i64>,
}

/// A commitment or ticket levy not paid yet: promised money, never added to money received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentCell {
    pub campaign: i64,
    pub engagement: Option<i64>,
    /// The day it was announced.
    pub day: i64,
    pub currency: String,
    pub amount_minor: i64,
}

/// A touchpoint as reports group it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TouchpointInfo {
    pub id: i64,
    pub code: String,
    pub campaign: i64,
    pub engagement: Option<i64>,
    pub channel: String,
}

/// An engagement (a stop of a tour, a meeting…) as reports group it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopInfo {
    pub id: i64,
    pub title: String,
    pub city: String,
    /// The local date it takes place, `YYYY-MM-DD`.
    pub date: String,
    pub day: i64,
    pub tour: Option<i64>,
    pub ambassador: Option<i64>,
    pub attendance: Option<i64>,
    pub attendance_source: Option<String>,
    pub campaigns: BTreeSet<i64>,
}

/// What a report covers. `None` everywhere: the whole organization.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub campaign: Option<i64>,
    pub tour: Option<i64>,
    pub ambassador: Option<i64>,
    pub engagement: Option<i64>,
    /// A touchpoint channel, or `direct`.
    pub channel: Option<String>,
    /// Days `[from, to)` since 1970-01-01.
    pub from_day: i64,
    pub to_day: i64,
}

/// Everything a report is built from.
#[derive(Default)]
pub struct ReportInput {
    pub visits: Vec<VisitCell>,
    pub actions: Vec<ActionCell>,
    pub gifts: Vec<GiftCell>,
    pub impressions: Vec<ImpressionCell>,
    pub commitments: Vec<CommitmentCell>,
    pub touchpoints: Vec<TouchpointInfo>,
    pub stops: Vec<StopInfo>,
    /// Visitor ids per touchpoint over the period, merged from the hourly sketches.
    pub sketches: Vec<(i64, i64, Sketch)>,
    /// The organization's reporting currency.
    pub reporting_currency: String,
}

/// The figures of one slice (the whole report, a stop, a channel, a day).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub attendance: i64,
    /// Each stop's attendance source, once ("venue count", "ticket scanner", "estimate").
    pub attendance_sources: BTreeSet<String>,
    pub impressions: i64,
    pub social_reach: i64,
    pub posts: i64,
    pub visits: i64,
    pub scans: i64,
    pub links: i64,
    /// Distinct visitor-days, estimated (see [`super::reach`]).
    pub unique_visitors: f64,
    pub pledges: i64,
    pub pledges_confirmed: i64,
    pub subscriptions: i64,
    pub subscriptions_confirmed: i64,
    pub gifts: i64,
    /// Kept, in the reporting currency.
    pub money_minor: i64,
    /// Kept, in each original currency.
    pub money_by_currency: BTreeMap<String, i64>,
    pub unvalued_gifts: i64,
    /// Open commitments and levies, in each currency: apart from money received.
    pub promised_by_currency: BTreeMap<String, i64>,
}

impl Figures {
    /// Pledges and subscriptions that count (pending or confirmed; not spam, not expired).
    pub fn acted(&self) -> i64 {
        self.pledges + self.subscriptions
    }

    fn add(&mut self, other: &Figures) {
        self.attendance += other.attendance;
        self.attendance_sources
            .extend(other.attendance_sources.iter().cloned());
        self.impressions += other.impressions;
        self.social_reach += other.social_reach;
        self.posts += other.posts;
        self.visits += other.visits;
        self.scans += other.scans;
        self.links += other.links;
        self.pledges += other.pledges;
        self.pledges_confirmed += other.pledges_confirmed;
        self.subscriptions += other.subscriptions;
        self.subscriptions_confirmed += other.subscriptions_confirmed;
        self.gifts += other.gifts;
        self.money_minor += other.money_minor;
        for (currency, minor) in &other.money_by_currency {
            *self.money_by_currency.entry(currency.clone()).or_default() += minor;
        }
        self.unvalued_gifts += other.unvalued_gifts;
        for (currency, minor) in &other.promised_by_currency {
            *self
                .promised_by_currency
                .entry(currency.clone())
                .or_default() += minor;
        }
    }
}

/// One step of the funnel, and its rate against a figure of the same kind.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelStep {
    pub key: &'static str,
    pub count: i64,
    /// `count` over the figure named by `basis`, when that one is above zero.
    pub conversion: Option<f64>,
    /// What the rate is taken of (`attendance`, `unique-visitors`); None where no figure of the
    /// same kind comes before (reach is people at a venue and accounts online, never added).
    pub basis: Option<&'static str>,
}

/// A stop's (or the unattributed remainder's) figures.
#[derive(Debug, Clone, PartialEq)]
pub struct StopFigures {
    /// None: what no stop can be credited with (direct visits, posts about the campaign).
    pub stop: Option<StopInfo>,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DayFigures {
    pub day: i64,
    pub visits: i64,
    pub acted: i64,
    pub gifts: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub total: Figures,
    pub stops: Vec<StopFigures>,
    pub channels: Vec<(String, Figures)>,
    pub days: Vec<DayFigures>,
    pub funnel: Vec<FunnelStep>,
    pub reporting_currency: String,
}

/// The funnel attended → scanned → visited → acted → donated, with social reach beside
/// attendance (never added to it). Each rate compares figures of one kind: QR scans per person
/// in attendance, actions and gifts per unique visitor of the campaign's pages; unique visitors
/// get none (they come from every channel, not only from the venues).
pub fn funnel(figures: &Figures) -> Vec<FunnelStep> {
    let visitors = figures.unique_visitors.round() as i64;
    let rate = |count: i64, basis: &'static str, of: i64| FunnelStep {
        key: "",
        count,
        conversion: (of > 0).then(|| count as f64 / of as f64),
        basis: Some(basis),
    };
    let plain = |key, count| FunnelStep {
        key,
        count,
        conversion: None,
        basis: None,
    };
    vec![
        plain("attended", figures.attendance),
        plain("social-reach", figures.social_reach),
        FunnelStep {
            key: "scanned",
            ..rate(figures.scans, "attendance", figures.attendance)
        },
        plain("visited", visitors),
        FunnelStep {
            key: "acted",
            ..rate(figures.acted(), "unique-visitors", visitors)
        },
        FunnelStep {
            key: "donated",
            ..rate(figures.gifts, "unique-visitors", visitors)
        },
    ]
}

/// Where one record falls: its stop (if any) and its channel.
struct Place {
    stop: Option<i64>,
    channel: String,
}

struct Lookup<'a> {
    scope: &'a Scope,
    touchpoints: HashMap<i64, &'a TouchpointInfo>,
    codes: HashMap<&'a str, &'a TouchpointInfo>,
    stops: HashMap<i64, &'a StopInfo>,
}

impl Lookup<'_> {
    /// The place of a record, or None when the scope leaves it out.
    fn place(
        &self,
        campaign: i64,
        touchpoint: Option<&TouchpointInfo>,
        engagement: Option<i64>,
        day: i64,
    ) -> Option<Place> {
        let scope = self.scope;
        if day < scope.from_day || day >= scope.to_day {
            return None;
        }
        if scope.campaign.is_some_and(|c| c != campaign) {
            return None;
        }
        let stop = engagement
            .filter(|e| *e != 0)
            .or(touchpoint.and_then(|t| t.engagement))
            .filter(|e| self.stops.contains_key(e));
        let channel = touchpoint.map_or_else(|| "direct".to_string(), |t| t.channel.clone());
        if scope.channel.as_ref().is_some_and(|c| *c != channel) {
            return None;
        }
        let info = stop.and_then(|s| self.stops.get(&s));
        if scope.engagement.is_some() && scope.engagement != stop {
            return None;
        }
        if scope.tour.is_some() && scope.tour != info.and_then(|s| s.tour) {
            return None;
        }
        if scope.ambassador.is_some() && scope.ambassador != info.and_then(|s| s.ambassador) {
            return None;
        }
        Some(Place { stop, channel })
    }
}

/// Accumulates figures per stop, channel and day.
#[derive(Default)]
struct Tally {
    stops: BTreeMap<Option<i64>, Figures>,
    channels: BTreeMap<String, Figures>,
    days: BTreeMap<i64, DayFigures>,
}

impl Tally {
    fn at(&mut self, place: &Place, day: i64, change: impl Fn(&mut Figures)) -> &mut DayFigures {
        change(self.stops.entry(place.stop).or_default());
        change(self.channels.entry(place.channel.clone()).or_default());
        self.days.entry(day).or_insert(DayFigures {
            day,
            visits: 0,
            acted: 0,
            gifts: 0,
        })
    }
}

/// Builds the report of `scope` from `input`.
pub fn build(input: &ReportInput, scope: &Scope) -> Report {
    let lookup = Lookup {
        scope,
        touchpoints: input.touchpoints.iter().map(|t| (t.id, t)).collect(),
        codes: input
            .touchpoints
            .iter()
            .map(|t| (t.code.as_str(), t))
            .collect(),
        stops: input.stops.iter().map(|s| (s.id, s)).collect(),
    };
    let mut tally = Tally::default();
    for v in &input.visits {
        let touchpoint = lookup.touchpoints.get(&v.touchpoint).copied();
        if let Some(place) = lookup.place(v.campaign, touchpoint, None, v.day) {
            tally
                .at(&place, v.day, |f| {
                    f.visits += v.people;
                    f.scans += v.scans;
                    f.links += v.links;
                })
                .visits += v.people;
        }
    }
    for a in &input.actions {
        if !matches!(a.status, ActionStatus::Pending | ActionStatus::Confirmed) {
            continue;
        }
        let touchpoint = lookup.touchpoints.get(&a.touchpoint).copied();
        if let Some(place) = lookup.place(a.campaign, touchpoint, Some(a.engagement), a.day) {
            let confirmed = i64::from(a.status == ActionStatus::Confirmed) * a.count;
            tally
                .at(&place, a.day, |f| match a.kind {
                    ActionKind::Pledge => {
                        f.pledges += a.count;
                        f.pledges_confirmed += confirmed;
                    }
                    ActionKind::Subscription => {
                        f.subscriptions += a.count;
                        f.subscriptions_confirmed += confirmed;
                    }
                })
                .acted += a.count;
        }
    }
    for g in &input.gifts {
        let touchpoint = lookup.codes.get(g.touchpoint_code.as_str()).copied();
        if let Some(place) = lookup.place(g.campaign, touchpoint, Some(g.engagement), g.day) {
            let in_reporting = g.reporting_currency == input.reporting_currency;
            tally
                .at(&place, g.day, |f| {
                    f.gifts += g.gifts;
                    *f.money_by_currency.entry(g.currency.clone()).or_default() += g.kept_minor;
                    if in_reporting {
                        f.money_minor += g.reporting_minor;
                        f.unvalued_gifts += g.unvalued;
                    } else {
                        // Valued in another reporting currency (changed since), or not yet.
                        f.unvalued_gifts += g.gifts;
                    }
                })
                .gifts += g.gifts;
        }
    }
    for i in &input.impressions {
        let touchpoint = i
            .touchpoint
            .and_then(|t| lookup.touchpoints.get(&t).copied());
        if let Some(place) = lookup.place(i.campaign, touchpoint, i.engagement, i.day) {
            // Posts are not visits: the day's row gets no visits from them.
            let _ = tally.at(&place, i.day, |f| {
                f.posts += 1;
                f.impressions += i.impressions;
                f.social_reach += i.reach.unwrap_or(i.impressions);
            });
        }
    }
    for c in &input.commitments {
        if let Some(place) = lookup.place(c.campaign, None, c.engagement, c.day) {
            let _ = tally.at(&place, c.day, |f| {
                *f.promised_by_currency
                    .entry(c.currency.clone())
                    .or_default() += c.amount_minor;
            });
        }
    }
    // Every stop in scope that takes place in the period is listed (beside the others, even
    // with nothing recorded yet), and its attendance counted once.
    for stop in &input.stops {
        let in_campaign = scope.campaign.is_none_or(|c| stop.campaigns.contains(&c));
        let place = lookup.place(scope.campaign.unwrap_or(0), None, Some(stop.id), stop.day);
        if !in_campaign || place.is_none() || scope.channel.is_some() {
            continue;
        }
        let figures = tally.stops.entry(Some(stop.id)).or_default();
        let Some(attendance) = stop.attendance else {
            continue;
        };
        figures.attendance += attendance;
        if let Some(source) = &stop.attendance_source {
            figures.attendance_sources.insert(source.clone());
        }
    }
    // Unique visitors: the sketches of each stop's touchpoints (and of all) merged.
    let mut stop_sketches: BTreeMap<Option<i64>, Sketch> = BTreeMap::new();
    let mut channel_sketches: BTreeMap<String, Sketch> = BTreeMap::new();
    let mut all = Sketch::new();
    for (campaign, touchpoint, sketch) in &input.sketches {
        let info = lookup.touchpoints.get(touchpoint).copied();
        // Sketches span the period already; any day inside it places them.
        if let Some(place) = lookup.place(*campaign, info, None, scope.from_day) {
            stop_sketches.entry(place.stop).or_default().merge(sketch);
            channel_sketches
                .entry(place.channel)
                .or_default()
                .merge(sketch);
            all.merge(sketch);
        }
    }
    let mut total = Figures::default();
    let mut stops = Vec::new();
    for (stop, mut figures) in tally.stops {
        if let Some(sketch) = stop_sketches.get_mut(&stop) {
            figures.unique_visitors = sketch.estimate();
        }
        total.add(&figures);
        stops.push(StopFigures {
            stop: stop.and_then(|s| lookup.stops.get(&s).map(|info| (*info).clone())),
            figures,
        });
    }
    total.unique_visitors = all.estimate();
    // Stops in date order, the unattributed remainder last.
    stops.sort_by_key(|s| {
        (
            s.stop.is_none(),
            s.stop.as_ref().map(|i| (i.day, i.id)).unwrap_or_default(),
        )
    });
    let channels = tally
        .channels
        .into_iter()
        .map(|(channel, mut figures)| {
            if let Some(sketch) = channel_sketches.get_mut(&channel) {
                figures.unique_visitors = sketch.estimate();
            }
            (channel, figures)
        })
        .collect();
    Report {
        funnel: funnel(&total),
        total,
        stops,
        channels,
        days: tally.days.into_values().collect(),
        reporting_currency: input.reporting_currency.clone(),
    }
}

/// The period just before `[from, to)`, as long as it.
pub fn previous_period(scope: &Scope) -> Scope {
    let length = scope.to_day - scope.from_day;
    Scope {
        from_day: scope.from_day - length,
        to_day: scope.from_day,
        ..scope.clone()
    }
}

/// The change from `before` to `now` as a share of `before` (None when `before` is zero).
pub fn change(now: i64, before: i64) -> Option<f64> {
    (before != 0).then(|| (now - before) as f64 / before as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(id: i64, day: i64, attendance: i64, tour: i64) -> StopInfo {
        StopInfo {
            id,
            title: format!("Stop {id}"),
            city: "Lyon".into(),
            date: "2026-06-01".into(),
            day,
            tour: Some(tour),
            ambassador: Some(7),
            attendance: Some(attendance),
            attendance_source: Some("venue count".into()),
            campaigns: [1].into(),
        }
    }

    fn touchpoint(id: i64, engagement: Option<i64>, channel: &str) -> TouchpointInfo {
        TouchpointInfo {
            id,
            code: format!("c{id}"),
            campaign: 1,
            engagement,
            channel: channel.into(),
        }
    }

    fn input() -> ReportInput {
        let mut sketch_a = Sketch::new();
        let mut sketch_b = Sketch::new();
        for i in 0..100 {
            sketch_a.insert(&format!("v{i}"));
        }
        for i in 50..150 {
            sketch_b.insert(&format!("v{i}"));
        }
        ReportInput {
            visits: vec![
                VisitCell {
                    campaign: 1,
                    touchpoint: 10,
                    day: 100,
                    people: 120,
                    scans: 100,
                    links: 20,
                },
                VisitCell {
                    campaign: 1,
                    touchpoint: 0,
                    day: 101,
                    people: 30,
                    scans: 0,
                    links: 0,
                },
                // Another campaign: never in campaign 1's report.
                VisitCell {
                    campaign: 2,
                    touchpoint: 0,
                    day: 101,
                    people: 999,
                    scans: 0,
                    links: 0,
                },
            ],
            actions: vec![
                ActionCell {
                    campaign: 1,
                    touchpoint: 10,
                    engagement: 5,
                    day: 100,
                    kind: ActionKind::Pledge,
                    status: ActionStatus::Confirmed,
                    count: 40,
                },
                ActionCell {
                    campaign: 1,
                    touchpoint: 10,
                    engagement: 5,
                    day: 100,
                    kind: ActionKind::Pledge,
                    status: ActionStatus::Pending,
                    count: 10,
                },
                ActionCell {
                    campaign: 1,
                    touchpoint: 10,
                    engagement: 5,
                    day: 100,
                    kind: ActionKind::Pledge,
                    status: ActionStatus::Spam,
                    count: 500,
                },
            ],
            gifts: vec![GiftCell {
                campaign: 1,
                touchpoint_code: "c10".into(),
                engagement: 0,
                day: 100,
                currency: "USD".into(),
                reporting_currency: "EUR".into(),
                gifts: 5,
                kept_minor: 10_000,
                reporting_minor: 9_210,
                unvalued: 0,
            }],
            impressions: vec![ImpressionCell {
                campaign: 1,
                platform: "instagram".into(),
                touchpoint: None,
                engagement: None,
                day: 99,
                impressions: 50_000,
                reach: Some(20_000),
            }],
            commitments: vec![CommitmentCell {
                campaign: 1,
                engagement: Some(5),
                day: 100,
                currency: "EUR".into(),
                amount_minor: 500_000,
            }],
            touchpoints: vec![touchpoint(10, Some(5), "venue_qr")],
            stops: vec![stop(5, 100, 1_000, 3), stop(6, 102, 2_000, 4)],
            sketches: vec![(1, 10, sketch_a), (1, 0, sketch_b)],
            reporting_currency: "EUR".into(),
        }
    }

    fn campaign_scope() -> Scope {
        Scope {
            campaign: Some(1),
            from_day: 90,
            to_day: 110,
            ..Scope::default()
        }
    }

    #[test]
    fn figures_add_up_per_stop_and_in_total() {
        let report = build(&input(), &campaign_scope());
        let t = &report.total;
        assert_eq!(t.visits, 150, "the other campaign's visits stay out");
        assert_eq!((t.scans, t.links), (100, 20));
        assert_eq!((t.pledges, t.pledges_confirmed), (50, 40), "spam left out");
        assert_eq!((t.gifts, t.money_minor), (5, 9_210));
        assert_eq!(t.money_by_currency.get("USD"), Some(&10_000));
        assert_eq!(t.promised_by_currency.get("EUR"), Some(&500_000));
        assert_eq!(t.money_minor, 9_210, "promises are not money received");
        assert_eq!(t.attendance, 3_000);
        assert_eq!(
            (t.impressions, t.social_reach, t.posts),
            (50_000, 20_000, 1)
        );
        assert!(
            (t.unique_visitors - 150.0).abs() < 5.0,
            "{}",
            t.unique_visitors
        );
        let first = &report.stops[0];
        assert_eq!(first.stop.as_ref().map(|s| s.id), Some(5));
        assert_eq!(first.figures.visits, 120);
        assert_eq!(first.figures.gifts, 5, "attributed through its touchpoint");
        assert_eq!(first.figures.attendance, 1_000);
        assert!((first.figures.unique_visitors - 100.0).abs() < 4.0);
        let last = report.stops.last().expect("unattributed");
        assert!(last.stop.is_none());
        assert_eq!(
            (last.figures.visits, last.figures.impressions),
            (30, 50_000)
        );
        let sum: i64 = report.stops.iter().map(|s| s.figures.visits).sum();
        assert_eq!(sum, t.visits);
        assert_eq!(report.days.len(), 3, "days 99, 100, 101");
    }

    #[test]
    fn the_funnel_keeps_reach_apart_and_rates_only_figures_of_one_kind() {
        let report = build(&input(), &campaign_scope());
        let step = |key: &str| {
            report
                .funnel
                .iter()
                .find(|s| s.key == key)
                .cloned()
                .expect(key)
        };
        let keys: Vec<_> = report.funnel.iter().map(|s| s.key).collect();
        assert_eq!(
            keys,
            [
                "attended",
                "social-reach",
                "scanned",
                "visited",
                "acted",
                "donated"
            ]
        );
        // Attendance and social reach side by side, neither rated nor added to the other.
        assert_eq!(
            (step("attended").count, step("attended").basis),
            (3_000, None)
        );
        assert_eq!(step("social-reach").count, 20_000);
        assert!(report.funnel.iter().all(|s| s.count != 23_000));
        // Scans per person in attendance; actions and gifts per unique visitor.
        let scanned = step("scanned");
        assert_eq!(scanned.basis, Some("attendance"));
        assert!((scanned.conversion.expect("rate") - 100.0 / 3_000.0).abs() < 1e-9);
        let visitors = step("visited");
        assert_eq!((visitors.conversion, visitors.basis), (None, None));
        let donated = step("donated");
        assert_eq!(donated.basis, Some("unique-visitors"));
        assert!((donated.conversion.expect("rate") - 5.0 / visitors.count as f64).abs() < 1e-9);
        assert_eq!(step("acted").count, 50);
        let empty = funnel(&Figures::default());
        assert!(
            empty.iter().all(|s| s.conversion.is_none()),
            "no division by zero"
        );
    }

    #[test]
    fn scopes_narrow_to_a_stop_a_tour_a_channel_and_a_period() {
        let stop_only = build(
            &input(),
            &Scope {
                engagement: Some(5),
                ..campaign_scope()
            },
        );
        assert_eq!(stop_only.total.visits, 120);
        assert_eq!(stop_only.total.attendance, 1_000);
        let tour_4 = build(
            &input(),
            &Scope {
                tour: Some(4),
                ..campaign_scope()
            },
        );
        assert_eq!((tour_4.total.visits, tour_4.total.attendance), (0, 2_000));
        let direct = build(
            &input(),
            &Scope {
                channel: Some("direct".into()),
                ..campaign_scope()
            },
        );
        assert_eq!(direct.total.visits, 30);
        assert_eq!(direct.total.attendance, 0, "attendance has no channel");
        let day_100 = Scope {
            from_day: 100,
            to_day: 101,
            ..campaign_scope()
        };
        let one_day = build(&input(), &day_100);
        assert_eq!(
            (one_day.total.visits, one_day.total.attendance),
            (120, 1_000)
        );
        let before = previous_period(&day_100);
        assert_eq!((before.from_day, before.to_day), (99, 100));
        assert_eq!(build(&input(), &before).total.impressions, 50_000);
        assert_eq!(change(150, 100), Some(0.5));
        assert_eq!(change(5, 0), None);
    }
}
