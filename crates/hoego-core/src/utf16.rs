//! UTF-16 text files, as Windows Notepad saves "Unicode" (and "Unicode big
//! endian"): always with a byte order mark, and full of NUL bytes, which made
//! them look binary to the import. Pure: the CLI and the app read the bytes.

/// Why bytes with a UTF-16 byte order mark are not a post's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Utf16Error {
    /// An unpaired surrogate or an odd trailing byte.
    #[error("broken UTF-16 at byte {}", .at + 1)]
    Broken {
        /// Offset of its first byte.
        at: usize,
    },
    /// A NUL character, as in a binary file that happens to start like one.
    #[error("this looks like a binary file (NUL character), not a text post")]
    Nul {
        /// Offset of its first byte.
        at: usize,
    },
}

/// The text of `bytes` if they start with a UTF-16 byte order mark (LE `FF FE`,
/// BE `FE FF`), without the mark, or why it is none; `None` for any other file.
pub fn decode_utf16(bytes: &[u8]) -> Option<Result<String, Utf16Error>> {
    let unit: fn([u8; 2]) -> u16 = match bytes {
        [0xFF, 0xFE, ..] => u16::from_le_bytes,
        [0xFE, 0xFF, ..] => u16::from_be_bytes,
        _ => return None,
    };
    let body = &bytes[2..];
    if body.len() % 2 == 1 {
        return Some(Err(Utf16Error::Broken { at: bytes.len() - 1 }));
    }
    let units = body.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(body.len());
    // Units read so far: a character outside the BMP is two.
    let mut read = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok('\0') => return Some(Err(Utf16Error::Nul { at: 2 + 2 * read })),
            Ok(c) => {
                out.push(c);
                read += c.len_utf16();
            }
            Err(_) => return Some(Err(Utf16Error::Broken { at: 2 + 2 * read })),
        }
    }
    Some(Ok(out))
}

#[cfg(test)]
mod tests {
    use super::{decode_utf16, Utf16Error};

    fn le(s: &str) -> Vec<u8> {
        let mut b = vec![0xFF, 0xFE];
        b.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        b
    }

    type Case = (Vec<u8>, Option<Result<String, Utf16Error>>);

    #[test]
    fn notepad_unicode_files_are_read() {
        let text = "---\r\ntitle: 회고 🎉\r\n---\r\n본문\r\n";
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let cases: Vec<Case> = vec![
            (le(text), Some(Ok(text.to_string()))),
            (be, Some(Ok(text.to_string()))),
            (le(""), Some(Ok(String::new()))),
            ([le("ab"), vec![0x41]].concat(), Some(Err(Utf16Error::Broken { at: 6 }))),
            ([le("a"), vec![0x00, 0xD8]].concat(), Some(Err(Utf16Error::Broken { at: 4 }))),
            ([le("🎉a"), vec![0x00, 0xDC]].concat(), Some(Err(Utf16Error::Broken { at: 8 }))),
            (le("a\0b"), Some(Err(Utf16Error::Nul { at: 4 }))),
            (b"---\ntitle: x\n".to_vec(), None),
            (vec![0xEF, 0xBB, 0xBF, b'a'], None),
        ];
        for (bytes, want) in cases {
            assert_eq!(decode_utf16(&bytes), want, "{bytes:?}");
        }
    }
}
