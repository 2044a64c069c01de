//! Interface strings of public pages, from Fluent files (`locales/*.ftl`) embedded at build time.
//! A key missing in a language falls back to English; a test checks every key exists everywhere.

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::domain::language::Language;

fn source(language: Language) -> &'static str {
    match language {
        Language::En => include_str!("../locales/en.ftl"),
        Language::Fr => include_str!("../locales/fr.ftl"),
        Language::Es => include_str!("../locales/es.ftl"),
        Language::Ar => include_str!("../locales/ar.ftl"),
        Language::Ru => include_str!("../locales/ru.ftl"),
    }
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<HashMap<Language, Bundle>> = LazyLock::new(|| {
    Language::ALL
        .into_iter()
        .map(|language| {
            let resource = FluentResource::try_new(source(language).to_owned())
                .unwrap_or_else(|(partial, _)| partial);
            let locale = language.code().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![locale]);
            // Right to left, each value put into a sentence is isolated (FSI…PDI), so that a
            // date or a number reads as written beside Arabic letters: unisolated, the bidi
            // algorithm shows 2026-12-07 as 07-12-2026. Left to right nothing needs it, and
            // the pages mark their own direction.
            bundle.set_use_isolating(language.dir() == "rtl");
            let _ = bundle.add_resource(resource);
            (language, bundle)
        })
        .collect()
});

/// The string `key` in `language` with `args` filled in (English if the key is missing).
pub fn text_with(language: Language, key: &str, args: &[(&str, &str)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, FluentValue::from(*value));
    }
    for candidate in [language, Language::En] {
        let Some(bundle) = BUNDLES.get(&candidate) else {
            continue;
        };
        if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let value = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            return value.into_owned();
        }
    }
    key.to_owned()
}

/// The string `key` in `language`.
pub fn text(language: Language, key: &str) -> String {
    text_with(language, key, &[])
}

/// Groups the digits of a count the way `language` writes numbers (1,250 · 1 250 · 1.250).
pub fn number(language: Language, value: i64) -> String {
    let separator = match language {
        Language::En | Language::Ar => ",",
        Language::Es => ".",
        Language::Fr => "\u{202F}",
        Language::Ru => "\u{00A0}",
    };
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    if value < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// An amount in `language`'s number style with its currency code: `250,000 USD`, `1.005 KWD`.
pub fn money(language: Language, amount: crate::domain::money::Money) -> String {
    let places = u32::from(amount.currency.minor_units());
    let scale = 10_i64.pow(places);
    let whole = number(language, amount.minor / scale);
    let fraction = (amount.minor % scale).abs();
    let code = amount.currency.code();
    if fraction == 0 {
        return format!("{whole} {code}");
    }
    let decimal = match language {
        Language::En | Language::Ar => ".",
        Language::Fr | Language::Es | Language::Ru => ",",
    };
    let width = places as usize;
    format!("{whole}{decimal}{fraction:0width$} {code}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(language: Language) -> Vec<String> {
        source(language)
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains(" = "))
            .filter_map(|l| l.split(" = ").next().map(str::to_owned))
            .collect()
    }

    #[test]
    fn every_language_has_every_key() {
        let reference = keys(Language::En);
        assert!(reference.len() > 10);
        for language in Language::ALL {
            assert_eq!(keys(language), reference, "{language}");
            for key in &reference {
                let value = text_with(
                    language,
                    key,
                    &[
                        ("org", "X"),
                        ("raised", "1"),
                        ("goal", "2"),
                        ("count", "3"),
                        ("start", "a"),
                        ("end", "b"),
                        ("venue", "v"),
                        ("city", "c"),
                    ],
                );
                assert!(!value.is_empty() && value != *key, "{language} {key}");
            }
        }
    }

    #[test]
    fn fills_arguments_and_falls_back() {
        assert_eq!(
            text_with(Language::Fr, "org-campaigns", &[("org", "Aide")]),
            "Campagnes de Aide"
        );
        assert_eq!(text(Language::Ar, "no-such-key"), "no-such-key");
        assert_eq!(number(Language::En, 1_234_567), "1,234,567");
        assert_eq!(number(Language::Es, 100_000), "100.000");
        assert_eq!(number(Language::Ru, 950), "950");
        let usd = crate::domain::money::Currency::parse("USD").expect("usd");
        let m = crate::domain::money::Money {
            minor: 25_000_050,
            currency: usd,
        };
        assert_eq!(money(Language::En, m), "250,000.50 USD");
        assert_eq!(money(Language::Es, m), "250.000,50 USD");
    }
}
