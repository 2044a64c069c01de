//! The impact report as PDF (printpdf, DejaVu Sans embedded): a cover with the key figures
//! beside the previous period, the funnel and the visits per stop as bar charts, the per-stop,
//! per-channel and day-by-day tables, and the method notes — the same tables the dashboard and
//! the CSV show.

use std::io::Cursor;
use std::sync::LazyLock;

use printpdf::{Color, IndirectFontRef, Mm, PdfDocument, PdfLayerReference, Rect, Rgb};
use thiserror::Error;

use super::{Cell, Table};
use crate::domain::language::Language;
use crate::i18n;

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Glyph advances of the embedded font, for measuring and wrapping text.
static FACE: LazyLock<Option<ttf_parser::Face<'static>>> =
    LazyLock::new(|| ttf_parser::Face::parse(FONT, 0).ok());

const PAGE_WIDTH: f32 = 210.0;
const PAGE_HEIGHT: f32 = 297.0;
const MARGIN: f32 = 18.0;
const POINT_MM: f32 = 0.352_778;
/// The widest a text column grows before its text wraps, in millimetres.
const TEXT_COLUMN: f32 = 48.0;
/// Space inside a table cell on each side, in millimetres.
const CELL_PADDING: f32 = 1.0;
/// The size of table text, in points.
const TABLE_TEXT: f32 = 8.0;

#[derive(Debug, Error)]
#[error("the PDF could not be written: {0}")]
pub struct PdfError(pub(super) String);

/// What the report's cover says.
pub struct Cover<'a> {
    pub org_name: &'a str,
    /// The campaign's title, or what the report covers.
    pub subject: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub generated_on: &'a str,
    pub synthetic_note: Option<&'a str>,
}

/// `text` as it is drawn in a right-to-left document: Arabic letters joined into their
/// contextual forms, then every run in visual order (the Unicode bidi algorithm), so that a PDF
/// viewer that draws glyphs left to right shows it right. Vowel marks (harakat) are left out,
/// as ar_reshaper does by default: without a shaping engine nothing would place them over
/// their letters.
fn visual(text: &str) -> String {
    let joined = ar_reshaper::reshape_line(text);
    // Brackets inside right-to-left runs are drawn mirrored (Bidi_Mirrored).
    let levels = unicode_bidi::BidiInfo::new(&joined, Some(unicode_bidi::Level::rtl())).levels;
    let mirrored: String = joined
        .char_indices()
        .map(
            |(i, c)| match (levels.get(i).is_some_and(|l| l.is_rtl()), c) {
                (true, '(') => ')',
                (true, ')') => '(',
                (true, '[') => ']',
                (true, ']') => '[',
                _ => c,
            },
        )
        .collect();
    let bidi = unicode_bidi::BidiInfo::new(&mirrored, Some(unicode_bidi::Level::rtl()));
    let ordered: String = bidi
        .paragraphs
        .iter()
        .map(|paragraph| bidi.reorder_line(paragraph, paragraph.range.clone()))
        .collect();
    // The isolates around the values of Arabic sentences (see `i18n`) order; they are not drawn.
    ordered.replace([FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE], "")
}

const FIRST_STRONG_ISOLATE: char = '\u{2068}';
const POP_DIRECTIONAL_ISOLATE: char = '\u{2069}';

/// The width of `text` at `size` points, in millimetres.
fn text_width(text: &str, size: f32) -> f32 {
    let Some(face) = FACE.as_ref() else {
        return text.chars().count() as f32 * size * 0.55 * POINT_MM;
    };
    let units = f32::from(face.units_per_em());
    let advance: f32 = text
        .chars()
        // Direction marks and isolates order text; they have no width.
        .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{2066}'..='\u{2069}'))
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(units * 0.6, f32::from)
        })
        .sum();
    advance / units * size * POINT_MM
}

/// `text` cut into lines no wider than `width` millimetres at `size` points: between words,
/// and inside a word only when the word alone is wider than a line. Nothing is ever left out.
fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    // Widths are sums of glyph advances: allow for rounding when a text fills its column.
    let width = width + 0.05;
    let mut lines = Vec::new();
    let mut line = String::new();
    // Lines break at spaces only: a no-break space ("1 250 €", "15 %") holds its figure together.
    for word in text.split([' ', '\t', '\n']).filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if text_width(&line, size) > width && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The widest word of `text` at `size` points, in millimetres (words as [`wrap`] cuts them).
fn widest_word(text: &str, size: f32) -> f32 {
    text.split([' ', '\t', '\n'])
        .map(|w| text_width(w, size))
        .fold(0.0, f32::max)
}

