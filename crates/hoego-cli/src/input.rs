//! Reading post files: UTF-8, or EUC-KR/CP949 (common in old Korean posts)
//! decoded after saying so; binary files refused with a position.

use std::path::Path;

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    /// The OS refused.
    Io(std::io::Error),
    /// NUL bytes or undecodable bytes: (line, col, message).
    NotText(usize, usize, String),
}

/// Read `path` as text. Returns the text and a note when it was not UTF-8.
pub fn read_post(path: &Path) -> Result<(String, Option<String>), ReadError> {
    let bytes = std::fs::read(path).map_err(ReadError::Io)?;
    decode(bytes)
}

/// Decode bytes as UTF-8 (taking them over: no copy of a large post), else
/// EUC-KR (CP949).
pub fn decode(bytes: Vec<u8>) -> Result<(String, Option<String>), ReadError> {
    // Notepad's "Unicode": NUL bytes in every ASCII character, after a byte order mark.
    match hoego_core::utf16::decode_utf16(&bytes) {
        Some(Ok(text)) => return Ok((text, Some("file is UTF-16: decoded it; output is UTF-8".into()))),
        Some(Err(e)) => return Err(ReadError::NotText(1, 1, e.to_string())),
        None => {}
    }
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..i].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(ReadError::NotText(line, 1, "this looks like a binary file (NUL byte), not a text post".into()));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, None)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let bytes = bytes.as_slice();
            let (text, _, had_errors) = encoding_rs::EUC_KR.decode(bytes);
            if had_errors {
                let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                let col = String::from_utf8_lossy(
                    &bytes[bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1)..at],
                )
                .chars()
                .count()
                    + 1;
                Err(ReadError::NotText(line, col, "not UTF-8 and not EUC-KR/CP949 text".into()))
            } else {
                Ok((text.into_owned(), Some("file is EUC-KR (CP949), not UTF-8: decoded it; output is UTF-8".into())))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_table() {
        let (euc, _, _) = encoding_rs::EUC_KR.encode("---\ntitle: 회고\n---\n");
        assert_eq!(decode(euc.to_vec()).unwrap().0, "---\ntitle: 회고\n---\n");
        assert!(decode(euc.to_vec()).unwrap().1.is_some());
        assert!(decode(b"plain".to_vec()).unwrap().1.is_none());
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("---\ntitle: 회고\n---\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(utf16.clone()).unwrap().0, "---\ntitle: 회고\n---\n");
        assert!(decode(utf16.clone()).unwrap().1.is_some_and(|n| n.contains("UTF-16")));
        assert!(matches!(decode([utf16, vec![0x41]].concat()), Err(ReadError::NotText(1, 1, _))));
        assert!(matches!(decode(b"ab\ncd\0".to_vec()), Err(ReadError::NotText(2, 1, _))));
        assert!(matches!(decode(vec![b'a', 0xff, 0xff, 0xff]), Err(ReadError::NotText(1, 2, _))));
    }
}
