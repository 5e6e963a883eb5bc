//! Incremental preview: the body as a list of top-level blocks, each rendered
//! on its own, so a keystroke re-renders (and the app re-patches) only the
//! blocks whose source changed.
//!
//! Invariant (property-tested): the concatenated HTML of the blocks equals
//! [`super::render_unsanitized`] of the whole body. Footnotes number across
//! the whole document, so a body that may define one is one block.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, Parser};

use super::link_defs::{LinkDefs, Resolver};
use super::liquid_code::highlight_as_fences;
use super::options::{options, parser};
use super::render::push_html_plain;
use super::sanitize::Sanitizer;
pub use super::text_run::TextRunEdit;

/// One top-level block and its rendered, sanitized HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte range in the body.
    pub range: Range<usize>,
    /// The block's source text.
    pub text: String,
    /// Its HTML (sanitized when it came from [`BlockCache`]).
    pub html: String,
}

/// Top-level block ranges of `body`, from a parse of all of it.
pub fn block_ranges(body: &str) -> Vec<Range<usize>> {
    ranges_and_defs(&highlight_as_fences(body)).0
}

/// Top-level block ranges of `body` and its link reference definitions
/// (blocks resolve references against the whole document).
fn ranges_and_defs(body: &str) -> (Vec<Range<usize>>, LinkDefs) {
    if Definitions::of(body).any() {
        let whole = 0..body.len();
        let r = if body.trim().is_empty() { Vec::new() } else { Vec::from([whole]) };
        // One block: it resolves its references itself.
        return (r, LinkDefs::default());
    }
    let p = parser(body);
    let defs = LinkDefs::of(&p);
    let resolver = Resolver::of(&defs);
    // Labels match with their spaces trimmed and collapsed (`[ r ]` is `[r]`);
    // the parser's look-up only folds case.
    let defined = |label: &str| {
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        resolver.as_ref().is_some_and(|r| r.refs().get(&label).is_some())
    };
    let ranges = top_level(body, 0, p, defs.spans(), &defined);
    drop(resolver);
    (ranges, defs)
}

/// Top-level block ranges of a parse of `body[base..]`, in `body` coordinates;
/// `defs` are the spans (sorted) of the link reference definitions that count,
/// `defined` says whether a label has one.
fn top_level(
    body: &str,
    base: usize,
    p: Parser<'_>,
    defs: &[Range<usize>],
    defined: &dyn Fn(&str) -> bool,
) -> Vec<Range<usize>> {
    // Each block, and where its last text, code or markup ends (definitions
    // make none: the lines after it in its range can only be theirs or blank).
    let mut ranges: Vec<(Range<usize>, usize)> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in p.into_offset_iter() {
        let range = range.start + base..range.end + base;
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    ranges.push((range.clone(), range.start));
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => ranges.push((range.clone(), range.end)),
            _ => {
                if let Some(last) = ranges.last_mut() {
                    last.1 = last.1.max(range.end);
                }
            }
        }
    }
    // A block's text starts at its line start, so indentation-sensitive
    // blocks (indented code) read the same on their own.
    // (A lone CR ends a line in markdown too.)
    for (r, _) in &mut ranges {
        r.start = body[..r.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    }
    with_definitions(body, base, ranges, defs, defined)
}

/// A paragraph right under link reference definitions starts, in the parse,
/// after them; alone it would read differently (after a definition a `<br/>`
/// line is paragraph text, alone it is an HTML block). The block takes the
/// definition lines, which belong to no block, with it: those of definitions
/// that count, and the later ones of a defined label, which the document
/// ignores (`render_block` puts the one that counts before them), titles on
/// their own line included. Where the block before ends, after its last
/// content, with such lines (the parse gives a list the definitions after it),
/// the two are one block: only together do they read as in the whole. Other
/// lines (ones a parse leaves out after a lone CR) stay out.
fn with_definitions(
    body: &str,
    base: usize,
    ranges: Vec<(Range<usize>, usize)>,
    defs: &[Range<usize>],
    defined: &dyn Fn(&str) -> bool,
) -> Vec<Range<usize>> {
    // A line with part of a definition that counts: the definition may start
    // after the line does (indented) and span lines (a label over two).
    let counts = |line: &Range<usize>| {
        let i = defs.partition_point(|d| d.start < line.end);
        i > 0 && line.start < defs[i - 1].end
    };
    let opens = |line: &Range<usize>| counts(line) || label_of(&body[line.clone()]).is_some_and(defined);
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    let mut prev_content = base;
    for (mut r, content_end) in ranges {
        let prev_end = joined.last().map_or(base, |p| p.end);
        let (mut join, mut from) = (false, None);
        let mut at = r.start;
        // Up the lines under the block before's last content, not past it:
        // each line is read at most twice, whatever the blocks.
        let above =
            |at: usize| line_before(body, at).filter(|l| l.start >= prev_content && !body[l.clone()].trim().is_empty());
        while let Some(line) = above(at) {
            if line.start < prev_end {
                join = opens(&line);
                if join {
                    break;
                }
            } else if opens(&line) {
                from = Some(line.start);
            }
            at = line.start;
        }
        match joined.last_mut() {
            Some(prev) if join => prev.end = r.end,
            _ => {
                r.start = from.unwrap_or(r.start);
                joined.push(r);
            }
        }
        prev_content = prev_content.max(content_end);
    }
    joined
}

