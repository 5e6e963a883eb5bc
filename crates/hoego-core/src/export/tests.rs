use super::*;
use crate::date::Offset;

fn opts(target: Target) -> ExportOptions {
    ExportOptions {
        target,
        offset: Offset::KST,
        now: PostDate::parse("2026-11-22T10:00:00+09:00").unwrap(),
        slug_style: SlugStyle::Romanize,
        source_name: None,
        reslug: false,
        site: Default::default(),
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
    assert!(e.text.contains("date: \"2022-07-28\"\n"), "{}", e.text);
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

/// gatsby-starter-blog's own posts are dated `"2015-05-01T22:12:03.284Z"`:
/// a Gatsby export leaves such a date as it is (it wrote `+00:00`).
#[test]
fn a_gatsby_date_in_utc_with_z_is_kept_as_written() {
    let cases: &[(&str, &str)] = &[
        ("\"2021-01-01T18:43:20.542Z\"", "\"2021-01-01T18:43:20.542Z\""),
        ("'2021-01-01T18:43:20Z'", "'2021-01-01T18:43:20Z'"),
        ("\"2021-01-01T18:43:20+00:00\"", "\"2021-01-01T18:43:20+00:00\""),
        // Unquoted, or not UTC with `Z`: written as before.
        ("2021-01-01T18:43:20Z", "\"2021-01-01T18:43:20+00:00\""),
        ("\"2021-01-01T18:43:20+0900\"", "\"2021-01-01T18:43:20+09:00\""),
    ];
    for (written, out) in cases {
        let e = exp(&format!("---\ntitle: x\ndate: {written}\n---\nbody\n"), GATSBY);
        assert!(e.text.contains(&format!("\ndate: {out}\n")), "{written}: {}", e.text);
        let changed = e.changes.iter().any(|c| c.key == "date");
        assert_eq!(changed, written != out, "{written}: {:?}", e.changes);
    }
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

/// An image that is there but whose name cannot be written (`x:y.png`) is
/// left as written, and said so, as a missing one is.
#[test]
fn an_image_with_an_unsafe_name_is_warned_about() {
    let p = Post::parse("---\ntitle: x\n---\n<img src=\"x:y.png\">\n").unwrap();
    for target in [Target::Jekyll, GATSBY] {
        let e = export(&p, &opts(target), &["x:y.png".to_string()]);
        assert!(e.assets.is_empty() && e.text.contains("<img src=\"x:y.png\">"), "{}", e.text);
        assert!(
            e.warnings.iter().any(|w| w.code == WarningCode::ImageRelative && w.message.contains("x:y.png")),
            "{:?}",
            e.warnings
        );
    }
}

/// `<img src="a&amp;b.png">` names `a&b.png` (as the browser reads it): found,
/// placed as `a-b.png` (a markdown link would read `&amp;` in a name as `&`)
/// and rewritten, so a post exported once exports again with its image.
#[test]
fn an_img_src_with_a_character_reference_is_the_file_it_names() {
    let p = Post::parse("---\ntitle: x\n---\n<img src=\"a&amp;b.png\"> ![d](d%26amp%3Bx.png)\n").unwrap();
    let refs: Vec<String> = image_refs(&p).into_iter().map(|r| r.reference).collect();
    let first = export(&p, &opts(Target::Jekyll), &refs);
    assert!(
        first.text.contains("<img src=\"/assets/images/x/a-b.png\"> ![d](/assets/images/x/d-amp;x.png)"),
        "{}",
        first.text
    );
    let again = Post::parse(&first.text).unwrap();
    let refs: Vec<ImageRef> = image_refs(&again);
    assert_eq!(refs.iter().map(|r| r.file_name.as_str()).collect::<Vec<_>>(), ["a-b.png", "d-amp;x.png"]);
    let e = export(&again, &opts(GATSBY), &refs.iter().map(|r| r.reference.clone()).collect::<Vec<_>>());
    assert!(e.text.contains("<img src=\"./a-b.png\"> ![d](./d-amp;x.png)"), "{}", e.text);
    let placed: Vec<&str> = e.assets.iter().map(|a| a.site_path.as_str()).collect();
    assert_eq!(placed, ["content/blog/x/a-b.png", "content/blog/x/d-amp;x.png"]);
    assert!(!e.warnings.iter().any(|w| w.message.contains("a-b") || w.message.contains("amp")), "{:?}", e.warnings);
}

/// Every image reference is rewritten where it is, once, from the original
/// text: never an earlier rewrite's output, a longer name, or code.
#[test]
fn image_references_are_rewritten_in_place() {
    // (target, body, available references, body after export, asset paths)
    type Case<'a> = (Target, &'a str, &'a [&'a str], &'a str, &'a [&'a str]);
    let cases: &[Case] = &[
        (
            GATSBY,
            "![first](x/a.png)\n![second](./a.png)\n",
            &["x/a.png", "./a.png"],
            "![first](./a.png)\n![second](./2-a.png)\n",
            &["content/blog/x/a.png", "content/blog/x/2-a.png"],
        ),
        (
            Target::Jekyll,
            "![p](pic.png) [download original](pic.png.zip) `![x](pic.png)`\n\n```\n![x](pic.png)\n```\n",
            &["pic.png"],
            "![p](/assets/images/x/pic.png) [download original](pic.png.zip) `![x](pic.png)`\n\n```\n![x](pic.png)\n```\n",
            &["assets/images/x/pic.png"],
        ),
        (
            Target::Jekyll,
            "![green][g]\n\n[g]: /assets/ref.png\n",
            &["/assets/ref.png"],
            "![green][g]\n\n[g]: /assets/images/x/ref.png\n",
            &["assets/images/x/ref.png"],
        ),
        (
            Target::Jekyll,
            "![s](</assets/sp ace.png>)\n",
            &["/assets/sp ace.png"],
            "![s](</assets/images/x/sp ace.png>)\n",
            &["assets/images/x/sp ace.png"],
        ),
        (
            Target::Jekyll,
            "<img src=/assets/unq.png>\n",
            &["/assets/unq.png"],
            "<img src=/assets/images/x/unq.png>\n",
            &["assets/images/x/unq.png"],
        ),
        (
            Target::Jekyll,
            "![a](ok2.png) ![b](./ok2.png) ![c](ok2.png?v=1)\n",
            &["ok2.png", "./ok2.png", "ok2.png?v=1"],
            "![a](/assets/images/x/ok2.png) ![b](/assets/images/x/ok2.png) ![c](/assets/images/x/ok2.png)\n",
            &["assets/images/x/ok2.png"],
        ),
        (
            // Written on Windows (the basic-jekyll fixture): one file for the two spellings.
            Target::Jekyll,
            "![cake](\\assets\\img\\cake.jpg) <img src=\"/assets/img/cake.jpg\">\n",
            &["\\assets\\img\\cake.jpg", "/assets/img/cake.jpg"],
            "![cake](/assets/images/x/cake.jpg) <img src=\"/assets/images/x/cake.jpg\">\n",
            &["assets/images/x/cake.jpg"],
        ),
        (
            GATSBY,
            "![river](..\\img\\river.jpg)\n",
            &["..\\img\\river.jpg"],
            "![river](./river.jpg)\n",
            &["content/blog/x/river.jpg"],
        ),
        (
            // `{{ site.baseurl }}` with spaces: an image only once Liquid ran (the
            // jekyll-wowthemes fixture); Jekyll keeps it as written.
            GATSBY,
            "![w]({{ site.baseurl }}/assets/w.png)\n",
            &["{{site.baseurl}}/assets/w.png"],
            "![w](./w.png)\n",
            &["content/blog/x/w.png"],
        ),
        (
            Target::Jekyll,
            "![w]({{ site.baseurl }}/assets/w.png)\n",
            &["{{site.baseurl}}/assets/w.png"],
            "![w]({{ site.baseurl }}/assets/w.png)\n",
            &[],
        ),
        (
            // Unspaced, as before: bundled for Jekyll too.
            Target::Jekyll,
            "![w]({{site.baseurl}}/assets/w.png)\n",
            &["{{site.baseurl}}/assets/w.png"],
            "![w](/assets/images/x/w.png)\n",
            &["assets/images/x/w.png"],
        ),
        (
            GATSBY,
            "![a](./a.png) <img src=\"./b.png\"> ![c](/assets/c.png)\n",
            &["./a.png", "./b.png"],
            "![a](./a.png) <img src=\"./b.png\"> ![c](/assets/c.png)\n",
            &["content/blog/x/a.png", "content/blog/x/b.png"],
        ),
    ];
    for (target, body, available, want, paths) in cases {
        let p = Post::parse(&format!("---\ntitle: x\n---\n{body}")).unwrap();
        let available: Vec<String> = available.iter().map(|s| s.to_string()).collect();
        let e = export(&p, &opts(*target), &available);
        assert_eq!(Post::parse(&e.text).unwrap().body(), *want, "{body:?}");
        let got: Vec<&str> = e.assets.iter().map(|a| a.site_path.as_str()).collect();
        assert_eq!(got, *paths, "{body:?}");
    }
}

#[test]
fn image_refs_found_in_every_spelling_and_none_without_one() {
    // (body, references): the quick check before parsing must never hide an image.
    let table: [(&str, &[&str]); 6] = [
        ("![a](./a.png)\n", &["./a.png"]),
        ("text <IMG SRC=\"./b.png\"> text\n", &["./b.png"]),
        ("<p><Img src='./c.png'/></p>\n", &["./c.png"]),
        ("![ref][r]\n\n[r]: ./d.png\n", &["./d.png"]),
        ("- - - - a\n<ul><li>x</li></ul>\n", &[]),
        ("! [not](./e.png) \\![no](./f.png)\n", &[]),
    ];
    for (body, want) in table {
        let p = Post::parse(&format!("---\ntitle: x\n---\n{body}")).unwrap();
        let refs: Vec<String> = image_refs(&p).into_iter().map(|r| r.reference).collect();
        assert_eq!(refs, want, "{body:?}");
    }
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
fn a_file_name_date_is_read_as_jekyll_reads_it() {
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        ("_posts/2022-7-8-hello.md", Some("2022-07-08"), Some("hello")),
        ("2022-07-8-hello.md", Some("2022-07-08"), Some("hello")),
        ("2022-12-31-2022-retro.md", Some("2022-12-31"), Some("2022-retro")),
        ("2022-7-8-.md", Some("2022-07-08"), None),
        // Not a date Jekyll's reader takes, so the whole stem is the slug.
        ("2022-07-08.md", None, Some("2022-07-08")),
        ("2022-007-08-hello.md", None, Some("2022-007-08-hello")),
        ("2022-13-01-hello.md", None, Some("2022-13-01-hello")),
        ("2022-02-30-hello.md", None, Some("2022-02-30-hello")),
        ("22-7-8-hello.md", None, Some("22-7-8-hello")),
        ("２０２２-7-8-hello.md", None, Some("２０２２-7-8-hello")),
    ];
    for (name, date, slug) in cases {
        let (d, s) = parse_source_name(name);
        assert_eq!(d.map(|d| d.ymd()).as_deref(), *date, "{name}");
        assert_eq!(s.as_deref(), *slug, "{name}");
    }
}

#[test]
fn a_one_digit_file_name_date_names_the_export() {
    let p = Post::parse("---\ntitle: Hello\n---\nbody\n").unwrap();
    let opts = ExportOptions { source_name: Some("_posts/2022-7-8-hello.md".into()), ..opts(Target::Jekyll) };
    let e = export(&p, &opts, &[]);
    assert_eq!(e.path, "_posts/2022-07-08-hello.md");
    assert!(e.warnings.iter().any(|w| w.code == WarningCode::DateFromFilename), "{:?}", e.warnings);
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

fn named(src: &str, name: &str, target: Target, f: impl FnOnce(&mut ExportOptions)) -> Exported {
    let mut o = opts(target);
    o.source_name = Some(name.into());
    f(&mut o);
    export(&Post::parse(src).unwrap(), &o, &[])
}

const GATSBY: Target = Target::Gatsby(Flavor::StarterBlog);

#[test]
fn existing_slugs_are_kept_byte_for_byte_unless_reslug() {
    // (source, file name, jekyll path, gatsby path)
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "---\ntitle: HTTP 정리\ndate: 2021-08-01\n---\n",
            "_posts/2021-08-01-HTTP.md",
            "_posts/2021-08-01-HTTP.md",
            "content/blog/HTTP/index.md",
        ),
        (
            "---\ntitle: t\n---\n",
            "_posts/2022-12-31-2022년-회고.md",
            "_posts/2022-12-31-2022년-회고.md",
            "content/blog/2022년-회고/index.md",
        ),
        (
            "---\ntitle: t\ndate: 2023-01-02\nslug: /blog/My-Retro/\n---\n",
            "x.md",
            "_posts/2023-01-02-My-Retro.md",
            "content/blog/My-Retro/index.md",
        ),
        (
            "---\ntitle: t\ndate: 2023-01-02\n---\n",
            "content/blog/Hello-회고/index.md",
            "_posts/2023-01-02-Hello-회고.md",
            "content/blog/Hello-회고/index.md",
        ),
        (
            "---\ntitle: 2023년 회고\ndate: 2023-01-02\n---\n",
            "",
            "_posts/2023-01-02-2023nyeon-hoego.md",
            "content/blog/2023nyeon-hoego/index.md",
        ),
    ];
    for (src, name, jekyll, gatsby) in cases {
        assert_eq!(named(src, name, Target::Jekyll, |_| ()).path, *jekyll, "{name}");
        assert_eq!(named(src, name, GATSBY, |_| ()).path, *gatsby, "{name}");
    }
    let re = named(cases[0].0, cases[0].1, Target::Jekyll, |o| o.reslug = true);
    assert_eq!(re.path, "_posts/2021-08-01-http.md");
    let re = named(cases[1].0, cases[1].1, GATSBY, |o| o.reslug = true);
    assert_eq!(re.path, "content/blog/2022nyeon-hoego/index.md");
    let keep = named(cases[4].0, "", GATSBY, |o| o.slug_style = SlugStyle::Keep);
    assert_eq!(keep.path, "content/blog/2023년-회고/index.md");
    // Not a Gatsby page path as written (`%` fails its build, `#` and spaces break
    // links): remade, and said; Jekyll keeps the file's name (it makes its own URL).
    for (name, gatsby) in
        [("a b#c%d.md", "content/blog/a-b-c-d/index.md"), ("2023 회고 #2.md", "content/blog/2023-hoego-2/index.md")]
    {
        let e = named("---\ntitle: t\ndate: 2023-01-02\n---\n", name, GATSBY, |_| ());
        assert_eq!(e.path, gatsby, "{name}");
        assert!(e.warnings.iter().any(|w| w.code == WarningCode::SlugUnsafe), "{name}: {:?}", e.warnings);
        let j = named("---\ntitle: t\ndate: 2023-01-02\n---\n", name, Target::Jekyll, |_| ());
        assert_eq!(j.path, format!("_posts/2023-01-02-{}", name), "{name}");
    }
    // Lumen builds the page's URL from the key: rewritten to the file's slug too.
    let lumen = Target::Gatsby(Flavor::Lumen);
    let e = named("---\ntitle: t\ndate: 2023-01-02\nslug: /posts/a b#c/\n---\n", "x.md", lumen, |_| ());
    assert_eq!(e.path, "content/blog/a-b-c/index.md");
    assert!(e.text.contains("\nslug: /posts/a-b-c/\n"), "{}", e.text);
    // A folder that is no page path either: the file's slug alone; a bad folder alone is rewritten too.
    for (key, want) in [("/posts/100%/a b/", "a-b"), ("/posts/a b/c/", "c"), ("/posts/a b//", "/posts/a-b/")] {
        let e = named(&format!("---\ntitle: t\ndate: 2023-01-02\nslug: {key}\n---\n"), "x.md", lumen, |_| ());
        assert!(e.text.contains(&format!("\nslug: {want}\n")), "{key}: {}", e.text);
    }
    let j = named("---\ntitle: t\ndate: 2023-01-02\nslug: /posts/a b#c/\n---\n", "x.md", Target::Jekyll, |_| ());
    assert!(j.text.contains("\nslug: /posts/a b#c/\n"), "{}", j.text);
}

#[test]
fn unsafe_long_and_reserved_slugs() {
    let long_title = format!("---\ntitle: {}\ndate: 2023-01-02\n---\n", "회".repeat(100));
    let e = named(&long_title, "", GATSBY, |o| o.slug_style = SlugStyle::Keep);
    let slug = e.path.trim_start_matches("content/blog/").trim_end_matches("/index.md");
    assert!(slug.len() <= crate::slug::MAX_SLUG_BYTES && slug.chars().all(|c| c == '회'), "{}", e.path);
    assert!(e.warnings.iter().any(|w| w.code == WarningCode::SlugShortened));
    let con = named("---\ntitle: t\ndate: 2023-01-02\n---\n", "_posts/2023-01-02-CON.md", GATSBY, |_| ());
    assert_eq!(con.path, "content/blog/CON-post/index.md");
    assert!(con.warnings.iter().any(|w| w.code == WarningCode::SlugReserved));
    let bad = named("---\ntitle: t\ndate: 2023-01-02\nslug: \"..\\\\..\\\\evil:x\"\n---\n", "x.md", GATSBY, |_| ());
    assert!(placement::is_safe_site_path(&bad.path), "{}", bad.path);
    assert!(bad.warnings.iter().any(|w| w.code == WarningCode::SlugUnsafe), "{:?}", bad.warnings);
}

#[test]
fn booleans_follow_the_source_reader_and_are_written_true_false() {
    // (source, target, line that must appear, jekyll draft path?)
    let jekyll_src = "---\ntitle: t\nlayout: post\ndate: 2023-01-02\ndraft: Yes\ncomments: off\n---\n";
    let e = exp(jekyll_src, Target::Jekyll);
    assert_eq!(e.path, "_drafts/t.md");
    assert!(e.text.contains("draft: true\n") && e.text.contains("comments: false\n"), "{}", e.text);
    let g = exp(jekyll_src, GATSBY);
    assert!(g.text.contains("draft: true\n") && g.text.contains("comments: false\n"), "{}", g.text);
    // A Gatsby post's `draft: yes` was the string "yes" to js-yaml: for Jekyll it stays a string.
    let gatsby_src = "---\ntitle: t\ntemplate: post\nemoji: 🙂\ndate: 2023-01-02\ndraft: yes\n---\n";
    let j = exp(gatsby_src, Target::Jekyll);
    assert!(j.text.contains("draft: \"yes\"\n") || j.text.contains("draft: 'yes'\n"), "{}", j.text);
    assert!(j.path.starts_with("_posts/"), "{}", j.path);
    assert!(j.warnings.iter().any(|w| w.code == WarningCode::BoolQuoted));
    // Psych reads `y` and `n` as strings (checked with Jekyll 4.3's Psych 4.0.3): a title
    // `N` and `published: n` are not booleans, and the post is published.
    let yn = "---\ntitle: N\nsubtitle: y\nlayout: post\ndate: 2023-01-02\npublished: n\n---\n";
    for target in [Target::Jekyll, GATSBY] {
        let e = exp(yn, target);
        assert!(e.text.contains("\ntitle: N\n") && e.text.contains("\nsubtitle: y\n"), "{}", e.text);
        assert!(!e.text.contains("false") && !e.text.contains("true"), "{}", e.text);
    }
}

#[test]
fn taxonomies_and_fields_are_carried_to_target_names() {
    let hugo = "+++\ntitle = \"Hugo\"\ndate = 2021-02-10T04:00:00+09:00\nlastmod = 2021-03-01T10:00:00+09:00\ntag = [\"a\", \"b\"]\ncategory = [\"c\"]\ndraft = true\n+++\nx\n";
    let post = Post::parse(hugo).unwrap();
    let shown = (post.view().tags.clone(), post.view().categories.clone());
    let g = exp(hugo, GATSBY);
    let back = Post::parse(&g.text).unwrap();
    assert_eq!((back.field("tag"), back.field("category")), (None, None), "{}", g.text);
    assert_eq!((back.view().tags.clone(), back.view().categories.clone()), shown);
    assert_eq!(back.field("tags").map(crate::view::list_items), Some(vec!["a".to_string(), "b".to_string()]));
    assert!(
        g.text.contains("draft: true\n") && g.text.contains("updated: \"2021-03-01T10:00:00+09:00\"\n"),
        "{}",
        g.text
    );
    let j = exp(hugo, Target::Jekyll);
    assert_eq!(j.path, "_drafts/hugo.md");
    assert!(j.text.contains("last_modified_at: 2021-03-01 10:00:00 +0900\n"), "{}", j.text);
    let jb = Post::parse(&j.text).unwrap();
    assert_eq!((jb.view().tags.clone(), jb.view().categories.clone()), shown);
    // Jekyll: `published: false` stays (Jekyll honours it); Gatsby also gets `draft: true`.
    let chirpy =
        "---\ntitle: c\ndate: 2022-02-11 15:00:00 +0900\npublished: false\nimage:\n  src: /img/a.png\n  alt: A\n---\n";
    let g = exp(chirpy, GATSBY);
    assert!(g.text.contains("draft: true\n") && g.text.contains("cover: /img/a.png\n"), "{}", g.text);
    assert!(g.text.contains("image:\n  src: /img/a.png\n  alt: A\n"), "the map stays: {}", g.text);
    let j = exp(chirpy, Target::Jekyll);
    assert!(j.text.contains("published: false\n") && !j.text.contains("draft:"), "{}", j.text);
}

#[test]
fn plan_is_data_and_apply_turns_refused_edits_into_warnings() {
    let post = Post::parse("---\ntitle: t\ndate: 2023-01-02\ntags: a b\ndraft: no\n---\nbody\n").unwrap();
    let date = PostDate::parse("2023-01-02T00:00:00+09:00").unwrap();
    let cx = plan::PlanContext {
        target: GATSBY,
        slug: "t",
        slug_rewrite: None,
        date: &date,
        source: Reader::Psych,
        date_kept: false,
        dated_by_file_name: false,
    };
    let fixes = plan::plan(&post, &cx);
    let keys: Vec<(&str, &plan::FixValue)> = fixes.iter().map(|f| (f.key.as_str(), &f.value)).collect();
    assert_eq!(
        keys,
        [
            ("date", &plan::FixValue::Text("2023-01-02".into())),
            ("tags", &plan::FixValue::List(vec!["a".into(), "b".into()])),
            ("draft", &plan::FixValue::Bool(false)),
        ]
    );
    let mut p = post.clone();
    let mut w = Vec::new();
    let refused = plan::Fix {
        key: "bad\nkey".into(),
        value: plan::FixValue::Text("x".into()),
        quoting: plan::Quoting::AsNeeded,
        code: WarningCode::FieldAdded,
        note: String::new(),
    };
    plan::apply(&mut p, &[refused, fixes[2].clone()], &mut w);
    assert!(w.iter().any(|w| w.code == WarningCode::EditFailed && w.message.contains("bad")), "{w:?}");
    assert!(p.to_text().contains("draft: false\n"), "the other fix still applied: {}", p.to_text());
}

#[test]
fn site_config_resolves_site_variables_for_gatsby_only_when_given() {
    let src = "---\nlayout: post\ntitle: s\ndate: 2020-12-31 09:52 +0900\n---\n![b]({{ site.url }}/assets/b.png)\n{{ site.img_cdn }}/c.png\n";
    let without = exp(src, GATSBY);
    assert!(
        without.text.contains("![b](/assets/b.png)") && without.text.contains("{{ site.img_cdn }}"),
        "{}",
        without.text
    );
    assert!(without.warnings.iter().any(|w| w.code == WarningCode::LiquidLeft));
    let mut o = opts(GATSBY);
    o.site = SiteConfig::parse("url: https://blog.example.dev\nimg_cdn: https://cdn.example\n").unwrap();
    let with = export(&Post::parse(src).unwrap(), &o, &[]);
    assert!(
        with.text.contains("![b](https://blog.example.dev/assets/b.png)\nhttps://cdn.example/c.png"),
        "{}",
        with.text
    );
    assert!(with.warnings.iter().all(|w| w.code != WarningCode::LiquidLeft), "{:?}", with.warnings);
}

#[test]
fn post_url_follows_posts_of_the_same_export() {
    let a = Post::parse(
        "---\ntitle: A\ndate: 2022-02-11\n---\n[b]({% post_url 2022-02-11-b %}) [c]({% post_url 2022-02-12-c %})\n",
    )
    .unwrap();
    let b = Post::parse("---\ntitle: B\ndate: 2022-02-11\n---\n[a]({% post_url 2022-02-11-a %})\n").unwrap();
    let dup = Post::parse("---\ntitle: B2\ndate: 2022-02-11\n---\nx\n").unwrap();
    let posts = [
        BatchPost { post: &dup, source_name: Some("other/_posts/2022-02-11-b.md".into()), available: vec![] },
        BatchPost { post: &a, source_name: Some("_posts/2022-02-11-a.md".into()), available: vec![] },
        BatchPost { post: &b, source_name: Some("_posts/2022-02-11-b.md".into()), available: vec![] },
    ];
    let g = export_batch(&posts, &opts(GATSBY));
    // Names match by file stem: the first `2022-02-11-b` of the export is the one linked.
    assert!(g[1].text.contains("[b](/b/) [c](/c/)"), "{}", g[1].text);
    let outside: Vec<&Warning> = g[1].warnings.iter().filter(|w| w.code == WarningCode::PostUrlOutside).collect();
    assert_eq!(outside.len(), 1);
    assert!(outside[0].message.contains("2022-02-12-c"), "{}", outside[0].message);
    let j = export_batch(&posts[1..], &opts(Target::Jekyll));
    // Jekyll keeps a link to a post outside the export: the site has it, or the build says so.
    assert!(j[0].text.contains("[b]({% post_url 2022-02-11-b %}) [c]({% post_url 2022-02-12-c %})"), "{}", j[0].text);
    assert!(j[1].text.contains("[a]({% post_url 2022-02-11-a %})"), "{}", j[1].text);
}

#[test]
fn trailing_kramdown_lists_are_removed_before_trailing_spaces_too() {
    // The kramdown-jekyll fixture: `![b]({{ site.url }}/b.png){: width="720"}  ` (a hard break after it).
    let (out, n) = liquid::strip_kramdown_ials("![b](/b.png){: width=\"720\"}  \ntext\n");
    assert_eq!((out.as_str(), n), ("![b](/b.png)  \ntext\n", 1));
}

/// `plan::apply` puts runs of sets in as one edit; the result must be what
/// setting them one at a time, in order, gives (the old, quadratic way).
#[test]
fn batched_fixes_equal_one_at_a_time() {
    use super::plan::{apply, Fix, FixValue, Quoting};
    use crate::error::WarningCode;
    let fix = |key: &str, value: FixValue, quoting| Fix {
        key: key.into(),
        value,
        quoting,
        code: WarningCode::FrontMatterChanged,
        note: String::new(),
    };
    let text = |t: &str| FixValue::Text(t.into());
    let sources = [
        "---\ntitle: t\ntag: a\nk: yes\n# note\nlist: [x, y]\n---\nbody\n",
        "---\r\ntitle: \"제목\"\r\ntag: a\r\nk: yes\r\n---\r\n",
        "---\ntitle: t\ntitle: u\nk: on\n---\n",
    ];
    let fixes = vec![
        fix("date", text("2026-11-22 10:00:00 +0900"), Quoting::Verbatim),
        fix("tags", FixValue::List(vec!["a".into(), "회고".into()]), Quoting::AsNeeded),
        fix("tag", FixValue::Unset, Quoting::AsNeeded),
        fix("k", FixValue::Bool(true), Quoting::AsNeeded),
        fix("title", text("a: b # not a comment"), Quoting::AsNeeded),
        fix("k", text("yes"), Quoting::AsNeeded),
        fix("bad", text("x\n---\ny"), Quoting::Verbatim),
        fix("layout", text("post"), Quoting::AsNeeded),
    ];
    for src in sources {
        let mut batched = Post::parse(src).unwrap();
        let mut warnings = Vec::new();
        apply(&mut batched, &fixes, &mut warnings);
        let mut one_by_one = Post::parse(src).unwrap();
        let mut expected = Vec::new();
        for f in &fixes {
            apply(&mut one_by_one, std::slice::from_ref(f), &mut expected);
        }
        assert_eq!(batched.to_text(), one_by_one.to_text(), "{src:?}");
        let codes = |w: &[crate::error::Warning]| w.iter().map(|w| w.code).collect::<Vec<_>>();
        assert_eq!(codes(&warnings), codes(&expected), "{src:?}");
        assert!(codes(&warnings).contains(&WarningCode::EditFailed), "{src:?}: the `---` value is refused");
        assert!(batched.to_text().contains("layout: post"), "{src:?}: a refused fix stops nothing after it");
    }
}

/// A clickable thumbnail and a "full size" link follow their image to where it
/// is exported (they pointed at a file the export does not write, silently);
/// a link to anything else is left as written. Both targets.
#[test]
fn links_to_an_exported_image_follow_it() {
    let src = "---\ntitle: t\ndate: 2023-01-01\n---\n[![a](./a.png)](./a.png) [원본](<./a.png>) [글](./b.md)\n";
    for target in [Target::Jekyll, Target::Gatsby(Flavor::StarterBlog)] {
        let e = export(&Post::parse(src).unwrap(), &opts(target), &["./a.png".to_string()]);
        let body = e.text.rsplit("---\n").next().unwrap();
        // Where the image now points (Jekyll: the assets folder; Gatsby: beside the post).
        let dest = body.split("![a](").nth(1).and_then(|r| r.split(')').next()).unwrap();
        let want = format!("[![a]({dest})]({dest}) [원본](<{dest}>) [글](./b.md)\n");
        assert_eq!(body, want, "{target:?}");
        assert_eq!(e.assets.len(), 1, "{target:?}");
        assert!(
            e.assets[0].site_path.ends_with(dest.trim_start_matches(['.', '/'])),
            "{target:?}: {dest} is {}",
            e.assets[0].site_path
        );
    }
}

/// A Jekyll date without a time that is today where the post is written, but
/// still to come at midnight UTC (a Korean morning), is said to be left out of
/// builds on a server with no `timezone`; no other case is.
#[test]
fn a_date_only_post_of_today_before_midnight_utc_is_warned_about() {
    // (front matter date line, file name, target, now, site timezone, warned)
    let morning = "2026-11-22T08:00:00+09:00";
    let later = "2026-11-22T10:00:00+09:00";
    let cases = [
        ("date: 2026-11-22\n", None, Target::Jekyll, morning, false, true),
        ("date: 2026-11-22\n", None, Target::Jekyll, later, false, false),
        ("date: 2026-11-23\n", None, Target::Jekyll, morning, false, false),
        ("date: 2026-11-22\n", None, Target::Jekyll, morning, true, false),
        ("date: 2026-11-22 07:00:00 +0900\n", None, Target::Jekyll, morning, false, false),
        ("date: 2026-11-22\n", None, Target::Gatsby(Flavor::StarterBlog), morning, false, false),
        ("", Some("2026-11-22-retro.md"), Target::Jekyll, morning, false, true),
        ("", Some("2026-11-21-retro.md"), Target::Jekyll, morning, false, false),
    ];
    for (date, name, target, now, tz, warned) in cases {
        let mut o = opts(target);
        o.now = PostDate::parse(now).unwrap();
        o.source_name = name.map(str::to_string);
        if tz {
            o.site = SiteConfig::parse("timezone: Asia/Seoul\n").unwrap();
        }
        let post = Post::parse(&format!("---\ntitle: t\n{date}---\nbody\n")).unwrap();
        let e = export(&post, &o, &[]);
        let got = e.warnings.iter().any(|w| w.code == WarningCode::DateOnlyLater);
        assert_eq!(got, warned, "{date:?} {name:?} {target:?} {now} tz={tz}: {:?}", e.warnings);
    }
}

/// A Jekyll time with no offset is kept as written once it has passed in UTC
/// (where Psych reads it), where a Jekyll post's site has a `timezone` or our
/// offset would move its day in UTC; else the offset is added, and said when
/// the date falls on another day in UTC. Gatsby, which shows dates in UTC, gets
/// the wall clock without an offset, and is told when a written offset moves it.
#[test]
fn dates_keep_their_day_where_jekyll_urls_and_gatsby_pages_show_it() {
    // (date line, target, now, site timezone, date line written, UTC day warned)
    let later = "2026-11-22T10:00:00+09:00";
    let morning = "2026-11-22T08:30:00+09:00";
    let j = Target::Jekyll;
    let cases = [
        ("date: 2022-07-28 08:00:00", j, later, false, "date: 2022-07-28 08:00:00", false),
        ("date: '2022-07-28 08:00'", j, later, false, "date: '2022-07-28 08:00'", false),
        ("date: 2022-07-28 10:00:00", j, later, false, "date: 2022-07-28 10:00:00 +0900", false),
        ("date: 2022-07-28 10:00:00", j, later, true, "date: 2022-07-28 10:00:00", false),
        ("date: 2022-07-28 08:00:00 +0900", j, later, false, "date: 2022-07-28 08:00:00 +0900", true),
        ("date: 2022-07-28 08:00:00 +0900", j, later, true, "date: 2022-07-28 08:00:00 +0900", false),
        ("date: 2022-07-28 # 작성일", j, later, false, "date: 2022-07-28 # 작성일", false),
        ("date: 2026-11-22 08:00:00", j, morning, false, "date: 2026-11-22 08:00:00 +0900", true),
        ("date: 2026-11-22 08:00:00", j, morning, true, "date: 2026-11-22 08:00:00 +0900", false),
        ("date: 2026-11-22 09:30:00", j, later, true, "date: 2026-11-22 09:30:00 +0900", false),
        ("date: 2022-07-28 08:00:00", GATSBY, later, false, "date: \"2022-07-28T08:00:00\"", false),
        ("date: 2022-07-28", GATSBY, later, false, "date: \"2022-07-28\"", false),
        ("date: 2022-06-29T06:00:00+09:00", GATSBY, later, false, "date: \"2022-06-29T06:00:00+09:00\"", true),
        ("date: 2022-06-29T10:00:00+09:00", GATSBY, later, false, "date: \"2022-06-29T10:00:00+09:00\"", false),
    ];
    for (line, target, now, tz, written, warned) in cases {
        let mut o = opts(target);
        o.now = PostDate::parse(now).unwrap();
        if tz {
            o.site = SiteConfig::parse("timezone: Asia/Seoul\n").unwrap();
        }
        // A Jekyll post (its `layout`): a site zone keeps the URL only of a post that was on one.
        let e = export(&Post::parse(&format!("---\nlayout: post\ntitle: t\n{line}\n---\nbody\n")).unwrap(), &o, &[]);
        let case = format!("{line} {target:?} {now} tz={tz}: {:?}", e.warnings);
        assert!(e.text.lines().any(|l| l == written), "{case}\n{}", e.text);
        assert_eq!(e.warnings.iter().any(|w| w.code == WarningCode::DateUtcDay), warned, "{case}");
        let offset_said = e.warnings.iter().any(|w| w.code == WarningCode::DateOffsetAdded);
        assert_eq!(offset_said, written.ends_with("+0900") && !line.ends_with("+0900"), "{case}");
    }
    // From elsewhere (no Jekyll signs) into a site with a zone: it gets the offset, the day it was written for.
    let mut o = opts(j);
    o.site = SiteConfig::parse("timezone: Asia/Seoul\n").unwrap();
    let e = export(&Post::parse("---\ntitle: t\ndate: 2022-06-29 20:00:00\n---\nbody\n").unwrap(), &o, &[]);
    assert!(e.text.contains("date: 2022-06-29 20:00:00 +0900"), "{}", e.text);
    // `timezone: UTC` is no zone of the writer's: the URL day is warned about as with none.
    o.site = SiteConfig::parse("timezone: UTC\n").unwrap();
    let e = export(&Post::parse("---\ntitle: t\ndate: 2022-07-28 08:00:00 +0900\n---\nb\n").unwrap(), &o, &[]);
    assert!(e.warnings.iter().any(|w| w.code == WarningCode::DateUtcDay), "{:?}", e.warnings);
    // Now at midnight is now, not a file name's date: written with its time and offset.
    let mut o = opts(j);
    o.now = PostDate::parse("2026-11-22T00:00:00+09:00").unwrap();
    let e = export(&Post::parse("---\ntitle: t\n---\nbody\n").unwrap(), &o, &[]);
    assert!(e.text.contains("date: 2026-11-22 00:00:00 +0900"), "{}", e.text);
    // A date Jekyll cannot read, in a dated file: the file name's date, as a date only
    // (`00:00:00 +0900` would date the URL the day before on a UTC build).
    let mut o = opts(j);
    o.source_name = Some("_posts/2022-07-28-x.md".into());
    let e = export(&Post::parse("---\ntitle: t\ndate: 2022-13-45\n---\nbody\n").unwrap(), &o, &[]);
    assert!(e.text.lines().any(|l| l == "date: 2022-07-28") && e.path == "_posts/2022-07-28-x.md", "{}", e.text);
    // No date at all, exported at 08:30 KST: now, whose URL day is yesterday's in UTC.
    o.source_name = None;
    o.now = PostDate::parse(morning).unwrap();
    let e = export(&Post::parse("---\ntitle: t\n---\nbody\n").unwrap(), &o, &[]);
    assert!(e.text.contains("date: 2026-11-22 08:30:00 +0900"), "{}", e.text);
    assert!(e.warnings.iter().any(|w| w.code == WarningCode::DateUtcDay), "{:?}", e.warnings);
}

/// A comment after a tab ends a value as one after a space does: `draft: yes\t# x`
/// is Psych's `true`, written so for Gatsby (it was left the string "yes").
#[test]
fn a_comment_after_a_tab_ends_the_value() {
    let e = exp("---\ntitle: t\ndate: 2023-01-02\ndraft: yes\t# later\n---\nbody\n", Target::Gatsby(Flavor::Lumen));
    assert!(e.text.lines().any(|l| l.starts_with("draft: true")), "{}", e.text);
}

/// A draft exported for gatsby-starter-blog, which publishes every post, is
/// said to be one; Lumen (which leaves drafts out) and Jekyll (`_drafts/`) are not.
#[test]
fn a_draft_for_a_starter_that_publishes_everything_is_warned_about() {
    // (draft line, target, warned)
    let cases = [
        ("draft: true", GATSBY, true),
        ("draft: false", GATSBY, false),
        ("", GATSBY, false),
        ("draft: true", Target::Gatsby(Flavor::Lumen), false),
        ("draft: true", Target::Jekyll, false),
    ];
    for (line, target, warned) in cases {
        let e = exp(&format!("---\ntitle: t\ndate: 2023-01-02\n{line}\n---\nbody\n"), target);
        let got = e.warnings.iter().any(|w| w.code == WarningCode::DraftPublished);
        assert_eq!(got, warned, "{line} {target:?}: {:?}", e.warnings);
    }
}

/// A `slug:` key that walks out of its folder is written as the slug the file
/// is named after, for every target (Jekyll builds the URL from the key, Lumen
/// the page path); a slug that is a path inside the site (Lumen's `/posts/x`)
/// is kept as written.
#[test]
fn a_slug_key_out_of_its_folder_is_rewritten_and_a_path_slug_kept() {
    // (slug line, slug line written)
    let cases = [
        ("slug: ../../etc", "slug: etc"),
        ("slug: \"/posts/../../x\"", "slug: \"x\""),
        ("slug: ./here", "slug: here"),
        ("slug: \"/posts/%2e%2E/x\"", "slug: \"x\""),
        ("slug: \"/posts/2023-review\"", "slug: \"/posts/2023-review\""),
        ("slug: my-post", "slug: my-post"),
    ];
    for target in [Target::Jekyll, GATSBY, Target::Gatsby(Flavor::Lumen)] {
        for (line, want) in cases {
            let e = exp(&format!("---\ntitle: t\ndate: 2023-01-02\n{line}\n---\nbody\n"), target);
            assert!(e.text.lines().any(|l| l == want), "{target:?} {line}: {}", e.text);
            let said =
                e.warnings.iter().any(|w| w.code == WarningCode::SlugUnsafe && w.message.starts_with("`slug` set"));
            assert_eq!(said, line != want, "{target:?} {line}: {:?}", e.warnings);
        }
    }
}

/// A time ending in `KST` is read by Ruby as the build's local time: where a
/// time without an offset would be kept (its UTC day moves, as 06:00 KST does),
/// it is kept as written, under any export offset, with the written day in the
/// file name and no warning about a `+0900` that is not written; where it would
/// not (10:00 KST is the same day in UTC), it gets the offset Ruby cannot read.
#[test]
fn a_kst_time_is_kept_where_its_url_would_move() {
    let src = "---\ntitle: Hello\ndate: 2022-06-29 06:00:00 KST # 서울\n---\nbody\n";
    for offset in [Offset::UTC, Offset::KST, Offset(-300)] {
        let o = ExportOptions { offset, ..opts(Target::Jekyll) };
        let e = export(&Post::parse(src).unwrap(), &o, &[]);
        assert_eq!(e.path, "_posts/2022-06-29-hello.md", "{offset:?}");
        assert!(e.text.contains("date: 2022-06-29 06:00:00 KST # 서울\n"), "{offset:?}: {}", e.text);
        let codes: Vec<WarningCode> = e.warnings.iter().map(|w| w.code).collect();
        assert!(
            !codes.contains(&WarningCode::DateUtcDay) && !codes.contains(&WarningCode::DateOffsetAdded),
            "{offset:?}: {codes:?}"
        );
    }
    let later = exp("---\ntitle: Hello\ndate: 2022-06-29 10:00:00 KST\n---\nbody\n", Target::Jekyll);
    assert_eq!(later.path, "_posts/2022-06-29-hello.md");
    assert!(later.text.contains("date: 2022-06-29 10:00:00 +0900\n"), "{}", later.text);
}

/// A post without front matter that starts with its `# title`: the heading
/// becomes `title` and leaves the body (a theme prints the title above it);
/// one that does not start with it keeps its heading where it is.
#[test]
fn a_leading_heading_becomes_the_title_and_leaves_the_body() {
    // (source, body after the front matter, heading moved)
    let cases: &[(&str, &str, bool)] = &[
        ("# 올해 회고\n\n본문\n", "본문\n", true),
        ("\n\n# 올해 회고 #\n\n\n    code\n", "    code\n", true),
        ("# 올해 회고\r\n\r\n본문\r\n", "본문\r\n", true),
        ("# 올해 회고", "", true),
        ("머리말\n\n# 올해 회고\n\n본문\n", "머리말\n\n# 올해 회고\n\n본문\n", false),
        ("    # 코드\n# 올해 회고\n", "    # 코드\n# 올해 회고\n", false),
    ];
    // A `#` that is the title's own (no space before it) stays in it.
    let e = exp("# C#\n\nbody\n", Target::Jekyll);
    let p = Post::parse(&e.text).unwrap();
    assert_eq!((p.view().title.as_deref(), p.body()), (Some("C#"), "body\n"), "{}", e.text);
    // A `# comment` in a `{% highlight %}` block is code, not the post's title.
    let p = Post::parse("{% highlight sh %}\n# comment\n{% endhighlight %}\n").unwrap();
    assert_eq!(p.view().title, None);
    for (src, body, moved) in cases {
        for target in [Target::Jekyll, GATSBY] {
            let e = exp(src, target);
            let p = Post::parse(&e.text).unwrap();
            assert_eq!(p.view().title.as_deref(), Some("올해 회고"), "{src:?}");
            assert_eq!(p.body(), *body, "{src:?} → {}", e.text);
            let said = e.warnings.iter().any(|w| w.code == WarningCode::TitleFromHeading);
            assert_eq!(said, *moved, "{src:?}: {:?}", e.warnings);
        }
    }
}

/// A file named with `#`, `?` or `%` (linked `a%23b.png` on the old site, as it
/// must be) is found, and exported under a name a link can carry as it is.
#[test]
fn an_image_named_with_url_characters_is_exported_under_a_linkable_name() {
    let src = "---\ntitle: x\ncover: 'c%25d.png'\n---\n![a](a%23b.png) ![e](<e%3Ff.png>) ![a again](./a%23b.png)\n";
    let p = Post::parse(src).unwrap();
    let refs: Vec<String> = image_refs(&p).into_iter().map(|r| r.reference).collect();
    let paths: Vec<String> = image_refs(&p).into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["c%d.png", "a#b.png", "e?f.png", "./a#b.png"]);
    let j = export(&p, &opts(Target::Jekyll), &refs);
    assert!(j.text.contains("cover: '/assets/images/x/c-d.png'"), "{}", j.text);
    assert!(
        j.text.contains(
            "![a](/assets/images/x/a-b.png) ![e](</assets/images/x/e-f.png>) ![a again](/assets/images/x/a-b.png)"
        ),
        "{}",
        j.text
    );
    let placed: Vec<&str> = j.assets.iter().map(|a| a.site_path.as_str()).collect();
    assert_eq!(placed, ["assets/images/x/c-d.png", "assets/images/x/a-b.png", "assets/images/x/e-f.png"]);
    let g = export(&p, &opts(GATSBY), &refs);
    assert!(g.text.contains("![a](./a-b.png)"), "{}", g.text);
    assert!(!g.warnings.iter().any(|w| w.code == WarningCode::ImageRelative), "{:?}", g.warnings);
}

/// On a site served under a path (`baseurl: /blog`, a GitHub Pages project
/// site), `/assets/…` is not the site's: body links to exported images start
/// with `{{site.baseurl}}` (the site's `baseurl` itself where the body's Liquid
/// is not meant as Liquid); `cover` stays site-relative, as themes prefix it.
#[test]
fn image_links_follow_the_sites_baseurl() {
    let site = |yaml: &str| crate::export::SiteConfig::parse(yaml).unwrap();
    let with = |src: &str, cfg: &str| {
        let p = Post::parse(src).unwrap();
        let refs: Vec<String> = image_refs(&p).into_iter().map(|r| r.reference).collect();
        export(&p, &ExportOptions { site: site(cfg), ..opts(Target::Jekyll) }, &refs)
    };
    let jekyll =
        "---\ntitle: x\nlayout: post\ncover: ./a.png\n---\n![a](./a.png) {{ site.title }}\n<img src=\"./b.png\">\n";
    let e = with(jekyll, "baseurl: /blog\n");
    assert!(e.text.contains("cover: /assets/images/x/a.png\n"), "{}", e.text);
    assert!(e.text.contains("![a]({{site.baseurl}}/assets/images/x/a.png) {{ site.title }}"), "{}", e.text);
    assert!(e.text.contains("<img src=\"{{site.baseurl}}/assets/images/x/b.png\">"), "{}", e.text);
    // A Gatsby post's `{{ }}` is text: the body is wrapped in `{% raw %}`, so the path is written out.
    let gatsby = "---\ntitle: x\ntemplate: post\n---\n![a](./a.png)\n\n```js\nconst t = `{{ b }}`;\n```\n";
    let e = with(gatsby, "baseurl: \"/blog/\"\n");
    assert!(e.text.contains("{% raw %}") && e.text.contains("![a](/blog/assets/images/x/a.png)"), "{}", e.text);
    // Written without its `/`, Liquid would give `blog/assets/…`, read from the post's URL.
    let e = with(jekyll, "baseurl: blog\n");
    assert!(e.text.contains("![a](/blog/assets/images/x/a.png)"), "{}", e.text);
    // At the site's root, or with no `_config.yml`, links are as they were.
    for cfg in ["baseurl: ''\n", "baseurl: /\n", "title: t\n"] {
        let e = with(jekyll, cfg);
        assert!(e.text.contains("![a](/assets/images/x/a.png)"), "{cfg}: {}", e.text);
    }
}

/// An image link in a `{% highlight %}` block is code, as Jekyll prints it:
/// not an image to bundle, and not rewritten (a fenced block's never was).
#[test]
fn an_image_in_a_highlight_block_is_code() {
    let src = "---\ntitle: x\n---\n![real](./a.png)\n\n{% highlight md %}\n![example](./a.png)\n{% endhighlight %}\n";
    let p = Post::parse(src).unwrap();
    let refs: Vec<String> = image_refs(&p).into_iter().map(|r| r.reference).collect();
    let e = export(&p, &opts(Target::Jekyll), &refs);
    assert!(
        e.text.contains("![real](/assets/images/x/a.png)") && e.text.contains("\n![example](./a.png)\n"),
        "{}",
        e.text
    );
}