/// The width a table column asks for: a figure's whole width (figures never wrap), a text's
/// width up to [`TEXT_COLUMN`] (then it wraps, never narrower than its widest word), and room
/// for the longest word of its header.
fn column_width(table: &Table, column: usize, size: f32, language: Language) -> f32 {
    let header = widest_word(&table.columns[column], size);
    let cells = table.rows.iter().map(|row| {
        let text = row[column].display(language);
        match row[column] {
            Cell::Text(_) => text_width(&text, size)
                .min(TEXT_COLUMN)
                .max(widest_word(&text, size)),
            _ => text_width(&text, size),
        }
    });
    cells.fold(header, f32::max) + 2.0 * CELL_PADDING
}

/// A row's cells `(text, width, numeric)` cut into lines: text wrapped within its column, a
/// figure never broken (its column is as wide as the widest figure).
fn wrap_cells(cells: &[(String, f32, bool)], size: f32) -> Vec<Vec<String>> {
    cells
        .iter()
        .map(|(text, width, numeric)| {
            if *numeric {
                vec![text.clone()]
            } else {
                wrap(text, size, width - 2.0 * CELL_PADDING)
            }
        })
        .collect()
}

/// The height of a row whose cells are `wrapped`, in millimetres (one line at least).
fn row_height(wrapped: &[Vec<String>], size: f32) -> f32 {
    let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f32 * size * POINT_MM * 1.35 + 1.6
}

/// Columns `(index, width)` placed on a line `line_width` wide: groups that fit side by side,
/// each starting with the first column (what the row is), so a table wider than the page
/// continues below itself instead of losing columns. A group's spare width goes to its first
/// column, up to what that column asks for.
fn column_groups(widths: &[(usize, f32)], line_width: f32) -> Vec<Vec<(usize, f32)>> {
    let Some((&(first, first_width), rest)) = widths.split_first() else {
        return Vec::new();
    };
    let label = first_width.min(line_width * 0.4);
    let room = line_width - label;
    let mut groups: Vec<Vec<(usize, f32)>> = vec![vec![(first, label)]];
    let mut used = 0.0;
    for &(column, width) in rest {
        let width = width.min(room);
        if used + width > room {
            groups.push(vec![(first, label)]);
            used = 0.0;
        }
        if let Some(group) = groups.last_mut() {
            group.push((column, width));
        }
        used += width;
    }
    for group in &mut groups {
        let others: f32 = group.iter().skip(1).map(|c| c.1).sum();
        group[0].1 = first_width.min(line_width - others).max(label);
    }
    groups
}

/// Writes downwards from the top of A4 pages, opening a page when one is full.
struct Writer {
    doc: printpdf::PdfDocumentReference,
    font: IndirectFontRef,
    layer: PdfLayerReference,
    y: f32,
    /// Right to left: every box is mirrored and text drawn in visual order.
    rtl: bool,
}

