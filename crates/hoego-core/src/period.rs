//! Retrospective periods: which period a post reviews, the one after it, and
//! its title in Korean and English. Pure calendar arithmetic (proleptic
//! Gregorian, ISO 8601 weeks); no clock.
//!
//! The reviewed period comes from the title when it says so (`2023년 회고`,
//! `2024년 상반기 회고`, `3분기`, `Q3`, `12주차`, `Week 12`), else from the
//! post's date with a grace period, because retrospectives are written just
//! after the period as often as at its end: a yearly post from January or
//! February reviews the year before, a half-year post from January or July
//! the half before, a quarterly one from the first half of a quarter's first
//! month the quarter before, a monthly one from the first week of a month the
//! month before, and a weekly one from a Monday the week before.

use crate::date::{civil_from_days, days_from_civil, PostDate};
use crate::templates::Lang;

/// How long a retrospective's period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    /// A calendar year.
    Year,
    /// January–June or July–December.
    Half,
    /// A calendar quarter.
    Quarter,
    /// A calendar month.
    Month,
    /// An ISO 8601 week (Monday to Sunday).
    Week,
}

impl PeriodKind {
    /// Every kind, longest first.
    pub const ALL: [PeriodKind; 5] =
        [PeriodKind::Year, PeriodKind::Half, PeriodKind::Quarter, PeriodKind::Month, PeriodKind::Week];

    /// Parse `year|half|quarter|month|week`.
    pub fn parse(s: &str) -> Option<PeriodKind> {
        PeriodKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The CLI name.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Year => "year",
            PeriodKind::Half => "half",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Month => "month",
            PeriodKind::Week => "week",
        }
    }

    /// The template a retrospective of this kind starts from (monthly
    /// retrospectives are usually KPT).
    pub fn template(self) -> &'static str {
        match self {
            PeriodKind::Year => "yearly",
            PeriodKind::Half => "half-year",
            PeriodKind::Quarter => "quarterly",
            PeriodKind::Month => "kpt",
            PeriodKind::Week => "weekly",
        }
    }

    /// The kind a post's title, tags, categories or headings name, most
    /// specific first (`주간`/`weekly`, `월간`/`monthly`, `분기`/`quarter`/`Q3`,
    /// `반기`/`half`/`H1`, `연간`/`연말`/`yearly`/`annual`/`year`).
    pub fn detect<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<PeriodKind> {
        let mut found: Option<PeriodKind> = None;
        for text in texts {
            let lower = text.to_lowercase();
            let tokens: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
            let token = |ws: &[&str]| tokens.iter().any(|t| ws.contains(t));
            let kind = if lower.contains("주간") || lower.contains("주차") || token(&["weekly", "week"]) {
                Some(PeriodKind::Week)
            } else if lower.contains("월간") || lower.contains("월 회고") || token(&["monthly", "month"]) {
                Some(PeriodKind::Month)
            } else if lower.contains("분기") || token(&["quarter", "quarterly", "q1", "q2", "q3", "q4"]) {
                Some(PeriodKind::Quarter)
            } else if lower.contains("반기") || token(&["half", "h1", "h2"]) {
                Some(PeriodKind::Half)
            } else if lower.contains("연간") || lower.contains("연말") || token(&["yearly", "annual", "year"]) {
                Some(PeriodKind::Year)
            } else {
                None
            };
            // The most specific kind any text names wins ("2023 회고" + tag "주간회고" is weekly).
            found = match (found, kind) {
                (Some(a), Some(b)) => Some(if b as u8 > a as u8 { b } else { a }),
                (a, b) => a.or(b),
            };
        }
        found
    }
}

/// One period: a kind, a year (the ISO week-year for weeks) and an index
/// within the year (1 for a year; 1–2 halves; 1–4 quarters; 1–12 months;
/// 1–53 weeks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    /// Its length.
    pub kind: PeriodKind,
    /// Its year.
    pub year: i32,
    /// Its index within the year.
    pub index: u8,
}

/// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// (ISO week-year, week) of a day.
fn iso_week(days: i64) -> (i32, u8) {
    let thursday = days - weekday(days) + 3;
    let (year, _, _) = civil_from_days(thursday);
    (year, ((thursday - days_from_civil(year, 1, 1)) / 7 + 1) as u8)
}

