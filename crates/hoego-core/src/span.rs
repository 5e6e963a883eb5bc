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

#[cfg(test)]
mod tests {
    use super::common_ends;

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
        }
    }
}
