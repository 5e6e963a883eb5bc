//! Reading zip files: the mirror of [`super::bundle`], for restoring a backup
//! of drafts. Only what [`super::bundle::zip_files`] writes is needed, so
//! only stored (uncompressed) entries are read; a deflated entry (a backup
//! re-zipped by another tool) is refused with its name rather than guessed.
//!
//! The input is hostile (any file the user picks): every offset and length
//! is checked against the buffer, nothing panics, and each entry's CRC-32 is
//! verified so a truncated or altered backup is reported, not restored.

use std::ops::Range;

use super::bundle::crc32;

/// Why a zip file could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UnzipError {
    /// No end-of-central-directory record: not a zip file (or cut short).
    #[error("not a zip file")]
    NotZip,
    /// A record points outside the file.
    #[error("zip file is truncated or damaged at byte {at}")]
    Truncated {
        /// Byte offset of the record that points outside the file.
        at: usize,
    },
    /// An entry uses compression (or zip64), which backups never do.
    #[error("{name}: compression method {method} is not supported (Hoego backups are stored, not compressed)")]
    Unsupported {
        /// The entry's name.
        name: String,
        /// Its compression method (0 = stored, 8 = deflate).
        method: u16,
    },
    /// An entry's bytes do not match its checksum.
    #[error("{name}: checksum mismatch (the file is damaged)")]
    BadCrc {
        /// The entry's name.
        name: String,
    },
    /// An entry's local header or data overlaps another entry's: a zip
    /// bomb's trick (entries all pointing at the same data expand a small
    /// file a thousandfold), never what a writer makes.
    #[error("{name}: its data overlaps another entry's (a damaged or hostile zip file)")]
    Overlap {
        /// The entry's name.
        name: String,
    },
    /// An entry's name is not UTF-8.
    #[error("entry {index}: name is not UTF-8")]
    BadName {
        /// The entry's position in the central directory.
        index: usize,
    },
}

/// Little-endian readers that fail instead of panicking.
fn u16_at(b: &[u8], at: usize) -> Result<u16, UnzipError> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]])).ok_or(UnzipError::Truncated { at })
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, UnzipError> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]])).ok_or(UnzipError::Truncated { at })
}

fn slice(b: &[u8], at: usize, len: usize) -> Result<&[u8], UnzipError> {
    at.checked_add(len).and_then(|end| b.get(at..end)).ok_or(UnzipError::Truncated { at })
}

/// Find the end-of-central-directory record (it ends the file, followed by
/// a comment of at most 65535 bytes).
fn find_eocd(b: &[u8]) -> Result<usize, UnzipError> {
    let last = b.len().checked_sub(22).ok_or(UnzipError::NotZip)?;
    let first = last.saturating_sub(0xFFFF);
    (first..=last).rev().find(|&i| b[i..i + 4] == *b"PK\x05\x06").ok_or(UnzipError::NotZip)
}

/// One central directory entry: its name, where its data starts, and how long it is.
struct Entry {
    name: String,
    method: u16,
    crc: u32,
    size: usize,
    local: usize,
}

fn central_entry(b: &[u8], at: usize, index: usize) -> Result<(Entry, usize), UnzipError> {
    if u32_at(b, at)? != 0x0201_4b50 {
        return Err(UnzipError::Truncated { at });
    }
    let method = u16_at(b, at + 10)?;
    let crc = u32_at(b, at + 16)?;
    let (csize, size) = (u32_at(b, at + 20)?, u32_at(b, at + 24)?);
    let name_len = usize::from(u16_at(b, at + 28)?);
    let skip = usize::from(u16_at(b, at + 30)?) + usize::from(u16_at(b, at + 32)?);
    let local = u32_at(b, at + 42)? as usize;
    let name = std::str::from_utf8(slice(b, at + 46, name_len)?).map_err(|_| UnzipError::BadName { index })?;
    let name = name.to_string();
    // Stored entries have equal sizes; 0xFFFFFFFF means zip64, which backups never need.
    if method != 0 || csize != size || size == u32::MAX {
        return Err(UnzipError::Unsupported { name, method });
    }
    let entry = Entry { name, method, crc, size: size as usize, local };
    Ok((entry, at + 46 + name_len + skip))
}