impl Period {
    /// The period of `kind` that contains the day `y-m-d`.
    pub fn containing(kind: PeriodKind, y: i32, m: u8, d: u8) -> Period {
        let (year, index) = match kind {
            PeriodKind::Year => (y, 1),
            PeriodKind::Half => (y, 1 + u8::from(m > 6)),
            PeriodKind::Quarter => (y, (m - 1) / 3 + 1),
            PeriodKind::Month => (y, m),
            PeriodKind::Week => iso_week(days_from_civil(y, m, d)),
        };
        Period { kind, year, index }
    }

    /// Days since 1970-01-01 of the period's first day.
    pub fn start_days(self) -> i64 {
        match self.kind {
            PeriodKind::Year => days_from_civil(self.year, 1, 1),
            PeriodKind::Half => days_from_civil(self.year, 6 * (self.index - 1) + 1, 1),
            PeriodKind::Quarter => days_from_civil(self.year, 3 * (self.index - 1) + 1, 1),
            PeriodKind::Month => days_from_civil(self.year, self.index, 1),
            PeriodKind::Week => {
                let jan4 = days_from_civil(self.year, 1, 4);
                jan4 - weekday(jan4) + 7 * (i64::from(self.index) - 1)
            }
        }
    }

    /// The period right after this one.
    pub fn next(self) -> Period {
        let n = match self.kind {
            PeriodKind::Year => 1,
            PeriodKind::Half => 2,
            PeriodKind::Quarter => 4,
            PeriodKind::Month => 12,
            PeriodKind::Week => {
                let (y, m, d) = civil_from_days(self.start_days() + 7);
                return Period::containing(PeriodKind::Week, y, m, d);
            }
        };
        if self.index >= n {
            Period { year: self.year + 1, index: 1, ..self }
        } else {
            Period { index: self.index + 1, ..self }
        }
    }

    /// The period right before this one.
    pub fn previous(self) -> Period {
        let (y, m, d) = civil_from_days(self.start_days() - 1);
        Period::containing(self.kind, y, m, d)
    }

    /// The period a post dated `date` and titled `title` reviews (see the
    /// module docs for the title hints and the grace periods).
    // Not inlined: the next-retrospective flow and the series view both call
    // it, and one copy keeps the browser build smaller.
    #[inline(never)]
    pub fn reviewed(kind: PeriodKind, date: &PostDate, title: &str) -> Period {
        let day = days_from_civil(date.year, date.month, date.day);
        let here = Period::containing(kind, date.year, date.month, date.day);
        let early = match kind {
            PeriodKind::Year => date.month <= 2,
            PeriodKind::Half => date.month == 1 || date.month == 7,
            PeriodKind::Quarter => date.month % 3 == 1 && date.day <= 15,
            PeriodKind::Month => date.day <= 7,
            PeriodKind::Week => weekday(day) == 0,
        };
        let from_date = if early { here.previous() } else { here };
        let hints = Hints::read(title);
        let index = hints.index(kind).filter(|i| kind != PeriodKind::Year && *i >= 1);
        let mut p =
            Period { year: hints.year.unwrap_or(from_date.year), index: index.unwrap_or(from_date.index), kind };
        if hints.year.is_none() && index.is_some() && p.start_days() > day {
            p.year -= 1; // "하반기 회고" written in January is last year's second half
        }
        if !p.valid() {
            return from_date;
        }
        p
    }

    fn valid(self) -> bool {
        let max = match self.kind {
            PeriodKind::Year => 1,
            PeriodKind::Half => 2,
            PeriodKind::Quarter => 4,
            PeriodKind::Month => 12,
            PeriodKind::Week => iso_week(days_from_civil(self.year, 12, 28)).1,
        };
        (1..=max).contains(&self.index)
    }

