//! "Save as my template": a draft's *structure* as a reusable template, and a
//! new post made from one.
//!
//! What structure means here:
//! - **Front matter**: every key, comment and the layout stay; values that
//!   belong to one post only are emptied (`title`, `date`, `description`,
//!   `excerpt`, `summary`: creating from the template fills title and date)
//!   or removed (`slug`, `permalink`, `last_modified_at`, `lastmod`: a kept
//!   slug would give two posts one address). Tags, categories, layout and
//!   site keys are kept: they recur from one retrospective to the next.
//! - **Body**: headings (ATX and setext), task items with their text but
//!   unchecked (goals often recur), a run of plain list items as one empty
//!   item (`- `, `1. `), table header and delimiter rows, thematic breaks,
//!   one-line HTML comments (`<!-- more -->`), Liquid tag/output lines and
//!   kramdown attribute lines (`{:toc}` with the list item it decorates).
//!   Paragraphs, quotes, code blocks, images and the goal summary block are
//!   dropped: they are this post's content.
//!
//! A draft whose front matter does not parse keeps its head verbatim (its
//! body, when the front matter is at least closed, is still reduced); one
//! whose front matter is not even closed is kept whole.

use crate::date::PostDate;
use crate::field::FieldValue;
use crate::goals::summary::{END, START};
use crate::post::Post;

/// Keys emptied in a template (creating a post fills title and date).
const BLANKED: &[&str] = &["title", "date", "description", "excerpt", "summary"];
/// Keys removed from a template.
const DROPPED: &[&str] = &["slug", "permalink", "last_modified_at", "lastmod"];

/// The template of a post's structure (see the module docs).
pub fn template_from_post(text: &str) -> String {
    let Ok(mut post) = Post::parse(text) else {
        // Raw mode: the front matter is kept verbatim (it does not parse, so no
        // value can be emptied); a body found after its closing line is reduced.
        return match crate::split::split(text) {
            Ok(sp) => format!("{}{}", &text[..sp.body.start], body_skeleton(&text[sp.body])),
            Err(_) => text.to_string(),
        };
    };
    for key in BLANKED {
        // Emptied in the old value's own style (`Text` keeps its quotes): a
        // plain date becomes an empty plain value, so the date filled in on
        // create is plain too. An edit the post refuses leaves the value.
        if post.field(key).is_some() && post.set(key, &FieldValue::Text(String::new())).is_err() {
            continue;
        }
    }
    for key in DROPPED {
        if post.field(key).is_some() && post.unset(key).is_err() {
            continue;
        }
    }
    let body = body_skeleton(post.body());
    post.set_body(&body);
    post.to_text()
}

/// A new post from a template: `title` and `date` (`now`) filled in. A
/// template whose front matter does not parse is returned as it is.
pub fn instantiate(template: &str, title: &str, now: &PostDate) -> String {
    let Ok(mut post) = Post::parse(template) else { return template.to_string() };
    let edits =
        [("title".to_string(), FieldValue::Str(title.into())), ("date".to_string(), FieldValue::Date(now.clone()))];
    // A refused edit keeps the template's value: the post is still valid.
    let _refused = post.set_many(&edits);
    post.to_text()
}

/// What kind of line, for the skeleton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Blank,
    Heading,
    Task,
    /// A plain list item; `usize` is the byte length of indent + marker.
    Item(usize),
    TableRow,
    Delimiter,
    Kept,
    Text,
}

fn indent(l: &str) -> usize {
    l.len() - l.trim_start_matches(' ').len()
}

/// The list marker at the start of `t` (`- `, `* `, `+ `, `1. `, `1) `): its length.
fn marker(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    if matches!(b.first(), Some(b'-' | b'*' | b'+')) && matches!(b.get(1), Some(b' ' | b'\t') | None) {
        return Some(1);
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    ((1..=9).contains(&digits)
        && matches!(b.get(digits), Some(b'.' | b')'))
        && matches!(b.get(digits + 1), Some(b' ' | b'\t') | None))
    .then_some(digits + 1)
}

fn is_break(t: &str) -> bool {
    let c: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    c.len() >= 3 && ["-", "*", "_"].iter().any(|m| c.chars().all(|x| x.to_string() == *m))
}

fn classify(l: &str) -> Line {
    let t = l.trim_start();
    let ind = indent(l);
    if t.is_empty() {
        return Line::Blank;
    }
    if ind < 4 && t.starts_with('#') && t.trim_start_matches('#').chars().next().is_none_or(|c| c == ' ') {
        return Line::Heading;
    }
    if ind < 4 && is_break(t) {
        return Line::Kept;
    }
    if let Some(m) = marker(t) {
        let rest = t[m..].trim_start();
        // Bytes, not a str slice: `- [회고 글](…)` has a multi-byte character there.
        if rest.starts_with('[') && matches!(rest.as_bytes().get(1..3), Some(b" ]" | b"x]" | b"X]")) {
            return Line::Task;
        }
        return Line::Item(l.len() - t.len() + m);
    }
    let kept = |o: &str, c: &str| t.starts_with(o) && t.trim_end().ends_with(c);
    if kept("<!--", "-->") || kept("{%", "%}") || kept("{{", "}}") || kept("{:", "}") || kept("{::", "/}") {
        return Line::Kept;
    }
    if t.starts_with('|') {
        let cells = t.trim_end().trim_matches('|');
        if !cells.is_empty() && cells.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
            return Line::Delimiter;
        }
        return Line::TableRow;
    }
    Line::Text
}