/// Where an entry lies, local header to the end of its data, and its data
/// (from its local header, whose name and extra field lengths may differ
/// from the central directory's). Its CRC is checked later (`check_crc`),
/// once no two entries share data.
fn entry_span<'a>(b: &'a [u8], e: &Entry) -> Result<(Range<usize>, &'a [u8]), UnzipError> {
    if u32_at(b, e.local)? != 0x0403_4b50 || u16_at(b, e.local + 8)? != e.method {
        return Err(UnzipError::Truncated { at: e.local });
    }
    let skip = usize::from(u16_at(b, e.local + 26)?) + usize::from(u16_at(b, e.local + 28)?);
    let data = slice(b, e.local + 30 + skip, e.size)?;
    Ok((e.local..e.local + 30 + skip + e.size, data))
}

/// Refuse an entry whose data does not match its CRC.
fn check_crc(name: &str, data: &[u8], crc: u32) -> Result<(), UnzipError> {
    match crc32(data) == crc {
        true => Ok(()),
        false => Err(UnzipError::BadCrc { name: name.to_string() }),
    }
}

/// Refuse entries whose spans overlap: then what is read never adds up to
/// more than the file (the restore of a 1.2 MB file made 3 GB before).
fn check_overlaps(mut spans: Vec<(Range<usize>, String)>) -> Result<(), UnzipError> {
    spans.sort_unstable_by_key(|(r, _)| r.start);
    match spans.windows(2).find(|w| w[1].0.start < w[0].0.end) {
        Some(w) => Err(UnzipError::Overlap { name: w[1].1.clone() }),
        None => Ok(()),
    }
}

/// Read every entry of a stored zip: (name, bytes) in central directory
/// order. Directory entries (names ending in `/`) are skipped.
pub fn unzip_files(b: &[u8]) -> Result<Vec<(String, Vec<u8>)>, UnzipError> {
    let eocd = find_eocd(b)?;
    let count = usize::from(u16_at(b, eocd + 10)?);
    let mut at = u32_at(b, eocd + 16)? as usize;
    let mut found = Vec::with_capacity(count.min(b.len() / 46));
    let mut spans = Vec::with_capacity(found.capacity());
    for index in 0..count {
        let (entry, next) = central_entry(b, at, index)?;
        at = next;
        if entry.name.ends_with('/') {
            continue;
        }
        // Checked before anything is copied or hashed: entries sharing data
        // cost neither memory nor a CRC each (thousands of them took seconds).
        let (span, data) = entry_span(b, &entry)?;
        spans.push((span, entry.name.clone()));
        found.push((entry.name, data, entry.crc));
    }
    check_overlaps(spans)?;
    found.into_iter().map(|(name, data, crc)| check_crc(&name, data, crc).map(|()| (name, data.to_vec()))).collect()
}

#[cfg(test)]
mod tests {
    use super::super::bundle::zip_files;
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Vec<(String, Vec<u8>)> {
        vec![
            ("manifest.json".to_string(), b"{\"drafts\":[]}".to_vec()),
            ("drafts/a1.md".to_string(), "---\ntitle: 회고\n---\n본문\r\n".as_bytes().to_vec()),
            ("empty.md".to_string(), Vec::new()),
        ]
    }

    #[test]
    fn reads_back_what_the_writer_wrote() {
        let files = sample();
        assert_eq!(unzip_files(&zip_files(&files).unwrap()).unwrap(), files);
    }

