//! The languages of public pages, and choosing one for a visitor.

use super::validation::{Explain, Problem};
use thiserror::Error;

/// A language Chorus ships interface strings for. Content may exist in any subset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    En,
    Fr,
    Es,
    Ar,
    Ru,
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("unknown language '{0}'; Chorus speaks en, fr, es, ar and ru")]
pub struct UnknownLanguage(pub String);

impl Explain for UnknownLanguage {
    fn explain(&self) -> Problem {
        Problem::naming("problem-unknown-language", &self.0, self.to_string())
    }
}

impl Language {
    pub const ALL: [Language; 5] = [
        Language::En,
        Language::Fr,
        Language::Es,
        Language::Ar,
        Language::Ru,
    ];

    /// The languages the staff interface ships in: the working languages of many international
    /// agencies. Staff choosing another see English (public pages speak every language).
    pub const STAFF: [Language; 3] = [Language::En, Language::Fr, Language::Es];

    /// Parses `fr`, `FR`, `fr-CA` or `fr_CA` (the region is ignored).
    pub fn parse(input: &str) -> Result<Self, UnknownLanguage> {
        Self::of_tag(input).ok_or_else(|| UnknownLanguage(input.trim().chars().take(20).collect()))
    }

    /// The language of a tag such as `es-MX`, if Chorus speaks it; without allocating (this runs
    /// on every redirect, over each entry of `Accept-Language`).
    fn of_tag(input: &str) -> Option<Self> {
        let primary = input.trim().split(['-', '_']).next().unwrap_or_default();
        Language::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The language most people speak in a country (ISO 3166-1 alpha-2), among Chorus's: what
    /// a poster at a stop there is printed in by default. `None` where it is none of them or
    /// where no one language leads (Canada, Belgium, Switzerland: staff choose).
    pub fn of_country(country: &str) -> Option<Self> {
        const SPANISH: [&str; 20] = [
            "ES", "MX", "AR", "CO", "PE", "VE", "CL", "EC", "GT", "CU", "BO", "DO", "HN", "PY",
            "SV", "NI", "CR", "PA", "UY", "GQ",
        ];
        const FRENCH: [&str; 16] = [
            "FR", "MC", "LU", "SN", "CI", "ML", "BF", "NE", "GN", "BJ", "TG", "CD", "CG", "GA",
            "HT", "MG",
        ];
        const ARABIC: [&str; 21] = [
            "EG", "SA", "DZ", "MA", "IQ", "SD", "SY", "YE", "TN", "JO", "AE", "LB", "LY", "PS",
            "OM", "KW", "QA", "BH", "MR", "DJ", "KM",
        ];
        const RUSSIAN: [&str; 3] = ["RU", "BY", "KZ"];
        const ENGLISH: [&str; 10] = ["GB", "US", "IE", "AU", "NZ", "JM", "NG", "GH", "KE", "ZA"];
        let country = country.trim().to_ascii_uppercase();
        let found = |list: &[&str]| list.contains(&country.as_str());
        [
            (&SPANISH[..], Language::Es),
            (&FRENCH[..], Language::Fr),
            (&ARABIC[..], Language::Ar),
            (&RUSSIAN[..], Language::Ru),
            (&ENGLISH[..], Language::En),
        ]
        .into_iter()
        .find_map(|(list, language)| found(list).then_some(language))
    }

    /// The BCP 47 code, also used in URLs (`?lang=ar`) and the database.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Es => "es",
            Language::Ar => "ar",
            Language::Ru => "ru",
        }
    }

    /// Text direction for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Language::Ar => "rtl",
            _ => "ltr",
        }
    }

    /// The language's name in itself, for language links.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Fr => "Français",
            Language::Es => "Español",
            Language::Ar => "العربية",
            Language::Ru => "Русский",
        }
    }

    /// The plural category of a whole count in this language, by CLDR's rules (as browsers'
    /// `Intl.PluralRules` apply them), named as CLDR names them. Written here rather than taken
    /// from intl_pluralrules 7.0.2, whose Arabic rule drops the `% 100` of CLDR's (it put 111 and
    /// 288 in "other", not "many").
    pub fn plural_category(self, count: i64) -> &'static str {
        let n = count.unsigned_abs();
        let (last, last_two) = (n % 10, n % 100);
        match self {
            Language::En => {
                if n == 1 {
                    "one"
                } else {
                    "other"
                }
            }
            Language::Fr | Language::Es => {
                let one = if self == Language::Fr { n <= 1 } else { n == 1 };
                if one {
                    "one"
                } else if n != 0 && n % 1_000_000 == 0 {
                    "many"
                } else {
                    "other"
                }
            }
            Language::Ru => {
                if last == 1 && last_two != 11 {
                    "one"
                } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
                    "few"
                } else {
                    "many"
                }
            }
            Language::Ar => match (n, last_two) {
                (0, _) => "zero",
                (1, _) => "one",
                (2, _) => "two",
                (_, 3..=10) => "few",
                (_, 11..=99) => "many",
                _ => "other",
            },
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Picks the page language: `?lang=` wins, then the best `Accept-Language` entry among
/// `available`, then `default`.
pub fn negotiate(
    query: Option<&str>,
    accept_language: Option<&str>,
    available: &[Language],
    default: Language,
) -> Language {
    if let Some(lang) = query
        .and_then(|q| Language::parse(q).ok())
        .filter(|l| available.contains(l))
    {
        return lang;
    }
    let mut best: Option<(u32, Language)> = None;
    for entry in accept_language.unwrap_or_default().split(',').take(20) {
        let mut parts = entry.split(';');
        let tag = parts.next().unwrap_or_default();
        let quality = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(1000, parse_quality);
        let Some(lang) = Language::of_tag(tag) else {
            continue;
        };
        if quality > 0 && available.contains(&lang) && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, lang));
        }
    }
    best.map_or(default, |(_, lang)| lang)
}

