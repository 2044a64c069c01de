//! Interface strings, from Fluent files embedded at build time: public pages' (`locales/*.ftl`,
//! in every language Chorus speaks) and the staff interface's (`locales/staff/*.ftl`, in
//! English, French and Spanish). A key missing in a language falls back to English; tests
//! check every key exists in every language of its files.

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::domain::go_live::Need;
use crate::domain::language::Language;
use crate::domain::touchpoint::Channel;
use crate::domain::validation::{Problem, Said};

fn source(language: Language) -> &'static str {
    match language {
        Language::En => include_str!("../locales/en.ftl"),
        Language::Fr => include_str!("../locales/fr.ftl"),
        Language::Es => include_str!("../locales/es.ftl"),
        Language::Ar => include_str!("../locales/ar.ftl"),
        Language::Ru => include_str!("../locales/ru.ftl"),
    }
}

/// The staff interface's strings (`locales/staff/*.ftl`), in the languages it ships in
/// ([`Language::STAFF`]).
fn staff_source(language: Language) -> Option<&'static str> {
    match language {
        Language::En => Some(include_str!("../locales/staff/en.ftl")),
        Language::Fr => Some(include_str!("../locales/staff/fr.ftl")),
        Language::Es => Some(include_str!("../locales/staff/es.ftl")),
        Language::Ar | Language::Ru => None,
    }
}

type Bundle = FluentBundle<FluentResource>;

/// One set of Fluent files, a bundle per language; a key missing in a language is English.
struct Catalog(HashMap<Language, Bundle>);

impl Catalog {
    fn new(source: impl Fn(Language) -> Option<&'static str>) -> Self {
        let bundles = Language::ALL
            .into_iter()
            .filter_map(|language| {
                let resource = FluentResource::try_new(source(language)?.to_owned())
                    .unwrap_or_else(|(partial, _)| partial);
                let locale = language.code().parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![locale]);
                // Right to left, each value put into a sentence is isolated (FSI…PDI), so that
                // a date or a number reads as written beside Arabic letters: unisolated, the
                // bidi algorithm shows 2026-12-07 as 07-12-2026. Left to right nothing needs
                // it, and the pages mark their own direction.
                bundle.set_use_isolating(language.dir() == "rtl");
                let _ = bundle.add_resource(resource);
                Some((language, bundle))
            })
            .collect();
        Self(bundles)
    }

    fn has(&self, key: &str) -> bool {
        self.0
            .get(&Language::En)
            .is_some_and(|bundle| bundle.has_message(key))
    }

    fn format(&self, language: Language, key: &str, args: &FluentArgs<'_>) -> String {
        for candidate in [language, Language::En] {
            let Some(bundle) = self.0.get(&candidate) else {
                continue;
            };
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let value = bundle.format_pattern(pattern, Some(args), &mut errors);
                return value.into_owned();
            }
        }
        key.to_owned()
    }
}

static PUBLIC: LazyLock<Catalog> = LazyLock::new(|| Catalog::new(|l| Some(source(l))));
static STAFF: LazyLock<Catalog> = LazyLock::new(|| Catalog::new(staff_source));

/// The staff interface's string `key` in `language` with `args` filled in (English if the
/// interface does not ship in that language or the key is missing there).
pub fn staff_with(language: Language, key: &str, args: &[(&str, &str)]) -> String {
    STAFF.format(language, key, &string_args(args))
}

/// The staff interface's string `key` in `language`.
pub fn staff(language: Language, key: &str) -> String {
    staff_with(language, key, &[])
}

/// A problem with input, in `language`: its fields named as the staff interface names them.
pub fn problem(language: Language, problem: &Problem) -> String {
    let args: Vec<(&str, String)> = problem
        .args
        .iter()
        .map(|(name, said)| {
            let value = match said {
                Said::Text(text) => text.clone(),
                Said::Field(label) => field(language, label),
                Said::Problem(inner) => self::problem(language, inner),
            };
            (*name, value)
        })
        .collect();
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    staff_with(language, problem.key, &args)
}

