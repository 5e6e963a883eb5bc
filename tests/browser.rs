//! Browser tests (wasm-bindgen-test, headless Chromium): the preview's DOM
//! patching, localStorage persistence (in `drafts_storage/`), and the DOMPurify
//! sanitizer against the XSS vector list, `Intl.Segmenter` character counts
//! against unicode-segmentation.
#![cfg(target_arch = "wasm32")]

use hoego_app::graphemes::IntlGraphemes;
use hoego_app::preview_dom;
use hoego_app::sanitize::DomPurify;
use hoego_core::markdown::blocks::BlockCache;
use hoego_core::markdown::{render, Sanitizer};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Draft storage: revisions, torn saves, conflicts, migration, newer schemas, backups.
mod drafts_storage;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn load_dompurify() {
    if js_sys::Reflect::has(&web_sys::window().unwrap(), &"DOMPurify".into()).unwrap_or(false) {
        return;
    }
    js_sys::eval(include_str!("../node_modules/dompurify/dist/purify.min.js")).expect("DOMPurify loads");
}

/// Deterministic pseudo-random numbers (no RNG crate needed).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[wasm_bindgen_test]
fn patched_preview_dom_equals_a_fresh_render_after_random_edits() {
    load_dompurify();
    let s = DomPurify::default();
    let container = document().create_element("div").unwrap();
    let mut nodes = Vec::new();
    let mut cache = BlockCache::default();
    // Long enough for several chunks; now and then a long cut (empties chunks) or
    // many new paragraphs at once (splits one).
    let mut body = include_str!("../assets/sample-ko.md").repeat(6);
    let inserts =
        ["", "\n", "\n\n", "# 제목\n", "- [ ] 할 일\n", "```\n", "> 인용\n", "글자", "| a |\n|---|\n", "<b>굵게</b>"];
    let many = format!("\n\n{}", "새 문단\n\n".repeat(3 * preview_dom::CHUNK));
    let mut rng = Lcg(42);
    for _ in 0..200 {
        let mut i = rng.next(body.len() + 1);
        while !body.is_char_boundary(i) {
            i -= 1;
        }
        let (span, text) = match rng.next(20) {
            0 => (rng.next(4000), ""),
            1 => (0, many.as_str()),
            _ => (rng.next(6), inserts[rng.next(inserts.len())]),
        };
        let mut j = (i + span).min(body.len());
        while !body.is_char_boundary(j) {
            j += 1;
        }
        body.replace_range(i..j, text);
        // Sometimes in slices, as the preview renders an import: each slice's patch applies in turn.
        let budget = if rng.next(4) == 0 { 512 } else { usize::MAX };
        loop {
            let (patch, done) = cache.update_sliced(&body, &s, budget);
            preview_dom::apply(&container, &mut nodes, &patch).unwrap();
            if done {
                break;
            }
        }
        // The DOM holds one wrapper per block, in order, each with that block's
        // HTML, grouped in chunks that are never empty nor longer than twice CHUNK.
        let wrappers = container.query_selector_all(":scope > .chunk > .blk").unwrap();
        assert_eq!(wrappers.length() as usize, cache.blocks().len());
        assert_eq!(nodes.len(), cache.blocks().len());
        let chunks = container.children();
        for c in 0..chunks.length() {
            let n = chunks.item(c).unwrap().child_element_count() as usize;
            assert!((1..=2 * preview_dom::CHUNK).contains(&n), "chunk {c} holds {n} blocks");
        }
        let mut fresh = BlockCache::default();
        fresh.update(&body, &s);
        for (k, b) in fresh.blocks().iter().enumerate() {
            let el = wrappers.item(k as u32).unwrap().dyn_into::<web_sys::Element>().unwrap();
            assert!(el == nodes[k], "wrapper {k} is the one the preview keeps");
            let probe = document().create_element("div").unwrap();
            probe.set_inner_html(&b.html);
            // The preview names task checkboxes for screen readers; the fresh render gets the same step.
            preview_dom::name_task_boxes(&probe, hoego_core::templates::Lang::Ko).unwrap();
            assert_eq!(el.inner_html(), probe.inner_html(), "block {k} after edit");
        }
    }
}

