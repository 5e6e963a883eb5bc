//! The `hoego` CLI contract: output shapes and exit codes scripts depend on.

use std::path::PathBuf;
use std::process::{Command, Output};

fn hoego(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hoego")).args(args).output().expect("run hoego")
}

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/posts");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    assert!(v.len() >= 3);
    v
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hoego-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn show_prints_one_line_of_json_with_the_contract_fields() {
    for f in fixtures() {
        let out = hoego(&["show", f.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let s = String::from_utf8(out.stdout).unwrap();
        assert_eq!(s.lines().count(), 1);
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        for k in [
            "dialect",
            "front_matter",
            "title",
            "date",
            "tags",
            "categories",
            "draft",
            "slug",
            "fields",
            "stats",
            "headings",
            "warnings",
        ] {
            assert!(v.get(k).is_some(), "{k} missing");
        }
        for k in ["chars", "chars_no_spaces", "words", "reading_minutes", "tasks_done", "tasks_total"] {
            assert!(v["stats"][k].is_u64(), "stats.{k}");
        }
    }
    let z = fixtures().into_iter().find(|p| p.to_string_lossy().contains("zoomkoding")).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&hoego(&["show", z.to_str().unwrap()]).stdout).unwrap();
    assert_eq!(v["date"], "2022-06-29T06:00:00");
    assert_eq!(v["dialect"], "gatsby");
    assert_eq!(v["tags"], serde_json::json!(["python"]));
    assert_eq!(v["fields"]["emoji"], "🐍");
}

#[test]
fn set_without_edits_is_byte_identical_and_edits_are_minimal() {
    for f in fixtures() {
        let out = hoego(&["set", f.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(out.stdout, std::fs::read(&f).unwrap());
    }
    let p = tmp("a.md", b"---\ntitle: 'x'  # c\ntags: [a]\nz: 1\n---\nbody\n");
    let out = hoego(&[
        "set",
        p.to_str().unwrap(),
        "title=새 글: 2",
        "tags=b, c",
        "draft=true",
        "date=2024-01-02T03:04:05+09:00",
        "--unset",
        "z",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "---\ntitle: '새 글: 2'  # c\ntags: [b, c]\ndraft: true\ndate: 2024-01-02T03:04:05+09:00\n---\nbody\n"
    );
}

#[test]
fn exit_codes() {
    let bad_yaml = tmp("bad.md", b"---\ntitle: ok\ntags: [a\n---\nx\n");
    let out = hoego(&["show", bad_yaml.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with(&format!("{}:3:", bad_yaml.display())), "{err}");
    let unclosed = tmp("unclosed.md", b"---\ntitle: x\n");
    let out = hoego(&["show", unclosed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains(":1:1: front matter opened"));
    let bin = tmp("bin.md", b"\x89PNG\r\n\x1a\n\0\0\0");
    assert_eq!(hoego(&["show", bin.to_str().unwrap()]).status.code(), Some(1));
    assert_eq!(hoego(&[]).status.code(), Some(2));
    assert_eq!(hoego(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(hoego(&["set", bad_yaml.to_str().unwrap(), "novalue"]).status.code(), Some(1));
    assert_eq!(hoego(&["export", "--to", "wordpress", "x.md"]).status.code(), Some(2));
    assert_eq!(hoego(&["set", unclosed.to_str().unwrap(), "date=tomorrow"]).status.code(), Some(1));
    // Every command's --help is the usage, on stdout, exit 0.
    for cmd in ["show", "set", "new", "render", "export"] {
        for flag in ["--help", "-h"] {
            let out = hoego(&[cmd, flag]);
            assert_eq!(out.status.code(), Some(0), "{cmd} {flag}");
            assert!(String::from_utf8(out.stdout).unwrap().starts_with("usage:"), "{cmd} {flag}");
        }
    }
}

#[test]
fn euc_kr_is_decoded_after_saying_so() {
    let (bytes, _, _) = encoding_rs::EUC_KR.encode("---\ntitle: 옛날 글\n---\n본문\n");
    let p = tmp("old.md", &bytes);
    let out = hoego(&["show", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stderr).unwrap().contains("EUC-KR"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "옛날 글");
}

#[test]
fn new_and_render() {
    let out = hoego(&[
        "new",
        "--template",
        "kpt",
        "--title",
        "3분기 KPT",
        "--now",
        "2026-09-30T21:00:00+09:00",
        "--lang",
        "ko",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("---\ntitle: \"3분기 KPT\"\ndate: 2026-09-30T21:00:00+09:00\n"), "{s}");
    assert!(s.contains("## Keep"));
    assert_eq!(hoego(&["new", "--template", "nope", "--title", "x"]).status.code(), Some(2));
    let p = tmp("r.md", b"---\ntitle: x\n---\n# Hi\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n");
    let out = hoego(&["render", p.to_str().unwrap()]);
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("<h1 id=\"user-content-hi\">Hi</h1>"));
    assert!(!html.contains("<script") && !html.contains("onerror"), "{html}");
}

#[test]
fn export_writes_paths_in_argument_order_and_zip() {
    let files: Vec<String> = fixtures().iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let out_dir = std::env::temp_dir().join(format!("hoego-cli-export-{}", std::process::id()));
    let mut args =
        vec!["export", "--to", "gatsby", "--now", "2026-11-22T10:00:00+09:00", "--out", out_dir.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    let out = hoego(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let paths: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect();
    assert_eq!(paths.len(), files.len());
    for p in &paths {
        assert!(p.starts_with("content/blog/") && p.ends_with("/index.md"), "{p}");
        assert!(out_dir.join(p).is_file());
    }
    assert!(String::from_utf8(out.stderr).unwrap().contains(": warning: "));
    // Zip with a co-located image.
    let post = tmp(
        "2023-12-30-zip-test.md",
        b"---\ntitle: z\ndate: 2023-12-30T13:00:00+09:00\ncover: ./c.png\n---\n![a](./c.png)\n",
    );
    std::fs::write(post.with_file_name("c.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let zip = post.with_file_name("out.zip");
    let out = hoego(&["export", "--to", "jekyll", "--zip", zip.to_str().unwrap(), post.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "_posts/2023-12-30-zip-test.md\n");
    let bytes = std::fs::read(&zip).unwrap();
    let names = String::from_utf8_lossy(&bytes);
    assert!(names.contains("_posts/2023-12-30-zip-test.md") && names.contains("assets/images/zip-test/c.png"));
}

#[test]
fn show_reports_the_goal_scoreboard() {
    let z = fixtures().into_iter().find(|p| p.to_string_lossy().contains("zoomkoding")).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&hoego(&["show", z.to_str().unwrap()]).stdout).unwrap();
    let g = &v["goals"];
    assert_eq!((g["achieved"].as_u64(), g["partial"].as_u64(), g["total"].as_u64()), (Some(2), Some(1), Some(6)));
    assert_eq!(g["rate"], 0.389);
    assert_eq!(g["sections"][0]["kind"], "review");
    assert_eq!(g["sections"][0]["goals"][1]["fraction"], serde_json::json!({"done": 1, "of": 3}));
    assert_eq!(g["sections"][0]["goals"][0]["line"], 130, "lines of the file, not of the body");
    assert_eq!(g["sections"][1]["kind"], "next");
    assert_eq!(g["sections"][1]["total"], 7);

    let p = tmp(
        "goals.md",
        "---\ntitle: t\ndate: 2026-12-31\n---\n## 목표 점검\n\n- [x] a\n- [x] b\n- [ ] c 1/3\n\n## 내년 목표\n\n- [ ] d\n".as_bytes(),
    );
    let v: serde_json::Value = serde_json::from_slice(&hoego(&["show", p.to_str().unwrap()]).stdout).unwrap();
    assert_eq!(v["goals"]["rate"], 0.778);
    assert_eq!(v["goals"]["partial"], 1);
    assert_eq!(v["goals"]["sections"].as_array().map(Vec::len), Some(2));
    // Nothing else moved: the stats still count every task box.
    assert_eq!((v["stats"]["tasks_done"].as_u64(), v["stats"]["tasks_total"].as_u64()), (Some(2), Some(4)));
    let empty = tmp("no-goals.md", b"---\ntitle: t\n---\nbody\n");
    let v: serde_json::Value = serde_json::from_slice(&hoego(&["show", empty.to_str().unwrap()]).stdout).unwrap();
    assert_eq!(v["goals"], serde_json::json!({"achieved": 0, "partial": 0, "total": 0, "rate": null, "sections": []}));
}

#[test]
fn new_from_a_post_starts_the_next_period() {
    let out = hoego(&["new", "--template", "yearly", "--title", "2026년 회고", "--now", "2026-12-31T21:00:00+09:00"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text
        .replacen("- [ ] 목표 1", "- [x] 목표 1", 1)
        .replacen("- [ ] 목표 2", "- [x] 목표 2", 1)
        .replacen("- [ ] 목표 3", "- [ ] 목표 3 (1/3)", 1)
        .replacen("## 내년 목표\n\n- [ ] \n", "## 내년 목표\n\n- [ ] 책 12권 읽기\n", 1);
    let src = tmp("2026-review.md", text.as_bytes());
    let now = "2027-01-02T10:00:00+09:00";
    let out = hoego(&["new", "--from", src.to_str().unwrap(), "--now", now]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let next = String::from_utf8(out.stdout).unwrap();
    assert!(next.contains("title: \"2027년 회고\"\ndate: 2027-01-02T10:00:00+09:00\n"), "{next}");
    // The file name supplies the slug (as `hoego export` reads it), the post its date.
    assert!(
        next.contains("지난 회고: [2026년 회고](<{% post_url 2026-12-31-2026-review %}>)\n\n- [ ] 책 12권 읽기\n- [ ] 목표 3 (이월)\n"),
        "{next}"
    );
    let written = tmp("2027-review.md", next.as_bytes());
    let v: serde_json::Value = serde_json::from_slice(&hoego(&["show", written.to_str().unwrap()]).stdout).unwrap();
    assert_eq!((v["goals"]["total"].as_u64(), v["goals"]["achieved"].as_u64()), (Some(2), Some(0)));

    let out = hoego(&[
        "new",
        "--from",
        src.to_str().unwrap(),
        "--now",
        now,
        "--to",
        "gatsby",
        "--period",
        "half",
        "--lang",
        "en",
    ]);
    let next = String::from_utf8(out.stdout).unwrap();
    assert!(next.contains("title: \"2027 H1 Review\""), "{next}");
    assert!(next.contains("Previous retrospective: [2026년 회고](/2026-review/)"), "{next}");
    assert!(next.contains("- [ ] 목표 3 (carried over)\n"), "{next}");

    // A dated file name supplies both.
    let named = tmp("2026-12-31-my-year.md", text.as_bytes());
    let next = String::from_utf8(hoego(&["new", "--from", named.to_str().unwrap(), "--now", now]).stdout).unwrap();
    assert!(next.contains("(<{% post_url 2026-12-31-my-year %}>)"), "{next}");

    assert_eq!(hoego(&["new", "--from", src.to_str().unwrap(), "--period", "decade"]).status.code(), Some(2));
    assert_eq!(hoego(&["new", "--from", "/nonexistent/post.md", "--now", now]).status.code(), Some(1));
    assert_eq!(hoego(&["new", "--from"]).status.code(), Some(2));
}