impl Writer {
    fn new(title: &str, rtl: bool) -> Result<Self, PdfError> {
        let (doc, page, layer) = PdfDocument::new(title, Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), "report");
        let font = doc
            .add_external_font(Cursor::new(FONT))
            .map_err(|e| PdfError(e.to_string()))?;
        let layer = doc.get_page(page).get_layer(layer);
        Ok(Self {
            doc,
            font,
            layer,
            y: PAGE_HEIGHT - MARGIN,
            rtl,
        })
    }

    /// Room for `height` millimetres more, on a new page if needed (then true).
    fn room(&mut self, height: f32) -> bool {
        if self.y - height >= MARGIN {
            return false;
        }
        let (page, layer) = self.doc.add_page(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), "report");
        self.layer = self.doc.get_page(page).get_layer(layer);
        self.y = PAGE_HEIGHT - MARGIN;
        true
    }

    /// Text whose left edge is at `x` in a left-to-right layout; mirrored in right to left.
    fn text_at(&self, text: &str, size: f32, x: f32, y: f32) {
        if self.rtl {
            let shown = visual(text);
            let left = PAGE_WIDTH - x - text_width(&shown, size);
            self.layer
                .use_text(shown, size, Mm(left), Mm(y), &self.font);
        } else {
            self.layer.use_text(text, size, Mm(x), Mm(y), &self.font);
        }
    }

    /// A filled box from `x1` to `x2` in a left-to-right layout; mirrored in right to left.
    fn rect(&self, x1: f32, y1: f32, x2: f32, y2: f32) {
        let (left, right) = if self.rtl {
            (PAGE_WIDTH - x2, PAGE_WIDTH - x1)
        } else {
            (x1, x2)
        };
        self.layer
            .add_rect(Rect::new(Mm(left), Mm(y1), Mm(right), Mm(y2)));
    }

    /// A line of text at the left margin, then down by its height.
    fn line(&mut self, text: &str, size: f32) {
        let height = size * POINT_MM * 1.5;
        self.room(height);
        self.y -= height;
        self.text_at(text, size, MARGIN, self.y);
    }

    fn paragraph(&mut self, text: &str, size: f32) {
        for line in wrap(text, size, PAGE_WIDTH - 2.0 * MARGIN) {
            self.line(&line, size);
        }
    }

    /// A section heading, with space before and after.
    fn heading(&mut self, text: &str) {
        self.gap(4.0);
        self.line(text, 14.0);
        self.gap(2.0);
    }

    fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }

    fn fill(&self, grey: bool) {
        let (r, g, b) = if grey {
            (0.85, 0.87, 0.9)
        } else {
            (0.12, 0.37, 0.55)
        };
        self.layer
            .set_fill_color(Color::Rgb(Rgb::new(r, g, b, None)));
    }

    fn black(&self) {
        self.layer
            .set_fill_color(Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)));
    }

    /// A table with every column but `leave_out`, each as wide as its contents ask, continued
    /// below itself when wider than the page; text wraps within its column, numbers are
    /// right-aligned, and nothing is cut short.
    fn table(&mut self, table: &Table, leave_out: &[usize], language: Language) {
        let size = TABLE_TEXT;
        let widths: Vec<(usize, f32)> = (0..table.columns.len())
            .filter(|c| !leave_out.contains(c))
            .map(|c| (c, column_width(table, c, size, language)))
            .collect();
        for (i, group) in column_groups(&widths, PAGE_WIDTH - 2.0 * MARGIN)
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                self.gap(3.0);
            }
            let header: Vec<(String, f32, bool)> = group
                .iter()
                .map(|(c, w)| (table.columns[*c].clone(), *w, false))
                .collect();
            // A table starts on a page with room for its header and a first row.
            self.room(row_height(&wrap_cells(&header, size), size) + row_height(&[], size));
            self.row(&header, size, None);
            for row in &table.rows {
                let cells: Vec<(String, f32, bool)> = group
                    .iter()
                    .map(|(c, w)| {
                        let cell = &row[*c];
                        (cell.display(language), *w, !matches!(cell, Cell::Text(_)))
                    })
                    .collect();
                self.row(&cells, size, Some(&header));
            }
        }
    }

    /// One row of cells `(text, width, numeric)`, as tall as its tallest wrapped cell; the
    /// header row on grey. A body row that opens a new page has the `header` drawn above it
    /// again there.
    fn row(
        &mut self,
        cells: &[(String, f32, bool)],
        size: f32,
        header: Option<&[(String, f32, bool)]>,
    ) {
        let line_height = size * POINT_MM * 1.35;
        let wrapped = wrap_cells(cells, size);
        let height = row_height(&wrapped, size);
        if self.room(height) {
            if let Some(header) = header {
                self.row(header, size, None);
            }
        }
        let is_header = header.is_none();
        if is_header {
            self.fill(true);
            self.rect(
                MARGIN,
                self.y - height,
                MARGIN + cells.iter().map(|c| c.1).sum::<f32>(),
                self.y,
            );
            self.black();
        }
        let top = self.y;
        let mut x = MARGIN;
        for ((_, width, numeric), cell_lines) in cells.iter().zip(&wrapped) {
            for (n, line) in cell_lines.iter().enumerate() {
                let baseline = top - (n as f32 + 1.0) * line_height;
                let left = if *numeric {
                    x + width - CELL_PADDING - text_width(line, size)
                } else {
                    x + CELL_PADDING
                };
                self.text_at(line, size, left, baseline);
            }
            x += width;
        }
        self.y = top - height;
    }

    /// Horizontal bars scaled to the largest value, labelled (wrapped, never cut) and valued.
    fn bars(&mut self, rows: &[(String, i64, String)]) {
        let size = 8.5;
        let line_height = size * POINT_MM * 1.35;
        let largest = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f32;
        let value_width = rows
            .iter()
            .map(|r| text_width(&r.2, size))
            .fold(20.0, f32::max)
            + 2.0;
        let label_width = 60.0;
        let span = PAGE_WIDTH - 2.0 * MARGIN - label_width - value_width;
        for (label, value, text) in rows {
            let lines = wrap(label, size, label_width - 2.0);
            let height = (lines.len() as f32 * line_height).max(5.0) + 2.0;
            self.room(height);
            let top = self.y;
            self.black();
            for (n, line) in lines.iter().enumerate() {
                self.text_at(line, size, MARGIN, top - (n as f32 + 1.0) * line_height);
            }
            let length = (*value).max(0) as f32 / largest * span;
            if length > 0.0 {
                self.fill(false);
                self.rect(
                    MARGIN + label_width,
                    top - 5.5,
                    MARGIN + label_width + length,
                    top - 0.5,
                );
                self.black();
            }
            self.text_at(text, size, MARGIN + label_width + length + 2.0, top - 4.1);
            self.y = top - height;
        }
    }

    /// The document's bytes, its title written as UTF-16BE with a byte-order mark: printpdf
    /// writes the title's UTF-8 bytes, which viewers read as PDFDocEncoding ("â€”" for "—").
    fn finish(self, title: &str) -> Result<Vec<u8>, PdfError> {
        let bytes = self
            .doc
            .save_to_bytes()
            .map_err(|e| PdfError(e.to_string()))?;
        with_title(&bytes, title)
    }
}