    /// A short, language-neutral label: `2024`, `2024 H1`, `2024 Q3`,
    /// `2024-03`, `2024-W12` (for chart axes and lists).
    pub(crate) fn label(self) -> String {
        let (y, i) = (self.year, self.index);
        match self.kind {
            PeriodKind::Year => format!("{y}"),
            PeriodKind::Half => format!("{y} H{i}"),
            PeriodKind::Quarter => format!("{y} Q{i}"),
            PeriodKind::Month => format!("{y}-{i:02}"),
            PeriodKind::Week => format!("{y}-W{i:02}"),
        }
    }

    /// `2024년 상반기 회고` / `2024 H1 Review`.
    pub fn title(self, lang: Lang) -> String {
        let (y, i) = (self.year, self.index);
        let part = match (lang, self.kind) {
            (_, PeriodKind::Year) => String::new(),
            (Lang::Ko, PeriodKind::Half) => if i == 1 { "상반기" } else { "하반기" }.to_string(),
            (Lang::Ko, PeriodKind::Quarter) => format!("{i}분기"),
            (Lang::Ko, PeriodKind::Month) => format!("{i}월"),
            (Lang::Ko, PeriodKind::Week) => format!("{i}주차"),
            (Lang::En, PeriodKind::Half) => format!("H{i}"),
            (Lang::En, PeriodKind::Quarter) => format!("Q{i}"),
            (Lang::En, PeriodKind::Month) => MONTHS[usize::from(i.clamp(1, 12)) - 1].to_string(),
            (Lang::En, PeriodKind::Week) => format!("Week {i}"),
        };
        match (lang, self.kind) {
            (Lang::Ko, _) if part.is_empty() => format!("{y}년 회고"),
            (Lang::Ko, _) => format!("{y}년 {part} 회고"),
            (Lang::En, PeriodKind::Year) => format!("{y} Year in Review"),
            (Lang::En, PeriodKind::Month) => format!("{part} {y} Review"),
            (Lang::En, _) => format!("{y} {part} Review"),
        }
    }
}

const MONTHS: [&str; 12] = [
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
];

/// What a title says about its period.
#[derive(Debug, Default, PartialEq, Eq)]
struct Hints {
    year: Option<i32>,
    half: Option<u8>,
    quarter: Option<u8>,
    month: Option<u8>,
    week: Option<u8>,
}

impl Hints {
    fn read(title: &str) -> Hints {
        let lower = title.to_lowercase();
        let tokens: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
        let mut h = Hints::default();
        for (i, t) in tokens.iter().enumerate() {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            let (num, suffix) = t.split_at(digits);
            let n: Option<u32> = num.parse().ok();
            match (n, suffix) {
                (Some(y), "" | "년") if num.len() == 4 && (1900..2200).contains(&y) => {
                    h.year = h.year.or(Some(y as i32));
                }
                (Some(q), "분기") => h.quarter = Some(q as u8),
                (Some(m), "월") => h.month = Some(m.min(99) as u8),
                (Some(w), "주차") => h.week = Some(w.min(99) as u8),
                _ => {}
            }
            let next_num = tokens.get(i + 1).and_then(|n| n.parse::<u8>().ok());
            match *t {
                "상반기" | "h1" => h.half = Some(1),
                "하반기" | "h2" => h.half = Some(2),
                "q1" | "q2" | "q3" | "q4" => h.quarter = t[1..].parse().ok(),
                "week" => h.week = h.week.or(next_num),
                _ => {}
            }
            if let Some(m) = MONTHS.iter().position(|name| name.eq_ignore_ascii_case(t)) {
                h.month = Some(m as u8 + 1);
            }
        }
        if lower.contains("first half") {
            h.half = Some(1);
        } else if lower.contains("second half") {
            h.half = Some(2);
        }
        h
    }

