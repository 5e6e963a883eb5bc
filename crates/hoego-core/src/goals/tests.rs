//! The scoreboard on real goal lines (sources in tests/fixtures/SOURCES.md,
//! "Goal lines"), on the fixtures, on the templates, and on adversarial shapes.

use super::*;
use crate::templates::{Lang, TEMPLATES};

/// (line as published, how it is embedded, status, fraction)
/// Embedding: `L` = a list line under `## 목표`, `H` = a sub-heading under `# 목표`.
type Line = (&'static str, char, Status, Option<(u32, u32)>);

const REAL_LINES: &[Line] = &[
    // zoomkoding (Gatsby), 2022-06-29, "🏃‍♀️ 상반기 회고" and "⏰ 하반기 목표" (tests/fixtures/posts)
    ("1. 블로그에 TIL 작성하기 (현재까지 성공)", 'H', Status::Achieved, None),
    ("2. AWS, GCP, NCP Professional 레벨 자격증 각각 한 가지 이상 취득하기 (1/3 성공)", 'H', Status::Partial, Some((1, 3))),
    ("3. CKA 취득하기 (성공)", 'H', Status::Achieved, None),
    ("4. 패스트 캠퍼스 Java/Spring 강의 및 DevOps 강의 완주하기 (목표 변경)", 'H', Status::Changed, None),
    ("5. 토이 프로젝트 1개 이상 참여하기 (9월 예정)", 'H', Status::Ongoing, None),
    ("6. DELF(프랑스어 자격증)B1 이상 취득하기 (실패…)", 'H', Status::Failed, None),
    ("1. 매일 깃허브 잔디 심기(TIL)", 'H', Status::Open, None),
    ("2. AWS, GCP 자격증 각각 한 가지 이상 취득하기", 'H', Status::Open, None),
    ("4. 패스트캠퍼스 Python 강의 완주하기 (목표 변경)", 'H', Status::Changed, None),
    ("6. CKAD 자격증 취득하기(추가)", 'H', Status::Open, None),
    ("7. LFCS / SQLD 중 하나 취득하기(추가)", 'H', Status::Open, None),
    ("8. 블로그 리뉴얼하기", 'H', Status::Open, None),
    // veluxer62/veluxer62.github.io _pages/goal.md, "2020년 목표"
    ("- [ ] Graph SQL/DB 마스터하기", 'L', Status::Open, None),
    ("- [ ] 예약봇 개선하기", 'L', Status::Open, None),
    ("- [ ] 책 10권 이상 읽기", 'L', Status::Open, None),
    ("- [ ] 블로그 40개 이상 작성하기", 'L', Status::Open, None),
    ("- [ ] 71kg 몸무게 만들기", 'L', Status::Open, None),
    // sangbooom/TIL README.md, "2022년 -> 2023년 이어서.." and "2023년 목표"
    (
        "- [ ] next/image 삽질기, pwa 적용기, react-native ios, android 개발자 계정 및 앱 등록, 깃헙 액션 적용기 블로그 포스팅하기 (월마다 하나씩은 하기)",
        'L',
        Status::Open,
        None,
    ),
    (
        "- [x] 동적 메타태그 적용기 (getStaticProps, getServersideProps, getInitialProps, nginx re-writes)",
        'L',
        Status::Achieved,
        None,
    ),
    ("- [ ] 블로그 꾸준히 포스팅하기....", 'L', Status::Open, None),
    ("- [ ] 라이브러리 자주 들여디보기....", 'L', Status::Open, None),
    ("- [ ] 백엔드 개념 공부하기 (nest? graphql?), 간단한 강의 찾아서 사이드플젝?", 'L', Status::Open, None),
    (
        "- [ ] 이펙티브 타입스크립트 책 읽기 ( 참고 : https://www.youtube.com/watch?v=O4-8lQOZ2Tg , https://devowen.com/426 )",
        'L',
        Status::Open,
        None,
    ),
    // colemanm/colemanm.org _posts/archive/2019/2019-12-17-goal-summary-wrapping-up-2019.md
    ("* ✅ **Run 500 miles** — I wasn't sure how this one would go down. It seemed like an aggressive number as I went through the first couple of months trying to stay the course, but I ended up [way over the mark](/post/600-miles/ \"600 Miles\").", 'L', Status::Achieved, None),
    ("*  🚫 **Eat better** — I would say I didn't do enough here to call it success. Life and other things got in the way of focusing on this very much. It'll be on the shortlist for the 2020 mission.", 'L', Status::Failed, None),
    ("* ✅ **Meditate 10 minutes per day, 5 days per week** — Hit this one, but it took some effort to [force it every day](/post/meditation-progress-january/ \"Meditation Progress\") (there are a few days left this year, but I should be able to stay the course). Next year I intend to iterate on this a bit and approach it differently.", 'L', Status::Achieved, None),
    ("* ✅ **Read 50 books** — On track to finish 52, possibly 53. Wasn't too challenging, surprisingly (I _like_ reading anyway, a lot).", 'L', Status::Achieved, None),
    ("* 🚫 **Learn and do some work with R** — Didn't get much time on this one this year. I tinkered around some earlier in the year, but might have more time in the professional context to explore this in 2020.", 'L', Status::Failed, None),
    ("* 🚫 **Get better with SQL** — Same as above. We're working on some things in Fulcrum that could flex this muscle some more.", 'L', Status::Failed, None),
    ("* ✅ **Keep working on cartography and keeping up with open source geo** — Spent a good amount of time in the late winter and mid-summer on QGIS stuff. I'm satisfied with the time spent here. I still have a cartography project in progress I'd like to keep pushing on.", 'L', Status::Achieved, None),
    ("* 🤷🏽\u{200d}♂️ **Launch two new products** — I'll call this one a wash since we changed course intentionally midway through the year on one of them. Half success.", 'L', Status::Partial, Some((1, 2))),
    ("* ✅ **Improve our product narratives all around** — Definite success. Even more progress and success in store in first half of 2020.", 'L', Status::Achieved, None),
    ("* 🚫 **Take the kids on a trip** — Didn't do anything spectacular here. Not mad about it. We had plenty of fun and plenty of other things to do.", 'L', Status::Failed, None),
    ("* ✅ **Buy a new house** — [Success](/post/the-new-house/ \"The New House\")! Super happy with the new location.", 'L', Status::Achieved, None),
];

#[test]
fn real_goal_lines() {
    assert!(REAL_LINES.len() >= 30);
    for (line, how, status, fraction) in REAL_LINES {
        let body = match how {
            'L' => format!("## 목표\n\n{line}\n"),
            _ => format!("# 목표\n\n## {line}\n"),
        };
        let board = scoreboard(&body, None);
        let goals: Vec<&Goal> = board.goals(SectionKind::Review).collect();
        assert_eq!(goals.len(), 1, "{line}");
        assert_eq!(goals[0].status, *status, "{line}");
        assert_eq!(goals[0].fraction.map(|f| (f.done, f.of)), *fraction, "{line}");
        assert!(!goals[0].title.is_empty() && !goals[0].title.starts_with(|c: char| c.is_ascii_digit() && *how == 'H'));
    }
}

#[test]
fn titles_drop_the_status() {
    let cases: &[(&str, &str)] = &[
        ("- AWS 자격증 취득하기 (1/3 성공)", "AWS 자격증 취득하기"),
        ("- 이직 성공!", "이직"),
        ("- ✅ 책 12권 읽기", "책 12권 읽기"),
        ("- 운동 주 3회 — 실패", "운동 주 3회"),
        ("- [ ] 블로그 쓰기 60%", "블로그 쓰기"),
        ("- 매일 깃허브 잔디 심기(TIL)", "매일 깃허브 잔디 심기(TIL)"),
    ];
    for (line, title) in cases {
        let board = scoreboard(&format!("## 목표\n\n{line}\n"), None);
        assert_eq!(board.sections[0].goals[0].title, *title, "{line}");
    }
}

fn fixture(name: &str) -> crate::post::Post {
    let path = format!("{}/../../tests/fixtures/posts/{name}", env!("CARGO_MANIFEST_DIR"));
    crate::post::Post::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn board_of(p: &crate::post::Post) -> Scoreboard {
    scoreboard(p.body(), p.view().date.as_ref())
}

#[test]
fn zoomkoding_first_half_review_and_second_half_goals() {
    let board = board_of(&fixture("zoomkoding-gatsby-2022-06-29.md"));
    let kinds: Vec<(SectionKind, usize)> = board.sections.iter().map(|s| (s.kind, s.goals.len())).collect();
    assert_eq!(kinds, vec![(SectionKind::Review, 6), (SectionKind::Next, 7)]);
    // 성공, 1/3, 성공, 변경, 예정, 실패: (2 + 1/3) / 6 = 38.9 %
    assert_eq!((board.overall.achieved, board.overall.partial, board.overall.total), (2, 1, 6));
    assert_eq!(board.overall.rate_per_mille(), Some(389));
    assert!(board.sections[0].goals[0].line > board.sections[0].line);
    assert_eq!(board.sections[1].goals[6].title, "블로그 리뉴얼하기");
}

#[test]
fn fixtures_without_goal_sections_have_an_empty_board() {
    for name in ["lumen-gatsby-2023-review.md", "minimal-mistakes-jekyll-2022-07-28.md"] {
        let board = board_of(&fixture(name));
        assert_eq!(board.overall, Tally::default(), "{name}: {:?}", board.sections);
    }
}

#[test]
fn every_template_has_a_review_section_and_a_next_one() {
    let now = crate::date::PostDate::parse("2026-12-31T21:00:00+09:00").unwrap();
    for t in TEMPLATES.iter().filter(|t| t.name != "blank") {
        for lang in [Lang::Ko, Lang::En] {
            let p = crate::post::Post::parse(&t.render("x", &now, lang)).unwrap();
            let board = board_of(&p);
            let review: Vec<_> = board.sections.iter().filter(|s| s.kind == SectionKind::Review).collect();
            assert_eq!(review.len(), 1, "{} {lang:?}: {:?}", t.name, board.sections);
            // The weekly log's goal boxes start empty (and empty items are not goals).
            assert!(review[0].goals.len() >= 2 || t.name == "weekly", "{} {lang:?}", t.name);
            assert!(board.sections.iter().any(|s| s.kind == SectionKind::Next), "{} {lang:?}", t.name);
        }
    }
}

#[test]
fn checking_goals_and_marking_a_fraction_moves_the_rate() {
    let body =
        "## 목표 점검\n\n- [x] 하나\n- [x] 둘\n- [ ] 셋 1/3\n\n  - 세부 사항 (실패)\n\n## 내년 목표\n\n- [ ] 넷\n";
    let board = scoreboard(body, None);
    assert_eq!((board.overall.achieved, board.overall.partial, board.overall.total), (2, 1, 3));
    assert_eq!(board.overall.rate_per_mille(), Some(778));
    assert_eq!(board.sections[1].kind, SectionKind::Next);
    assert_eq!(board.sections[1].goals[0].title, "넷");
}

#[test]
fn json_shape() {
    let board = scoreboard("## Goals\n\n- [x] a\n- [ ] b 50%\n", None);
    let v = serde_json::to_value(&board).unwrap();
    assert_eq!(v["achieved"], 1);
    assert_eq!(v["partial"], 1);
    assert_eq!(v["total"], 2);
    assert_eq!(v["rate"], 0.75);
    assert_eq!(v["sections"][0]["kind"], "review");
    assert_eq!(v["sections"][0]["rate"], 0.75);
    assert_eq!(v["sections"][0]["goals"][1]["status"], "partial");
    assert_eq!(v["sections"][0]["goals"][1]["fraction"], serde_json::json!({"done": 50, "of": 100}));
    assert_eq!(serde_json::to_value(Scoreboard::default()).unwrap()["rate"], serde_json::Value::Null);
    // A next period's goals are listed, not scored: no rate (it was 0.0).
    let next =
        scoreboard("## 2024 목표\n\n- [x] a\n\n## 2025 목표\n\n- [ ] b\n", PostDate::parse("2024-12-31").as_ref());
    let v = serde_json::to_value(&next).unwrap();
    assert_eq!((v["sections"][1]["kind"].as_str(), v["sections"][1]["total"].as_u64()), (Some("next"), Some(1)));
    assert_eq!(v["sections"][1]["rate"], serde_json::Value::Null);
    assert_eq!((v["sections"][0]["rate"].as_f64(), v["rate"].as_f64()), (Some(1.0), Some(1.0)));
}

#[test]
fn summary_block_inserts_once_and_refreshes_only_itself() {
    let body = "## 목표 점검\n\n- [x] 하나\n- [ ] 둘\n\n## 잘한 점\n\n좋았다.\n";
    let board = scoreboard(body, None);
    let with = summary::insert(body, &board, Lang::Ko);
    assert!(with.contains("| 목표 점검 | 1 | 0 | 2 | 50.0% |"), "{with}");
    assert!(with.ends_with("## 잘한 점\n\n좋았다.\n"));
    assert_eq!(scoreboard(&with, None).overall, board.overall, "the block is not a goal");
    assert_eq!(summary::refresh(&with, &scoreboard(&with, None), Lang::Ko), None, "already current");
    let edited = with.replace("- [ ] 둘", "- [x] 둘");
    let refreshed = summary::refresh(&edited, &scoreboard(&edited, None), Lang::Ko).unwrap();
    assert!(refreshed.contains("| 목표 점검 | 2 | 0 | 2 | 100.0% |"), "{refreshed}");
    assert_eq!(refreshed.replace("100.0%", "50.0%").replace("| 2 | 0 | 2 |", "| 1 | 0 | 2 |"), edited);
    assert_eq!(summary::insert(&refreshed, &scoreboard(&refreshed, None), Lang::Ko), refreshed);
    let crlf = body.replace('\n', "\r\n");
    let with_crlf = summary::insert(&crlf, &scoreboard(&crlf, None), Lang::En);
    assert!(!with_crlf.replace("\r\n", "").contains('\n'), "CRLF kept");
}

#[test]
fn a_lone_opening_marker_is_no_block_and_its_text_stays() {
    let block = |b: &str| summary::insert(b, &scoreboard(b, None), Lang::Ko);
    let goals = "## 목표 점검\n\n- [x] 목표 1\n- [ ] 목표 2\n\n## 마치며\n\n끝.\n";
    let with = block(goals);
    // (what the body becomes, a text that must stay in it, the block's count after insert)
    let cases = [
        // The table and its closing line deleted, the opening line left, goals written after it.
        (
            with.replace(&with[with.find("| 목표 |").unwrap()..with.find("## 마치며").unwrap()], "- [x] 목표 3\n\n"),
            "목표 3",
            1,
        ),
        // A stray opening marker in an earlier section, a real block after it.
        (format!("## 들어가며\n\n{}\n소개 글.\n\n{with}", summary::START), "소개 글.", 1),
        // A table row and a note the writer added inside the block: no longer ours to rewrite.
        (with.replace("\n\n<!-- /hoego", "\n\n메모.\n<!-- /hoego"), "메모.", 2),
    ];
    for (body, keep, blocks) in cases {
        // Inserted, then inserted again (a refresh of the block the first one made).
        let after = block(&block(&body));
        assert!(after.contains(keep), "{keep:?} kept:\n{after}");
        let ticked = after.replacen("- [ ] 목표 2", "- [x] 목표 2", 1);
        let refreshed = summary::refresh(&ticked, &scoreboard(&ticked, None), Lang::Ko).unwrap_or(ticked);
        assert!(refreshed.contains(keep), "{keep:?} kept by a refresh:\n{refreshed}");
        assert_eq!(after.matches("| 목표 점검 |").count(), blocks, "{after}");
        assert!(
            after.starts_with(&body[..body.find(summary::START).unwrap()]),
            "nothing before the first marker changed"
        );
    }
    // The markers shown as an example in code: no block, and never refreshed.
    let example = "<!-- hoego:goals -->\n| 예시 | 표 |\n<!-- /hoego:goals -->\n";
    for code in [
        format!("```markdown\n{example}```\n"),
        format!("~~~~\n{example}~~~\n~~~~\n"),
        example.lines().map(|l| format!("    {l}\n")).collect::<String>(),
    ] {
        let body = format!("{goals}\n{code}");
        assert_eq!(summary::find(&body), None, "{code}");
        assert_eq!(summary::refresh(&body, &scoreboard(&body, None), Lang::Ko), None);
        assert!(block(&body).contains(&code), "the example stays:\n{}", block(&body));
    }
    let r = summary::find(&with).unwrap();
    assert_eq!((&with[r.start..r.start + 4], with[..r.end].ends_with("-->\n")), ("<!--", true));
}

#[test]
fn adversarial_shapes_do_not_panic() {
    let shapes = [
        "## 목표\n\n".to_string() + &"- [ ] (((((\n".repeat(2000),
        "# 목표\n\n".to_string() + &"## 1. x 1/0 0/0 99999999999999/1 %\n".repeat(2000),
        "## goals\n".to_string() + &"- ".repeat(3000),
        "## 목표 - [x] ### 1. (성공\n- [ ] 𝒳 — ❌\n\n> - [x] 인용 안\n".to_string(),
    ];
    for s in shapes {
        let board = scoreboard(&s, None);
        assert!(board.overall.total as usize <= s.len());
    }
    // Opening markers with no block (in table rows, on one line): none is one.
    for s in ["x\n".to_string() + &"|<!-- hoego:goals -->\n".repeat(3000), summary::START.repeat(3000)] {
        assert_eq!(summary::find(&s), None);
    }
}
