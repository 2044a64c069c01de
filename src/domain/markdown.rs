//! Campaign stories: Markdown rendered to HTML that is safe to put on a public page.
//!
//! Raw HTML in the source is shown as text, never passed through, and links and images keep only
//! `https:`, `http:`, `mailto:` and relative targets. That removes scripts, event handlers and
//! `javascript:` URLs by construction, without an HTML sanitizer's parser in the build.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Renders `source` (CommonMark with tables and strikethrough) to sanitized HTML.
pub fn render(source: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(source, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        // The story sits under the page's own headings: `#` becomes <h2>, `##` <h3>, and so on.
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: one_level_down(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(one_level_down(level))),
        other => other,
    });
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

fn one_level_down(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lowered = url.trim().to_ascii_lowercase();
    let scheme_end = lowered.find(':');
    let path_start = lowered.find(['/', '?', '#']);
    let has_scheme = match (scheme_end, path_start) {
        (Some(colon), Some(slash)) => colon < slash,
        (Some(_), None) => true,
        _ => false,
    };
    let allowed = ["https:", "http:", "mailto:"];
    if !has_scheme || allowed.iter().any(|s| lowered.starts_with(s)) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn formats_markdown() {
        let html = render(
            "# Safe routes\n\nSupport **safe** migration. [Learn more](https://example.org/a).",
        );
        assert!(html.contains("<h2>Safe routes</h2>"), "{html}");
        assert!(html.contains("<strong>safe</strong>"));
        assert!(html.contains(r#"<a href="https://example.org/a">"#));
    }

    #[test]
    fn removes_scripts_and_dangerous_links() {
        for hostile in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "![x](data:text/html;base64,PHNjcmlwdD4=)",
            "<a href=\"javascript:alert(1)\">x</a>",
            "[x](vbscript:msgbox)",
        ] {
            let html = render(hostile);
            assert!(!html.contains("<script"), "{hostile} → {html}");
            assert!(!html.contains("<img src=x"), "{hostile} → {html}");
            assert!(
                !html.to_lowercase().contains("<a href=\"javascript"),
                "{hostile} → {html}"
            );
            assert!(!html.contains("src=\"data:"), "{hostile} → {html}");
            assert!(!html.contains("vbscript"), "{hostile} → {html}");
        }
        assert!(render("<b>x</b>").contains("&lt;b&gt;"));
        assert!(render("[rel](/demo/other)").contains(r#"href="/demo/other""#));
    }
}