/// Typing one character at a time, as a user does: most keys change one text
/// run of one block, which the preview applies to that text node alone. After
/// every key the preview's DOM must equal a fresh render's, and the text path
/// must have been taken (the block's old text node is still in it).
#[wasm_bindgen_test]
fn typed_keys_patch_the_text_node_and_the_dom_equals_a_fresh_render() {
    load_dompurify();
    let s = DomPurify::default();
    let container = document().create_element("div").unwrap();
    let mut nodes = Vec::new();
    let mut cache = BlockCache::default();
    let mut body = [
        include_str!("../assets/sample-ko.md"),
        include_str!("fixtures/posts/lumen-gatsby-2023-review.md"),
        "\n\n- [ ] 할 일 <b>굵게</b> &amp; [링크](/a \"t\")\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n",
    ]
    .concat();
    preview_dom::apply(&container, &mut nodes, &cache.update(&body, &s)).unwrap();
    let keys = ["가", "a", " ", "&", "\"", "*", "<", "`", "x", "한", "\n", "#"];
    let mut rng = Lcg(7);
    let mut text_runs = 0;
    for k in 0..300 {
        let mut i = rng.next(body.len() + 1);
        while !body.is_char_boundary(i) {
            i -= 1;
        }
        // Now and then a backspace instead of a key.
        if k % 5 == 4 && i > 0 {
            let mut j = i - 1;
            while !body.is_char_boundary(j) {
                j -= 1;
            }
            body.replace_range(j..i, "");
        } else {
            body.insert_str(i, keys[rng.next(keys.len())]);
        }
        let patch = cache.update(&body, &s);
        let before = patch.text_run.as_ref().map(|_| nodes[patch.prefix].clone());
        let shown: Vec<web_sys::Node> = before.iter().flat_map(text_nodes).collect();
        preview_dom::apply(&container, &mut nodes, &patch).unwrap();
        if let Some(run) = &patch.text_run {
            text_runs += 1;
            let node = &shown[run.index];
            assert!(nodes[patch.prefix].contains(Some(node)), "key {k}: the text node stays");
            assert_eq!(node.text_content().as_deref(), Some(run.new.as_str()));
        }
        let mut fresh = BlockCache::default();
        fresh.update(&body, &s);
        assert_eq!(nodes.len(), fresh.blocks().len());
        for (n, b) in fresh.blocks().iter().enumerate() {
            let probe = document().create_element("div").unwrap();
            probe.set_inner_html(&b.html);
            preview_dom::name_task_boxes(&probe, hoego_core::templates::Lang::Ko).unwrap();
            assert_eq!(dom_shape(&nodes[n]), dom_shape(&probe), "key {k}, block {n}");
        }
    }
    // Most keys land in a paragraph's or a list item's text. (A body with
    // footnotes is one block; with a table or code in it, every key re-parses it.)
    assert!(text_runs > 100, "only {text_runs} of 300 keys took the text path");
}

