//! The parameters of staff and API URLs, read by name. The `{org}` segment beside them is read
//! once, by the member extractors (`session::OrgStaff`, `session::Allowed`), never again here.

use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::Deserialize;

#[derive(Deserialize)]
struct IdParam {
    id: i64,
}

/// The `{id}` of the item a URL names; not a number is the same 400 as any malformed path.
pub struct ItemId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for ItemId {
    type Rejection = PathRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PathRejection> {
        let Path(IdParam { id }) = Path::<IdParam>::from_request_parts(parts, state).await?;
        Ok(ItemId(id))
    }
}

/// `{id}` and `{lang}`: one language of an item's content.
#[derive(Deserialize)]
pub struct ItemLanguage {
    pub id: i64,
    pub lang: String,
}

/// `?lang=`: the language a staff page shows public text in (a preview, a poster); unknown or
/// absent is `None`, and the page chooses.
#[derive(Deserialize)]
pub struct LanguageQuery {
    lang: Option<String>,
}

impl LanguageQuery {
    pub fn language(&self) -> Option<crate::domain::language::Language> {
        self.lang
            .as_deref()
            .and_then(|l| crate::domain::language::Language::parse(l).ok())
    }
}
