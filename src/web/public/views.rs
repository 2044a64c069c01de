//! What a public page shows, loaded once per content version and rendered per language.

use askama::Template;

use super::View;
use crate::clock;
use crate::domain::campaign::CampaignContent;
use crate::domain::donation::{percent_text, CurrencyOption, DonationOptions};
use crate::domain::gift::{self, Raised, ReceivedGift};
use crate::domain::language::Language;
use crate::domain::markdown;
use crate::domain::money::Money;
use crate::domain::supporter::ActionKind;
use crate::domain::time::Timestamp;
use crate::i18n;
use crate::store::{Campaign, Engagement, Org, ReceivedGiftRow, Store, StoreResult};
use crate::web::assets::{FORMS_SCRIPT, PUBLIC_SCRIPT, PUBLIC_STYLESHEET};
use crate::web::AppError;

/// Languages other than `current`, as (code, native name) for the language links.
fn other_languages(current: Language, available: &[Language]) -> Vec<(&'static str, &'static str)> {
    available
        .iter()
        .filter(|l| **l != current)
        .map(|l| (l.code(), l.native_name()))
        .collect()
}

/// What the frame of every public page (`public/base.html`) shows: the title, the
/// organization's name and link, and the page in other languages.
pub struct Frame<'a> {
    pub page_title: String,
    pub description: Option<&'a str>,
    pub stylesheet: &'a str,
    pub org_slug: &'a str,
    pub org_name: &'a str,
    pub other_languages: Vec<(&'static str, &'static str)>,
}

impl<'a> Frame<'a> {
    /// A page of `org` titled `page_title`, with no description.
    pub fn new(
        org: &'a Org,
        page_title: String,
        other_languages: Vec<(&'static str, &'static str)>,
    ) -> Self {
        Self {
            page_title,
            description: None,
            stylesheet: &PUBLIC_STYLESHEET,
            org_slug: &org.slug,
            org_name: &org.name,
            other_languages,
        }
    }
}

/// Implements the `t("key")` helper templates use for interface strings.
macro_rules! translated {
    ($($page:ty),*) => {$(
        impl $page {
            fn t(&self, key: &str) -> String {
                i18n::text(self.lang, key)
            }
        }
    )*};
}

/// A count on a public page with its label in the plural form the count takes, and every form
/// of that label for the page's script, which updates the count live (`data-forms`).
pub struct Counted {
    pub number: String,
    pub label: String,
    pub forms: String,
}

impl Counted {
    pub fn new(lang: Language, key: &str, count: i64) -> Self {
        Self {
            number: i18n::number(lang, count),
            label: i18n::counted(lang, key, count, &[]),
            forms: i18n::plural_forms(lang, key),
        }
    }
}

pub struct Hero {
    pub id: i64,
    pub width: i64,
    pub height: i64,
}

/// A campaign's public page data.
pub struct CampaignView {
    org: Org,
    campaign: Campaign,
    contents: Vec<(Language, CampaignContent)>,
    languages: Vec<Language>,
    ambassadors: Vec<String>,
    hero: Option<Hero>,
    events: Vec<Engagement>,
    /// Confirmed pledges when loaded.
    pledges: i64,
    /// Gifts received toward the money goal (in its currency) when loaded, and donors.
    raised: Raised,
    /// Whether the organization takes gifts online (the page offers "Donate").
    takes_gifts: bool,
    /// Whether the campaign took support when loaded (live and not past its last day).
    open: bool,
    /// When an open campaign closes (after its last day), if it has one.
    closes_at: Option<Timestamp>,
    /// Staff's preview of a page that may not be public yet.
    preview: bool,
}

impl CampaignView {
    pub fn org_id(&self) -> crate::domain::ids::OrgId {
        self.org.id
    }

    pub fn campaign_id(&self) -> crate::domain::ids::CampaignId {
        self.campaign.id
    }

    /// None when the page is not public: unknown, draft or archived.
    pub async fn load(
        store: &Store,
        org_slug: &str,
        campaign_slug: &str,
    ) -> StoreResult<Option<Self>> {
        let Some(org) = store.org_by_slug(org_slug).await? else {
            return Ok(None);
        };
        let Some(campaign) = store.campaign_by_slug(org.id, campaign_slug).await? else {
            return Ok(None);
        };
        if !campaign.status.is_public() || campaign.archived {
            return Ok(None);
        }
        Self::assemble(store, org, campaign, false).await.map(Some)
    }