/// A field's label in `language` (`field-attendance-source` for "Attendance source"), or the
/// English label when the interface has no word for it.
pub fn field(language: Language, label: &str) -> String {
    let key = format!(
        "field-{}",
        label.to_lowercase().replace([' ', '(', ')', '/', ','], "-")
    );
    let key = key.trim_end_matches('-').replace("--", "-");
    staff_if_known(language, &key).unwrap_or_else(|| label.to_owned())
}

/// The staff interface's string `key` in `language`, if the interface has that key (for words
/// looked up by a stored name, such as an audit entry's fields).
pub fn staff_if_known(language: Language, key: &str) -> Option<String> {
    STAFF.has(key).then(|| staff(language, key))
}

/// The string `key` in `language` with `args` filled in (English if the key is missing).
pub fn text_with(language: Language, key: &str, args: &[(&str, &str)]) -> String {
    format(language, key, &string_args(args))
}

/// The string `key` in `language`.
pub fn text(language: Language, key: &str) -> String {
    text_with(language, key, &[])
}

/// A line of the go-live checklist as the staff interface says it in `language`.
pub fn go_live_need(language: Language, need: Need) -> String {
    let named = match need {
        Need::TitleAndText(written) => written.native_name(),
        _ => "",
    };
    staff_with(language, need.key(), &[("language", named)])
}

/// A report's name for a stored channel (`venue_qr`, or `direct` for visits without a code)
/// in `language`; a channel no longer known keeps its stored name.
pub fn channel(language: Language, stored: &str) -> String {
    match Channel::parse(stored) {
        Ok(channel) => text(language, &format!("channel-{}", channel.as_str())),
        Err(_) if stored == "direct" => text(language, "channel-direct"),
        Err(_) => stored.to_string(),
    }
}

/// The string `key` in `language` about `count` things, with `args`. The message chooses its
/// plural form by `$form`, the count's CLDR category in the language (Russian has three forms
/// for whole counts, Arabic six: `Language::plural_category`), and shows `$number`, the count
/// written the language's way.
pub fn counted(language: Language, key: &str, count: i64, args: &[(&str, &str)]) -> String {
    let mut fluent_args = string_args(args);
    fluent_args.set("form", FluentValue::from(language.plural_category(count)));
    fluent_args.set("number", FluentValue::from(number(language, count)));
    format(language, key, &fluent_args)
}

/// Counts that between them fall in every plural category of the shipped languages (Arabic:
/// zero 0, one 1, two 2, few 3, many 11, other 100; French and Spanish: many 1,000,000).
const PLURAL_SAMPLES: [i64; 7] = [0, 1, 2, 3, 11, 100, 1_000_000];

/// Every plural form of `key` in `language`, as `category:text|category:text`: what a page's
/// script needs to keep a label right beside a count it updates (`data-forms`; it picks with
/// the browser's `Intl.PluralRules`, whose categories these are).
pub fn plural_forms(language: Language, key: &str) -> String {
    let mut forms: Vec<(&str, String)> = Vec::new();
    for sample in PLURAL_SAMPLES {
        let category = language.plural_category(sample);
        if forms.iter().all(|(seen, _)| *seen != category) {
            forms.push((category, counted(language, key, sample, &[])));
        }
    }
    let forms: Vec<String> = forms
        .into_iter()
        .map(|(category, text)| format!("{category}:{text}"))
        .collect();
    forms.join("|")
}

fn string_args<'a>(args: &[(&'a str, &'a str)]) -> FluentArgs<'a> {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, FluentValue::from(*value));
    }
    fluent_args
}

