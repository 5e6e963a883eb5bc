//! A browser's `<textarea>` holds `\n` line endings only: it turns `\r\n` and
//! a lone `\r` into `\n`. A post written on Windows (`\r\n`) would come back
//! from one keystroke with every line of its body rewritten. The editor works
//! on [`to_lf`] of the post and hands each edit back through [`from_textarea`],
//! which keeps the post's bytes outside the edit and gives new lines the
//! post's own ending.

use std::borrow::Cow;

use crate::split::LineEnding;

/// `text` as a textarea holds it: `\r\n` and lone `\r` as `\n`.
pub fn to_lf(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Where `text`'s byte `lf_at` of [`to_lf`] lies in `text` (from `\r` to `\r`:
/// the bytes between them are the same in both).
pub(crate) fn from_lf_offset(text: &str, lf_at: usize) -> usize {
    let b = text.as_bytes();
    let (mut i, mut k) = (0, 0);
    loop {
        let cr = text[i..].find('\r').map_or(b.len(), |n| i + n);
        if lf_at - k <= cr - i {
            return i + (lf_at - k);
        }
        k += cr - i;
        if cr == b.len() {
            return b.len();
        }
        // `\r\n` (or a lone `\r`) is one `\n` of the textarea's text.
        k += 1;
        i = cr + if b.get(cr + 1) == Some(&b'\n') { 2 } else { 1 };
    }
}

/// Where `text`'s byte `at` lies in [`to_lf`] of it.
pub fn to_lf_offset(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    at - text.as_bytes()[..at].windows(2).filter(|w| w == b"\r\n").count()
}

/// The post's text after `edited`, a textarea's text that showed [`to_lf`] of
/// `source`, in a post whose line ending is `ending`: see [`restore`]; and any
/// NUL (pasted in: the only way one gets there) as U+FFFD, since a post with
/// a NUL is a binary file to git and to the import (the draft reopened raw).
pub fn from_textarea(source: &str, edited: &str, ending: LineEnding) -> String {
    let edited =
        if edited.contains('\0') { Cow::Owned(edited.replace('\0', "\u{FFFD}")) } else { Cow::Borrowed(edited) };
    if ending == LineEnding::Lf && !source.contains('\r') {
        return edited.into_owned();
    }
    restore(source, &edited, ending)
}

/// `edited` (a textarea's text, `\n` endings) with `source`'s line endings:
/// where it still equals [`to_lf`] of `source` at its start and end, the
/// bytes of `source` (its `\r\n` and lone `\r` as they were); in between, each
/// `\n` as `ending`.
pub(crate) fn restore(source: &str, edited: &str, ending: LineEnding) -> String {
    let lf = to_lf(source);
    if lf == edited {
        return source.to_string();
    }
    let (mut p, mut s) = crate::span::common_byte_ends(lf.as_bytes(), edited.as_bytes());
    // Equal bytes before and after these points: a boundary in one is one in the other.
    while !edited.is_char_boundary(p) {
        p -= 1;
    }
    while !edited.is_char_boundary(edited.len() - s) {
        s -= 1;
    }
    let mut start = from_lf_offset(source, p);
    let end = from_lf_offset(source, lf.len() - s);
    let mut middle = edited[p..edited.len() - s].replace('\n', ending.as_str());
    // A lone `\r` just before the edit is rewritten with it where a `\n` would
    // follow it (they would join into one line break).
    while start > 0
        && source.as_bytes()[start - 1] == b'\r'
        && middle.as_bytes().first().or(source.as_bytes().get(end)) == Some(&b'\n')
    {
        p -= 1;
        start -= 1;
        middle = edited[p..edited.len() - s].replace('\n', ending.as_str());
    }
    [&source[..start], middle.as_str(), &source[end..]].concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keeps_the_posts_endings() {
        // (source, what the textarea holds after the edit, what the post becomes)
        let cases = [
            ("a\r\nb\r\n", "a\nbx\n", "a\r\nbx\r\n"),
            ("a\r\nb\r\n", "a\nnew\nb\n", "a\r\nnew\r\nb\r\n"),
            ("a\r\nb\r\n", "a\n", "a\r\n"),
            ("a\r\nb\r\n", "", ""),
            ("", "a\nb", "a\nb"),
            ("a\nb\n", "a\nb\nc\n", "a\nb\nc\n"),
            // Mixed: the lines not edited keep theirs; new ones get `\r\n`.
            ("a\nb\r\nc\n", "a\nb\nc\nd\n", "a\nb\r\nc\nd\r\n"),
            // A lone CR stays where it was, unless a line break typed right after it would join it.
            ("a\rb\r\nc", "a\nb\ncX", "a\rb\r\ncX"),
            ("a\rb\r\n", "a\nXb\n", "a\rXb\r\n"),
            ("a\rb\r\n", "a\n\nb\n", "a\r\r\nb\r\n"),
            ("a\rb", "a\n\nb", "a\n\nb"),
            ("\rX\n", "\n\n", "\n\n"),
            // Typed right after a line's end and right before the next line.
            ("가\r\n나", "가\n\n나", "가\r\n\r\n나"),
            ("가\r\n나", "가\nX나", "가\r\nX나"),
            // Hangul sharing leading bytes (나 and 다): the cut is on a character.
            ("나\r\n", "다\n", "다\r\n"),
        ];
        for (source, edited, want) in cases {
            let ending = if source.contains("\r\n") { LineEnding::CrLf } else { LineEnding::Lf };
            assert_eq!(from_textarea(source, edited, ending), want, "{source:?} + {edited:?}");
        }
        // The post's ending, not the edited text's: an empty body of a CRLF post.
        assert_eq!(from_textarea("", "a\nb", LineEnding::CrLf), "a\r\nb");
        assert_eq!(from_textarea("a", "a\nb\n", LineEnding::CrLf), "a\r\nb\r\n");
        // A NUL shows as U+FFFD.
        assert_eq!(from_textarea("", "a\0b", LineEnding::Lf), "a\u{FFFD}b");
        assert_eq!(from_textarea("x\r\n", "a\0\nx\n", LineEnding::CrLf), "a\u{FFFD}\r\nx\r\n");
    }

    #[test]
    fn offsets_map_both_ways() {
        let text = "ab\r\ncd\re\r\n";
        // to_lf: "ab\ncd\ne\n"
        assert_eq!(to_lf(text), "ab\ncd\ne\n");
        for (at, lf_at) in [(0, 0), (2, 2), (4, 3), (6, 5), (7, 6), (8, 7), (10, 8)] {
            assert_eq!(to_lf_offset(text, at), lf_at, "to {at}");
            assert_eq!(from_lf_offset(text, lf_at), at, "from {lf_at}");
        }
    }

    proptest! {
        /// Whatever the edit, the textarea's text is what comes back, the bytes
        /// before the edit are the post's own, and a post of `\r\n` lines stays one.
        #[test]
        fn restores_what_was_typed_and_keeps_the_rest(
            source in "[ab가\r\n]{0,30}", at in 0usize..40, del in 0usize..6, ins in "[c나\n]{0,5}",
        ) {
            let lf = to_lf(&source).into_owned();
            let mut i = at.min(lf.len());
            while !lf.is_char_boundary(i) { i -= 1; }
            let mut j = (i + del).min(lf.len());
            while !lf.is_char_boundary(j) { j += 1; }
            let edited = format!("{}{ins}{}", &lf[..i], &lf[j..]);
            let ending = if source.contains("\r\n") { LineEnding::CrLf } else { LineEnding::Lf };
            let out = restore(&source, &edited, ending);
            prop_assert_eq!(to_lf(&out), edited.as_str());
            // (Lone `\r`s right before the edit are rewritten with it.)
            let kept = &source[..from_lf_offset(&source, i)];
            prop_assert!(out.starts_with(kept.trim_end_matches('\r')));
            if source.contains("\r\n") && !source.replace("\r\n", "").contains(['\r', '\n']) {
                prop_assert!(!out.replace("\r\n", "").contains(['\r', '\n']), "{:?}", out);
            }
        }
    }
}