    #[test]
    fn damaged_inputs_are_errors_not_panics() {
        let z = zip_files(&sample()).unwrap();
        let mut flipped = z.clone();
        // The first entry's data starts after its 30-byte header and 13-byte name.
        flipped[30 + 13] ^= 0x20;
        let mut deflated = z.clone();
        deflated[8] = 8; // local header method
        let cd = u32::from_le_bytes(z[z.len() - 6..z.len() - 2].try_into().unwrap()) as usize;
        let mut central_deflate = z.clone();
        central_deflate[cd + 10] = 8;
        let cases: Vec<(&str, Vec<u8>, UnzipError)> = vec![
            ("empty", Vec::new(), UnzipError::NotZip),
            ("text", b"hello, not a zip at all".to_vec(), UnzipError::NotZip),
            ("cut in the middle", z[..z.len() / 2].to_vec(), UnzipError::NotZip),
            ("flipped byte", flipped, UnzipError::BadCrc { name: "manifest.json".into() }),
            ("local method differs", deflated, UnzipError::Truncated { at: 0 }),
            ("deflated entry", central_deflate, UnzipError::Unsupported { name: "manifest.json".into(), method: 8 }),
        ];
        for (what, bytes, want) in cases {
            assert_eq!(unzip_files(&bytes), Err(want), "{what}");
        }
    }

    /// Central directory entries that all point at one stored entry: each
    /// would be read whole (a 1.2 MB file restored to 3 GB).
    #[test]
    fn entries_sharing_data_are_refused() {
        let files = vec![("a.md".to_string(), vec![b'x'; 1000])];
        let z = zip_files(&files).unwrap();
        let cd = u32::from_le_bytes(z[z.len() - 6..z.len() - 2].try_into().unwrap()) as usize;
        let eocd = z.len() - 22;
        let entry = z[cd..eocd].to_vec();
        let copies = 50u16;
        let mut bomb = z[..cd].to_vec();
        for _ in 0..copies {
            bomb.extend_from_slice(&entry);
        }
        let mut end = z[eocd..].to_vec();
        end[8..10].copy_from_slice(&copies.to_le_bytes());
        end[10..12].copy_from_slice(&copies.to_le_bytes());
        end[12..16].copy_from_slice(&(entry.len() as u32 * u32::from(copies)).to_le_bytes());
        bomb.extend_from_slice(&end);
        assert_eq!(unzip_files(&bomb), Err(UnzipError::Overlap { name: "a.md".into() }));
        let two = zip_files(&[("a.md".to_string(), vec![b'x'; 100]), ("b.md".to_string(), vec![b'y'; 100])]).unwrap();
        assert_eq!(unzip_files(&two).unwrap().len(), 2, "entries side by side are fine");
    }

    #[test]
    fn a_trailing_comment_is_allowed() {
        let mut z = zip_files(&sample()).unwrap();
        let n = z.len();
        z[n - 2..].copy_from_slice(&5u16.to_le_bytes());
        z.extend_from_slice(b"hello");
        assert_eq!(unzip_files(&z).unwrap(), sample());
    }

    proptest! {
        #[test]
        fn round_trip(files in prop::collection::vec(("[a-z가-힣_-]{1,6}(/[a-z가-힣_-]{1,6}){0,2}([.][a-z]{1,3})?", prop::collection::vec(any::<u8>(), 0..200)), 0..8)) {
            // Names the writer accepts (safe, unique: see bundle::check_names), in order.
            let mut seen = std::collections::HashSet::new();
            let files: Vec<(String, Vec<u8>)> = files.into_iter().filter(|(n, _)| seen.insert(n.clone())).collect();
            prop_assert_eq!(unzip_files(&zip_files(&files).unwrap()).unwrap(), files);
        }

        #[test]
        fn any_corruption_is_an_error_or_the_same_names(pos in any::<prop::sample::Index>(), byte in any::<u8>()) {
            let mut z = zip_files(&sample()).unwrap();
            let i = pos.index(z.len());
            z[i] = byte;
            // Never a panic; whatever is read fits in the input (no length trusted blindly).
            if let Ok(files) = unzip_files(&z) {
                prop_assert!(files.len() <= 3);
                prop_assert!(files.iter().map(|(_, d)| d.len()).sum::<usize>() <= z.len());
            }
        }

        #[test]
        fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let mut b = bytes;
            b.extend_from_slice(b"PK\x05\x06");
            b.extend_from_slice(&[0xFF; 18]);
            if let Ok(files) = unzip_files(&b) {
                prop_assert!(files.iter().map(|(_, d)| d.len()).sum::<usize>() <= b.len());
            }
        }
    }
}
