//! Retrospective templates: a full front matter and a body skeleton with goal
//! checklists, in Korean (default) and English. `now` is passed in.

use crate::date::PostDate;
use crate::yaml::quote::{scalar, Style};

/// UI/template language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 한국어
    #[default]
    Ko,
    /// English
    En,
}

impl Lang {
    /// Parse `ko|en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "ko" => Some(Lang::Ko),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A retrospective template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// CLI name (`yearly`, `kpt`, …).
    pub name: &'static str,
    /// Display name in Korean.
    pub label_ko: &'static str,
    /// Display name in English.
    pub label_en: &'static str,
    tags: (&'static str, &'static str),
    body_ko: &'static str,
    body_en: &'static str,
}

const GOALS_KO: &str = "## 목표 점검\n\n- [ ] 목표 1\n- [ ] 목표 2\n- [ ] 목표 3\n\n";
const GOALS_EN: &str = "## Goal check\n\n- [ ] Goal 1\n- [ ] Goal 2\n- [ ] Goal 3\n\n";

/// Every template, in menu order.
pub const TEMPLATES: &[Template] = &[
    Template {
        name: "blank", label_ko: "빈 글", label_en: "Blank",
        tags: ("", ""),
        body_ko: "\n", body_en: "\n",
    },
    Template {
        name: "yearly", label_ko: "연간 회고", label_en: "Yearly review",
        tags: ("회고, 연간회고", "retrospective, yearly"),
        body_ko: "\n## 들어가며\n\n{GOALS}## 올해 한 일\n\n### 일\n\n### 공부\n\n### 삶\n\n## 잘한 점\n\n## 아쉬운 점\n\n## 내년 목표\n\n- [ ] \n- [ ] \n- [ ] \n\n## 마치며\n",
        body_en: "\n## Intro\n\n{GOALS}## What I did this year\n\n### Work\n\n### Learning\n\n### Life\n\n## What went well\n\n## What could be better\n\n## Goals for next year\n\n- [ ] \n- [ ] \n- [ ] \n\n## Closing\n",
    },
    Template {
        name: "half-year", label_ko: "반기 회고", label_en: "Half-year review",
        tags: ("회고, 상반기", "retrospective, half-year"),
        body_ko: "\n## 상반기를 돌아보며\n\n{GOALS}## 주요 사건\n\n## 배운 것\n\n## 하반기 계획\n\n- [ ] \n- [ ] \n",
        body_en: "\n## Looking back on the half\n\n{GOALS}## Highlights\n\n## What I learned\n\n## Plan for the next half\n\n- [ ] \n- [ ] \n",
    },
    Template {
        name: "quarterly", label_ko: "분기 회고", label_en: "Quarterly review",
        tags: ("회고, 분기회고", "retrospective, quarterly"),
        body_ko: "\n## 이번 분기 요약\n\n{GOALS}## 지표\n\n| 항목 | 목표 | 결과 |\n|---|---|---|\n|  |  |  |\n\n## 다음 분기\n\n- [ ] \n",
        body_en: "\n## This quarter in brief\n\n{GOALS}## Metrics\n\n| Item | Target | Result |\n|---|---|---|\n|  |  |  |\n\n## Next quarter\n\n- [ ] \n",
    },
    Template {
        name: "kpt", label_ko: "KPT 회고", label_en: "KPT retrospective",
        tags: ("회고, KPT", "retrospective, KPT"),
        body_ko: "\n{GOALS}## Keep (계속할 것)\n\n- \n\n## Problem (문제였던 것)\n\n- \n\n## Try (시도할 것)\n\n- [ ] \n",
        body_en: "\n{GOALS}## Keep\n\n- \n\n## Problem\n\n- \n\n## Try\n\n- [ ] \n",
    },
    Template {
        name: "4ls", label_ko: "4L 회고", label_en: "4Ls retrospective",
        tags: ("회고, 4L", "retrospective, 4Ls"),
        body_ko: "\n{GOALS}## Liked (좋았던 것)\n\n## Learned (배운 것)\n\n## Lacked (부족했던 것)\n\n## Longed for (바랐던 것)\n\n## 다음 행동\n\n- [ ] \n",
        body_en: "\n{GOALS}## Liked\n\n## Learned\n\n## Lacked\n\n## Longed for\n\n## Next actions\n\n- [ ] \n",
    },
    Template {
        name: "start-stop-continue", label_ko: "Start/Stop/Continue 회고", label_en: "Start/Stop/Continue",
        tags: ("회고", "retrospective"),
        body_ko: "\n{GOALS}## Start (시작할 것)\n\n- [ ] \n\n## Stop (멈출 것)\n\n- [ ] \n\n## Continue (계속할 것)\n\n- \n",
        body_en: "\n{GOALS}## Start\n\n- [ ] \n\n## Stop\n\n- [ ] \n\n## Continue\n\n- \n",
    },
    Template {
        name: "weekly", label_ko: "주간 스터디 로그", label_en: "Weekly study log",
        tags: ("회고, 주간회고, TIL", "retrospective, weekly, TIL"),
        body_ko: "\n## 이번 주 목표\n\n- [ ] \n- [ ] \n\n## 공부한 것\n\n| 요일 | 내용 | 시간 |\n|---|---|---|\n| 월 |  |  |\n\n## 막혔던 것\n\n## 다음 주\n\n- [ ] \n",
        body_en: "\n## Goals this week\n\n- [ ] \n- [ ] \n\n## What I studied\n\n| Day | Topic | Time |\n|---|---|---|\n| Mon |  |  |\n\n## Where I got stuck\n\n## Next week\n\n- [ ] \n",
    },
];