/// The label of `line` if it opens like a link reference definition
/// (`[label]:`, up to three spaces in); whether it is one is the parser's call.
fn label_of(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("   ").or_else(|| line.strip_prefix("  ")).or_else(|| line.strip_prefix(' '));
    let rest = rest.unwrap_or(line).strip_prefix('[')?;
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'[' => return None,
            b']' => return (b.get(i + 1) == Some(&b':') && i > 0).then(|| &rest[..i]),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The line that ends just before the line start `at` (its line ending
/// included), if there is one.
fn line_before(body: &str, at: usize) -> Option<Range<usize>> {
    let b = body.as_bytes();
    let mut end = at.checked_sub(1)?;
    if b[end] == b'\n' && end > 0 && b[end - 1] == b'\r' {
        end -= 1;
    }
    let start = body[..end].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    Some(start..at)
}

/// Block ranges of `body` after an edit of `old_body` (whose ranges are
/// `old`), parsing only a window around the change instead of the whole
/// document; `None` when only a full parse can tell.
///
/// Why this is sound: a top-level block's start depends only on the lines
/// before it, and an edit can change how the block before it ends, so the
/// window starts two blocks before the edit. It ends one block after the first
/// old block that lies wholly in the unchanged tail; that block must come out
/// of the window parse with the same range, which shows the parse has
/// re-synchronised (an unclosed fence or HTML block would swallow it). Link
/// reference definitions resolve across the document, so any `]:` in the
/// window falls back to a full parse; when the document `has_defs`, so does
/// one in the old text's window (a definition deleted or cut short), and with
/// neither the caller keeps the definitions it has (none can start, end or
/// change but on a line with `]:`, or on the line under one, which is in the
/// window with it). The property test in `tests/props.rs` compares the result
/// with a full parse after random edits.
fn ranges_after_edit(
    old_body: &str,
    old: &[Range<usize>],
    body: &str,
    edit: &Edit,
    has_defs: bool,
) -> Option<Vec<Range<usize>>> {
    if old.is_empty() || edit.definitions.any() || old.windows(2).any(|w| w[0].end > w[1].start) {
        return None;
    }
    let (ob, nb) = (old_body.as_bytes(), body.as_bytes());
    let (p, s) = (edit.prefix, edit.suffix);
    let unchanged_tail_old = ob.len() - s;
    let shift = |i: usize| i + nb.len() - ob.len();
    // The first block the edit touches, and two before it.
    let touched = old.partition_point(|r| r.end < p);
    let first = touched.saturating_sub(2);
    let start = if first == 0 { 0 } else { old[first].start };
    // The first old block wholly in the unchanged tail.
    let j = old.partition_point(|r| r.start < unchanged_tail_old).max(touched + 1);
    let end = old.get(j + 1).map_or(body.len(), |r| shift(r.start));
    let window = body.get(start..end)?;
    let old_end = old.get(j + 1).map_or(old_body.len(), |r| r.start);
    if window.contains("]:") || (has_defs && old_body.get(start..old_end)?.contains("]:")) {
        return None;
    }
    // No definitions here: a window with `]:` in it is parsed whole (above).
    let fresh = top_level(body, start, parser(window), &[], &|_| false);
    let mut ranges: Vec<Range<usize>> = old[..first].to_vec();
    match old.get(j) {
        Some(anchor) if end < body.len() => {
            let anchor = shift(anchor.start)..shift(anchor.end);
            let at = fresh.iter().position(|r| *r == anchor)?;
            ranges.extend_from_slice(&fresh[..at]);
            ranges.extend(old[j..].iter().map(|r| shift(r.start)..shift(r.end)));
        }
        _ => ranges.extend(fresh),
    }
    Some(ranges)
}

/// Render one block's text (at `at` in the body), resolving references against
/// the document's definitions (when it has any); `true` when the HTML is
/// plain (see [`Sanitizer::sanitize_plain`]).
fn render_block(text: &str, at: usize, defs: Option<&Resolver<'_>>) -> (String, bool) {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    let Some(defs) = defs else {
        let plain = push_html_plain(&mut out, parser(text));
        return (out, plain);
    };
    // Only a block with `]:` in it can define a label again. Its own parse is
    // read for that, and one parse renders: the parser's code is large, and
    // every call site of it is another copy in the wasm.
    let first =
        if text.contains("]:") { defs.overridden(parser(text).reference_definitions(), at) } else { Vec::new() };
    // The document's definitions first, then a blank line: the block reads as it
    // does alone (a blank line ends their paragraph), and theirs count.
    let text =
        if first.is_empty() { Cow::Borrowed(text) } else { Cow::Owned(format!("{}\n\n{text}", first.join("\n"))) };
    let mut cb = |link: BrokenLink<'_>| {
        defs.refs()
            .get(link.reference.as_ref())
            .map(|d| (CowStr::from(d.dest.to_string()), CowStr::from(d.title.as_deref().unwrap_or("").to_string())))
    };
    let plain = push_html_plain(&mut out, Parser::new_with_broken_link_callback(&text, options(), Some(&mut cb)));
    (out, plain)
}

