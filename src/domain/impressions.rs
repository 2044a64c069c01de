//! Imported reach: social impressions per post from the platforms' own CSV exports (each
//! platform names its columns differently; staff may map any column by hand), and attendance
//! per engagement. Every bad row is named by line and column; nothing is kept unless every
//! row is good.

use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;

use super::ids::CampaignId;
use super::spreadsheet::{read_csv, row_problem, CsvRows, RowProblem};
use super::validation::optional_count;

/// A platform whose post exports Chorus reads, or another whose columns staff map by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Platform {
    Instagram,
    Facebook,
    Youtube,
    Tiktok,
    X,
    Vk,
    Weibo,
    /// Any other platform (Telegram, a WhatsApp channel, a regional network): its export is
    /// read through the column mapping, which must name the post, date and impressions.
    Other,
}

/// The figures a post row carries; each is found under one of several column names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Post,
    Date,
    Impressions,
    Reach,
    /// The post's text or link, searched for a Chorus short link (`/t/CODE`).
    Link,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Post,
        Field::Date,
        Field::Impressions,
        Field::Reach,
        Field::Link,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Post => "post",
            Field::Date => "date",
            Field::Impressions => "impressions",
            Field::Reach => "reach",
            Field::Link => "link",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == text)
    }
}

impl Platform {
    pub const ALL: [Platform; 8] = [
        Platform::Instagram,
        Platform::Facebook,
        Platform::Youtube,
        Platform::Tiktok,
        Platform::X,
        Platform::Vk,
        Platform::Weibo,
        Platform::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Instagram => "instagram",
            Platform::Facebook => "facebook",
            Platform::Youtube => "youtube",
            Platform::Tiktok => "tiktok",
            Platform::X => "x",
            Platform::Vk => "vk",
            Platform::Weibo => "weibo",
            Platform::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let wanted = text.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == wanted || (wanted == "twitter" && *p == Platform::X))
            .ok_or_else(|| {
                format!(
                    "unknown platform '{}'; choose instagram, facebook, youtube, tiktok, x, vk, weibo or other (with a column mapping)",
                    text.trim().chars().take(20).collect::<String>()
                )
            })
    }

    /// The column names (lower case) this platform's export uses for `field`, best first.
    fn columns(self, field: Field) -> &'static [&'static str] {
        use Field::*;
        use Platform::*;
        match (self, field) {
            // Meta Business Suite's content export (Instagram and Facebook).
            (Instagram | Facebook, Post) => &["post id", "id"],
            (Instagram | Facebook, Date) => &["publish time", "date"],
            (Instagram | Facebook, Impressions) => &["impressions", "views"],
            (Instagram | Facebook, Reach) => &["reach", "accounts reached"],
            (Instagram | Facebook, Link) => &["permalink", "description", "title"],
            // YouTube Studio's table export.
            (Youtube, Post) => &["content", "video id", "video"],
            (Youtube, Date) => &["video publish time", "publish time", "date"],
            (Youtube, Impressions) => &["impressions", "views"],
            (Youtube, Reach) => &["unique viewers", "unique viewers (estimated)"],
            (Youtube, Link) => &["video title", "description", "title"],
            // TikTok Studio's post export.
            (Tiktok, Post) => &["video id", "post id", "id"],
            (Tiktok, Date) => &["post time", "date posted", "date"],
            (Tiktok, Impressions) => &["video views", "views", "impressions"],
            (Tiktok, Reach) => &["reached audience", "reach"],
            (Tiktok, Link) => &["video title", "caption", "description"],
            // X's post activity export.
            (X, Post) => &["tweet id", "post id", "id"],
            (X, Date) => &["time", "date"],
            (X, Impressions) => &["impressions"],
            (X, Reach) => &[],
            (X, Link) => &["tweet permalink", "post link", "tweet text", "post text"],
            // VK's community post statistics export, in English or Russian.
            (Vk, Post) => &["post id", "id записи", "id"],
            (Vk, Date) => &["date", "дата публикации", "дата"],
            (Vk, Impressions) => &["views", "просмотры"],
            (Vk, Reach) => &["reach", "охват", "охват записи"],
            (Vk, Link) => &["link", "ссылка", "text", "текст"],
            // Weibo's data centre export of posts (Chinese headers, or English).
            (Weibo, Post) => &["mid", "微博id", "post id"],
            (Weibo, Date) => &["发布时间", "publish time", "date"],
            (Weibo, Impressions) => &["阅读数", "reads", "impressions"],
            (Weibo, Reach) => &[],
            (Weibo, Link) => &["微博链接", "链接", "微博内容", "link", "text"],
            // Nothing is known: staff map the columns.
            (Other, _) => &[],
        }
    }
}

