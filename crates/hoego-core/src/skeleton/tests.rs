use super::*;

#[test]
fn body_skeleton_keeps_structure_and_drops_content() {
    // (case, body, skeleton)
    let table: &[(&str, &str, &str)] = &[
        (
            "korean headings, paragraphs dropped",
            "\n## 들어가며\n\n올해는 바빴다.\n\n## 잘한 점\n\n- 운동\n- 독서\n",
            "\n## 들어가며\n\n## 잘한 점\n\n- \n",
        ),
        (
            "tasks unchecked, text kept",
            "## 목표\n\n- [x] 책 12권\n- [ ] 운동\n  - [X] 주 3회\n",
            "## 목표\n\n- [ ] 책 12권\n- [ ] 운동\n  - [ ] 주 3회\n",
        ),
        (
            "goals start open: results, fractions and status emoji go",
            "## 목표\n\n- [x] 책 12권 (성공)\n- [ ] AWS 자격증 (1/3 성공)\n- [x] 운동 ✅\n- [ ] 블로그 — done\n\n## 1. CKA 취득하기 (성공)\n## 잘한 점\n",
            "## 목표\n\n- [ ] 책 12권\n- [ ] AWS 자격증\n- [ ] 운동\n- [ ] 블로그\n\n## 1. CKA 취득하기\n## 잘한 점\n",
        ),
        ("ordered lists collapse", "1. 첫째\n2. 둘째\n", "1. \n"),
        // A link item is not a task: `[` then a multi-byte character (this panicked).
        ("korean link items", "- [회고 글](https://x.y/)\n- [ㄱ]\n", "- \n"),
        (
            "liquid and kramdown lines kept",
            "* TOC\n{:toc}\n\n{% include ad.html %}\n본문\n{{ site.url }}\n",
            "* TOC\n{:toc}\n\n{% include ad.html %}\n\n{{ site.url }}\n",
        ),
        (
            "comments kept, code dropped",
            "<!-- more -->\n\n```rust\n# not a heading\n```\n\n## 끝\n",
            "<!-- more -->\n\n## 끝\n",
        ),
        ("tables keep their header", "| 항목 | 결과 |\n|---|---|\n| 운동 | 80% |\n", "| 항목 | 결과 |\n|---|---|\n"),
        ("setext headings and breaks", "제목\n====\n\n글\n\n---\n\n끝\n", "제목\n====\n\n---\n"),
        (
            "goal summary block dropped",
            "## 목표\n\n<!-- hoego:goals -->\n| a | b |\n|---|---|\n<!-- /hoego:goals -->\n\n- [x] 하나\n",
            "## 목표\n\n- [ ] 하나\n",
        ),
        ("crlf kept", "## a\r\n\r\ntext\r\n- [x] t\r\n", "## a\r\n\r\n- [ ] t\r\n"),
        ("empty body", "", ""),
    ];
    for (case, body, want) in table {
        assert_eq!(body_skeleton(body), *want, "{case}");
    }
}

#[test]
fn front_matter_keeps_keys_and_comments_and_empties_per_post_values() {
    let post = "---\ntitle: \"2025년 회고\" # 제목\ndate: 2025-12-31 21:00:00 +0900\ntags: [회고, 연간회고]\nslug: 2025-review\ndescription: 한 해 정리\ntoc: true\n---\n## 들어가며\n\n한 해가 갔다.\n";
    let tpl = template_from_post(post);
    assert_eq!(
        tpl, "---\ntitle: \"\" # 제목\ndate: \ntags: [회고, 연간회고]\ndescription: \ntoc: true\n---\n## 들어가며\n",
        "emptied in each value's own style: quoted stays quoted, plain becomes empty"
    );
    let now = PostDate::parse("2026-12-31T21:00:00+09:00").unwrap();
    let made = instantiate(&tpl, "2026년 회고", &now);
    let p = Post::parse(&made).unwrap();
    assert_eq!(p.view().title.as_deref(), Some("2026년 회고"));
    assert_eq!(p.view().date.as_ref(), Some(&now));
    assert!(made.contains("# 제목") && made.contains("toc: true") && made.ends_with("## 들어가며\n"), "{made}");
    assert!(made.contains("\ndate: 2026-12-31T21:00:00+09:00\n"), "a plain date stays plain: {made}");
}

#[test]
fn a_template_of_a_template_is_the_same_and_raw_drafts_stay_verbatim() {
    let post = "---\ntitle: t\n---\n## A\n\n- [x] g\n\npara\n";
    let once = template_from_post(post);
    assert_eq!(template_from_post(&once), once);
    let raw = "---\ntitle: [unclosed\n---\n## A\n\nbody\n";
    assert_eq!(template_from_post(raw), "---\ntitle: [unclosed\n---\n## A\n", "head verbatim, body reduced");
    let unclosed = "---\ntitle: t\n## A\n\nbody\n";
    assert_eq!(template_from_post(unclosed), unclosed, "no body to tell apart: kept whole");
    assert_eq!(instantiate(raw, "x", &PostDate::parse("2026-01-01").unwrap()), raw);
}

proptest::proptest! {
    /// Any post: no panic, a template of a parsing post parses, and taking
    /// the template of a template changes nothing.
    #[test]
    fn templates_of_any_post_parse_and_are_stable(
        lines in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::string::string_regex("(#{1,3} |- \\[[ x]\\] |- \\[|- |1\\. |\\| |```|> |\\{:|<!-- )?[가-힣a-z \\]]{0,8}").unwrap(),
                proptest::strategy::Just(String::new()),
            ],
            0..24,
        )
    ) {
        let text = format!("---\ntitle: 회고\ndate: 2026-01-01\ntags: [a]\n---\n{}\n", lines.join("\n"));
        let tpl = template_from_post(&text);
        proptest::prop_assert!(Post::parse(&tpl).is_ok(), "{tpl}");
        proptest::prop_assert_eq!(template_from_post(&tpl), tpl.clone());
    }
}