/// Text edits next to markup the HTML parser does not keep as written: a link
/// inside a link's text (an autolink: no raw HTML, so not sanitized), and
/// elements DOMPurify drops while keeping their content, which leaves end tags
/// the parser then ignores. Either way two runs of text become one node, and
/// the nodes after it are not the runs: the preview must still equal a fresh render.
#[wasm_bindgen_test]
fn text_edits_where_the_parser_joins_runs_equal_a_fresh_render() {
    load_dompurify();
    let s = DomPurify::default();
    let cases = [
        ("[a <https://x.com> b](/y)c*c*", "[a <https://x.com> b](/y)cd*c*"),
        ("[a <me@x.y> b](/y)c*c*", "[a <me@x.y> b](/y)cd*c*"),
        ("<h1>1<button><h2>2</h2></button>3</h1>4<i>4</i>", "<h1>1<button><h2>2</h2></button>3</h1>45<i>4</i>"),
        (
            "x <a href=\"x\">1<object><a href=\"y\">2</a></object>3</a>4<em>4</em>",
            "x <a href=\"x\">1<object><a href=\"y\">2</a></object>3</a>45<em>4</em>",
        ),
        (
            "<ul><li>1<button><li>2</li></button>3</li>4<i>4</i></ul>",
            "<ul><li>1<button><li>2</li></button>3</li>45<i>4</i></ul>",
        ),
    ];
    let mut offered = 0;
    for (old, new) in cases {
        let container = document().create_element("div").unwrap();
        let (mut nodes, mut cache) = (Vec::new(), BlockCache::default());
        preview_dom::apply(&container, &mut nodes, &cache.update(old, &s)).unwrap();
        let patch = cache.update(new, &s);
        offered += usize::from(patch.text_run.is_some());
        preview_dom::apply(&container, &mut nodes, &patch).unwrap();
        let probe = document().create_element("div").unwrap();
        probe.set_inner_html(&cache.blocks()[0].html);
        assert_eq!(dom_shape(&nodes[0]), dom_shape(&probe), "{old:?} -> {new:?}");
    }
    // The runs do change alone in the HTML: the DOM's count is what refuses them.
    assert!(offered >= 2, "only {offered} cases reached the DOM check");
}

/// The text nodes under `el`, in document order.
fn text_nodes(el: &web_sys::Element) -> Vec<web_sys::Node> {
    let mut out = Vec::new();
    let mut stack = vec![el.clone().unchecked_into::<web_sys::Node>()];
    while let Some(n) = stack.pop() {
        if n.node_type() == web_sys::Node::TEXT_NODE {
            out.push(n.clone());
        }
        let kids = n.child_nodes();
        for i in (0..kids.length()).rev() {
            stack.push(kids.item(i).unwrap());
        }
    }
    out
}

/// Every node under `el` as type, name and text, in document order: equal
/// shapes are equal DOMs (the serialization alone would merge two adjacent
/// text nodes into one string).
fn dom_shape(el: &web_sys::Element) -> Vec<(u16, String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![el.clone().unchecked_into::<web_sys::Node>()];
    while let Some(n) = stack.pop() {
        let text = if n.node_type() == web_sys::Node::ELEMENT_NODE {
            n.unchecked_ref::<web_sys::Element>().outer_html().split('>').next().unwrap_or("").to_string()
        } else {
            n.node_value().unwrap_or_default()
        };
        out.push((n.node_type(), n.node_name(), text));
        let kids = n.child_nodes();
        for i in (0..kids.length()).rev() {
            stack.push(kids.item(i).unwrap());
        }
    }
    out.remove(0);
    out
}

#[wasm_bindgen_test]
fn dompurify_neutralizes_every_vector() {
    load_dompurify();
    let s = DomPurify::default();
    let vectors = include_str!("data/xss-vectors.txt");
    let mut count = 0;
    for v in vectors.lines().filter(|l| !l.trim().is_empty()) {
        count += 1;
        let html = render(&format!("text\n\n{v}\n"), &s);
        let probe = document().create_element("div").unwrap();
        probe.set_inner_html(&html);
        let bad = probe
            .query_selector_all("script,iframe,object,embed,form,base,meta,style,link,frame,frameset,svg,math,template")
            .unwrap();
        assert_eq!(bad.length(), 0, "{v} -> {html}");
        let all = probe.query_selector_all("*").unwrap();
        for i in 0..all.length() {
            let el: web_sys::Element = all.item(i).unwrap().dyn_into().unwrap();
            for name in el.get_attribute_names().iter() {
                let name = name.as_string().unwrap().to_ascii_lowercase();
                assert!(!name.starts_with("on"), "{v}: handler {name} in {html}");
                let value = el.get_attribute(&name).unwrap_or_default().to_ascii_lowercase();
                let compact: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
                assert!(
                    !compact.starts_with("javascript:")
                        && !compact.starts_with("vbscript:")
                        && !compact.starts_with("data:text/html"),
                    "{v}: {name}={value}"
                );
            }
        }
    }
    assert!(count >= 100);
    // Safe content survives.
    let ok = render("# 제목\n\n- [x] 완료\n\n![사진](./a.png)\n\n<br/>", &s);
    assert!(
        ok.contains("<h1 id=\"user-content-제목\">")
            && ok.contains("checkbox")
            && ok.contains("./a.png")
            && ok.contains("<br>"),
        "{ok}"
    );
}