/// `q=0.8` as thousandths (800); anything malformed counts as 0.
fn parse_quality(raw: &str) -> u32 {
    let raw = raw.trim();
    let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    let whole: u32 = match whole {
        "0" => 0,
        "1" => 1000,
        _ => return 0,
    };
    let digits = &fraction.as_bytes()[..fraction.len().min(3)];
    if !digits.iter().all(u8::is_ascii_digit) {
        return 0;
    }
    // "8" is 800 thousandths, "85" 850, "855" 855.
    let thousandths = (0..3).fold(0, |value, i| {
        value * 10 + digits.get(i).map_or(0, |d| u32::from(d - b'0'))
    });
    (whole + thousandths).min(1000)
}

/// The languages a staff form asks for text in: those `offered` by the organization, and any
/// other that a text was already `written` in (so that none is hidden), in Chorus's order.
pub fn form_languages(offered: &[Language], written: &[Language]) -> Vec<Language> {
    Language::ALL
        .into_iter()
        .filter(|l| offered.contains(l) || written.contains(l))
        .collect()
}

/// The languages an organization works in: its public pages offer them and staff forms ask
/// for text in them. Never empty, and the default (what pages fall back to) is one of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Languages {
    default: Language,
    offered: Vec<Language>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LanguagesError {
    #[error("Languages: choose at least one")]
    None,
    #[error("Default language: {0} is not among the languages chosen")]
    DefaultNotOffered(&'static str),
    #[error("Languages: {0}")]
    Unknown(#[from] UnknownLanguage),
}

impl Explain for LanguagesError {
    fn explain(&self) -> Problem {
        let english = format!("{self}.");
        match self {
            LanguagesError::None => Problem::new("problem-languages-none", Vec::new(), english),
            LanguagesError::DefaultNotOffered(name) => {
                Problem::naming("problem-default-not-offered", name, english)
            }
            LanguagesError::Unknown(unknown) => Problem::of_field("Languages", unknown.explain()),
        }
    }
}

impl Languages {
    /// `default` and the languages `offered`, in Chorus's order, each once.
    pub fn new(default: Language, offered: &[Language]) -> Result<Self, LanguagesError> {
        let offered: Vec<Language> = Language::ALL
            .into_iter()
            .filter(|l| offered.contains(l))
            .collect();
        if offered.is_empty() {
            return Err(LanguagesError::None);
        }
        if !offered.contains(&default) {
            return Err(LanguagesError::DefaultNotOffered(default.native_name()));
        }
        Ok(Self { default, offered })
    }

    /// As stored: codes separated by commas (`en,fr,ar`).
    pub fn parse_stored(default: Language, stored: &str) -> Result<Self, LanguagesError> {
        let offered = stored
            .split(',')
            .map(str::trim)
            .filter(|code| !code.is_empty())
            .map(Language::parse)
            .collect::<Result<Vec<_>, _>>()?;
        Self::new(default, &offered)
    }

    pub fn stored(&self) -> String {
        self.offered
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn default_language(&self) -> Language {
        self.default
    }

    pub fn offered(&self) -> &[Language] {
        &self.offered
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_country_has_its_language_where_one_leads() {
        assert_eq!(Language::of_country("MX"), Some(Language::Es));
        assert_eq!(Language::of_country("sn"), Some(Language::Fr));
        assert_eq!(Language::of_country("EG"), Some(Language::Ar));
        assert_eq!(Language::of_country("KZ"), Some(Language::Ru));
        assert_eq!(Language::of_country("GB"), Some(Language::En));
        assert_eq!(Language::of_country("CA"), None, "English and French");
        assert_eq!(Language::of_country("DE"), None, "not one of Chorus's");
    }

    use super::*;

    #[test]
    fn plural_categories_follow_cldr() {
        let of = |language: Language| {
            [0, 1, 2, 3, 5, 11, 21, 101, 111, 188, 1_000_000].map(|n| language.plural_category(n))
        };
        assert_eq!(
            of(Language::Ar),
            [
                "zero", "one", "two", "few", "few", "many", "many", "other", "many", "many",
                "other"
            ]
        );
        assert_eq!(
            of(Language::Ru),
            ["many", "one", "few", "few", "many", "many", "one", "one", "many", "many", "many"]
        );
        assert_eq!(of(Language::Fr)[..3], ["one", "one", "other"]);
        assert_eq!(of(Language::Fr)[10], "many");
        assert_eq!(of(Language::Es)[..3], ["other", "one", "other"]);
        assert_eq!(of(Language::En)[..3], ["other", "one", "other"]);
    }

    #[test]
    fn an_organization_offers_its_default_among_its_languages() {
        let chosen = Languages::new(Language::Ar, &[Language::Ar, Language::En, Language::Ar])
            .expect("valid");
        assert_eq!(chosen.offered(), [Language::En, Language::Ar]);
        assert_eq!(chosen.stored(), "en,ar");
        assert_eq!(Languages::parse_stored(Language::Ar, "en, ar"), Ok(chosen));
        assert_eq!(
            Languages::new(Language::Fr, &[Language::En]),
            Err(LanguagesError::DefaultNotOffered("Français"))
        );
        assert_eq!(Languages::new(Language::En, &[]), Err(LanguagesError::None));
        assert!(Languages::parse_stored(Language::En, "en,xx").is_err());
    }
    use Language::*;

    #[test]
    fn parses_codes() {
        assert_eq!(Language::parse("fr-CA"), Ok(Fr));
        assert_eq!(Language::parse(" AR "), Ok(Ar));
        assert_eq!(Language::parse("de"), Err(UnknownLanguage("de".into())));
        assert_eq!(Ar.dir(), "rtl");
        assert_eq!(Ru.dir(), "ltr");
    }

    #[test]
    fn query_then_header_then_default() {
        let all = Language::ALL;
        assert_eq!(negotiate(Some("ar"), Some("fr"), &all, En), Ar);
        assert_eq!(negotiate(Some("xx"), Some("fr"), &all, En), Fr);
        assert_eq!(
            negotiate(None, Some("de-DE,es;q=0.8,ru;q=0.9"), &all, En),
            Ru
        );
        assert_eq!(negotiate(None, Some("es;q=0.2, fr;q=0.75"), &all, En), Fr);
        assert_eq!(negotiate(None, Some("fr;q=0"), &all, Es), Es);
        assert_eq!(negotiate(None, Some("garbage;;q=x,,"), &all, Es), Es);
        assert_eq!(negotiate(None, None, &all, Ru), Ru);
        // Only languages the campaign has count.
        assert_eq!(negotiate(Some("ar"), Some("ru"), &[En, Fr], En), En);
    }

    #[test]
    fn qualities_in_thousandths() {
        assert_eq!(parse_quality("1"), 1000);
        assert_eq!(parse_quality("1.0"), 1000);
        assert_eq!(parse_quality(" 0.8 "), 800);
        assert_eq!(parse_quality("0.85"), 850);
        assert_eq!(parse_quality("0.855"), 855);
        assert_eq!(parse_quality("0.8559"), 855);
        assert_eq!(parse_quality("0.001"), 1);
        assert_eq!(parse_quality("0"), 0);
        for malformed in ["", "2", "0.8x", "0.-1", "x", "0.٨"] {
            assert_eq!(parse_quality(malformed), 0, "{malformed}");
        }
    }
}
