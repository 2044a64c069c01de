//! What a public page shows, loaded once per content version and rendered per language.

use askama::Template;

use super::View;
use crate::domain::campaign::{CampaignContent, CampaignStatus};
use crate::domain::language::Language;
use crate::domain::markdown;
use crate::i18n;
use crate::store::{Campaign, Engagement, Org, Store, StoreResult};
use crate::web::assets::PUBLIC_STYLESHEET;
use crate::web::AppError;

/// Languages other than `current`, as (code, native name) for the language links.
fn other_languages(current: Language, available: &[Language]) -> Vec<(&'static str, &'static str)> {
    available
        .iter()
        .filter(|l| **l != current)
        .map(|l| (l.code(), l.native_name()))
        .collect()
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
    /// Confirmed actions and money received so far; fed by later parts (pledges, gifts).
    actions: i64,
    raised_minor: i64,
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
        let contents = store.campaign_contents(campaign.id).await?;
        let mut languages: Vec<Language> = contents.iter().map(|(l, _)| *l).collect();
        languages.sort();
        if languages.is_empty() {
            languages.push(campaign.settings.default_language);
        }
        let involved = store.campaign_ambassador_ids(campaign.id).await?;
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
        let events = store.campaign_engagements(campaign.id).await?;
        Ok(Some(Self {
            org,
            campaign,
            contents,
            languages,
            ambassadors,
            hero,
            events,
            actions: 0,
            raised_minor: 0,
        }))
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
    lang: Language,
    page_title: String,
    description: Option<&'a str>,
    stylesheet: &'a str,
    org_slug: &'a str,
    org_name: &'a str,
    other_languages: Vec<(&'static str, &'static str)>,
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
}
translated!(CampaignPage<'_>);

impl View for CampaignView {
    fn languages(&self) -> &[Language] {
        &self.languages
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

    fn render(&self, lang: Language) -> Result<String, AppError> {
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
                &[("start", &start.to_string()), ("end", &end.to_string())],
            )),
            (Some(start), None) => Some(i18n::text_with(
                lang,
                "dates-from",
                &[("start", &start.to_string())],
            )),
            _ => None,
        };
        let mut progress = Vec::new();
        if let Some(goal) = settings.goal_money {
            let raised = crate::domain::money::Money {
                minor: self.raised_minor,
                currency: goal.currency,
            };
            let label = i18n::text_with(
                lang,
                "raised-of-goal",
                &[
                    ("raised", &i18n::money(lang, raised)),
                    ("goal", &i18n::money(lang, goal)),
                ],
            );
            progress.push(ProgressBar {
                label,
                goal: goal.minor,
                value: self.raised_minor.min(goal.minor),
            });
        }
        if let Some(goal) = settings.goal_actions {
            let label = i18n::text_with(
                lang,
                "actions-of-goal",
                &[
                    ("count", &i18n::number(lang, self.actions)),
                    ("goal", &i18n::number(lang, goal)),
                ],
            );
            progress.push(ProgressBar {
                label,
                goal,
                value: self.actions.min(goal),
            });
        }
        let events = self
            .events
            .iter()
            .map(|e| {
                let s = &e.settings;
                let place = if s.venue.is_empty() {
                    s.city.clone()
                } else {
                    i18n::text_with(lang, "event-at", &[("venue", &s.venue), ("city", &s.city)])
                };
                EventLine {
                    title: s.title.clone(),
                    place,
                    when: s.starts_at_local.strftime("%Y-%m-%d %H:%M").to_string(),
                    datetime: s.starts_at_local.strftime("%Y-%m-%dT%H:%M").to_string(),
                }
            })
            .collect();
        let page = CampaignPage {
            lang,
            page_title: format!("{} · {}", content.title, self.org.name),
            description: (!content.summary.is_empty()).then_some(content.summary.as_str()),
            stylesheet: &PUBLIC_STYLESHEET,
            org_slug: &self.org.slug,
            org_name: &self.org.name,
            other_languages: other_languages(lang, &self.languages),
            kind_label: i18n::text(lang, &format!("kind-{}", settings.kind.as_str())),
            title: &content.title,
            dates,
            ended: self.campaign.status == CampaignStatus::Closed,
            hero: self.hero.as_ref(),
            summary: &content.summary,
            ambassadors: self.ambassadors.join(", "),
            progress,
            call_to_action: &content.call_to_action,
            story_html: markdown::render(&content.story),
            events,
        };
        Ok(page.render()?)
    }
}

/// An organization's page data: its live campaigns with their text in every language they have.
pub struct OrgView {
    org: Org,
    campaigns: Vec<(Campaign, Vec<(Language, CampaignContent)>)>,
}

impl OrgView {
    pub async fn load(store: &Store, org_slug: &str) -> StoreResult<Option<Self>> {
        let Some(org) = store.org_by_slug(org_slug).await? else {
            return Ok(None);
        };
        let mut campaigns = Vec::new();
        for campaign in store.campaigns(org.id, false).await? {
            if campaign.status == CampaignStatus::Live {
                let contents = store.campaign_contents(campaign.id).await?;
                campaigns.push((campaign, contents));
            }
        }
        Ok(Some(Self { org, campaigns }))
    }
}

struct CampaignCard<'a> {
    slug: &'a str,
    lang: &'static str,
    dir: &'static str,
    title: &'a str,
    summary: &'a str,
}

#[derive(Template)]
#[template(path = "public/org.html")]
struct OrgPage<'a> {
    lang: Language,
    page_title: String,
    description: Option<&'a str>,
    stylesheet: &'a str,
    org_slug: &'a str,
    org_name: &'a str,
    other_languages: Vec<(&'static str, &'static str)>,
    heading: String,
    campaigns: Vec<CampaignCard<'a>>,
}
translated!(OrgPage<'_>);

impl View for OrgView {
    fn languages(&self) -> &[Language] {
        &Language::ALL
    }

    fn default_language(&self) -> Language {
        self.org.default_language
    }

    fn render(&self, lang: Language) -> Result<String, AppError> {
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
                CampaignCard {
                    slug: &campaign.settings.slug,
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
            page_title: heading.clone(),
            description: None,
            stylesheet: &PUBLIC_STYLESHEET,
            org_slug: &self.org.slug,
            org_name: &self.org.name,
            other_languages: other_languages(lang, &Language::ALL),
            heading,
            campaigns: cards,
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
    Ok(NotFoundPage {
        lang,
        stylesheet: &PUBLIC_STYLESHEET,
        heading: i18n::text(lang, "page-not-found"),
        text: i18n::text(lang, "page-not-found-text"),
    }
    .render()?)
}
