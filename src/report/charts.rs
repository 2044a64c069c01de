//! Charts drawn on the server as SVG (askama templates, so every label is escaped): readable
//! without JavaScript, labelled for screen readers (`role="img"`, a title and a description
//! that states every value), mirrored for right-to-left languages. The tables beside them carry
//! the same numbers.

use askama::Template;

const WIDTH: i64 = 640;
const ROW: i64 = 30;
const BAR_HEIGHT: i64 = 20;
const LABEL_WIDTH: i64 = 200;
const VALUE_WIDTH: i64 = 110;
/// The characters of a bar's label that fit in [`LABEL_WIDTH`] at its size; a longer one is
/// shortened with an ellipsis (never cut by the edge), its whole text in the bar's tooltip and
/// in the chart's description.
const LABEL_CHARS: usize = 26;
/// Room above the bars or the line for the chart's visible title.
const TITLE_HEIGHT: i64 = 22;

/// `label` as it fits beside a bar, and whether it had to be shortened.
fn fitted(label: &str) -> (String, bool) {
    if label.chars().count() <= LABEL_CHARS {
        return (label.to_string(), false);
    }
    let kept: String = label.chars().take(LABEL_CHARS - 1).collect();
    (format!("{}…", kept.trim_end()), true)
}

struct Bar {
    label: String,
    full_label: String,
    shortened: bool,
    value: String,
    label_x: i64,
    bar_x: i64,
    bar_width: i64,
    value_x: i64,
    bar_y: i64,
    text_y: i64,
}

#[derive(Template)]
#[template(path = "charts/bars.svg", escape = "html")]
struct Bars {
    id: String,
    title: String,
    description: String,
    width: i64,
    height: i64,
    bar_height: i64,
    rtl: bool,
    title_x: i64,
    label_anchor: &'static str,
    value_anchor: &'static str,
    bars: Vec<Bar>,
}

/// Horizontal bars, one per `(label, value, value as text)`, scaled to the largest value.
/// In a right-to-left language the labels stand on the right and bars grow leftwards.
pub fn bars(id: &str, title: &str, rows: &[(String, i64, String)], rtl: bool) -> String {
    let largest = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (label, value, text))| {
            let bar_width = (value.max(&0) * span / largest).max(i64::from(*value > 0));
            let top = TITLE_HEIGHT + 10 + i as i64 * ROW;
            let (label_x, bar_x, value_x) = if rtl {
                let bar_right = WIDTH - LABEL_WIDTH;
                (WIDTH - 4, bar_right - bar_width, bar_right - bar_width - 6)
            } else {
                (LABEL_WIDTH - 8, LABEL_WIDTH, LABEL_WIDTH + bar_width + 6)
            };
            let (shown, shortened) = fitted(label);
            Bar {
                label: shown,
                full_label: label.clone(),
                shortened,
                value: text.clone(),
                label_x,
                bar_x,
                bar_width,
                value_x,
                bar_y: top,
                text_y: top + 15,
            }
        })
        .collect();
    let description = rows
        .iter()
        .map(|(label, _, text)| format!("{label}: {text}"))
        .collect::<Vec<_>>()
        .join("; ");
    Bars {
        id: id.into(),
        title: title.into(),
        description,
        width: WIDTH,
        height: TITLE_HEIGHT + 20 + rows.len() as i64 * ROW,
        bar_height: BAR_HEIGHT,
        rtl,
        // The title starts where the text of the page does (in RTL, `start` is the right).
        title_x: if rtl { WIDTH - 4 } else { 4 },
        // Anchors are in the text's own direction: "end" is the left edge in RTL.
        label_anchor: "end",
        value_anchor: "start",
        bars,
    }
    .render()
    .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "charts/line.svg", escape = "html")]
struct Line {
    id: String,
    title: String,
    description: String,
    width: i64,
    height: i64,
    left: i64,
    right: i64,
    top: i64,
    bottom: i64,
    title_x: i64,
    /// Where the value axis's labels (the largest value, and 0) stand, and their anchor.
    value_axis_x: i64,
    value_anchor: &'static str,
    axis_label_y: i64,
    max_label: String,
    points: String,
    first_x: i64,
    last_x: i64,
    first_anchor: &'static str,
    last_anchor: &'static str,
    first_label: String,
    last_label: String,
}

