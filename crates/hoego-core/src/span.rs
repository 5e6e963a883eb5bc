//! The one span in which two versions of a text differ.

/// The lengths of the longest common prefix of `old` and `new` and of the
/// longest common suffix of what follows it (the two never overlap):
/// `old[p..old.len() - s]` became `new[p..new.len() - s]`. Any unit: bytes of
/// UTF-8, or the UTF-16 units a textarea speaks.
pub fn common_ends<T: PartialEq>(old: &[T], new: &[T]) -> (usize, usize) {
    let p = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let s = old[p..].iter().rev().zip(new[p..].iter().rev()).take_while(|(a, b)| a == b).count();
    (p, s)
}

/// [`common_ends`] of two byte strings, eight bytes at a time: a key typed in
/// a long body compares all of it (at 235 KB, ~0.1 ms one byte at a time in the
/// size-tuned wasm).
pub(crate) fn common_byte_ends(old: &[u8], new: &[u8]) -> (usize, usize) {
    const W: usize = 8;
    let word = |s: &[u8], i: usize| {
        let mut w = [0; W];
        w.copy_from_slice(&s[i..i + W]);
        u64::from_ne_bytes(w)
    };
    let n = old.len().min(new.len());
    let mut p = 0;
    while p + W <= n && word(old, p) == word(new, p) {
        p += W;
    }
    while p < n && old[p] == new[p] {
        p += 1;
    }
    // The suffix never reaches into the prefix.
    let (most, ol, nl) = (n - p, old.len(), new.len());
    let mut s = 0;
    while s + W <= most && word(old, ol - s - W) == word(new, nl - s - W) {
        s += W;
    }
    while s < most && old[ol - s - 1] == new[nl - s - 1] {
        s += 1;
    }
    (p, s)
}

#[cfg(test)]
mod tests {
    use super::{common_byte_ends, common_ends};
    use proptest::prelude::*;

    #[test]
    fn table() {
        // (old, new, prefix, suffix)
        let cases = [
            ("", "", 0, 0),
            ("abc", "abc", 3, 0),
            ("abc", "axc", 1, 1),
            ("aaa", "aaaa", 3, 0), // the suffix never reaches into the prefix
            ("abcd", "ad", 1, 1),
            ("x", "", 0, 0),
        ];
        for (old, new, p, s) in cases {
            assert_eq!(common_ends(old.as_bytes(), new.as_bytes()), (p, s), "{old:?} → {new:?}");
            assert_eq!(common_byte_ends(old.as_bytes(), new.as_bytes()), (p, s), "{old:?} → {new:?}");
        }
    }

    proptest! {
        /// Word at a time finds what byte at a time finds, edits near either end included.
        #[test]
        fn bytes_word_at_a_time_equal_one_at_a_time(
            base in "[ab]{0,40}", at in 0usize..41, del in 0usize..12, ins in "[ab]{0,12}",
        ) {
            let i = at.min(base.len());
            let j = (i + del).min(base.len());
            let new = format!("{}{ins}{}", &base[..i], &base[j..]);
            prop_assert_eq!(common_byte_ends(base.as_bytes(), new.as_bytes()), common_ends(base.as_bytes(), new.as_bytes()));
        }
    }
}
