//! Jekyll's `{% highlight lang %}` … `{% endhighlight %}` blocks, read as the
//! code blocks Jekyll makes of them. Left to markdown, their code is prose:
//! a `# comment` is a heading (in the preview and the outline), `*p` emphasis,
//! and blank lines split it into paragraphs.
//!
//! The tag lines are rewritten in place to code fences of the same length
//! (padded with spaces, which a fence line allows), so every byte offset of the
//! body still holds: the preview's blocks, the outline's lines and the caret's
//! place in the text need no mapping. The Gatsby export makes the same fences
//! (`export::liquid`).

use std::borrow::Cow;
use std::ops::Range;

/// `body` with each `{% highlight %}` block's tag lines written as a code
/// fence, or `body` itself when it has none (the common case costs one search).
///
/// A tag counts on a line of its own (up to three spaces before it, as a fence),
/// outside a fenced code block, with an `{% endhighlight %}` line after it; the
/// fence is one backtick longer than any backtick fence in the code, so the
/// code cannot close it. A block whose fence would not fit on its tag lines
/// is left as written.
pub(crate) fn highlight_as_fences(body: &str) -> Cow<'_, str> {
    if !body.contains("endhighlight") {
        return Cow::Borrowed(body);
    }
    let blocks = highlight_blocks(body);
    if blocks.is_empty() {
        return Cow::Borrowed(body);
    }
    let mut out = body.as_bytes().to_vec();
    for b in &blocks {
        overwrite(&mut out, b.open.clone(), &format!("{}{}", b.fence, b.lang));
        overwrite(&mut out, b.close.clone(), &b.fence);
    }
    // Only whole tag lines of ASCII were overwritten, with ASCII.
    Cow::Owned(String::from_utf8(out).expect("ASCII written over ASCII lines"))
}

/// One highlight block: its tag lines (without line endings) and what
/// replaces them.
struct Highlight {
    open: Range<usize>,
    close: Range<usize>,
    lang: String,
    fence: String,
}

/// Write `text` over `range`, then spaces to its end.
fn overwrite(out: &mut [u8], range: Range<usize>, text: &str) {
    let len = range.len();
    let bytes = text.bytes().chain(std::iter::repeat(b' ')).take(len);
    for (slot, b) in out[range].iter_mut().zip(bytes) {
        *slot = b;
    }
}

/// Every line of `body`: its range without the line ending.
fn lines(body: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    body.split_inclusive('\n').map(move |l| {
        let start = at;
        at += l.len();
        start..start + l.trim_end_matches(['\n', '\r']).len()
    })
}

/// The highlight blocks of `body`, in order.
fn highlight_blocks(body: &str) -> Vec<Highlight> {
    let mut out = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut open: Option<(Range<usize>, String, usize)> = None;
    for line in lines(body) {
        let text = &body[line.clone()];
        // The fence goes where the tag starts, after its indent: in a list item's
        // content, a fence at the margin would end the list.
        let indent = text.len() - text.trim_start_matches(' ').len();
        let line = line.start + indent..line.end;
        if let Some((ch, n)) = fence {
            if fence_of(text).is_some_and(|(c, m, rest)| c == ch && m >= n && rest.trim().is_empty()) {
                fence = None;
            }
        } else if let Some((start, lang, longest)) = &mut open {
            if tag_word(text).is_some_and(|(w, _)| w == "endhighlight") {
                let fence = "`".repeat((*longest + 1).max(3));
                if fence.len() + lang.len() <= start.len() && fence.len() <= line.len() {
                    out.push(Highlight { open: start.clone(), close: line, lang: std::mem::take(lang), fence });
                }
                open = None;
            } else if let Some((b'`', n, _)) = fence_of(text) {
                *longest = (*longest).max(n);
            }
        } else if let Some((ch, n, _)) = fence_of(text) {
            fence = Some((ch, n));
        } else if let Some(("highlight", args)) = tag_word(text) {
            let lang = args.split_whitespace().next().unwrap_or("");
            let lang = if lang.bytes().all(|b| b.is_ascii_alphanumeric() || b"_+-#.".contains(&b)) { lang } else { "" };
            open = Some((line, lang.to_string(), 0));
        }
    }
    out
}

/// A fence line's character, length and what follows it.
fn fence_of(line: &str) -> Option<(u8, usize, &str)> {
    let t = indented_up_to_3(line)?;
    let ch = *t.as_bytes().first().filter(|c| matches!(c, b'`' | b'~'))?;
    let n = t.bytes().take_while(|&b| b == ch).count();
    (n >= 3).then(|| (ch, n, &t[n..]))
}

