//! Property tests: random edits change only the edited keys and read back as
//! written; the incremental preview always equals a full render.

mod common;

use hoego_core::markdown::blocks::{block_ranges, render_blocks, BlockCache};
use hoego_core::markdown::{render_unsanitized, Sanitizer};
use hoego_core::{FieldValue, Post};
use proptest::prelude::*;

fn value_strategy() -> impl Strategy<Value = FieldValue> {
    let text = "[ -~가-힣😀:#'\"\\[\\]{},-]{0,24}";
    prop_oneof![
        text.prop_map(FieldValue::Str),
        prop::collection::vec("[a-z가-힣0-9 :,#'\"-]{1,10}", 0..4).prop_map(|v| {
            FieldValue::List(
                v.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty() && !s.contains(',')).collect(),
            )
        }),
        any::<bool>().prop_map(FieldValue::Bool),
    ]
}

fn key_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("title".to_string()),
        Just("tags".to_string()),
        Just("categories".to_string()),
        Just("description".to_string()),
        Just("slug".to_string()),
        Just("emoji".to_string()),
        "[a-z][a-z_]{0,8}",
    ]
}

fn reads_back(p: &Post, key: &str, v: &FieldValue) {
    match v {
        FieldValue::Str(s) => {
            assert_eq!(p.field(key).and_then(|x| x.as_text()).as_deref().unwrap_or(""), s.as_str(), "{key}")
        }
        FieldValue::Bool(b) => assert_eq!(p.field(key).and_then(|x| x.as_bool()), Some(*b), "{key}"),
        FieldValue::List(l) => {
            let got = hoego_core::view::list_items(p.field(key).unwrap());
            if l.len() == 1 {
                // A single item may stay a scalar: compare Jekyll's reading of it.
                assert_eq!(got.join(" "), l[0], "{key}");
            } else {
                assert_eq!(&got, l, "{key}");
            }
        }
        _ => unreachable!(),
    }
}

/// The identity "sanitizer": the preview tests compare unsanitized HTML.
struct Id;
impl Sanitizer for Id {
    fn sanitize(&self, h: &str) -> String {
        h.to_string()
    }
}

/// The body of fixture `i`.
fn fixture_body(i: usize) -> String {
    let (_, text) = &common::fixtures()[i];
    Post::parse(text).unwrap().body().to_string()
}