/// The browser's grapheme counts equal unicode-segmentation's (what the CLI
/// uses) on tricky text and on every fixture post's body.
#[wasm_bindgen_test]
fn intl_segmenter_counts_like_unicode_segmentation() {
    use hoego_core::stats::{analyze_with, Graphemes};
    use unicode_segmentation::UnicodeSegmentation;
    struct Reference;
    impl Graphemes for Reference {
        fn count(&self, text: &str) -> (usize, usize) {
            let all = text.graphemes(true).count();
            (all, text.graphemes(true).filter(|g| !g.chars().all(char::is_whitespace)).count())
        }
    }
    let cases: &[(&str, usize, usize)] = &[
        ("👨‍👩‍👧‍👦 family", 8, 7),
        ("🇰🇷🇯🇵 flags", 8, 7),
        ("👍🏽 1️⃣ #️⃣", 5, 3),
        ("e\u{301}\u{302} café", 6, 5),
        ("\u{1112}\u{1161}\u{11AB} jamo 한", 8, 6),
        ("a\r\nb\u{85}c\u{a0}d\u{3000}e\u{feff}", 10, 6),
        ("क्षि नमस्ते", 5, 4),
        ("🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} สวัสดี مَرْحَبًا", 12, 10),
    ];
    for (text, all, non_space) in cases {
        assert_eq!(Reference.count(text), (*all, *non_space), "reference on {text:?}");
        assert_eq!(IntlGraphemes.count(text), (*all, *non_space), "Intl.Segmenter on {text:?}");
    }
    for body in [
        include_str!("fixtures/posts/lumen-gatsby-2023-review.md"),
        include_str!("fixtures/posts/minimal-mistakes-jekyll-2022-07-28.md"),
        include_str!("fixtures/posts/zoomkoding-gatsby-2022-06-29.md"),
    ] {
        assert_eq!(analyze_with(body, &IntlGraphemes), analyze_with(body, &Reference));
    }
}

/// GFM table alignment survives DOMPurify (as it survives ammonia in the CLI);
/// no other style does, on table cells or elsewhere.
#[wasm_bindgen_test]
fn dompurify_keeps_only_table_alignment_styles() {
    load_dompurify();
    let s = DomPurify::default();
    let table = render("| 왼쪽 | 가운데 | 오른쪽 |\n|:--|:-:|--:|\n| a | b | c |\n", &s);
    for align in ["left", "center", "right"] {
        assert!(table.contains(&format!("<th style=\"text-align: {align}\">")), "{align}: {table}");
        assert!(table.contains(&format!("<td style=\"text-align: {align}\">")), "{align}: {table}");
    }
    let cases = [
        "<table><tr><td style=\"color: red\">x</td></tr></table>",
        "<table><tr><td style=\"text-align: center; position: fixed\">x</td></tr></table>",
        "<p style=\"text-align: center\">x</p>",
        "<div style=\"position:fixed;inset:0\">x</div>",
    ];
    for html in cases {
        let out = s.sanitize(html);
        assert!(!out.contains("style"), "{html} -> {out}");
    }
}