/// A block's HTML as the preview shows it: sanitized, or the sanitizer's
/// stand-in for a block over its limits (asked only when `limited`).
fn shown_html(text: &str, at: usize, defs: Option<&Resolver<'_>>, sanitizer: &dyn Sanitizer, limited: bool) -> String {
    if let Some(note) = limited.then(|| sanitizer.stand_in(text.len(), None)).flatten() {
        return note;
    }
    let (raw, plain) = render_block(text, at, defs);
    match limited.then(|| sanitizer.stand_in(text.len(), Some(&raw))).flatten() {
        Some(note) => note,
        None if plain => sanitizer.sanitize_plain(&raw),
        None => sanitizer.sanitize(&raw),
    }
}

/// Every block of `body`, rendered without sanitizing (for tests and benches).
pub fn render_blocks(body: &str) -> Vec<Block> {
    let body = &*highlight_as_fences(body);
    let (ranges, defs) = ranges_and_defs(body);
    let defs = Resolver::of(&defs);
    ranges
        .into_iter()
        .map(|r| {
            let text = body[r.clone()].to_string();
            let html = render_block(&text, r.start, defs.as_ref()).0;
            Block { range: r, text, html }
        })
        .collect()
}

/// Whether each block of `body` renders plain (tests of [`super::plain`]).
#[cfg(test)]
pub(crate) fn render_blocks_plain(body: &str) -> Vec<bool> {
    let (ranges, defs) = ranges_and_defs(body);
    let defs = Resolver::of(&defs);
    ranges.into_iter().map(|r| render_block(&body[r.clone()], r.start, defs.as_ref()).1).collect()
}

/// What changed between two renders: keep `prefix` blocks from the start and
/// `suffix` from the end, replace the `removed` old blocks between them with
/// `inserted` new ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patch {
    /// Unchanged blocks at the start.
    pub prefix: usize,
    /// Unchanged blocks at the end.
    pub suffix: usize,
    /// How many old blocks are replaced.
    pub removed: usize,
    /// The new blocks' HTML, in order.
    pub inserted: Vec<String>,
    /// When one block is replaced by one whose HTML differs from it in one
    /// run of text only (the usual keystroke), that run: the DOM may change
    /// that text node instead of parsing `inserted[0]` again.
    pub text_run: Option<TextRunEdit>,
}

/// What changed from the cached body to a new one, found in one pass each.
struct Edit {
    /// Bytes both texts start with.
    prefix: usize,
    /// Bytes both end with, after the prefix.
    suffix: usize,
    /// The new text's lines that may define a footnote (any: it is one block).
    definitions: Definitions,
}

/// How many lines of a text may define a footnote: `[^`, then `]:` later on
/// the same line (a definition's label never spans lines). Footnotes number
/// across the whole document, so a body with any is one block. A `[^` on a
/// line without (`/[^a-z]/`, a regular expression in code) is text, and the
/// blocks render apart as they do together.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Definitions(usize);

impl Definitions {
    fn of(text: &str) -> Definitions {
        Definitions(text.split('\n').filter(|l| l.find("[^").is_some_and(|i| l[i + 2..].contains("]:"))).count())
    }

    fn any(self) -> bool {
        self.0 > 0
    }

    /// Those of `new`, which differs from `old` (which has `self`) only
    /// between `prefix` and `suffix`: only the lines the change touches are read.
    fn after(self, old: &str, new: &str, prefix: usize, suffix: usize) -> Definitions {
        let touched = |t: &str| {
            let start = t[..prefix].rfind('\n').map_or(0, |i| i + 1);
            let from = t.len() - suffix;
            let end = t[from..].find('\n').map_or(t.len(), |i| from + i);
            Definitions::of(&t[start..end]).0
        };
        Definitions((self.0 + touched(new)).saturating_sub(touched(old)))
    }
}

impl Edit {
    /// The edit from `old` to `new`, its prefix and suffix ending on character
    /// boundaries of both: bytes compared one by one can stop inside a
    /// character (나 and 다 share their first byte), and a sliced update cuts
    /// the texts there.
    ///
    /// `old_definitions` are `old`'s: the new text is searched only around
    /// the change (a key at 235 KB searched the whole text, ~0.1 ms).
    fn between(old: &str, new: &str, old_definitions: Definitions) -> Edit {
        let (mut prefix, mut suffix) = crate::span::common_byte_ends(old.as_bytes(), new.as_bytes());
        // Equal bytes before these points, so a boundary in `old` is one in `new`.
        while !old.is_char_boundary(prefix) {
            prefix -= 1;
        }
        while !old.is_char_boundary(old.len() - suffix) {
            suffix -= 1;
        }
        let definitions = old_definitions.after(old, new, prefix, suffix);
        Edit { prefix, suffix, definitions }
    }
}

