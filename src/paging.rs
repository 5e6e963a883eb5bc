//! Editing a very long body a page of lines at a time.
//!
//! Why: Chromium's textarea costs grow with its number of lines, and nothing
//! in the page can slice them. Measured on this project's 2-core machine
//! (BENCHMARKS.md): showing a textarea lays out every line, ~6 µs each, so
//! 75,000 short lines (256 KB of `<div>` blocks) froze the tab for 0.5 s on
//! opening; and a Hangul syllable typed at the end of a textarea of prose costs
//! ~16 ms at 1,000 lines, ~60 ms at 2,000, ~110 ms at 3,000, ~310 ms at 5,000
//! and over 3 s at 14,000 (an ASCII key ~18 ms throughout). Past
//! [`PAGED_OVER`] lines (the fixtures' longest post has under 300) the
//! editor holds [`PAGE_LINES`] lines at a time and the rest of the body waits
//! beside it, untouched. A page is a byte range from a line start to the end
//! of its last line; the newline after it belongs to the text after it (in the
//! textarea, the page's last line is its last: nothing typed there can run
//! into the next page's first line). The editor pages the textarea's text,
//! which has `\n` endings only (a CRLF post's edits go back in CRLF through
//! `hoego_core::line_endings`).

use std::ops::Range;

/// Bodies with more line breaks than this are edited a page at a time.
pub const PAGED_OVER: usize = 4_000;
/// Lines in a page.
pub const PAGE_LINES: usize = 2_000;

/// How many `\n` a text holds.
pub fn newlines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

/// Should `body` be edited a page at a time?
pub fn is_long(body: &str) -> bool {
    newlines(body) > PAGED_OVER && !body.contains('\r')
}

/// The start of the line holding byte `at` (`at` past the end means the end).
fn line_start(body: &str, at: usize) -> usize {
    let at = at.min(body.len());
    body.as_bytes()[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
}

/// The start of the line `n` lines after the line starting at `from` (or the end).
fn lines_after(body: &str, from: usize, n: usize) -> usize {
    body.as_bytes()[from..]
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(n.saturating_sub(1))
        .map_or(body.len(), |(i, _)| from + i + 1)
}

/// The start of the line `n` lines before the line starting at `to` (or 0).
fn lines_before(body: &str, to: usize, n: usize) -> usize {
    // `to` is a line start: the `\n` just before it ends the previous line.
    let head = &body.as_bytes()[..to.saturating_sub(1)];
    head.iter()
        .rev()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| head.len() - i)
}

/// The page that starts at the line holding byte `at`.
pub fn page_at(body: &str, at: usize) -> Range<usize> {
    let start = line_start(body, at);
    let next_line = lines_after(body, start, PAGE_LINES);
    // Up to the newline that ends its last line, unless the body ends there.
    start..if next_line < body.len() { next_line - 1 } else { body.len() }
}

/// The page after `page`, if the body goes on past it.
pub fn next(body: &str, page: &Range<usize>) -> Option<Range<usize>> {
    (page.end < body.len()).then(|| page_at(body, page.end + 1))
}

/// The page before `page`: the [`PAGE_LINES`] lines that end where it starts,
/// and any fewer than a quarter page before those (pages that grew by lines
/// typed on them no longer start at multiples of [`PAGE_LINES`]: turning back
/// once ended in a page of one line; a first page of at most 1.25 pages is
/// still quick to type in).
pub fn prev(body: &str, page: &Range<usize>) -> Option<Range<usize>> {
    (page.start > 0).then(|| {
        let start = lines_before(body, page.start, PAGE_LINES);
        let start = if newlines(&body[..start]) < PAGE_LINES / 4 { 0 } else { start };
        start..page.start - 1
    })
}

/// Where byte `at` of `old` is in `new`, which differs from it in one span:
/// before the span it stays, after it it moves by the length change, inside it
/// it goes to the span's start. (For an edit from outside the page, such as
/// another tab's save or the goal summary's refresh.)
pub fn follow(old: &str, new: &str, at: usize) -> usize {
    let (o, n) = (old.as_bytes(), new.as_bytes());
    let mut prefix = o.iter().zip(n).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let most = o.len().min(n.len()) - prefix;
    let suffix = o.iter().rev().zip(n.iter().rev()).take(most).take_while(|(a, b)| a == b).count();
    if at <= prefix {
        at
    } else if at >= o.len() - suffix {
        at + n.len() - o.len()
    } else {
        prefix
    }
}

/// First and last line numbers (1-based) of `page` in `body`, and the body's
/// line count: the plain definition, which the tests hold [`numbers`] to.
#[cfg(test)]
pub(crate) fn line_numbers(body: &str, page: &Range<usize>) -> (usize, usize, usize) {
    let (before, after) = (newlines(&body[..page.start]), newlines(&body[page.end..]));
    numbers(before, &body[page.clone()], after, !body.ends_with('\n'))
}