/// The report as PDF bytes, in `language` (right to left for Arabic). `tables` are the
/// report's tables in that language ([`super::tables`]).
pub fn impact_pdf(
    cover: &Cover<'_>,
    tables: &[Table],
    language: Language,
) -> Result<Vec<u8>, PdfError> {
    let t = |key: &str| i18n::text(language, key);
    let table = |key: &str| tables.iter().find(|t| t.key == key);
    let title = format!("{} — {}", t("report-title"), cover.subject);
    let mut w = Writer::new(&title, language.dir() == "rtl")?;
    w.line(cover.org_name, 12.0);
    w.line(&t("report-title"), 24.0);
    w.line(cover.subject, 16.0);
    w.line(
        &i18n::text_with(
            language,
            "report-period",
            &[("from", cover.from), ("to", cover.to)],
        ),
        11.0,
    );
    w.line(
        &i18n::text_with(
            language,
            "report-generated",
            &[("date", cover.generated_on)],
        ),
        9.0,
    );
    if let Some(note) = cover.synthetic_note {
        w.paragraph(note, 9.0);
    }
    w.gap(2.0);
    w.paragraph(&t("report-reach-note"), 9.0);
    if let Some(figures) = table("figures") {
        w.heading(&figures.title);
        // Each figure's method is written out in full at the end.
        w.table(figures, &[4], language);
    }
    if let Some(funnel) = table("funnel") {
        w.heading(&funnel.title);
        let rows: Vec<(String, i64, String)> = funnel
            .rows
            .iter()
            .map(|row| {
                let count = match row[1] {
                    Cell::Count(n) => n,
                    _ => 0,
                };
                let share = match &row[3] {
                    Cell::Share(Some(_)) => format!(
                        " ({} {})",
                        row[3].display(language),
                        row[4].display(language)
                    ),
                    _ => String::new(),
                };
                (
                    row[0].display(language),
                    count,
                    format!("{}{share}", row[1].display(language)),
                )
            })
            .collect();
        w.bars(&rows);
    }
    if let Some(stops) = table("stops") {
        w.heading(&stops.title);
        w.table(stops, &[], language);
        let rows: Vec<(String, i64, String)> = stops
            .rows
            .iter()
            .map(|row| {
                let visits = match row[5] {
                    Cell::Count(n) => n,
                    _ => 0,
                };
                (row[0].display(language), visits, row[5].display(language))
            })
            .collect();
        w.heading(&t("fig-visits"));
        w.bars(&rows);
    }
    for key in ["channels", "days"] {
        if let Some(found) = table(key) {
            w.heading(&found.title);
            w.table(found, &[], language);
        }
    }
    if let Some(figures) = table("figures") {
        w.heading(&t("report-method"));
        for row in &figures.rows {
            w.paragraph(
                &format!("{}: {}", row[0].display(language), row[4].display(language)),
                8.5,
            );
            w.gap(1.0);
        }
    }
    w.finish(&title)
}