/// Replace `del` bytes at fraction `at` of `body` with `ins`, both ends moved to
/// character boundaries (an edit as a user makes it).
fn splice(body: &mut String, at: f64, del: usize, ins: &str) {
    let mut i = ((body.len() as f64) * at) as usize;
    while !body.is_char_boundary(i) {
        i -= 1;
    }
    let mut j = (i + del).min(body.len());
    while !body.is_char_boundary(j) {
        j += 1;
    }
    body.replace_range(i..j, ins);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_change_only_edited_keys(
        fixture in 0usize..3,
        crlf in any::<bool>(),
        edits in prop::collection::vec((key_strategy(), value_strategy()), 1..5),
    ) {
        let (_, text) = &common::fixtures()[fixture];
        let text = if crlf { text.replace('\n', "\r\n") } else { text.clone() };
        let base = Post::parse(&text).unwrap();
        let mut p = base.clone();
        let mut last: Vec<(String, FieldValue)> = Vec::new();
        for (k, v) in &edits {
            if let FieldValue::List(items) = v {
                // Jekyll splits a scalar on spaces; multi-word single items are a different test.
                prop_assume!(items.len() != 1 || !items[0].contains(' '));
            }
            p.set(k, v).unwrap();
            last.retain(|(lk, _)| lk != k);
            last.push((k.clone(), v.clone()));
        }
        let out = p.to_text();
        let back = Post::parse(&out).unwrap();
        for (k, v) in &last {
            reads_back(&back, k, v);
        }
        // Every entry not edited keeps its exact bytes, in order.
        let untouched = |post: &Post| -> Vec<String> {
            post.yaml_entries().iter().filter(|e| !last.iter().any(|(k, _)| *k == e.key))
                .map(|e| post.head()[e.range.clone()].to_string()).collect()
        };
        prop_assert_eq!(untouched(&base), untouched(&back));
        prop_assert_eq!(back.body(), base.body());
    }

    #[test]
    fn incremental_preview_equals_full_render(
        fixture in 0usize..3,
        // Definitions at the end, as most posts have them: keys elsewhere keep them.
        defs_at_end in any::<bool>(),
        edits in prop::collection::vec((0.0f64..1.0, 0usize..8, prop_oneof![
            Just(""), Just("\n"), Just("\n\n"), Just("# 제목\n"), Just("- [ ] 할 일\n"), Just("```\n"),
            Just("| a | b |\n|---|---|\n"), Just("> 인용\n"), Just("    code\n"), Just("<div>\n"), Just("[^1]"), Just("[^1]: 주석\n"), Just("> [^2]: 인용 주석\n"), Just("/[^a-z]/"), Just("x[1:]:\n"), Just("[r]: /x\n"), Just("[R]: /y 't'\n"), Just("<br/>\n"), Just("see [r]\n"), Just("글자"),
            Just("---\n"), Just("===\n"), Just("<!-- c\n"), Just("-->\n"), Just("1. 하나\n"), Just("  - 중첩\n"), Just("~~~\n"),
            Just("| x |\n"), Just("lazy\n"), Just("</div>\n\n"), Just("* "), Just("\n- a\n\n  b\n"), Just("\r"), Just("\r\n"), Just("{% highlight py %}\n"), Just("{% endhighlight %}\n"),
        ]), 1..12),
    ) {
        let mut body = fixture_body(fixture);
        if defs_at_end {
            body.push_str("\n[r]: /end\n[X]: /y 'z'\n");
        }
        let mut cache = BlockCache::default();
        cache.update(&body, &Id);
        let mut sliced = cache.clone();
        for (at, del, ins) in edits {
            splice(&mut body, at, del, ins);
            cache.update(&body, &Id);
            let incremental: String = cache.blocks().iter().map(|b| b.html.as_str()).collect();
            prop_assert_eq!(&incremental, &render_unsanitized(&body));
            // In slices (as the app renders an import), the cache ends the same.
            let mut n = 0;
            while !sliced.update_sliced(&body, &Id, 64).1 {
                n += 1;
                prop_assert!(n < 10_000, "sliced updates never finish");
            }
            prop_assert_eq!(sliced.blocks(), cache.blocks());
            // The windowed re-parse finds exactly the blocks a full parse finds.
            let ranges: Vec<_> = cache.blocks().iter().map(|b| b.range.clone()).collect();
            prop_assert_eq!(ranges, block_ranges(&body));
        }
        let fresh: String = render_blocks(&body).into_iter().map(|b| b.html).collect();
        prop_assert_eq!(fresh, render_unsanitized(&body));
    }

    /// Pastes larger than a slice, of text whose characters share leading bytes with
    /// what is around them (Hangul, emoji, é): the sliced update cuts the texts where
    /// they differ, which must be a character boundary (it once panicked there).
    #[test]
    fn sliced_multibyte_pastes_equal_full_render(
        fixture in 0usize..3,
        pastes in prop::collection::vec((0.0f64..1.0, 0usize..16, 8usize..60, prop_oneof![
            Just("다"), Just("나의 "), Just("문단\n\n"), Just("😀"), Just("- 가\n"), Just("\r\n"), Just("é"), Just("\n\n## 장\n\n"),
        ]), 1..4),
    ) {
        let mut body = fixture_body(fixture);
        let mut sliced = BlockCache::default();
        sliced.update(&body, &Id);
        for (at, del, times, unit) in pastes {
            splice(&mut body, at, del, &unit.repeat(times));
            let mut n = 0;
            while !sliced.update_sliced(&body, &Id, 64).1 {
                n += 1;
                prop_assert!(n < 10_000, "sliced updates never finish");
            }
            let got: String = sliced.blocks().iter().map(|b| b.html.as_str()).collect();
            prop_assert_eq!(&got, &render_unsanitized(&body));
        }
    }

    /// Bodies made of whole lines around link reference definitions: a label
    /// defined twice (the first counts), definitions with titles, and the lines
    /// that read differently at a paragraph's start than alone (`<br/>`, indented
    /// text). Each block alone, and the cache after line edits, render as the whole.
    #[test]
    fn definition_lines_render_as_the_whole(
        lines in prop::collection::vec(prop_oneof![
            Just("[r]: /u"), Just("[R]: /v"), Just("  [r]: /w 't'"), Just("[s]: /x"), Just("\"title\""), Just("<br/>"),
            Just("    indented"), Just("see [r] and [s]"), Just(""), Just("# h"), Just("> [r]: /q"), Just("- [s]: /y"),
        ], 1..16),
        edits in prop::collection::vec((0usize..16, prop_oneof![Just("[r]: /z"), Just(""), Just("<br/>"), Just("text")]), 0..4),
    ) {
        let mut body: Vec<&str> = lines;
        let text = |b: &[&str]| b.iter().map(|l| format!("{l}\n")).collect::<String>();
        let concat = |t: &str| render_blocks(t).into_iter().map(|b| b.html).collect::<String>();
        prop_assert_eq!(concat(&text(&body)), render_unsanitized(&text(&body)));
        let mut cache = BlockCache::default();
        cache.update(&text(&body), &Id);
        for (at, line) in edits {
            let at = at % (body.len() + 1);
            body.insert(at, line);
            let t = text(&body);
            cache.update(&t, &Id);
            let incremental: String = cache.blocks().iter().map(|b| b.html.as_str()).collect();
            prop_assert_eq!(incremental, render_unsanitized(&t));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Lines set on a literal block (`description: |`, `|-`, `|+`, `|2`, with a
    /// comment, blank lines after it) read back exactly, as a block where one can
    /// hold them, else quoted; the other keys keep their bytes.
    #[test]
    fn literal_block_edits_read_back(
        lines in prop::collection::vec("[ -~가-힣\t\u{2028}]{0,12}", 1..5),
        trailing in 0usize..4,
        old in prop::sample::select(vec![
            "|\n    old\n    lines\n",
            "|-\n  old\n\n",
            "|+\n  old\n\n\n",
            "|2\n   old\n  x\n   \n",
            "| # 요약\n  old\n",
        ]),
        crlf in any::<bool>(),
    ) {
        let text = format!("{}{}", lines.join("\n"), "\n".repeat(trailing));
        prop_assume!(!text.is_empty());
        let src = format!("---\ntitle: t # 제목\ndescription: {old}tags: [a]\n---\nbody\n");
        let src = if crlf { src.replace('\n', "\r\n") } else { src };
        let mut p = Post::parse(&src).unwrap();
        p.set("description", &FieldValue::Str(text.clone())).unwrap();
        let out = p.to_text();
        let back = Post::parse(&out).unwrap();
        reads_back(&back, "description", &FieldValue::Str(text.clone()));
        let nl = if crlf { "\r\n" } else { "\n" };
        prop_assert!(out.starts_with(&format!("---{nl}title: t # 제목{nl}description: ")), "{out:?}");
        prop_assert!(out.ends_with(&format!("tags: [a]{nl}---{nl}body{nl}")), "{out:?}");
        // Every text without a char to escape stays a block, one line included.
        let block_ok = !text.contains('\u{2028}') && text.split('\n').any(|l| !l.is_empty());
        prop_assert_eq!(out.contains("description: |"), block_ok, "{:?}", out);
        prop_assert_eq!(out.contains("# 요약"), old.contains("# 요약"), "the header's comment stays: {:?}", out);
    }
}