/// One post read from an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocialPost {
    pub line: usize,
    pub post_ref: String,
    pub posted_on: Date,
    pub impressions: i64,
    pub reach: Option<i64>,
    /// A Chorus short-link code found in the post's link or text.
    pub short_code: Option<String>,
}

/// A post ready to store: placed in a campaign and, through its short link, at a touchpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpressionRow {
    pub campaign: CampaignId,
    pub platform: Platform,
    pub post_ref: String,
    pub posted_on: Date,
    pub touchpoint: Option<i64>,
    pub engagement: Option<i64>,
    pub impressions: i64,
    pub reach: Option<i64>,
}

/// Staff's column choices: `field=Column name` pairs (`impressions=Views`), one per line or
/// separated by `;`.
pub fn parse_mapping(text: &str) -> Result<BTreeMap<Field, String>, String> {
    let mut mapping = BTreeMap::new();
    for pair in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (field, column) = pair
            .split_once('=')
            .ok_or_else(|| format!("column mapping '{pair}': write field=Column name"))?;
        let field = Field::parse(field.trim().to_ascii_lowercase().as_str()).ok_or_else(|| {
            format!(
                "column mapping '{pair}': the field is one of post, date, impressions, reach, link"
            )
        })?;
        mapping.insert(field, column.trim().to_lowercase());
    }
    Ok(mapping)
}

/// A date as the platforms write it: `2026-06-01`, `2026-06-01 20:15`, `2026-06-01T20:15:00Z`,
/// or Meta's and X's `06/01/2026 20:15` (month first).
pub fn parse_post_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Some(day) = text.get(..10).and_then(|d| d.parse::<Date>().ok()) {
        return Some(day);
    }
    let date_part = text.split([' ', 'T']).next()?;
    let mut parts = date_part.split('/');
    let month: i8 = parts.next()?.parse().ok()?;
    let day: i8 = parts.next()?.parse().ok()?;
    let year: i16 = parts.next()?.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// The code of the first Chorus short link (`/t/CODE`) in `text`.
pub fn short_code_in(text: &str) -> Option<String> {
    let start = text.find("/t/")? + 3;
    let code: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!code.is_empty()).then_some(code)
}

