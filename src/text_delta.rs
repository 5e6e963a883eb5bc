//! What one edit of the body textarea changed, without copying the whole text
//! out of the browser per keystroke.
//!
//! The textarea speaks UTF-16 offsets, the app holds UTF-8. Converting a 1 MB
//! textarea value to a Rust `String` costs ~2 ms per key; comparing the old and
//! new JavaScript strings around the edit costs ~0.1 ms. So the body editor
//! guesses the edit from the lengths and the caret ([`guess_splice`]), has the
//! browser check that guess (both strings equal outside it), and splices only the
//! inserted text into its UTF-8 copy ([`utf16_to_byte`] finds where). Anything
//! the guess does not explain (a replaced selection, undo) falls back to reading
//! the whole value, as before.

/// An edit in UTF-16 offsets: `removed` units at `at` became `inserted` units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Splice {
    /// Where the edit starts (same in the old and the new text).
    pub at: u32,
    /// Units of the old text replaced.
    pub removed: u32,
    /// Units of the new text in their place.
    pub inserted: u32,
}

/// The edit that turns a text of `old_len` units into one of `new_len` with the
/// caret at `caret` afterwards, if it was a plain insertion ending at the caret
/// (typing, Enter, a paste) or a plain deletion at it (Backspace, Delete).
/// Only a guess: the caller checks it against both texts.
pub fn guess_splice(old_len: u32, new_len: u32, caret: u32) -> Option<Splice> {
    let s = if new_len >= old_len {
        let inserted = new_len - old_len;
        Splice { at: caret.checked_sub(inserted)?, removed: 0, inserted }
    } else {
        Splice { at: caret, removed: old_len - new_len, inserted: 0 }
    };
    (s.at.checked_add(s.removed)? <= old_len && s.at + s.inserted <= new_len).then_some(s)
}

/// The byte offset in `text` (whose length in UTF-16 units is `len16`) of the
/// UTF-16 offset `at`, walking from whichever end is nearer (typing at the end
/// of a 1 MB post walks a few bytes). `None` when `at` is past the end or
/// splits a surrogate pair, or when `len16` does not match `text`'s end.
pub fn utf16_to_byte(text: &str, len16: u32, at: u32) -> Option<usize> {
    let b = text.as_bytes();
    if at > len16 {
        return None;
    }
    if at <= len16 / 2 {
        let (mut units, mut i) = (0u32, 0usize);
        while units < at {
            let lead = *b.get(i)?;
            i += utf8_len(lead);
            units += if utf8_len(lead) == 4 { 2 } else { 1 };
        }
        (units == at && i <= b.len()).then_some(i)
    } else {
        let rest = len16 - at;
        let (mut units, mut i) = (0u32, b.len());
        while units < rest {
            let start = (0..i).rev().find(|&j| b[j] & 0xC0 != 0x80)?;
            units += if i - start == 4 { 2 } else { 1 };
            i = start;
        }
        (units == rest).then_some(i)
    }
}

/// Bytes in the UTF-8 sequence that starts with `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte offset of every UTF-16 offset, the slow way.
    fn naive(text: &str) -> Vec<Option<usize>> {
        let len16 = text.encode_utf16().count();
        let mut out = vec![None; len16 + 1];
        let mut units = 0;
        for (i, c) in text.char_indices() {
            out[units] = Some(i);
            units += c.len_utf16();
        }
        out[len16] = Some(text.len());
        out
    }

    #[test]
    fn every_offset_maps_like_the_slow_way_from_either_end() {
        let texts = ["", "a", "가", "😀", "ab😀c", "회고 😀\r\n- [x] done 🇰🇷\n", "é̃ 漢字 ﹏ 😀😀 끝"];
        for text in texts {
            let len16 = text.encode_utf16().count() as u32;
            for (at, want) in naive(text).into_iter().enumerate() {
                assert_eq!(utf16_to_byte(text, len16, at as u32), want, "{text:?} at {at}");
            }
            assert_eq!(utf16_to_byte(text, len16, len16 + 1), None, "{text:?} past the end");
        }
    }

    #[test]
    fn guesses_insertions_and_deletions_at_the_caret() {
        // (old len, new len, caret after) → guess
        let cases = [
            ((10, 11, 5), Some(Splice { at: 4, removed: 0, inserted: 1 })), // typed one char
            ((10, 12, 12), Some(Splice { at: 10, removed: 0, inserted: 2 })), // an emoji at the end
            ((10, 9, 4), Some(Splice { at: 4, removed: 1, inserted: 0 })),  // Backspace or Delete
            ((10, 10, 3), Some(Splice { at: 3, removed: 0, inserted: 0 })), // nothing, or a same-length replace (the check fails)
            ((10, 13, 2), None),                                            // caret before what was inserted
            ((10, 4, 7), None),                                             // deleted past the end
        ];
        for ((old, new, caret), want) in cases {
            assert_eq!(guess_splice(old, new, caret), want, "{old} → {new}, caret {caret}");
        }
    }
}
