//! Byte-exact round trips and minimal edits over the real fixture posts and
//! synthetic CRLF/BOM/no-newline variants.

mod common;

use hoego_core::{FieldValue, Post};

#[test]
fn unedited_posts_serialize_byte_identical() {
    let mut checked = 0;
    for (name, text) in common::fixtures() {
        for (variant, t) in common::variants(&text) {
            let p = Post::parse(&t).unwrap_or_else(|e| panic!("{name} {variant}: {e}"));
            assert_eq!(p.to_text(), t, "{name} {variant}");
            checked += 1;
        }
    }
    assert_eq!(checked, 15);
}

/// The lines of `a` and `b` that differ, as (line in a, line in b) pairs
/// after aligning equal prefix and suffix.
fn changed_lines(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    let al: Vec<&str> = a.split_inclusive('\n').collect();
    let bl: Vec<&str> = b.split_inclusive('\n').collect();
    let pre = al.iter().zip(&bl).take_while(|(x, y)| x == y).count();
    let suf = al[pre..].iter().rev().zip(bl[pre..].iter().rev()).take_while(|(x, y)| x == y).count();
    (
        al[pre..al.len() - suf].iter().map(|s| s.to_string()).collect(),
        bl[pre..bl.len() - suf].iter().map(|s| s.to_string()).collect(),
    )
}

#[test]
fn one_key_edits_touch_only_that_key() {
    // (key, value, expected new line(s) with `{le}` for the file's line ending)
    let edits: Vec<(&str, FieldValue)> = vec![
        ("title", FieldValue::Str("새 제목: 회고".into())),
        ("tags", FieldValue::List(vec!["a".into(), "b c".into()])),
        ("draft", FieldValue::Bool(true)),
        ("date", FieldValue::Date(hoego_core::PostDate::parse("2024-01-02T03:04:05+09:00").unwrap())),
        ("brand_new", FieldValue::Str("yes".into())),
    ];
    for (name, text) in common::fixtures() {
        for (variant, t) in common::variants(&text) {
            let base = Post::parse(&t).unwrap();
            for (key, value) in &edits {
                let mut p = base.clone();
                p.set(key, value).unwrap_or_else(|e| panic!("{name} {variant} {key}: {e}"));
                let out = p.to_text();
                // Reads back as written.
                let back = Post::parse(&out).unwrap_or_else(|e| panic!("{name} {variant} {key}: {e}\n{out}"));
                match (key, value) {
                    (&"title", FieldValue::Str(s)) => assert_eq!(back.view().title.as_deref(), Some(s.as_str())),
                    (&"tags", FieldValue::List(l)) => assert_eq!(&back.view().tags, l),
                    (&"draft", FieldValue::Bool(b)) => assert_eq!(back.view().draft, *b),
                    (&"date", FieldValue::Date(d)) => assert_eq!(back.view().date.as_ref(), Some(d)),
                    (&"brand_new", _) => {
                        assert_eq!(back.field("brand_new").and_then(|v| v.as_text()).as_deref(), Some("yes"))
                    }
                    _ => unreachable!(),
                }
                // Only the key's own lines changed; body byte-identical.
                assert_eq!(back.body(), base.body(), "{name} {variant} {key}");
                let (old, new) = changed_lines(&t, &out);
                for l in old.iter().chain(&new) {
                    let l = l.trim_start_matches('\u{feff}');
                    let is_key_line = l.starts_with(&format!("{key}:"))
                        || l.starts_with(&format!("{key} :"))
                        || l.starts_with(' ')
                        || l.starts_with('-');
                    assert!(is_key_line, "{name} {variant} {key}: unexpected changed line {l:?}");
                }
                let le = if variant.contains("crlf") { "\r\n" } else { "\n" };
                for l in &new {
                    assert!(l.ends_with(le), "{name} {variant} {key}: line ending kept: {l:?}");
                }
            }
        }
    }
}

#[test]
fn unset_then_set_on_every_key_keeps_other_lines() {
    for (name, text) in common::fixtures() {
        let base = Post::parse(&text).unwrap();
        for (key, _) in base.fields() {
            let mut p = base.clone();
            p.unset(key).unwrap();
            assert!(p.field(key).is_none(), "{name}: {key} removed");
            let removed = base.head().len() - p.head().len();
            let entry = base.yaml_entries().iter().find(|e| &e.key == key).unwrap();
            assert_eq!(removed, entry.range.len(), "{name}: only {key}'s bytes removed");
        }
    }
}