/// `pdf` with the Info dictionary's Title set to `title` as a text string in UTF-16BE with a
/// byte-order mark (PDF 32000-1, 7.9.2.2), which every viewer reads whatever the script.
fn with_title(pdf: &[u8], title: &str) -> Result<Vec<u8>, PdfError> {
    use printpdf::lopdf::{Document, Object, StringFormat};
    let error = |e: printpdf::lopdf::Error| PdfError(e.to_string());
    let mut doc = Document::load_mem(pdf).map_err(error)?;
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(error)?;
    let mut encoded = vec![0xFE, 0xFF];
    encoded.extend(title.encode_utf16().flat_map(u16::to_be_bytes));
    doc.get_object_mut(info)
        .and_then(Object::as_dict_mut)
        .map_err(error)?
        .set("Title", Object::String(encoded, StringFormat::Hexadecimal));
    let mut out = Vec::with_capacity(pdf.len());
    doc.save_to(&mut out).map_err(|e| PdfError(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_measured_with_the_font_and_wrapped_to_width() {
        assert!(text_width("WWWW", 10.0) > text_width("iiii", 10.0));
        let lines = wrap(&"word ".repeat(60), 9.0, 80.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| text_width(l, 9.0) <= 80.0));
        let long = "x".repeat(200);
        let cut = wrap(&long, 9.0, 20.0);
        assert!(cut.len() > 1 && cut.iter().all(|l| text_width(l, 9.0) <= 20.0));
        assert_eq!(
            cut.concat(),
            long,
            "a word wider than a line is broken, never cut"
        );
    }

    #[test]
    fn a_table_wider_than_the_page_continues_below_itself() {
        let widths = [
            (0, 50.0),
            (1, 30.0),
            (2, 30.0),
            (3, 30.0),
            (4, 30.0),
            (5, 30.0),
        ];
        let groups = column_groups(&widths, 174.0);
        assert_eq!(groups.len(), 2);
        for group in &groups {
            assert_eq!(group[0].0, 0, "each part starts with what the row is");
            assert!(group.iter().map(|c| c.1).sum::<f32>() <= 174.0 + 1e-3);
        }
        let shown: Vec<usize> = groups
            .iter()
            .flat_map(|g| g[1..].iter().map(|c| c.0))
            .collect();
        assert_eq!(shown, [1, 2, 3, 4, 5], "every column, once");
    }

    #[test]
    fn arabic_is_joined_and_put_in_visual_order() {
        // سلام: seen joined (presentation forms) and, drawn left to right, last letter first.
        let shown = visual("سلام 2026");
        assert!(
            shown
                .chars()
                .all(|c| !('\u{0621}'..='\u{064A}').contains(&c)),
            "{shown}"
        );
        assert!(
            shown.starts_with("2026"),
            "digits stay left to right: {shown}"
        );
        let face = FACE.as_ref().expect("font");
        assert!(
            shown
                .chars()
                .filter(|c| !c.is_ascii())
                .all(|c| face.glyph_index(c).is_some()),
            "the embedded font has every joined form"
        );
        assert_eq!(visual("Berlin"), "Berlin");
        // A date in an Arabic sentence reads as written (its value is isolated), and no
        // isolate is left to draw.
        let sentence = i18n::text_with(Language::Ar, "report-generated", &[("date", "2026-12-07")]);
        let dated = visual(&sentence);
        assert!(
            dated.contains("2026-12-07"),
            "a date keeps its order: {dated}"
        );
        assert!(!dated.contains(['\u{2068}', '\u{2069}']));
        let unisolated = visual("حتى 2026-12-07");
        assert!(
            unisolated.contains("07-12-2026"),
            "why values are isolated: {unisolated}"
        );
        let bracketed = visual("وصلنا (الحضور)");
        assert!(bracketed.starts_with('('), "mirrored: {bracketed}");
    }
}

#[cfg(test)]
mod arabic_sample {
    use super::*;
    use crate::domain::report::{build, previous_period, ReportInput, Scope, VisitCell};

    /// Writes an Arabic report to `$CHORUS_PDF_SAMPLE` when set, to look at by eye; always
    /// checks that an Arabic report is written.
    #[test]
    fn an_arabic_report_is_written() {
        let input = ReportInput {
            visits: vec![VisitCell {
                campaign: 1,
                touchpoint: 0,
                day: 20_000,
                people: 1_250,
                scans: 1_000,
                links: 0,
            }],
            reporting_currency: "EUR".into(),
            ..ReportInput::default()
        };
        let scope = Scope {
            from_day: 19_990,
            to_day: 20_010,
            ..Scope::default()
        };
        let report = build(&input, &scope);
        let previous = build(&input, &previous_period(&scope));
        let tables = crate::report::tables(&report, &previous, Language::Ar);
        let cover = Cover {
            org_name: "تحالف العبور الآمن",
            subject: "طرق مفتوحة",
            from: "2024-09-24",
            to: "2024-10-13",
            generated_on: "2024-10-14",
            synthetic_note: None,
        };
        let bytes = impact_pdf(&cover, &tables, Language::Ar).expect("pdf");
        assert!(bytes.starts_with(b"%PDF-"));
        if let Ok(path) = std::env::var("CHORUS_PDF_SAMPLE") {
            std::fs::write(path, &bytes).expect("sample");
        }
    }
}
