//! What a campaign needs before it goes live. A page with no title in any language is empty and
//! refused; the rest (a title and text in each working language, a money goal where money is
//! raised, a hero image, a way to act) is shown to staff as a checklist and advised, not
//! required, so that an emergency appeal can go out the moment its words are ready.

use super::campaign::{CampaignContent, CampaignKind};
use super::language::Language;

/// What a line of the checklist asks for; pages name it in the reader's language
/// (`i18n::go_live_need`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// A title, in at least one language.
    Title,
    /// A title and text in this working language.
    TitleAndText(Language),
    MoneyGoal,
    HeroImage,
    /// A call to action beside the pledge form (awareness campaigns).
    CallToAction,
    /// Payments set up, so that people can give.
    Payments,
}

impl Need {
    /// Its sentence among the staff strings.
    pub fn key(self) -> &'static str {
        match self {
            Need::Title => "go-live-title",
            Need::TitleAndText(_) => "go-live-title-and-text",
            Need::MoneyGoal => "go-live-money-goal",
            Need::HeroImage => "go-live-hero-image",
            Need::CallToAction => "go-live-call-to-action",
            Need::Payments => "go-live-payments",
        }
    }
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub need: Need,
    pub met: bool,
    /// Unmet, it keeps the campaign from going live.
    pub required: bool,
}

/// What the checklist looks at.
pub struct Readiness<'a> {
    pub kind: CampaignKind,
    /// The organization's working languages.
    pub languages: &'a [Language],
    pub contents: &'a [(Language, CampaignContent)],
    pub has_money_goal: bool,
    pub has_hero_image: bool,
    /// Payments are set up, so that the page can take gifts.
    pub takes_gifts: bool,
}

impl Readiness<'_> {
    fn content(&self, language: Language) -> Option<&CampaignContent> {
        self.contents
            .iter()
            .find(|(l, _)| *l == language)
            .map(|(_, c)| c)
    }

    fn has_title(&self, language: Language) -> bool {
        self.content(language)
            .is_some_and(|c| !c.title.trim().is_empty())
    }

    fn has_text(&self, language: Language) -> bool {
        self.content(language)
            .is_some_and(|c| !c.summary.trim().is_empty() || !c.story.trim().is_empty())
    }

    /// The checklist, the required line first.
    pub fn checklist(&self) -> Vec<Check> {
        let mut checks = vec![Check {
            need: Need::Title,
            met: self.contents.iter().any(|(l, _)| self.has_title(*l)),
            required: true,
        }];
        for language in self.languages {
            checks.push(Check {
                need: Need::TitleAndText(*language),
                met: self.has_title(*language) && self.has_text(*language),
                required: false,
            });
        }
        if self.kind != CampaignKind::Awareness {
            checks.push(Check {
                need: Need::MoneyGoal,
                met: self.has_money_goal,
                required: false,
            });
        }
        checks.push(Check {
            need: Need::HeroImage,
            met: self.has_hero_image,
            required: false,
        });
        let (need, met) = if self.kind == CampaignKind::Awareness {
            let asks = self
                .contents
                .iter()
                .any(|(_, c)| !c.call_to_action.trim().is_empty());
            (Need::CallToAction, asks)
        } else {
            (Need::Payments, self.takes_gifts)
        };
        checks.push(Check {
            need,
            met,
            required: false,
        });
        checks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The required lines not met: empty when the campaign may go live.
    fn missing(ready: &Readiness<'_>) -> Vec<Need> {
        ready
            .checklist()
            .into_iter()
            .filter(|c| c.required && !c.met)
            .map(|c| c.need)
            .collect()
    }

    fn content(title: &str, summary: &str) -> CampaignContent {
        CampaignContent {
            title: title.into(),
            summary: summary.into(),
            story: String::new(),
            call_to_action: String::new(),
        }
    }

    #[test]
    fn an_empty_page_may_not_go_live() {
        let languages = [Language::En, Language::Fr];
        let empty: Vec<(Language, CampaignContent)> = Vec::new();
        let mut ready = Readiness {
            kind: CampaignKind::Fundraising,
            languages: &languages,
            contents: &empty,
            has_money_goal: false,
            has_hero_image: false,
            takes_gifts: false,
        };
        assert_eq!(missing(&ready), [Need::Title]);
        let blank = vec![(Language::En, content("  ", "Why it matters"))];
        ready.contents = &blank;
        assert_eq!(missing(&ready), [Need::Title]);
        let written = vec![(Language::En, content("Safe roads", "Why it matters"))];
        ready.contents = &written;
        assert!(missing(&ready).is_empty(), "the rest is advice");
        let advice: Vec<_> = ready
            .checklist()
            .into_iter()
            .filter(|c| !c.met)
            .map(|c| c.need)
            .collect();
        assert_eq!(
            advice,
            [
                Need::TitleAndText(Language::Fr),
                Need::MoneyGoal,
                Need::HeroImage,
                Need::Payments
            ]
        );
    }

    #[test]
    fn an_awareness_campaign_asks_for_a_call_to_action() {
        let languages = [Language::Es];
        let mut written = content("Rutas seguras", "Por qué");
        let contents = vec![(Language::Es, written.clone())];
        let ready = Readiness {
            kind: CampaignKind::Awareness,
            languages: &languages,
            contents: &contents,
            has_money_goal: false,
            has_hero_image: true,
            takes_gifts: false,
        };
        let last = ready.checklist().pop().expect("a line");
        assert_eq!((last.need, last.met), (Need::CallToAction, false));
        written.call_to_action = "Firma hoy".into();
        let contents = vec![(Language::Es, written)];
        let ready = Readiness {
            contents: &contents,
            ..ready
        };
        assert!(ready.checklist().iter().all(|c| c.met));
    }
}