    /// Any campaign of `org`, public or not, for staff to preview exactly as the public would
    /// see it (marked as a preview).
    pub async fn preview(store: &Store, org: Org, campaign: Campaign) -> StoreResult<Self> {
        Self::assemble(store, org, campaign, true).await
    }

    /// The previewed page in `lang` when the campaign has it, else in its own language.
    pub fn render_preview(&self, lang: Option<Language>) -> Result<String, AppError> {
        let lang = lang
            .filter(|l| self.languages.contains(l))
            .unwrap_or_else(|| self.default_language());
        self.render(lang, None)
    }

    async fn assemble(
        store: &Store,
        org: Org,
        campaign: Campaign,
        preview: bool,
    ) -> StoreResult<Self> {
        let contents = store
            .campaign_contents(campaign.org_id, campaign.id)
            .await?;
        // The languages the campaign has text in, of those its organization works in.
        let mut languages: Vec<Language> = contents
            .iter()
            .map(|(l, _)| *l)
            .filter(|l| org.languages.contains(l))
            .collect();
        languages.sort();
        if languages.is_empty() {
            languages.push(campaign.settings.default_language);
        }
        let involved = store
            .campaign_ambassador_ids(campaign.org_id, campaign.id)
            .await?;
        let ambassadors = store
            .ambassadors(org.id, false)
            .await?
            .into_iter()
            .filter(|a| involved.contains(&a.id))
            .map(|a| a.name)
            .collect();
        let hero = match campaign.hero_image_id {
            Some(id) => store.image(id).await?.map(|img| Hero {
                id: img.id,
                width: img.width,
                height: img.height,
            }),
            None => None,
        };
        let events = store
            .campaign_engagements(campaign.org_id, campaign.id)
            .await?;
        let pledges = store
            .action_counts(campaign.org_id, campaign.id)
            .await?
            .pledges;
        let takes_gifts = store.payment_settings(org.id).await?.is_some();
        let raised = match campaign.settings.goal_money {
            Some(goal) => {
                let gifts: Vec<ReceivedGift> = store
                    .campaign_received_gifts(campaign.org_id, campaign.id.0)
                    .await?
                    .into_iter()
                    .filter_map(ReceivedGiftRow::received)
                    .collect();
                gift::raised(&gifts, goal.currency)
            }
            None => Raised::default(),
        };
        let open = campaign
            .status
            .takes_support(campaign.settings.ends_on, clock::now());
        let closes_at = campaign
            .settings
            .ends_on
            .filter(|_| open)
            .map(crate::domain::campaign::closes_at);
        Ok(Self {
            org,
            campaign,
            contents,
            languages,
            ambassadors,
            hero,
            events,
            pledges,
            raised,
            takes_gifts,
            open,
            closes_at,
            preview,
        })
    }
}

pub struct ProgressBar {
    label: String,
    goal: i64,
    value: i64,
}

pub struct EventLine {
    title: String,
    place: String,
    when: String,
    datetime: String,
}

