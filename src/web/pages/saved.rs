//! "Saved" after every save: an edit answered by a redirect back to its page names what was
//! saved in the address (`?saved=text`), and the page says it in a fixed sentence. The sentence
//! is never taken from the address, so a link cannot make a staff page say something else.

use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::domain::language::Language;

/// What a save changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Created,
    Settings,
    Text,
    Image,
    Status,
    Archived,
    Links,
    Transparency,
    Access,
    Languages,
}

impl Saved {
    const ALL: [Self; 10] = [
        Self::Created,
        Self::Settings,
        Self::Text,
        Self::Image,
        Self::Status,
        Self::Archived,
        Self::Links,
        Self::Transparency,
        Self::Access,
        Self::Languages,
    ];

    fn key(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Settings => "settings",
            Self::Text => "text",
            Self::Image => "image",
            Self::Status => "status",
            Self::Archived => "archived",
            Self::Links => "links",
            Self::Transparency => "transparency",
            Self::Access => "access",
            Self::Languages => "languages",
        }
    }

    /// What the page says, in the staff interface's `language` (fixed sentences).
    pub fn sentence(self, language: Language) -> String {
        crate::i18n::staff(language, &format!("saved-{}", self.key()))
    }

    /// A 303 back to `path` (an address without a query) that will say this.
    pub fn redirect(self, path: &str) -> Response {
        Redirect::to(&format!("{path}?saved={}", self.key())).into_response()
    }
}

/// `?saved=` on an edit page.
#[derive(Deserialize, Default)]
pub struct SavedQuery {
    saved: Option<String>,
}

impl SavedQuery {
    /// The sentence to show in `language`, if the address names a save (anything else says
    /// nothing).
    pub fn notice(&self, language: Language) -> Option<String> {
        let key = self.saved.as_deref()?;
        Saved::ALL
            .into_iter()
            .find(|saved| saved.key() == key)
            .map(|saved| saved.sentence(language))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_names_the_save_and_the_page_says_a_fixed_sentence() {
        for saved in Saved::ALL {
            let response = saved.redirect("/admin/acme/campaigns/7");
            let location = response.headers()["location"].to_str().expect("ascii");
            let key = location.split_once("?saved=").expect("query").1;
            let query = SavedQuery {
                saved: Some(key.to_string()),
            };
            let sentence = saved.sentence(Language::En);
            assert_eq!(query.notice(Language::En), Some(sentence.clone()));
            assert!(sentence.starts_with("Saved") || sentence.starts_with("Created"));
            assert_ne!(
                saved.sentence(Language::Fr),
                sentence,
                "{saved:?} in French"
            );
        }
        let forged = SavedQuery {
            saved: Some("Your account is locked: call +1 555 0100".into()),
        };
        assert_eq!(forged.notice(Language::En), None);
        assert_eq!(SavedQuery::default().notice(Language::En), None);
    }
}
