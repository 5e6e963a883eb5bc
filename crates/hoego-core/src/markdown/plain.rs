//! Which rendered markdown a sanitizer may pass through as it is.
//!
//! pulldown-cmark's HTML writer escapes every text and attribute it writes;
//! what it copies through unescaped is raw HTML (`Event::Html`,
//! `Event::InlineHtml`), and a link's or image's URL, which it escapes but
//! does not judge (`[x](javascript:…)` stays a `javascript:` link). A block
//! with neither is markup the writer made itself. The browser then skips
//! DOMPurify for it, which costs ~0.3–0.45 ms a key typed (the preview's
//! largest cost per key after the parse). Anything else is sanitized as before.

use pulldown_cmark::{Event, Tag};

/// Whether `e` is written by the HTML writer alone, with nothing the
/// writer passes through unjudged.
pub(crate) fn is_plain(e: &Event<'_>) -> bool {
    match e {
        Event::Html(_) | Event::InlineHtml(_) => false,
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => plain_url(dest_url),
        _ => true,
    }
}

/// A URL with no scheme (relative, `#fragment`, `?query`), or with scheme
/// `http`, `https` or `mailto` exactly. Whatever has a `:` before its first
/// `/`, `?` or `#` and is not one of those (`javascript:`, `data:`, ` java
/// script:` with a stray character…) is not plain.
pub(crate) fn plain_url(url: &str) -> bool {
    match url.find([':', '/', '?', '#']) {
        Some(i) if url.as_bytes()[i] == b':' => {
            ["http", "https", "mailto"].iter().any(|s| url[..i].eq_ignore_ascii_case(s))
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::plain_url;
    use crate::markdown::blocks::render_blocks_plain;

    #[test]
    fn urls() {
        let cases = [
            ("https://example.com/a?b#c", true),
            ("HTTP://example.com", true),
            ("mailto:me@example.com", true),
            ("/assets/img.png", true),
            ("./organize.jpeg", true),
            ("../a:b", true),
            ("#fn-1", true),
            ("?q=a:b", true),
            ("page.html#x:y", true),
            ("", true),
            ("javascript:alert(1)", false),
            ("JaVaScRiPt:alert(1)", false),
            ("java\tscript:alert(1)", false),
            (" javascript:alert(1)", false),
            ("\u{1}javascript:alert(1)", false),
            ("data:text/html;base64,PHNjcmlwdD4=", false),
            ("vbscript:x", false),
            ("https\u{0}:x", false),
            ("ftp://example.com", false),
        ];
        for (url, plain) in cases {
            assert_eq!(plain_url(url), plain, "{url:?}");
        }
    }

    #[test]
    fn blocks() {
        // (markdown, plain)
        let cases = [
            ("para *em* **strong** `code` ~~del~~\n", true),
            ("# 제목\n", true),
            ("- [ ] 할 일\n- [x] 끝\n", true),
            ("| a | b |\n|:-|-:|\n| 1 | 2 |\n", true),
            ("[link](https://x.y \"t\") and ![img](./a.png)\n", true),
            ("<https://x.y> and <me@x.y>\n", true),
            ("> quote\n>\n> - list\n", true),
            ("```rust\nlet a = \"<b>\";\n```\n", true),
            ("text &lt;script&gt; &amp; 😀\n", true),
            ("[x](javascript:alert(1))\n", false),
            ("[x](java&#58;script:alert(1))\n", false),
            ("<javascript:alert(1)>\n", false),
            ("![x](data:image/svg+xml;base64,PHN2Zz4=)\n", false),
            ("a<br/>b\n", false),
            ("<div>\nraw\n</div>\n", false),
            ("<!-- comment -->\n", false),
            ("[r]\n\n[r]: javascript:alert(1)\n", false),
        ];
        for (md, plain) in cases {
            let got: Vec<bool> = render_blocks_plain(md);
            assert_eq!(got.iter().all(|&p| p), plain, "{md:?} → {got:?}");
        }
    }
}
