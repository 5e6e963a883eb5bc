//! A body's link reference definitions, kept between keystrokes.
//!
//! Blocks render one at a time, but a reference resolves against the whole
//! document's definitions. Parsing the whole body on each key to find them
//! cost ~2.8 ms a key natively at 235 KB (56× a key without definitions). The
//! block cache keeps them here instead, written out as a small document of
//! their own, and parses the whole body again only when an edit can change them
//! (see `blocks::ranges_after_edit`).

use std::cell::OnceCell;
use std::ops::Range;

use pulldown_cmark::{Parser, RefDefs};

use super::options::parser;

/// The definitions that count in a body (the first of each label), one
/// `[label]: <dest> "title"` line each, in the order they are written.
///
/// Equal texts resolve every reference alike, so the text is their fingerprint.
#[derive(Debug, Clone, Default)]
pub(crate) struct LinkDefs {
    text: String,
    /// Where each definition's line starts in `text`.
    lines: Vec<usize>,
    /// Where each definition is in the body (sorted).
    spans: Vec<Range<usize>>,
}

impl LinkDefs {
    /// The definitions of a parse of the whole body.
    pub(crate) fn of(p: &Parser<'_>) -> LinkDefs {
        let mut defs: Vec<_> = p.reference_definitions().iter().collect();
        defs.sort_unstable_by_key(|(_, d)| d.span.start);
        let mut out = LinkDefs::default();
        for (label, d) in defs {
            out.lines.push(out.text.len());
            out.spans.push(d.span.clone());
            out.text.push_str(&format!("[{label}]: <{}>", escaped(&d.dest)));
            if let Some(title) = &d.title {
                out.text.push_str(&format!(" \"{}\"", escaped(title)));
            }
            out.text.push('\n');
        }
        out
    }

    /// Whether there are none.
    pub(crate) fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Where each definition is in the body, in order.
    pub(crate) fn spans(&self) -> &[Range<usize>] {
        &self.spans
    }

    /// Whether every reference resolves alike under both.
    pub(crate) fn resolve_alike(&self, other: &LinkDefs) -> bool {
        self.text == other.text
    }

    /// Follow an edit that replaced the body's bytes from `from` on (old
    /// coordinates) up to its unchanged end, which holds every definition after
    /// it; the caller has made sure none was in between.
    pub(crate) fn shift(&mut self, from: usize, old_len: usize, new_len: usize) {
        for span in self.spans.iter_mut().filter(|s| s.start >= from) {
            // The span is in the unchanged end, which `new_len` holds whole: no underflow.
            *span = span.start + new_len - old_len..span.end + new_len - old_len;
        }
    }
}

/// The definitions as blocks resolve against them: parsed when a block first
/// asks (most keys render a block with no reference in it).
pub(crate) struct Resolver<'a> {
    defs: &'a LinkDefs,
    parse: OnceCell<Parser<'a>>,
}

impl<'a> Resolver<'a> {
    /// `None` when there are no definitions.
    pub(crate) fn of(defs: &'a LinkDefs) -> Option<Resolver<'a>> {
        (!defs.is_empty()).then(|| Resolver { defs, parse: OnceCell::new() })
    }

    /// The definitions, by label.
    pub(crate) fn refs(&self) -> &RefDefs<'_> {
        self.parse.get_or_init(|| parser(&self.defs.text)).reference_definitions()
    }

    /// The definitions that count for labels that a block (at `at` in the body,
    /// defining `block`) defines again, as lines to put before it: alone, the
    /// block's own would count. Written from the parsed destination and title,
    /// not copied from the body, where a definition inside a quote or list
    /// carries their markers.
    pub(crate) fn overridden(&self, block: &RefDefs<'_>, at: usize) -> Vec<&'a str> {
        if block.iter().next().is_none() {
            return Vec::new();
        }
        // In any order: each line defines its own label.
        let refs = self.refs();
        block
            .iter()
            .filter_map(|(label, own)| refs.get(label).map(|d| (self.index(d.span.start), own)))
            .filter(|(i, own)| self.defs.spans[*i].start != at + own.span.start)
            .map(|(i, _)| self.line(i))
            .collect()
    }

    /// Which definition starts at `start` in the written-out text.
    fn index(&self, start: usize) -> usize {
        self.defs.lines.partition_point(|&l| l <= start) - 1
    }

    /// Definition `i`'s line, without its line break.
    fn line(&self, i: usize) -> &'a str {
        let end = self.defs.lines.get(i + 1).map_or(self.defs.text.len(), |&e| e);
        self.defs.text[self.defs.lines[i]..end].trim_end_matches('\n')
    }
}

/// `s` written so that, read back as a link destination in `<…>` or a title in
/// quotes, it is `s` again: a backslash before each ASCII punctuation
/// character, a numeric character reference for each control character (a
/// line break from `&#10;` cannot be written as itself).
fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c.is_control() {
            out.push_str(&format!("&#{};", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each definition, written out and read back, resolves as in the body.
    #[test]
    fn written_definitions_read_back_alike() {
        let bodies = [
            "[a]: /u\n[B  c]: <x y> \"t\"\n[d]: /v 'single'\n[e]: /w (paren)\n",
            "[r]: /a&#10;b \"line&#10;break\"\n[s]: /q\\)x \"\\\"q\\\" &amp; \\\\\"\n",
            "> [q]: /in-quote\n\n- [l]: /in-list\n  \"title\"\n",
            "[한글 라벨]: /경로?x=1&y=2 \"제목 😀\"\n[Straße]: /s\n",
            "[x]: <>\n[y]: /dup\n[Y]: /ignored\n",
        ];
        for body in bodies {
            let whole = parser(body);
            let defs = LinkDefs::of(&whole);
            let resolver = Resolver::of(&defs).expect("definitions");
            let (want, got) = (whole.reference_definitions(), resolver.refs());
            assert_eq!(want.iter().count(), got.iter().count(), "{body:?} → {:?}", defs.text);
            for (label, d) in want.iter() {
                let r = got.get(label).unwrap_or_else(|| panic!("{label:?} of {body:?} → {:?}", defs.text));
                assert_eq!((&r.dest, &r.title), (&d.dest, &d.title), "{body:?}");
                assert_eq!(defs.spans[resolver.index(r.span.start)], d.span, "{body:?}");
            }
        }
    }

    #[test]
    fn shift_moves_only_the_definitions_after_the_edit() {
        let body = "[a]: /1\n\ntext\n\n[b]: /2\n";
        let mut defs = LinkDefs::of(&parser(body));
        defs.shift(10, body.len(), body.len() + 3);
        assert_eq!(defs.spans, [0..7, 18..25]);
    }
}
