//! Editing a very long body a page of lines at a time.
//!
//! Why: Chromium's textarea costs grow with its number of lines, and nothing
//! in the page can slice them. Measured on this project's 2-core machine
//! (BENCHMARKS.md, "Hangul through a real IME"): a syllable composed with an
//! input method (each jamo a composition update, as a Korean keyboard sends
//! them) at the end of a textarea of prose costs ~30 ms after 400 lines,
//! ~100 ms after 800, ~280 ms after 1,000, ~1.1 s after 2,000 and ~2.3 s
//! after 3,000: Blink
//! recomputes the composition's character bounds and the selection bounds for
//! the IME window on every update, at a cost that grows with the square of
//! the lines before the caret (near the top of the same text it is ~30 ms).
//! An ASCII key grows with the bytes instead (~9 ms at 60 KB, ~20 ms at
//! 235 KB), and showing 75,000 short lines froze the tab for 0.5 s. Past
//! [`PAGED_OVER`] lines (the fixtures' longest post has under 300; 400 keeps
//! a syllable at ~30 ms where 1,000 let it reach ~280 ms) the editor
//! holds [`PAGE_LINES`] lines at a time and the rest of the body waits beside
//! it, untouched. Once paged, a body stays paged while it has two pages, even
//! when joins or deletions take it to the limit or under (paging swaps the
//! textarea's text, which empties the browser's undo), until it is reopened
//! or changed from outside. A page is a byte range from a line start to the end of its
//! last line; the newline after it belongs to the text after it (in the
//! textarea, the page's last line is its last: nothing typed there can run
//! into the next page's first line). The editor pages the textarea's text,
//! which has `\n` endings only (a CRLF post's edits go back in CRLF through
//! `hoego_core::line_endings`).

use std::ops::Range;

/// Bodies with more line breaks than this are edited a page at a time.
pub const PAGED_OVER: usize = 400;
/// Lines in a page (the last page also takes a tail of under a quarter page).
pub const PAGE_LINES: usize = 200;
/// A page that typing or a paste has grown past this many line breaks is cut
/// into pages again (where the caret is), as is a whole body past [`PAGED_OVER`].
const PAGE_GROWN_OVER: usize = 2 * PAGE_LINES;

/// How many `\n` a text holds.
pub fn newlines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

/// Does `text` hold at least `n` line breaks? (Stops counting at `n`.)
fn has_lines(text: &str, n: usize) -> bool {
    n == 0 || text.bytes().filter(|&b| b == b'\n').nth(n - 1).is_some()
}

/// Should `body` be edited a page at a time?
pub fn is_long(body: &str) -> bool {
    has_lines(body, PAGED_OVER + 1) && !body.contains('\r')
}

/// Has the text the textarea holds (`paged`: a page; else the whole body),
/// with `lines` line breaks, grown past what it may hold, by typing or a
/// paste? Then it is paged anew.
pub fn overgrown(lines: usize, paged: bool) -> bool {
    lines > if paged { PAGE_GROWN_OVER } else { PAGED_OVER }
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
    // A tail of under a quarter page joins this page: typing at the end of a
    // body just past a page boundary would otherwise happen on a page of a line.
    let next_line = if has_lines(&body[next_line..], PAGE_LINES / 4) { next_line } else { body.len() };
    // Up to the newline that ends its last line, unless the body ends there.
    start..if next_line < body.len() { next_line - 1 } else { body.len() }
}

/// The page after `page`, if the body goes on past it.
pub fn next(body: &str, page: &Range<usize>) -> Option<Range<usize>> {
    (page.end < body.len()).then(|| page_at(body, page.end + 1))
}

