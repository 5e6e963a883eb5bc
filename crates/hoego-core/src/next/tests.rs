//! The next retrospective: periods, carried goals, links, languages.

use super::*;
use crate::date::Offset;
use crate::export::Flavor;
use crate::goals::Status;

fn opts(target: Target) -> NextOptions {
    NextOptions {
        kind: None,
        lang: None,
        export: ExportOptions::new(target, Offset::KST, PostDate::parse("2027-01-02T10:00:00+09:00").unwrap()),
    }
}

/// A yearly retrospective from the template, two goals checked, one at 1/3,
/// one goal written for next year.
fn yearly(lang: Lang) -> Post {
    let now = PostDate::parse("2026-12-31T21:00:00+09:00").unwrap();
    let title = if lang == Lang::Ko { "2026년 회고" } else { "2026 Year in Review" };
    let text = template("yearly").unwrap().render(title, &now, lang);
    let (g, next) =
        if lang == Lang::Ko { ("목표", "## 내년 목표\n\n") } else { ("Goal", "## Goals for next year\n\n") };
    let text = text
        .replacen(&format!("- [ ] {g} 1"), &format!("- [x] {g} 1"), 1)
        .replacen(&format!("- [ ] {g} 2"), &format!("- [x] {g} 2"), 1)
        .replacen(&format!("- [ ] {g} 3"), &format!("- [ ] {g} 3 1/3"), 1)
        .replacen(&format!("{next}- [ ] \n"), &format!("{next}- [ ] Read 12 books\n"), 1);
    Post::parse(&text).unwrap()
}

#[test]
fn yearly_next_carries_next_years_goals_and_the_unfinished_one() {
    let post = yearly(Lang::Ko);
    let d = next_draft(&post, &opts(Target::Jekyll));
    assert_eq!(d.period, Period { kind: PeriodKind::Year, year: 2027, index: 1 });
    assert_eq!(d.link, "{% post_url 2026-12-31-2026nyeon-hoego %}");
    assert_eq!(d.planned, vec!["Read 12 books"]);
    assert_eq!(d.carried, vec!["목표 3"]);
    let p = Post::parse(&d.text).unwrap();
    assert!(p.warnings().is_empty());
    assert_eq!(p.view().title.as_deref(), Some("2027년 회고"));
    assert_eq!(p.view().date.as_ref().map(PostDate::to_iso).as_deref(), Some("2027-01-02T10:00:00+09:00"));
    assert!(
        p.body().contains(
            "## 목표 점검\n\n지난 회고: [2026년 회고](<{% post_url 2026-12-31-2026nyeon-hoego %}>)\n\n- [ ] Read 12 books\n- [ ] 목표 3 (이월)\n\n## 올해 한 일"
        ),
        "{}",
        p.body()
    );
    // Exported to Gatsby, the Jekyll link becomes the post's path.
    let gatsby = crate::export::export(&p, &opts(Target::Gatsby(Flavor::StarterBlog)).export, &[]);
    assert!(gatsby.text.contains("[2026년 회고](</2026nyeon-hoego/>)"), "{}", gatsby.text);
    let board = crate::goals::of_post(&p);
    let review: Vec<_> = board.goals(SectionKind::Review).map(|g| (g.title.as_str(), g.status)).collect();
    assert_eq!(review, vec![("Read 12 books", Status::Open), ("목표 3 (이월)", Status::Open)]);
}

#[test]
fn gatsby_link_english_and_drafts() {
    let post = yearly(Lang::En);
    let d = next_draft(&post, &opts(Target::Gatsby(Flavor::StarterBlog)));
    assert_eq!(d.link, "/2026-year-in-review/");
    assert!(d.text.contains("title: \"2027 Year in Review\""));
    assert!(d.text.contains("Previous retrospective: [2026 Year in Review](/2026-year-in-review/)"), "{}", d.text);
    assert!(d.text.contains("- [ ] Goal 3 (carried over)\n"));
    // A draft post still links to the post it will become.
    let mut draft = yearly(Lang::Ko);
    draft.set("draft", &crate::field::FieldValue::Bool(true)).unwrap();
    assert_eq!(backlink(&draft, &opts(Target::Jekyll).export), "{% post_url 2026-12-31-2026nyeon-hoego %}");
    // An explicit kind and language win over detection.
    let o = NextOptions { kind: Some(PeriodKind::Quarter), lang: Some(Lang::En), ..opts(Target::Jekyll) };
    let d = next_draft(&yearly(Lang::Ko), &o);
    assert_eq!(d.period.title(Lang::En), "2027 Q1 Review");
    assert!(d.text.contains("## This quarter in brief"));
}

#[test]
fn zoomkoding_first_half_becomes_the_second_half() {
    let path = format!("{}/../../tests/fixtures/posts/zoomkoding-gatsby-2022-06-29.md", env!("CARGO_MANIFEST_DIR"));
    let post = Post::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    let d = next_draft(&post, &opts(Target::Gatsby(Flavor::StarterBlog)));
    assert_eq!(d.period, Period { kind: PeriodKind::Half, year: 2022, index: 2 });
    assert_eq!(d.planned.len(), 7);
    assert_eq!(
        d.carried,
        vec![
            "AWS, GCP, NCP Professional 레벨 자격증 각각 한 가지 이상 취득하기",
            "DELF(프랑스어 자격증)B1 이상 취득하기"
        ],
        "achieved and changed goals stay; the ongoing one is already planned"
    );
    insta::assert_snapshot!("next-zoomkoding", d.text);
}

#[test]
fn nothing_to_carry_keeps_the_placeholders_and_odd_titles_stay_text() {
    let now = PostDate::parse("2026-06-30T21:00:00+09:00").unwrap();
    let text = template("kpt").unwrap().render("6월 KPT", &now, Lang::Ko).replace("- [ ] 목표 1", "- [x] 목표 1");
    let text = text.replace("- [ ] 목표 2", "- [x] 목표 2").replace("- [ ] 목표 3", "- [x] 목표 3");
    let d = next_draft(&Post::parse(&text).unwrap(), &opts(Target::Jekyll));
    assert!(d.planned.is_empty() && d.carried.is_empty());
    assert!(d.text.contains("- [ ] 목표 1\n- [ ] 목표 2\n- [ ] 목표 3\n"), "{}", d.text);
    let odd = "---\ntitle: \"[회고] 3월\"\ndate: 2026-03-31\n---\n## 목표\n\n- [ ] \\# 해시 (진행중)\n- [ ] \\> 인용\n";
    let d = next_draft(&Post::parse(odd).unwrap(), &opts(Target::Jekyll));
    assert_eq!(d.carried, vec!["# 해시", "> 인용"]);
    assert!(d.text.contains("- [ ] \\# 해시 (이월)\n- [ ] \\> 인용 (이월)\n"), "{}", d.text);
    assert!(d.text.contains("[\\[회고\\] 3월]("), "{}", d.text);
    let again = crate::goals::of_post(&Post::parse(&d.text).unwrap());
    assert_eq!(again.goals(SectionKind::Review).count(), 2);
}
