//! `hoego export` and `hoego set -i` never lose or leak a file: collisions,
//! inputs and existing files, symlinks, failed writes, traversal, zip names,
//! long slugs, site variables.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOW: &str = "2026-11-22T10:00:00+09:00";
/// The first bytes of a real PNG (signature and an IHDR chunk start).
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

fn hoego(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hoego")).args(args).output().expect("run hoego")
}

fn fresh_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hoego-safety-{}-{name}", std::process::id()));
    fs::remove_dir_all(&d).ok();
    fs::create_dir_all(&d).unwrap();
    d
}

fn blogs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/blogs")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Entry names of a zip, from its central directory.
fn zip_names(bytes: &[u8]) -> Vec<String> {
    let eocd = bytes.len() - 22;
    assert_eq!(&bytes[eocd..eocd + 4], b"PK\x05\x06");
    let count = u16::from_le_bytes([bytes[eocd + 10], bytes[eocd + 11]]) as usize;
    let mut at = u32::from_le_bytes(bytes[eocd + 16..eocd + 20].try_into().unwrap()) as usize;
    let mut names = Vec::new();
    for _ in 0..count {
        assert_eq!(&bytes[at..at + 4], b"PK\x01\x02");
        let n = u16::from_le_bytes([bytes[at + 28], bytes[at + 29]]) as usize;
        let extra = u16::from_le_bytes([bytes[at + 30], bytes[at + 31]]) as usize;
        let comment = u16::from_le_bytes([bytes[at + 32], bytes[at + 33]]) as usize;
        names.push(String::from_utf8(bytes[at + 46..at + 46 + n].to_vec()).unwrap());
        at += 46 + n + extra + comment;
    }
    names
}