/// The blocks currently shown, kept between keystrokes.
#[derive(Debug, Default, Clone)]
pub struct BlockCache {
    blocks: Vec<Block>,
    /// The body's link reference definitions.
    defs: LinkDefs,
    /// The body the blocks were made from (to find what an edit changed).
    body: String,
    /// The lines of `body` that may define a footnote: kept so a key need not search it all.
    definitions: Definitions,
    /// The last slice rendered far more than its budget (one block spans the
    /// change, e.g. an unclosed code fence): slicing on would re-render that
    /// block every time, so the next call finishes in one update.
    unsliceable: bool,
}

impl BlockCache {
    /// The blocks as last rendered.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Bring the cache up to date with `body`, rendering only blocks whose
    /// text changed, and return the patch to apply to the DOM.
    pub fn update(&mut self, body: &str, sanitizer: &dyn Sanitizer) -> Patch {
        // The cache holds the body as read (same length, see `liquid_code`).
        let body = &*highlight_as_fences(body);
        let edit = Edit::between(&self.body, body, self.definitions);
        self.update_with(body, sanitizer, &edit)
    }

    /// [`BlockCache::update`] with the edit from the cached body to `body`
    /// already known: each pass over the whole text is done once per key.
    fn update_with(&mut self, body: &str, sanitizer: &dyn Sanitizer, edit: &Edit) -> Patch {
        let old_ranges: Vec<Range<usize>> = self.blocks.iter().map(|b| b.range.clone()).collect();
        let incremental = ranges_after_edit(&self.body, &old_ranges, body, edit, !self.defs.is_empty());
        let kept = incremental.is_some();
        let (ranges, defs) = match incremental {
            Some(r) => {
                // No definition in the edit's window, before or after it: they stay.
                let mut defs = std::mem::take(&mut self.defs);
                defs.shift(self.body.len() - edit.suffix, self.body.len(), body.len());
                (r, defs)
            }
            None => ranges_and_defs(body),
        };
        let mut old = std::mem::take(&mut self.blocks);
        let (prefix, suffix) = match kept || defs.resolve_alike(&self.defs) {
            true => unchanged_blocks(&old, self.body.len(), &ranges, body, edit),
            false => (0, 0),
        };
        // Reference definitions resolve across blocks; without any, a block
        // renders on its own.
        let resolver = Resolver::of(&defs);
        let removed = old.len() - prefix - suffix;
        // A body with footnotes is one block (see `block_ranges`): the limits of a
        // block are not for it, or one footnote would hide a long post's whole preview.
        let one_block = edit.definitions.any();
        // Keep unchanged blocks by moving them (no copies of their text or HTML).
        let tail: Vec<Block> = old.drain(old.len() - suffix..).collect();
        let in_place = (removed == 1 && ranges.len() - prefix - suffix == 1).then(|| old.swap_remove(prefix).html);
        old.truncate(prefix);
        let mut blocks = old;
        blocks.reserve(ranges.len() - prefix);
        let mut inserted = Vec::with_capacity(ranges.len() - prefix - suffix);
        for r in &ranges[prefix..ranges.len() - suffix] {
            let text = body[r.clone()].to_string();
            let html = shown_html(&text, r.start, resolver.as_ref(), sanitizer, !one_block);
            inserted.push(html.clone());
            blocks.push(Block { range: r.clone(), text, html });
        }
        blocks.extend(tail);
        for (b, r) in blocks.iter_mut().zip(&ranges) {
            b.range = r.clone();
        }
        // Linear in the block's HTML, as rendering it was (a body with footnotes
        // is one block: still far less than the browser parsing it again).
        let text_run = in_place.and_then(|was| super::text_run::text_run_edit(&was, &inserted[0]));
        drop(resolver);
        self.blocks = blocks;
        self.defs = defs;
        self.definitions = edit.definitions;
        body.clone_into(&mut self.body);
        Patch { prefix, suffix, removed, inserted, text_run }
    }
}

/// How many of the `old` blocks (of a text `old_len` bytes long) the new
/// blocks at `ranges` of `body` keep unchanged at the start and at the end.
fn unchanged_blocks(old: &[Block], old_len: usize, ranges: &[Range<usize>], body: &str, edit: &Edit) -> (usize, usize) {
    let same = |b: &Block, r: &Range<usize>| {
        // A block wholly in the text's unchanged start, or wholly in its
        // unchanged end and only shifted, holds the same text: no need to compare it.
        let in_start = b.range == *r && r.end <= edit.prefix;
        let in_end = b.range.start >= old_len - edit.suffix
            && r.start + old_len == b.range.start + body.len()
            && r.len() == b.range.len();
        in_start || in_end || b.text == body[r.clone()]
    };
    let mut prefix = 0;
    while prefix < old.len() && prefix < ranges.len() && same(&old[prefix], &ranges[prefix]) {
        prefix += 1;
    }
    let mut suffix = 0;
    while suffix < old.len() - prefix
        && suffix < ranges.len() - prefix
        && same(&old[old.len() - 1 - suffix], &ranges[ranges.len() - 1 - suffix])
    {
        suffix += 1;
    }
    (prefix, suffix)
}