/// A setext underline (`===` or `---` alone).
fn is_setext(l: &str) -> bool {
    let t = l.trim();
    indent(l) < 4 && !t.is_empty() && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
}

/// The opening fence of a code block: its character and length.
fn fence(l: &str) -> Option<(char, usize)> {
    let t = l.trim_start();
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = t.chars().take_while(|x| *x == c).count();
    (indent(l) < 4 && n >= 3).then_some((c, n))
}

/// The body's skeleton, line by line (see the module docs).
pub(crate) fn body_skeleton(body: &str) -> String {
    let nl = if body.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = body.lines().collect();
    let kinds: Vec<Line> = lines.iter().map(|l| classify(l)).collect();
    let mut out: Vec<String> = Vec::new();
    let mut gap = false;
    let mut open: Option<(char, usize)> = None;
    let mut in_summary = false;
    // The depth of the empty list item just written, if that was the last line.
    let mut last_empty: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let (l, k) = (lines[i], kinds[i]);
        i += 1;
        if let Some((c, n)) = open {
            if fence(l).is_some_and(|(c2, n2)| c2 == c && n2 >= n && l.trim().chars().all(|x| x == c)) {
                open = None;
            }
            continue;
        }
        if l.trim() == START {
            in_summary = true;
        }
        if in_summary {
            in_summary = l.trim() != END;
            gap = true;
            continue;
        }
        if let Some(f) = fence(l) {
            open = Some(f);
            gap = true;
            continue;
        }
        // A paragraph line under which a setext underline makes a heading.
        if k == Line::Text && lines.get(i).is_some_and(|n| is_setext(n)) {
            push(&mut out, &mut gap, l.to_string());
            out.push(lines[i].to_string());
            last_empty = None;
            i += 1;
            continue;
        }
        let kept = match k {
            Line::Heading => Some(heading(l)),
            Line::Kept | Line::Delimiter => Some(l.to_string()),
            Line::Task => Some(uncheck(l)),
            // `* TOC` above `{:toc}`: the pair is kramdown's table of contents.
            Line::Item(_) if kinds.get(i) == Some(&Line::Kept) && lines[i].trim_start().starts_with("{:") => {
                Some(l.to_string())
            }
            // Loose or tight, a run of items at one depth becomes one empty item.
            Line::Item(m) if last_empty == Some(m) => {
                gap = false;
                None
            }
            Line::Item(m) => {
                push(&mut out, &mut gap, format!("{} ", l[..m].trim_end()));
                last_empty = Some(m);
                None
            }
            // Header rows: the row right above a delimiter row.
            Line::TableRow if kinds.get(i) == Some(&Line::Delimiter) => Some(l.to_string()),
            Line::Blank | Line::TableRow | Line::Text => {
                gap = true;
                None
            }
        };
        // Any other kept line ends the run of empty items.
        if let Some(line) = kept {
            push(&mut out, &mut gap, line);
            last_empty = None;
        }
    }
    let mut s = out.join(nl);
    if !s.is_empty() {
        s.push_str(nl);
    }
    if body.starts_with('\n') || body.starts_with("\r\n") {
        s.insert_str(0, nl);
    }
    s
}

/// Add a kept line, after one blank line if something was dropped or blank before it.
fn push(out: &mut Vec<String>, gap: &mut bool, s: String) {
    if *gap && !out.is_empty() {
        out.push(String::new());
    }
    *gap = false;
    out.push(s);
}

/// A task item, unchecked and without its result (`(1/3 성공)`, `✅`,
/// `— done`): a template's goals all start open.
fn uncheck(l: &str) -> String {
    // `classify` found `[ ]`, `[x]` or `[X]` (ASCII) at the first `[`.
    let Some(open) = l.find('[') else { return l.to_string() };
    let rest = l.get(open + 3..).unwrap_or("");
    let text = rest.trim_start();
    let lead = &rest[..rest.len() - text.len()];
    format!("{}[ ]{lead}{}", &l[..open], crate::goals::without_status(text))
}

/// A numbered goal heading (`## 1. CKA 취득하기 (성공)`) without its result;
/// any other heading as it is.
fn heading(l: &str) -> String {
    let text = l.trim_start().trim_start_matches('#').trim_start();
    // The scoreboard's own reading of a numbered goal heading.
    let Some(n) = crate::goals::numbered(text) else { return l.to_string() };
    format!("{}{}", &l[..l.len() - text.len() + n], crate::goals::without_status(&text[n..]))
}

#[cfg(test)]
mod tests;