/// [`line_numbers`] from counts kept beside the page (the editor counts the
/// text around its page once per page, not on every key): `before` and
/// `after` line breaks around `page`, and whether the body's last line has no
/// line break (an empty body counts as one open line).
pub fn numbers(before: usize, page: &str, after: usize, open_end: bool) -> (usize, usize, usize) {
    let first = before + 1;
    let lines = newlines(page) + usize::from(!page.is_empty() && !page.ends_with('\n'));
    let total = before + newlines(page) + after + usize::from(open_end);
    (first, (first + lines).saturating_sub(1).max(first), total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(lines: usize) -> String {
        (0..lines).map(|i| format!("line {i}\n")).collect()
    }

    /// The pages from the first to the last, joined by the newlines between them.
    fn joined(text: &str, pages: &[Range<usize>]) -> String {
        pages.iter().map(|p| &text[p.clone()]).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn pages_tile_the_body_forward_and_back() {
        for n in [0, 1, PAGE_LINES - 1, PAGE_LINES, PAGE_LINES + 1, 3 * PAGE_LINES + 7] {
            for text in [body(n), format!("{}tail without newline", body(n)), format!("{}\n", body(n))] {
                let mut pages = vec![page_at(&text, 0)];
                while let Some(p) = next(&text, pages.last().unwrap()) {
                    pages.push(p);
                }
                assert_eq!(joined(&text, &pages), text, "{n} lines forward");
                for p in &pages[..pages.len() - 1] {
                    // Every page but the last ends at the end of a line, not after its newline.
                    assert_eq!(newlines(&text[p.clone()]), PAGE_LINES - 1);
                    assert_eq!(text.as_bytes()[p.end], b'\n');
                }
                // Back from the last page gives the same pages.
                let mut back = vec![pages.last().unwrap().clone()];
                while let Some(p) = prev(&text, back.last().unwrap()) {
                    back.push(p);
                }
                back.reverse();
                assert_eq!(back, pages, "{n} lines back");
            }
        }
    }

    #[test]
    fn turning_back_after_a_page_grew_leaves_no_sliver_page() {
        let text = body(3 * PAGE_LINES);
        let second = next(&text, &page_at(&text, 0)).unwrap();
        // Five lines typed on page 2: page 3 now starts five lines later than a multiple.
        let grown = format!("{}{}{}", &text[..second.start], "new\n".repeat(5), &text[second.start..]);
        let third = page_at(&grown, second.start + 5 * 4 + second.len() + 1);
        let back = prev(&grown, &third).unwrap();
        assert_eq!(newlines(&grown[back.clone()]), PAGE_LINES - 1);
        // The first page takes the five lines left over, not a page of its own.
        let first = prev(&grown, &back).unwrap();
        assert_eq!(first.start, 0);
        assert_eq!(newlines(&grown[first.clone()]), PAGE_LINES + 5 - 1);
        assert_eq!(prev(&grown, &first), None);
    }

    #[test]
    fn follow_maps_a_byte_across_one_change() {
        // (old, new, at, where it goes)
        let table = [
            ("abc\ndef\n", "abc\ndef\n", 4, 4),
            ("abc\ndef\n", "xxabc\ndef\n", 4, 6),
            ("abc\ndef\n", "abc\ndef\nmore\n", 4, 4),
            ("abc\ndef\n", "a\ndef\n", 4, 2),
            ("abc\ndef\n", "abXYZ\n", 4, 2),
            ("한글\n끝\n", "한국어\n끝\n", 7, 10),
            ("한글\n끝\n", "한국어\n끝\n", 3, 3),
        ];
        for (old, new, at, want) in table {
            assert_eq!(follow(old, new, at), want, "{old:?} -> {new:?} at {at}");
        }
    }

    #[test]
    fn a_page_starts_at_the_line_holding_a_byte() {
        let text = "ab\ncd\nef";
        // (at, page start)
        for (at, start) in [(0, 0), (2, 0), (3, 3), (4, 3), (7, 6), (99, 6)] {
            assert_eq!(page_at(text, at).start, start, "{at}");
        }
        assert_eq!(page_at("한글\n줄", 5).start, 0);
    }

    #[test]
    fn line_numbers_of_pages() {
        let n = 2 * PAGE_LINES + 345;
        let text = body(n);
        assert_eq!(line_numbers(&text, &page_at(&text, 0)), (1, PAGE_LINES, n));
        let second = next(&text, &page_at(&text, 0)).unwrap();
        assert_eq!(line_numbers(&text, &second), (PAGE_LINES + 1, 2 * PAGE_LINES, n));
        let third = next(&text, &second).unwrap();
        assert_eq!(line_numbers(&text, &third), (2 * PAGE_LINES + 1, n, n));
        assert!(next(&text, &third).is_none());
        let t = "a\nb";
        assert_eq!(line_numbers(t, &(0..t.len())), (1, 2, 2));
        assert_eq!(line_numbers("", &(0..0)), (1, 1, 1));
    }

    #[test]
    fn only_long_lf_bodies_are_paged() {
        assert!(!is_long(&body(PAGED_OVER)));
        assert!(is_long(&body(PAGED_OVER + 1)));
        assert!(!is_long(&body(PAGED_OVER + 1).replace('\n', "\r\n")));
    }
}