#[derive(Template)]
#[template(path = "public/campaign.html")]
struct CampaignPage<'a> {
    frame: Frame<'a>,
    lang: Language,
    kind_label: String,
    title: &'a str,
    dates: Option<String>,
    ended: bool,
    hero: Option<&'a Hero>,
    summary: &'a str,
    ambassadors: String,
    progress: Vec<ProgressBar>,
    call_to_action: &'a str,
    story_html: String,
    events: Vec<EventLine>,
    campaign_slug: &'a str,
    /// Staff's preview: said on the page.
    preview: bool,
    /// Whether people can still act (the campaign is live).
    open: bool,
    pledges: Counted,
    /// Donors so far, once there is one.
    donors: Option<Counted>,
    takes_gifts: bool,
    /// Whether the organization publishes the campaign's figures (a link to them).
    transparency: bool,
    script: &'a str,
    /// The touchpoint the visitor came through, carried into the action forms.
    touchpoint: Option<&'a str>,
}
translated!(CampaignPage<'_>);

impl View for CampaignView {
    fn languages(&self) -> &[Language] {
        &self.languages
    }

    fn fresh_until(&self) -> Option<Timestamp> {
        self.closes_at
    }

    fn default_language(&self) -> Language {
        let preferred = [
            self.campaign.settings.default_language,
            self.org.default_language,
        ];
        preferred
            .into_iter()
            .find(|l| self.languages.contains(l))
            .unwrap_or(self.languages[0])
    }

    fn render(&self, lang: Language, touchpoint: Option<&str>) -> Result<String, AppError> {
        let settings = &self.campaign.settings;
        let fallback = CampaignContent {
            title: settings.theme.clone(),
            summary: String::new(),
            story: String::new(),
            call_to_action: String::new(),
        };
        let content = self
            .contents
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(&fallback, |(_, c)| c);
        let dates = match (settings.starts_on, settings.ends_on) {
            (Some(start), Some(end)) => Some(i18n::text_with(
                lang,
                "dates-range",
                &[
                    ("start", &i18n::date(lang, start)),
                    ("end", &i18n::date(lang, end)),
                ],
            )),
            (Some(start), None) => Some(i18n::text_with(
                lang,
                "dates-from",
                &[("start", &i18n::date(lang, start))],
            )),
            _ => None,
        };
        let mut progress = Vec::new();
        if let Some(goal) = settings.goal_money {
            let raised = Money {
                minor: self.raised.minor,
                currency: goal.currency,
            };
            let label = i18n::text_with(
                lang,
                "raised-of-goal",
                &[
                    ("raised", &i18n::price(lang, raised)),
                    ("goal", &i18n::price(lang, goal)),
                ],
            );
            progress.push(ProgressBar {
                label,
                goal: goal.minor,
                value: self.raised.minor.min(goal.minor),
            });
        }
        if let Some(goal) = settings.goal_actions {
            let label = i18n::text_with(
                lang,
                "actions-of-goal",
                &[
                    ("count", &i18n::number(lang, self.pledges)),
                    ("goal", &i18n::number(lang, goal)),
                ],
            );
            progress.push(ProgressBar {
                label,
                goal,
                value: self.pledges.min(goal),
            });
        }
        let events = self
            .events
            .iter()
            .map(|e| {
                let s = &e.settings;
                let names = s.names_in(&e.words, lang);
                let place = if names.venue.is_empty() {
                    names.city.to_owned()
                } else {
                    let parts = [("venue", names.venue), ("city", names.city)];
                    i18n::text_with(lang, "event-at", &parts)
                };
                EventLine {
                    title: names.title.to_owned(),
                    place,
                    when: i18n::date_time(lang, s.starts_at_local),
                    datetime: s.starts_at_local.strftime("%Y-%m-%dT%H:%M").to_string(),
                }
            })
            .collect();
        let page = CampaignPage {
            lang,
            frame: Frame {
                description: (!content.summary.is_empty()).then_some(content.summary.as_str()),
                ..self.frame(lang, format!("{} · {}", content.title, self.org.name))
            },
            kind_label: i18n::text(lang, &format!("kind-{}", settings.kind.as_str())),
            title: &content.title,
            dates,
            ended: !self.open,
            hero: self.hero.as_ref(),
            summary: &content.summary,
            ambassadors: self.ambassadors.join(", "),
            progress,
            call_to_action: &content.call_to_action,
            story_html: markdown::render(&content.story),
            events,
            campaign_slug: &settings.slug,
            preview: self.preview,
            open: self.open,
            pledges: Counted::new(lang, "pledges-count", self.pledges),
            donors: (self.raised.donors > 0)
                .then(|| Counted::new(lang, "donors-count", self.raised.donors)),
            takes_gifts: self.takes_gifts,
            transparency: self.campaign.transparency_public,
            script: &PUBLIC_SCRIPT,
            touchpoint,
        };
        Ok(page.render()?)
    }
}

/// An organization's page data: its live campaigns with their text in every language they have.
pub struct OrgView {
    org: Org,
    campaigns: Vec<(Campaign, Vec<(Language, CampaignContent)>)>,
    /// Confirmed pledges by campaign when loaded.
    pledges: std::collections::HashMap<crate::domain::ids::CampaignId, i64>,
    /// When the first of the listed campaigns closes (after its last day), if one has a last day.
    closes_at: Option<Timestamp>,
}

impl OrgView {
    /// The organization's campaigns that take support now: live and not past their last day.
    pub async fn load(store: &Store, org_slug: &str) -> StoreResult<Option<Self>> {
        let Some(org) = store.org_by_slug(org_slug).await? else {
            return Ok(None);
        };
        let now = clock::now();
        let mut campaigns = Vec::new();
        for campaign in store.campaigns(org.id, false).await? {
            if campaign
                .status
                .takes_support(campaign.settings.ends_on, now)
            {
                let contents = store
                    .campaign_contents(campaign.org_id, campaign.id)
                    .await?;
                campaigns.push((campaign, contents));
            }
        }
        let pledges = store
            .org_action_counts(org.id)
            .await?
            .into_iter()
            .map(|(campaign, counts)| (campaign, counts.pledges))
            .collect();
        let closes_at = campaigns
            .iter()
            .filter_map(|(c, _)| c.settings.ends_on.map(crate::domain::campaign::closes_at))
            .min();
        Ok(Some(Self {
            org,
            campaigns,
            pledges,
            closes_at,
        }))
    }
}

struct CampaignCard<'a> {
    slug: &'a str,
    pledges: Counted,
    lang: &'static str,
    dir: &'static str,
    title: &'a str,
    summary: &'a str,
}