    fn index(&self, kind: PeriodKind) -> Option<u8> {
        match kind {
            PeriodKind::Year => None,
            PeriodKind::Half => self.half,
            PeriodKind::Quarter => self.quarter,
            PeriodKind::Month => self.month,
            PeriodKind::Week => self.week,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PostDate {
        PostDate::parse(s).unwrap()
    }

    #[test]
    fn reviewed_and_next_table() {
        use PeriodKind::*;
        // (kind, date, title, reviewed title, next title)
        let cases: &[(PeriodKind, &str, &str, &str, &str)] = &[
            (Year, "2026-12-31T21:00:00+09:00", "2026년 회고", "2026년 회고", "2027년 회고"),
            (Year, "2024-01-03", "", "2023년 회고", "2024년 회고"),
            (Year, "2024-01-03", "2024 목표", "2024년 회고", "2025년 회고"),
            (Half, "2022-06-29", "", "2022년 상반기 회고", "2022년 하반기 회고"),
            (Half, "2023-01-05", "하반기 회고", "2022년 하반기 회고", "2023년 상반기 회고"),
            (Half, "2023-12-20", "", "2023년 하반기 회고", "2024년 상반기 회고"),
            (Quarter, "2024-10-03", "", "2024년 3분기 회고", "2024년 4분기 회고"),
            (Quarter, "2024-12-30", "2024 Q4 retro", "2024년 4분기 회고", "2025년 1분기 회고"),
            (Month, "2024-02-03", "", "2024년 1월 회고", "2024년 2월 회고"),
            (Month, "2024-12-28", "", "2024년 12월 회고", "2025년 1월 회고"),
            (Month, "2024-03-02", "February 2024 review", "2024년 2월 회고", "2024년 3월 회고"),
            (Week, "2024-12-29", "", "2024년 52주차 회고", "2025년 1주차 회고"),
            (Week, "2020-12-31", "", "2020년 53주차 회고", "2021년 1주차 회고"),
            (Week, "2021-01-04", "", "2020년 53주차 회고", "2021년 1주차 회고"),
            (Week, "2024-03-10", "Week 10", "2024년 10주차 회고", "2024년 11주차 회고"),
            (Week, "2024-03-10", "99주차", "2024년 10주차 회고", "2024년 11주차 회고"),
        ];
        for (kind, d, title, reviewed, next) in cases {
            let p = Period::reviewed(*kind, &date(d), title);
            assert_eq!(p.title(Lang::Ko), *reviewed, "{kind:?} {d} {title}");
            assert_eq!(p.next().title(Lang::Ko), *next, "{kind:?} {d} {title}");
            assert_eq!(p.next().previous(), p, "{kind:?} {d}");
        }
    }

    #[test]
    fn english_titles() {
        let p = |kind, year, index| Period { kind, year, index }.title(Lang::En);
        assert_eq!(p(PeriodKind::Year, 2027, 1), "2027 Year in Review");
        assert_eq!(p(PeriodKind::Half, 2027, 2), "2027 H2 Review");
        assert_eq!(p(PeriodKind::Quarter, 2027, 1), "2027 Q1 Review");
        assert_eq!(p(PeriodKind::Month, 2027, 3), "March 2027 Review");
        assert_eq!(p(PeriodKind::Week, 2027, 9), "2027 Week 9 Review");
    }

    #[test]
    fn every_week_of_four_hundred_years_follows_the_last() {
        // Walk 2000–2399 by `next`: week starts are 7 days apart, weeks number 1..=52|53.
        let mut p = Period::containing(PeriodKind::Week, 2000, 1, 3);
        for _ in 0..(400 * 53) {
            let n = p.next();
            assert_eq!(n.start_days() - p.start_days(), 7, "{p:?}");
            assert!(n.valid(), "{n:?}");
            p = n;
        }
    }

    #[test]
    fn detect_kind() {
        let d = |texts: &[&str]| PeriodKind::detect(texts.iter().copied());
        assert_eq!(d(&["2023년 회고", "회고, 연간회고"]), Some(PeriodKind::Year));
        assert_eq!(d(&["주간 스터디 로그", "TIL"]), Some(PeriodKind::Week));
        assert_eq!(d(&["2024 Q3 retro"]), Some(PeriodKind::Quarter));
        assert_eq!(d(&["Python - 패스트캠퍼스 챌린지", "🏃♀️ 상반기 회고"]), Some(PeriodKind::Half));
        assert_eq!(d(&["2023 회고", "주간회고"]), Some(PeriodKind::Week));
        assert_eq!(d(&["KPT retrospective"]), None);
        assert_eq!(PeriodKind::parse("quarter"), Some(PeriodKind::Quarter));
        assert_eq!(PeriodKind::parse("decade"), None);
    }
}