/// A line with at most three spaces before its text.
fn indented_up_to_3(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(' ');
    (line.len() - t.len() <= 3).then_some(t)
}

/// A line that is one Liquid tag `{% word args %}` (or `{%- … -%}`): its word and arguments.
fn tag_word(line: &str) -> Option<(&str, &str)> {
    let t = indented_up_to_3(line)?.trim_end();
    let inner = t.strip_prefix("{%")?.strip_suffix("%}")?;
    if inner.contains("%}") {
        return None;
    }
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = inner.strip_suffix('-').unwrap_or(inner).trim();
    Some(inner.split_once(char::is_whitespace).unwrap_or((inner, "")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_lines_become_fences_of_the_same_length() {
        // (body, its lines as read, trailing spaces trimmed)
        let cases: &[(&str, &[&str])] = &[
            ("a\n{% highlight ruby %}\n# c\n{% endhighlight %}\nb\n", &["a", "```ruby", "# c", "```", "b"]),
            // CRLF, `{%-`, options after the language, an indent of up to 3.
            ("{%- highlight js linenos -%}\r\nx\r\n  {% endhighlight %}\r\n", &["```js", "x", "  ```"]),
            // A backtick fence inside the code: the fence is one longer.
            ("{% highlight md %}\n```\n{% endhighlight %}\n", &["````md", "```", "````"]),
            // No language; a language a fence cannot carry is dropped.
            ("{% highlight %}\nx\n{% endhighlight %}\n", &["```", "x", "```"]),
            ("{% highlight a`b %}\nx\n{% endhighlight %}\n", &["```", "x", "```"]),
        ];
        for (body, want) in cases {
            let got = highlight_as_fences(body);
            let lines: Vec<&str> = got.lines().map(str::trim_end).collect();
            assert_eq!(lines, *want, "{body:?}");
            assert_eq!(got.len(), body.len(), "{body:?}");
            assert_eq!(got.matches("\r\n").count(), body.matches("\r\n").count(), "{body:?}");
        }
    }

    #[test]
    fn what_is_not_a_highlight_block_is_left_alone() {
        let cases = [
            // Unclosed.
            "{% highlight ruby %}\n# c\n",
            // Inside a fenced code block (a post about Liquid).
            "```liquid\n{% highlight ruby %}\nx\n{% endhighlight %}\n```\n",
            // Not on a line of its own, or indented as code.
            "see {% highlight ruby %}\nx\n{% endhighlight %}\n",
            "    {% highlight ruby %}\n    x\n    {% endhighlight %}\n",
            // Two tags on a line.
            "{% highlight ruby %}{% raw %}\nx\n{% endhighlight %}\n",
            "no tags, only the word highlight\n",
        ];
        for body in cases {
            assert!(matches!(highlight_as_fences(body), Cow::Borrowed(_)), "{body:?}");
        }
    }

    #[test]
    fn the_preview_shows_the_code_as_code() {
        let body = "# Title\n\n{% highlight python %}\n# not a heading\n\n*x = 1*\n{% endhighlight %}\n";
        let html = crate::markdown::render_unsanitized(body);
        assert!(
            html.contains("<pre><code class=\"language-python\"># not a heading\n\n*x = 1*\n</code></pre>"),
            "{html}"
        );
        assert_eq!(html.matches("<h1").count(), 1, "{html}");
        // The outline and the goals read it so too.
        let outline: Vec<String> = crate::stats::analyze(body).1.into_iter().map(|h| h.text).collect();
        assert_eq!(outline, ["Title"]);
    }

    /// In a list item's content the fence keeps the tag's indent: the list goes on.
    #[test]
    fn a_block_in_a_list_item_stays_in_it() {
        let body = "1. step one\n\n   {% highlight sh %}\n   make\n   {% endhighlight %}\n\n2. step two\n";
        let html = crate::markdown::render_unsanitized(body);
        assert_eq!(html.matches("<ol").count(), 1, "{html}");
        assert!(html.contains("<pre><code class=\"language-sh\">make\n</code></pre>"), "{html}");
    }

    #[test]
    fn goals_in_highlighted_code_are_not_goals() {
        let body = "## 목표\n\n- [ ] real\n\n{% highlight md %}\n- [x] example\n{% endhighlight %}\n";
        let post = crate::post::Post::parse(&format!("---\ntitle: t\n---\n{body}")).unwrap();
        let board = crate::goals::of_post(&post);
        assert_eq!(format!("{board:?}").matches("example").count(), 0, "{board:?}");
        assert_eq!(format!("{board:?}").matches("Goal {").count(), 1, "{board:?}");
    }
}