#[test]
fn malformed_front_matter_is_an_error_with_position() {
    let cases: &[(&str, usize)] = &[
        ("---\ntitle: ok\ntags: [a, b\n---\nbody\n", 3),
        ("---\ntitle: \"unclosed\n---\nbody\n", 2),
        ("---\ntitle: ok\n\tdate: 2020-01-01\n---\n", 3),
        ("---\ntitle: ok\nno colon here\n---\n", 3),
        ("---\ntitle: ok\n\nbody without close\n", 1),
        ("+++\ntitle = \n+++\n", 2),
    ];
    for (text, line) in cases {
        match Post::parse(text) {
            Err(e) => assert_eq!(e.pos().line, *line, "{text:?}: {e}"),
            Ok(_) => panic!("{text:?} should not parse"),
        }
    }
}

#[test]
fn duplicate_keys_warn_and_last_wins() {
    let p = Post::parse("---\ntitle: a\ntags: [x]\ntitle: b\n---\n").unwrap();
    assert_eq!(p.view().title.as_deref(), Some("b"));
    assert_eq!(p.warnings().len(), 1);
    assert_eq!(p.warnings()[0].code, "duplicate-key");
    assert_eq!(p.warnings()[0].line, Some(4));
}

#[test]
fn typed_view_semantics_table() {
    // (front matter, title, date iso, tags, categories, draft)
    type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [&'a str], &'a [&'a str], bool);
    let cases: &[Case] = &[
        ("tags: [a, b]\ncategories: x y", None, None, &["a", "b"], &["x", "y"], false),
        ("tags:\n  - a\n  -\n  - c\ntag: d", None, None, &["a", "c", "d"], &[], false),
        ("category: devlog\npublished: false", None, None, &[], &["devlog"], true),
        ("draft: yes\ndate: 2022-02-11-15:00:00+09:00", None, None, &[], &[], true),
        ("title: 123\ndate: '2021-02-10 04:00:00'", Some("123"), Some("2021-02-10T04:00:00"), &[], &[], false),
        (
            "date: 2022-06-29T06:00:00+09:00\ntags: python",
            None,
            Some("2022-06-29T06:00:00+09:00"),
            &["python"],
            &[],
            false,
        ),
    ];
    for (fm, title, date, tags, cats, draft) in cases {
        let p = Post::parse(&format!("---\n{fm}\n---\nbody\n")).unwrap();
        let v = p.view();
        assert_eq!(v.title.as_deref(), *title, "{fm}");
        assert_eq!(v.date.as_ref().map(|d| d.to_iso()).as_deref(), *date, "{fm}");
        assert_eq!(v.tags, *tags, "{fm}");
        assert_eq!(v.categories, *cats, "{fm}");
        assert_eq!(v.draft, *draft, "{fm}");
    }
    let bad = Post::parse("---\ndate: 2022-02-11-15:00:00+09:00\n---\n").unwrap();
    assert_eq!(bad.warnings()[0].code, "bad-date");
    let none = Post::parse("# 제목\n\n본문\n").unwrap();
    assert_eq!(none.view().title.as_deref(), Some("제목"));
}

#[test]
fn toml_front_matter_reads_and_edits() {
    let src = "+++\ntitle = \"Hugo 회고\" # c\ndate = 2024-01-02T03:04:05+09:00\ntags = [\"a\"]\n+++\nbody\n";
    let mut p = Post::parse(src).unwrap();
    assert_eq!(p.to_text(), src);
    assert_eq!(p.view().title.as_deref(), Some("Hugo 회고"));
    assert_eq!(p.view().date.as_ref().unwrap().to_iso(), "2024-01-02T03:04:05+09:00");
    p.set("tags", &FieldValue::List(vec!["x".into(), "y".into()])).unwrap();
    assert_eq!(
        p.to_text(),
        "+++\ntitle = \"Hugo 회고\" # c\ndate = 2024-01-02T03:04:05+09:00\ntags = [\"x\", \"y\"]\n+++\nbody\n"
    );
}

#[test]
fn big_post_is_linear() {
    // 50 MB would make the test slow in debug builds; 5 MB with a body made of
    // the fixtures shows the same shape (see BENCHMARKS.md for 50 MB timings).
    let (_, text) = &common::fixtures()[0];
    let mut big = text.clone();
    while big.len() < 5_000_000 {
        big.push_str("\n\n");
        big.push_str(&text[text.find("\n---\n").unwrap() + 5..]);
    }
    let p = Post::parse(&big).unwrap();
    assert_eq!(p.to_text().len(), big.len());
}

#[test]
fn values_containing_delimiter_lines_stay_inside_the_front_matter() {
    // Found by the fuzzer: a TOML multi-line string with a `+++` line ended the block early.
    for (src, key) in [("+++\ntitle = \"a\"\n+++\nbody\n", "title"), ("---\ntitle: a\n---\nbody\n", "title")] {
        let mut p = Post::parse(src).unwrap();
        for v in ["+++\ntitle = ", "x\n---\ny", "x\n...\n", "\r\n+++\r\n"] {
            p.set(key, &FieldValue::Str(v.into())).unwrap();
            let back = Post::parse(&p.to_text()).unwrap_or_else(|e| panic!("{v:?}: {e}\n{}", p.to_text()));
            assert_eq!(back.view().title.as_deref(), Some(v));
            assert_eq!(back.body(), "body\n");
        }
    }
}

/// A body edit leaves the post's title as parsing the edited text would give
/// it: the fields' title when they have a usable one, else the body's first H1
/// (a blank or non-text `title` does not count, as on parse).
#[test]
fn title_after_a_body_edit_is_the_title_of_the_edited_post() {
    let heads =
        ["", "---\ntitle: 회고\n---\n", "---\ntitle: ''\n---\n", "---\ntitle: [a, b]\n---\n", "---\ntags: [x]\n---\n"];
    let bodies = ["본문\n", "# 새 제목\n\n본문\n", "```\n# 코드\n```\n# 둘째\n", "## 작은 제목\n"];
    for head in heads {
        for (before, after) in bodies.iter().zip(bodies.iter().rev()) {
            let mut p = Post::parse(&format!("{head}{before}")).unwrap();
            let with = p.with_body(after.to_string());
            p.set_body(after);
            let fresh = Post::parse(&format!("{head}{after}")).unwrap();
            assert_eq!(p.view().title, fresh.view().title, "{head:?}: {before:?} → {after:?}");
            assert_eq!(with.view().title, fresh.view().title, "with_body {head:?}: {before:?} → {after:?}");
            assert_eq!(with.to_text(), fresh.to_text());
        }
    }
}

/// The other-fields box refuses, and names, a key the form edits or one set
/// twice, instead of dropping it (a `title:` typed there vanished on Apply,
/// and of `custom: 3` / `custom: 4` the first was kept); the post is unchanged.
#[test]
fn other_fields_refuse_form_keys_and_repeated_keys() {
    use hoego_core::EditError;
    let typed = ["title", "date", "tags"];
    let src = "---\ntitle: a\ncustom: 1\nx: y\n---\nbody\n";
    let cases: [(&str, Result<&str, EditError>); 4] = [
        ("custom: 2\nx: y\n", Ok("---\ntitle: a\ncustom: 2\nx: y\n---\nbody\n")),
        ("custom: 2\ntitle: b\n", Err(EditError::FormKey("title".into()))),
        ("custom: 3\ncustom: 4\n", Err(EditError::RepeatedKey("custom".into()))),
        ("new: 1\nnew: 2\n", Err(EditError::RepeatedKey("new".into()))),
    ];
    for (text, want) in cases {
        let mut p = Post::parse(src).unwrap();
        let got = p.set_other_fields(&typed, text);
        match want {
            Ok(t) => assert_eq!((got, p.to_text().as_str()), (Ok(()), t), "{text:?}"),
            Err(e) => assert_eq!((got, p.to_text().as_str()), (Err(e), src), "{text:?}"),
        }
    }
}

/// The other-fields box shows a block scalar with the blank lines after it,
/// which a `|+` keeps as its text, and what is typed there is what is stored.
#[test]
fn other_fields_keep_a_block_scalars_trailing_lines() {
    let typed = ["title"];
    let src = "---\ntitle: a\nsummary: |+\n  s1\n\n\nexcerpt: >-\n  e1\n---\nbody\n";
    let mut p = Post::parse(src).unwrap();
    let shown = p.other_fields_text(&typed);
    assert_eq!(shown, "summary: |+\n  s1\n\n\nexcerpt: >-\n  e1\n");
    // Unchanged: not a byte moves.
    p.set_other_fields(&typed, &shown).unwrap();
    assert_eq!(p.to_text(), src);
    // One blank line typed instead of two: stored as typed.
    p.set_other_fields(&typed, "summary: |+\n  s1y\n\nexcerpt: >-\n  e1\n").unwrap();
    assert_eq!(p.to_text(), "---\ntitle: a\nsummary: |+\n  s1y\n\nexcerpt: >-\n  e1\n---\nbody\n");
    assert_eq!(p.field("summary").and_then(|v| v.as_text()).as_deref(), Some("s1y\n\n"));
}