/// A text file with a stray NUL imports (and opens in raw mode, as a paste of
/// it does); binary files, UTF-16 and NUL-heavy ones, stay refused; EUC-KR
/// text is decoded.
#[wasm_bindgen_test]
fn import_decoding_takes_damaged_text_and_refuses_binary() {
    use hoego_app::browser::{decode_post, DecodeError};
    let long = format!("---\ntitle: t\n---\n{}\0끝\n", "본문 ".repeat(40));
    let utf16: Vec<u8> = "---\ntitle: t\n---\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let png = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d];
    // (bytes, decoded text and whether it was EUC-KR, or the refusal)
    type Decoded = Result<(String, bool), DecodeError>;
    let cases: Vec<(Vec<u8>, Decoded)> = vec![
        (long.clone().into_bytes(), Ok((long.clone(), false))),
        (b"plain\n".to_vec(), Ok(("plain\n".into(), false))),
        (vec![0xC7, 0xD1, 0xB1, 0xDB], Ok(("한글".into(), true))),
        (utf16, Err(DecodeError::Binary)),
        (png.to_vec(), Err(DecodeError::Binary)),
        (b"a\0b".to_vec(), Err(DecodeError::Binary)),
        // Valid UTF-8 up to byte 3, then bytes EUC-KR has no character for.
        (b"abc\xff\xff\xff".to_vec(), Err(DecodeError::NotText { at: 3 })),
    ];
    for (bytes, want) in cases {
        assert_eq!(decode_post(&bytes), want, "{bytes:?}");
    }
}

/// Imported images in Cache Storage: what is put reads back byte for byte under
/// its name (Hangul, spaces, `%`, `#`, `?`), a second put replaces, other
/// entries of the cache are not taken for images, and clear empties it.
#[wasm_bindgen_test]
async fn stored_images_read_back_by_name_and_clear() {
    use hoego_app::storage::images::{clear, put, read_all, CACHE};
    clear().await.expect("start empty");
    let names = ["a.png", "사진 100%.png", "x#y?.jpg"];
    for (i, name) in names.iter().enumerate() {
        let bytes: Vec<u8> = (0..=255u8).cycle().skip(i).take(3000 + i).collect();
        put(&[(name, &bytes[..])]).await.expect("put");
    }
    put(&[("a.png", b"new bytes")]).await.expect("replace");
    // An entry that is not under the images' prefix is not an image.
    let cache: web_sys::Cache =
        wasm_bindgen_futures::JsFuture::from(web_sys::window().unwrap().caches().unwrap().open(CACHE))
            .await
            .unwrap()
            .unchecked_into();
    let other = web_sys::Response::new_with_opt_str(Some("not an image")).unwrap();
    wasm_bindgen_futures::JsFuture::from(cache.put_with_str("elsewhere/a.png", &other)).await.unwrap();

    let mut got = read_all().await.expect("read");
    got.sort();
    let mut want: Vec<(String, Vec<u8>)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.to_string(), (0..=255u8).cycle().skip(i).take(3000 + i).collect()))
        .collect();
    want[0].1 = b"new bytes".to_vec();
    want.sort();
    assert_eq!(got, want);

    clear().await.expect("clear");
    assert_eq!(read_all().await.expect("read after clear"), Vec::new());
}

/// After another tab's change, the named images are read back as stored
/// (absent ones left out), and after a clear every name stored is listed.
#[wasm_bindgen_test]
async fn the_store_is_read_back_by_name_after_another_tabs_change() {
    use hoego_app::storage::images::{clear, put, read_after};
    clear().await.expect("start empty");
    put(&[("b.png", b"bee"), ("사진 1.png", b"photo")]).await.expect("put");
    let names = ["사진 1.png".to_string(), "gone.png".to_string()];
    let h = read_after(&names, false).await.expect("read");
    assert_eq!((h.stored, h.images), (None, vec![("사진 1.png".to_string(), b"photo".to_vec())]));
    let mut stored = read_after(&[], true).await.expect("read").stored.expect("asked for");
    stored.sort();
    assert_eq!(stored, ["b.png", "사진 1.png"]);
    clear().await.expect("clear");
    assert_eq!(read_after(&names, true).await.expect("read").stored, Some(Vec::new()));
}