/// Where to stop a slice of a large change: the first blank line at or after
/// `from` in `body` (a block boundary in all but fenced code and HTML; a
/// block cut anyway is simply rendered again with the next slice), else the end.
fn slice_end(body: &str, from: usize) -> usize {
    let from = (from..=body.len()).find(|&i| body.is_char_boundary(i)).unwrap_or(body.len());
    body[from..].find("\n\n").map_or(body.len(), |i| from + i + 2)
}

impl BlockCache {
    /// Like [`BlockCache::update`], but when more than `budget` bytes changed
    /// only about `budget` bytes of them are rendered: the cache then holds the
    /// change applied up to a blank line, the old text after it, and `false`
    /// says to call again (with the same or a newer body) after letting the
    /// page breathe. Calls until `true` leave the cache exactly as one
    /// `update(body)` would (tested below), each rendering a slice: no
    /// single task grows with the size of an import or a paste.
    pub fn update_sliced(&mut self, body: &str, sanitizer: &dyn Sanitizer, budget: usize) -> (Patch, bool) {
        let body = &*highlight_as_fences(body);
        // A body with footnotes is one block (see `block_ranges`): every slice
        // would re-render all of it, so slicing would be quadratic. One update.
        let edit = Edit::between(&self.body, body, self.definitions);
        if std::mem::take(&mut self.unsliceable) || edit.definitions.any() {
            return (self.update_with(body, sanitizer, &edit), true);
        }
        let (p, s) = (edit.prefix, edit.suffix);
        if body.len() - s - p <= budget {
            return (self.update_with(body, sanitizer, &edit), true);
        }
        // The change up to a blank line, then the old text after the change.
        let cut = slice_end(body, p + budget);
        if cut + s >= body.len() {
            return (self.update_with(body, sanitizer, &edit), true);
        }
        let mut partial = String::with_capacity(cut + s);
        partial.push_str(&body[..cut]);
        partial.push_str(&self.body[self.body.len() - s..]);
        // Both halves are read already (`highlight_as_fences`): not again.
        let edit = Edit::between(&self.body, &partial, self.definitions);
        let patch = self.update_with(&partial, sanitizer, &edit);
        let shown = &self.blocks[patch.prefix..patch.prefix + patch.inserted.len()];
        self.unsliceable = shown.iter().map(|b| b.text.len()).sum::<usize>() > budget.saturating_mul(4);
        (patch, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render_unsanitized;

    struct Identity;
    impl Sanitizer for Identity {
        fn sanitize(&self, html: &str) -> String {
            html.to_string()
        }
    }

    fn concat(body: &str) -> String {
        render_blocks(body).into_iter().map(|b| b.html).collect()
    }

    #[test]
    fn limits_stand_in_for_big_blocks_but_not_for_a_footnote_body() {
        use crate::markdown::{Budgeted, Limits, Omitted};
        let note = |o: Omitted| format!("<p>omitted {:?} {}</p>", o.elements, o.bytes);
        let s = Budgeted::new(&Identity, Limits { elements: 10, bytes: 100 }, &note);
        let list: String = (0..20).map(|i| format!("- {i}\n")).collect();
        let long = "word ".repeat(30);
        let body = format!("# t\n\n{list}\n{long}\n\nshort\n");
        let mut c = BlockCache::default();
        let patch = c.update(&body, &s);
        let list_html = render_unsanitized(&list);
        assert_eq!(
            patch.inserted,
            [
                render_unsanitized("# t\n"),
                format!("<p>omitted Some(21) {}</p>", list_html.len()),
                format!("<p>omitted None {}</p>", long.len() + 1),
                render_unsanitized("short\n"),
            ]
        );
        // A `[^` with no definition is text (a regular expression): still blocks, with their limits.
        let regex = format!("{body}\n```js\nconst re = /[^a-z]/;\n```\n");
        let mut c = BlockCache::default();
        assert_eq!(c.update(&regex, &s).inserted.len(), 5);
        // With a footnote the body is one block, shown whole.
        let body = format!("{body}\nref[^1]\n\n[^1]: n\n");
        let mut c = BlockCache::default();
        let patch = c.update(&body, &s);
        assert_eq!(patch.inserted, [render_unsanitized(&body)]);
    }

    /// Typing a `{% highlight %}` block's tags a key at a time, and into its
    /// code: the cache shows at every key what a whole render shows.
    #[test]
    fn highlight_blocks_typed_key_by_key_render_as_a_whole_render() {
        let end = "# Title\n\n{% highlight python %}\n# comment\n\n*x = 1*\n{% endhighlight %}\n\ntail\n";
        let mut cache = BlockCache::default();
        let mut sliced = BlockCache::default();
        for i in (0..=end.len()).filter(|&i| end.is_char_boundary(i)) {
            let body = &end[..i];
            cache.update(body, &Identity);
            while !sliced.update_sliced(body, &Identity, 8).1 {}
            let whole = render_unsanitized(body);
            let shown = |c: &BlockCache| c.blocks().iter().map(|b| b.html.as_str()).collect::<String>();
            assert_eq!(shown(&cache), whole, "{body:?}");
            assert_eq!(shown(&sliced), whole, "{body:?}");
        }
        assert!(render_unsanitized(end).contains("<code class=\"language-python\"># comment"));
        // Deleting the closing tag turns it back into text.
        let open = end.replace("{% endhighlight %}\n", "");
        cache.update(&open, &Identity);
        let shown: String = cache.blocks().iter().map(|b| b.html.as_str()).collect();
        assert_eq!(shown, render_unsanitized(&open));
        assert!(shown.contains("<h1>comment</h1>") || shown.contains(">comment</h1>"), "{shown}");
    }

    #[test]
    fn a_sliced_paste_before_a_character_sharing_its_first_bytes() {
        // 다 and 나 share their first UTF-8 byte: the byte-wise common prefix ends
        // inside a character, where the sliced update used to cut (and panic).
        let old = "제목\n\n나의 한 해\n";
        let paste = format!("다{}\n\n{}\n\n", "문단 ".repeat(1000), "끝 ".repeat(10));
        let new = old.replacen("나", &format!("{paste}나"), 1);
        let mut c = BlockCache::default();
        c.update(old, &Identity);
        let mut n = 0;
        while !c.update_sliced(&new, &Identity, 2048).1 {
            n += 1;
            assert!(n < 100, "sliced updates never finish");
        }
        let got: String = c.blocks().iter().map(|b| b.html.as_str()).collect();
        assert_eq!(got, render_unsanitized(&new));
    }

    #[test]
    fn same_length_edits_at_block_edges_re_render_their_block() {
        // An edit that keeps the text's length leaves every block range as it was:
        // only the unchanged start and end of the text may skip the comparison.
        let body = "aaa\n\nbbb\n\nccc\n\n- x\n- y\n";
        let edits = [(5, 6, "x"), (7, 8, "x"), (8, 9, "\n"), (10, 11, "x"), (12, 13, "z"), (0, 1, "b"), (18, 19, "z")];
        for (i, j, ins) in edits {
            let mut c = BlockCache::default();
            c.update(body, &Identity);
            let mut edited = body.to_string();
            edited.replace_range(i..j, ins);
            c.update(&edited, &Identity);
            let got: String = c.blocks().iter().map(|b| b.html.as_str()).collect();
            assert_eq!(got, render_unsanitized(&edited), "{i}..{j} → {ins:?}");
        }
    }

    #[test]
    fn blocks_equal_full_render_table() {
        let cases = [
            "# T\n\npara *a*\n\n- x\n- y\n\n```\ncode\n\n```\n",
            "    indented\n    code\n\ntext [ref]\n\n[ref]: http://x.y \"t\"\n",
            "> quote\n> more\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            "- [ ] todo\n- [x] done\n\n---\n\n<div>\nraw\n</div>\n",
            "text[^1]\n\n[^1]: note\n",
            "1. a\n\n   b\n2. c\n{: .captionC}\n",
            // A definition right above a line: that line is paragraph text, not an HTML block.
            "para\n\n[r]: /x\n<br/>\n\nsee [r]\n",
            "[r]: /x\r\n[s]: /y\r\n<br/>\r\n",
            // The first definition of a label counts, also for a block under a later one.
            "[r]: /first\n\n[r]: /second\nsee [r]\n",
            // A later definition of a label is ignored, but it still opens the paragraph the
            // next line continues (`<br/>` is then text, not an HTML block).
            "[r]: /u\n[r]: /v\n<br/>\n",
            "[r]: /u\n[r]: /u\n\"title\"\n<br/>\n",
            // A label written with spaces is the same label.
            "[r]: /u\n\n[ r ]: /v\n<br/>\n",
            "[r]: /u\n\n[\tr]: /v\n    code\n",
            // A line the parse leaves out after a lone CR stays out, even one like a definition.
            "    code\n\r[s]: /x\nsee [s]\n",
            // The parse gives the list the definitions after it: list and paragraph are one block.
            "- [s]: /y\n\n[r]: /u\n<br/>\n",
            "- [s]: /y\n\n[s]: /x\n\"title\"\n<br/>\n\nsee [s]\n",
            "[r]: /u\n\ntext\n\n[r]: /v\n<br/>\n\n[x][r]\n",
            "[r]: /u\n\n[r]: /v\n    not code\n",
            // A line after a lone CR that the parse leaves out stays out.
            "    code\n\r# h\n- a\n",
            // An indented definition whose label spans two lines: both lines are its.
            "  [\n r ]: /w\n[r]: /u\n<br/>\n",
            "",
            "\n\n\n",
        ];
        for body in cases {
            assert_eq!(concat(body), render_unsanitized(body), "{body:?}");
        }
    }

    /// Definitions inside a post without blank lines go with the block under
    /// them, and join no more: a post stays many blocks (one block would be
    /// over the preview's limits, and each join re-read the blocks before it).
    #[test]
    fn definition_lines_join_only_what_they_must() {
        let body = "## One\n[a]: /a\nText [a].\n## Two\n[b]: /b\nMore [b].\n";
        let texts: Vec<&str> = block_ranges(body).into_iter().map(|r| &body[r]).collect();
        assert_eq!(texts, ["## One\n", "[a]: /a\nText [a].\n", "## Two\n", "[b]: /b\nMore [b].\n"]);
        let sections: String =
            (0..300).map(|i| format!("## S {i}\n[s{i}]: /u{i}\nText [s{i}] *em*.\n- a\n- b\n")).collect();
        assert_eq!(block_ranges(&sections).len(), 900);
        // `[x]: y` under a paragraph line is its text: no definition, no join.
        assert_eq!(block_ranges(&"a\n[x]: y\n# h\n".repeat(50)).len(), 100);
        assert_eq!(concat(&sections), render_unsanitized(&sections));
    }

    #[test]
    fn update_renders_only_changed_blocks() {
        let mut cache = BlockCache::default();
        let a = "# A\n\none\n\ntwo\n\nthree\n";
        let p = cache.update(a, &Identity);
        assert_eq!((p.prefix, p.suffix, p.removed, p.inserted.len()), (0, 0, 0, 4));
        let b = "# A\n\none\n\ntwo!\n\nthree\n";
        let p = cache.update(b, &Identity);
        assert_eq!((p.prefix, p.suffix, p.removed, p.inserted.len()), (2, 1, 1, 1));
        assert_eq!(p.inserted[0], "<p>two!</p>\n");
        let html: String = cache.blocks().iter().map(|b| b.html.as_str()).collect();
        assert_eq!(html, render_unsanitized(b));
    }

    #[test]
    fn sliced_updates_end_where_one_update_does() {
        let para: String = (0..400).map(|i| format!("## 제목 {i}\n\n문단 {i}\n\n- a\n- b\n\n")).collect();
        let edits: [(&str, String); 6] = [
            ("", para.clone()),                                         // import into an empty cache
            (&para, format!("{para}{para}")),                           // paste at the end
            (&para, format!("{}{para}{}", &para[..900], &para[900..])), // paste in the middle
            (&para, para[..para.len() / 3].to_string()),                // delete most of it
            (&para, format!("```\n{para}")),                            // 4 bytes: one block of everything
            ("", format!("{para}[^1]\n\n[^1]: note\n")),                // footnotes: one block
        ];
        for (i, (from, to)) in edits.iter().enumerate() {
            let mut sliced = BlockCache::default();
            sliced.update(from, &Identity);
            let mut calls = 0;
            let mut shown: Vec<String> = sliced.blocks().iter().map(|b| b.html.clone()).collect();
            loop {
                calls += 1;
                let (patch, done) = sliced.update_sliced(to, &Identity, 2_000);
                // Each slice renders about the budget, never the whole change.
                let rendered: usize = patch.inserted.iter().map(String::len).sum();
                assert!(i >= 4 || rendered < 20_000, "edit {i}: slice rendered {rendered} bytes");
                // One block of everything is never re-rendered slice after slice.
                assert!(i < 4 || calls <= 2, "edit {i}: {calls} slices of one block");
                // The patches, applied in order, keep the shown HTML equal to the cache.
                let tail = shown.split_off(patch.prefix + patch.removed);
                shown.truncate(patch.prefix);
                shown.extend(patch.inserted);
                shown.extend(tail);
                let cached: Vec<String> = sliced.blocks().iter().map(|b| b.html.clone()).collect();
                assert_eq!(shown, cached, "edit {i}, call {calls}");
                if done {
                    break;
                }
            }
            let mut whole = BlockCache::default();
            whole.update(to, &Identity);
            assert_eq!(sliced.blocks(), whole.blocks(), "edit {i}");
            // Large insertions take several slices; a deletion or a small edit one call.
            assert_eq!(calls > 2, i < 3, "edit {i}: {calls} calls");
        }
    }

    proptest::proptest! {
        /// Counted on the lines an edit touches, as counted on the whole text.
        #[test]
        fn definitions_around_the_change_equal_a_whole_count(
            old in "[\\[\\^\\]:\na가]{0,30}", at in 0usize..31, del in 0usize..6, ins in "[\\[\\^\\]:\na]{0,6}",
        ) {
            let mut i = at.min(old.len());
            while !old.is_char_boundary(i) { i -= 1; }
            let mut j = (i + del).min(old.len());
            while !old.is_char_boundary(j) { j += 1; }
            let new = format!("{}{ins}{}", &old[..i], &old[j..]);
            let edit = Edit::between(&old, &new, Definitions::of(&old));
            proptest::prop_assert_eq!(edit.definitions, Definitions::of(&new));
        }
    }

    #[test]
    fn footnotes_are_found_around_the_change_as_in_the_whole_text() {
        // (old, new): typed, deleted or replaced next to, inside or away from a `[^` or `]:`,
        // or joining and splitting the lines they are on.
        let cases = [
            ("[^1]\n]: x", "[^1]]: x"),
            ("[^1] x\n\n[^1]: n\n\n[^2]: m", "[^1] x\n\n[^1]: n\n\n[^2]; m"),
            ("/[^a-z]/\nb[1:]: c", "/[^a-z]/ b[1:]: c"),
            ("a\n[^1]: n\nb", "a\n[^1]:\nn\nb"),
            ("[^1] a\n\n[^1] b", "[^1] a\n\n[^1]: b"),
            ("[^1]: b", "[^1] b"),
            ("x]: y [^1]", "x] y [^1]"),
            ("a ] b", "a ]: b"),
            ("a [ b", "a [^ b"),
            ("a ^ b", "a [^ b"),
            ("a", "a[^"),
            ("^1]", "[^1]"),
            ("a [^1] b", "a [1] b"),
            ("a [^1] b", "a ^1] b"),
            ("a [^1] b", "a [^1] bc"),
            ("[^1] x [^2]", "[^1] x [2]"),
            ("[^1]", ""),
            ("x[^", "x["),
            ("[^x", "^x"),
            ("", "[^"),
            ("ab", "abc"),
        ];
        for (old, new) in cases {
            for (o, n) in [(old, new), (new, old)] {
                let edit = Edit::between(o, n, Definitions::of(o));
                assert_eq!(edit.definitions, Definitions::of(n), "{o:?} -> {n:?}");
            }
        }
    }

    #[test]
    fn edits_reparse_a_window_and_agree_with_a_full_parse() {
        let old: String = (0..300).map(|i| format!("## 제목 {i}\n\n문단 {i} 입니다.\n\n- 항목\n- 항목\n\n")).collect();
        let old_ranges = block_ranges(&old);
        let mid = old.len() / 2;
        let at = (mid..).find(|&i| old.is_char_boundary(i)).unwrap();
        // (edit, must the window suffice?)
        let cases: &[(&str, bool)] = &[
            ("가", true),
            ("\n\n", true),
            ("\n---\n", true),
            ("\n```\n", false),  // an unclosed fence swallows the rest: full parse
            ("\n<div>\n", true), // an HTML block ends at the next blank line
            ("\r\r- a\r", true), // lone CRs end lines too
        ];
        for (ins, windowed) in cases {
            let mut body = old.clone();
            body.insert_str(at, ins);
            let got =
                ranges_after_edit(&old, &old_ranges, &body, &Edit::between(&old, &body, Definitions::of(&old)), false);
            assert_eq!(got.is_some(), *windowed, "{ins:?}");
            if let Some(r) = got {
                assert_eq!(r, block_ranges(&body), "{ins:?}");
            }
        }
    }

    /// A body with link reference definitions (at its end, as most posts have
    /// them): keys away from them re-parse a window and keep the definitions;
    /// an edit that may add, end or change one parses it all.
    #[test]
    fn edits_near_definitions_parse_the_whole_body() {
        let mut old: String = (0..100).map(|i| format!("## 제목 {i}\n\n[링크][r{i}] 문단 {i}\n\n")).collect();
        old.extend((0..100).map(|i| format!("[r{i}]: /u{i} \"t\"\n")));
        let old_ranges = block_ranges(&old);
        let def = old.find("[r50]:").expect("definition");
        let para = old.find("문단 50").expect("paragraph");
        let last = old.find("문단 99").expect("paragraph");
        // (where, removed, inserted, must the window suffice?)
        let cases: &[(usize, usize, &str, bool)] = &[
            (para, 0, "가", true),
            (para, 0, "\n\n", true),
            (def + 4, 1, "", false),       // `]` of `[r50]:` deleted: no definition any more
            (def - 1, 0, "text\n", false), // the line above it: a paragraph's, so text
            (def + 15, 0, " more", false), // its title
            (def + 18, 0, "\n\"title\"", false), // a title under it
            (para, 0, "[new]: /n\n\n", false),
            (last, 0, "가", false), // the window reaches the definitions
        ];
        let mut cache = BlockCache::default();
        cache.update(&old, &Identity);
        for &(at, del, ins, windowed) in cases {
            let mut body = old.clone();
            body.replace_range(at..at + del, ins);
            let edit = Edit::between(&old, &body, Definitions::of(&old));
            let got = ranges_after_edit(&old, &old_ranges, &body, &edit, true);
            assert_eq!(got.is_some(), windowed, "{ins:?} at {at}");
            if let Some(r) = got {
                assert_eq!(r, block_ranges(&body), "{ins:?}");
            }
            let mut c = cache.clone();
            c.update(&body, &Identity);
            let html: String = c.blocks().iter().map(|b| b.html.as_str()).collect();
            assert_eq!(html, render_unsanitized(&body), "{ins:?} at {at}");
        }
    }
}