#[derive(Template)]
#[template(path = "public/org.html")]
struct OrgPage<'a> {
    frame: Frame<'a>,
    lang: Language,
    heading: String,
    campaigns: Vec<CampaignCard<'a>>,
    script: &'a str,
}
translated!(OrgPage<'_>);

impl View for OrgView {
    fn languages(&self) -> &[Language] {
        &self.org.languages
    }

    fn fresh_until(&self) -> Option<Timestamp> {
        self.closes_at
    }

    fn default_language(&self) -> Language {
        self.org.default_language
    }

    fn render(&self, lang: Language, _touchpoint: Option<&str>) -> Result<String, AppError> {
        let cards = self
            .campaigns
            .iter()
            .map(|(campaign, contents)| {
                let chosen = contents
                    .iter()
                    .find(|(l, _)| *l == lang)
                    .or_else(|| {
                        contents
                            .iter()
                            .find(|(l, _)| *l == campaign.settings.default_language)
                    })
                    .or(contents.first());
                let (content_lang, title, summary) = match chosen {
                    Some((l, c)) => (*l, c.title.as_str(), c.summary.as_str()),
                    None => (
                        campaign.settings.default_language,
                        campaign.settings.theme.as_str(),
                        "",
                    ),
                };
                let pledges = self.pledges.get(&campaign.id).copied().unwrap_or(0);
                CampaignCard {
                    slug: &campaign.settings.slug,
                    pledges: Counted::new(lang, "pledges-count", pledges),
                    lang: content_lang.code(),
                    dir: content_lang.dir(),
                    title,
                    summary,
                }
            })
            .collect();
        let heading = i18n::text_with(lang, "org-campaigns", &[("org", &self.org.name)]);
        let page = OrgPage {
            lang,
            frame: Frame::new(
                &self.org,
                heading.clone(),
                other_languages(lang, &self.org.languages),
            ),
            heading,
            campaigns: cards,
            script: &PUBLIC_SCRIPT,
        };
        Ok(page.render()?)
    }
}

#[derive(Template)]
#[template(path = "public/not_found.html")]
struct NotFoundPage<'a> {
    lang: Language,
    stylesheet: &'a str,
    heading: String,
    text: String,
}

pub fn not_found(lang: Language) -> Result<String, AppError> {
    notice(lang, "page-not-found", "page-not-found-text")
}

/// A page outside any organization: a heading and a sentence.
pub fn notice(lang: Language, heading_key: &str, text_key: &str) -> Result<String, AppError> {
    Ok(NotFoundPage {
        lang,
        stylesheet: &PUBLIC_STYLESHEET,
        heading: i18n::text(lang, heading_key),
        text: i18n::text(lang, text_key),
    }
    .render()?)
}

/// What a visitor typed into an action form, shown again when something needs correcting.
#[derive(Default)]
pub struct FormValues {
    pub name: String,
    pub email: String,
    pub country: String,
    pub message: String,
    pub show_name: bool,
    pub also_subscribe: bool,
    /// A re-shown form keeps the consent box as the person left it.
    pub consent: bool,
}