#[test]
fn colliding_posts_are_numbered_in_input_order_and_both_sources_named() {
    let a = blogs().join("chirpy-diary/_posts/2022-12-31-2022-retrospect.md");
    let b = blogs().join("poole-hyde/_posts/2022-12-31-2022-retrospect.md");
    let out = fresh_dir("collide");
    let o = hoego(&["export", "--to", "jekyll", "--now", NOW, "--out", s(&out), s(&a), s(&b)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8(o.stdout.clone()).unwrap(),
        "_posts/2022-12-31-2022-retrospect.md\n_posts/2022-12-31-2022-retrospect-2.md\n"
    );
    let err = stderr(&o);
    let line = err.lines().find(|l| l.contains("is also where")).expect("collision warning");
    assert!(line.contains("chirpy-diary/_posts/") && line.contains("poole-hyde/_posts/"), "{line}");
    assert!(fs::read_to_string(out.join("_posts/2022-12-31-2022-retrospect.md")).unwrap().contains("title: 22년 회고"));
    assert!(fs::read_to_string(out.join("_posts/2022-12-31-2022-retrospect-2.md"))
        .unwrap()
        .contains("2022년 회고 / 2023년 계획"));
    // The zip: one entry per name, the second post renamed.
    let zip = out.join("site.zip");
    let o = hoego(&["export", "--to", "gatsby", "--now", NOW, "--zip", s(&zip), s(&a), s(&b)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names = zip_names(&fs::read(&zip).unwrap());
    assert_eq!(names, ["content/blog/2022-retrospect/index.md", "content/blog/2022-retrospect-2/index.md"]);
}

#[test]
fn inputs_and_existing_files_are_never_replaced_without_force() {
    let blog = fresh_dir("self");
    fs::create_dir_all(blog.join("_posts")).unwrap();
    let post = blog.join("_posts/2022-12-31-2022-retrospect.md");
    let original = fs::read(blogs().join("chirpy-diary/_posts/2022-12-31-2022-retrospect.md")).unwrap();
    fs::write(&post, &original).unwrap();
    // Run inside the blog: the Jekyll path of the post is the post itself.
    let o = hoego(&["export", "--to", "jekyll", "--now", NOW, "--out", s(&blog), s(&post)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is one of the input files"), "{}", stderr(&o));
    assert_eq!(fs::read(&post).unwrap(), original, "the post's only copy is intact");
    assert!(o.stdout.is_empty(), "nothing printed for a file not written");
    // An existing file in --out.
    let out = fresh_dir("existing");
    fs::create_dir_all(out.join("content/blog/2022-retrospect")).unwrap();
    let existing = out.join("content/blog/2022-retrospect/index.md");
    fs::write(&existing, "mine").unwrap();
    let o = hoego(&["export", "--to", "gatsby", "--now", NOW, "--out", s(&out), s(&post)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&existing).unwrap(), "mine");
    let o = hoego(&["export", "--to", "gatsby", "--now", NOW, "--force", "--out", s(&out), s(&post)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(fs::read_to_string(&existing).unwrap().contains("22년 회고"));
    // An existing zip is not replaced either.
    let zip = out.join("x.zip");
    fs::write(&zip, "old zip").unwrap();
    let o = hoego(&["export", "--to", "gatsby", "--now", NOW, "--zip", s(&zip), s(&post)]);
    assert_eq!((o.status.code(), fs::read_to_string(&zip).unwrap().as_str()), (Some(1), "old zip"));
}

#[cfg(unix)]
#[test]
fn symlinks_inside_out_are_never_followed() {
    let out = fresh_dir("symlink-out");
    let elsewhere = fresh_dir("symlink-elsewhere");
    std::os::unix::fs::symlink(&elsewhere, out.join("_posts")).unwrap();
    let post = blogs().join("chirpy-diary/_posts/2022-12-31-2022-retrospect.md");
    let o = hoego(&["export", "--to", "jekyll", "--now", NOW, "--force", "--out", s(&out), s(&post)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("symlink"), "{}", stderr(&o));
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0, "nothing written through the link");
}

#[test]
fn a_post_that_cannot_be_written_does_not_stop_the_others() {
    let out = fresh_dir("one-bad");
    // A folder where the first post's file must go: the rename fails for that post only.
    fs::create_dir_all(out.join("content/blog/2022-retrospect/index.md")).unwrap();
    let a = blogs().join("chirpy-diary/_posts/2022-12-31-2022-retrospect.md");
    let b = blogs().join("gatsby-starter-blog/content/blog/2020-retrospective/index.md");
    let missing = out.join("no-such-post.md");
    let o = hoego(&["export", "--to", "gatsby", "--now", NOW, "--force", "--out", s(&out), s(&a), s(&missing), s(&b)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8(o.stdout.clone()).unwrap(), "content/blog/2020-retrospective/index.md\n");
    assert!(out.join("content/blog/2020-retrospective/index.md").is_file());
    let err = stderr(&o);
    assert!(err.contains("exported 1 of 3 posts; 2 failed"), "{err}");
    assert!(err.lines().any(|l| l.contains("2022-retrospect.md: error: cannot write")), "{err}");
}

#[test]
fn references_outside_the_blog_and_non_images_are_never_read() {
    let base = fresh_dir("traversal");
    let blog = base.join("blog");
    fs::create_dir_all(blog.join("_posts")).unwrap();
    fs::write(blog.join("_config.yml"), "title: t\n").unwrap();
    fs::write(base.join("secret"), "TOP SECRET").unwrap();
    fs::write(base.join("secret.png"), PNG).unwrap();
    fs::write(blog.join("_posts/ok.png"), PNG).unwrap();
    fs::write(blog.join("_posts/fake.png"), "not a png at all").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(base.join("secret.png"), blog.join("_posts/link.png")).unwrap();
    let post = blog.join("_posts/2023-01-01-t.md");
    // Backslashes are read as slashes (as a browser reads them): `..\..\` climbs too,
    // so it is contained like `../../` (markdown eats `\.`, so raw HTML and a cover carry it).
    let text = "---\ntitle: t\ncover: ..\\..\\secret.png\n---\n![a](../../../../etc/passwd)\n![b](/../secret)\n![c](../../secret.png)\n![d](./fake.png)\n![e](./link.png)\n![f](./ok.png)\n![g](./2023-01-01-t.md)\n<img src=\"..\\..\\secret.png\"> <img src=\"\\\\localhost\\c$\\secret.png\">\n";
    fs::write(&post, text).unwrap();
    let zip = base.join("out.zip");
    let o = hoego(&["export", "--to", "gatsby", "--now", NOW, "--zip", s(&zip), s(&post)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = fs::read(&zip).unwrap();
    assert_eq!(zip_names(&bytes), ["content/blog/t/index.md", "content/blog/t/ok.png"]);
    let all = String::from_utf8_lossy(&bytes);
    assert!(!all.contains("TOP SECRET") && !all.contains("root:") && !all.contains("not a png"), "nothing leaked");
    let err = stderr(&o);
    for r in [
        "../../../../etc/passwd",
        "/../secret",
        "../../secret.png",
        "./fake.png",
        "./2023-01-01-t.md",
        "..\\..\\secret.png",
    ] {
        assert!(err.lines().any(|l| l.contains(r) && l.contains("not")), "{r}: {err}");
    }
    #[cfg(unix)]
    assert!(err.lines().any(|l| l.contains("./link.png") && l.contains("outside the blog")), "{err}");
}

#[test]
fn a_long_hangul_title_makes_a_file_every_file_system_accepts() {
    let dir = fresh_dir("long");
    let post = dir.join("p.md");
    // A 100-character Hangul slug is 300 bytes: more than any file system takes in a name.
    fs::write(&post, format!("---\ntitle: 긴 글\nslug: {}\ndate: 2023-01-01\n---\n본문\n", "회고".repeat(50))).unwrap();
    let out = dir.join("out");
    let o = hoego(&["export", "--to", "jekyll", "--slug-style", "keep", "--now", NOW, "--out", s(&out), s(&post)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let path = String::from_utf8(o.stdout.clone()).unwrap().trim().to_string();
    let name = path.rsplit('/').next().unwrap();
    assert!(name.len() <= 255 && name.starts_with("2023-01-01-회고회고"), "{name} ({} bytes)", name.len());
    assert!(out.join(&path).is_file());
}

#[test]
fn site_config_resolves_site_variables_for_gatsby() {
    let post = blogs().join("kramdown-jekyll/_posts/2020-12-31-2020-retrospective.md");
    let config = blogs().join("kramdown-jekyll/_config.yml");
    let dir = fresh_dir("site");
    let (with, without) = (dir.join("with"), dir.join("without"));
    let base = ["export", "--to", "gatsby", "--now", NOW];
    let o = hoego(&[&base[..], &["--site-config", s(&config), "--out", s(&with), s(&post)]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = fs::read_to_string(with.join("content/blog/2020-retrospective/index.md")).unwrap();
    assert!(
        text.contains("](https://blog.example.dev/assets/images/2020-12-31-2020-retrospective/banner-image.png)"),
        "{text}"
    );
    let o = hoego(&[&base[..], &["--out", s(&without), s(&post)]].concat());
    assert_eq!(o.status.code(), Some(0));
    let text = fs::read_to_string(without.join("content/blog/2020-retrospective/index.md")).unwrap();
    assert!(text.contains("](/assets/images/2020-12-31-2020-retrospective/banner-image.png)"), "{text}");
}

#[cfg(unix)]
#[test]
fn set_in_place_is_atomic_keeps_the_mode_and_writes_through_a_symlink() {
    use std::os::unix::fs::PermissionsExt;
    let dir = fresh_dir("set-i");
    let real = dir.join("real.md");
    fs::write(&real, "---\ntitle: old\ntags: [a]\n---\nbody\n").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.join("link.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = hoego(&["set", "-i", s(&link), "title=새 제목"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
    assert_eq!(fs::read_to_string(&real).unwrap(), "---\ntitle: 새 제목\ntags: [a]\n---\nbody\n");
    assert_eq!(fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
    let o = hoego(&["set", s(&real), "--in-place", "--unset", "tags"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(fs::read_to_string(&real).unwrap(), "---\ntitle: 새 제목\n---\nbody\n");
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 2, "no temporary file left");
    // A failed edit leaves the file as it was.
    let o = hoego(&["set", "-i", s(&real), "date=tomorrow"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&real).unwrap(), "---\ntitle: 새 제목\n---\nbody\n");
}

#[test]
fn show_and_export_agree_on_hugo_singular_taxonomies() {
    let post = blogs().join("hugo-html/content/blog/listen-to-resourcewarning.md");
    let shown: serde_json::Value = serde_json::from_slice(&hoego(&["show", s(&post)]).stdout).unwrap();
    assert_eq!(shown["tags"], serde_json::json!(["python3"]));
    assert_eq!(shown["categories"], serde_json::json!(["Asyncio", "Debugging", "Programming", "Python"]));
    let out = fresh_dir("hugo");
    let o = hoego(&["export", "--to", "gatsby", "--now", NOW, "--out", s(&out), s(&post)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let exported = out.join(String::from_utf8(o.stdout.clone()).unwrap().trim());
    let back: serde_json::Value = serde_json::from_slice(&hoego(&["show", s(&exported)]).stdout).unwrap();
    assert_eq!((&back["tags"], &back["categories"]), (&shown["tags"], &shown["categories"]));
    assert!(back["fields"].get("tag").is_none() && back["fields"]["tags"].is_array(), "{}", back["fields"]);
}

/// A blog with one post referencing two images; returns the post.
fn blog_with_images(dir: &Path) -> PathBuf {
    fs::create_dir_all(dir.join("_posts")).unwrap();
    fs::write(dir.join("_config.yml"), "title: t\n").unwrap();
    fs::write(dir.join("_posts/a.png"), PNG).unwrap();
    fs::write(dir.join("_posts/b.png"), PNG).unwrap();
    let post = dir.join("_posts/2023-01-01-t.md");
    fs::write(&post, "---\ntitle: t\ndate: 2023-01-01\n---\n![a](./a.png)\n![b](./b.png)\n").unwrap();
    post
}

/// File names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    v.sort();
    v
}

#[test]
fn a_refused_post_writes_none_of_its_files_and_its_rerun_succeeds() {
    let base = fresh_dir("all-or-none");
    let post = blog_with_images(&base.join("blog"));
    let out = base.join("out");
    let dir = out.join("content/blog/t");
    let run = || hoego(&["export", "--to", "gatsby", "--now", NOW, "--out", s(&out), s(&post)]);
    // The post's own file exists: its images are not written beside it.
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("index.md"), "mine").unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("index.md already exists"), "{}", stderr(&o));
    assert_eq!(names(&dir), ["index.md"], "no image written for a refused post");
    assert_eq!(fs::read_to_string(dir.join("index.md")).unwrap(), "mine");
    // The second image exists: the first is not written either, so removing
    // the blocking file is all a re-run needs.
    fs::remove_file(dir.join("index.md")).unwrap();
    fs::write(dir.join("b.png"), "mine").unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("b.png already exists"), "{}", stderr(&o));
    assert_eq!(names(&dir), ["b.png"]);
    fs::remove_file(dir.join("b.png")).unwrap();
    let o = run();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(names(&dir), ["a.png", "b.png", "index.md"]);
    // Jekyll: the post has a folder of its own, not even created for a post refused for an image.
    let jekyll = base.join("jekyll");
    fs::create_dir_all(jekyll.join("assets/images/t")).unwrap();
    fs::write(jekyll.join("assets/images/t/b.png"), "mine").unwrap();
    let o = hoego(&["export", "--to", "jekyll", "--now", NOW, "--out", s(&jekyll), s(&post)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(names(&jekyll), ["assets"], "no _posts/ folder for a refused post");
    assert_eq!(names(&jekyll.join("assets/images/t")), ["b.png"]);
}

#[test]
fn a_post_whose_write_fails_midway_leaves_none_of_its_new_files() {
    let base = fresh_dir("undo");
    let post = blog_with_images(&base.join("blog"));
    let out = base.join("out");
    let dir = out.join("content/blog/t");
    // A folder where the post's file goes: with --force the check passes, the
    // images are written, then the post's rename fails.
    fs::create_dir_all(dir.join("index.md")).unwrap();
    let o = hoego(&["export", "--to", "gatsby", "--now", NOW, "--force", "--out", s(&out), s(&post)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert_eq!(names(&dir), ["index.md"], "the images written for it are removed");
}

/// A pipe whose reader (`true`) has already exited: writing to it fails
/// with EPIPE, as a stdout piped into `head -0` does.
#[cfg(unix)]
fn closed_pipe() -> std::process::Stdio {
    let mut reader = Command::new("true").stdin(std::process::Stdio::piped()).spawn().expect("run true");
    let writer = reader.stdin.take().unwrap();
    reader.wait().unwrap();
    writer.into()
}

#[cfg(unix)]
#[test]
fn a_closed_stdout_or_stderr_does_not_stop_the_batch() {
    use std::process::Stdio;
    let base = fresh_dir("epipe");
    let a = blogs().join("chirpy-diary/_posts/2022-12-31-2022-retrospect.md");
    let b = blogs().join("gatsby-starter-blog/content/blog/2020-retrospective/index.md");
    let posts = ["content/blog/2022-retrospect/index.md", "content/blog/2020-retrospective/index.md"];
    let run = |out: &Path, stderr: Stdio| {
        Command::new(env!("CARGO_BIN_EXE_hoego"))
            .args(["export", "--to", "gatsby", "--now", NOW, "--out", s(out), s(&a), s(&b)])
            .stdin(Stdio::null())
            .stdout(closed_pipe())
            .stderr(stderr)
            .output()
            .expect("run hoego")
    };
    // stdout closed: every post written, then the lost output reported (exit 1, no panic).
    let out = base.join("stdout");
    let o = run(&out, Stdio::piped());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write output"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    posts.iter().for_each(|p| assert!(out.join(p).is_file(), "{p} not written"));
    // stderr closed too (this batch has warnings to print): the same.
    let out = base.join("both");
    let o = run(&out, closed_pipe());
    assert_eq!(o.status.code(), Some(1));
    posts.iter().for_each(|p| assert!(out.join(p).is_file(), "{p} not written"));
    // Only stderr closed: the warnings are lost, the export succeeds.
    let out = base.join("stderr");
    let o = Command::new(env!("CARGO_BIN_EXE_hoego"))
        .args(["export", "--to", "gatsby", "--now", NOW, "--out", s(&out), s(&a), s(&b)])
        .stderr(closed_pipe())
        .output()
        .expect("run hoego");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), format!("{}\n{}\n", posts[0], posts[1]));
}

#[test]
fn a_zip_named_like_an_input_is_refused_as_an_input() {
    let dir = fresh_dir("zip-input");
    let original = "---\ntitle: t\ndate: 2023-01-01\n---\nbody\n";
    fs::write(dir.join("in.md"), original).unwrap();
    // Bare names, relative to the working folder.
    let o = Command::new(env!("CARGO_BIN_EXE_hoego"))
        .args(["export", "--to", "gatsby", "--now", NOW, "--zip", "in.md", "in.md"])
        .current_dir(&dir)
        .output()
        .expect("run hoego");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("in.md is one of the input files"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(dir.join("in.md")).unwrap(), original);
}