/// Which column holds each field: the mapping's choice, else the platform's usual names.
fn locate(
    csv: &CsvRows,
    platform: Platform,
    mapping: &BTreeMap<Field, String>,
) -> Result<BTreeMap<Field, usize>, Vec<RowProblem>> {
    let mut found = BTreeMap::new();
    let mut problems = Vec::new();
    for field in Field::ALL {
        let column = match mapping.get(&field) {
            Some(name) => match csv.column(name) {
                Some(i) => Some(i),
                None => {
                    problems.push(row_problem(
                        1,
                        field.as_str(),
                        format!("the mapped column '{name}' is not in the header"),
                    ));
                    continue;
                }
            },
            None => platform
                .columns(field)
                .iter()
                .find_map(|name| csv.column(name)),
        };
        match column {
            Some(i) => {
                found.insert(field, i);
            }
            None if matches!(field, Field::Post | Field::Date | Field::Impressions) => {
                let known = platform.columns(field);
                let message = if known.is_empty() {
                    format!(
                        "no column for it: name the export's column with {}=Column name",
                        field.as_str()
                    )
                } else {
                    format!(
                        "no column for it: {} exports call it {}; map another with {}=Column name",
                        platform.as_str(),
                        known
                            .iter()
                            .map(|c| format!("'{c}'"))
                            .collect::<Vec<_>>()
                            .join(" or "),
                        field.as_str()
                    )
                };
                problems.push(row_problem(1, field.as_str(), message));
            }
            None => {}
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

/// Reads a platform's post export. All rows, or every problem found.
pub fn parse_impressions_csv(
    text: &str,
    platform: Platform,
    mapping: &BTreeMap<Field, String>,
) -> Result<Vec<SocialPost>, Vec<RowProblem>> {
    let mut csv = read_csv(text)?;
    let columns = locate(&csv, platform, mapping)?;
    let mut problems = std::mem::take(&mut csv.problems);
    let mut posts = Vec::new();
    let mut seen = HashSet::new();
    for (line, record) in &csv.rows {
        let line = *line;
        let cell = |field: Field| {
            columns
                .get(&field)
                .and_then(|i| record.get(*i))
                .unwrap_or_default()
        };
        let before = problems.len();
        let post_ref = cell(Field::Post).to_string();
        if post_ref.is_empty() {
            problems.push(row_problem(line, "post", "the post's id is empty"));
        } else if post_ref.chars().count() > 200 {
            problems.push(row_problem(line, "post", "longer than 200 characters"));
        } else if !seen.insert(post_ref.clone()) {
            problems.push(row_problem(
                line,
                "post",
                format!("'{post_ref}' is on an earlier row too"),
            ));
        }
        let posted_on = parse_post_date(cell(Field::Date));
        if posted_on.is_none() {
            problems.push(row_problem(
                line,
                "date",
                format!(
                    "'{}' is not a date (2026-06-01, 2026-06-01 20:15 or 06/01/2026 20:15)",
                    cell(Field::Date).chars().take(30).collect::<String>()
                ),
            ));
        }
        let impressions = match optional_count("Impressions", cell(Field::Impressions)) {
            Ok(Some(n)) => Some(n),
            Ok(None) => {
                problems.push(row_problem(line, "impressions", "empty"));
                None
            }
            Err(message) => {
                problems.push(row_problem(line, "impressions", message.to_string()));
                None
            }
        };
        let reach = match optional_count("Reach", cell(Field::Reach)) {
            Ok(n) => n,
            Err(message) => {
                problems.push(row_problem(line, "reach", message.to_string()));
                None
            }
        };
        if problems.len() > before {
            continue;
        }
        if let (Some(posted_on), Some(impressions)) = (posted_on, impressions) {
            posts.push(SocialPost {
                line,
                post_ref,
                posted_on,
                impressions,
                reach,
                short_code: short_code_in(cell(Field::Link)),
            });
        }
    }
    if problems.is_empty() {
        Ok(posts)
    } else {
        Err(problems)
    }
}

/// Attendance of one engagement, from an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceRow {
    pub line: usize,
    pub engagement: i64,
    pub attendance: i64,
    pub source: String,
}

/// Reads an attendance file: columns `engagement` (its number), `attendance` and `source`
/// (venue count, ticket scanner, estimate…).
pub fn parse_attendance_csv(text: &str) -> Result<Vec<AttendanceRow>, Vec<RowProblem>> {
    const COLUMNS: [&str; 3] = ["engagement", "attendance", "source"];
    let mut csv = read_csv(text)?;
    let missing: Vec<RowProblem> = COLUMNS
        .iter()
        .filter(|c| csv.column(c).is_none())
        .map(|c| row_problem(1, c, "this column is missing from the header"))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut problems = std::mem::take(&mut csv.problems);
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    for (line, record) in &csv.rows {
        let line = *line;
        let cell = |name: &str| {
            csv.column(name)
                .and_then(|i| record.get(i))
                .unwrap_or_default()
        };
        let engagement = match optional_count("Engagement", cell("engagement")) {
            Ok(Some(id)) if !seen.insert(id) => {
                problems.push(row_problem(
                    line,
                    "engagement",
                    format!("{id} is on an earlier row too"),
                ));
                None
            }
            Ok(Some(id)) => Some(id),
            Ok(None) => {
                problems.push(row_problem(line, "engagement", "empty"));
                None
            }
            Err(message) => {
                problems.push(row_problem(line, "engagement", message.to_string()));
                None
            }
        };
        let attendance = match optional_count("Attendance", cell("attendance")) {
            Ok(Some(n)) => Some(n),
            Ok(None) => {
                problems.push(row_problem(line, "attendance", "empty"));
                None
            }
            Err(message) => {
                problems.push(row_problem(line, "attendance", message.to_string()));
                None
            }
        };
        let source = cell("source").to_string();
        if source.is_empty() {
            problems.push(row_problem(
                line,
                "source",
                "say how it was counted (venue count, ticket scanner, estimate…)",
            ));
        } else if source.chars().count() > 120 {
            problems.push(row_problem(line, "source", "longer than 120 characters"));
        }
        if let (Some(engagement), Some(attendance), false) =
            (engagement, attendance, source.is_empty())
        {
            rows.push(AttendanceRow {
                line,
                engagement,
                attendance,
                source,
            });
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INSTAGRAM: &str = "Post ID,Account username,Description,Publish time,Permalink,Impressions,Reach,Likes\n\
        17900001,artist,\"Sign now: https://chorus.example/t/lyon-qr\",06/01/2026 20:15,https://www.instagram.com/p/abc/,\"120,500\",80000,9000\n\
        17900002,artist,Thank you Berlin,2026-06-03 21:00,https://www.instagram.com/p/def/,50000,,400\n";

    #[test]
    fn instagram_exports_are_read_with_their_own_column_names() {
        let posts = parse_impressions_csv(INSTAGRAM, Platform::Instagram, &BTreeMap::new())
            .expect("good file");
        assert_eq!(posts.len(), 2);
        assert_eq!(posts[0].post_ref, "17900001");
        assert_eq!(posts[0].posted_on, jiff::civil::date(2026, 6, 1));
        assert_eq!(
            (posts[0].impressions, posts[0].reach),
            (120_500, Some(80_000))
        );
        assert_eq!(posts[1].reach, None);
        assert_eq!(posts[1].line, 3);
    }

    #[test]
    fn the_short_link_is_found_in_the_mapped_column() {
        let mapping = parse_mapping("link=Description").expect("mapping");
        let posts =
            parse_impressions_csv(INSTAGRAM, Platform::Instagram, &mapping).expect("good file");
        assert_eq!(posts[0].short_code.as_deref(), Some("lyon-qr"));
        assert_eq!(posts[1].short_code, None);
    }

    #[test]
    fn vk_and_weibo_exports_are_read_and_another_platform_by_its_mapping() {
        let vk = "ID записи,Дата публикации,Просмотры,Охват,Текст\n\
                  wall-1_77,2026-06-02 21:00,48000,31000,Смотрите https://chorus.example/t/DEMQ222\n";
        let posts = parse_impressions_csv(vk, Platform::Vk, &BTreeMap::new()).expect("VK");
        assert_eq!(
            (
                posts[0].post_ref.as_str(),
                posts[0].impressions,
                posts[0].reach
            ),
            ("wall-1_77", 48_000, Some(31_000))
        );
        assert_eq!(posts[0].short_code.as_deref(), Some("DEMQ222"));
        let weibo = "mid,发布时间,阅读数,微博内容\n4990001,2026-06-03 09:30,120000,开放之路\n";
        let posts = parse_impressions_csv(weibo, Platform::Weibo, &BTreeMap::new()).expect("Weibo");
        assert_eq!((posts[0].impressions, posts[0].reach), (120_000, None));
        assert_eq!(Platform::parse("VK"), Ok(Platform::Vk));

        // A Telegram channel's statistics, read through the mapping only.
        let telegram = "Message,Posted,Views\n1042,2026-06-04,9100\n";
        let unmapped = parse_impressions_csv(telegram, Platform::Other, &BTreeMap::new())
            .expect_err("nothing known");
        assert_eq!(unmapped.len(), 3, "post, date and impressions each named");
        assert!(
            unmapped[0].message.contains("post=Column name"),
            "{unmapped:?}"
        );
        let mapping = parse_mapping("post=Message; date=Posted; impressions=Views").expect("map");
        let posts = parse_impressions_csv(telegram, Platform::Other, &mapping).expect("mapped");
        assert_eq!(
            (posts[0].post_ref.as_str(), posts[0].impressions),
            ("1042", 9_100)
        );
    }

    #[test]
    fn every_bad_row_is_named_by_line_and_field() {
        let bad = "Tweet id,time,impressions\n1,2026-06-01,100\n,2026-06-01,5\n2,yesterday,5\n3,2026-06-02,-4\n1,2026-06-02,7\n";
        let problems =
            parse_impressions_csv(bad, Platform::X, &BTreeMap::new()).expect_err("bad rows");
        let named: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(named.len(), 4, "{named:?}");
        assert!(named[0].starts_with("line 3, post"), "{named:?}");
        assert!(named[1].starts_with("line 4, date"), "{named:?}");
        assert!(named[2].starts_with("line 5, impressions"), "{named:?}");
        assert!(named[3].starts_with("line 6, post"), "{named:?}");
        let header = parse_impressions_csv("id,when\n1,2\n", Platform::Youtube, &BTreeMap::new())
            .expect_err("no columns");
        assert!(header
            .iter()
            .any(|p| p.field == "impressions" && p.line == 1));
        let mapped = parse_impressions_csv(
            INSTAGRAM,
            Platform::Instagram,
            &parse_mapping("reach=Nope").expect("mapping"),
        )
        .expect_err("mapped column missing");
        assert!(mapped[0].message.contains("'nope'"));
        assert!(parse_mapping("views").is_err());
        assert!(parse_mapping("likes=Likes").is_err());
        assert_eq!(Platform::parse("Twitter"), Ok(Platform::X));
        assert!(Platform::parse("myspace").is_err());
    }

    #[test]
    fn attendance_rows_need_a_number_and_a_source() {
        let good =
            "engagement,attendance,source\n4,\"16,250\",ticket scanner\n5,30000,venue count\n";
        let rows = parse_attendance_csv(good).expect("good");
        assert_eq!(rows[0].attendance, 16_250);
        assert_eq!(rows[1].source, "venue count");
        let bad = "engagement,attendance,source\nx,5,estimate\n4,,estimate\n5,10,\n5,10,estimate\n5,11,estimate\n";
        let problems = parse_attendance_csv(bad).expect_err("bad");
        let fields: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.line, p.field.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                (2, "engagement"),
                (3, "attendance"),
                (4, "source"),
                (5, "engagement"),
                (6, "engagement")
            ]
        );
        assert!(parse_attendance_csv("engagement,people\n1,2\n").is_err());
    }
}