/// One rendering of the pledge or subscription form.
pub struct ActionFormState<'a> {
    pub kind: ActionKind,
    pub token: &'a str,
    pub touchpoint: Option<&'a str>,
    pub values: FormValues,
    pub problems: Vec<String>,
}

#[derive(Template)]
#[template(path = "public/act.html")]
struct ActionFormPage<'a> {
    frame: Frame<'a>,
    lang: Language,
    script: &'a str,
    campaign_slug: &'a str,
    title: &'a str,
    heading: String,
    kind: &'static str,
    pledge: bool,
    token: &'a str,
    touchpoint: Option<&'a str>,
    values: &'a FormValues,
    problems: &'a [String],
    consent: String,
    button: String,
    pow_bits: u32,
}
translated!(ActionFormPage<'_>);

impl CampaignView {
    /// The frame of one of the campaign's pages in `lang`.
    fn frame(&self, lang: Language, page_title: String) -> Frame<'_> {
        Frame::new(
            &self.org,
            page_title,
            other_languages(lang, &self.languages),
        )
    }

    pub fn org_name(&self) -> &str {
        &self.org.name
    }

    pub fn org_slug(&self) -> &str {
        &self.org.slug
    }

    pub fn campaign_slug(&self) -> &str {
        &self.campaign.settings.slug
    }

    /// Whether the organization publishes the campaign's transparency page.
    pub fn transparency_public(&self) -> bool {
        self.campaign.transparency_public
    }

    /// The first day the campaign's public figures cover: its start, else its creation.
    pub fn starts_on(&self) -> Option<jiff::civil::Date> {
        self.campaign.settings.starts_on
    }

    /// The public transparency page: the report's key figures with how each is counted, the
    /// funnel, and every stop. Only figures: no supporter is named.
    pub fn render_transparency(
        &self,
        lang: Language,
        tables: &[crate::report::Table],
        period: String,
        funnel_chart: String,
    ) -> Result<String, AppError> {
        let table = |key: &str| tables.iter().find(|t| t.key == key);
        let figures = table("figures")
            .map(|t| {
                t.rows
                    .iter()
                    .map(|row| {
                        (
                            row[0].display(lang),
                            row[1].display(lang),
                            row[4].display(lang),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        const STOP_COLUMNS: [usize; 10] = [0, 1, 2, 3, 4, 5, 6, 8, 10, 11];
        let (stop_columns, stops) = table("stops")
            .map(|t| {
                (
                    STOP_COLUMNS.iter().map(|i| t.columns[*i].clone()).collect(),
                    t.rows
                        .iter()
                        .map(|row| STOP_COLUMNS.iter().map(|i| row[*i].display(lang)).collect())
                        .collect(),
                )
            })
            .unwrap_or_default();
        let page = TransparencyPage {
            frame: self.frame(
                lang,
                format!(
                    "{} — {}",
                    self.title(lang),
                    i18n::text(lang, "transparency-title")
                ),
            ),
            lang,
            title: self.title(lang),
            period,
            figures,
            funnel_chart,
            stop_columns,
            stops,
            back: format!(
                "/{}/{}?lang={}",
                self.org.slug,
                self.campaign.settings.slug,
                lang.code()
            ),
        };
        Ok(page.render()?)
    }

    pub fn goal_money(&self) -> Option<Money> {
        self.campaign.settings.goal_money
    }

    pub fn goal_actions(&self) -> Option<i64> {
        self.campaign.settings.goal_actions
    }

    /// Confirmed pledges when the page was loaded (the page cache reloads it as counts move).
    pub fn confirmed_pledges(&self) -> i64 {
        self.pledges
    }

    /// Whether the campaign takes actions and new gifts (as loaded: a loaded view is not used
    /// past the campaign's closing, see [`View::fresh_until`]).
    pub fn open(&self) -> bool {
        self.open
    }

    /// The campaign's title in `lang` (its theme when it has no text in that language).
    pub fn title(&self, lang: Language) -> &str {
        self.contents
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(self.campaign.settings.theme.as_str(), |(_, c)| {
                c.title.as_str()
            })
    }

    /// The consent wording shown with a form of `kind` in `lang`: stored verbatim with each action.
    pub fn consent_text(&self, lang: Language, kind: ActionKind) -> String {
        let key = match kind {
            ActionKind::Pledge => "consent-pledge",
            ActionKind::Subscription => "consent-subscription",
        };
        i18n::text_with(lang, key, &[("org", &self.org.name)])
    }

    pub fn render_action_form(
        &self,
        lang: Language,
        form: &ActionFormState<'_>,
    ) -> Result<String, AppError> {
        let pledge = form.kind == ActionKind::Pledge;
        let heading = if pledge {
            i18n::text(lang, "pledge-heading")
        } else {
            i18n::text_with(lang, "subscribe-heading", &[("org", &self.org.name)])
        };
        let title = self.title(lang);
        let page = ActionFormPage {
            lang,
            frame: self.frame(lang, format!("{heading} · {title}")),
            script: &FORMS_SCRIPT,
            campaign_slug: &self.campaign.settings.slug,
            title,
            heading,
            kind: if pledge { "pledge" } else { "subscribe" },
            pledge,
            token: form.token,
            touchpoint: form.touchpoint,
            values: &form.values,
            problems: &form.problems,
            consent: self.consent_text(lang, form.kind),
            button: i18n::text(
                lang,
                if pledge {
                    "button-pledge"
                } else {
                    "button-subscribe"
                },
            ),
            pow_bits: crate::domain::supporter::PROOF_OF_WORK_BITS,
        };
        Ok(page.render()?)
    }

    /// A short page (thank you, confirmed, link invalid) in the campaign's frame.
    pub fn render_message(
        &self,
        lang: Language,
        heading_key: &str,
        text_key: &str,
    ) -> Result<String, AppError> {
        self.render_message_with(lang, heading_key, text_key, None)
    }

    /// A message about this campaign with a sentence more (`note`, already in `lang`).
    pub fn render_message_with(
        &self,
        lang: Language,
        heading_key: &str,
        text_key: &str,
        note: Option<String>,
    ) -> Result<String, AppError> {
        let back = format!(
            "/{}/{}?lang={}",
            self.org.slug,
            self.campaign.settings.slug,
            lang.code()
        );
        message_page(
            lang,
            &self.org,
            Some(back),
            (heading_key, text_key),
            note,
            None,
        )
    }

    /// The thank-you after acting: the message, then the share step, which sends friends to the
    /// campaign page at `base_url`, in `lang`.
    pub fn render_thanks(
        &self,
        lang: Language,
        (heading_key, text_key): (&str, &str),
        note: Option<String>,
        base_url: &url::Url,
    ) -> Result<String, AppError> {
        let path = format!(
            "{}/{}?lang={}",
            self.org.slug,
            self.campaign.settings.slug,
            lang.code()
        );
        let url = base_url
            .join(&path)
            .map_or_else(|_| format!("/{path}"), |u| u.to_string());
        let title = self.title(lang).to_owned();
        let share = Share::new(
            i18n::text_with(lang, "share-text", &[("campaign", &title)]),
            url,
            title,
        );
        let back = Some(format!("/{path}"));
        message_page(
            lang,
            &self.org,
            back,
            (heading_key, text_key),
            note,
            Some(share),
        )
    }
}

/// The share step: links that open the apps people share with (plain links: nothing is loaded
/// from them), the link itself to copy, and for the page's script the phone's share sheet.
struct Share {
    title: String,
    text: String,
    url: String,
    whatsapp: String,
    telegram: String,
    x: String,
    email: String,
}

impl Share {
    fn new(text: String, url: String, title: String) -> Self {
        let encode =
            |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        let (text_q, url_q) = (encode(&text), encode(&url));
        let message = encode(&format!("{text} {url}"));
        Self {
            whatsapp: format!("https://wa.me/?text={message}"),
            telegram: format!("https://t.me/share/url?url={url_q}&text={text_q}"),
            x: format!("https://x.com/intent/post?text={text_q}&url={url_q}"),
            email: format!("mailto:?subject={}&body={message}", encode(&title)),
            title,
            text,
            url,
        }
    }
}

#[derive(Template)]
#[template(path = "public/transparency.html")]
struct TransparencyPage<'a> {
    frame: Frame<'a>,
    lang: Language,
    title: &'a str,
    period: String,
    /// (figure, value, how it is counted).
    figures: Vec<(String, String, String)>,
    funnel_chart: String,
    stop_columns: Vec<String>,
    stops: Vec<Vec<String>>,
    back: String,
}
translated!(TransparencyPage<'_>);

/// A preset amount button of the donate form.
pub struct PresetChoice {
    value: String,
    label: String,
    chosen: bool,
}

/// One rendering of the donate form.
pub struct DonateFormState<'a> {
    pub token: &'a str,
    pub touchpoint: Option<&'a str>,
    pub options: &'a DonationOptions,
    pub option: &'a CurrencyOption,
    pub fee_basis_points: i32,
    /// What the donor sent, shown again with the problems.
    pub amount: &'a str,
    pub other_amount: &'a str,
    pub monthly: bool,
    pub cover_fee: bool,
    pub problems: Vec<String>,
    /// The proof of work this client's form must carry (more for a busy address).
    pub pow_bits: u32,
}

#[derive(Template)]
#[template(path = "public/donate.html")]
struct DonatePage<'a> {
    frame: Frame<'a>,
    lang: Language,
    script: &'a str,
    campaign_slug: &'a str,
    title: &'a str,
    token: &'a str,
    touchpoint: Option<&'a str>,
    currencies: Vec<&'static str>,
    currency: &'static str,
    presets: Vec<PresetChoice>,
    other_amount: &'a str,
    monthly: bool,
    cover_fee: bool,
    cover_fee_label: String,
    problems: &'a [String],
    pow_bits: u32,
}
translated!(DonatePage<'_>);

impl CampaignView {
    pub fn render_donate_form(
        &self,
        lang: Language,
        form: &DonateFormState<'_>,
    ) -> Result<String, AppError> {
        let option = form.option;
        let title = self.title(lang);
        let heading = i18n::text(lang, "donate-heading");
        // A first view has one amount chosen already (the lower middle one), as donors expect;
        // a form shown again keeps the donor's choice, or none when they typed their own.
        let untouched = form.amount.is_empty() && form.other_amount.is_empty();
        let suggested = option.presets.len().saturating_sub(1) / 2;
        let presets = option
            .presets
            .iter()
            .enumerate()
            .map(|(index, minor)| {
                let money = option.money(*minor);
                let value = money.major_string();
                PresetChoice {
                    chosen: form.amount == value || (untouched && index == suggested),
                    label: i18n::price(lang, money),
                    value,
                }
            })
            .collect();
        let page = DonatePage {
            lang,
            frame: self.frame(lang, format!("{heading} · {title}")),
            script: &FORMS_SCRIPT,
            campaign_slug: &self.campaign.settings.slug,
            title,
            token: form.token,
            touchpoint: form.touchpoint,
            currencies: form
                .options
                .currencies
                .iter()
                .map(|c| c.currency.code())
                .collect(),
            currency: option.currency.code(),
            presets,
            other_amount: form.other_amount,
            monthly: form.monthly,
            cover_fee: form.cover_fee,
            cover_fee_label: i18n::text_with(
                lang,
                "field-cover-fee",
                &[("percent", &percent_text(form.fee_basis_points))],
            ),
            problems: &form.problems,
            pow_bits: form.pow_bits,
        };
        Ok(page.render()?)
    }
}

#[derive(Template)]
#[template(path = "public/message.html")]
struct MessagePage<'a> {
    frame: Frame<'a>,
    lang: Language,
    heading: String,
    text: String,
    /// A sentence more: where a signer stands in the public count.
    note: Option<String>,
    back: Option<String>,
    share: Option<Share>,
    script: &'a str,
}
translated!(MessagePage<'_>);

/// A short page of an organization: a heading and a sentence (by their keys), perhaps a
/// sentence more, and a link back.
fn message_page(
    lang: Language,
    org: &Org,
    back: Option<String>,
    (heading_key, text_key): (&str, &str),
    note: Option<String>,
    share: Option<Share>,
) -> Result<String, AppError> {
    let heading = i18n::text(lang, heading_key);
    Ok(MessagePage {
        lang,
        frame: Frame::new(org, format!("{heading} · {}", org.name), Vec::new()),
        heading,
        text: i18n::text(lang, text_key),
        note,
        back,
        share,
        script: &PUBLIC_SCRIPT,
    }
    .render()?)
}