/// A time series as a line, oldest first (in RTL, oldest on the right).
pub fn line(id: &str, title: &str, points: &[(String, i64)], rtl: bool) -> String {
    let (left, right, top, bottom) = (48, WIDTH - 48, 24 + TITLE_HEIGHT, 170 + TITLE_HEIGHT);
    let largest = points.iter().map(|p| p.1).max().unwrap_or(0).max(1);
    let steps = (points.len() as i64 - 1).max(1);
    let x_of = |i: i64| {
        let forward = left + i * (right - left) / steps;
        if rtl {
            right + left - forward
        } else {
            forward
        }
    };
    let coordinates = points
        .iter()
        .enumerate()
        .map(|(i, (_, value))| {
            let y = bottom - value.max(&0) * (bottom - top) / largest;
            format!("{},{}", x_of(i as i64), y)
        })
        .collect::<Vec<_>>()
        .join(" ");
    let description = points
        .iter()
        .map(|(label, value)| format!("{label}: {value}"))
        .collect::<Vec<_>>()
        .join("; ");
    let label = |i: usize| points.get(i).map(|p| p.0.clone()).unwrap_or_default();
    Line {
        id: id.into(),
        title: title.into(),
        description,
        width: WIDTH,
        height: 200 + TITLE_HEIGHT,
        left,
        right,
        top,
        bottom,
        title_x: if rtl { WIDTH - 4 } else { 4 },
        // The values on the side the time starts from: left, or in RTL right.
        value_axis_x: if rtl { right + 6 } else { left - 6 },
        value_anchor: if rtl { "start" } else { "end" },
        axis_label_y: bottom + 18,
        max_label: largest.to_string(),
        points: coordinates,
        first_x: x_of(0),
        last_x: x_of(steps),
        // Dates sit inside the chart at both ends, whichever side time starts from.
        first_anchor: if rtl { "end" } else { "start" },
        last_anchor: if rtl { "start" } else { "end" },
        first_label: label(0),
        last_label: label(points.len().saturating_sub(1)),
    }
    .render()
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_labelled_and_escaped() {
        let svg = bars(
            "stops",
            "Visits per stop",
            &[
                ("Lyon <Halle>".into(), 300, "300".into()),
                ("Berlin".into(), 150, "150".into()),
                ("Quito".into(), 0, "0".into()),
            ],
            false,
        );
        assert!(svg.starts_with("<svg") && svg.contains("role=\"img\""));
        assert!(svg.contains("Lyon &#60;Halle&#62;") || svg.contains("Lyon &lt;Halle&gt;"));
        assert!(!svg.contains("<Halle>"));
        assert!(
            svg.contains("width=\"330\""),
            "the largest bar spans the chart"
        );
        assert!(svg.contains("width=\"165\""), "half as long");
        assert!(svg.contains("width=\"0\""), "nothing drawn for zero");
        assert!(svg.contains("Berlin: 150"), "values are in the description");
    }

    #[test]
    fn charts_show_their_title_and_never_cut_a_label() {
        let long = "Lantern Tour: Mexico City, Auditorio Nacional (2026-05-04)";
        let svg = bars(
            "stops",
            "Visits per stop",
            &[(long.into(), 5, "5".into())],
            false,
        );
        assert!(
            svg.contains("font-weight=\"600\">Visits per stop</text>"),
            "{svg}"
        );
        assert!(svg.contains(">Lantern Tour: Mexico City…</text>"), "{svg}");
        assert!(
            svg.contains(&format!("<title>{long}</title>")),
            "the whole label on hover"
        );
        assert!(
            svg.contains(&format!("{long}: 5")),
            "and in the description"
        );
        let days = [("2026-05-01".to_string(), 3), ("2026-05-02".to_string(), 0)];
        let line = line("days", "Visits per day", &days, false);
        assert!(line.contains(">Visits per day</text>"), "{line}");
        assert!(
            line.contains(">3</text>") && line.contains(">0</text>"),
            "the value axis: {line}"
        );
        assert!(line.contains(">2026-05-01</text>") && line.contains(">2026-05-02</text>"));
        // Right to left, the dates stay inside the chart.
        let rtl = super::line("days", "t", &days, true);
        assert!(
            rtl.contains("text-anchor=\"end\" font-size=\"12\">2026-05-01"),
            "{rtl}"
        );
    }

    #[test]
    fn right_to_left_mirrors_the_bars() {
        let rows = [("a".to_string(), 10, "10".to_string())];
        let ltr = bars("x", "t", &rows, false);
        let rtl = bars("x", "t", &rows, true);
        assert!(ltr.contains("x=\"200\" y=\"32\""), "{ltr}");
        assert!(rtl.contains("x=\"110\" y=\"32\""), "{rtl}");
        assert!(rtl.contains("direction=\"rtl\""));
        let series = [
            ("2026-06-01".to_string(), 5),
            ("2026-06-02".to_string(), 10),
        ];
        assert!(line("d", "Visits", &series, false).contains("points=\"48,119 592,46\""));
        assert!(line("d", "Visits", &series, true).contains("points=\"592,119 48,46\""));
    }
}