fn format(language: Language, key: &str, args: &FluentArgs<'_>) -> String {
    PUBLIC.format(language, key, args)
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
    // Spanish leaves four digits together (CLDR's minimum grouping digits: 2): 1234, 12.345.
    let grouped = !(language == Language::Es && digits.len() <= 4);
    let mut out = String::with_capacity(digits.len() + 8);
    if value < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if grouped && i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// An amount in `language`'s number style with its currency code, for staff and reports, where
/// codes tell currencies apart exactly: `250,000 USD`, `1.005 KWD`.
pub fn money(language: Language, amount: crate::domain::money::Money) -> String {
    format!("{} {}", digits_of(language, amount), amount.currency.code())
}

/// An amount as the visitor's language writes a price: with the currency's symbol where it is
/// unambiguous to that reader, else its code, placed and spaced the language's way, and without
/// decimals when there are none: `€1,234.50`, `1 234,50 €`, `100 €`, `5,000 US$`, `1.005 KWD`.
pub fn price(language: Language, amount: crate::domain::money::Money) -> String {
    let figure = digits_of(language, amount);
    let code = amount.currency.code();
    let symbol = match (code, language) {
        ("EUR", _) => Some("€"),
        ("GBP", _) => Some("£"),
        ("USD", Language::En | Language::Ru) => Some("$"),
        ("USD", Language::Fr) => Some("$\u{a0}US"),
        ("USD", Language::Es | Language::Ar) => Some("US$"),
        _ => None,
    };
    match (symbol, language) {
        (Some(symbol), Language::En) => format!("{symbol}{figure}"),
        (Some(symbol), _) => format!("{figure}\u{a0}{symbol}"),
        (None, _) => format!("{figure}\u{a0}{code}"),
    }
}

/// The figure of an amount in `language`'s number style, its decimals only when it has some.
fn digits_of(language: Language, amount: crate::domain::money::Money) -> String {
    let places = u32::from(amount.currency.minor_units());
    let scale = 10_i64.pow(places);
    let whole = number(language, amount.minor / scale);
    let fraction = (amount.minor % scale).abs();
    if fraction == 0 {
        return whole;
    }
    let decimal = match language {
        Language::En | Language::Ar => ".",
        Language::Fr | Language::Es | Language::Ru => ",",
    };
    let width = places as usize;
    format!("{whole}{decimal}{fraction:0width$}")
}

/// A day as `language` writes it in a sentence: `4 May 2026`, `4 mai 2026`, `4 de mayo de 2026`,
/// `4 мая 2026 г.`, `4 مايو 2026`.
pub fn date(language: Language, day: jiff::civil::Date) -> String {
    const MONTHS: [[&str; 12]; 5] = [
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        // Russian names a month after a day in the genitive.
        [
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ],
        [
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ],
    ];
    let row = match language {
        Language::En => 0,
        Language::Fr => 1,
        Language::Es => 2,
        Language::Ru => 3,
        Language::Ar => 4,
    };
    let month = MONTHS[row][usize::from(day.month().unsigned_abs()).saturating_sub(1) % 12];
    let (d, y) = (day.day(), day.year());
    match language {
        Language::Es => format!("{d} de {month} de {y}"),
        Language::Ru => format!("{d} {month} {y}\u{a0}г."),
        Language::En | Language::Fr | Language::Ar => format!("{d} {month} {y}"),
    }
}

/// A day and a time of day as `language` writes them: `4 May 2026, 20:00`.
pub fn date_time(language: Language, at: jiff::civil::DateTime) -> String {
    let comma = if language == Language::Ar { "،" } else { "," };
    format!(
        "{}{comma} {:02}:{:02}",
        date(language, at.date()),
        at.hour(),
        at.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: [i64; 8] = [0, 1, 2, 3, 5, 11, 21, 101];

    fn forms(language: Language, key: &str) -> Vec<String> {
        SAMPLES
            .iter()
            .map(|n| counted(language, key, *n, &[]))
            .collect()
    }

    #[test]
    fn channels_are_named_in_each_language_and_staff_english_agrees() {
        for channel in Channel::ALL {
            assert_eq!(
                super::channel(Language::En, channel.as_str()),
                channel.label(),
                "{channel:?}"
            );
        }
        assert_eq!(
            super::channel(Language::Es, "venue_qr"),
            "Código QR en el recinto"
        );
        assert_eq!(super::channel(Language::Fr, "direct"), "Direct (sans code)");
        assert_eq!(
            super::channel(Language::En, "carrier_pigeon"),
            "carrier_pigeon"
        );
    }

    #[test]
    fn russian_counts_take_their_three_forms() {
        let (one, few, many) = (
            "подтверждённая подпись",
            "подтверждённые подписи",
            "подтверждённых подписей",
        );
        assert_eq!(
            forms(Language::Ru, "pledges-count"),
            [many, one, few, few, many, many, one, one]
        );
        assert_eq!(
            counted(Language::Ru, "thanks-standing", 21, &[]),
            "Свою подпись уже подтвердил 21 человек."
        );
        assert_eq!(
            counted(Language::Ru, "thanks-standing", 1_234, &[]),
            "Свою подпись уже подтвердили 1\u{a0}234 человека."
        );
    }

    #[test]
    fn arabic_counts_take_their_six_forms() {
        let (singular, dual, plural, accusative) = (
            "توقيع مؤكد",
            "توقيعان مؤكدان",
            "توقيعات مؤكدة",
            "توقيعًا مؤكدًا",
        );
        // 0 zero, 1 one, 2 two, 3 and 5 few, 11 and 21 many, 101 other.
        assert_eq!(
            forms(Language::Ar, "pledges-count"),
            [singular, singular, dual, plural, plural, accusative, accusative, singular]
        );
        // By hundreds the forms come round again: 103 few, 111 and 188 many.
        assert_eq!(counted(Language::Ar, "pledges-count", 103, &[]), plural);
        assert_eq!(counted(Language::Ar, "pledges-count", 111, &[]), accusative);
        assert_eq!(counted(Language::Ar, "pledges-count", 188, &[]), accusative);
        // The number is isolated from the Arabic around it (FSI … PDI).
        assert_eq!(
            counted(Language::Ar, "thanks-standing", 5, &[]),
            "أكّد \u{2068}5\u{2069} أشخاص توقيعهم حتى الآن."
        );
        assert_eq!(
            counted(Language::Ar, "thanks-standing", 2, &[]),
            "أكّد شخصان توقيعهما حتى الآن."
        );
    }

    #[test]
    fn english_french_and_spanish_counts() {
        let english = forms(Language::En, "pledges-count");
        assert_eq!(english[1], "confirmed signature");
        assert!(english
            .iter()
            .enumerate()
            .all(|(i, form)| (i == 1) == (form == "confirmed signature")));
        // French counts zero as singular.
        assert_eq!(
            &forms(Language::Fr, "pledges-count")[..3],
            [
                "signature confirmée",
                "signature confirmée",
                "signatures confirmées"
            ]
        );
        assert_eq!(
            counted(Language::Es, "confirmed-standing", 2, &[]),
            "Ahora es una de las 2 firmas confirmadas."
        );
        assert_eq!(
            counted(Language::Es, "confirmed-standing", 12_500, &[]),
            "Ahora es una de las 12.500 firmas confirmadas."
        );
    }

    #[test]
    fn every_plural_form_is_offered_to_the_pages_script() {
        assert_eq!(
            plural_forms(Language::En, "pledges-count"),
            "other:confirmed signatures|one:confirmed signature"
        );
        let arabic = plural_forms(Language::Ar, "pledges-count");
        for category in ["zero:", "one:", "two:", "few:", "many:", "other:"] {
            assert!(arabic.contains(category), "{category} in {arabic}");
        }
        assert_eq!(
            plural_forms(Language::Ru, "pledges-count")
                .split('|')
                .count(),
            3
        );
    }

    fn keys(language: Language) -> Vec<String> {
        keys_of(source(language))
    }

    fn keys_of(source: &str) -> Vec<String> {
        source
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
                // Every variable any message uses, with the count a number as pages pass it.
                let variables: Vec<&str> = source(Language::En)
                    .split("{ $")
                    .skip(1)
                    .filter_map(|rest| rest.split([' ', '}']).next())
                    .filter(|name| *name != "form" && *name != "number")
                    .collect();
                let args: Vec<(&str, &str)> = variables.iter().map(|v| (*v, "x")).collect();
                let value = counted(language, key, 3, &args);
                assert!(!value.contains("{$"), "{language} {key}: {value}");
                assert!(!value.is_empty() && value != *key, "{language} {key}");
            }
        }
    }

    #[test]
    fn the_staff_interface_has_every_key_in_each_of_its_languages() {
        let english = staff_source(Language::En).expect("English");
        let reference = keys_of(english);
        assert!(reference.len() > 10);
        for language in Language::STAFF {
            let source = staff_source(language).expect("shipped");
            assert_eq!(keys_of(source), reference, "{language}");
            for key in &reference {
                let variables: Vec<&str> = english
                    .split("{ $")
                    .skip(1)
                    .filter_map(|rest| rest.split([' ', '}']).next())
                    .collect();
                let args: Vec<(&str, &str)> = variables.iter().map(|v| (*v, "x")).collect();
                let value = staff_with(language, key, &args);
                assert!(!value.contains("{$"), "{language} {key}: {value}");
                assert!(!value.is_empty() && value != *key, "{language} {key}");
            }
        }
        // Every key a staff template asks for exists.
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut asked = Vec::new();
        for sub in ["", "pages", "partials"] {
            for entry in std::fs::read_dir(folder.join(sub)).expect("templates") {
                let path = entry.expect("entry").path();
                if path.extension().is_some_and(|e| e == "html") {
                    let text = std::fs::read_to_string(&path).expect("template");
                    for call in text.split("layout.t(\"").skip(1) {
                        let key = call.split('"').next().unwrap_or_default();
                        asked.push((path.display().to_string(), key.to_string()));
                    }
                }
            }
        }
        assert!(asked.len() > 10, "{asked:?}");
        for (template, key) in asked {
            assert!(reference.contains(&key), "{template} asks for {key}");
        }
        // Arabic and Russian staff see English.
        assert_eq!(
            staff(Language::Ar, "nav-campaigns"),
            staff(Language::En, "nav-campaigns")
        );
    }

    #[test]
    fn prices_as_each_language_writes_them() {
        use crate::domain::money::{Currency, Money};
        let eur = |minor| Money {
            minor,
            currency: Currency::parse("EUR").expect("EUR"),
        };
        let usd = Money {
            minor: 500_000,
            currency: Currency::parse("USD").expect("USD"),
        };
        let kwd = Money {
            minor: 1_005,
            currency: Currency::parse("KWD").expect("KWD"),
        };
        assert_eq!(price(Language::En, eur(123_450)), "€1,234.50");
        assert_eq!(price(Language::Fr, eur(123_450)), "1\u{202f}234,50\u{a0}€");
        assert_eq!(price(Language::Es, eur(123_450)), "1234,50\u{a0}€");
        assert_eq!(price(Language::Es, eur(10_000)), "100\u{a0}€");
        assert_eq!(price(Language::Es, eur(1_234_500)), "12.345\u{a0}€");
        assert_eq!(price(Language::Ru, eur(2_500)), "25\u{a0}€");
        assert_eq!(price(Language::En, usd), "$5,000");
        assert_eq!(price(Language::Es, usd), "5000\u{a0}US$");
        assert_eq!(price(Language::Ar, kwd), "1.005\u{a0}KWD");
        assert_eq!(money(Language::Fr, eur(123_450)), "1\u{202f}234,50 EUR");
    }

    #[test]
    fn dates_as_each_language_writes_them() {
        let day = jiff::civil::date(2026, 5, 4);
        assert_eq!(date(Language::En, day), "4 May 2026");
        assert_eq!(date(Language::Fr, day), "4 mai 2026");
        assert_eq!(date(Language::Es, day), "4 de mayo de 2026");
        assert_eq!(date(Language::Ru, day), "4 мая 2026\u{a0}г.");
        assert_eq!(date(Language::Ar, day), "4 مايو 2026");
        let evening = day.at(20, 5, 0, 0);
        assert_eq!(date_time(Language::Es, evening), "4 de mayo de 2026, 20:05");
        assert_eq!(date_time(Language::Ar, evening), "4 مايو 2026، 20:05");
        assert_eq!(
            date(Language::En, jiff::civil::date(2026, 12, 31)),
            "31 December 2026"
        );
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