/// Another tab's messages are heard in order, and only those of this page's
/// address and shape (the app at another path keeps other images).
#[wasm_bindgen_test]
async fn other_tabs_are_heard_at_this_address_only() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsValue;
    type Heard = Vec<(bool, Vec<String>)>;
    let heard: Rc<RefCell<Heard>> = Rc::default();
    let h = heard.clone();
    hoego_app::storage::images::hear(move |cleared, names| h.borrow_mut().push((cleared, names)));
    let doc = web_sys::window().unwrap().document().unwrap();
    let here = web_sys::Url::new_with_base("hoego-images/", &doc.base_uri().unwrap().unwrap()).unwrap().href();
    let other = web_sys::BroadcastChannel::new(hoego_app::storage::images::CACHE).unwrap();
    let send = |base: &str, cleared: bool, names: JsValue| {
        let m = js_sys::Object::new();
        for (k, v) in [("base", JsValue::from(base)), ("cleared", cleared.into()), ("names", names)] {
            js_sys::Reflect::set(&m, &k.into(), &v).unwrap();
        }
        other.post_message(&m).unwrap();
    };
    let list = |names: &[&str]| JsValue::from(names.iter().map(|n| JsValue::from(*n)).collect::<js_sys::Array>());
    send(&here.replace("hoego-images/", "elsewhere/hoego-images/"), true, list(&[]));
    send(&here, false, js_sys::Array::of1(&1.into()).into());
    send(&here, false, JsValue::NULL);
    send(&here, false, list(&["a.png", "사진.png"]));
    send(&here, true, list(&[]));
    for _ in 0..250 {
        if heard.borrow().len() >= 2 {
            break;
        }
        let tick = js_sys::Promise::new(&mut |done, _| {
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&done, 20).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
    }
    let want = vec![(false, vec!["a.png".to_string(), "사진.png".to_string()]), (true, Vec::new())];
    assert_eq!(*heard.borrow(), want);
}

/// A task later (lets Yew's scheduler and the page's timers run).
async fn next_task() {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback(&resolve).expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(wait).await.expect("timer");
}

/// Waits (a bounded number of tasks, not a time) until `done` holds.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..500 {
        if done() {
            return;
        }
        next_task().await;
    }
    panic!("never: {what}");
}

/// What waits for the lazy module (the export panel) is held back while the
/// loader's flag says it is on its way, says so when the loader says its fetch
/// failed, and is drawn once the loader's event says it has arrived; without the
/// flag (an unsplit build) it is drawn at once.
#[wasm_bindgen_test]
async fn a_view_waiting_for_the_lazy_module_is_drawn_when_it_arrives() {
    use hoego_app::lazy::{use_lazy, Lazy};
    use yew::prelude::*;
    #[function_component(Waits)]
    fn waits() -> Html {
        let text = match use_lazy() {
            Lazy::Here => "here",
            Lazy::Waiting => "waiting",
            Lazy::Failed => "failed",
        };
        html! { <p>{ text }</p> }
    }
    let global = js_sys::global();
    let set = |name: &str, on: bool| {
        js_sys::Reflect::set(&global, &name.into(), &on.into()).expect("flag");
    };
    let tell = |event: &str| {
        web_sys::window().unwrap().dispatch_event(&web_sys::Event::new(event).unwrap()).unwrap();
    };
    let mount = || {
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        yew::Renderer::<Waits>::with_root(root.clone()).render();
        root
    };
    let shows = |root: &web_sys::Element, text: &str| root.text_content().as_deref() == Some(text);
    // One at a time: each reads the flags when it is first drawn, a task after mounting.
    set("__hoegoLazyPending", false);
    let unsplit = mount();
    until("the unsplit view drawn", || shows(&unsplit, "here")).await;
    set("__hoegoLazyPending", true);
    let held = mount();
    until("the held view drawn", || shows(&held, "waiting")).await;
    for _ in 0..5 {
        next_task().await;
    }
    assert!(shows(&held, "waiting"), "drawn before the module arrived");
    set("__hoegoLazyFailed", true);
    tell("hoego-lazy-failed");
    until("the failure said", || shows(&held, "failed")).await;
    set("__hoegoLazyPending", false);
    set("__hoegoLazyFailed", false);
    tell("hoego-lazy-ready");
    until("the held view drawn once told", || shows(&held, "here")).await;
}
