//! Which headings open a goals section, and whether it reviews this period's
//! goals or sets the next period's.
//!
//! A goals heading names goals (`목표`, `다짐`, `계획`, `버킷리스트`, `goal`,
//! `resolution`, `plan`, `OKR`) or starts with an action verb of the
//! retrospective formats (`Try` of KPT, `Start`/`Stop`, `다음 …`/`Next …`,
//! `내년 …`). A heading that only says "review" (`상반기 회고`, `2023 recap`)
//! opens a section whose numbered sub-headings may be goals (the shape of
//! `## 1. 블로그에 TIL 작성하기 (현재까지 성공)`), kept only if one of them
//! states an outcome.
//!
//! Next or review: a year later than the reviewed one (`2024년 목표` in a
//! 2023 retrospective) means next; otherwise a "next" word (`내년`, `다음`,
//! `새해`, `계획`/`plan`, `next`, `upcoming`, KPT's `Try`, `Start`/`Stop`) without a review
//! word (`점검`, `회고`, `돌아보`, `결산`, `review`, `check`, `recap`) means
//! next; `하반기` is next in a post dated April–September and `상반기` in
//! one dated October–February (a first-half post looks ahead to the second).

use serde::Serialize;

/// What a goals section is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// This period's goals, reviewed: counted in the scoreboard.
    Review,
    /// Goals set for the next period: listed, not scored.
    Next,
}

/// What a heading does to goal sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Opens a goals section: list items and numbered sub-headings are goals.
    Goals(SectionKind),
    /// Opens a review section whose numbered sub-headings may be goals.
    ReviewOnly,
    /// Anything else.
    Other,
}

/// What the heading classifier knows about the post.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Context {
    /// The year the post reviews, if known.
    pub year: Option<i32>,
    /// The month the post is dated, if known.
    pub month: Option<u8>,
}

const GOAL_WORDS_KO: &[&str] = &["목표", "다짐", "계획", "버킷리스트", "버킷 리스트", "할 일"];
const GOAL_WORDS_EN: &[&str] =
    &["goal", "goals", "resolution", "resolutions", "plan", "plans", "okr", "okrs", "objectives"];
const LEADING_EN: &[&str] = &["try", "start", "stop", "next"];
const LEADING_KO: &[&str] = &["다음", "내년", "새해"];
const NEXT_KO: &[&str] = &["내년", "다음", "새해", "앞으로", "계획"];
const NEXT_EN: &[&str] = &["next", "upcoming", "try", "start", "stop", "plan", "plans"];
const REVIEW_KO: &[&str] = &["점검", "회고", "돌아보", "돌아봄", "결산", "달성", "결과", "평가"];
const REVIEW_EN: &[&str] = &["review", "recap", "check", "retrospective", "reflection", "summary", "status"];

/// The role of a heading with plain text `text`.
pub(crate) fn role(text: &str, ctx: Context) -> Role {
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
    let has_en = |words: &[&str]| tokens.iter().any(|t| words.contains(t));
    let has_ko = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let first = tokens.first().copied().unwrap_or("");
    let leading = LEADING_EN.contains(&first) || LEADING_KO.iter().any(|w| first.starts_with(w));
    let goals = has_ko(GOAL_WORDS_KO) || has_en(GOAL_WORDS_EN) || leading;
    let review = has_ko(REVIEW_KO) || has_en(REVIEW_EN) || tokens.windows(2).any(|w| w == ["look", "back"]);
    if !goals {
        return if review { Role::ReviewOnly } else { Role::Other };
    }
    Role::Goals(kind(text, &tokens, review, ctx))
}

fn kind(text: &str, tokens: &[&str], review: bool, ctx: Context) -> SectionKind {
    if let (Some(y), Some(mentioned)) = (ctx.year, mentioned_year(tokens)) {
        return if mentioned > y { SectionKind::Next } else { SectionKind::Review };
    }
    let month = ctx.month.unwrap_or(0);
    let half_ahead = (text.contains("하반기") && (4..=9).contains(&month))
        || (text.contains("상반기") && (month >= 10 || (1..=2).contains(&month)));
    let next_word = NEXT_KO.iter().any(|w| text.contains(w)) || tokens.iter().any(|t| NEXT_EN.contains(t));
    if (next_word || half_ahead) && !review {
        SectionKind::Next
    } else {
        SectionKind::Review
    }
}

/// A year written in the heading (`2024`, `2024년`), the last one if several.
fn mentioned_year(tokens: &[&str]) -> Option<i32> {
    tokens
        .iter()
        .filter_map(|t| {
            let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
            (digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20")))
                .then(|| digits.parse().ok())?
        })
        .next_back()
}

/// `1. `, `1) `, `01.` at the start of a heading: a numbered goal. Returns the
/// length of the number and its punctuation and spaces.
pub(crate) fn numbered(text: &str) -> Option<usize> {
    let n = text.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 3 {
        return None;
    }
    let rest = text.get(n + 1..).unwrap_or("");
    match text.as_bytes().get(n) {
        Some(b'.' | b')') if rest.starts_with(char::is_whitespace) => {
            Some(n + 1 + rest.len() - rest.trim_start().len())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_roles() {
        let y2022 = Context { year: Some(2022), month: Some(12) };
        let june = Context { year: Some(2022), month: Some(6) };
        let none = Context::default();
        let cases: &[(&str, Context, Role)] = &[
            ("목표 점검", none, Role::Goals(SectionKind::Review)),
            ("Goal check", none, Role::Goals(SectionKind::Review)),
            ("내년 목표", none, Role::Goals(SectionKind::Next)),
            ("Goals for next year", none, Role::Goals(SectionKind::Next)),
            ("하반기 계획", june, Role::Goals(SectionKind::Next)),
            ("⏰ 하반기 목표", june, Role::Goals(SectionKind::Next)),
            ("하반기 목표 점검", y2022, Role::Goals(SectionKind::Review)),
            ("Try (시도할 것)", none, Role::Goals(SectionKind::Next)),
            ("Start", none, Role::Goals(SectionKind::Next)),
            ("다음 분기", none, Role::Goals(SectionKind::Next)),
            ("Next week", none, Role::Goals(SectionKind::Next)),
            ("이번 주 목표", none, Role::Goals(SectionKind::Review)),
            ("2023년 목표", y2022, Role::Goals(SectionKind::Next)),
            ("2022년 목표 돌아보기", y2022, Role::Goals(SectionKind::Review)),
            ("🏃♀️ 상반기 회고", june, Role::ReviewOnly),
            ("Keep (계속할 것)", none, Role::Other),
            ("올해 한 일", none, Role::Other),
            ("Getting started with Rust", none, Role::Other),
        ];
        for (text, ctx, want) in cases {
            assert_eq!(role(text, *ctx), *want, "{text}");
        }
    }

    #[test]
    fn numbered_prefix() {
        assert_eq!(numbered("1. 블로그"), Some(3));
        assert_eq!(numbered("12) x"), Some(4));
        assert_eq!(numbered("2023년 회고"), None);
        assert_eq!(numbered("1.5배"), None);
        assert_eq!(numbered("7"), None);
    }
}