/// Find a template by name.
pub fn template(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

impl Template {
    /// Display name.
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ko => self.label_ko,
            Lang::En => self.label_en,
        }
    }

    /// A new post: front matter with title, date (`now`, with its offset),
    /// tags, categories, description and draft, then the body skeleton.
    pub fn render(&self, title: &str, now: &PostDate, lang: Lang) -> String {
        let (tags, body) = match lang {
            Lang::Ko => (self.tags.0, self.body_ko.replace("{GOALS}", GOALS_KO)),
            Lang::En => (self.tags.1, self.body_en.replace("{GOALS}", GOALS_EN)),
        };
        let tags: Vec<String> = crate::field::parse_list(tags);
        let category = if self.name == "blank" {
            ""
        } else if lang == Lang::Ko {
            "회고"
        } else {
            "retrospective"
        };
        let list = |items: &[String]| crate::yaml::quote::flow_list(items, Style::Plain);
        let categories: Vec<String> = if category.is_empty() { vec![] } else { vec![category.to_string()] };
        format!(
            "---\ntitle: {}\ndate: {}\ntags: {}\ncategories: {}\ndescription: \"\"\ndraft: false\n---\n{}",
            scalar(title, Style::Double, false),
            now.to_iso(),
            list(&tags),
            list(&categories),
            body
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post::Post;

    #[test]
    fn every_template_parses_in_both_languages() {
        let now = PostDate::parse("2026-12-31T21:00:00+09:00").unwrap();
        for t in TEMPLATES {
            for lang in [Lang::Ko, Lang::En] {
                let text = t.render("2026년 회고", &now, lang);
                let p = Post::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", t.name));
                assert_eq!(p.view().title.as_deref(), Some("2026년 회고"));
                assert_eq!(p.view().date.as_ref(), Some(&now));
                assert!(p.warnings().is_empty(), "{}: {:?}", t.name, p.warnings());
                if t.name != "blank" {
                    // (Its boxes may all be blanks to fill in, which the stats do not count.)
                    assert!(p.body().contains("- [ ]"), "{} has a checklist", t.name);
                }
            }
        }
    }
}
