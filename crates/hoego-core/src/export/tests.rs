use super::*;
use crate::date::Offset;

fn opts(target: Target) -> ExportOptions {
    ExportOptions {
        target,
        offset: Offset::KST,
        now: PostDate::parse("2026-11-22T10:00:00+09:00").unwrap(),
        slug_style: SlugStyle::Romanize,
        source_name: None,
    }
}

fn exp(src: &str, target: Target) -> Exported {
    export(&Post::parse(src).unwrap(), &opts(target), &[])
}

#[test]
fn jekyll_table() {
    // (source, path, front matter lines that must appear)
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "---\ntitle: 2023년 회고\ndate: 2023-12-30 13:00\n---\nhi\n",
            "_posts/2023-12-30-2023nyeon-hoego.md",
            &["date: 2023-12-30 13:00:00 +0900", "layout: post"],
        ),
        (
            "---\ntitle: t\ndate: '2022-06-29T23:30:00+00:00'\ntags: python\n---\n",
            "_posts/2022-06-30-t.md",
            &["date: '2022-06-29 23:30:00 +0000'", "tags: [python]"],
        ),
        ("---\ntitle: t\ndraft: true\n---\n", "_drafts/t.md", &["date: 2026-11-22 10:00:00 +0900"]),
        ("---\ntitle: a\ntitle: b\ncomments: yes\n---\n", "_posts/2026-11-22-b.md", &["title: b", "comments: true"]),
        ("# 제목만\n\n본문\n", "_posts/2026-11-22-jemokman.md", &["title: 제목만"]),
        ("+++\ntitle = \"T\"\ndate = 2020-01-02T03:04:05+09:00\n+++\nx\n", "_posts/2020-01-02-t.md", &["title: T"]),
    ];
    for (src, path, lines) in cases {
        let e = exp(src, Target::Jekyll);
        assert_eq!(&e.path, path, "{src}");
        for l in *lines {
            assert!(e.text.lines().any(|x| x == *l), "{src}: missing {l:?} in\n{}", e.text);
        }
        assert!(Post::parse(&e.text).unwrap().warnings().is_empty(), "{}", e.text);
    }
}

#[test]
fn gatsby_table() {
    let src = "---\nlayout: single\ntitle: \"패스트캠퍼스\"\ndate: 2022-07-28\ntags: [devlog, 2022]\n---\n![](/assets/img/a.png){:.align-center}\n[p]({% post_url 2021-01-01-old %})\n";
    let e = exp(src, Target::Gatsby(Flavor::StarterBlog));
    assert_eq!(e.path, "content/blog/paeseuteukaempeoseu/index.md");
    assert!(e.text.contains("date: \"2022-07-28T00:00:00+09:00\"\n"), "{}", e.text);
    assert!(e.text.contains("tags: [devlog, \"2022\"]\n"), "{}", e.text);
    assert!(e.text.contains("![](/assets/img/a.png)\n[p](/old/)\n"), "{}", e.text);
    assert!(e.text.starts_with("---\nlayout: single\ntitle: \"패스트캠퍼스\"\n"), "{}", e.text);
    let lumen = exp(src, Target::Gatsby(Flavor::Lumen));
    assert!(
        lumen.text.contains("template: \"post\"\n")
            && lumen.text.contains("slug: paeseuteukaempeoseu\n")
            && lumen.text.contains("category: retrospective\n"),
        "{}",
        lumen.text
    );
}

#[test]
fn assets_are_placed_and_links_rewritten() {
    let src = "---\ntitle: x\ncover: './cover.png'\n---\n![a](./a.png) <img src=\"./b.png\">\n";
    let p = Post::parse(src).unwrap();
    let refs: Vec<String> = image_refs(&p).into_iter().map(|r| r.reference).collect();
    assert_eq!(refs, ["./cover.png", "./a.png", "./b.png"]);
    let e = export(&p, &opts(Target::Jekyll), &refs);
    assert!(e.text.contains("cover: '/assets/images/x/cover.png'"), "{}", e.text);
    assert!(e.text.contains("![a](/assets/images/x/a.png) <img src=\"/assets/images/x/b.png\">"), "{}", e.text);
    assert_eq!(e.assets.len(), 3);
}

#[test]
fn liquid_in_gatsby_post_is_protected_for_jekyll() {
    let src = "---\ntitle: x\ntemplate: post\n---\n```js\nconst a = `{{ b }}`;\n```\n";
    let e = exp(src, Target::Jekyll);
    assert!(e.text.contains("{% raw %}\n```js") && e.text.ends_with("```\n{% endraw %}\n"), "{}", e.text);
}

#[test]
fn source_names() {
    assert_eq!(
        parse_source_name("_posts/2022-06-29-my-post.md"),
        (PostDate::parse("2022-06-29"), Some("my-post".into()))
    );
    assert_eq!(parse_source_name("content/blog/hello/index.md").1.as_deref(), Some("hello"));
    assert_eq!(parse_source_name("notes.markdown"), (None, Some("notes".into())));
}

#[test]
fn cover_and_image_keys_are_both_relinked_when_exported() {
    // Jekyll used to relink `image` only when it equalled `cover`.
    let src = "---\ntitle: x\ncover: ./a.png\nimage: ./b.png\n---\n![a](./a.png)\n";
    let p = Post::parse(src).unwrap();
    let all = vec!["./a.png".to_string(), "./b.png".to_string()];
    for target in [Target::Jekyll, Target::Gatsby(Flavor::StarterBlog)] {
        let e = export(&p, &opts(target), &all);
        let back = Post::parse(&e.text).unwrap();
        let (cover, image) =
            (back.field("cover").unwrap().as_text().unwrap(), back.field("image").unwrap().as_text().unwrap());
        match target {
            Target::Jekyll => {
                assert_eq!((cover.as_str(), image.as_str()), ("/assets/images/x/a.png", "/assets/images/x/b.png"))
            }
            Target::Gatsby(_) => assert_eq!((cover.as_str(), image.as_str()), ("./a.png", "./b.png")),
        }
    }
}