/// The page holding byte `at`, turning pages forward from the one that starts
/// at the line holding `from` (`from` at or before `at`): the pages a reader
/// turning from there would see.
pub fn holding(body: &str, from: usize, at: usize) -> Range<usize> {
    let mut page = page_at(body, from.min(at));
    while page.end < at {
        match next(body, &page) {
            Some(p) => page = p,
            None => break,
        }
    }
    page
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

/// `mine` and `theirs` are each `old` with edits: this editor's one (a
/// composed syllable) and another's (another tab's save that came while it was
/// composed). Both, where they do not overlap: my edit's span of `old` is put,
/// with what I typed over it, where that span went in `theirs`: on the lines
/// it was on, found unchanged in `theirs` ([`anchored`]), else by [`follow`].
pub fn rebase(old: &str, mine: &str, theirs: &str) -> String {
    let (o, m) = (old.as_bytes(), mine.as_bytes());
    let mut start = o.iter().zip(m).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(start) {
        start -= 1;
    }
    let most = o.len().min(m.len()) - start;
    let mut same_end = o.iter().rev().zip(m.iter().rev()).take(most).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(o.len() - same_end) {
        same_end -= 1;
    }
    let (typed, end) = (&mine[start..m.len() - same_end], o.len() - same_end);
    let (from, to) = anchored(old, theirs, start, end).unwrap_or_else(|| {
        let from = follow(old, theirs, start);
        (from, follow(old, theirs, end).max(from))
    });
    [&theirs[..from], typed, &theirs[to..]].concat()
}

/// Where `old[start..end]` is in `theirs`, found by the whole lines it is on,
/// when `theirs` has them as they were: the same copy of them (the k-th of
/// k), or where there are more or fewer, the one nearest to where [`follow`]
/// puts them. [`follow`] alone sees one changed span, and another tab's save
/// may change several places, above and below the caret's line.
fn anchored(old: &str, theirs: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let from = line_start(old, start);
    let to = old[end..].find('\n').map_or(old.len(), |i| end + i);
    let lines = &old[from..to];
    if lines.is_empty() {
        return None;
    }
    let copies = |text: &str| -> Vec<usize> {
        let whole = |&i: &usize| {
            let after = &text[i + lines.len()..];
            (i == 0 || text.as_bytes()[i - 1] == b'\n') && (after.is_empty() || after.starts_with('\n'))
        };
        text.match_indices(lines).map(|(i, _)| i).filter(whole).collect()
    };
    let (in_old, in_theirs) = (copies(old), copies(theirs));
    let k = in_old.iter().position(|&i| i == from)?;
    let at = if in_theirs.len() == in_old.len() {
        in_theirs[k]
    } else {
        let guess = follow(old, theirs, from);
        in_theirs.into_iter().min_by_key(|&i| i.abs_diff(guess))?
    };
    Some((at + start - from, at + end - from))
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
    // A page with text after it ends in a line, an empty one included (a page
    // ending in `\n` has an empty last line); the body's end has none after `\n`.
    let lines = newlines(page) + usize::from(after > 0 || (!page.is_empty() && !page.ends_with('\n')));
    let total = before + newlines(page) + after + usize::from(open_end);
    (first, (first + lines).saturating_sub(1).max(first), total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_composed_edit_goes_into_the_body_another_edit_made() {
        // (old, mine, theirs, both)
        let table = [
            ("가나\n다라\n", "가나\n다라한\n", "맨 위\n가나\n다라\n", "맨 위\n가나\n다라한\n"),
            ("가나\n다라\n", "한가나\n다라\n", "가나\n다라\n맨 끝\n", "한가나\n다라\n맨 끝\n"),
            ("가나\n다라\n", "가나\n다한\n", "가\n다라\n", "가\n다한\n"),
            ("abc", "abXc", "abc", "abXc"),
            ("abc", "abc", "zabc", "zabc"),
            ("", "한", "그들", "한그들"),
            // Their edit took away the line I typed in: mine goes where it was.
            ("a\nbb\nc\n", "a\nbbX\nc\n", "a\nc\n", "a\nXc\n"),
            // Same characters on both sides of the syllable: boundaries stay whole.
            ("한한", "한한한", "가한한", "가한한한"),
            // Their save changed the lines above and below mine: mine stays on its line.
            ("A\nB\nC\n", "A\nB한\nC\n", "A'\nB\nC'\n", "A'\nB한\nC'\n"),
            ("가\n나\n다\n나\n", "가\n나\n다\n나한\n", "가가\n나\n다\n나\n끝\n", "가가\n나\n다\n나한\n끝\n"),
        ];
        for (old, mine, theirs, both) in table {
            assert_eq!(rebase(old, mine, theirs), both, "{old:?} / {mine:?} / {theirs:?}");
        }
    }

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
        // A last page of over a quarter page and under a whole one.
        let n = 2 * PAGE_LINES + PAGE_LINES * 2 / 3;
        let text = body(n);
        assert_eq!(line_numbers(&text, &page_at(&text, 0)), (1, PAGE_LINES, n));
        let second = next(&text, &page_at(&text, 0)).unwrap();
        assert_eq!(line_numbers(&text, &second), (PAGE_LINES + 1, 2 * PAGE_LINES, n));
        let third = next(&text, &second).unwrap();
        assert_eq!(line_numbers(&text, &third), (2 * PAGE_LINES + 1, n, n));
        assert!(next(&text, &third).is_none());
        let t = "a\nb";
        assert_eq!(line_numbers(t, &(0..t.len())), (1, 2, 2));
        // A page whose last line is empty: "a", "b", "" on it, "c" after it.
        let t = "a\nb\n\nc";
        assert_eq!(line_numbers(t, &(0..4)), (1, 3, 4));
        assert_eq!(line_numbers(t, &(5..6)), (4, 4, 4));
        // Pages of a body with an empty line at a page's end tile the line numbers.
        let lines: Vec<String> =
            (0..2 * PAGE_LINES).map(|i| if i == PAGE_LINES - 1 { String::new() } else { format!("l{i}") }).collect();
        let text = lines.join("\n");
        let first = page_at(&text, 0);
        let second = next(&text, &first).unwrap();
        assert_eq!(line_numbers(&text, &first), (1, PAGE_LINES, 2 * PAGE_LINES));
        assert_eq!(line_numbers(&text, &second), (PAGE_LINES + 1, 2 * PAGE_LINES, 2 * PAGE_LINES));
        assert_eq!(line_numbers("", &(0..0)), (1, 1, 1));
    }

    #[test]
    fn only_long_lf_bodies_are_paged() {
        assert!(!is_long(&body(PAGED_OVER)));
        assert!(is_long(&body(PAGED_OVER + 1)));
        assert!(!is_long(&body(PAGED_OVER + 1).replace('\n', "\r\n")));
    }

    #[test]
    fn a_short_tail_joins_the_last_page() {
        // (lines in the body, lines of each page forward from the first)
        let quarter = PAGE_LINES / 4;
        let table = [
            (PAGE_LINES + 1, vec![PAGE_LINES + 1]),
            (PAGE_LINES + quarter - 1, vec![PAGE_LINES + quarter - 1]),
            (PAGE_LINES + quarter, vec![PAGE_LINES, quarter]),
            (2 * PAGE_LINES + 3, vec![PAGE_LINES, PAGE_LINES + 3]),
        ];
        for (n, want) in table {
            let text = body(n);
            let mut pages = vec![page_at(&text, 0)];
            while let Some(p) = next(&text, pages.last().unwrap()) {
                pages.push(p);
            }
            let got: Vec<usize> = pages.iter().map(|p| line_numbers(&text, p)).map(|(a, b, _)| b + 1 - a).collect();
            assert_eq!(got, want, "{n} lines");
        }
    }

    #[test]
    fn holding_turns_to_the_page_of_a_byte() {
        let text = body(3 * PAGE_LINES);
        let pages: Vec<_> = std::iter::successors(Some(page_at(&text, 0)), |p| next(&text, p)).collect();
        assert_eq!(pages.len(), 3);
        for (i, p) in pages.iter().enumerate() {
            // A page's first byte, its last line's end, and a byte in between.
            for at in [p.start, p.end, (p.start + p.end) / 2] {
                assert_eq!(holding(&text, 0, at), *p, "page {i}, byte {at}");
            }
        }
        // From a later line: pages counted from there.
        let from = pages[1].start + 10 * "line 500\n".len();
        assert_eq!(holding(&text, from, from).start, from);
        assert_eq!(holding(&text, 0, text.len()), pages[2]);
    }

    #[test]
    fn a_text_is_overgrown_past_its_limit() {
        // (lines, paged, overgrown)
        let table = [
            (PAGED_OVER, false, false),
            (PAGED_OVER + 1, false, true),
            (PAGE_LINES + 1, true, false),
            (2 * PAGE_LINES, true, false),
            (2 * PAGE_LINES + 1, true, true),
        ];
        for (n, paged, want) in table {
            assert_eq!(overgrown(newlines(&body(n)), paged), want, "{n} lines, paged {paged}");
            // The whole body's limit is `is_long`'s.
            if !paged {
                assert_eq!(overgrown(n, false), is_long(&body(n)), "{n} lines");
            }
        }
    }
}
